"""The word lists and small pieces that finding a speaker shares: what a speaker phrase
may hold, where it breaks off, and the speaker found (:class:`Speaker`).

Used by :mod:`framing.voices.mention_lookup`, :mod:`framing.voices.speaker_phrases`,
:mod:`framing.voices.subjects` and :mod:`framing.voices.attribution`.
"""

from __future__ import annotations

from dataclasses import dataclass

from framing.records import Token
from framing.voices.phrases import CRITIC_HEADS

NAMED, DESCRIPTION, ANONYMOUS = "named", "description", "anonymous"
# Words between a speaker and the verb that belong to neither: "Biden also said".
AUXILIARIES = frozenset(
    """has have had is was were are be been also then later again once would will already
    further repeatedly earlier""".split()
)
# Common verbs whose past tense does not end in "-ed": "Omar Reddy met Ana Ruiz" is a
# clause, not a name modifying the next one ("Halden Broadcasting chief Ana Ruiz").
IRREGULAR_PAST_VERBS = frozenset(
    """met told said saw beat hit led left won lost took gave sent made sought brought
    bought caught fought taught thought found held kept paid put ran sat set shot spoke
    stood struck swore threw wrote chose drove flew forgave knew meant overtook quit read
    rang rose sold spent split stole understood upheld withdrew became began came
    felt got heard let lent""".split()
)
# Where a speaker phrase cannot extend past, reading leftwards from the verb.
PHRASE_BREAKS = frozenset(
    """that which who whom when while after before and but or if because as since though
    although to with for in on at by from of about than yet""".split()
)
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
POSSESSIVE_PRONOUNS = frozenset(["his", "her", "their", "its"])
# "his government", "her ministry": the body an office holder speaks for.
BODIES = frozenset(
    "government administration ministry cabinet office department spokesman spokeswoman "
    "spokesperson management team camp lawyers".split()
)
# "the company said", "the ministry said": a short name for the last body that fits.
BODY_NOUNS = frozenset(
    """force lender airline carrier insurer retailer broadcaster carmaker miner chain operator
    supermarket label company firm group bank club team council ministry department federation
    association regulator watchdog agency board commission league union party police
    government authority authorities office committee court foundation institute university
    school hospital army trust""".split()
)
# Nouns that stand for any organisation named before them.
ANY_BODY = frozenset(
    """company firm group club regulator watchdog agency airline carrier insurer retailer
    broadcaster carmaker miner chain operator supermarket lender label team""".split()
)
# A noun that stands for a body whose name holds another: "the force" for "Kessel Police".
BODY_SYNONYMS = {"force": "police", "lender": "bank"}
# Heads of a description after a body's name: "a Nordhaven spokeswoman".
SPOKES_HEADS = frozenset(
    "spokesman spokeswoman spokesperson official officials source sources".split()
)
PLACES = frozenset(["country", "region", "demonym"])
# Prepositions a description of a speaker may contain, after one of DESCRIPTION_HEADS:
# "a spokeswoman for the ministry", "a source close to the singer".
DESCRIPTION_LINKS = frozenset(
    ["for", "of", "at", "to", "with", "on", "from", "in", "inside", "within"]
)
# Heads of a speaker that names no one; with no name, they are anonymous sources.
ANONYMOUS_HEADS = frozenset(
    """source sources insider insiders official officials people person diplomat diplomats
    aide aides figure figures friend friends pal pals ally allies confidant confidante
    confidants staffer staffers whistleblower""".split()
)
DESCRIPTION_HEADS = ANONYMOUS_HEADS | CRITIC_HEADS | frozenset(
    """close familiar briefed near loyal spokesman spokeswoman spokesperson head member
    members chief director leader representative representatives lawyer lawyers analyst
    analysts economist economists expert experts""".split()
)
ANONYMITY = ("anonymity", "not to be named", "not to be identified", "not authorised to",
             "not authorized to", "asked not to be")
TIME_WORDS = frozenset(["last", "yesterday", "today", "tonight", "earlier", "later", "this"])
MAX_SPEAKER_WORDS = 8
BODY_KINDS = ("institution", "name", "party", "group", "country")
# Titles written short with a full stop: "Dr.", "Sen.", "Gov.".
TITLE_ABBREVIATIONS = frozenset(
    "dr mr mrs ms sen rep gov gen prof rev lt col capt sgt st supt insp det".split()
)
QUOTE_MARKS = frozenset('"“”„«»‘’')
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# "prosecutors in Halsey", "residents of the village of Lutz": a group, then where it is.
GROUP_LINKS = frozenset(["in", "of", "from", "near"])
PLACE_NOUNS = frozenset(
    """village town city hamlet district county province region capital island suburb
    borough valley port""".split()
)
# "dismissed the claims as '...'": verbs that quote the label they give something, only
# with "as" right before the quotation (the verb alone may mean firing someone).
LABEL_VERBS = {
    form: (forms.split()[0], "neutral")
    for forms in (
        "dismiss dismissed dismisses dismissing",
        "deride derided derides deriding",
        "ridicule ridiculed ridicules ridiculing",
        "denounce denounced denounces denouncing",
        "condemn condemned condemns condemning",
        "reject rejected rejects rejecting",
        "mock mocked mocks mocking",
    )
    for form in forms.split()
}
# An aside that opens with these says where the subject is from.
PLACE_ASIDES = frozenset(["of", "from"])
# "... just days after insisting he was ...": the participle's subject is the clause's.
SUBORDINATORS = frozenset(["after", "before", "while", "since", "when", "by"])
# How far from a quotation its speaker and verb are looked for, in tokens.
WINDOW = 60


@dataclass(frozen=True)
class Speaker:
    text: str | None  # None: "she said" with no one to be "she"; the verb still counts
    actor: str | None
    verb: str | None
    verb_class: str | None
    kind: str | None = None


def group_noun(norm: str) -> bool:
    """A plural common noun that can name a group of speakers: "prosecutors", "residents"."""
    return len(norm) > 3 and norm.isalpha() and norm.endswith("s") and not norm.endswith("ss")


def looks_finite(token: Token) -> bool:
    """A word that looks like a finite verb: "thanked", "has", "praised" (regular forms
    only: counting "met" or "told" here moves as many subjects wrong as right)."""
    return token.text.islower() and _regular_finite(token.norm)


def verb_text(token: Token, verb: tuple[str, str]) -> tuple[str, str]:
    return token.text, verb[1]


def looks_like_verb(word: str) -> bool:
    """A lowercase word that reads as a finite verb: "thanked", "has", "met"."""
    return _regular_finite(word) or word in IRREGULAR_PAST_VERBS


def _regular_finite(norm: str) -> bool:
    return norm.endswith("ed") or norm in AUXILIARIES
