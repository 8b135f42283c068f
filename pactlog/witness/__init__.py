"""A witness anyone can run (c2sp.org/tlog-witness): `pactlog witness init|add-log|serve`.

It cosigns the checkpoints of the logs it trusts, after checking each is consistent with the
last one it cosigned, and keeps that (size, root) per log in its own tables. It runs with its
own settings (`pactlog.witness.settings`): only this app, its own database and key.
"""
