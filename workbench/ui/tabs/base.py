"""What every tab is, and the page that holds them.

A tab's events read component values and answer with component updates (dicts keyed by
component). Errors become a message in the tab's own box (`shows_problems`), never a traceback;
unexpected ones are logged in full for the server's operator. The reviewer is resolved on the
server for every event (gr.Request.username); nothing the page sends says who is acting.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import gradio as gr

from workbench.errors import InputError, WorkbenchError
from workbench.logs import private_traceback
from workbench.records import User, record_number
from workbench.review.session import Context
from workbench.ui import handlers, render

log = logging.getLogger(__name__)

PRIVATE: dict[str, Any] = {"api_visibility": "private"}  # the public API is api.py's
Updates = dict[Any, Any]


@dataclass(frozen=True)
class Start:
    """What the page load knows: who is here, the reports, and the report to open first."""

    user: User
    names: list[str]
    report: str | None
    asked: bool  # the address named that report (?report=)


class Tab:
    """One tab: its widgets, layout, events, page-load values and message box."""

    id = ""
    label = ""
    message: gr.HTML

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.page: Page  # set by Page before `wire`

    def render(self) -> None:
        """Build the widgets (inside the tab's gr.Tab)."""
        raise NotImplementedError

    def wire(self) -> None:
        """Wire the tab's events (every widget of every tab exists by now)."""
        raise NotImplementedError

    def loaded(self) -> list[gr.components.Component]:
        """What the page load writes in this tab."""
        return []

    def load(self, start: Start) -> Updates:
        """The page load's values for `loaded`."""
        return {}

    def writing_buttons(self) -> list[gr.Button]:
        """Buttons that change the store: disabled for viewers (the server refuses anyway)."""
        return []

    def report_lists(self) -> list[gr.components.Component]:
        """Components that list the reports, refreshed whenever the reports change."""
        return []

    def list_reports(self, names: Sequence[str]) -> Updates:
        """Updates of `report_lists` for these report names."""
        return {}

    def safely(self, work: Callable[[], Updates]) -> Updates:
        """`work`'s updates, or its error in this tab's message box."""
        return safely_into(self.message, work)


def safely_into(message: Any, work: Callable[[], Updates]) -> Updates:
    """`work`'s updates, or its error in the `message` box (a tab's, or a panel's own)."""
    try:
        return work()
    except Exception as exc:  # shown on screen; unexpected ones are logged in full
        return {message: problem_notice(exc)}


T = TypeVar("T", bound=Tab)


class Page:
    """The tabs of the page, the tab selector and the line that says who is working."""

    def __init__(self, ctx: Context, tabs: Sequence[Tab], selector: gr.Tabs, who: gr.HTML):
        self.ctx, self.tabs, self.selector, self.who = ctx, list(tabs), selector, who
        for tab in self.tabs:
            tab.page = self

    def tab(self, kind: type[T]) -> T:
        return next(tab for tab in self.tabs if isinstance(tab, kind))

    def report_lists(self) -> list[gr.components.Component]:
        return [c for tab in self.tabs for c in tab.report_lists()]

    def listed(self) -> Updates:
        """Every list of reports, as the store has them now."""
        names = handlers.report_names(self.ctx)
        return {k: v for tab in self.tabs for k, v in tab.list_reports(names).items()}

    def loaded(self) -> list[gr.components.Component]:
        writing = [b for tab in self.tabs for b in tab.writing_buttons()]
        return list(dict.fromkeys([self.who, self.selector, *writing, *self._tab_loaded()]))

    def _tab_loaded(self) -> list[gr.components.Component]:
        return [c for tab in self.tabs for c in tab.loaded()]

    def load(self, request: gr.Request) -> Updates:
        """Who is here, each tab's values, and the report named in `?report=` (or the first)."""
        try:
            user = self.ctx.user(username(request))
        except WorkbenchError as exc:
            return {self.who: render.notice(str(exc), "problem")}
        names = handlers.report_names(self.ctx)
        asked = dict(getattr(request, "query_params", {}) or {}).get("report")
        report = asked if asked in names else (names[0] if names else None)
        start = Start(user, names, report, asked in names)
        updates: Updates = {
            self.who: who(self.ctx, user),
            self.selector: gr.Tabs(selected="review" if start.asked else self.tabs[0].id),
        }
        writer = user.role in ("reviewer", "admin")
        for tab in self.tabs:
            updates.update({b: gr.Button(interactive=writer) for b in tab.writing_buttons()})
            updates.update(tab.load(start))
        return updates


def shows_problems(method: Callable[..., Updates]) -> Callable[..., Updates]:
    """An event of a tab whose errors show in that tab's message box."""

    @functools.wraps(method)  # Gradio reads the signature (gr.Request) through this
    def run(self: Tab, *args: Any) -> Updates:
        return self.safely(lambda: method(self, *args))

    return run


def problem_notice(exc: Exception) -> str:
    if not isinstance(exc, WorkbenchError):
        log.error("a screen of the review UI failed:\n%s", private_traceback(exc))
    return render.notice(handlers.friendly(exc), "problem")


def who(ctx: Context, user: User) -> str:
    """The line that says who is working, and how."""
    if not ctx.accounts:
        return render.notice(
            f"Working as {user.name} on this computer (no accounts yet, so only this machine "
            "can open the UI; `workbench users add NAME` creates one).",
            "info",
        )
    note = " · you can look but not change anything" if user.role == "viewer" else ""
    signed = render.notice(f"Signed in as {user.name} ({user.role}){note}", "info")
    return f"{signed}<a href='logout' class='wb-logout'>Log out</a>"


def username(request: Any) -> str | None:
    return getattr(request, "username", None)


def number(value: Any) -> int | None:
    """A bead's or a job's number from a component's value; None when there is none."""
    try:
        return record_number(value, "record") if value not in (None, "") else None
    except InputError:
        return None
