"""From input paths to reports: grouping by NAME.LANG.EXT or by folder, clashes, ignored files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from workbench.errors import JobSpecError
from workbench.jobs.inputs import NOT_A_REPORT, find_inputs
from workbench.jobs.spec import parse_spec


def _spec(base: Path, paths: list[str], group_by: str = "name"):
    return parse_spec(
        {"output": "out", "inputs": {"paths": paths, "group_by": group_by}}, base=base
    )


def _touch(base: Path, *names: str) -> None:
    for name in names:
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"text of {name}\n", encoding="utf-8")


def _layout(inputs) -> dict[str, list[tuple[str, str]]]:
    return {r.name: [(f.lang, f.path.name) for f in r.files] for r in inputs.reports}


def test_files_named_name_lang_ext_form_reports(tmp_path):
    _touch(tmp_path, "in/flood.en.txt", "in/flood.ar.docx", "in/vote.kmr.md", "in/vote.ara.txt")
    assert _layout(find_inputs(_spec(tmp_path, ["in"]))) == {
        "flood": [("ar", "flood.ar.docx"), ("en", "flood.en.txt")],
        "vote": [("ar", "vote.ara.txt"), ("kmr", "vote.kmr.md")],
    }


def test_a_file_without_a_language_in_its_name_is_detected_later(tmp_path):
    _touch(tmp_path, "in/notes.final.txt", "in/memo.txt")
    assert _layout(find_inputs(_spec(tmp_path, ["in"]))) == {
        "memo": [("auto", "memo.txt")],
        "notes.final": [("auto", "notes.final.txt")],
    }


def test_grouping_by_folder_names_reports_after_folders(tmp_path):
    _touch(tmp_path, "in/flood/en.txt", "in/flood/statement.html", "in/vote/vote.ckb.txt")
    assert _layout(find_inputs(_spec(tmp_path, ["in/*"], "folder"))) == {
        "flood": [("auto", "statement.html"), ("en", "en.txt")],
        "vote": [("ckb", "vote.ckb.txt")],
    }


def test_files_in_folders_that_are_not_reports_are_listed_not_skipped_silently(tmp_path):
    _touch(tmp_path, "in/flood.en.txt", "in/scan.pdf", "in/.DS_Store", "in/.git/HEAD")
    inputs = find_inputs(_spec(tmp_path, ["in"]))
    assert [(i.path.name, i.reason) for i in inputs.ignored] == [("scan.pdf", NOT_A_REPORT)]
    assert _layout(inputs) == {"flood": [("en", "flood.en.txt")]}


def test_a_file_named_explicitly_is_taken_whatever_its_extension(tmp_path):
    _touch(tmp_path, "in/flood.en.rtf")
    assert _layout(find_inputs(_spec(tmp_path, ["in/flood.en.rtf"]))) == {
        "flood": [("en", "flood.en.rtf")]
    }


def test_each_file_carries_its_sha256(tmp_path):
    _touch(tmp_path, "in/flood.en.txt")
    [report] = find_inputs(_spec(tmp_path, ["in"])).reports
    expected = hashlib.sha256(b"text of in/flood.en.txt\n").hexdigest()
    assert report.files[0].sha256 == expected


@pytest.mark.parametrize(
    ("files", "paths", "group_by", "message"),
    [
        (["a/flood.en.txt", "b/flood.en.txt"], ["a", "b"], "name", "more than one en version"),
        (["a/x/en.txt", "b/x/ar.txt"], ["a/x", "b/x"], "folder", "both named 'x'"),
        ([], ["missing"], "name", "does not exist; check the path"),
        (["in/a.en.txt"], ["in/*.docx"], "name", "matches no file"),
        (["in/scan.pdf"], ["in"], "name", "hold no report files"),
    ],
)
def test_inputs_that_cannot_form_reports_are_clear_errors(
    tmp_path, files, paths, group_by, message
):
    _touch(tmp_path, *files)
    with pytest.raises(JobSpecError, match=message):
        find_inputs(_spec(tmp_path, paths, group_by))


def test_a_glob_ending_in_a_slash_takes_folders_only(tmp_path):
    _touch(tmp_path, "corpora/README.md", "corpora/flood/flood.en.txt")
    assert _layout(find_inputs(_spec(tmp_path, ["corpora/*/"]))) == {
        "flood": [("en", "flood.en.txt")]
    }
