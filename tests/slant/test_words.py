"""The suggestion model (issue 25): opt-in, a quiet layer of its own, never counted, and
never able to hide or change a curated lexicon flag."""

import json

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
