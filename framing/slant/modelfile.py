"""Saving and loading slant models, each with a JSON model card beside it.

A model is stored one of two ways:

- ``.npz``: plain arrays and a JSON spec (:mod:`framing.slant.arrays`), read with
  ``allow_pickle=False`` and scored in NumPy. Both shipped models are: loading them
  imports neither scikit-learn nor pickle. An array file holds only numbers and text, so
  any such file may be loaded.
- anything else (``.joblib``): a joblib pickle, for models the array format does not
  hold (a suggestion model whose sentence model reads lexicon features). A pickle can
  run code when loaded, so one is refused unless the caller says they trust it.

Every file is checked against the SHA-256 in its card, on the very bytes that are read.
"""

from __future__ import annotations

import hashlib
import io
import json
import warnings
from importlib import resources
from pathlib import Path
from typing import Any

from framing.errors import ModelError

SHIPPED_MODEL = "slant.npz"
ARRAY_SUFFIX = ".npz"
ZIP_MAGIC = b"PK\x03\x04"  # an .npz is a zip archive; a pickle never starts so
SHIPPED_WORD_MODEL = "words.npz"


class ModelVersionWarning(UserWarning):
    """The model was saved with another scikit-learn or lexicon version than in use."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sha256_of_bytes(data: bytes) -> str:
    digest = hashlib.sha256()
    digest.update(data)
    return digest.hexdigest()


def card_path(model_path: Path) -> Path:
    return model_path.with_suffix(".json")


def shipped_model_path(name: str = SHIPPED_MODEL) -> Path | None:
    """Where a shipped model lies, or None when the package has none."""
    path = Path(str(resources.files("framing.models").joinpath(name)))
    return path if path.exists() else None


def save_model(model: Any, path: str | Path, card: dict[str, Any]) -> dict[str, Any]:
    """Write the model (as arrays for a ``.npz`` path, else as a joblib pickle) and its
    card; the card gains the file's SHA-256 and size."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ARRAY_SUFFIX:
        write_arrays_of(model, path)
        card = {**card, "format": "arrays (.npz, see framing.slant.arrays)"}
    else:
        import joblib

        joblib.dump(model, path, compress=3)
    card = {**card, "sha256": sha256_of(path), "size_bytes": path.stat().st_size}
    card_path(path).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return card


def read_card(path: str | Path) -> dict[str, Any]:
    """The model card beside a model file, or beside the file a symlink points to
    (empty when there is none)."""
    card_file = card_path(Path(path))
    if not card_file.exists():
        card_file = card_path(Path(path).resolve())
        if not card_file.exists():
            return {}
    try:
        card = json.loads(card_file.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as err:
        raise ModelError(f"{card_file}: the model card cannot be read ({err})") from None
    if not isinstance(card, dict):
        raise ModelError(f"{card_file}: the model card is not a JSON object "
                         f"(it is a JSON {type(card).__name__})")
    return card


def load_model(
    path: str | Path | None = None, *, trust: bool = False, name: str = SHIPPED_MODEL
) -> tuple[Any, dict[str, Any]]:
    """Load a model and its card.

    With no ``path``, the shipped model is loaded after its SHA-256 is checked against
    the card. Any other file must be trusted explicitly (``trust=True``), unless it is
    byte-for-byte the shipped model.
    """
    shipped = shipped_model_path(name)
    if path is None:
        if shipped is None:
            raise ModelError("this installation has no shipped slant model")
        path = shipped
    path = Path(path)
    if not path.is_file():
        raise ModelError(f"{path}: no such model file")
    is_shipped = shipped is not None and path.resolve() == shipped.resolve()
    card = read_card(shipped if is_shipped else path)
    # The bytes that are hashed are the bytes that are unpickled: reading the file
    # twice would let it be swapped between the check and the load.
    data = _read_model_bytes(path)
    digest = _sha256_of_bytes(data)
    if is_shipped and digest != card.get("sha256"):
        raise ModelError(
            f"{path}: the shipped model file was altered (its SHA-256 does not match the "
            "model card); reinstall framing"
        )
    if card.get("sha256") and digest != card["sha256"]:
        raise ModelError(
            f"{path}: the model file was altered or damaged since it was saved (its SHA-256 "
            f"does not match {card_path(path).name}); save or copy it again"
        )
    if data.startswith(ZIP_MAGIC):  # arrays: numbers and text only, safe to read
        return _array_model(path, data), card
    if not is_shipped and not trust and not _same_as_shipped(digest, shipped):
        raise ModelError(
            f"{path}: refusing to load an unknown model file; a model file is a pickle and "
            "can run code when loaded. If you made it or trust its source, pass "
            "--trust-model (trust=True in Python)"
        )
    _warn_on_version_mismatch(path, card)
    import joblib

    try:
        model = joblib.load(io.BytesIO(data))
    except Exception as err:  # a broken pickle can raise almost anything
        raise ModelError(f"{path}: the model file cannot be loaded ({type(err).__name__}: {err})") from None
    return model, card


def write_arrays_of(model: Any, path: Path) -> None:
    """A slant classifier or a suggestion model, as arrays."""
    from framing.slant.arrays import WORD_FORMAT, write_arrays
    from framing.slant.words import WordFlagger, flagger_arrays

    if isinstance(model, WordFlagger):
        write_arrays(path, *flagger_arrays(model), kind=WORD_FORMAT)
    else:
        from framing.slant.sentence import model_arrays

        write_arrays(path, *model_arrays(model))


def _array_model(path: Path, data: bytes):
    from framing.slant.arrays import WORD_FORMAT, ArraySlantModel, read_arrays

    try:
        arrays, spec = read_arrays(data)
        if spec["format"] == WORD_FORMAT:
            from framing.slant.words import flagger_from_arrays

            return flagger_from_arrays(arrays, spec)
        return ArraySlantModel(arrays, spec)
    except Exception as err:  # a damaged archive can fail in zipfile, zlib, json or numpy
        raise ModelError(f"{path}: the model file cannot be loaded ({type(err).__name__}: {err})") \
            from None


def _read_model_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise ModelError(f"{path}: the model file cannot be read ({err.strerror or err})") \
            from None


def _same_as_shipped(digest: str, shipped: Path | None) -> bool:
    return shipped is not None and digest == read_card(shipped).get("sha256")


def _warn_on_version_mismatch(path: Path, card: dict[str, Any]) -> None:
    import sklearn

    saved = card.get("sklearn_version")
    if saved and saved != sklearn.__version__:
        warnings.warn(
            f"{path}: the model was saved with scikit-learn {saved} but {sklearn.__version__} "
            "is installed; its predictions may differ. Retrain it with `framing train`.",
            ModelVersionWarning,
            stacklevel=3,
        )
