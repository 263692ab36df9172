"""``framing report``: a self-contained HTML page a class can read together."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import click

from framing.cli.options import (
    analyzer_from_options,
    echo_error,
    lexicon_options,
    model_options,
    reading_options,
)


@click.command("report")
@click.argument("files", nargs=-1, type=click.Path(path_type=str))
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write.")
@click.option("--compare", is_flag=True,
              help="Put the articles side by side first (several coverages of one event).")
@click.option("--exercise", is_flag=True,
              help="Classroom mode: students mark words by clicking, then Reveal compares "
                   "their marks with the tool's; prints as a worksheet.")
@click.option("--title", default=None,
              help="The page title. By default the article's headline (its first line).")
@reading_options
@lexicon_options
@model_options
def report_command(files: tuple[str, ...], out: Path, compare: bool, exercise: bool,
                   title: str | None, encoding: str | None, max_bytes: int,
                   lexicons: tuple[Path, ...], no_builtin_lexicons: bool, model: Path | None,
                   trust_model: bool, no_model: bool, expert_words: bool) -> None:
    """Write a self-contained HTML report a class can read together.

    FILES are text files; "-" reads standard input. With no FILES, the built-in
    sample article is reported. A file that cannot be read is reported and skipped.
    The page prints as a handout (article, legend, top terms, questions; the answer
    key on its own pages). A very long text is marked up only in part, with a warning.

    \b
    Examples:
      framing report article.txt -o report.html
      framing report a.txt b.txt c.txt --compare -o coverage.html
      framing report article.txt --exercise -o exercise.html
    """
    # Imported here so this command stays one self-contained block of the CLI.
    from framing.report.html import LargeInputWarning, write_report

    if not files:
        click.echo("No file given: reporting on the built-in sample article.", err=True)
    analyzer = analyzer_from_options(lexicons, no_builtin_lexicons, model, trust_model, no_model,
                                     expert_words)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LargeInputWarning)
        failed = write_report(files, out, analyzer=analyzer, compare=compare, exercise=exercise,
                              title=title, encoding=encoding, max_bytes=max_bytes)
    for warning in caught:
        if issubclass(warning.category, LargeInputWarning):
            click.echo(f"framing: warning: {warning.message}", err=True)
    for err in failed:
        echo_error(err)
    if failed and len(failed) == len(files):
        echo_error(f"no readable input, {out} was not written")
    if failed:
        sys.exit(1)
