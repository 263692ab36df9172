"""CPU time against input size: analysis time should grow linearly with the text.

Run from the repository root:

    python benchmarks/linearity.py            # 10k, 100k and 1M words; a few minutes
    python benchmarks/linearity.py --only-one-sentence   # issue 30's shapes alone
    python benchmarks/linearity.py --shapes [--megabytes 1 2 4]   # issue 26: four shapes,
        # the full default analysis (shipped model) at 1, 2 and 4 MB; linear is 4.0x

The tests (tests/test_resources.py, tests/voices/test_attribution.py) check the same
shapes by counting executed Python steps, which no other job on the machine can disturb;
this script also sees work done inside C (regular expressions, string searches), which
they cannot count. Read the ratios: for ten times the input, linear is 10, n log n about
12, a quadratic step 100. Times are process CPU time, median of repeats. The 1M-word text
runs without the slant model, whose stage is timed on 10k and 100k words on its own.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.test_resources import article_words  # noqa: E402


def seconds(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--largest", type=int, default=1_000_000, help="largest text in words")
    parser.add_argument("--only-one-sentence", action="store_true",
                        help="only the one-long-sentence shapes of issue 30")
    parser.add_argument("--shapes", action="store_true",
                        help="issue 26: four hostile shapes, the default analysis, by size")
    parser.add_argument("--megabytes", type=float, nargs="+", default=[1, 2, 4])
    parser.add_argument("--only", default=None, help="one shape of --shapes, by name")
    args = parser.parse_args()
    from framing import Analyzer

    if args.shapes:
        shapes_by_size(Analyzer(), args.megabytes, args.only)
        return

    no_model = Analyzer(model=None)
    no_model.analyze(article_words(100))
    if args.only_one_sentence:
        one_sentence_shapes(no_model)
        return
    sizes = [n for n in (10_000, 100_000, 1_000_000) if n <= args.largest]
    times = {n: seconds(lambda n=n: no_model.analyze(article_words(n)), 3 if n < 1e6 else 1)
             for n in sizes}
    for small, large in zip(sizes, sizes[1:], strict=False):
        print(f"analysis, no model: {small:,} words {times[small]:.2f}s, {large:,} words "
              f"{times[large]:.2f}s, ratio {times[large] / times[small]:.1f}")
    model = Analyzer()
    analyses = {n: no_model.analyze(article_words(n)) for n in (10_000, 100_000)}
    score = model.classifier.score
    score(analyses[10_000].sentences[:20])
    t10k = seconds(lambda: score(analyses[10_000].sentences), 3)
    t100k = seconds(lambda: score(analyses[100_000].sentences), 1)
    print(f"classifier stage: 10,000 words {t10k:.2f}s, 100,000 words {t100k:.2f}s, "
          f"ratio {t100k / t10k:.1f}")
    unit = 'the so-called "plan" was, said the minister, a “reform” of sorts, '
    small = seconds(lambda: no_model.analyze(unit * 500), 3)
    large = seconds(lambda: no_model.analyze(unit * 5_000), 1)
    print(f"one line of quotes and so-called: x500 {small:.2f}s, x5000 {large:.2f}s, "
          f"ratio {large / small:.1f}")
    one_sentence_shapes(no_model)


def one_sentence_shapes(no_model) -> None:
    """Issue 30, item 8: one sentence of many capitalised words, at 4x the size (the actor
    scan sliced the tokens before every capital: 1.0, 3.6 and 15.1 s at 200, 400, 800 K)."""
    from tests.test_resources import mbic_without_punctuation

    shapes = {"'what Smith calls ' * n": lambda n: "what Smith calls " * (n // 17),
              "MBIC news without punctuation": mbic_without_punctuation}
    sizes = (200_000, 800_000, 3_200_000)
    for name, make in shapes.items():
        texts = {n: make(n) for n in sizes}
        times = {n: seconds(lambda t=texts[n]: no_model.analyze(t), 3 if n < 1e6 else 1)
                 for n in sizes}
        for small, large in zip(sizes, sizes[1:], strict=False):
            print(f"{name}: {small:,} characters {times[small]:.2f}s, {large:,} "
                  f"{times[large]:.2f}s, ratio {times[large] / times[small]:.1f} (linear is 4)")


def shape_texts() -> dict[str, Callable[[int], str]]:
    """Issue 26's shapes, each a function of the size in characters."""
    from tests.test_resources import mbic_without_punctuation

    def repeated(unit: str) -> Callable[[int], str]:
        return lambda n: (unit * (n // len(unit) + 1))[:n]

    def paragraph(n: int) -> str:
        return " ".join(article_words(n // 5).split())[:n]

    return {
        "one line, no punctuation": mbic_without_punctuation,
        "thousands of quotations": repeated(
            '“The plan is a reckless gamble,” said Mara Quell. She added: "We will fight it." '),
        "one paragraph": paragraph,
        "100k short lines": lambda n: "\n".join(
            f"Item {i}: the so-called reform" for i in range(n // 30 + 1))[:n],
    }


def shapes_by_size(analyzer, megabytes: list[float], only: str | None) -> None:
    analyzer.analyze(article_words(300))
    for name, make in shape_texts().items():
        if only and only != name:
            continue
        times = {}
        for mb in megabytes:
            text = make(int(mb * 1_000_000))
            times[mb] = seconds(lambda t=text: analyzer.analyze(t), 1)
            print(f"{name}: {mb:g} MB {times[mb]:.1f}s CPU", flush=True)
        first, last = megabytes[0], megabytes[-1]
        print(f"{name}: {last:g} MB / {first:g} MB = {times[last] / times[first]:.2f}x "
              f"(linear is {last / first:.1f}x)", flush=True)


if __name__ == "__main__":
    main()
