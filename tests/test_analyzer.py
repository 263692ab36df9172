import pytest

from framing import Analyzer, analyze
from framing.records import AUTHOR, QUOTED

from .conftest import TINY_CORPUS


def sentence_of(analysis, flag):
    return next(r.sentence for r in analysis.sentences if flag in r.flags)


def test_sample_article_flags_the_loaded_wording(sample_text):
    analysis = analyze(sample_text, doc_id="sputnik")
    by_term = {f.text.lower(): f for f in analysis.flags}
    expectations = {
        "bellicose": "Washington’s bellicose posturing",
        "intransigent": "has remained intransigent",
        "so-called": "so-called “open door” policy",
    }
    for term, context in expectations.items():
        flag = by_term[term]
        assert context in sentence_of(analysis, flag).text
        assert flag.rationale and flag.alternative and flag.category
        assert flag.voice == AUTHOR


def test_quoted_speech_is_marked_quoted(sample_text):
    analysis = Analyzer(model=None, word_model=None).analyze(sample_text)  # every lexicon flag
    clearly = next(f for f in analysis.flags if f.text == "clearly")
    assert clearly.voice == QUOTED  # Macron's words, not the outlet's


def test_every_flag_slices_back_to_its_text(sample_text):
    analysis = analyze(sample_text)
    assert analysis.flags
    for flag in analysis.flags:
        assert analysis.text[flag.start:flag.end] == flag.text


def test_toy_lexicon_analysis(toy_analyzer):
    result = toy_analyzer.analyze(TINY_CORPUS["loaded"])
    assert [(f.text, f.category) for f in result.flags] == [
        ("slammed", "loaded_negative"),
        ("regime", "label"),
        ("bellicose", "loaded_negative"),
        ("power grab", "loaded_negative"),
    ]
    assert result.summary["voice"] == {"author": 4, "quoted": 0, "distanced": 0}


# Neutral sentences that take a short text past the 50 words a verdict needs.
NEUTRAL = ("The council met on Tuesday in the old hall. Members asked about roads, schools "
           "and water pipes. The mayor answered each question in turn. A second meeting is "
           "planned for the first week of May. Residents may send comments by letter or in "
           "person at the town office before then.")


def test_quoted_flags_do_not_count_toward_slant(toy_analyzer):
    quoted = toy_analyzer.analyze(TINY_CORPUS["quoted"] + " " + NEUTRAL)
    assert [f.voice for f in quoted.flags] == [QUOTED]
    assert quoted.slant.score == 0
    author = toy_analyzer.analyze("This is a bellicose plan, the minister said. " + NEUTRAL)
    assert author.slant.score > 0


def test_exception_suppresses_and_plain_text_is_neutral(toy_analyzer):
    assert toy_analyzer.analyze(TINY_CORPUS["exception"]).flags == []
    plain = toy_analyzer.analyze(TINY_CORPUS["plain"])
    # under 50 words: no verdict and no score (issue 27: one meaning per score)
    assert plain.flags == [] and plain.slant.label == "too short to judge"
    assert plain.slant.score is None and plain.slant.confidence is None
    assert toy_analyzer.analyze(TINY_CORPUS["plain"] + " " + NEUTRAL).slant.score < 20


def test_negation_is_noted(toy_analyzer):
    (flag,) = toy_analyzer.analyze("This was not a power grab.").flags
    assert flag.negated


def test_empty_text_gives_an_empty_analysis():
    result = analyze("")
    assert result.sentences == () and result.slant.score is None
    assert result.slant.label == "too short to judge"


def test_non_string_is_refused_with_advice():
    with pytest.raises(TypeError, match="str"):
        Analyzer().analyze(b"bytes")


def test_density_verdict_explains_itself(toy_analyzer):
    slant = toy_analyzer.analyze(TINY_CORPUS["loaded"] + " " + NEUTRAL).slant
    assert slant.method == "flag-density"
    assert "density" in slant.explanation and "No sentence classifier" in slant.explanation
    assert 0 <= slant.score <= 100 and 0 <= slant.confidence <= 1


def test_curated_entries_decide_on_the_built_in_sample_issue_25():
    """Issue 25: "regime" and "looming" are loaded flags; the dam will "flood" valleys and
    cut the river's "flow" literally, so neither is flagged; no model hides a curated word."""
    from framing.analyzer import sample_article

    _, text = sample_article()
    flags = Analyzer().analyze(text).flags
    loaded = {f.text.lower() for f in flags if f.layer == "loaded"}
    assert {"regime", "looming"} <= loaded
    assert not {"flood", "flow"} & {f.text.lower() for f in flags}


def test_tabloid_wording_in_headline_capitals_and_word_families_is_flagged_issue_25():
    text = ("SINGER'S SHOP FEUD ERUPTS\n\n"
            "Furious shopkeepers have rounded on pop star Dara Quill after a summer of chaos "
            "outside her flashy boutique. Rowdy fans blocked the pavement, and neighbours "
            "fumed that the street had been bulldozed by her fame.")
    analysis = Analyzer(model=None).analyze(text)
    loaded = {f.text.lower() for f in analysis.flags if f.layer == "loaded" and f.voice == "author"}
    assert {"feud", "erupts", "furious", "chaos", "flashy", "rowdy", "fumed", "bulldozed"} <= loaded
