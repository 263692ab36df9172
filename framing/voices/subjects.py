"""The subject of a speech verb, read leftwards from it: "Biden also said", "Edna Farrow,
79, of Quarry Lane, branded", "City thanked Varga ... and said", "X hit out at the
referee, calling it ...", or the person a clause opens with.

:class:`SubjectFinder` finds the span; :class:`~framing.voices.speaker_phrases.SpeakerPhrases`
resolves it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from framing.records import Token
from framing.voices.coreference import inside
from framing.voices.phrases import ASIDE_OPENERS
from framing.voices.speaker_phrases import SpeakerPhrases
from framing.voices.speaker_words import (
    AUXILIARIES,
    BODY_KINDS,
    DESCRIPTION_HEADS,
    DESCRIPTION_LINKS,
    GROUP_LINKS,
    MAX_SPEAKER_WORDS,
    NAMED,
    PHRASE_BREAKS,
    PLACE_ASIDES,
    PLACE_NOUNS,
    PLACES,
    PRONOUNS,
    SUBORDINATORS,
    WEEKDAYS,
    Speaker,
    group_noun,
    looks_finite,
    verb_text,
)

#: How many tokens after a coordinated subject its own verb is looked for.
CLAUSE_REACH = 20
#: A name right after these is no subject of a first clause ("Speaking about Ana Ruiz,");
#: after a conjunction that opens a clause of its own it can be ("shortly after Trump had
#: tried to ... by tweeting").
NOT_SUBJECTS = PHRASE_BREAKS - frozenset(
    "which while after before because since though although".split()
)


class SubjectFinder(SpeakerPhrases):
    """Subjects of speech verbs, over the speaker phrases."""

    def _subject(
        self, tokens: Sequence[Token], verb_at: int, verb: tuple[str, str]
    ) -> Speaker | None:
        end = self._subject_end(tokens, verb_at)
        if end > 0 and tokens[end - 1].norm in PRONOUNS:
            # "in a post on social media he wrote": the pronoun is the whole subject
            return self._phrase(tokens, end - 1, end, *verb_text(tokens[verb_at], verb))
        if end > 1 and tokens[end - 1].norm == "who":
            # "..., who wrote the bill, accused": an aside about someone; "who told investors
            # that ..." or a quotation straight after: what the person said
            told = [t.norm for t in tokens[verb_at + 1 : verb_at + 6]]
            if "that" not in told and len(told) == 5:
                return None
            return self._relative_antecedent(tokens, end - 1, tokens[verb_at], verb)
        start = self._subject_start(tokens, end)
        joined = tokens[end - 1].norm in ("and", "but") or (
            tokens[verb_at].norm.endswith("ing") and tokens[end - 1].norm in SUBORDINATORS
        )
        if start == end and end > 1 and joined:
            # "Whitby praised her ... but said ...": the first clause's subject
            return self._coordinated_subject(tokens, end - 1, tokens[verb_at], verb)
        if start == end:
            return None
        return self._phrase(tokens, start, end, *verb_text(tokens[verb_at], verb))

    def _relative_antecedent(
        self, tokens: Sequence[Token], who: int, verb_token: Token, verb: tuple[str, str]
    ) -> Speaker | None:
        """"It was Feliks Dorran, chief executive of Omniplex, who told investors ...": the
        person "who" stands for, right before it or before an aside about them."""
        end = who
        if tokens[end - 1].norm == ",":
            end = self._before_aside(tokens, end - 1)
        if end < 1 or not self._ends_person(tokens[end - 1]):
            return None
        mention = self.actors.mentions[bisect_right(self.mention_starts, tokens[end - 1].start) - 1]
        return Speaker(mention.actor, mention.actor, verb_token.text, verb[1], NAMED)

    def _subject_end(self, tokens: Sequence[Token], verb_at: int) -> int:
        """Where the subject ends, before "also", asides (", 72, who lives next door,")
        and "on Tuesday"."""
        end = verb_at
        while end > 0 and (
            tokens[end - 1].norm in AUXILIARIES or tokens[end - 1].norm.endswith("ly")
        ):
            end -= 1
        if end > 0 and tokens[end - 1].norm == ",":
            comma = end - 1
            for _ in range(3):  # ", 72, who lives next door,": one aside after another
                opening = self._before_aside(tokens, comma)
                if opening == comma:
                    break
                comma = opening
            end = comma
        if end > 2 and tokens[end - 1].norm in WEEKDAYS and tokens[end - 2].norm == "on":
            end -= 2  # "A report published by the institute on Tuesday found"
        return end

    def _subject_start(self, tokens: Sequence[Token], end: int) -> int:
        """Where the subject starts, reading leftwards to a break: "a spokeswoman for the
        ministry", "Trader Lucy Fenn of Castell Securities", "the 34-year-old"."""
        start = end
        while start > 0 and end - start < MAX_SPEAKER_WORDS:
            norm = tokens[start - 1].norm
            linked = (
                norm in DESCRIPTION_LINKS
                and start > 1
                and (
                    tokens[start - 2].norm in DESCRIPTION_HEADS
                    or self._in_mention(tokens[start - 1])
                )
            ) or norm == "of" and start > 1 and self._ends_person(tokens[start - 2])
            if norm == "-" and start > 1 and tokens[start].norm == "year-old":
                start -= 2  # "the 34-year-old"
                continue
            linked = linked or norm == "and" and self._inside_body_name(tokens, start - 1)
            breaks = norm in PHRASE_BREAKS and not linked or not norm[:1].isalnum()
            # the apostrophe of "the Farmers' Union" is inside the name
            if breaks and not (norm == "'" and self._in_mention(tokens[start - 1])):
                break
            start -= 1
        return _group_with_place(tokens, start) if start < end else start

    def _before_aside(self, tokens: Sequence[Token], comma: int) -> int:
        """Skips back over ", who leads the clinic," or ", 58,"; stops after ", Ilse Novak,"."""
        opening = next(
            (k for k in range(comma - 1, max(comma - 20, -1), -1) if tokens[k].norm == ","), None
        )
        if opening is None or opening == 0:
            return comma
        if tokens[opening + 1].norm in ASIDE_OPENERS:
            return opening  # ", led by councillor Ann Bly,": the subject is before it
        if tokens[opening + 1].norm in PLACE_ASIDES:
            return opening  # "Edna Farrow, 79, of Quarry Lane,": where the subject lives
        if self._ends_person(tokens[opening - 1]) and _describes_role(tokens, opening + 1, comma):
            return opening  # "Mara Quint, the chief executive of Dovecote Foods,": she speaks
        inside = self._mentions_in(tokens[opening + 1].start, tokens[comma - 1].end)
        kinds = {self.actors.kinds.get(m.actor) for m in inside}
        if kinds & {"person", "name"}:
            return comma
        if kinds & set(BODY_KINDS) and not any(
            t.norm in DESCRIPTION_HEADS for t in tokens[max(opening - 6, 0) : opening]
        ):
            return comma  # "Their employer, the Halden Broadcasting Company,": the body speaks
        return opening  # ", who leads the clinic,"; "a spokesman for the label, Greyline Records,"

    def _coordinated_subject(
        self, tokens: Sequence[Token], conjunction: int, verb_token: Token, verb: tuple[str, str]
    ) -> Speaker | None:
        """"City thanked Varga ... and said ...": the first actor named, not after a
        preposition and outside any quotation, is the subject of both verbs."""
        # Indices into the document's mentions, not a slice of them: a copy per "and"
        # grew with the sentence (a long line without full stops was quadratic).
        first = bisect_right(self.mention_starts, tokens[0].start - 1)
        last = bisect_left(self.mention_starts, tokens[conjunction].start, lo=first)
        mentions = self.actors.mentions
        if tokens[0].norm in ("he", "she") and self._acts(tokens, tokens[0].end, conjunction):
            # "She said A, and warned that B": the pronoun opening the first clause
            person = self._pronoun(tokens[0].norm, tokens[0].start)
            return Speaker(person, person, verb_token.text, verb[1], NAMED if person else None)
        for k in range(first, last):
            mention = mentions[k]
            # long enough to hold the longest word before a name ("although") and a space
            before = self.doc.text[max(mention.start - 10, 0) : mention.start].split()
            if inside(self.quote_spans, mention.start) or before and before[-1] in NOT_SUBJECTS:
                continue
            if k + 1 < last and self.doc.text.startswith(("'s", "’s"), mention.end):
                continue  # "Ravel's lawyer, Hanne Brookes, said ... and called": the lawyer
            following = mentions[k + 1] if k + 1 < last else None
            if following is not None and self._modifies(mention, following):
                mention = following  # "Reality TV hunk Dex Marlow": the person is the head
            if self.actors.kinds.get(mention.actor) in PLACES:
                return None
            if not self._acts(tokens, mention.end, conjunction):
                return None  # "advocate and state chair": no first clause, no subject
            return Speaker(mention.actor, mention.actor, verb_token.text, verb[1], NAMED)
        return None

    @staticmethod
    def _acts(tokens: Sequence[Token], after: int, conjunction: int) -> bool:
        """Whether a finite verb follows the subject (ending at offset ``after``) within
        a clause's reach before the conjunction: "City thanked ...". A bounded look, so a
        sentence with thousands of "and"s stays linear."""
        start = bisect_left(tokens, after, hi=conjunction, key=_start)
        return any(looks_finite(t) for t in tokens[start : min(conjunction, start + CLAUSE_REACH)])

    def _clause_subject(
        self, tokens: Sequence[Token], comma: int, verb_token: Token, verb: tuple[str, str]
    ) -> Speaker | None:
        """"X hit out at the referee, calling it ...": the speaker is the clause's subject."""
        mentions = self._mentions_in(tokens[0].start, tokens[comma].start) if comma else []
        people = [m for m in mentions if self.actors.kinds.get(m.actor) in ("person", "name")]
        if not people:
            return None
        known = [m for m in people if self.actors.kinds.get(m.actor) == "person"]
        first = (known or people)[0]
        following = [m for m in people if m.start > first.end]
        if following and self._modifies(first, following[0]):
            first = following[0]  # "Shamed TV presenter Gavin Trout": the person is the head
        person = first.actor
        return Speaker(person, person, verb_token.text, verb[1], NAMED)

    def _subject_of(self, start: int, end: int) -> Speaker | None:
        """The person a clause opens with: its first mention, if it is a person's and
        comes before any lowercase word but a title or a possessive."""
        mentions = [
            m for m in self._mentions_in(start, end) if not inside(self.quote_spans, m.start)
        ]
        if not mentions:
            return None
        mention = mentions[0]
        if len(mentions) > 1 and self.doc.text.startswith(("'s", "’s"), mention.end):
            mention = mentions[1]  # "Harlow's general counsel, Omar Reddy,": the owner's person
        lead = self.doc.text[start : mention.start].lower().split()
        if len(lead) > 6 or any(w in PHRASE_BREAKS for w in lead):
            return None  # "After meeting Ann Lee, the board ...": not the clause's subject
        if self.actors.kinds.get(mention.actor) not in ("person", "name"):
            return None
        if len(mentions) > 1 and self._modifies(mention, mentions[1]):
            mention = mentions[1]
        return Speaker(mention.actor, mention.actor, None, None, NAMED)


def _describes_role(tokens: Sequence[Token], start: int, end: int) -> bool:
    """An aside that describes the person before it: "the chief executive of ...", "a
    former nurse", "the Dovecote Foods boss" (a lowercase word, an article included), not
    a name ("Ilse Novak")."""
    return any(t.text[:1].islower() and t.text[:1].isalpha() for t in tokens[start:end])


def _group_with_place(tokens: Sequence[Token], start: int) -> int:
    """"Prosecutors in Castlemere said", "Residents of the hamlet of Brisk said": a subject
    that stopped at a name after "in" or "of" starts at the group before it, when a plural
    noun opens the clause there (over "the village of" places between)."""
    at = start
    for _ in range(3):
        if at < 2 or tokens[at - 1].norm not in GROUP_LINKS:
            return start
        head = at - 2
        if group_noun(tokens[head].norm) and (
            head == 0 or not tokens[head - 1].norm[:1].isalnum()
        ):
            return head
        if tokens[head].norm not in PLACE_NOUNS:
            return start
        # "the neutral city of": the place's own noun phrase, back to its article
        while head > 0 and tokens[head - 1].text.islower() and tokens[head - 1].norm.isalpha() \
                and tokens[head - 1].norm not in GROUP_LINKS and at - head < 5:
            head -= 1
        at = head
    return start


def _start(token: Token) -> int:
    return token.start
