"""Web pages and PDFs read as people have them: `score` and `report` take a saved page's
main text as `batch` does, and a PDF is read through pypdf or refused, never scored as
PDF syntax."""

from __future__ import annotations

import json
import os
import sys

import pytest
from click.testing import CliRunner

from framing.analyzer import Analyzer, analyze_files
from framing.cli import main
from framing.errors import InputError
from framing.io import is_pdf, read_document

PAGE = """<!doctype html><html><head><title>News</title>
<script>var tracker = "bellicose regime";</script><style>.x { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Council debates the river dam</h1>
<p>The council met on Tuesday to discuss the new river dam. Critics slammed the plan as a
reckless power grab that would flood the valley below the old mill.</p>
<p>Supporters said the dam would bring cheap electricity to thousands of homes and create
jobs in the region for many years, and the mayor promised a public hearing.</p>
<p>The vote is expected next month after that hearing in the town hall, where residents
can speak for three minutes each about the plans and the costs.</p>
</article><footer>Copyright notice</footer></body></html>
"""
PDF_LINE = "The thugs slammed the reckless plan."


def make_pdf(line: str) -> bytes:
    """A one-page PDF holding one line of text, built by hand (no binary in the repo)."""
    stream = b"BT /F1 12 Tf 72 720 Td (" + line.encode("latin-1") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def _score(*args: str):
    return CliRunner().invoke(main, ["score", "--no-model", *args])


def test_score_reads_the_text_of_a_web_page_not_its_markup(page):
    import json

    result = _score(str(page), "--format", "json")
    assert result.exit_code == 0, result.output
    text = json.loads(result.output)["text"]
    assert "Critics slammed the plan" in text
    for markup in ("<", "tracker", "color: red", "Home", "Copyright"):
        assert markup not in text


def test_report_reads_web_pages_the_same_way(page):
    [analysis] = analyze_files([str(page)], Analyzer(model=None))
    assert analysis.text == read_document(page) and "<p>" not in analysis.text


def test_a_web_page_without_trafilatura_names_the_extra(page, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    result = _score(str(page))
    assert result.exit_code != 0 and result.output.count("\n") == 1, result.output
    assert "framing[html]" in result.output and str(page) in result.output


@pytest.mark.parametrize("name", ["article.pdf", "article.txt"])
def test_a_pdf_is_read_as_its_text(tmp_path, name):
    pytest.importorskip("pypdf")
    path = tmp_path / name
    path.write_bytes(make_pdf(PDF_LINE))
    assert read_document(path) == PDF_LINE
    result = _score(str(path), "--format", "json")
    assert result.exit_code == 0 and "obj" not in result.output and "Tf" not in result.output


def test_a_pdf_without_pypdf_is_refused_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdf", None)
    path = tmp_path / "article.txt"
    path.write_bytes(make_pdf(PDF_LINE))
    result = _score(str(path))
    assert result.exit_code != 0 and result.output.count("\n") == 1, result.output
    assert "is a PDF" in result.output and "framing[pdf]" in result.output


def test_a_pdf_without_text_is_an_error_not_a_score(tmp_path):
    pytest.importorskip("pypdf")
    broken = tmp_path / "scan.pdf"
    broken.write_bytes(make_pdf("").replace(b"() Tj", b""))
    with pytest.raises(InputError, match="PDF"):
        read_document(broken)
    garbage = tmp_path / "torn.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + b"\x01 not really a pdf " * 20)
    with pytest.raises(InputError, match="PDF"):
        read_document(garbage)


def test_pdf_header_detection():
    assert is_pdf(b"%PDF-1.4\n...") and is_pdf(b"\n  %PDF-2.0")
    assert not is_pdf(b"An article about the %PDF-1.4 header.")


def test_batch_reads_a_pdf_as_text_too(tmp_path):
    pytest.importorskip("pypdf")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.pdf").write_bytes(make_pdf(PDF_LINE))
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "in"), "--glob", "*.pdf",
                                       "--no-model", "-j", "1", "-o", str(tmp_path / "out"),
                                       "-q", "--format", "csv"])
    assert result.exit_code == 0, result.output
    flags = (tmp_path / "out" / "flags.csv").read_text(encoding="utf-8")
    assert "thugs" in flags


# --- files teachers have (issue 28) -------------------------------------------------


def _word_file(path):
    docx = pytest.importorskip("docx") if os.environ.get("CI") != "true" else __import__("docx")
    document = docx.Document()
    document.add_paragraph("Council Rams Through Dam Plan")
    document.add_paragraph("Critics slammed the reckless plan on Tuesday, and the mayor defended it.")
    document.save(path)
    return path


def test_a_word_file_is_read_as_its_paragraphs(tmp_path):
    path = _word_file(tmp_path / "essay.docx")
    result = CliRunner().invoke(main, ["score", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["text"].startswith("Council Rams Through Dam Plan\n\nCritics slammed")
    assert "reckless" in {f["text"] for s in record["sentences"] for f in s["flags"]}


def test_without_the_word_reader_a_word_file_is_one_line_naming_it(tmp_path, monkeypatch):
    path = _word_file(tmp_path / "essay.docx")
    monkeypatch.setitem(sys.modules, "docx", None)  # as if python-docx were not installed
    result = CliRunner().invoke(main, ["score", str(path)])
    assert result.exit_code != 0
    line = result.output.strip()
    assert len(line.splitlines()) == 1 and "is a Word file" in line and "framing[docx]" in line


@pytest.mark.parametrize("name", ["news.csv", "news.jsonl", "news.parquet"])
def test_a_table_given_to_score_or_report_points_to_batch(tmp_path, name):
    path = tmp_path / name
    path.write_text("text,outlet\nA plan.,X\n", encoding="utf-8")
    score = CliRunner().invoke(main, ["score", str(path)])
    assert score.exit_code != 0
    line = score.output.strip()
    assert len(line.splitlines()) == 1 and "framing batch" in line and name in line
    # report names each unreadable input on its line, then that it wrote nothing
    report = CliRunner().invoke(main, ["report", str(path), "-o", str(tmp_path / "r.html")])
    first, *rest = report.output.strip().splitlines()
    assert report.exit_code != 0 and "framing batch" in first and name in first
    assert rest == [f"framing: error: no readable input, {tmp_path / 'r.html'} was not written"]
