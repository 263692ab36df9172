"""Safe output (issue 9): HTML that runs nothing from the data, CSV no spreadsheet runs.

The HTML checks parse the page (html.parser) rather than search for substrings: every
element must be one our templates write, no attribute may be an event handler, a
``src`` or a link that leaves the page, and the payloads must show up as text. Payloads
come in through the article text, the file name (the doc id), and the rationale and
alternative of a user ``--lexicon`` file.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from framing import Analyzer
from framing.cli import main
from framing.report.formats import to_csv
from framing.report.html import render_html

from .test_html import XSS, assert_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Payloads usable in a file name (no slash) and in a TSV cell (no tab or line break).
NAME_PAYLOADS = [p for p in XSS if "/" not in p]
LEXICON = (
    "term\tcategory\tweight\tpolarity\trationale\talternative\tforms\n"
    f"reckless\tloaded_negative\t0.6\t-1\t{XSS[0]} {XSS[2]}\t{XSS[1]}\t\n"
    f"menace\tloaded_negative\t0.6\t-1\t{XSS[3]} {XSS[4]}\t{XSS[6]}\t\n"
    "slam\tloaded_negative\t0.6\t-1\t=HYPERLINK(\"http://evil.example\",\"x\")\t@SUM(1+1)\t\n"
    "brazen\tloaded_negative\t0.6\t-1\t+cmd|' /C calc'!A0\t-2+3\t\n"
)


def run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], **kwargs)


@pytest.fixture
def evil_lexicon(tmp_path):
    path = tmp_path / "evil.tsv"
    path.write_text(LEXICON, encoding="utf-8")
    return path


class Text(HTMLParser):
    """The page's visible text (character references decoded) and its CSP."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.csp = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            self.attributes.append((name, value or ""))
        attrs = dict(attrs)
        if attrs.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = attrs["content"]

    def handle_data(self, data):
        self.text.append(data)


def assert_no_active_content(html: str) -> Text:
    assert_safe(html)
    page = Text(html)
    for name, value in page.attributes:
        squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
        scheme = ("javascript:", "vbscript:", "data:text/html")
        assert not squeezed.startswith(scheme), (name, value)
        assert name not in ("srcdoc", "formaction", "action", "background", "style") or \
            "url(" not in squeezed, (name, value)
    assert not re.search(r"<(base|link|object|embed|iframe|meta http-equiv=\"refresh)", html, re.I)
    assert_csp_forbids_remote_loads(page.csp)
    return page


def assert_csp_forbids_remote_loads(csp: str | None) -> None:
    assert csp, "the page declares no Content-Security-Policy"
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives["default-src"] == ["'none'"]
    for name, sources in directives.items():
        for source in sources:
            assert source in ("'none'", "'self'", "'unsafe-inline'", "data:") or \
                source.startswith("'sha256-"), (name, source)  # no hosts, schemes or *
    assert all(s.startswith("'sha256-") for s in directives["script-src"])
    assert directives.get("img-src", ["'none'"]) in (["'none'"], ["data:"])
    assert directives["base-uri"] == ["'none'"] and directives["form-action"] == ["'none'"]


def test_report_from_hostile_file_name_text_and_lexicon(tmp_path, evil_lexicon, monkeypatch):
    monkeypatch.chdir(tmp_path)
    article = " ".join(f"The reckless menace slammed {p} in a brazen move." for p in XSS)
    names = []
    for i, payload in enumerate(NAME_PAYLOADS):
        names.append(f"{payload}{i}.txt")
        (tmp_path / names[-1]).write_text(article, encoding="utf-8")
    for flags in ([], ["--compare"], ["--exercise"]):
        out = tmp_path / "r.html"
        result = run("report", *names, "--lexicon", evil_lexicon, "--no-model", "-o", out, *flags)
        assert result.exit_code == 0, result.output
        html = out.read_text(encoding="utf-8")
        page = assert_no_active_content(html)
        shown = "".join(page.text)
        # The payloads are on the page as text, not dropped and not run.
        for payload in XSS[:7]:
            assert payload in shown, payload
        assert all(name in shown for name in names)


def test_payloads_in_meta_and_doc_id_from_the_library(evil_lexicon):
    analyzer = Analyzer([evil_lexicon], model=None)
    text = "A reckless menace. " + " ".join(XSS)
    analyses = [analyzer.analyze(text, doc_id=p, meta={p: p, "url": "javascript:alert(1)"})
                for p in XSS]
    assert_no_active_content(render_html(analyses, compare=True))


def test_csp_check_can_fail():
    """The CSP check above refuses what a careless policy would allow."""
    for bad in [None, "default-src *", "default-src 'none'; script-src https://cdn.example",
                "default-src 'none'; img-src http:; script-src 'sha256-x'; base-uri 'none'; "
                "form-action 'none'"]:
        with pytest.raises(AssertionError):
            assert_csp_forbids_remote_loads(bad)


# --- CSV ----------------------------------------------------------------------------

HOSTILE_SENTENCES = [
    "=1+1 and the reckless plan.",
    "+cmd|' /C calc'!A0 slammed it.",
    "-2+3 was a brazen number.",
    "@SUM(1+1) was reckless.",
    "=HYPERLINK(\"http://evil.example\",\"click\") slammed.",
]


def cells(payload: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(payload)) for cell in row]


def dangerous(payload: str) -> list[str]:
    """Cells a spreadsheet would run: formula starts that are not plain numbers."""
    found = []
    for cell in cells(payload):
        if cell.startswith(FORMULA_STARTS):
            try:
                float(cell)
            except ValueError:
                found.append(cell)
    return found


@pytest.fixture
def hostile(evil_lexicon):
    analyzer = Analyzer([evil_lexicon], model=None)
    text = "\n\n".join(HOSTILE_SENTENCES)
    doc_ids = ["=1+1", "\t=2+2", "\r=3+3", "@A1", "-1+1", "+1+1"]
    return [analyzer.analyze(text, doc_id=d) for d in doc_ids] + [{"doc_id": "=4+4",
                                                                   "error": "-bad"}]


@pytest.mark.parametrize("rows", ["flags", "sentences"])
def test_csv_neutralises_formulas_by_default(hostile, rows):
    payload = to_csv(hostile, rows=rows)
    assert dangerous(payload) == []
    assert "'=1+1" in cells(payload) and "'\t=2+2" in cells(payload)
    if rows == "sentences":
        assert "'=1+1 and the reckless plan." in cells(payload)
    else:
        assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in cells(payload)
        assert "'@SUM(1+1)" in cells(payload) and "'-2+3" in cells(payload)


def test_unsafe_csv_only_when_asked(hostile):
    raw = to_csv(hostile, rows="sentences", safe=False)
    assert "=1+1 and the reckless plan." in cells(raw) and dangerous(raw)


def test_numbers_stay_numbers(hostile):
    rows = list(csv.DictReader(io.StringIO(to_csv(hostile, rows="flags"))))
    polarities = {row["polarity"] for row in rows if row["polarity"]}
    assert polarities and {float(p) for p in polarities} <= {-1.0, 0.0, 1.0}  # no "'-1"


def test_cli_csv_is_safe_unless_no_csv_safe(tmp_path, evil_lexicon, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "=1+1.txt").write_text("\n\n".join(HOSTILE_SENTENCES), encoding="utf-8")
    args = ["score", "=1+1.txt", "@missing.txt", "--lexicon", evil_lexicon, "--no-model",
            "-f", "csv"]
    for rows in ("flags", "sentences"):
        safe = run(*args, "--rows", rows)
        assert safe.exit_code == 1 and dangerous(safe.stdout) == []
        assert "'=1+1.txt" in cells(safe.stdout) and "'@missing.txt" in cells(safe.stdout)
    unsafe = run(*args, "--rows", "sentences", "--no-csv-safe")
    assert "=1+1.txt" in cells(unsafe.stdout) and dangerous(unsafe.stdout)
