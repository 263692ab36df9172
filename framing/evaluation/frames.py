"""Measuring the frame scorer: a gold set of sentences with their intended primary frame,
and frame profiles per topic of a labelled corpus (MBIC).

The shipped gold set (``framing/gold/frames.tsv``) was written for this project: 150
sentences, 10 per frame, half marked ``dev`` (read while the cue lexicon was written)
and half ``test`` (held out). A sentence without any cue counts as predicting ``other``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.evaluation.data import read_table
from framing.frames import FRAME_IDS, FrameScorer, frame_label, primary_frame
from framing.records import SentenceResult
from framing.tokenize import tokenize

GOLD_COLUMNS = ("split", "frame", "sentence")
OTHER = "other"


def read_gold(path: str | Path | None = None) -> list[tuple[str, str, str]]:
    """Gold rows ``(split, frame, sentence)``; the shipped set when ``path`` is None.

    A file of your own is TSV with the header ``split frame sentence`` (``#`` lines are
    comments); ``frame`` must be one of the 15 frame ids.
    """
    if path is None:
        source = "frames.tsv (shipped gold set)"
        text = resources.files("framing.evaluation").joinpath("gold", "frames.tsv").read_text("utf-8")
    else:
        source = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(path, f"cannot read the gold file ({err})") from None
    rows: list[tuple[str, str, str]] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if not header_seen:
            if tuple(f.lower() for f in fields) != GOLD_COLUMNS:
                raise InputError(source, f"line {number}: the header must be split, frame, "
                                 "sentence (tab-separated)")
            header_seen = True
            continue
        if len(fields) != 3 or not fields[2]:
            raise InputError(source, f"line {number}: expected 3 tab-separated fields")
        if fields[1] not in FRAME_IDS:
            raise InputError(source, f"line {number}: unknown frame {fields[1]!r}; use one of "
                             + ", ".join(FRAME_IDS))
        rows.append((fields[0], fields[1], fields[2]))
    if not rows:
        raise InputError(source, "has no gold sentences")
    return rows


def predict_primary(sentences: Sequence[str], scorer: FrameScorer | None = None) -> list[str]:
    """The primary frame of each text (its cues over all its sentences), ``other`` if none."""
    scorer = scorer or FrameScorer()
    predictions = []
    for text in sentences:
        doc = tokenize(text)
        found = scorer(doc)
        totals: dict[str, float] = defaultdict(float)
        for sentence in found:
            for cue in sentence.cues:
                if cue.kind == "policy":
                    totals[cue.frame] += cue.weight
        predictions.append(primary_frame(dict(totals)) or OTHER)
    return predictions


def evaluate_gold(path: str | Path | None = None, split: str | None = None) -> dict[str, Any]:
    """Primary-frame accuracy, per-frame precision/recall/F1 and macro-F1 on a gold set.

    ``split`` keeps only rows of that split (``dev`` or ``test`` in the shipped set).

    Examples
    --------
    >>> report = evaluate_gold(split="dev")
    >>> report["n"], 0.0 <= report["accuracy"] <= 1.0
    (75, True)
    """
    rows = read_gold(path)
    if split:
        rows = [r for r in rows if r[0] == split]
        if not rows:
            raise InputError(path or "gold set", f"has no rows in split {split!r}")
    gold = [frame for _, frame, _ in rows]
    predicted = predict_primary([sentence for _, _, sentence in rows])
    per_frame = []
    for frame in FRAME_IDS:
        tp = sum(g == p == frame for g, p in zip(gold, predicted, strict=True))
        n_pred = sum(p == frame for p in predicted)
        n_gold = sum(g == frame for g in gold)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_frame.append({"frame": frame, "label": frame_label(frame), "precision": precision,
                          "recall": recall, "f1": f1, "support": n_gold})
    scored = [row for row in per_frame if row["support"]]
    return {
        "n": len(rows),
        "split": split or "all",
        "accuracy": sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(rows),
        "macro_f1": sum(row["f1"] for row in scored) / len(scored),
        "per_frame": per_frame,
        "errors": [{"sentence": s, "gold": g, "predicted": p}
                   for (_, g, s), p in zip(rows, predicted, strict=True) if g != p],
    }


def topic_profiles(path: str | Path, *, topic_col: str = "topic", text_col: str = "article",
                   limit: int | None = None) -> list[dict[str, Any]]:
    """The mean frame distribution of the distinct texts of each topic of a CSV (e.g. MBIC).

    Each text gets its own article profile (mean over its framed sentences); a topic's
    profile is the mean over its texts. Rows are topics, largest first.
    """
    from framing.frames import attach as attach_frames
    from framing.frames import frame_profile

    table = read_table(Path(path), None, None)
    for column in (topic_col, text_col):
        if column not in table.columns:
            raise InputError(path, f"has no column {column!r}; its columns are: "
                             + ", ".join(map(str, table.columns)))
    table = table[table[text_col].notna() & table[topic_col].notna()]
    table = table.drop_duplicates(subset=[text_col])
    if limit:
        table = table.head(limit)
    scorer = FrameScorer()
    by_topic: dict[str, list[dict[str, float]]] = defaultdict(list)
    for topic, text in zip(table[topic_col].astype(str), table[text_col].astype(str),
                           strict=True):
        doc = tokenize(text)
        results = attach_frames([SentenceResult(s) for s in doc.sentences], scorer(doc))
        by_topic[topic.strip()].append(frame_profile(results)["distribution"])
    rows = []
    for topic, profiles in by_topic.items():
        mean: dict[str, float] = defaultdict(float)
        for profile in profiles:
            for frame, share in profile.items():
                mean[frame] += share / len(profiles)
        ranked = sorted(mean.items(), key=lambda kv: -kv[1])
        rows.append({"topic": topic, "n_texts": len(profiles),
                     "profile": [(frame, round(share, 3)) for frame, share in ranked]})
    return sorted(rows, key=lambda row: -row["n_texts"])
