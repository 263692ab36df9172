"""Beyond one machine: the batch pipeline on a Dask cluster (``pip install 'framing[dask]'``).

Two ways in. ``framing batch --scheduler tcp://host:port`` (``run_batch`` with
``mapper=cluster_mapper(address)``) sends the same chunk tasks a local run gives to
joblib to the cluster's workers and writes the same resumable output folder. :func:`analyze_dataframe` maps a Dask DataFrame's partitions to analysis tables
for users who stay inside Dask.

Every worker needs framing installed; each builds its analyzer once per process.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Any

import pandas as pd

from framing.corpus.batch import (
    AnalyzerSpec,
    ChunkMapper,
    Failure,
    analyze_chunk,
    article_row,
    articles_frame,
    flatten,
)
from framing.corpus.inputs import TableSpec, iter_table_frame
from framing.errors import FramingError
from framing.records import FLAG_COLUMNS, SENTENCE_COLUMNS, Analysis

INSTALL = "pip install 'framing[dask]'"
#: How long to wait for the scheduler before giving up.
CONNECT_TIMEOUT = "20s"
TABLES = ("articles", "sentences", "flags")
SLANT = {"slant_score": "float64", "slant_label": "object", "slant_confidence": "float64",
         "slant_method": "object"}
SENTENCE_TYPES = {"sentence": "int64", "paragraph": "int64", "start": "int64", "end": "int64",
                  "slant_probability": "float64", "quoted_share": "float64", "n_flags": "int64",
                  "n_author_flags": "int64", "quoted": "bool"}
FLAG_TYPES = {"sentence": "int64", "start": "int64", "end": "int64", "weight": "float64",
              "polarity": "int64", "negated": "bool"}


def _distributed():
    try:
        import distributed
    except ImportError:
        raise FramingError(f"running on a Dask cluster needs dask[distributed]: {INSTALL}") \
            from None
    return distributed


def cluster_mapper(address: str) -> ChunkMapper:
    """A :data:`~framing.corpus.batch.ChunkMapper` for ``run_batch`` that sends every chunk
    to the Dask cluster whose scheduler is at ``address`` (``tcp://host:port``)."""
    return partial(map_on_cluster, address=address)


def map_on_cluster(task: Callable, chunks: Iterable[Any], *args: Any, address: str,
                   window: int | None = None) -> Iterator[Any]:
    """``task(chunk, *args)`` on the cluster at ``address``, in order, a few chunks in flight."""
    distributed = _distributed()
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as err:
        raise FramingError(f"{address}: cannot reach the Dask scheduler ({err})") from None
    try:
        workers = len(client.scheduler_info().get("workers", {})) or 1
        window = window or 2 * workers
        pending: deque = deque()
        for chunk in chunks:
            pending.append(client.submit(task, chunk, *args, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()


def analyze_dataframe(
    ddf: Any,
    *,
    text_col: str = "text",
    id_col: str | None = None,
    meta_cols: Sequence[str] = (),
    analyzer: AnalyzerSpec | None = None,
    table: str = "articles",
) -> Any:
    """One of the batch tables of a Dask DataFrame's texts, partition by partition.

    ``table`` is ``"articles"``, ``"sentences"`` or ``"flags"``. The articles table has a
    fixed set of columns (id, ``meta_cols``, slant, ``summary`` as JSON, ``error``) because a
    Dask DataFrame must know its columns before it is computed; :func:`expand_summary`
    turns a computed one into the columns ``framing batch`` writes.

    The id is ``id_col`` or, without one, the row's index label.
    """
    if table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)}, not {table!r}")
    spec = TableSpec(text_col, id_col, tuple(meta_cols))
    return ddf.map_partitions(analyze_partition, spec, analyzer or AnalyzerSpec(), table,
                              meta=_meta(ddf._meta, spec, table))


def analyze_partition(frame: pd.DataFrame, spec: TableSpec, analyzer: AnalyzerSpec,
                      table: str) -> pd.DataFrame:
    """The rows of one table for one pandas partition (what each Dask task runs)."""
    if spec.id_col is None:
        frame = frame.assign(__id=frame.index.astype(str))
        spec = TableSpec(spec.text_col, "__id", spec.meta_cols)
    results = analyze_chunk(list(iter_table_frame(frame, name="frame", spec=spec)), analyzer)
    columns = list(_meta(frame.iloc[:0], spec, table).columns)
    if table == "articles":
        rows = [_compact_row(r, spec.meta_cols) for r in results]
        return pd.DataFrame(rows, columns=columns).astype(_types(frame, spec, table))
    rows = [row for r in results if isinstance(r, Analysis)
            for row in (r.sentence_rows() if table == "sentences" else r.flag_rows())]
    return pd.DataFrame(rows, columns=columns).astype(_types(frame, spec, table))


def expand_summary(articles: pd.DataFrame, meta_cols: Sequence[str] = ()) -> pd.DataFrame:
    """A computed articles table with its ``summary`` JSON spread into columns (as batch)."""
    rows = []
    for record in articles.to_dict("records"):
        meta = {c: record[c] for c in meta_cols}
        if isinstance(record.get("error"), str):
            rows.append({"doc_id": record["doc_id"], **meta, "error": record["error"]})
            continue
        summary = json.loads(record["summary"])
        rows.append({"doc_id": record["doc_id"], **meta,
                     **{k: record[k] for k in SLANT}, **flatten(summary), "error": None})
    return articles_frame(rows)


def _compact_row(result: Analysis | Failure, meta_cols: Sequence[str]) -> dict[str, Any]:
    row = article_row(result)
    compact = {"doc_id": row["doc_id"], **{c: result.meta.get(c) for c in meta_cols}}
    if isinstance(result, Failure):
        return {**compact, "error": result.error}
    return {**compact, **{k: row[k] for k in SLANT},
            "summary": json.dumps(result.summary, ensure_ascii=False), "error": None}


def _meta(empty: pd.DataFrame, spec: TableSpec, table: str) -> pd.DataFrame:
    if table == "articles":
        columns = ["doc_id", *spec.meta_cols, *SLANT, "summary", "error"]
    else:
        columns = SENTENCE_COLUMNS if table == "sentences" else FLAG_COLUMNS
    return pd.DataFrame(columns=columns).astype(_types(empty, spec, table))


def _types(frame: pd.DataFrame, spec: TableSpec, table: str) -> dict[str, Any]:
    if table == "articles":
        return {**{c: frame[c].dtype for c in spec.meta_cols if c in frame.columns}, **SLANT}
    return SENTENCE_TYPES if table == "sentences" else FLAG_TYPES
