"""Batch against hostile inputs and outputs, third pass (issue 30, items 5-7, 11-14, 18):
amplifying Parquet, a hard-linked marker, killed parents, formula headers, colliding
columns and ids, template errors and resumes under other limits.

Hostile files (Parquet, hard links) are built here at run time; none is committed.
"""

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
from framing.corpus.batch import AnalyzerSpec, ReadOptions, run_batch
from framing.io import MEMORY_BUDGET

from ..conftest import peak_bytes, require_module

NO_MODEL = AnalyzerSpec(model=None)
TEXT = "Critics slammed the regime's bellicose plan. It was a power grab."


def _run(args: list[str], **kwargs):
    return CliRunner().invoke(main, ["batch", "--no-model", "-j", "1", "-q", *args], **kwargs)


# --- item 5: Parquet that decodes to far more than its size ---------------------------

def amplifying_parquet(path: Path, rows: int = 800, chars: int = 1_000_000) -> Path:
    """``rows`` dictionary-encoded copies of one text of ``chars`` characters: about 2 KB."""
    pa = require_module("pyarrow", "parquet")
    import pyarrow.parquet as pq

    text = ("The reckless plan failed. " * (chars // 26 + 1))[:chars]
    table = pa.table({"text": pa.array([text] * rows).dictionary_encode()})
    pq.write_table(table, path, compression="zstd", use_dictionary=True)
    return path


def test_amplifying_parquet_is_not_decoded_past_the_limit(tmp_path):
    """Regression (issue 30, item 5): 800 dictionary-encoded copies of a 1 MB text in a
    2 KB file peaked at 2.3 GB, even with --max-bytes 100: each 2,000-row chunk was
    decoded whole before any document was checked. Here 150 rows (150 MB of text)."""
    table = amplifying_parquet(tmp_path / "amp.parquet", rows=150)
    assert table.stat().st_size < 10_000
    peak = peak_bytes(lambda: run_batch([str(table)], tmp_path / "out", analyzer=NO_MODEL,
                                        fmt="csv", n_jobs=1, read=ReadOptions(max_bytes=100)))
    articles = pd.read_csv(tmp_path / "out" / "articles.csv")
    assert len(articles) == 150
    assert articles["error"].str.contains("100-character limit").all()
    assert peak < 100_000_000, f"{peak / 1e6:.0f} MB"


def test_parquet_texts_are_read_in_batches_bounded_by_characters(tmp_path):
    """At the default limit each 1 MB text is analysed, but never 800 MB of them at once."""
    from framing.corpus import inputs

    table = amplifying_parquet(tmp_path / "amp.parquet", rows=200)
    largest = 0
    for frame in inputs.parquet_frames(table, inputs.TableSpec(), max_chars=4_000_000):
        texts = [t for t in frame["text"].tolist() if isinstance(t, str)]
        largest = max(largest, sum(map(len, texts)))
    assert 0 < largest <= inputs.PARQUET_BATCH_CHARS


def test_parquet_batch_at_the_default_limit_stays_under_the_memory_budget(tmp_path):
    """The whole command in its own process, as a user runs it: its peak resident memory
    at the default limits, on the file cut to 2 rows of 200,000 characters so that the
    run takes seconds (each text is analysed)."""
    table = amplifying_parquet(tmp_path / "amp.parquet", rows=2, chars=200_000)
    code = ("import resource, sys; from framing.cli import main; "
            "main(sys.argv[1:], standalone_mode=False); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)")
    done = subprocess.run([sys.executable, "-c", code, "batch", str(table), "--no-model",
                           "-j", "1", "-q", "--format", "csv", "-o", str(tmp_path / "out")],
                          check=True, timeout=600, capture_output=True, text=True)
    peak = int(done.stdout.split()[-1])
    assert peak < MEMORY_BUDGET, f"{peak / 1e9:.2f} GB"
    articles = pd.read_csv(tmp_path / "out" / "articles.csv")
    assert len(articles) == 2 and articles["error"].isna().all()


# --- item 6: a marker hard-linked to another file ---------------------------------------

def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    return folder


def test_a_hard_linked_marker_is_refused_and_the_other_file_untouched(tmp_path):
    """Regression (issue 30, item 6): `ln victim.txt out/.framing-batch` made batch write
    its marker JSON into victim.txt (O_NOFOLLOW stops symlinks, not hard links)."""
    from framing.corpus.store import MARKER

    victim = tmp_path / "victim.txt"
    victim.write_text("a researcher's notes\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    os.link(victim, out / MARKER)
    result = _run([str(_corpus(tmp_path / "in")), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and "link" in result.output, result.output
    assert victim.read_text(encoding="utf-8") == "a researcher's notes\n"
    assert sorted(p.name for p in out.iterdir()) == [MARKER]


def test_a_new_marker_is_a_file_of_its_own(tmp_path):
    from framing.corpus.store import MARKER

    out = tmp_path / "out"
    result = _run([str(_corpus(tmp_path / "in")), "-o", str(out)])
    assert result.exit_code == 0, result.output
    marker = out / MARKER
    assert marker.stat().st_nlink == 1
    assert json.loads(marker.read_text(encoding="utf-8"))["made_by"] == "framing batch"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    again = _run([str(_corpus(tmp_path / "in")), "-o", str(out), "--resume"])
    assert again.exit_code == 0, again.output


# --- item 7: workers that outlive a killed batch ---------------------------------------

def _children(pid: int) -> set[int]:
    """Every live process below ``pid`` (from /proc; zombies count as ended)."""
    found, frontier = set(), {pid}
    while frontier:
        parent = frontier.pop()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent and fields[0] != "Z" and int(entry.name) not in found:
                found.add(int(entry.name))
                frontier.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_within_seconds_of_a_killed_batch(tmp_path):
    """Regression (issue 30, item 7): `kill -9` of `framing batch -j 2` left both loky
    workers (about 310 MB each) and their resource trackers alive under PID 1."""
    import signal
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    article = " ".join([TEXT] * 10)
    for i in range(400):
        (folder / f"a{i:03d}.txt").write_text(article, encoding="utf-8")
    batch = subprocess.Popen([sys.executable, "-m", "framing", "batch", str(folder), "-o",
                              str(tmp_path / "out"), "-j", "2", "--no-model", "-q"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    below: set[int] = set()
    try:
        manifest = tmp_path / "out" / "parts" / "manifest.jsonl"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and batch.poll() is None and not (
                manifest.exists() and manifest.read_text(encoding="utf-8").strip()):
            time.sleep(0.2)  # until the workers have finished a first chunk
        below = _children(batch.pid)
        assert len(below) >= 3 and batch.poll() is None, "the batch never started its workers"
        os.kill(batch.pid, signal.SIGKILL)
        batch.wait(timeout=10)
        killed = time.monotonic()
        while any(map(_alive, below)) and time.monotonic() - killed < 10:
            time.sleep(0.2)
        left = sorted(p for p in below if _alive(p))
        assert not left, f"{len(left)} processes still running 10 s after the kill: {left}"
    finally:
        for pid in [batch.pid, *below]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


# --- item 11: formulas in header cells --------------------------------------------------

def test_csv_header_cells_are_guarded_like_other_cells(tmp_path):
    """Regression (issue 30, item 11): --meta-col '=HYPERLINK("h")' and --meta-from-path
    '@path={stem}' wrote those column names unguarded into all five CSV tables."""
    formula = '=HYPERLINK("h")'
    table = tmp_path / "table.csv"
    pd.DataFrame({"text": [TEXT], formula: ["x"]}).to_csv(table, index=False)
    folder = _corpus(tmp_path / "in")
    result = _run([str(table), str(folder), "--meta-col", formula, "--meta-from-path",
                   "@path={stem}", "--format", "csv", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for name in ("articles", "sentences", "flags", "quotes", "actors"):
        cells = list(pd.read_csv(tmp_path / "out" / f"{name}.csv", nrows=0).columns)
        assert f"'{formula}" in cells and "'@path" in cells, (name, cells)
        assert not [c for c in cells if c[:1] in "=+-@\t\r"], (name, cells)


# --- item 12: two metadata columns that become one ----------------------------------------

def test_meta_columns_that_would_share_a_name_are_refused(tmp_path):
    """Regression (issue 30, item 12): `text` and `meta.text`, both passed with --meta-col,
    were both written as meta.text, and the `text` values appeared nowhere."""
    table = tmp_path / "table.csv"
    pd.DataFrame({"body": [TEXT], "text": ["from text"], "meta.text": ["from meta.text"]}) \
        .to_csv(table, index=False)
    result = _run([str(table), "--text-col", "body", "--meta-col", "text", "--meta-col",
                   "meta.text", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and "meta.text" in result.output, result.output
    assert not (tmp_path / "out").exists()


def test_meta_cells_never_drop_a_value():
    from framing.schema import meta_cells

    cells = meta_cells({"text": "a", "meta.text": "b", "outlet": "c"})
    assert sorted(cells.values()) == ["a", "b", "c"]
    assert cells["outlet"] == "c" and len(cells) == 3


# --- item 13: an escaped name and a typed name ------------------------------------------

def test_an_undecodable_name_and_its_escape_typed_out_get_two_ids(tmp_path):
    """Regression (issue 30, item 13): `caf<0xE9>.txt` and a file literally named
    `caf\\xe9.txt` got one id, and one was skipped as a duplicate."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "caf\\xe9.txt").write_text(TEXT, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "w", encoding="utf-8") as f:
        f.write("The council approved the budget on Tuesday.")
    result = run_batch([str(folder)], tmp_path / "out", analyzer=NO_MODEL, fmt="csv",
                       n_jobs=1)
    assert result.duplicates == [] and result.analysed == 2
    ids = pd.read_csv(tmp_path / "out" / "articles.csv")["doc_id"].tolist()
    assert len(set(ids)) == 2, ids


def test_printable_ids_are_unchanged_for_ordinary_names():
    from framing.corpus.safety import printable_id

    for name in ("a.txt", "café.txt", "C:\\data\\x.txt", "dir/b.txt"):
        assert printable_id(name) == name
    assert printable_id("caf\udce9.txt") == "caf\\xe9.txt"
    assert printable_id("caf\\xe9.txt") == "caf\\\\xe9.txt"


# --- item 14: template errors -----------------------------------------------------------

@pytest.mark.parametrize("template", ["x={0.foo}", "x={0[a]}", "x={parent.upper}",
                                      "x={stem!z}", "x={name:%}", "x={0:d}"])
def test_every_path_template_error_is_one_line(tmp_path, template):
    """Regression (issue 30, item 14): 'x={0.foo}' ended in an AttributeError traceback."""
    result = _run([str(_corpus(tmp_path / "in")), "--meta-from-path", template, "-o",
                   str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output, result.output
    assert "--meta-from-path" in result.output


# --- item 18: a resume under other limits ---------------------------------------------------

@pytest.mark.parametrize(("option", "value", "setting"), [
    ("--max-bytes", "500", "max_bytes"),
    ("--timeout-per-doc", "7", "timeout_per_doc"),
])
def test_a_resume_under_other_limits_is_refused(tmp_path, option, value, setting):
    """Regression (issue 30, item 18): run.json did not record --max-bytes or
    --timeout-per-doc, so a resume with --max-bytes 500 added "too large" rows beside
    rows analysed under the 4 MB limit."""
    corpus, out = _corpus(tmp_path / "in"), tmp_path / "out"
    assert _run([str(corpus), "-o", str(out)]).exit_code == 0
    (corpus / "b.txt").write_text(TEXT * 20, encoding="utf-8")
    run = json.loads((out / "parts" / "run.json").read_text(encoding="utf-8"))
    assert setting in run["settings"]
    result = _run([str(corpus), "-o", str(out), "--resume", option, value])
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert setting in result.output
    same = _run([str(corpus), "-o", str(out), "--resume"])
    assert same.exit_code == 0 and "1 analysed" in same.output, same.output
