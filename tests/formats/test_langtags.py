import pytest

from workbench.errors import LanguageError
from workbench.formats.langtags import language_of_tag


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("en", "en"),
        ("EN-us", "en"),
        ("eng", "en"),
        ("ar", "ar"),
        ("ar-SA", "ar"),
        ("ara", "ar"),
        ("arb", "ar"),
        ("ckb", "ckb"),
        ("ckb-IQ", "ckb"),
        ("ku-Arab", "ckb"),
        ("ku_Arab_IQ", "ckb"),
        ("kmr", "kmr"),
        ("kmr-Latn-TR", "kmr"),
        ("ku-Latn", "kmr"),
        ("kur-Latn", "kmr"),
        (" en ", "en"),
    ],
)
def test_tags_become_workbench_codes(tag, code):
    assert language_of_tag(tag, "here") == code


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("ku", "could be either Kurdish"),
        ("ku-IQ", "could be either Kurdish"),
        ("fr", "Unknown language 'fr'"),
        ("", "Unknown language ''"),
        ("fr-FR", "Unknown language 'fr-FR'"),
    ],
)
def test_other_tags_are_refused_with_where(tag, message):
    with pytest.raises(LanguageError, match=f"^in.tmx, unit 3: .*{message}"):
        language_of_tag(tag, "in.tmx, unit 3")
