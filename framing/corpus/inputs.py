"""Where batch documents come from: files, folders, standard input, tables and saved pages.

A source yields :class:`Doc` items lazily, so a corpus is never held in memory. Files are
yielded by path and read by the worker that analyses them; table rows carry their text.

>>> docs = list(iter_table_frame(__import__("pandas").DataFrame({"text": ["A.", "B."]}),
...                              name="t"))
>>> [(d.doc_id, d.text) for d in docs]
[('t#0', 'A.'), ('t#1', 'B.')]
"""

from __future__ import annotations

import csv
import math
import string
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from framing.errors import InputError
from framing.io import (
    HTML_SUFFIXES,
    MAX_BYTES,
    STDIN,
    decode,
    read_document,
    require_trafilatura,
)

#: File name endings read as tables of documents (one row each).
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet", ".pq")
#: What a folder contributes when no --glob is given.
DEFAULT_GLOBS = ("*.txt", "*.text", "*.md", *(f"*{s}" for s in HTML_SUFFIXES))
#: Rows read from a table at a time.
TABLE_CHUNK = 2_000
#: Characters of text decoded from a Parquet file at a time: a few kilobytes of Parquet
#: can hold gigabytes of text (one long text, dictionary-encoded, in every row).
PARQUET_BATCH_CHARS = 32_000_000


@dataclass(frozen=True)
class Doc:
    """One document to analyse: its text, or the path the worker reads it from."""

    doc_id: str
    meta: dict[str, Any] = field(default_factory=dict)
    text: str | None = None
    path: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class TableSpec:
    """Which columns of a table hold the text, the id and the metadata."""

    text_col: str = "text"
    id_col: str | None = None
    meta_cols: tuple[str, ...] = ()
    sep: str | None = None


def iter_docs(
    inputs: Sequence[str], *, globs: Sequence[str] = (), table: TableSpec = TableSpec(),
    path_meta: Sequence[tuple[str, str]] = (), max_chars: int = MAX_BYTES,
) -> Iterator[Doc]:
    """Every document of the inputs, in order: files, folders (recursive), ``-``, tables.

    ``path_meta`` holds ``(column, template)`` pairs that give each file metadata from
    its path (see :func:`parse_path_meta`). A Parquet text longer than ``max_chars`` is
    an error row before it is decoded.
    """
    for source in inputs:
        if source == STDIN:
            yield _stdin_doc()
            continue
        path = Path(source)
        if path.is_dir():
            for found in _walk(path, globs or DEFAULT_GLOBS):
                yield _with_path_meta(_file_doc(found), found, path, path_meta)
        elif _is_table(path):
            yield from iter_table(path, table, max_chars)
        elif not path.exists():
            # one bad document is an error row, never a lost run
            yield Doc(doc_id=source, meta={"source": source}, error="no such file or directory")
        else:
            yield _with_path_meta(_file_doc(path, source), path, path.parent, path_meta)


# --- metadata from the path ---------------------------------------------------------

def parse_path_meta(specs: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """``outlet={parent}`` options as ``(column, template)`` pairs; raises InputError.

    A template names parts of each file's path: ``{parent}`` (the folder the file is
    in), ``{grandparent}``, ``{stem}`` (the file name without its ending), ``{name}``,
    and ``{0}``, ``{1}``... (the folders below the input folder, from the top). For
    ``pages/bbc/2024/a.html`` found in the folder ``pages``: ``{0}`` and
    ``{grandparent}`` are ``bbc``, ``{1}`` and ``{parent}`` are ``2024``, ``{stem}`` is
    ``a``. A file named on the command line has no folders below an input folder, so only
    the named fields apply to it.

    >>> parse_path_meta(["outlet={0}", "year={parent}"])
    (('outlet', '{0}'), ('year', '{parent}'))
    """
    pairs = []
    for spec in specs:
        column, sep, template = spec.partition("=")
        if not sep or not column.strip() or not template:
            raise InputError(spec, "--meta-from-path takes COLUMN=TEMPLATE, for example "
                                   "'outlet={parent}'")
        _check_template(spec, template)
        pairs.append((column.strip(), template))
    return tuple(pairs)


_PATH_FIELDS = ("parent", "grandparent", "stem", "name")


def _check_template(spec: str, template: str) -> None:
    """A template names path parts by themselves: no attributes, items or conversions
    (``{0.foo}`` would reach into Python objects), and it can be filled."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
        if any("." in f or "[" in f for f in fields):
            raise ValueError("a field names a path part only, without '.' or '['")
        template.format(*["x"] * 64, **dict.fromkeys(_PATH_FIELDS, "x"))
    except (KeyError, IndexError, ValueError, AttributeError, TypeError) as err:
        raise InputError(spec, f"--meta-from-path template cannot be filled ({err}); use "
                               "{parent}, {grandparent}, {stem}, {name} or {0}, {1}...") \
            from None


def path_fields(path: Path, base: Path) -> tuple[list[str], dict[str, str]]:
    """The parts of ``path`` a template can name: folders below ``base``, and names."""
    try:
        folders = list(path.parent.relative_to(base).parts)
    except ValueError:
        folders = list(path.parent.parts)
    named = dict(zip(_PATH_FIELDS, (path.parent.name, path.parent.parent.name, path.stem,
                                    path.name), strict=True))
    return folders, named


def _with_path_meta(doc: Doc, path: Path, base: Path,
                    path_meta: Sequence[tuple[str, str]]) -> Doc:
    if not path_meta:
        return doc
    folders, named = path_fields(path, base)
    meta = dict(doc.meta)
    for column, template in path_meta:
        try:
            meta[column] = template.format(*folders, **named)
        except IndexError:
            return Doc(doc.doc_id, meta, error=f"--meta-from-path {column}={template}: the "
                                               f"path has only {len(folders)} folder(s) below "
                                               f"{base}")
    return Doc(doc.doc_id, meta, doc.text, doc.path, doc.error)


def count_docs(inputs: Sequence[str], *, globs: Sequence[str] = (),
               table: TableSpec = TableSpec()) -> int | None:
    """How many documents the inputs hold (for the progress bar), or None if unknown."""
    total = 0
    for source in inputs:
        path = Path(source)
        if source == STDIN:
            total += 1
        elif path.is_dir():
            total += sum(1 for _ in _walk(path, globs or DEFAULT_GLOBS))
        elif _is_table(path):
            rows = _count_rows(path, table)
            if rows is None:
                return None
            total += rows
        else:
            total += 1
    return total


def _walk(folder: Path, globs: Sequence[str]) -> Iterator[Path]:
    seen = set()
    for pattern in globs:
        for path in sorted(folder.rglob(pattern)):
            if path.is_file() and path not in seen:
                seen.add(path)
                yield path


def _file_doc(path: Path, given: str | None = None) -> Doc:
    name = given if given is not None else str(path)
    if path.suffix.lower() in HTML_SUFFIXES:
        require_trafilatura(name)
    return Doc(doc_id=name, meta={"source": name}, path=str(path))


def _stdin_doc() -> Doc:
    try:
        text = read_document(STDIN)
    except InputError as err:
        return Doc(doc_id=STDIN, meta={"source": STDIN}, error=err.problem)
    return Doc(doc_id=STDIN, meta={"source": STDIN}, text=text)


def read_doc_text(doc: Doc, *, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> str:
    """The text of a document, read from its file when it has none; raises InputError."""
    if doc.error is not None:
        raise InputError(doc.doc_id, doc.error)
    if doc.text is not None:
        if len(doc.text) > max_bytes:
            raise InputError(doc.doc_id, f"is longer than the {max_bytes:,}-character limit; "
                                         "raise it with --max-bytes")
        if not doc.text.strip():
            raise InputError(doc.doc_id, "the document is empty (nothing but white space)")
        return doc.text
    assert doc.path is not None
    return read_document(doc.path, encoding=encoding, max_bytes=max_bytes)


# --- tables ------------------------------------------------------------------------


def _is_table(path: Path) -> bool:
    return path.name.lower().endswith(TABLE_SUFFIXES)


def iter_table(path: Path, spec: TableSpec, max_chars: int = MAX_BYTES) -> Iterator[Doc]:
    """The rows of a CSV, JSONL or Parquet file as documents, read a chunk at a time."""
    _check_header(path, spec)
    for offset, frame in _table_chunks(path, spec, max_chars):
        yield from iter_table_frame(frame, name=str(path), spec=spec, offset=offset)


@dataclass(frozen=True)
class TooLong:
    """A table cell whose text was not decoded: it is longer than the limit."""

    length: int
    limit: int

    @property
    def problem(self) -> str:
        return (f"is longer than the {self.limit:,}-character limit ({self.length:,} "
                "characters); raise it with --max-bytes")


def iter_table_frame(frame: pd.DataFrame, *, name: str, spec: TableSpec = TableSpec(),
                     offset: int = 0) -> Iterator[Doc]:
    """The rows of a DataFrame as documents; the id is the id column or ``name#row``."""
    _check_columns(frame, spec, name)
    texts = frame[spec.text_col].tolist()
    ids = frame[spec.id_col].tolist() if spec.id_col else None
    metas = {col: frame[col].tolist() for col in spec.meta_cols}
    for i, text in enumerate(texts):
        row = offset + i
        doc_id = f"{name}#{row}" if ids is None else _id_text(ids[i], name, row)
        meta = {col: _plain(values[i]) for col, values in metas.items()}
        if doc_id is None:
            yield Doc(f"{name}#{row}", meta, error=f"row {row} has no value in --id-col "
                                                     f"{spec.id_col!r}")
        elif isinstance(text, TooLong):
            yield Doc(doc_id, meta, error=text.problem)
        elif not isinstance(text, str):
            yield Doc(doc_id, meta, error=f"row {row} has no text in column {spec.text_col!r}")
        else:
            yield Doc(doc_id, meta, text=text)


def _id_text(value: Any, name: str, row: int) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _plain(value: Any) -> Any:
    """Table cells as plain Python values (NaN becomes None)."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            return value.item()
        except (ValueError, AttributeError):
            return str(value)
    if isinstance(value, (pd.Timestamp,)):
        return value.isoformat()
    return value


def _check_columns(frame: pd.DataFrame, spec: TableSpec, name: str) -> None:
    wanted = [spec.text_col, *([spec.id_col] if spec.id_col else []), *spec.meta_cols]
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        have = ", ".join(map(str, frame.columns[:12]))
        raise InputError(name, f"has no column {missing[0]!r} (columns: {have}); "
                               "choose with --text-col, --id-col, --meta-col")


def _check_header(path: Path, spec: TableSpec) -> None:
    """Check the columns against the whole header: the chunks hold only the wanted ones,
    so a missing column would otherwise be reported with an empty column list."""
    name = path.name.lower()
    try:
        if name.endswith((".parquet", ".pq")):
            import pyarrow.parquet as pq

            header = pq.read_schema(path).names
        elif name.endswith((".csv", ".tsv")):
            header = pd.read_csv(path, sep=spec.sep or _sniff(path), nrows=0,
                                 encoding="utf-8-sig", engine="python").columns
        else:
            return
    except Exception:  # reading the table itself reports what is wrong with it
        return
    _check_columns(pd.DataFrame(columns=header), spec, str(path))


def _table_chunks(path: Path, spec: TableSpec,
                  max_chars: int = MAX_BYTES) -> Iterator[tuple[int, pd.DataFrame]]:
    if not path.exists():
        raise InputError(path, "no such file")
    name = path.name.lower()
    offset = 0
    try:
        if name.endswith((".parquet", ".pq")):
            chunks = parquet_frames(path, spec, max_chars)
        elif name.endswith((".jsonl", ".ndjson")):
            chunks = pd.read_json(path, lines=True, chunksize=TABLE_CHUNK, dtype=False)
        else:
            chunks = pd.read_csv(path, sep=spec.sep or _sniff(path), chunksize=TABLE_CHUNK,
                                 encoding="utf-8-sig", engine="python" if not spec.sep else "c",
                                 usecols=_usecols(spec))
        for frame in chunks:
            yield offset, frame
            offset += len(frame)
    except InputError:
        raise
    except (ValueError, UnicodeDecodeError, OSError, pd.errors.ParserError) as err:
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise InputError(path, f"cannot be read as a table ({message})") from None


def _usecols(spec: TableSpec):
    wanted = {spec.text_col, *([spec.id_col] if spec.id_col else []), *spec.meta_cols}
    return lambda column: column in wanted


def parquet_frames(path: Path, spec: TableSpec,
                   max_chars: int = MAX_BYTES) -> Iterator[pd.DataFrame]:
    """The rows of a Parquet file, a few at a time: at most ``PARQUET_BATCH_CHARS`` of
    text is decoded at once, and a text longer than ``max_chars`` is never decoded (its
    cell holds :class:`TooLong`). The text column is read dictionary-encoded, so that a
    text repeated in many rows is held once until a row of it is analysed."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(path, "reading Parquet needs pyarrow: pip install 'framing[parquet]'") \
            from None
    names = pq.read_schema(path).names
    dictionary = [spec.text_col] if spec.text_col in names else None
    handle = pq.ParquetFile(path, read_dictionary=dictionary)
    columns = [c for c in dict.fromkeys([spec.text_col, spec.id_col, *spec.meta_cols])
               if c and c in names]
    rows = _rows_per_batch(handle, spec.text_col)
    for batch in handle.iter_batches(batch_size=rows, columns=columns):
        if spec.text_col not in batch.schema.names:
            yield batch.to_pandas()
            continue
        lengths = _text_lengths(batch.column(spec.text_col))
        for start, stop in _spans_of_chars(lengths, max_chars):
            yield _frame_within(batch.slice(start, stop - start), spec.text_col,
                                lengths[start:stop], max_chars)


def _rows_per_batch(handle: Any, text_col: str) -> int:
    """Rows per Arrow batch such that a batch decodes about ``PARQUET_BATCH_CHARS`` of
    text, from the stored (uncompressed) size of the text column in each row group."""
    meta = handle.metadata
    names = handle.schema_arrow.names
    if text_col not in names:
        return TABLE_CHUNK
    index = names.index(text_col)
    widest = 1
    for group in range(meta.num_row_groups):
        chunk = meta.row_group(group)
        if index < chunk.num_columns and chunk.num_rows:
            widest = max(widest, chunk.column(index).total_uncompressed_size // chunk.num_rows)
    return max(1, min(TABLE_CHUNK, PARQUET_BATCH_CHARS // widest))


def _text_lengths(column: Any) -> list[int | None]:
    """Each cell's length in characters, computed by Arrow without making Python strings
    (for a dictionary column: each distinct text once)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def lengths(array: Any) -> Any:
        kind = array.type
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            return pc.utf8_length(array)
        if pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
            return pc.binary_length(array)
        return None

    if pa.types.is_dictionary(column.type):
        distinct = lengths(column.dictionary)
        found = None if distinct is None else distinct.take(column.indices)
    else:
        found = lengths(column)
    return [None] * len(column) if found is None else found.to_pylist()


def _spans_of_chars(lengths: list[int | None], max_chars: int) -> Iterator[tuple[int, int]]:
    """Row spans whose texts within the limit add up to at most ``PARQUET_BATCH_CHARS``."""
    start, size = 0, 0
    for i, length in enumerate(lengths):
        counted = length if length is not None and length <= max_chars else 0
        if size + counted > PARQUET_BATCH_CHARS and i > start:
            yield start, i
            start, size = i, 0
        size += counted
    if start < len(lengths):
        yield start, len(lengths)


def _frame_within(batch: Any, text_col: str, lengths: list[int | None],
                  max_chars: int) -> pd.DataFrame:
    """The rows as a frame; the text cells made here, a distinct text once, and a text
    past the limit never (a :class:`TooLong` in its place)."""
    import pyarrow as pa

    column = batch.column(text_col)
    frame = batch.drop_columns([text_col]).to_pandas()
    if pa.types.is_dictionary(column.type):
        values, rows = column.dictionary, column.indices.to_pylist()
    else:
        values, rows = column, list(range(len(column)))
    made: dict[int, Any] = {}
    texts: list[Any] = []
    for row, length in zip(rows, lengths, strict=True):
        if row is not None and length is not None and length > max_chars:
            texts.append(TooLong(length, max_chars))
        elif row is None:
            texts.append(None)
        else:
            if row not in made:
                made[row] = values[row].as_py()
            texts.append(made[row])
    frame[text_col] = pd.Series(texts, index=frame.index, dtype=object)
    return frame


def _sniff(path: Path) -> str:
    """The column separator of a CSV file, guessed from its first lines."""
    with path.open("rb") as handle:
        head = handle.read(65536)
    sample = decode(head.rsplit(b"\n", 1)[0] if b"\n" in head else head, path)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _count_rows(path: Path, spec: TableSpec) -> int | None:
    name = path.name.lower()
    try:
        if name.endswith((".parquet", ".pq")):
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        if name.endswith((".jsonl", ".ndjson")):
            with path.open("rb") as handle:
                return sum(1 for line in handle if line.strip())
        key = spec.id_col or spec.text_col
        sep = spec.sep or _sniff(path)
        return sum(len(chunk) for chunk in pd.read_csv(
            path, sep=sep, usecols=lambda c: c == key, chunksize=50_000, encoding="utf-8-sig",
            engine="python" if not spec.sep else "c"))
    except Exception:  # the count only feeds the progress bar; reading reports real errors
        return None


def iter_items(items: Iterable[Any] | pd.DataFrame, spec: TableSpec = TableSpec()) -> Iterator[Doc]:
    """Documents from what a research script passes: texts, (id, text) pairs, dicts, a frame."""
    if isinstance(items, pd.DataFrame):
        if spec.meta_cols == () and spec.id_col is None:
            others = tuple(c for c in items.columns if c != spec.text_col)
            spec = TableSpec(spec.text_col, None, others)
        frame = items if spec.id_col else items.assign(**{"__id": items.index.astype(str)})
        spec = spec if spec.id_col else TableSpec(spec.text_col, "__id", spec.meta_cols)
        yield from iter_table_frame(frame, name="frame", spec=spec)
        return
    if isinstance(items, str):
        raise TypeError("analyze_many() takes an iterable of texts; wrap one text in a list")
    for i, item in enumerate(items):
        if isinstance(item, Doc):
            yield item
        elif isinstance(item, str):
            yield Doc(str(i), text=item)
        elif isinstance(item, tuple) and len(item) == 2:
            yield Doc(str(item[0]), text=item[1] if isinstance(item[1], str) else None,
                      error=None if isinstance(item[1], str) else "the text is not a string")
        elif isinstance(item, dict):
            text = item.get(spec.text_col)
            doc_id = item.get("doc_id", item.get("id", i))
            meta = {k: v for k, v in item.items() if k not in (spec.text_col, "doc_id", "id")}
            yield Doc(str(doc_id), meta, text=text if isinstance(text, str) else None,
                      error=None if isinstance(text, str) else f"no text under {spec.text_col!r}")
        else:
            raise TypeError(f"analyze_many() cannot read a {type(item).__name__}; pass texts, "
                            "(id, text) pairs, dicts with a 'text' key, or a DataFrame")
