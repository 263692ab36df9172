"""Comparing groups of a batch run (outlets, dates, authors...): per-group figures and the
loaded terms that set each group apart.

Distinctive terms use the log-odds ratio with an informative Dirichlet prior of Monroe,
Colaresi and Quinn (2008), "Fightin' Words", *Political Analysis* 16(4), eq. 16-22. For a
term w, a group i and the rest of the corpus j, with y the term's counts, n the words in
each part, and the prior alpha_w = alpha_0 * y_w / N built from the whole corpus:

    delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w))
              - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
    var(delta_w) ~ 1 / (y_iw + a_w) + 1 / (y_jw + a_w);   z_w = delta_w / sqrt(var)

Counts are loaded terms in the author's own voice (flags of the ``loaded`` layer with a
weight above 0, neither quoted nor distanced) and ``n`` is every word of the group's
articles, so a term is distinctive when a group uses it more often *per word* than the
others, and the z-score discounts rare terms.

>>> counts = pd.DataFrame({"A": [8, 1], "B": [2, 4]}, index=["regime", "slam"])
>>> result = log_odds(counts, pd.Series({"A": 100, "B": 100}), prior_strength=10)
>>> round(float(result.loc[("A", "regime"), "z"]), 3)
1.781
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from framing.categories import LOADED, layer_of
from framing.corpus.store import PER_1000, TABLES, read_table
from framing.errors import InputError
from framing.records import AUTHOR, QUOTED

# Article columns with the share of each policy frame (flattened from summary["frames"]).
FRAME_SHARE = "frames.distribution."

#: Pseudo-words the prior adds in all (alpha_0); larger pulls rare terms harder to the mean.
PRIOR_STRENGTH = 500.0
BOOTSTRAP = 2000
MISSING_GROUP = "(none)"


@dataclass
class Comparison:
    """Per-group figures and distinctive terms of a batch run, grouped by one column."""

    by: str
    groups: pd.DataFrame
    terms: pd.DataFrame
    categories: list[str]
    frames: list[str]
    prior_strength: float = PRIOR_STRENGTH
    n_boot: int = BOOTSTRAP
    seed: int = 0


def load_run(outdir: str | Path) -> dict[str, pd.DataFrame]:
    """The articles and flags tables of a ``framing batch`` output folder."""
    outdir = Path(outdir)
    for fmt in ("parquet", "csv"):
        if (outdir / f"articles.{fmt}").exists():
            return {name: read_table(outdir / f"{name}.{fmt}") for name in TABLES}
    raise InputError(outdir, "holds no batch output (articles.parquet or articles.csv); "
                             "run `framing batch ... -o` first")


def compare_groups(
    outdir: str | Path | None = None,
    *,
    by: str = "outlet",
    tables: dict[str, pd.DataFrame] | None = None,
    top: int = 10,
    min_count: int = 2,
    prior_strength: float = PRIOR_STRENGTH,
    n_boot: int = BOOTSTRAP,
    seed: int = 0,
) -> Comparison:
    """Compare the groups of a batch run (a folder, or its ``tables``) by column ``by``.

    Returns per-group figures (articles, mean slant with a 95% bootstrap interval, author
    flags per 1,000 words by category, quote balance, frame profile when the articles
    carry one) and, per group, the ``top`` loaded terms with the highest z-scores among
    terms used at least ``min_count`` times in the group.
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
    ok = articles[articles["error"].isna()]
    groups = _group_table(articles, ok, flags, n_boot, seed)
    author = _author_flags(flags, ok)
    counts = author.pivot_table(
        index="term", columns="_group", values="doc_id", aggfunc="size", fill_value=0)
    words = ok.groupby("_group")["n_words"].sum()
    terms = _top_terms(log_odds(counts.reindex(columns=words.index, fill_value=0), words,
                                prior_strength=prior_strength), author, top, min_count)
    categories = [c[len(PER_1000):] for c in groups.columns if c.startswith(PER_1000)]
    frames = [c for c in groups.columns if c.startswith(FRAME_SHARE)]
    return Comparison(by, groups, terms, categories, frames, prior_strength, n_boot, seed)


def log_odds(counts: pd.DataFrame, words: pd.Series, *,
             prior_strength: float = PRIOR_STRENGTH) -> pd.DataFrame:
    """Each group against the rest: delta (log-odds ratio) and z per term.

    ``counts`` has one row per term and one column per group; ``words`` is the number of
    words of each group. Returns rows indexed by (group, term) with the term's count in
    the group and in the rest, ``delta`` and ``z``.
    """
    total_words = float(words.sum())
    term_totals = counts.sum(axis=1).astype(float)
    alpha = prior_strength * term_totals / total_words if total_words else term_totals * 0
    rows = []
    for group in counts.columns:
        y_i = counts[group].astype(float)
        y_j = term_totals - y_i
        n_i = float(words[group])
        n_j = total_words - n_i
        delta = (np.log((y_i + alpha) / (n_i + prior_strength - y_i - alpha))
                 - np.log((y_j + alpha) / (n_j + prior_strength - y_j - alpha)))
        z = delta / np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
        rows.append(pd.DataFrame({"group": group, "term": counts.index, "count": y_i.values,
                                  "count_rest": y_j.values, "delta": delta.values,
                                  "z": z.values}))
    if not rows:
        return pd.DataFrame(columns=["count", "count_rest", "delta", "z"])
    return pd.concat(rows).set_index(["group", "term"])


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


def _grouped_flags(flags: pd.DataFrame, ok: pd.DataFrame) -> pd.DataFrame:
    """The flags of the articles that were analysed, each with its article's group."""
    group_of = ok.set_index("doc_id")["_group"]
    flags = flags[flags["doc_id"].isin(group_of.index)]
    return flags.assign(_group=flags["doc_id"].map(group_of),
                        weight=pd.to_numeric(flags["weight"], errors="coerce"))


def _author_flags(flags: pd.DataFrame, ok: pd.DataFrame) -> pd.DataFrame:
    """The loaded terms an outlet used in its own voice: a word it only quoted, or a
    device such as a hedge, says nothing about its own wording."""
    grouped = _grouped_flags(flags, ok)
    return grouped[(grouped["voice"] == AUTHOR) & (_layers(grouped) == LOADED)
                   & (grouped["weight"] > 0)]


def _layers(flags: pd.DataFrame) -> pd.Series:
    # Runs written before flags had a layer carry no such column: derive it.
    if "layer" in flags.columns:
        return flags["layer"].fillna(flags["category"].map(layer_of))
    return flags["category"].map(layer_of)


def _group_table(articles: pd.DataFrame, ok: pd.DataFrame, flags: pd.DataFrame,
                 n_boot: int, seed: int) -> pd.DataFrame:
    counted = _grouped_flags(flags, ok)
    words = ok.groupby("_group")["n_words"].sum()
    rows = {}
    for group in articles["_group"].unique():  # a group whose articles all failed stays
        members = ok[ok["_group"] == group]
        low, high = bootstrap_ci(members["slant_score"].dropna().to_numpy(), n_boot=n_boot,
                                 seed=seed)
        mine = counted[counted["_group"] == group]
        voices = mine["voice"].value_counts()
        n_words = float(words.get(group, 0)) or math.nan
        row = {
            "articles": len(members),
            "errors": int(articles.loc[articles["_group"] == group, "error"].notna().sum()),
            "words": int(words.get(group, 0)),
            "mean_slant": float(members["slant_score"].mean()),
            "slant_ci_low": low,
            "slant_ci_high": high,
            "quoted_word_share": float(members["quoted_word_share"].mean()),
            "quotes_per_article": float(members["n_quotes"].mean()),
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
    analysed = table["articles"] > 0  # a group with no analysed article has no rates
    table.loc[analysed, rates] = table.loc[analysed, rates].fillna(0.0)
    table.index.name = "group"
    return table.sort_values("articles", ascending=False)


def _share(part: float, whole: float) -> float:
    return float(part) / float(whole) if whole else 0.0


def _top_terms(scores: pd.DataFrame, author: pd.DataFrame, top: int,
               min_count: int) -> pd.DataFrame:
    if scores.empty:
        return pd.DataFrame(columns=["group", "term", "category", "count", "count_rest",
                                     "delta", "z"])
    category = author.groupby("term")["category"].agg(lambda c: c.value_counts().index[0])
    ranked = scores[scores["count"] >= min_count].reset_index()
    ranked = ranked.assign(category=ranked["term"].map(category))
    ranked = ranked.sort_values(["group", "z"], ascending=[True, False])
    chosen = ranked[ranked["z"] > 0].groupby("group").head(top)
    columns = ["group", "term", "category", "count", "count_rest", "delta", "z"]
    return chosen[columns].reset_index(drop=True)
