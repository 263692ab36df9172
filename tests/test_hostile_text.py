"""Hostile and classroom text (issue 19, items 10-19 and the lexicon line splitting).

Each test names the item of issue 19 it guards; each failed before its fix.
"""

from __future__ import annotations

import importlib
import os
import re
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing.io as framing_io
from framing.analyzer import sample_article
from framing.errors import InputError
from framing.gcpause import collector_paused
from framing.io import read_document
from framing.lexicon import parse_lexicon
from framing.tokenize import paragraph_spans, tokenize, word_tokens

from .conftest import peak_bytes, slice_counter

HEADER = "term\tcategory\tweight\tpolarity\trationale\talternative\tforms\n"


# --- minor: lexicon rows split only at line ends --------------------------------------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c"])
def test_lexicon_rows_do_not_split_on_unicode_line_separators(separator):
    row = f"brash\tloaded_negative\t0.5\t-1\tSounds rude{separator}and rash.\tbold\t\n"
    entries = parse_lexicon((HEADER + row).encode("utf-8"), "mine.tsv")
    assert [e.term for e in entries] == ["brash"]
    assert separator in entries[0].rationale


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_lexicon_rows_still_split_at_every_kind_of_line_end(line_end):
    rows = ["brash\tloaded_negative\t0.5\t-1\tRude.\tbold\t",
            "meek\tloaded_negative\t0.5\t-1\tWeak.\tquiet\t"]
    text = (HEADER.rstrip("\n") + line_end + line_end.join(rows) + line_end)
    assert [e.term for e in parse_lexicon(text.encode("utf-8"), "mine.tsv")] == ["brash", "meek"]


# --- item 10: saved web pages are read with the same bounds as text files ---------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_html_symlinked_to_dev_zero_is_refused_at_the_limit(tmp_path):
    page = tmp_path / "page.html"
    page.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="1,000-byte limit"):
        read_document(page, max_bytes=1_000)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_html_fifo_nobody_writes_to_is_an_error_not_a_hang(tmp_path, monkeypatch):
    monkeypatch.setattr(framing_io, "PIPE_WAIT_SECONDS", 0.2)
    page = tmp_path / "page.html"
    os.mkfifo(page)
    with pytest.raises(InputError, match="named pipe that nobody wrote to"):
        read_document(page)


def test_html_directory_and_missing_page_are_one_line_errors(tmp_path):
    (tmp_path / "folder.html").mkdir()
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path / "folder.html")
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.html")


# --- item 11: every regular expression that sees user text is linear -------------------

CORE = ("framing.tokenize", "framing.lexicon", "framing.records", "framing.slant.tokens",
        "framing.slant.words", "framing.voices.speakers", "framing.patterns", "framing.score",
        "framing.frames", "framing.voices.attribution", "framing.voices.actors")
# Repeated units and endings that make a backtracking pattern retry at every position.
UNITS = ["a.", "a ", "a-", "'a", "a’", "\n ", " ", "a", ".", '"a', "“a", "a,", "A. ", "\n",
         "-", "1.", "‘a", "\t", " \n", "a-a", "a\u0301", "a.-"]
ENDINGS = ["", "a", ".", '"', "!"]


def module_patterns() -> dict[str, re.Pattern]:
    found = {}
    for name in CORE:
        module = importlib.import_module(name)
        found.update({f"{name}.{k}": v for k, v in vars(module).items()
                      if isinstance(v, re.Pattern)})
    return found


def cpu_seconds(work, repeats: int = 3) -> float:
    """The least CPU time of a few runs: the least disturbed by other processes."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def growth(work_of_size, small: int, factor: int = 4) -> tuple[float, float]:
    return (cpu_seconds(lambda: work_of_size(small)),
            cpu_seconds(lambda: work_of_size(small * factor)))


def scan(pattern: re.Pattern, text: str) -> None:
    for _ in pattern.finditer(text):
        pass


def test_the_module_patterns_are_found():
    names = module_patterns()
    assert "framing.tokenize._TOKEN_RE" in names and len(names) >= 8


@pytest.mark.parametrize("name", sorted(module_patterns()))
def test_patterns_grow_linearly_on_repetitive_text(name):
    """4x the text may cost at most 10x the CPU time (linear is 4x, quadratic 16x).
    Inputs where even the larger run takes under 20 ms are too small to time and pass."""
    pattern = module_patterns()[name]
    for unit in UNITS:
        for ending in ENDINGS:
            def work(k, u=unit, e=ending):
                return scan(pattern, u * k + e)

            n = 4_000 // len(unit)
            if cpu_seconds(lambda n=n: work(4 * n), repeats=1) < 0.02:
                continue
            small, large = growth(work, n)
            assert large < 10 * max(small, 0.002), (unit, ending, small, large)


def test_initialism_pattern_is_linear_on_a_dot_a_chains():
    """The probe of issue 19: 16 KB took 1 s and 128 KB 60 s. The cycle collector is held
    back as an analysis holds it: its full passes cost with the test session's whole heap,
    not with this text, and made the timing flaky under load."""
    def work(k):
        with collector_paused():
            word_tokens("a." * k + "a")

    small, large = growth(work, 8_000)
    assert large < 10 * max(small, 0.002), (small, large)


OLD_TOKEN_RE = re.compile("|".join([
    r"(?:[^\W\d_]\.){2,}(?![^\W_])",
    r"\d+(?:[.,:/]\d+)*%?",
    r"(?:[^\W_][\u0300-\u036f]*)+(?:[-'’](?:[^\W_][\u0300-\u036f]*)+)*",
    r"\S",
]))


@settings(max_examples=3_000, deadline=None)
@given(st.text(st.sampled_from(list("aUé3.-'’ _\u0301")), max_size=16))
def test_linear_token_pattern_tokenizes_like_the_old_one(text):
    assert [t.text for t in word_tokens(text)] == OLD_TOKEN_RE.findall(text)


# --- item 12: paragraph splitting is linear -------------------------------------------


#: A str that counts the characters its slices copy: the work, without a clock.
CountingStr = slice_counter(str)


@pytest.mark.parametrize("text", ["a\n" * 20_000, "word word\n" * 5_000 + "x" * 30,
                                  "\n \n" * 10_000, ("a" * 70 + "\n") * 2_000],
                         ids=["short lines", "pairs", "blank lines", "long lines"])
def test_paragraph_splitting_copies_each_character_a_few_times(text):
    """4.8 MB of single-newline text took 73 s and 3.4 GB: each line copied the rest."""
    CountingStr.copied = 0
    paragraph_spans(CountingStr(text))
    assert CountingStr.copied <= 4 * len(text), CountingStr.copied / len(text)


# --- item 13: Punkt's wall-clock limit never decides the result -------------------------


@pytest.mark.parametrize("unit", ["Word. ", '"a" b. ', '.".', "a. "])
def test_long_paragraph_is_split_in_pieces_punkt_finishes(monkeypatch, unit):
    """NLTK stops Punkt's regular expressions after 5 s of wall clock; a 1.8 MB paragraph
    ran into it depending on machine load. With a limit of 1 s (a machine five times
    busier), 150 KB of one paragraph still splits."""
    from nltk import redos

    monkeypatch.setattr(redos, "DEFAULT_TIMEOUT", 1.0)
    text = unit * (150_000 // len(unit))
    doc = tokenize(text)
    assert "".join("".join(s.text.split()) for s in doc.sentences) == "".join(text.split())
    if unit == "Word. ":
        assert len(doc.sentences) == len(text) // len(unit)


def test_pieces_split_a_long_paragraph_like_one_punkt_call(monkeypatch):
    from nltk import redos

    from framing.tokenize import _punkt

    monkeypatch.setattr(redos, "DEFAULT_TIMEOUT", None)
    _, article = sample_article()
    paragraph = " ".join(article.split()) + " "
    paragraph = (paragraph * 30).strip()  # about 45 KB in one paragraph
    whole = [paragraph[s:e] for s, e in _punkt().span_tokenize(paragraph)]
    assert [s.text for s in tokenize(paragraph).sentences] == whole


# --- item 19: narrow hard wraps --------------------------------------------------------


def rewrapped(text: str, width: int) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(textwrap.fill(" ".join(p.split()), width) for p in paragraphs)


@pytest.mark.parametrize("width", [25, 30, 40, 50, 60, 72])
def test_hard_wrapped_text_keeps_its_sentences(width):
    _, article = sample_article()
    expected = ["".join(s.text.split()) for s in tokenize(article).sentences]
    got = ["".join(s.text.split()) for s in tokenize(rewrapped(article, width)).sentences]
    assert got == expected


@pytest.mark.parametrize("width", [30, 45, 60])
def test_hard_wrapped_paragraphs_without_blank_lines_keep_their_sentences(width):
    _, article = sample_article()
    expected = ["".join(s.text.split()) for s in tokenize(article).sentences]
    wrapped = rewrapped(article, width).replace("\n\n", "\n")
    got = ["".join(s.text.split()) for s in tokenize(wrapped).sentences]
    assert got == expected


def test_lines_of_a_list_are_not_joined():
    text = ("Council approves budget\nMayor resigns after vote\nRiver floods the old town\n"
            "Schools close for a week\nNew bridge opens in May")
    assert len(paragraph_spans(text)) == 5
    one_per_line = "\n".join(["The council met. It approved the budget after a long debate "
                              "that ran late into the night."] * 6)
    assert len(paragraph_spans(one_per_line)) == 6


# --- items 15-16: nested quotations in both styles; Word's apostrophes -------------------

BRITISH = ("‘We were told “the dam is safe” by officials, but the reckless regime lied to us,’ "
           "she said. Later the council met.")
AMERICAN = ('"We were told \'the dam is safe\' by officials, but the reckless regime lied to us," '
            "she said. Later the council met.")
AMERICAN_CURLY = ("“We were told ‘the dam is safe’ by officials, but the reckless regime lied to "
                  "us,” she said. Later the council met.")


def quoted_texts(text: str) -> list[str]:
    return [q.text for q in tokenize(text).quotes]


@pytest.mark.parametrize("text", [BRITISH, AMERICAN, AMERICAN_CURLY], ids=["british", "american",
                                                                            "american curly"])
def test_nested_quotation_is_one_quotation(text):
    outer = text[: text.index("she said") - 1]
    assert quoted_texts(text) == [outer]


@pytest.mark.parametrize("text", [BRITISH, AMERICAN_CURLY], ids=["british", "american curly"])
def test_words_after_an_inner_quote_are_quoted_not_the_authors(text):
    from framing import Analyzer

    analysis = Analyzer(model=None, word_model=None).analyze(text)  # every lexicon flag
    voices = {f.text: f.voice for f in analysis.flags}
    assert voices.get("reckless") == "quoted" and voices.get("regime") == "quoted", voices


@pytest.mark.parametrize("text", [
    "The ‘90s were kind to the regime, the reckless critics said.",
    "Fans of rock ‘n’ roll slammed the plan. The reckless regime fell.",
    "Fans of rock ’n’ roll slammed the plan. The reckless regime fell.",
    "We danced ‘til dawn and the reckless regime fell.",
    "Back in ‘24 the reckless regime fell.",
], ids=["90s", "rock n roll (left marks)", "rock n roll", "til", "24"])
def test_word_apostrophes_never_open_a_quotation(text):
    assert quoted_texts(text) == []


def test_rock_n_roll_inside_a_quotation_does_not_close_it():
    text = "‘I love rock ’n’ roll and the reckless regime hates it,’ she said. It fell."
    assert quoted_texts(text) == [text[: text.index(" she said")]]


def test_crossing_quotation_marks_give_disjoint_quotations():
    spans = [(q.start, q.end) for q in tokenize("‘a “b c’ d” e. “f” g.").quotes]
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


# --- item 17: encoding advice ----------------------------------------------------------


def test_windows_text_gets_cp1252_advice_that_keeps_its_quotes(tmp_path):
    from framing.io import read_document

    path = tmp_path / "windows.txt"
    path.write_bytes("“The reckless regime lied,” she said – it’s true.".encode("cp1252"))
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert "--encoding cp1252" in str(caught.value) and "latin-1" not in str(caught.value)
    text = read_document(path, encoding="cp1252")
    assert quoted_texts(text) == ["“The reckless regime lied,”"]


def test_bytes_that_are_not_cp1252_get_general_advice(tmp_path):
    from framing.io import read_document

    path = tmp_path / "other.txt"
    path.write_bytes(b"caf\xe9 \x81 \x8d")  # 0x81 and 0x8d are unassigned in cp1252
    with pytest.raises(InputError, match="--encoding") as caught:
        read_document(path)
    assert "cp1252 text" not in str(caught.value)


# --- item 18: text pasted from PDFs and Word is normalised for matching only -----------

PASTED = {
    "soft hyphen": "The reck\u00adless plan passed.",
    "zero-width space": "The reck\u200bless plan passed.",
    "word joiner": "The reck\u2060less plan passed.",
    "line-break hyphen": "The council called the plan reck-\nless and then it passed anyway.",
    "fullwidth": "The ｒｅｃｋｌｅｓｓ plan passed.",
    "compatibility forms": "The ｒｅｃｋ\u00adless plan passed.",
}


#: Issue 30, item 9: hyphens of PDF exports at a line break, none of which was flagged.
AT_LINE_BREAK = {
    "soft hyphen, newline": "The reck\u00ad\nless plan.",
    "hyphen U+2010, newline": "The reck\u2010\nless plan.",
    "non-breaking hyphen U+2011, newline": "The reck\u2011\nless plan.",
    "hyphen, space, newline": "The reck- \nless plan.",
    "soft hyphen, CRLF, indent": "The council called the plan reck\u00ad\r\n  less and moved on.",
}


@pytest.mark.parametrize("text", list(AT_LINE_BREAK.values()), ids=list(AT_LINE_BREAK))
def test_a_word_broken_at_a_line_break_by_any_hyphen_is_flagged(text):
    """Regression (issue 30, item 9)."""
    test_pasted_text_still_matches_the_lexicons(text)
    assert len(tokenize(text).sentences) == 1  # the line break joins, not splits


@pytest.mark.parametrize("text", list(PASTED.values()), ids=list(PASTED))
def test_pasted_text_still_matches_the_lexicons(text):
    from framing import Analyzer

    flags = Analyzer(model=None).analyze(text).flags
    assert "reckless" in {f.term for f in flags}, [(f.text, f.term) for f in flags]
    for flag in flags:  # offsets still index the original text
        assert text[flag.start:flag.end] == flag.text


def test_ligature_and_fullwidth_words_match_by_their_plain_form():
    from framing import Analyzer

    flags = Analyzer(model=None).analyze("They ﬂatly refused. The ｒｅｇｉｍｅ fell.").flags
    assert {"flatly", "regime"} <= {f.term for f in flags}


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab -\n\u00ad\u200b\u2060\u2010\u2011ﬁｒ’'")),
               max_size=40))
def test_tokens_still_slice_the_original_text(text):
    for token in word_tokens(text):
        assert text[token.start:token.end] == token.text and token.norm


# --- item 14: memory per character, and the default size limit that follows -------------

SHAPES = {
    "one-word sentences": "Word. ",
    "news": None,  # the sample article
    "single newlines": "a\n",
    "short quotes": '"a" b. ',
}


def test_default_size_limit_keeps_an_analysis_within_the_memory_budget():
    """About 700 bytes per character made the old 20 MB limit need about 14 GB."""
    from framing import Analyzer

    analyzer = Analyzer()
    # sentences of four words or more, so the slant model is compiled before measuring
    analyzer.analyze("We warm up the caches. The caches fill up now.")
    _, article = sample_article()
    worst = 0.0
    for unit in SHAPES.values():
        text = ("\n\n".join([article] * 20) if unit is None
                else unit * (30_000 // len(unit)))
        per_char = peak_bytes(lambda t=text: analyzer.analyze(t)) / len(text)
        worst = max(worst, per_char)
    print(f"worst {worst:.0f} bytes per character")
    assert worst * framing_io.MAX_BYTES <= framing_io.MEMORY_BUDGET, worst


# --- issue 30, item 1: hard wraps where most lines start with a capital or "(" ----------

REUTERS_STYLE = (
    "LONDON (Reuters) - UK Athletics (UKA) told the Regional Anti-Doping Office (RADO) "
    "on Tuesday that Olympic champion Kemi Farah and her coach Alberto Marsh (Leeds "
    "Harriers) would meet Anti-Doping Tribunal (ADT) Chair Ruth Onyango, Deputy Chair "
    "Pieter Blom (Netherlands) and Tribunal Secretary Omar Haddad (Egypt) in London.",
    "Marsh, whose Leeds group trained Farah, Moss and Olympic finalist Tomas Brandt "
    "(Germany), said Farah had given Onyango, Blom, Haddad and UK Athletics (UKA) Chief "
    "Executive Dana Wu all requested records (RADO) in March.",
)


@pytest.mark.parametrize("separator", ["\n", "\n\n"], ids=["single newline", "blank line"])
@pytest.mark.parametrize("width", [30, 40, 50])
def test_wrapped_lines_that_start_with_capitals_or_brackets_are_joined(width, separator):
    """Regression (issue 30, item 1): two Reuters-style paragraphs wrapped at 40 columns
    gave 14 sentences instead of 2: lines starting with a capital or "(" read as a list."""
    text = separator.join(textwrap.fill(p, width) for p in REUTERS_STYLE)
    starts = [line[:1] for line in text.split("\n")[1:] if line]
    assert sum(s.isupper() or s == "(" for s in starts) > len(starts) / 2  # the hard case
    got = ["".join(s.text.split()) for s in tokenize(text).sentences]
    assert got == ["".join(p.split()) for p in REUTERS_STYLE]


def test_a_wrapped_line_still_ends_a_paragraph_before_a_plain_sentence_start():
    """In wrapped text a full line ends its paragraph after an abbreviation ("U.S.", which
    Punkt reads as no sentence end) before a capitalised common word, before "However",
    and after the credit line of an embedded post."""
    paragraphs = [
        "Officials said the two men had walked for three days before they crossed the "
        "river near the old ford and into the U.S.",
        "Officials later said the men had been taken to a station in the valley for checks.",
        "However, the station was closed for repairs, and the men waited outside for hours "
        "in the cold wind that came down from the hills",
        "However the mayor said the delay had nothing to do with the repairs at all.",
        "Our new bridge is open at last, and the river walk with it. — Valley Council "
        "(@valleycouncil) May 16, 2019",
        "The council had promised the bridge for years before the money came through.",
    ]
    unwrapped = [s.text for s in tokenize("\n".join(paragraphs)).sentences]
    for width in (40, 45):
        text = "\n".join(textwrap.fill(p, width) for p in paragraphs)
        got = [" ".join(s.text.split()) for s in tokenize(text).sentences]
        assert got == [" ".join(s.split()) for s in unwrapped], width
