"""Distancing: loaded words the writer marks as someone else's.

"united against *perceived* Russian aggression" does not call Russia aggressive: the
writer reports that someone sees aggression and keeps the word at arm's length. Such a
loaded word gets the voice ``distanced``: it is shown, but counts neither against the
writer nor as the writer's word aimed at an actor. The marker itself ("perceived",
"so-called", the quotation marks) stays a flag of its own.

Markers: a distancing word shortly before the loaded word ("perceived", "alleged",
"so-called", "supposed", "self-styled" ...), "what X calls ..." and the like, and scare
quotes around the word.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from framing.categories import LOADED
from framing.records import AUTHOR, DISTANCED, QUOTED, Flag, Quote, Token
from framing.tokenize import Document

#: Words that put the next few words in someone else's mouth.
MARKERS = frozenset(
    """perceived alleged allegedly purported purportedly supposed supposedly so-called
    self-styled self-proclaimed self-described""".split()
)
#: Verbs of naming in "what critics call ...", "what Moscow describes as ...".
_NAMING_VERBS = frozenset(
    """call calls called calling describe describes described term terms termed dub
    dubs dubbed brand brands branded label labels labelled labeled consider considers
    considered see sees saw regard regards regarded""".split()
)
#: How many words may stand between a marker and the loaded word ("perceived Russian
#: aggression"); a comma or full stop in between ends the marker's reach.
MARKER_REACH = 3
_SKIPPABLE = frozenset({"a", "an", "the", "as", "its", "their", "his", "her", "'", '"', "“", "”", "‘", "’"})
_OPEN_QUOTES = "\"'“‘«"


def mark_distanced(doc: Document, flags: Sequence[Flag], quotes: Sequence[Quote]) -> list[Flag]:
    """``flags`` with loaded words under a distancing marker set to ``distanced``
    (and no target); ``quotes`` are the document's scare quotes (quotations with no
    speaker), which the voice pass has marked ``quoted``.

    >>> from framing.analyzer import Analyzer
    >>> flags = Analyzer(model=None, word_model=None).analyze("They united against perceived Russian aggression.").flags
    >>> [(f.text, f.voice, f.target) for f in flags]
    [('perceived', 'author', None), ('aggression', 'distanced', None)]
    """
    scare = sorted((q.start, q.end) for q in quotes)
    before = _WordsBefore(doc)
    marked = []
    for flag in flags:
        if flag.layer == LOADED and flag.category != "so_called" and (
                (flag.voice in (AUTHOR, QUOTED) and _inside(scare, flag))
                or (flag.voice == AUTHOR and _is_marked(before(flag.start)))):
            flag = replace(flag, voice=DISTANCED, target=None)
        marked.append(flag)
    return marked


def _inside(spans: list[tuple[int, int]], flag: Flag) -> bool:
    # The last span that starts at or before the flag, however far it reaches.
    i = bisect_right(spans, (flag.start, math.inf)) - 1
    return i >= 0 and spans[i][0] <= flag.start and flag.end <= spans[i][1]


class _WordsBefore:
    """The few tokens before an offset in its sentence; each sentence's token starts are
    listed once, so many flags in one long sentence stay linear."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.starts = [s.start for s in doc.sentences]
        self.token_starts: dict[int, list[int]] = {}

    def __call__(self, offset: int) -> Sequence[Token]:
        index = max(bisect_right(self.starts, offset) - 1, 0)
        tokens = self.doc.sentences[index].tokens
        if index not in self.token_starts:
            self.token_starts[index] = [t.start for t in tokens]
        at = bisect_left(self.token_starts[index], offset)
        return tokens[max(0, at - 8):at]


def _is_marked(before: Sequence[Token]) -> bool:
    return _marker_within_reach(before) or _what_x_calls(before)


def _marker_within_reach(before: Sequence[Token]) -> bool:
    words = 0
    for i in range(len(before) - 1, -1, -1):
        token = before[i]
        if token.norm in MARKERS or (token.norm == "called" and i and before[i - 1].norm == "so"):
            return True
        if not token.norm[:1].isalnum():
            if token.text not in _OPEN_QUOTES and token.text not in "”’»-":
                return False
            continue
        words += 1
        if words >= MARKER_REACH:
            return False
    return False


def _what_x_calls(before: Sequence[Token]) -> bool:
    """"what critics call a [loaded word]", "what Moscow describes as a reckless [word]"."""
    j, skipped = len(before) - 1, 0
    while j >= 0 and before[j].norm not in _NAMING_VERBS:
        norm = before[j].norm
        if norm not in _SKIPPABLE:
            skipped += 1
            if not norm[:1].isalnum() or skipped > 2:
                return False
        j -= 1
    return j >= 1 and "what" in [t.norm for t in before[max(0, j - 5):j]]
