"""framing: show how a news text steers its reader.

>>> import framing
>>> analysis = framing.analyze("The reckless minister slammed the plan.")
>>> sorted({flag.term for flag in analysis.flags})
['reckless', 'slam']

The names below are imported on first use, so ``import framing`` stays light: NLTK,
scikit-learn, SciPy and pandas load when an analysis first needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from framing.version import __version__

#: Where each public name lives.
_EXPORTS = {
    "Analyzer": "framing.analyzer",
    "analyze": "framing.analyzer",
    "analyze_files": "framing.analyzer",
    "AnalyzerSpec": "framing.corpus.batch",
    "analyze_frame": "framing.corpus.batch",
    "analyze_many": "framing.corpus.batch",
    "read_table": "framing.corpus.tables",
    "read_tables": "framing.corpus.tables",
    "FramingError": "framing.errors",
    "InputError": "framing.errors",
    "LexiconError": "framing.errors",
    "ModelError": "framing.errors",
    "Analysis": "framing.records",
    "Flag": "framing.records",
    "Quote": "framing.records",
    "Sentence": "framing.records",
    "SentenceResult": "framing.records",
    "Slant": "framing.records",
    "Token": "framing.records",
}

__all__ = [
    "Analysis", "Analyzer", "AnalyzerSpec", "Flag", "FramingError", "InputError",
    "LexiconError", "ModelError", "Quote", "Sentence", "SentenceResult", "Slant", "Token",
    "__version__", "analyze", "analyze_files", "analyze_frame", "analyze_many", "read_table",
    "read_tables",
]

if TYPE_CHECKING:  # for type checkers and IDEs; at run time __getattr__ imports them
    from framing.analyzer import Analyzer, analyze, analyze_files
    from framing.corpus.batch import AnalyzerSpec, analyze_frame, analyze_many
    from framing.corpus.tables import read_table, read_tables
    from framing.errors import FramingError, InputError, LexiconError, ModelError
    from framing.records import Analysis, Flag, Quote, Sentence, SentenceResult, Slant, Token


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
