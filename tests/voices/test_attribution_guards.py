"""Issue 31: attribution rules a reader relies on, written as behaviour (our own texts),
so that they hold whatever the attribution internals become."""

from __future__ import annotations

import pytest

from framing.analyzer import Analyzer
from framing.tokenize import tokenize
from framing.voices.actors import find_actors
from framing.voices.attribution import attribute_quotes
from framing.voices.verbs import speech_verbs


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(model=None, word_model=None)


def quotes(analyzer, text):
    return analyzer.analyze(text).quotes


def test_a_four_word_quotation_with_no_speaker_is_a_scare_quote(analyzer):
    found = quotes(analyzer, 'Residents see the plan as a "gift to the rich" and little else.')
    assert [(q.text, q.kind) for q in found] == [('"gift to the rich"', "scare")]


def test_a_quotation_continues_a_speaker_into_the_next_paragraph_only(analyzer):
    first = '"We will win the vote," Moscow said.'
    later = '"We expected more support from the towns."'
    next_paragraph = quotes(analyzer, f"{first}\n\n{later}")
    assert next_paragraph[-1].speaker == "Moscow"
    two_later = quotes(analyzer, f"{first}\n\nThe vote was close on Monday.\n\n{later}")
    assert two_later[-1].text == later and two_later[-1].speaker is None


def test_his_government_is_the_last_office_holders_side_not_the_last_bodys(analyzer):
    found = quotes(analyzer, "Emmanuel Macron spoke in Paris on Monday. Later the Senate voted "
                             'on the bill. "We want calm," his government said.')
    assert found[-1].speaker_actor == "France"


def test_a_source_granted_anonymity_is_anonymous(analyzer):
    granted = quotes(analyzer, "An engineer at the plant, who spoke on condition of anonymity, "
                               "said the pumps had failed.")
    assert [q.speaker_kind for q in granted] == ["anonymous"]
    named = quotes(analyzer, "An engineer at the plant said the pumps had failed.")
    assert [q.speaker_kind for q in named] != ["anonymous"]


def test_without_roles_a_quotation_in_a_second_headline_line_is_a_headline_quote():
    doc = tokenize('Storm Season Hits The Coast\n\nMayor Vows "We Are Ready" For Floods\n\n'
                   "The council met on Monday and approved the flood plan for the town.")
    found = attribute_quotes(doc, doc.quotes, find_actors(doc), speech_verbs())
    assert [(q.text, q.kind, q.speaker) for q in found] == [('"We Are Ready"', "headline", None)]
