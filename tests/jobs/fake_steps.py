"""Deterministic steps that exercise the job machinery without any model.

`lines` reads each version of a report (like ingest), `shout` upper-cases chunks of lines
(like translate: it "uses a model", loaded once per worker), `shout-doc` writes one file per
version (like a machine translation). Every commit of `shout` adds one `score` row named after
its item, so a test can count how many times each item was committed.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.jobs.options import Option
from workbench.jobs.step import Item, JobContext, Output, Step, WorkerState

FAKE_STEPS = {
    "lines": "tests.jobs.fake_steps:Lines",
    "shout": "tests.jobs.fake_steps:Shout",
    "shout-doc": "tests.jobs.fake_steps:ShoutDoc",
}


def fake_registry() -> dict[str, str]:
    from workbench.jobs.registry import registry

    return {**registry(), **FAKE_STEPS}


class Lines(Step):
    name = "lines"
    reads_inputs = True

    def plan(self, ctx: JobContext, report: Any) -> list[Item]:
        files = [(f.lang, str(f.path), f.sha256) for f in report.files]
        return [self.item(report.name, "", files, [(lang, sha) for lang, _, sha in files])]

    def compute(self, payload: Any, worker: WorkerState) -> Output:
        versions = {}
        for lang, path, _ in payload:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{path} is not UTF-8 text.") from None
            versions[lang] = [line for line in text.splitlines() if line.strip()]
        return Output({"versions": versions})


class Shout(Step):
    name = "shout"
    needs = ("lines",)
    uses_model = True
    options = {
        "chunk": Option("int", 3, "lines per item", minimum=1),
        "delay_ms": Option("int", 0, "time each line takes", minimum=0),
        "fail_on": Option("text", "", "a report whose items fail"),
        "crash_on": Option("text", "", "a report whose items kill their worker"),
    }

    def plan(self, ctx: JobContext, report: Any) -> list[Item]:
        opts = ctx.options(self)
        [done] = ctx.done("lines", report.name)
        items = []
        for lang, lines in sorted(done.result["versions"].items()):
            for n in range(0, len(lines), opts["chunk"]):
                chunk = lines[n : n + opts["chunk"]]
                payload = {"report": report.name, "lines": chunk, **opts}
                items.append(self.item(report.name, f"{lang}/{n:04d}", payload, chunk))
        return items

    def compute(self, payload: Any, worker: WorkerState) -> Output:
        model = worker.model("upper", lambda: {"pid": os.getpid(), "loaded": time.time()})
        if payload["report"] == payload["fail_on"]:
            raise InputError(f"cannot shout in report {payload['report']}")
        if payload["report"] == payload["crash_on"]:
            os._exit(9)
        time.sleep(payload["delay_ms"] / 1000 * len(payload["lines"]))
        cores = sorted(os.sched_getaffinity(0))
        result = {"lines": [line.upper() for line in payload["lines"]], "pid": model["pid"]}
        return Output({**result, "cores": cores})

    def commit(self, ctx: JobContext, item: Item, output: Output) -> dict[str, Any]:
        ctx.db.connection().execute(
            "INSERT INTO score (metric, value, scope, scope_ref, signature, created_at)"
            " VALUES ('shouted', ?, 'document', ?, 'fake', 'now')",
            (len(output.result["lines"]), item.key),
        )
        return output.result


class ShoutDoc(Step):
    name = "shout-doc"
    section = "shout"
    needs = ("shout",)

    def plan(self, ctx: JobContext, report: Any) -> list[Item]:
        chunks = ctx.done("shout", report.name)
        langs = sorted({item.key.split("/")[2] for item in chunks})
        items = []
        for lang in langs:
            lines = [
                line
                for item in chunks
                if item.key.split("/")[2] == lang
                for line in item.result["lines"]
            ]
            path = f"{report.name}/{report.name}.{lang}.shout.txt"
            items.append(self.item(report.name, lang, {"path": path, "lines": lines}, lines))
        return items

    def compute(self, payload: Any, worker: WorkerState) -> Output:
        text = "".join(line + "\n" for line in payload["lines"])
        return Output({"lines": len(payload["lines"])}, {payload["path"]: text.encode()})
