"""Files in and out of the store: TMX, XLIFF, TSV and JSONL (and bead files, see beads.py).

Every format is read into and written from one neutral shape, `parallel.ParallelText` (one
`Row` per bead, a text per language), so the store is met in exactly two places:
`collect.parallel_text` (export) and `load.store_parallel_text` (import). `api` holds the two
public functions, `export_alignment` and `import_file`.
"""
