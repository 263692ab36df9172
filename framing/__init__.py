"""framing: show how a news text steers its reader.

>>> import framing
>>> analysis = framing.analyze("The regime slammed the plan.")
>>> sorted({flag.term for flag in analysis.flags})
['regime', 'slam']
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("framing")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

from framing.analyzer import Analyzer, analyze, analyze_files  # noqa: E402
from framing.batch import AnalyzerSpec, analyze_frame, analyze_many  # noqa: E402
from framing.errors import FramingError, InputError, LexiconError, ModelError  # noqa: E402
from framing.records import (  # noqa: E402
    Analysis,
    Flag,
    Quote,
    Sentence,
    SentenceResult,
    Slant,
    Token,
)

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
