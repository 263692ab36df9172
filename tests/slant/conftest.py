"""A guard for the integrity tests: an altered model file must never be unpickled."""

from __future__ import annotations

import os
from pathlib import Path

import joblib
import pytest

import framing.slant.modelfile as modelfile


class ReachedUnpickling(BaseException):
    """Raised, past every ``except Exception``, when an altered file reaches joblib.load."""


def _content(source) -> bytes | None:
    if isinstance(source, (str, os.PathLike)):
        return Path(source).read_bytes() if Path(source).is_file() else None
    if hasattr(source, "read") and hasattr(source, "seek"):
        position = source.tell()
        data = source.read()
        source.seek(position)
        return data
    return None


@pytest.fixture
def unpickling_forbidden(monkeypatch):
    """Call the returned function with a model file: from then on, unpickling those bytes
    (from that path, a copy, or a buffer) fails the test with a message that says why.

    Without the SHA-256 check an altered pickle would be unpickled, and the error would
    then be whatever the damaged bytes cause (a zlib error, a MemoryError, or the process
    killed), so the check's tests could pass or die for the wrong reason. Other files
    (an intact model beside the altered one) load as usual.
    """
    original = joblib.load
    forbidden: set[bytes] = set()

    def guarded(source, *args, **kwargs):
        if _content(source) in forbidden:
            raise ReachedUnpickling(
                "an altered model file reached joblib.load: the SHA-256 check did not refuse it")
        return original(source, *args, **kwargs)

    monkeypatch.setattr(joblib, "load", guarded)
    monkeypatch.setattr(joblib.numpy_pickle, "load", guarded)
    for name, value in list(vars(modelfile).items()):
        if value is original:
            monkeypatch.setattr(modelfile, name, guarded)

    def forbid(path: Path) -> Path:
        forbidden.add(Path(path).read_bytes())
        return path

    return forbid
