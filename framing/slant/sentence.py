"""The stacked sentence slant model: three linear base models under a logistic meta-model.

Bases, each giving the meta-model one or more numbers per sentence:

* **n-grams**: hashed word 1-2-grams and character 2-5-grams within words, IDF-weighted,
  into a linear SVM trained on the sentence labels. Each block is divided by the root of
  the summed squared weights of its occurrences (an L2 norm that ignores repeats), so
  every term of the score is a sum over tokens of numbers cached per word.
* **marked words** (when trained with the experts' marked words): a token-level logistic
  model of "would an expert mark this word", from the word's form and neighbours; the
  sentence gets summaries of its tokens' probabilities (max, top-2/3 mean, sum, ...).
* **lexicon**: our own flags (:class:`~framing.slant.features.LexiconFeatures`) into a
  logistic regression.

The meta-model (standardised logistic regression) is trained on base outputs that are
cross-fitted inside the training data, so its probabilities are calibrated the way
stacking calibrates. The SVM's C and the meta-model's C are chosen by inner
cross-validation on the training data only.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MaxAbsScaler, StandardScaler
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

from framing.slant import tokens as tf
from framing.slant.features import (
    LexiconAndFrameFeatures,
    LexiconAndStyleFeatures,
    LexiconFeatures,
    SentenceInput,
    _check_items,
    texts_of,
)

EXPLAINED = 3
Reasons = list[tuple[str, float]]
#: The per-word cache is rebuilt past this size (an estimate: ``_Compiled.cache_bytes``).
MAX_CACHE_BYTES = 200 * 2**20


class StackedSlantClassifier(ClassifierMixin, BaseEstimator):
    """Probability that an expert would call a sentence biased.

    Parameters
    ----------
    svc_Cs : tuple of float
        Candidate C of the n-gram SVM, chosen by inner out-of-fold ROC AUC.
    meta_Cs : tuple of float
        Candidate C of the meta logistic regression, chosen by inner-CV log-loss.
    token_alpha : float
        L2 penalty of the marked-word token model (averaged SGD, log-loss).
    char_weight : float
        Weight of the character n-grams among the token model's features.
    lexicon : bool
        Whether our lexicon flags are a base model.
    frames : bool
        Add policy-frame and moral-foundation cue features to the lexicon base (off in
        the shipped model: cross-validation showed no gain).
    inner_folds : int
        Folds of the inner cross-fitting.
    mask_names : bool
        Replace names (capitalised words the training data writes capitalised inside
        sentences) by one placeholder before any base sees the words, so no person, party,
        place or outlet can carry weight of its own.
    ngrams : bool
        Whether the hashed n-gram SVM is a base (it learns topics most readily).
    style : bool
        Add topic-free wording cues (:class:`~framing.slant.features.StyleFeatures`:
        person, modality, comparison, degree, reporting verbs...) to the lexicon base.
    seed : int
        Seed of the inner folds and the SGD.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
    svc_C_, meta_C_ : float
        The chosen regularisation strengths (``svc_C_`` is None without the n-gram base).
    names_ : frozenset of str or None
        With ``mask_names``: lowercase forms the training data writes capitalised more
        often than not inside sentences.
    meta_features_ : list of str
        Names of the meta-model's inputs.
    """

    def __init__(self, svc_Cs: tuple[float, ...] = (0.03, 0.1, 0.3),
                 meta_Cs: tuple[float, ...] = (0.1, 1.0, 10.0), token_alpha: float = 1e-5,
                 char_weight: float = 3.0, lexicon: bool = True, inner_folds: int = 5,
                 seed: int = 0, frames: bool = False, mask_names: bool = False,
                 ngrams: bool = True, style: bool = False) -> None:
        self.svc_Cs = svc_Cs
        self.meta_Cs = meta_Cs
        self.token_alpha = token_alpha
        self.char_weight = char_weight
        self.lexicon = lexicon
        self.inner_folds = inner_folds
        self.seed = seed
        self.frames = frames
        self.mask_names = mask_names
        self.ngrams = ngrams
        self.style = style

    # --- training -----------------------------------------------------------------

    def fit(self, X: Iterable[SentenceInput], y: Any,
            biased_words: Sequence[Iterable[str]] | None = None) -> StackedSlantClassifier:
        """Fit on sentences ``X`` and labels ``y``; ``biased_words`` (the words experts
        marked in each sentence) adds the token base."""
        items = _check_items(X)
        self.classes_, y = np.unique(np.asarray(y), return_inverse=True)
        if len(self.classes_) != 2 or len(y) != len(items):
            raise ValueError("need one label per sentence and exactly two label values")
        if biased_words is not None and len(biased_words) != len(items):
            raise ValueError("biased_words needs one list of words per sentence")
        self.names_ = tf.learn_names(texts_of(items)) if self.mask_names else None
        data = _TrainingData(items, self.char_weight, biased_words, self.lexicon, self.frames,
                             self.names_, self.style)
        folds = list(StratifiedKFold(self.inner_folds, shuffle=True, random_state=self.seed)
                     .split(np.zeros(len(y)), y))
        columns = []
        self.svc_C_ = None
        if self.ngrams:
            svc_oof = {C: np.zeros(len(y)) for C in self.svc_Cs}
            for train, test in folds:
                for C in self.svc_Cs:
                    svc_oof[C][test] = _svc_scores(_fit_svc(data, train, y, C), data, test)
            self.svc_C_ = max(self.svc_Cs, key=lambda C: roc_auc_score(y, svc_oof[C]))
            columns.append(svc_oof[self.svc_C_][:, None])
        if data.tokens is not None:
            columns.append(np.zeros((len(y), len(tf.AGGREGATES))))
            for train, test in folds:
                columns[-1][test] = _token_aggregates(_fit_tokens(data, train, self), data, test)
        if data.lexicon is not None:
            columns.append(np.zeros((len(y), 1)))
            for train, test in folds:
                lexicon_model = _fit_lexicon(data, train, y)
                columns[-1][test, 0] = lexicon_model.decision_function(data.lexicon[test])
        search = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression(max_iter=3000)),
                              {"logisticregression__C": list(self.meta_Cs)}, scoring="neg_log_loss",
                              cv=StratifiedKFold(5, shuffle=True, random_state=self.seed + 1))
        search.fit(np.hstack(columns), y)
        self.meta_C_ = search.best_params_["logisticregression__C"]
        self.meta_ = search.best_estimator_
        everything = np.arange(len(y))
        self.idf_words_ = self.idf_chars_ = self.svc_ = None
        if self.ngrams:
            self.idf_words_, self.idf_chars_, self.svc_ = _fit_svc(data, everything, y, self.svc_C_)
        self.token_model_ = _fit_tokens(data, everything, self) if data.tokens is not None else None
        self.lexicon_features_ = data.lexicon_features
        self.lexicon_model_ = None if data.lexicon is None else _fit_lexicon(data, everything, y)
        self._compact()
        self.meta_features_ = (["ngram_svm"] * self.ngrams + [f"marked_words:{a}" for a in tf.AGGREGATES] * (
            self.token_model_ is not None) + ["lexicon"] * (self.lexicon_model_ is not None))
        self.__dict__.pop("_compiled", None)
        return self

    def _compact(self) -> None:
        """Single precision for the large weight arrays, so the file stays small and loads fast."""
        if self.svc_ is not None:
            self.idf_words_ = self.idf_words_.astype(np.float32)
            self.idf_chars_ = self.idf_chars_.astype(np.float32)
            self.svc_.coef_ = self.svc_.coef_.astype(np.float32)
        if self.token_model_ is not None:
            self.token_model_.coef_ = self.token_model_.coef_.astype(np.float32)
            # Averaging state, needed only to continue training with partial_fit.
            for private in ("_standard_coef", "_average_coef"):
                self.token_model_.__dict__.pop(private, None)

    # --- prediction ---------------------------------------------------------------

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

    def _compute(self, X: Iterable[SentenceInput], explain: bool):
        check_is_fitted(self, "meta_")
        items = _check_items(X)
        compiled = self._compiled_weights()
        return compiled.run(items, self.model_texts(items), self, explain)

    def model_texts(self, items: Iterable[SentenceInput]) -> list[str]:
        """The sentence strings as the bases read them (names masked when trained so)."""
        texts = texts_of(items)
        names = getattr(self, "names_", None)
        return texts if names is None else [tf.mask_names(t, names) for t in texts]

    def _compiled_weights(self) -> _Compiled:
        compiled = self.__dict__.get("_compiled")
        if compiled is None or compiled.cache_bytes > MAX_CACHE_BYTES:
            compiled = self.__dict__["_compiled"] = _Compiled(self)
        return compiled

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state.pop("_compiled", None)  # a cache, rebuilt on first use
        return state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags


# --- training helpers -----------------------------------------------------------------


class _TrainingData:
    """Count matrices of the training sentences, built once and sliced per fold."""

    def __init__(self, items: list[SentenceInput], char_weight: float,
                 biased_words: Sequence[Iterable[str]] | None, lexicon: bool,
                 frames: bool = False, names: frozenset[str] | None = None,
                 style: bool = False) -> None:
        texts = texts_of(items)
        if names is not None:
            texts = [tf.mask_names(t, names) for t in texts]
        index = tf.TypeIndex()
        self.batch = batch = index.batch(texts)
        hashes = tf.type_hashes(index.words)[batch.types]
        rows, columns = tf.word_gram_columns(hashes, batch)
        self.words = sp.csr_matrix((np.ones(len(rows)), (rows, columns)),
                                   shape=(batch.n, tf.WORD_DIM))
        self.words.sum_duplicates()
        chars = tf.char_rows(index.words)
        n_tokens = len(batch.types)
        per_sentence = sp.csr_matrix((np.ones(n_tokens), (batch.sentence, np.arange(n_tokens))),
                                     shape=(batch.n, n_tokens))
        self.chars = (per_sentence @ chars[batch.types]).tocsr()
        self.char_squares = (per_sentence @ chars.power(2)[batch.types]).tocsr()
        self.tokens = self.token_labels = None
        if biased_words is not None:
            forms = tf.token_form_rows(index.words, char_weight)
            self.tokens = tf.token_matrix(forms, hashes, batch)
            self.token_labels = tf.token_labels(texts, biased_words)
        self.lexicon_features = self.lexicon = None
        if lexicon:
            features = (LexiconAndFrameFeatures() if frames else LexiconAndStyleFeatures()
                        if style else LexiconFeatures())
            self.lexicon_features = features.fit(items)
            self.lexicon = self.lexicon_features.transform(items)


def _idf(counts: sp.csr_matrix) -> np.ndarray:
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    return np.log((1 + counts.shape[0]) / (1 + document_frequency)) + 1.0


def _scaled(counts: sp.csr_matrix, squares: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    norm = np.sqrt(squares @ (idf * idf))
    return sp.diags(1.0 / np.maximum(norm, 1e-12)) @ counts.multiply(idf[None, :]).tocsr()


def _ngram_matrix(data: _TrainingData, rows: np.ndarray, idf_words, idf_chars) -> sp.csr_matrix:
    words, chars = data.words[rows], data.chars[rows]
    return sp.hstack([_scaled(words, words, idf_words),
                      _scaled(chars, data.char_squares[rows], idf_chars)]).tocsr()


def _fit_svc(data: _TrainingData, rows: np.ndarray, y: np.ndarray, C: float):
    idf_words, idf_chars = _idf(data.words[rows]), _idf(data.chars[rows])
    features = _ngram_matrix(data, rows, idf_words, idf_chars)
    svc = LinearSVC(C=C, random_state=0).fit(features, y[rows])
    return idf_words, idf_chars, svc


def _svc_scores(fitted, data: _TrainingData, rows: np.ndarray) -> np.ndarray:
    idf_words, idf_chars, svc = fitted
    return svc.decision_function(_ngram_matrix(data, rows, idf_words, idf_chars))


def _fit_tokens(data: _TrainingData, rows: np.ndarray,
                params: StackedSlantClassifier) -> SGDClassifier:
    _, tokens = tf.subset(data.batch, rows)
    model = SGDClassifier(loss="log_loss", alpha=params.token_alpha, max_iter=30, tol=1e-4,
                          average=True, random_state=params.seed)
    with warnings.catch_warnings():
        # 30 averaged epochs are the chosen budget, not a failure to converge.
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(data.tokens[tokens], data.token_labels[tokens])


def _token_aggregates(model: SGDClassifier, data: _TrainingData, rows: np.ndarray) -> np.ndarray:
    part, tokens = tf.subset(data.batch, rows)
    return tf.aggregate(model.predict_proba(data.tokens[tokens])[:, 1], part)


def _fit_lexicon(data: _TrainingData, rows: np.ndarray, y: np.ndarray):
    model = make_pipeline(MaxAbsScaler(), LogisticRegression(max_iter=2000))
    return model.fit(data.lexicon[rows], y[rows])


# --- prediction -------------------------------------------------------------------------


class _Compiled:
    """Flat float arrays of a fitted model and a per-word cache: prediction without
    scikit-learn's per-call input checks (a test checks it equals the estimators)."""

    def __init__(self, model: StackedSlantClassifier) -> None:
        f32 = np.float32
        self.has_ngrams = model.svc_ is not None
        if self.has_ngrams:
            svc_coef = model.svc_.coef_.ravel()
            self.word_weight = (model.idf_words_ * svc_coef[: tf.WORD_DIM]).astype(f32)
            self.word_square = (model.idf_words_**2).astype(f32)
            self.char_weight = model.idf_chars_.astype(np.float64) * svc_coef[tf.WORD_DIM:]
            self.char_square = model.idf_chars_.astype(np.float64) ** 2
            self.svc_intercept = float(model.svc_.intercept_[0])
        scaler, meta = model.meta_[0], model.meta_[-1]
        self.meta_weights = meta.coef_.ravel() / scaler.scale_
        self.meta_intercept = float(meta.intercept_[0] - scaler.mean_ @ self.meta_weights)
        self.token_coef = self.token_intercept = None
        if model.token_model_ is not None:
            self.token_coef = model.token_model_.coef_.ravel().astype(f32)
            self.token_intercept = float(model.token_model_.intercept_[0])
        self.lexicon_weights = None
        if model.lexicon_model_ is not None:
            scaler, lexicon = model.lexicon_model_[0], model.lexicon_model_[-1]
            scale = np.where(scaler.max_abs_ > 0, scaler.max_abs_, 1.0)
            self.lexicon_weights = lexicon.coef_.ravel() / scale
            self.lexicon_intercept = float(lexicon.intercept_[0])
        self.index = tf.TypeIndex()
        self.hashes = np.zeros(0, np.uint64)
        self.silent = np.zeros(0, bool)
        self.char_dot = self.char_norm = self.type_score = np.zeros(0)
        self.cw = model.char_weight
        self.cache_bytes = 0
        # Threads sharing one model grow the cache in turn; the arrays are only ever
        # replaced by longer ones, so reading them needs no lock.
        self._growing = threading.Lock()

    def _grow(self) -> None:
        """Compute the cached numbers of word types seen for the first time."""
        new = self.index.words[len(self.hashes):]
        if not new:
            return
        self.cache_bytes += _cost(new)
        self.hashes = np.concatenate([self.hashes, tf.type_hashes(new)])
        self.silent = np.concatenate([self.silent, [tf.is_silent(w) for w in new]]).astype(bool)
        if self.has_ngrams:
            chars = tf.char_rows(new)
            self.char_dot = np.concatenate([self.char_dot, chars @ self.char_weight])
            self.char_norm = np.concatenate([self.char_norm, chars.power(2) @ self.char_square])
        if self.token_coef is not None:
            forms = tf.token_form_rows(new, self.cw)
            self.type_score = np.concatenate([self.type_score, forms @ self.token_coef])

    def run(self, items: list[SentenceInput], texts: list[str], model: StackedSlantClassifier,
            explain: bool):
        with self._growing:
            batch = self.index.batch(texts)
            self._grow()
        n, sentence, types = batch.n, batch.sentence, batch.types
        hashes = self.hashes[types]
        features = []
        rows = columns = word_norm = char_norm = None
        if self.has_ngrams:
            rows, columns = tf.word_gram_columns(hashes, batch)
            word_norm = np.maximum(np.sqrt(np.bincount(rows, self.word_square[columns], n)), 1e-12)
            char_norm = np.maximum(np.sqrt(np.bincount(sentence, self.char_norm[types], n)), 1e-12)
            svc = (self.svc_intercept + np.bincount(rows, self.word_weight[columns], n) / word_norm
                   + np.bincount(sentence, self.char_dot[types], n) / char_norm)
            features.append(svc[:, None])
        p = None
        if self.token_coef is not None:
            context, first = tf.context_columns(hashes, batch)
            z = (self.type_score[types] + self.token_coef[context].sum(1)
                 + first * self.token_coef[tf.SENTENCE_START] + self.token_intercept)
            p = 1.0 / (1.0 + np.exp(-z))
            features.append(tf.aggregate(p, batch))
        lexicon = None
        if self.lexicon_weights is not None:
            lexicon = model.lexicon_features_.transform(items).tocsr()
            features.append((lexicon @ self.lexicon_weights + self.lexicon_intercept)[:, None])
        logits = np.hstack(features) @ self.meta_weights + self.meta_intercept
        if not explain:
            return logits, None
        reasons = self._reasons(model, texts, batch, rows, columns, word_norm, char_norm, p,
                                lexicon)
        return logits, reasons

    def _reasons(self, model, texts, batch, rows, columns, word_norm, char_norm, p, lexicon):
        """Per sentence, the words and lexicon features adding most to the log-odds."""
        n_tokens = n_unigrams = len(batch.types)
        per_token = np.zeros(n_tokens)
        if self.has_ngrams:
            per_gram = self.word_weight[columns] / word_norm[rows]
            per_token += per_gram[:n_unigrams] + self.char_dot[batch.types] / char_norm[batch.sentence]
            bigram_right = np.nonzero(np.r_[False, batch.sentence[1:] == batch.sentence[:-1]])[0]
            half = 0.5 * per_gram[n_unigrams:]
            np.add.at(per_token, bigram_right, half)
            np.add.at(per_token, bigram_right - 1, half)
            per_token *= self.meta_weights[0]
        if p is not None:
            start = int(self.has_ngrams)
            aggregate_weights = self.meta_weights[start : start + len(tf.AGGREGATES)]
            per_token += (tf.aggregate_gradient(p, batch) @ aggregate_weights) * p
        # Stop words and masked names are never a reason: they say nothing about wording.
        per_token[self.silent[batch.types]] = 0.0
        merged: list[dict[str, float]] = [{} for _ in texts]
        order = np.lexsort((-per_token, batch.sentence))
        rank = np.arange(n_tokens) - batch.starts[batch.sentence[order]]
        for k in order[(rank < 2 * EXPLAINED) & (per_token[order] > 0)]:
            reasons = merged[batch.sentence[k]]
            name = "words__" + self.index.words[batch.types[k]]
            reasons[name] = reasons.get(name, 0.0) + float(per_token[k])
        if lexicon is not None:
            names = model.lexicon_features_.get_feature_names_out()
            coo = lexicon.tocoo()
            values = coo.data * self.lexicon_weights[coo.col] * self.meta_weights[-1]
            for row, column, value in zip(coo.row, coo.col, values, strict=True):
                if value > 0:
                    merged[row]["lexicon__" + names[column]] = float(value)
        return [_top(reasons) for reasons in merged]


def _cost(words: list[str]) -> int:
    """Bytes the cache holds for new word types: each word twice (index and raw-token
    key, 49 bytes of str header each), dict and list slots, and four float64 numbers."""
    return sum(2 * (49 + len(word)) for word in words) + 150 * len(words)


def _top(reasons: dict[str, float]) -> Reasons:
    ranked = sorted(reasons.items(), key=lambda pair: -pair[1])[:EXPLAINED]
    return [(name, round(value, 3)) for name, value in ranked]


def reference_decision(model: StackedSlantClassifier, X: Iterable[SentenceInput]) -> np.ndarray:
    """The meta log-odds computed with the fitted scikit-learn estimators (slow; for tests)."""
    items = _check_items(X)
    names = getattr(model, "names_", None)
    data = _TrainingData(items, model.char_weight, None, False, names=names)
    rows = np.arange(len(items))
    columns = []
    if model.svc_ is not None:
        columns.append(_svc_scores((model.idf_words_, model.idf_chars_, model.svc_), data,
                                   rows)[:, None])
    if model.token_model_ is not None:
        texts = model.model_texts(items)
        index = tf.TypeIndex()
        batch = index.batch(texts)
        hashes = tf.type_hashes(index.words)[batch.types]
        tokens = tf.token_matrix(tf.token_form_rows(index.words, model.char_weight), hashes, batch)
        columns.append(tf.aggregate(model.token_model_.predict_proba(tokens)[:, 1], batch))
    if model.lexicon_model_ is not None:
        lexicon = model.lexicon_features_.transform(items)
        columns.append(model.lexicon_model_.decision_function(lexicon)[:, None])
    return model.meta_.decision_function(np.hstack(columns))
