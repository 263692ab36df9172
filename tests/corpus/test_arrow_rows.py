"""Issue 26: batch's Parquet parts are Arrow tables built straight from the rows; they
hold what the pandas tables (conform, then arrow_schema_for) hold."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from framing import Analyzer
from framing.corpus.batch import Failure, to_arrow_tables, to_tables
from framing.schema import arrow_schema_for

TEXTS = [
    "The reckless regime slammed the plan. “It is a disgrace,” said Mara Quell.",
    "Plain text here. It rains.",
    "Bad \ud800 surrogate, slammed by critics. The so-called reform failed.",
]
METAS = [{"outlet": "A", "year": 2020, "score": 1.5, "tags": ["x"]},
         {"outlet": "B", "year": 2021, "score": None, "tags": None},
         {"outlet": None, "year": 2022, "score": float("nan"), "tags": ["y", "z"]}]


@pytest.fixture(scope="module")
def results():
    analyzer = Analyzer()
    found = [analyzer.analyze(t, doc_id=str(i), meta=m)
             for i, (t, m) in enumerate(zip(TEXTS, METAS, strict=True))]
    return [*found, Failure("bad", "could not read", {"outlet": "C", "year": 2023,
                                                      "score": 2.0, "tags": []})]


def pandas_dtypes(table) -> dict[str, str]:
    """What pd.read_parquet restores each column as (the 'pandas' metadata)."""
    return {c["name"]: c["numpy_type"] for c in json.loads(table.schema.metadata[b"pandas"])["columns"]}


def via_pandas(frame, name):
    return pa.Table.from_pandas(frame, schema=arrow_schema_for(frame, name),
                                preserve_index=False)


@pytest.mark.parametrize("count", [4, 1, 0])
def test_arrow_tables_equal_the_pandas_tables(results, count):
    chosen = results[:count]
    expected, got = to_tables(chosen), to_arrow_tables(chosen)
    for name in expected._fields:
        pandas_table, arrow_table = via_pandas(getattr(expected, name), name), getattr(got, name)
        assert pandas_dtypes(arrow_table) == pandas_dtypes(pandas_table), name
        assert arrow_table.column_names == pandas_table.column_names, name
        for column in pandas_table.column_names:
            if pandas_table[column].null_count == len(pandas_table):
                continue  # an empty or all-missing column: its type says nothing
            assert arrow_table[column].type == pandas_table[column].type, (name, column)
            assert arrow_table[column].to_pylist() == pandas_table[column].to_pylist(), \
                (name, column)


def test_mixed_metadata_is_text_in_every_table(results):
    """Numbers and words in one metadata column: text, in the articles table and in
    every other table alike (the pandas path typed the other tables by their values)."""
    mixed = [*results[:2], Failure("odd", "could not read", {"year": "unknown"})]
    tables = to_arrow_tables(mixed)
    for name in tables._fields:
        assert pa.types.is_large_string(getattr(tables, name).schema.field("year").type), name
