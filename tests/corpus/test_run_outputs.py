"""Issue 27: what a batch run writes reads back as the schema promises, says how it was
made, and what compare makes of texts that are not judged and of small groups."""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import framing
from framing import schema
from framing.cli import main
from framing.corpus.compare import compare_groups
from framing.corpus.provenance import parquet_provenance, read_provenance

from ..conftest import TOY_LEXICON, require_module
from ..slant.test_judge import COOKIE_NOTICE, QUOTED_PARAGRAPH, TEN_WORDS

#: The toy lexicon and one entry with no neutral alternative.
LEXICON = TOY_LEXICON + "hapless\tloaded_negative\t0.5\t-1\tPaints as pitiful.\t\t\n"


def _article(i: int, loaded: str = "") -> str:
    return (f"{loaded}The committee met in room {i} on a cold morning. Members read report "
            f"number {i} aloud, page by page. They asked about roads, schools and pipes in "
            f"district {i}. The chair of panel {i} answered every question in turn. A second "
            f"meeting on item {i} is planned for the first week of the month.")


def _corpus(path: Path) -> Path:
    loaded = "Critics slammed the hapless regime. "
    rows = [{"id": f"a{i}", "outlet": "A", "text": _article(i, loaded)}
            for i in range(12)]
    rows += [{"id": "b0", "outlet": "B", "text": _article(100, "-5 votes: =SUM(A1) @home. ")},
             {"id": "b1", "outlet": "B", "text": _article(101)}]
    rows += [{"id": "q", "outlet": "A", "text": QUOTED_PARAGRAPH * 8},
             {"id": "s", "outlet": "A", "text": TEN_WORDS},
             {"id": "c", "outlet": "A", "text": COOKIE_NOTICE}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _batch(tmp_path: Path, name: str, *extra: str, lexicon: Path | None = None) -> Path:
    corpus = tmp_path / "corpus.jsonl"
    if not corpus.exists():
        _corpus(corpus)
    if lexicon is None:
        lexicon = tmp_path / "toy.tsv"
        lexicon.write_text(LEXICON, encoding="utf-8")
    out = tmp_path / name
    result = CliRunner().invoke(main, [
        "batch", str(corpus), "--id-col", "id", "--meta-col", "outlet", "--no-model",
        "--no-confidence", "--no-builtin-lexicons", "--lexicon", str(lexicon), "-j", "1",
        "-q", "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    require_module("pyarrow", "parquet")
    tmp = tmp_path_factory.mktemp("runs")
    return {"parquet": _batch(tmp, "pq"), "csv": _batch(tmp, "csv", "--format", "csv"),
            "raw": _batch(tmp, "raw", "--format", "csv", "--no-csv-safe"), "tmp": tmp}


@pytest.mark.parametrize("fmt", ["parquet", "csv", "raw"])
def test_read_tables_gives_what_the_schema_promises(runs, fmt):
    tables = framing.read_tables(runs[fmt])
    for name, frame in tables._asdict().items():
        assert len(frame.columns) > 3
        assert schema.problems(frame, name) == [], name
    articles = tables.articles
    assert articles["schema_version"].tolist() == [schema.SCHEMA_VERSION] * len(articles)
    assert isinstance(articles["schema_version"].iloc[0], str)
    assert all(isinstance(v, list) for v in articles["top_terms"])
    assert framing.read_table(runs[fmt] / f"flags.{'parquet' if fmt == 'parquet' else 'csv'}") \
        .equals(tables.flags)


def test_a_raw_parquet_read_is_what_the_schema_refuses(runs):
    raw = pd.read_parquet(runs["parquet"] / "articles.parquet")
    assert schema.problems(raw, "articles")  # the reason read_tables exists


def test_alternative_reads_back_the_same_from_csv_and_parquet(runs):
    parquet = framing.read_tables(runs["parquet"]).flags
    csv = framing.read_tables(runs["csv"]).flags
    assert parquet["alternative"].isna().tolist() == csv["alternative"].isna().tolist()
    assert parquet["alternative"].dropna().tolist() == csv["alternative"].dropna().tolist()
    assert set(parquet["alternative"].dropna()) == {"criticize", "government"}
    assert parquet.loc[parquet["term"] == "hapless", "alternative"].isna().all()


def test_no_csv_safe_keeps_text_exact_and_the_guard_marks_it(runs):
    safe = framing.read_tables(runs["csv"]).sentences
    raw = framing.read_tables(runs["raw"]).sentences
    first = raw[raw["doc_id"] == "b0"].iloc[0]
    assert first["text"].startswith("-5 votes")
    assert (raw["end"] - raw["start"] == raw["text"].str.len()).all()
    assert safe[safe["doc_id"] == "b0"].iloc[0]["text"].startswith("'-5 votes")
    record = json.loads((runs["raw"] / "provenance.json").read_text(encoding="utf-8"))
    assert record["settings"]["csv_safe"] is False


def test_provenance_in_every_file_and_beside_them(runs):
    record = read_provenance(runs["parquet"])
    assert record["framing_version"] == framing.__version__
    assert record["schema_version"] == schema.SCHEMA_VERSION
    assert len(record["settings"]["lexicons"][0]) == 64
    corpus = runs["tmp"] / "corpus.jsonl"
    assert record["inputs"] == [{"path": str(corpus), "sha256": _sha256(corpus),
                                 "bytes": corpus.stat().st_size}]
    assert set(record["libraries"]) >= {"python", "pandas", "pyarrow", "numpy"}
    for name in ("articles", "sentences", "flags", "quotes", "actors"):
        assert parquet_provenance(runs["parquet"] / f"{name}.parquet") == record


def test_two_runs_with_other_lexicons_differ_and_compare_names_each(runs):
    other = runs["tmp"] / "other.tsv"
    other.write_text(LEXICON + "committee\tloaded_negative\t0.5\t-1\tToy.\t\t\n",
                     encoding="utf-8")
    second = _batch(runs["tmp"], "other", lexicon=other)
    first_sha = read_provenance(runs["parquet"])["settings"]["lexicons"][0]
    second_sha = read_provenance(second)["settings"]["lexicons"][0]
    assert first_sha != second_sha and second_sha == _sha256(other)
    for run, sha, not_sha in ((runs["parquet"], first_sha, second_sha),
                              (second, second_sha, first_sha)):
        result = CliRunner().invoke(main, ["compare", str(run), "--by", "outlet"],
                                    terminal_width=250)
        assert result.exit_code == 0, result.output
        assert sha[:12] in result.output and not_sha[:12] not in result.output


def test_unjudged_texts_are_labelled_and_left_out_of_compare_with_a_count(runs):
    tables = framing.read_tables(runs["parquet"])
    articles = tables.articles.set_index("doc_id")
    assert articles.loc["q", "slant_label"] == "only quoted speech: not judged"
    assert articles.loc["s", "slant_label"] == "too short to judge"
    assert articles.loc["c", "slant_label"] == "not an article: not judged"
    assert articles.loc[["q", "s", "c"], "slant_score"].isna().all()
    comparison = compare_groups(runs["parquet"], by="outlet", n_boot=200)
    group = comparison.groups.loc["A"]
    assert group["articles"] == 12 and group["not_judged"] == 3
    judged = articles[(articles["outlet"] == "A") & articles["slant_score"].notna()]
    assert group["mean_slant"] == pytest.approx(judged["slant_score"].astype(float).mean())
    assert "A: left out 3 article(s) of every figure (3 not judged, 0 errors)" \
        in comparison.warnings


def test_a_two_article_group_has_no_interval_in_terminal_html_and_csv(runs):
    page, folder = runs["tmp"] / "cmp.html", runs["tmp"] / "cmp"
    result = CliRunner().invoke(main, ["compare", str(runs["parquet"]), "--by", "outlet",
                                       "--html", str(page), "--csv", str(folder)],
                                terminal_width=200)
    assert result.exit_code == 0, result.output
    warning = "B: too few articles (n = 2): no interval"
    assert f"framing: warning: {warning}" in result.output
    assert "too few articles (n = 2): no interval" in page.read_text(encoding="utf-8")
    groups = pd.read_csv(folder / "groups.csv").set_index("group")
    assert groups.loc["B", "note"] == "too few articles (n = 2): no interval"
    assert math.isnan(groups.loc["B", "slant_ci_low"])
    assert not math.isnan(groups.loc["A", "slant_ci_low"])
    terms = pd.read_csv(folder / "terms.csv")
    assert (terms["q"] < 0.05).all() and (terms["articles"] >= 3).all()
    assert terms["rule"].str.contains("q < 0.05").all()
    assert "How this was computed" in page.read_text(encoding="utf-8")
    assert read_provenance(runs["parquet"])["settings"]["builtin_lexicons"] is None


def test_analyze_frame_warns_of_repeated_ids_and_keeps_the_first(toy_analyzer):
    frame = pd.DataFrame({"id": ["x", "y", "x"], "text": ["The regime fell.", "Calm.", "Slam."]})
    with pytest.warns(UserWarning, match=r"skipped 1 row\(s\) whose id was already used.*x"):
        tables = framing.analyze_frame(frame, id_col="id", analyzer=toy_analyzer)
    assert tables.articles["doc_id"].tolist() == ["x", "y"]
    assert tables.flags["term"].tolist() == ["regime"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        framing.analyze_frame(frame.iloc[:2], id_col="id", analyzer=toy_analyzer)


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()
