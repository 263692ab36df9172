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
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from framing.analyzer import SHIPPED, Analyzer
from framing.corpus.inputs import Doc, TableSpec, iter_docs, iter_items, read_doc_text
from framing.corpus.provenance import PARQUET_KEY, provenance, write_provenance
from framing.corpus.safety import (
    DocumentTimeout,
    cpu_time_limit,
    guarded_docs,
    refuse_inputs_inside,
    refuse_meta_collisions,
    run_settings,
    timeout_handler,
)
from framing.corpus.store import Store
from framing.errors import FramingError
from framing.io import MAX_BYTES
from framing.records import Analysis
from framing.schema import SCHEMA_VERSION, arrow_table, conform, meta_cells

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
    #: The suggestion model (``--suggest``), or None for no suggestions.
    word_model: str | None = None

    def build(self) -> Analyzer:
        return Analyzer(self.lexicons, builtin_lexicons=self.builtin_lexicons,
                        model=self.model, trust_model=self.trust_model,
                        suggest=self.word_model is not None, word_model=self.word_model)


@dataclass(frozen=True)
class ReadOptions:
    """How workers read files: the encoding of files without a BOM and the size limit;
    and the CPU seconds a document may take (None: no limit; see
    :func:`framing.corpus.safety.cpu_time_limit`)."""

    encoding: str | None = None
    max_bytes: int = MAX_BYTES
    timeout: float | None = None


@dataclass(frozen=True)
class Failure:
    """A document that could not be analysed, and why; it becomes an error row."""

    doc_id: str
    error: str
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "meta": dict(self.meta), "error": self.error}


class Tables(NamedTuple):
    """The batch tables: one row per article, sentence, flag, quote and actor mention.

    Their columns are those of :mod:`framing.schema`, the metadata after ``doc_id``.
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    flags: pd.DataFrame
    quotes: pd.DataFrame
    actors: pd.DataFrame


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
        with cpu_time_limit(read.timeout):
            text = read_doc_text(doc, encoding=read.encoding, max_bytes=read.max_bytes)
            return analyzer.analyze(text, doc_id=doc.doc_id, meta=doc.meta)
    except DocumentTimeout as stop:
        _forget(analyzer)
        return Failure(doc.doc_id, str(stop), doc.meta)
    except FramingError as err:
        return Failure(doc.doc_id, getattr(err, "problem", str(err)), doc.meta)
    except Exception as err:  # a bug on one odd document must not lose the run
        return Failure(doc.doc_id, f"analysis failed: {type(err).__name__}: {err}", doc.meta)


def analyze_chunk(docs: list[Doc], choice: AnalyzerSpec | Analyzer,
                  read: ReadOptions = ReadOptions()) -> list[Analysis | Failure]:
    with timeout_handler(needed=bool(read.timeout)):
        return [analyze_doc(doc, _analyzer(choice), read) for doc in docs]


def _forget(analyzer: Analyzer) -> None:
    """A document stopped mid-analysis may leave the analyzer's caches half-updated: the
    next document gets a freshly built one."""
    for spec, built in list(_ANALYZERS.items()):
        if built is analyzer:
            del _ANALYZERS[spec]


def tables_chunk(docs: list[Doc], choice: AnalyzerSpec | Analyzer,
                 read: ReadOptions = ReadOptions(), arrow: bool = False) -> tuple[list[str], Tables]:
    """A worker task: analyse documents and return their ids and tables (not the
    analyses): Arrow tables built straight from the rows for Parquet, else pandas."""
    results = analyze_chunk(docs, choice, read)
    return [d.doc_id for d in docs], (to_arrow_tables if arrow else to_tables)(results)


# --- rows --------------------------------------------------------------------------


def to_tables(results: Iterable[Analysis | Failure]) -> Tables:
    """The article, sentence, flag, quote and actor tables of some results."""
    meta, rows = table_rows(results)
    article_table = conform(rows["articles"], "articles", meta)
    types = article_table.dtypes[meta].to_dict()
    return Tables(article_table, *(conform(rows[name], name, meta, types)
                                   for name in Tables._fields[1:]))


def to_arrow_tables(results: Iterable[Analysis | Failure]) -> Tables:
    """:func:`to_tables` as Arrow tables built straight from the rows (Parquet parts)."""
    meta, rows = table_rows(results)
    articles = arrow_table(rows["articles"], "articles", meta)
    types = {name: articles.schema.field(name).type for name in meta}
    return Tables(articles, *(arrow_table(rows[name], name, meta, types)
                              for name in Tables._fields[1:]))


def table_rows(results: Iterable[Analysis | Failure]) -> tuple[list[str], dict[str, list[dict]]]:
    """The metadata columns and every table's rows (dicts) of some results."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in Tables._fields}
    meta: dict[str, None] = {}
    for result in results:
        meta.update(dict.fromkeys(meta_cells(result.meta)))
        rows["articles"].append(article_row(result))
        if isinstance(result, Analysis):
            rows["sentences"] += result.sentence_rows()
            rows["flags"] += result.flag_rows()
            rows["quotes"] += result.quote_rows()
            rows["actors"] += result.actor_rows()
    return list(meta), rows


def articles_frame(rows: list[dict[str, Any]], meta: Sequence[str] = ()) -> pd.DataFrame:
    """Article rows as a table of the schema: fixed columns, 0 where a category is unused."""
    return conform(rows, "articles", meta)


def article_row(result: Analysis | Failure) -> dict[str, Any]:
    """One article as a flat row: id, metadata, slant, the flattened summary, error.

    Nested summary fields become ``parent.child`` columns; lists stay lists. The actors
    of the summary are the actors table, not a column.

    >>> from framing import Analyzer
    >>> row = article_row(Analyzer(model=None).analyze("The reckless plan failed.", doc_id="x"))
    >>> row["doc_id"], row["author_flags_per_1000_words.loaded_negative"], row["error"]
    ('x', 250.0, None)
    """
    head = {"doc_id": result.doc_id, **meta_cells(result.meta), "schema_version": SCHEMA_VERSION}
    if isinstance(result, Failure):
        return {**head, "error": result.error}
    summary = {k: v for k, v in result.summary.items() if k != "actors"}
    return {
        **head,
        "slant_score": result.slant.score,
        "slant_label": result.slant.label,
        "slant_confidence": result.slant.confidence,
        "slant_explanation": result.slant.explanation,
        "slant_method": result.slant.method,
        **flatten(summary),
        "error": None,
    }


def flatten(value: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts as ``a.b`` keys; lists stay lists.

    >>> flatten({"n": 1, "voice": {"author": 2}, "top": [{"term": "x"}]})
    {'n': 1, 'voice.author': 2, 'top': [{'term': 'x'}]}
    """
    flat: dict[str, Any] = {}
    for key, item in value.items():
        name = f"{prefix}{key}"
        if isinstance(item, dict):
            flat.update(flatten(item, f"{name}."))
        elif isinstance(item, (tuple, set)):
            flat[name] = list(item)
        else:
            flat[name] = item
    return flat


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
    parent = os.getpid()
    results = parallel(delayed(in_worker)(parent, task, chunk, *args) for chunk in chunks)
    try:
        yield from results
    finally:
        results.close()


def in_worker(parent: int, task: Callable, chunk: list[Doc], *args: Any) -> Any:
    """``task(chunk, *args)`` in a worker that ends when ``parent`` dies."""
    exit_with_parent(parent)
    return task(chunk, *args)


_WATCHED: list[int] = []
#: How often a worker looks whether the batch process that started it is still there.
PARENT_CHECK_SECONDS = 0.5


def exit_with_parent(parent: int) -> None:
    """End this worker process soon after ``parent``, its parent, dies.

    A parent killed with SIGKILL runs no clean-up, and joblib's workers (and with them
    their resource trackers) would live on under PID 1, holding their memory. A daemon
    thread notices that the worker was given a new parent and ends the process. Nothing
    happens in the parent itself, or in a process ``parent`` did not start.
    """
    if _WATCHED or os.getpid() == parent or os.getppid() != parent:
        return
    _WATCHED.append(parent)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="framing-exit-with-parent", daemon=True).start()


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
    """Analyse a DataFrame's texts into the article, sentence, flag, quote and actor tables.

    The tables follow :mod:`framing.schema`: ``id_col``'s values (or the index labels)
    fill ``doc_id``, and the ``meta_cols`` follow it in every table. Ids must be unique,
    as in ``framing batch``: a later row with an id already seen is skipped, with a
    warning that names it.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"text": ["The reckless plan failed.", ""], "outlet": ["A", "B"]})
    >>> tables = analyze_frame(frame, analyzer=AnalyzerSpec(model=None))
    >>> tables.articles[["doc_id", "outlet"]].values.tolist()
    [['0', 'A'], ['1', 'B']]
    >>> tables.articles["error"].tolist()[1]
    'the document is empty (nothing but white space)'
    >>> len(tables.sentences), tables.flags["term"].tolist()
    (1, ['reckless'])
    """
    results = analyze_many(frame, analyzer=analyzer, n_jobs=n_jobs, text_col=text_col,
                           id_col=id_col, meta_cols=meta_cols)
    repeated: list[str] = []
    tables = to_tables(_first_of_each_id(results, repeated))
    if repeated:
        shown = ", ".join(repeated[:5]) + (" ..." if len(repeated) > 5 else "")
        warnings.warn(f"skipped {len(repeated)} row(s) whose id was already used (the first "
                      f"one wins, as in framing batch): {shown}", stacklevel=2)
    return tables


def _first_of_each_id(results: Iterable[Analysis | Failure],
                      repeated: list[str]) -> Iterator[Analysis | Failure]:
    """Flags find their article by id: a later result with a used id is skipped and noted."""
    seen: set[str] = set()
    for result in results:
        if result.doc_id in seen:
            repeated.append(str(result.doc_id))
            continue
        seen.add(result.doc_id)
        yield result


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
    inputs: dict[str, None] = field(default_factory=dict)  # input files read, in order
    provenance: Path | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["outdir"] = str(self.outdir)
        out["written"] = {k: str(v) for k, v in self.written.items()}
        out["inputs"] = list(self.inputs)
        out["provenance"] = None if self.provenance is None else str(self.provenance)
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
    path_meta: Sequence[tuple[str, str]] = (),
    csv_safe: bool = True,
) -> BatchResult:
    """Analyse every document of ``inputs`` into ``outdir`` (see :mod:`framing.corpus.store`).

    Document ids must be unique: the first document with an id is analysed and later
    ones with the same id are skipped and listed in ``BatchResult.duplicates``. With
    ``resume``, documents an earlier run committed are skipped. Ctrl-C stops the run
    and still assembles the tables from every chunk committed so far. Chunks run in
    ``n_jobs`` local processes unless a ``mapper`` sends them elsewhere (a Dask cluster:
    :func:`framing.corpus.dask.cluster_mapper`). ``path_meta`` gives files metadata from
    their path (:func:`~framing.corpus.inputs.parse_path_meta`). ``csv_safe`` puts a ``'``
    before CSV cells a spreadsheet would run as a formula (so such text no longer reads
    back exactly). ``OUTDIR/provenance.json`` and the Parquet files' metadata say how the
    tables were made (:mod:`framing.corpus.provenance`).
    """
    with _open_store(inputs, outdir, fmt, resume, analyzer, read, table, path_meta,
                     csv_safe) as store:
        result = BatchResult(Path(outdir))
        result.inputs.update(dict.fromkeys(i for i in inputs if i != "-" and Path(i).is_file()))
        docs = iter_docs(inputs, globs=globs, table=table or TableSpec(),
                         path_meta=path_meta, max_chars=read.max_bytes)
        pending = _pending(guarded_docs(docs, inputs, Path(outdir)), store.done, result)
        chunks = chunked(pending, chunk_size)
        mapper = mapper or partial(map_chunks, n_jobs=n_jobs)
        try:
            for ids, tables in mapper(tables_chunk, chunks, analyzer, read, fmt == "parquet"):
                store.commit(tables._asdict(), ids)
                failed = _n_errors(tables.articles)
                result.failed += failed
                result.analysed += len(ids) - failed
                if progress is not None:
                    progress(len(ids))
        except KeyboardInterrupt:
            result.interrupted = True
        record = provenance(store.settings, store.sources, result.inputs)
        result.written = store.assemble({PARQUET_KEY: json.dumps(record, ensure_ascii=False)})
        result.provenance = write_provenance(store.outdir, record)
    return result


def _n_errors(articles: Any) -> int:
    """Error rows of an articles table (pandas or Arrow)."""
    errors = articles["error"]
    if hasattr(errors, "notna"):
        return int(errors.notna().sum())
    return len(errors) - errors.null_count


def _open_store(inputs: Sequence[str], outdir: str | Path, fmt: str, resume: bool,
                analyzer: AnalyzerSpec, read: ReadOptions, table: TableSpec | None,
                path_meta: Sequence[tuple[str, str]] = (), csv_safe: bool = True) -> Store:
    """The output folder, owned and locked, after checking that no input lies inside it;
    ``run.json`` gets the settings the analysis depends on."""
    refuse_inputs_inside(inputs, Path(outdir))
    refuse_meta_collisions(table or TableSpec(), path_meta)
    settings, sources = run_settings(analyzer, read, table or TableSpec(), path_meta)
    if fmt == "csv" and not csv_safe:  # recorded only when off, so older runs resume
        settings["csv_safe"] = False
    return Store.open(outdir, fmt, resume=resume, settings=settings, sources=sources,
                      csv_safe=csv_safe)


def _pending(docs: Iterable[Doc], done: set[str], result: BatchResult) -> Iterator[Doc]:
    """Documents still to analyse: not committed earlier, not a repeated id."""
    seen: set[str] = set()
    for doc in docs:
        if doc.path is not None:
            result.inputs.setdefault(doc.path)
        if doc.doc_id in done:
            result.skipped_done += 1
        elif doc.doc_id in seen:
            result.duplicates.append(doc.doc_id)
        else:
            seen.add(doc.doc_id)
            yield doc
