"""Display names for flag categories, shared by every writer."""

from __future__ import annotations

LABELS = {
    "loaded_negative": "loaded (negative)",
    "loaded_positive": "loaded (positive)",
    "label": "label / name-calling",
    "intensifier": "intensifier",
    "exaggeration": "exaggeration",
    "hedge": "hedge / distancing",
    "booster": "booster / certainty",
    "attribution_neutral": "neutral attribution",
    "attribution_doubt": "doubt-casting attribution",
    "attribution_endorse": "endorsing attribution",
    "factive": "factive verb",
    "assertive": "assertive verb",
    "implicative": "implicative verb",
    "fear": "fear appeal",
    "euphemism": "euphemism",
    "so_called": "so-called",
    "scare_quote": "scare quotes",
    "rhetorical_question": "rhetorical question",
    "exclamation": "exclamation",
    "all_caps": "all-caps emphasis",
    "superlative": "superlative",
    "stance_marker": "stance marker",
    "expert_like": "experts would mark (learned)",
}


def label(category: str) -> str:
    """A readable name for a category id; unknown ids are shown with spaces."""
    return LABELS.get(category, category.replace("_", " "))
