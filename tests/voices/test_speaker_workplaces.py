"""Speaker shapes from the second held-out scoring: a person named with where they work,
and a body named again by a short form. Texts written for these tests; names made up."""

from __future__ import annotations

import pytest

from framing import Analyzer


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(model=None, word_model=None)


def actors(analyzer: Analyzer, text: str) -> list[tuple[str, str | None]]:
    """(content, resolved speaker) of each attribution, in text order."""
    return [(q.text.strip("\"'“”‘’"), q.speaker_actor) for q in analyzer.analyze(text).quotes]


def test_a_person_of_a_body_whose_name_has_and_is_the_speaker(analyzer: Analyzer) -> None:
    text = (
        "Station officer Nadia Kerrow of Wendham Fire and Rescue said the blaze started in a "
        "kitchen. 'The smoke alarm saved them,' she said."
    )
    assert actors(analyzer, text) == [
        ("the blaze started in a kitchen", "Nadia Kerrow"),
        ("The smoke alarm saved them,", "Nadia Kerrow"),
    ]


def test_a_person_of_a_party_stays_the_subject_of_a_second_verb(analyzer: Analyzer) -> None:
    text = (
        'Councillor Ruth Abbing of the Green Party called the cuts "reckless" and said '
        "three stations would close."
    )
    assert actors(analyzer, text) == [
        ("reckless", "Ruth Abbing"),
        ("three stations would close", "Ruth Abbing"),
    ]


def test_a_hyphenated_surname_alone_is_the_full_name(analyzer: Analyzer) -> None:
    text = (
        "The mayor of Quarrington, Lucille Ferrand-Okafor, said on Monday she would cut "
        'parking fees. "Shops need shoppers," Ferrand-Okafor told traders.'
    )
    assert [a for _, a in actors(analyzer, text)] == ["Lucille Ferrand-Okafor"] * 2


def test_the_role_noun_alone_is_the_person_just_named(analyzer: Analyzer) -> None:
    text = (
        "Redhill drew 2-2 at Castleford on Saturday, with Dani Kovac scoring twice. "
        '"We never stopped running," the striker said.'
    )
    assert [a for _, a in actors(analyzer, text)] == ["Dani Kovac"]


def test_a_place_is_never_the_person_a_description_means(analyzer: Analyzer) -> None:
    text = (
        "Lena Sarvik won her first final in Port Hessel on Sunday. The 21-year-old said "
        "she had trained through the winter."
    )
    assert [a for _, a in actors(analyzer, text)] == ["Lena Sarvik"]


def test_the_company_is_the_firm_not_the_town_it_works_in(analyzer: Analyzer) -> None:
    text = (
        "Budget carrier Skyvane will close its base in Port Hessel, the company confirmed "
        "on Friday."
    )
    assert [a for _, a in actors(analyzer, text)] == ["Skyvane"]


def test_the_team_is_the_team_named_before(analyzer: Analyzer) -> None:
    text = (
        "Corvid Racing will drop driver Pia Lund for the last race, the team announced. "
        "Corvid said the decision was final."
    )
    assert [a for _, a in actors(analyzer, text)] == ["Corvid Racing", "Corvid Racing"]


def test_a_bare_quotation_after_an_owners_spokesman_is_the_spokesmans(
    analyzer: Analyzer,
) -> None:
    text = (
        "Corvid Racing will drop driver Pia Lund. Corvid's team principal, Ana Voss, was "
        'blunt. "Results matter more than names."'
    )
    assert actors(analyzer, text)[-1] == ("Results matter more than names.", "Ana Voss")


def test_a_lawyer_named_after_her_clients_name_speaks_for_both_verbs(
    analyzer: Analyzer,
) -> None:
    text = (
        "The league banned rider Tomas Ravel for four years. Ravel's lawyer, Hanne "
        "Brookes, said he would appeal and described the ruling as 'a gross injustice'."
    )
    assert actors(analyzer, text)[-1] == ("a gross injustice", "Hanne Brookes")


def test_it_is_the_body_that_spoke_in_the_sentence_before(analyzer: Analyzer) -> None:
    text = (
        "The Tessaly Port Authority said Marnova had refused to move its ships. It said "
        "no cargo would leave until the berths were clear."
    )
    assert [a for _, a in actors(analyzer, text)] == ["Tessaly Port Authority"] * 2


def test_a_persons_office_speaks_under_its_own_words_for_that_person(
    analyzer: Analyzer,
) -> None:
    text = (
        "The mayor of Castlemere, Ivo Drax, insists that the new bridge will pay for itself. "
        "Drax's office said the costs had been checked twice."
    )
    last = analyzer.analyze(text).quotes[-1]
    assert (last.text, last.speaker, last.speaker_actor) == (
        "the costs had been checked twice", "Drax's office", "Ivo Drax"
    )
