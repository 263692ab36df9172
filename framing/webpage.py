"""What of a saved web page a reader sees: the parsed page without its hidden parts.

trafilatura finds the main text of a page, and leaves out ``display:none`` and
``aria-hidden`` only as some pages write them. Here every element a browser does not show
goes first (``<template>``, the ``hidden`` attribute, ``aria-hidden="true"``, and
``display: none`` or ``visibility: hidden`` however the style is spelled), so that no
loaded word a reader never saw is scored. The parser also says when a page nests deeper
than it reads (libxml2 stops at 255 levels).
"""

from __future__ import annotations

from typing import Any

#: Elements a browser does not show; their tail text (after the element) stays.
_HIDDEN = (
    "//template | //*[@hidden] | //*[translate(@aria-hidden, 'TRUE', 'true') = 'true'] | "
    "//*[@style][contains(translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ \t\n', "
    "'abcdefghijklmnopqrstuvwxyz'), 'display:none') or contains(translate(@style, "
    "'ABCDEFGHIJKLMNOPQRSTUVWXYZ \t\n', 'abcdefghijklmnopqrstuvwxyz'), 'visibility:hidden')]"
)
#: What libxml2 says when a page nests deeper than it parses.
TOO_DEEP = "Excessive depth"


def visible_tree(page: str) -> tuple[Any | None, bool]:
    """The page parsed, without its hidden elements, and whether it nests too deeply to
    be read whole; ``(None, False)`` when lxml cannot parse it (trafilatura then tries)."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        # Bytes, not str: lxml refuses a str that carries an XML encoding declaration.
        tree = lxml.html.document_fromstring(page.encode("utf-8", "surrogatepass"), parser)
    except (ValueError, lxml.etree.LxmlError):
        return None, False
    too_deep = any(TOO_DEEP in entry.message for entry in parser.error_log)
    for element in tree.xpath(_HIDDEN):
        if element.getparent() is not None:
            element.drop_tree()
    return tree, too_deep
