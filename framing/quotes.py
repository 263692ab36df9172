"""Quoted speech: where quotations open and close, so flags can tell whose words they are.

Straight and curly double quotes, guillemets, and curly single quotes (told apart from
apostrophes) are paired within a paragraph; a quotation left open runs to the end of its
paragraph, as in a multi-paragraph quote.

>>> from framing.tokenize import tokenize
>>> doc = tokenize('"We are united," Biden said. NATO called it “a bold move.')
>>> [q.text for q in find_quotes(doc)]
['"We are united,"', '“a bold move.']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import groupby

from framing.records import Quote, Sentence
from framing.tokenize import Document

_DOUBLE_OPEN = '"“„«'
_DOUBLE_CLOSE = '"”»'
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"
_QUOTE_CHAR = re.compile("[\"“”„«»‘’]")


def find_quotes(doc: Document) -> list[Quote]:
    """Every quotation in the document, in text order."""
    quotes: list[Quote] = []
    for _, group in groupby(doc.sentences, key=lambda s: s.paragraph):
        sentences: list[Sentence] = list(group)
        start, end = sentences[0].start, sentences[-1].end
        for q_start, q_end in _quote_spans(doc.text, start, end):
            quotes.append(Quote(q_start, q_end, doc.text[q_start:q_end]))
    return quotes


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    double_at: int | None = None
    single_at: int | None = None
    for match in _QUOTE_CHAR.finditer(text, start, end):
        i, char = match.start(), match.group()
        if double_at is None and char in _DOUBLE_OPEN and char != "»":
            double_at = i
        elif double_at is not None and (char in _DOUBLE_CLOSE or _stray_opener(text, i, end)):
            spans.append((double_at, i + 1))
            double_at = None
        elif double_at is None and char == _SINGLE_OPEN and not _letter(text, i - 1, start, end):
            single_at = i
        elif single_at is not None and char == _SINGLE_CLOSE and not _letter(text, i + 1, start, end):
            spans.append((single_at, i + 1))
            single_at = None
    for opened in (double_at, single_at):
        if opened is not None:
            spans.append((opened, end))
    return sorted(spans)


def _stray_opener(text: str, i: int, end: int) -> bool:
    """A “ used as a closing mark: it follows text and is followed by space or punctuation."""
    return text[i] == "“" and (i + 1 >= end or not text[i + 1].isalnum())


def _letter(text: str, i: int, start: int, end: int) -> bool:
    return start <= i < end and text[i].isalnum()


class QuoteIndex:
    """Answers "is this span inside a quotation?" in logarithmic time."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self._starts = [q.start for q in self.quotes]
        # Quotes never overlap, so their ends are sorted too.
        self._ends = [q.end for q in self.quotes]

    def containing(self, start: int, end: int) -> Quote | None:
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self.quotes[i].start < start and end <= self.quotes[i].end:
            return self.quotes[i]
        return None

    def overlapping(self, start: int, end: int) -> list[Quote]:
        found = []
        i = bisect_right(self._ends, start)  # an index, not a slice: a copy per call is quadratic
        while i < len(self.quotes) and self.quotes[i].start < end:
            found.append(self.quotes[i])
            i += 1
        return found
