"""Pattern scorers: loaded wording that a word list cannot see.

>>> from framing.tokenize import tokenize
>>> [f.text for f in so_called(tokenize('It mocked the so-called “open door” policy.'))]
['so-called']
>>> [f.text for f in scare_quotes(tokenize('It mocked the “open door” policy.'))]
['“open door”']
"""

from __future__ import annotations

from framing.quotes import find_quotes
from framing.records import AUTHOR, Flag
from framing.tokenize import Document, word_tokens

PATTERNS = "patterns"
SCARE_QUOTE_MAX_WORDS = 4
# Verbs and phrases that attribute a quote to a speaker; a short quote in a sentence
# with one of them is a partial quote, not a scare quote.
SPEECH_MARKERS = frozenset(
    """say says said saying tell tells told add adds added according note noted notes
    state stated states claim claimed claims argue argued pledge pledged pledges vow vowed
    warn warned warns call called calls describe described write wrote insist
    insisted announce announced declare declared ask asked reply replied respond responded
    tweet tweeted post posted admit admitted promise promised""".split()
)


def so_called(doc: Document) -> list[Flag]:
    """'so-called X': the author doubts a name without arguing the point."""
    flags = []
    for sentence in doc.sentences:
        tokens = sentence.tokens
        for i, token in enumerate(tokens):
            joined = token.norm == "so-called"
            spaced = token.norm == "so" and i + 1 < len(tokens) and tokens[i + 1].norm == "called"
            if not (joined or spaced):
                continue
            end = tokens[i + 1].end if spaced else token.end
            after = tokens[i + (2 if spaced else 1) :][:4]
            following = doc.text[after[0].start : after[-1].end] if after else "..."
            flags.append(
                _flag(
                    doc, token.start, end, "so_called", 0.6, -1,
                    f"Puts the name that follows ({following} ...) in doubt without "
                    "saying why it is wrong.",
                    "drop 'so-called', or say who disputes the name and why",
                )
            )
    return flags


def scare_quotes(doc: Document) -> list[Flag]:
    """A short quoted phrase in a sentence that names no speaker: distance by punctuation."""
    flags = []
    for quote in find_quotes(doc):
        words = [t for t in word_tokens(quote.text) if t.norm[0].isalnum()]
        if not 0 < len(words) <= SCARE_QUOTE_MAX_WORDS or _has_speaker(doc, quote.start):
            continue
        flags.append(
            _flag(
                doc, quote.start, quote.end, "scare_quote", 0.5, -1,
                "Quotation marks around a short phrase with no speaker suggest the words "
                "should not be taken at face value.",
                "drop the quotation marks, or name who uses the phrase",
            )
        )
    return flags


def _has_speaker(doc: Document, offset: int) -> bool:
    for sentence in doc.sentences:
        if sentence.start <= offset < sentence.end:
            return any(t.norm in SPEECH_MARKERS for t in sentence.tokens)
    return False


def _flag(doc: Document, start: int, end: int, category: str, weight: float,
          polarity: int, rationale: str, alternative: str) -> Flag:
    return Flag(
        start=start, end=end, text=doc.text[start:end], category=category, term=category,
        weight=weight, polarity=polarity, voice=AUTHOR, rationale=rationale,
        alternative=alternative, lexicon=PATTERNS,
    )
