"""TSV and JSONL: one line per bead, for spreadsheets and scripts.

TSV has a header row: `id status score confidence kind <one column per language> flags
comments`. Only the language columns are required when importing (a two-column `en<TAB>ar`
sheet is enough). A cell never holds a raw tab or line break: they are written `\\t`, `\\n`,
`\\r`, and a backslash `\\\\`, so each bead stays on one line; the flags and the comments
of a bead are separated by `\\n` inside their cells, each one's own line breaks and
backslashes escaped first (so a comment of two lines stays one comment).

JSONL has one object per line: `{"id", "status", "score", "confidence", "kind",
"texts": {lang: text}, "flags": [{"category", "severity", "comment", "user"}],
"comments": [...]}`; only `texts` is required when importing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from workbench.errors import InputError, LanguageError
from workbench.formats.files import read_text
from workbench.formats.langtags import language_of_tag
from workbench.formats.parallel import (
    FLAG_FIELDS,
    Flag,
    ParallelText,
    Row,
    describe_flag,
    parse_flag,
)
from workbench.formats.safexml import number
from workbench.outputs import open_output

BEFORE = ("id", "status", "score", "confidence", "kind")
AFTER = ("flags", "comments")
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def write_tsv(text: ParallelText, path: Path) -> None:
    lines = ["\t".join((*BEFORE, *text.languages, *AFTER))]
    for row in text.rows:
        cells = [
            row.id,
            row.status,
            "" if row.score is None else repr(row.score),
            "" if row.confidence is None else repr(row.confidence),
            row.kind,
            *(row.texts.get(lang, "") for lang in text.languages),
            _join(describe_flag(f) for f in row.flags),
            _join(row.comments),
        ]
        lines.append("\t".join(_escape(cell) for cell in cells))
    _write_lines(lines, path)


def read_tsv(path: Path) -> ParallelText:
    lines = [(n, line.removesuffix("\r")) for n, line in enumerate(read_text(path).split("\n"), 1)]
    lines = [(n, line) for n, line in lines if line.strip()]
    header = [cell.strip() for cell in lines[0][1].split("\t")]
    columns = _tsv_columns(header, path)
    languages = tuple(lang for lang in columns.values() if lang not in (*BEFORE, *AFTER))
    rows = []
    for n, line in lines[1:]:
        cells = [_unescape(cell) for cell in line.split("\t")]
        if len(cells) > len(header):
            raise InputError(
                f"{path}, line {n} has {len(cells)} cells but the header has {len(header)}; "
                "a tab inside a text must be written \\t."
            )
        rows.append(_tsv_row(dict(zip(columns.values(), cells, strict=False)), f"{path}, line {n}"))
    if not rows:
        raise InputError(f"{path} has a header but no beads; nothing to import.")
    return ParallelText(languages=languages, rows=tuple(rows))


def _tsv_columns(header: list[str], path: Path) -> dict[int, str]:
    columns: dict[int, str] = {}
    for i, name in enumerate(header):
        if name.lower() in (*BEFORE, *AFTER):
            key = name.lower()
        else:
            try:
                key = language_of_tag(name, f"{path}, header")
            except LanguageError as exc:
                raise InputError(
                    f"{exc} A TSV column is one of {', '.join((*BEFORE, *AFTER))} or a language."
                ) from None
        if key in columns.values():
            raise InputError(f"{path}: the header has two {key!r} columns; remove one.")
        columns[i] = key
    if not any(key not in (*BEFORE, *AFTER) for key in columns.values()):
        raise InputError(
            f"{path}: the first line must name the columns, with one column per language "
            "(e.g. en<TAB>ar)."
        )
    return columns


def _tsv_row(cells: dict[str, str], where: str) -> Row:
    texts = {k: v for k, v in cells.items() if k not in (*BEFORE, *AFTER) and v}
    flags = cells.get("flags", "")
    comments = cells.get("comments", "")
    return Row(
        texts=texts,
        status=cells.get("status", "").strip() or "auto",
        score=number(cells.get("score", ""), where),
        confidence=number(cells.get("confidence", ""), where),
        flags=tuple(parse_flag(f) for f in _split(flags)),
        comments=tuple(_split(comments)),
        id=cells.get("id", ""),
        kind=cells.get("kind", ""),
    )


def _join(items: Iterable[str]) -> str:
    """Several texts in one cell, one per line; a line break inside one is written \\n."""
    return "\n".join(item.replace("\\", "\\\\").replace("\n", "\\n") for item in items)


def _split(cell: str) -> list[str]:
    return [_unescape(item) for item in cell.split("\n")] if cell else []


def _escape(cell: str) -> str:
    return "".join(_ESCAPES.get(c, c) for c in cell)


def _unescape(cell: str) -> str:
    out, chars = [], iter(cell)
    for c in chars:
        if c == "\\":
            nxt = next(chars, "")
            out.append(_UNESCAPES.get(nxt, "\\" + nxt))
        else:
            out.append(c)
    return "".join(out)


def write_jsonl(text: ParallelText, path: Path) -> None:
    lines = []
    for row in text.rows:
        record = {
            "id": row.id,
            "status": row.status,
            "score": row.score,
            "confidence": row.confidence,
            "kind": row.kind,
            "texts": {lang: row.texts[lang] for lang in text.languages if lang in row.texts},
            "flags": [f.__dict__ for f in row.flags],
            "comments": list(row.comments),
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    _write_lines(lines, path)


def read_jsonl(path: Path) -> ParallelText:
    languages: list[str] = []
    rows = []
    for n, line in enumerate(read_text(path).split("\n"), start=1):
        if line.strip():
            row = _jsonl_row(line, f"{path}, line {n}")
            languages.extend(lang for lang in row.texts if lang not in languages)
            rows.append(row)
    return ParallelText(languages=tuple(languages), rows=tuple(rows))


def _jsonl_row(line: str, where: str) -> Row:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{where} is not JSON ({exc.msg}); each line must be one object."
        ) from None
    except RecursionError:
        raise InputError(f"{where} is nested too deeply to be a bead; correct it.") from None
    if not isinstance(record, dict) or not isinstance(record.get("texts"), dict):
        raise InputError(f'{where} must be an object with "texts": {{language: text}}.')
    texts = {}
    for tag, value in record["texts"].items():
        lang = language_of_tag(tag, where)
        if lang in texts:
            raise InputError(f'{where}: "texts" has two {lang!r} texts; keep one.')
        if value:
            texts[lang] = _string(value, where, f"texts.{tag}")
    flags = _list(record, "flags", where)
    if not all(isinstance(f, dict) for f in flags):
        raise InputError(f'{where}: each of "flags" must be an object.')
    return Row(
        texts=texts,
        status=_string(record.get("status") or "auto", where, "status"),
        score=_number(record.get("score"), where, "score"),
        confidence=_number(record.get("confidence"), where, "confidence"),
        flags=tuple(
            Flag(**{k: _string(f.get(k, ""), where, f"flags.{k}") for k in FLAG_FIELDS})
            for f in flags
        ),
        comments=tuple(_string(c, where, "comments") for c in _list(record, "comments", where)),
        id=str(record.get("id") or ""),
        kind=_string(record.get("kind") or "", where, "kind"),
    )


def _string(value: Any, where: str, field: str) -> str:
    if not isinstance(value, str):
        raise InputError(f'{where}: "{field}" must be a text, not {json.dumps(value)[:40]}.')
    return value


def _number(value: Any, where: str, field: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f'{where}: "{field}" must be a number, not {json.dumps(value)[:40]}.')
    return number(repr(float(value)), where)


def _list(record: dict, field: str, where: str) -> list:
    value = record.get(field) or []
    if not isinstance(value, list):
        raise InputError(f'{where}: "{field}" must be a list.')
    return value


def _write_lines(lines: list[str], path: Path) -> None:
    with open_output(path) as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
