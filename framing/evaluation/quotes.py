"""Scores quotes, speakers and targets against a hand-written gold set.

The gold sets that ship (``framing/evaluation/gold/attribution*.jsonl``) were written for
this project: one JSON object per line with ``text``, ``quotes`` (each with the quoted
``text``, its ``speaker`` or null, its ``kind`` and optionally its ``verb_class`` and
``speaker_kind``) and ``targets`` (a flagged ``term`` and the ``actor`` it is aimed at, or
null). A gold ``speaker_kind`` of ``anonymous`` is checked against the quote's.

A predicted quote matches a gold quote when their spans overlap by at least half of the
longer one. Speaker accuracy compares entities, not strings (``speaker_match``): the
actor name or the speaker text names the gold speaker's entity when it is the same
string up to case, a determiner or possessive form, or a short form of it that keeps the
head (surname or head noun) and that no other gold speaker of the document shares, with
no other side than the gold one. The old string rule (case and a leading "a/an/the"
ignored) is reported beside it as "speaker accuracy (exact strings)".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from framing.analyzer import Analyzer
from framing.errors import InputError
from framing.evaluation.speaker_match import same_entity
from framing.records import Analysis, Quote

MIN_OVERLAP = 0.5
QUOTATION, REPORTED = "quotation", "reported"
_GROUP_OF = {"direct": QUOTATION, "partial": QUOTATION, "indirect": REPORTED}


@dataclass
class GoldScores:
    """Counts behind quote precision/recall, speaker, stance, kind and target accuracy."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    speakers: list[bool] = field(default_factory=list)
    #: speakers under the old string rule (case and a leading "a/an/the" ignored)
    speakers_exact: list[bool] = field(default_factory=list)
    stances: list[bool] = field(default_factory=list)
    kinds: list[bool] = field(default_factory=list)
    targets: list[bool] = field(default_factory=list)
    anonymous: list[bool] = field(default_factory=list)
    sides: list[bool] = field(default_factory=list)
    #: Per group ("quotation": direct and partial; "reported": indirect speech), the
    #: counts [gold, predicted, gold found, predicted matched].
    groups: dict[str, list[int]] = field(
        default_factory=lambda: {QUOTATION: [0, 0, 0, 0], REPORTED: [0, 0, 0, 0]})
    misses: list[str] = field(default_factory=list)

    def as_rows(self) -> list[tuple[str, str, str]]:
        def rate(hits: int, total: int) -> str:
            return f"{hits / total:.3f}" if total else "n/a"

        return [
            (
                "quote precision",
                rate(self.matched, self.predicted),
                f"{self.matched}/{self.predicted}",
            ),
            ("quote recall", rate(self.matched, self.gold), f"{self.matched}/{self.gold}"),
            (
                "speaker accuracy",
                rate(sum(self.speakers), len(self.speakers)),
                f"{sum(self.speakers)}/{len(self.speakers)}",
            ),
            (
                "speaker accuracy (exact strings)",
                rate(sum(self.speakers_exact), len(self.speakers_exact)),
                f"{sum(self.speakers_exact)}/{len(self.speakers_exact)}",
            ),
            (
                "kind accuracy",
                rate(sum(self.kinds), len(self.kinds)),
                f"{sum(self.kinds)}/{len(self.kinds)}",
            ),
            (
                "verb stance accuracy",
                rate(sum(self.stances), len(self.stances)),
                f"{sum(self.stances)}/{len(self.stances)}",
            ),
            (
                "anonymous-source accuracy",
                rate(sum(self.anonymous), len(self.anonymous)),
                f"{sum(self.anonymous)}/{len(self.anonymous)}",
            ),
            (
                "target accuracy",
                rate(sum(self.targets), len(self.targets)),
                f"{sum(self.targets)}/{len(self.targets)}",
            ),
            (
                "side accuracy",
                rate(sum(self.sides), len(self.sides)),
                f"{sum(self.sides)}/{len(self.sides)}",
            ),
            *self._group_rows(rate),
        ]

    def _group_rows(self, rate) -> list[tuple[str, str, str]]:
        rows = []
        for group, (gold, predicted, found, matched) in self.groups.items():
            if gold:
                rows.append((f"{group} recall", rate(found, gold), f"{found}/{gold}"))
                rows.append((f"{group} precision", rate(matched, predicted), f"{matched}/{predicted}"))
        return rows


def default_gold_path() -> Path:
    return Path(str(resources.files("framing.evaluation").joinpath("gold", "attribution.jsonl")))


def default_gold_sets() -> list[Path]:
    """The development gold set (rules were tuned on it), the held-out one, and the news
    registers set (tabloid, sport, business, wire; written for issue 18 before tuning)."""
    dev = default_gold_path()
    names = ("attribution_heldout.jsonl", "attribution_news.jsonl")
    return [dev, *(dev.with_name(name) for name in names)]


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(path, f"cannot read the gold set ({err.strerror or err})") from None
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            item["text"], item.setdefault("quotes", []), item.setdefault("targets", [])
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise InputError(f"{path}:{number}", f"not a gold item ({err})") from None
        items.append(item)
    return items


def evaluate_gold(items: Iterable[dict[str, Any]], analyzer: Analyzer | None = None) -> GoldScores:
    """Quotes, speakers, kinds, verb stances and targets against a gold set.

    The default analyzer shows every lexicon flag (no confidence model): the targets
    measured are those of the loaded words the gold set names, whether or not the
    confidence threshold would show them; the threshold is measured on BABE.
    """
    analyzer = analyzer or Analyzer(model=None, word_model=None)
    scores = GoldScores()
    for item in items:
        _score_item(item, analyzer.analyze(item["text"]), scores)
    return scores


def _score_item(item: dict[str, Any], analysis: Analysis, scores: GoldScores) -> None:
    text = analysis.text
    predicted = list(analysis.quotes)
    scores.predicted += len(predicted)
    scores.gold += len(item["quotes"])
    used: set[int] = set()
    sides = {row["speaker"]: row["side"] for row in analysis.summary["sources"]["speakers"]}
    for gold in item["quotes"]:
        group = _GROUP_OF.get(gold["kind"])
        if group:
            scores.groups[group][0] += 1
        start = text.find(gold["text"])
        match = (
            _best_match(predicted, start, start + len(gold["text"]), used) if start >= 0 else None
        )
        if match is None:
            scores.misses.append(f"missed quote {gold['text']!r} in {text!r}")
            continue
        used.add(match)
        quote = predicted[match]
        scores.matched += 1
        if group:
            scores.groups[group][2] += 1
        if "side" in gold:
            scores.sides.append(_same_side(quote, sides, gold["side"]))
            if not scores.sides[-1]:
                scores.misses.append(f"side of {quote.speaker!r}, gold {gold['side']!r}: {gold['text']!r}")
        scores.kinds.append(quote.kind == gold["kind"])
        if not scores.kinds[-1]:
            scores.misses.append(f"kind {quote.kind}, gold {gold['kind']}: {gold['text']!r}")
        if gold["kind"] != "scare":
            scores.speakers_exact.append(_same_speaker(quote, gold.get("speaker")))
            scores.speakers.append(
                scores.speakers_exact[-1] or _same_entity(quote, gold, item["quotes"], sides)
            )
            if not scores.speakers[-1]:
                found = f"{quote.speaker!r} / {quote.speaker_actor!r}"
                scores.misses.append(f"speaker {found}, gold {gold.get('speaker')!r}: {text!r}")
        if gold.get("verb_class"):
            scores.stances.append(quote.verb_class == gold["verb_class"])
            if not scores.stances[-1]:
                scores.misses.append(
                    f"stance {quote.verb_class}, gold {gold['verb_class']}: {gold['text']!r}"
                )
        if gold.get("speaker"):
            # every named gold speaker counts: anonymous ones must be marked, others must not
            wanted = gold.get("speaker_kind") == "anonymous"
            scores.anonymous.append((quote.speaker_kind == "anonymous") == wanted)
            if not scores.anonymous[-1]:
                scores.misses.append(f"speaker kind {quote.speaker_kind}: {gold['text']!r}")
    for index, quote in enumerate(predicted):
        group = _GROUP_OF.get(quote.kind)
        if group:
            scores.groups[group][1] += 1
            scores.groups[group][3] += index in used
        if index not in used:
            scores.misses.append(f"extra {quote.kind} quote {quote.text!r}")
    for gold in item["targets"]:
        same = [f for f in analysis.flags if f.text.lower() == gold["term"].lower()]
        # a word can carry a device flag too ("GREEDY" is also all caps): aim is the loaded one's
        flag = next((f for f in same if f.polarity), same[0] if same else None)
        hit = flag is not None and (flag.target or None) == gold["actor"]
        scores.targets.append(hit)
        if not hit:
            found = flag.target if flag else "not flagged"
            scores.misses.append(f"target of {gold['term']!r}: {found}, gold {gold['actor']!r}")


def _best_match(quotes: list[Quote], start: int, end: int, used: set[int]) -> int | None:
    best, best_overlap = None, 0.0
    for index, quote in enumerate(quotes):
        if index in used:
            continue
        overlap = min(end, quote.end) - max(start, quote.start)
        share = overlap / max(end - start, quote.end - quote.start, 1)
        if share >= MIN_OVERLAP and share > best_overlap:
            best, best_overlap = index, share
    return best


def _same_side(quote: Quote, sides: dict[str, str | None], gold: str | None) -> bool:
    """The quote's side (its speaker's principal; a speaker with none speaks for itself)."""
    key = quote.speaker_actor or quote.speaker
    if key is None or gold is None:
        return key is None and gold is None
    principal = sides.get(key)
    if principal:
        return _bare_description(gold) == _bare_description(principal)
    names = {_bare_description(key), _bare_description(quote.speaker or "")}
    return _bare_description(gold) in names


def _same_speaker(quote: Quote, gold: str | None) -> bool:
    """The actor or the speaker text, ignoring case and a leading article: gold sets write
    a description with ("a police spokeswoman") or without it ("police spokeswoman")."""
    if gold is None:
        return quote.speaker is None
    names = {_bare_description(quote.speaker or ""), _bare_description(quote.speaker_actor or "")}
    return _bare_description(gold) in names


def _same_entity(
    quote: Quote, gold: dict[str, Any], golds: list[dict[str, Any]], sides: dict[str, str | None]
) -> bool:
    """The quote's speaker names the gold speaker's entity (``speaker_match``)."""
    if not gold.get("speaker") or not quote.speaker:
        return False
    others = {other.get("speaker") for other in golds} - {None, gold["speaker"]}
    principal = sides.get(quote.speaker_actor or quote.speaker)
    names = [name for name in (quote.speaker, quote.speaker_actor) if name]
    return same_entity(names, gold["speaker"], sorted(others), principal, gold.get("side"))


def _bare_description(name: str) -> str:
    words = name.lower().split()
    return " ".join(words[1:] if words[:1] in (["a"], ["an"], ["the"]) else words)
