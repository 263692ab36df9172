"""Candidate lexicon words from annotated sentences, for a curator to accept and write up.

``framing lexicon suggest CORPUS`` and the shipped suggestion model's ``suggestable``
words both come from :func:`word_evidence`. A word is a candidate when no lexicon names
it, it is not a function word or a topic noun (``lexicons/topic_nouns.txt``), and the
share of its occurrences that annotators marked holds across topics: it is marked in at
least ``min_topics`` topics, and with any one topic held out the marked rate of the rest
stays at ``min_rate`` or above. A word marked in one topic only ("flood" in stories
about weather) is that topic's habit, not loaded wording.

>>> rows = word_evidence(
...     ["A zorpish plan.", "The zorpish vote.", "A zorpish move.", "A plan."],
...     [{"zorpish"}, {"zorpish"}, {"zorpish"}, set()], ["a", "b", "c", "a"],
...     min_topics=3, min_count=3)
>>> [(c.word, c.marked, c.occurrences, c.stable) for c in rows]
[('zorpish', 3, 3, True)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

from pathlib import Path

from framing.errors import InputError
from framing.evaluation.data import parse_word_list, read_table
from framing.lexicon import Lexicon, load_lexicon
from framing.slant.words import WORD_RE

#: Marked in at least this many topics.
MIN_TOPICS = 3
#: With any one topic held out, this share of the word's other occurrences is marked.
MIN_RATE = 0.25
#: Occurrences a word needs before its rate means anything.
MIN_COUNT = 5
EXAMPLES = 3


@dataclass
class Candidate:
    """One word's evidence: occurrences and marks per topic, and example ids."""

    word: str
    occurrences: int = 0
    marked: int = 0
    by_topic: dict[str, list[int]] = field(default_factory=dict)  # topic -> [marked, seen]
    examples: list[str] = field(default_factory=list)
    stable: bool = False
    held_out_rate: float = 0.0

    @property
    def rate(self) -> float:
        return self.marked / self.occurrences if self.occurrences else 0.0

    @property
    def marked_topics(self) -> int:
        return sum(1 for marked, _ in self.by_topic.values() if marked)


def word_evidence(sentences: Sequence[str], golds: Sequence[set[str]], topics: Sequence[str],
                  ids: Sequence[str] | None = None, *, lexicon: Lexicon | None = None,
                  min_topics: int = MIN_TOPICS, min_rate: float = MIN_RATE,
                  min_count: int = MIN_COUNT) -> list[Candidate]:
    """Words that annotators marked and no lexicon names, most marked first.

    ``golds`` are the marked words of each sentence (lowercase); ``ids`` name the
    sentences in the examples (their position when not given).
    """
    lexicon = lexicon or load_lexicon()
    skip = function_words() | topic_nouns()
    found: dict[str, Candidate] = {}
    named: dict[str, int] = defaultdict(int)
    for i, (sentence, gold, topic) in enumerate(zip(sentences, golds, topics, strict=True)):
        words = _words(sentence)
        for word, capitalised in words.items():
            if word in skip or len(word) < 3 or not word.isalpha():
                continue
            named[word] += capitalised
            candidate = found.setdefault(word, Candidate(word))
            counts = candidate.by_topic.setdefault(str(topic), [0, 0])
            counts[1] += 1
            candidate.occurrences += 1
            if word in gold:
                counts[0] += 1
                candidate.marked += 1
                if len(candidate.examples) < EXAMPLES:
                    candidate.examples.append(str(ids[i]) if ids is not None else str(i))
    # A word mostly written with a capital inside sentences is a name ("Wuhan"), not wording.
    rows = [c for c in found.values() if c.marked and c.occurrences >= min_count
            and named[c.word] * 2 < c.occurrences and not lexicon.lookup(c.word)]
    for candidate in rows:
        candidate.held_out_rate = _held_out_rate(candidate)
        candidate.stable = (candidate.marked_topics >= min_topics
                            and candidate.held_out_rate >= min_rate)
    return sorted(rows, key=lambda c: (-c.stable, -c.marked, c.word))


def _words(sentence: str) -> dict[str, bool]:
    """Each word of a sentence, lowercase, and whether it is capitalised past the first word."""
    words: dict[str, bool] = {}
    for n, match in enumerate(WORD_RE.finditer(sentence)):
        word = match.group()
        words[word.lower()] = words.get(word.lower(), False) or (n > 0 and word[:1].isupper())
    return words


def _held_out_rate(candidate: Candidate) -> float:
    """The lowest marked rate of the word's other occurrences, one topic held out at a time."""
    rates = []
    for marked, seen in candidate.by_topic.values():
        rest = candidate.occurrences - seen
        rates.append((candidate.marked - marked) / rest if rest else 0.0)
    return round(min(rates), 3) if rates else 0.0


def stable_words(sentences: Sequence[str], golds: Sequence[set[str]], topics: Sequence[str],
                 **options: object) -> list[str]:
    """The words a suggestion model may suggest: the stable candidates, sorted."""
    return sorted(c.word for c in word_evidence(sentences, golds, topics, **options) if c.stable)


def topic_nouns() -> frozenset[str]:
    """Nouns that name what a story is about; never suggested, whatever the marks say."""
    return _word_file("topic_nouns.txt")


def function_words() -> frozenset[str]:
    """Articles, pronouns, auxiliaries and other words that carry no evaluation."""
    return _word_file("function_words.txt")


def _word_file(name: str) -> frozenset[str]:
    text = resources.files("framing.lexicons").joinpath(name).read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def read_corpus(path: str | Path, *, text_col: str = "text", words_col: str = "biased_words",
                topic_col: str = "topic", id_col: str | None = None
                ) -> tuple[list[str], list[set[str]], list[str], list[str]]:
    """Sentences, marked words, topics and ids from a CSV such as BABE's; rows are
    numbered as in a spreadsheet (the header is row 1) when there is no id column."""
    table = read_table(Path(path), None, None)
    wanted = [text_col, words_col, topic_col] + ([id_col] if id_col else [])
    for column in wanted:
        if column not in table.columns:
            raise InputError(path, f"has no column {column!r}; its columns are: "
                             f"{', '.join(map(str, table.columns))}")
    table = table.assign(_row=[f"row {n}" for n in range(2, len(table) + 2)])
    table = table[table[text_col].notna()]
    golds = []
    for row, value in zip(table["_row"], table[words_col], strict=True):
        try:
            golds.append(parse_word_list(value))
        except ValueError as err:
            raise InputError(path, f"{row}, column {words_col!r}: {err}") from None
    ids = table[id_col].astype(str) if id_col else table["_row"]
    return (table[text_col].astype(str).tolist(), golds,
            table[topic_col].fillna("").astype(str).tolist(), ids.tolist())
