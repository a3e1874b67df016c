"""What is scored against what: hypothesis-reference pairs from aligned beads or from files.

In the store, a machine translation (the hypothesis) meets a human or original version in
the same language (the reference) through an alignment: either one that joins the two
documents directly, or one between the translation's source and the reference — a machine
translation has one segment per source segment, so the source's beads pair it too. That is
how a human Arabic version serves as the reference for a machine translation of the English
one, and the other way round. Segments of a many-to-many bead are joined with a space. A
reference sentence with no counterpart is an omission, a hypothesis sentence with none an
addition: both are scored (an omission as an empty hypothesis) and both are shown. A bead a
reviewer rejected is treated as unaligned. Reviewers' corrections of references and sources
are applied; the machine's own output is what is scored, not a reviewer's post-edit of it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import InputError, LanguageError, NotFound
from workbench.records import Alignment, Bead, Document
from workbench.store.db import Database
from workbench.store.reports import documents, get_report
from workbench.text.languages import LANGUAGES, canonical
from workbench.userfiles import Limits, read_input


@dataclass(frozen=True)
class SegmentPair:
    """A hypothesis and its reference (and the source they translate, when known)."""

    hypothesis: str
    reference: str
    source: str = ""
    kind: str = "1-1"  # hypothesis segments - reference segments, as reviewers say it
    hyp_segments: tuple[int, ...] = ()
    ref_segments: tuple[int, ...] = ()
    bead_id: int | None = None
    confidence: float | None = None
    status: str = "auto"

    @property
    def omission(self) -> bool:
        """Reference content the hypothesis lacks."""
        return bool(self.reference.strip()) and not self.hypothesis.strip()

    @property
    def addition(self) -> bool:
        """Hypothesis content the reference lacks."""
        return bool(self.hypothesis.strip()) and not self.reference.strip()


@dataclass(frozen=True)
class PairSet:
    """One system's hypotheses for one document, paired with one reference."""

    system: str
    lang: str
    pairs: tuple[SegmentPair, ...]
    report: str = ""
    source_lang: str = ""
    reference: str = ""  # what serves as the reference, in words
    route: str = ""  # how hypotheses met references, in words
    hyp_document: int | None = None
    ref_document: int | None = None
    source_document: int | None = None
    alignment_id: int | None = None
    alignment_signature: str = ""


@dataclass(frozen=True)
class Pairing:
    """The pair sets found in the store, and what could not be paired (and why)."""

    pairsets: tuple[PairSet, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)


def system_name(doc: Document) -> str:
    """How a report names the system that made a document: the model's id
    (`Helsinki-NLP/opus-mt-tc-big-en-ar`, a folder by its name; a pivot's legs joined by ">"),
    not its whole signature, which the report shows apart."""
    if doc.origin != "machine":
        return doc.origin
    if not doc.model:
        return f"machine translation {doc.id}"
    models = _MODEL.findall(doc.model)
    if not models:
        return doc.model
    return ">".join(_short(model) for model in models)


def _short(model: str) -> str:
    """A hub id as it is (`Helsinki-NLP/opus-mt-en-ar`); a folder by its name."""
    return model.rstrip("/").rsplit("/", 1)[-1] if model.startswith(("/", ".")) else model


_MODEL = re.compile(r"(?:^|[|\[])model:([^|\]]+)")


def pairsets_for_report(
    db: Database, report: str | int, *, lang: str | None = None, system: str | None = None
) -> Pairing:
    """Every machine translation in the report paired with each reference in its language."""
    from workbench.store.alignments import alignments_for_report

    rep = get_report(db, report)
    docs = documents(db, rep.id, with_segments=True)
    alignments = alignments_for_report(db, rep.id)
    hyps = [
        d
        for d in docs
        if d.origin == "machine"
        and (lang is None or d.lang == lang)
        and (system is None or system_name(d) == system)
    ]
    found, notes = [], []
    for hyp in hyps:
        refs = [d for d in docs if d.lang == hyp.lang and d.origin != "machine"]
        if not refs:
            notes.append(
                f"{system_name(hyp)} ({hyp.lang}): no human or original {hyp.lang} "
                "version to serve as the reference."
            )
        for ref in refs:
            pairset = _pair_documents(db, rep.name, hyp, ref, docs, alignments)
            if isinstance(pairset, str):
                notes.append(pairset)
            else:
                found.append(pairset)
    if not found:
        wanted = " ".join(f"--{k} {v}" for k, v in (("lang", lang), ("system", system)) if v)
        raise NotFound(
            f"Nothing to score in report {rep.name!r}{' with ' + wanted if wanted else ''}: "
            + (
                " ".join(notes)
                if notes
                else "it has no machine translation (`workbench translate`)."
            )
        )
    return Pairing(tuple(found), tuple(notes))


def _pair_documents(
    db: Database,
    report: str,
    hyp: Document,
    ref: Document,
    docs: Sequence[Document],
    alignments: Sequence[Alignment],
) -> PairSet | str:
    """The pairs of one hypothesis document and one reference, or why there are none."""
    from workbench.store.alignments import get_alignment

    source = _source_of(hyp, docs)
    direct = _latest(alignments, hyp.id, ref.id)
    via = _latest(alignments, source.id, ref.id) if source is not None else None
    chosen = direct or via
    if chosen is None:
        return (
            f"{system_name(hyp)} ({hyp.lang}) is not aligned with the {ref.origin} {ref.lang} "
            f"version: run `workbench align-report {report}` first."
        )
    alignment = get_alignment(db, chosen.id)
    ids = list(alignment.document_ids)
    hyp_col = ids.index(hyp.id) if direct else ids.index(source.id)
    src_col = None
    if source is not None:
        # in the source's column, or line by line with the translation
        src_col = ids.index(source.id) if source.id in ids else hyp_col
    texts = _Texts(hyp, ref, source)
    pairs = _pairs(db, alignment, texts, hyp_col, ids.index(ref.id), src_col)
    if direct:
        route = f"alignment {alignment.id} of the translation with the reference"
    else:
        route = f"alignment {alignment.id} of the source ({source.lang}) with the reference"
    return PairSet(
        system=system_name(hyp),
        lang=hyp.lang,
        pairs=tuple(pairs),
        report=report,
        source_lang=source.lang if source is not None else "",
        reference=f"{ref.origin} {ref.lang} version (document {ref.id})",
        route=route,
        hyp_document=hyp.id,
        ref_document=ref.id,
        source_document=source.id if source is not None else None,
        alignment_id=alignment.id,
        alignment_signature=alignment.signature,
    )


def _source_of(hyp: Document, docs: Sequence[Document]) -> Document | None:
    """The document a machine translation was made from: same segment count, its language."""
    candidates = [
        d
        for d in docs
        if d.origin != "machine"
        and d.lang != hyp.lang
        and len(d.segments) == len(hyp.segments)
        and (not hyp.pivot or d.lang == hyp.pivot[0])
    ]
    return candidates[0] if len(candidates) == 1 else None


def _latest(alignments: Sequence[Alignment], a: int | None, b: int | None) -> Alignment | None:
    matching = [al for al in alignments if a in al.document_ids and b in al.document_ids]
    return max(matching, key=lambda al: al.id or 0) if matching else None


def _pairs(
    db: Database,
    alignment: Alignment,
    texts: _Texts,
    hyp_col: int,
    ref_col: int,
    src_col: int | None,
) -> list[SegmentPair]:
    """Pairs in bead order, then the segments no bead covers. `src_col` None: no source."""
    from workbench.store.review import alignment_state

    state = alignment_state(db, alignment.id)
    pairs: list[SegmentPair] = []
    seen_hyp: set[int] = set()
    seen_ref: set[int] = set()
    for bead in alignment.beads:
        h, r = bead.segments[hyp_col], bead.segments[ref_col]
        s = bead.segments[src_col] if src_col is not None else ()
        seen_hyp.update(h)
        seen_ref.update(r)
        if not h and not r:
            continue
        if bead.status == "rejected":
            pairs += texts.unaligned(h, (), s, bead)
            pairs += texts.unaligned((), r, (), bead)
            continue
        edits = state.beads[bead.id].texts if bead.id in state.beads else {}
        src_edit = edits.get(src_col) if src_col is not None and src_col != hyp_col else None
        pairs.append(texts.pair(h, r, s, bead, edits.get(ref_col), src_edit))
    with_source = src_col is not None
    pairs += [
        texts.pair((i,), (), (i,) if with_source else (), None)
        for i in range(len(texts.hyp))
        if i not in seen_hyp
    ]
    pairs += [texts.pair((), (i,), (), None) for i in range(len(texts.ref)) if i not in seen_ref]
    return pairs


class _Texts:
    """Segment texts of the three documents, joined per bead."""

    def __init__(self, hyp: Document, ref: Document, source: Document | None):
        self.hyp = [s.text for s in hyp.segments]
        self.ref = [s.text for s in ref.segments]
        self.src = [s.text for s in source.segments] if source is not None else []

    @staticmethod
    def _join(texts: list[str], indices: Sequence[int]) -> str:
        return " ".join(texts[i] for i in indices if i < len(texts))

    def pair(
        self,
        h: Sequence[int],
        r: Sequence[int],
        s: Sequence[int],
        bead: Bead | None,
        edited_ref: str | None = None,
        edited_src: str | None = None,
    ) -> SegmentPair:
        return SegmentPair(
            hypothesis=self._join(self.hyp, h),
            reference=edited_ref if edited_ref is not None else self._join(self.ref, r),
            source=edited_src if edited_src is not None else self._join(self.src, s),
            kind=f"{len(h)}-{len(r)}",
            hyp_segments=tuple(h),
            ref_segments=tuple(r),
            bead_id=bead.id if bead else None,
            confidence=bead.confidence if bead else None,
            status=bead.status if bead else "auto",
        )

    def unaligned(
        self, h: Sequence[int], r: Sequence[int], s: Sequence[int], bead: Bead | None
    ) -> list[SegmentPair]:
        return [self.pair(h, r, s, bead)] if h or r else []


def segments_of(text: str) -> list[str]:
    """One segment per line of a text (standard input), as `read_segments` reads a file."""
    return [line.rstrip() for line in text.removeprefix("\ufeff").splitlines()]


def read_segments(path: Path | str) -> list[str]:
    """One segment per line of a UTF-8 text file, trailing whitespace removed (as sacrebleu)."""

    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a text file with one segment per line.")
    most = Limits.of().import_mb  # no links, pipes or devices (a pipe may never end)
    data = read_input(path, limit_mb=most, setting="max_import_mb")
    try:  # read as open() reads a text file: any line ending, a BOM allowed
        return [line.rstrip() for line in io.TextIOWrapper(io.BytesIO(data), "utf-8-sig")]
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again."
        ) from None


def pairsets_from_files(
    reference: Path | str,
    systems: Mapping[str, Path | str],
    *,
    source: Path | str | None = None,
    lang: str = "",
    source_lang: str = "",
) -> Pairing:
    """Line-aligned files: one pair set per system, all against the same reference file.

    A language not given is detected from the text (it decides right-to-left display).
    """
    refs = read_segments(reference)
    src = read_segments(source) if source is not None else []
    lang = _language_of(refs, lang)
    source_lang = _language_of(src, source_lang) if src else source_lang
    if source is not None and len(src) != len(refs):
        raise InputError(
            f"The source {source} has {len(src)} lines but the reference {reference} has "
            f"{len(refs)}: the files must be line by line."
        )
    found = []
    for name, path in systems.items():
        hyps = read_segments(path)
        if len(hyps) != len(refs):
            raise InputError(
                f"{path} has {len(hyps)} lines but the reference {reference} has {len(refs)}: "
                "give one segment per line, in the same order."
            )
        pairs = tuple(
            SegmentPair(h, r, src[i] if src else "", "1-1", (i,), (i,))
            for i, (h, r) in enumerate(zip(hyps, refs, strict=True))
        )
        found.append(
            PairSet(
                system=name,
                lang=lang,
                pairs=pairs,
                source_lang=source_lang,
                reference=str(reference),
                route="line by line",
            )
        )
    return Pairing(tuple(found))


def _language_of(segments: Sequence[str], given: str) -> str:
    from workbench.text.detect import detect

    if given:
        return canonical(given)
    try:
        found = detect("\n".join(segments[:500]))
    except LanguageError:
        return ""  # no letters to tell by: each cell's direction comes from its own text
    return found if found in LANGUAGES else ""  # none of the four: no language's rules
