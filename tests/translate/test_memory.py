import pytest

from workbench.records import Translation
from workbench.store.translations import (
    count_translations,
    find_translations,
    key_of,
    save_translations,
    translation_key,
)
from workbench.translate import get_translator
from workbench.translate.cache import CachedTranslator
from workbench.translate.fake import FakeTranslator
from workbench.translate.pivot import PivotTranslator

KEY = dict(model="m", revision="r", engine="ct2", settings="{}", src_lang="en", tgt_lang="ar")


def test_a_second_translation_of_the_same_text_comes_from_the_memory(db):
    fake = FakeTranslator("en", "ar")
    cached = CachedTranslator(fake, db)
    first = cached.translate(["One.", "Two."])
    again = CachedTranslator(FakeTranslator("en", "ar"), db)
    assert again.translate(["Two.", "One."]) == first[::-1]
    assert (again.hits, again.translated) == (2, 0)


def test_only_what_changed_is_translated_again(db):
    CachedTranslator(FakeTranslator("en", "ar"), db).translate(["One.", "Two.", "Three."])
    fake = FakeTranslator("en", "ar")
    cached = CachedTranslator(fake, db)
    assert cached.translate(["One.", "Two, changed.", "Three."]) == [
        "[ar] One.",
        "[ar] Two, changed.",
        "[ar] Three.",
    ]
    assert fake.calls == [["Two, changed."]]


def test_repeated_and_empty_lines_are_not_sent_twice_or_at_all(db):
    fake = FakeTranslator("en", "ar")
    out = CachedTranslator(fake, db).translate(["Same.", "", "Same.", "  "])
    assert out == ["[ar] Same.", "", "[ar] Same.", ""]
    assert fake.calls == [["Same."]]


def test_each_translation_is_stored_with_its_signature(db):
    fake = FakeTranslator("en", "ar")
    CachedTranslator(fake, db).translate(["One."])
    stored = next(iter(find_translations(db, [translation_key(
        model="fake", revision="", engine="fake", settings="{}",
        src_lang="en", tgt_lang="ar", source="One.",
    )]).values()))  # fmt: skip
    assert (stored.output, stored.signature) == ("[ar] One.", fake.signature)


@pytest.mark.parametrize(
    "change",
    [{"model": "m2"}, {"revision": "r2"}, {"engine": "hf"}, {"settings": '{"beam": 1}'},
     {"src_lang": "ckb"}, {"tgt_lang": "kmr"}],
)  # fmt: skip
def test_any_change_in_how_a_text_is_translated_is_a_different_key(change):
    assert translation_key(**KEY, source="x") != translation_key(**{**KEY, **change}, source="x")


def test_keys_hash_structure_so_joined_strings_cannot_collide():
    joined = translation_key(**{**KEY, "model": "m|r"}, source="x")
    split = translation_key(**{**KEY, "model": "m", "revision": "r"}, source="x")
    assert joined != split


def test_saving_the_same_translation_twice_keeps_one_row(db):
    t = Translation("One.", "واحد.", "en", "ar", "m", "r", "ct2", "{}", "sig")
    assert save_translations(db, [t]) == 1
    assert save_translations(db, [t]) == 0
    assert count_translations(db) == 1
    assert find_translations(db, [key_of(t)])[key_of(t)].output == "واحد."


def test_finding_many_keys_works_past_sqlites_variable_limit(db):
    rows = [
        Translation(f"s{i}", f"o{i}", "en", "ar", "m", "r", "ct2", "{}", "sig") for i in range(1200)
    ]
    save_translations(db, rows)
    assert len(find_translations(db, [key_of(t) for t in rows])) == 1200


def test_a_changed_decoding_setting_is_translated_anew(tiny_model, settings, db):
    model = str(tiny_model("en", "ar"))
    greedy = get_translator("en", "ar", settings, model=model, beam=1, db=db)
    greedy.translate(["The report."])
    beam = get_translator("en", "ar", settings, model=model, beam=2, db=db)
    beam.translate(["The report."])
    assert (beam.hits, beam.translated) == (0, 1)


def test_a_pivot_caches_each_leg_so_shared_legs_are_reused(catalog_models, settings, db):
    get_translator("ar", "ckb", settings, db=db).translate(["تقرير.", "مدرسة."])
    to_kmr = get_translator("ar", "kmr", settings, db=db)
    assert isinstance(to_kmr, PivotTranslator)
    to_kmr.translate(["تقرير.", "مدرسة."])
    to_en, to_kmr_leg = to_kmr.legs
    assert (to_en.hits, to_en.translated) == (2, 0)
    assert (to_kmr_leg.hits, to_kmr_leg.translated) == (0, 2)


def test_a_translator_without_identity_needs_the_languages(db):
    class Bare:
        signature = "bare"

        def translate(self, texts):
            return list(texts)

    with pytest.raises(ValueError, match="needs src and tgt"):
        CachedTranslator(Bare(), db)
    assert CachedTranslator(Bare(), db, src="en", tgt="ar").translate(["a"]) == ["a"]
