"""Speaker shapes that news writing uses and that the first held-out scoring got wrong:
one test per shape, on texts written for these tests (people, firms and places made up)."""

from __future__ import annotations

import pytest

from framing import Analyzer
from framing.evaluation.quotes import _same_speaker
from framing.records import Quote
from framing.tokenize import tokenize
from framing.voices.quotations import single_quotations


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(model=None, word_model=None)


def speakers(analyzer: Analyzer, text: str, kind: str | None = None) -> list[tuple[str, str | None]]:
    """(content, speaker text) of each attribution, in text order."""
    quotes = analyzer.analyze(text).quotes
    return [(q.text.strip("\"'“”‘’"), q.speaker) for q in quotes if kind in (None, q.kind)]


def actors(analyzer: Analyzer, text: str) -> list[str | None]:
    return [q.speaker_actor for q in analyzer.analyze(text).quotes]


def test_critics_led_by_someone_are_the_critics(analyzer: Analyzer) -> None:
    text = (
        "Opponents of the Brackwell incinerator, led by councillor Hetty Morrow, said the "
        "smoke would drift over two schools."
    )
    assert speakers(analyzer, text) == [
        ("the smoke would drift over two schools", "Opponents of the Brackwell incinerator")
    ]
    # the group is not the thing it opposes
    assert actors(analyzer, text) == [None]


def test_a_relative_named_by_a_possessive_is_the_speaker(analyzer: Analyzer) -> None:
    text = (
        "Folk singer Marla Quint pulled out of the festival on Friday. Marla's brother told "
        "reporters the family was exhausted but hopeful."
    )
    assert speakers(analyzer, text) == [
        ("the family was exhausted but hopeful", "Marla's brother")
    ]


def test_an_untitled_person_of_a_firm_is_the_person(analyzer: Analyzer) -> None:
    text = "Oren Castillo of Pelling Freight said rates would double before the winter."
    assert actors(analyzer, text) == ["Oren Castillo"]


def test_a_verb_is_never_a_speaker(analyzer: Analyzer) -> None:
    text = (
        "A spokeswoman for the ministry, Dana Voss, told state radio that the ferries "
        "would run \"as soon as the wind drops\"."
    )
    quotes = analyzer.analyze(text).quotes
    assert [(q.speaker, q.verb) for q in quotes] == [("Dana Voss", "told")]


def test_a_bodys_spokeswoman_speaks_for_the_body(analyzer: Analyzer) -> None:
    text = (
        "Carrow Airways cancelled forty flights. A Carrow spokeswoman said passengers "
        "would be rebooked within a day."
    )
    quotes = analyzer.analyze(text).quotes
    assert [(q.speaker, q.speaker_actor) for q in quotes] == [
        ("A Carrow spokeswoman", "Carrow Airways")
    ]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Selby Police arrested three men overnight, the force said.", "Selby Police"),
        ("Ardent Bank will close 40 branches, the lender said on Monday.", "Ardent Bank"),
    ],
)
def test_a_short_noun_for_a_body_is_that_body(analyzer: Analyzer, text: str, body: str) -> None:
    assert actors(analyzer, text) == [body]


def test_a_document_from_a_body_is_the_body_speaking(analyzer: Analyzer) -> None:
    text = (
        "Wheat prices could rise by a fifth, according to a note from Garner Research. "
        "Most farms would cut planting, according to a survey by the Lowmoor Growers Trust."
    )
    assert speakers(analyzer, text) == [
        ("Wheat prices could rise by a fifth", "Garner Research"),
        ("Most farms would cut planting", "Lowmoor Growers Trust"),
    ]


def test_a_claim_after_a_preposition_is_a_noun(analyzer: Analyzer) -> None:
    text = "The council spent months riling up residents with claims that the park was unsafe."
    assert speakers(analyzer, text) == []


def test_gold_descriptions_match_with_or_without_the_article() -> None:
    quote = Quote(0, 5, "words", speaker="A police spokeswoman", speaker_actor="Selby Police")
    assert _same_speaker(quote, "police spokeswoman")
    assert _same_speaker(quote, "a police spokeswoman")
    assert _same_speaker(quote, "Selby Police")
    assert not _same_speaker(quote, "police")


def test_straight_single_quotations_are_found_and_attributed(analyzer: Analyzer) -> None:
    text = (
        "Reality star Kezia Dunn has hit back at her former manager. 'He owes me every penny "
        "and he knows it,' fumed the 29-year-old. 'I will see him in court.'"
    )
    assert speakers(analyzer, text) == [
        ("He owes me every penny and he knows it,", "Kezia Dunn"),
        ("I will see him in court.", "Kezia Dunn"),
    ]


def test_apostrophes_open_no_quotation() -> None:
    text = (
        "The Hillcrest Growers' Union said members' costs had risen since the '90s. "
        "It's the farmers' turn to speak, and rock 'n' roll can wait, Hillcrest's chair said."
    )
    assert single_quotations(tokenize(text)) == []
    assert [q.text for q in single_quotations(tokenize(text + " 'Enough,' she said."))] == [
        "'Enough,'"
    ]


def test_a_speaker_after_two_asides(analyzer: Analyzer) -> None:
    text = (
        "Retired nurse Agnes Pell, 81, who has lived on the street since 1970, said: "
        "\"Nobody asked us about the mast.\""
    )
    assert speakers(analyzer, text) == [("Nobody asked us about the mast.", "Agnes Pell")]


def test_a_party_named_with_and_without_its_noun_is_one_speaker(analyzer: Analyzer) -> None:
    text = (
        "The opposition Silver Tide party said the count was rigged. Silver Tide said it "
        "would go to court."
    )
    assert set(actors(analyzer, text)) == {"Silver Tide party"}
    assert analyzer.analyze(text).summary["sources"]["n_sources"] == 1


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("The Dunmore Growers' Union said milk prices would fall.", "Dunmore Growers' Union"),
        ("The Union of Dock Workers said pay talks had failed.", "Union of Dock Workers"),
        ("Turnout was 64 percent, the Harl Islands electoral commission said.",
         "Harl Islands electoral commission"),
    ],
)
def test_a_bodys_full_name_is_kept_whole(analyzer: Analyzer, text: str, body: str) -> None:
    assert actors(analyzer, text) == [body]


def test_a_plural_possessive_before_a_person_joins_no_name(analyzer: Analyzer) -> None:
    text = "The Hollins Times' Ada Roe said the paper would appeal."
    assert actors(analyzer, text) == ["Ada Roe"]
