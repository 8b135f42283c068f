"""`pactlog-verify`: the stand-alone verifier's command line.

pactlog-verify SITE_URL --key VKEY            the site's log, replayed, against its API
pactlog-verify log DIR_OR_URL --key VKEY      the log alone (what `pactlog tlog verify` does)
pactlog-verify monitor SITE_URL --key VKEY --state DIR [--watch ...]   watch and notify
pactlog-verify proof FILE --key VKEY          check a receipt (.tlog-proof) offline
pactlog-verify keygen NAME                    a key pair (as `pactlog tlog keygen`)
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

USAGE = __doc__.split("\n\n", 1)[1] if __doc__ else ""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else ""
    if command in ("", "-h", "--help"):
        print("usage:\n" + USAGE)
        return 0 if command else 2
    if command == "--version":
        from pactlog import __version__

        print(f"pactlog-verify {__version__}")
        return 0
    if command in ("log", "keygen"):
        from pactlog.tlog.cli import main as tlog_main

        return tlog_main(["verify" if command == "log" else "keygen", *args[1:]])
    if command == "monitor":
        from pactlog.verifier.monitor import main as monitor_main

        return monitor_main(args[1:])
    if command == "proof":
        from pactlog.verifier.receipt import main as receipt_main

        return receipt_main(args[1:])
    from pactlog.verifier.site import main as site_main

    return site_main(args)


if __name__ == "__main__":
    sys.exit(main())
