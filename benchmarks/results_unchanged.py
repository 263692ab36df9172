"""Do two versions of framing give the same results? (issue 26: "results unchanged")

Run once per version, then compare:

    python benchmarks/results_unchanged.py dump before.json   # in the old checkout's env
    python benchmarks/results_unchanged.py dump after.json    # in this one
    python benchmarks/results_unchanged.py compare before.json after.json

The texts: the shipped examples, the seed article (../shared/samples) and 200 BABE
sentences (../shared/data/babe) analysed one by one. Recorded: every flag (span, category,
voice, layer), every sentence's unrounded slant probability and the article score.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def texts() -> dict[str, str]:
    import pandas as pd

    found = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))}
    found["seed"] = (SHARED / "samples/000_3aa04ce601e32b4d.txt").read_text(encoding="utf-8")
    babe = pd.read_csv(SHARED / "data/babe/final_labels_SG2.csv", sep=";")
    for i, text in enumerate(babe.text.dropna().head(200)):
        found[f"babe-{i}"] = text
    return found


def dump(path: str) -> None:
    from framing import Analyzer

    analyzer = Analyzer()
    out = {}
    for name, text in texts().items():
        analysis = analyzer.analyze(text)
        out[name] = {
            "flags": [[f.start, f.end, f.category, f.voice, f.layer] for f in analysis.flags],
            "probabilities": [s.slant_probability for s in analysis.sentences],
            "score": analysis.slant.score,
        }
    Path(path).write_text(json.dumps(out), encoding="utf-8")


def compare(before_path: str, after_path: str) -> None:
    before = json.loads(Path(before_path).read_text(encoding="utf-8"))
    after = json.loads(Path(after_path).read_text(encoding="utf-8"))
    flags = sum(before[k]["flags"] == after[k]["flags"] for k in before)
    scores = sum(before[k]["score"] == after[k]["score"] for k in before)
    diffs = [abs(a - b) for k in before
             for a, b in zip(before[k]["probabilities"], after[k]["probabilities"], strict=True)
             if a is not None and b is not None]
    none_same = all([p is None for p in before[k]["probabilities"]]
                    == [p is None for p in after[k]["probabilities"]] for k in before)
    print(f"texts: {len(before)}; same flags: {flags}; same article score: {scores}; "
          f"probabilities compared: {len(diffs)}, largest difference {max(diffs):.2e}; "
          f"same sentences unscored: {none_same}")


if __name__ == "__main__":
    {"dump": dump, "compare": compare}[sys.argv[1]](*sys.argv[2:])
