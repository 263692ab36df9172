"""Word-level evaluation: how well flags agree with experts' biased-word annotations.

The metric: each sentence is split into word tokens; a token is gold-positive when its
lowercase form is among the sentence's annotated words; a token is predicted positive
when a flagger marks it. Precision, recall and F1 are micro-averaged over every token of
every sentence, biased or not.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from framing.errors import InputError

WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

#: A flagger takes a sentence and returns the (start, end) spans it marks.
Flagger = Callable[[str], Iterable[tuple[int, int]]]


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


def parse_word_list(value: object) -> set[str]:
    """The annotated words of one row (a Python-literal list) as lowercase words."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return set()
    try:
        words = ast.literal_eval(str(value))
    except (ValueError, SyntaxError):
        raise ValueError(f"not a list of words: {str(value)[:60]!r}") from None
    gold: set[str] = set()
    for word in words:
        word = str(word).lower()
        gold.add(word)
        gold.update(m.group().lower() for m in WORD_RE.finditer(word))
    return gold


def token_labels(sentence: str, gold: set[str]) -> list[tuple[int, int, bool]]:
    """Every word token of the sentence as (start, end, is_gold)."""
    return [(m.start(), m.end(), m.group().lower() in gold) for m in WORD_RE.finditer(sentence)]


def score_flagger(sentences: Sequence[str], golds: Sequence[set[str]], flagger: Flagger) -> WordScores:
    """Micro P/R/F1 of one flagger over all tokens of all sentences."""
    total = WordScores(0, 0, 0)
    for sentence, gold in zip(sentences, golds, strict=True):
        spans = sorted(flagger(sentence))
        total += _score_tokens(token_labels(sentence, gold), spans)
    return total


def _score_tokens(tokens: list[tuple[int, int, bool]], spans: list[tuple[int, int]]) -> WordScores:
    tp = fp = fn = 0
    for start, end, is_gold in tokens:
        flagged = any(s <= start and end <= e for s, e in spans)
        tp += flagged and is_gold
        fp += flagged and not is_gold
        fn += is_gold and not flagged
    return WordScores(tp, fp, fn)


def read_word_annotations(
    path: str | Path, *, text_col: str = "text", words_col: str = "biased_words"
) -> tuple[list[str], list[set[str]]]:
    """Sentences and their annotated words from a CSV such as BABE's."""
    from framing.train import _read_table

    table = _read_table(Path(path), None, None)
    for column in (text_col, words_col):
        if column not in table.columns:
            raise InputError(path, f"has no column {column!r}; its columns are: {', '.join(table.columns)}")
    table = table[table[text_col].notna()]
    golds = []
    for line, value in enumerate(table[words_col], start=2):
        try:
            golds.append(parse_word_list(value))
        except ValueError as err:
            raise InputError(path, f"row {line}, column {words_col!r}: {err}") from None
    return table[text_col].astype(str).tolist(), golds


# --- reference flaggers -------------------------------------------------------------


def word_set_flagger(words: set[str]) -> Flagger:
    """Flags every token whose lowercase form is in ``words``."""
    def flag(sentence: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in WORD_RE.finditer(sentence) if m.group().lower() in words]

    return flag


def vader_words(min_abs_valence: float = 2.0) -> set[str] | None:
    """VADER's lexicon entries with |valence| >= the threshold (None if not installed)."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    lexicon = SentimentIntensityAnalyzer().lexicon
    return {w.lower() for w, v in lexicon.items() if abs(v) >= min_abs_valence}


def textblob_words(min_subjectivity: float = 0.5) -> set[str] | None:
    """TextBlob's (pattern) lexicon words with subjectivity >= the threshold."""
    try:
        from textblob.en import sentiment as textblob_sentiment
    except ImportError:
        return None
    # The lexicon is a dict: word -> {part of speech: [polarity, subjectivity, intensity]};
    # the None key holds the word's average over its senses.
    words = set()
    for word, senses in textblob_sentiment.items():
        average = senses.get(None) or next(iter(senses.values()))
        if float(average[1]) >= min_subjectivity:
            words.add(word.lower())
    return words


def evaluate_words(
    path: str | Path, *, text_col: str = "text", words_col: str = "biased_words",
    learned: bool = True, n_folds: int = 5, seed: int = 42, limit: int | None = None,
) -> list[dict[str, object]]:
    """Word-level P/R/F1 of framing's flags, a learned flagger and two reference lexicons.

    Every row is computed in this one run on the same sentences. The learned flagger is
    cross-validated: each sentence is scored by a model that never saw it.
    """
    from framing.analyzer import Analyzer

    sentences, golds = read_word_annotations(path, text_col=text_col, words_col=words_col)
    if limit:
        sentences, golds = sentences[:limit], golds[:limit]
    analyzer = Analyzer(model=None)

    def flags_of(author_only: bool) -> Flagger:
        def flag(sentence: str) -> list[tuple[int, int]]:
            return [(f.start, f.end) for f in analyzer.analyze(sentence).flags
                    if not author_only or f.voice == "author"]
        return flag

    rows = [
        _row("framing flags (all, as shown)", score_flagger(sentences, golds, flags_of(False))),
        _row("framing flags (author voice)", score_flagger(sentences, golds, flags_of(True))),
    ]
    if learned:
        from framing.wordmodel import cross_validate_words

        total, per_fold = cross_validate_words(sentences, golds, n_folds=n_folds, seed=seed)
        row = _row(f"expert-word flagger, --expert-words ({n_folds}-fold CV)", total)
        row["f1_fold_std"] = float(np.std([f.f1 for f in per_fold]))
        rows.append(row)
    for name, words in (("VADER lexicon |valence| >= 2", vader_words()),
                        ("TextBlob subjectivity >= 0.5", textblob_words())):
        if words is None:
            rows.append({"flagger": name, "note": "not installed: pip install 'framing[eval]'"})
        else:
            rows.append(_row(name, score_flagger(sentences, golds, word_set_flagger(words))))
    return rows


def _row(name: str, scores: WordScores) -> dict[str, object]:
    return {"flagger": name, "precision": scores.precision, "recall": scores.recall,
            "f1": scores.f1, "flagged": scores.true_positives + scores.false_positives}
