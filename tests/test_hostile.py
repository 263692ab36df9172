"""Hostile and broken input files (issue 9), through the library and both file commands.

Every input either gives a correct analysis or one error line per bad file that names
it, a non-zero exit and no traceback, and nothing hangs. Big files are made in
``tmp_path`` (the 100 MB one is sparse, so it costs no disk). The table of inputs and
what the tool does with each is in ``docs/hostile-inputs.md``.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import struct
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

import framing.io as framing_io
from framing.cli import main
from framing.errors import InputError
from framing.io import MAX_BYTES, read_document

TEXT = "Critics slammed the regime’s “reform”. Zürich said no.\n\nThe vote passed."


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def zipped() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.txt", TEXT * 20)
    return buffer.getvalue()


def write(data: bytes):
    return lambda p: p.write_bytes(data)


# name -> (how to make the file at path p, words the one-line error must contain)
BAD = {
    "empty": (write(b""), "empty"),
    "whitespace only": (write(b" \n\t\r\n\x0b\x0c  \n"), "empty"),
    "png image": (write(png()), "binary"),
    "zip archive": (write(zipped()), "binary"),
    "truncated utf-8": (write("Critics slammed the “reform”".encode()[:-1]), "not valid utf-8"),
    "utf-16-le without bom": (write(TEXT.encode("utf-16-le")), "--encoding utf-16-le"),
    "utf-16-be without bom": (write(TEXT.encode("utf-16-be")), "--encoding utf-16-be"),
    "latin-1": (write("Café critics slammed the régime.".encode("latin-1")), "--encoding"),
    "directory": (lambda p: p.mkdir(), "is a directory"),
    "nonexistent": (lambda p: None, "no such file"),
    "dangling symlink": (lambda p: p.symlink_to(p.parent / "gone.txt"), "no such file"),
    "symlink loop": (lambda p: (p.parent / "loop").symlink_to(p) or p.symlink_to(p.parent / "loop"),
                     "cannot be read"),
}
if hasattr(os, "mkfifo"):
    BAD["fifo nobody writes to"] = (lambda p: os.mkfifo(p), "named pipe that nobody wrote to")


@pytest.fixture(autouse=True)
def short_pipe_wait(monkeypatch):
    monkeypatch.setattr(framing_io, "PIPE_WAIT_SECONDS", 0.3)


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def assert_one_line_error(result, path, words):
    assert result.exit_code not in (0, None), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert lines and lines[0].startswith(f"framing: error: {path}: ") and words in lines[0], lines
    assert all(line.startswith("framing: error: ") for line in lines), lines


@pytest.mark.parametrize("name", BAD)
def test_library_refuses_with_one_line_naming_the_file(tmp_path, name):
    make, words = BAD[name]
    path = tmp_path / "doc.txt"
    make(path)
    start = time.monotonic()
    with pytest.raises(InputError) as info:
        read_document(path)
    assert time.monotonic() - start < 10, "reading must not hang"
    message = str(info.value)
    assert message.startswith(f"{path}: ") and words in message and "\n" not in message


@pytest.mark.parametrize("name", BAD)
def test_score_command_refuses_with_one_line(tmp_path, name):
    make, words = BAD[name]
    path = tmp_path / "doc.txt"
    make(path)
    assert_one_line_error(run("score", "--no-model", path), path, words)


@pytest.mark.parametrize("name",
                         ["png image", "utf-16-le without bom", "directory", "symlink loop"])
def test_report_command_refuses_with_one_line_and_writes_nothing(tmp_path, name):
    make, words = BAD[name]
    path, out = tmp_path / "doc.txt", tmp_path / "r.html"
    make(path)
    result = run("report", "--no-model", path, "-o", out)
    assert_one_line_error(result, path, words)
    assert "was not written" in result.stderr and not out.exists()


def test_report_skips_every_bad_file_and_reports_the_good_one(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    bad = []
    for i, (make, _) in enumerate(BAD.values()):
        path = tmp_path / f"bad{i}.txt"
        make(path)
        bad.append(path)
    out = tmp_path / "r.html"
    result = run("report", "--no-model", good, *bad, "-o", out)
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(bad)
    for line, path in zip(lines, bad, strict=True):
        assert line.startswith(f"framing: error: {path}: ")
    assert "slammed" in out.read_text(encoding="utf-8")


def test_score_keeps_one_error_row_per_bad_file_in_json(tmp_path):
    paths = []
    for i, (make, _) in enumerate(BAD.values()):
        paths.append(tmp_path / f"bad{i}.txt")
        make(paths[-1])
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    result = run("score", "--no-model", *paths, good, "-f", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["doc_id"] for r in rows] == [str(p) for p in [*paths, good]]
    assert all("error" in r for r in rows[:-1]) and "sentences" in rows[-1]
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == len(paths)


# --- inputs that are read correctly, with the right option where one is needed --------


@pytest.mark.parametrize(
    ("data", "options"),
    [
        (TEXT.encode("utf-16-le"), ["--encoding", "utf-16-le"]),
        (TEXT.encode("utf-16-be"), ["--encoding", "utf-16-be"]),
        (TEXT.encode("utf-16"), []),  # with its byte-order mark
        (TEXT.encode("utf-32"), []),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), []),
        (TEXT.replace("\n", "\r\n").encode("utf-8"), []),
        (TEXT.replace("\n", "\r").encode("utf-8"), []),
        (TEXT.encode("utf-8") + b" " * 9000 + b"\x00 late NUL.", []),
    ],
    ids=["utf-16-le option", "utf-16-be option", "utf-16 bom", "utf-32 bom", "utf-8 bom",
         "crlf", "cr only", "nul after 8 kB"],
)
def test_readable_encodings_are_analysed_exactly(tmp_path, data, options):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    result = run("score", "--no-model", path, "-f", "json", *options)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    text = record["text"]
    assert text.replace("\r\n", "\n").replace("\r", "\n").startswith(TEXT)
    flagged = {f["text"] for s in record["sentences"] for f in s["flags"]}
    assert "slammed" in flagged
    for sentence in record["sentences"]:
        assert text[sentence["start"]:sentence["end"]] == sentence["text"]


def test_latin1_with_the_encoding_option(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Café critics slammed the régime.".encode("latin-1"))
    result = run("score", "--no-model", path, "-f", "json", "--encoding", "latin-1")
    assert result.exit_code == 0 and json.loads(result.stdout)["text"].startswith("Café")


def test_unknown_encoding_is_one_line(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert_one_line_error(run("score", "--no-model", path, "--encoding", "klingon"), path,
                          "unknown encoding")


# --- size: a documented limit, refused from the file size alone -------------------------


def test_100_mb_file_is_refused_by_size_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(100_000_000)  # sparse: no disk, no time

    def never(*_):
        raise AssertionError("the file was opened although its size alone refuses it")

    monkeypatch.setattr(framing_io, "_open_without_waiting", never)
    start = time.monotonic()
    result = run("score", "--no-model", path)
    assert time.monotonic() - start < 10
    assert_one_line_error(result, path, f"{MAX_BYTES:,}-byte limit")
    assert "--max-bytes" in result.stderr and "100,000,000 bytes" in result.stderr


def test_max_bytes_raises_and_lowers_the_limit(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(TEXT, encoding="utf-8")
    size = path.stat().st_size
    assert_one_line_error(run("score", "--no-model", path, "--max-bytes", size - 1), path,
                          "--max-bytes")
    assert run("score", "--no-model", path, "--max-bytes", size).exit_code == 0
    result = run("report", "--no-model", path, "--max-bytes", 10, "-o", tmp_path / "r.html")
    assert_one_line_error(result, path, "10-byte limit")


def test_stdin_is_bounded_too():
    result = run("score", "--no-model", "-", "--max-bytes", 100, input="word " * 100)
    assert_one_line_error(result, "-", "100-byte limit")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_endless_device_is_cut_at_the_limit():
    result = run("score", "--no-model", "/dev/zero", "--max-bytes", 1_000_000)
    assert_one_line_error(result, "/dev/zero", "1,000,000-byte limit")


def test_one_megabyte_line_is_analysed(tmp_path):
    """One line, one sentence, no full stop: bounded work (see test_resources for growth)."""
    words = "critics slammed the so-called “reform” of the regime , said the minister "
    line = (words * (1_000_000 // len(words) + 1))[:1_000_000].rstrip()
    path = tmp_path / "line.txt"
    path.write_text(line, encoding="utf-8")
    result = run("score", "--no-model", path, "-f", "csv", "--rows", "sentences")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2  # the header and one sentence


def test_five_megabyte_line_reads_and_tokenizes_as_one_sentence(tmp_path):
    from framing.tokenize import tokenize

    line = "critics slammed the regime , " * (5_000_000 // 29)
    path = tmp_path / "line.txt"
    path.write_text(line, encoding="utf-8")
    text = read_document(path, max_bytes=6_000_000)  # over the 4 MB default (issue 19)
    doc = tokenize(text)
    assert len(doc.sentences) == 1 and doc.sentences[0].end == len(text.rstrip())


# --- permissions, names, pipes --------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root reads files whatever their mode; the simulated test covers it")
def test_unreadable_file_real(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0)
    assert_one_line_error(run("score", "--no-model", path), path, "permission denied")


def test_unreadable_file_simulated(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(TEXT, encoding="utf-8")

    def denied(p, source):
        raise PermissionError(13, "Permission denied", str(p))

    monkeypatch.setattr(framing_io, "_open_without_waiting", denied)
    assert_one_line_error(run("score", "--no-model", path), path, "permission denied")


def test_empty_file_name():
    assert_one_line_error(run("score", "--no-model", ""), "", "empty file name")


@pytest.mark.skipif(sys.platform != "linux", reason="undecodable file names are a POSIX matter")
def test_undecodable_file_name_is_analysed_and_every_output_encodes(tmp_path):
    name = os.fsdecode(b"caf\xe9-\xff.txt")  # holds lone surrogates (surrogateescape)
    path = tmp_path / name
    path.write_text(TEXT, encoding="utf-8")
    as_json = run("score", "--no-model", path, "-f", "json")
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["doc_id"] == str(path)
    as_csv = run("score", "--no-model", path, "-f", "csv")
    assert as_csv.exit_code == 0 and "caf\ufffd-\ufffd.txt" in as_csv.stdout
    assert run("score", "--no-model", path).exit_code == 0
    out = tmp_path / "r.html"
    assert run("report", "--no-model", path, "-o", out).exit_code == 0
    assert "slammed" in out.read_text(encoding="utf-8")


def test_missing_file_with_undecodable_name_is_one_line(tmp_path):
    path = tmp_path / os.fsdecode(b"gone-\xff.txt")
    result = run("score", "--no-model", path)
    assert result.exit_code == 1 and "no such file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_fifo_with_a_writer_is_read(tmp_path):
    import threading

    path = tmp_path / "pipe"
    os.mkfifo(path)

    def writer():
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(TEXT)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    time.sleep(0.1)  # the reader waits for a late writer (up to PIPE_WAIT_SECONDS)
    framing_io.PIPE_WAIT_SECONDS = 10
    assert read_document(path).startswith("Critics slammed")
    thread.join(5)


def test_binary_on_stdin_is_one_line():
    result = CliRunner().invoke(main, ["score", "--no-model", "-"], input=png())
    assert_one_line_error(result, "-", "binary")


def test_output_into_a_directory_is_one_line(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run("score", "--no-model", path, "-f", "json", "-o", tmp_path)
    # click refuses it as a usage error (usage line, then the error): exit 2, no traceback
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "is a directory" in result.stderr.strip().splitlines()[-1]


@pytest.mark.skipif(sys.platform != "linux", reason="control characters in file names")
def test_escape_sequences_in_a_file_name_do_not_reach_the_terminal(tmp_path):
    path = tmp_path / "x\x1b]0;retitled\x07\x1b[2J.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run("score", "--no-model", path)
    assert result.exit_code == 0 and "slammed" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_cr_only_text_survives_csv(tmp_path):
    """A lone CR inside a sentence (old Mac line ends) must not split a CSV row."""
    import pandas as pd

    path = tmp_path / "mac.txt"
    path.write_bytes(b"Critics slammed\rthe regime's plan.\rIt passed\ron Tuesday.\r")
    result = run("score", "--no-model", path, "-f", "csv", "--rows", "sentences")
    table = pd.read_csv(io.StringIO(result.stdout))
    record = json.loads(run("score", "--no-model", path, "-f", "json").stdout)
    assert list(table["text"]) == [s["text"] for s in record["sentences"]]
    assert any("\r" in text for text in table["text"])
