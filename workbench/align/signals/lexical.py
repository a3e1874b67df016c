"""Lexical anchors: what a translation carries over unchanged.

Each sentence becomes a bag of anchors:
- numbers, with Arabic-Indic (٠-٩) and Persian (۰-۹) digits read as 0-9 and thousands
  separators dropped, so "1,500", "1.500", "1 500" and "١٬٥٠٠" are the same anchor; the
  words for 2-20 and the tens, hundred, thousand, million, billion and percent in the four
  languages count as those numbers;
- month names of English, Arabic (both the Levantine and the Egyptian series), Sorani and
  Kurmanji next to a number, so dates match across the four languages (number and month
  words are looked up in the document's own language only);
- Latin-script words: names and acronyms inside Arabic-script text match the same words in
  Latin-script text; between two Latin-script languages, words of four letters or more are
  compared by their first four letters with accents removed (Simard et al.'s cognates);
- names written in the other script: a capitalised Latin-script word and an Arabic-script
  word meet when their consonant skeletons agree (see `translit`); between Sorani and
  Kurmanji (two varieties of Kurdish, two scripts) every word does, read with Kurmanji's
  letter values, and also by the first three consonants of its skeleton (endings differ);
- words shared by two Arabic-script documents (Arabic loanwords in Sorani), whole;
- quotes, brackets, question and exclamation marks, percent signs (Arabic-script forms
  read as their Latin ones).

Only anchors found in both documents are kept (the others cannot tell sentences apart but
would dilute the cosine), except numbers: a number the other document lacks was not carried
over, and it lowers the score of any group that holds it. Each anchor is weighted by its
inverse document frequency, so a rare name or number counts for more than a common word.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from workbench.align.features import Features
from workbench.align.lexicon import fold
from workbench.align.signals.base import Pair, VectorSignal
from workbench.align.signals.translit import (
    MIN_CONSONANTS,
    arabic_skeletons,
    kin_stems,
    kurmanji_skeleton,
    latin_skeleton,
)
from workbench.text.languages import canonical

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,٫٬'’]\d+)*")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_PUNCT = {
    "?": "?", "؟": "?", "!": "!", "%": "%", "٪": "%", "(": "(", "[": "[",
    "“": '"', "”": '"', "«": '"', "»": '"', '"': '"', "„": '"',
}  # fmt: skip
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

MONTHS = {
    "en": "january february march april may june july august september october november december",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "ar-levant": "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول"
    " تشرين_الثاني كانون_الأول",
    "ckb": "کانوونی_دووەم شوبات ئازار نیسان ئایار حوزەیران تەممووز ئاب ئەیلوول"
    " تشرینی_یەکەم تشرینی_دووەم کانوونی_یەکەم",
    "kmr": "kanûna_paşîn sibat adar nîsan gulan hezîran tîrmeh tebax îlon çiriya_pêşîn"
    " çiriya_paşîn kanûna_pêşîn",
}


NUMBER_WORDS = {
    "en": "two three four five six seven eight nine ten hundred|hundreds thousand|thousands"
    " million|millions billion|billions percent twenty thirty forty fifty sixty seventy"
    " eighty ninety",
    "ar": "اثنان|اثنين|اثنتان|اثنتين ثلاث|ثلاثة أربع|أربعة خمس|خمسة ست|ستة سبع|سبعة"
    " ثمان|ثماني|ثمانية تسع|تسعة عشر|عشرة مئة|مائة|مئات ألف|آلاف|الف مليون|ملايين"
    " مليار|مليارات بالمئة|بالمائة|المئة|المائة عشرين|عشرون ثلاثين|ثلاثون أربعين|أربعون"
    " خمسين|خمسون ستين|ستون سبعين|سبعون ثمانين|ثمانون تسعين|تسعون",
    "ckb": "دوو سێ چوار پێنج شەش حەوت هەشت نۆ دە سەد هەزار ملیۆن ملیار سەدا بیست سی چل"
    " پەنجا شەست حەفتا هەشتا نەوەد",
    "kmr": "du sê çar pênc şeş heft heşt neh deh sed hezar milyon milyar sedî bîst sî çil"
    " pêncî şêst heftê heştê not",
}  # words a translator may write for a number written in digits, in the order of NUMBERS
NUMBERS = ("#2", "#3", "#4", "#5", "#6", "#7", "#8", "#9", "#10", "#100", "#1000", "#1000000",
           "#1000000000", "p%", "#20", "#30", "#40", "#50", "#60", "#70", "#80", "#90")  # fmt: skip
TEENS = {  # 11-19: Arabic writes "ثمانية عشر" (8 10), so every language counts them as both
    "en": "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen",
    "ckb": "یازدە دوازدە سێزدە چواردە پازدە شازدە حەڤدە هەژدە نۆزدە",
    "kmr": "yazdeh diwazdeh sêzdeh çardeh pazdeh şazdeh hevdeh hejdeh nozdeh",
}


def _number_words(lang: str) -> dict[str, tuple[str, ...]]:
    """Folded number word -> its anchors, for one language (none for others)."""
    out: dict[str, tuple[str, ...]] = {}
    for anchor, forms in zip(NUMBERS, NUMBER_WORDS.get(lang, "").split(), strict=False):
        out.update((fold(w), (anchor,)) for w in forms.split("|"))
    for unit, word in enumerate(TEENS.get(lang, "").split(), start=1):
        out[fold(word)] = (f"#{unit}", "#10") if unit > 1 else ("#10",)
    return out


def _month_table(lang: str) -> dict[tuple[str, ...], str]:
    """Folded month name (as a word tuple) -> anchor, for one language (none for others)."""
    table = {}
    for key, names in MONTHS.items():
        if key.split("-")[0] != lang:
            continue
        for number, name in enumerate(names.split(), start=1):
            table[tuple(fold(name).split("_"))] = f"@m{number:02d}"
    return table


def script_of(sentences: Sequence[str]) -> str:
    """ "arabic" or "latin": the script most letters of a document are written in."""
    arabic = latin = 0
    for s in sentences:
        arabic += len(_ARABIC.findall(s))
        latin += len(_LATIN.findall(s))
    return "arabic" if arabic > latin else "latin"


class Anchors:
    """Finds the anchors of the sentences of one document (in `script`) aligned to one in
    `other_script`; remembers each word's anchors, since words repeat."""

    def __init__(self, script: str, other_script: str, lang: str = "", kin: bool = False):
        self.script, self.other_script = script, other_script
        self.kin = kin and script != other_script  # Sorani and Kurmanji, each in its script
        self.months, self.numbers = _month_table(lang), _number_words(lang)
        self._words: dict[str, tuple[str, tuple[str, ...]]] = {}

    def __call__(self, sentence: str) -> Counter[str]:
        found: Counter[str] = Counter()
        text = sentence.translate(_DIGITS)
        for number in _NUMBER.findall(text):
            found["#" + re.sub(r"\D", "", number).lstrip("0")] += 1
        for ch in text:
            if ch in _PUNCT:
                found["p" + _PUNCT[ch]] += 1
        raw = _TOKEN.findall(text)
        words = [self._word(t) for t in raw]
        tokens = [w[0] for w in words]
        for k, (_, features) in enumerate(words):
            found.update(features)
            if not tokens[k].isdigit():
                month = _date_month(tokens, k, self.months)
                if month:
                    found[month] += 1
        return found

    def _word(self, raw: str) -> tuple[str, tuple[str, ...]]:
        known = self._words.get(raw)
        if known is None:
            known = self._words[raw] = self._features(raw)
        return known

    def _number(self, word: str) -> tuple[str, ...]:
        if word in self.numbers:
            return self.numbers[word]
        if word[:1] in "وبلفك" and word[1:] in self.numbers and len(word) > 3:
            return self.numbers[word[1:]]  # with a one-letter Arabic proclitic: "وثلاثة"
        return ()

    def _features(self, raw: str) -> tuple[str, tuple[str, ...]]:
        if raw.isdigit():
            return raw, ()  # the number pattern already found it
        word = fold(raw)
        crossing = self.script != self.other_script
        features = list(self._number(word))
        if _LATIN.match(word):
            if len(word) >= 4:
                features.append("~" + word[:4])
            elif raw.isupper() and len(word) >= 2:
                features.append("=" + word)
            if self.kin or (crossing and raw[0].isupper()):
                skeleton = kurmanji_skeleton(word) if self.kin else latin_skeleton(word)
                if len(skeleton) >= MIN_CONSONANTS:
                    features.append("t" + skeleton)
        elif crossing and len(word) >= 3:
            features.extend("t" + skeleton for skeleton in sorted(arabic_skeletons(word)))
        elif self.script == self.other_script == "arabic" and len(word) >= 3:
            features.append("a" + _strip_article(word))
        if self.kin:
            skeletons = [f[1:] for f in features if f[0] == "t"]
            features.extend("u" + stem for stem in kin_stems(skeletons))
        return word, tuple(features)


KIN = {"ckb", "kmr"}  # Sorani and Kurmanji: whole words meet across the two scripts


def anchors(
    sentence: str, script: str, other_script: str, lang: str = "", kin: bool = False
) -> Counter[str]:
    """The anchors of one sentence of a document in `lang` (see `Anchors`)."""
    return Anchors(script, other_script, lang, kin)(sentence)


def _base_lang(code: str) -> str:
    """ "en", "ar", "ckb", "kmr" for codes the text layer knows (aliases too), else as given."""
    try:
        return canonical(code)
    except Exception:  # a code the workbench does not know (de, fr...): no word tables
        return code.lower()


def _date_month(tokens: list[str], k: int, months: dict[tuple[str, ...], str]) -> str | None:
    """A month name next to a number ("5 May", "أيار 2020"): a date, not the word "may"."""
    for size in (1, 2):
        name = tuple(tokens[k : k + size])
        if len(name) == size and name in months:
            before = k > 0 and tokens[k - 1].isdigit()
            after = k + size < len(tokens) and tokens[k + size].isdigit()
            if before or after:
                return months[name]
    return None


def _strip_article(word: str) -> str:
    for prefix in ("وال", "ال", "و"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    return word


class LexicalSignal(VectorSignal):
    """Numbers, dates, names, acronyms, cognates and punctuation shared by the two groups."""

    name = "lexical"
    default_weight = 1.0

    def __init__(self, weight: float | None = None, scale: float = 6.0, miss: float = 1.0):
        super().__init__(weight)
        self.scale, self.miss = scale, miss

    def parameters(self) -> dict[str, Any]:
        return {"scale": self.scale, "miss": self.miss}

    def vectors(self, pair: Pair) -> tuple[Features, Features]:
        s_script, t_script = script_of(pair.src), script_of(pair.tgt)
        s_lang, t_lang = _base_lang(pair.src_lang), _base_lang(pair.tgt_lang)
        kin = {s_lang, t_lang} == KIN
        src_anchors = Anchors(s_script, t_script, s_lang, kin)
        tgt_anchors = Anchors(t_script, s_script, t_lang, kin)
        src = [src_anchors(s) for s in pair.src]
        tgt = [tgt_anchors(t) for t in pair.tgt]
        return weighted(src, tgt, carried="#")

    def from_cosine(
        self, cosine: np.ndarray, src_empty: np.ndarray, tgt_empty: np.ndarray
    ) -> np.ndarray:
        return shared_words_evidence(cosine, src_empty, tgt_empty, self.scale, self.miss)


def shared_words_evidence(
    cosine: np.ndarray, src_empty: np.ndarray, tgt_empty: np.ndarray, scale: float, miss: float
) -> np.ndarray:
    """Evidence from the cosine of two groups' words (in place): `scale` at full agreement,
    `-miss` for nothing shared, nothing when both sides lack words, and half a miss when
    only one side has any."""
    cosine *= np.float32(scale)
    cosine -= np.float32(miss)
    cosine[src_empty & tgt_empty] = 0.0
    cosine[src_empty ^ tgt_empty] = -miss / 2
    return cosine


def weighted(
    src: Sequence[Mapping[str, float]], tgt: Sequence[Mapping[str, float]], *, carried: str = ""
) -> tuple[Features, Features]:
    """tf-idf vectors over the features both sides use.

    Features whose first character is in `carried` ("*": all) are expected to be carried
    over by any translation: when one side has such a feature that the other
    document lacks altogether, it still counts, in a feature of its own that nothing
    matches, so a group holding an untranslated number scores lower than one without it.
    That feature is the sentence's own (one per sentence, never shared with a neighbour),
    so a group of sentences holds their unmatched weight as separate features would: it
    grows with the square root of the group's size, as the matched part does, and a
    group is not diluted more than its sentences are.
    """
    df_src: Counter[str] = Counter(f for row in src for f in row)
    df_tgt: Counter[str] = Counter(f for row in tgt for f in row)
    shared = sorted(set(df_src) & set(df_tgt))
    ids = {f: k for k, f in enumerate(shared)}
    total = len(src) + len(tgt)
    idf = np.asarray(
        [math.log((total + 1) / (df_src[f] + df_tgt[f])) + 1.0 for f in shared], dtype=np.float32
    )
    lonely_idf = math.log(total + 1) + 1.0

    def rows(side: Sequence[Mapping[str, float]], lonely: int) -> Features:
        out = []
        for own, row in enumerate(side, start=lonely):
            vector: dict[int, float] = {}
            unmatched = 0.0
            for f, c in row.items():
                if f in ids:
                    vector[ids[f]] = float(c) * float(idf[ids[f]])
                elif carried == "*" or (carried and f[0] in carried):
                    unmatched += (float(c) * lonely_idf) ** 2
            if unmatched:
                # one coordinate with the length the unmatched features would have had
                vector[own] = math.sqrt(unmatched)
            out.append(vector)
        return Features.from_counts(out)

    return rows(src, len(shared)), rows(tgt, len(shared) + len(src))
