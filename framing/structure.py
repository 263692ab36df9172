"""Document structure: which sentences are headlines, bylines, datelines or page furniture.

A page copied from a news site carries more than the article: the outlet's name on a
line of its own, "Read more", "Share this", photo credits, a copyright line, the
dateline ("WASHINGTON (AP) —"). None of it is the writer's wording about the news, so
only ``headline`` and ``body`` sentences are flagged and scored. The rules below look
at a sentence's own paragraph (a line of its own) and its words; they are written for
framing and deliberately cautious: anything they are unsure of stays ``body``.

>>> doc = assign_roles(tokenize("Dam Plan Splits Town\\n\\nThe council voted on Monday.\\nShare this"))
>>> [(s.text, s.role) for s in doc.sentences]
[('Dam Plan Splits Town', 'headline'), ('The council voted on Monday.', 'body'), ('Share this', 'furniture')]
"""

from __future__ import annotations

from collections.abc import Callable

import re
from collections import Counter
from dataclasses import replace

from framing.records import BODY, BYLINE, DATELINE, FURNITURE, HEADLINE, Sentence
from framing.tokenize import Document, tokenize  # noqa: F401  (tokenize: doctest)

#: Roles whose sentences are flagged and scored.
SCORED_ROLES = frozenset({HEADLINE, BODY})

HEADLINE_MAX_WORDS = 25
BYLINE_MAX_WORDS = 4

# Lines a site adds around an article: sharing, comments, navigation, subscriptions.
_FURNITURE = re.compile(
    r"^(?:discuss(?:ion)?|comments?(?: \(\d+\))?|\d+ comments?|read more|read next|"
    r"read the full (?:story|article)|share(?: this(?: article| story)?)?|share on \w+|"
    r"tweet|print|email|e-mail|facebook|twitter|whatsapp|linkedin|advertisement|"
    r"sponsored(?: content)?|related(?: articles?| stories| coverage| news)?|"
    r"more (?:from|on) .{1,40}|(?:sign up|subscribe|follow us|click here|listen|watch)\b.{0,60}|"
    r"(?:top|latest) (?:stories|news)|skip to (?:content|main content)|"
    r"(?:this|the) (?:article|story) (?:was|has been) (?:updated|corrected)\b.{0,60})[.:!]?$",
    re.IGNORECASE,
)
# Photo and image credits, anywhere in a short line.
_CREDIT = re.compile(
    r"\b(?:photo|photograph|image|picture|video|file photo)s?\s*(?:credit|by|:|/|©)|"
    r"getty images|\bap photo\b|shutterstock|\bvia reuters\b|\bafp via\b|/\s*(?:reuters|afp|ap)\b",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)\s*\d{4}|copyright\b)|\ball rights reserved\b", re.IGNORECASE)
_BY = re.compile(r"^(?:by|words by|reporting by|written by)\s+[A-Z]", re.IGNORECASE)
# "WASHINGTON (AP) —", "LONDON, March 3 (Reuters) -", "SPRINGFIELD, Ill. —", "SPRINGFIELD".
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}"  # a place in capitals
    r"(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][a-z.]+)*(?:\s+\d{1,2})?)?"  # ", Ill." / ", March 3"
    r"\s*(?:\((?:[A-Z][A-Za-z.&]*\s?){1,4}\))?"  # "(AP)", "(Reuters)"
    r"\s*(?P<dash>[—–]|--?)?\s*"
)


def assign_roles(doc: Document, wording: Callable[[Sentence], bool] | None = None) -> Document:
    """The document with every sentence's ``role`` set; text and offsets are unchanged.

    ``wording`` tells whether a sentence holds lexicon wording: a line in capitals that
    does ("FEUD ERUPTS", "FIASCO") is a headline, not a dateline place.
    """
    if not doc.sentences:
        return doc
    per_paragraph = Counter(s.paragraph for s in doc.sentences)
    roles: list[str] = []
    seen_body, notice = False, -1
    for sentence in doc.sentences:
        if _COPYRIGHT.search(sentence.text):
            notice = sentence.paragraph  # "© 2022 Outlet. All rights reserved." is one notice
        if sentence.paragraph == notice:
            roles.append(FURNITURE)
            continue
        alone = per_paragraph[sentence.paragraph] == 1
        role = _line_role(sentence, top=not seen_body, wording=wording) if alone else BODY
        seen_body = seen_body or role == BODY
        roles.append(role)
    if not seen_body:
        # No body at all: the text is a bare sentence or list of lines, not a page.
        roles = [BODY if role == HEADLINE else role for role in roles]
    return replace(doc, sentences=tuple(
        s if role == s.role else replace(s, role=role) for s, role in zip(doc.sentences, roles, strict=True)
    ))


def dateline_end(sentence: Sentence) -> int:
    """The offset where a sentence's dateline prefix ends, or its start if it has none.

    >>> s = tokenize("WASHINGTON (AP) — The Senate passed the bill.").sentences[0]
    >>> s.text[:dateline_end(s) - s.start]
    'WASHINGTON (AP) — '
    """
    match = _DATELINE.match(sentence.text)
    if not match or not _is_dateline(match, sentence.text):
        return sentence.start
    if match.end() >= len(sentence.text.rstrip()) and sentence.role != DATELINE:
        return sentence.start  # a whole line in capitals that its role calls a headline
    return sentence.start + match.end()


def _is_dateline(match: re.Match[str], text: str) -> bool:
    """A capitalised place is a dateline when a dash or a news agency follows it, or when
    it is the whole line; "NATO said" or "US officials" are not."""
    place = match.group()
    if match.end() == len(text.rstrip()):
        return len(re.sub(r"[^A-Za-z]", "", place)) >= 3
    has_agency = "(" in place
    return bool(match.group("dash")) and (has_agency or len(place.split(",")[0].strip()) >= 4)


def _line_role(sentence: Sentence, top: bool,
               wording: Callable[[Sentence], bool] | None = None) -> str:
    """The role of a sentence alone in its paragraph; ``top``: no body text came before."""
    text = sentence.text.strip()
    words = [t for t in sentence.tokens if t.norm[:1].isalnum()]
    if not words or _FURNITURE.match(text) or _COPYRIGHT.search(text) or (
            _CREDIT.search(text) and len(words) <= 15):
        return FURNITURE
    match = _DATELINE.match(text)
    if match and match.end() == len(text) and _is_dateline(match, text) and not (
            wording and wording(sentence)):
        return DATELINE
    if _BY.match(text) and len(words) <= 8:
        return BYLINE
    if top:
        # Lines above the first body paragraph: a headline, kicker or standfirst, unless
        # it reads as a sentence of the article (ends in a full stop, or is long).
        if len(words) <= HEADLINE_MAX_WORDS and not text.endswith("."):
            return HEADLINE
        return BODY
    if len(words) <= BYLINE_MAX_WORDS and not _ends_sentence(text) and _all_capitalised(words):
        return BYLINE  # a name or an outlet on a line of its own ("Sputnik")
    return BODY


def _ends_sentence(text: str) -> bool:
    return text.rstrip("\"'”’»)] ").endswith((".", "!", "?", ":", ";"))


def _all_capitalised(words: list) -> bool:
    return all(w.text[:1].isupper() or w.text[:1].isdigit() for w in words)
