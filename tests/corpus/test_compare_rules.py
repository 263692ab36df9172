"""What framing.corpus.compare promises, one rule at a time, on small tables of our own and
without analysing a text (issue 31): which articles and flags each figure counts, how each
figure is made, what the warnings say and how a run folder is read."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from framing.corpus.compare import (
    MISSING_GROUP,
    RULES,
    compare_groups,
    load_run,
)
from framing.corpus.store import PER_1000, write_table
from framing.errors import InputError

RATE = PER_1000 + "loaded_negative"


def _articles(groups: dict[str, int], **columns) -> pd.DataFrame:
    """``groups``: outlet -> how many judged articles of 100 words (ids A0, A1, ...)."""
    ids = [f"{g}{i}" for g, n in groups.items() for i in range(n)]
    base = {"doc_id": ids, "outlet": [i[0] for i in ids], "error": None, "slant_score": 20.0,
            "n_words": 100, "n_quotes": 1, "quoted_word_share": 0.0}
    return pd.DataFrame({**base, **columns})


def _flags(rows: list[tuple], **columns) -> pd.DataFrame:
    """``rows``: (doc_id, term) or (doc_id, term, voice) or (doc_id, term, voice, category)."""
    full = [(*r, *("author", "loaded_negative")[len(r) - 2:]) for r in rows]
    flags = pd.DataFrame(full, columns=["doc_id", "term", "voice", "category"])
    return flags.assign(**{"sentence_index": 1, "layer": "loaded", "weight": 0.6,
                           "negated": False, **columns})


def _compare(articles, flags, sentences=None, **options):
    tables = {"articles": articles, "flags": flags}
    if sentences is not None:
        tables["sentences"] = sentences
    return compare_groups(tables=tables, by="outlet", n_boot=options.pop("n_boot", 50),
                          **options)


def _error(call, *args, **kwargs) -> str:
    with pytest.raises(InputError) as err:
        call(*args, **kwargs)
    return str(err.value)


# --- which articles count ------------------------------------------------------------------


def test_only_judged_articles_count_and_the_rest_are_told_apart():
    articles = _articles({"A": 4, "B": 1})
    articles.loc[1, "error"] = "unreadable"
    articles.loc[2, "slant_score"] = None  # too short, or only quotes: not judged
    articles.loc[[1, 2], "n_words"] = 5000
    flags = _flags([("A0", "slam"), ("A1", "slam"), ("A2", "slam"), ("A3", "slam")])
    groups = _compare(articles, flags).groups
    row = groups.loc["A"]
    assert (row["articles"], row["not_judged"], row["errors"]) == (2, 1, 1)
    assert row["words"] == 200  # the left-out articles' words are not counted
    assert row[RATE] == 10.0  # two flags of the judged articles in 200 words
    assert groups.index.tolist() == ["A", "B"] and groups.index.name == "group"


def test_groups_come_biggest_first_and_missing_values_form_a_group():
    articles = _articles({"A": 1, "B": 3, "C": 2})
    articles["outlet"] = ["x", "y", None, "y", 2024, 2024]
    groups = _compare(articles, _flags([])).groups
    assert groups["articles"].tolist() == [2, 2, 1, 1]
    assert set(groups.index[:2]) == {"y", "2024"} and set(groups.index[2:]) == {"x", MISSING_GROUP}


def test_a_group_whose_every_article_failed_keeps_its_row_without_figures():
    articles = _articles({"A": 2, "B": 2}).assign(**{RATE: 1.0})
    articles.loc[articles["outlet"] == "B", "error"] = "unreadable"
    groups = _compare(articles, _flags([("A0", "slam")])).groups
    row = groups.loc["B"]
    assert (row["articles"], row["errors"], row["words"]) == (0, 2, 0)
    assert math.isnan(row["mean_slant"]) and math.isnan(row[RATE])
    assert groups.loc["A", RATE] == 5.0


def test_a_run_whose_every_article_failed_still_compares():
    articles = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["A", "B"],
                             "error": ["unreadable", "empty"]})
    comparison = _compare(articles, pd.DataFrame(columns=["doc_id", "term", "voice",
                                                          "category", "sentence_index",
                                                          "weight"]))
    assert comparison.groups["errors"].to_dict() == {"A": 1, "B": 1}
    assert comparison.groups["articles"].tolist() == [0, 0] and comparison.terms.empty


def test_figures_read_from_csv_text_are_numbers():
    articles = _articles({"A": 2}).astype(str).assign(error=None)
    articles["slant_score"] = ["10.5", "not a number"]
    articles["n_words"] = ["100", "300"]
    articles[RATE] = ["1", ""]
    row = _compare(articles, _flags([("A0", "slam")]).astype(str)).groups.loc["A"]
    assert row["articles"] == 1 and row["mean_slant"] == 10.5 and row["words"] == 100
    assert row[RATE] == 10.0


# --- which flags count ----------------------------------------------------------------------


def test_negated_flags_count_nowhere_however_written():
    articles = _articles({"A": 1})
    for negated in (True, np.True_, "True", "true"):
        flags = _flags([("A0", "slam"), ("A0", "slam", "quoted")], negated=negated)
        comparison = _compare(articles, flags, min_articles=1, max_q=1)
        assert comparison.groups.loc["A", "quoted_flag_share"] == 0.0, negated
        assert RATE not in comparison.groups.columns and comparison.terms.empty, negated
    for kept in (False, np.False_, "False", None):
        flags = _flags([("A0", "slam")], negated=kept)
        assert _compare(articles, flags).groups.loc["A", RATE] == 10.0, kept


def test_flags_of_other_articles_and_of_boilerplate_are_not_counted():
    articles = _articles({"A": 3})
    bio = "Jo Doe writes about roads for us."
    sentences = pd.DataFrame({"doc_id": ["A0", "A1", "A2", "A0"], "sentence_index": [4, 4, 4, 1],
                              "text": [bio, bio.upper(), f"  {bio}", "Body."]})
    flags = _flags([("A0", "slam"), ("A0", "roads"), ("A1", "roads"), ("A2", "roads"),
                    ("Z9", "slam")])
    flags["sentence_index"] = [1, 4, 4, 4, 1]
    comparison = _compare(articles, flags, sentences)
    row = comparison.groups.loc["A"]
    assert row["words"] == 300 - 3 * 7  # the bio's seven words leave the count
    assert row[RATE] == round(1000 / 279, 2)  # only A0's own "slam"
    # The page lists each line once (spacing aside), with how many articles repeat it.
    assert comparison.boilerplate.to_dict("records") == [{"line": bio, "articles": 2},
                                                         {"line": bio.upper(), "articles": 1}]


def test_boilerplate_sentences_given_as_text_numbers_still_match():
    articles = _articles({"A": 3})
    bio = "Jo Doe writes about roads for us."
    sentences = pd.DataFrame({"doc_id": ["A0", "A1", "A2"], "sentence_index": ["4", "4", "4"],
                              "text": [bio] * 3})
    flags = _flags([("A0", "roads"), ("A1", "slam")], sentence_index="4")
    flags.loc[1, "sentence_index"] = "1"
    assert _compare(articles, flags, sentences).groups.loc["A", RATE] == round(1000 / 279, 2)


def test_a_quoted_or_distanced_flag_is_no_author_flag():
    articles = _articles({"A": 2})
    flags = _flags([("A0", "slam"), ("A0", "regime", "quoted"), ("A1", "thug", "distanced"),
                    ("A1", "crony", "quoted")])
    row = _compare(articles, flags).groups.loc["A"]
    assert row[RATE] == 5.0  # one author flag in 200 words
    assert row["quoted_flag_share"] == pytest.approx(2 / 4)


def test_terms_are_the_outlets_own_loaded_words_of_positive_weight():
    articles = _articles({"A": 3, "B": 3})
    rows = [(f"A{i}", "slam") for i in range(3)] + [(f"A{i}", "regime", "quoted")
                                                   for i in range(3)]
    rows += [(f"A{i}", "allegedly", "author", "hedge") for i in range(3)]
    rows += [(f"A{i}", "crony") for i in range(3)] + [(f"A{i}", "odd") for i in range(3)]
    flags = _flags(rows)
    flags.loc[flags["term"] == "allegedly", "layer"] = "device"
    flags.loc[flags["term"] == "crony", "weight"] = 0.0
    flags.loc[flags["term"] == "odd", "weight"] = -0.5
    terms = _compare(articles, flags, min_articles=1, max_q=1).terms
    assert set(terms["term"]) == {"slam"} and set(terms["group"]) == {"A"}


def test_a_term_takes_the_category_it_is_flagged_with_most():
    articles = _articles({"A": 3, "B": 3})
    flags = _flags([("A0", "slam"), ("A1", "slam", "author", "label"),
                    ("A2", "slam", "author", "label")])
    terms = _compare(articles, flags, min_articles=1, max_q=1).terms
    assert terms.set_index("term").loc["slam", "category"] == "label"


def test_weights_written_as_text_are_read_as_numbers():
    articles = _articles({"A": 3, "B": 3})
    flags = _flags([(f"A{i}", "slam") for i in range(3)], weight="0.6")
    flags.loc[0, "weight"] = "zero"  # unreadable: not a positive weight
    terms = _compare(articles, flags, min_articles=1, max_q=1).terms
    assert terms["count"].tolist() == [2.0]


# --- how each figure is made --------------------------------------------------------------


def test_figures_of_articles_are_means_and_figures_of_wording_are_pooled():
    articles = _articles({"A": 2}, n_words=[100, 300], n_quotes=[1, 4],
                         quoted_word_share=[0.5, 0.1], slant_score=[10.0, 40.0])
    flags = _flags([("A0", "slam"), ("A1", "slam"), ("A1", "slam", "author", "label"),
                    ("A1", "regime", "quoted")])
    row = _compare(articles, flags).groups.loc["A"]
    assert row["mean_slant"] == 25.0 and row["quotes_per_article"] == 2.5
    assert row["quoted_word_share"] == pytest.approx((50 + 30) / 400)
    assert row[RATE] == 5.0 and row[PER_1000 + "label"] == 2.5
    assert row["quoted_flag_share"] == 0.25
    assert RULES["mean_slant"] == "mean of articles" and RULES[PER_1000 + "*"] == \
        "pooled over words"


def test_rates_are_rounded_to_two_decimals_and_zero_where_unused():
    articles = _articles({"A": 3, "B": 1})
    flags = _flags([("A0", "slam"), ("B0", "regime", "author", "label")])
    groups = _compare(articles, flags).groups
    assert groups.loc["A", RATE] == 3.33 and groups.loc["A", PER_1000 + "label"] == 0.0
    assert groups.loc["B", RATE] == 0.0
    assert sorted(_compare(articles, flags).categories) == ["label", "loaded_negative"]


def test_a_group_with_no_flags_has_no_quoted_share_to_divide():
    row = _compare(_articles({"A": 1}), _flags([])).groups.loc["A"]
    assert row["quoted_flag_share"] == 0.0 and row["quoted_word_share"] == 0.0


@pytest.mark.parametrize(("n", "interval"), [(9, False), (10, True)])
def test_an_interval_needs_ten_judged_articles(n, interval):
    articles = _articles({"A": n}, slant_score=[float(10 * i) for i in range(n)])
    comparison = _compare(articles, _flags([]), n_boot=200)
    row = comparison.groups.loc["A"]
    assert row["mean_slant"] == pytest.approx(np.mean([10 * i for i in range(n)]))
    assert (not math.isnan(row["slant_ci_low"])) is interval
    assert bool(row["slant_ci_low"] < row["mean_slant"] < row["slant_ci_high"]) is interval
    note = f"too few articles (n = {n}): no interval"
    assert row["note"] == ("" if interval else note)
    assert comparison.warnings == ([] if interval else [f"A: {note}"])


def test_the_interval_follows_the_seed_and_resamples():
    articles = _articles({"A": 12}, slant_score=[float(i * i) for i in range(12)])
    one = _compare(articles, _flags([]), n_boot=300, seed=1).groups.loc["A"]
    same = _compare(articles, _flags([]), n_boot=300, seed=1).groups.loc["A"]
    other = _compare(articles, _flags([]), n_boot=300, seed=2).groups.loc["A"]
    assert one["slant_ci_low"] == same["slant_ci_low"] != other["slant_ci_low"]


def test_frame_shares_are_means_and_text_frames_are_left_out():
    column = "frames.distribution.economic"
    articles = _articles({"A": 2}, **{column: [0.2, 0.6], "frames.dominant": ["x", "y"]})
    comparison = _compare(articles, _flags([]))
    assert comparison.groups.loc["A", column] == pytest.approx(0.4)
    assert comparison.frames == [column]


def test_left_out_articles_are_a_warning_per_group():
    articles = _articles({"A": 12, "B": 12})
    articles.loc[0, "error"] = "unreadable"
    articles.loc[[1, 2], "slant_score"] = None
    comparison = _compare(articles, _flags([]))
    assert comparison.warnings == ["A: too few articles (n = 9): no interval",
                                   "A: left out 3 article(s) of every figure (2 not judged, "
                                   "1 errors)"]


def test_the_listing_rule_says_how_terms_were_chosen():
    comparison = _compare(_articles({"A": 3}), _flags([]), n_boot=5000, min_articles=4,
                          max_q=0.1, prior_scale=0.5)
    assert comparison.listing_rule == (
        "terms used in at least 4 of a group's articles, with Benjamini-Hochberg q < 0.1 "
        "(article bootstrap, 1000 resamples); prior scale 0.5 x corpus counts")
    assert (comparison.n_boot, comparison.n_boot_terms, comparison.max_q,
            comparison.min_articles, comparison.prior_scale) == (5000, 1000, 0.1, 4, 0.5)
    assert _compare(_articles({"A": 3}), _flags([]), n_boot=30).n_boot_terms == 30


# --- reading a run folder -------------------------------------------------------------------


def test_a_folder_without_batch_tables_is_one_line(tmp_path):
    assert _error(load_run, tmp_path) == (
        f"{tmp_path}: holds no batch output (articles.parquet or articles.csv); run "
        "`framing batch ... -o` first")


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_a_run_folder_is_read_in_its_format_and_its_provenance_kept(tmp_path, fmt):
    articles, flags = _articles({"A": 1}), _flags([("A0", "slam")])
    write_table(articles, tmp_path / f"articles.{fmt}", fmt)
    write_table(flags, tmp_path / f"flags.{fmt}", fmt)
    (tmp_path / "provenance.json").write_text(json.dumps({"framing_version": "ours"}),
                                              encoding="utf-8")
    tables = load_run(tmp_path)
    assert sorted(tables) == ["articles", "flags"]
    assert tables["flags"]["term"].tolist() == ["slam"]
    comparison = compare_groups(tmp_path, n_boot=10)
    assert comparison.provenance == {"framing_version": "ours"}
    assert comparison.groups.loc["A", RATE] == 10.0


def test_parquet_is_read_before_csv(tmp_path):
    write_table(_articles({"A": 1}), tmp_path / "articles.parquet", "parquet")
    write_table(_articles({"B": 1}), tmp_path / "articles.csv", "csv")
    assert load_run(tmp_path)["articles"]["outlet"].tolist() == ["A"]


def test_an_unknown_group_column_names_the_columns_there_are(tmp_path):
    extra = {f"m{i}": "x" for i in range(12)}
    articles = _articles({"A": 1}, **extra)
    message = _error(compare_groups, tables={"articles": articles, "flags": _flags([])},
                     by="outlte")
    shown = ["outlet", "slant_score", "n_words", "n_quotes", "quoted_word_share", "m0", "m1",
             "m2", "m3", "m4"]
    assert message == f"articles: has no column 'outlte' to group by (first columns: " \
                      f"{', '.join(shown)})"
    write_table(articles, tmp_path / "articles.csv", "csv")
    write_table(_flags([]), tmp_path / "flags.csv", "csv")
    assert _error(compare_groups, tmp_path, by="outlte").startswith(f"{tmp_path}: has no column")


def test_repeated_ids_are_refused_naming_a_few(tmp_path):
    articles = _articles({"A": 5})
    twice = pd.concat([articles, articles])
    message = _error(compare_groups, tables={"articles": twice, "flags": _flags([])})
    assert message == ("articles: repeats document ids (A0, A1, A2 ...), so its flags cannot "
                       "be matched to articles; run the batch again into a new folder")
    three = pd.concat([articles, articles.iloc[:3]])
    assert "(A0, A1, A2)," in _error(compare_groups, tables={"articles": three,
                                                             "flags": _flags([])})


# --- terms: what the first mutation run left alive ----------------------------------------


def test_flags_without_a_readable_sentence_number_still_count():
    articles = _articles({"A": 3})
    bio = "Jo Doe writes about roads for us."
    sentences = pd.DataFrame({"doc_id": ["A0", "A1", "A2"], "sentence_index": [4, 4, 4],
                              "text": [bio] * 3})
    flags = _flags([("A0", "slam"), ("A1", "slam"), ("A2", "roads")])
    flags["sentence_index"] = pd.Series([None, "x", 4], dtype=object)
    row = _compare(articles, flags, sentences).groups.loc["A"]
    assert row[RATE] == round(2000 / 279, 2)  # the two slams count; the bio's roads does not


def test_log_odds_pairs_each_group_with_its_own_words():
    from framing.corpus.terms import log_odds

    counts = pd.DataFrame({"A": [8, 1], "B": [2, 4]}, index=["regime", "slam"])
    ordered = log_odds(counts, pd.Series({"A": 100, "B": 300}))
    shuffled = log_odds(counts, pd.Series({"B": 300, "A": 100}))
    pd.testing.assert_frame_equal(ordered, shuffled)


def test_groups_whose_articles_are_alike_have_no_bootstrap_spread():
    from framing.corpus.terms import scored_terms

    # Every article of a group is the same (three groups, each its own use of "slam"), so
    # resampling a group's articles changes nothing: the standard error is 0.
    uses = {"A": 1, "B": 2, "C": 3}
    articles = pd.DataFrame({"doc_id": [f"{g}{i}" for g in uses for i in range(4)],
                             "_group": [g for g in uses for _ in range(4)], "n_words": 100})
    flags = pd.DataFrame([(f"{g}{i}", "slam") for g, k in uses.items() for i in range(4)
                          for _ in range(k)], columns=["doc_id", "term"])
    scored = scored_terms(flags, articles, min_articles=1, n_boot=50)
    assert scored["se"].tolist() == pytest.approx([0.0, 0.0, 0.0], abs=1e-6)


def _many_terms(n_terms: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Outlet A uses ``n_terms`` terms in all five of its articles (term k k+1+i times in
    article i, so articles differ and resamples too); B (five articles) uses none of them."""
    articles = _articles({"A": 5, "B": 5})
    rows = [(f"A{i}", f"term{k:02d}") for k in range(n_terms) for i in range(5)
            for _ in range(k + 1 + i)]
    return articles, _flags(rows)


def test_each_group_lists_its_ten_strongest_terms_unless_told_otherwise():
    articles, flags = _many_terms(12)
    listed = _compare(articles, flags, min_articles=1, max_q=1).terms
    assert len(listed) == 10 and set(listed["group"]) == {"A"}
    assert listed["z"].tolist() == sorted(listed["z"], reverse=True)
    assert len(_compare(articles, flags, min_articles=1, max_q=1, top=2).terms) == 2


def test_terms_carry_the_bootstrap_and_prior_the_comparison_names():
    from framing.corpus.terms import scored_terms

    articles, flags = _many_terms(3)
    comparison = _compare(articles, flags, min_articles=1, max_q=1, n_boot=37, seed=5,
                          prior_scale=2.0)
    assert (comparison.by, comparison.seed, comparison.n_boot) == ("outlet", 5, 37)
    expected = scored_terms(flags, articles.assign(_group=articles["outlet"]), min_articles=1,
                            n_boot=37, seed=5, prior_scale=2.0).set_index(["group", "term"])
    for row in comparison.terms.itertuples():
        assert row.se == expected.loc[(row.group, row.term), "se"]
        assert row.delta == expected.loc[(row.group, row.term), "delta"]
    assert len(comparison.terms) == 3 and (comparison.terms["se"] > 0.01).all()
    other = _compare(articles, flags, min_articles=1, max_q=1, n_boot=37, seed=5)
    assert other.terms["delta"].tolist() != comparison.terms["delta"].tolist()
    reseeded = _compare(articles, flags, min_articles=1, max_q=1, n_boot=37, seed=6,
                        prior_scale=2.0)
    assert reseeded.terms["se"].tolist() != comparison.terms["se"].tolist()


def test_a_prior_scale_changes_both_delta_and_its_bootstrap_spread():
    from framing.corpus.terms import scored_terms

    articles, flags = _many_terms(2)
    grouped = articles.assign(_group=articles["outlet"])
    one = scored_terms(flags, grouped, min_articles=1, n_boot=30, prior_scale=1.0)
    five = scored_terms(flags, grouped, min_articles=1, n_boot=30, prior_scale=5.0)
    assert (one["delta"] != five["delta"]).all() and (one["se"] != five["se"]).all()
    assert one["category"].isna().all()  # no category given: none made up


def test_the_group_interval_is_the_bootstrap_it_names():
    from framing.corpus.compare import bootstrap_ci

    scores = [float(i * i) for i in range(12)]
    articles = _articles({"A": 12}, slant_score=scores)
    row = _compare(articles, _flags([]), n_boot=300, seed=1).groups.loc["A"]
    assert (row["slant_ci_low"], row["slant_ci_high"]) == bootstrap_ci(np.array(scores),
                                                                         n_boot=300, seed=1)


def test_repeated_ids_in_a_folder_name_the_folder(tmp_path):
    articles = _articles({"A": 4})
    write_table(pd.concat([articles, articles]), tmp_path / "articles.csv", "csv")
    write_table(_flags([]), tmp_path / "flags.csv", "csv")
    assert _error(compare_groups, tmp_path).startswith(
        f"{tmp_path}: repeats document ids (A0, A1, A2 ...)")


def _crafted(monkeypatch, rows: list[tuple[str, str, float, float, float]]) -> pd.DataFrame:
    """distinctive_terms over scored terms given as (group, term, delta, z, q)."""
    from framing.corpus import terms as terms_module

    table = pd.DataFrame(rows, columns=["group", "term", "delta", "z", "q"]).assign(
        category=None, count=3, count_rest=0, articles=3, top_article_share=0.5, se=1.0, p=0.1)
    monkeypatch.setattr(terms_module, "scored_terms", lambda *args, **kwargs: table)
    return table


def test_listed_terms_are_over_delta_zero_and_under_the_q_bound(monkeypatch):
    from framing.corpus.terms import TERM_COLUMNS, distinctive_terms

    _crafted(monkeypatch, [("B", "b1", 1.0, 2.0, 0.01), ("A", "a1", 1.0, 1.0, 0.05),
                           ("A", "a2", 0.5, 3.0, 0.049), ("A", "a3", -1.0, 4.0, 0.0),
                           ("A", "a4", 1.0, 0.5, 1.0)])
    listed = distinctive_terms(pd.DataFrame(), pd.DataFrame(), max_q=0.05)
    assert listed[["group", "term"]].values.tolist() == [["A", "a2"], ["B", "b1"]]
    assert listed.columns.tolist() == TERM_COLUMNS and listed.index.tolist() == [0, 1]
    everything = distinctive_terms(pd.DataFrame(), pd.DataFrame(), max_q=1)
    assert everything["term"].tolist() == ["a2", "a1", "a4", "b1"]  # by z within a group


def test_boilerplate_of_a_run_without_sentence_texts_is_empty():
    from framing.corpus.terms import boilerplate

    columns = ["doc_id", "sentence_index", "text", "words"]
    assert boilerplate(None).columns.tolist() == columns
    no_text = pd.DataFrame({"doc_id": ["a", "b", "c"], "sentence_index": [0, 0, 0]})
    assert boilerplate(no_text).columns.tolist() == columns and boilerplate(no_text).empty


def test_missing_or_blank_sentences_are_never_boilerplate():
    from framing.corpus.terms import boilerplate

    sentences = pd.DataFrame({"doc_id": list("abcabc"), "sentence_index": [0, 0, 0, 1, 1, 1],
                              "text": [None, None, None, "  ", "", "\n"]})
    assert boilerplate(sentences).empty


def test_a_term_used_once_has_all_of_it_in_one_article():
    from framing.corpus.terms import scored_terms

    articles = _articles({"A": 2}).assign(_group="A")
    scored = scored_terms(_flags([("A0", "slam")]), articles, min_articles=1, n_boot=10)
    assert scored["top_article_share"].tolist() == [1.0]
