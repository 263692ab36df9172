"""The command line: a thin coat over the library, one module per command group.

``app`` holds the ``framing`` group and adds every command to it; ``options`` holds the
options several commands share. Each command calls one library function that a research
script can call too, and turns library errors into one line on stderr.

May import anything in ``framing``; nothing in ``framing`` imports it.
"""

from framing.cli.app import main

__all__ = ["main"]
