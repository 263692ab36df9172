"""Sense rules: the contexts in which a lexicon term is literal, so it is not flagged there.

A lexicon row's ``literal_when`` column holds rules separated by ``;``:

- ``before:w1,w2`` the word right before the term is one of these ("dietary regime");
- ``after:w1,w2`` the word right after it is one of these ("flood defences");
- ``near:w1,w2`` one of these words stands within :data:`NEAR_WINDOW` words of it in the
  same sentence, punctuation not counted ("the river will flood three valleys");
- ``name`` the term is capitalised inside a sentence, as part of a proper name ("the
  Crusaders"), in a sentence that is not written in capitals throughout.

A listed word ending in ``*`` matches any word that starts with the rest ("rain*").

>>> rule = parse_senses("near:river,rain*")[0]
>>> rule.applies(["heavy", "rainfall", "will", "flood", "the", "town"], 3, 4, False)
True
>>> rule.applies(["migrants", "will", "flood", "the", "town"], 2, 3, False)
False
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: How many words either side a ``near:`` rule looks.
NEAR_WINDOW = 5
KINDS = ("before", "after", "near", "name")
_WORD_RE = re.compile(r"^[a-z0-9][a-z0-9'’-]*\*?$")


@dataclass(frozen=True, slots=True)
class SenseRule:
    """One context in which a term is literal."""

    kind: str
    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    text: str = ""

    def applies(self, norms: Sequence[str], start: int, end: int, capitalised: bool) -> bool:
        """Whether the match ``norms[start:end]`` is in this rule's context.

        ``capitalised`` says whether the match is written with a capital inside a
        sentence that is not all capitals (a proper name).
        """
        if self.kind == "name":
            return capitalised
        if self.kind == "before":
            return start > 0 and self._has(norms[start - 1])
        if self.kind == "after":
            return end < len(norms) and self._has(norms[end])
        return any(self._has(norm) for norm in _words_before(norms, start)) or any(
            self._has(norm) for norm in _words_after(norms, end))

    def _has(self, norm: str) -> bool:
        norm = norm[:-2] if norm.endswith("'s") else norm
        return norm in self.words or (bool(self.prefixes) and norm.startswith(self.prefixes))


def _words_before(norms: Sequence[str], start: int) -> list[str]:
    """Up to NEAR_WINDOW words before ``start``; punctuation does not count."""
    words: list[str] = []
    for norm in reversed(norms[max(0, start - 4 * NEAR_WINDOW):start]):
        if norm[:1].isalnum():
            words.append(norm)
            if len(words) == NEAR_WINDOW:
                break
    return words


def _words_after(norms: Sequence[str], end: int) -> list[str]:
    words: list[str] = []
    for norm in norms[end:end + 4 * NEAR_WINDOW]:
        if norm[:1].isalnum():
            words.append(norm)
            if len(words) == NEAR_WINDOW:
                break
    return words


class SenseError(ValueError):
    """A ``literal_when`` field that cannot be read; the message says what to write."""


def parse_senses(field: str) -> tuple[SenseRule, ...]:
    """The rules of one ``literal_when`` field; an empty field has none.

    >>> [r.kind for r in parse_senses("before:tax,dietary; name")]
    ['before', 'name']
    >>> parse_senses("beside:river")
    Traceback (most recent call last):
    ...
    framing.senses.SenseError: sense rule 'beside:river' must start with before:, after:, near: or be name
    """
    return tuple(_parse_rule(part.strip()) for part in field.split(";") if part.strip())


def _parse_rule(text: str) -> SenseRule:
    kind, colon, rest = text.partition(":")
    kind = kind.strip().lower()
    if kind == "name" and not colon:
        return SenseRule("name", text="name")
    if kind not in KINDS or kind == "name" or not colon:
        raise SenseError(f"sense rule {text!r} must start with before:, after:, near: or be name")
    words = [w.strip().lower() for w in rest.split(",")]
    if not words or any(not w for w in words):
        raise SenseError(f"sense rule {text!r} has an empty word; separate words with commas")
    bad = [w for w in words if not _WORD_RE.match(w)]
    if bad:
        raise SenseError(f"sense rule {text!r}: {bad[0]!r} is not one lowercase word "
                         "(letters, digits, - or ', and an optional * at the end)")
    exact = frozenset(w for w in words if not w.endswith("*"))
    prefixes = tuple(w[:-1] for w in words if w.endswith("*"))
    return SenseRule(kind, exact, prefixes, f"{kind}:{','.join(words)}")
