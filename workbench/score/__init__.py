"""Scoring: sacrebleu metrics, significance tests and quality reports.

The quality report's file formats and the suffixes that name them are declared here, once,
for the CLI, job specs and the UI to import (nothing heavy is imported with them).
"""

REPORT_SUFFIXES = {".html": "html", ".htm": "html", ".json": "json", ".csv": "csv"}
REPORT_FORMATS = tuple(dict.fromkeys(REPORT_SUFFIXES.values()))
