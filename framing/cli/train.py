"""``framing train`` and ``framing train-words``: the two models, from labelled data."""

from __future__ import annotations

from pathlib import Path

import click

from framing.cli.options import (
    echo,
    label_options,
    table_options,
    transfer_options,
    words_col_option,
)
from framing.evaluation.train import format_metrics, format_transfer, train_and_save


@click.command("train")
@click.argument("data", type=click.Path(path_type=Path))
@table_options
@label_options
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the model: .npz (plain arrays, loads without pickle or "
                   "scikit-learn; the default format) or .joblib (a pickle, needs "
                   "--trust-model to load). Its model card goes beside it (.json).")
@click.option("--cv/--no-cv", default=True, show_default=True,
              help="Cross-validate first and store the figures in the model card.")
@click.option("--group-col", default=None, help="Record error rates per value of this column.")
@words_col_option
@click.option("--citation", default="", help="Citation of the training data, for the model card.")
@click.option("--licence", default="", help="Licence of the training data, for the model card.")
@transfer_options
def train_command(data: Path, text_col: str, sep: str | None, encoding: str | None,
                  label_col: str, positive: str, negative: str | None, out: Path, cv: bool,
                  group_col: str | None, words_col: str | None, citation: str, licence: str,
                  group_cv: str | None = None, ood: tuple[tuple[str, Path], ...] = (),
                  group_folds: int | None = None) -> None:
    """Train a sentence slant classifier on a labelled CSV.

    \b
    Example (the shipped model):
      framing train path/to/babe/final_labels_SG2.csv --text-col text \\
        --label-col label_bias --positive Biased --negative Non-biased \\
        --words-col biased_words -o framing/models/slant.npz
    """
    card = train_and_save(data, out, text_col=text_col, label_col=label_col, positive=positive,
                          negative=negative, group_col=group_col, words_col=words_col, sep=sep,
                          encoding=encoding,
                          cross_validate_first=cv, citation=citation, licence=licence,
                          group_cv=group_cv, ood=ood, group_folds=group_folds)
    echo(f"wrote {out} ({card['size_bytes'] / 1e6:.1f} MB), its card "
               f"{out.with_suffix('.json')} and {out.with_suffix('.md')}")
    if cv:
        echo("\n".join(format_metrics(card["cross_validation"])))
    echo("\n".join(format_transfer(card.get("transfer") or {})))


@click.command("train-words")
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
    from framing.evaluation.train_words import train_and_save_words  # loads scikit-learn

    card = train_and_save_words(str(data), str(out), text_col=text_col, words_col=words_col,
                                cross_validate_first=cv, citation=citation, licence=licence)
    echo(f"wrote {out} ({card['size_bytes'] / 1e6:.1f} MB) and {out.with_suffix('.json')}")
    if cv:
        figures = card["cross_validation"]
        echo(f"cross-validated: precision {figures['precision']:.3f} recall "
                   f"{figures['recall']:.3f} F1 {figures['f1']:.3f}")
