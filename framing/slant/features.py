"""Sentence features from our own scorers, as a scikit-learn transformer.

The slant classifier sees the same flags the reader sees: counts and summed weights per
category, split by voice, plus pattern hits. Each item of ``X`` is a sentence string or
an already-analysed :class:`~framing.records.SentenceResult` (the analyzer passes those,
so an article is scored once and model and flags agree).

>>> features = LexiconFeatures().fit(["A plain sentence."])
>>> row = features.transform(["The regime slammed the plan."]).toarray()[0]
>>> dict(zip(features.get_feature_names_out(), row))["lex:label:count"]
np.float64(1.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing.frames import FRAME_IDS, MORAL_IDS
from framing.lexicon import load_lexicon
from framing.records import Flag, SentenceResult
from framing.score import DocumentScorer
from framing.slant.rows import (
    PATTERN_CATEGORIES,
    STYLE_FEATURE_NAMES,
    SentenceInput,
    frame_row,
    lexicon_feature_names,
    lexicon_row,
    style_row,
    texts_of,
)
from framing.slant.rows import check_items as _check_items
from framing.tokenize import tokenize

CHAR_NGRAMS = (2, 5)


@lru_cache(maxsize=200_000)
def _word_char_grams(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    return tuple(
        padded[i : i + n]
        for n in range(CHAR_NGRAMS[0], CHAR_NGRAMS[1] + 1)
        if len(padded) >= n
        for i in range(len(padded) - n + 1)
    )


def char_grams(text: str) -> list[str]:
    """Character 2- to 5-grams inside words padded with a space, as scikit-learn's
    ``char_wb`` analyzer makes them, cached per word because news repeats its words.

    >>> char_grams("NATO")[:5]
    [' n', 'na', 'at', 'to', 'o ']
    """
    grams: list[str] = []
    for word in text.lower().split():
        grams.extend(_word_char_grams(word))
    return grams


class SentenceTransformer(TransformerMixin, BaseEstimator):
    """A transformer whose rows are sentences (strings or sentence results), fitted first."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.requires_fit = True
        return tags


class LexiconFeatures(SentenceTransformer):
    """Per-sentence flag counts and weights by category and voice.

    Parameters
    ----------
    lexicons : sequence of paths, optional
        Extra lexicon files, as for :class:`framing.Analyzer`.
    builtin_lexicons : bool, default True
        Whether the shipped lexicons are used.

    Attributes
    ----------
    categories_ : list of str
        The categories that have features, in column order.
    """

    def __init__(self, lexicons: Sequence[str | Path] = (), builtin_lexicons: bool = True):
        self.lexicons = lexicons
        self.builtin_lexicons = builtin_lexicons

    def fit(self, X: Iterable[SentenceInput], y: Any = None) -> LexiconFeatures:
        _check_items(X)
        scoring = self._scoring()
        self.categories_ = sorted(
            set(scoring.lexicon.categories()) - {"exception"} | set(PATTERN_CATEGORIES)
        )
        self.category_index_ = {c: i for i, c in enumerate(self.categories_)}
        return self

    def transform(self, X: Iterable[SentenceInput]) -> sp.csr_matrix:
        check_is_fitted(self, "categories_")
        items = _check_items(X)
        scoring = self._scoring()
        rows = [
            self._row(item.flags if isinstance(item, SentenceResult) else _flags(scoring, item))
            for item in items
        ]
        return sp.csr_matrix(np.asarray(rows, dtype=float).reshape(len(items), -1))

    def _row(self, flags: Sequence[Flag]) -> list[float]:
        return lexicon_row(flags, self.category_index_)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        check_is_fitted(self, "categories_")
        return np.asarray(lexicon_feature_names(self.categories_), dtype=object)

    def _scoring(self) -> DocumentScorer:
        key = (tuple(map(str, self.lexicons)), self.builtin_lexicons)
        cached = _SCORINGS.get(key)
        if cached is None:
            lexicon = load_lexicon(self.lexicons, builtin=self.builtin_lexicons)
            cached = _SCORINGS[key] = DocumentScorer(lexicon)
        return cached


# Scoring passes are not part of the estimator's state: rebuilt from the parameters,
# cached per process so fitting many folds loads the lexicons once.
_SCORINGS: dict[tuple, DocumentScorer] = {}


def _flags(scoring: DocumentScorer, sentence: str) -> list[Flag]:
    """The flags a reader sees in one sentence, by sentence as an analysis lists them."""
    return [flag for r in scoring.score(tokenize(sentence)).sentences for flag in r.flags]


class FrameFeatures(SentenceTransformer):
    """Per-sentence policy-frame shares and moral-foundation cue counts.

    Columns: the share of each of the 15 frames (0 when the sentence has no cue), then the
    count of cues of each moral-foundation side. A sentence result brings its own frames
    (the analyzer scores each article once); a string is scored here.

    Examples
    --------
    >>> features = FrameFeatures().fit(["A plain sentence."])
    >>> row = features.transform(["Troops crossed the border."]).toarray()[0]
    >>> dict(zip(features.get_feature_names_out(), row))["frame:security_and_defense"]
    np.float64(1.0)
    """

    def fit(self, X: Iterable[SentenceInput], y: Any = None) -> FrameFeatures:
        _check_items(X)
        self.columns_ = [*FRAME_IDS, *MORAL_IDS]
        self.n_frames_ = len(FRAME_IDS)
        return self

    def transform(self, X: Iterable[SentenceInput]) -> sp.csr_matrix:
        check_is_fitted(self, "columns_")
        items = _check_items(X)
        rows = np.asarray([frame_row(item) for item in items], dtype=float)
        return sp.csr_matrix(rows.reshape(len(items), len(self.columns_)))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        check_is_fitted(self, "columns_")
        names = [f"frame:{c}" for c in self.columns_[: self.n_frames_]]
        names += [f"moral:{c}" for c in self.columns_[self.n_frames_ :]]
        return np.asarray(names, dtype=object)


class LexiconAndFrameFeatures(TransformerMixin, BaseEstimator):
    """:class:`LexiconFeatures` and :class:`FrameFeatures` side by side.

    >>> features = LexiconAndFrameFeatures().fit(["Troops crossed the border."])
    >>> features.transform(["Troops crossed the border."]).shape[1] == len(features.get_feature_names_out())
    True
    """

    def fit(self, X: Iterable[SentenceInput], y: Any = None) -> LexiconAndFrameFeatures:
        items = _check_items(X)
        self.lexicon_ = LexiconFeatures().fit(items)
        self.frames_ = FrameFeatures().fit(items)
        return self

    def transform(self, X: Iterable[SentenceInput]) -> sp.csr_matrix:
        check_is_fitted(self, "lexicon_")
        items = _check_items(X)
        return sp.hstack([self.lexicon_.transform(items), self.frames_.transform(items)]).tocsr()

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.concatenate(
            [self.lexicon_.get_feature_names_out(), self.frames_.get_feature_names_out()]
        )


class StyleFeatures(SentenceTransformer):
    """Wording cues that hold across topics: person, modality, comparison, degree,
    reporting, question or exclamation, quotation, numbers, word length, and the share of
    capitalised words (names make a sentence read as report). Per word, from the text.

    >>> features = StyleFeatures().fit(["A plain sentence."])
    >>> row = features.transform(["We must act now!"]).toarray()[0]
    >>> dict(zip(features.get_feature_names_out(), row))["style:obligation"]
    np.float64(0.25)
    """

    def fit(self, X: Iterable[SentenceInput], y: Any = None) -> StyleFeatures:
        _check_items(X)
        self.names_ = list(STYLE_FEATURE_NAMES)
        return self

    def transform(self, X: Iterable[SentenceInput]) -> sp.csr_matrix:
        check_is_fitted(self, "names_")
        return sp.csr_matrix(np.asarray([style_row(t) for t in texts_of(X)], dtype=float)
                             .reshape(-1, len(self.names_)))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        check_is_fitted(self, "names_")
        return np.asarray(self.names_, dtype=object)


class LexiconAndStyleFeatures(TransformerMixin, BaseEstimator):
    """:class:`LexiconFeatures` and :class:`StyleFeatures` side by side."""

    def fit(self, X: Iterable[SentenceInput], y: Any = None) -> LexiconAndStyleFeatures:
        items = _check_items(X)
        self.lexicon_ = LexiconFeatures().fit(items)
        self.style_ = StyleFeatures().fit(items)
        return self

    def transform(self, X: Iterable[SentenceInput]) -> sp.csr_matrix:
        check_is_fitted(self, "lexicon_")
        items = _check_items(X)
        return sp.hstack([self.lexicon_.transform(items), self.style_.transform(items)]).tocsr()

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.concatenate(
            [self.lexicon_.get_feature_names_out(), self.style_.get_feature_names_out()]
        )
