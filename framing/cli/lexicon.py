"""``framing lexicon``: list, look up and validate lexicons."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from framing.categories import label
from framing.cli.options import lexicon_options
from framing.lexicon import load_lexicon, read_lexicon_file, summary_rows
from framing.records import printable


@click.group()
def lexicon() -> None:
    """List, look up and validate lexicons."""


@lexicon.command("list")
@lexicon_options
def lexicon_list(lexicons: tuple[Path, ...], no_builtin_lexicons: bool) -> None:
    """Families (files), categories and how many entries each has."""
    loaded = load_lexicon(lexicons, builtin=not no_builtin_lexicons)
    table = Table("lexicon", "category", "entries", title=f"{len(loaded)} entries")
    for row in summary_rows(loaded):
        table.add_row(Text(printable(str(row["lexicon"]))), Text(label(str(row["category"]))),
                      str(row["entries"]))
    Console().print(table)


@lexicon.command("show")
@click.argument("term")
@lexicon_options
def lexicon_show(term: str, lexicons: tuple[Path, ...], no_builtin_lexicons: bool) -> None:
    """Every entry that matches TERM (any inflected form), with rationale and alternative.

    \b
    Example:
      framing lexicon show slammed
    """
    entries = load_lexicon(lexicons, builtin=not no_builtin_lexicons).lookup(term)
    if not entries:
        click.echo(f"framing: no lexicon entry matches {term!r}", err=True)
        sys.exit(1)
    for entry in entries:
        click.echo(printable(
            f"{entry.term}  [{label(entry.category)}]  weight {entry.weight:g}, "
            f"polarity {entry.polarity:+d}  ({entry.lexicon}:{entry.line})\n"
            f"  why: {entry.rationale or '-'}\n"
            f"  instead: {entry.alternative or '-'}\n"
            f"  matches: {', '.join(entry.forms)}", newlines=True
        ))


@lexicon.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def lexicon_check(files: tuple[Path, ...]) -> None:
    """Validate lexicon FILES; a problem is reported with file, line and column."""
    for path in files:
        entries = read_lexicon_file(path)
        categories = sorted({e.category for e in entries})
        click.echo(printable(f"{path}: OK, {len(entries)} entries ({', '.join(categories)})"))
