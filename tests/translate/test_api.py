import pytest

import workbench
from workbench.errors import InputError


def test_workbench_translate_is_the_public_function(tiny_model, settings):
    model = str(tiny_model("en", "ar"))
    out = workbench.translate(
        ["The report.", ""], src="en", tgt="ar", model=model, settings=settings
    )
    assert len(out) == 2 and out[0] and out[1] == ""


def test_it_works_once_the_package_is_imported_too(tiny_model, settings):
    import workbench.translate.api  # binds workbench.translate to the package

    model = str(tiny_model("en", "ar"))
    assert workbench.translate(["The report."], "en", "ar", model=model, settings=settings)[0]


def test_the_memory_is_used_when_a_database_is_given(tiny_model, settings, db):
    from workbench.store.translations import count_translations

    model = str(tiny_model("en", "ar"))
    workbench.translate(["One.", "Two."], "en", "ar", model=model, settings=settings, db=db)
    assert count_translations(db) == 2


def test_a_single_string_is_refused_with_the_fix():
    with pytest.raises(InputError, match=r"wrap a single text as \[text\]"):
        workbench.translate("The report.", "en", "ar")


def test_get_translator_and_build_tiny_model_are_public():
    from workbench.translate import get_translator
    from workbench.translate.tiny import build_tiny_model

    assert workbench.get_translator is get_translator
    assert workbench.build_tiny_model is build_tiny_model
