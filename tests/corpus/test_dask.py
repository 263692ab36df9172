"""The batch pipeline on a Dask cluster (issue 8): a LocalCluster with two worker processes
gives the same tables as the local run."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.corpus.batch import AnalyzerSpec, analyze_frame, run_batch
from framing.corpus.store import read_table

from ..conftest import require_module

dd = require_module("dask.dataframe", "dask")
distributed = require_module("distributed", "dask")

NO_MODEL = AnalyzerSpec(model=None)
TEXTS = [
    "Critics slammed the regime's bellicose plan. It was a power grab.",
    "The council met on Tuesday and approved the budget.",
    "   ",
    '"This is a shameful stunt," the senator said. The vote passed.',
    "The so-called reform is a sinister scheme to silence critics.",
]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local:
        yield local


@pytest.fixture
def corpus() -> pd.DataFrame:
    return pd.DataFrame({"text": TEXTS * 3, "outlet": list("ABC") * 5,
                         "id": [f"d{i}" for i in range(15)]})


def test_analyze_dataframe_equals_the_local_run(cluster, corpus):
    from framing.corpus.dask import analyze_dataframe, expand_summary

    local = analyze_frame(corpus, id_col="id", meta_cols=["outlet"], analyzer=NO_MODEL)
    ddf = dd.from_pandas(corpus, npartitions=3)
    with distributed.Client(cluster):
        computed = {table: analyze_dataframe(ddf, id_col="id", meta_cols=["outlet"],
                                             analyzer=NO_MODEL, table=table).compute()
                    for table in ("articles", "sentences", "flags")}
    articles = expand_summary(computed["articles"], ["outlet"])
    pd.testing.assert_frame_equal(articles, local.articles)
    assert articles["error"].notna().sum() == 3
    for table in ("sentences", "flags"):
        got = computed[table].reset_index(drop=True)
        want = getattr(local, table).astype(got.dtypes.to_dict())
        pd.testing.assert_frame_equal(got, want)


def test_batch_with_scheduler_equals_the_local_batch(cluster, corpus, tmp_path):
    path = tmp_path / "corpus.parquet"
    corpus.to_parquet(path)
    from framing.corpus.inputs import TableSpec

    options = dict(analyzer=NO_MODEL, table=TableSpec("text", "id", ("outlet",)), chunk_size=4)
    local = run_batch([str(path)], tmp_path / "local", n_jobs=1, **options)
    from framing.corpus.dask import cluster_mapper

    remote = run_batch([str(path)], tmp_path / "remote",
                       mapper=cluster_mapper(cluster.scheduler_address), **options)
    assert (remote.analysed, remote.failed) == (local.analysed, local.failed) == (12, 3)
    for name in ("articles", "sentences", "flags"):
        pd.testing.assert_frame_equal(read_table(tmp_path / "remote" / f"{name}.parquet"),
                                      read_table(tmp_path / "local" / f"{name}.parquet"))


def test_unreachable_scheduler_is_one_line_error(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import framing.corpus.dask
    from framing.cli import main

    monkeypatch.setattr(framing.corpus.dask, "CONNECT_TIMEOUT", "2s")
    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"),
                                       "--no-model", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert "cannot reach the Dask scheduler" in result.output
