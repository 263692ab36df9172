"""A module imported on its first attribute lookup.

``framing.records`` and ``framing.schema`` build pandas tables, but an analysis printed
to the terminal or written as JSON never makes one; importing pandas costs about a third
of a second, so they hold ``pd = lazy_module("pandas")`` and pay only when a table is
asked for.

>>> json = lazy_module("json")
>>> json.dumps([1])
'[1]'
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class _LazyModule:
    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)


def lazy_module(name: str) -> Any:
    return _LazyModule(name)
