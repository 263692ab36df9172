"""Policy frames and moral foundations (issue 7): cue lexicons, scorer, profiles, outputs."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import Analyzer
from framing.cli import main
from framing.errors import InputError, LexiconError
from framing.evaluation.frames import evaluate_gold, read_gold, topic_profiles
from framing.frames import (
    FRAME_IDS,
    MORAL,
    MORAL_IDS,
    POLICY,
    FrameScorer,
    builtin_cues,
    frame_label,
    frame_profile,
    moral_profile,
    parse_cue_lexicon,
    primary_frame,
    score,
    summary_line,
)
from framing.lexicon import Entry, load_lexicon
from framing.records import FRAME_COLUMNS, SentenceResult
from framing.slant.features import FrameFeatures
from framing.tokenize import tokenize


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(model=None)


def _cue(term: str, category: str, weight: float = 1.0) -> Entry:
    return Entry(term, category, weight, 0, "", "", "test", forms=(term,))


# --- cue lexicons ---------------------------------------------------------------------


def test_shipped_cue_lexicons_parse_and_cover_every_frame_and_foundation():
    policy, moral = builtin_cues(POLICY), builtin_cues(MORAL)
    assert len(policy) >= 300 and len(moral) >= 200
    per_frame = Counter(e.category for e in policy)
    assert set(per_frame) == set(FRAME_IDS)
    assert min(per_frame.values()) >= 20
    assert set(Counter(e.category for e in moral)) == set(MORAL_IDS)
    assert any(" " in e.term for e in policy), "multi-word cues are allowed and used"
    assert all(0 < e.weight <= 1 for e in (*policy, *moral))


def test_cue_lexicons_are_not_flagging_lexicons():
    # Frame cues live in lexicons/frames/, so the flagging lexicon (and its hash, which the
    # shipped models' cards record: tests/slant/test_modelfile.py) is unchanged by them.
    lexicon = load_lexicon()
    assert not any(e.lexicon in {"policy.tsv", "moral.tsv"} for e in lexicon.entries)


@pytest.mark.parametrize(("body", "where", "problem"), [
    ("term\tcategory\nwar\tsecurity_and_defense\n", ":1:3:", "missing column 'weight'"),
    ("term\tcategory\tweight\nwar\tsecurity\t1\n", ":2:2:", "unknown category 'security'"),
    ("term\tcategory\tweight\nwar\tsecurity_and_defense\tlots\n", ":2:3:", "not a number"),
    ("term\tcategory\tweight\nwar\tsecurity_and_defense\t1.5\n", ":2:3:", "outside"),
    ("# note\nterm\tcategory\tweight\nwar\tpolitical\t1\nwar\tpolitical\t1\n", ":4:1:",
     "already listed"),
    ("term\tcategory\tweight\nwar\tpolitical\t1\texact\textra\n", ":2:4:", "fields"),
])
def test_bad_cue_files_name_file_line_and_column(body, where, problem):
    with pytest.raises(LexiconError) as err:
        parse_cue_lexicon(body.encode(), "cues.tsv", FRAME_IDS)
    assert where in str(err.value) and problem in str(err.value)


def test_one_cue_may_serve_several_frames():
    entries = parse_cue_lexicon(
        b"term\tcategory\tweight\tforms\ntariff\teconomic\t1\t\ntariff\texternal_regulation\t0.6\t\n",
        "cues.tsv", FRAME_IDS)
    scorer = FrameScorer(policy=entries, moral=[])
    found = scorer(tokenize("Tariffs rose."))[0]
    assert found.distribution == {"economic": 0.625, "external_regulation": 0.375}


# --- the scorer -----------------------------------------------------------------------


def test_sentence_distribution_cues_and_moral_counts():
    scorer = FrameScorer(
        policy=[_cue("court", "legality"), _cue("ruled", "legality", 0.6),
                _cue("tax", "economic", 0.4), _cue("supreme court", "legality")],
        moral=[_cue("unfair", "fairness_vice")],
    )
    text = "The Supreme Court ruled the tax unfair."
    found = scorer(tokenize(text))[0]
    assert found.distribution == {"legality": 0.8, "economic": 0.2}
    assert [c.text for c in found.cues if c.kind == "policy"] == ["Supreme Court", "ruled", "tax"]
    assert all(text[c.start:c.end] == c.text for c in found.cues)
    assert found.moral == {"fairness_vice": 1}


def test_a_sentence_without_cues_has_no_frame():
    found = FrameScorer()(tokenize("Zxq blorp."))[0]
    assert found.distribution == {} and found.moral == {} and found.cues == ()
    assert primary_frame(found.distribution) is None


def test_possessive_cues_do_not_include_the_ending():
    text = "NATO's troops arrived."
    cues = FrameScorer()(tokenize(text))[0].cues
    assert "NATO" in [c.text for c in cues]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([*"abc tNAOrops’'\".,\n", "troops ", "Poll ", "the court ",
                                  "harm ", "tax ", "é", "“", "'s ", "supreme "]),
                max_size=30).map("".join))
def test_cue_spans_index_the_text_and_shares_sum_to_one(text):
    for found in FrameScorer()(tokenize(text)):
        for cue in found.cues:
            assert text[cue.start:cue.end] == cue.text
        if found.distribution:
            assert abs(sum(found.distribution.values()) - 1) < 0.01


@pytest.mark.parametrize(("sentence", "frame"), [
    ("The senator's party lost two seats in the election.", "political"),
    ("Police arrested the suspect after the robbery.", "crime_and_punishment"),
    ("The outbreak put hundreds of patients in hospital.", "health_and_safety"),
    ("The ambassador was recalled as sanctions took effect.", "external_regulation"),
    ("A new survey found most respondents oppose the plan.", "public_opinion"),
])
def test_clear_sentences_get_their_frame(sentence, frame):
    assert score(sentence)["frames"]["primary"] == frame


def test_primary_frame_breaks_ties_in_codebook_order():
    assert primary_frame({"other": 0.5, "morality": 0.5}) == "morality"
    assert frame_label("legality").startswith("legality, constitutionality")
    assert frame_label("sanctity_vice") == "degradation"


# --- profiles -------------------------------------------------------------------------


def test_article_profile_is_the_mean_of_sentence_distributions():
    results = [
        SentenceResult(tokenize("a").sentences[0], frames={"economic": 1.0}),
        SentenceResult(tokenize("b").sentences[0], frames={"economic": 0.5, "political": 0.5}),
        SentenceResult(tokenize("c").sentences[0]),
    ]
    profile = frame_profile(results)
    assert profile["distribution"] == {"economic": 0.75, "political": 0.25}
    assert profile["primary"] == "economic" and profile["primary_share"] == 0.75
    assert profile["next"] == [{"frame": "political", "label": "political", "share": 0.25}]
    assert (profile["n_framed_sentences"], profile["n_sentences"]) == (2, 3)


def test_empty_profiles():
    profile = frame_profile([])
    assert profile["primary"] is None and profile["distribution"] == {}
    moral = moral_profile([], 0)
    assert moral["counts"] == {} and moral["primary"] is None
    assert [row["foundation"] for row in moral["foundations"]] == [
        "care", "fairness", "loyalty", "authority", "sanctity"]


def test_score_alone():
    result = score("Rebels betrayed their comrades. The army shelled the town.")
    assert set(result) == {"frames", "moral", "sentences"}
    assert result["frames"]["primary"] == "security_and_defense"
    assert result["moral"]["counts"]["loyalty_vice"] >= 1
    assert len(result["sentences"]) == 2
    json.dumps(result)  # JSON-ready
    with pytest.raises(TypeError):
        score(b"bytes")


def test_sample_article_is_told_as_security_with_diplomacy_and_politics(sample_text):
    profile = score(sample_text)["frames"]
    assert profile["primary"] == "security_and_defense"
    following = [row["frame"] for row in profile["next"]]
    assert "external_regulation" in following and "political" in following


# --- in the analysis and its outputs --------------------------------------------------


def test_analysis_fills_frames_moral_and_summary(analyzer):
    analysis = analyzer.analyze("Troops crossed the border. Voters punished the cruel regime.")
    first, second = analysis.sentences
    assert first.frames == {"security_and_defense": 1.0}
    assert {c.frame for c in first.frame_cues} >= {"security_and_defense"}
    assert second.moral.get("care_vice") == 1
    assert analysis.summary["frames"]["primary"] == "security_and_defense"
    assert analysis.summary["moral"]["counts"]["care_vice"] == 1
    assert all(analysis.text[c.start:c.end] == c.text
               for r in analysis.sentences for c in r.frame_cues)


def test_json_output_carries_frames(analyzer):
    record = json.loads(analyzer.analyze("The court struck down the tax.").to_json())
    sentence = record["sentences"][0]
    assert sentence["frames"]["legality"] > sentence["frames"].get("economic", 0)
    fields = {"start", "end", "text", "frame", "term", "weight", "kind"}
    assert fields <= set(sentence["frame_cues"][0])
    assert record["summary"]["frames"]["primary"] == "legality"
    assert "moral" in sentence and "moral" in record["summary"]


def test_frames_frame_has_one_row_per_sentence_and_frame(analyzer):
    analysis = analyzer.analyze("Troops crossed the border. Zxq blorp. Rebels betrayed allies.")
    table = analysis.frames_frame()
    assert list(table.columns) == FRAME_COLUMNS
    assert set(table["sentence_index"]) == {0, 2}  # the sentence without cues has no rows
    policy = table[table["kind"] == "policy"]
    for _, shares in policy.groupby("sentence_index")["share"]:
        assert abs(shares.sum() - 1) < 0.01
    moral = table[(table["kind"] == "moral") & (table["frame"] == "loyalty_vice")]
    assert moral["cues"].iloc[0] == ["betrayed"]


def test_terminal_shows_a_frame_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The army deployed tanks at the border. NATO allies met.", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(article), "--no-model"])
    assert result.exit_code == 0, result.output
    assert "Frames: security and defense" in result.output


def test_summary_line_without_cues():
    assert summary_line({}) == "frames: no frame cues | moral: no moral cues"


def test_html_report_has_frame_chart_tags_and_escapes_cues(tmp_path, analyzer):
    from framing.report.html import render_html

    text = "Troops <b>crossed</b> the border. The senator's party won the election."
    page = render_html([analyzer.analyze(text, doc_id="<i>doc</i>")])
    assert 'class="frame-chart"' in page and "Main frame:" in page
    assert '<span class="ftag" title="cues: Troops, border">security and defense</span>' in page
    assert "<b>crossed" not in page and "&lt;i&gt;doc&lt;/i&gt;" in page
    assert "Moral foundations" in page or "No moral-foundation cues" in page


def test_html_report_from_old_records_without_frames(analyzer):
    from framing.report.html import render_html

    record = analyzer.analyze("A quiet day.").to_dict()
    del record["summary"]["frames"], record["summary"]["moral"]
    for sentence in record["sentences"]:
        del sentence["frames"], sentence["frame_cues"], sentence["moral"]
    assert "No frame cues found." in render_html([record])


def test_compare_report_puts_frame_profiles_side_by_side(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The army deployed troops and tanks to the border.", encoding="utf-8")
    b.write_text("The plan will cost taxpayers billions and raise prices.", encoding="utf-8")
    out = tmp_path / "c.html"
    result = CliRunner().invoke(main, ["report", str(a), str(b), "--compare", "--no-model",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    compare = page[page.index('id="compare"'):page.index("</section>", page.index('id="compare"'))]
    assert compare.count('class="frame-chart"') == 2
    assert "Main frame: <strong>security and defense</strong>" in compare
    assert "Main frame: <strong>economic</strong>" in compare


# --- classifier features --------------------------------------------------------------


def test_frame_features_agree_for_strings_and_sentence_results(analyzer):
    from sklearn.base import clone

    texts = ["Troops crossed the border.", "The cruel tax hurt families.", "Zxq."]
    features = clone(FrameFeatures()).fit(texts)
    from_strings = features.transform(texts).toarray()
    results = [analyzer.analyze(t).sentences[0] for t in texts]
    assert (features.transform(results).toarray() == from_strings).all()
    names = list(features.get_feature_names_out())
    assert len(names) == len(FRAME_IDS) + len(MORAL_IDS) == from_strings.shape[1]
    assert from_strings[2].sum() == 0
    assert from_strings[1][names.index("moral:care_vice")] >= 1


def test_pipeline_with_frame_features_trains(toy_labelled_csv):
    from framing.evaluation.train import build_pipeline, read_labelled

    data = read_labelled(toy_labelled_csv, negative="Non-biased")
    model = build_pipeline(frames=True).fit(data.texts, data.labels)
    names = list(model.lexicon_features_.get_feature_names_out())
    assert any(name.startswith("frame:") for name in names)
    assert model.predict_proba(data.texts).shape == (len(data.texts), 2)
    plain = build_pipeline().fit(data.texts, data.labels)
    assert not any(name.startswith("frame:") for name in plain.lexicon_features_.get_feature_names_out())


# --- gold set and evaluation ----------------------------------------------------------


def test_gold_set_covers_every_frame_in_both_halves():
    rows = read_gold()
    assert len(rows) >= 150
    for split in ("dev", "test"):
        counts = Counter(frame for s, frame, _ in rows if s == split)
        assert set(counts) == set(FRAME_IDS) and min(counts.values()) >= 4
    assert min(Counter(frame for _, frame, _ in rows).values()) >= 8
    assert len({sentence for *_, sentence in rows}) == len(rows)


def test_gold_evaluation_figures_are_consistent():
    report = evaluate_gold()
    assert report["n"] == len(read_gold())
    wrong = len(report["errors"])
    assert report["accuracy"] == pytest.approx(1 - wrong / report["n"])
    assert report["macro_f1"] == pytest.approx(
        sum(r["f1"] for r in report["per_frame"]) / len(FRAME_IDS))


@pytest.mark.parametrize(("split", "right", "macro_f1"), [("dev", 68, 0.900), ("test", 68, 0.907)])
def test_gold_halves_give_the_readme_figures(split, right, macro_f1):
    # The README's frame table quotes these (`framing evaluate frames`); the cues are
    # deterministic, so a change to them shows here: update the README with it.
    report = evaluate_gold(split=split)
    assert (report["n"] - len(report["errors"]), report["n"]) == (right, 75)
    assert round(report["macro_f1"], 3) == macro_f1


def test_evaluate_frames_command(tmp_path):
    result = CliRunner().invoke(main, ["evaluate", "frames"])
    assert result.exit_code == 0, result.output
    assert "split dev: 75 sentences" in result.output and "split test: 75" in result.output
    assert "macro-F1" in result.output and "security and defense" in result.output

    gold = tmp_path / "gold.tsv"
    gold.write_text("split\tframe\tsentence\nx\tpolitical\tThe senators voted.\n"
                    "x\teconomic\tPrices and wages rose.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", "frames", str(gold), "--errors"])
    assert result.exit_code == 0, result.output
    assert "2 sentences, primary-frame accuracy 1.000" in result.output


@pytest.mark.parametrize("content", [
    "split\tframe\tsentence\nx\tnot_a_frame\tHello.\n",
    "frame\tsentence\npolitical\tHello.\n",
    "split\tframe\tsentence\n",
])
def test_evaluate_frames_bad_gold_file_is_one_line(tmp_path, content):
    gold = tmp_path / "bad.tsv"
    gold.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", "frames", str(gold)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "bad.tsv" in result.output
    assert "Traceback" not in result.output


def test_topic_profiles_from_a_csv(tmp_path):
    import pandas as pd

    path = tmp_path / "topics.csv"
    pd.DataFrame({
        "topic": ["war", "war", "money"],
        "article": ["Troops and tanks advanced.", "The army shelled the town.",
                    "Prices, wages and taxes rose."],
    }).to_csv(path, index=False)
    rows = topic_profiles(path)
    assert [r["topic"] for r in rows] == ["war", "money"]
    assert rows[0]["profile"][0][0] == "security_and_defense"
    result = CliRunner().invoke(main, ["evaluate", "frames", "--split", "dev", "--mbic", str(path)])
    assert result.exit_code == 0, result.output
    assert "war" in result.output and "money" in result.output
    with pytest.raises(InputError, match="no column 'nope'"):
        topic_profiles(Path(path), topic_col="nope")


def test_mbic_topic_profiles_look_right(babe_dir):
    rows = {r["topic"]: dict(r["profile"]) for r in
            topic_profiles(babe_dir / "final_labels_MBIC.csv")}
    def top(topic: str, k: int = 5) -> list[str]:
        return sorted(rows[topic], key=rows[topic].get, reverse=True)[:k]
    assert {"crime_and_punishment", "legality"} <= set(top("gun-control"))
    assert "health_and_safety" in top("vaccines", 1)
    assert "economic" in top("student-debt", 1)
    assert "political" in top("elections-2020", 1)
