"""MBIC as articles: a JSONL corpus for `framing batch` and a labels file for
`framing evaluate articles`, written outside the repository (never commit them).

    python benchmarks/mbic_articles.py /tmp/mbic            # writes the two files below
    framing batch /tmp/mbic/articles.jsonl --id-col id --meta-col outlet -o /tmp/mbic/out -j 1
    framing compare /tmp/mbic/out --by outlet --html /tmp/mbic/outlets.html --csv /tmp/mbic/cmp
    framing evaluate articles /tmp/mbic/out --labels /tmp/mbic/labels.csv --id-col id \\
        --label-col share_biased

``articles.jsonl``: MBIC's 918 distinct articles (``article`` column), ids ``d0``...,
with their outlet. ``labels.csv``: per article, the share of its MBIC sentences the
experts labelled "Biased" among those labelled "Biased" or "Non-biased" ("No agreement"
left out), and how many such sentences it has. The shipped slant model was trained on
BABE's SG2, which holds almost every MBIC sentence: the correlation is in-sample.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[2] / "shared/data/babe/final_labels_MBIC.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    mbic = pd.read_csv(args.data).dropna(subset=["article"])
    articles = mbic.drop_duplicates("article")[["article", "outlet"]].reset_index(drop=True)
    ids = {text: f"d{n}" for n, text in enumerate(articles["article"])}
    args.folder.mkdir(parents=True, exist_ok=True)
    with (args.folder / "articles.jsonl").open("w", encoding="utf-8") as handle:
        for text, outlet in zip(articles["article"], articles["outlet"], strict=True):
            handle.write(json.dumps({"id": ids[text], "text": text, "outlet": outlet}) + "\n")
    judged = mbic[mbic["label_bias"].isin(["Biased", "Non-biased"])]
    labels = judged.groupby(judged["article"].map(ids)).agg(
        share_biased=("label_bias", lambda s: (s == "Biased").mean()),
        n_sentences=("label_bias", "size"))
    labels.rename_axis("id").reset_index().to_csv(args.folder / "labels.csv", index=False)
    print(f"{len(articles)} articles, {len(labels)} with labelled sentences, in {args.folder}")


if __name__ == "__main__":
    main()
