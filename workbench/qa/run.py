"""QA on text: one pair of sentences, or two line-parallel files.

`check_pair` runs the checks on one bead's two sides; `check_lines` on every line of two
line-parallel texts, with the length ratio estimated from all of them (a missing line is an
omission). Findings carry their line (1-based) and a `key` that identifies the finding on
that very text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.qa.checks import run_checks
from workbench.qa.pair import LengthModel, Pair
from workbench.qa.terms import Glossary
from workbench.records import Finding


def check_pair(
    src: str,
    tgt: str,
    src_lang: str,
    tgt_lang: str,
    *,
    checks: Iterable[str] | str | None = None,
    mt: str | None = None,
    glossary: Glossary | None = None,
    length: LengthModel | None = None,
) -> list[Finding]:
    """The findings of `checks` (default: all) on one source text and its target.

    `mt` is a machine translation of `src` into the target's language (for omissions),
    `glossary` anything with `find(text, lang)` (see `workbench.qa.terms.Glossary`), and
    `length` the pair's length model (default: the languages' usual ratio).
    """
    pair = Pair.of(src, tgt, src_lang, tgt_lang, length=length, mt=mt, glossary=glossary)
    return [_keyed(f, pair) for f in run_checks(pair, checks)]


def check_lines(
    src_lines: Sequence[str],
    tgt_lines: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    *,
    checks: Iterable[str] | str | None = None,
    mt_lines: Sequence[str] | None = None,
    glossary: Glossary | None = None,
    jobs: int = 1,
) -> list[Finding]:
    """The findings on every line of two line-parallel texts (lines numbered from 1).

    `jobs` > 1 checks chunks of lines in that many processes (for long texts; a glossary
    must then be picklable)."""
    if len(src_lines) != len(tgt_lines):
        raise InputError(
            f"The source has {len(src_lines)} lines and the target {len(tgt_lines)}: QA needs "
            "line-parallel files (line n of one translates line n of the other). Align them "
            "first with `workbench align`."
        )
    if mt_lines is not None and len(mt_lines) != len(src_lines):
        raise InputError(
            f"The machine translation has {len(mt_lines)} lines for {len(src_lines)} source "
            "lines: give one translation per source line."
        )
    length = LengthModel.estimate(list(zip(src_lines, tgt_lines, strict=True)), src_lang, tgt_lang)
    mts = list(mt_lines) if mt_lines is not None else [None] * len(src_lines)
    chunks = [
        (list(src_lines[i : i + CHUNK]), list(tgt_lines[i : i + CHUNK]), mts[i : i + CHUNK], i)
        for i in range(0, len(src_lines), CHUNK)
    ]
    options = {"src_lang": src_lang, "tgt_lang": tgt_lang, "checks": checks,
               "glossary": glossary, "length": length}  # fmt: skip
    if jobs <= 1 or len(chunks) < 2:
        return [f for chunk in chunks for f in _check_chunk(chunk, options)]
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    with ProcessPoolExecutor(min(jobs, len(chunks))) as pool:
        done = pool.map(partial(_check_chunk, options=options), chunks)
        return [f for found in done for f in found]


CHUNK = 2000  # lines a process checks at a time


def _check_chunk(chunk: tuple, options: dict[str, Any]) -> list[Finding]:
    """The findings on a run of lines that starts after line `offset`."""
    sources, targets, mts, offset = chunk
    found = []
    for n, (src, tgt, mt) in enumerate(zip(sources, targets, mts, strict=True), start=offset + 1):
        if src.strip() or tgt.strip():
            found.extend(replace(f, line=n) for f in check_pair(src, tgt, mt=mt, **options))
    return found


def check_files(
    src: Path,
    tgt: Path,
    src_lang: str,
    tgt_lang: str,
    *,
    mt: Path | None = None,
    **options: Any,
) -> list[Finding]:
    """`check_lines` on two UTF-8 files (and a machine translation file, if given)."""
    lines = [_lines(path) for path in (src, tgt)]
    mt_lines = _lines(mt) if mt is not None else None
    return check_lines(*lines, src_lang, tgt_lang, mt_lines=mt_lines, **options)


def _lines(path: Path) -> list[str]:
    from workbench.userfiles import Limits, read_input

    data = read_input(path, limit_mb=Limits.of().import_mb, setting="max_import_mb")
    try:  # regular files only, never more than the limit (workbench.userfiles)
        return data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text; convert it first (e.g. with iconv).") from None


def finding_json(found: Finding) -> dict[str, Any]:
    """A finding as `workbench qa --json` prints it: "line" (files) or "bead" (stored)."""
    where = {"line": found.line} if found.bead is None else {"bead": found.bead}
    return {
        **where,
        "check": found.check,
        "severity": found.severity,
        "message": found.message,
        "src_span": list(found.src_span) if found.src_span else None,
        "tgt_span": list(found.tgt_span) if found.tgt_span else None,
    }


def _keyed(found: Finding, pair: Pair) -> Finding:
    """The finding with its languages and its key: a hash of what it says and of the text
    it says it on, so it is the same finding exactly while the text is unchanged."""
    parts = [
        found.check,
        found.message,
        found.src_span,
        found.tgt_span,
        pair.src.text,
        pair.tgt.text,
    ]
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return replace(found, src_lang=pair.src.lang, tgt_lang=pair.tgt.lang, key=key)
