"""A full disk mid-write says so, and where, and loses nothing that was written before."""
from __future__ import annotations

import os
import subprocess

import pytest

from perfdash.store.errors import StoreFull
from perfdash.store.outturns import ActualsStore, Outturn


@pytest.fixture
def small_disk(tmp_path):
    """A 600 KB file system of its own (tmpfs), so the store really runs out of space."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root (CI runs as root)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_is_named_and_nothing_of_the_failed_batch_is_written(small_disk):
    store = ActualsStore(small_disk / "actuals.duckdb")
    store.record([Outturn("nwl-delivery-2007:BV9", "nw-leicestershire", 2007, 1, 28.0, "28%")], "alice")
    batches = 0
    with pytest.raises(StoreFull) as full:
        for batches in range(1, 500):
            store.record([Outturn(f"filler:{batches}:{n}", "c", 2007, 1, 1.0, "1", "x" * 400) for n in range(200)],
                         "bob")
    message = str(full.value)
    assert "disk holding the store" in message and str(small_disk / "actuals.duckdb") in message
    assert "nothing was written" in message and "TransactionContext" not in message
    survivors = ActualsStore(small_disk / "actuals.duckdb").history()
    # Every batch that committed is whole (200 rows each), and the first outturn is still there.
    assert (len(survivors) - 1) % 200 == 0 and len(survivors) - 1 == (batches - 1) * 200
    assert "nwl-delivery-2007:BV9" in set(survivors["indicator_id"])
