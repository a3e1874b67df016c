"""workbench.signature: one structured signature for translation, pivot, cache, alignment, score."""

import pytest

from workbench import __version__
from workbench.signature import Signature, comparable, differences

TER_OLD = "nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0|norm:none"


def test_format_parse_round_trip_keeps_order_and_tags():
    text = "align|signals:length(w=1)+lexical(w=0.5)|beads:1-2/4|version:0.1.0"
    parsed = Signature.parse(text)
    assert parsed.fields[0] == ("align", None)
    assert [k for k, _ in parsed] == ["align", "signals", "beads", "version"]
    assert parsed.format() == text


def test_bars_inside_brackets_do_not_split_a_pivot():
    text = "pivot:ar>en>ckb|legs:[model:a|beam:4] [model:b|beam:4]|version:0.1.0"
    parsed = Signature.parse(text)
    assert parsed.get("legs") == "[model:a|beam:4] [model:b|beam:4]"
    assert parsed.format() == text


def test_version_is_appended_once():
    once = Signature.of(model="m").with_version()
    assert once.format() == f"model:m|version:{__version__}"
    assert once.with_version().format() == once.format()


def test_old_ter_signature_reads_the_workbench_norm_as_textnorm():
    parsed = Signature.parse(TER_OLD)
    assert parsed.get("norm") == "no"  # sacrebleu's own TER key
    assert parsed.get("textnorm") == "none"
    assert parsed.format().endswith("|version:2.6.0|textnorm:none")


def test_comparable_ignores_the_release_but_not_the_settings():
    new = TER_OLD.replace("version:2.6.0|norm:none", "version:2.6.1|textnorm:none")
    assert comparable(TER_OLD, new)
    other = TER_OLD.replace("norm:none", "norm:ar-match")
    assert not comparable(TER_OLD, other)
    assert differences(TER_OLD, other) == ["textnorm"]
    assert differences("tok:13a|case:mixed", "tok:intl|case:lc") == ["tok", "case"]


@pytest.mark.parametrize("a,b", [("a:1|b:2", "b:2|a:1"), ("a:1", "a:1|b:2"), ("x", "y")])
def test_different_fields_are_not_comparable(a, b):
    assert not comparable(a, b)
    assert differences(a, b)


def test_stored_scores_are_comparable_only_when_made_the_same_way(tmp_path):
    from workbench.records import Score
    from workbench.signature import scores_comparable
    from workbench.store.db import open_database
    from workbench.store.scores import get_scores, save_scores

    db = open_database(tmp_path / "w.db")
    new = TER_OLD.replace("|norm:none", "|textnorm:none").replace("2.6.0", "2.6.1")
    other = new.replace("textnorm:none", "textnorm:ar-match")
    save_scores(db, [Score("ter", 10.0, "report", "r1", TER_OLD),
                     Score("ter", 12.0, "report", "r2", new),
                     Score("ter", 11.0, "report", "r3", other),
                     Score("bleu", 11.0, "report", "r4", new)])
    old, same, normalized, bleu = get_scores(db, scope="report")
    assert scores_comparable(old, same)
    assert not scores_comparable(old, normalized)
    assert not scores_comparable(same, bleu)
