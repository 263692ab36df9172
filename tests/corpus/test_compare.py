"""Group comparison of a batch run (issue 8): per-group figures, log-odds with an
informative Dirichlet prior checked by hand, terminal and HTML output.

Issue 27: texts under 50 words are not judged and compare leaves them out, so every toy
text gets neutral sentences of its own (:func:`_judged`); and terms are listed only from
3+ articles with q < 0.05, so the tests on three-article toys pass ``min_articles=1,
max_q=1`` (the listing rules have their own tests in test_terms.py)."""

from __future__ import annotations

import math
import re
from html import unescape

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.corpus.batch import AnalyzerSpec, analyze_frame, run_batch
from framing.corpus.compare import bootstrap_ci, compare_groups, log_odds
from framing.corpus.compare_report import render_compare_html


def _padding(i: int) -> str:
    """Neutral sentences, each with the article's number, so none is boilerplate."""
    return (f"The committee met in room {i} on a cold morning. Members read report number "
            f"{i} aloud, page by page. They asked about roads, schools and pipes in district "
            f"{i}. The chair of panel {i} answered every question in turn. A second meeting "
            f"on item {i} is planned for the first week of the month.")


def _judged(texts: list[str], start: int = 0) -> list[str]:
    return [f"{text} {_padding(start + i)}" for i, text in enumerate(texts)]


OUTLET_A = _judged([
    "Critics slammed the regime's bellicose plan.",
    "The regime slammed its critics again.",
    "It was a power grab by the regime.",
])
OUTLET_B = _judged([
    "The council met on Tuesday and approved the budget.",
    "Critics slammed the plan in a long debate.",
    '"It is a bellicose plan," the minister said.',
], 3)
LOOSE = {"min_articles": 1, "max_q": 1}


def test_log_odds_matches_a_hand_computation():
    # Two groups of 100 words; "regime" 8 times in A and 2 in B, "slam" 1 and 4 times.
    counts = pd.DataFrame({"A": [8, 1], "B": [2, 4]}, index=["regime", "slam"])
    result = log_odds(counts, pd.Series({"A": 100, "B": 100}), prior_scale=0.05)
    # Prior: 0.05 x corpus counts, so a_0 = 0.05 x 200 = 10, a_regime = 0.05 x 10 = 0.5,
    # a_slam = 0.25 (issue 27 scales the prior to the corpus; test_terms.py checks scale 1).
    delta = math.log(8.5 / (100 + 10 - 8 - 0.5)) - math.log(2.5 / (100 + 10 - 2 - 0.5))
    z = delta / math.sqrt(1 / 8.5 + 1 / 2.5)
    assert result.loc[("A", "regime"), "delta"] == pytest.approx(delta)
    assert result.loc[("A", "regime"), "z"] == pytest.approx(z)
    assert z == pytest.approx(1.7807, abs=1e-4)
    delta_slam = math.log(4.25 / (100 + 10 - 4 - 0.25)) - math.log(1.25 / (100 + 10 - 1 - 0.25))
    assert result.loc[("B", "slam"), "delta"] == pytest.approx(delta_slam)
    # Two groups: B against the rest is A with the sign turned.
    assert result.loc[("B", "regime"), "z"] == pytest.approx(-z)


def test_prior_shrinks_rare_terms():
    counts = pd.DataFrame({"A": [1, 40], "B": [0, 10]}, index=["rare", "common"])
    result = log_odds(counts, pd.Series({"A": 1000, "B": 1000}), prior_scale=0.05)
    assert result.loc[("A", "rare"), "delta"] > 0
    assert result.loc[("A", "common"), "z"] > 3 > result.loc[("A", "rare"), "z"]


def test_bootstrap_interval_brackets_the_mean():
    values = np.array([10.0, 20.0, 30.0, 40.0, 90.0])
    low, high = bootstrap_ci(values, n_boot=2000, seed=1)
    assert low < values.mean() < high
    assert low >= 10 and high <= 90
    assert bootstrap_ci(values, seed=1) == bootstrap_ci(values, seed=1)


@pytest.fixture
def toy_tables(toy_analyzer):
    frame = pd.DataFrame({"text": OUTLET_A + OUTLET_B + ["  "],
                          "outlet": ["A"] * 3 + ["B"] * 3 + ["B"]})
    return analyze_frame(frame, analyzer=toy_analyzer)._asdict()


def test_group_table_figures(toy_tables):
    comparison = compare_groups(tables=toy_tables, by="outlet", **LOOSE, n_boot=500)
    groups = comparison.groups
    assert list(groups.index) == ["A", "B"]
    assert groups.loc["B", "articles"] == 3 and groups.loc["B", "errors"] == 1
    articles = toy_tables["articles"]
    mean_a = articles.loc[articles["outlet"] == "A", "slant_score"].mean()
    assert groups.loc["A", "mean_slant"] == pytest.approx(mean_a)
    # Three articles: no interval (issue 27; a bootstrap of three values is their range).
    assert math.isnan(groups.loc["A", "slant_ci_low"]) and math.isnan(groups.loc["A", "slant_ci_high"])
    assert groups.loc["A", "note"] == "too few articles (n = 3): no interval"
    # Pooled rate: author-voice "label" flags of A over A's words.
    flags = toy_tables["flags"]
    ids_a = set(articles.loc[articles["outlet"] == "A", "doc_id"])
    labels = ((flags["doc_id"].isin(ids_a)) & (flags["category"] == "label")
              & (flags["voice"] == "author")).sum()
    words = articles.loc[articles["outlet"] == "A", "n_words"].sum()
    assert labels == 3
    assert groups.loc["A", "author_flags_per_1000_words.label"] == round(1000 * labels / words, 2)
    # B's one "bellicose" is inside a quotation: a quoted flag, not the author's.
    assert groups.loc["B", "quoted_flag_share"] == pytest.approx(1 / 2)
    terms = comparison.terms
    assert terms.loc[terms["group"] == "A", "term"].iloc[0] == "regime"
    assert "regime" not in set(terms.loc[terms["group"] == "B", "term"])


def test_unknown_group_column_is_one_line_error(tmp_path):
    (tmp_path / "x.txt").write_text("The regime fell.", encoding="utf-8")
    run_batch([str(tmp_path / "x.txt")], tmp_path / "out", analyzer=AnalyzerSpec(model=None),
              n_jobs=1)
    result = CliRunner().invoke(main, ["compare", str(tmp_path / "out"), "--by", "outlet"])
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert "has no column 'outlet'" in result.output
    result = CliRunner().invoke(main, ["compare", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "holds no batch output" in result.output


def test_compare_cli_terminal_and_html(tmp_path):
    path = tmp_path / "news.csv"
    hostile = '<script>alert(1)</script>"onmouseover="x'
    pd.DataFrame({"text": OUTLET_A + OUTLET_B, "outlet": ["A"] * 3 + [hostile] * 3}) \
        .to_csv(path, index=False)
    # --no-confidence: every lexicon flag, so "regime" (which the shipped confidence model
    # rates low) is a distinctive term of outlet A
    batch = CliRunner().invoke(main, ["batch", str(path), "--meta-col", "outlet", "--no-model",
                                      "--no-confidence", "-j", "1", "-q", "-o", str(tmp_path / "out"),
                                      "--format", "csv"])
    assert batch.exit_code == 0, batch.output
    page = tmp_path / "cmp.html"
    result = CliRunner().invoke(main, ["compare", str(tmp_path / "out"), "--by", "outlet",
                                       "--html", str(page), "--min-articles", "1",
                                       "--max-q", "1"])
    assert result.exit_code == 0, result.output
    assert "mean slant" in result.output and "regime" in result.output
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;" in html
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)[1])
    assert csp.startswith("default-src 'none'") and "script-src 'none'" in csp
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<svg" in html and "log-odds" in html


def test_frame_profile_columns_flow_through(toy_tables):
    column = "frames.distribution.economic"
    articles = toy_tables["articles"].assign(**{column: [0.5, 0.1, 0, 0.2, 0.2, 0.2, None]})
    comparison = compare_groups(tables={**toy_tables, "articles": articles}, by="outlet",
                                n_boot=200)
    assert column in comparison.frames
    assert not [c for c in comparison.frames if not c.startswith("frames.distribution.")]
    assert comparison.groups.loc["A", column] == pytest.approx(0.2)
    assert "Frame profile" in render_compare_html(comparison)


def test_html_keeps_its_stylesheet_and_shows_no_nan(toy_analyzer):
    """Issue 16: the CSS was HTML-escaped (passed without Markup) and empty groups said "nan"."""
    frame = pd.DataFrame({"text": OUTLET_A + OUTLET_B + ["  "],
                          "outlet": ["A"] * 3 + ["B"] * 3 + ["C"]})
    tables = analyze_frame(frame, analyzer=toy_analyzer)._asdict()
    html = render_compare_html(compare_groups(tables=tables, by="outlet", **LOOSE,
                                              n_boot=100))
    style = html[html.index("<style>"):html.index("</style>")]
    assert "--ink:" in style and "&#34;" not in style and "&gt;" not in style
    assert not re.search(r">\s*nan\s*<|nan%|nan to", html, flags=re.IGNORECASE)
    assert "<td>–</td>" in html
    # One precision per column: two decimals for rates, one for slant scores.
    rates = re.findall(r'<span class="num">([^<]*)</span>', html)
    assert rates and all(re.fullmatch(r"\d+\.\d\d|–", r) for r in rates), rates


def test_bootstrap_interval_has_the_documented_95_percent_level():
    # Half zeros, half ones: the mean of a resample of 100 is Binomial(100, 1/2) / 100, whose
    # 2.5% and 97.5% quantiles are 0.40 and 0.60 (a 50% interval would be 0.47 to 0.53).
    from scipy.stats import binom

    values = np.array([0.0, 1.0] * 50)
    low, high = bootstrap_ci(values, n_boot=20_000, seed=3)
    assert low == pytest.approx(binom.ppf(0.025, 100, 0.5) / 100, abs=0.011)
    assert high == pytest.approx(binom.ppf(0.975, 100, 0.5) / 100, abs=0.011)
    assert (low, high) == bootstrap_ci(values, n_boot=20_000, seed=3, level=0.95)
    narrow = bootstrap_ci(values, n_boot=20_000, seed=3, level=0.5)
    assert narrow[0] == pytest.approx(binom.ppf(0.25, 100, 0.5) / 100, abs=0.011)


def test_group_interval_is_the_95_percent_bootstrap_of_its_scores(toy_tables):
    # 100 articles scoring 0 or 100: the interval of the mean is 40 to 60 (see above).
    articles = pd.DataFrame({"doc_id": [f"d{i}" for i in range(100)], "outlet": "A",
                             "error": None, "slant_score": [0.0, 100.0] * 50, "n_words": 50,
                             "n_quotes": 0, "quoted_word_share": 0.0})
    flags = toy_tables["flags"].iloc[:0]
    comparison = compare_groups(tables={"articles": articles, "flags": flags}, by="outlet",
                                n_boot=20_000, seed=3)
    row = comparison.groups.loc["A"]
    assert (row["slant_ci_low"], row["slant_ci_high"]) == pytest.approx((40, 60), abs=1.1)


QUOTING = _judged([  # every loaded word of this outlet stands inside a quotation
    '"The regime is bellicose," the minister said.',
    'The senator said: "It is a bellicose plan by the regime."',
    '"Bellicose," she said of the plan.',
])
PLAIN = _judged([
    "The council met on Tuesday and approved the budget.",
    "The committee will meet again on Friday.",
    "Critics slammed the plan in a long debate.",
], 3)


def test_distinctive_terms_count_only_the_outlets_own_loaded_words(toy_analyzer):
    frame = pd.DataFrame({"text": QUOTING + PLAIN, "outlet": ["Q"] * 3 + ["P"] * 3})
    tables = analyze_frame(frame, analyzer=toy_analyzer)._asdict()
    flags = tables["flags"]
    quoted_ids = set(tables["articles"].loc[tables["articles"]["outlet"] == "Q", "doc_id"])
    mine = flags[flags["doc_id"].isin(quoted_ids)]
    assert len(mine) >= 5 and set(mine["voice"]) == {"quoted"}  # the premise holds
    comparison = compare_groups(tables=tables, by="outlet", **LOOSE, n_boot=100)
    assert comparison.terms.loc[comparison.terms["group"] == "Q"].empty
    assert list(comparison.terms.loc[comparison.terms["group"] == "P", "term"]) == ["slam"]


def test_device_flags_are_not_distinctive_terms(toy_tables):
    flags = toy_tables["flags"]
    regime = flags["term"] == "regime"
    devices = flags.assign(layer=flags["layer"].where(~regime, "device"))
    comparison = compare_groups(tables={**toy_tables, "flags": devices}, by="outlet",
                                **LOOSE, n_boot=100)
    assert "regime" not in set(comparison.terms["term"])
    # A run written before flags had a layer: the layer comes from the category.
    no_layer = flags.drop(columns="layer")
    comparison = compare_groups(tables={**toy_tables, "flags": no_layer}, by="outlet",
                                **LOOSE, n_boot=100)
    assert "regime" in set(comparison.terms["term"])


def test_bootstrap_of_one_value_and_of_none():
    assert bootstrap_ci(np.array([7.0])) == (7.0, 7.0)
    assert all(math.isnan(v) for v in bootstrap_ci(np.array([])))


def test_log_odds_of_no_groups_is_an_empty_table_with_its_columns():
    result = log_odds(pd.DataFrame(index=pd.Index([], name="term")), pd.Series(dtype=float))
    assert result.empty and list(result.columns) == ["count", "count_rest", "delta", "z"]


def test_zero_weight_flags_are_not_terms_and_missing_layers_come_from_the_category(toy_tables):
    flags = toy_tables["flags"]
    regime = flags["term"] == "regime"
    weightless = flags.assign(weight=flags["weight"].where(~regime, 0))
    comparison = compare_groups(tables={**toy_tables, "flags": weightless}, by="outlet",
                                **LOOSE, n_boot=100)
    assert "regime" not in set(comparison.terms["term"])
    unknown = flags.assign(layer=flags["layer"].where(~regime, None))  # "label" is loaded
    comparison = compare_groups(tables={**toy_tables, "flags": unknown}, by="outlet",
                                **LOOSE, n_boot=100)
    assert "regime" in set(comparison.terms["term"])


# --- issue 31: which flags each figure counts -------------------------------------------


def _two_outlets(flag_rows: list[tuple[str, str, str, str]]) -> dict[str, pd.DataFrame]:
    """Outlets A and B of three 200-word articles each; ``flag_rows``: (doc_id, term,
    category, voice)."""
    ids = [f"{g}{i}" for g in "AB" for i in range(3)]
    articles = pd.DataFrame({"doc_id": ids, "outlet": [i[0] for i in ids], "error": None,
                             "slant_score": 20.0, "n_words": 200, "n_quotes": 1,
                             "quoted_word_share": 0.1})
    flags = pd.DataFrame(flag_rows, columns=["doc_id", "term", "category", "voice"]).assign(
        sentence_index=1, layer="loaded", weight=0.6, negated=False)
    sentences = pd.DataFrame({"doc_id": ids, "sentence_index": 1,
                              "text": [f"Body sentence of {i}." for i in ids]})
    return {"articles": articles, "flags": flags, "sentences": sentences}


def test_quoted_flag_share_and_rates_count_each_voice_where_it_belongs():
    tables = _two_outlets([("A0", "slam", "loaded_negative", "author"),
                           ("A1", "slam", "loaded_negative", "author"),
                           ("A2", "slam", "loaded_negative", "author"),
                           ("A0", "regime", "label", "quoted"),
                           ("B0", "slam", "loaded_negative", "author"),
                           ("B1", "regime", "label", "author")])
    groups = compare_groups(tables=tables, by="outlet", n_boot=50).groups
    # One flag of A's four is inside a quotation; none of B's two.
    assert groups.loc["A", "quoted_flag_share"] == pytest.approx(1 / 4)
    assert groups.loc["B", "quoted_flag_share"] == 0.0
    # Rates are the outlet's own words: three "slam" in 600 words; the quoted label is not A's.
    assert groups.loc["A", "author_flags_per_1000_words.loaded_negative"] == 5.0
    assert groups.loc["A", "author_flags_per_1000_words.label"] == 0.0


def test_a_term_used_alike_by_both_outlets_sets_neither_apart():
    tables = _two_outlets([(doc, "slam", "loaded_negative", "author")
                           for doc in ("A0", "A1", "A2", "B0", "B1", "B2")]
                          + [("A0", "regime", "label", "author")])
    terms = compare_groups(tables=tables, by="outlet", n_boot=50, min_articles=1,
                           max_q=1).terms
    assert "slam" not in set(terms["term"])
    assert set(terms.loc[terms["term"] == "regime", "group"]) == {"A"}
