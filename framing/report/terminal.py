"""The terminal writer: a verdict and a table of flagged words by sentence (rich)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from framing.categories import DEVICE, LOADED, SUGGESTED, label
from framing.lexicon import DEFAULT_CONFIDENCE
from framing.frames import summary_line
from framing.records import AUTHOR, BODY, Analysis, Flag, plural, printable

_STYLE = {"neutral wording": "green", "some loaded wording": "yellow", "strongly slanted": "red"}
#: The text format lists at most this many flags, and this many speakers and actors; the
#: rest are counted in one closing line. The machine formats (-f json, jsonl, csv) hold all.
MAX_FLAG_ROWS = 200
MAX_PEOPLE_ROWS = 50


def more_line(n_more: int, what: str) -> str:
    return f"… {n_more} more {what}: use -f json or -f csv"


def _shown(flags: list, limit: int) -> tuple[list, int]:
    return flags[:limit], max(len(flags) - limit, 0)


def render(analysis: Analysis, console: Console, devices: bool = True) -> None:
    """Print one analysis: verdict panel, then every flag with its reason.

    Loaded wording is listed in bold; framing devices (hedges, attribution verbs,
    emphasis) in a quieter style, or not at all with ``devices=False``. On a terminal
    the tables take its width; piped or written to a file, every flag is one line with
    its reason indented below it, so nothing wraps into a narrow column.
    """
    if not console.is_terminal:
        for line in plain_lines(analysis, devices):
            console.print(line, soft_wrap=True)
        return
    console.print(_verdict(analysis))
    listed = _listed_flags(analysis, devices)
    if listed:
        shown, n_more = _shown(listed, MAX_FLAG_ROWS)
        console.print(_flag_table(shown))
        if n_more:
            console.print(Text(more_line(n_more, "flags")))
    else:
        console.print("No loaded wording found.")
    for table in (_speaker_table(analysis), _actor_table(analysis)):
        if table is not None:
            console.print(table[0])
            if table[1]:
                console.print(Text(more_line(*table[1:])))
    console.print()


def _listed_flags(analysis: Analysis, devices: bool) -> list:
    """(sentence result, flag) pairs in reading order, devices left out when asked."""
    return [(r, f) for r in analysis.sentences for f in r.flags if devices or f.layer != DEVICE]


def _speaker_table(analysis: Analysis) -> tuple[Table, int, str] | None:
    sources = analysis.summary.get("sources") or {}
    if not sources.get("speakers"):
        return None
    speakers, n_more = _shown(sources["speakers"], MAX_PEOPLE_ROWS)
    table = Table(title=safe_text(
        f"Who gets to speak: {sources['n_sources']} sources from {sources['n_sides']} named sides, "
        f"{sources.get('anonymous_attributions', 0)} anonymous attributions, "
        f"{sources['unattributed_quotes']} unattributed quotes, {sources['scare_quotes']} scare quotes"
    ), title_justify="left")
    for column, justify in (("speaker", "left"), ("side", "left"), ("quotations", "right"),
                            ("reports", "right"), ("words quoted", "right"), ("share", "right")):
        table.add_column(column, justify=justify)
    for row in speakers:
        reported = row.get("reported", 0)
        table.add_row(safe_text(row["speaker"]), safe_text(row["side"] or "—"),
                      str(row["quotes"] - reported), str(reported),
                      str(row["quoted_words"]), f"{row['share_of_quoted_words']:.0%}")
    return table, n_more, "speakers"


def _actor_table(analysis: Analysis) -> tuple[Table, int, str] | None:
    rows = [r for r in analysis.summary.get("actors", [])
            if r["quotes"] or r["reported"] or r["aimed"]["negative"] or r["aimed"]["positive"]]
    if not rows:
        return None
    rows, n_more = _shown(rows, MAX_PEOPLE_ROWS)
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
            safe_text(row["actor"]), str(row["mentions"]), f"{row['quotes']} / {row['reported']}",
            f"{verbs['neutral']}, {verbs['doubt-casting']}, {verbs['endorsing']}", aimed,
        )
    return table, n_more, "actors"


def _verdict(analysis: Analysis) -> Panel:
    return Panel(
        Group(_headline(analysis), safe_text(analysis.slant.explanation, style="dim"),
              _frames_line(analysis)),
        title=safe_text(analysis.doc_id or "document"),
        title_align="left",
    )


def _flag_table(listed: list) -> Table:
    table = Table(expand=True, show_lines=True)
    table.add_column("sent.", justify="right", no_wrap=True)
    table.add_column("words", max_width=24)
    table.add_column("category, voice", max_width=22)
    table.add_column("why it steers the reader  ->  a neutral alternative", ratio=1)
    for result, flag in listed:
        where = str(result.sentence.index + 1)
        if result.sentence.role != BODY:
            where += f"\n{result.sentence.role}"
        quiet = "dim" if flag.layer != LOADED else ""
        # Text(), not str: article text may contain [brackets] rich would read as markup.
        reason = safe_text(flag.rationale, style=quiet)
        if flag.alternative:
            reason.append("\n-> " + printable(flag.alternative), style=f"italic {quiet}".strip())
        table.add_row(
            Text(where, style=quiet), safe_text(flag.text, style=quiet or "bold"),
            Text(f"{label(flag.category)}\n({_voice(flag)})", style=quiet), reason,
        )
    return table


def _voice(flag: Flag) -> str:
    """The flag's voice, layer and (when it is not the usual prior) confidence in a few
    words: "author, device", "author, suggested, 0.86"."""
    parts = [flag.voice if flag.voice != AUTHOR else "author"]
    if flag.layer in (DEVICE, SUGGESTED):
        parts.append(flag.layer)
    if flag.negated:
        parts.append("negated")
    if flag.confidence is not None and flag.confidence != DEFAULT_CONFIDENCE:
        parts.append(f"{flag.confidence:.2f}")
    return ", ".join(parts)


def _frames_line(analysis: Analysis) -> Text:
    """The article's lens in one line: its main frames and moral foundations."""
    return safe_text(summary_line(analysis.summary).capitalize(), style="cyan")


def safe_text(value: object, style: str = "") -> Text:
    """Data as rich Text: never read as markup, control characters cleaned."""
    return Text(printable(str(value)), style=style)


def plain_lines(analysis: Analysis, devices: bool = True) -> list[Text]:
    """The same report as lines of text: verdict, one line per flag, speakers, actors."""
    slant, summary = analysis.slant, analysis.summary
    lines = [safe_text(f"== {analysis.doc_id or 'document'} =="), _headline(analysis),
             safe_text(slant.explanation), _frames_line(analysis), Text("")]
    flags, n_more = _shown(_listed_flags(analysis, devices), MAX_FLAG_ROWS)
    lines.append(Text("Flags, sentence by sentence:" if flags else "No loaded wording found."))
    for result, flag in flags:
        where = f"{result.sentence.index + 1}" + (
            f" ({result.sentence.role})" if result.sentence.role != BODY else "")
        lines.append(safe_text(f"  sentence {where}: “{flag.text}”  {label(flag.category)} "
                               f"({_voice(flag)})", style="" if flag.layer == LOADED else "dim"))
        lines.append(safe_text(f"      why: {flag.rationale}"))
        if flag.alternative:
            lines.append(safe_text(f"      instead: {flag.alternative}"))
    if n_more:
        lines.append(Text(more_line(n_more, "flags")))
    sources = summary.get("sources") or {}
    if sources.get("speakers"):
        speakers, n_more = _shown(sources["speakers"], MAX_PEOPLE_ROWS)
        lines += [Text(""), safe_text(
            f"Who gets to speak: {plural(sources['n_sources'], 'source')} from "
            f"{plural(sources['n_sides'], 'named side')}")]
        lines += [safe_text(f"  {row['speaker']} (side: {row['side'] or '—'}): {_spoke(row)}")
                  for row in speakers]
        if n_more:
            lines.append(Text(more_line(n_more, "speakers")))
    return lines


def _spoke(row: dict) -> str:
    """"1 quotation, 2 reports, 12 words quoted": reported speech has no quoted words."""
    reported = row.get("reported", 0)
    parts = [plural(n, noun) for n, noun in ((row["quotes"] - reported, "quotation"),
                                             (reported, "report")) if n]
    if row["quoted_words"]:
        parts.append(f"{row['quoted_words']} words quoted")
    return ", ".join(parts)


def _headline(analysis: Analysis) -> Text:
    slant, summary = analysis.slant, analysis.summary
    return Text.assemble(
        ("" if slant.score is None else f"{slant.score:g}/100 ", "bold"),
        (slant.label, f"bold {_STYLE.get(slant.label, '')}"),
        f"   {plural(summary['n_words'], 'word')}, {plural(summary['n_sentences'], 'sentence')}, "
        f"{plural(summary.get('n_loaded_author_flags', summary['voice']['author']), 'loaded word')} "
        f"in the author's voice, {plural(summary['voice']['quoted'], 'flag')} in quotations",
    )

