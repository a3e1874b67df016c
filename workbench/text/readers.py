"""Reading a report file (.txt, .md, .html, .docx; test.en, corpus.ar as plain text) into
paragraphs, with its title and date.

Each format is read by a well-kept library: markdown-it-py for Markdown, trafilatura for the
main text of a web page, python-docx for Word; plain text is split at blank lines. Nothing
here knows about languages: furniture, dates in text and segmentation come later.

Files may be hostile: they are read through `workbench.userfiles` (no links, pipes or
devices; at most MAX_REPORT_MB), and a .docx is checked before python-docx unpacks it (see
`_check_package`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import InputError
from workbench.text.encoding import decode
from workbench.text.languages import LANGUAGES
from workbench.userfiles import MB, read_input

# Moses/OPUS-style files named by their language (test.en, corpus.ar) are plain text.
LANGUAGE_SUFFIXES = tuple(f".{code}" for code in LANGUAGES)
TEXT = (".txt", ".text", *LANGUAGE_SUFFIXES)
MARKDOWN = (".md", ".markdown")
HTML = (".html", ".htm", ".xhtml")
WORD = (".docx",)
SUPPORTED = (*TEXT, *MARKDOWN, *HTML, *WORD)
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")  # NBSP-only lines are blank too
LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029]")
MAX_REPORT_MB = 20  # a long report is a few MB; more is several reports, or not a report
MAX_UNPACKED_MB = 200  # what a .docx may unpack to: Word's XML is about 10x its zip
MAX_PARTS = 5000
DTD = tuple(
    m.encode(c) for m in ("<!DOCTYPE", "<!ENTITY") for c in ("utf-8", "utf-16-le", "utf-16-be")
)


@dataclass(frozen=True)
class Extracted:
    """What a file holds before language-specific cleaning."""

    paragraphs: tuple[str, ...]
    raw_text: str
    sha256: str
    title: str = ""
    date: str = ""


def read_file(path: Path | str) -> Extracted:
    """Read one report file; a clear InputError for a missing, unsupported or unreadable one."""
    path = Path(path)
    data = _bytes(path)
    suffix = path.suffix.lower()
    sha = hashlib.sha256(data).hexdigest()
    if suffix in WORD:
        return _docx(path, data, sha)
    text = LINE_BREAKS.sub("\n", decode(data, str(path))).lstrip("\ufeff")
    if suffix in HTML:
        return _html(text, sha)
    if suffix in MARKDOWN:
        return _markdown(text, sha)
    return Extracted(tuple(text_paragraphs(text)), text, sha)


def read_text(text: str) -> Extracted:
    """Plain text given directly (stdin, a paste in the UI) as if it were a .txt file."""
    text = LINE_BREAKS.sub("\n", text)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Extracted(tuple(text_paragraphs(text)), text, sha)


def text_paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; a text without any blank line has one per line."""
    blocks = BLANK_LINE.split(text) if BLANK_LINE.search(text) else text.split("\n")
    return [block.strip("\n") for block in blocks if block.strip()]


def _bytes(path: Path) -> bytes:
    if path.is_dir():
        raise InputError(f"{path} is a folder: pass the report files in it (e.g. {path}/*.txt).")
    if path.suffix.lower() not in SUPPORTED:
        hint = " Save it as .docx first." if path.suffix.lower() in (".doc", ".rtf", ".odt") else ""
        raise InputError(
            f"{path} is not a format the workbench reads ({', '.join(SUPPORTED)}).{hint}"
        )
    return read_input(path, limit_mb=MAX_REPORT_MB)


def _markdown(text: str, sha: str) -> Extracted:
    from markdown_it import MarkdownIt

    paragraphs, title = [], ""
    tokens = MarkdownIt().parse(text)
    for opening, inline in zip(tokens, tokens[1:], strict=False):
        if inline.type != "inline" or opening.type not in ("paragraph_open", "heading_open"):
            continue
        words = _inline_text(inline.children or [])
        if not words:
            continue
        if opening.type == "heading_open" and not title:
            title = words
        paragraphs.append(words)
    return Extracted(tuple(paragraphs), text, sha, title)


def _inline_text(children: list) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def _html(html: str, sha: str) -> Extracted:
    import logging

    import trafilatura

    # its warnings ("discarding data") say nothing a user can act on
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    found = trafilatura.bare_extraction(
        html, with_metadata=True, favor_recall=True, include_comments=False, include_tables=True
    )
    body = (found.text if found is not None else "") or trafilatura.html2txt(html)
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    title = (found.title or "").strip() if found is not None else ""
    if title and title not in paragraphs[:3]:
        paragraphs.insert(0, title)
    date = (found.date or "") if found is not None else ""
    return Extracted(tuple(paragraphs), html, sha, title, date[:10])


def _docx(path: Path, data: bytes, sha: str) -> Extracted:
    import io
    import zipfile
    import zlib

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    damaged = InputError(
        f"{path} is not a Word .docx file the workbench can open: it may be damaged or an "
        "old .doc renamed. Open it in Word or LibreOffice and save it as .docx."
    )
    # What a damaged file raises on its way through zipfile (cut short, encrypted), lxml and
    # python-docx, which assumes Word's structure and trips over parts Word never writes.
    broken = (
        PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError, XMLSyntaxError,
        KeyError, ValueError, IndexError, AttributeError, TypeError, RuntimeError,
        NotImplementedError,
    )  # fmt: skip
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_package(path, package)
        paragraphs, title = _docx_paragraphs(docx.Document(io.BytesIO(data)))
    except broken:
        raise damaged from None
    return Extracted(tuple(paragraphs), "\n\n".join(paragraphs), sha, title)


def _docx_paragraphs(document) -> tuple[list[str], str]:
    """The paragraphs of a Word document (tables cell by cell) and its title."""
    paragraphs, title = [], ""
    for block in document.iter_inner_content():
        for paragraph in _docx_block_paragraphs(block):
            text = " ".join(paragraph.text.split())
            if not text:
                continue
            style = paragraph.style.name if paragraph.style is not None else ""
            if not title and style in ("Title", "Heading 1"):
                title = text
            paragraphs.append(text)
    return paragraphs, title or (document.core_properties.title or "").strip()


def _check_package(path: Path, package) -> None:
    """Refuse a .docx that would unpack to too much (a zip bomb) or whose XML declares a
    DTD or entities (the way in for XXE and "billion laughs"; Word never writes one)."""
    members = package.infolist()
    unpacked = sum(m.file_size for m in members)  # zipfile never yields more than these
    if len(members) > MAX_PARTS or unpacked > MAX_UNPACKED_MB * MB:
        raise InputError(
            f"{path} would unpack to {unpacked / MB:,.0f} MB in {len(members)} parts, more than "
            f"a report holds ({MAX_UNPACKED_MB} MB): it may be a zip bomb. Refused; open it in "
            "Word or LibreOffice and save it again if you trust it."
        )
    for member in members:
        if member.filename.endswith((".xml", ".rels")) and _declares_dtd(package, member):
            raise InputError(
                f"{path} holds XML that declares a DTD or entities ({member.filename}), which "
                "Word never writes and which can read local files or exhaust memory; refused. "
                "Open it in Word or LibreOffice and save it again."
            )


def _declares_dtd(package, member) -> bool:
    tail = b""
    with package.open(member) as part:
        for block in iter(lambda: part.read(MB), b""):
            if any(marker in tail + block for marker in DTD):
                return True
            tail = block[-32:]
    return False


def _docx_block_paragraphs(block) -> list:
    from docx.table import Table

    if not isinstance(block, Table):
        return [block]
    seen, found = set(), []
    for row in block.rows:
        for cell in row.cells:
            if id(cell._tc) not in seen:  # a merged cell appears once per row it spans
                seen.add(id(cell._tc))
                found.extend(cell.paragraphs)
    return found
