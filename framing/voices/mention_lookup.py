"""Looking up the actors named around a speaker phrase: the mentions inside a span, the
last person or body named before an offset, what "it", "he" or "the company" stands for,
and whether a name is a place or a thing rather than a speaker.

:class:`MentionLookup` is the first layer of the speaker finder in
:mod:`framing.voices.attribution`; it reads the state that class sets up.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from framing.records import ActorMention, Token
from framing.tokenize import Document
from framing.voices.actors import ActorLayer
from framing.voices.coreference import PLACE_PREPOSITIONS, References, inside
from framing.voices.speaker_words import (
    ANONYMITY,
    ANY_BODY,
    BODY_NOUNS,
    BODY_SYNONYMS,
    DESCRIPTION_LINKS,
    PLACES,
    looks_like_verb,
)


class MentionLookup:
    """Lookups over the document's actor mentions, sorted by start."""

    doc: Document
    actors: ActorLayer
    refs: References
    starts: list[int]
    mention_starts: list[int]
    quote_spans: tuple[list[int], list[int]]
    #: (where, actor) of each body that spoke, for the "it" of a next sentence
    _bodies_spoke: list[tuple[int, str]]
    #: actors written with a title or role somewhere ("Mr", "actress"): people, never "it"
    _titled: set[str]
    _anonymity: dict[int, bool]

    def sentence_at(self, offset: int) -> int:
        return max(bisect_right(self.starts, offset) - 1, 0)

    def _mentions_in(self, start: int, end: int) -> list[ActorMention]:
        mentions = self.actors.mentions
        i = bisect_right(self.mention_starts, start - 1)
        j = bisect_left(self.mention_starts, end, lo=i)  # not mentions[i:]: a copy per call
        return mentions[i:j]

    def _in_mention(self, token: Token) -> bool:
        """Whether the token is inside a name: the "of" of "Interior Ministry of Kastovia"."""
        i = bisect_right(self.mention_starts, token.start) - 1
        return i >= 0 and token.end <= self.actors.mentions[i].end

    def _ends_person(self, token: Token) -> bool:
        """"Trader Lucy Fenn of Castell Securities", "Jane Roe of Acme": a person (or a full
        name), then where they work."""
        i = bisect_right(self.mention_starts, token.start) - 1
        if i < 0 or self.actors.mentions[i].end != token.end:
            return False
        mention = self.actors.mentions[i]
        kind = self.actors.kinds.get(mention.actor)
        return kind == "person" or kind == "name" and " " in mention.text

    def _inside_body_name(self, tokens: Sequence[Token], conjunction: int) -> bool:
        """"Wendham Fire and Rescue": an "and" between two capitalised words, the first
        ending a name that is no person or country, joins one body's name."""
        if conjunction == 0 or conjunction + 1 >= len(tokens):
            return False
        if not tokens[conjunction + 1].text[:1].isupper():
            return False
        i = bisect_right(self.mention_starts, tokens[conjunction - 1].start) - 1
        if i < 0 or self.actors.mentions[i].end != tokens[conjunction - 1].end:
            return False
        return self.actors.kinds.get(self.actors.mentions[i].actor) in ("name", "institution")

    def _modifies(self, first: ActorMention, then: ActorMention) -> bool:
        between = self.doc.text[first.end : then.start].split()
        if any(w in DESCRIPTION_LINKS for w in between):
            return False  # "Ruth Abbing of the Green Party": the second is where she works
        return len(between) <= 2 and all(
            w.isalpha() and w.islower() and not looks_like_verb(w) for w in between
        )

    def _last_person_before(
        self, offset: int, kinds: tuple[str, ...] = ("person", "name")
    ) -> str | None:
        """The last actor of these kinds named before ``offset`` outside any quotation;
        one known to be a person (titled, or meant by a "he" or "she") first."""
        i = bisect_right(self.mention_starts, offset) - 1
        first = None
        for mention in reversed(self.actors.mentions[max(i - 30, 0) : i + 1]):
            kind = self.actors.kinds.get(mention.actor)
            if kind not in kinds or mention.end > offset or inside(self.quote_spans, mention.start):
                continue
            if self._thing(mention):
                continue
            if kind == "person" or mention.actor in self.refs.genders:
                return mention.actor
            first = first or mention.actor
        return first

    def _person_near(self, offset: int) -> str | None:
        """The last person named in this sentence or the one before, outside quotations."""
        person = self._last_person_before(offset)
        if person is None:
            return None
        sentence = self.sentence_at(offset)
        i = bisect_right(self.mention_starts, offset) - 1
        for mention in reversed(self.actors.mentions[max(i - 30, 0) : i + 1]):
            if mention.actor == person and mention.end <= offset:
                return person if sentence - self.sentence_at(mention.start) <= 1 else None
        return None

    def _thing(self, mention: ActorMention) -> bool:
        """A name written as a thing ("at the Lindqvist Games") or a place ("in Port
        Hessel"), not a person."""
        if self._placed(mention):
            return True
        before = self.doc.text[max(mention.start - 4, 0) : mention.start].lower()
        return self.actors.kinds.get(mention.actor) == "name" and before.endswith(("the ", " a "))

    def _placed(self, mention: ActorMention) -> bool:
        """A name after "in", "at", "near": where something happens, never who speaks."""
        if self.actors.kinds.get(mention.actor) not in ("name", None):
            return False
        before = self.doc.text[max(mention.start - 8, 0) : mention.start].split()
        return bool(before) and before[-1].lower() in PLACE_PREPOSITIONS

    def _pronoun(self, norm: str, offset: int) -> str | None:
        """"he"/"she" as the document pass resolved it; "it" the last body named."""
        if norm in ("he", "she"):
            return self.refs.person_at(offset)
        if norm == "it":
            return self._body_that_spoke(offset) or self._last_body_before(offset)
        return self._last_person_before(offset)

    def _body_that_spoke(self, offset: int) -> str | None:
        """"The authority said A. It said B.": the body credited in this sentence or the
        one before, not a name inside what it said."""
        i = bisect_left(self._bodies_spoke, (offset, "")) - 1
        if i < 0:
            return None
        start, actor = self._bodies_spoke[i]
        if self.sentence_at(offset) - self.sentence_at(start) > 1:
            return None
        return actor if actor not in self.refs.genders else None

    def _last_body_before(self, offset: int) -> str | None:
        """"It said": the last actor named outside quotations that is not a known person."""
        i = bisect_right(self.mention_starts, offset) - 1
        for mention in reversed(self.actors.mentions[max(i - 30, 0) : i + 1]):
            if inside(self.quote_spans, mention.start) or mention.end > offset:
                continue
            if mention.actor not in self.refs.genders and mention.actor not in self.refs.principals:
                return mention.actor
        return None

    def _body_named(self, norms: Sequence[str], offset: int) -> str | None:
        """"the ministry", "Police", "a police spokeswoman": the last body whose name has
        that noun ("Ministry of Health of Pellaria"); "the company": the last firm named."""
        nouns = [n for n in norms if n in BODY_NOUNS]
        if not nouns or len(norms) > 4:
            return None
        noun = nouns[-1]
        if noun in ANY_BODY:
            subject = (
                self._sentence_subject(offset)
                or self._body_that_spoke(offset)
                or self._previous_opening_body(offset)
            )
            if subject is not None:
                return subject
        i = bisect_right(self.mention_starts, offset) - 1
        for mention in reversed(self.actors.mentions[max(i - 40, 0) : i + 1]):
            if mention.end > offset or inside(self.quote_spans, mention.start):
                continue
            if mention.actor in self.refs.genders:
                continue  # a person ("he", "Mrs"): speakers of kind name become "person"
            words = mention.actor.lower().split()
            if noun in words or BODY_SYNONYMS.get(noun) in words:
                return mention.actor
            kind = self.actors.kinds.get(mention.actor)
            # a name first written without a title may be a body; one with a title never is
            generic = noun in ANY_BODY and kind not in PLACES and mention.kind != "person"
            generic = generic and not self._placed(mention)
            if generic and len(words) > 1:
                return mention.actor
        return None

    def _described_body(self, noun: str, offset: int) -> str | None:
        """"the board" after "the provincial health board": a body the text describes
        without naming it, by the last fuller description with the same noun before
        ``offset`` and outside quotations (without its article)."""
        pattern = re.compile(rf"\b[Tt]he ((?:[^\W\d_][\w'’-]* ){{1,3}}{re.escape(noun)})\b")
        found = [m for m in pattern.finditer(self.doc.text, max(0, offset - 3000), offset)
                 if not inside(self.quote_spans, m.start())]
        return found[-1].group(1) if found else None

    def _sentence_subject(self, offset: int) -> str | None:
        """"Budget carrier Skyvane will close ..., the company said": a name among the
        sentence's first three words, before ``offset``, that no pronoun or title made a
        person, is the body a firm's noun later in the sentence stands for."""
        sentence = self.doc.sentences[self.sentence_at(offset)]
        opening = sentence.tokens[min(3, len(sentence.tokens) - 1)].start
        i = bisect_left(self.mention_starts, sentence.start)
        if i >= len(self.actors.mentions):
            return None
        mention = self.actors.mentions[i]
        if mention.start > opening or mention.end > offset or mention.kind == "person":
            return None
        if self.actors.kinds.get(mention.actor) != "name" or mention.actor in self.refs.genders:
            return None
        return mention.actor

    def _previous_opening_body(self, offset: int) -> str | None:
        """"Pallister Foods agreed to buy Crumb & Co. The group said ...": the body the
        sentence before opened with (its subject), not the last one it named."""
        index = self.sentence_at(offset)
        if index == 0:
            return None
        sentence = self.doc.sentences[index - 1]
        if sentence.paragraph != self.doc.sentences[index].paragraph or not sentence.tokens:
            return None
        opening = sentence.tokens[min(3, len(sentence.tokens) - 1)].start
        i = bisect_left(self.mention_starts, sentence.start)
        if i >= len(self.actors.mentions):
            return None
        mention = self.actors.mentions[i]
        if mention.start > opening or mention.kind == "person" or self._placed(mention):
            return None  # "Crews worked in Ornby Vale": a place, not the sentence's subject
        if inside(self.quote_spans, mention.start):
            return None  # a name inside a quotation never speaks
        if self.actors.kinds.get(mention.actor) not in ("name", "institution"):
            return None
        return None if mention.actor in self.refs.genders else mention.actor

    def _grants_anonymity(self, offset: int) -> bool:
        """Whether the sentence says its source is unnamed; read once per sentence."""
        index = self.sentence_at(offset)
        if index not in self._anonymity:
            text = self.doc.sentences[index].text.lower()
            self._anonymity[index] = any(phrase in text for phrase in ANONYMITY)
        return self._anonymity[index]

    def _last_side_before(self, offset: int) -> str | None:
        """The country or body of the last office holder named before ``offset``."""
        i = bisect_right(self.mention_starts, offset) - 1
        for mention in reversed(self.actors.mentions[max(i - 30, 0) : i + 1]):
            side = self.actors.affiliation.get(mention.actor)
            if self.actors.kinds.get(mention.actor) == "person" and side:
                return side
        return None
