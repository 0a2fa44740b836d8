"""Is a process still running? Asked before clearing what a killed process left behind.

Used by extraction workers (to end themselves when their indexer was killed) and by the manual
tags file (to remove a temp file only when the save that made it is gone).
"""

from __future__ import annotations

import os


def process_alive(pid: int) -> bool:
    """True while `pid` runs; a zombie (killed, not yet reaped by its parent) counts as gone.

    When it cannot tell, it says True: leaving a leftover is safe, clearing a live one is not.
    """
    if os.name == "nt":
        return True  # os.kill(pid, 0) would terminate the process on Windows
    if os.path.exists("/proc/self/stat"):
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                state = fh.read().rsplit(b")", 1)[-1].split()[0]
        except FileNotFoundError:
            return False
        except (OSError, IndexError):
            return True
        return state not in (b"Z", b"X")
    try:  # no /proc (macOS): ask the kernel
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True
