"""Keep the index in step with the folder: watchdog events -> a stable-file tracker -> partial passes.

Three rooms, each testable alone:
- `ChangeCollector` turns watchdog events into `Change`s on relative NFC paths, dropping noise
  (lock and temp files, hidden folders) and the index folder.
- `StableFileTracker` is pure: a file is handed on only once its size and mtime have stood still
  for `settle` seconds and it can be opened, so a copy in progress is never read half-written and
  a burst of events becomes one update. Deletions go through at once. A moved file carries its
  old path along, so both land in the same pass and `build_index` sees a rename (same hash):
  the text is kept and only the name-based tags are redone.
- `watch` runs the catch-up pass, starts the native or the polling observer, and feeds ready
  paths to `build_index(..., only=batch)`, waiting out other writers instead of failing.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import stat
import queue
import sqlite3
import threading
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)

from . import scan as scanning
from .build import IndexPaths, build_index, passing_failures, scan_problems
from .catalog import catalog_exists, open_catalog
from .errors import IndexBusyError, MinhchungError
from .models import Evidence, IndexReport, Rubric, decimal
from .mounts import is_network_mount, mount_fstype
from .store import folder_id

DEFAULT_SETTLE_S = 1.0
DEFAULT_INTERVAL_S = 2.0
# After a failed pass (disk full, damaged tags file) wait this long, doubling up to the cap.
RETRY_FIRST_S = 1.0
UNLISTED_CHECK_S = 5.0  # how often folders that could not be listed are tried again
ROOT_CHECK_S = 2.0  # how often the root is checked to be the folder being watched
EMPTIED = "thư mục trống"  # what the watcher says while the root shows no file (see root_emptied)
RETRY_MAX_S = 60.0
# An unexpected error on one batch is retried this many times, then the batch is left for the
# next start's catch-up pass, so one poisoned batch cannot hold up every later change.
MAX_ATTEMPTS = 3
PROGRESS_EVERY_S = 60.0
# Files a lock or a share's hiccup kept from being read are tried again this often: unlocked, a
# file keeps its size and time, so no event ever comes for it. While the same files keep failing
# (a permission that stays denied, a bad sector) the wait doubles, up to the cap.
RETRY_UNREADABLE_S = 300.0
RETRY_UNREADABLE_MAX_S = 3600.0

# Opened/closed-without-writing events are left out on purpose: the watcher's own reads
# (hashing, extraction) would otherwise wake it up again.
WATCHED_EVENTS = [
    FileCreatedEvent, FileModifiedEvent, FileClosedEvent, FileAttribEvent, FileDeletedEvent, FileMovedEvent,
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent,
]  # fmt: skip



class _StopRaceFilter(logging.Filter):
    """watchdog's inotify emitter logs an error when it is stopped while waiting for events: harmless."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "called when the thread is inactive" not in record.getMessage()


logging.getLogger("watchdog.observers.inotify").addFilter(_StopRaceFilter())


class _OverflowAlarm(logging.Handler):
    """Raises a flag when watchdog says the kernel's event queue overflowed (events were lost)."""

    def __init__(self, flag: threading.Event):
        super().__init__(logging.WARNING)
        self.flag = flag

    def emit(self, record: logging.LogRecord) -> None:
        if "overflow" in record.getMessage().lower():
            self.flag.set()


_INOTIFY_LOGGER = logging.getLogger("watchdog.observers.inotify_c")

Log = Callable[[str], None]
Clock = Callable[[], float]
Signature = tuple[int, int]


# --- events -> changes ---------------------------------------------------------------------------


class Change(NamedTuple):
    """One thing that happened in the folder, in stored-path terms.

    kind is "touched" (created or written), "deleted" or "moved"; for a move `path` is the old
    path and `dest` the new one. `abspath`/`dest_abspath` are the on-disk spellings. `is_dir` is
    what the event said; the watcher trusts the disk over it where the disk can still tell.
    """

    kind: str
    path: str
    abspath: str
    dest: str = ""
    dest_abspath: str = ""
    is_dir: bool = False


class ChangeCollector(FileSystemEventHandler):
    """A watchdog handler that hands each relevant event on as a `Change` (called on the observer's thread)."""

    def __init__(self, root: Path, index_dir: Path, emit: Callable[[Change], None]):
        super().__init__()
        self.root = Path(os.path.abspath(root))
        self.index_dir = os.path.abspath(index_dir)
        self.emit = emit

    def relative(self, path: str | bytes) -> str | None:
        """The stored path of `path`, or None when it is the root, outside it, noise or the index."""
        path = os.path.abspath(os.fsdecode(path))
        if path == self.index_dir or path.startswith(self.index_dir.rstrip(os.sep) + os.sep):
            return None
        rel = os.path.relpath(path, self.root)
        if rel == "." or rel == ".." or rel.startswith(".." + os.sep):
            return None
        parts = Path(rel).parts
        if any(scanning.is_noise(part) for part in parts) or (len(parts) == 1 and rel.lower() == "rubric.toml"):
            return None  # the ward's rubric.toml is not evidence either
        return scanning.relative_path(self.root, Path(path))

    def on_any_event(self, event: FileSystemEvent) -> None:
        src = self.relative(event.src_path)
        src_abs = os.fsdecode(event.src_path)
        if isinstance(event, (FileMovedEvent, DirMovedEvent)):
            dest = self.relative(event.dest_path) if event.dest_path else None
            dest_abs = os.fsdecode(event.dest_path)
            if src and dest:
                self.emit(Change("moved", src, src_abs, dest, dest_abs, event.is_directory))
            elif dest:  # in from a temp name or from outside: a new file
                self.emit(Change("touched", dest, dest_abs, is_dir=event.is_directory))
            elif src:  # out to a temp name, a hidden folder or outside the root: gone
                self.emit(Change("deleted", src, src_abs, is_dir=event.is_directory))
        elif src is None:
            return
        elif isinstance(event, (FileDeletedEvent, DirDeletedEvent)):
            self.emit(Change("deleted", src, src_abs, is_dir=event.is_directory))
        elif isinstance(event, (FileCreatedEvent, FileModifiedEvent, FileClosedEvent, FileAttribEvent, DirCreatedEvent)):
            self.emit(Change("touched", src, src_abs, is_dir=event.is_directory))

    def listdir(self, folder: str) -> list[os.DirEntry]:
        """os.scandir without noise and the index: the polling observer never sees their churn.

        Whoosh's temporary files would otherwise reuse inodes of evidence files, and the poller,
        which tells moves by inode, would report a new PDF as "moved from the index".
        """
        return [
            entry for entry in os.scandir(folder)
            if not scanning.is_noise(entry.name) and os.path.abspath(entry.path) != self.index_dir
        ]  # fmt: skip


# --- the stable-file tracker (pure) ----------------------------------------------------------------


class PolledStat(NamedTuple):
    """What the poller compares between two looks at a file (watchdog's snapshot reads these)."""

    st_dev: int
    st_ino: int
    st_mode: int
    st_mtime: float
    st_size: int
    st_uid: int
    st_gid: int


def polled_stat(path: str) -> PolledStat:
    """os.stat for the poller, its mtime the later of mtime and ctime: a file rewritten with its
    old size and mtime put back (`cp -p`, `touch -r`) looked unchanged to `watch --poll`.

    A link to a folder is stat'ed as a link: the poller went down a link to /etc (1,568 files
    pending) or round a loop; the folder it names inside the root is polled under its own name.
    """
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        target = os.stat(path)
        st = st if stat.S_ISDIR(target.st_mode) else target
    return PolledStat(st.st_dev, st.st_ino, st.st_mode, max(st.st_mtime, st.st_ctime), st.st_size, st.st_uid, st.st_gid)


def stat_signature(abspath: str) -> Signature | None:
    """(size, mtime_ns) of a file, or None when it is not there or cannot be looked at."""
    try:
        st = os.stat(abspath)
    except OSError:  # gone, or a share hiccup: the pass then looks for itself
        return None
    return st.st_size, st.st_mtime_ns


def can_open(abspath: str) -> bool:
    """False while another program holds the file locked (Windows shares); True otherwise.

    Plain permission trouble counts as openable: the pass then records the file as a problem
    instead of waiting for it forever.
    """
    try:
        with open(abspath, "rb"):
            return True
    except PermissionError as exc:
        return getattr(exc, "winerror", None) not in (32, 33)  # sharing / lock violation
    except OSError:
        return True


@dataclass
class _Pending:
    abspath: str
    signature: Signature | None
    still_since: float
    settle: float
    origins: set[str] = field(default_factory=set)  # old paths this file was moved from


# A file written again soon after it was read is being copied in pieces with pauses (a network
# copy): each time, it waits twice as long before the next read, up to this.
MAX_SETTLE_S = 16.0


class StableFileTracker:
    """Decides when a changed file is complete enough to index; no I/O but the injected stat/open.

    A file is ready when its (size, mtime) has not changed for `settle` seconds and it can be
    opened. Every event for a pending file restarts its wait, so a burst is one update. A file
    written again within a few settles of being read waits twice as long the next time: a copy
    that paused for 1.6 s between chunks was read (and logged) seven times, half-written.
    """

    def __init__(
        self,
        settle: float = DEFAULT_SETTLE_S,
        *,
        clock: Clock = time.monotonic,
        stat: Callable[[str], Signature | None] = stat_signature,
        opener: Callable[[str], bool] = can_open,
    ):
        self.settle = settle
        self.clock = clock
        self.stat = stat
        self.opener = opener
        self._pending: dict[str, _Pending] = {}
        self._deleted: set[str] = set()
        self._released: dict[str, tuple[float, float]] = {}  # path -> (when it was ready, its settle)

    def __len__(self) -> int:
        return len(self._pending)

    def pending(self) -> list[str]:
        return sorted(self._pending)

    def pending_under(self, folder: str) -> list[str]:
        prefix = folder.rstrip("/") + "/"
        return [p for p in self._pending if p.startswith(prefix)]

    def touched(self, path: str, abspath: str) -> None:
        """`path` was created or written: (re)start its wait."""
        self._deleted.discard(path)  # replaced in place (a save by rename): not gone after all
        entry = self._pending.get(path)
        if entry is None:
            settle = self.settle
            released = self._released.pop(path, None)
            if released is not None and self.clock() - released[0] < 4 * released[1] + 2:
                settle = min(2 * released[1], max(MAX_SETTLE_S, self.settle))
            self._pending[path] = _Pending(abspath, self.stat(abspath), self.clock(), settle)
        else:
            entry.abspath, entry.signature, entry.still_since = abspath, self.stat(abspath), self.clock()

    def deleted(self, path: str) -> None:
        """`path` is gone: it goes out with the next `ready()`, along with anything it was moved from."""
        entry = self._pending.pop(path, None)
        self._deleted.add(path)
        if entry is not None:
            self._deleted.update(entry.origins)

    def moved(self, src: str, dest: str, abspath: str) -> None:
        """`src` became `dest`: `dest` waits like a new file and takes `src` with it when ready."""
        origins = {src}
        entry = self._pending.pop(src, None)
        if entry is not None:
            origins |= entry.origins
            origins.discard(dest)
        self._deleted.discard(src)
        self.touched(dest, abspath)
        self._pending[dest].origins |= origins - {dest}

    def ready(self) -> set[str]:
        """Take the paths to update now: deletions, and files still for `settle` seconds with their origins."""
        out, self._deleted = self._deleted, set()
        now = self.clock()
        for path, entry in list(self._pending.items()):
            signature = self.stat(entry.abspath)
            if signature is None:  # vanished before its delete event: let the pass drop it
                pass
            elif signature != entry.signature:
                entry.signature, entry.still_since = signature, now
                continue
            elif now - entry.still_since < entry.settle or not self.opener(entry.abspath):
                continue
            del self._pending[path]
            self._released[path] = (now, entry.settle)
            out.add(path)
            out |= entry.origins
        if len(self._released) > 1000:  # forget reads long past (a mass copy)
            self._released = {p: r for p, r in self._released.items() if now - r[0] < 4 * r[1] + 2}
        return out


# --- the watch loop ------------------------------------------------------------------------------


def watch(
    paths: IndexPaths,
    rubric: Rubric,
    *,
    poll: bool | None = None,
    interval: float = DEFAULT_INTERVAL_S,
    settle: float = DEFAULT_SETTLE_S,
    log: Log | None = None,
    stop: threading.Event | None = None,
    ocr: bool = True,
    workers: int | None = None,
) -> None:
    """Catch up with the folder, then keep the index in step with it until `stop` is set.

    poll=None polls on network shares (where inotify misses other machines' writes) and uses
    native events elsewhere; `interval` is the polling period, `settle` how long a file must stand
    still before it is read. Each log line is "timestamp  action  path".
    """
    Watcher(paths, rubric, poll=poll, interval=interval, settle=settle, log=log, stop=stop, ocr=ocr, workers=workers).run()


def log_line(action: str, what: str, now: dt.datetime | None = None) -> str:
    """`2026-11-29 10:01:02  thêm  Tieu chi 1/x.pdf`"""
    return f"{(now or dt.datetime.now()):%Y-%m-%d %H:%M:%S}  {action}  {what}"


class Watcher:
    """The state of one `watch` run: observer, tracker, the batch waiting to be written."""

    def __init__(self, paths: IndexPaths, rubric: Rubric, *, poll: bool | None, interval: float, settle: float,
                 log: Log | None, stop: threading.Event | None, ocr: bool = True, workers: int | None = None):  # fmt: skip
        self.paths = paths
        self.rubric = rubric
        self.poll = poll
        self.interval = interval
        self.settle = settle
        self.print = log or (lambda line: None)
        self.stop = stop or threading.Event()
        self.ocr = ocr
        self.workers = workers
        # How often the loop looks at the tracker: a small share of the latency, and cheap.
        self.tick = max(0.02, min(0.1, settle / 4))
        self.events: queue.Queue[Change] = queue.Queue()
        self.collector = ChangeCollector(paths.root, paths.index_dir, self.events.put)
        self.tracker = StableFileTracker(settle)
        self.observer = None
        self.carry: set[str] = set()  # a batch that could not be written yet
        self.retry_at = 0.0
        self.delay = RETRY_FIRST_S
        self.attempts = 0
        self.retry_every = RETRY_UNREADABLE_S
        self.next_retry = time.monotonic() + self.retry_every
        self.retrying: set[str] = set()  # files in the batch only to be tried again
        self.last_retried: set[str] = set()
        self.waiting_for: str | None = None  # what we last said we are waiting for (said once)
        self.on_network = is_network_mount(paths.root)
        self._known: list[str] | None = None
        self._said_progress = time.monotonic()
        # A mass copy can overflow inotify's queue: the lost events are made up by a catch-up pass.
        self.overflowed = threading.Event()
        self.need_catch_up = False
        self._alarm = _OverflowAlarm(self.overflowed)
        self.unlisted: set[str] = set()  # folders that could not be listed (see check_unlisted)
        self.folder_problems: set[tuple[str, str]] = set()  # already said (see say_folder_problems)
        self.links_said: set[tuple[str, str]] = set()  # links seen made while watching (see say_once)
        self.root_identity: tuple[int, int] | None = None  # the root folder being watched (device, inode)
        self.next_root_check = 0.0
        self.next_unlisted_check = 0.0

    def log(self, action: str, what: str) -> None:
        self.print(log_line(action, what))

    # --- the run ---

    def run(self) -> None:
        # Each pass starts a few worker processes; a fork server that has the extractors
        # already imported starts them in a fraction of the time (only effective before its first use).
        if "forkserver" in multiprocessing.get_all_start_methods():
            multiprocessing.set_forkserver_preload(["indexer.build"])
        self.start_observer()
        try:
            if not self.catch_up():
                return
            self.root_emptied()  # started on a share not mounted yet: said, and caught up once it is
            self.log("sẵn sàng", f"đang theo dõi {self.paths.root} (Ctrl-C để dừng)")
            while not self.stop.wait(self.tick):
                self.step()
            self.finish()
        finally:
            self.stop_observer()

    def step(self) -> None:
        """One turn of the loop: take in events, check the root, write what is ready."""
        self.drain()
        if not self.root_available():
            return
        if self.observer is not None and not all(e.is_alive() for e in self.observer.emitters):
            # The polling emitter stops for good when the root vanishes: start over once it is back.
            self.log("kết nối lại", f"{self.paths.root}: bắt đầu theo dõi lại và cập nhật bù")
            self.restart()
            return
        if self.overflowed.is_set():
            self.overflowed.clear()
            self.log("cập nhật bù", "hàng đợi sự kiện bị tràn, một số thay đổi không được báo: quét lại cả thư mục")
            self.need_catch_up = True
        if time.monotonic() >= self.next_root_check:
            self.next_root_check = time.monotonic() + ROOT_CHECK_S
            if folder_id(self.paths.root) != self.root_identity:
                # A disk mounted (or unmounted) over the root: the system's watches were on the
                # folder that was there before, and no event ever came again.
                self.log("kết nối lại", f"{self.paths.root}: thư mục đã đổi (ổ được gắn hoặc gỡ); bắt đầu theo dõi lại và cập nhật bù")
                self.restart()
                return
        if self.need_catch_up and time.monotonic() >= self.retry_at:
            self.need_catch_up = not self.catch_up(fatal=False)
            if not self.need_catch_up:
                self.root_emptied()
            return
        if self.unlisted and time.monotonic() >= self.next_unlisted_check:
            self.check_unlisted()
            return
        self.carry |= self.tracker.ready()
        if time.monotonic() >= self.next_retry:
            self.retry_unreadable()
        if self.carry and time.monotonic() >= self.retry_at and not self.root_emptied():
            self.write(self.carry)

    def retry_unreadable(self) -> None:
        """Add the files that failed for a passing reason (locked, share down) to the next batch."""
        self.next_retry = time.monotonic() + self.retry_every
        if not catalog_exists(self.paths.index_dir):
            return
        try:
            again = self.from_catalog(passing_failures, set()) - self.carry
        except (sqlite3.Error, OSError, MinhchungError):
            return  # the index is being rebuilt or the disk is in trouble: the next round will do
        same = bool(again) and again == self.last_retried
        self.retry_every = min(self.retry_every * 2, RETRY_UNREADABLE_MAX_S) if same else RETRY_UNREADABLE_S
        self.next_retry = time.monotonic() + self.retry_every
        self.last_retried = again
        self.retrying |= again
        self.carry |= again

    def finish(self) -> None:
        """On stop: write what is complete, say what is left for the next start."""
        self.drain()
        if self.root_available():
            self.carry |= self.tracker.ready()
            deadline = time.monotonic() + 30.0
            while self.carry and time.monotonic() < deadline:
                if not self.write(self.carry):
                    time.sleep(RETRY_FIRST_S)  # stopping anyway: nothing else to wake up for
        left = len(self.carry) + len(self.tracker)
        tail = f"; {left} tệp đang ghi dở hoặc chưa ghi được sẽ được cập nhật ở lần chạy sau" if left else ""
        self.log("dừng", f"đã ghi chỉ mục{tail}")

    # --- observer ---

    def start_observer(self) -> None:
        self.root_identity = folder_id(self.paths.root)
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserverVFS

        def polling():
            return PollingObserverVFS(polled_stat, self.collector.listdir, polling_interval=self.interval)

        use_poll = self.on_network if self.poll is None else self.poll
        why = f"ổ mạng {mount_fstype(self.paths.root)}" if self.on_network else "theo yêu cầu"
        observer = None
        if not use_poll:
            # inotify: a folder made and filled in one burst (the index's own text.new/pages in a
            # rebuild) can be registered twice; watchdog keeps one callback and warns on stderr,
            # which staff would read as an error. Nothing is lost.
            warnings.filterwarnings("ignore", message="Callback with id .* already exists", category=RuntimeWarning, module=r"watchdog\.")
            try:
                observer = Observer()
                observer.schedule(self.collector, str(self.paths.root), recursive=True, event_filter=WATCHED_EVENTS)
                observer.start()
                _INOTIFY_LOGGER.addHandler(self._alarm)
            except OSError as exc:  # inotify watch or instance limit: polling still works
                self.log("chế độ", f"không dùng được sự kiện hệ thống ({exc.strerror or exc})")
                if observer is not None:
                    try:
                        observer.unschedule_all()
                    except Exception:
                        pass  # it never started: nothing to undo
                use_poll, why = True, "thay cho sự kiện hệ thống"
        if use_poll:
            observer = polling()
            observer.schedule(self.collector, str(self.paths.root), recursive=True, event_filter=WATCHED_EVENTS)
            observer.start()
            self.log("chế độ", f"quét định kỳ mỗi {self.interval:g} giây ({why}; polling)")
        else:
            self.log("chế độ", f"theo sự kiện hệ thống ({type(observer).__name__}; native events)")
        self.observer = observer

    def stop_observer(self) -> None:
        _INOTIFY_LOGGER.removeHandler(self._alarm)
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=10)
            self.observer = None

    def restart(self) -> None:
        self.stop_observer()
        self.drain()
        self.tracker = StableFileTracker(self.settle)
        self.carry.clear()
        self.retrying.clear()
        self.start_observer()
        self.need_catch_up = True  # what changed while nobody could watch

    def root_available(self) -> bool:
        """False while the root is gone, or its share is unmounted (an empty mount point is not an empty folder)."""
        root = self.paths.root
        ok = os.path.isdir(root) and (not self.on_network or is_network_mount(root))
        if not ok:
            self.say_waiting("mất kết nối", f"{root} không truy cập được; giữ nguyên chỉ mục và chờ")
        elif self.waiting_for == "mất kết nối":
            self.waiting_for = None
            self.restart()
            return False
        return ok

    def root_emptied(self) -> bool:
        """True while the root shows no file at all though the index has some: a share gone from
        under a mount point the system does not call a network one (a polled folder emptied in
        a second and the watcher deleted the whole index). `index --rebuild` empties it for real.
        When files show again, the watcher starts over and catches up with the whole folder."""
        try:
            empty = not any(not scanning.is_noise(entry.name) for entry in os.scandir(self.paths.root))
        except OSError:
            empty = True
        # Asked once per outage: the poller's deletions wait in the batch and ask again each tick.
        if empty and (self.waiting_for == EMPTIED or self.from_catalog(lambda catalog: not catalog.is_empty(), False)):
            self.say_waiting(EMPTIED, f"{self.paths.root} trống: giữ nguyên chỉ mục và chờ (ổ mạng chưa gắn?); nếu đúng là đã xóa hết, chạy index --rebuild")
            return True
        if self.waiting_for == EMPTIED:
            self.waiting_for = None
            self.restart()
            return True
        return False

    def say_waiting(self, action: str, what: str) -> None:
        if self.waiting_for != action:
            self.waiting_for = action
            self.log(action, what)

    # --- events -> tracker ---

    def drain(self) -> None:
        self._known = None
        while True:
            try:
                change = self.events.get_nowait()
            except queue.Empty:
                return
            self.apply(change)

    def known(self) -> list[str]:
        """The indexed paths, read once per drain and only when a folder went away or moved."""
        if self._known is None:
            self._known = self.indexed_paths()
        return self._known

    def apply(self, change: Change) -> None:
        """Feed one change to the tracker; a folder becomes the files inside it."""
        t = self.tracker
        if change.kind == "deleted":
            t.deleted(change.path)
            if change.is_dir:
                for path in set(under(self.known(), change.path)) | set(t.pending_under(change.path)):
                    t.deleted(path)
            return
        if change.kind == "moved":
            if os.path.isdir(change.dest_abspath):
                self.folder_moved(change)
            else:
                t.moved(change.path, change.dest, change.dest_abspath)
            if not os.path.lexists(change.abspath):
                return
            # The old name is still there: the poller paired two files by a reused inode.
        self.touched(change.path, change.abspath)

    def touched(self, path: str, abspath: str) -> None:
        # The disk, not the event, says file or folder: a reused inode can carry the wrong kind.
        if os.path.islink(abspath) and os.path.isdir(abspath):
            # A folder link made while watching: its files are the walk's to decide (a loop or a
            # link outside is not followed); inotify says nothing more, so it is said here.
            if (problem := scanning.link_problem(self.paths.root, abspath)) is not None:
                self.say_once(problem)
            return
        if os.path.isdir(abspath):
            for rel, inside in self.files_under(path, abspath):
                self.tracker.touched(rel, inside)
        else:
            self.tracker.touched(path, abspath)

    def folder_moved(self, change: Change) -> None:
        """Every file under the new name moves from its old path; indexed paths left behind are gone."""
        t = self.tracker
        old = set(under(self.known(), change.path)) | set(t.pending_under(change.path))
        for rel, abspath in self.files_under(change.dest, change.dest_abspath):
            before = change.path + rel[len(change.dest) :]
            if before in old:
                old.discard(before)
                t.moved(before, rel, abspath)
            else:
                t.touched(rel, abspath)
        for path in old:
            t.deleted(path)

    def files_under(self, rel_dir: str, abs_dir: str) -> Iterable[tuple[str, str]]:
        found = scanning.scan(Path(abs_dir), skip=(self.paths.index_dir,))
        self.note_unlisted(rel_dir if p.path == "." else f"{rel_dir}/{p.path}" for p in found.problems if p.problem == "unreadable")
        files = [(f"{rel_dir}/{f.path}", str(f.abspath)) for f in found.files]
        # scan() leaves out its root's rubric.toml; in a subfolder that name is just a file.
        try:
            files += [(f"{rel_dir}/{scanning.display_name(e.name)}", e.path) for e in os.scandir(abs_dir)
                      if e.name.lower() == "rubric.toml" and e.is_file(follow_symlinks=False)]  # fmt: skip
        except OSError:
            pass  # gone again: its own event follows
        return files

    def note_unlisted(self, folders: Iterable[str]) -> None:
        """Remember folders that could not be listed: no event says when they can be again."""
        new = {f for f in folders if os.path.isdir(self.paths.root / f)} - self.unlisted
        for folder in sorted(new):
            self.log("lỗi", f"{folder}: không mở được thư mục; sẽ cập nhật bù khi mở được")
        self.unlisted |= new

    def check_unlisted(self) -> None:
        """A folder listed again after its permission came back: start over and catch up (a
        tester's files added, edited and deleted in a folder closed for a while were never seen)."""
        self.next_unlisted_check = time.monotonic() + UNLISTED_CHECK_S
        listed = set()
        for folder in self.unlisted:
            try:
                with os.scandir(self.paths.root / folder):
                    listed.add(folder)
            except OSError:
                pass  # still closed (or gone: the catch-up says so)
        if listed:
            self.unlisted -= listed
            self.log("cập nhật bù", f"{', '.join(sorted(listed))}: đọc được trở lại")
            self.restart()

    def indexed_paths(self) -> list[str]:
        return self.from_catalog(lambda catalog: list(catalog.stats()), [])

    def from_catalog(self, read, empty):
        """`read(catalog)` on the index's catalog, opened for it; `empty` when there is none yet."""
        if not catalog_exists(self.paths.index_dir):
            return empty
        catalog = open_catalog(self.paths.index_dir)
        try:
            return read(catalog)
        finally:
            catalog.close()

    # --- writing ---

    def catch_up(self, fatal: bool = True) -> bool:
        """The full incremental pass (what changed while nobody watched); False if it did not happen.

        At start a damaged tags file or a full disk stops the command with its message; later on
        it is a log line, and the pass is tried again.
        """
        while True:
            try:
                report = build_index(self.paths, self.rubric, ocr=self.ocr, workers=self.workers, wait=0.0, progress=self.progress)
            except IndexBusyError:
                self.say_waiting("chờ", "một tiến trình khác đang cập nhật chỉ mục; sẽ thử lại")
                if self.stop.wait(RETRY_FIRST_S):
                    self.log("dừng", "chưa cập nhật được chỉ mục")
                    return False
                continue
            except (MinhchungError, OSError) as exc:
                if fatal:
                    raise
                self.log("lỗi", f"{exc.message if isinstance(exc, MinhchungError) else exc}; thử lại sau {self.delay:g} giây")
                self.retry_at, self.delay = time.monotonic() + self.delay, min(self.delay * 2, RETRY_MAX_S)
                return False
            self.waiting_for = None
            self.delay = RETRY_FIRST_S
            self.note_unlisted(p.path for p in report.problems if p.problem == "unreadable")
            self.log("cập nhật bù", summary(report))
            self.say_folder_problems()
            return True

    def progress(self, stage: str, done: int, total: int, path: str) -> None:
        """A first index can take hours: say how far it is, once a minute."""
        now = time.monotonic()
        if stage == "extract" and now - self._said_progress >= PROGRESS_EVERY_S:
            self._said_progress = now
            self.log("cập nhật bù", f"đã đọc {done}/{total} tệp")

    def write(self, batch: set[str]) -> bool:
        """One partial pass over `batch`; False when it is kept to be tried again."""
        before = self.records(batch)
        try:
            report = build_index(self.paths, self.rubric, only=set(batch), ocr=self.ocr, workers=self.workers, wait=0.0)
        except IndexBusyError:
            self.say_waiting("chờ", "một tiến trình khác đang cập nhật chỉ mục; sẽ thử lại")
            self.retry_at = time.monotonic() + RETRY_FIRST_S
            return False
        except (MinhchungError, OSError) as exc:
            # Disk full, a damaged tags file: the batch waits until the trouble is fixed.
            message = exc.message if isinstance(exc, MinhchungError) else f"{exc.strerror or exc}"
            self.log("lỗi", f"{message}; thử lại sau {self.delay:g} giây")
            self.retry_at, self.delay = time.monotonic() + self.delay, min(self.delay * 2, RETRY_MAX_S)
            return False
        except Exception as exc:
            self.attempts += 1
            where = traceback.extract_tb(exc.__traceback__)[-1]
            self.log("lỗi", f"{type(exc).__name__}: {exc} ({os.path.basename(where.filename)}:{where.lineno}), lần {self.attempts}/{MAX_ATTEMPTS}")
            if self.attempts < MAX_ATTEMPTS:
                self.retry_at = time.monotonic() + self.delay
                return False
            self.log("bỏ qua", f"{len(batch)} tệp, sẽ cập nhật ở lần chạy sau: {', '.join(sorted(batch)[:5])}")
        else:
            self.note_unlisted(p.path for p in report.problems if p.problem == "unreadable")
            self.report_changes(batch, before, self.records(batch), report)
            self.say_folder_problems()
        self.waiting_for = None
        self.carry = set()
        self.retrying = set()
        self.retry_at, self.delay, self.attempts = 0.0, RETRY_FIRST_S, 0
        return True

    def say_folder_problems(self) -> None:
        """One line for each link loop, outside link or export bundle a walk found since the last pass.

        They stand for a folder, not for a file of the batch, and every file copied into a bundle
        brings its walk again: said once, and again only after it went away.
        """
        found = {(p.path, p.problem): p for p in self.from_catalog(scan_problems, []) if p.problem in scanning.FOLDER_PROBLEMS}
        for key in sorted(found.keys() - self.folder_problems - self.links_said):
            self.log("bỏ qua", found[key].line())
        self.folder_problems = set(found)
        # A link taken away is forgotten, as a folder problem gone from the walk is: a link
        # removed and made again was never said again.
        self.links_said = {key for key in self.links_said if os.path.islink(self.paths.root / key[0])}

    def say_once(self, problem) -> None:
        """A link seen made while watching: one line, not again when a later walk stores it."""
        if (key := (problem.path, problem.problem)) not in self.folder_problems | self.links_said:
            self.links_said.add(key)
            self.log("bỏ qua", problem.line())

    def records(self, batch: set[str]) -> dict[str, Evidence]:
        return self.from_catalog(lambda catalog: catalog.get_many(batch), {})

    def report_changes(self, batch: set[str], before: dict[str, Evidence], after: dict[str, Evidence], report: IndexReport) -> None:
        for action, what in describe_changes(before, after):
            self.log(action, what)
        for problem in report.problems:
            old, now = before.get(problem.path), after.get(problem.path)
            if problem.path in self.retrying and old and now and (old.status, old.detail) == (now.status, now.detail):
                continue  # tried again and failed the same way: said when it first failed
            if problem.path in batch:
                self.log("lỗi", problem.line())


def describe_changes(before: dict[str, Evidence], after: dict[str, Evidence]) -> list[tuple[str, str]]:
    """(action, path) lines for what one pass did to the catalog: thêm, cập nhật, đổi tên, xóa."""
    gone = {p: ev for p, ev in before.items() if p not in after}
    gone_by_hash = {ev.sha256: p for p, ev in sorted(gone.items()) if ev.sha256}
    lines: list[tuple[str, str]] = []
    for path, ev in sorted(after.items()):
        old = before.get(path)
        if old is None:
            moved_from = gone_by_hash.pop(ev.sha256, None) if ev.sha256 else None
            if moved_from is not None:
                del gone[moved_from]
                lines.append(("đổi tên", f"{moved_from} → {path}"))
            else:
                lines.append(("thêm", path))
        elif (old.sha256, old.tags, old.status) != (ev.sha256, ev.tags, ev.status):
            lines.append(("cập nhật", path))
    lines.extend(("xóa", path) for path in sorted(gone))
    return lines


def under(paths: Iterable[str], folder: str) -> list[str]:
    prefix = folder.rstrip("/") + "/"
    return [p for p in paths if p.startswith(prefix)]


def summary(report: IndexReport) -> str:
    text = (
        f"thêm {report.added}" + (f", đổi tên {report.renamed}" if report.renamed else "")
        + f", cập nhật {report.updated}, xóa {report.removed}, "
        f"không đổi {report.unchanged} ({decimal(report.seconds)} giây)"
    )
    if report.problems:
        text += f"; {len(report.problems)} tệp có vấn đề (minhchung files)"
    return text
