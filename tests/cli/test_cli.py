import json
import subprocess
import sys

import pandas as pd
import pytest
from click.testing import CliRunner

from framing import __version__, analyze
from framing.cli import main


def run(*args, input=None):
    return CliRunner().invoke(main, list(map(str, args)), input=input)


def test_version_and_help():
    assert __version__ in run("--version").output
    help_text = run("score", "--help").output
    assert "Examples:" in help_text and "--format" in help_text


def test_score_without_files_scores_the_builtin_sample():
    result = run("score")
    assert result.exit_code == 0, result.output
    assert "built-in sample article" in result.output
    assert "so-called" in result.output and "slammed" in result.output


def test_score_sample_article_as_json_slices_back(sample_path):
    result = run("score", sample_path, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    flagged = {f["text"].lower() for s in data["sentences"] for f in s["flags"]}
    assert {"bellicose", "intransigent", "so-called"} <= flagged
    for sentence in data["sentences"]:
        assert data["text"][sentence["start"]:sentence["end"]] == sentence["text"]
        for flag in sentence["flags"]:
            assert data["text"][flag["start"]:flag["end"]] == flag["text"]
            assert flag["rationale"]


def test_jsonl_and_csv_outputs(tmp_path, sample_path):
    out = tmp_path / "scores.jsonl"
    assert run("score", sample_path, sample_path, "-f", "jsonl", "-o", out).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["doc_id"] == str(sample_path)
    csv_out = tmp_path / "flags.csv"
    assert run("score", sample_path, "-f", "csv", "-o", csv_out).exit_code == 0
    flags = pd.read_csv(csv_out)
    assert "bellicose" in set(flags["text"]) and {"category", "rationale"} <= set(flags.columns)
    sentences = run("score", sample_path, "-f", "csv", "--rows", "sentences")
    assert "slant_probability" in sentences.output.splitlines()[0]


def test_text_output_shows_flags_with_reasons(sample_path):
    result = run("score", sample_path)
    assert result.exit_code == 0
    for word in ("bellicose", "intransigent", "so-called", "instead: assertive"):
        assert word in result.output


def test_piped_text_is_one_flag_per_line_with_its_reason_indented_issue_28(sample_path):
    lines = run("score", sample_path).output.splitlines()
    flags = [i for i, line in enumerate(lines) if line.startswith("  sentence ")]
    assert len(flags) >= 10
    for i in flags:
        assert lines[i + 1].startswith("      why: ")  # the reason follows, indented
    bellicose = next(lines[i] for i in flags if "“bellicose”" in lines[i])
    assert "loaded (negative) (author)" in bellicose
    assert not any("│" in line or "┃" in line for line in lines)  # no table borders


def test_on_a_terminal_the_tables_take_its_width_issue_28(sample_text):
    from io import StringIO

    from rich.console import Console

    from framing.report.terminal import render

    for width in (100, 160):
        out = StringIO()
        render(analyze(sample_text), Console(file=out, force_terminal=True, width=width,
                                             color_system=None))
        widths = {len(line) for line in out.getvalue().splitlines() if "sent." in line}
        assert widths == {width}, (width, widths)


def test_stdin(sample_text):
    result = run("score", "-", "-f", "json", input=sample_text)
    assert result.exit_code == 0 and json.loads(result.output)["doc_id"] == "-"


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "directory"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"), "binary"),
        (lambda p: p.write_bytes(b"caf\xe9 \xfd bad"), "not valid utf-8"),
        (lambda p: p.write_text(""), "empty"),
    ],
)
def test_bad_input_is_one_line_and_nonzero(tmp_path, make, words):
    path = tmp_path / "doc.txt"
    make(path)
    result = run("score", path)
    assert result.exit_code != 0
    assert result.output.startswith(f"framing: error: {path}: ")
    assert words in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_one_bad_file_in_many_is_an_error_row(tmp_path, sample_path):
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(main, ["score", str(sample_path), str(missing), "-f", "jsonl"])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[1] == {"doc_id": str(missing), "error": "no such file"}
    assert "schema_version" in rows[0]


def test_malformed_lexicon_names_file_line_and_column(tmp_path, sample_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("term\tcategory\tweight\tpolarity\trationale\talternative\nx\ty\tmuch\t1\tWhy.\t\n")
    result = run("score", sample_path, "--lexicon", bad)
    assert result.exit_code == 2
    assert result.output.strip() == f"framing: error: {bad}:2:3: weight 'much' is not a number"


def test_user_lexicon_adds_terms(tmp_path, sample_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text(
        "term\tcategory\tweight\tpolarity\trationale\talternative\n"
        "lockstep\tmy_category\t0.5\t1\tImplies total agreement.\tagreement\n"
    )
    result = run("score", sample_path, "--lexicon", mine, "--no-builtin-lexicons", "-f", "json")
    flags = [f for s in json.loads(result.output)["sentences"] for f in s["flags"]]
    from_lexicons = [f for f in flags if f["lexicon"] not in ("patterns", "expert word model")]
    assert from_lexicons and {f["term"] for f in from_lexicons} == {"lockstep"}
    assert {f["lexicon"] for f in from_lexicons} == {"mine.tsv"}


def test_python_dash_m(sample_path):
    result = subprocess.run(
        [sys.executable, "-m", "framing", "score", str(sample_path), "-f", "jsonl"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["n_flags"] > 0


def test_missing_file_from_subprocess_has_no_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "framing", "score", str(tmp_path / "nope.txt")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == f"framing: error: {tmp_path / 'nope.txt'}: no such file"


def test_lexicon_list_show_and_check(tmp_path, toy_lexicon_file):
    listing = run("lexicon", "list")
    assert listing.exit_code == 0 and "loaded.tsv" in listing.output and "entries" in listing.output
    shown = run("lexicon", "show", "Slammed")
    assert shown.exit_code == 0
    assert "slam" in shown.output and "why:" in shown.output and "instead:" in shown.output
    assert run("lexicon", "show", "zzzunknownword").exit_code == 1
    checked = run("lexicon", "check", toy_lexicon_file)
    assert checked.exit_code == 0 and "OK, 6 entries" in checked.output


def test_lexicon_check_reports_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "term\tcategory\tweight\tpolarity\trationale\talternative\n"
        "brazen\tloaded\t0.5\t-1\tShameless.\t\n"
        "brazen\tloaded\t0.9\t-1\tShameless.\t\n"
    )
    result = run("lexicon", "check", bad)
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"framing: error: {bad}:3:1: term 'brazen' is already defined on line 2")
    latin = tmp_path / "latin.tsv"
    latin.write_bytes(b"term\tcategory\tweight\tpolarity\trationale\talternative\ncaf\xe9\tx\t0.5\t1\tWhy.\t\n")
    result = run("lexicon", "check", latin)
    assert result.exit_code == 2 and f"{latin}:2:4:" in result.output
