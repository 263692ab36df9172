"""Hostile and classroom text (issue 19, items 10-19 and the lexicon line splitting).

Each test names the item of issue 19 it guards; each failed before its fix.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import framing.io as framing_io
from framing.corpus.inputs import html_main_text
from framing.errors import InputError
from framing.lexicon import parse_lexicon

HEADER = "term\tcategory\tweight\tpolarity\trationale\talternative\tforms\n"


# --- minor: lexicon rows split only at line ends --------------------------------------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c"])
def test_lexicon_rows_do_not_split_on_unicode_line_separators(separator):
    row = f"brash\tloaded_negative\t0.5\t-1\tSounds rude{separator}and rash.\tbold\t\n"
    entries = parse_lexicon((HEADER + row).encode("utf-8"), "mine.tsv")
    assert [e.term for e in entries] == ["brash"]
    assert separator in entries[0].rationale


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_lexicon_rows_still_split_at_every_kind_of_line_end(line_end):
    rows = ["brash\tloaded_negative\t0.5\t-1\tRude.\tbold\t", "meek\tloaded_negative\t0.5\t-1\tWeak.\tquiet\t"]
    text = (HEADER.rstrip("\n") + line_end + line_end.join(rows) + line_end)
    assert [e.term for e in parse_lexicon(text.encode("utf-8"), "mine.tsv")] == ["brash", "meek"]


# --- item 10: saved web pages are read with the same bounds as text files ---------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_html_symlinked_to_dev_zero_is_refused_at_the_limit(tmp_path):
    page = tmp_path / "page.html"
    page.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="1,000-byte limit"):
        html_main_text(page, max_bytes=1_000)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_html_fifo_nobody_writes_to_is_an_error_not_a_hang(tmp_path, monkeypatch):
    monkeypatch.setattr(framing_io, "PIPE_WAIT_SECONDS", 0.2)
    page = tmp_path / "page.html"
    os.mkfifo(page)
    with pytest.raises(InputError, match="named pipe that nobody wrote to"):
        html_main_text(page)


def test_html_directory_and_missing_page_are_one_line_errors(tmp_path):
    (tmp_path / "folder.html").mkdir()
    with pytest.raises(InputError, match="is a directory"):
        html_main_text(tmp_path / "folder.html")
    with pytest.raises(InputError, match="no such file"):
        html_main_text(tmp_path / "missing.html")
