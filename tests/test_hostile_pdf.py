"""Hostile PDFs (issue 30, items 3, 4, 15 and 17): every one ends in one error line for
its file, within the size limit and the memory budget, and other files are still read.

The PDFs are built here, at run time, from a few lines of PDF syntax: none is committed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zlib

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.errors import InputError
from framing.io import MAX_BYTES, MEMORY_BUDGET, is_pdf, read_document

from .conftest import peak_bytes, require_module

LINE = b"The thugs slammed the reckless plan."


@pytest.fixture(autouse=True)
def pypdf():
    return require_module("pypdf", "pdf")


def build_pdf(content: bytes, pages: int = 1, *, compress: bool = True,
              before: bytes = b"", broken_end: bool = False) -> bytes:
    """A PDF whose ``pages`` pages all draw the one content stream ``content``."""
    body = zlib.compress(content, 9) if compress else content
    flate = b" /Filter /FlateDecode" if compress else b""
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(pages))
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< >>",
        b"<< /Length %d%s >>\nstream\n" % (len(body), flate) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *[page] * pages,
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    end = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return before + out + (b"trailer\n<< /Size 1 >>\nstartxref\n1\n" if broken_end else end)


def text_stream(line: bytes = LINE) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (" + line + b") Tj ET"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def one_error_line(result, path) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"framing: error: {path}: "), lines[0]
    assert "Traceback" not in result.output
    return lines[0]


# --- item 3: nesting that overflows the parser's recursion ----------------------------

DEEP = text_stream() + b" " + b"[" * 100_000 + b"(x)" + b"]" * 100_000 + b" TJ"


def test_deeply_nested_pdf_is_one_error_and_the_other_file_is_scored(tmp_path):
    """Regression (issue 30, item 3): 100,000 nested '[' raised RecursionError, and
    `framing score ok.txt deep.pdf` scored neither file."""
    deep = tmp_path / "deep.pdf"
    deep.write_bytes(build_pdf(DEEP))
    assert deep.stat().st_size < 1_000
    ok = tmp_path / "ok.txt"
    ok.write_text("The thugs slammed the reckless plan.", encoding="utf-8")
    with pytest.raises(InputError, match="nested too deeply"):
        read_document(deep)
    result = run("score", "--no-model", ok, deep, "-f", "jsonl")
    assert result.exit_code == 1
    assert "nested too deeply" in one_error_line(result, deep)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["doc_id"] for r in rows] == [str(ok), str(deep)]
    assert rows[0]["sentences"] and "error" in rows[1]


def test_deeply_nested_pdf_does_not_stop_a_report(tmp_path):
    deep = tmp_path / "deep.pdf"
    deep.write_bytes(build_pdf(DEEP))
    ok = tmp_path / "ok.txt"
    ok.write_text("The thugs slammed the reckless plan.", encoding="utf-8")
    out = tmp_path / "r.html"
    result = run("report", "--no-model", ok, deep, "-o", out)
    one_error_line(result, deep)
    assert "slammed" in out.read_text(encoding="utf-8")


# --- item 4: a small PDF whose text is many times the size limit -----------------------

def amplifying_pdf(pages: int = 8, megabytes: int = 1) -> bytes:
    """8 pages that share one content stream of about 1 MB of text: a 5 KB file."""
    line = b"(" + b"The reckless plan failed again and again. " * 24 + b") Tj T* "
    stream = b"BT /F1 12 Tf 14 TL 72 720 Td " + line * (megabytes * 1_000_000 // len(line)) + \
        b"ET"
    return build_pdf(stream, pages)


def test_amplifying_pdf_is_refused_by_its_text_at_the_default_limit(tmp_path):
    """Regression (issue 30, item 4): a 5 KB PDF extracted 7.9 million characters, past
    the 4,000,000 limit that the same text as .txt meets. Extraction stops at the limit,
    and its peak memory stays far under the analysis budget."""
    path = tmp_path / "amp.pdf"
    path.write_bytes(amplifying_pdf())
    assert path.stat().st_size < 10_000
    errors = []

    def read():
        try:
            read_document(path)
        except InputError as err:
            errors.append(str(err))

    peak = peak_bytes(read)
    assert errors and f"{MAX_BYTES:,}-character limit" in errors[0], errors
    assert peak < MEMORY_BUDGET / 10, f"{peak / 1e6:.0f} MB"


def test_extraction_stops_as_soon_as_the_text_passes_the_limit(tmp_path, monkeypatch):
    """The limit is checked while pypdf extracts, not after: with a 1,000-character limit
    not even the first page is extracted whole."""
    import pypdf

    from framing.io import pdf_text

    seen = []
    original = pypdf.PageObject.extract_text

    def spy(self, *args, **kwargs):
        text = original(self, *args, **kwargs)
        seen.append(len(text))
        return text

    monkeypatch.setattr(pypdf.PageObject, "extract_text", spy)
    with pytest.raises(InputError, match="1,000-character limit"):
        pdf_text(amplifying_pdf(), "amp.pdf", max_chars=1_000)
    assert seen == []  # stopped inside the first page


def test_batch_row_for_an_amplifying_pdf_is_an_error_row(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "amp.pdf").write_bytes(amplifying_pdf(pages=2))
    (tmp_path / "in" / "ok.pdf").write_bytes(build_pdf(text_stream()))
    result = run("batch", tmp_path / "in", "--glob", "*.pdf", "--no-model", "-j", "1",
                 "--max-bytes", "500000", "-o", tmp_path / "out", "-q", "--format", "csv")
    assert result.exit_code == 0, result.output
    articles = (tmp_path / "out" / "articles.csv").read_text(encoding="utf-8")
    assert "500,000-character limit" in articles and "ok.pdf" in articles


def test_a_text_past_the_limit_is_refused_whatever_the_reader():
    """The same limit for every reader: a web page's text is checked as a PDF's is."""
    from framing.io import check_text_length

    with pytest.raises(InputError, match="10-character limit"):
        check_text_length("x" * 11, "page.html", 10)
    assert check_text_length("x" * 10, "page.html", 10) == "x" * 10


# --- item 15: pypdf's log lines -------------------------------------------------------

def framing_process(*args) -> subprocess.CompletedProcess:
    """The command in its own process: pytest's log capture would hide what a library
    logs, and a user sees those lines only because nobody set up logging."""
    return subprocess.run([sys.executable, "-m", "framing", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_pypdf_log_lines_do_not_surround_the_error_line(tmp_path):
    """Regression (issue 30, item 15): "EOF marker not found" and "incorrect startxref
    pointer(1)" were printed around the `framing: error:` line."""
    torn = tmp_path / "torn.pdf"
    torn.write_bytes(build_pdf(text_stream(), broken_end=True))
    result = framing_process("score", "--no-model", torn)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [result.stderr.strip()], result.stderr
    assert result.stderr.startswith(f"framing: error: {torn}: ")


def test_a_pdf_pypdf_repairs_is_scored_without_log_lines(tmp_path):
    wrong_pointer = tmp_path / "pointer.pdf"
    wrong_pointer.write_bytes(build_pdf(text_stream()).replace(b"startxref\n", b"startxref\n1"))
    result = framing_process("score", "--no-model", wrong_pointer, "-f", "json")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert "reckless" in result.stdout


# --- item 17: bytes before the header -------------------------------------------------

def test_a_pdf_with_bytes_before_its_header_is_read_as_a_pdf(tmp_path):
    """Regression (issue 30, item 17): an uncompressed PDF after a Content-Type header was
    scored as PDF syntax (423 words). Readers look for %PDF- in the first 1,024 bytes."""
    head = b"Content-Type: application/pdf\r\nContent-Length: 900\r\n\r\n"
    path = tmp_path / "saved.pdf"
    path.write_bytes(build_pdf(text_stream(), compress=False, before=head))
    assert is_pdf(path.read_bytes())
    assert read_document(path) == LINE.decode()
    result = run("score", "--no-model", path, "-f", "json")
    assert result.exit_code == 0 and "endobj" not in result.stdout and "Tf" not in result.stdout


def test_pdf_header_search_is_bounded_and_needs_a_line_start():
    assert is_pdf(b"x" * 1000 + b"\n%PDF-1.7\n")
    assert not is_pdf(b"x" * 1100 + b"\n%PDF-1.7\n")
    assert not is_pdf(b"An article about the %PDF-1.4 header.")
    assert not is_pdf(b"The file header reads\n%PDF-\nand nothing else.")
