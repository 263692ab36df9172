#!/usr/bin/env bash
# Retrains the shipped slant model from BABE (beside the checkout in ../shared) and
# writes framing/models/slant.{joblib,json,md}. Run from the repository root.
set -euo pipefail
framing train ../shared/data/babe/final_labels_SG2.csv \
  --text-col text --label-col label_bias --positive Biased --negative Non-biased \
  --group-col type \
  --citation "Spinde et al., Neural Media Bias Detection Using Distant Supervision With BABE - Bias Annotations By Experts, Findings of EMNLP 2021 (BABE, final_labels_SG2.csv, published by the Media Bias Group)" \
  --licence "AGPL-3.0 (licence of the repository that publishes BABE)" \
  -o framing/models/slant.joblib
# The expert-word flagger behind --expert-words (cross-validates first: about 15 minutes).
framing train-words ../shared/data/babe/final_labels_SG2.csv --words-col biased_words \
  --citation "Spinde et al., Neural Media Bias Detection Using Distant Supervision With BABE - Bias Annotations By Experts, Findings of EMNLP 2021 (BABE, final_labels_SG2.csv, published by the Media Bias Group)" \
  --licence "AGPL-3.0 (licence of the repository that publishes BABE)" \
  -o framing/models/words.joblib
