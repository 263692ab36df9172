"""Sentence inputs and their lexicon and style rows, in plain Python and NumPy.

Both the scikit-learn transformers (:mod:`framing.slant.features`, for training) and
the array model (:mod:`framing.slant.arrays`, for scoring) build a sentence's lexicon
and style features here, so the two cannot drift apart.

>>> lexicon_feature_names(["label"])[:2]
['lex:label:count', 'lex:label:weight']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from framing.frames import FRAME_IDS, MORAL_IDS, default_frame_scorer, normalise
from framing.records import AUTHOR, Flag, SentenceResult

SentenceInput = str | SentenceResult

PATTERN_CATEGORIES = (
    "so_called", "scare_quote", "stance_marker", "rhetorical_question", "exclamation",
    "all_caps", "superlative",
)


def check_items(items: Any) -> list[SentenceInput]:
    """A list of sentence strings or sentence results, or a one-line ValueError."""
    if isinstance(items, str):
        raise ValueError(
            "expected a list of sentences, got one string; wrap it in a list: [text]"
        )
    if isinstance(items, np.ndarray) and items.ndim == 2:
        items = items[:, 0]
    items = list(items)
    for item in items:
        if not isinstance(item, str | SentenceResult):
            raise ValueError(
                f"each sentence must be a str, not {type(item).__name__}; "
                "pass a list of sentence strings"
            )
    return items


def texts_of(items: Iterable[SentenceInput]) -> list[str]:
    """The sentence strings of a mixed list of strings and sentence results."""
    return [item if isinstance(item, str) else item.sentence.text for item in check_items(items)]


def lexicon_row(flags: Sequence[Flag], category_index: Mapping[str, int]) -> list[float]:
    """Counts and weights per category, split by voice, then three totals of the
    author's flags. Negated flags and categories without a column are left out."""
    width = len(category_index)
    row = [0.0] * (4 * width + 3)
    author_weights = []
    for flag in flags:
        i = category_index.get(flag.category)
        if i is None or flag.negated:
            continue
        if flag.voice == AUTHOR:
            row[i] += 1.0
            row[width + i] += flag.weight
            row[3 * width + i] += flag.weight * flag.polarity
            author_weights.append(flag.weight)
        else:
            row[2 * width + i] += 1.0
    row[-3] = float(len(author_weights))
    row[-2] = max(author_weights, default=0.0)
    row[-1] = sum(author_weights)
    return row


def lexicon_feature_names(categories: Sequence[str]) -> list[str]:
    names = [f"lex:{c}:{kind}" for kind in ("count", "weight", "quoted", "polar")
             for c in categories]
    return [*names, "lex:all:count", "lex:all:max", "lex:all:weight"]


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NUMBER = re.compile(r"\d+")
_CUES: dict[str, frozenset[str]] = {
    "first_singular": frozenset(["i", "me", "my", "mine", "myself"]),
    "first_plural": frozenset(["we", "us", "our", "ours", "ourselves"]),
    "second_person": frozenset(["you", "your", "yours", "yourself", "yourselves"]),
    "obligation": frozenset(["should", "must", "ought", "needs", "shall"]),
    "possibility": frozenset(["may", "might", "could", "would", "perhaps", "maybe"]),
    "comparison": frozenset(["more", "less", "than", "rather"]),
    "superlative": frozenset(["most", "least", "best", "worst"]),
    "negation": frozenset(["not", "no", "never", "nothing", "none", "nobody", "neither", "nor"]),
    "reporting": frozenset(["said", "says", "told", "according", "announced", "reported", "stated", "added"]),
    "degree": frozenset(["very", "so", "too", "really", "quite", "extremely", "truly", "utterly"]),
}
STYLE_FEATURE_NAMES = (
    *(f"style:{cue}" for cue in _CUES), "style:ly_adverbs", "style:est_words", "style:question",
    "style:exclamation", "style:quotation", "style:numbers", "style:long_words",
    "style:capitalised", "style:log_words",
)


def style_row(text: str) -> list[float]:
    """Wording cues that hold across topics, per word of the sentence."""
    words = _WORD.findall(text)
    n = max(len(words), 1)
    counts = [0] * (len(_CUES) + 3)  # the cues, then -ly adverbs, -est words, long words
    for word in words:
        for column in _word_columns(word):
            counts[column] += 1
    cues, ly, est, long_words = counts[: len(_CUES)], *counts[len(_CUES) :]
    row = [count / n for count in cues]
    row += [
        ly / n,
        est / n,
        float("?" in text), float("!" in text),
        float(any(q in text for q in '"“”')),
        len(_NUMBER.findall(text)) / n,
        long_words / n,
        sum(w[0].isupper() for w in words[1:]) / n,
        float(np.log1p(len(words))),
    ]
    return row


@lru_cache(maxsize=100_000)
def _word_columns(word: str) -> tuple[int, ...]:
    """The style columns a word counts in, computed once per word form."""
    lower = word.lower()
    columns = [i for i, cue in enumerate(_CUES.values()) if lower in cue]
    n_cues = len(_CUES)
    if len(lower) > 4 and lower.endswith("ly"):
        columns.append(n_cues)
    if len(lower) > 5 and lower.endswith("est"):
        columns.append(n_cues + 1)
    if len(lower) >= 9:
        columns.append(n_cues + 2)
    return tuple(columns)


def frame_row(item: SentenceInput) -> list[float]:
    """The share of each policy frame, then the count of each moral-foundation side's
    cues. A sentence result brings its own frames (the analyzer scores each article
    once); a string is scored here."""
    frames, moral = (item.frames, item.moral) if isinstance(item, SentenceResult) \
        else _frames_of(item)
    return [frames.get(f, 0.0) for f in FRAME_IDS] + [moral.get(m, 0) for m in MORAL_IDS]


FRAME_FEATURE_NAMES = (*(f"frame:{c}" for c in FRAME_IDS), *(f"moral:{c}" for c in MORAL_IDS))


def _frames_of(text: str) -> tuple[dict[str, float], dict[str, int]]:
    """Frame shares and moral counts of a string, over all its sentences."""
    from framing.tokenize import tokenize

    weights: dict[str, float] = {}
    moral: dict[str, int] = {}
    for found in default_frame_scorer()(tokenize(text)):
        for cue in found.cues:
            if cue.kind == "policy":
                weights[cue.frame] = weights.get(cue.frame, 0.0) + cue.weight
        for side, count in found.moral.items():
            moral[side] = moral.get(side, 0) + count
    return normalise(weights), moral
