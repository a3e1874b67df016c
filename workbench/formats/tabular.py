"""TSV and JSONL: one line per bead, for spreadsheets and scripts.

TSV has a header row: `id status confidence evidence chrf kind <one column per language>
flags comments` (the numbers are described in `parallel.NUMBERS`). Only the language columns
are required when importing (a two-column `en<TAB>ar` sheet is enough), and a sheet without
a header (Moses/OPUS style: one text per column) is read too, its languages given or
detected. A cell never holds a raw tab or line break: they are written `\\t`, `\\n`, `\\r`,
and a backslash `\\\\`, so each bead stays on one line; the flags and the comments of a bead
are separated by `\\n` inside their cells, each one's own line breaks and backslashes escaped
first (so a comment of two lines stays one comment).

JSONL has one object per line: `{"id", "status", "confidence", "evidence", "chrf", "kind",
"texts": {lang: text}, "flags": [{"category", "severity", "comment", "user"}],
"comments": [...]}` (plus "segments" and "signal" for the aligner's own output); only
`texts` is required when importing. Files written before these names used "score" for the
evidence; it is still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from workbench.errors import InputError, LanguageError
from workbench.formats.files import check_units, read_text
from workbench.formats.langtags import language_of_tag
from workbench.formats.parallel import (
    FLAG_FIELDS,
    LEGACY_EVIDENCE,
    NUMBERS,
    Flag,
    ParallelText,
    Row,
    describe_flag,
    parse_flag,
)
from workbench.formats.safexml import number
from workbench.outputs import open_output
from workbench.text.encoding import refuse_surrogates
from workbench.userfiles import Limits

BEFORE = ("id", "status", *NUMBERS, "kind")
AFTER = ("flags", "comments")
KNOWN = (*BEFORE, LEGACY_EVIDENCE, *AFTER)
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def write_tsv(text: ParallelText, path: Path) -> None:
    _write(tsv_text(text), path)


def tsv_text(text: ParallelText) -> str:
    lines = ["\t".join((*BEFORE, *text.languages, *AFTER))]
    for row in text.rows:
        cells = [
            row.id,
            row.status,
            *(_cell_number(getattr(row, name)) for name in NUMBERS),
            row.kind,
            *(row.texts.get(lang, "") for lang in text.languages),
            _join(describe_flag(f) for f in row.flags),
            _join(row.comments),
        ]
        lines.append("\t".join(_escape(cell) for cell in cells))
    return "\n".join(lines) + "\n"


def _cell_number(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def read_tsv(
    path: Path, languages: Sequence[str] | None = None, limits: Limits | None = None
) -> ParallelText:
    """A TSV with a header naming its columns, or without one (one text per column, in
    `languages`, else in the languages detected column by column)."""
    text = read_text(path, limits)
    lines = [(n, line.removesuffix("\r")) for n, line in enumerate(text.split("\n"), 1)]
    lines = [(n, line) for n, line in lines if line.strip()]
    check_units(path, len(lines) - 1, limits, "lines")
    header = [cell.strip() for cell in lines[0][1].split("\t")]
    if languages or not _is_header(header):
        return _headerless(lines, path, languages)
    columns = _tsv_columns(header, path)
    languages = tuple(lang for lang in columns.values() if lang not in KNOWN)
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


def _is_header(cells: list[str]) -> bool:
    """Whether a first line names columns (a known name or a language tag among them) rather
    than holding texts."""
    for cell in cells:
        if cell.lower() in KNOWN:
            return True
        try:
            language_of_tag(cell, "")
        except LanguageError:
            continue
        return True
    return False


def _headerless(
    lines: list[tuple[int, str]], path: Path, languages: Sequence[str] | None
) -> ParallelText:
    widths = {len(line.split("\t")) for _, line in lines}
    if len(widths) != 1 or min(widths) < 2:
        raise InputError(
            f"{path} has no header and not the same number of columns on every line; give "
            "it a first line naming the columns (e.g. en<TAB>ar), or one text per column."
        )
    columns = [[_unescape(c) for c in line.split("\t")] for _, line in lines]
    texts = list(zip(*columns, strict=True))
    langs = _column_languages(texts, path, languages)
    rows = tuple(
        Row(texts={lang: cell for lang, cell in zip(langs, cells, strict=True) if cell})
        for cells in columns
    )
    return ParallelText(languages=tuple(langs), rows=rows)


def _column_languages(
    texts: list[tuple[str, ...]], path: Path, languages: Sequence[str] | None
) -> list[str]:
    if languages:
        langs = [language_of_tag(tag, "The languages given") for tag in languages]
        if len(langs) != len(texts):
            raise InputError(
                f"{path} has {len(texts)} columns but {len(langs)} languages were given."
            )
        return langs
    from workbench.text.detect import detect_paragraphs

    langs = [detect_paragraphs(column).lang for column in texts]
    if len(set(langs)) != len(langs):
        raise InputError(
            f"{path} has no header, and its columns read as {', '.join(langs)}; say which "
            "language each column is in with --languages (e.g. en,ar)."
        )
    return [language_of_tag(lang, f"{path}, a column") for lang in langs]


def _tsv_columns(header: list[str], path: Path) -> dict[int, str]:
    columns: dict[int, str] = {}
    for i, name in enumerate(header):
        if name.lower() in KNOWN:
            key = "evidence" if name.lower() == LEGACY_EVIDENCE else name.lower()
        else:
            try:
                key = language_of_tag(name, f"{path}, header")
            except LanguageError as exc:
                raise InputError(
                    f"{exc} A TSV column is one of {', '.join(KNOWN)} or a language."
                ) from None
        if key in columns.values():
            raise InputError(f"{path}: the header has two {key!r} columns; remove one.")
        columns[i] = key
    if not any(key not in KNOWN for key in columns.values()):
        raise InputError(
            f"{path}: the first line must name the columns, with one column per language "
            "(e.g. en<TAB>ar)."
        )
    return columns


def _tsv_row(cells: dict[str, str], where: str) -> Row:
    texts = {k: v for k, v in cells.items() if k not in KNOWN and v}
    flags = cells.get("flags", "")
    comments = cells.get("comments", "")
    return Row(
        texts=texts,
        status=cells.get("status", "").strip() or "auto",
        evidence=number(cells.get("evidence", ""), where),
        confidence=number(cells.get("confidence", ""), where),
        chrf=number(cells.get("chrf", ""), where),
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
    _write(jsonl_text(text), path)


def jsonl_text(text: ParallelText) -> str:
    lines = []
    for row in text.rows:
        record: dict[str, Any] = {
            "id": row.id,
            "status": row.status,
            **{name: getattr(row, name) for name in NUMBERS if getattr(row, name) is not None},
            "kind": row.kind,
            "texts": {lang: row.texts[lang] for lang in text.languages if lang in row.texts},
            "flags": [f.__dict__ for f in row.flags],
            "comments": list(row.comments),
        }
        if row.segments:
            record["segments"] = [list(side) for side in row.segments]
            record["signal"] = row.signal
        lines.append(json.dumps(record, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


def read_jsonl(path: Path, limits: Limits | None = None) -> ParallelText:
    languages: list[str] = []
    rows: list[Row] = []
    lines = read_text(path, limits).split("\n")
    check_units(path, sum(1 for line in lines if line.strip()), limits, "lines")
    for n, line in enumerate(lines, start=1):
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
    except ValueError:  # Python reads integers of at most 4,300 digits
        raise InputError(
            f"{where} holds a number of thousands of digits, which no bead has; correct it."
        ) from None
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
        evidence=_number(_evidence(record), where, "evidence"),
        confidence=_number(record.get("confidence"), where, "confidence"),
        chrf=_number(record.get("chrf"), where, "chrf"),
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
    return refuse_surrogates(value, f'{where}: "{field}"')  # JSON can write "\ud800"


def _number(value: Any, where: str, field: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f'{where}: "{field}" must be a number, not {json.dumps(value)[:40]}.')
    try:
        return number(repr(float(value)), where)
    except OverflowError:  # an integer of hundreds of digits
        raise InputError(f'{where}: "{field}" is far too large a number; correct it.') from None


def _list(record: dict, field: str, where: str) -> list:
    value = record.get(field) or []
    if not isinstance(value, list):
        raise InputError(f'{where}: "{field}" must be a list.')
    return value


def _evidence(record: dict) -> Any:
    return record.get("evidence", record.get(LEGACY_EVIDENCE))


def _write(text: str, path: Path) -> None:
    with open_output(path) as fh:
        fh.write(text.encode("utf-8"))
