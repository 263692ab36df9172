"""Model files a hostile or careless user can make (issue 19, item 8 and the minor items).

* The bytes that are hashed are the bytes that are unpickled: swapping the file right
  after the check must not run an unchecked pickle.
* A model card that is a JSON list, a string or nested past Python's recursion limit is
  one error line, not a traceback.
* A symlink to the shipped model is the shipped model, not an altered one.
"""

from __future__ import annotations

import hashlib
import json

import joblib
import pytest

import framing.slant.modelfile as modelfile
from framing.errors import ModelError
from framing.slant.modelfile import SHIPPED_MODEL, load_model, shipped_model_path

from .test_model_integrity import (
    RunsCode,
    assert_one_line,
    copy_model,
    install_as_shipped,
    requires_shipped,
    run,
)
from .test_model_integrity import article as article  # noqa: F401  (a fixture)


@requires_shipped
def test_file_swapped_after_the_hash_is_never_unpickled(tmp_path, monkeypatch):
    folder = tmp_path / "models"
    model_file = copy_model(folder)
    install_as_shipped(monkeypatch, folder)
    marker, evil = tmp_path / "pwned", tmp_path / "evil.joblib"
    joblib.dump(RunsCode(marker), evil)
    real_sha256 = hashlib.sha256

    class SwapWhenDone:
        """A SHA-256 whose result comes after the attacker swapped the file."""

        def __init__(self, *args):
            self.inner = real_sha256(*args)

        def update(self, data):
            self.inner.update(data)

        def hexdigest(self):
            evil.replace(model_file)
            return self.inner.hexdigest()

    monkeypatch.setattr(modelfile.hashlib, "sha256", SwapWhenDone)
    model, card = load_model()
    assert not marker.exists()
    assert hasattr(model, "predict_proba") and card["sha256"]


@pytest.mark.parametrize(
    "card",
    ["[1, 2, 3]", '"a string"', "null", "[" * 100_000 + "]" * 100_000,
     '{"a":' * 100_000 + "1" + "}" * 100_000],
    ids=["list", "string", "null", "deep list", "deep object"],
)
def test_odd_model_cards_are_one_line_errors(tmp_path, article, card):  # noqa: F811
    path = tmp_path / "model.joblib"
    path.write_bytes(b"x")
    path.with_suffix(".json").write_text(card, encoding="utf-8")
    assert_one_line(run("score", article, "--model", path, "--trust-model"),
                    "model.json", "model card")
    with pytest.raises(ModelError, match="model card"):
        load_model(path, trust=True)


@requires_shipped
def test_a_symlink_to_the_shipped_model_is_not_reported_as_altered(tmp_path):
    link = tmp_path / "mine.joblib"
    link.symlink_to(shipped_model_path())
    model, card = load_model(link)
    assert card["sha256"] and hasattr(model, "predict_proba")


@requires_shipped
def test_a_shipped_model_installed_as_symlinks_loads(tmp_path, monkeypatch, article):  # noqa: F811
    """Package managers that link installed files into a store (Nix, some wheels caches)."""
    store = copy_model(tmp_path / "store")
    folder = tmp_path / "models"
    folder.mkdir()
    (folder / SHIPPED_MODEL).symlink_to(store)
    install_as_shipped(monkeypatch, folder)
    result = run("score", article, "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["slant"]["method"] != "flag-density"
