import itertools

import pytest

from workbench.errors import ConfigError, InputError, LanguageError
from workbench.translate.catalog import load_catalog

LANGS = ("en", "ar", "ckb", "kmr")
IIR = "Helsinki-NLP/opus-mt-tc-bible-big-deu_eng_fra_por_spa-iir"
IIR_EN = "Helsinki-NLP/opus-mt-tc-bible-big-iir-en"

# direction -> the legs (model, target token) the catalog runs for it
ROUTES = {
    "en-ar": [("Helsinki-NLP/opus-mt-tc-big-en-ar", ">>ara<<")],
    "ar-en": [("Helsinki-NLP/opus-mt-tc-big-ar-en", "")],
    "en-ckb": [(IIR, ">>ckb<<")],
    "en-kmr": [(IIR, ">>kmr<<")],
    "ckb-en": [(IIR_EN, "")],
    "kmr-en": [(IIR_EN, "")],
    "ar-ckb": [("Helsinki-NLP/opus-mt-tc-big-ar-en", ""), (IIR, ">>ckb<<")],
    "ar-kmr": [("Helsinki-NLP/opus-mt-tc-big-ar-en", ""), (IIR, ">>kmr<<")],
    "ckb-ar": [(IIR_EN, ""), ("Helsinki-NLP/opus-mt-tc-big-en-ar", ">>ara<<")],
    "kmr-ar": [(IIR_EN, ""), ("Helsinki-NLP/opus-mt-tc-big-en-ar", ">>ara<<")],
    "ckb-kmr": [(IIR_EN, ""), (IIR, ">>kmr<<")],
    "kmr-ckb": [(IIR_EN, ""), (IIR, ">>ckb<<")],
}


def test_every_direction_between_the_four_languages_is_in_the_catalog():
    pairs = {f"{a}-{b}" for a, b in itertools.permutations(LANGS, 2)}
    assert set(load_catalog().directions) == pairs == set(ROUTES)


@pytest.mark.parametrize("direction", sorted(ROUTES))
def test_each_direction_runs_the_expected_models_and_tokens(direction):
    src, tgt = direction.split("-")
    legs = load_catalog().route(src, tgt)
    assert [(leg.model, leg.target_token) for leg in legs] == ROUTES[direction]
    assert legs[0].src == src and legs[-1].tgt == tgt


@pytest.mark.parametrize("model, revision", load_catalog().models())
def test_pinned_revisions_are_full_commit_hashes(model, revision):
    assert revision == "" or (len(revision) == 40 and int(revision, 16) >= 0)


def test_an_override_replaces_the_model_and_asks_the_model_for_its_token():
    legs = load_catalog().route("en", "ar", {"en-ar": "/srv/my-model"})
    assert [(leg.model, leg.target_token, leg.overridden) for leg in legs] == [
        ("/srv/my-model", "", True)
    ]


def test_an_override_of_a_pivot_direction_translates_directly():
    legs = load_catalog().route("ar", "ckb", {"ar-ckb": "someone/ar-ckb"})
    assert [leg.name for leg in legs] == ["ar-ckb"]


def test_an_override_of_one_leg_is_used_inside_a_pivot():
    legs = load_catalog().route("ckb", "ar", {"en-ar": "someone/en-ar"})
    assert [leg.model for leg in legs] == [IIR_EN, "someone/en-ar"]


@pytest.mark.parametrize("alias, code", [("Sorani", "ckb"), ("eng", "en"), ("ku-Latn", "kmr")])
def test_language_aliases_are_understood(alias, code):
    assert load_catalog().direction(alias, "ar" if code != "ar" else "en").src == code


def test_an_unknown_language_is_a_language_error():
    with pytest.raises(LanguageError, match="Unknown language 'fr'"):
        load_catalog().route("fr", "en")


def test_the_same_language_on_both_sides_is_refused():
    with pytest.raises(InputError, match="both 'ar'"):
        load_catalog().route("ar", "ar")


def test_a_broken_catalog_is_a_config_error_naming_the_file(tmp_path):
    bad = tmp_path / "catalog.toml"
    bad.write_text('[directions."en-ar"]\nrevision = "x"\n')
    with pytest.raises(ConfigError, match="needs candidates or a pivot"):
        load_catalog(bad)


def test_a_missing_catalog_says_how_to_restore_it(tmp_path):
    with pytest.raises(ConfigError, match="restore models/catalog.toml"):
        load_catalog(tmp_path / "nope.toml")


def test_a_catalog_without_a_direction_says_how_to_add_it(tmp_path):
    small = tmp_path / "catalog.toml"
    small.write_text(
        '[licences.MIT]\npermissive = true\n[models."x/y"]\narchitecture = "marian"\n'
        'licence = "MIT"\n[directions."en-ar"]\ncandidates = [{model = "x/y"}]\n'
    )
    with pytest.raises(ConfigError, match='set \\[models\\] "ar-en"'):
        load_catalog(small).route("ar", "en")


def test_an_override_for_something_that_is_not_a_direction_is_a_config_error():
    with pytest.raises(ConfigError, match="names 'eng-ara', which is not a direction"):
        load_catalog().route("en", "ar", {"eng-ara": "x/y"})
