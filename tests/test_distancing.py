"""Distancing: loaded words the writer marks as someone else's are neither the writer's
nor aimed at anyone; the marker stays a flag."""

import pytest

from framing.analyzer import Analyzer
from framing.records import AUTHOR, DISTANCED


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(model=None, word_model=None)  # every lexicon flag: the mechanism, not the threshold


def voices(analyzer, text):
    return {f.text: f.voice for f in analyzer.analyze(text).flags}


@pytest.mark.parametrize(("text", "word", "marker"), [
    ("Allies united against perceived Russian aggression.", "aggression", "perceived"),
    ("The so-called reckless plan failed.", "reckless", "so-called"),
    ("The so called reckless power grab failed.", "power grab", "so called"),
    ("He backed what critics call a reckless power grab.", "power grab", "what critics call"),
    ("The alleged thug was arrested on Monday.", "thug", "alleged"),
    ("The plan is a “reckless gamble” for the town.", "reckless", "“reckless gamble”"),
])
def test_marked_words_are_distanced_and_the_marker_stays(analyzer, text, word, marker):
    found = voices(analyzer, text)
    assert found[word] == DISTANCED
    assert found[marker] == AUTHOR


@pytest.mark.parametrize("text", [
    "Critics slammed the reckless plan.",
    "The reckless plan, perceived as weak, failed.",
    "The board perceived the offer as fair, and the reckless plan went ahead.",
])
def test_unmarked_words_stay_the_writers(analyzer, text):
    assert voices(analyzer, text)["reckless"] == AUTHOR


def test_distanced_words_count_for_no_one(analyzer):
    analysis = analyzer.analyze("Germany and the US united against perceived Russian aggression.")
    (word,) = [f for f in analysis.flags if f.text == "aggression"]
    assert word.target is None
    assert analysis.summary["n_loaded_author_flags"] == 0
    assert analysis.summary["top_terms"] == []
    russia = [row for row in analysis.summary["actors"] if row["actor"] == "Russia"]
    assert all(not row["aimed"]["negative"] for row in russia)


def test_seed_perceived_aggression_is_distanced(sample_text, analyzer):
    analysis = analyzer.analyze(sample_text)
    start = sample_text.index("perceived Russian aggression") + len("perceived Russian ")
    (flag,) = [f for f in analysis.flags if f.start == start]
    assert (flag.text, flag.voice, flag.target) == ("aggression", DISTANCED, None)


def test_seed_aggression_never_counts_for_the_writer_at_the_default_threshold(sample_text):
    analysis = Analyzer(model=None).analyze(sample_text)
    start = sample_text.index("perceived Russian aggression") + len("perceived Russian ")
    assert all(f.voice == DISTANCED for f in analysis.flags if f.start == start)
