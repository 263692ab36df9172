import json

import numpy as np
import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.errors import InputError
from framing.evaluation.train import calibration_table, fold_metrics, read_labelled


def test_read_labelled_sniffs_separator_and_drops_other_labels(toy_labelled_csv):
    data = read_labelled(toy_labelled_csv, positive="Biased", negative="Non-biased", group_col="type")
    assert len(data.texts) == 24 and data.labels.sum() == 12
    assert set(data.groups) == {"left", "right"}
    everything = read_labelled(toy_labelled_csv)  # without --negative, other labels are negative
    assert len(everything.texts) == 25 and everything.labels.sum() == 12


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"text_col": "sentence"}, "has no column 'sentence'; its columns are: text, label_bias, type"),
        ({"positive": "biased"}, "has no value 'biased'"),
    ],
)
def test_read_labelled_errors_name_the_problem(toy_labelled_csv, kwargs, words):
    with pytest.raises(InputError, match=words):
        read_labelled(toy_labelled_csv, **kwargs)


def test_read_labelled_other_encodings_and_separators(tmp_path):
    path = tmp_path / "tab.tsv"
    path.write_text("text\tlabel\nA plain line.\tno\nA brazen lie.\tyes\n", encoding="utf-16")
    data = read_labelled(path, label_col="label", positive="yes")
    assert data.texts == ["A plain line.", "A brazen lie."] and list(data.labels) == [0, 1]


def test_metrics_and_calibration_table():
    y = np.array([0, 0, 1, 1])
    p = np.array([0.1, 0.6, 0.7, 0.9])
    metrics = fold_metrics(y, p)
    assert metrics["accuracy"] == 0.75 and metrics["roc_auc"] == 1.0
    assert metrics["brier"] == pytest.approx(np.mean((p - y) ** 2))
    table = calibration_table(y, p)
    assert sum(row["n"] for row in table) == 4


def test_train_and_evaluate_commands(toy_labelled_csv, tmp_path):
    runner = CliRunner()
    out = tmp_path / "toy.joblib"
    result = runner.invoke(main, ["train", str(toy_labelled_csv), "--negative", "Non-biased",
                                  "-o", str(out), "--no-cv"])
    assert result.exit_code == 0, result.output
    card = json.loads(out.with_suffix(".json").read_text())
    assert card["sha256"] and card["sklearn_version"] and card["lexicon_hash"]
    assert card["training_data"]["n_sentences"] == 24

    scored = runner.invoke(main, ["score", "--model", str(out), "--trust-model", "-f", "json"])
    assert scored.exit_code == 0, scored.output
    data = json.loads(scored.output.split("\n", 1)[1])  # first line is the sample notice
    assert data["slant"]["method"] == "classifier+density"
    assert all(0 <= s["slant_probability"] <= 1 for s in data["sentences"])
    reasons = [r for s in data["sentences"] for r in s["explanation"]]
    assert reasons and all(r["contribution"] > 0 for r in reasons)
    assert all(r["feature"].startswith(("the word", "quoted ")) or "wording" in r["feature"] for r in reasons)

    evaluated = runner.invoke(main, ["evaluate", "slant", str(toy_labelled_csv),
                                     "--negative", "Non-biased", "--group-col", "type"])
    assert evaluated.exit_code == 0, evaluated.output
    for word in ("macro_f1", "roc_auc", "brier", "calibration", "left", "right", "FPR"):
        assert word in evaluated.output


def test_missing_training_file_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["train", str(tmp_path / "none.csv"), "-o", str(tmp_path / "m.joblib")])
    assert result.exit_code == 2
    assert result.output.strip() == f"framing: error: {tmp_path / 'none.csv'}: no such file"


def test_words_column_adds_the_token_base(toy_labelled_csv, tmp_path):
    import pandas as pd

    from framing.evaluation.train import describe, train

    table = pd.read_csv(toy_labelled_csv, sep=";")
    # Our own toy marking: the longest word of each biased sentence.
    table["biased_words"] = [str([max(t.split(), key=len).strip(".")]) if label == "Biased" else "[]"
                             for t, label in zip(table["text"], table["label_bias"], strict=True)]
    path = tmp_path / "marked.csv"
    table.to_csv(path, sep=";", index=False)
    data = read_labelled(path, negative="Non-biased", words_col="biased_words")
    assert sum(map(bool, data.marked_words)) == 12
    model = train(data)
    assert model.token_model_ is not None and "marked words" in describe(model)
    assert model.predict_proba(["A shameful stunt."]).shape == (1, 2)
    assert train(read_labelled(path, negative="Non-biased")).token_model_ is None


def test_bad_words_column_is_one_line(toy_labelled_csv, tmp_path):
    result = CliRunner().invoke(main, ["train", str(toy_labelled_csv), "--words-col", "marked",
                                       "-o", str(tmp_path / "m.joblib")])
    assert result.exit_code == 2
    assert "has no column 'marked'" in result.output and len(result.output.strip().splitlines()) == 1
