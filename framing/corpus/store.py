"""The on-disk layout of a batch run, built so that a run killed at any moment resumes exactly.

::

    OUTDIR/
      articles.parquet  sentences.parquet  flags.parquet    assembled from the parts
      .framing-batch             the marker: this folder is batch's own (and its lock)
      parts/
        run.json                  the format and analysis settings, checked on --resume
        manifest.jsonl            one line per committed chunk: its part number and doc ids
        articles-000000.parquet   ... one file per table per chunk

The folder is the run's own: the first run leaves a marker file, ``.framing-batch``, and a
later run writes only into a new or empty folder or one with that marker. The marker is
also the lock: a run holds it locked (``flock``) from :meth:`Store.open` to
:meth:`Store.close`, so a second run into the same folder refuses at once, and a killed
run's lock goes with its process. ``run.json`` records the analysis settings, and
``--resume`` with other settings refuses. Only files with the names batch gives its
parts and temporaries are ever deleted.

A chunk is committed in two steps: its three part files are written under temporary
names and renamed into place, then one line naming its ids is appended to the manifest
(and flushed to disk). A chunk counts as done only once its manifest line is complete,
so after a kill the worst case is a chunk whose parts exist without a manifest line:
:meth:`Store.open` deletes such orphans (and any torn last line), and the chunk is
analysed again. Every output file is written to a temporary name and renamed, so a
reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from framing.errors import InputError
from framing.report.formats import neutralize_formulas
from framing.version import __version__
from framing.schema import arrow_schema_for, to_csv_cells

TABLES = ("articles", "sentences", "flags", "quotes", "actors")
FORMATS = ("parquet", "csv")
PER_1000 = "author_flags_per_1000_words."
MARKER = ".framing-batch"


@dataclass
class Store:
    """A batch output folder: committed chunks, their ids, and the final tables.

    ``settings`` are what the analysis depends on (lexicon and model hashes, options),
    compared with the earlier run's on resume; ``sources`` only say where they came from.
    Open it with :meth:`open` and close it (or use ``with``) to release the folder's lock.
    """

    outdir: Path
    fmt: str
    done: set[str] = field(default_factory=set)
    parts: list[int] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, Any] = field(default_factory=dict)
    csv_safe: bool = True
    _lock: int | None = field(default=None, repr=False)

    @property
    def partdir(self) -> Path:
        return self.outdir / "parts"

    @classmethod
    def open(cls, outdir: str | Path, fmt: str, *, resume: bool,
             settings: dict[str, Any] | None = None,
             sources: dict[str, Any] | None = None, csv_safe: bool = True) -> Store:
        """Open (or create) ``outdir``; with ``resume``, keep what earlier runs committed.

        Refuses (:class:`~framing.errors.InputError`) a non-empty folder batch did not
        make, a folder another run holds, and a resume with other ``settings``.
        """
        if fmt not in FORMATS:
            raise InputError(str(fmt), f"unknown output format; choose one of {', '.join(FORMATS)}")
        if fmt == "parquet":
            _require_pyarrow(outdir)
        store = cls(Path(outdir), fmt, settings=dict(settings or {}), sources=dict(sources or {}),
                    csv_safe=csv_safe)
        store._lock = claim_folder(store.outdir)
        try:
            store._load(resume)
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        """Release the folder's lock (the marker file stays)."""
        if self._lock is not None:
            os.close(self._lock)  # closing the descriptor releases its flock
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _load(self, resume: bool) -> None:
        _make_folder(self.partdir)
        self._refuse_other_format(resume)
        entries = self._read_manifest(self.fmt)
        if entries and not resume:
            raise self._earlier_run()
        self._check_run(entries)
        for entry in entries:
            self.parts.append(entry["part"])
            self.done.update(entry["ids"])
        self._rewrite_manifest(entries)
        self._remove_orphans()

    def commit(self, tables: dict[str, pd.DataFrame], ids: list[str]) -> None:
        """Write one chunk's part files, then record its ids in the manifest."""
        part = max(self.parts, default=-1) + 1
        for name in TABLES:
            write_table(tables[name], self._part_path(name, part), self.fmt, name,
                        safe=self.csv_safe)
        line = json.dumps({"part": part, "ids": ids}, ensure_ascii=False) + "\n"
        manifest = self.partdir / "manifest.jsonl"
        try:
            with manifest.open("a", encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as err:
            raise _os_error(manifest, err) from None
        self.parts.append(part)
        self.done.update(ids)

    def assemble(self, metadata: dict[str, str] | None = None) -> dict[str, Path]:
        """Join the parts of each table into ``OUTDIR/<table>.<format>`` (one part at a time);
        ``metadata`` joins each Parquet file's key-value metadata."""
        written = {}
        for name in TABLES:
            out = self.outdir / f"{name}.{self.fmt}"
            paths = [self._part_path(name, part) for part in sorted(self.parts)]
            join = _assemble_parquet if self.fmt == "parquet" else _assemble_csv
            tmp = _tmp_path(out)
            try:
                join(paths, out, name, metadata or {})
            except OSError as err:
                raise _os_error(out, err) from None
            finally:
                tmp.unlink(missing_ok=True)
            written[name] = out
        return written

    def _part_path(self, name: str, part: int, fmt: str | None = None) -> Path:
        return self.partdir / f"{name}-{part:06d}.{fmt or self.fmt}"

    def _earlier_run(self) -> InputError:
        return InputError(self.outdir, "holds an earlier batch run; pass --resume to continue it "
                                       "or choose another output folder")

    def _refuse_other_format(self, resume: bool) -> None:
        """Chunks committed in the other format are the run's too: a run in this format
        would count them as orphans and delete them."""
        for other in FORMATS:
            if other != self.fmt and self._read_manifest(other):
                if not resume:
                    raise self._earlier_run()
                raise InputError(self.outdir, f"holds a run written as {other}; resume it with "
                                              f"--format {other}")

    def _read_manifest(self, fmt: str) -> list[dict]:
        path = self.partdir / "manifest.jsonl"
        if not path.exists() and not path.is_symlink():
            return []
        entries = []
        for line in _read_text(path).splitlines(keepends=True):
            try:
                entry = json.loads(line) if line.endswith("\n") else None
            except json.JSONDecodeError:
                entry = None
            if not isinstance(entry, dict) or not isinstance(entry.get("part"), int):
                break  # a torn last line: that chunk was never committed
            if all(self._part_path(n, entry["part"], fmt).is_file() for n in TABLES):
                entries.append(entry)
        return entries

    def _rewrite_manifest(self, entries: list[dict]) -> None:
        text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
        _atomic_text(self.partdir / "manifest.jsonl", text)

    def _check_run(self, entries: list[dict]) -> None:
        """On resume, the earlier run's format and settings must be this run's."""
        run = self.partdir / "run.json"
        if entries:
            earlier = _read_run(run)
            if earlier.get("format") != self.fmt:
                raise InputError(self.outdir, f"holds a run written as {earlier.get('format')}; "
                                              f"resume it with --format {earlier.get('format')}")
            changed = settings_differences(earlier.get("settings", {}), self.settings)
            if changed:
                raise InputError(self.outdir, f"holds a run analysed with other settings "
                                              f"({'; '.join(changed)}); resume with the same "
                                              "options, or choose another --out")
        record = {"format": self.fmt, "settings": self.settings, "sources": self.sources}
        _atomic_text(run, json.dumps(record, indent=1, ensure_ascii=False) + "\n")

    def _remove_orphans(self) -> None:
        """Delete parts no manifest line names and stale temporaries, and nothing else."""
        keep = {self._part_path(n, p).name for n in TABLES for p in self.parts}
        for folder, names in ((self.partdir, _OWN_PART), (self.outdir, _OWN_TABLE_TMP)):
            for path in folder.iterdir():
                if path.name not in keep and names.fullmatch(path.name) and _plain_file(path):
                    path.unlink(missing_ok=True)


# --- the folder: ownership and the lock ----------------------------------------------

#: The only names batch deletes: its parts and its temporaries (``.NAME.PID.tmp``).
_TABLE = f"(?:{'|'.join(TABLES)})"
_FORMAT = f"(?:{'|'.join(FORMATS)})"
_PART = rf"{_TABLE}-\d{{6}}\.{_FORMAT}"
_OWN_PART = re.compile(rf"{_PART}|\.(?:{_PART}|manifest\.jsonl|run\.json)\.\d+\.tmp")
_OWN_TABLE_TMP = re.compile(rf"\.{_TABLE}\.{_FORMAT}\.\d+\.tmp")


def claim_folder(outdir: Path) -> int:
    """Make ``outdir`` batch's own (or check that it is) and lock it for this run.

    Returns the open descriptor of the locked marker file; closing it unlocks. A new
    marker is written under a temporary name and linked into place; an existing one must
    be a regular file with no other name (a hard link would aim batch's writes at it).
    """
    marker = outdir / MARKER
    _check_owned(outdir, marker)
    if not marker.exists() and not marker.is_symlink():
        _create_marker(marker)
    try:
        handle = os.open(marker, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except OSError as err:
        raise _os_error(marker, err) from None
    try:
        _check_marker(handle, marker)
        _lock_or_refuse(handle, outdir)
        _write_owner(handle)
    except BaseException:
        os.close(handle)
        raise
    return handle


def _create_marker(marker: Path) -> None:
    """A new marker file: written under a temporary name, then linked into place, which
    (unlike a rename) never replaces a marker another run created in the meantime."""
    tmp = _tmp_path(marker)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     0o644)
        try:
            os.write(fd, _owner_record())
        finally:
            os.close(fd)
        # If another run made it first, its marker is checked like any other.
        with contextlib.suppress(FileExistsError):
            os.link(tmp, marker)
    except OSError as err:
        raise _os_error(marker, err) from None
    finally:
        tmp.unlink(missing_ok=True)


def _check_marker(handle: int, marker: Path) -> None:
    """The opened marker is a regular file with one name (checked on the open file, so a
    swap after the check changes nothing)."""
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(marker, "is not the plain file batch keeps as its marker; "
                                 "move it away or choose another --out")
    if info.st_nlink != 1:
        raise InputError(marker, f"has {info.st_nlink} names (a hard link to another file, "
                                 "which batch would overwrite); move it away or choose "
                                 "another --out")


def _check_owned(outdir: Path, marker: Path) -> None:
    if outdir.exists() and not outdir.is_dir():
        raise InputError(outdir, "is a file, not a folder; choose a folder for --out")
    _make_folder(outdir)
    if marker.is_file() and not marker.is_symlink():
        return
    if marker.exists() or marker.is_symlink():  # a link could aim our writes elsewhere
        raise InputError(marker, "is not the plain file batch keeps as its marker; "
                                 "move it away or choose another --out")
    if (outdir / "parts" / "run.json").exists():
        raise InputError(outdir, f"was written by an older framing without the {MARKER} "
                                 "marker, so this one cannot tell what in it is its own; "
                                 "choose a new or empty --out")
    if any(outdir.iterdir()):
        raise InputError(outdir, f"is not empty and framing batch did not make it (it has no "
                                 f"{MARKER} marker); batch writes only into a new or empty "
                                 "folder or its own, so choose another --out")


def _lock_or_refuse(handle: int, outdir: Path) -> None:
    try:
        _try_lock(handle)
    except BlockingIOError:
        raise InputError(outdir, f"another framing batch run{_holder(handle)} is writing into "
                                 "this folder; wait for it to end or choose another --out") \
            from None
    except OSError as err:  # a file system without locks: run, but say so
        warnings.warn(f"{outdir}: cannot lock the output folder ({err.strerror}); make sure "
                      "no other batch run writes into it", stacklevel=3)


def _try_lock(handle: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except PermissionError:
            raise BlockingIOError from None
        return
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _holder(handle: int) -> str:
    try:
        os.lseek(handle, 0, os.SEEK_SET)
        pid = json.loads(os.read(handle, 4096).decode("utf-8")).get("pid")
    except (OSError, ValueError, AttributeError):
        return ""
    return f" (process {pid})" if isinstance(pid, int) else ""


def _write_owner(handle: int) -> None:
    """Rewrite the checked, locked marker in place with this run's process id (a rename
    would leave the lock on the old file)."""
    os.ftruncate(handle, 0)
    os.lseek(handle, 0, os.SEEK_SET)
    os.write(handle, _owner_record())


def _owner_record() -> bytes:
    text = json.dumps({"made_by": "framing batch", "version": __version__, "pid": os.getpid()})
    return (text + "\n").encode("utf-8")


def _make_folder(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise InputError(path, "is a file where batch keeps a folder; move it away or choose "
                               "another --out")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(path, f"cannot create the output folder ({err.strerror})") from None


def _plain_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _os_error(path: Path, err: OSError) -> InputError:
    """One line for a file system error on ``path``, saying what to do where we can."""
    if isinstance(err, IsADirectoryError) or (path.is_dir() and not path.is_symlink()):
        return InputError(path, "is a folder where batch keeps a file; move it away or choose "
                                "another --out")
    return InputError(path, f"cannot be written ({err.strerror or err})")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise _os_error(path, err) from None
    except UnicodeDecodeError:
        raise InputError(path, "is damaged (not UTF-8); choose another --out") from None


def _read_run(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        run = json.loads(_read_text(path))
    except ValueError:
        raise InputError(path, "is damaged (not JSON); choose another --out") from None
    return run if isinstance(run, dict) else {}


def settings_differences(earlier: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """What differs between two runs' settings, one short phrase per setting.

    >>> settings_differences({"model": "ab" * 32, "encoding": None},
    ...                      {"model": None, "encoding": None})
    ['model: abababababab... then, none now']
    """
    return [f"{key}: {_short(earlier.get(key))} then, {_short(now.get(key))} now"
            for key in sorted(set(earlier) | set(now)) if earlier.get(key) != now.get(key)]


def _short(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value):
        return value[:12] + "..."  # a SHA-256
    if isinstance(value, list):
        return "[" + ", ".join(_short(v) for v in value) + "]"
    text = json.dumps(value, ensure_ascii=True) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _require_pyarrow(outdir: str | Path) -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise InputError(outdir, "Parquet output needs pyarrow: pip install 'framing[parquet]', "
                                 "or pass --format csv") from None


#: CSV rows end in CRLF, so a cell holding a lone CR is quoted and reads back whole.
CSV_LINE_END = "\r\n"


def write_table(table: pd.DataFrame, path: Path, fmt: str, name: str | None = None, *,
                safe: bool = True) -> None:
    """Write a table atomically: a temporary file in the same folder, then a rename.

    ``name`` (``articles``, ``flags``...) types a Parquet file's columns by
    :mod:`framing.schema`; CSV gets list cells as JSON text and, when ``safe``, a leading
    ``'`` on cells a spreadsheet would run as a formula. An Arrow table (Parquet only) is
    written as it is.
    """
    tmp = _tmp_path(path)
    try:
        if fmt == "csv":
            cells = to_csv_cells(table)
            (neutralize_formulas(cells) if safe else cells).to_csv(
                tmp, index=False, encoding="utf-8", lineterminator=CSV_LINE_END)
        else:
            _to_parquet(table, tmp, name)
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise _os_error(path, err) from None


def _tmp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def read_table(path: Path) -> pd.DataFrame:
    """A table written by :func:`write_table` (CSV cells read back as written)."""
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    return pd.read_parquet(path)


def _to_parquet(table: pd.DataFrame, path: Path, name: str | None = None) -> None:
    import pyarrow as pa

    if isinstance(table, pa.Table):  # built straight from the rows (batch's parts)
        import pyarrow.parquet as pq

        pq.write_table(table, path)
        return

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


def _assemble_parquet(paths: list[Path], out: Path, name: str,
                      metadata: dict[str, str]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = [pq.read_schema(p) for p in paths]
    columns = _columns([s.names for s in schemas])
    joint = {**(schemas[0].metadata or {} if schemas else {}),
             **{k.encode(): v.encode() for k, v in metadata.items()}}
    schema = pa.schema([(c, _joint_type([s.field(c).type for s in schemas if c in s.names]))
                        for c in columns], metadata=joint or None)
    tmp = _tmp_path(out)
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
    """A part with the joint columns and types; a rate is 0 where the article has no error
    and no value (the category was used only by other articles, in this part or another)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ok = pc.is_null(table["error"]) if "error" in table.column_names else None
    arrays = []
    for field_ in schema:
        if field_.name in table.column_names:
            column = table[field_.name]
            column = column if column.type == field_.type else column.cast(field_.type)
        else:
            column = pa.nulls(len(table), field_.type)
        rate = field_.name.startswith(PER_1000) and pa.types.is_floating(field_.type)
        if ok is not None and rate:
            column = pc.if_else(ok, pc.fill_null(column, pa.scalar(0, field_.type)), column)
        arrays.append(column)
    return pa.Table.from_arrays(arrays, schema=schema)



def _assemble_csv(paths: list[Path], out: Path, name: str, metadata: dict[str, str]) -> None:
    headers = [pd.read_csv(p, nrows=0).columns.tolist() for p in paths]
    columns = _columns(headers)
    tmp = _tmp_path(out)
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        pd.DataFrame(columns=columns).to_csv(handle, index=False, lineterminator=CSV_LINE_END)
        for path in paths:
            frame = read_table(path).reindex(columns=columns)
            if name == "articles":
                frame = fill_missing_rates(frame)
            frame.to_csv(handle, index=False, header=False, lineterminator=CSV_LINE_END)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, out)


def _atomic_text(path: Path, text: str) -> None:
    tmp = _tmp_path(path)
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise _os_error(path, err) from None
