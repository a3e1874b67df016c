"""Export and import of a reviewed 2,000-bead alignment in every format: time and file size.

python bench/formats_roundtrip.py [--beads 2000] [--runs 3]

The alignment (en, ar, ckb; a tenth of the beads accepted, edited, flagged or commented) is
made through the store functions in a temporary database; each format is exported and
imported `runs` times, interleaved, and the median is reported.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from workbench.formats.api import export_alignment, import_file
from workbench.records import Alignment, Bead, Document, Report, ReviewEvent, Segment
from workbench.store import alignments, reports, review
from workbench.store.db import open_database

WORDS = {
    "en": "the committee heard witnesses about the events of March in the northern districts",
    "ar": "استمعت اللجنة إلى الشهود بشأن أحداث آذار في المناطق الشمالية",
    "ckb": "لیژنەکە گوێی لە شایەتەکان گرت دەربارەی ڕووداوەکانی ئادار لە ناوچە باکوورییەکان",
}
FORMATS = {"tmx": ".tmx", "xliff": ".xlf", "tsv": ".tsv", "jsonl": ".jsonl"}


def build(db, beads: int) -> int:
    report = reports.add_report(db, Report("bench"))
    docs = []
    for lang, words in WORDS.items():
        vocab = words.split()
        texts = [
            " ".join(vocab[(i + k) % len(vocab)] for k in range(14)) + "." for i in range(beads)
        ]
        segments = tuple(Segment(i, t) for i, t in enumerate(texts))
        docs.append(
            reports.add_document(db, report.id, Document(lang, sha256=lang, segments=segments))[0]
        )
    made = tuple(Bead(((i,), (i,), (i,)), score=0.5, confidence=0.9) for i in range(beads))
    alignment = alignments.save_alignment(
        db, Alignment(tuple(d.id for d in docs), "bench", "bench", made, report_id=report.id)
    )
    actions = [("accept", {}, ""), ("edit", {"texts": {"1": "نص معدل."}}, ""),
               ("flag", {"category": "omission", "severity": "major"}, "missing"),
               ("comment", {}, "check")]  # fmt: skip
    for n, bead in enumerate(alignment.beads[::10]):
        action, after, comment = actions[n % len(actions)]
        review.record_event(
            db, ReviewEvent(action, "bench", alignment.id, bead.id, after=after, comment=comment)
        )
    return alignment.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beads", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="wb-bench-formats-"))
    db = open_database(folder / "bench.db")
    alignment_id = build(db, args.beads)
    times: dict[str, dict[str, list[float]]] = {f: {"export": [], "import": []} for f in FORMATS}
    sizes = {}
    for run in range(args.runs):
        for fmt, suffix in FORMATS.items():
            path = folder / f"out-{run}{suffix}"
            languages = ["en", "ar"] if fmt == "xliff" else None
            start = time.perf_counter()
            export_alignment(alignment_id, path, languages=languages, db=db)
            times[fmt]["export"].append(time.perf_counter() - start)
            start = time.perf_counter()
            import_file(path, f"back-{fmt}-{run}", user="bench", db=db)
            times[fmt]["import"].append(time.perf_counter() - start)
            sizes[fmt] = path.stat().st_size
    print(f"{args.beads} beads, median of {args.runs} runs")
    print(f"{'format':8} {'export ms':>10} {'import ms':>10} {'size KiB':>9}")
    for fmt in FORMATS:
        export_ms = statistics.median(times[fmt]["export"]) * 1000
        import_ms = statistics.median(times[fmt]["import"]) * 1000
        print(f"{fmt:8} {export_ms:10.0f} {import_ms:10.0f} {sizes[fmt] / 1024:9.0f}")
    db.close()
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
