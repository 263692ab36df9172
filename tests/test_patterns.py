from framing.patterns import scare_quotes, so_called
from framing.tokenize import tokenize


def test_so_called_joined_and_spaced():
    doc = tokenize("The so-called reform and the so called plan.")
    assert [f.text for f in so_called(doc)] == ["so-called", "so called"]


def test_scare_quotes_need_a_short_phrase_without_a_speaker():
    doc = tokenize('Its “open door” policy stands. Scholz pledged to “act jointly”.')
    assert [f.text for f in scare_quotes(doc)] == ["“open door”"]


def test_long_quotes_are_not_scare_quotes():
    doc = tokenize('Officials called it "a plan that will bring peace to the region".')
    assert scare_quotes(doc) == []
