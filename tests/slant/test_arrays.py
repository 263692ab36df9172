"""The array model (issue 26): the shipped slant model scores in NumPy, with neither
scikit-learn, SciPy nor pickle, and gives the fitted scikit-learn estimators' numbers."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
import pytest

from framing.slant import arrays
from framing.slant.hashing import char_wb_grams, hashed_columns, murmur3_32
from framing.slant.modelfile import load_model, read_card, save_model
from framing.slant.sentence import StackedSlantClassifier, reference_decision

from ..conftest import BABE, require

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-'’é"


def random_words(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 25))) for _ in range(n)]


def test_murmur_hash_equals_scikit_learns():
    from sklearn.utils import murmurhash3_32

    words = random_words(3000) + ["", "a", "ab", "abc", "abcd", "é’ü", "x" * 1000]
    expected = [murmurhash3_32(w, positive=True) for w in words]
    assert murmur3_32(words).tolist() == expected


@pytest.mark.parametrize("low, high", [(2, 5), (3, 5)])
def test_char_grams_land_in_scikit_learns_columns(low, high):
    from sklearn.feature_extraction.text import HashingVectorizer

    words = random_words(400, seed=low)
    hasher = HashingVectorizer(analyzer="char_wb", ngram_range=(low, high), n_features=2**18,
                               alternate_sign=False, norm=None)
    expected = hasher.transform(words).toarray()
    for row, word in zip(expected, words, strict=True):
        counts = np.bincount(hashed_columns(char_wb_grams(word, low, high), 2**18),
                             minlength=2**18)
        assert np.array_equal(counts, row), word


def reference_counts(words: list[str], low: int, n_features: int) -> set[tuple[int, int, int]]:
    """(word, column, count) from scikit-learn's gram rule, gram by gram."""
    found = set()
    for i, word in enumerate(words):
        columns = hashed_columns(char_wb_grams(word, low, 5), n_features)
        found |= {(i, c, n) for c, n in zip(*np.unique(columns, return_counts=True), strict=True)}
    return found


@pytest.mark.parametrize("slice_size", [arrays.GRAM_SLICE, 7])
def test_word_grams_count_as_scikit_learn_for_any_word_and_slice(monkeypatch, slice_size):
    """ASCII words are hashed from their bytes, others (and words longer than a slice)
    gram by gram; either way the counts are scikit-learn's."""
    monkeypatch.setattr(arrays, "GRAM_SLICE", slice_size)
    words = ["ab" * 40 + "c", "ok", "it’s", "a", *random_words(300, seed=5), "naïve", "x" * 30]
    grams = arrays._WordGrams(words)
    for low, n_features in ((2, 2**16), (3, 2**12)):
        counts = grams.counts(low, n_features)
        got = set(zip(counts.word.tolist(), counts.column.tolist(),
                      counts.count.astype(int).tolist(), strict=True))
        assert got == reference_counts(words, low, n_features)


@pytest.fixture(scope="module")
def babe_sentences():
    path = require(BABE / "final_labels_SG2.csv", "BABE")
    import pandas as pd

    from framing.evaluation.data import parse_word_list

    table = pd.read_csv(path, sep=";").dropna(subset=["text", "label_bias"])
    table = table[table.label_bias.isin(["Biased", "Non-biased"])]
    return table.text.tolist(), (table.label_bias == "Biased").astype(int).to_numpy(), [
        parse_word_list(v) for v in table.biased_words]


@pytest.fixture(scope="module")
def fitted_on_babe(babe_sentences):
    texts, labels, words = babe_sentences
    model = StackedSlantClassifier(svc_Cs=(0.1,), meta_Cs=(1.0,), inner_folds=3,
                                   mask_names=True, style=True)
    return model.fit(texts[:400], labels[:400], biased_words=words[:400])


def test_array_file_gives_the_fitted_pipelines_probabilities(fitted_on_babe, babe_sentences,
                                                             tmp_path):
    """Trained with scikit-learn, saved as arrays, loaded without trust: the same
    probabilities as the fitted estimators, to 1e-9, on 500 sentences it never saw."""
    unseen = babe_sentences[0][-500:]
    path = tmp_path / "mine.npz"
    save_model(fitted_on_babe, path, {"name": "test"})
    loaded, card = load_model(path)
    assert isinstance(loaded, arrays.ArraySlantModel) and card["sha256"]
    expected = reference_decision(fitted_on_babe, unseen)
    got = loaded.predict_proba(unseen)[:, 1]
    assert np.abs(got - 1 / (1 + np.exp(-expected))).max() < 1e-9
    assert np.array_equal(loaded.predict(unseen), fitted_on_babe.classes_[(expected >= 0) * 1])
    _, reasons = loaded.predict_explained(unseen[:50])
    _, reasons_fitted = fitted_on_babe.predict_explained(unseen[:50])
    assert reasons == reasons_fitted and any(reasons)


def test_shipped_model_scores_without_scikit_learn_scipy_or_joblib():
    code = (
        "import sys, json, framing\n"
        "a = framing.Analyzer()\n"
        "r = a.analyze('The regime slammed its critics. Officials met on Monday.')\n"
        "assert r.sentences[0].slant_probability is not None and a.model is not None\n"
        "heavy = [m for m in ('sklearn', 'scipy', 'joblib') if m in sys.modules]\n"
        "print(json.dumps(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_array_file_holds_no_pickle_and_is_checked_by_its_card(tmp_path):
    from framing.slant.modelfile import shipped_model_path

    shipped = shipped_model_path()
    assert shipped.suffix == ".npz"
    with np.load(shipped, allow_pickle=False) as stored:
        assert all(stored[name].dtype != object for name in stored.files)
        spec = json.loads(str(stored["spec"]))
    assert spec["format"] == arrays.FORMAT and spec["version"] == arrays.FORMAT_VERSION
    assert read_card(shipped)["format"].startswith("arrays")


def test_a_model_trained_to_npz_scores_from_the_cli_without_trust(tmp_path):
    import pandas as pd
    from click.testing import CliRunner

    from framing.cli import main

    from ..conftest import TOY_BIASED, TOY_NEUTRAL

    csv = tmp_path / "toy.csv"
    pd.DataFrame({"text": TOY_BIASED + TOY_NEUTRAL,
                  "label": ["yes"] * len(TOY_BIASED) + ["no"] * len(TOY_NEUTRAL)}
                 ).to_csv(csv, index=False)
    model = tmp_path / "mine.npz"
    trained = CliRunner().invoke(main, ["train", str(csv), "--label-col", "label",
                                        "--positive", "yes", "--no-cv", "-o", str(model)])
    assert trained.exit_code == 0, trained.output
    article = tmp_path / "a.txt"
    article.write_text("The reckless regime slammed its critics. " * 20, encoding="utf-8")
    scored = CliRunner().invoke(main, ["score", str(article), "--model", str(model), "-f", "json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["sentences"][0]["slant_probability"] is not None


@pytest.mark.parametrize("damage", ["not a zip", "zip without spec", "wrong format"])
def test_a_damaged_array_file_is_a_one_line_model_error(tmp_path, damage):
    from framing.errors import ModelError

    path = tmp_path / "bad.npz"
    if damage == "not a zip":
        path.write_bytes(b"PK\x03\x04 truncated")
    elif damage == "zip without spec":
        np.savez(path, weights=np.zeros(3))
    else:
        np.savez(path, spec=np.array(json.dumps({"format": "something else"})))
    with pytest.raises(ModelError, match=str(path).replace("\\", "\\\\")) as err:
        load_model(path)
    assert "\n" not in str(err.value) and "cannot be loaded" in str(err.value)


def masked_token_by_token(text: str, names: frozenset[str], stop_words: frozenset[str]) -> str:
    """The masking rule read plainly: every token, the first one apart."""
    from framing.slant.tokens import _NOT_NAMES, NAME_PLACEHOLDER, TOKEN_RE

    first = True

    def replace(match):
        nonlocal first
        word, initial, first = match.group(), first, False
        low = word.lower()
        if word[0].isupper() and (low in names or (not initial and low not in stop_words
                                                   and low not in _NOT_NAMES)):
            return NAME_PLACEHOLDER
        return word

    return TOKEN_RE.sub(replace, text)


@given(st.text(st.sampled_from(list("aBZ1-'’ .Xyé")), max_size=30))
def test_name_masking_finds_capitalised_tokens_as_the_tokenizer_cuts_them(text):
    from framing.slant.tokens import mask_names

    names, stop_words = frozenset({"b", "zz"}), frozenset({"x", "a"})
    assert mask_names(text, names, stop_words) == masked_token_by_token(text, names, stop_words)
