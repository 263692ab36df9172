"""Model integrity through the command line (issue 9); the loader itself is in test_modelfile.

An altered model file is refused by its SHA-256, an unknown one needs --trust-model (and is
never unpickled without it), and a model card naming another scikit-learn version gives
one warning line naming both versions.
"""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import joblib
import pytest
import sklearn
from click.testing import CliRunner

import framing.analyzer as analyzer_module
import framing.slant.modelfile as modelfile
from framing.cli import main
from framing.slant.modelfile import (
    SHIPPED_MODEL,
    SHIPPED_WORD_MODEL,
    save_model,
    shipped_model_path,
)

from ..conftest import requires_shipped

TEXT = "Critics slammed the regime's reckless plan. The council met on Tuesday."



def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def copy_model(folder: Path, name: str = SHIPPED_MODEL) -> Path:
    source = shipped_model_path(name)
    folder.mkdir(exist_ok=True)
    copy = folder / name
    shutil.copy(source, copy)
    shutil.copy(source.with_suffix(".json"), copy.with_suffix(".json"))
    return copy


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def install_as_shipped(monkeypatch, folder: Path) -> None:
    """Make the loader take ``folder`` for the package's models folder."""
    def where(name: str = SHIPPED_MODEL) -> Path | None:
        path = folder / name
        return path if path.exists() else None

    monkeypatch.setattr(modelfile, "shipped_model_path", where)
    monkeypatch.setattr(analyzer_module, "shipped_model_path", where)


def assert_one_line(result, *words: str, code: int = 2) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and all(w in lines[0] for w in words), lines
    return lines[0]


#: The one line a user sees, with the model file's path cut out (pytest names its temporary
#: folders after the test, so the path alone would contain "altered").
ALTERED_SHIPPED = ("framing: error: <path>: the shipped model file was altered (its SHA-256 "
                   "does not match the model card); reinstall framing")


@requires_shipped
@pytest.mark.parametrize("command", ["score", "report"])
def test_altered_shipped_model_is_refused(tmp_path, monkeypatch, article, command,
                                          unpickling_forbidden):
    model = copy_model(tmp_path / "models")
    flip_a_byte(model)
    unpickling_forbidden(model)
    install_as_shipped(monkeypatch, tmp_path / "models")
    extra = ["-o", tmp_path / "r.html"] if command == "report" else []
    line = assert_one_line(run(command, article, *extra))
    assert line.replace(str(model), "<path>") == ALTERED_SHIPPED
    assert not (tmp_path / "r.html").exists()


@requires_shipped
def test_altered_shipped_suggestion_model_is_refused(tmp_path, monkeypatch, article,
                                                      unpickling_forbidden):
    folder = tmp_path / "models"
    copy_model(folder)
    words = copy_model(folder, SHIPPED_WORD_MODEL)
    flip_a_byte(words)
    unpickling_forbidden(words)  # the slant model beside it is intact and loads
    install_as_shipped(monkeypatch, folder)
    line = assert_one_line(run("score", article, "--suggest"))
    assert line.replace(str(words), "<path>") == ALTERED_SHIPPED


@requires_shipped
def test_the_unaltered_copy_still_loads(tmp_path, monkeypatch, article):
    """The check above fails because of the flipped byte, not because of the move."""
    copy_model(tmp_path / "models")
    install_as_shipped(monkeypatch, tmp_path / "models")
    result = run("score", article, "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["slant"]["method"] != "flag-density"


@requires_shipped
def test_altered_model_with_its_card_is_refused_even_when_trusted(tmp_path, article,
                                                                  unpickling_forbidden):
    copy = copy_model(tmp_path / "mine")
    flip_a_byte(copy)
    unpickling_forbidden(copy)
    line = assert_one_line(run("score", article, "--model", copy, "--trust-model"))
    assert line.replace(str(copy), "<path>") == (
        "framing: error: <path>: the model file was altered or damaged since it was saved (its "
        "SHA-256 does not match slant.json); save or copy it again")


@requires_shipped
def test_shipped_array_model_ignores_the_scikit_learn_it_was_trained_with(tmp_path,
                                                                         monkeypatch, article):
    """Arrays score the same under any scikit-learn (or none): no version warning. A
    pickle still warns (test_trusted_unknown_model_loads_with_a_version_warning)."""
    copy = copy_model(tmp_path / "models")
    card = json.loads(copy.with_suffix(".json").read_text(encoding="utf-8"))
    card["sklearn_version"] = "0.24.2"
    copy.with_suffix(".json").write_text(json.dumps(card), encoding="utf-8")
    install_as_shipped(monkeypatch, tmp_path / "models")
    result = run("score", article, "-f", "json")
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr
    assert json.loads(result.stdout)["sentences"][0]["slant_probability"] is not None


@pytest.fixture(scope="module")
def toy_model(tmp_path_factory) -> Path:
    import pandas as pd

    from framing.evaluation.train import read_labelled, train

    from ..conftest import TOY_BIASED, TOY_NEUTRAL

    folder = tmp_path_factory.mktemp("toy")
    csv = folder / "toy.csv"
    pd.DataFrame({"text": TOY_BIASED + TOY_NEUTRAL,
                  "label_bias": ["Biased"] * 12 + ["Non-biased"] * 12}).to_csv(csv, index=False)
    path = folder / "toy.joblib"
    save_model(train(read_labelled(csv)), path, {"sklearn_version": "0.0.1", "name": "toy"})
    return path


def test_unknown_model_needs_trust_model(toy_model, article):
    assert_one_line(run("score", article, "--model", toy_model), "framing: error:",
                    str(toy_model), "refusing to load an unknown model file", "--trust-model")


def test_trusted_unknown_model_loads_with_a_version_warning(toy_model, article):
    result = run("score", article, "--model", toy_model, "--trust-model", "-f", "json")
    assert_one_line(result, "framing: warning:", "scikit-learn 0.0.1", sklearn.__version__,
                    code=0)
    assert json.loads(result.stdout)["slant"]["method"] != "flag-density"


class RunsCode:
    """Unpickling this creates a file: proof that a pickle ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_pickle_that_runs_code_is_never_unpickled_without_trust(tmp_path, article):
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.joblib"
    joblib.dump(RunsCode(marker), evil)
    assert_one_line(run("score", article, "--model", evil), "--trust-model")
    assert_one_line(run("report", article, "--model", evil, "-o", tmp_path / "r.html"),
                    "--trust-model")
    assert not marker.exists()
    # The check is real: unpickling the same file does run the code.
    pickle.loads(pickle.dumps(RunsCode(marker)))
    assert marker.exists()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_bytes(b""), "cannot be loaded"),
        (lambda p: p.write_bytes(b"\x80\x04not a pickle"), "cannot be loaded"),
        (lambda p: p.mkdir(), "no such model file"),
        (lambda p: None, "no such model file"),
        (lambda p: (p.write_bytes(b"x"), p.with_suffix(".json").write_text("{broken")),
         "model card cannot be read"),
    ],
    ids=["empty", "garbage", "directory", "missing", "broken card"],
)
def test_broken_model_files_are_one_line_errors(tmp_path, article, make, words):
    path = tmp_path / "model.joblib"
    make(path)
    # The message names the model file, or its card (model.json) when the card is broken.
    assert_one_line(run("score", article, "--model", path, "--trust-model"),
                    str(path.with_suffix("")), words)
