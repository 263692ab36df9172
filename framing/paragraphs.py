"""Paragraphs of a text: blank lines, line breaks, and the hard wraps that are neither.

A blank line always ends a paragraph. A single line break ends one too, unless it looks
like a hard wrap inside running text (a long line without closing punctuation before a
lowercase line; a word broken by a hyphen; or, in a text wrapped at one width, a line so
full that the next line's first word would not have fitted on it). Issue 30 measured the
rules on 40 MBIC articles wrapped at 40, 60 and 72 columns (``benchmarks/hard_wraps.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Hyphens that break a word at a line end: ASCII, U+2010, U+2011, and the soft hyphen.
BREAK_HYPHENS = "-\u2010\u2011\u00ad"
_BREAK_HYPHENS = BREAK_HYPHENS
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
_WANTS_MORE = (",", ";", "-", "–", "—", "(", "&", "/")
#: Words that end a wrapped line inside a sentence far more often than a heading.
_JOINING_WORDS = frozenset("""
a an the and or but nor of to in on at by for with from into onto over under about as
than that which who whom whose this these those his her its their our my your said says
told say according former new then top is are was were be been has have had will would
could should may might must can not no
""".split())  # noqa: SIM905 - a word list reads best as text
_FIRST_WORD = re.compile(r"[^\S\n]*(\S*)")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end) spans with surrounding white space trimmed.

    A blank line always ends a paragraph; a single line break does too, unless it looks
    like a hard wrap inside running text: a long line without closing punctuation,
    followed by a line that starts in lowercase; or, in a text hard-wrapped at one
    width, a line so full that the next line's first word would not have fitted on it,
    unless a new sentence plainly starts on the next line (:func:`_ends_paragraph`).
    """
    lines = _lines(text)
    width = _wrap_width(text, lines)
    lowercase = _lowercase_words(text) if width is not None else frozenset()
    spans: list[tuple[int, int]] = []
    start = None
    for i, line in enumerate(lines):
        start = line.start if start is None else start
        following = lines[i + 1] if i + 1 < len(lines) else None
        if (following and following.block == line.block
                and _joins(text, line, following, width, lowercase)):
            continue
        spans.append((start, line.end))
        start = None
    return [trimmed for span in spans if (trimmed := trim(text, *span))]


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
           lowercase: frozenset[str] = frozenset()) -> bool:
    if width is not None and _full(line, following, width):
        return not _ends_paragraph(text, line, following, lowercase)
    if _hyphenated(text, line) and following.lower:
        return True  # reck-\nless: a word broken across the lines
    return (
        line.width >= _HARD_WRAP_MIN_LINE
        and not text[line.start:line.start + line.width].endswith(_TERMINAL)
        and following.lower
    )


def _ends_paragraph(text: str, line: _Line, following: _Line, lowercase: frozenset[str]) -> bool:
    """In wrapped text, a full line still ends its paragraph when it is the credit line of
    an embedded post ("... (@handle) May 16, 2019"), or when the next line starts with a
    capitalised word that starts sentences: "However", "Although" and their kind after a
    line that does not end in "the", "of", a comma...; or, after a line ending in a full
    stop (after "U.S." or "B.", which Punkt reads as no sentence end), a common word the
    text also writes in lowercase ("Officials"; not a name, nor a word in capitals)."""
    visible = text[line.start:line.start + line.width].rstrip("\"'”’»)]")
    if _POST_CREDIT.search(visible):
        return True
    first = _OPENING.sub("", text[following.start:following.start + following.first_word + 2])
    word = _WORD_START.match(first)
    if word is None or not word.group()[:1].isupper() or word.group().isupper():
        return False
    common = word.group().lower()
    if common in _DISCOURSE_STARTS:
        last = _last_word(text, line)
        return not last.endswith(_WANTS_MORE) and last.lower() not in _JOINING_WORDS
    return visible.endswith(".") and common in lowercase


def _lowercase_words(text: str) -> frozenset[str]:
    """Words the text writes in lowercase and never capitalised after another word on the
    same line: common words, which a capital marks as a sentence start ("officials",
    "however"), not title words such as "minister" in "Energy Minister Ilse Varga"."""
    capitalised = {m.lower() for m in _CAPITALISED_INSIDE.findall(text)}
    return frozenset(w for w in _LOWERCASE_WORD.findall(text) if w not in capitalised)


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without the white space around it, or None when nothing else is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
