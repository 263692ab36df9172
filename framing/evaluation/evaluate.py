"""Word-level evaluation: how well flags agree with experts' biased-word annotations.

The metric: each sentence is split into word tokens; a token is gold-positive when its
lowercase form is among the sentence's annotated words; a token is predicted positive
when a flagger marks it. Precision, recall and F1 are micro-averaged over every token of
every sentence, biased or not.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from framing.analyzer import Analyzer
from framing.categories import LOADED
from framing.records import Flag
from framing.evaluation.data import Flagger, read_table, read_word_annotations, score_flagger
from framing.evaluation.train_words import cross_validate_words
from framing.slant.words import WORD_RE, WordScores

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
    sentences, golds = read_word_annotations(path, text_col=text_col, words_col=words_col)
    topics = _topics(path, text_col)
    if limit:
        sentences, golds = sentences[:limit], golds[:limit]
        topics = topics[:limit] if topics is not None else None
    # The shipped suggestion model was trained on BABE: the lexicon rows use no model;
    # the suggestions' figures come only from cross-validation.
    analyzer = Analyzer(model=None)

    def flags_of(keep: Callable[[Flag], bool]) -> Flagger:
        def flag(sentence: str) -> list[tuple[int, int]]:
            return [(f.start, f.end) for f in analyzer.analyze(sentence).flags if keep(f)]
        return flag

    rows = [
        _row("lexicon flags, both layers (no confidence)", score_flagger(sentences, golds, flags_of(lambda f: True))),
        _row("lexicon flags, loaded layer (no confidence)",
             score_flagger(sentences, golds, flags_of(lambda f: f.layer == LOADED))),
    ]
    if learned:
        total, per_fold = cross_validate_words(sentences, golds, topics, n_folds=n_folds, seed=seed)
        row = _row(f"loaded flags + suggestions ({n_folds}-fold CV)", total)
        row["f1_fold_std"] = float(np.std([f.f1 for f in per_fold]))
        rows.append(row)
    for name, words in (("VADER lexicon |valence| >= 2", vader_words()),
                        ("TextBlob subjectivity >= 0.5", textblob_words())):
        if words is None:
            rows.append({"flagger": name, "note": "not installed: pip install 'framing[eval]'"})
        else:
            rows.append(_row(name, score_flagger(sentences, golds, word_set_flagger(words))))
    return rows


def _topics(path: str | Path, text_col: str) -> list[str] | None:
    """The topic of every annotated sentence, when the table has a ``topic`` column (the
    suggestion model may then suggest only words whose marks hold across topics)."""
    table = read_table(Path(path), None, None)
    if "topic" not in table.columns:
        return None
    return table[table[text_col].notna()]["topic"].fillna("").astype(str).tolist()


def _row(name: str, scores: WordScores) -> dict[str, object]:
    return {"flagger": name, "precision": scores.precision, "recall": scores.recall,
            "f1": scores.f1, "flagged": scores.true_positives + scores.false_positives}
