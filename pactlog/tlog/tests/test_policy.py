"""tlog-policy: parsing rules, quorum evaluation and opening a witnessed checkpoint."""

from __future__ import annotations

import pytest

from pactlog import tlog
from pactlog.tlog.cosignature import Cosigner
from pactlog.tlog.policy import PolicyError, QuorumError, open_witnessed, parse_policy

LOG = tlog.Signer.generate("example.org/pactlog")
W = {n: Cosigner.generate(f"witness.example/{n}") for n in ("x1", "x2", "x3", "y1", "y2")}


def _policy(quorum_lines: str) -> str:
    lines = [f"log {LOG.verifier_key} https://example.org/log/"]
    lines += [f"witness {n} {c.verifier_key}" for n, c in W.items()]
    return "\n".join(lines) + "\n" + quorum_lines


def test_spec_example_with_two_levels_of_groups() -> None:
    policy = parse_policy(
        _policy(
            "group X-witnesses 2 x1 x2 x3\n"
            "  # Y is run by another organisation\n"
            "  group\tY-witnesses any y1 y2  \n"
            "group X-and-Y all X-witnesses Y-witnesses\nquorum X-and-Y\n"
        )
    )
    assert policy.logs[0].url == "https://example.org/log/"
    assert policy.satisfied_by({"x1", "x3", "y2"})
    assert not policy.satisfied_by({"x1", "y1", "y2"})
    assert not policy.satisfied_by({"x1", "x2", "x3"})
    assert not policy.satisfied_by({"unknown", "x1", "y1"})


def test_quorum_none_and_single_witness() -> None:
    assert parse_policy("# nothing\n\nquorum none\n").satisfied_by(set())
    single = parse_policy(_policy("quorum x1"))
    assert single.satisfied_by({"x1"}) and not single.satisfied_by({"x2"})


@pytest.mark.parametrize(
    "bad",
    [
        "",  # no quorum
        "quorum none\nquorum none\n",
        "quorum x1\n",  # undefined
        "group g any x1\nquorum g\n",  # member defined later / never
        "witness none {x1}\nquorum none\n",
        "witness a {x1}\nwitness b {x1}\nquorum a\n",  # same key twice
        "witness a {x1}\ngroup a any a\nquorum a\n",  # name reused
        "witness a {x1}\nwitness b {x2}\ngroup g 3 a b\nquorum g\n",
        "witness a {x1}\nwitness b {x2}\ngroup g 0 a b\nquorum g\n",
        "witness a {x1}\ngroup g any a a\nquorum g\n",
        "witness a {x1}\ngroup g any a\ngroup h any a\nquorum h\n",  # member twice
        "witness a {x1}\ngroup g any none\nquorum g\n",
        "witness a {log}\nquorum a\n",  # a log key is not a cosigner key
        "log {x1}\nquorum none\n",
        "log {log}\nlog {log}\nquorum none\n",
        "frobnicate\nquorum none\n",
        "quorum none\r\n",
        "quorum\x00 none\n",
        "witness a {x1} url extra\nquorum a\n",
    ],
)
def test_malformed_policies_are_refused(bad: str) -> None:
    text = bad.format(x1=W["x1"].verifier_key, x2=W["x2"].verifier_key, log=LOG.verifier_key)
    with pytest.raises(PolicyError):
        parse_policy(text)


def test_non_ascii_names_are_opaque_octets() -> None:
    policy = parse_policy(
        f"witness K {W['x1'].verifier_key}\nwitness \u212a {W['x2'].verifier_key}\ngroup g all K \u212a\nquorum g\n".encode()
    )
    assert set(policy.witnesses) == {"K", "\u212a"}


def _cosigned(size: int, *names: str, timestamp: int = 1_700_000_000) -> str:
    cp = tlog.Checkpoint(LOG.name, size, bytes(range(32)))
    note = cp.sign(LOG)
    return note + "".join(W[n].cosign(cp.text(), timestamp) for n in names)


def test_open_witnessed_demands_the_quorum() -> None:
    policy = parse_policy(_policy("group g 2 x1 x2 x3\nquorum g\n"))
    opened = open_witnessed(_cosigned(5, "x1", "x3"), policy, now=1_700_000_100)
    assert set(opened.cosignatures) == {"x1", "x3"}
    assert opened.cosignatures["x1"].timestamp == 1_700_000_000
    assert tlog.open_note(opened.note(), [LOG.verifier]).text == opened.text
    with pytest.raises(QuorumError):
        open_witnessed(_cosigned(5, "x1", "y1"), policy, now=1_700_000_100)
    # A cosignature from far in the future does not count.
    with pytest.raises(QuorumError):
        open_witnessed(_cosigned(5, "x1", "x2", timestamp=1_800_000_000), policy, now=1_700_000_000)


def test_open_witnessed_refuses_other_logs_and_bad_cosignatures() -> None:
    policy = parse_policy(_policy("quorum x1\n"))
    other = tlog.Signer.generate("other.example/log")
    cp = tlog.Checkpoint(other.name, 1, bytes(32))
    with pytest.raises(tlog.NoteError):
        open_witnessed(cp.sign(other) + W["x1"].cosign(cp.text(), 5), policy)
    note = _cosigned(3, "x1")
    at = note.rindex(" ") + 10
    tampered = note[:at] + ("A" if note[at] != "A" else "B") + note[at + 1 :]
    with pytest.raises(tlog.NoteError):
        open_witnessed(tampered, policy, now=1_700_000_000)
