"""Whose words a quotation or a report is when the speaker is found from the sentence's
subject: a quotation of its own after a sentence about someone, the subject of "... and
said", of ", calling it ...", a person before an aside that describes her, a report that
runs on into the next sentence. Texts are our own; each test names the promise a reader
relies on (issue 31: mutations of these rules survived the tests that existed)."""

from __future__ import annotations

import pytest

from framing import Analyzer

DISGRACE = '"This ruling is a disgrace."'


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(model=None, word_model=None)


def attribution_of(analyzer: Analyzer, text: str, content: str):
    """The quotation or report whose text starts with ``content``."""
    quotes = [q for q in analyzer.analyze(text).quotes if q.text.startswith(content)]
    assert len(quotes) == 1, [q.text for q in analyzer.analyze(text).quotes]
    return quotes[0]


@pytest.mark.parametrize(
    "text, speaker",
    [
        pytest.param(f"Omar Reddy did not mince words. {DISGRACE}", "Omar Reddy",
                     id="second-sentence-of-the-text"),
        pytest.param(f"The hearing ended. Governor Ana Ruiz did not mince words. {DISGRACE}",
                     "Ana Ruiz", id="titled-person"),
        pytest.param(f"Omar Reddy met Ana Ruiz on Monday. {DISGRACE}", "Omar Reddy",
                     id="the-subject-not-the-object"),
        pytest.param(f"Omar Reddy's mood was grim. {DISGRACE}", "Omar Reddy",
                     id="a-possessive-subject"),
        pytest.param(f"A judge ruled against Harlow. Harlow's general counsel, Omar Reddy, "
                     f"did not mince words. {DISGRACE}",
                     "Omar Reddy", id="the-person-a-possessive-role-names"),
        pytest.param("A judge ruled against Harlow. Harlow’s general counsel, Omar Reddy, did "
                     "not mince words. “This ruling is a disgrace.”", "Omar Reddy",
                     id="curly-apostrophe-and-marks"),
        pytest.param(f"A judge ruled against Harlow. Harlow general counsel Omar Reddy did not "
                     f"mince words. {DISGRACE}", "Omar Reddy", id="a-firm-name-modifying-a-role"),
        pytest.param(f"Halden Broadcasting chief Ana Ruiz did not mince words. {DISGRACE}",
                     "Ana Ruiz", id="a-name-modifying-a-role"),
        pytest.param(f'Critics called the plan "reckless." Omar Reddy did not mince words. '
                     f"{DISGRACE}", "Omar Reddy", id="after-a-quotation-two-sentences-back"),
        pytest.param(f'"We will appeal," said Ana Ruiz. Omar Reddy did not mince words. '
                     f"{DISGRACE}", "Omar Reddy",
                     id="not-the-earlier-quotations-speaker"),
        pytest.param(f'"We will appeal," said Ana Ruiz. The hearing lasted an hour. {DISGRACE}',
                     "Ana Ruiz", id="continues-the-earlier-speaker-when-no-one-else-is-named"),
    ],
)
def test_a_quotation_of_its_own_is_said_by_whom_the_sentence_before_is_about(
    analyzer: Analyzer, text: str, speaker: str
) -> None:
    quote = attribution_of(analyzer, text, '"This' if '"This' in text else "“This")
    assert (quote.kind, quote.speaker, quote.speaker_actor, quote.speaker_kind) == (
        "direct", speaker, speaker, "named")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"Omar Reddy did not mince words.\n\n{DISGRACE}", id="new-paragraph"),
        pytest.param(f"After meeting Omar Reddy, the board adjourned. {DISGRACE}",
                     id="the-name-is-in-an-opening-phrase"),
        pytest.param(f"Pale, tired, hoarse, visibly shaken, unshaven, silent, Omar Reddy "
                     f"left the court. {DISGRACE}", id="the-name-seven-words-in"),
    ],
)
def test_a_quotation_of_its_own_has_no_speaker_when_the_sentence_before_is_not_about_one(
    analyzer: Analyzer, text: str
) -> None:
    assert attribution_of(analyzer, text, '"This').speaker is None


def test_a_name_a_few_words_into_the_sentence_is_still_its_subject(analyzer: Analyzer) -> None:
    text = f"Pale, tired, hoarse, visibly shaken, unshaven, Omar Reddy left the court. {DISGRACE}"
    assert attribution_of(analyzer, text, '"This').speaker == "Omar Reddy"


@pytest.mark.parametrize(
    "text, speaker",
    [
        pytest.param('Speaking in Brightling, Governor Ana Ruiz hit out at the council, '
                     'calling its plan "a farce".', "Ana Ruiz", id="the-person-not-the-place"),
        pytest.param('Love Lagoon star Gavin Trout hit out at the producers, calling the '
                     'show "a circus".', "Gavin Trout", id="the-person-a-show-name-modifies"),
    ],
)
def test_a_participle_cue_is_said_by_the_clauses_subject(
    analyzer: Analyzer, text: str, speaker: str
) -> None:
    quote = attribution_of(analyzer, text, '"a')
    assert (quote.speaker, quote.speaker_actor, quote.verb, quote.speaker_kind) == (
        speaker, speaker, "calling", "named")


@pytest.mark.parametrize(
    "text, speaker",
    [
        pytest.param("Ravel's lawyer, Hanne Brookes, thanked the jury and said the verdict "
                     "was fair.", "Hanne Brookes", id="the-person-a-possessive-role-names"),
        pytest.param("Speaking to Ana Ruiz, Tom Rudd praised the crew and said they had "
                     "saved lives.", "Tom Rudd", id="not-the-person-spoken-to"),
        pytest.param("at Ellery Park, Tom Rudd thanked the crew and said they had saved "
                     "lives.", "Tom Rudd", id="not-a-place-at-the-start-of-the-text"),
    ],
)
def test_the_subject_of_a_first_verb_says_what_follows_and_said(
    analyzer: Analyzer, text: str, speaker: str
) -> None:
    quote = attribution_of(analyzer, text, "the verdict" if "verdict" in text else "they")
    assert (quote.kind, quote.speaker, quote.speaker_actor, quote.verb) == (
        "indirect", speaker, speaker, "said")


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        pytest.param('"Sales have slowed," Mara Quint, the Dovecote Foods boss, said.',
                     '"Sales', "Mara Quint", id="role-after-a-firm-name-after-a-quotation"),
        pytest.param("Mara Quint, the Dovecote Foods boss, said sales had slowed.", "sales",
                     "Mara Quint", id="role-after-a-firm-name-before-a-report"),
        pytest.param("Their employer, the Halden Broadcasting Company, said the show would "
                     "return.", "the show", "Halden Broadcasting Company",
                     id="an-aside-that-is-a-name-speaks"),
    ],
)
def test_a_person_before_an_aside_describing_her_speaks(
    analyzer: Analyzer, text: str, content: str, speaker: str
) -> None:
    quote = attribution_of(analyzer, text, content)
    assert (quote.speaker, quote.speaker_actor, quote.verb) == (speaker, speaker, "said")


@pytest.mark.parametrize(
    "text, speaker, verb",
    [
        pytest.param('"We will appeal," said the club\'s lawyer, Anne Frost.', "Anne Frost",
                     "said", id="description-then-name"),
        pytest.param('"We will appeal," insisted the club\'s lawyer, Anne Frost, outside.',
                     "Anne Frost", "insisted", id="description-then-name-then-more"),
    ],
)
def test_a_name_after_a_description_is_the_speaker(
    analyzer: Analyzer, text: str, speaker: str, verb: str
) -> None:
    quote = attribution_of(analyzer, text, '"We')
    assert (quote.speaker, quote.speaker_actor, quote.verb, quote.speaker_kind) == (
        speaker, speaker, verb, "named")


def test_a_report_runs_on_into_a_backshifted_next_sentence(analyzer: Analyzer) -> None:
    text = "The ministry said prices had risen. They would rise by another 5%."
    quote = attribution_of(analyzer, text, "prices")
    assert quote.text == "prices had risen. They would rise by another 5%"


@pytest.mark.parametrize(
    "second",
    [
        pytest.param("But the firm would keep its staff.", id="opens-with-a-contrast"),
        pytest.param("The figures would worry our readers.", id="the-writer-in-first-person"),
        pytest.param("Analysts would disagree, saying demand was strong.",
                     id="someone-elses-report"),
    ],
)
def test_a_report_does_not_run_on_into_the_writers_own_sentence(
    analyzer: Analyzer, second: str
) -> None:
    quote = attribution_of(analyzer, f"Mara Quint said sales had slowed. {second}", "sales")
    assert quote.text == "sales had slowed"


def test_two_people_joined_by_and_before_said_are_not_one_clause(analyzer: Analyzer) -> None:
    text = "Tenant advocate Ana Ruiz and council chair Tom Rudd said the rent rise was unfair."
    quote = attribution_of(analyzer, text, "the rent")
    assert quote.speaker == "Tom Rudd"


@pytest.mark.parametrize(
    "text, speaker, actor",
    [
        pytest.param('"We will appeal," said an official of the Harbour Board.',
                     "an official of the Harbour Board", "Harbour Board",
                     id="a-description-runs-on-over-of-the"),
        pytest.param('"We will appeal," said Ana Ruiz of the Harbour Board.', "Ana Ruiz",
                     "Ana Ruiz", id="a-name-stops-before-where-she-works"),
        pytest.param("\"We will appeal,\" said Ann O'Brien.", "Ann O'Brien", "Ann O'Brien",
                     id="an-apostrophe-inside-a-name"),
        pytest.param('"We will win," said broker Whitcombe & Lane', "Whitcombe & Lane",
                     "Whitcombe & Lane", id="a-firm-with-an-ampersand-ends-the-text"),
        pytest.param('According to this week\'s survey, "prices rose sharply".',
                     "this week's survey", None, id="according-to-a-time-word-first"),
    ],
)
def test_the_speaker_after_the_verb_is_the_whole_phrase_and_no_more(
    analyzer: Analyzer, text: str, speaker: str, actor: str | None
) -> None:
    quote = analyzer.analyze(text).quotes[0]
    assert (quote.speaker, quote.speaker_actor) == (speaker, actor)


@pytest.mark.parametrize(
    "text, speaker",
    [
        pytest.param('"We will win," said Ana Ruiz', "Ana Ruiz", id="no-full-stop"),
        pytest.param('"We will win," said Ana Ruiz -', "Ana Ruiz", id="a-dash-at-the-end"),
        pytest.param('"We will win," said broker Whitcombe &', "Whitcombe",
                     id="an-ampersand-at-the-end"),
        pytest.param('"We will win," said the 41-', "the 41", id="a-hyphen-at-the-end"),
        pytest.param('"Prices rose sharply," according to', None, id="according-to-at-the-end"),
    ],
)
def test_a_text_cut_off_after_the_speech_verb_still_gives_its_speaker(
    analyzer: Analyzer, text: str, speaker: str | None
) -> None:
    assert analyzer.analyze(text).quotes[0].speaker == speaker


@pytest.mark.parametrize(
    "second, content",
    [
        pytest.param("The firm would also cut prices by 5%.",
                     "The firm would also cut prices by 5%", id="ends-on-a-percentage"),
        pytest.param("5% of the staff would go.", "5% of the staff would go",
                     id="starts-with-a-percentage"),
    ],
)
def test_a_backshifted_sentence_after_a_closing_cue_is_a_report_of_its_own(
    analyzer: Analyzer, second: str, content: str
) -> None:
    text = f"Sales had slowed, Mara Quint said on Monday. {second}"
    first, report = analyzer.analyze(text).quotes
    assert first.text == "Sales had slowed"
    assert (report.text, report.kind, report.speaker, report.verb) == (
        content, "indirect", "Mara Quint", "said")


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        pytest.param("Speaking about Ana Ruiz, Tom Rudd praised the crew and said they had "
                     "saved lives.", "they", "Tom Rudd", id="not-the-person-spoken-about"),
        pytest.param("The jury cleared Ravel. Ravel’s lawyer, Hanne Brookes, thanked the jury "
                     "and said the verdict was fair.", "the verdict", "Hanne Brookes",
                     id="curly-possessive-then-the-person"),
        pytest.param("Love Lagoon star Dex Marlow thanked fans and said the show was over.",
                     "the show", "Dex Marlow", id="the-person-a-show-name-modifies"),
        pytest.param("This came shortly after Tom Rudd had tried to calm the row by tweeting "
                     'that the vote was "fair and final".', '"fair', "Tom Rudd",
                     id="the-subject-of-a-clause-opened-by-after"),
    ],
)
def test_the_first_clauses_subject_speaks_after_a_conjunction(
    analyzer: Analyzer, text: str, content: str, speaker: str
) -> None:
    quote = attribution_of(analyzer, text, content)
    assert (quote.speaker, quote.speaker_actor) == (speaker, speaker)


def test_a_capitalised_title_in_an_aside_still_describes_the_person_before_it(
    analyzer: Analyzer,
) -> None:
    text = "Mara Quint, the Dovecote Foods Chief Executive, said sales had slowed."
    assert attribution_of(analyzer, text, "sales").speaker == "Mara Quint"


def test_a_participle_cue_after_a_show_name_and_a_plain_noun_is_the_persons(
    analyzer: Analyzer,
) -> None:
    text = 'Love Lagoon hunk Dex Marlow hit out at the producers, calling the show "a circus".'
    assert attribution_of(analyzer, text, '"a').speaker == "Dex Marlow"


def test_a_next_sentence_with_a_participle_cue_of_its_own_is_not_the_report_run_on(
    analyzer: Analyzer,
) -> None:
    text = "Mara Quint said sales had slowed. The firm would also cut prices, citing costs."
    assert [q.text for q in analyzer.analyze(text).quotes] == ["sales had slowed"]


def test_a_first_clause_needs_a_verb_before_and_said(analyzer: Analyzer) -> None:
    """"advocate Ana Ruiz of Halden and council chair Tom Rudd said": no first clause."""
    text = ("Tenant advocate Ana Ruiz of Halden and council chair Tom Rudd said the rent rise "
            "was unfair.")
    assert attribution_of(analyzer, text, "the rent").speaker == "Tom Rudd"


def test_a_regular_verb_between_two_names_makes_the_first_the_subject(
    analyzer: Analyzer,
) -> None:
    text = f"Omar Reddy thanked Ana Ruiz on Monday. {DISGRACE}"
    assert attribution_of(analyzer, text, '"This').speaker == "Omar Reddy"


@pytest.mark.parametrize(
    "text, speaker",
    [
        pytest.param('"We will appeal," said the club\'s lawyer', "the club's lawyer",
                     id="a-description-ends-the-text"),
        pytest.param('"We will appeal," said the club\'s lawyer,', "the club's lawyer",
                     id="a-comma-ends-the-text"),
        pytest.param('"We will appeal," said the club\'s lawyer, Frost', "Frost",
                     id="a-one-word-name-ends-the-text"),
    ],
)
def test_a_description_then_a_name_at_the_end_of_a_text(
    analyzer: Analyzer, text: str, speaker: str
) -> None:
    assert analyzer.analyze(text).quotes[0].speaker == speaker
