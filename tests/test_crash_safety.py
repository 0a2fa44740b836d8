"""kill -9 at any moment loses nothing: the index opens, searches work, and one more run completes it.

Also: the locks a killed process held are gone with it (both ours and whoosh's), its worker
processes do not outlive it, and the manual tags file is never torn or silently replaced.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.docgen import write_docx
from bench.hostile import fanout_pdf, text_pdf
from indexer.build import _FORK_AT_MOST, build_lock, resolve_paths
from indexer.catalog import open_catalog
from indexer.errors import IndexBusyError, TagsError
from indexer.manual import ManualTag, ManualTags, load_manual_tags, save_manual_tags
from indexer.store import open_text_index, text_index_exists
from search.query import close_all, list_files, search
from helpers import break_a_row_page, wait_for

REPO = Path(__file__).resolve().parent.parent
# Commit every 20 files instead of 500, so a kill lands between, inside and after many commits.
CLI = "import indexer.build as b; b.COMMIT_EVERY_FILES = 20; import cli; cli.main()"


def _start(*args: str | Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CLI, *map(str, args)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its workers are cleaned up with its group if a test fails
    )


def _run(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CLI, *map(str, args)], cwd=REPO, capture_output=True, text=True, timeout=timeout)


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class Folder:
    """An evidence folder of small files, each holding one unique word, changed at random."""

    def __init__(self, root: Path, rng: random.Random):
        self.root = root
        self.rng = rng
        self.words: dict[str, str] = {}  # relative path -> its unique word
        self.serial = 0

    def add(self) -> None:
        self.serial += 1
        word = f"tuduynhat{self.serial:05d}"
        kind = self.rng.choice(["txt"] * 8 + ["pdf", "docx"])
        rel = f"TC{self.serial % 4 + 1}/tep {self.serial:05d}.{kind}"
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "pdf":
            path.write_bytes(text_pdf(f"van ban so {word}"))
        elif kind == "docx":
            write_docx(path, [f"Văn bản số {word}"])
        else:
            path.write_text(f"Văn bản {word} của phường", encoding="utf-8")
        self.words[rel] = word

    def change(self) -> None:
        rel = self.rng.choice(sorted(p for p in self.words if p.endswith(".txt")))
        self.serial += 1
        word = f"tuduynhat{self.serial:05d}"
        (self.root / rel).write_text(f"Bản sửa {word}, dài hơn bản trước", encoding="utf-8")
        self.words[rel] = word

    def delete(self) -> None:
        rel = self.rng.choice(sorted(self.words))
        (self.root / rel).unlink()
        del self.words[rel]

    def rename(self) -> None:
        rel = self.rng.choice(sorted(self.words))
        self.serial += 1
        new = f"TC{self.rng.randint(1, 4)}/doi ten {self.serial:05d}{Path(rel).suffix}"
        (self.root / new).parent.mkdir(parents=True, exist_ok=True)
        os.rename(self.root / rel, self.root / new)
        self.words[new] = self.words.pop(rel)

    def mutate(self) -> None:
        # Enough changes for a run to write for a while (several commits), so kills land inside.
        for action in [self.add] * 5 + [self.change] * 30 + [self.delete] * 3 + [self.rename] * 3:
            action()


def _usable(paths, folder: Folder) -> None:
    """The index opens; search and files work and list each file at most once."""
    close_all()
    listed = [ev.path for ev in list_files(paths)]
    assert len(listed) == len(set(listed))
    word = folder.words[sorted(folder.words)[0]]
    hits = [h.path for h in search(paths, word).hits]
    assert len(hits) == len(set(hits)) and set(hits) <= set(listed)
    close_all()


def _complete(paths, folder: Folder) -> None:
    """Every file exactly once in the catalog, in the text index and in search; nothing else."""
    close_all()
    listed = [ev.path for ev in list_files(paths)]
    assert sorted(listed) == sorted(folder.words)
    text = open_text_index(paths.text_dir)
    try:
        assert text.doc_count() == len(folder.words) == len(text.paths())
    finally:
        text.close()
    for rel, word in folder.words.items():
        assert [h.path for h in search(paths, word, limit=5).hits] == [rel]
    close_all()


@pytest.mark.slow
def test_kill_9_of_index_at_random_moments_loses_nothing(tmp_path):
    rng = random.Random(20260808)
    root, index_dir = tmp_path / "evidence", tmp_path / "index"
    root.mkdir()
    folder = Folder(root, rng)
    for _ in range(200):
        folder.add()
    first = _run("index", "--root", root, "--index", index_dir, "--no-ocr", "--workers", "2", "--json")
    assert first.returncode == 0, first.stderr
    paths = resolve_paths(root, index_dir)
    # How long one run over a round of changes takes on this machine: kills are spread over it.
    folder.mutate()
    started = time.monotonic()
    assert _run("index", "--root", root, "--index", index_dir, "--no-ocr", "--workers", "2").returncode == 0
    one_run = time.monotonic() - started
    kills = 0
    for _ in range(20):
        folder.mutate()
        proc = _start("index", "--root", root, "--index", index_dir, "--no-ocr", "--workers", "2", "--wait", "0", "--json")
        try:
            proc.wait(timeout=rng.uniform(0.1, 1.1) * one_run)  # the moment of the kill, not a wait for an event
        except subprocess.TimeoutExpired:
            proc.kill()  # SIGKILL to the indexer alone: its workers must notice by themselves
            kills += 1
        proc.wait()
        try:
            assert proc.returncode in (0, -signal.SIGKILL), proc.stderr.read().decode()
            _usable(paths, folder)
        finally:
            proc.stdout.close()
            proc.stderr.close()
            _kill_group(proc)
    assert kills  # most runs: the kill falls within 10% to 110% of a run's usual length
    last = _run("index", "--root", root, "--index", index_dir, "--no-ocr", "--workers", "2", "--wait", "0", "--json")
    assert last.returncode == 0, last.stderr
    _complete(paths, folder)


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("indexer.watch") is None, reason="the watcher (indexer/watch.py) is not on this branch yet")
def test_kill_9_of_watch_at_random_moments_loses_nothing(tmp_path):
    rng = random.Random(4)
    root, index_dir = tmp_path / "evidence", tmp_path / "index"
    root.mkdir()
    folder = Folder(root, rng)
    for _ in range(60):
        folder.add()
    paths = resolve_paths(root, index_dir)
    for _ in range(8):
        proc = _start("watch", "--root", root, "--index", index_dir, "--settle", "0.2")
        try:
            folder.mutate()
            try:
                proc.wait(timeout=rng.uniform(0.5, 3.0))
            except subprocess.TimeoutExpired:
                proc.kill()
            proc.wait()
            if (index_dir / "catalog.sqlite3").exists() and text_index_exists(paths.text_dir):
                _usable(paths, folder)
        finally:
            proc.stdout.close()
            proc.stderr.close()
            _kill_group(proc)
    last = _run("index", "--root", root, "--index", index_dir, "--no-ocr", "--workers", "2", "--wait", "0", "--json")
    assert last.returncode == 0, last.stderr
    _complete(paths, folder)


# --- locks and workers die with their owner -----------------------------------------------------

HOLD_LOCKS = """
import sys
from pathlib import Path
from indexer.build import build_lock
from indexer.store import open_text_index, text_index_exists
index_dir = Path(sys.argv[1])
with build_lock(index_dir, 0):
    writer = open_text_index(index_dir / "text").writer(wait=0)
    print("locked", flush=True)
    sys.stdin.read()
"""


def test_locks_of_a_killed_process_are_free_at_once(tmp_path, index_root, root):
    (root / "a.txt").write_text("một tệp", encoding="utf-8")
    paths, _ = index_root(root)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCKS, str(paths.index_dir)], cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        # While the owner lives, both locks hold, and the message says who has the index.
        with pytest.raises(IndexBusyError, match=f"pid {holder.pid}"):
            with build_lock(paths.index_dir, 0):
                pass
        with pytest.raises(IndexBusyError):
            open_text_index(paths.text_dir).writer(wait=0)
        holder.kill()
        holder.wait()
        # The lock files are still there, but the kernel released the locks with the process.
        assert (paths.index_dir / "build.lock").exists()
        with build_lock(paths.index_dir, 0):
            text = open_text_index(paths.text_dir)
            text.writer(wait=0).cancel()
            text.close()
    finally:
        holder.kill()
        holder.wait()
        holder.stdin.close()
        holder.stdout.close()


@pytest.mark.parametrize("others", [0, _FORK_AT_MOST], ids=["forked-child", "pool-worker"])
def test_workers_do_not_outlive_a_killed_indexer(root, others):
    (root / "fanout.pdf").write_bytes(fanout_pdf())  # keeps a worker busy for ever
    for i in range(others):  # with these the run has more files than it forks children for
        (root / f"tot-{i}.txt").write_text(f"tệp {i}", encoding="utf-8")
    target = str(root / "fanout.pdf")
    proc = _start("index", "--root", root, "--no-ocr", "--workers", "1", "--timeout", "600")
    try:
        worker = wait_for(lambda: _process_reading(target, other_than={proc.pid}), "a worker to open the stuck file")
        proc.kill()
        proc.wait()
        wait_for(lambda: not _alive(worker), f"worker {worker} to exit after its indexer was killed")
    finally:
        proc.stdout.close()
        proc.stderr.close()
        _kill_group(proc)




def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except FileNotFoundError:
        return False


def _process_reading(target: str, other_than: set[int]) -> int | None:
    for pid in filter(str.isdigit, os.listdir("/proc")):
        if int(pid) in other_than or int(pid) == os.getpid():
            continue
        try:
            links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
        except OSError:
            continue
        if target in links:
            return int(pid)
    return None


# --- manual tags --------------------------------------------------------------------------------

SHA = "3f2a" + "0" * 60


def test_a_damaged_tags_file_is_reported_with_file_and_line(tmp_path):
    path = tmp_path / ".minhchung-tags.txt"
    path.write_text(f"# header\n+\t1.2\t{SHA}\tTC1/a.pdf\n+ 1.3 oops\n", encoding="utf-8")
    with pytest.raises(TagsError, match=r"\.minhchung-tags\.txt, line 3"):
        load_manual_tags(path)
    path.write_bytes(b"+\t1.2\t" + SHA.encode() + b"\tTC1/\xff.pdf\n")
    with pytest.raises(TagsError, match="not UTF-8"):
        load_manual_tags(path)


def test_index_refuses_a_damaged_tags_file_and_leaves_it_as_it_was(root, cli):
    (root / "a.txt").write_text("một tệp", encoding="utf-8")
    damaged = f"+\t1.2\t{SHA}\ta.txt\nthis line was typed by hand\n".encode()
    (root / ".minhchung-tags.txt").write_bytes(damaged)
    result = cli("index", "--root", root, "--no-ocr", "--workers", "0")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert ".minhchung-tags.txt, line 2" in result.stderr
    assert (root / ".minhchung-tags.txt").read_bytes() == damaged


def test_tag_refuses_to_overwrite_a_damaged_tags_file(root, cli):
    import cli as cli_module

    if "tag" not in cli_module.main.commands:
        pytest.skip("the `tag` command is not on this branch yet")
    (root / "a.txt").write_text("một tệp văn bản", encoding="utf-8")
    assert cli("index", "--root", root, "--no-ocr", "--workers", "0").exit_code == 0
    damaged = b"+\t1.2\tnot-a-hash\ta.txt\n"
    (root / ".minhchung-tags.txt").write_bytes(damaged)
    result = cli("tag", "--root", root, "a.txt", "1.1")
    assert result.exit_code == 2
    assert ".minhchung-tags.txt, line 1" in result.stderr
    assert (root / ".minhchung-tags.txt").read_bytes() == damaged


def test_a_failed_save_leaves_the_old_tags_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / ".minhchung-tags.txt"
    before = ManualTags((ManualTag("+", "1.2", SHA, "TC1/a.pdf"),))
    save_manual_tags(path, before)
    old = path.read_bytes()

    def crash(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save_manual_tags(path, before.changed("+", "1.3", SHA, "TC1/a.pdf"))
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == [".minhchung-tags.txt"]


SAVE_FOREVER = """
import sys
from pathlib import Path
from indexer.manual import ManualTag, ManualTags, save_manual_tags
path, n = Path(sys.argv[1]), 0
print("saving", flush=True)
while True:
    n += 1
    save_manual_tags(path, ManualTags(tuple(ManualTag("+", f"1.{i % 9 + 1}", "-", f"tep {i}.pdf") for i in range(n % 300 + 1))))
"""


@pytest.mark.slow
def test_kill_9_while_saving_tags_never_leaves_a_torn_file(tmp_path):
    rng = random.Random(3)
    path = tmp_path / ".minhchung-tags.txt"
    for _ in range(10):
        proc = subprocess.Popen([sys.executable, "-c", SAVE_FOREVER, str(path)], cwd=REPO, stdout=subprocess.PIPE, text=True)
        try:
            assert proc.stdout.readline().strip() == "saving"
            try:
                proc.wait(timeout=rng.uniform(0.05, 0.5))  # the moment of the kill
            except subprocess.TimeoutExpired:
                proc.kill()
            proc.wait()
        finally:
            proc.kill()
            proc.stdout.close()
        if path.exists():
            tags = load_manual_tags(path)  # whole: the old file or the new one, never half of one
            assert tags.entries and tags.entries[0].path == "tep 0.pdf"
    # A kill between creating the temp file and renaming it leaves the temp file; a later save
    # removes it once it is a minute old and its writer is gone (a live writer's is kept).
    live = tmp_path / f".minhchung-tags.{os.getpid()}.x.tmp"
    live.write_text("a save in progress")
    for leftover in tmp_path.glob(".minhchung-tags.*.tmp"):
        os.utime(leftover, (time.time() - 120, time.time() - 120))
    save_manual_tags(path, ManualTags())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".minhchung-tags.txt", live.name])


def test_catalog_and_text_index_agree_after_a_kill_between_their_commits(root, index_root, monkeypatch):
    """The text index commits first; a run killed before the catalog commit is mended by the next."""
    import indexer.build as build

    for name in ("giu.txt", "xoa.txt"):
        (root / name).write_text(f"tệp {name}", encoding="utf-8")
    paths, _ = index_root(root)
    (root / "moi.txt").write_text("tệp mới tuduymoi", encoding="utf-8")

    class Killed(BaseException):
        pass

    def die(self):
        raise Killed()  # as SIGKILL would, right after the text index committed

    monkeypatch.setattr(build.Catalog, "commit", die)
    with pytest.raises(Killed):
        index_root(root)
    monkeypatch.undo()
    (root / "moi.txt").unlink()  # deleted before the next run: only the text index knows it
    (root / "xoa.txt").unlink()
    text = open_text_index(paths.text_dir)
    assert "moi.txt" in text.paths()
    text.close()
    paths, report = index_root(root)
    catalog = open_catalog(paths.index_dir)
    try:
        assert sorted(catalog.stats()) == ["giu.txt"]
    finally:
        catalog.close()
    text = open_text_index(paths.text_dir)
    try:
        assert text.paths() == {"giu.txt"} and text.doc_count() == 1
    finally:
        text.close()
    assert search(paths, "tuduymoi").hits == ()
    close_all()


def test_files_a_killed_writer_left_in_the_text_index_are_swept(root, index_root):
    """Whoosh's files only: SQLite rolls a killed transaction back by itself."""
    (root / "a.txt").write_text("một tệp tuduycu", encoding="utf-8")
    paths, _ = index_root(root, engine="whoosh")
    # What a kill mid-commit leaves: a segment no table of contents names, a torn table.
    orphan = paths.text_dir / "MAIN_zzzzzzzzzzzzzzzz.seg"
    torn = paths.text_dir / "_MAIN_99.toc.1767000000.5"
    orphan.write_bytes(b"x" * 1000)
    torn.write_bytes(b"half a table")
    catalog = open_catalog(paths.index_dir)
    catalog.set_meta("writing", "pid 1 since a moment ago")  # the killed run's mark
    catalog.close()
    paths, report = index_root(root)
    assert not orphan.exists() and not torn.exists()
    assert [h.path for h in search(paths, "tuduycu").hits] == ["a.txt"]
    close_all()


# --- a damaged catalog ----------------------------------------------------------------------------


@pytest.mark.parametrize("cut", [5000, 100], ids=["cut-short", "header-only"])
def test_a_damaged_catalog_is_one_line_then_rebuilt_by_index(root, cli, cut):
    from bench.docgen import write_docx

    write_docx(root / "TC1.2 Bang phi.docx", ["BẢNG PHÍ, LỆ PHÍ", "Lệ phí chứng thực 2.000 đồng."])
    write_docx(root / "Thu xin loi.docx", ["THƯ XIN LỖI", "Phường gửi thư xin lỗi ông Tâm."])
    assert cli("index", "--root", root, "--no-ocr", "--workers", "0").exit_code == 0
    assert cli("tag", "--root", root, "Thu xin loi.docx", "2.4").exit_code == 0
    catalog = root / ".minhchung" / "catalog.sqlite3"
    for journal in (root / ".minhchung").glob("catalog.sqlite3-*"):
        journal.unlink()
    catalog.write_bytes(catalog.read_bytes()[:cut])  # a power cut, half a copy
    for command in (["search", "bang phi"], ["files"], ["coverage"], ["tag", "TC1.2 Bang phi.docx", "1.3"]):
        result = cli(*command, "--root", root)
        assert result.exit_code == 2, command
        assert result.stderr.count("\n") == 1 and "index --rebuild" in result.stderr and "damaged" in result.stderr, command
    result = cli("index", "--root", root, "--no-ocr", "--workers", "0")
    assert result.exit_code == 0, result.output
    assert "chỉ mục bị hỏng" in result.output and "thêm mới 2" in result.output
    assert (root / ".minhchung" / "catalog.sqlite3.damaged").exists()
    files = json.loads(cli("files", "--root", root, "--json").stdout)["files"]
    assert {f["path"]: [c["code"] for c in f["codes"]] for f in files} == {"TC1.2 Bang phi.docx": ["1.2"], "Thu xin loi.docx": ["2.4"]}


def test_a_damaged_table_page_is_one_line_and_rebuild_mends_it(root, cli):
    from bench.docgen import write_docx

    for n in range(30):
        write_docx(root / f"Bien ban {n:02d}.docx", [f"Biên bản họp số {n}."])
    assert cli("index", "--root", root, "--no-ocr", "--workers", "0").exit_code == 0
    break_a_row_page(root / ".minhchung" / "catalog.sqlite3")
    for command in (["files"], ["coverage"], ["index", "--no-ocr", "--workers", "0"]):
        result = cli(*command, "--root", root)
        assert result.exit_code == 2, (command, result.output)
        assert result.stderr.count("\n") == 1 and "index --rebuild" in result.stderr, command
    result = cli("index", "--root", root, "--rebuild", "--no-ocr", "--workers", "0")
    assert result.exit_code == 0, result.output
    assert len(json.loads(cli("files", "--root", root, "--json").stdout)["files"]) == 30
