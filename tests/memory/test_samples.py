"""The memory and the termbase on the project's sample corpora, through the CLI as well."""

from __future__ import annotations

import json
import shutil

import pytest

from workbench.memory.extract import extract_terms
from workbench.memory.termbase import import_terms, load_termbase
from workbench.text.corpus import default_corpus_dir, find_samples

SAMPLES = find_samples(default_corpus_dir())
GLOSSARY = default_corpus_dir() / "glossary.tbx"

# Named entities of the sample reports and how each version writes them (the Sorani
# security-meeting leaves out the clause naming Baghdad on purpose, so Baghdad is in one
# Sorani bead only: too few to pair).
ENTITIES = {
    "ar": {
        "Kirkuk": "كركوك",
        "Erbil": "أربيل",
        "Baghdad": "بغداد",
        "Sinjar": "سنجار",
        "Duhok": "دهوك",
        "Makhmour": "مخمور",
        "Peshmerga": "البيشمركة",
        "ISIS": "داعش",
    },
    "ckb": {
        "Kirkuk": "کەرکووک",
        "Erbil": "هەولێر",
        "Sinjar": "شنگال",
        "Duhok": "دهۆک",
        "Makhmour": "مەخموور",
        "Peshmerga": "پێشمەرگە",
        "ISIS": "داعش",
    },
    "kmr": {
        "Kirkuk": "Kerkûk",
        "Erbil": "Hewlêr",
        "Baghdad": "Bexda",
        "Sinjar": "Şengal",
        "Makhmour": "Mexmûr",
        "Peshmerga": "Pêşmerge",
    },
}


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """A store holding the sample corpora, aligned, with the sample glossary."""
    from workbench.align.report import align_report
    from workbench.store.db import open_database
    from workbench.text.corpus import load_corpus

    path = tmp_path_factory.mktemp("samples") / "workbench.db"
    with open_database(path) as db:
        for report in load_corpus(db):
            align_report(db, report.name)
        import_terms(db, GLOSSARY)
    return path


@pytest.fixture
def sample_db(samples, tmp_path):
    from workbench.store.db import open_database

    shutil.copy(samples, tmp_path / "samples.db")
    with open_database(tmp_path / "samples.db") as db:
        yield db


@pytest.mark.parametrize("lang", ENTITIES)
def test_extraction_on_the_sample_corpora_finds_their_named_entities(sample_db, lang):
    found = {(c.source, c.target) for c in extract_terms(sample_db, pairs=[("en", lang)])}
    missing = {(en, other) for en, other in ENTITIES[lang].items()} - found
    assert not missing


def test_every_glossary_concept_is_found_in_the_samples_in_each_of_its_languages(sample_db):
    from workbench.store.reports import documents, list_reports

    termbase = load_termbase(sample_db)
    seen: dict[str, set] = {}
    for report in list_reports(sample_db):
        for document in documents(sample_db, report.id, with_segments=True):
            for segment in document.segments:
                for hit in termbase.find(segment.text, document.lang):
                    seen.setdefault(document.lang, set()).add(hit.concept)
    for lang in ("en", "ar", "ckb", "kmr"):
        absent = [
            c.terms_in(lang)[0].text
            for key, c in termbase.concepts.items()
            if c.terms_in(lang) and key not in seen[lang]
        ]
        assert absent == [], lang


@pytest.fixture
def sample_home(samples, home):
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(samples, home / "workbench.db")
    return home


def test_tm_stats_and_search_from_the_command_line(cli, sample_home):
    stats = cli("tm", "stats")
    assert stats.code == 0, stats.err
    assert "en-ckb   aligned" in stats.out and "entries over" in stats.out
    found = cli(
        "tm",
        "search",
        "The brigades will report to a joint coordination centre in Kirkuk.",
        "--from",
        "en",
        "--to",
        "kmr",
        "--json",
    )
    [match] = json.loads(found.out)
    assert match["score"] == 100 and match["origin"] == "aligned"
    assert match["target"].startswith("Tûga dê bi navendeke hevbeş")
    assert match["entry"]["report"] == "security-meeting"
    shown = cli(
        "tm",
        "search",
        "The brigades will report to the centre in Kirkuk.",
        "--from",
        "en",
        "--to",
        "ckb",
    )
    assert "aligned" in shown.out and "report security-meeting" in shown.out


def test_tm_export_import_and_build_from_the_command_line(cli, sample_home, tmp_path):
    out = tmp_path / "memory.tmx"
    exported = cli("tm", "export", str(out), "--from", "en", "--to", "ar")
    assert exported.code == 0, exported.err and out.is_file()
    assert "unit(s) (en, ar)" in exported.out
    imported = cli("tm", "import", str(out), "--user", "amina")
    assert imported.code == 0 and "entries in the memory" in imported.out
    built = cli("tm", "build", "--report", "security-meeting")
    assert built.code == 0 and built.out.startswith("Derived ")
    refused = cli("tm", "build")
    assert refused.code == 2 and "--report NAME (repeatable) or --all" in refused.err


def test_terms_from_the_command_line(cli, sample_home, tmp_path):
    listed = cli("terms", "list", "--lang", "en", "--lang", "ckb")
    assert "Erbil; Arbil" in listed.out and "هەولێر" in listed.out
    found = cli("terms", "find", "Hêzên pêşmergeyan li Hewlêrê", "--lang", "kmr")
    assert "pêşmergeyan" in found.out and "Hewlêrê" in found.out
    extracted = cli("terms", "extract", "--all", "--from", "en", "--to", "ar")
    assert extracted.code == 0, extracted.err
    first = int(extracted.out.splitlines()[1].split()[0])
    accepted = cli("terms", "accept", str(first), "--user", "amina")
    assert accepted.code == 0 and "accepted: concept" in accepted.out
    again = cli("terms", "accept", str(first))
    assert again.code == 2 and "accepted by amina" in again.err
    exported = cli("terms", "export", str(tmp_path / "g.csv"))
    assert exported.code == 0 and (tmp_path / "g.csv").is_file()


def test_quickstart_loads_the_glossary_and_fills_the_memory_once(cli):
    first = cli("quickstart", "--no-serve")
    assert first.code == 0, first.err
    assert "Loaded the glossary" in first.out and "23 concepts" in first.out
    assert "Translation memory: 558 entries from 3 alignment(s)" in first.out
    second = cli("quickstart", "--no-serve")
    assert "glossary" not in second.out and "Translation memory" not in second.out
