"""The align, align-report and align-eval commands, through the real CLI entry point."""

from __future__ import annotations

import json

import pytest

SRC = "In 2019, 345 families returned.\nThe camp has 12 clinics.\n\nUNICEF paid for 3 schools.\n"
TGT = "في عام ٢٠١٩ عادت ٣٤٥ عائلة.\nيضم المخيم ١٢ عيادة.\n\nدفعت UNICEF تكاليف ٣ مدارس.\n"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "src.txt").write_text(SRC, encoding="utf-8")
    (tmp_path / "tgt.txt").write_text(TGT, encoding="utf-8")
    return tmp_path / "src.txt", tmp_path / "tgt.txt"


def test_align_prints_bead_lines(cli, files):
    result = cli("align", str(files[0]), str(files[1]), "--src-lang", "en", "--tgt-lang", "ar")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert [line.rsplit(":", 1)[0] for line in lines] == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]
    assert all(0.0 <= float(line.rsplit(":", 1)[1]) <= 1.0 for line in lines)


def test_align_writes_jsonl_to_a_file(cli, files, tmp_path):
    out = tmp_path / "out.jsonl"
    result = cli(
        "align",
        str(files[0]),
        str(files[1]),
        "--src-lang",
        "en",
        "--tgt-lang",
        "ar",
        "--format",
        "jsonl",
        "-o",
        str(out),
    )
    assert result.code == 0, result.err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records[2]["texts"]["ar"].startswith("دفعت UNICEF")
    assert "signals:length" in result.err


def test_align_with_user_translations(cli, files, tmp_path):
    mt = tmp_path / "src.ar"
    mt.write_text(TGT, encoding="utf-8")  # mirrors the source line for line
    result = cli(
        "align",
        str(files[0]),
        str(files[1]),
        "--src-lang",
        "en",
        "--tgt-lang",
        "ar",
        "--src-mt",
        str(mt),
        "--format",
        "tsv",
    )
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].split("\t")[6:8] == ["en", "ar"]


def test_align_refuses_translations_of_the_wrong_length(cli, files, tmp_path):
    mt = tmp_path / "src.ar"
    mt.write_text("one line\n", encoding="utf-8")
    result = cli(
        "align",
        str(files[0]),
        str(files[1]),
        "--src-lang",
        "en",
        "--tgt-lang",
        "ar",
        "--src-mt",
        str(mt),
    )
    assert result.code == 2
    assert "one translation per source line" in result.err


def test_align_unknown_signal_is_one_line(cli, files):
    result = cli(
        "align",
        str(files[0]),
        str(files[1]),
        "--src-lang",
        "en",
        "--tgt-lang",
        "ar",
        "--signals",
        "magic",
    )
    assert result.code == 2
    assert result.err.strip().startswith("error: Unknown alignment signal 'magic'")


def test_align_eval_scores_two_bead_files(cli, tmp_path):
    (tmp_path / "pred.beads").write_text("[0]:[0]:0.9\n[1]:[1]:0.8\n[2]:[]:1\n")
    (tmp_path / "gold.beads").write_text("[0]:[0]\n[1, 2]:[1]\n")
    result = cli("align-eval", str(tmp_path / "pred.beads"), str(tmp_path / "gold.beads"), "--json")
    assert result.code == 0, result.err
    scores = json.loads(result.out)
    assert scores["precision_strict"] == pytest.approx(1 / 3)
    assert scores["recall_strict"] == pytest.approx(1 / 2)


def test_align_eval_table_and_folders(cli, tmp_path):
    for folder in ("pred", "gold"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.beads").write_text("[0]:[0]\n")
    result = cli("align-eval", str(tmp_path / "pred"), str(tmp_path / "gold"))
    assert result.code == 0, result.err
    assert "F1" in result.out and "1.0000" in result.out


def test_align_report_stores_and_summarises(cli, home):
    from workbench.config import load_settings
    from workbench.records import Report
    from workbench.store import reports
    from workbench.store.db import open_database

    db = open_database(load_settings().database_path)
    report = reports.add_report(db, Report("duhok"))
    from tests_align_helpers import document

    reports.add_document(db, report.id, document("en", SRC))
    reports.add_document(db, report.id, document("ar", TGT))
    db.close()
    out = home.parent / "duhok.tsv"
    result = cli("align-report", "duhok", "-o", str(out), "--format", "tsv")
    assert result.code == 0, result.err
    assert out.read_text(encoding="utf-8").splitlines()[0].split("\t")[6:8] == ["en", "ar"]
    assert "3 beads" in result.out and "signature: align|" in result.out
    listed = cli("reports", "list")
    assert "duhok" in listed.out and listed.out.splitlines()[1].split()[-1] == "1"


def test_align_writes_bitext_files_from_a_prefix(cli, files, tmp_path):
    prefix = tmp_path / "aligned"
    result = cli(
        "align", str(files[0]), str(files[1]), "--src-lang", "en", "--tgt-lang", "ar",
        "--format", "bitext", "-o", str(prefix),
    )  # fmt: skip
    assert result.code == 0, result.err
    en = (tmp_path / "aligned.en").read_text(encoding="utf-8").splitlines()
    ar = (tmp_path / "aligned.ar").read_text(encoding="utf-8").splitlines()
    assert len(en) == len(ar) == 3 and ar[2].startswith("دفعت UNICEF")


def test_align_prints_a_hunalign_ladder(cli, files):
    result = cli(
        "align", str(files[0]), str(files[1]), "--src-lang", "en", "--tgt-lang", "ar",
        "--format", "ladder",
    )  # fmt: skip
    assert result.code == 0, result.err
    rungs = [line.split("\t") for line in result.out.splitlines()]
    assert [r[:2] for r in rungs] == [["0", "0"], ["1", "1"], ["2", "2"], ["3", "3"]]


# --- bead sizes and lexicons from the command line ---------------------------------------


def test_align_learns_saves_and_reuses_a_lexicon(cli, files, tmp_path):
    saved = tmp_path / "lexicon.tsv"
    common = [str(files[0]), str(files[1]), "--src-lang", "en", "--tgt-lang", "ar"]
    learned = ["--signals", "length,lexical,learned", "--lexicon-method", "dice"]
    result = cli("align", *common, *learned, "--max-side", "4", "--lexicon-min-count", "1",
                 "--save-lexicon", str(saved), "-o", str(tmp_path / "out.beads"))  # fmt: skip
    assert result.code == 0, result.err
    assert "beads:1-4/5" in result.err and "method=dice" in result.err
    assert "lexicon of" in result.err and saved.is_file()
    again = cli("align", *common, *learned, "--lexicon", str(saved))
    assert again.code == 0, again.err
    assert again.out.splitlines()[0].startswith("[0]:[0]:")


def test_align_takes_the_search_costs_and_signs_them(cli, files, tmp_path):
    common = [str(files[0]), str(files[1]), "--src-lang", "en", "--tgt-lang", "ar"]
    costs = ["--skip-cost", "9", "--merge-cost", "0.5", "--radius", "4", "--full-cells", "0"]
    result = cli("align", *common, *costs, "--confidence-scale", "3", "-o", str(tmp_path / "b"))
    assert result.code == 0, result.err
    assert "radius:4/2|skip:9|merge:0.5|conf:0.4/3" in result.err
    refused = cli("align", *common, "--skip-cost", "-1")
    assert refused.code == 2 and "--skip-cost" in refused.err


def test_align_refuses_settings_out_of_range(cli, files):
    common = [str(files[0]), str(files[1]), "--src-lang", "en", "--tgt-lang", "ar"]
    result = cli("align", *common, "--max-side", "0")
    assert result.code == 2 and "--max-side" in result.err
    method = cli("align", *common, "--lexicon-method", "ibm9")
    assert method.code == 2 and "model1" in method.err


def test_saving_a_lexicon_needs_the_learned_signal(cli, files, tmp_path):
    common = [str(files[0]), str(files[1]), "--src-lang", "en", "--tgt-lang", "ar"]
    result = cli("align", *common, "--save-lexicon", str(tmp_path / "x.tsv"))
    assert result.code == 2 and "add learned to --signals" in result.err


def test_align_report_with_a_collection_lexicon(cli, home):
    from workbench.config import load_settings
    from workbench.store.db import open_database
    from workbench.text.corpus import load_corpus

    db = open_database(load_settings().database_path)
    load_corpus(db)
    db.close()
    result = cli("align-report", "displacement-returns", "--lang", "en", "--lang", "kmr",
                 "--signals", "length,lexical,learned", "--lexicon", "collection",
                 "--max-many", "4")  # fmt: skip
    assert result.code == 0, result.err
    assert "lexicon=collection(" in result.out and "beads:1-6/4" in result.out


def test_help_lists_every_alignment_setting(cli):
    from workbench.align.choices import SETTINGS

    shown = cli("align", "--help").out
    assert all(s.flag in shown for s in SETTINGS) and "--dictionaries" in shown
