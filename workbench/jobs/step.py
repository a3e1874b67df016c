"""What a job step is: it plans items, a worker computes each one, the runner commits it.

The split is what makes jobs safe and portable. `plan`, `prepare` and `commit` run in the
runner, the one process that writes the store; `compute` is a pure function of the payload
that runs in a worker process or on a Ray node, which may not even see the store or the
input files. An item's output files are written (temp file, then rename) before its commit,
and `commit` runs in the same transaction that marks the item done, so after a crash an item
is either wholly done or wholly redone — and redone, it writes the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from workbench.jobs.options import Option

if TYPE_CHECKING:
    from workbench.config import Settings
    from workbench.jobs.inputs import ReportInput
    from workbench.jobs.spec import JobSpec
    from workbench.records import JobItem
    from workbench.store.db import Database

T = TypeVar("T")


@dataclass(frozen=True)
class Item:
    """A unit of work: `key` is stable across runs; `input_hash` changes when its input does."""

    key: str
    step: str
    report: str
    input_hash: str
    payload: Any = None


@dataclass
class Output:
    """What `compute` hands back to the runner.

    `result` (JSON) is kept with the item; `files` go into the output folder (paths relative
    to it); `records` are whatever `commit` puts into the store (documents, beads, ...).
    """

    result: dict[str, Any] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    records: Any = None


@dataclass
class JobContext:
    """What the runner's side of a step sees: the store, the settings and the spec."""

    db: Database
    settings: Settings
    spec: JobSpec
    job_id: int
    workers_share_store: bool = True  # False on Ray: workers cannot read the store
    epoch: int = 0  # the date written into files: SOURCE_DATE_EPOCH, else the job's creation

    @property
    def output(self) -> Path:
        return self.spec.output

    def options(self, step: Step) -> dict[str, Any]:
        """The step's options: its table's, or its defaults when the spec has no table for it
        (a step another needs, such as [align] for [export])."""
        given = self.spec.steps.get(step.section)
        if given is not None:
            return given
        return {name: option.default for name, option in step.options.items()}

    def done(self, step: str, report: str) -> list[JobItem]:
        """The finished items of an earlier step for this report, in key order."""
        from workbench.store import jobs

        return jobs.items(self.db, self.job_id, step=step, report=report, status="done")


class WorkerState:
    """What a worker keeps between items: its settings, the one model it holds, and its
    translation memory.

    `memory_path` is the job's database when the worker can reach it (the local executor):
    translations are then remembered the moment they are made, so even an item cut short by
    a crash never translates them again. Without it (a Ray node), the worker keeps a private
    memory and hands what it translated back with the item, for the runner to store.
    """

    def __init__(self, settings: Settings, memory_path: Path | None = None, max_models: int = 1):
        self.settings = settings
        self.memory_path = memory_path
        self.max_models = max_models
        self._models: dict[Any, Any] = {}
        self._memory: Database | None = None

    @property
    def shares_memory(self) -> bool:
        return self.memory_path is not None

    def model(self, key: Any, load: Callable[[], T]) -> T:
        """The model for `key`, loaded on first use; the oldest is dropped beyond the limit."""
        if key not in self._models:
            while self._models and len(self._models) >= self.max_models:
                self._models.pop(next(iter(self._models)))
            self._models[key] = load()
        return self._models[key]

    def memory(self) -> Database:
        """The translation memory: the job's database, or a private one in a temp folder."""
        if self._memory is None:
            import tempfile

            from workbench.store.db import open_database

            path = self.memory_path or Path(tempfile.mkdtemp(prefix="workbench-memory-")) / "m.db"
            self._memory = open_database(path)
        return self._memory


class Step:
    """One kind of work in a job. Subclasses set the class attributes and fill in the hooks.

    `section` is the spec table that turns the step on and holds its options; `needs` names
    the steps whose items for the same report must be done before this one is planned.
    `uses_model` steps run on Ray through an actor pool that loads each model once;
    `reads_inputs` steps read the input files, so on Ray they run in the runner's process.
    """

    name: ClassVar[str]
    section: ClassVar[str] = ""
    needs: ClassVar[tuple[str, ...]] = ()
    uses_model: ClassVar[bool] = False
    reads_inputs: ClassVar[bool] = False
    options: ClassVar[dict[str, Option]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__dict__.get("section") and "name" in cls.__dict__:
            cls.section = cls.name

    def check(self, options: dict[str, Any], where: str) -> None:
        """Checks across options (each option alone is checked already); raise JobSpecError."""

    def plan(self, ctx: JobContext, report: ReportInput) -> list[Item]:
        raise NotImplementedError

    def prepare(self, ctx: JobContext, item: Item) -> Any:
        """The payload sent to the worker, made just before the item is handed out."""
        return item.payload

    def compute(self, payload: Any, worker: WorkerState) -> Output:
        raise NotImplementedError

    def commit(self, ctx: JobContext, item: Item, output: Output) -> dict[str, Any]:
        """Store what the item made (inside the transaction that marks it done)."""
        return output.result

    def item(self, report: str, key: str, payload: Any, *hashed: Any) -> Item:
        """An item of this step, keyed `name/report[/key]`, hashed over `hashed`."""
        full_key = "/".join(part for part in (self.name, report, key) if part)
        return Item(full_key, self.name, report, digest(self.name, *hashed), payload)


def digest(*parts: Any) -> str:
    """sha256 of the parts as canonical JSON: equal inputs, equal hash, in any process."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
