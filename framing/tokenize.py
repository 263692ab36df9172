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
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import groupby
from typing import TYPE_CHECKING

from framing.paragraphs import BREAK_HYPHENS as _BREAK_HYPHENS
from framing.paragraphs import paragraph_spans, trim
from framing.records import Quote, Sentence, Token

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

_WORD_CHAR = r"(?:[^\W_][\u0300-\u036f]*)"
# Soft hyphen, zero-width space, non-joiner, joiner, word joiner, byte-order mark.
_INVISIBLE = "[\u00ad\u200b\u200c\u200d\u2060\ufeff]"
_DROPPED = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# A word broken at a line break: a hyphen (ASCII, U+2010, U+2011) or a soft hyphen before
# the line end, with spaces on either side of it, as PDF exports write them (issue 30).
# The hyphens are framing.paragraphs.BREAK_HYPHENS (a line ending in one joins the next).
_LINE_BREAK = r"[ \t]*\r?\n[ \t]*"
_LINE_BREAK_HYPHEN = re.compile(f"[{_BREAK_HYPHENS}]{_LINE_BREAK}")
# Initialisms: a chain of letter-dot pairs that fails (a letter follows it) fails from
# every later pair too, as all end at the same place. So a pair after a pair whose
# letter starts a token (it follows no letter, hyphen, apostrophe or combining mark) is
# not tried again: trying every pair made ``a.a.a...a`` quadratic (issue 19).
_TOKEN_RE = re.compile(
    "|".join(
        [
            # initialisms: U.S., e.g. (the lookbehind: see above)
            r"(?=[^\W\d_]\.[^\W\d_]\.)(?<!(?<![^\W_]|[-'’\u0300-\u036f])[^\W\d_]\.)"
            r"(?:[^\W\d_]\.){2,}(?![^\W_])",
            r"\d+(?:[.,:/]\d+)*%?",  # numbers: 2,000  3.5  9/11  40%
            # words: so-called, don't, Covid-19, and words that a soft hyphen, an invisible
            # character or a hyphen at a line break splits (reck-\nless): see _matching_form
            rf"{_WORD_CHAR}+(?:(?:[{_BREAK_HYPHENS}]{_LINE_BREAK}|-|['’]|{_INVISIBLE}+)"
            rf"{_WORD_CHAR}+)*",
            r"\S",  # any other single character: quotes, punctuation, emoji
        ]
    )
)
_SENTENCE_START_LOWER = re.compile(r"^[\"'“”‘’«»(\[]*\s*[a-z]")
#: Punkt gets a long paragraph in pieces of about this many characters: NLTK stops its
#: regular expressions after 5 s of wall clock, so one call on a whole 2 MB paragraph
#: failed or not depending on the machine's load. A piece ends at a likely sentence end.
_PUNKT_PIECE = 4_000
_LIKELY_SENTENCE_END = re.compile(r"(?<=[a-z0-9][a-z0-9])[.!?][\"'”’»)]*\s+(?=[\"'“‘«(]*[A-Z])")


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


def _matching_form(word: str) -> str:
    r"""What a token is matched by: text pasted from PDFs and Word made plain (NFKC folds
    ligatures and fullwidth letters; soft hyphens, zero-width characters and hyphens at
    line breaks go). Only for matching: the token's offsets and text stay the original.

    >>> _matching_form("ﬁerce"), _matching_form("Ｒeck\u00adless"), _matching_form("reck-\nless")
    ('fierce', 'reckless', 'reckless')
    """
    if "\n" in word:
        word = _LINE_BREAK_HYPHEN.sub("", word)
    if not word.isascii():
        word = unicodedata.normalize("NFKC", word.translate(_DROPPED)) or word
    return word.lower().replace("’", "'")


#: Matching forms of words seen so far, per process; bounded, then no longer grown.
MAX_CACHED_WORDS = 200_000
_NORMS: dict[str, str] = {}


def word_tokens(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Tokens of ``text``; offsets are shifted by ``offset``.

    >>> [t.text for t in word_tokens("NATO's so-called “open door” policy")]
    ["NATO's", 'so-called', '“', 'open', 'door', '”', 'policy']
    """
    tokens: list[Token] = []
    append, norms, new_token = tokens.append, _NORMS, tuple.__new__
    for match in _TOKEN_RE.finditer(text):
        word = match.group()
        norm = norms.get(word)
        if norm is None:
            # Plain ASCII words need nothing but lowercase (throughput).
            norm = word.lower() if word.isascii() and "\n" not in word else _matching_form(word)
            if len(norms) < MAX_CACHED_WORDS:
                norms[word] = norm
        start = match.start() + offset
        # tuple.__new__, not Token(...): the named tuple's own __new__ is a Python call.
        append(new_token(Token, (start, start + len(word), word, norm)))
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


def _sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    went_on = False  # the previous piece was cut where no sentence ends
    for piece_start, piece_end, sentence_end in _punkt_pieces(paragraph):
        piece = paragraph[piece_start:piece_end]
        for start, end in _punkt().span_tokenize(piece):
            start, end = start + piece_start, end + piece_start
            # Punkt ends a sentence at '"Why?" he asked.'; a lowercase start means it went on.
            if spans and (went_on or _SENTENCE_START_LOWER.match(paragraph[start:end])):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
            went_on = False
        went_on = not sentence_end
    return [trimmed for span in spans if (trimmed := trim(paragraph, *span))]


def _punkt_pieces(paragraph: str) -> list[tuple[int, int, bool]]:
    """The paragraph in pieces of one to two ``_PUNKT_PIECE`` characters, each cut after
    a likely sentence end (a full stop after two lowercase letters or digits, then white
    space and a capital), else at the last white space, else anywhere; a short
    paragraph is one piece. The flag says whether a piece ends at a likely sentence end.
    """
    size = len(paragraph)
    pieces, start = [], 0
    while size - start > _PUNKT_PIECE:
        low, high = start + _PUNKT_PIECE, min(start + 2 * _PUNKT_PIECE, size)
        likely = _LIKELY_SENTENCE_END.search(paragraph, low, high)
        space = max(paragraph.rfind(" ", low, high), paragraph.rfind("\n", low, high))
        cut = likely.end() if likely else space + 1 if space >= 0 else high
        pieces.append((start, cut, likely is not None))
        start = cut
    pieces.append((start, size, True))
    return pieces


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    # Loaded on first use, without the rest of NLTK (see framing.nltk_parts).
    from framing.nltk_parts import punkt

    module = punkt()
    params = module.PunktParameters()
    params.abbrev_types = set(abbreviations())
    return module.PunktSentenceTokenizer(params)


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
# Word turns the apostrophe of '90s, 'n' and 'til into a left single quote; after one
# of these it is an apostrophe, never the start of a quotation.
_ELISION = re.compile(r"[‘’'](?:\d|n[‘’'\s]|(?:em|til|tis|twas|cause|cos|bout)\b)", re.IGNORECASE)


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
        elif (double_at is None and single_at is None and char == _SINGLE_OPEN
              and not _letter(text, i - 1, start, end) and not _ELISION.match(text, i, end)):
            single_at = i
        elif (single_at is not None and char == _SINGLE_CLOSE
              and not _letter(text, i + 1, start, end) and not _elided_n(text, i, start)):
            spans.append((single_at, i + 1))
            single_at = None
    for opened in (double_at, single_at):
        if opened is not None:
            spans.append((opened, end))
    return _outermost(spans)


def _elided_n(text: str, i: int, start: int) -> bool:
    """The second mark of rock ’n’ roll."""
    return i - 2 >= start and text[i - 1] in "nN" and text[i - 2] in "‘’'"


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations in text order without the ones inside another (‘... “inner” ...’), and
    without one that crosses an earlier one: quotations never overlap."""
    kept: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


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
