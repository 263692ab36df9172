"""Does the slant model transfer? Grouped cross-validation and out-of-domain checks.

* **Grouped CV**: each fold holds out whole groups (one topic, or one outlet), so a model
  that learned topic or outlet words gains nothing from them on the held-out fold.
* **NewsSD-ENG** (subjective vs objective news sentences): ROC AUC, subjective positive.
* **WNC pairs** (a biased Wikipedia sentence and its neutralised edit): ROC AUC of pre
  against post, and the paired accuracy: the share of pairs whose biased version gets
  the higher probability (ties count as misses).

NewsSD and WNC are checks only: nothing here trains on them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold, LeaveOneGroupOut

from framing.errors import InputError
from framing.evaluation.data import read_table

OOD_SETS = ("newssd", "wnc")
NEWSSD_FILES = ("train.csv", "val.csv", "test.csv")
WNC_SPLIT = "train"


def normalise_group(name: str) -> str:
    """Group names that differ only in case, hyphens or spacing are one group
    (BABE writes both "gun control" and "gun-control")."""
    return " ".join(name.lower().replace("-", " ").replace("_", " ").split())


def group_cross_validate(texts: Sequence[str], labels: np.ndarray, groups: Sequence[str],
                         fit_predict: Callable[[np.ndarray, np.ndarray], np.ndarray],
                         n_folds: int | None = None) -> dict[str, Any]:
    """Grouped cross-validation figures: macro-F1 and AUC pooled over all out-of-fold
    probabilities, and the mean macro-F1 over groups (each group weighs the same).

    ``fit_predict(train_rows, test_rows)`` trains on some rows and returns the
    probabilities of others. Each fold holds out one group, or with ``n_folds`` a set of
    whole groups (scikit-learn's GroupKFold: fewer fits, the same guarantee that no
    held-out group is seen in training).
    """
    keys = np.asarray([normalise_group(g) for g in groups])
    probabilities = np.zeros(len(texts))
    splitter = GroupKFold(n_folds) if n_folds else LeaveOneGroupOut()
    for train, test in splitter.split(np.zeros(len(keys)), labels, keys):
        probabilities[test] = fit_predict(train, test)
    per_group = {
        str(key): float(f1_score(labels[keys == key], probabilities[keys == key] >= 0.5,
                                 average="macro"))
        for key in sorted(set(keys))
    }
    predicted = probabilities >= 0.5
    return {
        "n_groups": len(per_group),
        "n_folds": n_folds or len(per_group),
        "macro_f1": float(f1_score(labels, predicted, average="macro")),
        "roc_auc": float(roc_auc_score(labels, probabilities)),
        "macro_f1_mean_over_groups": float(np.mean(list(per_group.values()))),
        "macro_f1_by_group": dict(sorted(per_group.items())),
        "probabilities": probabilities,
    }


# --- out-of-domain sets ------------------------------------------------------------------


def read_newssd(folder: str | Path) -> tuple[list[str], np.ndarray]:
    """All NewsSD-ENG sentences (train, val and test) and labels, 1 = subjective."""
    folder = Path(folder)
    frames = []
    for name in NEWSSD_FILES:
        table = read_table(folder / name, None, None)
        for column in ("Sentence", "Label"):
            if column not in table.columns:
                raise InputError(folder / name, f"has no column {column!r}: is it NewsSD-ENG?")
        frames.append(table)
    table = pd.concat(frames, ignore_index=True)
    table = table[table["Label"].isin(["SUBJ", "OBJ"]) & table["Sentence"].notna()]
    texts = [t.strip() for t in table["Sentence"].astype(str)]
    return texts, (table["Label"] == "SUBJ").to_numpy(dtype=int)


def read_wnc(folder: str | Path, split: str = WNC_SPLIT) -> tuple[list[str], list[str]]:
    """The aligned biased (pre) and neutralised (post) sentences of a WNC sample, with the
    published tokenisation's spaces around punctuation closed up again."""
    folder = Path(folder)
    sides = []
    for side in ("pre", "post"):
        path = folder / f"{side}.{split}"
        if not path.is_file():
            raise InputError(path, "no such file: is the folder a WNC sample?")
        sides.append([detokenise(line) for line in path.read_text(encoding="utf-8").splitlines()])
    if len(sides[0]) != len(sides[1]):
        raise InputError(folder, f"pre.{split} and post.{split} differ in length")
    return sides[0], sides[1]


_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]])")
_SPACE_AFTER = re.compile(r"([(\[$]) ")
_JOINED = re.compile(r" ([-'’]) ")


def detokenise(line: str) -> str:
    """Undo WNC's spaces around punctuation.

    >>> detokenise("the kgb ' s award - winning ( new ) film , he said .")
    "the kgb's award-winning (new) film, he said."
    """
    line = _JOINED.sub(r"\1", line.strip())
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", line))


def newssd_figures(predict: Callable[[list[str]], np.ndarray], folder: str | Path) -> dict[str, Any]:
    texts, labels = read_newssd(folder)
    p = predict(texts)
    return {"n_sentences": len(texts), "n_subjective": int(labels.sum()),
            "roc_auc": float(roc_auc_score(labels, p))}


def wnc_figures(predict: Callable[[list[str]], np.ndarray], folder: str | Path) -> dict[str, Any]:
    pre, post = read_wnc(folder)
    p = predict(pre + post)
    p_pre, p_post = p[: len(pre)], p[len(pre):]
    labels = np.r_[np.ones(len(pre)), np.zeros(len(post))]
    return {"n_pairs": len(pre), "split": WNC_SPLIT,
            "roc_auc": float(roc_auc_score(labels, p)),
            "paired_accuracy": float(np.mean(p_pre > p_post)),
            "ties": int(np.sum(p_pre == p_post))}


def ood_figures(predict: Callable[[list[str]], np.ndarray],
                sets: Sequence[tuple[str, str | Path]]) -> dict[str, Any]:
    """Figures of each named out-of-domain set (``("newssd", dir)``, ``("wnc", dir)``)."""
    figures = {}
    for name, folder in sets:
        if name not in OOD_SETS:
            raise InputError(name, f"is not a known out-of-domain set ({', '.join(OOD_SETS)})")
        figures[name] = (newssd_figures if name == "newssd" else wnc_figures)(predict, folder)
    return figures
