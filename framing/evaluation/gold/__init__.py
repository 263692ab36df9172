"""Gold sets written for framing, used by `framing evaluate`."""
