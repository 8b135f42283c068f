"""`pactlog-verify SITE_URL --key VKEY` (also `pactlog verify`): the registry-level verifier.

Pure Python (the stand-alone `pactlog-verify` ships it); it needs no database or settings:

  1. fetch the site's log (`SITE_URL/log/`), check the checkpoint's signature and every tile
     and entry (the same audit as `pactlog tlog verify`); with `--state`, also demand a
     consistency proof from the last checkpoint this monitor verified;
  2. replay every entry, in order, into a fresh in-memory registry with the registry's own
     fold (`pactlog.registry.replay.apply`);
  3. compare that registry with what the site's API serves, for every agreement: counts by
     category, the uncertain count and the full supporter list (id, name, category, nature,
     country, start and end intervals, status), today and as of past dates taken from the log;
     and every claim (source, quote, assertion) with its verdict recomputed from the replayed
     registry by the claims engine (claims about groups: content only, memberships are not
     in the log).

Exit 0 when everything matches; 1 with each difference printed; 2 when it could not run.
On a rewritten history or a split view, both signed checkpoints are printed as evidence.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import urllib.parse
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

from pactlog.tlog import (
    FetchError,
    InvalidKeyError,
    VerificationError,
    Verifier,
    audit_log,
    http_fetcher,
)
from pactlog.tlog.cli import describe_cosigners
from pactlog.tlog.errors import NoteError, TlogError
from pactlog.tlog.monitor import compare_with_witnesses
from pactlog.tlog.policy import PolicyError, pin_witnessed, read_policy_file
from pactlog.verifier.countries import country_name_en
from pactlog.verifier.entries import EntryError, parse_entry
from pactlog.verifier.intervals import Interval, is_in_force, is_uncertain
from pactlog.verifier.replay import PublicState, ReplayError, apply, other_names

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
PAGE_SIZE = 500
PAST_DATES = 3
API_JOBS = 6
"""Dates compared at once (each is a few API requests; the round trips dominate)."""


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def _parser(prog: str = "pactlog-verify") -> argparse.ArgumentParser:
    parser = _Parser(
        prog=prog,
        description="Verify a pactlog site: its log, and that its API serves what the log says.",
    )
    parser.add_argument("site", metavar="SITE_URL", help="the site's base URL, e.g. https://x.org/")
    parser.add_argument("--key", required=True, metavar="VKEY", help="the log's verifier key")
    parser.add_argument(
        "--policy",
        metavar="FILE",
        help="a tlog-policy file: the checkpoint must meet its witness quorum; with --state, "
        "each witness's latest checkpoint is compared with the log's",
    )
    parser.add_argument(
        "--state", metavar="FILE", help="monitor: keep the last verified checkpoint in FILE"
    )
    parser.add_argument(
        "--date",
        action="append",
        default=[],
        metavar="YYYY-MM-DD",
        help="a past date to compare (repeatable; default: three dates from the log)",
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="HTTP timeout in seconds")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only differences")
    return parser


# --- the log ----------------------------------------------------------------------------


def replay_entries(entries: Sequence[bytes]) -> tuple[PublicState, list[str]]:
    """The registry the entries describe, and the date of each entry (YYYY-MM-DD)."""
    state = PublicState()
    days = []
    for index, data in enumerate(entries):
        kind, payload, recorded_at = parse_entry(data, index)
        apply(state, kind, payload)
        days.append(recorded_at[:10])
    return state, days


# --- what the log says the API must answer ------------------------------------------------


def _interval(value: dict[str, Any] | None) -> Interval | None:
    if value is None:
        return None
    before = value.get("not_before")
    return Interval(
        dt.date.fromisoformat(before) if before else None,
        dt.date.fromisoformat(value["not_after"]),
    )


def expected(state: PublicState, slug: str, day: dt.date) -> tuple[dict[str, Any], dict[str, Any]]:
    """(counts, supporters by id) as the API must serve them for `slug` as of `day`."""
    categories = list(state.agreements[slug].get("categories", []))
    by_category = {c: 0 for c in categories}
    uncertain = 0
    supporters: dict[str, Any] = {}
    for (agreement, actor_id, _), e in state.endorsements.items():
        if agreement != slug:
            continue
        start, end = _interval(e["start"]), _interval(e["end"])
        assert start is not None
        if is_uncertain(start, end, day):
            uncertain += 1
        if not is_in_force(start, end, day):
            continue
        actor = state.actors[actor_id]
        by_category[actor["category"]] = by_category.get(actor["category"], 0) + 1
        name = actor["name"]
        if actor["kind"] == "state" and actor["country"]:
            name = country_name_en(actor["country"]) or name
        supporters[actor_id] = {
            "id": actor_id,
            "name": name,
            "names": other_names(actor),
            "category": actor["category"],
            "nature": actor["nature"],
            "country": actor["country"] or None,
            "start": e["start"],
            "end": e["end"],
            "status": e["status"],
        }
    counts = {
        "total": sum(by_category.values()),
        "uncertain": uncertain,
        "by_category": by_category,
    }
    return counts, supporters


def past_dates(state: PublicState, slug: str, count: int = PAST_DATES) -> list[dt.date]:
    """Dates spread over the agreement's history: quartiles of its known start and end days."""
    days = set()
    for (agreement, _, _), e in state.endorsements.items():
        if agreement == slug:
            days.add(e["start"]["not_after"])
            if e["end"]:
                days.add(e["end"]["not_after"])
    ordered = sorted(days)
    if not ordered:
        return []
    picks = {ordered[(len(ordered) - 1) * (i + 1) // (count + 1)] for i in range(count)}
    picks |= {ordered[0], ordered[-1]}
    return [dt.date.fromisoformat(d) for d in sorted(picks)]


# --- the site's API ---------------------------------------------------------------------


class Api:
    """The site's JSON API, read through the log's hardened HTTP reader (size cap, overall
    deadline, same-scheme redirects)."""

    def __init__(self, site: str, timeout: float) -> None:
        self.fetch = http_fetcher(
            site.rstrip("/") + "/api/v1/",
            timeout,
            headers={"Accept": "application/json", "Accept-Language": "en"},
        )
        self._early: dict[str, Future[bytes]] = {}
        self._pool: ThreadPoolExecutor | None = None

    @staticmethod
    def _key(path: str, params: dict[str, Any]) -> str:
        query = urllib.parse.urlencode(sorted((k, v) for k, v in params.items() if v is not None))
        return path + (f"?{query}" if query else "")

    def prefetch(self, day: dt.date) -> None:
        """Start reading the answers for `day` (the agreements, their counts and first page of
        supporters) while the log is audited: they do not depend on it, and the round trips
        are most of this command's time. `get` uses them when asked the same question."""
        pool = self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="verify-early")
        listing = self._early["agreements"] = pool.submit(self.fetch, "agreements")

        def warm() -> None:
            try:
                slugs = [str(a["slug"]) for a in json.loads(listing.result())]
            except (FetchError, ValueError, KeyError, TypeError):
                return  # the comparison will ask again, and report it
            for slug in slugs:
                as_of = {"as_of": day.isoformat()}
                for path, params in (
                    (f"agreements/{slug}/counts", as_of),
                    (f"agreements/{slug}/supporters", {**as_of, "page": 1, "page_size": PAGE_SIZE}),
                ):
                    key = self._key(path, params)
                    self._early.setdefault(key, pool.submit(self.fetch, key))

        pool.submit(warm)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def get(self, path: str, **params: Any) -> Any:
        key = self._key(path, params)
        early = self._early.pop(key, None)
        data = early.result() if early is not None else self.fetch(key)
        try:
            return json.loads(data)
        except ValueError as exc:
            raise FetchError(f"{path}: not JSON ({exc})") from None

    def supporters(self, slug: str, day: dt.date) -> list[dict[str, Any]]:
        """Every supporter listed as of `day`: the first page says how many there are, the
        others are fetched at once."""

        def page(number: int) -> Any:
            return self.get(
                f"agreements/{slug}/supporters",
                as_of=day.isoformat(),
                page=number,
                page_size=PAGE_SIZE,
            )

        first = page(1)
        rows: list[dict[str, Any]] = list(first["supporters"])
        if not first.get("next"):
            return rows
        pages = max(2, -(-int(first.get("count", 0)) // PAGE_SIZE))
        with ThreadPoolExecutor(max_workers=API_JOBS, thread_name_prefix="verify-pages") as pool:
            for answer in pool.map(page, range(2, pages + 1)):
                rows.extend(answer["supporters"])
        last = answer
        while last.get("next"):  # more than the count announced: read on, one by one
            pages += 1
            last = page(pages)
            rows.extend(last["supporters"])
        return rows


#: Recomputes a logged claim's verdict from the replayed registry (the application passes the
#: claims engine: `pactlog.log.claimcheck`); None when the claim cannot be judged from the log.
Recompute = Callable[[PublicState, str, dict[str, Any]], Any]


def compare(
    api: Api,
    state: PublicState,
    extra: list[dt.date],
    today: dt.date,
    say: Any = None,
    recompute: Recompute | None = None,
) -> list[str]:
    """Every difference between the replayed registry and the API, as sentences."""
    problems: list[str] = []
    served = {a["slug"] for a in api.get("agreements")}
    replayed = set(state.agreements)
    for slug in sorted(replayed - served):
        problems.append(f"agreement {slug}: in the log but not served by the API")
    for slug in sorted(served - replayed):
        problems.append(f"agreement {slug}: served by the API but not in the log")
    with ThreadPoolExecutor(max_workers=API_JOBS, thread_name_prefix="verify-api") as pool:
        for slug in sorted(served & replayed):
            days = [today, *(extra or past_dates(state, slug))]
            compared = [pool.submit(_compare_day, api, state, slug, day) for day in days]
            for found in (future.result() for future in compared):
                problems += found
            problems += compare_claims(api, state, slug, recompute)
            if say is not None:
                say(f"site: {slug} compared as of {', '.join(d.isoformat() for d in days)}")
    return problems


def _compare_day(api: Api, state: PublicState, slug: str, day: dt.date) -> list[str]:
    where = f"{slug} as of {day}"
    counts, supporters = expected(state, slug, day)
    problems = []
    got = api.get(f"agreements/{slug}/counts", as_of=day.isoformat())
    for name in ("total", "uncertain"):
        if got.get(name) != counts[name]:
            problems.append(f"{where}: {name}: log says {counts[name]}, site says {got.get(name)}")
    for category in sorted(set(counts["by_category"]) | set(got.get("by_category", {}))):
        mine, theirs = counts["by_category"].get(category), got["by_category"].get(category)
        if mine != theirs:
            problems.append(f"{where}: {category}: log says {mine}, site says {theirs}")
    listed = {row["id"]: row for row in api.supporters(slug, day)}
    for actor_id in sorted(set(supporters) | set(listed)):
        if actor_id not in listed:
            problems.append(f"{where}: supporter {actor_id}: in force per the log, not listed")
            continue
        if actor_id not in supporters:
            problems.append(f"{where}: supporter {actor_id}: listed, but not in force per the log")
            continue
        mine, theirs = supporters[actor_id], listed[actor_id]
        for field in sorted(mine):
            if mine[field] != theirs.get(field):
                problems.append(
                    f"{where}: supporter {actor_id}: {field}: log says {mine[field]!r}, "
                    f"site says {theirs.get(field)!r}"
                )
    return problems


def compare_claims(
    api: Api, state: PublicState, slug: str, recompute: Recompute | None = None
) -> list[str]:
    """The claims the site serves against the log's: content always, and verdicts recomputed
    where a `recompute` is given (`pactlog verify` gives the claims engine's)."""
    served = {c["id"]: c for c in api.get(f"agreements/{slug}/claims")}
    logged = {cid: c for cid, c in state.claims.items() if c.get("agreement") == slug}
    problems = [
        f"claim {cid}: in the log but not served" for cid in sorted(set(logged) - set(served))
    ]
    problems += [
        f"claim {cid}: served but not in the log" for cid in sorted(set(served) - set(logged))
    ]
    for cid in sorted(set(logged) & set(served)):
        mine, theirs = logged[cid], served[cid]
        assertion = {
            k: v for k, v in mine.items() if k not in ("id", "agreement", "source", "quote")
        }
        for name, want, got in (
            ("source", mine["source"], theirs.get("source")),
            ("quote", mine["quote"], theirs.get("quote")),
            ("assertion", assertion, theirs.get("assertion")),
        ):
            if want != got:
                problems.append(f"claim {cid}: {name}: log says {want!r}, site says {got!r}")
        if recompute is None:
            continue
        try:
            verdict = recompute(state, slug, mine)
        except (KeyError, ValueError, AssertionError) as exc:
            problems.append(f"claim {cid}: its verdict cannot be recomputed from the log: {exc}")
            continue
        if verdict is None:
            continue
        verdict = json.loads(json.dumps(verdict))
        got = theirs.get("verdict") or {}
        # A key the API's schema adds as null is no difference.
        keys = sorted(k for k in set(verdict) | set(got) if verdict.get(k) != got.get(k))
        if keys:
            problems.append(
                f"claim {cid}: verdict ({', '.join(keys)}): log gives {verdict.get('verdict')!r}, "
                f"site says {got.get('verdict')!r}"
            )
    return problems


# --- the command ------------------------------------------------------------------------


def _old_checkpoint(path: Path | None) -> str | None:
    if path is None or not path.exists():
        return None
    try:
        return str(json.loads(path.read_text())["checkpoint"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"cannot read the state file {path}: {exc}") from None


def _save_state(path: Path, note: str, site: str) -> None:
    data = {
        "site": site,
        "checkpoint": note,
        "verified_at": dt.datetime.now(dt.timezone.utc).isoformat(),
    }
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n")
    tmp.replace(path)


def run(args: argparse.Namespace, out: Any = None, recompute: Recompute | None = None) -> int:
    if not args.site.startswith(("http://", "https://")):
        raise UsageError(f"SITE_URL must be an http(s) URL, not {args.site!r}")
    today = dt.datetime.now(dt.timezone.utc).date()
    api = Api(args.site, args.timeout)
    api.prefetch(today)
    try:
        return _run(args, out or sys.stdout, api, today, recompute)
    finally:
        api.close()


def _run(
    args: argparse.Namespace, out: Any, api: Api, today: dt.date, recompute: Recompute | None
) -> int:
    try:
        verifier = Verifier(args.key)
        extra = [dt.date.fromisoformat(d) for d in args.date]
    except InvalidKeyError as exc:
        raise UsageError(f"bad --key: {exc}") from None
    except ValueError as exc:
        raise UsageError(f"bad --date: {exc}") from None
    state_file = Path(args.state) if args.state else None
    old = _old_checkpoint(state_file)
    try:
        policy = read_policy_file(args.policy) if args.policy else None
    except PolicyError as exc:
        raise UsageError(f"bad --policy: {exc}") from None
    log_url = args.site.rstrip("/") + "/log/"
    fetch = http_fetcher(log_url, args.timeout)

    def say(line: str) -> None:
        if not args.quiet:
            print(line, file=out)

    try:
        if policy is not None:
            fetch, witnessed = pin_witnessed(fetch, policy)
            say(f"log: {describe_cosigners(witnessed)}")
        note = fetch("checkpoint").decode("utf-8", "replace")
        entries: list[bytes] = []
        result = audit_log(
            fetch, verifier, since=old, on_entries=lambda first, some: entries.extend(some)
        )
    except VerificationError as exc:
        print(f"FAILED: the log at {log_url}: {exc}", file=out)
        if old is not None:
            print("EVIDENCE: the checkpoint this monitor verified before:", file=out)
            print(old, file=out)
            print("EVIDENCE: the checkpoint the log serves now:", file=out)
            print(note, file=out)
        return EXIT_FAILED
    cp = result.checkpoint
    say(f"log: {cp.origin} size {cp.size}: signature, {result.tiles_checked} tiles, every entry OK")
    if result.since is not None:
        say(f"log: consistent with the checkpoint of size {result.since.size} seen before")
    if policy is not None and state_file is not None:
        fetch_witness = partial(http_fetcher, timeout=args.timeout)
        views = compare_with_witnesses(policy, verifier, cp, fetch, fetch_witness)
        for view in views:
            say(f"witness {view.witness}: {view.summary}")
        split = [view for view in views if view.evidence is not None]
        for view in split:
            print(
                f"FAILED: witness {view.witness} holds a checkpoint inconsistent with the log's",
                file=out,
            )
            print("EVIDENCE: the checkpoint the log serves:", file=out)
            print(note, file=out)
            print(f"EVIDENCE: the checkpoint witness {view.witness} cosigned:", file=out)
            print(view.evidence, file=out)
        if split:
            return EXIT_FAILED
    try:  # the audit recomputed the root from these very entries
        state, _ = replay_entries(entries)
    except (EntryError, ReplayError, TlogError) as exc:
        print(f"FAILED: replaying the log: {exc}", file=out)
        return EXIT_FAILED
    if state_file is not None:
        _save_state(state_file, note, args.site)
    say(
        f"replay: {len(state.agreements)} agreements, {len(state.actors)} actors, "
        f"{len(state.endorsements)} endorsements"
    )
    problems = compare(api, state, extra, today, say, recompute)
    for problem in problems:
        print(f"DIFFERS: {problem}", file=out)
    if problems:
        print(f"FAILED: {len(problems)} difference(s) between the log and the site", file=out)
        return EXIT_FAILED
    say("site: every count and supporter list matches the log, today and at past dates")
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None,
    prog: str = "pactlog-verify",
    recompute: Recompute | None = None,
) -> int:
    try:
        try:
            args = _parser(prog).parse_args(list(sys.argv[1:] if argv is None else argv))
        except SystemExit as exc:
            return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
        return run(args, recompute=recompute)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except FetchError as exc:
        print(f"error: cannot read the site: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (NoteError, KeyboardInterrupt) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
