"""A longer fuzz run of ingest and import: mutated real-looking files of every format.

python bench/fuzz_ingest.py [--seconds 300] [--seed 1] [--out fuzz-failures]

Seeds are the project's sample reports (corpora/: .txt, .md, .html, .docx) and parallel
files made from their sentences (.tmx, .xlf, .tsv, .jsonl). Each round picks a seed, mutates
it (bytes flipped, inserted, deleted, repeated or cut; hostile pieces spliced in: NUL, BOMs,
broken UTF-8, bidi controls, DTDs and entities, scripts, deep nesting; re-encoded in
UTF-16 or Windows-1256; for .docx, the XML inside the zip mutated too) and feeds it to
`ingest` (report files, into a scratch store) or `import_file` (parallel files).

A round passes when it stores the file or refuses it with a WorkbenchError that names it; a
failure is any other exception, or a round slower than --slow seconds (a hang in the
making). Failures are saved under --out with the exception, to be replayed.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import signal
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from workbench.errors import WorkbenchError

ROOT = Path(__file__).resolve().parent.parent
REPORT_SUFFIXES = (".txt", ".md", ".html", ".docx")
PARALLEL_SUFFIXES = (".tmx", ".xlf", ".tsv", ".jsonl")
HOSTILE = [
    b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff", b"\xc3(", b"\xed\xa0\x80",
    "\u202e\u2066\u2069\u200b\u200f".encode(), "ﻻﺍ".encode(), "\u064e".encode() * 500,
    b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>", b"&e;",
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    b"<script>alert(1)</script>", b"<img src=x onerror=alert(1)>", b"javascript:",
    b"<div>" * 2000, b"[" * 5000, b"{" * 5000, b"\r", b"\r\n", b"\n\n", b"\t", b"\\",
    b"]]>", b"<![CDATA[", b"</seg>", b"</tuv></tu>", b'"', b"\\u0000", b"1e999", b"NaN",
]  # fmt: skip


class TooSlow(Exception):
    pass


def seeds(corpus: Path, folder: Path) -> list[Path]:
    """The sample reports, and parallel files in every format made from two of them."""
    from workbench.formats.api import export_alignment
    from workbench.store.db import open_database
    from workbench.text.corpus import load_corpus

    found = sorted(p for p in corpus.glob("*/*") if p.suffix in REPORT_SUFFIXES)
    db = open_database(folder / "seeds.db")
    try:
        load_corpus(db, corpus)
        from workbench.align.report import align_report

        made = align_report(db, found[0].parent.name, langs=["en", "ar"])
        for suffix in PARALLEL_SUFFIXES:
            path = folder / f"seed{suffix}"
            export_alignment(made.id, path, db=db, languages=["en", "ar"])
            found.append(path)
    finally:
        db.close()
    return found


def mutate(data: bytes, suffix: str, rng: random.Random, other: bytes) -> tuple[bytes, str]:
    """One to four mutations of `data`; returns the bytes and what was done."""
    if suffix == ".docx" and rng.random() < 0.6:
        return _mutate_docx(data, rng, other)
    done = []
    for _ in range(rng.randint(1, 4)):
        name, step = rng.choice(list(MUTATIONS.items()))
        data = step(data, rng, other)
        done.append(name)
    return data, "+".join(done)


def _at(data: bytes, rng: random.Random) -> int:
    return rng.randrange(len(data) + 1)


def _flip(data: bytes, rng: random.Random, other: bytes) -> bytes:
    if not data:
        return data
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    return bytes(buf)


def _insert(data: bytes, rng: random.Random, other: bytes) -> bytes:
    at = _at(data, rng)
    return data[:at] + rng.choice(HOSTILE) * rng.choice((1, 1, 3, 100)) + data[at:]


def _delete(data: bytes, rng: random.Random, other: bytes) -> bytes:
    at = _at(data, rng)
    return data[:at] + data[at + rng.randint(1, 400) :]


def _repeat(data: bytes, rng: random.Random, other: bytes) -> bytes:
    at = _at(data, rng)
    piece = data[at : at + rng.randint(1, 200)]
    return data[:at] + piece * rng.choice((2, 10, 1000)) + data[at:]


def _cut(data: bytes, rng: random.Random, other: bytes) -> bytes:
    return data[: _at(data, rng)]


def _splice(data: bytes, rng: random.Random, other: bytes) -> bytes:
    return data[: _at(data, rng)] + other[_at(other, rng) :]


def _reencode(data: bytes, rng: random.Random, other: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    encoding = rng.choice(("utf-16-le", "utf-16-be", "utf-16", "cp1256", "utf-8-sig"))
    return text.encode(encoding, errors="replace")


MUTATIONS: dict[str, Callable[[bytes, random.Random, bytes], bytes]] = {
    "flip": _flip,
    "insert": _insert,
    "delete": _delete,
    "repeat": _repeat,
    "cut": _cut,
    "splice": _splice,
    "reencode": _reencode,
}


def _mutate_docx(data: bytes, rng: random.Random, other: bytes) -> tuple[bytes, str]:
    """Mutate one XML part inside the zip (the zip itself stays readable)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {i.filename: package.read(i) for i in package.infolist()}
    xml = [name for name in parts if name.endswith((".xml", ".rels"))]
    name = "word/document.xml" if rng.random() < 0.7 and "word/document.xml" in parts else None
    name = name or rng.choice(xml)
    parts[name], done = mutate(parts[name], ".xml", rng, other)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for part, content in parts.items():
            package.writestr(part, content)
    return buffer.getvalue(), f"docx[{name}]:{done}"


def feed(path: Path, db, report: str) -> str:
    """'stored' or 'refused'; any other exception propagates."""
    from workbench.formats.api import import_file
    from workbench.text.ingest import ingest

    try:
        if path.suffix in PARALLEL_SUFFIXES:
            import_file(path, report, user="fuzz", db=db)
        else:
            ingest(db, [path], report=report)
    except WorkbenchError as exc:
        if path.name not in str(exc) and "language" not in str(exc).lower():
            raise AssertionError(f"the error does not name the file: {exc}") from None
        return "refused"
    return "stored"


def _alarm(signum, frame):
    raise TooSlow()


def run(args: argparse.Namespace) -> int:
    from workbench.store.db import check, open_database

    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="fuzz-ingest-"))
    out = Path(args.out)
    signal.signal(signal.SIGALRM, _alarm)
    tried: Counter[str] = Counter()
    outcomes: Counter[tuple[str, str]] = Counter()
    failures: list[tuple[str, str, str]] = []
    slowest = (0.0, "")
    try:
        pool = seeds(Path(args.corpus), work)
        contents = {p: p.read_bytes() for p in pool}
        db = open_database(work / "fuzz.db")
        deadline = time.monotonic() + args.seconds
        n = 0
        while time.monotonic() < deadline:
            n += 1
            seed = rng.choice(pool)
            other = contents[rng.choice(pool)]
            data, done = mutate(contents[seed], seed.suffix, rng, other)
            path = work / f"input-{n}{seed.suffix}"
            path.write_bytes(data)
            tried[seed.suffix] += 1
            start = time.monotonic()
            signal.alarm(int(args.slow * 3))
            try:
                outcome = feed(path, db, f"fuzz {n}")
                took = time.monotonic() - start
                if took > args.slow:
                    raise TooSlow()
            except Exception as exc:  # a failure: keep the input and what happened
                outcome = "failure"
                failures.append((seed.name, done, f"{type(exc).__name__}: {exc}"[:300]))
                out.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, out / path.name)
                (out / f"{path.name}.txt").write_text(
                    f"seed {seed.name}, mutations {done}\n{traceback.format_exc()}"
                )
            finally:
                signal.alarm(0)
            took = time.monotonic() - start
            slowest = max(slowest, (took, f"{seed.name} {done}"))
            outcomes[seed.suffix, outcome] += 1
            path.unlink()
        problems = check(db)
        db.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _print(tried, outcomes, failures, slowest, problems, args)
    return 1 if failures or problems else 0


def _print(tried, outcomes, failures, slowest, problems, args) -> None:
    print(f"fuzz_ingest: {sum(tried.values())} inputs in {args.seconds:.0f} s (seed {args.seed})")
    print(f"{'format':8} {'tried':>7} {'stored':>7} {'refused':>8} {'failures':>9}")
    for suffix in (*REPORT_SUFFIXES, *PARALLEL_SUFFIXES):
        print(
            f"{suffix:8} {tried[suffix]:7} {outcomes[suffix, 'stored']:7} "
            f"{outcomes[suffix, 'refused']:8} {outcomes[suffix, 'failure']:9}"
        )
    print(f"failures found: {len(failures)}; slowest input {slowest[0]:.2f} s ({slowest[1]})")
    print(f"store check after the run: {'ok' if not problems else problems[:3]}")
    for seed, done, what in failures[:20]:
        print(f"  {seed} [{done}]: {what}")
    if failures:
        print(f"inputs and tracebacks saved in {args.out}/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=300, help="how long to fuzz")
    parser.add_argument("--seed", type=int, default=1, help="random seed (runs repeat)")
    parser.add_argument("--slow", type=float, default=10.0, help="seconds that count as a hang")
    parser.add_argument("--corpus", default=str(ROOT / "corpora"), help="seed reports")
    parser.add_argument("--out", default="fuzz-failures", help="where failures are saved")
    raise SystemExit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
