"""`import framing`, `framing --help` and `framing --version` stay light: NLTK,
scikit-learn and SciPy load only when an analysis needs them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("nltk", "sklearn", "scipy", "framing.slant.modelfile", "framing.analyzer")


def _loaded_after(code: str) -> list[str]:
    probe = (f"import sys, json\n{code}\n"
             f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_import_framing_loads_no_heavy_library():
    assert _loaded_after("import framing") == []


@pytest.mark.parametrize("option", ["--help", "--version"])
def test_help_and_version_load_no_model(option):
    code = ("from framing.cli import main\n"
            f"try:\n    main([{option!r}])\nexcept SystemExit:\n    pass")
    assert _loaded_after(code) == []


def test_an_analysis_loads_nltk_parts_but_never_scikit_learn_scipy_or_pandas():
    """Issue 26: Punkt and the shipped array model need neither scikit-learn nor SciPy;
    NLTK's package __init__ (which imports them) is deferred; pandas waits for a table."""
    code = ("import framing\nframing.Analyzer().analyze('The regime fell. It did.')\n"
            "import sys\nassert not any(m.startswith('nltk') for m in sys.modules)\n"
            "assert 'pandas' not in sys.modules")
    assert set(_loaded_after(code)) == {"framing.slant.modelfile", "framing.analyzer"}


@pytest.mark.parametrize("first", ["from nltk.corpus import stopwords\nimport nltk",
                                   "import nltk.tokenize.punkt\nimport nltk",
                                   "import nltk"])
def test_nltk_imported_after_framing_is_the_whole_of_nltk(first):
    code = ("import framing\nframing.Analyzer().analyze('The regime fell. It did.')\n"
            f"{first}\n"
            "assert nltk.TreebankWordTokenizer().tokenize('It is.') == ['It', 'is', '.']\n"
            "assert nltk.stem.SnowballStemmer and nltk.tokenize.punkt.PunktSentenceTokenizer\n"
            "assert nltk.__version__ and callable(nltk.download)")
    assert "sklearn" in _loaded_after(code)  # NLTK's own __init__ ran, as it does alone


def test_every_public_name_resolves():
    import framing

    assert set(framing.__all__) == {*framing._EXPORTS, "__version__"}
    for name in framing.__all__:
        assert getattr(framing, name) is not None
    assert "Analyzer" in dir(framing)
    with pytest.raises(AttributeError):
        framing.no_such_name  # noqa: B018


def test_help_lists_each_command_with_its_own_first_line():
    from framing.cli.app import COMMANDS, SUMMARIES, main

    for name in COMMANDS:
        command = main.get_command(None, name)
        assert command.name == name
        assert command.help.strip().splitlines()[0] == SUMMARIES[name], name
