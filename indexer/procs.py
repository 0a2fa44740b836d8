"""What this process may know of processes: is one still running, and what mode its new files get.

`process_alive` is used by extraction workers (to end themselves when their indexer was killed)
and by the manual tags file (to remove a temp file only when the save that made it is gone).
`new_file_mode` gives files written through a private temp file the mode other accounts expect.
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


def new_file_mode() -> int:
    """The permissions a new file gets under this process's umask (read without changing it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            umask = next(int(line.split()[1], 8) for line in fh if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError, IndexError):
        umask = 0o022
    return 0o666 & ~umask
