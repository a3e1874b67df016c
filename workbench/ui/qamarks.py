"""QA findings' spans as marks in the review table's text cells: each finding in effect marks
its source span in the cell of its source language and its target span in the cell of its
target language, with the check, the severity and the message on hover."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.records import Finding
from workbench.review.findings import in_effect
from workbench.ui.cellmarks import Mark


def qa_marks(findings: Sequence[Finding], lang: str) -> list[Mark]:
    """The marks of the findings in effect on the text of `lang` as stored (a text a reviewer
    has edited since gets none: the spans were found on the stored one)."""
    marks = []
    for finding in in_effect(findings):
        for side, span in (
            (finding.src_lang, finding.src_span),
            (finding.tgt_lang, finding.tgt_span),
        ):
            if side == lang and span is not None:
                marks.append(_mark(finding, span))
    return marks


def _mark(finding: Finding, span: tuple[int, int]) -> Mark:
    title = f"{finding.check} · {finding.severity}: {finding.message}"
    css = f"wb-qa-span wb-qa-{finding.severity}"
    return Mark(span[0], span[1], css, title, (("finding", str(finding.id or "")),))
