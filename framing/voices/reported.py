"""Reported speech without quotation marks: where the content is, and which words credit it.

The shapes news writing uses, all within one sentence:

* cue first: "X said (that) CONTENT", "X warned/argued/insisted that CONTENT", "X told
  reporters CONTENT", "X's report found that CONTENT";
* cue last: "CONTENT, X said (on Tuesday | in a statement)", "CONTENT, said X",
  "CONTENT, according to X", with any writer's words after the cue left out;
* "According to X, CONTENT";
* an accusation: "X accused Y of Z", "X blamed A for B", "X denied Z-ing" (the content
  is what follows the verb);
* a participle: "..., adding that CONTENT" is an attribution of its own, by the same
  speaker.

The speaker phrase itself is resolved by the caller (:mod:`framing.voices.attribution`),
which also joins a next sentence that carries on the content ("... would ...").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from framing.records import Token
from framing.voices.verbs import SpeechVerbs

_TEXT = attrgetter("text")
PASSIVE = frozenset(["was", "were", "been", "being", "is", "are", "be"])
CLAUSE_OPENERS = frozenset(
    """that the a an it he she they we i you there this these those his her their its our
    would will could might may can should must no not""".split()
)
# Verbs that introduce a quotation but not reported content: "called the plan ...".
NOT_INDIRECT = frozenset(
    """call calls called calling describe describes described describing ask asks asked asking
    chant chanted""".split()
)
# Words after which a cue word is a noun: "on a call", "with claims that", "his claims".
NOUN_BEFORE = frozenset(
    "a an the with of over about amid despite against his her their its these those".split()
)
REFLEXIVE = frozenset(
    ["himself", "herself", "itself", "themselves", "ourselves", "myself", "yourself"]
)
# Finite verbs that show a clause has begun: "said supplies ... would arrive".
FINITE = frozenset(
    """is are was were would will had has have could can should must did do does may might
    remain remains remained""".split()
)
# What a study or a set of figures "found" or "showed", credited to whoever made it.
FINDING_VERBS = {
    form: (lemma, "neutral")
    for lemma, forms in {"find": "found finds find", "show": "showed shows show shown"}.items()
    for form in forms.split()
}
FINDING_NOUNS = frozenset(
    """report study analysis survey assessment review audit figures data poll research
    inquiry investigation statistics index""".split()
)
# Verbs whose object is the content: "accused Y of Z", "blamed A for B", "denied Z-ing".
# "urged Y to Z" is a request reported with its addressee; "predicted Z" a forecast.
OBJECT_VERBS = {"accuse": "of", "blame": None, "deny": None, "urge": "to", "predict": None}
BLAME = {form: ("blame", "doubt-casting") for form in "blame blames blamed blaming".split()}
# After a cue at the end, only a few words of time or place may follow: "on Tuesday".
MAX_CUE_TAIL = 6
MIN_CONTENT_WORDS = 3
# The second words of speech-verb phrases ("made clear", "pointed out", "cried foul").
PHRASE_ENDS = frozenset(["clear", "out", "back", "foul"])
# The most words a name or description between two commas may have: ", her chief of staff,".
MAX_APPOSITION = 8
#: what a final cue returns when its speaker stands before it, between commas
_APPOSITION = object()
# Words that open a subject counting something: "at least forty homes", "more than 200".
QUANTITIES = frozenset(["at", "more", "fewer", "nearly", "almost"])
# Words of whom a final "told" names: "told reporters", "told the Harbour Gazette".
MAX_ADDRESSEE = 4
TIME_OPENERS = frozenset(["on", "in", "late", "early", "last", "this"])
TIME_ADVERBS = frozenset(["afterwards", "yesterday", "today", "tonight"])
# A final cue's tail that says where: "at a rally", "during a visit to ...".
OCCASION_OPENERS = frozenset(["at", "during", "outside"])
# Asides between a speech verb and its content: "said, however, that ...".
ASIDE_WORDS = frozenset(["however", "though", "too", "also", "again", "meanwhile", "later"])
# The writer's own voice, after reported content: ", and I agree".
WRITER = frozenset(["i", "we"])
# How far into a sentence the subject of a clause before ", saying ..." may reach.
MAX_SUBJECT_REACH = 9
# Words that end a subject read from the sentence's start: the clause has begun.
PHRASE_BREAK_WORDS = frozenset(["who", "which", "when", "while", "after", "if", "because"])


@dataclass(frozen=True)
class Report:
    """One stretch of reported content (token indices) and who it is credited to."""

    start: int
    end: int
    speaker: Any
    cue_first: bool


#: (tokens, verb index, verb) → speaker before the verb
Subject = Callable[[Sequence[Token], int, tuple[str, str]], Any]
#: (tokens, start, end, verb text, verb class) → speaker phrase
Phrase = Callable[[Sequence[Token], int, int, str, str], Any]


class ReportFinder:
    """Reported speech in one sentence; the caller's callables turn words into speakers."""

    def __init__(
        self, verbs: SpeechVerbs, subject: Subject, phrase: Phrase, forward_end: Callable
    ) -> None:
        self.verbs = verbs
        self.subject = subject
        self.phrase = phrase
        self.forward_end = forward_end
        #: any_cue: a sentence without any of these words reports nothing (the first test)
        self.cue_words, self.openers, self.phrase_openers, self.any_cue = _word_sets(verbs)

    def find(self, tokens: Sequence[Token]) -> list[Report]:
        if self.any_cue.isdisjoint(map(_TEXT, tokens)) or not self._may_report(
            set(map(_TEXT, tokens))
        ):
            return []  # most sentences: no cue word, written in lower case ("States" is none)
        norms = [t.norm for t in tokens]
        cue_words = self.cue_words
        cues = [i for i, n in enumerate(norms) if n in cue_words]
        lead = self._according_first(tokens, norms)
        first = lead.start if lead else 0
        trailing = self._trailing(tokens, norms, first, [i for i in cues if norms[i] != "that"])
        reports = [lead] if lead else []
        if trailing is not None:
            comma, speaker = trailing
            content = _has_words(tokens, first, comma, MIN_CONTENT_WORDS)
            if content and _has_verb(norms[first:comma]):
                reports.append(Report(first, comma, speaker, cue_first=False))
                # the sentence is the content: no cue inside it, but for a participle after
                # the cue ("..., a bank spokesman said, adding that ...")
                adding = [
                    i
                    for i in cues
                    if i > comma and norms[i - 1] == "," and norms[i].endswith("ing")
                ]
                reports.extend(self._cues_first(tokens, norms, adding, (first, comma, speaker)))
                first = len(tokens)
        if lead is None:
            reports.extend(self._cues_first(tokens, norms, [i for i in cues if i >= first]))
        return [r for r in reports if _has_words(tokens, r.start, r.end, 1)]

    def _may_report(self, words: set[str]) -> bool:
        """A quick look: does the sentence hold a word that can start a cue?"""
        if not self.openers.isdisjoint(words):
            return True
        if "that" in words and not words.isdisjoint(FINDING_VERBS):
            return True  # "the report found that ..."
        return not self.phrase_openers.isdisjoint(words) and not words.isdisjoint(PHRASE_ENDS)

    def _according_first(self, tokens: Sequence[Token], norms: list[str]) -> Report | None:
        """"According to X, CONTENT"."""
        if norms[:2] != ["according", "to"] or len(norms) < 5:
            return None
        end = self.forward_end(tokens, 2)
        if end >= len(tokens) or norms[end] != ",":
            return None
        speaker = self.phrase(tokens, 2, end, tokens[0].text + " to", "neutral")
        if speaker is None:
            return None
        return Report(end + 1, _content_end(tokens, len(tokens)), speaker, cue_first=True)

    def _trailing(
        self, tokens: Sequence[Token], norms: list[str], first: int, cues: list[int]
    ) -> tuple[int, Any] | None:
        """"CONTENT, X said on Tuesday." / ", said X" / ", according to X": the last such cue."""
        if not cues:
            return None
        commas = [i for i, n in enumerate(norms) if n == "," and i > first]
        stops = commas[1:] + [len(norms)] if commas else []
        for k in range(len(commas) - 1, -1, -1):
            comma, stop = commas[k], stops[k]
            if not any(comma < c < stop for c in cues):
                continue  # no cue word in this stretch: nothing to try
            speaker = self._cue_segment(tokens, norms, comma + 1, stop)
            if speaker is _APPOSITION:
                return self._apposition(tokens, norms, commas[:k], comma, stop)
            if speaker is not None:
                return comma, speaker
        return None

    def _apposition(
        self, tokens: Sequence[Token], norms: list[str], earlier: list[int], comma: int, stop: int
    ) -> tuple[int, Any] | None:
        """"CONTENT, her chief of staff, Evan Mercer, said on Friday.": the speaker is the
        name (or description) between the commas before the verb."""
        verb_at = comma + 1
        found = self.verbs.at(norms, verb_at)
        if found is None:
            return None
        opening = None
        for k in range(len(earlier) - 1, max(len(earlier) - 3, -1), -1):
            between = norms[earlier[k] + 1 : (earlier[k + 1] if k + 1 < len(earlier) else comma)]
            if not between or len(between) > MAX_APPOSITION or any(n in FINITE for n in between):
                break
            opening = earlier[k]
        if opening is None:
            return None
        segment = tokens[opening + 1 : stop]
        speaker = self.subject(segment, verb_at - opening - 1, found[0])
        if speaker is None or getattr(speaker, "text", None) is None:
            return None
        return opening, speaker

    def _cue_segment(self, tokens: Sequence[Token], norms: list[str], start: int, stop: int) -> Any:
        if start >= stop or norms[start] in ("and", "or", "but"):
            return None  # ", and the others proposed,": a list goes on, no cue
        if norms[start : start + 2] == ["according", "to"]:
            end = self.forward_end(tokens, start + 2)
            if _tail_ok(norms, end, stop):
                return self.phrase(tokens, start + 2, end, tokens[start].text + " to", "neutral")
            return None
        for v in range(start, min(stop, start + 9)):
            found = self.verbs.at(norms, v)
            if found is None or norms[v] in NOT_INDIRECT or norms[v].endswith("ing"):
                continue
            if not tokens[v].text[:1].islower():
                continue  # "Vantry Rail said": a name's word, not the verb
            verb, width = found
            if v == start:  # ", said the club's lawyer"
                rest = [n for n in norms[v + width : stop] if n[:1].isalnum()]
                final = not any(n[:1].isalnum() for n in norms[stop:])
                timed = not rest or rest[0] in TIME_OPENERS or rest[0] in TIME_ADVERBS
                # ", told reporters outside court": whom she told, never the teller
                timed = timed or verb[0] == "tell"
                if final and timed and _tail_ok(norms, v + width, stop, verb[0] == "tell"):
                    return _APPOSITION  # ", Evan Mercer, said on Friday": the name is before
                end = self.forward_end(tokens, v + width)
                if _tail_ok(norms, end, stop) and not any(n in FINITE for n in norms[v + 1 :]):
                    return self.phrase(tokens, v + width, end, tokens[v].text, verb[1])
                return None
            if not _tail_ok(norms, v + width, stop, verb[0] == "tell") or norms[v - 1] in PASSIVE:
                return None
            speaker = self.subject(tokens[start:stop], v - start, verb)
            if speaker is not None and getattr(speaker, "text", None) is not None:
                return speaker
            return None
        return None

    def _cues_first(
        self,
        tokens: Sequence[Token],
        norms: list[str],
        cues: list[int],
        before: tuple[int, int, Any] | None = None,
    ) -> list[Report]:
        """"X said (that) CONTENT" and the other cue-first shapes, left to right; ``before``
        is a final cue's report that a participle (", adding that ...") may go on from."""
        # (clause start, content start, speaker)
        found: list[tuple[int, int, Any]] = [before] if before is not None else []
        for i in cues:
            cue = self._cue_at(tokens, norms, i, found)
            if cue is not None:
                found.append(cue)
        reports = []
        for k, (_, content, speaker) in enumerate(found):
            if k == 0 and before is not None:
                continue  # reported already, as the content before the final cue
            end = found[k + 1][0] if k + 1 < len(found) else len(tokens)
            end = self._predicate_end(norms, content, end)
            reports.append(Report(content, _content_end(tokens, end), speaker, cue_first=True))
        return reports

    def _predicate_end(self, norms: list[str], start: int, end: int) -> int:
        """"She said A, and called the plan ...": the speaker's next act is not content."""
        for k in range(start, end - 2):
            if norms[k] == "," and norms[k + 1] in ("and", "but"):
                following = norms[k + 2]
                if self.verbs.get(following) or following.endswith("ed"):
                    return k
                if following in WRITER:
                    return k  # ", and I agree with him": the writer's own words
            elif norms[k] in ("and", "but") and self._speaks(norms[k + 1]):
                return k  # "said she would sue and described the article as ..."
        return end

    def _speaks(self, norm: str) -> bool:
        """A speech verb in the past: "described", "added"."""
        return norm.endswith("ed") and self.verbs.get(norm) is not None

    def _cue_at(
        self, tokens: Sequence[Token], norms: list[str], i: int, found: list[tuple[int, int, Any]]
    ) -> tuple[int, int, Any] | None:
        if found and i < found[-1][1]:
            return None
        norm = norms[i]
        if norm == "that" and i > found[-1][1] + 2 if found else False:
            if norms[i - 1] == "and":  # "said A and that B": two reports by one speaker
                return i - 1, i + 1, found[-1][2]
            return None
        if not tokens[i].text[:1].islower() or i > 0 and norms[i - 1] in NOUN_BEFORE:
            return None  # "the United States", "on a call", "with claims that": not the verb
        verb, width = self._verb(norms, i)
        if verb is None or norm in NOT_INDIRECT or i > 0 and norms[i - 1] in PASSIVE:
            return None
        content = self._content(tokens, norms, i, width, verb[0])
        if content is None:
            return None
        if found and norms[i - 1] in ("and", "but") and norm.endswith("ed"):
            # "said A but warned that B": a second report by the same speaker
            return i - 1, content, _same_speaker(found[-1][2], tokens[i].text, verb[1])
        participle = norm.endswith("ing") and i > 0 and norms[i - 1] == ","
        if norm.endswith("ing") and not participle:
            return None  # "a campaign urging users to ...": a noun's modifier, no subject's verb
        if participle:
            speaker = found[-1][2] if found else self._clause_subject(tokens, norms, i - 1)
            if speaker is None:
                return None
            return i - 1, content, _same_speaker(speaker, tokens[i].text, verb[1])
        speaker = self.subject(tokens, i, verb)
        if speaker is None or getattr(speaker, "text", None) is None:
            return None
        if norm in FINDING_VERBS and not any(
            t.norm in FINDING_NOUNS for t in tokens[max(i - 8, 0) : i]
        ):
            return None
        clause = i
        while clause > 0 and norms[clause - 1] != "," and i - clause < 10:
            clause -= 1
        return max(clause - 1, 0), content, speaker

    def _clause_subject(self, tokens: Sequence[Token], norms: list[str], comma: int) -> Any:
        """"The board disputed the figures, saying ...": the subject of the clause the
        participle hangs on, found before its first verb in the past."""
        for v in range(1, min(comma, MAX_SUBJECT_REACH)):
            if norms[v] in (",", "that") or norms[v] in PHRASE_BREAK_WORDS:
                return None  # a clause of its own, or a subject too long to be sure of
            named = v > 1 and tokens[v - 1].text[:1].isupper()  # "Strand Motors cut"
            if tokens[v].text.isalpha() and tokens[v].text.islower() and (
                norms[v].endswith("ed") or norms[v] in FINITE or named
            ):
                speaker = self.subject(tokens[:comma], v, (norms[v], "neutral"))
                return speaker if getattr(speaker, "text", None) is not None else None
        return None

    def _verb(self, norms: list[str], i: int) -> tuple[tuple[str, str] | None, int]:
        if norms[i] in FINDING_VERBS:
            return FINDING_VERBS[norms[i]], 1
        if norms[i] in BLAME:
            return BLAME[norms[i]], 1
        if norms[i] not in self.verbs.first_words:
            return None, 0
        found = self.verbs.at(norms, i)
        return found if found is not None else (None, 0)

    def _content(
        self, tokens: Sequence[Token], norms: list[str], i: int, width: int, lemma: str
    ) -> int | None:
        after = i + width
        if lemma in OBJECT_VERBS:
            return _object_content(tokens, norms, after, lemma)
        needs_that = self.verbs.that_only(lemma) or lemma in ("find", "show")
        if needs_that:
            window = range(after, min(after + 5, len(norms)))
            that = next((k for k in window if norms[k] == "that"), -1)
            if that < 0 or any(n in (",", ".") for n in norms[after:that]):
                return None
        return content_start(tokens, after - 1)


_WORD_SETS: dict[int, tuple[SpeechVerbs, tuple[frozenset[str], ...]]] = {}


def _word_sets(verbs: SpeechVerbs) -> tuple[frozenset[str], ...]:
    """(words a cue may start with, words without which a sentence reports nothing, first
    words of verb phrases, and all three at once), built once per verb list: a document is
    too small to pay it."""
    kept = _WORD_SETS.get(id(verbs))
    if kept is None or kept[0] is not verbs:
        cue_words = verbs.first_words | set(FINDING_VERBS) | set(BLAME) | {"that", "according"}
        openers = (set(verbs.forms) | set(BLAME) | {"according", "According"}) - NOT_INDIRECT
        any_cue = openers | set(verbs.phrases) | set(FINDING_VERBS)
        kept = verbs, (
            frozenset(cue_words), frozenset(openers), frozenset(verbs.phrases), frozenset(any_cue)
        )
        _WORD_SETS[id(verbs)] = kept
    return kept[1]


def _object_content(
    tokens: Sequence[Token], norms: list[str], after: int, lemma: str
) -> int | None:
    """"accused Y of Z" (needs "of"), "urged Y to Z" (needs "to"), "blamed A (for B)",
    "denied Z-ing / that ...", "predicted Z / that ..."."""
    if after >= len(tokens) or not norms[after][:1].isalnum() or norms[after] in REFLEXIVE:
        return None
    link = OBJECT_VERBS[lemma]
    if link is not None and link not in norms[after : after + 6]:
        return None
    if norms[after] == "that":
        return after + 1 if after + 1 < len(tokens) else None
    if lemma == "deny" and not norms[after].endswith("ing"):
        return None
    return after


def _same_speaker(speaker: Any, verb: str, verb_class: str) -> Any:
    return type(speaker)(speaker.text, speaker.actor, verb, verb_class, speaker.kind)


def _tail_ok(norms: list[str], end: int, stop: int, addressee: bool = False) -> bool:
    """Only a few words of time or manner after a final cue, and no clause of its own;
    after "told", whom first ("told reporters outside court", "told state radio")."""
    tail = [n for n in norms[end:stop] if n[:1].isalnum()]
    if len(tail) > MAX_CUE_TAIL or "that" in tail:
        return False
    if addressee and tail and FINITE.isdisjoint(tail):
        told = next((k for k, n in enumerate(tail) if n in OCCASION_OPENERS
                     or n in TIME_OPENERS or n in TIME_ADVERBS), len(tail))
        tail = tail[told:] if 0 < told <= MAX_ADDRESSEE else tail
    if tail and tail[0] in OCCASION_OPENERS:
        return FINITE.isdisjoint(tail)  # ", Voss announced at a rally on Saturday"
    return not tail or tail[0] in TIME_OPENERS or tail[0] in TIME_ADVERBS


def _has_verb(norms: Sequence[str]) -> bool:
    """Whether words look like a clause, not a name and its apposition."""
    return any(n in FINITE or n.endswith(("ed", "s")) and n.isalpha() for n in norms)


def _has_words(tokens: Sequence[Token], start: int, end: int, least: int) -> bool:
    """Whether tokens[start:end] hold at least ``least`` words; stops when they do."""
    for k in range(start, min(end, len(tokens))):
        if tokens[k].norm[:1].isalnum():
            least -= 1
            if least <= 0:
                return True
    return least <= 0


def _content_end(tokens: Sequence[Token], end: int) -> int:
    """The end (token index) with the closing punctuation left out."""
    while end > 0 and not tokens[end - 1].norm[:1].isalnum():
        end -= 1
    return end


def content_start(tokens: Sequence[Token], verb_at: int) -> int | None:
    """Where reported content starts after a speech verb, if it looks like a clause."""
    j = verb_at + 1
    if _aside_at(tokens, j):
        j += 3  # "said, however, that ..."
    if tokens[verb_at].norm in {"told", "tell", "tells", "telling"}:
        that = next((k for k in range(j, min(j + 4, len(tokens))) if tokens[k].norm == "that"), -1)
        if that < 0:
            # "told reporters the family was devastated": one or two words, then a clause
            j = next((k for k in range(j + 1, min(j + 3, len(tokens)))
                      if tokens[k].norm in CLAUSE_OPENERS and _clause_follows(tokens, k)), -1)
            return j if j > 0 and tokens[j].norm != "that" else None
        j = that
    if j < len(tokens) and tokens[j].norm in TIME_OPENERS | {"to", "at", "during", "for"}:
        that = next((k for k in range(j, min(j + 9, len(tokens))) if tokens[k].norm == "that"), -1)
        j = that if that > 0 else j
    if j >= len(tokens):
        return None
    norm = tokens[j].norm
    if norm == "that":
        return j + 1 if j + 1 < len(tokens) else None
    if norm in REFLEXIVE:
        return None
    if norm in CLAUSE_OPENERS or tokens[j].text[:1].isupper():
        return j
    counting = norm != "at" or tokens[j + 1 : j + 2] and tokens[j + 1].norm in ("least", "most")
    if norm in QUANTITIES and counting:  # "said at least forty homes ... had been evacuated"
        return j if _clause_follows(tokens, j, reach=12) else None
    return j if norm[:1].isalpha() and _clause_follows(tokens, j) else None


def _aside_at(tokens: Sequence[Token], j: int) -> bool:
    """", however," at ``j``: a comma, one aside word, a comma."""
    return (
        j + 2 < len(tokens)
        and tokens[j].norm == ","
        and tokens[j + 1].norm in ASIDE_WORDS
        and tokens[j + 2].norm == ","
    )


def _clause_follows(tokens: Sequence[Token], j: int, reach: int = 6) -> bool:
    """"supplies in the north would arrive", "inquiries continued", "race winner Ezra Kaine
    gained": a verb comes soon (a past one right after a name counts)."""
    if j + 1 < len(tokens) and tokens[j + 1].norm.endswith("ed") and tokens[j + 1].text.islower():
        return True
    previous = tokens[j]
    for token in tokens[j + 1 : j + 1 + reach]:
        norm = token.norm
        if norm in FINITE:
            return True
        if norm.endswith("ed") and token.text.islower() and previous.text[:1].isupper():
            return True  # "race winner Ezra Kaine gained"
        if not norm[:1].isalnum():
            return False
        previous = token
    return False
