"""Suite-wide fixtures: an isolated home, fresh databases, the CLI, and the network guard.

Every test runs with HOME, WORKBENCH_HOME and the Hugging Face cache in a temporary folder,
and with the network guard installed in this process and (through PYTHONPATH and
sitecustomize) in every Python subprocess: a test that makes anything resolve or connect to
a non-loopback address fails, naming the address and the stack.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUARD_DIR = Path(__file__).resolve().parent / "netguard"
sys.path.insert(0, str(GUARD_DIR))
import workbench_netguard  # noqa: E402

RAY_BOOTSTRAP = "provider:\n  type: local\n"


def _hypothesis_profiles() -> None:
    """Property tests draw the same examples on every run ("repeatable", the default), so a
    red CI is a change's doing; `HYPOTHESIS_PROFILE=explore make test` draws new ones."""
    from hypothesis import settings

    settings.register_profile("repeatable", derandomize=True, database=None)
    settings.register_profile("explore", derandomize=False)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def pytest_configure(config: pytest.Config) -> None:
    _hypothesis_profiles()
    base = Path(tempfile.mkdtemp(prefix="workbench-suite-"))
    home = base / "home"
    home.mkdir(parents=True, exist_ok=True)
    (home / "ray_bootstrap_config.yaml").write_text(RAY_BOOTSTRAP)
    log = base / "netguard.jsonl"
    log.touch()
    os.environ.update(
        {
            "HOME": str(home),
            "WORKBENCH_HOME": str(base / "workbench-home"),
            "HF_HOME": str(base / "hf-home"),
            # none of the machine's FreeDict dictionaries (a test that wants one makes it)
            "WORKBENCH_DICTIONARIES": str(base / "dictd"),
            # the aligner picks no packaged embedder (USE) by itself; LaBSE is pulled only
            # into a test's own Hugging Face cache
            "WORKBENCH_AUTO_EMBEDDERS": "sentence-transformers/LaBSE",
            "WORKBENCH_NETGUARD_LOG": str(log),
            "PYTHONPATH": os.pathsep.join(
                [str(GUARD_DIR), str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
            ),
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "GRADIO_ANALYTICS_ENABLED": "False",
            "HF_HUB_DISABLE_TELEMETRY": "1",
            "RAY_USAGE_STATS_ENABLED": "0",
            "NO_PROXY": "*",
        }
    )
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        os.environ.pop(proxy, None)
    workbench_netguard.install()


@pytest.fixture(autouse=True)
def network_guard() -> Iterator[None]:
    """Fail the test if it (or a process it started) reached beyond loopback."""
    log = Path(os.environ["WORKBENCH_NETGUARD_LOG"])
    start = log.stat().st_size
    yield
    with open(log, encoding="utf-8") as fh:
        fh.seek(start)
        attempts = [json.loads(line) for line in fh if line.strip()]
    if attempts:
        first = attempts[0]
        pytest.fail(
            f"{len(attempts)} network attempt(s) beyond loopback; first: {first['kind']} "
            f"{first['target']} in pid {first['pid']} {first['argv']}\n{first['stack']}",
            pytrace=False,
        )


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty WORKBENCH_HOME for this test (also the working directory)."""
    folder = tmp_path / "wb-home"
    monkeypatch.setenv("WORKBENCH_HOME", str(folder))
    monkeypatch.delenv("WORKBENCH_DATABASE", raising=False)
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.fixture
def db(tmp_path: Path):
    """A fresh, migrated database."""
    from workbench.store.db import open_database

    database = open_database(tmp_path / "fresh.db")
    yield database
    database.close()


@pytest.fixture
def uploads() -> Iterator[Path]:
    """A fresh folder inside Gradio's upload folder: the UI's handlers take files only from
    there, as a browser's upload leaves them. Removed afterwards."""
    import shutil

    from workbench.ui.uploads import upload_folder

    upload_folder().mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=upload_folder(), prefix="test-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(home: Path):
    """Run the real CLI entry point in this process: cli("reports", "list") -> CliResult."""
    from workbench.cli import main

    def run(*args: str) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main(list(args))
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory):
    """tiny_model("en", "ar") -> folder of a tiny MarianMT model, built once per session.

    Random weights (its translations are nonsense), a SentencePiece tokenizer trained on
    tests/data/translate/, and the catalog model's target tokens (>>ara<< for en-ar).
    """
    from workbench.translate.tiny import build_tiny_model

    root = tmp_path_factory.mktemp("tiny-models")
    texts = sorted((ROOT / "tests" / "data" / "translate").glob("*.txt"))
    built: dict[tuple[str, str], Path] = {}

    def get(src: str, tgt: str) -> Path:
        if (src, tgt) not in built:
            built[src, tgt] = build_tiny_model(src, tgt, root / f"{src}-{tgt}", texts=texts)
        return built[src, tgt]

    return get


@pytest.fixture(scope="session")
def tiny_nllb(tmp_path_factory: pytest.TempPathFactory):
    """tiny_nllb() -> folder of a tiny NLLB-200 model (tiny_nllb("m2m100"): M2M100), built
    once per session: random weights, the language codes of en, ar, ckb and kmr."""
    from workbench.translate.tiny_nllb import build_tiny_nllb

    root = tmp_path_factory.mktemp("tiny-nllb")
    texts = sorted((ROOT / "tests" / "data" / "translate").glob("*.txt"))
    built: dict[str, Path] = {}

    def get(architecture: str = "nllb") -> Path:
        if architecture not in built:
            built[architecture] = build_tiny_nllb(
                root / architecture, architecture=architecture, texts=texts
            )
        return built[architecture]

    return get


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module that asks for it."""
    from tests.chromium import chromium

    with chromium() as launched:
        yield launched
