import pytest

from tests.review.conftest import REVIEWER, VIEWER
from workbench.errors import InputError, PermissionDenied
from workbench.formats.api import read_file
from workbench.review import transfer


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Erbil water", "Erbil-water"),
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("/abs/path.tmx", "abs-path.tmx"),
        ("تقرير أربيل", "تقرير-أربيل"),
        ("...", "export"),
        ("a" * 200, "a" * 80),
    ],
)
def test_safe_filename_never_holds_a_folder(name, safe):
    assert transfer.safe_filename(name) == safe


def test_export_writes_a_file_inside_the_folder(db, alignment, tmp_path):
    path = transfer.export_alignment(db, alignment.id, "TMX", tmp_path, languages=["en", "ar"])
    assert path.parent.parent == tmp_path and path.name == f"Erbil-water-{alignment.id}-en-ar.tmx"
    assert read_file(path).languages == ("en", "ar")


def test_the_browser_offers_xliff_1_2_for_older_cat_tools(db, alignment, tmp_path):
    path = transfer.export_alignment(
        db, alignment.id, "XLIFF 1.2", tmp_path, languages=["en", "ar"]
    )
    assert path.suffix == ".xlf" and 'version="1.2"' in path.read_text(encoding="utf-8")
    assert read_file(path).languages == ("en", "ar")


def test_the_browser_formats_are_the_workbench_formats():
    from workbench.formats import FORMATS, SUFFIXES

    assert set(transfer.EXPORT_FORMATS.values()) <= set(FORMATS)
    assert set(transfer.IMPORT_SUFFIXES) == set(SUFFIXES)


@pytest.mark.parametrize(
    ("fmt", "languages", "statuses", "message"),
    [
        ("DOCX", [], [], "Unknown format"),
        ("XLIFF 2.0", ["en", "ar", "ckb"], [], "exactly two"),
        ("XLIFF 1.2", ["en"], [], "exactly two"),
        ("TSV", [], ["done"], "Unknown status"),
    ],
)
def test_bad_exports_are_refused(db, alignment, tmp_path, fmt, languages, statuses, message):
    with pytest.raises(InputError, match=message):
        transfer.export_alignment(
            db, alignment.id, fmt, tmp_path, languages=languages, statuses=statuses
        )


def test_import_round_trips_an_export(db, alignment, tmp_path):
    path = transfer.export_alignment(db, alignment.id, "jsonl", tmp_path)
    name, beads, created = transfer.import_upload(db, REVIEWER, path, "Copy", max_mb=1)
    assert (name, beads, created) == ("Copy", 5, True)
    assert transfer.import_upload(db, REVIEWER, path, "Copy", max_mb=1)[2] is False


@pytest.mark.parametrize(
    ("filename", "content", "report", "message"),
    [
        ("notes.docx", b"x", "r", "not a file the workbench imports"),
        ("big.tsv", b"x" * (1024 * 1024 + 1), "r", "the limit is 1 MB"),
        ("a.tsv", b"x", "  ", "Name the report"),
    ],
)
def test_bad_uploads_are_refused(db, tmp_path, filename, content, report, message):
    path = tmp_path / filename
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        transfer.import_upload(db, REVIEWER, path, report, max_mb=1)


def test_a_viewer_cannot_import(db, tmp_path):
    path = tmp_path / "a.tsv"
    path.write_text("x")
    with pytest.raises(PermissionDenied):
        transfer.import_upload(db, VIEWER, path, "r", max_mb=1)


def test_uploaded_versions_are_stored_under_safe_names(db, tmp_path):
    from workbench.store import reports

    folder = tmp_path / "in"
    folder.mkdir()
    english = folder / "Erbil <b>report (en).txt"
    english.write_text("The station reopened.\n\nAround 12,000 families have water.\n")
    arabic = folder / "ar.txt"
    arabic.write_text("أعيد افتتاح المحطة.\n\nتحصل نحو 12,000 عائلة على المياه.\n")
    stored = transfer.ingest_uploads(
        db, REVIEWER, [english, arabic], "Erbil", max_mb=1, folder=tmp_path / "staging"
    )
    assert stored == [
        ("Erbil-b-report-en-.txt", "en", 2, True),
        ("ar.txt", "ar", 2, True),
    ]
    docs = reports.documents(db, reports.get_report(db, "Erbil").id)
    assert {d.lang for d in docs} == {"en", "ar"}
    assert all("<" not in d.source_file for d in docs)
    assert not list((tmp_path / "staging").glob("*/*"))  # the copies are gone


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("report.pdf", b"%PDF", "not a report file the workbench reads"),
        ("big.txt", b"x" * (1024 * 1024 + 1), "the limit is 1 MB"),
    ],
)
def test_bad_report_files_are_refused(db, tmp_path, filename, content, message):
    path = tmp_path / filename
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        transfer.ingest_uploads(db, REVIEWER, [path], "r", max_mb=1, folder=tmp_path / "s")


def test_a_viewer_cannot_add_versions(db, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Text.")
    with pytest.raises(PermissionDenied):
        transfer.ingest_uploads(db, VIEWER, [path], "r", max_mb=1, folder=tmp_path / "s")
