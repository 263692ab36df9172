"""Register gold sets (issue 25): marked texts, their scoring, and `evaluate words --gold`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from framing import Analyzer
from framing.cli import main
from framing.errors import InputError
from framing.evaluation.registers import parse_marked, read_gold, score_gold, shipped_gold

LEXICON = ("term\tcategory\tweight\tpolarity\trationale\talternative\n"
           "furious\tloaded_negative\t0.6\t-1\tWhy.\tangry\n"
           "storm\tloaded_negative\t0.5\t-1\tWhy.\trow\n")


def test_marks_become_spans_of_the_plain_text():
    gold = parse_marked("t", "tabloid", 'A [[furious]] {{storm}} hit. "A ((disgrace))," she said.')
    assert gold.text == 'A furious storm hit. "A disgrace," she said.'
    assert [gold.text[s:e] for s, e in gold.loaded] == ["furious"]
    assert [gold.text[s:e] for s, e in gold.literal] == ["storm"]
    assert [gold.text[s:e] for s, e in gold.quoted] == ["disgrace"]


def test_an_unbalanced_mark_is_refused():
    with pytest.raises(ValueError, match="unbalanced"):
        parse_marked("t", "x", "A [[furious storm.")


def test_scores_count_hits_false_flags_and_literal_flags(tmp_path):
    lexicon = tmp_path / "toy.tsv"
    lexicon.write_text(LEXICON, encoding="utf-8")
    analyzer = Analyzer([lexicon], builtin_lexicons=False, model=None)
    texts = [parse_marked("a", "wire", "The [[furious]] mayor left. A {{storm}} hit the coast."),
             parse_marked("b", "wire", "A [[vile]] plan and a furious reply.")]
    scores = score_gold(texts, analyzer)
    assert (scores.marked, scores.found) == (2, 1)  # "vile" is not in the toy lexicon
    assert (scores.flags, scores.true_flags) == (3, 1)  # storm (literal) and the unmarked furious
    assert (scores.literal, scores.literal_flagged) == (1, 1)
    assert scores.literal_per_10_texts == 5.0
    assert scores.misses == ["b: 'vile'"]
    assert sorted(scores.false_flags) == ["a: 'storm' (loaded_negative)", "b: 'furious' (loaded_negative)"]


def test_a_quoted_loaded_word_is_not_the_writers(tmp_path):
    lexicon = tmp_path / "toy.tsv"
    lexicon.write_text(LEXICON, encoding="utf-8")
    analyzer = Analyzer([lexicon], builtin_lexicons=False, model=None)
    scores = score_gold([parse_marked("q", "wire", '"A ((furious)) mob," he said.')], analyzer)
    assert scores.flags == 0 and (scores.quoted, scores.quoted_found) == (1, 1)


def test_a_bad_gold_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "marked": "ok"}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        read_gold(path)


def test_the_shipped_development_set_covers_nine_registers():
    texts = read_gold(shipped_gold("dev"))
    assert len(texts) >= 40 and len({t.register for t in texts}) >= 8
    assert sum(len(t.loaded) for t in texts) >= 100 and sum(len(t.literal) for t in texts) >= 40


def test_evaluate_words_gold_command(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a", "register": "wire",
                                "marked": "Critics [[slammed]] the [[reckless]] plan after the {{flood}} defences held."})
                    + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", "words", "--gold", str(path)])
    assert result.exit_code == 0, result.output
    assert "recall 1.000 (2 of 2)" in result.output and "literal look-alikes flagged 0 of 1" in result.output
    missing = CliRunner().invoke(main, ["evaluate", "words", "--gold", str(tmp_path / "none.jsonl")])
    assert missing.exit_code != 0 and len(missing.output.strip().splitlines()) == 1
