"""Article scores against human article labels: Spearman's rho with a bootstrap interval.

The one validity figure an article score can have is its agreement with people who read
the same articles. :func:`agreement` pairs each article's ``slant_score`` with a human
label (a share of sentences experts called biased, or a rating) and gives Spearman's rank
correlation with a 95% percentile bootstrap interval over articles. Articles with no
score (not judged) or no label are left out and counted.

>>> import pandas as pd
>>> scores = pd.Series({"a": 10.0, "b": 20.0, "c": 30.0, "d": float("nan")})
>>> labels = pd.Series({"a": 0.1, "b": 0.3, "c": 0.2, "d": 0.5, "e": 0.4})
>>> result = agreement(scores, labels, n_boot=200)
>>> result.n, round(result.rho, 2), result.not_judged, result.no_label, result.no_score
(3, 0.5, 1, 0, 1)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

BOOTSTRAP = 2000


@dataclass(frozen=True)
class Agreement:
    """Spearman's rho between article scores and labels over ``n`` articles, its 95%
    bootstrap interval, and the articles left out: not judged (no score), without a
    label, and labelled but absent from the scores."""

    n: int
    rho: float
    low: float
    high: float
    not_judged: int
    no_label: int
    no_score: int
    n_boot: int
    seed: int


def agreement(scores: pd.Series, labels: pd.Series, *, n_boot: int = BOOTSTRAP,
              seed: int = 0) -> Agreement:
    """Spearman's rho of ``scores`` and ``labels`` (both indexed by article id)."""
    scores = pd.to_numeric(scores, errors="coerce").astype(float)
    labels = pd.to_numeric(labels, errors="coerce").astype(float)
    labelled = labels.dropna()
    not_judged = int(scores.index.isin(labelled.index).sum() - scores.reindex(
        labelled.index).notna().sum())
    pairs = pd.DataFrame({"score": scores, "label": labelled}).dropna()
    no_label = int((~scores.index.isin(labelled.index)).sum())
    no_score = int((~labelled.index.isin(scores.index)).sum())
    low, high = _interval(pairs.to_numpy(), n_boot, seed)
    return Agreement(len(pairs), _rho(pairs.to_numpy()), low, high, not_judged, no_label,
                     no_score, n_boot, seed)


def _rho(pairs: np.ndarray) -> float:
    if len(pairs) < 3 or np.ptp(pairs[:, 0]) == 0 or np.ptp(pairs[:, 1]) == 0:
        return math.nan
    return float(spearmanr(pairs[:, 0], pairs[:, 1]).statistic)


def _interval(pairs: np.ndarray, n_boot: int, seed: int) -> tuple[float, float]:
    """Percentile bootstrap over articles (resampled as score-label pairs)."""
    if len(pairs) < 3:
        return math.nan, math.nan
    rng = np.random.default_rng(seed)
    draws = [_rho(pairs[rng.integers(0, len(pairs), len(pairs))]) for _ in range(n_boot)]
    draws = np.array([d for d in draws if not math.isnan(d)])
    if not len(draws):
        return math.nan, math.nan
    return float(np.quantile(draws, 0.025)), float(np.quantile(draws, 0.975))


def describe(result: Agreement) -> str:
    """The result in one paragraph."""
    left = (f"left out: {result.not_judged} not judged (no score), {result.no_label} "
            f"without a label, {result.no_score} labelled but not in the run")
    return (f"Spearman rho = {result.rho:.3f} (95% bootstrap interval {result.low:.3f} to "
            f"{result.high:.3f}, {result.n_boot} resamples of articles, seed {result.seed}) "
            f"over {result.n} articles; {left}.")
