"""The README's Python examples: every name they use on `workbench` exists, and a block that
uses the store opens it first (they once used an undefined `db`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import workbench

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_each_block_compiles_and_names_what_exists(block):
    compile(block, "README.md", "exec")
    for name in re.findall(r"\bworkbench\.(\w+)\(", block):
        assert hasattr(workbench, name), name
    uses_db = re.search(r"[(,]\s*db\b", block)
    assert not uses_db or re.search(r"^db = ", block, re.MULTILINE), "db is used but not opened"


def test_open_store_opens_the_configured_database(home):
    db = workbench.open_store()
    try:
        assert db.path == home / "workbench.db"
    finally:
        db.close()
