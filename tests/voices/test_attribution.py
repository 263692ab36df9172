"""Quotes with speakers, actors, and the targets of loaded words."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from framing import Analyzer
from framing.cli import main
from framing.errors import LexiconError
from framing.evaluation.quotes import default_gold_sets, evaluate_gold, read_gold
from framing.tokenize import tokenize
from framing.voices.actors import find_actors, parse_gazetteer

from ..conftest import count_steps


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(model=None, word_model=None)  # every lexicon flag: these test voices, not confidence


def quotes_of(
    analyzer: Analyzer, text: str
) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(q.kind, q.speaker, q.verb, q.verb_class) for q in analyzer.analyze(text).quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will wait," Governor Ana Ruiz said.', ("direct", "Ana Ruiz", "said", "neutral")),
        ('"We will wait," said Ana Ruiz.', ("direct", "Ana Ruiz", "said", "neutral")),
        ('Ana Ruiz said, "We will wait."', ("direct", "Ana Ruiz", "said", "neutral")),
        (
            'According to Ana Ruiz, "the dam will hold."',
            ("direct", "Ana Ruiz", "according to", "neutral"),
        ),
        ('Ana Ruiz told reporters, "We will wait."', ("direct", "Ana Ruiz", "told", "neutral")),
        ("Ana Ruiz said that the dam would hold.", ("indirect", "Ana Ruiz", "said", "neutral")),
        (
            "Moscow claimed that the drills were routine.",
            ("indirect", "Moscow", "claimed", "doubt-casting"),
        ),
        (
            "Ana Ruiz admitted that the dam leaked.",
            ("indirect", "Ana Ruiz", "admitted", "endorsing"),
        ),
        (
            'Ana Ruiz vowed the town would "never give up" on it.',
            ("partial", "Ana Ruiz", "vowed", "neutral"),
        ),
        ('The plan was an "open door" to abuse.', ("scare", None, None, None)),
    ],
)
def test_attribution_shapes(analyzer: Analyzer, text: str, expected: tuple) -> None:
    assert quotes_of(analyzer, text) == [expected]


def test_speech_verb_without_reported_content_is_not_a_quote(analyzer: Analyzer) -> None:
    assert quotes_of(analyzer, "Ana Ruiz spoke with the mayor on Monday.") == []


def test_continued_quote_and_pronoun_take_the_speaker(analyzer: Analyzer) -> None:
    text = 'Coach Ben Ode sighed. "We lost," he said. "We will be back."'
    found = analyzer.analyze(text).quotes
    assert [q.speaker for q in found] == ["Ben Ode", "Ben Ode"]


def test_nested_single_quotes_stay_inside_the_quotation(analyzer: Analyzer) -> None:
    text = "“He told me, ‘Sign nothing,’ and I did not,” said Ana Ruiz."
    found = analyzer.analyze(text).quotes
    assert [(q.text, q.speaker) for q in found] == [
        ("“He told me, ‘Sign nothing,’ and I did not,”", "Ana Ruiz")
    ]


def test_role_description_resolves_to_the_person_introduced_with_it(analyzer: Analyzer) -> None:
    text = (
        "French President Lea Marchand arrived. Later the French president said the talks "
        'were "frank".'
    )
    assert analyzer.analyze(text).quotes[-1].speaker == "Lea Marchand"


def test_actors_group_aliases_surnames_and_honorifics() -> None:
    doc = tokenize(
        "Michael Steele spoke. Mr. Steele left. The Kremlin and Moscow agreed; "
        "the Biden administration and Washington did not."
    )
    actors = [(m.text, m.actor) for m in find_actors(doc).mentions]
    assert ("Mr. Steele", "Michael Steele") in actors or ("Steele", "Michael Steele") in actors
    assert ("Kremlin", "Russia") in actors and ("Moscow", "Russia") in actors
    assert ("Biden administration", "United States") in actors
    assert ("Washington", "United States") in actors


def test_lowercase_pronoun_us_is_not_the_united_states() -> None:
    doc = tokenize("It lets us avoid war. The US agreed.")
    assert [(m.text, m.actor) for m in find_actors(doc).mentions] == [("US", "United States")]


def test_unknown_capitalised_names_become_actors() -> None:
    doc = tokenize("The report by Greta Lindholm reached the Haverford Institute.")
    names = {m.actor for m in find_actors(doc).mentions}
    assert {"Greta Lindholm", "Haverford Institute"} <= names


@pytest.mark.parametrize(
    ("text", "term", "actor"),
    [
        ("Observers decried Washington's bellicose posturing.", "bellicose", "United States"),
        ("They warned of Russian aggression.", "aggression", "Russia"),
        ("The United States has remained intransigent.", "intransigent", "United States"),
        ("The bloc, which has remained intransigent, refused to budge.", "intransigent", None),
        ("Paris refused to sign.", "refused to", "France"),
        ("Turkey, a stubborn partner, said no.", "stubborn", "Turkey"),
        ("The plan was reckless.", "reckless", None),
    ],
)
def test_targets_of_loaded_words(
    analyzer: Analyzer, text: str, term: str, actor: str | None
) -> None:
    flag = next(f for f in analyzer.analyze(text).flags if f.text == term)
    assert flag.target == actor


def test_sample_article_speakers_attribution_and_targets(sample_text: str) -> None:
    analysis = Analyzer(model=None).analyze(sample_text)
    speakers = {q.speaker_actor for q in analysis.quotes if q.kind in ("direct", "partial")}
    assert {"Joe Biden", "Olaf Scholz", "Emmanuel Macron", "Putin", "Jen Psaki"} <= speakers
    claimed = next(q for q in analysis.quotes if q.verb == "claimed")
    assert (claimed.speaker_actor, claimed.verb_class, claimed.kind) == (
        "United States",
        "doubt-casting",
        "indirect",
    )
    by_text = {f.text: f for f in analysis.flags}
    assert (by_text["bellicose"].target, by_text["bellicose"].polarity) == ("United States", -1)
    assert by_text["insistence"].target == "Russia"
    assert analysis.summary["sources"]["n_sources"] >= 5
    us = next(r for r in analysis.summary["actors"] if r["actor"] == "United States")
    assert "bellicose" in us["aimed"]["negative_terms"] and us["verbs"]["doubt-casting"] >= 1


def test_tables_in_json_and_frames(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze('"It failed," Ana Ruiz said. Moscow\'s reckless plan went on.')
    data = json.loads(analysis.to_json())
    assert data["quotes"][0]["speaker"] == "Ana Ruiz"
    assert {m["actor"] for m in data["mentions"]} == {"Ana Ruiz", "Russia"}
    assert analysis.quotes_frame()["speaker"].tolist() == ["Ana Ruiz"]
    actors = analysis.actors_frame().set_index("actor")
    assert actors.loc["Russia", "aimed_negative_terms"] == ["reckless"]
    assert actors.loc["Ana Ruiz", "quotes"] == 1


#: The counts behind the README's table of the quote gold sets (`framing evaluate quotes`):
#: quotes matched / predicted / gold, then right / scored for speaker, kind, verb stance and
#: target. The rules are deterministic, so any change shows here; update the README with it.
GOLD_COUNTS = {
    # issue 29: one more predicted quote, "The bloc accused ... of hiding the figures",
    # reported speech by that definition; the set's gold predates it (see README)
    "attribution.jsonl": {"quotes": (34, 35, 34), "speakers": (30, 30), "kinds": (33, 34),
                          "stances": (23, 23), "targets": (20, 20)},
    "attribution_heldout.jsonl": {"quotes": (13, 13, 13), "speakers": (12, 12),
                                  "kinds": (13, 13), "stances": (10, 10), "targets": (8, 8)},
    "attribution_news.jsonl": {"quotes": (68, 68, 68), "speakers": (65, 65),
                               "kinds": (68, 68), "stances": (40, 40), "targets": (4, 4)},
}


@pytest.mark.parametrize("path", default_gold_sets(), ids=lambda p: p.name)
def test_gold_sets_give_the_readme_counts(path) -> None:
    scores = evaluate_gold(read_gold(path))
    found = {"quotes": (scores.matched, scores.predicted, scores.gold)}
    for measure in ("speakers", "kinds", "stances", "targets"):
        right = getattr(scores, measure)
        found[measure] = (sum(right), len(right))
    assert found == GOLD_COUNTS[path.name]


def test_gold_sets_are_large_enough() -> None:
    assert sum(len(read_gold(p)) for p in default_gold_sets()) >= 40


def test_evaluate_quotes_command() -> None:
    result = CliRunner().invoke(main, ["evaluate", "quotes"])
    assert result.exit_code == 0, result.output
    assert "speaker accuracy" in result.output and "attribution_heldout.jsonl" in result.output


def test_gazetteer_errors_name_file_and_line() -> None:
    with pytest.raises(LexiconError, match=r"g.tsv:2:3: unknown kind"):
        parse_gazetteer("alias\tactor\tkind\taffiliation\nParis\tFrance\tcity\t\n", "g.tsv")


def test_unbalanced_and_unclosed_quotes_end_at_the_paragraph(analyzer: Analyzer) -> None:
    text = 'He said "this never ends. Still going.\n\nA new paragraph" with a stray mark.'
    analysis = analyzer.analyze(text)
    first = analysis.quotes[0]
    assert first.text == '"this never ends. Still going.'
    for quote in analysis.quotes:
        assert text[quote.start : quote.end] == quote.text


def test_one_long_quotation_is_analysed_in_linear_time(analyzer: Analyzer) -> None:
    sentence = "The minister said the plan would fail, and Moscow's reckless gamble went on. "

    def work(n: int) -> int:
        done = []
        calls = count_steps(lambda: done.append(analyzer.analyze('"' + sentence * n)))
        assert len([q for q in done[0].quotes if q.kind != "indirect"]) == 1
        return calls

    analyzer.analyze('"' + sentence * 10)  # warm the caches
    small, large = work(200), work(2000)  # about 2,600 and 26,000 words
    assert large / small < 12, (small, large)  # ten times the text: linear 10, quadratic 100


@pytest.mark.parametrize(
    ("rows", "column", "value"), [("quotes", "speaker", "Ana Ruiz"), ("actors", "actor", "Russia")]
)
def test_score_writes_quote_and_actor_rows_as_csv(
    tmp_path, rows: str, column: str, value: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        '"It failed," Ana Ruiz said. Moscow\'s reckless plan went on.', encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["score", str(article), "--no-model", "-f", "csv", "--rows", rows]
    )
    assert result.exit_code == 0, result.output
    import csv
    import io

    table = list(csv.DictReader(io.StringIO(result.output)))
    assert value in {row[column] for row in table}


def test_a_role_met_with_a_name_is_a_target_later(analyzer: Analyzer) -> None:
    text = "German Chancellor Lena Vogt arrived. The German chancellor refused to comment."
    flag = next(f for f in analyzer.analyze(text).flags if f.text == "refused to")
    assert flag.target == "Lena Vogt"


def test_many_quotes_and_flags_in_one_sentence_stay_linear(analyzer: Analyzer) -> None:
    chunk = 'Moscow\'s "reckless" plan, Washington\'s "bellicose" posturing, and '

    def work(n: int) -> int:
        done = []
        calls = count_steps(lambda: done.append(analyzer.analyze(chunk * n + "the end.")))
        assert len(done[0].quotes) == 2 * n and len(done[0].sentences) == 1
        return calls

    analyzer.analyze(chunk * 10)  # warm the caches
    small, large = work(200), work(2000)
    assert large / small < 12, (small, large)  # ten times the text: linear 10, quadratic 100
