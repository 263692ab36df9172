"""The data model: frozen records whose spans are character offsets into the analysed text.

Every record with ``start``/``end`` satisfies ``analysis.text[start:end] == record.text``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import asdict, dataclass, field, fields
from operator import attrgetter
from typing import Any, NamedTuple

from framing.categories import LOADED
from framing.lazy import lazy_module
from framing.schema import SCHEMA_VERSION, conform, meta_cells, names

pd = lazy_module("pandas")  # imported when a table is first built

AUTHOR = "author"
QUOTED = "quoted"
#: A loaded word the writer marks as someone else's ("perceived", "so-called", scare quotes).
DISTANCED = "distanced"

#: Sentence roles: only ``headline`` and ``body`` sentences are scored and flagged.
HEADLINE = "headline"
BODY = "body"
BYLINE = "byline"
DATELINE = "dateline"
FURNITURE = "furniture"


class Token(NamedTuple):
    """One word, number or punctuation mark; ``norm`` is its lowercase matching form.

    A named tuple rather than a frozen dataclass: documents have hundreds of thousands of
    tokens, and a tuple is several times cheaper to build.
    """

    start: int
    end: int
    text: str
    norm: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence with its word tokens; ``paragraph`` counts from 0.

    ``role`` is ``body``, ``headline``, ``byline``, ``dateline`` or ``furniture``.
    """

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    tokens: tuple[Token, ...] = ()
    role: str = BODY


@dataclass(frozen=True, slots=True)
class Flag:
    """One finding: a span of loaded wording and the reason it was flagged.

    ``voice`` is ``"author"``, ``"quoted"`` or ``"distanced"``; ``lexicon`` names the
    lexicon file or pattern scorer that produced it; ``target`` is the actor it is aimed
    at, if known. ``layer`` is ``"loaded"`` or ``"device"`` (see
    :func:`framing.categories.layer_of`); ``confidence`` is the calibrated probability
    that a media-bias annotator would mark the span, when known. ``reported`` marks an
    author-voice flag inside reported speech without quotation marks ("Officials said the
    reckless plan ..."): the words are the writer's paraphrase, so they stay the author's,
    but they summarise someone else.
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
    layer: str = LOADED
    confidence: float | None = None
    reported: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """A stretch of quoted or reported speech, with its speaker and attribution verb.

    ``kind`` is ``direct`` (a quotation in its own right), ``partial`` (a quoted fragment
    inside the author's sentence), ``scare`` (a short quoted phrase with no speaker) or
    ``indirect`` (``X said that ...``, no quotation marks: the span is the reported
    content). ``speaker`` is a name or a description ("a White House spokesperson");
    ``speaker_actor`` the actor it resolves to; ``verb_class`` is ``neutral``,
    ``doubt-casting`` or ``endorsing``. ``speaker_kind`` is ``named`` (the speaker
    resolves to an actor), ``description`` ("a league spokesman"), ``anonymous``
    ("sources", "one insider", "officials said"): counted apart, never as a side) or
    None when there is no speaker. Quotations in a headline have ``kind`` ``headline``
    and no speaker.
    """

    start: int
    end: int
    text: str
    speaker: str | None = None
    verb: str | None = None
    verb_class: str | None = None
    kind: str = "direct"
    speaker_actor: str | None = None
    speaker_kind: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A mention of a person, country or institution, grouped under one actor name."""

    start: int
    end: int
    text: str
    actor: str
    kind: str = "name"


@dataclass(frozen=True, slots=True)
class FrameCue:
    """A word or phrase that signals a policy frame or a moral foundation.

    ``kind`` is ``"policy"`` (``frame`` is one of the 15 frame ids, e.g.
    ``"security_and_defense"``) or ``"moral"`` (``frame`` is a foundation and its side,
    e.g. ``"care_vice"``); ``term`` is the cue-lexicon entry that matched.
    """

    start: int
    end: int
    text: str
    frame: str
    term: str
    weight: float
    kind: str = "policy"


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
    #: Frame and moral-foundation cues of the sentence (``frames`` holds the shares).
    frame_cues: tuple[FrameCue, ...] = ()
    #: Moral-foundation cue counts, e.g. ``{"care_vice": 2, "loyalty_virtue": 1}``.
    moral: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Slant:
    """The article's slant: 0 (neutral wording) to 100 (strongly slanted).

    A text that cannot be judged (too short, only quoted speech, not an article) has no
    ``score`` or ``confidence`` (None); its ``label`` says why.
    """

    score: float | None
    label: str
    confidence: float | None
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
    quotes: tuple[Quote, ...] = ()
    mentions: tuple[ActorMention, ...] = ()

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
            "quotes": [asdict(quote) for quote in self.quotes],
            "mentions": [asdict(mention) for mention in self.mentions],
        }

    def to_json(self, indent: int | None = None) -> str:
        """The analysis as a JSON string (UTF-8 safe, non-ASCII kept)."""
        return dumps(self.to_dict(), indent=indent)

    def sentences_frame(self) -> pd.DataFrame:
        """One row per sentence: offsets, role, text, slant probability and flag counts.

        Every table of an analysis has the columns of :mod:`framing.schema`, with the
        ``meta`` keys after ``doc_id``.
        """
        return self._table(self.sentence_rows(), "sentences")

    def sentence_rows(self) -> list[dict[str, Any]]:
        """The rows of :meth:`sentences_frame` as dicts (a batch joins many documents' rows)."""
        head = self._row_head()
        return [
            {
                **head,
                **_numbered(r.sentence.index),
                "paragraph": r.sentence.paragraph,
                "role": r.sentence.role,
                "start": r.sentence.start,
                "end": r.sentence.end,
                "text": r.sentence.text,
                "slant_probability": r.slant_probability,
                "quoted_share": r.quoted_share,
                "top_features": [name for name, _ in r.explanation],
                "n_flags": len(r.flags),
                "n_author_flags": sum(f.voice == AUTHOR and not f.negated for f in r.flags),
                "quoted": r.quote is not None,
            }
            for r in self.sentences
        ]

    def frames_frame(self) -> pd.DataFrame:
        """One row per sentence and frame (long format), policy frames and moral foundations.

        ``kind`` is ``policy`` or ``moral``, ``frame`` a frame id or a foundation and side
        such as ``care_vice``, ``share`` its share of the sentence's policy-cue weight or
        moral cues, ``weight`` the summed cue weight, ``n_cues`` and ``cues`` (the
        matched words, a list). Sentences without cues have no rows.
        """
        return self._table(self.frame_rows(), "frames")

    def frame_rows(self) -> list[dict[str, Any]]:
        """The rows of :meth:`frames_frame` as dicts."""
        head = self._row_head()
        return [
            {**head, **_numbered(r.sentence.index), **row}
            for r in self.sentences
            for row in _frame_rows(r)
        ]

    def flags_frame(self) -> pd.DataFrame:
        """One row per flag, with the index and number of the sentence it is in."""
        return self._table(self.flag_rows(), "flags")

    def flag_rows(self) -> list[dict[str, Any]]:
        """The rows of :meth:`flags_frame` as dicts."""
        head = self._row_head()
        rows = []
        for r in self.sentences:
            if r.flags:
                where = {**head, **_numbered(r.sentence.index)}
                rows += [_flag_row(where, flag) for flag in r.flags]
        return rows

    def quotes_frame(self) -> pd.DataFrame:
        """One row per quotation or reported statement, with speaker, verb and stance."""
        return self._table(self.quote_rows(), "quotes")

    def quote_rows(self) -> list[dict[str, Any]]:
        """The rows of :meth:`quotes_frame` as dicts."""
        head = self._row_head()
        starts = [r.sentence.start for r in self.sentences]
        return [
            {**head, **_numbered(self._sentence_at(starts, quote.start)),
             **_fields(quote, _QUOTE_GETTER, _QUOTE_FIELDS)}
            for quote in self.quotes
        ]

    def actors_frame(self) -> pd.DataFrame:
        """One row per actor: mentions, quotes, verbs by stance, loaded words aimed at it."""
        return self._table(self.actor_rows(), "actors")

    def actor_rows(self) -> list[dict[str, Any]]:
        """The rows of :meth:`actors_frame` as dicts."""
        head = self._row_head()
        return [{**head, **_flat_actor(row)} for row in self.summary.get("actors", [])]

    def _row_head(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, **meta_cells(self.meta)}

    def _table(self, rows: list[dict[str, Any]], table: str) -> pd.DataFrame:
        return conform(rows, table, list(meta_cells(self.meta)))

    def _sentence_at(self, starts: list[int], offset: int) -> int | None:
        position = bisect_right(starts, offset) - 1
        return self.sentences[position].sentence.index if position >= 0 else None


def _numbered(index: int | None) -> dict[str, int | None]:
    """A sentence's 0-based ``sentence_index`` and 1-based ``sentence_no``."""
    return {"sentence_index": index, "sentence_no": None if index is None else index + 1}


def _fields(record: Any, getter: attrgetter, names_: tuple[str, ...]) -> dict[str, Any]:
    # one attrgetter call: dataclasses.asdict deep-copies, which costs in a large batch
    return dict(zip(names_, getter(record), strict=True))


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(value: Any, indent: int | None = None) -> str:
    """JSON with non-ASCII characters kept as they are, except lone surrogates.

    A Python string can hold a lone surrogate (U+D800 to U+DFFF), which UTF-8 cannot
    encode; it is written as a ``\\udxxx`` escape so the output always encodes, and
    ``json.loads`` gives the same string back (except that a high surrogate directly
    followed by a low one reads back as the one character the pair encodes, as JSON
    defines).

    >>> dumps({"t": "é\\ud800"})
    '{"t": "é\\\\ud800"}'
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def replace_lone_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (which UTF-8 cannot encode) replaced by U+FFFD.

    >>> replace_lone_surrogates("a\\udcffb") == "a\\ufffdb"
    True
    """
    return _LONE_SURROGATE.sub("\ufffd", text)


# C0 and C1 controls (ESC starts a sequence that can retitle or clear a terminal, and
# 0x9b does so alone on terminals that honour 8-bit controls), DEL, bidirectional
# overrides that make text read in another order, line separators, lone surrogates.
_NOT_FOR_TERMINALS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029\ud800-\udfff]"
)


def plural(n: int, word: str, words: str | None = None) -> str:
    """A count with its noun: "1 loaded word", "2 loaded words" (the writers' one rule).

    >>> plural(1, "quote"), plural(3, "quote"), plural(2, "is", "are")
    ('1 quote', '3 quotes', '2 are')
    """
    return f"{n} {word if n == 1 else words or word + 's'}"


def printable(text: str, *, newlines: bool = False) -> str:
    """``text`` fit for a terminal: each control character becomes U+FFFD, a tab a space.

    Every string from data (article text, file names, outlet names, lexicon
    rationales) goes through this before it is printed. Line feeds are kept only with
    ``newlines``, for messages that are meant to span lines.

    >>> printable("Daily\x1b]0;pwned\x07 News\tA") == "Daily\ufffd]0;pwned\ufffd News A"
    True
    """
    text = _NOT_FOR_TERMINALS.sub("\ufffd", text.replace("\t", " "))
    return text if newlines else text.replace("\n", "\ufffd")


def to_frame(rows: list[dict[str, Any]], columns: list[str] | None = None) -> pd.DataFrame:
    """A DataFrame of record rows; lone surrogates in strings become U+FFFD.

    pandas' Arrow-backed strings cannot hold a lone surrogate; the replacement is one
    character for one, so offsets still index the text.
    """
    def clean(value: Any) -> Any:
        return replace_lone_surrogates(value) if isinstance(value, str) else value

    return pd.DataFrame([{k: clean(v) for k, v in row.items()} for row in rows], columns=columns)



def _flat_actor(row: dict[str, Any]) -> dict[str, Any]:
    flat = {key: value for key, value in row.items() if not isinstance(value, dict)}
    for group in ("verbs", "aimed"):
        for key, value in row.get(group, {}).items():
            flat[f"{group}_{key}".replace("-", "_")] = value
    return flat


_FLAG_FIELDS = tuple(f.name for f in fields(Flag))
_QUOTE_FIELDS = tuple(f.name for f in fields(Quote))
_FLAG_GETTER = attrgetter(*_FLAG_FIELDS)
_QUOTE_GETTER = attrgetter(*_QUOTE_FIELDS)
#: Column names of the tables without metadata (see :mod:`framing.schema`).
SENTENCE_COLUMNS = names("sentences")
FLAG_COLUMNS = names("flags")
QUOTE_COLUMNS = names("quotes")
ACTOR_COLUMNS = names("actors")
FRAME_COLUMNS = names("frames")


def _sentence_dict(result: SentenceResult) -> dict[str, Any]:
    s = result.sentence
    return {
        **_numbered(s.index),
        "role": s.role,
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
        "moral": dict(result.moral),
        "frame_cues": [asdict(cue) for cue in result.frame_cues],
    }


def _frame_rows(result: SentenceResult) -> list[dict[str, Any]]:
    """Rows of :meth:`Analysis.frames_frame` for one sentence (without doc and index)."""
    rows = []
    for kind, shares in (("policy", result.frames), ("moral", _shares(result.moral))):
        for frame, share in shares.items():
            cues = [c for c in result.frame_cues if c.kind == kind and c.frame == frame]
            rows.append({
                "kind": kind, "frame": frame, "share": share,
                "weight": round(sum(c.weight for c in cues), 3), "n_cues": len(cues),
                "cues": [c.text for c in cues],
            })
    return rows


def _shares(counts: dict[str, int]) -> dict[str, float]:
    total = sum(counts.values())
    return {k: round(v / total, 3) for k, v in counts.items()} if total else {}


def _flag_row(where: dict[str, Any], flag: Flag) -> dict[str, Any]:
    """A flag as a table row; no alternative is a missing cell (not ``''``), so that CSV
    and Parquet read back the same."""
    row = {**where, **_fields(flag, _FLAG_GETTER, _FLAG_FIELDS)}
    row["alternative"] = row["alternative"] or None
    return row
