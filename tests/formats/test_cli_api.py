"""`workbench export` / `workbench import` and the Python API entries."""

import json

import pytest

import workbench
from workbench.errors import InputError
from workbench.outputs import open_output as atomic_output


def test_cli_export_writes_the_file(cli, stored, tmp_path):
    out = tmp_path / "out.tmx"
    result = cli("export", str(stored.alignment_id), "-o", str(out))
    assert result.code == 0, result.err
    assert result.out.strip() == (
        f"Wrote 4 beads (en, ar, ckb) as TMX to {out}; left out 1 (filtered, or without en text)"
    )
    assert out.read_bytes().startswith(b"<?xml")


def test_cli_export_to_standard_output(cli, stored):
    result = cli("export", str(stored.alignment_id), "-o", "-", "--format", "tmx")
    assert result.code == 0, result.err
    assert result.out.startswith("<?xml") and result.out.rstrip().endswith("</tmx>")
    assert "Wrote 4 beads (en, ar, ckb) as TMX to standard output" in result.err


def test_cli_export_to_standard_output_needs_a_format(cli, stored):
    result = cli("export", str(stored.alignment_id), "-o", "-")
    assert result.code == 2 and "pass --format" in result.err


def test_cli_export_never_replaces_a_link_to_a_device(cli, stored, tmp_path):
    """As root, `-o /dev/stdout` once replaced the /dev/stdout link with a regular file."""
    link = tmp_path / "stdout"
    link.symlink_to("/dev/null")
    result = cli("export", str(stored.alignment_id), "-o", str(link), "--format", "tsv")
    assert result.code == 0, result.err
    assert link.is_symlink() and str(link.readlink()) == "/dev/null"


def test_cli_export_chooses_languages_and_statuses(cli, stored, tmp_path):
    out = tmp_path / "out.data"
    result = cli(
        "export", str(stored.alignment_id), "-o", str(out), "--format", "jsonl",
        "--languages", "ar,EN", "--status", "accepted", "--status", "edited",
    )  # fmt: skip
    assert result.code == 0, result.err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["status"] for r in records] == ["accepted", "edited"]
    assert list(records[0]["texts"]) == ["ar", "en"]


def test_cli_export_error_is_one_line_and_writes_nothing(cli, stored, tmp_path):
    out = tmp_path / "out.xlf"
    result = cli("export", str(stored.alignment_id), "-o", str(out))
    assert result.code == 2
    assert result.err.strip() == (
        "error: An XLIFF file holds one language pair, not en, ar, ckb: choose two languages "
        "(--languages SRC,TGT)."
    )
    assert list(tmp_path.glob("*out.xlf*")) == []


def test_cli_export_of_a_missing_alignment(cli, stored, tmp_path):
    result = cli("export", "999", "-o", str(tmp_path / "x.tsv"))
    assert result.code == 3 and "There is no alignment 999" in result.err


def test_cli_export_needs_a_format_it_can_tell(cli, stored, tmp_path):
    result = cli("export", str(stored.alignment_id), "-o", str(tmp_path / "x.doc"))
    assert result.code == 2 and "Cannot tell the format of x.doc" in result.err


def test_cli_import_then_import_again(cli, stored, tmp_path):
    out = tmp_path / "out.tsv"
    assert cli("export", str(stored.alignment_id), "-o", str(out)).code == 0
    first = cli("import", str(out), "--report", "from-tsv", "--user", "bob")
    assert first.code == 0, first.err
    assert first.out.strip().startswith("Imported 5 beads (en, ar, ckb) into report 'from-tsv'")
    again = cli("import", str(out), "--report", "from-tsv", "--user", "bob")
    assert again.code == 0 and "already imported" in again.out
    listed = cli("reports", "list")
    assert "from-tsv" in listed.out and "ar,ckb,en" in listed.out


def test_cli_import_of_a_missing_file(cli, home, tmp_path):
    result = cli("import", str(tmp_path / "none.tmx"), "--report", "r")
    assert result.code == 2 and "does not exist" in result.err


def test_python_api_round_trip(stored, home, tmp_path):
    out = tmp_path / "api.xlf"
    exported = workbench.export_alignment(stored.alignment_id, out, languages=["en", "ckb"])
    assert (exported.format, exported.languages, exported.beads) == ("xliff", ("en", "ckb"), 4)
    imported = workbench.import_file(out, "via-api", user="bob", db=home / "workbench.db")
    assert [d.lang for d in imported.documents] == ["en", "ckb"]
    assert [b.status for b in imported.alignment.beads] == [
        "accepted",
        "edited",
        "rejected",
        "auto",
    ]


def test_api_names_are_listed():
    assert {"export_alignment", "import_file"} <= set(dir(workbench))


def test_atomic_output_keeps_the_old_file_when_writing_fails(tmp_path):
    path = tmp_path / "keep.tmx"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(path) as fh:
        fh.write(b"half")
        raise RuntimeError("disk full")
    assert path.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [path]


def test_atomic_output_refuses_a_folder(tmp_path):
    with pytest.raises(InputError, match="is a folder"), atomic_output(tmp_path):
        pass


def test_atomic_output_names_a_path_it_cannot_write(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with (
        pytest.raises(InputError, match="Cannot write .* Choose another path"),
        atomic_output(blocker / "out.tmx") as fh,
    ):
        fh.write(b"x")


def test_cli_export_names_a_language_it_does_not_know(cli, stored, tmp_path):
    result = cli(
        "export", str(stored.alignment_id), "-o", str(tmp_path / "x.tsv"), "--languages", "en,fr"
    )
    assert result.code == 2
    assert "Unknown language 'fr': use one of en, ar, ckb, kmr" in result.err
