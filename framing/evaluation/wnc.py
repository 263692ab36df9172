"""An out-of-domain check on the Wiki Neutrality Corpus sample: ``framing evaluate words --wnc``.

Each pair is a Wikipedia sentence an editor flagged as biased (``pre``) and the same
sentence after the edit that neutralised it (``post``). The words the edit removed or
replaced are the biased ones. Three figures:

- recall: the share of removed words that a shown ``loaded`` flag covers in ``pre``, and
  pair recall: the share of pairs in which a removed or replaced word (alphabetic, three
  letters or more, in a ``delete`` or ``replace`` opcode over whitespace tokens) lies
  inside a ``loaded`` flag;
- loaded flags on the ``pre`` sentences against those on the ``post`` sentences;
- among flags on removed words, how often the flag's neutral alternative matches the
  editor's replacement (or suggests dropping the word where the editor deleted it).

It is a check, not a source: nothing from it goes into a lexicon or a model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from framing.analyzer import Analyzer
from framing.categories import LOADED
from framing.errors import InputError
from framing.records import Flag

_GLUE_LEFT = {",", ".", ";", ":", "!", "?", ")", "'s", "%"}
_GLUE_BOTH = {"-", "'"}


@dataclass
class WncScores:
    pairs: int = 0
    removed_words: int = 0
    removed_found: int = 0
    flags_pre: int = 0
    flags_post: int = 0
    with_alternative_checked: int = 0
    alternative_matches: int = 0
    pairs_with_removed: int = 0
    pairs_hit: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def pair_recall(self) -> float:
        return self.pairs_hit / self.pairs_with_removed if self.pairs_with_removed else 0.0

    @property
    def recall(self) -> float:
        return self.removed_found / self.removed_words if self.removed_words else 0.0

    @property
    def ratio(self) -> float:
        return self.flags_pre / self.flags_post if self.flags_post else float("inf")

    @property
    def alternative_rate(self) -> float:
        return self.alternative_matches / self.with_alternative_checked if self.with_alternative_checked else 0.0


def read_pairs(folder: str | Path) -> list[tuple[list[str], list[str]]]:
    """The aligned (pre, post) token lists of every ``pre.*``/``post.*`` file pair."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "is not a folder with pre.* and post.* files")
    pairs = []
    for pre in sorted(folder.glob("pre.*")):
        post = pre.with_name("post" + pre.name[3:])
        if not post.is_file():
            raise InputError(pre, f"has no matching {post.name}")
        before = pre.read_text(encoding="utf-8").splitlines()
        after = post.read_text(encoding="utf-8").splitlines()
        if len(before) != len(after):
            raise InputError(post, f"has {len(after)} lines but {pre.name} has {len(before)}")
        pairs.extend((a.split(), b.split()) for a, b in zip(before, after, strict=True))
    if not pairs:
        raise InputError(folder, "holds no pre.*/post.* file pair")
    return pairs


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Readable text from the corpus' spaced tokens, and each token's span in it.

    >>> detokenize(["the", "kgb", "'", "s", "award", "-", "winning", "film", "."])[0]
    "the kgb's award-winning film."
    """
    text, spans, glue_next = "", [], True
    for i, token in enumerate(tokens):
        glued = glue_next or token in _GLUE_LEFT or token in _GLUE_BOTH or (
            token == "s" and i and tokens[i - 1] == "'")
        if not glued:
            text += " "
        spans.append((len(text), len(text) + len(token)))
        text += token
        glue_next = token in _GLUE_BOTH or token == "("
    return text, spans


def evaluate_wnc(folder: str | Path, analyzer: Analyzer | None = None, limit: int | None = None) -> WncScores:
    """The three figures over the sample's pairs (the first ``limit`` pairs if given)."""
    analyzer = analyzer or Analyzer(model=None)
    scores = WncScores()
    for pre, post in read_pairs(folder)[:limit]:
        scores.pairs += 1
        pre_text, pre_spans = detokenize(pre)
        post_text, _ = detokenize(post)
        pre_flags = _loaded(analyzer, pre_text)
        scores.flags_pre += len(pre_flags)
        scores.flags_post += len(_loaded(analyzer, post_text))
        _score_edits(scores, pre, post, pre_spans, pre_flags)
    return scores


def _loaded(analyzer: Analyzer, text: str) -> list[Flag]:
    return [f for f in analyzer.analyze(text).flags if f.layer == LOADED]


def _score_edits(scores: WncScores, pre: list[str], post: list[str],
                 spans: list[tuple[int, int]], flags: list[Flag]) -> None:
    removed_any = hit_any = False
    for op, i1, i2, j1, j2 in SequenceMatcher(a=pre, b=post, autojunk=False).get_opcodes():
        if op not in ("replace", "delete"):
            continue
        replacement = " ".join(post[j1:j2])
        for i in range(i1, i2):
            if pre[i].isalpha() and len(pre[i]) >= 3:
                removed_any = True
                start, end = spans[i]
                hit_any = hit_any or any(f.start < end and start < f.end for f in flags)
            if not pre[i][:1].isalnum():
                continue
            scores.removed_words += 1
            start, end = spans[i]
            hit = next((f for f in flags if f.start < end and start < f.end), None)
            if hit is None:
                continue
            scores.removed_found += 1
            scores.with_alternative_checked += 1
            scores.alternative_matches += _alternative_matches(hit.alternative, op, replacement)
    scores.pairs_with_removed += removed_any
    scores.pairs_hit += hit_any


def _alternative_matches(alternative: str, op: str, replacement: str) -> bool:
    """The flag's advice agrees with the edit: it names the editor's replacement, or it
    suggests dropping the word (no alternative, or "drop ...") where the editor deleted it."""
    options = [o.strip().lower() for o in alternative.split("/") if o.strip()]
    if op == "delete":
        return not options or any(o.startswith(("drop", "[drop", "delete", "omit")) for o in options)
    replacement = replacement.lower()
    return any(replacement == o or f" {replacement} " in f" {o} " for o in options)
