"""The terminal writer: a verdict and a table of flagged words by sentence (rich)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from framing.categories import label
from framing.frames import summary_line
from framing.records import QUOTED, Analysis

_STYLE = {"neutral wording": "green", "some loaded wording": "yellow", "strongly slanted": "red"}


def render(analysis: Analysis, console: Console) -> None:
    """Print one analysis: verdict panel, then every flag with its reason."""
    console.print(_verdict(analysis))
    if analysis.flags:
        console.print(_flag_table(analysis))
    else:
        console.print("No loaded wording found.")
    console.print()


def _verdict(analysis: Analysis) -> Panel:
    slant = analysis.slant
    summary = analysis.summary
    headline = Text.assemble(
        (f"{slant.score:g}/100 ", "bold"),
        (slant.label, f"bold {_STYLE.get(slant.label, '')}"),
        f"   {summary['n_words']} words, {summary['n_sentences']} sentences, "
        f"{summary['voice']['author']} flags in the author's voice, "
        f"{summary['voice']['quoted']} in quotations",
    )
    return Panel(
        Group(headline, Text(slant.explanation, style="dim"), _frames_line(analysis)),
        title=Text(analysis.doc_id or "document"),
        title_align="left",
    )


def _flag_table(analysis: Analysis) -> Table:
    table = Table(expand=True, show_lines=True)
    table.add_column("sent.", justify="right", no_wrap=True)
    table.add_column("words", style="bold", max_width=24)
    table.add_column("category, voice", max_width=20)
    table.add_column("why it steers the reader  ->  a neutral alternative", ratio=1)
    for result in analysis.sentences:
        for flag in result.flags:
            voice = "quoted" if flag.voice == QUOTED else "author"
            if flag.negated:
                voice += ", negated"
            # Text(), not str: article text may contain [brackets] rich would read as markup.
            reason = Text(flag.rationale)
            if flag.alternative:
                reason.append(f"\n-> {flag.alternative}", style="italic")
            table.add_row(
                Text(str(result.sentence.index + 1)),
                Text(flag.text),
                Text(f"{label(flag.category)}\n({voice})"),
                reason,
            )
    return table


def _frames_line(analysis: Analysis) -> Text:
    """The article's lens in one line: its main frames and moral foundations."""
    return Text(summary_line(analysis.summary).capitalize(), style="cyan")
