"""The quotes scorer compares speaker entities, not strings, and never accepts another one."""

from __future__ import annotations

import pytest

from framing.evaluation.quotes import evaluate_gold
from framing.evaluation.speaker_match import entity_words, same_entity, short_form


def _same(predicted, gold, others=(), principal=None, side=None) -> bool:
    return same_entity(list(predicted), gold, list(others), principal, side)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("The Ministry", ("ministry",)),
        ("one friend", ("friend",)),
        ("Her rep", ("rep",)),
        ("Farmers\u2019 groups", ("farmers", "groups")),
        ("Okafor-Lind's spokeswoman", ("okafor-lind", "spokeswoman")),
        ("", ()),
    ],
)
def test_entity_words_drop_determiners_possessives_and_case(name, words):
    assert entity_words(name) == words


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [
        ("The ministry", "Soravia's foreign ministry"),
        ("Holloway", "Dagny Holloway"),
        ("Okafor-Lind's spokeswoman", "spokeswoman"),
        ("Estrovia's transport ministry", "transport ministry"),
        ("diplomats", "diplomats in the neutral city of Brenz"),
        ("one friend", "friend"),
    ],
)
def test_a_short_form_keeping_the_head_is_the_same_entity(predicted, gold):
    assert _same([predicted], gold)


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [
        ("Kitty Pellow", "Dev Pellow"),  # another person with the same surname
        ("Dev Pellow", "Pellow's agent"),  # the owner is not the agent
        ("Bank of Lirenza", "Central Bank of Lirenza"),  # a cut name, not the head
        ("Watch Council", "Fiscal Watch Council"),
        ("Halsey", "prosecutors in Halsey"),  # the place, not the prosecutors
        ("reporters", "residents interviewed by reporters"),
        ("shareholders", "lawyers for the shareholders"),
        ("Larchfield", "Larchfield transport board"),
        ("where one brother", "brother"),  # a span that ran past the subject
        ("One", "neighbour"),
        ("Rui Castanho", "Wenna Morrow"),
    ],
)
def test_a_different_entity_is_a_miss(predicted, gold):
    assert not _same([predicted], gold)


def test_a_short_form_two_gold_speakers_share_is_a_miss():
    assert _same(["Pellow"], "Dev Pellow", others=["Gary Spragg"])
    assert not _same(["Pellow"], "Dev Pellow", others=["Kitty Pellow"])


def test_a_short_form_with_another_principal_is_a_miss():
    side = "Graciela Thorne"
    assert _same(["her office"], "senator's office", principal="Graciela Thorne", side=side)
    assert not _same(["her office"], "senator's office", principal="Aldo Pereira", side=side)
    assert _same(["The ministry"], "Soravia's foreign ministry", principal=None, side="Soravia")


def test_short_form_is_not_symmetric_for_longer_cut_names():
    assert short_form(("ministry",), ("foreign", "ministry"))
    assert not short_form(("foreign", "ministry"), ("soravia", "interior", "ministry"))
    assert not short_form((), ("ministry",))


def _item(text: str, speaker: str, said: str, side: str | None = None) -> dict:
    quote = {"text": said, "speaker": speaker, "kind": "indirect"}
    if side:
        quote["side"] = side
    return {"text": text, "quotes": [quote], "targets": []}


def test_the_scorer_reports_both_rules_and_counts_the_entity_match():
    text = (
        "Merovia's trade ministry summoned the ambassador on Monday. "
        "The ministry said the shipment had been seized illegally."
    )
    said = "the shipment had been seized illegally"
    scores = evaluate_gold([_item(text, "Merovia's trade ministry", said)])
    assert scores.speakers_exact == [False]
    assert scores.speakers == [True]
    rows = {name: count for name, _, count in scores.as_rows()}
    assert rows["speaker accuracy"] == "1/1"
    assert rows["speaker accuracy (exact strings)"] == "0/1"


def test_the_scorer_still_misses_another_speaker():
    text = "Ilse Varnholt said the river had peaked. Tomas Ulvik said the bridge would stay shut."
    scores = evaluate_gold([_item(text, "Ilse Varnholt", "the bridge would stay shut")])
    assert scores.speakers == [False]
    assert scores.speakers_exact == [False]
