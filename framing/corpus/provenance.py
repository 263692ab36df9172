"""How a batch run's tables were made, written beside them and inside them.

``OUTDIR/provenance.json`` and the key ``framing_provenance`` of every Parquet file's
key-value metadata hold the same JSON record:

- ``framing_version`` and ``schema_version``;
- ``settings``: what the analysis depended on, as ``parts/run.json`` records it (the
  SHA-256 of the shipped lexicons, of every ``--lexicon`` file and of the models, the
  options, the columns);
- ``sources``: where the lexicons and models came from (paths as given);
- ``inputs``: every input file read, with its SHA-256 and size (standard input has none);
- ``libraries``: the Python, pandas, pyarrow, numpy, scikit-learn and scipy versions.

``framing compare`` prints it in its method note and shows it on its page, and
:func:`framing.read_tables` returns it as ``tables.provenance``.
"""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from framing.corpus.safety import printable
from framing.errors import InputError
from framing.schema import SCHEMA_VERSION
from framing.slant.modelfile import sha256_of
from framing.version import __version__

FILE = "provenance.json"
PARQUET_KEY = "framing_provenance"
LIBRARIES = ("pandas", "pyarrow", "numpy", "scikit-learn", "scipy")


def provenance(settings: dict[str, Any], sources: dict[str, Any],
               inputs: Iterable[str]) -> dict[str, Any]:
    """The record of a run: versions, settings, input hashes and library versions."""
    return _printable({
        "framing_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "settings": settings,
        "sources": sources,
        "inputs": [_input(path) for path in inputs],
        "libraries": {"python": platform.python_version(),
                      **{name: _version(name) for name in LIBRARIES}},
    })


def _printable(value: Any) -> Any:
    """Paths from file names that are not UTF-8 as the tables show them (``\\xNN``)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    return value


def write_provenance(outdir: Path, record: dict[str, Any]) -> Path:
    """``OUTDIR/provenance.json``, written to a temporary name and renamed."""
    path = Path(outdir) / FILE
    tmp = path.with_name(f".{FILE}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise InputError(path, f"cannot be written ({err.strerror or err})") from None
    return path


def read_provenance(outdir: str | Path) -> dict[str, Any]:
    """The provenance of a run folder: ``provenance.json``, else a Parquet file's metadata,
    else an empty dict (runs written before provenance existed)."""
    path = Path(outdir) / FILE
    if path.is_file():
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise InputError(path, "is damaged (not JSON); run the batch again") from None
        return record if isinstance(record, dict) else {}
    parquet = Path(outdir) / "articles.parquet"
    return parquet_provenance(parquet) if parquet.is_file() else {}


def parquet_provenance(path: Path) -> dict[str, Any]:
    """The provenance record in a Parquet file's key-value metadata (empty if none)."""
    import pyarrow.parquet as pq

    found = (pq.read_schema(path).metadata or {}).get(PARQUET_KEY.encode())
    return json.loads(found) if found else {}


def describe(record: dict[str, Any]) -> list[str]:
    """The provenance in a few lines for people (compare's method note and page)."""
    if not record:
        return ["made by a framing version that wrote no provenance"]
    settings = record.get("settings", {})
    libraries = record.get("libraries", {})
    inputs = record.get("inputs", [])
    lexicons = [f"built-in {_short(settings.get('builtin_lexicons'))}"
                if settings.get("builtin_lexicons") else "no built-in lexicons"]
    lexicons += [f"{name} {_short(sha)}" for name, sha in
                 zip(record.get("sources", {}).get("lexicons", []), settings.get("lexicons", []),
                     strict=False)]
    shown = ", ".join(f"{Path(i['path']).name} {_short(i.get('sha256'))}" for i in inputs[:3])
    more = f" and {len(inputs) - 3} more" if len(inputs) > 3 else ""
    return [
        f"framing {record.get('framing_version')}, table schema {record.get('schema_version')}",
        "lexicons: " + "; ".join(lexicons),
        f"slant model {_short(settings.get('model'))}; "
        f"word model {_short(settings.get('word_model'))}",
        f"inputs ({len(inputs)} file(s)): {shown or 'none recorded'}{more}",
        "libraries: " + ", ".join(f"{k} {v}" for k, v in libraries.items()),
    ]


def _short(sha: Any) -> str:
    return "none" if not sha else f"sha256 {str(sha)[:12]}"


def _input(path: str) -> dict[str, Any]:
    try:
        return {"path": path, "sha256": sha256_of(Path(path)),
                "bytes": Path(path).stat().st_size}
    except OSError:
        return {"path": path, "sha256": None, "bytes": None}


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
