"""Bead files, and beads as TSV or JSONL with their texts.

A bead file has one bead per line, `[source ids]:[target ids]` with an optional third field,
Vecalign's format: `[0]:[0, 1]:0.93`. The workbench writes the bead's confidence there.
Gold files in this format (Text+Berg `.defr`, ParIce `gold/*.txt`, Vecalign output) read the
same way. Multi-way beads have one list per document: `[0]:[0, 1]:[0]:0.93`.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from workbench.errors import InputError
from workbench.formats.parallel import FLAG_FIELDS, Flag, ParallelText, Row
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
        numbers = re.findall(r"\d+", match.group(1) or "")
        if any(len(n) > 18 for n in numbers):  # no document holds 10^18 sentences
            raise InputError(f"{where}{field[:40]!r} names a sentence number beyond any document.")
        lists.append(tuple(int(x) for x in numbers))
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
    from workbench.formats.files import read_text

    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise InputError(f"There is no bead file {path}: check the path.")
    text = read_text(path)  # no links, pipes or devices; at most max_import_mb
    beads = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            beads.append(parse_bead(line, where=f"{path}, line {number}: "))
    return beads


def beads_text(beads: Iterable[Bead]) -> str:
    return "".join(format_bead(b) + "\n" for b in beads)


def ladder_text(beads: Sequence[Bead]) -> str:
    """hunalign's ladder: a rung per bead, `source position<TAB>target position<TAB>
    confidence`, where a position counts the sentences before the bead (from 0); the last
    rung holds the sentence counts. Pairwise beads only."""
    rungs, position = [], [0, 0]
    for bead in beads:
        if len(bead.segments) != 2:
            raise InputError("A ladder holds a pairwise alignment: align two versions.")
        rungs.append(f"{position[0]}\t{position[1]}\t{bead.confidence:.4f}")
        position = [position[0] + len(bead.segments[0]), position[1] + len(bead.segments[1])]
    rungs.append(f"{position[0]}\t{position[1]}\t1.0000")
    return "".join(rung + "\n" for rung in rungs)


def parallel_of(
    beads: Iterable[Bead], documents: Sequence[Sequence[str]], langs: Sequence[str]
) -> ParallelText:
    """Beads the aligner made (not stored) as the formats' neutral shape, numbered from 0,
    with their sentence numbers and deciding signal."""
    rows = []
    for number, bead in enumerate(beads):
        sides = zip(documents, bead.segments, strict=True)
        texts = [" ".join(doc[i] for i in side) for doc, side in sides]
        rows.append(
            Row(
                texts={lang: text for lang, text in zip(langs, texts, strict=True) if text},
                status=bead.status,
                evidence=bead.score,
                confidence=bead.confidence,
                flags=(_flag(bead.flag),) if bead.flag else (),
                id=str(number),
                kind=bead.kind,
                segments=bead.segments,
                signal=bead.signal,
            )
        )
    return ParallelText(languages=tuple(langs), rows=tuple(rows))


def _flag(flag: dict) -> Flag:
    return Flag(**{k: str(flag.get(k, "")) for k in FLAG_FIELDS})


def write_beads(
    path: str | os.PathLike,
    fmt: str,
    beads: Sequence[Bead],
    documents: Sequence[Sequence[str]],
    langs: Sequence[str],
) -> None:
    """Write beads the aligner made as one of `formats.BEAD_FORMATS` ("-": standard output;
    bitext: `path` is the prefix of PATH.LANG files)."""
    if fmt == "beads":
        write_text(path, beads_text(beads))
    elif fmt == "ladder":
        write_text(path, ladder_text(beads))
    else:
        from workbench.formats.api import write_file

        write_file(parallel_of(beads, documents, langs), Path(path), fmt)


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write a file whole or not at all ("-": standard output); see `workbench.outputs`."""
    from workbench.outputs import write_output

    write_output(path, text)
    return Path(path)
