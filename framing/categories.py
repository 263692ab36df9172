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
    "suggested": "suggested by a model (not counted)",
}


#: The two layers of flags. ``loaded`` words carry the writer's evaluation of someone or
#: something and are the only ones that count toward density, top terms and the verdict;
#: ``device`` flags show how a claim is positioned (attribution, hedging, emphasis).
LOADED = "loaded"
DEVICE = "device"
#: Words no lexicon names that the opt-in suggestion model proposes: shown only when
#: asked for, never counted. Also the category of those flags.
SUGGESTED = "suggested"
LAYERS = (LOADED, DEVICE)

#: Categories of the ``device`` layer; every other category (loaded -/+, labels,
#: intensifiers, exaggeration, superlatives, fear, euphemism, so-called, and a user's own
#: categories) is ``loaded``; the ``suggested`` category has a layer of its own.
DEVICE_CATEGORIES = frozenset({
    "hedge", "booster", "attribution_neutral", "attribution_doubt", "attribution_endorse",
    "factive", "assertive", "implicative", "scare_quote", "rhetorical_question",
    "exclamation", "all_caps", "stance_marker",
})

#: Categories never shown as flags: a neutral reporting verb ("said", "predict") steers
#: no one; the quotes table still records it.
SILENT_CATEGORIES = frozenset({"attribution_neutral"})


def layer_of(category: str) -> str:
    """The layer a category belongs to; unknown categories are ``loaded``.

    >>> layer_of("loaded_negative"), layer_of("implicative"), layer_of("my_own")
    ('loaded', 'device', 'loaded')
    """
    if category == SUGGESTED:
        return SUGGESTED
    return DEVICE if category in DEVICE_CATEGORIES else LOADED


def label(category: str) -> str:
    """A readable name for a category id; unknown ids are shown with spaces."""
    return LABELS.get(category, category.replace("_", " "))


#: Frame and moral-foundation ids live here, beside the flag categories, because the
#: table schema (:mod:`framing.schema`) makes a column of each.

#: The 15 policy frame dimensions, in codebook order (ties are broken by this order).
FRAMES: tuple[tuple[str, str], ...] = (
    ("economic", "economic"),
    ("capacity_and_resources", "capacity and resources"),
    ("morality", "morality"),
    ("fairness_and_equality", "fairness and equality"),
    ("legality", "legality, constitutionality and jurisprudence"),
    ("policy_prescription", "policy prescription and evaluation"),
    ("crime_and_punishment", "crime and punishment"),
    ("security_and_defense", "security and defense"),
    ("health_and_safety", "health and safety"),
    ("quality_of_life", "quality of life"),
    ("cultural_identity", "cultural identity"),
    ("public_opinion", "public opinion"),
    ("political", "political"),
    ("external_regulation", "external regulation and reputation"),
    ("other", "other"),
)
FRAME_IDS = tuple(frame for frame, _ in FRAMES)
#: Moral foundations: (id, virtue label, vice label).
FOUNDATIONS: tuple[tuple[str, str, str], ...] = (
    ("care", "care", "harm"),
    ("fairness", "fairness", "cheating"),
    ("loyalty", "loyalty", "betrayal"),
    ("authority", "authority", "subversion"),
    ("sanctity", "sanctity", "degradation"),
)
MORAL_IDS = tuple(f"{f}_{side}" for f, _, _ in FOUNDATIONS for side in ("virtue", "vice"))
