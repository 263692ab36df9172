"""`framing lexicon suggest` (issue 25): candidate words for curators, with evidence, only
when their marks hold across topics; a word marked in one topic only is that topic's habit."""

from __future__ import annotations

import pandas as pd
from click.testing import CliRunner

from framing.cli import main
from framing.evaluation.suggest import word_evidence


def _corpus(tmp_path):
    rows = []
    for topic in ("taxes", "sport", "health", "schools"):
        for n in range(3):
            rows.append({"text": f"The zorpish deal on {topic} number {n} passed.",
                         "biased_words": "['zorpish']", "topic": topic})
    for n in range(6):  # "quibbly" is marked, but in one topic only
        rows.append({"text": f"A quibbly move in week {n}.", "biased_words": "['quibbly']",
                     "topic": "taxes"})
    path = tmp_path / "corpus.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_only_words_whose_marks_hold_across_topics_are_candidates(tmp_path):
    table = pd.read_csv(_corpus(tmp_path))
    golds = [set(eval(w)) for w in table["biased_words"]]  # noqa: S307 (test data we wrote)
    rows = {c.word: c for c in word_evidence(table["text"], golds, table["topic"])}
    assert rows["zorpish"].stable and rows["zorpish"].marked_topics == 4
    assert rows["zorpish"].held_out_rate == 1.0 and len(rows["zorpish"].examples) == 3
    assert not rows["quibbly"].stable and rows["quibbly"].held_out_rate == 0.0


def test_words_a_lexicon_names_and_topic_nouns_are_never_candidates(tmp_path):
    texts = [f"A reckless flood plan in {t}." for t in ("a", "b", "c", "d", "e")]
    golds = [{"reckless", "flood", "plan"}] * 5
    words = {c.word for c in word_evidence(texts, golds, ["a", "b", "c", "d", "e"])}
    assert "plan" in words and not {"reckless", "flood"} & words


def test_lexicon_suggest_command_prints_evidence(tmp_path):
    result = CliRunner().invoke(main, ["lexicon", "suggest", str(_corpus(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "zorpish: marked 12 of 12" in result.output and "quibbly" not in result.output
    assert "e.g. row 2, row 3, row 4" in result.output
    everything = CliRunner().invoke(main, ["lexicon", "suggest", str(_corpus(tmp_path)), "--all"])
    assert "quibbly" in everything.output and "does not hold across topics" in everything.output


def test_lexicon_suggest_missing_column_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["lexicon", "suggest", str(_corpus(tmp_path)), "--topic-col", "x"])
    assert result.exit_code != 0 and "has no column 'x'" in result.output
    assert len(result.output.strip().splitlines()) == 1
