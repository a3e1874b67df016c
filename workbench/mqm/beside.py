"""The MQM part of a quality report: each document's MQM score beside its automatic metric,
and how the two agree across documents (Pearson and Kendall, from 3 documents on)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.mqm.penalty import PenaltyModel
from workbench.mqm.scoring import MqmRow, mqm_score
from workbench.score.correlation import MIN_DOCUMENTS, kendall, pearson
from workbench.store.db import Database


def mqm_beside_metric(
    db: Database,
    reports: Sequence[str],
    metric_by_document: dict[int, float],
    metric: str,
    *,
    model: PenaltyModel | None = None,
) -> dict[str, Any]:
    """MQM rows of the reports, and per document id its MQM score and `metric`'s value
    (`metric_by_document`: the metric per hypothesis document); nothing ({}) when no
    reviewer has acted on the reports yet."""
    model = model or PenaltyModel()
    scores = mqm_score(db, list(dict.fromkeys(reports)), model=model)
    if not any(r.words or r.count for r in scores.rows):
        return {}
    reviewed = [r for r in scores.rows if r.words or r.count]  # unreviewed documents left out
    documents = []
    for document_id, rows in _by_document([r for r in reviewed if r.scope == "document"]).items():
        penalty, words = sum(r.penalty for r in rows), sum(r.words for r in rows)
        documents.append(
            {
                "document_id": document_id,
                "report": rows[0].report,
                "system": rows[0].system,
                "lang": rows[0].lang,
                "errors": sum(r.count for r in rows),
                "penalty": penalty,
                "words": words,
                "mqm": model.score(penalty, words),
                "metric": metric_by_document.get(document_id),
            }
        )
    paired = [d for d in documents if d["mqm"] is not None and d["metric"] is not None]
    xs, ys = [d["mqm"] for d in paired], [d["metric"] for d in paired]
    return {
        **scores.to_dict(),
        "rows": [row for row in scores.to_dict()["rows"] if row["words"] or row["errors_total"]],
        "metric": metric,
        "documents": documents,
        "paired": len(paired),
        "min_documents": MIN_DOCUMENTS,
        "pearson": pearson(xs, ys),
        "kendall": kendall(xs, ys),
    }


def _by_document(rows: Sequence[MqmRow]) -> dict[int, list[MqmRow]]:
    found: dict[int, list[MqmRow]] = {}
    for row in rows:
        found.setdefault(row.document_id or 0, []).append(row)
    return found
