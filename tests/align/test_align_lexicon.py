"""Lexicons: learned (IBM Model 1, Dice) from a first alignment or a collection, read from a
TSV file or from dictd dictionaries, and used by the learned signal."""

from __future__ import annotations

import gzip
import os
import random

import pytest

from workbench.align import align
from workbench.align.choices import LexiconParams
from workbench.align.lexicon import (
    Lexicon,
    dictionaries_for,
    learn,
    lexicon_word,
    lexicon_words,
    pair_dictionary,
    read_dictd,
)
from workbench.align.signals.learned import LearnedSignal, collection_lexicon
from workbench.errors import InputError

WORDS = [("red", "sor"), ("house", "xanî"), ("big", "mezin"), ("dog", "kûçik"),
         ("small", "biçûk"), ("cat", "pisîk"), ("old", "kevn"), ("tree", "dar")]  # fmt: skip


def made_up_pair(seed: int, count: int = 60, drop: int | None = 30):
    """Sentences of three words and their word-for-word translations; one target dropped."""
    rng = random.Random(seed)
    src, tgt = [], []
    for _ in range(count):
        chosen = rng.sample(WORDS, 3)
        src.append(" ".join(e for e, _ in chosen) + ".")
        tgt.append(" ".join(k for _, k in chosen) + ".")
    if drop is not None:
        del tgt[drop]
    return src, tgt


# --- words and learning --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "word"),
    [
        ("Governments", "govern"),
        ("Élection", "electi"),
        ("والحكومة", "حكومة"),
        ("بالمدينة", "مدينة"),
        ("وَزير", "زير"),  # short vowels go, then the conjunction
        ("Kûçik", "kucik"),
    ],
)
def test_lexicon_words_fold_and_strip_what_varies(token, word):
    assert lexicon_word(token) == word


def test_numbers_and_one_letter_words_are_left_to_the_lexical_signal():
    assert lexicon_words("In 2019 a UN team came") == ["in", "un", "team", "came"]


@pytest.mark.parametrize("method", ["model1", "dice"])
def test_rare_pairs_are_not_learned(method):
    links = [(["red", "house"], ["sor", "xanî"]), (["red", "dog"], ["sor", "kûçik"])]
    learned = learn(links, method, min_count=2)
    assert set(learned.entries) == {"red"} and "sor" in learned.translations("red")


def test_model1_spreads_probability_where_co_occurrence_cannot_tell():
    links = [(["red", "house"], ["sor", "xanî"])] * 3
    learned = learn(links, "model1", min_count=2)
    assert learned.translations("red")["sor"] == pytest.approx(0.5, abs=0.01)


def test_unknown_method_is_refused():
    with pytest.raises(InputError, match="model1, dice"):
        learn([], "ibm9")


def test_merged_pruned_and_reversed():
    a = Lexicon({"red": {"sor": 0.8, "al": 0.2}}, "a")
    b = Lexicon({"red": {"sor": 0.4}, "dog": {"kûçik": 1.0}}, "b")
    both = a.merged(b)
    assert both.translations("red") == {"sor": pytest.approx(0.6), "al": pytest.approx(0.1)}
    assert both.translations("dog") == {"kûçik": 1.0} and both.origin == "a+b"
    assert both.pruned(top=1).translations("red") == {"sor": pytest.approx(0.6)}
    assert b.reversed().translations("kûçik") == {"dog": 1.0}


# --- lexicon files --------------------------------------------------------------------------


def test_a_lexicon_file_reads_back_what_was_written(tmp_path):
    lexicon = Lexicon({"red": {"sor": 0.75, "al": 0.25}, "dog": {"kucik": 1.0}})
    path = tmp_path / "lexicon.tsv"
    lexicon.write(path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == "dog\tkucik\t1.0000"
    assert Lexicon.read(path).entries == lexicon.entries


def test_a_lexicon_file_may_omit_probabilities_and_hold_comments(tmp_path):
    path = tmp_path / "terms.tsv"
    path.write_text("# agreed terms\nGovernment\tHikûmet\nelection\thilbijartin\t0.5\n")
    read = Lexicon.read(path)
    assert read.translations("govern") == {"hikume": 1.0}
    assert read.translations("electi") == {"hilbij": 0.5}
    assert read.origin == "file:terms.tsv"


@pytest.mark.parametrize(
    ("text", "message"),
    [("red sor\n", "line 1 is not"), ("red\tsor\tmuch\n", "line 1: the probability")],
)
def test_a_broken_lexicon_file_names_the_line(tmp_path, text, message):
    path = tmp_path / "bad.tsv"
    path.write_text(text)
    with pytest.raises(InputError, match=message):
        Lexicon.read(path)


# --- dictd dictionaries ----------------------------------------------------------------------

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 64)
        digits = B64[digit] + digits
        if number == 0:
            return digits


def write_dictd(folder, name: str, entries: dict[str, str], zipped: bool = False):
    """A dictd dictionary as dictfmt writes one: NAME.index and NAME.dict (or .dict.dz)."""
    data, index = b"", []
    for headword, body in {"00databaseinfo": "made for a test", **entries}.items():
        raw = f"{headword}\n{body}\n".encode()
        index.append(f"{headword}\t{b64(len(data))}\t{b64(len(raw))}")
        data += raw
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    if zipped:
        (folder / f"{name}.dict.dz").write_bytes(gzip.compress(data))
    else:
        (folder / f"{name}.dict").write_bytes(data)
    return folder / f"{name}.index"


KUR_ENG = {
    "kûçik": "/kuːtʃɪk/ <n>\n1. dog\n2. hound (animal)",
    "mezin": "<adj>\nbig; large, great",
    "sor": "red",
}


@pytest.mark.parametrize("zipped", [False, True], ids=["dict", "dict.dz"])
def test_a_dictd_dictionary_reads_as_a_lexicon(tmp_path, zipped):
    index = write_dictd(tmp_path / "dictd", "freedict-kur-eng", KUR_ENG, zipped)
    read = read_dictd(index)
    assert read.translations("kucik") == {"dog": 0.5, "hound": 0.5}
    third = pytest.approx(1 / 3)
    assert read.translations("mezin") == {"big": third, "large": third, "great": third}
    assert "00data" not in read.entries and read.origin == "dictd:freedict-kur-eng"


def test_a_dictd_index_without_its_data_says_so(tmp_path):
    index = write_dictd(tmp_path, "freedict-kur-eng", KUR_ENG)
    (tmp_path / "freedict-kur-eng.dict").unlink()
    with pytest.raises(InputError, match="No .dict or .dict.dz file next to"):
        read_dictd(index)


def test_installed_dictionaries_are_found_for_either_direction(tmp_path):
    write_dictd(tmp_path, "freedict-kur-eng", KUR_ENG)
    assert dictionaries_for("kmr", "en", str(tmp_path)) == [
        (tmp_path / "freedict-kur-eng.index", False)
    ]
    assert dictionaries_for("en", "kmr", str(tmp_path)) == [
        (tmp_path / "freedict-kur-eng.index", True)
    ]
    assert dictionaries_for("en", "kmr", "none") == []
    assert dictionaries_for("en", "ckb", str(tmp_path)) == []
    with pytest.raises(InputError, match="no dictionary folder"):
        dictionaries_for("en", "kmr", str(tmp_path / "missing"))


def test_auto_reads_the_folder_workbench_dictionaries_names(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_DICTIONARIES", str(tmp_path))
    assert dictionaries_for("en", "kmr") == []
    write_dictd(tmp_path, "freedict-isl-eng", {"hundur": "dog"})
    write_dictd(tmp_path, "freedict-ckb-kmr", {"sag": "kûçik"})  # Sorani in Latin letters
    assert dictionaries_for("en", "is") == [(tmp_path / "freedict-isl-eng.index", True)]
    assert dictionaries_for("is", "en", "auto") == [(tmp_path / "freedict-isl-eng.index", False)]
    assert dictionaries_for("ckb", "kmr") == []  # it could not meet Arabic-script Sorani
    result = align(["The dog."], ["Hundur."], src_lang="en", tgt_lang="is",
                   signals=["length", "learned"])  # fmt: skip
    assert "dict=freedict-isl-eng" in result.signature


def test_a_pairs_dictionaries_are_one_lexicon_read_once_per_change(tmp_path):
    kur_eng = write_dictd(tmp_path, "freedict-kur-eng", KUR_ENG)
    eng_kur = write_dictd(tmp_path, "freedict-eng-kur", {"dog": "kûçik", "cat": "pisîk"})
    found = dictionaries_for("en", "kmr", str(tmp_path))
    assert found == [(eng_kur, False), (kur_eng, True)]
    both = pair_dictionary(found)
    assert both.translations("dog") == {"kucik": 1.0}  # both dictionaries agree
    assert both.translations("cat") == {"pisik": 1.0}  # only eng-kur knows it
    assert both.translations("hound") == {"kucik": 1.0}  # only kur-eng, read backwards
    assert pair_dictionary(found) is both
    write_dictd(tmp_path, "freedict-eng-kur", {"dog": "se"})
    os.utime(eng_kur, ns=(1, 1))
    again = pair_dictionary(found)
    assert again is not both
    assert again.translations("dog") == {"se": 0.5, "kucik": 0.5}
    (tmp_path / "freedict-eng-kur.index").unlink()
    with pytest.raises(InputError, match="Cannot read the dictd index"):
        pair_dictionary(found)


def test_the_learned_signal_reads_the_dictionaries_it_finds(tmp_path):
    write_dictd(tmp_path, "freedict-kur-eng", KUR_ENG)
    src = ["The red dog is big.", "A cat."]
    tgt = ["Kûçikê sor mezin e.", "Pisîkek."]
    params = LexiconParams(dictionaries=str(tmp_path))
    result = align(src, tgt, src_lang="en", tgt_lang="kmr", signals=["length", "learned"],
                   lexicon_params=params)  # fmt: skip
    assert "dict=freedict-kur-eng" in result.signature
    assert result.lexicon.translations("dog") == {"kucik": 1.0}
    # the dictionary's entries for the document's words, not the whole dictionary
    assert "big" in result.lexicon.entries and "large" not in result.lexicon.entries


def test_what_the_documents_teach_comes_before_the_dictionary(tmp_path):
    write_dictd(tmp_path, "freedict-eng-kur", {"dog": "se", "zebra": "zebra"})
    src, tgt = made_up_pair(3)
    src[0] = src[0].rstrip(".") + " zebra."
    result = align(src, tgt, src_lang="en", tgt_lang="kmr", signals=["length", "learned"],
                   lexicon_params=LexiconParams(dictionaries=str(tmp_path)))  # fmt: skip
    assert next(iter(result.lexicon.translations("dog"))) == "kucik"
    assert "se" not in result.lexicon.translations("dog")  # learned here: no dictionary guess
    assert result.lexicon.translations("zebra") == {"zebra": 1.0}  # seen once: not learned


# --- the learned signal ------------------------------------------------------------------------


def test_learned_signal_finds_the_dropped_sentence_and_says_what_it_learned():
    src, tgt = made_up_pair(3)
    result = align(src, tgt, src_lang="en", tgt_lang="kmr", signals=["length", "learned"])
    assert ((30,), ()) in [b.segments for b in result.beads]
    assert "method=model1" in result.signature and "entries=8" in result.signature
    assert next(iter(result.lexicon.translations("dog"))) == "kucik"


def test_dice_is_chosen_through_the_parameters():
    src, tgt = made_up_pair(4)
    result = align(src, tgt, src_lang="en", tgt_lang="kmr", signals=["length", "learned"],
                   lexicon_params=LexiconParams(method="dice"))  # fmt: skip
    assert "method=dice" in result.signature
    assert ((30,), ()) in [b.segments for b in result.beads]


def test_a_given_lexicon_speaks_for_a_document_too_short_to_teach_anything():
    src = ["red house.", "big dog.", "old tree.", "small cat."]
    tgt = ["xanî sor.", "kûçikê mezin.", "dar kevn.", "pisîk biçûk."]
    lexicon = Lexicon({lexicon_word(e): {lexicon_word(k): 1.0} for e, k in WORDS}, "test")
    alone = align(src, tgt, src_lang="en", tgt_lang="kmr", signals=["length", "learned"])
    helped = align(src, tgt, src_lang="en", tgt_lang="kmr", signals=["length", "learned"],
                   lexicon=lexicon)  # fmt: skip
    assert alone.lexicon.entries == {} and len(helped.lexicon) == 8
    assert [b.segments for b in helped.beads] == [((k,), (k,)) for k in range(4)]
    assert all(h.score > a.score + 3 for h, a in zip(helped.beads, alone.beads, strict=True))
    assert "lexicon=test" in helped.signature


def test_a_lexicon_by_language_pair_gives_each_pair_its_own(tmp_path):
    path = tmp_path / "en-kmr.tsv"
    path.write_text("dog\tkûçik\n")
    by_pair = {"en-kmr": Lexicon.read(path), "en-ar": Lexicon({"dog": {"كلب": 1.0}})}
    signal = LearnedSignal.from_options(lexicon=by_pair, src_lang="en", tgt_lang="kmr")
    assert signal.given.origin == "file:en-kmr.tsv"
    from_file = LearnedSignal.from_options(lexicon=str(path))
    assert from_file.given.translations("dog") == {"kucik": 1.0}


def test_a_collection_lexicon_needs_a_store():
    with pytest.raises(InputError, match="align stored reports"):
        align(["a"], ["b"], src_lang="en", tgt_lang="kmr", signals=["learned"],
              lexicon="collection")  # fmt: skip


def test_a_collection_teaches_what_no_single_short_document_can():
    pairs = [made_up_pair(seed, count=6, drop=None) for seed in range(12)]
    single = collection_lexicon(pairs[:1], src_lang="en", tgt_lang="kmr")
    many = collection_lexicon(pairs, src_lang="en", tgt_lang="kmr")
    assert len(single) < len(many) == 8
    assert many.origin.startswith("collection(")


def test_align_report_learns_a_collection_lexicon_from_the_store(db):
    from workbench.align.report import align_report
    from workbench.text.corpus import load_corpus

    load_corpus(db)
    signals = ["length", "lexical", "learned"]
    stored = align_report(db, "security-meeting", langs=["en", "kmr"], signals=signals,
                          lexicon="collection")  # fmt: skip
    assert "lexicon=collection(" in stored.signature
    assert len(stored.beads) >= 13


def test_models_list_names_the_dictionaries_here_and_the_packages_that_are_not(
    cli, tmp_path, monkeypatch
):
    monkeypatch.setenv("WORKBENCH_DICTIONARIES", str(tmp_path))
    before = cli("models", "list").out
    assert f"Alignment dictionaries (FreeDict, for the learned signal) in {tmp_path}: none." in (
        before
    )
    packages = "dict-freedict-eng-ara dict-freedict-ara-eng dict-freedict-kur-eng"
    assert f"`apt-get install {packages}`" in before
    write_dictd(tmp_path, "freedict-kur-eng", KUR_ENG)
    after = cli("models", "list").out
    assert f"in {tmp_path}: en-kmr (freedict-kur-eng)." in after
    assert "`apt-get install dict-freedict-eng-ara dict-freedict-ara-eng`" in after
