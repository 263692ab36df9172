"""Per-outlet share of sentences called biased: our model against the experts (MBIC).

Run from the repository root:

    python benchmarks/outlets.py [--data ../shared/data/babe/final_labels_MBIC.csv] [--oof]

Every MBIC sentence goes through ``framing.analyze_frame`` (the batch pipeline) with its
outlet as metadata; a sentence counts as called biased when the model's probability is
at least 0.5 (if our splitter cuts an MBIC row in two, the row takes its highest
probability). The experts' share is the share of rows labelled "Biased" among rows
labelled "Biased" or "Non-biased" ("No agreement" rows are left out of both shares).

The shipped model was trained on BABE's SG2 file, which contains almost every MBIC
sentence, so its shares are in-sample. ``--oof`` also gives the honest figure: 5-fold
out-of-fold probabilities on SG2 with the shipped training recipe (seed 42), looked up
for the MBIC sentences; it takes several minutes.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd
from scipy.stats import spearmanr

DATA = Path(__file__).resolve().parents[2] / "shared/data/babe"
LABELS = ("Biased", "Non-biased")


def shipped_probabilities(mbic: pd.DataFrame, n_jobs: int) -> pd.Series:
    from framing import AnalyzerSpec, analyze_frame

    frame = mbic[["text", "outlet"]].assign(row=[str(i) for i in range(len(mbic))])
    tables = analyze_frame(frame, text_col="text", id_col="row", meta_cols=["outlet"],
                           analyzer=AnalyzerSpec(), n_jobs=n_jobs)
    best = tables.sentences.groupby("doc_id")["slant_probability"].max()
    return best.reindex(frame["row"]).set_axis(mbic.index)


def out_of_fold_probabilities(mbic: pd.DataFrame, sg2_path: Path) -> pd.Series:
    from framing.evaluation.train import cross_validate, read_labelled

    data = read_labelled(sg2_path, text_col="text", label_col="label_bias", positive="Biased",
                         negative="Non-biased")
    report = cross_validate(data)
    by_text = dict(zip(data.texts, report["probabilities"], strict=True))
    return mbic["text"].map(by_text)


def shares(mbic: pd.DataFrame, probability: pd.Series) -> pd.DataFrame:
    rows = mbic.assign(p=probability).dropna(subset=["p"])
    rows = rows[rows["label_bias"].isin(LABELS)]
    table = rows.groupby("outlet").agg(
        n=("p", "size"),
        experts=("label_bias", lambda s: (s == "Biased").mean()),
        model=("p", lambda p: (p >= 0.5).mean()),
        mean_p=("p", "mean"),
    )
    return table.sort_values("experts", ascending=False)


def report(name: str, table: pd.DataFrame) -> None:
    rho, p_value = spearmanr(table["experts"], table["model"])
    rho_mean, _ = spearmanr(table["experts"], table["mean_p"])
    print(f"\n{name}: {int(table['n'].sum())} sentences, {len(table)} outlets")
    print(f"{'outlet':<12} {'n':>5} {'experts':>8} {'model':>8} {'mean p':>8}")
    for outlet, row in table.iterrows():
        print(f"{outlet:<12} {int(row['n']):>5} {row['experts']:>8.3f} {row['model']:>8.3f} "
              f"{row['mean_p']:>8.3f}")
    print(f"Spearman rank correlation across outlets, share called biased vs experts' share: "
          f"rho = {rho:.3f} (p = {p_value:.3f}); with the mean probability: rho = {rho_mean:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA / "final_labels_MBIC.csv")
    parser.add_argument("--sg2", type=Path, default=DATA / "final_labels_SG2.csv")
    parser.add_argument("--oof", action="store_true", help="Also the out-of-fold figure (slow).")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    mbic = pd.read_csv(args.data)
    print(f"MBIC labels: {mbic['label_bias'].value_counts().to_dict()}")
    started = time.perf_counter()
    report("shipped model (in-sample: trained on SG2, which holds these sentences)",
           shares(mbic, shipped_probabilities(mbic, args.jobs)))
    print(f"({time.perf_counter() - started:.0f} s)")
    if args.oof:
        started = time.perf_counter()
        report("out-of-fold (5-fold CV on SG2, seed 42; honest)",
               shares(mbic, out_of_fold_probabilities(mbic, args.sg2)))
        print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
