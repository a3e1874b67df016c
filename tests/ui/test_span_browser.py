"""Error spans in Debian's Chromium: select words in a cell (Arabic and Sorani right to left,
Kurmanji), press s, pick the severity, Ctrl+Enter; the words are marked in the cell, listed in
the bead panel with a remove button, stored through workbench.mqm.spans, and the MQM score of
the document shows on the Review tab."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.samples import SENTENCES
from tests.ui import reviewing
from workbench.mqm.spans import spans_for_bead

pytestmark = [pytest.mark.browser, pytest.mark.slow]
app, page = reviewing.app, reviewing.page  # the served Erbil water and amina's page on it

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
# The words each test marks: the second word of the bead's text, then a word after it.
SELECT = """([bead, lang, start, end]) => {
  const td = document.querySelector(`#wb-review-table tr[data-bead="${bead}"] td[lang="${lang}"]`);
  const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0, node;
  while ((node = walker.nextNode())) {
    const size = node.textContent.length;
    if (start >= seen && start <= seen + size) range.setStart(node, start - seen);
    if (end >= seen && end <= seen + size) { range.setEnd(node, end - seen); break; }
    seen += size;
  }
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return range.toString();
}"""


def _mark(page, bead, lang, words, text, severity):
    start = text.index(words)
    selected = page.evaluate(SELECT, [bead, lang, start, start + len(words)])
    assert selected == words
    page.keyboard.press("s")
    page.locator("#wb-span-chosen").get_by_text(f"«{words}»").wait_for()
    page.locator(f"#wb-span-severity label:has-text('{severity}')").click()
    page.locator("#wb-span-category input").focus()
    page.keyboard.press("Control+Enter")


@pytest.mark.parametrize(("lang", "number"), [("ar", 3), ("ckb", 1), ("kmr", 0)])
def test_select_words_press_s_and_the_span_is_marked_listed_and_removable(app, page, lang, number):
    _, db, alignment = app
    bead = alignment.beads[number].id
    text = SENTENCES[lang][number]
    first, second = text.split()[1], text.split()[3]
    cell = page.locator(f'#wb-review-table tr[data-bead="{bead}"] td[lang="{lang}"]')
    assert cell.get_attribute("dir") == ("ltr" if lang == "kmr" else "rtl")

    _mark(page, bead, lang, first, text, "major")
    cell.locator("mark.wb-span").first.wait_for()
    assert cell.locator("mark.wb-span").inner_text() == first
    # the second selection is counted across the first span's <mark>: offsets stay the text's
    _mark(page, bead, lang, second, text, "critical")
    cell.locator("mark.wb-span.wb-sev-critical").wait_for()
    assert cell.inner_text().strip() == text  # marking never changes the words shown
    # the focus is back on the chosen row, where the keys work (not lost on the page)
    page.wait_for_function("document.activeElement.matches('#wb-review-table tr.wb-selected')")

    found = sorted(spans_for_bead(db, bead), key=lambda s: s.start)
    assert [(s.lang, s.text, s.severity, s.user) for s in found] == [
        (lang, first, "major", "amina"), (lang, second, "critical", "amina"),
    ]  # fmt: skip
    assert text[found[1].start : found[1].end] == second
    listed = page.locator(f'#wb-panel .wb-spans-list li[data-span="{found[0].id}"]')
    assert first in listed.inner_text() and "accuracy/mistranslation" in listed.inner_text()
    score = page.locator(f'#wb-mqm .wb-mqm-doc[data-lang="{lang}"]')
    assert "2 errors" in score.inner_text()

    ARTIFACTS.mkdir(exist_ok=True)  # docs/mqm.md shows one of these
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / f"mqm-review-{lang}.png"), full_page=True)
    listed.locator("button.wb-span-remove").click()
    page.wait_for_function(
        "id => !document.querySelector(`#wb-panel li[data-span='${id}']`)", arg=str(found[0].id)
    )
    assert cell.locator("mark.wb-span").count() == 1
    assert [s.text for s in spans_for_bead(db, bead)] == [second]


def test_the_quality_tab_shows_the_mqm_scores_beside_the_metrics(app, page):
    from workbench.mqm.spans import add_span, locate

    _, db, alignment = app
    bead = alignment.beads[4].id
    words = SENTENCES["ar"][4].split()[1]
    at = locate(db, bead, "ar", words)
    add_span(db, bead, "ar", at, at + len(words), "accuracy/omission", "major", "amina")
    page.get_by_role("tab", name="Quality").click()
    page.locator("#wb-quality").click()
    page.wait_for_selector("#wb-quality-page iframe.wb-embedded", timeout=90_000)
    section = page.frame_locator("#wb-quality-page iframe").locator("section#mqm")
    assert "Human evaluation (MQM)" in section.locator("h2").inner_text()
    assert "Erbil water ar" in section.inner_text()
