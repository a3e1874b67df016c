"""workbench: translate, align, score and review reports in English, Arabic, Sorani and Kurmanji.

The public Python API is imported lazily, so `import workbench` is instant and never loads
torch, transformers, gradio or ray by itself. Importing it switches off the analytics and
telemetry of the libraries it uses (see workbench.privacy).
"""

from __future__ import annotations

from typing import Any

from workbench.privacy import quiet_environment
from workbench.registry import resolve

__version__ = "0.1.0"

quiet_environment(offline=False)  # telemetry off now; offline mode is set where models load

_API = {
    "Settings": "workbench.config",
    "load_settings": "workbench.config",
    "open_database": "workbench.store.db",
    "open_store": "workbench.store.db",
    "WorkbenchError": "workbench.errors",
    "run_job": "workbench.jobs.api",
    "resume_job": "workbench.jobs.api",
    "start_job": "workbench.jobs.api",
    "create_job": "workbench.jobs.api",
    "cancel_job": "workbench.jobs.api",
    "list_jobs": "workbench.jobs.api",
    "job_status": "workbench.jobs.api",
    "RunOptions": "workbench.jobs.executor",
    "register_step": "workbench.jobs.registry",
    "export_alignment": "workbench.formats.api",
    "import_file": "workbench.formats.api",
    "align": "workbench.align.aligner",
    "align_many": "workbench.align.multiway",
    "align_report": "workbench.align.report",
    "evaluate_alignment": "workbench.align.evaluate",
    "read_beads": "workbench.formats.beads",
    "LANGUAGES": "workbench.text.languages",
    "canonical": "workbench.text.languages",
    "is_rtl": "workbench.text.languages",
    "detect": "workbench.text.detect",
    "detect_paragraphs": "workbench.text.detect",
    "normalize": "workbench.text.normalize",
    "normalizer": "workbench.text.normalize",
    "segment": "workbench.text.segment",
    "segment_paragraphs": "workbench.text.segment",
    "read_document": "workbench.text.ingest",
    "ingest": "workbench.text.ingest",
    "load_corpus": "workbench.text.corpus",
    "translate": "workbench.translate.api",
    "get_translator": "workbench.translate",
    "build_tiny_model": "workbench.translate.tiny",
    "build_tiny_nllb": "workbench.translate.tiny_nllb",
    "translation_summary": "workbench.translate.quality",
    "model_choices": "workbench.translate.quality",
    "corpus_scores": "workbench.score.metrics",
    "sentence_scores": "workbench.score.metrics",
    "ScoreOptions": "workbench.score.metrics",
    "compare_systems": "workbench.score.significance",
    "score_reports": "workbench.score.scopes",
    "score_scope": "workbench.score.scopes",
    "ScoreScope": "workbench.score.scopes",
    "build_report": "workbench.score.report",
    "report_from_store": "workbench.score.report",
    "report_from_files": "workbench.score.report",
    "render_html": "workbench.score.render",
    "render_json": "workbench.score.render",
    "render_csv": "workbench.score.render",
    "write_report": "workbench.score.render",
    "search_memory": "workbench.memory.search",
    "matches_for_bead": "workbench.memory.search",
    "import_memory": "workbench.memory.transfer",
    "export_memory": "workbench.memory.transfer",
    "build_memory": "workbench.memory.sources",
    "MemoryPolicy": "workbench.memory.first",
    "load_termbase": "workbench.memory.termbase",
    "import_terms": "workbench.memory.termbase",
    "export_terms": "workbench.memory.termbase",
    "extract_terms": "workbench.memory.extract",
    "accept_candidate": "workbench.memory.termbase",
    "reject_candidate": "workbench.memory.termbase",
    "check_pair": "workbench.qa.run",
    "check_lines": "workbench.qa.run",
    "check_files": "workbench.qa.run",
    "run_report_qa": "workbench.qa.report",
    "report_findings": "workbench.qa.report",
    "dismiss_finding": "workbench.qa.report",
    "add_span": "workbench.mqm.spans",
    "remove_span": "workbench.mqm.spans",
    "spans_for_bead": "workbench.mqm.spans",
    "mqm_score": "workbench.mqm.scoring",
    "review_progress": "workbench.mqm.progress",
    "alignment_path": "workbench.score.path",
}


def __getattr__(name: str) -> Any:
    if name in _API:
        return resolve(f"{_API[name]}:{name}")
    raise AttributeError(f"module 'workbench' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
