"""Align: the language versions of each report, pair by pair (or n-way around a hub).

One item per pair of versions (or one per report with `multiway`). The alignment goes into
the store (with the aligner's flags as review events) and into the output folder as a bead
file, `REPORT.SRC-TGT.beads` (`[0]:[0, 1]:0.93` per line). With the "mt" signal, the job's
own machine translation of the source is used when the job made one. The signals, bead
sizes and lexicon settings are those of `workbench.align.choices`; with
`lexicon = "collection"` the learned signal's lexicon is learned here, in the runner, from
every stored report of the pair, and travels with the item.
"""

from __future__ import annotations

from typing import Any

from workbench.align.choices import (
    COLLECTION,
    DEFAULT_SIGNALS,
    DICTIONARIES,
    SETTINGS,
    SIGNAL_NAMES,
    parameters,
)
from workbench.errors import InputError, JobSpecError
from workbench.jobs.inputs import ReportInput
from workbench.jobs.options import Option
from workbench.jobs.step import Item, JobContext, Output, Step, WorkerState
from workbench.records import Alignment

TUNING = {
    s.name: Option(s.kind, s.default, s.help, s.choices, s.minimum, maximum=s.maximum)
    for s in SETTINGS
}


class Align(Step):
    name = "align"
    needs = ("ingest",)
    options = {
        "hub": Option("lang", "en", "the version every other one is aligned with"),
        "pairs": Option("pairs", [], 'pairs to align instead, e.g. [["en", "ar"]]'),
        "multiway": Option("bool", False, "one n-way alignment of all versions around the hub"),
        "versions": Option("langs", [], "align only these versions (default: all)"),
        "signals": Option("texts", list(DEFAULT_SIGNALS), "evidence to use", SIGNAL_NAMES),
        "lexicon": Option(
            "text",
            "",
            'a lexicon for the learned signal: a TSV file, or "collection" to learn one from '
            "every stored report with the same two languages",
        ),
        "dictionaries": Option(
            "text",
            "auto",
            f"dictd dictionaries for the learned signal: {' or '.join(DICTIONARIES)}, or a folder",
        ),
        "embeddings": Option(
            "text",
            "auto",
            "sentence embeddings: auto (the catalog's model when it is on the machine that "
            "aligns), none, or a sentence-transformers model",
        ),
        **TUNING,
    }

    def check(self, options: dict[str, Any], where: str) -> None:
        if options["multiway"] and options["pairs"]:
            raise JobSpecError(f"{where}: give either pairs or multiway = true, not both.")
        if options["versions"] and options["pairs"]:
            raise JobSpecError(f"{where}: give either pairs or versions, not both.")

    def plan(self, ctx: JobContext, report: ReportInput) -> list[Item]:
        from workbench.store.reports import get_document

        opts = ctx.options(self)
        [ingested] = ctx.done("ingest", report.name)
        if report.stored and self.section not in ctx.spec.steps:
            return _stored_alignment(self, ctx, report.name, ingested)
        ids = _chosen(report.name, ingested.result["documents"], opts["versions"])
        documents = {lang: get_document(ctx.db, doc_id) for lang, doc_id in ids.items()}
        groups = _groups(report.name, sorted(documents), opts)
        items = []
        for langs in groups:
            docs = [documents[lang] for lang in langs]
            payload = {
                "report": report.name,
                "report_id": ingested.result["report_id"],
                "langs": langs,
                "document_ids": [d.id for d in docs],
                "texts": [[s.text for s in d.segments] for d in docs],
                "paragraphs": [[s.paragraph for s in d.segments] for d in docs],
                "signals": opts["signals"],
                "embedder": opts["embeddings"],
                "src_mt": _job_translation(ctx, report.name, langs),
                "tuning": {k: opts[k] for k in (*TUNING, "dictionaries")},
                "lexicons": _lexicons(ctx, opts, langs),
            }
            hashed = [d.sha256 for d in docs], opts, payload["src_mt"], payload["lexicons"]
            items.append(self.item(report.name, "-".join(langs), payload, *hashed))
        return items

    def compute(self, payload: Any, worker: WorkerState) -> Output:
        if "stored" in payload:  # the report's stored alignment, as it is
            return Output(payload["stored"])
        if len(payload["langs"]) == 2:
            beads, signature, method = _pair(payload, worker)
        else:
            beads, signature, method = _many(payload, worker)
        from workbench.formats.beads import beads_text

        name = f"{payload['report']}/{payload['report']}.{'-'.join(payload['langs'])}.beads"
        alignment = Alignment(
            document_ids=tuple(payload["document_ids"]),
            method=method,
            signature=signature,
            beads=tuple(beads),
            report_id=payload["report_id"],
        )
        result = {"beads": len(beads), "file": name, "signature": signature}
        return Output(result, {name: beads_text(beads).encode("utf-8")}, records=alignment)

    def commit(self, ctx: JobContext, item: Item, output: Output) -> dict[str, Any]:
        from workbench.align.report import save_with_flags

        if output.records is None:
            return output.result
        stored = save_with_flags(ctx.db, output.records)  # the aligner's flags too
        return {**output.result, "alignment": stored.id}


def _chosen(report: str, ids: dict[str, int], versions: list[str]) -> dict[str, int]:
    """The documents to align: every version, or those `versions` names."""
    missing = [lang for lang in versions if lang not in ids]
    if missing:
        raise InputError(
            f"Report {report!r} has no {', '.join(missing)} version: "
            f"it has {', '.join(sorted(ids)) or 'none'}."
        )
    return {lang: ids[lang] for lang in ids if lang in versions or not versions}


def _stored_alignment(step: Align, ctx: JobContext, report: str, ingested: Any) -> list[Item]:
    """A stored report in a spec without [align]: its latest alignment is used as it stands
    (QA, scores and exports act on it), and again after a reviewer changes it."""
    from workbench.store.alignments import alignments_for_report, column_languages, current_beads
    from workbench.store.review import events

    stored = alignments_for_report(ctx.db, ingested.result["report_id"])
    if not stored:
        return []
    latest = stored[-1]
    langs = "-".join(column_languages(ctx.db, latest))
    result = {
        "alignment": latest.id,
        "beads": len(current_beads(ctx.db, latest.id or 0)),
        "signature": latest.signature,
    }
    changed = [event.id for event in events(ctx.db, latest.id or 0)][-1:]
    hashed = ingested.input_hash, latest.id, changed
    return [step.item(report, langs, {"stored": result}, *hashed)]


def _groups(report: str, langs: list[str], opts: dict[str, Any]) -> list[list[str]]:
    """The versions aligned together: explicit pairs, all around the hub, or each with it."""
    if opts["pairs"]:
        missing = sorted({lang for pair in opts["pairs"] for lang in pair} - set(langs))
        if missing:
            raise InputError(
                f"Report {report!r} has no {', '.join(missing)} version to align (it has "
                f"{', '.join(langs)}); add it, or change [align] pairs."
            )
        return [list(pair) for pair in opts["pairs"]]
    hub = opts["hub"] if opts["hub"] in langs else (langs[0] if langs else "")
    others = [lang for lang in langs if lang != hub]
    if opts["multiway"]:
        return [[hub, *others]] if others else []
    return [[hub, other] for other in others]


def _job_translation(ctx: JobContext, report: str, langs: list[str]) -> list[str] | None:
    """This job's machine translation of the first version into the second, if it made one."""
    if "mt" not in ctx.options(Align())["signals"] or len(langs) != 2:
        return None
    prefix = f"translate/{report}/{langs[0]}-{langs[1]}/"
    chunks = [c for c in ctx.done("translate", report) if c.key.startswith(prefix)]
    return [text for chunk in chunks for text in chunk.result["outputs"]] or None


def _lexicons(ctx: JobContext, opts: dict[str, Any], langs: list[str]) -> Any:
    """The lexicons the learned signal is given, read or learned here in the runner (workers
    may see neither the store nor the files): none; a file's, for every pair ("*"); or the
    collection lexicons learned from the store for each pair these versions are aligned in
    ("en-ar"). Each as [origin, entries]."""
    if "learned" not in opts["signals"] or not opts["lexicon"]:
        return None
    from workbench.align.lexicon import Lexicon

    if opts["lexicon"] != COLLECTION:
        path = ctx.spec.base / opts["lexicon"]
        if not path.is_file():
            raise InputError(f"[align] lexicon: there is no lexicon file {path}; fix the path.")
        read = Lexicon.read(path)
        return {"*": [read.origin, read.entries]}
    from itertools import combinations

    from workbench.align.report import store_lexicon

    params, lexicon_params = parameters(**opts)
    # the pairs align_many aligns: the hub with each other version, then those directly
    pairs = [(langs[0], other) for other in langs[1:]] + list(combinations(langs[1:], 2))
    learned = {}
    for a, b in pairs:
        found = store_lexicon(ctx.db, a, b, params=params, lexicon_params=lexicon_params)
        learned[f"{a}-{b}"] = [found.origin, found.entries]
    return learned


def _options(payload: dict[str, Any]) -> dict[str, Any]:
    """What `align()` needs besides the texts: the parameters and the lexicons."""
    from workbench.align.lexicon import Lexicon

    params, lexicon_params = parameters(**payload["tuning"])
    lexicons = payload["lexicons"]
    if lexicons is not None:
        lexicons = {pair: Lexicon(entries, origin) for pair, (origin, entries) in lexicons.items()}
    return {
        "params": params,
        "lexicon_params": lexicon_params,
        "lexicon": lexicons,
        "embedder": payload.get("embedder", "auto"),  # items planned before it was an option
    }


def _pair(payload: dict[str, Any], worker: WorkerState) -> tuple[list, str, str]:
    from workbench.align import align

    (src, tgt), (sp, tp), (sl, tl) = payload["texts"], payload["paragraphs"], payload["langs"]
    result = align(
        src, tgt, src_lang=sl, tgt_lang=tl, signals=payload["signals"],
        src_mt=payload["src_mt"], src_paragraphs=sp, tgt_paragraphs=tp,
        settings=worker.settings, **_options(payload),
    )  # fmt: skip
    return list(result.beads), result.signature, "align"


def _many(payload: dict[str, Any], worker: WorkerState) -> tuple[list, str, str]:
    from workbench.align import align_many

    result = align_many(
        payload["texts"], payload["langs"], hub=0, check_pairs=True,
        paragraphs=payload["paragraphs"], signals=payload["signals"],
        settings=worker.settings, db=worker.memory(), **_options(payload),
    )  # fmt: skip
    return list(result.beads), result.signature, f"align-multi(hub:{payload['langs'][0]})"
