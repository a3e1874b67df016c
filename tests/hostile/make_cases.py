"""The hostile inputs: each one a file built on demand, with what must become of it.

A case is either stored (and `check` says what must hold of the report's stored documents,
segments loaded, by language) or refused with a clear error matching `refused` (a regular
expression) — never a traceback, a hang or a half-stored report. Large files (50 MB, a
.docx that unpacks to 1 GB) are made here at test time, never committed.

    python tests/hostile/make_cases.py OUT     # writes every case's file into OUT
"""

from __future__ import annotations

import codecs
import io
import os
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

EN_SENTENCES = (
    "The water station in Erbil reopened on 3 March 2024.",
    "Around 12,000 families now have clean water.",
)
EN = " ".join(EN_SENTENCES)
AR = "أعيد افتتاح محطة المياه في أربيل. تحصل نحو 12,000 عائلة الآن على مياه نظيفة."
CKB = "وێستگەی ئاوی هەولێر دووبارە کرایەوە. نزیکەی ١٢٬٠٠٠ خێزان ئێستا ئاوی پاکیان هەیە."
SECRET = "TOP-SECRET-MARKER-91c2"  # the content of files a hostile input points at
PAYLOADS = (
    "<script>window.__pwned=1;alert('script')</script>",
    "<img src=x onerror=\"window.__pwned=1;alert('img')\">",
    "<a href=\"javascript:window.__pwned=1;alert('link')\">click</a>",
    '<svg onload="window.__pwned=1"></svg>',
    '"\'><iframe src="javascript:parent.__pwned=1"></iframe>',
)
HOSTILE_TEXT = " ".join(PAYLOADS)
FIFTY_MB = 50_000_000


@dataclass(frozen=True)
class Case:
    """One hostile file: how to make it, and what the workbench must do with it."""

    id: str
    filename: str
    build: Callable[[Path], None]
    refused: str = ""  # regex of the error; empty: the file is stored
    check: Callable[[dict], None] | None = None  # on {lang: stored Document}
    lang: str = "auto"

    @property
    def stored(self) -> bool:
        return not self.refused


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _text(text: str, encoding: str = "utf-8", bom: bytes = b"") -> Callable[[Path], None]:
    return lambda path: path.write_bytes(bom + text.encode(encoding))


# --- binary and encodings -------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06" + bytes(
    range(256)
)
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(range(256))


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("report.txt", EN)
    return buffer.getvalue()


def _segments(doc) -> list[str]:
    return [s.text for s in doc.segments]


def _only(docs: dict, lang: str):
    assert list(docs) == [lang], f"stored as {list(docs)}, not {lang}"
    return docs[lang]


def _is(lang: str, *texts: str) -> Callable[[dict], None]:
    def check(docs: dict) -> None:
        doc = _only(docs, lang)
        if texts:
            assert _segments(doc) == list(texts), _segments(doc)

    return check


def _holds(lang: str, text: str) -> Callable[[dict], None]:
    def check(docs: dict) -> None:
        assert text in " ".join(_segments(docs[lang])), _segments(docs[lang])[:3]

    return check


def _both(*checks: Callable[[dict], None]) -> Callable[[dict], None]:
    def check(docs: dict) -> None:
        for one in checks:
            one(docs)

    return check


# --- sizes ----------------------------------------------------------------------------------


def _fifty_mb(path: Path) -> None:
    line = (EN + "\n\n").encode()
    with open(path, "wb") as fh:
        for _ in range(FIFTY_MB // len(line) + 1):
            fh.write(line)


def _check_long_line(docs: dict) -> None:
    (segment,) = _only(docs, "en").segments
    assert len(segment.text) == len(("word " * 210_000).strip())


def _check_long_sentence(docs: dict) -> None:
    assert [len(s.text) for s in _only(docs, "en").segments] == [10_001, len("Then it ended.")]


# --- invisible and unusual characters --------------------------------------------------------

BIDI = "\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def _check_controls_kept_but_not_normalized(controls: str) -> Callable[[dict], None]:
    def check(docs: dict) -> None:
        doc = _only(docs, "en")
        assert any(c in doc.segments[0].text for c in controls)  # the original is kept
        assert not any(c in s.normalized for s in doc.segments for c in controls if c != "\u200c")

    return check


PRESENTATION = "ﺃﻋﻴﺪ ﺍﻓﺘﺘﺎﺡ ﻣﺤﻄﺔ ﺍﻟﻤﻴﺎﻩ ﻓﻲ ﺃﺭﺑﻴﻞ. ﺗﺤﺼﻞ ﻧﺤﻮ 12,000 ﻋﺎﺋﻠﺔ ﻋﻠﻰ ﻣﻴﺎﻩ ﻧﻈﻴﻔﺔ."


def _check_presentation(docs: dict) -> None:
    assert _only(docs, "ar").segments[0].normalized == "أعيد افتتاح محطة المياه في أربيل."


def _check_combining(docs: dict) -> None:
    assert "\u064e" * 5000 in _only(docs, "ar").segments[0].text


EMOJI = "🔥💧 👨‍👩‍👧‍👦 🇮🇶 " + EN


def _check_emoji(docs: dict) -> None:
    assert _only(docs, "en").segments[0].text.startswith("🔥💧 👨‍👩‍👧‍👦 🇮🇶")


# --- markup -----------------------------------------------------------------------------------

HTML = (
    "<html><head><title>Water report</title><script>window.__pwned=1</script></head><body>"
    f'<article><h1>Water report</h1><p>{EN} <img src=x onerror="window.__pwned=1"> '
    '<a href="javascript:window.__pwned=1">read more</a></p>'
    "<p>Engineers from Duhok worked for six weeks on the pumps and pipes.</p>"
    "<script>document.title='pwned'</script></article></body></html>"
)


def _check_html(docs: dict) -> None:
    text = " ".join(_segments(_only(docs, "en")))
    assert "Erbil reopened" in text
    assert "window.__pwned" not in text and "document.title" not in text  # scripts are not text


MARKDOWN = (
    "# Water report\n\n"
    f"{EN} [read more](javascript:window.__pwned=1) <script>window.__pwned=1</script>\n"
)


def _check_markdown(docs: dict) -> None:
    text = " ".join(_segments(_only(docs, "en")))
    assert "read more" in text and "<script>" not in text  # raw HTML is not text


def _deep_html(path: Path) -> None:
    path.write_text("<html><body>" + "<div>" * 100_000 + EN + "</div>" * 100_000 + "</body></html>")


# --- Word -------------------------------------------------------------------------------------


def _docx_parts(paragraph: str = EN) -> dict[str, bytes]:
    import docx

    document = docx.Document()
    document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name) for name in package.namelist()}


def _write_docx(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


def _docx(path: Path) -> None:
    _write_docx(path, _docx_parts())


def _docx_with_doctype(doctype: str, reference: str) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        parts = _docx_parts("The station reopened MARK. Families have clean water.")
        head, rest = parts["word/document.xml"].decode().split("?>", 1)
        xml = f"{head}?>\n{doctype}{rest.replace('MARK', reference)}"
        _write_docx(path, {**parts, "word/document.xml": xml.encode()})

    return build


def _secret_url() -> str:
    return "file:///etc/passwd"


XXE_DOCTYPE = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{_secret_url()}">]>'
LAUGHS = "".join(
    ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
)


def _docx_bomb(path: Path) -> None:
    """A .docx whose document.xml unpacks to 1 GB of spaces (about 1 MB on disk)."""
    parts = _docx_parts()
    head, body = parts["word/document.xml"].split(b"<w:body>", 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for name, data in parts.items():
            if name != "word/document.xml":
                package.writestr(name, data)
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head + b"<w:body>")
            block = b" " * (1 << 20)
            for _ in range(1024):
                part.write(block)
            part.write(body)


def _docx_part_replaced(part: str, old: bytes, new: bytes) -> Callable[[Path], None]:
    """A .docx with one XML part changed (shapes bench/fuzz_ingest.py found)."""

    def build(path: Path) -> None:
        parts = _docx_parts()
        head = parts[part][:200]
        assert old in parts[part], (old, head)
        _write_docx(path, {**parts, part: parts[part].replace(old, new)})

    return build


def _truncated_docx(path: Path) -> None:
    _docx(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


# --- things that are not files ----------------------------------------------------------------


def _symlink_to_system_file(path: Path) -> None:
    path.symlink_to("/etc/passwd")


def _symlink_to_device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text(EN)


REPORT_CASES: tuple[Case, ...] = (
    Case("empty", "empty.txt", _bytes(b""), r"empty\.txt holds no text"),
    Case("whitespace-only", "blank.txt", _text(" \n\t\r\n \u00a0\u2003\n\n"),
         r"blank\.txt holds no text"),
    Case("png-named-txt", "photo.txt", _bytes(PNG), r"photo\.txt is not a text file.*NUL bytes"),
    Case("png", "photo.png", _bytes(PNG), r"photo\.png is not a (format|report file) the"),
    Case("elf-binary", "program.txt", _bytes(ELF), r"program\.txt is not a text file"),
    Case("zip-named-txt", "archive.txt", _bytes(_zip_bytes()), r"archive\.txt is not a text file"),
    Case("zip", "archive.zip", _bytes(_zip_bytes()), r"archive\.zip is not a (format|report file)"),
    Case("nul-bytes", "nul.txt", _bytes(EN.encode() + b"\x00" + EN.encode()),
         r"nul\.txt is not a text file.*NUL bytes \(the first at byte 97"),
    Case("invalid-utf8", "broken.txt", _bytes(AR.encode() + b"\xff\xfe" + AR.encode()),
         rf"broken\.txt is UTF-8 text except for bytes that are not \(the first at byte "
         rf"{len(AR.encode())}, line 1\)"),
    Case("windows-1256", "cp1256.txt", _text(AR, "cp1256"),
         check=_is("ar", "أعيد افتتاح محطة المياه في أربيل.",
                   "تحصل نحو 12,000 عائلة الآن على مياه نظيفة.")),
    Case("windows-1252", "cp1252.txt", _text("\u201cCaf\u00e9 reopened\u201d. " + EN, "cp1252"),
         check=_both(_is("en"), _holds("en", "\u201cCaf\u00e9 reopened\u201d."))),
    Case("utf16-le-bom", "utf16le-bom.txt", _text(AR, "utf-16-le", codecs.BOM_UTF16_LE),
         check=_is("ar", "أعيد افتتاح محطة المياه في أربيل.",
                   "تحصل نحو 12,000 عائلة الآن على مياه نظيفة.")),
    Case("utf16-be-bom", "utf16be-bom.txt", _text(EN, "utf-16-be", codecs.BOM_UTF16_BE),
         check=_is("en", *EN_SENTENCES)),
    Case("utf16-le", "utf16le.txt", _text(EN, "utf-16-le"), check=_is("en")),
    Case("utf16-be", "utf16be.txt", _text(CKB, "utf-16-be"), check=_is("ckb")),
    Case("mixed-line-endings", "endings.txt",
         _text("Water report\r\n\r\nThe station reopened.\nIt has pumps.\r\rFamilies have "
               "water.\r\n\n\rEngineers worked.\u2028"),
         check=_is("en", "Water report", "The station reopened.", "It has pumps.",
                   "Families have water.", "Engineers worked.")),
    Case("50-mb-text", "huge.txt", _fifty_mb, r"huge\.txt is 4\d\.\d MB, more than the 20 MB"),
    Case("1-mb-single-line", "one-line.txt", _text(("word " * 210_000).strip()),
         check=_check_long_line),
    Case("10000-character-sentence", "long-sentence.txt",
         _text("A" + "a" * 9_999 + ". Then it ended."), check=_check_long_sentence),
    Case("bidi-controls", "bidi.txt", _text(f"{BIDI}Evil name{BIDI}. " + EN),
         check=_check_controls_kept_but_not_normalized(BIDI)),
    Case("zero-width", "zero-width.txt", _text(f"Wa{ZERO_WIDTH}ter report. " + EN),
         check=_check_controls_kept_but_not_normalized(ZERO_WIDTH)),
    Case("arabic-presentation-forms", "presentation.txt", _text(PRESENTATION),
         check=_check_presentation),
    Case("combining-mark-flood", "marks.txt", _text("بَ" + "\u064e" * 50_000 + " " + AR),
         check=_check_combining),
    Case("emoji", "emoji.txt", _text(EMOJI), check=_check_emoji),
    Case("html-with-scripts", "scripts.html", _text(HTML), check=_check_html),
    Case("scripts-as-plain-text", "scripts.txt", _text(f"{HOSTILE_TEXT} {EN}"),
         check=_holds("en", HOSTILE_TEXT)),
    Case("markdown-with-scripts", "scripts.md", _text(MARKDOWN), check=_check_markdown),
    Case("deeply-nested-html", "deep.html", _deep_html,
         r"deep\.html(: Cannot tell the language| holds no text)"),
    Case("docx-zip-bomb", "bomb.docx", _docx_bomb,
         r"bomb\.docx would unpack to 1,025 MB .*zip bomb"),
    Case("docx-xxe", "xxe.docx", _docx_with_doctype(XXE_DOCTYPE, "&xxe;"),
         r"xxe\.docx holds XML that declares a DTD or entities"),
    Case("docx-billion-laughs", "laughs.docx",
         _docx_with_doctype(f"<!DOCTYPE w:document [{LAUGHS}]>", "&lol9;"),
         r"laughs\.docx holds XML that declares a DTD or entities"),
    Case("docx-that-is-text", "renamed.docx", _text(EN), r"renamed\.docx is not a Word \.docx"),
    Case("docx-cut-short", "cut.docx", _truncated_docx, r"cut\.docx is not a Word \.docx"),
    Case("valid-docx", "report.docx", _docx, check=_is("en", *EN_SENTENCES)),
    Case("docx-without-body", "bodiless.docx",
         _docx_part_replaced("word/document.xml", b"w:body>", b"w:bodx>"),
         r"bodiless\.docx is not a Word \.docx"),
    Case("docx-broken-relationships", "rels.docx",
         _docx_part_replaced("_rels/.rels", b"<Relationships", b"<Relations"),
         r"rels\.docx is not a Word \.docx"),
    Case("symlink-to-system-file", "passwd.txt", _symlink_to_system_file,
         r"passwd\.txt is a symbolic link"),
    Case("symlink-to-device", "zero.txt", _symlink_to_device, r"zero\.txt is a symbolic link"),
    Case("named-pipe", "pipe.txt", _fifo, r"pipe\.txt is not a regular file"),
    Case("folder-named-txt", "folder.txt", _folder, r"folder\.txt('? is a directory| is a folder)"),
    Case("mixed-languages", "mixed.txt", _text(f"{EN}\n\n{AR}\n\n{EN}\n\n{AR}"),
         r"mixed\.txt mixes languages"),
    Case("shell-metacharacters-in-file-name", "$(touch pwned);`id`&x.txt", _text(EN),
         check=_is("en")),
    Case("unknown-language-code", "en.txt", _text(EN), r"('fr'|fr).*(en|ar|ckb|kmr)",
         lang="fr"),
)  # fmt: skip


# --- parallel files (TMX, XLIFF, TSV, JSONL) --------------------------------------------------


def _tmx(doctype: str = "", text: str = "The station reopened.", encoding: str = "utf-8") -> str:
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>'
    return (
        f'{declaration}\n{doctype}\n<tmx version="1.4"><header srclang="en" datatype="plaintext" '
        'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>'
        f'<body><tu><tuv xml:lang="en"><seg>{text}</seg></tuv><tuv xml:lang="ar"><seg>'
        "أعيد افتتاح المحطة.</seg></tuv></tu></body></tmx>"
    )


def _xliff(doctype: str = "", text: str = "The station reopened.") -> str:
    return (
        f'<?xml version="1.0"?>\n{doctype}\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
        'version="2.0" srcLang="en" trgLang="ar"><file id="f"><unit id="u"><segment>'
        f"<source>{text}</source><target>أعيد افتتاح المحطة.</target></segment></unit></file>"
        "</xliff>"
    )


PARALLEL_CASES: tuple[Case, ...] = (
    Case("tmx-xxe", "xxe.tmx",
         _text(_tmx('<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;")),
         r"xxe\.tmx declares XML entities"),
    Case("tmx-billion-laughs", "laughs.tmx", _text(_tmx(f"<!DOCTYPE tmx [{LAUGHS}]>", "&lol9;")),
         r"laughs\.tmx declares XML entities"),
    Case("xliff-xxe", "xxe.xlf",
         _text(_xliff('<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;")),
         r"xxe\.xlf declares XML entities"),
    Case("xliff-billion-laughs", "laughs.xlf",
         _text(_xliff(f"<!DOCTYPE xliff [{LAUGHS}]>", "&lol9;")),
         r"laughs\.xlf declares XML entities"),
    Case("xliff-remote-dtd", "remote-dtd.xlf",
         _text(_xliff('<!DOCTYPE xliff SYSTEM "http://dtd.example.org/xliff.dtd">')),
         check=_holds("en", "The station reopened.")),
    Case("tmx-utf16", "utf16.tmx", _text(_tmx(encoding="utf-16"), "utf-16"),
         check=_holds("en", "The station reopened.")),
    Case("tmx-with-scripts", "scripts.tmx",
         _text(_tmx(text=HOSTILE_TEXT.replace("&", "&amp;").replace("<", "&lt;"))),
         check=_holds("en", HOSTILE_TEXT)),
    Case("binary-named-tmx", "photo.tmx", _bytes(PNG), r"photo\.tmx is not well-formed XML"),
    Case("tmx-unknown-encoding", "encoding.tmx", _text(_tmx(encoding="UTD-8")),
         r"encoding\.tmx declares an XML encoding that does not exist"),
    Case("empty-tsv", "empty.tsv", _bytes(b""), r"empty\.tsv is empty"),
    Case("tsv-1-mb-cell", "wide.tsv", _text("en\tar\n" + "word " * 210_000 + "\tكلمة\n"),
         check=_both(_holds("en", "word " * 1000), _holds("ar", "كلمة"))),
    Case("jsonl-deep-nesting", "deep.jsonl", _text('{"texts": ' + "[" * 100_000 + "]" * 100_000
                                                     + "}\n"),
         r"deep\.jsonl, line 1 is nested too deeply|deep\.jsonl, line 1 must be an object"),
    Case("jsonl-wrong-types", "types.jsonl", _text('{"texts": {"en": 5, "ar": ["x"]}}\n'),
         r'types\.jsonl, line 1: "texts\.en" must be a text'),
    Case("jsonl-not-json", "garbage.jsonl", _bytes(ELF), r"garbage\.jsonl"),
    Case("symlink-tmx", "link.tmx", _symlink_to_system_file, r"link\.tmx is a symbolic link"),
    Case("pipe-tsv", "pipe.tsv", _fifo, r"pipe\.tsv is not a regular file"),
)  # fmt: skip


def build(case: Case, folder: Path) -> Path:
    """Make the case's file in `folder` (once); returns its path."""
    path = folder / case.id / case.filename
    if not path.parent.exists():
        path.parent.mkdir(parents=True)
        case.build(path)
    return path


def main(out: str) -> None:
    folder = Path(out)
    for case in (*REPORT_CASES, *PARALLEL_CASES):
        print(build(case, folder))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hostile-cases")
