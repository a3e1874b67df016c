"""The memory in and out of files: TMX, XLIFF, TSV, JSONL (the formats layer reads and writes
them) and two-file bitext (one sentence per line, line n translating line n).

An imported file is one batch, keyed by its content: importing the same file again replaces
its entries instead of doubling them. Every unit gives an entry per ordered language pair
(a TMX unit in en, ar and ckb gives six), origin "imported", with the file's name, who
imported it and when. Units a file marks flagged or rejected are left out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import InputError
from workbench.formats.api import login_name
from workbench.formats.parallel import ParallelText, Row
from workbench.memory.sources import norm, unit_entries
from workbench.records import HUMAN_ORIGINS, MemoryEntry
from workbench.store import memory as store
from workbench.store.db import Database, now
from workbench.text.languages import LANGUAGES, canonical

SKIPPED_STATUSES = ("flagged", "rejected")


@dataclass(frozen=True)
class Transfer:
    path: Path
    units: int  # units read or written
    entries: int  # entries stored (import) or exported
    languages: tuple[str, ...]


def import_memory(
    db: Database,
    path: str | Path,
    *,
    target_file: str | Path | None = None,
    src: str | None = None,
    tgt: str | None = None,
    format: str | None = None,
    user: str | None = None,
) -> Transfer:
    """Import a TMX, XLIFF, TSV or JSONL file, or with `target_file` a two-file bitext (then
    `src` and `tgt` are needed), into the memory. `src`/`tgt` keep that pair only."""
    path = Path(path)
    pair = _pair(src, tgt)
    if target_file is not None:
        if pair is None:
            raise InputError("A two-file bitext needs its languages: pass --from L and --to L.")
        text = read_bitext(path, Path(target_file), *pair)
        digest = _sha256(path, Path(target_file))
    else:
        from workbench.formats.api import read_file

        text = read_file(path, format)
        digest = _sha256(path)
    entries = file_entries(text, path.name, user or login_name(), pair)
    stored = store.save_entries(db, f"file:{digest}", entries, norm, replace=True)
    return Transfer(path, len(text.rows), stored, text.languages)


def file_entries(
    text: ParallelText, name: str, user: str, pair: tuple[str, str] | None = None
) -> list[MemoryEntry]:
    languages = [lang for lang in text.languages if pair is None or lang in pair]
    if pair is not None and len(languages) < 2:
        raise InputError(
            f"The file holds {', '.join(text.languages)}, not both {pair[0]} and {pair[1]}; "
            "choose languages it has."
        )
    fields = {
        "origin": "imported",
        "report": text.report,
        "file": name,
        "user": user,
        "created_at": now(),
    }
    return unit_entries(
        text, languages, lambda row: None if row.status in SKIPPED_STATUSES else fields
    )


def read_bitext(source: Path, target: Path, src: str, tgt: str) -> ParallelText:
    """Two UTF-8 files, line n of one translating line n of the other; blank pairs skipped."""
    from workbench.formats.bitext import read_bitext as read_files

    text = read_files([source, target], [src, tgt])
    rows = tuple(row for row in text.rows if row.aligned(text.languages))
    if not rows:
        raise InputError(f"{source} and {target} hold no translated lines; nothing to import.")
    return ParallelText(languages=text.languages, rows=rows)


def export_memory(
    db: Database,
    path: str | Path,
    *,
    format: str | None = None,
    src: str | None = None,
    tgt: str | None = None,
    origins: Collection[str] = HUMAN_ORIGINS,
) -> Transfer:
    """Write the memory's units (each pair once, whichever direction it was stored in) as
    TMX, XLIFF (needs `src` and `tgt`), TSV or JSONL; the provenance goes into a note."""
    from workbench.formats.api import format_of, write_file
    from workbench.memory.search import provenance
    from workbench.memory.sources import refresh_memory

    path, pair = Path(path), _pair(src, tgt)
    fmt = format_of(path, format)
    if fmt in ("xliff", "xliff12") and pair is None:
        raise InputError("An XLIFF file holds one language pair: pass --from L and --to L.")
    refresh_memory(db)
    rows, seen, languages = [], set(), set()
    for entry in store.iter_entries(db, src=src, tgt=tgt, origins=origins):
        unit = frozenset({(entry.src_lang, entry.source), (entry.tgt_lang, entry.target)})
        if unit in seen:
            continue
        seen.add(unit)
        languages |= {entry.src_lang, entry.tgt_lang}
        note = f"{entry.origin}: {provenance(entry)}".rstrip(": ")
        rows.append(
            Row(
                texts={entry.src_lang: entry.source, entry.tgt_lang: entry.target},
                status="accepted" if entry.origin == "reviewed" else "auto",
                comments=(note,),
                id=str(entry.id),
            )
        )
    if not rows:
        raise InputError(
            "The memory has no entries to export (for these languages and origins); "
            "`workbench tm build --all` or `workbench tm import FILE` fills it."
        )
    order = pair or tuple(lang for lang in LANGUAGES if lang in languages)
    write_file(ParallelText(languages=tuple(order), rows=tuple(rows)), path, fmt)
    return Transfer(path, len(rows), len(rows), tuple(order))


def _pair(src: str | None, tgt: str | None) -> tuple[str, str] | None:
    if not src and not tgt:
        return None
    if not (src and tgt):
        raise InputError("Give both languages of the pair: --from L and --to L.")
    pair = canonical(src), canonical(tgt)
    if pair[0] == pair[1]:
        raise InputError(f"--from and --to are both {pair[0]}: choose two languages.")
    return pair


def _sha256(*paths: Path) -> str:
    from workbench.formats.files import read_bytes

    digest = hashlib.sha256()
    for path in paths:
        digest.update(read_bytes(path))
    return digest.hexdigest()
