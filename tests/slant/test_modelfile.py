import shutil

import pytest

from framing import Analyzer
from framing.errors import ModelError
from framing.evaluation.train import read_labelled, train
from framing.slant.modelfile import (
    ModelVersionWarning,
    load_model,
    read_card,
    save_model,
    sha256_of,
    shipped_model_path,
)

from ..conftest import requires_shipped


@pytest.fixture(scope="module")
def toy_model(tmp_path_factory):
    import pandas as pd

    from ..conftest import TOY_BIASED, TOY_NEUTRAL

    folder = tmp_path_factory.mktemp("model")
    csv = folder / "toy.csv"
    pd.DataFrame({"text": TOY_BIASED + TOY_NEUTRAL,
                  "label_bias": ["Biased"] * 12 + ["Non-biased"] * 12}).to_csv(csv, index=False)
    model = train(read_labelled(csv))
    path = folder / "toy.joblib"
    save_model(model, path, {"sklearn_version": "0.0.1", "name": "toy"})
    return path


def test_unknown_model_needs_trust(toy_model):
    with pytest.raises(ModelError, match="--trust-model"):
        load_model(toy_model)
    with pytest.warns(ModelVersionWarning, match="0.0.1"):
        model, card = load_model(toy_model, trust=True)
    assert card["name"] == "toy" and hasattr(model, "predict_proba")


def test_card_has_checksum_and_size(toy_model):
    card = read_card(toy_model)
    assert card["sha256"] == sha256_of(toy_model)
    assert card["size_bytes"] == toy_model.stat().st_size


def test_missing_model_file(tmp_path):
    with pytest.raises(ModelError, match="no such model file"):
        load_model(tmp_path / "nope.joblib", trust=True)


def test_broken_pickle_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.joblib"
    bad.write_bytes(b"not a pickle at all")
    with pytest.raises(ModelError, match="cannot be loaded"):
        load_model(bad, trust=True)


#: Over the 50 words a verdict needs, in sentences of their own.
LONG_ENOUGH = ("The regime slammed the reckless plan. The council met on Tuesday in the old "
               "hall. Members asked about roads, schools and water pipes. The mayor answered "
               "each question in turn. A second meeting is planned for the first week of May. "
               "Residents may send their comments by letter before then.")


def test_analyzer_without_model_uses_density():
    # Issue 27: under 50 words a text is not judged, so the sentence is long enough here.
    analysis = Analyzer(model=None).analyze(LONG_ENOUGH)
    assert analysis.slant.method == "flag-density"
    assert all(r.slant_probability is None for r in analysis.sentences)




@requires_shipped
def test_shipped_model_loads_verified_and_is_small():
    model, card = load_model()
    assert card["sha256"] == sha256_of(shipped_model_path())
    assert card["size_bytes"] < 20_000_000
    assert card["cross_validation"]["metrics"]["macro_f1"]["mean"] >= 0.76


@requires_shipped
def test_shipped_model_card_is_even_handed_and_calibrated():
    cv = read_card(shipped_model_path())["cross_validation"]
    rates = cv["by_group"]
    assert abs(rates["left"]["false_positive_rate"] - rates["right"]["false_positive_rate"]) <= 0.05
    for row in cv["calibration"]:  # out-of-fold: mean prediction near the observed share
        assert abs(row["predicted"] - row["observed"]) < 0.08, row


@requires_shipped
def test_shipped_model_was_trained_with_the_shipped_lexicons():
    from framing.lexicon import lexicon_hash, load_lexicon

    assert read_card(shipped_model_path())["lexicon_hash"] == lexicon_hash(load_lexicon()), (
        "the lexicons changed since the model was trained: retrain it (see README)"
    )


#: What the loader says, after the file's path, when the shipped model's bytes changed.
ALTERED_SHIPPED = ("the shipped model file was altered (its SHA-256 does not match the model "
                   "card); reinstall framing")


def message_without(path, err: BaseException) -> str:
    """The error message with the file's path cut out: the path (a pytest temporary folder
    named after the test) may itself contain any word the test looks for."""
    return str(err).replace(str(path), "<path>")


@requires_shipped
def test_altered_shipped_model_is_refused(tmp_path, monkeypatch, unpickling_forbidden):
    import framing.slant.modelfile as modelfile

    copy = tmp_path / "slant.joblib"
    shutil.copy(shipped_model_path(), copy)
    shutil.copy(shipped_model_path().with_suffix(".json"), copy.with_suffix(".json"))
    with copy.open("ab") as handle:
        handle.write(b"tampered")
    unpickling_forbidden(copy)
    monkeypatch.setattr(modelfile, "shipped_model_path", lambda name=None: copy)
    with pytest.raises(ModelError) as refused:
        load_model()
    assert message_without(copy, refused.value) == f"<path>: {ALTERED_SHIPPED}"


@requires_shipped
def test_a_copy_of_the_shipped_model_needs_no_trust(tmp_path):
    copy = tmp_path / "copy.joblib"
    shutil.copy(shipped_model_path(), copy)
    model, _ = load_model(copy)
    assert hasattr(model, "predict_proba")


@requires_shipped
def test_the_default_analyzer_scores_with_the_shipped_model():
    """Without its model Analyzer() quietly falls back to the density score; here it must not."""
    analysis = Analyzer().analyze(LONG_ENOUGH)
    assert analysis.slant.method == "classifier+density"
    assert all(0 < r.slant_probability < 1 for r in analysis.sentences)
