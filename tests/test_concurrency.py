"""Two writers never mix, and readers always see a whole index while a writer works.

A second `index` either waits for the first (`--wait SECONDS`) or says in one line that another
run has the index (`--wait 0`, exit 2). `search` and `files` run in a loop while an `index`
subprocess commits every few files: no exception, no duplicate, every hit a cataloged file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.hostile import fanout_pdf
from indexer.build import build_lock, resolve_paths
from indexer.catalog import open_catalog
from indexer.errors import IndexBusyError
from search.query import close_all, list_files, search
from helpers import wait_for

REPO = Path(__file__).resolve().parent.parent
CLI = "import cli; cli.main()"
# Commit every 10 files so a reader meets many commits, and merges, during one run.
CLI_SMALL_BATCHES = "import indexer.build as b; b.COMMIT_EVERY_FILES = 10; import cli; cli.main()"


def _start(code: str, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _run(*args, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CLI, *map(str, args)], cwd=REPO, capture_output=True, text=True, timeout=timeout)




def _small_files(root: Path, n: int, start: int = 0) -> list[str]:
    names = []
    for i in range(start, start + n):
        rel = f"TC{i % 3 + 1}/bien ban {i:04d}.txt"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"Biên bản họp chung tudong{i:04d} của phường", encoding="utf-8")
        names.append(rel)
    return names


def test_a_second_index_says_in_one_line_that_another_is_running(root, cli):
    (root / "a.txt").write_text("một tệp", encoding="utf-8")
    paths = resolve_paths(root)
    paths.index_dir.mkdir(parents=True)
    with build_lock(paths.index_dir, 0):
        result = cli("index", "--root", root, "--no-ocr", "--workers", "0", "--wait", "0")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert "another minhchung is updating this index" in line and "try again" in line


@pytest.mark.slow
def test_two_index_runs_at_once_the_second_waits_or_says_so(root):
    (root / "cham.pdf").write_bytes(fanout_pdf())  # holds the first run for its 3 s time limit
    _small_files(root, 20)
    first = _start(CLI, "index", "--root", root, "--no-ocr", "--workers", "1", "--timeout", "3", "--json")
    lock = resolve_paths(root).index_dir / "build.lock"
    wait_for(lambda: lock.exists() and f"pid {first.pid}" in lock.read_text(), "the first run to take the index")

    refused = _run("index", "--root", root, "--no-ocr", "--workers", "0", "--wait", "0")
    assert refused.returncode == 2
    [line] = refused.stderr.strip().splitlines()
    assert f"pid {first.pid}" in line

    waiting = _start(CLI, "index", "--root", root, "--no-ocr", "--workers", "0", "--wait", "120", "--json")
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert json.loads(out)["added"] == 21
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    # It waited for the first run and found its work done, not half done.
    assert json.loads(out)["unchanged"] == 21


@pytest.mark.slow
def test_search_and_files_see_a_whole_index_while_index_writes(root):
    names = _small_files(root, 400)
    paths = resolve_paths(root)
    assert _run("index", "--root", root, "--no-ocr", "--workers", "0").returncode == 0  # an index to read from the start
    names += _small_files(root, 400, start=400)
    writer = _start(CLI_SMALL_BATCHES, "index", "--root", root, "--no-ocr", "--workers", "2", "--json")
    rounds, seen = 0, 0
    try:
        while writer.poll() is None or rounds == 0:
            rounds += 1
            if rounds % 2:
                close_all()  # a fresh process's view, as each `minhchung search` has
            result = search(paths, "biên bản họp", limit=1000)
            hits = [h.path for h in result.hits]
            listed = [ev.path for ev in list_files(paths)]
            assert len(hits) == len(set(hits)) and len(listed) == len(set(listed))
            # Files are only added in this run, so a later catalog read holds every earlier hit.
            assert set(hits) <= set(listed) <= set(names)
            assert len(listed) >= seen  # never goes back
            seen = len(listed)
    finally:
        out, err = writer.communicate(timeout=180)
        close_all()
    assert writer.returncode == 0, err
    assert rounds > 1
    # Readers in other processes, through the CLI, while nothing writes: the complete answer.
    found = _run("search", "biên bản họp", "--root", root, "--json", "--limit", "1000")
    assert found.returncode == 0, found.stderr
    assert sorted(h["path"] for h in json.loads(found.stdout)["hits"]) == sorted(names)


@pytest.mark.slow
def test_cli_readers_in_other_processes_never_fail_during_a_run(root):
    """`search`, `files` and `coverage` as separate processes while index edits, deletes and adds."""
    names = _small_files(root, 300)
    assert _run("index", "--root", root, "--no-ocr", "--workers", "0").returncode == 0
    _small_files(root, 300, start=300)
    for rel in names[:100]:  # edits and deletions too, so commits also replace and delete
        (root / rel).write_text("Biên bản họp đã sửa, nội dung mới", encoding="utf-8")
    for rel in names[100:150]:
        (root / rel).unlink()
    writer = _start(CLI_SMALL_BATCHES, "index", "--root", root, "--no-ocr", "--workers", "2")
    calls = 0
    try:
        while writer.poll() is None or calls == 0:
            calls += 1
            for args in (("search", "biên bản", "--json", "--limit", "1000"), ("files", "--json"), ("coverage", "--json")):
                result = _run(*args, "--root", root)
                assert result.returncode == 0, result.stderr
                data = json.loads(result.stdout)
                if "criteria" in data:  # coverage: each file at most once under a sub-criterion
                    groups = [[e["path"] for e in sub["evidence"]] for c in data["criteria"] for sub in c["subcriteria"]]
                else:
                    groups = [[item["path"] for item in data["hits" if "hits" in data else "files"]]]
                assert all(len(group) == len(set(group)) for group in groups)
    finally:
        writer.communicate(timeout=180)
    assert writer.returncode == 0


def test_a_reader_opened_before_a_rebuild_keeps_working(root, index_root):
    """`index --rebuild` swaps in a new text index; a long-lived reader (the web page) carries on."""
    _small_files(root, 30)
    paths, _ = index_root(root)
    before = search(paths, "tudong0001").hits
    assert [h.path for h in before] == ["TC2/bien ban 0001.txt"]
    (root / "TC2/bien ban 0001.txt").write_text("Biên bản đã sửa tudongmoi", encoding="utf-8")
    index_root(root, rebuild=True)  # the new index has as many commits as the old one had
    # The cached reader notices the index was replaced (not only that it moved on), no error.
    assert [h.path for h in search(paths, "tudongmoi").hits] == ["TC2/bien ban 0001.txt"]
    assert search(paths, "tudong0001").hits == ()
    close_all()


def test_the_catalog_is_never_ahead_of_the_text_index(root, index_root, monkeypatch):
    """What `files` lists, search can find: every batch commits the text index, then the catalog."""
    import indexer.build as build
    from indexer import store_tantivy as store

    index_root(root)  # the index exists; the run below only adds
    _small_files(root, 25)
    order: list[str] = []
    real_text_commit, real_catalog_commit = store.TantivyTextWriter.commit, build.Catalog.commit

    def text_commit(self):
        order.append("text")
        real_text_commit(self)

    def catalog_commit(self):
        order.append("catalog")
        real_catalog_commit(self)

    monkeypatch.setattr(store.TantivyTextWriter, "commit", text_commit)
    monkeypatch.setattr(build.Catalog, "commit", catalog_commit)
    monkeypatch.setattr(build, "COMMIT_EVERY_FILES", 10)
    index_root(root)
    monkeypatch.undo()
    assert order[:6] == ["text", "catalog"] * 3  # at 10, at 20, and the last 5
    assert order[6:] == ["text"]  # then a first index compacts the text index (nothing new in it)
    close_all()


def test_a_text_index_held_by_another_writer_is_one_clear_error(root, index_root, monkeypatch):
    """A whoosh writer held outside our build lock ends the run with IndexBusyError, nothing half-written."""
    from indexer import store_tantivy as store

    _small_files(root, 3)
    paths, _ = index_root(root)
    _small_files(root, 3, start=3)
    held = store.TantivyTextIndex(paths.text_dir).writer(wait=0)
    original = store.TantivyTextIndex.writer
    monkeypatch.setattr(store.TantivyTextIndex, "writer", lambda self, wait=60.0: original(self, wait=0))
    try:
        with pytest.raises(IndexBusyError, match="being written by another process"):
            index_root(root)
    finally:
        held.cancel()
    monkeypatch.undo()
    catalog = open_catalog(paths.index_dir)
    try:
        assert len(catalog.stats()) == 3
    finally:
        catalog.close()
    paths, report = index_root(root)  # and the next run completes the work
    assert report.added == 3
    close_all()


def test_a_long_lived_reader_sees_each_file_once_after_commits(root, index_root):
    """A reader kept open (the web page, the query cache) across commits that replace and delete."""
    names = _small_files(root, 12)
    paths, _ = index_root(root)
    assert len(search(paths, "biên bản họp", limit=100).hits) == 12  # opens and caches the reader
    for rel in names[:4]:
        (root / rel).write_text("Biên bản họp, bản sửa lần hai", encoding="utf-8")
    for rel in names[4:6]:
        (root / rel).unlink()
    index_root(root)
    # The four rewritten files have the same bytes now: one hit names the other three as copies.
    hits = [p for h in search(paths, "biên bản họp", limit=100).hits for p in (h.path, *h.copies)]
    assert sorted(hits) == sorted(names[:4] + names[6:])
    close_all()
