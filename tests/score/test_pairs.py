"""Hypotheses and references come from aligned beads; files are line by line."""

from __future__ import annotations

from dataclasses import replace

import pytest
from score_store import ARABIC, ARABIC_MT_A, ENGLISH, SORANI, SORANI_MT, document

from workbench.errors import InputError, NotFound
from workbench.records import Alignment, Bead, Report, ReviewEvent
from workbench.score.pairs import (
    SegmentPair,
    pairsets_for_report,
    pairsets_from_files,
    read_segments,
)
from workbench.store.alignments import restructure, save_alignment
from workbench.store.reports import add_document, add_report
from workbench.store.review import record_event


def pairset(db, name="annual-2024", system="opus-mt-en-ar"):
    pairing = pairsets_for_report(db, name, system=system)
    [found] = pairing.pairsets
    return found


def test_every_translation_meets_the_reference_in_its_language(db, store_report):
    pairing = pairsets_for_report(db, store_report.name)
    assert [(p.system, p.lang) for p in pairing.pairsets] == [
        ("opus-mt-en-ar", "ar"),
        ("tiny-marian", "ar"),
        ("opus-mt-en-ckb", "ckb"),
    ]
    assert pairing.notes == ()


def test_pairs_follow_the_source_beads(db, store_report):
    found = pairset(db)
    assert found.route.endswith("of the source (en) with the reference")
    assert found.source_lang == "en" and found.ref_document == store_report.docs["ar"]
    assert [p.kind for p in found.pairs] == ["1-1", "2-1", "1-0", "0-1", "1-1"]
    first = found.pairs[0]
    assert (first.source, first.hypothesis, first.reference) == (
        ENGLISH[0],
        ARABIC_MT_A[0],
        ARABIC[0],
    )


def test_many_to_many_beads_are_joined_with_a_space(db, store_report):
    joined = pairset(db).pairs[1]
    assert joined.hypothesis == f"{ARABIC_MT_A[1]} {ARABIC_MT_A[2]}"
    assert joined.source == f"{ENGLISH[1]} {ENGLISH[2]}"
    assert joined.reference == ARABIC[1]
    assert (joined.hyp_segments, joined.ref_segments) == ((1, 2), (1,))
    assert joined.confidence == 0.3


def test_unaligned_sentences_are_omissions_and_additions(db, store_report):
    pairs = pairset(db).pairs
    addition, omission = pairs[2], pairs[3]
    assert addition.addition and not addition.omission
    assert addition.hypothesis == ARABIC_MT_A[3] and addition.reference == ""
    assert omission.omission and not omission.addition
    assert omission.hypothesis == "" and omission.reference == ARABIC[2]


def test_a_direct_alignment_of_translation_and_reference_is_preferred(db, store_report):
    docs = store_report.docs
    beads = (((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3, 4), (2, 3)))
    save_alignment(
        db,
        Alignment(
            document_ids=(docs["ar-mt-a"], docs["ar"]),
            method="test",
            signature="direct",
            beads=tuple(Bead(segments=b) for b in beads),
            report_id=store_report.report_id,
        ),
    )
    found = pairset(db)
    assert found.route.endswith("of the translation with the reference")
    assert [p.kind for p in found.pairs] == ["1-1", "1-1", "1-0", "2-2"]
    assert found.pairs[3].hypothesis == f"{ARABIC_MT_A[3]} {ARABIC_MT_A[4]}"
    assert found.pairs[3].source == f"{ENGLISH[3]} {ENGLISH[4]}"  # line by line with the MT


def test_three_way_alignment_gives_the_source_column(db):
    report = add_report(db, Report("three-way"))
    en = add_document(db, report.id, document("en", ENGLISH[:2]))[0]
    ckb = add_document(db, report.id, document("ckb", SORANI[:2], "human"))[0]
    mt = add_document(db, report.id, document("ckb", SORANI_MT[:2], "machine", "m"))[0]
    save_alignment(
        db,
        Alignment(
            document_ids=(en.id, mt.id, ckb.id),
            method="test",
            signature="3-way",
            beads=(Bead(segments=((0, 1), (0, 1), (0, 1))),),
            report_id=report.id,
        ),
    )
    [found] = pairsets_for_report(db, "three-way").pairsets
    assert found.pairs[0].source == f"{ENGLISH[0]} {ENGLISH[1]}"
    assert found.pairs[0].kind == "2-2"


def test_segments_no_bead_covers_are_unaligned(db):
    report = add_report(db, Report("partial"))
    en = add_document(db, report.id, document("en", ENGLISH[:3]))[0]
    ar = add_document(db, report.id, document("ar", ARABIC[:3], "human"))[0]
    add_document(db, report.id, document("ar", ARABIC_MT_A[:3], "machine", "m"))
    save_alignment(
        db,
        Alignment(
            document_ids=(en.id, ar.id),
            method="test",
            signature="s",
            beads=(Bead(segments=((0,), (0,))),),
            report_id=report.id,
        ),
    )
    [found] = pairsets_for_report(db, "partial").pairsets
    assert [(p.kind, p.addition, p.omission) for p in found.pairs] == [
        ("1-1", False, False),
        ("1-0", True, False),
        ("1-0", True, False),
        ("0-1", False, True),
        ("0-1", False, True),
    ]
    assert found.pairs[1].source == ENGLISH[1]


def test_a_rejected_bead_counts_as_unaligned(db, store_report):
    bead_id = pairset(db).pairs[0].bead_id
    record_event(db, ReviewEvent("reject", "amina", store_report.ar_alignment, bead_id))
    pairs = pairset(db).pairs
    assert (pairs[0].kind, pairs[0].addition) == ("1-0", True)
    assert (pairs[1].kind, pairs[1].omission) == ("0-1", True)
    assert pairs[0].status == "rejected"


def test_reviewers_corrections_of_the_reference_are_scored(db, store_report):
    bead_id = pairset(db).pairs[0].bead_id
    record_event(
        db,
        ReviewEvent(
            "edit",
            "amina",
            store_report.ar_alignment,
            bead_id,
            after={"texts": {"1": "اجتمعت اللجنة في 3 مايو 2024."}},
        ),
    )
    first = pairset(db).pairs[0]
    assert first.reference == "اجتمعت اللجنة في 3 مايو 2024."
    assert first.status == "edited"
    assert first.hypothesis == ARABIC_MT_A[0]  # the machine's own output


def test_split_and_merge_by_reviewers_reshape_the_pairs(db, store_report):
    bead = pairset(db).pairs[1]
    restructure(
        db,
        store_report.ar_alignment,
        "amina",
        "split",
        [bead.bead_id],
        [Bead(segments=((1,), (1,))), Bead(segments=((2,), ()))],
    )
    kinds = [p.kind for p in pairset(db).pairs]
    assert kinds == ["1-1", "1-1", "1-0", "1-0", "0-1", "1-1"]


def test_a_translation_without_alignment_is_explained(db):
    report = add_report(db, Report("unaligned"))
    add_document(db, report.id, document("en", ENGLISH))
    add_document(db, report.id, document("ar", ARABIC, "human"))
    add_document(db, report.id, document("ar", ARABIC_MT_A, "machine", "m"))
    with pytest.raises(NotFound, match="workbench align-report unaligned"):
        pairsets_for_report(db, "unaligned")


def test_a_translation_without_a_reference_is_noted(db, store_report):
    add_document(
        db,
        store_report.report_id,
        document("kmr", ("Komîte civiya.",) * 5, "machine", "opus-mt-en-kmr"),
    )
    pairing = pairsets_for_report(db, store_report.name)
    assert len(pairing.pairsets) == 3
    assert "opus-mt-en-kmr (kmr): no human or original kmr version" in pairing.notes[0]


@pytest.mark.parametrize(
    ("filters", "systems"),
    [
        ({"lang": "ckb"}, ["opus-mt-en-ckb"]),
        ({"system": "tiny-marian"}, ["tiny-marian"]),
        ({"lang": "ar", "system": "opus-mt-en-ar"}, ["opus-mt-en-ar"]),
    ],
)
def test_filters_by_language_and_system(db, store_report, filters, systems):
    pairing = pairsets_for_report(db, store_report.name, **filters)
    assert [p.system for p in pairing.pairsets] == systems


def test_nothing_to_score_is_a_clear_error(db, store_report):
    with pytest.raises(NotFound, match="Nothing to score in report 'annual-2024' with --lang kmr"):
        pairsets_for_report(db, store_report.name, lang="kmr")
    with pytest.raises(NotFound, match="There is no report"):
        pairsets_for_report(db, "missing")


def test_files_are_paired_line_by_line(tmp_path):
    (tmp_path / "ref.txt").write_text("\ufeffa b\nc d  \n", encoding="utf-8")
    (tmp_path / "hyp.txt").write_text("a b\nc\n", encoding="utf-8")
    (tmp_path / "src.txt").write_text("x\ny\n", encoding="utf-8")
    pairing = pairsets_from_files(
        tmp_path / "ref.txt", {"sys": tmp_path / "hyp.txt"}, source=tmp_path / "src.txt"
    )
    [found] = pairing.pairsets
    assert found.pairs == (
        SegmentPair("a b", "a b", "x", "1-1", (0,), (0,)),
        SegmentPair("c", "c d", "y", "1-1", (1,), (1,)),
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "There is no file"),
        (b"\xff\xfe bad", "is not UTF-8 text"),
    ],
)
def test_unreadable_files_are_clear_errors(tmp_path, content, message):
    path = tmp_path / "f.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_segments(path)


def test_a_folder_is_not_a_segment_file(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        read_segments(tmp_path)


def test_files_of_different_lengths_are_refused(tmp_path):
    (tmp_path / "ref.txt").write_text("a\nb\n", encoding="utf-8")
    (tmp_path / "hyp.txt").write_text("a\n", encoding="utf-8")
    with pytest.raises(InputError, match="has 1 lines but the reference"):
        pairsets_from_files(tmp_path / "ref.txt", {"s": tmp_path / "hyp.txt"})


def test_the_other_way_round_an_english_original_is_the_reference(db, store_report):
    english_mt = (
        "The committee met on 3 May 2024.",
        "It reviewed the budget and approved the plan.",
        "A statement was issued after the meeting.",
        "The coming meeting is in June.",
    )
    doc = replace(document("en", english_mt, "machine", "opus-mt-ar-en"), pivot=("ar", "en"))
    add_document(db, store_report.report_id, doc)
    pairing = pairsets_for_report(db, store_report.name, lang="en")
    [found] = pairing.pairsets
    assert found.source_lang == "ar" and found.route.endswith(
        "of the source (ar) with the reference"
    )
    assert [(p.hypothesis, p.reference) for p in found.pairs] == [
        (english_mt[0], ENGLISH[0]),
        (english_mt[1], f"{ENGLISH[1]} {ENGLISH[2]}"),
        ("", ENGLISH[3]),
        (english_mt[2], ""),
        (english_mt[3], ENGLISH[4]),
    ]
    assert found.pairs[1].source == ARABIC[1]


@pytest.mark.parametrize(
    ("model", "name"),
    [
        ("opus-mt-en-ar", "opus-mt-en-ar"),
        (
            "model:Helsinki-NLP/opus-mt-tc-big-en-ar|rev:ae9f1b2fd512|engine:ct2|compute:int8|"
            "beam:4|maxlen:2x+16|split:400|tok:>>ara<<|version:0.1.0",
            "Helsinki-NLP/opus-mt-tc-big-en-ar",
        ),
        (
            "pivot:ar>en>ckb|legs:[model:/models/ar-en|rev:x|engine:hf] "
            "[model:Helsinki-NLP/opus-mt-en-ckb|rev:y|engine:ct2]|version:0.1.0",
            "ar-en>Helsinki-NLP/opus-mt-en-ckb",
        ),
    ],
)
def test_systems_are_named_short(model, name):
    from workbench.records import Document
    from workbench.score.pairs import system_name

    assert system_name(Document(lang="ar", origin="machine", model=model, sha256="x")) == name
