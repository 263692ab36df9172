"""The stacked sentence slant model as plain arrays, scored in NumPy.

scikit-learn trains the model (:mod:`framing.slant.sentence`); :func:`model_arrays`
there turns it into the arrays and the JSON spec this module reads. Scoring needs neither
scikit-learn, SciPy nor pickle, so a fresh process starts fast and a model file can hold
nothing but numbers.

File format (``.npz``, read with ``allow_pickle=False``; its SHA-256 is in the card):

- ``spec``: a JSON string: format name and version, class labels, hashing sizes, the
  token model's character weight, the lexicon categories, the masked names and the stop
  words the model was trained with;
- ``idf_words``, ``coef_words``, ``idf_chars``, ``coef_chars`` (float32): IDF and linear
  SVM weights of the hashed word 1-2-grams and character 2-5-grams;
- ``svc_intercept``, ``token_coef`` (float32), ``token_intercept``, ``lexicon_weights``,
  ``lexicon_intercept``, ``meta_weights``, ``meta_intercept``: the other bases and the
  meta-model, with the scalers folded into the weights.

Whatever depends on a word alone (its hash, its character n-grams' weights, the token
model's form features) is computed once per word type and cached; a sentence then costs
a few gathers and ``bincount`` calls.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from framing.slant import tokens as tf
from framing.slant.hashing import (
    ascii_gram_hashes,
    char_wb_grams,
    columns_of,
    hashed_columns,
    murmur3_32,
)
from framing.slant.rows import (
    FRAME_FEATURE_NAMES,
    STYLE_FEATURE_NAMES,
    SentenceInput,
    check_items,
    frame_row,
    lexicon_feature_names,
    lexicon_row,
    style_row,
    texts_of,
)

FORMAT = "framing-slant-arrays"
#: The suggestion model's arrays (framing.slant.words) share the container and version.
WORD_FORMAT = "framing-word-arrays"
FORMATS = (FORMAT, WORD_FORMAT)
FORMAT_VERSION = 1
EXPLAINED = 3
Reasons = list[tuple[str, float]]
#: The per-word cache starts afresh past this many bytes (an estimate: :func:`_cost`).
MAX_CACHE_BYTES = 200 * 2**20
#: Longer words have their character n-grams hashed in slices of this many.
GRAM_SLICE = 100_000


class ArraySlantModel:
    """Probability that an expert would call a sentence biased, from stored arrays.

    Gives the same log-odds as the fitted scikit-learn estimators it was made from
    (a test checks them to 1e-9 on 500 sentences).
    """

    def __init__(self, arrays: Mapping[str, np.ndarray], spec: dict[str, Any]) -> None:
        self.spec = spec
        self.classes_ = np.asarray(spec["classes"])
        self.names = frozenset(spec["names"]) if spec.get("names") is not None else None
        self.stop_words = frozenset(spec["stop_words"])
        self.has_ngrams = "coef_words" in arrays
        if self.has_ngrams:
            self.idf_words = np.asarray(arrays["idf_words"])
            self.coef_words = np.asarray(arrays["coef_words"])
            self.idf_chars = np.asarray(arrays["idf_chars"])
            self.char_weight = self.idf_chars.astype(np.float64) * arrays["coef_chars"]
            self.char_square = (self.idf_chars * self.idf_chars).astype(np.float64)
            self.svc_intercept = float(arrays["svc_intercept"])
        self.token_coef = arrays.get("token_coef")
        self.token_intercept = float(arrays["token_intercept"]) if self.token_coef is not None else 0.0
        self.lexicon_weights = arrays.get("lexicon_weights")
        if self.lexicon_weights is not None:
            self.lexicon_intercept = float(arrays["lexicon_intercept"])
            lexicon = spec["lexicon"]
            self.categories = list(lexicon["categories"])
            self.category_index = {c: i for i, c in enumerate(self.categories)}
            self.lexicon_source = (tuple(lexicon.get("lexicons", ())), lexicon.get("builtin", True))
            self.style = bool(lexicon.get("style", False))
            self.frames = bool(lexicon.get("frames", False))
        self.meta_weights = np.asarray(arrays["meta_weights"], np.float64)
        self.meta_intercept = float(arrays["meta_intercept"])
        self.cw = float(spec.get("token_char_weight", 0.0))
        self._words = _WordTypes(self)

    # --- the estimator interface the article score uses ----------------------------

    def decision_function(self, X: Iterable[SentenceInput]) -> np.ndarray:
        """The meta-model's log-odds of "biased" per sentence."""
        return self._compute(X, explain=False)[0]

    def predict_proba(self, X: Iterable[SentenceInput]) -> np.ndarray:
        p = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: Iterable[SentenceInput]) -> np.ndarray:
        return self.classes_[(self.decision_function(X) >= 0).astype(int)]

    def predict_explained(self, X: Iterable[SentenceInput]) -> tuple[np.ndarray, list[Reasons]]:
        """Probabilities and, per sentence, the features that pushed it most towards biased:
        ``("words__<word>", contribution)`` and ``("lexicon__<feature>", contribution)``,
        contributions on the log-odds scale."""
        logits, reasons = self._compute(X, explain=True)
        return 1.0 / (1.0 + np.exp(-logits)), reasons

    def model_texts(self, items: Iterable[SentenceInput]) -> list[str]:
        """The sentence strings as the bases read them (names masked when trained so)."""
        texts = texts_of(items)
        if self.names is None:
            return texts
        return [tf.mask_names(t, self.names, self.stop_words) for t in texts]

    # --- scoring ---------------------------------------------------------------------

    def _compute(self, X: Iterable[SentenceInput], explain: bool):
        items = check_items(X)
        texts = self.model_texts(items)
        words = self._words.current()
        batch, numbers = words.batch(texts)
        n, types = batch.n, batch.types
        hashes = numbers.hashes[types]
        features = []
        grams = None
        if self.has_ngrams:
            grams = self._ngram_parts(hashes, batch, numbers)
            features.append(grams.score[:, None])
        p = None
        if self.token_coef is not None:
            context, first = tf.context_columns(hashes, batch)
            z = (numbers.type_score[types] + self.token_coef[context].astype(np.float64).sum(1)
                 + first * float(self.token_coef[tf.SENTENCE_START]) + self.token_intercept)
            p = 1.0 / (1.0 + np.exp(-z))
            features.append(tf.aggregate(p, batch))
        lexicon = None
        if self.lexicon_weights is not None:
            lexicon = self._lexicon_rows(items)
            features.append((lexicon @ self.lexicon_weights + self.lexicon_intercept)[:, None])
        logits = np.hstack(features) @ self.meta_weights + self.meta_intercept if n else np.zeros(0)
        if not explain:
            return logits, None
        return logits, self._reasons(words, numbers, texts, batch, grams, p, lexicon)

    def _ngram_parts(self, hashes, batch, numbers) -> _NgramParts:
        n, sentence, types = batch.n, batch.sentence, batch.types
        rows, columns = tf.word_gram_columns(hashes, batch)
        idf = self.idf_words[columns]
        word_square = (idf * idf).astype(np.float64)  # squared in float32, as in training
        word_weight = idf.astype(np.float64) * self.coef_words[columns]
        word_norm = np.maximum(np.sqrt(np.bincount(rows, word_square, n)), 1e-12)
        char_norm = np.maximum(np.sqrt(np.bincount(sentence, numbers.char_norm[types], n)), 1e-12)
        score = (self.svc_intercept + np.bincount(rows, word_weight, n) / word_norm
                 + np.bincount(sentence, numbers.char_dot[types], n) / char_norm)
        return _NgramParts(score, rows, word_weight, word_norm, char_norm)

    def _lexicon_rows(self, items: list[SentenceInput]) -> np.ndarray:
        """Our flags (and style cues) per sentence, as the lexicon base was trained on."""
        scoring = None
        rows = []
        for item in items:
            if isinstance(item, str):
                scoring = scoring or _scoring(*self.lexicon_source)
                flags = [f for r in scoring.score(_tokenize(item)).sentences for f in r.flags]
            else:
                flags = item.flags
            row = lexicon_row(flags, self.category_index)
            if self.style:
                row += style_row(item if isinstance(item, str) else item.sentence.text)
            if self.frames:
                row += frame_row(item)
            rows.append(row)
        return np.asarray(rows, dtype=np.float64).reshape(len(items), len(self.lexicon_feature_names()))

    def _reasons(self, words, numbers, texts, batch, grams, p, lexicon) -> list[Reasons]:
        """Per sentence, the words and lexicon features adding most to the log-odds."""
        n_tokens = len(batch.types)
        per_token = np.zeros(n_tokens)
        if grams is not None:
            per_gram = grams.word_weight / grams.word_norm[grams.rows]
            per_token += (per_gram[:n_tokens]
                          + numbers.char_dot[batch.types] / grams.char_norm[batch.sentence])
            bigram_right = np.nonzero(np.r_[False, batch.sentence[1:] == batch.sentence[:-1]])[0]
            half = 0.5 * per_gram[n_tokens:]
            np.add.at(per_token, bigram_right, half)
            np.add.at(per_token, bigram_right - 1, half)
            per_token *= self.meta_weights[0]
        if p is not None:
            start = int(self.has_ngrams)
            aggregate_weights = self.meta_weights[start : start + len(tf.AGGREGATES)]
            per_token += (tf.aggregate_gradient(p, batch) @ aggregate_weights) * p
        # Stop words and masked names are never a reason: they say nothing about wording.
        per_token[numbers.silent[batch.types]] = 0.0
        merged: list[dict[str, float]] = [{} for _ in texts]
        order = np.lexsort((-per_token, batch.sentence))
        rank = np.arange(n_tokens) - batch.starts[batch.sentence[order]]
        for k in order[(rank < 2 * EXPLAINED) & (per_token[order] > 0)]:
            reasons = merged[batch.sentence[k]]
            name = "words__" + words.index.words[batch.types[k]]
            reasons[name] = reasons.get(name, 0.0) + float(per_token[k])
        if lexicon is not None:
            names = self.lexicon_feature_names()
            rows, columns = np.nonzero(lexicon)
            values = lexicon[rows, columns] * self.lexicon_weights[columns] * self.meta_weights[-1]
            for row, column, value in zip(rows.tolist(), columns.tolist(), values.tolist(),
                                          strict=True):
                if value > 0:
                    merged[row]["lexicon__" + names[column]] = value
        return [_top(reasons) for reasons in merged]

    def lexicon_feature_names(self) -> list[str]:
        names = lexicon_feature_names(self.categories)
        return [*names, *STYLE_FEATURE_NAMES * self.style, *FRAME_FEATURE_NAMES * self.frames]


class _NgramParts:
    """The n-gram SVM's score per sentence and the parts its explanations reuse."""

    def __init__(self, score, rows, word_weight, word_norm, char_norm) -> None:
        self.score, self.rows, self.word_weight = score, rows, word_weight
        self.word_norm, self.char_norm = word_norm, char_norm


class _TypeNumbers:
    """Arrays indexed by word-type id: what the model needs from a word alone."""

    def __init__(self) -> None:
        self.hashes = np.zeros(0, np.uint64)
        self.silent = np.zeros(0, bool)
        self.char_dot = self.char_norm = self.type_score = np.zeros(0)


class _WordCache:
    """The word types seen so far and their numbers. Arrays are only ever replaced by
    longer ones, so threads read them without a lock while one grows them."""

    def __init__(self, model: ArraySlantModel) -> None:
        self.model = model
        self.index = tf.TypeIndex()
        self.numbers = _TypeNumbers()
        self.cost = 0
        self.lock = threading.Lock()

    def batch(self, texts: list[str]) -> tuple[tf.TokenBatch, _TypeNumbers]:
        with self.lock:
            batch = self.index.batch(texts)
            new = self.index.words[len(self.numbers.hashes):]
            if new:
                self.numbers = _extended(self.numbers, new, self.model)
                self.cost += _cost(new)
            return batch, self.numbers


class _WordTypes:
    """Hands out the current word cache, starting a new one when it grows too large."""

    def __init__(self, model: ArraySlantModel) -> None:
        self.model = model
        self.cache = _WordCache(model)
        self.lock = threading.Lock()

    def current(self) -> _WordCache:
        with self.lock:
            if self.cache.cost > MAX_CACHE_BYTES:
                self.cache = _WordCache(self.model)
            return self.cache


def _extended(old: _TypeNumbers, new: list[str], model: ArraySlantModel) -> _TypeNumbers:
    numbers = _TypeNumbers()
    numbers.hashes = np.concatenate([old.hashes, tf.type_hashes(new)])
    numbers.silent = np.concatenate(
        [old.silent, np.array([tf.is_silent(w, model.stop_words) for w in new], bool)])
    grams = _WordGrams(new) if model.has_ngrams or model.token_coef is not None else None
    if model.has_ngrams:
        counts = grams.counts(2, tf.CHAR_DIM)
        numbers.char_dot = np.concatenate([old.char_dot, counts.dot(model.char_weight)])
        numbers.char_norm = np.concatenate([old.char_norm, counts.squares_dot(model.char_square)])
    if model.token_coef is not None:
        numbers.type_score = np.concatenate([old.type_score, _form_scores(new, grams, model)])
    return numbers


class _GramCounts:
    """Per word, the count of each hashed column of its n-grams (sparse, as triples)."""

    def __init__(self, word: np.ndarray, column: np.ndarray, count: np.ndarray, n_words: int):
        self.word, self.column, self.count, self.n_words = word, column, count, n_words

    def dot(self, weights: np.ndarray) -> np.ndarray:
        return np.bincount(self.word, self.count * weights[self.column], self.n_words)

    def squares_dot(self, weights: np.ndarray) -> np.ndarray:
        return np.bincount(self.word, self.count**2 * weights[self.column], self.n_words)

    def l2_dot(self, weights: np.ndarray) -> np.ndarray:
        norm = np.sqrt(np.bincount(self.word, self.count**2, self.n_words))
        return self.dot(weights) / np.where(norm > 0, norm, 1.0)


class _WordGrams:
    """The character 2- to 5-grams of new word types (padded with spaces, as scikit-learn's
    ``char_wb``), hashed once: the n-gram SVM reads all of them, the token model the
    3- to 5-grams. ASCII words are hashed straight from their bytes; others, and words
    longer than a slice, gram by gram."""

    def __init__(self, words: list[str]) -> None:
        self.n_words = len(words)
        owners, sizes, hashes = [], [], []
        for first, batch in _ascii_batches(words):
            owner, size, hashed = ascii_gram_hashes(batch, 2, 5)
            owners.append(owner + first)
            sizes.append(size)
            hashes.append(hashed)
        for i, word in enumerate(words):
            if not _hashed_from_bytes(word):
                for part in _string_grams(word):
                    owners.append(np.full(len(part), i))
                    sizes.append(np.fromiter(map(len, part), np.int64, len(part)))
                    hashes.append(murmur3_32(part))
        self.owner = np.concatenate(owners) if owners else np.zeros(0, np.int64)
        self.size = np.concatenate(sizes) if sizes else np.zeros(0, np.int64)
        self.hashes = np.concatenate(hashes) if hashes else np.zeros(0, np.uint32)

    def counts(self, low: int, n_features: int) -> _GramCounts:
        keep = self.size >= low
        keys = self.owner[keep] * n_features + columns_of(self.hashes[keep], n_features)
        unique, count = np.unique(keys, return_counts=True)
        return _GramCounts(unique // n_features, unique % n_features, count.astype(np.float64),
                           self.n_words)


def _hashed_from_bytes(word: str) -> bool:
    return word.isascii() and len(word) <= GRAM_SLICE


def _ascii_batches(words: list[str]):
    """(index of the first word, words) in runs of ASCII words of about GRAM_SLICE
    characters, so the arrays of one call stay small."""
    batch: list[str] = []
    first, size = 0, 0
    for i, word in enumerate(words):
        if not _hashed_from_bytes(word):
            continue
        if not batch:
            first = i
        if batch and (size + len(word) > GRAM_SLICE or i != first + len(batch)):
            yield first, batch
            batch, first, size = [], i, 0
        batch.append(word)
        size += len(word)
    if batch:
        yield first, batch


def _string_grams(word: str):
    """A word's 2- to 5-grams as strings, in slices of at most GRAM_SLICE."""
    if len(word) <= GRAM_SLICE:
        yield char_wb_grams(word, 2, 5)
        return
    padded = f" {word} "
    for n in range(2, 6):
        last = len(padded) - n + 1
        for begin in range(0, last, GRAM_SLICE):
            yield [padded[i : i + n] for i in range(begin, min(begin + GRAM_SLICE, last))]


def _cost(words: list[str]) -> int:
    """Bytes the cache holds for new word types: each word twice (index and raw-token
    key, 49 bytes of str header each), dict and list slots, and five numbers."""
    return sum(2 * (49 + len(word)) for word in words) + 150 * len(words)


def _form_scores(words: list[str], grams: _WordGrams, model: ArraySlantModel) -> np.ndarray:
    """The token model's score of each word's own features (forms and characters)."""
    stem = tf.stemmer()
    forms = [tf.word_forms(w, stem) for w in words]
    owner = np.repeat(np.arange(len(words)), [len(f) for f in forms])
    columns = hashed_columns([f for features in forms for f in features], tf.FORM_DIM)
    coef = model.token_coef
    score = np.bincount(owner, coef[columns].astype(np.float64), len(words))
    chars = grams.counts(3, tf.TOKEN_CHAR_DIM)
    return score + model.cw * chars.l2_dot(coef[tf.FORM_DIM:].astype(np.float64))


def _top(reasons: dict[str, float]) -> Reasons:
    ranked = sorted(reasons.items(), key=lambda pair: -pair[1])[:EXPLAINED]
    return [(name, round(value, 3)) for name, value in ranked]


_SCORINGS: dict[tuple, Any] = {}


def _scoring(lexicons: tuple[str, ...], builtin: bool):
    """The scorer of the lexicons the model was trained with, for plain-string sentences."""
    key = (lexicons, builtin)
    if key not in _SCORINGS:
        from framing.lexicon import load_lexicon
        from framing.score import DocumentScorer

        _SCORINGS[key] = DocumentScorer(load_lexicon(lexicons, builtin=builtin))
    return _SCORINGS[key]


def _tokenize(text: str):
    from framing.tokenize import tokenize

    return tokenize(text)


# --- reading and writing --------------------------------------------------------------


def read_arrays(data: bytes | Any) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays and spec of an array model file (bytes or a file object)."""
    import io

    source = io.BytesIO(data) if isinstance(data, bytes) else data
    with np.load(source, allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files}
    spec = json.loads(str(arrays.pop("spec")))
    if spec.get("format") not in FORMATS:
        raise ValueError(f"not a framing model file (format {spec.get('format')!r})")
    if spec.get("version") != FORMAT_VERSION:
        raise ValueError(f"{spec['format']} version {spec.get('version')} is not supported "
                         f"(this framing reads version {FORMAT_VERSION})")
    return arrays, spec


def write_arrays(path, arrays: Mapping[str, np.ndarray], spec: dict[str, Any],
                 kind: str = FORMAT) -> None:
    spec = {"format": kind, "version": FORMAT_VERSION, **spec}
    np.savez_compressed(path, spec=np.array(json.dumps(spec, sort_keys=True)), **arrays)
