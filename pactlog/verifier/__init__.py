"""The verifier anyone can install alone (`pactlog-verify`): Python 3.9+ and `cryptography`.

It holds the code the application itself runs to check its log (`pactlog.tlog`), to fold the
log's entries into the public registry (`replay`, `entries`, `intervals`), to count and to
judge claims (`counting`, `claims`, `claimspec`, `claimcheck`, `groupclaims`) and to compare a
site with its log (`site`), plus what only outsiders need: the monitor (`monitor`) and receipts
(`receipt`). Nothing here imports Django; `verifier/build_wheel.py` packages it with
`pactlog.tlog` into the `pactlog-verify` wheel.
"""
