"""Distinctive loaded terms of each group, with statistics a reviewer accepts.

**Log-odds with an informative Dirichlet prior** (Monroe, Colaresi and Quinn 2008,
"Fightin' Words", *Political Analysis* 16(4), section 3.5, eq. 16-22). For a term w, a
group i and the rest of the corpus j, with y the term's counts and n the words of each
part::

    delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w))
              - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
    var(delta_w) ~ 1 / (y_iw + a_w) + 1 / (y_jw + a_w);   z_w = delta_w / sqrt(var)

**The prior is scaled to the corpus**: ``a_w = s * y_w`` and ``a_0 = s * N``, where
``y_w`` is the term's count in the whole corpus, ``N`` the corpus's words and ``s`` the
prior scale (default 1). With s = 1 the prior carries as much evidence as the corpus
itself, so each group's rate is pulled halfway (in pseudo-counts) towards the corpus rate
and a small group, or a rare term, cannot look distinctive on a handful of uses. (A fixed
``a_0`` of a few hundred pseudo-words, our earlier default, is negligible against a
corpus of 700,000 words.)

**Whole articles, not words, are the unit of evidence.** A term counts for a group only
if it occurs in at least ``min_articles`` of the group's articles (default 3), and every
term carries its article count and the share of its count that its largest article
holds. The z above treats words as independent; a term one article repeats ten times
is not ten pieces of evidence. So significance comes from resampling articles: the
articles of each group are drawn with replacement (``n_boot`` times, seeded), delta is
recomputed with the prior held fixed, its standard deviation ``se`` is the bootstrap
standard error, and ``p = 2 * (1 - Phi(|delta| / se))`` (two-sided). Benjamini-Hochberg
q-values (``scipy.stats.false_discovery_control``) are taken over every (group, term)
pair that passes the article filter, all groups together. Only terms with delta > 0 and
q < ``max_q`` (default 0.05) are listed.

**Boilerplate is furniture.** A sentence repeated verbatim (case and spacing aside) in
at least :data:`BOILERPLATE_ARTICLES` articles of the corpus is a byline, an author's bio,
a sign-off or a newsletter plug, not the outlet's wording about the news: its flags are
not counted and its words leave ``n``. It is found once per corpus, over every group.

>>> counts = pd.DataFrame({"A": [8, 1], "B": [2, 4]}, index=["regime", "slam"])
>>> result = log_odds(counts, pd.Series({"A": 100, "B": 100}), prior_scale=1.0)
>>> round(float(result.loc[("A", "regime"), "z"]), 3)
1.144
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import false_discovery_control, norm

#: Each group's counts are shrunk towards the corpus with this many corpora of pseudo-counts.
PRIOR_SCALE = 1.0
#: A term must occur in at least this many of a group's articles to be listed for it.
MIN_ARTICLES = 3
#: Listed terms have a Benjamini-Hochberg q-value under this.
MAX_Q = 0.05
#: A sentence repeated verbatim in this many articles or more is boilerplate.
BOILERPLATE_ARTICLES = 3
TERM_COLUMNS = ["group", "term", "category", "count", "count_rest", "articles",
                "top_article_share", "delta", "z", "se", "p", "q"]
_WORD = re.compile(r"[^\W_][\w'’-]*")


def corpus_prior(term_totals: pd.Series, total_words: float,
                 prior_scale: float = PRIOR_SCALE) -> tuple[pd.Series, float]:
    """The informative prior scaled to the corpus: ``(a_w, a_0) = (s * y_w, s * N)``.

    >>> corpus_prior(pd.Series({"x": 4.0, "y": 1.0}), 1000, 0.5)[0].tolist()
    [2.0, 0.5]
    """
    return prior_scale * term_totals.astype(float), prior_scale * float(total_words)


def log_odds(counts: pd.DataFrame, words: pd.Series, *,
             prior_scale: float = PRIOR_SCALE) -> pd.DataFrame:
    """Each group against the rest: delta (log-odds ratio) and z per term.

    ``counts`` has one row per term and one column per group; ``words`` is the number of
    words of each group. Returns rows indexed by (group, term) with the term's count in
    the group and in the rest, ``delta`` and ``z``.
    """
    if counts.columns.empty:
        return pd.DataFrame(columns=["count", "count_rest", "delta", "z"])
    y = counts.to_numpy(dtype=float).T  # groups x terms
    n = words.reindex(counts.columns).to_numpy(dtype=float)
    alpha, alpha_0 = corpus_prior(counts.sum(axis=1), float(n.sum()), prior_scale)
    delta = _delta(y, n, alpha.to_numpy(), alpha_0)
    y_rest = y.sum(axis=0) - y
    z = delta / np.sqrt(1.0 / (y + alpha.to_numpy()) + 1.0 / (y_rest + alpha.to_numpy()))
    index = pd.MultiIndex.from_product([counts.columns, counts.index], names=["group", "term"])
    return pd.DataFrame({"count": y.ravel(), "count_rest": y_rest.ravel(),
                         "delta": delta.ravel(), "z": z.ravel()}, index=index)


def _delta(y: np.ndarray, n: np.ndarray, alpha: np.ndarray, alpha_0: float) -> np.ndarray:
    """delta for every group (rows of ``y``) against the rest; ``n`` the groups' words."""
    y_rest = y.sum(axis=0) - y
    n_rest = n.sum() - n
    mine = np.log((y + alpha) / (n[:, None] + alpha_0 - y - alpha))
    rest = np.log((y_rest + alpha) / (n_rest[:, None] + alpha_0 - y_rest - alpha))
    return mine - rest


def bootstrap_se(per_article: sparse.csr_matrix, article_words: np.ndarray,
                 article_group: np.ndarray, n_groups: int, alpha: np.ndarray, alpha_0: float,
                 *, n_boot: int, seed: int) -> np.ndarray:
    """The bootstrap standard error of delta (groups x terms), resampling each group's
    articles with replacement and holding the prior fixed."""
    rng = np.random.default_rng(seed)
    members = [np.flatnonzero(article_group == g) for g in range(n_groups)]
    total = np.zeros((n_groups, per_article.shape[1]))
    total_sq = np.zeros_like(total)
    for _ in range(n_boot):
        weights = np.zeros((n_groups, per_article.shape[0]))
        for g, rows in enumerate(members):
            if len(rows):
                drawn = rows[rng.integers(0, len(rows), len(rows))]
                weights[g] += np.bincount(drawn, minlength=per_article.shape[0])
        y = np.asarray((per_article.T @ weights.T).T)
        delta = _delta(y, weights @ article_words, alpha, alpha_0)
        total += delta
        total_sq += delta ** 2
    mean = total / n_boot
    return np.sqrt(np.maximum(total_sq / n_boot - mean ** 2, 0.0) * n_boot / max(n_boot - 1, 1))


def q_values(p: Iterable[float]) -> np.ndarray:
    """Benjamini-Hochberg q-values (adjusted p-values), missing p-values left missing.

    >>> q_values([0.01, 0.04, 0.03, float("nan")]).round(3).tolist()[:3]
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(list(p), dtype=float)
    q = np.full_like(p, np.nan)
    known = ~np.isnan(p)
    if known.any():
        q[known] = false_discovery_control(p[known], method="bh")
    return q


def boilerplate(sentences: pd.DataFrame,
                min_articles: int = BOILERPLATE_ARTICLES) -> pd.DataFrame:
    """The sentences repeated verbatim in ``min_articles`` articles or more.

    Returns their ``doc_id``, ``sentence_index``, ``text`` and ``words``.
    """
    columns = ["doc_id", "sentence_index", "text", "words"]
    if sentences is None or sentences.empty or "text" not in sentences.columns:
        return pd.DataFrame(columns=columns)
    line = sentences["text"].fillna("").astype(str).str.lower().str.split().str.join(" ")
    spread = sentences.groupby(line)["doc_id"].transform("nunique")
    found = sentences.loc[(spread >= min_articles) & (line != ""), columns[:3]]
    return found.assign(words=found["text"].astype(str).map(lambda t: len(_WORD.findall(t))))


def distinctive_terms(flags: pd.DataFrame, articles: pd.DataFrame, *,
                      category: pd.Series | None = None, top: int = 10,
                      min_articles: int = MIN_ARTICLES, max_q: float = MAX_Q,
                      prior_scale: float = PRIOR_SCALE, n_boot: int = 1000,
                      seed: int = 0) -> pd.DataFrame:
    """The listed terms of every group (see the module's docstring for every rule).

    ``flags`` are the counted flags (``doc_id``, ``term``); ``articles`` has one row per
    counted article with ``doc_id``, ``_group`` and ``n_words`` (boilerplate words out).
    """
    table = scored_terms(flags, articles, min_articles=min_articles, prior_scale=prior_scale,
                         n_boot=n_boot, seed=seed)
    if category is not None:
        table = table.assign(category=table["term"].map(category))
    listed = table[(table["delta"] > 0) & ((table["q"] < max_q) | (max_q >= 1))]  # 1: all
    listed = listed.sort_values(["group", "z"], ascending=[True, False]).groupby("group").head(top)
    return listed[TERM_COLUMNS].reset_index(drop=True)


def scored_terms(flags: pd.DataFrame, articles: pd.DataFrame, *,
                 min_articles: int = MIN_ARTICLES, prior_scale: float = PRIOR_SCALE,
                 n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Every (group, term) pair that passes the article filter, with delta, z, se, p, q."""
    groups = pd.Index(sorted(articles["_group"].unique()))
    if flags.empty or groups.empty:
        return pd.DataFrame(columns=TERM_COLUMNS)
    doc_index = pd.Index(articles["doc_id"])
    terms = pd.Index(sorted(flags["term"].unique()))
    per_article = sparse.csr_matrix(
        (np.ones(len(flags)), (doc_index.get_indexer(flags["doc_id"]),
                               terms.get_indexer(flags["term"]))),
        shape=(len(doc_index), len(terms)))
    group_of = groups.get_indexer(articles["_group"])
    words = articles["n_words"].to_numpy(dtype=float)
    onehot = sparse.csr_matrix((np.ones(len(group_of)), (group_of, np.arange(len(group_of)))),
                               shape=(len(groups), len(group_of)))
    counts = pd.DataFrame(np.asarray((onehot @ per_article).todense()).T, index=terms,
                          columns=groups)
    scores = log_odds(counts, pd.Series(onehot @ words, index=groups), prior_scale=prior_scale)
    alpha, alpha_0 = corpus_prior(counts.sum(axis=1), float(words.sum()), prior_scale)
    se = bootstrap_se(per_article, words, group_of, len(groups), alpha.to_numpy(), alpha_0,
                      n_boot=n_boot, seed=seed)
    present = (per_article > 0).astype(float)
    spread = np.asarray((onehot @ present).todense())
    top_count = np.vstack([np.asarray(per_article[group_of == g].max(axis=0).todense()).ravel()
                           for g in range(len(groups))])
    scores = scores.assign(articles=spread.ravel(), se=se.ravel(),
                           top_article_share=(top_count.ravel()
                                              / np.maximum(scores["count"].to_numpy(), 1)))
    scores = scores[scores["articles"] >= min_articles].reset_index()
    with np.errstate(divide="ignore", invalid="ignore"):
        z_articles = np.where(scores["se"] > 0, scores["delta"].abs() / scores["se"], 0.0)
    scores["p"] = 2 * norm.sf(z_articles)
    scores["q"] = q_values(scores["p"])
    scores["category"] = None
    return scores[TERM_COLUMNS]
