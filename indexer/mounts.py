"""Where the index lives, and whether the evidence folder is a network share.

On SMB/CIFS and NFS mounts, file locks are not to be trusted and inotify does not see writes made
by other machines, so the index moves to local disk and the watcher polls.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

# The kernel's own folders: files there have no end (`/proc/*/pagemap` read until the time limit).
SYSTEM_FS = {"proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "debugfs", "tracefs", "securityfs", "configfs", "bpf"}
NETWORK_FS = {"cifs", "smb3", "smbfs", "nfs", "nfs4", "fuse.sshfs", "9p", "afs", "fuse.rclone", "davfs", "fuse.davfs2"}


MOUNTS_FILE = "/proc/mounts"


def _mount_table(mounts_file: str | None) -> list[tuple[str, str]] | None:
    """(mount point, file-system type) in mount order, later mounts over earlier ones; None
    when there is no table to read (not Linux)."""
    try:
        with open(mounts_file or MOUNTS_FILE, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    table = []
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        # /proc/mounts escapes spaces in mount points as \040.
        table.append((re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), parts[1]), parts[2]))
    return table


def mount_fstype(path: Path, mounts_file: str | None = None) -> str | None:
    """The file-system type of the mount holding `path`, or None when it cannot be told."""
    table = _mount_table(mounts_file)
    if table is None:
        return None
    real = os.path.realpath(path)
    best, best_type = "", None
    for point, fstype in table:
        if (real == point or real.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
            best, best_type = point, fstype
    return best_type


def system_mounts_below(folder: str, mounts_file: str | None = None) -> dict[str, str]:
    """The mount points of the kernel's own file systems strictly inside `folder` (a real path),
    with their types: a walk of `--root /` went on into /proc and /sys, whose files have no end."""
    on_top: dict[str, str] = {}
    for point, fstype in _mount_table(mounts_file) or ():
        on_top[point] = fstype  # a later mount on the same point hides the earlier one
    inside = folder.rstrip("/") + "/"
    return {point: fstype for point, fstype in on_top.items() if fstype in SYSTEM_FS and point.startswith(inside) and point != inside}


def is_network_mount(path: Path, mounts_file: str | None = None) -> bool:
    """True when `path` sits on a network file system (SMB/CIFS, NFS, sshfs, 9p)."""
    return (mount_fstype(path, mounts_file) or "") in NETWORK_FS


def user_data_dir() -> Path:
    """The per-user data folder (XDG on Linux, %LOCALAPPDATA% on Windows)."""
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "minhchung"
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "minhchung"


def default_index_dir(root: Path) -> tuple[Path, bool]:
    """The default index folder for `root`, and whether it was moved off a network share."""
    root = Path(os.path.abspath(root))
    if is_network_mount(root):
        digest = hashlib.sha256(str(root).encode("utf-8", "surrogateescape")).hexdigest()[:12]
        slug = re.sub(r"[^\w.-]+", "_", root.name)[:40] or "root"
        return user_data_dir() / "indexes" / f"{slug}-{digest}", True
    return root / ".minhchung", False
