"""Property-based tests of the whole pipeline on any Unicode text (issue 9).

The number of examples comes from the hypothesis profile set in ``conftest.py``: the
default profile ``ci`` runs 350 examples per test here (2,100 in all, deadline off, plus
35 with the expert-word layer on);
``HYPOTHESIS_PROFILE=dev`` runs a quick 35 per test while working on the code.

Properties checked on every example:

* ``Analyzer().analyze(text)`` (shipped lexicons and model) returns without an exception;
* every sentence, token, flag and quote span lies inside the text and slices back to its
  own ``text`` field; tokens lie inside their sentence;
* sentences cover the text: their spans are strictly ordered and do not overlap, and the
  text before the first, between two neighbours and after the last is white space only
  (``str.isspace``), so no visible character is ever dropped;
* ``json.loads(analysis.to_json()) == analysis.to_dict()``, also with lone surrogates,
  which the JSON writers escape as ``\\udxxx`` so the output is always valid UTF-8;
* the JSON, JSON Lines and HTML writers do not fail on the result, nor (for the
  any-Unicode and mixed strategies) the CSV writer;
* meaning, not only structure (issue 20): every quote, actor mention and frame cue slices
  back to its own text; the slant score lies in 0-100 (or is None exactly when the label
  says the text is not judged, issue 27) and its label is the one the
  README's cut-offs give (neutral below 20, strongly slanted from 50); a flag inside a
  quotation (after the opening mark, up to the closing one) of the tokenizer's quotation
  spans is ``quoted`` or, in a scare quote, ``distanced``; outside, never ``quoted``.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import Analyzer
from framing.analyzer import SHIPPED
from framing.records import DISTANCED, QUOTED
from framing.report.formats import to_csv, to_json, to_jsonl
from framing.report.html import render_html
from framing.slant.judge import NOT_JUDGED
from framing.tokenize import tokenize

SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
# Every code point Python allows in a str, lone surrogates included.
ANY_CHAR = st.characters(codec=None, categories=None)
QUOTE_MARKS = list("\"'“”„«»‘’‹›「」")
WORDS = ["regime", "slammed", "bellicose", "so-called", "Mr.", "U.S.", "said", "the",
         "power", "grab", "not", "very", "heroic", "Biden", "NATO", "radical"]
ODD = [
    "\u0301", "\u0308\u0308\u0308", "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff",
    "\x00", "\x07", "\x1c", "\x1f", "\x85", "\u2028", "\u2029", "\r", "\r\n", "\t", "\x0b",
    "\ud800", "\udfff", "\U0001f600", "\U0001f1fa\U0001f1f8", "👩‍👩‍👧", "مرحبا", "שלום",
    "ﷺ", "ß", "İ", "ﬁ", "Ⅻ", "٣", "𝕏", "…", "—", "-", "'", "’", "\n\n", " ",
]
PUNCTUATION = st.text(st.sampled_from(list(".,;:!?-—…()[]{}<>/\\|*&^%$#@~`'\"“”«»")), max_size=80)


texts_any = st.text(ANY_CHAR, max_size=200)
texts_newsy = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(QUOTE_MARKS), st.sampled_from(ODD),
              st.sampled_from([" ", " ", ". ", "? ", "! ", ", ", "\n", "\n\n"])),
    max_size=80,
).map("".join)
texts_quotes = st.lists(
    st.sampled_from(QUOTE_MARKS + [" ", "a", "said", ".", "\n", "it's", "’90s"]), max_size=120
).map("".join)
texts_long_words = st.builds(
    lambda a, b, n, c: f"{a} {b * n} {c}",
    st.text(ANY_CHAR, max_size=20), st.sampled_from(["a", "é", "x\u0301", "9", "-", "\U0001f600"]),
    st.integers(200, 3000), st.sampled_from(WORDS),
)
texts_mixed = st.lists(st.one_of(texts_any, texts_newsy, PUNCTUATION), max_size=4).map("\n".join)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def check_analysis(analyzer: Analyzer, text: str, csv: bool = False) -> None:
    """All the properties; ``csv`` also writes both CSV tables (pandas makes it the
    slowest step, so two of the strategies, the widest ones, do it)."""
    analysis = analyzer.analyze(text, doc_id="doc\ud800<x>", meta={"=cmd": "-1+1"})
    _check_spans(analysis, text)
    _check_cover(analysis, text)
    _check_meaning(analysis, text)
    record = analysis.to_dict()
    if SURROGATE_PAIR.search(text):
        # Two code points that JSON reads back as the one character they encode.
        record = json.loads(json.dumps(record))
    assert json.loads(analysis.to_json()) == record
    assert json.loads(to_json([analysis])) == record
    assert json.loads(to_jsonl([analysis, {"doc_id": "x", "error": "y"}]).split("\n")[0]) == record
    # The writers' text must be encodable: nothing they return may hold a lone surrogate.
    analysis.to_json().encode("utf-8")
    to_jsonl([analysis]).encode("utf-8")
    render_html([analysis])
    if csv:
        to_csv([analysis], rows="flags")
        to_csv([analysis], rows="sentences")


def _check_spans(analysis, text: str) -> None:
    n = len(text)
    for result in analysis.sentences:
        s = result.sentence
        assert 0 <= s.start < s.end <= n and text[s.start:s.end] == s.text
        for token in s.tokens:
            assert s.start <= token.start < token.end <= s.end
            assert text[token.start:token.end] == token.text
        for flag in result.flags:
            assert 0 <= flag.start < flag.end <= n and text[flag.start:flag.end] == flag.text
        if result.quote is not None:
            q = result.quote
            assert 0 <= q.start < q.end <= n and text[q.start:q.end] == q.text


#: The label of each score band, from the README's cut-offs (20 and 50).
BANDS = {"neutral wording": (0, 20), "some loaded wording": (20, 50),
         "strongly slanted": (50, 100)}


def _check_meaning(analysis, text: str) -> None:
    for span in (*analysis.quotes, *analysis.mentions,
                 *(cue for r in analysis.sentences for cue in r.frame_cues)):
        assert 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text
    slant = analysis.slant
    # Issue 27: a text that is not judged has no score, and only then.
    assert (slant.score is None) == (slant.label in NOT_JUDGED), slant
    assert slant.score is None or 0 <= slant.score <= 100
    if slant.label in BANDS:
        low, high = BANDS[slant.label]
        assert low <= slant.score and (slant.score < high or slant.score == high == 100), slant
    quotations = tokenize(text).quotes
    for flag in analysis.flags:
        inside = any(q.start < flag.start and flag.end <= q.end for q in quotations)
        # inside: quoted, or distanced when the quotation is a scare quote (issue 14)
        assert (flag.voice in (QUOTED, DISTANCED)) if inside else (flag.voice != QUOTED), \
            (flag, quotations)


def _check_cover(analysis, text: str) -> None:
    previous_end = 0
    for result in analysis.sentences:
        s = result.sentence
        gap = text[previous_end:s.start]
        assert previous_end <= s.start and (gap == "" or gap.isspace()), (previous_end, s.start)
        previous_end = s.end
    tail = text[previous_end:]
    assert tail == "" or tail.isspace()
    assert [r.sentence.index for r in analysis.sentences] == list(range(len(analysis.sentences)))


_SETTINGS = {"suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}


@settings(**_SETTINGS)
@given(texts_any)
def test_any_unicode_text(analyzer, text):
    check_analysis(analyzer, text, csv=True)


@settings(**_SETTINGS)
@given(texts_newsy)
def test_news_like_text_with_odd_characters(analyzer, text):
    check_analysis(analyzer, text)


@settings(**_SETTINGS)
@given(texts_quotes)
def test_mixtures_of_quote_marks(analyzer, text):
    check_analysis(analyzer, text)


@settings(**_SETTINGS)
@given(PUNCTUATION)
def test_only_punctuation(analyzer, text):
    check_analysis(analyzer, text)


@settings(**_SETTINGS)
@given(texts_long_words)
def test_very_long_words(analyzer, text):
    check_analysis(analyzer, text)


@settings(**_SETTINGS)
@given(texts_mixed)
def test_mixed_paragraphs(analyzer, text):
    check_analysis(analyzer, text, csv=True)


@pytest.fixture(scope="module")
def expert_analyzer(shipped_models) -> Analyzer:
    return Analyzer(word_model=SHIPPED)


# The expert-word layer (--expert-words) is slower; a tenth of the profile's count.
@settings(max_examples=max(10, settings().max_examples // 10), **_SETTINGS)
@given(st.one_of(texts_any, texts_newsy, texts_quotes))
def test_expert_word_layer(expert_analyzer, text):
    check_analysis(expert_analyzer, text)


@pytest.mark.parametrize("text", ["", " ", "\ud800", "a\udc00b. C\ud83d.", "\x00\x00", "\u202e."])
def test_edge_cases_named(analyzer, text):
    check_analysis(analyzer, text, csv=True)


def test_lone_surrogates_are_escaped_in_json(analyzer):
    analysis = analyzer.analyze("He said \ud800 “no”.", doc_id="a\udfffb")
    payload = analysis.to_json()
    assert "\\ud800" in payload and "\\udfff" in payload and "“no”" in payload
    assert json.loads(payload)["text"] == analysis.text
