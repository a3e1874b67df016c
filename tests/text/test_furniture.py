"""Scraped-page furniture goes; every article sentence stays. Rules are per language."""

import pytest

from workbench.text.furniture import remove_furniture
from workbench.text.rules import rules

NBSP = "\u00a0"

SCRAPED = {
    "en": (
        [
            "Floods close roads in Duhok",
            "Duhok 08:40 AM - 2021-05-03",
            ".",
            ".",
            "Rain fell all night. Several roads were closed.",
            NBSP,
            "You can download the flood map from the governorate's website.",
            NBSP,
            NBSP,
            "Zagros Monitor" + NBSP,
            "see more",
            "Most read",
            "Oil exports resume",
            "The News in your pocket",
            "Download",
            "Logo Application",
            "Play Store App Store Logo",
        ],
        [
            "Floods close roads in Duhok",
            "Rain fell all night. Several roads were closed.",
            "You can download the flood map from the governorate's website.",
        ],
        "2021-05-03",
    ),
    "ar": (
        [
            "إغلاق طرق في دهوك بسبب الفيضانات",
            "دهوك - 3 أيار 2021",
            ".",
            "هطلت الأمطار طوال الليل. وأغلقت عدة طرق.",
            "اقرأ أيضاً: السدود في أعلى مستوى منذ عشر سنوات",
            "ويمكن تحميل خريطة الفيضانات من موقع المحافظة.",
            "زاغروس مونيتور",
            "اقرأ المزيد",
            "الأكثر قراءة",
            "استئناف صادرات النفط",
            "الأخبار في جيبك",
            "تحميل",
            "Play Store App Store Logo",
        ],
        [
            "إغلاق طرق في دهوك بسبب الفيضانات",
            "هطلت الأمطار طوال الليل. وأغلقت عدة طرق.",
            "ويمكن تحميل خريطة الفيضانات من موقع المحافظة.",
        ],
        "2021-05-03",
    ),
    "ckb": (
        [
            "داخستنی ڕێگاکان لە دهۆک بەهۆی لافاوەوە",
            "دهۆک - ٣ی ئایاری ٢٠٢١",
            ".",
            "\u200f.",
            "باران هەموو شەو باری. چەند ڕێگایەک داخران.",
            NBSP,
            "دەتوانن نەخشەی لافاوەکە لە ماڵپەڕی پارێزگا داگرن.",
            "زاگرۆس مۆنیتەر",
            "زیاتر ببینە",
            "زۆرترین خوێنراو",
            "هەناردەی نەوت دەستی پێکردەوە",
            "هەواڵ لە گیرفانتدا",
            "داگرتن",
            "Play Store App Store Logo",
        ],
        [
            "داخستنی ڕێگاکان لە دهۆک بەهۆی لافاوەوە",
            "باران هەموو شەو باری. چەند ڕێگایەک داخران.",
            "دەتوانن نەخشەی لافاوەکە لە ماڵپەڕی پارێزگا داگرن.",
        ],
        "2021-05-03",
    ),
    "kmr": (
        [
            "Ji ber lehiyê rê li Dihokê hatin girtin",
            "Dihok - 3ê Gulanê 2021",
            ".",
            "* * *",
            "Baran hemû şevê barî. Çend rê hatin girtin.",
            NBSP,
            "Hûn dikarin nexşeya lehiyê ji malpera parêzgehê daxînin.",
            "Zagros Monitor",
            "Bêtir bibîne",
            "Yên herî zêde hatine xwendin",
            "Hinardekirina petrolê dest pê kir",
            "Nûçe di bêrîka te de",
            "Daxîne",
            "Play Store App Store Logo",
        ],
        [
            "Ji ber lehiyê rê li Dihokê hatin girtin",
            "Baran hemû şevê barî. Çend rê hatin girtin.",
            "Hûn dikarin nexşeya lehiyê ji malpera parêzgehê daxînin.",
        ],
        "2021-05-03",
    ),
}


@pytest.mark.parametrize("lang", list(SCRAPED))
def test_scraped_page_keeps_the_article_and_only_the_article(lang):
    page, article, _ = SCRAPED[lang]
    assert list(remove_furniture(page, lang).paragraphs) == article


@pytest.mark.parametrize("lang", list(SCRAPED))
def test_dateline_becomes_the_date(lang):
    page, _, date = SCRAPED[lang]
    assert remove_furniture(page, lang).date == date


@pytest.mark.parametrize("lang", list(SCRAPED))
def test_every_dropped_line_is_accounted_for(lang):
    page, article, _ = SCRAPED[lang]
    cleaned = remove_furniture(page, lang)
    kept_or_dropped = set(cleaned.paragraphs) | set(cleaned.dropped)
    assert {line.strip() for line in page if line.strip()} <= kept_or_dropped


def test_closing_block_with_prose_is_not_cut():
    page = [
        "Headline",
        "First sentence of the article.",
        "Read more",
        "The second half of the article goes on after the button, with a full sentence of prose.",
    ]
    assert remove_furniture(page, "en").paragraphs == (
        "Headline",
        "First sentence of the article.",
        "The second half of the article goes on after the button, with a full sentence of prose.",
    )


def test_a_sentence_mentioning_furniture_words_stays():
    page = ["Headline", "Most read stories were about the floods.", "Download speeds fell."]
    assert remove_furniture(page, "en").paragraphs == tuple(page)


def test_furniture_lines_inside_a_paragraph_go():
    assert remove_furniture(["Headline", "First line.\n.\nSecond line."], "en").paragraphs == (
        "Headline",
        "First line. Second line.",
    )


def test_short_last_line_without_closing_block_is_kept():
    page = ["Headline", "The article.", "Zagros Monitor"]
    assert remove_furniture(page, "en").paragraphs == tuple(page)


def test_furniture_of_one_language_is_not_applied_to_another():
    assert remove_furniture(["Headline", "الأكثر قراءة"], "en").paragraphs == (
        "Headline",
        "الأكثر قراءة",
    )


@pytest.mark.parametrize("lang", ["en", "ar", "ckb", "kmr"])
def test_each_language_has_its_own_furniture_rules(lang):
    language = rules(lang)
    assert language.furniture_lines and language.tail_markers and language.months
