"""Each format is read into paragraphs, with its title and date where it has them."""

import pytest

from workbench.errors import InputError
from workbench.text.ingest import read_document
from workbench.text.readers import read_file, text_paragraphs


def test_text_paragraphs_split_at_blank_lines_and_nbsp_lines():
    assert text_paragraphs("One\nstill one\n\nTwo\n\u00a0\nThree") == [
        "One\nstill one",
        "Two",
        "Three",
    ]


def test_text_without_blank_lines_has_a_paragraph_per_line():
    assert text_paragraphs("Headline\nFirst sentence.\nSecond.") == [
        "Headline",
        "First sentence.",
        "Second.",
    ]


def test_plain_text_headline_becomes_the_title(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(
        "Floods hit Duhok\n\nRain fell all night. Roads were closed.\n", encoding="utf-8"
    )
    document = read_document(path)
    assert document.title == "Floods hit Duhok"
    assert [s.text for s in document.segments] == [
        "Floods hit Duhok",
        "Rain fell all night.",
        "Roads were closed.",
    ]


def test_markdown_markup_is_removed_and_wrapped_lines_joined(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(
        "# Floods hit Duhok\n\n*3 May 2021*\n\nRain fell **all night** in [Duhok](https://example.org)\n"
        "and the roads were closed. Schools shut.\n\n- Aid arrived on Monday.\n",
        encoding="utf-8",
    )
    document = read_document(path)
    assert document.title == "Floods hit Duhok"
    assert document.date == "2021-05-03"
    assert [s.text for s in document.segments] == [
        "Floods hit Duhok",
        "Rain fell all night in Duhok and the roads were closed.",
        "Schools shut.",
        "Aid arrived on Monday.",
    ]


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Floods hit Duhok | Zagros Monitor</title>
<meta property="article:published_time" content="2021-05-03T08:00:00+03:00"></head>
<body><header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/iraq">Iraq</a></li></ul></nav></header>
<main><article><h1>Floods hit Duhok</h1>
<p>Rain fell all night in Duhok province and several roads were closed by the police.</p>
<p>Schools in the city centre will stay shut on Tuesday, the education directorate said.</p>
<p>Read also: Dams near Mosul are at their highest level in ten years</p>
<p>Aid agencies sent tents and blankets to the villages cut off by the water.</p>
</article><aside><h2>Most read</h2><ul>
<li><a href="/a">Oil exports resume</a></li></ul></aside></main>
<footer><p>Download the app</p>
<p>All rights reserved © 2021 Zagros Monitor</p></footer></body></html>"""


def test_html_main_text_title_and_date(tmp_path):
    path = tmp_path / "r.html"
    path.write_text(PAGE, encoding="utf-8")
    document = read_document(path)
    assert document.title == "Floods hit Duhok"
    assert document.date == "2021-05-03"
    assert [s.text for s in document.segments] == [
        "Floods hit Duhok",
        "Rain fell all night in Duhok province and several roads were closed by the police.",
        "Schools in the city centre will stay shut on Tuesday, the education directorate said.",
        "Aid agencies sent tents and blankets to the villages cut off by the water.",
    ]


def test_html_in_windows_1256(tmp_path):
    path = tmp_path / "r.html"
    page = (
        "<html><head><meta charset='windows-1256'><title>فيضانات في دهوك</title></head><body>"
        "<article><h1>فيضانات في دهوك</h1>"
        "<p>هطلت الأمطار طوال الليل في محافظة دهوك وأغلقت الشرطة عدة طرق.</p>"
        "<p>وقالت مديرية التربية إن المدارس ستبقى مغلقة يوم الثلاثاء.</p></article></body></html>"
    )
    path.write_bytes(page.encode("cp1256"))
    document = read_document(path)
    assert document.lang == "ar"
    assert (
        document.segments[1].text == "هطلت الأمطار طوال الليل في محافظة دهوك وأغلقت الشرطة عدة طرق."
    )


def _docx(path, title, paragraphs, table=None):
    import docx

    document = docx.Document()
    document.add_heading(title, level=0)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(path)


def test_docx_paragraphs_title_and_tables(tmp_path):
    path = tmp_path / "r.docx"
    _docx(
        path,
        "Floods hit Duhok",
        ["3 May 2021", "Rain fell all night. Roads were closed.", "   "],
        table=[["Camp", "Families"], ["Khanke", "1,200"]],
    )
    document = read_document(path)
    assert document.title == "Floods hit Duhok"
    assert document.date == "2021-05-03"
    assert [s.text for s in document.segments] == [
        "Floods hit Duhok",
        "Rain fell all night.",
        "Roads were closed.",
        "Camp",
        "Families",
        "Khanke",
        "1,200",
    ]


def test_sorani_docx(tmp_path):
    path = tmp_path / "r.docx"
    _docx(path, "لافاو لە دهۆک", ["باران هەموو شەو بارى. ڕێگاکان داخران."])
    document = read_document(path)
    assert document.lang == "ckb"
    assert [s.text for s in document.segments][1:] == ["باران هەموو شەو بارى.", "ڕێگاکان داخران."]
    assert document.segments[1].normalized == "باران هەموو شەو باری."


def test_damaged_docx_is_a_clear_error(tmp_path):
    path = tmp_path / "r.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"r\.docx is not a Word \.docx file"):
        read_file(path)


@pytest.mark.parametrize(
    ("name", "message"),
    [("r.pdf", "not a format the workbench reads"), ("r.doc", "Save it as .docx first")],
)
def test_unsupported_format_is_a_clear_error(tmp_path, name, message):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match=message):
        read_file(path)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="There is no file"):
        read_file(tmp_path / "nothing.txt")


def test_folder_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        read_file(tmp_path)


def test_sha256_is_of_the_bytes(tmp_path):
    import hashlib

    path = tmp_path / "r.txt"
    path.write_bytes(b"Hello there.")
    assert read_file(path).sha256 == hashlib.sha256(b"Hello there.").hexdigest()
