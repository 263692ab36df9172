"""Stage 2: scorers, and the scoring pass that runs them and gives every flag its voice.

A scorer is any callable ``Document -> list[Flag]``. :func:`default_scorers` is the one
explicit registry; nothing registers itself on import. Flags leave the scorers in the
author's voice; :class:`DocumentScorer` finds who speaks (:mod:`framing.voices`), marks
the flags inside quotations as quoted, aims them at actors and groups them by sentence.
That pass is everything an analysis has before any model: the slant features read it
too, so model and flags agree.

>>> from framing.lexicon import load_lexicon
>>> from framing.tokenize import tokenize
>>> scored = DocumentScorer(load_lexicon()).score(tokenize('"A reckless plan," critics said.'))
>>> [(f.text, f.voice) for f in scored.flags]
[('reckless', 'quoted'), ('critics said', 'author')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from framing.categories import LOADED, SILENT_CATEGORIES
from framing.distancing import mark_distanced
from framing.lexicon import Entry, Lexicon
from framing.patterns import (
    emphasis,
    scare_quote_flag,
    sentence_mood,
    so_called,
    stance_markers,
)
from framing.records import AUTHOR, QUOTED, Flag, Quote, Sentence, SentenceResult, Token
from framing.structure import SCORED_ROLES, assign_roles, dateline_end
from framing.tokenize import Document, QuoteIndex
from framing.voices.actors import ActorLayer, Vocabulary, builtin_vocabulary, find_actors
from framing.voices.attribution import INDIRECT, SCARE, attribute_quotes
from framing.voices.targets import assign_targets
from framing.voices.verbs import SpeechVerbs, speech_verbs

Scorer = Callable[[Document], list[Flag]]
#: Proposes words no lexicon names: (document, its flags) -> suggested flags.
Suggester = Callable[[Document, list[Flag]], list[Flag]]

_NEGATORS = {"not", "no", "never", "without", "hardly", "nor", "neither", "cannot"}
_NEGATION_WINDOW = 3


class LexiconScorer:
    """Flags every lexicon match; one flag per span, from its strongest entry."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Document) -> list[Flag]:
        flags: list[Flag] = []
        for sentence in doc.sentences:
            tokens = sentence.tokens
            norms = [t.norm for t in tokens]
            title_case = None
            for match in self.lexicon.match(norms):
                start, end = tokens[match.start].start, tokens[match.end - 1].end
                if tokens[match.end - 1].norm.endswith("'s"):
                    end -= 2  # flag "regime" in "regime's", not the possessive ending
                entries = match.entries
                if any(e.senses for e in entries):
                    if title_case is None:
                        title_case = _mostly_capitalised(tokens)
                    named = (match.start > 0 and not title_case
                             and tokens[match.start].text[:1].isupper())
                    # The contexts in which a term is literal are the term's, whichever
                    # family's row names them.
                    if any(e.is_literal(norms, match.start, match.end, named) for e in entries):
                        continue
                entry = strongest(entries)
                if entry is None:
                    continue
                flags.append(
                    Flag(
                        start=start,
                        end=end,
                        text=doc.text[start:end],
                        category=entry.category,
                        term=entry.term,
                        weight=entry.weight,
                        polarity=entry.polarity,
                        voice=AUTHOR,
                        rationale=entry.rationale,
                        alternative=entry.alternative,
                        lexicon=entry.lexicon,
                        layer=entry.flag_layer,
                        negated=is_negated(tokens, match.start),
                        confidence=entry.prior,
                    )
                )
        return flags


def strongest(entries: Sequence[Entry]) -> Entry | None:
    """The entry a span is flagged with: a loaded reading before a device reading, then
    the heaviest; weight-0 entries and neutral attribution verbs are never flagged.

    "Blasted" or "sneers" is both an attribution verb (a device) and the writer's loaded
    word: the flag shows the loaded reading, which counts; the quotes table still names
    the verb's attribution class. Weight-0 entries are known to the lexicon so other
    stages can classify them, but they steer no one and are not shown as flags.
    """
    weighted = [e for e in entries if e.weight > 0 and e.category not in SILENT_CATEGORIES]
    return max(weighted, key=lambda e: (e.flag_layer == LOADED, e.weight)) if weighted else None


def _mostly_capitalised(tokens: Sequence[Token]) -> bool:
    """A headline in title case or capitals: there a capital letter names nothing."""
    words = [t.text for t in tokens if t.text[:1].isalpha()]
    return bool(words) and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def is_negated(tokens: tuple[Token, ...], index: int) -> bool:
    """True when a negator stands within three words before ``tokens[index]``."""
    window = tokens[max(0, index - _NEGATION_WINDOW) : index]
    return any(t.norm in _NEGATORS or t.norm.endswith("n't") for t in window)


def default_scorers(lexicon: Lexicon) -> list[Scorer]:
    """The scorers every analysis runs, in order."""
    return [
        LexiconScorer(lexicon), so_called, stance_markers, sentence_mood, emphasis,
    ]


# --- the scoring pass ------------------------------------------------------------------


@dataclass(frozen=True)
class ScoredDocument:
    """A document after scoring: its flags by sentence, its speakers and actors."""

    doc: Document
    actors: ActorLayer
    #: Direct, partial, scare and indirect quotes with their speakers, in text order.
    quotes: list[Quote]
    #: The quotations in quote marks (no indirect speech): what makes a flag quoted.
    quoted: QuoteIndex
    flags: list[Flag]
    sentences: tuple[SentenceResult, ...]
    quoted_words: int


class DocumentScorer:
    """Runs every scorer over a document and gives each flag its voice and target.

    ``extra`` scorers run after the registry's; their flags get voices and targets like
    the others. The ``suggester`` (opt-in, :class:`framing.slant.words.Suggester`) runs
    last: it adds ``suggested`` flags on words no flag covers, which get their voice but
    no target; it never changes or hides a lexicon flag.
    """

    def __init__(self, lexicon: Lexicon, extra: Sequence[Scorer] = (),
                 suggester: Suggester | None = None) -> None:
        self.lexicon = lexicon
        self.suggester = suggester
        self.scorers: list[Scorer] = default_scorers(lexicon)
        self.extra = list(extra)
        self.vocabulary: Vocabulary = builtin_vocabulary()
        self.speech_verbs: SpeechVerbs = speech_verbs(lexicon)

    def _has_wording(self, sentence: Sentence) -> bool:
        return bool(self.lexicon.match([t.norm for t in sentence.tokens]))

    def score(self, doc: Document) -> ScoredDocument:
        doc = assign_roles(doc, self._has_wording)
        actors = find_actors(doc, self.vocabulary)
        quotes = attribute_quotes(doc, doc.quotes, actors, self.speech_verbs)
        index = QuoteIndex([q for q in quotes if q.kind != INDIRECT])
        flags = [flag for scorer in self.scorers for flag in scorer(doc)]
        # scare quotes come from the attribution pass: one decision, from one verb list
        scare = [q for q in quotes if q.kind == SCARE]
        flags = _sorted(flags + [scare_quote_flag(doc, q.start, q.end) for q in scare])
        if self.extra:
            flags = _sorted(flags + [flag for scorer in self.extra for flag in scorer(doc)])
        flags = one_per_span_and_layer(in_scored_text(doc, flags))
        flags = assign_targets(doc, _mark_voice(flags, index), actors)
        flags = mark_distanced(doc, flags, scare)
        if self.suggester is not None:
            suggested = _mark_voice(in_scored_text(doc, _sorted(self.suggester(doc, flags))), index)
            flags = _sorted(flags + suggested)
        flags = _mark_reported(flags, QuoteIndex([q for q in quotes if q.kind == INDIRECT]))
        sentences, quoted_words = _by_sentence(doc, flags, index)
        return ScoredDocument(doc, actors, quotes, index, flags, sentences, quoted_words)


def one_per_span_and_layer(flags: list[Flag]) -> list[Flag]:
    """One flag for the same words in the same layer: "Of course" is a booster and an
    opening stance marker, and a reader is told about it once (the heavier reading).
    A loaded word in capitals keeps both its loaded flag and its all-caps device flag.
    ``flags`` must be sorted by start."""
    best: dict[tuple[int, int, str], Flag] = {}
    for flag in flags:
        key = (flag.start, flag.end, flag.layer)
        if key not in best or flag.weight > best[key].weight:
            best[key] = flag
    kept = set(map(id, best.values()))
    return [flag for flag in flags if id(flag) in kept]


def in_scored_text(doc: Document, flags: list[Flag]) -> list[Flag]:
    """The flags in headlines and body text, outside any dateline prefix.

    Bylines, datelines and page furniture are not the writer's wording about the news.
    ``flags`` must be sorted by start.
    """
    kept, i = [], 0
    for sentence in doc.sentences:
        while i < len(flags) and flags[i].start < sentence.start:
            i += 1  # between sentences: cannot happen for word flags, kept out anyway
        first = dateline_end(sentence) if sentence.role in SCORED_ROLES else sentence.end
        while i < len(flags) and flags[i].start < sentence.end:
            if flags[i].start >= first:
                kept.append(flags[i])
            i += 1
    return kept


def _sorted(flags: Iterable[Flag]) -> list[Flag]:
    return sorted(flags, key=lambda f: (f.start, f.end, f.category))


def _mark_voice(flags: list[Flag], quotes: QuoteIndex) -> list[Flag]:
    return [
        replace(flag, voice=QUOTED) if quotes.containing(flag.start, flag.end) else flag
        for flag in flags
    ]


def _mark_reported(flags: list[Flag], reported: QuoteIndex) -> list[Flag]:
    """Author-voice flags inside reported speech stay the author's, marked ``reported``."""
    return [
        replace(flag, reported=True)
        if flag.voice == AUTHOR and reported.containing(flag.start, flag.end)
        else flag
        for flag in flags
    ]


def _by_sentence(
    doc: Document, flags: list[Flag], quotes: QuoteIndex
) -> tuple[tuple[SentenceResult, ...], int]:
    """The sentences with their flags and quote, and the number of quoted words."""
    results, i, quoted_words = [], 0, 0
    for sentence in doc.sentences:
        mine = []
        while i < len(flags) and flags[i].start < sentence.end:
            mine.append(flags[i])
            i += 1
        overlapping = quotes.overlapping(sentence.start, sentence.end)
        quoted, words = _quoted_count(sentence, quotes) if overlapping else (0, 0)
        quoted_words += quoted
        results.append(
            SentenceResult(
                sentence, tuple(mine), overlapping[0] if overlapping else None,
                quoted_share=round(quoted / words, 3) if words else 0.0,
            )
        )
    return tuple(results), quoted_words


def _quoted_count(sentence: Sentence, quotes: QuoteIndex) -> tuple[int, int]:
    """(words inside quotations, words) of a sentence that a quotation overlaps."""
    words = [t for t in sentence.tokens if t.norm[:1].isalnum()]
    return sum(quotes.containing(t.start, t.end) is not None for t in words), len(words)
