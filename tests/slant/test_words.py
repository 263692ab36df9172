import json

from click.testing import CliRunner

from framing import Analyzer
from framing.cli import main
from framing.slant.modelfile import SHIPPED_WORD_MODEL, read_card, sha256_of, shipped_model_path
from framing.slant.words import WordFlagger

from ..conftest import ROOT, TOY_BIASED, TOY_NEUTRAL, requires_shipped

SLANTED = (ROOT / "examples" / "river_dam_slanted.txt").read_text(encoding="utf-8")
requires_words_model = requires_shipped


def test_word_flagger_learns_toy_annotations():
    marked = {"slammed", "reckless", "bellicose", "brazen", "sinister", "tirade", "outrageous"}
    sentences = (TOY_BIASED + TOY_NEUTRAL) * 3
    golds = [{w.strip(".,").lower() for w in s.split()} & marked for s in sentences]
    flagger = WordFlagger(Cs=(1.0,)).fit(sentences, golds)
    assert 0.1 <= flagger.threshold_ <= 0.71 and flagger.C_ == 1.0
    (tokens,) = flagger.predict_tokens(["Critics slammed the reckless plan."])
    flagged = {"Critics slammed the reckless plan."[s:e] for s, e, _ in tokens}
    assert {"slammed", "reckless"} <= flagged and "plan" not in flagged
    assert flagger.predict_spans([]) == []


@requires_words_model
def test_shipped_word_model_card_meets_its_targets():
    path = shipped_model_path(SHIPPED_WORD_MODEL)
    card = read_card(path)
    assert card["sha256"] == sha256_of(path) and card["size_bytes"] < 20_000_000
    figures = card["cross_validation"]
    assert figures["f1"] >= 0.45 and figures["precision"] >= 0.50
    from framing.lexicon import lexicon_hash, load_lexicon

    assert card["lexicon_hash"] == lexicon_hash(load_lexicon()), "lexicons changed: retrain it"


@requires_words_model
def test_expert_layer_adds_flags_that_do_not_move_the_score():
    plain = Analyzer(word_model=None).analyze(SLANTED)
    expert = Analyzer(word_model="shipped").analyze(SLANTED)
    added = [f for f in expert.flags if f.category == "expert_like"]
    assert added, "the expert layer flagged nothing on a slanted article"
    for flag in added:
        assert expert.text[flag.start:flag.end] == flag.text and 0 < flag.weight <= 1
        assert "experts" in flag.rationale
    assert expert.slant.score == plain.slant.score


@requires_words_model
def test_expert_words_option():
    result = CliRunner().invoke(main, ["score", "--expert-words", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.split("\n", 1)[1])
    assert any(f["category"] == "expert_like" for s in data["sentences"] for f in s["flags"])
