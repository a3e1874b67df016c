"""A raw client of the served UI: plain HTTP (httpx), as the page itself or a hostile script
speaks to it, not through `gradio_client` (which checks and reshapes what it sends).

It reads the event handlers from `/config` (their `fn_index` and the components they read),
logs in through `/login`, uploads through `/gradio_api/upload`, and calls any handler with any
data through `/gradio_api/queue/join`, reading the answer from the server-sent events of
`/gradio_api/queue/data`. Several calls may be submitted before their answers are read
(`submit`, then `results`); for calls from several threads at once, give each thread its own
client (one client is one browser session).

    client = QueueClient(url, login=("omar", "password"))
    upload = client.handler("job_upload")
    answer = client.call(upload, [file_data("/etc/hosts.json")])
    assert not answer.success and "not uploaded" in answer.error
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

API = "gradio_api"


def routes(app: Any, prefix: str = "") -> list[tuple[str, str]]:
    """Every (method, path) an ASGI app served in this process answers (FastAPI/Starlette,
    mounted apps and included routers too), with each {parameter} filled in as "x"."""
    found = []
    for route in app.routes:
        included = getattr(route, "original_router", None)  # FastAPI's included router
        if included is not None:
            found += routes(included, prefix + route.include_context.prefix)
        elif getattr(route, "methods", None):
            path = re.sub(r"\{[^}]*\}", "x", prefix + route.path)
            found += [(method, path) for method in sorted(route.methods)]
        elif hasattr(getattr(route, "app", None), "routes"):  # a mounted app
            found += routes(route.app, prefix + route.path.rstrip("/"))
    return sorted(set(found))


def file_data(path: str, *, meta: bool = True) -> dict[str, Any]:
    """What the page sends for a file: its path on the server (and Gradio's type tag)."""
    data: dict[str, Any] = {"path": path, "orig_name": Path(path).name}
    if meta:
        data["meta"] = {"_type": "gradio.FileData"}
    return data


@dataclass(frozen=True)
class Handler:
    """One event handler of the page, as /config describes it."""

    fn_index: int
    api_name: str | None
    trigger_id: int | None
    trigger: str | None  # the elem_id of the component whose event starts it
    events: tuple[str, ...]  # what starts it: "click", "upload", "load", ...
    inputs: tuple[dict[str, Any], ...]  # the components it reads: type, props, id
    outputs: tuple[dict[str, Any], ...]

    def reads(self, kind: str) -> list[int]:
        """The positions of its inputs of component type `kind` ("file", "textbox", ...)."""
        return [i for i, component in enumerate(self.inputs) if component["type"] == kind]

    def position(self, elem_id: str, among: str = "inputs") -> int:
        """Where the component with this elem_id is among its inputs (or outputs)."""
        components = self.inputs if among == "inputs" else self.outputs
        [found] = [i for i, c in enumerate(components) if c["props"].get("elem_id") == elem_id]
        return found


@dataclass
class Answer:
    """What the queue answered for one call: the outputs, or the error it showed."""

    success: bool
    output: list[Any] | None
    error: str | None
    raw: str = ""  # every event of this call as sent, to look for what must never come back

    def text(self) -> str:
        return json.dumps(self.output, ensure_ascii=False) if self.output is not None else ""


@dataclass
class QueueClient:
    url: str
    login: tuple[str, str] | None = None
    timeout: float = 120.0
    session_hash: str = field(default_factory=lambda: secrets.token_hex(8))

    def __post_init__(self) -> None:
        self.http = httpx.Client(base_url=self.url, timeout=self.timeout)
        self._config: dict[str, Any] | None = None
        if self.login:
            name, password = self.login
            answer = self.http.post("login", data={"username": name, "password": password})
            answer.raise_for_status()

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> QueueClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the page ------------------------------------------------------------------------
    def config(self) -> dict[str, Any]:
        if self._config is None:
            answer = self.http.get("config")
            answer.raise_for_status()
            self._config = answer.json()
        return self._config

    def handlers(self) -> list[Handler]:
        config = self.config()
        components = {c["id"]: c for c in config["components"]}
        return [
            Handler(
                fn_index=dep["id"],
                api_name=dep.get("api_name"),
                trigger_id=dep["targets"][0][0] if dep.get("targets") else None,
                trigger=_elem_id(components, dep.get("targets")),
                events=tuple(event for _, event in dep.get("targets") or ()),
                inputs=tuple(components[i] for i in dep["inputs"]),
                outputs=tuple(components[i] for i in dep["outputs"]),
            )
            for dep in config["dependencies"]
            if dep.get("backend_fn")
        ]

    def handler(self, api_name: str) -> Handler:
        [found] = [h for h in self.handlers() if h.api_name == api_name]
        return found

    def handler_of(self, elem_id: str, shows: str | None = None) -> Handler:
        """The handler a button (or other component) with this elem_id starts; where it starts
        several (a report list that two panels follow), the one whose outputs include the
        component with the elem_id `shows`."""
        [found] = [
            h for h in self.handlers()
            if h.trigger == elem_id
            and (shows is None or any(o["props"].get("elem_id") == shows for o in h.outputs))
        ]  # fmt: skip
        return found

    def defaults(self, handler: Handler, text: str = "hostile", **given: Any) -> list[Any]:
        """What the page would send with nothing touched, empty text boxes filled with `text`
        (so that a handler gets as far as reading its file), and `given` values by elem_id
        (`wb_alignment=3` for the component with elem_id "wb-alignment")."""
        values = []
        for component in handler.inputs:
            elem_id = (component["props"].get("elem_id") or "").replace("-", "_")
            value = component["props"].get("value")
            if elem_id in given:
                value = given[elem_id]
            elif component["type"] == "textbox" and not value:
                value = text
            values.append(value)
        return values

    def open_page(self) -> Answer:
        """Run the page's load event, as a browser does first: the server then knows this
        session's choices (reports, alignments), which later calls must pick from."""
        [load] = [h for h in self.handlers() if "load" in h.events]
        return self.call(load, [])

    # -- files -----------------------------------------------------------------------------
    def upload(self, name: str, content: bytes) -> str:
        """Upload as the page does; returns the path the server stored it at."""
        answer = self.http.post(f"{API}/upload", files={"files": (name, content)})
        answer.raise_for_status()
        [path] = answer.json()
        return path

    # -- calls ---------------------------------------------------------------------------------
    def submit(self, handler: Handler, data: Sequence[Any]) -> str:
        """Put a call in the queue; returns its event id (read the answer with `results`)."""
        body = {
            "data": list(data),
            "fn_index": handler.fn_index,
            "trigger_id": handler.trigger_id,
            "session_hash": self.session_hash,
            "event_data": None,
        }
        answer = self.http.post(f"{API}/queue/join", json=body)
        if answer.status_code != 200:
            raise QueueRefused(answer.status_code, answer.text)
        return answer.json()["event_id"]

    def results(self, event_ids: Iterable[str]) -> dict[str, Answer]:
        """Read this session's event stream until every call in `event_ids` has its answer."""
        waiting, answers = set(event_ids), {}
        raw: dict[str, list[str]] = {}
        stream = self.http.stream(
            "GET", f"{API}/queue/data", params={"session_hash": self.session_hash}
        )
        with stream as events:
            for line in events.iter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                event = message.get("event_id")
                raw.setdefault(event, []).append(line)
                if message.get("msg") == "process_completed" and event in waiting:
                    answers[event] = _answer(message, "\n".join(raw[event]))
                    waiting.discard(event)
                if not waiting or message.get("msg") in ("close_stream", "unexpected_error"):
                    break
        for event in waiting:
            answers[event] = Answer(False, None, "no answer", "\n".join(raw.get(event, [])))
        return answers

    def call(self, handler: Handler, data: Sequence[Any]) -> Answer:
        event = self.submit(handler, data)
        return self.results([event])[event]


class QueueRefused(Exception):
    """The queue would not take the call at all (HTTP status and body)."""

    def __init__(self, status: int, body: str):
        super().__init__(f"{status}: {body}")
        self.status, self.body = status, body


def _elem_id(components: dict[int, dict], targets: list | None) -> str | None:
    if not targets or targets[0][0] not in components:
        return None
    return components[targets[0][0]]["props"].get("elem_id")


def _answer(message: dict[str, Any], raw: str) -> Answer:
    output = message.get("output") or {}
    if message.get("success"):
        return Answer(True, output.get("data"), None, raw)
    return Answer(False, None, str(output.get("error") or output), raw)
