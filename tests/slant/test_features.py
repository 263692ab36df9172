import numpy as np
import pytest
from sklearn.base import clone
from sklearn.utils import estimator_checks

from framing.slant.features import LexiconFeatures

from ..conftest import TINY_CORPUS

# check_estimator() skips a transformer that takes strings (as it does CountVectorizer),
# so we run, one by one, scikit-learn's checks that need no numeric input.
API_CHECKS = [
    "check_no_attributes_set_in_init",
    "check_get_params_invariance",
    "check_set_params",
    "check_parameters_default_constructible",
    "check_estimator_repr",
    "check_estimator_cloneable",
    "check_valid_tag_types",
    "check_mixin_order",
    "check_estimator_tags_renamed",
]


@pytest.mark.parametrize("check", API_CHECKS)
def test_scikit_learn_api_checks(check):
    getattr(estimator_checks, check)("LexiconFeatures", LexiconFeatures())


def test_fit_returns_self_sets_trailing_underscore_state_and_pickles():
    import pickle

    features = LexiconFeatures()
    assert features.fit(["A sentence."]) is features
    learned = set(vars(features)) - set(features.get_params())
    assert features.categories_ and learned and all(k.endswith("_") for k in learned)
    restored = pickle.loads(pickle.dumps(features))
    assert np.array_equal(restored.transform(["The regime."]).toarray(),
                          features.transform(["The regime."]).toarray())


def test_init_only_stores_parameters_and_clone_works():
    features = LexiconFeatures(lexicons=("a.tsv",), builtin_lexicons=False)
    assert features.get_params() == {"lexicons": ("a.tsv",), "builtin_lexicons": False}
    assert not hasattr(features, "categories_")
    assert clone(features).get_params() == features.get_params()


def test_counts_weights_and_voice(toy_lexicon_file):
    features = LexiconFeatures(lexicons=(toy_lexicon_file,), builtin_lexicons=False)
    features.fit([TINY_CORPUS["plain"]])
    X = features.transform([TINY_CORPUS["loaded"], '"A bellicose plan," he said.']).toarray()
    names = list(features.get_feature_names_out())
    row = dict(zip(names, X[0]))
    assert row["lex:loaded_negative:count"] == 3 and row["lex:label:count"] == 1
    assert row["lex:loaded_negative:weight"] == pytest.approx(0.6 + 0.8 + 0.7)
    quoted = dict(zip(names, X[1]))
    assert quoted["lex:loaded_negative:quoted"] == 1 and quoted["lex:loaded_negative:count"] == 0
    assert X.shape == (2, len(names))


def test_a_bare_string_is_refused_with_advice():
    features = LexiconFeatures().fit(["x"])
    with pytest.raises(ValueError, match=r"wrap it in a list"):
        features.transform("one sentence")


def test_transform_before_fit_is_refused():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        LexiconFeatures().transform(["x"])


def test_sentence_results_and_strings_give_the_same_features(toy_analyzer, toy_lexicon_file):
    analysis = toy_analyzer.analyze(TINY_CORPUS["loaded"])
    features = LexiconFeatures(lexicons=(toy_lexicon_file,), builtin_lexicons=False).fit(["x"])
    from_results = features.transform(list(analysis.sentences)).toarray()
    from_strings = features.transform([r.sentence.text for r in analysis.sentences]).toarray()
    assert np.array_equal(from_results, from_strings)
