"""A full disk while the index is written: one clear error, and the previous index still works.

The real case runs on a 2 MB tmpfs (root can mount one); where mounting is not allowed, the same
failure is made by capping the SQLite index's size, by having whoosh's file writes raise ENOSPC,
or SQLite's commit of the catalog fail.
"""

from __future__ import annotations

import errno
import random
import sqlite3
import subprocess
from pathlib import Path

import pytest

from indexer.errors import IndexWriteError
from search.query import close_all, list_files, search


def _words_file(path: Path, n_words: int, seed: int) -> None:
    """Text of `n_words` distinct made-up words: an index segment far bigger than the file."""
    rng = random.Random(seed)
    letters = "abcdeghiklmnopqrstuvxy"
    words = {"".join(rng.choice(letters) for _ in range(9)) for _ in range(n_words)}
    path.write_text(" ".join(sorted(words)), encoding="utf-8")


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MB tmpfs, unmounted afterwards; skipped where this process may not mount."""
    mountpoint = tmp_path / "tiny"
    mountpoint.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mountpoint)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or 'mount failed'}); the simulated cases cover it")
    try:
        yield mountpoint
    finally:
        close_all()
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)


def test_disk_full_on_a_real_tiny_disk(root, tiny_disk, cli):
    for i in range(5):
        (root / f"bien ban {i}.txt").write_text(f"Biên bản họp số {i} tudaycu{i}", encoding="utf-8")
    index_dir = tiny_disk / "index"
    first = cli("index", "--root", root, "--index", index_dir, "--no-ocr", "--workers", "0")
    assert first.exit_code == 0, first.stderr

    _words_file(root / "danh ba rat lon.txt", 150_000, seed=1)  # 1.5 MB of words: a segment past 2 MB
    full = cli("index", "--root", root, "--index", index_dir, "--no-ocr", "--workers", "0")
    assert full.exit_code == 2
    [line] = full.stderr.strip().splitlines()
    assert "No space left on device" in line and "previous index is still usable" in line

    paths = _paths(root, index_dir)
    close_all()
    assert sorted(ev.path for ev in list_files(paths)) == [f"bien ban {i}.txt" for i in range(5)]
    assert [h.path for h in search(paths, "tudaycu3").hits] == ["bien ban 3.txt"]
    close_all()

    # The half-written segment was deleted, so once the big file is gone the disk has room again.
    (root / "danh ba rat lon.txt").unlink()
    (root / "bien ban moi.txt").write_text("Biên bản mới tudaymoi", encoding="utf-8")
    again = cli("index", "--root", root, "--index", index_dir, "--no-ocr", "--workers", "0")
    assert again.exit_code == 0, again.stderr
    assert [h.path for h in search(paths, "tudaymoi").hits] == ["bien ban moi.txt"]
    assert not any(name.endswith(".tmp") for name in (p.name for p in (index_dir / "text").iterdir()))


def _paths(root: Path, index_dir: Path):
    from indexer.build import resolve_paths

    return resolve_paths(root, index_dir)


def _fill_whoosh(monkeypatch) -> None:
    from whoosh.filedb.structfile import StructFile  # the tests may reach into whoosh; the package may not

    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(StructFile, "write", full)


def _fill_sqlite(monkeypatch) -> None:
    """SQLite's own SQLITE_FULL: the database may not grow by a single page."""
    from indexer import store_sqlite

    real_connect = store_sqlite._connect

    def connect(path, timeout):
        db = real_connect(path, timeout)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(store_sqlite, "_connect", connect)


@pytest.mark.parametrize("engine, fill", [("sqlite", _fill_sqlite), ("whoosh", _fill_whoosh)])
def test_disk_full_inside_the_text_index_is_one_error(root, index_root, monkeypatch, cli, engine, fill):
    for i in range(5):
        (root / f"bien ban {i}.txt").write_text(f"Biên bản họp số {i} tudaycu{i}", encoding="utf-8")
    paths, _ = index_root(root, engine=engine)
    (root / "moi.txt").write_text("tệp mới tudaymoi " * 2000, encoding="utf-8")
    fill(monkeypatch)
    result = cli("index", "--root", root, "--no-ocr", "--workers", "0")
    monkeypatch.undo()
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert "No space left on device" in line and "previous index is still usable" in line
    close_all()
    assert [h.path for h in search(paths, "tudaycu2").hits] == ["bien ban 2.txt"]
    assert "moi.txt" not in {ev.path for ev in list_files(paths)}
    close_all()
    # The lock was released with the failed writer: the next run is not blocked.
    assert cli("index", "--root", root, "--no-ocr", "--workers", "0", "--wait", "0").exit_code == 0
    assert [h.path for h in search(paths, "tudaymoi").hits] == ["moi.txt"]
    close_all()


def test_disk_full_between_the_two_commits_is_one_error_and_mended_next_run(root, index_root, monkeypatch):
    """The text index committed, the catalog could not: the catalog stays as it was, then catches up."""
    import indexer.build as build

    for i in range(3):
        (root / f"bien ban {i}.txt").write_text(f"Biên bản họp số {i}", encoding="utf-8")
    paths, _ = index_root(root)
    (root / "moi.txt").write_text("tệp mới tudaymoi", encoding="utf-8")
    (root / "bien ban 0.txt").unlink()

    def full(self):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(build.Catalog, "commit", full)
    with pytest.raises(IndexWriteError, match="disk is full"):
        index_root(root)
    monkeypatch.undo()
    close_all()
    assert sorted(ev.path for ev in list_files(paths)) == ["bien ban 0.txt", "bien ban 1.txt", "bien ban 2.txt"]
    assert search(paths, "tudaymoi").hits == ()  # found in the text index, but not yet a cataloged file
    close_all()
    _, report = index_root(root)
    assert sorted(ev.path for ev in list_files(paths)) == ["bien ban 1.txt", "bien ban 2.txt", "moi.txt"]
    assert [h.path for h in search(paths, "tudaymoi").hits] == ["moi.txt"]
    close_all()
