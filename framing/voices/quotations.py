"""Quotations in straight single marks: 'It's a disgrace,' she said.

The tokenizer pairs double marks and curly single marks; a straight ' is far more often an
apostrophe ("don't", "the Farmers' Union", "'90s"), so it is left to this pass, which the
voices layer alone uses. A ' opens a quotation when it starts a word (after a space, a
bracket or a dash) and is no elision; it closes one when it ends a word or follows the
quotation's last punctuation and no letter follows. A closing candidate that looks like a
plural possessive ("the farmers' union") is passed over; an opening mark that finds no
closing one in its paragraph opens nothing. Quotations never cross a paragraph.

>>> from framing.tokenize import tokenize
>>> doc = tokenize("'It's a disgrace,' said Tina Marsh. The Farmers' Union agreed.")
>>> [q.text for q in single_quotations(doc)]
["'It's a disgrace,'"]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby

from framing.records import Quote
from framing.tokenize import Document

_MARK = re.compile("'")
_OPEN = re.compile(r"(?<![\w'’.,!?])'(?=[^\W_])")
_CLOSE = re.compile(r"(?<=[\w.,!?])'(?![^\W_])")
# '90s, 'n', 'til, 'em: an apostrophe for missing letters, never an opening mark.
_ELIDED = re.compile(r"'(?:\d|n'|(?:em|til|tis|twas|cause|cos|bout)\b)", re.IGNORECASE)


def single_quotations(doc: Document) -> list[Quote]:
    """Quotations in straight single marks, in text order, each within its paragraph."""
    text = doc.text
    if not any(_opens(text, m.start()) for m in _MARK.finditer(text)):
        return []  # most texts: apostrophes only
    found: list[Quote] = []
    for _, group in groupby(doc.sentences, key=lambda s: s.paragraph):
        paragraph = list(group)
        start, end = paragraph[0].start, paragraph[-1].end
        found.extend(Quote(s, e, text[s:e]) for s, e in _pairs(text, start, end))
    return found


def _pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    closers = [m.start() for m in _CLOSE.finditer(text, start, end)]
    if not closers:
        return []
    pairs: list[tuple[int, int]] = []
    after = start
    for match in _OPEN.finditer(text, start, end):
        opening = match.start()
        if opening < after or _ELIDED.match(text, opening):
            continue
        closing = next((c for c in closers if c > opening + 1 and not _possessive(text, c)), None)
        if closing is None:
            continue
        pairs.append((opening, closing + 1))
        after = closing + 1
    return pairs


def _opens(text: str, i: int) -> bool:
    """Whether the mark at ``i`` may open a quotation: tested at each mark, as a search for
    _OPEN from every position of a long text costs more."""
    return _OPEN.match(text, i) is not None


def _possessive(text: str, i: int) -> bool:
    """"the farmers' union": a plural's apostrophe before the noun it owns; before "and",
    "after" or "said" ("'for weeks' and that ...") it closes a quotation."""
    if not (text[i - 1] in "sS" and text[i + 1 : i + 2] == " " and text[i + 2 : i + 3].isalpha()):
        return False
    following = _NEXT_WORD.match(text, i + 2)
    return following is None or following.group().lower() not in _NEVER_OWNED


_NEXT_WORD = re.compile(r"[^\W\d_]+")
# Words that never follow a plural possessive: the mark before them closes a quotation.
_NEVER_OWNED = frozenset(
    """and or but nor to from as at in on with for that after before when while since until
    than so said says say told tells added adds he she it they we i you his her its their
    is was are were""".split()
)


def with_single_quotations(doc: Document, quotes: Sequence[Quote]) -> list[Quote]:
    """The tokenizer's quotations and the straight single ones, in text order."""
    singles = single_quotations(doc)
    if not singles:
        return list(quotes)
    return sorted([*quotes, *singles], key=lambda q: (q.start, -q.end))
