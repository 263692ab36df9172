"""What each part of the stacked slant model adds: the same stratified 5-fold CV (seed 42)
as `framing evaluate slant`, with and without the lexicon base and the marked-word base.

Run from the repository root (needs ../shared):

    python benchmarks/slant_ablation.py [--without lexicon|words ...]

Each configuration takes about as long as `framing evaluate slant` (minutes).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from framing.evaluation.train import build_pipeline, cross_validate, format_metrics, read_labelled

DATA = Path(__file__).resolve().parents[2] / "shared/data/babe/final_labels_SG2.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--without", action="append", choices=["lexicon", "words"], default=[])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    data = read_labelled(args.data, negative="Non-biased", group_col="type",
                         words_col=None if "words" in args.without else "biased_words")
    lexicon = "lexicon" not in args.without
    report = cross_validate(data, pipeline_factory=lambda: build_pipeline(lexicon=lexicon))
    print(f"stack without: {', '.join(args.without) or 'nothing'}")
    print("\n".join(format_metrics(report)))
    for group, rates in report["by_group"].items():
        print(f"  {group:<10} FPR {rates['false_positive_rate']:.3f}  "
              f"FNR {rates['false_negative_rate']:.3f}")


if __name__ == "__main__":
    main()
