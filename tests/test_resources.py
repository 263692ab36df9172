"""Resource bounds (issue 9): analysis work and memory grow linearly with the text.

Work is counted, not timed (issue 20): the Python lines and calls an analysis executes
(``count_steps``), for a text and one ten times longer. Linear is 10, n log n about 12, a
quadratic step 100. Work inside C is not counted; benchmarks/linearity.py times the same
shapes up to a million words as CPU-time ratios.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from framing import Analyzer

from .conftest import ROOT, count_steps, peak_bytes, requires_shipped, slice_counter

MAX_RATIO = 13  # for ten times the input; linear is 10, quadratic 100


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


@pytest.fixture(scope="module")
def no_model() -> Analyzer:
    analyzer = Analyzer(model=None)
    analyzer.analyze(article_words(2_000))  # warm the caches (Punkt, lexicon forms)
    return analyzer


def ratio(work: Callable[[int], object], small: int) -> float:
    return count_steps(lambda: work(10 * small)) / count_steps(lambda: work(small))


def test_analysis_work_grows_linearly(no_model):
    texts = {n: article_words(n) for n in (2_000, 20_000)}
    assert ratio(lambda n: no_model.analyze(texts[n]), 2_000) < MAX_RATIO


@requires_shipped
def test_classifier_stage_work_grows_linearly(no_model):
    score = Analyzer().classifier.score
    sentences = {n: no_model.analyze(article_words(n)).sentences for n in (1_000, 10_000)}
    score(sentences[10_000])  # warm the per-word caches on the larger text
    assert ratio(lambda n: score(sentences[n]), 1_000) < MAX_RATIO


def test_one_line_with_many_quotes_and_so_called_is_linear(no_model):
    """Regression (issue 9): one huge sentence made two pattern scorers quadratic."""
    unit = 'the so-called "plan" was, said the minister, a “reform” of sorts, '
    assert ratio(lambda n: no_model.analyze(unit * n), 200) < MAX_RATIO


def test_memory_per_megabyte_stays_roughly_constant(no_model):
    small, large = article_words(5_000), article_words(30_000)
    per_mb_small = peak_bytes(lambda: no_model.analyze(small)) / len(small) * 1e6
    per_mb_large = peak_bytes(lambda: no_model.analyze(large)) / len(large) * 1e6
    assert per_mb_large < 1.5 * per_mb_small, (per_mb_small, per_mb_large)
    # And in absolute terms: well under a gigabyte per megabyte of text.
    assert per_mb_large < 1e9


# --- issue 30, item 8: the actor scan sliced the tokens before every capitalised word ---

#: For four times the input; linear is 4 (issue 30 allows 4.5).
MAX_RATIO_4X = 4.5


#: A sentence's tokens that count the elements every slice copies.
_SliceCountingTokens = slice_counter(tuple)


def actor_scan_work(text: str) -> int:
    """Python steps plus token elements copied by slices while the actor scan reads ``text``."""
    from dataclasses import replace

    from framing.tokenize import Document, tokenize
    from framing.voices.actors import builtin_vocabulary, find_actors

    doc = tokenize(text)
    sentences = tuple(replace(s, tokens=_SliceCountingTokens(s.tokens)) for s in doc.sentences)
    counted = Document(doc.text, sentences, doc.quotes)
    builtin_vocabulary()
    _SliceCountingTokens.copied = 0
    steps = count_steps(lambda: find_actors(counted))
    return steps + _SliceCountingTokens.copied


def mbic_without_punctuation(n_chars: int) -> str:
    """MBIC news run together with its punctuation and line breaks stripped: one sentence."""
    import re

    import pandas as pd

    from .conftest import BABE, require

    path = require(BABE / "final_labels_MBIC.csv", "the MBIC file")
    articles = pd.read_csv(path, usecols=["article"])["article"].dropna().unique()
    text, joined = "", " ".join(articles)
    while len(text) < n_chars:
        text += " ".join(re.sub(r"[^\w\s'’-]", "", joined).split()) + " "
    return text[:n_chars]


@pytest.mark.parametrize("shape", ["calls", "mbic"])
def test_actor_scan_is_linear_in_one_long_sentence(shape):
    """Regression (issue 30, item 8): ``any(... for t in tokens[:i])`` copied the sentence
    up to every capitalised word: 'what Smith calls ' * n took 15 s at 800 K characters."""
    make = {"calls": lambda n: "what Smith calls " * (n // 17),
            "mbic": mbic_without_punctuation}[shape]
    small, large = make(25_000), make(100_000)
    assert len(tokenize_sentences(large)) == 1
    actor_scan_work(large)  # warm the per-word caches, so both runs count the scan alone
    assert actor_scan_work(large) / actor_scan_work(small) <= MAX_RATIO_4X


@pytest.mark.parametrize("shape", ["calls", "mbic"])
def test_analysis_of_one_long_sentence_is_linear(no_model, shape):
    """The whole analysis of the item-8 shapes, counted in Python steps, at 4x the size."""
    make = {"calls": lambda n: "what Smith calls " * (n // 17),
            "mbic": mbic_without_punctuation}[shape]
    small, large = make(25_000), make(100_000)
    ratio_4x = count_steps(lambda: no_model.analyze(large)) / count_steps(
        lambda: no_model.analyze(small))
    assert ratio_4x <= MAX_RATIO_4X


def test_coordinated_speech_verbs_in_one_long_sentence_are_linear(no_model):
    """Regression (issue 26): every "and said" looked for its subject's verb over the
    whole sentence before it, so a long line without full stops grew quadratically."""
    unit = "Harlow Rovers thanked Ivo Senn and said the club would grow "
    small, large = unit * 150, unit * 600
    ratio_4x = count_steps(lambda: no_model.analyze(large)) / count_steps(
        lambda: no_model.analyze(small))
    assert ratio_4x <= MAX_RATIO_4X

def test_described_speakers_of_thousands_of_quotations_are_linear():
    """Regression (issue 26): a described speaker ("the neighbour") was looked up among
    every earlier speaker, so each quote's lookup grew with the text."""
    from framing.records import Quote
    from framing.voices.phrases import earlier_description

    def quotes(n: int) -> list:
        return [Quote(i, i + 1, "x", speaker="the neighbour") for i in range(n)]

    small, large = quotes(500), quotes(2_000)
    ratio_4x = count_steps(lambda: earlier_description(large)) / count_steps(
        lambda: earlier_description(small))
    assert ratio_4x <= MAX_RATIO_4X

def tokenize_sentences(text: str):
    from framing.tokenize import tokenize

    return tokenize(text).sentences


# --- issue 26: the default analysis (shipped model) on four shapes, at 4x the size ---

QUOTATIONS = '“The plan is a reckless gamble,” said Mara Quell. She added: "We will fight it." '


def quotation_work(text: str) -> int:
    """Python steps plus mention-list elements copied by slices while quotes are attributed."""
    from dataclasses import replace

    from framing.tokenize import tokenize
    from framing.voices.actors import builtin_vocabulary, find_actors
    from framing.voices.attribution import attribute_quotes
    from framing.voices.verbs import speech_verbs
    from framing.lexicon import load_lexicon

    doc = tokenize(text)
    actors = find_actors(doc, builtin_vocabulary())
    counting = slice_counter(list)
    actors = replace(actors, mentions=counting(actors.mentions))
    verbs = speech_verbs(load_lexicon())
    counting.copied = 0
    steps = count_steps(lambda: attribute_quotes(doc, doc.quotes, actors, verbs))
    return steps + counting.copied


def test_attribution_of_thousands_of_quotations_is_linear():
    """Regression (issue 26): each quote's mention lookup copied the rest of the
    document's mention list (``mentions[i:]``)."""
    small, large = QUOTATIONS * 150, QUOTATIONS * 600
    assert quotation_work(large) / quotation_work(small) <= MAX_RATIO_4X


ISSUE_26_SHAPES = {
    "quotations": lambda n: (QUOTATIONS * (n // len(QUOTATIONS) + 1))[:n],
    "one paragraph": lambda n: " ".join(article_words(n // 5).split())[:n],
    "short lines": lambda n: "\n".join(f"Item {i}: the so-called reform"
                                       for i in range(n // 30 + 1))[:n],
}


@requires_shipped
@pytest.mark.parametrize("shape", sorted(ISSUE_26_SHAPES))
def test_default_analysis_of_each_shape_is_linear(shape):
    analyzer = Analyzer()
    make = ISSUE_26_SHAPES[shape]
    small, large = make(20_000), make(80_000)
    analyzer.analyze(large)  # warm the per-word caches
    ratio_4x = count_steps(lambda: analyzer.analyze(large)) / count_steps(
        lambda: analyzer.analyze(small))
    assert ratio_4x <= MAX_RATIO_4X


@pytest.mark.parametrize("enabled", [True, False])
def test_an_analysis_leaves_the_cycle_collector_as_it_found_it(no_model, enabled):
    import gc

    seen = []
    original = no_model._analyze

    def spy(*args):
        seen.append(gc.isenabled())
        return original(*args)

    (gc.enable if enabled else gc.disable)()
    try:
        no_model._analyze = spy
        no_model.analyze("The reckless plan failed. It rained.")
        assert seen == [False] and gc.isenabled() is enabled
    finally:
        del no_model._analyze
        gc.enable()
