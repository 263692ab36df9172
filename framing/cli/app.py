"""The ``framing`` command: one group, and the commands of each module added explicitly."""

from __future__ import annotations

import importlib
import sys
import warnings
from typing import Any

import click

from framing.errors import FramingError
from framing.version import __version__

#: Each command's module and attribute. A module is imported only when its command runs
#: or shows its own help, so ``framing --help`` and ``--version`` load neither
#: scikit-learn, NLTK nor a model.
COMMANDS = {
    "score": ("framing.cli.score", "score"),
    "report": ("framing.cli.report", "report_command"),
    "batch": ("framing.cli.corpus", "batch_command"),
    "compare": ("framing.cli.corpus", "compare_command"),
    "lexicon": ("framing.cli.lexicon", "lexicon"),
    "train": ("framing.cli.train", "train_command"),
    "train-words": ("framing.cli.train", "train_words_command"),
    "evaluate": ("framing.cli.evaluate", "evaluate"),
}
#: What ``framing --help`` lists: the first line of each command's help (a test checks).
SUMMARIES = {
    "score": "Score articles: a verdict and every flagged word with its reason.",
    "report": "Write a self-contained HTML report a class can read together.",
    "batch": "Analyse a corpus into tables: one row per article, sentence, flag, quote and "
             "actor.",
    "compare": "Compare groups (outlets, dates...) of a `framing batch` output folder.",
    "lexicon": "List, look up and validate lexicons.",
    "train": "Train a sentence slant classifier on a labelled CSV.",
    "train-words": "Train the expert-word flagger (used by --expert-words) on word "
                   "annotations.",
    "evaluate": "Measure the slant classifier or the word flags against labelled data.",
}


class FramingCommand(click.Group):
    """Loads commands when used; turns every library error into one line and exit code 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute = COMMANDS[cmd_name]
        return getattr(importlib.import_module(module), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, SUMMARIES[name]) for name in COMMANDS])

    def invoke(self, ctx: click.Context) -> Any:
        with warnings.catch_warnings():
            warnings.showwarning = _one_line_warning
            try:
                return super().invoke(ctx)
            except FramingError as err:
                from framing.cli.options import echo_error  # lazily: options loads the analyzer

                echo_error(err)
                sys.exit(2)


def _one_line_warning(message: Warning | str, *_: Any, **__: Any) -> None:
    """Warnings (a model saved with another scikit-learn...) as one line, without source."""
    from framing.cli.options import echo_warning  # lazily: options loads the analyzer

    echo_warning(message)


@click.group(cls=FramingCommand, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="framing")
def main() -> None:
    """Show how a news text steers its reader: loaded wording, who says it, how slanted."""

