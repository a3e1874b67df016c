"""The alignment path: points with their bead ids for a screen, and the picture."""

import re

from tests.mqm.samples import add_report
from workbench.score.path import alignment_path, path_svg

# beads: 1-1, 2-1 (many), 1-0 (a gap: no Arabic), 0-1 (a gap: no English)
SHAPES = [[(0,), (0,)], [(1, 2), (1,)], [(3,), ()], [(), (2,)]]


def test_two_languages_points_carry_bead_ids_kinds_and_gaps(db):
    alignment = add_report(db, beads=SHAPES)
    path = alignment_path(db, alignment.id)
    (panel,) = path.panels
    assert (panel.source_lang, panel.target_lang, panel.column) == ("en", "ar", 1)
    ids = [b.id for b in alignment.beads]
    assert [p.bead_id for p in panel.points] == ids
    assert [p.kind for p in panel.points] == ["1-1", "2-1", "1-0", "0-1"]
    assert [(p.x, p.y) for p in panel.points] == [(0, 0), (1.5, 1), (3, 1.5), (3.5, 2)]
    assert [p.is_gap for p in panel.points] == [False, False, True, True]
    assert panel.points[1].is_many
    assert [p.confidence for p in panel.points] == [0.9, 0.7, 0.5, 0.3]
    assert path.to_dict()["panels"][0]["points"][0]["bead_id"] == ids[0]


def test_two_language_picture(db):
    alignment = add_report(db, beads=SHAPES)
    svg = path_svg(alignment_path(db, alignment.id), title="Zakho clinic")
    assert svg.startswith("<svg") and "en-ar: 4 beads, 1 n-m" in svg
    assert "gaps (1-0, 0-1): 2" in svg and "aligner's confidence" in svg


def test_four_languages_one_panel_per_pair_with_the_pivot(db):
    shapes = [[(0,), (0,), (0, 1), (0,)], [(1,), (1,), (), (1,)], [(2, 3), (2, 3), (2, 3), (2, 3)]]
    alignment = add_report(db, langs=("en", "ar", "ckb", "kmr"), beads=shapes)
    path = alignment_path(db, alignment.id)
    assert [(p.source_lang, p.target_lang) for p in path.panels] == [
        ("en", "ar"), ("en", "ckb"), ("en", "kmr"),
    ]  # fmt: skip
    ckb = path.panels[1]
    assert [p.kind for p in ckb.points] == ["1-2", "1-0", "2-2"]
    assert ckb.points[1].y == 1.5  # between Sorani sentences 1 and 2
    svg = path_svg(path)
    assert len(re.findall(r"<g id=\"axes_\d+\">", svg)) == 4  # three panels and the colour bar
    for title in ("en-ar: 3 beads, 1 n-m", "en-ckb: 3 beads, 2 n-m", "en-kmr: 3 beads, 1 n-m"):
        assert title in svg
