"""Python's cycle collector held back while an analysis builds its objects.

An analysis allocates a few objects per word (tokens, flags, rows) and frees almost none
of them until it ends. Each of the collector's full passes walks every object alive, and
their number grows with the text, so on a long text the passes cost more than the
analysis: tokenizing a 4 MB paragraph took 5.4 times the CPU of 1 MB with the collector
on, 3.6 times with it held back (benchmarks/linearity.py --shapes). The collector is
switched off for the duration and back on afterwards, only if it was on; nested and
concurrent analyses share one count, so the last one out switches it back.

>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_state = {"depth": 0, "was_enabled": False}


@contextmanager
def collector_paused() -> Iterator[None]:
    with _LOCK:
        if _state["depth"] == 0:
            _state["was_enabled"] = gc.isenabled()
            gc.disable()
        _state["depth"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _state["depth"] -= 1
            if _state["depth"] == 0 and _state["was_enabled"]:
                gc.enable()
