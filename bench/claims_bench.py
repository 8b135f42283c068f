"""Cost of a claim's verdict: building a count's steps, then checking against cached steps.

    .venv/bin/python bench/claims_bench.py [--sizes 1000,10000,100000]

Pure engine, no database: random endorsements (mixed date precision, some ended) over five
years. Prints, per size, the time to build the steps of one definition (what the first check
of a registry version pays) and of a check against steps already built (every later check),
and their ratio, measured in this one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pactlog.claims import engine
from pactlog.registry.dates import Interval

START = dt.date(2018, 11, 12)
CATEGORIES = ("state", "public-authority", "civil-society", "private-sector")


def random_lives(n: int, rng: random.Random) -> list[engine.Life]:
    lives = []
    for _ in range(n):
        after = START + dt.timedelta(days=rng.randint(0, 1800))
        before = None if rng.random() < 0.3 else after - dt.timedelta(days=rng.randint(0, 300))
        end = None
        if rng.random() < 0.05:
            end_at = after + dt.timedelta(days=rng.randint(1, 400))
            end = Interval(end_at - dt.timedelta(days=rng.randint(0, 30)), end_at)
        lives.append(engine.Life(Interval(before, after), end, rng.choice(CATEGORIES)))
    return lives


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    rng = random.Random(12)
    definition = engine.Definition("total")
    comparison = engine.Comparison(">", 10**8)  # inconsistent: nearest days and alternatives
    day = START + dt.timedelta(days=700)
    print(f"{'endorsements':>12} {'build steps':>12} {'check (cached)':>15} {'ratio':>8}")
    for n in sizes:
        lives = random_lives(n, rng)
        t0 = time.perf_counter()
        steps = {d: engine.series(lives, d) for d in
                 [definition, *engine.alternative_definitions(definition)]}  # fmt: skip
        build = (time.perf_counter() - t0) / len(steps)
        rounds = 200
        t0 = time.perf_counter()
        for _ in range(rounds):
            engine.check_count(lives, definition, comparison, day, steps_of=steps.__getitem__)
        check = (time.perf_counter() - t0) / rounds
        print(f"{n:>12,} {build * 1000:>10.1f}ms {check * 1000:>13.3f}ms {build / check:>7.0f}x")


if __name__ == "__main__":
    main()
