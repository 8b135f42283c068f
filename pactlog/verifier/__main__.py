"""`python -m pactlog.verifier` is `pactlog-verify`."""

import sys

from pactlog.verifier.cli import main

sys.exit(main())
