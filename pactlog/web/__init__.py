"""What every public entry point shares, below the apps that serve pages and data.

Parameter parsers (`params`), error answers (`errors`), the client's address behind trusted
proxies and rate limits (`clients`, `ratelimit`), security headers (`headers`). Depends on the
registry only, so that `site`, `groups`, `api` and `exports` can all import it without cycles.
"""
