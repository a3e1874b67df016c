"""A bead scored with another signature than the rest of the table (another system, another
normalisation) is marked † in the Review tab, with the signature when hovered, in a browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui import reviewing
from workbench.records import Score
from workbench.store.scores import save_scores

app = reviewing.app  # the served Erbil water (en, ar, ckb, kmr)
USUAL = "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0"
OTHER = "nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0"
SCREENS = Path(__file__).resolve().parents[2] / "artifacts" / "screens"


def _scores(alignment) -> list[Score]:
    made = []
    for k, bead in enumerate(alignment.beads):
        signature = OTHER if k == 1 else USUAL
        details = {"alignment_id": alignment.id, "bead_id": bead.id, "lang": "ar"}
        made.append(Score("chrf", 40.0 + k, "bead", f"x/{bead.id}", signature, details))
    return made


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_the_odd_score_is_marked_and_says_its_signature(app, browser, size):
    running, db, alignment = app
    save_scores(db, _scores(alignment))
    context, page = reviewing.review_page(browser, running.url)
    try:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        second = page.locator(f"#wb-review-table tr[data-bead='{alignment.beads[1].id}']")
        cell = second.locator("td.wb-score")
        cell.wait_for()
        assert cell.inner_text().strip() == "41.0†"
        assert OTHER in cell.get_attribute("title")
        first = page.locator(f"#wb-review-table tr[data-bead='{alignment.beads[0].id}']")
        assert first.locator("td.wb-score").inner_text().strip() == "40.0"
        header = page.locator("#wb-review-table th.wb-score")
        assert USUAL in header.get_attribute("title")
        spills = cell.evaluate("td => td.scrollWidth > td.clientWidth")
        assert not spills
        page.screenshot(path=str(SCREENS / f"score-marks-{size[0]}x{size[1]}.png"))
    finally:
        context.close()
