"""The data model: frozen records whose spans are character offsets into the analysed text.

Every record with ``start``/``end`` satisfies ``analysis.text[start:end] == record.text``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

#: Bumped whenever a field of the JSON output is renamed, removed or changes meaning.
SCHEMA_VERSION = "1.0"

AUTHOR = "author"
QUOTED = "quoted"


@dataclass(frozen=True, slots=True)
class Token:
    """One word, number or punctuation mark; ``norm`` is its lowercase matching form."""

    start: int
    end: int
    text: str
    norm: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence with its word tokens; ``paragraph`` counts from 0."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True, slots=True)
class Flag:
    """One finding: a span of loaded wording and the reason it was flagged.

    ``voice`` is ``"author"`` or ``"quoted"``; ``lexicon`` names the lexicon file or
    pattern scorer that produced it; ``target`` is the actor it is aimed at, if known.
    """

    start: int
    end: int
    text: str
    category: str
    term: str
    weight: float
    polarity: int
    voice: str
    rationale: str
    alternative: str
    lexicon: str
    target: str | None = None
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """A stretch of quoted speech, with its speaker and attribution verb where known."""

    start: int
    end: int
    text: str
    speaker: str | None = None
    verb: str | None = None
    verb_class: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A mention of a person, country or institution, grouped under one actor name."""

    start: int
    end: int
    actor: str


@dataclass(frozen=True, slots=True)
class SentenceResult:
    """A sentence with everything found in it."""

    sentence: Sentence
    flags: tuple[Flag, ...] = ()
    quote: Quote | None = None
    frames: dict[str, float] = field(default_factory=dict)
    slant_probability: float | None = None
    quoted_share: float = 0.0
    explanation: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Slant:
    """The article's slant: 0 (neutral wording) to 100 (strongly slanted)."""

    score: float
    label: str
    confidence: float
    explanation: str
    method: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of analysing one document."""

    doc_id: str | None
    text: str
    meta: dict[str, Any]
    sentences: tuple[SentenceResult, ...]
    slant: Slant
    summary: dict[str, Any]

    @property
    def flags(self) -> list[Flag]:
        """All flags of the document in text order."""
        return [flag for result in self.sentences for flag in result.flags]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with a ``schema_version``; tokens are left out."""
        return {
            "schema_version": SCHEMA_VERSION,
            "doc_id": self.doc_id,
            "meta": dict(self.meta),
            "text": self.text,
            "slant": asdict(self.slant),
            "summary": self.summary,
            "sentences": [_sentence_dict(result) for result in self.sentences],
        }

    def to_json(self, indent: int | None = None) -> str:
        """The analysis as a JSON string (UTF-8 safe, non-ASCII kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def sentences_frame(self) -> pd.DataFrame:
        """One row per sentence: offsets, text, slant probability and flag counts."""
        return pd.DataFrame(self.sentence_rows(), columns=SENTENCE_COLUMNS)

    def sentence_rows(self) -> list[dict[str, Any]]:
        """The rows of :meth:`sentences_frame` as dicts (a batch joins many documents' rows)."""
        return [
            {
                "doc_id": self.doc_id,
                "sentence": r.sentence.index,
                "paragraph": r.sentence.paragraph,
                "start": r.sentence.start,
                "end": r.sentence.end,
                "text": r.sentence.text,
                "slant_probability": r.slant_probability,
                "quoted_share": r.quoted_share,
                "top_features": "; ".join(name for name, _ in r.explanation),
                "n_flags": len(r.flags),
                "n_author_flags": sum(f.voice == AUTHOR for f in r.flags),
                "quoted": r.quote is not None,
            }
            for r in self.sentences
        ]

    def flags_frame(self) -> pd.DataFrame:
        """One row per flag, with the index of the sentence it is in."""
        return pd.DataFrame(self.flag_rows(), columns=FLAG_COLUMNS)

    def flag_rows(self) -> list[dict[str, Any]]:
        """The rows of :meth:`flags_frame` as dicts."""
        return [
            {"doc_id": self.doc_id, "sentence": r.sentence.index, **asdict(flag)}
            for r in self.sentences
            for flag in r.flags
        ]


SENTENCE_COLUMNS = [
    "doc_id", "sentence", "paragraph", "start", "end", "text",
    "slant_probability", "quoted_share", "top_features", "n_flags", "n_author_flags", "quoted",
]
FLAG_COLUMNS = ["doc_id", "sentence", *Flag.__dataclass_fields__]


def _sentence_dict(result: SentenceResult) -> dict[str, Any]:
    s = result.sentence
    return {
        "index": s.index,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "paragraph": s.paragraph,
        "slant_probability": result.slant_probability,
        "quoted_share": result.quoted_share,
        "explanation": [
            {"feature": name, "contribution": value} for name, value in result.explanation
        ],
        "flags": [asdict(flag) for flag in result.flags],
        "quote": asdict(result.quote) if result.quote else None,
        "frames": dict(result.frames),
    }
