"""Issue 27: texts that cannot be judged get a label and no score (texts written for this test)."""

from __future__ import annotations

import pytest

from framing import Analyzer
from framing.slant.judge import NOT_ARTICLE, QUOTED_ONLY, TOO_SHORT

QUOTED_PARAGRAPH = (
    '"This plan is a reckless betrayal of every family in the valley, and we will fight '
    'it in every court we can find," the mayor said. "Nobody asked us. Nobody listened '
    'to a single word we said," she added.\n\n')
TEN_WORDS = "The council will meet again on Monday to discuss water."
COOKIE_NOTICE = (
    "We use cookies to give you the best possible experience on our website. "
    "By continuing to browse this site you agree to our use of cookies. "
    "You can change your cookie settings at any time in your browser. "
    "Some cookies are needed for the site to work, others help us improve it. "
    "Read our privacy policy to learn more about how we use your data.\n"
    "Accept all\nManage preferences\nReject optional cookies\n")
RATE_LIMIT = (
    "Too many requests.\nYou have sent too many requests in a given amount of time. "
    "Please wait a few minutes and try again. If you believe this is a mistake, make sure "
    "JavaScript is enabled in your browser and that you are not a robot. Error 429. "
    "Our systems have flagged unusual traffic from your network. Access denied for now. "
    "Contact support if the problem goes on for more than an hour.\n")
FRAGMENTS = "\n".join(
    ["Home", "News", "World", "Sport", "Weather", "Business", "Culture", "Travel",
     "Opinion", "Video", "Audio", "Podcasts", "Newsletters", "Local", "Science"] * 4)
ARTICLE = (
    "Dam plan splits valley town\n\n"
    "The regional council voted on Tuesday to build a dam on the upper river, ending two "
    "years of debate. Supporters say the reservoir will secure water for farms through dry "
    "summers. Opponents worry about the homes that would be flooded and the cost, now put "
    "at 40 million. \"We have waited long enough,\" said the council leader. Residents can "
    "comment on the plans until the end of June, and a public meeting is set for May.")


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(model=None)


@pytest.mark.parametrize(("text", "label"), [
    (QUOTED_PARAGRAPH * 8, QUOTED_ONLY),
    (TEN_WORDS, TOO_SHORT),
    (COOKIE_NOTICE, NOT_ARTICLE),
    (RATE_LIMIT, NOT_ARTICLE),
    (FRAGMENTS, NOT_ARTICLE),
    (" ".join(["The council met today to talk about the new dam again."] * 8), NOT_ARTICLE),
])
def test_texts_that_cannot_be_judged_get_their_label_and_no_score(analyzer, text, label):
    slant = analyzer.analyze(text).slant
    assert (slant.label, slant.score, slant.confidence) == (label, None, None)
    assert slant.explanation.startswith("No score: ")


def test_the_shipped_model_does_not_judge_them_either():
    model = Analyzer()
    for text in (QUOTED_PARAGRAPH * 8, COOKIE_NOTICE):
        assert model.analyze(text).slant.score is None


def test_an_article_is_judged(analyzer):
    slant = analyzer.analyze(ARTICLE).slant
    assert slant.score is not None and slant.label not in (TOO_SHORT, QUOTED_ONLY, NOT_ARTICLE)


def test_one_sentence_of_the_author_is_enough_to_judge_quotes_around_it(analyzer):
    text = QUOTED_PARAGRAPH * 3 + "The council will vote on the plan in the spring."
    assert analyzer.analyze(text).slant.score is not None


def test_unjudged_texts_have_no_score_in_the_tables(analyzer):
    from framing.corpus.batch import to_tables

    tables = to_tables([analyzer.analyze(t, doc_id=str(i))
                        for i, t in enumerate((COOKIE_NOTICE, ARTICLE))])
    scores = tables.articles["slant_score"]
    assert scores.isna().tolist() == [True, False]
    assert tables.articles["slant_method"].tolist()[0] == "not judged"
