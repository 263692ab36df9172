"""Align the sentences of two coverages that report the same fact.

Two sentences are aligned when the content words they share (lowercase words that are
not English stop words, possessive "'s" dropped) reach a weighted Dice similarity of at
least :data:`ALIGN_THRESHOLD`: ``2 * w(shared) / (w(words of A) + w(words of B))``, where
a number weighs :data:`NUMBER_WEIGHT` and a name (a capitalised word inside the
sentence) :data:`NAME_WEIGHT`, because figures and names anchor a fact however it is
worded. Two sentences that give the same figures ("27 to 19") report the same fact. The
headlines pair with each other, and so do the first sentences of the body (the ledes)
when they share anything. Other pairs are taken greedily, most similar first, each
sentence in at most one pair. The differing content words of a pair are what a reader
compares: "bulldozed" beside "approved"; reporting words ("said", "statement", "year")
are never marked.

>>> a = ["The regime flatly refused to publish the report."]
>>> b = ["The government declined to publish the report.", "It rained."]
>>> [(row["a"], row["b"], round(row["similarity"], 2)) for row in align(a, b)]
[(0, 0, 0.44), (None, 1, 0.0)]
>>> [(r["a"], r["b"]) for r in align(["The bill passed 27 to 19."], ["They forced it through 27 to 19."])]
[(0, 0)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

#: Dice similarity of content words from which two sentences count as the same fact.
#: Chosen by reading the river-dam pair in examples/: there, the sentences that report
#: one fact score 0.31 or more and the best match of an unrelated sentence 0.27 or less.
#: A display threshold, not a learned one: a miss leaves a sentence "only in A".
ALIGN_THRESHOLD = 0.3
NUMBER_WEIGHT = 3.0
NAME_WEIGHT = 2.0
#: Words every report uses; a difference in them says nothing about framing.
REPORTING_WORDS = frozenset("""said says say saying told tells according statement statements
    added year years week weeks month months day days today yesterday tonight night monday
    tuesday wednesday thursday friday saturday sunday percent people new just""".split())

_WORD = re.compile(r"[^\W_]+(?:['’\-.,][^\W_]+)*")


def content_words(sentence: str) -> set[str]:
    """The sentence's lowercase content words, possessive "'s" removed."""
    words = (re.sub(r"['’]s$", "", w.lower()) for w in _WORD.findall(sentence))
    return {w for w in words if w not in ENGLISH_STOP_WORDS}


def weighted_words(sentence: str) -> dict[str, float]:
    """Content words with their weight: numbers and names weigh more than other words."""
    weights: dict[str, float] = {}
    for n, word in enumerate(_WORD.findall(sentence)):
        norm = re.sub(r"['’]s$", "", word.lower())
        if norm in ENGLISH_STOP_WORDS:
            continue
        weight = (NUMBER_WEIGHT if any(c.isdigit() for c in word) else
                  NAME_WEIGHT if n and word[:1].isupper() and not word.isupper() else 1.0)
        weights[norm] = max(weights.get(norm, 0.0), weight)
    return weights


def numbers(words: dict[str, float]) -> set[str]:
    return {w for w in words if any(c.isdigit() for c in w)}


def similarity(a: dict[str, float] | set[str], b: dict[str, float] | set[str]) -> float:
    """Weighted Dice coefficient of two word sets (0 when both are empty); a plain set
    weighs each word 1."""
    wa = a if isinstance(a, dict) else dict.fromkeys(a, 1.0)
    wb = b if isinstance(b, dict) else dict.fromkeys(b, 1.0)
    total = sum(wa.values()) + sum(wb.values())
    return 2 * sum(wa[w] for w in wa.keys() & wb.keys()) / total if total else 0.0


def _same_figures(a: dict[str, float], b: dict[str, float]) -> bool:
    """Both give figures, and the figures of one are all in the other."""
    na, nb = numbers(a), numbers(b)
    return bool(na and nb) and (na <= nb or nb <= na)


def align(a: Sequence[str], b: Sequence[str], threshold: float = ALIGN_THRESHOLD,
          roles_a: Sequence[str] | None = None, roles_b: Sequence[str] | None = None
          ) -> list[dict[str, Any]]:
    """Rows in reading order: ``{"a": i|None, "b": j|None, "similarity": s}``.

    ``roles_a`` and ``roles_b`` are the sentences' roles (``headline``, ``body``...):
    with them, headline pairs with headline and lede with lede. Aligned pairs follow
    A's order; a sentence only in B comes right after the pair that precedes it in B, so
    both texts read top to bottom.
    """
    words_a, words_b = [weighted_words(s) for s in a], [weighted_words(s) for s in b]
    pair_of_a: dict[int, tuple[int, float]] = {}
    used_b: set[int] = set()
    for i, j in _structural_pairs(roles_a, roles_b):
        if i < len(a) and j < len(b) and similarity(words_a[i], words_b[j]) > 0:
            pair_of_a[i] = (j, similarity(words_a[i], words_b[j]))
            used_b.add(j)
    scored = sorted(((_score(x, y, threshold), i, j) for i, x in enumerate(words_a)
                     for j, y in enumerate(words_b)), key=lambda t: (-t[0], t[1], t[2]))
    for score, i, j in scored:
        if score < threshold:
            break
        if i not in pair_of_a and j not in used_b:
            pair_of_a[i] = (j, min(score, 1.0))
            used_b.add(j)
    rows: list[dict[str, Any]] = []
    next_b = 0
    for i in range(len(a)):
        if i in pair_of_a:
            j, score = pair_of_a[i]
            while next_b < j:  # B's own sentences that come before this pair
                if next_b not in used_b:
                    rows.append({"a": None, "b": next_b, "similarity": 0.0})
                next_b += 1
            rows.append({"a": i, "b": j, "similarity": score})
            next_b = max(next_b, j + 1)
        else:
            rows.append({"a": i, "b": None, "similarity": 0.0})
    rows.extend({"a": None, "b": j, "similarity": 0.0}
                for j in range(next_b, len(b)) if j not in used_b)
    return rows


def _score(a: dict[str, float], b: dict[str, float], threshold: float) -> float:
    """The pair's similarity, lifted over the threshold when both give the same figures."""
    score = similarity(a, b)
    return max(score, threshold + 0.5) if _same_figures(a, b) else score


def _structural_pairs(roles_a: Sequence[str] | None, roles_b: Sequence[str] | None
                      ) -> list[tuple[int, int]]:
    """(first headline of A, of B) and (first body sentence of A, of B), where both exist."""
    if roles_a is None or roles_b is None:
        return []
    pairs = []
    for role in ("headline", "body"):
        i = next((k for k, r in enumerate(roles_a) if r == role), None)
        j = next((k for k, r in enumerate(roles_b) if r == role), None)
        if i is not None and j is not None:
            pairs.append((i, j))
    return pairs


def differing_words(sentence: str, other: str) -> set[str]:
    """Content words of ``sentence`` that ``other`` does not use (reporting words never)."""
    return content_words(sentence) - content_words(other) - REPORTING_WORDS


def split_words(text: str) -> list[dict[str, Any]]:
    """``text`` cut into words (markable in the exercise) and the gaps between them."""
    parts, at = [], 0
    for match in _WORD.finditer(text):
        if at < match.start():
            parts.append({"text": text[at:match.start()], "word": False})
        parts.append({"text": match.group(), "word": True})
        at = match.end()
    if at < len(text):
        parts.append({"text": text[at:], "word": False})
    return parts


def aligned_view(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Rows of the two-column view: aligned pairs with their differing words marked,
    and the sentences only one text has."""
    sentences_a = [s for p in a["paragraphs"] for s in p]
    sentences_b = [s for p in b["paragraphs"] for s in p]
    rows = []
    for row in align([s["text"] for s in sentences_a], [s["text"] for s in sentences_b],
                     roles_a=[s.get("role") or "body" for s in sentences_a],
                     roles_b=[s.get("role") or "body" for s in sentences_b]):
        sa = sentences_a[row["a"]] if row["a"] is not None else None
        sb = sentences_b[row["b"]] if row["b"] is not None else None
        rows.append({
            "similarity": row["similarity"],
            "a": _marked_words(sa["text"], sb["text"] if sb else None) if sa else None,
            "b": _marked_words(sb["text"], sa["text"] if sa else None) if sb else None,
            "na": sa["sentence_no"] if sa else None, "nb": sb["sentence_no"] if sb else None,
        })
    return {"rows": rows, "threshold": ALIGN_THRESHOLD,
            "n_pairs": sum(r["a"] is not None and r["b"] is not None for r in rows)}


def _marked_words(sentence: str, other: str | None) -> list[dict[str, Any]]:
    """The sentence's words, those the other sentence lacks marked as differing."""
    differ = differing_words(sentence, other) if other is not None else set()
    return [{**part, "differs": part["word"] and content_words(part["text"]) <= differ
             and bool(content_words(part["text"]))} for part in split_words(sentence)]
