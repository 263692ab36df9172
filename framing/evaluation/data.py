"""Labelled data for training and evaluation: tables, annotated words, token matching.

Annotated words follow BABE's ``biased_words`` column: a Python-literal list per row. A
word token is gold-positive when its lowercase form is among its sentence's annotated
words; a flagger's token is predicted positive when a flagged span covers it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from framing.errors import InputError
from framing.slant.words import WORD_RE, WordScores, token_labels

#: A flagger takes a sentence and returns the (start, end) spans it marks.
Flagger = Callable[[str], Iterable[tuple[int, int]]]


def read_table(path: Path, sep: str | None, encoding: str | None) -> pd.DataFrame:
    """A CSV of the user's as text columns; every problem is an :class:`InputError`."""
    if not path.is_file():
        raise InputError(path, "no such file" if not path.exists() else "is not a file")
    encodings = [encoding] if encoding else ["utf-8-sig", "utf-16"]
    last_error: Exception | None = None
    for codec in encodings:
        try:
            return pd.read_csv(path, sep=sep, engine="python", encoding=codec, dtype=str)
        except UnicodeError as err:
            last_error = err
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as err:
            raise InputError(path, f"cannot be read as a table ({err})") from None
    raise InputError(
        path, f"is not UTF-8 or UTF-16 text ({last_error}); pass --encoding"
    ) from None


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


def read_word_annotations(
    path: str | Path, *, text_col: str = "text", words_col: str = "biased_words"
) -> tuple[list[str], list[set[str]]]:
    """Sentences and their annotated words from a CSV such as BABE's."""
    table = read_table(Path(path), None, None)
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
