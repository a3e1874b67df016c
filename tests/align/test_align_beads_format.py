"""Bead files (Vecalign's format, Text+Berg and ParIce gold) and TSV/JSONL of beads."""

from __future__ import annotations

import json

import pytest

from workbench.errors import InputError
from workbench.formats import tabular
from workbench.formats.beads import (
    beads_text,
    format_bead,
    ladder_text,
    parallel_of,
    parse_bead,
    read_beads,
    write_text,
)
from workbench.records import Bead


def tsv_text(beads, docs, langs):
    return tabular.tsv_text(parallel_of(beads, docs, langs))


def jsonl_text(beads, docs, langs):
    return tabular.jsonl_text(parallel_of(beads, docs, langs))


@pytest.mark.parametrize(
    ("line", "segments", "confidence"),
    [
        ("[0]:[0, 1]:0.93", ((0,), (0, 1)), 0.93),
        ("[0]:[0, 1]", ((0,), (0, 1)), 0.0),  # Text+Berg .defr, ParIce gold
        ("[]:[16]", ((), (16,)), 0.0),
        ("[3, 4]:[]:0.5", ((3, 4), ()), 0.5),
        ("[1,2]:[3]:[4]:1", ((1, 2), (3,), (4,)), 1.0),  # n-way
        ("  [0]:[0]:0.250000  ", ((0,), (0,)), 0.25),  # Vecalign's own output
    ],
)
def test_parse_bead(line, segments, confidence):
    bead = parse_bead(line)
    assert bead.segments == segments and bead.confidence == pytest.approx(confidence)


@pytest.mark.parametrize("line", ["[0]", "[a]:[1]", "[0]:[1]:high", "0:1", "[0]:[1]:0.5:0.6"])
def test_bad_bead_lines_are_refused_with_the_format(line):
    with pytest.raises(InputError, match=r"\[|number|sentence"):
        parse_bead(line)


def test_write_then_read_round_trips(tmp_path):
    beads = [Bead(((0,), (0, 1)), confidence=0.93), Bead(((1,), ()), confidence=1.0)]
    path = write_text(tmp_path / "out.beads", beads_text(beads))
    assert path.read_text() == "[0]:[0, 1]:0.93\n[1]:[]:1\n"
    assert [(b.segments, b.confidence) for b in read_beads(path)] == [
        (b.segments, b.confidence) for b in beads
    ]


def test_format_matches_the_contract_example():
    assert format_bead(Bead(((0,), (0, 1)), confidence=0.93)) == "[0]:[0, 1]:0.93"


def test_read_skips_blank_and_comment_lines_and_names_the_bad_line(tmp_path):
    path = tmp_path / "g.defr"
    path.write_text("# gold\n[0]:[0]\n\n[1]:[1]\n[x]:[2]\n")
    with pytest.raises(InputError, match="line 5"):
        read_beads(path)


def test_missing_bead_file_says_so(tmp_path):
    with pytest.raises(InputError, match="no bead file"):
        read_beads(tmp_path / "none.beads")


def test_write_into_a_missing_folder_makes_it(tmp_path):
    assert write_text(tmp_path / "no" / "x.beads", "[0]:[0]:1\n").read_text() == "[0]:[0]:1\n"


def test_write_onto_a_file_as_folder_is_refused(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="Cannot write"):
        write_text(tmp_path / "file" / "x.beads", "")


BEADS = [
    Bead(((0,), (0, 1)), score=4.5, confidence=0.9, signal="lexical"),
    Bead(
        ((1,), ()),
        confidence=1.0,
        signal="unmatched",
        flag={"category": "disagreement", "comment": "ar-ckb\tdiffers"},
    ),
]
DOCS = [["One.", "Two."], ["Yek.", "Du\tsê."]]


def test_tsv_has_the_export_layout_and_escapes_tabs():
    lines = tsv_text(BEADS, DOCS, ["en", "kmr"]).splitlines()
    assert lines[0].split("\t") == [
        "id",
        "status",
        "confidence",
        "evidence",
        "chrf",
        "kind",
        "en",
        "kmr",
        "flags",
        "comments",
    ]
    assert lines[1].split("\t") == [
        "0",
        "auto",
        "0.9",
        "4.5",
        "",
        "1-2",
        "One.",
        "Yek. Du\\tsê.",
        "",
        "",
    ]
    assert lines[2].split("\t")[8] == "disagreement: ar-ckb\\tdiffers"


def test_ladder_has_a_rung_per_bead_and_the_counts_last():
    beads = [
        Bead(((0,), (0, 1)), confidence=0.9),
        Bead(((1,), ()), confidence=0.2),
        Bead(((2, 3), (2,)), confidence=0.75),
    ]
    assert ladder_text(beads).splitlines() == [
        "0\t0\t0.9000",
        "1\t2\t0.2000",
        "2\t2\t0.7500",
        "4\t3\t1.0000",
    ]


def test_a_ladder_is_pairwise():
    with pytest.raises(InputError, match="pairwise"):
        ladder_text([Bead(((0,), (0,), (0,)))])


def test_jsonl_has_texts_segments_and_signal():
    first, second = (
        json.loads(line) for line in jsonl_text(BEADS, DOCS, ["en", "kmr"]).splitlines()
    )
    assert first["texts"] == {"en": "One.", "kmr": "Yek. Du\tsê."}
    assert first["segments"] == [[0], [0, 1]] and first["signal"] == "lexical"
    assert second["texts"] == {"en": "Two."} and second["flags"][0]["category"] == "disagreement"
