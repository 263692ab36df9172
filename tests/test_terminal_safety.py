"""Strings from data reach the terminal without their control characters (issue 19, item 9).

An escape sequence in an article, a file name, an outlet name or a lexicon rationale
could retitle the terminal (``ESC ] 0 ;``), clear it (``ESC [ 2 J``) or, on terminals
that honour 8-bit controls, start a command with a single byte (``\\x9b``). Every writer
that prints to a terminal runs what it prints from data through
:func:`framing.records.printable`.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.records import printable

ESCAPES = ["\x1b]0;pwned\x07", "\x1b[2J", "\x9b31m", "\u202e", "\x08", "\r"]
# What must never reach the terminal: C0 and C1 controls other than line feed (rich and
# click end lines with \n), DEL, and bidirectional overrides.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = "".join(ESCAPES)
# A CR ends a line in a lexicon file (old Mac line ends), so the lexicon rows leave it out.
IN_ROW = HOSTILE.replace("\r", "")
LEXICON = (
    "term\tcategory\tweight\tpolarity\trationale\talternative\tforms\n"
    f"bellicose\tloaded_negative\t0.8\t-1\tWhy{IN_ROW}\tcalm{IN_ROW}\texact\n"
)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_clean(*outputs: str) -> None:
    for output in outputs:
        assert not UNSAFE.search(output), repr(output)


@pytest.mark.parametrize("escape", ESCAPES)
def test_printable_replaces_control_characters_one_for_one(escape):
    cleaned = printable(f"a{escape}b")
    assert not UNSAFE.search(cleaned)
    assert len(cleaned) == len(escape) + 2 and cleaned.startswith("a") and cleaned.endswith("b")


def test_printable_keeps_ordinary_text_and_optionally_newlines():
    text = "Zoë’s “quote” — 日本 \u00a0 שלום\tend"
    assert printable(text) == text.replace("\t", " ")
    assert printable("a\nb", newlines=True) == "a\nb" and printable("a\nb") == "a\ufffdb"
    assert printable("lone \udcff") == "lone \ufffd"


def test_score_text_output_and_error_lines_are_clean(tmp_path):
    lexicon = tmp_path / "lex.tsv"
    lexicon.write_text(LEXICON, encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text(f'The bellicose{HOSTILE} plan. "No{HOSTILE}," said Mr. Smith{HOSTILE}.',
                       encoding="utf-8")
    missing = tmp_path / f"missing{HOSTILE}.txt"
    result = run("score", article, missing, "--lexicon", lexicon, "--no-model")
    assert result.exit_code == 1
    assert "Why" in result.stdout and "calm" in result.stdout and "framing: error:" in result.stderr
    assert_clean(result.stdout, result.stderr)


def test_report_error_lines_are_clean(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("The plan passed.", encoding="utf-8")
    result = run("report", article, tmp_path / f"gone{HOSTILE}.txt", "-o", tmp_path / "r.html",
                 "--no-model")
    assert result.exit_code == 1 and "framing: error:" in result.stderr
    assert_clean(result.stderr)


def test_lexicon_show_and_list_are_clean(tmp_path):
    lexicon = tmp_path / f"lex{HOSTILE}.tsv"
    lexicon.write_text(LEXICON, encoding="utf-8")
    shown = run("lexicon", "show", "bellicose", "--lexicon", lexicon, "--no-builtin-lexicons")
    assert shown.exit_code == 0 and "Why" in shown.stdout
    listed = run("lexicon", "list", "--lexicon", lexicon, "--no-builtin-lexicons")
    checked = run("lexicon", "check", lexicon)
    assert_clean(shown.stdout, listed.stdout, checked.stdout, checked.stderr)


def test_compare_outlet_names_and_duplicate_id_warning_are_clean(tmp_path):
    table = tmp_path / "articles.csv"
    pd.DataFrame({
        "id": [f"a{IN_ROW}", f"a{IN_ROW}", "b", "c"],
        "text": ["The regime slammed critics.", "Again.", "The council met.", "It passed."],
        "outlet": [f"Daily{IN_ROW}", f"Daily{IN_ROW}", "Plain", "Plain"],
    }).to_csv(table, index=False)
    batch = run("batch", table, "--id-col", "id", "--meta-col", "outlet", "--no-model",
                "-o", tmp_path / "out", "--quiet")
    assert batch.exit_code == 0, batch.output
    assert "already used" in batch.stderr
    compared = run("compare", tmp_path / "out", "--by", "outlet", "--min-articles", "1",
                   "--max-q", "1")
    assert compared.exit_code == 0, compared.output
    assert "Daily" in compared.stdout
    assert_clean(batch.stderr, compared.stdout, compared.stderr)


def test_evaluate_slant_group_names_are_clean(tmp_path, toy_labelled_csv):
    """Regression (issue 30, item 2): the "error rates by type" lines printed the group
    names of the data unfiltered (``left\\x1b]0;PWNED\\x07``, ``right\\x1b[2J``)."""
    frame = pd.read_csv(toy_labelled_csv, sep=";", encoding="utf-8-sig")
    frame["type"] = frame["type"].map({"left": "left\x1b]0;PWNED\x07", "right": "right\x1b[2J",
                                       "center": f"center{IN_ROW}"})
    hostile = tmp_path / "labels.csv"
    frame.to_csv(hostile, sep=";", index=False, encoding="utf-8-sig")
    result = run("evaluate", "slant", hostile, "--negative", "Non-biased", "--group-col", "type")
    assert result.exit_code == 0, result.output
    assert "left" in result.stdout and "PWNED" in result.stdout
    assert_clean(result.stdout, result.stderr)
