"""Nothing leaves the machine, and no document text reaches a log.

- The network guard is in every Python process the suite starts, and refuses to start one
  that would run without it.
- `make run`'s pipeline (`workbench quickstart`: load the sample corpus, align, serve) run as a
  user runs it, without the privacy switches the suite itself sets, then driven through its
  API and in Chromium: the guard fails the test on any lookup or connection beyond loopback.
- At the default log level the UI server's log, the CLI's messages and the crash logs never
  hold a document's text, even when a request fails inside the server.
"""

from __future__ import annotations

import ipaddress
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from workbench_netguard import installed_pids

from tests.chromium import chromium
from tests.hostile.served import serve

pytestmark = pytest.mark.timeout(300)

SWITCHES = (
    "GRADIO_ANALYTICS_ENABLED", "HF_HUB_DISABLE_TELEMETRY", "HF_HUB_OFFLINE",
    "TRANSFORMERS_OFFLINE", "RAY_USAGE_STATS_ENABLED", "NO_PROXY", "DO_NOT_TRACK",
)  # fmt: skip
MARKER = "Sekreta-7Q vorto"  # appears in no code and no message: only in documents


@pytest.fixture
def expect_blocked():
    """Let the test trip the guard on purpose, then remove what it logged."""
    log = Path(os.environ["WORKBENCH_NETGUARD_LOG"])
    start = log.stat().st_size
    yield lambda: [json.loads(x) for x in log.read_text()[start:].splitlines() if x]
    log.write_text(log.read_text()[:start])


@pytest.mark.parametrize(
    ("flags", "environment"),
    [
        (["-I"], None),
        (["-S"], None),
        (["-E"], None),
        (["-Es"], None),
        ([], {"PATH": os.environ.get("PATH", "")}),
    ],
    ids=["isolated", "no-site", "ignore-environment", "grouped-flags", "environment-without-guard"],
)
def test_a_python_process_without_the_guard_is_not_started(flags, environment, expect_blocked):
    with pytest.raises(OSError, match="blocked by the test network guard"):
        subprocess.run([sys.executable, *flags, "-c", "pass"], env=environment, check=False)
    [record] = expect_blocked()
    assert record["kind"] == "unguarded-subprocess"


def test_the_ui_server_the_suite_starts_is_guarded(tmp_path):
    served = serve(["serve"], tmp_path / "home", tmp_path / "server.log")
    try:
        assert served.process.pid in installed_pids()
    finally:
        served.stop()


@pytest.mark.slow
@pytest.mark.browser
def test_make_run_pipeline_and_its_ui_stay_on_loopback(tmp_path):
    import httpx
    from gradio_client import Client

    bare = {k: v for k, v in os.environ.items() if k not in SWITCHES}
    served = serve(["quickstart"], tmp_path / "home", tmp_path / "quickstart.log", env=bare)
    try:
        assert served.process.pid in installed_pids()
        assert "Loaded 3 sample report(s)" in served.output()
        assert httpx.get(served.url, timeout=30).status_code == 200
        client = Client(served.url, verbose=False)
        names = [r["name"] for r in client.predict(api_name="/reports")]
        page = client.predict(report=names[0], languages=["en", "ar"], api_name="/review")
        bead = page["rows"][0]["bead_id"]
        client.predict(alignment_id=page["alignment_id"], bead_id=bead, api_name="/accept")
        client.close()
        asked = _browse(served.url + "?report=" + names[0])
    finally:
        code = served.stop()
    assert asked == [], f"the page asked for addresses beyond the app: {asked[:5]}"
    assert code == 0, served.output()[-2000:]


def _browse(url: str) -> list[str]:
    """Open the review screen in Chromium; the requests it made to other addresses."""
    outside: list[str] = []

    def only_the_app(route):
        if route.request.url.startswith(url.split("?")[0]) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with chromium() as browser:
        page = browser.new_page()
        page.route("**/*", only_the_app)
        page.goto(url)
        page.wait_for_selector("#wb-review-table tr[data-bead]", timeout=60_000)
    return outside


# --- logs ---------------------------------------------------------------------------------


@pytest.fixture
def secret_report(tmp_path) -> Path:
    path = tmp_path / "secret.en.txt"
    path.write_text(
        f"The meeting in Erbil was about {MARKER}. Nobody else may read about {MARKER}.",
        encoding="utf-8",
    )
    return path


# The real server, with one bug put in before it starts: showing a review page fails with an
# error whose message quotes the document, as a careless bug would.
FAULTY_SERVER = """
import sys
from workbench.ui import review
real = review.open_review
def failing(*args, **kwargs):
    opened = real(*args, **kwargs)
    raise ValueError(f"cannot show {opened.rows[0].texts!r}")
review.open_review = failing
from workbench.cli import main
main(sys.argv[1:])
"""


def test_the_ui_server_log_holds_no_document_text(cli, home, tmp_path, secret_report):
    from gradio_client import Client

    arabic = tmp_path / "secret.ar.txt"
    arabic.write_text(f"كان الاجتماع في أربيل عن {MARKER}. لا أحد يقرأ عنه.", encoding="utf-8")
    assert cli("ingest", str(secret_report), str(arabic), "--report", "secret").code == 0
    assert cli("align-report", "secret").code == 0
    served = serve(["serve"], home, tmp_path / "server.log", program=("-c", FAULTY_SERVER))
    try:
        client = Client(served.url, verbose=False)
        answers = [_answer(client, call) for call in _requests_with_document_text()]
        client.close()
    finally:
        served.stop()
    assert (
        answers[0]
        == "Something went wrong on the server; the log has the details. Please report it."
    )
    assert all(MARKER not in answer for answer in answers[:1])
    log = served.output()
    assert "in failing" in log and "ValueError: (message withheld" in log
    assert MARKER not in log and "Sekreta" not in log


def _requests_with_document_text() -> list[dict]:
    return [
        {"report": "secret", "languages": ["en", "ar"], "api_name": "/review"},
        {"alignment_id": 1, "bead_id": 1, "texts": {"ar": f"نص {MARKER}"}, "api_name": "/edit"},
        {"alignment_id": 1, "bead_id": 1, "texts": f"not a mapping {MARKER}", "api_name": "/edit"},
        {"alignment_id": MARKER, "bead_id": 1, "texts": {"en": MARKER}, "api_name": "/edit"},
        {"report": MARKER, "languages": [MARKER], "api_name": "/review"},
        {"texts": [MARKER], "src": "en", "tgt": MARKER, "api_name": "/translate"},
        {"alignment_id": 1, "bead_id": [MARKER], "text": MARKER, "api_name": "/comment"},
        {"alignment_id": 1, "api_name": "/history"},
    ]


def _answer(client, call: dict) -> str:
    """What the client got: the result, or the error's message."""
    try:
        return str(client.predict(**call))
    except Exception as exc:
        return str(exc)


def test_a_crash_log_says_where_not_what(cli, monkeypatch, secret_report, home):
    from workbench.text import ingest

    def explode(paragraphs, lang, **options):
        raise ValueError(f"cannot split {paragraphs[0]!r}")  # a bug that quotes the text

    monkeypatch.setattr(ingest, "segment_paragraphs", explode)
    result = cli("ingest", str(secret_report), "--report", "secret")
    assert result.code == 70 and MARKER not in result.err + result.out
    [log] = (home / "logs").glob("crash-*.log")
    text = log.read_text()
    assert "in explode" in text and "ValueError: (message withheld" in text
    assert MARKER not in text


def test_debug_level_keeps_the_messages_for_a_developer(cli, monkeypatch, secret_report, home):
    from workbench.text import ingest

    def explode(paragraphs, lang, **options):
        raise ValueError(f"cannot split {paragraphs[0]!r}")

    monkeypatch.setattr(ingest, "segment_paragraphs", explode)
    monkeypatch.setenv("WORKBENCH_LOG_LEVEL", "DEBUG")
    try:
        assert cli("ingest", str(secret_report), "--report", "secret").code == 70
    finally:
        from workbench.logs import configure_logging

        configure_logging("WARNING")
    [log] = (home / "logs").glob("crash-*.log")
    assert MARKER in log.read_text()


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", "{file}", "--report", "secret"],
        ["segment", "{file}"],
        ["align-report", "secret"],
        ["reports", "list"],
        ["db", "check"],
    ],
    ids=lambda a: a[0],
)
def test_cli_diagnostics_hold_no_document_text(args, cli, secret_report, tmp_path):
    ar = tmp_path / "secret.ar.txt"
    ar.write_text("كان الاجتماع في أربيل. لا أحد يقرأ عنه.", encoding="utf-8")
    assert cli("ingest", str(secret_report), str(ar), "--report", "secret").code == 0
    result = cli(*[a.replace("{file}", str(secret_report)) for a in args])
    assert result.code == 0, result.err
    assert MARKER not in result.err  # stdout is the command's output; stderr its diagnostics


# --- a private Ray listens on loopback only ---------------------------------------------------


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                    parents[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _address(hex_address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    raw = bytes.fromhex(hex_address)
    if len(raw) == 4:
        return ipaddress.IPv4Address(raw[::-1])
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
    return ipaddress.IPv6Address(words)


def _listening(pids: set[int]) -> list[tuple[int, str]]:
    """(pid, address:port) of every TCP listener and UDP socket of these processes."""
    owners: dict[str, int] = {}
    for pid in pids:
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
                if link.startswith("socket:["):
                    owners[link[8:-1]] = pid
        except OSError:
            continue
    found = []
    for table in ("tcp", "tcp6", "udp", "udp6"):
        with open(f"/proc/net/{table}", encoding="ascii") as fh:
            for line in fh.readlines()[1:]:
                fields = line.split()
                (host, port), state, inode = fields[1].split(":"), fields[3], fields[9]
                if inode in owners and (state == "0A" or table.startswith("udp")):
                    found.append((owners[inode], f"{_address(host)}:{int(port, 16)}"))
    return found


def _loopback(address: str) -> bool:
    ip = ipaddress.ip_address(address.rsplit(":", 1)[0])
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or bool(mapped and mapped.is_loopback)


@pytest.fixture(scope="module")
def private_ray(tmp_path_factory):
    """A private Ray started as a job starts it, with one task run: (the task's pid, the
    Python processes it started, their sockets), taken while it runs."""
    ray = pytest.importorskip("ray", reason="the dist extra (ray) is part of `make install`")
    from workbench.config import load_settings
    from workbench.jobs.ray_executor import RayExecutor
    from workbench.jobs.registry import registry

    before = _descendants(os.getpid())
    home = tmp_path_factory.mktemp("ray-home")
    executor = RayExecutor(2, load_settings({"home": home}), registry())
    executor.start()
    try:

        @ray.remote
        def where() -> int:
            return os.getpid()

        worker = ray.get(where.remote())
        started = _descendants(os.getpid()) - before
        sockets = _listening(started | {os.getpid()})
        python = {pid for pid in started if _is_python(pid)}
    finally:
        executor.close()
    return worker, python, sockets


@pytest.mark.slow
def test_a_private_ray_listens_on_loopback_only(private_ray):
    """Ray turns 127.0.0.1 into the machine's network address unless told otherwise: its GCS,
    raylet and workers would then listen on every interface, the object store with them."""
    worker, _, sockets = private_ray
    assert worker in {pid for pid, _ in sockets}  # the worker's own server was seen
    assert [s for s in sockets if not _loopback(s[1])] == []


@pytest.mark.slow
def test_every_python_process_of_a_private_ray_carries_the_guard(private_ray):
    worker, python, _ = private_ray
    assert worker in python and len(python) >= 3  # workers, and Ray's own agents
    assert python <= installed_pids()


def _is_python(pid: int) -> bool:
    try:
        return os.path.basename(os.readlink(f"/proc/{pid}/exe")).startswith("python")
    except OSError:  # it has ended
        return False
