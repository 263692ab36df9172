"""The shipped lexicons (TSV files); see README.md in this folder."""
