"""Training and cross-validating the sentence slant classifier.

The model (:class:`~framing.slant.sentence.StackedSlantClassifier`) stacks an n-gram SVM,
a token model of the words experts marked, and our own lexicon features
(:class:`~framing.slant.features.LexiconFeatures`) under a logistic meta-model trained on
cross-fitted base outputs, so that a probability of 0.8 means about 80% of such
sentences were judged biased.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import sklearn
from sklearn.metrics import (
    accuracy_score,
    brier_score_loss,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import StratifiedKFold

from framing.errors import InputError
from framing.evaluation.data import parse_word_list, read_table
from framing.lexicon import lexicon_hash, load_lexicon
from framing.slant.modelfile import save_model
from framing.slant.sentence import StackedSlantClassifier
from framing.version import __version__

SEED = 42
N_FOLDS = 5


@dataclass(frozen=True)
class LabelledSentences:
    """Sentences with binary labels (1 = biased) and optional group names per row."""

    texts: list[str]
    labels: np.ndarray
    groups: list[str] | None
    source: str
    marked_words: list[set[str]] | None = None


def build_pipeline(lexicon: bool = True, frames: bool = False) -> StackedSlantClassifier:
    """The slant classifier, untrained: see :mod:`framing.slant.sentence`.

    Its token base is trained only when ``fit`` gets the experts' marked words; ``frames``
    adds frame and moral-foundation features to its lexicon base.
    """
    return StackedSlantClassifier(lexicon=lexicon, frames=frames)


def read_labelled(
    path: str | Path,
    *,
    text_col: str = "text",
    label_col: str = "label_bias",
    positive: str = "Biased",
    negative: str | None = None,
    group_col: str | None = None,
    words_col: str | None = None,
    sep: str | None = None,
    encoding: str | None = None,
) -> LabelledSentences:
    """Read a labelled CSV (any separator, sniffed unless given) into sentences and labels.

    Rows whose label is neither ``positive`` nor, when given, ``negative`` are dropped;
    without ``negative`` every other label counts as not biased. ``words_col`` names a
    column listing the words experts marked in each sentence (a Python-literal list).
    """
    table = read_table(Path(path), sep, encoding)
    for column in (text_col, label_col, group_col, words_col):
        if column and column not in table.columns:
            raise InputError(
                path, f"has no column {column!r}; its columns are: {', '.join(map(str, table.columns))}"
            )
    labels = table[label_col].astype(str).str.strip()
    for value in (positive, negative):
        if value is not None and value not in set(labels):
            raise InputError(
                path, f"column {label_col!r} has no value {value!r}; its values are: "
                + ", ".join(sorted(set(labels))[:20])
            )
    keep = labels.isin([positive, negative]) if negative else pd.Series(True, index=table.index)
    keep &= table[text_col].notna() & (table[text_col].astype(str).str.strip() != "")
    table, labels = table[keep], labels[keep]
    y = (labels == positive).to_numpy(dtype=int)
    if len(set(y)) < 2:
        raise InputError(path, "needs both biased and non-biased rows to train or evaluate")
    groups = table[group_col].fillna("(missing)").astype(str).tolist() if group_col else None
    marked = _marked_words(path, table, words_col) if words_col else None
    return LabelledSentences(table[text_col].astype(str).tolist(), y, groups, str(path), marked)


def _marked_words(path: str | Path, table: pd.DataFrame, words_col: str) -> list[set[str]]:
    marked = []
    for row, value in zip(table.index, table[words_col], strict=True):
        try:
            marked.append(parse_word_list(value))
        except ValueError as err:
            raise InputError(path, f"row {row + 2}, column {words_col!r}: {err}") from None
    return marked


def cross_validate(
    data: LabelledSentences, *, n_folds: int = N_FOLDS, seed: int = SEED, pipeline_factory=build_pipeline
) -> dict[str, Any]:
    """Stratified k-fold figures (mean and std per metric), with out-of-fold probabilities."""
    folds = StratifiedKFold(n_splits=n_folds, shuffle=True, random_state=seed)
    probabilities = np.zeros(len(data.texts))
    per_fold: list[dict[str, float]] = []
    texts = np.asarray(data.texts, dtype=object)
    for train, test in folds.split(texts, data.labels):
        model = pipeline_factory().fit(list(texts[train]), data.labels[train],
                                       **_marked(data, train))
        p = model.predict_proba(list(texts[test]))[:, 1]
        probabilities[test] = p
        per_fold.append(fold_metrics(data.labels[test], p))
    summary = {
        name: {"mean": float(np.mean([f[name] for f in per_fold])),
               "std": float(np.std([f[name] for f in per_fold]))}
        for name in per_fold[0]
    }
    return {
        "n_sentences": len(data.texts),
        "n_folds": n_folds,
        "seed": seed,
        "metrics": summary,
        "calibration": calibration_table(data.labels, probabilities),
        "by_group": group_error_rates(data, probabilities) if data.groups else {},
        "probabilities": probabilities,
    }


def fold_metrics(y: np.ndarray, p: np.ndarray, threshold: float = 0.5) -> dict[str, float]:
    predicted = (p >= threshold).astype(int)
    return {
        "macro_f1": f1_score(y, predicted, average="macro"),
        "f1": f1_score(y, predicted),
        "precision": precision_score(y, predicted, zero_division=0),
        "recall": recall_score(y, predicted),
        "accuracy": accuracy_score(y, predicted),
        "roc_auc": roc_auc_score(y, p),
        "brier": brier_score_loss(y, p),
    }


def calibration_table(y: np.ndarray, p: np.ndarray, bins: int = 5) -> list[dict[str, float]]:
    """Mean predicted probability against the observed share of biased sentences."""
    edges = np.linspace(0, 1, bins + 1)
    rows = []
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        inside = (p >= low) & ((p < high) if high < 1 else (p <= high))
        if inside.any():
            rows.append({
                "bin": f"{low:.1f}-{high:.1f}", "n": int(inside.sum()),
                "predicted": float(p[inside].mean()), "observed": float(y[inside].mean()),
            })
    return rows


def group_error_rates(data: LabelledSentences, p: np.ndarray) -> dict[str, dict[str, float]]:
    """False-positive and false-negative rates per group (e.g. outlet leaning)."""
    groups = np.asarray(data.groups)
    predicted = p >= 0.5
    rates = {}
    for group in sorted(set(groups)):
        mine = groups == group
        negatives = mine & (data.labels == 0)
        positives = mine & (data.labels == 1)
        rates[group] = {
            "n": int(mine.sum()),
            "false_positive_rate": float(predicted[negatives].mean()) if negatives.any() else float("nan"),
            "false_negative_rate": float((~predicted[positives]).mean()) if positives.any() else float("nan"),
        }
    return rates


def _marked(data: LabelledSentences, rows: Sequence[int]) -> dict[str, Any]:
    """``fit`` keyword for the marked words of some rows, when the data has them."""
    if data.marked_words is None:
        return {}
    return {"biased_words": [data.marked_words[i] for i in rows]}


def train(data: LabelledSentences, pipeline_factory=build_pipeline) -> StackedSlantClassifier:
    return pipeline_factory().fit(data.texts, data.labels, **_marked(data, range(len(data.texts))))


def model_card(data: LabelledSentences, cv: dict[str, Any], model: StackedSlantClassifier, *,
               training_data: dict[str, Any]) -> dict[str, Any]:
    """The facts a user needs to judge the model, stored next to it as JSON."""
    return {
        "name": "framing sentence slant classifier",
        "created": dt.date.today().isoformat(),
        "framing_version": __version__,
        "sklearn_version": sklearn.__version__,
        "lexicon_hash": lexicon_hash(load_lexicon()),
        "training_data": {**training_data, "path": Path(data.source).name,
                          "n_sentences": len(data.texts),
                          "n_biased": int(data.labels.sum())},
        "cross_validation": {k: v for k, v in cv.items() if k != "probabilities"},
        "pipeline": describe(model),
        "hyperparameters": {"svc_C": model.svc_C_, "meta_C": model.meta_C_,
                            "meta_features": model.meta_features_},
    }


def describe(model: StackedSlantClassifier) -> str:
    """The model's structure in one line, for the card."""
    bases = ["hashed word 1-2-gram + char 2-5-gram (within words) IDF features -> linear SVM "
             f"(C={model.svc_C_:g})"]
    if model.token_model_ is not None:
        bases.append("token model of the experts' marked words (averaged SGD logistic) -> "
                     "per-sentence summaries of token probabilities")
    if model.lexicon_model_ is not None:
        bases.append("framing's lexicon flag features -> logistic regression")
    return ("stack of [" + "; ".join(bases) + "], base outputs cross-fitted (5-fold) into a "
            f"standardised logistic regression (C={model.meta_C_:g})")


def format_metrics(cv: dict[str, Any], metrics: Sequence[str] = (
        "macro_f1", "f1", "precision", "recall", "accuracy", "roc_auc", "brier")) -> list[str]:
    return [f"{name:<10} {cv['metrics'][name]['mean']:.3f} ± {cv['metrics'][name]['std']:.3f}"
            for name in metrics]


def train_and_save(
    data_path: str | Path, out: str | Path, *, cross_validate_first: bool = True,
    text_col: str = "text", label_col: str = "label_bias", positive: str = "Biased",
    negative: str | None = None, group_col: str | None = None, words_col: str | None = None,
    sep: str | None = None, encoding: str | None = None, citation: str = "", licence: str = "",
) -> dict[str, Any]:
    """Read labelled data, cross-validate, train on all of it, save model and card."""
    data = read_labelled(data_path, text_col=text_col, label_col=label_col, positive=positive,
                         negative=negative, group_col=group_col, words_col=words_col, sep=sep,
                         encoding=encoding)
    cv = cross_validate(data) if cross_validate_first else {}
    model = train(data)
    card = model_card(data, cv, model, training_data={
        "text_col": text_col, "label_col": label_col, "positive": positive, "negative": negative,
        "group_col": group_col, "words_col": words_col, "citation": citation, "licence": licence,
    })
    card = save_model(model, out, card)
    Path(out).with_suffix(".md").write_text(card_markdown(card), encoding="utf-8")
    return card


def card_markdown(card: dict[str, Any]) -> str:
    """A short human-readable model card."""
    data = card["training_data"]
    cv = card.get("cross_validation") or {}
    lines = [
        f"# {card['name']}",
        "",
        f"Created {card['created']} with framing {card['framing_version']} and scikit-learn "
        f"{card['sklearn_version']}. Lexicon hash `{card['lexicon_hash'][:16]}...`; model file "
        f"SHA-256 `{card['sha256']}` ({card['size_bytes'] / 1e6:.1f} MB).",
        "",
        "## What it does",
        "",
        "Gives each sentence the probability that a media-bias expert would label it biased. "
        f"Model: {card['pipeline']}. The SVM's C and the meta-model's C were chosen by "
        "inner cross-validation on the training data only. Each sentence's explanation lists "
        "the words and lexicon categories that added most to its log-odds.",
        "",
        "## Training data",
        "",
        f"`{data['path']}`: {data['n_sentences']} sentences, {data['n_biased']} labelled biased "
        f"(label column `{data['label_col']}`, positive `{data['positive']}`, negative "
        f"`{data['negative']}`)"
        + (f"; the words experts marked, from column `{data['words_col']}`, train the token base."
           if data.get("words_col") else "."),
    ]
    if data.get("citation"):
        lines += ["", f"Citation: {data['citation']}"]
    if data.get("licence"):
        lines += ["", f"Licence of the data: {data['licence']}"]
    if cv:
        lines += ["", f"## Cross-validated figures ({cv['n_folds']}-fold stratified, seed {cv['seed']})",
                  "", "| metric | mean | std |", "| --- | --- | --- |"]
        lines += [f"| {k} | {v['mean']:.3f} | {v['std']:.3f} |" for k, v in cv["metrics"].items()]
        if cv.get("calibration"):
            lines += ["", "Calibration (out-of-fold): mean predicted probability against the observed "
                      "share of biased sentences.", "", "| bin | n | predicted | observed |",
                      "| --- | --- | --- | --- |"]
            lines += [f"| {r['bin']} | {r['n']} | {r['predicted']:.3f} | {r['observed']:.3f} |"
                      for r in cv["calibration"]]
        if cv.get("by_group"):
            lines += ["", "Error rates by outlet leaning (out-of-fold, threshold 0.5):", "",
                      "| group | n | false-positive rate | false-negative rate |", "| --- | --- | --- | --- |"]
            lines += [f"| {g} | {r['n']} | {r['false_positive_rate']:.3f} | {r['false_negative_rate']:.3f} |"
                      for g, r in cv["by_group"].items()]
    lines += [
        "", "## Intended use",
        "",
        "Teaching and research: pointing readers to sentences whose wording experts would likely "
        "call biased, together with the flagged words that explain why. Not for judging an "
        "outlet or a person on its own.",
        "", "## Known limits",
        "",
        "- Trained on English sentences from US news on 23 political topics; other topics, "
        "countries, genres and languages are outside what it has seen.",
        "- It rates wording, not facts: a false claim in neutral words scores low.",
        "- Labels are expert judgements with real disagreement; "
        + (f"about {1 - cv['metrics']['accuracy']['mean']:.0%} of sentences are misclassified in "
           "cross-validation." if cv else "expect about one sentence in five to be misclassified."),
        "- Probabilities are calibrated on BABE's mix of outlets and topics (see the "
        "out-of-fold calibration table in the JSON card); elsewhere they are rougher.",
        "- Sentences are scored one at a time; irony, context across sentences and who is speaking "
        "are not modelled beyond the quotation marks the analyzer detects.",
        "",
    ]
    return "\n".join(lines)
