"""Forged values for every input of the Reports tab's term-candidate handlers (the list of a
report, the language pair, Find, Accept, Reject) and of the term API endpoints, sent through
the raw HTTP queue by a viewer and a reviewer: each gets a message or a refusal, never a
traceback or markup of its own on the page; a viewer decides nothing, and nothing is decided
that the sender did not name."""

from __future__ import annotations

import pytest

from tests.hostile.conftest import logged_in, serving
from tests.review.samples import add_report
from workbench.store import terms as store

pytestmark = pytest.mark.timeout(300)

SCRIPT = "<script>alert('terms')</script>"
HOSTILE = {
    "none": None, "empty": "", "negative": -1, "huge": 2**70, "digits": "9" * 5000,
    "float": 1.5, "list": ["x", "-1"], "dict": {"id": 1}, "markup": SCRIPT,
    "sql": "1; DROP TABLE term_candidate", "path": "../../../etc/passwd", "long": "x" * 100_000,
    "ids": [SCRIPT, "2**70"],
}  # fmt: skip
# handler (by the elem_id that starts it) -> the inputs to forge (by elem_id)
HANDLERS = {
    "wb-work-report": ("wb-work-report",),
    "wb-terms-pair": ("wb-work-report", "wb-terms-pair"),
    "wb-terms-find": ("wb-work-report", "wb-terms-pair"),
    "wb-terms-accept": ("wb-work-report", "wb-terms-pair", "wb-term-candidates"),
    "wb-terms-reject": ("wb-work-report", "wb-terms-pair", "wb-term-candidates"),
}
# API endpoint -> its arguments as a client would send them, with one to forge
ENDPOINTS = {
    "term_candidates": lambda v: [REPORT, v],
    "term_find": lambda v: [v],
    "term_accept": lambda v: [v],
    "term_reject": lambda v: [v],
}
CASES = [(h, i, v) for h, inputs in HANDLERS.items() for i in inputs for v in HOSTILE]
REPORT = "Erbil water"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    def erbil_water(db) -> int:
        return add_report(db, langs=("en", "ar", "ckb", "kmr")).id

    with serving(tmp_path_factory.mktemp("served-terms"), erbil_water) as served:
        yield served


@pytest.fixture(scope="module")
def clients(served):
    with logged_in(served) as made:
        find = made["reviewer"].handler_of("wb-terms-find")
        found = made["reviewer"].call(find, [REPORT, ""])
        assert found.success and "term candidate(s) waiting" in found.text(), found.raw[:500]
        yield made


def _decided(served) -> list:
    return [c for c in store.list_candidates(served.db) if c.status != "pending"]


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
@pytest.mark.parametrize(("trigger", "elem_id", "value"), CASES)
def test_a_forged_value_gets_a_message_never_a_traceback(
    served, clients, role, trigger, elem_id, value
):
    client = clients[role]
    handler = client.handler_of(trigger, shows="wb-terms-message")
    real = {"wb_work_report": REPORT, "wb_terms_pair": "", "wb_term_candidates": []}
    real[elem_id.replace("-", "_")] = HOSTILE[value]
    answer = client.call(handler, client.defaults(handler, **real))
    assert "Traceback" not in answer.raw and 'File "' not in answer.raw
    if answer.success:  # what the handlers show is escaped
        assert SCRIPT not in answer.text()
    else:  # Gradio's own refusal (a value not among the choices): a message
        assert answer.error, answer.raw[:500]
    assert _decided(served) == []  # no real candidate was named


def test_a_reviewer_accepts_and_rejects_through_the_queue_and_a_viewer_cannot(served, clients):
    pending = store.list_candidates(served.db, "pending")
    first, second = str(pending[0].id), str(pending[1].id)
    viewer = clients["viewer"]
    for trigger in ("wb-terms-accept", "wb-terms-reject", "wb-terms-find"):
        handler = viewer.handler_of(trigger, shows="wb-terms-message")
        given = {"wb_work_report": REPORT, "wb_term_candidates": [first]}
        answer = viewer.call(handler, viewer.defaults(handler, **given))
        assert "omar is a viewer and cannot change anything" in answer.text() or answer.error
    assert _decided(served) == []
    reviewer = clients["reviewer"]
    for trigger, chosen in (("wb-terms-accept", first), ("wb-terms-reject", second)):
        handler = reviewer.handler_of(trigger, shows="wb-terms-message")
        given = {"wb_work_report": REPORT, "wb_term_candidates": [chosen]}
        answer = reviewer.call(handler, reviewer.defaults(handler, **given))
        assert answer.success and "Traceback" not in answer.raw, answer.raw[:500]
    decided = {str(c.id): (c.status, c.user) for c in _decided(served)}
    assert decided == {first: ("accepted", "amina"), second: ("rejected", "amina")}


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
@pytest.mark.parametrize("value", list(HOSTILE))
def test_a_forged_api_call_is_refused_with_a_message(served, clients, role, endpoint, value):
    client, before = clients[role], _decided(served)
    answer = client.call(client.handler(endpoint), ENDPOINTS[endpoint](HOSTILE[value]))
    assert "Traceback" not in answer.raw and 'File "' not in answer.raw
    assert "Something went wrong" not in (answer.error or ""), answer.error
    if not answer.success:
        assert answer.error, answer.raw[:500]
    assert _decided(served) == before


def test_the_api_lists_by_pair_and_decides_as_the_reviewer(served, clients):
    reviewer, viewer = clients["reviewer"], clients["viewer"]
    before = {c.id for c in _decided(served)}
    listed = reviewer.call(reviewer.handler("term_candidates"), [REPORT, "en-kmr"])
    assert listed.success, listed.error
    [rows] = listed.output
    assert rows and {(r["src_lang"], r["tgt_lang"]) for r in rows} == {("en", "kmr")}
    wrong = reviewer.call(reviewer.handler("term_candidates"), [REPORT, "en-xx"])
    assert not wrong.success and "not a language pair" in wrong.error
    first = rows[0]["id"]
    refused = viewer.call(viewer.handler("term_accept"), [[first]])
    assert not refused.success and "viewer" in refused.error
    accepted = reviewer.call(reviewer.handler("term_accept"), [[first]])
    assert accepted.success and "Accepted into the termbase" in accepted.output[0]["message"]
    again = reviewer.call(reviewer.handler("term_reject"), [[first]])
    assert not again.success and "accepted by amina already" in again.error
    now = [(c.id, c.status) for c in _decided(served) if c.id not in before]
    assert now == [(first, "accepted")]
