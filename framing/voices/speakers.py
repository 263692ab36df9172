"""Who gets to speak and how each actor is described: the per-actor and per-article tables.

Counts of loaded words aimed at an actor use the author's voice and the loaded layer only:
words inside a quotation are the speaker's, and devices ("insists", hedges) say how a
claim is positioned, not what the writer thinks of someone; the flags table still shows
them with their target.

>>> from framing import analyze
>>> text = '"We will not back down," Moscow said. Washington\\'s bellicose posturing went on.'
>>> summary = analyze(text).summary
>>> summary["sources"]["n_sources"], summary["sources"]["speakers"][0]["speaker"]
(1, 'Russia')
>>> [(row["actor"], row["aimed"]["negative"]) for row in summary["actors"]]
[('Russia', 0), ('United States', 2)]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from framing.categories import LOADED
from framing.records import AUTHOR, HEADLINE, Flag, Quote
from framing.voices.actors import ActorLayer
from framing.voices.attribution import INDIRECT, SCARE
from framing.voices.speaker_words import ANONYMOUS

STANCE_CLASSES = ("neutral", "doubt-casting", "endorsing")
_WORD = re.compile(r"\w+")


def quote_words(quote: Quote) -> int:
    return len(_WORD.findall(quote.text))


def actor_table(
    actors: ActorLayer, quotes: Sequence[Quote], flags: Sequence[Flag]
) -> list[dict[str, Any]]:
    """One row per actor: mentions, times quoted, words quoted, verbs, loaded words aimed."""
    mentions = Counter(m.actor for m in actors.mentions)
    rows: dict[str, dict[str, Any]] = {actor: _empty_row(actor, actors) for actor in mentions}
    for quote in quotes:
        if quote.speaker_actor is None or quote.kind in (SCARE, HEADLINE):
            continue
        if quote.speaker_kind == ANONYMOUS:
            continue
        row = rows.setdefault(quote.speaker_actor, _empty_row(quote.speaker_actor, actors))
        if quote.kind == INDIRECT:
            row["reported"] += 1
        else:
            row["quotes"] += 1
            row["quoted_words"] += quote_words(quote)
        if quote.verb_class in row["verbs"]:
            row["verbs"][quote.verb_class] += 1
    for flag in flags:
        if flag.target in rows and flag.voice == AUTHOR and flag.polarity and flag.layer == LOADED:
            side = "negative" if flag.polarity < 0 else "positive"
            rows[flag.target]["aimed"][side] += 1
            rows[flag.target]["aimed"][f"{side}_terms"].append(flag.text)
    for actor, row in rows.items():
        row["mentions"] = mentions.get(actor, 0)
    return sorted(rows.values(), key=lambda r: (-r["mentions"] - r["quotes"], r["actor"]))


def _empty_row(actor: str, actors: ActorLayer) -> dict[str, Any]:
    return {
        "actor": actor,
        "kind": actors.kinds.get(actor, "name"),
        "side": actors.side(actor),
        "mentions": 0,
        "quotes": 0,
        "reported": 0,
        "quoted_words": 0,
        "verbs": dict.fromkeys(STANCE_CLASSES, 0),
        "aimed": {"negative": 0, "positive": 0, "negative_terms": [], "positive_terms": []},
    }


def source_summary(actors: ActorLayer, quotes: Sequence[Quote]) -> dict[str, Any]:
    """Who is quoted or reported, how much, and from how many sides.

    Every attribution counts toward its speaker: ``quotes`` holds all of them, ``reported``
    those in reported speech without quotation marks. A spokesperson or aide counts under
    their own name, and their side is their principal's, so ``n_sides`` counts principals.

    Anonymous attributions ("sources", "one insider") are counted apart: they are nobody's
    side. ``n_sides`` counts the sides of speakers the text names (a person, a country,
    a body, or a description that resolves to one); a description that names no one ("a
    neighbour") is a source but not a side. Headline quotations create no speaker.
    """
    words: dict[str, int] = defaultdict(int)
    counts: Counter[str] = Counter()
    reported: Counter[str] = Counter()
    sides: dict[str, str | None] = {}
    anonymous = 0
    for quote in quotes:
        if quote.kind in (SCARE, HEADLINE) or quote.speaker is None:
            continue
        if quote.speaker_kind == ANONYMOUS:
            anonymous += 1
            continue
        key = quote.speaker_actor or quote.speaker
        counts[key] += 1
        sides[key] = actors.side(quote.speaker_actor) if quote.speaker_actor else None
        if quote.kind != INDIRECT:
            words[key] += quote_words(quote)
        else:
            reported[key] += 1
    total = sum(words.values())
    speakers = [
        {
            "speaker": key,
            "side": sides[key],
            "quotes": counts[key],
            "reported": reported[key],
            "quoted_words": words[key],
            "share_of_quoted_words": round(words[key] / total, 3) if total else 0.0,
        }
        for key in sorted(counts, key=lambda k: (-words[k], -counts[k], k))
    ]
    return {
        "n_sources": len(speakers),
        "n_sides": len({side for side in sides.values() if side}),
        "anonymous_attributions": anonymous,
        "speakers": speakers,
        "unattributed_quotes": sum(
            1 for q in quotes if q.kind not in (SCARE, INDIRECT, HEADLINE) and q.speaker is None
        ),
        "headline_quotes": sum(1 for q in quotes if q.kind == HEADLINE),
        "scare_quotes": sum(1 for q in quotes if q.kind == SCARE),
    }
