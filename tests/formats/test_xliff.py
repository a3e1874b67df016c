"""XLIFF 2.0 out, XLIFF 1.2 and 2.0 in, and the review state of each unit."""

from pathlib import Path

import pytest
from lxml import etree

from workbench.errors import InputError
from workbench.formats.collect import parallel_text
from workbench.formats.parallel import Flag, ParallelText, Row
from workbench.formats.xliff import MDA, XLIFF2, read_xliff, write_xliff

NS = {"x": XLIFF2, "mda": MDA}


@pytest.fixture
def xliff_file(reviewed, tmp_path) -> Path:
    path = tmp_path / "out.xlf"
    write_xliff(parallel_text(reviewed.db, reviewed.alignment_id, languages=["en", "ar"]), path)
    return path


@pytest.fixture
def arabic_source(reviewed, tmp_path) -> Path:
    """ar -> en: the Arabic addition (flagged) has its source here; the English-only bead not."""
    path = tmp_path / "ar.xlf"
    write_xliff(parallel_text(reviewed.db, reviewed.alignment_id, languages=["ar", "en"]), path)
    return path


def _units(path: Path):
    return etree.parse(str(path)).getroot().findall(".//x:unit", NS)


def _with_source(reviewed, source="en") -> list[dict]:
    return [e for e in reviewed.expected if source in e["texts"]]


def test_root_says_version_and_languages(xliff_file):
    root = etree.parse(str(xliff_file)).getroot()
    assert root.tag == f"{{{XLIFF2}}}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en", "ar")


def test_one_unit_per_bead_with_source_text(xliff_file, reviewed):
    units = _units(xliff_file)
    assert len(units) == len(_with_source(reviewed)) == len(reviewed.expected) - 1
    assert all(u.find("x:segment/x:source", NS).text for u in units)


@pytest.mark.parametrize(
    ("bead", "state", "sub_state"),
    [
        (0, "final", "workbench:accepted"),
        (1, "translated", "workbench:edited"),
        (2, "initial", "workbench:rejected"),
        (3, "initial", "workbench:auto"),
    ],
)
def test_status_becomes_segment_state(xliff_file, bead, state, sub_state):
    segment = _units(xliff_file)[bead].find("x:segment", NS)
    assert (segment.get("state"), segment.get("subState")) == (state, sub_state)


def test_flagged_becomes_reviewed(arabic_source):
    segment = _units(arabic_source)[2].find("x:segment", NS)
    assert (segment.get("state"), segment.get("subState")) == ("reviewed", "workbench:flagged")


def test_unit_children_follow_the_schema_order(xliff_file):
    order = {f"{{{MDA}}}metadata": 0, f"{{{XLIFF2}}}notes": 1, f"{{{XLIFF2}}}segment": 2}
    for unit in _units(xliff_file):
        ranks = [order[child.tag] for child in unit]
        assert ranks == sorted(ranks)


def test_flag_is_a_note_and_metadata(arabic_source):
    unit = _units(arabic_source)[2]
    note = unit.find("x:notes/x:note", NS)
    assert note.get("category") == "flag" and note.get("priority") == "2"
    assert note.text == "addition (major), by amina: not in the original"
    group = unit.find("mda:metadata/mda:metaGroup[@category='flag']", NS)
    assert {m.get("type"): m.text for m in group} == {
        "category": "addition",
        "severity": "major",
        "comment": "not in the original",
        "user": "amina",
    }


def test_edited_text_is_the_target(xliff_file, reviewed):
    target = _units(xliff_file)[1].find("x:segment/x:target", NS)
    assert target.text == reviewed.expected[1]["texts"]["ar"]


def test_omission_has_no_target(xliff_file):
    assert _units(xliff_file)[3].find("x:segment/x:target", NS) is None


def test_translate_toolkit_reads_the_file_and_its_states(xliff_file, reviewed):
    from translate.storage.xliff2 import Xliff2File

    with open(xliff_file, "rb") as fh:
        store = Xliff2File(fh)
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "ar")
    units = store.units
    assert [u.source for u in units[:2]] == [reviewed.expected[i]["texts"]["en"] for i in (0, 1)]
    assert units[1].target == reviewed.expected[1]["texts"]["ar"]
    assert [u.isapproved() for u in units] == [True, False, False, False]


def test_reads_what_it_wrote(xliff_file, arabic_source, reviewed):
    text = read_xliff(xliff_file)
    assert text.languages == ("en", "ar")
    kept = _with_source(reviewed)
    want = [{k: v for k, v in e["texts"].items() if k in ("en", "ar")} for e in kept]
    assert [dict(r.texts) for r in text.rows] == want
    assert [r.status for r in text.rows] == [e["status"] for e in kept]
    assert text.rows[2].comments == ("check the date",)
    flagged = read_xliff(arabic_source).rows[2]
    assert flagged.flags == (Flag("addition", "major", "not in the original", "amina"),)


def test_more_than_two_languages_need_a_choice(reviewed, tmp_path):
    with pytest.raises(InputError, match="one language pair, not en, ar, ckb"):
        write_xliff(parallel_text(reviewed.db, reviewed.alignment_id), tmp_path / "x.xlf")


def test_characters_xml_cannot_hold_travel_as_cp_elements(tmp_path):
    path = tmp_path / "cp.xlf"
    write_xliff(ParallelText(("en", "ar"), (Row({"en": "a\x01b\x1fc", "ar": "د"}),)), path)
    assert b'<cp hex="0001"/>' in path.read_bytes()
    assert read_xliff(path).rows[0].texts["en"] == "a\x01b\x1fc"


def _xliff2(tmp_path: Path, units: str, trg: str = ' trgLang="ar"') -> Path:
    path = tmp_path / "in.xlf"
    path.write_text(
        f'<xliff xmlns="{XLIFF2}" version="2.0" srcLang="en"{trg}>'
        f'<file id="f">{units}</file></xliff>',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("attributes", "status"),
    [
        ('state="final" subState="workbench:accepted"', "accepted"),
        ('state="reviewed" subState="workbench:flagged"', "flagged"),
        ('state="initial" subState="workbench:rejected"', "rejected"),
        ('state="final" subState="workbench:flagged"', "accepted"),  # a tool changed state
        ('state="final"', "accepted"),
        ('state="reviewed"', "accepted"),
        ('state="translated"', "auto"),
        ("", "auto"),
        ('state="final" subState="other:approved"', "accepted"),
    ],
)
def test_state_read_from_other_tools(tmp_path, attributes, status):
    unit = (
        f'<unit id="u"><segment {attributes}><source>a</source><target>ب</target></segment></unit>'
    )
    assert read_xliff(_xliff2(tmp_path, unit)).rows[0].status == status


def test_a_unit_of_several_segments_is_one_bead(tmp_path):
    unit = (
        '<unit id="u"><segment state="final"><source>One.</source><target>واحد.</target></segment>'
        "<ignorable><source> </source><target> </target></ignorable>"
        '<segment state="translated"><source>Two.</source><target>اثنان.</target></segment></unit>'
    )
    row = read_xliff(_xliff2(tmp_path, unit)).rows[0]
    assert dict(row.texts) == {"en": "One. Two.", "ar": "واحد. اثنان."}
    assert row.status == "auto"  # the least advanced segment decides


def test_inline_codes_become_placeholders_and_markup_keeps_its_text(tmp_path):
    unit = (
        '<unit id="u"><segment><source>A <pc id="1">bold</pc><ph id="2"/> '
        '<mrk id="m">word</mrk><sc id="3"/>.<ec startRef="3"/></source>'
        '<target>ب<ph id="2"/></target></segment></unit>'
    )
    row = read_xliff(_xliff2(tmp_path, unit)).rows[0]
    assert row.texts["en"] == "A <g1>bold</g1><x2/> word<bpt3/>.<ept3/>"
    assert row.texts["ar"] == "ب<x2/>"


@pytest.mark.parametrize(
    ("fmt", "codes"),
    [
        ("xliff", ["pc", "ph", "sc", "ec"]),
        ("xliff12", ["g", "x", "bx", "ex"]),
    ],
)
def test_placeholders_travel_through_import_review_and_export(db, tmp_path, fmt, codes):
    """Inline codes survive import, a reviewer's edit that keeps the placeholders, and export."""
    from workbench.formats.api import export_alignment, import_file
    from workbench.records import ReviewEvent
    from workbench.store import review

    unit = (
        '<unit id="u"><segment><source>A <pc id="1">bold</pc><ph id="2"/> word<sc id="3"/>.'
        '<ec startRef="3"/></source><target>ب</target></segment></unit>'
    )
    imported = import_file(_xliff2(tmp_path, unit), "codes", user="amina", db=db)
    [bead] = imported.alignment.beads
    edited = "كلمة <g1>عريضة</g1><x2/><bpt3/>.<ept3/>"
    review.record_event(db, ReviewEvent(
        action="edit", user="amina", alignment_id=imported.alignment.id, bead_id=bead.id,
        after={"texts": {"1": edited}},
    ))  # fmt: skip
    out = tmp_path / "out.xlf"
    export_alignment(imported.alignment.id, out, fmt, db=db)
    root = etree.parse(str(out)).getroot()
    target = next(e for e in root.iter() if etree.QName(e).localname == "target")
    assert [etree.QName(c).localname for c in target.iter() if c is not target] == codes
    assert "".join(target.itertext()) == "كلمة عريضة."
    assert read_xliff(out).rows[0].texts["ar"] == edited


def test_a_target_without_trglang_is_refused(tmp_path):
    unit = '<unit id="u"><segment><source>a</source><target>b</target></segment></unit>'
    with pytest.raises(InputError, match="has a target text but the file has no trgLang"):
        read_xliff(_xliff2(tmp_path, unit, trg=""))


def test_unknown_xliff_version_is_refused(tmp_path):
    path = tmp_path / "v.xlf"
    path.write_text('<xliff version="3.0"><file/></xliff>', encoding="utf-8")
    with pytest.raises(
        InputError, match="XLIFF version 3.0; the workbench reads XLIFF 1.1, 1.2 and 2.0"
    ):
        read_xliff(path)


def test_reads_xliff_12_written_by_translate_toolkit(tmp_path):
    from translate.storage.xliff import xlifffile

    store = xlifffile(sourcelanguage="en", targetlanguage="ar")
    approved = store.addsourceunit("Yes.")
    approved.target = "نعم."
    approved.markapproved(True)
    pending = store.addsourceunit("No.")
    pending.target = "لا."
    pending.markapproved(False)  # translate-toolkit approves a unit when its target is set
    pending.addnote("check", origin="translator")
    store.addsourceunit("Untranslated.")
    path = tmp_path / "tt12.xlf"
    store.savefile(str(path))
    text = read_xliff(path)
    assert text.languages == ("en", "ar")
    assert [dict(r.texts) for r in text.rows] == [
        {"en": "Yes.", "ar": "نعم."},
        {"en": "No.", "ar": "لا."},
        {"en": "Untranslated."},
    ]
    assert [r.status for r in text.rows] == ["accepted", "auto", "auto"]
    assert text.rows[1].comments == ("check",)


@pytest.mark.parametrize(
    ("unit", "status"),
    [
        ('<target state="final">b</target>', "accepted"),
        ('<target state="signed-off">b</target>', "accepted"),
        ('<target state="translated">b</target>', "auto"),
        ("<target>b</target>", "auto"),
    ],
)
def test_xliff_12_states(tmp_path, unit, status):
    path = tmp_path / "s.xlf"
    path.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        f'<file source-language="en" target-language="kmr" datatype="plaintext" original="x">'
        f'<body><group><trans-unit id="1"><source>a</source>{unit}</trans-unit></group></body>'
        "</file></xliff>",
        encoding="utf-8",
    )
    text = read_xliff(path)
    assert text.languages == ("en", "kmr") and text.rows[0].status == status


def test_xliff_12_approved_attribute(tmp_path):
    path = tmp_path / "a.xlf"
    path.write_text(
        '<xliff version="1.2"><file source-language="en" target-language="ar" original="x">'
        '<body><trans-unit id="1" approved="yes"><source>a</source><target>ب</target>'
        "</trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    assert read_xliff(path).rows[0].status == "accepted"


def test_xliff_12_without_source_language_is_refused(tmp_path):
    path = tmp_path / "n.xlf"
    path.write_text(
        '<xliff version="1.2"><file original="x"><body><trans-unit id="1"><source>a</source>'
        "</trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="has no source-language"):
        read_xliff(path)
