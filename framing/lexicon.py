"""Lexicons: TSV word lists, their validation, inflection and a token-trie matcher.

A lexicon file is UTF-8 TSV with the header ``term category weight polarity rationale
alternative`` and optional ``forms``, ``layer`` and ``confidence`` columns (see
``lexicons/README.md``). Matching is
case-insensitive on word tokens, leftmost-longest, and runs in time linear in the
number of tokens: one dictionary step per token, bounded by the longest term.

>>> lex = Lexicon.from_entries([Entry("bellicose", "loaded_negative", 0.8, -1,
...     "Paints a side as eager for war.", "assertive", "demo")])
>>> [(m.start, m.end, m.entries[0].term) for m in lex.match(["his", "bellicose", "talk"])]
[(1, 2, 'bellicose')]
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from framing.categories import LAYERS, layer_of
from framing.errors import LexiconError
from framing.senses import SenseError, SenseRule, parse_senses

COLUMNS = ("term", "category", "weight", "polarity", "rationale", "alternative")
OPTIONAL_COLUMNS = ("forms", "layer", "confidence", "literal_when")
#: The confidence of a curated entry whose row leaves the ``confidence`` column empty.
DEFAULT_CONFIDENCE = 0.8
EXCEPTION = "exception"
EXACT = "exact"
_CATEGORY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_VOWELS = "aeiou"


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon row. ``forms`` holds every surface form it matches (base included).

    ``layer`` is the row's ``layer`` column or, when empty, its category's layer;
    ``confidence`` is the row's documented prior (the ``confidence`` column; empty means
    :data:`DEFAULT_CONFIDENCE`); ``senses`` name the contexts where the term is literal.
    """

    term: str
    category: str
    weight: float
    polarity: int
    rationale: str
    alternative: str
    lexicon: str
    line: int = 0
    forms: tuple[str, ...] = ()
    layer: str = ""
    confidence: float | None = None
    #: The contexts in which the term is literal (``literal_when`` column): no flag there.
    senses: tuple[SenseRule, ...] = ()

    @property
    def flag_layer(self) -> str:
        return self.layer or layer_of(self.category)

    @property
    def is_exception(self) -> bool:
        return self.category == EXCEPTION

    @property
    def prior(self) -> float:
        """How sure we are that a match is loaded, before its sense rules are read."""
        return DEFAULT_CONFIDENCE if self.confidence is None else self.confidence

    def is_literal(self, norms: Sequence[str], start: int, end: int, capitalised: bool) -> bool:
        """True when one of the entry's sense rules says the match ``norms[start:end]``
        is literal here."""
        return any(rule.applies(norms, start, end, capitalised) for rule in self.senses)


@dataclass(frozen=True, slots=True)
class Match:
    """Tokens ``start`` to ``end`` (exclusive token indices) matched these entries."""

    start: int
    end: int
    entries: tuple[Entry, ...]


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)


class Lexicon:
    """A set of entries indexed in a trie of token norms."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self.entries: list[Entry] = []
        self._root = _Node()
        for entry in entries:
            self.add(entry)

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> Lexicon:
        return cls(entries)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)
        for form in entry.forms or (entry.term,):
            node = self._root
            for word in term_words(form):
                node = node.children.setdefault(word, _Node())
            _place(node, entry, form)

    def match(self, norms: Sequence[str]) -> list[Match]:
        """Leftmost-longest matches of the lexicon in a sequence of token norms.

        Exception entries take part in the longest match (so "tax regime" hides
        "regime") but are left out of the result.
        """
        starts = self._root.children
        # Most tokens start no entry: find the word forms that do, once per form, and
        # walk the trie only from their positions.
        openers = {norm for norm in set(norms)
                   if norm in starts or ("'" in norm and norm[-2:] == "'s" and norm[:-2] in starts)}
        if not openers:
            return []
        candidates = [i for i, norm in enumerate(norms) if norm in openers]
        matches: list[Match] = []
        after = 0
        for i in candidates:
            if i < after:
                continue
            best_end, best_entries = self._longest_from(norms, i)
            if best_entries:
                kept = tuple(e for e in best_entries if not e.is_exception)
                if kept:
                    matches.append(Match(i, best_end, kept))
                after = best_end
        return matches

    def _longest_from(self, norms: Sequence[str], i: int) -> tuple[int, list[Entry]]:
        node, best_end, best_entries = self._root, i, []
        for j in range(i, len(norms)):
            node = node.children.get(norms[j]) or node.children.get(_strip_possessive(norms[j]))
            if node is None:
                break
            if node.entries:
                best_end, best_entries = j + 1, node.entries
        return best_end, best_entries

    def lookup(self, term: str) -> list[Entry]:
        """Every entry whose term or one of its forms is ``term`` (case-insensitive)."""
        node: _Node | None = self._root
        for word in term_words(term):
            node = node.children.get(word) if node else None
        return list(node.entries) if node else []

    def categories(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry in self.entries:
            counts[entry.category] = counts.get(entry.category, 0) + 1
        return counts


def _place(node: _Node, entry: Entry, form: str) -> None:
    """One entry per category at a node: a row written for this exact form beats a
    generated inflection of another row ("refused to" listed itself vs "refuse to")."""
    for i, other in enumerate(node.entries):
        if other.category == entry.category:
            if entry.term == form and other.term != form:
                node.entries[i] = entry
            return
    node.entries.append(entry)


def _strip_possessive(norm: str) -> str:
    return norm[:-2] if norm.endswith("'s") else norm


def term_words(term: str) -> list[str]:
    """The token norms a term is matched on; same tokenizer as the text."""
    from framing.tokenize import word_tokens

    return [token.norm for token in word_tokens(term.strip())]


# --- inflection ---------------------------------------------------------------------


def inflect(word: str) -> set[str]:
    """Regular inflections of one word: plural/3rd person, past and -ing forms.

    >>> sorted(inflect("slam"))
    ['slammed', 'slamming', 'slams']
    >>> sorted(inflect("insist"))
    ['insisted', 'insisting', 'insists']
    >>> sorted(inflect("bully"))
    ['bullied', 'bullies', 'bullying']
    >>> sorted(inflect("smear"))
    ['smeared', 'smearing', 'smears']
    """
    if not word.isalpha() or len(word) < 3:
        return set()
    forms = {_plural(word)}
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        forms |= {word + "d", (word[:-2] + "ying") if word.endswith("ie") else word[:-1] + "ing"}
    elif word.endswith("ee"):
        forms |= {word + "d", word + "ing"}
    elif word.endswith("y") and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ied", word + "ing"}
    else:
        stem = word + word[-1] if _doubles_final(word) else word
        forms |= {stem + "ed", stem + "ing"}
    return forms


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def _doubles_final(word: str) -> bool:
    """One-syllable consonant-vowel-consonant words double: slam -> slammed."""
    syllables = len(re.findall(r"[aeiouy]+", word))
    return (
        syllables == 1
        and len(word) >= 3
        and word[-1] not in _VOWELS + "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def surface_forms(term: str, forms_field: str) -> tuple[str, ...]:
    """The term plus its inflections, per the ``forms`` column.

    The last word inflects ("power grabs"), unless the term ends in a particle, when the
    first word does ("lashed out", "failed to"). Extra forms in the column replace that
    word; an extra form with a space in it is taken as a whole surface form.

    >>> surface_forms("lash out", "exact")
    ('lash out',)
    >>> surface_forms("fail to", "")[1:]
    ('failed to', 'failing to', 'fails to')
    """
    if forms_field.strip().lower() == EXACT:
        return (term,)
    words = term.split(" ")
    extra = {f.strip().lower() for f in forms_field.split("|") if f.strip()}
    whole = {f for f in extra if " " in f}
    at = 0 if len(words) > 1 and words[-1] in _PARTICLES else len(words) - 1
    variants = sorted(inflect(words[at]) | (extra - whole))
    phrases = [" ".join([*words[:at], form, *words[at + 1 :]]) for form in variants]
    return (term, *phrases, *sorted(whole - {term}))


_PARTICLES = frozenset(
    "out up down off on in over away back to about around through into onto with for at "
    "of from by".split()
)


# --- parsing ------------------------------------------------------------------------


def parse_lexicon(data: bytes, source: str) -> list[Entry]:
    """Parse and validate one lexicon file's bytes; ``source`` names it in errors."""
    text = decode_lexicon(data, source)
    # Only CR, LF and CRLF end a row; str.splitlines() would also split inside a
    # rationale at U+2028, NEL, form feed or vertical tab.
    lines = _LINE_END.split(text) if text else []
    if not lines:
        raise LexiconError(source, 1, None, "the file is empty; it needs a header line")
    columns = _check_header(lines[0], source)
    entries: dict[str, Entry] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entry = _parse_row(line, number, columns, source)
        previous = entries.get(entry.term)
        if previous and _values(previous) != _values(entry):
            raise LexiconError(
                source, number, 1,
                f"term {entry.term!r} is already defined on line {previous.line} with "
                "different values; keep one row per term",
            )
        entries.setdefault(entry.term, entry)
    return list(entries.values())


_LINE_END = re.compile(r"\r\n|\r|\n")


def _values(entry: Entry) -> tuple:
    values = (entry.category, entry.weight, entry.polarity, entry.rationale, entry.alternative)
    # Rows that leave layer, confidence and senses empty hash as they did before those
    # columns existed.
    extra = (entry.layer, entry.confidence) if entry.layer or entry.confidence is not None else ()
    senses = (tuple(rule.text for rule in entry.senses),) if entry.senses else ()
    return values + extra + senses


def decode_lexicon(data: bytes, source: str) -> str:
    """A lexicon file's text; bytes that are not UTF-8 raise a :class:`LexiconError`."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise LexiconError(
            source, line, column,
            f"byte 0x{data[err.start]:02x} is not UTF-8; save the file as UTF-8",
        ) from None


def _check_header(header: str, source: str) -> list[str]:
    columns = [c.strip().lower() for c in header.split("\t")]
    for position, expected in enumerate(COLUMNS, start=1):
        if expected not in columns:
            raise LexiconError(
                source, 1, position,
                f"missing column {expected!r}; the header must be: " + "\\t".join(COLUMNS),
            )
    unknown = [c for c in columns if c not in COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        column = columns.index(unknown[0]) + 1
        raise LexiconError(source, 1, column, f"unknown column {unknown[0]!r}")
    return columns


def _parse_row(line: str, number: int, columns: list[str], source: str) -> Entry:
    fields = line.split("\t")
    if len(fields) > len(columns):
        raise LexiconError(
            source, number, len(columns) + 1,
            f"{len(fields)} fields but the header has {len(columns)}; is there a stray tab?",
        )
    if len(fields) < len(columns):
        missing = columns[len(fields)]
        if missing not in OPTIONAL_COLUMNS:
            raise LexiconError(
                source, number, len(fields) + 1,
                f"missing column {missing!r} (separate columns with tabs)",
            )
    row = dict(zip(columns, (f.strip() for f in fields), strict=False))

    def fail(column: str, problem: str) -> LexiconError:
        return LexiconError(source, number, columns.index(column) + 1, problem)

    term = " ".join(row["term"].lower().split())
    if not term:
        raise fail("term", "empty term")
    category = row["category"]
    if not _CATEGORY_RE.match(category):
        raise fail("category", f"category {category!r} must be lowercase letters, digits, _")
    weight = parse_number(row["weight"], float, fail("weight", f"weight {row['weight']!r} is not a number"))
    if not 0.0 <= weight <= 1.0:
        raise fail("weight", f"weight {weight} is outside 0 to 1")
    polarity = parse_number(row["polarity"], int, fail("polarity", f"polarity {row['polarity']!r} must be -1, 0 or 1"))
    if polarity not in (-1, 0, 1):
        raise fail("polarity", f"polarity {polarity} must be -1, 0 or 1")
    if not row["rationale"] and category != EXCEPTION:
        raise fail("rationale", f"term {term!r} needs a rationale: one line saying why it is loaded")
    layer = row.get("layer", "").lower()
    if layer and layer not in LAYERS:
        raise fail("layer", f"layer {layer!r} must be empty, {' or '.join(LAYERS)}")
    confidence = None
    if row.get("confidence"):
        confidence = parse_number(row["confidence"], float, fail(
            "confidence", f"confidence {row['confidence']!r} is not a number"))
        if not 0.0 <= confidence <= 1.0:
            raise fail("confidence", f"confidence {confidence} is outside 0 to 1")
    try:
        senses = parse_senses(row.get("literal_when", ""))
    except SenseError as err:
        raise fail("literal_when", str(err)) from None
    return Entry(
        term=term,
        category=category,
        weight=weight,
        polarity=polarity,
        rationale=row["rationale"],
        alternative=row.get("alternative", ""),
        lexicon=Path(source).name,
        line=number,
        forms=surface_forms(term, row.get("forms", "")),
        layer=layer,
        confidence=confidence,
        senses=senses,
    )


def parse_number(value: str, kind: type, error: LexiconError) -> float | int:
    """``kind(value)``, raising ``error`` (which names file, line and column) if it fails."""
    try:
        return kind(value)
    except ValueError:
        raise error from None


# --- loading ------------------------------------------------------------------------


def builtin_files() -> list[str]:
    """Names of the lexicon files that ship with the package."""
    folder = resources.files("framing.lexicons")
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tsv"))


@lru_cache(maxsize=1)
def builtin_entries() -> tuple[Entry, ...]:
    folder = resources.files("framing.lexicons")
    entries: list[Entry] = []
    for name in builtin_files():
        entries.extend(parse_lexicon(folder.joinpath(name).read_bytes(), name))
    return tuple(entries)


def read_lexicon_file(path: str | Path) -> list[Entry]:
    """Parse a user's lexicon file; every problem is a :class:`LexiconError`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LexiconError(path, 0, None, "no such lexicon file") from None
    except IsADirectoryError:
        raise LexiconError(path, 0, None, "is a directory, not a lexicon file") from None
    except OSError as err:
        raise LexiconError(path, 0, None, f"cannot read the file ({err.strerror})") from None
    return parse_lexicon(data, str(path))


def load_lexicon(
    extra: Iterable[str | Path] = (), *, builtin: bool = True
) -> Lexicon:
    """The shipped lexicons plus the user's files; a user's entry replaces shipped ones.

    >>> lex = load_lexicon()
    >>> len(lex) > 0
    True
    """
    user_entries = [entry for path in extra for entry in read_lexicon_file(path)]
    overridden = {entry.term for entry in user_entries}
    base = [e for e in builtin_entries() if e.term not in overridden] if builtin else []
    return Lexicon(base + user_entries)


def lexicon_hash(lexicon: Lexicon) -> str:
    """A SHA-256 over the entries, so a model can tell which lexicon it was trained with."""
    digest = hashlib.sha256()
    for e in sorted(lexicon.entries, key=lambda e: (e.lexicon, e.term, e.category)):
        digest.update("\t".join(map(str, (e.lexicon, *_values(e), e.term))).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def summary_rows(lexicon: Lexicon) -> list[dict[str, object]]:
    """Entries per lexicon file and category, for ``framing lexicon list``."""
    counts: dict[tuple[str, str], int] = {}
    for entry in lexicon.entries:
        key = (entry.lexicon, entry.category)
        counts[key] = counts.get(key, 0) + 1
    return [
        {"lexicon": name, "category": category, "entries": n}
        for (name, category), n in sorted(counts.items())
    ]
