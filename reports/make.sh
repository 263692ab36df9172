#!/bin/sh
# Regenerate the example reports from the project's own sample articles.
# Run from anywhere: sh reports/make.sh  (needs framing installed: pip install -e .)
set -eu
cd "$(dirname "$0")/.."
framing report examples/river_dam_slanted.txt -o reports/river_dam_slanted.html
framing report examples/river_dam_slanted.txt examples/river_dam_neutral.txt --compare \
    -o reports/river_dam_compare.html
framing report examples/river_dam_slanted.txt --exercise -o reports/river_dam_exercise.html
echo "wrote reports/river_dam_slanted.html, reports/river_dam_compare.html, reports/river_dam_exercise.html"
