"""Speech verbs: the words that attribute words to a speaker, each with its stance class.

The verbs of the attribution lexicon (``lexicons/attribution.tsv``) carry their stance:
neutral ("said"), doubt-casting ("claimed", "insisted") or endorsing ("admitted",
"confirmed"). The reporting verbs listed only in ``lexicons/actors/speech_verbs.txt``
count as neutral. Every inflected form maps back to the verb as the lexicon writes it.

>>> speech_verbs().get("claimed")
('claim', 'doubt-casting')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from framing.lexicon import Lexicon, inflect, load_lexicon

STANCE = {
    "attribution_neutral": "neutral",
    "attribution_doubt": "doubt-casting",
    "attribution_endorse": "endorsing",
}


@dataclass(frozen=True)
class SpeechVerbs:
    """Word form → (verb as written in the lexicon, stance class)."""

    forms: dict[str, tuple[str, str]]

    def get(self, norm: str) -> tuple[str, str] | None:
        return self.forms.get(norm)


@lru_cache(maxsize=4)
def speech_verbs(lexicon: Lexicon | None = None) -> SpeechVerbs:
    """Speech verbs from the attribution lexicon (with stance) and the extra reporting verbs."""
    forms: dict[str, tuple[str, str]] = {}
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
            if " " not in form:
                forms[form] = (entry.term, stance)
    return SpeechVerbs(forms)
