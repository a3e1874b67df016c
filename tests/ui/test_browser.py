"""End to end in Debian's Chromium (Playwright): log in, review with the keyboard, export.

Screenshots of the review screen are kept under artifacts/ (ignored by git). The page may
only ever ask the app itself for anything: a request to any other address fails the test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.review.samples import SENTENCES, add_versions, served_store
from tests.ui.reviewing import serving
from workbench.store import review

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
WAIT_MS = 20_000


@pytest.fixture(scope="module")
def app(tmp_path_factory, tiny_model):
    folder = tmp_path_factory.mktemp("browser")
    db, settings, alignment = served_store(folder, tiny_model, ("en", "ar", "ckb", "kmr"))
    add_versions(db, "Duhok schools", ("en", "kmr"))
    with serving(db, settings, alignment) as served:
        yield served


@pytest.fixture
def page(app, browser):
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    outside: list[str] = []

    def only_the_app(route):
        if route.request.url.startswith(app[0].url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    tab.route("**/*", only_the_app)
    yield tab
    context.close()
    assert outside == [], f"the page asked other addresses: {outside[:5]}"


def _log_in(page, url, name, password):
    page.goto(url)
    page.locator("input[data-testid=textbox]").fill(name)
    page.locator("input[type=password]").fill(password)
    page.locator("button.primary").click()
    page.wait_for_selector("#wb-who .wb-notice")  # the page load has run


def _open(page, url):
    page.goto(url + "?report=Erbil%20water")
    page.wait_for_selector("#wb-review-table tr[data-bead]")


def _cell(page, bead, lang):
    return page.locator(f'#wb-review-table tr[data-bead="{bead}"] td[lang="{lang}"]')


def test_review_with_the_keyboard_survives_a_reload(app, page):
    running, db, alignment = app
    _log_in(page, running.url, "amina", "correct horse")
    _open(page, running.url)
    page.keyboard.press("j")  # the first row: worst first, so the least sure bead
    first = page.locator("#wb-review-table tr.wb-selected").get_attribute("data-bead")
    page.wait_for_selector(f'#wb-panel .wb-panel[data-bead="{first}"]')
    page.keyboard.press("e")  # the second language's box: Arabic here
    page.keyboard.press("End")
    page.keyboard.type(" (تمت المراجعة)")
    page.keyboard.press("Control+Enter")
    expect_text = SENTENCES["ar"][4] + " (تمت المراجعة)"
    page.wait_for_selector(f'#wb-review-table tr[data-bead="{first}"] td.wb-edited')
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-screen.png"), full_page=True)

    page.reload()
    page.wait_for_selector("#wb-review-table tr[data-bead]")
    assert _cell(page, first, "ar").inner_text().strip() == expect_text
    event = review.events(db, alignment.id)[-1]
    assert (event.action, event.user) == ("edit", "amina")


def test_flag_with_the_keyboard(app, page):
    running, db, alignment = app
    _log_in(page, running.url, "amina", "correct horse")
    _open(page, running.url)
    page.keyboard.press("j")
    page.keyboard.press("j")
    second = page.locator("#wb-review-table tr.wb-selected").get_attribute("data-bead")
    page.wait_for_selector(f'#wb-panel .wb-panel[data-bead="{second}"]')
    page.locator("label:has-text('major')").first.click()
    page.keyboard.press("f")
    page.keyboard.type("Duhok is missing")
    page.keyboard.press("Control+Enter")
    flag = page.locator(f'#wb-review-table tr[data-bead="{second}"] .wb-flag')
    flag.wait_for()
    assert "major" in flag.inner_text()
    state = review.alignment_state(db, alignment.id).beads[int(second)]
    assert state.flags[-1]["comment"] == "Duhok is missing"


def test_save_sends_only_the_changed_box_and_shows_both_versions_on_a_clash(app, page):
    """A picks a bead; B fixes its English; A changes only the Arabic and saves: B's fix
    stays. B changes the Arabic again; A's next save of the Arabic is refused with both
    versions; saving again (having seen them) replaces B's."""
    from workbench.records import User
    from workbench.review import actions

    running, db, alignment = app
    bead = alignment.beads[2].id
    karwan = User("karwan", "reviewer")
    _log_in(page, running.url, "amina", "correct horse")
    _open(page, running.url)
    page.locator(f'#wb-review-table tr[data-bead="{bead}"]').click()
    page.wait_for_selector(f'#wb-panel .wb-panel[data-bead="{bead}"]')
    actions.edit(db, karwan, alignment.id, bead, {0: "Their English fix."})
    page.locator("#wb-edit-1 textarea").fill("ترجمتي")
    page.locator("#wb-save").click()
    page.wait_for_selector(f'#wb-review-table tr[data-bead="{bead}"] td[lang="ar"].wb-edited')
    assert _cell(page, bead, "en").inner_text().strip() == "Their English fix."
    assert _cell(page, bead, "ar").inner_text().strip() == "ترجمتي"

    actions.edit(db, karwan, alignment.id, bead, {1: "ترجمتهم"})
    page.locator("#wb-edit-1 textarea").fill("ترجمتي الثانية")
    page.locator("#wb-save").click()
    message = page.locator("#wb-message")
    message.get_by_text("karwan changed the ar text").wait_for()
    assert "Yours: «ترجمتي الثانية»" in message.inner_text()
    assert "Now: «ترجمتهم»" in message.inner_text()
    page.locator("#wb-save").click()  # having seen both: mine
    page.locator("#wb-message").get_by_text("Saved the corrected text").wait_for()
    last = review.events(db, alignment.id)[-1]
    assert (last.user, last.before, last.after) == (
        "amina", {"texts": {"1": "ترجمتهم"}}, {"texts": {"1": "ترجمتي الثانية"}}
    )  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "direction"), [("ar", "rtl"), ("ckb", "rtl"), ("en", "ltr"), ("kmr", "ltr")]
)
def test_cells_are_right_to_left_for_arabic_and_sorani(app, page, lang, direction):
    running, _, _ = app
    _log_in(page, running.url, "amina", "correct horse")
    _open(page, running.url)
    cells = page.locator(f"#wb-review-table td.wb-text[lang={lang}]")
    assert cells.count() == 5
    assert {cells.nth(i).get_attribute("dir") for i in range(5)} == {direction}
    computed = cells.first.evaluate("el => getComputedStyle(el).direction")
    assert computed == direction


def test_arabic_script_uses_a_joining_font(app, page):
    running, _, _ = app
    _log_in(page, running.url, "amina", "correct horse")
    _open(page, running.url)
    family = page.locator("#wb-review-table td.wb-text[lang=ckb]").first.evaluate(
        "el => getComputedStyle(el).fontFamily"
    )
    assert family.startswith('"Noto Naskh Arabic"')
    assert "mono" not in family.lower()


def test_export_tmx_and_read_it_back(app, page, tmp_path):
    from workbench.formats.api import read_file

    running, _, _ = app
    _log_in(page, running.url, "amina", "correct horse")
    _open(page, running.url)
    page.get_by_text("Export this alignment").click()
    page.locator("#wb-export").click()
    link = page.locator("#wb-export-file a[download]").first
    link.wait_for()
    with page.expect_download() as download:
        link.click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    text = read_file(target)
    assert re.fullmatch(r"Erbil-water-\d+-en-ar-ckb-kmr\.tmx", target.name)
    assert text.languages == ("en", "ar", "ckb", "kmr") and len(text.rows) == 5


def test_a_viewer_sees_the_report_but_no_working_buttons(app, page):
    running, _, _ = app
    _log_in(page, running.url, "omar", "battery staple")
    _open(page, running.url)
    assert "you can look but not change anything" in page.locator("#wb-who").inner_text()
    assert page.locator("#wb-accept").is_disabled()


def test_align_a_report_from_the_reports_tab_then_review_it(app, page):
    running, _, _ = app
    _log_in(page, running.url, "amina", "correct horse")
    page.locator("#wb-work-report input").click()
    page.get_by_role("option", name="Duhok schools").click()
    page.locator("#wb-align").click()
    page.wait_for_selector("#wb-review-table td.wb-text[lang=kmr]")  # the Review tab opens it
    message = page.locator("#wb-reports-message").text_content()
    assert "Aligned Duhok schools (en–kmr): 5 beads" in message
    assert page.locator("#wb-review-table td.wb-text[lang=kmr]").count() == 5
    assert "Duhok schools" in page.locator("#wb-progress").inner_text()
    page.get_by_role("tab", name="Jobs").click()  # it ran as a job, through the job runner
    page.locator("#wb-jobs-refresh").click()
    listed = page.locator('#wb-jobs tr[data-job][data-status="done"]', has_text="align Duhok")
    listed.wait_for()


def test_translate_tab_shows_the_translation_its_path_and_signature(app, page):
    running, _, _ = app
    _log_in(page, running.url, "amina", "correct horse")
    page.get_by_role("tab", name="Translate").click()
    page.locator("#wb-source-text textarea").fill("Two schools closed.\n\nFamilies left.")
    page.locator("#wb-translate").click()
    page.wait_for_function(
        "document.querySelector('#wb-signature textarea, #wb-signature input').value !== ''"
    )
    assert "English (en) → Arabic (ar)" in page.locator("#wb-path").inner_text()
    output = page.locator("#wb-output textarea")
    assert output.input_value().count("\n\n") == 1 and output.get_attribute("dir") == "rtl"
    assert page.locator("#wb-origins tr.wb-origin-machine").count() == 2
    assert "review every sentence" in page.locator("#wb-expected-quality").inner_text()


def _quality_shows(page, text: str) -> None:
    page.wait_for_function(
        f"document.querySelector('#wb-expected-quality').innerText.includes({text!r})"
    )


def test_translate_tab_lists_the_directions_models_and_their_expected_quality(app, page):
    _log_in(page, app[0].url, "amina", "correct horse")
    page.get_by_role("tab", name="Translate").click()
    _quality_shows(page, "en → ar")
    page.locator("#wb-tgt input").click()
    page.get_by_role("option", name="ckb", exact=True).click()
    _quality_shows(page, "en → ckb")
    quality = page.locator("#wb-expected-quality")
    assert "Draft only: review every sentence" in quality.inner_text()  # open: OPUS-MT
    page.locator("#wb-profile label:has-text('best')").click()
    _quality_shows(page, "chrF 46.7")
    assert "facebook/nllb-200-1.3B" in page.locator("#wb-model input").input_value()
    assert "review every sentence" not in quality.inner_text()
    page.locator("#wb-model input").click()
    page.get_by_role("option", name="facebook/nllb-200-distilled-600M", exact=False).click()
    _quality_shows(page, "chrF 44.6")


def test_mt_column_appears_and_a_missing_model_is_named(app, page):
    running, _, _ = app
    _log_in(page, running.url, "amina", "correct horse")
    _open(page, running.url)
    page.locator("#wb-machine input").check()  # en -> ar: the tiny model is here
    mt = page.locator("#wb-review-table td.wb-mt")
    mt.first.wait_for()
    assert mt.count() == 5 and mt.first.get_attribute("dir") == "rtl"
    page.locator("#wb-langs label:has-text('ar') input").uncheck()  # en -> ckb: no model
    page.wait_for_selector("#wb-message .wb-notice-problem")
    assert "workbench models pull" in page.locator("#wb-message").inner_text()
    assert page.locator("#wb-review-table td.wb-mt").count() == 0
    assert page.locator("#wb-review-table tr[data-bead]").count() == 5


def test_quality_tab_scores_and_shows_the_report(app, page):
    running, _, _ = app
    _log_in(page, running.url, "amina", "correct horse")
    _open(page, running.url)  # Erbil water, which has a machine translation, is chosen
    page.get_by_role("tab", name="Quality").click()
    page.locator("#wb-quality").click()
    page.wait_for_selector("#wb-quality-page iframe.wb-embedded", timeout=90_000)  # plots: slow
    assert "Erbil water" in page.locator("#wb-quality-headline").inner_text()
    frame = page.frame_locator("#wb-quality-page iframe")
    assert frame.locator("h1").first.inner_text()
    assert page.locator("#wb-quality-files a[download]").count() == 3


def test_jobs_tab_starts_the_example_job_and_watches_it_finish(app, page):
    running, _, _ = app
    _log_in(page, running.url, "amina", "correct horse")
    page.get_by_role("tab", name="Jobs").click()
    before = page.locator("#wb-jobs tr[data-job]").count()  # the Reports tab's jobs, if any
    assert before or "No jobs yet" in page.locator("#wb-jobs").inner_text()
    assert "[align]" in page.locator("#wb-job-spec textarea").input_value()
    page.locator("#wb-job-check").click()
    page.wait_for_selector("#wb-jobs-message .wb-notice-ok")
    assert "runs ingest, align, export over" in page.locator("#wb-jobs-message").inner_text()
    page.locator("#wb-job-start").click()
    # the page polls on its own while the job runs: no click on Refresh
    page.wait_for_function(  # the newest job, first in the list, done
        """n => {const rows = document.querySelectorAll("#wb-jobs tr[data-job]");
               return rows.length === n && rows[0].dataset.status === "done";}""",
        arg=before + 1,
        timeout=180_000,
    )
    assert "100%" in page.locator("#wb-jobs tr[data-job]").first.inner_text()
    steps = page.locator("#wb-job-details tr[data-step]")
    assert [steps.nth(i).get_attribute("data-step") for i in range(3)] == [
        "ingest", "align", "export",
    ]  # fmt: skip
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "jobs-tab.png"), full_page=True)


def test_a_viewer_cannot_start_a_job(app, page):
    running, _, _ = app
    _log_in(page, running.url, "omar", "battery staple")
    page.get_by_role("tab", name="Jobs").click()
    assert page.locator("#wb-job-start").is_disabled()
    assert page.locator("#wb-job-cancel").is_disabled()
