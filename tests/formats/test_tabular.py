"""TSV and JSONL: one line per bead, escapes, hand-made sheets and their mistakes."""

import json
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.formats.collect import parallel_text
from workbench.formats.parallel import Flag, ParallelText, Row
from workbench.formats.tabular import read_jsonl, read_tsv, write_jsonl, write_tsv


def test_tsv_has_a_header_and_one_line_per_bead(reviewed, tmp_path):
    path = tmp_path / "out.tsv"
    write_tsv(parallel_text(reviewed.db, reviewed.alignment_id), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == [
        "id", "status", "confidence", "evidence", "chrf", "kind", "en", "ar", "ckb", "flags",
        "comments",
    ]  # fmt: skip
    assert len(lines) == 1 + len(reviewed.expected)
    assert lines[3].split("\t")[9] == "addition (major), by amina: not in the original"


@pytest.mark.parametrize(
    "text",
    ["tab\there", "two\nlines", "cr\rhere", "back\\slash", "literal \\n stays", "\\", "end\\"],
)
def test_tsv_escapes_round_trip(tmp_path, text):
    path = tmp_path / "e.tsv"
    write_tsv(ParallelText(("en", "ar"), (Row({"en": text, "ar": "ب"}),)), path)
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2
    assert read_tsv(path).rows[0].texts["en"] == text


def test_tsv_keeps_several_flags_and_comments(tmp_path):
    row = Row(
        {"en": "a", "ar": "ب"},
        status="flagged",
        flags=(Flag("omission", "minor", "x: y"), Flag("style", "", "", "bob")),
        comments=("one", "two"),
    )
    path = tmp_path / "f.tsv"
    write_tsv(ParallelText(("en", "ar"), (row,)), path)
    back = read_tsv(path).rows[0]
    assert (back.flags, back.comments) == (row.flags, row.comments)


def _tsv(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "in.tsv"
    path.write_text(content, encoding="utf-8")
    return path


def test_a_two_column_sheet_is_enough(tmp_path):
    text = read_tsv(_tsv(tmp_path, "EN\tckb\r\nYes.\tبەڵێ.\r\n\r\nNo.\tنا.\r\n"))
    assert text.languages == ("en", "ckb")
    assert [dict(r.texts) for r in text.rows] == [
        {"en": "Yes.", "ckb": "بەڵێ."},
        {"en": "No.", "ckb": "نا."},
    ]
    assert {r.status for r in text.rows} == {"auto"}


def test_trailing_empty_cells_may_be_left_out(tmp_path):
    row = read_tsv(_tsv(tmp_path, "status\ten\tar\naccepted\tYes.\n")).rows[0]
    assert (dict(row.texts), row.status) == ({"en": "Yes."}, "accepted")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("en\tar\na\tb\tc\n", "line 2 has 3 cells but the header has 2"),
        ("en\ten-GB\na\tb\n", "two 'en' columns"),
        ("id\tstatus\n1\tauto\n", "one column per language"),
        ("en\tFrench\na\tb\n", "A TSV column is one of id, status"),
        ("en\tar\n", "a header but no beads"),
        ("en\tar\tscore\na\tb\tvery\n", "line 2: 'very' is not a number"),
    ],
)
def test_tsv_mistakes_are_named(tmp_path, content, message):
    with pytest.raises(InputError, match=message):
        read_tsv(_tsv(tmp_path, content))


def test_tsv_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "cp1256.tsv"
    path.write_bytes("en\tar\nYes\tنعم\n".encode("cp1256"))
    with pytest.raises(InputError, match="is not UTF-8 text"):
        read_tsv(path)


def test_jsonl_is_one_object_per_bead(reviewed, tmp_path):
    path = tmp_path / "out.jsonl"
    write_jsonl(parallel_text(reviewed.db, reviewed.alignment_id), path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["texts"] for r in records] == [e["texts"] for e in reviewed.expected]
    assert records[2]["flags"] == [
        {
            "category": "addition",
            "severity": "major",
            "comment": "not in the original",
            "user": "amina",
        }
    ]
    assert "\\u" not in path.read_text(encoding="utf-8")  # Arabic script is written as itself


def _jsonl(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_needs_only_texts(tmp_path):
    text = read_jsonl(_jsonl(tmp_path, '{"texts": {"kmr": "Erê.", "en": "Yes."}}'))
    assert text.languages == ("kmr", "en") and text.rows[0].status == "auto"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "line 1 is not JSON"),
        ("[1, 2]", 'must be an object with "texts"'),
        ('{"texts": ["a"]}', 'must be an object with "texts"'),
        ('{"texts": {"en": 5}}', '"texts.en" must be a text'),
        ('{"texts": {"en": "a"}, "evidence": "high"}', '"evidence" must be a number'),
        ('{"texts": {"en": "a"}, "score": "high"}', '"evidence" must be a number'),
        ('{"texts": {"en": "a"}, "chrf": "x"}', '"chrf" must be a number'),
        ('{"texts": {"en": "a"}, "score": NaN}', "'nan' is not a number"),
        ('{"texts": {"en": "a"}, "flags": "bad"}', '"flags" must be a list'),
        ('{"texts": {"en": "a"}, "flags": ["bad"]}', 'each of "flags" must be an object'),
        ('{"texts": {"en": "a", "eng": "b"}}', "two 'en' texts"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_jsonl_mistakes_are_named(tmp_path, line, message):
    with pytest.raises(InputError, match=message):
        read_jsonl(_jsonl(tmp_path, line))
