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
