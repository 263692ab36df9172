"""Flags in two layers: loaded wording counts, framing devices are shown but never counted."""

import pytest

from framing.analyzer import Analyzer
from framing.categories import DEVICE, LOADED, layer_of
from framing.errors import LexiconError
from framing.lexicon import parse_lexicon

HEADER = "term\tcategory\tweight\tpolarity\trationale\talternative\tforms\tlayer\tconfidence\n"


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(model=None, word_model=None)  # every lexicon flag: the mechanism, not the threshold


@pytest.mark.parametrize(("category", "layer"), [
    ("loaded_negative", LOADED), ("label", LOADED), ("intensifier", LOADED),
    ("exaggeration", LOADED), ("fear", LOADED), ("euphemism", LOADED), ("so_called", LOADED),
    ("expert_like", LOADED), ("hedge", DEVICE), ("booster", DEVICE), ("implicative", DEVICE),
    ("factive", DEVICE), ("attribution_doubt", DEVICE), ("stance_marker", DEVICE),
    ("all_caps", DEVICE), ("rhetorical_question", DEVICE), ("scare_quote", DEVICE),
])
def test_every_category_has_its_layer(category, layer):
    assert layer_of(category) == layer


def test_every_shipped_category_is_documented_with_its_layer():
    from importlib import resources

    from framing.lexicon import load_lexicon

    readme = resources.files("framing.lexicons").joinpath("README.md").read_text("utf-8")
    layer_table = readme.split("## Layers", 1)[1].split("## Loaded wording", 1)[0]
    for category in load_lexicon().categories():
        if category != "exception":
            assert f"`{category}`" in layer_table, category


def test_neutral_attribution_verbs_are_never_flags(analyzer):
    text = "The minister said she would reiterate the plan and predict a surplus, she told reporters."
    assert [f.text for f in analyzer.analyze(text).flags] == []


def test_devices_do_not_make_the_most_loaded_terms(analyzer):
    text = ("However, the company refused to comment. Still, critics slammed the reckless plan. "
            "The board refused to answer.")
    analysis = analyzer.analyze(text)
    assert {f.layer for f in analysis.flags} == {LOADED, DEVICE}
    terms = [row["term"] for row in analysis.summary["top_terms"]]
    assert "refused to" not in terms and "however" not in terms and "still" not in terms
    assert "slam" in terms and "reckless" in terms
    assert analysis.summary["n_loaded_author_flags"] == 2


def parse(row: str):
    return parse_lexicon((HEADER + row).encode(), "mine.tsv")


def test_a_row_may_set_its_layer_and_confidence():
    (entry,) = parse("gizmo\tmy_words\t0.5\t-1\tWhy.\t\t\tdevice\t0.7\n")
    assert (entry.flag_layer, entry.confidence) == (DEVICE, 0.7)
    (plain,) = parse("gizmo\tmy_words\t0.5\t-1\tWhy.\t\t\t\t\n")
    assert (plain.flag_layer, plain.confidence) == (LOADED, None)


@pytest.mark.parametrize(("row", "column", "words"), [
    ("gizmo\tmine\t0.5\t-1\tWhy.\t\t\tshouty\t\n", 8, "layer 'shouty'"),
    ("gizmo\tmine\t0.5\t-1\tWhy.\t\t\t\t1.5\n", 9, "outside 0 to 1"),
    ("gizmo\tmine\t0.5\t-1\tWhy.\t\t\t\t-0.1\n", 9, "outside 0 to 1"),
    ("gizmo\tmine\t0.5\t-1\tWhy.\t\t\t\tnan\n", 9, "outside 0 to 1"),
    ("gizmo\tmine\t0.5\t-1\tWhy.\t\t\t\tsure\n", 9, "not a number"),
])
def test_bad_layer_or_confidence_is_one_line_with_file_line_column(row, column, words):
    with pytest.raises(LexiconError) as info:
        parse(row)
    message = str(info.value)
    assert message.startswith(f"mine.tsv:2:{column}: ") and words in message
    assert "\n" not in message


def test_seed_article_targets(sample_text):
    analysis = Analyzer().analyze(sample_text)
    loaded_author = {f.text.lower() for f in analysis.flags if f.layer == LOADED and f.voice == "author"}
    assert {"bellicose", "intransigent", "so-called"} <= loaded_author
    loaded = {f.text.lower() for f in analysis.flags if f.layer == LOADED}
    assert not loaded & {"refused to", "however", "still", "said"}
    terms = [row["term"] for row in analysis.summary["top_terms"]]
    assert "refused to" not in terms and "of course" not in terms


@pytest.mark.parametrize("text", [
    "The company refused to comment.",
    "WASHINGTON (AP) — The Senate passed the bill on Tuesday.",
])
def test_short_texts_have_no_loaded_flags(text):
    assert [f.text for f in Analyzer().analyze(text).flags if f.layer == LOADED] == []
