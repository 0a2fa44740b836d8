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
