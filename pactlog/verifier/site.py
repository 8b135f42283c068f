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
     registry by the claims engine (`claimcheck`); claims about a group with the memberships
     the site serves at `/log/groups.json`, which are not part of the log (`groupclaims`:
     read once, only if a claim names a group, and said so in the report).

Exit 0 when everything matches; 1 with each difference printed; 2 when it could not run.
On a rewritten history or a split view, both signed checkpoints are printed as evidence.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import threading
import urllib.parse
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

from pactlog.tlog import (
    FetchError,
    InvalidKeyError,
    NotFoundError,
    VerificationError,
    Verifier,
    audit_log,
    http_fetcher,
)
from pactlog.tlog.cli import describe_cosigners
from pactlog.tlog.errors import NoteError, TlogError
from pactlog.tlog.monitor import compare_with_witnesses
from pactlog.tlog.policy import PolicyError, pin_witnessed, read_policy_file
from pactlog.tlog.tiles import Fetch
from pactlog.verifier import untrusted
from pactlog.verifier.claimcheck import recomputed_verdict
from pactlog.verifier.countries import country_name_en
from pactlog.verifier.entries import EntryError, parse_entry
from pactlog.verifier.groupclaims import GIVES, SiteGroups
from pactlog.verifier.intervals import Interval, is_in_force, is_uncertain
from pactlog.verifier.replay import PublicState, ReplayError, apply, other_names

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
PAGE_SIZE = 500
PAST_DATES = 3
API_JOBS = 6
"""API requests in flight at once (the site's answers are most of the command's time)."""


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


class _Replay:
    """`replay_entries` fed by the audit, bundle by bundle in order, so that the fold runs
    while the next bundles download. An error is kept, and reported only if the audit passes:
    a log that fails its audit is reported as that."""

    def __init__(self) -> None:
        self.state = PublicState()
        self.error: Exception | None = None

    def __call__(self, first: int, entries: Sequence[bytes]) -> None:
        if self.error is not None:
            return
        try:
            for index, data in enumerate(entries, start=first):
                kind, payload, _ = parse_entry(data, index)
                apply(self.state, kind, payload)
        except (EntryError, ReplayError, TlogError) as exc:
            self.error = exc


# --- what the log says the API must answer ------------------------------------------------


def _interval(value: dict[str, Any] | None) -> Interval | None:
    if value is None:
        return None
    before = value.get("not_before")
    return Interval(
        dt.date.fromisoformat(before) if before else None,
        dt.date.fromisoformat(value["not_after"]),
    )


Dated = list[tuple[str, dict[str, Any], Interval, "Interval | None"]]


def endorsements_of(state: PublicState, slug: str) -> Dated:
    """(actor, endorsement, start, end) of every endorsement of `slug`, its dates parsed once
    for all the days compared."""
    dated: Dated = []
    for (agreement, actor_id, _), e in state.endorsements.items():
        if agreement == slug:
            start = _interval(e["start"])
            assert start is not None
            dated.append((actor_id, e, start, _interval(e["end"])))
    return dated


def expected(
    state: PublicState, slug: str, day: dt.date, dated: Dated | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(counts, supporters by id) as the API must serve them for `slug` as of `day`
    (`dated`: `endorsements_of(state, slug)`, when already at hand)."""
    categories = list(state.agreements[slug].get("categories", []))
    by_category = {c: 0 for c in categories}
    uncertain = 0
    supporters: dict[str, Any] = {}
    for actor_id, e, start, end in endorsements_of(state, slug) if dated is None else dated:
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
    deadline, same-scheme redirects), with `API_JOBS` requests in flight at most."""

    def __init__(self, site: str, timeout: float) -> None:
        self.fetch = http_fetcher(
            site.rstrip("/") + "/api/v1/",
            timeout,
            headers={"Accept": "application/json", "Accept-Language": "en"},
        )
        self._early: dict[str, Future[bytes]] = {}
        self._pool = ThreadPoolExecutor(max_workers=API_JOBS, thread_name_prefix="verify-api")
        self.groups = SiteGroups(http_fetcher(site.rstrip("/") + "/log/", timeout))

    @staticmethod
    def _key(path: str, params: dict[str, Any]) -> str:
        query = urllib.parse.urlencode(sorted((k, v) for k, v in params.items() if v is not None))
        return path + (f"?{query}" if query else "")

    def ask(self, path: str, **params: Any) -> None:
        """Start reading an answer that `get` will be asked for (once) later."""
        key = self._key(path, params)
        if key not in self._early:
            self._early[key] = self._pool.submit(self.fetch, key)

    def _answer(self, key: str) -> Future[bytes]:
        early = self._early.pop(key, None)
        return early if early is not None else self._pool.submit(self.fetch, key)

    def prefetch(self, day: dt.date) -> None:
        """Start reading the answers for `day` (the agreements, their counts and first page of
        supporters) while the log is audited: they do not depend on it, and the round trips
        are most of this command's time. `get` uses them when asked the same question."""
        self.ask("agreements")
        listing = self._early["agreements"]

        def warm() -> None:
            try:
                slugs = [str(a["slug"]) for a in untrusted.loads(listing.result())]
            except (FetchError, ValueError, KeyError, TypeError):
                return  # the comparison will ask again, and report it
            try:
                for slug in slugs:
                    self.ask(f"agreements/{slug}/counts", as_of=day.isoformat())
                    self.ask(self._page(slug, day, 1))
            except RuntimeError:
                return  # closed already: the command has ended

        threading.Thread(target=warm, name="verify-early", daemon=True).start()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    @staticmethod
    def _json(path: str, data: bytes) -> Any:
        try:
            return untrusted.loads(data)
        except ValueError as exc:
            raise FetchError(f"{path}: not JSON ({exc})") from None

    def get(self, path: str, **params: Any) -> Any:
        return self._json(path, self._answer(self._key(path, params)).result())

    @staticmethod
    def _page(slug: str, day: dt.date, number: int) -> str:
        params = {"as_of": day.isoformat(), "page": number, "page_size": PAGE_SIZE}
        return Api._key(f"agreements/{slug}/supporters", params)

    def supporters(
        self, slug: str, day: dt.date, expected: int = 0
    ) -> Callable[[], list[dict[str, Any]]]:
        """Ask at once for every page of supporters listed as of `day` that the log says there
        are (`expected` supporters: one round trip, not one for the first page and then one
        for the others); the function returned collects the rows, reading on where the
        site's own count says there are more pages."""

        def ask(number: int) -> Future[bytes]:
            return self._answer(self._page(slug, day, number))

        pages = [ask(n) for n in range(1, max(1, -(-expected // PAGE_SIZE)) + 1)]

        def collect() -> list[dict[str, Any]]:
            where = f"agreements/{slug}/supporters"
            first = self._json(where, pages[0].result())
            last_page = max(1, -(-int(first.get("count", 0)) // PAGE_SIZE))
            pages.extend(ask(n) for n in range(len(pages) + 1, last_page + 1))
            rows: list[dict[str, Any]] = list(first["supporters"])
            answer = first
            for number, future in enumerate(pages[1:], start=2):
                try:
                    data = future.result()
                except NotFoundError:
                    if number > last_page:  # asked for per the log; the site lists fewer
                        continue
                    raise
                answer = self._json(where, data)
                rows.extend(answer["supporters"])
            while answer.get("next"):  # more than the count announced: read on, one by one
                number = len(pages) + 1
                pages.append(ask(number))
                answer = self._json(where, pages[-1].result())
                rows.extend(answer["supporters"])
            return rows

        return collect


def compare(
    api: Api,
    state: PublicState,
    extra: list[dt.date],
    today: dt.date,
    say: Any = None,
) -> list[str]:
    """Every difference between the replayed registry and the API, as sentences."""
    problems: list[str] = []
    served = {a["slug"] for a in api.get("agreements")}
    replayed = set(state.agreements)
    for slug in sorted(replayed - served):
        problems.append(f"agreement {slug}: in the log but not served by the API")
    for slug in sorted(served - replayed):
        problems.append(f"agreement {slug}: served by the API but not in the log")
    # Every question is asked before the first answer is checked: the site answers them in
    # parallel while the comparison runs.
    asked = []
    for slug in sorted(served & replayed):
        days = [today, *(extra or past_dates(state, slug))]
        dated = endorsements_of(state, slug)
        asked.append((slug, days, [_ask_day(api, state, slug, day, dated) for day in days]))
        api.ask(f"agreements/{slug}/claims")
    for slug, days, checks in asked:
        for check in checks:
            problems += check()
        problems += compare_claims(api, state, slug)
        if say is not None:
            say(f"site: {slug} compared as of {', '.join(d.isoformat() for d in days)}")
    return problems


def _ask_day(
    api: Api, state: PublicState, slug: str, day: dt.date, dated: Dated
) -> Callable[[], list[str]]:
    """Ask the site for `slug` as of `day`; the function returned compares its answers."""
    counts, supporters = expected(state, slug, day, dated)
    api.ask(f"agreements/{slug}/counts", as_of=day.isoformat())
    listing = api.supporters(slug, day, len(supporters))
    return partial(_compare_day, api, slug, day, counts, supporters, listing)


def _compare_day(
    api: Api,
    slug: str,
    day: dt.date,
    counts: dict[str, Any],
    supporters: dict[str, Any],
    listing: Callable[[], list[dict[str, Any]]],
) -> list[str]:
    where = f"{slug} as of {day}"
    problems = []
    got = api.get(f"agreements/{slug}/counts", as_of=day.isoformat())
    for name in ("total", "uncertain"):
        if got.get(name) != counts[name]:
            problems.append(f"{where}: {name}: log says {counts[name]}, site says {got.get(name)}")
    for category in sorted(set(counts["by_category"]) | set(got.get("by_category", {}))):
        mine, theirs = counts["by_category"].get(category), got["by_category"].get(category)
        if mine != theirs:
            problems.append(f"{where}: {category}: log says {mine}, site says {theirs}")
    listed = {row["id"]: row for row in listing()}
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


def compare_claims(api: Api, state: PublicState, slug: str) -> list[str]:
    """The claims the site serves against the log's: content, and verdicts recomputed by the
    claims engine (`claimcheck`), with the site's `/log/groups.json` for claims about a group."""
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
        try:
            verdict = recomputed_verdict(state, slug, mine, api.groups.windows)
        except (KeyError, ValueError, AssertionError) as exc:
            problems.append(f"claim {cid}: its verdict cannot be recomputed from the log: {exc}")
            continue
        verdict = json.loads(json.dumps(verdict))
        got = theirs.get("verdict") or {}
        # A key the API's schema adds as null is no difference.
        keys = sorted(k for k in set(verdict) | set(got) if verdict.get(k) != got.get(k))
        if keys:
            problems.append(
                f"claim {cid}: verdict ({', '.join(keys)}): "
                f"{GIVES if mine.get('group') else 'log gives'} {verdict.get('verdict')!r}, "
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


def _serving(fetch: Fetch, path: str, data: bytes) -> Fetch:
    """`fetch`, but `path` is answered with `data` (the checkpoint already read is the one
    audited and shown as evidence, not a second, possibly newer, copy)."""
    return lambda wanted: data if wanted == path else fetch(wanted)


def run(args: argparse.Namespace, out: Any = None) -> int:
    if not args.site.startswith(("http://", "https://")):
        raise UsageError(f"SITE_URL must be an http(s) URL, not {args.site!r}")
    today = dt.datetime.now(dt.timezone.utc).date()
    api = Api(args.site, args.timeout)
    api.prefetch(today)
    try:
        return _run(args, out or sys.stdout, api, today)
    finally:
        api.close()


def _run(args: argparse.Namespace, out: Any, api: Api, today: dt.date) -> int:
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
        signed = fetch("checkpoint")
        note = signed.decode("utf-8", "replace")
        replayed = _Replay()
        result = audit_log(
            _serving(fetch, "checkpoint", signed), verifier, since=old, on_entries=replayed
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
    if replayed.error is not None:  # the audit recomputed the root from these very entries
        print(f"FAILED: replaying the log: {replayed.error}", file=out)
        return EXIT_FAILED
    state = replayed.state
    if state_file is not None:
        _save_state(state_file, note, args.site)
    say(
        f"replay: {len(state.agreements)} agreements, {len(state.actors)} actors, "
        f"{len(state.endorsements)} endorsements"
    )
    problems = compare(api, state, extra, today, say)
    for line in api.groups.notes():
        say(line)
    for problem in problems:
        print(f"DIFFERS: {problem}", file=out)
    if problems:
        print(f"FAILED: {len(problems)} difference(s) between the log and the site", file=out)
        return EXIT_FAILED
    say("site: every count and supporter list matches the log, today and at past dates")
    return EXIT_OK


def main(argv: Sequence[str] | None = None, prog: str = "pactlog-verify") -> int:
    try:
        try:
            args = _parser(prog).parse_args(list(sys.argv[1:] if argv is None else argv))
        except SystemExit as exc:
            return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
        return run(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except FetchError as exc:
        print(f"error: cannot read the site: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (NoteError, KeyboardInterrupt) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
