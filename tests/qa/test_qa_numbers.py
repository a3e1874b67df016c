"""The numbers check on hand-made pairs in the four languages and the three digit scripts."""

from decimal import Decimal

import pytest

from workbench.qa.figures import digit_values, numbers_of
from workbench.qa.pair import Side
from workbench.qa.run import check_pair

SAME = [
    # digits in each script, with each separator
    ("en", "ar", "2,340 families", "٢٣٤٠ عائلة"),
    ("en", "ar", "2,340 families", "٢٬٣٤٠ عائلة"),
    ("en", "ckb", "2,340 families", "۲۳۴۰ خێزان"),
    ("en", "ar", "a rise of 1.5%", "ارتفاع بنسبة ١٫٥٪"),
    ("en", "kmr", "3,500 soldiers", "3.500 leşker"),
    ("en", "kmr", "2.3 billion dollars", "2,3 milyar dolar"),
    ("en", "ar", "783,562 square kilometres", "783،562 كيلومتر مربع"),
    ("en", "ar", "1 500 000 people", "1,500,000 شخص"),
    # words and digits, and their combinations
    ("en", "ar", "1.5 million people", "١٫٥ مليون شخص"),
    ("en", "ar", "1,500,000 people", "١٫٥ مليون شخص"),
    ("en", "ckb", "1.5 million people", "١٫٥ ملیۆن کەس"),
    ("en", "kmr", "1.5 million people", "1,5 milyon kes"),
    ("en", "ar", "twenty-five people", "٢٥ شخصاً"),
    ("en", "ar", "25 people", "خمسة وعشرون شخصاً"),
    ("en", "ar", "13 people", "ثلاثة عشر شخصاً"),
    ("en", "ar", "250 cars", "مئتان وخمسون سيارة"),
    ("en", "ar", "3,000 soldiers", "ثلاثة آلاف جندي"),
    ("en", "ar", "2,000 soldiers", "ألفين جندي"),
    ("en", "ar", "two hundred thousand people", "٢٠٠٬٠٠٠ شخص"),
    ("en", "ckb", "25 people", "بیست و پێنج کەس"),
    ("en", "ckb", "three hundred people", "٣٠٠ کەس"),
    ("en", "ckb", "2,000 people", "دوو هەزار کەس"),
    ("en", "kmr", "25 people", "bîst û pênc kes"),
    ("en", "kmr", "two hundred people", "du sed kes"),
    ("en", "kmr", "40 villages", "çil gund"),
    ("en", "en", "eleven", "11"),
    ("en", "ar", "ninety", "تسعين"),
    ("en", "ckb", "ninety", "نەوەد"),
    ("en", "kmr", "seventeen", "hevdeh"),
    ("en", "en", "one million two hundred thousand", "1,200,000"),
    ("en", "en", "a billion", "1,000,000,000"),
    ("en", "ar", "zero", "صفر"),
    # times, ranges, percent words, codes, the first end of a range
    ("en", "ar", "just after 11:00", "بعد الساعة ١١ بقليل"),
    ("en", "ar", "at 11:20", "عند الساعة ١١:٢٠"),
    ("en", "ar", "10-15 people", "١٠-١٥ شخصاً"),
    ("en", "ar", "20 percent", "٢٠ في المائة"),
    ("en", "ckb", "20%", "لە سەدا ٢٠"),
    ("en", "kmr", "20%", "ji sedî 20"),
    ("en", "kmr", "340 million to 500 million speakers", "ji 340î heta 500 milyon axêver"),
    ("en", "ar", "COVID-19 and SARS-CoV-2", "كوفيد-19 وسارس-كوف-2"),
    ("en", "kmr", "World War II", "Şerê Cîhanê yê 2yê"),
    ("en", "en", "three decades", "30 years"),
    # "one" is often no number: its absence is no finding
    ("en", "ar", "one of the soldiers", "أحد الجنود"),
    ("en", "ckb", "one of them", "یەکێک لەوان"),
]


@pytest.mark.parametrize(("src_lang", "tgt_lang", "src", "tgt"), SAME, ids=[c[2] for c in SAME])
def test_the_same_number_written_differently_is_no_finding(src_lang, tgt_lang, src, tgt):
    assert check_pair(src, tgt, src_lang, tgt_lang, checks="numbers") == []


DIFFERENT = [
    ("en", "ar", "2,340 families", "٢٣٠٤ عائلة", "critical", "English says 2,340 families"),
    ("en", "ckb", "27 attacks", "٧٢ هێرش", "critical", "Sorani says ٧٢ هێرش"),
    ("en", "kmr", "3,500 soldiers", "3.600 leşker", "critical", "Kurmanji says 3.600 leşker"),
    ("en", "ar", "1.5 million", "مليونا", "major", "English says 1.5 million"),
    ("en", "ar", "four brigades", "خمسة ألوية", "major", "Arabic says خمسة ألوية"),
    ("en", "kmr", "27 attacks", "êrîş", "major", "Kurmanji has no such number"),
    ("en", "ckb", "three villages", "گوندەکان", "minor", "English says three villages"),
    ("ar", "en", "قتل ١٤ شخصاً", "people were killed", "major", "Arabic says ١٤ شخصاً"),
]


@pytest.mark.parametrize(
    ("src_lang", "tgt_lang", "src", "tgt", "severity", "quoted"),
    DIFFERENT,
    ids=[c[2] + " / " + c[3] for c in DIFFERENT],
)
def test_a_different_or_missing_number_is_found(src_lang, tgt_lang, src, tgt, severity, quoted):
    [found] = check_pair(src, tgt, src_lang, tgt_lang, checks="numbers")
    assert (found.check, found.severity) == ("numbers", severity)
    assert quoted in found.message


def test_a_mismatch_quotes_both_sides_and_points_at_both_numbers():
    src, tgt = "The army said 2,340 families left.", "قال الجيش إن ٢٣٠٤ عائلة غادرت."
    [found] = check_pair(src, tgt, "en", "ar")
    assert found.message == "English says 2,340 families; Arabic says ٢٣٠٤ عائلة."
    assert src[slice(*found.src_span)] == "2,340"
    assert tgt[slice(*found.tgt_span)] == "٢٣٠٤"


@pytest.mark.parametrize(
    ("written", "values"),
    [
        ("1,500,000", {"1500000"}),
        ("1.500.000", {"1500000"}),
        ("3.500", {"3500", "3.5"}),
        ("3,500", {"3500", "3.5"}),
        ("1.5", {"1.5"}),
        ("2,3", {"2.3"}),
        ("1,234.5", {"1234.5"}),
        ("1.234,5", {"1234.5"}),
        ("0230", {"230"}),
        ("1 500 000", {"1500000"}),
    ],
)
def test_digit_values(written, values):
    assert digit_values(written) == {Decimal(v) for v in values}


def test_numbers_in_a_date_are_the_dates_check_s():
    [number] = [n for n in numbers_of(Side("on 3 May 2021, 12 people", "en")) if not n.in_date]
    assert number.values == {12}
