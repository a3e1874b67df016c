import io
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.translate.documents import file_layout, input_files, output_path, translate_text
from workbench.translate.fake import FakeTranslator


def test_paragraphs_and_blank_lines_stay_where_they_were():
    text = "\nFirst one. Second one.\n\n\nThird one!\n  \nFourth.\n"
    out = translate_text(text, "en", FakeTranslator("en", "ar"))
    assert out == "\n[ar] First one. [ar] Second one.\n\n\n[ar] Third one!\n  \n[ar] Fourth.\n"


def test_all_sentences_go_to_the_translator_in_one_stream():
    fake = FakeTranslator("en", "ar")
    translate_text("One. Two.\n\nThree.", "en", fake)
    assert fake.calls == [["One.", "Two.", "Three."]]


def test_progress_is_reported_per_sentence():
    seen = []
    translate_text("One. Two.\n\nThree.", "en", FakeTranslator("en", "ar"), seen.append)
    assert sum(seen) == 3


def test_arabic_text_is_segmented_as_arabic():
    out = translate_text("الجملة الأولى. الجملة الثانية؟", "ar", FakeTranslator("ar", "en"))
    assert out == "[en] الجملة الأولى. [en] الجملة الثانية؟"


def test_a_folder_yields_its_report_files_in_order(tmp_path):
    for name in ("b.txt", "a.md", "sub/c.txt", "image.png"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in input_files(tmp_path)] == [
        "a.md",
        "b.txt",
        "sub/c.txt",
    ]


def test_a_folder_without_report_files_is_an_error(tmp_path):
    with pytest.raises(InputError, match="holds no report files"):
        input_files(tmp_path)


def test_translations_of_a_folder_mirror_it_with_the_language_in_the_name():
    root, out = Path("/in"), Path("/out")
    assert output_path(Path("/in/sub/r.md"), root, out, "ar", ".txt") == Path("/out/sub/r.ar.txt")


def test_one_file_goes_to_the_named_output_or_into_the_named_folder(tmp_path):
    source = Path("/in/r.docx")
    assert output_path(source, source, tmp_path / "x.txt", "ar", ".txt") == tmp_path / "x.txt"
    assert output_path(source, source, tmp_path, "ar", ".txt") == tmp_path / "r.ar.txt"


def test_a_text_without_blank_lines_is_translated_line_by_line():
    out = translate_text("One. Two.\nThree.\n", "en", FakeTranslator("en", "ar"))
    assert out == "[ar] One. [ar] Two.\n[ar] Three.\n"


def test_a_word_file_comes_out_as_a_word_file(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("The first paragraph. It has two sentences.")
    document.add_paragraph("The second paragraph.")
    document.save(tmp_path / "r.docx")
    layout = file_layout(tmp_path / "r.docx", "en")
    assert layout.sentences == (
        "The first paragraph.",
        "It has two sentences.",
        "The second paragraph.",
    )
    rebuilt = docx.Document(io.BytesIO(layout.rebuild(["A.", "B.", "C."], "kmr")))
    assert [p.text for p in rebuilt.paragraphs] == ["A. B.", "C."]
    assert layout.suffix == ".docx"


def test_a_plain_file_in_another_encoding_is_read(tmp_path):
    (tmp_path / "r.txt").write_bytes("تقرير قصير.\n".encode("cp1256"))
    assert file_layout(tmp_path / "r.txt", "ar").sentences == ("تقرير قصير.",)
