"""The Review tab's error-span handlers (workbench.ui.spans) and the marks in the table's cells."""

import json

import pytest

from tests.review.samples import SENTENCES
from workbench.errors import InputError, PermissionDenied
from workbench.mqm.spans import spans_for_bead
from workbench.records import User
from workbench.review import actions
from workbench.ui import handlers, spans
from workbench.ui.handlers import make_view
from workbench.ui.marks import marked_text


def _pick(bead, words, lang="ar", column=1, number=0):
    text = SENTENCES[lang][number]
    start = text.index(words)
    return json.dumps(
        {"bead": bead, "column": column, "start": start, "end": start + len(words), "text": words}
    )


def test_mark_stores_the_span_and_the_cell_shows_it(ctx, alignment):
    view = make_view(alignment.id, ["en", "ar"])
    bead = alignment.beads[0].id
    words = SENTENCES["ar"][0].split()[2]
    outcome = spans.mark(ctx, None, view, _pick(bead, words), "accuracy/omission", "major")
    [span] = spans_for_bead(ctx.db, bead)
    assert (span.text, span.column, span.category, span.severity) == (
        words, 1, "accuracy/omission", "major",
    )  # fmt: skip
    assert f'data-span="{span.id}"' in outcome.shown.table and words in outcome.editor.panel
    assert outcome.editor.bead_id == bead and "Marked" in outcome.message
    line = spans.mqm_line(ctx, alignment.id)
    assert "5 penalty points in 1 error over" in line and 'data-lang="ar"' in line

    outcome = spans.unmark(ctx, None, view, bead, f"{span.id}@123")
    assert spans_for_bead(ctx.db, bead) == [] and "wb-span" not in outcome.shown.table


def test_a_selection_on_a_text_changed_since_is_refused(ctx, alignment):
    view = make_view(alignment.id, ["en", "ar"])
    bead = alignment.beads[0].id
    words = SENTENCES["ar"][0].split()[1]
    value = _pick(bead, words)
    actions.edit(ctx.db, User("karwan", "reviewer"), alignment.id, bead, {1: "نص آخر تماما"})
    with pytest.raises(InputError, match="changed since the page showed it"):
        spans.mark(ctx, None, view, value, "style", "minor")
    assert spans_for_bead(ctx.db, bead) == []


def test_a_viewer_cannot_mark(accounts_ctx, alignment):
    view = make_view(alignment.id, ["en", "ar"])
    value = _pick(alignment.beads[0].id, SENTENCES["ar"][0].split()[1])
    with pytest.raises(PermissionDenied):
        spans.mark(accounts_ctx, "omar", view, value, "style", "minor")


@pytest.mark.parametrize(
    "value", ["", "{", "[]", '{"bead": 1}', '{"bead": 1, "column": 0, "start": -1, "end": 2}']
)
def test_a_broken_selection_says_select_again(value):
    with pytest.raises(InputError, match="[Ss]elect"):
        spans.picked(value)


def test_marks_keep_the_text_and_show_the_worst_where_spans_overlap():
    text = "one <two> three"
    found = [
        {"id": 1, "start": 0, "end": 9, "severity": "minor", "category": "style", "user": "a"},
        {"id": 2, "start": 4, "end": 9, "severity": "major", "category": "style", "user": "b"},
        {"id": 3, "start": 10, "end": 15, "severity": "critical", "category": "x", "user": "c",
         "stale": {"reason": "edited"}},
    ]  # fmt: skip
    html = str(marked_text(text, found))
    assert html.count("<mark") == 2 and "&lt;two&gt;" in html
    assert 'wb-sev-major" data-span="2"' in html and "critical" not in html
    assert handlers.friendly(InputError("x")) == "x"
