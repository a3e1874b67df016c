"""Nothing is dropped without a word (issue 19, item 13).

Markdown blocks that are not paragraphs (indented and fenced code, raw HTML) and lists or
quotes nested deeper than markdown-it follows (20 levels) used to lose their text at ingest;
now every word is kept (scripts, styles and comments in raw HTML are not text, and stay out).
And a spec refused for a missing input records no job at all: the whole spec is checked
before its job is made.
"""

from __future__ import annotations

import re

import pytest

from tests.hostile.conftest import ENTRIES, api_outcome, assert_sound, cli_outcome
from tests.hostile.entries import ingest_outcome
from tests.hostile.make_cases import EN

pytestmark = pytest.mark.timeout(120)

LEAD = "# Water report\n\nThe station in Erbil reopened on Monday.\n\n"
MARKDOWN = {  # content, the words that must be kept, words that must not be
    "indented-code-block": (
        LEAD + "    Families in Duhok waited for six weeks.\n    The pumps were old.\n",
        ["Families in Duhok waited", "The pumps were old."], []),
    "fenced-code-block": (LEAD + "```\nEngineers replaced every valve.\n```\n",
                          ["Engineers replaced every valve."], []),
    "raw-html-block": (
        LEAD + "<div class='note'>\nThe <b>second station</b> opens next year.\n"
               "<script>window.__pwned=1</script><style>p{}</style><!-- internal note -->\n"
               "</div>\n\nAfter the note.\n",
        ["The second station opens next year.", "After the note."],
        ["__pwned", "p{}", "internal note"]),
    "list-nested-30-deep": (
        LEAD + "".join("  " * i + f"- point {i} of the plan\n" for i in range(30))
        + "\nAfter the list.\n",
        [f"point {i} of the plan" for i in range(30)] + ["After the list."], []),
    "quotes-nested-40-deep": (LEAD + "> " * 40 + "A quoted witness spoke.\n\nAfter the quote.\n",
                              ["A quoted witness spoke.", "After the quote."], []),
    "markers-nested-on-one-line": (LEAD + "- > " * 25 + "Deep in one line.\n\nThe end.\n",
                                   ["Deep in one line.", "The end."], []),
    "quotes-nested-5000-deep": (LEAD + ">" * 5000 + " Very deep words.\n\nThe end.\n",
                                ["Very deep words.", "The end."], []),
    "ordered-list-nested-25-deep": (
        LEAD + "".join("   " * i + f"1. step {i} done\n" for i in range(25)),
        [f"step {i} done" for i in range(25)], []),
}  # fmt: skip


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("name", sorted(MARKDOWN))
def test_markdown_keeps_every_word(name, entry, cli, db, ctx, home, tmp_path):
    from tests.hostile.conftest import stored_documents

    content, kept, dropped = MARKDOWN[name]
    path = tmp_path / "notes.md"
    path.write_text(content, encoding="utf-8")
    outcome = ingest_outcome(entry, path, "notes", cli, db, ctx)
    assert outcome.stored, outcome.message
    text = " ".join(s.text for s in stored_documents(db, "notes")["en"].segments)
    assert "The station in Erbil reopened on Monday." in text
    missing = [words for words in kept if words not in text]
    assert missing == [], text[:300]
    assert [words for words in dropped if words in text] == []
    assert_sound(cli, home, tmp_path)


MISSING = {
    "missing-folder": '[inputs]\npaths = ["reports", "nowhere"]\n',
    "glob-matching-nothing": '[inputs]\npaths = ["reports", "nowhere/*.txt"]\n',
    "missing-only-input": '[inputs]\npaths = ["gone.en.txt"]\n',
    "missing-with-steps": '[inputs]\npaths = ["nowhere"]\n[align]\n[export]\n',
}


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("name", sorted(MISSING))
def test_a_spec_refused_for_a_missing_input_records_no_job(name, entry, cli, db, ctx, home,
                                                           tmp_path):  # fmt: skip
    from workbench.jobs.api import list_jobs
    from workbench.ui import jobs

    text = 'output = "out"\n' + MISSING[name]
    folder = jobs.jobs_folder(ctx) if entry == "ui" else tmp_path
    (folder / "reports").mkdir(parents=True)
    (folder / "reports" / "water.en.txt").write_text(EN, encoding="utf-8")
    if entry == "ui":
        outcome = api_outcome(lambda: jobs.start(ctx, None, text))
    else:
        (tmp_path / "job.toml").write_text(text, encoding="utf-8")
        if entry == "cli":
            outcome = cli_outcome(cli("job", "run", str(tmp_path / "job.toml"), "--quiet"))
        else:
            import workbench

            outcome = api_outcome(lambda: workbench.run_job(tmp_path / "job.toml", db=db))
    assert not outcome.stored
    assert re.search(r"(does not exist; check the path|matches no file)", outcome.message)
    assert list_jobs(db=db) == []
    assert_sound(cli, home, tmp_path)
