"""The on-disk layout of a batch run, built so that a run killed at any moment resumes exactly.

::

    OUTDIR/
      articles.parquet  sentences.parquet  flags.parquet    assembled from the parts
      parts/
        run.json                  the output format, checked on --resume
        manifest.jsonl            one line per committed chunk: its part number and doc ids
        articles-000000.parquet   ... one file per table per chunk

A chunk is committed in two steps: its three part files are written under temporary
names and renamed into place, then one line naming its ids is appended to the manifest
(and flushed to disk). A chunk counts as done only once its manifest line is complete,
so after a kill the worst case is a chunk whose parts exist without a manifest line:
:meth:`Store.open` deletes such orphans (and any torn last line), and the chunk is
analysed again. Every output file is written to a temporary name and renamed, so a
reader never sees half a file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from framing.errors import InputError
from framing.report.formats import neutralize_formulas
from framing.schema import arrow_schema_for, to_csv_cells

TABLES = ("articles", "sentences", "flags", "quotes", "actors")
FORMATS = ("parquet", "csv")
PER_1000 = "author_flags_per_1000_words."


@dataclass
class Store:
    """A batch output folder: committed chunks, their ids, and the final tables."""

    outdir: Path
    fmt: str
    done: set[str] = field(default_factory=set)
    parts: list[int] = field(default_factory=list)

    @property
    def partdir(self) -> Path:
        return self.outdir / "parts"

    @classmethod
    def open(cls, outdir: str | Path, fmt: str, *, resume: bool) -> Store:
        """Open (or create) ``outdir``; with ``resume``, keep what earlier runs committed."""
        if fmt not in FORMATS:
            raise InputError(str(fmt), f"unknown output format; choose one of {', '.join(FORMATS)}")
        if fmt == "parquet":
            _require_pyarrow(outdir)
        store = cls(Path(outdir), fmt)
        try:
            store.partdir.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise InputError(outdir, f"cannot create the output folder ({err.strerror})") from None
        entries = store._read_manifest()
        if entries and not resume:
            raise InputError(outdir, "holds an earlier batch run; pass --resume to continue it "
                                     "or choose another output folder")
        store._check_format(entries)
        for entry in entries:
            store.parts.append(entry["part"])
            store.done.update(entry["ids"])
        store._rewrite_manifest(entries)
        store._remove_orphans()
        return store

    def commit(self, tables: dict[str, pd.DataFrame], ids: list[str]) -> None:
        """Write one chunk's part files, then record its ids in the manifest."""
        part = max(self.parts, default=-1) + 1
        for name in TABLES:
            write_table(tables[name], self._part_path(name, part), self.fmt, name)
        line = json.dumps({"part": part, "ids": ids}, ensure_ascii=False) + "\n"
        with (self.partdir / "manifest.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
        self.parts.append(part)
        self.done.update(ids)

    def assemble(self) -> dict[str, Path]:
        """Join the parts of each table into ``OUTDIR/<table>.<format>`` (one part at a time)."""
        written = {}
        for name in TABLES:
            out = self.outdir / f"{name}.{self.fmt}"
            paths = [self._part_path(name, part) for part in sorted(self.parts)]
            (_assemble_parquet if self.fmt == "parquet" else _assemble_csv)(paths, out, name)
            written[name] = out
        return written

    def _part_path(self, name: str, part: int) -> Path:
        return self.partdir / f"{name}-{part:06d}.{self.fmt}"

    def _read_manifest(self) -> list[dict]:
        path = self.partdir / "manifest.jsonl"
        if not path.exists():
            return []
        entries = []
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            try:
                entry = json.loads(line) if line.endswith("\n") else None
            except json.JSONDecodeError:
                entry = None
            if entry is None:
                break  # a torn last line: that chunk was never committed
            if all(self._part_path(n, entry["part"]).exists() for n in TABLES):
                entries.append(entry)
        return entries

    def _rewrite_manifest(self, entries: list[dict]) -> None:
        text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
        _atomic_text(self.partdir / "manifest.jsonl", text)

    def _check_format(self, entries: list[dict]) -> None:
        run = self.partdir / "run.json"
        if entries and run.exists():
            earlier = json.loads(run.read_text(encoding="utf-8")).get("format")
            if earlier != self.fmt:
                raise InputError(self.outdir, f"holds a run written as {earlier}; resume it "
                                              f"with --format {earlier}")
        _atomic_text(run, json.dumps({"format": self.fmt}) + "\n")

    def _remove_orphans(self) -> None:
        keep = {self._part_path(n, p).name for n in TABLES for p in self.parts}
        keep |= {"manifest.jsonl", "run.json"}
        for path in self.partdir.iterdir():
            if path.name not in keep:
                path.unlink()


def _require_pyarrow(outdir: str | Path) -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise InputError(outdir, "Parquet output needs pyarrow: pip install 'framing[parquet]', "
                                 "or pass --format csv") from None


def write_table(table: pd.DataFrame, path: Path, fmt: str, name: str | None = None) -> None:
    """Write a table atomically: a temporary file in the same folder, then a rename.

    ``name`` (``articles``, ``flags``...) types a Parquet file's columns by
    :mod:`framing.schema`; CSV gets list cells as JSON text.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if fmt == "csv":
            neutralize_formulas(to_csv_cells(table)).to_csv(tmp, index=False, encoding="utf-8")
        else:
            _to_parquet(table, tmp, name)
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise InputError(path, f"cannot be written ({err.strerror or err})") from None


def read_table(path: Path) -> pd.DataFrame:
    """A table written by :func:`write_table` (CSV cells read back as written)."""
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    return pd.read_parquet(path)


def _to_parquet(table: pd.DataFrame, path: Path, name: str | None = None) -> None:
    import pyarrow as pa

    def write(frame: pd.DataFrame) -> None:
        schema = arrow_schema_for(frame, name) if name else None
        frame.to_parquet(path, index=False, schema=schema)

    try:
        write(table)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        # Mixed types in a metadata column (numbers and words): keep them as text.
        mixed = {c: table[c].map(lambda v: v if v is None or isinstance(v, list) else str(v))
                 for c in table.columns if table[c].dtype == object}
        write(table.assign(**mixed))


def fill_missing_rates(table: pd.DataFrame) -> pd.DataFrame:
    """A category an article never uses has the rate 0, not a missing value."""
    rates = [c for c in table.columns if c.startswith(PER_1000)]
    if not rates or "error" not in table.columns:
        return table
    ok = table["error"].isna()
    table = table.copy()
    for column in rates:
        table[column] = pd.to_numeric(table[column]).astype(float)
        table.loc[ok, column] = table.loc[ok, column].fillna(0.0)
    return table


def order_columns(names: Iterable[str]) -> list[str]:
    """Columns in order of first appearance, ``a.x`` beside ``a.y``, ``error`` last."""
    seen = list(dict.fromkeys(names))
    groups = list(dict.fromkeys(c.split(".")[0] for c in seen))
    columns = sorted((c for c in seen if c != "error"),
                     key=lambda c: (groups.index(c.split(".")[0]), seen.index(c)))
    return columns + (["error"] if "error" in seen else [])


def _columns(frames_columns: Iterable[list[str]]) -> list[str]:
    return order_columns(c for columns in frames_columns for c in columns)


def _assemble_parquet(paths: list[Path], out: Path, name: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = [pq.read_schema(p) for p in paths]
    columns = _columns([s.names for s in schemas])
    schema = pa.schema([(c, _joint_type([s.field(c).type for s in schemas if c in s.names]))
                        for c in columns], metadata=schemas[0].metadata if schemas else None)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    with pq.ParquetWriter(tmp, schema) as writer:
        for path in paths:
            writer.write_table(_conform(pq.read_table(path), schema))
    os.replace(tmp, out)


def _joint_type(types: list):
    import pyarrow as pa

    known = {t for t in types if not pa.types.is_null(t)}
    if not known:
        return pa.string()
    if len(known) == 1:
        return known.pop()
    if all(pa.types.is_integer(t) or pa.types.is_floating(t) for t in known):
        return pa.float64()
    return pa.string()


def _conform(table, schema):
    """A part with the joint columns and types; a rate column it lacks is 0 where no error."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ok = pc.is_null(table["error"]) if "error" in table.column_names else None
    arrays = []
    for field_ in schema:
        if field_.name in table.column_names:
            column = table[field_.name]
            arrays.append(column if column.type == field_.type else column.cast(field_.type))
        elif ok is not None and field_.name.startswith(PER_1000):
            arrays.append(pc.if_else(ok, pa.scalar(0.0, field_.type), pa.scalar(None, field_.type)))
        else:
            arrays.append(pa.nulls(len(table), field_.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def _assemble_csv(paths: list[Path], out: Path, name: str) -> None:
    headers = [pd.read_csv(p, nrows=0).columns.tolist() for p in paths]
    columns = _columns(headers)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        pd.DataFrame(columns=columns).to_csv(handle, index=False)
        for path in paths:
            frame = read_table(path).reindex(columns=columns)
            if name == "articles":
                frame = fill_missing_rates(frame)
            frame.to_csv(handle, index=False, header=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, out)


def _atomic_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
