"""Resource bounds (issue 9): analysis time and memory grow linearly with the text.

Ratios, never absolute times: a text ten times longer must take less than twenty times
the CPU time (linear is 10, n log n about 12, a quadratic step 100; the margin is for a
machine shared with other jobs). The 1M-word text runs without the slant model, whose
stage is checked on 10k and 100k words on its own. Times are process CPU time, median
of repeats.
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable

import pytest

from framing import Analyzer
from framing.slant.modelfile import shipped_model_path

from .conftest import ROOT, requires_shipped

MAX_RATIO = 20  # for ten times the input; linear is 10, quadratic 100


def article_words(n_words: int) -> str:
    """The shipped example articles repeated (as paragraphs) to about ``n_words`` words."""
    paragraphs = [
        p for path in sorted((ROOT / "examples").glob("*.txt"))
        for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()
    ]
    out, words, i = [], 0, 0
    while words < n_words:
        paragraph = paragraphs[i % len(paragraphs)]
        out.append(paragraph)
        words += len(paragraph.split())
        i += 1
    return "\n\n".join(out)


def seconds(work: Callable[[], object], repeats: int) -> float:
    """Median CPU time of ``repeats`` runs (a shared machine makes wall time noisy)."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times)


@pytest.fixture(scope="module")
def no_model() -> Analyzer:
    analyzer = Analyzer(model=None)
    analyzer.analyze(article_words(100))  # warm the caches (Punkt, lexicon forms)
    return analyzer


def test_time_grows_linearly_up_to_a_million_words(no_model):
    texts = {n: article_words(n) for n in (10_000, 100_000, 1_000_000)}
    t10k = seconds(lambda: no_model.analyze(texts[10_000]), repeats=5)
    t100k = seconds(lambda: no_model.analyze(texts[100_000]), repeats=3)
    t1m = seconds(lambda: no_model.analyze(texts[1_000_000]), repeats=1)
    ratios = (t100k / t10k, t1m / t100k)
    assert max(ratios) < MAX_RATIO, f"10k {t10k:.2f}s, 100k {t100k:.2f}s, 1M {t1m:.2f}s"


@requires_shipped
def test_classifier_stage_grows_linearly():
    analyzer = Analyzer()
    analyses = {n: Analyzer(model=None).analyze(article_words(n)) for n in (10_000, 100_000)}
    score = analyzer.classifier.score
    score(analyses[10_000].sentences[:20])  # warm up
    t10k = seconds(lambda: score(analyses[10_000].sentences), repeats=3)
    t100k = seconds(lambda: score(analyses[100_000].sentences), repeats=1)
    assert t100k / t10k < MAX_RATIO, f"10k {t10k:.2f}s, 100k {t100k:.2f}s"


def test_one_line_with_many_quotes_and_so_called_is_linear(no_model):
    """Regression (issue 9): one huge sentence made two pattern scorers quadratic."""
    unit = 'the so-called "plan" was, said the minister, a “reform” of sorts, '
    t_small = seconds(lambda: no_model.analyze(unit * 500), repeats=3)
    t_large = seconds(lambda: no_model.analyze(unit * 5_000), repeats=1)
    assert t_large / t_small < MAX_RATIO, f"{t_small:.2f}s, {t_large:.2f}s"


def peak_bytes(work: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_per_megabyte_stays_roughly_constant(no_model):
    small, large = article_words(5_000), article_words(30_000)
    per_mb_small = peak_bytes(lambda: no_model.analyze(small)) / len(small) * 1e6
    per_mb_large = peak_bytes(lambda: no_model.analyze(large)) / len(large) * 1e6
    assert per_mb_large < 1.5 * per_mb_small, (per_mb_small, per_mb_large)
    # And in absolute terms: well under a gigabyte per megabyte of text.
    assert per_mb_large < 1e9
