"""Behaviour of the article score, computed by hand for a toy text and a toy model.

Every expected number below is written out from the documented formula with literal
constants (0.7 / 0.3 shares, density scale 2, 300 confident words, 20/50 cut-offs,
thin evidence under 0.5, 50 words, a 3-word negation window): changing any one of them in
the code fails a test here.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from framing.analyzer import Analyzer
from framing.records import (
    AUTHOR,
    BODY,
    BYLINE,
    DATELINE,
    DISTANCED,
    FURNITURE,
    HEADLINE,
    QUOTED,
    Flag,
    Sentence,
    SentenceResult,
)
from framing.slant.article import (
    SentenceClassifier,
    aimed_at,
    density_slant,
    flag_density,
    is_scored,
    label_for,
    model_slant,
)

TOY_LEXICON = (
    "term\tcategory\tweight\tpolarity\trationale\talternative\tforms\n"
    "slammed\tloaded_negative\t1.0\t-1\tA harsh word for criticism.\tcriticised\texact\n"
    "clearly\tbooster\t0.5\t0\tPresents a point as beyond dispute.\t\texact\n"
)

# 78 words. Sentence by sentence: a 2-word fragment (no probability); a counted loaded
# word; a device word (shown, never counted); a loaded word whose negator stands 4 tokens
# before it (outside the window: counted); one whose negator stands exactly 3 tokens
# before it (inside: not counted); a mostly quoted sentence (left out of the mean); plain.
TOY_TEXT = (
    "River plan.\n\n"
    "The council slammed the new river plan at a long meeting on Monday. "
    "Officials said the plan would clearly move water to farms in the dry south. "
    "Residents said they did not expect it to be slammed again soon. "
    "The mayor was not then publicly slammed by the board at all. "
    '"This plan should be slammed by everyone who reads it," a farmer told us. '
    "Work on the first canal is due to start next spring."
)
TOY_WORDS = 78


class ToyModel:
    """0.9 for a sentence with "slammed", 0.2 otherwise."""

    def predict_proba(self, items):
        p = np.array([0.9 if "slammed" in r.sentence.text else 0.2 for r in items])
        return np.column_stack([1 - p, p])


@pytest.fixture(scope="module")
def toy(tmp_path_factory) -> Analyzer:
    path = tmp_path_factory.mktemp("lexicon") / "toy.tsv"
    path.write_text(TOY_LEXICON, encoding="utf-8")
    analyzer = Analyzer([path], builtin_lexicons=False, model=None, word_model=None)
    analyzer.model = ToyModel()
    analyzer.classifier = SentenceClassifier(analyzer.model)
    return analyzer


def expected(copies: int) -> tuple[float, float]:
    """The documented formula by hand for ``copies`` copies of the toy text: author-voice
    probabilities 0.9, 0.2, 0.9, 0.9, 0.2 (fragment and quoted sentence left out) and
    loaded weight 2.0 (two counted "slammed") per copy."""
    n_words = copies * TOY_WORDS
    probabilities = [0.9, 0.2, 0.9, 0.9, 0.2]
    mean_p = sum(probabilities) / 5
    density = 100 * 2.0 * copies / n_words
    score = 100 * (0.7 * mean_p + 0.3 * (1 - math.exp(-density / 2.0)))
    decisiveness = sum(abs(2 * p - 1) for p in probabilities) / 5
    confidence = min(1.0, n_words / 300) * (0.5 + 0.5 * decisiveness)
    return round(score, 1), round(confidence, 2)


def test_toy_article_score_matches_the_hand_computed_formula(toy):
    analysis = toy.analyze(TOY_TEXT)
    assert analysis.summary["n_words"] == TOY_WORDS
    score, confidence = expected(1)
    assert (score, confidence) == (65.1, 0.22)  # the arithmetic, written out once
    assert analysis.slant.score == score
    assert analysis.slant.confidence == confidence
    # 65.1 would be "strongly slanted", but 0.22 is under the 0.5 of thin evidence
    assert analysis.slant.label == "possibly slanted (thin evidence)"
    assert analysis.slant.method == "classifier+density"


def test_a_longer_toy_article_is_confident_and_strongly_slanted(toy):
    analysis = toy.analyze("\n\n".join([TOY_TEXT] * 4))
    score, confidence = expected(4)
    assert (score, confidence) == (65.1, 0.86)
    assert (analysis.slant.score, analysis.slant.confidence) == (score, confidence)
    assert analysis.slant.label == "strongly slanted"


def test_which_sentences_get_a_probability(toy):
    probabilities = [r.slant_probability for r in toy.analyze(TOY_TEXT).sentences]
    assert probabilities == [None, 0.9, 0.2, 0.9, 0.9, 0.9, 0.2]


def test_negation_window_is_three_tokens(toy):
    slammed = [f for f in toy.analyze(TOY_TEXT).flags if f.text == "slammed"]
    # negator 4 tokens before: counted; exactly 3 before: negated
    assert [f.negated for f in slammed] == [False, False, True, False]


def test_only_author_voice_loaded_flags_count_toward_density():
    flags = [_flag("slammed", 1.0), _flag("clearly", 0.5, layer="device"),
             _flag("regime", 0.6, voice=QUOTED), _flag("aggression", 0.7, voice=DISTANCED),
             _flag("slammed", 1.0, negated=True)]
    assert flag_density(flags, 50) == pytest.approx(2.0)
    slant = density_slant(flags, 50)
    assert slant.score == round(100 * (1 - math.exp(-2.0 / 2.0)), 1) == 63.2
    assert slant.confidence == round(50 / 300, 2)


def test_density_only_labels_follow_the_cut_offs():
    # 300 words (full confidence); density d gives 100 (1 - exp(-d / 2))
    below, above = density_slant([_flag("x", 1.32)], 300), density_slant([_flag("x", 1.35)], 300)
    assert (below.score, below.label) == (19.7, "neutral wording")
    assert (above.score, above.label) == (20.1, "some loaded wording")
    assert density_slant([_flag("x", 4.2)], 300).label == "strongly slanted"  # 50.3


@pytest.mark.parametrize(("score", "confidence", "n_words", "label"), [
    (19.9, 1.0, 300, "neutral wording"),
    (20.0, 1.0, 300, "some loaded wording"),
    (49.9, 1.0, 300, "some loaded wording"),
    (50.0, 1.0, 300, "strongly slanted"),
    (80.0, 0.5, 300, "strongly slanted"),
    (80.0, 0.49, 300, "possibly slanted (thin evidence)"),
    (30.0, 0.49, 300, "some loaded wording (thin evidence)"),
    (10.0, 0.1, 300, "neutral wording"),
    (80.0, 1.0, 50, "strongly slanted"),
    (80.0, 1.0, 49, "too short to judge"),
])
def test_label_cut_offs(score, confidence, n_words, label):
    assert label_for(score, confidence, n_words) == label


@pytest.mark.parametrize("text", [
    "The company refused to comment.",
    "WASHINGTON (AP) — The Senate passed the bill on Tuesday.",
])
def test_short_texts_are_too_short_to_judge_but_keep_sentence_figures(toy, text):
    analysis = toy.analyze(text)
    assert analysis.slant.label == "too short to judge"
    assert any(r.slant_probability is not None for r in analysis.sentences)


def test_fifty_words_are_enough_for_a_verdict(toy):
    text = " ".join(["The council met again on Monday and talked about water."] * 5)
    assert toy.analyze(text).summary["n_words"] == 50
    assert toy.analyze(text).slant.label != "too short to judge"
    assert toy.analyze(text.rsplit(" ", 2)[0] + " water.").slant.label == "too short to judge"


@pytest.mark.parametrize(("role", "text", "scored"), [
    (BODY, "Critics slammed it.", False),  # 3 words: a fragment
    (BODY, "Critics slammed it again.", True),
    (HEADLINE, "Council slams river plan", True),
    (BYLINE, "By Jane Doe and John Roe", False),
    (DATELINE, "WASHINGTON (AP) — on Tuesday", False),
    (FURNITURE, "Read more about this story", False),
])
def test_fragments_and_page_furniture_get_no_probability(role, text, scored):
    result = SentenceResult(Sentence(0, 0, len(text), text, 0, role=role))
    assert is_scored(result) is scored
    assert (SentenceClassifier(ToyModel()).score([result])[0][0] is not None) is scored


def test_quoted_sentences_stay_out_of_the_mean_probability():
    own = _result("Our own sentence here today.", 0.2, 0.0)
    quoted = _result('"Their sentence," she said today.', 0.9, 0.6)
    half = _result('"Half," of this sentence is quoted.', 0.9, 0.49)
    slant = model_slant([own, quoted, half], [], 300)
    assert slant.score == round(100 * 0.7 * (0.2 + 0.9) / 2, 1)


def test_the_verdict_names_whom_the_loaded_words_aim_at():
    flags = [_flag("reckless", 0.6, target="United States")] * 6 + [
        _flag("regime", 0.6, target="Russia")] * 2 + [
        _flag("slams", 0.6, target="Ukraine", voice=QUOTED),
        _flag("surely", 0.6, target="Ukraine", layer="device")]
    assert aimed_at(flags) == [("United States", 6), ("Russia", 2)]
    assert "Loaded words aimed at: United States 6, Russia 2." in density_slant(flags, 400).explanation


def test_a_real_article_names_targets():
    # Six different sentences: one sentence repeated is not an article (slant.judge).
    analysis = Analyzer(model=None).analyze(" ".join(
        f"The bellicose Russian regime sent {n} more troops to the border this week."
        for n in ("two", "three", "four", "five", "six", "seven")))
    assert "Loaded words aimed at: Russia" in analysis.slant.explanation


def _flag(text: str, weight: float, *, voice: str = AUTHOR, layer: str = "loaded",
          negated: bool = False, target: str | None = None) -> Flag:
    return Flag(0, len(text), text, "loaded_negative", text, weight, -1, voice, "", "", "toy",
                target=target, negated=negated, layer=layer)


def _result(text: str, p: float, quoted_share: float) -> SentenceResult:
    return SentenceResult(Sentence(0, 0, len(text), text, 0), slant_probability=p,
                          quoted_share=quoted_share)


def test_a_name_is_never_a_reason_issue_28():
    """A dateline place or a capitalised name may weigh in the model, but a student is
    never told that a sentence reads as biased "because of the word derwent"."""
    from framing import analyze

    from framing.slant.article import _names_in

    analysis = analyze("DERWENT, March 3 — The council rammed through a reckless plan on "
                       "Tuesday as mayor Tom Pike looked on.")
    sentence = analysis.sentences[0].sentence
    assert {"derwent", "tom", "pike", "tuesday"} <= _names_in(sentence)
    assert not {"council", "reckless", "plan"} & _names_in(sentence)
    reasons = " ".join(r for r, _ in analysis.sentences[0].explanation)
    assert "derwent" not in reasons.lower() and "pike" not in reasons.lower()
