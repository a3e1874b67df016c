"""The README is a front door that tells the truth: at most 10 KB, the two commands first,
every command and Python name it shows exists, every link leads somewhere. Python examples
in the guides under docs/ are held to the same rules (they once used an undefined `db`)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

import workbench
from workbench.cli import cli as root

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
TEXT = README.read_text(encoding="utf-8")


def _blocks(page: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)


PYTHON = [(page, block) for page in PAGES for block in _blocks(page, "python")]


def test_the_readme_is_a_front_door_of_at_most_10_kb():
    assert len(TEXT.encode("utf-8")) <= 10 * 1024, "move details into a guide under docs/"


def test_the_two_commands_come_first():
    first = _blocks(README, "sh")[0].splitlines()
    assert [line.split("#")[0].strip() for line in first] == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run: install\n\t\$\(BIN\)/workbench quickstart$", makefile, re.M)
    assert re.search(r"^test: install", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "page,block",
    PYTHON,
    ids=[f"{page.name}-{i}" for i, (page, _) in enumerate(PYTHON)],
)
def test_each_python_block_compiles_and_names_what_exists(page, block):
    compile(block, page.name, "exec")
    for name in re.findall(r"\bworkbench\.(\w+)\(", block):
        assert hasattr(workbench, name), name
    uses_db = re.search(r"[(,]\s*db\b", block)
    assert not uses_db or re.search(r"^db = ", block, re.MULTILINE), "db is used but not opened"


def _workbench_commands(block: str) -> list[list[str]]:
    """The words after `workbench` on each line of a shell example (prompt and comment off)."""
    found = []
    for line in block.replace("\\\n", " ").splitlines():
        line = line.split("  #")[0].removeprefix("$ ").strip()
        if line.startswith("workbench "):
            found.append(shlex.split(line)[1:])
    return found


def test_every_command_the_readme_shows_exists():
    shown = [
        words
        for language in ("sh", "text")
        for block in _blocks(README, language)
        for words in _workbench_commands(block)
    ]
    assert len(shown) >= 10
    for words in shown:
        ctx = click.Context(root, info_name="workbench")
        command: click.Command = root
        for word in words:
            if not isinstance(command, click.Group) or word.startswith("-"):
                break
            command = command.get_command(ctx, word)
            assert command is not None, f"`workbench {' '.join(words)}`: no command {word!r}"
        options = {opt for param in command.params for opt in param.opts}
        for word in words:
            if word.startswith("--"):
                assert word.split("=")[0] in options, f"`workbench {' '.join(words)}`: {word}?"


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    return {_slug(h) for h in re.findall(r"^#+ (.+)$", text, re.MULTILINE)}


LINKS = [
    (page, target)
    for page in PAGES
    for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8"))
    if not re.match(r"[a-z]+:", target)
]


@pytest.mark.parametrize(
    "page,target", LINKS, ids=[f"{page.name}->{target}" for page, target in LINKS]
)
def test_every_link_leads_somewhere(page, target):
    path, _, anchor = target.partition("#")
    file = (page.parent / path).resolve() if path else page
    assert file.exists(), f"{page.name} links to {target}, which does not exist"
    if anchor and file.suffix == ".md":
        assert anchor in _anchors(file), f"{page.name} links to {target}: no such heading"


def test_open_store_opens_the_configured_database(home):
    db = workbench.open_store()
    try:
        assert db.path == home / "workbench.db"
    finally:
        db.close()
