"""Term candidates for a terminologist: those found in a report's aligned beads, waiting for a
decision, found again on request, and accepted into the termbase or rejected (a rejected pair
stays rejected when extraction finds it again). The same functions as `workbench terms
extract / accept / reject`; writers only. Nothing here knows about Gradio."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from workbench.errors import InputError, WorkbenchError
from workbench.records import TermCandidate, User, record_number
from workbench.store import terms as store
from workbench.store.db import Database

MAX_SHOWN = 200  # candidates listed at once, best first; deciding them brings up the next


def report_candidates(
    db: Database, report: str | None, pair: str | None = None
) -> list[TermCandidate]:
    """The pending candidates seen in `report`'s beads (every pending one when no report),
    of one language `pair` ("en-ar") when given, best first."""
    return best(waiting(db, report)[1], pair)


def candidate_pairs(db: Database, report: str | None) -> list[str]:
    """The language pairs ("en-ar") of the pending candidates seen in `report`."""
    return waiting(db, report)[0]


def waiting(db: Database, report: str | None) -> tuple[list[str], list[TermCandidate]]:
    """The language pairs with candidates pending in `report`, and those candidates, from
    one read of the store."""
    pending = store.list_candidates(db, "pending")
    if report:
        pending = [c for c in pending if any(_report_of(e) == report for e in c.examples)]
    return sorted({f"{c.src_lang}-{c.tgt_lang}" for c in pending}), pending


def best(pending: Sequence[TermCandidate], pair: str | None = None) -> list[TermCandidate]:
    """The candidates of `pair` (of every pair when none), best first, as many as are shown."""
    if pair:
        src, tgt = language_pair(pair)
        pending = [c for c in pending if (c.src_lang, c.tgt_lang) == (src, tgt)]
    return sorted(pending, key=lambda c: (-c.score, -c.count, c.id or 0))[:MAX_SHOWN]


def language_pair(pair: str) -> tuple[str, str]:
    """("en", "ar") for "en-ar", or an error that says how to write one."""
    from workbench.text.languages import canonical

    src, dash, tgt = str(pair).partition("-")
    try:
        if dash and src and tgt:
            return canonical(src), canonical(tgt)
    except WorkbenchError:
        pass
    raise InputError(
        f"{str(pair)[:40]!r} is not a language pair: write it as SOURCE-TARGET, e.g. en-ar "
        "or en-kmr."
    )


def _report_of(example: str) -> str:
    return example.rsplit("/", 1)[0]


def find_candidates(db: Database, user: User, report: str | None) -> list[TermCandidate]:
    """Extract candidates from the report's aligned beads again; its pending ones."""
    from workbench.accounts import require_writer
    from workbench.memory.extract import extract_terms
    from workbench.store.reports import get_report

    require_writer(user)
    if not report:
        raise InputError("Choose the report to find term candidates in first.")
    name = get_report(db, report).name
    extract_terms(db, [name])
    return report_candidates(db, name)


def decide(db: Database, user: User, ids: Iterable[object] | None, accept: bool) -> str:
    """Accept (into the termbase) or reject the candidates `ids`; what was done, in words.
    Nothing is decided unless every one is still pending."""
    from workbench.accounts import require_writer
    from workbench.memory.termbase import accept_candidate, reject_candidate

    require_writer(user)
    chosen = _pending(db, ids, "accept" if accept else "reject")
    act = accept_candidate if accept else reject_candidate
    for candidate in chosen:
        act(db, candidate.id or 0, user.name)
    if accept:
        return f"Accepted into the termbase: {_pairs(chosen)}."
    return f"Rejected (not offered again): {_pairs(chosen)}."


def _pending(db: Database, ids: Iterable[object] | None, verb: str) -> list[TermCandidate]:
    if isinstance(ids, (str, bytes)) or ids is None:
        ids = [ids] if ids else []
    numbers = list(dict.fromkeys(record_number(i, "term candidate") for i in ids))
    if not numbers:
        raise InputError(f"Tick the term candidates to {verb} first.")
    found = [store.get_candidate(db, n) for n in numbers]
    decided = [c for c in found if c.status != "pending"]
    if decided:
        c = decided[0]
        raise InputError(
            f"Term candidate {c.id} ({c.source} → {c.target}) was {c.status} by "
            f"{c.user or 'someone'} already; reload the list."
        )
    return found


def _pairs(candidates: Sequence[TermCandidate]) -> str:
    shown = ", ".join(f"{c.source} → {c.target}" for c in candidates[:10])
    return shown + (f" and {len(candidates) - 10} more" if len(candidates) > 10 else "")
