"""Sentence alignment of two or more language versions of a report.

`align()` aligns two documents (lists of sentences); `align_many()` aligns three or four
around a hub; `align_report()` aligns the stored versions of a report and stores the result;
`evaluate()` scores beads against gold ones as Vecalign's scorer does.
"""

from __future__ import annotations

from workbench.align.aligner import AlignmentResult, align

__all__ = ["AlignmentResult", "align"]
