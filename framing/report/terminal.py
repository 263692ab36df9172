"""The terminal writer: a verdict and a table of flagged words by sentence (rich)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from framing.categories import label
from framing.frames import summary_line
from framing.records import QUOTED, Analysis, printable

_STYLE = {"neutral wording": "green", "some loaded wording": "yellow", "strongly slanted": "red"}


def render(analysis: Analysis, console: Console) -> None:
    """Print one analysis: verdict panel, then every flag with its reason."""
    console.print(_verdict(analysis))
    if analysis.flags:
        console.print(_flag_table(analysis))
    else:
        console.print("No loaded wording found.")
    speakers = _speaker_table(analysis)
    if speakers is not None:
        console.print(speakers)
    actors = _actor_table(analysis)
    if actors is not None:
        console.print(actors)
    console.print()


def _speaker_table(analysis: Analysis) -> Table | None:
    sources = analysis.summary.get("sources") or {}
    if not sources.get("speakers"):
        return None
    table = Table(title=_text(
        f"Who gets to speak: {sources['n_sources']} sources from {sources['n_sides']} named sides, "
        f"{sources.get('anonymous_attributions', 0)} anonymous attributions, "
        f"{sources['unattributed_quotes']} unattributed quotes, {sources['scare_quotes']} scare quotes"
    ), title_justify="left")
    for column, justify in (("speaker", "left"), ("side", "left"), ("quotes", "right"),
                            ("words quoted", "right"), ("share", "right")):
        table.add_column(column, justify=justify)
    for row in sources["speakers"]:
        table.add_row(_text(row["speaker"]), _text(row["side"] or "—"), str(row["quotes"]),
                      str(row["quoted_words"]), f"{row['share_of_quoted_words']:.0%}")
    return table


def _actor_table(analysis: Analysis) -> Table | None:
    rows = [r for r in analysis.summary.get("actors", [])
            if r["quotes"] or r["reported"] or r["aimed"]["negative"] or r["aimed"]["positive"]]
    if not rows:
        return None
    table = Table(title="How each actor is described (loaded words in the author's voice)",
                  title_justify="left")
    for column in ("actor", "mentions", "quoted / reported", "verbs: neutral, doubt, endorse",
                   "loaded words aimed at it"):
        table.add_column(column)
    for row in rows:
        verbs = row["verbs"]
        aimed = Text()
        if row["aimed"]["negative_terms"]:
            aimed.append(printable("- " + ", ".join(row["aimed"]["negative_terms"])), style="red")
        if row["aimed"]["positive_terms"]:
            positive = ", ".join(row["aimed"]["positive_terms"])
            aimed.append(printable(("  " if aimed else "") + "+ " + positive), style="green")
        table.add_row(
            _text(row["actor"]), str(row["mentions"]), f"{row['quotes']} / {row['reported']}",
            f"{verbs['neutral']}, {verbs['doubt-casting']}, {verbs['endorsing']}", aimed,
        )
    return table


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
        Group(headline, _text(slant.explanation, style="dim"), _frames_line(analysis)),
        title=_text(analysis.doc_id or "document"),
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
            reason = _text(flag.rationale)
            if flag.alternative:
                reason.append("\n-> " + printable(flag.alternative), style="italic")
            table.add_row(
                Text(str(result.sentence.index + 1)),
                _text(flag.text),
                Text(f"{label(flag.category)}\n({voice})"),
                reason,
            )
    return table


def _frames_line(analysis: Analysis) -> Text:
    """The article's lens in one line: its main frames and moral foundations."""
    return _text(summary_line(analysis.summary).capitalize(), style="cyan")


def _text(value: str, style: str = "") -> Text:
    """Data as rich Text: never read as markup, control characters cleaned."""
    return Text(printable(value), style=style)
