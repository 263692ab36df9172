"""Stage 4: the article summary: counts per category per 1,000 words, top terms, voices.

One rule for negation: a negated flag ("not a power grab") is shown, and ``n_flags``
counts it, but every other count and rate (by voice, by category, loaded words) leaves
it out, as the slant score does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from framing.categories import LOADED, SUGGESTED
from framing.records import AUTHOR, DISTANCED, QUOTED, Flag, Quote
from framing.tokenize import Document

TOP_TERMS = 10


def count_words(doc: Document) -> int:
    return sum(1 for t in doc.tokens if t.norm[:1].isalnum())


def loaded_author_flags(flags: Sequence[Flag]) -> list[Flag]:
    """The flags that count: loaded wording in the author's own voice, not negated.

    Devices (hedges, attribution verbs, emphasis), quotations and words the writer marks
    as someone else's are shown but steer no summary.
    """
    return [f for f in flags if f.layer == LOADED and f.voice == AUTHOR and not f.negated]


def summarize(
    doc: Document, flags: Sequence[Flag], quotes: Sequence[Quote], quoted_words: int,
    n_words: int,
) -> dict[str, Any]:
    """A JSON-ready summary of one document's findings."""
    per_1000 = 1000.0 / n_words if n_words else 0.0
    # Negated flags and suggestions are shown, never counted.
    counted = [f for f in flags if not f.negated and f.layer != SUGGESTED]
    by_category = Counter(f.category for f in counted if f.voice == AUTHOR)
    loaded = loaded_author_flags(flags)
    return {
        "n_words": n_words,
        "n_sentences": len(doc.sentences),
        "n_flags": len(flags),
        "voice": {
            AUTHOR: sum(f.voice == AUTHOR for f in counted),
            QUOTED: sum(f.voice == QUOTED for f in counted),
            DISTANCED: sum(f.voice == DISTANCED for f in counted),
        },
        "n_loaded_author_flags": len(loaded),
        "loaded_author_flags_per_1000_words": round(len(loaded) * per_1000, 2),
        "author_flags_per_1000_words": {
            category: round(count * per_1000, 2) for category, count in by_category.most_common()
        },
        "top_terms": [
            {"term": term, "count": count}
            for term, count in Counter(f.term for f in loaded).most_common(TOP_TERMS)
        ],
        "n_quotes": len(quotes),
        "quoted_word_share": round(quoted_words / n_words, 3) if n_words else 0.0,
    }
