"""The confidence of every flag: how likely a media-bias annotator would mark its words.

Each word token gets features from our own flags (category, weight, voice, negation),
its form and neighbours, and the probability that its sentence is biased (from a word
n-gram model trained on the same data). A logistic regression scores tokens. A flag's
confidence is the highest probability among its words, so a multi-word expression is
judged whole; a word no flag covers but the model scores at the threshold or above
becomes a ``loaded`` flag of its own (category ``expert_like``), adjacent ones joined.

The regularisation strength and the one default threshold are chosen inside the
training data by cross-validation grouped by sentence, never on held-out sentences: the
threshold is the one with the best F1 of the shown ``loaded`` flags at a precision of at
least ``MIN_PRECISION``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np

from framing.lexicon import load_lexicon
from framing.categories import LOADED, SUGGESTED
from framing.records import AUTHOR, Flag
from framing.score import DocumentScorer
from framing.tokenize import Document, tokenize

THRESHOLDS = np.arange(0.10, 0.81, 0.02)
MIN_PRECISION = 0.55
#: Flags covering more words than this (a whole rhetorical question) are sentence-level:
#: they get no confidence and do not block the model's own flags.
MAX_FLAG_WORDS = 6
#: A token feature must occur this often in the training data to be kept.
MIN_FEATURE_COUNT = 2
#: A word as the annotations count them (the evaluation uses the same definition).
WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@dataclass(frozen=True)
class WordScores:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: WordScores) -> WordScores:
        return WordScores(
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
        )


def token_labels(sentence: str, gold: set[str]) -> list[tuple[int, int, bool]]:
    """Every word token of the sentence as (start, end, is_gold)."""
    return [(m.start(), m.end(), m.group().lower() in gold) for m in WORD_RE.finditer(sentence)]


class WordFlagger:
    """Scores each word token of a sentence with the probability an annotator marks it.

    After :meth:`fit`, ``threshold_`` is the default confidence threshold; the fitted
    token model is kept as a dict of feature weights (small, and fast to apply).
    """

    def __init__(self, Cs: Sequence[float] = (0.5, 1.0), inner_folds: int = 3, seed: int = 42,
                 sentence_lexicon: bool = False) -> None:
        self.Cs = Cs
        self.inner_folds = inner_folds
        self.seed = seed
        self.sentence_lexicon = sentence_lexicon

    def fit(self, sentences: Sequence[str], golds: Sequence[set[str]]) -> WordFlagger:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        sentences = list(sentences)
        has_gold = np.array([int(any(g for *_, g in token_labels(s, gold))) for s, gold in zip(sentences, golds, strict=True)])
        self.sentence_model_ = _sentence_model(self.sentence_lexicon).fit(sentences, has_gold)
        # Out-of-fold sentence probabilities, so the token model sees honest values.
        folds = StratifiedKFold(self.inner_folds, shuffle=True, random_state=self.seed)
        p_sentence = cross_val_predict(_sentence_model(self.sentence_lexicon), sentences, has_gold, cv=folds,
                                       method="predict_proba")[:, 1]
        table = _token_rows(sentences, golds, p_sentence)
        vectorizer = DictVectorizer()
        X = vectorizer.fit_transform(table.rows)
        # Features seen once cannot generalise; dropping them keeps the model small and fast.
        seen = np.flatnonzero(np.asarray((X != 0).sum(axis=0)).ravel() >= MIN_FEATURE_COUNT)
        X, names = X[:, seen], vectorizer.get_feature_names_out()[seen]
        y = np.asarray(table.labels)
        choices = [(*self._best_threshold(X, y, table, C), C) for C in self.Cs]
        _, self.threshold_, self.C_ = max(choices)
        model = _token_model(self.C_).fit(X, y)
        self.weights_ = {name: float(w) for name, w in zip(names, model.coef_[0], strict=True)
                         if abs(w) > 1e-6}
        self.intercept_ = float(model.intercept_[0])
        return self

    def _best_threshold(self, X: Any, y: np.ndarray, table: _TokenTable, C: float) -> tuple[float, float]:
        """(inner-CV F1, threshold) for one C: the best F1 of the shown loaded flags at
        precision >= MIN_PRECISION if any threshold reaches it."""
        from sklearn.model_selection import GroupKFold, cross_val_predict

        p = cross_val_predict(_token_model(C), X, y, cv=GroupKFold(self.inner_folds),
                              groups=np.asarray(table.groups), method="predict_proba")[:, 1]
        scored = [(_scores(y, shown_loaded(p, table.flag_tokens, t)), t) for t in THRESHOLDS]
        precise = [(s.f1, float(t)) for s, t in scored if s.precision >= MIN_PRECISION]
        return max(precise or [(s.f1, float(t)) for s, t in scored])

    def token_probabilities(self, sentences: Sequence[str],
                            flags: Sequence[Sequence[Any]] | None = None) -> list[list[tuple[int, int, float]]]:
        """Per sentence, every word token as (start, end, probability).

        ``flags`` are each sentence's flags with offsets into the sentence; without them
        the shipped lexicons' flags are computed.
        """
        sentences = list(sentences)
        if not sentences:
            return []
        p_sentence = self.sentence_model_.predict_proba(sentences)[:, 1]
        table = _token_rows(sentences, [set()] * len(sentences), p_sentence, flags)
        found: list[list[tuple[int, int, float]]] = [[] for _ in sentences]
        for (start, end), group, row in zip(table.offsets, table.groups, table.rows, strict=True):
            found[group].append((start, end, self._probability(row)))
        return found

    def _probability(self, row: dict[str, float]) -> float:
        z = self.intercept_ + sum(value * self.weights_.get(name, 0.0) for name, value in row.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def predict_tokens(self, sentences: Sequence[str]) -> list[list[tuple[int, int, float]]]:
        """Per sentence, the tokens at or above the threshold as (start, end, probability)."""
        return [[(s, e, round(p, 3)) for s, e, p in tokens if p >= self.threshold_]
                for tokens in self.token_probabilities(sentences)]

    def predict_spans(self, sentences: Sequence[str]) -> list[list[tuple[int, int]]]:
        """The token spans at or above the threshold, per sentence."""
        return [[(s, e) for s, e, _ in tokens] for tokens in self.predict_tokens(sentences)]


def _token_model(C: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, solver="liblinear", max_iter=1000)


def _sentence_model(with_lexicon: bool = False):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    if not with_lexicon:
        return make_pipeline(words, LogisticRegression(C=4.0, max_iter=2000))
    from sklearn.pipeline import FeatureUnion
    from sklearn.preprocessing import MaxAbsScaler

    from framing.slant.features import LexiconFeatures

    union = FeatureUnion([("words", words), ("lexicon", make_pipeline(LexiconFeatures(), MaxAbsScaler()))])
    return make_pipeline(union, LogisticRegression(C=4.0, max_iter=2000))


def _scores(y: np.ndarray, predicted: np.ndarray) -> WordScores:
    return WordScores(int((y & predicted).sum()), int((~y.astype(bool) & predicted).sum()),
                      int((y.astype(bool) & ~predicted).sum()))


def shown_loaded(p: np.ndarray, flag_tokens: Sequence[tuple[list[int], bool]], threshold: float) -> np.ndarray:
    """Which tokens the shown ``loaded`` flags cover, given every token's probability.

    A word-level flag is shown when its best word reaches the threshold, and then covers
    all its words; a word no flag covers is shown (as the model's own flag) when it
    reaches the threshold itself. ``flag_tokens`` lists each word-level flag's token
    indices and whether it is loaded.
    """
    shown = p >= threshold
    covered = np.zeros(len(p), dtype=bool)
    loaded = np.zeros(len(p), dtype=bool)
    for indices, is_loaded in flag_tokens:
        covered[indices] = True
        if is_loaded and p[indices].max() >= threshold:
            loaded[indices] = True
    return loaded | (shown & ~covered)


@dataclass
class _TokenTable:
    rows: list[dict[str, float]]
    labels: list[int]
    groups: list[int]
    offsets: list[tuple[int, int]]
    #: Every word-level flag as (its tokens' row indices, is loaded).
    flag_tokens: list[tuple[list[int], bool]]


def _token_rows(sentences: Sequence[str], golds: Sequence[set[str]], p_sentence: np.ndarray,
                flags: Sequence[Sequence[Any]] | None = None) -> _TokenTable:
    table = _TokenTable([], [], [], [], [])
    for i, (sentence, gold) in enumerate(zip(sentences, golds, strict=True)):
        mine = _flags_of(sentence) if flags is None else flags[i]
        tokens = token_labels(sentence, gold)
        norms = [sentence[s:e].lower() for s, e, _ in tokens]
        covering, word_level = _covering(tokens, mine)
        first = len(table.rows)
        for j, (start, end, is_gold) in enumerate(tokens):
            table.rows.append(_features(sentence, norms, j, start, end, covering[j], float(p_sentence[i])))
            table.labels.append(int(is_gold))
            table.groups.append(i)
            table.offsets.append((start, end))
        table.flag_tokens.extend(([first + j for j in indices], is_loaded) for indices, is_loaded in word_level)
    return table


def _flags_of(sentence: str) -> list[Flag]:
    return [f for r in _scoring().score(tokenize(sentence)).sentences for f in r.flags]


def _covering(tokens: Sequence[tuple[int, int, bool]], flags: Sequence[Any]
              ) -> tuple[list[list[Any]], list[tuple[list[int], bool]]]:
    """The flags covering each token, and each word-level flag's tokens and layer."""
    starts = [start for start, _, _ in tokens]
    covering: list[list[Any]] = [[] for _ in tokens]
    word_level = []
    for flag in flags:
        first = bisect_left(starts, flag.start)
        indices = []
        for j in range(first, len(tokens)):
            if tokens[j][0] >= flag.end:
                break
            covering[j].append(flag)
            indices.append(j)
        if indices and len(indices) <= MAX_FLAG_WORDS:
            word_level.append((indices, flag.layer == LOADED))
    return covering, word_level


def _features(sentence: str, norms: list[str], j: int, start: int, end: int,
              covering: Sequence[Any], p_sentence: float) -> dict[str, float]:
    word = norms[j]
    features = {
        "w=" + word: 1.0, "suffix3=" + word[-3:]: 1.0, "suffix2=" + word[-2:]: 1.0,
        "prev=" + (norms[j - 1] if j else "<s>"): 1.0,
        "next=" + (norms[j + 1] if j + 1 < len(norms) else "</s>"): 1.0,
        "prev2=" + (norms[j - 2] if j > 1 else "<s>"): 1.0,
        "next2=" + (norms[j + 2] if j + 2 < len(norms) else "</s>"): 1.0,
        "prev+w=" + (norms[j - 1] if j else "<s>") + "_" + word: 1.0,
        "length": min(len(word), 15) / 15, "capital": float(j > 0 and sentence[start].isupper()),
        "p_sentence": p_sentence,
        # Shared evidence across inflections ("slammed", "slams") and word families.
        "stem=" + _stem(word): 1.0, "prefix4=" + word[:4]: 1.0, "suffix4=" + word[-4:]: 1.0,
    }
    lexicon_weight = max((f.weight for f in covering), default=0.0)
    for flag in covering:
        features["term=" + flag.term] = 1.0
        features["category=" + flag.category] = 1.0
        features["weight:" + flag.category] = flag.weight
        features["voice=" + flag.voice] = 1.0
        if flag.negated:
            features["negated"] = 1.0
    features["lexicon_weight"] = lexicon_weight
    features["p_sentence*lexicon"] = p_sentence * lexicon_weight
    features["p_sentence*unflagged"] = p_sentence * float(not covering)
    return features


def _stem(word: str) -> str:
    """A crude stem: common inflection and derivation endings cut off."""
    for ending in ("ingly", "edly", "ing", "ed", "ly", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=1)
def _scoring() -> DocumentScorer:
    """The shipped lexicons' scoring pass, built once per process."""
    return DocumentScorer(load_lexicon())


# --- suggestions for an analysis ------------------------------------------------------


SUGGESTER_LEXICON = "suggestion model"


#: Words in the longest sentence the suggester reads (BABE's are far shorter).
MAX_RATED_WORDS = 250


class Suggester:
    """Suggests words no lexicon names that media-bias annotators tend to mark.

    A word is suggested when the token model scores it at ``min_probability`` or above
    (the model's cross-validated threshold by default), no flag covers it, and it is one
    of ``suggestable``: the words whose marked rate held across the training topics with
    each topic held out (:func:`framing.evaluation.suggest.stable_words`), so a word that
    names a topic ("flood", "abortion") is never suggested. Suggestions form their own
    quiet layer: shown only when asked for, never counted. Lexicon flags are left as
    they are: the curated entries decide what is loaded.
    """

    def __init__(self, flagger: WordFlagger, suggestable: frozenset[str] | set[str],
                 min_probability: float | None = None) -> None:
        self.flagger = flagger
        self.suggestable = frozenset(suggestable)
        self.min_probability = flagger.threshold_ if min_probability is None else float(min_probability)

    def __call__(self, doc: Document, flags: Sequence[Flag]) -> list[Flag]:
        """The suggested flags of a document (its lexicon flags are not changed)."""
        by_sentence = _group_by_sentence(doc, flags)
        wanted = [len(s.tokens) <= MAX_RATED_WORDS and self._has_candidate(s.text)
                  for s in doc.sentences]
        relative = [[replace(f, start=f.start - s.start, end=f.end - s.start) for f in mine] if ok else []
                    for s, mine, ok in zip(doc.sentences, by_sentence, wanted, strict=True)]
        found = self.flagger.token_probabilities(
            [s.text if ok else "" for s, ok in zip(doc.sentences, wanted, strict=True)], relative)
        new: list[Flag] = []
        for sentence, shifted, tokens in zip(doc.sentences, relative, found, strict=True):
            covered = [False] * len(tokens)
            for local in shifted:
                for j in _token_indices(tokens, local):
                    covered[j] = True
            for j, (start, end, p) in enumerate(tokens):
                word = sentence.text[start:end].lower()
                if not covered[j] and p >= self.min_probability and word in self.suggestable:
                    new.append(_suggested_flag(doc, sentence.start + start, sentence.start + end, p))
        return new

    def _has_candidate(self, text: str) -> bool:
        return any(m.group().lower() in self.suggestable for m in WORD_RE.finditer(text))


def _group_by_sentence(doc: Document, flags: Sequence[Flag]) -> list[list[Flag]]:
    starts = [s.start for s in doc.sentences]
    groups: list[list[Flag]] = [[] for _ in doc.sentences]
    for flag in flags:
        groups[max(bisect_left(starts, flag.start + 1) - 1, 0)].append(flag)
    return groups


def _token_indices(tokens: list[tuple[int, int, float]], flag: Flag) -> list[int]:
    """The word tokens inside a flag (a possessive 's beyond its end still counts)."""
    first = bisect_left([t[0] for t in tokens], flag.start)
    indices = []
    for j in range(first, len(tokens)):
        if tokens[j][0] >= flag.end:
            break
        indices.append(j)
    return indices


def _suggested_flag(doc: Document, start: int, end: int, probability: float) -> Flag:
    probability = round(probability, 3)
    return Flag(
        start=start, end=end, text=doc.text[start:end], category=SUGGESTED,
        term=doc.text[start:end].lower(), weight=0.0, polarity=0,
        voice=AUTHOR, rationale=(
            "No word list of ours names this word; a model learned from media-bias "
            "annotators' marks suggests it. It is not counted: weigh it yourself."),
        alternative="", lexicon=SUGGESTER_LEXICON, layer=SUGGESTED, confidence=probability,
    )


# --- the suggestion model as plain arrays (no scikit-learn, no pickle) -----------------

class SentenceWordModel:
    """The suggestion model's sentence model (word 1-2-gram TF-IDF, sublinear counts, L2
    norm, into a logistic regression) scored in NumPy, as scikit-learn's
    ``TfidfVectorizer`` and ``LogisticRegression`` compute it."""

    TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")  # TfidfVectorizer's default token pattern

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray, coef: np.ndarray,
                 intercept: float) -> None:
        self.vocabulary = {term: i for i, term in enumerate(vocabulary)}
        self.idf, self.coef, self.intercept = idf, coef, float(intercept)

    def predict_proba(self, sentences: Sequence[str]) -> np.ndarray:
        z = np.array([self._decision(s) for s in sentences], dtype=np.float64)
        p = 1.0 / (1.0 + np.exp(-z))
        return np.column_stack([1.0 - p, p])

    def _decision(self, sentence: str) -> float:
        words = self.TOKEN_RE.findall(sentence.lower())
        terms = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
        counts: dict[int, int] = {}
        for term in terms:
            column = self.vocabulary.get(term)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        if not counts:
            return self.intercept
        columns = np.fromiter(counts, np.int64, len(counts))
        values = (np.log(np.fromiter(counts.values(), np.float64, len(counts))) + 1.0) \
            * self.idf[columns]
        values /= np.sqrt(values @ values)
        return float(values @ self.coef[columns]) + self.intercept


def flagger_arrays(flagger: WordFlagger) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """A fitted :class:`WordFlagger` as arrays and a spec (ValueError for the variant
    whose sentence model also reads lexicon features)."""
    if flagger.sentence_lexicon:
        raise ValueError("a suggestion model whose sentence model reads lexicon features "
                         "cannot be saved as arrays (.npz); save it as .joblib")
    words, logistic = flagger.sentence_model_[0], flagger.sentence_model_[-1]
    vocabulary = sorted(words.vocabulary_, key=words.vocabulary_.get)
    names = sorted(flagger.weights_)
    arrays = {
        "sentence_vocabulary": np.array(vocabulary, dtype=str),
        "sentence_idf": np.asarray(words.idf_, np.float64),
        "sentence_coef": np.asarray(logistic.coef_, np.float64).ravel(),
        "sentence_intercept": np.float64(logistic.intercept_[0]),
        "token_features": np.array(names, dtype=str),
        "token_weights": np.array([flagger.weights_[n] for n in names], np.float64),
    }
    spec = {"kind": "word flagger", "threshold": float(flagger.threshold_),
            "C": float(flagger.C_), "intercept": float(flagger.intercept_)}
    return arrays, spec


def flagger_from_arrays(arrays: dict[str, np.ndarray], spec: dict[str, Any]) -> WordFlagger:
    flagger = WordFlagger()
    flagger.sentence_model_ = SentenceWordModel(
        arrays["sentence_vocabulary"].tolist(), arrays["sentence_idf"],
        arrays["sentence_coef"], float(arrays["sentence_intercept"]))
    flagger.weights_ = dict(zip(arrays["token_features"].tolist(),
                                arrays["token_weights"].tolist(), strict=True))
    flagger.intercept_ = float(spec["intercept"])
    flagger.threshold_ = float(spec["threshold"])
    flagger.C_ = float(spec["C"])
    return flagger
