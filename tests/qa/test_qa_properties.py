"""Properties of the checks, drawn by hypothesis: swapping the sides mirrors what they find,
the script digits are written in never matters, and no text makes them fail."""

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.qa.run import check_lines, check_pair
from workbench.text.languages import LANGUAGES

SYMMETRIC = "numbers,dates,omission,addition,names,punctuation"
MIRROR = {"omission": "addition", "addition": "omission"}
ARABIC_INDIC = str.maketrans("0123456789.,", "٠١٢٣٤٥٦٧٨٩٫٬")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

FRAGMENTS = {
    "en": ["the army said", "families left", "on Monday", "in May 2021", "on 3 March",
           "twenty-five", "two hundred", "1.5 million", "Erbil", "Stanford", "UNHCR",
           "(report)", "why?", "www.example.org", "\"open", "villages", "and"],
    "ar": ["قال الجيش", "غادرت العائلات", "يوم الاثنين", "في أيار ٢٠٢١", "في ٣ آذار",
           "خمسة وعشرون", "مئتان", "١٫٥ مليون", "أربيل", "ستانفورد", "UNHCR", "(تقرير)",
           "لماذا؟", "www.example.org", "«مفتوح", "القرى", "و"],
    "kmr": ["artêşê got", "malbat derketin", "roja duşemê", "di Gulana 2021an de",
            "di 3ê Adarê de", "bîst û pênc", "du sed", "1,5 milyon", "Hewlêr", "Stanford",
            "UNHCR", "(rapor)", "çima?", "www.example.org", "\"vekirî", "gund", "û"],
    "ckb": ["سوپا وتی", "خێزانەکان ڕۆیشتن", "ڕۆژی دووشەممە", "لە ئایاری ٢٠٢١", "لە ٣ی ئازار",
            "بیست و پێنج", "دوو سەد", "١٫٥ ملیۆن", "هەولێر", "ستانفۆرد", "UNHCR", "(ڕاپۆرت)",
            "بۆچی؟", "www.example.org", "«کراوە", "گوندەکان", "و"],
}  # fmt: skip
NUMBERS = st.integers(0, 10_000_000).map(lambda n: f"{n:,}" if n % 2 else str(n))


@st.composite
def sentence(draw, lang: str) -> str:
    parts = draw(st.lists(st.sampled_from(FRAGMENTS[lang]) | NUMBERS, max_size=9))
    return " ".join(parts) + draw(st.sampled_from(["", ".", "?"]))


def _shape(found, swap: bool = False):
    """What a finding says apart from its wording (which names the sides in their order)."""
    return sorted(
        (
            MIRROR.get(f.check, f.check) if swap else f.check,
            f.severity,
            str(f.tgt_span if swap else f.src_span),
            str(f.src_span if swap else f.tgt_span),
        )
        for f in found
    )


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(
        [("en", "ar"), ("en", "kmr"), ("en", "ckb"), ("ar", "ckb"), ("kmr", "ar")]
    ).flatmap(lambda langs: st.tuples(st.just(langs), sentence(langs[0]), sentence(langs[1])))
)
def test_swapping_the_sides_mirrors_the_findings(drawn):
    (src_lang, tgt_lang), src, tgt = drawn
    ours = check_pair(src, tgt, src_lang, tgt_lang, checks=SYMMETRIC)
    theirs = check_pair(tgt, src, tgt_lang, src_lang, checks=SYMMETRIC)
    assert _shape(ours) == _shape(theirs, swap=True)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["ar", "ckb", "kmr", "en"]).flatmap(
        lambda lang: st.tuples(st.just(lang), sentence(lang))
    ),
    st.sampled_from([ARABIC_INDIC, PERSIAN]),
)
def test_writing_digits_in_another_script_is_no_finding(drawn, script):
    lang, text = drawn
    western = text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩٫٬", "0123456789.,"))
    converted = western.translate(script)
    assert check_pair(western, converted, lang, lang, checks="numbers,dates") == []


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=200),
    st.text(max_size=200),
    st.sampled_from(LANGUAGES),
    st.sampled_from(LANGUAGES),
)
def test_any_text_is_checked_without_failing(src, tgt, src_lang, tgt_lang):
    for found in check_pair(src, tgt, src_lang, tgt_lang, mt=tgt[::-1]):
        for span, text in ((found.src_span, src), (found.tgt_span, tgt)):
            assert span is None or 0 <= span[0] <= span[1] <= len(text)
    check_lines([src], [tgt], src_lang, tgt_lang)
