"""The records every layer passes around: plain frozen dataclasses, no behaviour.

Ids are None until a record is stored. Segments are addressed inside their document by
`index` (0-based, stable: a document's segments never change once stored), so a bead names
the segments it joins by index, exactly as a bead file does (`[0]:[0, 1]:0.93`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from workbench.errors import InputError

Origin = Literal["original", "human", "machine"]
# what a person may say an uploaded or ingested version is (machine versions are made here)
UPLOAD_ORIGINS: tuple[str, ...] = ("original", "human")


def stored_id(record_id: int | None) -> int:
    """The id of a record read from the store (only records not yet stored lack one)."""
    if record_id is None:
        raise InputError("This record is not stored yet: store it first, then use its id.")
    return record_id


BeadStatus = Literal["auto", "accepted", "edited", "flagged", "rejected"]
BEAD_STATUSES: tuple[str, ...] = ("auto", "accepted", "edited", "flagged", "rejected")
Role = Literal["viewer", "reviewer", "admin"]
ROLES: tuple[str, ...] = ("viewer", "reviewer", "admin")
ALIGNER_USER = "aligner"  # the author of the review events the aligner writes (its flags)
MAX_ID = 2**63 - 1  # ids are SQLite INTEGERs (signed 64-bit): a larger number names nothing


# How outputs number things, everywhere (docs/cli.md): positions inside a document or an
# alignment (sentences, paragraphs, beads written by the aligner) count from 0, as the store
# and Vecalign's bead files do; lines of a file a person opens in an editor count from 1.
FIRST_INDEX = 0
FIRST_LINE = 1


@dataclass(frozen=True)
class Report:
    """One logical report, held in one or more language versions."""

    name: str
    title: str = ""
    date: str = ""  # ISO date when the report carries one
    id: int | None = None
    created_at: str = ""


@dataclass(frozen=True)
class Segment:
    """A sentence of a document: the original text (displayed) and its normalized form."""

    index: int
    text: str
    normalized: str = ""
    paragraph: int = 0


@dataclass(frozen=True)
class Document:
    """One language version of a report.

    `origin` is "original" (written in this language), "human" (a human translation) or
    "machine" (then `model` and `pivot` say how: pivot is the path, e.g. ("ar", "en", "ckb")).
    """

    lang: str
    paragraphs: tuple[str, ...] = ()
    title: str = ""
    date: str = ""
    origin: Origin = "original"
    model: str = ""
    pivot: tuple[str, ...] = ()
    source_file: str = ""
    sha256: str = ""
    raw_text: str = ""
    segments: tuple[Segment, ...] = ()
    id: int | None = None
    report_id: int | None = None


@dataclass(frozen=True)
class Bead:
    """A group of segments, one list of indices per aligned document, that say the same thing.

    For a pair of documents `segments` is (source indices, target indices); an empty list is
    an omission (1-0) or an addition (0-1). `signal` names what decided the bead.
    """

    segments: tuple[tuple[int, ...], ...]
    score: float = 0.0
    confidence: float = 0.0
    signal: str = ""
    status: BeadStatus = "auto"
    id: int | None = None
    position: float = 0.0
    texts: tuple[str, ...] = ()  # current text per document (edits applied), when loaded
    flag: dict[str, Any] | None = None

    @property
    def kind(self) -> str:
        """The bead type as reviewers say it: "1-1", "2-1", "0-1", ..."""
        return "-".join(str(len(s)) for s in self.segments)


@dataclass(frozen=True)
class Alignment:
    """Beads between two or more documents of one report, with how they were made."""

    document_ids: tuple[int, ...]
    method: str
    signature: str
    beads: tuple[Bead, ...] = ()
    id: int | None = None
    report_id: int | None = None
    created_at: str = ""


@dataclass(frozen=True)
class Translation:
    """A machine translation of one segment; the translation memory is made of these."""

    source: str
    output: str
    src_lang: str
    tgt_lang: str
    model: str
    revision: str
    engine: str
    settings: str
    signature: str
    id: int | None = None


@dataclass(frozen=True)
class Score:
    """A metric value at some scope, with the sacrebleu signature that makes it comparable."""

    metric: str
    value: float
    scope: str  # bead | document | report | collection | system
    scope_ref: str
    signature: str
    details: dict[str, Any] = field(default_factory=dict)  # what was scored: ids, counts
    id: int | None = None
    created_at: str = ""


@dataclass(frozen=True)
class ReviewEvent:
    """One thing a reviewer did. Events are never changed; undo is a new event."""

    action: str
    user: str
    alignment_id: int
    bead_id: int | None = None
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    comment: str = ""
    undoes: int | None = None
    id: int | None = None
    created_at: str = ""


@dataclass(frozen=True)
class User:
    name: str
    role: Role = "reviewer"
    id: int | None = None
    created_at: str = ""


SEVERITIES: tuple[str, ...] = ("minor", "major", "critical")  # least to most severe


@dataclass(frozen=True)
class Finding:
    """What a QA check found different between two versions of a bead (or of a line).

    Spans are [start, end) character offsets into the source and the target text of the
    bead (its segments joined with a space), None where the finding has no place on that
    side. `line` (1-based, in files) or `bead` (a stored bead's id) says where it is; `key`
    identifies the finding on this very text, so a dismissal holds while the text is
    unchanged. `dismissed` holds who dismissed it and why, when someone did.
    """

    check: str
    severity: str
    message: str
    src_span: tuple[int, int] | None = None
    tgt_span: tuple[int, int] | None = None
    line: int | None = None
    bead: int | None = None
    src_lang: str = ""
    tgt_lang: str = ""
    key: str = ""
    id: int | None = None
    alignment_id: int | None = None
    dismissed: dict[str, Any] | None = None


JOB_STATUSES: tuple[str, ...] = ("pending", "running", "cancelling", "done", "failed", "cancelled")


@dataclass(frozen=True)
class Job:
    """A batch job: its spec, where it stands, and counts of its items.

    `runner` names the process running it ("host:pid:token"), empty when none; `spec_key`
    identifies the spec (its file, or a hash of its content), so running the same spec again
    finds this job instead of starting over.
    """

    kind: str
    spec: dict[str, Any]
    status: str = "pending"  # pending | running | cancelling | done | failed | cancelled
    id: int | None = None
    created_at: str = ""
    updated_at: str = ""
    done: int = 0
    failed: int = 0
    total: int = 0
    name: str = ""
    spec_key: str = ""
    runner: str = ""
    executor: str = ""
    error: str = ""
    started_at: str = ""
    finished_at: str = ""


@dataclass(frozen=True)
class JobItem:
    """One unit of a job's work (a report × step, or a chunk of segments), done exactly once."""

    job_id: int
    key: str
    status: str = "pending"  # pending | done | failed
    input_hash: str = ""
    result: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    attempts: int = 0
    id: int | None = None
    step: str = ""
    report: str = ""
    updated_at: str = ""


# Where a translation-memory entry came from, best first: a match from a human origin is always
# ranked above one from machine translation.
MEMORY_ORIGINS: tuple[str, ...] = ("reviewed", "imported", "aligned", "mt")
HUMAN_ORIGINS: tuple[str, ...] = ("reviewed", "imported", "aligned")


@dataclass(frozen=True)
class MemoryEntry:
    """A translation the organisation can reuse: a source sentence, its target, and provenance.

    `origin` is "reviewed" (a bead reviewers accepted or edited), "aligned" (a bead of the
    aligner nobody has reviewed yet), "imported" (from a TMX, XLIFF, TSV or bitext file) or
    "mt" (a machine translation). `context` is a hash of the source's previous and next
    sentences, so that a match in the same context can be told apart (101).
    """

    source: str
    target: str
    src_lang: str
    tgt_lang: str
    origin: str
    report: str = ""
    alignment_id: int | None = None
    bead_id: int | None = None
    file: str = ""
    signature: str = ""
    user: str = ""
    created_at: str = ""
    context: str = ""
    id: int | None = None

    @property
    def is_human(self) -> bool:
        return self.origin in HUMAN_ORIGINS


@dataclass(frozen=True)
class Term:
    """One way of saying a concept in one language; a forbidden term is one not to use."""

    text: str
    lang: str
    forbidden: bool = False
    note: str = ""


@dataclass(frozen=True)
class Concept:
    """A termbase entry: one thing (a place, an organisation, a rank) and its terms per language.

    The first allowed term of a language is its preferred term; the others are variants.
    """

    terms: tuple[Term, ...]
    subject: str = ""
    note: str = ""
    origin: str = ""  # imported | extracted | "" (entered by hand)
    id: int | None = None

    def terms_in(self, lang: str, *, forbidden: bool | None = None) -> tuple[Term, ...]:
        return tuple(
            t
            for t in self.terms
            if t.lang == lang and (forbidden is None or t.forbidden == forbidden)
        )


CANDIDATE_STATUSES: tuple[str, ...] = ("pending", "accepted", "rejected")


@dataclass(frozen=True)
class TermCandidate:
    """A term pair found in aligned beads, waiting for a reviewer to accept or reject it."""

    src_lang: str
    tgt_lang: str
    source: str
    target: str
    kind: str  # name | acronym | phrase
    score: float  # Dice coefficient of the pair over beads
    count: int  # beads holding both
    examples: tuple[str, ...] = ()  # where: "report/bead"
    status: str = "pending"
    concept_id: int | None = None
    user: str = ""
    decided_at: str = ""
    id: int | None = None


def versions_by_language(
    documents: Iterable[Document], *, machine: bool = True
) -> dict[str, Document]:
    """The version of each language that a report is read in, aligned and translated from:
    its original, else its oldest human translation, else (with `machine`) its oldest machine
    translation. Every layer chooses a report's source versions with this one rule."""
    rank = {"original": 0, "human": 1, "machine": 2}
    chosen: dict[str, Document] = {}
    for doc in sorted(documents, key=lambda d: (rank.get(d.origin, 1), d.id or 0)):
        if machine or doc.origin != "machine":
            chosen.setdefault(doc.lang, doc)
    return chosen


def source_version(documents: Iterable[Document], lang: str | None = None) -> Document | None:
    """The version a report is machine-translated from: the one people wrote in `lang`
    (`versions_by_language` without machine versions), or without `lang` its original,
    English first, else any version people wrote. The one rule of the CLI, jobs and UI."""
    written = versions_by_language(documents, machine=False)
    if lang:
        return written.get(lang)
    ranked = sorted(written.values(), key=lambda d: (d.origin != "original", d.lang != "en"))
    return ranked[0] if ranked else None


def record_number(value: Any, what: str) -> int:
    """A record's number as a screen gives it (a number or its text): an InputError naming
    `what` unless it is a whole number an id can be."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        raise InputError(f"{str(value)[:40]!r} is not a {what} number.") from None
    if not 0 <= number <= MAX_ID:
        raise InputError(f"There is no such {what}: {what} numbers go up to 2^63 - 1.")
    return number
