"""QA on a stored report: findings stored, dismissals kept as review events and honoured
when QA runs again, the CLI, the job step and the quality report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.score.score_store import add_report
from workbench.errors import InputError, NotFound
from workbench.qa.report import dismiss_finding, report_findings, run_report_qa
from workbench.records import ReviewEvent
from workbench.store import review
from workbench.store.alignments import get_alignment

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def stored(db):
    return add_report(db)


def _edit(db, alignment_id: int, bead_id: int, text: str) -> None:
    review.record_event(
        db,
        ReviewEvent(
            action="edit",
            user="amina",
            alignment_id=alignment_id,
            bead_id=bead_id,
            after={"texts": {"1": text}},
        ),
    )


def _first_bead(db, alignment_id: int) -> int:
    return get_alignment(db, alignment_id).beads[0].id


def test_findings_are_stored_per_bead_with_their_pair(db, stored):
    [result] = run_report_qa(db, stored.name, langs=["en", "ar"])
    assert (result.src_lang, result.tgt_lang, result.alignment_id) == (
        "en",
        "ar",
        stored.ar_alignment,
    )
    kinds = {(f.check, f.severity) for f in result.findings}
    assert ("omission", "major") in kinds and ("addition", "major") in kinds
    listed = report_findings(db, stored.name)
    assert [f.id for f in listed] == [f.id for f in result.findings]
    assert all(f.bead is not None and f.alignment_id == stored.ar_alignment for f in listed)


def test_every_alignment_s_pairs_by_default(db, stored):
    pairs = {(r.src_lang, r.tgt_lang) for r in run_report_qa(db, stored.name)}
    assert pairs == {("en", "ar"), ("en", "ckb")}


def test_a_pair_no_alignment_joins_is_a_clear_error(db, stored):
    with pytest.raises(InputError, match="no alignment joining ar with ckb"):
        run_report_qa(db, stored.name, langs=["ar", "ckb"])


def test_a_report_without_alignments_says_to_align_it(db):
    from workbench.records import Report
    from workbench.store.reports import add_report as add

    add(db, Report("empty"))
    with pytest.raises(NotFound, match="workbench align-report empty"):
        run_report_qa(db, "empty")


def test_a_dismissed_finding_stays_dismissed_on_unchanged_text(db, stored):
    bead = _first_bead(db, stored.ar_alignment)
    _edit(db, stored.ar_alignment, bead, "اجتمعت اللجنة في 4 أيار 2024.")
    [result] = run_report_qa(db, stored.name, langs=["en", "ar"])
    [date] = [f for f in result.findings if f.check == "dates"]
    assert date.severity == "critical" and date.bead == bead
    event = dismiss_finding(db, date.id, "amina", "the meeting moved; the Arabic is right")
    assert (event.action, event.user, event.comment) == (
        "dismiss", "amina", "the meeting moved; the Arabic is right"
    )  # fmt: skip
    [again] = run_report_qa(db, stored.name, langs=["en", "ar"])
    assert date.key not in {f.key for f in again.findings}
    [kept] = [f for f in again.dismissed if f.key == date.key]
    assert kept.dismissed["user"] == "amina" and "moved" in kept.dismissed["why"]
    assert date.key not in {f.key for f in report_findings(db, stored.name)}


def test_a_changed_text_brings_the_finding_back(db, stored):
    bead = _first_bead(db, stored.ar_alignment)
    _edit(db, stored.ar_alignment, bead, "اجتمعت اللجنة في 4 أيار 2024.")
    [result] = run_report_qa(db, stored.name, langs=["en", "ar"])
    [date] = [f for f in result.findings if f.check == "dates"]
    dismiss_finding(db, date.id, "amina", "fine")
    _edit(db, stored.ar_alignment, bead, "اجتمعت اللجنة في 5 أيار 2024.")
    [again] = run_report_qa(db, stored.name, langs=["en", "ar"])
    assert [f.message for f in again.findings if f.check == "dates"] == [
        "English says 3 May 2024; Arabic says 5 أيار 2024 (the day differs)."
    ]


def test_undoing_a_dismissal_brings_the_finding_back(db, stored):
    bead = _first_bead(db, stored.ar_alignment)
    _edit(db, stored.ar_alignment, bead, "اجتمعت اللجنة في 4 أيار 2024.")
    [result] = run_report_qa(db, stored.name, langs=["en", "ar"])
    [date] = [f for f in result.findings if f.check == "dates"]
    dismiss_finding(db, date.id, "amina", "fine")
    review.undo(db, stored.ar_alignment, "amina", bead_id=bead)
    [again] = run_report_qa(db, stored.name, langs=["en", "ar"])
    assert date.key in {f.key for f in again.findings}
    actions = [e.action for e in review.events(db, stored.ar_alignment, bead_id=bead)]
    assert actions == ["edit", "dismiss", "undo"]  # nothing a reviewer did is lost


def test_a_dismissal_needs_a_reason_and_a_finding(db, stored):
    [result] = run_report_qa(db, stored.name, langs=["en", "ar"])
    with pytest.raises(InputError, match="Say why"):
        dismiss_finding(db, result.findings[0].id, "amina", "  ")
    dismiss_finding(db, result.findings[0].id, "amina", "known")
    with pytest.raises(InputError, match="dismissed already by amina"):
        dismiss_finding(db, result.findings[0].id, "omar", "again")
    with pytest.raises(NotFound, match="no QA finding 999"):
        dismiss_finding(db, 999, "amina", "x")


def test_running_some_checks_replaces_only_their_findings(db, stored):
    [everything] = run_report_qa(db, stored.name, langs=["en", "ar"])
    run_report_qa(db, stored.name, langs=["en", "ar"], checks="numbers")
    again = {f.key for f in report_findings(db, stored.name)}
    assert again == {f.key for f in everything.findings}


def test_the_quality_report_counts_findings_per_check_pair_and_report(db, stored):
    from workbench.score.render import render_html, render_json
    from workbench.score.report import report_from_store

    run_report_qa(db, stored.name, langs=["en", "ar"])
    report = report_from_store(db, [stored.name], test=None)
    rows = {(r.pair, r.check): (r.critical, r.major, r.minor) for r in report.qa}
    assert rows[("en-ar", "omission")][1] >= 1 and rows[("all", "omission")][1] >= 1
    html = render_html(report)
    assert "Version QA" in html and "The Arabic has nothing for this English" in html
    data = json.loads(render_json(report))
    assert {"report", "pair", "bead", "check", "severity", "message"} <= set(data["qa_findings"][0])


# --- the command line -------------------------------------------------------------------


@pytest.fixture
def home_report(home):
    from workbench.config import load_settings
    from workbench.store.db import open_database

    with open_database(load_settings({}).database_path) as db:
        return add_report(db)


def test_cli_report_json_then_dismiss(cli, home_report):
    shown = cli("qa", "--report", home_report.name, "--langs", "en,ar", "--json")
    assert shown.code == 0, shown.err
    found = json.loads(shown.out)
    assert found and all(set(f) == {"bead", "check", "severity", "message", "src_span", "tgt_span"}
                         for f in found)  # fmt: skip
    table = cli("qa", "--report", home_report.name, "--langs", "en,ar")
    first_id = table.out.splitlines()[2].split()[0]
    done = cli("qa", "--dismiss", first_id, "--why", "the Arabic merges it", "--user", "amina")
    assert done.code == 0 and f"Finding {first_id} dismissed by amina" in done.out
    again = cli("qa", "--report", home_report.name, "--langs", "en,ar")
    assert "1 dismissed" in again.out
    listed = cli("qa", "--report", home_report.name, "--langs", "en,ar", "--dismissed")
    assert "(dismissed)" in listed.out


def test_cli_files_table_and_errors(cli, tmp_path):
    (tmp_path / "en.txt").write_text("27 attacks on 3 May.\nWhy?\n", encoding="utf-8")
    (tmp_path / "ar.txt").write_text("٧٢ هجوماً في ٣ أيار.\nلماذا؟\n", encoding="utf-8")
    shown = cli("qa", str(tmp_path / "en.txt"), str(tmp_path / "ar.txt"),
                "--src-lang", "en", "--tgt-lang", "ar")  # fmt: skip
    assert shown.code == 0
    assert "English says 27 attacks; Arabic says ٧٢ هجوماً." in shown.out
    assert "1 finding(s): 1 critical" in shown.out
    missing = cli("qa", str(tmp_path / "en.txt"), "--src-lang", "en", "--tgt-lang", "ar")
    assert missing.code == 2 and "Give two line-parallel files" in missing.err
    unknown = cli("qa", str(tmp_path / "en.txt"), str(tmp_path / "ar.txt"),
                  "--src-lang", "en", "--tgt-lang", "ar", "--checks", "spelling")  # fmt: skip
    assert unknown.code == 2 and "Unknown QA check 'spelling'" in unknown.err


def test_python_api_exports_qa():
    import workbench

    assert workbench.check_pair("27", "٧٢", "en", "ar")[0].check == "numbers"
    assert callable(workbench.run_report_qa) and callable(workbench.dismiss_finding)


def test_the_qa_job_step_stores_findings_and_writes_them(cli, home, tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_text(
        f'output = "{tmp_path / "out"}"\nworkers = 1\n[inputs]\n'
        f'paths = ["{ROOT}/corpora/security-meeting/"]\n[align]\n'
        '[qa]\nchecks = ["numbers", "dates"]\n',
        encoding="utf-8",
    )
    ran = cli("job", "run", str(spec))
    assert ran.code == 0, ran.err
    out = tmp_path / "out/security-meeting"
    written = json.loads((out / "security-meeting.en-ar.qa.json").read_text("utf-8"))
    assert any(f["message"] == "English says 27 attacks; Arabic says ٧٢ هجوماً." for f in written)
    from workbench.config import load_settings
    from workbench.store.db import open_database

    with open_database(load_settings({}).database_path) as db:
        stored = [f for f in report_findings(db, "security-meeting") if f.tgt_lang == "ar"]
    assert {f.check for f in stored} <= {"numbers", "dates"}
    assert sorted(f.message for f in stored) == sorted(f["message"] for f in written)


def test_the_sample_report_shows_its_planted_discrepancies(db):
    from workbench.align.report import align_report
    from workbench.text.corpus import load_corpus

    load_corpus(db, ROOT / "corpora")
    align_report(db, "security-meeting")
    found = {
        (r.tgt_lang, f.check, f.severity, f.message)
        for r in run_report_qa(db, "security-meeting")
        for f in r.findings
    }
    assert ("ar", "numbers", "critical", "English says 27 attacks; Arabic says ٧٢ هجوماً.") in found
    day = "English says 1 November; Kurmanji says 2ê Mijdarê (the day differs)."
    assert ("kmr", "dates", "critical", day) in found
    assert any(lang == "ckb" and check == "omission" for lang, check, _, _ in found)
    for faithful in ("displacement-returns", "provincial-elections"):
        align_report(db, faithful)
        severities = {f.severity for r in run_report_qa(db, faithful) for f in r.findings}
        assert "critical" not in severities
