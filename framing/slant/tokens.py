"""Word-type features for the stacked slant model: everything is computed once per word.

News repeats its words, so each distinct lowercased word ("type") gets its features once:
a hash, its character n-gram counts, and the form features of the token model (suffixes,
prefix, Porter stem, length, hyphen, character n-grams). A batch of sentences then becomes
flat numpy arrays over token positions, and every sentence feature is a gather and a
``bincount`` over those arrays, with no per-token Python work beyond one dict lookup.

>>> index = TypeIndex()
>>> batch = index.batch(["Critics slammed it.", "It passed."])
>>> index.words, batch.types.tolist(), batch.lens.tolist()
(['critics', 'slammed', 'it', 'passed'], [0, 1, 2, 2, 3], [3, 2])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from framing.slant.hashing import murmur3_32

if TYPE_CHECKING:
    import scipy.sparse as sp

TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")
#: A token of TOKEN_RE that starts with a capital: not inside a token that began earlier.
_CAPITALISED_TOKEN = re.compile(
    r"(?<![A-Za-z0-9])(?<![A-Za-z0-9][-'’])[A-Z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*")
WORD_DIM = 2**20  # hashed word 1-2-grams of a sentence
CHAR_DIM = 2**20  # hashed character 2-5-grams (within words) of a sentence
FORM_DIM = 2**20  # token model: hashed form and context features
TOKEN_CHAR_DIM = 2**18  # token model: hashed character 3-5-grams of the word
TOKEN_DIM = FORM_DIM + TOKEN_CHAR_DIM
SENTENCE_START = 12345  # token model column of "first token of the sentence"
N_CONTEXT = 5  # context columns per token: left, right, left|word, word|right, case shape
_M1, _M2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)
_M3 = np.uint64(0x165667B19E3779F9)


@dataclass(frozen=True)
class TokenBatch:
    """The tokens of a batch of sentences as flat arrays (one entry per token)."""

    types: np.ndarray  # word-type id
    shapes: np.ndarray  # 0 lower case, 1 capitalised, 2 all capitals
    sentence: np.ndarray  # index of the sentence the token is in
    starts: np.ndarray  # offsets: sentence i has tokens starts[i]:starts[i + 1]

    @property
    def n(self) -> int:
        return len(self.starts) - 1

    @property
    def lens(self) -> np.ndarray:
        return np.diff(self.starts)


class TypeIndex:
    """Numbers word types in the order they are first seen."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.words: list[str] = []
        self._codes: dict[str, int] = {}  # raw token -> 4 * type id + shape

    def batch(self, texts: Sequence[str]) -> TokenBatch:
        raw = [TOKEN_RE.findall(t) for t in texts]
        flat = [w for tokens in raw for w in tokens]
        for word in dict.fromkeys(flat):
            if word not in self._codes:
                self._codes[word] = 4 * self._id(word.lower()) + _shape(word)
        codes = np.fromiter(map(self._codes.__getitem__, flat), np.int64, len(flat))
        lens = np.fromiter(map(len, raw), np.int64, len(raw))
        starts = np.concatenate([[0], np.cumsum(lens)])
        return TokenBatch(codes >> 2, codes & 3, np.repeat(np.arange(len(raw)), lens), starts)

    def _id(self, word: str) -> int:
        found = self.ids.get(word)
        if found is None:
            found = self.ids[word] = len(self.words)
            self.words.append(word)
        return found


def _shape(word: str) -> int:
    return 2 if word.isupper() and len(word) > 1 else 1 if word[0].isupper() else 0


# --- names -----------------------------------------------------------------------

#: What a masked name becomes: one word for every person, party, place and outlet.
NAME_PLACEHOLDER = "Xname"
_NOT_NAMES = frozenset({"i"})


def learn_names(texts: Iterable[str]) -> frozenset[str]:
    """Lowercase forms written capitalised inside sentences more often than in lower case.

    >>> sorted(learn_names(["They met Biden.", "Critics met biden fans in Moscow.", "Biden won."]))
    ['moscow']
    """
    capitalised: dict[str, int] = {}
    lower: dict[str, int] = {}
    for text in texts:
        for position, word in enumerate(TOKEN_RE.findall(text)):
            if word[0].isupper() and position > 0:
                key = word.lower()
                capitalised[key] = capitalised.get(key, 0) + 1
            elif word[0].islower():
                lower[word] = lower.get(word, 0) + 1
    return frozenset(w for w, n in capitalised.items() if n > lower.get(w, 0)) - _NOT_NAMES


@cache
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, the list the models are trained with (an array
    model carries its own copy, so scoring does not import scikit-learn)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def mask_names(text: str, names: frozenset[str], stop_words: frozenset[str] | None = None) -> str:
    """``text`` with each name replaced by :data:`NAME_PLACEHOLDER`.

    A capitalised word is a name when the training data wrote it so (``names``) or, past
    the first word, when it is not a stop word.

    >>> mask_names("Trump slammed Moscow and We.", frozenset({"trump"}))
    'Xname slammed Xname and We.'
    """
    stop_words = english_stop_words() if stop_words is None else stop_words
    first = TOKEN_RE.search(text)
    first_start = first.start() if first else -1

    def replace(match: re.Match[str]) -> str:
        word = match.group()
        low = word.lower()
        if low in names or (match.start() != first_start and low not in stop_words
                            and low not in _NOT_NAMES):
            return NAME_PLACEHOLDER
        return word

    # Only capitalised tokens can be names: the pattern finds just those (a token of
    # TOKEN_RE that starts with a capital), not every word.
    return _CAPITALISED_TOKEN.sub(replace, text)


def is_silent(word: str, stop_words: frozenset[str] | None = None) -> bool:
    """Whether a word type can never be a reason of bias: a stop word, number or name."""
    stop_words = english_stop_words() if stop_words is None else stop_words
    return word in stop_words or word == NAME_PLACEHOLDER.lower() or word.isdigit()


# --- per word type ------------------------------------------------------------------


def type_hashes(words: Sequence[str]) -> np.ndarray:
    """MurmurHash3 of each word, as ``sklearn.utils.murmurhash3_32(word, positive=True)``."""
    return murmur3_32(words).astype(np.uint64)


def word_forms(word: str, stem) -> list[str]:
    """The token model's named features of a word alone (suffixes, prefix, length, stem)."""
    return ["w=" + word, "s2=" + word[-2:], "s3=" + word[-3:], "s4=" + word[-4:],
            "p3=" + word[:3], f"len={min(len(word), 12)}", "st=" + stem(word)] + (
        ["hyph"] if "-" in word else [])


# The sparse matrices below are for training, which has scikit-learn; scoring computes
# the same numbers per word type in NumPy (framing.slant.arrays).

def char_rows(words: Sequence[str]) -> sp.csr_matrix:
    """Counts of the character 2-5-grams of each word padded with spaces (as ``char_wb``)."""
    return _hashers()[0].transform(words).tocsr()


def token_form_rows(words: Sequence[str], char_weight: float) -> sp.csr_matrix:
    """The token model's features that depend on the word alone."""
    import scipy.sparse as sp

    stem = stemmer()
    chars, forms, token_chars = _hashers()
    rows = [word_forms(w, stem) for w in words]
    return sp.hstack([forms.transform(rows), char_weight * token_chars.transform(words)]).tocsr()


@cache
def _hashers():
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.feature_extraction.text import HashingVectorizer

    return (HashingVectorizer(analyzer="char_wb", ngram_range=(2, 5), n_features=CHAR_DIM,
                              alternate_sign=False, norm=None, dtype=np.float64),
            FeatureHasher(FORM_DIM, input_type="string", alternate_sign=False),
            HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=TOKEN_CHAR_DIM,
                              alternate_sign=False))


@cache
def stemmer():
    """Porter's stemmer: rule-based, needs no downloaded data."""
    from framing.nltk_parts import porter_stemmer

    return porter_stemmer().stem


# --- per token ----------------------------------------------------------------------


def _mix(a: np.ndarray, b: np.ndarray, salt: int) -> np.ndarray:
    """A fast hash of two uint64 arrays."""
    with np.errstate(over="ignore"):
        x = a * _M1 + b * _M2 + np.uint64(salt) * _M3
        x ^= x >> np.uint64(29)
        x *= _M1
        x ^= x >> np.uint64(32)
    return x


def word_gram_columns(hashes: np.ndarray, batch: TokenBatch) -> tuple[np.ndarray, np.ndarray]:
    """(sentence, column) of every word unigram and within-sentence bigram occurrence."""
    same = np.zeros(len(hashes), bool)
    same[1:] = batch.sentence[1:] == batch.sentence[:-1]
    right = np.nonzero(same)[0]
    bigrams = _mix(hashes[right - 1], hashes[right], 1)
    columns = np.concatenate([hashes, bigrams]) % np.uint64(WORD_DIM)
    return np.concatenate([batch.sentence, batch.sentence[right]]), columns.astype(np.int64)


def context_columns(hashes: np.ndarray, batch: TokenBatch) -> tuple[np.ndarray, np.ndarray]:
    """The token model's context columns (tokens x N_CONTEXT) and a first-token mask."""
    n_tokens = len(hashes)
    nonempty = batch.lens > 0
    first = np.zeros(n_tokens, bool)
    first[batch.starts[:-1][nonempty]] = True
    last = np.zeros(n_tokens, bool)
    last[batch.starts[1:][nonempty] - 1] = True
    left = np.empty(n_tokens, np.uint64)
    left[1:] = hashes[:-1]
    left[first] = 7
    right = np.empty(n_tokens, np.uint64)
    right[:-1] = hashes[1:]
    right[last] = 11
    zero = np.zeros(n_tokens, np.uint64)
    columns = [_mix(left, zero, 2), _mix(right, zero, 3), _mix(left, hashes, 4),
               _mix(hashes, right, 5), _mix(batch.shapes.astype(np.uint64), zero, 6)]
    return np.stack([(c % np.uint64(FORM_DIM)).astype(np.int64) for c in columns], 1), first


def token_matrix(form_rows: sp.csr_matrix, hashes: np.ndarray, batch: TokenBatch) -> sp.csr_matrix:
    """The token model's full feature matrix (one row per token), for training."""
    import scipy.sparse as sp

    columns, first = context_columns(hashes, batch)
    n_tokens = len(hashes)
    rows = np.repeat(np.arange(n_tokens), N_CONTEXT)
    shape = (n_tokens, TOKEN_DIM)
    context = sp.csr_matrix((np.ones(columns.size), (rows, columns.ravel())), shape=shape)
    start_column = np.full(n_tokens, SENTENCE_START)
    start = sp.csr_matrix((first.astype(float), (np.arange(n_tokens), start_column)), shape=shape)
    return (form_rows[batch.types] + context + start).tocsr()


def token_labels(texts: Sequence[str], marked: Iterable[set[str]]) -> np.ndarray:
    """1 for each token whose lowercase form is among its sentence's marked words."""
    labels: list[int] = []
    for text, words in zip(texts, marked, strict=True):
        words = {w.lower().replace("’", "'") for w in words}
        labels.extend(int(t.lower().replace("’", "'") in words) for t in TOKEN_RE.findall(text))
    return np.asarray(labels, dtype=int)


# --- per sentence -------------------------------------------------------------------

AGGREGATES = ("max", "top2_mean", "top3_mean", "sum", "mean", "noisy_or", "n_over_0.3",
              "n_over_0.5", "log_length")


def aggregate(p: np.ndarray, batch: TokenBatch) -> np.ndarray:
    """Per-sentence summaries (columns AGGREGATES) of the token probabilities ``p``."""
    n, sentence, lens = batch.n, batch.sentence, batch.lens
    order, rank = _ranks(p, batch)
    top = np.zeros((n, 3))
    best = rank < 3
    top[sentence[order][best], rank[best]] = p[order][best]
    count = np.maximum(lens, 1)
    total = np.bincount(sentence, p, n)
    noisy_or = np.bincount(sentence, -np.log1p(-np.clip(p, 0, 1 - 1e-6)), n)
    return np.column_stack([
        top[:, 0], top[:, :2].sum(1) / np.minimum(count, 2), top.sum(1) / np.minimum(count, 3),
        total, total / count, noisy_or, np.bincount(sentence, p > 0.3, n),
        np.bincount(sentence, p > 0.5, n), np.log(lens + 1),
    ])


def aggregate_gradient(p: np.ndarray, batch: TokenBatch) -> np.ndarray:
    """d aggregate / d p for each token (tokens x AGGREGATES); counts have none."""
    sentence = batch.sentence
    count = np.maximum(batch.lens, 1)[sentence]
    order, rank = _ranks(p, batch)
    token_rank = np.empty_like(rank)
    token_rank[order] = rank
    gradient = np.zeros((len(p), len(AGGREGATES)))
    gradient[:, 0] = token_rank == 0
    gradient[:, 1] = (token_rank < 2) / np.minimum(count, 2)
    gradient[:, 2] = (token_rank < 3) / np.minimum(count, 3)
    gradient[:, 3] = 1.0
    gradient[:, 4] = 1.0 / count
    gradient[:, 5] = 1.0 / (1.0 - np.clip(p, 0, 1 - 1e-6))
    return gradient


def subset(batch: TokenBatch, rows: np.ndarray) -> tuple[TokenBatch, np.ndarray]:
    """The batch of the sentences ``rows`` only, and the positions of their tokens."""
    lens = batch.lens[rows]
    starts = np.concatenate([[0], np.cumsum(lens)])
    shift = np.repeat(batch.starts[rows] - starts[:-1], lens)
    tokens = (shift + np.arange(starts[-1])).astype(np.int64)
    part = TokenBatch(batch.types[tokens], batch.shapes[tokens],
                      np.repeat(np.arange(len(rows)), lens), starts)
    return part, tokens


def _ranks(p: np.ndarray, batch: TokenBatch) -> tuple[np.ndarray, np.ndarray]:
    """Tokens sorted by sentence then falling p, and each one's rank in its sentence."""
    order = np.lexsort((-p, batch.sentence))
    return order, np.arange(len(p)) - batch.starts[batch.sentence[order]]
