"""Translation memory and terminology: reuse the organisation's own translations and terms.

- `fuzzy`: the 0-100 match score CAT tools give (word-level edit distance on the language's
  match form), number-aware; `numbers`: finding and substituting numbers.
- `sources`: entries from stored alignments (kept current with review events), imported
  files and machine translations; `transfer`: TMX/XLIFF/TSV/bitext in and out.
- `search`: candidate retrieval (SQLite FTS5 trigrams) and ranking into `Match`es;
  `first`: the translation-memory-first decisions `translate` applies before any model.
- `termbase`, `termmatch`, `extract`: concepts and terms, matching that survives
  morphology, and term candidates found in aligned beads.

Nothing here imports a model library; the translator wrapper lives in workbench.translate.
"""
