"""``framing evaluate``: the slant classifier, word flags, frames and quotes against gold data."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from framing.analyzer import Analyzer
from framing.cli.options import (
    echo,
    label_options,
    table_options,
    transfer_options,
    words_col_option,
)
from framing.evaluation.evaluate import evaluate_words
from framing.evaluation.train import (
    build_pipeline,
    cross_validate,
    format_metrics,
    format_transfer,
    grouped_cross_validate,
    read_labelled,
    train,
    transfer_figures,
)
from framing.records import printable


@click.group()
def evaluate() -> None:
    """Measure the slant classifier or the word flags against labelled data."""


@evaluate.command("words")
@click.option("--data", "data", type=click.Path(path_type=Path),
              help="CSV with sentences and a column listing the words experts marked.")
@click.option("--wnc", "wnc", type=click.Path(path_type=Path),
              help="Folder of the Wiki Neutrality Corpus sample (pre.* and post.* files): "
                   "an out-of-domain check of the loaded flags.")
@click.option("--gold", "gold", type=click.Path(path_type=Path),
              help="A register gold set (JSONL of marked texts; `dev` or `heldout` for the "
                   "shipped ones): precision, recall and the misses of the loaded flags.")
@click.option("--text-col", default="text", show_default=True)
@click.option("--words-col", default="biased_words", show_default=True,
              help="Column with a Python-literal list of marked words.")
@click.option("--learned/--no-learned", default=True, show_default=True,
              help="Also cross-validate the suggestion model (takes minutes).")
@click.option("--limit", type=click.IntRange(min=10), help="Use only the first N sentences.")
def evaluate_words_command(data: Path | None, wnc: Path | None, gold: Path | None,
                           text_col: str, words_col: str,
                           learned: bool, limit: int | None) -> None:
    """Word-level agreement of flags with experts' marked words (micro P/R/F1), the
    out-of-domain check on Wikipedia's neutralising edits, and register gold sets.

    \b
    Examples:
      framing evaluate words --data path/to/babe/final_labels_SG2.csv
      framing evaluate words --wnc path/to/wnc_sample
      framing evaluate words --gold dev
    """
    if data is None and wnc is None and gold is None:
        raise click.UsageError("give --data (annotated words), --wnc (the WNC sample folder), "
                               "--gold (a register gold set) or several")
    if gold is not None:
        _print_gold(gold)
    if wnc is not None:
        _print_wnc(wnc, limit)
    if data is None:
        return
    rows = evaluate_words(data, text_col=text_col, words_col=words_col, learned=learned, limit=limit)
    echo(f"{'flagger':<46} {'precision':>9} {'recall':>7} {'F1':>6} {'flagged':>8}")
    for row in rows:
        if "note" in row:
            echo(f"{row['flagger']:<46} {row['note']}")
            continue
        extra = f"  (F1 std over folds {row['f1_fold_std']:.3f})" if "f1_fold_std" in row else ""
        echo(f"{row['flagger']:<46} {row['precision']:>9.3f} {row['recall']:>7.3f} "
                   f"{row['f1']:>6.3f} {row['flagged']:>8}{extra}")


def _print_gold(path: Path) -> None:
    from framing.evaluation.registers import GOLD_FILES, read_gold, score_gold, shipped_gold

    if str(path) in GOLD_FILES:
        path = shipped_gold(str(path))
    s = score_gold(read_gold(path))
    echo(f"register gold {path}: {s.texts} texts, {s.marked} marked loaded words")
    echo(f"  loaded flags  precision {s.precision:.3f} ({s.true_flags} of {s.flags})  "
               f"recall {s.recall:.3f} ({s.found} of {s.marked})")
    echo(f"  literal look-alikes flagged {s.literal_flagged} of {s.literal} "
               f"({s.literal_per_10_texts:.1f} per 10 texts)")
    echo(f"  quoted loaded words flagged as quoted {s.quoted_found} of {s.quoted}")
    for register, (found, marked) in sorted(s.by_register.items()):
        echo(f"  {register:<14} recall {found}/{marked}")
    for title, rows in (("missed", s.misses), ("false flags", s.false_flags)):
        if rows:
            echo(f"{title}:")
            for row in rows:
                echo(f"  {row}")


def _print_wnc(folder: Path, limit: int | None) -> None:
    from framing.evaluation.wnc import evaluate_wnc

    s = evaluate_wnc(folder, limit=limit)
    echo(f"WNC sample {folder}: {s.pairs} pairs (biased sentence, neutralised edit); "
               "loaded flags of the default analysis")
    echo(f"  pair recall              {s.pair_recall:.3f}  ({s.pairs_hit} of the "
               f"{s.pairs_with_removed} pairs whose edit removed or replaced a word of 3+ "
               "letters: one of those words is inside a loaded flag)")
    echo(f"  removed-word recall      {s.recall:.3f}  ({s.removed_found} of {s.removed_words} "
               "words the editors removed or replaced)")
    echo(f"  loaded flags pre / post  {s.flags_pre} / {s.flags_post} = {s.ratio:.2f}x")
    echo(f"  alternative matches edit {s.alternative_rate:.3f}  ({s.alternative_matches} of "
               f"{s.with_alternative_checked} flagged removed words)")


@evaluate.command("slant")
@click.argument("data", type=click.Path(path_type=Path))
@table_options
@label_options
@click.option("--group-col", default=None,
              help="Report error rates per value of this column (e.g. type: left/center/right).")
@words_col_option
@click.option("--frame-features", is_flag=True,
              help="Add policy-frame and moral-foundation features to the classifier.")
@transfer_options
def evaluate_slant(data: Path, text_col: str, sep: str | None, encoding: str | None,
                   label_col: str, positive: str, negative: str | None, group_col: str | None,
                   words_col: str | None, frame_features: bool = False,
                   group_cv: str | None = None, ood: tuple[tuple[str, Path], ...] = (),
                  group_folds: int | None = None) -> None:
    """Stratified 5-fold cross-validation of the slant classifier (seed 42), and with
    --group-cv / --ood how it transfers: leave-one-group-out CV and out-of-domain checks
    (the model for those is trained on all of DATA).

    \b
    Example:
      framing evaluate slant path/to/babe/final_labels_SG2.csv \\
        --negative Non-biased --group-col type --words-col biased_words \\
        --group-cv topic --ood newssd path/to/newssd --ood wnc path/to/wnc_sample
    """
    labelled = read_labelled(data, text_col=text_col, label_col=label_col, positive=positive,
                             negative=negative, group_col=group_col, words_col=words_col, sep=sep,
                             encoding=encoding, cv_group_col=group_cv)
    factory = partial(build_pipeline, frames=frame_features)
    report = cross_validate(labelled, pipeline_factory=factory)
    echo(f"{report['n_sentences']} sentences, stratified {report['n_folds']}-fold CV, "
               f"seed {report['seed']}: mean ± std over folds")
    echo("\n".join(format_metrics(report)))
    echo("calibration (out-of-fold): bin, n, mean predicted, observed share biased")
    for row in report["calibration"]:
        echo(f"  {row['bin']}  {row['n']:>5}  {row['predicted']:.3f}  {row['observed']:.3f}")
    if report["by_group"]:
        echo(f"error rates by {group_col} (out-of-fold, threshold 0.5):")
        for group, rates in report["by_group"].items():
            echo(f"  {group:<10} n={rates['n']:<5} FPR {rates['false_positive_rate']:.3f}  "
                       f"FNR {rates['false_negative_rate']:.3f}")
    if group_cv or ood:
        grouped = grouped_cross_validate(labelled, pipeline_factory=factory, column=group_cv,
                                         n_folds=group_folds) \
            if group_cv else None
        model = train(labelled, pipeline_factory=factory) if ood else None
        echo("transfer:")
        echo("\n".join("  " + line for line in format_transfer(transfer_figures(model, ood, grouped))))


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
    from framing.evaluation.frames import evaluate_gold, topic_profiles
    from framing.frames import frame_label

    splits = [split] if split else (["dev", "test", None] if gold is None else [None])
    for name in splits:
        report = evaluate_gold(gold, split=name)
        echo(f"gold set {gold or 'shipped'}, split {report['split']}: {report['n']} "
                   f"sentences, primary-frame accuracy {report['accuracy']:.3f}, "
                   f"macro-F1 {report['macro_f1']:.3f}")
        echo(f"  {'frame':<46} {'precision':>9} {'recall':>7} {'F1':>6} {'n':>4}")
        for row in report["per_frame"]:
            echo(f"  {row['label']:<46} {row['precision']:>9.3f} {row['recall']:>7.3f} "
                       f"{row['f1']:>6.3f} {row['support']:>4}")
        if errors:
            for miss in report["errors"]:
                echo(printable(f"  missed: {miss['gold']} -> {miss['predicted']}: "
                                     f"{miss['sentence']}"))
    if mbic is not None:
        echo(f"frame profile per {topic_col} (mean over distinct texts in {mbic_text_col}):")
        for row in topic_profiles(mbic, topic_col=topic_col, text_col=mbic_text_col):
            shown = ", ".join(f"{frame_label(f)} {share:.0%}" for f, share in row["profile"][:5])
            echo(printable(f"  {row['topic']:<22} n={row['n_texts']:<4} {shown}"))


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
    from framing.evaluation.quotes import default_gold_sets, evaluate_gold, read_gold

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
                echo(f"  {miss}")


@evaluate.command("articles")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--labels", "labels_path", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help="CSV with one row per article: its id and a human label.")
@click.option("--label-col", required=True,
              help="The label column: a number per article (share of sentences experts "
                   "called biased, or a rating).")
@click.option("--id-col", default="doc_id", show_default=True,
              help="The labels' id column (the batch run's doc_id values).")
@click.option("--bootstrap", "n_boot", type=click.IntRange(min=100), default=2000,
              show_default=True, help="Resamples of articles for the interval.")
@click.option("--seed", type=int, default=0, show_default=True)
def evaluate_articles(outdir: Path, labels_path: Path, label_col: str, id_col: str,
                      n_boot: int, seed: int) -> None:
    """Correlate the article scores of a `framing batch` run with human article labels:
    Spearman's rho with a 95% bootstrap interval over articles. Texts that were not
    judged (no score) and articles without a label are left out and counted.

    \b
    Example:
      framing evaluate articles out/ --labels labels.csv --id-col id --label-col share
    """
    import pandas as pd

    from framing.corpus.tables import read_tables
    from framing.errors import InputError
    from framing.evaluation.articles import agreement, describe

    articles = read_tables(outdir).articles
    try:
        labels = pd.read_csv(labels_path, dtype={id_col: str})
    except (OSError, ValueError) as err:
        raise InputError(labels_path, f"cannot be read as CSV ({err})") from None
    missing = [c for c in (id_col, label_col) if c not in labels.columns]
    if missing:
        raise InputError(labels_path, f"has no column {missing[0]!r} (columns: "
                                      f"{', '.join(map(str, labels.columns[:10]))})")
    if labels[id_col].duplicated().any():
        raise InputError(labels_path, f"repeats ids in {id_col!r}; give one label per article")
    judged = articles[articles["error"].isna()]
    result = agreement(judged.set_index("doc_id")["slant_score"],
                       labels.set_index(id_col)[label_col], n_boot=n_boot, seed=seed)
    echo(describe(result))
