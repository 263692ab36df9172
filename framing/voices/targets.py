"""Targets: the actor a loaded word is aimed at, read from the words around it.

Shapes, tried in this order (none is assigned where none is clear):

* possessive: "Washington's bellicose posturing" (up to two words between);
* actor as modifier: "Russian aggression", "Kremlin propaganda";
* adjective or noun + actor: "the reckless Kremlin", "the aggression of Russia";
* apposition: "Putin, a ruthless autocrat," and "a ruthless autocrat, Putin";
* subject + predicate: "the US ... has remained intransigent", "Berlin refused to",
  "the United States, which has remained intransigent and refused to"; a pronoun subject
  is the person the document pass resolved it to ("She is an arrogant ...");
* descriptive noun phrase before a name: "GREEDY TYCOON Victor Hale", "the ruthless club
  owner Sergei Valkov";
* a role without a name: "the shameless owner" is the person last introduced as the
  owner, or else the person named in this or the sentence before.

>>> from framing import analyze
>>> flags = analyze("Critics decried Washington's bellicose posturing.").flags
>>> [(f.text, f.target) for f in flags if f.text == "bellicose"]
[('bellicose', 'United States')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from framing.records import ActorMention, Flag, Token
from framing.tokenize import Document
from framing.voices.actors import ActorLayer, builtin_vocabulary
from framing.voices.coreference import references

# Flags that describe someone; patterns such as exclamations or stance openers do not.
TARGETED_CATEGORIES = frozenset(
    {
        "loaded_negative",
        "loaded_positive",
        "label",
        "attribution_doubt",
        "attribution_endorse",
        "implicative",
        "fear",
        "euphemism",
        "exaggeration",
        "expert_like",
    }
)
# Verb-like flags ("claimed", "refused to") describe their subject, never the word after.
SUBJECT_ONLY_CATEGORIES = frozenset({"attribution_doubt", "attribution_endorse", "implicative"})
# Words a predicate may pass through between its subject and the loaded word.
PREDICATE_FILLERS = frozenset(
    [
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "remained",
        "remains",
        "remain",
        "stayed",
        "stays",
        "seems",
        "seemed",
        "appears",
        "appeared",
        "became",
        "become",
        "becomes",
        "looks",
        "looked",
        "grew",
        "grown",
        "proved",
        "proven",
        "also",
        "still",
        "again",
        "now",
        "increasingly",
        "more",
        "most",
        "so",
        "very",
        "too",
        "not",
        "never",
        "always",
        ",",
        "which",
        "who",
        "that",
        "once",
        "openly",
        "repeatedly",
        "long",
        "already",
        "and",
    ]
)
MODIFIER_GAP = 2
SUBJECT_WINDOW = 8
# How far back "the shameless owner" looks for the person it describes, in sentences.
RECENT_SENTENCES = 3
# Words that open a noun phrase: a loaded word after them describes what the phrase names.
NP_OPENERS = frozenset(["the", "a", "an", "this", "that", ",", "as", "by", "with", "and"])
PERSON_KINDS = frozenset(["person", "name"])


def assign_targets(doc: Document, flags: Sequence[Flag], actors: ActorLayer) -> list[Flag]:
    """The flags with ``target`` set where the structure around them names an actor."""
    if not actors.mentions:
        return list(flags)
    finder = _TargetFinder(doc, actors)
    return [finder.aim(flag) for flag in flags]


class _TargetFinder:
    def __init__(self, doc: Document, actors: ActorLayer) -> None:
        self.doc = doc
        self.starts = [s.start for s in doc.sentences]
        self.by_token = {mention.start: mention for mention in actors.mentions}
        self.ends = {mention.end: mention for mention in actors.mentions}
        self.flag_starts: set[int] = set()
        self.roles = actors.roles
        self.role_nouns = actors.role_nouns
        self.kinds = actors.kinds
        self.people = [m for m in actors.mentions if actors.kinds.get(m.actor) in PERSON_KINDS]
        self.people_starts = [m.start for m in self.people]
        self.sentence_index = 0
        self.role_heads = frozenset(t[-1] for t in builtin_vocabulary().titles)
        self.token_ends: dict[int, list[int]] = {}
        self.pronouns = references(doc, actors).pronouns

    def aim(self, flag: Flag) -> Flag:
        if flag.polarity == 0 or flag.category not in TARGETED_CATEGORIES or flag.target:
            return flag
        index = max(bisect_right(self.starts, flag.start) - 1, 0)
        tokens = self.doc.sentences[index].tokens
        if index not in self.token_ends:
            self.token_ends[index] = [t.end for t in tokens]
        # flags cover whole tokens: the first token ending after the flag's start, and so on
        first = bisect_right(self.token_ends[index], flag.start)
        last = bisect_left(self.token_ends[index], flag.end)
        if first >= len(tokens) or last >= len(tokens) or last < first:
            return flag
        self.sentence_index = index
        rules = [
            self._possessive, self._modifier, self._head, self._described, self._apposition,
            self._subject, self._role_anaphor,
        ]
        if flag.category in SUBJECT_ONLY_CATEGORIES:
            rules = [self._possessive, self._modifier, self._subject]
        for rule in rules:
            mention = rule(tokens, first, last)
            if mention is not None:
                self.flag_starts.add(flag.start)
                return replace(flag, target=mention.actor)
        return flag

    def _mention_ending_at(self, token: Token) -> ActorMention | None:
        return self.ends.get(token.end) or self.ends.get(token.end - 2)

    def _possessive(self, tokens: Sequence[Token], first: int, last: int) -> ActorMention | None:
        for j in range(first - 1, max(first - 2 - MODIFIER_GAP, -1), -1):
            token = tokens[j]
            if token.norm.endswith("'s") or token.norm.endswith("s'"):
                return self._mention_ending_at(token)
            if not _modifier_word(token):
                return None
        return None

    def _modifier(self, tokens: Sequence[Token], first: int, last: int) -> ActorMention | None:
        if first == 0:
            return None
        mention = self._mention_ending_at(tokens[first - 1])
        return mention if mention is not None and mention.end == tokens[first - 1].end else None

    def _head(self, tokens: Sequence[Token], first: int, last: int) -> ActorMention | None:
        j = last + 1
        if j + 1 < len(tokens) and tokens[j].text.islower() and tokens[j + 1].norm in {"of", "by"}:
            j += 1  # "the brutal regime of Belarus"
        if j < len(tokens) and tokens[j].norm in {"of", "by"}:
            j += 1
        if j < len(tokens) and tokens[j].norm == "the":
            j += 1
        if j < len(tokens):
            return self.by_token.get(tokens[j].start)
        return None

    def _apposition(self, tokens: Sequence[Token], first: int, last: int) -> ActorMention | None:
        # "Putin, a ruthless autocrat,": a comma, then only modifiers up to the flag
        j = first - 1
        while (
            j >= 0
            and (_modifier_word(tokens[j]) or tokens[j].norm in {"a", "an", "the"})
            and first - j <= 4
        ):
            j -= 1
        if j >= 1 and tokens[j].norm == ",":
            mention = self._mention_ending_at(tokens[j - 1])
            if mention is not None:
                return mention
        # "a ruthless autocrat, Putin"
        k = last + 1
        if k + 1 < len(tokens) and tokens[k].norm == ",":
            return self.by_token.get(tokens[k + 1].start)
        return None

    def _described(self, tokens: Sequence[Token], first: int, last: int) -> ActorMention | None:
        """"GREEDY TYCOON Victor Hale", "the ruthless club owner Sergei Valkov"."""
        if not _opens_phrase(tokens, first):
            return None
        for k in range(last + 1, min(last + 5, len(tokens))):
            mention = self.by_token.get(tokens[k].start)
            if mention is not None:
                return mention if self.kinds.get(mention.actor) in PERSON_KINDS else None
            word = tokens[k].text
            if not (word.isalpha() and (word.islower() or word.isupper())):
                return None
        return None

    def _role_anaphor(self, tokens: Sequence[Token], first: int, last: int) -> ActorMention | None:
        """"the shameless owner": the person introduced with that role, or last named."""
        if first == 0 or tokens[first - 1].norm not in ("the", "this"):
            return None
        for k in range(last + 1, min(last + 3, len(tokens))):
            if not (tokens[k].text.isalpha() and tokens[k].text.islower()):
                return None
            head = tokens[k].norm
            person = self.role_nouns.get(head)
            if person is None and head in self.role_heads:
                person = self._recent_person(tokens[first].start)
            if person is not None:
                return ActorMention(tokens[first].start, tokens[k].end, "", person, "person")
        return None

    def _recent_person(self, offset: int) -> str | None:
        """The person named last in this sentence or the few before: one known to be a
        person ("club owner Victor Hale") before a bare name, which may be a club."""
        i = bisect_right(self.people_starts, offset) - 1
        earliest = self.starts[max(self.sentence_index - RECENT_SENTENCES, 0)]
        recent = []
        while i >= 0 and self.people[i].start >= earliest:
            recent.append(self.people[i].actor)
            i -= 1
        known = [actor for actor in recent if self.kinds.get(actor) == "person"]
        return (known or recent or [None])[0]

    def _role_before(self, tokens: Sequence[Token], j: int) -> ActorMention | None:
        """"the German chancellor" (a role met earlier with a name) as the person."""
        mention = self._mention_ending_at(tokens[j - 1]) if j > 0 else None
        person = self.roles.get((mention.actor, tokens[j].norm)) if mention else None
        if person is None:
            return None
        return ActorMention(mention.start, tokens[j].end, "", person, "person")

    def _subject(self, tokens: Sequence[Token], first: int, last: int) -> ActorMention | None:
        j = first - 1
        while j >= 0 and first - j <= SUBJECT_WINDOW:
            token = tokens[j]
            mention = self._mention_ending_at(token)
            if mention is not None and j + 1 < first:
                return mention
            role = self._role_before(tokens, j)
            if role is not None:
                return role
            person = self.pronouns.get(token.start) if token.norm in ("he", "she") else None
            if person is not None and j + 1 < first:
                return ActorMention(token.start, token.end, token.text, person, "person")
            if not (
                token.norm in PREDICATE_FILLERS
                or token.norm in ("a", "an")
                or token.norm.endswith("ly")
                or token.start in self.flag_starts
            ):
                return None
            j -= 1
        return None


def _opens_phrase(tokens: Sequence[Token], first: int) -> bool:
    if first == 0 or tokens[first].text.isupper():
        return True
    before = tokens[first - 1].norm
    return before in NP_OPENERS or not before[:1].isalnum() or before.endswith("'s")


def _modifier_word(token: Token) -> bool:
    """A word that may sit inside a noun phrase before its head: adjectives, adverbs, 'and'."""
    return token.norm in {"and", "most", "more", "very", "so", "increasingly", "new", "latest"} or (
        token.text[:1].islower()
        and token.norm.endswith(
            ("ly", "ive", "ous", "al", "ic", "ent", "ant", "ful", "less", "ing", "ed")
        )
    )
