"""One rule picks the version of each language a report is read, aligned and translated from."""

from workbench.records import Document, versions_by_language


def _doc(id_, lang, origin):
    return Document(lang=lang, origin=origin, id=id_)


def test_the_original_comes_first_then_the_oldest_human_then_the_oldest_machine():
    docs = [
        _doc(1, "ar", "machine"), _doc(2, "ar", "human"), _doc(3, "en", "human"),
        _doc(4, "en", "original"), _doc(5, "ckb", "machine"), _doc(6, "ckb", "machine"),
        _doc(7, "ar", "human"),
    ]  # fmt: skip
    chosen = versions_by_language(docs)
    assert {lang: d.id for lang, d in chosen.items()} == {"en": 4, "ar": 2, "ckb": 5}
    people = versions_by_language(docs, machine=False)
    assert {lang: d.id for lang, d in people.items()} == {"en": 4, "ar": 2}


def test_a_report_is_translated_from_a_version_people_wrote():
    from workbench.records import source_version

    docs = [_doc(1, "ar", "machine"), _doc(2, "ar", "original"), _doc(3, "en", "human")]
    assert source_version(docs, "ar").id == 2 and source_version(docs, "en").id == 3
    assert source_version(docs).id == 2  # the original, whatever its language
    assert source_version([_doc(1, "ckb", "machine")], "ckb") is None
    assert source_version([_doc(1, "kmr", "human"), _doc(2, "en", "human")]).id == 2  # English
    assert source_version([]) is None

