"""What a speaker phrase names: a person, a role, a pronoun's referent, a body, or an
unnamed source, and how it is written ("Her manager" for the singer, "the utility" for
the firm that just spoke, "a Nordhaven spokeswoman" for Nordhaven).

:class:`SpeakerPhrases` turns a span of words before or after a speech verb into a
:class:`~framing.voices.speaker_words.Speaker`.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Sequence
from dataclasses import replace

from framing.records import ActorMention, Token
from framing.voices.coreference import AIDES
from framing.voices.mention_lookup import MentionLookup
from framing.voices.phrases import critics, document_link, possessed_relative
from framing.voices.reported import FINDING_NOUNS
from framing.voices.speaker_words import (
    ANONYMOUS,
    ANONYMOUS_HEADS,
    BODIES,
    BODY_NOUNS,
    DESCRIPTION,
    DESCRIPTION_HEADS,
    DESCRIPTION_LINKS,
    GROUP_LINKS,
    NAMED,
    PLACE_NOUNS,
    POSSESSIVE_PRONOUNS,
    PRONOUNS,
    SPOKES_HEADS,
    Speaker,
    group_noun,
)


class SpeakerPhrases(MentionLookup):
    """Speaker phrases resolved to actors, over the mention lookups."""

    vocabulary_titles: frozenset[tuple[str, ...]]
    #: word → earlier speaker phrases holding it, for "the people" after "people familiar"
    _descriptions: dict[str, list[tuple[int, list[str], Speaker]]]

    def _phrase(
        self, tokens: Sequence[Token], start: int, end: int, verb: str, verb_class: str
    ) -> Speaker | None:
        if start >= end:
            return None
        first, last = tokens[start], tokens[end - 1]
        text = self.doc.text[first.start : last.end]
        norms = [t.norm for t in tokens[start:end]]
        actor, name = self._resolve(first.start, last.end, norms)
        if actor is None and norms[-1] in PRONOUNS:
            return Speaker(None, None, verb, verb_class)
        if actor is None and not any(t.text[:1].isalpha() for t in tokens[start:end]):
            return None
        if actor is None:
            earlier = self._described_before(norms, first.start)
            if earlier is not None:
                return replace(earlier, verb=verb, verb_class=verb_class)
        kind = self._speaker_kind(actor, name, norms, first)
        if kind == ANONYMOUS:
            name = text
        speaker = Speaker(name or text, actor, verb, verb_class, kind)
        if actor is not None and kind == NAMED and actor not in self._titled:
            insort(self._bodies_spoke, (first.start, actor))
        for word in set(norms):
            self._descriptions.setdefault(word, []).append((first.start, norms, speaker))
        return speaker

    def _described_before(self, norms: list[str], offset: int) -> Speaker | None:
        """"the people", "one of the people", "the same association": a speaker described
        earlier with that noun ("people familiar with the talks")."""
        if len(norms) > 5 or "the" not in norms or not norms[-1].isalpha():
            return None
        for start, words, speaker in reversed(self._descriptions.get(norms[-1], [])[-3:]):
            if start < offset and words != norms:
                return speaker
        return None

    def _speaker_kind(
        self, actor: str | None, name: str | None, norms: list[str], first: Token
    ) -> str:
        person = actor is not None and self.actors.kinds.get(actor) == "person"
        if person and name == actor:
            return NAMED
        if any(n in ANONYMOUS_HEADS for n in norms) or self._grants_anonymity(first.start):
            return ANONYMOUS
        if actor is not None and name != actor and (norms[-1] in AIDES or _group(norms)):
            # "Pellow's agent", "workers from Tesco": unnamed, speaking for Pellow, Tesco
            return DESCRIPTION
        if actor is not None and (name == actor or not self._describes_someone(norms)):
            return NAMED
        return DESCRIPTION

    def _resolve(self, start: int, end: int, norms: list[str]) -> tuple[str | None, str | None]:
        """(actor, display name) of a speaker phrase: a person, a role, a pronoun, a body."""
        inside = self._mentions_in(start, end)
        described = self._described(inside, norms, start, end)
        if described is not None:
            return described
        people = [m for m in inside if self.actors.kinds.get(m.actor) in ("person", "name")]
        if people and self._name_modifies_role(people[-1], norms, end):
            # "the former Love Lagoon contestant": a person just named, by a role
            return self._last_person_before(start), self.doc.text[start:end]
        if people:
            return self._named(people, norms, start, end)
        for mention in inside:
            person = self.actors.roles.get((mention.actor, norms[-1]))
            if person is not None:
                return person, person
        return self._unnamed(inside, norms, start, end)

    def _described(
        self, inside: list[ActorMention], norms: list[str], start: int, end: int
    ) -> tuple[str | None, str | None] | None:
        """Descriptions whose head is not the name inside: "critics of the plan", "a note
        from Fenwick Partners", "a Nordhaven spokeswoman", "a spokeswoman for Halden Foods"."""
        text = self.doc.text[start:end]
        if critics(norms) or possessed_relative(norms):
            return None, text  # "critics of the plan", "Bella's sister": speakers of their own
        if document_link(norms) is not None:
            # "a note from Fenwick Partners": the body that wrote it speaks
            body = inside[-1].actor if inside else None
            return (body, body) if body is not None else (None, text)
        if inside and norms[-1] in SPOKES_HEADS and inside[-1].end < end:
            return inside[-1].actor, text  # "a Nordhaven spokeswoman": speaks for the body
        link = next((i for i, n in enumerate(norms) if n in DESCRIPTION_LINKS), None)
        if link is not None and link > 0 and norms[link - 1] in DESCRIPTION_HEADS:
            # "a spokeswoman for Halden Foods": the body is whom the person speaks for
            body = inside[-1].actor if inside else self._body_named(norms[link + 1 :], start)
            return body, text
        if link == 1 and _group(norms):
            # "prosecutors in Halsey": a group where it is speaks for itself; "workers
            # from Tesco" for the body
            placed = norms[1] in ("in", "near") or not PLACE_NOUNS.isdisjoint(norms)
            body = inside[-1].actor if inside and not placed else None
            return body, text
        return None

    def _named(
        self, people: list[ActorMention], norms: list[str], start: int, end: int
    ) -> tuple[str | None, str | None]:
        """A phrase that names a person: the person, or whom an owned body speaks for."""
        known = [m for m in people if self.actors.kinds.get(m.actor) == "person"]
        person = (known or people)[-1].actor
        if len(people) > 1 and self.doc.text[people[0].end : people[1].start] == " of ":
            person = people[0].actor  # "Jane Roe of Acme": the person, then the firm
        self.actors.kinds[person] = "person"
        owned = self.doc.text.startswith(("'s ", "’s "), people[-1].end)
        if owned and (norms[-1] in BODY_NOUNS or norms[-1] in BODIES or norms[-1] in AIDES):
            # "Drax's office", "Pellow's agent": speaks for Drax, Pellow
            return person, self.doc.text[start:end]
        if len(people) > 1 and self._owner_then_role(people[-2], people[-1]):
            person = people[-1].actor  # "Dot's son Kieran": the son speaks
        return person, person

    def _unnamed(
        self, inside: list[ActorMention], norms: list[str], start: int, end: int
    ) -> tuple[str | None, str | None]:
        """A phrase that names no person: a pronoun, a role, a description, a body."""
        text = self.doc.text[start:end]
        if len(norms) == 2 and norms[0] == "the" and _one_of_a_people(inside, norms):
            # "the Swede told reporters": a person of that country, the one just named
            return self._person_near(start), text
        if len(norms) == 1 and norms[0] in PRONOUNS:
            person = self._pronoun(norms[0], start)
            return person, person
        if not inside and "year-old" in norms:
            person = self._last_person_before(start)
            return person, person
        if not inside and self._definite_description(norms):
            # "the world number six", "the utility": someone just named, by what they are
            body = self._body_that_spoke(start) if not self._describes_someone(norms) else None
            return body or self._last_person_before(start), text
        if not inside and len(norms) == 2 and norms[0] == "the" and self._role(norms[1]):
            # "the striker said": the person just named, unless the text gave the role a name
            return self.actors.role_nouns.get(norms[1]) or self._person_near(start), text
        if len(norms) == 2 and norms[0] in POSSESSIVE_PRONOUNS and norms[1].isalpha():
            return self._possessed(norms, start, text)
        owner = self._finding_owner(norms)
        if not inside and owner is not None:
            # "the lender's weekly survey": the body that made it speaks
            body = self._body_named([owner], start)
            return body, text if body else self._described_body(owner, start) or text
        if not inside:
            body = self._body_named(norms, start)
            if body is not None:
                return body, text
            if len(norms) == 2 and norms[0] == "the" and norms[1] in BODY_NOUNS:
                return None, self._described_body(norms[1], start) or text
        if inside and not self._describes_someone(norms):
            return inside[-1].actor, inside[-1].text
        return (inside[-1].actor if inside else None), text

    def _possessed(self, norms: list[str], start: int, text: str) -> tuple[str | None, str | None]:
        """"his government" (the last office holder's side), "her manager", "its authors"."""
        if norms[1] not in BODIES:
            return self._possessed_role(norms, start), text
        side = self._last_side_before(start)
        if side is not None:
            return side, side
        return self.refs.person_at(start), text

    def _owner_then_role(self, owner: ActorMention, named: ActorMention) -> bool:
        """"Dot's son Kieran": a possessive name, lowercase words, then the name they own."""
        between = self.doc.text[owner.end : named.start].split()
        return (
            len(between) >= 2
            and between[0] in ("'s", "’s")
            and all(w.isalpha() and w.islower() for w in between[1:])
        )

    def _possessed_role(self, norms: list[str], offset: int) -> str | None:
        """"his lawyer" when the text names one lawyer ("His lawyer, Anja Ruud"), before or
        after; else whom the possessive means ("Her manager" → the singer, "Its authors"
        → the institute): the side they speak for."""
        aides = self.refs.aides.get(norms[1], [])
        if len(aides) == 1:
            return aides[0]
        return self._pronoun("it" if norms[0] in ("its", "their") else "he", offset)

    def _definite_description(self, norms: list[str]) -> bool:
        """"the world number six", "the utility": "the" and a few lowercase words that
        name no body, no unnamed source, no role the text gave a name and no group ("the
        librarians there")."""
        return (
            2 <= len(norms) <= 5
            and norms[0] == "the"
            and all(n.isalnum() for n in norms)
            and BODY_NOUNS.isdisjoint(norms)
            and norms[-1] not in DESCRIPTION_HEADS
            and norms[-1] not in self.actors.role_nouns
            and not critics(norms)
            and not any(n.endswith("s") and not n.endswith("ss") for n in norms[1:])
        )

    def _name_modifies_role(self, mention: ActorMention, norms: list[str], end: int) -> bool:
        """"the former Love Lagoon contestant": the name is not the head, a role noun is."""
        if norms[0] != "the" or mention.end >= end:
            return False
        tail = self.doc.text[mention.end : end].split()
        return (
            len(tail) == 1
            and tail[0].isalpha()
            and tail[0].islower()
            and tail[0] not in BODY_NOUNS
            and tail[0] not in DESCRIPTION_HEADS
        )

    @staticmethod
    def _finding_owner(norms: list[str]) -> str | None:
        """"the trust's quarterly index": the possessor's noun, when a finding is owned."""
        if norms[-1] not in FINDING_NOUNS:
            return None
        owned = [n[:-2] for n in norms if n.endswith(("'s", "’s"))]
        return owned[-1] if owned and owned[-1] in BODY_NOUNS else None

    def _role(self, noun: str) -> bool:
        """"striker", "chef": a person's role; "team", "council" are bodies."""
        return (noun,) in self.vocabulary_titles and noun not in BODY_NOUNS

    def _describes_someone(self, norms: list[str]) -> bool:
        """ "a White House spokesperson", "the Iranian foreign minister": a person by role."""
        return any((norm,) in self.vocabulary_titles for norm in norms)


def _group(norms: list[str]) -> bool:
    """"prosecutors in Halsey", "workers from Tesco": a plural noun, then where it is."""
    return len(norms) > 2 and group_noun(norms[0]) and norms[1] in GROUP_LINKS


def _one_of_a_people(inside: list[ActorMention], norms: list[str]) -> bool:
    """"the Swede", "the Albanian": one person of a people, not the country (a plural,
    "the Swedes", is the people)."""
    return (
        len(inside) == 1
        and inside[0].kind == "demonym"
        and not norms[-1].endswith("s")
    )
