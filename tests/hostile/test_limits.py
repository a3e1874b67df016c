"""No file can take the machine's memory or time (issue 19, item 10).

Each hostile file is small on disk and made here: a .docx of a few hundred kB that unpacks
to 190 MB of empty paragraphs, 150 MB of text or millions of empty runs; text and Markdown
with more paragraphs or sentences than any report; imports over the size limit or with
millions of units. Through the CLI, the Python API and the UI's uploads alike, each is
refused with a message that names the limit and the setting that raises it, nothing is
stored, and the store passes its check. The limits are settings: raising one lets the file
in. No timed assertions: pytest-timeout guards against one that runs away.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.conftest import ENTRIES, Outcome, assert_sound
from tests.hostile.entries import import_outcome, ingest_outcome
from tests.hostile.make_cases import EN, _docx_parts

pytestmark = pytest.mark.timeout(180)
MB = 1 << 20


@dataclass(frozen=True)
class Bomb:
    filename: str
    build: Callable[[Path], None]
    refused: str  # the limit and its setting, as the message says them
    settings: tuple[tuple[str, str], ...] = ()  # WORKBENCH_* to set first (a lower limit)


def _docx_flood(part: str, filler: bytes, megabytes: int) -> Callable[[Path], None]:
    """A .docx whose `part` holds `megabytes` MB of `filler` (deflated: a few hundred kB)."""

    def build(path: Path) -> None:
        parts = _docx_parts()
        head, tail = _split(parts[part])
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
            for name, data in parts.items():
                if name != part:
                    package.writestr(name, data)
            with package.open(part, "w", force_zip64=True) as out:
                out.write(head)
                block = filler * (MB // len(filler))
                for _ in range(megabytes):
                    out.write(block)
                out.write(tail)

    return build


def _split(xml: bytes) -> tuple[bytes, bytes]:
    for opening in (b"<w:body>", b"<w:styles "):
        if opening in xml:
            at = xml.index(b">", xml.index(opening)) + 1
            return xml[:at], xml[at:]
    raise AssertionError("no body or styles element")


def _text(content: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(content, encoding="utf-8")


def _jsonl_lines(count: int, line: str = '{"texts": {"en": "Yes.", "ar": "نعم."}}') -> Callable:
    return _text((line + "\n") * count)


def _xml_units(fmt: str, count: int) -> Callable[[Path], None]:
    unit = (
        '<tu><tuv xml:lang="en"><seg>Yes.</seg></tuv><tuv xml:lang="ar"><seg>نعم.</seg></tuv></tu>'
        if fmt == "tmx"
        else '<unit id="u"><segment><source>Yes.</source><target>نعم.</target></segment></unit>'
    )
    if fmt == "tmx":
        head = ('<?xml version="1.0"?><tmx version="1.4"><header srclang="en" datatype="x" '
                'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" '
                'creationtoolversion="1"/><body>')  # fmt: skip
        return _text(head + unit * count + "</body></tmx>")
    head = ('<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
            'version="2.0" srcLang="en" trgLang="ar"><file id="f">')  # fmt: skip
    return _text(head + unit * count + "</file></xliff>")


W_P = b"<w:p/>"
REPORTS = {
    "docx-190-mb-of-empty-paragraphs": Bomb(
        "paragraphs.docx", _docx_flood("word/document.xml", W_P, 190),
        r"holds more than 100,000 paragraphs \(max_paragraphs\)"),
    "docx-150-mb-of-text": Bomb(
        "text.docx",
        _docx_flood("word/document.xml",
                    b"<w:p><w:r><w:t>" + b"Water flows. " * 40_000 + b"</w:t></w:r></w:p>", 150),
        r"holds more than 20 MB of text \(max_report_mb\)"),
    "docx-180-mb-of-empty-runs": Bomb(
        "runs.docx", _docx_flood("word/document.xml", b"<w:r/>", 180),
        r"holds more than 2,000,000 XML elements .*\(max_paragraphs\)"),
    "docx-styles-flood": Bomb(
        "styles.docx", _docx_flood("word/styles.xml", b"<w:style/>", 100),
        r"holds more than 2,000,000 XML elements .*\(max_paragraphs\)"),
    "txt-100001-paragraphs": Bomb(
        "paragraphs.txt", _text("Water.\n\n" * 100_001),
        r"holds more than 100,000 paragraphs \(max_paragraphs\)"),
    "md-paragraphs-over-a-lowered-limit": Bomb(
        "paragraphs.md", _text("Water flows.\n\n" * 1_001),
        r"holds more than 1,000 paragraphs \(max_paragraphs\)",
        (("WORKBENCH_MAX_PARAGRAPHS", "1000"),)),
    "txt-sentences-over-a-lowered-limit": Bomb(
        "sentences.txt", _text("Water flows. " * 1_001),
        r"holds more than 1,000 sentences \(max_sentences\)",
        (("WORKBENCH_MAX_SENTENCES", "1000"),)),
    "txt-over-a-lowered-size": Bomb(
        "large.txt", _text((EN + "\n\n") * 12_000),
        r"is 1\.\d MB, more than the 1 MB .*max_report_mb",
        (("WORKBENCH_MAX_REPORT_MB", "1"),)),
}  # fmt: skip
IMPORTS = {
    "jsonl-over-a-lowered-size": Bomb(
        "large.jsonl", _jsonl_lines(40_000), r"is 1\.\d MB, more than the 1 MB .*max_import_mb",
        (("WORKBENCH_MAX_IMPORT_MB", "1"),)),
    "jsonl-200001-units": Bomb(
        "units.jsonl", _jsonl_lines(200_001, '{"texts": {"en": "a", "ar": "b"}}'),
        r"holds more than 200,000 lines \(max_sentences\)"),
    "tsv-200001-units": Bomb(
        "units.tsv", _text("en\tar\n" + "a\tb\n" * 200_001),
        r"holds more than 200,000 lines \(max_sentences\)"),
    "tmx-units-over-a-lowered-limit": Bomb(
        "units.tmx", _xml_units("tmx", 1_500), r"holds more than 1,000 units \(max_sentences\)",
        (("WORKBENCH_MAX_SENTENCES", "1000"),)),
    "xliff-units-over-a-lowered-limit": Bomb(
        "units.xlf", _xml_units("xliff", 1_500),
        r"holds more than 1,000 units \(max_sentences\)",
        (("WORKBENCH_MAX_SENTENCES", "1000"),)),
    "tmx-empty-element-flood": Bomb(
        "flood.tmx",
        _text('<?xml version="1.0"?><tmx version="1.4"><body>' + "<x/>" * 4_000_100
              + "</body></tmx>"),
        r"holds more than 4,000,000 XML tags \(20 per unit it may hold, max_sentences\)"),
}  # fmt: skip


def _file(bomb: Bomb, folder: Path) -> Path:
    path = folder / bomb.filename
    bomb.build(path)
    return path


def _set(settings: tuple[tuple[str, str], ...], monkeypatch, ctx) -> None:
    """Lower a limit for the CLI, the Python API and the served UI (its settings reread)."""
    from workbench.config import load_settings

    for key, value in settings:
        monkeypatch.setenv(key, value)
    ctx.settings = load_settings()


def _refused(outcome: Outcome, bomb: Bomb, db, cli, home, folder) -> None:
    from workbench.store import reports

    assert not outcome.stored, "stored, but it should have been refused"
    assert re.search(bomb.refused, outcome.message), outcome.message
    setting = re.search(r"max_[a-z_]+", bomb.refused)[0]
    assert f"raise {setting} in workbench.toml (or WORKBENCH_{setting.upper()})" in (
        outcome.message
    )
    assert reports.list_reports(db) == []
    assert_sound(cli, home, folder)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Each bomb built once (the .docx ones take a moment to deflate)."""
    folder = tmp_path_factory.mktemp("bombs")
    files = {}
    for name, bomb in {**REPORTS, **IMPORTS}.items():
        (folder / name).mkdir()
        files[name] = _file(bomb, folder / name)
    return files


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("name", sorted({**REPORTS, **IMPORTS}))
def test_a_file_beyond_the_limits_is_refused(name, entry, made, cli, db, ctx, home, tmp_path,
                                             monkeypatch):  # fmt: skip
    """Report files are ingested, the others imported."""
    bomb = REPORTS.get(name) or IMPORTS[name]
    _set(bomb.settings, monkeypatch, ctx)
    store = ingest_outcome if name in REPORTS else import_outcome
    _refused(store(entry, made[name], "bomb", cli, db, ctx), bomb, db, cli, home, tmp_path)


@pytest.mark.parametrize(
    ("name", "raised"),
    [
        ("jsonl-over-a-lowered-size", ("WORKBENCH_MAX_IMPORT_MB", "2")),
        ("tmx-units-over-a-lowered-limit", ("WORKBENCH_MAX_SENTENCES", "2000")),
    ],
)
def test_raising_the_limit_lets_the_file_in(name, raised, made, cli, monkeypatch):
    monkeypatch.setenv(*IMPORTS[name].settings[0])
    assert cli("import", str(made[name]), "--report", "trusted").code == 2
    monkeypatch.setenv(*raised)
    result = cli("import", str(made[name]), "--report", "trusted")
    assert result.code == 0 and "Imported" in result.out, result.err


def test_the_limits_are_settings_with_their_defaults(tmp_path, monkeypatch):
    from workbench.config import load_settings
    from workbench.errors import ConfigError
    from workbench.userfiles import Limits

    monkeypatch.chdir(tmp_path)
    defaults = Limits.of(load_settings(environ={"WORKBENCH_HOME": str(tmp_path)}))
    assert defaults == Limits(report_mb=20, import_mb=100, unpacked_mb=200,
                              paragraphs=100_000, sentences=200_000)  # fmt: skip
    (tmp_path / "workbench.toml").write_text("max_paragraphs = 500\n", encoding="utf-8")
    assert Limits.of(load_settings(environ={"WORKBENCH_HOME": str(tmp_path)})).paragraphs == 500
    with pytest.raises(ConfigError, match="'max_sentences' is 0; a limit must be at least 1"):
        load_settings(environ={"WORKBENCH_HOME": str(tmp_path), "WORKBENCH_MAX_SENTENCES": "0"})


def test_a_dictd_dictionary_that_unpacks_past_the_limit_is_refused(tmp_path, monkeypatch):
    """A .dict.dz is gzip: 200 kB of it can unpack to 200 MB; it is read up to the limit."""
    import gzip

    from workbench.align.lexicon import read_dictd
    from workbench.errors import InputError

    monkeypatch.setenv("WORKBENCH_MAX_IMPORT_MB", "2")
    (tmp_path / "en-ar.index").write_text("water\tA\tF\n", encoding="utf-8")
    with gzip.open(tmp_path / "en-ar.dict.dz", "wb") as packed:
        for _ in range(200):
            packed.write(bytes(MB))
    with pytest.raises(InputError, match=r"unpacks to more than 2 MB \(max_import_mb\)"):
        read_dictd(tmp_path / "en-ar.index")
