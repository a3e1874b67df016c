"""The Ray executor: the same job on a Ray cluster (or a Ray started on this machine).

Steps that use a model go through Ray Data: the items' segments become a dataset and
`map_batches` sends them to a fixed pool of actors, each of which loads its model once and
keeps it. Other steps run as Ray tasks. Steps that read the input files run in the runner's
process, because cluster nodes may not see those files. Results always come back to the
runner, which commits them exactly as the local executor's, so resume works the same.

Only this module imports ray, and only the runner imports this module, when asked to.
"""

from __future__ import annotations

import os
import pickle
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ray

from workbench.errors import JobError
from workbench.jobs.local import compute_item
from workbench.jobs.runner import local_cores
from workbench.jobs.step import Item, Output, Step, WorkerState

if TYPE_CHECKING:
    from workbench.config import Settings

POLL_S = 0.25


class RayExecutor:
    name = "ray"

    def __init__(
        self,
        workers: int,
        settings: Settings,
        steps: Mapping[str, str],
        *,
        address: str | None = None,
    ):
        self.workers = workers  # 0: one actor per CPU of the cluster (known once connected)
        self.settings = settings
        self.steps = dict(steps)
        self.address = address
        self._started = False
        self._inline: tuple[dict, WorkerState] | None = None

    def map(
        self, step: Step, work: Iterable[tuple[Item, Any]], stop: Callable[[], bool]
    ) -> Iterator[tuple[Item, Output | str]]:
        if step.reads_inputs:
            yield from self._inline_map(step, work, stop)
            return
        self.start()
        if step.uses_model:
            yield from self._dataset_map(step, list(work), stop)
        else:
            yield from self._task_map(step, work, stop)

    def _inline_map(
        self, step: Step, work: Iterable[tuple[Item, Any]], stop: Callable[[], bool]
    ) -> Iterator[tuple[Item, Output | str]]:
        if self._inline is None:
            self._inline = ({}, WorkerState(self.settings))
        loaded, state = self._inline
        for item, payload in work:
            if stop():
                return
            yield item, compute_item(self.steps, loaded, state, step.name, payload)

    def _dataset_map(
        self, step: Step, work: list[tuple[Item, Any]], stop: Callable[[], bool]
    ) -> Iterator[tuple[Item, Output | str]]:
        if not work:
            return
        data = _ray_data()
        rows = [{"index": i, "payload": pickle.dumps(p)} for i, (_, p) in enumerate(work)]
        dataset = data.from_items(rows, override_num_blocks=min(len(rows), 8 * self.workers))
        with warnings.catch_warnings():
            # max_restarts is passed as a plain remote argument, deprecated for Ray 2.64
            warnings.simplefilter("ignore", DeprecationWarning)
            results = self._map_batches(dataset, data, step)
        unanswered = set(range(len(work)))
        try:
            for row in results.iter_rows():
                index = int(row["index"])
                unanswered.discard(index)
                yield work[index][0], pickle.loads(row["output"])
                if stop():
                    return
        except ray.exceptions.RayError as exc:
            message = f"a Ray actor failed ({type(exc).__name__}); resume the job to retry"
            for index in sorted(unanswered):
                yield work[index][0], message

    def _map_batches(self, dataset: Any, data: Any, step: Step) -> Any:
        return dataset.map_batches(
            ModelActor,
            fn_constructor_kwargs={
                "steps": self.steps,
                "settings": self.settings,
                "step_name": step.name,
            },
            batch_size=1,
            compute=data.ActorPoolStrategy(size=self.workers),
            num_cpus=1,
            max_restarts=0,  # an item that kills its actor fails; it must not loop forever
        )

    def _task_map(
        self, step: Step, work: Iterable[tuple[Item, Any]], stop: Callable[[], bool]
    ) -> Iterator[tuple[Item, Output | str]]:
        source = iter(work)
        pending: dict[Any, Item] = {}
        queue: deque = deque()
        while True:
            if stop():
                for ref in pending:
                    ray.cancel(ref)
                return
            while len(pending) < 2 * self.workers:
                nxt = queue.popleft() if queue else next(source, None)
                if nxt is None:
                    break
                item, payload = nxt
                ref = _remote_compute.remote(self.steps, self.settings, step.name, payload)
                pending[ref] = item
            if not pending:
                return
            ready, _ = ray.wait(list(pending), num_returns=1, timeout=POLL_S)
            for ref in ready:
                item = pending.pop(ref)
                try:
                    yield item, ray.get(ref)
                except ray.exceptions.RayError as exc:
                    yield item, f"the Ray worker failed on this item ({type(exc).__name__})"

    def start(self) -> None:
        """Connect to the cluster, or start a private Ray here (done on first use)."""
        if self._started or ray.is_initialized():
            self.workers = self.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
            return
        arguments = ray_init_args(self.address, self.workers or local_cores())
        try:
            private = not self.address
            with _local_only(self.settings.home if private else None), _on_loopback(private):
                ray.init(**arguments)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = self.address or "this machine"
            raise JobError(
                f"Cannot start or reach Ray at {where} ({exc}). Check `ray status` on the head "
                "node and the --ray-address, or use --executor local."
            ) from None
        self._started = True
        if not self.workers:
            self.workers = max(1, int(ray.cluster_resources().get("CPU", 1)))

    def close(self) -> None:
        if self._started:
            ray.shutdown()
            self._started = False


@contextmanager
def _local_only(home: Path | None) -> Iterator[None]:
    """While a private Ray starts, HOME holds a ray_bootstrap_config.yaml that says "local".

    Without one, Ray's usage module asks cloud metadata servers (169.254.169.254,
    metadata.google.internal) which cloud it runs on, usage statistics off or not. Ray's
    processes and workers all keep this HOME (they share the auth token Ray keeps under it,
    and every private Ray of the workbench uses the same folder, so a process that starts a
    second one still holds the right token); the Hugging Face cache under the real HOME is
    passed to the workers (see ray_init_args).
    """
    if home is None:
        yield
        return
    folder = home / "ray"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ray_bootstrap_config.yaml").write_text("provider:\n  type: local\n")
    real = os.environ.get("HOME")
    os.environ["HOME"] = str(folder)
    try:
        yield
    finally:
        if real is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = real


LOOPBACK_ONLY = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"  # "0": Ray's nodes stay on 127.0.0.1


@contextmanager
def _on_loopback(active: bool) -> Iterator[None]:
    """While a private Ray starts, its servers are made to listen on 127.0.0.1 only.

    Ray turns the node address 127.0.0.1 into this machine's network address, so the GCS,
    the raylet and every worker would listen on all interfaces, open to anyone on the
    network (and the documents in its object store with them). Ray keeps a node on loopback
    where clusters are switched off: RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0, read by Ray's own
    processes as they start and, already imported here, by this process's constant.
    """
    if not active:
        yield
        return
    from ray._private import ray_constants

    before = os.environ.get(LOOPBACK_ONLY), ray_constants.ENABLE_RAY_CLUSTER
    os.environ[LOOPBACK_ONLY] = "0"
    ray_constants.ENABLE_RAY_CLUSTER = False
    try:
        yield
    finally:
        ray_constants.ENABLE_RAY_CLUSTER = before[1]
        if before[0] is None:
            os.environ.pop(LOOPBACK_ONLY, None)
        else:
            os.environ[LOOPBACK_ONLY] = before[0]


def hugging_face_home() -> str:
    """Where huggingface_hub looks for models, as it would work it out for this HOME."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join("~", ".cache")
    return os.path.expanduser(os.environ.get("HF_HOME") or os.path.join(cache, "huggingface"))


def ray_init_args(address: str | None, workers: int) -> dict[str, Any]:
    """Arguments for ray.init: a private local Ray bound to loopback, or an existing cluster.

    Workers get the runner's PYTHONPATH (made absolute), so they import the same workbench
    and, in the test suite, install the same network guard.
    """
    path = os.pathsep.join(
        str(Path(p).absolute()) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p
    )
    env = {
        "RAY_USAGE_STATS_ENABLED": "0",
        "HF_HOME": hugging_face_home(),  # under the real HOME, whatever HOME Ray runs with
        **({"PYTHONPATH": path} if path else {}),
    }
    common = {
        "include_dashboard": False,
        "log_to_driver": False,
        "logging_level": "ERROR",
        "runtime_env": {"env_vars": env},
    }
    if address:
        return {"address": address, **common}
    return {
        "num_cpus": workers,
        "_node_ip_address": "127.0.0.1",
        "object_store_memory": 256 * 1024 * 1024,
        **common,
    }


def _ray_data() -> Any:
    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "ERROR")  # read when ray.data is imported
    import ray.data

    with warnings.catch_warnings():  # Ray Data warns about its own deprecated defaults
        warnings.simplefilter("ignore", DeprecationWarning)
        context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # the job has its own progress bar
    context.print_on_execution_start = False
    return ray.data


class ModelActor:
    """A Ray Data actor: loads its step (and, on first use, its model) once, keeps both."""

    def __init__(self, steps: dict[str, str], settings: Settings, step_name: str):
        from workbench.privacy import quiet_environment

        quiet_environment()
        take_a_free_core()
        self.steps, self.step_name = steps, step_name
        self.loaded: dict = {}
        self.state = WorkerState(settings)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        outputs = [
            pickle.dumps(
                compute_item(
                    self.steps, self.loaded, self.state, self.step_name, pickle.loads(payload)
                )
            )
            for payload in batch["payload"]
        ]
        return {"index": list(batch["index"]), "output": outputs}


_HELD_CORES: list[Any] = []


def take_a_free_core() -> None:
    """Pin this actor to a core no other actor on this node holds (a lock file per core).

    Ray gives each actor one CPU but does not pin it, and model engines size their thread
    pools from the cores a process may use: unpinned, every actor would run a thread per core.
    """
    import fcntl
    import tempfile

    if not hasattr(os, "sched_setaffinity"):
        return
    for core in sorted(os.sched_getaffinity(0)):
        lock = open(Path(tempfile.gettempdir()) / f"workbench-core-{core}.lock", "a")  # noqa: SIM115
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            continue
        _HELD_CORES.append(lock)  # held while the actor lives; the kernel frees it after
        os.sched_setaffinity(0, {core})
        return


@ray.remote(num_cpus=1)
def _remote_compute(
    steps: dict[str, str], settings: Settings, step_name: str, payload: Any
) -> Output | str:
    from workbench.privacy import quiet_environment

    quiet_environment()
    if "state" not in _TASK_WORKER:  # a Ray worker runs many tasks: keep its step and model
        _TASK_WORKER.update(state=WorkerState(settings), loaded={})
    return compute_item(steps, _TASK_WORKER["loaded"], _TASK_WORKER["state"], step_name, payload)


_TASK_WORKER: dict[str, Any] = {}
