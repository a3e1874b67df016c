"""Translate: a report's version into other languages, in chunks of segments, then as documents.

`translate` items are chunks of the source version's segments (`chunk` per item); a worker
holds the model and goes through the translation memory, so a segment translated once (in
this job, another job, or `workbench translate`) is never translated again. `translate-doc`
puts a report's chunks back together as a machine-translated document in the store and as a
text file in the output folder, paragraphs where the source had them.
"""

from __future__ import annotations

from typing import Any

from workbench.errors import InputError, JobSpecError
from workbench.jobs.inputs import ReportInput
from workbench.jobs.options import Option
from workbench.jobs.step import Item, JobContext, Output, Step, WorkerState
from workbench.memory.search import OFFER_SCORE
from workbench.records import Segment
from workbench.translate.choices import COMPUTE_TYPES, DEVICES, ENGINES, HELP, PROFILES
from workbench.translate.factory import MAX_BATCH_TOKENS, MAX_BEAM
from workbench.translate.stored import language_path, machine_version

DEFAULT = ("",)  # "": what the settings say


class TranslateChunk(Step):
    name = "translate"
    needs = ("ingest",)
    uses_model = True
    options = {
        "from": Option("lang", None, 'the version to translate, e.g. "en"', required=True),
        "to": Option("langs", None, "the languages to translate it into", required=True),
        "engine": Option("choice", "", HELP["engine"], (*DEFAULT, *ENGINES)),
        "profile": Option("choice", "", HELP["profile"], (*DEFAULT, *PROFILES)),
        "device": Option("choice", "", HELP["device"], (*DEFAULT, *DEVICES)),
        "compute_type": Option("choice", "", HELP["compute_type"], (*DEFAULT, *COMPUTE_TYPES)),
        "batch_tokens": Option(
            "int",
            0,
            "input pieces x beam per batch (0: the settings)",
            minimum=0,
            maximum=MAX_BATCH_TOKENS,
        ),  # fmt: skip
        "model": Option("text", "", "a model id or folder (one target language only)"),
        "beam": Option("int", 0, "beam size (0: the settings)", minimum=0, maximum=MAX_BEAM),
        "chunk": Option("int", 32, "segments per work item", minimum=1),
        "tm": Option("bool", True, "use exact human matches of the translation memory first"),
        "tm_threshold": Option(
            "int", OFFER_SCORE, "fuzzy matches from this score are offered", minimum=1, maximum=100
        ),
        "tm_fill": Option(
            "int",
            0,
            "insert fuzzy human matches from this score (0: never)",
            minimum=0,
            maximum=100,
        ),
    }

    def check(self, options: dict[str, Any], where: str) -> None:
        if options["model"] and len(options["to"]) > 1:
            raise JobSpecError(
                f"{where} model: one model serves one direction, but `to` has "
                f"{len(options['to'])} languages; set models per direction in workbench.toml "
                '([models] "en-ar" = ...) instead.'
            )
        if options["from"] in options["to"]:
            raise JobSpecError(f"{where} to: {options['from']!r} is also the `from` language.")

    def plan(self, ctx: JobContext, report: ReportInput) -> list[Item]:
        if self.section not in ctx.spec.steps:  # scoring stored reports translates nothing
            return []
        opts = _decoding(ctx)
        texts = [s.text for s in _source_segments(ctx, report.name, opts["from"])]
        size = opts["chunk"]
        items = []
        for tgt in opts["to"]:
            direction = {**opts, "tgt": tgt, "model": _model(ctx, opts, tgt)}
            for n in range(0, len(texts), size):
                part = texts[n : n + size]
                key = f"{opts['from']}-{tgt}/{n // size:04d}"
                around = {
                    "report": report.name,
                    "before": texts[n - 1] if n > 0 else "",
                    "after": texts[n + size] if n + size < len(texts) else "",
                }
                payload = {**direction, **around, "texts": part}
                hashed = (_identity(direction), part, [direction["tm"], direction["tm_fill"]])
                items.append(self.item(report.name, key, payload, *hashed))
        return items

    def prepare(self, ctx: JobContext, item: Item) -> Any:
        """The translation memory decides first, here where the store is; workers that cannot
        read the store also get the machine-translation cache's entries for their segments."""
        payload = {**item.payload, **_memory_first(ctx, item.payload)}
        if ctx.workers_share_store:
            return payload
        return {**payload, "memory": memory_for(ctx, payload)}

    def compute(self, payload: Any, worker: WorkerState) -> Output:
        if payload.get("memory"):
            from workbench.store.translations import save_translations

            save_translations(worker.memory(), payload["memory"])
        key = ("translate", *_identity(payload))
        translator = worker.model(key, lambda: _load(payload, worker))
        memories = _memories(translator)
        made_before = sum(m.translated for m in memories)
        found_before = sum(m.hits for m in memories)
        mark = _last_translation(worker)
        found = payload.get("tm_found") or [None] * len(payload["texts"])
        todo = [t for t, hit in zip(payload["texts"], found, strict=True) if hit is None]
        made = iter(translator.translate(todo) if todo else [])
        outputs = [hit if hit is not None else next(made) for hit in found]
        result = {
            "outputs": outputs,
            "signature": "|".join(
                filter(None, [payload.get("tm_signature"), translator.signature])
            ),
            "sources": payload.get("tm_sources") or [["machine", 0, None, 0]] * len(outputs),
            "path": list(language_path(translator, payload["from"], payload["tgt"])),
            "translated": sum(m.translated for m in memories) - made_before,
            "from_memory": sum(m.hits for m in memories) - found_before,
        }
        return Output(result, records=_new_translations(worker, mark))

    def commit(self, ctx: JobContext, item: Item, output: Output) -> dict[str, Any]:
        if output.records:  # made on a node without the store: remember them now
            from workbench.store.translations import save_translations

            save_translations(ctx.db, output.records)
        return output.result


class WriteTranslation(Step):
    name = "translate-doc"
    section = "translate"
    needs = ("translate",)

    def plan(self, ctx: JobContext, report: ReportInput) -> list[Item]:
        if self.section not in ctx.spec.steps:
            return []
        opts = ctx.options(self)
        source = _source_segments(ctx, report.name, opts["from"])
        [ingested] = ctx.done("ingest", report.name)
        chunks = ctx.done("translate", report.name)
        items = []
        for tgt in opts["to"]:
            prefix = f"translate/{report.name}/{opts['from']}-{tgt}/"
            mine = [c.result for c in chunks if c.key.startswith(prefix)]
            outputs = [out for chunk in mine for out in chunk["outputs"]]
            payload = {
                "report": report.name,
                "report_id": ingested.result["report_id"],
                "src": opts["from"],
                "tgt": tgt,
                "paragraphs": [s.paragraph for s in source],
                "outputs": outputs,
                "signature": mine[0]["signature"] if mine else "",
                "path": mine[0]["path"] if mine else [opts["from"], tgt],
                "sources": [s for chunk in mine for s in chunk.get("sources", [])],
            }
            items.append(self.item(report.name, tgt, payload, payload))
        return items

    def compute(self, payload: Any, worker: WorkerState) -> Output:
        document = machine_version(
            payload["outputs"],
            payload["paragraphs"],
            tgt=payload["tgt"],
            signature=payload["signature"],
            path=payload["path"],
            source_file=f"job translation of {payload['report']} ({payload['src']})",
        )
        name = f"{payload['report']}/{payload['report']}.{payload['src']}-{payload['tgt']}.mt.txt"
        return Output(
            {"segments": len(document.segments), "file": name, "signature": document.model},
            {name: document.raw_text.encode("utf-8")},
            records=document,
        )

    def commit(self, ctx: JobContext, item: Item, output: Output) -> dict[str, Any]:
        from workbench.store.memory import save_uses
        from workbench.store.reports import add_document

        stored, created = add_document(ctx.db, item.payload["report_id"], output.records)
        if created and item.payload["sources"]:
            save_uses(
                ctx.db, stored.id or 0, [(i, *s) for i, s in enumerate(item.payload["sources"])]
            )
        return {**output.result, "document": stored.id, "created": created}


def memory_for(ctx: JobContext, payload: dict[str, Any]) -> list[Any]:
    """The stored translations a chunk could reuse, leg by leg along its route."""
    from workbench.store.translations import memory_entries
    from workbench.translate.catalog import load_catalog

    overrides = dict(ctx.settings.models)
    if payload["model"]:
        overrides[f"{payload['from']}-{payload['tgt']}"] = payload["model"]
    found, texts = [], list(payload["texts"])
    legs = load_catalog().route(payload["from"], payload["tgt"], overrides, payload["profile"])
    for leg in legs:
        rows = memory_entries(ctx.db, leg.src, leg.tgt, texts)
        found += rows
        texts = [row.output for row in rows]
    return found


def _memory_first(ctx: JobContext, payload: dict[str, Any]) -> dict[str, Any]:
    """What the translation memory gives each segment of a chunk (exact human matches, and
    fuzzy ones from `tm_fill`), from reports other than the one being translated."""
    if not payload.get("tm"):
        return {}
    from workbench.memory.first import MemoryPolicy, from_memory

    policy = MemoryPolicy(
        payload["tm_threshold"], payload["tm_fill"] or None, exclude_report=payload["report"]
    )
    decided = from_memory(
        ctx.db,
        payload["texts"],
        payload["from"],
        payload["tgt"],
        policy,
        before=payload["before"],
        after=payload["after"],
    )
    return {
        "tm_found": [found for found, _ in decided],
        "tm_sources": [list(source.as_row()) for _, source in decided],
        "tm_signature": policy.signature,
    }


def _decoding(ctx: JobContext) -> dict[str, Any]:
    """The spec's options with the settings filled in, so a change of settings redoes items."""
    opts = dict(ctx.spec.steps["translate"])
    settings = ctx.settings
    opts["engine"] = opts["engine"] or settings.engine
    opts["beam"] = opts["beam"] or settings.beam
    opts["profile"] = opts["profile"] or settings.profile
    opts["device"] = opts["device"] or settings.device
    opts["compute_type"] = opts["compute_type"] or settings.compute_type
    opts["batch_tokens"] = opts["batch_tokens"] or settings.batch_tokens
    return opts


def _model(ctx: JobContext, opts: dict[str, Any], tgt: str) -> str:
    return opts["model"] or ctx.settings.models.get(f"{opts['from']}-{tgt}", "")


IDENTITY = ("from", "tgt", "engine", "model", "beam", "profile", "device", "compute_type")


def _identity(direction: dict[str, Any]) -> tuple:
    """What makes a chunk's translations (batch_tokens changes speed only)."""
    return tuple(direction[name] for name in IDENTITY)


def _source_segments(ctx: JobContext, report: str, lang: str) -> list[Segment]:
    from workbench.store.reports import segments

    [ingested] = ctx.done("ingest", report)
    # a stored report is translated from a version people wrote, never from a machine one
    documents = ingested.result.get("written", ingested.result["documents"])
    if lang not in documents:
        raise InputError(
            f"Report {report!r} has no {lang} version to translate (it has "
            f"{', '.join(documents) or 'none'}); add one or change [translate] from."
        )
    return segments(ctx.db, documents[lang])


def _load(payload: dict[str, Any], worker: WorkerState) -> Any:
    from workbench.translate import get_translator

    return get_translator(
        payload["from"],
        payload["tgt"],
        worker.settings,
        engine=payload["engine"],
        model=payload["model"] or None,
        beam=payload["beam"],
        db=worker.memory(),
        profile=payload["profile"],
        device=payload["device"],
        compute_type=payload["compute_type"] or None,
        batch_tokens=payload["batch_tokens"],
    )


def _memories(translator: Any) -> list[Any]:
    """The translation-memory layers of a translator (one, or one per pivot leg)."""
    legs = getattr(translator, "legs", [translator])
    return [leg for leg in legs if hasattr(leg, "translated") and hasattr(leg, "hits")]


def _last_translation(worker: WorkerState) -> int:
    if worker.shares_memory:
        return 0
    from workbench.store.translations import last_translation_id

    return last_translation_id(worker.memory())


def _new_translations(worker: WorkerState, after: int) -> list[Any] | None:
    """What a worker with a private memory translated for this item, for the runner to keep."""
    if worker.shares_memory:
        return None
    from workbench.store.translations import translations_since

    return translations_since(worker.memory(), after)
