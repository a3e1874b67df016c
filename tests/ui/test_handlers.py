import shutil

import pytest

from tests.review.samples import SENTENCES, add_report
from workbench.errors import InputError, NotFound, PermissionDenied
from workbench.store import reports, review
from workbench.ui import handlers
from workbench.ui.handlers import Details, act, make_view
from workbench.ui.tabs import jobs


def _view(alignment, langs=("en", "ar"), **kw):
    return make_view(alignment.id, list(langs), **kw)


def test_make_view_turns_slider_tops_into_no_filter(alignment):
    view = make_view(alignment.id, ["en", "ar"], below_score=100, below_confidence=1.0)
    assert view.query.below_score is None and view.query.below_confidence is None
    view = make_view(alignment.id, ["en", "ar"], below_score=40, below_confidence=0.5, page=3)
    assert (view.query.below_score, view.query.below_confidence, view.query.page) == (40, 0.5, 3)


def test_make_view_needs_an_alignment():
    with pytest.raises(InputError, match="Choose a report"):
        make_view(None)


def test_one_language_is_not_side_by_side(ctx, alignment):
    with pytest.raises(InputError, match="at least two"):
        handlers.show(ctx, make_view(alignment.id, ["en"]))


def test_show_renders_the_page_worst_first(ctx, alignment):
    shown = handlers.show(ctx, _view(alignment))
    assert shown.bead_ids == tuple(b.id for b in reversed(alignment.beads))
    assert "Reviewed 0 / 5" in shown.progress and (shown.page, shown.pages) == (1, 1)


def test_editor_has_a_slot_per_shown_language_with_its_direction(ctx, alignment):
    editor = handlers.editor(ctx, _view(alignment, ("en", "ckb")), alignment.beads[0].id)
    assert [(s.lang, s.rtl, s.column) for s in editor.slots] == [("en", False, 0), ("ckb", True, 2)]
    assert editor.slots[1].text == SENTENCES["ckb"][0]
    assert editor.split_hint == "1 1 0"
    assert editor.sentences[0] == (handlers.EVERY_SENTENCE, handlers.EVERY_SENTENCE)
    assert ("ar 0: " + SENTENCES["ar"][0], "1:0") in editor.sentences


def test_editor_without_a_bead_asks_for_one(ctx, alignment):
    assert "Pick a bead" in handlers.editor(ctx, _view(alignment), None).panel


def test_accept_moves_to_the_next_bead_of_the_page(ctx, alignment):
    view = _view(alignment)
    first, second = handlers.show(ctx, view).bead_ids[:2]
    outcome = act(ctx, None, view, first, "accept")
    assert outcome.message == "Accepted." and outcome.editor.bead_id == second
    assert "Reviewed 1 / 5" in outcome.shown.progress


def test_accepting_a_bead_that_leaves_the_filter_picks_the_one_after_it(ctx, alignment):
    view = _view(alignment, status="unreviewed", order="document order")
    ids = handlers.show(ctx, view).bead_ids
    outcome = act(ctx, None, view, ids[1], "accept", page_ids=ids)
    assert ids[1] not in outcome.shown.bead_ids and outcome.editor.bead_id == ids[2]


def test_edit_saves_the_shown_columns_and_stays_on_the_bead(ctx, alignment):
    view = _view(alignment, ("en", "ar"))
    bead = alignment.beads[0].id
    outcome = act(ctx, None, view, bead, "edit", Details(texts=[SENTENCES["en"][0], "نص جديد"]))
    assert outcome.editor.bead_id == bead and outcome.editor.slots[1].text == "نص جديد"
    assert review.alignment_state(ctx.db, alignment.id).beads[bead].texts == {1: "نص جديد"}
    assert review.events(ctx.db, alignment.id)[0].user == "local"


@pytest.mark.parametrize(
    ("action", "details", "message"),
    [
        ("flag", Details(category="omission", severity="critical", comment="x"), "Flagged"),
        ("comment", Details(comment="see the English"), "Comment added"),
        ("split", Details(keep="1 0 0"), "Split"),
        ("merge", Details(), "Merged"),
        ("unalign", Details(sentence="2:0"), "Took the sentence out"),
        ("unalign", Details(sentence=handlers.EVERY_SENTENCE), "Unaligned every sentence"),
    ],
)
def test_actions_say_what_they_did(ctx, alignment, action, details, message):
    outcome = act(ctx, None, _view(alignment), alignment.beads[0].id, action, details)
    assert outcome.message.startswith(message)


def test_undo_without_a_chosen_bead_takes_back_my_last_action(ctx, alignment):
    view = _view(alignment)
    act(ctx, None, view, alignment.beads[0].id, "accept")
    outcome = act(ctx, None, view, "", "undo")
    assert outcome.message == "Took back your accept."
    assert "Reviewed 0 / 5" in outcome.shown.progress


@pytest.mark.parametrize(
    ("bead", "action", "error", "message"),
    [
        ("", "accept", InputError, "Pick a bead first"),
        ("abc", "accept", InputError, "not a bead number"),
        (9999, "accept", NotFound, "not a current bead"),
        (1, "explode", InputError, "Unknown action"),
    ],
)
def test_bad_actions_are_clear_errors(ctx, alignment, bead, action, error, message):
    with pytest.raises(error, match=message):
        act(ctx, None, _view(alignment), bead, action)


@pytest.mark.parametrize(("text", "counts"), [("1 0", [1, 0]), ("2, 1,0", [2, 1, 0]), (" 3 ", [3])])
def test_parse_counts(text, counts):
    assert handlers.parse_counts(text) == counts


@pytest.mark.parametrize("text", ["", "one", "1 -1", "1.5"])
def test_parse_counts_refuses_what_is_not_counts(text):
    with pytest.raises(InputError, match="how many sentences"):
        handlers.parse_counts(text)


@pytest.mark.parametrize(
    ("value", "parsed"), [("", (None, None)), ("every sentence", (None, None)), ("1:3", (1, 3))]
)
def test_parse_sentence(value, parsed):
    assert handlers.parse_sentence(value) == parsed


@pytest.mark.parametrize(
    ("segments", "hint"),
    [
        (((0,), (0,)), [1, 0]),
        (((0, 1), (0,)), [1, 1]),
        (((0, 1, 2), ()), [2, 0]),
        (((0,), ()), [0, 0]),
    ],
)
def test_split_hint(segments, hint):
    assert handlers.split_hint(segments) == hint


def test_without_accounts_the_local_user_may_do_everything(ctx):
    assert (ctx.user(None).name, ctx.user(None).role) == ("local", "admin")


def test_with_accounts_the_role_is_read_from_the_store(accounts_ctx):
    assert accounts_ctx.user("omar").role == "viewer"
    with pytest.raises(PermissionDenied, match="Log in first"):
        accounts_ctx.user(None)
    with pytest.raises(NotFound, match="no user 'mallory'"):
        accounts_ctx.user("mallory")


def test_a_viewer_is_refused_by_the_server_and_nothing_is_stored(accounts_ctx, alignment):
    view = _view(alignment)
    with pytest.raises(PermissionDenied, match="omar is a viewer"):
        act(accounts_ctx, "omar", view, alignment.beads[0].id, "accept")
    act(accounts_ctx, "amina", view, alignment.beads[0].id, "accept")
    assert [e.user for e in review.events(accounts_ctx.db, alignment.id)] == ["amina"]


def test_reports_overview_has_versions_and_progress(ctx, alignment):
    act(ctx, None, _view(alignment), alignment.beads[0].id, "accept")
    (row,) = handlers.reports_overview(ctx)
    assert [v["lang"] for v in row["versions"]] == ["ar", "ckb", "en"]
    assert (row["alignments"], row["reviewed"], row["total"]) == (1, 1, 5)


def test_alignment_and_language_options(ctx, alignment):
    newer = add_report(ctx.db, "Erbil water", ("kmr", "en"))
    options = handlers.alignment_options(ctx, "Erbil water")
    assert [value for _, value in options] == [newer.id, alignment.id]
    assert options[0][0].startswith(f"#{newer.id} kmr–en · test")
    assert handlers.language_options(ctx, alignment.id) == ["en", "ar", "ckb"]


def test_friendly_hides_internal_errors():
    assert "log has the details" in handlers.friendly(KeyError("secret path"))
    assert handlers.friendly(InputError("do this")) == "do this"


def test_align_stores_a_new_alignment_that_opens_for_review(ctx, alignment):
    made, message = handlers.align(ctx, None, "Erbil water", ["en", "ckb"])
    assert made.id != alignment.id and [b.kind for b in made.beads] == ["1-1"] * 5
    assert message.startswith("Aligned Erbil water (en–ckb): 5 beads.")
    assert handlers.alignment_options(ctx, "Erbil water")[0][1] == made.id


def test_the_reports_tab_aligns_through_the_job_runner_once(ctx, alignment):
    from workbench.store import jobs

    made, _ = handlers.align(ctx, None, "Erbil water", ["en", "ar"])
    [job] = jobs.list_jobs(ctx.db)
    assert (job.name, job.status, job.spec["inputs"]["reports"]) == (
        "align Erbil water", "done", ["Erbil water"],
    )  # fmt: skip
    [aligned] = jobs.items(ctx.db, job.id, step="align")
    assert aligned.result["alignment"] == made.id
    again, message = handlers.align(ctx, None, "Erbil water", ["en", "ar"])
    assert again.id == made.id and message.startswith("Aligned Erbil water (en–ar): 5 beads.")
    assert len(jobs.list_jobs(ctx.db)) == 1


@pytest.mark.parametrize(
    ("report", "langs", "error", "message"),
    [
        (None, (), InputError, "Choose the report"),
        ("Erbil water", ["en", "kmr"], InputError, "no kmr version"),
        ("nowhere", (), NotFound, "no report 'nowhere'"),
    ],
)
def test_align_errors_are_clear(ctx, alignment, report, langs, error, message):
    with pytest.raises(error, match=message):
        handlers.align(ctx, None, report, langs)


def test_a_viewer_cannot_align(accounts_ctx, alignment):
    with pytest.raises(PermissionDenied):
        handlers.align(accounts_ctx, "omar", "Erbil water")


def test_export_then_import_through_the_handlers(ctx, alignment, uploads):
    path, message = handlers.export(ctx, None, alignment.id, "TSV", ["en", "ar"], ["auto"])
    assert path.suffix == ".tsv" and path.is_relative_to(ctx.exports)
    assert message.startswith(f"Exported {path.name}")
    uploaded = shutil.copy(path, uploads)  # downloaded, then uploaded again
    assert handlers.import_upload(ctx, None, uploaded, "Copy").startswith(
        "Imported 5 bead(s) into Copy"
    )
    assert "already holds this file" in handlers.import_upload(ctx, None, uploaded, "Copy")


def test_the_file_handlers_take_no_file_the_browser_did_not_upload(ctx, alignment, tmp_path):
    """Whatever Gradio let through: the server's own export, any other file, a URL."""
    export, _ = handlers.export(ctx, None, alignment.id, "TSV", ["en", "ar"])
    report = tmp_path / "report.en.txt"
    report.write_text("The water station reopened.\n", encoding="utf-8")
    refused = "was not uploaded to this server"
    with pytest.raises(InputError, match=refused):
        handlers.import_upload(ctx, None, str(export), "Copy")
    with pytest.raises(InputError, match=refused):
        handlers.ingest_uploads(ctx, None, [str(report)], "Copy")
    with pytest.raises(InputError, match=refused):
        jobs.read_upload("http://127.0.0.1:1/spec.toml")
    assert reports.list_reports(ctx.db)[-1].name == "Erbil water"  # nothing new stored


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: handlers.export(c, None, None, "TMX"), "Open a report"),
        (lambda c: handlers.import_upload(c, None, None, "r"), "Choose a .tmx"),
        (lambda c: handlers.ingest_uploads(c, None, [], "r"), "Choose one or more report files"),
    ],
)
def test_file_handlers_say_what_is_missing(ctx, call, message):
    with pytest.raises(InputError, match=message):
        call(ctx)
