"""Whether a predicted speaker names the same entity as the gold one, in one document.

Gold writers and the speaker finder write one entity in different strings: "the ministry"
for "Soravia's foreign ministry" named a sentence before, "Okafor-Lind's spokeswoman" for
"spokeswoman", "one friend" for "friend", "her office" for "senator's office". The
convention, applied to both strings:

1. **Form.** Case, a leading determiner ("a", "an", "the", "one") or possessive pronoun
   ("his", "her", "its", "their"), a possessive "'s" or "s'" and curly apostrophes are
   ignored.
2. **Short form.** After that, one string may be a short form of the other: its words end
   the other's core (the words before a post-modifier such as "in Halsey" or "for the
   shareholders"), so the head noun or surname is kept. A predicted string shorter than
   the gold one must be that head alone ("the ministry", "Holloway"); one longer than the
   gold one may keep more of the name ("Estrovia's transport ministry" for "transport
   ministry"), if no added word is one that never belongs to a name ("where one
   brother" is not "brother"). "Bank of Lirenza" is not "Central Bank of Lirenza" (a cut name, not a
   head), "reporters" is not "residents interviewed by reporters", "Halsey" is not
   "prosecutors in Halsey".
3. **One entity.** A short form counts only when no other gold speaker of the document
   has it too ("Pellow" when both "Dev Pellow" and "Kitty Pellow" speak is a miss), and
   only when the principal the tool gives the speaker (its side) is the gold side: "the
   agency" resolved to the auditor is a miss for "transport agency".

A different person or body is always a miss; exact matches under the old rule (case and a
leading "a/an/the" ignored) are counted apart, so both figures can be reported.
"""

from __future__ import annotations

import re

_LEADING = frozenset({"a", "an", "the", "one", "his", "her", "its", "their"})
_POST_MODIFIER = frozenset(
    {"of", "for", "in", "at", "from", "with", "by", "on", "to", "near", "outside", "inside"}
)
#: words that never belong to a name: a longer predicted string holding one of them ran
#: past the subject ("where one brother"), it does not spell the name out more fully
_NOT_NAME = _LEADING | frozenset({"where", "when", "who", "which", "that", "and", "but", "as"})
_POSSESSIVE = re.compile(r"(?<=\w)'s?$")


def entity_words(name: str) -> tuple[str, ...]:
    """The words that name an entity: lower case, no leading determiner, no possessive."""
    words = name.replace("\u2019", "'").replace("\u2018", "'").lower().split()
    words = [_POSSESSIVE.sub("", word.strip(".,;:\"'()")) for word in words]
    words = [word for word in words if word]
    if words[:1] and words[0] in _LEADING:
        words = words[1:]
    return tuple(words)


def _core(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words up to the head: "prosecutors in halsey" -> "prosecutors"."""
    for index, word in enumerate(words[1:], start=1):
        if word in _POST_MODIFIER:
            return words[:index]
    return words


def _ends(short: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    core = _core(longer)
    return 0 < len(short) <= len(core) and core[len(core) - len(short):] == short


def short_form(predicted: tuple[str, ...], gold: tuple[str, ...]) -> bool:
    """The predicted words and the gold ones name one entity by rule 2 of the module."""
    if not predicted or not gold:
        return False
    if predicted == gold:
        return True
    if len(predicted) < len(gold):
        return len(predicted) == 1 and _ends(predicted, gold)
    return _ends(gold, predicted) and not _NOT_NAME & set(predicted)


def same_entity(
    predicted: list[str], gold: str, others: list[str], principal: str | None, gold_side: str | None
) -> bool:
    """Any predicted string (speaker text, actor) names the gold speaker's entity.

    ``others`` are the document's other gold speakers; ``principal`` is the side the tool
    gives the speaker, or None when it gives none.
    """
    wanted = entity_words(gold)
    if principal and gold_side and entity_words(principal) != entity_words(gold_side):
        return False
    rivals = [entity_words(other) for other in others]
    for name in predicted:
        words = entity_words(name)
        if words == wanted:
            return True
        if short_form(words, wanted) and not any(
            rival != wanted and short_form(words, rival) for rival in rivals
        ):
            return True
    return False
