import pytest

from workbench.errors import InputError, NotFound
from workbench.records import Document, Report, Segment
from workbench.store import reports


def _doc(lang="en", sha="a" * 64, texts=("One.", "Two.")):
    return Document(
        lang=lang,
        paragraphs=(" ".join(texts),),
        sha256=sha,
        raw_text=" ".join(texts),
        segments=tuple(Segment(i, t, t.lower(), 0) for i, t in enumerate(texts)),
    )


def test_report_names_are_unique_and_adding_again_returns_the_same(db):
    first = reports.add_report(db, Report("Erbil meeting"))
    again = reports.add_report(db, Report("Erbil meeting", title="other"))
    assert first.id == again.id
    assert [r.name for r in reports.list_reports(db)] == ["Erbil meeting"]


def test_report_without_a_name_is_refused(db):
    with pytest.raises(InputError, match="needs a name"):
        reports.add_report(db, Report("  "))


def test_unknown_report_says_how_to_list_them(db):
    with pytest.raises(NotFound, match="workbench reports list"):
        reports.get_report(db, "nope")


def test_document_round_trips_with_segments(db):
    report = reports.add_report(db, Report("r"))
    stored, created = reports.add_document(db, report.id, _doc(lang="ar", texts=("أ.", "ب.")))
    assert created
    assert stored.lang == "ar"
    assert [s.text for s in stored.segments] == ["أ.", "ب."]
    assert stored.paragraphs == ("أ. ب.",)


def test_same_file_twice_is_recognised_by_its_hash(db):
    report = reports.add_report(db, Report("r"))
    one, created_one = reports.add_document(db, report.id, _doc())
    two, created_two = reports.add_document(db, report.id, _doc())
    assert (created_one, created_two) == (True, False)
    assert one.id == two.id
    assert len(reports.documents(db, report.id)) == 1


def test_overview_lists_languages(db):
    report = reports.add_report(db, Report("r"))
    reports.add_document(db, report.id, _doc("en", "1" * 64))
    reports.add_document(db, report.id, _doc("ckb", "2" * 64))
    [row] = reports.report_overview(db)
    assert (row["name"], row["languages"], row["documents"]) == ("r", "ckb,en", 2)


def test_overview_lists_versions_and_the_newest_alignment_in_one_go(db):
    from workbench.records import Alignment, Bead
    from workbench.store import alignments

    report = reports.add_report(db, Report("r"))
    en, _ = reports.add_document(db, report.id, _doc("en", "1" * 64))
    ar, _ = reports.add_document(db, report.id, _doc("ar", "2" * 64))
    reports.add_report(db, Report("s"))
    beads = (Bead(((0,), (0,))), Bead(((1,), (1,))))
    made = alignments.save_alignment(
        db, Alignment((en.id, ar.id), "test", "sig", beads, report_id=report.id)
    )
    r, s = reports.report_overview(db)
    assert [v["lang"] for v in r["versions"]] == ["ar", "en"]
    assert r["versions"][0] == {"lang": "ar", "origin": "original", "model": ""}
    assert (r["newest_alignment"], s["newest_alignment"], s["versions"]) == (made.id, None, [])
