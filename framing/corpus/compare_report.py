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
from framing.corpus.compare import FRAME_SHARE, Comparison
from framing.corpus.store import PER_1000
from framing.errors import InputError
from framing.report.html import asset, template_environment
from framing.report.terminal import safe_text
from framing.version import __version__

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; "
       "base-uri 'none'; form-action 'none'")


def print_comparison(comparison: Comparison, console: Console) -> None:
    """The per-group table, the category rates and each group's distinctive terms."""
    groups = comparison.groups
    table = Table(title=safe_text(f"by {comparison.by}"))
    for column in (safe_text(comparison.by), "articles", "errors", "mean slant (95% CI)",
                   "quoted words", "flags in quotes"):
        table.add_column(column, justify="left" if isinstance(column, Text) else "right")
    for group, row in groups.iterrows():
        interval = f"({figure(row['slant_ci_low'], 1)} to {figure(row['slant_ci_high'], 1)})"
        table.add_row(safe_text(group), str(int(row["articles"])), str(int(row["errors"])),
                      f"{figure(row['mean_slant'], 1)} {interval}",
                      figure(row["quoted_word_share"] * 100, 0, "%"),
                      figure(row["quoted_flag_share"] * 100, 0, "%"))
    console.print(table)
    rates = Table(title="author-voice flags per 1,000 words")
    rates.add_column("category", no_wrap=True)
    for group in groups.index:
        rates.add_column(safe_text(group), justify="right", overflow="fold")
    for category in comparison.categories:
        rates.add_row(category, *(figure(v, 2) for v in groups[PER_1000 + category]))
    console.print(rates)
    if comparison.frames:
        frames = Table(title="frame profile (mean share per article, %)")
        frames.add_column("frame")
        for group in groups.index:
            frames.add_column(safe_text(group), justify="right")
        for frame in comparison.frames:
            name = frame.removeprefix(FRAME_SHARE).replace("_", " ")
            frames.add_row(name, *(figure(v * 100, 1) for v in groups[frame]))
        console.print(frames)
    terms = Table(title="distinctive loaded terms (log-odds, informative Dirichlet prior)")
    for column in (safe_text(comparison.by), "term", "category", "here", "elsewhere", "z"):
        numeric = column in ("here", "elsewhere", "z")
        terms.add_column(column, justify="right" if numeric else "left")
    for row in comparison.terms.itertuples():
        terms.add_row(safe_text(row.group), safe_text(row.term), label(str(row.category)),
                      f"{row.count:.0f}", f"{row.count_rest:.0f}", f"{row.z:.2f}")
    console.print(terms)


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
        n_boot=comparison.n_boot, seed=comparison.seed, prior_strength=comparison.prior_strength,
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
             "low_x": _x(g["slant_ci_low"], span), "high_x": _x(g["slant_ci_high"], span)}
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

