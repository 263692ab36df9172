"""The ``framing`` command: one group, and the commands of each module added explicitly."""

from __future__ import annotations

import sys
import warnings
from typing import Any

import click

from framing.cli.corpus import batch_command, compare_command
from framing.cli.evaluate import evaluate
from framing.cli.lexicon import lexicon
from framing.cli.options import echo_error, echo_warning
from framing.cli.report import report_command
from framing.cli.score import score
from framing.cli.train import train_command, train_words_command
from framing.errors import FramingError
from framing.version import __version__


class FramingCommand(click.Group):
    """Turns every library error into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        with warnings.catch_warnings():
            warnings.showwarning = _one_line_warning
            try:
                return super().invoke(ctx)
            except FramingError as err:
                echo_error(err)
                sys.exit(2)


def _one_line_warning(message: Warning | str, *_: Any, **__: Any) -> None:
    """Warnings (a model saved with another scikit-learn...) as one line, without source."""
    echo_warning(message)


@click.group(cls=FramingCommand, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="framing")
def main() -> None:
    """Show how a news text steers its reader: loaded wording, who says it, how slanted."""


for command in (score, report_command, batch_command, compare_command, lexicon, train_command,
                train_words_command, evaluate):
    main.add_command(command)
