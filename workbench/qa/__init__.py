"""Version QA: what differs between two language versions of a report, bead by bead.

Checks, one module each and each usable alone (`workbench.qa.numbers.check(pair)`):
numbers, dates, untranslated, omission/addition, names, punctuation, terms (a hook for a
glossary). Language data (number words, month and weekday names, length ratios) lives in
`workbench/text/rules/<lang>.toml`.

- `check_pair(src, tgt, src_lang, tgt_lang)`: the findings on one pair of texts;
- `check_lines(...)`, `check_files(...)`: on line-parallel texts or files;
- `run_report_qa(db, report)`: on the stored alignments of a report; stores the findings;
- `dismiss_finding(db, finding_id, user, why)`: a reviewer's dismissal (a review event).
"""

from __future__ import annotations

import importlib
from typing import Any

_API = {
    "CHECKS": "workbench.qa.checks",
    "check_pair": "workbench.qa.run",
    "check_lines": "workbench.qa.run",
    "check_files": "workbench.qa.run",
    "finding_json": "workbench.qa.run",
    "run_report_qa": "workbench.qa.report",
    "report_findings": "workbench.qa.report",
    "dismiss_finding": "workbench.qa.report",
    "Glossary": "workbench.qa.terms",
    "Pair": "workbench.qa.pair",
}


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'workbench.qa' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
