#!/usr/bin/env bash
# Writes what framing prints for the seed article and the shipped examples into OUTDIR,
# so that two versions of the code can be compared byte for byte:
#   bash benchmarks/snapshot.sh /tmp/before   # on the old commit
#   bash benchmarks/snapshot.sh /tmp/after    # on the new one
#   diff -r /tmp/before /tmp/after && echo identical
# Covers JSON (with and without the expert-word flagger and the model), every CSV row
# kind, the terminal text, the three HTML report kinds, a batch run's tables and the
# help text of every command. Run from the repository root with framing installed.
set -euo pipefail
out="${1:?usage: snapshot.sh OUTDIR}"
seed=../shared/samples/000_3aa04ce601e32b4d.txt
mkdir -p "$out"
docs=("$seed" examples/river_dam_slanted.txt examples/river_dam_neutral.txt)
for doc in "${docs[@]}"; do
  name=$(basename "$doc" .txt)
  framing score "$doc" -f json -o "$out/$name.json"
  framing score "$doc" -f json --expert-words -o "$out/$name.expert.json"
  framing score "$doc" -f json --no-model -o "$out/$name.nomodel.json"
  for rows in flags sentences quotes actors; do
    framing score "$doc" -f csv --rows "$rows" -o "$out/$name.$rows.csv"
  done
  COLUMNS=120 framing score "$doc" > "$out/$name.txt"
done
framing score -f json -o "$out/default.json"
framing score "${docs[@]}" -f jsonl -o "$out/all.jsonl"
framing report examples/river_dam_slanted.txt -o "$out/report.html"
framing report examples/river_dam_slanted.txt examples/river_dam_neutral.txt --compare \
  -o "$out/compare.html"
framing report "$seed" --exercise -o "$out/exercise.html"
batch_in=/tmp/framing-snapshot-docs  # a fixed path: document ids are paths
rm -rf "$batch_in" && mkdir -p "$batch_in"
cp "${docs[@]}" "$batch_in/"
framing batch "$batch_in" -o "$out/batch" --format csv -j 1 -q
rm -rf "$batch_in"
rm -f "$out/batch/run.json" "$out/batch/parts" -r
for cmd in "" score report batch compare train train-words "lexicon list" "lexicon show" \
    "lexicon check" "evaluate slant" "evaluate words" "evaluate frames" "evaluate quotes"; do
  # shellcheck disable=SC2086
  framing $cmd --help > "$out/help.${cmd// /_}.txt" 2>&1 || true
done
framing lexicon list > "$out/lexicon_list.txt"
