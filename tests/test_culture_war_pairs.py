"""Even-handedness (issue 25): for every culture-war label one side uses, the other side's
counterpart is flagged too. The pairs are documented in lexicons/pairs/culture_war.tsv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from framing import Analyzer
from framing.categories import LOADED

PAIRS = Path(__file__).parents[1] / "lexicons" / "pairs" / "culture_war.tsv"


def _pairs() -> list[dict[str, str]]:
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(model=None)


def _flagged(analyzer: Analyzer, term: str) -> bool:
    sentence = f"The column was about the {term} again."
    start = sentence.index(term)
    return any(f.layer == LOADED and f.start <= start < f.end
               for f in analyzer.analyze(sentence).flags)


def test_the_table_documents_enough_pairs_with_a_reason_each():
    pairs = _pairs()
    assert len(pairs) >= 25
    assert all(p["topic"] and p["side_a"] and p["side_b"] and p["note"] for p in pairs)
    assert len({(p["side_a"], p["side_b"]) for p in pairs}) == len(pairs)


@pytest.mark.parametrize("pair", _pairs(), ids=lambda p: f"{p['side_a']}|{p['side_b']}")
def test_both_sides_of_every_pair_are_flagged_as_loaded(pair, analyzer):
    assert _flagged(analyzer, pair["side_a"]), pair["side_a"]
    assert _flagged(analyzer, pair["side_b"]), pair["side_b"]
