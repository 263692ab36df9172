"""One pass over a document: whom each pronoun means, and whom each spokesperson speaks for.

Reading the sentences in order, outside quotations only (a name inside a quotation is
the speaker's words, never the one a later "he" points to):

* a person's gender comes from a title or role next to the name ("Mrs", "actress",
  "spokesman") or from the first pronoun that resolves to them;
* "he", "she", "his", "her" go to the nearest person mentioned in the last few sentences
  whose gender is known to agree, else to the nearest of unknown gender; never to one of
  the other gender;
* a person introduced as somebody's aide ("her spokesman, Daniel Orr", "a lawyer for
  Sienna Crale, Gideon Pratt", "Orr, her spokesman,") speaks for that principal.

>>> from framing.tokenize import tokenize
>>> from framing.voices.actors import find_actors
>>> doc = tokenize('Governor Ana Bexley left. Her spokesman, Daniel Orr, said she was tired.')
>>> refs = references(doc, find_actors(doc))
>>> refs.principals, refs.genders["Ana Bexley"]
({'Daniel Orr': 'Ana Bexley'}, 'f')
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from framing.records import ActorMention, Quote, Token
from framing.tokenize import Document
from framing.voices.actors import BODY_HEADS, ActorLayer
from framing.voices.quotations import with_single_quotations

MALE, FEMALE = "m", "f"
PRONOUN_GENDER = {
    "he": MALE, "him": MALE, "his": MALE, "himself": MALE,
    "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE,
}
# Titles and role nouns next to a name that say whether the person is a man or a woman.
GENDERED_WORDS = {
    **dict.fromkeys(
        """mr mr. sir lord king prince duke father husband son brother uncle grandfather boy
        man actor businessman chairman spokesman congressman sportsman footballer's
        boyfriend widower monk""".split(), MALE),
    **dict.fromkeys(
        """mrs mrs. ms ms. miss dame lady queen princess duchess mother wife daughter sister
        aunt grandmother girl woman actress businesswoman chairwoman spokeswoman
        congresswoman sportswoman girlfriend widow nun""".split(), FEMALE),
}
# Who speaks for somebody else: "her spokesman", "a lawyer for ...", "his agent".
AIDES = frozenset(
    """spokesman spokeswoman spokesperson aide aides lawyer lawyers attorney attorneys agent
    publicist adviser advisor representative solicitor""".split()
)
PERSON_KINDS = frozenset(["person", "name"])
PLACE_PREPOSITIONS = frozenset(["in", "near", "outside", "across", "around", "at"])
GOVERNMENT_HEADS = frozenset(["ministry", "department", "government"])
# Words that name a ministry's field, not its country: "Interior Ministry".
PORTFOLIOS = frozenset(
    """interior foreign finance health defence defense home justice education transport
    environment energy trade economy agriculture labour labor culture state treasury
    federal national""".split()
)
_START = attrgetter("start")
# Words after an object "her" ("accused her of", "told her that"), never after "her" the
# possessive, which a noun follows ("her ex-husband").
AFTER_OBJECT = frozenset(
    "of to for as that and on in with about over at from by into".split()
)
# Verbs whose "her" is an object: "told her", "gave her".
OBJECT_VERBS = frozenset(["told", "gave", "left", "met", "saw", "sent", "made", "let"])
# A person named within this many tokens of a sentence's start opens its clause.
SUBJECT_REACH = 4
# How many sentences back a pronoun looks for its person.
PRONOUN_REACH = 4


@dataclass
class References:
    """What the pass found: pronoun offsets → actor, genders, and aides → principal."""

    pronouns: dict[int, str] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    principals: dict[str, str] = field(default_factory=dict)
    #: aide noun → the people introduced with it ("His lawyer, Anja Ruud" → lawyer: Anja Ruud)
    aides: dict[str, list[str]] = field(default_factory=dict)
    #: starts and ends of the outermost quotations, straight single ones included
    quote_spans: tuple[list[int], list[int]] = ([], [])

    def person_at(self, offset: int) -> str | None:
        """The person a pronoun starting at ``offset`` refers to, if resolved."""
        return self.pronouns.get(offset)


def references(
    doc: Document, actors: ActorLayer, quotes: Sequence[Quote] | None = None
) -> References:
    """The document's references, computed once and kept on the actor layer; ``quotes``
    are the document's quotations with the straight single ones, when already found."""
    if actors.references is None:
        actors.references = _Pass(doc, actors, quotes).run()
        named = {m.actor for m in actors.mentions}
        for actor in named - actors.affiliation.keys():
            country = government_of(actor)
            if country is not None:
                actors.affiliation[actor] = country_named(country, named)
        for aide, principal in actors.references.principals.items():
            actors.affiliation[aide] = actors.side(principal)
    return actors.references


def country_named(word: str, named: set[str]) -> str:
    """The country a demonym stands for, when the text names it ("Orvanian" → "Orvania",
    "Corvathi" → "Corvath"): the name the word starts with, less a final vowel."""
    if word in named:
        return word
    for name in sorted(named, key=len, reverse=True):
        stem = name[:-1] if name[-1:] in "aeiou" else name
        if len(stem) >= 4 and " " not in name and word.startswith(stem) and word != stem:
            return name
    return word


def government_of(name: str) -> str | None:
    """The country a ministry or department belongs to, when its name says which one:
    "Interior Ministry of Kastovia", "Ministry of Health of Pellaria", "Lenmark Department
    of Infrastructure"."""
    words = name.replace("'s ", " ").replace("’s ", " ").split()
    heads = [i for i, w in enumerate(words) if w.lower() in GOVERNMENT_HEADS]
    if not heads or len(words) < 2:
        return None
    first = words[0]
    if heads[0] > 0 and first.lower() not in PORTFOLIOS:
        return first
    if len(words) > heads[-1] + 2 and words[-2] == "of":
        return words[-1]
    return None


def quotation_spans(
    doc: Document, quotes: Sequence[Quote] | None = None
) -> tuple[list[int], list[int]]:
    """Starts and ends of the outermost quotations, for bisection."""
    starts: list[int] = []
    ends: list[int] = []
    for quote in quotes if quotes is not None else with_single_quotations(doc, doc.quotes):
        if ends and quote.start < ends[-1]:
            continue
        starts.append(quote.start)
        ends.append(quote.end)
    return starts, ends


def inside(spans: tuple[list[int], list[int]], offset: int) -> bool:
    i = bisect_right(spans[0], offset) - 1
    return i >= 0 and offset < spans[1][i]


class _Pass:
    def __init__(
        self, doc: Document, actors: ActorLayer, quotes: Sequence[Quote] | None = None
    ) -> None:
        self.doc = doc
        self.actors = actors
        self.spans = quotation_spans(doc, quotes)
        self.found = References(quote_spans=self.spans)
        #: people seen so far outside quotations → the sentence they were last named in,
        #: the most recently named last
        self.seen: dict[str, int] = {}
        #: sentence → the person its clause opens with ("Head teacher Ruth Adeyemi told")
        self.subjects: dict[int, str] = {}
        self.sentence_starts = [s.start for s in doc.sentences]
        self.by_start = {m.start: m for m in actors.mentions}
        self.by_end = {m.end: m for m in actors.mentions}

    def run(self) -> References:
        by_start = self.by_start
        pronoun_starts = [  # one pass over the words, cheaper than any pattern search
            t.start for s in self.doc.sentences for t in s.tokens if t.norm in PRONOUN_GENDER
        ]
        sentences = self.doc.sentences
        sentence_starts = self.sentence_starts
        # only pronouns and names, in text order: the other words say nothing here
        for offset in sorted({*by_start, *pronoun_starts}):
            sentence = sentences[max(bisect_right(sentence_starts, offset) - 1, 0)]
            tokens = sentence.tokens
            i = bisect_left(tokens, offset, key=_START)
            token = tokens[i] if i < len(tokens) else None
            if token is None or inside(self.spans, token.start):
                continue
            mention = by_start.get(token.start)
            if mention is not None and self._may_be_person(tokens, i, mention):
                self._person(tokens, i, mention, sentence.index)
            elif token.norm in PRONOUN_GENDER and token.start == offset:
                self._pronoun(token, sentence.index)
        return self.found

    def _may_be_person(self, tokens: Sequence[Token], i: int, mention: ActorMention) -> bool:
        """A name, unless written as a thing: "the Carrow Open", "4,000 GPs"."""
        kind = self.actors.kinds.get(mention.actor)
        if kind == "person":
            return True
        before = tokens[i - 1].norm if i > 0 else ""
        if before in PLACE_PREPOSITIONS:
            return False  # "in Port Alder": a place, which no "he" or "she" means
        if before == "of" or before == "and" and self._joins_body(tokens, i):
            return False  # "Ann Bly of Wendham Fire and Rescue": where she works
        return kind == "name" and before not in ("the", "a", "an") and not before[:1].isdigit()

    def _joins_body(self, tokens: Sequence[Token], i: int) -> bool:
        """The "Rescue" of "Fire and Rescue": the name before "and" was no person."""
        if i < 2:
            return False
        earlier = self.by_end.get(tokens[i - 2].end)
        return earlier is not None and earlier.actor not in self.seen

    def _person(
        self, tokens: Sequence[Token], i: int, mention: ActorMention, sentence: int
    ) -> None:
        actor = mention.actor
        for token in reversed(tokens[max(i - 3, 0) : i]):
            if not token.norm[:1].isalpha() or token.norm in ("for", "of", "to", "with", "and"):
                break
            gender = GENDERED_WORDS.get(token.norm)
            if gender:
                self.found.genders.setdefault(actor, gender)
                break
        if i <= SUBJECT_REACH and not self.subjects.get(sentence):
            # "Athletic manager Colm Brady": a body's name may come first; "" marks a
            # clause that opens with no one surely a person
            titled = self.actors.kinds.get(actor) == "person" or actor in self.found.genders
            self.subjects[sentence] = actor if titled else ""
        principal = self._principal(tokens, i, actor)
        if principal is not None and principal != actor:
            self.found.principals.setdefault(actor, principal)
        self.seen.pop(actor, None)
        self.seen[actor] = sentence

    def _principal(self, tokens: Sequence[Token], i: int, actor: str) -> str | None:
        """"her spokesman, Daniel Orr", "a lawyer for Crale, Gideon Pratt", "aide X"."""
        j = i - 1
        if j >= 0 and tokens[j].norm == ",":
            j -= 1
        if j < 0 or tokens[j].norm not in AIDES:
            return None
        named = self.found.aides.setdefault(tokens[j].norm, [])
        if actor not in named:
            named.append(actor)
        before = tokens[j - 1] if j > 0 else None
        if before is not None and before.norm in PRONOUN_GENDER:
            return self._resolve(PRONOUN_GENDER[before.norm], before.start)
        if before is not None and before.norm.endswith(("'s", "’s")):
            owner = self._mention_ending(before)
            return owner.actor if owner else None
        if before is not None and before.norm in BODY_HEADS and before.text.islower():
            return self._body_with(before.norm, before.start)  # "ministry spokesman Aurel Danek"
        # "a spokesman for Okonkwo-Beck, Tom Ferris": the name after "for"
        for k in range(j + 1, i):
            if tokens[k].norm in ("for", "to"):
                owner = self._mention_at(tokens[k + 1].start) if k + 1 < i else None
                return owner.actor if owner else None
        return None

    def _body_with(self, noun: str, offset: int) -> str | None:
        """The last body named before ``offset`` whose name holds this noun."""
        for mention in reversed(self.actors.mentions):
            if mention.end <= offset and noun in mention.actor.lower().split():
                return mention.actor
        return None

    def _mention_at(self, offset: int) -> ActorMention | None:
        return self.by_start.get(offset)

    def _mention_ending(self, token: Token) -> ActorMention | None:
        """The mention that ends with this token, possessive or not ("Crale's")."""
        return self.by_end.get(token.end) or self.by_end.get(token.end - 2)

    def _pronoun(self, token: Token, sentence: int) -> None:
        gender = PRONOUN_GENDER[token.norm]
        is_object = self._object(token)
        person = self._subject_before(gender, sentence, is_object) or self._resolve(
            gender, token.start, sentence, self.subjects.get(sentence) if is_object else None
        )
        if person is None:
            return
        self.found.pronouns[token.start] = person
        self.found.genders.setdefault(person, gender)

    def _object(self, token: Token) -> bool:
        """"him", or "her" between a verb and no noun ("accused her of"): a verb's object."""
        if token.norm == "him":
            return True
        if token.norm != "her":
            return False
        tokens = self.doc.sentences[self._sentence_index(token.start)].tokens
        i = bisect_left(tokens, token.start, key=_START)
        before = tokens[i - 1] if i > 0 else None
        after = tokens[i + 1].norm if i + 1 < len(tokens) else "."
        verb = before is not None and before.text.islower()
        verb = verb and (before.norm.endswith("ed") or before.norm in OBJECT_VERBS)
        return verb and (not after[:1].isalnum() or after in AFTER_OBJECT)

    def _sentence_index(self, offset: int) -> int:
        return max(bisect_right(self.sentence_starts, offset) - 1, 0)

    def _subject_before(self, gender: str, sentence: int, is_object: bool) -> str | None:
        """The person this sentence opened with, else the one the sentence before opened
        with, when not known to be of the other gender: "Head teacher Ruth Adeyemi told
        this paper ... "...," she added" is hers, though a woman was named before her."""
        if sentence in self.subjects and is_object:
            return None  # "Korr accused him of ...": an object is never its clause's subject
        subject = self.subjects.get(sentence, self.subjects.get(sentence - 1))
        if not subject or self.found.genders.get(subject, gender) != gender:
            return None
        return subject

    def _resolve(
        self, gender: str, offset: int, sentence: int | None = None, other: str | None = None
    ) -> str | None:
        """The nearest recent person of this gender, else the nearest of unknown gender."""
        if sentence is None:
            sentence = next(reversed(self.seen.values()), 0)
        unknown = None
        for actor, seen_in in reversed(self.seen.items()):
            if sentence - seen_in > PRONOUN_REACH:
                break
            if actor == other:
                continue  # the subject of the clause whose object the pronoun is
            known = self.found.genders.get(actor)
            if known == gender:
                return actor
            if known is None and unknown is None:
                unknown = actor
        return unknown
