"""The HTML report (issue 5): escaping, every flag shown, comparison, exercise mode, CLI."""

from __future__ import annotations

import base64
import copy
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing import Analyzer
from framing.cli import main
from framing.report.html import (
    GROUPS,
    LargeInputWarning,
    _pieces,
    headline,
    render_html,
    write_report,
)

from ..conftest import ROOT

#: Every lexicon flag, none hidden by the confidence threshold: these tests are about how
#: flags of every group are drawn, not which ones the confidence model keeps.
analyze = Analyzer(word_model=None).analyze

EXAMPLES = ROOT / "examples"

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)' x='",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "</textarea></title></style><script>alert(2)</script>",
    "<scr<script>ipt>alert(3)</script>",
    "<iframe src=//evil.example></iframe>",
    "<!-- <div",
    "&lt;script&gt;already escaped",
    "{{ 7*7 }} {% raw %}",
]
# Elements our templates write; anything else in the page came from the data.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "svg", "defs", "pattern", "rect", "line",
    "text", "a", "header", "h1", "h2", "h3", "h4", "p", "span", "nav", "ul", "ol", "li", "main",
    "input", "div", "label", "strong", "section", "article", "dl", "dt", "dd", "table",
    "caption", "thead", "tbody", "tr", "th", "td", "mark", "button", "em", "code", "footer",
    "script", "details", "summary", "q",
}


class Page(HTMLParser):
    """Collects elements, attributes, script bodies and highlights of a rendered page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.marks: list[dict] = []
        self._in_script = self._mark = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "script":
            self._in_script = ""
        if tag == "mark" and "data-flags" in attrs:
            self._mark = {**attrs, "text": ""}

    def handle_endtag(self, tag):
        if tag == "script":
            self.scripts.append(self._in_script)
            self._in_script = None
        if tag == "mark" and self._mark is not None:
            self.marks.append(self._mark)
            self._mark = None

    def handle_data(self, data):
        if self._in_script is not None:
            self._in_script += data
        if self._mark is not None:
            self._mark["text"] += data


@pytest.fixture(scope="module")
def slanted():
    text = (EXAMPLES / "river_dam_slanted.txt").read_text(encoding="utf-8")
    return analyze(text, doc_id="river_dam_slanted.txt", meta={"outlet": "Example Post"})


@pytest.fixture(scope="module")
def neutral():
    text = (EXAMPLES / "river_dam_neutral.txt").read_text(encoding="utf-8")
    return analyze(text, doc_id="river_dam_neutral.txt")


def assert_safe(html: str) -> Page:
    page = Page(html)
    unknown = {tag for tag, _ in page.tags} - ALLOWED_TAGS
    assert not unknown, f"elements from the data: {unknown}"
    for tag, attrs in page.tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert "src" not in attrs, (tag, attrs)
        if "href" in attrs:
            assert attrs["href"].startswith("#"), attrs
    assert len(page.scripts) == 1 and "window.pwned" not in page.scripts[0]
    for payload in XSS:
        if any(c in payload for c in "<>\"'&"):
            assert payload not in html, payload
    return page


def test_xss_payloads_in_text_doc_id_and_meta_are_escaped():
    text = "Critics slammed the regime. " + " ".join(
        f"Line {i}: {payload} was a reckless power grab." for i, payload in enumerate(XSS)
    )
    analysis = analyze(text, doc_id=XSS[1], meta={p: p for p in XSS} | {"url": XSS[5]})
    html = render_html([analysis, analysis], compare=True, exercise=True)
    assert_safe(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;lt;script&amp;gt;" in html and "{{ 7*7 }}" in html and ">49<" not in html


def test_payloads_in_every_record_field_are_escaped(slanted):
    record = copy.deepcopy(slanted.to_dict())
    evil = iter(XSS * 20)
    for sentence in record["sentences"]:
        for flag in sentence["flags"]:
            for field in ("category", "term", "rationale", "alternative", "lexicon"):
                flag[field] = next(evil)
        sentence["explanation"] = [{"feature": next(evil), "contribution": 1.0}]
        sentence["slant_probability"] = 0.5
    record["slant"] |= {"label": next(evil), "explanation": next(evil), "method": next(evil)}
    record["summary"]["author_flags_per_1000_words"] = {next(evil): 3.0}
    card = {"name": XSS[0], "pipeline": XSS[2], "lexicon_hash": XSS[3],
            "training_data": {"path": XSS[4]},
            "cross_validation": {"metrics": {"accuracy": {"mean": XSS[1], "std": 0}}}}
    html = render_html([record], model_card=card, lexicon={"files": [XSS[6]], "sha256": XSS[7]})
    assert_safe(html)


def test_every_flag_is_highlighted_with_its_words(slanted):
    page = Page(render_html([slanted]))
    shown = set()
    for mark in page.marks:
        ids = [int(i) for i in mark["data-flags"].split()]
        shown.update(ids)
        first = slanted.flags[ids[0]]
        assert mark["text"].startswith(first.text)
    assert shown == set(range(len(slanted.flags)))
    html = render_html([slanted])
    for flag in slanted.flags:
        assert flag.rationale.replace("'", "&#39;").replace('"', "&#34;") in html


def test_overlapping_and_nested_flags_share_one_highlight():
    text = "a very bad idea here"

    def flag(i, start, end):
        return {"id": i, "start": start, "end": end}

    flags = [flag(0, 2, 10), flag(1, 7, 10), flag(2, 7, 15), flag(3, 16, 20)]
    pieces = _pieces(text, 0, len(text), flags)
    assert "".join(p["text"] for p in pieces) == text
    marked = [(p["text"], [f["id"] for f in p["flags"]]) for p in pieces if p["flags"]]
    assert marked == [("very bad idea", [0, 2, 1]), ("here", [3])]  # longer first
    # A flag running past its sentence is cut at the sentence's end.
    assert _pieces(text, 0, 6, [flag(0, 2, 10)])[1]["text"] == "very"


def test_probability_bars_only_where_there_is_a_probability(slanted):

    without_model = Analyzer(model=None, word_model=None).analyze(slanted.text)
    assert 'class="prob"' not in render_html([without_model])
    record = without_model.to_dict()
    record["sentences"][1]["slant_probability"] = 0.75
    record["sentences"][1]["explanation"] = [{"feature": 'the words "slammed"', "contribution": 1}]
    html = render_html([record])
    assert html.count('class="prob"') == 1 and "0.75" in html and "slammed&#34;" in html


def test_summary_questions_and_method(slanted):
    html = render_html([slanted])
    assert f"{slanted.slant.score:g}" in html and slanted.slant.label in html
    assert "How would <em>said</em> change your reading?" in html
    assert "None was used" in html and "Known limits" in html
    metrics = {"accuracy": {"mean": 0.81, "std": 0.012}}
    card = {"name": "test model", "cross_validation": {"n_folds": 5, "metrics": metrics}}
    html = render_html([slanted], model_card=card)
    assert "0.810 ± 0.012" in html and "5-fold" in html and "None was used" not in html


def test_compare_lists_terms_only_one_text_uses(slanted, neutral):
    html = render_html([slanted, neutral], compare=True)
    compare = html[html.index('id="compare"'):html.index('id="d0"')]
    assert compare.count('class="column"') == 2
    slanted_column, neutral_column = compare.split('class="column"')[1:]
    assert ">regime</mark>" in slanted_column and ">regime</mark>" not in neutral_column
    assert "Only “Valdoria Rams Through Dam Plan as Neighbours Cry Foul” (A) uses" in compare
    assert "river_dam_slanted.txt" not in compare.split("Questions comparing")[1]
    assert 'id="compare"' not in render_html([slanted, neutral])


def test_headline_is_the_title_the_file_name_small_print(slanted):
    html = render_html([slanted])
    assert "<title>Valdoria Rams Through Dam Plan as Neighbours Cry Foul</title>" in html
    assert "<h1>Valdoria Rams Through Dam Plan as Neighbours Cry Foul</h1>" in html
    assert '<p class="small file">river_dam_slanted.txt · ' in html
    assert "<title>My title</title>" in render_html([slanted], title="My title")
    # A sentence whose role is "headline" wins over the first line (issue 16).
    record = slanted.to_dict()
    assert [s["role"] for s in record["sentences"]][:2] == ["headline", "body"]
    for sentence in record["sentences"]:
        sentence["role"] = "body"
    record["sentences"][4]["role"] = "headline"
    assert headline(record) == record["sentences"][4]["text"]
    assert headline({"text": "\n\n  Short   head  \nbody", "sentences": []}) == "Short head"
    assert headline({"text": "word " * 100, "sentences": []}).endswith(" …")


def test_legend_has_at_most_six_groups_and_devices_are_their_own(slanted):
    page = Page(render_html([slanted]))
    buttons = [a for tag, a in page.tags
               if tag == "button" and "legend-entry" in (a.get("class") or "")]
    assert 0 < len(buttons) <= len(GROUPS) == 6
    groups = {mark["data-groups"].split()[0]: mark for mark in page.marks}
    by_text = {mark["text"]: mark for mark in page.marks}
    claimed, regime = by_text["claimed"], by_text["regime"]
    assert claimed["data-layer"] == "device" and "device" in claimed["data-groups"]
    assert regime["data-layer"] == "loaded" and regime["data-groups"] == "label"
    assert {"neg", "label", "device"} <= set(groups)


def test_exercise_words_are_markable_and_answers_hidden(slanted):
    html = render_html([slanted], exercise=True)
    words = re.findall(r'<span class="w" data-markable>([^<]*)</span>', html)
    assert len(words) == slanted.summary["n_words"] or len(words) >= 240
    assert "bulldozed" in words and "slammed" in words
    assert 'class="result"' in html and 'class="worksheet"' in html
    assert " data-markable>" not in render_html([slanted])


def test_aligned_compare_pairs_the_same_fact(slanted, neutral):
    html = render_html([slanted, neutral], compare=True)
    aligned = html[html.index('id="aligned"'):html.index('class="full-report"')]
    assert aligned.count('class="pair"') >= 8
    assert "only in A" in aligned and "only in B" in aligned
    assert '<span class="diff">refused</span>' in aligned
    for word in ("bulldozed", "approved"):
        assert f'<span class="diff">{word}</span>' in aligned, word


def test_long_text_is_cut_with_a_warning(slanted, monkeypatch):
    import framing.report.html as html_module

    monkeypatch.setattr(html_module, "MAX_ANNOTATED_WORDS", 100)
    with pytest.warns(LargeInputWarning, match="248 words"):
        html = render_html([slanted])
    assert 'class="warning"' in html and "Long text." in html
    assert 'id="d0-s1"' in html and f'id="d0-s{len(slanted.sentences) - 1}"' not in html


def test_exercise_mode_has_a_reveal_switch(slanted):
    html = render_html([slanted], exercise=True)
    assert '<input type="checkbox" id="reveal"' in html and '<label for="reveal"' in html
    assert 'id="reveal"' not in render_html([slanted])


def test_page_is_self_contained_with_a_matching_csp(slanted):
    html = render_html([slanted])
    page = Page(html)
    (csp,) = [a["content"] for _, a in page.tags
              if a.get("http-equiv") == "Content-Security-Policy"]
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert '<html lang="en">' in html
    assert all(f"<{tag}" in html for tag in ("header", "nav", "main", "footer"))


def test_ten_thousand_words_stay_under_two_megabytes(slanted):
    paragraphs = slanted.text.split("\n\n")
    text = "\n\n".join(paragraphs[i % len(paragraphs)] for i in range(400))
    analysis = analyze(text)
    assert analysis.summary["n_words"] >= 10_000
    assert len(render_html([analysis]).encode("utf-8")) < 2_000_000


def test_render_html_needs_an_analysis():
    with pytest.raises(ValueError):
        render_html([])


# --- command line ------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_report_builtin_sample(tmp_path):
    out = tmp_path / "r.html"
    result = run("report", "-o", out)
    assert result.exit_code == 0, result.output
    assert "built-in sample article" in result.output
    assert "so-called" in out.read_text(encoding="utf-8")


def test_cli_report_compare_and_exercise(tmp_path):
    out = tmp_path / "c.html"
    files = [EXAMPLES / "river_dam_slanted.txt", EXAMPLES / "river_dam_neutral.txt"]
    result = run("report", *files, "--compare", "--exercise", "-o", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert 'id="compare"' in html and 'id="reveal"' in html and 'id="d1"' in html


def test_cli_report_skips_a_bad_file_and_fails_without_traceback(tmp_path):
    out = tmp_path / "r.html"
    missing = tmp_path / "missing.txt"
    result = run("report", missing, EXAMPLES / "river_dam_neutral.txt", "-o", out)
    assert result.exit_code == 1
    assert f"framing: error: {missing}: " in result.output and "Traceback" not in result.output
    assert "river_dam_neutral.txt" in out.read_text(encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    lonely = tmp_path / "lonely.html"
    result = run("report", empty, "-o", lonely)
    assert result.exit_code == 1 and "was not written" in result.output
    assert not lonely.exists()


def test_cli_report_with_a_user_lexicon(tmp_path, toy_lexicon_file):
    text = tmp_path / "a.txt"
    text.write_text("The council made a bellicose plan.", encoding="utf-8")
    out = tmp_path / "r.html"
    result = run("report", text, "--lexicon", toy_lexicon_file, "--no-builtin-lexicons", "-o", out)
    assert result.exit_code == 0, result.output
    assert ">bellicose</mark>" in out.read_text(encoding="utf-8")


def test_cli_report_unwritable_output(tmp_path):
    result = run("report", "-o", tmp_path / "no" / "such" / "dir.html")
    assert result.exit_code == 2 and "cannot write the report" in result.output


def test_write_report_returns_failures(tmp_path):
    out = tmp_path / "r.html"
    failed = write_report([tmp_path / "nope.txt", EXAMPLES / "river_dam_slanted.txt"], out)
    assert [Path(e.source).name for e in failed] == ["nope.txt"] and out.exists()


def test_example_reports_exist():
    """`sh reports/make.sh` writes them; regenerate after changing the templates."""
    for name in ("river_dam_slanted", "river_dam_compare", "river_dam_exercise"):
        assert (ROOT / "reports" / f"{name}.html").is_file(), name


def test_cli_title_and_a_long_text_warns_on_stderr(tmp_path, monkeypatch):
    import framing.report.html as html_module

    monkeypatch.setattr(html_module, "MAX_ANNOTATED_WORDS", 50)
    out = tmp_path / "r.html"
    result = run("report", EXAMPLES / "river_dam_neutral.txt", "--title", "Dam <vote>",
                 "--no-model", "-o", out)
    assert result.exit_code == 0, result.output
    assert "framing: warning: " in result.output and "limit 50" in result.output
    html = out.read_text(encoding="utf-8")
    assert "<title>Dam &lt;vote&gt;</title>" in html and 'class="warning"' in html


def test_suggested_words_are_drawn_quietly_and_never_in_the_answer_key_issue_25():
    from framing.slant.words import _suggested_flag

    analyzer = Analyzer(model=None)

    def suggest_plan(doc, flags):
        at = doc.text.index("blueprint")
        return [_suggested_flag(doc, at, at + len("blueprint"), 0.9)]

    analyzer.scoring.suggester = suggest_plan
    analysis = analyzer.analyze("Critics slammed the blueprint on Monday, and the mayor defended it.")
    assert any(f.layer == "suggested" for f in analysis.flags)
    page = render_html([analysis], exercise=True)
    key = page[page.index('class="terms answer answer-key"'):]
    key = key[:key.index("</section>")]
    assert "slammed" in key and "blueprint" not in key
    mark = page[:page.index(">blueprint<")]
    assert mark[mark.rindex("<mark"):].count('data-layer="device"') == 1


def test_summary_card_speaks_plainly_and_keeps_the_formula_for_later_issue_28():
    analysis = analyze((ROOT / "examples" / "river_dam_slanted.txt").read_text(encoding="utf-8"))
    page = render_html([analysis])
    card = page[page.index('class="card card-score"'):]
    card = card[:card.index("</div>")]
    plain = card[:card.index("<details")]
    assert "Score = 100" not in plain and "exp(" not in plain
    assert "out of 100 means" in plain and "in the writer&#39;s own voice" in plain
    assert "How this was computed</summary>" in card and "Score = 100" in card


def test_quoted_sentences_show_speakers_words_not_a_bar_issue_28():
    text = ('The council approved the plan on Monday after a long debate.\n\n'
            '"This is a reckless betrayal of every family in the valley and we will fight it," '
            'said the campaigner.\n\nThe vote was eight to three.')
    analysis = Analyzer().analyze(text)
    quoted = [r for r in analysis.sentences if r.quoted_share >= 0.5]
    assert quoted and quoted[0].slant_probability is not None
    page = render_html([analysis])
    row = page[page.index(f'id="d0-s{quoted[0].sentence.index}"'):]
    row = row[:row.index('<div class="sent')] if '<div class="sent' in row else row
    assert "speaker&#39;s words" in row and 'class="prob"' not in row
    assert page.count('class="prob"') == sum(
        r.slant_probability is not None and r.quoted_share < 0.5 for r in analysis.sentences)


# --- issue 31: the answer key and the tally say what the reader relies on --------------

VOICES_TEXT = ("The council met on Monday. The so-called reckless plan failed, the mayor "
               "clearly said. Critics backed the \"reckless\" plan on Monday. \"We will fight "
               "on,\" the mayor said.")


def _section(page: str, start: str, end: str) -> str:
    part = page[page.index(start):]
    return part[:part.index(end)]


def _key(page: str) -> str:
    return _section(page, 'class="terms answer answer-key"', "</section>")


def test_the_answer_key_lists_loaded_words_before_devices_even_heavier_ones():
    record = analyze(VOICES_TEXT).to_dict()
    for sentence in record["sentences"]:
        for flag in sentence["flags"]:
            if flag["layer"] != "loaded":
                flag["weight"] = 5.0  # a device heavier than any loaded word
    key = _key(render_html([record]))
    assert key.index(">reckless<") < key.index(">clearly<")


def test_the_answer_key_says_a_distanced_word_is_not_the_writers_own():
    key = _key(render_html([analyze("The so-called reckless plan failed on Monday.")]))
    row = key[key.index(">reckless<"):]
    row = row[:row.index("</tr>")]
    assert "marked as someone else" in row and "the writer's own" not in row


def test_answer_key_sentence_numbers_count_from_one():
    key = _key(render_html([analyze("The council met on Monday. Critics slammed the plan.")]))
    row = key[key.index(">slammed<"):]
    assert 'href="#d0-s1">2</a>' in row[:row.index("</tr>")]


def test_scare_quotes_are_not_listed_among_the_quotations():
    page = render_html([analyze(VOICES_TEXT)])
    listed = _section(page, 'class="quote-list"', "</ul>")
    assert "We will fight on" in listed and "&#34;reckless&#34;" not in listed \
        and '"reckless"' not in listed


def test_a_highlight_joining_a_device_and_a_loaded_word_counts_as_loaded_in_the_tally():
    flags = [{"start": 0, "end": 9, "id": 0, "layer": "device"},
             {"start": 4, "end": 15, "id": 1, "layer": "loaded"}]
    pieces = _pieces("clearly reckless", 0, 16, flags)
    assert [p["loaded"] for p in pieces if p["flags"]] == [True]


def test_a_long_text_is_cut_after_the_sentence_that_reaches_the_limit(monkeypatch):
    analysis = analyze("One two three four. Five six seven eight. Nine ten eleven twelve.")
    monkeypatch.setattr("framing.report.html.MAX_ANNOTATED_WORDS", 8)
    with pytest.warns(LargeInputWarning, match="marks up the first 8 "):
        render_html([analysis])


def test_compare_lists_as_only_a_the_terms_b_does_not_use():
    a = analyze("Critics slammed the reckless regime on Monday.", doc_id="a")
    b = analyze("Critics slammed the plan on Tuesday.", doc_id="b")
    page = render_html([a, b], compare=True)
    only_a = _section(page, "Loaded terms only this text uses", "</ul>")
    assert ">regime<" in only_a and ">slammed<" not in only_a


# --- issue 31, mutmut: the answer key's figures, piece by piece ---------------------------


def _key_flag(i, term, *, sentence=0, voice="author", layer="loaded", weight=0.5,
              category="loaded_negative", group="neg"):
    return {"id": i, "term": term, "text": term.title(), "category": category,
            "cat": {"label": category}, "group": group, "layer": layer, "voice": voice,
            "weight": weight, "rationale": "r", "alternative": "a", "sentence": sentence}


def test_answer_key_sums_weights_counts_voices_and_lists_each_sentence_once():
    from framing.report.html import _terms

    flags = [_key_flag(0, "regime", sentence=0), _key_flag(1, "regime", sentence=0),
             _key_flag(2, "regime", sentence=3, voice="quoted"),
             _key_flag(3, "regime", sentence=4, voice="distanced"),
             _key_flag(4, "thug", weight=0.6), _key_flag(5, "blueprint", layer="suggested"),
             _key_flag(6, "clearly", layer="device", weight=3.0, category="booster")]
    terms = _terms(flags)
    assert [t["term"] for t in terms] == ["regime", "thug", "clearly"]
    regime = terms[0]
    assert regime["weight"] == pytest.approx(2.0) and regime["text"] == "Regime"
    assert (regime["author"], regime["quoted"], regime["distanced"]) == (2, 1, 1)
    assert regime["sentences"] == [1, 4, 5]


def test_a_flags_legend_group_comes_from_its_layer_category_or_polarity():
    from framing.report.html import _group

    loaded = {"layer": "loaded"}
    assert _group({"category": "hedge", "layer": "device"}, loaded) == "device"
    assert _group({"category": "label"}, loaded) == "label"
    assert _group({"category": "my_praise", "polarity": 1}, loaded) == "pos"
    assert _group({"category": "my_scorn", "polarity": -1}, loaded) == "neg"
    assert _group({"category": "my_plain"}, loaded) == "neg"


def test_the_cut_reports_words_and_sentences_shown_and_in_all(monkeypatch):
    from framing.report.html import _shown_sentences

    sentences = [{"text": "one two three"}, {"text": "four five"}, {"text": "six seven eight"}]
    assert _shown_sentences(sentences) == (sentences, None)
    monkeypatch.setattr("framing.report.html.MAX_ANNOTATED_WORDS", 8)
    assert _shown_sentences(sentences) == (sentences, None)  # exactly the limit: all shown
    monkeypatch.setattr("framing.report.html.MAX_ANNOTATED_WORDS", 6)
    shown, cut = _shown_sentences(sentences)
    assert shown == sentences[:2]
    assert cut == {"words": 8, "shown_words": 5, "sentences": 3, "shown_sentences": 2}


def test_compare_columns_are_lettered_and_list_no_device_as_a_texts_own():
    a = analyze("Critics slammed the regime, which clearly failed on Monday.", doc_id="a")
    b = analyze("Critics slammed the plan on Tuesday.", doc_id="b")
    page = render_html([a, b], compare=True)
    assert '<span class="letter">A</span>' in page and '<span class="letter">B</span>' in page
    only_a = _section(page, "Loaded terms only this text uses", "</ul>")
    assert ">regime<" in only_a and ">clearly<" not in only_a


def test_pieces_skip_flags_outside_the_sentence_and_leave_no_empty_piece():
    text = "Before. The reckless plan won. After."
    start, end = text.index("The"), text.index(" After")
    reckless, plan = text.index("reckless"), text.index("plan")

    def flag(i, lo, hi):
        return {"id": i, "start": lo, "end": hi, "layer": "loaded"}

    flags = [flag(0, 0, 6), flag(1, start, start), flag(2, reckless, reckless + 8),
             flag(3, reckless + 8, plan + 4), flag(4, start, start + 3), flag(5, end - 4, end)]
    pieces = _pieces(text, start, end, flags)
    assert "".join(p["text"] for p in pieces) == text[start:end]
    assert all(p["text"] for p in pieces)  # no empty piece, not even at either end
    assert [(p["text"], [f["id"] for f in p["flags"]]) for p in pieces if p["flags"]] == [
        ("The", [4]), ("reckless", [2]), (" plan", [3]), ("won.", [5])]  # touching: apart


def test_compare_bars_and_frames_share_one_scale_across_the_texts():
    from framing.report.html import _article, _categories, _comparison

    heavy = analyze("Critics slammed the reckless regime and its bellicose thugs over the "
                    "costly health plan for hospitals.")
    light = analyze("The council slammed the plan for the hospital budget and tax rates.")
    records = [heavy.to_dict(), light.to_dict()]
    categories = _categories(records)
    docs = [_article(r, n, categories) for n, r in enumerate(records)]
    columns = _comparison(docs, categories)["columns"]
    bars = [[bar["fraction"] for bar in c["profile"]] for c in columns]
    assert bars[0] and bars[1] and max(bars[0] + bars[1]) == 1.0 and max(bars[1]) < 1.0
    shares = [[row["fraction"] for row in c["frames"]["rows"]] for c in columns]
    assert max(shares[0] + shares[1]) == 1.0 and min(max(shares[0]), max(shares[1])) < 1.0
    docs[0]["terms"][0]["weight"] = 0.0  # a zero-weight term is nobody's own
    zeroed = docs[0]["terms"][0]["term"]
    unique = _comparison(docs, categories)["columns"][0]["unique"]
    assert zeroed not in [t["term"] for t in unique]


def test_two_texts_without_a_flag_compare_even_from_records_without_rates():
    page = render_html([analyze("The council met on Monday."),
                        analyze("The board met on Tuesday.")], compare=True)
    assert "None: every loaded term here also appears in another text." in page
    old = analyze("Critics slammed the plan on Monday.").to_dict()
    del old["summary"]["author_flags_per_1000_words"]  # a record from an older framing
    assert "Side by side" in render_html([old, analyze("The board met.")], compare=True)
