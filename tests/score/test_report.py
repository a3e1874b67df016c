"""One report object, three renderers; every user text escaped; Arabic script right to left."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

import workbench
from workbench.errors import InputError
from workbench.score.diff import word_diff
from workbench.score.metrics import ScoreOptions
from workbench.score.render import render_csv, render_html, render_json, write_report
from workbench.score.report import build_report, report_from_files, report_from_store
from workbench.score.scopes import score_reports

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def report(db, store_report):
    return report_from_store(db, [store_report.name], test="bs", samples=100, worst=3)


@pytest.fixture
def html(report):
    return render_html(report)


def test_the_report_holds_scores_significance_segments_and_alignment(report):
    assert report.kind == "report" and report.title == "Quality of annual-2024"
    assert {row.scope for row in report.scores} == {"document", "report"}
    assert report.primary == "chrf"
    [comparison] = report.comparisons  # the two Arabic systems share their references
    assert comparison.systems == ("opus-mt-en-ar", "tiny-marian")
    assert len(report.segments) == 14
    assert report.versions["sacrebleu"] and report.versions["workbench"]


def test_worst_beads_are_aligned_ones_lowest_first_with_a_diff(report):
    worst = [w for w in report.worst if w.segment.system == "opus-mt-en-ar"]
    assert len(worst) == 3
    scores = [w.segment.scores["chrf"] for w in worst]
    assert scores == sorted(scores)
    assert not any(w.segment.omission or w.segment.addition for w in worst)
    assert {op for w in worst for _, op in w.hypothesis_diff} <= {"same", "extra"}


def test_alignment_summary_counts_bead_types_omissions_and_doubtful_beads(report):
    summary = report.alignments[0]
    assert summary.kinds == {"1-1": 2, "2-1": 1, "1-0": 1, "0-1": 1}
    assert [r.reference for r in summary.omissions] == [
        "وصدر بيان <script>alert(1)</script> بعد الاجتماع."
    ]
    assert len(summary.additions) == 1
    assert [r.kind for r in summary.low_confidence] == ["2-1"]


def test_scores_by_alignment_type_and_length(report):
    kinds = {r.group for r in report.by_kind if r.system == "opus-mt-en-ar"}
    assert kinds == {"1-1", "2-1", "1-0", "0-1"}
    zero = [r for r in report.by_kind if r.group == "0-1"]
    assert all(r.mean == 0.0 for r in zero)
    assert {r.group for r in report.by_length} == {"1-9"}


def test_a_report_without_a_test_has_no_comparisons(db, store_report):
    sheet = score_reports(db, [store_report.name], save=False)
    assert build_report(sheet, test=None).comparisons == []


def test_systems_paired_differently_are_left_out_of_the_test_with_a_note(db, store_report):
    from workbench.records import Alignment, Bead
    from workbench.store.alignments import save_alignment

    docs = store_report.docs
    save_alignment(
        db,
        Alignment(
            document_ids=(docs["ar-mt-b"], docs["ar"]),
            method="test",
            signature="direct",
            beads=tuple(Bead(segments=((i,), (i,))) for i in range(4)),
            report_id=store_report.report_id,
        ),
    )
    built = report_from_store(db, [store_report.name], lang="ar", samples=50)
    assert built.comparisons == []
    assert any("paired with the references differently" in note for note in built.notes)


def test_json_is_the_whole_report(report):
    data = json.loads(render_json(report))
    assert data["title"] == report.title
    assert data["comparisons"][0]["test"] == "bs"
    assert len(data["segments"]) == len(report.segments)
    assert data["options"]["metrics"] == ["bleu", "chrf", "ter"]
    assert SCRIPT in render_json(report)  # JSON keeps the text exactly


def test_csv_has_scores_significance_and_segments(report):
    rows = list(csv.DictReader(io.StringIO(render_csv(report))))
    sections = {row["section"] for row in rows}
    assert sections == {"score", "significance-bs", "segment"}
    segment_rows = [r for r in rows if r["section"] == "segment"]
    assert len(segment_rows) == len(report.segments) * 3
    assert any(SCRIPT in r["reference"] for r in segment_rows)


def test_csv_cells_that_a_spreadsheet_would_run_are_defused(db, tmp_path):
    (tmp_path / "ref.txt").write_text('=HYPERLINK("http://x")\nok\n', encoding="utf-8")
    (tmp_path / "hyp.txt").write_text("+1\nok\n", encoding="utf-8")
    built = report_from_files(tmp_path / "ref.txt", {"sys": tmp_path / "hyp.txt"}, test=None)
    rows = list(csv.DictReader(io.StringIO(render_csv(built))))
    cells = {r["reference"] for r in rows} | {r["hypothesis"] for r in rows}
    assert '\'=HYPERLINK("http://x")' in cells and "'+1" in cells
    assert not any(c.startswith(("=", "+")) for c in cells)


def test_user_text_is_escaped_in_html(html):
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()


def test_hostile_names_are_escaped_too(tmp_path):
    (tmp_path / "ref.txt").write_text("a b c\n", encoding="utf-8")
    (tmp_path / "hyp.txt").write_text("a b d\n", encoding="utf-8")
    evil = tmp_path / "<img src=x onerror=alert(1)>.txt"
    evil.write_text("a b\n", encoding="utf-8")
    built = report_from_files(
        tmp_path / "ref.txt",
        {"hyp": tmp_path / "hyp.txt", str(evil): evil},
        test="bs",
        samples=20,
        title="<b>$x$ report</b>",
    )
    page = render_html(built)
    assert "<img src=x" not in page and "<b>$x$" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_html_is_self_contained(html):
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)
    assert "@import" not in html and "<link" not in html
    assert "Content-Security-Policy" in html


def test_arabic_and_sorani_cells_are_right_to_left(html):
    cells = re.findall(r'<td class="text" dir="(\w+)" lang="(\w+)">', html)
    assert ("rtl", "ar") in cells and ("rtl", "ckb") in cells and ("ltr", "en") in cells
    assert all(d == "rtl" for d, lang in cells if lang in ("ar", "ckb"))
    assert '"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri"' in html


def test_plots_are_inline_svg(html):
    assert html.count("<svg") == 4 + 2  # four plots, and the path of each of two alignments
    assert html.count("en-ar: 5 beads") == 1 and html.count("en-ckb: 4 beads") == 1
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html


def test_the_same_report_renders_the_same_page(report):
    assert render_html(report) == render_html(report)


@pytest.mark.parametrize("suffix", [".html", ".json", ".csv"])
def test_write_report_picks_the_format_from_the_suffix(report, tmp_path, suffix):
    path = write_report(report, tmp_path / "out" / f"quality{suffix}")
    text = path.read_text(encoding="utf-8")
    assert text.startswith({".html": "<!doctype html>", ".json": "{", ".csv": "section,"}[suffix])
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left


def test_an_unknown_suffix_is_a_clear_error(report, tmp_path):
    with pytest.raises(InputError, match="name it .html, .json or .csv"):
        write_report(report, tmp_path / "quality.pdf")


def test_an_unwritable_place_is_a_clear_error(report, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="Cannot write"):
        write_report(report, blocker / "quality.html")


def test_a_report_from_files_compares_systems(tmp_path):
    (tmp_path / "ref.txt").write_text("ذهب الولد إلى المدرسة\nالطقس جميل اليوم\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("ذهب الولد الى المدرسة\nالطقس جميل\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("الولد ذهب\nالجو جميل اليوم\n", encoding="utf-8")
    built = report_from_files(
        tmp_path / "ref.txt",
        {"a": tmp_path / "a.txt", "b": tmp_path / "b.txt"},
        lang="ar",
        options=ScoreOptions(("chrf",), normalize="ar-match"),
        samples=50,
    )
    assert built.kind == "systems" and built.systems == ["a", "b"]
    assert built.comparisons[0].signatures["chrf"].endswith("|textnorm:ar-match")
    assert 'dir="rtl" lang="ar"' in render_html(built)


def test_the_language_of_files_is_detected_when_not_given(tmp_path):
    (tmp_path / "ref.txt").write_text("کۆبوونەوەی داهاتوو لە حوزەیران دەبێت\n", encoding="utf-8")
    (tmp_path / "hyp.txt").write_text("کۆبوونەوەی داهاتوو\n", encoding="utf-8")
    (tmp_path / "src.txt").write_text("The next meeting is in June.\n", encoding="utf-8")
    built = report_from_files(
        tmp_path / "ref.txt", {"h": tmp_path / "hyp.txt"}, source=tmp_path / "src.txt", test=None
    )
    page = render_html(built)
    assert 'dir="rtl" lang="ckb"' in page and 'dir="ltr" lang="en"' in page


def test_text_without_letters_gets_its_direction_from_each_cell(tmp_path):
    (tmp_path / "ref.txt").write_text("1 2 3\n", encoding="utf-8")
    (tmp_path / "hyp.txt").write_text("1 2\n", encoding="utf-8")
    built = report_from_files(tmp_path / "ref.txt", {"h": tmp_path / "hyp.txt"}, test=None)
    assert '<td class="text" dir="ltr">' in render_html(built)


@pytest.mark.parametrize(
    ("reference", "hypothesis", "normalize", "ref_ops", "hyp_ops"),
    [
        ("a b c", "a b c", None, ["same"] * 3, ["same"] * 3),
        ("a b c", "a c", None, ["same", "missing", "same"], ["same", "same"]),
        ("a b", "a x b", None, ["same", "same"], ["same", "extra", "same"]),
        ("a b", "c d", None, ["missing"] * 2, ["extra"] * 2),
        ("", "a", None, [], ["extra"]),
        ("الرئيس قال", "الرئيسُ قالَ", None, ["missing"] * 2, ["extra"] * 2),
        ("الرئيس قال", "الرئيسُ قالَ", "ar-basic+nodiacritics", ["same"] * 2, ["same"] * 2),
    ],
)
def test_word_diff(reference, hypothesis, normalize, ref_ops, hyp_ops):
    from workbench.text.normalize import normalizer

    ref_tokens, hyp_tokens = word_diff(
        reference, hypothesis, normalizer(normalize) if normalize else None
    )
    assert [op for _, op in ref_tokens] == ref_ops
    assert [op for _, op in hyp_tokens] == hyp_ops
    assert " ".join(w for w, _ in hyp_tokens) == " ".join(hypothesis.split())


def test_public_api_exposes_the_report_functions():
    assert workbench.build_report is build_report
    assert workbench.render_html is render_html
    assert workbench.report_from_store is report_from_store
    assert workbench.write_report is write_report


# -- scores made differently are marked as not comparable (workbench.signature.comparable) -----


def _mixed(db, store_report):
    """The Arabic systems scored with BLEU's 13a tokenizer, the Sorani one with intl, in one
    report: the scores sit side by side but were not made the same way."""
    from dataclasses import replace

    arabic = score_reports(db, [store_report.name], lang="ar", save=False)
    sorani = score_reports(
        db, [store_report.name], lang="ckb", save=False, options=ScoreOptions(tokenize="intl")
    )
    joined = replace(arabic, runs=arabic.runs + sorani.runs, scores=arabic.scores + sorani.scores)
    return build_report(joined, test=None)


def test_scores_made_the_same_way_carry_no_mark(report, html):
    assert report.incomparable() == [] and report.marks() == {}
    assert '<sup class="incomparable"' not in html and "Not comparable" not in html
    assert json.loads(render_json(report))["incomparable"] == []


def test_a_score_made_differently_is_marked_with_a_footnote(db, store_report):
    mixed = _mixed(db, store_report)
    [note] = mixed.incomparable()
    assert (note["metric"], note["mark"], note["differs"]) == ("bleu", "†1", ["tok"])
    assert "tok:intl" in note["signature"] and "tok:13a" in note["usual"]
    marked = set(mixed.marks())
    assert all(metric == "bleu" for _, _, metric in marked)
    assert all("ckb" in ref for _, ref, _ in marked) and marked
    page = render_html(mixed)
    assert page.count('<sup class="incomparable"') == len(marked)
    assert "Not comparable with the other BLEU scores here: scored differently (tok)" in page
    assert json.loads(render_json(mixed))["incomparable"][0]["differs"] == ["tok"]
    assert any("not comparable" in n and "†1 (BLEU: tok)" in n for n in mixed.notes)


def test_a_report_says_when_earlier_stored_scores_were_made_differently(db, store_report):
    report_from_store(db, [store_report.name], test=None)  # stored with BLEU's 13a
    again = report_from_store(db, [store_report.name], test=None)
    assert not [n for n in again.notes if "scored differently" in n]
    other = report_from_store(
        db, [store_report.name], test=None, options=ScoreOptions(tokenize="intl")
    )
    found = [n for n in other.notes if "scored differently (tok)" in n]
    assert found and all(n.startswith("BLEU of ") for n in found)
    assert "not comparable with this report's" in found[0]
    assert "scored differently (tok)" in render_html(other)
