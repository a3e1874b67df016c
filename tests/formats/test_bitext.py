"""Bitext (Moses/OPUS style) in and out, headerless TSV, the export filters, XLIFF 1.2, and
numbers named for what they are."""

import json

import pytest
from lxml import etree

from workbench.formats.api import export_alignment, import_file
from workbench.records import Score
from workbench.store.scores import save_scores


def test_cli_export_bitext_writes_one_line_aligned_file_per_language(cli, stored, tmp_path):
    prefix = tmp_path / "corpus"
    result = cli(
        "export", str(stored.alignment_id), "-o", str(prefix), "--format", "bitext",
        "--languages", "en,ar", "--skip-unaligned",
    )  # fmt: skip
    assert result.code == 0, result.err
    en = (tmp_path / "corpus.en").read_text(encoding="utf-8").splitlines()
    ar = (tmp_path / "corpus.ar").read_text(encoding="utf-8").splitlines()
    assert len(en) == len(ar) == 3  # the addition and the omission are left out
    assert en[0] == "The committee met on 3 March 2024." and all(en) and all(ar)
    assert "left out 2" in result.out


def test_min_confidence_keeps_only_sure_beads(stored, tmp_path):
    out = tmp_path / "sure.jsonl"
    result = export_alignment(stored.alignment_id, out, min_confidence=0.75, db=stored.db)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["confidence"] for r in records] == [0.9, 0.8]
    assert (result.beads, result.left_out) == (2, 3)


def test_bitext_files_import_as_a_report(cli, home, tmp_path):
    (tmp_path / "c.en").write_text("One.\nTwo.\n", encoding="utf-8")
    (tmp_path / "c.ar").write_text("واحد.\nاثنان.\n", encoding="utf-8")
    result = cli("import", str(tmp_path / "c.en"), str(tmp_path / "c.ar"), "--report", "c")
    assert result.code == 0, result.err
    assert "Imported 2 beads (en, ar) into report 'c'" in result.out


def test_bitext_files_of_different_lengths_are_refused(cli, home, tmp_path):
    (tmp_path / "c.en").write_text("One.\nTwo.\n", encoding="utf-8")
    (tmp_path / "c.ar").write_text("واحد.\n", encoding="utf-8")
    result = cli("import", str(tmp_path / "c.en"), str(tmp_path / "c.ar"), "--report", "c")
    assert result.code == 2 and "not line-aligned" in result.err
    assert "c.en has 2 and" in result.err and "c.ar has 1 lines" in result.err


def test_one_file_named_bitext_is_refused_with_advice(cli, home, tmp_path):
    from workbench.errors import InputError
    from workbench.formats.api import read_file

    (tmp_path / "c.en").write_text("One.\n", encoding="utf-8")
    with pytest.raises(InputError, match="give them all"):
        read_file(tmp_path / "c.en", "bitext")
    result = cli("import", str(tmp_path / "c.en"), "--format", "bitext", "--report", "c")
    assert result.code == 2 and "give them all" in result.err and "Traceback" not in result.err


def test_headerless_tsv_is_read_with_detected_languages(cli, home, tmp_path):
    """As `paste corpus.en corpus.ar > bitext.tsv` makes it."""
    path = tmp_path / "bitext.tsv"
    path.write_text(
        "Army and Peshmerga forces met in the city.\tالتقت قوات الجيش والبيشمركة في المدينة.\n"
        "The talks went on for two days.\tاستمرت المحادثات يومين.\n",
        encoding="utf-8",
    )
    result = cli("import", str(path), "--report", "b")
    assert result.code == 0, result.err
    assert "Imported 2 beads (en, ar)" in result.out


def test_headerless_tsv_with_given_languages(db, tmp_path):
    path = tmp_path / "b.tsv"
    path.write_text("a\tb\n", encoding="utf-8")
    result = import_file(path, "b", languages=["kmr", "en"], user="x", db=db)
    assert [d.lang for d in result.documents] == ["kmr", "en"]


def test_unscored_beads_carry_no_numbers(db, tmp_path):
    """An imported bead without scores is exported without x-confidence/x-evidence, not 0.0."""
    path = tmp_path / "b.tsv"
    path.write_text("en\tar\nOne.\tواحد.\n", encoding="utf-8")
    imported = import_file(path, "b", user="x", db=db)
    out = tmp_path / "b.tmx"
    export_alignment(imported.alignment.id, out, db=db)
    props = [p.get("type") for p in etree.parse(str(out)).iter("prop")]
    assert "x-status" in props
    assert not {"x-score", "x-confidence", "x-evidence", "x-chrf"} & set(props)


def test_a_stored_sentence_chrf_is_exported_as_chrf(stored, tmp_path):
    bead = stored.db.connection().execute("SELECT min(id) FROM bead").fetchone()[0]
    details = {"alignment_id": stored.alignment_id, "bead_id": bead, "lang": "ar"}
    save_scores(stored.db, [Score("chrf", 61.5, "bead", f"bead{bead}", "chrF2|x", details)])
    out = tmp_path / "s.jsonl"
    export_alignment(stored.alignment_id, out, languages=["en", "ar"], db=stored.db)
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["chrf"] == 61.5 and 0 <= first["confidence"] <= 1
    assert "score" not in first


def test_cli_export_xliff_12(cli, stored, tmp_path):
    out = tmp_path / "omegat.xlf"
    result = cli(
        "export", str(stored.alignment_id), "-o", str(out), "--format", "xliff12",
        "--languages", "en,ar",
    )  # fmt: skip
    assert result.code == 0, result.err
    root = etree.parse(str(out)).getroot()
    assert root.get("version") == "1.2"
    assert root.tag == "{urn:oasis:names:tc:xliff:document:1.2}xliff"
    units = root.findall(".//{urn:oasis:names:tc:xliff:document:1.2}trans-unit")
    assert units[0].get("approved") == "yes"


def test_translate_toolkit_reads_our_xliff_12(stored, tmp_path):
    from translate.storage.xliff import xlifffile

    out = tmp_path / "t.xlf"
    export_alignment(stored.alignment_id, out, "xliff12", languages=["en", "ar"], db=stored.db)
    with open(out, "rb") as fh:
        store = xlifffile(fh)
    assert store.units[0].source == "The committee met on 3 March 2024."
    assert store.units[0].isapproved()
