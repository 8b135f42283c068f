"""Kept for imports that predate `pactlog.web.errors`, where error answers now live."""

from pactlog.web.errors import answers_mistakes, error_page

__all__ = ["answers_mistakes", "error_page"]
