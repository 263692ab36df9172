"""Ablation for transfer: each variant of the slant model under grouped CV and on the
out-of-domain checks, trained on BABE only. Appends one JSON line per run to
benchmarks/slant_transfer.jsonl (the table in the README comes from it).

Run from the repository root (needs ../shared), niced, one variant at a time:

    nice python benchmarks/slant_transfer.py VARIANT [--group-folds K] [--stratified]
    nice python benchmarks/slant_transfer.py --shipped     # the model in framing/models

``--group-folds K`` holds out K groups of topics (GroupKFold) instead of one topic at a
time, to explore quickly; the final figures use leave-one-topic-out (no option).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold

from framing.evaluation.train import cross_validate, read_labelled
from framing.evaluation.transfer import group_cross_validate, normalise_group, ood_figures
from framing.slant.sentence import StackedSlantClassifier

SHARED = Path(__file__).resolve().parents[2] / "shared/data"
BABE = SHARED / "babe/final_labels_SG2.csv"
OOD = [("newssd", SHARED / "newssd"), ("wnc", SHARED / "wnc_sample")]
OUT = Path(__file__).resolve().parent / "slant_transfer.jsonl"

#: name -> (classifier parameters, whether the token base gets the experts' marked words)
VARIANTS = {
    "stack (before)": ({}, True),
    "stack, names masked": ({"mask_names": True}, True),
    "no n-grams, names masked": ({"mask_names": True, "ngrams": False}, True),
    "no n-grams, no lexicon, names masked": ({"mask_names": True, "ngrams": False, "lexicon": False}, True),
    "n-grams only, names masked": ({"mask_names": True, "lexicon": False}, False),
    "stack, names masked, style cues": ({"mask_names": True, "style": True}, True),
    "stack, names masked, SVM C <= 0.03": ({"mask_names": True, "svc_Cs": (0.003, 0.01, 0.03)}, True),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variant", nargs="?", choices=sorted(VARIANTS))
    parser.add_argument("--shipped", action="store_true")
    parser.add_argument("--group-folds", type=int, default=0)
    parser.add_argument("--stratified", action="store_true", help="Also 5-fold stratified CV.")
    parser.add_argument("--no-group", action="store_true", help="Skip the grouped CV.")
    args = parser.parse_args()
    started = time.time()
    row: dict = {"variant": "shipped model" if args.shipped else args.variant}
    if args.shipped:
        from framing.slant.modelfile import load_model

        model, _ = load_model(None)
        row["ood"] = ood_figures(lambda t: model.predict_proba(t)[:, 1], OOD)
    else:
        params, marked = VARIANTS[args.variant]
        data = read_labelled(BABE, negative="Non-biased", group_col="topic",
                             words_col="biased_words" if marked else None)
        factory = lambda: StackedSlantClassifier(**params)  # noqa: E731
        words = data.marked_words

        def fit_predict(train, test):
            model = factory().fit([data.texts[i] for i in train], data.labels[train],
                                  **({"biased_words": [words[i] for i in train]} if words else {}))
            return model.predict_proba([data.texts[i] for i in test])[:, 1]

        if not args.no_group:
            row["group_cv"] = _grouped(data, fit_predict, args.group_folds)
        if args.stratified:
            cv = cross_validate(data, pipeline_factory=factory)
            row["stratified"] = {k: v["mean"] for k, v in cv["metrics"].items()}
        model = factory().fit(data.texts, data.labels, **({"biased_words": words} if words else {}))
        row["ood"] = ood_figures(lambda t: model.predict_proba(t)[:, 1], OOD)
    row["seconds"] = round(time.time() - started)
    print(json.dumps(row, indent=1))
    with OUT.open("a", encoding="utf-8") as out:
        out.write(json.dumps(row) + "\n")


def _grouped(data, fit_predict, k: int) -> dict:
    if not k:
        report = group_cross_validate(data.texts, data.labels, data.groups, fit_predict)
        report.pop("probabilities")
        return {"scheme": "leave one topic out", **report}
    keys = [normalise_group(g) for g in data.groups]
    p = np.zeros(len(keys))
    for train, test in GroupKFold(k).split(p, data.labels, keys):
        p[test] = fit_predict(train, test)
    return {"scheme": f"GroupKFold({k}) on topic",
            "macro_f1": float(f1_score(data.labels, p >= 0.5, average="macro")),
            "roc_auc": float(roc_auc_score(data.labels, p))}


if __name__ == "__main__":
    main()
