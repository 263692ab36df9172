"""What framing.corpus.store promises, rule by rule and without analysing a text (issue 31):
the folder is batch's own and locked, a resume keeps exactly the committed chunks, only
batch's own files are ever deleted, and the final tables join the parts faithfully."""

from __future__ import annotations

import json
import os
import sys
import warnings

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import framing.corpus.store as store_module
from framing.corpus.store import (
    MARKER,
    PER_1000,
    TABLES,
    Store,
    claim_folder,
    fill_missing_rates,
    order_columns,
    read_table,
    settings_differences,
    write_table,
)
from framing.errors import InputError

RATE = f"{PER_1000}loaded"


def _tables(ids: list[str], **extra) -> dict[str, pd.DataFrame]:
    """A chunk's tables: one row per id in each, with our own made-up cells."""
    return {name: pd.DataFrame({"doc_id": ids, "cell": [f"{name} {i}" for i in ids], **extra})
            for name in TABLES}


def _committed(outdir, fmt="csv", chunks=(["a", "b"], ["c"]), settings=None) -> Store:
    store = Store.open(outdir, fmt, resume=False, settings=settings or {"x": 1})
    for ids in chunks:
        store.commit(_tables(ids), ids)
    return store


def _names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _error(call, *args, **kwargs) -> str:
    with pytest.raises(InputError) as err:
        call(*args, **kwargs)
    return str(err.value)


# --- opening: formats, the folder, the record of the run -------------------------------


def test_an_unknown_format_is_refused_naming_the_choices(tmp_path):
    message = _error(Store.open, tmp_path / "out", "xlsx", resume=False)
    assert message == "xlsx: unknown output format; choose one of parquet, csv"
    assert not (tmp_path / "out").exists()


def test_parquet_without_pyarrow_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    message = _error(Store.open, tmp_path / "out", "parquet", resume=False)
    assert message.startswith(f"{tmp_path / 'out'}: Parquet output needs pyarrow")
    assert "pip install 'framing[parquet]'" in message and "--format csv" in message
    Store.open(tmp_path / "out", "csv", resume=False).close()  # CSV needs no pyarrow


def test_a_new_run_marks_its_folder_and_records_its_settings(tmp_path):
    out = tmp_path / "new" / "out"
    with Store.open(out, "csv", resume=False, settings={"model": None},
                    sources={"lexicons": ["mine.tsv"]}) as store:
        assert store.partdir == out / "parts"
        marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
        assert marker["made_by"] == "framing batch" and marker["pid"] == os.getpid()
        run = json.loads((out / "parts" / "run.json").read_text(encoding="utf-8"))
        assert run == {"format": "csv", "settings": {"model": None},
                       "sources": {"lexicons": ["mine.tsv"]}}
    assert _names(out) == [MARKER, "parts"]


def test_commits_number_their_parts_and_record_their_ids(tmp_path):
    with _committed(tmp_path) as store:
        assert store.parts == [0, 1] and store.done == {"a", "b", "c"}
    lines = (tmp_path / "parts" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [{"part": 0, "ids": ["a", "b"]},
                                                    {"part": 1, "ids": ["c"]}]
    assert _names(tmp_path / "parts") == sorted(
        [f"{n}-00000{p}.csv" for n in TABLES for p in (0, 1)] + ["manifest.jsonl", "run.json"])
    assert read_table(tmp_path / "parts" / "flags-000001.csv")["cell"].tolist() == ["flags c"]


def test_ids_beyond_ascii_are_kept_as_written(tmp_path):
    with Store.open(tmp_path, "csv", resume=False) as store:
        store.commit(_tables(["café"]), ["café"])
    assert "café" in (tmp_path / "parts" / "manifest.jsonl").read_text(encoding="utf-8")
    with Store.open(tmp_path, "csv", resume=True) as again:
        assert again.done == {"café"}


# --- resuming ------------------------------------------------------------------------------


def test_a_resume_keeps_the_committed_chunks_and_numbers_on(tmp_path):
    _committed(tmp_path).close()
    with Store.open(tmp_path, "csv", resume=True, settings={"x": 1}) as store:
        assert store.parts == [0, 1] and store.done == {"a", "b", "c"}
        store.commit(_tables(["d"]), ["d"])
        assert store.parts == [0, 1, 2]
    assert (tmp_path / "parts" / "articles-000002.csv").is_file()


def test_a_fresh_run_into_an_earlier_run_is_told_to_resume(tmp_path):
    _committed(tmp_path).close()
    message = _error(Store.open, tmp_path, "csv", resume=False, settings={"x": 1})
    assert message == (f"{tmp_path}: holds an earlier batch run; pass --resume to continue it "
                       "or choose another output folder")
    Store.open(tmp_path / "none", "csv", resume=False).close()
    with Store.open(tmp_path / "none", "csv", resume=False):  # no chunk yet: nothing to resume
        pass


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_run_in_another_format_is_refused_and_the_parts_kept(tmp_path, fmt):
    # Bug fixed in issue 31: the earlier run's parts were not seen, and deleted as orphans.
    other = "parquet" if fmt == "csv" else "csv"
    _committed(tmp_path, fmt).close()
    before = {p.name: p.read_bytes() for p in (tmp_path / "parts").iterdir()}
    message = _error(Store.open, tmp_path, other, resume=True, settings={"x": 1})
    assert message == f"{tmp_path}: holds a run written as {fmt}; resume it with --format {fmt}"
    assert "pass --resume" in _error(Store.open, tmp_path, other, resume=False, settings={"x": 1})
    assert {p.name: p.read_bytes() for p in (tmp_path / "parts").iterdir()} == before
    with Store.open(tmp_path, fmt, resume=True, settings={"x": 1}) as store:
        assert store.done == {"a", "b", "c"}


def test_a_run_that_committed_nothing_may_change_its_format(tmp_path):
    Store.open(tmp_path, "csv", resume=False).close()
    with Store.open(tmp_path, "parquet", resume=False) as store:
        store.commit(_tables(["a"]), ["a"])
    assert json.loads((tmp_path / "parts" / "run.json").read_text(encoding="utf-8"))["format"] \
        == "parquet"


def test_a_resume_with_other_settings_names_each_difference(tmp_path):
    _committed(tmp_path, settings={"x": 1, "y": "same"}).close()
    before = (tmp_path / "parts" / "run.json").read_bytes()
    message = _error(Store.open, tmp_path, "csv", resume=True, settings={"x": 2, "y": "same",
                                                                          "z": True})
    assert message == (f"{tmp_path}: holds a run analysed with other settings (x: 1 then, 2 now; "
                       "z: none then, true now); resume with the same options, or choose "
                       "another --out")
    assert (tmp_path / "parts" / "run.json").read_bytes() == before
    with Store.open(tmp_path, "csv", resume=True, settings={"x": 1, "y": "same"}) as store:
        assert store.done == {"a", "b", "c"}  # the lock was released by the refusal


def test_a_resume_records_its_own_sources(tmp_path):
    _committed(tmp_path).close()
    with Store.open(tmp_path, "csv", resume=True, settings={"x": 1}, sources={"model": "m2"}):
        pass
    run = json.loads((tmp_path / "parts" / "run.json").read_text(encoding="utf-8"))
    assert run["sources"] == {"model": "m2"} and run["settings"] == {"x": 1}


def test_a_damaged_run_record_is_one_line(tmp_path):
    _committed(tmp_path).close()
    run = tmp_path / "parts" / "run.json"
    run.write_text("{not json", encoding="utf-8")
    assert _error(Store.open, tmp_path, "csv", resume=True) == (
        f"{run}: is damaged (not JSON); choose another --out")
    run.write_bytes(b"\xff\xfe{}")
    assert _error(Store.open, tmp_path, "csv", resume=True) == (
        f"{run}: is damaged (not UTF-8); choose another --out")
    run.write_text("[1, 2]", encoding="utf-8")  # JSON, but no record: no format to match
    assert "holds a run written as None" in _error(Store.open, tmp_path, "csv", resume=True)
    run.unlink()  # no record at all: nothing to resume with
    assert "written as None" in _error(Store.open, tmp_path, "csv", resume=True)


def _manifest(folder, *lines: str) -> None:
    (folder / "parts" / "manifest.jsonl").write_text("".join(lines), encoding="utf-8")


def test_a_chunk_counts_only_once_its_manifest_line_is_whole(tmp_path):
    _committed(tmp_path, chunks=(["a"], ["b"], ["c"])).close()
    whole = ['{"part": 0, "ids": ["a"]}\n', '{"part": 1, "ids": ["b"]}\n']
    for torn in ('{"part": 2, "ids": ["c"]}',  # no line end yet
                 '{"part": 2, "ids": ["c"\n',  # cut inside
                 '["part", 2]\n', '{"part": "2", "ids": ["c"]}\n', '{"ids": ["c"]}\n'):
        _manifest(tmp_path, *whole, torn)
        with Store.open(tmp_path, "csv", resume=True, settings={"x": 1}) as store:
            assert store.parts == [0, 1] and store.done == {"a", "b"}, torn
        assert (tmp_path / "parts" / "manifest.jsonl").read_text(encoding="utf-8") == "".join(whole)
        assert not (tmp_path / "parts" / "articles-000002.csv").exists()
        store = Store.open(tmp_path, "csv", resume=True, settings={"x": 1})
        store.commit(_tables(["c"]), ["c"])  # the lost chunk, analysed again
        store.close()


def test_lines_after_a_torn_one_are_not_trusted(tmp_path):
    _committed(tmp_path, chunks=(["a"], ["b"])).close()
    _manifest(tmp_path, '{"part": 0, "ids": ["a"]}\n', "garbage\n", '{"part": 1, "ids": ["b"]}\n')
    with Store.open(tmp_path, "csv", resume=True, settings={"x": 1}) as store:
        assert store.parts == [0] and store.done == {"a"}


def test_a_chunk_with_a_part_missing_is_analysed_again(tmp_path):
    _committed(tmp_path, chunks=(["a"], ["b"], ["c"])).close()
    (tmp_path / "parts" / "quotes-000001.csv").unlink()
    with Store.open(tmp_path, "csv", resume=True, settings={"x": 1}) as store:
        assert store.parts == [0, 2] and store.done == {"a", "c"}
    assert not (tmp_path / "parts" / "articles-000001.csv").exists()


def test_a_damaged_manifest_is_one_line(tmp_path):
    _committed(tmp_path).close()
    manifest = tmp_path / "parts" / "manifest.jsonl"
    manifest.write_bytes(b'{"part": 0, "ids": ["\xff"]}\n')
    assert _error(Store.open, tmp_path, "csv", resume=True) == (
        f"{manifest}: is damaged (not UTF-8); choose another --out")


def test_a_dangling_link_for_a_manifest_is_refused(tmp_path):
    _committed(tmp_path).close()
    manifest = tmp_path / "parts" / "manifest.jsonl"
    manifest.unlink()
    manifest.symlink_to(tmp_path / "nowhere")
    message = _error(Store.open, tmp_path, "csv", resume=True, settings={"x": 1})
    assert message.startswith(f"{manifest}: cannot be written (")


# --- only batch's own files are deleted ------------------------------------------------------


def test_orphan_parts_and_stale_temporaries_go_and_nothing_else(tmp_path):
    _committed(tmp_path, chunks=(["a"],)).close()
    parts = tmp_path / "parts"
    ours = [".articles-000000.csv.12.tmp", ".flags-000009.parquet.3.tmp", ".manifest.jsonl.7.tmp",
            ".run.json.44.tmp", "sentences-000004.csv", "actors-000123.parquet"]
    theirs = ["notes.txt", "articles-1.csv", "articles-0000001.csv", "articles-000004.csv.bak",
              "Articles-000004.csv", "article-000004.csv", "articles-000004.txt",
              ".run.json.tmp", ".run.json.x.tmp", "x.articles-000004.csv", "articles-00000a.csv",
              ".articles.csv.3.tmp", "manifest.jsonl.7.tmp"]
    for name in ours + theirs:
        (parts / name).write_text("x", encoding="utf-8")
    (parts / "flags-000005.csv").mkdir()  # a folder named like a part
    (parts / "quotes-000006.csv").symlink_to(tmp_path / "precious.txt")
    (tmp_path / "precious.txt").write_text("keep", encoding="utf-8")
    top_ours, top_theirs = [".articles.csv.5.tmp", ".actors.parquet.77.tmp"], [
        ".articles-000000.csv.5.tmp", "articles.csv.5.tmp", ".articles.csv.tmp", "mine.txt",
        ".articles.xlsx.5.tmp"]
    for name in top_ours + top_theirs:
        (tmp_path / name).write_text("x", encoding="utf-8")
    with Store.open(tmp_path, "csv", resume=True, settings={"x": 1}):
        pass
    assert _names(parts) == sorted([f"{n}-000000.csv" for n in TABLES] + theirs + [
        "flags-000005.csv", "quotes-000006.csv", "manifest.jsonl", "run.json"])
    assert (tmp_path / "precious.txt").read_text(encoding="utf-8") == "keep"
    assert not [n for n in top_ours if (tmp_path / n).exists()]
    assert all((tmp_path / n).exists() for n in top_theirs)


# --- the folder is batch's own -----------------------------------------------------------


def test_a_file_where_the_folder_should_be_is_refused(tmp_path):
    (tmp_path / "out").write_text("x", encoding="utf-8")
    assert _error(claim_folder, tmp_path / "out") == (
        f"{tmp_path / 'out'}: is a file, not a folder; choose a folder for --out")
    message = _error(claim_folder, tmp_path / "out" / "sub")
    assert message == (f"{tmp_path / 'out' / 'sub'}: cannot create the output folder "
                       "(Not a directory)")


def test_a_folder_batch_did_not_make_is_refused_with_why(tmp_path):
    (tmp_path / "thesis.docx").write_text("x", encoding="utf-8")
    message = _error(claim_folder, tmp_path)
    assert message == (f"{tmp_path}: is not empty and framing batch did not make it (it has no "
                       f"{MARKER} marker); batch writes only into a new or empty folder or its "
                       "own, so choose another --out")
    assert _names(tmp_path) == ["thesis.docx"]


def test_a_folder_of_an_older_framing_is_refused_with_why(tmp_path):
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "run.json").write_text("{}", encoding="utf-8")
    assert _error(claim_folder, tmp_path) == (
        f"{tmp_path}: was written by an older framing without the {MARKER} marker, so this one "
        "cannot tell what in it is its own; choose a new or empty --out")


@pytest.mark.parametrize("kind", ["folder", "link", "dangling link"])
def test_a_marker_that_is_no_plain_file_is_refused(tmp_path, kind):
    out, marker = tmp_path / "out", tmp_path / "out" / MARKER
    out.mkdir()
    (tmp_path / "target").write_text("keep", encoding="utf-8")
    if kind == "folder":
        marker.mkdir()
    else:
        marker.symlink_to(tmp_path / ("target" if kind == "link" else "nowhere"))
    assert _error(claim_folder, out) == (f"{marker}: is not the plain file batch keeps as its "
                                         "marker; move it away or choose another --out")
    assert (tmp_path / "target").read_text(encoding="utf-8") == "keep"


def test_a_marker_swapped_for_a_folder_after_the_check_is_refused(tmp_path, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.setattr(store_module, "_create_marker", lambda marker: marker.mkdir())
    message = _error(claim_folder, out)
    assert message.startswith(f"{out / MARKER}: ")


def test_a_marker_with_a_second_name_is_refused(tmp_path):
    out = tmp_path / "out"
    claim_folder(out)  # leaves the marker (and its lock, until the descriptor closes)
    os.link(out / MARKER, tmp_path / "other-name")
    assert _error(claim_folder, out) == (
        f"{out / MARKER}: has 2 names (a hard link to another file, which batch would "
        "overwrite); move it away or choose another --out")


def test_the_lock_names_the_process_that_holds_it(tmp_path):
    handle = claim_folder(tmp_path)
    try:
        message = _error(claim_folder, tmp_path)
        assert message == (f"{tmp_path}: another framing batch run (process {os.getpid()}) is "
                           "writing into this folder; wait for it to end or choose another --out")
        os.ftruncate(handle, 0)  # a marker whose record cannot be read: no process named
        os.write(handle, b"not json")
        assert "another framing batch run is writing" in _error(claim_folder, tmp_path)
    finally:
        os.close(handle)
    os.close(claim_folder(tmp_path))


def test_a_marker_left_by_another_run_is_taken_over(tmp_path):
    (tmp_path / MARKER).write_text('{"pid": 1, "made_by": "framing batch", "and": "more"}',
                                   encoding="utf-8")
    handle = claim_folder(tmp_path)
    os.close(handle)
    record = json.loads((tmp_path / MARKER).read_text(encoding="utf-8"))
    assert record["pid"] == os.getpid() and "and" not in record


def test_without_locks_the_run_goes_on_with_a_warning(tmp_path, monkeypatch):
    def no_locks(handle):
        raise OSError(37, "No locks available")

    monkeypatch.setattr(store_module, "_try_lock", no_locks)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        os.close(claim_folder(tmp_path))
    assert [str(w.message) for w in caught] == [
        f"{tmp_path}: cannot lock the output folder (No locks available); make sure no other "
        "batch run writes into it"]


def test_a_marker_that_cannot_be_written_is_one_line(tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store_module.os, "link", refused)
    assert _error(claim_folder, tmp_path) == (
        f"{tmp_path / MARKER}: cannot be written (Permission denied)")
    assert _names(tmp_path) == []  # no temporary left behind


def test_a_marker_made_by_a_run_that_raced_us_is_used(tmp_path, monkeypatch):
    def raced(tmp, marker):
        marker.write_text('{"pid": 1}', encoding="utf-8")
        raise FileExistsError(17, "File exists")

    monkeypatch.setattr(store_module.os, "link", raced)
    os.close(claim_folder(tmp_path))
    assert _names(tmp_path) == [MARKER]
    assert json.loads((tmp_path / MARKER).read_text(encoding="utf-8"))["pid"] == os.getpid()


# --- differences between runs, in short ------------------------------------------------


def test_differences_are_named_in_order_in_short():
    sha, other = "ab" * 32, "0f" * 32
    assert settings_differences({"model": sha, "b": 1, "same": [1]},
                                {"model": other, "same": [1], "a": "x"}) == [
        "a: none then, 'x' now", "b: 1 then, none now",
        "model: abababababab... then, 0f0f0f0f0f0f... now"]
    assert settings_differences({"lexicons": [sha, None]}, {"lexicons": [sha]}) == [
        "lexicons: [abababababab..., none] then, [abababababab...] now"]
    assert settings_differences({"x": 1}, {"x": 1}) == []


def test_long_and_odd_values_stay_short_and_readable():
    long_text, long_list = "w" * 70, {"k": "v" * 70}
    (line,) = settings_differences({"t": long_text}, {"t": "z" * 64})
    assert line == f"t: {repr(long_text)[:57]}... then, {repr('z' * 64)[:57]}... now"
    (line,) = settings_differences({"m": long_list}, {"m": {"k": "é"}})
    assert line == f"m: {json.dumps(long_list)[:57]}... then, {{\"k\": \"\\u00e9\"}} now"
    (line,) = settings_differences({"t": "AB" * 32}, {"t": "ab" * 31 + "g!"})
    assert line == f"t: {repr('AB' * 32)[:57]}... then, {repr('ab' * 31 + 'g!')[:57]}... now"
    (line,) = settings_differences({"t": "x" * 58}, {"t": "ab" * 32 + "c"})
    assert line.startswith(f"t: {'x' * 58!r} then, ")  # 60 characters: kept whole


# --- writing and joining the tables ------------------------------------------------------


def test_csv_cells_are_safe_for_spreadsheets_unless_asked_otherwise(tmp_path):
    frame = pd.DataFrame({"doc_id": ["a"], "text": ["=1+1 loaded\rword"], "tags": [["x", "y"]]})
    write_table(frame, tmp_path / "safe.csv", "csv")
    write_table(frame, tmp_path / "raw.csv", "csv", safe=False)
    safe = read_table(tmp_path / "safe.csv")
    assert safe.loc[0, "text"] == "'=1+1 loaded\rword" and safe.loc[0, "tags"] == '["x", "y"]'
    assert read_table(tmp_path / "raw.csv").loc[0, "text"] == "=1+1 loaded\rword"
    assert (tmp_path / "raw.csv").read_bytes().endswith(b"\r\n")
    assert _names(tmp_path) == ["raw.csv", "safe.csv"]


def test_a_failed_write_leaves_the_old_file_and_names_the_target(tmp_path, monkeypatch):
    target = tmp_path / "t.csv"
    write_table(pd.DataFrame({"x": [1]}), target, "csv")

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.os, "replace", full)
    assert _error(write_table, pd.DataFrame({"x": [2]}), target, "csv") == (
        f"{target}: cannot be written (No space left on device)")
    assert _names(tmp_path) == ["t.csv"] and read_table(target)["x"].tolist() == ["1"]


def test_a_folder_where_a_table_goes_is_named_as_such(tmp_path):
    (tmp_path / "t.csv").mkdir()
    assert _error(write_table, pd.DataFrame({"x": [1]}), tmp_path / "t.csv", "csv") == (
        f"{tmp_path / 't.csv'}: is a folder where batch keeps a file; move it away or choose "
        "another --out")


def test_a_typed_parquet_part_keeps_the_schema_types(tmp_path):
    frame = pd.DataFrame({"doc_id": ["a"], "start": [3], "end": [9], "outlet": ["x"]})
    write_table(frame, tmp_path / "s.parquet", "parquet", "sentences")
    schema = pq.read_schema(tmp_path / "s.parquet")
    assert schema.field("start").type == pa.int64() and schema.field("doc_id").type == pa.string()
    assert schema.metadata[b"framing_schema_version"]


def test_mixed_metadata_is_written_as_text(tmp_path):
    frame = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": [2024, "unknown", None],
                          "tags": [["x"], None, ["y", "z"]]})
    write_table(frame, tmp_path / "m.parquet", "parquet", "articles")
    back = read_table(tmp_path / "m.parquet")
    assert back["year"].tolist()[:2] == ["2024", "unknown"] and pd.isna(back["year"][2])
    assert [None if v is None else list(v) for v in back["tags"]] == [["x"], None, ["y", "z"]]


def test_an_arrow_table_is_written_as_it_is(tmp_path):
    table = pa.table({"doc_id": ["a"], "n": pa.array([1], pa.int16())})
    write_table(table, tmp_path / "a.parquet", "parquet", "articles")
    assert pq.read_schema(tmp_path / "a.parquet").field("n").type == pa.int16()


def test_columns_keep_their_first_order_with_groups_together_and_error_last():
    assert order_columns(["doc_id", "error", "rate.a", "n", "rate.b", "n", "x.y", "rate"]) == [
        "doc_id", "rate.a", "rate.b", "rate", "n", "x.y", "error"]
    assert order_columns(["b", "a"]) == ["b", "a"]


def test_a_rate_an_article_never_uses_is_zero_unless_it_failed():
    table = pd.DataFrame({"doc_id": ["a", "b", "c"], RATE: [2.5, None, None],
                          "n": [None, None, 1], "error": [None, None, "unreadable"]})
    filled = fill_missing_rates(table)
    assert filled[RATE].tolist()[:2] == [2.5, 0.0] and pd.isna(filled.loc[2, RATE])
    assert filled["n"].isna().tolist() == [True, True, False]  # only rates
    assert table[RATE].isna().sum() == 2  # the caller's table is left alone
    text = pd.DataFrame({RATE: ["1.5", None], "error": [None, None]})  # as CSV reads it
    assert fill_missing_rates(text)[RATE].tolist() == [1.5, 0.0]
    no_error = pd.DataFrame({RATE: [None]})
    assert fill_missing_rates(no_error) is no_error


def _parts(tmp_path, fmt, chunks):
    store = Store.open(tmp_path, fmt, resume=False)
    for ids, tables in chunks:
        store.commit(tables, ids)
    return store


def _chunk_tables(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {name: frame for name in TABLES}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_assembled_tables_join_every_part_in_order(tmp_path, fmt):
    # b never uses the category a uses: its rate is 0 in both formats (in Parquet it was
    # missing until issue 31).
    first = pd.DataFrame({"doc_id": ["a", "b"], "n": [1, 2], RATE: [0.5, None],
                          "error": [None, None]})
    second = pd.DataFrame({"doc_id": ["c"], "outlet": ["x"], "n": [2.5], "error": ["broken"]})
    third = pd.DataFrame({"doc_id": ["d"], "n": [None], "error": [None]})
    with _parts(tmp_path, fmt, [(["a", "b"], _chunk_tables(first)), (["c"], _chunk_tables(second)),
                                (["d"], _chunk_tables(third))]) as store:
        written = store.assemble({"framing_run": "ours"})
    assert written == {n: tmp_path / f"{n}.{fmt}" for n in TABLES}
    articles = read_table(written["articles"])
    assert articles.columns.tolist() == ["doc_id", "n", RATE, "outlet", "error"]
    assert articles["doc_id"].tolist() == ["a", "b", "c", "d"]
    assert pd.to_numeric(articles["n"]).tolist()[:3] == [1.0, 2.0, 2.5]
    rates = pd.to_numeric(articles[RATE])
    assert rates[0] == 0.5 and rates[1] == 0.0 and pd.isna(rates[2]) and rates[3] == 0.0
    assert articles["outlet"].isna().tolist() == [True, True, False, True]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    if fmt == "parquet":
        schema = pq.read_schema(written["articles"])
        assert schema.metadata[b"framing_run"] == b"ours"
        assert schema.field("n").type == pa.float64() and schema.field(RATE).type == pa.float64()


def test_parquet_types_join_as_the_parts_allow(tmp_path):
    first = pd.DataFrame({"doc_id": ["a"], "k": [1], "w": ["x"], "z": [None], "q": [1]})
    second = pd.DataFrame({"doc_id": ["b"], "k": [2], "w": [3], "z": [None], "q": [1.5]})
    with _parts(tmp_path, "parquet", [(["a"], _chunk_tables(first)),
                                      (["b"], _chunk_tables(second))]) as store:
        store.assemble()
    schema = pq.read_schema(tmp_path / "articles.parquet")
    assert schema.field("k").type == pa.int64()  # one type in every part: kept
    assert schema.field("q").type == pa.float64()  # numbers of two kinds: float
    assert schema.field("w").type == pa.string()  # words and numbers: text
    assert schema.field("z").type == pa.string()  # only missing values: text
    assert read_table(tmp_path / "articles.parquet")["w"].tolist() == ["x", "3"]


def test_assembling_no_chunk_writes_empty_tables(tmp_path):
    for fmt in ("csv", "parquet"):
        with Store.open(tmp_path / fmt, fmt, resume=False) as store:
            written = store.assemble()
        assert all(path.is_file() for path in written.values())


def test_a_folder_where_an_assembled_table_goes_is_one_line(tmp_path):
    frame = pd.DataFrame({"doc_id": ["a"], "n": [1]})
    with _parts(tmp_path, "csv", [(["a"], _chunk_tables(frame))]) as store:
        (tmp_path / "sentences.csv").mkdir()
        message = _error(store.assemble)
    assert message.startswith(f"{tmp_path / 'sentences.csv'}: is a folder where batch keeps")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# --- issue 31, second pass: what the first mutation run of store left alive -------------


def test_csv_parts_are_safe_for_spreadsheets_unless_the_run_says_otherwise(tmp_path):
    formula = {n: pd.DataFrame({"doc_id": ["a"], "cell": ["=1+1"]}) for n in TABLES}
    for safe, folder in ((True, "safe"), (False, "raw")):
        options = {} if safe else {"csv_safe": False}
        with Store.open(tmp_path / folder, "csv", resume=False, **options) as store:
            store.commit(formula, ["a"])
        cell = read_table(tmp_path / folder / "parts" / "flags-000000.csv").loc[0, "cell"]
        assert cell == ("'=1+1" if safe else "=1+1")


def test_parquet_parts_are_typed_by_the_schema(tmp_path):
    sentences = pd.DataFrame({"doc_id": ["a"], "start": [3.0], "end": [9.0]})
    with Store.open(tmp_path, "parquet", resume=False) as store:
        store.commit({**_tables(["a"]), "sentences": sentences}, ["a"])
    schema = pq.read_schema(tmp_path / "parts" / "sentences-000000.parquet")
    assert schema.field("start").type == pa.int64()


def test_closing_twice_is_harmless(tmp_path):
    store = Store.open(tmp_path, "csv", resume=False)
    with store:
        pass
    store.close()
    os.close(claim_folder(tmp_path))  # and the folder is free


def test_a_full_disk_while_committing_is_one_line_and_the_chunk_not_done(tmp_path, monkeypatch):
    store = Store.open(tmp_path, "csv", resume=False)
    real, calls = os.fsync, []

    def full(fd):  # the part files go to disk; the manifest line does not
        calls.append(fd)
        if len(calls) > len(TABLES):
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr(store_module.os, "fsync", full)
    assert _error(store.commit, _tables(["a"]), ["a"]) == (
        f"{tmp_path / 'parts' / 'manifest.jsonl'}: cannot be written (No space left on device)")
    assert store.done == set() and store.parts == []
    store.close()


def test_a_full_disk_while_assembling_names_the_table(tmp_path, monkeypatch):
    def full(*args):
        raise OSError(28, "No space left on device")

    with _committed(tmp_path) as store:
        monkeypatch.setattr(store_module, "_assemble_csv", full)
        assert _error(store.assemble) == (
            f"{tmp_path / 'articles.csv'}: cannot be written (No space left on device)")


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_full_disk_while_recording_the_run_is_one_line(tmp_path, monkeypatch, when):
    def full(*args, **kwargs):
        if when == "after":  # the temporary was written; the rename failed
            raise OSError(28, "No space left on device")
        raise OSError(28, "No space left on device")

    target = "replace" if when == "after" else None
    if target:
        monkeypatch.setattr(store_module.os, "replace", full)
    else:
        monkeypatch.setattr(store_module.Path, "write_text", full)
    message = _error(Store.open, tmp_path, "csv", resume=False)
    assert message == (f"{tmp_path / 'parts' / 'run.json'}: cannot be written "
                       "(No space left on device)")
    assert not [p for p in (tmp_path / "parts").iterdir() if p.name.endswith(".tmp")]


def test_a_run_record_that_contradicts_the_parts_is_refused(tmp_path):
    _committed(tmp_path, "csv").close()
    run = tmp_path / "parts" / "run.json"
    run.write_text('{"format": "parquet", "settings": {"x": 1}}', encoding="utf-8")
    assert _error(Store.open, tmp_path, "csv", resume=True, settings={"x": 1}) == (
        f"{tmp_path}: holds a run written as parquet; resume it with --format parquet")
    run.write_text('{"format": "csv"}', encoding="utf-8")  # no settings recorded
    assert "(x: none then, 1 now)" in _error(Store.open, tmp_path, "csv", resume=True,
                                             settings={"x": 1})


def test_a_marker_swapped_for_a_link_after_the_check_is_not_followed(tmp_path, monkeypatch):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / MARKER).symlink_to(precious)
    monkeypatch.setattr(store_module, "_check_owned", lambda outdir, marker: None)
    assert _error(claim_folder, out).startswith(f"{out / MARKER}: cannot be written (")
    assert precious.read_text(encoding="utf-8") == "keep me"


def test_a_marker_swapped_for_a_pipe_after_the_check_is_refused(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / MARKER)
    monkeypatch.setattr(store_module, "_check_owned", lambda outdir, marker: None)
    assert _error(claim_folder, out) == (f"{out / MARKER}: is not the plain file batch keeps "
                                         "as its marker; move it away or choose another --out")


def test_a_link_planted_where_the_new_marker_is_written_is_not_followed(tmp_path,
                                                                       monkeypatch):
    monkeypatch.setattr(store_module, "_check_owned", lambda outdir, marker: None)
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / f".{MARKER}.{os.getpid()}.tmp").symlink_to(precious)
    assert _error(claim_folder, out).startswith(f"{out / MARKER}: cannot be written (")
    assert precious.read_text(encoding="utf-8") == "keep me"


def test_a_marker_that_cannot_be_created_is_one_line(tmp_path, monkeypatch):
    real_open = os.open

    def refused(path, flags, mode=0o777):
        if str(path).endswith(".tmp"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, mode)

    monkeypatch.setattr(store_module.os, "open", refused)
    assert _error(claim_folder, tmp_path) == (
        f"{tmp_path / MARKER}: cannot be written (Permission denied)")


def test_the_marker_is_a_plain_record_of_the_run(tmp_path):
    from framing.version import __version__

    os.close(claim_folder(tmp_path))
    marker = tmp_path / MARKER
    assert marker.stat().st_mode & 0o111 == 0  # not a program
    record = json.loads(marker.read_text(encoding="utf-8"))
    assert record == {"made_by": "framing batch", "version": __version__, "pid": os.getpid()}


@pytest.mark.parametrize("record", ['{"made_by": "framing batch"}', '{"pid": "x"}'])
def test_a_lock_holder_without_a_process_number_is_not_named(tmp_path, record):
    handle = claim_folder(tmp_path)
    try:
        os.ftruncate(handle, 0)
        os.lseek(handle, 0, os.SEEK_SET)
        os.write(handle, record.encode())
        assert _error(claim_folder, tmp_path) == (
            f"{tmp_path}: another framing batch run is writing into this folder; wait for it to "
            "end or choose another --out")
    finally:
        os.close(handle)


def test_a_file_where_batch_keeps_its_parts_folder_is_one_line(tmp_path):
    Store.open(tmp_path, "csv", resume=False).close()
    (tmp_path / "parts" / "run.json").unlink()
    (tmp_path / "parts" / "manifest.jsonl").unlink()
    (tmp_path / "parts").rmdir()
    (tmp_path / "parts").write_text("mine", encoding="utf-8")
    assert _error(Store.open, tmp_path, "csv", resume=True) == (
        f"{tmp_path / 'parts'}: is a file where batch keeps a folder; move it away or choose "
        "another --out")


def test_a_link_to_a_folder_where_the_manifest_goes_is_named_as_a_folder(tmp_path):
    _committed(tmp_path).close()
    manifest = tmp_path / "parts" / "manifest.jsonl"
    (tmp_path / "elsewhere").mkdir()
    manifest.unlink()
    manifest.symlink_to(tmp_path / "elsewhere")
    assert _error(Store.open, tmp_path, "csv", resume=True).startswith(
        f"{manifest}: is a folder where batch keeps a file")


def test_a_folder_refusing_a_rename_is_named_as_a_folder(tmp_path, monkeypatch):
    (tmp_path / "t.csv").mkdir()

    def refused(*args):  # as Windows answers a rename over a folder
        raise PermissionError(13, "Access is denied")

    monkeypatch.setattr(store_module.os, "replace", refused)
    assert _error(write_table, pd.DataFrame({"x": [1]}), tmp_path / "t.csv", "csv").startswith(
        f"{tmp_path / 't.csv'}: is a folder where batch keeps a file")


def test_a_table_into_a_missing_folder_is_one_line(tmp_path):
    for fmt in ("csv", "parquet"):
        target = tmp_path / "gone" / f"t.{fmt}"
        assert _error(write_table, pd.DataFrame({"x": [1]}), target, fmt).startswith(
            f"{target}: cannot be written (")


def test_short_values_end_at_sixty_characters():
    (line,) = settings_differences({"t": "x" * 59}, {"t": "y" * 10})  # repr: 61 characters
    assert line == f"t: {repr('x' * 59)[:57]}... then, 'yyyyyyyyyy' now"
    (line,) = settings_differences({"t": "Xf" * 32}, {"t": None})  # 64 characters, not hex
    assert line == f"t: {repr('Xf' * 32)[:57]}... then, none now"


def test_pyarrow_missing_is_one_line_that_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    assert _error(Store.open, tmp_path / "out", "parquet", resume=False) == (
        f"{tmp_path / 'out'}: Parquet output needs pyarrow: pip install 'framing[parquet]', "
        "or pass --format csv")


def test_csv_cells_that_look_missing_are_read_back_as_written(tmp_path):
    words = ["NA", "null", "None", "nan", "N/A", "#N/A", ""]
    write_table(pd.DataFrame({"outlet": words}), tmp_path / "t.csv", "csv")
    back = read_table(tmp_path / "t.csv")["outlet"]
    assert back.tolist()[:-1] == words[:-1] and pd.isna(back.iloc[-1])


def test_a_parquet_table_is_written_without_its_index(tmp_path):
    frame = pd.DataFrame({"doc_id": ["a", "b", "c"], "x": [1, 2, 3]}).iloc[[0, 2]]
    write_table(frame, tmp_path / "plain.parquet", "parquet")
    write_table(frame, tmp_path / "typed.parquet", "parquet", "articles")
    for name in ("plain", "typed"):
        back = read_table(tmp_path / f"{name}.parquet")
        assert back.columns.tolist() == ["doc_id", "x"] and back.index.tolist() == [0, 1]


def test_assembled_parquet_keeps_the_schema_version_of_its_parts(tmp_path):
    for chunks in ([["a"]], [["a"], ["b"]]):
        folder = tmp_path / str(len(chunks))
        with _committed(folder, "parquet", chunks=chunks) as store:
            store.assemble({"framing_run": "ours"})
        metadata = pq.read_schema(folder / "articles.parquet").metadata
        assert b"framing_schema_version" in metadata and metadata[b"framing_run"] == b"ours"


def test_only_rates_become_zero_and_other_counts_stay_unknown(tmp_path):
    first = pd.DataFrame({"doc_id": ["a", "b"], RATE: [0.5, None], "n": [1.0, None],
                          "error": [None, None]})
    with _parts(tmp_path, "parquet", [(["a", "b"], _chunk_tables(first))]) as store:
        store.assemble()
    articles = read_table(tmp_path / "articles.parquet")
    assert articles[RATE].tolist() == [0.5, 0.0]
    assert articles["n"].tolist()[0] == 1.0 and pd.isna(articles["n"].tolist()[1])


def test_assembled_csv_rows_end_in_crlf_so_a_lone_cr_reads_back(tmp_path):
    frame = pd.DataFrame({"doc_id": ["a", "b"], "text": ["one\rtwo", "three\nfour"]})
    with _parts(tmp_path, "csv", [(["a"], _chunk_tables(frame.iloc[:1])),
                                  (["b"], _chunk_tables(frame.iloc[1:]))]) as store:
        store.assemble()
    raw = (tmp_path / "articles.csv").read_bytes()
    assert raw.startswith(b"doc_id,text\r\n") and raw.endswith(b"\r\n")
    assert raw.count(b"\r\n") == 3
    assert read_table(tmp_path / "articles.csv")["text"].tolist() == ["one\rtwo", "three\nfour"]


def _windows_like(monkeypatch):
    """Text files opened without an encoding get cp1252, as on Windows."""
    import pathlib

    real = pathlib.io.open

    def opened(file, mode="r", buffering=-1, encoding=None, *args, **kwargs):
        if "b" not in mode and encoding in (None, "locale"):
            encoding = "cp1252"
        return real(file, mode, buffering, encoding, *args, **kwargs)

    monkeypatch.setattr(pathlib.io, "open", opened)


def test_a_machine_whose_default_encoding_is_not_utf8_writes_the_same_folder(tmp_path,
                                                                             monkeypatch):
    _windows_like(monkeypatch)
    ids = ["Łódź", "café"]
    with Store.open(tmp_path, "csv", resume=False, settings={"place": "Łódź"}) as store:
        store.commit(_tables(ids), ids)
    with Store.open(tmp_path, "csv", resume=True, settings={"place": "Łódź"}) as store:
        assert store.done == set(ids)
        store.assemble()
    for name in ("parts/manifest.jsonl", "parts/run.json", "articles.csv"):
        assert "Łódź" in (tmp_path / name).read_bytes().decode("utf-8"), name
