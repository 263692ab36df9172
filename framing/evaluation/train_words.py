"""Training the expert-word flagger (:class:`framing.slant.words.WordFlagger`) and
cross-validating it: ``framing train-words`` and ``framing evaluate words``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sklearn
from sklearn.model_selection import StratifiedKFold

from framing.evaluation.data import read_word_annotations, score_flagger
from framing.lexicon import lexicon_hash, load_lexicon
from framing.slant.modelfile import save_model
from framing.slant.words import WordFlagger, WordScores
from framing.version import __version__


def cross_validate_words(sentences: Sequence[str], golds: Sequence[set[str]], *,
                         n_folds: int = 5, seed: int = 42, **params: Any) -> tuple[WordScores, list[WordScores]]:
    """Micro scores of the learned flagger over held-out folds, and the per-fold scores."""
    sentences, golds = list(sentences), list(golds)
    has_gold = [int(bool(g)) for g in golds]
    total, per_fold = WordScores(0, 0, 0), []
    folds = StratifiedKFold(n_folds, shuffle=True, random_state=seed)
    for train, test in folds.split(sentences, has_gold):
        flagger = WordFlagger(seed=seed, **params).fit([sentences[i] for i in train], [golds[i] for i in train])
        held_out = [sentences[i] for i in test]
        spans = dict(zip(held_out, flagger.predict_spans(held_out), strict=True))
        fold = score_flagger(held_out, [golds[i] for i in test], lambda s: spans[s])
        per_fold.append(fold)
        total += fold
    return total, per_fold


def train_and_save_words(
    data_path: str, out: str, *, text_col: str = "text", words_col: str = "biased_words",
    cross_validate_first: bool = True, citation: str = "", licence: str = "",
) -> dict[str, Any]:
    """Cross-validate, train the word flagger on all annotated sentences, save it with a card."""
    sentences, golds = read_word_annotations(data_path, text_col=text_col, words_col=words_col)
    card: dict[str, Any] = {
        "name": "framing expert-word flagger",
        "created": dt.date.today().isoformat(),
        "framing_version": __version__,
        "sklearn_version": sklearn.__version__,
        "lexicon_hash": lexicon_hash(load_lexicon()),
        "training_data": {"path": Path(data_path).name, "n_sentences": len(sentences),
                          "words_col": words_col, "citation": citation, "licence": licence},
    }
    if cross_validate_first:
        total, per_fold = cross_validate_words(sentences, golds)
        card["cross_validation"] = {
            "n_folds": len(per_fold), "seed": 42, "precision": total.precision,
            "recall": total.recall, "f1": total.f1,
            "f1_per_fold": [round(f.f1, 4) for f in per_fold],
        }
    flagger = WordFlagger().fit(sentences, golds)
    card["threshold"] = flagger.threshold_
    card["C"] = flagger.C_
    return save_model(flagger, out, card)
