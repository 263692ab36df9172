"""CPU-time throughput of `framing batch` over the first minutes of a corpus.

On a shared machine wall time mostly measures the other programs; CPU seconds do not.
This starts `framing batch` on a corpus (a JSONL made by batch_throughput.py), lets it
run for --seconds, then reads the documents committed in the manifest and the CPU time
(user + system) of the whole process tree, and prints documents per CPU second.

    python benchmarks/batch_cpu_rate.py CORPUS.jsonl --jobs 1 --seconds 420
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    import psutil

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=420)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="framing-cpu-"))
    command = [sys.executable, "-m", "framing", "batch", str(args.corpus), "--id-col", "id",
               "--meta-col", "outlet", "-o", str(out), "-j", str(args.jobs), "-q"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = psutil.Process(proc.pid)
    cpu: dict[int, float] = {}
    started = time.perf_counter()
    while time.perf_counter() - started < args.seconds and proc.poll() is None:
        for process in [root, *root.children(recursive=True)]:
            try:
                times = process.cpu_times()
                cpu[process.pid] = times.user + times.system
            except psutil.Error:
                pass
        time.sleep(0.5)
    manifest = out / "parts" / "manifest.jsonl"
    docs = sum(len(json.loads(line)["ids"]) for line in manifest.read_text().splitlines())
    proc.send_signal(signal.SIGINT)
    proc.wait()
    seconds = sum(cpu.values())
    print(json.dumps({"jobs": args.jobs, "docs_committed": docs, "cpu_seconds": round(seconds, 1),
                      "wall_seconds": round(time.perf_counter() - started, 1),
                      "docs_per_cpu_second": round(docs / seconds, 2),
                      "note": "CPU includes start-up (imports, model load) and uncommitted work"}))


if __name__ == "__main__":
    main()
