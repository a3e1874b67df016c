"""The public /confirm endpoint (Ctrl+Enter) through the raw HTTP queue, as a forged client
would call it: wrong types, a bead or alignment of nowhere, a column of nowhere, a huge text,
a viewer, no login. Each is refused with a clear message (no traceback, no internals) and
nothing is stored; a well-formed call from a reviewer is stored exactly once."""

from __future__ import annotations

import pytest

from workbench.store import alignments, review

pytestmark = pytest.mark.timeout(180)

FORGED = {
    "string-bead": lambda a, b: [a, "one", None, None],
    "list-alignment": lambda a, b: [[a], b, None, None],
    "bead-of-nowhere": lambda a, b: [a, 99_999, None, None],
    "alignment-of-nowhere": lambda a, b: [99_999, b, None, None],
    "texts-not-a-dict": lambda a, b: [a, b, ["x"], None],
    "language-of-nowhere": lambda a, b: [a, b, {"kmr": "x"}, None],
    "column-of-nowhere": lambda a, b: [a, b, {"42": "x"}, None],
    "huge-text": lambda a, b: [a, b, {"ar": "x" * 2_000_000}, None],
    "bases-not-a-dict": lambda a, b: [a, b, {"ar": "x"}, "base"],
}


def _bead(served_app) -> int:
    return alignments.current_beads(served_app.db, served_app.alignment_id)[2].id


@pytest.mark.parametrize("forged", list(FORGED))
def test_a_forged_confirm_is_refused_with_a_message(served_app, forged):
    db, aid = served_app.db, served_app.alignment_id
    before = len(review.events(db, aid))
    with served_app.client("reviewer") as client:
        answer = client.call(client.handler("confirm"), FORGED[forged](aid, _bead(served_app)))
    assert not answer.success
    error = answer.error or ""
    assert error and "Traceback" not in answer.raw and "sqlite" not in answer.raw.lower()
    assert "Something went wrong" not in error, error[:300]
    assert len(review.events(db, aid)) == before


@pytest.mark.parametrize("role", ["viewer", None])
def test_only_a_writer_confirms(served_app, role):
    db, aid = served_app.db, served_app.alignment_id
    before = len(review.events(db, aid))
    with served_app.client(role) as client:
        if role is None:
            with pytest.raises(Exception):  # noqa: B017 - any refusal: no handler list, no call
                client.call(client.handler("confirm"), [aid, _bead(served_app), None, None])
            answer = None
        else:
            answer = client.call(client.handler("confirm"), [aid, _bead(served_app), None, None])
    if answer is not None:
        assert not answer.success and "viewer" in (answer.error or "").lower()
    assert len(review.events(db, aid)) == before


def test_a_reviewers_confirm_is_stored_once(served_app):
    db, aid, bead = served_app.db, served_app.alignment_id, _bead(served_app)
    before = review.events(db, aid, bead_id=bead)
    with served_app.client("reviewer") as client:
        answer = client.call(client.handler("confirm"), [aid, bead, None, None])
    assert answer.success, answer.error
    after = review.events(db, aid, bead_id=bead)
    assert [(e.action, e.user) for e in after[len(before) :]] == [("accept", "amina")]
