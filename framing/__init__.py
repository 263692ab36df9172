"""framing: show how a news text steers its reader.

>>> import framing
>>> analysis = framing.analyze("The regime slammed the plan.")
>>> sorted({flag.term for flag in analysis.flags})
['regime', 'slam']
"""

from framing.analyzer import Analyzer, analyze, analyze_files
from framing.corpus.batch import AnalyzerSpec, analyze_frame, analyze_many
from framing.errors import FramingError, InputError, LexiconError, ModelError
from framing.records import (
    Analysis,
    Flag,
    Quote,
    Sentence,
    SentenceResult,
    Slant,
    Token,
)
from framing.version import __version__

__all__ = [
    "Analysis",
    "Analyzer",
    "AnalyzerSpec",
    "Flag",
    "FramingError",
    "InputError",
    "LexiconError",
    "ModelError",
    "Quote",
    "Sentence",
    "SentenceResult",
    "Slant",
    "Token",
    "__version__",
    "analyze",
    "analyze_files",
    "analyze_frame",
    "analyze_many",
]
