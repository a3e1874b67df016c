"""Align the stored language versions of a report and store the result."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.align.aligner import DEFAULT_SIGNALS
from workbench.errors import InputError
from workbench.records import (
    ALIGNER_USER,
    Alignment,
    Document,
    ReviewEvent,
    stored_id,
    versions_by_language,
)


def align_report(
    db: Any,
    report: str | int,
    *,
    hub: str = "en",
    langs: Sequence[str] | None = None,
    signals: Sequence[str] = DEFAULT_SIGNALS,
    check_pairs: bool = True,
    settings: Any = None,
    **options: Any,
) -> Alignment:
    """Align every version of `report` (or those in `langs`) around the hub and store it.

    Two versions give a pairwise alignment; three or four give one n-way alignment whose
    beads hold one list of segment indices per document, hub first. Beads where a direct
    pair disagrees with the path through the hub are stored with a "flag" review event by
    "aligner", so reviewers see them as flagged (and may undo the flag like any other).
    Returns the stored alignment with its beads.
    """
    from workbench.align.multiway import align_many
    from workbench.store import alignments, reports

    found = reports.get_report(db, report)
    docs = _versions(
        reports.documents(db, stored_id(found.id), with_segments=True), hub, langs, found.name
    )
    texts = [[s.text for s in d.segments] for d in docs]
    paragraphs = [[s.paragraph for s in d.segments] for d in docs]
    codes = [d.lang for d in docs]
    result = align_many(
        texts,
        codes,
        hub=0,
        check_pairs=check_pairs,
        paragraphs=paragraphs,
        signals=signals,
        settings=settings,
        db=db,
        **options,
    )
    method = "align" if len(docs) == 2 else f"align-multi(hub:{codes[0]})"
    made = Alignment(
        document_ids=tuple(stored_id(d.id) for d in docs),
        method=method,
        signature=result.signature,
        beads=result.beads,
        report_id=found.id,
    )
    return alignments.get_alignment(db, stored_id(save_with_flags(db, made).id))


def save_with_flags(db: Any, made: Alignment) -> Alignment:
    """Store an aligner's alignment, and its beads' flags as "flag" review events by
    "aligner", so reviewers see them as flagged and may undo them like any other flag."""
    from workbench.store import alignments, review

    stored = alignments.save_alignment(db, made)
    for bead, kept in zip(made.beads, stored.beads, strict=True):
        if bead.flag:
            review.record_event(
                db,
                ReviewEvent(
                    action="flag",
                    user=ALIGNER_USER,
                    alignment_id=stored_id(stored.id),
                    bead_id=kept.id,
                    after={k: v for k, v in bead.flag.items() if k != "comment"},
                    comment=bead.flag.get("comment", ""),
                ),
            )
    return stored


def _versions(
    docs: list[Document], hub: str, langs: Sequence[str] | None, name: str
) -> list[Document]:
    """The documents to align, hub first, then by language; one per language."""
    if langs:
        wanted = list(dict.fromkeys(langs))
        missing = [lang for lang in wanted if lang not in {d.lang for d in docs}]
        if missing:
            raise InputError(
                f"Report {name!r} has no {', '.join(missing)} version: "
                f"it has {', '.join(sorted({d.lang for d in docs})) or 'none'}."
            )
        docs = [d for d in docs if d.lang in wanted]
    chosen = versions_by_language(docs)
    if len(chosen) < 2:
        raise InputError(
            f"Report {name!r} needs at least two language versions to align; it has "
            f"{len(chosen)}. Add one with `workbench ingest FILE --report {name}`."
        )
    center = hub if hub in chosen else sorted(chosen)[0]
    return [chosen[center], *(chosen[lang] for lang in sorted(chosen) if lang != center)]


def store_lexicon(
    db: Any,
    src_lang: str,
    tgt_lang: str,
    *,
    params: Any = None,
    lexicon_params: Any = None,
) -> Any:
    """A lexicon learned from every stored report that has both languages (its first
    versions of each): the "collection" lexicon, for reports too short to teach much alone.
    Remembered while the store's documents stay the same."""
    from workbench.align.signals.learned import collection_lexicon
    from workbench.store import reports

    pairs: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for report in reports.list_reports(db):
        docs = versions_by_language(reports.documents(db, stored_id(report.id), with_segments=True))
        if src_lang in docs and tgt_lang in docs:
            texts = [tuple(s.text for s in docs[lang].segments) for lang in (src_lang, tgt_lang)]
            pairs.append((texts[0], texts[1]))
    key = (src_lang, tgt_lang, hash(tuple(pairs)), params, lexicon_params)
    if key not in _LEARNED:
        _LEARNED.clear()  # one collection at a time is enough
        _LEARNED[key] = collection_lexicon(
            pairs, src_lang=src_lang, tgt_lang=tgt_lang, params=params,
            lexicon_params=lexicon_params,
        )  # fmt: skip
    return _LEARNED[key]


_LEARNED: dict[Any, Any] = {}
