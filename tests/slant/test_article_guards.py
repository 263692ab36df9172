"""Issue 31: the article score's rules on quoted sentences, its "likely" count and its
thin-evidence note, each a behaviour that fails a test when it breaks."""

from __future__ import annotations

import numpy as np
import pytest

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


# --- issue 31, mutmut: the explanation a reader gets, and the reasons it names ----------

from framing.categories import label  # noqa: E402
from framing.records import QUOTED  # noqa: E402
from framing.slant.article import (  # noqa: E402
    SentenceClassifier,
    _merge_readable,
    _names_in,
    aimed_at,
    flag_density,
)
from framing.tokenize import tokenize  # noqa: E402


def test_density_of_no_words_is_zero_and_of_one_word_is_its_weight():
    assert flag_density([_flag("reckless", 0.6)], 0) == 0.0
    assert flag_density([_flag("reckless", 0.6)], 1) == 60.0


def test_actors_hit_equally_often_are_listed_alphabetically():
    flags = [Flag(0, 1, "x", "loaded_negative", "x", 0.6, -1, AUTHOR, "", "", "toy", target=who)
             for who in ("Ukraine", "Russia", "Ukraine", "Russia")]
    assert aimed_at(flags) == [("Russia", 2), ("Ukraine", 2)]


def test_the_density_explanation_reads_in_full():
    flags = [_flag("reckless", 0.5)] * 3 + [
        Flag(0, 1, "thug", "loaded_negative", "thug", 0.5, -1, QUOTED, "", "", "toy")]
    slant = density_slant(flags, 120)
    assert slant.explanation == (
        "Score 46.5/100 from the density of loaded wording in the author's own voice: 3 loaded "
        "flag(s) outside quotations, weighing 1.25 per 100 words over 120 words. Score = 100 x "
        "(1 - exp(-density / 2)); quoted speech is shown but not counted against the outlet, "
        "and negated, distanced and device flags are not counted. No sentence classifier was "
        "used. No loaded word in the author's voice is aimed at a named actor. The text is "
        "short (120 words), so the score is less certain. Confidence 0.40 is under 0.5, so the "
        "label says the evidence is thin.")
    assert density_slant(flags, 600).confidence == 1.0


@pytest.mark.parametrize(("n_words", "short", "too_short", "thin"), [
    (49, False, True, False), (50, True, False, True), (150, True, False, False),
    (299, True, False, False), (300, False, False, False)])
def test_length_and_thin_notes_at_their_edges(n_words, short, too_short, thin):
    text = density_slant([_flag("reckless", 0.5)], n_words).explanation
    assert ("so the score is less certain" in text) is short
    assert ("too short to judge as an article, though its sentences' flags and probabilities "
            "are shown." in text) is too_short
    assert ("says the evidence is thin" in text) is thin
    assert text.endswith(".") and "XX" not in text


def test_the_model_explanation_reads_in_full_and_a_short_text_is_not_judged():
    results = [_result("One plain sentence here.", 0.8, 0.0),
               _result("Another plain sentence here.", 0.4, 0.0)]
    slant = model_slant(results, [_flag("reckless", 0.5)], 300)
    assert slant.explanation.endswith(
        "Score = 100 x (0.7 x average probability + 0.3 x (1 - exp(-density / 2))). Quoted "
        "speech is shown but not counted against the outlet. Confidence = min(1, words / 300) "
        "x (0.5 + 0.5 x how far the probabilities sit from 0.5) = 0.70. No loaded word in the "
        "author's voice is aimed at a named actor.")
    assert model_slant(results, [], 40).label == "too short to judge"


class _Explaining:
    def predict_explained(self, items):
        return [0.123456] * len(items), [[("words__slammed", 0.3)] for _ in items]


class _Plain:
    def predict_proba(self, items):
        return np.array([[0.25, 0.75]] * len(items))


def test_a_model_that_explains_gives_reasons_and_any_other_only_probabilities():
    result = SentenceResult(tokenize("Critics slammed the plan on Monday.").sentences[0])
    assert SentenceClassifier(_Explaining()).score([result]) == [
        (0.1235, (('the word "slammed"', 0.3),))]
    assert SentenceClassifier(_Plain()).score([result]) == [(0.75, ())]


def test_names_are_capitalised_past_the_first_word_or_in_the_dateline():
    names = _names_in(tokenize("DERWENT, March 3 — The Pike plan moved U.S. funds.").sentences[0])
    assert {"derwent", "pike", "u.s."} <= names and "the" not in names
    assert "critics" not in _names_in(tokenize("Critics slammed the plan.").sentences[0])
    # The first word after a dateline or a quotation mark is capitalised as any first word.
    for text in ("DERWENT, March 3 — Reckless spending rose.", '"Reckless spending rose," he said.'):
        assert "reckless" not in _names_in(tokenize(text).sentences[0])
    assert "officials" not in _names_in(tokenize("DERWENT — officials said so.").sentences[0])
    both = _names_in(tokenize("The bush fire reached the Bush ranch.").sentences[0])
    assert "bush" not in both  # written in lower case once: a word, not only a name


def test_reasons_read_as_words_a_reader_knows_merged_and_ordered():
    sentence = tokenize("Critics slammed the Pike regime and thugs, not reckless.").sentences[0]

    def flag(text, category, voice=AUTHOR, negated=False):
        start = sentence.text.index(text)
        return Flag(start, start + len(text), text, category, text, 0.5, -1, voice, "", "",
                    "toy", negated=negated)

    result = SentenceResult(sentence, flags=(
        flag("slammed", "loaded_negative"), flag("regime", "label", voice=QUOTED),
        flag("thugs", "loaded_negative"),
        flag("reckless", "loaded_negative", negated=True)))
    reasons = _merge_readable([
        ("words__slammed", 0.4004), ("words__pike", 0.9), ("lexicon__style:numbers", 0.8),
        ("lexicon__lex:loaded_negative:count", 0.2), ("lexicon__lex:loaded_negative:weight", 0.1),
        ("lexicon__lex:label:quoted", 0.05), ("lexicon__lex:all:count", 0.03),
        ("lexicon__style:question", 0.02), ("lexicon__style:new_thing", 0.015),
        ("lexicon__lex:fear:count", 0.01)], result)
    assert reasons == (
        ('the word "slammed"', 0.4),
        (f'{label("loaded_negative")} wording ("slammed", "thugs")', 0.3),
        (f'quoted {label("label")} wording ("regime")', 0.05),
        ('loaded wording overall ("slammed", "thugs")', 0.03),
        ("a question", 0.02),
        ("new thing", 0.015),
        (f"{label('fear')} wording", 0.01),
    )
