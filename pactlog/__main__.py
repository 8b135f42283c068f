"""The `pactlog` command: Django's manage.py with the settings preset.

`pactlog tlog ...` is dispatched to the log's own command line before Django starts, so an
auditor can verify a published log without a database or any settings; `pactlog verify`
(the registry-level verifier of a site) likewise.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] == "tlog":
        from pactlog.tlog.cli import main as tlog_main

        return tlog_main(args[2:])
    if len(args) > 1 and args[1] == "verify":
        from pactlog.log.verify import main as verify_main

        return verify_main(args[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pactlog.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
