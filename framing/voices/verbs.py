"""Speech verbs: the one list of words that attribute words to a speaker, with stance.

The verbs of the attribution lexicon (``lexicons/attribution.tsv``) carry their stance:
neutral ("said"), doubt-casting ("claimed", "insisted", and manner verbs that colour the
speaker such as "fumed" or "blasted") or endorsing ("admitted", "confirmed"). The
reporting verbs listed only in ``lexicons/actors/speech_verbs.txt`` count as neutral.
Every inflected form maps back to the verb as the lexicon writes it; two-word verbs
("hit out", "fired back") are found by their first word.

This list also decides scare quotes (:mod:`framing.voices.attribution`): a short
quotation is the author's scare quote when no speaker is found for it.

>>> verbs = speech_verbs()
>>> verbs.get("claimed"), verbs.get("fumed")
(('claim', 'doubt-casting'), ('fume', 'doubt-casting'))
>>> verbs.at(["leo", "hit", "out", "at"], 1)
(('hit out', 'doubt-casting'), 2)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from framing.lexicon import Lexicon, inflect, load_lexicon

STANCE = {
    "attribution_neutral": "neutral",
    "attribution_doubt": "doubt-casting",
    "attribution_endorse": "endorsing",
}
# Verbs that report content only through "that": "X slammed the plan" names what was
# attacked, not what was said, and "X called the plan ..." gives a label.
THAT_ONLY = frozenset(
    """fume rage seethe snap scoff sneer blast slam hiss bark thunder rail boast brag gloat
    crow wail bristle quip joke shout whisper exclaim brand call describe ask chant accuse
    brief answer comment speak respond reply cite quoted praise thank hail""".split()
) | {"hit out", "lash out", "fire back", "hit back"}
# The verbs of more than one word that introduce speech; other multi-word entries of the
# lexicon ("played down", "would have us believe") describe a stance, not a quotation.
SPEECH_PHRASES = frozenset(
    phrase.replace("_", " ")
    for phrase in """hit_out lash_out fire_back hit_back point_out points_out pointed_out
    pointing_out make_clear makes_clear made_clear making_clear cry_foul cries_foul
    cried_foul crying_foul""".split()
)
# Speech phrases the lexicon does not list: "as one councillor put it: ...".
EXTRA_PHRASES = {"put": (("it",), ("put it", "neutral")), "puts": (("it",), ("put it", "neutral"))}


@dataclass(frozen=True)
class SpeechVerbs:
    """Word form → (verb as written in the lexicon, stance class)."""

    forms: dict[str, tuple[str, str]]
    #: first word → [(remaining words, verb)], for verbs of two or more words
    phrases: dict[str, list[tuple[tuple[str, ...], tuple[str, str]]]] = field(
        default_factory=dict
    )

    #: every word a speech verb can start with, for a quick first test
    first_words: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "first_words", frozenset(self.forms) | frozenset(self.phrases))

    def get(self, norm: str) -> tuple[str, str] | None:
        return self.forms.get(norm)

    def at(self, norms: Sequence[str], i: int) -> tuple[tuple[str, str], int] | None:
        """The verb starting at ``norms[i]`` and how many words it takes, if any."""
        if norms[i] == "thanks" and norms[i + 1 : i + 2] == ["to"]:
            return None  # "thanks to the rain": no one speaks
        for rest, verb in self.phrases.get(norms[i], ()):
            if tuple(norms[i + 1 : i + 1 + len(rest)]) == rest:
                return verb, 1 + len(rest)
        verb = self.forms.get(norms[i])
        return (verb, 1) if verb is not None else None

    def that_only(self, verb: str) -> bool:
        """Whether the verb reports speech only with "that" (see ``THAT_ONLY``)."""
        return verb in THAT_ONLY


@lru_cache(maxsize=4)
def speech_verbs(lexicon: Lexicon | None = None) -> SpeechVerbs:
    """Speech verbs from the attribution lexicon (with stance) and the extra reporting verbs."""
    forms: dict[str, tuple[str, str]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], tuple[str, str]]]] = {}
    text = (
        resources.files("framing.lexicons")
        .joinpath("actors", "speech_verbs.txt")
        .read_text("utf-8")
    )
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        for form in {word, *inflect(word)} if word else ():
            forms[form] = (word, "neutral")
    for entry in (lexicon or load_lexicon()).entries:
        stance = STANCE.get(entry.category)
        for form in entry.forms if stance else ():
            words = form.split()
            if len(words) == 1:
                forms[form] = (entry.term, stance)
            elif entry.term in SPEECH_PHRASES or form in SPEECH_PHRASES:
                phrases.setdefault(words[0], []).append((tuple(words[1:]), (entry.term, stance)))
    for first, (rest, verb) in EXTRA_PHRASES.items():
        phrases.setdefault(first, []).append((rest, verb))
    for bucket in phrases.values():
        bucket.sort(key=lambda item: -len(item[0]))
    return SpeechVerbs(forms, phrases)
