"""Reading a batch run's tables back, typed as :mod:`framing.schema` promises.

``pd.read_parquet`` gives list columns as NumPy arrays and plain NumPy dtypes;
``pd.read_csv`` gives list columns as JSON text and guesses every type (the schema
version "3.0" becomes the float 3.0). :func:`read_table` and :func:`read_tables` return
the frames the schema describes, from either format: fixed columns with their pandas
types (``string``, ``Int64``, ``Float64``, ``boolean``), list columns as Python lists,
so that :func:`framing.schema.problems` finds nothing to report.

CSV has no types: metadata columns come back as text, and a run written with the
formula guard on (the default) keeps the ``'`` it put before cells that start with
``=``, ``+``, ``-`` or ``@``: run ``framing batch --no-csv-safe`` (or use Parquet) when
text must read back exactly, e.g. to check ``end - start`` against a span's text.

>>> from framing.corpus.batch import AnalyzerSpec, analyze_frame
>>> import pandas as pd, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> flags = analyze_frame(pd.DataFrame({"text": ["A reckless plan."]}),
...                       analyzer=AnalyzerSpec(model=None)).flags
>>> flags.to_csv(folder / "flags.csv", index=False)
>>> read_table(folder / "flags.csv")["start"].dtype
Int64Dtype()
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.corpus.batch import Tables
from framing.corpus.store import PER_1000, TABLES
from framing.corpus.store import read_table as read_raw
from framing.errors import InputError
from framing.schema import table_columns, typed_column


def read_table(path: str | Path, table: str | None = None) -> pd.DataFrame:
    """One table of a batch run (``.parquet`` or ``.csv``), typed by the schema.

    ``table`` names its schema (``articles``, ``sentences``, ``flags``, ``quotes``,
    ``actors``); by default the file's name says it (``flags.csv`` is a flags table).
    """
    path = Path(path)
    table = table or path.name.split(".")[0]
    if table not in TABLES:
        raise InputError(path, f"is not a table of a batch run (name it one of "
                               f"{', '.join(TABLES)}, or pass table=)")
    if not path.is_file():
        raise InputError(path, "does not exist")
    try:
        frame = read_raw(path)
    except (OSError, ValueError) as err:
        raise InputError(path, f"cannot be read as a table ({err})") from None
    return typed(frame, table, from_csv=path.suffix == ".csv")


def read_tables(outdir: str | Path) -> Tables:
    """Every table of a ``framing batch`` output folder, typed by the schema.

    Examples
    --------
    >>> tables = read_tables("out/")                             # doctest: +SKIP
    >>> tables.articles["slant_score"].dtype, tables.flags.shape  # doctest: +SKIP
    """
    outdir = Path(outdir)
    for fmt in ("parquet", "csv"):
        if (outdir / f"articles.{fmt}").is_file():
            return Tables(*(read_table(outdir / f"{name}.{fmt}", name) for name in TABLES))
    raise InputError(outdir, "holds no batch output (articles.parquet or articles.csv)")


def typed(frame: pd.DataFrame, table: str, *, from_csv: bool = False) -> pd.DataFrame:
    """A frame read from disk with the schema's types; other columns as well as we can."""
    fixed = table_columns(table)
    out = {}
    for name in frame.columns:
        values = frame[name]
        if name in fixed:
            out[name] = typed_column(values.map(_plain), fixed[name])
        elif name.startswith(PER_1000):  # a category a lexicon of yours added
            out[name] = pd.to_numeric(values, errors="coerce").astype("Float64")
        elif from_csv:
            out[name] = values.astype("string")
        else:
            out[name] = _nullable(values.map(_plain))
    return pd.DataFrame(out, columns=frame.columns, index=frame.index)


def _plain(value: Any) -> Any:
    """NumPy arrays (Parquet lists) as lists, all the way down."""
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _nullable(values: pd.Series) -> pd.Series:
    if values.map(lambda v: isinstance(v, (list, dict))).any():
        return values.astype(object)
    return values.convert_dtypes()
