"""Bead files, and beads as TSV or JSONL with their texts.

A bead file has one bead per line, `[source ids]:[target ids]` with an optional third field,
Vecalign's format: `[0]:[0, 1]:0.93`. The workbench writes the bead's confidence there.
Gold files in this format (Text+Berg `.defr`, ParIce `gold/*.txt`, Vecalign output) read the
same way. Multi-way beads have one list per document: `[0]:[0, 1]:[0]:0.93`.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from workbench.errors import InputError
from workbench.records import Bead

_LIST = re.compile(r"\[\s*(\d+(?:\s*,\s*\d+)*)?\s*,?\s*\]")


def format_bead(bead: Bead, *, score: float | None = None) -> str:
    """One line of a bead file: `[0]:[0, 1]:0.93` (confidence unless `score` is given)."""
    lists = ":".join("[" + ", ".join(str(i) for i in side) + "]" for side in bead.segments)
    value = bead.confidence if score is None else score
    return f"{lists}:{value:.4g}"


def parse_bead(line: str, *, where: str = "") -> Bead:
    """A bead from one line of a bead file (the score field, if any, becomes its confidence)."""
    fields = line.strip().split(":")
    lists, rest = [], []
    for field in fields:
        field = field.strip()
        if rest or not field.startswith("["):
            rest.append(field)
            continue
        match = _LIST.fullmatch(field)
        if not match:
            raise InputError(
                f"{where}cannot read {field!r} as a list of sentence numbers like [0, 1]."
            )
        lists.append(tuple(int(x) for x in re.findall(r"\d+", match.group(1) or "")))
    if len(lists) < 2 or len(rest) > 1:
        raise InputError(
            f"{where}{line.strip()!r} is not a bead: write `[source ids]:[target ids]`, "
            "optionally followed by `:score`, e.g. [0]:[0, 1]:0.93."
        )
    value = 0.0
    if rest and rest[0]:
        try:
            value = float(rest[0])
        except ValueError:
            value = math.nan
        if not math.isfinite(value):  # nan and inf parse as floats but are not scores
            raise InputError(f"{where}the score {rest[0]!r} is not a number.")
    return Bead(segments=tuple(lists), confidence=value)


def read_beads(path: str | os.PathLike) -> list[Bead]:
    """The beads of a bead file; blank lines and lines starting with # are skipped."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"There is no bead file {path}: check the path.") from None
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text: is it really a bead file?") from None
    beads = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            beads.append(parse_bead(line, where=f"{path}, line {number}: "))
    return beads


def beads_text(beads: Iterable[Bead]) -> str:
    return "".join(format_bead(b) + "\n" for b in beads)


TABLE_BEFORE = ("id", "status", "score", "confidence", "kind")
TABLE_AFTER = ("flags", "comments")
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def tsv_text(
    beads: Iterable[Bead], documents: Sequence[Sequence[str]], langs: Sequence[str]
) -> str:
    """One row per bead, in the column layout `workbench export` writes and `workbench import`
    reads: id, status, score, confidence, kind, one column per language, flags, comments.
    A bead's sentences are joined by a space; tabs and line breaks are written \\t and \\n."""
    rows = ["\t".join((*TABLE_BEFORE, *langs, *TABLE_AFTER))]
    for number, bead in enumerate(beads):
        texts = _texts(bead, documents)
        flag = _describe_flag(bead.flag) if bead.flag else ""
        cells = [
            str(number),
            bead.status,
            f"{bead.score:g}",
            f"{bead.confidence:.4f}",
            bead.kind,
            *texts,
            flag,
            "",
        ]
        rows.append("\t".join(_escape(c) for c in cells))
    return "\n".join(rows) + "\n"


def jsonl_text(
    beads: Iterable[Bead], documents: Sequence[Sequence[str]], langs: Sequence[str]
) -> str:
    """One JSON object per bead, as `workbench export` writes them, plus the sentence numbers
    (`segments`) and the deciding `signal`."""
    lines = []
    for number, bead in enumerate(beads):
        record = {
            "id": str(number),
            "status": bead.status,
            "score": bead.score,
            "confidence": bead.confidence,
            "kind": bead.kind,
            "texts": {
                lang: text
                for lang, text in zip(langs, _texts(bead, documents), strict=True)
                if text
            },
            "flags": [_flag_record(bead.flag)] if bead.flag else [],
            "comments": [],
            "segments": [list(side) for side in bead.segments],
            "signal": bead.signal,
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


def _texts(bead: Bead, documents: Sequence[Sequence[str]]) -> list[str]:
    return [
        " ".join(doc[i] for i in side) for doc, side in zip(documents, bead.segments, strict=True)
    ]


def _flag_record(flag: dict) -> dict:
    return {
        "category": str(flag.get("category", "")),
        "severity": str(flag.get("severity", "")),
        "comment": str(flag.get("comment", "")),
        "user": str(flag.get("user", "")),
    }


def _describe_flag(flag: dict) -> str:
    """As `workbench export` writes a flag: "category (severity), by user: comment"."""
    f = _flag_record(flag)
    words = f["category"] or "flagged"
    if f["severity"]:
        words += f" ({f['severity']})"
    if f["user"]:
        words += f", by {f['user']}"
    return f"{words}: {f['comment']}" if f["comment"] else words


def _escape(cell: str) -> str:
    return "".join(_ESCAPES.get(c, c) for c in cell)


def write_text(path: str | os.PathLike, text: str) -> str:
    """Write a file whole or not at all ("-": standard output); see `workbench.outputs`."""
    from workbench.outputs import write_output

    return write_output(path, text)
