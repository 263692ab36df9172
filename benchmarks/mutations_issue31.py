"""The 39 mutations that survived the issue-31 audit, re-applied one at a time.

Each mutation is a small textual patch (old snippet -> new snippet in a named file) that
breaks one behaviour a user relies on. The script applies one, runs the test files that
cover its module (``pytest -x -q``), restores the file in a ``finally`` (and checks the
bytes are back), and reports whether the tests killed it. Run from the repository root:

    python benchmarks/mutations_issue31.py              # all 39, about 8 minutes
    python benchmarks/mutations_issue31.py D2 H5        # some of them, by id
    python benchmarks/mutations_issue31.py --list       # ids and behaviours only

Exit status 0 when every mutation chosen is killed. The source files are edited in
place, so run it on a clean checkout and not while editing them; an interrupted run
still restores the file it changed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutation:
    id: str
    path: str
    edits: tuple[tuple[str, str], ...]  # (old, new): each old must occur exactly once
    behaviour: str


def m(id_: str, path: str, behaviour: str, *edits: tuple[str, str]) -> Mutation:
    return Mutation(id_, path, edits, behaviour)


STRUCTURE, DISTANCING = "framing/structure.py", "framing/distancing.py"
ARTICLE, ATTRIBUTION = "framing/slant/article.py", "framing/voices/attribution.py"
MENTIONS, SPEAKER_WORDS = "framing/voices/mention_lookup.py", "framing/voices/speaker_words.py"
COMPARE, TERMS = "framing/corpus/compare.py", "framing/corpus/terms.py"
SCHEMA, SAFETY = "framing/schema.py", "framing/corpus/safety.py"
STORE, HTML = "framing/corpus/store.py", "framing/report/html.py"

MUTATIONS = [
    # --- structure.py ------------------------------------------------------------------
    m("S1", STRUCTURE, "the headline length limit is 12 words instead of 25",
      ("HEADLINE_MAX_WORDS = 25", "HEADLINE_MAX_WORDS = 12")),
    m("S2", STRUCTURE, "a short line after the body is a byline without capitalised words",
      ("not _ends_sentence(text) and _all_capitalised(words)", "not _ends_sentence(text)")),
    m("S3", STRUCTURE, "a dateline place of 2 letters is accepted",
      ('return len(re.sub(r"[^A-Za-z]", "", place)) >= 3',
       'return len(re.sub(r"[^A-Za-z]", "", place)) >= 2')),
    m("S4", STRUCTURE, "a 'line alone' may hold 2 sentences",
      ("alone = per_paragraph[sentence.paragraph] == 1",
       "alone = per_paragraph[sentence.paragraph] <= 2")),
    # --- distancing.py -----------------------------------------------------------------
    m("D1", DISTANCING, "a marker reaches 2 words instead of 3",
      ("MARKER_REACH = 3", "MARKER_REACH = 2")),
    m("D2", DISTANCING, "a flag ending exactly at a scare quote's end is not inside it",
      ("flag.end <= spans[i][1]", "flag.end < spans[i][1]")),
    m("D3", DISTANCING, "'what X calls' allows 1 skipped word instead of 2",
      ("skipped > 2", "skipped > 1")),
    m("D4", DISTANCING, "'what' is no longer required before 'X calls'",
      ('return j >= 1 and "what" in [t.norm for t in before[max(0, j - 5):j]]',
       "return j >= 1")),
    m("D5", DISTANCING, "the look-back window is 5 tokens instead of 8",
      ("tokens[max(0, at - 8):at]", "tokens[max(0, at - 5):at]")),
    m("D6", DISTANCING, "a marker word also distances quoted flags",
      ("or (flag.voice == AUTHOR and _is_marked(", "or (flag.voice in (AUTHOR, QUOTED) and _is_marked(")),
    # --- slant/article.py --------------------------------------------------------------
    m("A1", ARTICLE, "a sentence half inside quotations counts as the author's",
      ("r.quoted_share < QUOTED_SENTENCE]", "r.quoted_share <= QUOTED_SENTENCE]")),
    m("A2", ARTICLE, "with no author sentence the model score averages quoted sentences",
      ("    if probabilities.size == 0:\n        return density_slant(flags, n_words)\n",
       "    if probabilities.size == 0:\n        scored = [r for r in results if r.slant_probability "
       "is not None]\n        probabilities = np.array([r.slant_probability for r in scored], "
       "dtype=float)\n    if probabilities.size == 0:\n        return density_slant(flags, n_words)\n")),
    m("A3", ARTICLE, "'likely' counts probabilities above 0.5, not 0.5 or more",
      ("likely = int((probabilities >= 0.5).sum())", "likely = int((probabilities > 0.5).sum())")),
    m("A4", ARTICLE, "the thin-evidence note is given to texts under 50 words",
      ("if confidence < THIN_CONFIDENCE and n_words >= MIN_WORDS:",
       "if confidence < THIN_CONFIDENCE and n_words < MIN_WORDS:")),
    # --- voices/attribution.py ---------------------------------------------------------
    m("T1", ATTRIBUTION, "a scare quote is at most 3 words instead of 4",
      ("SCARE_QUOTE_MAX_WORDS = 4", "SCARE_QUOTE_MAX_WORDS = 3")),
    m("T2", ATTRIBUTION, "a quotation continues an attributed one two paragraphs back",
      ("        if gap > 1:\n            return None\n", "        if gap > 2:\n            return None\n")),
    m("T3", MENTIONS, "'his government' takes the side of any actor, not an office holder",
      ('if self.actors.kinds.get(mention.actor) == "person" and side:', "if side:")),
    m("T4", SPEAKER_WORDS, "'spoke on condition of anonymity' no longer makes a source anonymous",
      ('ANONYMITY = ("anonymity", ', "ANONYMITY = (")),
    m("T5", ATTRIBUTION, "without roles, only the first line can hold headline quotes",
      ("for sentence in doc.sentences[:4]:", "for sentence in doc.sentences[:1]:")),
    # --- corpus/compare.py (and its terms) ---------------------------------------------
    m("C1", TERMS, "distinctive terms listed at z >= 0 instead of z > 0",
      ('(table["delta"] > 0)', '(table["delta"] >= 0)')),
    m("C2", COMPARE, "quoted_flag_share counts author flags (voices swapped)",
      ('"quoted_flag_share": _share(voices.get(QUOTED, 0), voices.sum())',
       '"quoted_flag_share": _share(voices.get(AUTHOR, 0), voices.sum())')),
    m("C3", COMPARE, "per-1,000 rates count quoted flags too",
      ('by_category = mine[mine["voice"] == AUTHOR]["category"]', 'by_category = mine["category"]')),
    # --- schema.py ---------------------------------------------------------------------
    m("M1", SCHEMA, "problems() no longer checks column order",
      ("    if present != fixed:\n", "    if sorted(present) != sorted(fixed):\n")),
    m("M2", SCHEMA, "problems() no longer checks dtypes",
      ("        elif str(frame[name].dtype) != str(pd.Series([], dtype=_PANDAS[column.type]).dtype):",
       "        elif False:")),
    m("M3", SCHEMA, "Arrow ints are int32",
      ("INT: pa.int64()", "INT: pa.int32()")),
    m("M4", SCHEMA, "lone surrogates are removed, so offsets shift",
      ('return _LONE_SURROGATE.sub("\\ufffd", value)', 'return _LONE_SURROGATE.sub("", value)')),
    m("M5", SCHEMA, "columns a user lexicon adds are dropped",
      ("return pd.DataFrame(typed, columns=order + extras,", "return pd.DataFrame(typed, columns=order,")),
    m("M6", SCHEMA, "arrow_problems ignores types",
      ("        elif arrow_table_schema.field(column.name).type != arrow_type(column.type):",
       "        elif False:")),
    # --- corpus/safety.py --------------------------------------------------------------
    m("F1", SAFETY, "run_settings records only lexicons, models, encoding and columns",
      ("        elif name not in NOT_SETTINGS:\n            settings[name] = value\n", ""),
      ("    settings.update(max_bytes=read.max_bytes, timeout_per_doc=read.timeout)\n", "")),
    m("F2", SAFETY, "the encoding is not normalised (cp1252 and windows-1252 differ)",
      ('settings["encoding"] = _codec_name(read.encoding)', 'settings["encoding"] = read.encoding')),
    m("F3", SAFETY, "the output folder is not 'within' itself",
      ("return path == folder or folder in path.parents", "return folder in path.parents")),
    # --- corpus/store.py ---------------------------------------------------------------
    m("ST1", STORE, "a symlinked ownership marker is accepted as batch's own",
      ("    if marker.is_file() and not marker.is_symlink():\n        return\n",
       "    if marker.is_file():\n        return\n")),
    # --- report/html.py ----------------------------------------------------------------
    m("H1", HTML, "the answer key lists devices before loaded words",
      ('key=lambda t: (t["layer"] != LOADED, -t["weight"])', 'key=lambda t: (t["layer"] == LOADED, -t["weight"])')),
    m("H2", HTML, "distanced words count as the author's in the answer key",
      ('voice = flag["voice"] if flag["voice"] in (QUOTED, DISTANCED) else "author"',
       'voice = flag["voice"] if flag["voice"] in (QUOTED,) else "author"')),
    m("H3", HTML, "scare quotes are listed among the quotations",
      ('if q.get("kind") != "scare"]', "]")),
    m("H4", HTML, "a piece is 'loaded' only when all of its flags are",
      ('"loaded": any(f.get("layer") == LOADED', '"loaded": all(f.get("layer") == LOADED')),
    m("H5", HTML, "the long text is cut one word early",
      ("        if words > MAX_ANNOTATED_WORDS:\n", "        if words >= MAX_ANNOTATED_WORDS:\n")),
    m("H6", HTML, "compare's 'only in A' terms include shared ones",
      ('t["term"] in loaded[i] - others]', 't["term"] in loaded[i]]')),
    m("H7", HTML, "answer-key sentence numbers count from 0",
      ('if flag["sentence"] + 1 not in entry["sentences"]:\n            entry["sentences"].append(flag["sentence"] + 1)',
       'if flag["sentence"] not in entry["sentences"]:\n            entry["sentences"].append(flag["sentence"])')),
]

#: The test files that cover each source file (the selection the audit used, plus the
#: guards added for issue 31).
TESTS = {
    STRUCTURE: ["tests/test_structure.py"],
    DISTANCING: ["tests/test_distancing.py"],
    ARTICLE: ["tests/slant/test_article.py", "tests/slant/test_article_guards.py"],
    ATTRIBUTION: ["tests/voices/test_attribution.py", "tests/voices/test_attribution_guards.py"],
    MENTIONS: ["tests/voices/test_attribution.py", "tests/voices/test_attribution_guards.py"],
    SPEAKER_WORDS: ["tests/voices/test_attribution.py", "tests/voices/test_attribution_guards.py"],
    COMPARE: ["tests/corpus/test_compare.py", "tests/corpus/test_terms.py"],
    TERMS: ["tests/corpus/test_compare.py", "tests/corpus/test_terms.py"],
    SCHEMA: ["tests/test_schema.py"],
    SAFETY: ["tests/corpus/test_batch_safety.py"],
    STORE: ["tests/corpus/test_batch_safety.py"],
    HTML: ["tests/report/test_html.py"],
}


def patched(source: str, mutation: Mutation) -> str:
    for old, new in mutation.edits:
        count = source.count(old)
        if count != 1:
            raise SystemExit(f"{mutation.id}: the snippet to change occurs {count} times in "
                             f"{mutation.path} (the code moved?): {old!r}")
        source = source.replace(old, new)
    return source


def run(mutation: Mutation) -> tuple[bool, float, str]:
    """Whether the tests kill the mutation, how long they took, and the test that failed."""
    path = ROOT / mutation.path
    original = path.read_bytes()
    mutant = patched(original.decode("utf-8"), mutation)
    tests = [t for t in TESTS[mutation.path] if (ROOT / t).exists()]
    started = time.perf_counter()
    try:
        path.write_text(mutant, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                               *tests], cwd=ROOT, capture_output=True, text=True)
    finally:
        path.write_bytes(original)
    assert path.read_bytes() == original, f"{mutation.path} was not restored"
    failed = next((line.split(" ", 1)[1].split(" - ")[0] for line in done.stdout.splitlines()
                   if line.startswith(("FAILED ", "ERROR "))), "")
    return done.returncode != 0, time.perf_counter() - started, failed


def main(argv: list[str]) -> int:
    if "--list" in argv:
        for mutation in MUTATIONS:
            print(f"{mutation.id:4} {mutation.path:32} {mutation.behaviour}")
        return 0
    chosen = [x for x in MUTATIONS if not argv or x.id in argv]
    for mutation in chosen:  # every snippet must be found before anything is changed
        patched((ROOT / mutation.path).read_text(encoding="utf-8"), mutation)
    survived = []
    for mutation in chosen:
        killed, seconds, failed = run(mutation)
        print(f"{mutation.id:4} {'killed  ' if killed else 'SURVIVED'} {seconds:5.1f}s  "
              f"{mutation.path}: {mutation.behaviour}" + (f"\n       by {failed}" if failed else ""),
              flush=True)
        if not killed:
            survived.append(mutation.id)
    print(f"{len(chosen) - len(survived)}/{len(chosen)} killed"
          + (f"; survived: {' '.join(survived)}" if survived else ""))
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
