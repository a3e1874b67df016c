"""The UI's event queue rests while nothing happens and is quick while reviewers work."""

from __future__ import annotations

import asyncio
import time

from workbench.config import load_settings
from workbench.ui import queue
from workbench.ui.app import build_app


def test_the_app_queues_its_events_in_a_resting_queue(db, home):
    app = build_app(load_settings(), db, accounts=False)
    assert isinstance(app._queue, queue.RestingQueue)
    assert app._queue.default_concurrency_limit == 4  # the app's own setting is kept


def test_an_idle_queue_pauses_longer_and_a_new_event_makes_it_quick(db, home, monkeypatch):
    app = build_app(load_settings(), db, accounts=False)
    waiting = app._queue
    assert waiting.sleep_when_free == queue.IDLE_S
    assert waiting.progress_update_sleep_when_free == queue.IDLE_S

    async def no_push(self, *args, **kwargs):
        return True, "event"

    monkeypatch.setattr(queue.queueing.Queue, "push", no_push)
    asyncio.run(waiting.push(None))
    assert waiting.sleep_when_free == queue.BUSY_S
    assert waiting.progress_update_sleep_when_free == queue.BUSY_PROGRESS_S
    waiting._last_event = time.monotonic() - queue.RECENT_S - 1
    assert waiting.sleep_when_free == queue.IDLE_S


def test_a_running_event_keeps_the_queue_quick(db, home):
    waiting = build_app(load_settings(), db, accounts=False)._queue
    waiting.active_jobs = [None, ["an event"], None]
    assert waiting.busy() and waiting.sleep_when_free == queue.BUSY_S


def _recorded(count: int) -> list[dict]:
    return [
        {"time": 0.0, "status": "success", "function": f"f{i % 3}", "process_time": 0.01,
         "session_hash": "s"}
        for i in range(count)
    ]  # fmt: skip


def test_the_monitoring_summary_is_not_made_after_every_event(db, home, monkeypatch):
    waiting = build_app(load_settings(), db, accounts=False)._queue
    made = []
    monkeypatch.setattr(queue.queueing.Queue, "_get_df", staticmethod(made.append))
    waiting.events_recorded = 5
    assert waiting.compute_analytics_summary(_recorded(100)) == {"functions": {}}
    assert made == []  # no pandas table of the recorded events


def test_with_monitoring_on_gradio_still_sums_the_events_up(db, home):
    waiting = build_app(load_settings(), db, accounts=False)._queue
    waiting.blocks.enable_monitoring = True
    waiting.events_recorded = 5
    summary = waiting.compute_analytics_summary(_recorded(30))
    assert set(summary["functions"]) == {"f0", "f1", "f2"}
