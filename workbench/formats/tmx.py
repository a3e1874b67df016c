"""TMX 1.4b: one `<tu>` per bead, one `<tuv xml:lang>` per language that has text.

What reviewers did travels in the `<tu>`'s properties (`x-status`, `x-confidence`,
`x-evidence`, `x-chrf` (see `parallel.NUMBERS`; a number the bead lacks is left out),
`x-kind`, and per flag `x-flag-category`, `x-flag-severity`, `x-flag-comment`,
`x-flag-user`, a new flag starting at each `x-flag-category`); comments are `<note>`s.
Every `<tu>` has a `<tuv>` in its `srclang`: the file's source language, or for a bead
without it but with two other languages, the first of those; a bead with one text and not
in the source language (an addition) has no `<tu>`: a CAT tool cannot use it. Inline codes
(`<bpt>`, `<ept>`, `<ph>`, `<it>`) travel as placeholders (`formats.codes`). Reading
accepts TMX from other tools too: `lang` as well as `xml:lang`, the older `x-score` as the
evidence, and units without workbench properties read as "auto".
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from xml.etree.ElementTree import Element

from workbench import __version__
from workbench.errors import InputError
from workbench.formats.codes import append_text, write_codes
from workbench.formats.langtags import language_of_tag
from workbench.formats.parallel import LEGACY_EVIDENCE, NUMBERS, Flag, ParallelText, Row
from workbench.formats.safexml import (
    XML_LANG,
    inline_text,
    local_name,
    number,
    parse_untrusted,
    record_id,
    write_xml,
    xml_safe,
)
from workbench.userfiles import Limits

_HEADER_PROPS = (
    ("x-report", "report"),
    ("x-report-title", "title"),
    ("x-alignment", "alignment_id"),
    ("x-alignment-method", "method"),
    ("x-alignment-signature", "signature"),
)
_FLAG_PROPS = {
    "x-flag-category": "category",
    "x-flag-severity": "severity",
    "x-flag-comment": "comment",
    "x-flag-user": "user",
}
# Inline elements whose content is native markup, not text (TMX 1.4b section 3.7).
_CODES = {"bpt", "ept", "it", "ph", "ut"}


def write_tmx(text: ParallelText, path: Path) -> None:
    """Write `text` as a TMX 1.4b file (characters XML cannot hold become U+FFFD)."""
    from lxml import etree

    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(
        root,
        "header",
        creationtool="workbench",
        creationtoolversion=__version__,
        segtype="sentence",
        adminlang="en",
        srclang=text.languages[0],
        datatype="plaintext",
        creationdate=_creation_date().strftime("%Y%m%dT%H%M%SZ"),
    )
    header.set("o-tmf", "workbench")
    for prop, attr in _HEADER_PROPS:
        if value := getattr(text, attr):
            _prop(header, prop, str(value))
    body = etree.SubElement(root, "body")
    for row in text.rows:
        if has_source(row, text.languages):
            _write_tu(body, row, text.languages)
    write_xml(root, path)


def has_source(row: Row, languages: tuple[str, ...]) -> bool:
    """Whether a bead can be a `<tu>`: it has the file's source text, or at least two texts
    (then its first is its own source: a pair of a multilingual memory)."""
    return languages[0] in row.texts or len(row.texts) >= 2


def _creation_date() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set (reproducible builds): batch jobs set it so that a
    resumed job writes the very bytes an uninterrupted one would."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


def _write_tu(body, row: Row, languages: tuple[str, ...]) -> None:
    from lxml import etree

    source = next(lang for lang in languages if lang in row.texts)
    tu = etree.SubElement(body, "tu", srclang=source)
    if row.id:
        tu.set("tuid", row.id)
    for comment in row.comments:  # the DTD wants notes, then props, then tuvs
        etree.SubElement(tu, "note").text = xml_safe(comment)
    _prop(tu, "x-status", row.status)
    for name in NUMBERS:
        if (value := getattr(row, name)) is not None:
            _prop(tu, f"x-{name}", repr(float(value)))
    if row.kind:
        _prop(tu, "x-kind", row.kind)
    for flag in row.flags:
        for prop, attr in _FLAG_PROPS.items():
            if (value := getattr(flag, attr)) or prop == "x-flag-category":
                _prop(tu, prop, value)
    for lang in languages:
        if lang in row.texts:
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(XML_LANG, lang)
            seg = etree.SubElement(tuv, "seg")
            write_codes(seg, row.texts[lang], "tmx", _element, _safe_text)


def _element(parent, name: str, attributes: dict[str, str]):
    from lxml import etree

    return etree.SubElement(parent, name, attributes)


def _safe_text(element, text: str) -> None:
    append_text(element, xml_safe(text))


def _prop(parent, kind: str, value: str) -> None:
    from lxml import etree

    etree.SubElement(parent, "prop", type=kind).text = xml_safe(value)


def read_tmx(path: Path, limits: Limits | None = None) -> ParallelText:
    """Read a TMX file (any version from 1.1 on) into rows, one per `<tu>`."""
    root = parse_untrusted(path, "TMX", limits)
    if local_name(root) != "tmx":
        raise InputError(
            f"{path} is not a TMX file: its root element is <{local_name(root)}>, not <tmx>."
        )
    header = root.find("header")
    header_props = _props(header) if header is not None else {}
    languages: list[str] = []
    if header is not None and header.get("srclang", "*all*").lower() != "*all*":
        languages.append(language_of_tag(header.get("srclang", ""), f"{path}, <header>"))
    rows = []
    for n, tu in enumerate(root.iterfind("body/tu"), start=1):
        row = _read_tu(tu, f"{path}, <tu> number {n}")
        languages.extend(lang for lang in row.texts if lang not in languages)
        rows.append(row)
    if not rows:
        raise InputError(f"{path} holds no translation units (<tu>); nothing to import.")
    alignment = header_props.get("x-alignment", [""])[0]
    return ParallelText(
        languages=tuple(languages),
        rows=tuple(rows),
        report=header_props.get("x-report", [""])[0],
        title=header_props.get("x-report-title", [""])[0],
        alignment_id=record_id(alignment),
        method=header_props.get("x-alignment-method", [""])[0],
        signature=header_props.get("x-alignment-signature", [""])[0],
    )


def _read_tu(tu: Element, where: str) -> Row:
    texts: dict[str, str] = {}
    for tuv in tu.iterfind("tuv"):
        tag = tuv.get(XML_LANG) or tuv.get("lang") or ""
        lang = language_of_tag(tag, where)
        if lang in texts:
            raise InputError(
                f"{where} has two texts in {lang!r}; the workbench keeps one text per "
                "language in a unit. Remove one of them and import again."
            )
        seg = tuv.find("seg")
        if text := (inline_text(seg, _CODES, where) if seg is not None else ""):
            texts[lang] = text
    props = _props(tu)
    return Row(
        texts=texts,
        status=props.get("x-status", ["auto"])[0],
        evidence=_number(props.get("x-evidence", props.get("x-" + LEGACY_EVIDENCE)), where),
        confidence=_number(props.get("x-confidence"), where),
        chrf=_number(props.get("x-chrf"), where),
        flags=_flags(tu),
        comments=tuple(n.text or "" for n in tu.iterfind("note") if n.text),
        id=tu.get("tuid", ""),
        kind=props.get("x-kind", [""])[0],
    )


def _props(element: Element) -> dict[str, list[str]]:
    props: dict[str, list[str]] = {}
    for prop in element.iterfind("prop"):
        props.setdefault(prop.get("type", ""), []).append(prop.text or "")
    return props


def _flags(tu: Element) -> tuple[Flag, ...]:
    flags: list[dict[str, str]] = []
    for prop in tu.iterfind("prop"):
        field = _FLAG_PROPS.get(prop.get("type", ""))
        if field == "category":
            flags.append({})
        if field and flags:
            flags[-1][field] = prop.text or ""
    return tuple(Flag(**f) for f in flags)


def _number(values: list[str] | None, where: str) -> float | None:
    return number(values[0], where) if values else None
