"""Stage 2: scorers. Each reads a tokenized document and returns flags; none knows the others.

A scorer is any callable ``Document -> list[Flag]``. :func:`default_scorers` is the one
explicit registry; nothing registers itself on import. Flags leave the scorers in the
author's voice; the analyzer marks the ones inside quotations as quoted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from framing.lexicon import Entry, Lexicon
from framing.patterns import emphasis, scare_quotes, sentence_mood, so_called, stance_markers
from framing.records import AUTHOR, Flag, Token
from framing.tokenize import Document

Scorer = Callable[[Document], list[Flag]]

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
            for match in self.lexicon.match([t.norm for t in tokens]):
                start, end = tokens[match.start].start, tokens[match.end - 1].end
                if tokens[match.end - 1].norm.endswith("'s"):
                    end -= 2  # flag "regime" in "regime's", not the possessive ending
                entry = strongest(match.entries)
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
                        negated=is_negated(tokens, match.start),
                    )
                )
        return flags


def strongest(entries: Sequence[Entry]) -> Entry | None:
    """The entry a span is flagged with: the heaviest; weight-0 entries are never flagged.

    Weight-0 entries (neutral attribution verbs) are known to the lexicon so other
    stages can classify them, but they steer no one and are not shown as flags.
    """
    weighted = [e for e in entries if e.weight > 0]
    return max(weighted, key=lambda e: e.weight) if weighted else None


def is_negated(tokens: tuple[Token, ...], index: int) -> bool:
    """True when a negator stands within three words before ``tokens[index]``."""
    window = tokens[max(0, index - _NEGATION_WINDOW) : index]
    return any(t.norm in _NEGATORS or t.norm.endswith("n't") for t in window)


def default_scorers(lexicon: Lexicon) -> list[Scorer]:
    """The scorers every analysis runs, in order."""
    return [
        LexiconScorer(lexicon), so_called, scare_quotes, stance_markers, sentence_mood,
        emphasis,
    ]
