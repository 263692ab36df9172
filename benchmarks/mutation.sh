#!/usr/bin/env bash
# Mutation testing of the code behind what a user sees (issue 20): the article score, the
# scorers with negation and voice marking, compare's statistics and the model integrity
# check. Not part of CI: on a 2-core machine it takes about an hour. Needs
# `pip install mutmut` (3.x). Configuration: [tool.mutmut] in pyproject.toml.
#   bash benchmarks/mutation.sh            # the functions below
#   bash benchmarks/mutation.sh 'framing.patterns.*'   # or any mutant-name pattern
# Prints killed / survived / timeout counts and the score (killed + timeout over all
# checked); `mutmut show NAME` shows one surviving mutant.
set -euo pipefail
cd "$(dirname "$0")/.."
patterns=("$@")
if [ ${#patterns[@]} -eq 0 ]; then
    patterns=(
        "framing.slant.article.*"
        "framing.score.*"
        "framing.slant.modelfile.x_load_model*" "framing.slant.modelfile.x_sha256_of*"
        "framing.slant.modelfile.x__same_as_shipped*"
        "framing.corpus.terms.*" "framing.corpus.compare.x_bootstrap_ci*"
        "framing.corpus.compare.x__author_loaded*" "framing.corpus.compare.x__layers*"
        "framing.corpus.compare.x__slant*" "framing.slant.judge.*"
    )
fi
export HYPOTHESIS_PROFILE=dev FRAMING_SHARED="$PWD/../shared"
nice -n 10 mutmut run --max-children "${MUTMUT_CHILDREN:-2}" "${patterns[@]}" >/dev/null 2>&1 || true
mutmut results --all true > mutants/results.txt
python - "${patterns[@]}" <<'PY'
import collections, fnmatch, sys
rows = [line.strip().rsplit(": ", 1) for line in open("mutants/results.txt") if ": " in line]
chosen = [(n, s) for n, s in rows if any(fnmatch.fnmatch(n, p) for p in sys.argv[1:])]
counts = collections.Counter(s for _, s in chosen)
checked = sum(v for k, v in counts.items() if k != "not checked")
caught = counts["killed"] + counts["timeout"]
print(dict(counts))
print(f"mutation score: {caught}/{checked} = {caught / max(checked, 1):.1%} killed or timed out")
for name, status in chosen:
    if status == "survived":
        print("survived:", name)
PY
