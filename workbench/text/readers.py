"""Reading a report file (.txt, .md, .html, .docx; test.en, corpus.ar as plain text) into
paragraphs, with its title and date.

Each format is read by a well-kept library: markdown-it-py for Markdown, trafilatura for the
main text of a web page, python-docx for Word; plain text is split at blank lines. Nothing
here knows about languages: furniture, dates in text and segmentation come later.

Files may be hostile: they are read through `workbench.userfiles` (no links, pipes or
devices; at most `max_report_mb`), a .docx is checked before python-docx unpacks it (see
`_check_package`: the sizes its zip declares, then its XML streamed and counted), and no file
yields more paragraphs than `max_paragraphs`. Every paragraph of text is kept: Markdown code
blocks and raw-HTML blocks are text too, and a Markdown file nested deeper than markdown-it
follows is read with its nesting flattened rather than cut short.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import InputError
from workbench.text.encoding import decode
from workbench.text.languages import LANGUAGES
from workbench.userfiles import MB, Limits, raise_hint, read_input

# Moses/OPUS-style files named by their language (test.en, corpus.ar) are plain text.
LANGUAGE_SUFFIXES = tuple(f".{code}" for code in LANGUAGES)
TEXT = (".txt", ".text", *LANGUAGE_SUFFIXES)
MARKDOWN = (".md", ".markdown")
HTML = (".html", ".htm", ".xhtml")
WORD = (".docx",)
SUPPORTED = (*TEXT, *MARKDOWN, *HTML, *WORD)
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")  # NBSP-only lines are blank too
LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029]")
MAX_PARTS = 5000
ELEMENTS_PER_PARAGRAPH = 20  # a Word paragraph is a few runs of a few elements each
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
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


def read_file(path: Path | str, limits: Limits | None = None) -> Extracted:
    """Read one report file; a clear InputError for a missing, unsupported or unreadable one,
    or one that holds more than `limits` allow (default: the settings' limits)."""
    path = Path(path)
    limits = limits or Limits.of()
    data = _bytes(path, limits)
    suffix = path.suffix.lower()
    sha = hashlib.sha256(data).hexdigest()
    if suffix in WORD:
        extracted = _docx(path, data, sha, limits)
    else:
        text = LINE_BREAKS.sub("\n", decode(data, str(path))).lstrip("\ufeff")
        if suffix in HTML:
            extracted = _html(text, sha)
        elif suffix in MARKDOWN:
            extracted = _markdown(text, sha)
        else:
            extracted = Extracted(tuple(text_paragraphs(text)), text, sha)
    _check_paragraphs(path, len(extracted.paragraphs), limits)
    return extracted


def read_text(text: str) -> Extracted:
    """Plain text given directly (stdin, a paste in the UI) as if it were a .txt file."""
    text = LINE_BREAKS.sub("\n", text)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Extracted(tuple(text_paragraphs(text)), text, sha)


def text_paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; a text without any blank line has one per line."""
    blocks = BLANK_LINE.split(text) if BLANK_LINE.search(text) else text.split("\n")
    return [block.strip("\n") for block in blocks if block.strip()]


def _check_paragraphs(path: Path, count: int, limits: Limits) -> None:
    if count > limits.paragraphs:
        raise InputError(
            f"{path} holds more than {limits.paragraphs:,} paragraphs (max_paragraphs), more "
            "than a report has: it may be several reports, or made to exhaust the machine. "
            f"Refused; split it, or {raise_hint('max_paragraphs')}."
        )


def _bytes(path: Path, limits: Limits) -> bytes:
    if path.is_dir():
        raise InputError(f"{path} is a folder: pass the report files in it (e.g. {path}/*.txt).")
    if path.suffix.lower() not in SUPPORTED:
        hint = " Save it as .docx first." if path.suffix.lower() in (".doc", ".rtf", ".odt") else ""
        raise InputError(
            f"{path} is not a format the workbench reads ({', '.join(SUPPORTED)}).{hint}"
        )
    return read_input(path, limit_mb=limits.report_mb, setting="max_report_mb")


def _markdown(text: str, sha: str) -> Extracted:
    paragraphs, title = [], ""
    tokens = _markdown_tokens(text)
    for n, token in enumerate(tokens):
        if token.type in ("code_block", "fence", "html_block"):  # text as well
            paragraphs.extend(_block_text(token))
            continue
        if token.type not in ("paragraph_open", "heading_open") or n + 1 == len(tokens):
            continue
        words = _inline_text(tokens[n + 1].children or [])
        if not words:
            continue
        if token.type == "heading_open" and not title:
            title = words
        paragraphs.append(words)
    return Extracted(tuple(paragraphs), text, sha, title)


def _markdown_tokens(text: str) -> list:
    """markdown-it's tokens; past its nesting limit (20 lists or quotes deep) it drops the
    rest of the block, so a text nested that deep is parsed again with its nesting flattened
    (each list item and quoted line a paragraph of its own): its words are all kept."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt().parse(text)
    if not _uncovered_text(tokens, text):
        return tokens
    return MarkdownIt().parse(NESTING.sub(lambda m: "\n" if m[0].strip() else "", text))


NESTING = re.compile(r"^[ \t>]*(?:(?:[*+-]|\d{1,9}[.)])(?:[ \t]+|$)[ \t>]*)*", re.MULTILINE)
LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:")


def _uncovered_text(tokens: list, text: str) -> bool:
    """Whether a line holding words is in none of the leaf blocks markdown-it made."""
    covered: set[int] = set()
    for token in tokens:
        if token.map and (token.nesting == 0 or token.type in ("paragraph_open", "heading_open")):
            covered.update(range(*token.map))
    return any(
        n not in covered and not LINK_DEFINITION.match(line)
        for n, line in enumerate(text.split("\n"))
        if re.search(r"\w", line)
    )


def _block_text(token) -> list[str]:
    """The paragraphs of a code block (as plain text) or a raw-HTML block (its text only:
    no tags, scripts or styles)."""
    content = token.content
    if token.type == "html_block":
        from lxml import etree, html

        try:
            root = html.fragment_fromstring(content, create_parent="div")
        except (etree.ParserError, ValueError):
            return []
        etree.strip_elements(root, "script", "style", "template", etree.Comment, with_tail=False)
        content = "".join(root.itertext())
    return [" ".join(p.split()) for p in text_paragraphs(content) if p.strip()]


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


def _docx(path: Path, data: bytes, sha: str, limits: Limits) -> Extracted:
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
            _check_package(path, package, limits)
            _count_xml(path, package, limits)
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


def _check_package(path: Path, package, limits: Limits) -> None:
    """Refuse a .docx that would unpack to too much (a zip bomb) or whose XML declares a
    DTD or entities (the way in for XXE and "billion laughs"; Word never writes one)."""
    members = package.infolist()
    unpacked = sum(m.file_size for m in members)  # zipfile never yields more than these
    if len(members) > MAX_PARTS or unpacked > limits.unpacked_mb * MB:
        raise InputError(
            f"{path} would unpack to {unpacked / MB:,.0f} MB in {len(members)} parts, more than "
            f"a report holds ({limits.unpacked_mb} MB, max_unpacked_mb): it may be a zip bomb. "
            f"Refused; open it in Word or LibreOffice and save it again, or "
            f"{raise_hint('max_unpacked_mb')}."
        )
    for member in members:
        if member.filename.endswith((".xml", ".rels")) and _declares_dtd(package, member):
            raise InputError(
                f"{path} holds XML that declares a DTD or entities ({member.filename}), which "
                "Word never writes and which can read local files or exhaust memory; refused. "
                "Open it in Word or LibreOffice and save it again."
            )


def _count_xml(path: Path, package, limits: Limits) -> None:
    """Stream every XML part through a parser that only counts elements, paragraphs and
    characters of text, and stop at the first limit passed, so python-docx only ever builds
    trees of a bounded size (a few kB of zip can unpack to millions of empty paragraphs, or
    to 100 MB of text)."""
    from lxml import etree

    counter = _XmlCounter(ELEMENTS_PER_PARAGRAPH * limits.paragraphs, limits)
    for member in package.infolist():
        if not member.filename.endswith((".xml", ".rels")):
            continue
        parser = etree.XMLParser(
            target=counter, resolve_entities=False, no_network=True, load_dtd=False
        )
        try:
            with package.open(member) as part:
                for block in iter(lambda: part.read(MB), b""):  # noqa: B023 (used at once)
                    parser.feed(block)
            parser.close()
        except _Enough:
            raise _docx_too_big(path, counter.passed, counter.most[counter.passed]) from None


class _XmlCounter:
    """An lxml parser target: counts as the parser goes and stops it at the first limit."""

    def __init__(self, elements: int, limits: Limits):
        self.most = {"elements": elements, "paragraphs": limits.paragraphs,
                     "text": limits.report_mb * MB}  # fmt: skip
        self.seen = dict.fromkeys(self.most, 0)
        self.passed = ""
        self.in_text = False

    def start(self, tag: str, attrib: dict) -> None:
        self._count("elements", 1)
        if tag == W + "p":
            self._count("paragraphs", 1)
        self.in_text = tag == W + "t"

    def end(self, tag: str) -> None:
        self.in_text = False

    def data(self, text: str) -> None:
        if self.in_text:
            self._count("text", len(text))

    def close(self) -> None:
        return None

    def _count(self, what: str, amount: int) -> None:
        self.seen[what] += amount
        if self.seen[what] > self.most[what]:
            self.passed = what
            raise _Enough(what)


class _Enough(Exception):
    """Raised inside the parser to stop it; `_count_xml` turns it into the user's error."""


def _docx_too_big(path: Path, what: str, most: int) -> InputError:
    setting, amount = {
        "elements": ("max_paragraphs", f"{most:,} XML elements ({ELEMENTS_PER_PARAGRAPH} per "
                                        "paragraph the report may have)"),
        "paragraphs": ("max_paragraphs", f"{most:,} paragraphs"),
        "text": ("max_report_mb", f"{most // MB} MB of text"),
    }[what]  # fmt: skip
    return InputError(
        f"{path} holds more than {amount} ({setting}), more than a report has: it may be "
        f"several reports, or made to exhaust the machine. Refused; split it, or "
        f"{raise_hint(setting)}."
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
