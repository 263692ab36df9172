"""Options several commands share, and the one way they become an :class:`Analyzer`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from framing.analyzer import SHIPPED, Analyzer
from framing.io import MAX_BYTES
from framing.records import printable


def echo(text: object, **kwargs: object) -> None:
    """Print a line (or lines) that may hold values from data: group names, outlet names,
    file names. Control characters are cleaned; line feeds stay."""
    click.echo(printable(str(text), newlines=True), **kwargs)


def echo_error(err: object) -> None:
    """``framing: error: ...`` on one line of stderr, control characters cleaned
    (file names and table values can hold escape sequences)."""
    click.echo(f"framing: error: {printable(str(err))}", err=True)


def echo_warning(message: object) -> None:
    """``framing: warning: ...`` on one line of stderr, control characters cleaned."""
    click.echo(f"framing: warning: {printable(' '.join(str(message).split()))}", err=True)


def reading_options(command: Callable) -> Callable:
    """--encoding and --max-bytes, for the commands that read whole articles."""
    for option in reversed([
        click.option("--encoding",
                     help="Encoding of files without a byte-order mark (default UTF-8)."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES,
                     show_default=True, help="Refuse documents larger than this."),
    ]):
        command = option(command)
    return command


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
        click.option("--expert-words", is_flag=True, hidden=True,
                     help="Kept for old scripts: does nothing."),
        click.option("--suggest", is_flag=True, expose_value=False, callback=_remember,
                     help="Also show words no lexicon names that a model learned from "
                          "media-bias annotators suggests (a quiet layer, never counted)."),
        click.option("--no-confidence", is_flag=True, expose_value=False, callback=_remember,
                     hidden=True, help="Kept for old scripts: every lexicon flag is shown."),
    ]):
        command = option(command)
    return command


def _remember(ctx: click.Context, param: click.Parameter, value: object) -> object:
    ctx.meta[f"framing.{param.name}"] = value
    return value


def suggest_choice() -> bool:
    """Whether the running command was given --suggest."""
    return bool(click.get_current_context().meta.get("framing.suggest"))


def model_choice(model: Path | None, no_model: bool) -> Path | str | None:
    """What ``Analyzer(model=...)`` gets from --model and --no-model."""
    if no_model:
        return None
    return model if model is not None else SHIPPED


def analyzer_from_options(lexicons: tuple[Path, ...], no_builtin_lexicons: bool,
                          model: Path | None, trust_model: bool, no_model: bool,
                          expert_words: bool) -> Analyzer:
    """The analyzer that --lexicon, --no-builtin-lexicons and the model options ask for."""
    return Analyzer(lexicons, builtin_lexicons=not no_builtin_lexicons,
                    model=model_choice(model, no_model), trust_model=trust_model,
                    suggest=suggest_choice())


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


def transfer_options(command: Callable) -> Callable:
    """``--group-cv COL`` and ``--ood newssd|wnc DIR`` (repeatable)."""
    for option in reversed([
        click.option("--group-cv", "group_cv", default=None, metavar="COL",
                     help="Also cross-validate leaving one value of this column out at a time "
                          "(e.g. topic), beside the stratified figures."),
        click.option("--group-folds", type=click.IntRange(min=2), default=None, metavar="K",
                     help="With --group-cv: K folds of whole groups instead of one group per "
                          "fold (fewer fits)."),
        click.option("--ood", "ood", type=(click.Choice(["newssd", "wnc"]),
                                           click.Path(exists=True, file_okay=False, path_type=Path)),
                     multiple=True, metavar="newssd|wnc DIR",
                     help="An out-of-domain check (repeatable): NewsSD-ENG's folder (ROC AUC) or "
                          "a WNC sample's folder (ROC AUC and paired accuracy). Checks only."),
    ]):
        command = option(command)
    return command
