"""Register gold sets: short news texts with the loaded words a careful teacher marks.

``framing evaluate words --gold FILE``. A gold file is JSONL, one text per line:
``{"id": "tabloid-01", "register": "tabloid", "marked": "..."}``. In ``marked``,
``[[...]]`` is loaded wording in the writer's voice (it should be a loaded flag),
``{{...}}`` is a literal look-alike (it must not be one), and ``((...))`` is loaded
wording inside a quotation (it should be flagged in the speaker's voice, not the
writer's). Removing the marks gives the text that is analysed.

A writer's mark is found when a ``loaded`` flag in the author's voice overlaps it (a
quoted or distanced flag is someone else's words); such a flag overlapping no writer's
mark is a false flag, and a flag on a literal look-alike is counted on its own as well.

>>> text = parse_marked("x", "w", "A [[furious]] row over {{flood}} defences.")
>>> text.text, [text.text[s:e] for s, e in text.loaded], [text.text[s:e] for s, e in text.literal]
('A furious row over flood defences.', ['furious'], ['flood'])
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from framing.analyzer import Analyzer
from framing.categories import LOADED
from framing.errors import InputError
from framing.records import AUTHOR, QUOTED, Flag

_MARK = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}|\(\((.+?)\)\)", re.S)
GOLD_FILES = {"dev": "registers.jsonl", "heldout": "registers_heldout.jsonl"}

Span = tuple[int, int]


@dataclass(frozen=True)
class MarkedText:
    id: str
    register: str
    text: str
    loaded: tuple[Span, ...]
    literal: tuple[Span, ...]
    quoted: tuple[Span, ...]


def parse_marked(doc_id: str, register: str, marked: str) -> MarkedText:
    """The plain text and the spans of each kind of mark."""
    spans: dict[int, list[Span]] = {1: [], 2: [], 3: []}
    text, last = [], 0
    length = 0
    for match in _MARK.finditer(marked):
        text.append(marked[last:match.start()])
        length += match.start() - last
        kind = match.lastindex or 1
        inner = match.group(kind)
        spans[kind].append((length, length + len(inner)))
        text.append(inner)
        length += len(inner)
        last = match.end()
    text.append(marked[last:])
    plain = "".join(text)
    if any(token in plain for token in ("[[", "]]", "{{", "}}", "((", "))")):
        raise ValueError(f"{doc_id}: an unbalanced or nested mark")
    return MarkedText(doc_id, register, plain, tuple(spans[1]), tuple(spans[2]), tuple(spans[3]))


def read_gold(path: str | Path) -> list[MarkedText]:
    """Every text of a gold file; a bad line is an :class:`InputError` naming it."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError) as err:
        raise InputError(path, f"cannot be read ({err})") from None
    texts = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            texts.append(parse_marked(str(row["id"]), str(row.get("register", "")), row["marked"]))
        except (ValueError, KeyError, TypeError) as err:
            raise InputError(path, f"line {number}: not a gold text ({err})") from None
    if not texts:
        raise InputError(path, "holds no gold text")
    return texts


def shipped_gold(name: str = "dev") -> Path:
    """The path of a gold set that ships with the package: ``dev`` or ``heldout``."""
    return Path(str(resources.files("framing.evaluation").joinpath("gold", GOLD_FILES[name])))


@dataclass
class GoldScores:
    """Counts over a gold set, with the misses and false flags for a reader."""

    texts: int = 0
    marked: int = 0
    found: int = 0
    flags: int = 0
    true_flags: int = 0
    literal: int = 0
    literal_flagged: int = 0
    quoted: int = 0
    quoted_found: int = 0
    misses: list[str] = field(default_factory=list)
    false_flags: list[str] = field(default_factory=list)
    by_register: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    @property
    def recall(self) -> float:
        return self.found / self.marked if self.marked else 0.0

    @property
    def precision(self) -> float:
        return self.true_flags / self.flags if self.flags else 0.0

    @property
    def literal_per_10_texts(self) -> float:
        return 10 * self.literal_flagged / self.texts if self.texts else 0.0


def score_gold(texts: Iterable[MarkedText], analyzer: Analyzer | None = None) -> GoldScores:
    """Score the loaded flags of an analysis of every text against its marks."""
    analyzer = analyzer or Analyzer(model=None)
    scores = GoldScores()
    for gold in texts:
        flags = analyzer.analyze(gold.text, doc_id=gold.id).flags
        _score_one(scores, gold, [f for f in flags if f.layer == LOADED])
    return scores


def _score_one(scores: GoldScores, gold: MarkedText, loaded: list[Flag]) -> None:
    writer = [f for f in loaded if f.voice == AUTHOR]
    scores.texts += 1
    counts = scores.by_register[gold.register]
    for start, end in gold.loaded:
        hit = any(_overlaps(f, start, end) for f in writer)
        scores.marked += 1
        scores.found += hit
        counts[0] += hit
        counts[1] += 1
        if not hit:
            scores.misses.append(f"{gold.id}: {gold.text[start:end]!r}")
    for flag in writer:
        scores.flags += 1
        if any(_overlaps(flag, s, e) for s, e in gold.loaded):
            scores.true_flags += 1
        else:
            scores.false_flags.append(f"{gold.id}: {flag.text!r} ({flag.category})")
    for start, end in gold.literal:
        scores.literal += 1
        scores.literal_flagged += any(_overlaps(f, start, end) for f in writer)
    for start, end in gold.quoted:
        scores.quoted += 1
        scores.quoted_found += any(_overlaps(f, start, end) and f.voice == QUOTED for f in loaded)


def _overlaps(flag: Flag, start: int, end: int) -> bool:
    return flag.start < end and start < flag.end
