"""Browser fixtures: Debian's Chromium driven by Playwright (issues 5 and 16).

The browser is never downloaded and never installed by a test: Chromium comes from apt
(`.ci/run` installs it). Without it the tests skip, except under CI=true, where a missing
browser fails.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ..conftest import unavailable

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TRANSPARENT = "rgba(0, 0, 0, 0)"


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        unavailable(f"Chromium is not at {CHROMIUM}: apt-get install -y chromium (.ci/run does)")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=ARGS)
        yield browser
        browser.close()


class Opened:
    """A page opened from a file URL, with its request log and console errors."""

    def __init__(self, browser, path: Path, *, javascript: bool = True,
                 width: int = 1280) -> None:
        self.context = browser.new_context(java_script_enabled=javascript,
                                           viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.url = path.resolve().as_uri()
        started = time.perf_counter()
        self.page.goto(self.url, wait_until="load")
        self.seconds = time.perf_counter() - started

    def scroll_width(self) -> int:
        return self.page.evaluate("document.documentElement.scrollWidth")

    def style(self, selector: str, prop: str) -> str:
        return self.page.eval_on_selector(
            selector, f"e => getComputedStyle(e).getPropertyValue('{prop}')")


@pytest.fixture
def open_report(browser, tmp_path):
    contexts = []

    def opener(html: str, name: str = "report.html", **kwargs) -> Opened:
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        opened = Opened(browser, path, **kwargs)
        contexts.append(opened.context)
        return opened

    yield opener
    for context in contexts:
        context.close()


