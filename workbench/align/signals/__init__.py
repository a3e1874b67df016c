"""The alignment signals: each says how alike two groups of sentences are."""
