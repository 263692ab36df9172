"""Stage 1: split a text into paragraphs, sentences, word tokens and quotations, keeping offsets.

Sentences come from NLTK's Punkt tokenizer built from the abbreviation list the project
ships (``lexicons/abbreviations.txt``); nothing is downloaded. Quotations are found here,
once per document, because several stages need them: the scare-quote pattern, the voice
of every flag and the attribution of speech (:mod:`framing.voices`).

>>> doc = tokenize("The U.S. said so. Mr. Smith disagreed.")
>>> [s.text for s in doc.sentences]
['The U.S. said so.', 'Mr. Smith disagreed.']
>>> [t.text for t in doc.sentences[1].tokens]
['Mr', '.', 'Smith', 'disagreed', '.']
>>> [q.text for q in tokenize('"We are united," Biden said. NATO called it “a bold move.').quotes]
['"We are united,"', '“a bold move.']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import groupby
from typing import TYPE_CHECKING

from framing.records import Quote, Sentence, Token

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

_WORD_CHAR = r"(?:[^\W_][\u0300-\u036f]*)"
_TOKEN_RE = re.compile(
    "|".join(
        [
            r"(?:[^\W\d_]\.){2,}(?![^\W_])",  # initialisms: U.S., e.g.
            r"\d+(?:[.,:/]\d+)*%?",  # numbers: 2,000  3.5  9/11  40%
            rf"{_WORD_CHAR}+(?:[-'’]{_WORD_CHAR}+)*",  # words: so-called, don't, Covid-19
            r"\S",  # any other single character: quotes, punctuation, emoji
        ]
    )
)
_SENTENCE_START_LOWER = re.compile(r"^[\"'“”‘’«»(\[]*\s*[a-z]")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_TERMINAL = tuple(".!?:\"'”’»)")
_HARD_WRAP_MIN_LINE = 60


@dataclass(frozen=True, slots=True)
class Document:
    """A tokenized text: sentences (each with tokens) and quotations over the original string.

    ``quotes`` are the spans between quotation marks, in text order, with no speaker yet.
    """

    text: str
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]

    @property
    def tokens(self) -> list[Token]:
        return [token for sentence in self.sentences for token in sentence.tokens]


def normalize(word: str) -> str:
    """The matching form of a word: lowercase, curly apostrophes straightened.

    >>> normalize("Washington’s")
    "washington's"
    """
    return word.lower().replace("’", "'")


def word_tokens(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Tokens of ``text``; offsets are shifted by ``offset``.

    >>> [t.text for t in word_tokens("NATO's so-called “open door” policy")]
    ["NATO's", 'so-called', '“', 'open', 'door', '”', 'policy']
    """
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        word = match.group()
        start = match.start() + offset
        tokens.append(Token(start, start + len(word), word, word.lower().replace("’", "'")))
    return tuple(tokens)


def tokenize(text: str) -> Document:
    """Split ``text`` into sentences and tokens whose offsets index ``text`` itself."""
    if not isinstance(text, str):
        raise TypeError(f"tokenize() takes a str, not {type(text).__name__}")
    sentences: list[Sentence] = []
    for paragraph, (p_start, p_end) in enumerate(paragraph_spans(text)):
        for start, end in _sentence_spans(text[p_start:p_end]):
            start, end = start + p_start, end + p_start
            sentences.append(
                Sentence(
                    index=len(sentences),
                    start=start,
                    end=end,
                    text=text[start:end],
                    paragraph=paragraph,
                    tokens=word_tokens(text[start:end], start),
                )
            )
    return Document(text, tuple(sentences), _quotations(text, sentences))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end) spans with surrounding white space trimmed.

    A blank line always ends a paragraph; a single line break does too, unless it looks
    like a hard wrap inside running text (a long line without closing punctuation,
    followed by a line that starts in lowercase).
    """
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _split_spans(text, _BLANK_LINE):
        line_start = block_start
        lines = _split_spans(text[block_start:block_end], re.compile(r"\n"))
        for i, (start, end) in enumerate(lines):
            start, end = start + block_start, end + block_start
            next_line = lines[i + 1] if i + 1 < len(lines) else None
            if next_line and _is_hard_wrap(text[start:end], text[next_line[0] + block_start :]):
                continue
            spans.append((line_start, end))
            line_start = next_line[0] + block_start if next_line else end
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


def _split_spans(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in separator.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _is_hard_wrap(line: str, rest: str) -> bool:
    line = line.rstrip()
    return (
        len(line) >= _HARD_WRAP_MIN_LINE
        and not line.endswith(_TERMINAL)
        and rest.lstrip()[:1].islower()
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for start, end in _punkt().span_tokenize(paragraph):
        # Punkt ends a sentence at '"Why?" he asked.'; a lowercase start means it went on.
        if spans and _SENTENCE_START_LOWER.match(paragraph[start:end]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return [trimmed for span in spans if (trimmed := _trim(paragraph, *span))]


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    # Imported on first use: importing NLTK pulls in nltk.collocations and SciPy, which
    # would make `import framing` slow for everyone.
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    return PunktSentenceTokenizer(params)


def abbreviations() -> list[str]:
    """The shipped abbreviation list, lowercase and without the final period."""
    source = resources.files("framing.lexicons").joinpath("abbreviations.txt")
    lines = source.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


# --- quotations -----------------------------------------------------------------------
# Straight and curly double quotes, guillemets, and curly single quotes (told apart from
# apostrophes) are paired within a paragraph; a quotation left open runs to the end of
# its paragraph, as in a multi-paragraph quote.

_DOUBLE_OPEN = '"“„«'
_DOUBLE_CLOSE = '"”»'
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"
_QUOTE_CHAR = re.compile("[\"“”„«»‘’]")


def _quotations(text: str, sentences: list[Sentence]) -> tuple[Quote, ...]:
    """Every quotation of the text, in text order; paired within each paragraph."""
    quotes: list[Quote] = []
    for _, group in groupby(sentences, key=lambda s: s.paragraph):
        paragraph: list[Sentence] = list(group)
        start, end = paragraph[0].start, paragraph[-1].end
        for q_start, q_end in _quote_spans(text, start, end):
            quotes.append(Quote(q_start, q_end, text[q_start:q_end]))
    return tuple(quotes)


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
