"""Who said it, and with which verb: speakers and attribution verbs for quotations.

Direct quotations (found by :func:`framing.tokenize.tokenize`) get their speaker from the
shapes news writing uses: ``"...," X said`` / ``"...," said X``, ``X said "..."``,
``according to X, "..."``, ``X told reporters "..."``; an unattributed quotation that
follows an attributed one in the same or the next paragraph continues it. Sentences
without quotation marks give indirect quotes: ``X said (that) ...``. Every verb gets its
stance class from :mod:`framing.voices.verbs`: neutral, doubt-casting or endorsing.

>>> from framing.tokenize import tokenize
>>> from framing.voices.actors import find_actors
>>> from framing.voices.verbs import speech_verbs
>>> doc = tokenize('"We are ready," Moscow said. The US has claimed that troops massed.')
>>> quotes = attribute_quotes(doc, doc.quotes, find_actors(doc), speech_verbs())
>>> [(q.kind, q.speaker, q.verb, q.verb_class) for q in quotes]
[('direct', 'Moscow', 'said', 'neutral'), ('indirect', 'US', 'claimed', 'doubt-casting')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from framing.patterns import SCARE_QUOTE_MAX_WORDS, speech_lookup
from framing.records import ActorMention, Quote, Sentence, Token
from framing.tokenize import Document
from framing.voices.actors import ActorLayer, builtin_vocabulary
from framing.voices.verbs import SpeechVerbs

DIRECT, PARTIAL, SCARE, INDIRECT = "direct", "partial", "scare", "indirect"
# Words between a speaker and the verb that belong to neither: "Biden also said".
AUXILIARIES = frozenset(
    """has have had is was were are be been also then later again once would will already
    further repeatedly earlier""".split()
)
# Where a speaker phrase cannot extend past, reading leftwards from the verb.
PHRASE_BREAKS = frozenset(
    """that which who whom when while after before and but or if because as since though
    although to with for in on at by from of about than""".split()
)
CLAUSE_OPENERS = frozenset(
    """that the a an it he she they we i you there this these those his her their its our
    would will could might may can should must no not""".split()
)
# Verbs that introduce a quotation but not reported content: "called the plan ...".
NOT_INDIRECT = frozenset(
    """call calls called calling describe describes described describing ask asks asked asking
    chant chanted""".split()
)
REFLEXIVE = frozenset(
    ["himself", "herself", "itself", "themselves", "ourselves", "myself", "yourself"]
)
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
MAX_SPEAKER_WORDS = 8
# How far from a quotation its speaker and verb are looked for, in tokens.
WINDOW = 60


@dataclass(frozen=True)
class _Speaker:
    text: str
    actor: str | None
    verb: str | None
    verb_class: str | None


def attribute_quotes(
    doc: Document, quotes: Sequence[Quote], actors: ActorLayer, verbs: SpeechVerbs
) -> list[Quote]:
    """Direct quotes with speakers and kinds, plus indirect quotes, in text order."""
    finder = _Attributor(doc, actors, verbs)
    direct = finder.direct(quotes)
    indirect = finder.indirect({i for q in direct for i in finder.sentences_of(q)})
    return sorted(direct + indirect, key=lambda q: q.start)


class _Attributor:
    def __init__(self, doc: Document, actors: ActorLayer, verbs: SpeechVerbs) -> None:
        self.vocabulary_titles = builtin_vocabulary().titles
        self.doc = doc
        self.actors = actors
        self.verbs = verbs
        self.starts = [s.start for s in doc.sentences]
        self.mention_starts = [m.start for m in actors.mentions]
        self._layouts: dict[int, _Layout] = {}
        self.is_speech = speech_lookup(doc)

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
            speaker = self._speaker_around(quote, first, last)
            kind = self._kind(quote, first, speaker)
            if speaker is None and kind == DIRECT:
                speaker = self._continued(quote, found)
                if speaker is not None and _mid_sentence(quote, first):
                    kind = PARTIAL
            found.append(_with_speaker(quote, kind, speaker))
        return found

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
        return None

    def _before(self, tokens: list[Token]) -> _Speaker | None:
        """``X said "..."``, ``according to X, "..."``: the last speech verb before the quote."""
        norms = [t.norm for t in tokens]
        for i in range(len(tokens) - 1, -1, -1):
            if norms[i] == "according" and i + 1 < len(tokens) and norms[i + 1] == "to":
                return self._phrase(
                    tokens, i + 2, _forward_end(tokens, i + 2), "according to", "neutral"
                )
            verb = self.verbs.get(norms[i])
            if verb is not None:
                return self._subject(tokens, i, verb)
        return None

    def _after(self, tokens: list[Token]) -> _Speaker | None:
        """``"...," X said`` or ``"...," said X``."""
        words = [i for i, t in enumerate(tokens) if t.norm[:1].isalnum()][: MAX_SPEAKER_WORDS + 2]
        if not words:
            return None
        first = words[0]
        verb = self.verbs.get(tokens[first].norm)
        if verb is not None:
            return self._phrase(
                tokens, first + 1, _forward_end(tokens, first + 1), *_verb_text(tokens[first], verb)
            )
        for i in words[1:]:
            verb = self.verbs.get(tokens[i].norm)
            if verb is not None:
                return self._subject(tokens, i, verb)
            if tokens[i].norm in PHRASE_BREAKS:
                return None
        return None

    def _subject(
        self, tokens: Sequence[Token], verb_at: int, verb: tuple[str, str]
    ) -> _Speaker | None:
        end = verb_at
        while end > 0 and (
            tokens[end - 1].norm in AUXILIARIES or tokens[end - 1].norm.endswith("ly")
        ):
            end -= 1
        if end > 0 and tokens[end - 1].norm == ",":
            end = self._before_aside(tokens, end - 1)
        start = end
        while start > 0 and end - start < MAX_SPEAKER_WORDS:
            norm = tokens[start - 1].norm
            if norm in PHRASE_BREAKS or not norm[:1].isalnum():
                break
            start -= 1
        if start == end:
            return None
        return self._phrase(tokens, start, end, *_verb_text(tokens[verb_at], verb))

    def _before_aside(self, tokens: Sequence[Token], comma: int) -> int:
        """Skips back over ", who leads the clinic," or stops after ", Ilse Novak,"."""
        opening = next(
            (k for k in range(comma - 1, max(comma - 10, -1), -1) if tokens[k].norm == ","), None
        )
        if opening is None:
            return comma
        if tokens[opening + 1].norm in {"who", "which"}:
            return opening
        if self._mentions_in(tokens[opening + 1].start, tokens[comma - 1].end):
            return comma
        return comma

    def _phrase(
        self, tokens: Sequence[Token], start: int, end: int, verb: str, verb_class: str
    ) -> _Speaker | None:
        if start >= end:
            return None
        first, last = tokens[start], tokens[end - 1]
        text = self.doc.text[first.start : last.end]
        norms = [t.norm for t in tokens[start:end]]
        actor, name = self._resolve(first.start, last.end, norms)
        if actor is None and (
            norms[-1] in PRONOUNS or not any(t.text[:1].isalpha() for t in tokens[start:end])
        ):
            return None
        return _Speaker(name or text, actor, verb, verb_class)

    def _resolve(self, start: int, end: int, norms: list[str]) -> tuple[str | None, str | None]:
        """(actor, display name) of a speaker phrase: a person, a role, a pronoun, a body."""
        inside = self._mentions_in(start, end)
        people = [m for m in inside if self.actors.kinds.get(m.actor) in ("person", "name")]
        if people:
            self.actors.kinds[people[-1].actor] = "person"
            return people[-1].actor, people[-1].actor
        for mention in inside:
            person = self.actors.roles.get((mention.actor, norms[-1]))
            if person is not None:
                return person, person
        if len(norms) == 1 and norms[0] in PRONOUNS:
            person = self._last_person_before(start)
            return person, person
        if inside and not self._describes_someone(norms):
            return inside[-1].actor, inside[-1].text
        return (inside[-1].actor if inside else None), self.doc.text[start:end]

    def _describes_someone(self, norms: list[str]) -> bool:
        """ "a White House spokesperson", "the Iranian foreign minister": a person by role."""
        return any((norm,) in self.vocabulary_titles for norm in norms)

    def _mentions_in(self, start: int, end: int) -> list[ActorMention]:
        i = bisect_right(self.mention_starts, start - 1)
        found = []
        for mention in self.actors.mentions[i:]:
            if mention.start >= end:
                break
            found.append(mention)
        return found

    def _last_person_before(self, offset: int) -> str | None:
        i = bisect_right(self.mention_starts, offset) - 1
        for mention in reversed(self.actors.mentions[max(i - 30, 0) : i + 1]):
            if self.actors.kinds.get(mention.actor) in ("person", "name") and mention.end <= offset:
                return mention.actor
        return None

    def _kind(self, quote: Quote, sentence: Sentence, speaker: _Speaker | None) -> str:
        layout = self.layout(sentence)
        short = layout.short(quote, SCARE_QUOTE_MAX_WORDS)
        if short and not self.is_speech(quote.start, quote.end):
            return SCARE
        before = layout.before(quote.start)
        if speaker is not None and layout.words_before(quote.start):
            return DIRECT if before[-1].norm in {",", ":"} else PARTIAL
        return DIRECT

    def _continued(self, quote: Quote, earlier: list[Quote]) -> _Speaker | None:
        """An unattributed quotation right after an attributed one continues it."""
        previous = next((q for q in reversed(earlier) if q.kind in (DIRECT, PARTIAL)), None)
        if previous is None or previous.speaker is None:
            return None
        gap = (
            self.doc.sentences[self.sentence_at(quote.start)].paragraph
            - self.doc.sentences[self.sentence_at(previous.start)].paragraph
        )
        if gap > 1:
            return None
        return _Speaker(previous.speaker, previous.speaker_actor, None, None)

    # --- indirect speech ---------------------------------------------------------

    def indirect(self, quoted_sentences: set[int]) -> list[Quote]:
        found = []
        for index, sentence in enumerate(self.doc.sentences):
            if index not in quoted_sentences:
                found.extend(self._indirect_in(sentence))
        return found

    def _indirect_in(self, sentence: Sentence) -> list[Quote]:
        tokens = sentence.tokens
        for i, token in enumerate(tokens):
            verb = self.verbs.get(token.norm)
            if verb is None or token.norm in NOT_INDIRECT:
                continue
            content = _content_start(tokens, i)
            if content is None:
                continue
            speaker = self._subject(tokens, i, verb)
            if speaker is None or speaker.actor is None and speaker.text.lower() in PRONOUNS:
                continue
            end = tokens[-1].start if not tokens[-1].norm[:1].isalnum() else tokens[-1].end
            start = tokens[content].start
            if end <= start:
                continue
            quote = Quote(start, end, self.doc.text[start:end])
            return [_with_speaker(quote, INDIRECT, speaker)]
        return []


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

    def before(self, offset: int) -> list[Token]:
        i = bisect_left(self.starts, offset)
        return list(self.tokens[max(i - WINDOW, 0) : i])

    def after(self, offset: int) -> list[Token]:
        i = bisect_left(self.starts, offset)
        return list(self.tokens[i : i + WINDOW])

    def words_before(self, offset: int) -> bool:
        return bool(self.word_starts) and self.word_starts[0] < offset

    def short(self, quote: Quote, most: int) -> bool:
        inside = bisect_left(self.word_starts, quote.end) - bisect_left(
            self.word_starts, quote.start
        )
        return inside <= most



def _content_start(tokens: Sequence[Token], verb_at: int) -> int | None:
    """Where reported content starts after a speech verb, if it looks like a clause."""
    j = verb_at + 1
    if tokens[verb_at].norm in {"told", "tell", "tells", "telling"}:
        j = next((k for k in range(j, min(j + 4, len(tokens))) if tokens[k].norm == "that"), -1)
        if j < 0:
            return None
    if j >= len(tokens):
        return None
    norm = tokens[j].norm
    if norm == "that":
        return j + 1 if j + 1 < len(tokens) else None
    if norm in REFLEXIVE or norm not in CLAUSE_OPENERS and not tokens[j].text[:1].isupper():
        return None
    return j


def _until_quote_mark(tokens: list[Token], reverse: bool) -> list[Token]:
    """Tokens up to the next quotation mark (reading away from the quote)."""
    marks = set('"“”„«»‘’')
    seq = list(reversed(tokens)) if reverse else tokens
    kept = []
    for token in seq:
        if token.text in marks:
            break
        kept.append(token)
    return list(reversed(kept)) if reverse else kept


def _forward_end(tokens: Sequence[Token], start: int) -> int:
    end = start
    description = start < len(tokens) and tokens[start].norm in {"a", "an", "the"}
    while end < len(tokens) and end - start < MAX_SPEAKER_WORDS:
        norm = tokens[end].norm
        inside = description and norm in {"for", "of", "at", "the"}
        if norm in PHRASE_BREAKS and end > start and not inside or not norm[:1].isalnum():
            break
        end += 1
    return end


def _verb_text(token: Token, verb: tuple[str, str]) -> tuple[str, str]:
    return token.text, verb[1]


def _with_speaker(quote: Quote, kind: str, speaker: _Speaker | None) -> Quote:
    if speaker is None:
        return replace(quote, kind=kind)
    return replace(
        quote,
        kind=kind,
        speaker=speaker.text,
        speaker_actor=speaker.actor,
        verb=speaker.verb,
        verb_class=speaker.verb_class,
    )
