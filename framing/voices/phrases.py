"""Word lists and small rules for reading a speaker phrase, and the later mentions of one.

:mod:`framing.voices.attribution` finds the phrase that names a speaker ("Bella's sister",
"critics of the plan, led by Ann Bly,", "a note from Fenwick Partners"); the lists here say
what such a phrase means:

* a possessive before a kin or companion noun names that relative, not the possessor:
  "Bella's sister said" is said by the sister;
* critics, opponents or supporters *of* something are a group of their own, not the thing;
* a document *from* or *by* a body ("a note from Fenwick Partners", "a survey by the
  trust") is that body speaking;
* a later definite mention ("the insider", "the note", "the people") is the speaker
  described earlier with that noun or its like (:func:`earlier_description`).

>>> possessed_relative(["bella's", "sister"])
True
>>> same_noun("insider", ["a", "source", "close", "to", "the", "band"])
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from framing.records import Quote

# "Bella's sister", "his widow": a relative or companion speaks for themself.
KIN_NOUNS = frozenset(
    """sister sisters brother brothers mother father mum dad parents wife husband son sons
    daughter daughters cousin uncle aunt nephew niece grandmother grandfather grandson
    granddaughter widow widower partner fiance fiancé fiancee fiancée girlfriend boyfriend
    ex neighbour neighbours neighbor neighbors friend friends teammate teammates classmate
    colleague colleagues""".split()
)
POSSESSORS = frozenset(["his", "her", "their", "its", "my", "our"])
# Groups defined by what they oppose or back: "critics of the plan" are not the plan.
CRITIC_HEADS = frozenset(
    """critics opponents supporters backers residents campaigners protesters fans
    defenders""".split()
)
# What a body writes: "a note from Fenwick Partners", "a survey by the trust".
DOCUMENT_NOUNS = frozenset(
    """note report statement study survey letter filing lawsuit memo analysis review poll
    briefing""".split()
)
DOCUMENT_LINKS = frozenset(["from", "by"])
# An aside after a subject that adds a second name without replacing the subject:
# "Critics of the plan, led by Ann Bly, said", "Dr Ivo Pask, who runs the clinic in Marley,".
ASIDE_OPENERS = frozenset(
    """led headed including backed joined among such who whom whose which where""".split()
)
# Nouns a later definite mention may use for a speaker described before.
NOUN_FAMILIES = (
    frozenset(["source", "sources", "insider", "insiders", "person", "people"]),
    frozenset(["official", "officials"]),
    frozenset(["aide", "aides"]),
)


_WORDS = re.compile(r"[\w'’-]+")
#: How many earlier speakers a described one is looked up among, nearest first: a bound,
#: so a text with thousands of quotations stays linear.
EARLIER_SPEAKERS = 40


def earlier_description(quotes: Sequence[Quote]) -> list[Quote]:
    """Quotes in text order, where a speaker met before ("a source close to the band")
    also speaks the later quotes credited to "the insider" or "the source".

    Only a speaker that resolved to no actor is looked up, and only among the speakers of
    earlier quotes, nearest first.
    """
    seen: list[tuple[list[str], Quote]] = []
    found: list[Quote] = []
    for quote in quotes:
        words = _WORDS.findall(quote.speaker.lower()) if quote.speaker else []
        if words and quote.speaker_actor is None and definite(words):
            earlier = next((q for w, q in reversed(seen[-EARLIER_SPEAKERS:])
                            if w != words and same_noun(words[-1], w)), None)
            if earlier is not None:
                quote = replace(
                    quote,
                    speaker=earlier.speaker,
                    speaker_actor=earlier.speaker_actor,
                    speaker_kind=earlier.speaker_kind,
                )
        if words:
            seen.append((words, quote))
        found.append(quote)
    return found


def possessed_relative(norms: Sequence[str]) -> bool:
    """"Bella's sister", "her brother": a possessive, then a kin or companion noun."""
    if len(norms) < 2 or norms[-1] not in KIN_NOUNS:
        return False
    owner = norms[-2]
    return owner in POSSESSORS or owner.endswith(("'s", "’s", "s'"))


def critics(norms: Sequence[str]) -> bool:
    """"critics of the redevelopment", "opponents of the bill"."""
    return any(n in CRITIC_HEADS for n in norms[:2])


def document_link(norms: Sequence[str]) -> int | None:
    """The index of "from"/"by" in "a note from X", "a survey by X", if there is one."""
    for i in range(1, len(norms)):
        if norms[i] in DOCUMENT_LINKS and norms[i - 1] in DOCUMENT_NOUNS:
            return i
    return None


def definite(norms: Sequence[str]) -> bool:
    """"the insider", "the note", "one of the people": a mention of someone met before."""
    return len(norms) <= 5 and "the" in norms and norms[-1].isalpha()


def same_noun(noun: str, words: Sequence[str]) -> bool:
    """Whether an earlier phrase holds the noun, or one of its family ("insider" for
    "a source close to the band")."""
    if noun in words:
        return True
    family = next((f for f in NOUN_FAMILIES if noun in f), None)
    return family is not None and not family.isdisjoint(words)
