"""The exceptions framing raises; each message says what went wrong and how to fix it."""

from __future__ import annotations

from pathlib import Path


class FramingError(Exception):
    """Base class of every error a user can cause."""


class InputError(FramingError):
    """A document could not be read: missing, a directory, binary, undecodable or empty."""

    def __init__(self, source: str | Path, problem: str) -> None:
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")


class LexiconError(FramingError):
    """A lexicon file is malformed; names the file, line and column."""

    def __init__(self, path: str | Path, line: int, column: int | None, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.column = column
        self.problem = problem
        where = f"{self.path}:{line}" + (f":{column}" if column is not None else "")
        super().__init__(f"{where}: {problem}")


class ModelError(FramingError):
    """A model file is missing, altered, untrusted or incompatible."""
