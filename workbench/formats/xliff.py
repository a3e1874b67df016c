"""XLIFF: written as 2.0 (one `<unit>` per bead) or 1.2 (one `<trans-unit>`, for OmegaT and
older Trados), read as 1.1, 1.2 or 2.0.

A bead's review status becomes the segment's `state`, with the exact status kept in
`subState="workbench:<status>"`:

| workbench | state | why |
|---|---|---|
| auto | initial | nobody has looked at it yet |
| edited | translated | a reviewer changed the text but has not accepted it |
| accepted | final | accepting is the last step in the workbench: ready to use |
| flagged | reviewed | reviewed and found wrong; the flag is in notes and metadata |
| rejected | initial | the two sides do not say the same thing: nothing usable yet |

The bead's numbers (`confidence`, `evidence`, `chrf`: see `parallel.NUMBERS`; one it lacks
is left out), the bead type and flags go in the Metadata module (`mda:metaGroup` "workbench"
and "flag"), flags and comments also in `<notes>` for people. XLIFF 1.2 has no metadata
module: status goes in `state` and `approved`, the numbers and flags in `<note from=
"workbench">` (read back on import), comments in `<note>`. Inline codes travel as
placeholders (`formats.codes`). Reading trusts `subState` only while `state` is still the
one written with it (a tool that changes `state` without updating
`subState` wins); without it, reviewed and final read as "accepted", anything else as "auto".
XLIFF 1.2 (and 1.1) reads `approved="yes"` and the states final and signed-off as
"accepted".
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from workbench.errors import InputError
from workbench.formats.codes import append_text, write_codes
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
from workbench.formats.safexml import (
    NOT_XML,
    inline_text,
    local_name,
    namespace,
    number,
    parse_untrusted,
    record_id,
    write_xml,
    xml_safe,
)
from workbench.userfiles import Limits

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF1_PREFIX = "urn:oasis:names:tc:xliff:document:1."  # 1.1 and 1.2 read alike
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
SUBSTATE_PREFIX = "workbench:"
STATE_OF_STATUS = {
    "auto": "initial",
    "edited": "translated",
    "accepted": "final",
    "flagged": "reviewed",
    "rejected": "initial",
}
STATES = ("initial", "translated", "reviewed", "final")
STATE_12_OF_STATUS = {
    "auto": "needs-review-translation",
    "edited": "translated",
    "accepted": "final",
    "flagged": "needs-review-translation",
    "rejected": "needs-translation",
}
_SEVERITY_PRIORITY = {"critical": "1", "major": "2", "minor": "3"}
_FILE_META = (
    ("report", "report"),
    ("title", "title"),
    ("alignment", "alignment_id"),
    ("method", "method"),
    ("signature", "signature"),
)
_CODES_2 = {"ph", "sc", "ec", "sm", "em"}
_CODES_12 = {"bpt", "ept", "it", "ph", "x", "bx", "ex", "sub"}


def write_xliff(text: ParallelText, path: Path) -> None:
    """Write a two-language `text` as XLIFF 2.0 (the first language is the source)."""
    from lxml import etree

    src, tgt = _pair(text)
    root = etree.Element(
        _q("xliff"), nsmap={None: XLIFF2, "mda": MDA}, version="2.0", srcLang=src, trgLang=tgt
    )
    file = etree.SubElement(root, _q("file"), id="f1", original=text.report or "workbench")
    file.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    meta = [(k, str(getattr(text, attr))) for k, attr in _FILE_META if getattr(text, attr)]
    if meta:
        _metadata(file, [("alignment", meta)])
    for n, row in enumerate(text.rows, start=1):
        if src in row.texts:  # a unit without its source is no use to a CAT tool
            _write_unit(file, row, src, tgt, row.id or f"u{n}")
    write_xml(root, path)


def _write_unit(file, row: Row, src: str, tgt: str, unit_id: str) -> None:
    from lxml import etree

    unit = etree.SubElement(file, _q("unit"), id=unit_id)
    facts = [*((name, getattr(row, name)) for name in NUMBERS), ("kind", row.kind)]
    groups = [("workbench", [(k, str(v)) for k, v in facts if v not in (None, "")])]
    for flag in row.flags:
        items = [(f, getattr(flag, f)) for f in FLAG_FIELDS]
        groups.append(("flag", [(f, v) for f, v in items if v or f == "category"]))
    _metadata(unit, groups)
    if row.flags or row.comments:
        notes = etree.SubElement(unit, _q("notes"))
        for flag in row.flags:
            note = etree.SubElement(notes, _q("note"), category="flag")
            note.text = xml_safe(describe_flag(flag))
            if flag.severity in _SEVERITY_PRIORITY:
                note.set("priority", _SEVERITY_PRIORITY[flag.severity])
        for comment in row.comments:
            etree.SubElement(notes, _q("note"), category="comment").text = xml_safe(comment)
    state = STATE_OF_STATUS.get(row.status, "initial")
    segment = etree.SubElement(unit, _q("segment"), state=state)
    segment.set("subState", SUBSTATE_PREFIX + row.status)
    _set_text(etree.SubElement(segment, _q("source")), row.texts.get(src, ""))
    if tgt in row.texts:
        _set_text(etree.SubElement(segment, _q("target")), row.texts[tgt])


def _metadata(parent, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
    from lxml import etree

    groups = [(category, items) for category, items in groups if items]
    if not groups:
        return
    metadata = etree.SubElement(parent, f"{{{MDA}}}metadata")
    for category, items in groups:
        group = etree.SubElement(metadata, f"{{{MDA}}}metaGroup", category=category)
        for kind, value in items:
            etree.SubElement(group, f"{{{MDA}}}meta", type=kind).text = xml_safe(value)


def _set_text(element, text: str) -> None:
    """Text with placeholders as XLIFF 2.0 codes."""
    write_codes(element, text, "xliff2", _element_2, _add_text_2)


def _add_text_2(element, text: str) -> None:
    """Text with the characters XML 1.0 cannot hold written as `<cp hex="..."/>`."""
    from lxml import etree

    pieces = NOT_XML.split(text)
    append_text(element, pieces[0])
    for char, piece in zip(NOT_XML.findall(text), pieces[1:], strict=True):
        code = etree.SubElement(element, _q("cp"), hex=f"{ord(char):04X}")
        code.tail = piece


def _element_2(parent, name: str, attributes: dict[str, str]):
    from lxml import etree

    return etree.SubElement(parent, _q(name), attributes)


def _q(name: str) -> str:
    return f"{{{XLIFF2}}}{name}"


def write_xliff12(text: ParallelText, path: Path) -> None:
    """Write a two-language `text` as XLIFF 1.2 (the first language is the source)."""
    from lxml import etree

    src, tgt = _pair(text)
    root = etree.Element(_q12("xliff"), nsmap={None: XLIFF12}, version="1.2")
    file = etree.SubElement(
        root,
        _q12("file"),
        {"source-language": src, "target-language": tgt, "datatype": "plaintext"},
        original=text.report or "workbench",
    )
    body = etree.SubElement(file, _q12("body"))
    for n, row in enumerate(text.rows, start=1):
        if src in row.texts:
            _write_unit_12(body, row, src, tgt, row.id or f"u{n}")
    write_xml(root, path)


def _write_unit_12(body, row: Row, src: str, tgt: str, unit_id: str) -> None:
    from lxml import etree

    unit = etree.SubElement(body, _q12("trans-unit"), id=unit_id)
    unit.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    if row.status == "accepted":
        unit.set("approved", "yes")
    write_codes(etree.SubElement(unit, _q12("source")), row.texts.get(src, ""), "xliff12",
                _element_12, _add_text_12)  # fmt: skip
    if tgt in row.texts:
        target = etree.SubElement(unit, _q12("target"), state=STATE_12_OF_STATUS[row.status])
        write_codes(target, row.texts[tgt], "xliff12", _element_12, _add_text_12)
    facts = [f"{name}: {getattr(row, name)}" for name in NUMBERS if getattr(row, name) is not None]
    lines = [f"status: {row.status}", *facts, *(f"flag: {describe_flag(f)}" for f in row.flags)]
    note = etree.SubElement(unit, _q12("note"), {"from": "workbench"})
    note.text = xml_safe("\n".join(line.replace("\n", " ") for line in lines))
    for comment in row.comments:
        etree.SubElement(unit, _q12("note")).text = xml_safe(comment)


def _add_text_12(element, text: str) -> None:
    append_text(element, xml_safe(text))


def _element_12(parent, name: str, attributes: dict[str, str]):
    from lxml import etree

    return etree.SubElement(parent, _q12(name), attributes)


def _q12(name: str) -> str:
    return f"{{{XLIFF12}}}{name}"


def _pair(text: ParallelText) -> tuple[str, str]:
    if len(text.languages) != 2:
        raise InputError(
            f"An XLIFF file holds one language pair, not {', '.join(text.languages)}: "
            "choose two languages (--languages SRC,TGT)."
        )
    src, tgt = text.languages
    return src, tgt


def read_xliff(path: Path, limits: Limits | None = None) -> ParallelText:
    """Read an XLIFF 1.2 or 2.0 file into rows, one per unit (1.2: per trans-unit)."""
    root = parse_untrusted(path, "XLIFF", limits)
    if local_name(root) != "xliff":
        raise InputError(
            f"{path} is not an XLIFF file: its root element is <{local_name(root)}>, not <xliff>."
        )
    version = root.get("version", "")
    if namespace(root) == XLIFF2 or version.startswith("2"):
        text = _read_2(root, path)
    elif namespace(root).startswith(XLIFF1_PREFIX) or version.startswith("1."):
        text = _read_12(root, path)
    else:
        raise InputError(
            f"{path} is XLIFF version {version or '(none given)'}; the workbench reads XLIFF "
            "1.1, 1.2 and 2.0. Export it from its tool as one of those."
        )
    if not text.rows:
        raise InputError(f"{path} holds no translation units; nothing to import.")
    return text


def _read_2(root: Element, path: Path) -> ParallelText:
    ns = namespace(root)
    src = _language(root.get("srcLang"), f"{path}, <xliff>", "srcLang")
    tgt = root.get("trgLang") and _language(root.get("trgLang"), f"{path}, <xliff>", "trgLang")
    if tgt == src:
        raise InputError(f"{path}: srcLang and trgLang are both {src!r}; correct one of them.")
    rows = [
        _unit_2(unit, ns, src, tgt, f"{path}, <unit> number {n}")
        for n, unit in enumerate(root.iter(_in(ns, "unit")), start=1)
    ]
    meta: dict[str, str] = {}
    file = root.find(_in(ns, "file"))
    if file is not None:
        for category, items in _meta_groups(file):
            meta.update(items if category == "alignment" else {})
    alignment = meta.get("alignment", "")
    return ParallelText(
        languages=(src, tgt) if tgt else (src,),
        rows=tuple(rows),
        report=meta.get("report", ""),
        title=meta.get("title", ""),
        alignment_id=record_id(alignment),
        method=meta.get("method", ""),
        signature=meta.get("signature", ""),
    )


def _unit_2(unit: Element, ns: str, src: str, tgt: str | None, where: str) -> Row:
    parts = [c for c in unit if local_name(c) in ("segment", "ignorable")]
    segments = [c for c in parts if local_name(c) == "segment"]
    texts = {}
    for lang, side in ((src, "source"), (tgt, "target")):
        text = "".join(_side(part, ns, side, where) for part in parts)
        if text and lang is None:
            raise InputError(f"{where} has a target text but the file has no trgLang.")
        if text:
            texts[lang] = text
    facts: dict[str, str] = {}
    flags = []
    for category, items in _meta_groups(unit):
        if category == "workbench":
            facts.update(items)
        elif category == "flag":
            flags.append(Flag(**{k: v for k, v in items.items() if k in FLAG_FIELDS}))
    notes = unit.find(_in(ns, "notes"))
    comments = [
        n.text
        for n in (notes if notes is not None else ())
        if local_name(n) == "note" and n.get("category") != "flag" and n.text
    ]
    return Row(
        texts=texts,
        status=_status_2(segments),
        evidence=number(facts.get("evidence", facts.get(LEGACY_EVIDENCE, "")), where),
        confidence=number(facts.get("confidence", ""), where),
        chrf=number(facts.get("chrf", ""), where),
        flags=tuple(flags),
        comments=tuple(comments),
        id=unit.get("id", ""),
        kind=facts.get("kind", ""),
    )


def _side(part: Element, ns: str, side: str, where: str) -> str:
    element = part.find(_in(ns, side))
    return inline_text(element, _CODES_2, where) if element is not None else ""


def _status_2(segments: list[Element]) -> str:
    states = [s.get("state", "initial") for s in segments] or ["initial"]
    if len(segments) == 1:
        sub = segments[0].get("subState", "")
        status = sub[len(SUBSTATE_PREFIX) :] if sub.startswith(SUBSTATE_PREFIX) else ""
        if STATE_OF_STATUS.get(status) == states[0]:
            return status
    least = min(STATES.index(s) if s in STATES else 0 for s in states)
    return "accepted" if STATES[least] in ("reviewed", "final") else "auto"


def _meta_groups(parent: Element) -> list[tuple[str, dict[str, str]]]:
    metadata = parent.find(f"{{{MDA}}}metadata")
    if metadata is None:
        return []
    return [
        (group.get("category", ""), {m.get("type", ""): m.text or "" for m in group})
        for group in metadata.iterfind(f"{{{MDA}}}metaGroup")
    ]


def _read_12(root: Element, path: Path) -> ParallelText:
    ns = namespace(root)
    languages: list[str] = []
    rows = []
    for file_number, file in enumerate(root.iter(_in(ns, "file")), start=1):
        where = f"{path}, <file> number {file_number}"
        src = _language(file.get("source-language"), where, "source-language")
        tag = file.get("target-language")
        tgt = _language(tag, where, "target-language") if tag else None
        languages.extend(x for x in (src, tgt) if x and x not in languages)
        for n, unit in enumerate(file.iter(_in(ns, "trans-unit")), start=1):
            rows.append(_unit_12(unit, ns, src, tgt, f"{where}, <trans-unit> number {n}"))
    return ParallelText(languages=tuple(languages), rows=tuple(rows))


def _unit_12(unit: Element, ns: str, src: str, tgt: str | None, where: str) -> Row:
    texts = {}
    source, target = unit.find(_in(ns, "source")), unit.find(_in(ns, "target"))
    if source is not None and (text := inline_text(source, _CODES_12, where)):
        texts[src] = text
    if target is not None and (text := inline_text(target, _CODES_12, where)):
        if tgt is None:
            raise InputError(f"{where} has a target text but its <file> no target-language.")
        texts[tgt] = text
    state = target.get("state", "") if target is not None else ""
    accepted = unit.get("approved") == "yes" or state in ("final", "signed-off")
    notes = list(unit.iterfind(_in(ns, "note")))
    ours = _workbench_note(notes, where)
    status = ours.get("status", "")
    if STATE_12_OF_STATUS.get(status) != (state or None) and status != "accepted":
        status = ""  # a tool changed the state since: it wins
    return Row(
        texts=texts,
        status=status or ("accepted" if accepted else "auto"),
        evidence=number(ours.get("evidence", ""), where),
        confidence=number(ours.get("confidence", ""), where),
        chrf=number(ours.get("chrf", ""), where),
        flags=tuple(parse_flag(v) for k, v in ours.get("flags", []) if k),
        comments=tuple(n.text for n in notes if n.text and n.get("from") != "workbench"),
        id=unit.get("id", ""),
    )


def _workbench_note(notes: list[Element], where: str) -> dict:
    """The facts of the `<note from="workbench">` that write_xliff12 wrote."""
    found: dict = {"flags": []}
    for note in notes:
        if note.get("from") != "workbench" or not note.text:
            continue
        for part in note.text.split("\n"):
            key, _, value = part.partition(": ")
            if key == "flag":
                found["flags"].append((key, value))
            elif key in (*NUMBERS, "status"):
                found[key] = value
    return found


def _language(tag: str | None, where: str, attribute: str) -> str:
    if not tag or not tag.strip():
        raise InputError(
            f"{where} has no {attribute}; the workbench needs to know the languages. "
            "Add it (e.g. en, ar, ckb, kmr) and import again."
        )
    return language_of_tag(tag, f"{where} {attribute}")


def _in(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}" if ns else name
