"""Job specs: checked field by field, every message naming the field and what to do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.jobs.conftest import write_spec
from tests.jobs.fake_steps import fake_registry
from workbench.errors import JobSpecError
from workbench.jobs.spec import load_spec, parse_spec

GOOD = {"output": "out", "inputs": {"paths": ["reports"]}}

BAD_SPECS = [
    ({"inputs": {"paths": ["r"]}}, "needs 'output'"),
    ({"output": "out"}, "[inputs] needs 'paths'"),
    ({**GOOD, "inputs": {"paths": []}}, "[inputs] paths: the list is empty"),
    ({**GOOD, "inputs": {"paths": "reports"}}, "[inputs] paths: expected a list of texts"),
    ({**GOOD, "inputs": {"paths": ["r"], "group_by": "date"}}, "expected one of name, folder"),
    ({**GOOD, "inputs": {"paths": ["r"], "recurse": True}}, "[inputs] has no option 'recurse'"),
    ({**GOOD, "inputs": 3}, "[inputs] must be a table of options, not a number 3"),
    ({**GOOD, "output": 7}, "output: expected text, got a number 7"),
    ({**GOOD, "workers": "two"}, "workers: expected a whole number, got text 'two'"),
    ({**GOOD, "workers": -1}, "workers: must be at least 0"),
    ({**GOOD, "wrokers": 2}, "unknown field(s) 'wrokers'"),
    ({**GOOD, "shout": {"chunk": 0}}, "[shout] chunk: must be at least 1, got 0"),
    ({**GOOD, "shout": {"chunk": True}}, "[shout] chunk: expected a whole number, got true/false"),
    ({**GOOD, "shout": {"chunks": 2}}, "[shout] has no option 'chunks'; valid options: chunk"),
    ({**GOOD, "shout": "yes"}, "[shout] must be a table of options"),
    (["output", "out"], "a job spec is a table of fields, not list"),
]


@pytest.mark.parametrize(("data", "message"), BAD_SPECS, ids=[m for _, m in BAD_SPECS])
def test_a_bad_spec_names_the_field(data, message):
    with pytest.raises(JobSpecError) as caught:
        parse_spec(data, base=Path("/srv/jobs"), source="nightly.toml", steps=fake_registry())
    assert message in str(caught.value)
    assert str(caught.value).startswith("nightly.toml")


def test_a_good_spec_resolves_paths_against_its_folder_and_fills_defaults():
    spec = parse_spec(
        {**GOOD, "shout": {"chunk": 5}}, base=Path("/srv/jobs"), steps=fake_registry()
    )
    assert spec.output == Path("/srv/jobs/out")
    assert spec.group_by == "name"
    assert spec.steps == {"shout": {"chunk": 5, "delay_ms": 0, "fail_on": "", "crash_on": ""}}
    assert spec.step_names(fake_registry()) == ["lines", "shout", "shout-doc"]


def test_a_spec_reads_back_from_its_plain_data():
    spec = parse_spec({**GOOD, "shout": {}}, base=Path("/srv/jobs"), steps=fake_registry())
    again = parse_spec(spec.to_dict(), steps=fake_registry())
    assert again.to_dict() == spec.to_dict()


def test_inputs_may_be_given_as_a_plain_list():
    spec = parse_spec({"output": "o", "inputs": ["a", "b/*.txt"]}, base=Path("/x"))
    assert spec.inputs == ("a", "b/*.txt")


def test_a_spec_without_steps_only_ingests():
    assert parse_spec(GOOD, base=Path("/x")).step_names() == ["ingest"]


def test_toml_and_json_files_give_the_same_spec(tmp_path):
    toml = write_spec(tmp_path, 'output = "out"\n[inputs]\npaths = ["reports"]\n', "a.toml")
    as_json = write_spec(tmp_path, json.dumps(GOOD), "a.json")
    assert load_spec(toml).to_dict() | {"name": ""} == load_spec(as_json).to_dict() | {"name": ""}
    assert load_spec(toml).name == "a"


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("bad.toml", "output = \n", "is not valid TOML"),
        ("bad.json", "{output: 1}", "is not valid JSON"),
        ("spec.yaml", "output: out", "must be a .toml or .json file"),
        ("latin.toml", None, "is not UTF-8 text"),
    ],
)
def test_an_unreadable_spec_file_is_a_clear_error(tmp_path, name, body, message):
    path = tmp_path / name
    if body is None:
        path.write_bytes('output = "caf\xe9"'.encode("latin-1"))
    else:
        path.write_text(body)
    with pytest.raises(JobSpecError, match=message):
        load_spec(path)


def test_a_missing_spec_file_is_a_clear_error(tmp_path):
    with pytest.raises(JobSpecError, match="does not exist"):
        load_spec(tmp_path / "nope.toml")


def test_every_built_in_step_reads_back_its_own_defaults():
    tables = {"translate": {"from": "en", "to": ["ar"]}, "align": {}}
    spec = parse_spec({**GOOD, **tables}, base=Path("/x"))
    assert parse_spec(spec.to_dict()).to_dict() == spec.to_dict()


def test_a_step_that_needs_another_ones_table_says_so():
    with pytest.raises(JobSpecError, match=r"\[score\] needs \[translate\] too \(with from, to\)"):
        parse_spec({**GOOD, "score": {}}, base=Path("/x"), source="s.toml")


def test_align_table_takes_every_signal_and_alignment_setting():
    from workbench.align.choices import SETTINGS, SIGNAL_NAMES

    table = {"signals": list(SIGNAL_NAMES), "lexicon": "collection", "dictionaries": "none",
             "max_side": 4, "max_many": 4, "lexicon_method": "dice", "lexicon_min_count": 3,
             "lexicon_min_confidence": 0.5, "skip_cost": 3.5, "merge_cost": 1, "radius": 6,
             "full_cells": 100, "confidence_shift": 0.0, "confidence_scale": 1.5}  # fmt: skip
    spec = parse_spec({**GOOD, "align": table}, base=Path("/srv/jobs"))
    assert spec.steps["align"]["skip_cost"] == 3.5
    assert spec.steps["align"]["signals"] == list(SIGNAL_NAMES)
    assert {s.name for s in SETTINGS} <= set(spec.steps["align"])
    assert spec.steps["align"]["lexicon_min_confidence"] == 0.5
    defaults = parse_spec({**GOOD, "align": {}}, base=Path("/srv/jobs")).steps["align"]
    assert all(defaults[s.name] == s.default for s in SETTINGS)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"max_side": 0}, "[align] max_side: must be at least 1, got 0"),
        ({"lexicon_method": "ibm9"}, "[align] lexicon_method: expected one of model1, dice"),
        ({"lexicon_min_confidence": "high"}, "lexicon_min_confidence: expected a number"),
        ({"lexicon_min_confidence": 1.5}, "lexicon_min_confidence: must be at most 1"),
        ({"skip_cost": -2}, "[align] skip_cost: must be at least 0"),
    ],
    ids=["side", "method", "confidence-text", "confidence-high", "skip-negative"],
)
def test_align_settings_out_of_range_name_the_field(table, message):
    with pytest.raises(JobSpecError) as caught:
        parse_spec({**GOOD, "align": table}, base=Path("/srv/jobs"), source="nightly.toml")
    assert message in str(caught.value)
