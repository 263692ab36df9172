#!/bin/sh
# Regenerate the example reports from the project's own sample articles, then their
# screenshots at phone (390 px) and projector (1366 px) width.
# Run from anywhere: sh reports/make.sh  (needs framing installed: pip install -e '.[test]',
# and Chromium at /usr/bin/chromium for the screenshots)
set -eu
cd "$(dirname "$0")/.."
framing report examples/river_dam_slanted.txt -o reports/river_dam_slanted.html
framing report examples/river_dam_slanted.txt examples/river_dam_neutral.txt --compare \
    -o reports/river_dam_compare.html
framing report examples/river_dam_slanted.txt --exercise -o reports/river_dam_exercise.html
framing report examples/harbour_levy_wire.txt examples/harbour_levy_tabloid.txt --compare \
    -o reports/harbour_levy_compare.html
# The corpus comparison page of `framing compare`, from a two-article batch run.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python - "$work/news.csv" <<'PY'
import sys
import pandas as pd
texts = [open(f"examples/river_dam_{n}.txt", encoding="utf-8").read() for n in ("slanted", "neutral")]
pd.DataFrame({"text": texts, "outlet": ["The Slanted Post", "The Neutral Times"]}).to_csv(sys.argv[1], index=False)
PY
framing batch "$work/news.csv" --meta-col outlet --format csv -j 1 -q -o "$work/out"
framing compare "$work/out" --by outlet --min-articles 1 --max-q 1 --html reports/river_dam_corpus_compare.html > /dev/null
python reports/screenshots.py
echo "wrote reports/*.html, reports/screenshots/*.png and the printed worksheet's pages (worksheet-*.png)"
