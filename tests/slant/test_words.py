import json

import pytest
from click.testing import CliRunner

from framing import Analyzer
from framing.categories import LOADED
from framing.cli import main
from framing.lexicon import load_lexicon
from framing.score import DocumentScorer
from framing.slant.modelfile import SHIPPED_WORD_MODEL, read_card, sha256_of, shipped_model_path
from framing.slant.words import ConfidenceRater, WordFlagger
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


def test_word_flagger_learns_toy_annotations(toy_flagger):
    assert 0.1 <= toy_flagger.threshold_ <= 0.81 and toy_flagger.C_ == 1.0
    (tokens,) = toy_flagger.predict_tokens(["Critics slammed the reckless plan."])
    flagged = {"Critics slammed the reckless plan."[s:e] for s, e, _ in tokens}
    assert {"slammed", "reckless"} <= flagged and "plan" not in flagged
    assert toy_flagger.predict_spans([]) == []


def test_one_flag_per_word_keeps_the_lexicon_reason_and_multiword_expressions_whole(toy_flagger):
    scoring = DocumentScorer(load_lexicon(), rater=ConfidenceRater(toy_flagger, 0.0))
    text = "Lawmakers slammed the power grab in a brazen stunt."
    flags = scoring.score(tokenize(text)).flags
    spans = [(f.start, f.end) for f in flags]
    assert len(spans) == len(set(spans)), "a word flagged by lexicon and model must be one flag"
    by_text = {f.text: f for f in flags}
    assert by_text["slammed"].lexicon == "loaded.tsv" and by_text["slammed"].alternative
    assert "power grab" in by_text and "power" not in by_text and "grab" not in by_text
    assert all(0 <= f.confidence <= 1 for f in flags if f.confidence is not None)


def test_min_confidence_hides_flags_below_it(toy_flagger):
    text = "Critics slammed the reckless plan as a shameful power grab."
    counts = []
    for threshold in (0.0, 0.5, 1.0):
        scoring = DocumentScorer(load_lexicon(), rater=ConfidenceRater(toy_flagger, threshold))
        flags = scoring.score(tokenize(text)).flags
        loaded = [f for f in flags if f.layer == LOADED]
        assert all(f.confidence is None or f.confidence >= threshold for f in loaded)
        counts.append(len(loaded))
    assert counts[0] > counts[2] and counts == sorted(counts, reverse=True)


def test_devices_stay_whatever_their_confidence(toy_flagger):
    text = "However, officials clearly refused to comment on the reckless plan."
    scoring = DocumentScorer(load_lexicon(), rater=ConfidenceRater(toy_flagger, 1.0))
    flags = scoring.score(tokenize(text)).flags
    devices = {f.text for f in flags if f.layer != LOADED}
    assert {"However", "clearly", "refused to"} <= devices
    assert all(f.confidence is not None and f.confidence < 1.0 for f in flags)
    assert "reckless" not in {f.text for f in flags}


def test_a_sentence_longer_than_the_model_knows_is_not_rated(toy_flagger):
    scoring = DocumentScorer(load_lexicon(), rater=ConfidenceRater(toy_flagger, 1.0))
    text = "the reckless plan " + "and more " * 200 + "went on."
    flags = scoring.score(tokenize(text)).flags
    reckless = next(f for f in flags if f.text == "reckless")
    assert reckless.confidence is None  # kept, unrated, rather than judged out of range


def test_model_only_words_are_loaded_with_an_honest_reason(toy_flagger):
    rater = ConfidenceRater(toy_flagger, 0.0)
    scoring = DocumentScorer(load_lexicon(), rater=rater)
    flags = scoring.score(tokenize("The outrageous tirade went on.")).flags
    model = [f for f in flags if f.category == "expert_like"]
    for flag in model:
        assert flag.layer == LOADED and "cannot say why" in flag.rationale and flag.confidence >= rater.model_threshold


def test_min_confidence_outside_0_1_is_refused():
    with pytest.raises(ValueError, match="between 0 and 1"):
        Analyzer(model=None, min_confidence=1.5)


@requires_words_model
def test_shipped_confidence_model_card():
    path = shipped_model_path(SHIPPED_WORD_MODEL)
    card = read_card(path)
    assert card["sha256"] == sha256_of(path) and card["size_bytes"] < 5_000_000
    figures = card["cross_validation"]
    # Measured figures of the shipped configuration (see words.md); the target
    # of F1 0.50 at precision 0.55 is not reached yet.
    assert figures["f1"] >= 0.40 and figures["precision"] >= 0.55
    assert 0 < card["threshold"] < 1


@requires_words_model
def test_shipped_model_gives_confidences_and_hides_weak_flags():
    plain = Analyzer(model=None, word_model=None).analyze(SLANTED)
    rated = Analyzer(model=None).analyze(SLANTED)
    assert all(f.confidence is None for f in plain.flags)
    word_level = [f for f in rated.flags if f.category not in ("rhetorical_question", "exclamation")]
    assert word_level and all(f.confidence is not None for f in word_level)
    stricter = Analyzer(model=None, min_confidence=0.9).analyze(SLANTED)
    assert len(stricter.flags) < len(rated.flags)


@requires_words_model
def test_min_confidence_option():
    loose = CliRunner().invoke(main, ["score", "--min-confidence", "0.05", "-f", "json"])
    strict = CliRunner().invoke(main, ["score", "--min-confidence", "0.95", "-f", "json"])
    assert loose.exit_code == 0 and strict.exit_code == 0, loose.output + strict.output
    count = [sum(len(s["flags"]) for s in json.loads(r.output.split("\n", 1)[1])["sentences"])
             for r in (loose, strict)]
    assert count[0] > count[1]
    bad = CliRunner().invoke(main, ["score", "--min-confidence", "2"])
    assert bad.exit_code == 2 and "--min-confidence" in bad.output
