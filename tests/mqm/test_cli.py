"""`workbench mqm` and `workbench review` through the real entry point."""

import csv
import io
import json

import pytest

from workbench.store.db import open_database

from .samples import SENTENCES, act, add_report


@pytest.fixture
def stored(home):
    db = open_database(home / "workbench.db")
    alignment = add_report(db)
    act(db, alignment, alignment.beads[0].id, "accept", "amina")
    db.close()
    return alignment


def test_add_list_score_remove(cli, stored):
    b0, b1 = (b.id for b in stored.beads[:2])
    added = cli("mqm", "add", str(b0), "ar", "--words", "زاخو", "-c", "locale-convention/names",
                "-s", "minor", "--user", "amina", "--note", "spelling of the town")  # fmt: skip
    assert added.code == 0, added.err
    assert "Error span 2 on bead" in added.out and "«زاخو»" in added.out
    start = SENTENCES["ar"][1].index("أربعين")
    major = cli("mqm", "add", str(b1), "1", "--start", str(start), "--end", str(start + 6),
                "-c", "accuracy/mistranslation", "-s", "major", "--user", "karwan")  # fmt: skip
    assert major.code == 0, major.err
    listed = cli("mqm", "list", "Zakho clinic")
    assert listed.code == 0 and "locale-convention/names" in listed.out and "karwan" in listed.out
    spans = json.loads(cli("mqm", "list", "--json").out)
    assert [s["text"] for s in spans] == ["زاخو", "أربعين"]
    scored = json.loads(cli("mqm", "score", "Zakho clinic", "--json").out)
    (doc,) = [r for r in scored["rows"] if r["scope"] == "document"]
    assert (doc["penalty"], doc["words"]) == (6, 17)  # beads 0 and 1: 9 + 8 English words
    table = cli("mqm", "score", "--weight", "major=10", "--weight", "per_words=100")
    assert "mqm|neutral:0|minor:1|major:10|critical:25|rwc:100|ewc:src" in table.out
    assert f"{100 - 11 / 17 * 100:.1f}" in table.out
    removed = cli("mqm", "remove", "2", "--user", "amina", "--note", "it is spelled so")
    assert removed.code == 0 and "Error span 2 removed from bead" in removed.out
    assert [s["id"] for s in json.loads(cli("mqm", "list", "--json").out)] == [3]


def test_mistakes_get_one_line_saying_what_to_do(cli, stored):
    bead = str(stored.beads[0].id)
    missing = cli("mqm", "add", bead, "ar", "--words", "بغداد", "-c", "style", "-s", "minor")
    assert missing.code == 2 and "«بغداد» is not in the ar text" in missing.err
    both = cli("mqm", "add", bead, "ar", "-c", "style", "-s", "minor")
    assert both.code == 2 and "--words TEXT, or --start N --end N" in both.err
    category = cli("mqm", "add", bead, "ar", "--words", "زاخو", "-c", "typo", "-s", "minor")
    assert category.code == 2 and "Unknown MQM category 'typo'" in category.err
    weight = cli("mqm", "score", "--weight", "major")
    assert weight.code == 2 and "NAME=NUMBER" in weight.err
    assert cli("mqm", "remove", "99").code == 3
    assert "Traceback" not in missing.err + category.err + weight.err


def test_weights_from_workbench_toml(cli, stored, home):
    (home.parent / "workbench.toml").write_text("[mqm]\nmajor = 7\nper_words = 100\n")
    out = cli("mqm", "score").out
    assert "major:7" in out and "rwc:100" in out
    (home.parent / "workbench.toml").write_text("[mqm]\nblocker = 7\n")
    bad = cli("mqm", "score")
    assert bad.code != 0 and "Unknown MQM weight 'blocker'" in bad.err


def test_terminal_escapes_in_marked_words_are_shown_not_obeyed(cli, home):
    db = open_database(home / "workbench.db")
    texts = {"en": ["Plain words."], "ar": ["كلمات \x1b[31mحمراء"]}
    alignment = add_report(db, texts=texts)
    db.close()
    bead = str(alignment.beads[0].id)
    out = cli("mqm", "add", bead, "ar", "--start", "0", "--end", "15", "-c", "style", "-s",
              "minor").out  # fmt: skip
    assert "\x1b" not in out and "\\x1b[31m" in out
    assert "\x1b" not in cli("mqm", "list").out


def test_progress_table_and_csv(cli, stored, tmp_path):
    shown = cli("review", "progress")
    assert shown.code == 0 and "amina" in shown.out and "1/4" in shown.out
    to_stdout = cli("review", "progress", "--csv", "-")
    rows = list(csv.DictReader(io.StringIO(to_stdout.out)))
    assert [(r["reviewer"], r["accepted"]) for r in rows] == [("amina", "1"), ("", "1")]
    written = cli("review", "progress", "Zakho clinic", "--csv", str(tmp_path / "p.csv"))
    assert written.code == 0 and (tmp_path / "p.csv").read_text().startswith("report,reviewer")


def test_path_picture_and_points(cli, stored, tmp_path):
    out = cli("review", "path", str(stored.id), "-o", str(tmp_path / "path.svg"))
    assert out.code == 0 and (tmp_path / "path.svg").read_text().startswith("<svg")
    points = json.loads(cli("review", "path", str(stored.id), "--json").out)
    assert [p["bead_id"] for p in points["panels"][0]["points"]] == [b.id for b in stored.beads]
    assert cli("review", "path", str(stored.id), "-o", str(tmp_path / "p.png")).code == 2
    assert cli("review", "path", "99", "--json").code == 3
