"""Job specs: what to read, which steps to run with which options, where to write.

A spec is a TOML or JSON file (or the same as a dict from Python or the UI):

    name = "nightly"
    output = "out"                      # relative paths are relative to the spec's folder
    [inputs]
    paths = ["reports/", "extra/*.docx"]
    group_by = "name"                   # NAME.LANG.EXT files form one report; or "folder"
    reports = ["flood"]                 # and/or reports already in the store, by name
    [translate]
    from = "en"
    to = ["ar", "ckb"]

Each step table is checked against the step's own options; every message names the file,
the table and the field.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import InputError, JobSpecError
from workbench.jobs.options import Option, check_options
from workbench.jobs.registry import load_step, registry, sections, steps_for
from workbench.userfiles import read_input

GROUPINGS = ("name", "folder")
MAX_SPEC_MB = 1  # a spec is a few lines
SPEC_LIMIT_BYTES = 256 * 1024  # a spec typed in the UI is a page of text
MAX_WORKERS = 1024  # more is a typo; a local or private Ray run is held to far fewer
TOP_LEVEL = {
    "name": Option("text", "", "a label shown by `workbench job list`"),
    "output": Option("text", None, "the folder the job writes its files into", required=True),
    "base": Option("text", "", "the folder relative paths start from (default: the spec's)"),
    "workers": Option(
        "int", 0, "worker processes (0: from settings and cores)", minimum=0, maximum=MAX_WORKERS
    ),
    "inputs": Option("text", None, "a table with paths = [...] and group_by", required=True),
}
INPUTS = {
    "paths": Option("texts", None, "files, folders or globs to read"),
    "reports": Option("texts", None, "reports already in the store, by name (not read again)"),
    "group_by": Option(
        "choice",
        "name",
        "how files form reports: NAME.LANG.EXT or one folder each",
        choices=GROUPINGS,
    ),
}


@dataclass(frozen=True)
class JobSpec:
    """A checked spec; paths are absolute. `steps` maps each step table to its options."""

    name: str
    inputs: tuple[str, ...]
    group_by: str
    output: Path
    base: Path
    steps: dict[str, dict[str, Any]] = field(default_factory=dict)
    workers: int = 0
    source: str = "job spec"
    reports: tuple[str, ...] = ()  # stored reports the steps act on (see jobs.inputs)

    def to_dict(self) -> dict[str, Any]:
        """The spec as plain data that `parse_spec` reads back to an equal spec."""
        return {
            "name": self.name,
            "base": str(self.base),
            "output": str(self.output),
            "workers": self.workers,
            "inputs": self._inputs(),
            **{table: dict(options) for table, options in self.steps.items()},
        }

    def _inputs(self) -> dict[str, Any]:
        given: dict[str, Any] = {"paths": list(self.inputs), "group_by": self.group_by}
        if self.reports:  # only when named: file jobs keep their specs (and job keys)
            given["reports"] = list(self.reports)
        if not self.inputs:
            del given["paths"]
        return given

    def step_names(self, steps: Mapping[str, str] | None = None) -> list[str]:
        """The steps this spec runs, with those they need, in running order."""
        return steps_for(self.steps, steps or registry())


def load_spec(path: Path | str, *, steps: Mapping[str, str] | None = None) -> JobSpec:
    """Read and check a .toml or .json spec; relative paths start from its folder."""
    path = Path(path).expanduser().absolute()
    data = _read(path)
    if isinstance(data, dict) and data.get("name") in (None, ""):  # a wrong type is refused
        data = {**data, "name": path.stem}
    return parse_spec(data, base=path.parent, source=str(path), steps=steps)


def parse_spec(
    data: Any,
    *,
    base: Path | None = None,
    source: str = "job spec",
    steps: Mapping[str, str] | None = None,
) -> JobSpec:
    """Check spec data (from a file, Python or the UI) and resolve its paths."""
    steps = steps or registry()
    if not isinstance(data, dict):
        raise JobSpecError(f"{source}: a job spec is a table of fields, not {type(data).__name__}.")
    tables = sections(steps)
    top = {k: v for k, v in data.items() if k not in tables}
    unknown = sorted(set(top) - set(TOP_LEVEL))
    if unknown:
        raise JobSpecError(
            f"{source}: unknown field(s) {', '.join(map(repr, unknown))}. Fields are "
            f"{', '.join(TOP_LEVEL)}; step tables are {', '.join(tables)}."
        )
    given_inputs = data.get("inputs", {})
    if isinstance(given_inputs, list):  # `inputs = ["reports/"]` is short for paths = [...]
        given_inputs = {"paths": given_inputs}
    inputs = check_options(f"{source}: [inputs]", given_inputs, INPUTS)
    if inputs["paths"] is None and inputs["reports"] is None:
        raise JobSpecError(
            f"{source}: [inputs] needs 'paths' (files, folders or globs to read) or 'reports' "
            "(names of reports already in the store)."
        )
    inputs = {**inputs, "paths": inputs["paths"] or [], "reports": inputs["reports"] or []}
    fields = check_options(source, {**top, "inputs": ""}, TOP_LEVEL)
    for path in (fields["output"], fields["base"], *inputs["paths"]):
        if "\x00" in path:
            raise JobSpecError(
                f"{source}: the path {path!r} holds a NUL character, which no file name can "
                "hold; correct it."
            )
    root = Path(fields["base"]).expanduser() if fields["base"] else base or Path.cwd()
    root = root.absolute()
    step_options = {
        table: _check_table(source, table, data[table], tables[table], steps)
        for table in tables
        if table in data
    }
    if inputs["paths"]:  # stored reports are scored, checked, exported as the store has them
        _refuse_missing_tables(source, step_options, steps)
    return JobSpec(
        name=fields["name"] or "job",
        inputs=tuple(inputs["paths"]),
        group_by=inputs["group_by"],
        output=(root / Path(fields["output"]).expanduser()).absolute(),
        base=root,
        steps=step_options,
        workers=fields["workers"],
        source=source,
        reports=tuple(inputs["reports"]),
    )


def _check_table(
    source: str, table: str, given: Any, names: list[str], steps: Mapping[str, str]
) -> dict[str, Any]:
    where = f"{source}: [{table}]"
    chosen = [load_step(name, steps) for name in names]
    schema: dict[str, Option] = {}
    for step in chosen:
        schema.update(step.options)
    values = check_options(where, {} if given is True else given, schema)
    for step in chosen:
        step.check(values, where)
    return values


def _refuse_missing_tables(
    source: str, given: dict[str, dict[str, Any]], steps: Mapping[str, str]
) -> None:
    """A step a table needs must have its own table when it has options nobody can guess."""
    for name in steps_for(given, steps):
        step = load_step(name, steps)
        required = [n for n, option in step.options.items() if option.required]
        if step.section not in given and required:
            wanting = next(t for t in given if name in _needed_by(t, steps))
            raise JobSpecError(
                f"{source}: [{wanting}] needs [{step.section}] too (with "
                f"{', '.join(required)}): add a [{step.section}] table."
            )


def _needed_by(table: str, steps: Mapping[str, str]) -> list[str]:
    return steps_for([table], steps)


def _read(path: Path) -> Any:

    if not path.exists() and not path.is_symlink():
        raise JobSpecError(f"The job spec {path} does not exist; check the path.")
    try:  # no links, pipes or devices, nothing huge (see workbench.userfiles)
        raw = read_input(path, limit_mb=MAX_SPEC_MB, name=f"the job spec {path}")
    except InputError as exc:
        raise JobSpecError(str(exc)) from None
    if path.suffix.lower() not in (".toml", ".json"):
        raise JobSpecError(
            f"The job spec {path} must be a .toml or .json file; rename it or convert it."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise JobSpecError(f"The job spec {path} is not UTF-8 text; save it as UTF-8.") from None
    return decode_spec(text, path.suffix.lower()[1:], f"The job spec {path}")


def read_spec_text(text: str, *, base: Path) -> dict[str, Any]:
    """Spec data from text typed or pasted in the UI: JSON when it starts with "{", else
    TOML; relative paths start at `base` unless the spec names its own."""

    if not text or not text.strip():
        raise InputError("Write a job spec (TOML) in the box, or upload a .toml or .json file.")
    if len(text.encode("utf-8")) > SPEC_LIMIT_BYTES:
        raise InputError(
            f"The job spec is over {SPEC_LIMIT_BYTES // 1024} kB; a spec names folders and "
            "globs, not every file."
        )
    data = decode_spec(text, "json" if text.lstrip().startswith("{") else "toml", "The job spec")
    if not isinstance(data, dict):
        raise JobSpecError("The job spec is a table of fields (name, output, [inputs], ...).")
    if not data.get("base"):
        data["base"] = str(base)
    return data


def decode_spec(text: str, fmt: str, where: str) -> Any:
    """TOML or JSON text to spec data (the one decoder of files, the UI and Python)."""
    try:
        return json.loads(text) if fmt == "json" else tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise JobSpecError(f"{where} is not valid TOML ({exc}); fix it.") from None
    except json.JSONDecodeError as exc:
        raise JobSpecError(f"{where} is not valid JSON ({exc}); fix it.") from None
    except RecursionError:
        raise JobSpecError(f"{where} is nested too deeply to be a spec.") from None
