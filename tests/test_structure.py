"""Sentence roles: headlines are scored, bylines, datelines and page furniture are not."""

from importlib import resources

import pytest

from framing.analyzer import Analyzer
from framing.records import BODY, BYLINE, DATELINE, FURNITURE, HEADLINE
from framing.structure import assign_roles, dateline_end
from framing.tokenize import tokenize

PAGE = """Harbour Plan Sparks Row

SPRINGFIELD

By Jane Okafor

The council approved the harbour plan on Monday. Critics called it a reckless gamble.
Photo: Tom Reyes/Getty Images
Share this
Read more
Comments (12)
© 2024 Springfield Courier. All rights reserved."""


def roles(text):
    return [(s.text, s.role) for s in assign_roles(tokenize(text)).sentences]


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer()


def test_page_lines_get_their_roles():
    assert roles(PAGE) == [
        ("Harbour Plan Sparks Row", HEADLINE),
        ("SPRINGFIELD", DATELINE),
        ("By Jane Okafor", BYLINE),
        ("The council approved the harbour plan on Monday.", BODY),
        ("Critics called it a reckless gamble.", BODY),
        ("Photo: Tom Reyes/Getty Images", FURNITURE),
        ("Share this", FURNITURE),
        ("Read more", FURNITURE),
        ("Comments (12)", FURNITURE),
        ("© 2024 Springfield Courier.", FURNITURE),
        ("All rights reserved.", FURNITURE),
    ]


@pytest.mark.parametrize("text", [
    "The company refused to comment.",
    "Trump slams Democrats over border bill",  # a bare line with no body is the text itself
    "NATO said no. US officials agreed.",
    "Short line\nAnother short line",
])
def test_plain_text_stays_body(text):
    assert {role for _, role in roles(text)} == {BODY}


@pytest.mark.parametrize(("text", "prefix"), [
    ("WASHINGTON (AP) — The Senate passed the bill on Tuesday.", "WASHINGTON (AP) — "),
    ("LONDON, March 3 (Reuters) - Shares fell sharply.", "LONDON, March 3 (Reuters) - "),
    ("BOSTON — The mayor resigned.", "BOSTON — "),
    ("US officials said the talks failed.", ""),
    ("NATO allies met on Monday.", ""),
])
def test_dateline_prefix(text, prefix):
    sentence = tokenize(text).sentences[0]
    assert text[: dateline_end(sentence) - sentence.start] == prefix


def test_furniture_and_bylines_get_no_flags_and_no_probability(analyzer):
    analysis = analyzer.analyze(PAGE.replace("Share this", "SHOCKING Disgrace"))
    for result in analysis.sentences:
        if result.sentence.role not in (BODY, HEADLINE):
            assert result.flags == () and result.slant_probability is None, result.sentence.text
        else:
            assert result.slant_probability is not None
    assert [f.text for f in analysis.flags if f.layer == "loaded"] == ["reckless"]


def test_a_dateline_is_never_an_all_caps_flag(analyzer):
    for text in ("WASHINGTON (AP) — The Senate passed the bill on Tuesday.",
                 "SPRINGFIELD\n\nThe Senate passed the bill on Tuesday.\n\nMore votes follow."):
        assert [f.category for f in analyzer.analyze(text).flags] == []


def test_seed_article_furniture_is_not_body(sample_text, analyzer):
    by_text = {r.sentence.text: r for r in analyzer.analyze(sample_text).sentences}
    assert by_text["Sputnik"].sentence.role == BYLINE
    assert by_text["Discuss"].sentence.role == FURNITURE
    assert by_text["Sputnik"].slant_probability is None
    assert by_text["Russia-NATO Row on European Security"].sentence.role == HEADLINE


@pytest.mark.parametrize("name", ["river_dam_slanted.txt", "river_dam_neutral.txt"])
def test_examples_have_one_headline_and_body(name):
    text = resources.files("framing.examples").joinpath(name).read_text("utf-8")
    found = [role for _, role in roles(text)]
    assert found[0] == HEADLINE and set(found[1:]) == {BODY}


# --- issue 31: each rule a user relies on fails a test when it breaks ------------------


def test_a_long_headline_of_seventeen_words_is_still_a_headline():
    title = ("Harbour Plan Splits Town As Council Backs Costly Dredging Scheme Despite "
             "Months Of Protest From Fishing Families")
    assert len(title.split()) == 17
    assert roles(f"{title}\n\nThe council met on Monday.")[0] == (title, HEADLINE)


def test_a_short_lowercase_line_after_the_body_is_text_not_a_byline():
    # A name or an outlet on a line of its own is written in capitals; "more to come" is not one.
    assert roles("The council met on Monday.\n\nmore to come")[1] == ("more to come", BODY)
    assert roles("The council met on Monday.\n\nHarbour Courier")[1] == ("Harbour Courier", BYLINE)


def test_a_two_letter_line_is_not_a_dateline_place():
    assert roles("EU\n\nThe council met on Monday.")[0][1] != DATELINE
    assert roles("The council met on Monday.\n\nUS")[1][1] != DATELINE
    assert roles("The council met on Monday.\n\nROME")[1][1] == DATELINE


def test_a_paragraph_of_two_sentences_is_article_text_even_at_the_top():
    found = roles("Storm Hits Coast! Thousands Flee\n\nThe storm hit on Monday.")
    assert [role for _, role in found] == [BODY, BODY, BODY]


# --- issue 31, mutmut: each limit holds at its edge -------------------------------------

BODY_FIRST = "The council met on Monday.\n\n"


def _words(n: int, word: str = "Plan") -> str:
    return " ".join([word] * (n - 1) + ["a"])  # one-letter words count as words too


def test_a_headline_may_have_twenty_five_words_not_twenty_six():
    assert roles(f"{_words(25)}\n\n{BODY_FIRST}")[0][1] == HEADLINE
    assert roles(f"{_words(26)}\n\n{BODY_FIRST}")[0][1] == BODY
    assert roles(f"U.S. {_words(25)}\n\n{BODY_FIRST}")[0][1] == BODY  # "U.S." is a word


def test_a_line_in_capitals_with_loaded_wording_is_a_headline_with_no_dateline():
    def wording(sentence):
        return "FEUD" in sentence.text

    doc = assign_roles(tokenize(f"FEUD ERUPTS\n\n{BODY_FIRST}"), wording=wording)
    headline = doc.sentences[0]
    assert headline.role == HEADLINE and dateline_end(headline) == headline.start
    assert roles(f"FEUD ERUPTS\n\n{BODY_FIRST}")[0][1] == DATELINE  # no wording known


def test_a_page_with_no_body_keeps_its_furniture():
    assert roles("Dam Plan\n\nShare this") == [("Dam Plan", BODY), ("Share this", FURNITURE)]


def test_a_three_letter_place_alone_is_a_dateline():
    assert roles(f"ULM\n\n{BODY_FIRST}")[0] == ("ULM", DATELINE)


@pytest.mark.parametrize(("text", "prefix"), [
    ("UK — The Senate passed the bill.", "UK — "),
    ("US—The Senate passed the bill.", ""),
    ("LA, March 3 (AP) — The council met.", "LA, March 3 (AP) — "),  # an agency vouches
])
def test_a_two_letter_place_needs_a_spaced_dash(text, prefix):
    sentence = tokenize(text).sentences[0]
    assert text[:dateline_end(sentence) - sentence.start] == prefix


def test_a_photo_credit_line_of_up_to_fifteen_words_is_furniture():
    assert roles(BODY_FIRST + "Photo by " + " ".join(["Ann"] * 13))[1][1] == FURNITURE
    assert roles(BODY_FIRST + "Photo by " + " ".join(["Ann"] * 14))[1][1] == BODY


def test_a_by_line_of_up_to_eight_words_is_a_byline():
    assert roles(BODY_FIRST + "By " + " ".join(["Ann"] * 7))[1][1] == BYLINE
    assert roles(BODY_FIRST + "By " + " ".join(["Ann"] * 8))[1][1] == BODY


def test_a_name_line_after_the_body_has_up_to_four_words():
    assert roles(BODY_FIRST + "The Springfield Evening Courier")[1][1] == BYLINE
    assert roles(BODY_FIRST + "The Springfield Evening Courier Staff")[1][1] == BODY


@pytest.mark.parametrize("line", ["Vote For Us.", "Vote For Us!", "Vote For Us?",
                                  "Vote For Us:", "Vote For Us;", 'Vote For Us."',
                                  "Vote For Us.)"])
def test_a_short_capitalised_line_that_ends_a_sentence_is_text_not_a_byline(line):
    assert roles(BODY_FIRST + line)[1] == (line, BODY)
