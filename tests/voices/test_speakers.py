"""Issue 18: speakers, sides and targets that hold on tabloid, sport, business and wire copy."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest

import framing.patterns
import framing.tokenize
from framing import Analyzer
from framing.errors import LexiconError
from framing.voices.actors import builtin_vocabulary, parse_office_holders
from tests.conftest import SAMPLE, require


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(model=None, word_model=None)  # every lexicon flag: these test voices, not confidence


def speakers(analysis):
    return [(q.kind, q.speaker, q.speaker_kind) for q in analysis.quotes]


def test_a_fan_quote_with_a_manner_verb_goes_to_the_fan(analyzer: Analyzer) -> None:
    text = (
        "Sources at the club said the cash was gone. \"There is nothing left,\" one insider "
        "told us.\n\n\"He is bleeding this club dry,\" fumed lifelong fan Gary Moss."
    )
    fan = analyzer.analyze(text).quotes[-1]
    assert (fan.speaker, fan.verb, fan.verb_class) == ("Gary Moss", "fumed", "doubt-casting")


@pytest.mark.parametrize(
    "verb",
    ["blasted", "slammed", "snapped", "scoffed", "quipped", "vowed", "hit out", "lashed out"],
)
def test_manner_verbs_are_speech_verbs(analyzer: Analyzer, verb: str) -> None:
    quote = analyzer.analyze(f"“We will be back,” {verb} coach Ivo Brandt.").quotes[0]
    assert quote.speaker == "Ivo Brandt" and quote.verb == verb.split()[0]


def test_blasted_as_is_a_partial_quote_of_its_speaker(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(
        "Trust chairman Tony Reed blasted the regime as ‘a total shambles’."
    )
    quote = analysis.quotes[0]
    assert (quote.kind, quote.speaker) == ("partial", "Tony Reed")
    assert not [f for f in analysis.flags if f.category == "scare_quote"]
    assert {f.voice for f in analysis.flags if f.text == "shambles"} == {"quoted"}


def test_called_is_a_partial_quote_and_so_called_a_scare_quote(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(
        "Mayor Ines Duarte called the plan “a land grab”. Its so-called “reform” failed."
    )
    assert speakers(analysis) == [
        ("partial", "Ines Duarte", "named"),
        ("scare", None, None),
    ]


def test_a_continuing_quote_never_crosses_an_attributed_one(analyzer: Analyzer) -> None:
    text = (
        "‘It is a dark day,’ club sources said. ‘He has taken everything,’ raged supporter "
        "Liam Byrne. ‘Every last penny.’"
    )
    assert [q.speaker for q in analyzer.analyze(text).quotes] == [
        "club sources", "Liam Byrne", "Liam Byrne",
    ]


def test_an_unattributed_quote_does_not_continue_an_earlier_speaker_past_it(
    analyzer: Analyzer,
) -> None:
    text = '"We will win," Ana Ruiz said. "Nobody believes that." "Nor do I."'
    analysis = analyzer.analyze('"We will win," Ana Ruiz said. Then a voice: "Nobody believes it."')
    assert analysis.quotes[-1].speaker in (None, "Ana Ruiz")  # same paragraph: continues
    chained = analyzer.analyze(text).quotes
    assert [q.speaker for q in chained] == ["Ana Ruiz", "Ana Ruiz", "Ana Ruiz"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "“We are not in talks,” a spokeswoman for Halden Foods said.",
            "a spokeswoman for Halden Foods",
        ),
        ("“We did it by the book,” said hospital spokeswoman Claire Dunn.", "Claire Dunn"),
        ("“It was never a penalty,” said United manager Ana Costa.", "Ana Costa"),
        ("Striker Dele Ambrose said: “We were robbed.”", "Dele Ambrose"),
        ("“We will appeal,” said the club’s lawyer, Anne Frost.", "Anne Frost"),
        ("Pub landlord Terry Voss, 58, said: “We are closing.”", "Terry Voss"),
        ("Sam Orton saved twice. Later the 34-year-old said: “I am not done.”", "Sam Orton"),
    ],
)
def test_role_nouns_and_descriptions(analyzer: Analyzer, text: str, speaker: str) -> None:
    assert analyzer.analyze(text).quotes[-1].speaker == speaker


def test_anonymous_sources_are_a_kind_counted_apart(analyzer: Analyzer) -> None:
    text = (
        "Sources say the deal is dead. \"It is over,\" one insider told us. Officials said the "
        "talks had ended. \"We are still talking,\" Mayor Ines Duarte said."
    )
    analysis = analyzer.analyze(text)
    kinds = [q.speaker_kind for q in analysis.quotes]
    assert kinds == ["anonymous", "anonymous", "anonymous", "named"]
    sources = analysis.summary["sources"]
    assert sources["anonymous_attributions"] == 3
    assert (sources["n_sources"], sources["n_sides"]) == (1, 1)


def test_a_description_that_names_no_one_is_a_source_but_not_a_side(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("“Get out,” snapped one furious neighbour.")
    sources = analysis.summary["sources"]
    assert (sources["n_sources"], sources["n_sides"]) == (1, 0)
    assert sources["speakers"][0]["side"] is None


def test_office_holders_take_their_countrys_side(analyzer: Analyzer) -> None:
    sides = {
        row["speaker"]: row["side"]
        for row in analyzer.analyze(
            "Russia massed troops. “We will respond,” Putin said. "
            "“Not so fast,” Keir Starmer said."
        ).summary["sources"]["speakers"]
    }
    assert sides == {"Putin": "Russia", "Keir Starmer": "United Kingdom"}


def test_a_surname_alone_takes_a_side_only_when_the_side_is_mentioned(analyzer: Analyzer) -> None:
    row = analyzer.analyze("“We ran hard,” Putin said after the village race.").summary
    assert row["sources"]["speakers"][0]["side"] == "Putin"


def test_his_government_resolves_through_the_last_office_holder(analyzer: Analyzer) -> None:
    text = (
        "German Chancellor Friedrich Merz met the delegation. His government said it would "
        "“look closely” at the proposal."
    )
    quote = analyzer.analyze(text).quotes[-1]
    assert (quote.speaker_actor, quote.kind) == ("Germany", "partial")


def test_headline_quotations_are_listed_but_create_no_speaker(analyzer: Analyzer) -> None:
    text = (
        "US Says ‘In Step’ With Allies Against Moscow, ‘Door Open’ to More Troops\n\n"
        "The White House said the allies were united."
    )
    analysis = analyzer.analyze(text)
    assert [(q.kind, q.speaker) for q in analysis.quotes[:2]] == [
        ("headline", None), ("headline", None),
    ]
    sources = analysis.summary["sources"]
    assert sources["headline_quotes"] == 2
    assert sources["speakers"][0]["quotes"] == 1  # only the body's report


@pytest.mark.parametrize(
    ("text", "term", "actor"),
    [
        ("GREEDY TYCOON Victor Hale sold the club.", "GREEDY", "Victor Hale"),
        ("The ruthless club owner Sergei Valkov sacked his manager.", "ruthless", "Sergei Valkov"),
        (
            "Club owner Victor Hale sold the striker. The shameless owner stayed away.",
            "shameless",
            "Victor Hale",
        ),
        (
            "Property developer Hugh Lassiter wants the green. The arrogant property baron "
            "felled six oaks.",
            "arrogant",
            "Hugh Lassiter",
        ),
    ],
)
def test_loaded_words_in_a_phrase_naming_a_person_are_aimed_at_them(
    analyzer: Analyzer, text: str, term: str, actor: str
) -> None:
    flag = next(f for f in analyzer.analyze(text).flags if f.text == term and f.polarity)
    assert flag.target == actor


def test_a_role_with_nobody_named_nearby_aims_at_no_one(analyzer: Analyzer) -> None:
    flags = analyzer.analyze("The shameless owner stayed away.").flags
    assert [f.target for f in flags if f.text == "shameless"] == [None]


def test_one_speech_verb_list_and_one_scare_quote_decision(analyzer: Analyzer) -> None:
    assert not hasattr(framing.patterns, "SPEECH_MARKERS")
    analysis = analyzer.analyze(
        "Troops were put on “high alert”. Ana Ruiz called it “a stunt”. The “reform” failed."
    )
    scare = [(q.start, q.end) for q in analysis.quotes if q.kind == "scare"]
    flagged = [(f.start, f.end) for f in analysis.flags if f.category == "scare_quote"]
    assert scare == flagged == [(q.start, q.end) for q in analysis.quotes if q.speaker is None]


def test_quotes_are_found_once_per_document(analyzer: Analyzer, monkeypatch) -> None:
    calls = []
    original = framing.tokenize._quote_spans
    monkeypatch.setattr(
        framing.tokenize, "_quote_spans", lambda *a: calls.append(a) or original(*a)
    )
    analyzer.analyze("“We will wait,” Ana Ruiz said. Its “open door” policy stays.")
    assert len(calls) == 1  # one paragraph, one pass


def test_office_holders_file_is_well_formed() -> None:
    text = resources.files("framing.lexicons").joinpath("actors", "office_holders.tsv")
    rows = [
        line.split("\t")
        for line in text.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ][1:]
    assert len(rows) >= 80
    buckets = builtin_vocabulary().gazetteer.by_first.values()
    known_sides = {entry.actor for bucket in buckets for entry in bucket}
    for name, side, office, start, end in rows:
        assert side in known_sides, name
        until = date.fromisoformat(end) if end else date.max
        assert office and date.fromisoformat(start) <= until, name


def test_office_holders_errors_name_file_and_line() -> None:
    with pytest.raises(LexiconError, match=r"o.tsv:2:1: name and side"):
        parse_office_holders("name\tside\toffice\tfrom\tto\n\tRussia\tpresident\t\t\n", "o.tsv")


def test_the_tabloid_example(analyzer: Analyzer) -> None:
    text = resources.files("framing.examples").joinpath("tabloid_club_owner.txt").read_text("utf-8")
    analysis = analyzer.analyze(text)
    by_text = {q.text[:12]: q for q in analysis.quotes}
    assert by_text['"He\'s a para'].speaker == "Gary Moss"
    blasted = by_text["‘a total sha"]
    assert (blasted.speaker, blasted.kind) == ("Tony Reed", "partial")
    assert analysis.summary["sources"]["anonymous_attributions"] == 3
    aimed = {f.text: f.target for f in analysis.flags if f.polarity and f.target}
    assert aimed["GREEDY"] == aimed["shameless"] == aimed["arrogant"] == "Victor Hale"


def test_the_seed_sides(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(require(SAMPLE, "the seed sample").read_text("utf-8"))
    sources = analysis.summary["sources"]
    sides = {row["speaker"]: row["side"] for row in sources["speakers"]}
    assert sides["Putin"] == "Russia"
    assert not any(q.speaker for q in analysis.quotes if q.kind == "headline")
    assert sources["headline_quotes"] == 2
    assert sources["n_sides"] == len({side for side in sides.values() if side}) == 4
