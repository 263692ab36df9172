#!/usr/bin/env bash
# Retrains the shipped models from BABE (beside the checkout in ../shared) and writes
# framing/models/{slant,words}.npz (plain arrays) and their .json cards. Run from the repository root:
#   bash benchmarks/train_shipped_model.sh [slant|words|all]   (default: all)
# Each cross-validates first: slant about 15 minutes (stratified and topic-grouped CV,
# then the NewsSD and WNC checks), words about 15 on two cores.
set -euo pipefail
which="${1:-all}"
data=../shared/data/babe/final_labels_SG2.csv
citation="Spinde et al., Neural Media Bias Detection Using Distant Supervision With BABE - Bias Annotations By Experts, Findings of EMNLP 2021 (BABE, final_labels_SG2.csv, published by the Media Bias Group)"
licence="AGPL-3.0 (licence of the repository that publishes BABE)"
if [ "$which" = slant ] || [ "$which" = all ]; then
  framing train "$data" --text-col text --label-col label_bias --positive Biased \
    --negative Non-biased --group-col type --words-col biased_words \
    --citation "$citation" --licence "$licence" \
    --group-cv topic --group-folds 5 \
    --ood newssd ../shared/data/newssd --ood wnc ../shared/data/wnc_sample \
    -o framing/models/slant.npz
fi
if [ "$which" = words ] || [ "$which" = all ]; then
  framing train-words "$data" --words-col biased_words --citation "$citation" \
    --licence "$licence" -o framing/models/words.npz
fi
