"""Sense rules (issue 25): a curated entry is flagged unless one of its own rules says the
use is literal. Every rule of every shipped entry has a literal and a loaded example in
tests/data/senses.tsv, and both are checked."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from framing import Analyzer
from framing.categories import LOADED
from framing.errors import LexiconError
from framing.lexicon import builtin_entries, parse_lexicon
from framing.senses import parse_senses

EXAMPLES = Path(__file__).parent / "data" / "senses.tsv"
HEADER = b"term\tcategory\tweight\tpolarity\trationale\talternative\tforms\tliteral_when\n"


def _examples() -> list[dict[str, str]]:
    with EXAMPLES.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                if row["term"] and not row["term"].startswith("#")]


def _shipped_rules() -> set[tuple[str, str]]:
    return {(e.term, rule.text) for e in builtin_entries() for rule in e.senses}


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(model=None)


def _loaded_on(analyzer: Analyzer, sentence: str, term: str) -> list[str]:
    """The loaded flags that hold the term in any of its forms ("deluge of" holds "deluge")."""
    forms = {form for e in builtin_entries() if e.term == term for form in e.forms}
    return [f.text for f in analyzer.analyze(sentence).flags
            if f.layer == LOADED and forms & _phrases(f.text.lower())]


def _phrases(text: str) -> set[str]:
    words = text.split()
    return {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}


def test_every_shipped_sense_rule_has_a_literal_and_a_loaded_example():
    written = {(row["term"], parse_senses(row["rule"])[0].text) for row in _examples()}
    missing = sorted(_shipped_rules() - written)
    assert not missing, f"sense rules without examples in {EXAMPLES.name}: {missing[:10]}"
    assert _shipped_rules(), "the shipped lexicons should have sense rules"


@pytest.mark.parametrize("row", _examples(), ids=lambda r: f"{r['term']}|{r['rule']}")
def test_a_sense_rule_makes_its_literal_example_literal_and_leaves_the_loaded_one(row, analyzer):
    assert _loaded_on(analyzer, row["literal"], row["term"]) == [], row["literal"]
    assert _loaded_on(analyzer, row["loaded"], row["term"]), row["loaded"]


def _one_entry(literal_when: str):
    data = HEADER + f"flood\tloaded_negative\t0.6\t-1\tWhy.\tarrive\t\t{literal_when}\n".encode()
    return parse_lexicon(data, "mine.tsv")


def _flagged(literal_when: str, sentence: str, tmp_path) -> bool:
    path = tmp_path / "mine.tsv"
    path.write_bytes(HEADER + f"flood\tloaded_negative\t0.6\t-1\tWhy.\tarrive\t\t{literal_when}\n".encode())
    flags = Analyzer([path], builtin_lexicons=False, model=None).analyze(sentence).flags
    return any(f.term == "flood" for f in flags)


@pytest.mark.parametrize(("rule", "literal", "loaded"), [
    ("before:flash", "A flash flood hit the town.", "A sudden flood of complaints hit the town."),
    ("after:defences", "The flood defences held overnight.", "A flood of migrants arrived, he wrote."),
    ("near:river,rain*", "After days of rainfall the water began to flood the lower streets.",
     "Cheap imports will flood the market, the report said."),
    ("name", "Tickets for the Flood Festival sold out.", "Critics expect a flood of lawsuits."),
])
def test_each_kind_of_rule(rule, literal, loaded, tmp_path):
    assert not _flagged(rule, literal, tmp_path)
    assert _flagged(rule, loaded, tmp_path)


def test_near_looks_five_words_either_side_only(tmp_path):
    assert not _flagged("near:river", "Water from the river may flood it.", tmp_path)
    far = "The river was calm, but officials said that new rules could flood the courts."
    assert _flagged("near:river", far, tmp_path)


def test_name_rule_ignores_title_case_and_capital_headlines(tmp_path):
    assert _flagged("name", "MIGRANTS FLOOD THE TOWN", tmp_path)
    assert _flagged("name", "Migrants Flood The Town Again", tmp_path)
    assert _flagged("name", "Flood of complaints hits council.", tmp_path)


@pytest.mark.parametrize(("field", "problem"), [
    ("beside:river", "must start with before:, after:, near: or be name"),
    ("near:", "empty word"),
    ("near:river,,dam", "empty word"),
    ("after:Flood Plain", "is not one lowercase word"),
    ("name:x", "must start with"),
])
def test_a_bad_rule_is_an_error_naming_file_line_and_column(field, problem):
    with pytest.raises(LexiconError) as caught:
        _one_entry(field)
    assert str(caught.value).startswith("mine.tsv:2:8: ") and problem in str(caught.value)


def test_a_word_list_with_a_prefix_star_matches_every_ending():
    (rule,) = parse_senses("near:rain*")
    assert rule.applies(["the", "rainy", "season", "floods"], 3, 4, False)
    assert not rule.applies(["the", "train", "floods"], 2, 3, False)
