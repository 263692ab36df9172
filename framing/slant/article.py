"""Stage 3: the article's slant score, 0 (neutral wording) to 100 (strongly slanted).

The score combines the sentence classifier's probabilities (author-voice sentences) with
the density of loaded wording in the author's own voice; without a classifier it comes
from the density alone. Quoted speech does not count against the outlet.
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
Explanation = tuple[tuple[str, float], ...]


class SentenceClassifier:
    """Applies a fitted slant model to analysed sentences and explains each score.

    A model with ``predict_explained`` (the shipped
    :class:`~framing.slant.sentence.StackedSlantClassifier`) gives each sentence its top
    reasons; any other classifier with ``predict_proba`` gives probabilities alone.
    """

    def __init__(self, model: Any) -> None:
        self.model = model

    def score(self, results: Sequence[SentenceResult]) -> list[tuple[float, Explanation]]:
        """Probability that an expert would call each sentence biased, with its top reasons."""
        if not results:
            return []
        results = list(results)
        if hasattr(self.model, "predict_explained"):
            probabilities, reasons = self.model.predict_explained(results)
        else:
            probabilities = self.model.predict_proba(results)[:, 1]
            reasons = [[] for _ in results]
        return [
            (round(float(p), 4), _merge_readable(why, result))
            for p, why, result in zip(probabilities, reasons, results, strict=True)
        ]


def _merge_readable(reasons: Sequence[tuple[str, float]], result: SentenceResult) -> Explanation:
    """The model's reasons in words a reader understands, merging those that read the same."""
    merged: dict[str, float] = {}
    for name, value in reasons:
        reason = _readable(name, result)
        merged[reason] = round(merged.get(reason, 0.0) + value, 3)
    return tuple(sorted(merged.items(), key=lambda pair: -pair[1]))


def _readable(name: str, result: SentenceResult) -> str:
    """A reason a reader understands: the word, or the category with its flagged words."""
    kind, _, feature = name.partition("__")
    if kind == "words":
        return f'the word "{feature}"'
    _, category, measure = (feature.split(":") + ["", ""])[:3]
    quoted = measure == "quoted"
    flags = [f for f in result.flags
             if category in ("all", f.category) and (f.voice != AUTHOR) == quoted and not f.negated]
    terms = ", ".join(dict.fromkeys(f'"{f.text}"' for f in flags))
    what = "loaded wording overall" if category == "all" else f"{label(category)} wording"
    what = f"quoted {what}" if quoted else what
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
