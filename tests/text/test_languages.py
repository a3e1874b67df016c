import pytest

from workbench.errors import LanguageError
from workbench.text.languages import LANGUAGES, canonical, is_rtl

ALIASES = [
    ("en", "en"),
    ("eng", "en"),
    ("English", "en"),
    ("en-GB", "en"),
    ("en_US", "en"),
    ("eng_Latn", "en"),
    ("ar", "ar"),
    ("ara", "ar"),
    ("arb", "ar"),
    ("Arabic", "ar"),
    ("ar-IQ", "ar"),
    ("arb_Arab", "ar"),
    ("ckb", "ckb"),
    ("ku-Arab", "ckb"),
    ("ckb-Arab", "ckb"),
    ("ckb_Arab", "ckb"),
    ("sorani", "ckb"),
    ("Central Kurdish", "ckb"),
    ("ckb-IQ", "ckb"),
    ("kmr", "kmr"),
    ("ku-Latn", "kmr"),
    ("kmr-Latn", "kmr"),
    ("kmr_Latn", "kmr"),
    ("Kurmanji", "kmr"),
    ("  KURMANJI ", "kmr"),
    ("kmr-TR", "kmr"),
]


@pytest.mark.parametrize(("code", "expected"), ALIASES)
def test_alias(code, expected):
    assert canonical(code) == expected


@pytest.mark.parametrize("code", ["fr", "deu", "", "auto", "ar-Latn-xx-yy", "12"])
def test_unknown_code_is_a_clear_error(code):
    with pytest.raises(LanguageError, match="use one of en, ar, ckb, kmr"):
        canonical(code)


@pytest.mark.parametrize("code", ["ku", "kur", "Kurdish", "ku-IQ"])
def test_bare_kurdish_asks_which_one(code):
    with pytest.raises(LanguageError, match="ckb .*kmr"):
        canonical(code)


@pytest.mark.parametrize(
    ("lang", "rtl"), [("en", False), ("ar", True), ("ckb", True), ("kmr", False), ("sorani", True)]
)
def test_direction(lang, rtl):
    assert is_rtl(lang) is rtl


def test_languages_are_the_four():
    assert LANGUAGES == ("en", "ar", "ckb", "kmr")


@pytest.mark.parametrize(
    "name",
    [
        "canonical",
        "detect",
        "normalize",
        "normalizer",
        "segment",
        "segment_paragraphs",
        "read_document",
        "ingest",
        "load_corpus",
        "LANGUAGES",
        "is_rtl",
        "detect_paragraphs",
    ],
)
def test_public_api_exposes_the_text_layer(name):
    import workbench

    assert getattr(workbench, name) is not None


def test_public_api_works_end_to_end():
    import workbench

    assert workbench.segment("Dr. Salih spoke. He left.", "en") == ["Dr. Salih spoke.", "He left."]
    assert workbench.normalize("كوردستان", "ckb") == "کوردستان"
    assert workbench.detect("Fermandar li Hewlêrê civiyan û axivîn.") == "kmr"
