"""The memory in and out of files: TMX/XLIFF/TSV round trips, bitext, re-imports."""

from __future__ import annotations

import pytest

from workbench.errors import InputError
from workbench.formats.api import read_file
from workbench.memory.search import search
from workbench.memory.transfer import export_memory, import_memory
from workbench.store import memory as store
from workbench.store.db import open_database

EN = ["Flood warnings were issued for Erbil.", "Roads to Duhok were closed.", "Schools stay shut."]
AR = ["صدرت تحذيرات من الفيضانات في أربيل.", "أغلقت الطرق المؤدية إلى دهوك.", "تبقى المدارس مغلقة."]
CKB = [
    "ئاگاداری لافاو بۆ هەولێر دەرچوو.",
    "ڕێگاکانی دهۆک داخران.",
    "قوتابخانەکان داخراو دەمێننەوە.",
]


def _pairs(db, src, tgt):
    return sorted((e.source, e.target) for e in store.iter_entries(db, src=src, tgt=tgt))


def test_tmx_round_trip_keeps_every_unit_in_every_language(db, report_maker, tmp_path):
    report_maker("floods", {"en": EN, "ar": AR, "ckb": CKB})
    done = export_memory(db, tmp_path / "memory.tmx")
    assert (done.units, done.languages) == (9, ("en", "ar", "ckb"))  # 3 beads x 3 pairs
    text = read_file(tmp_path / "memory.tmx")
    assert {tuple(sorted(r.texts)) for r in text.rows} == {
        ("ar", "en"),
        ("ckb", "en"),
        ("ar", "ckb"),
    }
    assert all(r.comments[0].startswith("aligned: report floods, bead ") for r in text.rows)

    with open_database(tmp_path / "other.db") as other:
        imported = import_memory(other, tmp_path / "memory.tmx", user="amina")
        assert imported.entries == 18  # each unit in both directions
        for src, tgt in (("en", "ar"), ("ar", "en"), ("en", "ckb"), ("ckb", "ar")):
            assert _pairs(other, src, tgt) == _pairs(db, src, tgt)
        entry = next(store.iter_entries(other, src="en", tgt="ar"))
        assert (entry.origin, entry.user, entry.file) == ("imported", "amina", "memory.tmx")


def test_importing_a_file_again_replaces_its_entries(db, report_maker, tmp_path):
    report_maker("floods", {"en": EN, "ar": AR})
    export_memory(db, tmp_path / "m.tsv")
    with open_database(tmp_path / "other.db") as other:
        import_memory(other, tmp_path / "m.tsv")
        import_memory(other, tmp_path / "m.tsv")
        assert len(_pairs(other, "en", "ar")) == 3


def test_xliff_export_needs_its_pair_and_round_trips(db, report_maker, tmp_path):
    report_maker("floods", {"en": EN, "ar": AR, "ckb": CKB})
    with pytest.raises(InputError, match="pass --from L and --to L"):
        export_memory(db, tmp_path / "m.xlf")
    done = export_memory(db, tmp_path / "m.xlf", src="en", tgt="ckb")
    assert done.units == 3
    with open_database(tmp_path / "other.db") as other:
        import_memory(other, tmp_path / "m.xlf")
        assert _pairs(other, "en", "ckb") == _pairs(db, "en", "ckb")


def test_a_two_file_bitext_is_imported_line_by_line(db, tmp_path):
    (tmp_path / "a.en").write_text("\n".join([*EN, ""]) + "\n", encoding="utf-8")
    (tmp_path / "a.ar").write_text("\n".join([*AR, ""]) + "\n", encoding="utf-8")
    done = import_memory(db, tmp_path / "a.en", target_file=tmp_path / "a.ar", src="en", tgt="ar")
    assert (done.units, done.entries) == (3, 6)
    [match] = search(db, "Roads to Duhok were closed.", "en", "ar")
    assert (match.score, match.target, match.entry.file) == (100, AR[1], "a.en")


def test_a_bitext_needs_languages_and_equal_lines(db, tmp_path):
    (tmp_path / "a.en").write_text("One.\nTwo.\n", encoding="utf-8")
    (tmp_path / "a.ar").write_text("واحد.\n", encoding="utf-8")
    with pytest.raises(InputError, match="needs its languages"):
        import_memory(db, tmp_path / "a.en", target_file=tmp_path / "a.ar")
    with pytest.raises(InputError, match="has 2 and .* has 1 lines"):
        import_memory(db, tmp_path / "a.en", target_file=tmp_path / "a.ar", src="en", tgt="ar")


def test_an_empty_memory_is_not_exported(db, tmp_path):
    with pytest.raises(InputError, match="no entries to export"):
        export_memory(db, tmp_path / "m.tmx")
    assert not (tmp_path / "m.tmx").exists()


def test_flagged_and_rejected_units_of_a_file_are_left_out(db, tmp_path):
    (tmp_path / "m.tsv").write_text(
        "status\ten\tar\nauto\tOne.\tواحد.\nrejected\tTwo.\tاثنان.\nflagged\tThree.\tثلاثة.\n",
        encoding="utf-8",
    )
    import_memory(db, tmp_path / "m.tsv")
    assert _pairs(db, "en", "ar") == [("One.", "واحد.")]
