"""Walk the evidence folder: every real file once, noise skipped, paths made comparable.

Staff folders are full of lock files, thumbnails and half-finished downloads; those are skipped
without a word. Names may arrive as NFD (macOS) or in a legacy 8-bit code page (old Windows
shares); the stored path is always NFC and `/`-separated, while `fspath` keeps the exact
on-disk spelling so the file can still be opened.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .models import Problem, ScannedFile
from .mounts import system_mounts_below

NOISE_NAMES = {
    "thumbs.db", "desktop.ini", ".ds_store", "ehthumbs.db",
    # Recycle bins, snapshots and thumbnail folders that Windows and the NAS boxes wards keep
    # their shares on (Synology, QNAP) put inside the share: a deleted `TC1.1 ...docx` in
    # `#recycle/` still proved 1.1; `@eaDir/` holds a thumbnail of every photo.
    "$recycle.bin", "recycler", "recycled", "#recycle", "@recycle", "@recently-snapshot", "#snapshot",
    "@eadir", "@sharebin", "@tmp", "system volume information", "lost+found",
}  # fmt: skip
NOISE_SUFFIXES = (".tmp", ".temp", ".part", ".crdownload", ".partial", ".download", ".swp", ".lnk")
NOISE_PREFIXES = ("~$", ".~lock.", "~wr", "._")
TAGS_FILE_NAME = ".minhchung-tags.txt"
# A folder holding this file is a minhchung index (its catalog): never evidence.
INDEX_MARK = "catalog.sqlite3"


def is_noise(name: str) -> bool:
    """True for lock files, temp files, OS thumbnails and hidden files: never evidence."""
    lower = name.lower()
    if lower in NOISE_NAMES or lower.startswith(".") or lower.startswith(NOISE_PREFIXES):
        return True
    if lower.endswith(NOISE_SUFFIXES) or lower.endswith("#"):  # `.~lock.x.docx#`
        return True
    return False


def display_name(name: str) -> str:
    """A file-system name as text a person can read: undecodable bytes guessed, then NFC."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        # Old Windows shares send Vietnamese names in cp1258; cp1252 covers Western names.
        for encoding in ("utf-8", "cp1258", "cp1252"):
            try:
                name = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            name = raw.decode("latin-1")
    return unicodedata.normalize("NFC", name)


def relative_path(root: Path, path: Path | str) -> str:
    """The stored form of a path: relative to the root, `/`-separated, NFC."""
    rel = os.path.relpath(path, root)
    return "/".join(display_name(part) for part in Path(rel).parts)


@dataclass
class ScanResult:
    files: list[ScannedFile]
    problems: list[Problem]


def scan(root: Path, skip: tuple[Path, ...] = ()) -> ScanResult:
    """List every evidence file under `root`, skipping noise, `skip` folders and outside links."""
    files: list[ScannedFile] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for item in iter_files(root, skip, problems):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        if item.path in seen:
            # Two spellings (e.g. NFC and NFD) of one name: keep the first, say so.
            problems.append(Problem(item.path, "duplicate-name", f"same name as {seen[item.path]!r}"))
            continue
        seen[item.path] = item.disk_path
        files.append(item)
    files.sort(key=lambda f: f.path)
    return ScanResult(files, problems)


class _NeedFullScan(Exception):
    pass


def scan_some(root: Path, paths: Iterable[str], skip: tuple[Path, ...] = ()) -> ScanResult | None:
    """The files among `paths` (stored paths) exactly as `scan` would list them, without walking the tree.

    Only the folders on the way to each path are listed, so a watcher's pass over a few files
    costs a few directory reads, not a walk of the whole share. Returns None when only the
    full walk can tell (a link on the way, two spellings of one name, an unreadable folder).
    """
    root = Path(os.path.abspath(root))
    skip_real = {os.path.realpath(s) for s in skip}
    listings: dict[str, dict[str, os.DirEntry] | None] = {}

    def listing(folder: str) -> dict[str, os.DirEntry] | None:
        # display name -> entry for the folder's evidence entries; None when it is not there.
        if folder in listings:
            return listings[folder]
        where: str | None = str(root)
        if folder:
            parent, _, name = folder.rpartition("/")
            entries = listing(parent)
            entry = entries.get(name) if entries is not None else None
            if entry is not None and entry.is_symlink():
                raise _NeedFullScan
            if entry is None or not entry.is_dir(follow_symlinks=False) or _an_index(entry.path, skip_real):
                where = None
            elif is_export_bundle(entry.path):
                raise _NeedFullScan  # the full walk names it
            else:
                where = entry.path
        found: dict[str, os.DirEntry] | None = None
        if where is not None:
            found = {}
            try:
                for entry in os.scandir(where):
                    if is_noise(entry.name) or (not folder and entry.name.lower() == "rubric.toml"):
                        continue
                    name = display_name(entry.name)
                    if name in found:
                        raise _NeedFullScan
                    found[name] = entry
            except OSError:
                raise _NeedFullScan
        listings[folder] = found
        return found

    files: list[ScannedFile] = []
    try:
        for path in sorted(set(paths)):
            folder, _, name = path.rpartition("/")
            entries = listing(folder)
            entry = entries.get(name) if entries is not None else None
            if entry is None:
                continue  # not there (or noise): the pass removes it
            if entry.is_symlink():
                raise _NeedFullScan
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode):
                files.append(ScannedFile(path, entry.path, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
    except (_NeedFullScan, OSError):
        return None
    return ScanResult(files, [])


def iter_files(root: Path, skip: tuple[Path, ...], problems: list[Problem]) -> Iterator[ScannedFile | Problem]:
    """Depth-first walk that follows links only while they stay inside the root, once each."""
    root = Path(os.path.abspath(root))
    real_root = os.path.realpath(root)
    skip_real = {os.path.realpath(s) for s in skip}
    visited: set[str] = {real_root}
    system = system_mounts_below(real_root)  # read once: a lookup per folder, not a file read
    stack = [root]
    linked: list[Path] = []  # linked folders wait until every real folder is seen: real names win
    while stack or linked:
        folder = stack.pop() if stack else linked.pop(0)
        if folder != root and folder.is_symlink():  # the root itself may be a link: it is the root
            real = os.path.realpath(folder)
            if real in visited or real in skip_real:
                if _inside(os.path.realpath(folder.parent), real):
                    yield Problem(relative_path(root, folder), "link-loop", LINK_TO_ITS_FOLDER)
                continue  # else another name for a folder already listed under its real name
            visited.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Problem(relative_path(root, folder) if folder != root else ".", "unreadable", _why(exc))
            continue
        # The folder's stored path once, then each file's name: relpath per file was most of a
        # no-op re-index's scan.
        at_root = folder == root
        prefix = "" if at_root else relative_path(root, folder) + "/"
        for entry in entries:
            if is_noise(entry.name) or (at_root and entry.name.lower() == "rubric.toml"):
                continue  # the ward's own rubric.toml sits in the root but is not evidence
            full = entry.path  # a Path only for folders: one per file was a third of the scan
            try:
                is_link = entry.is_symlink()
                st = os.stat(full) if is_link else entry.stat(follow_symlinks=False)
            except OSError as exc:
                if is_link and exc.errno == errno.ELOOP:
                    yield Problem(relative_path(root, full), "link-loop", "links that point at each other in a circle: not followed")
                if is_link:
                    continue  # a dangling link is not evidence
                yield Problem(relative_path(root, full), "unreadable", _why(exc))
                continue
            if is_link:
                target = os.path.realpath(full)
                if not _inside(target, real_root):
                    yield Problem(relative_path(root, full), "outside-root", OUTSIDE_ROOT)
                    continue
            if stat.S_ISDIR(st.st_mode):
                if is_link:
                    if target not in system:  # a link to one is another name for it: said once, there
                        linked.append(Path(full))
                    continue
                real = os.path.realpath(full)
                if real in system:
                    yield Problem(relative_path(root, full), "system-folder", f"a folder of the system ({system[real]}): not read")
                    continue
                if real in visited or _an_index(full, skip_real):
                    continue  # a link loop, or the index folder (or one an earlier --index put here)
                if is_export_bundle(full):
                    yield Problem(relative_path(root, full), "exported-bundle", "a bundle made by minhchung export: its files are copies, not read")
                    continue
                visited.add(real)
                stack.append(Path(full))
            elif stat.S_ISREG(st.st_mode):
                yield ScannedFile(prefix + display_name(entry.name), full, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


# What the walk says of a folder or link rather than of a file (an unreadable folder aside).
FOLDER_PROBLEMS = ("link-loop", "outside-root", "exported-bundle", "system-folder")
# The files every bundle `minhchung export` writes at its top: a bundle unzipped onto the share
# holds its suggestions renamed `2.2 - ...` (and copies of the proof), which counted as proof:
# a tester's score went from 40 to 56.
EXPORT_MARKS = ("manifest.json", "manifest.csv", "index.html")
# What its manifest.json says first (a web page saved with its data files has the three names too).
_EXPORT_MANIFEST_KEYS = (b'"rubric_title"', b'"rubric_version"')


def is_export_bundle(folder: str | Path) -> bool:
    """True for a folder that `minhchung export` wrote (or a copy of it): never evidence."""
    if not all(os.path.isfile(os.path.join(folder, mark)) for mark in EXPORT_MARKS):
        return False
    try:
        with open(os.path.join(folder, "manifest.json"), "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return all(key in head for key in _EXPORT_MANIFEST_KEYS)


def _an_index(folder: str, skip_real: set[str]) -> bool:
    """True for the index folder being written, or any folder holding a minhchung catalog."""
    return os.path.realpath(folder) in skip_real or _is_a_catalog(os.path.join(folder, INDEX_MARK))


def _is_a_catalog(path: str) -> bool:
    # An SQLite file, not any file so named: a folder holding an 8-byte `catalog.sqlite3` of
    # text was skipped with its evidence, and nothing said so.
    # Read as the tags file is, only if a regular file: a FIFO by that name hung the walk.
    try:
        return read_small_file(path, 16, whole=False) == b"SQLite format 3\x00"
    except (OSError, ValueError):
        return False


def link_problem(root: Path, full: str) -> Problem | None:
    """What the walk says of a link to a folder at `full`: a loop (it points at a folder holding
    it), outside the root, or nothing (another name for a folder inside, listed once)."""
    real_root = os.path.realpath(root)
    target = os.path.realpath(full)
    if not _inside(target, real_root):
        return Problem(relative_path(root, full), "outside-root", OUTSIDE_ROOT)
    if _inside(os.path.realpath(os.path.dirname(full)), target):
        return Problem(relative_path(root, full), "link-loop", LINK_TO_ITS_FOLDER)
    return None


OUTSIDE_ROOT = "a link to a place outside the evidence folder: not followed"
LINK_TO_ITS_FOLDER = "a link to a folder that holds it: not followed"


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def read_small_file(path: str | Path, max_bytes: int, *, whole: bool = True) -> bytes:
    """The bytes of a small regular file; OSError for one that cannot be read, ValueError (the
    reason) for a pipe, a device or a link to one, or a file over `max_bytes` (`whole=False`:
    its first `max_bytes` instead).

    Opened without blocking and checked before reading: a FIFO named `.minhchung-tags.txt` hung
    every command, and one linked to /dev/zero read 2.6 GB before failing.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise ValueError("not a regular file (a pipe, a device or a link to one)")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1 if whole else max_bytes)
        if len(data) > max_bytes:
            raise ValueError(f"larger than {max_bytes // (1024 * 1024)} MB")
        return data
    finally:
        os.close(fd)


def _why(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "the path is longer than the system allows: shorten the folder names above it"
    return exc.strerror or exc.__class__.__name__
