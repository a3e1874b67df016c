"""An alignment in the store as a `ParallelText`: the beads as reviewers have left them."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from workbench.errors import InputError, NotFound
from workbench.formats.load import METHOD as IMPORTED  # the signal of imported beads
from workbench.formats.parallel import Flag, ParallelText, Row
from workbench.records import BEAD_STATUSES, Bead, Document, Score
from workbench.store.alignments import get_alignment
from workbench.store.db import Database
from workbench.store.reports import get_document, get_report
from workbench.store.review import BeadState, alignment_state
from workbench.store.scores import bead_scores


def parallel_text(
    db: Database,
    alignment_id: int,
    *,
    languages: Sequence[str] | None = None,
    statuses: Collection[str] | None = None,
) -> ParallelText:
    """The current beads of an alignment, one row each, read from one consistent snapshot.

    `languages` chooses and orders the columns (default: every document of the alignment, in
    its order); `statuses` keeps only beads with those review statuses (default: all).
    """
    _check_statuses(statuses)
    with db.read():
        alignment = get_alignment(db, alignment_id)
        state = alignment_state(db, alignment_id)
        scored = bead_scores(db, alignment_id)
        documents = [get_document(db, doc_id) for doc_id in alignment.document_ids]
        report = get_report(db, alignment.report_id) if alignment.report_id else None
    all_languages = [d.lang for d in documents]
    if len(set(all_languages)) < len(all_languages):
        raise InputError(
            f"Alignment {alignment_id} joins two documents in the same language "
            f"({', '.join(all_languages)}); files hold one text per language, so it cannot "
            "be exported."
        )
    chosen = _chosen_languages(alignment_id, all_languages, languages)
    columns = [all_languages.index(lang) for lang in chosen]
    sentences = [{s.index: s.text for s in d.segments} for d in documents]
    rows = []
    for bead in alignment.beads:
        if statuses and bead.status not in statuses:
            continue
        row = _row(bead, state.beads.get(bead.id), documents, sentences, columns)
        if row.texts:
            chrf = _chrf(scored.get(bead.id, []), chosen[1:])
            rows.append(replace(row, chrf=chrf) if chrf is not None else row)
    return ParallelText(
        languages=tuple(chosen),
        rows=tuple(rows),
        report=report.name if report else "",
        title=report.title if report else "",
        alignment_id=alignment.id,
        method=alignment.method,
        signature=alignment.signature,
    )


def _row(
    bead: Bead,
    reviewed: BeadState | None,
    documents: list[Document],
    sentences: list[dict[int, str]],
    columns: list[int],
) -> Row:
    texts = {}
    for column in columns:
        lang = documents[column].lang
        if reviewed and column in reviewed.texts:
            texts[lang] = reviewed.texts[column]
        else:
            texts[lang] = " ".join(
                _sentence(sentences[column], i, documents[column]) for i in bead.segments[column]
            )
    unscored = bead.signal == IMPORTED and not bead.score and not bead.confidence
    return Row(
        texts={lang: text for lang, text in texts.items() if text},
        status=bead.status,
        evidence=None if unscored else bead.score,
        confidence=None if unscored else bead.confidence,
        flags=tuple(_flag(f) for f in reviewed.flags) if reviewed else (),
        comments=tuple(reviewed.comments) if reviewed else (),
        id=str(bead.id),
        kind=bead.kind,
    )


def _chrf(scores: list[Score], languages: Sequence[str]) -> float | None:
    """The newest sentence chrF of a machine translation into one of `languages`."""
    found = [s.value for s in scores if s.metric == "chrf" and s.details.get("lang") in languages]
    return found[-1] if found else None


def _sentence(sentences: dict[int, str], index: int, document: Document) -> str:
    if index not in sentences:
        raise NotFound(
            f"A bead names segment {index} of document {document.id}, which has no such "
            "segment; run `workbench db check` and align the report again."
        )
    return sentences[index]


def _flag(flag: dict) -> Flag:
    return Flag(
        category=str(flag.get("category", "")),
        severity=str(flag.get("severity", "")),
        comment=str(flag.get("comment", "")),
        user=str(flag.get("user", "")),
    )


def _chosen_languages(
    alignment_id: int, available: list[str], languages: Sequence[str] | None
) -> list[str]:
    if not languages:
        return available
    missing = [lang for lang in languages if lang not in available]
    if missing or len(set(languages)) < len(languages):
        raise InputError(
            f"Alignment {alignment_id} has {', '.join(available)}; choose among them "
            f"(got {', '.join(languages)})."
        )
    return list(languages)


def _check_statuses(statuses: Collection[str] | None) -> None:
    unknown = sorted(set(statuses or ()) - set(BEAD_STATUSES))
    if unknown:
        raise InputError(
            f"Unknown status {', '.join(unknown)}: use one of {', '.join(BEAD_STATUSES)}."
        )
