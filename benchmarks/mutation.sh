#!/usr/bin/env bash
# Mutation testing of the code behind what a user sees (issues 20 and 31), module by module.
# Not part of CI. Needs `pip install mutmut` (3.x).
#   bash benchmarks/mutation.sh                       # every module below, one after another
#   bash benchmarks/mutation.sh structure distancing  # some modules, by the names below
#   MUTMUT_CHILDREN=2 bash benchmarks/mutation.sh schema   # test processes at once (default 1)
#   ONLY='framing.voices.subjects.*_clause_subject*' bash benchmarks/mutation.sh attribution
#                                 # only the mutants named by these patterns (a function's, say)
# Each module runs in a scratch copy of the checkout (mutants/ of its own, so runs never
# share state) with its own short test selection: mutmut then runs, for each mutant, only
# the tests of that selection that reach the mutated function, fastest first. Prints,
# per module, killed / survived / timeout counts and the score (killed + timeout over all
# checked) and the surviving mutants (`cd SCRATCH && mutmut show NAME` shows one; the
# scratch folder is kept when KEEP=1). Survivors judged equivalent are listed, one line of
# reason each, in benchmarks/mutation_equivalent.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# module: "file to mutate | mutant-name patterns | test files"
declare -A MODULES=(
    [structure]="framing/structure.py | framing.structure.* | tests/test_structure.py tests/test_rule_properties.py"
    [distancing]="framing/distancing.py | framing.distancing.* | tests/test_distancing.py tests/test_rule_properties.py"
    [article]="framing/slant/article.py | framing.slant.article.* | tests/slant/test_article.py tests/slant/test_article_guards.py"
    # The speaker finder: quotations and reported speech, then its layers (speaker phrases,
    # subjects of speech verbs, mention lookups, shared word lists). Every voices test:
    # reported speech and speaker shapes are tested outside test_attribution.py.
    [attribution]="framing/voices/attribution.py framing/voices/speaker_phrases.py framing/voices/subjects.py framing/voices/mention_lookup.py framing/voices/speaker_words.py | framing.voices.attribution.* framing.voices.speaker_phrases.* framing.voices.subjects.* framing.voices.mention_lookup.* framing.voices.speaker_words.* | tests/voices/ tests/test_quotes.py"
    [compare]="framing/corpus/compare.py framing/corpus/terms.py | framing.corpus.compare.* framing.corpus.terms.* | tests/corpus/test_compare_rules.py tests/corpus/test_terms.py tests/corpus/test_compare.py"
    [schema]="framing/schema.py | framing.schema.* | tests/test_schema.py tests/test_rule_properties.py"
    [safety]="framing/corpus/safety.py | framing.corpus.safety.* | tests/corpus/test_safety_rules.py tests/corpus/test_batch_safety.py"
    [store]="framing/corpus/store.py | framing.corpus.store.* | tests/corpus/test_store.py"
    # The answer key (terms, voices, sentence numbers), the tally's loaded pieces, the
    # long-text cut and compare's "only this text" terms.
    [html]="framing/report/html.py | framing.report.html.x__terms__* framing.report.html.x__pieces__* framing.report.html.x__group__* framing.report.html.x__shown_sentences__* framing.report.html.x__comparison__* | tests/report/test_html.py"
    [tokenize]="framing/tokenize.py | framing.tokenize.* | tests/test_tokenize.py"
    [lexicon]="framing/lexicon.py | framing.lexicon.* | tests/test_lexicon.py"
    [patterns]="framing/patterns.py | framing.patterns.* | tests/test_patterns.py tests/test_layers.py tests/test_rule_properties.py"
    [targets]="framing/voices/targets.py | framing.voices.targets.* | tests/test_analyzer.py tests/voices/test_speakers.py"
    # Issue 20's set: the scorers, the slant judge, the model integrity check.
    [score]="framing/score.py framing/slant/judge.py framing/slant/modelfile.py | framing.score.* framing.slant.judge.* framing.slant.modelfile.x_load_model* framing.slant.modelfile.x_sha256_of* framing.slant.modelfile.x__same_as_shipped* | tests/slant/ tests/test_analyzer.py tests/test_patterns.py tests/test_quotes.py"
)
ORDER=(structure distancing article attribution compare schema safety store html tokenize
       lexicon patterns targets score)

chosen=("$@")
[ ${#chosen[@]} -eq 0 ] && chosen=("${ORDER[@]}")
export HYPOTHESIS_PROFILE=dev FRAMING_SHARED="$root/../shared"
for name in "${chosen[@]}"; do
    IFS="|" read -r files patterns tests <<< "${MODULES[$name]}"
    read -r -a files <<< "$files"; read -r -a patterns <<< "$patterns"; read -r -a tests <<< "$tests"
    [ -n "${ONLY:-}" ] && read -r -a patterns <<< "$ONLY"
    work=$(mktemp -d "${TMPDIR:-/tmp}/mutation-$name.XXXX")
    cp -r framing tests lexicons examples docs reports README.md "$work"
    python - "$work/pyproject.toml" "${files[*]}" "${tests[*]}" <<'PY'
import json, sys
path, files, tests = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
# The CPU-time and step-counting tests that analyse long documents are left out: tracing
# under mutmut slows every document down, and they guard speed, not results. The busy-loop
# ones of test_safety_rules.py are named so that they stay. So is the command-line run of
# the quote evaluation: test_gold_sets_give_the_readme_counts checks the same scores.
open(path, "w").write(f"""[tool.mutmut]
source_paths = ["framing/"]
only_mutate = {json.dumps(files)}
also_copy = ["lexicons/", "examples/", "docs/", "reports/", "README.md"]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-x", "-q", "-k", "not cpu_time and not timeout and not linear and not evaluate_quotes_command"]
pytest_add_cli_args_test_selection = {json.dumps(tests)}
""")
PY
    started=$SECONDS
    (cd "$work" && nice -n 10 python -m mutmut run --max-children "${MUTMUT_CHILDREN:-1}" "${patterns[@]}" \
        > mutmut.log 2>&1 || true; python -m mutmut results --all true > results.txt 2>/dev/null || true)
    echo "== $name ($((SECONDS - started)) s; tests: ${tests[*]})"
    python - "$work/results.txt" "${patterns[@]}" <<'PY'
import collections, fnmatch, sys
rows = [line.strip().rsplit(": ", 1) for line in open(sys.argv[1]) if ": " in line]
chosen = [(n, s) for n, s in rows if any(fnmatch.fnmatch(n, p) for p in sys.argv[2:])]
counts = collections.Counter(s for _, s in chosen)
checked = sum(v for k, v in counts.items() if k not in ("not checked", "skipped"))
caught = counts["killed"] + counts["timeout"]
print(dict(counts))
print(f"mutation score: {caught}/{checked} = {caught / max(checked, 1):.1%} killed or timed out")
for name, status in chosen:
    if status == "survived":
        print("survived:", name)
PY
    if [ "${KEEP:-0}" = 1 ]; then echo "kept: $work"; else rm -rf "$work"; fi
done
