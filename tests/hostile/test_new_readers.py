"""The readers main added with the conventions (bitext import, headerless TSV, score's
hypotheses on standard input) are held to the same guards as the rest
(issue 19, items 9 and 10): no pipes or links, bounded input."""

from __future__ import annotations

import os

import pytest

pytestmark = pytest.mark.timeout(120)


def _pair(folder, en: str = "Water.\n", ar: str = "ماء.\n"):
    (folder / "corpus.en").write_text(en, encoding="utf-8")
    (folder / "corpus.ar").write_text(ar, encoding="utf-8")
    return folder / "corpus.en", folder / "corpus.ar"


def test_a_named_pipe_as_a_bitext_file_is_refused_not_waited_on(cli, tmp_path):
    en, _ = _pair(tmp_path)
    os.mkfifo(tmp_path / "pipe.ar")
    result = cli("import", str(en), str(tmp_path / "pipe.ar"), "--report", "odd")
    assert result.code == 2, result.out + result.err
    assert "is not a regular file" in result.err and "could wait" in result.err


def test_bitext_lines_over_max_sentences_are_refused(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_MAX_SENTENCES", "1000")
    en, ar = _pair(tmp_path, "Water.\n" * 1_001, "ماء.\n" * 1_001)
    result = cli("import", str(en), str(ar), "--report", "odd")
    assert result.code == 2, result.out + result.err
    assert "holds more than 1,000 lines (max_sentences)" in result.err


def test_a_headerless_tsv_over_max_sentences_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_MAX_SENTENCES", "1000")
    path = tmp_path / "pairs.tsv"
    path.write_text("Water.\tماء.\n" * 1_002, encoding="utf-8")
    result = cli("import", str(path), "--report", "odd", "--languages", "en,ar")
    assert result.code == 2, result.out + result.err
    assert "holds more than 1,000 lines (max_sentences)" in result.err


def test_score_hypotheses_on_stdin_are_bounded(cli, tmp_path, monkeypatch):
    import io
    import sys

    monkeypatch.setenv("WORKBENCH_MAX_REPORT_MB", "1")
    ref = tmp_path / "ref.txt"
    ref.write_text("Water.\n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("Water.\n" * 200_000))
    result = cli("score", str(ref), "-b")
    assert result.code == 2, result.out + result.err
    assert "more than 1 MB (max_report_mb)" in result.err

