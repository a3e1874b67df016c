"""Gradio's event queue, made to rest while nothing happens.

Gradio's queue loops look for work every 1 ms (`Queue.sleep_when_free`) and for progress every
10 ms, busy or not: an idle `workbench serve` with no browser open used 3-8 % of a core doing
nothing. `RestingQueue` keeps those quick pauses while events wait or run and for a while after
the last one arrived (a reviewer clicking through beads never waits), and pauses `IDLE_S`
otherwise: the first event after a quiet spell waits at most that long, about what a click's
own round trip takes. bench/serve_idle.py measures it.

It also skips Gradio's summary of recorded events, made after every event for its monitoring
dashboard (a pandas table of up to 10,000 events, grouped, with percentiles: 4-14 ms of CPU per
call, more as calls pile up), unless that dashboard is on; this server never turns it on.
"""

from __future__ import annotations

import time
from typing import Any

from gradio import queueing

BUSY_S = 0.001  # Gradio's own pause between looks at the queue while there is work
BUSY_PROGRESS_S = 0.01  # Gradio's own pause between progress updates
IDLE_S = 0.05
RECENT_S = 10.0  # after an event arrives, stay quick this long


class RestingQueue(queueing.Queue):
    """A queue whose loops pause `IDLE_S` when no event waited, ran or came in lately."""

    _last_event = 0.0

    @property  # type: ignore[override]
    def sleep_when_free(self) -> float:
        return BUSY_S if self.busy() else IDLE_S

    @sleep_when_free.setter
    def sleep_when_free(self, value: float) -> None:
        """Gradio's __init__ sets its fixed pause; the property decides instead."""

    @property  # type: ignore[override]
    def progress_update_sleep_when_free(self) -> float:
        return BUSY_PROGRESS_S if self.busy() else IDLE_S

    @progress_update_sleep_when_free.setter
    def progress_update_sleep_when_free(self, value: float) -> None:
        """As above."""

    def busy(self) -> bool:
        """Events wait or run, or one arrived in the last `RECENT_S` seconds."""
        if len(self) or any(job is not None for job in self.active_jobs):
            return True
        return time.monotonic() - self._last_event < RECENT_S

    def compute_analytics_summary(self, records: Any) -> Any:
        if getattr(self.blocks, "enable_monitoring", False):
            return super().compute_analytics_summary(records)
        return self.cached_event_analytics_summary

    async def push(self, *args: Any, **kwargs: Any) -> Any:
        self._last_event = time.monotonic()
        return await super().push(*args, **kwargs)


def resting_queue(built: queueing.Queue) -> RestingQueue:
    """A RestingQueue with the settings of the queue `Blocks.queue()` just built."""
    return RestingQueue(
        live_updates=built.live_updates,
        concurrency_count=built.max_thread_count,
        update_intervals=built.update_intervals,
        max_size=built.max_size,
        blocks=built.blocks,
        default_concurrency_limit=built.default_concurrency_limit,
    )
