"""What batch's data-safety guards cost per document, as a share of the analysis itself.

The guards that run per document (issue 19): the CPU-time limit (``--timeout-per-doc``;
the SIGPROF handler is installed once per chunk, the timer armed per document) and the
printable id. Compared with analysing a 100-word document without the slant model, the
cheapest analysis there is, so the printed share is an upper bound.

    python benchmarks/batch_guard_overhead.py
"""

from __future__ import annotations

import time
import timeit

from framing.corpus.batch import AnalyzerSpec, _analyzer, analyze_doc
from framing.corpus.inputs import Doc
from framing.corpus.safety import _printable_doc, cpu_time_limit, timeout_handler

TEXT = "The council approved the budget on Tuesday after critics slammed the regime. " * 8
REPEATS = 20_000


def _limit() -> None:
    with cpu_time_limit(120.0):
        pass


def main() -> None:
    doc = Doc("x", {"source": "x"}, text=TEXT)
    with timeout_handler():
        limit = timeit.timeit(_limit, number=REPEATS) / REPEATS
    printable = timeit.timeit(lambda: _printable_doc(doc), number=REPEATS) / REPEATS
    analyzer = _analyzer(AnalyzerSpec(model=None))
    analyze_doc(doc, analyzer)
    start = time.process_time()
    for _ in range(300):
        analyze_doc(doc, analyzer)
    analysis = (time.process_time() - start) / 300
    print(f"limit {limit * 1e6:.1f} us + printable id {printable * 1e6:.1f} us per document; "
          f"a 100-word document without the model {analysis * 1e6:.0f} us; "
          f"guards / analysis = {(limit + printable) / analysis:.2%}")


if __name__ == "__main__":
    main()
