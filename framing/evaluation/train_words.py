"""Training the confidence model (:class:`framing.slant.words.WordFlagger`) and
cross-validating the flags it shows: ``framing train-words`` and ``framing evaluate words``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import sklearn
from sklearn.model_selection import StratifiedKFold

from framing.evaluation.data import read_word_annotations, score_flagger
from framing.lexicon import lexicon_hash, load_lexicon
from framing.slant.modelfile import save_model
from framing.categories import LOADED
from framing.score import DocumentScorer
from framing.slant.words import ConfidenceRater, WordFlagger, WordScores
from framing.tokenize import tokenize
from framing.version import __version__


def cross_validate_words(sentences: Sequence[str], golds: Sequence[set[str]], *,
                         n_folds: int = 5, seed: int = 42, min_confidence: float | None = None,
                         **params: Any) -> tuple[WordScores, list[WordScores]]:
    """Micro scores over held-out folds of the ``loaded`` flags an analysis shows with a
    confidence model trained on the other folds (at its own threshold, or
    ``min_confidence``), and the per-fold scores."""
    sentences, golds = list(sentences), list(golds)
    has_gold = [int(bool(g)) for g in golds]
    total, per_fold = WordScores(0, 0, 0), []
    folds = StratifiedKFold(n_folds, shuffle=True, random_state=seed)
    lexicon = load_lexicon()
    for train, test in folds.split(sentences, has_gold):
        flagger = WordFlagger(seed=seed, **params).fit([sentences[i] for i in train], [golds[i] for i in train])
        scoring = DocumentScorer(lexicon, rater=ConfidenceRater(flagger, min_confidence))
        fold = score_flagger([sentences[i] for i in test], [golds[i] for i in test],
                             partial(shown_loaded_spans, scoring))
        per_fold.append(fold)
        total += fold
    return total, per_fold


def shown_loaded_spans(scoring: DocumentScorer, sentence: str) -> list[tuple[int, int]]:
    """The spans of the ``loaded`` flags an analysis of the sentence shows."""
    return [(f.start, f.end) for f in scoring.score(tokenize(sentence)).flags if f.layer == LOADED]


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
