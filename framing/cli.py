"""The command line: a thin coat over the library; each command calls one library function."""

from __future__ import annotations

import sys
import warnings
from functools import partial
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from framing import __version__
from framing.analyzer import SHIPPED, Analyzer, analyze_files, sample_article
from framing.categories import label
from framing.errors import FramingError, InputError
from framing.evaluate import evaluate_words
from framing.io import MAX_BYTES
from framing.lexicon import load_lexicon, read_lexicon_file, summary_rows
from framing.train import (
    build_pipeline, cross_validate, format_metrics, read_labelled, train_and_save,
)
from framing.output import FORMATS, ROWS, error_record, to_csv, to_json, to_jsonl
from framing.records import Analysis, replace_lone_surrogates
from framing.terminal import render


class FramingCommand(click.Group):
    """Turns every library error into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        with warnings.catch_warnings():
            warnings.showwarning = _one_line_warning
            try:
                return super().invoke(ctx)
            except FramingError as err:
                click.echo(f"framing: error: {err}", err=True)
                sys.exit(2)


def _one_line_warning(message: Warning | str, *_: Any, **__: Any) -> None:
    """Warnings (a model saved with another scikit-learn...) as one line, without source."""
    click.echo(f"framing: warning: {' '.join(str(message).split())}", err=True)


@click.group(cls=FramingCommand, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="framing")
def main() -> None:
    """Show how a news text steers its reader: loaded wording, who says it, how slanted."""


def lexicon_options(command: Callable) -> Callable:
    command = click.option(
        "--lexicon", "lexicons", multiple=True, type=click.Path(path_type=Path),
        help="Extra lexicon TSV file (repeatable); its entries replace shipped ones.",
    )(command)
    return click.option(
        "--no-builtin-lexicons", is_flag=True, help="Use only the --lexicon files."
    )(command)


def model_options(command: Callable) -> Callable:
    for option in reversed([
        click.option("--model", type=click.Path(path_type=Path),
                     help="A slant model file of yours (from `framing train`) instead of the shipped one."),
        click.option("--trust-model", is_flag=True,
                     help="Allow loading --model: a model file is a pickle and can run code."),
        click.option("--no-model", is_flag=True,
                     help="No sentence classifier: the verdict comes from flag density alone."),
        click.option("--expert-words", is_flag=True,
                     help="Also flag words media-bias experts would likely mark (learned; slower)."),
    ]):
        command = option(command)
    return command


def _model_choice(model: Path | None, no_model: bool) -> Path | str | None:
    if no_model:
        return None
    return model if model is not None else SHIPPED


@main.command()
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
@click.option("--encoding", help="Encoding of files without a byte-order mark (default UTF-8).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES, show_default=True,
              help="Refuse documents larger than this.")
@lexicon_options
@model_options
def score(files: tuple[str, ...], fmt: str, rows: str, csv_safe: bool, out: Path | None,
          encoding: str | None, max_bytes: int, lexicons: tuple[Path, ...],
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
    analyzer = Analyzer(lexicons, builtin_lexicons=not no_builtin_lexicons,
                        model=_model_choice(model, no_model), trust_model=trust_model,
                        word_model=SHIPPED if expert_words else None)
    results = list(_score(files, analyzer, encoding, max_bytes))
    failed = [r for r in results if isinstance(r, InputError)]
    for err in failed:
        click.echo(f"framing: error: {err}", err=True)
    if fmt == "text":
        _print_text([r for r in results if isinstance(r, Analysis)], out)
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


def _print_text(analyses: list[Analysis], out: Path | None) -> None:
    analyses = [replace(a, doc_id=_printable(a.doc_id)) if a.doc_id else a for a in analyses]
    if out is None:
        console = Console()
        for analysis in analyses:
            render(analysis, console)
        return
    with _open_out(out) as handle:
        console = Console(file=handle, width=120, color_system=None)
        for analysis in analyses:
            render(analysis, console)


def _printable(name: str) -> str:
    """A file name fit for a terminal: lone surrogates (undecodable bytes) and control
    characters (escape sequences could retitle or clear the terminal) become U+FFFD."""
    name = replace_lone_surrogates(name)
    return "".join(c if c.isprintable() else "\ufffd" for c in name)


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


@main.group()
def lexicon() -> None:
    """List, look up and validate lexicons."""


@lexicon.command("list")
@lexicon_options
def lexicon_list(lexicons: tuple[Path, ...], no_builtin_lexicons: bool) -> None:
    """Families (files), categories and how many entries each has."""
    loaded = load_lexicon(lexicons, builtin=not no_builtin_lexicons)
    table = Table("lexicon", "category", "entries", title=f"{len(loaded)} entries")
    for row in summary_rows(loaded):
        table.add_row(Text(str(row["lexicon"])), Text(label(str(row["category"]))),
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
        click.echo(
            f"{entry.term}  [{label(entry.category)}]  weight {entry.weight:g}, "
            f"polarity {entry.polarity:+d}  ({entry.lexicon}:{entry.line})\n"
            f"  why: {entry.rationale or '-'}\n"
            f"  instead: {entry.alternative or '-'}\n"
            f"  matches: {', '.join(entry.forms)}"
        )


@lexicon.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def lexicon_check(files: tuple[Path, ...]) -> None:
    """Validate lexicon FILES; a problem is reported with file, line and column."""
    for path in files:
        entries = read_lexicon_file(path)
        categories = sorted({e.category for e in entries})
        click.echo(f"{path}: OK, {len(entries)} entries ({', '.join(categories)})")


def table_options(command: Callable) -> Callable:
    for option in reversed([
        click.option("--text-col", default="text", show_default=True, help="Column with the sentence."),
        click.option("--sep", help="Column separator (sniffed when not given)."),
        click.option("--encoding", help="File encoding (UTF-8 or UTF-16 by default)."),
    ]):
        command = option(command)
    return command


def label_options(command: Callable) -> Callable:
    for option in reversed([
        click.option("--label-col", default="label_bias", show_default=True, help="Column with the label."),
        click.option("--positive", default="Biased", show_default=True, help="Label value meaning biased."),
        click.option("--negative", default=None,
                      help="Label value meaning not biased; rows with other labels are dropped. "
                           "Without it, every other label counts as not biased."),
    ]):
        command = option(command)
    return command


words_col_option = click.option(
    "--words-col", default=None,
    help="Column listing the words experts marked in each sentence (a Python-literal list); "
         "adds the marked-word token model to the stack. Without it, that base is left out.")


@main.command("train")
@click.argument("data", type=click.Path(path_type=Path))
@table_options
@label_options
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the model (.joblib); its model card goes beside it (.json).")
@click.option("--cv/--no-cv", default=True, show_default=True,
              help="Cross-validate first and store the figures in the model card.")
@click.option("--group-col", default=None, help="Record error rates per value of this column.")
@words_col_option
@click.option("--citation", default="", help="Citation of the training data, for the model card.")
@click.option("--licence", default="", help="Licence of the training data, for the model card.")
def train_command(data: Path, text_col: str, sep: str | None, encoding: str | None,
                  label_col: str, positive: str, negative: str | None, out: Path, cv: bool,
                  group_col: str | None, words_col: str | None, citation: str, licence: str) -> None:
    """Train a sentence slant classifier on a labelled CSV.

    \b
    Example (the shipped model):
      framing train path/to/babe/final_labels_SG2.csv --text-col text \\
        --label-col label_bias --positive Biased --negative Non-biased \\
        --words-col biased_words -o framing/models/slant.joblib
    """
    card = train_and_save(data, out, text_col=text_col, label_col=label_col, positive=positive,
                          negative=negative, group_col=group_col, words_col=words_col, sep=sep,
                          encoding=encoding,
                          cross_validate_first=cv, citation=citation, licence=licence)
    click.echo(f"wrote {out} ({card['size_bytes'] / 1e6:.1f} MB), its card "
               f"{out.with_suffix('.json')} and {out.with_suffix('.md')}")
    if cv:
        click.echo("\n".join(format_metrics(card["cross_validation"])))


@main.command("train-words")
@click.argument("data", type=click.Path(path_type=Path))
@click.option("--text-col", default="text", show_default=True)
@click.option("--words-col", default="biased_words", show_default=True,
              help="Column with a Python-literal list of the words experts marked.")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--cv/--no-cv", default=True, show_default=True,
              help="Cross-validate first (slow) and store the figures in the model card.")
@click.option("--citation", default="", help="Citation of the training data, for the model card.")
@click.option("--licence", default="", help="Licence of the training data, for the model card.")
def train_words_command(data: Path, text_col: str, words_col: str, out: Path, cv: bool,
                        citation: str, licence: str) -> None:
    """Train the expert-word flagger (used by --expert-words) on word annotations."""
    from framing.wordmodel import train_and_save_words

    card = train_and_save_words(str(data), str(out), text_col=text_col, words_col=words_col,
                                cross_validate_first=cv, citation=citation, licence=licence)
    click.echo(f"wrote {out} ({card['size_bytes'] / 1e6:.1f} MB) and {out.with_suffix('.json')}")
    if cv:
        figures = card["cross_validation"]
        click.echo(f"cross-validated: precision {figures['precision']:.3f} recall "
                   f"{figures['recall']:.3f} F1 {figures['f1']:.3f}")


@main.group()
def evaluate() -> None:
    """Measure the slant classifier or the word flags against labelled data."""


@evaluate.command("words")
@click.option("--data", "data", type=click.Path(path_type=Path), required=True,
              help="CSV with sentences and a column listing the words experts marked.")
@click.option("--text-col", default="text", show_default=True)
@click.option("--words-col", default="biased_words", show_default=True,
              help="Column with a Python-literal list of marked words.")
@click.option("--learned/--no-learned", default=True, show_default=True,
              help="Also cross-validate the learned word flagger (takes minutes).")
@click.option("--limit", type=click.IntRange(min=10), help="Use only the first N sentences.")
def evaluate_words_command(data: Path, text_col: str, words_col: str, learned: bool,
                           limit: int | None) -> None:
    """Word-level agreement of flags with experts' marked words (micro P/R/F1).

    \b
    Example:
      framing evaluate words --data path/to/babe/final_labels_SG2.csv
    """
    rows = evaluate_words(data, text_col=text_col, words_col=words_col, learned=learned, limit=limit)
    click.echo(f"{'flagger':<46} {'precision':>9} {'recall':>7} {'F1':>6} {'flagged':>8}")
    for row in rows:
        if "note" in row:
            click.echo(f"{row['flagger']:<46} {row['note']}")
            continue
        extra = f"  (F1 std over folds {row['f1_fold_std']:.3f})" if "f1_fold_std" in row else ""
        click.echo(f"{row['flagger']:<46} {row['precision']:>9.3f} {row['recall']:>7.3f} "
                   f"{row['f1']:>6.3f} {row['flagged']:>8}{extra}")


@evaluate.command("slant")
@click.argument("data", type=click.Path(path_type=Path))
@table_options
@label_options
@click.option("--group-col", default=None,
              help="Report error rates per value of this column (e.g. type: left/center/right).")
@words_col_option
@click.option("--frame-features", is_flag=True,
              help="Add policy-frame and moral-foundation features to the classifier.")
def evaluate_slant(data: Path, text_col: str, sep: str | None, encoding: str | None,
                   label_col: str, positive: str, negative: str | None, group_col: str | None,
                   words_col: str | None, frame_features: bool = False) -> None:
    """Stratified 5-fold cross-validation of the slant classifier (seed 42).

    \b
    Example:
      framing evaluate slant path/to/babe/final_labels_SG2.csv \\
        --negative Non-biased --group-col type --words-col biased_words
    """
    labelled = read_labelled(data, text_col=text_col, label_col=label_col, positive=positive,
                             negative=negative, group_col=group_col, words_col=words_col, sep=sep,
                             encoding=encoding)
    report = cross_validate(labelled, pipeline_factory=partial(build_pipeline, frames=frame_features))
    click.echo(f"{report['n_sentences']} sentences, stratified {report['n_folds']}-fold CV, "
               f"seed {report['seed']}: mean ± std over folds")
    click.echo("\n".join(format_metrics(report)))
    click.echo("calibration (out-of-fold): bin, n, mean predicted, observed share biased")
    for row in report["calibration"]:
        click.echo(f"  {row['bin']}  {row['n']:>5}  {row['predicted']:.3f}  {row['observed']:.3f}")
    if report["by_group"]:
        click.echo(f"error rates by {group_col} (out-of-fold, threshold 0.5):")
        for group, rates in report["by_group"].items():
            click.echo(f"  {group:<10} n={rates['n']:<5} FPR {rates['false_positive_rate']:.3f}  "
                       f"FNR {rates['false_negative_rate']:.3f}")


@evaluate.command("frames")
@click.argument("gold", required=False, type=click.Path(path_type=Path))
@click.option("--split", default=None,
              help="Only gold rows of this split (the shipped set has dev and test).")
@click.option("--mbic", type=click.Path(path_type=Path), default=None,
              help="Also print the frame profile per topic of this CSV (e.g. MBIC).")
@click.option("--topic-col", default="topic", show_default=True, help="With --mbic: topic column.")
@click.option("--mbic-text-col", default="article", show_default=True,
              help="With --mbic: the column with the texts (distinct texts are profiled).")
@click.option("--errors", is_flag=True, help="List the gold sentences whose frame was missed.")
def evaluate_frames_command(gold: Path | None, split: str | None, mbic: Path | None,
                            topic_col: str, mbic_text_col: str, errors: bool) -> None:
    """Primary-frame accuracy and per-frame P/R/F1 on a gold set (the shipped one by default).

    GOLD is a TSV with the header split, frame, sentence.

    \b
    Examples:
      framing evaluate frames
      framing evaluate frames --split test
      framing evaluate frames --mbic path/to/babe/final_labels_MBIC.csv
    """
    from framing.frameeval import evaluate_gold, topic_profiles
    from framing.frames import frame_label

    splits = [split] if split else (["dev", "test", None] if gold is None else [None])
    for name in splits:
        report = evaluate_gold(gold, split=name)
        click.echo(f"gold set {gold or 'shipped'}, split {report['split']}: {report['n']} "
                   f"sentences, primary-frame accuracy {report['accuracy']:.3f}, "
                   f"macro-F1 {report['macro_f1']:.3f}")
        click.echo(f"  {'frame':<46} {'precision':>9} {'recall':>7} {'F1':>6} {'n':>4}")
        for row in report["per_frame"]:
            click.echo(f"  {row['label']:<46} {row['precision']:>9.3f} {row['recall']:>7.3f} "
                       f"{row['f1']:>6.3f} {row['support']:>4}")
        if errors:
            for miss in report["errors"]:
                click.echo(f"  missed: {miss['gold']} -> {miss['predicted']}: {miss['sentence']}")
    if mbic is not None:
        click.echo(f"frame profile per {topic_col} (mean over distinct texts in {mbic_text_col}):")
        for row in topic_profiles(mbic, topic_col=topic_col, text_col=mbic_text_col):
            shown = ", ".join(f"{frame_label(f)} {share:.0%}" for f, share in row["profile"][:5])
            click.echo(f"  {row['topic']:<22} n={row['n_texts']:<4} {shown}")


@main.command("report")
@click.argument("files", nargs=-1, type=click.Path(path_type=str))
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write.")
@click.option("--compare", is_flag=True,
              help="Put the articles side by side first (several coverages of one event).")
@click.option("--exercise", is_flag=True,
              help="Classroom mode: highlights stay hidden until a student presses Reveal.")
@click.option("--encoding", help="Encoding of files without a byte-order mark (default UTF-8).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES, show_default=True,
              help="Refuse documents larger than this.")
@lexicon_options
@model_options
def report_command(files: tuple[str, ...], out: Path, compare: bool, exercise: bool,
                   encoding: str | None, max_bytes: int, lexicons: tuple[Path, ...],
                   no_builtin_lexicons: bool, model: Path | None, trust_model: bool,
                   no_model: bool, expert_words: bool) -> None:
    """Write a self-contained HTML report a class can read together.

    FILES are text files; "-" reads standard input. With no FILES, the built-in
    sample article is reported. A file that cannot be read is reported and skipped.

    \b
    Examples:
      framing report article.txt -o report.html
      framing report a.txt b.txt c.txt --compare -o coverage.html
      framing report article.txt --exercise -o exercise.html
    """
    # Imported here so this command stays one self-contained block of the CLI.
    from framing.report import write_report

    if not files:
        click.echo("No file given: reporting on the built-in sample article.", err=True)
    analyzer = Analyzer(lexicons, builtin_lexicons=not no_builtin_lexicons,
                        model=_model_choice(model, no_model), trust_model=trust_model,
                        word_model=SHIPPED if expert_words else None)
    failed = write_report(files, out, analyzer=analyzer, compare=compare, exercise=exercise,
                          encoding=encoding, max_bytes=max_bytes)
    for err in failed:
        click.echo(f"framing: error: {err}", err=True)
    if failed and len(failed) == len(files):
        click.echo(f"framing: error: no readable input, {out} was not written", err=True)
    if failed:
        sys.exit(1)



@main.command("batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "-o", "outdir", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="Folder for the articles, sentences and flags tables.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet",
              show_default=True, help="Table format (Parquet needs pyarrow).")
@click.option("--glob", "globs", multiple=True,
              help="Files to take from folders (repeatable; default *.txt *.md *.html ...).")
@click.option("--text-col", default="text", show_default=True, help="Tables: column with the text.")
@click.option("--id-col", help="Tables: column with a unique document id (default: file#row).")
@click.option("--meta-col", "meta_cols", multiple=True,
              help="Tables: a column to keep with each article (repeatable: outlet, date, url...).")
@click.option("--sep", help="CSV column separator (sniffed when not given).")
@click.option("--jobs", "-j", type=int, default=-1, show_default=True,
              help="Worker processes; -1 uses every core.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=50, show_default=True,
              help="Documents per worker task and per part file.")
@click.option("--resume", is_flag=True, help="Continue an interrupted run in the same folder.")
@click.option("--scheduler", help="Run on a Dask cluster at this address (tcp://host:port).")
@click.option("--encoding", help="Encoding of files without a byte-order mark (default UTF-8).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES, show_default=True,
              help="Documents larger than this become error rows.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@lexicon_options
@model_options
def batch_command(inputs: tuple[str, ...], outdir: Path, fmt: str, globs: tuple[str, ...],
                  text_col: str, id_col: str | None, meta_cols: tuple[str, ...], sep: str | None,
                  jobs: int, chunk_size: int, resume: bool, scheduler: str | None,
                  encoding: str | None, max_bytes: int, quiet: bool, lexicons: tuple[Path, ...],
                  no_builtin_lexicons: bool, model: Path | None, trust_model: bool,
                  no_model: bool, expert_words: bool) -> None:
    """Analyse a corpus into tables: one row per article, per sentence and per flag.

    INPUTS are files, folders (searched recursively), "-" for standard input, and
    tables (.csv with any separator, .jsonl, .parquet) with one document per row.
    Saved web pages (.html) are reduced to their main text (needs framing[html]).
    A document that cannot be read or analysed becomes a row with an error; ids must
    be unique (later rows with a repeated id are skipped and reported).

    \b
    Examples:
      framing batch articles/ -o out/
      framing batch news.csv --text-col body --id-col url --meta-col outlet -o out/
      framing batch news.csv --text-col body --meta-col outlet -o out/ --resume
      framing batch pages/ --glob '*.html' -o out/ --format csv
    """
    from framing.batch import AnalyzerSpec, ReadOptions, run_batch
    from framing.sources import TableSpec, count_docs

    spec = AnalyzerSpec(tuple(str(p) for p in lexicons), not no_builtin_lexicons,
                        None if no_model else str(model) if model else SHIPPED, trust_model,
                        SHIPPED if expert_words else None)
    table = TableSpec(text_col, id_col, meta_cols, sep)
    options = dict(analyzer=spec, table=table, globs=globs, fmt=fmt, n_jobs=jobs,
                   chunk_size=chunk_size, resume=resume, scheduler=scheduler,
                   read=ReadOptions(encoding, max_bytes))
    if quiet or not sys.stderr.isatty():
        result = run_batch(inputs, outdir, **options)
    else:
        with _batch_progress(count_docs(inputs, globs=globs, table=table)) as advance:
            result = run_batch(inputs, outdir, progress=advance, **options)
    _report_batch(result)


def _batch_progress(total: int | None):
    from contextlib import contextmanager

    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    @contextmanager
    def progress_bar():
        columns = [TextColumn("analysing"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                   TextColumn("ETA"), TimeRemainingColumn()]
        with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
            task = bar.add_task("batch", total=total, rate="")

            def advance(n: int) -> None:
                bar.advance(task, n)
                speed = bar.tasks[0].speed
                bar.update(task, rate=f"{speed:.1f} docs/s" if speed else "")

            yield advance

    return progress_bar()


def _report_batch(result) -> None:
    done = f"{result.analysed} analysed, {result.failed} error rows"
    if result.skipped_done:
        done += f", {result.skipped_done} already done earlier"
    click.echo(f"{done}; tables in {result.outdir}/", err=True)
    if result.duplicates:
        shown = ", ".join(result.duplicates[:5]) + (" ..." if len(result.duplicates) > 5 else "")
        click.echo(f"framing: warning: skipped {len(result.duplicates)} document(s) whose id was "
                   f"already used: {shown}", err=True)
    if result.interrupted:
        click.echo("framing: interrupted; the tables hold every finished chunk. "
                   "Run the same command with --resume to continue.", err=True)
        sys.exit(130)



@main.command("compare")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--by", default="outlet", show_default=True,
              help="The metadata column to group by (any --meta-col of the batch run).")
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a self-contained HTML page with charts.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="Distinctive terms shown per group.")
@click.option("--min-count", type=click.IntRange(min=1), default=2, show_default=True,
              help="Ignore terms a group uses fewer times than this.")
@click.option("--prior-strength", type=click.FloatRange(min=0, min_open=True), default=500.0,
              show_default=True, help="Pseudo-words of the Dirichlet prior (alpha_0).")
@click.option("--bootstrap", "n_boot", type=click.IntRange(min=100), default=2000,
              show_default=True, help="Resamples for the slant confidence interval.")
def compare_command(outdir: Path, by: str, html_out: Path | None, top: int, min_count: int,
                    prior_strength: float, n_boot: int) -> None:
    """Compare groups (outlets, dates...) of a `framing batch` output folder.

    Per group: articles, mean slant with a 95% bootstrap interval, flags per 1,000
    words by category, quote balance and frame profile; then the loaded terms that set
    each group apart (log-odds ratio with an informative Dirichlet prior, z-scores).

    \b
    Examples:
      framing compare out/ --by outlet
      framing compare out/ --by date --html by_date.html
    """
    from framing.compare import compare_groups
    from framing.corpus_report import print_comparison, write_compare_html

    comparison = compare_groups(outdir, by=by, top=top, min_count=min_count,
                                prior_strength=prior_strength, n_boot=n_boot)
    print_comparison(comparison, Console())
    if html_out is not None:
        write_compare_html(comparison, html_out)
        click.echo(f"wrote {html_out}", err=True)


if __name__ == "__main__":
    main()


@evaluate.command("quotes")
@click.argument("gold", nargs=-1, type=click.Path(path_type=Path))
@click.option("--show-misses", is_flag=True, help="List every quote, speaker or target missed.")
def evaluate_quotes(gold: tuple[Path, ...], show_misses: bool) -> None:
    """Quote precision/recall, speaker, stance and target accuracy on a gold set.

    Without GOLD, scores the two gold sets that ship with framing (written for it): the
    development set the rules were tuned on, and a held-out set.

    \b
      framing evaluate quotes
      framing evaluate quotes my_gold.jsonl --show-misses
    """
    from framing.goldquotes import default_gold_sets, evaluate_gold, read_gold

    analyzer = Analyzer(model=None)
    for path in gold or default_gold_sets():
        scores = evaluate_gold(read_gold(path), analyzer)
        table = Table(title=f"{Path(path).name}", show_header=True)
        for column in ("measure", "value", "count"):
            table.add_column(column)
        for row in scores.as_rows():
            table.add_row(*row)
        Console().print(table)
        if show_misses:
            for miss in scores.misses:
                click.echo(f"  {miss}")
