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


# --- issue 31: each rule a user relies on fails a test when it breaks ------------------


def test_a_marker_reaches_across_two_words_but_not_three(analyzer):
    assert voices(analyzer, "Allies united against perceived Russian military aggression.")[
        "aggression"] == DISTANCED
    assert voices(analyzer, "Allies united against perceived hostile Russian military "
                            "aggression.")["aggression"] == AUTHOR


def test_a_flag_that_ends_exactly_at_the_closing_quote_is_inside_the_scare_quote():
    from framing.distancing import mark_distanced
    from framing.records import Flag, Quote
    from framing.tokenize import tokenize

    text = "They backed the 'reckless plan."
    start = text.index("reckless")
    flag = Flag(start, start + len("reckless"), "reckless", "loaded_negative", "reckless", 0.6,
                -1, AUTHOR, "", "", "toy")
    # A quotation span that stops where the word does (no closing mark found).
    quote = Quote(start - 1, flag.end, text[start - 1:flag.end])
    assert mark_distanced(tokenize(text), [flag], [quote])[0].voice == DISTANCED
    shorter = Quote(start - 1, flag.end - 1, text[start - 1:flag.end - 1])
    assert mark_distanced(tokenize(text), [flag], [shorter])[0].voice == AUTHOR


def test_what_x_calls_allows_two_describing_words_before_the_loaded_one(analyzer):
    found = voices(analyzer, "He backed what critics call a truly reckless power grab.")
    assert found["power grab"] == found["reckless"] == DISTANCED
    # A third word in between ends the phrase's reach.
    assert voices(analyzer, "He backed what critics call a very truly reckless power grab.")[
        "power grab"] == AUTHOR


def test_a_naming_verb_without_what_leaves_the_word_the_writers(analyzer):
    assert voices(analyzer, "Residents saw the reckless plan fail.")["reckless"] == AUTHOR


def test_what_may_stand_five_words_before_the_naming_verb(analyzer):
    assert voices(analyzer, "He backed what the critics in town call a power grab.")[
        "power grab"] == DISTANCED


def test_a_marker_inside_a_quotation_leaves_the_speakers_words_quoted(analyzer):
    from framing.records import QUOTED

    found = voices(analyzer, 'The minister said: "This alleged reckless plan will fail."')
    assert found["reckless"] == QUOTED


def test_what_x_calls_skips_an_abbreviation_as_a_describing_word(analyzer):
    assert voices(analyzer, "He backed what critics call a U.S. power grab.")[
        "power grab"] == DISTANCED


@pytest.mark.parametrize(("text", "word"), [
    ("Perceived aggression united the allies.", "aggression"),
    ("What critics call a power grab passed on Monday.", "power grab"),
])
def test_a_marker_that_opens_the_sentence_still_distances(analyzer, text, word):
    assert voices(analyzer, text)[word] == DISTANCED


@pytest.mark.parametrize("reach", [0, 1, 2, 5])
def test_a_quotation_span_that_starts_at_the_word_holds_it(reach):
    # Spans passed by a caller may leave the marks out: "reckless" starts the span.
    from framing.distancing import mark_distanced
    from framing.records import Flag, Quote
    from framing.tokenize import tokenize

    text = "They backed the reckless plan of the town."
    start = text.index("reckless")
    flag = Flag(start, start + 8, "reckless", "loaded_negative", "reckless", 0.6, -1, AUTHOR,
                "", "", "toy")
    quote = Quote(start, flag.end + reach, text[start:flag.end + reach])
    assert mark_distanced(tokenize(text), [flag], [quote])[0].voice == DISTANCED


@pytest.mark.parametrize(("text", "word", "voice"), [
    ("The perceived so-called reform failed.", "so-called", AUTHOR),  # the marker stays a flag
    ("The plan was so clearly reckless.", "reckless", AUTHOR),  # "so" alone marks nothing
    ("Critics called it reckless.", "reckless", AUTHOR),  # "called" alone marks nothing
    ("Allies united against perceived U.S. aggression.", "aggression", DISTANCED),
    ('Allies united against perceived "Russian" aggression.', "aggression", DISTANCED),
    ("The claims were alleged, and reckless in tone.", "reckless", AUTHOR),  # a comma ends it
])
def test_what_lies_between_a_marker_and_the_word(analyzer, text, word, voice):
    assert voices(analyzer, text)[word] == voice
