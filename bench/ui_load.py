"""Load on the review UI: concurrent gradio_client reviewers, and opening a large report.

python bench/ui_load.py [--reviewers 20] [--seconds 60] [--beads 2000] [--browser]
python bench/ui_load.py --capacity [--step-seconds 10] [--ramp 1,2,4,8,12,16,24,32]

Serves a fresh store (a 2,000-bead English-Arabic report, one account per reviewer) with
`workbench serve` in its own process, then
1. opens the report: the `/review` endpoint (first page, worst first) and, with --browser,
   Chromium from navigation until the table's rows are on screen;
2. lets N reviewers, each its own gradio_client logged in as itself, edit different beads of
   the report as fast as answers come back for S seconds, timing every call;
and prints edits sent against edit events stored (they must be equal) and p50/p95 latency.

--capacity instead ramps the number of clients over plain HTTP (httpx, Gradio's /call API),
each acting back to back with the paced bench's mix (edit, accept, page change, filter), for
--step-seconds per step, and prints per step the actions/s, p95 and the server process's CPU
ms per action (its /proc counters: what a quiet machine's capacity follows); the capacity is
the most actions/s of a step whose p95 stays within 500 ms. Writes sent are checked against
the events stored (exactly once). Every run prints the load average at its start and end:
figures only count with a load below 1.5.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

EN = "The council met in Erbil on {n} May to discuss water for {k} families."
AR = "اجتمع المجلس في أربيل في {n} أيار لبحث المياه لـ {k} عائلة."
REPORT = "load-test"
PASSWORD = "load test password"


def build_store(home: Path, beads: int, reviewers: int) -> int:
    """A report with `beads` one-to-one beads and an account per reviewer; the alignment id."""
    import hashlib

    from workbench.accounts import create_user
    from workbench.records import Alignment, Bead, Document, Report, Segment
    from workbench.store import alignments, reports
    from workbench.store.db import open_database

    db = open_database(home / "workbench.db")
    report = reports.add_report(db, Report(REPORT, title="Load test"))
    ids = []
    for lang, pattern in (("en", EN), ("ar", AR)):
        texts = [pattern.format(n=i % 28 + 1, k=1000 + i) for i in range(beads)]
        raw = "\n\n".join(texts)
        doc = Document(
            lang=lang,
            paragraphs=tuple(texts),
            sha256=hashlib.sha256(raw.encode()).hexdigest(),
            raw_text=raw,
            segments=tuple(Segment(i, t, t, i) for i, t in enumerate(texts)),
        )
        ids.append(reports.add_document(db, report.id, doc)[0].id)
    rows = tuple(Bead(((i,), (i,)), confidence=(i * 7919 % 1000) / 1000) for i in range(beads))
    alignment = alignments.save_alignment(
        db, Alignment(tuple(ids), "bench", "bench", rows, report_id=report.id)
    )
    for r in range(reviewers):
        create_user(db, f"reviewer{r}", PASSWORD)
    db.close()
    return alignment.id or 0


def serve(home: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "WORKBENCH_HOME": str(home), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    for line in process.stdout:
        if re.search(r"Review UI: http", line):
            # Keep reading what it prints: a full pipe would stall the server mid-run.
            threading.Thread(target=process.stdout.read, daemon=True).start()
            return process
    raise SystemExit("the server did not start:\n" + process.stdout.read())


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def open_times(url: str, runs: int) -> list[float]:
    from gradio_client import Client

    client = Client(url, auth=("reviewer0", PASSWORD), verbose=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        page = client.predict(report=REPORT, languages=["en", "ar"], api_name="/review")
        times.append(time.perf_counter() - start)
    assert page["total"] > 0
    return times


def browser_open_times(url: str, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        page.goto(url)
        page.locator("input[data-testid=textbox]").fill("reviewer0")
        page.locator("input[type=password]").fill(PASSWORD)
        page.locator("button.primary").click()
        page.wait_for_selector("#wb-who")
        for _ in range(runs):
            start = time.perf_counter()
            page.goto(f"{url}?report={REPORT}")
            page.wait_for_selector("#wb-review-table tr[data-bead]", timeout=60_000)
            times.append(time.perf_counter() - start)
        browser.close()
    return times


def log_in(url: str, index: int) -> Callable[[int, int, dict], object]:
    """A reviewer's edit through gradio_client, logged in as reviewer<index>."""
    from gradio_client import Client

    client = Client(url, auth=(f"reviewer{index}", PASSWORD), verbose=False)
    return lambda alignment, bead, texts: client.predict(
        alignment_id=alignment, bead_id=bead, texts=texts, api_name="/edit"
    )


def http_session(url: str, index: int) -> Callable[[str, list], object]:
    """Calls of any endpoint through Gradio's documented HTTP API (POST /call, then read the
    answer), with plain httpx, logged in as reviewer<index>: a much lighter client than
    gradio_client, so the server's share of the time shows."""
    import httpx

    session = httpx.Client(base_url=url, timeout=60)
    answer = session.post("login", data={"username": f"reviewer{index}", "password": PASSWORD})
    answer.raise_for_status()

    def call(name: str, data: list) -> object:
        posted = session.post(f"gradio_api/call/{name}", json={"data": data})
        posted.raise_for_status()
        with session.stream("GET", f"gradio_api/call/{name}/{posted.json()['event_id']}") as got:
            kind = ""
            for line in got.iter_lines():
                if line.startswith("event:"):
                    kind = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and kind in ("complete", "error"):
                    if kind == "error":
                        raise RuntimeError(line)
                    return json.loads(line[5:])
        raise RuntimeError("no answer")

    return call


def log_in_http(url: str, index: int) -> Callable[[int, int, dict], object]:
    """The edit over plain HTTP. The endpoint reads four inputs (alignment, bead, texts and the
    bases the texts started from); every one must be sent, None for no bases."""
    call = http_session(url, index)
    return lambda alignment, bead, texts: call("edit", [alignment, bead, texts, None])


def reviewer(
    edit: Callable, index: int, alignment: int, beads: list[int], begin: threading.Barrier,
    seconds: float, out: dict,
) -> None:  # fmt: skip
    latencies, sent, failed = [], 0, 0
    n = 0
    begin.wait()
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        bead = beads[n % len(beads)]
        n += 1
        start = time.perf_counter()
        try:
            edit(alignment, bead, {"ar": f"نص مراجع {index}-{next(EDITS)}"})
        except Exception as exc:  # counted, and the first kind shown at the end
            failed += 1
            out.setdefault("error", repr(exc))
            continue
        latencies.append(time.perf_counter() - start)
        sent += 1
    out[index] = (sent, failed, latencies)


BASELINE_S = 5.0
EDITS = itertools.count()  # every edit's text differs from every other, so none is a no-op


def run_reviewers(
    clients: list[Callable], alignment: int, bead_ids: list[int], seconds: float, out: dict
) -> None:
    """Each client edits its own share of the beads for `seconds`, all starting together."""
    count = len(clients)
    start = threading.Barrier(count)
    threads = [
        threading.Thread(
            target=reviewer,
            args=(client, r, alignment, bead_ids[r::count], start, seconds, out),
        )
        for r, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--beads", type=int, default=2000)
    parser.add_argument("--browser", action="store_true", help="also time Chromium opening it")
    parser.add_argument(
        "--http-seconds", type=float, default=20, help="then the same load over plain HTTP"
    )
    parser.add_argument("--capacity", action="store_true", help="ramp clients: actions/s")
    parser.add_argument("--step-seconds", type=float, default=10)
    parser.add_argument("--ramp", default="1,2,4,8,12,16,24,32")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    if args.capacity:
        capacity(args)
        print(f"load average at end: {os.getloadavg()[0]:.2f}")
        return

    from workbench.ui.server import free_port

    home = Path(tempfile.mkdtemp(prefix="workbench-ui-load-"))
    alignment = build_store(home, args.beads, args.reviewers)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = serve(home, port)
    try:
        opening = {"api": open_times(url, 5)}
        if args.browser:
            opening["web"] = browser_open_times(url, 3)
        phases, stored = edit_load(url, home, alignment, args)
    finally:
        stop(server)
    report(args, opening, phases, stored)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


CAPACITY_P95_S = 0.5
MIX = ("edit", "accept", "page", "filter")


def capacity(args: argparse.Namespace) -> None:
    """Ramp the clients; print each step and the actions/s at which p95 stays within 500 ms."""
    from workbench.store import alignments, review
    from workbench.store.db import open_database
    from workbench.ui.server import free_port

    ramp = [int(n) for n in args.ramp.split(",")]
    home = Path(tempfile.mkdtemp(prefix="workbench-ui-capacity-"))
    alignment = build_store(home, args.beads, max(ramp))
    db = open_database(home / "workbench.db")
    beads = [b.id for b in alignments.current_beads(db, alignment)]
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = serve(home, port)
    best, writes = 0.0, 0
    try:
        calls = [http_session(url, r) for r in range(max(ramp))]
        print(f"report: {args.beads} beads, en-ar; {os.cpu_count()} cores; mix {', '.join(MIX)}")
        for clients in ramp:
            used = cpu_seconds(server.pid)
            done = ramp_step(calls[:clients], alignment, beads, args.step_seconds)
            rate, within = print_step(
                done, clients, args.step_seconds, cpu_seconds(server.pid) - used
            )
            best = max(best, rate) if within else best
            writes += sum(w for _, w, _, _ in done.values())
    finally:
        stop(server)
    stored = sum(e.action in ("edit", "accept") for e in review.events(db, alignment))
    print(f"capacity: {best:.1f} actions/s with p95 <= {CAPACITY_P95_S * 1000:.0f} ms")
    verdict = "EQUAL" if writes == stored else "DIFFERENT"
    print(f"writes sent {writes}, stored {stored} -> {verdict}")


def ramp_step(calls: list, alignment: int, beads: list[int], seconds: float) -> dict:
    """Every client acting back to back for `seconds`: by client, mixed_client's results."""
    done: dict[int, tuple[list[float], int, int, dict]] = {}
    threads = [
        threading.Thread(target=mixed_client, args=(call, c, alignment, beads, seconds, done))
        for c, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done


def print_step(done: dict, clients: int, seconds: float, server_cpu: float) -> tuple[float, bool]:
    """One step's line: (actions/s, whether p95 stayed within 500 ms)."""
    times = [t for lat, *_ in done.values() for t in lat]
    failed = sum(f for _, _, f, _ in done.values())
    rate, p95 = len(times) / seconds, percentile(times, 0.95) if times else 0.0
    within = bool(times) and p95 <= CAPACITY_P95_S
    print(f"  {clients:3d} clients: {rate:6.1f} actions/s, p50"
          f" {percentile(times, 0.5) * 1000 if times else 0:5.0f} ms, p95 {p95 * 1000:5.0f} ms,"
          f" failed {failed}{'' if within else '  (p95 over 500 ms)'}")  # fmt: skip
    kinds = {k: [t for *_, by_kind in done.values() for t in by_kind[k]] for k in MIX}
    medians = ", ".join(f"{k} {percentile(v, 0.5) * 1000:.0f}" for k, v in kinds.items() if v)
    per_action = server_cpu * 1000 / max(1, len(times) + failed)
    print(f"        server CPU {per_action:.1f} ms per action; p50 ms by action: {medians}")
    return rate, within


def mixed_client(call, index: int, alignment: int, beads: list[int], seconds: float, out):
    """Back to back, the paced bench's actions in turn: (latencies, writes, failures)."""
    latencies, writes, failed = [], 0, 0
    kinds: dict[str, list[float]] = {kind: [] for kind in MIX}
    stop = time.monotonic() + seconds
    n = index
    while time.monotonic() < stop:
        kind, bead = MIX[n % len(MIX)], beads[(n * 7919) % len(beads)]
        n += 1
        start = time.perf_counter()
        try:
            if kind == "edit":
                call("edit", [alignment, bead, {"ar": f"نص {index}-{next(EDITS)}"}, None])
            elif kind == "accept":
                call("accept", [alignment, bead])
            else:
                status = "unreviewed" if kind == "filter" else "all"
                call("review", [REPORT, ["en", "ar"], status, None, None, False, "all",
                                "worst first", n % 40 + 1, 50, False, "all"])  # fmt: skip
        except Exception as exc:  # counted, the first shown; a failed write is not stored
            failed += 1
            if not failed - 1:
                print(f"  client {index}: {kind} failed: {str(exc)[:300]}")
            continue
        latencies.append(time.perf_counter() - start)
        kinds[kind].append(latencies[-1])
        writes += kind in ("edit", "accept")
    out[index] = (latencies, writes, failed, kinds)


def edit_load(url: str, home: Path, alignment: int, args: argparse.Namespace):
    """One reviewer alone, then all through gradio_client, then all over plain HTTP; the
    results of each phase, and how many edit events the store holds at the end."""
    from workbench.store import alignments, review
    from workbench.store.db import open_database

    db = open_database(home / "workbench.db")
    bead_ids = [b.id for b in alignments.current_beads(db, alignment)]
    # Everyone logs in first (one after the other): the run times editing, not logging in.
    clients = [log_in(url, r) for r in range(args.reviewers)]
    phases: dict[str, dict] = {"alone": {}, "client": {}, "http": {}}
    run_reviewers(clients[:1], alignment, bead_ids, BASELINE_S, phases["alone"])
    run_reviewers(clients, alignment, bead_ids, args.seconds, phases["client"])
    if args.http_seconds:
        https = [log_in_http(url, r) for r in range(args.reviewers)]
        run_reviewers(https, alignment, bead_ids, args.http_seconds, phases["http"])
    return phases, sum(e.action == "edit" for e in review.events(db, alignment))


def report(args: argparse.Namespace, opening: dict, phases: dict, stored: int) -> None:
    def results(phase: str) -> list:
        return [v for k, v in phases[phase].items() if k != "error"]

    sent = sum(r[0] for phase in phases for r in results(phase))
    failed = sum(r[1] for phase in phases for r in results(phase))
    print(f"machine: {os.cpu_count()} cores (shared with other work while this ran)")
    print(f"report: {args.beads} beads, en-ar")
    names = {
        "api": "open via /review (first page, worst first)",
        "web": "open in Chromium until rows show",
    }
    for kind, times in opening.items():
        print(
            f"{names[kind]}: median {statistics.median(times):.3f} s,"
            f" max {max(times):.3f} s over {len(times)} runs"
        )
    alone = [x for r in results("alone") for x in r[2]]
    print(f"1 reviewer alone for {BASELINE_S:.0f} s (baseline): {summary(alone, BASELINE_S)}")
    print(f"{args.reviewers} reviewers for {args.seconds:.0f} s:")
    verdict = "EQUAL" if sent == stored else "DIFFERENT"
    print(
        f"  edits sent {sent} (all phases), failed {failed},"
        f" edit events stored {stored} -> {verdict}"
    )
    if failed:
        errors = [p["error"] for p in phases.values() if "error" in p]
        print(f"  first failure: {errors[0]}")
    client = [x for r in results("client") for x in r[2]]
    print(f"  through gradio_client: {summary(client, args.seconds)}")
    quick = [x for r in results("http") for x in r[2]]
    if quick:
        plain = summary(quick, args.http_seconds)
        print(f"  through plain HTTP (httpx), {args.http_seconds:.0f} s: {plain}")


def summary(latencies: list[float], seconds: float) -> str:
    if not latencies:
        return "no edit got through"
    return (
        f"latency p50 {percentile(latencies, 0.5) * 1000:.0f} ms,"
        f" p95 {percentile(latencies, 0.95) * 1000:.0f} ms,"
        f" {len(latencies) / seconds:.1f} edits/s"
    )


if __name__ == "__main__":
    main()
