"""The mention lookups behind a speaker phrase, seen through who speaks: the person a
bare role stands for ("the lawyer said"), names that are things or places and never
speak, and a body whose name holds "and". (Issue 31: mutations of these lookups survived
every test, or no test reached them.)

Each test is on a text written for it; every person, firm and place is made up."""

from __future__ import annotations

import pytest

from framing import Analyzer
from framing.analyzer import Analysis


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(model=None, word_model=None)


def only_quote(analysis: Analysis) -> tuple[str | None, str | None, str | None]:
    """(speaker as written, actor, speaker kind) of the text's one attribution."""
    (quote,) = analysis.quotes
    return quote.speaker, quote.speaker_actor, quote.speaker_kind


def test_the_lawyer_said_is_the_person_named_in_the_sentence_before(
    analyzer: Analyzer,
) -> None:
    text = (
        "The court sat at nine. The public gallery was full. Tomas Brill was charged with "
        'fraud on Monday. "My client is innocent," the lawyer said.'
    )
    assert only_quote(analyzer.analyze(text)) == ("the lawyer", "Tomas Brill", "description")


@pytest.mark.parametrize(
    "between",
    [
        pytest.param("The hearing lasted an hour.", id="two-sentences-back"),
        pytest.param("The hearing lasted an hour. The court rose at noon.",
                     id="three-sentences-back"),
        # a place named in the sentence before does not bring the person nearer
        pytest.param("The hearing was held in Valdoria.", id="a-place-named-in-between"),
    ],
)
def test_the_lawyer_said_is_nobody_when_the_person_was_named_further_back(
    analyzer: Analyzer, between: str
) -> None:
    text = (
        f'Tomas Brill was charged with fraud on Monday. {between} "My client is innocent," '
        "the lawyer said."
    )
    assert only_quote(analyzer.analyze(text)) == ("the lawyer", None, "description")


def test_the_lawyer_said_is_nobody_when_no_one_was_named(analyzer: Analyzer) -> None:
    text = '"My client is innocent," the lawyer said.'
    assert only_quote(analyzer.analyze(text)) == ("the lawyer", None, "description")


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Gemma Lowe won the final on Friday in Harwick.", id="a-place-after-in"),
        pytest.param("Gemma Lowe won the Brennan Trophy on Friday.", id="a-thing-after-the"),
        pytest.param("Gemma Lowe bought a Calder Roadster on Friday.", id="a-thing-after-a"),
    ],
)
def test_a_description_by_age_is_the_person_not_the_place_or_thing_named_after(
    analyzer: Analyzer, sentence: str
) -> None:
    text = f'{sentence} "I was up at five," the 22-year-old said.'
    assert only_quote(analyzer.analyze(text))[1] == "Gemma Lowe"


@pytest.mark.parametrize(
    "opening",
    [
        pytest.param("The Brennan Trophy was won on Friday.", id="a-thing"),
        pytest.param("In Harwick the rain never stopped.", id="a-place"),
    ],
)
def test_a_thing_or_place_named_at_the_very_start_of_a_text_does_not_speak(
    analyzer: Analyzer, opening: str
) -> None:
    text = f'{opening} "I was up at five," the 22-year-old said.'
    assert only_quote(analyzer.analyze(text))[1] is None


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("Kessel Police and Crime", id="an-institution-then-and"),
        pytest.param("Wendham Fire and Rescue", id="a-name-then-and"),
        pytest.param("Brackwell and Partners", id="a-one-word-name-then-and"),
    ],
)
def test_and_between_capitalised_words_keeps_a_body_name_whole(
    analyzer: Analyzer, body: str
) -> None:
    # the body is the text's first name: the lookup must not skip the first mention
    text = f"A spokeswoman for {body} said the road would reopen."
    speaker, _, kind = only_quote(analyzer.analyze(text))
    assert (speaker, kind) == (f"A spokeswoman for {body}", "description")


def test_and_after_a_lowercase_word_ends_the_body_name(analyzer: Analyzer) -> None:
    text = (
        "Fenner Supply cut the power on Monday. The mayor and Kessel Police said the road "
        "would reopen."
    )
    assert only_quote(analyzer.analyze(text))[:2] == ("Kessel Police", "Kessel Police")


@pytest.mark.parametrize(
    "text, speaker",
    [
        pytest.param("The road is shut. And a spokeswoman for Kessel Police said it would reopen.",
                     "a spokeswoman for Kessel Police", id="after-a-sentence"),
        # a text cut off after a name, with no full stop: the look before "And" must not
        # wrap round to the text's last word
        pytest.param("And Kessel Police officials said the road would stay shut past Fenner "
                     "Supply", "Kessel Police officials", id="ending-on-a-name"),
    ],
)
def test_and_opening_a_sentence_is_no_part_of_the_speaker(
    analyzer: Analyzer, text: str, speaker: str
) -> None:
    assert only_quote(analyzer.analyze(text))[0] == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a couple of lowercase words between two names: the second name is the head
        pytest.param('Harwick Rovers fan favourite Dex Marlow hit out at the referee, calling '
                     'him "a disgrace".', "Dex Marlow", id="two-words-describe-the-person"),
        # a verb written with a hyphen, or three words, between them: two actors
        pytest.param('Ann Bly re-signed Dex Marlow on Friday, calling him "the best of us".',
                     "Ann Bly", id="a-hyphenated-verb-between"),
        pytest.param('Ann Bly met her friend Dex Marlow at the club, calling him "the best of '
                     'us".', "Ann Bly", id="three-words-between"),
    ],
)
def test_a_name_before_a_named_person_describes_them_only_across_a_few_plain_words(
    analyzer: Analyzer, text: str, speaker: str
) -> None:
    assert only_quote(analyzer.analyze(text))[:2] == (speaker, speaker)


@pytest.mark.parametrize(
    "between",
    [
        pytest.param("", id="the-first-name-of-the-text"),
        pytest.param('Drivers held signs reading "Shame on Dunmore Bank" at the gate. ',
                     id="past-a-body-named-inside-quotation-marks"),
    ],
)
def test_it_said_is_the_last_body_named_outside_quotations(
    analyzer: Analyzer, between: str
) -> None:
    text = (
        f"Brackett Haulage shut its depot on Friday. {between}It said the depot had lost "
        "money for years."
    )
    said = [q for q in analyzer.analyze(text).quotes if q.kind == "indirect"]
    assert [(q.speaker, q.speaker_actor) for q in said] == [("Brackett Haulage",) * 2]


CUT = "Fenner Supply cut the power on Monday. "


@pytest.mark.parametrize(
    "before",
    [
        pytest.param(CUT, id="just-named"),
        pytest.param("Fenner Supply cut the power to striker Dex Marlow on Monday. ",
                     id="past-a-person-named-with-a-role"),
        pytest.param(CUT + "Its boss Ann Bly said she was sorry. ", id="past-a-person-called-she"),
        pytest.param(CUT + "South Korea will buy its meters. ", id="past-a-country"),
        pytest.param(CUT + "Crews worked in Ornby Vale all night. ", id="past-a-place"),
        pytest.param("Fenner Supply hired Brackwell to fix the fault. ",
                     id="past-a-one-word-name"),
        pytest.param(CUT + 'Drivers held signs reading "Shame on Dunmore Bank" at the gate. ',
                     id="past-a-bank-named-inside-quotation-marks"),
    ],
)
def test_the_company_said_is_the_last_firm_named_not_a_person_place_or_quoted_name(
    analyzer: Analyzer, before: str
) -> None:
    text = f"{before}The company said engineers were on the way."
    said = [q for q in analyzer.analyze(text).quotes if q.text.startswith("engineers")]
    assert [(q.speaker, q.speaker_actor) for q in said] == [("The company", "Fenner Supply")]


def test_the_ministry_said_is_the_body_whose_name_holds_ministry_not_the_last_firm(
    analyzer: Analyzer,
) -> None:
    text = (
        "Pellaria's Ministry of Health issued new rules on Monday after a visit by Fenner "
        "Supply. The ministry said the rules would take effect in May."
    )
    assert only_quote(analyzer.analyze(text))[1] == "Ministry of Health"


def test_a_body_described_in_a_few_words_is_the_body_named_with_its_noun(
    analyzer: Analyzer,
) -> None:
    text = (
        "Ornby Health Board cut ward hours on Monday. The regional health board said staff "
        "were short."
    )
    assert only_quote(analyzer.analyze(text))[:2] == (
        "The regional health board", "Ornby Health Board")


def test_the_board_said_is_the_board_described_before_not_one_described_after(
    analyzer: Analyzer,
) -> None:
    # the fuller description opens the text: the look-back reaches its very first word
    text = (
        "The provincial health board cut ward hours on Monday. The board said staff were "
        "short. The national nursing board disagreed."
    )
    assert only_quote(analyzer.analyze(text))[:2] == ("provincial health board", None)


@pytest.mark.parametrize(
    "text, firm",
    [
        pytest.param("Budget air carrier Skyvane will close its northern base, the company said.",
                     "Skyvane", id="a-firm-among-the-first-words"),
        pytest.param("South Korea will buy meters from Fenner Supply, the company said.",
                     "Fenner Supply", id="a-country-opening-the-sentence-is-no-firm"),
    ],
)
def test_the_company_is_the_firm_its_own_sentence_opens_with_but_never_a_country(
    analyzer: Analyzer, text: str, firm: str
) -> None:
    assert only_quote(analyzer.analyze(text))[:2] == ("the company", firm)


def test_it_said_is_the_body_not_the_person_who_spoke_in_between(analyzer: Analyzer) -> None:
    text = (
        "Fenner Supply cut the power on Monday. Ann Bly said she had no heat. It said "
        "engineers were on the way."
    )
    said = analyzer.analyze(text).quotes[-1]
    assert (said.speaker, said.speaker_actor) == ("Fenner Supply", "Fenner Supply")


@pytest.mark.parametrize(
    "sentence, person",
    [
        pytest.param('Gemma Lowe won the final on Friday, holding a sign reading "Thank you, '
                     'Orla Penn".', "Gemma Lowe", id="past-a-name-inside-quotation-marks"),
        pytest.param("Gemma Lowe won the final on Friday for South Korea.", "Gemma Lowe",
                     id="past-a-country"),
        pytest.param("Striker Dex Marlow scored twice for Harwick Rovers on Saturday.",
                     "Dex Marlow", id="a-person-by-role-before-a-club"),
    ],
)
def test_a_description_by_age_is_the_last_person_named_outside_quotations(
    analyzer: Analyzer, sentence: str, person: str
) -> None:
    text = f'{sentence} "I was up at five," the 22-year-old said.'
    assert analyzer.analyze(text).quotes[-1].speaker_actor == person


def test_they_said_is_the_last_actor_named(analyzer: Analyzer) -> None:
    text = 'Harwick Rovers won 3-0 on Saturday. "We never stopped running," they said.'
    assert only_quote(analyzer.analyze(text))[:2] == ("Harwick Rovers", "Harwick Rovers")
