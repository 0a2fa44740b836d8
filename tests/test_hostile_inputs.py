"""Hostile evidence files: each is one problem line (or is read normally) and the run goes on.

One folder holds every hostile file beside good ones and is indexed once through the CLI with the
worker pool, the way staff run it; each case then checks its own line. Cases that need a moment
between scanning and reading (a file deleted or locked mid-run), a tiny time limit or a killed
worker have their own tests below.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import threading
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.docgen import write_docx, write_encrypted_pdf, write_pdf
from bench.hostile import (
    fanout_pdf,
    flate_bomb_pdf,
    garbage_pdf,
    nested_arrays_pdf,
    page_tree_loop_pdf,
    text_pdf,
    truncated,
    write_docx_without,
    write_sparse,
    write_zip_bomb,
)
from indexer import build
from indexer.build import resolve_paths
from indexer.models import FileStatus
from search.query import close_all, list_files, search
from helpers import wait_for

PATH_MAX = os.pathconf("/", "PC_PATH_MAX") if hasattr(os, "pathconf") else 4096
NON_UTF8_NAME = b"Bi\xean b\xe3n h\xf4p t\xf4 d\xe2n ph\xf4.txt"  # cp1258 bytes, as old Windows shares send them
NFD_NAME = unicodedata.normalize("NFD", "Thư mời họp tổ dân phố.txt")


def _deep_dirs(root: Path, total: int, *, via_fds: bool = False) -> Path:
    """Nested folders of 200-character names until the absolute path is about `total` bytes.

    Past PATH_MAX no path reaches the end, so those folders are made relative to directory fds.
    """
    part = "thu-muc-rat-dai-" * 12 + "x" * 8  # 200 bytes
    depth = (total - len(os.fsencode(root))) // (len(part) + 1)
    if not via_fds:
        folder = root.joinpath(*[part] * depth)
        folder.mkdir(parents=True)
        return folder
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(depth):
            os.mkdir(part, dir_fd=fd)
            child = os.open(part, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = child
        file_fd = os.open("tai lieu o qua sau.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(file_fd, b"khong ai doc duoc tep nay")
        os.close(file_fd)
    finally:
        os.close(fd)
    return root / part


def _cached(cache_dir: Path, name: str, make) -> Path:
    """A bomb built once per checkout (its CRC/Adler sums run over gigabytes of zeros)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / name
    if not path.exists():
        partial = cache_dir / (name + ".part")
        make(partial)
        partial.rename(path)
    return path


def _cache_dir(request, tmp_path_factory) -> Path:
    """pytest's cache folder (kept between runs); a temporary one under -p no:cacheprovider."""
    cache = getattr(request.config, "cache", None)
    return cache.mkdir("hostile-files") if cache is not None else tmp_path_factory.getbasetemp() / "hostile-files"


def build_hostile_folder(root: Path, cache_dir: Path) -> None:
    """Every cheap hostile file of the issue, beside good files that must still be indexed."""
    good = write_pdf(root / "tot.pdf", [["Biên bản họp tổ dân phố", "Nội dung cuộc họp: tokengood đã được thông qua. " * 20]])
    write_docx(root / "tot.docx", ["Kế hoạch tuyên truyền tokengoodword năm 2026"])
    (root / "truncated.pdf").write_bytes(truncated(good.read_bytes(), 0.5))  # a download cut off half way
    (root / "garbage.pdf").write_bytes(garbage_pdf())
    write_encrypted_pdf(root / "encrypted.pdf", "Thư mời họp có mật khẩu", user_password="secret")
    write_encrypted_pdf(root / "encrypted-empty-password.pdf", "Thư mời họp tokenemptypassword", user_password="")
    (root / "page-tree-loop.pdf").write_bytes(page_tree_loop_pdf())
    bomb = _cached(cache_dir, "zip-bomb-2048mib.docx", lambda path: write_zip_bomb(path, 2048))
    (root / "zip-bomb.docx").write_bytes(bomb.read_bytes())
    write_docx_without(root / "no-document-part.docx", "word/document.xml")
    write_docx_without(root / "no-content-types.docx", "[Content_Types].xml")
    (root / "pdf-named.docx").write_bytes(text_pdf("a pdf renamed to docx tokenpdfdocx"))
    write_docx(root / "docx-named.pdf", ["Một tệp Word bị đổi đuôi tokendocxpdf"])
    (root / "text-named.docx").write_text("một tệp văn bản bị đổi tên thành docx", encoding="utf-8")
    (root / "empty.pdf").write_bytes(b"")
    write_sparse(root / "huge.pdf", 2 * 1024 * 1024 * 1024)
    with open(os.path.join(os.fsencode(root), NON_UTF8_NAME), "wb") as fh:
        fh.write(b"noi dung tokennonutf8")
    (root / NFD_NAME).write_text("nội dung tokennfd", encoding="utf-8")
    near = _deep_dirs(root / "sau", PATH_MAX - 300)
    (near / "tai lieu sau.txt").write_text("tệp ở rất sâu tokendeep", encoding="utf-8")
    (root / "qua-sau").mkdir()
    _deep_dirs(root / "qua-sau", PATH_MAX + 600, via_fds=True)
    os.symlink("loop.pdf", root / "loop.pdf")  # points at itself
    (root / "thu muc").mkdir()
    os.symlink("..", root / "thu muc" / "len tren")  # a folder link back up
    os.symlink("/etc", root / "ra ngoai")
    os.symlink("/etc/hostname", root / "ra ngoai.txt")


# (relative path, expected problem or None when read normally, words the detail must contain, a search token)
CASES = [
    pytest.param("truncated.pdf", "unreadable", "damaged PDF", None, id="truncated-pdf"),
    pytest.param("garbage.pdf", "unreadable", "damaged PDF", None, id="garbage-pdf"),
    pytest.param("encrypted.pdf", "encrypted", "password", None, id="encrypted-user-password"),
    pytest.param("encrypted-empty-password.pdf", None, "", "tokenemptypassword", id="encrypted-empty-user-password"),
    pytest.param("page-tree-loop.pdf", None, "", "loops", id="pdf-page-tree-loop-billion-count"),
    pytest.param("zip-bomb.docx", "unreadable", "zip bomb", None, id="docx-zip-bomb"),
    pytest.param("no-document-part.docx", "unreadable", "word/document.xml is missing", None, id="docx-without-document-xml"),
    pytest.param("no-content-types.docx", "unreadable", "[Content_Types].xml is missing", None, id="docx-without-content-types"),
    pytest.param("pdf-named.docx", None, "", "tokenpdfdocx", id="pdf-named-docx"),
    pytest.param("docx-named.pdf", None, "", "tokendocxpdf", id="docx-named-pdf"),
    pytest.param("text-named.docx", "unreadable", "not a Word .docx file", None, id="text-named-docx"),
    pytest.param("empty.pdf", "empty", "0 bytes", None, id="zero-bytes"),
    pytest.param("huge.pdf", "too-large", "over the 50 MB limit", None, id="2gb-above-size-limit"),
    pytest.param(unicodedata.normalize("NFC", NON_UTF8_NAME.decode("cp1258")), None, "", "tokennonutf8", id="name-not-utf8"),
    pytest.param(unicodedata.normalize("NFC", NFD_NAME), None, "", "tokennfd", id="name-nfd"),
    pytest.param("loop.pdf", "link-loop", "not followed", None, id="symlink-loop"),
    pytest.param("thu muc/len tren", "link-loop", "not followed", None, id="folder-link-loop"),
    pytest.param("ra ngoai", "outside-root", "not followed", None, id="folder-link-outside-root"),
    pytest.param("ra ngoai.txt", "outside-root", "not followed", None, id="file-link-outside-root"),
]


def index_cli(root: Path) -> dict:
    """`minhchung index --json` with two workers, a 50 MB size limit and a 1 GB memory cap."""
    from click.testing import CliRunner

    import cli

    result = CliRunner().invoke(
        cli.main,
        ["index", "--root", str(root), "--json", "--no-ocr", "--workers", "2", "--timeout", "60", "--max-file-mb", "50", "--memory-mb", "1024"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, request):
    """The hostile folder, indexed once."""
    root = tmp_path_factory.mktemp("hostile") / "evidence"
    root.mkdir()
    build_hostile_folder(root, _cache_dir(request, tmp_path_factory))
    report = index_cli(root)
    yield resolve_paths(root), report
    close_all()


@pytest.fixture(scope="module")
def heavy(tmp_path_factory, request):
    """The two files that make a parser work hardest, with a good file beside them."""
    root = tmp_path_factory.mktemp("heavy") / "evidence"
    root.mkdir()
    (root / "tot.pdf").write_bytes(text_pdf("a good file beside the heavy ones tokenheavy"))
    (root / "nested-arrays.pdf").write_bytes(nested_arrays_pdf(100_000))
    cache = _cache_dir(request, tmp_path_factory)
    (root / "flate-bomb.pdf").write_bytes(_cached(cache, "flate-bomb-2048mib.pdf", lambda p: p.write_bytes(flate_bomb_pdf(2048))).read_bytes())
    report = index_cli(root)
    yield resolve_paths(root), report
    close_all()


def _lines_for(report: dict, path: str) -> list[dict]:
    return [p for p in report["problems"] if p["path"] == path or p["path"].startswith(path + "/")]


@pytest.mark.parametrize("path, problem, detail, token", CASES)
def test_each_hostile_file_is_one_problem_line_or_read(hostile, path, problem, detail, token):
    paths, report = hostile
    lines = _lines_for(report, path)
    if problem is None:
        assert lines == []
        [record] = [ev for ev in list_files(paths) if ev.path == path]
        assert record.status is FileStatus.OK
        assert path in [h.path for h in search(paths, token).hits]
    else:
        assert [line["problem"] for line in lines] == [problem]
        assert detail in lines[0]["detail"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "path, detail",
    [
        # pdfium (the first PDF reader) reads the text before the nested arrays: no problem line;
        # pdfminer.six, the fallback, stops at its recursion limit: "nested too deeply".
        pytest.param("nested-arrays.pdf", "nested too deeply", id="pdf-100k-nested-arrays"),
        # pdfium's worker dies at the memory cap ("ran out of memory"); pdfminer.six raises
        # MemoryError ("memory limit"): either way one line, and the run goes on.
        pytest.param("flate-bomb.pdf", "memory", id="pdf-flate-bomb-2gb-memory-cap"),
    ],
)
def test_parser_traps_are_one_line_within_the_memory_cap(heavy, path, detail):
    paths, report = heavy
    lines = _lines_for(report, path)
    if path == "nested-arrays.pdf" and not lines:
        [record] = [ev for ev in list_files(paths) if ev.path == path]
        assert record.status is FileStatus.OK
    else:
        [line] = lines
        assert line["problem"] == "unreadable" and detail in line["detail"]
    assert [h.path for h in search(paths, "tokenheavy").hits] == ["tot.pdf"]


def test_the_run_goes_on_and_good_files_are_searchable(hostile):
    paths, report = hostile
    for token, path in [("tokengood", "tot.pdf"), ("tokengoodword", "tot.docx")]:
        assert [h.path for h in search(paths, token).hits] == [path]
    listed = {ev.path for ev in list_files(paths)}
    # Every regular file is listed (problem files too, with their status); links that were not
    # followed are not files of the folder.
    assert {"tot.pdf", "huge.pdf", "zip-bomb.docx", "empty.pdf"} <= listed
    assert not {"loop.pdf", "ra ngoai.txt"} & listed
    assert not any(p.startswith("ra ngoai/") for p in listed)


def test_a_path_near_path_max_is_read_and_one_past_it_is_one_line(hostile):
    paths, report = hostile
    deep = [ev for ev in list_files(paths) if ev.path.startswith("sau/")]
    assert len(deep) == 1 and deep[0].status is FileStatus.OK
    assert len(os.fsencode(paths.root / deep[0].path)) > PATH_MAX - 600
    assert deep[0].path in [h.path for h in search(paths, "tokendeep").hits]
    [line] = _lines_for(report, "qua-sau")
    assert line["problem"] == "unreadable" and "longer than the system allows" in line["detail"]


def test_the_index_folder_and_reports_stay_valid_utf8(hostile):
    paths, report = hostile
    json.dumps(report, ensure_ascii=False).encode("utf-8")  # no lone surrogates from odd names
    for ev in list_files(paths):
        ev.path.encode("utf-8")
        assert unicodedata.is_normalized("NFC", ev.path)


# --- cases that need something to happen during the run ------------------------------------------


def test_a_stuck_pdf_is_stopped_by_the_time_limit(root, cli):
    (root / "fanout.pdf").write_bytes(fanout_pdf())  # 10**12 nested drawings: pdfminer never ends
    (root / "tot.pdf").write_bytes(text_pdf("still indexed after the stuck file"))
    result = cli("index", "--root", root, "--json", "--no-ocr", "--workers", "1", "--timeout", "1")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["problems"] == [
        {"path": "fanout.pdf", "problem": "unreadable", "detail": "reading took longer than 1 s: stopped"}
    ]
    assert {ev.path: ev.status for ev in list_files(resolve_paths(root))}["tot.pdf"] is FileStatus.OK
    close_all()


def test_a_worker_killed_by_the_os_is_one_line_and_the_pool_goes_on(root, index_root):
    """The OOM killer ends a worker: the file is `unreadable`, the next file still gets a worker."""
    (root / "a-fanout.pdf").write_bytes(fanout_pdf())
    (root / "b-tot.pdf").write_bytes(text_pdf("read by a fresh worker after the kill"))
    target = str(root / "a-fanout.pdf")
    outcome: dict = {}

    def run() -> None:
        outcome["report"] = index_root(root, workers=1, timeout=120)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    worker = wait_for(lambda: _process_reading(target), "a worker reading the stuck file")
    os.kill(worker, signal.SIGKILL)
    thread.join(timeout=120)
    assert not thread.is_alive()
    paths, report = outcome["report"]
    assert [(p.path, p.problem) for p in report.problems] == [("a-fanout.pdf", "unreadable")]
    assert "crashed or ran out of memory" in report.problems[0].detail
    assert {ev.path: ev.status for ev in list_files(paths)}["b-tot.pdf"] is FileStatus.OK
    close_all()




def _process_reading(target: str) -> int | None:
    """A process other than this one that has `target` open (the worker parsing it)."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        if int(pid) == os.getpid():
            continue
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == target:
                    return int(pid)
            except OSError:
                continue
    return None


def test_a_file_deleted_between_scan_and_read_is_one_disappeared_line(root, index_root, monkeypatch):
    (root / "tot.txt").write_text("tệp vẫn còn", encoding="utf-8")
    (root / "bien mat.txt").write_text("bản đầu", encoding="utf-8")
    paths, _ = index_root(root)
    (root / "bien mat.txt").write_text("bản sửa, dài hơn bản đầu", encoding="utf-8")
    scan = build.scanning.scan

    def scan_then_delete(*args, **kwargs):
        found = scan(*args, **kwargs)
        (root / "bien mat.txt").unlink()  # a colleague deletes it while the run reads other files
        return found

    monkeypatch.setattr(build.scanning, "scan", scan_then_delete)
    paths, report = index_root(root)
    assert [(p.path, p.problem) for p in report.problems] == [("bien mat.txt", "disappeared")]
    assert [ev.path for ev in list_files(paths)] == ["tot.txt"]  # not kept as a stale record
    close_all()


def test_a_file_that_cannot_be_opened_is_one_unreadable_line(root, index_root, locked):
    """Permission denied (EACCES)."""
    (root / "tot.txt").write_text("tệp đọc được", encoding="utf-8")
    (root / "khoa.pdf").write_bytes(text_pdf("locked"))
    locked.add(str(root / "khoa.pdf"))
    paths, report = index_root(root)
    locked.clear()
    assert [(p.path, p.problem, p.detail) for p in report.problems] == [("khoa.pdf", "unreadable", "permission denied")]
    assert {ev.path: ev.status for ev in list_files(paths)}["tot.txt"] is FileStatus.OK
    close_all()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode; the simulated EACCES test covers it")
def test_chmod_000_file_and_folder_are_one_line_each(root, index_root):
    (root / "tot.txt").write_text("tệp đọc được", encoding="utf-8")
    (root / "khoa.pdf").write_bytes(text_pdf("locked"))
    (root / "kin").mkdir()
    (root / "kin" / "a.txt").write_text("x", encoding="utf-8")
    os.chmod(root / "khoa.pdf", 0)
    os.chmod(root / "kin", 0)
    try:
        paths, report = index_root(root)
    finally:
        os.chmod(root / "khoa.pdf", 0o644)
        os.chmod(root / "kin", 0o755)
    assert {(p.path, p.problem) for p in report.problems} == {("khoa.pdf", "unreadable"), ("kin", "unreadable")}
    close_all()


def test_an_unreadable_folder_is_one_line(root, index_root, monkeypatch):
    (root / "tot.txt").write_text("tệp đọc được", encoding="utf-8")
    (root / "kin").mkdir()
    (root / "kin" / "a.txt").write_text("x", encoding="utf-8")
    real_scandir = os.scandir
    locked = str(root / "kin")

    def guarded_scandir(path="."):
        if os.fspath(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(build.scanning.os, "scandir", guarded_scandir)
    paths, report = index_root(root)
    monkeypatch.undo()
    assert [(p.path, p.problem, p.detail) for p in report.problems] == [("kin", "unreadable", "Permission denied")]
    close_all()


# --- names: any bytes a share can send --------------------------------------------------------


@given(st.lists(st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\0" not in b), min_size=1, max_size=4))
@settings(max_examples=300, deadline=None)
def test_any_bytes_name_becomes_storable_nfc_text_and_tags_safely(rubric, parts):
    from indexer.scan import display_name
    from indexer.tagging import tag_by_name

    names = [display_name(os.fsdecode(part)) for part in parts]
    for name in names:
        name.encode("utf-8")  # no lone surrogates reach the catalog or JSON
        assert unicodedata.is_normalized("NFC", name)
    found = tag_by_name("/".join(names), rubric)
    assert all(rubric.subcriterion(tag.code) is not None for tag in found.tags)
    assert all(rubric.subcriterion(code) is None for code in found.unknown)
