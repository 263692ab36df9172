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
from framing.evaluation.transfer import group_cross_validate, ood_figures
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
    #: Per row, the group that grouped cross-validation holds out together (e.g. topic).
    cv_groups: list[str] | None = None


def build_pipeline(lexicon: bool = True, frames: bool = False, mask_names: bool = True,
                   style: bool = True) -> StackedSlantClassifier:
    """The slant classifier, untrained: see :mod:`framing.slant.sentence`.

    Its token base is trained only when ``fit`` gets the experts' marked words; ``frames``
    adds frame and moral-foundation features to its lexicon base; ``mask_names`` hides
    names from every base and ``style`` adds topic-free wording cues to the lexicon base
    (both the shipped choice: see the transfer ablation in the README).
    """
    return StackedSlantClassifier(lexicon=lexicon, frames=frames, mask_names=mask_names,
                                  style=style and not frames)


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
    cv_group_col: str | None = None,
) -> LabelledSentences:
    """Read a labelled CSV (any separator, sniffed unless given) into sentences and labels.

    Rows whose label is neither ``positive`` nor, when given, ``negative`` are dropped;
    without ``negative`` every other label counts as not biased. ``words_col`` names a
    column listing the words experts marked in each sentence (a Python-literal list).
    """
    table = read_table(Path(path), sep, encoding)
    for column in (text_col, label_col, group_col, words_col, cv_group_col):
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
    groups = _groups(table, group_col)
    marked = _marked_words(path, table, words_col) if words_col else None
    return LabelledSentences(table[text_col].astype(str).tolist(), y, groups, str(path), marked,
                             _groups(table, cv_group_col))


def _groups(table: pd.DataFrame, column: str | None) -> list[str] | None:
    return table[column].fillna("(missing)").astype(str).tolist() if column else None


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
        "group_profile": group_profile(data),
        "probabilities": probabilities,
    }


def grouped_cross_validate(data: LabelledSentences, *, pipeline_factory=build_pipeline,
                           column: str = "", n_folds: int | None = None) -> dict[str, Any]:
    """Leave-one-group-out figures over ``data.cv_groups`` (see
    :func:`framing.evaluation.transfer.group_cross_validate`)."""
    if data.cv_groups is None:
        raise ValueError("grouped cross-validation needs cv_groups (read with cv_group_col)")
    texts = np.asarray(data.texts, dtype=object)

    def fit_predict(train: np.ndarray, test: np.ndarray) -> np.ndarray:
        model = pipeline_factory().fit(list(texts[train]), data.labels[train],
                                       **_marked(data, train))
        return model.predict_proba(list(texts[test]))[:, 1]

    report = group_cross_validate(data.texts, data.labels, data.cv_groups, fit_predict, n_folds)
    report.pop("probabilities")
    scheme = (f"{n_folds}-fold grouped by {column or 'group'} (whole groups held out)" if n_folds
              else f"leave one {column or 'group'} out")
    return {"scheme": scheme, "column": column, **report}


def transfer_figures(model: Any, ood: Sequence[tuple[str, str | Path]],
                     grouped: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``transfer`` section of a model card: grouped CV and out-of-domain checks."""
    figures: dict[str, Any] = {}
    if grouped:
        figures["grouped_cv"] = grouped
    if ood:
        figures["out_of_domain"] = ood_figures(lambda t: model.predict_proba(t)[:, 1], ood)
    return figures


def format_transfer(figures: dict[str, Any]) -> list[str]:
    """The transfer figures as lines for a terminal."""
    lines = []
    grouped = figures.get("grouped_cv")
    if grouped:
        lines.append(f"{grouped['scheme']} ({grouped['n_groups']} groups): macro-F1 "
                     f"{grouped['macro_f1']:.3f} pooled, {grouped['macro_f1_mean_over_groups']:.3f} "
                     f"mean over groups; ROC AUC {grouped['roc_auc']:.3f}")
    ood = figures.get("out_of_domain", {})
    if "newssd" in ood:
        lines.append(f"NewsSD-ENG ({ood['newssd']['n_sentences']} sentences): ROC AUC "
                     f"{ood['newssd']['roc_auc']:.3f}")
    if "wnc" in ood:
        w = ood["wnc"]
        lines.append(f"WNC ({w['n_pairs']} {w['split']} pairs): ROC AUC {w['roc_auc']:.3f}, "
                     f"biased above neutralised in {w['paired_accuracy']:.1%} of pairs "
                     f"({w['ties']} ties)")
    return lines


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


def group_profile(data: LabelledSentences) -> dict[str, dict[str, float]]:
    """Per group, how much wording its biased sentences give a model to read: the share
    biased, and (with marked words) the mean number of marked words per biased sentence
    and the share of biased sentences with none. Explains uneven false-negative rates."""
    if not data.groups:
        return {}
    groups = np.asarray(data.groups)
    profile = {}
    for group in sorted(set(groups)):
        biased = np.nonzero((groups == group) & (data.labels == 1))[0]
        row = {"share_biased": float(data.labels[groups == group].mean())}
        if data.marked_words is not None and len(biased):
            counts = np.array([len(data.marked_words[i]) for i in biased])
            row |= {"marked_words_per_biased": float(counts.mean()),
                    "biased_without_marked_words": float((counts == 0).mean())}
        profile[group] = row
    return profile


def _marked(data: LabelledSentences, rows: Sequence[int]) -> dict[str, Any]:
    """``fit`` keyword for the marked words of some rows, when the data has them."""
    if data.marked_words is None:
        return {}
    return {"biased_words": [data.marked_words[i] for i in rows]}


def train(data: LabelledSentences, pipeline_factory=build_pipeline) -> StackedSlantClassifier:
    return pipeline_factory().fit(data.texts, data.labels, **_marked(data, range(len(data.texts))))


def model_card(data: LabelledSentences, cv: dict[str, Any], model: StackedSlantClassifier, *,
               training_data: dict[str, Any], transfer: dict[str, Any] | None = None
               ) -> dict[str, Any]:
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
        "transfer": transfer or {},
        "pipeline": describe(model),
        "hyperparameters": {"svc_C": model.svc_C_, "meta_C": model.meta_C_,
                            "meta_features": model.meta_features_,
                            "mask_names": bool(getattr(model, "mask_names", False))},
    }


def describe(model: StackedSlantClassifier) -> str:
    """The model's structure in one line, for the card."""
    bases = []
    if model.svc_ is not None:
        bases.append("hashed word 1-2-gram + char 2-5-gram (within words) IDF features -> "
                     f"linear SVM (C={model.svc_C_:g})")
    if model.token_model_ is not None:
        bases.append("token model of the experts' marked words (averaged SGD logistic) -> "
                     "per-sentence summaries of token probabilities")
    if model.lexicon_model_ is not None:
        bases.append("framing's lexicon flag features -> logistic regression")
    masked = ("; names (capitalised words, see framing.slant.tokens.mask_names) are replaced "
              "by one placeholder before any base reads the sentence"
              if getattr(model, "names_", None) is not None else "")
    return ("stack of [" + "; ".join(bases) + "], base outputs cross-fitted (5-fold) into a "
            f"standardised logistic regression (C={model.meta_C_:g})" + masked)


def format_metrics(cv: dict[str, Any], metrics: Sequence[str] = (
        "macro_f1", "f1", "precision", "recall", "accuracy", "roc_auc", "brier")) -> list[str]:
    return [f"{name:<10} {cv['metrics'][name]['mean']:.3f} ± {cv['metrics'][name]['std']:.3f}"
            for name in metrics]


def train_and_save(
    data_path: str | Path, out: str | Path, *, cross_validate_first: bool = True,
    text_col: str = "text", label_col: str = "label_bias", positive: str = "Biased",
    negative: str | None = None, group_col: str | None = None, words_col: str | None = None,
    sep: str | None = None, encoding: str | None = None, citation: str = "", licence: str = "",
    group_cv: str | None = None, ood: Sequence[tuple[str, str | Path]] = (),
    group_folds: int | None = None,
) -> dict[str, Any]:
    """Read labelled data, cross-validate, train on all of it, save model and card.

    ``group_cv`` adds leave-one-group-out figures over that column, ``ood`` the
    out-of-domain checks (``("newssd", folder)``, ``("wnc", folder)``), both stored in the
    card under ``transfer``.
    """
    data = read_labelled(data_path, text_col=text_col, label_col=label_col, positive=positive,
                         negative=negative, group_col=group_col, words_col=words_col, sep=sep,
                         encoding=encoding, cv_group_col=group_cv)
    cv = cross_validate(data) if cross_validate_first else {}
    grouped = grouped_cross_validate(data, column=group_cv, n_folds=group_folds) if group_cv else None
    model = train(data)
    card = model_card(data, cv, model, training_data={
        "text_col": text_col, "label_col": label_col, "positive": positive, "negative": negative,
        "group_col": group_col, "words_col": words_col, "citation": citation, "licence": licence,
    }, transfer=transfer_figures(model, ood, grouped))
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
        f"SHA-256 `{card['sha256']}` ({card['size_bytes'] / 1e6:.1f} MB"
        + (f", {card['format']}" if card.get("format") else "") + ").",
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
            lines += _group_profile_markdown(cv.get("group_profile") or {})
    lines += _transfer_markdown(card.get("transfer") or {})
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


def _transfer_markdown(transfer: dict[str, Any]) -> list[str]:
    if not transfer:
        return []
    lines = ["", "## Transfer", "",
             "How the model does where BABE's topics and outlets cannot help it. NewsSD-ENG "
             "and WNC are checks only: the model never trained on them.", ""]
    grouped = transfer.get("grouped_cv")
    if grouped:
        worst = sorted(grouped["macro_f1_by_group"].items(), key=lambda pair: pair[1])[:3]
        lines += [f"- {grouped['scheme'].capitalize()} ({grouped['n_groups']} groups): macro-F1 "
                  f"{grouped['macro_f1']:.3f} over all held-out predictions "
                  f"({grouped['macro_f1_mean_over_groups']:.3f} mean over groups), ROC AUC "
                  f"{grouped['roc_auc']:.3f}. Weakest held-out groups: "
                  + ", ".join(f"{g} {v:.3f}" for g, v in worst) + "."]
    lines += [f"- {line}" for line in format_transfer({"out_of_domain": transfer.get("out_of_domain", {})})]
    return lines


def _group_profile_markdown(profile: dict[str, dict[str, float]]) -> list[str]:
    """Why false-negative rates differ by group: how much loaded wording there is to read."""
    if not profile or not all("marked_words_per_biased" in r for r in profile.values()):
        return []
    lines = ["", "Why the false-negative rates differ: a model of wording finds bias that lies in "
             "words. Per group, the share of its sentences labelled biased, the words experts "
             "marked per biased sentence, and the share of biased sentences with no marked word "
             "(bias in what is reported or how it is framed rather than in loaded words):", "",
             "| group | share biased | marked words per biased | biased with none marked |",
             "| --- | --- | --- | --- |"]
    lines += [f"| {g} | {r['share_biased']:.2f} | {r['marked_words_per_biased']:.2f} | "
              f"{r['biased_without_marked_words']:.2f} |" for g, r in profile.items()]
    return lines + ["", "A group with few biased sentences, few marked words in them and many "
                    "with none (in BABE: the center outlets) gets more false negatives at the "
                    "same threshold; lowering the threshold for one group would treat outlets "
                    "unequally, so the shipped model does not."]
