"""Discussion questions for a class, written from what an analysis found.

A question is a list of parts: plain strings, and ``{"em": words}`` for the words a
writer emphasises. Keeping the parts apart lets the HTML template escape every one.

>>> record = {"text": "Valdoria has claimed it works.", "sentences": [{
...     "sentence_index": 0, "start": 0, "end": 30, "flags": [{"start": 13, "end": 20,
...     "text": "claimed", "category": "attribution_doubt", "weight": 0.5,
...     "voice": "author", "alternative": "said", "rationale": ""}]}],
...     "summary": {"n_quotes": 0}}
>>> "".join(p if isinstance(p, str) else p["em"] for p in discussion_questions(record)[0]["parts"])
'The article writes “Valdoria has claimed”. How would said change your reading?'
"""

from __future__ import annotations

from typing import Any

Question = dict[str, Any]
MAX_QUESTIONS = 7
LEAD_WORDS = 6

VERBS = {"attribution_doubt", "attribution_endorse", "assertive", "factive", "implicative"}
LOADED = {"loaded_negative", "loaded_positive", "fear", "euphemism"}
FORCE = {"intensifier", "exaggeration", "booster", "superlative", "all_caps", "exclamation"}


def discussion_questions(record: dict[str, Any]) -> list[Question]:
    """Questions about the strongest finding of each kind, then about voice and the tool."""
    text = record["text"]
    flags = [
        {**flag, "sentence": s["sentence_index"], "sentence_start": s["start"]}
        for s in record["sentences"] for flag in s["flags"]
    ]
    own = sorted((f for f in flags if f["voice"] != "quoted" and not f.get("negated")),
                 key=lambda f: -f["weight"])
    questions: list[Question] = []
    for kinds, ask in _ASKERS:
        flag = next((f for f in own if f["category"] in kinds), None)
        if flag is not None:
            questions.append({"sentence": flag["sentence"] + 1, "parts": ask(flag, text)})
    questions = questions[: MAX_QUESTIONS - 2]
    questions.append(_voice_question(flags, record.get("summary", {})))
    questions.append({"sentence": None, "parts": [
        "The tool can be wrong. Pick one highlight you think is unfair, or a steering word "
        "it missed, and explain your choice."
        if flags else
        "The tool found no loaded wording. What can a word list not see: who is quoted, "
        "which facts come first, what is left out?"
    ]})
    return questions


def comparison_questions(columns: list[dict[str, Any]]) -> list[Question]:
    """Questions that set several coverages of one event against each other."""
    questions = []
    for column in columns:
        if column["unique"]:
            term = column["unique"][0]
            questions.append({"sentence": None, "parts": [
                f"Only {_named(column)} uses ", {"em": term["text"]},
                ". Find how the others describe the same thing. Which wording would you use?",
            ]})
    scores = sorted((c for c in columns if c["doc"]["slant"]["score"] is not None),
                    key=lambda c: c["doc"]["slant"]["score"])
    if len(scores) >= 2:
        questions.append({"sentence": None, "parts": [
            f"{_named(scores[0])} has the lowest score and {_named(scores[-1])} the highest. "
            "Does a lower score make an article more accurate? What else would you check?"
        ]})
    return questions


def _named(column: dict[str, Any]) -> str:
    """A text by its headline, with its letter on the page when it has one."""
    letter = f" ({column['letter']})" if column.get("letter") else ""
    return f"“{column['doc']['name']}”{letter}"


def _lead(flag: dict[str, Any], text: str) -> str:
    """The few words before a flag in its sentence, so a question can quote it in context."""
    words = text[flag["sentence_start"]:flag["start"]].split()
    return " ".join(words[-LEAD_WORDS:])


def _first(alternative: str, fallback: str) -> str:
    return (alternative.split("/")[0].strip() if alternative else "") or fallback


def _verb(flag: dict[str, Any], text: str) -> list:
    lead = _lead(flag, text)
    return ["The article writes “", *([lead + " "] if lead else []), {"em": flag["text"]},
            "”. How would ", {"em": _first(flag["alternative"], "said")},
            " change your reading?"]


def _label(flag: dict[str, Any], text: str) -> list:
    return ["The article uses the label ", {"em": flag["text"]}, ". Who is being labelled, "
            "and what would ", {"em": _first(flag["alternative"], "a neutral name")},
            " change? Does the other side get a label too?"]


def _distance(flag: dict[str, Any], text: str) -> list:
    return ["Why might the writer put ", {"em": flag["text"]}, " that way without saying who "
            "uses the phrase? What does it suggest about the thing it names?"]


def _loaded(flag: dict[str, Any], text: str) -> list:
    return [{"em": flag["text"]}, " is a loaded choice. Would ",
            {"em": _first(flag["alternative"], "a plainer word")},
            " tell the same story? Whom does the stronger word side with?"]


def _force(flag: dict[str, Any], text: str) -> list:
    return ["Read the sentence without ", {"em": flag["text"]},
            ". Does it still say the same thing? What does the extra force add?"]


def _hedge(flag: dict[str, Any], text: str) -> list:
    return [{"em": flag["text"]}, ": who exactly? Does the vague source make the claim "
            "easier or harder to check?"]


def _stance(flag: dict[str, Any], text: str) -> list:
    return ["A sentence turns on ", {"em": flag["text"]},
            ". Which side does the sentence that follows favour?"]


_ASKERS = (
    (VERBS, _verb),
    ({"label"}, _label),
    ({"scare_quote", "so_called"}, _distance),
    (LOADED, _loaded),
    (FORCE, _force),
    ({"hedge"}, _hedge),
    ({"stance_marker", "rhetorical_question"}, _stance),
)


def _voice_question(flags: list[dict[str, Any]], summary: dict[str, Any]) -> Question:
    quoted = [f for f in flags if f["voice"] == "quoted"]
    if quoted:
        return {"sentence": quoted[0]["sentence"] + 1, "parts": [
            "The words ", {"em": quoted[0]["text"]}, " come from a quoted speaker, not the "
            "writer. Why quote them? Who else could have been asked, and who is not quoted?"]}
    if summary.get("n_quotes"):
        return {"sentence": None, "parts": [
            "The quotations hold no loaded words, but the writer's own sentences may. "
            "Who gets to speak in the article's own words, and who only through the writer?"]}
    return {"sentence": None, "parts": [
        "Nobody is quoted directly. Whose point of view do you hear, and whose is missing?"]}
