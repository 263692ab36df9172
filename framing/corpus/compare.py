"""Comparing groups of a batch run (outlets, dates, authors...): per-group figures and the
loaded terms that set each group apart.

**What is counted.** Only judged articles: error rows and texts with no score (too short,
only quoted speech, not an article) are left out of every figure and every term, and the
table says how many per group (``errors``, ``not_judged``). Flags are loaded terms in the
author's own voice (``loaded`` layer, weight above 0, not negated, neither quoted nor
distanced), outside boilerplate sentences (see :mod:`framing.corpus.terms`).

**One rule per column.** Figures that describe an article are *means over the group's
judged articles*: ``mean_slant`` (with a 95% percentile bootstrap interval, given only for
groups of :data:`MIN_CI_ARTICLES` articles or more), ``quotes_per_article`` and the frame
shares. Figures that describe wording are *pooled over the group's words or flags*:
flags per 1,000 words by category, ``quoted_word_share`` (quoted words over all words)
and ``quoted_flag_share`` (flags inside quotations over all flags). The terminal and the
page show the two kinds in separate tables.

Distinctive terms: :mod:`framing.corpus.terms` (log-odds with an informative Dirichlet
prior scaled to the corpus, at least three articles, article-level bootstrap and
Benjamini-Hochberg q-values).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.categories import LOADED, layer_of
from framing.corpus.provenance import read_provenance
from framing.corpus.store import PER_1000, TABLES, read_table
from framing.corpus.terms import (  # noqa: F401  (log_odds: API)
    MAX_Q,
    MIN_ARTICLES,
    PRIOR_SCALE,
    boilerplate,
    distinctive_terms,
    log_odds,
)
from framing.errors import InputError
from framing.records import AUTHOR, QUOTED

# Article columns with the share of each policy frame (flattened from summary["frames"]).
FRAME_SHARE = "frames.distribution."

BOOTSTRAP = 2000
#: At most this many article resamples for the terms' standard errors (each is a pass
#: over every term of every group).
TERM_BOOTSTRAP = 1000
MISSING_GROUP = "(none)"
#: Groups with fewer judged articles get no interval: a bootstrap of 2 values is their range.
MIN_CI_ARTICLES = 10
#: How each aggregate of the groups table is made.
RULES = {"mean_slant": "mean of articles", "quotes_per_article": "mean of articles",
         "frames.distribution.*": "mean of articles", PER_1000 + "*": "pooled over words",
         "quoted_word_share": "pooled over words", "quoted_flag_share": "pooled over flags"}


@dataclass
class Comparison:
    """Per-group figures and distinctive terms of a batch run, grouped by one column."""

    by: str
    groups: pd.DataFrame
    terms: pd.DataFrame
    categories: list[str]
    frames: list[str]
    prior_scale: float = PRIOR_SCALE
    n_boot: int = BOOTSTRAP
    seed: int = 0
    n_boot_terms: int = TERM_BOOTSTRAP
    min_articles: int = MIN_ARTICLES
    max_q: float = MAX_Q
    boilerplate: pd.DataFrame = field(default_factory=pd.DataFrame)
    warnings: list[str] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)

    @property
    def listing_rule(self) -> str:
        """How terms are chosen, in one line (shown on the page and written in the CSV)."""
        return (f"terms used in at least {self.min_articles} of a group's articles, with "
                f"Benjamini-Hochberg q < {self.max_q:g} (article bootstrap, {self.n_boot_terms} "
                f"resamples); prior scale {self.prior_scale:g} x corpus counts")


def load_run(outdir: str | Path) -> dict[str, pd.DataFrame]:
    """The tables of a ``framing batch`` output folder."""
    outdir = Path(outdir)
    for fmt in ("parquet", "csv"):
        if (outdir / f"articles.{fmt}").exists():
            return {name: read_table(outdir / f"{name}.{fmt}") for name in TABLES
                    if (outdir / f"{name}.{fmt}").exists()}
    raise InputError(outdir, "holds no batch output (articles.parquet or articles.csv); "
                             "run `framing batch ... -o` first")


def compare_groups(
    outdir: str | Path | None = None,
    *,
    by: str = "outlet",
    tables: dict[str, pd.DataFrame] | None = None,
    top: int = 10,
    min_articles: int = MIN_ARTICLES,
    max_q: float = MAX_Q,
    prior_scale: float = PRIOR_SCALE,
    n_boot: int = BOOTSTRAP,
    seed: int = 0,
) -> Comparison:
    """Compare the groups of a batch run (a folder, or its ``tables``) by column ``by``.

    Returns per-group figures (judged articles and how many were left out, mean slant
    with a 95% bootstrap interval for groups of :data:`MIN_CI_ARTICLES` or more, author
    flags per 1,000 words by category, quote balance, frame profile when the articles
    carry one) and, per group, up to ``top`` distinctive loaded terms that pass the rules
    of :mod:`framing.corpus.terms`. With a ``sentences`` table, boilerplate sentences are
    found and left out.
    """
    tables = tables if tables is not None else load_run(outdir)
    articles, flags = tables["articles"], tables["flags"]
    if by not in articles.columns:
        meta = [c for c in articles.columns if c not in ("doc_id", "error")][:10]
        raise InputError(str(outdir or "articles"), f"has no column {by!r} to group by "
                                                    f"(first columns: {', '.join(meta)})")
    _refuse_repeated_ids(articles, outdir)
    articles = _numeric(articles)
    articles = articles.assign(_group=articles[by].fillna(MISSING_GROUP).astype(str))
    judged = articles[articles["error"].isna() & articles["slant_score"].notna()]
    furniture = boilerplate(tables.get("sentences"))
    removed = furniture.groupby("doc_id")["words"].sum().astype(float) if len(furniture) \
        else pd.Series(dtype=float)
    judged = judged.assign(n_counted_words=judged["n_words"] - judged["doc_id"].map(removed)
                           .astype(float).fillna(0.0).to_numpy())
    counted = _counted_flags(flags, judged, furniture)
    groups = _group_table(articles, judged, counted, n_boot, seed)
    author = _author_loaded(counted)
    category = author.groupby("term")["category"].agg(lambda c: c.value_counts().index[0]) \
        if len(author) else None
    terms = distinctive_terms(author, judged.assign(n_words=judged["n_counted_words"]),
                              category=category, top=top, min_articles=min_articles,
                              max_q=max_q, prior_scale=prior_scale,
                              n_boot=min(n_boot, TERM_BOOTSTRAP), seed=seed)
    categories = [c[len(PER_1000):] for c in groups.columns if c.startswith(PER_1000)]
    frames = [c for c in groups.columns if c.startswith(FRAME_SHARE)]
    lines = furniture.assign(line=furniture["text"].astype(str).str.strip()) \
        .groupby("line")["doc_id"].nunique().sort_values(ascending=False)
    return Comparison(by, groups, terms, categories, frames, prior_scale, n_boot, seed,
                      min(n_boot, TERM_BOOTSTRAP), min_articles, max_q,
                      lines.rename("articles").reset_index(), _warnings(groups),
                      read_provenance(outdir) if outdir else {})


def _warnings(groups: pd.DataFrame) -> list[str]:
    found = []
    for group, row in groups.iterrows():
        if row["articles"] < MIN_CI_ARTICLES:
            found.append(f"{group}: {row['note']}")
        left = int(row["not_judged"]) + int(row["errors"])
        if left:
            found.append(f"{group}: left out {left} article(s) of every figure "
                         f"({int(row['not_judged'])} not judged, {int(row['errors'])} errors)")
    return found


def bootstrap_ci(values: np.ndarray, *, n_boot: int = BOOTSTRAP, seed: int = 0,
                 level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean.

    >>> bootstrap_ci(np.array([10.0, 10.0, 10.0]))
    (10.0, 10.0)
    """
    values = np.asarray(values, dtype=float)
    if len(values) == 0:
        return math.nan, math.nan
    rng = np.random.default_rng(seed)
    means = rng.choice(values, size=(n_boot, len(values)), replace=True).mean(axis=1)
    tail = (1 - level) / 2
    return float(np.quantile(means, tail)), float(np.quantile(means, 1 - tail))


def _refuse_repeated_ids(articles: pd.DataFrame, outdir: str | Path | None) -> None:
    """Flags find their article by id: a table that repeats ids cannot be compared."""
    repeated = articles.loc[articles["doc_id"].duplicated(), "doc_id"].unique()
    if len(repeated):
        shown = ", ".join(map(str, repeated[:3])) + (" ..." if len(repeated) > 3 else "")
        raise InputError(str(outdir or "articles"), f"repeats document ids ({shown}), so its "
                                                    "flags cannot be matched to articles; "
                                                    "run the batch again into a new folder")


def _numeric(articles: pd.DataFrame) -> pd.DataFrame:
    """CSV tables come back as text; the figures we average must be numbers.

    A run whose every article failed has none of these columns: they are added, empty.
    """
    numeric = ["slant_score", "n_words", "n_quotes", "quoted_word_share", "voice.author",
               "voice.quoted"]
    numeric += [c for c in articles.columns if c.startswith((PER_1000, FRAME_SHARE))]
    converted = {c: pd.to_numeric(articles[c], errors="coerce").astype(float)
                 if c in articles.columns
                 else pd.Series(math.nan, index=articles.index, dtype=float) for c in numeric}
    return articles.assign(**converted)


def _counted_flags(flags: pd.DataFrame, judged: pd.DataFrame,
                   furniture: pd.DataFrame) -> pd.DataFrame:
    """The flags every figure counts: of judged articles, not negated, not in boilerplate;
    each with its article's group."""
    group_of = judged.set_index("doc_id")["_group"]
    flags = flags[flags["doc_id"].isin(group_of.index)]
    if "negated" in flags.columns:
        flags = flags[~flags["negated"].map(_truthy)]
    if len(furniture):
        where = pd.MultiIndex.from_arrays([flags["doc_id"], _ints(flags["sentence_index"])])
        skip = pd.MultiIndex.from_arrays([furniture["doc_id"],
                                          _ints(furniture["sentence_index"])])
        flags = flags[~where.isin(skip)]
    return flags.assign(_group=flags["doc_id"].map(group_of),
                        weight=pd.to_numeric(flags["weight"], errors="coerce"))


def _truthy(value: Any) -> bool:
    # Parquet gives booleans, CSV the text "True"/"False".
    return value is True or (isinstance(value, (bool, np.bool_)) and bool(value)) \
        or str(value).lower() == "true"


def _ints(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").astype("Int64")


def _author_loaded(counted: pd.DataFrame) -> pd.DataFrame:
    """The loaded terms an outlet used in its own voice: a word it only quoted, or a
    device such as a hedge, says nothing about its own wording."""
    return counted[(counted["voice"] == AUTHOR) & (_layers(counted) == LOADED)
                   & (counted["weight"] > 0)]


def _layers(flags: pd.DataFrame) -> pd.Series:
    # Runs written before flags had a layer carry no such column: derive it.
    if "layer" in flags.columns:
        return flags["layer"].fillna(flags["category"].map(layer_of))
    return flags["category"].map(layer_of)


def _group_table(articles: pd.DataFrame, judged: pd.DataFrame, counted: pd.DataFrame,
                 n_boot: int, seed: int) -> pd.DataFrame:
    words = judged.groupby("_group")["n_counted_words"].sum()
    rows = {}
    for group in articles["_group"].unique():  # a group with no judged article stays
        members = judged[judged["_group"] == group]
        everyone = articles[articles["_group"] == group]
        errors = int(everyone["error"].notna().sum())
        mine = counted[counted["_group"] == group]
        voices = mine["voice"].value_counts()
        n_words = float(words.get(group, 0)) or math.nan
        row = {
            "articles": len(members),
            "not_judged": len(everyone) - len(members) - errors,
            "errors": errors,
            "words": int(words.get(group, 0)),
            **_slant(members["slant_score"].to_numpy(dtype=float), n_boot, seed),
            "quotes_per_article": float(members["n_quotes"].mean()),
            "quoted_word_share": _share((members["quoted_word_share"]
                                         * members["n_words"]).sum(), members["n_words"].sum()),
            "quoted_flag_share": _share(voices.get(QUOTED, 0), voices.sum()),
        }
        by_category = mine[mine["voice"] == AUTHOR]["category"].value_counts()
        for category, count in by_category.items():
            row[f"{PER_1000}{category}"] = round(1000 * count / n_words, 2)
        for frame in (c for c in members.columns if c.startswith(FRAME_SHARE)):
            if pd.api.types.is_numeric_dtype(members[frame]):
                row[frame] = float(members[frame].mean())
        rows[group] = row
    table = pd.DataFrame.from_dict(rows, orient="index")
    rates = sorted(c for c in table.columns if c.startswith(PER_1000))
    analysed = table["articles"] > 0  # a group with no judged article has no rates
    table.loc[analysed, rates] = table.loc[analysed, rates].fillna(0.0)
    table.index.name = "group"
    return table.sort_values("articles", ascending=False)


def _slant(scores: np.ndarray, n_boot: int, seed: int) -> dict[str, Any]:
    """The mean slant of a group, and its interval only when the group is large enough."""
    mean = float(scores.mean()) if len(scores) else math.nan
    if len(scores) < MIN_CI_ARTICLES:
        return {"mean_slant": mean, "slant_ci_low": math.nan, "slant_ci_high": math.nan,
                "note": f"too few articles (n = {len(scores)}): no interval"}
    low, high = bootstrap_ci(scores, n_boot=n_boot, seed=seed)
    return {"mean_slant": mean, "slant_ci_low": low, "slant_ci_high": high, "note": ""}


def _share(part: float, whole: float) -> float:
    return float(part) / float(whole) if whole else 0.0
