"""`python -m pactlog.tlog ...`: the same as `pactlog tlog ...`."""

import sys

from pactlog.tlog.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
