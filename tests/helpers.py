"""Small helpers several test modules share (fixtures live in conftest.py)."""

from __future__ import annotations

import time


def wait_for(probe, what: str, deadline_s: float = 60.0):
    """Poll `probe` until it returns something truthy; fail naming `what` after the deadline."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


def break_a_row_page(catalog) -> None:
    """Overwrite one page of the catalog's file rows, as a power cut may: its first pages and the
    indexes stay whole, so only reading rows shows the damage."""
    import sqlite3

    db = sqlite3.connect(catalog)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    leaf = db.execute("SELECT pageno FROM dbstat WHERE name = 'files' AND pagetype = 'leaf'").fetchone()[0]
    size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    with open(catalog, "r+b") as fh:
        fh.seek((leaf - 1) * size)
        fh.write(b"\xff" * size)
