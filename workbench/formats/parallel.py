"""The neutral shape every export is written from and every import is read into.

A `ParallelText` is an alignment seen as a table: one `Row` per bead, with the bead's
current text in each language (reviewer edits applied, the segments of a many-to-many bead
joined with a space), its review status, scores, flags and comments. A language a bead has
no segment in is simply absent from the row's `texts`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Flag:
    """A reviewer's flag on a bead (MQM-style category and severity, and why)."""

    category: str = ""
    severity: str = ""
    comment: str = ""
    user: str = ""


# The numbers a bead carries in every file, each named for what it is (docs/formats.md):
# confidence  the aligner's confidence that the bead is right, from 0 to 1;
# evidence    the aligner's raw score behind it (unbounded; compare within one alignment);
# chrf        sentence chrF (0-100) of a machine translation against the bead's text, as
#             `workbench score --sentence` stored it (the review table's "score").
# A number the bead does not have (an imported, unscored bead) is left out, never written 0.
NUMBERS = ("confidence", "evidence", "chrf")
LEGACY_EVIDENCE = "score"  # what files before these names called the evidence


@dataclass(frozen=True)
class Row:
    """One bead: its text per language and what reviewers made of it."""

    texts: Mapping[str, str]
    status: str = "auto"
    evidence: float | None = None
    confidence: float | None = None
    flags: tuple[Flag, ...] = ()
    comments: tuple[str, ...] = ()
    id: str = ""  # the bead id on export; the unit's id in the file on import
    kind: str = ""  # "1-1", "2-1", "1-0", ... as exported; informative only
    chrf: float | None = None
    segments: tuple[tuple[int, ...], ...] = ()  # sentence indices per language, from 0
    signal: str = ""  # what decided the bead (aligner output only)

    def aligned(self, languages: tuple[str, ...]) -> bool:
        """Whether the bead has text in every one of `languages` (not an omission)."""
        return all(self.texts.get(lang) for lang in languages)


@dataclass(frozen=True)
class ParallelText:
    """Rows in the order of the alignment, over `languages` (the first is the source)."""

    languages: tuple[str, ...]
    rows: tuple[Row, ...] = ()
    report: str = ""
    title: str = ""
    alignment_id: int | None = None
    method: str = ""
    signature: str = ""


FLAG_FIELDS = ("category", "severity", "comment", "user")
_FLAG_TEXT = re.compile(
    r"(?P<category>.*?)(?: \((?P<severity>[^()]*)\))?"
    r"(?:, by (?P<user>[^:]*))?(?:: (?P<comment>.*))?",
    re.DOTALL,
)


def describe_flag(flag: Flag) -> str:
    """A flag as a person reads it: "omission (major), by amina: the date is missing"."""
    words = flag.category or "flagged"
    if flag.severity:
        words += f" ({flag.severity})"
    if flag.user:
        words += f", by {flag.user}"
    return f"{words}: {flag.comment}" if flag.comment else words


def parse_flag(text: str) -> Flag:
    """The inverse of `describe_flag` (a plain text is read as the category)."""
    found = _FLAG_TEXT.fullmatch(text)
    if found is None:  # cannot happen: every part of the pattern is optional
        return Flag(category=text)
    parts = {k: v or "" for k, v in found.groupdict().items()}
    if parts["category"] == "flagged":
        parts["category"] = ""
    return Flag(**parts)
