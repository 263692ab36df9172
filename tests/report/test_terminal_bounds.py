"""Issue 26: the text format stops listing after a documented number of rows; the
machine formats stay complete."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from rich.console import Console

from framing import Analyzer
from framing.cli import main
from framing.report import terminal

LOADED_SENTENCE = "The reckless regime slammed its critics. "


@pytest.fixture(scope="module")
def long_text(tmp_path_factory):
    path = tmp_path_factory.mktemp("long") / "long.txt"
    path.write_text(LOADED_SENTENCE * 400, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def analysis(long_text):
    return Analyzer(model=None).analyze(long_text.read_text(encoding="utf-8"))


def printed(analysis, terminal_like: bool) -> str:
    out = io.StringIO()
    console = Console(file=out, force_terminal=terminal_like, width=120)
    terminal.render(analysis, console)
    return out.getvalue()


@pytest.mark.parametrize("terminal_like", [True, False])
def test_text_output_lists_the_documented_number_of_flags_then_counts_the_rest(
        analysis, terminal_like):
    total = len(analysis.flags)
    assert total > terminal.MAX_FLAG_ROWS
    text = printed(analysis, terminal_like)
    expected = terminal.more_line(total - terminal.MAX_FLAG_ROWS, "flags")
    assert expected in text


def flag_lines(analysis) -> list[str]:
    return [line.plain for line in terminal.plain_lines(analysis)
            if line.plain.startswith("  sentence ")]


def test_piped_output_lists_exactly_the_documented_number(analysis):
    assert len(flag_lines(analysis)) == terminal.MAX_FLAG_ROWS


def test_text_output_of_a_short_text_lists_every_flag_and_no_more_line():
    short = Analyzer(model=None).analyze(LOADED_SENTENCE * 3)
    assert len(flag_lines(short)) == len(short.flags) == 9
    assert "more flags" not in printed(short, terminal_like=True)


def test_machine_formats_hold_every_flag(long_text, analysis):
    result = CliRunner().invoke(main, ["score", str(long_text), "-f", "json", "--no-model"])
    assert result.exit_code == 0, result.output
    flags = [f for s in json.loads(result.stdout)["sentences"] for f in s["flags"]]
    assert len(flags) == len(analysis.flags)
    rows = CliRunner().invoke(main, ["score", str(long_text), "-f", "csv", "--no-model"])
    assert rows.stdout.count("\n") == len(analysis.flags) + 1


def test_text_output_size_does_not_grow_with_the_text(tmp_path):
    sizes = []
    for copies in (300, 1200):
        path = tmp_path / f"t{copies}.txt"
        path.write_text(LOADED_SENTENCE * copies, encoding="utf-8")
        result = CliRunner().invoke(main, ["score", str(path), "--no-model"])
        assert result.exit_code == 0, result.output
        sizes.append(len(result.stdout))
    assert abs(sizes[1] - sizes[0]) < 200
