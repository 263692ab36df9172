"""Beyond one machine: the batch pipeline on a Dask cluster (``pip install 'framing[dask]'``).

Two ways in. ``framing batch --scheduler tcp://host:port`` (``run_batch`` with
``mapper=cluster_mapper(address)``) sends the same chunk tasks a local run gives to
joblib to the cluster's workers and writes the same resumable output folder. :func:`analyze_dataframe` maps a Dask DataFrame's partitions to analysis tables
for users who stay inside Dask.

Every worker needs framing installed; each builds its analyzer once per process.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Any

import pandas as pd

from framing.corpus.batch import AnalyzerSpec, ChunkMapper, analyze_chunk, to_tables
from framing.corpus.inputs import TableSpec, iter_table_frame
from framing.errors import FramingError
from framing.schema import conform

INSTALL = "pip install 'framing[dask]'"
#: How long to wait for the scheduler before giving up.
CONNECT_TIMEOUT = "20s"
TABLES = ("articles", "sentences", "flags", "quotes", "actors")


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

    ``table`` is ``"articles"``, ``"sentences"``, ``"flags"``, ``"quotes"`` or
    ``"actors"``; its columns are those of :mod:`framing.schema` (``meta_cols`` after
    ``doc_id``), the same as ``framing batch`` writes, known before anything is computed.

    The id is ``id_col`` or, without one, the row's index label.
    """
    if table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)}, not {table!r}")
    spec = TableSpec(text_col, id_col, tuple(meta_cols))
    return ddf.map_partitions(analyze_partition, spec, analyzer or AnalyzerSpec(), table,
                              meta=_empty(ddf._meta, spec, table))


def analyze_partition(frame: pd.DataFrame, spec: TableSpec, analyzer: AnalyzerSpec,
                      table: str) -> pd.DataFrame:
    """The rows of one table for one pandas partition (what each Dask task runs)."""
    if spec.id_col is None:
        frame = frame.assign(__id=frame.index.astype(str))
        spec = TableSpec(spec.text_col, "__id", spec.meta_cols)
    results = analyze_chunk(list(iter_table_frame(frame, name="frame", spec=spec)), analyzer)
    rows = getattr(to_tables(results), table)
    empty = _empty(frame, spec, table)
    return rows.reindex(columns=empty.columns).astype(empty.dtypes.to_dict())


def expand_summary(articles: pd.DataFrame, meta_cols: Sequence[str] = ()) -> pd.DataFrame:
    """A computed articles table, numbered from 0 again; it already has every column
    (kept for scripts written when the Dask articles table held the summary as JSON)."""
    return articles.reset_index(drop=True)


def _empty(frame: pd.DataFrame, spec: TableSpec, table: str) -> pd.DataFrame:
    """The table with no rows: the schema's columns and types, metadata typed as given."""
    empty = conform([], table, spec.meta_cols)
    meta = {c: frame[c].convert_dtypes().dtype for c in spec.meta_cols if c in frame.columns}
    return empty.astype(meta)
