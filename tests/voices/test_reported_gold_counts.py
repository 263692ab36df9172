"""The figures of the reported-speech gold sets, pinned.

The README reports speaker, side and reported-speech figures on these sets (the first
written one and the held-out ones, all read since their single scoring). The rules are
deterministic, so any change to who is found speaking, for whom, and in which kind shows
here as a changed count: update the README's figures with it when the change is wanted.
"""

from __future__ import annotations

import pytest

from framing.evaluation.quotes import default_gold_path, evaluate_gold, read_gold

#: quotes matched / predicted / gold; then right / scored per measure (speakers as entities
#: and as exact strings, see framing.evaluation.speaker_match); then per group
#: (quotation, reported) the counts gold, predicted, gold found, predicted matched.
REPORTED_GOLD_COUNTS = {
    "attribution_reported.jsonl": {
        "quotes": (144, 148, 148), "speakers": (139, 144), "speakers_exact": (137, 144),
        "sides": (130, 144), "kinds": (142, 144), "anonymous": (130, 144),
        "quotation": (61, 61, 61, 60), "reported": (87, 85, 83, 83)},
    "attribution_reported_heldout.jsonl": {
        "quotes": (86, 87, 87), "speakers": (85, 86), "speakers_exact": (85, 86),
        "sides": (76, 86), "kinds": (86, 86), "anonymous": (78, 86),
        "quotation": (35, 35, 35, 35), "reported": (52, 52, 51, 51)},
    "attribution_reported_heldout2.jsonl": {
        "quotes": (107, 111, 112), "speakers": (105, 107), "speakers_exact": (104, 107),
        "sides": (99, 107), "kinds": (107, 107), "anonymous": (101, 107),
        "quotation": (50, 50, 50, 50), "reported": (62, 61, 57, 57)},
    "attribution_reported_heldout3.jsonl": {
        "quotes": (93, 94, 95), "speakers": (92, 93), "speakers_exact": (89, 93),
        "sides": (86, 93), "kinds": (93, 93), "anonymous": (87, 93),
        "quotation": (42, 42, 42, 42), "reported": (53, 52, 51, 51)},
    "attribution_reported_heldout4.jsonl": {
        "quotes": (98, 99, 105), "speakers": (90, 98), "speakers_exact": (87, 98),
        "sides": (86, 98), "kinds": (97, 98), "anonymous": (93, 98),
        "quotation": (47, 47, 47, 47), "reported": (58, 52, 51, 51)},
    "attribution_reported_heldout5.jsonl": {
        "quotes": (86, 90, 96), "speakers": (80, 86), "speakers_exact": (76, 86),
        "sides": (73, 86), "kinds": (85, 86), "anonymous": (81, 86),
        "quotation": (42, 41, 42, 41), "reported": (54, 48, 44, 44)},
    "attribution_reported_heldout6.jsonl": {
        "quotes": (89, 99, 103), "speakers": (75, 89), "speakers_exact": (72, 89),
        "sides": (74, 89), "kinds": (87, 89), "anonymous": (84, 89),
        "quotation": (44, 42, 44, 42), "reported": (59, 55, 45, 46)},
}


@pytest.mark.parametrize("name", sorted(REPORTED_GOLD_COUNTS))
def test_reported_gold_sets_give_the_readme_counts(name: str) -> None:
    scores = evaluate_gold(read_gold(default_gold_path().with_name(name)))
    found = {"quotes": (scores.matched, scores.predicted, scores.gold)}
    for measure in ("speakers", "speakers_exact", "sides", "kinds", "anonymous"):
        right = getattr(scores, measure)
        found[measure] = (sum(right), len(right))
    found.update({group: tuple(counts) for group, counts in scores.groups.items()})
    assert found == REPORTED_GOLD_COUNTS[name]
