"""Stage 3: the article's slant score, 0 (neutral wording) to 100 (strongly slanted).

Until a sentence classifier is shipped, the score comes from the density of loaded
wording in the author's own voice; quoted speech does not count against the outlet.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from framing.categories import label
from framing.records import AUTHOR, Flag, SentenceResult, Slant

#: Author-voice flag weight per 100 words at which the score reaches about 63.
DENSITY_SCALE = 2.0
#: Words of text at which the score is trusted fully; shorter texts get less confidence.
CONFIDENT_WORDS = 300
LABELS = ((50.0, "strongly slanted"), (20.0, "some loaded wording"), (0.0, "neutral wording"))


def flag_density(flags: Sequence[Flag], n_words: int) -> float:
    """Summed weight of author-voice, non-negated flags per 100 words."""
    if n_words == 0:
        return 0.0
    weight = sum(f.weight for f in flags if _counts(f))
    return 100.0 * weight / n_words


def _counts(flag: Flag) -> bool:
    # Expert-word flags have no reason a reader can check, so they never move the score.
    return flag.voice == AUTHOR and not flag.negated and flag.category != "expert_like"


def label_for(score: float) -> str:
    """The plain label of a 0-100 score.

    >>> label_for(10), label_for(35), label_for(80)
    ('neutral wording', 'some loaded wording', 'strongly slanted')
    """
    return next(label for floor, label in LABELS if score >= floor)


def density_slant(flags: Sequence[Flag], n_words: int) -> Slant:
    """The slant from flag density alone, with an explanation of how it was computed."""
    density = flag_density(flags, n_words)
    score = round(100.0 * (1.0 - math.exp(-density / DENSITY_SCALE)), 1)
    confidence = round(min(1.0, n_words / CONFIDENT_WORDS), 2)
    n_author = sum(_counts(f) for f in flags)
    explanation = (
        f"Score {score:g}/100 from the density of loaded wording in the author's own voice: "
        f"{n_author} flag(s) outside quotations, weighing {density:.2f} per 100 words "
        f"over {n_words} words. Score = 100 x (1 - exp(-density / {DENSITY_SCALE:g})); "
        "quoted speech is shown but not counted against the outlet, and negated terms are "
        "not counted. No sentence classifier was used."
    )
    if confidence < 1.0:
        explanation += f" The text is short ({n_words} words), so the score is less certain."
    return Slant(score, label_for(score), confidence, explanation, "flag-density")


# --- with the sentence classifier ---------------------------------------------------

#: How much the article score leans on sentence probabilities versus flag density.
PROBABILITY_SHARE = 0.7
EXPLAINED_FEATURES = 3
# Character n-grams help the classifier but explain nothing to a reader.
_EXPLAINABLE_PREFIXES = ("words__", "lexicon__")


class SentenceClassifier:
    """Applies a fitted slant pipeline to analysed sentences and explains each score."""

    def __init__(self, pipeline: Any) -> None:
        self.pipeline = pipeline
        self.features = pipeline[:-1]
        self.classifier = pipeline[-1]
        coefficients = _mean_coefficients(self.classifier)
        self.names = _feature_names(pipeline.named_steps["features"], len(coefficients)) if coefficients is not None else []
        if coefficients is not None:
            explainable = np.array([n is not None and n.startswith(_EXPLAINABLE_PREFIXES) for n in self.names])
            # Only features a reader can understand, and only those pushing towards "biased".
            coefficients = np.where(explainable & (coefficients > 0), coefficients, 0.0)
        self.coefficients = coefficients
        self._linear = _sigmoid_linear_parts(self.classifier)

    def score(self, results: Sequence[SentenceResult]) -> list[tuple[float, tuple[tuple[str, float], ...]]]:
        """Probability that an expert would call each sentence biased, with its top reasons."""
        if not results:
            return []
        X = self.features.transform(list(results)).tocsr()
        probabilities = self._probabilities(X)
        return [
            (round(float(p), 4), self._top(X, i, result))
            for i, (p, result) in enumerate(zip(probabilities, results, strict=True))
        ]

    def _probabilities(self, X: Any) -> np.ndarray:
        """predict_proba, with a shortcut for sigmoid-calibrated linear models.

        The shortcut does in one sparse product what scikit-learn does per calibrated
        member (with input checks each time); a test checks both give the same numbers.
        """
        if self._linear is None:
            return self.classifier.predict_proba(X)[:, 1]
        weights, intercepts, slopes, offsets = self._linear
        decisions = X @ weights + intercepts
        return (1.0 / (1.0 + np.exp(slopes * decisions + offsets))).mean(axis=1)

    def _top(self, X: Any, row: int, result: SentenceResult) -> tuple[tuple[str, float], ...]:
        if self.coefficients is None:
            return ()
        start, end = X.indptr[row], X.indptr[row + 1]
        columns = X.indices[start:end]
        values = X.data[start:end] * self.coefficients[columns]
        keep = 3 * EXPLAINED_FEATURES
        best = np.argpartition(-values, keep)[:keep] if len(values) > keep else np.arange(len(values))
        merged: dict[str, float] = {}
        for k in best:
            if values[k] > 0:
                reason = _readable(self.names[columns[k]], result)
                merged[reason] = merged.get(reason, 0.0) + float(values[k])
        ranked = sorted(merged.items(), key=lambda pair: -pair[1])[:EXPLAINED_FEATURES]
        return tuple((reason, round(value, 3)) for reason, value in ranked)


def _feature_names(union: Any, n_features: int) -> list[str | None]:
    """Names of the explainable blocks (words, lexicon); None for the others."""
    blocks: list[list[str | None] | None] = []
    for name, transformer in union.transformer_list:
        if name in ("words", "lexicon"):
            step = transformer[-2] if hasattr(transformer[-1], "scale_") else transformer[-1]
            blocks.append([f"{name}__{n}" for n in step.get_feature_names_out()])
        else:
            blocks.append(None)
    # Hashed blocks have no names; their width is whatever the named ones leave over.
    rest = n_features - sum(len(b) for b in blocks if b is not None)
    return [n for b in blocks for n in (b if b is not None else [None] * rest)]


def _sigmoid_linear_parts(classifier: Any) -> tuple[np.ndarray, ...] | None:
    members = getattr(classifier, "calibrated_classifiers_", None)
    if not members or any(
        m.method != "sigmoid" or not hasattr(m.estimator, "coef_") or len(m.calibrators) != 1
        for m in members
    ):
        return None
    weights = np.column_stack([m.estimator.coef_[0] for m in members])
    intercepts = np.array([m.estimator.intercept_[0] for m in members])
    slopes = np.array([m.calibrators[0].a_ for m in members])
    offsets = np.array([m.calibrators[0].b_ for m in members])
    return weights, intercepts, slopes, offsets


def _mean_coefficients(classifier: Any) -> np.ndarray | None:
    calibrated = getattr(classifier, "calibrated_classifiers_", None)
    estimators = [c.estimator for c in calibrated] if calibrated else [classifier]
    coefficients = [e.coef_[0] for e in estimators if hasattr(e, "coef_")]
    return np.mean(coefficients, axis=0) if coefficients else None


def _readable(name: str, result: SentenceResult) -> str:
    """A reason a reader understands: the word, or the category with its flagged words."""
    kind, _, feature = name.partition("__")
    if kind == "words":
        return f'the words "{feature}"'
    category = feature.split(":")[1] if feature.count(":") == 2 else "all"
    flags = [f for f in result.flags if category in ("all", f.category) and f.voice == AUTHOR]
    terms = ", ".join(dict.fromkeys(f'"{f.text}"' for f in flags))
    what = "loaded wording overall" if category == "all" else f"{label(category)} wording"
    return f"{what} ({terms})" if terms else what


def model_slant(results: Sequence[SentenceResult], flags: Sequence[Flag], n_words: int) -> Slant:
    """The article's slant from sentence probabilities (author voice) and flag density."""
    own = [r for r in results if r.slant_probability is not None and r.quoted_share < 0.5]
    scored = own or [r for r in results if r.slant_probability is not None]
    probabilities = np.array([r.slant_probability for r in scored], dtype=float)
    if probabilities.size == 0:
        return density_slant(flags, n_words)
    mean_p = float(probabilities.mean())
    density = flag_density(flags, n_words)
    density_part = 1.0 - math.exp(-density / DENSITY_SCALE)
    score = round(100.0 * (PROBABILITY_SHARE * mean_p + (1 - PROBABILITY_SHARE) * density_part), 1)
    decisiveness = float(np.mean(np.abs(2 * probabilities - 1)))
    confidence = round(min(1.0, n_words / CONFIDENT_WORDS) * (0.5 + 0.5 * decisiveness), 2)
    likely = int((probabilities >= 0.5).sum())
    explanation = (
        f"Score {score:g}/100. A classifier trained on sentences that media-bias experts "
        f"labelled gives each sentence a probability of being judged biased; over the "
        f"{len(scored)} sentence(s) in the author's own voice the average is {mean_p:.2f} "
        f"({likely} at 0.5 or more). Loaded wording outside quotations weighs {density:.2f} "
        f"per 100 words. Score = 100 x ({PROBABILITY_SHARE:g} x average probability + "
        f"{1 - PROBABILITY_SHARE:g} x (1 - exp(-density / {DENSITY_SCALE:g}))). Quoted speech "
        "is shown but not counted against the outlet."
    )
    if n_words < CONFIDENT_WORDS:
        explanation += f" The text is short ({n_words} words), so the score is less certain."
    return Slant(score, label_for(score), confidence, explanation, "classifier+density")
