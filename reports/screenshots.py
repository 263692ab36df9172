"""Screenshots of every example report at phone and projector width (issue 16).

Run by reports/make.sh after the reports are written: ``python reports/screenshots.py``.
Uses Debian's Chromium through Playwright (no browser download). The exercise is shot
after a student marked three words and pressed Reveal, so the tally shows.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTHS = (390, 1366)
#: Long pages are cut here: the top of a report shows its look; the rest repeats it.
MAX_HEIGHT = 6000
REPORTS = ("river_dam_slanted", "river_dam_exercise", "river_dam_compare",
           "river_dam_corpus_compare", "harbour_levy_compare")


def shoot(page, name: str, width: int, out: Path) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto((HERE / f"{name}.html").as_uri())
    if name.endswith("exercise"):
        for word in ("slammed", "regime", "Tuesday"):
            page.locator(f'[data-markable]:text-is("{word}")').first.click()
        page.get_by_text("Reveal the analysis").click()
    height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
    page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": width, "height": height})


def main() -> None:
    out = HERE / "screenshots"
    out.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page()
        for name in REPORTS:
            for width in WIDTHS:
                shoot(page, name, width, out)
        print_worksheet(page, out)
        browser.close()


def print_worksheet(page, out: Path) -> None:
    """The exercise as a student gets it on paper: A4 pages, as PNG (needs pdftoppm)."""
    page.goto((HERE / "river_dam_exercise.html").as_uri())
    pdf = out / "worksheet.pdf"
    page.pdf(path=str(pdf), format="A4")
    for old in out.glob("worksheet-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(out / "worksheet")], check=True)
    pdf.unlink()


if __name__ == "__main__":
    main()
