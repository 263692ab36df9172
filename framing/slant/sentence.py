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
from framing.slant.arrays import ArraySlantModel
from framing.slant.features import (
    LexiconAndFrameFeatures,
    LexiconAndStyleFeatures,
    LexiconFeatures,
    SentenceInput,
    _check_items,
    texts_of,
)

Reasons = list[tuple[str, float]]


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
        self.__dict__.pop("_arrays", None)
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
        return self.array_model().decision_function(X)

    def predict_proba(self, X: Iterable[SentenceInput]) -> np.ndarray:
        return self.array_model().predict_proba(X)

    def predict(self, X: Iterable[SentenceInput]) -> np.ndarray:
        return self.array_model().predict(X)

    def predict_explained(self, X: Iterable[SentenceInput]) -> tuple[np.ndarray, list[Reasons]]:
        """See :meth:`framing.slant.arrays.ArraySlantModel.predict_explained`."""
        return self.array_model().predict_explained(X)

    def model_texts(self, items: Iterable[SentenceInput]) -> list[str]:
        """The sentence strings as the bases read them (names masked when trained so)."""
        texts = texts_of(items)
        names = getattr(self, "names_", None)
        return texts if names is None else [tf.mask_names(t, names) for t in texts]

    def array_model(self) -> ArraySlantModel:
        """This model as arrays scored in NumPy (how it predicts; built once, not pickled)."""
        check_is_fitted(self, "meta_")
        arrays = self.__dict__.get("_arrays")
        if arrays is None:
            arrays = self.__dict__["_arrays"] = ArraySlantModel(*model_arrays(self))
        return arrays

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state.pop("_arrays", None)  # a cache, rebuilt on first use
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


def model_arrays(model: StackedSlantClassifier) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The fitted model as the plain arrays and spec of :mod:`framing.slant.arrays`,
    scalers folded into the weights."""
    check_is_fitted(model, "meta_")
    f32 = np.float32
    arrays: dict[str, np.ndarray] = {}
    if model.svc_ is not None:
        coef = model.svc_.coef_.ravel().astype(f32)
        arrays.update(idf_words=model.idf_words_.astype(f32), coef_words=coef[: tf.WORD_DIM],
                      idf_chars=model.idf_chars_.astype(f32), coef_chars=coef[tf.WORD_DIM :],
                      svc_intercept=np.float64(model.svc_.intercept_[0]))
    if model.token_model_ is not None:
        arrays.update(token_coef=model.token_model_.coef_.ravel().astype(f32),
                      token_intercept=np.float64(model.token_model_.intercept_[0]))
    spec: dict[str, Any] = {
        "classes": model.classes_.tolist(),
        "names": None if model.names_ is None else sorted(model.names_),
        "stop_words": sorted(tf.english_stop_words()),
        "token_char_weight": float(model.char_weight),
        "meta_features": list(model.meta_features_),
    }
    if model.lexicon_model_ is not None:
        scaler, lexicon = model.lexicon_model_[0], model.lexicon_model_[-1]
        scale = np.where(scaler.max_abs_ > 0, scaler.max_abs_, 1.0)
        arrays.update(lexicon_weights=lexicon.coef_.ravel() / scale,
                      lexicon_intercept=np.float64(lexicon.intercept_[0]))
        features = model.lexicon_features_
        style = isinstance(features, LexiconAndStyleFeatures)
        frames = isinstance(features, LexiconAndFrameFeatures)
        lexicon_features = features.lexicon_ if style or frames else features
        spec["lexicon"] = {"categories": list(lexicon_features.categories_),
                           "lexicons": [str(p) for p in lexicon_features.lexicons],
                           "builtin": bool(lexicon_features.builtin_lexicons),
                           "style": style, "frames": frames}
    scaler, meta = model.meta_[0], model.meta_[-1]
    weights = meta.coef_.ravel() / scaler.scale_
    arrays.update(meta_weights=weights,
                  meta_intercept=np.float64(meta.intercept_[0] - scaler.mean_ @ weights))
    return arrays, spec


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
