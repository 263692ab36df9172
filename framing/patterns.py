"""Pattern scorers: loaded wording that a word list cannot see.

Quotations are not excluded here: the scoring stage marks flags inside them as quoted.
Scare quotes are decided where speakers are (:mod:`framing.voices.attribution`), from the
one list of speech verbs; :func:`scare_quote_flag` only words the flag.

>>> from framing.tokenize import tokenize
>>> [f.text for f in so_called(tokenize('It mocked the so-called “open door” policy.'))]
['so-called']
"""

from __future__ import annotations

from framing.categories import layer_of
from framing.records import AUTHOR, Flag
from framing.tokenize import Document

PATTERNS = "patterns"


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
            first = i + (2 if spaced else 1)
            after = tokens[first : first + 4]  # not tokens[first:][:4]: a copy per match
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


def scare_quote_flag(doc: Document, start: int, end: int) -> Flag:
    """The flag for a quotation the attribution stage found to be the author's scare quote."""
    return _flag(
        doc, start, end, "scare_quote", 0.5, -1,
        "Quotation marks around a short phrase with no speaker suggest the words "
        "should not be taken at face value.",
        "drop the quotation marks, or name who uses the phrase",
    )


def _flag(doc: Document, start: int, end: int, category: str, weight: float,
          polarity: int, rationale: str, alternative: str) -> Flag:
    return Flag(
        start=start, end=end, text=doc.text[start:end], category=category,
        term=" ".join(doc.text[start:end].lower().split()),
        weight=weight, polarity=polarity, voice=AUTHOR, rationale=rationale,
        alternative=alternative, lexicon=PATTERNS, layer=layer_of(category),
    )


STANCE_OPENERS = {
    # contrast markers steer the reader to weigh what follows against what came before
    "still": 0.3, "however": 0.2, "yet": 0.3, "nevertheless": 0.3, "nonetheless": 0.3,
    # evaluative openers tell the reader how to feel about the sentence
    "predictably": 0.6, "ironically": 0.5, "tellingly": 0.6, "unsurprisingly": 0.6,
    "sadly": 0.5, "tragically": 0.5, "fortunately": 0.5, "unfortunately": 0.4,
    "worse": 0.5, "worryingly": 0.6, "shockingly": 0.7, "incredibly": 0.6,
    "astonishingly": 0.6, "disturbingly": 0.6, "thankfully": 0.5, "alarmingly": 0.6,
    "of course": 0.4, "naturally": 0.4, "curiously": 0.4, "oddly": 0.4,
}
SUPERLATIVES = frozenset(
    """worst greatest biggest largest deadliest fiercest harshest toughest strongest
    weakest bloodiest cruelest cruellest dirtiest angriest boldest bravest darkest
    deepest gravest loudest meanest poorest richest sharpest smartest stupidest
    wildest wisest craziest dumbest nastiest ugliest finest grandest""".split()
)
_ADJECTIVE_ENDINGS = ("ous", "ive", "ful", "ible", "able", "ic", "al", "ent", "ant", "ing", "less")


def stance_markers(doc: Document) -> list[Flag]:
    """Sentence openers like "Still," or "Predictably," that tell the reader how to read on."""
    flags = []
    for sentence in doc.sentences:
        words = [t for t in sentence.tokens[:3] if t.norm[:1].isalnum()]
        for size in (2, 1):
            opener = " ".join(t.norm for t in words[:size])
            after = sentence.tokens[len(words[:size])] if len(sentence.tokens) > size else None
            if len(words) >= size and opener in STANCE_OPENERS and after and after.text == ",":
                start, end = words[0].start, words[size - 1].end
                flags.append(_flag(
                    doc, start, end, "stance_marker", STANCE_OPENERS[opener], 0,
                    "An opening word that tells the reader how to take the sentence before "
                    "the facts are given.",
                    "start with the fact itself",
                ))
                break
    return flags


def sentence_mood(doc: Document) -> list[Flag]:
    """Rhetorical questions and exclamations in running text."""
    flags = []
    for sentence in doc.sentences:
        if sentence.text[0] in "\"“‘'«":
            continue  # a quoted question or exclamation is the speaker's, not the author's
        last = sentence.text.rstrip("\"'”’»)] ")[-1:]
        if last == "?" and len(sentence.tokens) > 3:
            flags.append(_flag(
                doc, sentence.start, sentence.end, "rhetorical_question", 0.4, 0,
                "A question the article does not answer invites the reader to supply the "
                "answer it implies.",
                "state the point or the open question directly",
            ))
        elif last == "!":
            flags.append(_flag(
                doc, sentence.start, sentence.end, "exclamation", 0.4, 0,
                "An exclamation mark adds emotion that news reporting usually leaves out.",
                "end with a full stop",
            ))
    return flags


def emphasis(doc: Document) -> list[Flag]:
    """ALL-CAPS emphasis (not acronyms) and superlatives."""
    flags = []
    for sentence in doc.sentences:
        tokens = sentence.tokens
        caps = [len(t.text) >= 2 and t.text.isupper() for t in tokens]
        shouting = sum(caps) < max(3, len(tokens) // 2)
        for i, token in enumerate(tokens):
            if shouting and caps[i] and len(token.text) >= 5 and \
                    not token.text.startswith(("COVID", "NATO")):
                flags.append(_flag(
                    doc, token.start, token.end, "all_caps", 0.4, 0,
                    "Capitals shout: they tell the reader this word deserves alarm or scorn.",
                    token.text.lower(),
                ))
            elif token.norm in SUPERLATIVES or (
                token.norm in ("most", "least") and i + 1 < len(tokens)
                and tokens[i + 1].norm.endswith(_ADJECTIVE_ENDINGS) and len(tokens[i + 1].norm) > 4
            ):
                end = tokens[i + 1].end if token.norm in ("most", "least") else token.end
                flags.append(_flag(
                    doc, token.start, end, "superlative", 0.3, 0,
                    "A superlative ranks something as the extreme of its kind, a claim that "
                    "needs evidence.",
                    "describe the measure or comparison",
                ))
    return flags
