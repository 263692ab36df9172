"""Which short quotations are the author's scare quotes: three rules measured on the gold sets.

Run from the repository root:

    python benchmarks/scare_quote_rule.py

For every gold quotation of at most four words, each rule says "scare" or "someone's words";
the table gives how often it agrees with the gold kind (scare versus direct/partial), per
gold set. Rules:

* ``marker list`` — the rule before issue 18: scare unless the sentence holds one of the
  old pattern list's speech markers (kept here, verbatim, only to measure it) or the
  quotation is the whole sentence;
* ``any speech verb`` — the same with the one speech-verb list of ``framing.voices.verbs``;
* ``no speaker`` (shipped) — scare when the attribution pass finds no speaker for the
  quotation, nor a quotation it continues, and it is not a sentence of its own; "so-called"
  before it always makes it one.
"""

from __future__ import annotations

from framing.analyzer import Analyzer
from framing.evaluation.quotes import default_gold_sets, read_gold
from framing.tokenize import tokenize, word_tokens
from framing.voices.verbs import speech_verbs

OLD_MARKERS = frozenset(
    """say says said saying tell tells told add adds added according note noted notes
    state stated states claim claimed claims argue argued pledge pledged pledges vow vowed
    warn warned warns call called calls describe described write wrote insist
    insisted announce announced declare declared ask asked reply replied respond responded
    tweet tweeted post posted admit admitted promise promised chant chanted shout shouted
    predict predicted concede conceded confirm confirmed allege alleged""".split()
)
MAX_WORDS = 4


def _words(text: str) -> int:
    return sum(1 for t in word_tokens(text) if t.norm[:1].isalnum())


def _sentence_rule(text: str, quote: str, markers) -> bool:
    doc = tokenize(text)
    start = text.find(quote)
    sentence = next(s for s in doc.sentences if s.start <= start < s.end)
    words = [t for t in sentence.tokens if t.norm[:1].isalnum()]
    whole = start <= words[0].start and words[-1].end <= start + len(quote) + 1
    return not whole and not any(markers(t.norm) for t in sentence.tokens)


def main() -> None:
    analyzer = Analyzer(model=None)
    verbs = speech_verbs(analyzer.lexicon)
    rules = {
        "marker list": lambda text, q, _: _sentence_rule(text, q, OLD_MARKERS.__contains__),
        "any speech verb": lambda text, q, _: _sentence_rule(
            text, q, lambda n: verbs.get(n) is not None or n == "according"
        ),
        "no speaker (shipped)": lambda text, q, found: found == "scare",
    }
    print(f"{'gold set':<28}{'short quotes':>13}" + "".join(f"{r:>22}" for r in rules))
    for path in default_gold_sets():
        hits = dict.fromkeys(rules, 0)
        n = 0
        for item in read_gold(path):
            analysis = analyzer.analyze(item["text"])
            for gold in item["quotes"]:
                if gold["kind"] == "indirect" or _words(gold["text"]) > MAX_WORDS:
                    continue
                start = item["text"].find(gold["text"])
                found = next(
                    (q.kind for q in analysis.quotes if q.start <= start < q.end), None
                )
                n += 1
                for name, rule in rules.items():
                    said = rule(item["text"], gold["text"], found)
                    hits[name] += said == (gold["kind"] == "scare")
        print(f"{path.name:<28}{n:>13}" + "".join(f"{hits[r] / n:>22.3f}" for r in rules))


if __name__ == "__main__":
    main()
