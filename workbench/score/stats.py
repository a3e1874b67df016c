"""Segment statistics of sacrebleu metrics, computed once per distinct segment pair.

Every sacrebleu metric reduces a segment pair to a short list of counts (its sufficient
statistics); corpus, subset and sentence scores are sacrebleu's own arithmetic over those
lists. Counting is the slow part, so it is done once per *distinct* (hypothesis, references)
pair — reports repeat headers, captions and boilerplate — and, for large inputs, in several
processes. Each pair's counts do not depend on any other pair, so the result is the list
sacrebleu would build, in the same order.

Pairs are counted a few dozen at a time: sacrebleu first builds the n-grams of *every*
reference of a call and keeps them until the call ends (chrF on 100,000 segments holds
gigabytes), so small chunks keep memory flat whatever the corpus size, and keep the
n-grams being compared in the processor's cache.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Mapping, Sequence
from typing import Any

PARALLEL_MIN_PAIRS = 4000  # below this, starting processes costs more than it saves
MAX_JOBS = 8
CHUNK = 32  # pairs counted in one sacrebleu call: small chunks keep chrF's n-grams in cache

# What the forked workers read: set just before the pool starts, cleared after.
_WORK: tuple[Mapping[str, Any], list[str], list[list[str]]] | None = None


def segment_statistics(
    metrics: Mapping[str, Any],
    hyps: Sequence[str],
    refs: Sequence[Sequence[str]],
    *,
    jobs: int | None = None,
) -> dict[str, list[list[Any]]]:
    """Per-segment statistics of each sacrebleu metric: name -> one list per segment.

    `refs` holds reference streams (sacrebleu's layout); `jobs` is the number of processes
    (None: one per available core, used only when the input is large enough to gain).
    """
    slot: dict[tuple[str, ...], int] = {}
    order = [slot.setdefault((h, *r), len(slot)) for h, *r in zip(hyps, *refs, strict=True)]
    unique = list(slot)
    unique_hyps = [pair[0] for pair in unique]
    unique_refs = [[pair[k] for pair in unique] for k in range(1, len(refs) + 1)]
    per_metric = _extract(metrics, unique_hyps, unique_refs, _jobs(jobs, len(unique)))
    return {name: [stats[i] for i in order] for name, stats in per_metric.items()}


def _jobs(requested: int | None, pairs: int) -> int:
    if multiprocessing.current_process().daemon:  # a pool worker may not start its own
        return 1
    if requested is None:
        requested = min(len(os.sched_getaffinity(0)), MAX_JOBS)
        if pairs < PARALLEL_MIN_PAIRS:
            return 1
    return max(1, min(requested, pairs // 2 or 1))


def _extract(
    metrics: Mapping[str, Any], hyps: list[str], refs: list[list[str]], jobs: int
) -> dict[str, list[list[Any]]]:
    global _WORK
    chunks = [(start, min(start + CHUNK, len(hyps))) for start in range(0, len(hyps), CHUNK)]
    _WORK = (metrics, hyps, refs)
    collecting = gc.isenabled()
    try:
        if jobs <= 1:
            gc.disable()  # see _extract_chunk
            parts = [_extract_chunk(chunk) for chunk in chunks]
        else:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                batch = max(1, len(chunks) // (jobs * 8))
                parts = pool.map(_extract_chunk, chunks, chunksize=batch)
    finally:
        _WORK = None
        if collecting:
            gc.enable()
    return {name: [row for part in parts for row in part[name]] for name in metrics}


def _extract_chunk(bounds: tuple[int, int]) -> dict[str, list[list[Any]]]:
    """Count one chunk. The cyclic garbage collector is off meanwhile: counting allocates
    millions of small containers, none of them in a cycle, and collections that walk the
    growing results cost up to half of BLEU's time; reference counting frees them all."""
    assert _WORK is not None  # set by the parent (before forking)
    gc.disable()
    metrics, hyps, refs = _WORK
    start, end = bounds
    chunk_refs = [stream[start:end] for stream in refs]
    return {
        name: m._extract_corpus_statistics(hyps[start:end], chunk_refs)
        for name, m in metrics.items()
    }
