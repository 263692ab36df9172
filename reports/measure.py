"""Print the figures issue 16 sets targets for, for each example report in reports/.

``python reports/measure.py [SEED.txt]``: the document's scroll width at 390 and 1366 px,
the A4 pages Chromium's PDF output takes (with and without the answer key), the legend
toggles, and axe-core's violations by impact. With a path, the seed article is measured
too (the handout target is the seed's). Needs Chromium at /usr/bin/chromium and
axe-playwright-python.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def pages(page) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", page.pdf(format="A4")))


def measure(browser, path: Path) -> str:
    page = browser.new_page()
    page.goto(path.as_uri())
    widths = []
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        widths.append(f"{width}px→{page.evaluate('document.documentElement.scrollWidth')}")
    total = pages(page)
    page.add_style_tag(content="@media print { .answer-key { display: none !important; } }")
    without_key = pages(page)
    toggles = page.locator("button.legend-entry").count()
    impacts = Counter(v["impact"] for v in Axe().run(page).response["violations"])
    page.close()
    return (f"{path.name}: scroll width {', '.join(widths)}; A4 pages {total} "
            f"(without the answer key {without_key}); legend toggles {toggles}; "
            f"axe violations {dict(impacts) or 'none'}")


def main() -> None:
    reports = sorted(HERE.glob("river_dam_*.html"))
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        if len(sys.argv) > 1:
            from framing import analyze
            from framing.report.html import render_html

            seed = Path(sys.argv[1])
            page = Path(tmp) / f"seed_{seed.stem}.html"
            page.write_text(render_html([analyze(seed.read_text(encoding="utf-8"),
                                                 doc_id=str(seed))]), encoding="utf-8")
            reports.insert(0, page)
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for path in reports:
            print(measure(browser, path), flush=True)
        browser.close()


if __name__ == "__main__":
    main()
