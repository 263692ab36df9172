"""``framing score``: a verdict and every flagged word, as text, JSON, JSONL or CSV."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import click
from rich.console import Console

from framing.analyzer import Analyzer, analyze_files, sample_article
from framing.cli.options import (
    analyzer_from_options,
    echo_error,
    lexicon_options,
    model_options,
    reading_options,
)
from framing.errors import InputError
from framing.records import Analysis, printable
from framing.report.formats import FORMATS, ROWS, error_record, to_csv, to_json, to_jsonl
from framing.report.terminal import render


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--rows", type=click.Choice(ROWS), default="flags", show_default=True,
              help="With --format csv: one row per flag or per sentence.")
@click.option("--csv-safe/--no-csv-safe", default=True, show_default=True,
              help="With --format csv: prefix cells starting with = + - @ tab or CR with an "
                   "apostrophe, so a spreadsheet shows them instead of running them.")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@click.option("--hide-devices", is_flag=True,
              help="Text output: list only loaded wording, not the framing devices "
                   "(hedges, attribution verbs, emphasis).")
@reading_options
@lexicon_options
@model_options
def score(files: tuple[str, ...], fmt: str, rows: str, csv_safe: bool, out: Path | None,
          hide_devices: bool, encoding: str | None, max_bytes: int, lexicons: tuple[Path, ...],
          no_builtin_lexicons: bool, model: Path | None, trust_model: bool, no_model: bool,
          expert_words: bool) -> None:
    """Score articles: a verdict and every flagged word with its reason.

    FILES are text files; "-" reads standard input. With no FILES, the built-in
    sample article is scored.

    \b
    Examples:
      framing score article.txt
      framing score a.txt b.txt --format jsonl --out scores.jsonl
      cat article.txt | framing score - --format json
      framing score article.txt --format csv --rows sentences
      framing score article.txt --lexicon my_terms.tsv
    """
    analyzer = analyzer_from_options(lexicons, no_builtin_lexicons, model, trust_model, no_model,
                                     expert_words)
    results = list(_score(files, analyzer, encoding, max_bytes))
    failed = [r for r in results if isinstance(r, InputError)]
    for err in failed:
        echo_error(err)
    if fmt == "text":
        _print_text([r for r in results if isinstance(r, Analysis)], out, devices=not hide_devices)
    else:
        items = [error_record(r.source, r.problem) if isinstance(r, InputError) else r
                 for r in results]
        writers = {"json": to_json, "jsonl": to_jsonl,
                   "csv": lambda i: to_csv(i, rows=rows, safe=csv_safe)}
        _write(writers[fmt](items), out)
    if failed:
        sys.exit(1)


def _score(files: tuple[str, ...], analyzer: Analyzer, encoding: str | None,
           max_bytes: int) -> Iterator[Analysis | InputError]:
    if files:
        yield from analyze_files(files, analyzer, encoding=encoding, max_bytes=max_bytes)
        return
    name, text = sample_article()
    click.echo(f"No file given: scoring the built-in sample article {name}.", err=True)
    yield analyzer.analyze(text, doc_id=name, meta={"source": name})


def _print_text(analyses: list[Analysis], out: Path | None, devices: bool = True) -> None:
    analyses = [replace(a, doc_id=printable(a.doc_id)) if a.doc_id else a for a in analyses]
    if out is None:
        console = Console()
        for analysis in analyses:
            render(analysis, console, devices=devices)
        return
    with _open_out(out) as handle:
        console = Console(file=handle, width=120, color_system=None)
        for analysis in analyses:
            render(analysis, console, devices=devices)


def _write(payload: str, out: Path | None) -> None:
    if out is None:
        click.echo(payload, nl=False)
        return
    with _open_out(out) as handle:
        handle.write(payload)


def _open_out(out: Path):
    try:
        return out.open("w", encoding="utf-8", newline="")
    except OSError as err:
        raise InputError(out, f"cannot write the output file ({err.strerror})") from None
