"""The two parts of NLTK that framing uses, without importing the rest of NLTK.

``import nltk`` runs NLTK's package ``__init__``, which imports nearly all of NLTK and,
where they are installed, scikit-learn, SciPy and pandas: about two seconds before the
first sentence is split. framing needs only the Punkt algorithm and Porter's stemmer.

So, unless NLTK is imported already, framing loads private copies of those modules: the
packages ``nltk``, ``nltk.tokenize`` and ``nltk.stem`` are registered for the moment as
*deferred* modules whose ``__init__`` would run only if a name were asked for that no
submodule provides, the two modules are imported, and every ``nltk`` entry added to
``sys.modules`` is removed again. A research script that imports NLTK itself, before or
after framing, gets NLTK exactly as usual.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from typing import Any

_PACKAGES = ("nltk", "nltk.tokenize", "nltk.stem")
_LOCK = threading.RLock()


class _DeferredPackage(types.ModuleType):
    """A package whose ``__init__`` runs on the first lookup of a name it lacks."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name not in ("__all__", "__version__"):
            raise AttributeError(name)
        with _LOCK:
            if type(self) is _DeferredPackage:
                submodule = f"{self.__name__}.{name}"
                if importlib.util.find_spec(submodule) is not None:
                    return importlib.import_module(submodule)
                self.__class__ = types.ModuleType
                self.__spec__.loader.exec_module(self)
        return getattr(self, name)


def _defer(name: str) -> None:
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.submodule_search_locations is None:
        return
    module = _DeferredPackage(name)
    module.__spec__, module.__loader__, module.__file__ = spec, spec.loader, spec.origin
    module.__path__ = list(spec.submodule_search_locations)
    module.__package__ = name
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)


def _private_copy(module_name: str) -> types.ModuleType:
    with _LOCK:
        nltk = sys.modules.get("nltk")
        if nltk is not None and type(nltk) is not _DeferredPackage:
            return importlib.import_module(module_name)  # the user's NLTK: share it
        before = set(sys.modules)
        try:
            for name in _PACKAGES:
                _defer(name)
            return importlib.import_module(module_name)
        finally:
            for name in set(sys.modules) - before:
                if name == "nltk" or name.startswith("nltk."):
                    del sys.modules[name]


def punkt() -> types.ModuleType:
    """NLTK's ``nltk.tokenize.punkt`` module."""
    return _private_copy("nltk.tokenize.punkt")


def porter_stemmer():
    """A new ``nltk.stem.porter.PorterStemmer`` (rule-based; needs no downloaded data)."""
    return _private_copy("nltk.stem.porter").PorterStemmer()
