"""The dates check and the date mentions it reads, in the four languages."""

import pytest

from workbench.qa.run import check_pair
from workbench.text.dates import date_mentions

MENTIONS = [
    ("en", "On Monday, 3 May 2021, they met.", {"year": 2021, "month": 5, "day": 3, "weekday": 1}),
    ("en", "in May of 1969", {"year": 1969, "month": 5}),
    ("en", "May 3, 2021", {"year": 2021, "month": 5, "day": 3}),
    ("en", "It was held in March.", {"month": 3}),
    ("ar", "يوم الاثنين ٣ أيار ٢٠٢١", {"year": 2021, "month": 5, "day": 3, "weekday": 1}),
    ("ar", "في ٣ مايو ٢٠٢١", {"year": 2021, "month": 5, "day": 3}),
    ("ar", "في ١٠ مارس/آذار", {"month": 3, "day": 10}),
    ("ar", "في ١٠ تشرين الأول", {"month": 10, "day": 10}),
    ("ar", "يوم الخميس", {"weekday": 4}),
    (
        "ckb",
        "ڕۆژی سێشەممە ١٧ی تشرینی یەکەمی ٢٠٢٣",
        {"year": 2023, "month": 10, "day": 17, "weekday": 2},
    ),
    ("ckb", "لە ٩ ی ئابدا", {"month": 8, "day": 9}),
    ("ckb", "لە دوو شەمەدا", {"weekday": 1}),
    ("kmr", "Roja duşemê, 3ê Gulanê 2021", {"year": 2021, "month": 5, "day": 3, "weekday": 1}),
    ("kmr", "di 24ê îlona 1759-an de", {"year": 1759, "month": 9, "day": 24}),
    ("kmr", "di 30 a Rêbendan a 2020 de", {"year": 2020, "month": 1, "day": 30}),
    ("kmr", "di 9-ê çileya paşîna 2020-an de", {"year": 2020, "month": 1, "day": 9}),
]


@pytest.mark.parametrize(("lang", "text", "parts"), MENTIONS, ids=[c[1] for c in MENTIONS])
def test_date_mentions(lang, text, parts):
    [mention] = date_mentions(text, lang)
    assert mention.parts() == parts


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Type 2 may cause it."),
        ("en", "May I ask?"),
        ("en", "they march on"),
        ("ar", "آب الطفل"),
    ],
)
def test_month_names_that_are_common_words_are_not_dates(lang, text):
    assert date_mentions(text, lang) == []


def test_a_figure_after_a_month_is_no_year_when_no_year_is_that_late():
    assert [m.parts() for m in date_mentions("In January 2340 families left", "en")] == [
        {"month": 1}
    ]


AGREE = [
    ("en", "ar", "on 3 May 2021", "في ٣ أيار ٢٠٢١"),
    ("en", "ar", "on 3 May 2021", "في ٣ مايو ٢٠٢١"),
    ("en", "ar", "on 3 May 2021", "في ٣ أيار/مايو ٢٠٢١"),
    ("en", "ckb", "on 17 October 2023", "لە ١٧ی تشرینی یەکەمی ٢٠٢٣"),
    ("en", "kmr", "on 17 October 2023", "di 17ê Cotmeha 2023an de"),
    ("en", "kmr", "on Tuesday", "roja sêşemê"),
    ("en", "ar", "on Friday", "يوم الجمعة"),
    ("en", "ckb", "on Friday", "ڕۆژی هەینی"),
    ("en", "en", "3 May 2021", "2021-05-03"),
    ("en", "en", "3 May 2021", "03/05/2021"),
]


@pytest.mark.parametrize(("src_lang", "tgt_lang", "src", "tgt"), AGREE, ids=[c[3] for c in AGREE])
def test_the_same_date_in_any_language_is_no_finding(src_lang, tgt_lang, src, tgt):
    assert check_pair(src, tgt, src_lang, tgt_lang, checks="dates") == []


DIFFER = [
    ("en", "kmr", "on 17 October 2023", "di 18ê Cotmeha 2023an de", "critical", "the day differs"),
    ("en", "ar", "on 3 May 2021", "في ٣ حزيران ٢٠٢١", "critical", "the month differs"),
    ("en", "ckb", "on 3 May 2021", "لە ٣ی ئایاری ٢٠٢٠", "critical", "the year differs"),
    ("en", "ar", "on Tuesday", "يوم الأربعاء", "major", "the weekday differs"),
    ("en", "ar", "on 10 March", "في آذار", "major", "without the day"),
    ("en", "kmr", "on 3 May 2021", "li wir", "major", "gives no such date"),
    ("en", "ckb", "on Tuesday", "لەوێ", "minor", "no such day of the week"),
]


@pytest.mark.parametrize(
    ("src_lang", "tgt_lang", "src", "tgt", "severity", "said"), DIFFER, ids=[c[3] for c in DIFFER]
)
def test_a_different_date_is_found(src_lang, tgt_lang, src, tgt, severity, said):
    [found] = check_pair(src, tgt, src_lang, tgt_lang, checks="dates")
    assert (found.check, found.severity) == ("dates", severity)
    assert said in found.message
