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

from framing.records import Quote, Sentence, Token

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

_WORD_CHAR = r"(?:[^\W_][\u0300-\u036f]*)"
# Soft hyphen, zero-width space, non-joiner, joiner, word joiner, byte-order mark.
_INVISIBLE = "[\u00ad\u200b\u200c\u200d\u2060\ufeff]"
_DROPPED = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# A word broken at a line break: a hyphen (ASCII, U+2010, U+2011) or a soft hyphen before
# the line end, with spaces on either side of it, as PDF exports write them (issue 30).
_BREAK_HYPHENS = "-\u2010\u2011\u00ad"
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
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_TERMINAL = tuple(".!?:\"'”’»)")
_HARD_WRAP_MIN_LINE = 60
#: Hard-wrapped text: lines at most this wide are checked for a common wrap width.
_WIDEST_HARD_WRAP = 100
_NEWLINE = re.compile(r"\n")
_INNER_SPACE = re.compile(r"\S\s+\S")
_OPENING = re.compile(r"^[\"'“‘«(\[]+")
_WORD_START = re.compile(r"[^\W\d_]+")
_LOWERCASE_WORD = re.compile(r"(?<![^\W\d_])[a-z]+")
_CAPITALISED_INSIDE = re.compile(r"[^\W_,][ \t]+[\"'“‘(]?([A-Z][a-z]+)")
#: The credit line that ends an embedded post: "— Name (@handle) May 16, 2019".
_POST_CREDIT = re.compile(r"\(@\w+\)\s+[A-Z][a-z]+\.? \d{1,2}, \d{4}$")
#: Words that start a sentence and are written in lowercase inside one.
_DISCOURSE_STARTS = frozenset(["however", "although", "meanwhile", "moreover", "furthermore",
                               "nevertheless", "nonetheless", "instead", "additionally"])
#: Words a heading writes in lowercase ("Exemptions as Part of a Unified Public Voice").
_HEADING_LOWER = frozenset(["a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "on",
                            "at", "by", "for", "with", "from", "as", "vs"])
#: Words that end a wrapped line inside a sentence far more often than a heading.
_JOINING_WORDS = frozenset("""
a an the and or but nor of to in on at by for with from into onto over under about as
than that which who whom whose this these those his her its their our my your said says
told say according former new then top is are was were be been has have had will would
could should may might must can not no
""".split())  # noqa: SIM905 - a word list reads best as text
_FIRST_WORD = re.compile(r"[^\S\n]*(\S*)")
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


def word_tokens(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Tokens of ``text``; offsets are shifted by ``offset``.

    >>> [t.text for t in word_tokens("NATO's so-called “open door” policy")]
    ["NATO's", 'so-called', '“', 'open', 'door', '”', 'policy']
    """
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        word = match.group()
        start = match.start() + offset
        # Inlined fast path: plain ASCII words need nothing but lowercase (throughput).
        plain = word.isascii() and "\n" not in word
        norm = word.lower() if plain else _matching_form(word)
        tokens.append(Token(start, start + len(word), word, norm))
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
    like a hard wrap inside running text: a long line without closing punctuation,
    followed by a line that starts in lowercase; or, in a text hard-wrapped at one
    width, a line so full that the next line's first word would not have fitted on it,
    unless that line ends a heading or caption (:func:`_ends_paragraph`).
    """
    lines = _lines(text)
    width = _wrap_width(text, lines)
    lowercase = _lowercase_words(text) if width is not None else frozenset()
    spans: list[tuple[int, int]] = []
    start = None
    for i, line in enumerate(lines):
        start = line.start if start is None else start
        following = lines[i + 1] if i + 1 < len(lines) else None
        after_end = i == 0 or lines[i - 1].block != line.block or _ends_sentence(text, lines[i - 1])
        if (following and following.block == line.block
                and _joins(text, line, following, width, lowercase, after_end)):
            continue
        spans.append((start, line.end))
        start = None
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    block: int  # lines of one block have no blank line between them
    width: int  # characters without trailing white space
    first_word: int  # length of the first word
    lower: bool  # the first word starts in lowercase
    words: int  # 1 for a line of one word (a long word or link a wrap cannot break)


def _lines(text: str) -> list[_Line]:
    """Every line of every block, found with offsets (no copies: linear in the text)."""
    lines = []
    for block, (block_start, block_end) in enumerate(_split_spans(text, _BLANK_LINE)):
        for start, end in _split_spans(text, _NEWLINE, block_start, block_end):
            visible = end
            while visible > start and text[visible - 1].isspace():
                visible -= 1
            first = _FIRST_WORD.match(text, start, end)
            word = first.group(1)
            several = _INNER_SPACE.search(text, first.end(), visible) is not None
            lines.append(_Line(start, end, block, visible - start, len(word),
                               word[:1].islower(), 2 if several else 1))
    return lines


def _split_spans(text: str, separator: re.Pattern[str], start: int = 0,
                 end: int | None = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    spans = []
    for match in separator.finditer(text, start, end):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, end))
    return spans


def _wrap_width(text: str, lines: list[_Line]) -> int | None:
    """The width a text was hard-wrapped at, or None when it does not look wrapped: at
    least three line breaks inside blocks, two thirds of them where the next word
    would not have fitted, a third of them with a sign of running text (the next line
    starts in lowercase or with "(", or the line ends in a comma or a word such as
    "the" or "of"; a list of headlines has none), and no wider than
    ``_WIDEST_HARD_WRAP`` (leaving out lines of one word)."""
    width = _common_width(lines)
    if width is None or width > _WIDEST_HARD_WRAP:
        return None
    breaks = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if a.block == b.block]
    full = sum(_full(a, b, width) for a, b in breaks)
    running = sum(_running_text(text, a, b) for a, b in breaks)
    wrapped = len(breaks) >= 3 and full >= 2 * len(breaks) / 3 and running >= len(breaks) / 3
    return width if wrapped else None


def _common_width(lines: list[_Line]) -> int | None:
    """The widest line of several words (of any line, if none has several): a line of one
    long word (a link) is wider than the wrap width when the wrapper would not break it."""
    several = [line.width for line in lines if line.words > 1]
    return max(several or [line.width for line in lines], default=None)


def _running_text(text: str, line: _Line, following: _Line) -> bool:
    if following.lower or text[following.start:following.start + 1] == "(":
        return True
    last = _last_word(text, line)
    return last.endswith((",", ";")) or last.lower() in _JOINING_WORDS


def _last_word(text: str, line: _Line) -> str:
    end = line.start + line.width
    space = max(text.rfind(" ", line.start, end), text.rfind("\t", line.start, end))
    return text[max(space + 1, line.start):end]


def _hyphenated(text: str, line: _Line) -> bool:
    end = line.start + line.width  # the width leaves out trailing spaces: "reck- \nless"
    return line.width >= 2 and text[end - 1] in _BREAK_HYPHENS and text[end - 2].isalpha()


def _full(line: _Line, following: _Line, width: int) -> bool:
    return line.width <= width and line.width + 1 + following.first_word > width


def _joins(text: str, line: _Line, following: _Line, width: int | None,
           lowercase: frozenset[str] = frozenset(), after_end: bool = False) -> bool:
    if width is not None and _full(line, following, width):
        return not _ends_paragraph(text, line, following, lowercase, after_end)
    if _hyphenated(text, line) and following.lower:
        return True  # reck-\nless: a word broken across the lines
    return (
        line.width >= _HARD_WRAP_MIN_LINE
        and not text[line.start:line.start + line.width].endswith(_TERMINAL)
        and following.lower
    )


def _ends_paragraph(text: str, line: _Line, following: _Line, lowercase: frozenset[str],
                   after_end: bool) -> bool:
    """In wrapped text, a full line still ends its paragraph when it is the credit line of
    an embedded post ("... (@handle) May 16, 2019"), or when the next line starts with a
    capitalised common word (one the text also writes in lowercase, or "However",
    "Although"...; not a name, nor a word in capitals) and the line ends with a full
    stop (after "U.S." or "B.", which Punkt reads as no sentence end), or before
    "However" and its kind, or ends a heading or caption: what follows its last sentence
    end (or the whole line, when the line before ended one: ``after_end``) has every
    word but "of", "the"... capitalised, as the next line has not."""
    visible = text[line.start:line.start + line.width].rstrip("\"'”’»)]")
    if _POST_CREDIT.search(visible):
        return True
    first = _OPENING.sub("", text[following.start:following.start + following.first_word + 2])
    word = _WORD_START.match(first)
    if word is None or not word.group()[:1].isupper() or word.group().isupper():
        return False
    common = word.group().lower()
    if common in _DISCOURSE_STARTS:
        return _last_word(text, line).lower() not in _JOINING_WORDS
    if common not in lowercase:
        return False
    if visible.endswith("."):
        return True
    end = max(visible.rfind(mark) for mark in ".!?")
    if end < 0 and not after_end:
        return False  # a sentence that began on an earlier line: running text
    words = _WORD_START.findall(visible[end + 1:])
    following_words = _WORD_START.findall(text[following.start:following.start + following.width])
    return (bool(words) and words[-1] not in _HEADING_LOWER and _title_like(words)
            and not _title_like(following_words[1:]))


def _title_like(words: list[str]) -> bool:
    return all(w[:1].isupper() or w in _HEADING_LOWER for w in words)


def _ends_sentence(text: str, line: _Line) -> bool:
    return text[line.start:line.start + line.width].rstrip("\"'”’»)]").endswith((".", "!", "?"))


def _lowercase_words(text: str) -> frozenset[str]:
    """Words the text writes in lowercase and never capitalised after another word on the
    same line: common words, which a capital marks as a sentence start ("officials",
    "however"), not title words such as "minister" in "Energy Minister Ilse Varga"."""
    capitalised = {m.lower() for m in _CAPITALISED_INSIDE.findall(text)}
    return frozenset(w for w in _LOWERCASE_WORD.findall(text) if w not in capitalised)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


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
    return [trimmed for span in spans if (trimmed := _trim(paragraph, *span))]


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
