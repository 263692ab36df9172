"""The suggestion model (issue 25): opt-in, a quiet layer of its own, never counted, and
never able to hide or change a curated lexicon flag."""

import json

import numpy as np
import pytest
from click.testing import CliRunner

from framing import Analyzer
from framing.categories import LOADED, SUGGESTED
from framing.cli import main
from framing.lexicon import load_lexicon
from framing.score import DocumentScorer
from framing.slant.modelfile import SHIPPED_WORD_MODEL, read_card, sha256_of, shipped_model_path
from framing.slant.words import Suggester, WordFlagger
from framing.tokenize import tokenize

from ..conftest import ROOT, TOY_BIASED, TOY_NEUTRAL, requires_shipped

SLANTED = (ROOT / "examples" / "river_dam_slanted.txt").read_text(encoding="utf-8")
requires_words_model = requires_shipped
MARKED = {"slammed", "reckless", "bellicose", "brazen", "sinister", "tirade", "outrageous", "stunt"}


@pytest.fixture(scope="module")
def toy_flagger():
    sentences = (TOY_BIASED + TOY_NEUTRAL) * 3
    golds = [{w.strip(".,").lower() for w in s.split()} & MARKED for s in sentences]
    return WordFlagger(Cs=(1.0,)).fit(sentences, golds)


def _flags(toy_flagger, text, suggestable=MARKED, lexicon=None):
    lexicon = load_lexicon() if lexicon is None else lexicon
    scoring = DocumentScorer(lexicon, suggester=Suggester(toy_flagger, suggestable, 0.0))
    return scoring.score(tokenize(text)).flags


def test_word_flagger_learns_toy_annotations(toy_flagger):
    assert 0.1 <= toy_flagger.threshold_ <= 0.81 and toy_flagger.C_ == 1.0
    (tokens,) = toy_flagger.predict_tokens(["Critics slammed the reckless plan."])
    flagged = {"Critics slammed the reckless plan."[s:e] for s, e, _ in tokens}
    assert {"slammed", "reckless"} <= flagged and "plan" not in flagged
    assert toy_flagger.predict_spans([]) == []


def test_suggestions_never_hide_or_change_a_lexicon_flag(toy_flagger):
    text = "Critics slammed the reckless plan as a shameful power grab."
    plain = DocumentScorer(load_lexicon()).score(tokenize(text)).flags
    with_suggester = _flags(toy_flagger, text)
    assert [f for f in with_suggester if f.layer != SUGGESTED] == plain
    assert "power grab" in {f.text for f in plain}


def test_suggestions_only_on_words_no_flag_covers(toy_flagger):
    empty = load_lexicon(builtin=False)
    flags = _flags(toy_flagger, "The outrageous tirade went on.", lexicon=empty)
    suggested = {f.text for f in flags if f.layer == SUGGESTED}
    assert {"outrageous", "tirade"} <= suggested
    for flag in flags:
        assert flag.category == SUGGESTED and flag.weight == 0 and "not counted" in flag.rationale
    covered = _flags(toy_flagger, "The outrageous tirade went on.")
    lexicon_spans = {(f.start, f.end) for f in covered if f.layer != SUGGESTED}
    assert not any((f.start, f.end) in lexicon_spans for f in covered if f.layer == SUGGESTED)


def test_only_suggestable_words_are_suggested(toy_flagger):
    """Words whose marks do not hold across topics (here: every word but "tirade") stay quiet."""
    flags = _flags(toy_flagger, "The outrageous tirade went on.", suggestable={"tirade"},
                   lexicon=load_lexicon(builtin=False))
    assert [f.text for f in flags] == ["tirade"]


def test_suggestions_are_never_counted(toy_flagger):
    analyzer = Analyzer(model=None, builtin_lexicons=False)
    analyzer.scoring.suggester = Suggester(toy_flagger, MARKED, 0.0)
    analysis = analyzer.analyze("The outrageous tirade went on and on for an hour.")
    assert any(f.layer == SUGGESTED for f in analysis.flags)
    assert analysis.summary["n_loaded_author_flags"] == 0 and analysis.summary["top_terms"] == []
    assert SUGGESTED not in analysis.summary["author_flags_per_1000_words"]
    assert analysis.summary["loaded_author_flags_per_1000_words"] == 0


def test_a_sentence_longer_than_the_model_knows_gets_no_suggestion(toy_flagger):
    text = "the outrageous plan " + "and more " * 300 + "went on."
    assert not [f for f in _flags(toy_flagger, text, lexicon=load_lexicon(builtin=False))]


def test_default_analyzer_has_no_suggester():
    analyzer = Analyzer(model=None)
    assert analyzer.suggester is None and analyzer.word_model is None


def test_curated_flags_carry_their_documented_prior():
    flags = Analyzer(model=None).analyze("Critics slammed the reckless plan.").flags
    assert flags and all(f.confidence == 0.8 for f in flags if f.layer == LOADED)


@requires_words_model
def test_shipped_suggestion_model_card():
    path = shipped_model_path(SHIPPED_WORD_MODEL)
    card = read_card(path)
    assert card["sha256"] == sha256_of(path) and card["size_bytes"] < 5_000_000
    words = card["suggestable"]["words"]
    assert words == sorted(words) and "topic" in card["suggestable"]["rule"]
    # topic nouns never are suggestable, whatever one data set marked
    assert not {"flood", "flow", "refugees", "abortion", "science"} & set(words)
    assert 0 < card["threshold"] < 1


@requires_words_model
def test_shipped_suggester_on_the_sample_adds_only_a_quiet_layer():
    plain = Analyzer(model=None).analyze(SLANTED)
    suggested = Analyzer(model=None, suggest=True).analyze(SLANTED)
    assert [f for f in suggested.flags if f.layer != SUGGESTED] == list(plain.flags)
    assert suggested.summary["n_loaded_author_flags"] == plain.summary["n_loaded_author_flags"]
    assert not {"flood", "flow"} & {f.text.lower() for f in suggested.flags if f.layer == SUGGESTED}


@requires_words_model
def test_suggest_option():
    plain = CliRunner().invoke(main, ["score", "-f", "json"])
    asked = CliRunner().invoke(main, ["score", "--suggest", "-f", "json"])
    assert plain.exit_code == 0 and asked.exit_code == 0, plain.output + asked.output
    layers = [{f["layer"] for s in json.loads(r.output.split("\n", 1)[1])["sentences"] for f in s["flags"]}
              for r in (plain, asked)]
    assert SUGGESTED not in layers[0]


def test_flagger_as_arrays_gives_the_fitted_models_probabilities(toy_flagger, tmp_path):
    """Issue 26: the suggestion model saved as arrays (.npz) and loaded without trust
    scores every token as the fitted scikit-learn models do, to 1e-9."""
    from framing.slant.modelfile import load_model, save_model
    from framing.slant.words import SentenceWordModel

    path = tmp_path / "words.npz"
    save_model(toy_flagger, path, {"name": "toy"})
    loaded, _ = load_model(path)
    assert isinstance(loaded.sentence_model_, SentenceWordModel)
    texts = [*TOY_BIASED, *TOY_NEUTRAL, SLANTED, "", "x", "Critics slammed it, it said."]
    expected = toy_flagger.sentence_model_.predict_proba(texts)[:, 1]
    assert np.abs(loaded.sentence_model_.predict_proba(texts)[:, 1] - expected).max() < 1e-9
    fitted, arrays = toy_flagger.token_probabilities(texts), loaded.token_probabilities(texts)
    pairs = [(a, b) for u, v in zip(fitted, arrays, strict=True) for a, b in zip(u, v, strict=True)]
    assert pairs and all(a[:2] == b[:2] and abs(a[2] - b[2]) < 1e-9 for a, b in pairs)
    assert loaded.threshold_ == toy_flagger.threshold_


@requires_words_model
def test_suggestions_load_no_scikit_learn_or_joblib():
    import json
    import subprocess
    import sys

    code = ("import sys, json, framing\n"
            "a = framing.Analyzer(suggest=True)\n"
            "a.analyze('Critics slammed the reckless plan. It was a shameless stunt.')\n"
            "print(json.dumps([m for m in ('sklearn', 'scipy', 'joblib') if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
