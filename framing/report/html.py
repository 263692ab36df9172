"""The HTML writer: one self-contained page per report, rendered from ``Analysis.to_dict()``.

Everything the page shows comes from the JSON records (plus the model card), so the
HTML and the JSON can never disagree. All text goes through Jinja2's autoescaping; the
only unescaped pieces are this package's own stylesheet and script.
"""

from __future__ import annotations

import base64
import hashlib
import warnings
from collections.abc import Iterable, Mapping, Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from framing.analyzer import Analyzer, analyze_files, sample_article
from framing.categories import LOADED, SUGGESTED, label, layer_of
from framing.errors import InputError
from framing.frames import frame_label
from framing.io import MAX_BYTES
from framing.lexicon import Lexicon, lexicon_hash
from framing.records import (
    AUTHOR,
    DISTANCED,
    HEADLINE,
    QUOTED,
    Analysis,
    plural,
    replace_lone_surrogates,
)
from framing.report.align import aligned_view, split_words
from framing.report.questions import comparison_questions, discussion_questions
from framing.version import __version__

#: The legend's groups. Each has a colour from the Okabe-Ito palette (told apart by
#: colour-blind readers) *and* its own line style, so print and grey-scale keep them
#: apart. Every flag of the ``device`` layer goes to "devices", drawn quieter; a loaded
#: category not listed here goes to loaded (+) or (−) by its polarity.
GROUPS = (
    ("neg", "Loaded (−)", "solid underline", ("loaded_negative", "fear")),
    ("pos", "Loaded (+)", "double underline", ("loaded_positive", "euphemism")),
    ("label", "Labels", "box", ("label",)),
    ("force", "Exaggeration and intensity", "wavy underline",
     ("intensifier", "exaggeration", "superlative", "booster", "all_caps", "exclamation")),
    ("distance", "Distancing", "dashed underline",
     ("so_called", "scare_quote", "hedge", "attribution_doubt")),
    ("device", "Framing devices (not counted)", "thin dotted underline", ()),
)
DEVICES = "device"
_GROUP_OF = {category: group for group, _, _, members in GROUPS for category in members}
_ORDER = {category: i for i, category in enumerate(c for *_, members in GROUPS for c in members)}
_GROUP_ORDER = {group: i for i, (group, *_) in enumerate(GROUPS)}

#: Above this many words the annotated article is cut (the page warns, and so does
#: ``framing report`` on stderr): a page with every word of a book marked up is one a
#: browser struggles to open. Every figure and table still covers the whole text.
MAX_ANNOTATED_WORDS = 20_000
#: A headline longer than this is shortened with an ellipsis.
HEADLINE_CHARS = 140


class LargeInputWarning(UserWarning):
    """The article was too long to annotate in full; the report shows its beginning."""


METRICS = (
    ("accuracy", "accuracy"), ("macro_f1", "macro F1"), ("f1", "F1, biased class"),
    ("precision", "precision"), ("recall", "recall"), ("roc_auc", "ROC AUC"),
    ("brier", "Brier score (lower is better)"),
)

LIMITS = (
    "A word list cannot read context: a flagged word may be used fairly, and steering "
    "by the choice of sources, the order of facts or what is left out is not detected.",
    "Words inside quotation marks count as the speaker's and not the outlet's. Paraphrased "
    "speech has no quotation marks, so it counts as the author's.",
    "The weights, reasons and alternatives were written by people; they are judgements "
    "you may disagree with.",
    "The score measures wording, not truth: a neutral-sounding article can still mislead, "
    "and a loaded one can be accurate.",
    "Short texts give less certain scores, and the word lists are for English only.",
)
MODEL_LIMIT = (
    "The sentence classifier learned from sentences that annotators labelled as biased or "
    "not; it inherits their judgements and does worse on topics and styles unlike its "
    "training data."
)

TOP_TERMS = 10


def render_html(
    analyses: Iterable[Analysis | Mapping[str, Any]],
    *,
    compare: bool = False,
    exercise: bool = False,
    title: str | None = None,
    model_card: Mapping[str, Any] | None = None,
    lexicon: Mapping[str, Any] | None = None,
) -> str:
    """One self-contained HTML page for one or more analysed articles.

    Parameters
    ----------
    analyses : iterable of Analysis or dict
        Analyses, or the records ``Analysis.to_dict()`` returns (e.g. read back from
        ``framing score -f json``). The page is built from the records alone.
    compare : bool
        Put the articles side by side first: scores, category profiles, the loaded
        terms each uses that the others do not, and the first two texts aligned
        sentence by sentence (see :mod:`framing.report.align`).
    exercise : bool
        Classroom mode: the highlights and findings stay hidden until "Reveal"; every
        word can be marked by a click before that.
    title : str, optional
        The page title. By default the headline: the sentence whose role is
        ``headline``, else the first line of the text.
    model_card : mapping, optional
        ``Analyzer.model_card``, shown under "How this was computed".
    lexicon : mapping, optional
        ``lexicon_info(analyzer.lexicon)``: which word lists were used.

    Returns
    -------
    str
        The page. It loads nothing from the network and runs only its own script.
        An article longer than :data:`MAX_ANNOTATED_WORDS` is annotated only up to
        there, with a :class:`LargeInputWarning`.

    Examples
    --------
    >>> from framing import analyze
    >>> page = render_html([analyze("Critics slammed the <b>plan</b>.", doc_id="demo")])
    >>> page.startswith("<!DOCTYPE html>"), "&lt;b&gt;plan&lt;/b&gt;" in page
    (True, True)
    """
    records = [a.to_dict() if isinstance(a, Analysis) else dict(a) for a in analyses]
    if not records:
        raise ValueError("render_html() needs at least one analysis")
    categories = _categories(records)
    docs = [_article(record, n, categories, exercise) for n, record in enumerate(records)]
    if title and len(docs) == 1:
        docs[0]["name"] = title
    for doc in docs:
        if doc["cut"]:
            warnings.warn(LargeInputWarning(
                f"{doc['source'] or doc['name']}: {doc['cut']['words']:,} words; the report "
                f"marks up the first {doc['cut']['shown_words']:,} (limit "
                f"{MAX_ANNOTATED_WORDS:,})"), stacklevel=2)
    script = asset("report.js")
    card = dict(model_card or {})
    comparing = compare and len(docs) > 1
    return template_environment().get_template("page.html.j2").render(
        docs=docs,
        title=title or " · ".join(d["name"] for d in docs),
        compare=_comparison(docs, categories) if comparing else None,
        exercise=exercise,
        css=Markup(asset("report.css")),
        script=Markup(script),
        csp=_csp(script),
        method=_method(card, lexicon or {}, records),
        groups=[{"id": g, "title": t, "style": st} for g, t, st, _ in GROUPS],
        version=__version__,
    )


def write_report(
    sources: Sequence[str | Path],
    out: str | Path,
    *,
    analyzer: Analyzer | None = None,
    compare: bool = False,
    exercise: bool = False,
    title: str | None = None,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> list[InputError]:
    """Analyse files and write their HTML report to ``out``; returns the unreadable ones.

    With no sources, the built-in sample article is reported. A file that cannot be
    read is skipped; when none can be read, nothing is written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "sample.html"
    >>> write_report([], out)
    []
    >>> "so-called" in out.read_text(encoding="utf-8")
    True
    """
    analyzer = analyzer or Analyzer()
    if sources:
        results = list(analyze_files(sources, analyzer, encoding=encoding, max_bytes=max_bytes))
    else:
        name, text = sample_article()
        results = [analyzer.analyze(text, doc_id=name, meta={"source": name})]
    analyses = [r for r in results if isinstance(r, Analysis)]
    failed = [r for r in results if isinstance(r, InputError)]
    if analyses:
        page = render_html(analyses, compare=compare, exercise=exercise, title=title,
                           model_card=analyzer.model_card, lexicon=lexicon_info(analyzer.lexicon))
        try:
            # A file name can hold a lone surrogate (undecodable bytes); UTF-8 cannot.
            Path(out).write_text(replace_lone_surrogates(page), encoding="utf-8")
        except OSError as err:
            raise InputError(out, f"cannot write the report ({err.strerror})") from None
    return failed


def lexicon_info(lexicon: Lexicon) -> dict[str, Any]:
    """What a report says about the word lists: files, entry count and a short hash."""
    return {
        "files": sorted({entry.lexicon for entry in lexicon.entries}),
        "entries": len(lexicon),
        "sha256": lexicon_hash(lexicon)[:12],
    }


def headline(record: Mapping[str, Any]) -> str:
    """The article's headline: the sentence whose role is ``headline``, else the first
    line of the text (whitespace collapsed, shortened past :data:`HEADLINE_CHARS`).

    >>> headline({"text": "\\n  Dam   approved\\n\\nThe vote passed.", "sentences": []})
    'Dam approved'
    """
    marked = [s["text"] for s in record.get("sentences", []) if s.get("role") == HEADLINE]
    first_line = next((line for line in record.get("text", "").splitlines() if line.strip()), "")
    words = " ".join((marked[0] if marked else first_line).split())
    if len(words) > HEADLINE_CHARS:
        words = words[:HEADLINE_CHARS].rsplit(" ", 1)[0] + " …"
    return words


# --- views: plain dicts the templates format ----------------------------------------


def _categories(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every category on the page, with its group and a safe token for class names."""
    found = {f["category"] for r in records for s in r["sentences"] for f in s["flags"]}
    for record in records:
        found |= set(record.get("summary", {}).get("author_flags_per_1000_words", {}))
    ordered = sorted(found, key=lambda c: (_ORDER.get(c, len(_ORDER)), c))
    return {
        c: {"id": c, "token": f"c{i}", "label": label(c), "layer": layer_of(c),
            "group": DEVICES if layer_of(c) != LOADED else _GROUP_OF.get(c, "neg")}
        for i, c in enumerate(ordered)
    }


def _group(flag: Mapping[str, Any], category: Mapping[str, Any]) -> str:
    """A flag's legend group: devices by layer, the rest by category, else by polarity."""
    if flag.get("layer", category["layer"]) != LOADED:  # devices and suggestions: quiet
        return DEVICES
    if flag["category"] in _GROUP_OF:
        return _GROUP_OF[flag["category"]]
    return "pos" if flag.get("polarity", 0) > 0 else "neg"


def _article(record: dict[str, Any], n: int, categories: dict[str, dict],
             exercise: bool = False) -> dict[str, Any]:
    text, summary = record["text"], record.get("summary", {})
    shown, cut = _shown_sentences(record["sentences"])
    flags = []
    for sentence in record["sentences"]:
        for flag in sentence["flags"]:
            cat = categories[flag["category"]]
            flags.append({**flag, "id": len(flags), "sentence": sentence["sentence_index"], "cat": cat,
                          "group": _group(flag, cat),
                          "layer": flag.get("layer", cat["layer"])})
    by_sentence: dict[int, list[dict]] = {}
    for flag in flags:
        by_sentence.setdefault(flag["sentence"], []).append(flag)
    paragraphs: dict[int, list[dict]] = {}
    for s in shown:
        pieces = _pieces(text, s["start"], s["end"], by_sentence.get(s["sentence_index"], []))
        if exercise:
            for piece in pieces:
                piece["words"] = split_words(piece["text"])
        paragraphs.setdefault(s["paragraph"], []).append({**s, "pieces": pieces})
    name = headline(record)
    source = str(record.get("doc_id") or "")
    return {
        "n": n,
        "record": record,
        "name": name or source or f"Article {n + 1}",
        "source": source,
        "meta": {str(k): v for k, v in record.get("meta", {}).items()
                 if v not in (record.get("doc_id"), name)},
        "slant": record["slant"],
        "plain": plain_summary(record, flags),
        "summary": summary,
        "profile": _group_bars(summary.get("author_flags_per_1000_words", {}), categories),
        "terms": _terms(flags),
        "paragraphs": list(paragraphs.values()),
        "shown": {s["sentence_index"] for s in shown},
        "cut": cut,
        "has_probabilities": any(s["slant_probability"] is not None for s in record["sentences"]),
        "flags": flags,
        "legend": [g for g in GROUPS if any(f["group"] == g[0] for f in flags)],
        "questions": discussion_questions(record),
        "sources": summary.get("sources") or {},
        "quotes": [q for q in record.get("quotes", []) if q.get("kind") != "scare"],
        # Actors nobody quotes or describes add rows without telling anything.
        "actors": [a for a in summary.get("actors", []) if a["quotes"] or a["reported"]
                   or a["aimed"]["negative"] or a["aimed"]["positive"]],
        "frames": frames_view(record),
    }


def plain_summary(record: Mapping[str, Any], flags: list[dict]) -> list[str]:
    """What the score means and what drove it, in one or two plain sentences."""
    slant = record["slant"]
    loaded = [f for f in flags if f["layer"] == LOADED and not f.get("negated")]
    own = [f for f in loaded if f["voice"] == AUTHOR]
    quoted = [f for f in loaded if f["voice"] == QUOTED]
    if slant.get("score") is None:
        first = f"Not scored: {slant['label']}."
    else:
        first = (f"{slant['score']:g} out of 100 means {slant['label']}: the higher the number, "
                 "the more the writer's own sentences steer the reader.")
    examples = list(dict.fromkeys(f["text"] for f in own))[:3]
    if own:
        second = (f"It rests on {plural(len(own), 'loaded word')} in the writer's own voice, "
                  "such as " + ", ".join(f"“{w}”" for w in examples) + ", and on how the "
                  "writer's sentences are worded")
    else:
        second = "The writer's own voice uses no loaded word; the score comes from how the sentences are worded"
    if quoted:
        second += (f"; {len(quoted)} more in quotations {'is' if len(quoted) == 1 else 'are'} "
                   "the speakers' and not counted")
    return [first, second + "."]


def _shown_sentences(sentences: list[dict]) -> tuple[list[dict], dict[str, int] | None]:
    """The sentences to mark up, and what was cut when the text passes the word limit."""
    total = sum(len(s["text"].split()) for s in sentences)
    if total <= MAX_ANNOTATED_WORDS:
        return sentences, None
    shown, words = [], 0
    for s in sentences:
        words += len(s["text"].split())
        if words > MAX_ANNOTATED_WORDS:
            break
        shown.append(s)
    return shown, {"words": total, "shown_words": words - len(s["text"].split()),
                   "sentences": len(sentences), "shown_sentences": len(shown)}


def _pieces(text: str, start: int, end: int, flags: list[dict]) -> list[dict[str, Any]]:
    """``text[start:end]`` cut into plain and highlighted pieces, each escaped on output.

    Overlapping or nested flags share one highlight over their joint span; the first
    (outermost) flag styles it and the others are listed in its tooltip.
    """
    clusters: list[dict[str, Any]] = []
    for flag in sorted(flags, key=lambda f: (f["start"], -f["end"], f["id"])):
        lo, hi = max(flag["start"], start), min(flag["end"], end)
        if lo >= hi:
            continue
        if clusters and lo < clusters[-1]["end"]:
            clusters[-1]["flags"].append(flag)
            clusters[-1]["end"] = max(clusters[-1]["end"], hi)
        else:
            clusters.append({"start": lo, "end": hi, "flags": [flag]})
    pieces, at = [], start
    for cluster in clusters:
        if at < cluster["start"]:
            pieces.append({"text": text[at:cluster["start"]], "flags": []})
        pieces.append({"text": text[cluster["start"]:cluster["end"]], "flags": cluster["flags"],
                       "loaded": any(f.get("layer") == LOADED for f in cluster["flags"])})
        at = cluster["end"]
    if at < end:
        pieces.append({"text": text[at:end], "flags": []})
    return pieces


def _group_bars(values: Mapping[str, float], categories: dict[str, dict],
                scale: float | None = None) -> list[dict]:
    """Bar-chart rows per legend group (summed over its categories); widths are
    fractions of ``scale`` (the largest value, or one shared across a comparison)."""
    totals: dict[str, float] = {}
    members: dict[str, list[str]] = {}
    for category, value in values.items():
        group = categories[category]["group"] if category in categories else "neg"
        totals[group] = totals.get(group, 0.0) + value
        members.setdefault(group, []).append(label(category))
    scale = scale if scale is not None else max(totals.values(), default=0.0)
    return [
        {"group": g, "title": t, "value": totals[g], "members": ", ".join(members[g]),
         "fraction": totals[g] / scale if scale else 0.0}
        for g, t, *_ in GROUPS if g in totals
    ]


def _terms(flags: list[dict]) -> list[dict[str, Any]]:
    """Flagged terms, most loaded first (summed weight), with their reasons and voices."""
    terms: dict[tuple[str, str], dict[str, Any]] = {}
    for flag in flags:
        if flag["layer"] == SUGGESTED:
            continue  # a model's suggestion is drawn in the text, never listed with the evidence
        entry = terms.setdefault((flag["term"], flag["category"]), {
            "term": flag["term"], "text": flag["text"], "cat": flag["cat"],
            "group": flag["group"], "layer": flag["layer"],
            "rationale": flag["rationale"], "alternative": flag["alternative"],
            "weight": 0.0, "author": 0, "quoted": 0, "distanced": 0, "sentences": [],
        })
        entry["weight"] += flag["weight"]
        voice = flag["voice"] if flag["voice"] in (QUOTED, DISTANCED) else "author"
        entry[voice] += 1
        if flag["sentence"] + 1 not in entry["sentences"]:
            entry["sentences"].append(flag["sentence"] + 1)
    # Loaded words first: only they count toward the score and "most loaded terms".
    return sorted(terms.values(), key=lambda t: (t["layer"] != LOADED, -t["weight"]))


def _comparison(docs: list[dict], categories: dict[str, dict]) -> dict[str, Any]:
    profiles = [d["summary"].get("author_flags_per_1000_words", {}) for d in docs]
    scale = max((bar["value"] for p in profiles for bar in _group_bars(p, categories)),
                default=0.0)
    loaded = [{t["term"] for t in d["terms"] if t["weight"] > 0 and t["layer"] == LOADED}
              for d in docs]
    columns = []
    for i, doc in enumerate(docs):
        others = set().union(*(terms for j, terms in enumerate(loaded) if j != i))
        columns.append({
            "doc": doc,
            "letter": _letter(i),
            "profile": _group_bars(profiles[i], categories, scale),
            "unique": [t for t in doc["terms"] if t["term"] in loaded[i] - others],
            "frames": frames_view(doc["record"], _frame_scale(docs)),
        })
    return {"columns": columns, "questions": comparison_questions(columns),
            "aligned": aligned_view(docs[0], docs[1])}


def _letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else str(i + 1)


#: How many frames the frame chart shows.
FRAME_BARS = 6


def frames_view(record: Mapping[str, Any], scale: float | None = None) -> dict[str, Any]:
    """What the frame chart shows: the largest frames with bar fractions of ``scale``
    (the largest share by default; shared across a comparison) and the moral table."""
    summary = record.get("summary", {})
    frames, moral = summary.get("frames") or {}, summary.get("moral") or {}
    distribution = frames.get("distribution", {})
    scale = scale or max(distribution.values(), default=0.0)
    return {
        "primary_label": frames.get("primary_label"),
        "primary_share": frames.get("primary_share", 0.0),
        "n_framed": frames.get("n_framed_sentences", 0),
        "n_sentences": frames.get("n_sentences", 0),
        "rows": [
            {"frame": f, "label": frame_label(f), "share": share,
             "fraction": share / scale if scale else 0.0,
             "cues": frames.get("top_cues", {}).get(f, [])}
            for f, share in list(distribution.items())[:FRAME_BARS]
        ],
        "moral": moral.get("foundations", []),
        "moral_total": sum(moral.get("counts", {}).values()),
    }


def _frame_scale(docs: list[dict]) -> float:
    return max((share for d in docs
                for share in (d["record"].get("summary", {}).get("frames") or {})
                .get("distribution", {}).values()), default=0.0)


def _method(card: dict[str, Any], lexicon: Mapping[str, Any], records: list[dict]) -> dict:
    metrics = card.get("cross_validation", {}).get("metrics", {}) if card else {}
    return {
        "card": card,
        "training": card.get("training_data", {}),
        "cv": card.get("cross_validation", {}),
        "metrics": [(name, _figure(metrics[key])) for key, name in METRICS if key in metrics],
        "lexicon": lexicon,
        "methods": sorted({r["slant"].get("method", "") for r in records}),
        "schema": sorted({str(r.get("schema_version", "")) for r in records}),
        "limits": LIMITS + ((MODEL_LIMIT,) if card else ()),
    }


def _figure(value: Any) -> str:
    try:
        return f"{float(value['mean']):.3f} ± {float(value['std']):.3f}"
    except (TypeError, KeyError, ValueError):
        return str(value)


# --- assets -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def template_environment() -> Environment:
    """The Jinja2 environment of every page framing writes: autoescaped, strict."""
    env = Environment(
        loader=PackageLoader("framing.report", "templates"),
        autoescape=True,  # every template, whatever its extension
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["label"] = label
    env.filters["frame_label"] = frame_label
    return env


@cache
def asset(name: str) -> str:
    """A stylesheet or script from ``templates/``, inlined into pages (no remote loads)."""
    return resources.files("framing.report").joinpath("templates", name).read_text(encoding="utf-8")


def _csp(script: str) -> str:
    """No remote loads at all; the one inline script is allowed by its hash only."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )
