"""Forged values for every input of the Review tab's QA and Matches handlers (the panels'
refresh, Dismiss, Use as edit text and its keys, and the QA filter), sent through the raw
HTTP queue by a viewer and a reviewer: each gets a message or a refusal, never a traceback or
markup of its own on the page, and no finding is dismissed but a real one by a reviewer who
said why."""

from __future__ import annotations

import pytest

from tests.hostile.conftest import serving
from tests.review.qa_samples import UPDATE, add_both
from workbench.store import qa as qa_store
from workbench.store import review

pytestmark = pytest.mark.timeout(300)

SCRIPT = "<script>alert('qa')</script>"
HOSTILE = {
    "none": None, "empty": "", "negative": -1, "huge": 2**70, "digits": "9" * 5000,
    "float": 1.5, "list": ["1", "2"], "dict": {"id": 1}, "markup": SCRIPT,
    "sql": "1; DROP TABLE qa_finding", "path": "../../../etc/passwd",
    "long": "x" * 100_000,
}  # fmt: skip
# handler (by the elem_id that starts it) -> the inputs to forge (by elem_id)
HANDLERS = {
    "wb-panel": ("wb-alignment", "wb-langs", "wb-bead-pick"),
    "wb-dismiss": ("wb-alignment", "wb-langs", "wb-bead-pick", "wb-finding", "wb-dismiss-why"),
    "wb-use-match": ("wb-alignment", "wb-langs", "wb-bead-pick", "wb-match"),
    "wb-match-key": ("wb-alignment", "wb-langs", "wb-bead-pick", "wb-match-key"),
    "wb-langs": ("wb-qa-filter",),  # the filters' handler reads the QA filter
}
CASES = [(h, i, v) for h, inputs in HANDLERS.items() for i in inputs for v in HOSTILE]


def _update(db) -> int:  # the update, with its finding
    return add_both(db)[1].id


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("served-panels"), _update) as app:
        yield app


@pytest.fixture
def fresh(tmp_path):
    """A served app of its own, whose finding no one has dismissed yet."""
    with serving(tmp_path, _update) as app:
        yield app


@pytest.fixture(scope="module")
def clients(served):
    made = {role: served.client(role) for role in ("viewer", "reviewer")}
    for client in made.values():
        _open_update(client)
    yield made
    for client in made.values():
        client.close()


def _open_update(client) -> None:
    """The session opens the update, as a reviewer's page would."""
    client.open_page()
    report = client.handler_of("wb-report")
    opened = client.call(report, client.defaults(report, wb_report=UPDATE))
    assert opened.success, opened.error


def _clean_bead(served) -> int:
    from workbench.store import alignments

    found = {f.bead for f in qa_store.findings_of(served.db, [served.alignment_id])}
    beads = alignments.get_alignment(served.db, served.alignment_id).beads
    return next(b.id for b in beads if b.id not in found)


def _dismissals(served) -> list:
    return [e for e in review.events(served.db, served.alignment_id) if e.action == "dismiss"]


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
@pytest.mark.parametrize(("trigger", "elem_id", "value"), CASES)
def test_a_forged_value_gets_a_message_never_a_traceback(
    served, clients, role, trigger, elem_id, value
):
    client = clients[role]
    handler = client.handler_of(trigger)
    [finding] = qa_store.findings_of(served.db, [served.alignment_id])
    # Dismiss with no finding chosen dismisses the bead's first (the d key): there, the bead
    # is one without a finding, so no forged value alone makes a real dismissal.
    bead = _clean_bead(served) if trigger == "wb-dismiss" else finding.bead
    real = {
        "wb_alignment": served.alignment_id, "wb_langs": ["en", "ar"],
        "wb_bead_pick": str(bead), "wb_finding": None, "wb_dismiss_why": "hostile",
        "wb_match": None, "wb_match_key": "i@1",
    }  # fmt: skip
    real[elem_id.replace("-", "_")] = HOSTILE[value] if isinstance(value, str) else value
    answer = client.call(handler, client.defaults(handler, **real))
    if elem_id in ("wb-bead-pick", "wb-dismiss-why", "wb-match-key") and isinstance(
        HOSTILE[value], str
    ):
        assert answer.success, answer.error  # a text box: the handler itself answers
    assert "Traceback" not in answer.raw and 'File "' not in answer.raw
    if answer.success:  # what the handlers show is escaped
        assert SCRIPT not in answer.text()
    else:  # Gradio's own refusal (a value not among the choices): a message
        assert answer.error, answer.raw[:500]
    assert _dismissals(served) == []  # no real finding was named with a reason by a writer


def test_a_reviewer_dismisses_the_real_finding_through_the_queue_and_a_viewer_cannot(
    served, clients
):
    [finding] = qa_store.findings_of(served.db, [served.alignment_id])
    for role in ("viewer", "reviewer"):
        client = clients[role]
        panel = client.handler_of("wb-panel")  # the bead chosen: its findings are offered
        where = {"wb_alignment": served.alignment_id, "wb_langs": ["en", "ar"],
                 "wb_bead_pick": str(finding.bead)}  # fmt: skip
        shown = client.call(panel, client.defaults(panel, **where))
        assert "English says 14,000 families" in shown.text()
        handler = client.handler_of("wb-dismiss")
        given = {
            "wb_alignment": served.alignment_id, "wb_langs": ["en", "ar"],
            "wb_bead_pick": str(finding.bead), "wb_finding": str(finding.id),
            "wb_dismiss_why": "the English is the typo",
        }  # fmt: skip
        answer = client.call(handler, client.defaults(handler, **given))
        assert "Traceback" not in answer.raw
    [event] = _dismissals(served)
    assert (event.user, event.comment) == ("amina", "the English is the typo")


@pytest.mark.parametrize("why", [SCRIPT, "   ", None])
def test_the_d_key_path_dismisses_the_beads_first_finding_with_a_reason_escaped(fresh, why):
    """Dismiss with no finding chosen (what d then Enter sends): a reviewer's forged reason is
    stored as text and shown escaped; no reason is a message; a viewer cannot."""
    [finding] = qa_store.findings_of(fresh.db, [fresh.alignment_id], include_dismissed=True)
    given = {
        "wb_alignment": fresh.alignment_id, "wb_langs": ["en", "ar"],
        "wb_bead_pick": str(finding.bead), "wb_finding": None, "wb_dismiss_why": why,
    }  # fmt: skip
    before = len(_dismissals(fresh))
    for role in ("viewer", "reviewer"):
        client = fresh.client(role)
        try:
            _open_update(client)
            handler = client.handler_of("wb-dismiss")
            answer = client.call(handler, client.defaults(handler, **given))
        finally:
            client.close()
        assert "Traceback" not in answer.raw and 'File "' not in answer.raw
        assert SCRIPT not in answer.text()
    made = _dismissals(fresh)[before:]
    assert [(e.user, e.comment) for e in made] == ([("amina", why)] if why and why.strip() else [])
