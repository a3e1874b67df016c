"""`workbench score`, `workbench compare`, `workbench report` from the command line."""

from __future__ import annotations

import json

import pytest
import sacrebleu
from score_store import add_report

from workbench.store.db import open_database

REF = ["The committee met in May.", "It approved the plan.", "Members thanked the staff."]
HYP_A = ["The committee met in May.", "It approved a plan.", "Members thanked staff."]
HYP_B = ["Committee met May.", "Plan approved.", "Thanks to staff."]


@pytest.fixture
def files(tmp_path):
    for name, lines in (("ref", REF), ("a", HYP_A), ("b", HYP_B)):
        (tmp_path / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def stored(home):
    db = open_database(home / "workbench.db")
    add_report(db)
    add_report(db, "other-2023")
    db.close()
    return home


def test_score_files_prints_sacrebleus_lines(cli, files):
    result = cli("score", "--hyp", str(files / "a.txt"), "--ref", str(files / "ref.txt"))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:")
    assert f"= {sacrebleu.corpus_bleu(HYP_A, [REF]).score:.1f} " in lines[0]
    assert [line.split("|")[0] for line in lines] == ["BLEU", "chrF2", "TER"]
    assert all("|textnorm:none = " in line for line in lines)


def test_score_files_sentence_level_table(cli, files):
    result = cli(
        "score",
        "--hyp",
        str(files / "b.txt"),
        "--ref",
        str(files / "ref.txt"),
        "--sentence",
        "--metrics",
        "chrf",
        "--width",
        "2",
    )
    assert result.code == 0, result.err
    rows = result.out.splitlines()
    assert rows[0].split() == ["line", "chrF2"]
    assert rows[2].split() == ["2", f"{sacrebleu.sentence_chrf(HYP_B[1], [REF[1]]).score:.2f}"]
    assert rows[-1].startswith("chrF2|nrefs:1|")


def test_score_with_normalization_records_it(cli, tmp_path):
    (tmp_path / "h.txt").write_text("قالَ الرئيسُ\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("قال الرئيس\n", encoding="utf-8")
    result = cli(
        "score",
        "--hyp",
        str(tmp_path / "h.txt"),
        "--ref",
        str(tmp_path / "r.txt"),
        "--normalize",
        "ar-basic+nodiacritics",
        "--metrics",
        "chrf",
        "--json",
    )
    [score] = json.loads(result.out)
    assert score["score"] == pytest.approx(100.0)
    assert score["signature"].endswith("|textnorm:ar-basic+nodiacritics")


def test_score_the_store_saves_every_scope(cli, stored):
    result = cli("score", "--report", "annual-2024", "--report", "other-2023", "--lang", "ar")
    assert result.code == 0, result.err
    assert "collection  annual-2024+other-2023/opus-mt-en-ar/ar" in result.out
    assert "Saved" in result.out
    beads = cli("score", "--all", "--sentence", "--metrics", "ter", "--json", "--no-save")
    data = json.loads(beads.out)
    assert {s["scope"] for s in data["scores"]} == {"bead", "document", "report", "system"}


def test_compare_prints_a_table_with_p_values(cli, files):
    result = cli(
        "compare",
        "--ref",
        str(files / "ref.txt"),
        "--baseline",
        str(files / "a.txt"),
        "--system",
        str(files / "b.txt"),
        "--samples",
        "200",
        "--metrics",
        "bleu,chrf",
    )
    assert result.code == 0, result.err
    header, baseline, system = result.out.splitlines()[:3]
    assert header.split()[:3] == ["system", "BLEU", "BLEU"]
    assert "(baseline)" in baseline
    assert "paired bootstrap resampling, 200 samples" in result.out
    assert "BLEU|nrefs:1|bs:200|seed:12345|" in result.out


def test_report_from_the_store_writes_html_json_and_csv(cli, stored, tmp_path):
    outputs = [tmp_path / f"q.{ext}" for ext in ("html", "json", "csv")]
    result = cli(
        "report",
        "--collection",
        "annual-2024,other-2023",
        "--samples",
        "50",
        *(opt for path in outputs for opt in ("-o", str(path))),
    )
    assert result.code == 0, result.err
    assert all(path.exists() for path in outputs)
    data = json.loads(outputs[1].read_text(encoding="utf-8"))
    assert data["kind"] == "collection"
    assert "&lt;script&gt;" in outputs[0].read_text(encoding="utf-8")


def test_report_of_systems_from_files(cli, files, tmp_path):
    out = tmp_path / "systems.html"
    result = cli(
        "report",
        "--systems",
        str(files / "a.txt"),
        "--systems",
        str(files / "b.txt"),
        "--ref",
        str(files / "ref.txt"),
        "--lang",
        "english",
        "--samples",
        "50",
        "-o",
        str(out),
    )
    assert result.code == 0, result.err
    assert 'lang="en"' in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["score"], 2, "Nothing to score"),
        (["score", "--hyp", "a.txt"], 2, "needs a reference file: REF -i HYP"),
        (["score", "ref.txt", "-i", "a.txt", "--tokenize", "flores200"], 2, "not available"),
        (["score", "ref.txt", "-i", "a.txt", "--tokenize", "spm"], 2, "spm_encode --model"),
        (["score", "--hyp", "a.txt", "--ref", "ref.txt", "--all"], 2, "either files"),
        (["score", "--hyp", "missing.txt", "--ref", "ref.txt"], 2, "There is no file"),
        (["score", "--hyp", "a.txt", "--ref", "ref.txt", "--metrics", "meteor"], 2, "meteor"),
        (["score", "--hyp", "a.txt", "--ref", "ref.txt", "--normalize", "xx"], 2, "Unknown"),
        (["score", "--report", "nope"], 3, "There is no report 'nope'"),
        (["score", "--report", "x", "--lang", "ku"], 2, "could be either Kurdish"),
        (["report", "-o", "x.html"], 2, "Say what to report on"),
        (["report", "--systems", "a.txt", "-o", "x.html"], 2, "--ref FILE"),
        (["report", "--systems", "a.txt", "--ref", "ref.txt", "-o", "x.pdf"], 2, "name it .html"),
        (
            ["compare", "--ref", "ref.txt", "--baseline", "a.txt", "--system", "a.txt"],
            2,
            "at least one other system",
        ),
    ],
)
def test_mistakes_are_one_line_errors(cli, files, monkeypatch, args, code, message):
    monkeypatch.chdir(files)
    result = cli(*args)
    assert result.code == code, result.err
    assert message in result.err
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1
