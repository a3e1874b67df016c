"""What the runner asks of an executor, and the executors there are.

An executor computes a step's items somewhere (worker processes here, a Ray cluster) and
yields each result as it finishes; the runner alone commits them, so every executor resumes
the same way. `workbench.jobs.runner.make_executor` builds one by its name in EXECUTORS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, runtime_checkable

from workbench.jobs.step import Item, Output, Step

EXECUTORS = ("local", "ray")


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
