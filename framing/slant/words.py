"""A learned word flagger: which words would experts mark as bias-inducing?

Each word token gets features from our own flags (category, weight, voice, negation),
its form and neighbours, and the probability that its sentence is biased (from a word
n-gram model trained on the same data). A logistic regression scores tokens; its
regularisation strength and the flag threshold are chosen inside the training data by
cross-validation (grouped by sentence), never on held-out sentences. Used by ``framing evaluate words`` to measure how far learning on top of the
lexicons gets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

from framing.lexicon import load_lexicon
from framing.records import Flag
from framing.score import DocumentScorer
from framing.tokenize import Document, tokenize

THRESHOLDS = np.arange(0.10, 0.71, 0.02)
MIN_PRECISION = 0.5
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
    """Scores each word token of a sentence; tokens at or above ``threshold_`` are flagged."""

    def __init__(self, Cs: Sequence[float] = (0.5, 1.0), inner_folds: int = 3, seed: int = 42,
                 sentence_lexicon: bool = False) -> None:
        self.Cs = Cs
        self.inner_folds = inner_folds
        self.seed = seed
        self.sentence_lexicon = sentence_lexicon

    def fit(self, sentences: Sequence[str], golds: Sequence[set[str]]) -> WordFlagger:
        sentences = list(sentences)
        has_gold = np.array([int(any(g for *_, g in token_labels(s, gold))) for s, gold in zip(sentences, golds, strict=True)])
        self.sentence_model_ = _sentence_model(self.sentence_lexicon).fit(sentences, has_gold)
        # Out-of-fold sentence probabilities, so the token model sees honest values.
        folds = StratifiedKFold(self.inner_folds, shuffle=True, random_state=self.seed)
        p_sentence = cross_val_predict(_sentence_model(self.sentence_lexicon), sentences, has_gold, cv=folds,
                                       method="predict_proba")[:, 1]
        rows, labels, groups = _token_rows(sentences, golds, p_sentence)
        self.vectorizer_ = DictVectorizer()
        X = self.vectorizer_.fit_transform(rows)
        y = np.asarray(labels)
        choices = [(*self._best_threshold(X, y, np.asarray(groups), C), C) for C in self.Cs]
        _, self.threshold_, self.C_ = max(choices)
        self.model_ = LogisticRegression(C=self.C_, max_iter=3000).fit(X, y)
        return self

    def _best_threshold(self, X: Any, y: np.ndarray, groups: np.ndarray, C: float) -> tuple[float, float]:
        """(inner-CV F1, threshold) for one C: the best F1 at precision >= 0.5 if any."""
        p = cross_val_predict(LogisticRegression(C=C, max_iter=3000), X, y,
                              cv=GroupKFold(self.inner_folds), groups=groups, method="predict_proba")[:, 1]
        scored = [(_scores(y, p >= t), t) for t in THRESHOLDS]
        precise = [(s.f1, float(t)) for s, t in scored if s.precision >= MIN_PRECISION]
        return max(precise or [(s.f1, float(t)) for s, t in scored])

    def predict_tokens(self, sentences: Sequence[str]) -> list[list[tuple[int, int, float]]]:
        """Per sentence, the flagged tokens as (start, end, probability)."""
        sentences = list(sentences)
        found: list[list[tuple[int, int, float]]] = [[] for _ in sentences]
        if not sentences:
            return found
        p_sentence = self.sentence_model_.predict_proba(sentences)[:, 1]
        rows, _, groups = _token_rows(sentences, [set()] * len(sentences), p_sentence)
        if not rows:
            return found
        p = self.model_.predict_proba(self.vectorizer_.transform(rows))[:, 1]
        offsets = [(start, end) for s in sentences for start, end, _ in token_labels(s, set())]
        for (start, end), group, prob in zip(offsets, groups, p, strict=True):
            if prob >= self.threshold_:
                found[group].append((start, end, round(float(prob), 3)))
        return found

    def predict_spans(self, sentences: Sequence[str]) -> list[list[tuple[int, int]]]:
        """The flagged token spans of each sentence."""
        return [[(s, e) for s, e, _ in tokens] for tokens in self.predict_tokens(sentences)]


def _sentence_model(with_lexicon: bool = False):
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
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


def _token_rows(sentences: Sequence[str], golds: Sequence[set[str]], p_sentence: np.ndarray):
    scoring = _scoring()
    rows, labels, groups = [], [], []
    for i, (sentence, gold) in enumerate(zip(sentences, golds, strict=True)):
        flags = [f for r in scoring.score(tokenize(sentence)).sentences for f in r.flags]
        tokens = token_labels(sentence, gold)
        norms = [sentence[s:e].lower() for s, e, _ in tokens]
        for j, (start, end, is_gold) in enumerate(tokens):
            rows.append(_features(sentence, norms, j, start, end, flags, float(p_sentence[i])))
            labels.append(int(is_gold))
            groups.append(i)
    return rows, labels, groups


def _features(sentence: str, norms: list[str], j: int, start: int, end: int,
              flags: Sequence[Any], p_sentence: float) -> dict[str, float]:
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
    }
    covering = [f for f in flags if f.start <= start and end <= f.end]
    lexicon_weight = max((f.weight for f in covering), default=0.0)
    for flag in covering:
        features["category=" + flag.category] = 1.0
        features["weight:" + flag.category] = flag.weight
        features["voice=" + flag.voice] = 1.0
        if flag.negated:
            features["negated"] = 1.0
    features["lexicon_weight"] = lexicon_weight
    features["p_sentence*lexicon"] = p_sentence * lexicon_weight
    features["p_sentence*unflagged"] = p_sentence * float(not covering)
    return features


@lru_cache(maxsize=1)
def _scoring() -> DocumentScorer:
    """The shipped lexicons' scoring pass, built once per process."""
    return DocumentScorer(load_lexicon())


# --- flags for an analysis ----------------------------------------------------------


EXPERT_LEXICON = "expert word model"


def expert_flags(doc: Document, flagger: WordFlagger) -> list[Flag]:
    """Flags for the words the learned expert-word flagger marks, with its probability."""
    found = flagger.predict_tokens([s.text for s in doc.sentences])
    flags = []
    for sentence, tokens in zip(doc.sentences, found, strict=True):
        for start, end, probability in tokens:
            start, end = start + sentence.start, end + sentence.start
            flags.append(Flag(
                start=start, end=end, text=doc.text[start:end], category="expert_like",
                term=doc.text[start:end].lower(), weight=probability, polarity=0, voice="author",
                rationale=(f"Media-bias experts often marked words like this in sentences like this "
                           f"one (learned from their annotations, probability {probability:.2f}); "
                           "the model cannot say why, so weigh it yourself."),
                alternative="", lexicon=EXPERT_LEXICON,
            ))
    return flags
