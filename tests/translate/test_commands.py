"""The translate and models commands, run through the real CLI entry point."""

import io
import json
import sys

import pytest

EN = "The monitoring team visited four villages. Families told us about water.\n\nSecond one!\n"


@pytest.fixture
def en_ar(tiny_model) -> str:
    return str(tiny_model("en", "ar"))


def test_translate_a_file_to_standard_output(cli, en_ar, tmp_path):
    (tmp_path / "r.txt").write_text(EN)
    result = cli(
        "translate", str(tmp_path / "r.txt"), "--from", "en", "--to", "ar", "--model", en_ar
    )
    assert result.code == 0, result.err
    paragraphs = result.out.split("\n\n")
    assert len(paragraphs) == 2 and all(p.strip() for p in paragraphs)
    assert "3 sentence(s) translated, 0 from the translation memory." in result.err
    assert "signature: tm:exact|model:workbench-tiny/en-ar|" in result.err


def test_translating_again_comes_from_the_memory(cli, en_ar, tmp_path):
    (tmp_path / "r.txt").write_text(EN)
    args = ("translate", str(tmp_path / "r.txt"), "--from", "en", "--to", "ar", "--model", en_ar)
    first = cli(*args)
    second = cli(*args)
    assert second.out == first.out
    assert "0 sentence(s) translated, 3 from the translation memory." in second.err


def test_no_memory_leaves_the_database_alone(cli, en_ar, tmp_path, home):
    (tmp_path / "r.txt").write_text(EN)
    cli("translate", str(tmp_path / "r.txt"), "--from", "en", "--to", "ar", "--model", en_ar,
        "--no-memory")  # fmt: skip
    assert not (home / "workbench.db").exists()


def test_translate_a_folder_into_another(cli, en_ar, tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(EN)
    (tmp_path / "in" / "sub" / "b.md").write_text("One line.\n")
    result = cli("translate", str(tmp_path / "in"), "--from", "en", "--to", "ar",
                 "--model", en_ar, "-o", str(tmp_path / "out"))  # fmt: skip
    assert result.code == 0, result.err
    assert (tmp_path / "out" / "a.ar.txt").read_text().count("\n\n") == 1
    assert (tmp_path / "out" / "sub" / "b.ar.txt").read_text().strip()


def test_translate_standard_input(cli, en_ar, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("One sentence.\n"))
    result = cli("translate", "-", "--from", "en", "--to", "ar", "--model", en_ar, "--engine", "hf")
    assert result.code == 0 and result.out.strip() and "engine:hf" in result.err


def test_a_folder_needs_an_output_folder(cli, tmp_path):
    (tmp_path / "a.txt").write_text(EN)
    result = cli("translate", str(tmp_path), "--from", "en", "--to", "ar")
    assert result.code == 2 and "needs -o OUT_FOLDER" in result.err


def test_a_missing_model_is_one_line_with_the_fix(cli, tmp_path, hf_cache):
    (tmp_path / "r.txt").write_text(EN)
    result = cli("translate", str(tmp_path / "r.txt"), "--from", "en", "--to", "ar")
    assert result.code == 4
    assert result.err.startswith("error: The model Helsinki-NLP/opus-mt-tc-big-en-ar at revision")
    assert "workbench models pull Helsinki-NLP/opus-mt-tc-big-en-ar" in result.err
    assert "Traceback" not in result.err and result.err.count("\n") == 1


def test_an_unknown_language_is_a_usage_error(cli, tmp_path):
    (tmp_path / "r.txt").write_text(EN)
    result = cli("translate", str(tmp_path / "r.txt"), "--from", "fr", "--to", "ar")
    assert result.code == 2 and "Unknown language 'fr'" in result.err


def test_models_list_shows_every_direction_and_what_is_here(cli, catalog_models):
    result = cli("models", "list")
    assert result.code == 0, result.err
    rows = [line.split() for line in result.out.splitlines()[1:13]]
    assert len(rows) == 12 and {r[0] for r in rows} == {
        "en-ar", "ar-en", "en-ckb", "en-kmr", "ckb-en", "kmr-en",
        "ar-ckb", "ar-kmr", "ckb-ar", "kmr-ar", "ckb-kmr", "kmr-ckb",
    }  # fmt: skip
    assert all("yes" in r for r in rows)
    assert "via ar-en-ckb" in result.out and ">>ara<<" in result.out and "KB" in result.out


def test_models_list_says_how_to_get_missing_models(cli, hf_cache):
    result = cli("models", "list")
    assert result.code == 0 and "workbench models pull --all" in result.out


def test_build_tiny_labels_its_model_as_nonsense(cli, tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("Some words of our own.\nچەند وشەیەک.\n")
    result = cli("models", "build-tiny", "--from", "en", "--to", "kmr", "--text", str(text),
                 str(tmp_path / "tiny"))  # fmt: skip
    assert result.code == 0, result.err
    assert "nonsense" in result.out
    config = json.loads((tmp_path / "tiny" / "config.json").read_text())
    assert "nonsense" in config["workbench_tiny"]


def test_export_then_import_on_another_home(cli, en_ar, tmp_path, monkeypatch):
    bundle = tmp_path / "models.tar"
    exported = cli("models", "export", str(bundle), "--model", en_ar)
    assert exported.code == 0 and bundle.is_file(), exported.err
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "elsewhere"))
    imported = cli("models", "import", str(bundle))
    assert imported.code == 0 and "Imported workbench-tiny/en-ar" in imported.out
    assert (tmp_path / "elsewhere" / "models" / "hub" / "workbench-tiny--en-ar").is_dir()


def test_export_without_models_here_says_so(cli, hf_cache, tmp_path):
    result = cli("models", "export", str(tmp_path / "b.tar"))
    assert result.code == 2 and "No model to export" in result.err


def test_convert_makes_the_ctranslate2_copy(cli, en_ar, home):
    result = cli("models", "convert", en_ar)
    assert result.code == 0, result.err
    assert list((home / "models" / "ct2").glob("workbench-tiny--en-ar--*/model.bin"))


def test_pull_needs_a_model_or_all(cli):
    result = cli("models", "pull")
    assert result.code == 2 and "Name one MODEL, or give --all" in result.err


def test_translate_a_word_file(cli, en_ar, tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("The first paragraph. It has two sentences.")
    document.add_paragraph("The second paragraph.")
    document.save(tmp_path / "r.docx")
    result = cli("translate", str(tmp_path / "r.docx"), "--from", "en", "--to", "ar",
                 "--model", en_ar, "-o", str(tmp_path))  # fmt: skip
    assert result.code == 0, result.err
    out = docx.Document(tmp_path / "r.ar.docx")  # .docx in, .docx out
    assert len([p for p in out.paragraphs if p.text.strip()]) == 2


def test_a_file_named_by_its_language_is_translated_as_text(cli, en_ar, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "test.en").write_text(EN)
    result = cli("translate", str(tmp_path / "in"), "--from", "en", "--to", "ar",
                 "--model", en_ar, "-o", str(tmp_path / "out"))  # fmt: skip
    assert result.code == 0, result.err
    assert (tmp_path / "out" / "test.ar").read_text().count("\n\n") == 1


def test_a_word_file_comes_out_as_a_word_file_with_its_styles(cli, en_ar, tmp_path):
    import docx

    source = docx.Document()
    source.add_heading("Water in the camps", level=1)
    source.add_paragraph("The team visited four villages. Families told us about water.")
    source.add_paragraph("Wells were dry.", style="List Bullet")
    source.save(tmp_path / "r.docx")
    refused = cli("translate", str(tmp_path / "r.docx"), "--from", "en", "--to", "ar",
                  "--model", en_ar)  # fmt: skip
    assert refused.code == 2 and "give -o FILE.docx" in refused.err
    out = tmp_path / "r.ar.docx"
    result = cli("translate", str(tmp_path / "r.docx"), "--from", "en", "--to", "ar",
                 "--model", en_ar, "-o", str(out))  # fmt: skip
    assert result.code == 0, result.err
    translated = docx.Document(out)
    paragraphs = [p for p in translated.paragraphs if p.text.strip()]
    assert [p.style.name for p in paragraphs] == ["Heading 1", "Normal", "List Bullet"]
    assert all(p.text != q for p, q in zip(paragraphs, ["Water in the camps"], strict=False))
    assert all(p._p.pPr is not None and p._p.pPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") is not None
        for p in paragraphs)  # fmt: skip


def test_translate_a_stored_report_names_the_system_short(cli, en_ar, tmp_path, home):
    (tmp_path / "r.en.txt").write_text(EN)
    assert cli("ingest", str(tmp_path / "r.en.txt"), "--report", "water").code == 0
    result = cli("translate", "--report", "water", "--to", "ar", "--model", en_ar)
    assert result.code == 0, result.err
    assert "Stored the machine translation of 'water' into ar" in result.out
    assert result.out.rstrip().endswith("system workbench-tiny/en-ar.")  # not the signature
    again = cli("translate", "--report", "water", "--to", "ar", "--model", en_ar)
    assert "Already stored:" in again.out
    listed = json.loads(cli("reports", "list", "--json").out)
    assert listed[0]["languages"] == ["ar", "en"] and listed[0]["documents"] == 2


def test_translate_needs_a_path_or_a_report(cli):
    result = cli("translate", "--to", "ar")
    assert result.code == 2 and "PATH" in result.err
