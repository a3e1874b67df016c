"""The `names` check: names, acronyms, web addresses and e-mail addresses on one side and
not on the other.

What counts as a name: in Latin-script text, a run of capitalised words that does not open a
sentence, and any acronym ("HIV", "UNHCR"); in Arabic-script text, any word in Latin letters.
Words a translation translates rather than carries over ("Ministry", "Iraqi", month names)
are listed per language (`[names] not_names`) and never looked for; a title-case line (a
headline) gives only its acronyms.

A name is found on the other side when one of its words is: under another name the
languages use for the same place or group (`[names] same` in common.toml: Erbil, Hewlêr,
أربيل, هەولێر); in Latin letters, the same word or one that starts with the same four
letters, accents aside ("Stanford", "Stanfordê"; "Vidal", "Vîdal"), or with the same
consonants ("Catalan", "Katalan"; Kurmanji x, c, ç, ş read as kh, j, ch, sh); in Arabic
script, through the aligner's transliteration signal: the word's consonant skeleton holds the
name's or is held in it ("Stanford", "ستانفورد"; k and g are one, as Arabic writes g with ك).
A name too short to have three consonants cannot be told in Arabic script and is not looked
for there. Between two Latin-script versions, a name the other side lacks is a finding only
when the other side has no name of its own left unmatched (it may be the same name,
translated).

Severity: a web or e-mail address missing is major (it must be carried over as it is), a
name minor (a translator may rightly translate "University").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property

from workbench.align.signals.translit import MIN_CONSONANTS, arabic_skeletons, latin_skeleton
from workbench.qa.pair import Pair, Side, finding, mirrored
from workbench.records import Finding
from workbench.text.languages import SCRIPTS
from workbench.text.normalize import fold_in_place
from workbench.text.rules import rules

NAME = "names"
ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s<>\"«»]*[^\s<>\"«».,;:!?)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’]*(?:-[A-Za-z\u00c0-\u024f]+)*")
UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper() and chr(c).isalpha())
CAPITALISED = re.compile(rf"\b[{UPPER}][A-Za-z\u00c0-\u024f'’]*(?:-[A-Za-z\u00c0-\u024f]+)*")
LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z\u00df-\u00ff][a-z\u00df-\u024f'’-]*")
ARABIC_WORD = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]{3,}")
OPENS = re.compile(r"(?:^|[.!?؟:;…]|\n)[\s\"'“”«»‘’(\[-]*$")  # before a sentence's first word
KURMANJI_SOUNDS = str.maketrans({"x": "kh", "c": "j", "ç": "ch", "ş": "sh", "q": "k"})
CONNECTORS = {"of", "al", "el", "de", "bin", "bint", "ibn", "abu", "van", "von", "la", "da"}
TITLE_CASE = 0.6  # share of capitalised words from which a line is a headline


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    words: tuple[str, ...]
    address: bool = False


def check(pair: Pair) -> list[Finding]:
    ours, theirs = _untraced(pair.src, pair.tgt), _untraced(pair.tgt, pair.src)
    if pair.src.script == pair.tgt.script == "Latn":
        named = [n for n in ours if not n.address], [n for n in theirs if not n.address]
        if all(named):  # each side has a name the other lacks: likely one name, translated
            ours = [n for n in ours if n.address]
            theirs = [n for n in theirs if n.address]
    return _findings(pair, ours) + [mirrored(f) for f in _findings(pair.swapped(), theirs)]


def _untraced(side: Side, other: Side) -> list[Name]:
    return [n for n in names_of(side) if not _traced(n, side.lang, other)]


def _findings(pair: Pair, names: list[Name]) -> list[Finding]:
    """Findings for the names of the source that leave no trace in the target."""
    found = []
    for name in names:
        shown = pair.src.text[name.start : name.end]
        if name.address:
            message = f"{pair.src.name} gives the address {shown}; {pair.tgt.name} does not."
            found.append(finding(NAME, "major", message, (name.start, name.end), None))
        else:
            message = f"{pair.src.name} names {shown}; {pair.tgt.name} has no trace of it."
            found.append(finding(NAME, "minor", message, (name.start, name.end), None))
    return found


def names_of(side: Side) -> list[Name]:
    """The names, acronyms and addresses a side writes (computed once per side)."""
    return side.memo(NAME, _read)


def _read(side: Side) -> list[Name]:
    text = side.text
    addresses = (
        [Name(m.start(), m.end(), (m[0],), True) for m in ADDRESS.finditer(text)]
        if "@" in text or "www." in text or "://" in text
        else []
    )
    taken = [(a.start, a.end) for a in addresses]
    arabic_script = side.script == "Arab"
    found = (LATIN if arabic_script else CAPITALISED).finditer(text)
    tokens = [m for m in found if len(m[0]) > 1 and (arabic_script or _word_start(text, m))]
    if taken:
        tokens = [m for m in tokens if not any(s <= m.start() < e for s, e in taken)]
    if not tokens:
        return addresses
    headline = not arabic_script and _title_case(text, len(tokens))
    skip = _not_names(side.lang)
    phrases: list[list[re.Match]] = []
    previous_end = -1
    for m in tokens:
        word = m[0]
        if not arabic_script and not _is_name(text, m, headline, skip):
            if word.lower() not in CONNECTORS:
                previous_end = -1
            continue
        if phrases and previous_end >= 0 and _continues(text[previous_end : m.start()]):
            phrases[-1].append(m)
        else:
            phrases.append([m])
        previous_end = m.end()
    names = [
        Name(p[0].start(), p[-1].end(), tuple(m[0] for m in p))
        for p in phrases
        if arabic_script or any(not _skipped(m[0], skip) for m in p)
    ]
    return sorted([*addresses, *names], key=lambda n: n.start)


def _word_start(text: str, m: re.Match) -> bool:
    """Whether a capitalised match starts a word ("O'Brien" yes, the "Brien" of it no)."""
    return m.start() == 0 or text[m.start() - 1] not in "'’-"


def _is_name(text: str, m: re.Match, headline: bool, skip: frozenset[str]) -> bool:
    word = m[0]
    if not word[0].isupper():
        return False
    if word.isupper():
        return True  # an acronym, wherever it stands
    if headline:
        return False
    return not OPENS.search(text, max(0, m.start() - 12), m.start())


def _continues(gap: str) -> bool:
    """Whether two capitalised words are one name: only spaces (and connectors) between."""
    return all(part.lower() in CONNECTORS for part in gap.split()) and not re.search(
        r"[,.;:!?()\"«»“”]", gap
    )


def _title_case(text: str, capitalised: int) -> bool:
    """Whether most words of a line are capitalised (connectors aside): a headline."""
    lower = sum(1 for w in LOWER_WORD.findall(text) if w not in CONNECTORS)
    return capitalised >= 4 and capitalised >= TITLE_CASE * (capitalised + lower)


@cache
def _not_names(lang: str) -> frozenset[str]:
    """Words never looked for: translated words of the language, month and weekday names."""
    language = rules(lang)
    calendar = (w for name in [*language.months, *language.weekdays] for w in name.split())
    return frozenset(_plain(w) for w in [*language.not_names, *calendar])


def _skipped(word: str, skip: frozenset[str]) -> bool:
    """Whether a word is one never looked for, also with a Kurmanji ending ("Gulanê")."""
    plain = _plain(word.replace("’", "'").split("'")[0])
    return plain in skip or any(plain[:-k] in skip for k in (1, 2, 3) if len(plain) - k >= 3)


# --- finding a name on the other side ---------------------------------------------------


def _traced(name: Name, lang: str, other: Side) -> bool:
    if name.address:
        return name.words[0].lower() in other.text.lower()
    traces = _traces(other)
    skip = _not_names(lang) if SCRIPTS[lang] == "Latn" else frozenset()
    parts = [
        p
        for word in name.words
        for p in word.casefold().split("-")
        if p not in CONNECTORS and not _skipped(p, skip)
    ]
    checkable = False
    for part in parts:
        plain = _plain(part)
        group = _same_name(plain, lang)
        if group is not None:
            if any(_holds(other, traces, spelling) for spelling in group):
                return True
            checkable = True
        if plain in traces.exact or (len(plain) >= 4 and plain[:4] in traces.prefixes):
            return True
        skeleton = _skeleton(part, lang)
        if len(skeleton) < MIN_CONSONANTS:
            checkable = checkable or bool(traces.exact)  # Latin letters there: comparable
            continue
        checkable = True
        if any(skeleton in s or s in skeleton for s in traces.skeletons):
            return True
    return not checkable


def _holds(side: Side, traces: _Traces, spelling: str) -> bool:
    """Whether a side writes one spelling of a name (Latin: as a word or with an ending;
    Arabic script: anywhere in a word, with its proclitics and endings)."""
    plain = _plain(spelling)
    if LATIN.fullmatch(spelling.replace(" ", "")):
        return (
            plain in traces.exact
            or any(w.startswith(plain) for w in traces.exact)
            or (" " in plain and plain in side.text.casefold())
        )
    folded = fold_in_place(spelling, side.lang)
    return folded in side.folded or (folded.startswith("ال") and folded[2:] in side.folded)


def _same_name(plain: str, lang: str) -> tuple[str, ...] | None:
    """Every spelling of the name a word spells (with a Kurmanji ending, "Hewlêrê"), if the
    languages name it differently."""
    table = _same_names(lang)
    for cut in range(4):
        if len(plain) - cut >= 2 and plain[: len(plain) - cut] in table:
            return table[plain[: len(plain) - cut]]
    return None


@cache
def _same_names(lang: str) -> dict[str, tuple[str, ...]]:
    """Plain Latin spelling -> every spelling of that name (from common.toml)."""
    return {_plain(w): group for group in rules(lang).same_names for w in group if LATIN.match(w)}


@cache
def _skeleton(word: str, lang: str) -> str:
    """The consonant skeleton of a Latin word (Kurmanji letters read for their sounds)."""
    if lang == "kmr":
        word = word.casefold().translate(KURMANJI_SOUNDS)
    return latin_skeleton(_plain(word)).replace("g", "k")


class _Traces:
    """What names leave in a side: its Latin words (whole and by their first four letters)
    and, computed when first needed, the consonant skeletons of its names and its
    Arabic-script words."""

    def __init__(self, side: Side):
        self.side = side
        latin = [_plain(m[0]) for m in LATIN.finditer(side.text)]
        parts = [p for word in latin for p in word.split("-")]
        self.exact = frozenset([*latin, *parts])
        self.prefixes = frozenset(p[:4] for p in parts if len(p) >= 4)

    @cached_property
    def skeletons(self) -> frozenset[str]:
        side = self.side
        found = {_skeleton(m[0], side.lang) for m in LATIN.finditer(side.text) if m[0][0].isupper()}
        for word in ARABIC_WORD.findall(side.text):
            found |= _arabic_skeletons(word)
        return frozenset(s for s in found if len(s) >= MIN_CONSONANTS)


def _traces(side: Side) -> _Traces:
    return side.memo("name-traces", _read_traces)


def _read_traces(side: Side) -> _Traces:
    return _Traces(side)


@cache
def _arabic_skeletons(word: str) -> frozenset[str]:
    return frozenset(s.replace("g", "k") for s in arabic_skeletons(word))


@cache
def _plain(word: str) -> str:
    """A Latin word in lower case without accents or apostrophes ("Vîdal" -> "vidal")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "'’")
