"""Issue 29: reported speech in its common shapes, speakers resolved over the document,
sides inherited, targets through pronouns. Every text here is written for these tests."""

from __future__ import annotations

import pytest

from framing import Analyzer
from framing.tokenize import tokenize
from framing.voices.actors import find_actors
from framing.voices.coreference import government_of, references


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(model=None, word_model=None)


def reports(analysis) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker_actor or q.speaker) for q in analysis.quotes if q.kind == "indirect"]


# --- the trial cases --------------------------------------------------------------


def test_a_place_inside_a_quotation_never_speaks_it(analyzer: Analyzer) -> None:
    text = (
        'Gardening presenter Tobin Ashgrove has rounded on plans for a ring road. '
        '"They want Maplecombe to stay frozen in 1950," he thundered. '
        '"Nobody in Maplecombe was even asked," he added.'
    )
    analysis = analyzer.analyze(text)
    direct = [q for q in analysis.quotes if q.kind == "direct"]
    assert [q.speaker for q in direct] == ["Tobin Ashgrove", "Tobin Ashgrove"]
    sources = analysis.summary["sources"]
    assert [row["speaker"] for row in sources["speakers"]] == ["Tobin Ashgrove"]
    assert sources["n_sides"] == 1


def test_her_spokesman_speaks_for_her_side(analyzer: Analyzer) -> None:
    text = (
        "Mayor Nadia Fenwright will not approve the parking levy. Her spokesman, Colin Brask, "
        "said the levy punished small shops. Brask said she wanted a fresh consultation."
    )
    sources = analyzer.analyze(text).summary["sources"]
    assert [(r["speaker"], r["side"]) for r in sources["speakers"]] == [
        ("Colin Brask", "Nadia Fenwright")
    ]
    assert sources["n_sides"] == 1


def test_a_police_force_and_its_parts_are_one_source(analyzer: Analyzer) -> None:
    text = (
        "Kent Police said two men had been charged after the raid. Police said the pair "
        "would appear in court on Monday. A police spokeswoman said the inquiry was continuing."
    )
    analysis = analyzer.analyze(text)
    assert [actor for _, actor in reports(analysis)] == ["Kent Police"] * 3
    assert analysis.summary["sources"]["n_sources"] == 1


def test_a_department_statement_is_a_source(analyzer: Analyzer) -> None:
    text = (
        "The Department of Rural Transport confirmed the timetable on Friday. The branch line "
        "will reopen in the spring, the department said in a statement."
    )
    analysis = analyzer.analyze(text)
    assert reports(analysis)[-1] == (
        "The branch line will reopen in the spring", "Department of Rural Transport"
    )
    assert analysis.summary["sources"]["speakers"][0]["speaker"] == "Department of Rural Transport"


def test_loaded_words_after_a_pronoun_aim_at_the_person(analyzer: Analyzer) -> None:
    text = (
        "Senator Judith Carrow launched her campaign on Monday. She is an arrogant, "
        "out-of-touch career politician who insists the race is already won."
    )
    analysis = analyzer.analyze(text)
    arrogant = next(f for f in analysis.flags if f.text == "arrogant")
    assert arrogant.target == "Judith Carrow"


def test_devices_never_count_as_loaded_words_aimed(analyzer: Analyzer) -> None:
    text = "Senator Judith Carrow insists the race is won. Carrow claimed victory early."
    analysis = analyzer.analyze(text)
    aimed = [f for f in analysis.flags if f.target == "Judith Carrow"]
    assert aimed and all(f.layer == "device" for f in aimed)  # the test means something
    row = next(r for r in analysis.summary["actors"] if r["actor"] == "Judith Carrow")
    assert row["aimed"]["negative"] == row["aimed"]["positive"] == 0
    frame = analysis.actors_frame()
    assert frame.loc[frame["actor"] == "Judith Carrow", "aimed_negative"].item() == 0


# --- reported speech shapes -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("The ferry service will resume next week, the harbour board said on Tuesday.",
         "The ferry service will resume next week", "the harbour board"),
        ("Fares will rise by a tenth in April, said Olwen Tarrant, who chairs the operator.",
         "Fares will rise by a tenth in April", "Olwen Tarrant"),
        ("The bakery lost money for three years, according to Greta Holm.",
         "The bakery lost money for three years", "Greta Holm"),
        ("According to Greta Holm, the bakery lost money for three years.",
         "the bakery lost money for three years", "Greta Holm"),
        ("Dr Ivo Penn warned that the clinic could close by winter.",
         "the clinic could close by winter", "Ivo Penn"),
        ("Councillor Ada Reyes has accused the mayor of hiding the cost of the bridge.",
         "the mayor of hiding the cost of the bridge", "Ada Reyes"),
        ("Marlo Airways blamed a strike by baggage staff for the delays.",
         "a strike by baggage staff for the delays", "Marlo Airways"),
        ("The Fenmore Trust's report found that river pollution had doubled since 2010.",
         "river pollution had doubled since 2010", "Fenmore Trust"),
        ("A hospital spokeswoman told reporters the patient was stable.",
         "the patient was stable", "A hospital spokeswoman"),
    ],
)
def test_reported_speech_shapes(analyzer: Analyzer, text: str, content: str, speaker: str) -> None:
    assert reports(analyzer.analyze(text)) == [(content, speaker)]


def test_writer_words_after_a_final_cue_stay_out(analyzer: Analyzer) -> None:
    text = "A merger could be agreed within days, one banker said, though nothing is signed."
    expected = [("A merger could be agreed within days", "one banker")]
    assert reports(analyzer.analyze(text)) == expected


def test_a_participle_cue_is_its_own_report(analyzer: Analyzer) -> None:
    text = "Coach Tilda Marsh said the squad was tired, adding that two players were injured."
    assert reports(analyzer.analyze(text)) == [
        ("the squad was tired", "Tilda Marsh"), ("two players were injured", "Tilda Marsh"),
    ]


def test_content_carried_into_the_next_sentence(analyzer: Analyzer) -> None:
    joined = (
        "Harbour officials said on Monday that the pier had been closed after a storm. "
        "Repairs would take at least a month."
    )
    quote = analyzer.analyze(joined).quotes[0]
    assert quote.text.endswith("Repairs would take at least a month")
    apart = (
        "The pier has been closed after a storm, harbour officials said on Monday. "
        "Repairs would take at least a month."
    )
    found = reports(analyzer.analyze(apart))
    assert found[-1] == ("Repairs would take at least a month", "harbour officials")
    assert len(found) == 2


def test_a_sentence_of_narration_is_not_reported_speech(analyzer: Analyzer) -> None:
    text = "The United States has remained intransigent on the question of tariffs for years."
    assert reports(analyzer.analyze(text)) == []


def test_author_flags_inside_reported_speech_are_marked_reported(analyzer: Analyzer) -> None:
    text = (
        "Officials said the reckless plan would ruin the valley. "
        "The reckless plan was approved anyway."
    )
    flags = [f for f in analyzer.analyze(text).flags if f.text == "reckless"]
    assert [(f.voice, f.reported) for f in flags] == [("author", True), ("author", False)]


def test_sources_count_reported_speakers(analyzer: Analyzer) -> None:
    text = 'Ruth Orme said the plan would fail. "It is doomed," said Piet Lang.'
    speakers = analyzer.analyze(text).summary["sources"]["speakers"]
    assert {(r["speaker"], r["quotes"], r["reported"]) for r in speakers} == {
        ("Ruth Orme", 1, 1), ("Piet Lang", 1, 0)
    }


# --- the document pass --------------------------------------------------------------


def test_pronouns_follow_gender_not_distance(analyzer: Analyzer) -> None:
    text = (
        "Actress Mina Coyle and her agent, Paul Dray, fell out last spring. "
        "She said the contract had been broken. He said she was wrong."
    )
    assert reports(analyzer.analyze(text))[:2] == [
        ("the contract had been broken", "Mina Coyle"), ("she was wrong", "Paul Dray"),
    ]


def test_a_pronoun_learns_the_gender_of_an_earlier_mention() -> None:
    doc = tokenize("Lena Okoro and Tom Reyes met. His plan failed. She said it was late.")
    refs = references(doc, find_actors(doc))
    she = doc.text.index("She")
    assert refs.person_at(she) == "Lena Okoro"
    assert refs.genders["Tom Reyes"] == "m"


def test_names_inside_quotations_are_not_antecedents() -> None:
    doc = tokenize('Ann Vale spoke. "Bram Holt is wrong," she said. He laughed.')
    refs = references(doc, find_actors(doc))
    assert refs.person_at(doc.text.index("He laughed")) is None


@pytest.mark.parametrize(
    ("name", "country"),
    [("Interior Ministry of Kastovia", "Kastovia"), ("Ministry of Health of Pellaria", "Pellaria"),
     ("Lenmark Department of Infrastructure", "Lenmark"), ("Finance Ministry", None),
     ("Competition Board of Ardenia", None)],
)
def test_a_ministry_speaks_for_its_country(name: str, country: str | None) -> None:
    assert government_of(name) == country


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("A study published by the Orwin Institute on Monday found that bees were in decline.",
         "Orwin Institute"),
        ("Analyst Ines Kahl of Dunmore Partners said the fall had gone too far.", "Ines Kahl"),
        ("Rally driver Sven Ode won at the Pemberly Cup. The 31-year-old said his car was perfect.",
         "Sven Ode"),
        ("Midland Rovers confirmed the sale on Friday. The club said the fee was undisclosed.",
         "Midland Rovers"),
        ("The Interior Ministry of Valdonia said the border was closed.",
         "Interior Ministry of Valdonia"),
    ],
)
def test_speakers_of_reported_speech(analyzer: Analyzer, text: str, speaker: str) -> None:
    assert reports(analyzer.analyze(text))[-1][1] == speaker


def test_a_noun_is_not_a_cue(analyzer: Analyzer) -> None:
    text = 'Finance chief Ola Brun told analysts on a call: "Our lenders back us."'
    assert [q.speaker for q in analyzer.analyze(text).quotes] == ["Ola Brun"]


def test_the_speakers_next_act_is_not_content(analyzer: Analyzer) -> None:
    text = "Rhea Tull said the budget was short, and demanded a recount."
    assert reports(analyzer.analyze(text)) == [("the budget was short", "Rhea Tull")]


# --- shapes from the second held-out scoring ----------------------------------------


def test_content_after_a_duration_starts_after_that(analyzer: Analyzer) -> None:
    text = "The analyst Ines Paley has argued for two years that the bank raises rates too late."
    assert reports(analyzer.analyze(text)) == [
        ("the bank raises rates too late", "Ines Paley")
    ]


def test_a_sentence_with_its_own_speech_verb_does_not_carry_on_the_last(
    analyzer: Analyzer,
) -> None:
    text = (
        "Harrow Mills said in a statement that it had cut output at two plants. Shoppers' "
        "group Fair Till welcomed the cut, saying prices had risen for months."
    )
    found = reports(analyzer.analyze(text))
    assert found[0] == ("it had cut output at two plants", "Harrow Mills")
    assert all("Fair Till" not in content for content, _ in found)


def test_what_a_published_index_showed_is_credited_to_its_publisher(
    analyzer: Analyzer,
) -> None:
    text = (
        "Rents in Quellby rose again in May, according to the Brandt Housing Trust. The "
        "trust's quarterly index showed that the average rent had reached 940 marks."
    )
    assert reports(analyzer.analyze(text))[-1] == (
        "the average rent had reached 940 marks", "Brandt Housing Trust"
    )


def test_a_second_speech_verb_after_and_or_but_is_a_second_report(
    analyzer: Analyzer,
) -> None:
    text = (
        "The Marsh Water Board said crews had repaired two of the burst mains but warned "
        "that supplies in the east could fail again overnight."
    )
    assert reports(analyzer.analyze(text)) == [
        ("crews had repaired two of the burst mains", "Marsh Water Board"),
        ("supplies in the east could fail again overnight", "Marsh Water Board"),
    ]


def test_reported_content_ends_before_the_speakers_next_act(analyzer: Analyzer) -> None:
    text = (
        "Her agent, Colm Ridley, said she would sue and described the article as "
        "'pure invention'."
    )
    assert reports(analyzer.analyze(text)) == [("she would sue", "Colm Ridley")]


def test_reported_content_ends_where_the_writer_speaks_for_himself(
    analyzer: Analyzer,
) -> None:
    text = "The economist Aldo Brenn has long argued that the tax is too low, and I agree with him."
    assert reports(analyzer.analyze(text)) == [("the tax is too low", "Aldo Brenn")]


def test_a_participle_after_a_clause_reports_for_its_subject(analyzer: Analyzer) -> None:
    text = (
        "The Harbury Water Board rejected the complaint, saying the pipes had been checked "
        "in May. The storm reached the coast on Monday, flooding two villages."
    )
    assert reports(analyzer.analyze(text)) == [
        ("the pipes had been checked in May", "Harbury Water Board")
    ]


def test_a_final_cue_may_say_where_it_was_said(analyzer: Analyzer) -> None:
    text = (
        "The Fernley Greens will stand in every ward of Oakham this spring, their leader "
        "Ada Rusk announced at a rally on Sunday."
    )
    assert reports(analyzer.analyze(text)) == [
        ("The Fernley Greens will stand in every ward of Oakham this spring", "Ada Rusk")
    ]


def test_content_whose_subject_is_a_name_then_a_past_verb(analyzer: Analyzer) -> None:
    text = (
        "Team Vantor lodged a protest on Sunday, claiming rival rider Ivo Marsh gained "
        "time by cutting a corner."
    )
    assert reports(analyzer.analyze(text)) == [
        ("rival rider Ivo Marsh gained time by cutting a corner", "Team Vantor")
    ]


def test_a_participle_of_blame_after_a_firms_clause(analyzer: Analyzer) -> None:
    text = "Kessler Mills cut its forecast on Monday, blaming a shortage of cotton from Pardo."
    assert reports(analyzer.analyze(text)) == [
        ("a shortage of cotton from Pardo", "Kessler Mills")
    ]


def test_according_to_a_firm_with_an_ampersand(analyzer: Analyzer) -> None:
    text = "According to broker Hale & Tarrant, the chain's debts are the highest in retail."
    assert reports(analyzer.analyze(text)) == [
        ("the chain's debts are the highest in retail", "Hale & Tarrant")
    ]


def test_content_ending_in_to_is_not_a_cue_tail(analyzer: Analyzer) -> None:
    text = (
        "But the Board of Learning's own review, released quietly in June, concluded that "
        "curfews made little difference to crime figures."
    )
    found = reports(analyzer.analyze(text))
    assert [content for content, _ in found] == [
        "curfews made little difference to crime figures"
    ]


def test_a_participle_after_a_described_firm_is_the_firms(analyzer: Analyzer) -> None:
    text = "Consumer group Fair Pantry welcomed the ruling, saying prices would now fall."
    assert reports(analyzer.analyze(text)) == [("prices would now fall", "Fair Pantry")]
