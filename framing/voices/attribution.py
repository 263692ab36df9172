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

The finder is built in layers, one module each: :mod:`framing.voices.mention_lookup`
(the actors named around a phrase), :mod:`framing.voices.speaker_phrases` (what a
speaker phrase names), :mod:`framing.voices.subjects` (the subject of a speech verb) and,
here, the shapes around quotations and the reported speech of
:mod:`framing.voices.reported`; :mod:`framing.voices.speaker_words` holds the word lists
they share.

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

from framing.records import HEADLINE, Quote, Sentence, Token
from framing.tokenize import Document
from framing.voices.actors import ActorLayer, builtin_vocabulary, looks_like_headline
from framing.voices.coreference import references
from framing.voices.phrases import earlier_description
from framing.voices.quotations import with_single_quotations
from framing.voices.reported import PASSIVE, Report, ReportFinder
from framing.voices.speaker_words import (
    AUXILIARIES,
    DESCRIPTION_HEADS,
    DESCRIPTION_LINKS,
    LABEL_VERBS,
    MAX_SPEAKER_WORDS,
    NAMED,
    PHRASE_BREAKS,
    QUOTE_MARKS,
    TIME_WORDS,
    TITLE_ABBREVIATIONS,
    WINDOW,
    Speaker,
    looks_finite,
    verb_text,
)
from framing.voices.subjects import SubjectFinder
from framing.voices.verbs import SpeechVerbs

DIRECT, PARTIAL, SCARE, INDIRECT = "direct", "partial", "scare", "indirect"
SCARE_QUOTE_MAX_WORDS = 4
# A next sentence in these tenses may carry on reported content; these open a new turn.
BACKSHIFT = frozenset(["would", "had", "could"])
CONTRASTS = frozenset(["but", "however", "yet", "still", "meanwhile", "i", "we"])
FIRST_PERSON = frozenset(["i", "we", "my", "our", "us", "me", "you"])
# Where a clause ends, reading leftwards from a participle to its clause's verb.
CLAUSE_BREAKS = frozenset([",", ";", ":", "that", "which", "who", "and", "but", "or"])
IRREGULAR_PAST = frozenset(["said", "told", "wrote", "spoke", "put"])




def attribute_quotes(
    doc: Document, quotes: Sequence[Quote], actors: ActorLayer, verbs: SpeechVerbs
) -> list[Quote]:
    """Direct quotes with speakers and kinds, plus indirect quotes, in text order."""
    quotes = with_single_quotations(doc, quotes)
    finder = _Attributor(doc, actors, verbs, quotes)
    direct = finder.direct(_outermost(quotes))
    indirect = finder.indirect({i for q in direct for i in finder.sentences_of(q)})
    direct = [finder.reporter_of(q) if q.speaker is None else q for q in direct]
    return earlier_description(sorted(direct + indirect, key=lambda q: q.start))


class _Attributor(SubjectFinder):
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
        self._descriptions: dict[str, list[tuple[int, list[str], Speaker]]] = {}
        #: reports whose content holds a quotation: its speaker, if it has none of its own
        self._holding: list[Quote] = []
        self._holding_starts: list[int] = []
        #: (where, actor) of each body that spoke, for the "it" of a next sentence
        self._bodies_spoke: list[tuple[int, str]] = []
        #: actors written with a title or role somewhere ("Mr", "actress"): people, never "it"
        self._titled = {m.actor for m in actors.mentions if m.kind == "person"}

    def layout(self, sentence: Sentence) -> _Layout:
        """Per-sentence lookups, built once, so many quotes in one sentence stay linear."""
        if sentence.index not in self._layouts:
            self._layouts[sentence.index] = _Layout.of(sentence)
        return self._layouts[sentence.index]

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
            if speaker is None and kind == DIRECT:
                # a quotation of its own after a sentence about someone: theirs, even when
                # an earlier quotation was someone else's
                speaker = self._previous_subject(quote, first)
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

    def _after_colon(self, quote: Quote, sentence: Sentence) -> Speaker | None:
        """"Another reader, Joan Pike, was kinder: '...'": the person the clause before the
        colon is about."""
        before = self.layout(sentence).before(quote.start)
        if not before or before[-1].norm != ":":
            return None
        return self._subject_of(before[0].start, before[-1].start)

    def _previous_subject(self, quote: Quote, sentence: Sentence) -> Speaker | None:
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

    def _so_called(self, quote: Quote, sentence: Sentence) -> bool:
        before = self.layout(sentence).before(quote.start, 2)
        return any(t.norm in ("so-called", "called") for t in before) and (
            before[-1].norm == "so-called" or [t.norm for t in before] == ["so", "called"]
        )

    def _speaker_around(self, quote: Quote, first: Sentence, last: Sentence) -> Speaker | None:
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

    def _agent(self, after: list[Token], before: list[Token]) -> Speaker | None:
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
        return self._phrase(after, start, end, *verb_text(before[verb_at], verb))

    def _before(self, tokens: list[Token]) -> Speaker | None:
        """``X said "..."``, ``according to X, "..."``: the last speech verb before the quote."""
        norms = [t.norm for t in tokens]
        labelled = self._labelled(tokens, norms)
        if labelled is not None:
            return labelled
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
            if i > 0 and norms[i - 1] == "left":
                continue  # "were left fuming": how they felt, not what they said
            verb = found[0]
            if i > 0 and norms[i - 1] in PASSIVE:
                return None  # "was branded ... by X": the agent comes after the quote
            if norms[i].endswith("ing") and i > 0 and norms[i - 1] == ",":
                return self._clause_subject(tokens, i - 1, tokens[i], verb)
            if norms[i].endswith("ing"):
                acted = _clause_verb(tokens, i)
                if acted is not None:
                    # "The defender posted a message to fans saying ...": who posted it
                    speaker = self._subject(tokens, acted, verb)
                    return replace(speaker, verb=tokens[i].text) if speaker else None
            return self._subject(tokens, i, verb)
        return None

    def _labelled(self, tokens: list[Token], norms: list[str]) -> Speaker | None:
        """``X dismissed the claims as "..."``: the label a verb of rejection quotes."""
        if len(norms) < 3 or norms[-1] != "as":
            return None
        for i in range(len(norms) - 2, max(len(norms) - 8, 0), -1):
            verb = LABEL_VERBS.get(norms[i])
            if verb is not None:
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

    def _after(self, tokens: list[Token]) -> Speaker | None:
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
                tokens, start, _forward_end(tokens, start), *verb_text(tokens[first], found[0])
            )
        aside_verb = self._verb_after_aside(tokens, norms)
        if aside_verb is not None:
            return self._subject(tokens, aside_verb, self.verbs.at(norms, aside_verb)[0])
        for i in words[1:]:
            found = self.verbs.at(norms, i)
            if found is not None:
                return self._subject(tokens, i, found[0])
            if norms[i] in PHRASE_BREAKS and not (
                norms[i] in DESCRIPTION_LINKS and norms[i - 1] in DESCRIPTION_HEADS
            ):
                return None
        return None

    def _verb_after_aside(self, tokens: Sequence[Token], norms: list[str]) -> int | None:
        """``"...," Mara Quint, the chief executive of Dovecote Foods, said``: a person's
        name, an aside between commas, then the verb (its index)."""
        opening = next((k for k in range(min(len(tokens), 5)) if norms[k] == ","), None)
        if not opening or not self._ends_person(tokens[opening - 1]):
            return None
        closing = next((k for k in range(opening + 1, min(len(tokens), opening + 16))
                        if norms[k] == ","), None)
        if closing is None or self.verbs.at(norms, closing + 1) is None:
            return None
        return closing + 1

    def _named_after(
        self, tokens: Sequence[Token], start: int, end: int, verb: str, verb_class: str
    ) -> Speaker | None:
        """``said the club's lawyer, Anne Frost``: a description, then the name."""
        speaker = self._phrase(tokens, start, end, verb, verb_class)
        if speaker is None or end + 1 >= len(tokens):
            return speaker
        if speaker.kind == NAMED and (speaker.text == speaker.actor or tokens[start].norm != "the"):
            return speaker  # a name; "said the regulator, Ofwend": the body its name says
        if tokens[end].norm != ",":
            return speaker
        name = self._phrase(tokens, end + 1, _forward_end(tokens, end + 1), verb, verb_class)
        return name if name is not None and name.kind == NAMED else speaker

    def _kind(self, quote: Quote, sentence: Sentence, speaker: Speaker | None) -> str:
        """Direct or partial; SCARE marks a short quotation that only a speaker can save."""
        layout = self.layout(sentence)
        if speaker is None and layout.short(quote, SCARE_QUOTE_MAX_WORDS):
            return DIRECT if layout.whole(quote) else SCARE
        before = layout.before(quote.start)
        if speaker is not None and layout.words_before(quote.start):
            return DIRECT if before[-1].norm in {",", ":", "—", "–", "-"} else PARTIAL
        return DIRECT

    def _continued(self, quote: Quote, earlier: list[Quote], sentence: Sentence) -> Speaker | None:
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
        return Speaker(
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
            for held in (q for q, _ in quotes if q is not None and self._quoted(q)):
                self._holding.append(held)
                self._holding_starts.append(held.start)
            quotes = [(q, first) for q, first in quotes if q is not None and not self._quoted(q)]
            if index in quoted_sentences:
                found.extend(q for q, _ in quotes)
                open_report = None
                continue
            if not quotes and open_report and self._carries_on(sentence, open_report[0]):
                quotes = [self._continuation(sentence, *open_report, found)]
            found.extend(q for q, _ in quotes if q is not None)
            open_report = self._open(sentence, quotes)
        return found

    def reporter_of(self, quote: Quote) -> Quote:
        """"X and Y are 'on the rocks' after a row, a pal has revealed": quoted words with
        no speaker of their own inside a report's content are the reporter's."""
        # reports come in text order: only the last few starting before the quote can hold
        # it (a bounded look, so thousands of quotations stay linear)
        last = bisect_right(self._holding_starts, quote.start)
        for report in reversed(self._holding[max(last - 3, 0) : last]):
            if report.speaker and quote.end <= report.end + 1:
                return replace(
                    quote, kind=PARTIAL, speaker=report.speaker, verb=report.verb,
                    verb_class=report.verb_class, speaker_actor=report.speaker_actor,
                    speaker_kind=report.speaker_kind,
                )
        return quote

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

    def _carries_on(self, sentence: Sentence, report: Quote) -> bool:
        """A next sentence in the writer's backshifted tense ("would", "had") goes on
        reporting: "... the company said. The factory would also make batteries." One
        that opens with someone else's name ("Okonjo had been linked ...") is the writer's."""
        previous = self.doc.sentences[sentence.index - 1]
        norms = [t.norm for t in sentence.tokens[:12]]
        if previous.paragraph != sentence.paragraph or not norms:
            return False
        if self._opens_with_other_person(sentence, report):
            return False
        if norms[0] in CONTRASTS or any(n in FIRST_PERSON for n in norms):
            return False
        if any(self.verbs.get(n) for n in norms if n.endswith("ing")):
            return False  # "..., saying prices had risen": someone else's report, not more
        return any(n in BACKSHIFT for n in norms)

    def _opens_with_other_person(self, sentence: Sentence, report: Quote) -> bool:
        mentions = self._mentions_in(sentence.start, sentence.start + 1)
        if not mentions or mentions[0].start != sentence.tokens[0].start:
            return False
        actor = mentions[0].actor
        person = self.actors.kinds.get(actor) == "person" or actor in self.refs.genders
        return person and actor != report.speaker_actor

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


def _clause_verb(tokens: Sequence[Token], at: int) -> int | None:
    """The finite verb of the clause a participle with no comma hangs on, with words
    between them ("posted a video insisting"), if there is one."""
    for k in range(at - 2, max(at - 10, 0), -1):
        if tokens[k].norm in CLAUSE_BREAKS:
            return None
        if looks_finite(tokens[k]) and tokens[k].norm not in AUXILIARIES:
            return k
    return None


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






def _with_speaker(quote: Quote, kind: str, speaker: Speaker | None) -> Quote:
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
