"""One Analyzer shared by threads gives what fresh analyzers give (issue 19, item 5).

The sentence model caches numbers per word type and grows that cache as new words
arrive; before the fix, eight threads growing it at once raised IndexError on most
texts and left the analyzer broken for later calls.
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import Analyzer

THREADS = 8
STEMS = ["regime", "slammed", "council", "budget", "radical", "heroic", "vote", "plan",
         "minister", "critics", "bellicose", "harbour", "river", "dam", "protest"]


def article(seed: int) -> str:
    """A text with words no other seed uses, so every call grows the per-word cache."""
    rng = random.Random(seed)
    sentences = []
    for k in range(6):
        words = [rng.choice(STEMS) for _ in range(8)] + [f"zq{seed}x{k}w{j}" for j in range(6)]
        rng.shuffle(words)
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def comparable(analysis) -> dict:
    record = analysis.to_dict()
    record.pop("doc_id", None)
    return record


@pytest.fixture(scope="module")
def shared() -> Analyzer:
    return Analyzer()


def test_eight_threads_equal_sequential_results(shared):
    texts = [article(seed) for seed in range(32)]
    fresh = Analyzer()
    expected = [comparable(fresh.analyze(t)) for t in texts]
    with ThreadPoolExecutor(THREADS) as pool:
        got = list(pool.map(lambda t: comparable(shared.analyze(t)), texts))
    assert got == expected
    # ... and the shared analyzer is still right afterwards.
    later = article(1000)
    assert comparable(shared.analyze(later)) == comparable(fresh.analyze(later))


@settings(max_examples=max(3, settings().max_examples // 70), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(0, 10**6), min_size=THREADS, max_size=2 * THREADS, unique=True))
def test_shared_analyzer_equals_fresh_ones(shared, seeds):
    """Property: whatever texts the threads race on, each analysis equals a fresh one."""
    texts = [article(seed) for seed in seeds]
    with ThreadPoolExecutor(THREADS) as pool:
        got = list(pool.map(lambda t: comparable(shared.analyze(t)), texts))
    fresh = Analyzer()
    assert got == [comparable(fresh.analyze(text)) for text in texts]


def test_word_cache_is_capped_by_bytes(shared, monkeypatch):
    """One long word costs its length, not one slot: a cache past the byte cap is rebuilt."""
    from framing.slant import arrays

    model = shared.model
    model.predict_proba(["A warm start."])
    before = model._words.current()
    model.predict_proba(["Words " + "x" * 1_000_000 + " here."])
    assert before.cost > 2_000_000
    monkeypatch.setattr(arrays, "MAX_CACHE_BYTES", 1_000_000)
    model.predict_proba(["Another sentence."])
    assert model._words.current() is not before
