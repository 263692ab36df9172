"""Who said it, and with which verb: speakers and attribution verbs for quotations.

Direct quotations (found once per document by :func:`framing.tokenize.tokenize`) get
their speaker from the shapes news writing uses: ``"...," X said`` / ``"...," fumed
lifelong fan X``, ``X said "..."``, ``X blasted Y as "..."``, ``according to X, "..."``,
``X told reporters "..."``, ``Y was branded "..." by X``; an unattributed quotation right
after an attributed one in the same or the next paragraph continues it (never across a
quotation with a speaker of its own). Sentences without quotation marks give indirect
quotes: ``X said (that) ...``. Every verb gets its stance class from
:mod:`framing.voices.verbs`: neutral, doubt-casting or endorsing.

Speakers are names, or descriptions when there is no name ("a spokeswoman for the
ministry"); unnamed sources ("sources", "one insider", "officials said") are
``anonymous``. "His government" is the side of the last office holder named. Quotations
in a headline are listed with kind ``headline`` and no speaker. A short quotation (four
words or fewer) is the author's scare quote when no speaker is found for it and it is
not a sentence of its own; "so-called" before it always makes it one.

>>> from framing.tokenize import tokenize
>>> from framing.voices.actors import find_actors
>>> from framing.voices.verbs import speech_verbs
>>> doc = tokenize('"We are ready," Moscow said. The US has claimed that troops massed.')
>>> quotes = attribute_quotes(doc, doc.quotes, find_actors(doc), speech_verbs())
>>> [(q.kind, q.speaker, q.verb, q.verb_class) for q in quotes]
[('direct', 'Moscow', 'said', 'neutral'), ('indirect', 'US', 'claimed', 'doubt-casting')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass, replace

from framing.records import HEADLINE, ActorMention, Quote, Sentence, Token
from framing.tokenize import Document
from framing.voices.actors import ActorLayer, builtin_vocabulary, looks_like_headline
from framing.voices.coreference import PLACE_PREPOSITIONS, inside, references
from framing.voices.phrases import (
    ASIDE_OPENERS,
    CRITIC_HEADS,
    critics,
    document_link,
    earlier_description,
    possessed_relative,
)
from framing.voices.quotations import with_single_quotations
from framing.voices.reported import FINDING_NOUNS, PASSIVE, Report, ReportFinder
from framing.voices.verbs import SpeechVerbs

DIRECT, PARTIAL, SCARE, INDIRECT = "direct", "partial", "scare", "indirect"
NAMED, DESCRIPTION, ANONYMOUS = "named", "description", "anonymous"
SCARE_QUOTE_MAX_WORDS = 4
# Words between a speaker and the verb that belong to neither: "Biden also said".
AUXILIARIES = frozenset(
    """has have had is was were are be been also then later again once would will already
    further repeatedly earlier""".split()
)
# Where a speaker phrase cannot extend past, reading leftwards from the verb.
PHRASE_BREAKS = frozenset(
    """that which who whom when while after before and but or if because as since though
    although to with for in on at by from of about than yet""".split()
)
# A next sentence in these tenses may carry on reported content; these open a new turn.
BACKSHIFT = frozenset(["would", "had", "could"])
CONTRASTS = frozenset(["but", "however", "yet", "still", "meanwhile", "i", "we"])
FIRST_PERSON = frozenset(["i", "we", "my", "our", "us", "me", "you"])
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
# An aside that opens with these says where the subject is from.
PLACE_ASIDES = frozenset(["of", "from"])
# "... just days after insisting he was ...": the participle's subject is the clause's.
SUBORDINATORS = frozenset(["after", "before", "while", "since", "when", "by"])
IRREGULAR_PAST = frozenset(["said", "told", "wrote", "spoke", "put"])
# How far from a quotation its speaker and verb are looked for, in tokens.
WINDOW = 60


@dataclass(frozen=True)
class _Speaker:
    text: str | None  # None: "she said" with no one to be "she"; the verb still counts
    actor: str | None
    verb: str | None
    verb_class: str | None
    kind: str | None = None


def attribute_quotes(
    doc: Document, quotes: Sequence[Quote], actors: ActorLayer, verbs: SpeechVerbs
) -> list[Quote]:
    """Direct quotes with speakers and kinds, plus indirect quotes, in text order."""
    quotes = with_single_quotations(doc, quotes)
    finder = _Attributor(doc, actors, verbs, quotes)
    direct = finder.direct(_outermost(quotes))
    indirect = finder.indirect({i for q in direct for i in finder.sentences_of(q)})
    return earlier_description(sorted(direct + indirect, key=lambda q: q.start))


class _Attributor:
    def __init__(
        self, doc: Document, actors: ActorLayer, verbs: SpeechVerbs, quotes: Sequence[Quote]
    ) -> None:
        self.vocabulary_titles = builtin_vocabulary().titles
        self.doc = doc
        self.actors = actors
        self.verbs = verbs
        self.starts = [s.start for s in doc.sentences]
        self.mention_starts = [m.start for m in actors.mentions]
        self._layouts: dict[int, _Layout] = {}
        self.headlines = headline_sentences(doc)
        self._anonymity: dict[int, bool] = {}
        self.refs = references(doc, actors, quotes)
        self.quote_spans = self.refs.quote_spans
        #: word → earlier speaker phrases holding it, for "the people" after "people familiar"
        self._descriptions: dict[str, list[tuple[int, list[str], _Speaker]]] = {}
        #: (where, actor) of each body that spoke, for the "it" of a next sentence
        self._bodies_spoke: list[tuple[int, str]] = []
        #: actors written with a title or role somewhere ("Mr", "actress"): people, never "it"
        self._titled = {m.actor for m in actors.mentions if m.kind == "person"}

    def layout(self, sentence: Sentence) -> _Layout:
        """Per-sentence lookups, built once, so many quotes in one sentence stay linear."""
        if sentence.index not in self._layouts:
            self._layouts[sentence.index] = _Layout.of(sentence)
        return self._layouts[sentence.index]

    def sentence_at(self, offset: int) -> int:
        return max(bisect_right(self.starts, offset) - 1, 0)

    def sentences_of(self, quote: Quote) -> range:
        return range(
            self.sentence_at(quote.start), self.sentence_at(max(quote.end - 1, quote.start)) + 1
        )

    # --- direct quotations -------------------------------------------------------

    def direct(self, quotes: Sequence[Quote]) -> list[Quote]:
        found: list[Quote] = []
        for quote in quotes:
            first = self.doc.sentences[self.sentence_at(quote.start)]
            last = self.doc.sentences[self.sentence_at(max(quote.end - 1, quote.start))]
            if first.index in self.headlines:
                found.append(replace(quote, kind=HEADLINE))
                continue
            if self._so_called(quote, first):
                found.append(replace(quote, kind=SCARE))
                continue
            speaker = self._speaker_around(quote, first, last) or self._after_colon(quote, first)
            kind = self._kind(quote, first, speaker)
            if speaker is None:
                speaker = self._continued(quote, found, first)
                if speaker is not None and _mid_sentence(quote, first):
                    kind = PARTIAL
                elif speaker is None and kind != DIRECT:
                    kind = SCARE
                elif speaker is None:
                    speaker = self._previous_subject(quote, first)
            found.append(_with_speaker(quote, kind, speaker))
        return found

    def _after_colon(self, quote: Quote, sentence: Sentence) -> _Speaker | None:
        """"Another reader, Joan Pike, was kinder: '...'": the person the clause before the
        colon is about."""
        before = self.layout(sentence).before(quote.start)
        if not before or before[-1].norm != ":":
            return None
        return self._subject_of(before[0].start, before[-1].start)

    def _previous_subject(self, quote: Quote, sentence: Sentence) -> _Speaker | None:
        """A quotation that is a sentence of its own, with no cue, after a sentence about a
        person ("Her counsel, Omar Reddy, did not mince words.") is that person's."""
        if sentence.index == 0 or not self.layout(sentence).whole(quote):
            return None
        previous = self.doc.sentences[sentence.index - 1]
        if previous.paragraph != sentence.paragraph or self._quoted_between(previous):
            return None
        return self._subject_of(previous.start, previous.end)

    def _quoted_between(self, sentence: Sentence) -> bool:
        starts, ends = self.quote_spans
        i = bisect_left(ends, sentence.start + 1)
        return i < len(starts) and starts[i] < sentence.end

    def _subject_of(self, start: int, end: int) -> _Speaker | None:
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
        return _Speaker(mention.actor, mention.actor, None, None, NAMED)

    def _so_called(self, quote: Quote, sentence: Sentence) -> bool:
        before = self.layout(sentence).before(quote.start, 2)
        return any(t.norm in ("so-called", "called") for t in before) and (
            before[-1].norm == "so-called" or [t.norm for t in before] == ["so", "called"]
        )

    def _speaker_around(self, quote: Quote, first: Sentence, last: Sentence) -> _Speaker | None:
        before = self.layout(first).before(quote.start)
        after = self.layout(last).after(quote.end)
        opens_sentence = not self.layout(first).words_before(quote.start)
        order = (self._after, self._before) if opens_sentence else (self._before, self._after)
        sides = (after, before) if opens_sentence else (before, after)
        for look, tokens in zip(order, sides, strict=True):
            speaker = look(_until_quote_mark(tokens, reverse=look == self._before))
            if speaker is not None:
                return speaker
        return self._agent(_until_quote_mark(after, reverse=False), before)

    def _agent(self, after: list[Token], before: list[Token]) -> _Speaker | None:
        """``Y was branded "..." by X``: the agent of a passive speech verb."""
        norms = [t.norm for t in before]
        verb_at = next(
            (i for i in range(len(norms) - 1, 0, -1) if self.verbs.get(norms[i])), None
        )
        if verb_at is None or norms[verb_at - 1] not in PASSIVE:
            return None
        words = [t.norm for t in after[:3]]
        if "by" not in words:
            return None
        start = words.index("by") + 1
        verb = self.verbs.get(norms[verb_at])
        assert verb is not None
        end = _forward_end(after, start)
        return self._phrase(after, start, end, *_verb_text(before[verb_at], verb))

    def _before(self, tokens: list[Token]) -> _Speaker | None:
        """``X said "..."``, ``according to X, "..."``: the last speech verb before the quote."""
        norms = [t.norm for t in tokens]
        for i in range(len(tokens) - 1, -1, -1):
            if norms[i] == "according" and i + 1 < len(tokens) and norms[i + 1] == "to":
                return self._phrase(
                    tokens, i + 2, _forward_end(tokens, i + 2), "according to", "neutral"
                )
            found = self.verbs.at(norms, i)
            if found is None or i > 0 and norms[i - 1] in ("a", "an", "the"):
                continue  # "on a call": a noun, not the verb
            if i > 0 and self._spoken(tokens[i - 1]):
                continue  # "told state television": the verb is the one before
            verb = found[0]
            if i > 0 and norms[i - 1] in PASSIVE:
                return None  # "was branded ... by X": the agent comes after the quote
            if norms[i].endswith("ing") and i > 0 and norms[i - 1] == ",":
                return self._clause_subject(tokens, i - 1, tokens[i], verb)
            return self._subject(tokens, i, verb)
        return None

    def _spoken(self, token: Token) -> bool:
        """A speech verb in the past ("told", "said", "added"): never part of a speaker."""
        norm = token.norm
        return (
            token.text.islower()
            and self.verbs.get(norm) is not None
            and (norm.endswith("ed") or norm in IRREGULAR_PAST)
        )

    def _coordinated_subject(
        self, tokens: Sequence[Token], conjunction: int, verb_token: Token, verb: tuple[str, str]
    ) -> _Speaker | None:
        """"City thanked Varga ... and said ...": the first actor named, not after a
        preposition and outside any quotation, is the subject of both verbs."""
        mentions = self._mentions_in(tokens[0].start, tokens[conjunction].start)
        for k, mention in enumerate(mentions):
            before = self.doc.text[max(mention.start - 5, 0) : mention.start].split()
            if inside(self.quote_spans, mention.start) or before and before[-1] in PHRASE_BREAKS:
                continue
            if k + 1 < len(mentions) and self.doc.text.startswith(("'s", "’s"), mention.end):
                continue  # "Ravel's lawyer, Hanne Brookes, said ... and called": the lawyer
            following = mentions[k + 1] if k + 1 < len(mentions) else None
            if following is not None and self._modifies(mention, following):
                between = self.doc.text[mention.end : following.start].split()
                if not any(w.endswith("ed") or w in AUXILIARIES for w in between):
                    mention = following  # "Reality TV hunk Dex Marlow": the person is the head
            if self.actors.kinds.get(mention.actor) in PLACES:
                return None
            acts = [t for t in tokens[:conjunction] if t.start >= mention.end and _acts(t)]
            if not acts:
                return None  # "advocate and state chair": no first clause, no subject
            return _Speaker(mention.actor, mention.actor, verb_token.text, verb[1], NAMED)
        return None

    def _modifies(self, first: ActorMention, then: ActorMention) -> bool:
        between = self.doc.text[first.end : then.start].split()
        if any(w in DESCRIPTION_LINKS for w in between):
            return False  # "Ruth Abbing of the Green Party": the second is where she works
        return len(between) <= 2 and all(w.isalpha() and w.islower() for w in between)

    def _clause_subject(
        self, tokens: Sequence[Token], comma: int, verb_token: Token, verb: tuple[str, str]
    ) -> _Speaker | None:
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
        return _Speaker(person, person, verb_token.text, verb[1], NAMED)

    def _after(self, tokens: list[Token]) -> _Speaker | None:
        """``"...," X said`` or ``"...," said X``."""
        words = [i for i, t in enumerate(tokens) if t.norm[:1].isalnum()][: MAX_SPEAKER_WORDS + 2]
        if not words:
            return None
        norms = [t.norm for t in tokens]
        first = words[0]
        found = self.verbs.at(norms, first)
        if found is not None:
            start = first + found[1]
            return self._named_after(
                tokens, start, _forward_end(tokens, start), *_verb_text(tokens[first], found[0])
            )
        for i in words[1:]:
            found = self.verbs.at(norms, i)
            if found is not None:
                return self._subject(tokens, i, found[0])
            if norms[i] in PHRASE_BREAKS and not (
                norms[i] in DESCRIPTION_LINKS and norms[i - 1] in DESCRIPTION_HEADS
            ):
                return None
        return None

    def _named_after(
        self, tokens: Sequence[Token], start: int, end: int, verb: str, verb_class: str
    ) -> _Speaker | None:
        """``said the club's lawyer, Anne Frost``: a description, then the name."""
        speaker = self._phrase(tokens, start, end, verb, verb_class)
        if speaker is None or speaker.kind == NAMED or end + 1 >= len(tokens):
            return speaker
        if tokens[end].norm != ",":
            return speaker
        name = self._phrase(tokens, end + 1, _forward_end(tokens, end + 1), verb, verb_class)
        return name if name is not None and name.kind == NAMED else speaker

    def _subject(
        self, tokens: Sequence[Token], verb_at: int, verb: tuple[str, str]
    ) -> _Speaker | None:
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
        if end > 0 and tokens[end - 1].norm in PRONOUNS:
            # "in a post on social media he wrote": the pronoun is the whole subject
            return self._phrase(tokens, end - 1, end, *_verb_text(tokens[verb_at], verb))
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
        joined = tokens[end - 1].norm in ("and", "but") or (
            tokens[verb_at].norm.endswith("ing") and tokens[end - 1].norm in SUBORDINATORS
        )
        if start == end and end > 1 and joined:
            # "Whitby praised her ... but said ...": the first clause's subject
            return self._coordinated_subject(tokens, end - 1, tokens[verb_at], verb)
        if start == end:
            return None
        return self._phrase(tokens, start, end, *_verb_text(tokens[verb_at], verb))

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

    def _in_mention(self, token: Token) -> bool:
        """Whether the token is inside a name: the "of" of "Interior Ministry of Kastovia"."""
        i = bisect_right(self.mention_starts, token.start) - 1
        return i >= 0 and token.end <= self.actors.mentions[i].end

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
        inside = self._mentions_in(tokens[opening + 1].start, tokens[comma - 1].end)
        kinds = {self.actors.kinds.get(m.actor) for m in inside}
        if kinds & {"person", "name"}:
            return comma
        if kinds & set(BODY_KINDS) and not any(
            t.norm in DESCRIPTION_HEADS for t in tokens[max(opening - 6, 0) : opening]
        ):
            return comma  # "Their employer, the Halden Broadcasting Company,": the body speaks
        return opening  # ", who leads the clinic,"; "a spokesman for the label, Greyline Records,"

    def _phrase(
        self, tokens: Sequence[Token], start: int, end: int, verb: str, verb_class: str
    ) -> _Speaker | None:
        if start >= end:
            return None
        first, last = tokens[start], tokens[end - 1]
        text = self.doc.text[first.start : last.end]
        norms = [t.norm for t in tokens[start:end]]
        actor, name = self._resolve(first.start, last.end, norms)
        if actor is None and norms[-1] in PRONOUNS:
            return _Speaker(None, None, verb, verb_class)
        if actor is None and not any(t.text[:1].isalpha() for t in tokens[start:end]):
            return None
        if actor is None:
            earlier = self._described_before(norms, first.start)
            if earlier is not None:
                return replace(earlier, verb=verb, verb_class=verb_class)
        kind = self._speaker_kind(actor, name, norms, first)
        if kind == ANONYMOUS:
            name = text
        speaker = _Speaker(name or text, actor, verb, verb_class, kind)
        if actor is not None and kind == NAMED and actor not in self._titled:
            insort(self._bodies_spoke, (first.start, actor))
        for word in set(norms):
            self._descriptions.setdefault(word, []).append((first.start, norms, speaker))
        return speaker

    def _described_before(self, norms: list[str], offset: int) -> _Speaker | None:
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
        if actor is not None and (name == actor or not self._describes_someone(norms)):
            return NAMED
        return DESCRIPTION

    def _resolve(self, start: int, end: int, norms: list[str]) -> tuple[str | None, str | None]:
        """(actor, display name) of a speaker phrase: a person, a role, a pronoun, a body."""
        inside = self._mentions_in(start, end)
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
            return body, self.doc.text[start:end]
        people = [m for m in inside if self.actors.kinds.get(m.actor) in ("person", "name")]
        if people and self._name_modifies_role(people[-1], norms, end):
            # "the former Love Lagoon contestant": a person just named, by a role
            return self._last_person_before(start), self.doc.text[start:end]
        if people:
            known = [m for m in people if self.actors.kinds.get(m.actor) == "person"]
            person = (known or people)[-1].actor
            if len(people) > 1 and self.doc.text[people[0].end : people[1].start] == " of ":
                person = people[0].actor  # "Jane Roe of Acme": the person, then the firm
            self.actors.kinds[person] = "person"
            owned = self.doc.text.startswith(("'s ", "’s "), people[-1].end)
            if owned and (norms[-1] in BODY_NOUNS or norms[-1] in BODIES):
                return person, self.doc.text[start:end]  # "Drax's office": for Drax
            if len(people) > 1 and self._owner_then_role(people[-2], people[-1]):
                person = people[-1].actor  # "Dot's son Kieran": the son speaks
            return person, person
        for mention in inside:
            person = self.actors.roles.get((mention.actor, norms[-1]))
            if person is not None:
                return person, person
        if len(norms) == 1 and norms[0] in PRONOUNS:
            person = self._pronoun(norms[0], start)
            return person, person
        if not inside and "year-old" in norms:
            person = self._last_person_before(start)
            return person, person
        if not inside and self._definite_description(norms):
            # "the world number six", "the utility": someone just named, by what they are
            body = self._body_that_spoke(start) if not self._describes_someone(norms) else None
            return body or self._last_person_before(start), self.doc.text[start:end]
        if not inside and len(norms) == 2 and norms[0] == "the" and self._role(norms[1]):
            # "the striker said": the person just named, unless the text gave the role a name
            person = self.actors.role_nouns.get(norms[1]) or self._person_near(start)
            return person, self.doc.text[start:end]
        if len(norms) == 2 and norms[0] in POSSESSIVE_PRONOUNS and norms[1] in BODIES:
            side = self._last_side_before(start)
            if side is not None:
                return side, side
            return self.refs.person_at(start), self.doc.text[start:end]
        if len(norms) == 2 and norms[0] in POSSESSIVE_PRONOUNS and norms[1].isalpha():
            return self._possessed_role(norms, start), self.doc.text[start:end]
        owner = self._finding_owner(norms)
        if not inside and owner is not None:
            # "the lender's weekly survey": the body that made it speaks
            body = self._body_named([owner], start)
            return body, self.doc.text[start:end]
        if not inside:
            body = self._body_named(norms, start)
            if body is not None:
                return body, self.doc.text[start:end]
        if inside and not self._describes_someone(norms):
            return inside[-1].actor, inside[-1].text
        return (inside[-1].actor if inside else None), self.doc.text[start:end]

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

    def _mentions_in(self, start: int, end: int) -> list[ActorMention]:
        mentions = self.actors.mentions
        i = bisect_right(self.mention_starts, start - 1)
        j = bisect_left(self.mention_starts, end, lo=i)  # not mentions[i:]: a copy per call
        return mentions[i:j]

    def _last_person_before(
        self, offset: int, kinds: tuple[str, ...] = ("person", "name")
    ) -> str | None:
        """The last actor of these kinds named before ``offset`` outside any quotation;
        one known to be a person (titled, or meant by a "he" or "she") first."""
        i = bisect_right(self.mention_starts, offset) - 1
        candidates = [
            m
            for m in reversed(self.actors.mentions[max(i - 30, 0) : i + 1])
            if not inside(self.quote_spans, m.start)
            and m.end <= offset
            and self.actors.kinds.get(m.actor) in kinds
            and not self._thing(m)
        ]
        for mention in candidates:
            if self.actors.kinds.get(mention.actor) == "person" or mention.actor in self.refs.genders:
                return mention.actor
        return candidates[0].actor if candidates else None

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
            subject = self._sentence_subject(offset) or self._body_that_spoke(offset)
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

    def _kind(self, quote: Quote, sentence: Sentence, speaker: _Speaker | None) -> str:
        """Direct or partial; SCARE marks a short quotation that only a speaker can save."""
        layout = self.layout(sentence)
        if speaker is None and layout.short(quote, SCARE_QUOTE_MAX_WORDS):
            return DIRECT if layout.whole(quote) else SCARE
        before = layout.before(quote.start)
        if speaker is not None and layout.words_before(quote.start):
            return DIRECT if before[-1].norm in {",", ":", "—", "–", "-"} else PARTIAL
        return DIRECT

    def _continued(self, quote: Quote, earlier: list[Quote], sentence: Sentence) -> _Speaker | None:
        """An unattributed quotation right after an attributed one continues it.

        Only the quotation just before counts: one with no speaker of its own (or a scare
        quote) breaks the chain. A short fragment continues only within its sentence.
        """
        previous = next((q for q in reversed(earlier) if q.kind != HEADLINE), None)
        if previous is None or previous.speaker is None or previous.kind == SCARE:
            return None
        layout = self.layout(sentence)
        fragment = layout.short(quote, SCARE_QUOTE_MAX_WORDS) and not layout.whole(quote)
        if fragment and self.sentence_at(previous.start) != sentence.index:
            return None
        gap = sentence.paragraph - self.doc.sentences[self.sentence_at(previous.start)].paragraph
        if gap > 1:
            return None
        return _Speaker(
            previous.speaker, previous.speaker_actor, None, None, previous.speaker_kind
        )

    # --- indirect speech ---------------------------------------------------------

    def indirect(self, quoted_sentences: set[int]) -> list[Quote]:
        reports = ReportFinder(self.verbs, self._subject, self._phrase, _forward_end)
        found: list[Quote] = []
        open_report: tuple[Quote, bool] | None = None  # the last report, if it ends its sentence
        for index, sentence in enumerate(self.doc.sentences):
            found_here = reports.find(sentence.tokens)
            if not found_here and open_report is None:
                continue  # most sentences: nothing reported, nothing to carry on
            quotes = [(self._report_quote(sentence.tokens, r), r.cue_first) for r in found_here]
            # a report that holds quoted words is a quotation's: only the quotation counts
            quotes = [(q, first) for q, first in quotes if q is not None and not self._quoted(q)]
            if index in quoted_sentences:
                found.extend(q for q, _ in quotes)
                open_report = None
                continue
            if not quotes and open_report is not None and self._carries_on(sentence):
                quotes = [self._continuation(sentence, *open_report, found)]
            found.extend(q for q, _ in quotes if q is not None)
            open_report = self._open(sentence, quotes)
        return found

    def _quoted(self, quote: Quote) -> bool:
        starts, ends = self.quote_spans
        i = bisect_left(ends, quote.start + 1)
        return i < len(starts) and starts[i] < quote.end

    def _report_quote(self, tokens: Sequence[Token], report: Report) -> Quote | None:
        if report.end <= report.start:
            return None
        start, end = tokens[report.start].start, tokens[report.end - 1].end
        speaker = report.speaker
        if speaker is None:
            return Quote(start, end, self.doc.text[start:end], kind=INDIRECT)
        return Quote(  # built whole: dataclasses.replace costs several times more
            start, end, self.doc.text[start:end], speaker=speaker.text, verb=speaker.verb,
            verb_class=speaker.verb_class, kind=INDIRECT, speaker_actor=speaker.actor,
            speaker_kind=speaker.kind,
        )

    def _open(
        self, sentence: Sentence, quotes: list[tuple[Quote, bool]]
    ) -> tuple[Quote, bool] | None:
        """The sentence's last report, when its content (or its cue) closes the sentence."""
        if not quotes:
            return None
        quote, cue_first = quotes[-1]
        if not cue_first:
            return quote, cue_first  # "CONTENT, X said on Monday.": only a short cue follows
        last = next((t for t in reversed(sentence.tokens) if t.norm[:1].isalnum()), None)
        return (quote, cue_first) if last is not None and quote.end >= last.start else None

    def _carries_on(self, sentence: Sentence) -> bool:
        """A next sentence in the writer's backshifted tense ("would", "had") goes on
        reporting: "... the company said. The factory would also make batteries." """
        previous = self.doc.sentences[sentence.index - 1]
        norms = [t.norm for t in sentence.tokens[:12]]
        if previous.paragraph != sentence.paragraph or not norms:
            return False
        if norms[0] in CONTRASTS or any(n in FIRST_PERSON for n in norms):
            return False
        if any(self.verbs.get(n) for n in norms if n.endswith("ing")):
            return False  # "..., saying prices had risen": someone else's report, not more
        return any(n in BACKSHIFT for n in norms)

    def _continuation(
        self, sentence: Sentence, quote: Quote, cue_first: bool, found: list[Quote]
    ) -> tuple[Quote, bool]:
        """Cue first: the content runs on into this sentence (one span). Cue before it:
        a report of its own by the same speaker."""
        words = [t for t in sentence.tokens if t.norm[:1].isalnum()]
        end = words[-1].end
        if cue_first and found and found[-1] is quote:
            found.pop()
            return replace(quote, end=end, text=self.doc.text[quote.start : end]), cue_first
        start = words[0].start
        return replace(quote, start=start, end=end, text=self.doc.text[start:end]), cue_first


def _outermost(quotes: Sequence[Quote]) -> list[Quote]:
    """Quotations not nested inside an earlier one: ‘He said “go”,’ is one quotation."""
    kept: list[Quote] = []
    for quote in quotes:
        if kept and quote.start < kept[-1].end:
            continue
        kept.append(quote)
    return kept


def headline_sentences(doc: Document) -> frozenset[int]:
    """Sentences in the headline role; without roles, the leading lines written as headlines."""
    marked = frozenset(s.index for s in doc.sentences if s.role == HEADLINE)
    if marked or any(s.role != "body" for s in doc.sentences):
        return marked
    leading = set()
    for sentence in doc.sentences[:4]:
        if not looks_like_headline(sentence):
            break
        leading.add(sentence.index)
    return frozenset(leading)


def _mid_sentence(quote: Quote, sentence: Sentence) -> bool:
    words = [t for t in sentence.tokens[:WINDOW] if t.norm[:1].isalnum()]
    return bool(words) and words[0].start < quote.start


@dataclass(frozen=True)
class _Layout:
    """A sentence's token offsets and word positions, for lookups by bisection."""

    tokens: tuple[Token, ...]
    starts: list[int]
    word_starts: list[int]

    @classmethod
    def of(cls, sentence: Sentence) -> _Layout:
        words = [t.start for t in sentence.tokens if t.norm[:1].isalnum()]
        return cls(sentence.tokens, [t.start for t in sentence.tokens], words)

    def before(self, offset: int, most: int = WINDOW) -> list[Token]:
        i = bisect_left(self.starts, offset)
        return list(self.tokens[max(i - most, 0) : i])

    def after(self, offset: int) -> list[Token]:
        i = bisect_left(self.starts, offset)
        return list(self.tokens[i : i + WINDOW])

    def words_before(self, offset: int) -> bool:
        return bool(self.word_starts) and self.word_starts[0] < offset

    def whole(self, quote: Quote) -> bool:
        """Whether the quotation holds every word of its sentence."""
        return (
            bool(self.word_starts)
            and quote.start <= self.word_starts[0]
            and bisect_left(self.word_starts, quote.end) == len(self.word_starts)
        )

    def short(self, quote: Quote, most: int) -> bool:
        inside = bisect_left(self.word_starts, quote.end) - bisect_left(
            self.word_starts, quote.start
        )
        return inside <= most



def _until_quote_mark(tokens: list[Token], reverse: bool) -> list[Token]:
    """Tokens up to the next quotation mark (reading away from the quote)."""
    if reverse:
        for k in range(len(tokens) - 1, -1, -1):
            if tokens[k].text in QUOTE_MARKS:
                return tokens[k + 1 :]
        return tokens
    for k, token in enumerate(tokens):
        if token.text in QUOTE_MARKS:
            return tokens[:k]
    return tokens


def _forward_end(tokens: Sequence[Token], start: int) -> int:
    end = start
    description = start < len(tokens) and tokens[start].norm in {"a", "an", "the"}
    while end < len(tokens) and end - start < MAX_SPEAKER_WORDS:
        norm = tokens[end].norm
        inside = description and norm in {"for", "of", "at", "the", "from", "by"}
        if norm == "-" and end + 1 < len(tokens) and tokens[end + 1].norm == "year-old":
            end += 2  # "the 41-year-old"
            continue
        if norm == "." and end > start and tokens[end - 1].norm in TITLE_ABBREVIATIONS:
            end += 1  # "said Dr. Lena Morr": the title's full stop
            continue
        if norm == "&" and end > start and end + 1 < len(tokens):
            end += 1  # "broker Whitcombe & Lane": one firm's name
            continue
        if norm in PHRASE_BREAKS and end > start and not inside or not norm[:1].isalnum():
            break
        if norm in TIME_WORDS and end > start:
            break
        end += 1
    return end


def _acts(token: Token) -> bool:
    """A word that looks like a finite verb: "thanked", "has", "praised"."""
    return token.text.islower() and (token.norm.endswith("ed") or token.norm in AUXILIARIES)


def _verb_text(token: Token, verb: tuple[str, str]) -> tuple[str, str]:
    return token.text, verb[1]


def _with_speaker(quote: Quote, kind: str, speaker: _Speaker | None) -> Quote:
    """The quotation (a span with no speaker yet) with its kind and speaker; built whole,
    as dataclasses.replace costs several times more."""
    if speaker is None:
        return Quote(quote.start, quote.end, quote.text, kind=kind)
    return Quote(
        quote.start,
        quote.end,
        quote.text,
        kind=kind,
        speaker=speaker.text,
        speaker_actor=speaker.actor,
        verb=speaker.verb,
        verb_class=speaker.verb_class,
        speaker_kind=speaker.kind,
    )
