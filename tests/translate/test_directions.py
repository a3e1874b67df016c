"""Every catalog direction, loaded exactly as on a connected machine: from the Hugging Face
cache, at the catalog's ids and revisions (tiny stand-ins hold those places here)."""

import pytest

from tests.translate.conftest import put_in_hf_cache
from tests.translate.test_catalog import ROUTES
from workbench.errors import ConfigError
from workbench.translate import get_translator

SAMPLES = {
    "en": "The clinic has only one doctor.",
    "ar": "لا يوجد في العيادة سوى طبيب واحد.",
    "ckb": "نەخۆشخانەکە تەنها یەک پزیشکی هەیە.",
    "kmr": "Di klînîkê de tenê yek bijîşk heye.",
}


def fields(signature: str) -> dict[str, str]:
    return dict(part.split(":", 1) for part in signature.split("|") if ":" in part)


@pytest.mark.parametrize("direction", sorted(ROUTES))
def test_each_direction_translates_with_its_catalog_models(catalog_models, settings, direction):
    src, tgt = direction.split("-")
    translator = get_translator(src, tgt, settings, engine="ct2")
    out = translator.translate([SAMPLES[src], "", SAMPLES[src]])
    assert out[0] and out[1] == "" and out[2] == out[0]
    legs = getattr(translator, "legs", [translator])
    found = [(fields(leg.signature)["model"], fields(leg.signature)["tok"]) for leg in legs]
    assert found == [(model, token or "none") for model, token in ROUTES[direction]]


@pytest.mark.parametrize("direction", [d for d, legs in sorted(ROUTES.items()) if len(legs) == 2])
def test_a_pivot_records_its_path_in_the_signature(catalog_models, settings, direction):
    src, tgt = direction.split("-")
    translator = get_translator(src, tgt, settings, engine="ct2")
    assert translator.signature.startswith(f"pivot:{src}>en>{tgt}|legs:[")


def test_a_pivot_is_the_two_legs_one_after_the_other(catalog_models, settings):
    to_en = get_translator("ar", "en", settings, engine="hf", beam=1)
    to_ckb = get_translator("en", "ckb", settings, engine="hf", beam=1)
    pivot = get_translator("ar", "ckb", settings, engine="hf", beam=1)
    assert pivot.translate([SAMPLES["ar"]]) == to_ckb.translate(to_en.translate([SAMPLES["ar"]]))


def test_one_model_serves_two_directions_through_its_target_tokens(catalog_models, settings):
    ckb = get_translator("en", "ckb", settings, engine="ct2", beam=1)
    kmr = get_translator("en", "kmr", settings, engine="ct2", beam=1)
    assert ckb.files.path == kmr.files.path
    assert ckb.translate([SAMPLES["en"]]) != kmr.translate([SAMPLES["en"]])


def test_the_commit_of_the_cache_is_the_revision(catalog_models, settings):
    translator = get_translator("en", "ar", settings, engine="ct2")
    assert fields(translator.signature)["rev"] == "ae9f1b2fd512"
    assert translator.identity.revision == "ae9f1b2fd512000ca9440eb3b8ec9aa9acb298ac"


def test_an_unpinned_model_records_the_commit_it_found(catalog_models, settings):
    from tests.translate.conftest import UNPINNED_COMMIT

    translator = get_translator("ar", "en", settings, engine="ct2")
    assert translator.identity.revision == UNPINNED_COMMIT


def test_a_model_lacking_the_catalogs_target_token_is_a_config_error(
    tiny_model, settings, hf_cache
):
    pin = "ae9f1b2fd512000ca9440eb3b8ec9aa9acb298ac"
    put_in_hf_cache(hf_cache, tiny_model("ar", "en"), "Helsinki-NLP/opus-mt-tc-big-en-ar", pin)
    with pytest.raises(ConfigError, match="target token >>ara<<, which its vocabulary lacks"):
        get_translator("en", "ar", settings)


def test_an_override_finds_the_target_token_in_the_models_vocabulary(tiny_model, settings):
    translator = get_translator("en", "kmr", settings, model=str(tiny_model("en", "ckb")))
    assert translator.target_token == ">>kmr<<"


def test_an_override_without_the_target_language_is_refused(tiny_model, settings):
    with pytest.raises(ConfigError, match="but has none for ckb"):
        get_translator("en", "ckb", settings, model=str(tiny_model("en", "ar")))


def test_workbench_toml_overrides_a_direction(tiny_model, settings):
    settings = settings.replace(models={"en-ar": str(tiny_model("en", "ar"))})
    assert get_translator("en", "ar", settings).files.tiny
