"""The Review tab's error-span handlers read a selection the page sends as JSON and a span id:
a forged request can send anything there. Through the raw queue, as a reviewer and as a
viewer: junk, wrong types, offsets outside the text, words that are not at those offsets, a
bead of nowhere, a huge value, a span id that is not one. Each answer is a clear message in the
tab's message box (no traceback, no internals), and nothing is stored."""

from __future__ import annotations

import json

import pytest

from workbench.store import alignments, review

pytestmark = pytest.mark.timeout(180)


def _pick(bead, start=0, end=3, text=None, column=1):
    return json.dumps({"bead": bead, "column": column, "start": start, "end": end, "text": text})


FORGED = {
    "not-json": lambda bead, text: "{bead: 1",
    "a-list": lambda bead, text: "[1, 2, 3]",
    "string-offsets": lambda bead, text: _pick(bead, "0", "3", text[:3]),
    "negative": lambda bead, text: _pick(bead, -4, 3, text[:3]),
    "past-the-end": lambda bead, text: _pick(bead, 0, 10_000, text),
    "other-words": lambda bead, text: _pick(bead, 0, 3, "xyz"),
    "bead-of-nowhere": lambda bead, text: _pick(99_999, 0, 3, text[:3]),
    "column-of-nowhere": lambda bead, text: _pick(bead, 0, 3, text[:3], column=42),
    "huge": lambda bead, text: _pick(bead, 0, 3, "x" * 50_000),
    "bool-column": lambda bead, text: _pick(bead, 0, 3, text[:3], column=True),
}
PROBLEM = "wb-notice-problem"


def _opened(client):
    loaded = client.open_page()
    load = next(h for h in client.handlers() if "load" in h.events)
    return loaded.output[load.position("wb-alignment", "outputs")]["value"]


@pytest.mark.parametrize("role", ["reviewer", "viewer"])
@pytest.mark.parametrize("forged", list(FORGED))
def test_a_forged_selection_is_refused_with_a_message(served_app, role, forged):
    from tests.review.samples import SENTENCES

    db, alignment = served_app.db, served_app.alignment_id
    bead = alignments.current_beads(db, alignment)[0].id
    before = len(review.events(db, alignment))
    with served_app.client(role) as client:
        chosen = _opened(client)
        mark = client.handler_of("wb-span-add")
        value = FORGED[forged](bead, SENTENCES["ar"][0])
        answer = client.call(mark, client.defaults(mark, wb_alignment=chosen, wb_span_pick=value))
    assert answer.success, answer.error
    shown = answer.text()
    assert PROBLEM in shown and "Traceback" not in shown and "sqlite" not in shown.lower()
    assert "Something went wrong" not in shown, shown[:400]
    assert len(review.events(db, alignment)) == before


@pytest.mark.parametrize("value", ["abc", "-1@1", "99999@5", "1e9", "", "@"])
def test_a_forged_span_id_to_remove_is_refused(served_app, value):
    db, alignment = served_app.db, served_app.alignment_id
    before = len(review.events(db, alignment))
    with served_app.client("reviewer") as client:
        chosen = _opened(client)
        drop = client.handler_of("wb-span-drop")
        data = client.defaults(drop, wb_alignment=chosen, wb_bead_pick="1", wb_span_drop=value)
        answer = client.call(drop, data)
    assert answer.success, answer.error
    shown = answer.text()
    if value:  # an empty value is the page clearing the box: nothing to do
        assert PROBLEM in shown and "Something went wrong" not in shown, shown[:400]
    assert "Traceback" not in shown
    assert len(review.events(db, alignment)) == before


@pytest.mark.parametrize("value", ["abc", "-1@1", "99999@5", "1e9", "1; DROP TABLE bead", "@"])
def test_a_forged_point_of_the_path_picture_is_refused(served_app, value):
    with served_app.client("viewer") as client:
        chosen = _opened(client)
        point = client.handler_of("wb-path-pick")
        answer = client.call(point, client.defaults(point, wb_alignment=chosen, wb_path_pick=value))
    assert answer.success, answer.error
    shown = answer.text()
    assert PROBLEM in shown and "Something went wrong" not in shown, shown[:400]
    assert "Traceback" not in shown
