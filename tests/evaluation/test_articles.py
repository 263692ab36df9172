"""Issue 27: `framing evaluate articles`, article scores against human article labels."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.corpus.batch import AnalyzerSpec, run_batch
from framing.evaluation.articles import agreement

from ..conftest import TOY_LEXICON


def test_rho_is_spearmans_and_the_left_out_are_counted():
    scores = pd.Series({"a": 10.0, "b": 20.0, "c": 30.0, "d": 40.0, "e": float("nan"),
                        "f": 5.0})
    labels = pd.Series({"a": 0.1, "b": 0.3, "c": 0.2, "d": 0.4, "e": 0.9, "g": 0.5})
    result = agreement(scores, labels, n_boot=500, seed=2)
    # Ranks 1 2 3 4 against 1 3 2 4: rho = 1 - 6 x (0 + 1 + 1 + 0) / (4 x 15) = 0.8.
    assert result.rho == pytest.approx(0.8)
    assert (result.n, result.not_judged, result.no_label, result.no_score) == (4, 1, 1, 1)
    assert result.low <= result.rho <= result.high <= 1
    assert result == agreement(scores, labels, n_boot=500, seed=2)


def test_the_interval_is_a_percentile_bootstrap_over_articles():
    rng = np.random.default_rng(0)
    x = rng.normal(size=200)
    y = x + rng.normal(size=200)
    ids = [str(i) for i in range(200)]
    result = agreement(pd.Series(x, index=ids), pd.Series(y, index=ids), n_boot=1000)
    # The standard error of Spearman's rho near 0.68 with n = 200 is about 0.04.
    assert 0.1 < result.high - result.low < 0.25
    assert result.low < result.rho < result.high


def test_too_few_articles_give_no_figure():
    result = agreement(pd.Series({"a": 1.0, "b": 2.0}), pd.Series({"a": 1.0, "b": 0.0}))
    assert result.n == 2 and math.isnan(result.rho) and math.isnan(result.low)


def test_evaluate_articles_command(tmp_path):
    lexicon = tmp_path / "toy.tsv"
    lexicon.write_text(TOY_LEXICON, encoding="utf-8")
    texts = {f"t{i}": " ".join(["The regime slammed the plan."] * i + [
        f"The council met in room {i} on day {n} to talk about the budget." for n in range(6)])
        for i in range(1, 6)}
    corpus = tmp_path / "corpus.csv"
    pd.DataFrame({"id": list(texts), "text": list(texts.values())}).to_csv(corpus, index=False)
    run_batch([str(corpus)], tmp_path / "out", table=_spec(), n_jobs=1,
              analyzer=AnalyzerSpec((str(lexicon),), False, None, False, None))
    labels = tmp_path / "labels.csv"
    pd.DataFrame({"id": ["t1", "t2", "t3", "t4", "t5", "x"],
                  "share": [0.1, 0.2, 0.3, 0.4, 0.5, 0.9]}).to_csv(labels, index=False)
    result = CliRunner().invoke(main, ["evaluate", "articles", str(tmp_path / "out"),
                                       "--labels", str(labels), "--id-col", "id",
                                       "--label-col", "share", "--bootstrap", "200"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Spearman rho = 1.000") and "over 5 articles" in result.output
    assert "1 labelled but not in the run" in result.output
    bad = CliRunner().invoke(main, ["evaluate", "articles", str(tmp_path / "out"),
                                    "--labels", str(labels), "--label-col", "nope"])
    assert bad.exit_code != 0 and "has no column" in bad.output and bad.output.count("\n") == 1


def _spec():
    from framing.corpus.inputs import TableSpec

    return TableSpec("text", "id")
