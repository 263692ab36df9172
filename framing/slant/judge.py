"""Which texts get no slant score, and why: one meaning per score.

A score says how the *outlet's own wording* leans. Three kinds of text have no such
wording to judge, and get a label and no score (``None``; ``NaN``/``<NA>`` in tables),
so that no table or aggregate mixes them with real verdicts:

- **too short to judge**: fewer than :data:`MIN_WORDS` words.
- **only quoted speech: not judged**: every sentence of running text (headline or body
  prose of four words or more) is mostly inside quotation marks. Quoted words are the
  speaker's, not the outlet's, so nothing is left to score.
- **not an article: not judged**: the text does not read as an article. Any one of these
  is enough (each rule is a choice, written down here and tested on texts we wrote):

  * *too little running text*: under :data:`MIN_RUNNING_SHARE` of the words are in
    sentences of running text (lists of links, menus, fragments, captions);
  * *one repeated line*: one sentence, repeated verbatim :data:`MIN_REPEATS` times or
    more, makes up :data:`REPEATED_SHARE` or more of the sentences;
  * *mostly web-page boilerplate*: :data:`WEB_SHARE` or more of the running-text
    sentences speak about the page itself (cookies, privacy, JavaScript, signing in,
    subscribing, a blocked or rate-limited request: see :data:`WEB_PAGE`).

The checks run in the order listed (too short, only quoted, not an article); the first
that applies gives the label, so eight copies of a quoted paragraph are "only quoted
speech" although they are also one repeated line.

>>> from framing import Analyzer
>>> cookie = ("We use cookies to give you the best experience on our website. "
...           "By continuing to browse you agree to our use of cookies. ") * 4
>>> Analyzer(model=None).analyze(cookie).slant.label
'not an article: not judged'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from framing.records import BODY, HEADLINE, SentenceResult, Slant

#: Below this many words the article gets no verdict, only its sentences' flags.
MIN_WORDS = 50
TOO_SHORT = "too short to judge"
QUOTED_ONLY = "only quoted speech: not judged"
NOT_ARTICLE = "not an article: not judged"
#: The labels of texts with no score.
NOT_JUDGED = (TOO_SHORT, QUOTED_ONLY, NOT_ARTICLE)
NOT_JUDGED_METHOD = "not judged"

#: Sentences with fewer words than this get no probability (fragments such as "Discuss").
MIN_SENTENCE_WORDS = 4
#: Sentence roles the classifier scores; bylines, datelines and furniture are not prose.
SCORED_ROLES = frozenset({BODY, HEADLINE})
#: A sentence this much inside quotation marks is the speaker's, not the author's.
QUOTED_SENTENCE = 0.5
MIN_RUNNING_SHARE = 0.5
MIN_REPEATS = 3
REPEATED_SHARE = 0.5
WEB_SHARE = 0.5
#: Words a page says about itself rather than about the news.
WEB_PAGE = re.compile(
    r"\b(?:cookies?|privacy (?:policy|settings|notice)|javascript|your browser|captcha|"
    r"sign in|log in|subscribe|subscription|terms of (?:service|use)|too many requests|"
    r"access denied|rate limit(?:ed)?|are you a robot|not a robot|error \d{3}|"
    r"page (?:not found|cannot be found))\b",
    re.IGNORECASE,
)


def not_judged(results: Sequence[SentenceResult], n_words: int) -> Slant | None:
    """The slant of a text that cannot be judged (no score), or None when it can be.

    ``results`` are the analysed sentences with their roles and quoted shares.
    """
    if n_words < MIN_WORDS:
        return _unjudged(TOO_SHORT, f"the text has {n_words} words, under {MIN_WORDS}")
    running = [r for r in results if is_scored(r)]
    if running and not any(r.quoted_share < QUOTED_SENTENCE for r in running):
        return _unjudged(QUOTED_ONLY, (
            f"all {len(running)} sentence(s) of running text are quotations; quoted speech "
            "is the speaker's, not the outlet's, so nothing in the author's voice is left "
            "to score"))
    reason = _not_article(results, running, n_words)
    return None if reason is None else _unjudged(NOT_ARTICLE, reason)


def _not_article(results: Sequence[SentenceResult], running: Sequence[SentenceResult],
                 n_words: int) -> str | None:
    repeated = _repeated_line(results)
    if repeated:
        return repeated
    running_words = sum(_words(r) for r in running)
    if running_words < MIN_RUNNING_SHARE * n_words:
        return (f"only {running_words} of its {n_words} words are running text (sentences of "
                f"four words or more), under {MIN_RUNNING_SHARE:.0%}")
    web = sum(bool(WEB_PAGE.search(r.sentence.text)) for r in running)
    if running and web >= WEB_SHARE * len(running):
        return (f"{web} of its {len(running)} sentences speak about the web page itself "
                "(cookies, signing in, a blocked request...)")
    return None


def _repeated_line(results: Sequence[SentenceResult]) -> str | None:
    lines = Counter(" ".join(r.sentence.text.lower().split()) for r in results)
    if not lines:
        return None
    line, count = lines.most_common(1)[0]
    if count >= MIN_REPEATS and count >= REPEATED_SHARE * len(results):
        return f"one sentence is repeated {count} times, {count} of its {len(results)} sentences"
    return None


def is_scored(result: SentenceResult) -> bool:
    """Whether a sentence is running text that gets a probability: headline or body prose
    of :data:`MIN_SENTENCE_WORDS` words or more."""
    return result.sentence.role in SCORED_ROLES and _words(result) >= MIN_SENTENCE_WORDS


def _words(result: SentenceResult) -> int:
    tokens = result.sentence.tokens
    return sum(1 for t in tokens if t.norm[:1].isalnum()) if tokens \
        else len(result.sentence.text.split())


def _unjudged(label: str, reason: str) -> Slant:
    explanation = (f"No score: {reason}. The label says why; the sentences' flags and "
                   "probabilities are still shown, and tables and comparisons leave the "
                   "text out of every average.")
    return Slant(None, label, None, explanation, NOT_JUDGED_METHOD)
