"""What a speaker phrase stands for, seen through who speaks: "the people" for a group
described before, "the striker" for the player the text gave that role, "the utility" for
the firm that just spoke, and descriptions of someone just named. (Issue 31: mutations of
these rules survived every test.)

Each test is on a text written for it; every person, firm and place is made up."""

from __future__ import annotations

import pytest

from framing import Analyzer
from framing.analyzer import Analysis


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(model=None, word_model=None)


def last_quote(analysis: Analysis) -> tuple[str | None, str | None, str | None]:
    """(speaker as written, actor, verb) of the text's last attribution."""
    quote = analysis.quotes[-1]
    return quote.speaker, quote.speaker_actor, quote.verb


TALKS = "Talks on the merger went on late into Monday, people familiar with the talks said."


@pytest.mark.parametrize("phrase", ["the people", "the same people"])
def test_the_people_are_the_group_described_before_with_their_own_sentence_s_verb(
    analyzer: Analyzer, phrase: str
) -> None:
    text = f'{TALKS} "It could still fall apart," {phrase} claimed.'
    analysis = analyzer.analyze(text)
    assert last_quote(analysis) == ("people familiar with the talks", None, "claimed")
    assert analysis.quotes[-1].speaker_kind == "anonymous"
    claimed = analyzer.analyze('"It could still fall apart," Ann Bly claimed.').quotes[0]
    assert analysis.quotes[-1].verb_class == claimed.verb_class != analysis.quotes[0].verb_class


# the group described by a quotation's own speaker, not by a report
QUOTED_TALKS = '"The deal is close," said people familiar with the talks.'


@pytest.mark.parametrize("phrase", ["other people", "people"])
@pytest.mark.parametrize("before", [TALKS, QUOTED_TALKS])
def test_people_without_the_are_a_new_group(
    analyzer: Analyzer, phrase: str, before: str
) -> None:
    text = f'{before} "It could still fall apart," {phrase} claimed.'
    assert last_quote(analyzer.analyze(text)) == (phrase, None, "claimed")


def test_the_striker_is_the_player_the_text_called_striker_however_far_back(
    analyzer: Analyzer,
) -> None:
    text = (
        "Striker Dex Marlow scored twice on Saturday. The crowd sang for an hour. Rain fell "
        'on the stands. "We never stopped running," the striker said.'
    )
    assert last_quote(analyzer.analyze(text)) == ("the striker", "Dex Marlow", "said")


def test_the_utility_is_the_firm_that_just_spoke_not_a_person_it_named(
    analyzer: Analyzer,
) -> None:
    text = (
        "Fenner Supply said on Tuesday that gas would be back by Friday for Ann Bly and her "
        "neighbours. The utility said engineers had replaced a cracked valve."
    )
    assert last_quote(analyzer.analyze(text)) == ("The utility", "Fenner Supply", "said")


def test_a_description_by_role_is_the_person_just_named_not_the_club_that_spoke(
    analyzer: Analyzer,
) -> None:
    text = (
        'Harwick Rovers said on Monday that Dex Marlow would stay. "I am happy here," the '
        "veteran striker said."
    )
    assert last_quote(analyzer.analyze(text))[:2] == ("the veteran striker", "Dex Marlow")


@pytest.mark.parametrize(
    "phrase",
    [
        pytest.param("the former world number one", id="five-words"),
        pytest.param("the actress", id="a-role-ending-in-ss-is-no-plural"),
    ],
)
def test_a_description_is_the_person_named_before_however_far_back(
    analyzer: Analyzer, phrase: str
) -> None:
    text = (
        "Gemma Lowe reached the final on Friday. The crowd sang for an hour. Rain fell on the "
        f'stands. "I was up at five," {phrase} said.'
    )
    assert last_quote(analyzer.analyze(text))[:2] == (phrase, "Gemma Lowe")


def test_a_longer_description_headed_by_a_source_word_is_nobody_named_before(
    analyzer: Analyzer,
) -> None:
    text = (
        'Tomas Brill was charged with fraud on Monday. "My client is innocent," the defence '
        "lawyer said."
    )
    assert last_quote(analyzer.analyze(text))[:2] == ("the defence lawyer", None)


def test_a_person_of_a_body_speaks_as_the_person(analyzer: Analyzer) -> None:
    text = "Ann Bly of the parish council said the hall would close."
    assert last_quote(analyzer.analyze(text)) == ("Ann Bly", "Ann Bly", "said")


@pytest.mark.parametrize(
    "phrase",
    [
        pytest.param("Tomas Brill's party", id="a-body-noun"),
        pytest.param("Tomas Brill’s office", id="a-curly-apostrophe"),
        pytest.param("Tomas Brill's lawyers", id="those-who-speak-for-someone"),
    ],
)
def test_a_body_a_person_owns_speaks_for_them_as_written(
    analyzer: Analyzer, phrase: str
) -> None:
    text = f"{phrase} said the charges were false."
    assert last_quote(analyzer.analyze(text)) == (phrase, "Tomas Brill", "said")


@pytest.mark.parametrize(
    "owner",
    [
        pytest.param("Striker Dex Marlow's", id="straight-apostrophe"),
        pytest.param("Striker Dex Marlow’s", id="curly-apostrophe"),
        pytest.param("Harwick Rovers striker Dex Marlow's", id="after-the-owner-s-club"),
    ],
)
def test_a_relative_named_after_a_possessive_speaks_not_the_owner(
    analyzer: Analyzer, owner: str
) -> None:
    text = f"{owner} son Kieran said the boat was lost."
    assert last_quote(analyzer.analyze(text)) == ("Kieran", "Kieran", "said")


@pytest.mark.parametrize(
    "finding, publisher",
    [
        pytest.param("The lender’s weekly survey", "Ornby Bank", id="owned-by-the-lender"),
        pytest.param("The weekly survey", None, id="owned-by-no-one"),
        pytest.param("The latest statistics", None, id="plural-and-owned-by-no-one"),
    ],
)
def test_a_finding_speaks_for_the_body_that_owns_it(
    analyzer: Analyzer, finding: str, publisher: str | None
) -> None:
    text = f"Ornby Bank cut its rates on Monday. {finding} showed that prices were falling."
    assert last_quote(analyzer.analyze(text)) == (finding, publisher, "showed")


@pytest.mark.parametrize(
    "text, phrase, owner",
    [
        pytest.param("Ann Bly won the vote on Monday. Her team said she would rest.",
                     "Her team", "Ann Bly", id="her-team-with-no-office"),
        pytest.param("Fenner Supply was fined on Monday. Their lawyer said the fine was unfair.",
                     "Their lawyer", "Fenner Supply", id="their-for-a-firm"),
        pytest.param("Mrs Orla Penn signed for Harwick Rovers on Friday after talks with Mr "
                     "Tomas Brill. Her agent said the deal was fair.",
                     "Her agent", "Orla Penn", id="her-not-the-man-named-last"),
    ],
)
def test_a_possessive_speaker_speaks_for_whom_the_possessive_means(
    analyzer: Analyzer, text: str, phrase: str, owner: str
) -> None:
    assert last_quote(analyzer.analyze(text)) == (phrase, owner, "said")


@pytest.mark.parametrize(
    "phrase, speaker, kind",
    [
        pytest.param("Kessel Police officers", "Kessel Police", "named", id="the-body-speaks"),
        pytest.param("The Kessel Police chief", "The Kessel Police chief", "description",
                     id="a-person-by-role-speaks-for-the-body"),
    ],
)
def test_a_body_s_name_with_a_noun_after_it_is_the_body_unless_the_noun_is_a_role(
    analyzer: Analyzer, phrase: str, speaker: str, kind: str
) -> None:
    quote = analyzer.analyze(f"{phrase} said the road was shut.").quotes[-1]
    assert (quote.speaker, quote.speaker_actor, quote.speaker_kind) == (
        speaker, "Kessel Police", kind)


@pytest.mark.parametrize(
    "text",
    [
        "Ann Bly said the mill would close, contradicting an aide who asked not to be named.",
        "The mill will close, Ann Bly said, contradicting an aide who spoke on condition of "
        "anonymity.",
    ],
)
def test_a_named_person_stays_named_when_their_sentence_grants_someone_else_anonymity(
    analyzer: Analyzer, text: str
) -> None:
    quote = analyzer.analyze(text).quotes[0]
    assert (quote.speaker, quote.speaker_actor, quote.speaker_kind) == (
        "Ann Bly", "Ann Bly", "named")
