import pandas as pd
import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.evaluation.data import parse_word_list, score_flagger
from framing.evaluation.evaluate import evaluate_words, word_set_flagger
from framing.slant.words import WordScores, token_labels

from ..conftest import TOY_BIASED, TOY_NEUTRAL


def test_parse_word_list_splits_phrases_and_lowercases():
    assert parse_word_list("['Brazen', 'power grab']") == {"brazen", "power grab", "power", "grab"}
    assert parse_word_list("[]") == set()
    with pytest.raises(ValueError):
        parse_word_list("brazen, power")


def test_token_level_micro_scores():
    sentences = ["The brazen plan failed.", "A calm day."]
    golds = [{"brazen"}, set()]
    scores = score_flagger(sentences, golds, word_set_flagger({"brazen", "plan", "calm"}))
    assert scores == WordScores(true_positives=1, false_positives=2, false_negatives=0)
    assert scores.precision == pytest.approx(1 / 3) and scores.recall == 1.0
    assert [t[2] for t in token_labels(sentences[0], golds[0])] == [False, True, False, False]


@pytest.fixture
def toy_words_csv(tmp_path):
    marked = {"slammed", "reckless", "bellicose", "brazen", "sinister", "radical", "tirade",
              "thugs", "ranted", "outrageous", "corrupt", "heroic", "blatant"}
    rows = []
    for text in TOY_BIASED * 3 + TOY_NEUTRAL * 3:
        words = [w.strip(".,'s").lower() for w in text.split()]
        rows.append({"text": text, "biased_words": str([w for w in words if w in marked])})
    path = tmp_path / "words.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_evaluate_words_rows_on_toy_data(toy_words_csv):
    rows = {r["flagger"]: r for r in evaluate_words(toy_words_csv, n_folds=3, learned=False)}
    shown = rows["lexicon flags, both layers (no confidence)"]
    assert shown["recall"] > 0.5 and 0 < shown["precision"] <= 1
    assert any(name.startswith("VADER") for name in rows)


def test_cross_validated_suggestions_add_marked_words_no_lexicon_names(tmp_path):
    """Annotators keep marking a word no lexicon names ("zorpish"): suggestions learned on
    the other folds find it in the held-out fold, so the row's recall passes the lexicon's."""
    nouns = ["plan", "budget", "vote", "deal", "report", "bill", "speech", "campaign"]
    rows = [{"text": f"The council backed the zorpish {noun} on {day}.", "biased_words": "['zorpish']"}
            for noun in nouns for day in ("Monday", "Tuesday", "Friday")]
    rows += [{"text": f"The council discussed the {noun} on {day}.", "biased_words": "[]"}
             for noun in nouns for day in ("Monday", "Tuesday", "Friday")]
    path = tmp_path / "words.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    found = {r["flagger"]: r for r in evaluate_words(path, n_folds=3)}
    learned = next(r for name, r in found.items() if name.startswith("loaded flags + suggestions"))
    assert found["lexicon flags, loaded layer (no confidence)"]["recall"] == 0
    assert learned["recall"] > 0.5


def test_evaluate_words_command(toy_words_csv):
    result = CliRunner().invoke(main, ["evaluate", "words", "--data", str(toy_words_csv), "--no-learned"])
    assert result.exit_code == 0, result.output
    assert "lexicon flags, both layers" in result.output and "TextBlob" in result.output


def test_missing_words_column_is_one_line(toy_labelled_csv):
    result = CliRunner().invoke(main, ["evaluate", "words", "--data", str(toy_labelled_csv), "--no-learned"])
    assert result.exit_code == 2
    assert "has no column 'biased_words'" in result.output and len(result.output.splitlines()) == 1


def test_babe_references_and_lexicon_flags(babe_dir):
    rows = {r["flagger"]: r for r in evaluate_words(babe_dir / "final_labels_SG2.csv", learned=False)}
    vader = rows["VADER lexicon |valence| >= 2"]
    assert 0.13 <= vader["f1"] <= 0.19  # the data's README reports about 0.16 for it
    assert rows["lexicon flags, both layers (no confidence)"]["f1"] > vader["f1"] + 0.08
    loaded = rows["lexicon flags, loaded layer (no confidence)"]
    # Measured 0.413 (recall 0.308, F1 0.352) after the register lexicons of issue 25
    # (before them P 0.426, R 0.248, F1 0.314). The target, precision 0.45, is not
    # reached: culture-war labels flagged on both sides and mild puffery words are loaded
    # wording a teacher marks that BABE's annotators mostly leave unmarked. This floor
    # keeps later rows from costing more.
    assert loaded["precision"] >= 0.40 and loaded["f1"] >= 0.34
