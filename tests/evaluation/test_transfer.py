"""Grouped CV and the out-of-domain readers and figures, on small files we write."""

from __future__ import annotations

import numpy as np
import pytest

from framing.errors import InputError
from framing.evaluation.transfer import group_cross_validate, ood_figures, read_wnc


@pytest.fixture
def wnc(tmp_path):
    (tmp_path / "pre.train").write_text("a truly awful film , he said .\nthe brave captain ' s ship\n")
    (tmp_path / "post.train").write_text("a film , he said .\nthe captain ' s ship\n")
    return tmp_path


@pytest.fixture
def newssd(tmp_path):
    for name in ("train.csv", "val.csv", "test.csv"):
        (tmp_path / name).write_text('Sentence,Label,Solved conflict\n"I think it is awful.\n",SUBJ,False\n'
                                     '"The vote was held.",OBJ,False\n')
    return tmp_path


def by_length(texts):
    return np.array([len(t) for t in texts], dtype=float)


def test_wnc_pairs_are_detokenised_and_scored_pairwise(wnc):
    pre, post = read_wnc(wnc)
    assert pre[1] == "the brave captain's ship" and post[0] == "a film, he said."
    figures = ood_figures(by_length, [("wnc", wnc)])["wnc"]
    assert figures == {"n_pairs": 2, "split": "train", "roc_auc": 1.0, "paired_accuracy": 1.0,
                       "ties": 0}


def test_ties_count_as_misses(wnc):
    figures = ood_figures(lambda texts: np.zeros(len(texts)), [("wnc", wnc)])["wnc"]
    assert (figures["paired_accuracy"], figures["ties"], figures["roc_auc"]) == (0.0, 2, 0.5)


def test_newssd_reads_all_three_files(newssd):
    figures = ood_figures(by_length, [("newssd", newssd)])["newssd"]
    assert figures == {"n_sentences": 6, "n_subjective": 3, "roc_auc": 1.0}


def test_a_folder_without_the_files_is_a_one_line_error(tmp_path):
    with pytest.raises(InputError, match="pre.train"):
        ood_figures(by_length, [("wnc", tmp_path)])


def test_each_group_is_held_out_once_and_never_trained_on():
    groups = ["Gun-control", "gun control", "tax", "tax", "sport", "sport"]
    labels = np.array([1, 0, 1, 0, 1, 0])
    seen = []

    def fit_predict(train, test):
        held_out = {groups[i].lower().replace("-", " ") for i in test}
        assert not held_out & {groups[i].lower().replace("-", " ") for i in train}
        seen.append(held_out)
        return labels[test].astype(float)  # a perfect predictor

    report = group_cross_validate(["x"] * 6, labels, groups, fit_predict)
    assert sorted(map(sorted, seen)) == [["gun control"], ["sport"], ["tax"]]
    assert (report["n_groups"], report["macro_f1"], report["roc_auc"]) == (3, 1.0, 1.0)
