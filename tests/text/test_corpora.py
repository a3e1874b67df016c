"""The sample corpora: every version ingests to exactly its authored sentences (so no article
sentence is lost to furniture removal), and the gold alignments match those segments."""

import importlib.util
import itertools
import re
import tomllib
from pathlib import Path

import pytest

from workbench.store.reports import documents, list_reports
from workbench.text.corpus import default_corpus_dir, find_samples, load_corpus
from workbench.text.ingest import read_document
from workbench.text.languages import LANGUAGES
from workbench.text.normalize import normalize

CORPUS = default_corpus_dir()
SAMPLES = find_samples(CORPUS)
BEAD = re.compile(r"^\[([\d, ]*)\]:\[([\d, ]*)\]$")


def _build_module():
    spec = importlib.util.spec_from_file_location("corpora_build", CORPUS / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _build_module()
VERSIONS = [(s.name, lang) for s in SAMPLES for lang in LANGUAGES]
PAIRS = [(s.name, a, b) for s in SAMPLES for a, b in itertools.combinations(LANGUAGES, 2)]


def _units(name: str) -> tuple[dict, list[dict]]:
    spec = tomllib.loads((CORPUS / name / f"{name}.units.toml").read_text(encoding="utf-8"))
    return spec["report"], spec["unit"]


def _sample(name):
    return next(s for s in SAMPLES if s.name == name)


def _indices(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def test_there_are_at_least_three_reports_in_all_four_languages():
    assert len(SAMPLES) >= 3
    assert all(list(s.versions) == list(LANGUAGES) for s in SAMPLES)


@pytest.mark.parametrize(("name", "lang"), VERSIONS)
def test_version_ingests_to_its_sentences(name, lang):
    report, units = _units(name)
    document = read_document(_sample(name).versions[lang], lang)
    want = [normalize(text, lang) for text, _ in BUILD.sentences(units, lang)]
    assert [s.normalized for s in document.segments] == want
    assert 15 <= len(want) <= 40


@pytest.mark.parametrize(("name", "lang"), VERSIONS)
def test_version_is_detected_and_dated(name, lang):
    report, units = _units(name)
    document = read_document(_sample(name).versions[lang])
    assert document.lang == lang
    assert document.date == report["date"]
    assert normalize(document.title, lang) == normalize(units[0][lang], lang)


@pytest.mark.parametrize(("name", "src", "tgt"), PAIRS)
def test_gold_alignment_covers_every_segment_once_in_order(name, src, tgt):
    path = _sample(name).gold[(src, tgt)]
    lines = path.read_text(encoding="utf-8").splitlines()
    beads = [BEAD.match(line) for line in lines]
    assert all(beads), f"{path.name} has a line that is not a bead"
    left = [i for b in beads for i in _indices(b[1])]
    right = [j for b in beads for j in _indices(b[2])]
    _, units = _units(name)
    assert left == list(range(len(BUILD.sentences(units, src))))
    assert right == list(range(len(BUILD.sentences(units, tgt))))
    assert all(_indices(b[1]) or _indices(b[2]) for b in beads)


@pytest.mark.parametrize(("name", "src", "tgt"), PAIRS)
def test_gold_alignment_is_what_the_units_say(name, src, tgt):
    _, units = _units(name)
    path = _sample(name).gold[(src, tgt)]
    assert path.read_text(encoding="utf-8").splitlines() == BUILD.beads(units, src, tgt)


def test_the_corpus_has_every_kind_of_bead():
    kinds = set()
    for name, src, tgt in PAIRS:
        for line in _sample(name).gold[(src, tgt)].read_text(encoding="utf-8").splitlines():
            match = BEAD.match(line)
            kinds.add(f"{len(_indices(match[1]))}-{len(_indices(match[2]))}")
    assert {"1-1", "2-1", "1-2", "1-0", "0-1"} <= kinds


def test_the_corpus_arrives_in_every_format():
    suffixes = {p.suffix for s in SAMPLES for p in s.versions.values()}
    assert {".txt", ".md", ".html", ".docx"} <= suffixes


def test_load_corpus_fills_an_empty_store_once(db):
    loaded = load_corpus(db, CORPUS)
    assert [r.name for r in loaded] == [s.name for s in SAMPLES]
    assert all(len(documents(db, r.id)) == 4 for r in loaded)
    load_corpus(db, CORPUS)  # recognised by sha256: nothing new
    assert all(len(documents(db, r.id)) == 4 for r in list_reports(db))


def test_a_folder_without_samples_is_a_clear_error(tmp_path):
    from workbench.errors import InputError

    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="holds no sample reports"):
        find_samples(tmp_path)
    with pytest.raises(InputError, match="no corpus folder"):
        find_samples(tmp_path / "missing")


def test_corpus_files_follow_the_naming_rule():
    pattern = re.compile(
        r"^(?P<report>[a-z0-9-]+)\.((en|ar|ckb|kmr)\.(txt|md|html|docx)|"
        r"(en|ar|ckb|kmr)-(en|ar|ckb|kmr)\.gold|units\.toml)$"
    )
    for path in Path(CORPUS).glob("*/*"):
        match = pattern.match(path.name)
        assert match and match["report"] == path.parent.name, path.name
