"""A stored version machine-translated into a machine version of its report."""

import pytest

from tests.review.samples import SENTENCES, add_versions
from workbench.config import load_settings
from workbench.errors import InputError
from workbench.store import reports
from workbench.translate.stored import machine_version, translate_document


@pytest.fixture
def settings(home, tiny_model):
    return load_settings({"models": {"en-ar": str(tiny_model("en", "ar"))}})


def test_the_machine_version_lines_up_with_its_source(db, settings):
    report, (english,) = add_versions(db, "Erbil water", ["en"])
    made, created = translate_document(db, english.id, "ar", settings)
    assert created and made.origin == "machine" and made.lang == "ar"
    assert made.pivot == ("en", "ar") and made.model.startswith("tm:exact|model:")
    assert [s.index for s in made.segments] == list(range(len(SENTENCES["en"])))
    assert [d.lang for d in reports.documents(db, report.id)] == ["ar", "en"]


def test_translating_again_stores_nothing_new(db, settings):
    _, (english,) = add_versions(db, "Erbil water", ["en"])
    first, _ = translate_document(db, english.id, "ar", settings)
    again, created = translate_document(db, english.id, "ar", settings)
    assert not created and again.id == first.id


def test_the_same_language_is_refused(db, settings):
    _, (english,) = add_versions(db, "Erbil water", ["en"])
    with pytest.raises(InputError, match="already in en"):
        translate_document(db, english.id, "en", settings)


def test_a_machine_version_keeps_the_paragraphs_and_the_whole_path():
    made = machine_version(
        ["Yek.", "Du.", "Sê."], [0, 0, 1], tgt="kmr", signature="model:x",
        path=["ar", "en", "kmr"], source_file="test",
    )  # fmt: skip
    assert made.paragraphs == ("Yek. Du.", "Sê.") and made.raw_text == "Yek. Du.\n\nSê.\n"
    assert [(s.index, s.paragraph) for s in made.segments] == [(0, 0), (1, 0), (2, 1)]
    assert (made.origin, made.pivot, made.model) == ("machine", ("ar", "en", "kmr"), "model:x")


def test_another_models_identical_text_is_another_version():
    def made(signature):
        return machine_version(
            ["Yek."], [0], tgt="kmr", signature=signature, path=["en", "kmr"], source_file=""
        )

    assert made("model:a").sha256 != made("model:b").sha256
