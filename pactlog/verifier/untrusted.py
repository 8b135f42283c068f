"""JSON read from a site, a log or a file someone handed over: any malformed input, however
deep its nesting, is a ValueError the caller reports, never a crash.

`json.loads` raises RecursionError on a few thousand nested brackets, which fit in one log
entry (65,535 bytes) or any answer under the reader's size cap; a verifier or a monitor
facing a hostile site must say "not JSON" and name what it read, as for any other bad input.
"""

from __future__ import annotations

import json
from typing import Any


def loads(data: str | bytes) -> Any:
    """`json.loads(data)`; ValueError (json.JSONDecodeError or not) for anything it refuses."""
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("nested too deeply") from None
