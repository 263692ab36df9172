"""Reading documents: encodings, byte-order marks, web pages, PDFs, and one clear error
per bad input."""

from __future__ import annotations

import codecs
import io
import os
import select
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from framing.errors import InputError
from framing.pdf import is_pdf, pdf_text, too_long
from framing.webpage import visible_tree

__all__ = ["MAX_BYTES", "MEMORY_BUDGET", "STDIN", "check_text_length", "decode", "is_pdf",
           "pdf_text", "read_bytes", "read_document", "web_page_text"]

#: Largest document read by default; raise it with ``max_bytes`` / ``--max-bytes``.
#: Set from measured memory: analysing takes up to about 600 bytes of traced memory per
#: character (a text of one-word sentences; news text takes about 115), so this limit
#: keeps one analysis under MEMORY_BUDGET (tests/test_hostile_text.py measures it).
MAX_BYTES = 4_000_000
#: Peak memory one analysis of a document at the default limit may take (a laptop with
#: 8 GB runs it).
MEMORY_BUDGET = 3_000_000_000
STDIN = "-"
#: How long a named pipe may stay silent before it is reported instead of waited for.
PIPE_WAIT_SECONDS = 10.0
#: File name endings read as saved web pages: their main text, through trafilatura.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
HTML_INSTALL = "pip install 'framing[html]'"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_document(
    source: str | Path, *, encoding: str | None = None, max_bytes: int = MAX_BYTES
) -> str:
    """The text of a file (or ``"-"`` for standard input), decoded and checked.

    Byte-order marks for UTF-8, UTF-16 and UTF-32 are honoured; without one the
    bytes must be UTF-8 unless ``encoding`` says otherwise. A file named ``.html`` or
    ``.htm`` gives the main text of the page (through trafilatura, ``framing[html]``);
    a file with a ``%PDF-`` header in its first 1,024 bytes gives the text of its pages
    (through pypdf, ``framing[pdf]``), never its PDF syntax. The text must meet
    ``max_bytes`` too, in characters. Raises :class:`~framing.errors.InputError` for
    anything that is not readable text.
    """
    data = read_bytes(source, max_bytes)
    if is_pdf(data):
        text = pdf_text(data, source, max_chars=max_bytes)
    elif is_word_file(data, source):
        text = word_text(data, source, max_bytes)
    elif str(source).lower().endswith(HTML_SUFFIXES):
        text = web_page_text(data, source, encoding)
    else:
        text = decode(data, source, encoding)
    if not text.strip():
        raise InputError(source, "the document is empty (nothing but white space)")
    return check_text_length(text, source, max_bytes)


def check_text_length(text: str, source: str | Path, max_chars: int) -> str:
    """``text``, or an InputError when it is longer than the limit: the limit holds for
    the text a reader gives (a PDF's pages, a page's main text), not only for file bytes."""
    if len(text) > max_chars:
        raise InputError(source, too_long(max_chars))
    return text


def read_bytes(source: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a file (or ``"-"``), at most ``max_bytes`` of them, with the same
    one-line errors as :func:`read_document`: a device such as ``/dev/zero`` is read up to
    the limit, a named pipe nobody writes to is reported instead of waited for."""
    if str(source) == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        if not str(source):
            raise InputError(source, "an empty file name was given")
        path = Path(source)
        try:
            if path.is_dir():
                raise InputError(source, "is a directory; pass the files inside it")
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(source, _too_large(size, max_bytes))
            with _open_without_waiting(path, source) as handle:
                data = handle.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError(source, "no such file") from None
        except PermissionError:
            raise InputError(source, "permission denied; check the file's read permission") from None
        except OSError as err:
            raise InputError(source, f"cannot be read ({err.strerror or err})") from None
    if len(data) > max_bytes:
        raise InputError(source, _too_large(len(data), max_bytes))
    return data


def _open_without_waiting(path: Path, source: str | Path) -> BinaryIO:
    """Open for reading; a named pipe nobody writes to is an error after a while, not a hang."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode) and not _wait_for_writer(fd):
            raise InputError(source, f"is a named pipe that nobody wrote to within "
                                   f"{PIPE_WAIT_SECONDS:g} seconds")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a pipe with a writer is then read to its end
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _wait_for_writer(fd: int) -> bool:
    if not hasattr(select, "poll"):
        return True
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(PIPE_WAIT_SECONDS * 1000))


def _too_large(size: int, max_bytes: int) -> str:
    return (
        f"is larger than the {max_bytes:,}-byte limit ({size:,} bytes or more); "
        "split it or raise the limit with --max-bytes"
    )


def decode(data: bytes, source: str | Path = "<bytes>", encoding: str | None = None) -> str:
    """Bytes to text: a byte-order mark wins, then ``encoding``, then strict UTF-8."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with(data, codec, source).lstrip("\ufeff")
    if encoding:
        return _decode_with(data, encoding, source)
    if b"\x00" in data[:8192]:
        raise InputError(source, _utf16_hint(data[:8192]) or
                         "looks like a binary file, not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(source, f"is not valid utf-8 text (bad byte at offset {err.start}); "
                                 + _encoding_advice(data)) from None


def _encoding_advice(data: bytes) -> str:
    """Windows-1252, not Latin-1, for text from Windows: Latin-1 reads its curly quotes
    and dashes (bytes 0x80-0x9f) as invisible control characters."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "pass --encoding (for example cp1252 or latin-1) or convert the file to UTF-8"
    return ("it reads as Windows (cp1252) text: pass --encoding cp1252, "
            "or convert the file to UTF-8")


def _utf16_hint(head: bytes) -> str | None:
    """A hint when NUL bytes sit at every other byte, as in UTF-16 text without a BOM."""
    even, odd = head[0::2], head[1::2]
    for codec, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if len(zeros) >= 2 and zeros.count(0) >= 0.9 * len(zeros):
            return (f"looks like {codec.upper()} text without a byte-order mark; "
                    f"pass --encoding {codec}")
    return None


def _decode_with(data: bytes, codec: str, source: str | Path) -> str:
    try:
        return data.decode(codec)
    except LookupError:
        raise InputError(source, f"unknown encoding {codec!r}") from None
    except UnicodeDecodeError as err:
        raise InputError(
            source,
            f"is not valid {codec} text (bad byte at offset {err.start}); "
            "pass another --encoding or convert the file to UTF-8",
        ) from None


# --- web pages and PDFs --------------------------------------------------------------


def require_trafilatura(source: str | Path) -> None:
    """Raise a one-line error naming the page and the install command without trafilatura."""
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        raise InputError(source, f"reading saved web pages needs trafilatura: {HTML_INSTALL}") \
            from None


def web_page_text(data: bytes, source: str | Path = "<bytes>",
                  encoding: str | None = None) -> str:
    """The main text of a saved web page: no markup, scripts, menus, comments or hidden
    elements (:func:`framing.webpage.visible_tree`)."""
    require_trafilatura(source)
    import trafilatura

    page = decode(data, source, encoding)
    tree, too_deep = visible_tree(page)
    text = trafilatura.extract(page if tree is None else tree, include_comments=False,
                               include_tables=False)
    if not text or not text.strip():
        if too_deep:
            raise InputError(source, "is a web page nested too deeply for the HTML reader "
                                     "(more than 255 levels); save the article as text")
        raise InputError(source, "no main text found in this web page")
    return text


# --- Word files -----------------------------------------------------------------------

_ZIP_MAGIC = b"PK\x03\x04"


def is_word_file(data: bytes, source: str | Path) -> bool:
    """A .docx file: a zip archive named .docx, or one that holds word/document.xml."""
    if not data.startswith(_ZIP_MAGIC):
        return False
    return str(source).lower().endswith(".docx") or b"word/document.xml" in data[:65536]


def word_text(data: bytes, source: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """The paragraphs of a Word file, one per line with a blank line between them
    (``framing[docx]``). A file whose unpacked parts pass ``max_bytes`` many times over
    is refused before it is unpacked, and so is extracted text over ``max_bytes``."""
    try:
        import docx  # python-docx, the optional "docx" extra
    except ImportError:
        raise InputError(source, "is a Word file; install framing's Word reader with "
                                 "pip install 'framing[docx]', or save it as plain text") from None
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > 20 * max_bytes:
            raise InputError(source, f"is a Word file that unpacks to {unpacked:,} bytes, "
                                     "over the size limit; save the text as a .txt file")
        document = docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except Exception as err:  # a damaged archive or XML can raise almost anything
        raise InputError(source, f"is a Word file that cannot be read ({type(err).__name__})") from None
    text = "\n\n".join(p.text.strip() for p in document.paragraphs if p.text.strip())
    if len(text.encode("utf-8")) > max_bytes:
        raise InputError(source, _too_large(len(text.encode("utf-8")), max_bytes))
    return text
