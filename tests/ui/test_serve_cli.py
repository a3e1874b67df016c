"""`workbench serve` and `workbench quickstart` as a user runs them."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from workbench.ui.server import free_port

STARTUP_S = 120


def test_a_non_loopback_host_is_refused_without_accounts(cli):
    result = cli("serve", "--host", "0.0.0.0")
    assert result.code == 2
    assert "Refusing to serve on 0.0.0.0: there are no accounts" in result.err


def test_a_taken_port_is_one_clear_line(cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", "--port", str(port))
    assert result.code == 2 and f"Cannot listen on 127.0.0.1:{port}" in result.err
    assert "Traceback" not in result.err


def _serve_until_url(
    args: list[str], home, port: str = ""
) -> tuple[subprocess.Popen, str, list[str]]:
    env = {**os.environ, "WORKBENCH_HOME": str(home)}
    if port:
        env["WORKBENCH_PORT"] = port
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )  # fmt: skip
    lines: list[str] = []
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        found = re.search(r"Review UI: (http://\S+)", line)
        if found:
            return process, found[1], lines
    process.kill()
    pytest.fail("the UI did not say where it serves:\n" + "".join(lines))


def _stop(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGINT)
    try:
        return process.wait(timeout=30)
    finally:
        process.kill()


@pytest.mark.slow
def test_serve_prints_the_url_and_answers_there(home):
    port = free_port()
    process, url, _ = _serve_until_url(["serve", "--port", str(port)], home)
    try:
        assert url == f"http://127.0.0.1:{port}/"
        page = httpx.get(url)
        assert page.status_code == 200 and "workbench review" in page.text
    finally:
        code = _stop(process)
    assert code == 0


@pytest.mark.slow
def test_quickstart_loads_the_corpus_then_serves(home, tmp_path):
    folder = tmp_path / "corpus" / "floods"
    folder.mkdir(parents=True)
    (folder / "floods.en.txt").write_text("Floods\n\nRain fell.\n", encoding="utf-8")
    env_port = str(free_port())
    process, url, lines = _serve_until_url(
        ["quickstart", "--corpus", str(tmp_path / "corpus")], home, port=env_port
    )
    try:
        assert "Loaded 1 sample report(s)" in "".join(lines)
        assert httpx.get(url).status_code == 200
    finally:
        _stop(process)
    assert url == f"http://127.0.0.1:{env_port}/"


def test_quickstart_translates_where_a_model_is_here(cli, tmp_path, tiny_model):
    folder = tmp_path / "corpus" / "floods"
    folder.mkdir(parents=True)
    (folder / "floods.en.txt").write_text("Floods\n\nRain fell. Roads closed.\n", encoding="utf-8")
    (folder / "floods.ar.txt").write_text("فيضانات\n\nهطل المطر. أغلقت الطرق.\n", encoding="utf-8")
    config = tmp_path / "workbench.toml"
    config.write_text(f'[models]\n"en-ar" = "{tiny_model("en", "ar")}"\n', encoding="utf-8")
    args = [
        "--config",
        str(config),
        "quickstart",
        "--no-serve",
        "--corpus",
        str(tmp_path / "corpus"),
    ]
    first = cli(*args)
    assert first.code == 0, first.err
    assert "Aligned floods (ar,en)" in first.out
    assert "Translated floods en→ar: 3 sentences" in first.out
    assert "Scored floods/" in first.out and "chrf" in first.out
    assert "Translated" not in cli(*args).out
    listed = cli("--config", str(config), "job", "list").out  # all through the job runner
    for name in ("align floods", "check floods", "translate en-ar floods", "score floods"):
        assert name in listed


def test_quickstart_without_models_says_how_to_get_them(cli, tmp_path):
    folder = tmp_path / "corpus" / "floods"
    folder.mkdir(parents=True)
    (folder / "floods.en.txt").write_text("Floods\n\nRain fell.\n", encoding="utf-8")
    result = cli("quickstart", "--no-serve", "--corpus", str(tmp_path / "corpus"))
    assert "No translation models on this machine" in result.out
    assert "workbench models pull --all" in result.out
