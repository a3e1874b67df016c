"""What the runner asks of an executor, and the executors there are.

An executor computes a step's items somewhere (worker processes here, a Ray cluster) and
yields each result as it finishes; the runner alone commits them, so every executor resumes
the same way. `workbench.jobs.runner.make_executor` builds one by its name in EXECUTORS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from workbench.errors import JobError
from workbench.jobs.step import Item, Output, Step

EXECUTORS = ("local", "ray")


@dataclass(frozen=True)
class RunOptions:
    """How one run of a job goes, as the CLI, the API and the UI pass it to the runner:
    where (`executor`; `ray_address`: a running cluster, None starts Ray here), how many
    workers (0: the spec's, else the settings', else one per core or per cluster CPU),
    with a progress bar or not, and whether to take over a job whose runner seems alive
    (`force`: only when its machine is known to be gone)."""

    executor: str = "local"
    workers: int = 0
    ray_address: str | None = None
    progress: bool = False
    force: bool = False

    def __post_init__(self) -> None:
        if self.executor not in EXECUTORS:
            raise JobError(f"Unknown executor {self.executor!r}: use {' or '.join(EXECUTORS)}.")


@runtime_checkable
class Executor(Protocol):
    def map(
        self, step: Step, work: Iterable[tuple[Item, Any]], stop: Callable[[], bool]
    ) -> Iterator[tuple[Item, Output | str]]:
        """Compute every (item, payload); yield (item, output or error message) as each
        finishes, asking `stop()` between results."""
        ...

    def close(self) -> None:
        """Stop the workers (or leave the cluster); the executor is not used again."""
        ...
