"""Frames: which lens a text uses (policy frame dimensions) and which moral foundations it
appeals to, per sentence and per article.

The 15 frame dimensions are those of the Media Frames codebook (Boydstun et al.); the
moral foundations are care/harm, fairness/cheating, loyalty/betrayal,
authority/subversion and sanctity/degradation, each with a virtue and a vice side. Cues
are words and phrases from the project's own lexicons (``lexicons/frames/policy.tsv``
and ``moral.tsv``), matched leftmost-longest on token norms like every lexicon. A
sentence's frame distribution is its summed cue weight per frame, normalised; the
article's is the mean over the sentences that have cues, so one cue-dense sentence
cannot outweigh the rest.

>>> result = score("Troops and tanks massed at the border as NATO allies met.")
>>> result["frames"]["primary"]
'security_and_defense'
>>> [cue["text"] for cue in result["sentences"][0]["frame_cues"]][:3]
['Troops', 'tanks', 'border']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from framing.categories import FOUNDATIONS, FRAME_IDS, FRAMES, MORAL_IDS
from framing.errors import LexiconError
from framing.lexicon import Entry, Lexicon, decode_lexicon, parse_number, surface_forms
from framing.records import FrameCue, Sentence, SentenceResult
from framing.tokenize import Document, tokenize

LABELS = {
    **dict(FRAMES),
    **{f"{f}_virtue": virtue for f, virtue, _ in FOUNDATIONS},
    **{f"{f}_vice": vice for f, _, vice in FOUNDATIONS},
}
POLICY, MORAL = "policy", "moral"
_FILES = {POLICY: ("frames/policy.tsv", FRAME_IDS), MORAL: ("frames/moral.tsv", MORAL_IDS)}
#: How many frames after the primary one a profile names as "next".
NEXT_FRAMES = 3
TOP_CUES = 5
_ORDER = {frame: i for i, frame in enumerate(FRAME_IDS + MORAL_IDS)}


def frame_label(frame: str) -> str:
    """The readable name of a frame or moral-foundation id.

    >>> frame_label("external_regulation"), frame_label("loyalty_vice")
    ('external regulation and reputation', 'betrayal')
    """
    return LABELS.get(frame, frame.replace("_", " "))


class SentenceFrames(NamedTuple):
    """What the frame scorer finds in one sentence."""

    cues: tuple[FrameCue, ...]
    distribution: dict[str, float]
    moral: dict[str, int]


# --- cue lexicons ---------------------------------------------------------------------


@lru_cache(maxsize=2)
def builtin_cues(kind: str) -> tuple[Entry, ...]:
    """The shipped cue entries of one kind (``"policy"`` or ``"moral"``)."""
    name, categories = _FILES[kind]
    data = resources.files("framing.lexicons").joinpath(name).read_bytes()
    return tuple(parse_cue_lexicon(data, name, categories))


def read_cue_file(path: str | Path, kind: str) -> list[Entry]:
    """Parse a user's cue file of one kind; problems raise :class:`LexiconError`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise LexiconError(path, 0, None, f"cannot read the cue file ({err.strerror})") from None
    return parse_cue_lexicon(data, str(path), _FILES[kind][1])


# --- cue files ------------------------------------------------------------------------


CUE_COLUMNS = ("term", "category", "weight")


def parse_cue_lexicon(data: bytes, source: str, categories: Iterable[str]) -> list[Entry]:
    """Parse a cue file (frames, moral foundations): ``term category weight [forms]``.

    Comment lines may come before the header. A term may appear once per category, so
    one cue can serve several frames; ``category`` must be one of ``categories``.
    """
    known = set(categories)
    lines = decode_lexicon(data, source).splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")),
                 None)
    if first is None:
        raise LexiconError(source, 1, None, "the file is empty; it needs a header line")
    columns = [c.strip().lower() for c in lines[first].split("\t")]
    for position, expected in enumerate(CUE_COLUMNS, start=1):
        if expected not in columns:
            raise LexiconError(source, first + 1, position, f"missing column {expected!r}; the "
                               "header must be: " + "\\t".join((*CUE_COLUMNS, "forms")))
    entries: dict[tuple[str, str], Entry] = {}
    for number, line in enumerate(lines[first + 1:], start=first + 2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) > len(columns):
            raise LexiconError(source, number, len(columns) + 1,
                               f"{len(fields)} fields but the header has {len(columns)}")
        row = dict(zip(columns, fields, strict=False))
        term = " ".join(row.get("term", "").lower().split())
        if not term:
            raise LexiconError(source, number, columns.index("term") + 1, "empty term")
        category = row.get("category", "")
        if category not in known:
            raise LexiconError(source, number, columns.index("category") + 1,
                               f"unknown category {category!r}; use one of: "
                               + ", ".join(sorted(known)))
        at = columns.index("weight") + 1
        weight = parse_number(row.get("weight", ""), float,
                         LexiconError(source, number, at,
                                      f"weight {row.get('weight')!r} is not a number"))
        if not 0.0 < weight <= 1.0:
            raise LexiconError(source, number, at, f"weight {weight} is outside (0, 1]")
        if (term, category) in entries:
            raise LexiconError(source, number, 1, f"term {term!r} is already listed for "
                               f"{category!r} "
                               f"on line {entries[term, category].line}")
        entries[term, category] = Entry(
            term=term, category=category, weight=weight, polarity=0, rationale="", alternative="",
            lexicon=Path(source).name, line=number, forms=surface_forms(term, row.get("forms", "")),
        )
    return list(entries.values())


# --- scoring --------------------------------------------------------------------------


class FrameScorer:
    """Finds frame and moral-foundation cues in tokenized sentences.

    Parameters
    ----------
    policy, moral : iterable of Entry, optional
        Cue entries; the shipped lexicons by default.

    Examples
    --------
    >>> scorer = FrameScorer()
    >>> found = scorer(tokenize("The court ruled the tax unconstitutional."))[0]
    >>> max(found.distribution, key=found.distribution.get)
    'legality'
    """

    def __init__(self, policy: Iterable[Entry] | None = None,
                 moral: Iterable[Entry] | None = None) -> None:
        self.policy = Lexicon(builtin_cues(POLICY) if policy is None else policy)
        self.moral = Lexicon(builtin_cues(MORAL) if moral is None else moral)

    def __call__(self, doc: Document) -> list[SentenceFrames]:
        return [self.sentence(sentence, doc.text) for sentence in doc.sentences]

    def sentence(self, sentence: Sentence, text: str) -> SentenceFrames:
        """The cues, frame distribution and moral counts of one sentence."""
        tokens = sentence.tokens
        norms = [t.norm for t in tokens]
        cues: list[FrameCue] = []
        weights: dict[str, float] = defaultdict(float)
        moral: Counter[str] = Counter()
        for kind, lexicon in ((POLICY, self.policy), (MORAL, self.moral)):
            for match in lexicon.match(norms):
                start, end = tokens[match.start].start, tokens[match.end - 1].end
                if tokens[match.end - 1].norm.endswith("'s"):
                    end -= 2
                for entry in match.entries:
                    cues.append(FrameCue(start, end, text[start:end], entry.category,
                                         entry.term, entry.weight, kind))
                    if kind == POLICY:
                        weights[entry.category] += entry.weight
                    else:
                        moral[entry.category] += 1
        return SentenceFrames(tuple(cues), normalise(weights), _ordered_counts(moral))


def normalise(weights: dict[str, float]) -> dict[str, float]:
    """Weights as shares of their sum, rounded; an empty dict stays empty."""
    total = sum(weights.values())
    if not total:
        return {}
    ranked = sorted(weights.items(), key=lambda kv: (-kv[1], _ORDER.get(kv[0], 99)))
    return {frame: round(weight / total, 3) for frame, weight in ranked}


def _ordered_counts(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], _ORDER.get(kv[0], 99))))


def attach(results: Sequence[SentenceResult], found: Sequence[SentenceFrames]
           ) -> tuple[SentenceResult, ...]:
    """The sentence results with their frames, frame cues and moral counts filled in."""
    return tuple(
        replace(result, frames=frames.distribution, frame_cues=frames.cues, moral=frames.moral)
        for result, frames in zip(results, found, strict=True)
    )


def primary_frame(distribution: dict[str, float]) -> str | None:
    """The frame with the largest share (codebook order breaks ties); None without cues.

    >>> primary_frame({"political": 0.4, "economic": 0.4, "other": 0.2})
    'economic'
    """
    if not distribution:
        return None
    return min(distribution, key=lambda f: (-distribution[f], _ORDER.get(f, 99)))


# --- profiles -------------------------------------------------------------------------


def frame_profile(results: Sequence[SentenceResult]) -> dict[str, Any]:
    """The article's frame profile: the mean of its sentences' frame distributions.

    Returns a JSON-ready dict: ``primary`` (frame id or None), ``primary_label``,
    ``primary_share``, ``next`` (the following frames with their shares),
    ``distribution`` (frame -> share, largest first), ``n_framed_sentences``,
    ``n_sentences`` and ``top_cues`` (frame -> its most frequent cue terms).
    """
    framed = [r for r in results if r.frames]
    totals: dict[str, float] = defaultdict(float)
    for result in framed:
        for frame, share in result.frames.items():
            totals[frame] += share / len(framed)
    distribution = {f: round(v, 3) for f, v in
                    sorted(totals.items(), key=lambda kv: (-kv[1], _ORDER.get(kv[0], 99)))}
    primary = primary_frame(distribution)
    ranked = list(distribution)
    return {
        "primary": primary,
        "primary_label": frame_label(primary) if primary else None,
        "primary_share": distribution.get(primary, 0.0) if primary else 0.0,
        "next": [{"frame": f, "label": frame_label(f), "share": distribution[f]}
                 for f in ranked[1:1 + NEXT_FRAMES]],
        "distribution": distribution,
        "n_framed_sentences": len(framed),
        "n_sentences": len(results),
        "top_cues": _top_cues(results, POLICY, ranked),
    }


def moral_profile(results: Sequence[SentenceResult], n_words: int) -> dict[str, Any]:
    """The article's moral-foundation profile: cue counts per foundation side.

    Returns ``counts`` (e.g. ``care_vice`` -> 3, largest first), ``per_1000_words``,
    ``foundations`` (one row per foundation with its virtue and vice counts),
    ``primary`` (the most frequent side, or None) and ``top_cues``.
    """
    counts: Counter[str] = Counter()
    for result in results:
        counts.update(result.moral)
    ordered = _ordered_counts(counts)
    per_1000 = 1000.0 / n_words if n_words else 0.0
    return {
        "counts": ordered,
        "per_1000_words": {k: round(v * per_1000, 2) for k, v in ordered.items()},
        "foundations": [
            {"foundation": f, "virtue_label": virtue, "vice_label": vice,
             "virtue": counts.get(f"{f}_virtue", 0), "vice": counts.get(f"{f}_vice", 0)}
            for f, virtue, vice in FOUNDATIONS
        ],
        "primary": next(iter(ordered), None),
        "top_cues": _top_cues(results, MORAL, list(ordered)),
    }


def _top_cues(results: Sequence[SentenceResult], kind: str, frames: list[str]
              ) -> dict[str, list[str]]:
    terms: dict[str, Counter[str]] = defaultdict(Counter)
    for result in results:
        for cue in result.frame_cues:
            if cue.kind == kind:
                terms[cue.frame][cue.text.lower()] += 1
    return {f: [t for t, _ in terms[f].most_common(TOP_CUES)] for f in frames if f in terms}


def summary_line(summary: dict[str, Any]) -> str:
    """One line naming the primary frames and moral foundations of an article summary.

    >>> summary_line({"frames": {"distribution": {"economic": 0.5, "political": 0.25}},
    ...               "moral": {"counts": {"care_vice": 3}}})
    'frames: economic 50%, political 25% | moral: harm 3'
    """
    frames = summary.get("frames") or {}
    moral = summary.get("moral") or {}
    shown = list(frames.get("distribution", {}).items())[:1 + NEXT_FRAMES]
    left = ", ".join(f"{frame_label(f)} {share:.0%}" for f, share in shown) or "no frame cues"
    sides = list(moral.get("counts", {}).items())[:3]
    right = ", ".join(f"{frame_label(k)} {n}" for k, n in sides) or "no moral cues"
    return f"frames: {left} | moral: {right}"


# --- alone ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def default_frame_scorer() -> FrameScorer:
    """The shipped cues' scorer, built once per process."""
    return FrameScorer()


def score(text: str) -> dict[str, Any]:
    """Frame and moral-foundation profile of a text, without the rest of the analysis.

    Returns a JSON-ready dict: ``frames`` (see :func:`frame_profile`), ``moral`` (see
    :func:`moral_profile`) and ``sentences``, one per sentence with ``index``, ``text``,
    ``frames`` (its distribution), ``primary``, ``moral`` and ``frame_cues``.

    Examples
    --------
    >>> score("Voters in the swing states backed the senator.")["frames"]["primary"]
    'political'
    """
    if not isinstance(text, str):
        raise TypeError(f"score() takes the text as a str, not {type(text).__name__}")
    doc = tokenize(text)
    results = attach([SentenceResult(s) for s in doc.sentences], default_frame_scorer()(doc))
    n_words = sum(1 for t in doc.tokens if t.norm[:1].isalnum())
    return {
        "frames": frame_profile(results),
        "moral": moral_profile(results, n_words),
        "sentences": [
            {"index": r.sentence.index, "text": r.sentence.text, "frames": r.frames,
             "primary": primary_frame(r.frames), "moral": r.moral,
             "frame_cues": [asdict(c) for c in r.frame_cues]}
            for r in results
        ],
    }
