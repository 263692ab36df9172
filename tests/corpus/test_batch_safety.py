"""Batch never loses, mixes or corrupts a researcher's data (issue 19, items 1-4, 6, 7 and
the batch minors): an output folder it owns, a lock, settings checked on --resume, inputs
never overwritten, ids from any file name, CR-safe CSV and a CPU-time limit per document."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.cli.corpus import batch_command
from framing.corpus.batch import AnalyzerSpec, ReadOptions, analyze_frame, run_batch
from framing.corpus.compare import compare_groups
from framing.corpus.store import MARKER, Store, read_table

NO_MODEL = AnalyzerSpec(model=None)
TEXT = "Critics slammed the regime's bellicose plan. It was a power grab."
CALM = "The council approved the budget on Tuesday."


def _run(args: list[str], **kwargs):
    return CliRunner().invoke(main, ["batch", "--no-model", "-j", "1", "-q", *args], **kwargs)


def _one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output, result.output
    for needle in needles:
        assert needle in result.output, result.output


def _corpus(folder: Path, n: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i}.txt").write_text(f"{TEXT} Item {i}.", encoding="utf-8")
    return folder


def _tree(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


# --- item 1 and ownership: never delete or write into what batch did not make -----------


def test_foreign_files_in_parts_survive_a_resume_and_a_fresh_run(tmp_path):
    corpus, out = _corpus(tmp_path / "c"), tmp_path / "out"
    assert _run([str(corpus), "-o", str(out)]).exit_code == 0
    (out / "parts" / "notes.txt").write_text("my notes", encoding="utf-8")
    (out / "parts" / "sub").mkdir()
    (out / "parts" / "sub" / "x.txt").write_text("x", encoding="utf-8")
    (out / "parts" / "articles-000007.parquet").mkdir()  # a folder where a part could go
    result = _run([str(corpus), "-o", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert (out / "parts" / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert (out / "parts" / "sub" / "x.txt").exists()
    assert (out / "parts" / "articles-000007.parquet").is_dir()


def test_a_non_empty_folder_batch_did_not_make_is_refused_and_left_alone(tmp_path):
    corpus, out = _corpus(tmp_path / "c"), tmp_path / "theirs"
    (out / "parts" / "sub").mkdir(parents=True)
    (out / "parts" / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "thesis.docx").write_bytes(b"chapter one")
    before = _tree(out)
    for extra in ([], ["--resume"]):
        result = _run([str(corpus), "-o", str(out), *extra])
        _one_line_error(result, str(out), "not empty", MARKER)
    assert _tree(out) == before


def test_an_empty_folder_is_taken_and_marked(tmp_path):
    corpus, out = _corpus(tmp_path / "c"), tmp_path / "empty"
    out.mkdir()
    assert _run([str(corpus), "-o", str(out)]).exit_code == 0
    assert (out / MARKER).is_file()
    assert len(read_table(out / "articles.parquet")) == 3


def test_a_folder_from_an_older_framing_is_refused_with_the_reason(tmp_path):
    corpus, out = _corpus(tmp_path / "c"), tmp_path / "old"
    (out / "parts").mkdir(parents=True)
    (out / "parts" / "run.json").write_text('{"format": "parquet"}\n', encoding="utf-8")
    _one_line_error(_run([str(corpus), "-o", str(out), "--resume"]), "older framing")


# --- item 2: never overwrite the input ------------------------------------------------------


def test_batch_refuses_to_write_over_its_input_table(tmp_path, monkeypatch):
    work = tmp_path / "w"
    work.mkdir()
    pd.DataFrame({"text": [TEXT, CALM]}).to_csv(work / "articles.csv", index=False)
    before = (work / "articles.csv").read_bytes()
    monkeypatch.chdir(work)
    result = _run(["articles.csv", "--format", "csv", "-o", "."])
    _one_line_error(result, "articles.csv", "output folder")
    assert (work / "articles.csv").read_bytes() == before
    assert sorted(p.name for p in work.iterdir()) == ["articles.csv"]


def test_batch_refuses_an_input_inside_a_folder_it_owns(tmp_path):
    corpus, out = _corpus(tmp_path / "c"), tmp_path / "out"
    assert _run([str(corpus), "--format", "csv", "-o", str(out)]).exit_code == 0
    table = out / "articles.csv"
    before = table.read_bytes()
    result = _run([str(table), "--format", "csv", "-o", str(out), "--resume"])
    _one_line_error(result, str(table), "output folder")
    assert table.read_bytes() == before


def test_a_folder_input_that_holds_the_output_folder_skips_the_outputs(tmp_path):
    root = _corpus(tmp_path / "root")
    out = root / "out"
    args = [str(root), "--glob", "*.txt", "--glob", "*.csv", "--format", "csv", "-o", str(out)]
    assert _run(args).exit_code == 0
    (out / "parts" / "stray.txt").write_text(CALM, encoding="utf-8")
    result = _run([*args, "--resume"])
    assert result.exit_code == 0, result.output
    ids = read_table(out / "articles.csv")["doc_id"].tolist()
    assert sorted(ids) == sorted(str(root / f"a{i}.txt") for i in range(3))


# --- item 3: a lock --------------------------------------------------------------------------


def test_a_second_run_into_a_locked_folder_refuses_at_once(tmp_path):
    corpus, out = _corpus(tmp_path / "c"), tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\n"
         "from framing.corpus.store import Store\n"
         f"store = Store.open({str(out)!r}, 'csv', resume=False)\n"
         "print('locked', flush=True)\n"
         "time.sleep(120)\n"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        second = subprocess.run(
            [sys.executable, "-m", "framing", "batch", str(corpus), "-o", str(out), "--format",
             "csv", "--no-model", "-j", "1", "-q", "--resume"],
            capture_output=True, text=True, timeout=120)
        assert second.returncode == 2, second.stderr
        assert second.stderr.count("\n") == 1 and "another framing batch run" in second.stderr
        assert f"process {holder.pid}" in second.stderr
        assert not (out / "articles.csv").exists()
    finally:
        holder.kill()
        holder.wait()
    # The holder was killed, not closed: its lock went with it.
    result = _run([str(corpus), "--format", "csv", "-o", str(out), "--resume"])
    assert result.exit_code == 0, result.output


def test_the_lock_is_held_until_the_store_closes(tmp_path):
    with (Store.open(tmp_path / "out", "csv", resume=False),
          pytest.raises(Exception, match="another framing batch run")):
        Store.open(tmp_path / "out", "csv", resume=True)
    Store.open(tmp_path / "out", "csv", resume=True).close()


# --- item 4: ids from file names that are not UTF-8 ------------------------------------------


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_non_utf8_file_names_are_read_and_get_printable_ids(tmp_path, fmt):
    corpus = tmp_path / "zip"
    corpus.mkdir()
    raw = os.fsencode(corpus) + b"/caf\xe9 \xff.txt"
    try:
        with open(raw, "wb") as handle:
            handle.write(TEXT.encode())
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    (corpus / "ok.txt").write_text(CALM, encoding="utf-8")
    out = tmp_path / "out"
    result = _run([str(corpus), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    articles = read_table(out / f"articles.{fmt}").set_index("doc_id")
    printable = f"{corpus}/caf\\xe9 \\xff.txt"
    assert printable in articles.index
    assert pd.isna(articles.loc[printable, "error"])  # the file itself was read
    assert int(articles.loc[printable, "n_flags"]) >= 3
    assert articles.loc[printable, "source"] == printable
    manifest = (out / "parts" / "manifest.jsonl").read_text(encoding="utf-8")
    assert printable in json.loads(manifest.splitlines()[0])["ids"]
    again = _run([str(corpus), "--format", fmt, "-o", str(out), "--resume"])
    assert again.exit_code == 0 and "2 already done earlier" in again.output


def test_lone_surrogates_in_a_jsonl_table_are_one_line(tmp_path):
    # pandas cannot hold them in its text columns: the table is refused, not the run lost
    path = tmp_path / "news.jsonl"
    path.write_text('{"id": "bad\\udce9id", "text": "The regime fell."}\n', encoding="utf-8")
    result = _run([str(path), "--id-col", "id", "-o", str(tmp_path / "out")])
    _one_line_error(result, str(path), "cannot be read as a table")


# --- item 6: settings travel with the run ------------------------------------------------


def _lexicon(path: Path, term: str) -> Path:
    path.write_text("term\tcategory\tweight\tpolarity\trationale\talternative\tforms\n"
                    f"{term}\tloaded_negative\t0.5\t-1\tOur own test entry.\t\t\n",
                    encoding="utf-8")
    return path


def test_run_json_records_the_analysis_settings(tmp_path):
    corpus, out = _corpus(tmp_path / "c"), tmp_path / "out"
    lexicon = _lexicon(tmp_path / "mine.tsv", "budget")
    assert _run([str(corpus), "-o", str(out), "--lexicon", str(lexicon)]).exit_code == 0
    run = json.loads((out / "parts" / "run.json").read_text(encoding="utf-8"))
    settings = run["settings"]
    assert settings["model"] is None and len(settings["builtin_lexicons"]) == 64
    assert [len(h) for h in settings["lexicons"]] == [64]
    assert run["sources"]["lexicons"] == [str(lexicon)]
    assert {"encoding", "text_col", "id_col", "meta_cols", "framing_version"} <= set(settings)


def test_resume_with_other_settings_refuses_naming_the_difference(tmp_path):
    corpus, out = _corpus(tmp_path / "c"), tmp_path / "out"
    lexicon = _lexicon(tmp_path / "mine.tsv", "budget")
    assert _run([str(corpus), "-o", str(out), "--lexicon", str(lexicon)]).exit_code == 0
    _corpus(corpus, 5)  # two more files to analyse
    before = _tree(out)
    _one_line_error(_run([str(corpus), "-o", str(out), "--resume"]), "lexicons", str(out))
    _lexicon(lexicon, "council")  # same path, other content
    _one_line_error(_run([str(corpus), "-o", str(out), "--resume", "--lexicon", str(lexicon)]),
                    "lexicons")
    _lexicon(lexicon, "budget")
    _one_line_error(CliRunner().invoke(main, ["batch", "-j", "1", "-q", str(corpus), "-o",
                                              str(out), "--resume", "--lexicon", str(lexicon)]),
                    "model")
    _one_line_error(_run([str(corpus), "-o", str(out), "--resume", "--lexicon", str(lexicon),
                          "--encoding", "cp1252"]), "encoding")
    assert _tree(out) == before  # nothing was touched by the refusals
    copy = tmp_path / "copy.tsv"
    copy.write_bytes(lexicon.read_bytes())  # the same lexicon at another path is the same
    result = _run([str(corpus), "-o", str(out), "--resume", "--lexicon", str(copy)])
    assert result.exit_code == 0, result.output
    assert "2 analysed" in result.output and "3 already done earlier" in result.output


def test_resume_with_other_meta_from_path_refuses(tmp_path):
    corpus, out = _corpus(tmp_path / "c"), tmp_path / "out"
    assert _run([str(corpus), "-o", str(out), "--meta-from-path", "outlet={parent}"]).exit_code == 0
    _corpus(corpus, 5)
    _one_line_error(_run([str(corpus), "-o", str(out), "--resume",
                          "--meta-from-path", "outlet={stem}"]), "meta_from_path")
    _one_line_error(_run([str(corpus), "-o", str(out), "--resume"]), "meta_from_path")
    result = _run([str(corpus), "-o", str(out), "--resume", "--meta-from-path", "outlet={parent}"])
    assert result.exit_code == 0 and "2 analysed" in result.output, result.output


# --- item 7: CR-only text in CSV output ----------------------------------------------------


def test_cr_only_text_round_trips_through_batch_csv(tmp_path):
    texts = ["The regime\rslammed it.\rSecond\rline here.", "Plain\r\rtext.", CALM]
    path = tmp_path / "news.jsonl"
    pd.DataFrame({"id": ["a", "b", "c"], "text": texts, "outlet": ["x\ry", "o", "p"]}) \
        .to_json(path, orient="records", lines=True)
    result = _run([str(path), "--id-col", "id", "--meta-col", "outlet", "--format", "csv",
                   "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    articles = read_table(tmp_path / "out" / "articles.csv")
    assert articles["doc_id"].tolist() == ["a", "b", "c"]
    assert articles["outlet"].tolist() == ["x\ry", "o", "p"]
    sentences = read_table(tmp_path / "out" / "sentences.csv")
    assert set(sentences["doc_id"]) == {"a", "b", "c"}
    for doc_id, text in zip("abc", texts, strict=True):
        mine = sentences[sentences["doc_id"] == doc_id]
        for start, end, sentence in mine[["start", "end", "text"]].itertuples(index=False):
            assert text[int(start):int(end)] == sentence


# --- bounded work per document --------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_over_the_cpu_time_limit_becomes_an_error_row(tmp_path, jobs):
    path = tmp_path / "news.jsonl"
    long_text = " ".join([TEXT] * 40_000)  # about 10 s of CPU, far over the limit
    pd.DataFrame({"id": ["short", "long", "after"], "text": [CALM, long_text, TEXT]}) \
        .to_json(path, orient="records", lines=True)
    result = CliRunner().invoke(main, ["batch", "--no-model", "-q", "-j", jobs, str(path),
                                       "--id-col", "id", "--chunk-size", "3",
                                       "--timeout-per-doc", "0.5", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    articles = read_table(tmp_path / "out" / "articles.parquet").set_index("doc_id")
    assert "0.5 s of CPU time" in articles.loc["long", "error"]
    assert "--timeout-per-doc" in articles.loc["long", "error"]
    assert articles.loc[["short", "after"], "error"].isna().all()
    assert articles.loc["after", "n_flags"] >= 3  # the analyzer still works after a timeout


def test_timeout_per_doc_is_on_by_default():
    option = next(p for p in batch_command.params if p.name == "timeout_per_doc")
    assert option.default > 0
    assert ReadOptions().timeout is None  # the library leaves it to the caller


# --- minors: assembly, folders where files belong, compare ---------------------------------


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_a_write_error_during_assembly_leaves_no_temporary_file(tmp_path, monkeypatch, fmt):
    corpus, out = _corpus(tmp_path / "c"), tmp_path / "out"
    import framing.corpus.store as store

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_conform" if fmt == "parquet" else "fill_missing_rates",
                        full_disk)
    result = _run([str(corpus), "--format", fmt, "-o", str(out)])
    _one_line_error(result, "No space left on device", f"articles.{fmt}")
    assert not [p for p in out.rglob("*.tmp")]


@pytest.mark.parametrize("where", ["articles.parquet", "parts/flags-000000.parquet",
                                   "parts/manifest.jsonl", "parts/run.json", MARKER])
def test_a_folder_where_batch_writes_a_file_is_one_line(tmp_path, where):
    corpus, out = _corpus(tmp_path / "c"), tmp_path / "out"
    out.mkdir()
    if where != MARKER:
        (out / MARKER).write_text("{}", encoding="utf-8")
    (out / where).mkdir(parents=True)
    _one_line_error(_run([str(corpus), "-o", str(out)]), str(out / where))


def test_a_marker_that_is_a_symlink_is_refused_and_its_target_untouched(tmp_path):
    corpus, out = _corpus(tmp_path / "c"), tmp_path / "out"
    out.mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    (out / MARKER).symlink_to(precious)
    _one_line_error(_run([str(corpus), "-o", str(out)]), str(out / MARKER), "marker")
    assert precious.read_text(encoding="utf-8") == "keep me"


def test_a_file_where_batch_keeps_a_folder_is_one_line(tmp_path):
    corpus, out = _corpus(tmp_path / "c"), tmp_path / "out"
    out.mkdir()
    (out / MARKER).write_text("{}", encoding="utf-8")
    (out / "parts").write_text("not a folder", encoding="utf-8")
    _one_line_error(_run([str(corpus), "-o", str(out)]), str(out / "parts"), "is a file")


def test_missing_column_lists_the_columns_the_table_has(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame({"body": [TEXT], "url": ["u"]}).to_csv(path, index=False)
    _one_line_error(_run([str(path), "-o", str(tmp_path / "out")]), "(columns: body, url)")
    pd.DataFrame({"body": [TEXT], "url": ["u"]}).to_parquet(tmp_path / "news.parquet")
    _one_line_error(_run([str(tmp_path / "news.parquet"), "-o", str(tmp_path / "out2")]),
                    "(columns: body, url)")


def _tables(texts: list[str], outlets: list[str]) -> dict[str, pd.DataFrame]:
    frame = pd.DataFrame({"text": texts, "outlet": outlets})
    return analyze_frame(frame, analyzer=NO_MODEL)._asdict()


def test_compare_reports_a_group_whose_articles_all_failed():
    # Issue 27: texts under 50 words are not judged, so A's two get neutral sentences.
    padding = " ".join(f"The council met in room {n} to talk about the budget." for n in range(6))
    comparison = compare_groups(tables=_tables([f"{TEXT} {padding}", "", f"{CALM} {padding}",
                                                " ", CALM], ["A", "B", "A", "B", "A"]))
    groups = comparison.groups
    assert set(groups.index) == {"A", "B"}
    assert groups.loc["B", "articles"] == 0 and groups.loc["B", "errors"] == 2
    assert groups.loc["A", "articles"] == 2 and groups.loc["A", "errors"] == 0
    assert groups.loc["A", "not_judged"] == 1 and groups.loc["B", "not_judged"] == 0
    assert pd.isna(groups.loc["B", "mean_slant"])


def test_compare_when_every_article_failed_reports_the_groups():
    comparison = compare_groups(tables=_tables(["", " "], ["A", "B"]))
    assert comparison.groups["errors"].to_dict() == {"A": 1, "B": 1}
    assert comparison.terms.empty


def test_compare_with_repeated_ids_is_one_line(tmp_path):
    tables = _tables([TEXT, CALM], ["A", "B"])
    out = tmp_path / "out"
    out.mkdir()
    for name, table in tables.items():
        pd.concat([table, table]).to_parquet(out / f"{name}.parquet")
    result = CliRunner().invoke(main, ["compare", str(out), "--bootstrap", "100"])
    _one_line_error(result, str(out), "repeats")


def test_compare_of_a_run_with_a_failed_group_prints_it(tmp_path):
    out = tmp_path / "out"
    path = tmp_path / "news.jsonl"
    pd.DataFrame({"text": [TEXT, "", CALM], "outlet": ["A", "B", "A"]}) \
        .to_json(path, orient="records", lines=True)
    assert _run([str(path), "--meta-col", "outlet", "-o", str(out)]).exit_code == 0
    result = CliRunner().invoke(main, ["compare", str(out), "--bootstrap", "100"])
    assert result.exit_code == 0, result.output
    assert "B" in result.output


def test_run_batch_in_python_closes_its_lock(tmp_path):
    corpus = _corpus(tmp_path / "c")
    run_batch([str(corpus)], tmp_path / "out", analyzer=NO_MODEL, n_jobs=1)
    again = run_batch([str(corpus)], tmp_path / "out", analyzer=NO_MODEL, n_jobs=1, resume=True)
    assert again.skipped_done == 3


def test_a_file_system_without_locks_warns_and_runs(tmp_path, monkeypatch):
    import framing.corpus.store as store

    def no_locks(handle):
        raise OSError(37, "No locks available")

    monkeypatch.setattr(store, "_try_lock", no_locks)
    result = _run([str(_corpus(tmp_path / "c")), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "framing: warning:" in result.output and "cannot lock" in result.output


def test_cpu_time_limit_stops_a_busy_loop_and_restores_the_handler():
    import signal

    from framing.corpus.safety import DocumentTimeout, cpu_time_limit

    before = signal.getsignal(signal.SIGPROF)
    with pytest.raises(DocumentTimeout, match="0.05 s of CPU time"), cpu_time_limit(0.05):
        while True:
            pass
    assert signal.getsignal(signal.SIGPROF) == before
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    with cpu_time_limit(None):  # no limit: nothing armed
        assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_a_timeout_rebuilds_the_analyzer_it_interrupted():
    from framing.corpus.batch import _analyzer, analyze_chunk
    from framing.corpus.inputs import Doc

    first = _analyzer(NO_MODEL)
    docs = [Doc("long", text=" ".join([TEXT] * 40_000)), Doc("after", text=TEXT)]
    long, after = analyze_chunk(docs, NO_MODEL, ReadOptions(timeout=0.2))
    assert "0.2 s of CPU time" in long.error
    assert len(after.flags) >= 3
    assert _analyzer(NO_MODEL) is not first  # its caches may have been half-updated


# --- issue 31: what keeps a resume from mixing settings, and the folder apart -----------


def test_run_settings_records_every_option_and_the_limits():
    from dataclasses import make_dataclass

    from framing.corpus.inputs import TableSpec
    from framing.corpus.safety import run_settings
    from framing.corpus.store import settings_differences

    table = TableSpec()
    base, _ = run_settings(NO_MODEL, ReadOptions(), table)
    for read in (ReadOptions(max_bytes=1000), ReadOptions(timeout=5.0)):
        assert settings_differences(base, run_settings(NO_MODEL, read, table)[0])
    # An option added to the spec later is recorded without a change to run_settings.
    wider = make_dataclass("WiderSpec", [("negation_window", int, 3)], bases=(AnalyzerSpec,),
                           frozen=True)
    three, _ = run_settings(wider(model=None), ReadOptions(), table)
    five, _ = run_settings(wider(model=None, negation_window=5), ReadOptions(), table)
    assert three["negation_window"] == 3 and settings_differences(three, five)


def test_two_names_of_one_encoding_are_one_setting():
    from framing.corpus.inputs import TableSpec
    from framing.corpus.safety import run_settings

    one, _ = run_settings(NO_MODEL, ReadOptions(encoding="cp1252"), TableSpec())
    other, _ = run_settings(NO_MODEL, ReadOptions(encoding="windows-1252"), TableSpec())
    assert one == other


def test_the_output_folder_itself_as_input_is_refused(tmp_path):
    from framing.corpus.safety import refuse_inputs_inside
    from framing.errors import InputError

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InputError, match="inside the output folder"):
        refuse_inputs_inside([str(out)], out)
    refuse_inputs_inside([str(tmp_path / "elsewhere.csv")], out)  # absent: left to the reader


def test_a_marker_linked_to_a_plain_file_is_refused_with_what_to_do(tmp_path):
    corpus, out = _corpus(tmp_path / "c"), tmp_path / "out"
    out.mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    (out / MARKER).symlink_to(precious)
    result = _run([str(corpus), "-o", str(out)])
    _one_line_error(result, str(out / MARKER), "move it away")
    assert precious.read_text(encoding="utf-8") == "keep me" and (out / MARKER).is_symlink()
