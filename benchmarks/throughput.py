"""Throughput of framing.analyze beside VADER's polarity_scores on the same texts.

Run from the repository root:

    python benchmarks/throughput.py [--data ../shared/data/babe/final_labels_MBIC.csv]
    python benchmarks/throughput.py --voices-only --limit 300   # the voices layer alone
    python benchmarks/throughput.py --no-frames     # the same with the frame scorer off
    python benchmarks/throughput.py --no-voices     # speakers, actors and targets off

The switches turn a layer off in both framing runs, so the ratio of two runs (with and
without a layer, same texts) says what the layer costs.

Texts are the distinct full articles of MBIC. Both tools run in this one process on the
same texts, one after the other, best of --repeats passes; the figure that matters is
the ratio, not the absolute MB/s, which depends on the machine. The slant model caches
numbers per word type, so a first pass over the texts (cold caches) is timed and reported
apart from the best-of passes.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/babe/final_labels_MBIC.csv"


def load_articles(path: Path) -> list[str]:
    table = pd.read_csv(path, usecols=["article"])
    articles = table["article"].dropna().astype(str).drop_duplicates()
    return [a for a in articles if a.strip()]


def best_seconds(run: Callable[[str], object], texts: list[str], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for text in texts:
            run(text)
        best = min(best, time.perf_counter() - started)
    return best


def voices_seconds(texts: list[str], repeats: int) -> tuple[float, float]:
    """Best-of seconds of (the voices layer, the whole scoring pass) on tokenized texts.

    The voices layer is actors, quote attribution, scare-quote flags and targets; the
    lexicon and pattern flags it aims are computed once beforehand and not timed. It
    calls only functions that exist before and after issue 18, so the same script times
    an older checkout (``PYTHONPATH=/path/to/old/checkout``).
    """
    from framing.analyzer import Analyzer
    from framing.score import _mark_voice
    from framing.tokenize import QuoteIndex, tokenize
    from framing.voices.actors import find_actors
    from framing.voices.attribution import attribute_quotes
    from framing.voices.targets import assign_targets

    analyzer = Analyzer(model=None)
    scoring, docs = analyzer.scoring, [tokenize(text) for text in texts]
    flags = [[f for scorer in scoring.scorers for f in scorer(doc)] for doc in docs]

    def voices() -> None:
        for doc, doc_flags in zip(docs, flags, strict=True):
            actors = find_actors(doc, scoring.vocabulary)
            quotes = attribute_quotes(doc, doc.quotes, actors, scoring.speech_verbs)
            index = QuoteIndex([q for q in quotes if q.kind != "indirect"])
            assign_targets(doc, _mark_voice(doc_flags, index), actors)

    def scoring_pass() -> None:
        for doc in docs:
            scoring.score(doc)

    return (
        min(_seconds(voices) for _ in range(repeats)),
        min(_seconds(scoring_pass) for _ in range(repeats)),
    )


def _seconds(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def without_frames(analyzer) -> None:
    """The frame scorer with empty cue lexicons: every sentence gets no frames."""
    from framing.frames import FrameScorer

    analyzer.frame_scorer = FrameScorer(policy=[], moral=[])


def without_voices() -> None:
    """No actors, speakers or targets: quotations stay, unattributed; flags keep no target."""
    import framing.score as score
    from framing.tokenize import tokenize

    find_actors = score.find_actors
    score.find_actors = lambda doc, vocabulary: find_actors(tokenize(""), vocabulary)
    score.attribute_quotes = lambda doc, quotes, *rest: list(quotes)
    score.assign_targets = lambda doc, flags, actors: flags


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="Use only the first N articles.")
    parser.add_argument("--model", type=Path, default=None,
                        help="A slant model file of yours instead of the shipped one (trusted).")
    parser.add_argument("--voices-only", action="store_true",
                        help="Time only the voices layer and the scoring pass (no VADER, no model).")
    parser.add_argument("--no-frames", action="store_true", help="Turn the frame scorer off.")
    parser.add_argument("--no-voices", action="store_true",
                        help="Turn speakers, actors and targets off.")
    args = parser.parse_args()
    if args.voices_only:
        texts = load_articles(args.data)[: args.limit]
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        voices, scoring = voices_seconds(texts, args.repeats)
        print(f"texts: {len(texts)} MBIC articles, {megabytes:.2f} MB, best of {args.repeats}")
        print(f"voices layer (actors, quotes, targets) {megabytes / voices:8.3f} MB/s  ({voices:.2f} s)")
        print(f"scoring pass (flags + voices)          {megabytes / scoring:8.3f} MB/s  ({scoring:.2f} s)")
        return
    if args.no_voices:
        without_voices()

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing import Analyzer

    texts = load_articles(args.data)[: args.limit]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    started = time.perf_counter()
    # Shipped lexicons and, when the package has one, the shipped slant model.
    full = Analyzer(model=args.model, trust_model=True) if args.model else Analyzer()
    load_seconds = time.perf_counter() - started
    flags_only = Analyzer(model=None)
    if args.no_frames:
        without_frames(full)
        without_frames(flags_only)
    vader = SentimentIntensityAnalyzer()
    started = time.perf_counter()
    for text in texts:  # first pass: fills the per-word caches (model, lexicon), timed apart
        full.analyze(text)
    cold_seconds = time.perf_counter() - started
    flags_only.analyze(texts[0])
    timings = {
        "framing.analyze (full, with model)": best_seconds(full.analyze, texts, args.repeats),
        "framing.analyze (flags only)": best_seconds(flags_only.analyze, texts, args.repeats),
        "vader.polarity_scores": best_seconds(vader.polarity_scores, texts, args.repeats),
    }
    off = [name for name, on in (("frames", args.no_frames), ("voices", args.no_voices)) if on]
    print(f"texts: {len(texts)} MBIC articles, {megabytes:.2f} MB, best of {args.repeats}"
          + (f"; off: {', '.join(off)}" if off else ""))
    for name, seconds in timings.items():
        print(f"{name:<36} {megabytes / seconds:8.3f} MB/s  ({seconds:.2f} s)")
    vader_seconds = timings["vader.polarity_scores"]
    for name, seconds in list(timings.items())[:2]:
        print(f"ratio {name} / VADER: {vader_seconds / seconds:.2f}x (above 1 = faster than VADER)")
    print(f"first pass of the full analysis (cold per-word caches): {megabytes / cold_seconds:.3f} MB/s, "
          f"ratio to VADER {vader_seconds / cold_seconds:.2f}x")
    print(f"Analyzer() start-up incl. lexicons and model: {load_seconds:.2f} s")
    if full.model_card:
        from framing.slant.modelfile import load_model

        load = min(_seconds(load_model) for _ in range(3))
        print(f"shipped model: {full.model_card['size_bytes'] / 1e6:.1f} MB, "
              f"load_model() incl. SHA-256 check {load:.2f} s (best of 3)")


if __name__ == "__main__":
    main()
