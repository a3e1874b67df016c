"""TBX termbases: one concept per entry, its terms per language, forbidden terms marked.

Written as TBX-Basic (TBX 2, `<martif>`): `<termEntry>` with the subject field
(`<descrip type="subjectField">`) and the note (`<note>`), one `<langSet xml:lang>` per
language, one `<tig>` per term with `<termNote type="administrativeStatus">`
(preferredTerm-admn-sts for the first allowed term, admittedTerm-admn-sts for variants,
deprecatedTerm-admn-sts for forbidden ones) and the term's own `<note>`. Read: TBX 2
(`termEntry`/`langSet`/`tig` or `ntig`) and TBX 3 (`conceptEntry`/`langSec`/`termSec`), parsed
as untrusted XML like every imported file; statuses "deprecated", "superseded", "forbidden",
"notRecommended" and "obsolete" make a term forbidden. Languages the workbench does not serve
are skipped, and named.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from workbench.errors import InputError, LanguageError
from workbench.formats.safexml import XML_LANG, inline_text, local_name, parse_untrusted, xml_safe
from workbench.records import Concept, Term
from workbench.text.languages import canonical

ENTRIES = ("termEntry", "conceptEntry")
LANG_SETS = ("langSet", "langSec")
TERM_GROUPS = ("tig", "ntig", "termSec")
STATUS_TYPES = ("administrativeStatus", "normativeAuthorization")
FORBIDDEN_WORDS = ("deprecated", "superseded", "forbidden", "notrecommended", "obsolete")


@dataclass(frozen=True)
class TermFile:
    concepts: tuple[Concept, ...]
    skipped: tuple[str, ...] = ()  # language tags of the file the workbench does not serve


def write_tbx(concepts: list[Concept], path: Path) -> None:
    from lxml import etree

    from workbench.formats.safexml import write_xml

    root = etree.Element("martif", type="TBX-Basic")
    root.set(XML_LANG, "en")
    header = etree.SubElement(root, "martifHeader")
    source = etree.SubElement(etree.SubElement(header, "fileDesc"), "sourceDesc")
    etree.SubElement(source, "p").text = "workbench termbase"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for n, concept in enumerate(concepts, start=1):
        entry = etree.SubElement(body, "termEntry", id=f"c{concept.id or n}")
        if concept.subject:
            _child(entry, "descrip", concept.subject, type="subjectField")
        if concept.note:
            _child(entry, "note", concept.note)
        for lang in dict.fromkeys(t.lang for t in concept.terms):
            lang_set = etree.SubElement(entry, "langSet")
            lang_set.set(XML_LANG, lang)
            for i, term in enumerate(concept.terms_in(lang)):
                tig = etree.SubElement(lang_set, "tig")
                _child(tig, "term", term.text)
                _child(tig, "termNote", _status(term, i, concept), type="administrativeStatus")
                if term.note:
                    _child(tig, "note", term.note)
    write_xml(root, path)


def _status(term: Term, place: int, concept: Concept) -> str:
    if term.forbidden:
        return "deprecatedTerm-admn-sts"
    allowed = concept.terms_in(term.lang, forbidden=False)
    return "preferredTerm-admn-sts" if allowed and allowed[0] == term else "admittedTerm-admn-sts"


def _child(parent, tag: str, text: str, **attributes: str):
    from lxml import etree

    element = etree.SubElement(parent, tag, **attributes)
    element.text = xml_safe(text)
    return element


def read_tbx(path: Path) -> TermFile:
    root = parse_untrusted(path, "TBX")
    if local_name(root) not in ("martif", "tbx"):
        raise InputError(
            f"{path} is not a TBX file: its root element is <{local_name(root)}>, not <martif> "
            "or <tbx>."
        )
    concepts, skipped = [], set()
    for entry in (e for e in root.iter() if local_name(e) in ENTRIES):
        terms = []
        for lang_set in (c for c in entry if local_name(c) in LANG_SETS):
            tag = lang_set.get(XML_LANG) or lang_set.get("lang") or ""
            try:
                lang = canonical(tag)
            except LanguageError:
                skipped.add(tag)
                continue
            terms += [_term(g, lang) for g in lang_set if local_name(g) in TERM_GROUPS]
        terms = [t for t in terms if t.text]
        if terms:
            concepts.append(Concept(tuple(terms), _subject(entry), _note(entry), "imported", None))
    if not concepts:
        raise InputError(
            f"{path} holds no terms in en, ar, ckb or kmr (<termEntry> or <conceptEntry> with "
            f"<langSet>/<langSec>); nothing to import."
        )
    return TermFile(tuple(concepts), tuple(sorted(skipped)))


def _term(group: Element, lang: str) -> Term:
    text = next((inline_text(e, set()) for e in group.iter() if local_name(e) == "term"), "")
    status = " ".join(
        (e.text or "")
        for e in group.iter()
        if local_name(e) in ("termNote", "descrip") and e.get("type") in STATUS_TYPES
    ).lower()
    return Term(
        " ".join(text.split()),
        lang,
        forbidden=any(word in status for word in FORBIDDEN_WORDS),
        note=_note(group),
    )


def _subject(entry: Element) -> str:
    for element in entry.iter():
        if local_name(element) == "descrip" and element.get("type") == "subjectField":
            return " ".join((element.text or "").split())
    return ""


def _note(parent: Element) -> str:
    """The notes directly under an entry or term group (or inside its grouping elements)."""
    notes = [
        " ".join((e.text or "").split())
        for e in _own(parent)
        if local_name(e) == "note" or (local_name(e) == "descrip" and e.get("type") == "definition")
    ]
    return "; ".join(n for n in notes if n)


def _own(parent: Element):
    """The descendants of `parent` that are not inside a language or term group of it."""
    for child in parent:
        if local_name(child) in LANG_SETS + TERM_GROUPS:
            continue
        yield child
        yield from _own(child)
