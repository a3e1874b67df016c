"""Jobs over reports already in the store: `[inputs] reports`, and the small jobs quickstart
and the Reports tab run through the job runner (`workbench.jobs.stored`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.review.samples import add_versions
from workbench.config import load_settings
from workbench.errors import JobSpecError, NotFound, StepFailed, UnknownReport
from workbench.jobs import stored
from workbench.jobs.api import create_job, run_job
from workbench.jobs.spec import parse_spec
from workbench.store import jobs as job_store
from workbench.store.alignments import alignments_for_report
from workbench.store.review import record_event


@pytest.fixture
def settings(home):
    return load_settings()


@pytest.fixture
def water(db):
    """Erbil water in en, ar and ckb, stored, not aligned."""
    report, _ = add_versions(db, "Erbil water", ["en", "ar", "ckb"])
    return report


def _spec(tmp_path: Path, **tables):
    return {"output": str(tmp_path / "out"), "inputs": {"reports": ["Erbil water"]}, **tables}


def test_a_spec_may_name_stored_reports_instead_of_paths():
    spec = parse_spec({"output": "o", "inputs": {"reports": ["flood", "vote"]}}, base=Path("/x"))
    assert spec.reports == ("flood", "vote") and spec.inputs == ()
    assert parse_spec(spec.to_dict()) == spec


def test_a_file_spec_keeps_its_plain_data_so_its_job_is_found_again():
    spec = parse_spec({"output": "o", "inputs": ["reports"]}, base=Path("/x"))
    assert spec.to_dict()["inputs"] == {"paths": ["reports"], "group_by": "name"}


def test_a_spec_needs_paths_or_reports():
    with pytest.raises(JobSpecError, match=r"\[inputs\] needs 'paths' .* or 'reports'"):
        parse_spec({"output": "o", "inputs": {"group_by": "name"}})


def test_an_unknown_stored_report_is_refused_before_any_job_is_made(db, settings, water, tmp_path):
    data = {**_spec(tmp_path), "inputs": {"reports": ["Erbil water", "Mosul bridge"]}}
    with pytest.raises(UnknownReport, match="no report 'Mosul bridge' in the store") as caught:
        create_job(data, db=db, settings=settings)
    assert "it has: Erbil water" in str(caught.value) and "ingest it first" in str(caught.value)
    assert isinstance(caught.value, NotFound) and isinstance(caught.value, JobSpecError)
    assert job_store.list_jobs(db) == []


def test_a_stored_report_may_not_also_come_from_the_paths(db, settings, water, tmp_path):
    (tmp_path / "Erbil water.en.txt").write_text("Water.\n", encoding="utf-8")
    data = {**_spec(tmp_path), "inputs": {"reports": ["Erbil water"], "paths": ["."]}}
    data["base"] = str(tmp_path)
    with pytest.raises(JobSpecError, match="both a stored report .* and a report the paths"):
        create_job(data, db=db, settings=settings)


def test_aligning_a_stored_report_reads_no_file_and_is_done_once(db, settings, water, tmp_path):
    data = _spec(tmp_path, align={"multiway": True})
    first = run_job(data, db=db, settings=settings)
    assert first["status"] == "done" and first["failed"] == 0
    [made] = alignments_for_report(db, water.id)
    assert len(made.document_ids) == 3 and made.method == "align-multi(hub:en)"
    again = run_job(data, db=db, settings=settings)
    assert again["job"] == first["job"] and again["nothing_to_do"]
    assert len(alignments_for_report(db, water.id)) == 1


def test_a_new_version_redoes_what_depends_on_the_report(db, settings, tmp_path):
    report, _ = add_versions(db, "Erbil water", ["en", "ar"])
    data = _spec(tmp_path, align={"multiway": True})
    run_job(data, db=db, settings=settings)
    add_versions(db, "Erbil water", ["kmr"])
    second = run_job(data, db=db, settings=settings)
    assert second["ran"] >= 2  # ingest and align again
    assert [len(a.document_ids) for a in alignments_for_report(db, report.id)] == [2, 3]


def test_qa_on_a_stored_report_uses_its_alignment_and_follows_the_review(
    db, settings, water, tmp_path
):
    [made] = stored.align_stored(db, settings, ["Erbil water"]).values()
    run = stored.check_stored(db, settings, ["Erbil water"])
    [qa] = run.done("qa", "Erbil water")
    [aligned] = run.done("align", "Erbil water")
    assert aligned.result["alignment"] == made.id and qa.key == "qa/Erbil water/en-ar-ckb"
    assert len(alignments_for_report(db, water.id)) == 1  # checked, not aligned again
    assert stored.check_stored(db, settings, ["Erbil water"]).summary["nothing_to_do"]
    from workbench.records import ReviewEvent

    record_event(
        db,
        ReviewEvent(action="accept", user="amina", alignment_id=made.id, bead_id=made.beads[0].id),
    )
    assert stored.check_stored(db, settings, ["Erbil water"]).summary["ran"] >= 1


def test_aligning_a_single_version_says_what_to_add(db, settings, tmp_path):
    add_versions(db, "Mosul bridge", ["en"])
    with pytest.raises(Exception, match="needs at least two language versions") as caught:
        stored.align_stored(db, settings, ["Mosul bridge"])
    assert "workbench ingest FILE --report Mosul bridge" in str(caught.value)


def test_a_failed_item_raises_the_steps_own_message(db, settings, water):
    with pytest.raises(StepFailed, match="has no kmr version: it has ar, ckb, en") as caught:
        stored.align_stored(db, settings, ["Erbil water"], langs=["en", "kmr"])
    assert str(caught.value).endswith("(job 1)")  # the one job made, failed, resumable


def test_a_job_cancelled_from_the_jobs_tab_is_said_so_not_taken_for_done():
    run = stored.StoredRun(7, {"status": "cancelled"}, ())
    with pytest.raises(StepFailed, match=r"Job 7 was cancelled .* \(`workbench job resume 7`"):
        run.check()


def test_scoring_a_stored_report_needs_no_translate_table(db, settings, water, tmp_path):
    spec = parse_spec(_spec(tmp_path, score={}))
    assert "translate" in spec.step_names() and "translate" not in spec.steps
    with pytest.raises(JobSpecError, match=r"\[score\] needs \[translate\] too"):
        parse_spec({"output": "o", "inputs": ["reports"], "score": {}}, base=tmp_path)
    run = stored.score_stored(db, settings, ["Erbil water"])
    with pytest.raises(StepFailed, match="no machine translation"):
        stored.report_scores(run, "Erbil water")


def test_a_stored_report_is_never_translated_from_a_machine_version(db, settings, tmp_path):
    from dataclasses import replace

    from tests.review.samples import SENTENCES, document
    from workbench.store.reports import add_document

    report, _ = add_versions(db, "Erbil water", ["ar"])
    machine = replace(document("en", SENTENCES["en"]), origin="machine", model="m")
    add_document(db, report.id, machine)
    with pytest.raises(Exception, match="has no en version written by people"):
        stored.translate_versions(db, settings, "Erbil water", "en", ["ckb"])
    data = _spec(tmp_path, translate={"from": "en", "to": ["ckb"]})
    ran = run_job(data, db=db, settings=settings)  # the job step keeps to the same rule
    [error] = ran["errors"]
    assert "Report 'Erbil water' has no en version to translate (it has ar)" in error["error"]


def test_the_cli_runs_a_spec_over_stored_reports(cli, tmp_path):
    (tmp_path / "floods.en.txt").write_text("Rain fell.\n\nRoads closed.\n", encoding="utf-8")
    (tmp_path / "floods.ar.txt").write_text("هطل المطر.\n\nأغلقت الطرق.\n", encoding="utf-8")
    for lang in ("en", "ar"):
        path = str(tmp_path / f"floods.{lang}.txt")
        assert cli("ingest", path, "--report", "floods", "--lang", lang).code == 0
    spec = tmp_path / "stored.toml"
    spec.write_text('output = "out"\n[inputs]\nreports = ["floods"]\n[align]\n', encoding="utf-8")
    ran = cli("job", "run", str(spec), "--quiet")
    assert ran.code == 0, ran.err
    assert (tmp_path / "out" / "floods" / "floods.en-ar.beads").is_file()
    assert json.loads(cli("job", "status", "1", "--json").out)["inputs"] == ["report:floods"]
    spec.write_text('output = "out"\n[inputs]\nreports = ["flods"]\n', encoding="utf-8")
    refused = cli("job", "run", str(spec), "--quiet")
    assert refused.code == 3 and "no report 'flods' in the store (it has: floods)" in refused.err
    assert "Traceback" not in refused.err
