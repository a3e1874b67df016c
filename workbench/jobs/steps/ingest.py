"""Ingest: read every language version of a report and store it (documents and segments).

A stored report (`[inputs] reports`) is not read again: its item takes the versions the
store holds, chosen by `versions_by_language` (the rule every layer uses), and its hash
follows those documents, so adding a version redoes what depends on the report.
"""

from __future__ import annotations

from typing import Any

from workbench.errors import InputError
from workbench.jobs.inputs import ReportInput
from workbench.jobs.step import Item, JobContext, Output, Step, WorkerState
from workbench.records import Document, Report, stored_id, versions_by_language


class Ingest(Step):
    name = "ingest"
    reads_inputs = True

    def plan(self, ctx: JobContext, report: ReportInput) -> list[Item]:
        if report.stored:
            return [_stored_item(self, ctx, report.name)]
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
        if isinstance(payload, dict):  # a stored report: chosen when planned
            return Output(payload)
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

        if output.records is None:
            return output.result
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


def _stored_item(step: Ingest, ctx: JobContext, name: str) -> Item:
    """A stored report's versions: `documents` those it is aligned in, `written` those
    people wrote (what is translated from), each by `versions_by_language`."""
    from workbench.store.reports import documents, get_report

    found = get_report(ctx.db, name)
    docs = documents(ctx.db, stored_id(found.id))
    chosen = versions_by_language(docs)
    written = versions_by_language(docs, machine=False)
    result = {
        "report_id": found.id,
        "documents": {lang: doc.id for lang, doc in sorted(chosen.items())},
        "written": {lang: doc.id for lang, doc in sorted(written.items())},
        "stored": True,
    }
    hashed = [(lang, doc.id, doc.sha256) for lang, doc in sorted(chosen.items())]
    return step.item(name, "", result, hashed, sorted(result["written"].items()))
