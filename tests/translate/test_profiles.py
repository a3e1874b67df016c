"""The catalog's candidates, licences and published scores, and the profiles that choose."""

import pytest

from workbench.errors import ConfigError
from workbench.translate.catalog import load_catalog

NLLB = ("facebook/nllb-200-distilled-600M", "facebook/nllb-200-distilled-1.3B",
        "facebook/nllb-200-1.3B", "facebook/nllb-200-3.3B")  # fmt: skip
# direction -> the model the best profile takes
BEST = {
    "en-ar": "Helsinki-NLP/opus-mt-tc-big-en-ar",
    "ar-en": "Helsinki-NLP/opus-mt-tc-big-ar-en",
    "en-ckb": "facebook/nllb-200-1.3B",
    "en-kmr": "facebook/nllb-200-1.3B",
    "ckb-en": "facebook/nllb-200-distilled-1.3B",
    "kmr-en": "facebook/nllb-200-distilled-600M",
    "ar-ckb": "facebook/nllb-200-distilled-1.3B",
    "ckb-ar": "facebook/nllb-200-distilled-600M",
    "ar-kmr": "facebook/nllb-200-distilled-1.3B",
    "kmr-ar": "facebook/nllb-200-distilled-1.3B",
    "ckb-kmr": "facebook/nllb-200-distilled-1.3B",
    "kmr-ckb": "facebook/nllb-200-distilled-1.3B",
}
# The published FLORES-200 devtest figures the catalog must carry (OPUS-MT leaderboard).
PUBLISHED = [
    ("en-ckb", "facebook/nllb-200-1.3B", 46.7, 8.9),
    ("en-ckb", "Tatoeba-MT-models/eng-ira/opus4m+btTCv20210807-2021-09-30", 30.0, 1.9),
    ("ckb-en", "facebook/nllb-200-distilled-1.3B", 58.3, 33.6),
    ("ckb-en", "Tatoeba-MT-models/ira-eng/opus4m+btTCv20210807-2021-09-30", 41.1, 14.7),
    ("kmr-en", "facebook/nllb-200-distilled-600M", 46.7, 21.1),
    ("kmr-en", "Tatoeba-MT-models/ira-eng/opus4m+btTCv20210807-2021-09-30", 29.6, 6.4),
    ("en-ar", "Helsinki-NLP/opus-mt-tc-big-en-ar", 61.5, 29.7),
    ("ar-en", "Helsinki-NLP/opus-mt-tc-big-ar-en", 67.2, 42.8),
]


@pytest.mark.parametrize("direction", sorted(BEST))
def test_the_best_profile_takes_the_best_published_model_directly(direction):
    src, tgt = direction.split("-")
    legs = load_catalog().route(src, tgt, profile="best")
    assert [leg.model for leg in legs] == [BEST[direction]]


@pytest.mark.parametrize("direction", sorted(BEST))
def test_the_open_profile_uses_permissive_licences_only(direction):
    catalog = load_catalog()
    src, tgt = direction.split("-")
    for leg in catalog.route(src, tgt, profile="open"):
        assert catalog.info(leg.model).licence.permissive
        assert catalog.info(leg.model).architecture == "marian"


@pytest.mark.parametrize("direction, model, chrf, bleu", PUBLISHED)
def test_published_scores_are_recorded_with_their_source(direction, model, chrf, bleu):
    src, tgt = direction.split("-")
    candidate = load_catalog().candidate(model, src, tgt)
    assert (candidate.chrf, candidate.bleu) == (chrf, bleu)
    assert "OPUS-MT leaderboard" in candidate.scores.name
    assert candidate.scores.url.startswith("https://github.com/Helsinki-NLP/OPUS-MT-leaderboard")


@pytest.mark.parametrize("model", NLLB)
def test_nllb_is_non_commercial(model):
    info = load_catalog().info(model)
    assert (info.architecture, info.licence.key, info.licence.permissive) == (
        "nllb", "CC-BY-NC-4.0", False
    )
    assert "NO commercial use" in info.licence.name


def test_every_model_says_what_it_is_and_its_licence():
    catalog = load_catalog()
    for info in catalog.models_info.values():
        assert info.architecture in ("marian", "nllb", "m2m100") and info.size
        assert info.licence.key in ("CC-BY-4.0", "Apache-2.0", "MIT", "CC-BY-NC-4.0")


def test_unscored_candidates_come_after_scored_ones_in_the_best_profile():
    catalog = load_catalog()
    ckb_en = catalog.direction("ckb", "en")
    scored = [c for c in ckb_en.candidates if c.chrf is not None]
    assert catalog.choose(ckb_en, "best") == max(scored, key=lambda c: c.chrf)
    en_kmr = catalog.direction("en", "kmr")  # nothing published: the catalog's first choice
    assert catalog.choose(en_kmr, "best") == en_kmr.candidates[0]


def test_without_a_permissive_candidate_the_open_profile_pivots():
    legs = load_catalog().route("ar", "ckb", profile="open")
    assert [(leg.src, leg.tgt) for leg in legs] == [("ar", "en"), ("en", "ckb")]


def test_an_override_beats_the_profile():
    legs = load_catalog().route("en", "ckb", {"en-ckb": "/srv/mine"}, profile="best")
    assert [(leg.model, leg.overridden) for leg in legs] == [("/srv/mine", True)]


CATALOG = """
[licences.MIT]
permissive = true
[sources.paper]
name = "a paper"
[models."x/y"]
architecture = "marian"
licence = "MIT"
"""


@pytest.mark.parametrize(
    "text, message",
    [
        (CATALOG.replace('licence = "MIT"', 'licence = "GPL"'), "needs a licence that"),
        (CATALOG.replace('"marian"', '"t5"'), "needs an architecture: one of marian"),
        (CATALOG + '[directions."en-ar"]\ncandidates = [{model = "z/z"}]\n', "not in \\[models\\]"),
        (CATALOG + '[directions."en-ar"]\ncandidates = [{model = "x/y", chrf = 50}]\n',
         "need `scores`"),
        (CATALOG + '[directions."en-ar"]\ncandidates = [{model = "x/y", chrf = 500, '
         'scores = "paper"}]\n', "a score must be 0-100"),
    ],
)  # fmt: skip
def test_a_wrong_catalog_entry_is_a_config_error_naming_the_file(tmp_path, text, message):
    path = tmp_path / "catalog.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_catalog(path)
    assert str(path) in str(caught.value)


def test_a_profile_without_a_model_or_pivot_says_what_to_do(tmp_path):
    path = tmp_path / "catalog.toml"
    path.write_text(
        CATALOG.replace("permissive = true", "permissive = false")
        + '[directions."en-ar"]\ncandidates = [{model = "x/y"}]\n'
    )
    with pytest.raises(ConfigError, match="No model of the open profile serves en-ar"):
        load_catalog(path).route("en", "ar")
