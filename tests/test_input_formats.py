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

from .test_hostile_pdf import build_pdf, text_stream

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
    return build_pdf(text_stream(line.encode("latin-1")), compress=False)


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


# --- issue 30, items 10 and 16: hidden content, and pages nested too deeply -------------

VISIBLE = ("<p>The council met on Tuesday to discuss the new river dam near the old mill, "
           "and the mayor promised a public hearing before any vote on the plans.</p>"
           "<p>Supporters said the dam would bring cheap electricity to thousands of homes "
           "and create jobs in the region for many years to come.</p>")
HIDDEN = {
    "template": "<template><p>The bellicose regime's thugs wrecked the valley.</p></template>",
    "hidden attribute": "<div hidden><p>The bellicose regime's thugs wrecked the valley.</p></div>",
    "display:none": '<div style="color: red; DISPLAY : none"><p>The bellicose regime\'s thugs '
                    "wrecked the valley.</p></div>",
    "aria-hidden": '<div aria-hidden="true"><p>The bellicose regime\'s thugs wrecked the '
                   "valley.</p></div>",
}


@pytest.mark.parametrize("hidden", list(HIDDEN.values()), ids=list(HIDDEN))
def test_hidden_page_content_is_not_scored(tmp_path, hidden):
    """Regression (issue 30, item 10): words in <template> and in elements with the
    hidden attribute were scored, unlike display:none and aria-hidden."""
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><article><h1>Dam plans</h1>{VISIBLE[:len(VISIBLE) // 2]}"
                    f"{hidden}{VISIBLE[len(VISIBLE) // 2:]}</article></body></html>",
                    encoding="utf-8")
    text = read_document(page)
    assert "river dam" in text and "cheap electricity" in text
    assert "bellicose" not in text and "thugs" not in text


def test_a_page_nested_too_deeply_says_so(tmp_path):
    """Regression (issue 30, item 16): HTML nested more than 255 levels around real text
    said "no main text found in this web page"."""
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 300 + VISIBLE + "</div>" * 300 +
                    "</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="nested too deeply for the HTML reader"):
        read_document(page)
    result = _score(str(page))
    assert result.exit_code != 0 and result.output.count("\n") == 1, result.output
    assert "nested too deeply" in result.output


def test_a_page_with_an_encoding_declaration_is_still_read(tmp_path):
    page = tmp_path / "declared.xhtml"
    page.write_text('<?xml version="1.0" encoding="utf-8"?>\n<html><body><article>'
                    f"{VISIBLE}<div hidden>The thugs.</div></article></body></html>",
                    encoding="utf-8")
    text = read_document(page)
    assert "river dam" in text and "thugs" not in text


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
