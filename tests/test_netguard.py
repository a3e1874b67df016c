"""The guard itself: it must catch this process and its subprocesses."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def expect_blocked():
    """Let the test trip the guard on purpose, then remove what it logged."""
    log = Path(os.environ["WORKBENCH_NETGUARD_LOG"])
    start = log.stat().st_size
    yield lambda: [json.loads(x) for x in log.read_text()[start:].splitlines() if x]
    content = log.read_text()[:start]
    log.write_text(content)


def test_connect_to_a_public_address_is_blocked(expect_blocked):
    with pytest.raises(OSError, match="blocked by the test network guard"):
        socket.create_connection(("192.0.2.10", 80), timeout=1)
    [record] = expect_blocked()
    assert record["kind"] == "connect" and "192.0.2.10" in record["target"]
    assert "test_connect_to_a_public_address_is_blocked" in record["stack"]


def test_name_lookup_is_blocked(expect_blocked):
    with pytest.raises(OSError):
        socket.getaddrinfo("huggingface.co", 443)
    assert expect_blocked()[0]["kind"] == "resolve"


def test_subprocesses_are_guarded_too(expect_blocked):
    code = "import socket; socket.create_connection(('198.51.100.7', 443), timeout=1)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0 and "blocked by the test network guard" in result.stderr
    [record] = expect_blocked()
    assert record["pid"] != os.getpid()


def test_loopback_is_allowed():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    client = socket.create_connection(server.getsockname(), timeout=5)
    client.close()
    server.close()
    assert socket.getaddrinfo("localhost", 80)
