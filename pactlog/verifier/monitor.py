"""`pactlog-verify monitor` (also `pactlog monitor`): watch a pactlog site's log and say what
changed, or that the log misbehaves.

One run: open the site's checkpoint with the key (and the witness policy, when given); check
that it extends the last checkpoint this monitor verified (a consistency proof from the tiles,
then the new entries folded into the kept compact range must give the new root); replay the
new entries; notify the changes the watches select; then, and only then, advance the state.
A failure raises an *alarm* carrying its evidence (both checkpoints, the entry that does not
parse) and leaves the state where it was.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, TextIO

from pactlog.tlog.checkpoint import Checkpoint, open_checkpoint
from pactlog.tlog.errors import (
    FetchError,
    InvalidKeyError,
    NoteError,
    NotFoundError,
    ProofError,
    TlogError,
)
from pactlog.tlog.note import Verifier
from pactlog.tlog.policy import PolicyError, open_witnessed, read_policy_file
from pactlog.tlog.proofs import verify_consistency
from pactlog.tlog.remote import open_source
from pactlog.tlog.tiles import (
    TILE_WIDTH,
    Fetch,
    TileHashReader,
    fetch_bundle,
    fetch_tile,
    tile_width,
)
from pactlog.verifier import compact, untrusted
from pactlog.verifier.changes import (
    Change,
    Groups,
    Watch,
    WatchError,
    fold_changes,
    groups_from_json,
    parse_watch,
    read_watch_file,
)
from pactlog.verifier.emailurl import parse_email_url
from pactlog.verifier.entries import EntryError
from pactlog.verifier.monitorstate import MonitorState, StateDir, StateError
from pactlog.verifier.notify import (
    ALARM,
    CHANGE,
    HEARTBEAT,
    NOTICE,
    AtomSink,
    DeliveryError,
    EmailSink,
    Message,
    Sink,
    StreamSink,
    WebhookSink,
    check_webhook_secret,
    now_iso,
)
from pactlog.verifier.phrases import LANGUAGES, say
from pactlog.verifier.replay import ReplayError

EXIT_OK, EXIT_ALARM, EXIT_USAGE = 0, 1, 2
PolicyCheck = Callable[[bytes], None]
"""Witness policy check: raises NoteError when the checkpoint note lacks the cosignatures the
policy requires (see `load_policy`)."""


class UsageError(Exception):
    pass


class Alarm(Exception):
    """The log misbehaves; `evidence` is what anyone can check: (label, text) pairs, each label
    an `evidence.*` phrase. `reason` names the `alarm.*` phrase, filled with `values`; `what`
    is it in English."""

    def __init__(self, reason: str, evidence: Sequence[tuple[str, str]], **values: object) -> None:
        self.reason, self.values = reason, values
        self.what = self.say("en")
        super().__init__(self.what)
        self.evidence = list(evidence)

    def say(self, lang: str) -> str:
        return say(lang, f"alarm.{self.reason}", **self.values)

    def labelled(self, lang: str) -> list[tuple[str, str]]:
        """The evidence with its labels in `lang`."""
        return [(say(lang, f"evidence.{label}"), text) for label, text in self.evidence]


@dataclass
class Config:
    site: str
    log: str
    verifier: Verifier
    state_dir: StateDir
    watches: list[Watch]
    groups_source: str
    sinks: list[Sink] = field(default_factory=list)
    heartbeat: float | None = None
    from_start: bool = False
    timeout: float = 30.0
    policy: PolicyCheck | None = None
    out: TextIO = sys.stdout
    lang: str = "en"
    """The language of the messages (`en` or `fr`): changes, alarms, heartbeats, notices."""


def parse_duration(text: str) -> float:
    """`90s`, `5m`, `24h`, `7d` (or plain seconds) in seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text)
    if not match or float(match.group(1)) <= 0:
        raise UsageError(f"not a duration: {text!r} (say 90s, 5m, 24h or 7d)")
    scale = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]
    return float(match.group(1)) * scale


def load_policy(path: str) -> PolicyCheck:
    """The witness policy check for a C2SP tlog-policy file: the checkpoint note must carry
    the cosignatures its quorum requires (`pactlog.tlog.policy.open_witnessed`)."""
    try:
        policy = read_policy_file(path)
    except (OSError, PolicyError) as exc:
        raise UsageError(f"cannot read --policy {path}: {exc}") from None

    def check(note: bytes) -> None:
        open_witnessed(note, policy)

    return check


# --- one run ------------------------------------------------------------------------------


def _message_id(site: str, what: str) -> str:
    return "msg_" + hashlib.sha256(f"{site}\n{what}".encode()).hexdigest()[:32]


def proof_link(site: str, index: int) -> str:
    return f"{site.rstrip('/')}/log/proof/{index}"


def change_message(cfg: Config, change: Change, entry_hash: str) -> Message:
    title = change.say(cfg.lang)
    text = say(
        cfg.lang,
        "change",
        text=title,
        index=change.index,
        type=change.type,
        recorded_at=change.recorded_at,
        proof=proof_link(cfg.site, change.index),
    )
    return Message(
        id=_message_id(cfg.site, f"change {change.index} {entry_hash}"),
        kind=CHANGE,
        title=title,
        text=text,
        link=proof_link(cfg.site, change.index),
        when=now_iso(),
        data={
            "index": change.index,
            "event": change.type,
            "agreement": change.agreement,
            "actor": change.actor,
            "recorded_at": change.recorded_at,
        },
    )


def alarm_message(cfg: Config, alarm: Alarm) -> Message:
    """The alarm in `cfg.lang`; its id and `data` are in English whatever the language (the
    same evidence has one id, and programs read one vocabulary)."""
    what = alarm.say(cfg.lang)
    lines = [say(cfg.lang, "alarm_line", what=what), ""]
    for label, text in alarm.labelled(cfg.lang):
        lines += [say(cfg.lang, "evidence_line", label=label), text.rstrip("\n"), ""]
    evidence = alarm.labelled("en")
    digest = hashlib.sha256(json.dumps([alarm.what, evidence]).encode()).hexdigest()
    return Message(
        id=_message_id(cfg.site, f"alarm {digest}"),
        kind=ALARM,
        title=say(cfg.lang, "alarm_title", site=cfg.site, what=what)[:300],
        text="\n".join(lines),
        link=cfg.log,
        when=now_iso(),
        data={"alarm": alarm.what, "evidence": [{"what": w, "text": t} for w, t in evidence]},
    )


def _open(cfg: Config, note: bytes) -> Checkpoint:
    try:
        cp = open_checkpoint(note, cfg.verifier)
        if cfg.policy is not None:
            cfg.policy(note)
        return cp
    except NoteError as exc:
        raise Alarm("unverified", [("served", _text(note))], error=exc) from None


def _stored_checkpoint(cfg: Config, state: MonitorState | None) -> Checkpoint | None:
    if state is None or not state.checkpoint:
        return None
    try:
        return open_checkpoint(state.checkpoint, cfg.verifier)
    except NoteError as exc:
        raise StateError(f"the state's checkpoint does not verify with this key: {exc}") from None


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _new_entries(fetch: Fetch, start: int, size: int) -> Any:
    """(index, entry) from `start` to `size`, bundle by bundle."""
    for bundle in range(start // TILE_WIDTH, -(-size // TILE_WIDTH)):
        entries = fetch_bundle(fetch, bundle, tile_width(0, bundle, size))
        first = bundle * TILE_WIDTH
        for offset in range(max(0, start - first), len(entries)):
            yield first + offset, entries[offset]


def _check_consistency(
    fetch: Fetch, old: Checkpoint, new: Checkpoint, old_note: str, note: bytes
) -> None:
    evidence = [("before", old_note), ("now", _text(note))]
    if new.size < old.size:
        raise Alarm("shrank", evidence, old=old.size, new=new.size)
    if new.size == old.size:
        if new.root != old.root:
            raise Alarm("split", evidence, size=new.size)
        return
    reader = TileHashReader(lambda lv, i, w: fetch_tile(fetch, lv, i, w), new.size)
    try:
        verify_consistency(
            old.size, new.size, old.root, new.root, reader.consistency_proof(old.size, new.size)
        )
    except FetchError as exc:
        if not isinstance(exc, NotFoundError):
            raise  # the site could not be reached: no verdict
        raise Alarm("tiles", evidence, error=exc) from None
    except (ProofError, TlogError) as exc:
        raise Alarm("rewritten", evidence, new=new.size, old=old.size, error=exc) from None


def _groups(cfg: Config) -> Groups:
    source = cfg.groups_source
    try:
        if source.startswith(("http://", "https://")):
            base, _, name = source.rpartition("/")
            data = open_source(base + "/", cfg.timeout)(name)
        else:
            data = Path(source).read_bytes()
        return groups_from_json(untrusted.loads(data))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UsageError(f"cannot read the groups from {source}: {exc}") from None


def run_once(cfg: Config, now: float | None = None) -> int:
    """One monitoring run; the exit status (0 fine, 1 alarm, 2 could not run)."""
    now = time.time() if now is None else now
    state = cfg.state_dir.load()
    fetch = open_source(cfg.log, cfg.timeout)
    try:
        try:
            note = fetch("checkpoint")
        except NotFoundError as exc:
            if state is None or not state.checkpoint:
                if state is None:  # an empty log is a baseline: every later entry is new
                    cfg.state_dir.commit(MonitorState(last_message=str(now)), None)
                print(f"OK: {cfg.log}: the log is empty, nothing to watch yet", file=cfg.out)
                return EXIT_OK
            raise Alarm("vanished", [("before", state.checkpoint)], error=exc) from None
        cp = _open(cfg, note)
        old = _stored_checkpoint(cfg, state)
        if state is not None and old is not None:
            _check_consistency(fetch, old, cp, state.checkpoint, note)
            if cp.size == old.size:
                return _quiet(cfg, state, cp, now)
        messages, registry, peaks = _process(cfg, state, cp, fetch, note)
    except Alarm as alarm:
        _deliver(cfg, [alarm_message(cfg, alarm)], state)
        print(f"ALARM: {alarm.what}", file=sys.stderr)
        return EXIT_ALARM
    new = MonitorState(
        checkpoint=_text(note),
        size=cp.size,
        peaks=peaks,
        last_message=state.last_message if state else str(now),
        disabled_webhooks=dict(state.disabled_webhooks) if state else {},
    )
    if not messages and _heartbeat_due(cfg, new, now):
        messages = [_heartbeat(cfg, cp, now)]
    delivered = _deliver(cfg, messages, new)
    if delivered:
        new.last_message = str(now)
    cfg.state_dir.commit(new, registry)
    print(f"OK: {cp.origin} size {cp.size}: {len(messages)} message(s)", file=cfg.out)
    return EXIT_OK


def _process(
    cfg: Config, state: MonitorState | None, cp: Checkpoint, fetch: Fetch, note: bytes
) -> tuple[list[Message], Any, compact.Peaks]:
    """Fold the new entries; the messages for the watched changes, the registry, the range."""
    registry = cfg.state_dir.registry()
    peaks = list(state.peaks) if state else []
    start = state.size if state else 0
    notify = state is not None or cfg.from_start
    groups = _groups(cfg) if notify and any(w.kind == "group" for w in cfg.watches) else {}
    hashes: dict[int, str] = {}

    def entries() -> Any:
        for index, data in _new_entries(fetch, start, cp.size):
            compact.append(peaks, [data])
            hashes[index] = hashlib.sha256(data).hexdigest()
            yield index, data

    messages = []
    try:
        for change in fold_changes(registry, entries()):
            if notify and any(w.matches(change, groups) for w in cfg.watches):
                messages.append(change_message(cfg, change, hashes[change.index]))
    except (EntryError, ReplayError) as exc:
        raise Alarm("unparsed", [("checkpoint", _text(note))], error=exc) from None
    except NotFoundError as exc:  # a checkpoint whose entries are not published
        raise Alarm("missing", [("checkpoint", _text(note))], error=exc) from None
    except FetchError:
        raise  # the site could not be reached: no verdict, the run is repeated later
    except TlogError as exc:
        raise Alarm("unreadable", [("checkpoint", _text(note))], error=exc) from None
    if compact.root(peaks) != cp.root:
        evidence = [("now", _text(note))]
        if state is not None:
            evidence.insert(0, ("before", state.checkpoint))
        raise Alarm("root", evidence, first=start, last=cp.size - 1)
    return messages, registry, peaks


def _heartbeat_due(cfg: Config, state: MonitorState, now: float) -> bool:
    if cfg.heartbeat is None:
        return False
    last = float(state.last_message) if state.last_message else 0.0
    return now - last >= cfg.heartbeat


def _heartbeat(cfg: Config, cp: Checkpoint, now: float) -> Message:
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
    title = say(cfg.lang, "heartbeat_title", site=cfg.site, size=cp.size)
    watches = ", ".join(map(str, cfg.watches))
    return Message(
        id=_message_id(cfg.site, f"heartbeat {cp.size} {stamp}"),
        kind=HEARTBEAT,
        title=title,
        text=say(cfg.lang, "heartbeat_text", title=title, watches=watches),
        link=cfg.log,
        when=stamp,
        data={"size": cp.size},
    )


def _quiet(cfg: Config, state: MonitorState, cp: Checkpoint, now: float) -> int:
    if _heartbeat_due(cfg, state, now):
        _deliver(cfg, [_heartbeat(cfg, cp, now)], state)
        state.last_message = str(now)
        cfg.state_dir.commit(state, None)
    print(f"OK: {cp.origin} size {cp.size}: no new entry", file=cfg.out)
    return EXIT_OK


def _deliver(cfg: Config, messages: list[Message], state: MonitorState | None) -> int:
    """Send each message through each sink once (the journal skips what a crashed run sent);
    return how many deliveries were made. A webhook that fails is disabled and reported."""
    sent = cfg.state_dir.sent()
    disabled = state.disabled_webhooks if state is not None else {}
    count = 0
    notices: list[Message] = []
    for sink in cfg.sinks:
        if isinstance(sink, WebhookSink) and sink.url in disabled:
            sink.disabled = disabled[sink.url]
        try:
            for message in messages:
                if f"{sink.name}\t{message.id}" in sent or (
                    isinstance(sink, WebhookSink) and sink.disabled
                ):
                    continue
                try:
                    sink.deliver(message)
                except DeliveryError as exc:
                    print(f"error: {exc}", file=sys.stderr)
                    if isinstance(sink, WebhookSink) and sink.disabled:
                        disabled[sink.url] = sink.disabled
                        notices.append(_disabled_notice(cfg, sink))
                    continue
                cfg.state_dir.record_sent(sink.name, message.id)
                count += 1
        finally:
            sink.close()
    if notices:
        others = [s for s in cfg.sinks if not isinstance(s, WebhookSink)]
        _deliver(Config(**{**cfg.__dict__, "sinks": others}), notices, None)
    return count


def _disabled_notice(cfg: Config, sink: WebhookSink) -> Message:
    title = say(cfg.lang, "webhook_disabled", url=sink.url, why=sink.disabled)
    return Message(
        id=_message_id(cfg.site, f"disabled {sink.url} {now_iso()}"),
        kind=NOTICE,
        title=title,
        text=say(cfg.lang, "webhook_disabled_text", title=title),
        link="",
        when=now_iso(),
    )


# --- the command line ------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def _parser(prog: str) -> argparse.ArgumentParser:
    p = _Parser(prog=prog, description="Watch a pactlog site's log; notify changes and alarms.")
    p.add_argument("site", metavar="SITE_URL", help="the site's base URL")
    p.add_argument("--key", required=True, metavar="VKEY", help="the log's verifier key")
    p.add_argument("--state", required=True, metavar="DIR", help="the monitor's state directory")
    p.add_argument("--log", metavar="URL_OR_DIR", help="the log's files (default SITE_URL/log/)")
    p.add_argument(
        "--watch",
        action="append",
        default=[],
        metavar="WATCH",
        help="any, actor:ID, state:ISO3, group:SLUG, category:NAME [@AGREEMENT]",
    )
    p.add_argument("--watch-file", metavar="FILE", help="watches, one a line")
    p.add_argument(
        "--groups",
        metavar="FILE_OR_URL",
        help="group memberships (default SITE_URL/log/groups.json)",
    )
    p.add_argument("--email-to", action="append", default=[], metavar="ADDRESS")
    p.add_argument(
        "--email-url",
        default=os.environ.get("EMAIL_URL", ""),
        metavar="URL",
        help="smtp://, smtp+tls://, smtp+ssl://, console:, file:///DIR (default $EMAIL_URL)",
    )
    p.add_argument("--email-from", default="pactlog-verify@localhost", metavar="ADDRESS")
    p.add_argument("--webhook", action="append", default=[], metavar="URL")
    p.add_argument(
        "--webhook-secret",
        default=os.environ.get("PACTLOG_WEBHOOK_SECRET", ""),
        metavar="whsec_...",
        help="default $PACTLOG_WEBHOOK_SECRET",
    )
    p.add_argument("--webhook-attempts", type=int, default=5, metavar="N")
    p.add_argument("--webhook-backoff", default="1s", metavar="DURATION")
    p.add_argument("--enable-webhooks", action="store_true", help="retry disabled webhooks")
    p.add_argument("--atom", metavar="FILE", help="append messages to this Atom file")
    p.add_argument("--heartbeat", metavar="DURATION", help="e.g. 24h: say when nothing changed")
    p.add_argument("--every", metavar="DURATION", help="run forever, once every DURATION")
    p.add_argument(
        "--from-start",
        action="store_true",
        help="first run: notify the whole history (default: only later changes)",
    )
    p.add_argument("--policy", metavar="FILE", help="a witness policy (C2SP tlog-policy)")
    p.add_argument("--timeout", type=float, default=30.0, help="HTTP timeout in seconds")
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="the language of the messages (default en)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no message on standard output")
    return p


def config(args: argparse.Namespace) -> Config:
    if not args.site.startswith(("http://", "https://")):
        raise UsageError(f"SITE_URL must be an http(s) URL, not {args.site!r}")
    site = args.site.rstrip("/")
    try:
        verifier = Verifier(args.key)
    except InvalidKeyError as exc:
        raise UsageError(f"bad --key: {exc}") from None
    try:
        watches = [parse_watch(w) for w in args.watch]
        if args.watch_file:
            watches += read_watch_file(
                Path(args.watch_file).read_text(encoding="utf-8").splitlines()
            )
    except (WatchError, OSError) as exc:
        raise UsageError(str(exc)) from None
    sinks: list[Sink] = [] if args.quiet else [StreamSink()]
    if args.email_to:
        try:
            url = parse_email_url(args.email_url or "smtp://localhost:25")
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        sinks.append(EmailSink(url, args.email_from, args.email_to, lang=args.lang))
    if args.webhook:
        try:
            secret = check_webhook_secret(args.webhook_secret)
            if args.webhook_attempts < 1:
                raise ValueError("--webhook-attempts must be at least 1")
            for url in args.webhook:
                sinks.append(
                    WebhookSink(
                        url,
                        secret,
                        args.webhook_attempts,
                        parse_duration(args.webhook_backoff),
                        args.timeout,
                    )
                )
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    if args.atom:
        title = say(args.lang, "atom_title", site=site)
        sinks.append(AtomSink(Path(args.atom), title, site + "/log/"))
    return Config(
        site=site,
        log=args.log or site + "/log/",
        verifier=verifier,
        state_dir=StateDir(Path(args.state)),
        watches=watches,
        groups_source=args.groups or site + "/log/groups.json",
        sinks=sinks,
        heartbeat=parse_duration(args.heartbeat) if args.heartbeat else None,
        from_start=args.from_start,
        timeout=args.timeout,
        policy=load_policy(args.policy) if args.policy else None,
        lang=args.lang,
    )


def _enable_webhooks(cfg: Config) -> None:
    state = cfg.state_dir.load()
    if state is not None and state.disabled_webhooks:
        state.disabled_webhooks = {}
        cfg.state_dir.commit(state, None)


def main(argv: Sequence[str] | None = None, prog: str = "pactlog-verify monitor") -> int:
    try:
        try:
            args = _parser(prog).parse_args(list(sys.argv[1:] if argv is None else argv))
        except SystemExit as exc:
            return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
        cfg = config(args)
        if args.enable_webhooks:
            _enable_webhooks(cfg)
        if not args.every:
            return run_once(cfg)
        period = parse_duration(args.every)
        while True:
            started = time.monotonic()
            try:
                run_once(cfg)
            except (FetchError, StateError) as exc:
                print(f"error: {exc}", file=sys.stderr)
            time.sleep(max(0.0, period - (time.monotonic() - started)))
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (FetchError, StateError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
