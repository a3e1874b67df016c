"""Translation memory first: exact human matches before any model, offered fuzzy matches,
and where every sentence came from, through the wrapper, the API, the CLI, stored
translations and batch jobs."""

from __future__ import annotations

import json

import pytest

import workbench
from tests.jobs.conftest import write_spec
from tests.memory.conftest import AR, EN
from workbench.config import load_settings
from workbench.errors import InputError
from workbench.memory.first import MemoryPolicy
from workbench.store.memory import segment_uses
from workbench.translate.fake import FakeTranslator
from workbench.translate.tmfirst import MemoryFirstTranslator

NEW = "Flood warnings were issued for the south."


@pytest.fixture
def memory(db, report_maker):
    report_maker("meeting", {"en": EN, "ar": AR})
    return db


def test_exact_human_matches_never_reach_the_translator(memory):
    fake = FakeTranslator("en", "ar")
    translator = MemoryFirstTranslator(fake, memory, "en", "ar")
    out = translator.translate([EN[0], NEW, "", EN[2]])
    assert out == [AR[0], f"[ar] {NEW}", "", AR[2]]
    assert fake.calls == [[NEW, ""]]
    assert [s.origin for s in translator.sources] == ["memory", "machine", "machine", "memory"]
    assert translator.sources[0].score == 100 and translator.sources[0].entry_id
    assert translator.signature == f"tm:exact|{fake.signature}"


def test_a_sentence_in_its_memory_context_is_a_101(memory):
    translator = MemoryFirstTranslator(FakeTranslator("en", "ar"), memory, "en", "ar")
    translator.translate(EN)  # the last one's following sentence is not known: 100
    assert [s.score for s in translator.sources] == [101, 101, 100]


def test_fuzzy_matches_are_offered_not_inserted_unless_asked(memory):
    near = "Each brigade will have about 3,500 troops."
    fake = FakeTranslator("en", "ar")
    offered = MemoryFirstTranslator(fake, memory, "en", "ar")
    assert offered.translate([near]) == [f"[ar] {near}"]
    [source] = offered.sources
    assert source.origin == "machine" and [m.score for m in source.offers] == [87]
    assert offered.counts() == {"memory": 0, "fill": 0, "machine": 1, "offered": 1}

    filled = MemoryFirstTranslator(fake, memory, "en", "ar", MemoryPolicy(fill=85))
    assert filled.translate([near]) == [AR[1]]
    assert (filled.sources[0].origin, filled.sources[0].score) == ("fill", 87)
    assert filled.signature.startswith("tm:exact+fill85|")
    nothing = MemoryFirstTranslator(fake, memory, "en", "ar", MemoryPolicy(threshold=90))
    nothing.translate([near])
    assert nothing.sources[0].offers == ()


def test_filling_substitutes_numbers(memory):
    translator = MemoryFirstTranslator(
        FakeTranslator("en", "ar"), memory, "en", "ar", MemoryPolicy(fill=95)
    )
    assert translator.translate(["Each brigade will have about 4,000 soldiers."]) == [
        "سيضم كل لواء نحو 4000 جندي."
    ]


def test_a_report_is_never_translated_from_its_own_versions(memory):
    policy = MemoryPolicy(exclude_report="meeting")
    fake = FakeTranslator("en", "ar")
    assert MemoryFirstTranslator(fake, memory, "en", "ar", policy).translate([EN[0]]) == [
        f"[ar] {EN[0]}"
    ]


@pytest.mark.parametrize(("threshold", "fill"), [(0, None), (75, 101), (101, None)])
def test_policy_scores_are_checked(threshold, fill):
    with pytest.raises(InputError, match="score from 1 to 100"):
        MemoryPolicy(threshold, fill)


@pytest.fixture
def settings(home, tiny_model):
    return load_settings({"models": {"en-ar": str(tiny_model("en", "ar"))}}).replace(device="cpu")


def test_with_a_tiny_model_an_exact_match_never_reaches_the_model(memory, settings, monkeypatch):
    from workbench.translate import get_translator

    translator = get_translator("en", "ar", settings, engine="hf", db=memory, memory=MemoryPolicy())
    engine = translator.inner.inner  # the memory wrapper, the cache, then the engine
    seen: list[str] = []
    real = engine.translate_batch
    monkeypatch.setattr(
        engine, "translate_batch", lambda texts, limit: seen.extend(texts) or real(texts, limit)
    )
    out = translator.translate([EN[1], NEW])
    assert out[0] == AR[1] and out[1] and out[1] != AR[1]
    assert seen == [NEW]
    assert translator.signature.startswith("tm:exact|model:workbench-tiny/en-ar|")


def test_the_public_translate_uses_the_memory_first(memory, settings):
    out = workbench.translate([EN[2], NEW], "en", "ar", settings=settings, db=memory)
    assert out[0] == AR[2] and out[1] != AR[2]
    no_tm = workbench.translate([EN[2]], "en", "ar", settings=settings, db=memory, tm=False)
    assert no_tm[0] != AR[2]


def test_a_stored_translation_says_where_each_sentence_came_from(db, report_maker, settings):
    from workbench.store.reports import documents, get_report
    from workbench.translate.stored import translate_document

    report_maker("meeting", {"en": EN, "ar": AR})
    report_maker("update", {"en": [NEW, EN[0]], "ckb": ["ئاگاداری لافاو دەرچوو.", "x."]})
    english = next(d for d in documents(db, get_report(db, "update").id) if d.lang == "en")
    made, created = translate_document(db, english.id, "ar", settings)
    assert created and made.model.startswith("tm:exact|model:")
    assert made.segments[1].text == AR[0]
    uses = segment_uses(db, made.id)
    assert [(u["idx"], u["origin"]) for u in uses] == [(0, "machine"), (1, "memory")]
    assert uses[1]["score"] == 100 and uses[1]["entry_id"]


def test_the_cli_says_where_sentences_came_from_and_writes_offers(cli, home, settings, tmp_path):
    from tests.memory.conftest import make_report
    from workbench.store.db import open_database

    with open_database(settings.database_path) as db:
        make_report(db, "meeting", {"en": EN, "ar": AR})
    config = tmp_path / "workbench.toml"
    config.write_text(f'[models]\n"en-ar" = "{settings.models["en-ar"]}"\n', encoding="utf-8")
    source = tmp_path / "in.txt"
    source.write_text(f"{EN[0]} Each brigade will have about 3,500 troops.\n", encoding="utf-8")
    offers = tmp_path / "offers.jsonl"
    run = ["--config", str(config), "translate", str(source), "--from", "en", "--to", "ar"]
    result = cli(*run, "--engine", "hf", "--tm-offers", str(offers))
    assert result.code == 0, result.err
    assert result.out.startswith(AR[0] + " ")
    assert (
        "translation memory: 1 sentence(s) from exact human matches, 0 filled from fuzzy "
        "matches, 1 for the model (1 with fuzzy matches offered)." in result.err
    )
    [line] = offers.read_text(encoding="utf-8").splitlines()
    offer = json.loads(line)
    assert offer["sentence"] == 2 and offer["matches"][0]["target"] == AR[1]

    filled = cli(*run, "--engine", "hf", "--tm-fill", "85")
    assert filled.out == f"{AR[0]} {AR[1]}\n"
    assert "signature: tm:exact+fill85|model:" in filled.err


def test_a_job_takes_exact_matches_from_other_reports_and_records_them(
    db, report_maker, settings, tmp_path
):
    from workbench.jobs import api
    from workbench.store import jobs
    from workbench.store.reports import documents, get_report

    report_maker("meeting", {"en": EN, "ar": AR})
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "update.en.txt").write_text(f"{NEW}\n\n{EN[0]}\n", encoding="utf-8")
    spec = write_spec(
        tmp_path,
        f'output = "out"\n[inputs]\npaths = ["{folder}"]\n[translate]\nfrom = "en"\nto = ["ar"]\n',
    )
    summary = api.run_job(spec, db=db, settings=settings)
    assert summary["status"] == "done", summary["errors"]
    [chunk] = jobs.items(db, summary["job"], step="translate")
    assert [s[0] for s in chunk.result["sources"]] == ["machine", "memory"]
    assert chunk.result["translated"] == 1
    assert chunk.result["outputs"][1] == AR[0]
    machine = next(d for d in documents(db, get_report(db, "update").id) if d.origin == "machine")
    assert machine.model.startswith("tm:exact|model:")
    assert [u["origin"] for u in segment_uses(db, machine.id)] == ["machine", "memory"]
