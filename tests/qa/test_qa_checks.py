"""The other checks, the choice of checks, and QA on line-parallel texts and files."""

import json
from dataclasses import dataclass

import pytest

from workbench.errors import InputError
from workbench.qa import names, omission, punctuation, untranslated
from workbench.qa.checks import CHECKS, chosen
from workbench.qa.pair import LengthModel, Pair
from workbench.qa.run import check_files, check_lines, check_pair, finding_json

SOURCE = (
    "The two sides agreed to form two joint brigades to fill the security gaps between "
    "their lines in Kirkuk, Makhmour and Diyala."
)
KURMANJI = (
    "Her du aliyan li hev kir ku du tûgayên hevbeş ava bikin da ku valahiyên ewlehiyê yên "
    "di navbera xetên wan de li Kerkûk, Mexmûr û Diyalayê dagirin."
)


def test_every_check_has_its_module():
    assert set(CHECKS) == {
        "numbers", "dates", "untranslated", "omission", "addition", "names", "punctuation", "terms"
    }  # fmt: skip


def test_an_unknown_check_is_a_clear_error():
    with pytest.raises(InputError, match="Unknown QA check 'spelling'.*numbers, dates"):
        chosen("numbers,spelling")


# --- untranslated -----------------------------------------------------------------------


def test_a_copy_of_the_source_is_critical_and_hides_the_rest():
    [found] = check_pair(SOURCE, SOURCE, "en", "ckb")
    assert (found.check, found.severity) == ("untranslated", "critical")
    assert found.message.startswith("The Sorani is a copy of the English")


def test_latin_letters_in_an_arabic_target_are_major():
    tgt = SOURCE.replace("Kirkuk", "کەرکووک")
    [found] = untranslated.check(Pair.of(SOURCE, tgt, "en", "ar"))
    assert found.severity == "major" and "written in Latin letters" in found.message


def test_english_in_a_kurmanji_target_reads_as_english():
    tgt = "The two sides agreed to form the joint brigades for the lines of Kirkuk."
    [found] = untranslated.check(Pair.of(SOURCE, tgt, "en", "kmr"))
    assert found.message.startswith("The Kurmanji reads as English")


def test_a_passage_left_in_the_source_language_is_minor():
    tgt = "Her du aliyan li hev kir ku to fill the security gaps between their lines li Kerkûkê."
    [found] = untranslated.check(Pair.of(SOURCE, tgt, "en", "kmr"))
    assert found.severity == "minor"
    assert tgt[slice(*found.tgt_span)] == "to fill the security gaps between their lines"


def test_names_and_figures_alone_are_the_same_in_every_version():
    assert check_pair("Zagros Monitor", "Zagros Monitor", "en", "kmr") == []
    assert check_pair("COVID-19", "COVID-19", "en", "ar") == []


# --- omission / addition ----------------------------------------------------------------


def test_a_target_cut_in_half_is_an_omission_pointing_at_the_rest():
    cut = " ".join(KURMANJI.split()[:9])
    [found] = omission.check(Pair.of(SOURCE, cut, "en", "kmr"))
    assert (found.check, found.severity) == ("omission", "major")
    assert "stops mid-sentence" in found.message
    assert SOURCE[found.src_span[0] : found.src_span[1]].endswith("Diyala.")


def test_an_empty_side_is_an_omission_or_an_addition():
    [gone] = check_pair(SOURCE, "", "en", "ar")
    [added] = check_pair("", KURMANJI, "en", "kmr")
    assert (gone.check, added.check) == ("omission", "addition")
    assert gone.src_span == (0, len(SOURCE)) and added.tgt_span == (0, len(KURMANJI))


def test_a_faithful_translation_has_no_length_finding():
    assert omission.check(Pair.of(SOURCE, KURMANJI, "en", "kmr")) == []


def test_a_much_longer_target_is_an_addition():
    longer = KURMANJI[:-1] + ", " + KURMANJI
    [found] = omission.check(Pair.of(SOURCE, longer, "en", "kmr"))
    assert found.check == "addition"


def test_the_length_is_judged_against_the_pair_s_own_ratio():
    pairs = [(SOURCE, KURMANJI[: len(KURMANJI) // 2])] * 30
    model = LengthModel.estimate(pairs, "en", "kmr")
    assert model.log_ratio < LengthModel.prior("en", "kmr").log_ratio - 0.25


def test_a_machine_translation_tells_what_the_target_leaves_out():
    mt = KURMANJI
    short = "Her du aliyan li hev kir ku du tûgayên hevbeş ava bikin."
    found = check_pair(SOURCE, short, "en", "kmr", checks="omission", mt=mt)
    assert any("of the machine translation into Kurmanji" in f.message for f in found)
    assert check_pair(SOURCE, KURMANJI, "en", "kmr", checks="omission", mt=mt) == []


# --- names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "tgt", "tgt_lang"),
    [
        ("Scientists at Stanford University said so.", "قال علماء في جامعة ستانفورد ذلك.", "ar"),
        ("Vidal joined Barça from Sevilla.", "Vîdal ji Sevillayê beşdarî Barçayê bû.", "kmr"),
        ("They met in Erbil.", "Ew li Hewlêrê civiyan.", "kmr"),
        ("They met in Erbil.", "لە هەولێر کۆبوونەوە.", "ckb"),
        ("The Ministry of Peshmerga said.", "وزارة البيشمركة قالت.", "ar"),
        ("See www.unhcr.org for more.", "بڕوانە www.unhcr.org.", "ckb"),
    ],
)
def test_names_found_across_scripts_and_spellings(src, tgt, tgt_lang):
    assert names.check(Pair.of(src, tgt, "en", tgt_lang)) == []


def test_a_name_left_out_is_minor_and_an_address_major():
    found = names.check(
        Pair.of(
            "A letter from Squadron Leader Dilokrit Pattavee to info@rta.mi.th.",
            "رسالة.",
            "en",
            "ar",
        )
    )
    assert [(f.severity, f.message) for f in found] == [
        ("minor", "English names Squadron Leader Dilokrit Pattavee; Arabic has no trace of it."),
        ("major", "English gives the address info@rta.mi.th; Arabic does not."),
    ]


# --- punctuation ------------------------------------------------------------------------


def test_a_question_made_a_statement_is_major():
    [found] = punctuation.check(Pair.of("Why did they leave?", "لماذا غادروا.", "en", "ar"))
    assert (found.severity, found.src_span) == ("major", (18, 19))


def test_an_arabic_question_mark_is_a_question():
    assert punctuation.check(Pair.of("Why did they leave?", "لماذا غادروا؟", "en", "ar")) == []


def test_a_bracket_left_open_on_one_side_is_minor():
    [found] = punctuation.check(Pair.of("The body (IOM) said.", "Saziya (IOM got.", "en", "kmr"))
    assert (found.severity, found.tgt_span) == ("minor", (7, 8))


# --- terms ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    concept: int
    term: str
    start: int
    end: int
    forbidden: bool = False


class TinyGlossary:
    """A glossary of two concepts: ceasefire (Arabic وقف إطلاق النار; forbidden هدنة)."""

    TERMS = {("en", "ceasefire"): (1, False), ("ar", "وقف إطلاق النار"): (1, False),
             ("ar", "هدنة"): (1, True)}  # fmt: skip

    def find(self, text: str, lang: str) -> list[Hit]:
        hits = []
        for (term_lang, term), (concept, forbidden) in self.TERMS.items():
            at = text.find(term)
            if term_lang == lang and at >= 0:
                hits.append(Hit(concept, term, at, at + len(term), forbidden))
        return hits


def test_a_glossary_term_kept_is_no_finding():
    src, tgt = "The ceasefire holds.", "وقف إطلاق النار صامد."
    assert check_pair(src, tgt, "en", "ar", checks="terms", glossary=TinyGlossary()) == []


def test_a_term_missing_or_forbidden_is_found():
    src, tgt = "The ceasefire holds.", "الهدنة صامدة."
    found = check_pair(src, tgt, "en", "ar", checks="terms", glossary=TinyGlossary())
    assert sorted((f.severity, f.src_span, f.tgt_span) for f in found) == [
        ("major", None, (2, 6)),
        ("minor", (4, 13), None),
    ]


def test_without_a_glossary_the_terms_check_finds_nothing():
    assert check_pair("The ceasefire holds.", "الهدنة صامدة.", "en", "ar", checks="terms") == []


# --- lines and files --------------------------------------------------------------------


def test_lines_are_numbered_from_one_and_blank_pairs_skipped():
    found = check_lines(["", "27 attacks.", "Why?"], ["", "٢٧ هجوماً.", ""], "en", "ar")
    assert [(f.line, f.check) for f in found] == [(3, "omission")]


def test_lines_checked_in_several_processes_give_the_same_findings(monkeypatch):
    import workbench.qa.run as run

    monkeypatch.setattr(run, "CHUNK", 3)
    src = ["27 attacks.", "Why?", SOURCE, "On 3 May 2021.", "", "Erbil.", "12 people."]
    tgt = ["٧٢ هجوماً.", "لماذا.", "", "في ٤ أيار ٢٠٢١.", "", "أربيل.", "١٢ شخصاً."]
    alone = check_lines(src, tgt, "en", "ar")
    assert [f.line for f in alone] == [1, 2, 3, 4]
    assert check_lines(src, tgt, "en", "ar", jobs=2) == alone


def test_files_of_different_length_are_refused(tmp_path):
    (tmp_path / "a").write_text("one\ntwo\n", encoding="utf-8")
    (tmp_path / "b").write_text("yek\n", encoding="utf-8")
    with pytest.raises(InputError, match="line-parallel"):
        check_files(tmp_path / "a", tmp_path / "b", "en", "kmr")


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    (tmp_path / "a").write_bytes("سلام".encode("cp1256"))
    (tmp_path / "b").write_text("x\n", encoding="utf-8")
    with pytest.raises(InputError, match="not UTF-8"):
        check_files(tmp_path / "a", tmp_path / "b", "ar", "en")


def test_json_has_exactly_the_documented_fields():
    [found] = check_lines(["27 attacks."], ["٧٢ هجوماً."], "en", "ar")
    data = json.loads(json.dumps(finding_json(found)))
    assert data == {
        "line": 1,
        "check": "numbers",
        "severity": "critical",
        "message": "English says 27 attacks; Arabic says ٧٢ هجوماً.",
        "src_span": [0, 2],
        "tgt_span": [0, 2],
    }
