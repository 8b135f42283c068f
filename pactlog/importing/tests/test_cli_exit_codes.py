"""docs/spec.md §5: errors on stderr, exit 2 for bad arguments, 1 otherwise, no traceback."""

import subprocess
import sys

import pytest


def pactlog(*args, env_dir):
    return subprocess.run(
        [sys.executable, "-m", "pactlog", *args],
        capture_output=True,
        text=True,
        env={"PACTLOG_DATA_DIR": str(env_dir), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    result = pactlog("migrate", "-v0", env_dir=folder)
    assert result.returncode == 0, result.stderr
    return folder


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["counts", "--agreement", "nope"], 1, "no agreement 'nope'"),
        (["counts", "--agreement", "x", "--as-of", "31/12/2020"], 2, "YYYY-MM-DD"),
        (["counts"], 2, "--agreement"),
        (
            ["changes", "--agreement", "x", "--from", "2020-01-01", "--to", "bad"],
            2,
            "--to must be a date",
        ),
        (
            ["import-jekyll", "/nonexistent", "--agreement", "x", "--snapshot-date", "2020-01-01"],
            2,
            "is not a folder",
        ),
        (["import-csv", "/nonexistent.csv", "--agreement", "x"], 2, "is not a file"),
        (["import-csv", __file__, "--agreement", "Paris Call!"], 2, "is not a slug"),
        (
            ["import-jekyll", "/tmp", "--agreement", "../x", "--snapshot-date", "2020-01-01"],
            2,
            "is not a slug",
        ),
    ],
)
def test_exit_codes(data_dir, args, code, needle):
    result = pactlog(*args, env_dir=data_dir)
    assert result.returncode == code
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["counts", "--agreement", "paris-call"],
        ["import-csv", __file__, "--agreement", "x"],
    ],
)
def test_a_database_never_migrated_is_a_message(tmp_path, args):
    result = pactlog(*args, env_dir=tmp_path)
    assert result.returncode == 1
    assert "run `pactlog migrate` first" in result.stderr
    assert "Traceback" not in result.stderr
