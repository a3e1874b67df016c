"""QA findings, their dismissal and memory matches through gradio_client, as an API user
would reach them (loopback only)."""

from __future__ import annotations

import pytest

from tests.review.qa_samples import UPDATE, add_both
from workbench.accounts import create_user
from workbench.config import load_settings
from workbench.store import review
from workbench.store.db import open_database
from workbench.ui import server


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served-qa")
    db = open_database(folder / "ui.db")
    add_both(db)
    create_user(db, "amina", "correct horse", "reviewer")
    create_user(db, "omar", "battery staple", "viewer")
    running = server.start(load_settings({"home": folder}), db)
    yield running, db
    running.stop()
    db.close()


def _client(served, name, password):
    from gradio_client import Client

    return Client(served[0].url, auth=(name, password), verbose=False)


@pytest.fixture(scope="module")
def amina(served):
    return _client(served, "amina", "correct horse")


@pytest.fixture(scope="module")
def omar(served):
    return _client(served, "omar", "battery staple")


def _page(client, **kw):
    return client.predict(report=UPDATE, languages=["en", "ar"], api_name="/review", **kw)


def test_the_review_page_filters_by_qa_and_lists_findings(amina):
    page = _page(amina, qa="any check")
    assert page["matching"] == 1
    [finding] = page["rows"][0]["qa"]
    assert (finding["check"], finding["severity"], finding["dismissed"]) == (
        "numbers", "critical", None
    )  # fmt: skip
    assert _page(amina, qa="dates")["matching"] == 0 and _page(amina)["matching"] == 3


def test_the_review_page_sorts_by_qa_severity(amina):
    numbers = [row["number"] for row in _page(amina, order="QA severity")["rows"]]
    assert numbers == [2, 1, 3]  # the critical finding's bead first, then document order
    assert [row["number"] for row in _page(amina, order="document order")["rows"]] == [1, 2, 3]


def test_a_viewer_cannot_dismiss_and_a_reviewer_can(amina, omar, served):
    from gradio_client.exceptions import AppError

    row = _page(amina, qa="numbers")["rows"][0]
    aid, finding = _page(amina)["alignment_id"], row["qa"][0]["id"]
    with pytest.raises(AppError, match="omar is a viewer and cannot change anything"):
        omar.predict(alignment_id=aid, finding_id=finding, why="typo", api_name="/dismiss")
    with pytest.raises(AppError, match="Say why the finding is dismissed"):
        amina.predict(alignment_id=aid, finding_id=finding, why=" ", api_name="/dismiss")
    done = amina.predict(
        alignment_id=aid, finding_id=finding, why="the source is wrong", api_name="/dismiss"
    )
    assert (done["action"], done["user"], done["comment"]) == (
        "dismiss", "amina", "the source is wrong"
    )  # fmt: skip
    [listed] = amina.predict(alignment_id=aid, bead_id=row["bead_id"], api_name="/findings")
    assert listed["dismissed"]["user"] == "amina" and listed["dismissed"]["at"]
    assert _page(amina, qa="any check")["matching"] == 0
    assert [e.action for e in review.events(served[1], aid)] == ["dismiss"]


def test_matches_of_a_bead_with_numbers_substituted_and_terms(omar):
    page = _page(omar, order="document order")
    aid, rows = page["alignment_id"], page["rows"]
    found = omar.predict(
        alignment_id=aid, bead_id=rows[1]["bead_id"], src="en", tgt="ar", api_name="/matches"
    )
    [best] = found["matches"]
    assert (best["score"], best["origin"]) == (99, "aligned")
    assert best["numbers"] == [["12,000", "14,000"]] and "14,000" in best["target"]
    first = omar.predict(
        alignment_id=aid, bead_id=rows[0]["bead_id"], src="en", tgt="ar", api_name="/matches"
    )
    assert {(t["found"], t["others"][0]) for t in first["terms"]} >= {("Erbil", "أربيل")}


def test_matches_of_a_language_the_alignment_lacks_is_a_clear_error(amina):
    from gradio_client.exceptions import AppError

    page = _page(amina)
    with pytest.raises(AppError, match="This alignment has no .kmr. version; it joins en, ar"):
        amina.predict(
            alignment_id=page["alignment_id"], bead_id=page["rows"][0]["bead_id"],
            src="kmr", tgt="ar", api_name="/matches",
        )  # fmt: skip
