"""How long the MQM functions take on a large report: marking a span, listing a bead's spans,
the MQM score, review progress and the alignment path (points and picture).

python bench/mqm_speed.py [--beads 2000] [--spans 300]

A report of BEADS one-to-one English-Arabic beads (sentences made up here), three quarters
accepted, SPANS error spans, every tenth bead edited. Prints the load average with the figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path


def build(db, beads: int):
    from workbench.records import Alignment, Bead, Report, ReviewEvent
    from workbench.store import alignments, reports, review

    english = [f"Sentence {i} says the clinic saw {i} patients today." for i in range(beads)]
    arabic = [f"الجملة {i} تقول إن العيادة استقبلت {i} مريضا اليوم." for i in range(beads)]
    rep = reports.add_report(db, Report("bench"))
    docs = [
        reports.add_document(db, rep.id, _document(lang, texts, origin))[0]
        for lang, texts, origin in (("en", english, "original"), ("ar", arabic, "human"))
    ]
    made = alignments.save_alignment(
        db,
        Alignment((docs[0].id, docs[1].id), "bench", "bench",
                  tuple(Bead(((i,), (i,)), 0.5, 0.9) for i in range(beads)), report_id=rep.id),
    )  # fmt: skip
    for bead in made.beads[: beads * 3 // 4]:
        review.record_event(db, ReviewEvent("accept", "amina", made.id, bead.id))
    for k, bead in enumerate(made.beads[::10]):
        text = arabic[k * 10]
        review.record_event(db, ReviewEvent("edit", "karwan", made.id, bead.id,
                                            before={"texts": {"1": text}},
                                            after={"texts": {"1": "بالأمس " + text}}))  # fmt: skip
    return made


def _document(lang: str, texts: list[str], origin: str):
    import hashlib

    from workbench.records import Document, Segment

    raw = " ".join(texts)
    return Document(
        lang=lang, origin=origin, sha256=hashlib.sha256(raw.encode()).hexdigest(), raw_text=raw,
        segments=tuple(Segment(i, t, t, 0) for i, t in enumerate(texts)),
    )  # fmt: skip


def timed(work, runs: int = 1) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beads", type=int, default=2000)
    parser.add_argument("--spans", type=int, default=300)
    args = parser.parse_args()
    from workbench.mqm.progress import review_progress
    from workbench.mqm.scoring import mqm_score
    from workbench.mqm.spans import add_span, spans_for_bead
    from workbench.score.path import alignment_path, path_svg
    from workbench.store.db import open_database

    folder = Path(tempfile.mkdtemp(prefix="mqm-bench-"))
    db = open_database(folder / "bench.db")
    made = build(db, args.beads)
    chosen = made.beads[1 :: max(1, args.beads // args.spans)][: args.spans]
    start = time.perf_counter()
    for bead in chosen:
        add_span(db, bead.id, "ar", 0, 6, "accuracy/mistranslation", "minor", "amina")
    per_span = (time.perf_counter() - start) * 1000 / len(chosen)
    figures = {
        f"add_span (mean of {len(chosen)})": per_span,
        "spans_for_bead": timed(lambda: spans_for_bead(db, chosen[0].id), 20),
        "mqm_score (report)": timed(lambda: mqm_score(db), 3),
        "review_progress": timed(lambda: review_progress(db), 3),
        "alignment_path (points)": timed(lambda: alignment_path(db, made.id), 3),
        "path_svg (picture)": timed(lambda: path_svg(alignment_path(db, made.id))),
    }
    print(f"load average {os.getloadavg()}; {args.beads} beads, {len(chosen)} spans")
    for name, ms in figures.items():
        print(f"{name:28} {ms:9.1f} ms")


if __name__ == "__main__":
    main()
