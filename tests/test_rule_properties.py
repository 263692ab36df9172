"""Property tests of rules with a shape (issue 31): distancing, sentence roles, the
schema's round trip and its checker. Each states the rule from the outside, on generated
texts or tables, rather than repeating the code's constants.

Example counts come from the hypothesis profile (``conftest.py``): a fifth of the
profile's count each, as every example runs the pipeline or writes files.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import Analyzer
from framing.categories import LOADED
from framing.corpus.store import write_table
from framing.corpus.tables import read_table
from framing.records import AUTHOR, BODY, BYLINE, DATELINE, DISTANCED, FURNITURE, HEADLINE, QUOTED
from framing.schema import TABLES, conform, problems

_SETTINGS = {"suppress_health_check": [HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow]}
_FEW = max(10, settings().max_examples // 5)

# --- distancing -----------------------------------------------------------------------

#: The markers the README names ("perceived", "alleged", "so-called" ...), written here.
MARKER_WORDS = ["perceived", "alleged", "so-called", "supposed", "self-styled", "purported"]
#: How many words may stand between a marker and the loaded word, as documented.
REACH_WORDS = 2
LOADED_WORDS = ["aggression", "reckless", "regime", "thug", "bellicose", "slammed"]
FILLER = ["the", "a", "new", "Russian", "military", "plan", "town", "on", "Monday", "its"]
#: Quotations with a speaker, a marker inside: the words stay the speaker's.
SPOKEN = ['"The alleged thug ran," she said.', 'He said: "This so-called regime will fall."',
          '"Perceived aggression is still aggression," the minister said.']
PIECES = st.one_of(st.sampled_from(MARKER_WORDS), st.sampled_from(LOADED_WORDS),
                   st.sampled_from(FILLER), st.sampled_from([",", ".", "said", "\n\n"]),
                   st.sampled_from(LOADED_WORDS).map(lambda w: f'"{w}"'),
                   st.sampled_from(SPOKEN))
marked_texts = st.lists(PIECES, min_size=1, max_size=30).map(" ".join)


@pytest.fixture(scope="module")
def lexicon_analyzer() -> Analyzer:
    return Analyzer(model=None, word_model=None)


def _marker_within_reach(analysis, flag) -> bool:
    """A marker word before the flag in its sentence with at most REACH_WORDS words
    between them, and no comma or full stop in between."""
    sentence = next(s.sentence for s in analysis.sentences
                    if s.sentence.start <= flag.start < s.sentence.end)
    before = [t for t in sentence.tokens if t.end <= flag.start]
    between = 0
    for token in reversed(before):
        if token.norm in MARKER_WORDS:
            return True
        if not token.norm[:1].isalnum():
            if token.text in ",.;:!?":
                return False
            continue  # a quotation mark
        between += 1
        if between > REACH_WORDS:
            return False
    return False


def _in_quote(analysis, flag, kinds) -> bool:
    return any(q.kind in kinds and q.start <= flag.start and flag.end <= q.end
               for q in analysis.quotes)


@settings(max_examples=_FEW, **_SETTINGS)
@given(marked_texts)
def test_every_distanced_flag_is_an_authors_loaded_word_under_a_marker(lexicon_analyzer, text):
    analysis = lexicon_analyzer.analyze(text)
    for flag in analysis.flags:
        scare = _in_quote(analysis, flag, ("scare",))
        spoken = _in_quote(analysis, flag, ("direct", "partial", "headline"))
        marked = scare or (_marker_within_reach(analysis, flag) and not spoken)
        if flag.voice == DISTANCED:
            assert flag.layer == LOADED and flag.target is None, flag
            assert marked, (text, flag)
        elif flag.voice == AUTHOR and flag.layer == LOADED and flag.category != "so_called":
            # The writer's own loaded word right after a marker is always distanced.
            assert not marked, (text, flag)


# --- roles ----------------------------------------------------------------------------

PAGE_LINES = st.sampled_from([
    "Harbour Plan Splits Town", "By Ann Lee", "SPRINGFIELD", "LONDON (Reuters) —",
    "Share this", "Read more", "Photo: Tom Reyes/Getty Images", "© 2024 The Courier.",
    "Comments (3)", "The council approved the reckless plan on Monday.",
    "Critics slammed the regime, and the mayor said little.", "Advertisement",
    "Springfield Courier", "The vote passed. Residents cheered the heroic crew.",
])
pages = st.lists(PAGE_LINES, min_size=1, max_size=12).map("\n\n".join)
ROLES = {HEADLINE, BODY, BYLINE, DATELINE, FURNITURE}


@pytest.fixture(scope="module")
def model_analyzer(shipped_models) -> Analyzer:
    return Analyzer(word_model=None)


@settings(max_examples=_FEW, **_SETTINGS)
@given(pages)
def test_every_role_is_one_of_five_and_page_furniture_gets_no_probability(model_analyzer, text):
    analysis = model_analyzer.analyze(text)
    for result in analysis.sentences:
        assert result.sentence.role in ROLES
        if result.sentence.role not in (HEADLINE, BODY):
            assert result.slant_probability is None and not result.flags, result


# --- the schema -----------------------------------------------------------------------

# Any code point, with lone surrogates, line ends and NUL drawn often.
CHARS = st.one_of(st.characters(codec=None, categories=None),
                  st.sampled_from(["\ud800", "\udce9", "\udfff", "\r", "\n", "\x00", "é", "a", " ", '"']))


@st.composite
def text_and_spans(draw):
    text = draw(st.text(CHARS, min_size=1, max_size=60))
    cuts = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))),
                         min_size=1, max_size=5))
    # The sentence may start anywhere in a long document, offsets past 2**31 included.
    base = draw(st.sampled_from([0, 17, 2**31 + 5, 2**40]))
    return text, base, [(min(a, b), max(a, b)) for a, b in cuts]


@settings(max_examples=_FEW, **_SETTINGS)
@given(text_and_spans(), st.sampled_from(["csv", "parquet"]))
def test_a_schema_round_trip_keeps_offsets(tmp_path_factory, drawn, fmt):
    text, base, spans = drawn
    folder = tmp_path_factory.mktemp("round")
    sentences = conform([{"doc_id": "d", "sentence_index": 0, "sentence_no": 1, "start": base,
                          "end": base + len(text), "text": text}], "sentences")
    flags = conform([{"doc_id": "d", "sentence_index": 0, "sentence_no": 1, "start": base + start,
                      "end": base + end, "text": text[start:end]} for start, end in spans], "flags")
    write_table(sentences, folder / f"sentences.{fmt}", fmt, "sentences", safe=False)
    write_table(flags, folder / f"flags.{fmt}", fmt, "flags", safe=False)
    sentence = read_table(folder / f"sentences.{fmt}").loc[0]
    back = read_table(folder / f"flags.{fmt}")
    assert sentence["start"] == base and len(sentence["text"]) == len(text)
    for (start, end), row in zip(spans, back.itertuples(), strict=True):
        assert (row.start, row.end) == (base + start, base + end)
        # An empty cell reads back from CSV as missing.
        assert sentence["text"][row.start - base:row.end - base] == \
            ("" if pd.isna(row.text) else row.text)


#: Every fixed column of every table, and dtypes it may be changed to.
COLUMNS = [(table, column) for table, cols in TABLES.items() for column in cols]
OTHER_DTYPES = ["string", "Int64", "Float64", "boolean", "object", "float64", "int64"]


@settings(max_examples=_FEW * 3, **_SETTINGS)
@given(st.sampled_from(COLUMNS), st.sampled_from(OTHER_DTYPES))
def test_problems_finds_a_dtype_change_in_any_column(pair, dtype):
    table, column = pair
    frame = conform([{"doc_id": "a"}, {"doc_id": "b"}], table)
    assert problems(frame, table) == []
    if column.is_list:
        changed = pd.Series(["[]", "x"], dtype="string")  # lists written as text
    else:
        if str(frame[column.name].dtype) == str(pd.Series([], dtype=dtype).dtype):
            return  # not a change
        changed = pd.Series([0, 1], dtype=dtype) if dtype != "string" else \
            pd.Series(["0", "1"], dtype="string")
    found = problems(frame.assign(**{column.name: changed}), table)
    assert [p.split(":")[0] for p in found] == [column.name], found
