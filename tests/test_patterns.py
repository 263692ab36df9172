from framing.lexicon import load_lexicon
from framing.patterns import emphasis, sentence_mood, so_called, stance_markers
from framing.score import DocumentScorer
from framing.tokenize import tokenize


def scare_quotes(doc):
    """Scare-quote flags come from the attribution pass (issue 18: one decision)."""
    flags = DocumentScorer(load_lexicon()).score(doc).flags
    return [f for f in flags if f.category == "scare_quote"]


def texts(flags):
    return [(f.category, f.text) for f in flags]


def test_so_called_joined_and_spaced():
    doc = tokenize("The so-called reform and the so called plan.")
    assert [f.text for f in so_called(doc)] == ["so-called", "so called"]


def test_scare_quotes_need_a_short_phrase_without_a_speaker():
    doc = tokenize('Its “open door” policy stands. Scholz pledged to “act jointly”.')
    assert [f.text for f in scare_quotes(doc)] == ["“open door”"]


def test_long_quotes_are_not_scare_quotes():
    doc = tokenize('Officials called it "a plan that will bring peace to the region".')
    assert scare_quotes(doc) == []


def test_stance_openers_need_the_comma():
    doc = tokenize("Still, the plan failed. Still the plan stands. Of course, it did.")
    assert texts(stance_markers(doc)) == [("stance_marker", "Still"), ("stance_marker", "Of course")]


def test_questions_and_exclamations_in_the_authors_voice():
    doc = tokenize('Who could trust such a plan? It failed! "Why now?" she asked. Why?')
    assert texts(sentence_mood(doc)) == [
        ("rhetorical_question", "Who could trust such a plan?"),
        ("exclamation", "It failed!"),
    ]


def test_all_caps_is_emphasis_but_acronyms_and_headlines_are_not():
    doc = tokenize("NATO and the USA called it a DISASTER. THE WHOLE HEADLINE IS CAPS HERE.")
    assert texts(emphasis(doc)) == [("all_caps", "DISASTER")]


def test_superlatives():
    doc = tokenize("The deadliest attack and the most dangerous plan, most people agree.")
    assert texts(emphasis(doc)) == [("superlative", "deadliest"), ("superlative", "most dangerous")]


def test_one_flag_for_the_same_words_in_the_same_layer_issue_28():
    from framing import Analyzer

    flags = Analyzer(model=None).analyze("Of course, the minister was wrong, critics said.").flags
    course = [f for f in flags if f.text == "Of course"]
    assert len(course) == 1 and course[0].layer == "device"
