"""The table schema: fixed columns and types whatever the corpus, meta in every table,
one numbering of sentences, and docs/schema.md generated from the code."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.corpus.batch import AnalyzerSpec, analyze_frame, article_row, run_batch
from framing.corpus.store import TABLES, read_table
from framing.records import Flag, Quote
from framing.schema import (
    SCHEMA_VERSION,
    arrow_problems,
    conform,
    markdown,
    names,
    problems,
)

ROOT = Path(__file__).resolve().parents[1]
NO_MODEL = AnalyzerSpec(model=None)

# Two corpora in our own words that share no category, frame or speaker.
LOADED = pd.DataFrame({
    "text": [
        "The regime slammed the so-called reform. It was a shameful power grab!",
        '"We will never surrender," the defiant general said. Troops crossed the border.',
        "Critics said the disastrous budget betrayed loyal workers and hurt families.",
    ],
    "outlet": ["A", "B", "A"],
})
PLAIN = pd.DataFrame({
    "text": ["The council met on Tuesday.", "   ", "Rain is expected later in the week."],
    "outlet": ["C", "C", "D"],
})
RICH = ('"We will not back down," Moscow said on Monday. Washington\'s bellicose posturing '
        'went on, and critics claimed the reckless plan would harm families and betray allies.')


def test_two_corpora_give_tables_with_identical_columns_and_dtypes():
    one = analyze_frame(LOADED, analyzer=NO_MODEL)
    two = analyze_frame(PLAIN, analyzer=NO_MODEL)
    assert one.flags["category"].nunique() > 3 and two.flags.empty
    for name in one._fields:
        a, b = getattr(one, name), getattr(two, name)
        assert list(a.columns) == list(b.columns) == names(name, ["outlet"]), name
        assert a.dtypes.to_dict() == b.dtypes.to_dict(), name
        assert problems(a, name) == [] and problems(b, name) == []


def test_an_unused_category_or_frame_is_zero_and_an_error_row_is_missing():
    articles = analyze_frame(PLAIN, analyzer=NO_MODEL).articles
    ok, failed = articles.iloc[0], articles.iloc[1]
    assert ok["author_flags_per_1000_words.label"] == 0.0
    assert ok["frames.distribution.economic"] == 0.0 and ok["moral.counts.care_vice"] == 0
    assert ok["frames.top_cues.economic"] == [] and ok["top_terms"] == []
    assert isinstance(failed["error"], str)
    assert pd.isna(failed["author_flags_per_1000_words.label"]) and failed["top_terms"] is None
    assert pd.isna(failed["slant_score"]) and failed["schema_version"] == SCHEMA_VERSION


def test_lists_are_python_lists_not_joined_text():
    tables = analyze_frame(LOADED, analyzer=NO_MODEL)
    terms = tables.articles["top_terms"].iloc[0]
    assert isinstance(terms, list) and {"term", "count"} <= set(terms[0])
    assert all(isinstance(v, list) for v in tables.sentences["top_features"])


def test_every_summary_field_and_record_field_has_a_column(toy_analyzer):
    from framing import Analyzer

    analysis = Analyzer(model=None).analyze(RICH, doc_id="x")
    row = article_row(analysis)
    assert set(row) <= set(names("articles")), set(row) - set(names("articles"))
    assert {f.name for f in fields(Flag)} <= set(names("flags"))
    assert {f.name for f in fields(Quote)} <= set(names("quotes"))
    assert list(conform([row], "articles").columns) == names("articles")


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_written_tables_follow_the_schema_and_carry_the_meta_column(tmp_path, fmt):
    path = tmp_path / "news.csv"
    pd.concat([LOADED, PLAIN]).to_csv(path, index=False)
    result = run_batch([str(path)], tmp_path / "out", analyzer=NO_MODEL, fmt=fmt, n_jobs=1,
                       chunk_size=2, table=_spec())
    assert set(result.written) == set(TABLES) == {"articles", "sentences", "flags", "quotes",
                                                  "actors"}
    for name in TABLES:
        table = read_table(tmp_path / "out" / f"{name}.{fmt}")
        assert list(table.columns) == names(name, ["outlet"]), name
        if fmt == "parquet":
            import pyarrow.parquet as pq

            schema = pq.read_schema(tmp_path / "out" / f"{name}.parquet")
            assert arrow_problems(schema, name) == []
            assert schema.metadata[b"framing_schema_version"] == SCHEMA_VERSION.encode()
            assert problems(_as_lists(table), name) == [], name


def test_outlet_from_the_folder_path_reaches_every_table(tmp_path):
    for outlet, text in (("north", LOADED["text"][0]), ("south", LOADED["text"][2])):
        folder = tmp_path / "corpus" / outlet / "2024"
        folder.mkdir(parents=True)
        (folder / "a.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "corpus"), "--no-model", "-j", "1",
                                       "--meta-from-path", "outlet={0}", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    for name in TABLES:
        table = read_table(out / f"{name}.parquet")
        assert "outlet" in table.columns, name
        assert set(table["outlet"]) <= {"north", "south"}
    assert set(read_table(out / "flags.parquet")["outlet"]) == {"north", "south"}
    compare = CliRunner().invoke(main, ["compare", str(out), "--by", "outlet", "--bootstrap",
                                        "100"])
    assert compare.exit_code == 0, compare.output


@pytest.mark.parametrize("spec", ["outlet", "outlet={nope}", "={parent}"])
def test_a_bad_meta_from_path_is_one_line(tmp_path, spec):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(tmp_path), "--no-model", "--meta-from-path",
                                       spec, "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert "--meta-from-path" in result.output


def test_meta_is_in_every_table_of_one_analysis(toy_analyzer):
    analysis = toy_analyzer.analyze(RICH, doc_id="d", meta={"outlet": "A", "text": "clash"})
    for name in ("sentences", "flags", "quotes", "actors", "frames"):
        table = getattr(analysis, f"{name}_frame")()
        assert list(table.columns[:3]) == ["doc_id", "outlet", "meta.text"], name
        assert problems(table, name) == [], name


def test_sentences_are_numbered_from_zero_and_from_one_everywhere(toy_analyzer):
    analysis = toy_analyzer.analyze(RICH, doc_id="d")
    for table in (analysis.sentences_frame(), analysis.flags_frame(), analysis.quotes_frame()):
        assert (table["sentence_no"] == table["sentence_index"] + 1).all()
    assert analysis.sentences_frame()["sentence_index"].tolist() == [0, 1]
    data = json.loads(analysis.to_json())
    assert [(s["sentence_index"], s["sentence_no"]) for s in data["sentences"]] == [(0, 1), (1, 2)]


def test_docs_schema_md_is_generated_from_the_code():
    written = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert written == markdown(), "run: python -m framing.schema > docs/schema.md"


def _spec():
    from framing.corpus.inputs import TableSpec

    return TableSpec("text", None, ("outlet",))


def _as_lists(table: pd.DataFrame) -> pd.DataFrame:
    """pandas reads Parquet lists as arrays; the schema's lists are Python lists."""
    converted = {c: table[c].map(lambda v: v.tolist() if hasattr(v, "tolist") else v)
                 for c in table.columns if table[c].dtype == object}
    return table.assign(**converted)


# --- issue 31: each rule a user relies on fails a test when it breaks ------------------


def _quotes_frame() -> pd.DataFrame:
    return conform([{"doc_id": "a", "sentence_index": 0, "sentence_no": 1, "start": 4,
                     "end": 9, "text": "words", "kind": "direct"}], "quotes")


def test_problems_names_fixed_columns_out_of_order():
    frame = _quotes_frame()
    order = list(frame.columns)
    i, j = order.index("start"), order.index("end")
    order[i], order[j] = order[j], order[i]
    found = problems(frame[order], "quotes")
    assert len(found) == 1 and "out of order" in found[0]


def test_problems_names_a_column_whose_dtype_changed():
    frame = _quotes_frame().assign(start=lambda f: f["start"].astype("float64"))
    assert [p.split(":")[0] for p in problems(frame, "quotes")] == ["start"]


def test_an_offset_past_two_billion_survives_a_parquet_round_trip(tmp_path):
    from framing.corpus.store import write_table
    from framing.corpus.tables import read_table as read_typed

    frame = conform([{"doc_id": "a", "sentence_index": 0, "start": 3_000_000_000,
                      "end": 3_000_000_005, "text": "words"}], "quotes")
    write_table(frame, tmp_path / "quotes.parquet", "parquet", "quotes")
    back = read_typed(tmp_path / "quotes.parquet")
    assert back.loc[0, "start"] == 3_000_000_000 and problems(back, "quotes") == []


def test_a_lone_surrogate_keeps_the_offsets_of_the_words_after_it():
    text = "Bad \udce9 byte, then a reckless plan."
    start = text.index("reckless")
    rows = [{"doc_id": "a", "sentence_index": 0, "start": start, "end": start + 8,
             "text": text}]
    kept = conform(rows, "sentences").loc[0, "text"]
    assert len(kept) == len(text) and kept[start:start + 8] == "reckless"


def test_a_category_a_user_lexicon_adds_is_kept_as_a_column_at_the_end():
    frame = conform([{"doc_id": "a", "slant_score": 10.0,
                      "author_flags_per_1000_words.my_category": 2.5}], "articles")
    assert frame.columns[-1] == "author_flags_per_1000_words.my_category"
    assert frame.loc[0, "author_flags_per_1000_words.my_category"] == 2.5


def test_arrow_problems_names_a_column_written_with_another_type():
    import pyarrow as pa

    from framing.schema import arrow_schema

    schema = arrow_schema("quotes")
    changed = schema.set(schema.get_field_index("start"), pa.field("start", pa.float64()))
    assert arrow_problems(schema, "quotes") == []
    assert [p.split(":")[0] for p in arrow_problems(changed, "quotes")] == ["start"]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_booleans_numbers_and_lists_read_back_as_written(tmp_path, fmt):
    from framing.corpus.store import write_table
    from framing.corpus.tables import read_table as read_typed

    flags = conform([{"doc_id": "a", "start": 1, "end": 4, "negated": True, "reported": False},
                     {"doc_id": "b", "start": 2, "end": 5, "negated": False, "reported": None}],
                    "flags")
    sentences = conform([{"doc_id": "a", "top_features": ["words__regime", "style:question"]},
                         {"doc_id": "b", "top_features": []}], "sentences")
    write_table(flags, tmp_path / f"flags.{fmt}", fmt, "flags")
    write_table(sentences, tmp_path / f"sentences.{fmt}", fmt, "sentences")
    back = read_typed(tmp_path / f"flags.{fmt}")
    assert back["negated"].tolist() == [True, False]
    assert back["reported"].tolist()[0] is False and back["reported"].isna().tolist() == [False, True]
    assert back["start"].tolist() == [1, 2] and problems(back, "flags") == []
    lists = read_typed(tmp_path / f"sentences.{fmt}")
    assert lists["top_features"].tolist() == [["words__regime", "style:question"], []]
    assert problems(lists, "sentences") == []


def test_csv_cells_read_back_leniently():
    from framing.schema import table_columns, typed_column

    flags = table_columns("flags")
    assert typed_column(pd.Series(["1", "0", "TRUE", "x", None]), flags["negated"]).tolist()[:4] \
        == [True, False, True, pd.NA]
    assert typed_column(pd.Series(["7", "seven", None]), flags["start"]).isna().tolist() \
        == [False, True, True]
    features = table_columns("sentences")["top_features"]
    assert typed_column(pd.Series(['["a"]', "not json", ("b",), None]), features).tolist() \
        == [["a"], None, ["b"], None]


def test_meta_collisions_name_the_first_key_and_ignore_repeats():
    from framing.schema import meta_collisions

    assert meta_collisions(["text", "outlet", "meta.text"]) == [("text", "meta.text", "meta.text")]
    assert meta_collisions(["outlet", "outlet"]) == []


def test_the_arrow_schema_carries_the_schema_version_and_names_a_missing_column():
    from framing.schema import arrow_schema

    schema = arrow_schema("quotes")
    assert schema.metadata == {b"framing_schema_version": SCHEMA_VERSION.encode()}
    assert arrow_problems(schema.remove(schema.get_field_index("start")), "quotes") == \
        ["start: missing"]


def test_metadata_named_like_a_taken_column_is_numbered_on():
    from framing.schema import meta_cells

    assert meta_cells({"text": "x", "meta.text": "y"}) == {"meta.text": "x", "meta.text.2": "y"}
    assert meta_cells({"text": "x", "meta.text": "y", "meta.text.2": "z"}) == \
        {"meta.text": "x", "meta.text.2": "y", "meta.text.2.2": "z"}


def test_problems_names_the_missing_column():
    frame = _quotes_frame().drop(columns=["end"])
    assert problems(frame, "quotes") == ["columns missing or out of order: ['end']"]


def test_conform_gives_metadata_the_types_asked_for_and_keeps_lists_and_missing():
    rows = [{"doc_id": "a", "year": 2020, "tags": ["x", "y"], "outlet": None,
             "source": "caf\udce9.txt"},
            {"doc_id": "b", "year": 2021, "tags": None, "outlet": None, "source": None}]
    frame = conform(rows, "articles", meta=["year", "tags", "outlet", "source"],
                    meta_types={"year": "string", "not_a_column": "Int64"})
    assert str(frame["year"].dtype) == "string" and frame["year"].tolist() == ["2020", "2021"]
    assert frame["tags"].tolist() == [["x", "y"], None]
    assert str(frame["outlet"].dtype) == "string" and frame["outlet"].isna().all()
    assert frame.loc[0, "source"] == "caf\ufffd.txt" and pd.isna(frame.loc[1, "source"])


def test_a_number_given_as_text_becomes_a_number():
    frame = conform([{"doc_id": "a", "start": "7", "end": "9"}], "quotes")
    assert frame["start"].tolist() == [7] and str(frame["start"].dtype) == "Int64"


def test_text_cells_read_back_with_missing_values_missing():
    from framing.schema import table_columns, typed_column

    text = table_columns("flags")["text"]
    assert typed_column(pd.Series(["x", None, float("nan"), 2.5], dtype=object), text).tolist() \
        == ["x", pd.NA, pd.NA, "2.5"]


def test_csv_list_cells_are_json_a_reader_can_read():
    from framing.schema import to_csv_cells

    frame = conform([{"doc_id": "a", "top_features": ["café", "naïve"]}], "sentences")
    assert to_csv_cells(frame).loc[0, "top_features"] == '["café", "naïve"]'


def test_problems_finds_list_cells_that_are_not_lists():
    frame = conform([{"doc_id": "a", "top_features": ["x"]}, {"doc_id": "b"}], "sentences")
    frame["top_features"] = pd.Series(["x", None], dtype=object)
    assert problems(frame, "sentences") == ["top_features: cells that are not lists"]


def test_list_cells_hold_lists_or_nothing():
    from framing.schema import table_columns, to_csv_cells, typed_column

    features = table_columns("sentences")["top_features"]
    assert typed_column(pd.Series(["5", '{"a": 1}']), features).tolist() == [None, None]
    frame = conform([{"doc_id": "a", "top_features": ["x"]}, {"doc_id": "b"}], "sentences")
    cells = to_csv_cells(frame)["top_features"].tolist()
    assert cells[0] == '["x"]' and pd.isna(cells[1])  # missing stays missing, not "null"


def test_metadata_numbering_skips_numbers_taken():
    from framing.schema import meta_cells

    assert list(meta_cells({"meta.text.2": "a", "text": "b", "meta.text": "c"})) == \
        ["meta.text.2", "meta.text", "meta.text.3"]
