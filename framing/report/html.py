"""The HTML writer: one self-contained page per report, rendered from ``Analysis.to_dict()``.

Everything the page shows comes from the JSON records (plus the model card), so the
HTML and the JSON can never disagree. All text goes through Jinja2's autoescaping; the
only unescaped pieces are this package's own stylesheet and script.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from framing.analyzer import Analyzer, analyze_files, sample_article
from framing.categories import label
from framing.errors import InputError
from framing.frames import frame_label
from framing.io import MAX_BYTES
from framing.lexicon import Lexicon, lexicon_hash
from framing.records import QUOTED, Analysis, replace_lone_surrogates
from framing.report.questions import comparison_questions, discussion_questions
from framing.version import __version__

#: Category groups: each has its own colour *and* underline style, so print and
#: colour-blind readers can tell them apart. Unknown categories fall into "other".
GROUPS = (
    ("loaded", "Loaded words and labels", "solid underline",
     ("loaded_negative", "loaded_positive", "label", "fear", "euphemism")),
    ("intensity", "Intensity and certainty", "double underline",
     ("intensifier", "exaggeration", "booster", "superlative", "all_caps", "exclamation")),
    ("distance", "Doubt and distancing", "wavy underline",
     ("hedge", "attribution_doubt", "so_called", "scare_quote")),
    ("verbs", "Verbs that judge what was said", "dashed underline",
     ("attribution_neutral", "attribution_endorse", "factive", "assertive", "implicative")),
    ("stance", "Stance and rhetoric", "dotted underline",
     ("stance_marker", "rhetorical_question")),
    ("other", "Other categories", "underline and overline", ()),
)
_GROUP_OF = {category: group for group, _, _, members in GROUPS for category in members}
_ORDER = {category: i for i, category in enumerate(c for *_, members in GROUPS for c in members)}

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
        Put the articles side by side first: scores, category profiles, and the
        loaded terms each uses that the others do not.
    exercise : bool
        Classroom mode: the highlights and findings stay hidden until "Reveal".
    model_card : mapping, optional
        ``Analyzer.model_card``, shown under "How this was computed".
    lexicon : mapping, optional
        ``lexicon_info(analyzer.lexicon)``: which word lists were used.

    Returns
    -------
    str
        The page. It loads nothing from the network and runs only its own script.

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
    docs = [_article(record, n, categories) for n, record in enumerate(records)]
    script = asset("report.js")
    card = dict(model_card or {})
    return template_environment().get_template("page.html.j2").render(
        docs=docs,
        compare=_comparison(docs, categories) if compare and len(docs) > 1 else None,
        exercise=exercise,
        css=Markup(asset("report.css")),
        script=Markup(script),
        csp=_csp(script),
        method=_method(card, lexicon or {}, records),
        groups=[(g, title, style) for g, title, style, _ in GROUPS],
        version=__version__,
    )


def write_report(
    sources: Sequence[str | Path],
    out: str | Path,
    *,
    analyzer: Analyzer | None = None,
    compare: bool = False,
    exercise: bool = False,
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
        page = render_html(analyses, compare=compare, exercise=exercise,
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


# --- views: plain dicts the templates format ----------------------------------------


def _categories(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every category on the page, with a safe token for class names and the script."""
    found = {f["category"] for r in records for s in r["sentences"] for f in s["flags"]}
    for record in records:
        found |= set(record.get("summary", {}).get("author_flags_per_1000_words", {}))
    ordered = sorted(found, key=lambda c: (_ORDER.get(c, len(_ORDER)), c))
    return {
        c: {"id": c, "token": f"c{i}", "label": label(c), "group": _GROUP_OF.get(c, "other")}
        for i, c in enumerate(ordered)
    }


def _article(record: dict[str, Any], n: int, categories: dict[str, dict]) -> dict[str, Any]:
    text, summary = record["text"], record.get("summary", {})
    flags = []
    for sentence in record["sentences"]:
        for flag in sentence["flags"]:
            flags.append({**flag, "id": len(flags), "sentence": sentence["sentence_index"],
                          "cat": categories[flag["category"]]})
    by_sentence: dict[int, list[dict]] = {}
    for flag in flags:
        by_sentence.setdefault(flag["sentence"], []).append(flag)
    paragraphs: dict[int, list[dict]] = {}
    for s in record["sentences"]:
        paragraphs.setdefault(s["paragraph"], []).append({
            **s, "pieces": _pieces(text, s["start"], s["end"], by_sentence.get(s["sentence_index"], [])),
        })
    per_1000 = summary.get("author_flags_per_1000_words", {})
    return {
        "n": n,
        "record": record,
        "name": record.get("doc_id") or f"Article {n + 1}",
        # The source path is usually the name already; saying it twice helps nobody.
        "meta": {str(k): v for k, v in record.get("meta", {}).items() if v != record.get("doc_id")},
        "slant": record["slant"],
        "summary": summary,
        "profile": _bars(per_1000, categories, max(per_1000.values(), default=0),
                         [c for c in categories if c in per_1000]),
        "terms": _terms(flags),
        "paragraphs": list(paragraphs.values()),
        "has_probabilities": any(s["slant_probability"] is not None for s in record["sentences"]),
        "flags": flags,
        "legend": [c for c in categories.values() if any(f["category"] == c["id"] for f in flags)],
        "questions": discussion_questions(record),
        "sources": summary.get("sources") or {},
        "quotes": [q for q in record.get("quotes", []) if q.get("kind") != "scare"],
        # Actors nobody quotes or describes add rows without telling anything.
        "actors": [a for a in summary.get("actors", []) if a["quotes"] or a["reported"]
                   or a["aimed"]["negative"] or a["aimed"]["positive"]],
        "frames": frames_view(record),
    }


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
        pieces.append({"text": text[cluster["start"]:cluster["end"]], "flags": cluster["flags"]})
        at = cluster["end"]
    if at < end:
        pieces.append({"text": text[at:end], "flags": []})
    return pieces


def _bars(values: Mapping[str, float], categories: dict[str, dict], scale: float,
          keys: Iterable[str]) -> list[dict]:
    """Rows of a bar chart; widths are fractions of ``scale``, shared across a comparison."""
    return [
        {"cat": categories[c], "value": values.get(c, 0.0),
         "fraction": values.get(c, 0.0) / scale if scale else 0.0}
        for c in keys
    ]


def _terms(flags: list[dict]) -> list[dict[str, Any]]:
    """Flagged terms, most loaded first (summed weight), with their reasons and voices."""
    terms: dict[tuple[str, str], dict[str, Any]] = {}
    for flag in flags:
        entry = terms.setdefault((flag["term"], flag["category"]), {
            "term": flag["term"], "text": flag["text"], "cat": flag["cat"],
            "rationale": flag["rationale"], "alternative": flag["alternative"],
            "weight": 0.0, "author": 0, "quoted": 0, "sentences": [],
        })
        entry["weight"] += flag["weight"]
        entry["quoted" if flag["voice"] == QUOTED else "author"] += 1
        if flag["sentence"] + 1 not in entry["sentences"]:
            entry["sentences"].append(flag["sentence"] + 1)
    return sorted(terms.values(), key=lambda t: -t["weight"])


def _comparison(docs: list[dict], categories: dict[str, dict]) -> dict[str, Any]:
    profiles = [d["summary"].get("author_flags_per_1000_words", {}) for d in docs]
    scale = max((v for profile in profiles for v in profile.values()), default=0)
    keys = [c for c in categories if any(c in profile for profile in profiles)]
    loaded = [{t["term"] for t in d["terms"] if t["weight"] > 0} for d in docs]
    columns = []
    for i, doc in enumerate(docs):
        others = set().union(*(terms for j, terms in enumerate(loaded) if j != i))
        columns.append({
            "doc": doc,
            "profile": _bars(profiles[i], categories, scale, keys),
            "unique": [t for t in doc["terms"] if t["weight"] > 0 and t["term"] not in others],
            "frames": frames_view(doc["record"], _frame_scale(docs)),
        })
    return {"columns": columns, "questions": comparison_questions(columns)}


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
