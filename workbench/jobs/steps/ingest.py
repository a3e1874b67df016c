"""Ingest: read every language version of a report and store it (documents and segments)."""

from __future__ import annotations

from typing import Any

from workbench.errors import InputError
from workbench.jobs.inputs import ReportInput
from workbench.jobs.step import Item, JobContext, Output, Step, WorkerState
from workbench.records import Document, Report


class Ingest(Step):
    name = "ingest"
    reads_inputs = True

    def plan(self, ctx: JobContext, report: ReportInput) -> list[Item]:
        files = [(f.lang, str(f.path), f.sha256) for f in report.files]
        return [
            self.item(
                report.name,
                "",
                files,
                [(lang, path.rsplit("/", 1)[-1], sha) for lang, path, sha in files],
            )
        ]

    def compute(self, payload: Any, worker: WorkerState) -> Output:
        from workbench.text.ingest import read_document
        from workbench.userfiles import Limits

        documents: dict[str, Document] = {}
        limits = Limits.of(worker.settings)
        for lang, path, _ in payload:
            document = read_document(path, lang, limits=limits)
            if document.lang in documents:
                raise InputError(
                    f"{path} and {documents[document.lang].source_file} are both "
                    f"{document.lang}: a report has one version per language. Name the files "
                    "NAME.LANG.EXT, or move one of them to another report."
                )
            documents[document.lang] = document
        return Output(records=documents)

    def commit(self, ctx: JobContext, item: Item, output: Output) -> dict[str, Any]:
        from workbench.store.reports import add_document, add_report

        documents: dict[str, Document] = output.records
        # the English version names the report when there is one (titles show in lists)
        first = documents.get("en") or next(iter(documents.values()), Document(lang=""))
        report = add_report(ctx.db, Report(item.report, first.title, first.date))
        stored = {lang: add_document(ctx.db, report.id, doc)[0] for lang, doc in documents.items()}
        return {
            "report_id": report.id,
            "documents": {lang: doc.id for lang, doc in sorted(stored.items())},
            "segments": {lang: len(doc.segments) for lang, doc in sorted(documents.items())},
        }
