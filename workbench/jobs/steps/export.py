"""Export: each alignment the job made, as TMX, XLIFF (2.0 or 1.2), TSV or JSONL files.

Files are named REPORT.LANGS.EXT in the report's output folder. Units are numbered by their
position, not by store ids, and the TMX date is the job's (SOURCE_DATE_EPOCH when set), so a
resumed job writes the same bytes as an uninterrupted one.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from workbench.formats import WRITTEN_SUFFIX
from workbench.jobs.inputs import ReportInput
from workbench.jobs.options import Option
from workbench.jobs.step import Item, JobContext, Output, Step, WorkerState
from workbench.records import BEAD_STATUSES


class Export(Step):
    name = "export"
    needs = ("align",)
    options = {
        "formats": Option("texts", ["tmx"], "file formats to write", tuple(WRITTEN_SUFFIX)),
        "statuses": Option(
            "texts", [], "only beads in these review states (default: all)", BEAD_STATUSES
        ),
    }

    def plan(self, ctx: JobContext, report: ReportInput) -> list[Item]:
        opts = ctx.options(self)
        items = []
        for aligned in ctx.done("align", report.name):
            langs = aligned.key.split("/")[-1].split("-")
            for fmt in opts["formats"]:
                for chosen in _language_sets(fmt, langs):
                    key = f"{'-'.join(chosen)}{WRITTEN_SUFFIX[fmt]}"
                    payload = {
                        "alignment": aligned.result["alignment"],
                        "languages": chosen,
                        "format": fmt,
                        "file": f"{report.name}/{report.name}.{key}",
                        "statuses": opts["statuses"],
                        "epoch": ctx.epoch,
                    }
                    hashed = (aligned.input_hash, chosen, fmt, opts["statuses"], ctx.epoch)
                    items.append(self.item(report.name, key, payload, *hashed))
        return items

    def prepare(self, ctx: JobContext, item: Item) -> Any:
        from workbench.formats.collect import parallel_text

        text = parallel_text(
            ctx.db,
            item.payload["alignment"],
            languages=item.payload["languages"],
            statuses=item.payload["statuses"] or None,
        )
        rows = tuple(replace(row, id=str(n)) for n, row in enumerate(text.rows, start=1))
        return {**item.payload, "text": replace(text, rows=rows, alignment_id=None)}

    def compute(self, payload: Any, worker: WorkerState) -> Output:
        from workbench.formats.api import write_file

        with tempfile.TemporaryDirectory(prefix="workbench-export-") as folder:
            path = Path(folder) / Path(payload["file"]).name
            with source_date(payload["epoch"]):
                write_file(payload["text"], path, payload["format"])
            data = path.read_bytes()
        result = {"file": payload["file"], "units": len(payload["text"].rows)}
        return Output(result, {payload["file"]: data})


def _language_sets(fmt: str, langs: list[str]) -> list[list[str]]:
    """XLIFF holds one pair: an n-way alignment gives one file per version with the hub."""
    if fmt in ("xliff", "xliff12") and len(langs) > 2:
        return [[langs[0], other] for other in langs[1:]]
    return [langs]


@contextmanager
def source_date(epoch: int):
    """SOURCE_DATE_EPOCH for the writers while they run: dates in files are the job's."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
