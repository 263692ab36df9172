"""Shared fixtures: a toy lexicon, a tiny corpus, and the paths of the shared data."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests (tests/test_properties.py) take their example counts from these
# profiles: "ci", the default, runs the full count (at least 2,000 examples over the
# pipeline); HYPOTHESIS_PROFILE=dev runs a tenth of it while working on the code.
settings.register_profile("ci", max_examples=350, deadline=None)
settings.register_profile("dev", max_examples=35, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
# FRAMING_SHARED points elsewhere when the tests run from a copy (mutmut's mutants/).
SHARED = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))
SAMPLE = SHARED / "samples" / "000_3aa04ce601e32b4d.txt"
BABE = SHARED / "data" / "babe"

TOY_LEXICON = (
    "term\tcategory\tweight\tpolarity\trationale\talternative\tforms\n"
    "bellicose\tloaded_negative\t0.8\t-1\tPaints a side as eager for war.\tassertive\texact\n"
    "slam\tloaded_negative\t0.6\t-1\tMakes criticism sound like a fight.\tcriticize\t\n"
    "power grab\tloaded_negative\t0.7\t-1\tCalls a policy a grab.\texpansion of powers\t\n"
    "regime\tlabel\t0.6\t-1\tDenies a government legitimacy.\tgovernment\t\n"
    "tax regime\texception\t0\t0\t\t\t\n"
    "go\tloaded_negative\t0.1\t-1\tIrregular forms listed.\t\twent|gone\n"
)

TINY_CORPUS = {
    "plain": "The council met on Tuesday. It approved the budget.",
    "loaded": "Critics slammed the regime's bellicose plan. It was a power grab.",
    "quoted": '"This is a bellicose plan," the minister said. The vote passed.',
    "exception": "The new tax regime starts in May.",
}


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str) -> None:
    """Skip on a user's machine; fail where CI=true, where every test must run."""
    if on_ci():
        pytest.fail(f"{reason} (CI=true: this test must run, not skip)", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def require(path: Path, what: str) -> Path:
    """Skip when shared data is absent (a user's clone); fail where CI=true."""
    if path.exists():
        return path
    unavailable(f"{what} not found at {path}; it lies beside the checkout in ../shared")
    return path


def require_module(name: str, extra: str):
    """Import an optional dependency, or skip (fail where CI=true) naming the extra."""
    try:
        return importlib.import_module(name)
    except ImportError:
        unavailable(f"{name} is not installed (pip install -e '.[{extra}]')")


@pytest.fixture(scope="session")
def shipped_models() -> None:
    """The shipped slant and expert-word models. Without them ``Analyzer()`` falls back to
    the density score, so a suite that skipped would look green while testing neither."""
    from framing.slant.modelfile import SHIPPED_MODEL, SHIPPED_WORD_MODEL, shipped_model_path

    missing = [n for n in (SHIPPED_MODEL, SHIPPED_WORD_MODEL) if shipped_model_path(n) is None]
    if missing:
        unavailable(f"no shipped model {', '.join(missing)} in framing/models")


#: Mark a test that needs the shipped models (a failure under CI=true when they are missing).
requires_shipped = pytest.mark.usefixtures("shipped_models")


def peak_bytes(work: Callable[[], object]) -> int:
    """The most memory Python allocated while ``work`` ran (tracemalloc), after a collection."""
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def slice_counter(base: type) -> type:
    """A subclass of ``str`` or ``tuple`` whose ``copied`` counts the elements its slices
    copy: work done in C, which :func:`count_steps` cannot see, counted without a clock."""

    class Counting(base):  # type: ignore[misc, valid-type]
        copied = 0

        def __getitem__(self, key):
            part = base.__getitem__(self, key)
            if isinstance(key, slice):
                Counting.copied += len(part)
            return part

    Counting.__name__ = f"Counting{base.__name__.title()}"
    return Counting


def count_steps(work: Callable[[], object]) -> int:
    """The Python lines and calls ``work`` executes: a count of work that, unlike a clock,
    does not depend on what else the machine is doing. Linear-time checks compare it for
    two input sizes. Work done inside C (a regular expression, ``str.find``) is not
    counted; benchmarks/linearity.py times that as CPU-time ratios.
    """
    steps = 0

    def trace(frame, event, arg):
        nonlocal steps
        steps += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        work()
    finally:
        sys.settrace(previous)
    return steps


@pytest.fixture
def toy_lexicon_file(tmp_path: Path) -> Path:
    path = tmp_path / "toy.tsv"
    path.write_text(TOY_LEXICON, encoding="utf-8")
    return path


@pytest.fixture
def toy_analyzer(toy_lexicon_file: Path):
    from framing import Analyzer

    return Analyzer([toy_lexicon_file], builtin_lexicons=False, model=None, word_model=None)


@pytest.fixture
def sample_path() -> Path:
    return require(SAMPLE, "the Sputnik sample article")


@pytest.fixture
def sample_text(sample_path: Path) -> str:
    return sample_path.read_text(encoding="utf-8")


@pytest.fixture
def babe_dir() -> Path:
    return require(BABE, "the BABE/MBIC data folder")

TOY_BIASED = [
    "Critics slammed the reckless plan as a shameful power grab.",
    "The regime's bellicose posturing alarmed its neighbours.",
    "Lawmakers rammed through a disastrous bill in a brazen stunt.",
    "The so-called reform is a sinister scheme to silence critics.",
    "Extremists pushed a radical agenda that will wreck the economy.",
    "The minister lashed out in a bizarre tirade against reporters.",
    "Thugs hijacked the peaceful march and terrorised the city.",
    "The senator ranted about a witch hunt by his enemies.",
    "The outrageous decision is a slap in the face to voters.",
    "The corrupt elites rigged the system once again.",
    "A heroic band of activists bravely stood up to the tyrant.",
    "The bill is a blatant handout to greedy corporations.",
]
TOY_NEUTRAL = [
    "The council approved the budget on Tuesday by seven votes to two.",
    "The minister said the plan would be published next month.",
    "The company reported quarterly revenue of 4.2 million dollars.",
    "Officials expect the new bridge to open in the spring.",
    "The committee will meet again on Friday to review the proposal.",
    "Rainfall in March was close to the long-term average.",
    "The school board hired two new teachers for the autumn term.",
    "The court scheduled the next hearing for early June.",
    "The museum extended its opening hours during the summer.",
    "The agency published figures on unemployment for the last quarter.",
    "The mayor met residents to discuss the new bus routes.",
    "The report lists the costs of each option in a table.",
]


@pytest.fixture
def toy_labelled_csv(tmp_path: Path) -> Path:
    """A tiny labelled corpus written for these tests, semicolon-separated like BABE."""
    import pandas as pd

    rows = [{"text": t, "label_bias": "Biased", "type": "left" if i % 2 else "right"}
            for i, t in enumerate(TOY_BIASED)]
    rows += [{"text": t, "label_bias": "Non-biased", "type": "left" if i % 2 else "right"}
             for i, t in enumerate(TOY_NEUTRAL)]
    rows.append({"text": "An unclear case.", "label_bias": "No agreement", "type": "center"})
    path = tmp_path / "toy_labels.csv"
    pd.DataFrame(rows).to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    return path
