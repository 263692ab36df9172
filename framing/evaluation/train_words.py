"""Training the suggestion model (:class:`framing.slant.words.WordFlagger`) and
cross-validating what an analysis with ``suggest=True`` shows: ``framing train-words`` and
``framing evaluate words``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import sklearn
from sklearn.model_selection import StratifiedKFold

from framing.evaluation.data import score_flagger
from framing.lexicon import lexicon_hash, load_lexicon
from framing.slant.modelfile import save_model
from framing.categories import LOADED, SUGGESTED
from framing.score import DocumentScorer
from framing.evaluation.suggest import read_corpus, stable_words
from framing.slant.words import Suggester, WordFlagger, WordScores
from framing.tokenize import tokenize
from framing.version import __version__


def cross_validate_words(sentences: Sequence[str], golds: Sequence[set[str]],
                         topics: Sequence[str] | None = None, *, n_folds: int = 5, seed: int = 42,
                         **params: Any) -> tuple[WordScores, list[WordScores]]:
    """Micro scores over held-out folds of the lexicons' ``loaded`` flags plus the words
    a suggestion model trained on the other folds suggests (suggestable words chosen on
    those folds' topics; every word the model scores high when no topics are given), and
    the per-fold scores."""
    sentences, golds = list(sentences), list(golds)
    has_gold = [int(bool(g)) for g in golds]
    total, per_fold = WordScores(0, 0, 0), []
    folds = StratifiedKFold(n_folds, shuffle=True, random_state=seed)
    lexicon = load_lexicon()
    for train, test in folds.split(sentences, has_gold):
        train_sentences, train_golds = [sentences[i] for i in train], [golds[i] for i in train]
        flagger = WordFlagger(seed=seed, **params).fit(train_sentences, train_golds)
        words = (stable_words(train_sentences, train_golds, [topics[i] for i in train])
                 if topics is not None else _all_words(train_sentences))
        scoring = DocumentScorer(lexicon, suggester=Suggester(flagger, words))
        fold = score_flagger([sentences[i] for i in test], [golds[i] for i in test],
                             partial(shown_loaded_spans, scoring))
        per_fold.append(fold)
        total += fold
    return total, per_fold


def _all_words(sentences: Sequence[str]) -> set[str]:
    from framing.slant.words import WORD_RE

    return {m.group().lower() for s in sentences for m in WORD_RE.finditer(s)}


def shown_loaded_spans(scoring: DocumentScorer, sentence: str) -> list[tuple[int, int]]:
    """The spans of the ``loaded`` and ``suggested`` flags an analysis of the sentence shows."""
    return [(f.start, f.end) for f in scoring.score(tokenize(sentence)).flags
            if f.layer in (LOADED, SUGGESTED)]


def train_and_save_words(
    data_path: str, out: str, *, text_col: str = "text", words_col: str = "biased_words",
    cross_validate_first: bool = True, citation: str = "", licence: str = "",
) -> dict[str, Any]:
    """Cross-validate, train the word flagger on all annotated sentences, save it with a card."""
    sentences, golds, topics, _ = read_corpus(data_path, text_col=text_col, words_col=words_col)
    card: dict[str, Any] = {
        "name": "framing suggestion model (annotator-marked words)",
        "created": dt.date.today().isoformat(),
        "framing_version": __version__,
        "sklearn_version": sklearn.__version__,
        "lexicon_hash": lexicon_hash(load_lexicon()),
        "training_data": {"path": Path(data_path).name, "n_sentences": len(sentences),
                          "words_col": words_col, "citation": citation, "licence": licence},
    }
    if cross_validate_first:
        total, per_fold = cross_validate_words(sentences, golds, topics)
        card["cross_validation"] = {
            "n_folds": len(per_fold), "seed": 42, "precision": total.precision,
            "recall": total.recall, "f1": total.f1,
            "f1_per_fold": [round(f.f1, 4) for f in per_fold],
        }
    flagger = WordFlagger().fit(sentences, golds)
    card["threshold"] = flagger.threshold_
    card["C"] = flagger.C_
    card["suggestable"] = suggestable_card(sentences, golds, topics)
    return save_model(flagger, out, card)


def suggestable_card(sentences: Sequence[str], golds: Sequence[set[str]],
                     topics: Sequence[str]) -> dict[str, Any]:
    """The words the model may suggest, with the rule that chose them (for the card)."""
    from framing.evaluation import suggest

    return {
        "rule": (f"marked in at least {suggest.MIN_TOPICS} topics; with any one topic held out, "
                 f"at least {suggest.MIN_RATE:.0%} of the other occurrences marked; at least "
                 f"{suggest.MIN_COUNT} occurrences; no lexicon entry; not a topic noun, name "
                 "or function word"),
        "words": stable_words(sentences, golds, topics),
    }
