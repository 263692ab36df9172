"""What keeps a batch run from losing, mixing or corrupting a researcher's data.

- :func:`run_settings`: what the analysis depends on (lexicon and model SHA-256s, options),
  recorded in ``run.json`` so that ``--resume`` cannot mix two analyses;
- :func:`refuse_inputs_inside` and :func:`guarded_docs`: batch never reads from the folder
  it writes, so it cannot overwrite its input or analyse its own tables;
- :func:`printable`: ids and metadata from any file name (bytes that are not UTF-8 come
  back as ``\\xe9``-style escapes) so that every table and the manifest can hold them;
- :func:`cpu_time_limit`: a document that takes more CPU time than allowed becomes an
  error row instead of stalling the run.

The time limit is an interval timer (``setitimer(ITIMER_PROF)``): it counts the CPU time
of the process that analyses the document, whether that is the main process (``-j 1``)
or a joblib worker (``-j N``), so a busy machine does not change which documents fail.
Python's signal handlers run only in a process's main thread: in a thread (a Dask worker's
task thread) the limit is not enforced, and a platform without ``setitimer`` (Windows)
runs without it.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import signal
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from framing.analyzer import SHIPPED
from framing.corpus.inputs import Doc, TableSpec
from framing.errors import InputError
from framing.io import STDIN
from framing.schema import meta_collisions
from framing.slant.modelfile import SHIPPED_MODEL, SHIPPED_WORD_MODEL, sha256_of, shipped_model_path
from framing.version import __version__

#: Where a model or lexicon the run names cannot be read (the analyzer reports why).
UNREADABLE = "unreadable"
#: The analyzer settings that change no result (they only allow loading a model).
NOT_SETTINGS = {"trust_model"}


# --- settings --------------------------------------------------------------------------


def run_settings(analyzer: Any, read: Any, table: TableSpec,
                 path_meta: Sequence[tuple[str, str]] = ()) -> tuple[dict, dict]:
    """The settings a run's results depend on, and where its lexicons and models came from.

    ``analyzer`` is an :class:`~framing.corpus.batch.AnalyzerSpec`: lexicon files and
    models count by their SHA-256 (the same file at another path is the same setting);
    every other field counts as it is, so an option added to the spec later is recorded
    without a change here. ``read`` gives the encoding and the limits (``--max-bytes``,
    ``--timeout-per-doc``), ``table`` the columns and
    ``path_meta`` the ``--meta-from-path`` columns (recorded only when given, so runs
    without them compare as before).
    """
    settings: dict[str, Any] = {"framing_version": __version__}
    sources: dict[str, Any] = {}
    for spec_field in fields(analyzer):
        name, value = spec_field.name, getattr(analyzer, spec_field.name)
        if name == "lexicons":
            settings[name] = [_file_sha256(Path(p)) for p in value]
            sources[name] = [str(p) for p in value]
        elif name == "builtin_lexicons":
            settings[name] = _builtin_lexicons_sha256() if value else None
        elif name in ("model", "word_model"):
            shipped = SHIPPED_MODEL if name == "model" else SHIPPED_WORD_MODEL
            settings[name] = _model_sha256(value, shipped)
            sources[name] = None if value is None else str(value)
        elif name not in NOT_SETTINGS:
            settings[name] = value
    settings["encoding"] = _codec_name(read.encoding)
    # The limits decide which documents become error rows: a resume under other limits
    # would mix rows judged under two rules, so it is refused like any other setting.
    settings.update(max_bytes=read.max_bytes, timeout_per_doc=read.timeout)
    settings.update(text_col=table.text_col, id_col=table.id_col, meta_cols=list(table.meta_cols))
    if path_meta:
        settings["meta_from_path"] = [list(pair) for pair in path_meta]
    # As JSON gives them back, so that a recorded run compares equal to the same settings.
    return json.loads(json.dumps(settings, default=str)), sources


def _file_sha256(path: Path) -> str:
    try:
        return sha256_of(path)
    except OSError:
        return UNREADABLE


def _model_sha256(model: str | None, shipped_name: str) -> str | None:
    if model is None:
        return None
    if model == SHIPPED:
        path = shipped_model_path(shipped_name)
        return None if path is None else _file_sha256(path)
    return _file_sha256(Path(model))


def _builtin_lexicons_sha256() -> str:
    """One SHA-256 over every file that ships in ``framing.lexicons`` (names and bytes)."""
    digest = hashlib.sha256()
    for name, data in sorted(_package_files(resources.files("framing.lexicons"), "")):
        digest.update(name.encode("utf-8") + b"\0" + data + b"\0")
    return digest.hexdigest()


def _package_files(folder: Any, prefix: str) -> Iterator[tuple[str, bytes]]:
    for entry in folder.iterdir():
        if entry.name == "__pycache__" or entry.name.endswith(".pyc"):
            continue
        if entry.is_dir():
            yield from _package_files(entry, f"{prefix}{entry.name}/")
        else:
            yield f"{prefix}{entry.name}", entry.read_bytes()


def _codec_name(encoding: str | None) -> str | None:
    """``cp1252`` and ``windows-1252`` are one setting."""
    if encoding is None:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


# --- inputs apart from outputs ----------------------------------------------------------


def refuse_meta_collisions(table: TableSpec, path_meta: Sequence[tuple[str, str]] = ()) -> None:
    """Raise :class:`InputError` when two metadata columns would be written as one (``text``
    and ``meta.text``: a key named like a fixed column is written as ``meta.<key>``)."""
    for keys, option in ((table.meta_cols, "--meta-col"),
                         (["source", *(column for column, _ in path_meta)], "--meta-from-path")):
        for first, second, column in meta_collisions(list(keys)):
            raise InputError(f"{option} {second}", f"would be written as the column {column}, "
                                                   f"as {first} is; rename one of them")


def refuse_inputs_inside(inputs: Sequence[str], outdir: Path) -> None:
    """Raise :class:`InputError` for an input that lies inside the output folder."""
    out = Path(outdir).resolve()
    for source in inputs:
        if source == STDIN or not Path(source).exists():
            continue
        if _within(Path(source).resolve(), out):
            raise InputError(source, f"lies inside the output folder {outdir}; batch never "
                                     "reads from the folder it writes into, so choose another "
                                     "--out")


def guarded_docs(docs: Iterable[Doc], inputs: Sequence[str], outdir: Path) -> Iterator[Doc]:
    """The documents, leaving out files inside ``outdir``, with printable ids and metadata."""
    out = Path(outdir).resolve()
    # Only a folder input that holds the output folder can walk into it.
    watch = any(_within(out, Path(s).resolve()) for s in inputs
                if s != STDIN and Path(s).is_dir())
    for doc in docs:
        if watch and doc.path is not None and _within(Path(doc.path).resolve(), out):
            continue
        yield _printable_doc(doc)


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _printable_doc(doc: Doc) -> Doc:
    meta = {key: printable(value) if isinstance(value, str) else value
            for key, value in doc.meta.items()}
    doc_id = printable_id(doc.doc_id)
    if doc_id is doc.doc_id and meta == doc.meta:
        return doc
    return replace(doc, doc_id=doc_id, meta=meta)


def printable(text: str) -> str:
    """``text`` as UTF-8 can hold it: a byte of a file name that was not UTF-8 (a lone
    surrogate in Python) becomes ``\\xNN``, any other lone surrogate ``\\udNNN``.

    >>> printable("caf\\udce9.txt"), printable("café.txt")
    ('caf\\\\xe9.txt', 'café.txt')
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


#: A backslash that starts what printable() writes for a byte (``\xe9``), a character
#: (``\udcff``), or a doubled backslash.
_LOOKS_ESCAPED = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|\\)")


def printable_id(text: str) -> str:
    r"""A document id as UTF-8 can hold it, never the same as another name's.

    Bytes that are not UTF-8 become ``\xNN`` as in :func:`printable`. So that a name
    typed with such an escape (a file literally named ``caf\xe9.txt``) keeps an id of its
    own, the backslashes of a name that needs escaping, or that already looks escaped,
    are doubled; every other id stays exactly the name.

    >>> printable_id("caf\udce9.txt"), printable_id("caf\\xe9.txt"), printable_id("a\\b.txt")
    ('caf\\xe9.txt', 'caf\\\\xe9.txt', 'a\\b.txt')
    """
    if printable(text) is text and not _LOOKS_ESCAPED.search(text):
        return text
    return printable(text.replace("\\", "\\\\"))


# --- CPU time per document ------------------------------------------------------------


class DocumentTimeout(BaseException):
    """A document took more CPU time than allowed.

    A BaseException, so that no ``except Exception`` inside the analysis swallows it.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"took more than {seconds:g} s of CPU time, so it was stopped; it may "
                         "be built to slow the analysis down (raise --timeout-per-doc, or 0 "
                         "for no limit)")


class cpu_time_limit:  # noqa: N801 - used like a function: ``with cpu_time_limit(30):``
    """Raise :class:`DocumentTimeout` in the block once it used ``seconds`` of CPU time.

    A class rather than a generator: it runs once per document, and this is cheaper.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds if seconds and _can_time() else None
        self.previous: Any = _stop

    def __enter__(self) -> None:
        if self.seconds is None:
            return
        if signal.getsignal(signal.SIGPROF) is not _stop:  # no timeout_handler around us
            self.previous = signal.signal(signal.SIGPROF, _stop)
        _limit[0] = self.seconds
        # It repeats until disarmed: an exception raised inside a __del__ (the regex module
        # has one) is printed and dropped, so one signal alone can be lost.
        signal.setitimer(signal.ITIMER_PROF, self.seconds, _REPEAT_SECONDS)

    def __exit__(self, *exc: object) -> None:
        if self.seconds is None:
            return
        try:
            signal.setitimer(signal.ITIMER_PROF, 0)
        finally:
            if self.previous is not _stop:
                signal.signal(signal.SIGPROF, _restorable(self.previous))


@contextmanager
def timeout_handler(needed: bool = True) -> Iterator[None]:
    """Install the SIGPROF handler for the block, once for many :func:`cpu_time_limit`
    blocks (installing a handler costs several times what arming the timer does)."""
    if not needed or not _can_time() or signal.getsignal(signal.SIGPROF) is _stop:
        yield
        return
    previous = signal.signal(signal.SIGPROF, _stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGPROF, _restorable(previous))


_REPEAT_SECONDS = 0.05
_limit = [0.0]  # the seconds of the armed limit, for the message


def _restorable(handler: Any) -> Any:
    return signal.SIG_DFL if handler is None else handler  # None: set outside Python


def _stop(signum: int, frame: object) -> None:
    raise DocumentTimeout(_limit[0])


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
