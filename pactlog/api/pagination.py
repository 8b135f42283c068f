"""Links to the neighbouring pages of a supporter list (`queries.supporter_page` checks the
number)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.http import HttpRequest

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 100


@dataclass(frozen=True)
class Page:
    number: int
    size: int
    count: int

    @property
    def last(self) -> int:
        """The last page; an empty selection still has page 1, with nothing on it."""
        return max(1, math.ceil(self.count / self.size))

    @property
    def start(self) -> int:
        return (self.number - 1) * self.size

    @property
    def stop(self) -> int:
        return self.start + self.size

    def link(self, request: HttpRequest, number: int) -> str | None:
        if not 1 <= number <= self.last:
            return None
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
