"""The Review tab's QA column, QA filter, QA panel (with dismissal) and Matches panel, through
the handlers the screen uses (no browser)."""

from __future__ import annotations

import html
import re

import pytest

from tests.review.qa_samples import UPDATED, add_both
from workbench.errors import EditConflict, InputError, PermissionDenied
from workbench.qa.report import run_report_qa
from workbench.review.rows import Query, open_review, page_of
from workbench.store import review
from workbench.ui import columns, handlers
from workbench.ui.panels import qa_matches as panels

WRONG = 2  # the update's bead whose Arabic gives 41,000 for 14,000


@pytest.fixture
def update(db):
    return add_both(db)[1]


def _bead(update, place: int) -> int:
    return update.beads[place - 1].id


def _row(ctx, update, place: int):
    return open_review(ctx.db, update.id, ["en", "ar"]).row(_bead(update, place))


def test_the_qa_column_shows_the_check_and_count_coloured_by_severity(ctx, update):
    opened = open_review(ctx.db, update.id, ["en", "ar"])
    assert "QA" in [h.text for h in columns.headers(opened)]
    cell = columns.cells(opened, opened.row(_bead(update, WRONG)))
    assert (
        'class="wb-qa wb-sev-critical"' in cell
        and 'data-findings="1"' in cell
        and "numbers&nbsp;×1" in cell
    )
    clean = columns.cells(opened, opened.row(_bead(update, 1)))
    assert '<td class="wb-qa" data-findings="0"></td>' in clean
    [found] = columns.api_row(opened, opened.row(_bead(update, WRONG)))["qa"]
    assert (found["check"], found["severity"], found["langs"]) == (
        "numbers",
        "critical",
        ["en", "ar"],
    )


@pytest.mark.parametrize(
    ("wanted", "places"), [("all", [1, 2, 3]), ("any check", [2]), ("numbers", [2]), ("dates", [])]
)
def test_the_qa_filter_keeps_the_beads_with_findings(ctx, update, wanted, places):
    view = handlers.make_view(update.id, ["en", "ar"], order="document order", qa=wanted)
    shown = handlers.show(ctx, view)
    assert list(shown.bead_ids) == [_bead(update, p) for p in places]


def test_an_unknown_check_is_a_clear_error(ctx, update):
    view = handlers.make_view(update.id, ["en", "ar"], qa="spelling")
    with pytest.raises(InputError, match="Unknown QA check 'spelling': use one of all, any check"):
        handlers.show(ctx, view)


def test_the_qa_panel_gives_the_finding_in_full_and_offers_it_to_dismiss(ctx, update):
    panel = panels.qa(ctx, update.id, ["en", "ar"], _bead(update, WRONG))
    assert "English says 14,000 families; Arabic says 41,000" in panel.html
    assert "critical" in panel.html and len(panel.choices) == 1
    assert "No QA finding" in panels.qa(ctx, update.id, ["en", "ar"], _bead(update, 1)).html
    assert panels.qa(ctx, update.id, ["en", "ar"], None) == panels.NO_BEAD


def test_a_dismissal_is_stored_with_who_when_why_and_survives_reload_and_rerun(
    accounts_ctx, db, update
):
    ctx, bead = accounts_ctx, _bead(update, WRONG)
    [(_, finding)] = panels.qa(ctx, update.id, ["en", "ar"], bead).choices
    note, panel = panels.dismissed(
        ctx, "amina", update.id, ["en", "ar"], bead, finding, "the source is the typo"
    )
    assert "dismissed by amina" in note and panel.choices == ()
    assert "dismissed by amina" in panel.html and "the source is the typo" in panel.html
    [event] = [e for e in review.events(db, update.id) if e.action == "dismiss"]
    assert (event.user, event.bead_id, event.comment) == ("amina", bead, "the source is the typo")
    assert event.created_at
    run_report_qa(db, "Erbil water update")  # QA again on the same text
    again = _row(ctx, update, WRONG)
    assert again.qa and all(f.dismissed for f in again.qa)
    assert '<td class="wb-qa" data-findings="0"></td>' in columns.cells(
        open_review(db, update.id, ["en", "ar"]), again
    )
    view = handlers.make_view(update.id, ["en", "ar"], qa="any check")
    assert handlers.show(ctx, view).bead_ids == ()


@pytest.mark.parametrize(
    ("user", "finding", "why", "error", "message"),
    [
        ("omar", "1", "x", PermissionDenied, "omar is a viewer and cannot change anything"),
        ("amina", "1", "  ", InputError, "Say why the finding is dismissed"),
        ("amina", "", "x", InputError, "This bead has no QA finding to dismiss: press q"),
        ("amina", "one", "x", InputError, "'one' is not a finding number"),
        ("amina", "999", "x", Exception, "There is no QA finding 999"),
    ],
)
def test_bad_dismissals_are_refused_and_nothing_is_stored(
    accounts_ctx, db, update, user, finding, why, error, message
):
    with pytest.raises(error, match=message):
        panels.dismissed(accounts_ctx, user, update.id, ["en", "ar"], 1, finding, why)
    assert not [e for e in review.events(db, update.id) if e.action == "dismiss"]


def test_a_finding_of_another_alignment_is_not_dismissed_from_this_one(accounts_ctx, db):
    first, update = add_both(db)
    [finding] = [f for f in _row(accounts_ctx, update, WRONG).qa]
    with pytest.raises(InputError, match="is not one of this alignment's"):
        panels.dismissed(accounts_ctx, "amina", first.id, ["en", "ar"], 1, finding.id, "x")


def test_the_matches_panel_shows_score_origin_numbers_and_terms(ctx, update):
    panel = panels.matches(ctx, update.id, ["en", "ar"], _bead(update, WRONG))
    assert ">99<" in panel.html and ">aligned<" in panel.html
    assert "numbers substituted: 12,000 → 14,000" in panel.html
    assert "report Erbil water" in panel.html  # provenance
    assert panel.choices[0][1] == "1" and "14,000" in panel.choices[0][0]
    first = panels.matches(ctx, update.id, ["en", "ar"], _bead(update, 1))
    assert ">100<" in first.html and "Terms" in first.html and "أربيل" in first.html


def test_using_a_match_fills_the_second_box_and_save_keeps_its_conflict_check(ctx, db, update):
    bead = _bead(update, WRONG)
    view = handlers.make_view(update.id, ["en", "ar"])
    opened = handlers.editor(ctx, view, bead)
    slot, text = panels.use_match(ctx, update.id, ["en", "ar"], bead, "1")
    assert (slot, text) == (1, "تحصل نحو 14,000 عائلة الآن على مياه نظيفة.")
    boxes = [s.text for s in opened.slots]
    boxes[slot] = text
    details = handlers.Details(texts=boxes, bases=opened.bases)
    handlers.act(ctx, None, view, bead, "edit", details)
    assert _row(ctx, update, WRONG).texts == (UPDATED["en"][1], text)
    stale = handlers.Details(texts=[boxes[0], "نص آخر"], bases=opened.bases)
    with pytest.raises(EditConflict):  # someone saved since the boxes were filled
        handlers.act(ctx, None, view, bead, "edit", stale)


@pytest.mark.parametrize(
    ("choice", "message"),
    [("", "Choose which match to use first"), ("7", "There is no match 7 for this bead"),
     ("x", "'x' is not a match number"), ("0", "There is no match 0")],
)  # fmt: skip
def test_a_bad_match_choice_is_a_clear_error(ctx, update, choice, message):
    with pytest.raises(InputError, match=message):
        panels.use_match(ctx, update.id, ["en", "ar"], _bead(update, WRONG), choice)


def test_matches_need_a_bead_and_two_languages(ctx, update):
    assert panels.matches(ctx, update.id, ["en", "ar"], "") == panels.NO_BEAD
    with pytest.raises(InputError, match="Choose two languages"):
        panels.use_match(ctx, update.id, ["en"], _bead(update, 1), "1")


def test_the_findings_spans_are_marked_in_both_texts_and_leave_them_unchanged(ctx, update):
    opened = open_review(ctx.db, update.id, ["en", "ar"])
    row = opened.row(_bead(update, WRONG))
    [found] = row.qa
    cell = str(columns.cells(opened, row))
    for lang, text, (start, end) in zip(
        ("en", "ar"), row.texts, (found.src_span, found.tgt_span), strict=True
    ):
        td = re.search(rf'<td class="wb-text" lang="{lang}" dir="(ltr|rtl)"[^>]*>(.*?)</td>', cell)
        assert td is not None
        marked = re.search(r'<mark class="wb-qa-span wb-qa-critical" data-finding="\d+" '
                           r'title="numbers · critical: English says 14,000 families; '
                           r'Arabic says 41,000[^"]*">(.*?)</mark>', td.group(2))  # fmt: skip
        assert marked is not None and html.unescape(marked.group(1)) == text[start:end]
        assert html.unescape(re.sub(r"<[^>]+>", "", td.group(2))) == text
    assert cell.count("wb-qa-span") == 2
    assert "wb-qa-span" not in columns.cells(opened, opened.row(_bead(update, 1)))


def test_an_edited_or_dismissed_text_shows_no_qa_span(accounts_ctx, db, update):
    from workbench.records import User
    from workbench.review import actions

    bead = _bead(update, WRONG)
    actions.edit(db, User("amina", "reviewer"), update.id, bead, {1: "٤١ ألف عائلة تقريباً"})
    opened = open_review(db, update.id, ["en", "ar"])
    cell = str(columns.cells(opened, opened.row(bead)))
    assert cell.count("wb-qa-span") == 1  # the English one; the Arabic text is not the stored one
    panels.dismissed(accounts_ctx, "amina", update.id, ["en", "ar"], bead, "", "typo in source")
    opened = open_review(db, update.id, ["en", "ar"])
    assert "wb-qa-span" not in columns.cells(opened, opened.row(bead))


def test_without_a_chosen_finding_the_beads_first_is_dismissed(accounts_ctx, db, update):
    bead = _bead(update, WRONG)
    [(_, finding)] = panels.qa(accounts_ctx, update.id, ["en", "ar"], bead).choices
    note, panel = panels.dismissed(
        accounts_ctx, "amina", update.id, ["en", "ar"], bead, None, "rounded in the source"
    )
    assert f"Finding #{finding} dismissed by amina" in note and panel.choices == ()
    [event] = [e for e in review.events(db, update.id) if e.action == "dismiss"]
    assert (event.user, event.bead_id, event.comment) == ("amina", bead, "rounded in the source")
    with pytest.raises(InputError, match="Pick a bead with a QA finding first"):
        panels.dismissed(accounts_ctx, "amina", update.id, ["en", "ar"], "", None, "x")


def test_sorting_by_qa_severity_puts_beads_with_findings_first_and_pages(ctx, update):
    view = handlers.make_view(update.id, ["en", "ar"], order="QA severity")
    assert list(handlers.show(ctx, view).bead_ids) == [_bead(update, p) for p in (WRONG, 1, 3)]
    rows = open_review(ctx.db, update.id, ["en", "ar"]).rows
    pages = [page_of(rows, Query(order="QA severity", size=2, page=n)) for n in (1, 2)]
    assert [[r.number for r in p.rows] for p in pages] == [[WRONG, 1], [3]]
    assert pages[1].pages == 2 and pages[1].matching == 3


@pytest.mark.parametrize(
    ("pressed", "wanted"), [("i@17", "1"), ("3@17", "3"), ("5", "5"), ("", ""), (None, "")]
)
def test_a_key_names_the_match_it_puts_in(pressed, wanted):
    assert panels.match_key(pressed) == wanted


def test_the_key_i_gives_the_best_match_with_its_numbers_substituted(ctx, update):
    slot, text = panels.use_match(
        ctx, update.id, ["en", "ar"], _bead(update, WRONG), panels.match_key("i@1")
    )
    assert (slot, text) == (1, "تحصل نحو 14,000 عائلة الآن على مياه نظيفة.")
