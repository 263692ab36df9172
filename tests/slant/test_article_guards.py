"""Issue 31: the article score's rules on quoted sentences, its "likely" count and its
thin-evidence note, each a behaviour that fails a test when it breaks."""

from __future__ import annotations

from framing.records import AUTHOR, Flag, Sentence, SentenceResult
from framing.slant.article import density_slant, model_slant


def _flag(text: str, weight: float) -> Flag:
    return Flag(0, len(text), text, "loaded_negative", text, weight, -1, AUTHOR, "", "", "toy")


def _result(text: str, p: float, quoted_share: float) -> SentenceResult:
    return SentenceResult(Sentence(0, 0, len(text), text, 0), slant_probability=p,
                          quoted_share=quoted_share)


def test_a_sentence_half_inside_quotations_is_the_speakers_not_the_writers():
    own = _result("The council met on a wet Monday.", 0.2, 0.0)
    half = _result('"Ruinous and cruel," the farmer said of it.', 0.9, 0.5)
    slant = model_slant([own, half], [], 300)
    assert slant.score == round(100 * 0.7 * 0.2, 1)
    assert "over the 1 sentence(s) in the author's own voice" in slant.explanation


def test_with_only_quoted_sentences_the_score_comes_from_the_writers_wording_alone():
    quoted = [_result('"A ruinous plan," she said.', 0.95, 0.8),
              _result('"Shameful," he added on Monday.', 0.9, 1.0)]
    flags = [_flag("reckless", 0.6)] * 3
    slant = model_slant(quoted, flags, 300)
    assert slant == density_slant(flags, 300)
    assert slant.method == "flag-density"


def test_a_probability_of_exactly_one_half_counts_as_likely():
    results = [_result("One plain sentence here.", 0.5, 0.0),
               _result("Another plain sentence here.", 0.3, 0.0)]
    assert "(1 at 0.5 or more)" in model_slant(results, [], 300).explanation


def test_the_thin_evidence_note_is_for_judged_texts_not_too_short_ones():
    flags = [_flag("reckless", 1.0)] * 4
    short = density_slant(flags, 40)  # under 50 words: too short, no verdict to be thin
    assert short.label == "too short to judge" and "evidence is thin" not in short.explanation
    judged = density_slant(flags, 100)  # confidence 100 / 300 = 0.33
    assert judged.confidence < 0.5 and "evidence is thin" in judged.explanation
