"""align_report: the stored versions of a report, aligned and stored with their flags."""

from __future__ import annotations

import hashlib

import pytest

from workbench.align.report import align_report
from workbench.errors import InputError, NotFound
from workbench.records import Document, Report, Segment
from workbench.store import alignments, reports, review

VERSIONS = {
    "en": [
        "In 2019, 345 families returned.",
        "The camp at Duhok has 12 clinics.",
        "UNICEF paid for 3 schools.",
    ],
    "ar": ["في عام ٢٠١٩ عادت ٣٤٥ عائلة.", "يضم مخيم دهوك ١٢ عيادة.", "دفعت UNICEF تكاليف ٣ مدارس."],
    "kmr": [
        "Di sala 2019an de 345 malbat vegeriyan.",
        "Kampa Duhokê 12 klînîk hene.",
        "UNICEF ji bo 3 dibistanan pere da.",
    ],
}


def add(db, name: str, langs) -> Report:
    report = reports.add_report(db, Report(name))
    for lang in langs:
        texts = VERSIONS[lang]
        reports.add_document(
            db,
            report.id,
            Document(
                lang=lang,
                paragraphs=(" ".join(texts),),
                sha256=hashlib.sha256(f"{name}{lang}".encode()).hexdigest(),
                raw_text=" ".join(texts),
                segments=tuple(Segment(i, t, t, 0) for i, t in enumerate(texts)),
            ),
        )
    return report


def test_two_versions_are_stored_as_a_pairwise_alignment(db):
    add(db, "duhok", ["ar", "en"])
    stored = align_report(db, "duhok")
    assert stored.method == "align"
    assert [b.segments for b in stored.beads] == [((i,), (i,)) for i in range(3)]
    docs = {d.id: d.lang for d in reports.documents(db, stored.report_id)}
    assert [docs[i] for i in stored.document_ids] == ["en", "ar"]  # hub first
    assert stored.signature.startswith("align|signals:length")
    assert alignments.get_alignment(db, stored.id).beads == stored.beads


def test_three_versions_give_one_n_way_alignment(db):
    add(db, "duhok", ["en", "ar", "kmr"])
    stored = align_report(db, "duhok", hub="en")
    assert stored.method == "align-multi(hub:en)"
    assert all(len(b.segments) == 3 for b in stored.beads)
    assert all(0.0 <= b.confidence <= 1.0 and b.signal for b in stored.beads)


def test_disagreement_flags_are_review_events_by_the_aligner(db, monkeypatch):
    add(db, "duhok", ["en", "ar", "kmr"])
    import workbench.align.multiway as multiway

    real = multiway.flag_disagreements

    def always(beads, k, other, direct, langs):
        crossed = multiway.AlignmentResult(
            (multiway.Bead(((0,), (0, 1))), multiway.Bead(((1, 2), (2,)))), "", "", "", 3, 3
        )
        return real(beads, k, other, crossed, langs)

    monkeypatch.setattr(multiway, "flag_disagreements", always)
    stored = align_report(db, "duhok")
    flagged = [b for b in stored.beads if b.status == "flagged"]
    assert flagged and all(b.flag["category"] == "disagreement" for b in flagged)
    events = review.events(db, stored.id)
    assert {e.user for e in events} == {"aligner"} and {e.action for e in events} == {"flag"}


def test_only_some_languages(db):
    add(db, "duhok", ["en", "ar", "kmr"])
    stored = align_report(db, "duhok", langs=["en", "kmr"])
    assert stored.method == "align" and len(stored.document_ids) == 2


def test_a_report_with_one_version_says_how_to_add_another(db):
    add(db, "duhok", ["en"])
    with pytest.raises(InputError, match="at least two language versions"):
        align_report(db, "duhok")


def test_asking_for_a_missing_language_names_the_ones_there(db):
    add(db, "duhok", ["en", "ar"])
    with pytest.raises(InputError, match="no ckb version: it has ar, en"):
        align_report(db, "duhok", langs=["en", "ckb"])


def test_unknown_report(db):
    with pytest.raises(NotFound):
        align_report(db, "nope")
