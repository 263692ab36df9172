"""The text of a PDF, read through pypdf (``framing[pdf]``) within the limits of a document.

A PDF of a few kilobytes can hold text many times its size (pages that share one
compressed content stream), nest arrays deep enough to overflow the parser's recursion,
or make pypdf log its repairs to the terminal. So the text is counted while pypdf
extracts it and extraction stops once it passes the limit; pypdf's own decompression
limits are lowered where its version has them; a recursion overflow is an error for
the file; and what pypdf logs is kept from the terminal (the first line of it goes
into the error message).
"""

from __future__ import annotations

import dataclasses
import io
import logging
import re
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from framing.errors import InputError

PDF_INSTALL = "pip install 'framing[pdf]'"
#: PDF readers accept a header anywhere in the first 1,024 bytes (after a mail or HTTP
#: header, say); at the start of a line, so that text about the format is not a PDF.
_HEADER = re.compile(rb"(?:^|[\r\n])[ \t\f\0]*%PDF-\d")
HEADER_WINDOW = 1024
#: A compressed stream may decode to this many times the text limit: page content holds
#: positioning and font operators beside its text (with a floor for small limits).
_STREAM_FACTOR = 8
_STREAM_FLOOR = 8_000_000
# pypdf's logger and its class-level state are shared: one PDF at a time per process.
_PDF_LOCK = threading.Lock()


class _TooMuchText(Exception):
    pass


def pdf_start(data: bytes) -> int | None:
    """Where the ``%PDF-`` header starts, if it starts in the first 1,024 bytes of a line.

    >>> pdf_start(b"%PDF-1.7"), pdf_start(b"Content-Type: application/pdf\\r\\n\\r\\n%PDF-1.4")
    (0, 33)
    >>> pdf_start(b"An article about the %PDF-1.4 header.") is None
    True
    """
    match = _HEADER.search(data, 0, HEADER_WINDOW + 6)
    if match is None:
        return None
    start = data.index(b"%PDF-", match.start())
    return start if start < HEADER_WINDOW else None


def is_pdf(data: bytes) -> bool:
    """Whether the bytes are a PDF file: a ``%PDF-`` header in the first 1,024 bytes."""
    return pdf_start(data) is not None


def pdf_text(data: bytes, source: str | Path = "<bytes>", *, max_chars: int) -> str:
    """The text of a PDF's pages, page after page; raises InputError, also as soon as the
    text passes ``max_chars``."""
    PdfReader = _pdf_reader(source)  # noqa: N806 - a class
    start = pdf_start(data) or 0
    with _PDF_LOCK, _quiet_pypdf() as logged, _pypdf_limits(max_chars):
        try:
            reader = PdfReader(io.BytesIO(data[start:]))
            if reader.is_encrypted:
                raise InputError(source, "is an encrypted PDF; save the article as text")
            pages = list(_page_texts(reader, max_chars))
        except InputError:
            raise
        except _TooMuchText:
            raise InputError(source, too_long(max_chars)) from None
        except RecursionError:
            raise InputError(source, "is a PDF nested too deeply for the PDF reader; save "
                                     "the article as text") from None
        except Exception as err:  # pypdf raises many kinds on a damaged file
            raise InputError(source, f"is a PDF that cannot be read ({_why(err, logged)}); "
                                     "save the article as text") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise InputError(source, "is a PDF without a text layer (a scan?); run OCR first or "
                                 "save the article as text")
    return text


def too_long(max_chars: int) -> str:
    return (f"its text is longer than the {max_chars:,}-character limit; split it or raise "
            "the limit with --max-bytes")


def _pdf_reader(source: str | Path) -> Any:
    try:
        from pypdf import PdfReader
    except ImportError:
        raise InputError(source, f"is a PDF; reading PDFs needs pypdf: {PDF_INSTALL}, or "
                                 "save the article as text") from None
    return PdfReader


def _page_texts(reader: Any, max_chars: int) -> Iterator[str]:
    """Each page's text, counted piece by piece as pypdf finds it."""
    total = 0

    def count(text: str, *_: object) -> None:
        nonlocal total
        total += len(text)
        if total > max_chars:
            raise _TooMuchText

    for page in reader.pages:
        yield page.extract_text(visitor_text=count) or ""


def _why(err: Exception, logged: list[str]) -> str:
    name = type(err).__name__
    return f"{name}: {logged[0]}" if logged else name


@contextmanager
def _quiet_pypdf() -> Iterator[list[str]]:
    """pypdf's log records and warnings, collected instead of printed."""
    logger = logging.getLogger("pypdf")
    collected: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            collected.append(" ".join(record.getMessage().split())[:200])

    handler = Collect()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield collected
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _pypdf_limits(max_chars: int) -> Any:
    """pypdf's decompression limits lowered to what a text of ``max_chars`` needs (pypdf
    6.x and later have them as a Configuration; older versions keep their defaults)."""
    try:
        from pypdf import Configuration, apply_configuration
    except ImportError:
        return nullcontext()
    limit = max(_STREAM_FACTOR * max_chars, _STREAM_FLOOR)
    known = {f.name for f in dataclasses.fields(Configuration)}
    wanted = {name: limit for name in (
        "maximum_declared_stream_length", "array_based_stream_maximum_output_length",
        "lzw_maximum_output_length", "run_length_maximum_output_length",
        "zlib_maximum_output_length", "brotli_maximum_output_length",
        "xfa_decoding_work_maximum_length", "stream_decoding_work_maximum_length",
    ) if name in known}
    return apply_configuration(**wanted)
