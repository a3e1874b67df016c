"""The termbase: matching through morphology, TBX and CSV files, merging, candidates."""

from __future__ import annotations

import pytest

from workbench.errors import InputError, NotFound
from workbench.formats.glossary import read_glossary, write_glossary
from workbench.formats.tbx import read_tbx, write_tbx
from workbench.memory.termbase import (
    Termbase,
    accept_candidate,
    add_concepts,
    export_terms,
    import_terms,
    load_termbase,
    reject_candidate,
)
from workbench.records import Concept, Term, TermCandidate
from workbench.store import terms as store

ERBIL = Concept(
    (
        Term("Erbil", "en"),
        Term("Arbil", "en"),
        Term("Hawler", "en", forbidden=True, note="not in English copy"),
        Term("أربيل", "ar"),
        Term("هەولێر", "ckb"),
        Term("Hewlêr", "kmr"),
    ),
    subject="place",
    note="Capital of the Kurdistan Region.",
)
PESHMERGA = Concept(
    (
        Term("Peshmerga", "en"),
        Term("البيشمركة", "ar"),
        Term("پێشمەرگە", "ckb"),
        Term("pêşmerge", "kmr"),
    ),
    subject="organisation",
)
KRG = Concept(
    (
        Term("Kurdistan Regional Government", "en"),
        Term("حكومة إقليم كوردستان", "ar"),
        Term("حکوومەتی هەرێمی کوردستان", "ckb"),
        Term("Hikûmeta Herêma Kurdistanê", "kmr"),
    ),
    subject="organisation",
)
ISIS = Concept(
    (
        Term("ISIS", "en"),
        Term("Islamic State", "en", forbidden=True),
        Term("داعش", "ar"),
        Term("الدولة الإسلامية", "ar", forbidden=True),
    ),
)
TERMBASE = Termbase([ERBIL, PESHMERGA, KRG, ISIS])


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        # Arabic clitics: conjunctions, prepositions, the article, and their combinations
        (
            "ar",
            "وصلت قوات البيشمركة إلى أربيل وبأربيل ولأربيل",
            ["البيشمركة", "أربيل", "وبأربيل", "ولأربيل"],
        ),
        ("ar", "وللبيشمركة والبيشمركة وبيشمركة", ["وللبيشمركة", "والبيشمركة", "وبيشمركة"]),
        # teh marbuta written as teh before an attached pronoun
        ("ar", "قالت حكومتها إن حكومة إقليم كوردستان", ["حكومة إقليم كوردستان"]),
        # harakat and alef forms do not matter
        ("ar", "فِي اربيل", ["اربيل"]),
        # Sorani: izafe, definite, plural, postpositions
        (
            "ckb",
            "هێزەکانی پێشمەرگەی هەرێم لە هەولێردا و پێشمەرگەکان",
            ["پێشمەرگەی", "هەولێردا", "پێشمەرگەکان"],
        ),
        ("ckb", "حکوومەتی هەرێمی کوردستانەوە", ["حکوومەتی هەرێمی کوردستانەوە"]),
        # Kurmanji case endings, with y after a vowel
        ("kmr", "Hêzên pêşmergeyan li Hewlêrê û Hewlêra nû", ["pêşmergeyan", "Hewlêrê", "Hewlêra"]),
        ("kmr", "Hikûmeta Herêma Kurdistanê ragihand", ["Hikûmeta Herêma Kurdistanê"]),
        # English plural and possessive, case-insensitive
        ("en", "The Peshmerga's commanders met in ERBIL.", ["Peshmerga's", "ERBIL"]),
    ],
)
def test_terms_are_found_through_morphology(lang, text, found):
    assert [text[h.start : h.end] for h in TERMBASE.find(text, lang)] == found


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Erbilian roads; Peshmergawise"),  # endings the rules do not allow
        ("ar", "الأربيليون"),  # a longer word
        ("ckb", "هەولێرییەکانمان"),  # two endings at once
        ("kmr", "Hewlêrêê"),
    ],
)
def test_a_term_inside_a_longer_word_is_not_found(lang, text):
    assert TERMBASE.find(text, lang) == []


def test_a_hit_says_its_concept_term_offsets_and_whether_it_is_forbidden():
    text = "Officials of the Islamic State and ISIS, in Erbil."
    hits = TERMBASE.find(text, "en")
    assert [(text[h.start : h.end], h.term, h.forbidden) for h in hits] == [
        ("Islamic State", "Islamic State", True),
        ("ISIS", "ISIS", False),
        ("Erbil", "Erbil", False),
    ]
    assert hits[0].concept == hits[1].concept and hits[2].concept != hits[0].concept
    allowed = TERMBASE.terms(hits[0].concept, "ar", forbidden=False)
    assert [t.text for t in allowed] == ["داعش"]


def test_the_longest_term_wins_where_terms_overlap():
    base = Termbase(
        [Concept((Term("Kurdistan", "en"),)), Concept((Term("Kurdistan Region", "en"),))]
    )
    text = "the Kurdistan Region and Kurdistan"
    assert [text[h.start : h.end] for h in base.find(text, "en")] == [
        "Kurdistan Region",
        "Kurdistan",
    ]


def test_offsets_point_into_the_original_text_with_invisible_marks():
    text = "\u200fلە هەولێر\u200c دا"
    [hit] = TERMBASE.find(text, "ckb")
    assert text[hit.start : hit.end] == "هەولێر"


def test_tbx_round_trip_keeps_concepts_variants_notes_and_forbidden_terms(tmp_path):
    write_tbx([ERBIL, ISIS], tmp_path / "g.tbx")
    read = read_tbx(tmp_path / "g.tbx")
    assert [c.terms for c in read.concepts] == [ERBIL.terms, ISIS.terms]
    assert (read.concepts[0].subject, read.concepts[0].note) == ("place", ERBIL.note)


def test_translate_toolkit_reads_the_tbx_the_workbench_writes(tmp_path):
    from translate.storage.tbx import tbxfile

    write_tbx([ERBIL], tmp_path / "g.tbx")
    [unit] = tbxfile.parsefile(str(tmp_path / "g.tbx")).units
    assert [t.text for t in unit.get_source_terms()] == ["Erbil", "Arbil", "Hawler"]
    assert unit.get_source_terms()[2].deprecated
    assert [t.text for t in unit.get_target_terms("ckb")] == ["هەولێر"]


def test_tbx_3_and_other_tools_statuses_are_read(tmp_path):
    (tmp_path / "g.tbx").write_text(
        """<?xml version="1.0"?>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <text><body>
  <conceptEntry id="1">
   <descrip type="subjectField">place</descrip>
   <langSec xml:lang="en-GB"><termSec><term>Duhok</term></termSec>
     <termSec><term>Dahuk</term>
       <termNote type="administrativeStatus">notRecommended</termNote></termSec></langSec>
   <langSec xml:lang="fr"><termSec><term>Dohouk</term></termSec></langSec>
   <langSec xml:lang="ku-Latn"><termSec><term>Dihok</term></termSec></langSec>
  </conceptEntry>
 </body></text>
</tbx>""",
        encoding="utf-8",
    )
    read = read_tbx(tmp_path / "g.tbx")
    [concept] = read.concepts
    assert concept.terms == (Term("Duhok", "en"), Term("Dahuk", "en", True), Term("Dihok", "kmr"))
    assert concept.subject == "place" and read.skipped == ("fr",)


def test_a_tbx_declaring_entities_is_refused(tmp_path):
    (tmp_path / "g.tbx").write_text(
        '<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<martif><text><body><termEntry><langSet xml:lang='en'><tig><term>&x;</term></tig>"
        "</langSet></termEntry></body></text></martif>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="declares XML entities"):
        read_tbx(tmp_path / "g.tbx")


def test_csv_round_trip(tmp_path):
    write_glossary([ERBIL, KRG], tmp_path / "g.csv")
    header = (tmp_path / "g.csv").read_text(encoding="utf-8").splitlines()[0]
    assert (
        header
        == "id,subject,note,en,en_forbidden,ar,ar_forbidden,ckb,ckb_forbidden,kmr,kmr_forbidden"
    )
    read = read_glossary(tmp_path / "g.csv")
    strip = lambda c: tuple(Term(t.text, t.lang, t.forbidden) for t in c.terms)  # noqa: E731
    assert [c.terms for c in read.concepts] == [strip(ERBIL), strip(KRG)]
    assert read.concepts[0].note == ERBIL.note


def test_a_csv_with_an_unknown_column_says_which(tmp_path):
    (tmp_path / "g.csv").write_text("English,Klingon\nErbil,x\n", encoding="utf-8")
    with pytest.raises(InputError, match="'Klingon'"):
        read_glossary(tmp_path / "g.csv")


def test_a_concept_sharing_a_term_is_merged_so_importing_again_adds_nothing(db, tmp_path):
    write_tbx([ERBIL, PESHMERGA], tmp_path / "g.tbx")
    first = import_terms(db, tmp_path / "g.tbx")
    again = import_terms(db, tmp_path / "g.tbx")
    assert (first.concepts, first.merged) == (2, 0)
    assert (again.concepts, again.merged, again.terms) == (0, 2, 0)
    added = add_concepts(db, [Concept((Term("erbil", "en"), Term("Arbîl", "kmr")))])
    assert (added.concepts, added.merged, added.terms) == (0, 1, 2)
    assert len(load_termbase(db)) == 2


def test_export_writes_the_stored_termbase(db, tmp_path):
    with pytest.raises(InputError, match="termbase is empty"):
        export_terms(db, tmp_path / "g.tbx")
    add_concepts(db, [ERBIL])
    assert export_terms(db, tmp_path / "g.csv") == 1
    assert "Hawler" in (tmp_path / "g.csv").read_text(encoding="utf-8")


def test_accepting_candidates_grows_one_concept_and_decisions_stick(db):
    store.save_candidates(
        db,
        [
            TermCandidate("en", "ar", "Erbil", "أربيل", "name", 1.0, 3),
            TermCandidate("en", "ckb", "Erbil", "هەولێر", "name", 1.0, 3),
            TermCandidate("en", "ar", "areas", "المناطق", "phrase", 0.9, 4),
        ],
    )
    ids = {(c.tgt_lang, c.source): c.id for c in store.list_candidates(db)}
    first, second, third = ids[("ar", "Erbil")], ids[("ckb", "Erbil")], ids[("ar", "areas")]
    assert accept_candidate(db, first, "amina").terms_in("ar")[0].text == "أربيل"
    concept = accept_candidate(db, second, "amina")
    assert [t.lang for t in concept.terms] == ["en", "ar", "ckb"]
    reject_candidate(db, third, "karwan")
    with pytest.raises(InputError, match="rejected by karwan"):
        accept_candidate(db, third, "amina")
    store.save_candidates(db, [TermCandidate("en", "ar", "areas", "المناطق", "phrase", 0.8, 5)])
    assert store.get_candidate(db, third).status == "rejected"
    with pytest.raises(NotFound, match="no term candidate 999"):
        reject_candidate(db, 999, "amina")
