"""Untrusted XML in, well-formed XML out.

Files to import come from anywhere, so they are parsed with defusedxml: a document that
declares any entity (the way in for XXE — `<!ENTITY x SYSTEM "file:///etc/passwd">` — and for
"billion laughs" expansion) is refused before anything is expanded, nothing is fetched from
the network or the disk, and a DOCTYPE that only names a DTD (`<!DOCTYPE tmx SYSTEM
"tmx14.dtd">`, common in TMX files) is allowed but never loaded. Outputs are built as lxml
trees and serialised by lxml, which escapes every text and attribute.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from workbench.errors import InputError
from workbench.formats.files import read_bytes
from workbench.outputs import open_output
from workbench.userfiles import Limits, raise_hint

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"

# Characters XML 1.0 cannot hold at all, not even as &#...; references.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
TAGS_PER_UNIT = 20  # a unit is a few elements (<tu><tuv><seg>, notes, props) and inline codes


def parse_untrusted(path: Path, what: str, limits: Limits | None = None) -> Element:
    """The root element of an XML file, parsed safely; `what` names the format in errors.
    Its tags are counted before it is parsed (each "<" may open one): the tree of a file
    holding millions of tiny elements would take many times the file's size in memory."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    limits = limits or Limits.of()
    data = read_bytes(path, limits)
    most = TAGS_PER_UNIT * limits.sentences
    if data.count(b"<") > most:
        raise InputError(
            f"{path} holds more than {most:,} XML tags ({TAGS_PER_UNIT} per unit it may hold, "
            "max_sentences), more than one report has: it may be several, or made to exhaust "
            f"the machine. Refused; split it, or {raise_hint('max_sentences')}."
        )
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(
            f"{path} declares XML entities or external references ({type(exc).__name__}), "
            f"which a {what} file does not need and which can read local files or exhaust "
            "memory; refused. Remove the <!DOCTYPE ...[...]> block, or export the file again "
            "from its tool."
        ) from None
    except LookupError:  # <?xml encoding="..."?> names an encoding Python does not know
        raise InputError(
            f"{path} declares an XML encoding that does not exist; it may be damaged or not a "
            f"{what} file. Export it again from its tool, in UTF-8."
        ) from None
    except ParseError as exc:
        line, column = exc.position
        raise InputError(
            f"{path} is not well-formed XML ({_reason(exc)} at line {line}, column {column}); "
            f"it may be cut short or not a {what} file. Export it again from its tool."
        ) from None


def _reason(exc: ParseError) -> str:
    return str(exc).split(":")[0]


def local_name(element: Element) -> str:
    """The tag without its namespace: "{urn:...}unit" -> "unit"."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace(element: Element) -> str:
    tag = element.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def xml_safe(text: str) -> str:
    """The text with the characters XML cannot hold replaced by U+FFFD."""
    return NOT_XML.sub("\ufffd", text)


def write_xml(root, path: Path) -> None:
    """Serialise an lxml element as a UTF-8 file, atomically."""
    from lxml import etree

    with open_output(path) as fh:
        etree.ElementTree(root).write(fh, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def inline_text(element: Element, codes: set[str], where: str = "") -> str:
    """The text of a segment: markup (`<hi>`, `<mrk>`) gives its text, each inline code
    (`codes`, plus the paired `<g>`/`<pc>`) becomes a placeholder (see `formats.codes`), and
    an XLIFF 2 `<cp hex>` becomes its character (a surrogate is refused, naming `where`).

    Iterative, so a hostile file nested a million deep cannot exhaust the Python stack.
    """
    from workbench.formats.codes import PAIRED, code_id, placeholder

    parts = [element.text or ""]
    stack, tails = [iter(element)], []
    counter = [0]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            parts.append(tails.pop() if tails else "")
            continue
        name = local_name(child)
        if name == "cp":
            parts.append(_code_point(child.get("hex", ""), where) + (child.tail or ""))
        elif name in PAIRED:
            ident = code_id(child, name, counter)
            parts.append(f"<g{ident}>" + (child.text or ""))
            stack.append(iter(child))
            tails.append(f"</g{ident}>" + (child.tail or ""))
        elif name in codes:
            if name not in ("sm", "em", "sub"):  # markers and subflows are no codes
                parts.append(placeholder(name, code_id(child, name, counter)))
            parts.append(child.tail or "")
        else:
            parts.append(child.text or "")
            stack.append(iter(child))
            tails.append(child.tail or "")
    return "".join(parts)


def _code_point(hex_value: str, where: str) -> str:
    try:
        code = int(hex_value, 16)
        char = chr(code)
    except (ValueError, OverflowError):
        return "\ufffd"
    if 0xD800 <= code <= 0xDFFF:
        raise InputError(
            f'{where or "A unit"}: <cp hex="{hex_value[:12]}"/> names a surrogate, half of a '
            "UTF-16 pair and not a character (XLIFF forbids it); the tool that wrote the file "
            "mangled a character. "
            "Correct that unit, or export the file again."
        )
    return char


def record_id(text: str) -> int | None:
    """An id a file names (an alignment's), or None when it names none an id can be."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def number(value: str, where: str) -> float | None:
    """A score or confidence as written in a file ("" = none); refuses NaN and infinity."""
    if not value.strip():
        return None
    try:
        result = float(value)
    except ValueError:
        result = math.nan
    if not math.isfinite(result):
        raise InputError(f"{where}: {value!r} is not a number; correct it or leave it empty.")
    return result
