"""Writers for a group comparison: rich tables for the terminal and one self-contained page.

The page reuses the report's stylesheet, macros and Jinja2 environment (autoescaping on),
declares a Content-Security-Policy that forbids every remote load, and runs no script.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from markupsafe import Markup
from rich.console import Console
from rich.table import Table
from rich.text import Text

from framing.categories import label
from framing.corpus.compare import FRAME_SHARE, MIN_CI_ARTICLES, Comparison
from framing.corpus.provenance import describe
from framing.corpus.store import PER_1000
from framing.corpus.terms import BOILERPLATE_ARTICLES
from framing.errors import InputError
from framing.report.formats import neutralize_formulas
from framing.report.html import asset, template_environment
from framing.report.terminal import safe_text
from framing.version import __version__

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; "
       "base-uri 'none'; form-action 'none'")


def print_comparison(comparison: Comparison, console: Console) -> None:
    """The per-article and pooled tables, the category rates, the distinctive terms and
    the method note with the run's provenance."""
    groups = comparison.groups
    table = Table(title=safe_text(f"by {comparison.by}: means over judged articles"))
    for column in (safe_text(comparison.by), "articles", "not judged", "errors",
                   "mean slant (95% CI)", "quotes per article"):
        table.add_column(column, justify="left" if isinstance(column, Text) else "right")
    for group, row in groups.iterrows():
        table.add_row(safe_text(group), str(int(row["articles"])), str(int(row["not_judged"])),
                      str(int(row["errors"])), slant_cell(row),
                      figure(row["quotes_per_article"], 2))
    console.print(table)
    pooled = Table(title="pooled over each group's words and flags")
    pooled.add_column("", no_wrap=True)
    for group in groups.index:
        pooled.add_column(safe_text(group), justify="right", overflow="fold")
    pooled.add_row("quoted words", *(figure(v * 100, 0, "%") for v in groups["quoted_word_share"]))
    pooled.add_row("flags in quotes",
                   *(figure(v * 100, 0, "%") for v in groups["quoted_flag_share"]))
    pooled.add_row("", *("" for _ in groups.index))
    pooled.add_row("author-voice flags per 1,000 words", *("" for _ in groups.index))
    for category in comparison.categories:
        pooled.add_row(category, *(figure(v, 2) for v in groups[PER_1000 + category]))
    console.print(pooled)
    if comparison.frames:
        frames = Table(title="frame profile (mean share per article, %)")
        frames.add_column("frame")
        for group in groups.index:
            frames.add_column(safe_text(group), justify="right")
        for frame in comparison.frames:
            name = frame.removeprefix(FRAME_SHARE).replace("_", " ")
            frames.add_row(name, *(figure(v * 100, 1) for v in groups[frame]))
        console.print(frames)
    terms = Table(title="distinctive loaded terms: " + comparison.listing_rule)
    for column in (safe_text(comparison.by), "term", "category", "here", "elsewhere",
                   "articles", "top article", "z", "q"):
        numeric = column in ("here", "elsewhere", "articles", "top article", "z", "q")
        terms.add_column(column, justify="right" if numeric else "left")
    for row in comparison.terms.itertuples():
        terms.add_row(safe_text(row.group), safe_text(row.term), label(str(row.category)),
                      f"{row.count:.0f}", f"{row.count_rest:.0f}", f"{row.articles:.0f}",
                      figure(row.top_article_share * 100, 0, "%"), f"{row.z:.2f}",
                      f"{row.q:.3f}")
    console.print(terms)
    for line in method_note(comparison):
        console.print(safe_text(line, style="dim"))


def slant_cell(row: Any) -> str:
    """The mean slant and its interval, or why there is no interval."""
    if row["note"]:
        return f"{figure(row['mean_slant'], 1)} ({row['note']})"
    return (f"{figure(row['mean_slant'], 1)} ({figure(row['slant_ci_low'], 1)} to "
            f"{figure(row['slant_ci_high'], 1)})")


def method_note(comparison: Comparison) -> list[str]:
    """How the figures were computed and where the run came from, one point a line."""
    furniture = comparison.boilerplate
    return [
        "How this was computed: error rows and texts not judged (too short, only quoted "
        "speech, not an article) are left out of every figure. Slant, quotes per article "
        "and frame shares are means over a group's judged articles; the slant interval is "
        f"a 95% percentile bootstrap, given only for groups of {MIN_CI_ARTICLES} articles "
        "or more. Quoted words, flags in quotes and flags per 1,000 words are pooled over "
        "the group's words and flags. Negated flags are not counted.",
        f"Distinctive terms: {comparison.listing_rule}. z is Monroe et al.'s log-odds "
        "z (it ranks terms; it treats words as independent), q comes from resampling whole "
        "articles. 'top article' is the share of the term's count in its largest article.",
        f"Boilerplate: {len(furniture)} sentence(s) repeated verbatim in "
        f"{BOILERPLATE_ARTICLES}+ articles are treated as furniture (not counted)"
        + (f", e.g. {furniture['line'].iloc[0][:60]!r}" if len(furniture) else "") + ".",
        "Provenance: " + "; ".join(describe(comparison.provenance)) + ".",
    ]


def write_compare_csv(comparison: Comparison, folder: str | Path) -> None:
    """``groups.csv`` (with a ``note`` per group), ``terms.csv`` (with the listing
    ``rule``) and ``boilerplate.csv`` in ``folder``."""
    folder = Path(folder)
    groups = comparison.groups.reset_index().assign(
        slant_rule="mean of articles", rates_rule="pooled over words")
    terms = comparison.terms.assign(rule=comparison.listing_rule)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, frame in (("groups", groups), ("terms", terms),
                            ("boilerplate", comparison.boilerplate)):
            neutralize_formulas(frame).to_csv(folder / f"{name}.csv", index=False)
    except OSError as err:
        raise InputError(folder, f"cannot write the tables ({err.strerror})") from None


def render_compare_html(comparison: Comparison) -> str:
    """One self-contained HTML page of the comparison, with inline SVG charts."""
    records = comparison.groups.reset_index().to_dict("records")  # keeps counts as integers
    groups = [{**row, "group": str(row["group"])} for row in records]
    template = template_environment().get_template("corpus.html.j2")
    return template.render(
        # The stylesheet is this package's own: Markup keeps autoescaping off it.
        version=__version__, csp=CSP, css=Markup(asset("report.css")), by=comparison.by,
        figure=figure,
        groups=groups, total_articles=sum(g["articles"] for g in groups),
        chart=_slant_chart(groups), heat=_heat(comparison, groups),
        frames=[{"label": f.removeprefix(FRAME_SHARE).replace("_", " "),
                 "cells": [g[f] * 100 for g in groups]} for f in comparison.frames],
        terms=[{"group": g["group"], "rows": comparison.terms[
            comparison.terms["group"].astype(str) == g["group"]].to_dict("records")}
            for g in groups],
        n_boot=comparison.n_boot, n_boot_terms=comparison.n_boot_terms, seed=comparison.seed,
        prior_scale=comparison.prior_scale,
        listing_rule=comparison.listing_rule, min_articles=comparison.min_articles,
        min_ci=MIN_CI_ARTICLES, boilerplate=comparison.boilerplate.head(10).to_dict("records"),
        n_boilerplate=len(comparison.boilerplate), boilerplate_articles=BOILERPLATE_ARTICLES,
        provenance=describe(comparison.provenance), warnings=comparison.warnings,
    )


def figure(value: Any, digits: int, unit: str = "") -> str:
    """A number with a fixed count of decimals; a missing one (None, NaN) is a dash.

    >>> figure(0.0405, 2), figure(float("nan"), 1), figure(12.04, 0, "%")
    ('0.04', '–', '12%')
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "–"
    return "–" if math.isnan(number) else f"{number:.{digits}f}{unit}"


def write_compare_html(comparison: Comparison, out: str | Path) -> None:
    try:
        Path(out).write_text(render_compare_html(comparison), encoding="utf-8")
    except OSError as err:
        raise InputError(out, f"cannot write the page ({err.strerror})") from None


def _slant_chart(groups: list[dict[str, Any]]) -> dict[str, Any]:
    left, span, step = 140, 400, 24
    rows = [{"group": g["group"][:20], "y": i * step, "mean_x": _x(g["mean_slant"], span),
             "low_x": _x(g["slant_ci_low"], span), "high_x": _x(g["slant_ci_high"], span),
             "interval": g["slant_ci_low"] == g["slant_ci_low"]}
            for i, g in enumerate(groups)]
    return {"left": left, "span": span, "width": left + span + 10,
            "height": len(rows) * step + 16, "rows": rows}


def _x(value: float, span: int) -> float:
    return 0.0 if value != value else max(0.0, min(100.0, float(value))) / 100 * span


def _heat(comparison: Comparison, groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def rate(group: dict[str, Any], category: str) -> float:
        value = group[PER_1000 + category]
        return 0.0 if value is None or value != value else float(value)

    top = max((rate(g, c) for c in comparison.categories for g in groups), default=0) or 1
    return [{"label": label(c),
             "cells": [{"value": g[PER_1000 + c], "alpha": 0.08 + 0.92 * rate(g, c) / top}
                       for g in groups]}
            for c in comparison.categories]

