"""The HTML report in a real browser: Debian's Chromium driven by Playwright (issue 5).

The browser is never downloaded: Chromium comes from apt (`apt-get install -y chromium`,
which .ci/run does; a test never installs system packages). Without it the tests skip,
except under CI=true, where a missing browser fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framing import Analyzer
from framing.report.html import render_html

from ..conftest import ROOT
from .conftest import TRANSPARENT

#: Every lexicon flag, none hidden by the confidence threshold: these tests are about how
#: flags of every group are drawn, not which ones the confidence model keeps.
analyze = Analyzer(word_model=None).analyze

SLANTED = ROOT / "examples" / "river_dam_slanted.txt"


@pytest.fixture(scope="module")
def slanted():
    return analyze(SLANTED.read_text(encoding="utf-8"), doc_id="river_dam_slanted.txt")


def mark_for(word: str) -> str:
    """The highlight of ``word``; in the exercise its words are markable spans inside it."""
    return (f'mark.hl[data-flags]:text-is("{word}"), '
            f'mark.hl[data-flags]:has(> [data-markable]:text-is("{word}"))')


def test_report_opens_offline_runs_its_script_and_saves_a_screenshot(open_report, slanted,
                                                                     tmp_path):
    opened = open_report(render_html([slanted]))
    assert opened.requests == [opened.url]
    assert opened.errors == []
    page = opened.page
    ran = page.evaluate("document.documentElement.classList.contains('js')")
    assert ran, "the Content-Security-Policy blocked the report's own script"
    for word in ("slammed", "regime", "so-called", "claimed"):
        assert page.locator(mark_for(word)).count() == 1, word
    # CI can keep the screenshot as an artifact by naming a folder for it.
    folder = Path(os.environ.get("FRAMING_ARTIFACTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_tooltip_shows_on_keyboard_focus_and_on_hover(open_report, slanted):
    page = open_report(render_html([slanted])).page
    for _ in range(40):  # Tab through the links and legend to the first highlight
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.hl')"):
            break
    first = page.locator("mark.hl[data-flags]").first
    assert page.evaluate("document.activeElement.matches('mark.hl')")
    tip = first.locator("xpath=following-sibling::span[@role='tooltip']")
    assert tip.is_visible() and "loaded (negative)" in tip.inner_text()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    regime = page.locator(mark_for("regime"))
    regime.hover()
    text = regime.locator("xpath=following-sibling::span[@role='tooltip']").inner_text()
    assert "label / name-calling" in text and "Instead: government" in text
    assert "the author's own voice" in text and "weight" in text


def test_legend_toggles_a_category(open_report, slanted):
    opened = open_report(render_html([slanted]))
    page, regime = opened.page, mark_for("regime")
    assert opened.style(regime, "background-color") != TRANSPARENT
    button = page.get_by_role("button", name="Labels")
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert opened.style(regime, "background-color") == TRANSPARENT
    assert opened.style(regime, "outline-style") == "none"
    page.focus(mark_for("slammed"))
    assert page.locator(regime).get_attribute("tabindex") == "-1"
    button.click()
    assert opened.style(regime, "background-color") != TRANSPARENT


def test_exercise_reveal_works_with_and_without_script(open_report, slanted):
    html = render_html([slanted], exercise=True)
    for javascript in (True, False):
        opened = open_report(html, name=f"exercise-{javascript}.html", javascript=javascript)
        page, slammed = opened.page, mark_for("slammed")
        assert opened.style(slammed, "background-color") == TRANSPARENT
        assert not page.locator("#d0-summary").is_visible()
        page.get_by_text("Reveal the analysis").click()
        assert opened.style(slammed, "background-color") != TRANSPARENT
        assert page.locator("#d0-summary").is_visible()
        assert opened.errors == []


def test_tooltips_work_without_script(open_report, slanted):
    page = open_report(render_html([slanted]), javascript=False).page
    page.focus(mark_for("regime"))
    tip = page.locator(mark_for("regime")).locator("xpath=following-sibling::span[@role='tooltip']")
    assert tip.is_visible()


def test_no_script_from_the_article_runs(open_report):
    text = ("Critics slammed the plan. <script>window.pwned=1</script> "
            "<img src=x onerror=\"window.pwned=2\"> \"><svg onload=window.pwned=3> "
            "It was a reckless \"power grab\" by the regime.")
    analysis = analyze(text, doc_id="<img src=x onerror=window.pwned=4>",
                       meta={"title": "<script>window.pwned=5</script>"})
    opened = open_report(render_html([analysis, analysis], compare=True))
    page = opened.page
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("img").count() == 0 and page.locator("main svg[onload]").count() == 0
    assert page.locator("script").count() == 1
    # In a comparison the full reports sit in closed <details>: read the text, not the view.
    assert "<script>window.pwned=1</script>" in page.locator("#d0-article").text_content()
    assert opened.requests == [opened.url] and opened.errors == []


def test_print_keeps_categories_apart_without_colour(open_report, slanted):
    opened = open_report(render_html([slanted]))
    opened.page.emulate_media(media="print")
    # One word of each group on the page: loaded (-), label, intensity, distancing, device.
    words = ("slammed", "regime", "flatly", "so-called", "claimed")
    styles = {
        word: (opened.style(mark_for(word), "background-color"),
               tuple(opened.style(mark_for(word), prop) for prop in
                     ("text-decoration-line", "text-decoration-style", "outline-style")))
        for word in words
    }
    assert all(background == TRANSPARENT for background, _ in styles.values())
    assert len({style for _, style in styles.values()}) == len(words), styles


def test_ten_thousand_word_report_opens(open_report, slanted):
    paragraphs = slanted.text.split("\n\n")
    analysis = analyze("\n\n".join(paragraphs[i % len(paragraphs)] for i in range(400)))
    assert analysis.summary["n_words"] >= 10_000
    opened = open_report(render_html([analysis]))
    # A guard against a page that hangs, not a speed target: load on a shared machine
    # stretches the time, so the bound is generous.
    assert opened.seconds < 30.0, f"took {opened.seconds:.2f} s"
    assert opened.errors == []
