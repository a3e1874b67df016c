"""A stored version machine-translated into a machine version of its report."""

import pytest

from tests.ui.samples import SENTENCES, add_versions
from workbench.config import load_settings
from workbench.errors import InputError
from workbench.store import reports
from workbench.translate.stored import translate_document


@pytest.fixture
def settings(home, tiny_model):
    return load_settings({"models": {"en-ar": str(tiny_model("en", "ar"))}})


def test_the_machine_version_lines_up_with_its_source(db, settings):
    report, (english,) = add_versions(db, "Erbil water", ["en"])
    made, created = translate_document(db, english.id, "ar", settings)
    assert created and made.origin == "machine" and made.lang == "ar"
    assert made.pivot == ("en", "ar") and made.model.startswith("model:")
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
