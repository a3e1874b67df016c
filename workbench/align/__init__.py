"""Sentence alignment of two or more language versions of a report.

`align()` aligns two documents (lists of sentences); `align_many()` aligns three or four
around a hub; `align_report()` aligns the stored versions of a report and stores the result;
`evaluate_alignment()` scores beads against gold ones as Vecalign's scorer does.
"""

from __future__ import annotations

from typing import Any

from workbench.align.aligner import AlignmentResult, align
from workbench.registry import call_through, resolve

__all__ = ["AlignmentResult", "align", "align_many", "align_report", "evaluate_alignment"]

_LATER = {
    "align_many": "workbench.align.multiway",
    "MultiAlignment": "workbench.align.multiway",
    "align_report": "workbench.align.report",
    "evaluate_alignment": "workbench.align.evaluate",
}


def __getattr__(name: str) -> Any:
    if name in _LATER:
        return resolve(f"{_LATER[name]}:{name}")
    raise AttributeError(f"module 'workbench.align' has no attribute {name!r}")


call_through(__name__, "workbench.align.aligner:align")
