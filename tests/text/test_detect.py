import pytest

from workbench.errors import LanguageError
from workbench.text.detect import detect, detect_paragraphs

CASES = [
    (
        "arabic news",
        "عقد كبار قادة الجيش العراقي اجتماعاً في أربيل يوم الثلاثاء لبحث الأوضاع الأمنية.",
        "ar",
    ),
    ("arabic short", "في المدينة", "ar"),
    ("arabic with harakat", "قَالَ الوَزِيرُ", "ar"),
    (
        "arabic with iraqi gaf in a name",
        "وصل وفد إلى گرميان في الصباح وعقد اجتماعاً مع المسؤولين.",
        "ar",
    ),
    ("sorani news", "فەرماندەکانی سوپا و پێشمەرگە لە هەولێر کۆبوونەوە.", "ckb"),
    ("sorani without special letters", "ئاسایش لە کوردستان باشە", "ckb"),
    ("sorani typed with arabic letters", "كوردستان و ئاسايش لە هەولێر", "ckb"),
    ("kurmanji news", "Fermandarên artêşê û pêşmergeyan li Hewlêrê civiyan.", "kmr"),
    ("kurmanji without hats", "Ew li bajar bu, di nav malbata xwe de.", "kmr"),
    ("english news", "Army and Peshmerga commanders met in Erbil on Tuesday.", "en"),
    (
        "english with a kurdish name",
        "The governor of Şırnak spoke to the press about the floods.",
        "en",
    ),
]


@pytest.mark.parametrize(("text", "lang"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_detect(text, lang):
    assert detect(text) == lang


def test_document_languages_per_paragraph_and_mixed():
    found = detect_paragraphs(
        [
            "Army and Peshmerga commanders met in Erbil on Tuesday to discuss security.",
            "فەرماندەکانی سوپا و پێشمەرگە ڕۆژی سێشەممە لە هەولێر کۆبوونەوە بۆ تاوتوێکردنی ئاسایش.",
            "...",
        ]
    )
    assert found.paragraphs == ("en", "ckb", None)
    assert found.mixed
    assert set(found.shares) == {"en", "ckb"}


def test_a_short_quote_does_not_make_a_document_mixed():
    found = detect_paragraphs(
        [
            "Army and Peshmerga commanders met in Erbil on Tuesday to discuss the security gaps "
            "between their lines in Kirkuk, Makhmour and Diyala, and agreed to form two brigades.",
            "The banner read «نعم».",
        ]
    )
    assert found.lang == "en" and not found.mixed


def test_text_without_letters_is_a_clear_error():
    with pytest.raises(LanguageError, match="Pass --lang"):
        detect("2021 — 3.5 % ...")
