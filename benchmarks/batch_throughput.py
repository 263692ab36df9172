"""Throughput and peak memory of `framing batch` beside an in-process loop and VADER.

Run from the repository root (needs the test extras for VADER and psutil from the dask extra):

    python benchmarks/batch_throughput.py [--run 20:1 20:2 20:loop 20:vader 10:1 40:1] [--no-model]

The peers: ``loop`` analyses the same texts with one ``Analyzer`` in a plain Python loop
(the library used directly, in its own process, model loading included, as `framing batch`
pays it too), so ``batch -j 1 / loop`` is the cost of batch's reading, rows, part files
and assembly; ``vader`` is VADER's polarity_scores. Each row also records CPU seconds,
which a loaded machine disturbs less than wall seconds.

The corpus is MBIC's distinct articles repeated (each copy with its own id) until it
reaches the size asked, written as one JSONL table. `framing batch` runs as a separate
process with the shipped model; memory is the peak resident set of its whole process
tree (main process plus workers), sampled every 50 ms. VADER's polarity_scores runs in its
own process over the same JSONL, read line by line. Read the ratios, not the MB/s: the
machine may be shared (the load average is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/babe/final_labels_MBIC.csv"

#: CPU seconds (user + system) of the last measured command and its waited-for children;
#: less sensitive than wall time to other programs sharing the machine.
LAST_CPU_SECONDS = 0.0

VADER_SCRIPT = """
import json, sys
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
vader = SentimentIntensityAnalyzer()
with open(sys.argv[1], encoding="utf-8") as handle:
    for line in handle:
        vader.polarity_scores(json.loads(line)["text"])
"""


LOOP_SCRIPT = """
import json, sys
from framing import Analyzer
analyzer = Analyzer(model=None if sys.argv[2] == "no-model" else "shipped")
with open(sys.argv[1], encoding="utf-8") as handle:
    for line in handle:
        row = json.loads(line)
        analyzer.analyze(row["text"], doc_id=row["id"], meta={"outlet": row["outlet"]})
"""


def build_corpus(data: Path, megabytes: float, out: Path) -> tuple[int, float]:
    table = pd.read_csv(data, usecols=["article", "outlet"]).dropna()
    table = table.drop_duplicates("article")
    target = megabytes * 1e6
    size, n = 0, 0
    with out.open("w", encoding="utf-8") as handle:
        while size < target:
            for article, outlet in zip(table["article"], table["outlet"], strict=True):
                handle.write(json.dumps({"id": f"d{n}", "text": article, "outlet": outlet}) + "\n")
                size += len(article.encode("utf-8"))
                n += 1
                if size >= target:
                    break
    return n, size / 1e6


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of a command's whole process tree."""
    import psutil

    global LAST_CPU_SECONDS
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU_SECONDS = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{proc.stderr.read().decode()}")
    return seconds, peak / 1e6


def framing_batch(corpus: Path, jobs: int, workdir: Path, no_model: bool) -> tuple[float, float]:
    out = workdir / f"out-{corpus.stem}-{jobs}-{time.time_ns()}"
    command = [sys.executable, "-m", "framing", "batch", str(corpus), "--id-col", "id",
               "--meta-col", "outlet", "-o", str(out), "-j", str(jobs), "-q"]
    return measure(command + (["--no-model"] if no_model else []))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--run", nargs="+", default=["20:1", "20:2", "20:vader", "10:1", "40:1"],
                        help="Measurements in order, SIZE_MB:JOBS, SIZE_MB:loop or "
                             "SIZE_MB:vader.")
    parser.add_argument("--no-model", action="store_true",
                        help="framing batch without the classifier (flags only).")
    parser.add_argument("--results", type=Path, default=Path("benchmarks/batch_throughput.jsonl"),
                        help="Each measurement is appended here as soon as it is done.")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="framing-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    for item in args.run:
        size_text, how = item.split(":")
        size = float(size_text)
        path = workdir / f"corpus{size:g}.jsonl"
        if not path.exists():
            build_corpus(args.data, size, path)
        n = sum(1 for _ in path.open(encoding="utf-8"))
        megabytes = sum(len(json.loads(line)["text"].encode("utf-8"))
                        for line in path.open(encoding="utf-8")) / 1e6
        load = os.getloadavg()[0]
        if how == "vader":
            seconds, peak = measure([sys.executable, "-c", VADER_SCRIPT, str(path)])
            tool, jobs = "vader polarity_scores", 1
        elif how == "loop":
            model = "no-model" if args.no_model else "model"
            seconds, peak = measure([sys.executable, "-c", LOOP_SCRIPT, str(path), model])
            tool, jobs = "analyze loop" + (" --no-model" if args.no_model else ""), 1
        else:
            jobs = int(how)
            seconds, peak = framing_batch(path, jobs, workdir, args.no_model)
            tool = "framing batch" + (" --no-model" if args.no_model else "")
        row = {"tool": tool, "jobs": jobs, "MB": round(megabytes, 2), "docs": n,
               "seconds": round(seconds, 1), "cpu_seconds": round(LAST_CPU_SECONDS, 1),
               "docs_per_s": round(n / seconds, 2),
               "MB_per_s": round(megabytes / seconds, 4), "peak_MB": round(peak),
               "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2),
               "cores": os.cpu_count()}
        print(json.dumps(row), flush=True)
        with args.results.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(row) + "\n")
    summarize(args.results)


def summarize(results: Path) -> None:
    """Ratios against the peers on the same corpus size, from every row recorded so far."""
    table = pd.read_json(results, lines=True)
    for peer, column in (("vader", "speed_vs_vader"), ("analyze loop", "speed_vs_loop")):
        rows = table[table["tool"].str.startswith(peer)].groupby("MB")
        table[column] = (table["MB_per_s"] / table["MB"].map(rows["MB_per_s"].last())).round(2)
        table[f"cpu_{column}"] = (table["MB"].map(rows["cpu_seconds"].last())
                                  / table["cpu_seconds"]).round(2)
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
