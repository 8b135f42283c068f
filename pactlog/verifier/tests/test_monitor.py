"""`pactlog-verify monitor` over a log written as files: it notifies the watched changes once,
by e-mail (a real SMTP server), signed webhook and Atom file; retries and disables a failing
webhook; sends heartbeats; raises an alarm with both checkpoints on a rewrite or a split view."""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from pactlog.verifier.monitor import main as monitor_main
from pactlog.verifier.monitorstate import MonitorState, StateDir
from pactlog.verifier.tests.helpers import (
    SECRET,
    VKEY,
    Inbox,
    Receiver,
    base_registry,
    free_port,
    write_log,
)

SITE = "http://registry.test"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, f"smtp://127.0.0.1:{controller.port}"
    finally:
        controller.stop()


@pytest.fixture
def receiver():
    hook = Receiver()
    yield hook
    hook.close()


def groups_file(tmp_path: Path) -> Path:
    path = tmp_path / "groups.json"
    members = [{"country": c, "since": None, "until": None} for c in ("AUS", "CAN", "USA")]
    path.write_text(json.dumps({"groups": {"five-eyes": {"memberships": members}}}))
    return path


def stored(tmp_path: Path) -> MonitorState | None:
    return StateDir(tmp_path / "state").load()


def state_of(tmp_path: Path) -> MonitorState:
    state = stored(tmp_path)
    assert state is not None
    return state


def monitor(tmp_path: Path, log: Path, *extra: str) -> int:
    return monitor_main([SITE, "--key", VKEY, "--state", str(tmp_path / "state"), "--log",
                         str(log), "--groups", str(groups_file(tmp_path)), *extra])  # fmt: skip


def test_watched_changes_are_notified_once_by_email_webhook_and_atom(tmp_path, smtp, receiver):
    inbox, email_url = smtp
    reg = base_registry()
    log = tmp_path / "log"
    write_log(log, reg.entries())
    sinks = ["--email-url", email_url, "--email-to", "newsroom@example.org",
             "--webhook", receiver.url, "--webhook-secret", SECRET,
             "--atom", str(tmp_path / "watch.atom")]  # fmt: skip
    watches = ["--watch", "state:AUS", "--watch", "group:five-eyes@paris-call"]
    assert monitor(tmp_path, log, *watches, *sinks) == 0
    assert inbox.messages == [] and receiver.requests == []  # a first run only sets the baseline

    reg.end("aus", "2027-03-03").endorse("can", "2027-03-04").endorse("fra", "2027-03-05", number=2)
    reg.org("ngo", "Some NGO").endorse("ngo", "2027-03-06")
    write_log(log, reg.entries())
    assert monitor(tmp_path, log, *watches, *sinks) == 0

    expected = [
        "Australia's endorsement of the Paris Call ended on 3 March 2027 (withdrawn)",
        "Canada endorsed the Paris Call on 4 March 2027",
    ]
    assert [m["Subject"] for m in inbox.messages] == [f"[pactlog] {t}" for t in expected]
    assert "Log entry 9 " in inbox.bodies()[0]
    assert f"{SITE}/log/proof/9" in inbox.bodies()[0]
    assert all(ok for _, _, ok in receiver.requests)
    assert [r["data"]["title"] for r in receiver.delivered()] == expected
    assert [r["data"]["index"] for r in receiver.delivered()] == [9, 10]
    atom = ET.parse(tmp_path / "watch.atom").getroot()
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == expected[::-1]

    assert monitor(tmp_path, log, *watches, *sinks) == 0  # nothing new: nothing sent again
    assert len(inbox.messages) == 2 and len(receiver.requests) == 2


def test_lang_fr_says_changes_and_alarms_in_french_by_email(tmp_path, smtp):
    """`--lang fr`: a state leaving, a state joining and an organisation joining, with the
    agreement's French title; then an alarm, all through a real SMTP server."""
    inbox, email_url = smtp
    reg = base_registry(title_fr="Appel de Paris")
    log = tmp_path / "log"
    write_log(log, reg.entries())
    args = ["--watch", "any", "--email-url", email_url, "--email-to", "redaction@example.org",
            "--lang", "fr"]  # fmt: skip
    assert monitor(tmp_path, log, *args) == 0
    reg.end("aus", "2027-03-03").endorse("can", "2027-03-04")
    reg.org("ngo", "Some NGO").endorse("ngo", "2027-03-01")
    write_log(log, reg.entries())
    assert monitor(tmp_path, log, *args) == 0

    assert [m["Subject"] for m in inbox.messages] == [
        "[pactlog] Australie : fin du soutien à « Appel de Paris » le 3 mars 2027 (retiré)",
        "[pactlog] Canada : début du soutien à « Appel de Paris » le 4 mars 2027",
        "[pactlog] Some NGO : début du soutien à « Appel de Paris » le 1er mars 2027",
    ]
    assert inbox.bodies()[0].replace("\r\n", "\n") == (
        "Australie : fin du soutien à « Appel de Paris » le 3 mars 2027 (retiré).\n"
        "Entrée 9 du journal (endorsement.ended, consignée le 2027-03-03T12:09:00.000000Z) ; "
        f"sa preuve : {SITE}/log/proof/9\n\n{SITE}/log/proof/9\n"
    )

    shrunk = tmp_path / "shrunk"
    write_log(shrunk, reg.entries()[:6])
    assert monitor(tmp_path, shrunk, *args) == 1
    alarm = inbox.messages[-1]
    assert alarm["Subject"] == (
        f"[pactlog ALERTE] Le journal de {SITE} se comporte mal : le journal a rétréci de 13 "
        "à 6 entrées"
    )
    body = inbox.bodies()[-1].replace("\r\n", "\n")
    assert body.startswith("ALERTE : le journal a rétréci de 13 à 6 entrées\n\n")
    assert "PREUVE : le point de contrôle vérifié auparavant :\n" in body
    assert "PREUVE : le point de contrôle servi maintenant :\n" in body


def test_lang_fr_heartbeat_and_atom_file(tmp_path):
    log = tmp_path / "log"
    write_log(log, base_registry().entries())
    atom = tmp_path / "veille.atom"
    args = ["--watch", "any", "--atom", str(atom), "--heartbeat", "1s", "--lang", "fr"]
    assert monitor(tmp_path, log, *args) == 0
    time.sleep(1.1)
    assert monitor(tmp_path, log, *args) == 0
    feed = ET.parse(atom).getroot()
    assert feed.findtext(f"{ATOM}title") == f"Moniteur pactlog de {SITE}"
    assert feed.findtext(f"{ATOM}entry/{ATOM}title") == (
        f"Surveillance de {SITE} : journal de taille 9, aucun changement"
    )
    assert (feed.findtext(f"{ATOM}entry/{ATOM}content") or "").startswith(
        f"Surveillance de {SITE} : journal de taille 9, aucun changement à signaler "
        "(surveillances : any)."
    )
    assert monitor(tmp_path, log, *args[:-1], "de") == 2  # no German phrases


def test_webhook_retries_then_is_disabled_and_reported(tmp_path, monkeypatch):
    reg = base_registry()
    log = tmp_path / "log"
    write_log(log, reg.entries())
    flaky = Receiver(status=lambda n: 500 if n < 2 else 200)
    dead = Receiver(status=lambda n: 503)
    atom = tmp_path / "watch.atom"
    args = ["--watch", "any", "--webhook", flaky.url, "--webhook", dead.url, "--webhook-secret",
            SECRET, "--webhook-attempts", "3", "--webhook-backoff", "0.01", "--atom", str(atom)]  # fmt: skip
    try:
        assert monitor(tmp_path, log, *args) == 0
        reg.end("fra", "2027-03-03")
        write_log(log, reg.entries())
        assert monitor(tmp_path, log, *args) == 0
        assert len(flaky.requests) == 3 and len(flaky.delivered()) == 1  # two 500s, then OK
        ids = {h["webhook-id"] for h, _, _ in flaky.requests}
        assert len(ids) == 1  # the same message id on every retry
        assert len(dead.requests) == 3
        assert dead.url in state_of(tmp_path).disabled_webhooks
        titles = [e.findtext(f"{ATOM}title") for e in ET.parse(atom).getroot().iter(f"{ATOM}entry")]
        assert any(
            (t or "").startswith(f"Webhook {dead.url} disabled after 3 failed attempts")
            for t in titles
        )

        reg.end("acme", "2027-03-04")
        write_log(log, reg.entries())
        assert monitor(tmp_path, log, *args) == 0
        assert len(dead.requests) == 3  # disabled: not called again
        assert len(flaky.requests) == 4
        assert monitor(tmp_path, log, *args, "--enable-webhooks") == 0
        assert state_of(tmp_path).disabled_webhooks == {}
    finally:
        flaky.close()
        dead.close()


def test_heartbeat_when_nothing_changed(tmp_path, receiver):
    log = tmp_path / "log"
    write_log(log, base_registry().entries())
    args = ["--watch", "any", "--webhook", receiver.url, "--webhook-secret", SECRET,
            "--heartbeat", "1s"]  # fmt: skip
    assert monitor(tmp_path, log, *args) == 0
    assert monitor(tmp_path, log, *args) == 0
    assert receiver.requests == []  # not yet due
    time.sleep(1.1)
    assert monitor(tmp_path, log, *args) == 0
    [beat] = receiver.delivered()
    assert beat["type"] == "pactlog.heartbeat"
    assert beat["data"]["title"] == f"Still watching {SITE}: log at size 9, no change"
    assert monitor(tmp_path, log, *args) == 0
    assert len(receiver.requests) == 1


@pytest.mark.parametrize("kind", ["rewrite", "split view", "shrink"])
def test_rewritten_history_raises_an_alarm_with_both_checkpoints(tmp_path, smtp, kind, capsys):
    inbox, email_url = smtp
    honest = base_registry()
    log = tmp_path / "log"
    write_log(log, honest.entries())
    args = ["--watch", "any", "--email-url", email_url, "--email-to", "auditor@example.org"]
    assert monitor(tmp_path, log, *args) == 0
    before = (log / "checkpoint").read_text()

    forged = base_registry()
    forged.events[5] = ("actor.saved", {**forged.events[5][1], "name": "Forged"})
    if kind == "rewrite":
        forged.end("aus", "2027-03-03")
    if kind == "shrink":
        forged.events = forged.events[:6]
    other = tmp_path / "forged"
    write_log(other, forged.entries())
    after = (other / "checkpoint").read_text()
    state_before = stored(tmp_path)

    assert monitor(tmp_path, other, *args) == 1
    [mail] = inbox.messages
    assert mail["Subject"].startswith("[pactlog ALARM] ")
    body = inbox.bodies()[0].replace("\r\n", "\n")
    assert before in body and after in body  # both signed checkpoints, as evidence
    word = {"rewrite": "not consistent", "split view": "split view", "shrink": "shrank"}[kind]
    assert word in body
    assert stored(tmp_path) == state_before  # not advanced
    assert monitor(tmp_path, other, *args) == 1
    assert len(inbox.messages) == 1  # the same evidence is not mailed twice


def test_an_entry_that_does_not_parse_raises_an_alarm(tmp_path, capsys):
    reg = base_registry()
    log = tmp_path / "log"
    write_log(log, reg.entries())
    assert monitor(tmp_path, log, "--watch", "any") == 0
    write_log(log, [*reg.entries(), b'{"not": "an entry"}'])
    assert monitor(tmp_path, log, "--watch", "any", "--atom", str(tmp_path / "a.atom")) == 1
    text = (tmp_path / "a.atom").read_text()
    assert "entry 9 does not have exactly payload" in text


def test_bad_arguments_are_usage_errors(tmp_path, capsys):
    log = tmp_path / "log"
    write_log(log, base_registry().entries())
    assert monitor(tmp_path, log, "--watch", "planet:mars") == 2
    assert monitor(tmp_path, log, "--watch", "state:united") == 2
    assert monitor(tmp_path, log, "--heartbeat", "soon") == 2
    assert monitor(tmp_path, log, "--webhook", "http://x", "--webhook-secret", "nope") == 2
    assert monitor(tmp_path, log, "--email-to", "a@b", "--email-url", "pigeon://x") == 2
    err = capsys.readouterr().err
    assert "unknown watch 'planet:mars'" in err and "not a duration" in err
    assert "whsec_" in err and "unknown scheme" in err
    assert stored(tmp_path) is None


def test_empty_log_is_fine(tmp_path):
    log = tmp_path / "log"
    log.mkdir()
    assert monitor(tmp_path, log, "--watch", "any") == 0  # no checkpoint yet
    assert stored(tmp_path).size == 0  # type: ignore[union-attr]
    reg = base_registry()
    write_log(log, reg.entries())
    assert monitor(tmp_path, log, "--watch", "any", "--atom", str(tmp_path / "a.atom")) == 0
    assert (tmp_path / "a.atom").read_text().count("<entry>") == 3


def test_witness_policy_is_demanded(tmp_path, capsys):
    import time as clock

    from pactlog import tlog
    from pactlog.tlog.cosignature import Cosigner
    from pactlog.verifier.tests.helpers import SIGNER

    witness = Cosigner.generate("witness.example/w1")
    policy = tmp_path / "policy"
    policy.write_text(f"log {VKEY}\nwitness w1 {witness.verifier_key}\nquorum w1\n")
    reg = base_registry()
    log = tmp_path / "log"
    write_log(log, reg.entries())
    note = (log / "checkpoint").read_text()
    cp = tlog.open_checkpoint(note, tlog.Verifier(SIGNER.verifier_key))
    (log / "checkpoint").write_text(note + witness.cosign(cp.text(), int(clock.time())))
    assert monitor(tmp_path, log, "--watch", "any", "--policy", str(policy)) == 0

    reg.end("fra", "2027-03-03")
    write_log(log, reg.entries())  # a new checkpoint the witness never cosigned
    atom = tmp_path / "a.atom"
    assert (
        monitor(tmp_path, log, "--watch", "any", "--policy", str(policy), "--atom", str(atom)) == 1
    )
    assert "does not meet the quorum" in atom.read_text()
    assert state_of(tmp_path).size == 9
    bad = tmp_path / "bad-policy"
    bad.write_text("quorum nobody\n")
    assert monitor(tmp_path, log, "--policy", str(bad)) == 2
    assert "cannot read --policy" in capsys.readouterr().err


def test_an_unreachable_site_is_no_alarm_and_changes_nothing(tmp_path, capsys):
    log = tmp_path / "log"
    write_log(log, base_registry().entries())
    assert monitor(tmp_path, log, "--watch", "any") == 0
    before = stored(tmp_path)
    gone = f"http://127.0.0.1:{free_port()}/log/"
    atom = tmp_path / "a.atom"
    assert monitor(tmp_path, log, "--log", gone, "--atom", str(atom)) == 2
    assert "cannot connect" in capsys.readouterr().err
    assert not atom.exists() and stored(tmp_path) == before
