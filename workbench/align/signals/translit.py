"""Names across scripts: "Costello" and "كوستيلو" share the consonant skeleton k-s-t-l.

Both scripts are reduced to a small alphabet of consonant classes (b/p, t/th, d, s/sh, z,
k/c/q, g/j, f/v/ph, h, l, m, n, r), vowels and vowel-like letters are dropped and doubled
letters collapse. Arabic-script words also yield their skeleton without a one-letter
proclitic (و ب ل ف ك) and without the article (ال). The mapping is rough on purpose: it
only has to make the same name meet itself, and rare skeletons shared by two sentences are
what the lexical signal rewards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ARABIC = {
    **dict.fromkeys("بپ", "b"),
    **dict.fromkeys("تثط", "t"),
    **dict.fromkeys("دذض", "d"),
    **dict.fromkeys("سشص", "s"),
    **dict.fromkeys("زژظ", "z"),
    **dict.fromkeys("كکقخ", "k"),
    **dict.fromkeys("جغگچ", "g"),
    **dict.fromkeys("فڤ", "f"),
    **dict.fromkeys("حهھ", "h"),
    **dict.fromkeys("لڵ", "l"),
    **dict.fromkeys("رڕ", "r"),
    "م": "m",
    "ن": "n",
}
_LATIN_DIGRAPHS = (("sch", "s"), ("ph", "f"), ("th", "t"), ("sh", "s"), ("ch", "s"),
                   ("kh", "k"), ("gh", "g"), ("ck", "k"), ("x", "ks"), ("qu", "k"))  # fmt: skip
_LATIN = {
    **dict.fromkeys("bp", "b"),
    "t": "t",
    "d": "d",
    **dict.fromkeys("sşçß", "s"),
    "z": "z",
    **dict.fromkeys("kq", "k"),
    **dict.fromkeys("gjc", "g"),
    **dict.fromkeys("fv", "f"),
    "h": "h",
    "l": "l",
    "m": "m",
    "n": "n",
    "r": "r",
}
_SOFT_C = re.compile(r"c(?=[eiy])")
_PROCLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك")
# Kurmanji's Latin letters, read as the Sorani letters they are written for (c ج, ç چ, j ژ,
# x خ, q ق, v ڤ; folded, so ç is c and ş is s)
_KURMANJI = {
    **dict.fromkeys("bp", "b"),
    "t": "t",
    "d": "d",
    "s": "s",
    **dict.fromkeys("zj", "z"),
    **dict.fromkeys("kqx", "k"),
    **dict.fromkeys("gc", "g"),
    **dict.fromkeys("fv", "f"),
    "h": "h",
    "l": "l",
    "m": "m",
    "n": "n",
    "r": "r",
}
MIN_CONSONANTS = 3
STEM_CONSONANTS = 3  # Sorani and Kurmanji words meet on their first three (see kin_stems)


def _squeeze(letters: list[str]) -> str:
    out: list[str] = []
    for c in letters:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def latin_skeleton(word: str) -> str:
    """Consonant classes of a Latin-script word (lower case, accents already removed)."""
    w = _SOFT_C.sub("s", word.lower())
    for digraph, sound in _LATIN_DIGRAPHS:
        w = w.replace(digraph, sound)
    w = w.replace("c", "k")
    if w.endswith("h"):
        w = w[:-1]
    return _squeeze([_LATIN[c] for c in w if c in _LATIN])


def kurmanji_skeleton(word: str) -> str:
    """Consonant classes of a Kurmanji word (folded), as its Sorani spelling would give."""
    return _squeeze([_KURMANJI[c] for c in word if c in _KURMANJI])


def kin_stems(skeletons: Iterable[str]) -> list[str]:
    """The first consonants of each skeleton: Sorani and Kurmanji share much of their
    vocabulary but not their endings ("zimanê", "زمانەکە"), so their words meet on these."""
    return sorted({s[:STEM_CONSONANTS] for s in skeletons if len(s) >= MIN_CONSONANTS})


def arabic_skeletons(word: str) -> set[str]:
    """Consonant classes of an Arabic-script word, with and without a proclitic."""
    forms = {word}
    for prefix in _PROCLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            forms.add(word[len(prefix) :])
    out = set()
    for form in forms:
        form = form.replace("تش", "ش")
        if form.endswith(("ه", "ة")):
            form = form[:-1]
        skeleton = _squeeze([_ARABIC[c] for c in form if c in _ARABIC])
        if len(skeleton) >= MIN_CONSONANTS:
            out.add(skeleton)
    return out
