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


def mount_fstype(path: Path, mounts_file: str = "/proc/mounts") -> str | None:
    """The file-system type of the mount holding `path`, or None when it cannot be told."""
    try:
        with open(mounts_file, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    real = os.path.realpath(path)
    best, best_type = "", None
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        # /proc/mounts escapes spaces in mount points as \040.
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), parts[1])
        if (real == point or real.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
            best, best_type = point, parts[2]
    return best_type


def is_network_mount(path: Path, mounts_file: str = "/proc/mounts") -> bool:
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
