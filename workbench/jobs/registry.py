"""The steps a job can run, by name, in the order a job runs them.

Each entry is "module:Class" (a `workbench.registry.Registry`), imported on first use, so the
steps can travel to a worker process or a Ray node as plain text. `register_step` adds a step
of your own.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from workbench.errors import JobError
from workbench.jobs.step import Step
from workbench.registry import Registry

BUILTIN_STEPS = Registry(
    "job step",
    {
        "ingest": "workbench.jobs.steps.ingest:Ingest",
        "translate": "workbench.jobs.steps.translate:TranslateChunk",
        "translate-doc": "workbench.jobs.steps.translate:WriteTranslation",
        "align": "workbench.jobs.steps.align:Align",
        "qa": "workbench.jobs.steps.qa:QA",
        "score": "workbench.jobs.steps.score:Score",
        "report": "workbench.jobs.steps.score:QualityReport",
        "export": "workbench.jobs.steps.export:Export",
    },
    error=JobError,
)
_ADDED: dict[str, str] = {}


def register_step(name: str, target: str) -> None:
    """Make the step class at "module:Class" available to job specs (after the built-ins)."""
    _ADDED[name] = target


def unregister_step(name: str) -> None:
    _ADDED.pop(name, None)


def registry() -> dict[str, str]:
    """Every step: built-in, then from WORKBENCH_JOB_STEPS, then registered in Python.

    WORKBENCH_JOB_STEPS="name=module:Class,..." makes steps of your own known to the CLI
    and to jobs started in the background.
    """
    return {**BUILTIN_STEPS, **_from_environment(), **_ADDED}


def _from_environment() -> dict[str, str]:
    found = {}
    for entry in filter(None, os.environ.get("WORKBENCH_JOB_STEPS", "").split(",")):
        name, _, target = entry.strip().partition("=")
        if not name or ":" not in target:
            raise JobError(
                f"WORKBENCH_JOB_STEPS has {entry!r}; write each step as name=module:Class."
            )
        found[name] = target
    return found


def load_step(name: str, steps: Mapping[str, str]) -> Step:
    step = Registry("job step", steps, error=JobError).load(name)()
    if step.name != name:
        raise JobError(f"The step registered as {name!r} calls itself {step.name!r}.")
    return step


def sections(steps: Mapping[str, str]) -> dict[str, list[str]]:
    """Spec table name -> the steps it turns on."""
    found: dict[str, list[str]] = {}
    for name in steps:
        step = load_step(name, steps)
        found.setdefault(step.section, []).append(name)
    return found


def steps_for(tables: Iterable[str], steps: Mapping[str, str]) -> list[str]:
    """The steps the spec's tables turn on, with the steps they need, in running order.

    A spec with no step tables only ingests its inputs.
    """
    by_section = sections(steps)
    wanted = [name for table in tables for name in by_section.get(table, [])] or ["ingest"]
    chosen: set[str] = set()
    while wanted:
        name = wanted.pop()
        if name not in chosen:
            chosen.add(name)
            wanted.extend(load_step(name, steps).needs)
    return [name for name in steps if name in chosen]
