"""Reading files in every encoding reports arrive in; refusing what is not text."""

import codecs
import os

import pytest

from workbench.errors import InputError
from workbench.text.ingest import read_document

ARABIC = (
    "اتفاق على تعزيز التنسيق الأمني\n\n"
    "قال د. أحمد إن الاجتماع ناقش التنسيق بين القوات. وأضاف أن الوضع مستقر.\n"
)
SORANI = (
    "ڕێککەوتن لەسەر بەهێزکردنی هەماهەنگی\n\nفەرماندەکان لە هەولێر کۆبوونەوە. باسی ئاسایشیان کرد.\n"
)
ENGLISH = (
    "Café owners meet in Erbil\n\n"
    "The owners’ association met on Monday. It discussed rents — again.\n"
)
KURMANJI = (
    "Civîna ewlehiyê li Hewlêrê\n\nFermandaran li ser hevahengiyê axivîn. Wan biryarên nû dan.\n"
)

CASES = [
    ("utf-8", ARABIC, "ar", "utf-8", b""),
    ("utf-8 with bom", SORANI, "ckb", "utf-8", codecs.BOM_UTF8),
    ("utf-16 le with bom", ARABIC, "ar", "utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16 be with bom", KURMANJI, "kmr", "utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16 le without bom", ENGLISH, "en", "utf-16-le", b""),
    ("utf-16 be without bom", SORANI, "ckb", "utf-16-be", b""),
    ("utf-16 le arabic without bom", ARABIC, "ar", "utf-16-le", b""),
    ("windows-1256", ARABIC, "ar", "cp1256", b""),
    ("windows-1252", ENGLISH, "en", "cp1252", b""),
    ("windows-1254 kurmanji", KURMANJI + "Şaneyên DAIŞê çalak in.\n", "kmr", "cp1254", b""),
]


@pytest.mark.parametrize(
    ("text", "lang", "encoding", "bom"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_encoding_is_read(tmp_path, text, lang, encoding, bom):
    path = tmp_path / f"report.{lang}.txt"
    path.write_bytes(bom + text.encode(encoding))
    document = read_document(path)
    assert document.lang == lang
    assert document.raw_text.replace("\r\n", "\n") == text
    assert document.paragraphs[0] == text.split("\n")[0]


def test_crlf_line_endings(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(ENGLISH.replace("\n", "\r\n").encode("utf-8"))
    assert len(read_document(path).paragraphs) == 2


@pytest.mark.parametrize(
    "data",
    [
        os.urandom(4096),
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        b"PK\x03\x04" + b"\x00\x01" * 300,
    ],
    ids=["random bytes", "png", "zip"],
)
def test_binary_file_is_a_clear_error_naming_it(tmp_path, data):
    path = tmp_path / "photo.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"photo\.txt is not a text file"):
        read_document(path, "en")
