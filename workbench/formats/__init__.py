"""Files in and out of the store: TMX, XLIFF, TSV, JSONL and bitext (and bead files, see
beads.py).

Every format is read into and written from one neutral shape, `parallel.ParallelText` (one
`Row` per bead, a text per language), so the store is met in exactly two places:
`collect.parallel_text` (export) and `load.store_parallel_text` (import). `api` holds the two
public functions, `export_alignment` and `import_file`. The formats and the suffixes that
name them are declared here, once, for the CLI, jobs and UI to import.
"""

from workbench.registry import Registry

# Format names, in the order people are offered them (docs/formats.md), and the function
# that writes each: write(text: ParallelText, path: Path).
WRITERS = Registry(
    "format",
    {
        "tmx": "workbench.formats.tmx:write_tmx",
        "xliff": "workbench.formats.xliff:write_xliff",
        "xliff12": "workbench.formats.xliff:write_xliff12",
        "tsv": "workbench.formats.tabular:write_tsv",
        "jsonl": "workbench.formats.tabular:write_jsonl",
        "bitext": "workbench.formats.bitext:write_bitext",
    },
)
FORMATS = WRITERS.names
# The format a file's suffix says (xliff12 and bitext are chosen by name: .xlf is XLIFF 2.0,
# and a bitext is two files, corpus.en + corpus.ar).
SUFFIXES = {
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
# The one-file formats and the suffix a written file gets (a bitext is one file per language).
# XLIFF 1.2 keeps the .xlf that CAT tools open, marked so it never overwrites a 2.0 file.
WRITTEN_SUFFIX = {
    "tmx": ".tmx",
    "xliff": ".xlf",
    "xliff12": ".v12.xlf",
    "tsv": ".tsv",
    "jsonl": ".jsonl",
}
# Formats for CAT tools: each unit needs its source text, so beads without one are left out.
NEED_SOURCE = ("tmx", "xliff", "xliff12")
# What `align` and `align-report` write: bead lines (Vecalign), hunalign's ladder, or the
# beads with their texts in one of the formats above.
BEAD_FORMATS = ("beads", "ladder", "tsv", "jsonl", "bitext")
