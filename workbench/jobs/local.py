"""The local executor: worker processes on this machine, each holding one model.

Workers only compute; the runner commits. A worker whose runner dies (kill -9, out of
memory) notices within a fraction of a second and exits, so a resumed job never races an
orphan. A worker that dies itself breaks the pool: the pool is restarted and the items it
held are tried once more; an item that kills a worker twice is recorded as failed.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.errors import WorkbenchError
from workbench.jobs.step import Item, Output, Step, WorkerState
from workbench.privacy import quiet_environment

if TYPE_CHECKING:
    from workbench.config import Settings

WORKER_DIED = (
    "The worker process stopped while working on this item (killed, or out of memory). "
    "Resume the job to try it again; if it fails again, the input may be too large."
)
POLL_S = 0.25


class LocalExecutor:
    name = "local"

    def __init__(
        self,
        workers: int,
        settings: Settings,
        steps: Mapping[str, str],
        memory_path: Path | None = None,
    ):
        self.workers = max(1, workers)
        self._context = multiprocessing.get_context("spawn")
        counter = self._context.Value("i", 0)
        self._initargs = (dict(steps), settings, os.getpid(), counter, self.workers, memory_path)
        self._pool: ProcessPoolExecutor | None = None

    def map(
        self, step: Step, work: Iterable[tuple[Item, Any]], stop: Callable[[], bool]
    ) -> Iterator[tuple[Item, Output | str]]:
        """Compute every item; yield (item, output or error message) as each one finishes.

        At most two items per worker wait in the pool, so `stop()` (asked between results and
        every quarter second) takes effect quickly and memory stays bounded.
        """
        source = iter(work)
        queue: deque[tuple[Item, Any]] = deque()
        in_flight: dict[Future, tuple[Item, Any]] = {}
        suspects: set[str] = set()  # in flight when a worker died: retried alone
        while True:
            if stop():
                self._cancel(in_flight)
                return
            self._fill(step.name, source, queue, in_flight, suspects)
            if not in_flight:
                return
            finished, _ = wait(in_flight, timeout=POLL_S, return_when=FIRST_COMPLETED)
            if any(isinstance(f.exception(), BrokenProcessPool) for f in finished):
                yield from self._after_death(in_flight, queue, suspects)
                continue
            for future in finished:
                item, _ = in_flight.pop(future)
                suspects.discard(item.key)
                yield item, future.result()

    def _fill(
        self,
        step_name: str,
        source: Iterator[tuple[Item, Any]],
        queue: deque[tuple[Item, Any]],
        in_flight: dict[Future, tuple[Item, Any]],
        suspects: set[str],
    ) -> None:
        """Hand out items; a suspect goes alone, so a second death names the guilty item."""
        while len(in_flight) < 2 * self.workers and (queue or _more(source, queue)):
            item, payload = queue[0]
            suspect_running = any(i.key in suspects for i, _ in in_flight.values())
            if suspect_running or (item.key in suspects and in_flight):
                return
            try:
                future = self._submit(step_name, payload)
            except BrokenProcessPool:  # a worker died since the last look: deal with it first
                if not in_flight:
                    self.close()
                return
            queue.popleft()
            in_flight[future] = (item, payload)
            if item.key in suspects:
                return

    def _after_death(
        self,
        in_flight: dict[Future, tuple[Item, Any]],
        queue: deque[tuple[Item, Any]],
        suspects: set[str],
    ) -> Iterator[tuple[Item, Output | str]]:
        alone = len(in_flight) == 1
        for future, (item, payload) in list(in_flight.items()):
            if future.done() and future.exception() is None:
                yield item, future.result()
            elif alone and item.key in suspects:
                suspects.discard(item.key)
                yield item, WORKER_DIED
            else:
                suspects.add(item.key)
                queue.appendleft((item, payload))
        in_flight.clear()
        self.close()

    def _submit(self, step_name: str, payload: Any) -> Future:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=self._context,
                initializer=_start_worker,
                initargs=self._initargs,
            )
        return self._pool.submit(_compute, step_name, payload)

    def _cancel(self, in_flight: dict[Future, Any]) -> None:
        for future in in_flight:
            future.cancel()
        in_flight.clear()

    def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.shutdown(wait=False, cancel_futures=True)
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()  # an item in hand is not committed: it is redone on resume
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.join(5)


def _more(source: Iterator[tuple[Item, Any]], queue: deque) -> bool:
    nxt = next(source, None)
    if nxt is None:
        return False
    queue.append(nxt)
    return True


# --- inside a worker process ---------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _start_worker(
    steps: dict[str, str],
    settings: Settings,
    runner_pid: int,
    started: Any,
    workers: int,
    memory_path: Path | None,
) -> None:

    quiet_environment()
    with started.get_lock():
        number, started.value = started.value, started.value + 1
    _share_cores(number, workers)
    _WORKER.update(steps=steps, state=WorkerState(settings, memory_path), loaded={})
    threading.Thread(target=_exit_with_runner, args=(runner_pid,), daemon=True).start()


def _share_cores(number: int, workers: int) -> None:
    """Give worker `number` of `workers` its own share of the cores.

    Model engines size their thread pools from the cores a process may use, so N workers on
    C cores each run C/N threads instead of all of them fighting over every core.
    """
    if not hasattr(os, "sched_setaffinity"):
        return
    cores = sorted(os.sched_getaffinity(0))
    share = max(1, len(cores) // workers)
    start = (number % max(1, len(cores) // share)) * share
    os.sched_setaffinity(0, cores[start : start + share])


def _exit_with_runner(runner_pid: int) -> None:
    while os.getppid() == runner_pid:
        time.sleep(POLL_S / 2)
    os._exit(3)  # the runner is gone: nobody will commit what this worker makes


def _compute(step_name: str, payload: Any) -> Output | str:
    """Run one item in this worker; an error becomes its message (the job goes on)."""
    return compute_item(_WORKER["steps"], _WORKER["loaded"], _WORKER["state"], step_name, payload)


def compute_item(
    steps: Mapping[str, str],
    loaded: dict[str, Step],
    state: WorkerState,
    step_name: str,
    payload: Any,
) -> Output | str:
    """Shared by every executor: load the step once, compute, turn errors into messages."""
    from workbench.jobs.registry import load_step

    try:
        if step_name not in loaded:
            loaded[step_name] = load_step(step_name, steps)
        return loaded[step_name].compute(payload, state)
    except WorkbenchError as exc:
        return str(exc)
    except Exception as exc:  # a bug or a library failure on this item: record it, go on
        return f"internal error ({type(exc).__name__}: {exc})"
