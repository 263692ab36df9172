from click.testing import CliRunner

from framing.cli import main
from framing.evaluation.wnc import detokenize, evaluate_wnc

from ..conftest import SHARED, require


def write_pairs(folder, pre, post):
    folder.mkdir()
    (folder / "pre.test").write_text("\n".join(pre) + "\n", encoding="utf-8")
    (folder / "post.test").write_text("\n".join(post) + "\n", encoding="utf-8")
    return folder


def test_detokenize_keeps_token_spans():
    tokens = ["critics", "slammed", "the", "kgb", "'", "s", "award", "-", "winning", "film", "."]
    text, spans = detokenize(tokens)
    assert text == "critics slammed the kgb's award-winning film."
    assert [text[s:e] for s, e in spans] == tokens


def test_made_up_pairs(tmp_path):
    folder = write_pairs(
        tmp_path / "wnc",
        ["the reckless plan was a disaster .", "the brutal regime fell ."],
        ["the plan failed .", "the government fell ."],
    )
    scores = evaluate_wnc(folder)
    assert scores.pairs == 2 and scores.removed_words == 6  # reckless, was a disaster, brutal regime
    assert scores.flags_pre > scores.flags_post
    assert 0 < scores.recall <= 1 and 0 <= scores.alternative_rate <= 1


def test_command_prints_the_three_figures(tmp_path):
    folder = write_pairs(tmp_path / "wnc", ["the reckless plan ."], ["the plan ."])
    result = CliRunner().invoke(main, ["evaluate", "words", "--wnc", str(folder)])
    assert result.exit_code == 0, result.output
    assert "removed-word recall" in result.output and "pre / post" in result.output


def test_bad_folder_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["evaluate", "words", "--wnc", str(tmp_path / "none")])
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_shared_sample_loads():
    folder = require(SHARED / "data" / "wnc_sample", "the WNC sample")
    scores = evaluate_wnc(folder, limit=20)
    assert scores.pairs == 20 and scores.removed_words > 0
