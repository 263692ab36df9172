"""Stage 1: split a text into paragraphs, sentences and word tokens, keeping offsets.

Sentences come from NLTK's Punkt tokenizer built from the abbreviation list the project
ships (``lexicons/abbreviations.txt``); nothing is downloaded.

>>> doc = tokenize("The U.S. said so. Mr. Smith disagreed.")
>>> [s.text for s in doc.sentences]
['The U.S. said so.', 'Mr. Smith disagreed.']
>>> [t.text for t in doc.sentences[1].tokens]
['Mr', '.', 'Smith', 'disagreed', '.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from framing.records import Sentence, Token

_WORD_CHAR = r"(?:[^\W_][\u0300-\u036f]*)"
_TOKEN_RE = re.compile(
    "|".join(
        [
            r"(?:[^\W\d_]\.){2,}(?![^\W_])",  # initialisms: U.S., e.g.
            r"\d+(?:[.,:/]\d+)*%?",  # numbers: 2,000  3.5  9/11  40%
            rf"{_WORD_CHAR}+(?:[-'’]{_WORD_CHAR}+)*",  # words: so-called, don't, Covid-19
            r"\S",  # any other single character: quotes, punctuation, emoji
        ]
    )
)
_SENTENCE_START_LOWER = re.compile(r"^[\"'“”‘’«»(\[]*\s*[a-z]")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_TERMINAL = tuple(".!?:\"'”’»)")
_HARD_WRAP_MIN_LINE = 60


@dataclass(frozen=True, slots=True)
class Document:
    """A tokenized text: sentences (each with tokens) over the original string."""

    text: str
    sentences: tuple[Sentence, ...]

    @property
    def tokens(self) -> list[Token]:
        return [token for sentence in self.sentences for token in sentence.tokens]


def normalize(word: str) -> str:
    """The matching form of a word: lowercase, curly apostrophes straightened.

    >>> normalize("Washington’s")
    "washington's"
    """
    return word.lower().replace("’", "'")


def word_tokens(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Tokens of ``text``; offsets are shifted by ``offset``.

    >>> [t.text for t in word_tokens("NATO's so-called “open door” policy")]
    ["NATO's", 'so-called', '“', 'open', 'door', '”', 'policy']
    """
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        word = match.group()
        start = match.start() + offset
        tokens.append(Token(start, start + len(word), word, word.lower().replace("’", "'")))
    return tuple(tokens)


def tokenize(text: str) -> Document:
    """Split ``text`` into sentences and tokens whose offsets index ``text`` itself."""
    if not isinstance(text, str):
        raise TypeError(f"tokenize() takes a str, not {type(text).__name__}")
    sentences: list[Sentence] = []
    for paragraph, (p_start, p_end) in enumerate(paragraph_spans(text)):
        for start, end in _sentence_spans(text[p_start:p_end]):
            start, end = start + p_start, end + p_start
            sentences.append(
                Sentence(
                    index=len(sentences),
                    start=start,
                    end=end,
                    text=text[start:end],
                    paragraph=paragraph,
                    tokens=word_tokens(text[start:end], start),
                )
            )
    return Document(text, tuple(sentences))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end) spans with surrounding white space trimmed.

    A blank line always ends a paragraph; a single line break does too, unless it looks
    like a hard wrap inside running text (a long line without closing punctuation,
    followed by a line that starts in lowercase).
    """
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _split_spans(text, _BLANK_LINE):
        line_start = block_start
        lines = _split_spans(text[block_start:block_end], re.compile(r"\n"))
        for i, (start, end) in enumerate(lines):
            start, end = start + block_start, end + block_start
            next_line = lines[i + 1] if i + 1 < len(lines) else None
            if next_line and _is_hard_wrap(text[start:end], text[next_line[0] + block_start :]):
                continue
            spans.append((line_start, end))
            line_start = next_line[0] + block_start if next_line else end
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


def _split_spans(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in separator.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _is_hard_wrap(line: str, rest: str) -> bool:
    line = line.rstrip()
    return (
        len(line) >= _HARD_WRAP_MIN_LINE
        and not line.endswith(_TERMINAL)
        and rest.lstrip()[:1].islower()
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for start, end in _punkt().span_tokenize(paragraph):
        # Punkt ends a sentence at '"Why?" he asked.'; a lowercase start means it went on.
        if spans and _SENTENCE_START_LOWER.match(paragraph[start:end]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return [trimmed for span in spans if (trimmed := _trim(paragraph, *span))]


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    return PunktSentenceTokenizer(params)


def abbreviations() -> list[str]:
    """The shipped abbreviation list, lowercase and without the final period."""
    source = resources.files("framing.lexicons").joinpath("abbreviations.txt")
    lines = source.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
