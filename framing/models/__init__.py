"""The shipped slant model and its model card."""
