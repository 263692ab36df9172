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


@lexicon.command("suggest")
@click.argument("corpus", type=click.Path(path_type=Path))
@click.option("--text-col", default="text", show_default=True, help="Column with the sentence.")
@click.option("--words-col", default="biased_words", show_default=True,
              help="Column listing the words annotators marked (a Python-literal list).")
@click.option("--topic-col", default="topic", show_default=True,
              help="Column with each sentence's topic: a candidate must hold across topics.")
@click.option("--id-col", default=None, help="Column naming each sentence in the examples "
              "(default: its row number).")
@click.option("--min-topics", type=click.IntRange(min=1), default=3, show_default=True,
              help="Topics a word must be marked in.")
@click.option("--all", "show_all", is_flag=True,
              help="Also list words whose marks do not hold across topics.")
@click.option("--limit", type=click.IntRange(min=1), default=40, show_default=True)
@lexicon_options
def lexicon_suggest(corpus: Path, text_col: str, words_col: str, topic_col: str,
                    id_col: str | None, min_topics: int, show_all: bool, limit: int,
                    lexicons: tuple[Path, ...], no_builtin_lexicons: bool) -> None:
    """Candidate words for the lexicons, from a CORPUS of sentences with marked words.

    Lists words that annotators marked, that no lexicon names, and whose marked rate
    holds with each topic held out, with the evidence: marks per topic and example rows.
    A person decides: accept a word by writing its entry (rationale, neutral
    alternative, sense rules) in a lexicon file.

    \b
    Example:
      framing lexicon suggest path/to/babe/final_labels_SG2.csv
    """
    from framing.evaluation.suggest import read_corpus, word_evidence  # loads pandas

    sentences, golds, topics, ids = read_corpus(
        corpus, text_col=text_col, words_col=words_col, topic_col=topic_col, id_col=id_col)
    rows = word_evidence(sentences, golds, topics, ids,
                         lexicon=load_lexicon(lexicons, builtin=not no_builtin_lexicons),
                         min_topics=min_topics)
    shown = [c for c in rows if show_all or c.stable][:limit]
    n_stable = sum(c.stable for c in rows)
    click.echo(f"{n_stable} candidate words hold across topics ({len(rows)} marked words "
               "no lexicon names); a person decides which to write up.")
    for c in shown:
        topics_text = ", ".join(f"{printable(t)} {m}/{n}" for t, (m, n) in
                                sorted(c.by_topic.items(), key=lambda kv: -kv[1][0]) if m)
        click.echo(printable(
            f"{c.word}: marked {c.marked} of {c.occurrences} ({c.rate:.0%}), in "
            f"{c.marked_topics} topics, {c.held_out_rate:.0%} with any one topic held out"
            + ("" if c.stable else " [does not hold across topics]")))
        click.echo(printable(f"  by topic: {topics_text}"))
        click.echo(printable(f"  e.g. {', '.join(c.examples)}"))
