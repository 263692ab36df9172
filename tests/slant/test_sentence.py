import pickle

import numpy as np
import pytest
from sklearn.utils import estimator_checks

from framing.slant.sentence import StackedSlantClassifier, reference_decision

from ..conftest import TOY_BIASED, TOY_NEUTRAL
from .test_features import API_CHECKS

TEXTS = TOY_BIASED + TOY_NEUTRAL
LABELS = np.array([1] * len(TOY_BIASED) + [0] * len(TOY_NEUTRAL))
# Words we mark as loaded in our own toy sentences (first two of each biased sentence
# that are longer than five letters), so the token base has something to learn.
MARKED = [{w.strip(".,").lower() for w in t.split() if len(w.strip(".,")) > 5}
          for t in TOY_BIASED] + [set() for _ in TOY_NEUTRAL]
UNSEEN = ["The reckless regime slammed its critics!", "The board met on Monday.", "!!!", "x"]


@pytest.fixture(scope="module")
def fitted():
    model = StackedSlantClassifier(svc_Cs=(0.1, 1.0), meta_Cs=(1.0,), inner_folds=3)
    return model.fit(TEXTS, LABELS, biased_words=MARKED)


@pytest.mark.parametrize("check", API_CHECKS)
def test_scikit_learn_api_checks(check):
    getattr(estimator_checks, check)("StackedSlantClassifier", StackedSlantClassifier())


def test_fit_returns_self_and_learned_state_ends_in_underscore():
    model = StackedSlantClassifier(svc_Cs=(0.1,), meta_Cs=(1.0,), inner_folds=3, lexicon=False)
    assert model.fit(TEXTS, LABELS) is model
    learned = set(vars(model)) - set(model.get_params())
    assert learned and all(k.endswith("_") for k in learned)
    assert model.token_model_ is None and model.lexicon_model_ is None
    assert model.meta_features_ == ["ngram_svm"]


def test_all_three_bases_feed_the_meta_model(fitted):
    assert fitted.meta_features_[0] == "ngram_svm" and fitted.meta_features_[-1] == "lexicon"
    assert sum(f.startswith("marked_words:") for f in fitted.meta_features_) == 9
    assert fitted.svc_C_ in (0.1, 1.0)


def test_fast_path_equals_the_scikit_learn_estimators(fitted):
    fast = fitted.decision_function(UNSEEN + TEXTS[:5])
    assert np.abs(fast - reference_decision(fitted, UNSEEN + TEXTS[:5])).max() < 1e-9
    # The per-word cache must not change the numbers on a second pass.
    assert np.allclose(fast, fitted.decision_function(UNSEEN + TEXTS[:5]), atol=1e-9)
    p = fitted.predict_proba(UNSEEN)
    assert p.shape == (4, 2) and np.allclose(p.sum(1), 1) and ((p >= 0) & (p <= 1)).all()


def test_learns_the_toy_labels(fitted):
    assert (fitted.predict(TEXTS) == LABELS).mean() > 0.9
    p = fitted.predict_proba(["Thugs rigged the disastrous scheme.", "The board met on Friday."])
    assert p[0, 1] > p[1, 1]


def test_explanations_name_words_of_the_sentence_or_lexicon_features(fitted):
    p, reasons = fitted.predict_explained(UNSEEN)
    assert np.allclose(p, fitted.predict_proba(UNSEEN)[:, 1])
    assert reasons[0] and len(reasons[0]) <= 3
    for sentence, why in zip(UNSEEN, reasons, strict=True):
        values = [v for _, v in why]
        assert values == sorted(values, reverse=True) and all(v > 0 for v in values)
        for name, _ in why:
            kind, _, feature = name.partition("__")
            assert kind in ("words", "lexicon")
            assert kind == "lexicon" or feature in sentence.lower()


def test_pickle_drops_the_word_cache_and_predicts_the_same(fitted):
    fitted.predict_proba(UNSEEN)
    assert "_arrays" in vars(fitted)
    restored = pickle.loads(pickle.dumps(fitted))
    assert "_arrays" not in vars(restored)
    assert np.allclose(restored.predict_proba(UNSEEN), fitted.predict_proba(UNSEEN))


def test_bad_input_says_what_to_pass(fitted):
    with pytest.raises(ValueError, match="wrap it in a list"):
        fitted.predict_proba("one sentence")
    with pytest.raises(ValueError, match="one list of words per sentence"):
        StackedSlantClassifier().fit(TEXTS, LABELS, biased_words=MARKED[:3])
