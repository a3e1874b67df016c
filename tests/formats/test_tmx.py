"""TMX 1.4b: what is written, what translate-toolkit reads in it, what is read from others."""

from pathlib import Path

import pytest
from lxml import etree

from workbench.errors import InputError, LanguageError
from workbench.formats.collect import parallel_text
from workbench.formats.tmx import read_tmx, write_tmx

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def tmx_file(reviewed, tmp_path) -> Path:
    path = tmp_path / "out.tmx"
    write_tmx(parallel_text(reviewed.db, reviewed.alignment_id), path)
    return path


def _tus(path: Path):
    return etree.parse(str(path)).getroot().findall("body/tu")


def _with_source(reviewed) -> list[dict]:
    """The beads a CAT format holds: those with source (English) text."""
    return [e for e in reviewed.expected if "en" in e["texts"]]


def test_header_says_tmx_14_and_the_source_language(tmx_file):
    root = etree.parse(str(tmx_file)).getroot()
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert header.get("srclang") == "en" and header.get("segtype") == "sentence"
    for required in ("creationtool", "creationtoolversion", "o-tmf", "adminlang", "datatype"):
        assert header.get(required), required


def test_one_tu_per_bead_with_a_tuv_per_language_with_text(tmx_file, reviewed):
    tus = _tus(tmx_file)
    assert len(tus) == len(_with_source(reviewed)) == len(reviewed.expected) - 1
    langs = [[tuv.get(XML_LANG) for tuv in tu.findall("tuv")] for tu in tus]
    assert langs == [list(e["texts"]) for e in _with_source(reviewed)]
    assert all(langs_of_tu[0] == "en" for langs_of_tu in langs)  # no <tu> without its source


def test_texts_are_the_current_texts(tmx_file, reviewed):
    tu = _tus(tmx_file)[1]
    segs = {tuv.get(XML_LANG): tuv.find("seg").text for tuv in tu.findall("tuv")}
    assert segs == reviewed.expected[1]["texts"]


def test_props_carry_status_and_the_numbers_by_their_names(tmx_file):
    tu = _tus(tmx_file)[2]
    props = [(p.get("type"), p.text) for p in tu.findall("prop")]
    assert ("x-status", "rejected") in props
    assert ("x-kind", "1-1-1") in props
    assert {"x-evidence", "x-confidence"} <= {t for t, _ in props}
    assert "x-score" not in {t for t, _ in props}


def test_flags_are_props(reviewed, tmp_path):
    """The flagged addition (no English) appears once English is not the source."""
    path = tmp_path / "ar.tmx"
    write_tmx(parallel_text(reviewed.db, reviewed.alignment_id, languages=["ar", "en"]), path)
    [tu] = [tu for tu in _tus(path) if len(tu.findall("tuv")) == 1]
    props = [(p.get("type"), p.text) for p in tu.findall("prop")]
    assert ("x-status", "flagged") in props and ("x-kind", "0-1-0") in props
    assert ("x-flag-category", "addition") in props and ("x-flag-severity", "major") in props


def test_children_follow_the_dtd_order(tmx_file):
    order = {"note": 0, "prop": 1, "tuv": 2}
    for tu in _tus(tmx_file):
        ranks = [order[child.tag] for child in tu]
        assert ranks == sorted(ranks)


def test_comments_are_notes(tmx_file):
    assert [n.text for n in _tus(tmx_file)[2].findall("note")] == ["check the date"]


def test_translate_toolkit_reads_the_file(tmx_file, reviewed):
    from translate.storage.tmx import tmxfile

    with open(tmx_file, "rb") as fh:
        store = tmxfile(fh)
    units = store.units
    assert len(units) == len(_with_source(reviewed))
    assert units[0].source == reviewed.expected[0]["texts"]["en"]
    assert units[0].gettarget("ar") == reviewed.expected[0]["texts"]["ar"]
    assert units[2].getnotes() == "check the date"


def test_reads_what_it_wrote(tmx_file, reviewed):
    text = read_tmx(tmx_file)
    assert text.languages == ("en", "ar", "ckb")
    assert [dict(r.texts) for r in text.rows] == [e["texts"] for e in _with_source(reviewed)]
    assert [r.status for r in text.rows] == [e["status"] for e in _with_source(reviewed)]
    assert text.report == "committee-2024" and text.signature == "test|v1"


def test_reads_a_tmx_written_by_translate_toolkit(tmp_path):
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage="en")
    store.addtranslation("Hello.", "en", "مرحبا.", "ar", comment="greeting")
    path = tmp_path / "tt.tmx"
    store.savefile(str(path))
    text = read_tmx(path)
    assert text.languages == ("en", "ar")
    row = text.rows[0]
    assert dict(row.texts) == {"en": "Hello.", "ar": "مرحبا."}
    assert (row.status, row.comments) == ("auto", ("greeting",))


def _write(tmp_path: Path, body: str, header: str = '<header srclang="en"/>') -> Path:
    path = tmp_path / "in.tmx"
    path.write_text(f'<tmx version="1.4">{header}<body>{body}</body></tmx>', encoding="utf-8")
    return path


def test_inline_codes_become_placeholders_and_highlighted_text_is_kept(tmp_path):
    body = (
        '<tu><tuv xml:lang="en"><seg>A <bpt i="1">&lt;b&gt;</bpt>bold<ept i="1">&lt;/b&gt;</ept>'
        ' <hi>word</hi>.<ph x="2">&lt;br/&gt;</ph></seg></tuv>'
        '<tuv xml:lang="ar"><seg>كلمة</seg></tuv></tu>'
    )
    text = read_tmx(_write(tmp_path, body)).rows[0].texts["en"]
    assert text == "A <bpt1/>bold<ept1/> word.<x2/>"


def test_placeholders_are_written_back_as_codes(tmp_path):
    from workbench.formats.parallel import ParallelText, Row

    row = Row(texts={"en": "A <bpt1/>bold<ept1/> <g3>word</g3>.<x2/>", "ar": "<x2/>كلمة"})
    path = tmp_path / "codes.tmx"
    write_tmx(ParallelText(("en", "ar"), (row,)), path)
    seg = _tus(path)[0].find("tuv/seg")
    assert [(c.tag, dict(c.attrib)) for c in seg] == [
        ("bpt", {"i": "1"}),
        ("ept", {"i": "1"}),
        ("bpt", {"i": "3"}),
        ("ept", {"i": "3"}),
        ("ph", {"x": "2"}),
    ]
    assert "".join(seg.itertext()) == "A bold word."
    assert read_tmx(path).rows[0].texts["en"] == "A <bpt1/>bold<ept1/> <bpt3/>word<ept3/>.<x2/>"


def test_tmx_11_lang_attribute_and_regional_tags_are_read(tmp_path):
    body = (
        '<tu><tuv lang="EN-US"><seg>Yes.</seg></tuv>'
        '<tuv xml:lang="ku-Arab-IQ"><seg>بەڵێ.</seg></tuv></tu>'
    )
    text = read_tmx(_write(tmp_path, body))
    assert text.languages == ("en", "ckb")


def test_two_texts_in_one_language_are_refused(tmp_path):
    body = '<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="en-GB"><seg>b</seg></tuv></tu>'
    with pytest.raises(InputError, match=r"<tu> number 1 has two texts in 'en'"):
        read_tmx(_write(tmp_path, body))


def test_a_language_the_workbench_lacks_is_named(tmp_path):
    body = '<tu><tuv xml:lang="fr"><seg>Oui.</seg></tuv></tu>'
    with pytest.raises(LanguageError, match=r"<tu> number 1: Unknown language 'fr'"):
        read_tmx(_write(tmp_path, body))


def test_bare_kurdish_is_refused_with_the_two_choices(tmp_path):
    body = '<tu><tuv xml:lang="ku"><seg>Erê.</seg></tuv></tu>'
    with pytest.raises(LanguageError, match="use ckb \\(Sorani, Arabic script\\) or kmr"):
        read_tmx(_write(tmp_path, body))


def test_a_tmx_without_units_is_refused(tmp_path):
    with pytest.raises(InputError, match="holds no translation units"):
        read_tmx(_write(tmp_path, ""))


def test_a_score_that_is_not_a_number_is_refused(tmp_path):
    body = '<tu><prop type="x-score">high</prop><tuv xml:lang="en"><seg>a</seg></tuv></tu>'
    with pytest.raises(InputError, match="'high' is not a number"):
        read_tmx(_write(tmp_path, body))


def test_characters_xml_cannot_hold_are_replaced(tmp_path):
    from workbench.formats.parallel import ParallelText, Row

    path = tmp_path / "c.tmx"
    write_tmx(ParallelText(("en", "ar"), (Row({"en": "a\x00b\x1bc", "ar": "د"}),)), path)
    assert read_tmx(path).rows[0].texts["en"] == "a\ufffdb\ufffdc"


def test_a_pair_without_the_source_language_is_its_own_source(tmp_path):
    """Multilingual memories hold ar-ckb pairs beside en-ar ones: a valid <tu> each."""
    from workbench.formats.parallel import ParallelText, Row

    rows = (
        Row({"en": "One.", "ar": "واحد."}),
        Row({"ar": "واحد.", "ckb": "یەک."}),
        Row({"ckb": "x"}),
    )
    path = tmp_path / "m.tmx"
    write_tmx(ParallelText(("en", "ar", "ckb"), rows), path)
    tus = _tus(path)
    assert [tu.get("srclang") for tu in tus] == ["en", "ar"]  # the lone ckb text is left out
    for tu in tus:
        assert tu.get("srclang") in [tuv.get(XML_LANG) for tuv in tu.findall("tuv")]
