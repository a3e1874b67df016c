"""The Gradio app: `build_app(settings)` lays out the header and the tabs, one module each.

Every tab (`workbench.ui.tabs`) builds its widgets, wires its events and fills in its page-load
values; this module only loops over them, adds the public API (`api`) and the queue. Every
event resolves the reviewer on the server from the login (gr.Request.username); nothing the
page sends says who is acting.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import gradio as gr

from workbench.config import Settings
from workbench.errors import WorkbenchError
from workbench.review.rows import Sources
from workbench.review.session import Context
from workbench.store import users
from workbench.store.db import Database, open_store
from workbench.ui import api
from workbench.ui.queue import resting_queue
from workbench.ui.tabs import tab_classes
from workbench.ui.tabs.base import PRIVATE, Page
from workbench.ui.uploads import uploaded_file

UI_CONCURRENCY = 4


def build_app(
    settings: Settings, db: Database | None = None, *, accounts: bool | None = None
) -> gr.Blocks:
    """The review UI over the store in `settings` (or `db`). Accounts are on when any exist."""
    db = db or open_store(settings)
    on = users.count_users(db) > 0 if accounts is None else accounts
    ctx = Context(db, settings, on, sources=Sources())
    tabs = [kind(ctx) for kind in tab_classes()]
    with UploadsOnly(title="workbench review", fill_width=True) as app:
        with gr.Row():
            gr.HTML("<h2 style='margin:0'>workbench · review</h2>")
            who = gr.HTML(elem_id="wb-who")
        with gr.Tabs(selected=tabs[0].id) as selector:
            for tab in tabs:
                with gr.Tab(tab.label, id=tab.id, elem_id=f"wb-tab-{tab.id}"):
                    tab.render()
        page = Page(ctx, tabs, selector, who)
        api.register(ctx)  # first: the public names (/export, /align, ...) are the API's
        app.load(page.load, outputs=page.loaded(), **PRIVATE)
        for tab in tabs:
            tab.wire()
    # Screens of different reviewers run side by side; each handler is a few short reads.
    app.queue(default_concurrency_limit=UI_CONCURRENCY)
    app.workbench_context = ctx  # type: ignore[attr-defined]  # for the server and tests
    return app


class UploadsOnly(gr.Blocks):
    """Blocks whose events take files only from this server's upload folder.

    A page names each file it sends by its path on the server, so a forged request can name
    any file there, or a URL (which Gradio would download). Every path an event's data names
    is checked (`uploads.uploaded_file`) before Gradio copies anything into its cache,
    whether or not Gradio's own check runs (`mount_gradio_app` leaves it off)."""

    async def preprocess_data(
        self, block_fn: Any, inputs: list[Any], state: Any, explicit_call: bool = False
    ) -> list[Any]:
        for block, value in zip(block_fn.inputs, inputs, strict=False):
            if not getattr(block, "stateful", False):  # a State's value never comes from the page
                for path in _named_paths(value):
                    try:
                        uploaded_file(path)
                    except WorkbenchError as exc:
                        raise gr.Error(str(exc), print_exception=False) from None
        return await super().preprocess_data(block_fn, inputs, state, explicit_call)

    def queue(self, *args: Any, **kwargs: Any) -> UploadsOnly:
        """Gradio's queue, resting while nothing happens (`workbench.ui.queue`)."""
        super().queue(*args, **kwargs)
        self._queue = resting_queue(self._queue)
        return self


def _named_paths(value: Any) -> list[str]:
    """Every "path" of the files in an event's value (Gradio's FileData, at any depth)."""
    paths, left = [], [value]
    while left:  # no recursion: a forged value may be nested thousands deep
        item = left.pop()
        if isinstance(item, dict):
            if item.get("path") is not None:
                paths.append(str(item["path"]))
            left.extend(item.values())
        elif isinstance(item, (list, tuple)):
            left.extend(item)
    return paths


def page_assets() -> dict[str, str]:
    """The stylesheet and the keyboard script, for `launch`/`mount_gradio_app` (Gradio 6)."""
    static = resources.files("workbench.ui") / "static"
    css = (static / "workbench.css").read_text(encoding="utf-8")
    script = (static / "keys.js").read_text(encoding="utf-8")
    return {"css": css, "head": f"<script>{script}</script>"}
