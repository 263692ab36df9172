"""Machine-readable writers: JSON, JSON Lines and CSV, from analyses only."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from framing.lazy import lazy_module
from framing.records import Analysis, dumps
from framing.schema import names, to_csv_cells

pd = lazy_module("pandas")  # only the CSV writer builds a table

FORMATS = ("text", "json", "jsonl", "csv")
ROWS = ("flags", "sentences", "quotes", "actors")
# Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def error_record(doc_id: str, message: str) -> dict[str, Any]:
    """What a failed document becomes in JSON outputs."""
    return {"doc_id": doc_id, "error": message}


def to_json(items: Sequence[Analysis | dict[str, Any]]) -> str:
    """One object for one document, an array for several."""
    records = [_record(item) for item in items]
    payload: Any = records[0] if len(records) == 1 else records
    return dumps(payload, indent=2) + "\n"


def to_jsonl(items: Sequence[Analysis | dict[str, Any]]) -> str:
    return "".join(dumps(_record(i)) + "\n" for i in items)


def to_csv(
    items: Sequence[Analysis | dict[str, Any]], *, rows: str = "flags", safe: bool = True
) -> str:
    """One row per flag, sentence, quote or actor; failed documents become rows with an error.

    The columns are those of :mod:`framing.schema` (metadata after ``doc_id``), then
    ``error``; list cells are JSON text.

    With ``safe`` (the default) a text cell a spreadsheet would run as a formula gets an
    apostrophe in front. Rows end in CRLF as RFC 4180 has it: with a bare LF, Python's
    CSV writer leaves a cell holding a lone CR (old Mac line ends) unquoted, and the row
    falls apart when read back.
    """
    frames = [getattr(item, f"{rows}_frame")() if isinstance(item, Analysis)
              else pd.DataFrame([item]) for item in items]
    table = pd.concat([f for f in frames if not f.empty] or [pd.DataFrame()], ignore_index=True)
    fixed = names(rows)
    meta = [c for c in table.columns if c not in fixed and c != "error"]
    table = to_csv_cells(table.reindex(columns=[fixed[0], *meta, *fixed[1:], "error"]))
    if safe:
        table = neutralize_formulas(table)
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue()


def neutralize_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells a spreadsheet would run as a formula with an apostrophe; header
    cells too (a metadata column is named by the user or the data)."""
    textual = [c for c in table.columns
               if table[c].dtype == object or pd.api.types.is_string_dtype(table[c])]
    table = table.copy()
    for column in textual:
        table[column] = table[column].map(_formula_safe)
    return table.rename(columns=_formula_safe)


def _formula_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _record(item: Analysis | dict[str, Any]) -> dict[str, Any]:
    return item.to_dict() if isinstance(item, Analysis) else item
