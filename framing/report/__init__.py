"""Writers that only format analyses: HTML, terminal, JSON, JSONL and CSV.

- ``html``: the self-contained HTML report (:func:`render_html`, :func:`write_report`);
- ``terminal``: rich tables for ``framing score``;
- ``formats``: JSON, JSONL and CSV, with spreadsheet-safe cells;
- ``questions``: discussion questions for a class;
- ``templates/``: the Jinja2 templates, stylesheet and script.

May import ``analyzer`` and everything below it; never ``corpus``, ``evaluation`` or
``cli``.
"""

__all__ = ["render_html", "write_report"]


def __getattr__(name: str):
    # Loaded on first use: batch writes CSV through ``report.formats`` and must not pay for
    # Jinja2 and the HTML writer on every ``import framing``.
    if name in __all__:
        from framing.report import html

        return getattr(html, name)
    raise AttributeError(f"module 'framing.report' has no attribute {name!r}")
