"""Actors: who and what a text is about, grouped from their many names.

Mentions come from two sources. The gazetteer (``lexicons/actors/gazetteer.tsv``) groups
aliases under one actor ("Washington", "the White House" and "the Biden administration"
are all the United States government). Capitalised name sequences that the gazetteer does
not know become actors of their own; a surname or "Mr. Steele" after a first full
mention ("Michael Steele") joins that person. A name introduced with a role ("French
President Emmanuel Macron", "Germany's new chancellor, Olaf Scholz") is remembered, so a
later "the French president" can be resolved to him.

>>> from framing.tokenize import tokenize
>>> layer = find_actors(tokenize("Moscow said no. Russian President Vladimir Putin left. Putin..."))
>>> [(m.text, m.actor) for m in layer.mentions]
[('Moscow', 'Russia'), ('Vladimir Putin', 'Vladimir Putin'), ('Putin', 'Vladimir Putin')]
>>> layer.affiliation["Vladimir Putin"]
'Russia'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from framing.errors import LexiconError
from framing.records import ActorMention, Sentence, Token
from framing.tokenize import Document

GAZETTEER_KINDS = frozenset({"country", "demonym", "institution", "party", "group", "region"})
# Lowercase words that may sit inside a name: "Journal du Dimanche", "Ursula von der Leyen".
NAME_LINKS = frozenset(
    {
        "de",
        "du",
        "da",
        "di",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "la",
        "le",
        "al",
        "bin",
        "ibn",
        "el",
    }
)
ARTICLES = frozenset({"the", "a", "an"})
# Lowercase tokens a name may go on through: its links, a body's "of", a plural's "'".
NAME_GOES_ON = NAME_LINKS | {"of", "'"}
# ... and a firm's "&": "Hollis & Vane".
NAME_GOES_ON_FIRM = NAME_GOES_ON | {"&"}
TITLE_PREFIXES = frozenset({"new", "former", "acting", "deputy", "top", "then"})
# What depends on a word alone is computed once per word type, in bounded memory.
WORD_CACHE = 1 << 15
# A body's name may go on with "of": "Ministry of Health of Pellaria", "Board of Ardenia".
BODY_HEADS = frozenset(
    """ministry department board bank commission council office authority agency institute
    university court federation association union league society""".split()
)
# Lowercase nouns that end a body's name: "the Green Dawn party", "the Corvel Islands
# electoral commission"; one of the adjectives may come first.
ORG_TAILS = frozenset(
    """party commission council committee union association federation movement alliance
    coalition foundation board authority""".split()
)
ORG_ADJECTIVES = frozenset(
    """electoral regional national local city county district parish town municipal
    opposition ruling governing central state federal provincial""".split()
)
# The last word of a name that makes it an organisation's, never a person's: "Greyline
# Records", "Harlow Motors".
ORG_WORDS = frozenset(
    """records motors foods partners capital holdings bank lines airways airlines rail
    railways energy media shipping insurance securities estates pharmaceuticals systems
    technologies labs laboratories industries corporation corp inc ltd plc llc company
    university college institute council police ministry department agency authority
    commission federation association union league club trust foundation party committee
    board court hospital group""".split()
)
# Tails after which the bare name, once the full one is written, is the same body: "Green
# Dawn" after "the Green Dawn party".
SAME_BODY_TAILS = frozenset(["party", "movement"])
# "the country's Interior Ministry": the body of the country the text just named.
COUNTRY_POSSESSIVES = frozenset(["country's", "country’s", "nation's", "nation’s"])
# Words after a plural's apostrophe that go on with a body's name: "Farmers' Union".
POSSESSIVE_BODY_HEADS = BODY_HEADS | frozenset(["club", "guild", "alliance", "committee"])


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    alias: tuple[str, ...]
    actor: str
    kind: str
    affiliation: str | None


@dataclass
class Gazetteer:
    """Aliases indexed by their first word, longest first."""

    by_first: dict[str, list[GazetteerEntry]] = field(default_factory=dict)

    def add(self, entry: GazetteerEntry) -> None:
        bucket = self.by_first.setdefault(entry.alias[0], [])
        bucket.append(entry)
        bucket.sort(key=lambda e: -len(e.alias))

    def match(self, tokens: Sequence[Token], norms: Sequence[str], i: int) -> GazetteerEntry | None:
        """The longest alias starting at ``tokens[i]``; a final possessive is ignored.

        The first word must be written as a name: capitalised, and in capitals or with
        dots when it is as short as "US" or "WHO" (so "us" and "who" stay pronouns).
        """
        bucket = self.by_first.get(_bare(norms[i]))
        if bucket is None or not _written_as_name(tokens[i].text):
            return None
        for entry in bucket:
            n = len(entry.alias)
            if tuple(_bare(w) for w in norms[i : i + n]) == entry.alias:
                return entry
        return None


@dataclass(frozen=True)
class Vocabulary:
    """The word lists actor detection relies on."""

    gazetteer: Gazetteer
    titles: frozenset[tuple[str, ...]]
    not_names: frozenset[str]
    #: full name (lowercase words) → the side its office holder speaks for
    office_holders: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: surname → side, for surnames only one office holder has
    office_surnames: dict[str, str] = field(default_factory=dict)
    longest_title: int = field(init=False)
    #: the words a title can start with, for a quick first test
    title_starts: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "longest_title", max((len(t) for t in self.titles), default=1))
        object.__setattr__(self, "title_starts", frozenset(t[0] for t in self.titles if t))


@dataclass
class ActorLayer:
    """Every actor mention of a document, with what is known about each actor."""

    mentions: list[ActorMention]
    kinds: dict[str, str]
    affiliation: dict[str, str]
    roles: dict[tuple[str, str], str]
    #: role noun → the last person introduced with it ("club owner Victor Hale")
    role_nouns: dict[str, str] = field(default_factory=dict)
    #: pronouns, genders and principals, from :func:`framing.voices.coreference.references`
    references: Any = None

    def side(self, actor: str) -> str:
        """The country or body an actor speaks for, or the actor itself when unknown."""
        return self.affiliation.get(actor) or actor


@lru_cache(maxsize=WORD_CACHE)
def _written_as_name(text: str) -> bool:
    if not text[:1].isupper():
        return False
    letters = _bare(text.lower().replace("’", "'")).replace(".", "")
    return len(letters) > 3 or text.isupper() or "." in text


@lru_cache(maxsize=WORD_CACHE)
def _bare(norm: str) -> str:
    if norm.endswith(("'s", "’s")):
        return norm[:-2]
    return norm[:-1] if norm.endswith("'") else norm


def parse_gazetteer(text: str, source: str) -> Gazetteer:
    lines = text.splitlines()
    if not lines or lines[0].split("\t")[:4] != ["alias", "actor", "kind", "affiliation"]:
        raise LexiconError(
            source, 1, 1, "the header must start with alias, actor, kind, affiliation"
        )
    gazetteer = Gazetteer()
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t") + ["", ""]
        alias, actor, kind, affiliation = (c.strip() for c in cells[:4])
        if not alias or not actor:
            raise LexiconError(source, number, 1, "alias and actor must not be empty")
        if kind not in GAZETTEER_KINDS:
            raise LexiconError(source, number, 3, f"unknown kind {kind!r}")
        words = tuple(alias.lower().replace("’", "'").split())
        gazetteer.add(GazetteerEntry(words, actor, kind, affiliation or None))
    return gazetteer


def parse_office_holders(text: str, source: str) -> dict[tuple[str, ...], str]:
    """Full name → side from ``office_holders.tsv`` (name, side, office, from, to)."""
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not rows or rows[0].split("\t")[:5] != ["name", "side", "office", "from", "to"]:
        raise LexiconError(source, 1, 1, "the header must be name, side, office, from, to")
    holders = {}
    for number, line in enumerate(rows[1:], start=2):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise LexiconError(source, number, 1, "name and side must not be empty")
        holders[tuple(cells[0].lower().split())] = cells[1]
    return holders


def _unique_surnames(holders: dict[tuple[str, ...], str]) -> dict[str, str]:
    sides: dict[str, set[str]] = {}
    for name, side in holders.items():
        sides.setdefault(name[-1], set()).add(side)
    return {surname: next(iter(s)) for surname, s in sides.items() if len(s) == 1}


def _word_list(text: str) -> list[str]:
    return [word for line in text.splitlines() for word in line.split("#", 1)[0].split()]


@lru_cache(maxsize=1)
def builtin_vocabulary() -> Vocabulary:
    folder = resources.files("framing.lexicons").joinpath("actors")
    read = lambda name: folder.joinpath(name).read_text(encoding="utf-8")  # noqa: E731
    titles = [line.split("#", 1)[0].strip() for line in read("titles.txt").splitlines()]
    holders = parse_office_holders(read("office_holders.tsv"), "office_holders.tsv")
    return Vocabulary(
        gazetteer=parse_gazetteer(read("gazetteer.tsv"), "gazetteer.tsv"),
        titles=frozenset(tuple(t.split()) for t in titles if t),
        not_names=frozenset(_word_list(read("not_names.txt"))),
        office_holders=holders,
        office_surnames=_unique_surnames(holders),
    )


def find_actors(doc: Document, vocabulary: Vocabulary | None = None) -> ActorLayer:
    """Every actor mention in the document, in text order."""
    vocabulary = vocabulary or builtin_vocabulary()
    capitals = [_capitals(sentence) for sentence in doc.sentences]
    finder = _Finder(doc, vocabulary, _names_inside_sentences(doc, capitals))
    for sentence, (first, upper) in zip(doc.sentences, capitals, strict=True):
        finder.scan(sentence, first, upper)
    return finder.layer()


def _capitals(sentence: Sentence) -> tuple[int, list[int]]:
    """(index of the first word, indices of tokens written with a capital), once per sentence."""
    tokens = sentence.tokens
    first = next((j for j, t in enumerate(tokens) if t.text[0].isalnum()), len(tokens))
    return first, [i for i, t in enumerate(tokens) if t.text[0].isupper()]


def _capitalised(token: Token) -> bool:
    """Written as a name part: "Hale", "Jean-Luc"; not "Grandmother-of-three"."""
    return _capitalised_word(token.text)


@lru_cache(maxsize=WORD_CACHE)
def _capitalised_word(text: str) -> bool:
    if not text[:1].isupper() or not any(c.isalpha() for c in text):
        return False
    return "-" not in text or all(
        p[:1].isupper() or not p[:1].isalpha() for p in text.split("-")[1:]
    )


def _shouted(token: Token) -> bool:
    """A capitalised common word for emphasis ("GREEDY TYCOON Victor Hale"), not a name."""
    return len(token.text) >= 4 and token.text.isalpha() and token.text.isupper()


def looks_like_headline(sentence: Sentence) -> bool:
    if sentence.text.rstrip().endswith((".", "?", "!")):
        return False
    words = 0
    for token in sentence.tokens:  # most lines: a long lowercase word comes early
        initial = token.text[0]
        if initial.isalpha():
            if initial.islower() and len(token.text) > 3:
                return False
            words += 1
    return words >= 4


def _names_inside_sentences(
    doc: Document, capitals: Sequence[tuple[int, list[int]]]
) -> frozenset[str]:
    """Capitalised words seen somewhere other than a sentence's first word: likely names."""
    return frozenset(
        _bare(sentence.tokens[i].norm)
        for sentence, (first, upper) in zip(doc.sentences, capitals, strict=True)
        for i in upper
        if i > first
    )


class _Finder:
    def __init__(self, doc: Document, vocabulary: Vocabulary, known_names: frozenset[str]) -> None:
        self.doc = doc
        self.vocab = vocabulary
        self.known_names = known_names
        self.mentions: list[ActorMention] = []
        self.kinds: dict[str, str] = {}
        self.affiliation: dict[str, str] = {}
        self.roles: dict[tuple[str, str], str] = {}
        self.role_nouns: dict[str, str] = {}
        self.surnames: dict[str, str] = {}
        self.first_word = 0  # the index of the scanned sentence's first word
        self.first_words: dict[str, str] = {}

    def layer(self) -> ActorLayer:
        self._office_holder_surnames()
        self._same_bodies()
        return ActorLayer(self.mentions, self.kinds, self.affiliation, self.roles, self.role_nouns)

    def _same_bodies(self) -> None:
        """"Green Dawn" and "the Green Dawn party" are one actor, under the fuller name."""
        fuller: dict[str, tuple[str, int]] = {}  # short name → (full name, first written at)
        for mention in self.mentions:
            words = mention.actor.split()
            if len(words) >= 2 and words[-1] in SAME_BODY_TAILS:
                fuller.setdefault(" ".join(words[:-1]), (mention.actor, mention.start))
        for short, full in _body_nouns_named(self.kinds).items():
            fuller.setdefault(short, (full, -1))  # "Council" is "Pelham Bay Council", everywhere
        if not fuller.keys() & self.kinds.keys():
            return
        self.mentions = [
            replace(m, actor=fuller[m.actor][0])
            if m.actor in fuller and m.start > fuller[m.actor][1]
            else m
            for m in self.mentions
        ]
        named = {m.actor for m in self.mentions}
        for short in fuller.keys() & self.kinds.keys() - named:
            self.kinds.pop(short)

    def _office_holder_surnames(self) -> None:
        """"Putin said": a known office holder's surname takes their side when the text
        mentions that side too (so another Mr Johnson in a sports story stays his own)."""
        present = {m.actor for m in self.mentions}
        for actor, kind in self.kinds.items():
            if kind not in ("name", "person") or actor in self.affiliation or " " in actor:
                continue
            side = self.vocab.office_surnames.get(actor.lower())
            if side in present:
                self.affiliation[actor] = side
                self.kinds[actor] = "person"

    def scan(self, sentence: Sentence, first_word: int, capitals: list[int]) -> None:
        """Every alias, title and name starts with a capital: only those positions are tried.
        The first word is found once, not by looking back from every capital (issue 30)."""
        if not capitals:
            return
        tokens = sentence.tokens
        norms = [t.norm for t in tokens]
        headline = looks_like_headline(sentence)
        self.first_word = first_word
        done = 0
        for i in capitals:
            if i >= done:
                done = self._step(tokens, norms, i, headline)

    def _step(self, tokens: Sequence[Token], norms: list[str], i: int, headline: bool) -> int:
        if not tokens[i].text[:1].isupper():
            return i + 1  # most words: no alias, title or name starts in lower case
        entry = self.vocab.gazetteer.match(tokens, norms, i)
        if entry is not None:
            end = i + len(entry.alias)
            if not headline and self._name_continues(tokens, norms, end):
                return self._name(tokens, norms, i, None, None)
            title_end = self._title_at(norms, end)
            if title_end is not None and self._name_starts(tokens, norms, title_end):
                return self._name(tokens, norms, title_end, entry, norms[end:title_end])
            self._add(tokens[i], tokens[end - 1], entry.actor, entry.kind, entry.affiliation)
            return end
        if headline or not _capitalised(tokens[i]) or _shouted(tokens[i]):
            return i + 1
        title_end = self._title_at(norms, i)
        if title_end is not None and self._name_starts(tokens, norms, title_end):
            return self._name(tokens, norms, title_end, None, norms[i:title_end])
        if _bare(norms[i]).split("'")[0] in self.vocab.not_names and not (
            i > 0 and norms[i - 1] == "the" and _org_run(tokens, norms, i)
        ):
            return i + 1  # "Central" alone is a word; "the Central Bank of ..." a name
        if (
            i <= self.first_word
            and not self._named_before(_bare(norms[i]))
            and not self._name_continues(tokens, norms, i + 1)
            and not (i + 1 < len(norms) and norms[i + 1] == "&")
        ):
            return i + 1
        return self._name(tokens, norms, i, None, None)

    def _named_before(self, word: str) -> bool:
        """A sentence's first word is a name when written as one elsewhere, or when it
        opens or ends a full name met before ("Corvid" after "Corvid Racing"), or when the
        text writes its people's adjective ("Valdoria" after "the Valdorian government")."""
        return (word in self.known_names or word in self.first_words or word in self.surnames
                or len(word) > 3 and word.endswith("a") and word + "n" in self.known_names)

    def _title_at(self, norms: list[str], i: int) -> int | None:
        """The end of a title at ``i`` ("president", "new chancellor ,"), if there is one."""
        j = i
        while j < len(norms) and norms[j] in TITLE_PREFIXES:
            j += 1
        if j >= len(norms) or norms[j] not in self.vocab.title_starts:
            return None
        for n in range(self.vocab.longest_title, 0, -1):
            if tuple(norms[j : j + n]) in self.vocab.titles:
                end = j + n
                return end + 1 if end < len(norms) and norms[end] == "," else end
        return None

    def _name_starts(self, tokens: Sequence[Token], norms: list[str], i: int) -> bool:
        return (
            i < len(tokens)
            and _capitalised(tokens[i])
            and _bare(norms[i]) not in self.vocab.not_names
            and self.vocab.gazetteer.match(tokens, norms, i) is None
        )

    def _name_starts_after_title(self, tokens: Sequence[Token], norms: list[str], i: int) -> bool:
        end = self._title_at(norms, i)
        return end is not None and self._name_starts(tokens, norms, end)

    def _name_continues(self, tokens: Sequence[Token], norms: list[str], i: int) -> bool:
        """Whether a capitalised word follows that is neither a title nor a known alias."""
        return (
            i < len(tokens)
            and _capitalised(tokens[i])
            and _bare(norms[i]) not in self.vocab.not_names
            and self._title_at(norms, i) is None
            and self.vocab.gazetteer.match(tokens, norms, i) is None
            and not norms[i - 1].endswith("'s")
        )

    def _name(
        self,
        tokens: Sequence[Token],
        norms: list[str],
        i: int,
        role_of: GazetteerEntry | None,
        title: Sequence[str] | None,
    ) -> int:
        end = self._name_end(tokens, norms, i)
        if end == i + 1 and _joined_names(tokens[i]) and _bare(norms[i]) not in self.surnames:
            # "the Macron-Putin meeting" names two actors, neither alone; "Ferrand-Okafor"
            # after "Lucille Ferrand-Okafor" is her surname
            return end
        words = [_bare(n) for n in norms[i:end]]
        name_end = end
        if not title and not _possessive(norms[end - 1]):
            # "the Green Dawn party", "the Dunmore harbour board": the tail is the name's
            end = _org_tail(tokens, norms, end, i > 0 and norms[i - 1] == "the")
        actor = self._group(
            _without_possessive(self.doc.text[tokens[i].start : tokens[end - 1].end]), words
        )
        owner = self._owner(tokens, norms, i) if words[-1] in BODY_HEADS else None
        if owner is not None:
            actor = f"{owner}'s {actor}"  # "Talvenia's Foreign Ministry": the country's own
        elif i > 0 and norms[i - 1] in COUNTRY_POSSESSIVES and words[-1] in BODY_HEADS:
            place = next((m.actor for m in reversed(self.mentions) if m.kind != "person"), None)
            if place is not None:  # "in Pelmark, the country's Interior Ministry said"
                self.affiliation.setdefault(actor, place)
        if end != name_end:
            words = [_bare(n) for n in norms[i:end]]
        side = self.vocab.office_holders.get(tuple(words))
        role = _title_head(title) if title else self._role_noun_before(norms, i)
        known = title or side or role or self.kinds.get(actor) == "person"
        kind = "person" if known else "institution" if words[-1] in ORG_WORDS else "name"
        if kind == "name" and self.kinds.get(actor) == "institution":
            kind = "institution"  # "Velcor" after "Velcor Energy": still the firm
        self.kinds[actor] = kind
        if side:
            self.affiliation.setdefault(actor, side)
        if role and len(words) >= 2:
            self.role_nouns[role] = actor
        if role_of is not None:
            self.affiliation.setdefault(actor, role_of.actor)
            if title:
                self.roles[(role_of.actor, _title_head(title))] = actor
        self._add(tokens[i], tokens[end - 1], actor, kind, None)
        return end

    def _owner(self, tokens: Sequence[Token], norms: list[str], i: int) -> str | None:
        """The name owning a body named at ``i``: "Talvenia's" right before it."""
        if i == 0 or not _possessive(norms[i - 1]) or not _capitalised(tokens[i - 1]):
            return None
        last = self.mentions[-1] if self.mentions else None
        if last is None or last.end != tokens[i - 1].end - 2:
            return _without_possessive(tokens[i - 1].text)  # a first word, not taken as a name
        return last.actor if self.kinds.get(last.actor) != "person" else None

    def _role_noun_before(self, norms: list[str], i: int) -> str | None:
        """"lifelong fan Gary Moss": a lowercase role noun right before the name."""
        if i > 0 and (norms[i - 1],) in self.vocab.titles and norms[i - 1].isalpha():
            return norms[i - 1]
        return None

    def _name_end(self, tokens: Sequence[Token], norms: list[str], i: int) -> int:
        end = i + 1
        while end < len(tokens) and not _possessive(norms[end - 1]):
            if not tokens[end].text[0].isupper() and norms[end] not in NAME_GOES_ON_FIRM:
                break  # most names: the next word is written in lower case
            if self.vocab.gazetteer.match(tokens, norms, end) is not None:
                break
            if self._title_at(norms, end) is not None and self._name_starts_after_title(
                tokens, norms, end
            ):
                break  # "Valdorian Energy Minister Ilse Varga": the person starts at the title
            if _capitalised(tokens[end]) and (
                _bare(norms[end]) not in self.vocab.not_names or _org_run(tokens, norms, end)
            ):
                end += 1  # "Harbour Watch Council": a common word inside a body's name
            elif norms[end] == "&" and end + 1 < len(tokens) and _capitalised(tokens[end + 1]):
                end += 2  # "Hollis & Vane": one firm's name
            elif _plural_possessive(tokens, norms, end):
                end += 2  # "the Nordmark Farmers' Union": the apostrophe is inside the name
            elif (
                (norms[end] in NAME_LINKS or norms[end] == "of" and _names_a_body(norms[i:end]))
                and end + 1 < len(tokens)
                and _capitalised(tokens[end + 1])
            ):
                end += 2
            else:
                break
        return end

    def _group(self, name: str, words: list[str]) -> str:
        """The actor a name belongs to: an earlier full name with this surname, or itself."""
        if len(words) == 1 and words[0] in self.surnames:
            return self.surnames[words[0]]
        if len(words) == 1 and words[0] in self.first_words:
            return self.first_words[words[0]]  # "Pinemark" after "Pinemark Retail"
        if len(words) >= 2:
            self.surnames.setdefault(words[-1], name)
            self.first_words.setdefault(words[0], name)
        return name

    def _add(
        self, first: Token, last: Token, actor: str, kind: str, affiliation: str | None
    ) -> None:
        end = last.end - 2 if _possessive(last.norm) else last.end
        self.kinds.setdefault(actor, kind)
        if affiliation:
            self.affiliation.setdefault(actor, affiliation)
        self.mentions.append(
            ActorMention(first.start, end, self.doc.text[first.start : end], actor, kind)
        )


def _body_nouns_named(kinds: dict[str, str]) -> dict[str, str]:
    """A body's noun written alone ("Council", "Police") → the one full name of the text
    that ends with it ("Pelham Bay Council"); none when two bodies share the noun."""
    full: dict[str, list[str]] = {}
    for actor in kinds:
        words = actor.split()
        if len(words) >= 2 and words[-1].lower() in BODY_HEADS | {"police", "party", "club"}:
            full.setdefault(words[-1], []).append(actor)
    return {noun: names[0] for noun, names in full.items() if noun in kinds and len(names) == 1}


def _org_tail(tokens: Sequence[Token], norms: list[str], end: int, definite: bool) -> int:
    """The end of a name with its lowercase body noun: "Green Dawn party"; after "the",
    with any one word before it: "the Dunmore harbour board"."""
    if end < len(tokens) and norms[end] in ORG_TAILS and tokens[end].text.islower():
        return end + 1
    if (
        end + 1 < len(tokens)
        and (norms[end] in ORG_ADJECTIVES or definite and norms[end].isalpha())
        and norms[end + 1] in ORG_TAILS
        and tokens[end].text.islower()
        and tokens[end + 1].text.islower()
    ):
        return end + 2
    return end


def _org_run(tokens: Sequence[Token], norms: list[str], i: int) -> bool:
    """Capitalised words from ``i`` that end, within four, in an organisation's word:
    "Central Bank", "Watch Council"."""
    for k in range(i + 1, min(i + 4, len(tokens))):
        if not _capitalised(tokens[k]):
            return False
        if _bare(norms[k]) in ORG_WORDS:
            return True
    return False


def _plural_possessive(tokens: Sequence[Token], norms: list[str], i: int) -> bool:
    """"Farmers' Union": a lone apostrophe right after a plural, then a capitalised word."""
    return (
        norms[i] == "'"
        and norms[i - 1].endswith("s")
        and tokens[i].start == tokens[i - 1].end
        and i + 1 < len(tokens)
        and _capitalised(tokens[i + 1])
        and norms[i + 1] in POSSESSIVE_BODY_HEADS
    )


def _names_a_body(norms: Sequence[str]) -> bool:
    return any(_bare(n) in BODY_HEADS for n in norms)


def _possessive(norm: str) -> bool:
    return len(norm) > 2 and norm.endswith("'s")


def _joined_names(token: Token) -> bool:
    parts = token.text.split("-")
    return len(parts) > 1 and all(p[:1].isupper() for p in parts)


def _without_possessive(text: str) -> str:
    return text[:-2] if text.endswith(("'s", "’s")) else text


def _title_head(title: Sequence[str]) -> str:
    words = [w for w in title if w not in {",", "new", "former", "acting", "top", "then", "'s"}]
    return words[-1] if words else ""
