"""Import speed: the real 1,171-file snapshot and a synthetic 100,000-organisation CSV.

Each import runs as `pactlog import-...` in a fresh process on a fresh SQLite database (so
process start is included), beside a baseline: the same rows (actors, source keys,
endorsements, events) written as raw bulk inserts with sqlite3's executemany in one
transaction. The ratio says what parsing, checking, matching and the service layer cost on
top of writing. Target: the 1,171 files in under 3 s, process start included.

    .venv/bin/python bench/import_bench.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.realdata import snapshot_folder  # noqa: E402

SNAPSHOT = snapshot_folder("2020-12-31")
CATEGORIES = ["private-sector", "civil-society", "public-authority"]
COUNTRIES = ["FRA", "DEU", "USA", "GBR", "JPN", "BRA", "IND", "NGA", "ROU", "ESP"]


def pactlog(data_dir: Path, *args: str) -> float:
    env = {**os.environ, "PACTLOG_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pactlog", *args], env=env, check=True, capture_output=True
    )
    return time.perf_counter() - started


def fresh_database(folder: Path, agreement: str | None = None) -> Path:
    """A migrated database, with the agreement created (by importing a header-only CSV)."""
    pactlog(folder, "migrate", "-v0")
    if agreement:
        empty = folder / "empty.csv"
        empty.write_text("name,category\n")
        pactlog(folder, "import-csv", str(empty), "--agreement", agreement)
    return folder / "pactlog.sqlite3"


def raw_inserts(database: Path, rows: int) -> float:
    """The floor: the same number of rows, already prepared, in one transaction."""
    connection = sqlite3.connect(database)
    actors = [
        (
            f"actor-{i}",
            "organisation",
            f"Org {i}",
            "civil-society",
            "ngo",
            "",
            "FRA",
            "",
            "",
            "",
            "{}",
            f"org {i}",
            f"org {i}",
            f"org {i}",
        )
        for i in range(rows)
    ]
    started = time.perf_counter()
    with connection:
        connection.executemany(
            "INSERT INTO registry_actor (public_id, kind, name, category, nature, nature_raw,"
            " country, website, wikidata, lei, names, search_text, sort_en, sort_fr)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            actors,
        )
        ids = [
            r[0]
            for r in connection.execute(
                "SELECT id FROM registry_actor WHERE public_id LIKE 'actor-%'"
            )
        ]
        connection.executemany(
            "INSERT INTO registry_sourcekey (actor_id, source, key) VALUES (?,?,?)",
            [(pk, "bench", f"k{pk}") for pk in ids],
        )
        agreement = connection.execute("SELECT id FROM registry_agreement").fetchone()[0]
        connection.executemany(
            "INSERT INTO registry_endorsement (agreement_id, actor_id, number, status,"
            " start_not_before, start_not_after, source) VALUES (?,?,1,'active',NULL,'2020-12-31','bench')",
            [(agreement, pk) for pk in ids],
        )
        base = connection.execute("SELECT COALESCE(MAX(seq)+1, 0) FROM registry_event").fetchone()[
            0
        ]
        connection.executemany(
            "INSERT INTO registry_event (seq, type, recorded_at, payload, actor)"
            " VALUES (?,?,?,?,?)",
            [
                (base + i, "actor.saved", "2026-01-01 00:00:00", "{}" * 60, f"actor-{i // 2}")
                for i in range(2 * rows)
            ],
        )
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def synthetic_csv(path: Path, rows: int) -> None:
    rng = random.Random(1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "name",
                "category",
                "country",
                "nature",
                "website",
                "start_not_before",
                "start_not_after",
            ]
        )
        for i in range(rows):
            day = f"2020-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            writer.writerow(
                [
                    f"Organisation {i} {rng.choice(['SA', 'Ltd', 'GmbH', 'Inc'])}",
                    rng.choice(CATEGORIES),
                    rng.choice(COUNTRIES),
                    "Entreprise",
                    f"https://org{i}.example",
                    day,
                    day,
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the synthetic CSV")
    args = parser.parse_args()
    if not SNAPSHOT.is_dir():
        sys.exit(f"the real snapshot is not at {SNAPSHOT}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        files = sum(1 for p in SNAPSHOT.iterdir() if p.is_file())

        snap_db = tmp_path / "snap"
        fresh_database(snap_db)
        start_only = pactlog(snap_db, "check")
        snapshot = pactlog(
            snap_db,
            "import-jekyll",
            str(SNAPSHOT),
            "--agreement",
            "paris-call",
            "--snapshot-date",
            "2020-12-31",
        )
        floor_db = tmp_path / "floor"
        database = fresh_database(floor_db, "paris-call")
        floor = raw_inserts(database, files)

        csv_path = tmp_path / "orgs.csv"
        synthetic_csv(csv_path, args.rows)
        csv_db = tmp_path / "csv"
        fresh_database(csv_db)
        big = pactlog(csv_db, "import-csv", str(csv_path), "--agreement", "bench-call")
        big_floor_db = tmp_path / "big-floor"
        database = fresh_database(big_floor_db, "bench-call")
        big_floor = raw_inserts(database, args.rows)

    print(f"process start (pactlog check):         {start_only:7.2f} s")
    print(
        f"snapshot, {files:,} files (with start):  {snapshot:7.2f} s   target < 3 s: "
        f"{'met' if snapshot < 3 else 'MISSED'}"
    )
    print(
        f"  raw bulk inserts of the same rows:   {floor:7.3f} s   ratio {snapshot / floor:6.1f}x"
        f" (without process start {(snapshot - start_only) / floor:6.1f}x)"
    )
    print(
        f"CSV, {args.rows:,} organisations:        {big:7.2f} s   ({args.rows / big:,.0f} rows/s)"
    )
    print(
        f"  raw bulk inserts of the same rows:   {big_floor:7.2f} s   ratio {big / big_floor:6.1f}x"
    )


if __name__ == "__main__":
    main()
