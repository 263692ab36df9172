"""Stage 3: the article's slant score, 0 (neutral wording) to 100 (strongly slanted).

The score combines the sentence classifier's probabilities (author-voice sentences) with
the density of loaded wording in the author's own voice; without a classifier it comes
from the density alone. Quoted speech does not count against the outlet.

Every number below is a **choice**, documented rather than learned: no labelled set of
article verdicts exists to fit them on. What counts toward density and the verdict is
fixed by the flags issue: only ``layer == "loaded"`` flags in the author's voice that are
not negated (distanced and quoted words are someone else's, devices only position claims).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from framing.categories import LOADED, label
from framing.records import AUTHOR, Flag, Sentence, SentenceResult, Slant
from framing.structure import dateline_end
from framing.slant.judge import (  # noqa: F401  (MIN_SENTENCE_WORDS, SCORED_ROLES: API)
    MIN_SENTENCE_WORDS,
    MIN_WORDS,
    QUOTED_SENTENCE,
    SCORED_ROLES,
    TOO_SHORT,
    is_scored,
)

#: Author-voice loaded-flag weight per 100 words at which the density part reaches about
#: 63 (1 - 1/e): a choice that puts one mid-weight loaded word per 50 words near 40.
DENSITY_SCALE = 2.0
#: Words of text at which the score is trusted fully; shorter texts get less confidence.
CONFIDENT_WORDS = 300
#: Score floors of the labels (a choice: the density part alone passes 20 at about one
#: loaded word in 200 words, 50 at about one in 70).
LABELS = ((50.0, "strongly slanted"), (20.0, "some loaded wording"), (0.0, "neutral wording"))
#: Below this confidence a slanted label says the evidence is thin instead.
THIN_CONFIDENCE = 0.5
THIN_LABELS = {"strongly slanted": "possibly slanted (thin evidence)",
               "some loaded wording": "some loaded wording (thin evidence)"}


def flag_density(flags: Sequence[Flag], n_words: int) -> float:
    """Summed weight of author-voice, non-negated loaded flags per 100 words."""
    if n_words == 0:
        return 0.0
    weight = sum(f.weight for f in flags if counts_toward_score(f))
    return 100.0 * weight / n_words


def counts_toward_score(flag: Flag) -> bool:
    """Only the author's own loaded words count; quoted, distanced, negated words and
    framing devices (attribution, hedges, emphasis) are shown but not counted."""
    return flag.voice == AUTHOR and not flag.negated and flag.layer == LOADED


def aimed_at(flags: Sequence[Flag]) -> list[tuple[str, int]]:
    """The actors the counted loaded words are aimed at, most often first."""
    targets = Counter(f.target for f in flags if counts_toward_score(f) and f.target)
    return sorted(targets.items(), key=lambda pair: (-pair[1], pair[0]))


def _direction(flags: Sequence[Flag]) -> str:
    targets = aimed_at(flags)
    if not targets:
        return " No loaded word in the author's voice is aimed at a named actor."
    return " Loaded words aimed at: " + ", ".join(f"{who} {n}" for who, n in targets) + "."


def label_for(score: float, confidence: float = 1.0, n_words: int | None = None) -> str:
    """The plain label of a 0-100 score, its confidence and the text's length.

    >>> label_for(10), label_for(35), label_for(80)
    ('neutral wording', 'some loaded wording', 'strongly slanted')
    >>> label_for(80, confidence=0.3), label_for(80, n_words=12)
    ('possibly slanted (thin evidence)', 'too short to judge')
    """
    if n_words is not None and n_words < MIN_WORDS:
        return TOO_SHORT
    plain = next(label for floor, label in LABELS if score >= floor)
    return THIN_LABELS.get(plain, plain) if confidence < THIN_CONFIDENCE else plain


def _length_note(n_words: int) -> str:
    if n_words < MIN_WORDS:
        return (f" The text has {n_words} words, under {MIN_WORDS}: too short to judge as an "
                "article, though its sentences' flags and probabilities are shown.")
    if n_words < CONFIDENT_WORDS:
        return f" The text is short ({n_words} words), so the score is less certain."
    return ""


def _thin_note(confidence: float, n_words: int) -> str:
    if confidence < THIN_CONFIDENCE and n_words >= MIN_WORDS:
        return (f" Confidence {confidence:.2f} is under {THIN_CONFIDENCE:g}, so the label "
                "says the evidence is thin.")
    return ""


def density_slant(flags: Sequence[Flag], n_words: int) -> Slant:
    """The slant from flag density alone, with an explanation of how it was computed."""
    density = flag_density(flags, n_words)
    score = round(100.0 * (1.0 - math.exp(-density / DENSITY_SCALE)), 1)
    confidence = round(min(1.0, n_words / CONFIDENT_WORDS), 2)
    n_author = sum(counts_toward_score(f) for f in flags)
    explanation = (
        f"Score {score:g}/100 from the density of loaded wording in the author's own voice: "
        f"{n_author} loaded flag(s) outside quotations, weighing {density:.2f} per 100 words "
        f"over {n_words} words. Score = 100 x (1 - exp(-density / {DENSITY_SCALE:g})); "
        "quoted speech is shown but not counted against the outlet, and negated, distanced "
        "and device flags are not counted. No sentence classifier was used."
        + _direction(flags) + _length_note(n_words) + _thin_note(confidence, n_words)
    )
    return Slant(score, label_for(score, confidence, n_words), confidence, explanation,
                 "flag-density")


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

    def score(self, results: Sequence[SentenceResult]
              ) -> list[tuple[float | None, Explanation]]:
        """Probability that an expert would call each sentence biased, with its top reasons;
        None for fragments, bylines, datelines and furniture (see :func:`is_scored`)."""
        if not results:
            return []
        results = list(results)
        chosen = [i for i, r in enumerate(results) if is_scored(r)]
        scores: list[tuple[float | None, Explanation]] = [(None, ())] * len(results)
        if not chosen:
            return scores
        inputs = [results[i] for i in chosen]
        if hasattr(self.model, "predict_explained"):
            probabilities, reasons = self.model.predict_explained(inputs)
        else:
            probabilities = self.model.predict_proba(inputs)[:, 1]
            reasons = [[] for _ in inputs]
        for i, p, why in zip(chosen, probabilities, reasons, strict=True):
            scores[i] = (round(float(p), 4), _merge_readable(why, results[i]))
        return scores


def _merge_readable(reasons: Sequence[tuple[str, float]], result: SentenceResult) -> Explanation:
    """The model's reasons in words a reader understands, merging those that read the same."""
    merged: dict[str, float] = {}
    names = _names_in(result.sentence)
    for name, value in reasons:
        if name.removeprefix("lexicon__") in _NOT_REASONS or name.removeprefix("words__") in names:
            continue
        reason = _readable(name, result)
        merged[reason] = round(merged.get(reason, 0.0) + value, 3)
    return tuple(sorted(merged.items(), key=lambda pair: -pair[1]))


def _names_in(sentence: Sentence) -> frozenset[str]:
    """Words the sentence writes only as names (capitalised past its first word, or in its
    dateline prefix, "DERWENT, March 3 —"): a name is never a reason."""
    dateline = dateline_end(sentence)
    written: dict[str, bool] = {}
    opening = True  # the sentence's first word, after any dateline or quotation mark
    for token in sentence.tokens:
        if not token.text[:1].isalpha():
            continue
        as_name = token.start < dateline or (not opening and token.text[:1].isupper())
        opening = opening and token.start < dateline
        written[token.norm] = written.get(token.norm, True) and as_name
    return frozenset(word for word, name in written.items() if name)


#: Style features that describe a sentence's form but are never a reason to call it biased.
_NOT_REASONS = frozenset({"style:log_words", "style:numbers", "style:capitalised",
                          "style:long_words", "style:quotation", "style:reporting"})
_STYLE_REASONS = {
    "style:first_singular": "first person (I, me)", "style:first_plural": "first person (we, us)",
    "style:second_person": "addresses the reader (you)",
    "style:obligation": "says what must or should happen", "style:possibility": "speculation (may, could)",
    "style:comparison": "comparison", "style:superlative": "superlatives",
    "style:negation": "negation", "style:degree": "degree words (very, so, too)",
    "style:ly_adverbs": "-ly adverbs", "style:est_words": "superlatives (-est)",
    "style:question": "a question", "style:exclamation": "an exclamation",
}


def _readable(name: str, result: SentenceResult) -> str:
    """A reason a reader understands: the word, or the category with its flagged words."""
    kind, _, feature = name.partition("__")
    if kind == "words":
        return f'the word "{feature}"'
    if feature.startswith("style:"):
        return _STYLE_REASONS.get(feature, feature.removeprefix("style:").replace("_", " "))
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
    # Only the author's own sentences: a text without one is not judged (slant.judge).
    scored = [r for r in results
              if r.slant_probability is not None and r.quoted_share < QUOTED_SENTENCE]
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
        "is shown but not counted against the outlet. Confidence = min(1, words / "
        f"{CONFIDENT_WORDS}) x (0.5 + 0.5 x how far the probabilities sit from 0.5) = "
        f"{confidence:.2f}." + _direction(flags) + _length_note(n_words) + _thin_note(confidence, n_words)
    )
    return Slant(score, label_for(score, confidence, n_words), confidence, explanation,
                 "classifier+density")
