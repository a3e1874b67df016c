"""read_document and ingest: language, segments, storage, deduplication by sha256."""

import pytest

from workbench.errors import InputError, LanguageError
from workbench.store.reports import documents, get_report, segments
from workbench.text.ingest import ingest, read_document

ENGLISH = (
    "Floods close roads in Duhok\n\nRain fell all night. Lt. Gen. Aziz sent 3.5 tonnes of aid.\n"
)
SORANI = "داخستنی ڕێگاکان لە دهۆک\n\nباران هەموو شەو باری. د. ئەحمەد ٣٫٥ تەن هاوکاری نارد.\n"


@pytest.fixture
def files(tmp_path):
    en = tmp_path / "floods.en.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    ckb = tmp_path / "floods.ckb.txt"
    ckb.write_text(SORANI, encoding="utf-8")
    return en, ckb


def test_read_document_fills_everything(files):
    document = read_document(files[1])
    assert document.lang == "ckb"
    assert document.title == "داخستنی ڕێگاکان لە دهۆک"
    assert document.paragraphs == (
        "داخستنی ڕێگاکان لە دهۆک",
        "باران هەموو شەو باری. د. ئەحمەد ٣٫٥ تەن هاوکاری نارد.",
    )
    assert [(s.index, s.paragraph) for s in document.segments] == [(0, 0), (1, 1), (2, 1)]
    assert document.segments[2].text == "د. ئەحمەد ٣٫٥ تەن هاوکاری نارد."
    assert document.source_file == str(files[1].resolve())
    assert document.raw_text == SORANI
    assert len(document.sha256) == 64


def test_given_language_wins_over_detection(files):
    assert read_document(files[0], "kmr").lang == "kmr"


def test_language_aliases_are_accepted(files):
    assert read_document(files[1], "sorani").lang == "ckb"


def test_unknown_language_is_a_clear_error(files):
    with pytest.raises(LanguageError, match="Unknown language 'fr'"):
        read_document(files[0], "fr")


def test_mixed_document_needs_a_language(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text(ENGLISH + "\n" + SORANI, encoding="utf-8")
    with pytest.raises(InputError, match=r"mixes languages .*Pass --lang"):
        read_document(path)
    assert read_document(path, "en").lang == "en"


def test_document_of_only_furniture_is_a_clear_error(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("see more\n\nMost read\n\nDownload\n", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        read_document(path, "en")


def test_ingest_stores_versions_of_one_report(db, files):
    results = ingest(db, files, report="floods")
    assert [created for _, created in results] == [True, True]
    report = get_report(db, "floods")
    assert report.title == "Floods close roads in Duhok"
    stored = documents(db, report.id)
    assert sorted(d.lang for d in stored) == ["ckb", "en"]
    ckb = next(d for d in stored if d.lang == "ckb")
    assert [s.text for s in segments(db, ckb.id)] == [s.text for s in results[1][0].segments]
    assert segments(db, ckb.id)[1].normalized == "باران هەموو شەو باری."


def test_ingesting_the_same_file_twice_duplicates_nothing(db, files):
    ingest(db, files, report="floods")
    again = ingest(db, [files[0]], report="floods")
    assert [created for _, created in again] == [False]
    assert len(documents(db, get_report(db, "floods").id)) == 2
    assert len(again[0][0].segments) == 3


def test_a_bad_file_stores_nothing(db, files, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputError, match="bad.txt is not a text file"):
        ingest(db, [files[0], bad], report="floods")
    with pytest.raises(Exception, match="no report"):
        get_report(db, "floods")


def test_ingest_needs_files(db):
    with pytest.raises(InputError, match="Nothing to ingest"):
        ingest(db, [], report="floods")


def test_human_translation_origin(db, files):
    ((document, _),) = ingest(db, [files[1]], report="floods", origin="human")
    assert document.origin == "human"
