"""Many documents at once: parallel workers, one row per article, and runs that resume.

>>> texts = ["The regime slammed it.", "   "]
>>> results = list(analyze_many(texts, analyzer=AnalyzerSpec(model=None)))
>>> [type(r).__name__ for r in results]
['Analysis', 'Failure']
>>> results[1].error
'the document is empty (nothing but white space)'
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from framing.analyzer import SHIPPED, Analyzer
from framing.corpus.inputs import Doc, TableSpec, iter_docs, iter_items, read_doc_text
from framing.corpus.store import Store, fill_missing_rates, order_columns
from framing.errors import FramingError
from framing.io import MAX_BYTES
from framing.records import FLAG_COLUMNS, SENTENCE_COLUMNS, Analysis

#: Documents per task sent to a worker, and per committed part on disk.
CHUNK_SIZE = 50


@dataclass(frozen=True)
class AnalyzerSpec:
    """How to build an :class:`~framing.Analyzer`; workers build it once and keep it.

    Sending this small recipe instead of a loaded Analyzer spares pickling the model
    with every task.
    """

    lexicons: tuple[str, ...] = ()
    builtin_lexicons: bool = True
    model: str | None = SHIPPED
    trust_model: bool = False
    word_model: str | None = SHIPPED
    min_confidence: float | None = None

    def build(self) -> Analyzer:
        return Analyzer(self.lexicons, builtin_lexicons=self.builtin_lexicons,
                        model=self.model, trust_model=self.trust_model,
                        word_model=self.word_model, min_confidence=self.min_confidence)


@dataclass(frozen=True)
class ReadOptions:
    """How workers read files: the encoding of files without a BOM and the size limit."""

    encoding: str | None = None
    max_bytes: int = MAX_BYTES


@dataclass(frozen=True)
class Failure:
    """A document that could not be analysed, and why; it becomes an error row."""

    doc_id: str
    error: str
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "meta": dict(self.meta), "error": self.error}


class Tables(NamedTuple):
    """The three batch tables: one row per article, per sentence and per flag."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    flags: pd.DataFrame


# --- workers -----------------------------------------------------------------------

_ANALYZERS: dict[AnalyzerSpec, Analyzer] = {}


def _analyzer(choice: AnalyzerSpec | Analyzer) -> Analyzer:
    """The worker's analyzer: built on first use in each process, then reused."""
    if isinstance(choice, Analyzer):
        return choice
    if choice not in _ANALYZERS:
        _ANALYZERS[choice] = choice.build()
    return _ANALYZERS[choice]


def analyze_doc(
    doc: Doc, analyzer: Analyzer, read: ReadOptions = ReadOptions()
) -> Analysis | Failure:
    """One document, never raising: whatever goes wrong becomes a :class:`Failure`."""
    try:
        text = read_doc_text(doc, encoding=read.encoding, max_bytes=read.max_bytes)
        return analyzer.analyze(text, doc_id=doc.doc_id, meta=doc.meta)
    except FramingError as err:
        return Failure(doc.doc_id, getattr(err, "problem", str(err)), doc.meta)
    except Exception as err:  # a bug on one odd document must not lose the run
        return Failure(doc.doc_id, f"analysis failed: {type(err).__name__}: {err}", doc.meta)


def analyze_chunk(docs: list[Doc], choice: AnalyzerSpec | Analyzer,
                  read: ReadOptions = ReadOptions()) -> list[Analysis | Failure]:
    analyzer = _analyzer(choice)
    return [analyze_doc(doc, analyzer, read) for doc in docs]


def tables_chunk(docs: list[Doc], choice: AnalyzerSpec | Analyzer,
                 read: ReadOptions = ReadOptions()) -> tuple[list[str], Tables]:
    """A worker task: analyse documents and return their ids and rows (not the analyses)."""
    return [d.doc_id for d in docs], to_tables(analyze_chunk(docs, choice, read))


# --- rows --------------------------------------------------------------------------


def to_tables(results: Iterable[Analysis | Failure]) -> Tables:
    """The article, sentence and flag tables of some results."""
    articles, sentences, flags = [], [], []
    for result in results:
        articles.append(article_row(result))
        if isinstance(result, Analysis):
            sentences.extend(result.sentence_rows())
            flags.extend(result.flag_rows())
    return Tables(
        articles_frame(articles),
        pd.DataFrame(sentences, columns=SENTENCE_COLUMNS),
        pd.DataFrame(flags, columns=FLAG_COLUMNS),
    )


def articles_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Article rows as a table: ordered columns, rates 0 where unused, counts as integers."""
    table = pd.DataFrame(rows, columns=_article_columns(rows))
    return _whole_numbers(fill_missing_rates(table), rows)


def article_row(result: Analysis | Failure) -> dict[str, Any]:
    """One article as a flat row: id, metadata, slant, the flattened summary, error.

    Nested summary fields become ``parent.child`` columns and lists become JSON text,
    so whatever :attr:`Analysis.summary` carries reaches the table.

    >>> from framing import Analyzer
    >>> row = article_row(Analyzer(model=None).analyze("The regime fell.", doc_id="x"))
    >>> row["doc_id"], row["author_flags_per_1000_words.label"], row["error"]
    ('x', 333.33, None)
    """
    if isinstance(result, Failure):
        return {"doc_id": result.doc_id, **_meta(result.meta, set()), "error": result.error}
    body = {
        "slant_score": result.slant.score,
        "slant_label": result.slant.label,
        "slant_confidence": result.slant.confidence,
        "slant_method": result.slant.method,
        **flatten(result.summary),
    }
    return {"doc_id": result.doc_id, **_meta(result.meta, set(body)), **body, "error": None}


def flatten(value: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts as ``a.b`` keys; lists and other containers as JSON text.

    >>> flatten({"n": 1, "voice": {"author": 2}, "top": [{"term": "x"}]})
    {'n': 1, 'voice.author': 2, 'top': '[{"term": "x"}]'}
    """
    flat: dict[str, Any] = {}
    for key, item in value.items():
        name = f"{prefix}{key}"
        if isinstance(item, dict):
            flat.update(flatten(item, f"{name}."))
        elif isinstance(item, (list, tuple, set)):
            flat[name] = json.dumps(list(item), ensure_ascii=False, default=str)
        else:
            flat[name] = item
    return flat


def _meta(meta: dict[str, Any], taken: set[str]) -> dict[str, Any]:
    reserved = taken | {"doc_id", "error"}
    return {(f"meta.{k}" if k in reserved else k): v for k, v in meta.items()}


def _article_columns(rows: list[dict[str, Any]]) -> list[str]:
    return order_columns(["doc_id", *(k for row in rows for k in row), "error"])


def _whole_numbers(table: pd.DataFrame, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Counts stay integers even when error rows leave gaps in them."""
    counts = {}
    for column in table.columns:
        values = [row[column] for row in rows if row.get(column) is not None]
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            counts[column] = table[column].astype("Int64")
    return table.assign(**counts) if counts else table


# --- running -----------------------------------------------------------------------


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


#: How chunks reach workers: ``mapper(task, chunks, *args)`` yields ``task(chunk, *args)``
#: for every chunk, in order. :func:`map_chunks` runs them on this machine;
#: :func:`framing.corpus.dask.cluster_mapper` sends them to a Dask cluster.
ChunkMapper = Callable[..., Iterator[Any]]


def map_chunks(task: Callable, chunks: Iterable[list[Doc]], *args: Any,
               n_jobs: int = 1) -> Iterator[Any]:
    """``task(chunk, *args)`` for every chunk, in order; lazily, a few chunks in flight.

    One job runs in this process; more use joblib's process workers.
    """
    if n_jobs in (None, 0, -1):
        n_jobs = os.cpu_count() or 1
    if n_jobs == 1:
        yield from (task(chunk, *args) for chunk in chunks)
        return
    from joblib import Parallel, delayed

    parallel = Parallel(n_jobs=n_jobs, return_as="generator", pre_dispatch="2*n_jobs")
    results = parallel(delayed(task)(chunk, *args) for chunk in chunks)
    try:
        yield from results
    finally:
        results.close()


def analyze_many(
    items: Iterable[Any] | pd.DataFrame,
    *,
    analyzer: AnalyzerSpec | Analyzer | None = None,
    n_jobs: int = 1,
    text_col: str = "text",
    id_col: str | None = None,
    meta_cols: Sequence[str] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Analysis | Failure]:
    """Analyse many documents, in input order, yielding a :class:`Failure` for a bad one.

    Parameters
    ----------
    items : iterable or DataFrame
        Texts (ids ``"0"``, ``"1"``...), ``(id, text)`` pairs, dicts with a ``text`` key
        (``id`` and the other keys become the id and metadata), or a DataFrame: its
        ``text_col`` is analysed, ``id_col`` (default: the index) names each row and
        ``meta_cols`` (default: every other column) are kept.
    analyzer : AnalyzerSpec or Analyzer, optional
        Defaults to the shipped lexicons and model. With several jobs, pass an
        :class:`AnalyzerSpec` so each worker builds its analyzer once.
    n_jobs : int
        Worker processes (joblib); -1 uses every core.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"text": ["It was a power grab."], "outlet": ["A"]})
    >>> [a.meta for a in analyze_many(frame, analyzer=AnalyzerSpec(model=None))]
    [{'outlet': 'A'}]
    """
    spec = TableSpec(text_col, id_col, tuple(meta_cols or ()))
    if isinstance(items, pd.DataFrame) and meta_cols is None and id_col is not None:
        spec = TableSpec(text_col, id_col, tuple(c for c in items.columns
                                                 if c not in (text_col, id_col)))
    choice = analyzer if analyzer is not None else AnalyzerSpec()
    chunks = chunked(iter_items(items, spec), chunk_size)
    for results in map_chunks(analyze_chunk, chunks, choice, n_jobs=n_jobs):
        yield from results


def analyze_frame(
    frame: pd.DataFrame,
    *,
    text_col: str = "text",
    id_col: str | None = None,
    meta_cols: Sequence[str] | None = None,
    analyzer: AnalyzerSpec | Analyzer | None = None,
    n_jobs: int = 1,
) -> Tables:
    """Analyse a DataFrame's texts into the article, sentence and flag tables.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"text": ["The regime fell.", ""], "outlet": ["A", "B"]})
    >>> tables = analyze_frame(frame, analyzer=AnalyzerSpec(model=None))
    >>> tables.articles[["doc_id", "outlet"]].values.tolist()
    [['0', 'A'], ['1', 'B']]
    >>> tables.articles["error"].tolist()[1]
    'the document is empty (nothing but white space)'
    >>> len(tables.sentences), tables.flags["term"].tolist()
    (1, ['regime'])
    """
    results = analyze_many(frame, analyzer=analyzer, n_jobs=n_jobs, text_col=text_col,
                           id_col=id_col, meta_cols=meta_cols)
    return to_tables(results)


@dataclass
class BatchResult:
    """What a batch run did: counts, the tables it wrote, and whether it was interrupted."""

    outdir: Path
    analysed: int = 0
    failed: int = 0
    skipped_done: int = 0
    duplicates: list[str] = field(default_factory=list)
    written: dict[str, Path] = field(default_factory=dict)
    interrupted: bool = False

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["outdir"] = str(self.outdir)
        out["written"] = {k: str(v) for k, v in self.written.items()}
        return out


def run_batch(
    inputs: Sequence[str],
    outdir: str | Path,
    *,
    analyzer: AnalyzerSpec = AnalyzerSpec(),
    table: TableSpec | None = None,
    globs: Sequence[str] = (),
    fmt: str = "parquet",
    n_jobs: int = -1,
    chunk_size: int = CHUNK_SIZE,
    resume: bool = False,
    read: ReadOptions = ReadOptions(),
    mapper: ChunkMapper | None = None,
    progress: Callable[[int], None] | None = None,
) -> BatchResult:
    """Analyse every document of ``inputs`` into ``outdir`` (see :mod:`framing.corpus.store`).

    Document ids must be unique: the first document with an id is analysed and later
    ones with the same id are skipped and listed in ``BatchResult.duplicates``. With
    ``resume``, documents an earlier run committed are skipped. Ctrl-C stops the run
    and still assembles the tables from every chunk committed so far. Chunks run in
    ``n_jobs`` local processes unless a ``mapper`` sends them elsewhere (a Dask cluster:
    :func:`framing.corpus.dask.cluster_mapper`).
    """
    store = Store.open(outdir, fmt, resume=resume)
    result = BatchResult(Path(outdir))
    docs = iter_docs(inputs, globs=globs, table=table or TableSpec())
    pending = _pending(docs, store.done, result)
    chunks = chunked(pending, chunk_size)
    mapper = mapper or partial(map_chunks, n_jobs=n_jobs)
    try:
        for ids, tables in mapper(tables_chunk, chunks, analyzer, read):
            store.commit(tables._asdict(), ids)
            failed = int(tables.articles["error"].notna().sum())
            result.failed += failed
            result.analysed += len(ids) - failed
            if progress is not None:
                progress(len(ids))
    except KeyboardInterrupt:
        result.interrupted = True
    result.written = store.assemble()
    return result


def _pending(docs: Iterable[Doc], done: set[str], result: BatchResult) -> Iterator[Doc]:
    """Documents still to analyse: not committed earlier, not a repeated id."""
    seen: set[str] = set()
    for doc in docs:
        if doc.doc_id in done:
            result.skipped_done += 1
        elif doc.doc_id in seen:
            result.duplicates.append(doc.doc_id)
        else:
            seen.add(doc.doc_id)
            yield doc
