"""The pipeline in one place: tokenize, score, mark voices, rate slant, summarize.

>>> analysis = analyze("Critics slammed the regime's bellicose posturing.")
>>> [(f.text, f.category) for f in analysis.flags][:3]
[('slammed', 'loaded_negative'), ('regime', 'label'), ('bellicose', 'loaded_negative')]
>>> analysis.text[analysis.flags[0].start:analysis.flags[0].end]
'slammed'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from framing.aggregate import count_words, summarize
from framing.errors import InputError
from framing.frames import FrameScorer, frame_profile, moral_profile
from framing.frames import attach as attach_frames
from framing.gcpause import collector_paused
from framing.io import MAX_BYTES, read_document
from framing.lexicon import Lexicon, load_lexicon
from framing.records import Analysis, SentenceResult
from framing.score import DocumentScorer, Scorer, Suggester
from framing.slant.article import SentenceClassifier, density_slant, model_slant
from framing.slant.judge import not_judged
from framing.slant.modelfile import (
    SHIPPED_MODEL,
    SHIPPED_WORD_MODEL,
    load_model,
    shipped_model_path,
)
from framing.structure import SCORED_ROLES
from framing.tokenize import tokenize
from framing.voices.actors import Vocabulary
from framing.voices.speakers import actor_table, source_summary
from framing.voices.verbs import SpeechVerbs

#: Use the shipped slant model when the package has one.
SHIPPED = "shipped"

#: Tables with one document per row: ``framing batch`` reads them, ``score`` points there.
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet")

#: The built-in article scored when ``framing score`` is given no file.
SAMPLE_ARTICLE = "river_dam_slanted.txt"


class Analyzer:
    """Loads lexicons once and analyses any number of texts.

    One Analyzer may be shared by threads: the only state that changes after loading,
    the slant model's per-word cache, grows under a lock.

    Parameters
    ----------
    lexicons : iterable of paths
        Extra lexicon files (TSV); an entry in them replaces a shipped entry with the
        same term.
    builtin_lexicons : bool
        Whether to load the lexicons that ship with the package.
    model : "shipped", path or None
        The sentence slant classifier: the shipped one (checked against its SHA-256),
        a model file of yours, or None for the flag-density verdict alone.
    trust_model : bool
        Load a model file that is not the shipped one (a pickle can run code).
    suggest : bool
        Add the quiet ``suggested`` layer: words no lexicon names that a model learned
        from media-bias annotators' marks proposes. Suggestions are never counted and
        never change a lexicon flag; the curated lexicons decide what is loaded.
    word_model : "shipped", path or None
        The suggestion model that ``suggest=True`` uses.

    Examples
    --------
    >>> analyzer = Analyzer()
    >>> analyzer.analyze("A heroic rescue.", doc_id="a1").doc_id
    'a1'
    """

    def __init__(
        self,
        lexicons: Iterable[str | Path] = (),
        *,
        builtin_lexicons: bool = True,
        model: str | Path | None = SHIPPED,
        trust_model: bool = False,
        suggest: bool = False,
        word_model: str | Path | None = SHIPPED,
    ) -> None:
        self.lexicon: Lexicon = load_lexicon(lexicons, builtin=builtin_lexicons)
        self.model, self.model_card = _load(model, trust_model)
        self.suggest = suggest
        self.word_model, self.word_model_card = (
            _load(word_model, trust_model, SHIPPED_WORD_MODEL) if suggest else (None, {}))
        self.suggester = _suggester(self.word_model, self.word_model_card)
        self.scoring = DocumentScorer(self.lexicon, suggester=self.suggester)
        self.scorers: list[Scorer] = self.scoring.scorers
        self.vocabulary: Vocabulary = self.scoring.vocabulary
        self.speech_verbs: SpeechVerbs = self.scoring.speech_verbs
        self.classifier = SentenceClassifier(self.model) if self.model is not None else None
        self.frame_scorer = FrameScorer()

    def analyze(
        self, text: str, *, doc_id: str | None = None, meta: Mapping[str, Any] | None = None
    ) -> Analysis:
        """Analyse one text; see :func:`framing.analyze`."""
        if not isinstance(text, str):
            raise TypeError(f"analyze() takes the text as a str, not {type(text).__name__}")
        with collector_paused():  # its full passes would grow with the text (gcpause)
            return self._analyze(text, doc_id, meta)

    def _analyze(self, text: str, doc_id: str | None, meta: Mapping[str, Any] | None
                 ) -> Analysis:
        scored = self.scoring.score(tokenize(text))
        doc, flags, quotes, actors = scored.doc, scored.flags, scored.quotes, scored.actors
        results = attach_frames(scored.sentences, self.frame_scorer(doc))
        n_words = count_words(doc)
        if self.classifier is not None:
            results = self._with_probabilities(results)
        slant = not_judged(results, n_words)
        if slant is None and self.classifier is not None:
            slant = model_slant(results, flags, n_words)
        elif slant is None:
            slant = density_slant(flags, n_words)
        summary = summarize(doc, flags, scored.quoted.quotes, scored.quoted_words, n_words)
        summary["frames"] = frame_profile(results)
        summary["moral"] = moral_profile(results, n_words)
        summary["actors"] = actor_table(actors, quotes, flags)
        summary["sources"] = source_summary(actors, quotes)
        return Analysis(
            doc_id=doc_id,
            text=text,
            meta=dict(meta or {}),
            sentences=results,
            slant=slant,
            summary=summary,
            quotes=tuple(quotes),
            mentions=tuple(actors.mentions),
        )


    def _with_probabilities(self, results: tuple[SentenceResult, ...]) -> tuple[SentenceResult, ...]:
        """Slant probabilities for headlines and body text; bylines, datelines and page
        furniture get none."""
        scored = [i for i, r in enumerate(results) if r.sentence.role in SCORED_ROLES]
        found = self.classifier.score([results[i] for i in scored]) if scored else []
        updated = list(results)
        for i, (p, why) in zip(scored, found, strict=True):
            updated[i] = replace(results[i], slant_probability=p, explanation=why)
        return tuple(updated)


_default: Analyzer | None = None


def analyze(
    text: str, *, doc_id: str | None = None, meta: Mapping[str, Any] | None = None
) -> Analysis:
    """Analyse one text with the shipped lexicons.

    Parameters
    ----------
    text : str
        The article, as one string; every offset in the result indexes it.
    doc_id : str, optional
        An identifier carried into every output row.
    meta : mapping, optional
        Anything to keep with the result (outlet, date, url...).

    Returns
    -------
    Analysis

    Examples
    --------
    >>> analyze("NATO flatly dismissed it.").flags[0].category
    'intensifier'
    """
    global _default
    if _default is None:
        _default = Analyzer()
    return _default.analyze(text, doc_id=doc_id, meta=meta)


def analyze_files(
    sources: Iterable[str | Path],
    analyzer: Analyzer | None = None,
    *,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Analysis | InputError]:
    """Analyse files one by one; an unreadable file yields its :class:`InputError`.

    The document id is the path as given (``"-"`` reads standard input).
    """
    analyzer = analyzer or Analyzer()
    for source in sources:
        if str(source).lower().endswith(TABLE_SUFFIXES):
            yield InputError(source, "is a table with one document per row; analyse its rows "
                                     "with: framing batch FILE --text-col COLUMN -o OUTDIR")
            continue
        try:
            text = read_document(source, encoding=encoding, max_bytes=max_bytes)
        except InputError as err:
            yield err
            continue
        yield analyzer.analyze(text, doc_id=str(source), meta={"source": str(source)})


def sample_article(name: str = SAMPLE_ARTICLE) -> tuple[str, str]:
    """A sample article that ships with the package, as ``(name, text)``."""
    text = resources.files("framing.examples").joinpath(name).read_text(encoding="utf-8")
    return name, text


def _suggester(word_model: object | None, card: dict) -> Suggester | None:
    if word_model is None:
        return None
    from framing.slant.words import Suggester  # only when asked for

    return Suggester(word_model, set(card.get("suggestable", {}).get("words", ())))


def _load(model: str | Path | None, trust: bool, name: str = SHIPPED_MODEL) -> tuple[object | None, dict]:
    if model is None:
        return None, {}
    if model == SHIPPED:
        if shipped_model_path(name) is None:
            return None, {}  # no shipped model: flags without confidences, or a density verdict
        return load_model(name=name)
    return load_model(model, trust=trust, name=name)
