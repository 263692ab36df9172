"""Stage 3: the article's slant score, 0 (neutral wording) to 100 (strongly slanted).

Until a sentence classifier is shipped, the score comes from the density of loaded
wording in the author's own voice; quoted speech does not count against the outlet.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from framing.records import AUTHOR, Flag, Slant

#: Author-voice flag weight per 100 words at which the score reaches about 63.
DENSITY_SCALE = 2.0
#: Words of text at which the score is trusted fully; shorter texts get less confidence.
CONFIDENT_WORDS = 300
LABELS = ((50.0, "strongly slanted"), (20.0, "some loaded wording"), (0.0, "neutral wording"))


def flag_density(flags: Sequence[Flag], n_words: int) -> float:
    """Summed weight of author-voice, non-negated flags per 100 words."""
    if n_words == 0:
        return 0.0
    weight = sum(f.weight for f in flags if f.voice == AUTHOR and not f.negated)
    return 100.0 * weight / n_words


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
    n_author = sum(f.voice == AUTHOR and not f.negated for f in flags)
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
