"""What the shipped slant model does on real sentences (BABE, read from ../shared).

These check behaviour, not numbers stored in the card: the model separates fixed BABE
sentences, names never move a probability, and explanations never cite stop words,
punctuation or names. They skip in a fresh clone without ../shared and fail under CI=true.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.metrics import roc_auc_score

from framing.slant.modelfile import load_model, shipped_model_path
from framing.slant.tokens import NAME_PLACEHOLDER
from tests.conftest import BABE, require

EVERY_NTH = 7  # a fixed, spread-out sample of BABE's rows
SWAPS = {"Trump": "Biden", "Biden": "Trump", "Moscow": "Washington", "Washington": "Moscow"}
_SWAP_RE = re.compile(r"\b(" + "|".join(SWAPS) + r")\b")


@pytest.fixture(scope="module")
def shipped():
    path = shipped_model_path()
    if path is None:
        pytest.fail("the package has no shipped slant model (framing/models/slant.joblib)")
    return load_model()


@pytest.fixture(scope="module")
def babe() -> pd.DataFrame:
    path = require(BABE / "final_labels_SG2.csv", "BABE")
    table = pd.read_csv(path, sep=";", encoding="utf-8-sig")
    return table[table["label_bias"].isin(["Biased", "Non-biased"])].reset_index(drop=True)


def test_the_shipped_model_separates_fixed_babe_sentences(shipped, babe):
    model, card = shipped
    sample = babe.iloc[::EVERY_NTH]
    biased = (sample["label_bias"] == "Biased").to_numpy()
    p = model.predict_proba(sample["text"].tolist())[:, 1]
    # The card's out-of-fold AUC less two fold standard deviations: the model has seen
    # these sentences, so it must do at least as well as on unseen ones.
    auc = card["cross_validation"]["metrics"]["roc_auc"]
    floor = auc["mean"] - 2 * auc["std"]
    assert len(sample) > 500
    assert roc_auc_score(biased, p) > floor
    assert p[biased].mean() > p[~biased].mean() + 0.2


def test_swapping_names_moves_no_probability(shipped, babe):
    model, _ = shipped
    texts = [t for t in babe["text"] if _SWAP_RE.search(t)]
    assert len(texts) >= 200, f"only {len(texts)} BABE sentences name Trump, Biden, Moscow or Washington"
    swapped = [_SWAP_RE.sub(lambda m: SWAPS[m.group()], t) for t in texts]
    assert swapped != texts
    change = np.abs(model.predict_proba(texts)[:, 1] - model.predict_proba(swapped)[:, 1])
    assert change.max() < 0.05, texts[int(change.argmax())][:80]


def test_explanations_cite_no_stop_word_punctuation_or_name(shipped, babe):
    model, _ = shipped
    _, reasons = model.predict_explained(babe["text"].iloc[::EVERY_NTH].tolist())
    words = {name.removeprefix("words__") for why in reasons for name, _ in why
             if name.startswith("words__")}
    assert words, "no word was ever a reason"
    assert not words & ENGLISH_STOP_WORDS
    assert NAME_PLACEHOLDER.lower() not in words
    assert all(re.fullmatch(r"[a-z0-9'’-]+", w) for w in words)
    assert not words & {"trump", "biden", "obama", "moscow", "washington", "republicans",
                        "democrats", "fox", "cnn"}
