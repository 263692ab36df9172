"""Who gets to speak: reported speech is counted as reports, never as quotations with
"0 words quoted" (a reader took a reported source for a silent quotation)."""

from __future__ import annotations

import re

import pytest

from framing import Analyzer
from framing.report import terminal
from framing.report.html import render_html

# Our own text: the mayor is quoted once and reported twice; the trust is only reported.
TEXT = (
    "The council of Port Ellery voted on Tuesday to close the ferry pier. Mayor Dana "
    "Whitcombe said the structure was unsafe and that repairs would cost too much.\n\n"
    '"We cannot keep patching a pier that is falling into the sea," Whitcombe said.\n\n'
    "According to the harbour trust, the closure will cut ferry traffic by half. The trust "
    "warned that local shops would suffer."
)


@pytest.fixture(scope="module")
def analysis():
    return Analyzer(model=None).analyze(TEXT)


def speakers(analysis) -> dict[str, dict]:
    return {row["speaker"]: row for row in analysis.summary["sources"]["speakers"]}


def test_the_text_has_a_quoted_and_reported_speaker_and_a_reported_only_one(analysis):
    rows = speakers(analysis)
    mayor = next(row for name, row in rows.items() if "Whitcombe" in name)
    trust = next(row for name, row in rows.items() if "trust" in name)
    assert (mayor["quotes"], mayor["reported"]) == (3, 2) and mayor["quoted_words"] > 0
    assert (trust["quotes"], trust["reported"], trust["quoted_words"]) == (2, 2, 0)


def speaker_lines(analysis) -> list[str]:
    return [line.plain for line in terminal.plain_lines(analysis)
            if "(side:" in line.plain]


def test_text_output_counts_quotations_and_reports_apart(analysis):
    lines = speaker_lines(analysis)
    mayor = next(line for line in lines if "Whitcombe" in line)
    trust = next(line for line in lines if "trust" in line)
    assert re.search(r": 1 quotation, 2 reports, \d+ words quoted$", mayor), mayor
    assert trust.endswith(": 2 reports"), trust
    assert not any("0 words quoted" in line for line in lines)


def test_html_speaker_table_has_a_column_for_reported_speech(analysis):
    page = render_html([analysis])
    table = page[page.index("table of speakers"):]
    table = table[: table.index("</table>")]
    assert '<th scope="col">reported speech</th>' in table
    trust_row = next(row for row in table.split("<tr>") if "trust" in row)
    cells = re.findall(r'<td data-label="([^"]+)">([^<]*)</td>', trust_row)
    assert ("quotations", "0") in cells and ("reported speech", "2") in cells
