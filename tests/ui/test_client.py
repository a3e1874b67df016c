"""The running app driven through gradio_client, as an API user would (loopback only)."""

from __future__ import annotations

import pytest

from tests.review.samples import SENTENCES, add_report, served_store
from workbench.accounts import create_user
from workbench.config import load_settings
from workbench.errors import ConfigError
from workbench.store import review
from workbench.store.db import open_database
from workbench.ui import server

PUBLIC = {
    "reports", "review", "accept", "edit", "confirm", "flag", "mark_span", "comment", "split",
    "merge", "unalign", "undo", "history", "findings", "dismiss", "matches", "export", "align",
    "translate", "score", "jobs", "job_status", "job_start", "job_cancel", "job_resume",
    "term_candidates", "term_find", "term_accept", "term_reject",
}  # fmt: skip


@pytest.fixture(scope="module")
def served(tmp_path_factory, tiny_model):
    db, settings, _ = served_store(
        tmp_path_factory.mktemp("served"), tiny_model, ("en", "ar", "ckb")
    )
    running = server.start(settings, db)
    yield running, db
    running.stop()
    db.close()


@pytest.fixture(scope="module")
def amina(served):
    from gradio_client import Client

    return Client(served[0].url, auth=("amina", "correct horse"), verbose=False)


@pytest.fixture(scope="module")
def omar(served):
    from gradio_client import Client

    return Client(served[0].url, auth=("omar", "battery staple"), verbose=False)


def _page(client, **kw):
    return client.predict(report="Erbil water", languages=["en", "ar"], api_name="/review", **kw)


def test_only_the_documented_endpoints_are_public(amina):
    named = amina.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert {name.lstrip("/") for name in named} == PUBLIC


def test_review_page_lists_beads_worst_first(amina):
    page = _page(amina)
    assert [c["lang"] for c in page["columns"]] == ["en", "ar"]
    assert page["total"] == 5 and page["rows"][0]["number"] == 5
    assert page["rows"][-1]["texts"] == {"en": SENTENCES["en"][0], "ar": SENTENCES["ar"][0]}


def test_edit_by_language_is_stored_as_the_logged_in_reviewer(amina, served):
    page = _page(amina, order="document order")
    bead = page["rows"][1]["bead_id"]
    done = amina.predict(
        alignment_id=page["alignment_id"], bead_id=bead, texts={"ar": "نص مصحح"}, api_name="/edit"
    )
    assert (done["action"], done["user"], done["after"]) == (
        "edit",
        "amina",
        {"texts": {"1": "نص مصحح"}},
    )
    assert _page(amina, order="document order")["rows"][1]["texts"]["ar"] == "نص مصحح"


def test_a_viewer_can_read_but_the_server_refuses_a_change(omar, served):
    from gradio_client.exceptions import AppError

    page = _page(omar)
    before = len(review.events(served[1], page["alignment_id"]))
    with pytest.raises(AppError, match="omar is a viewer and cannot change anything"):
        omar.predict(
            alignment_id=page["alignment_id"],
            bead_id=page["rows"][0]["bead_id"],
            api_name="/accept",
        )
    assert len(review.events(served[1], page["alignment_id"])) == before


def test_errors_reach_the_client_as_their_message(amina):
    from gradio_client.exceptions import AppError

    page = _page(amina)
    with pytest.raises(AppError, match="Unknown error category 'spelling'"):
        amina.predict(
            alignment_id=page["alignment_id"], bead_id=page["rows"][0]["bead_id"],
            category="spelling", severity="minor", api_name="/flag",
        )  # fmt: skip
    with pytest.raises(AppError, match="has no 'kmr' version"):
        amina.predict(
            alignment_id=page["alignment_id"], bead_id=page["rows"][0]["bead_id"],
            texts={"kmr": "x"}, api_name="/edit",
        )  # fmt: skip


def test_flag_accept_undo_and_history(amina):
    page = _page(amina)
    aid, bead = page["alignment_id"], page["rows"][0]["bead_id"]
    amina.predict(alignment_id=aid, bead_id=bead, category="omission", severity="major",
                  comment="the date is missing", api_name="/flag")  # fmt: skip
    amina.predict(alignment_id=aid, bead_id=bead, api_name="/accept")
    undone = amina.predict(alignment_id=aid, api_name="/undo")
    assert undone["before"] == {"action": "accept"}
    history = amina.predict(alignment_id=aid, bead_id=bead, api_name="/history")
    assert [(e["action"], e["active"]) for e in history] == [
        ("flag", True), ("accept", False), ("undo", True)
    ]  # fmt: skip
    row = next(r for r in _page(amina)["rows"] if r["bead_id"] == bead)
    assert row["status"] == "flagged" and row["flags"][0]["comment"] == "the date is missing"


def test_merge_split_and_unalign(amina):
    page = _page(amina, order="document order")
    aid, first = page["alignment_id"], page["rows"][2]["bead_id"]
    amina.predict(alignment_id=aid, bead_id=first, api_name="/merge")
    merged = _page(amina, order="document order")["rows"][2]
    assert merged["kind"] == "2-2-2"
    amina.predict(alignment_id=aid, bead_id=merged["bead_id"], keep=[1, 1, 1], api_name="/split")
    parts = _page(amina, order="document order")["rows"][2:4]
    assert [p["kind"] for p in parts] == ["1-1-1", "1-1-1"]
    amina.predict(alignment_id=aid, bead_id=parts[0]["bead_id"], column=2, segment=2,
                  api_name="/unalign")  # fmt: skip
    assert _page(amina, order="document order")["total"] == 6


def test_an_edit_from_a_stale_base_is_refused_showing_both_versions(amina, served):
    from gradio_client.exceptions import AppError

    from workbench.records import User
    from workbench.review import actions

    page = _page(amina, order="document order")
    aid, row = page["alignment_id"], page["rows"][-1]
    started, arabic = row["texts"]["en"], row["texts"]["ar"]
    actions.edit(served[1], User("karwan", "reviewer"), aid, row["bead_id"], {0: "Their fix."})
    with pytest.raises(AppError, match="karwan changed the en text") as refused:
        amina.predict(
            alignment_id=aid, bead_id=row["bead_id"], texts={"en": "My fix.", "ar": arabic},
            bases={"en": started, "ar": arabic}, api_name="/edit",
        )  # fmt: skip
    assert "Yours: «My fix.»" in str(refused.value) and "Now: «Their fix.»" in str(refused.value)
    done = amina.predict(
        alignment_id=aid, bead_id=row["bead_id"], texts={"en": "My fix."},
        bases={"en": "Their fix."}, api_name="/edit",
    )  # fmt: skip
    assert done["before"] == {"texts": {"0": "Their fix."}}


def test_confirm_saves_what_changed_or_accepts_what_did_not(amina, omar, served):
    from gradio_client.exceptions import AppError

    from workbench.records import User
    from workbench.review import actions

    page = _page(amina, order="document order")
    aid, row = page["alignment_id"], page["rows"][3]  # a bead no later test reads
    texts = dict(row["texts"])
    earlier = len(review.events(served[1], aid, bead_id=row["bead_id"]))
    kept = amina.predict(alignment_id=aid, bead_id=row["bead_id"], texts=texts, bases=texts,
                         api_name="/confirm")  # fmt: skip
    assert (kept["action"], kept["user"]) == ("accept", "amina")
    saved = amina.predict(
        alignment_id=aid, bead_id=row["bead_id"], texts={**texts, "ar": "نص مؤكد"}, bases=texts,
        api_name="/confirm",
    )  # fmt: skip
    assert saved["action"] == "edit" and saved["after"] == {"texts": {"1": "نص مؤكد"}}
    actions.edit(served[1], User("karwan", "reviewer"), aid, row["bead_id"], {0: "Theirs."})
    with pytest.raises(AppError, match="karwan changed the en text"):
        amina.predict(
            alignment_id=aid, bead_id=row["bead_id"], texts={"en": "Mine."},
            bases={"en": texts["en"]}, api_name="/confirm",
        )  # fmt: skip
    with pytest.raises(AppError, match="(?i)viewer"):
        omar.predict(alignment_id=aid, bead_id=row["bead_id"], api_name="/confirm")
    mine = review.events(served[1], aid, bead_id=row["bead_id"])[earlier:]
    assert [(e.action, e.user) for e in mine] == [
        ("accept", "amina"), ("edit", "amina"), ("edit", "karwan"),
    ]  # fmt: skip


def test_export_tmx_reads_back(amina, tmp_path):
    from workbench.formats.api import read_file

    page = _page(amina)
    out = amina.predict(alignment_id=page["alignment_id"], format="tmx", languages=["en", "ar"],
                        api_name="/export")  # fmt: skip
    assert out["filename"].endswith("-en-ar.tmx")
    path = tmp_path / out["filename"]
    path.write_text(out["content"], encoding="utf-8")
    text = read_file(path)
    with_text = [r for r in _page(amina, size=500)["rows"] if any(r["texts"].values())]
    assert text.languages == ("en", "ar") and len(text.rows) == len(with_text)


def test_a_wrong_password_cannot_log_in(served):
    from gradio_client import Client

    with pytest.raises(ValueError, match="Could not login"):
        Client(served[0].url, auth=("amina", "wrong password"), verbose=False)


def test_failed_logins_are_throttled(tmp_path):
    import httpx

    db = open_database(tmp_path / "t.db")
    create_user(db, "amina", "correct horse", "reviewer")
    running = server.start(
        load_settings({"home": tmp_path}), db, throttle=server.LoginThrottle(attempts=2)
    )
    try:
        statuses = [
            httpx.post(
                running.url + "login", data={"username": "amina", "password": "nope"}
            ).status_code
            for _ in range(3)
        ]
        good = httpx.post(
            running.url + "login", data={"username": "amina", "password": "correct horse"}
        )
    finally:
        running.stop()
        db.close()
    assert statuses == [400, 400, 429]
    assert good.status_code == 429 and "try again in" in good.json()["detail"]


def test_without_accounts_the_local_user_acts_and_only_loopback_is_served(tmp_path):
    from gradio_client import Client

    db = open_database(tmp_path / "local.db")
    alignment = add_report(db)
    settings = load_settings({"home": tmp_path})
    with pytest.raises(ConfigError, match="Refusing to serve on 0.0.0.0"):
        server.start(settings, db, host="0.0.0.0")
    running = server.start(settings, db)
    try:
        client = Client(running.url, verbose=False)
        done = client.predict(
            alignment_id=alignment.id, bead_id=alignment.beads[0].id, api_name="/accept"
        )
    finally:
        running.stop()
        db.close()
    assert done["user"] and done["action"] == "accept"


def test_align_through_the_api(amina):
    made = amina.predict(report="Erbil water", languages=["en", "ckb"], api_name="/align")
    assert made["languages"] == ["en", "ckb"] and made["beads"] == 5
    page = amina.predict(report="Erbil water", languages=["en", "ckb"], api_name="/review")
    assert page["alignment_id"] == made["alignment_id"]


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "config"), ("POST", "gradio_api/call/review"), ("GET", "gradio_api/info")],
)
def test_nothing_answers_without_logging_in(served, method, path):
    import httpx

    answer = httpx.request(method, served[0].url + path, json={"data": ["Erbil water"]})
    assert answer.status_code == 401


def test_translate_through_the_api(omar):
    made = omar.predict(texts=["Two schools closed."], src="en", tgt="ar", api_name="/translate")
    assert made["path"] == ["en", "ar"] and len(made["translations"]) == 1
    assert made["signature"].startswith("model:")
    assert [o["origin"] for o in made["origins"][0]] == ["machine"]


def test_the_api_says_where_each_sentence_came_from(omar):
    texts = [f"{SENTENCES['en'][0]} Floods closed two roads.", SENTENCES["en"][1]]
    made = omar.predict(texts=texts, src="en", tgt="ar", profile="open", api_name="/translate")
    assert made["translations"][0].startswith(SENTENCES["ar"][0])
    first, second = made["origins"]
    assert [o["origin"] for o in first] == ["memory", "machine"] and first[0]["score"] >= 100
    assert first[1]["source"] == "Floods closed two roads." and first[1]["offers"] == []
    assert second[0]["origin"] == "memory"  # as reviewed: an earlier test may have edited it


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"model": "/etc"}, "Unknown model '/etc' for en-ar: choose one from the list"),
        ({"model": "../models/en-ar"}, "Unknown model"),
        ({"profile": "../../etc"}, "Unknown profile"),
        ({"model": "facebook/m2m100_418M"}, "workbench models pull facebook/m2m100_418M"),
    ],
)
def test_a_model_or_profile_the_api_does_not_offer_is_refused(amina, options, message):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=message):
        amina.predict(texts=["x"], src="en", tgt="ar", api_name="/translate", **options)


def test_a_missing_model_is_a_clear_api_error(amina):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="workbench models pull"):
        amina.predict(texts=["x"], src="en", tgt="kmr", api_name="/translate")


def test_review_page_with_machine_translation(amina):
    page = _page(amina, machine_translation=True)
    assert page["mt_language"] == "ar"
    assert all(row["mt"] is not None for row in page["rows"] if row["texts"]["en"])


def test_score_through_the_api(amina, omar, served):
    count = "SELECT count(*) FROM score"
    seen = omar.predict(reports=["Erbil water"], api_name="/score")
    assert seen["headline"] and served[1].connection().execute(count).fetchone()[0] == 0
    made = amina.predict(reports=["Erbil water"], lang="ar", api_name="/score")
    assert made["report"]["primary"] == "chrf" and made["report"]["kind"] == "report"
    assert served[1].connection().execute(count).fetchone()[0] > 0


def test_a_batch_job_started_through_the_api_runs_to_its_end(amina, omar):
    import time

    from gradio_client.exceptions import AppError

    from workbench.review.jobs import example_spec

    with pytest.raises(AppError, match="omar is a viewer and cannot change anything"):
        omar.predict(spec=example_spec(), api_name="/job_start")
    started = amina.predict(spec=example_spec(), api_name="/job_start")
    assert started["message"].startswith(f"Started job {started['id']} 'sample corpus'.")
    deadline = time.monotonic() + 180
    while (status := omar.predict(job_id=started["id"], api_name="/job_status"))["status"] in (
        "pending",
        "running",
    ):
        assert time.monotonic() < deadline, status
        time.sleep(0.3)
    assert (status["status"], status["failed"]) == ("done", 0)
    assert [s["step"] for s in status["steps"]] == ["ingest", "align", "export"]
    assert started["id"] in [job["id"] for job in omar.predict(api_name="/jobs")]
    with pytest.raises(AppError, match="already done; there is nothing to cancel"):
        amina.predict(job_id=started["id"], api_name="/job_cancel")
    with pytest.raises(AppError, match="There is no job 999"):
        omar.predict(job_id=999, api_name="/job_status")


def test_mark_span_stores_an_error_span_as_the_logged_in_reviewer(amina, omar, served):
    from gradio_client.exceptions import AppError

    page = _page(amina, order="document order")
    # the first bead whose Arabic is still the sample's (tests before this one edit some)
    row = next(r for r in page["rows"] if r["texts"]["ar"] in SENTENCES["ar"])
    bead, text = row["bead_id"], row["texts"]["ar"]
    words = text.split()[1]
    start = text.index(words)
    span = amina.predict(
        bead_id=bead, lang="ar", start=start, end=start + len(words),
        category="accuracy/mistranslation", severity="major", api_name="/mark_span",
    )  # fmt: skip
    assert (span["text"], span["user"], span["severity"]) == (words, "amina", "major")
    with pytest.raises(AppError, match="omar is a viewer and cannot change anything"):
        omar.predict(
            bead_id=bead, lang="ar", start=0, end=2, category="style", severity="minor",
            api_name="/mark_span",
        )  # fmt: skip
