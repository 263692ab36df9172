"""Many documents: batch runs into tables, their store, inputs, Dask, and group comparison.

- ``inputs``: where batch documents come from (files, folders, tables, web pages);
- ``batch``: :func:`analyze_many`, :func:`analyze_frame` and resumable :func:`run_batch`;
- ``store``: the output folder of a batch run, part by part;
- ``dask``: the same chunks on a Dask cluster (uses ``batch``; ``batch`` never imports it);
- ``compare``: groups (outlets, dates) of a batch run compared;
- ``compare_report``: that comparison in the terminal and as an HTML page.

May import ``report``, ``analyzer`` and everything below them; never ``evaluation`` or
``cli``.
"""
