"""Issue 27: distinctive terms a reviewer accepts. z, q and the prior against hand
computations on a toy corpus; the article filter, the article bootstrap and boilerplate."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from framing.corpus.compare import compare_groups
from framing.corpus.terms import (
    boilerplate,
    corpus_prior,
    distinctive_terms,
    log_odds,
    q_values,
    scored_terms,
)

COUNTS = pd.DataFrame({"A": [8, 1], "B": [2, 4]}, index=["regime", "slam"])
WORDS = pd.Series({"A": 100, "B": 100})


def test_prior_is_the_corpus_counts_times_the_scale():
    # "regime" 10 times and "slam" 5 times in a corpus of 200 words.
    alpha, alpha_0 = corpus_prior(COUNTS.sum(axis=1), 200, 1.0)
    assert alpha.to_dict() == {"regime": 10.0, "slam": 5.0} and alpha_0 == 200.0
    alpha, alpha_0 = corpus_prior(COUNTS.sum(axis=1), 200, 0.5)
    assert alpha.to_dict() == {"regime": 5.0, "slam": 2.5} and alpha_0 == 100.0


def test_z_matches_a_hand_computation_with_the_corpus_prior():
    result = log_odds(COUNTS, WORDS, prior_scale=1.0)
    # a_regime = 1 x 10, a_0 = 1 x 200; A: 8 of 100 words, the rest (B): 2 of 100.
    delta = math.log((8 + 10) / (100 + 200 - 8 - 10)) - math.log((2 + 10) / (100 + 200 - 2 - 10))
    z = delta / math.sqrt(1 / (8 + 10) + 1 / (2 + 10))
    assert result.loc[("A", "regime"), "delta"] == pytest.approx(delta)
    assert result.loc[("A", "regime"), "z"] == pytest.approx(z)
    assert z == pytest.approx(1.1445, abs=1e-4)
    # a_slam = 5: B's 4 of 100 words against A's 1 of 100.
    delta = math.log((4 + 5) / (300 - 4 - 5)) - math.log((1 + 5) / (300 - 1 - 5))
    assert result.loc[("B", "slam"), "z"] == pytest.approx(delta / math.sqrt(1 / 9 + 1 / 6))
    assert result.loc[("B", "regime"), "z"] == pytest.approx(-result.loc[("A", "regime"), "z"])


def test_a_larger_prior_shrinks_more():
    weak = log_odds(COUNTS, WORDS, prior_scale=0.05).loc[("A", "regime"), "z"]
    strong = log_odds(COUNTS, WORDS, prior_scale=1.0).loc[("A", "regime"), "z"]
    assert weak == pytest.approx(1.7807, abs=1e-4)  # the issue-8 hand value (a_0 = 10)
    assert strong < weak


def test_q_values_are_benjamini_hochberg_by_hand():
    # Sorted p 0.01, 0.03, 0.04, 0.20 (m = 4): p x m / rank = 0.04, 0.06, 0.0533, 0.20,
    # then the running minimum from the largest down.
    q = q_values([0.01, 0.04, 0.03, 0.20, float("nan")])
    assert q[:4] == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.20])
    assert math.isnan(q[4])


def _corpus(spread: int = 8, concentrated: int = 10,
            n: int = 30) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Groups A and B of ``n`` articles of 200 words. A uses "slam" once in ``spread``
    articles, and "truther" ``concentrated`` times in one article; B uses "slam" once."""
    articles = pd.DataFrame({"doc_id": [f"{g}{i}" for g in "AB" for i in range(n)],
                             "_group": ["A"] * n + ["B"] * n, "n_words": 200})
    terms = ["slam"] * spread + ["truther"] * concentrated + ["slam"]
    docs = [f"A{i}" for i in range(spread)] + ["A0"] * concentrated + ["B0"]
    return pd.DataFrame({"doc_id": docs, "term": terms}), articles


def test_article_counts_top_share_and_the_article_filter():
    flags, articles = _corpus()
    scored = scored_terms(flags, articles, min_articles=1, n_boot=200).set_index(["group", "term"])
    assert scored.loc[("A", "slam"), "articles"] == 8
    assert scored.loc[("A", "slam"), "top_article_share"] == pytest.approx(1 / 8)
    assert scored.loc[("A", "truther"), "articles"] == 1
    assert scored.loc[("A", "truther"), "top_article_share"] == 1.0
    kept = scored_terms(flags, articles, min_articles=3, n_boot=200)
    assert set(kept["term"]) == {"slam"} and set(kept["group"]) == {"A"}


def test_p_is_two_sided_from_the_article_bootstrap_and_q_over_every_pair():
    flags, articles = _corpus()
    scored = scored_terms(flags, articles, min_articles=1, n_boot=300, seed=4)
    expected = 2 * norm.sf(scored["delta"].abs() / scored["se"])
    assert scored["p"].to_numpy() == pytest.approx(expected)
    assert scored["q"].to_numpy() == pytest.approx(q_values(scored["p"]))
    assert (scored["se"] > 0).all()


def test_a_term_from_one_article_is_not_significant_but_one_spread_over_articles_is():
    flags, articles = _corpus(spread=10, concentrated=10)
    scored = scored_terms(flags, articles, min_articles=1, n_boot=500).set_index(["group", "term"])
    slam, truther = scored.loc[("A", "slam")], scored.loc[("A", "truther")]
    # Same count (10) in group A: word-level z alike, article-level evidence not.
    assert slam["count"] == truther["count"] == 10
    assert truther["se"] > 2 * slam["se"]
    assert slam["q"] < 0.05 < truther["q"]
    listed = distinctive_terms(flags, articles, min_articles=1, n_boot=500)
    assert list(listed["term"]) == ["slam"]


def test_the_bootstrap_is_seeded():
    flags, articles = _corpus()
    one = scored_terms(flags, articles, min_articles=1, n_boot=100, seed=1)
    assert one.equals(scored_terms(flags, articles, min_articles=1, n_boot=100, seed=1))


def test_boilerplate_is_a_sentence_repeated_verbatim_in_three_articles():
    sentences = pd.DataFrame({
        "doc_id": ["a", "b", "c", "a", "b", "c"],
        "sentence_index": [5, 7, 2, 0, 0, 0],
        "text": ["Jo Doe is an award-winning columnist.", "Jo Doe is an  award-winning "
                 "columnist.", "JO DOE is an award-winning columnist.", "One.", "One.", "Two."]})
    found = boilerplate(sentences)
    assert sorted(found["doc_id"]) == ["a", "b", "c"] and set(found["sentence_index"]) == {5, 7, 2}
    assert found["words"].tolist() == [6, 6, 6]
    assert boilerplate(sentences, min_articles=4).empty


def _study() -> dict[str, pd.DataFrame]:
    """Outlets A (30 articles), B (30) and C (2). A: "slam" in 12 articles; "truther" 7
    times in one; "columnist" only in a bio line repeated in 10 articles. B: "slam" once."""
    ids = [f"A{i}" for i in range(30)] + [f"B{i}" for i in range(30)] + ["C0", "C1"]
    outlet = [i[0] for i in ids]
    articles = pd.DataFrame({"doc_id": ids, "outlet": outlet, "error": None,
                             "slant_score": [float(10 + i % 7) for i in range(len(ids))],
                             "n_words": 300, "n_quotes": 1, "quoted_word_share": 0.1})
    rows = ([("A" + str(i), 1, "slam") for i in range(12)] + [("A0", 2, "truther")] * 7
            + [("A" + str(i), 9, "columnist") for i in range(10)] + [("B0", 1, "slam")])
    flags = pd.DataFrame(rows, columns=["doc_id", "sentence_index", "term"]).assign(
        category="loaded_negative", voice="author", layer="loaded", weight=0.6, negated=False)
    bio = [(f"A{i}", 9, "Jo Doe is an award-winning columnist for A.") for i in range(10)]
    sentences = pd.DataFrame(bio + [(i, 1, f"Body sentence of {i}.") for i in ids],
                             columns=["doc_id", "sentence_index", "text"])
    return {"articles": articles, "flags": flags, "sentences": sentences}


def test_compare_lists_only_terms_from_enough_articles_with_q_under_005():
    comparison = compare_groups(tables=_study(), by="outlet", n_boot=500)
    terms = comparison.terms
    assert list(terms["term"]) == ["slam"] and list(terms["group"]) == ["A"]
    assert (terms["articles"] >= 3).all() and (terms["q"] < 0.05).all()
    assert "columnist" not in set(terms["term"])  # boilerplate is furniture
    bio = "Jo Doe is an award-winning columnist for A."
    assert comparison.boilerplate["line"].tolist() == [bio]
    # The bio's words leave A's word count: 30 x 300 - 10 x 8.
    assert comparison.groups.loc["A", "words"] == 30 * 300 - 10 * 8
    everything = compare_groups(tables=_study(), by="outlet", n_boot=500, max_q=1,
                                min_articles=1)
    assert {"slam", "truther"} <= set(everything.terms["term"])


def test_a_group_too_small_for_an_interval_gets_none_and_says_so():
    comparison = compare_groups(tables=_study(), by="outlet", n_boot=500)
    row = comparison.groups.loc["C"]
    assert math.isnan(row["slant_ci_low"]) and math.isnan(row["slant_ci_high"])
    assert row["mean_slant"] == pytest.approx(np.mean([10 + 60 % 7, 10 + 61 % 7]))
    assert row["note"] == "too few articles (n = 2): no interval"
    assert "C: too few articles (n = 2): no interval" in comparison.warnings
    assert comparison.groups.loc["A", "note"] == ""
    assert not math.isnan(comparison.groups.loc["A", "slant_ci_low"])
