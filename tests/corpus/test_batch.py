"""Batch analysis (issue 8) and batch safety (issue 9): sources, error rows, atomic writes,
resume after a hard kill, and a 1,000-document run with 50 broken documents."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.corpus.batch import (
    AnalyzerSpec,
    Failure,
    analyze_frame,
    analyze_many,
    run_batch,
)
from framing.corpus.store import TABLES, Store, read_table, write_table
from framing.records import Analysis

from ..conftest import require_module

NO_MODEL = AnalyzerSpec(model=None)
TEXTS = [
    "The council approved the budget on Tuesday.",
    "Critics slammed the regime's bellicose plan. It was a power grab.",
    '"This is a shameful stunt," the senator said. The vote passed.',
    "The so-called reform is a sinister scheme to silence critics.",
]


def _tables(outdir: Path, fmt: str = "parquet") -> dict[str, pd.DataFrame]:
    return {name: read_table(outdir / f"{name}.{fmt}")
            for name in ("articles", "sentences", "flags")}


def _corpus(folder: Path) -> Path:
    (folder / "sub").mkdir(parents=True)
    for i, text in enumerate(TEXTS[:3]):
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    (folder / "sub" / "deep.md").write_text(TEXTS[3], encoding="utf-8")
    (folder / "sub" / "notes.log").write_text("not matched by the default globs", encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return folder


def _run(args: list[str], **kwargs) -> object:
    return CliRunner().invoke(main, ["batch", "--no-model", "-j", "1", *args], **kwargs)


def test_folder_is_searched_recursively_and_bad_files_become_error_rows(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    result = _run([str(corpus), "-o", str(tmp_path / "out"), "-q", "--no-confidence"])
    assert result.exit_code == 0, result.output
    tables = _tables(tmp_path / "out")
    articles = tables["articles"].set_index("doc_id")
    assert len(articles) == 6  # 4 texts + 2 broken; notes.log is not matched
    assert articles.loc[str(corpus / "empty.txt"), "error"].startswith("the document is empty")
    assert "binary" in articles.loc[str(corpus / "binary.txt"), "error"]
    assert articles["error"].isna().sum() == 4
    loaded = articles.loc[str(corpus / "a1.txt")]
    assert loaded["n_flags"] >= 3 and loaded["author_flags_per_1000_words.label"] > 0
    # A category an article never uses is 0 per 1,000 words, not missing.
    assert articles.loc[str(corpus / "a0.txt"), "author_flags_per_1000_words.label"] == 0
    flags = tables["flags"]
    assert set(flags["doc_id"]) <= set(articles.index[articles["error"].isna()])
    assert {"slammed", "regime", "so-called"} <= set(flags["text"])
    assert len(tables["sentences"]) == 1 + 2 + 2 + 1


def test_glob_chooses_files_and_stdin_is_one_document(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    result = _run([str(corpus), "--glob", "*.md", "-o", str(tmp_path / "md"), "-q"])
    assert result.exit_code == 0, result.output
    assert _tables(tmp_path / "md")["articles"]["doc_id"].tolist() == [str(corpus / "sub/deep.md")]
    result = _run(["-", "-o", str(tmp_path / "stdin")], input=TEXTS[1])
    assert result.exit_code == 0, result.output
    articles = _tables(tmp_path / "stdin")["articles"]
    assert articles["doc_id"].tolist() == ["-"] and articles["error"].isna().all()
    assert articles.loc[0, "n_flags"] >= 3


@pytest.mark.parametrize("kind", ["csv", "jsonl", "parquet"])
def test_tables_with_text_id_and_meta_columns(tmp_path, kind):
    frame = pd.DataFrame({"body": TEXTS, "url": [f"u{i}" for i in range(4)],
                          "outlet": ["A", "B", "A", "B"],
                          "date": [f"2024-01-0{i}" for i in range(4)]})
    frame.loc[2, "body"] = None
    path = tmp_path / f"news.{kind}"
    if kind == "csv":
        frame.to_csv(path, sep=";", index=False)  # the separator is sniffed
    elif kind == "jsonl":
        frame.to_json(path, orient="records", lines=True)
    else:
        frame.to_parquet(path)
    result = _run([str(path), "--text-col", "body", "--id-col", "url", "--meta-col", "outlet",
                   "--meta-col", "date", "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    articles = _tables(tmp_path / "out")["articles"]
    assert articles["doc_id"].tolist() == ["u0", "u1", "u2", "u3"]
    assert articles["outlet"].tolist() == ["A", "B", "A", "B"]
    assert list(articles.columns[:4]) == ["doc_id", "outlet", "date", "schema_version"]
    assert articles["error"].notna().tolist() == [False, False, True, False]
    assert "no text" in articles.loc[2, "error"]


def test_missing_column_is_one_line_error(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame({"body": TEXTS}).to_csv(path, index=False)
    result = _run([str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "has no column 'text'" in result.output
    assert str(path) in result.output and "Traceback" not in result.output


PAGE = """<!DOCTYPE html><html><head><title>Dam plan</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Dam plan</h1>
<p>Critics slammed the regime's bellicose plan for the river on Tuesday evening, saying that
the dam would flood three villages and force hundreds of families to move away.</p>
<p>The minister said the project would bring power to the region and create many jobs for the
people who live in the valley, and that the families would be paid for their land.</p>
</article><footer>Copyright 2024 Example News. Subscribe to our newsletter.</footer></body></html>
"""


def test_saved_web_page_is_reduced_to_its_main_text(tmp_path):
    require_module("trafilatura", "html")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "dam.html").write_text(PAGE, encoding="utf-8")
    result = _run([str(tmp_path / "pages"), "-o", str(tmp_path / "out"), "-q", "--no-confidence"])
    assert result.exit_code == 0, result.output
    tables = _tables(tmp_path / "out")
    text = " ".join(tables["sentences"]["text"])
    assert "slammed" in text and "Subscribe" not in text and "Sport" not in text
    assert "regime" in set(tables["flags"]["term"])


def test_saved_web_page_without_trafilatura_names_file_and_install(tmp_path, monkeypatch):
    page = tmp_path / "dam.html"
    page.write_text(PAGE, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails
    result = _run([str(page), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert str(page) in result.output and "pip install 'framing[html]'" in result.output


def test_parquet_without_pyarrow_is_one_line_error(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    result = _run([str(tmp_path / "a.txt"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert "pip install 'framing[parquet]'" in result.output and "--format csv" in result.output


def test_analyze_many_yields_failures_not_exceptions():
    items = ["The regime fell.", ("x", "   "), {"text": TEXTS[1], "id": "d", "outlet": "A"},
             ("y", None)]
    results = list(analyze_many(items, analyzer=NO_MODEL))
    assert [type(r).__name__ for r in results] == ["Analysis", "Failure", "Analysis", "Failure"]
    assert results[2].doc_id == "d" and results[2].meta == {"outlet": "A"}
    assert isinstance(results[0], Analysis) and isinstance(results[3], Failure)
    with pytest.raises(TypeError, match="wrap one text in a list"):
        list(analyze_many("just one text"))


def test_analyze_frame_matches_single_analyses(toy_analyzer):
    frame = pd.DataFrame({"text": TEXTS, "outlet": list("ABAB")}, index=list("pqrs"))
    tables = analyze_frame(frame, analyzer=toy_analyzer)
    assert tables.articles["doc_id"].tolist() == list("pqrs")
    single = toy_analyzer.analyze(TEXTS[1], doc_id="q", meta={"outlet": "B"})
    row = tables.articles.set_index("doc_id").loc["q"]
    # Under 50 words: not judged, so no score in the table either (issue 27).
    assert pd.isna(row["slant_score"]) and single.slant.score is None
    assert row["slant_label"] == single.slant.label and row["n_flags"] == len(single.flags)
    pd.testing.assert_frame_equal(
        tables.flags[tables.flags["doc_id"] == "q"].reset_index(drop=True),
        single.flags_frame())


def test_parallel_jobs_give_the_same_tables(tmp_path):
    frame = pd.DataFrame({"text": TEXTS * 5, "id": [f"d{i}" for i in range(20)]})
    one = analyze_frame(frame, id_col="id", analyzer=NO_MODEL, n_jobs=1)
    two = analyze_frame(frame, id_col="id", analyzer=NO_MODEL, n_jobs=2)
    for a, b in zip(one, two, strict=True):
        pd.testing.assert_frame_equal(a, b)


def test_repeated_ids_keep_the_first_and_are_reported(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame({"text": TEXTS, "id": ["a", "b", "a", "c"]}).to_csv(path, index=False)
    result = _run([str(path), "--id-col", "id", "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0
    assert "skipped 1 document(s) whose id was already used: a" in result.output
    articles = _tables(tmp_path / "out")["articles"]
    assert articles["doc_id"].tolist() == ["a", "b", "c"]
    assert articles.loc[0, "n_words"] == 7  # the first "a" (7 words), not the third row (10)


def test_write_table_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "t.parquet"
    write_table(pd.DataFrame({"x": [1]}), target, "parquet")

    def broken(self, path, **kwargs):
        Path(path).write_bytes(b"half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", broken)
    with pytest.raises(Exception, match="No space left"):
        write_table(pd.DataFrame({"x": [2]}), target, "parquet")
    monkeypatch.undo()
    assert pd.read_parquet(target)["x"].tolist() == [1]  # the old file, whole
    assert [p.name for p in tmp_path.iterdir()] == ["t.parquet"]  # no temporary left


def test_csv_output_neutralises_formulas(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame({"text": ["=HYPERLINK(\"http://x\") The regime fell."], "outlet": ["@evil"]}) \
        .to_csv(path, index=False)
    result = _run([str(path), "--meta-col", "outlet", "-o", str(tmp_path / "out"), "--format",
                   "csv", "-q"])
    assert result.exit_code == 0
    raw = (tmp_path / "out" / "articles.csv").read_text(encoding="utf-8")
    assert "'@evil" in raw and ",@evil" not in raw
    assert "'=HYPERLINK" in (tmp_path / "out" / "sentences.csv").read_text(encoding="utf-8")


def test_store_drops_orphan_parts_and_a_torn_manifest_line(tmp_path):
    store = Store.open(tmp_path, "parquet", resume=False)
    tables = analyze_frame(pd.DataFrame({"text": TEXTS[:2]}), analyzer=NO_MODEL)._asdict()
    store.commit(tables, ["0", "1"])
    store.close()
    # A kill after the parts of chunk 1 were renamed but before its manifest line was whole:
    for name in TABLES:
        write_table(tables[name], tmp_path / "parts" / f"{name}-000001.parquet", "parquet")
    with (tmp_path / "parts" / "manifest.jsonl").open("a") as handle:
        handle.write('{"part": 1, "ids": ["2", ')
    (tmp_path / "parts" / ".articles-000002.parquet.99.tmp").write_bytes(b"junk")
    with pytest.raises(Exception, match="pass --resume"):
        Store.open(tmp_path, "parquet", resume=False)
    with Store.open(tmp_path, "parquet", resume=True) as reopened:
        assert reopened.parts == [0] and reopened.done == {"0", "1"}
    assert sorted(p.name for p in (tmp_path / "parts").iterdir()) == sorted(
        [f"{name}-000000.parquet" for name in TABLES] + ["manifest.jsonl", "run.json"])


def test_ctrl_c_leaves_complete_tables_and_resume_finishes(tmp_path):
    frame = pd.DataFrame({"text": [f"{TEXTS[i % 4]} Item {i}." for i in range(30)]})
    path = tmp_path / "news.parquet"
    frame.to_parquet(path)
    calls = []

    def interrupt_after_two(n):
        calls.append(n)
        if len(calls) == 2:
            raise KeyboardInterrupt

    options = dict(analyzer=NO_MODEL, n_jobs=1, chunk_size=4)
    first = run_batch([str(path)], tmp_path / "out", progress=interrupt_after_two, **options)
    assert first.interrupted and first.analysed == 8
    assert len(read_table(tmp_path / "out" / "articles.parquet")) == 8
    second = run_batch([str(path)], tmp_path / "out", resume=True, **options)
    assert second.skipped_done == 8 and second.analysed == 22
    articles = read_table(tmp_path / "out" / "articles.parquet")
    assert articles["doc_id"].tolist() == [f"{path}#{i}" for i in range(30)]


# --- issue 9, batch safety: 1,000 documents, 50 broken, a hard kill and a resume ------------

WORDS = ["council", "budget", "regime", "slammed", "plan", "reform", "critics", "shameful",
         "vote", "river", "dam", "families", "minister", "bellicose", "report", "officials",
         "quietly", "radical", "spring"]


def _thousand(path: Path) -> tuple[Path, set[str]]:
    """1,000 rows, 50 of them broken (empty, blank, missing text, over the size limit)."""
    rng = random.Random(8)
    rows, broken = [], set()
    for i in range(1000):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 30))]
        text = " ".join(words).capitalize() + f". Item {i} ends here."
        if i % 20 == 7:
            broken.add(f"doc{i}")
            text = ["", "   \n\t", None, "x " * 3000, "\n\n"][(i // 20) % 5]
        rows.append({"id": f"doc{i}", "text": text, "outlet": f"o{i % 3}"})
    pd.DataFrame(rows).to_json(path, orient="records", lines=True)
    return path, broken


BATCH_ARGS = ["--id-col", "id", "--meta-col", "outlet", "--max-bytes", "5000", "--chunk-size",
              "50", "--no-model", "-j", "1", "-q"]


def test_thousand_documents_fifty_broken_killed_and_resumed(tmp_path):
    """950 analyses and 50 error rows; a SIGKILL at a random moment, then --resume, gives
    exactly the uninterrupted run's tables: nothing lost, nothing duplicated."""
    path, broken = _thousand(tmp_path / "corpus.jsonl")
    result = CliRunner().invoke(main, ["batch", str(path), "-o", str(tmp_path / "ref"),
                                       *BATCH_ARGS])
    assert result.exit_code == 0, result.output
    assert "950 analysed, 50 error rows" in result.output
    articles = _tables(tmp_path / "ref")["articles"]
    assert len(articles) == 1000 and articles["doc_id"].is_unique
    assert set(articles.loc[articles["error"].notna(), "doc_id"]) == broken
    assert articles.loc[articles["error"].isna(), "slant_label"].notna().all()

    out = tmp_path / "killed"
    command = [sys.executable, "-m", "framing", "batch", str(path), "-o", str(out), *BATCH_ARGS]
    manifest = out / "parts" / "manifest.jsonl"
    # A new kill point on every run, and its seed in every failure message to replay it.
    seed = int(os.environ.get("FRAMING_KILL_SEED", time.time()))
    replay = f"kill seed {seed}: rerun with FRAMING_KILL_SEED={seed}"
    print(replay)
    rng = random.Random(seed)
    kill_after = rng.randint(1, 15)  # committed chunks (of 20) before the kill
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300  # generous: a loaded CI machine starts slowly
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and manifest.read_text().count("\n") >= kill_after:
            time.sleep(rng.uniform(0, 0.05))  # land anywhere inside the next chunk
            break
        time.sleep(0.005)
    assert proc.poll() is None, f"the run finished before it could be killed ({replay})"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    committed = sum(len(json.loads(line)["ids"]) for line in manifest.read_text().splitlines()
                    if line.endswith("}"))
    assert 0 < committed < 1000, f"killed after {committed} committed documents ({replay})"
    result = CliRunner().invoke(main, ["batch", str(path), "-o", str(out), "--resume", *BATCH_ARGS])
    assert result.exit_code == 0, f"{replay}\n{result.output}"
    assert f"{committed} already done earlier" in result.output, replay
    resumed, expected = _tables(out), _tables(tmp_path / "ref")
    for name in ("articles", "sentences", "flags"):  # same rows, same order
        pd.testing.assert_frame_equal(resumed[name], expected[name], check_dtype=False,
                                      obj=f"{name} ({replay})")
    assert resumed["articles"]["doc_id"].is_unique and len(resumed["articles"]) == 1000, replay
    assert set(resumed["articles"].loc[resumed["articles"]["error"].notna(), "doc_id"]) == broken


def test_a_missing_file_among_good_ones_is_an_error_row(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The regime slammed the plan.", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = _run([str(good), str(missing), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    articles = _tables(tmp_path / "out")["articles"].set_index("doc_id")
    assert articles.loc[str(missing), "error"] == "no such file or directory"
    assert pd.isna(articles.loc[str(good), "error"])
