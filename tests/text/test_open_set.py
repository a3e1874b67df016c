"""Texts in none of the four languages, and mojibake: refused or repaired, never stored wrong.

The sample sentences are our own, written for these tests.
"""

import json
import logging

import pytest

from workbench.errors import InputError, LanguageError
from workbench.text.detect import detect_paragraphs
from workbench.text.ingest import ingest
from workbench.text.mojibake import repair

FOREIGN = {
    "fa": "این گزارش درباره وضعیت حقوق بشر در منطقه است و کمیته آن را با دقت بررسی کرد.",
    "tr": "Bu rapor bölgedeki insan hakları durumu hakkındadır ve komite bunu dikkatle inceledi.",
    "fr": "Ce rapport porte sur la situation des droits de l'homme dans la région concernée.",
    "de": "Dieser Bericht befasst sich mit der Menschenrechtslage in der betroffenen Region.",
}
OURS = {
    "en": "This report is about the human rights situation in the region, said the committee.",
    "ar": "يتناول هذا التقرير حالة حقوق الإنسان في المنطقة وقد درسته اللجنة بعناية.",
    "ckb": "ئەم ڕاپۆرتە دەربارەی دۆخی مافەکانی مرۆڤە لە ناوچەکەدا و لیژنەکە لێی کۆڵییەوە.",
    "kmr": "Ev rapor li ser rewşa mafên mirovan li herêmê ye û komîteyê ew bi baldarî lêkolîn kir.",
}
ARABIC = "قال المتحدث إن اللجنة اجتمعت يوم الأحد لمناقشة التقرير."


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_a_language_none_of_the_four_is_named_as_itself(code):
    found = detect_paragraphs([FOREIGN[code]])
    assert found.lang == code and found.foreign


@pytest.mark.parametrize("code", sorted(OURS))
def test_our_languages_stay_ours(code):
    found = detect_paragraphs([OURS[code]])
    assert found.lang == code and not found.foreign


def test_ingest_refuses_persian_instead_of_storing_sorani(db, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(FOREIGN["fa"] + "\n", encoding="utf-8")
    with pytest.raises(LanguageError, match=r"reads as Persian \(fa\).*--lang"):
        ingest(db, [path], report="r")
    assert db.connection().execute("SELECT count(*) FROM document").fetchone()[0] == 0


def test_a_given_language_is_believed(db, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(FOREIGN["tr"] + "\n", encoding="utf-8")
    [(document, created)] = ingest(db, [path], report="r", lang="kmr")
    assert created and document.lang == "kmr"


def test_detect_json_names_the_foreign_language(cli, tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text(f"{FOREIGN['fr']}\n\n{FOREIGN['fr']}\n", encoding="utf-8")
    result = cli("detect", str(path), "--json")
    assert result.code == 0, result.err
    found = json.loads(result.out)
    assert (found["lang"], found["ours"], found["mixed"]) == ("fr", False, False)
    assert [p["index"] for p in found["paragraphs"]] == [0, 1]
    assert "French (fr): none of en, ar, ckb, kmr" in found["verdict"]


def test_cp1252_mojibake_is_repaired_and_logged(caplog):
    garbled = ARABIC.encode("utf-8").decode("cp1252", errors="replace")
    assert garbled.startswith("Ù‚Ø§Ù„")
    with caplog.at_level(logging.WARNING):
        assert repair((garbled,), "r.txt") == (ARABIC,)
    assert "repaired mojibake" in caplog.text


def test_cp1256_mojibake_is_refused_naming_the_encoding():
    garbled = ARABIC.encode("utf-8").decode("cp1256")
    assert garbled.startswith("ظ‚ط§ظ„")
    with pytest.raises(InputError, match=r"Windows-1256 \(Arabic\).*iconv -f UTF-8 -t CP1256"):
        repair((garbled,), "r.txt")


@pytest.mark.parametrize("text", [*OURS.values(), "Café “quoted” — naïve"])
def test_real_text_is_left_alone(text):
    assert repair((text,), "r.txt") == (text,)


def test_ingest_stores_repaired_arabic_as_arabic(db, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(ARABIC.encode("utf-8").decode("cp1252", errors="replace"), encoding="utf-8")
    [(document, _)] = ingest(db, [path], report="r")
    assert document.lang == "ar" and document.segments[0].text == ARABIC


def test_ingest_of_cp1256_mojibake_stores_nothing(cli, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(ARABIC.encode("utf-8").decode("cp1256"), encoding="utf-8")
    result = cli("ingest", str(path), "--report", "r")
    assert result.code == 2 and "Windows-1256" in result.err


def test_ingest_json_lists_what_was_stored(cli, tmp_path):
    path = tmp_path / "r.en.txt"
    path.write_text(OURS["en"] + "\n", encoding="utf-8")
    result = cli("ingest", str(path), "--report", "r", "--json")
    assert result.code == 0, result.err
    [doc] = json.loads(result.out)["documents"]
    assert (doc["status"], doc["lang"], doc["sentences"]) == ("stored", "en", 1)
    assert isinstance(doc["id"], int)
