"""``framing batch`` and ``framing compare``: a corpus into tables, and groups compared."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from framing.analyzer import SHIPPED
from framing.cli.options import (
    suggest_choice,
    echo_warning,
    lexicon_options,
    model_options,
)
from framing.io import MAX_BYTES
from framing.records import printable

#: CPU seconds per document in `framing batch`: far above a real article (a 5 MB text
#: takes about 33 s), low enough that a document built to be slow cannot stall a run.
TIMEOUT_PER_DOC = 120.0


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "-o", "outdir", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="Folder for the articles, sentences, flags, quotes and "
                                  "actors tables.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet",
              show_default=True, help="Table format (Parquet needs pyarrow).")
@click.option("--glob", "globs", multiple=True,
              help="Files to take from folders (repeatable; default *.txt *.md *.html ...).")
@click.option("--text-col", default="text", show_default=True, help="Tables: column with the text.")
@click.option("--id-col", help="Tables: column with a unique document id (default: file#row).")
@click.option("--meta-col", "meta_cols", multiple=True,
              help="Tables: a column to keep with each article (repeatable: outlet, date, url...).")
@click.option("--meta-from-path", "path_meta", multiple=True, metavar="COLUMN=TEMPLATE",
              help="Files: a metadata column from each file's path (repeatable), e.g. "
                   "'outlet={parent}' or 'outlet={0}' (the first folder below the input "
                   "folder); also {grandparent}, {stem}, {name}, {1}...")
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
@click.option("--timeout-per-doc", type=click.FloatRange(min=0), default=TIMEOUT_PER_DOC,
              show_default=True, help="CPU seconds a document may take before it becomes an "
                                      "error row; 0 for no limit (not enforced on Dask).")
@click.option("--csv-safe/--no-csv-safe", default=True, show_default=True,
              help="CSV: put a ' before cells that start with = + - @ (or a tab or CR), so "
                   "a spreadsheet shows them instead of running them as formulas. The "
                   "text of such cells then no longer reads back exactly (offsets); "
                   "--no-csv-safe writes every cell as it is.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@lexicon_options
@model_options
def batch_command(inputs: tuple[str, ...], outdir: Path, fmt: str, globs: tuple[str, ...],
                  text_col: str, id_col: str | None, meta_cols: tuple[str, ...],
                  path_meta: tuple[str, ...], sep: str | None,
                  jobs: int, chunk_size: int, resume: bool, scheduler: str | None,
                  encoding: str | None, max_bytes: int, timeout_per_doc: float, csv_safe: bool,
                  quiet: bool,
                  lexicons: tuple[Path, ...],
                  no_builtin_lexicons: bool, model: Path | None, trust_model: bool,
                  no_model: bool, expert_words: bool) -> None:
    """Analyse a corpus into tables: one row per article, sentence, flag, quote and actor.

    INPUTS are files, folders (searched recursively), "-" for standard input, and
    tables (.csv with any separator, .jsonl, .parquet) with one document per row.
    Saved web pages (.html) are reduced to their main text (needs framing[html]).
    A document that cannot be read or analysed becomes a row with an error; ids must
    be unique (later rows with a repeated id are skipped and reported).

    The output folder must be new, empty or made by an earlier batch run (it holds a
    .framing-batch marker); one run at a time writes into it, and --resume continues
    only with the settings (lexicons, model, encoding, columns) the run began with.

    \b
    Examples:
      framing batch articles/ -o out/
      framing batch news.csv --text-col body --id-col url --meta-col outlet -o out/
      framing batch news.csv --text-col body --meta-col outlet -o out/ --resume
      framing batch pages/ --glob '*.html' -o out/ --format csv
      framing batch corpus/ --meta-from-path 'outlet={0}' -o out/

    Every table (articles, sentences, flags, quotes, actors) has the columns of
    docs/schema.md, with the metadata columns after doc_id; framing.read_tables(OUT)
    reads them back typed. OUT/provenance.json (and each Parquet file's metadata) holds
    the framing version, the SHA-256 of the lexicons, models and input files, the
    settings and the library versions. With --format csv, cells that start with
    = + - @ get a leading ' unless --no-csv-safe.
    """
    from framing.corpus.batch import AnalyzerSpec, ReadOptions, run_batch
    from framing.corpus.inputs import TableSpec, count_docs, parse_path_meta

    spec = AnalyzerSpec(tuple(str(p) for p in lexicons), not no_builtin_lexicons,
                        None if no_model else str(model) if model else SHIPPED, trust_model,
                        SHIPPED if suggest_choice() else None)
    table = TableSpec(text_col, id_col, meta_cols, sep)
    options = dict(analyzer=spec, table=table, globs=globs, fmt=fmt, n_jobs=jobs,
                   chunk_size=chunk_size, resume=resume, mapper=_cluster(scheduler),
                   read=ReadOptions(encoding, max_bytes, timeout_per_doc or None),
                   path_meta=parse_path_meta(path_meta), csv_safe=csv_safe)
    if quiet or not sys.stderr.isatty():
        result = run_batch(inputs, outdir, **options)
    else:
        with _batch_progress(count_docs(inputs, globs=globs, table=table)) as advance:
            result = run_batch(inputs, outdir, progress=advance, **options)
    _report_batch(result)


def _cluster(scheduler: str | None):
    """The chunk mapper for --scheduler: Dask is imported only when it is asked for."""
    if scheduler is None:
        return None
    from framing.corpus.dask import cluster_mapper

    return cluster_mapper(scheduler)


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
    click.echo(printable(f"{done}; tables in {result.outdir}/"), err=True)
    if result.duplicates:
        shown = ", ".join(result.duplicates[:5]) + (" ..." if len(result.duplicates) > 5 else "")
        echo_warning(f"skipped {len(result.duplicates)} document(s) whose id was already used: "
                     f"{shown}")
    if result.interrupted:
        click.echo("framing: interrupted; the tables hold every finished chunk. "
                   "Run the same command with --resume to continue.", err=True)
        sys.exit(130)



@click.command("compare")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--by", default="outlet", show_default=True,
              help="The metadata column to group by (any --meta-col of the batch run).")
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a self-contained HTML page with charts.")
@click.option("--csv", "csv_out", type=click.Path(file_okay=False, path_type=Path),
              help="Also write groups.csv, terms.csv and boilerplate.csv into this folder.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="Distinctive terms shown per group (at most).")
@click.option("--min-articles", type=click.IntRange(min=1), default=3, show_default=True,
              help="A term must occur in at least this many of a group's articles.")
@click.option("--max-q", type=click.FloatRange(min=0, max=1, min_open=True), default=0.05,
              show_default=True, help="List terms whose Benjamini-Hochberg q-value is under "
                                      "this (1 lists every term).")
@click.option("--prior-scale", type=click.FloatRange(min=0, min_open=True), default=1.0,
              show_default=True, help="Dirichlet prior as a multiple of the corpus's own "
                                      "counts (a_w = scale x corpus count of w).")
@click.option("--bootstrap", "n_boot", type=click.IntRange(min=100), default=2000,
              show_default=True, help="Resamples for the slant interval (terms use at "
                                      "most 1,000).")
def compare_command(outdir: Path, by: str, html_out: Path | None, csv_out: Path | None,
                    top: int, min_articles: int, max_q: float, prior_scale: float,
                    n_boot: int) -> None:
    """Compare groups (outlets, dates...) of a `framing batch` output folder.

    Per group: judged articles (error rows and texts not judged are left out of every
    figure, and counted), mean slant with a 95% bootstrap interval (none for groups
    under 10 articles), flags per 1,000 words by category, quote balance and frame
    profile; then the loaded terms that set each group apart: log-odds with an
    informative Dirichlet prior scaled to the corpus, from at least --min-articles
    articles, significant after Benjamini-Hochberg correction (q < --max-q) by an
    article-level bootstrap. Sentences repeated verbatim in 3 or more articles (bylines,
    bios, sign-offs) are boilerplate and not counted. The method note names the run's
    provenance (framing version, lexicon, model and input hashes, library versions).

    \b
    Examples:
      framing compare out/ --by outlet
      framing compare out/ --by date --html by_date.html --csv by_date/
    """
    from framing.corpus.compare import compare_groups
    from framing.corpus.compare_report import (
        print_comparison,
        write_compare_csv,
        write_compare_html,
    )

    comparison = compare_groups(outdir, by=by, top=top, min_articles=min_articles,
                                max_q=max_q, prior_scale=prior_scale, n_boot=n_boot)
    print_comparison(comparison, Console())
    for warning in comparison.warnings:
        echo_warning(warning)
    if html_out is not None:
        write_compare_html(comparison, html_out)
        click.echo(printable(f"wrote {html_out}"), err=True)
    if csv_out is not None:
        write_compare_csv(comparison, csv_out)
        click.echo(printable(f"wrote {csv_out}/groups.csv, terms.csv, boilerplate.csv"),
                   err=True)
