"""The code stays ruff-clean, mypy-clean and inside its import contracts (all configured in
pyproject.toml; `make lint` runs the same three)."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# what the store may import of the workbench, besides itself
STORE_MAY_IMPORT = {"workbench.errors", "workbench.records", "workbench.config",
                    "workbench.private_files", "workbench.privacy"}  # fmt: skip


def _tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else shutil.which(name) or name


def _run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True)


def _contract(contract_id: str) -> dict:
    contracts = CONFIG["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["id"] == contract_id)


def _top_level_modules() -> set[str]:
    here = ROOT / "workbench"
    names = {p.stem for p in here.glob("*.py")} | {
        p.name for p in here.iterdir() if p.is_dir() and (p / "__init__.py").exists()
    }
    return {f"workbench.{n}" for n in names if n not in {"__init__", "__main__"}}


def test_ruff_finds_nothing():
    result = _run(_tool("ruff"), "check", "--no-cache", "workbench", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_strict_on_the_core_layers_and_finds_nothing():
    mypy = CONFIG["tool"]["mypy"]
    assert mypy["strict"] is True
    for package in ("store", "align", "translate", "review"):
        assert f"workbench/{package}" in mypy["files"]
    result = _run(_tool("mypy"), "--no-incremental")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_are_kept():
    result = _run(_tool("lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_store_contract_names_every_other_module():
    """A new top-level module is forbidden to the store until someone decides otherwise."""
    forbidden = set(_contract("store")["forbidden_modules"])
    missing = _top_level_modules() - forbidden - STORE_MAY_IMPORT - {"workbench.store"}
    assert not missing, f"add to the store contract's forbidden_modules: {sorted(missing)}"


def test_the_domain_contract_covers_every_module_but_ui_and_cli():
    sources = set(_contract("domain")["source_modules"])
    missing = _top_level_modules() - sources - {"workbench.ui", "workbench.cli"}
    missing -= {"workbench.privacy", "workbench.private_files"}
    assert not missing, f"add to the domain contract's source_modules: {sorted(missing)}"


def test_a_broken_contract_fails(tmp_path):
    """The contracts can fail: a store module importing the aligner breaks the first one."""
    package = tmp_path / "workbench"
    shutil.copytree(ROOT / "workbench", package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "store" / "leak.py").write_text("import workbench.align.aligner\n")
    config = tmp_path / "contracts.toml"
    importlinter = {"tool": {"importlinter": CONFIG["tool"]["importlinter"]}}
    config.write_text(_toml(importlinter), encoding="utf-8")
    # the copy first on the path, and the installed (editable) workbench's finder out of the way
    code = (
        "import sys; "
        "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]; "
        f"sys.path.insert(0, {str(tmp_path)!r}); "
        "from importlinter.cli import lint_imports_command; lint_imports_command()"
    )
    options = ["--no-cache", "--contract", "store", str(config)]
    result = _run(sys.executable, "-c", code, *options, cwd=tmp_path)  # lint-imports reads cwd
    assert result.returncode != 0, result.stdout
    assert "workbench.store.leak -> workbench.align" in result.stdout


def _toml(data: dict) -> str:
    """Just enough TOML for the import-linter table (strings, booleans, lists of strings)."""
    settings = data["tool"]["importlinter"]
    lines = ["[tool.importlinter]"]
    lines += [f"{k} = {_value(v)}" for k, v in settings.items() if k != "contracts"]
    for contract in settings["contracts"]:
        lines.append("[[tool.importlinter.contracts]]")
        lines += [f"{k} = {_value(v)}" for k, v in contract.items()]
    return "\n".join(lines) + "\n"


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return '"' + str(value) + '"'
