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


def test_the_public_function_takes_the_runtime_and_an_nllb_model(tiny_nllb, settings):
    options = {"model": str(tiny_nllb()), "settings": settings, "beam": 1, "max_length": 8}
    fast = workbench.translate(["Yek.", "Du."], "kmr", "ckb", batch_tokens=4, device="cpu",
                               compute_type="float32", engine="ct2", **options)  # fmt: skip
    slow = workbench.translate(["Yek.", "Du."], "kmr", "ckb", engine="hf", **options)
    assert fast == slow and all(fast)


def test_the_summary_a_front_end_shows_is_public(settings):
    summary = workbench.translation_summary("kmr", "en", settings, profile="best")
    assert summary.models == ("facebook/nllb-200-distilled-600M",)
    assert summary.expected.startswith("chrF 46.7") and not summary.permissive
