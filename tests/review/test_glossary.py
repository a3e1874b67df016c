"""Glossary terms in the review table: found through each language's morphology, with the
concept's terms in the other languages as hover text, forbidden ones told apart, and the cell
text escaped (tests of the domain, then of the cells the table shows)."""

from __future__ import annotations

import pytest

from tests.review.qa_samples import add_both
from workbench.memory.termbase import Termbase
from workbench.records import Concept, Term, User
from workbench.review.actions import edit
from workbench.review.glossary import term_spans
from workbench.review.rows import open_review
from workbench.ui import columns

ERBIL = Concept(
    (Term("Erbil", "en"), Term("أربيل", "ar"), Term("هەولێر", "ckb"), Term("Hewlêr", "kmr"),
     Term("Arbil", "en", forbidden=True)),
    note="capital of the Kurdistan Region",
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [("The station in Erbil reopened.", "en", "Erbil"),
     ("أعيد افتتاح المحطة في أربيل.", "ar", "أربيل"),
     ("وصل الوفد لأربيل أمس.", "ar", "لأربيل"),  # a clitic before the name
     ("وێستگەکە لە هەولێرەکە", "ckb", "هەولێرەکە"),  # the Sorani definite
     ("Stasyon li Hewlêrê vebû.", "kmr", "Hewlêrê")],  # a Kurmanji case ending
)  # fmt: skip
def test_a_term_is_found_through_morphology_with_the_other_languages_as_title(text, lang, found):
    [span] = term_spans(Termbase([ERBIL]), text, lang)
    assert text[span.start : span.end] == found and not span.forbidden
    others = {"en": "English: Erbil", "ar": "Arabic: أربيل", "ckb": "Sorani: هەولێر",
              "kmr": "Kurmanji: Hewlêr"}  # fmt: skip
    lines = span.title.split("\n")
    assert lines[0].startswith("Term «") and lines[-1] == "capital of the Kurdistan Region"
    assert lines[1:-1] == [line for other, line in others.items() if other != lang]


def test_a_forbidden_term_says_which_to_use_and_a_longer_word_is_no_term():
    text = "Arbil, Erbilian"
    [span] = term_spans(Termbase([ERBIL]), text, "en")
    assert (text[span.start : span.end], span.forbidden) == ("Arbil", True)
    assert span.title.startswith("Forbidden term «Arbil»: use\nEnglish: Erbil\nArabic: أربيل")


def test_no_termbase_no_terms():
    assert term_spans(None, "Erbil", "en") == [] and term_spans(Termbase([]), "Erbil", "en") == []


def test_the_table_cells_mark_terms_beside_error_spans_and_escape_the_text(db):
    _, update = add_both(db)  # its termbase: Erbil = أربيل, Arbil forbidden
    opened = open_review(db, update.id, ["en", "ar"])
    html = str(columns.cells(opened, opened.rows[0]))
    assert '<mark class="wb-term" title="Term «Erbil»\nArabic: أربيل">Erbil</mark>' in html
    assert '<mark class="wb-term" title="Term «أربيل»\nEnglish: Erbil">أربيل</mark>' in html


def test_a_forbidden_term_in_a_cell_is_marked_apart_in_escaped_text(db):
    _, update = add_both(db)
    bead = update.beads[0].id
    edit(db, User("amina", "reviewer"), update.id, bead, {0: "The <script>x</script> in Arbil."})
    opened = open_review(db, update.id, ["en", "ar"])
    html = str(columns.cells(opened, opened.row(bead)))
    assert '<mark class="wb-term wb-term-forbidden" title="Forbidden term «Arbil»: use' in html
    assert "<script>" not in html and "The &lt;script&gt;x&lt;/script&gt; in <mark" in html


def test_a_term_added_while_the_report_is_open_is_marked_on_the_next_page(db):
    from workbench.memory.termbase import add_concepts
    from workbench.review.rows import Sources

    _, update = add_both(db)
    sources = Sources()  # as the server keeps it between pages
    first = open_review(db, update.id, ["en", "ar"], sources=sources)
    assert open_review(db, update.id, ["en", "ar"], sources=sources) is first  # nothing changed
    add_concepts(db, [Concept((Term("families", "en"), Term("عائلة", "ar")))])
    after = open_review(db, update.id, ["en", "ar"], sources=sources)
    assert after is not first and len(after.termbase or ()) == len(first.termbase or ()) + 1
    html = "".join(str(columns.cells(after, row)) for row in after.rows)
    assert '<mark class="wb-term" title="Term «families»' in html
