"""The built-in ingest, align and export steps on the sample corpora (no model needed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.jobs.conftest import write_spec
from tests.jobs.test_runner import outputs
from workbench.config import load_settings
from workbench.formats.api import read_file
from workbench.jobs import api
from workbench.store import alignments, reports
from workbench.store import jobs as store

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ("displacement-returns", "provincial-elections", "security-meeting")


@pytest.fixture
def corpora(tmp_path) -> Path:
    """A copy of the sample corpora's report versions (not their gold files)."""
    folder = tmp_path / "corpora"
    for report in REPORTS:
        for path in (ROOT / "corpora" / report).glob(f"{report}.*.*"):
            if path.suffix in (".txt", ".md", ".html", ".docx"):
                (folder / report).mkdir(parents=True, exist_ok=True)
                shutil.copy(path, folder / report / path.name)
    return folder


def _run(db, base: Path, body: str, **options):
    spec = write_spec(base, f'output = "out"\ninputs = ["corpora/*/"]\n{body}')
    return api.run_job(spec, db=db, settings=load_settings(), **options)


def test_ingest_stores_every_version_of_every_report(db, tmp_path, corpora):
    summary = _run(db, tmp_path, "")
    assert summary["status"] == "done" and summary["total"] == 3
    for report in REPORTS:
        found = reports.get_report(db, report)
        assert {d.lang for d in reports.documents(db, found.id)} == {"en", "ar", "ckb", "kmr"}
    result = store.items(db, summary["job"])[0].result
    assert set(result["documents"]) == {"ar", "ckb", "en", "kmr"}
    assert result["segments"]["en"] == 17


def test_a_broken_file_among_the_corpora_fails_alone(db, tmp_path, corpora):
    (corpora / "broken").mkdir()
    (corpora / "broken" / "broken.en.docx").write_bytes(b"PK\x03\x04 not really a word file")
    (corpora / "broken" / "broken.ar.txt").write_text("تقرير قصير.\n", encoding="utf-8")
    summary = _run(db, tmp_path, "[align]\n[export]\n")
    assert summary["status"] == "failed"
    assert [e["item"] for e in summary["errors"]] == ["ingest/broken"]
    assert "broken.en.docx" in summary["errors"][0]["error"]
    assert summary["blocked"] == [{"report": "broken", "step": "ingest"}]
    assert {name.split("/")[0] for name in outputs(tmp_path / "out")} == set(REPORTS)


def test_align_writes_bead_files_that_match_the_store(db, tmp_path, corpora):
    summary = _run(db, tmp_path, '[align]\nhub = "en"\n')
    assert summary["status"] == "done"
    files = outputs(tmp_path / "out")
    item = store.items(db, summary["job"], step="align", report="security-meeting")[0]
    stored = alignments.get_alignment(db, item.result["alignment"])
    lines = files[item.result["file"]].decode().splitlines()
    assert len(lines) == len(stored.beads) == item.result["beads"]
    assert lines[0].startswith("[0]:[0]:")
    assert sorted(k for k in files if k.startswith("security-meeting/")) == [
        f"security-meeting/security-meeting.en-{lang}.beads" for lang in ("ar", "ckb", "kmr")
    ]


def test_multiway_alignment_is_one_alignment_of_four_versions(db, tmp_path, corpora):
    summary = _run(db, tmp_path, "[align]\nmultiway = true\n")
    [item] = store.items(db, summary["job"], step="align", report="provincial-elections")
    assert len(alignments.get_alignment(db, item.result["alignment"]).document_ids) == 4
    assert item.key == "align/provincial-elections/en-ar-ckb-kmr"


def test_pairs_naming_a_missing_version_fail_with_a_clear_message(db, tmp_path, corpora):
    for path in (corpora / "security-meeting").glob("*.kmr.*"):
        path.unlink()
    summary = _run(db, tmp_path, '[align]\npairs = [["en", "kmr"]]\n')
    assert [e["item"] for e in summary["errors"]] == ["align/security-meeting"]
    assert "has no kmr version to align" in summary["errors"][0]["error"]


@pytest.mark.parametrize(
    ("fmt", "suffix"),
    [("tmx", "tmx"), ("xliff", "xlf"), ("xliff12", "v12.xlf"), ("tsv", "tsv"), ("jsonl", "jsonl")],
)
def test_exports_read_back_with_the_aligned_texts(db, tmp_path, corpora, fmt, suffix):
    summary = _run(db, tmp_path, f'[align]\n[export]\nformats = ["{fmt}"]\n')
    assert summary["status"] == "done"
    path = tmp_path / "out" / "security-meeting" / f"security-meeting.en-ar.{suffix}"
    text = read_file(path)
    assert text.languages == ("en", "ar")
    assert [row.id for row in text.rows][:3] == ["1", "2", "3"]
    assert "Peshmerga" in text.rows[0].texts["en"]


def test_exports_are_the_same_bytes_in_another_store(tmp_path, corpora, monkeypatch):
    from workbench.store.db import open_database

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    written = []
    for name in ("one", "two"):
        base = tmp_path / name
        shutil.copytree(corpora, base / "corpora")
        with open_database(base / "w.db") as db:
            _run(db, base, '[align]\n[export]\nformats = ["tmx", "xliff"]\n', workers=1)
        written.append(outputs(base / "out"))
    assert written[0] == written[1]
    tmx = written[0]["security-meeting/security-meeting.en-ar.tmx"]
    assert b'creationdate="20231114T221320Z"' in tmx


def test_without_source_date_epoch_files_carry_the_jobs_date(db, tmp_path, corpora, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    summary = _run(db, tmp_path, "[align]\n[export]\n")
    created = api.job_status(summary["job"], db=db)["created_at"]
    tmx = tmp_path / "out" / "security-meeting" / "security-meeting.en-ar.tmx"
    stamp = created[:19].replace("-", "").replace(":", "")
    assert f'creationdate="{stamp}Z"'.encode() in tmx.read_bytes()


def test_align_with_a_collection_lexicon_and_larger_beads(db, tmp_path, corpora):
    body = ('[align]\npairs = [["en", "kmr"]]\nsignals = ["length", "lexical", "learned"]\n'
            'lexicon = "collection"\nmax_side = 5\nlexicon_method = "dice"\n')  # fmt: skip
    summary = _run(db, tmp_path, body)
    assert summary["status"] == "done", summary["errors"]
    for report in REPORTS:
        [item] = store.items(db, summary["job"], step="align", report=report)
        signature = item.result["signature"]
        assert "learned(" in signature and "lexicon=collection" in signature
        assert "method=dice" in signature and "beads:1-5/5" in signature


def test_align_names_a_missing_lexicon_file(db, tmp_path, corpora):
    body = '[align]\nsignals = ["length", "learned"]\nlexicon = "missing.tsv"\n'
    summary = _run(db, tmp_path, body)
    assert summary["status"] == "failed"
    assert "there is no lexicon file" in summary["errors"][0]["error"]


def test_align_reads_a_lexicon_file_relative_to_the_spec(db, tmp_path, corpora):
    (tmp_path / "terms.tsv").write_text("families\tmalbat\nreturned\tvegeriyan\n", encoding="utf-8")
    body = ('[align]\npairs = [["en", "kmr"]]\nsignals = ["length", "lexical", "learned"]\n'
            'lexicon = "terms.tsv"\ndictionaries = "none"\n')  # fmt: skip
    summary = _run(db, tmp_path, body)
    assert summary["status"] == "done", summary["errors"]
    [item] = store.items(db, summary["job"], step="align", report="security-meeting")
    assert "lexicon=file:terms.tsv" in item.result["signature"]


def test_align_uses_the_pulled_embedder_unless_the_spec_says_none(
    db, tmp_path, corpora, monkeypatch
):
    from huggingface_hub import constants

    from tests.translate.conftest import put_in_hf_cache
    from workbench.translate.tiny_embedder import build_tiny_embedder

    cache = tmp_path / "hf-cache"
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))  # worker processes too
    model = build_tiny_embedder(tmp_path / "tiny-labse")
    put_in_hf_cache(cache, model, "sentence-transformers/LaBSE", "c0ffee" + "2" * 34)
    for setting, used in (("", True), ('embeddings = "none"\n', False)):
        body = f'[align]\npairs = [["en", "kmr"]]\n{setting}'
        summary = _run(db, tmp_path, body)
        assert summary["status"] == "done", summary["errors"]
        [item] = store.items(db, summary["job"], step="align", report="security-meeting")
        signature = item.result["signature"]
        assert (
            "embeddings(w=1.5,model=sentence-transformers/LaBSE@c0ffee222222)" in signature
        ) is used
