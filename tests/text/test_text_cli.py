"""The text commands through the real CLI entry point: ingest, detect, normalize, segment,
and quickstart loading the sample corpus."""

import pytest

from workbench.text.corpus import default_corpus_dir

CORPUS = default_corpus_dir()
SCRAPED_EN = CORPUS / "security-meeting" / "security-meeting.en.txt"
SORANI_RLM = CORPUS / "provincial-elections" / "provincial-elections.ckb.txt"


@pytest.fixture
def sorani(tmp_path):
    path = tmp_path / "r.ckb.txt"
    path.write_text(
        "ڕێککەوتن لەسەر هەماهەنگی\n\nد. ئەحمەد وتی ڕێژەکە ٣٫٥ بوو. كوردستان ئارامە.\u200f\n",
        encoding="utf-8",
    )
    return path


def test_ingest_then_again_is_recognised(cli, sorani):
    first = cli("ingest", str(sorani), "--report", "talks")
    assert first.code == 0, first.err
    assert "stored  ckb" in first.out and "1 new document(s)" in first.out
    second = cli("ingest", str(sorani), "--report", "talks")
    assert "already stored" in second.out and "0 new document(s)" in second.out
    listed = cli("reports", "list")
    assert "talks" in listed.out and "ckb" in listed.out


def test_ingest_with_a_language(cli, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("Ew li bajar bu.\n", encoding="utf-8")
    result = cli("ingest", str(path), "--report", "x", "--lang", "ku-Latn")
    assert result.code == 0 and "stored  kmr" in result.out


def test_ingest_errors_are_one_line(cli, tmp_path):
    result = cli("ingest", str(tmp_path / "missing.txt"), "--report", "x")
    assert result.code == 2
    assert result.err.startswith("error: There is no file") and "Traceback" not in result.err


def test_ingest_bad_language_is_a_clear_error(cli, sorani):
    result = cli("ingest", str(sorani), "--report", "x", "--lang", "ku")
    assert result.code == 2 and "could be either Kurdish" in result.err


def test_detect_prints_each_paragraph_and_the_file(cli, tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text(
        "Army and Peshmerga commanders met in Erbil on Tuesday.\n\n"
        "فەرماندەکانی سوپا و پێشمەرگە ڕۆژی سێشەممە لە هەولێر کۆبوونەوە.\n\n.\n",
        encoding="utf-8",
    )
    result = cli("detect", str(path))
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[1].split()[:2] == ["0", "en"]
    assert lines[2].split()[:2] == ["1", "ckb"]
    assert lines[3].split()[:2] == ["2", "-"]
    assert "mixed" in lines[-1]


def test_detect_a_sample(cli):
    result = cli("detect", str(SORANI_RLM))
    assert result.out.splitlines()[-1].endswith("ckb (Central Kurdish (Sorani); ckb 100%)")


def test_segment_prints_one_sentence_per_line(cli, sorani):
    result = cli("segment", str(sorani))
    assert result.out.splitlines() == [
        "ڕێککەوتن لەسەر هەماهەنگی",
        "د. ئەحمەد وتی ڕێژەکە ٣٫٥ بوو.",
        "كوردستان ئارامە.\u200f",
    ]


def test_segment_drops_scraped_furniture(cli):
    result = cli("segment", "--numbered", str(SCRAPED_EN))
    lines = result.out.splitlines()
    assert lines[0].startswith("0\tArmy and Peshmerga commanders agree")
    assert not any("Most read" in line or "Zagros Monitor" in line for line in lines)
    assert len(lines) == 18


def test_normalize_prints_the_normalized_text(cli, sorani):
    result = cli("normalize", str(sorani), "--lang", "ckb")
    assert "کوردستان ئارامە." in result.out and "\u200f" not in result.out


def test_normalize_diff_shows_what_changed(cli, sorani):
    result = cli("normalize", str(sorani), "--diff")
    assert "- د. ئەحمەد وتی ڕێژەکە ٣٫٥ بوو. كوردستان ئارامە.<U+200F>" in result.out
    assert "+ د. ئەحمەد وتی ڕێژەکە ٣٫٥ بوو. کوردستان ئارامە." in result.out
    assert "1 of 2 paragraph(s) changed." in result.out


def test_normalize_with_a_scheme(cli, sorani):
    result = cli("normalize", str(sorani), "--scheme", "ckb-basic+digits")
    assert "3.5" in result.out


def test_normalize_bad_scheme_is_one_line(cli, sorani):
    result = cli("normalize", str(sorani), "--scheme", "ckb-basic+fold")
    assert result.code == 2 and "does not apply to ckb-basic" in result.err


def test_quickstart_loads_the_samples_into_an_empty_store(cli):
    first = cli("quickstart", "--no-serve")
    assert first.code == 0, first.err
    assert "Loaded 3 sample report(s)" in first.out
    assert "security-meeting" in first.out and "ar,ckb,en,kmr" in first.out
    assert "Not serving (--no-serve)" in first.out
    assert "Aligned security-meeting (ar,ckb,en,kmr)" in first.out
    assert "Checked security-meeting: 2 critical" in first.out  # its planted discrepancies
    second = cli("quickstart", "--no-serve")
    assert "Loaded" not in second.out and "(3 report(s))" in second.out
    assert "Aligned" not in second.out


def test_quickstart_with_another_corpus_folder(cli, tmp_path):
    folder = tmp_path / "corpus" / "floods"
    folder.mkdir(parents=True)
    (folder / "floods.en.txt").write_text("Floods\n\nRain fell.\n", encoding="utf-8")
    result = cli("quickstart", "--no-serve", "--corpus", str(tmp_path / "corpus"))
    assert "Loaded 1 sample report(s)" in result.out and "floods" in result.out


def test_quickstart_with_a_missing_corpus_is_a_clear_error(cli, tmp_path):
    result = cli("quickstart", "--no-serve", "--corpus", str(tmp_path / "nowhere"))
    assert result.code == 2 and "no corpus folder" in result.err


def test_files_named_by_their_language_are_plain_text(cli, tmp_path):
    path = tmp_path / "test.en"
    path.write_text("The camp has twelve clinics. It opened in May.\n", encoding="utf-8")
    result = cli("segment", str(path), "--numbered")
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["0\tThe camp has twelve clinics.", "1\tIt opened in May."]


def test_segment_paragraphs_keeps_blank_lines_for_align(cli, tmp_path):
    path = tmp_path / "corpus.en"
    path.write_text(
        "The camp has twelve clinics. It opened in May.\n\nSchools reopened in June.\n",
        encoding="utf-8",
    )
    result = cli("segment", str(path), "--paragraphs")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "The camp has twelve clinics.",
        "It opened in May.",
        "",
        "Schools reopened in June.",
    ]
    from workbench.cli.align import read_sentences

    out = tmp_path / "seg.en"
    out.write_text(result.out, encoding="utf-8")
    assert read_sentences(out)[1] == [0, 0, 1]  # align reads the paragraph anchors
