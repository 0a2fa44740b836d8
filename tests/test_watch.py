"""The watcher: the pure stable-file tracker on a fake clock, event mapping, and real folders
watched by both the native and the polling observer (in a thread, polled with a deadline)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

import pytest
from watchdog.events import (
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

import indexer.build as build
from bench.docgen import write_docx, write_pdf
from indexer.build import build_lock, resolve_paths
from indexer.catalog import catalog_exists, open_catalog
from indexer.manual import ManualTag, ManualTags, save_manual_tags, tags_path
from indexer.models import DocMeta, Evidence, FileStatus, Tag, TagSource
from indexer.store import open_text_index
from indexer.watch import Change, ChangeCollector, StableFileTracker, describe_changes, log_line, watch
from search.query import close_all, list_files, search

DEADLINE_S = 30.0


def wait_until(predicate, what: str, deadline: float = DEADLINE_S):
    """Poll `predicate` until it returns something truthy; fail saying `what` never happened."""
    end = time.monotonic() + deadline
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > end:
            pytest.fail(f"gave up waiting: {what}")
        time.sleep(0.02)


# --- the tracker, on a fake clock ----------------------------------------------------------------


class FakeDisk:
    """A clock and a stat/open pair the test moves by hand."""

    def __init__(self):
        self.now = 0.0
        self.files: dict[str, tuple[int, int]] = {}
        self.locked: set[str] = set()

    def write(self, path: str, size: int) -> None:
        self.files[path] = (size, int(self.now * 1e9))

    def stat(self, path: str):
        return self.files.get(path)

    def tracker(self, settle: float = 1.0) -> StableFileTracker:
        return StableFileTracker(settle, clock=lambda: self.now, stat=self.stat, opener=lambda p: p not in self.locked)


def test_a_burst_of_events_is_one_update_after_the_last():
    disk = FakeDisk()
    t = disk.tracker(settle=1.0)
    for step in range(5):
        disk.now = step * 0.4
        disk.write("/r/a.pdf", 100 * (step + 1))
        t.touched("a.pdf", "/r/a.pdf")
        assert t.ready() == set()
    disk.now = 1.6 + 0.9
    assert t.ready() == set()
    disk.now = 1.6 + 1.0
    assert t.ready() == {"a.pdf"}
    assert t.ready() == set() and len(t) == 0


def test_a_file_growing_without_events_waits_until_it_stands_still():
    disk = FakeDisk()
    t = disk.tracker(settle=1.0)
    disk.write("/r/big.pdf", 10)
    t.touched("big.pdf", "/r/big.pdf")
    for step in range(1, 6):  # SMB: one event, then the copy goes on silently
        disk.now = step * 0.8
        disk.write("/r/big.pdf", 10 + step)
        assert t.ready() == set()
    disk.now = 4.0 + 0.99
    assert t.ready() == set()
    disk.now = 5.0
    assert t.ready() == {"big.pdf"}


def test_a_locked_file_waits_until_it_can_be_opened():
    disk = FakeDisk()
    t = disk.tracker(settle=0.5)
    disk.write("/r/x.docx", 5)
    disk.locked.add("/r/x.docx")
    t.touched("x.docx", "/r/x.docx")
    disk.now = 10.0
    assert t.ready() == set()
    disk.locked.clear()
    assert t.ready() == {"x.docx"}


def test_deletes_are_immediate_and_cancel_a_pending_file():
    disk = FakeDisk()
    t = disk.tracker()
    disk.write("/r/a.pdf", 1)
    t.touched("a.pdf", "/r/a.pdf")
    t.deleted("old.pdf")
    assert t.ready() == {"old.pdf"}
    t.deleted("a.pdf")
    assert t.ready() == {"a.pdf"} and len(t) == 0


def test_a_save_by_rename_is_not_a_delete():
    # Word: x.docx -> ~WRL0002.tmp (gone), ~WRL0001.tmp -> x.docx (back), in one drain.
    disk = FakeDisk()
    t = disk.tracker()
    t.deleted("x.docx")
    disk.write("/r/x.docx", 7)
    t.touched("x.docx", "/r/x.docx")
    assert t.ready() == set()
    disk.now = 1.0
    assert t.ready() == {"x.docx"}


def test_a_move_waits_for_the_new_file_and_takes_the_old_path_along():
    disk = FakeDisk()
    t = disk.tracker()
    disk.write("/r/b/x.pdf", 3)
    t.moved("a/x.pdf", "b/x.pdf", "/r/b/x.pdf")
    assert t.ready() == set()  # not gone from the index before the new path is in
    disk.now = 1.0
    assert t.ready() == {"a/x.pdf", "b/x.pdf"}


def test_moves_of_a_pending_file_chain_back_to_the_first_path():
    disk = FakeDisk()
    t = disk.tracker()
    disk.write("/r/c.pdf", 3)
    t.touched("a.pdf", "/r/a.pdf")
    t.moved("a.pdf", "b.pdf", "/r/b.pdf")
    t.moved("b.pdf", "c.pdf", "/r/c.pdf")
    assert t.pending() == ["c.pdf"]
    disk.now = 1.0
    assert t.ready() == {"a.pdf", "b.pdf", "c.pdf"}


def test_deleting_a_moved_file_deletes_where_it_came_from():
    disk = FakeDisk()
    t = disk.tracker()
    disk.write("/r/b.pdf", 3)
    t.moved("a.pdf", "b.pdf", "/r/b.pdf")
    t.deleted("b.pdf")
    assert t.ready() == {"a.pdf", "b.pdf"}


def test_a_pending_file_that_vanished_goes_out_so_the_pass_drops_it():
    disk = FakeDisk()
    t = disk.tracker()
    disk.write("/r/a.pdf", 3)
    t.touched("a.pdf", "/r/a.pdf")
    del disk.files["/r/a.pdf"]
    assert t.ready() == {"a.pdf"}


def test_pending_under_a_folder():
    disk = FakeDisk()
    t = disk.tracker()
    for p in ("1.3 A/x.pdf", "1.3 A/sub/y.pdf", "1.3 AB/z.pdf"):
        t.touched(p, "/r/" + p)
    assert sorted(t.pending_under("1.3 A")) == ["1.3 A/sub/y.pdf", "1.3 A/x.pdf"]


# --- events -> changes -----------------------------------------------------------------------------


@pytest.fixture
def collected(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    changes: list[Change] = []
    return root, ChangeCollector(root, root / "chi muc", changes.append), changes


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("~$bao cao.docx", id="word-lock"),
        pytest.param(".~lock.bao cao.docx#", id="libreoffice-lock"),
        pytest.param("tai ve.pdf.crdownload", id="download"),
        pytest.param("x.tmp", id="tmp"),
        pytest.param(".an/x.pdf", id="hidden-folder"),
        pytest.param("Thumbs.db", id="thumbs"),
        pytest.param(".minhchung/text/x.seg", id="index-inside-root"),
        pytest.param("chi muc/catalog.sqlite3", id="index-folder"),
        pytest.param("rubric.toml", id="the-rubric"),
    ],
)
def test_noise_and_the_index_are_ignored(collected, name):
    root, collector, changes = collected
    collector.dispatch(FileCreatedEvent(str(root / name)))
    collector.dispatch(FileModifiedEvent(str(root / name)))
    assert changes == []


def test_events_become_nfc_relative_changes(collected):
    root, collector, changes = collected
    nfd = unicodedata.normalize("NFD", "Tiêu chí 1/Lịch tiếp dân.pdf")
    collector.dispatch(FileCreatedEvent(str(root / nfd)))
    collector.dispatch(FileDeletedEvent(str(root / "a.pdf")))
    collector.dispatch(FileMovedEvent(str(root / "a.pdf"), str(root / "b.pdf")))
    collector.dispatch(DirMovedEvent(str(root / "1.3 X"), str(root / "1.4 Y")))
    collector.dispatch(DirDeletedEvent(str(root / "cu")))
    collector.dispatch(FileOpenedEvent(str(root / "b.pdf")))  # our own reads must not wake us
    collector.dispatch(FileClosedNoWriteEvent(str(root / "b.pdf")))
    collector.dispatch(DirDeletedEvent(str(root)))  # an unmounted share is not an empty folder
    assert [(c.kind, c.path, c.dest, c.is_dir) for c in changes] == [
        ("touched", "Tiêu chí 1/Lịch tiếp dân.pdf", "", False),
        ("deleted", "a.pdf", "", False),
        ("moved", "a.pdf", "b.pdf", False),
        ("moved", "1.3 X", "1.4 Y", True),
        ("deleted", "cu", "", True),
    ]


def test_moves_to_and_from_temp_names(collected):
    root, collector, changes = collected
    collector.dispatch(FileMovedEvent(str(root / "x.docx"), str(root / "~WRL0002.tmp")))
    collector.dispatch(FileMovedEvent(str(root / "~WRL0001.tmp"), str(root / "x.docx")))
    collector.dispatch(FileMovedEvent(str(root / ".tai.part"), str(root / ".an.pdf")))
    assert [(c.kind, c.path) for c in changes] == [("deleted", "x.docx"), ("touched", "x.docx")]


# --- what the poller sees, and events the disk contradicts --------------------------------------------


def test_the_poller_does_not_list_noise_or_the_index(root):
    (root / ".minhchung" / "text").mkdir(parents=True)
    (root / "chi muc").mkdir()
    for name in ("a.pdf", "~$a.docx", "x.tmp"):
        (root / name).write_bytes(b"x")
    collector = ChangeCollector(root, root / "chi muc", lambda change: None)
    assert sorted(e.name for e in collector.listdir(str(root))) == ["a.pdf"]


@pytest.fixture
def idle_watcher(root, rubric):
    """A Watcher that is never run: its events go straight to apply(), its tracker is inspected."""
    from indexer.watch import Watcher

    return Watcher(resolve_paths(root), rubric, poll=True, interval=1, settle=1, log=None, stop=None)


def test_a_move_whose_old_name_still_exists_keeps_both(root, idle_watcher):
    # The poller tells moves by inode: a replaced file's old inode reused by a new file
    # reads as "old name moved to new name", though the old name is still there.
    (root / "sua.docx").write_bytes(b"new bytes")
    (root / "moi.docx").write_bytes(b"other")
    idle_watcher.collector.dispatch(FileMovedEvent(str(root / "sua.docx"), str(root / "moi.docx")))
    idle_watcher.drain()
    assert idle_watcher.tracker.pending() == ["moi.docx", "sua.docx"]


def test_the_disk_not_the_event_says_file_or_folder(root, idle_watcher):
    (root / "moi.pdf").write_bytes(b"x")  # a "directory" moved from a whoosh temp name: really a file
    idle_watcher.collector.dispatch(DirMovedEvent(str(root / ".minhchung" / "MAIN.tmp"), str(root / "moi.pdf")))
    (root / "1.4 Lich").mkdir()
    (root / "1.4 Lich" / "a.pdf").write_bytes(b"x")
    idle_watcher.collector.dispatch(FileCreatedEvent(str(root / "1.4 Lich")))
    idle_watcher.drain()
    assert idle_watcher.tracker.pending() == ["1.4 Lich/a.pdf", "moi.pdf"]


def test_files_that_keep_failing_are_retried_less_and_less_often(root, idle_watcher, index_root, locked):
    from indexer.watch import RETRY_UNREADABLE_MAX_S, RETRY_UNREADABLE_S

    (root / "khoa.txt").write_text("biên bản", encoding="utf-8")
    (root / "tot.txt").write_text("tệp đọc được", encoding="utf-8")
    locked.add(str(root / "khoa.txt"))
    index_root(root)
    waits = []
    for _ in range(7):
        idle_watcher.retry_unreadable()
        waits.append(idle_watcher.retry_every)
        idle_watcher.carry.clear()
    assert idle_watcher.retrying == {"khoa.txt"}
    assert waits == [RETRY_UNREADABLE_S * 2**n for n in range(4)] + [RETRY_UNREADABLE_MAX_S] * 3
    locked.clear()
    locked.add(str(root / "tot.txt"))
    os.utime(root / "tot.txt", ns=(1, 1))
    index_root(root)  # khoa.txt reads now, tot.txt fails: another set of files, the short wait again
    idle_watcher.retry_unreadable()
    assert (idle_watcher.carry, idle_watcher.retry_every) == ({"tot.txt"}, RETRY_UNREADABLE_S)


# --- what the log says -----------------------------------------------------------------------------


def _ev(path: str, sha: str, code: str = "1.3") -> Evidence:
    return Evidence(path=path, title="", status=FileStatus.OK, size=1, mtime_ns=1, sha256=sha, pages=1,
                    tags=(Tag(code, TagSource.FOLDER, 1.0, "thư mục"),), doc=DocMeta())  # fmt: skip


def test_describe_changes_names_each_action():
    before = {"a.pdf": _ev("a.pdf", "1"), "b.pdf": _ev("b.pdf", "2"), "1.3 X/c.pdf": _ev("1.3 X/c.pdf", "3")}
    after = {"a.pdf": _ev("a.pdf", "9"), "1.4 Y/c.pdf": _ev("1.4 Y/c.pdf", "3", "1.4"), "d.pdf": _ev("d.pdf", "4")}
    assert describe_changes(before, after) == [
        ("đổi tên", "1.3 X/c.pdf → 1.4 Y/c.pdf"),
        ("cập nhật", "a.pdf"),
        ("thêm", "d.pdf"),
        ("xóa", "b.pdf"),
    ]


def test_log_line_format():
    import datetime as dt

    assert log_line("thêm", "Tieu chi 1/x.pdf", dt.datetime(2026, 11, 29, 10, 1, 2)) == "2026-11-29 10:01:02  thêm  Tieu chi 1/x.pdf"


# --- real folders, both observers -------------------------------------------------------------------

# Each case runs a real watcher for about half a second per observer.
slow = pytest.mark.slow


class Running:
    """A watcher in a thread, with its log lines and the error it died of, if any."""

    def __init__(self, root: Path, rubric, poll: bool, settle: float, index_dir: Path | None = None):
        self.paths = resolve_paths(root, index_dir)
        self.settle = settle
        self.lines: list[str] = []
        self.stop = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(rubric, poll), daemon=True)

    def _run(self, rubric, poll):
        try:
            watch(self.paths, rubric, poll=poll, interval=0.2, settle=self.settle, log=self.lines.append, stop=self.stop, ocr=False, workers=0)
        except BaseException as exc:  # reported by close()
            self.error = exc

    def start(self) -> "Running":
        self.thread.start()
        wait_until(lambda: self.said("sẵn sàng") or self.error, "the watcher to start")
        return self

    def said(self, *words: str) -> list[str]:
        return [line for line in list(self.lines) if all(w in line for w in words)]

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=DEADLINE_S)
        assert not self.thread.is_alive(), "the watcher did not stop"
        if self.error:
            raise self.error


@pytest.fixture(params=[False, True], ids=["native", "polling"])
def start_watcher(request, rubric):
    running: list[Running] = []

    def start(root: Path, settle: float = 0.3) -> Running:
        watcher = Running(root, rubric, poll=request.param, settle=settle).start()
        running.append(watcher)
        return watcher

    yield start
    for watcher in running:
        if watcher.thread.is_alive():
            watcher.close()
    close_all()


def records(paths) -> dict[str, Evidence]:
    if not catalog_exists(paths.index_dir):
        return {}
    catalog = open_catalog(paths.index_dir)
    try:
        return {ev.path: ev for ev in catalog.all()}
    finally:
        catalog.close()


def codes_of(paths, path: str) -> set[str] | None:
    """The codes a file proves (by name, folder or manual tag); keyword suggestions left out."""
    ev = records(paths).get(path)
    return None if ev is None else {t.code for t in ev.tags if t.source.proves}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count_extractions(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = build.extract

    def counting(path, **kw):
        calls.append(os.path.basename(path))
        return real(path, **kw)

    monkeypatch.setattr(build, "extract", counting)
    return calls


@pytest.fixture(scope="session")
def staged(tmp_path_factory):
    """Real documents built once, outside any watched folder, to be copied in."""
    folder = tmp_path_factory.mktemp("staging")
    write_docx(folder / "tiep dan.docx", ["LỊCH TIẾP CÔNG DÂN", "Lịch tiếp công dân quý hai của phường, mã kiểm tra zebraword."])
    write_pdf(folder / "dien thoai.pdf", [["Số điện thoại đường dây nóng, mã kiểm tra quokkaword."]])
    return folder


@slow
def test_a_slowly_written_file_is_indexed_once_and_complete(root, staged, start_watcher, monkeypatch):
    w = start_watcher(root, settle=1.0)  # pauses between chunks 20 times shorter: safe on a loaded machine
    calls = count_extractions(monkeypatch)
    data = (staged / "tiep dan.docx").read_bytes()
    target = root / "Lich tiep dan.docx"
    with open(target, "wb") as fh:  # a copy over a slow link: chunks with pauses shorter than settle
        for i in range(0, len(data), len(data) // 8 + 1):
            fh.write(data[i : i + len(data) // 8 + 1])
            fh.flush()
            time.sleep(0.05)
    wait_until(lambda: records(w.paths).get("Lich tiep dan.docx"), "the file to be indexed")
    ev = records(w.paths)["Lich tiep dan.docx"]
    assert ev.status is FileStatus.OK and ev.sha256 == sha256(target)
    assert calls == ["Lich tiep dan.docx"]
    assert [hit.path for hit in search(w.paths, "zebraword").hits] == ["Lich tiep dan.docx"]
    # The log line comes after the commit and through a reader thread: under load, a moment later.
    wait_until(lambda: w.said("thêm", "Lich tiep dan.docx"), "the watcher to log the file")
    assert len(w.said("thêm", "Lich tiep dan.docx")) == 1 and not w.said("lỗi")


@slow
def test_rename_keeps_the_text_and_delete_removes(root, staged, start_watcher, monkeypatch):
    shutil.copy(staged / "dien thoai.pdf", root / "dien thoai.pdf")
    (root / "Van ban khac").mkdir()  # a root left with no file is a share gone (see the test below)
    w = start_watcher(root)
    calls = count_extractions(monkeypatch)
    (root / "dien thoai.pdf").rename(root / "1.3 Duong day nong.pdf")
    wait_until(lambda: set(records(w.paths)) == {"1.3 Duong day nong.pdf"}, "the rename to reach the index")
    assert calls == []  # same bytes: the old text is reused
    assert codes_of(w.paths, "1.3 Duong day nong.pdf") == {"1.3"}
    assert [hit.path for hit in search(w.paths, "quokkaword").hits] == ["1.3 Duong day nong.pdf"]
    wait_until(lambda: w.said("đổi tên", "dien thoai.pdf → 1.3 Duong day nong.pdf"), "the rename log line")
    (root / "1.3 Duong day nong.pdf").unlink()
    wait_until(lambda: records(w.paths) == {}, "the delete to reach the index")
    assert search(w.paths, "quokkaword").hits == ()
    wait_until(lambda: w.said("xóa", "1.3 Duong day nong.pdf"), "the delete log line")


@slow
def test_folder_rename_retags_every_file(root, staged, start_watcher):
    old = root / "Tieu chi 1" / "1.3 So dien thoai"
    (old / "con").mkdir(parents=True)
    shutil.copy(staged / "dien thoai.pdf", old / "dien thoai.pdf")
    shutil.copy(staged / "tiep dan.docx", old / "con" / "tiep dan.docx")
    w = start_watcher(root)
    assert codes_of(w.paths, "Tieu chi 1/1.3 So dien thoai/dien thoai.pdf") == {"1.3"}
    old.rename(root / "Tieu chi 1" / "1.4 Lich tiep dan")
    new = {"Tieu chi 1/1.4 Lich tiep dan/dien thoai.pdf", "Tieu chi 1/1.4 Lich tiep dan/con/tiep dan.docx"}
    wait_until(lambda: set(records(w.paths)) == new, "the folder rename to reach the index")
    for path in new:
        assert codes_of(w.paths, path) == {"1.4"}, path
    assert [hit.path for hit in search(w.paths, "zebraword", code="1.4").hits] == ["Tieu chi 1/1.4 Lich tiep dan/con/tiep dan.docx"]


@slow
def test_folder_delete_removes_every_file(root, staged, start_watcher):
    folder = root / "2.1 Ngay giai quyet nhanh"
    (folder / "a" / "b").mkdir(parents=True)
    shutil.copy(staged / "dien thoai.pdf", folder / "dien thoai.pdf")
    shutil.copy(staged / "tiep dan.docx", folder / "a" / "b" / "tiep dan.docx")
    write_docx(root / "giu lai.docx", ["Văn bản giữ lại."])
    w = start_watcher(root)
    assert len(records(w.paths)) == 3
    shutil.rmtree(folder)
    wait_until(lambda: set(records(w.paths)) == {"giu lai.docx"}, "the folder delete to reach the index")


@slow
def test_a_folder_moved_out_of_the_root_is_removed(root, staged, start_watcher, tmp_path):
    folder = root / "2.1 Ngay giai quyet nhanh"
    folder.mkdir()
    shutil.copy(staged / "dien thoai.pdf", folder / "dien thoai.pdf")
    (root / "Van ban khac").mkdir()  # a root left with no file is a share gone (see below)
    w = start_watcher(root)
    folder.rename(tmp_path / "thung rac")  # inotify says only "the folder is gone"
    wait_until(lambda: records(w.paths) == {}, "the moved-out folder to leave the index")


@slow
def test_a_folder_copied_in_is_indexed(root, staged, start_watcher):
    w = start_watcher(root)
    shutil.copytree(staged, root / "1.4 Lich tiep dan")
    wait_until(lambda: len(records(w.paths)) == 2, "the copied folder to be indexed")
    assert all(codes_of(w.paths, p) == {"1.4"} for p in records(w.paths))


@slow
def test_changes_made_while_stopped_are_picked_up_at_start(root, staged, start_watcher, monkeypatch):
    shutil.copy(staged / "dien thoai.pdf", root / "dien thoai.pdf")
    write_docx(root / "cu.docx", ["Văn bản cũ sẽ bị xóa."])
    w = start_watcher(root)
    w.close()
    shutil.copy(staged / "tiep dan.docx", root / "1.4 Lich tiep dan.docx")
    (root / "dien thoai.pdf").rename(root / "1.3 Dien thoai.pdf")
    (root / "cu.docx").unlink()
    calls = count_extractions(monkeypatch)
    w2 = start_watcher(root)  # returns once the catch-up pass is done
    assert set(records(w2.paths)) == {"1.4 Lich tiep dan.docx", "1.3 Dien thoai.pdf"}
    assert calls == ["1.4 Lich tiep dan.docx"]
    assert codes_of(w2.paths, "1.3 Dien thoai.pdf") == {"1.3"}
    assert w2.said("cập nhật bù", "thêm 1, đổi tên 1, cập nhật 0, xóa 1,")  # the rename once, as a rename


@slow
def test_manual_tags_follow_a_renamed_file(root, staged, start_watcher):
    shutil.copy(staged / "tiep dan.docx", root / "tiep dan.docx")
    save_manual_tags(tags_path(root), ManualTags((ManualTag("+", "2.1", sha256(root / "tiep dan.docx"), "tiep dan.docx"),)))
    w = start_watcher(root)
    assert [h.path for h in search(w.paths, "zebraword", code="2.1").hits] == ["tiep dan.docx"]
    (root / "tiep dan.docx").rename(root / "1.4 Lich tiep dan.docx")
    wait_until(lambda: set(records(w.paths)) == {"1.4 Lich tiep dan.docx"}, "the rename to reach the index")
    assert [h.path for h in search(w.paths, "zebraword", code="2.1").hits] == ["1.4 Lich tiep dan.docx"]
    [ev] = list_files(w.paths)
    assert {(t.code, t.source) for t in ev.tags} >= {("2.1", TagSource.MANUAL), ("1.4", TagSource.FILENAME)}


@slow
def test_a_bad_file_is_a_log_line_and_the_watcher_goes_on(root, staged, start_watcher):
    w = start_watcher(root)
    (root / "hong.pdf").write_bytes(b"%PDF-1.4 broken")
    wait_until(lambda: w.said("lỗi", "hong.pdf"), "a log line about the broken file")
    shutil.copy(staged / "tiep dan.docx", root / "tiep dan.docx")
    wait_until(lambda: "tiep dan.docx" in records(w.paths), "the next file to be indexed")
    assert records(w.paths)["hong.pdf"].status is FileStatus.UNREADABLE


@slow
def test_a_locked_file_is_tried_again_until_it_reads(root, staged, start_watcher, monkeypatch, locked):
    """Unlocked, a file keeps its size and time, so no event comes: the watcher retries it."""
    import indexer.watch as watch_module

    monkeypatch.setattr(watch_module, "RETRY_UNREADABLE_S", 0.3)
    w = start_watcher(root)
    shutil.copy(staged / "tiep dan.docx", root / "tiep dan.docx")
    locked.add(str(root / "tiep dan.docx"))  # before the file has stood still (settle)
    wait_until(lambda: w.said("lỗi", "tiep dan.docx"), "a log line about the locked file")
    time.sleep(1.0)  # a few retries, each failing the same way
    assert len(w.said("lỗi", "tiep dan.docx")) == 1  # said once, not at every retry
    locked.clear()
    wait_until(lambda: w.said("cập nhật", "tiep dan.docx"), "the file to be read once unlocked")
    assert records(w.paths)["tiep dan.docx"].status is FileStatus.OK
    assert [hit.path for hit in search(w.paths, "zebraword").hits] == ["tiep dan.docx"]


@slow
def test_a_damaged_tags_file_is_a_log_line_and_the_change_waits_for_the_fix(root, staged, start_watcher):
    w = start_watcher(root)
    tags = tags_path(root)
    tags.write_text("this is not a tags line\n", encoding="utf-8")
    shutil.copy(staged / "tiep dan.docx", root / "tiep dan.docx")
    wait_until(lambda: w.said("lỗi", "line 1"), "the watcher to name the damaged line")
    tags.unlink()
    wait_until(lambda: "tiep dan.docx" in records(w.paths), "the file to be indexed once the tags file is fixed")
    assert w.error is None and w.thread.is_alive()


@slow
def test_a_busy_index_is_waited_for(root, staged, start_watcher):
    w = start_watcher(root)
    with build_lock(w.paths.index_dir, wait=5):  # a concurrent `minhchung index`
        shutil.copy(staged / "tiep dan.docx", root / "tiep dan.docx")
        wait_until(lambda: w.said("chờ"), "the watcher to say it is waiting")
        assert "tiep dan.docx" not in records(w.paths)
    wait_until(lambda: "tiep dan.docx" in records(w.paths), "the file to be indexed once the lock is free")
    assert w.error is None and w.thread.is_alive()


@slow
def test_events_lost_to_an_inotify_overflow_are_made_up(root, staged, rubric, monkeypatch):
    import logging

    w = Running(root, rubric, poll=False, settle=0.3).start()
    try:
        monkeypatch.setattr(ChangeCollector, "on_any_event", lambda self, event: None)  # the kernel dropped them
        shutil.copy(staged / "tiep dan.docx", root / "tiep dan.docx")
        logging.getLogger("watchdog.observers.inotify_c").warning("Inotify queue overflowed; filesystem events were lost")
        wait_until(lambda: "tiep dan.docx" in records(w.paths), "the catch-up pass after the overflow")
        wait_until(lambda: w.said("cập nhật bù", "tràn"), "the log line of the catch-up pass")
    finally:
        w.close()
        close_all()


# --- readers never wait --------------------------------------------------------------------------


def test_search_and_files_work_while_a_writer_is_mid_batch(root, staged, index_root):
    shutil.copy(staged / "tiep dan.docx", root / "tiep dan.docx")
    paths, _ = index_root(root)
    catalog = open_catalog(paths.index_dir)
    text = open_text_index(paths.text_dir)
    results: dict[str, object] = {}
    with build_lock(paths.index_dir, wait=5):
        writer = text.writer()
        catalog.db.execute("DELETE FROM files")  # an uncommitted write: SQLite holds its write lock
        try:

            def read():
                results["search"] = [h.path for h in search(paths, "zebraword").hits]
                results["files"] = [ev.path for ev in list_files(paths)]

            reader = threading.Thread(target=read, daemon=True)
            reader.start()
            reader.join(timeout=DEADLINE_S)
            assert not reader.is_alive(), "a reader waited for the writer"
        finally:
            writer.cancel()
            catalog.db.rollback()
            catalog.close()
            text.close()
            close_all()
    assert results == {"search": ["tiep dan.docx"], "files": ["tiep dan.docx"]}


# --- the command --------------------------------------------------------------------------------


@slow
def test_watch_command_stops_cleanly_on_sigterm(root, staged):
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-c", "import cli; cli.main()", "watch", "--root", str(root), "--settle", "0.3", "--no-poll"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )  # fmt: skip
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
    reader.start()
    try:
        wait_until(lambda: any("sẵn sàng" in line for line in lines) or proc.poll() is not None, "the command to start")
        assert any("sự kiện hệ thống" in line for line in lines), lines
        shutil.copy(staged / "tiep dan.docx", root / "tiep dan.docx")
        wait_until(lambda: any("thêm  tiep dan.docx" in line for line in lines), "the new file in the log")
        proc.terminate()
        assert proc.wait(timeout=DEADLINE_S) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    reader.join(timeout=5)
    assert any("dừng" in line for line in lines), lines


@slow
def test_a_share_gone_from_under_its_mount_point_keeps_the_index(root, staged, start_watcher, tmp_path):
    # A polled share unmounted left its mount point empty: within seconds the watcher deleted
    # every file from the index (score 40 -> 0) and read them all again once it came back.
    (root / "TC1.3 Duong day nong").mkdir()
    shutil.copy(staged / "dien thoai.pdf", root / "TC1.3 Duong day nong" / "dien thoai.pdf")
    shutil.copy(staged / "tiep dan.docx", root / "tiep dan.docx")
    w = start_watcher(root)
    assert len(records(w.paths)) == 2
    away = tmp_path / "away"
    away.mkdir()
    for entry in list(root.iterdir()):
        if not entry.name.startswith("."):  # the index lives in the root's .minhchung
            shutil.move(str(entry), str(away / entry.name))
    wait_until(lambda: w.said("thư mục trống"), "the watcher to say the folder is empty")
    time.sleep(1.5)  # a few polls and ticks: nothing may be deleted meanwhile
    assert len(records(w.paths)) == 2
    (away / "tiep dan.docx").unlink()  # deleted on the server while the share was away
    for entry in list(away.iterdir()):
        shutil.move(str(entry), str(root / entry.name))
    wait_until(lambda: set(records(w.paths)) == {"TC1.3 Duong day nong/dien thoai.pdf"}, "the catch-up after the share came back")
    assert not w.said("xóa", "dien thoai.pdf")


@slow
def test_a_rewrite_that_keeps_size_and_mtime_reaches_the_index(root, start_watcher):
    # `cp -p` or `touch -r` over a file of the same length: the poller compared size and mtime.
    note = root / "ghi chu.txt"
    note.write_text("Biên bản họp số 1, mã kiểm tra lynxword.", encoding="utf-8")
    (root / "khac.txt").write_text("Giấy mời.", encoding="utf-8")
    w = start_watcher(root)
    before = note.stat()
    time.sleep(0.05)
    note.write_text("Biên bản họp số 7, mã kiểm tra ibexword.", encoding="utf-8")
    os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns))
    wait_until(lambda: [h.path for h in search(w.paths, "ibexword").hits] == ["ghi chu.txt"], "the rewrite to reach the index")


@slow
def test_a_folder_that_could_not_be_listed_is_caught_up_once_it_can(root, staged, start_watcher, monkeypatch):
    import errno

    # A tester closed a folder (chmod 000), added, edited and deleted files in it, then opened it:
    # no event says a folder can be listed again, and none of the changes was ever seen.
    closed: set[str] = set()
    real_scandir = os.scandir

    def guarded(path="."):
        if os.path.abspath(os.fspath(path)) in closed:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    (root / "Dong").mkdir()
    shutil.copy(staged / "tiep dan.docx", root / "Dong" / "tiep dan.docx")
    (root / "khac.txt").write_text("Giấy mời.", encoding="utf-8")
    w = start_watcher(root)
    closed.add(str(root / "Dong"))
    shutil.copy(staged / "dien thoai.pdf", root / "Dong" / "dien thoai.pdf")
    (root / "Dong" / "tiep dan.docx").unlink()
    wait_until(lambda: w.said("lỗi", "Dong: không mở được thư mục"), "the folder to be found closed")
    closed.clear()
    wait_until(lambda: set(records(w.paths)) == {"khac.txt", "Dong/dien thoai.pdf"}, "the catch-up once the folder opens")
    assert w.said("Dong: đọc được trở lại")


@slow
def test_a_disk_mounted_over_the_root_is_watched_from_then_on(root, staged, rubric, tmp_path):
    # A tester's disk unmounted and mounted again under the root while `watch` ran: nothing was
    # logged and files added afterwards were never seen (the system's watch stayed on the old folder).
    shutil.copy(staged / "tiep dan.docx", root / "tiep dan.docx")
    w = Running(root, rubric, poll=False, settle=0.3, index_dir=tmp_path / "chi muc").start()
    try:
        root.rename(tmp_path / "o cu")  # the old disk goes; another folder takes its place
        root.mkdir()
        shutil.copy(staged / "tiep dan.docx", root / "tiep dan.docx")
        shutil.copy(staged / "dien thoai.pdf", root / "TC1.3 dien thoai.pdf")
        wait_until(lambda: set(records(w.paths)) == {"tiep dan.docx", "TC1.3 dien thoai.pdf"}, "the files on the new disk")
        assert w.said("kết nối lại", "thư mục đã đổi")
        (root / "moi.txt").write_text("Biên bản mới, mã kiểm tra wombatword.", encoding="utf-8")
        wait_until(lambda: "moi.txt" in records(w.paths), "a file added afterwards")
    finally:
        w.close()
        close_all()



def test_a_file_copied_in_pieces_with_pauses_waits_longer_each_time():
    disk = FakeDisk()
    t = disk.tracker(settle=1.0)
    reads = 0
    # A network copy: a chunk, then 1.6 s without a byte, eight times.
    for chunk in range(8):
        disk.now = chunk * 1.7
        disk.write("/r/a.docx", 100 * (chunk + 1))
        t.touched("a.docx", "/r/a.docx")
        for tick in range(1, 17):
            disk.now = chunk * 1.7 + tick * 0.1
            reads += t.ready() == {"a.docx"}
    disk.now += 20
    reads += t.ready() == {"a.docx"}
    assert reads <= 3  # was 8: one read per pause, seven of them half-written
    # Written again long after its last read: the usual short wait.
    disk.now += 60
    disk.write("/r/a.docx", 5000)
    t.touched("a.docx", "/r/a.docx")
    disk.now += 1.0
    assert t.ready() == {"a.docx"}


def test_an_empty_root_asks_the_catalog_once_per_outage(root, idle_watcher, index_root, monkeypatch):
    (root / "a.txt").write_text("Giấy mời.", encoding="utf-8")
    index_root(root)
    (root / "a.txt").unlink()
    reads = []
    real = idle_watcher.from_catalog
    monkeypatch.setattr(idle_watcher, "from_catalog", lambda read, empty: reads.append(1) or real(read, empty))
    assert all(idle_watcher.root_emptied() for _ in range(50))  # the poller's deletions wait, each tick
    assert len(reads) == 1


@slow
def test_an_export_bundle_copied_in_is_one_log_line_and_not_read(root, start_watcher, tmp_path):
    """`index` and coverage name a bundle; the watch service's log said nothing of it."""
    bundle = tmp_path / "staged bundle"
    bundle.mkdir()
    (bundle / "manifest.json").write_text('{"rubric_title": "CQTT", "rubric_version": "2026.1", "files": []}', encoding="utf-8")
    (bundle / "manifest.csv").write_text("ma,tep\n", encoding="utf-8")
    (bundle / "index.html").write_text("<html></html>", encoding="utf-8")
    (bundle / "1.1 - Thong bao phi.txt").write_text("Thông báo công khai bảng phí, lệ phí.", encoding="utf-8")
    w = start_watcher(root)
    shutil.copytree(bundle, root / "Goi gui thanh pho")
    wait_until(lambda: w.said("Goi gui thanh pho", "gói minh chứng đã xuất"), "a log line about the bundle")
    (root / "sau.txt").write_text("Văn bản chép vào sau gói.", encoding="utf-8")
    wait_until(lambda: "sau.txt" in records(w.paths), "the next file to be indexed")
    (root / "Goi gui thanh pho" / "1.2 - Bang phi.txt").write_text("Bảng phí.", encoding="utf-8")
    (root / "sau 2.txt").write_text("Văn bản thứ hai.", encoding="utf-8")
    wait_until(lambda: "sau 2.txt" in records(w.paths), "the second file to be indexed")
    assert set(records(w.paths)) == {"sau.txt", "sau 2.txt"}
    assert len(w.said("Goi gui thanh pho")) == 1  # not again for each file copied into it


@slow
def test_a_link_loop_on_the_share_is_said_at_start(root, staged, start_watcher):
    shutil.copy(staged / "tiep dan.docx", root / "tiep dan.docx")
    (root / "Tieu chi 1").mkdir()
    (root / "Tieu chi 1" / "vong").symlink_to(root)
    w = start_watcher(root)
    assert w.said("bỏ qua", "Tieu chi 1/vong: liên kết vòng")


@slow
def test_a_link_made_while_watching_is_said_once(root, staged, start_watcher):
    # A review: inotify said nothing of a link loop or a link outside made while watch ran.
    (root / "a").mkdir()
    w = start_watcher(root)
    (root / "a" / "vong").symlink_to("..")
    (root / "a" / "ngoai").symlink_to("/etc")
    wait_until(lambda: w.said("bỏ qua", "a/vong: liên kết vòng") and w.said("bỏ qua", "a/ngoai: liên kết ra ngoài"), "lines for both links")
    shutil.copy(staged / "tiep dan.docx", root / "a" / "tiep dan.docx")
    wait_until(lambda: "a/tiep dan.docx" in records(w.paths), "the next file")
    assert len(w.said("a/vong")) == 1 and len(w.said("a/ngoai")) == 1
    assert set(records(w.paths)) == {"a/tiep dan.docx"}



@slow
def test_a_link_removed_and_made_again_is_said_again(root, staged, start_watcher):
    (root / "a").mkdir()
    w = start_watcher(root)
    (root / "a" / "ngoai").symlink_to("/etc")
    wait_until(lambda: w.said("bỏ qua", "a/ngoai: liên kết ra ngoài"), "the line for the link")
    (root / "a" / "ngoai").unlink()
    shutil.copy(staged / "tiep dan.docx", root / "a" / "tiep dan.docx")
    wait_until(lambda: "a/tiep dan.docx" in records(w.paths), "a pass after the link went")
    (root / "a" / "ngoai").symlink_to("/etc")
    wait_until(lambda: len(w.said("bỏ qua", "a/ngoai: liên kết ra ngoài")) == 2, "the line again for the link made again")
