"""The index pipeline: incremental runs, renames, deletes, problems, and the worker pool."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest

import indexer.build as build
from bench.docgen import write_docx, write_pdf
from indexer.catalog import open_catalog
from indexer.models import FileStatus, TagSource
from indexer.store import open_text_index


def _folder(root):
    write_pdf(root / "1.2_bang phi le phi.pdf", [["Bảng công khai mức thu phí, lệ phí năm 2026."], ["Lệ phí chứng thực bản sao."]])
    (root / "Tieu chi 1" / "1.3 So dien thoai").mkdir(parents=True)
    write_docx(root / "Tieu chi 1" / "1.3 So dien thoai" / "thong bao.docx", ["Công khai số điện thoại đường dây nóng của phường."])
    write_docx(root / "Thu xin loi ong Tam.docx", ["THƯ XIN LỖI", "Ủy ban nhân dân phường gửi thư xin lỗi ông Nguyễn Văn Tâm vì trả kết quả chậm."])
    return root


def _records(paths):
    catalog = open_catalog(paths.index_dir)
    try:
        return {ev.path: ev for ev in catalog.all()}
    finally:
        catalog.close()


def _count_extractions(monkeypatch):
    calls = []
    real = build.extract

    def counting(path, **kw):
        calls.append(path)
        return real(path, **kw)

    monkeypatch.setattr(build, "extract", counting)
    return calls


def test_first_run_indexes_and_tags_everything(root, index_root):
    paths, report = index_root(_folder(root))
    assert (report.added, report.updated, report.removed, report.unchanged) == (3, 0, 0, 0)
    records = _records(paths)
    assert records["1.2_bang phi le phi.pdf"].pages == 2
    assert [(t.code, t.source) for t in records["1.2_bang phi le phi.pdf"].tags] == [("1.2", TagSource.FILENAME)]
    assert [(t.code, t.source) for t in records["Tieu chi 1/1.3 So dien thoai/thong bao.docx"].tags][0] == ("1.3", TagSource.FOLDER)
    assert records["Thu xin loi ong Tam.docx"].tags[0].source is TagSource.KEYWORD
    assert all(len(ev.sha256) == 64 for ev in records.values())


def test_second_run_reextracts_nothing(root, index_root, monkeypatch):
    index_root(_folder(root))
    calls = _count_extractions(monkeypatch)
    _, report = index_root(root)
    assert calls == []
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 3)


def test_touch_without_change_is_not_reextracted(root, index_root, monkeypatch):
    index_root(_folder(root))
    target = root / "Thu xin loi ong Tam.docx"
    os.utime(target, ns=(target.stat().st_mtime_ns + 10**9, target.stat().st_mtime_ns + 10**9))
    calls = _count_extractions(monkeypatch)
    _, report = index_root(root)
    assert calls == [] and report.unchanged == 3


def test_a_rewrite_that_keeps_size_and_mtime_is_read_again(root, index_root, monkeypatch):
    # `cp -p`, a copy tool keeping dates, a template copied over: only the ctime says so.
    paths, _ = index_root(_folder(root))
    note = root / "ghi chu.txt"
    note.write_text("Biên bản họp tổ dân phố số 1.", encoding="utf-8")
    index_root(root)
    before = note.stat()
    note.write_text("Biên bản họp tổ dân phố số 7.", encoding="utf-8")
    os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (note.stat().st_size, note.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    calls = _count_extractions(monkeypatch)
    _, report = index_root(root)
    assert [os.path.basename(c) for c in calls] == ["ghi chu.txt"] and report.updated == 1
    assert "số 7" in _records(paths)["ghi chu.txt"].title or "số 7" in _page_text(paths, "ghi chu.txt")
    # A change of permissions moves the ctime too: hashed, found the same, not read again.
    os.chmod(note, 0o640)
    calls = _count_extractions(monkeypatch)
    _, report = index_root(root)
    assert calls == [] and report.unchanged == 4
    calls = _count_extractions(monkeypatch)
    assert index_root(root)[1].unchanged == 4 and calls == []


def test_a_catalog_without_ctimes_is_not_read_again(root, index_root, monkeypatch):
    paths, _ = index_root(_folder(root))
    catalog = open_catalog(paths.index_dir)
    catalog.db.execute("UPDATE files SET ctime_ns=NULL")  # as a catalog from before the column
    catalog.commit()
    catalog.close()
    calls = _count_extractions(monkeypatch)
    _, report = index_root(root)
    assert calls == [] and report.unchanged == 3
    assert all(ev.ctime_ns for ev in _records(paths).values())  # recorded for the next run


def _page_text(paths, path):
    text = open_text_index(paths.text_dir)
    try:
        return text.pages(path)[0]
    finally:
        text.close()


def test_edit_rename_and_delete_are_reflected(root, index_root, monkeypatch):
    paths, _ = index_root(_folder(root))
    write_docx(root / "Tieu chi 1" / "1.3 So dien thoai" / "thong bao.docx", ["Số điện thoại mới của bộ phận một cửa."])
    (root / "Thu xin loi ong Tam.docx").rename(root / "TC2.4 Thu xin loi.docx")
    (root / "1.2_bang phi le phi.pdf").unlink()
    calls = _count_extractions(monkeypatch)
    _, report = index_root(root)
    assert [os.path.basename(c) for c in calls] == ["thong bao.docx"]  # the rename reused its text
    assert (report.added, report.updated, report.removed, report.renamed) == (0, 1, 1, 1)  # the rename is neither added nor removed
    records = _records(paths)
    assert set(records) == {"Tieu chi 1/1.3 So dien thoai/thong bao.docx", "TC2.4 Thu xin loi.docx"}
    assert ("2.4", TagSource.FILENAME) in [(t.code, t.source) for t in records["TC2.4 Thu xin loi.docx"].tags]
    text = open_text_index(paths.text_dir)
    try:
        assert text.doc_count() == 2
        assert "bộ phận một cửa" in text.pages("Tieu chi 1/1.3 So dien thoai/thong bao.docx")[0]
        assert "thư xin lỗi" in text.pages("TC2.4 Thu xin loi.docx")[0]
    finally:
        text.close()


def test_a_folder_moved_with_two_identical_files_is_two_renames(root, index_root, monkeypatch):
    # A blind tester moved a folder holding a file and its copy: one was renamed, the other
    # deleted and read again as new ("thêm mới ... xóa 1") though nothing was added or deleted.
    (root / "Dot 1").mkdir()
    write_docx(root / "Dot 1" / "Thu cam on.docx", ["THƯ CẢM ƠN", "Cảm ơn Nhân dân tổ dân phố số 7."])
    shutil.copy2(root / "Dot 1" / "Thu cam on.docx", root / "Dot 1" / "Thu cam on - Copy.docx")
    index_root(root)
    (root / "Dot 1").rename(root / "Dot 2")
    calls = _count_extractions(monkeypatch)
    _, report = index_root(root)
    assert calls == []
    assert (report.added, report.updated, report.removed, report.renamed) == (0, 0, 0, 2)


def test_rebuild_starts_over(root, index_root, monkeypatch):
    index_root(_folder(root))
    calls = _count_extractions(monkeypatch)
    _, report = index_root(root, rebuild=True)
    assert len(calls) == 3 and report.added == 3


def test_schema_version_bump_rebuilds(root, index_root, monkeypatch):
    paths, _ = index_root(_folder(root))
    catalog = open_catalog(paths.index_dir)
    catalog.set_meta("schema_version", "0")
    catalog.close()
    calls = _count_extractions(monkeypatch)
    index_root(root)
    assert len(calls) == 3


def test_every_bad_input_is_one_problem_and_the_run_goes_on(root, index_root):
    from bench.docgen import write_encrypted_pdf

    _folder(root)
    (root / "hong.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    write_encrypted_pdf(root / "mat khau.pdf", "Nội dung", user_password="secret")
    (root / "rong.docx").write_bytes(b"")
    (root / "doi ten.docx").write_text("một tệp văn bản bị đổi tên", encoding="utf-8")
    (root / "1.9_khong co ma.pdf").write_bytes((root / "1.2_bang phi le phi.pdf").read_bytes() + b"\n")
    paths, report = index_root(root)
    problems = {(p.path, p.problem) for p in report.problems}
    assert problems == {
        ("hong.pdf", "unreadable"),
        ("mat khau.pdf", "encrypted"),
        ("rong.docx", "empty"),
        ("doi ten.docx", "unreadable"),
        ("1.9_khong co ma.pdf", "unknown-code"),
    }
    assert all(p.detail for p in report.problems)
    records = _records(paths)
    assert records["Thu xin loi ong Tam.docx"].status is FileStatus.OK
    assert records["mat khau.pdf"].status is FileStatus.ENCRYPTED


def _with_subcriterion(rubric, code: str):
    """The rubric with one more sub-criterion in the first criterion."""
    from dataclasses import replace

    from indexer.models import SubCriterion

    first = rubric.criteria[0]
    extra = SubCriterion(code, "Thêm", 1, ("bổ sung",))
    return replace(rubric, criteria=(replace(first, subcriteria=first.subcriteria + (extra,)),) + rubric.criteria[1:])


def _unknown(report):
    return [(p.path, p.detail) for p in report.problems if p.problem == "unknown-code"]


def test_unknown_codes_are_kept_between_runs_and_checked_again_when_names_or_rubric_change(root, index_root, rubric, monkeypatch):
    _folder(root)
    (root / "1.9 Khac").mkdir()
    write_docx(root / "1.9 Khac" / "bien ban.docx", ["Biên bản họp."])
    write_docx(root / "TC1.8 bao cao.docx", ["Báo cáo."])
    _, first = index_root(root)
    assert [p for p, _ in _unknown(first)] == ["1.9 Khac/bien ban.docx", "TC1.8 bao cao.docx"]
    assert "mã 1.9" in _unknown(first)[0][1]

    import indexer.tagging as tagging

    checked = []
    real = tagging.tag_by_name
    for module in (build, tagging):
        monkeypatch.setattr(module, "tag_by_name", lambda path, r: checked.append(path) or real(path, r))
    _, again = index_root(root)
    assert checked == [] and again.problems == first.problems  # nothing parsed, the same lines

    (root / "TC1.8 bao cao.docx").rename(root / "TC1.7 bao cao.docx")
    _, renamed = index_root(root)
    assert [p for p, _ in _unknown(renamed)] == ["1.9 Khac/bien ban.docx"]
    assert "TC1.7 bao cao.docx" in checked and "1.9 Khac/bien ban.docx" not in checked

    # A rubric that has 1.9: every name is checked against it, and the folder's code is known;
    # every file is tagged again (the second 5 calls), so the folder's file now proves 1.9.
    checked.clear()
    paths, other = index_root(root, rubric=_with_subcriterion(rubric, "1.9"))
    assert _unknown(other) == [] and len(checked) == 10 and other.retagged == 1
    assert "1.9" in _records(paths)["1.9 Khac/bien ban.docx"].codes
    _, back = index_root(root)
    assert [p for p, _ in _unknown(back)] == ["1.9 Khac/bien ban.docx"]


def test_a_catalog_from_before_the_unknown_codes_column_gains_it(root, index_root):
    paths, _ = index_root(_folder(root))
    catalog = open_catalog(paths.index_dir)
    catalog.db.execute("ALTER TABLE files DROP COLUMN unknown_codes")
    catalog.db.commit()
    catalog.close()
    (root / "1.9_moi.pdf").write_bytes((root / "1.2_bang phi le phi.pdf").read_bytes() + b"\n")
    _, report = index_root(root)
    assert [p for p, _ in _unknown(report)] == ["1.9_moi.pdf"]


@pytest.fixture(params=["forked", "pool"])
def reader(request, monkeypatch):
    """Both ways `index` reads files under a time limit: a child forked per file, or the pool."""
    if request.param == "pool":
        monkeypatch.setattr(build, "_FORK_AT_MOST", 0)
    return request.param


def test_worker_pool_and_size_limit(root, index_root, reader):
    _folder(root)
    with open(root / "video.mp4", "wb") as fh:
        fh.truncate(3 * 1024 * 1024)  # sparse: no real 3 MB written
    paths, report = index_root(root, workers=2, max_file_mb=1)
    assert report.added == 4
    assert [(p.path, p.problem) for p in report.problems] == [("video.mp4", "too-large")]
    assert _records(paths)["1.2_bang phi le phi.pdf"].status is FileStatus.OK


def endless_pdf(path, pages: int = 200_000):
    """A tiny PDF whose page tree lists one text page 200,000 times: hours of parsing."""
    content = b"BT /F1 12 Tf 72 720 Td (trang lap lai) Tj ET"
    kids = b" ".join([b"3 0 R"] * pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(pages).encode() + b" >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>stream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += str(number).encode() + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += b"trailer << /Size " + str(len(objects) + 1).encode() + b" /Root 1 0 R >>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n"
    path.write_bytes(bytes(out))
    return path


def test_a_stuck_file_is_stopped_by_the_time_limit(root, index_root, reader):
    _folder(root)
    endless_pdf(root / "cham.pdf")
    paths, report = index_root(root, workers=1, timeout=2)
    assert ("cham.pdf", "unreadable") in {(p.path, p.problem) for p in report.problems}
    assert "2 s" in [p.detail for p in report.problems if p.path == "cham.pdf"][0]
    assert _records(paths)["Thu xin loi ong Tam.docx"].status is FileStatus.OK
    # The worker that was to hash it was stopped: the file still has its hash (manual tags, copies).
    assert _records(paths)["cham.pdf"].sha256 == hashlib.sha256((root / "cham.pdf").read_bytes()).hexdigest()


def test_a_few_files_are_read_in_forked_children_and_more_in_the_pool(root, index_root, monkeypatch):
    forked = []
    real = build._run_forked
    monkeypatch.setattr(build, "_run_forked", lambda jobs, *args: forked.append(len(jobs)) or real(jobs, *args))

    def records(**options):
        paths, _ = index_root(root, rebuild=True, **options)
        return {ev.path: (ev.title, ev.status, ev.pages, ev.tags, ev.doc) for ev in _records(paths).values()}

    _folder(root)
    in_process = records(workers=0)
    assert records(workers=2) == in_process and forked == [3]
    monkeypatch.setattr(build, "_FORK_AT_MOST", 2)
    assert records(workers=2) == in_process and forked == [3]  # three files: the pool read them


def test_importing_the_readers_starts_no_thread():
    """`index` imports them before forking children, which is only safe in a one-thread process."""
    import subprocess
    import sys

    code = f"import importlib, os; [importlib.import_module(m) for m in {build._WORKER_MODULES!r}]; print(len(os.listdir('/proc/self/task')))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "1"


def test_a_forked_reader_that_dies_hangs_raises_or_overeats_is_one_line_each(root, index_root, monkeypatch):
    import signal
    import threading

    real = build.extract

    def hostile(path, **options):  # runs in the forked child, which has this patch too
        if path.name == "chet.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        if path.name == "treo.txt":
            threading.Event().wait()
        if path.name == "loi.txt":
            raise RuntimeError("boom")
        if path.name == "an bo nho.txt":
            bytearray(2 << 30)  # 2 GiB: past the cap of 256 MB more than the parent
        return real(path, **options)

    monkeypatch.setattr(build, "extract", hostile)
    for name in ("chet.txt", "treo.txt", "loi.txt", "an bo nho.txt", "tot.txt"):
        (root / name).write_text(f"tệp {name}", encoding="utf-8")
    paths, report = index_root(root, workers=2, timeout=2, memory_mb=256)
    assert {p.path: p.detail for p in report.problems} == {
        "chet.txt": "the reader crashed or ran out of memory on this file",
        "treo.txt": "reading took longer than 2 s: stopped",
        "loi.txt": "RuntimeError: boom",
        "an bo nho.txt": "too large to read within the memory limit",  # was 'MemoryError: '; see detail_vi
    }
    assert _records(paths)["tot.txt"].status is FileStatus.OK


def test_a_run_stopped_while_forked_children_read_leaves_none_behind(root, index_root, monkeypatch):
    import multiprocessing
    import threading

    from indexer.errors import IndexWriteError

    real = build.extract
    monkeypatch.setattr(build, "extract", lambda path, **o: threading.Event().wait() if path.name == "treo.txt" else real(path, **o))

    def full_disk(self, outcome):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build._BatchWriter, "put", full_disk)
    (root / "a.txt").write_text("một", encoding="utf-8")
    (root / "treo.txt").write_text("hai", encoding="utf-8")
    with pytest.raises(IndexWriteError):
        index_root(root, workers=2, timeout=600)
    assert multiprocessing.active_children() == []


def test_pages_ocrd_in_a_forked_child_are_shown_as_they_are_done(root, index_root, monkeypatch):
    from indexer.models import Extraction

    def ocr_two_pages(path, *, on_page=None, **options):
        for page in (1, 2):
            on_page(page)
        return Extraction(FileStatus.OK, pages=("trang một", "trang hai"), text_source="ocr", ocr_pages=(1, 2))

    monkeypatch.setattr(build, "extract", ocr_two_pages)
    (root / "scan.pdf").write_bytes(b"%PDF-1.4 scan")
    events = []
    index_root(root, workers=1, progress=lambda stage, done, total, path: events.append((stage, done, path)))
    assert [e for e in events if e[0] == "ocr"] == [("ocr", 1, "scan.pdf (trang 1)"), ("ocr", 2, "scan.pdf (trang 2)")]


def test_missing_root_is_a_usage_error(tmp_path):
    from indexer.errors import UsageError

    with pytest.raises(UsageError):
        build.resolve_paths(tmp_path / "nope")


needs_tesseract = pytest.mark.skipif(
    __import__("indexer.ocr", fromlist=["x"]).ocr_unavailable_reason() is not None, reason="tesseract-ocr-vie is not installed"
)


@needs_tesseract
def test_scans_are_ocrd_once_and_found_on_their_page(root, index_root):
    import indexer.ocr as ocr
    from bench.docgen import write_scan_pdf
    from search.query import close_all, search

    write_scan_pdf(
        root / "3.1 Bien ban (scan).pdf",
        [["BIÊN BẢN", "Hội nghị đối thoại với Nhân dân khu phố 3."], ["Ông Trần Văn Bình phản ánh về đèn chiếu sáng ngõ 12."]],
        dpi=150,
    )
    before = ocr.TESSERACT_CALLS
    paths, report = index_root(root, ocr=True)
    assert ocr.TESSERACT_CALLS - before == 2
    record = _records(paths)["3.1 Bien ban (scan).pdf"]
    assert record.status is FileStatus.OK and record.text_source == "ocr" and record.ocr_pages == (1, 2)
    try:
        for query in ("đèn chiếu sáng", "den chieu sang"):
            [hit] = search(paths, query).hits
            assert hit.page == 2 and hit.from_ocr
    finally:
        close_all()
    index_root(root, ocr=True, rebuild=True)  # a rebuild keeps the OCR cache
    (root / "3.1 Bien ban (scan).pdf").rename(root / "3.1 Bien ban doi thoai.pdf")
    index_root(root, ocr=True)
    assert ocr.TESSERACT_CALLS - before == 2


def test_a_rubric_that_names_no_unit_is_said_by_index_and_export(root, cli, tmp_path):
    # Only coverage said it; the bundle sent to the city went out as "Gói minh chứng —".
    (root / "TC2.4 thu.txt").write_text("Thư xin lỗi công dân.", encoding="utf-8")
    # QA: coverage cut it in two lines (`name = "UBND` / `xã ..."`), its English in brackets: each
    # command that makes something with the blank says it once, on one line, Vietnamese first.
    assert build.NO_UNIT_NOTICE.startswith("Chưa có tên đơn vị: ") and " / no unit name: " in build.NO_UNIT_NOTICE
    for command in (("index", "--workers", "0"), ("export", "-o", tmp_path / "goi"), ("coverage",)):
        out = cli(*command, "--root", root).stdout
        assert out.count("no unit name") == 1 and len([line for line in out.splitlines() if line.endswith(build.NO_UNIT_NOTICE)]) == 1, out
    assert "no unit name" not in cli("search", "thu", "--root", root).stdout + cli("files", "--root", root).stdout
    assert "<title>Gói minh chứng — UBND …" in (tmp_path / "goi" / "index.html").read_text(encoding="utf-8")
    (root / "rubric.toml").write_text('[unit]\nname = "UBND xã Tân Hưng"\n', encoding="utf-8")
    assert build.NO_UNIT_NOTICE not in cli("index", "--root", root, "--workers", "0").stdout


def test_without_ocr_scans_are_no_text_with_one_hint(root, index_root, monkeypatch):
    import indexer.ocr as ocr
    from bench.docgen import write_scan_pdf

    write_scan_pdf(root / "a.pdf", [["Biên bản"]], dpi=60)
    write_scan_pdf(root / "b.pdf", [["Biên bản"]], dpi=60)
    monkeypatch.setattr(ocr, "ocr_unavailable_reason", lambda: "OCR chưa được cài: apt-get install tesseract-ocr tesseract-ocr-vie")
    _, report = index_root(root, ocr=True)
    assert {(p.path, p.problem) for p in report.problems} == {("a.pdf", "no-text"), ("b.pdf", "no-text")}
    assert [n for n in report.notices if n != build.NO_UNIT_NOTICE] == ["OCR chưa được cài: apt-get install tesseract-ocr tesseract-ocr-vie"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forking is used on Linux only")
def test_forking_is_allowed_beside_the_engines_threads_not_beside_another_python_thread(tmp_path):
    import threading

    from indexer.store import create_text_index

    index = create_text_index(tmp_path / "text")  # tantivy starts its own threads
    index.doc_count()
    assert build._can_fork()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not build._can_fork()
    finally:
        stop.set()
        other.join()
        index.close()


def test_a_watchers_pass_commits_the_files_read_while_a_scan_is_still_being_ocrd(root, index_root, monkeypatch):
    from search.query import close_all, search

    write_docx(root / "cu.docx", ["Biên bản cũ"])
    paths, _ = index_root(root)
    write_docx(root / "nhanh.docx", ["Thông báo tuxongtruoc"])
    write_docx(root / "scan cham.docx", ["Bản scan dài tuxongsau"])
    real = build._run_jobs
    searchable_meanwhile = []

    def a_scan_last(jobs, workers, timeout, memory_mb, timings, on_ocr_page=lambda *args: None):
        outcomes = list(real(jobs, workers, timeout, memory_mb, timings, on_ocr_page))
        yield from (o for o in outcomes if o.evidence.path == "nhanh.docx")
        on_ocr_page("scan cham.docx", 1, 1)  # a page of the scan is OCR'd, more to come
        close_all()
        searchable_meanwhile.append([h.path for h in search(paths, "tuxongtruoc").hits])
        yield from (o for o in outcomes if o.evidence.path != "nhanh.docx")

    monkeypatch.setattr(build, "_run_jobs", a_scan_last)
    monkeypatch.setattr(build, "WATCH_COMMIT_EVERY_SECONDS", 0.0)
    index_root(root, only={"nhanh.docx", "scan cham.docx"})
    assert searchable_meanwhile == [["nhanh.docx"]]
    close_all()
    assert [h.path for h in search(paths, "tuxongsau").hits] == ["scan cham.docx"]
    text = open_text_index(paths.text_dir)
    try:
        assert sorted(text.paths()) == ["cu.docx", "nhanh.docx", "scan cham.docx"]
    finally:
        text.close()
        close_all()


def test_workers_run_the_installed_code_not_the_current_folders(root, tmp_path):
    # The pool's fork server starts as `python -c ...`, which puts the current folder first on
    # its import path: run from a source checkout (an IT officer's git clone) it preloaded that
    # folder's `indexer` instead of the one installed.
    _folder(root)
    here = tmp_path / "a checkout"
    (here / "indexer").mkdir(parents=True)
    (here / "indexer" / "__init__.py").write_text("")
    (here / "indexer" / "build.py").write_text(
        "def _init_worker(*args):\n    pass\n\n\ndef process_file(job):\n    raise RuntimeError('the current folder code')\n"
    )
    script = tmp_path / "run" / "index_here.py"
    script.parent.mkdir()
    script.write_text(
        "import sys\n"
        "from pathlib import Path\n"
        "import indexer.build as build\n"
        "from indexer.rubric import load_rubric\n"
        "if __name__ == '__main__':\n"
        "    build._FORK_AT_MOST, build._MAX_TASKS = 0, 1  # the pool, with the readers preloaded\n"
        "    paths = build.resolve_paths(Path(sys.argv[1]), Path(sys.argv[2]))\n"
        "    report = build.build_index(paths, load_rubric(), ocr=False, workers=1)\n"
        "    print(report.added, [p.detail for p in report.problems])\n"
    )
    done = subprocess.run(
        [sys.executable, str(script), str(root), str(tmp_path / "idx")], cwd=here, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "3 []"


# --- the time limit and long scans ---------------------------------------------------------------


def test_read_clock_restarts_on_each_ocr_page_and_stops_at_the_longest(monkeypatch):
    monkeypatch.setattr(build, "LONG_SCAN_FACTOR", 5)
    clock = build._ReadClock(10)
    clock.start("scan.pdf", 0)
    assert clock.deadline("scan.pdf") == 10 and clock.stopped("scan.pdf") == "reading took longer than 10 s: stopped"
    clock.progress("scan.pdf", 8)  # page 1 done
    clock.start("scan.pdf", 9)  # seen running again: the clock goes on
    assert clock.deadline("scan.pdf") == 18 and clock.stopped("scan.pdf") == "OCR stalled: no page finished in 10 s: stopped"
    clock.progress("scan.pdf", 45)
    assert clock.deadline("scan.pdf") == 50 and clock.stopped("scan.pdf") == "reading took longer than 50 s (5 times the limit): stopped"
    clock.forget("scan.pdf")
    clock.progress("scan.pdf", 60)  # a late event of a file already done changes nothing
    clock.start("scan.pdf", 70)
    assert clock.deadline("scan.pdf") == 80


def test_a_long_scan_goes_on_while_pages_finish_and_a_stalled_one_stops(root, index_root, monkeypatch):
    import threading
    import time

    from indexer.models import Extraction

    def ocr_slowly(path, *, on_page=None, **options):  # runs in the forked child
        pages = {"dai.pdf": 8, "treo.pdf": 2, "vo tan.pdf": 10**6}[path.name]
        for page in range(1, pages + 1):
            time.sleep(0.4)
            on_page(page)
        if path.name == "treo.pdf":
            threading.Event().wait()
        return Extraction(FileStatus.OK, pages=tuple(f"trang {n}" for n in range(pages)), text_source="ocr", ocr_pages=tuple(range(1, pages + 1)))

    monkeypatch.setattr(build, "extract", ocr_slowly)
    monkeypatch.setattr(build, "LONG_SCAN_FACTOR", 4)
    for name in ("dai.pdf", "treo.pdf", "vo tan.pdf"):
        (root / name).write_bytes(b"%PDF-1.4 scan")
    paths, report = index_root(root, workers=3, timeout=1.5)
    assert {p.path: p.detail for p in report.problems} == {
        "treo.pdf": "OCR stalled: no page finished in 1.5 s: stopped",
        "vo tan.pdf": "reading took longer than 6 s (4 times the limit): stopped",
    }
    assert _records(paths)["dai.pdf"].pages == 8  # 3.2 s, past the limit, but a page every 0.4 s


@needs_tesseract
def test_a_scan_longer_than_the_time_limit_is_read_in_the_pool(root, index_root, monkeypatch):
    from bench.docgen import write_scan_pdf

    monkeypatch.setattr(build, "_FORK_AT_MOST", 0)
    # Eight small pages take ~5 s of OCR here (~0.6 s each), past a 3 s limit.
    write_scan_pdf(root / "so tiep dan.pdf", [[f"Trang {n}: sổ tiếp công dân."] for n in range(1, 9)], dpi=100)
    paths, report = index_root(root, ocr=True, workers=1, timeout=3)
    assert report.problems == ()
    record = _records(paths)["so tiep dan.pdf"]
    assert record.status is FileStatus.OK and record.ocr_pages == tuple(range(1, 9))


@needs_tesseract
def test_scans_left_unread_are_read_once_ocr_can_run(root, index_root, monkeypatch):
    # The IT officer indexes first, sees "install Tesseract", installs it and runs index again:
    # the scans must be read then, though the files have not changed.
    import indexer.ocr as ocr
    from bench.docgen import write_scan_pdf

    write_scan_pdf(root / "bien ban.pdf", [["BIÊN BẢN", "Hội nghị đối thoại với Nhân dân khu phố 3."]], dpi=100)
    _, report = index_root(root, ocr=False)
    assert [(p.path, p.detail) for p in report.problems] == [("bien ban.pdf", "scanned pages not read: OCR is turned off (--no-ocr)")]

    monkeypatch.setattr(ocr, "ocr_unavailable_reason", lambda: "Tesseract is not installed")
    _, report = index_root(root, ocr=True)  # still no OCR: nothing to gain from reading again
    assert report.updated == 0 and report.unchanged == 1
    assert [p.detail for p in report.problems] == ["scanned pages not read: OCR is turned off (--no-ocr)"]
    monkeypatch.undo()

    paths, report = index_root(root, ocr=True)
    assert (report.updated, report.problems) == (1, ())
    record = _records(paths)["bien ban.pdf"]
    assert record.status is FileStatus.OK and record.text_source == "ocr"
    _, report = index_root(root, ocr=True)
    assert (report.updated, report.unchanged) == (0, 1)


def test_files_waiting_for_ocr_are_read_again_only_when_it_runs(root, index_root, monkeypatch):
    import indexer.ocr as ocr_module
    from indexer.extract import IMAGE_NOT_READ_NO_OCR, IMAGE_NOT_READ_OCR_OFF
    from indexer.models import Extraction

    available = {"now": False}
    monkeypatch.setattr(ocr_module, "ocr_unavailable_reason", lambda: None if available["now"] else "not installed")
    real = build.extract

    def read(path, *, ocr=None, **options):  # runs in the forked child, which has this patch too
        if path.suffix != ".jpg":
            return real(path, ocr=ocr, **options)
        if not ocr.enabled:
            return Extraction(FileStatus.NO_TEXT, detail=IMAGE_NOT_READ_OCR_OFF)
        if not available["now"]:
            return Extraction(FileStatus.NO_TEXT, detail=IMAGE_NOT_READ_NO_OCR)
        return Extraction(FileStatus.OK, ("Ảnh niêm yết lịch tiếp công dân tại trụ sở.",), "", "ocr", (1,))

    monkeypatch.setattr(build, "extract", read)
    (root / "anh niem yet.jpg").write_bytes(b"\xff\xd8\xff\xe0 photo")
    (root / "ghi chu.txt").write_text("không liên quan", encoding="utf-8")
    index_root(root, ocr=True)
    assert index_root(root, ocr=True)[1].updated == 0
    available["now"] = True
    assert index_root(root, ocr=False)[1].updated == 0  # --no-ocr: not now
    paths, report = index_root(root, ocr=True)
    assert report.updated == 1 and report.unchanged == 1
    assert _records(paths)["anh niem yet.jpg"].status is FileStatus.OK


@pytest.mark.parametrize(
    ("detail", "limit"),
    [
        ("reading took longer than 120 s: stopped", 120),
        ("OCR stalled: no page finished in 120 s: stopped", 120),
        ("reading took longer than 2400 s (20 times the limit): stopped", 120),
        ("reading took longer than 1808 s (20 times the limit): stopped", 90.4),
        ("OCR stalled: no page finished in 90.4 s: stopped", 90.4),
        ("permission denied", None),
        ("", None),
    ],
)
def test_the_limit_that_stopped_a_file_is_read_back_from_its_line(detail, limit):
    got = build.limit_that_stopped(detail)
    assert got is None if limit is None else got == pytest.approx(limit)


@pytest.mark.parametrize("timeout", [1, 1.5, 90.4, 120, 150.25, 3600])
def test_a_limit_reads_back_as_itself_so_the_same_run_does_not_retry(timeout):
    for line in (build._timed_out(timeout), build._stalled(timeout), build._past_longest(timeout)):
        assert build.limit_that_stopped(line) == pytest.approx(timeout)
        assert not build._shorter_limit(build.limit_that_stopped(line), timeout)


def test_a_file_stopped_by_the_limit_is_read_again_with_a_longer_one(root, index_root, monkeypatch):
    import time

    real = build.extract

    def slow(path, **options):  # runs in the forked child, which has this patch too
        if path.name == "cham.txt":
            time.sleep(1.5)
        return real(path, **options)

    monkeypatch.setattr(build, "extract", slow)
    (root / "cham.txt").write_text("một tệp đọc chậm", encoding="utf-8")
    (root / "nhanh.txt").write_text("một tệp đọc nhanh", encoding="utf-8")
    _, report = index_root(root, workers=2, timeout=1)
    assert [(p.path, p.detail) for p in report.problems] == [("cham.txt", "reading took longer than 1 s: stopped")]
    _, report = index_root(root, workers=2, timeout=1)  # the same limit: it would only be stopped again
    assert (report.updated, report.unchanged) == (0, 2)
    paths, report = index_root(root, workers=2, timeout=3)
    assert (report.updated, report.unchanged, report.problems) == (1, 1, ())
    assert _records(paths)["cham.txt"].status is FileStatus.OK


def test_a_file_the_limit_stopped_is_not_read_again_in_process(root, index_root, monkeypatch):
    # --workers 0 reads in this process, where no limit can stop a hostile file a second time.
    real = build.extract
    monkeypatch.setattr(build, "extract", lambda path, **o: __import__("time").sleep(1.5) or real(path, **o))
    (root / "cham.txt").write_text("một tệp đọc chậm", encoding="utf-8")
    _, report = index_root(root, workers=1, timeout=1)
    assert [p.path for p in report.problems] == ["cham.txt"]
    _, report = index_root(root, workers=0, timeout=600)
    assert (report.updated, report.unchanged) == (0, 1)


def test_a_file_that_could_not_be_opened_is_tried_again_each_run(root, index_root, monkeypatch, locked):
    """A lock or a share's hiccup passes, and the file keeps its size and time: only a retry reads it."""
    (root / "tot.txt").write_text("tệp đọc được", encoding="utf-8")
    (root / "khoa.txt").write_text("biên bản đối thoại với nhân dân", encoding="utf-8")
    locked.add(str(root / "khoa.txt"))
    paths, first = index_root(root)
    assert _records(paths)["khoa.txt"].status is FileStatus.UNREADABLE
    calls = _count_extractions(monkeypatch)
    _, again = index_root(root)  # still locked: read again, but nothing changed to say
    assert [p.name for p in calls] == ["khoa.txt"]
    assert (again.updated, again.unchanged) == (0, 2)
    assert [(p.path, p.detail) for p in again.problems] == [("khoa.txt", "permission denied")]
    locked.clear()
    _, unlocked = index_root(root)
    assert (unlocked.updated, unlocked.unchanged, unlocked.problems) == (1, 1, ())
    assert _records(paths)["khoa.txt"].status is FileStatus.OK
    calls.clear()
    index_root(root)
    assert calls == []  # read once it worked: not again


def test_a_file_read_before_keeps_its_last_version_while_it_cannot_be_read(root, index_root, monkeypatch, locked, rubric):
    from indexer.models import LAST_VERSION_KEPT
    from search.coverage import coverage
    from search.query import close_all
    # A tester took the permission off two indexed files: 1.2 lost its proof, 2.2 its manual
    # tag, and `08/TB-UBND` was no longer found, until the files were readable again.
    (root / "TC1.2 Bang phi.txt").write_text("Thông báo số 08/TB-UBND công khai mức thu phí, lệ phí.", encoding="utf-8")
    (root / "khac.txt").write_text("Giấy mời họp.", encoding="utf-8")
    paths, _ = index_root(root)
    target = root / "TC1.2 Bang phi.txt"
    locked.add(str(target))
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 10**9))  # its editor saved it
    _, report = index_root(root)
    kept = _records(paths)["TC1.2 Bang phi.txt"]
    assert kept.status is FileStatus.OK and "1.2" in kept.codes and "08/TB-UBND" in _page_text(paths, "TC1.2 Bang phi.txt")
    [problem] = report.problems
    assert problem.path == "TC1.2 Bang phi.txt" and problem.detail == "permission denied" + LAST_VERSION_KEPT
    assert "chỉ mục giữ bản đã đọc lần trước" in problem.line() and (report.updated, report.unchanged) == (0, 2)
    calls = _count_extractions(monkeypatch)
    assert index_root(root)[1].problems == report.problems and len(calls) == 1  # tried again each run
    cov = coverage(paths, rubric)  # the reviewer sees the proof, and why the file is not fresh
    assert [s.status.value for c in cov.criteria for s in c.subcriteria if s.subcriterion.code == "1.2"] == ["proven"]
    assert [p.path for p in cov.problems] == ["TC1.2 Bang phi.txt"]
    close_all()
    locked.clear()
    target.write_text("Thông báo số 09/TB-UBND công khai mức thu phí mới.", encoding="utf-8")
    _, report = index_root(root)
    assert report.updated == 1 and report.problems == () and "09/TB-UBND" in _page_text(paths, "TC1.2 Bang phi.txt")
    # A file never read before has no last version: it is listed unreadable as before.
    (root / "moi.txt").write_text("Biên bản mới.", encoding="utf-8")
    locked.add(str(root / "moi.txt"))
    index_root(root)
    assert _records(paths)["moi.txt"].status is FileStatus.UNREADABLE


@pytest.mark.parametrize("unreadable", ["Tieu chi 1", "."], ids=["a folder", "the root"])
def test_a_folder_the_scan_cannot_list_keeps_its_files_in_the_index(root, index_root, monkeypatch, unreadable):
    """A share that fails for a moment (EIO, a lost permission) must not empty the index's folder."""
    import errno

    (root / "Tieu chi 1").mkdir()
    write_docx(root / "Tieu chi 1" / "1.3 Duong day nong.docx", ["Số điện thoại đường dây nóng của phường"])
    (root / "ngoai.txt").write_text("tệp ở thư mục gốc", encoding="utf-8")
    paths, _ = index_root(root)
    failing = os.path.abspath(root / unreadable)
    real_scandir = build.scanning.os.scandir

    def flaky_scandir(path="."):
        if os.path.abspath(path) == failing:
            raise OSError(errno.EIO, "Input/output error", str(path))
        return real_scandir(path)

    monkeypatch.setattr(build.scanning.os, "scandir", flaky_scandir)
    _, report = index_root(root)
    assert report.removed == 0 and report.unchanged == 2
    assert [(p.path, p.detail) for p in report.problems] == [(unreadable, "Input/output error: its files already indexed are kept as they were")]
    assert set(_records(paths)) == {"Tieu chi 1/1.3 Duong day nong.docx", "ngoai.txt"}
    monkeypatch.setattr(build.scanning.os, "scandir", real_scandir)
    (root / "Tieu chi 1" / "1.3 Duong day nong.docx").unlink()
    _, back = index_root(root)  # listed again: a file really gone is removed
    assert (back.removed, back.unchanged) == (1, 1)


def test_a_file_the_share_fails_to_answer_for_is_not_taken_as_deleted(root, index_root, monkeypatch):
    """EIO on open and on stat during a read: the file may be there; only ENOENT says it is gone."""
    import builtins
    import errno

    (root / "tot.txt").write_text("tệp đọc được", encoding="utf-8")
    flaky = root / "TC1.2 Bang phi.txt"
    flaky.write_text("bảng phí lệ phí của phường", encoding="utf-8")
    paths, _ = index_root(root)
    real_open, real_lstat = builtins.open, os.lstat

    def eio(file, *args, **kwargs):
        if os.fspath(file) == str(flaky):
            raise OSError(errno.EIO, "Input/output error", str(flaky))
        return (real_lstat if kwargs.get("_lstat") else real_open)(file, *args)

    monkeypatch.setattr(builtins, "open", eio)
    monkeypatch.setattr(os, "lstat", lambda p, *a, **k: eio(p, _lstat=True))
    os.utime(flaky, ns=(1, 1))  # changed: read again, and the share drops during the read
    _, report = index_root(root)
    monkeypatch.undo()
    assert report.removed == 0 and not any(p.problem == "disappeared" for p in report.problems)
    # Read before: its last version stays, and the run says why it was not read again.
    assert [(p.path, p.problem) for p in report.problems] == [("TC1.2 Bang phi.txt", "unreadable")]
    assert _records(paths)["TC1.2 Bang phi.txt"].status is FileStatus.OK
    _, back = index_root(root)  # the share answers again: read
    assert back.updated == 1 and back.problems == () and _records(paths)["TC1.2 Bang phi.txt"].detail == ""


HEAD = "ỦY BAN NHÂN DÂN\nPHƯỜNG PHÙ LIỄN\nSố: {number}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPhù Liễn, ngày 15 tháng 5 năm 2026\n"


@pytest.mark.parametrize(
    "number, body, title",
    [
        pytest.param("168/BC-UBND", "BÁO CÁO\nKết quả khảo sát sự hài lòng đối với sự phục vụ của\nTrung tâm Phục vụ hành chính công quý I năm 2026\n"
                     "I. MỤC ĐÍCH\nKhảo sát nhằm đo lường", "BÁO CÁO Kết quả khảo sát sự hài lòng đối với sự phục vụ của Trung tâm "
                     "Phục vụ hành chính công quý I năm 2026", id="subject-wrapped-by-the-pdf"),
        pytest.param("58/KH-UBND", "KẾ HOẠCH\nThực hiện văn hóa công sở của cán bộ, công chức phường\nnăm 2026\nCăn cứ Luật Cán bộ, công chức;",
                     "KẾ HOẠCH Thực hiện văn hóa công sở của cán bộ, công chức phường năm 2026", id="wrapped-before-the-legal-basis"),
        pytest.param("117/TB-UBND", "THÔNG BÁO\nLịch tiếp công dân của lãnh đạo phường quý II năm 2026\nỦy ban nhân dân phường thông báo lịch tiếp\n"
                     "công dân quý II năm 2026 như sau:\nThứ Năm, ngày 09/4/2026: đồng chí Chủ tịch.",
                     "THÔNG BÁO Lịch tiếp công dân của lãnh đạo phường quý II năm 2026", id="body-is-not-the-subject"),
        pytest.param("203/GM-UBND", "GIẤY MỜI\nHọp giao ban tháng 5 năm 2026\nỦy ban nhân dân phường trân trọng kính mời:\n- Đồng chí Bí thư;",
                     "GIẤY MỜI Họp giao ban tháng 5 năm 2026", id="a-line-opening-a-list"),
        pytest.param("1520/UBND-VP", "V/v Tăng cường sử dụng chữ ký số\nKính gửi: Các phòng, ban", "CÔNG VĂN V/v Tăng cường sử dụng chữ ký số",
                     id="cong-van-abstract"),
        pytest.param("06/TXL-UBND", "THƯ XIN LỖI\nVề việc chậm trả kết quả\nKính gửi: Ông Tâm", "THƯ XIN LỖI Về việc chậm trả kết quả", id="thu-xin-loi"),
        # A review: a subject wrapped onto a line with a full stop kept only its first line, and
        # an invitation's subject typed with one was lost.
        pytest.param("15/KH-UBND", "KẾ HOẠCH\nThực hiện quy chế dân chủ\nở cơ sở năm 2026.\nCăn cứ Luật Thực hiện dân chủ ở cơ sở;",
                     "KẾ HOẠCH Thực hiện quy chế dân chủ ở cơ sở năm 2026.", id="a-wrapped-subject-with-a-full-stop"),
        pytest.param("20/GM-UBND", "GIẤY MỜI\nDự hội nghị đối thoại với Nhân dân năm 2026.\nKính gửi: Các đồng chí trưởng thôn",
                     "GIẤY MỜI Dự hội nghị đối thoại với Nhân dân năm 2026.", id="an-invitations-subject-with-a-full-stop"),
        # A plan's subject typed with a full stop is still its subject (a slip, not a sentence).
        pytest.param("58/KH-UBND", "KẾ HOẠCH\nTriển khai mô hình Chính quyền thân thiện năm 2026.\nCăn cứ Luật Tổ chức chính quyền địa phương;",
                     "KẾ HOẠCH Triển khai mô hình Chính quyền thân thiện năm 2026.", id="a-plans-subject-with-a-stray-full-stop"),
        # A short plan: one sentence, then the signature block in capitals (a blind tester's
        # folder had 13 titles of 60 running into the body so, and the Word table showed them).
        pytest.param("40/KH-UBND", "KẾ HOẠCH\nKhảo sát hiện trạng hệ thống thoát nước năm 2026\nKhảo sát cống, rãnh tại 12 tổ dân phố.\n"
                     "Tổ công tác gồm công chức Địa chính.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "KẾ HOẠCH Khảo sát hiện trạng hệ thống thoát nước năm 2026",
                     id="a-sentence-then-the-signature"),
        pytest.param("210/KH-UBND", "KẾ HOẠCH\nThực hiện văn hóa công sở năm 2025\nDuy trì thực hiện nụ cười công sở.\nTM. ỦY BAN NHÂN DÂN",
                     "KẾ HOẠCH Thực hiện văn hóa công sở năm 2025", id="one-sentence-then-the-signature"),
        pytest.param("15/TCM-UBND", "THƯ CHÚC MỪNG\nNhân dịp anh Vũ Đức Anh và chị Lê Thị Hoa kết hôn, Ủy ban nhân dân xã gửi lời chúc mừng hạnh phúc.\n"
                     "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "THƯ CHÚC MỪNG", id="a-letters-first-sentence"),
    ],
)  # fmt: skip
def test_make_title_takes_the_whole_subject_and_no_more(number, body, title):
    from indexer.build import make_title
    from indexer.vietnamese import parse_header

    text = HEAD.format(number=number) + body
    assert make_title(parse_header(text), (text,), "x.pdf") == title


@pytest.mark.parametrize(
    "text, title",
    [
        pytest.param("DANH BẠ ĐIỆN THOẠI\nSTT\tHọ và tên\tSố điện thoại\n1\tNguyễn Văn A\t0912", "DANH BẠ ĐIỆN THOẠI", id="table-header-row"),
        pytest.param("PHIẾU KHẢO SÁT SỰ HÀI LÒNG\nÔng/bà có hài lòng với thái độ phục vụ?\n1. Rất hài lòng", "PHIẾU KHẢO SÁT SỰ HÀI LÒNG",
                     id="a-question-is-no-subject"),
        # The Word table cited a letter as "Thư chúc mừng ... về thân gửi: Anh Đặng Minh Tuấn".
        pytest.param("THƯ CHÚC MỪNG\nThân gửi: Anh Đặng Minh Tuấn và chị Lương Thị Lan\nNhân dịp ...", "THƯ CHÚC MỪNG",
                     id="a-greeting-is-no-subject"),
        pytest.param("THƯ CẢM ƠN\nKính thưa ông Nguyễn Văn Ba,\nỦy ban nhân dân phường ...", "THƯ CẢM ƠN", id="kinh-thua"),
        # OCR of a photographed poster: its border read as letters was the title.
        # (The poster's next line, a sentence, is no subject either: see a-sentence-is-no-subject.)
        pytest.param("CC >_--EEEEEEEEE.EENNM\nQUÉT MÃ QR ĐỂ TRA CỨU THỦ TỤC HÀNH CHÍNH\nNộp hồ sơ trực tuyến.",
                     "QUÉT MÃ QR ĐỂ TRA CỨU THỦ TỤC HÀNH CHÍNH", id="ocr-noise-is-no-title"),
        pytest.param("QUÉT MÃ QR ĐỂ TRA CỨU THỦ TỤC HÀNH CHÍNH\nNộp hồ sơ trực tuyến tại Cổng dịch vụ công",
                     "QUÉT MÃ QR ĐỂ TRA CỨU THỦ TỤC HÀNH CHÍNH Nộp hồ sơ trực tuyến tại Cổng dịch vụ công", id="a-subject-without-a-full-stop"),
        # A blind QA pass: the Word Bảng minh chứng cited a letter as "Thư chúc mừng ngày 14/02/2026
        # về nhân dịp anh Vũ Đức Anh ... hạnh phúc.": its first sentence was taken for its subject.
        pytest.param("THƯ CHÚC MỪNG\nNhân dịp anh Vũ Đức Anh và chị Lê Thị Hoa kết hôn, Ủy ban nhân dân xã gửi lời chúc mừng hạnh phúc.\n"
                     "Chúc hai anh chị trăm năm hạnh phúc.", "THƯ CHÚC MỪNG", id="a-sentence-is-no-subject"),
        pytest.param("THƯ CẢM ƠN\nVề việc hiến đất mở rộng đường thôn...\nỦy ban nhân dân xã", "THƯ CẢM ƠN Về việc hiến đất mở rộng đường thôn...",
                     id="an-ellipsis-is-no-full-stop"),
        pytest.param("DANH SÁCH CBCC\nLàm việc tại bộ phận một cửa", "DANH SÁCH CBCC Làm việc tại bộ phận một cửa", id="an-abbreviation-in-a-title"),
        # A letter whose number line is missing (or OCR lost it): its abstract still says what it is about.
        pytest.param("UBND PHƯỜNG HÒA NGHĨA\nV/v xin lỗi vì trễ hẹn trả kết quả\nKính gửi: bà Quách Thị Xuân", "V/v xin lỗi vì trễ hẹn trả kết quả",
                     id="an-abstract-without-a-number"),
    ],
)  # fmt: skip
def test_make_title_leaves_out_what_is_no_subject(text, title):
    from indexer.build import make_title
    from indexer.models import DocMeta

    assert make_title(DocMeta(), (text,), "x.xlsx") == title


def test_a_long_title_is_cut_with_an_ellipsis():
    from indexer.build import make_title
    from indexer.models import DocMeta

    title = make_title(DocMeta(), (), "Bao cao " * 40 + ".docx")
    assert len(title) == 200 and title.endswith("…")


def test_an_empty_root_is_not_every_file_deleted(root, index_root):
    _folder(root)
    paths, first = index_root(root)
    away = root.parent / "away"
    away.mkdir()
    for item in root.iterdir():  # the share did not mount: its folder is empty (the index is elsewhere)
        if item.name != ".minhchung":
            item.rename(away / item.name)
    _, report = index_root(root)
    assert report.removed == 0 and report.unchanged == first.added
    assert any("chỉ mục giữ nguyên" in n for n in report.notices)
    assert len(_records(paths)) == first.added
    _, rebuilt = index_root(root, rebuild=True)  # asked for: then it is emptied
    assert rebuilt.added == 0 and _records(paths) == {}


def test_a_decree_of_the_state_is_never_suggested_as_ward_proof(root, index_root):
    # A ward files the decrees it applies; the text speaks of apologies and satisfaction, but
    # the decree proves nothing the ward did (a QA folder had NĐ 61/2018 suggested for 4.3, 2.6).
    body = ["Cơ quan có thẩm quyền gửi thư xin lỗi công dân khi trả kết quả chậm và hẹn lại ngày trả kết quả."]
    write_docx(root / "Nghi dinh 61-2018.docx", ["CHÍNH PHỦ", "Số: 61/2018/NĐ-CP", "Hà Nội, ngày 23 tháng 4 năm 2018", "NGHỊ ĐỊNH", *body])
    write_docx(root / "Thu gui ong Tam.docx", ["UBND PHƯỜNG PHÙ LIỄN", "Số: 12/UBND", "THƯ XIN LỖI", *body])
    paths, _ = index_root(root)
    records = _records(paths)
    assert records["Nghi dinh 61-2018.docx"].doc.number == "61/2018/NĐ-CP" and records["Nghi dinh 61-2018.docx"].tags == ()
    assert "2.4" in records["Thu gui ong Tam.docx"].codes



def test_a_changed_rubric_or_tagging_rule_tags_indexed_files_again_without_reading_them(root, index_root, rubric, monkeypatch, tmp_path):
    import dataclasses

    import indexer.tagging as tagging
    from search.query import close_all, search

    paths, _ = index_root(_folder(root))
    apology = "Thu xin loi ong Tam.docx"
    assert "2.4" in _records(paths)[apology].codes
    # The ward takes 2.4's keywords out of its rubric: the suggestion must go at the next run.
    edited = dataclasses.replace(rubric, criteria=tuple(
        dataclasses.replace(c, subcriteria=tuple(
            dataclasses.replace(s, keywords=("không có cụm này",)) if s.code == "2.4" else s for s in c.subcriteria
        )) for c in rubric.criteria
    ))  # fmt: skip
    calls = _count_extractions(monkeypatch)
    _, report = index_root(root, rubric=edited)
    assert calls == [] and report.retagged == 1 and report.unchanged == 3
    assert "2.4" not in _records(paths)[apology].codes
    assert search(paths, "xin loi", code="2.4").hits == ()  # the search index's codes follow
    close_all()
    assert index_root(root, rubric=edited)[1].retagged == 0  # once
    # New tagging rules (a new version of minhchung) tag again too; nothing changes here.
    monkeypatch.setattr(tagging, "TAGGING_VERSION", "next")
    _, report = index_root(root, rubric=edited)
    assert calls == [] and report.retagged == 0
    _, report = index_root(root)  # the bundled rubric again: the suggestion is back
    assert report.retagged == 1 and "2.4" in _records(paths)[apology].codes
    # A text that trips the tagger in the parent keeps its tags; the run and the others go on.
    real = build.describe
    monkeypatch.setattr(build, "describe", lambda job, ex: (_ for _ in ()).throw(RecursionError()) if job.path == apology else real(job, ex))
    _, report = index_root(root, rubric=edited)
    assert report.retagged == 0 and "2.4" in _records(paths)[apology].codes


def test_a_manual_tag_follows_its_file_through_an_edit(root, index_root, cli):
    # A tester fixed a typo in a tagged file: the reviewer's 2.2 went, and an untagged (dismissed)
    # suggestion came back, with one 'cập nhật' line and nothing else.
    write_docx(root / "Danh sach tra tai nha.docx", ["Danh sách trả kết quả tại nhà cho người cao tuổi."])
    write_docx(root / "Thu xin loi.docx", ["THƯ XIN LỖI", "Phường gửi thư xin lỗi ông Tâm vì trả kết quả chậm."])
    paths, _ = index_root(root)
    assert cli("tag", "--root", root, "Danh sach tra tai nha.docx", "2.2").exit_code == 0
    assert "2.4" in _records(paths)["Thu xin loi.docx"].codes
    assert cli("untag", "--root", root, "Thu xin loi.docx", "2.4").exit_code == 0
    write_docx(root / "Danh sach tra tai nha.docx", ["Danh sách trả kết quả tại nhà cho người cao tuổi (đã sửa lỗi chính tả)."])
    write_docx(root / "Thu xin loi.docx", ["THƯ XIN LỖI", "Phường gửi thư xin lỗi ông Tâm vì trả kết quả chậm. Trân trọng."])
    _, report = index_root(root)
    assert report.updated == 2
    files = {f["path"]: f for f in json.loads(cli("files", "--root", root, "--json").stdout)["files"]}
    assert ("2.2", "manual") in [(c["code"], c["source"]) for c in files["Danh sach tra tai nha.docx"]["codes"]]
    assert "2.4" not in [c["code"] for c in files["Thu xin loi.docx"]["codes"]]
    lines = (root / ".minhchung-tags.txt").read_text(encoding="utf-8").splitlines()
    assert len([line for line in lines if not line.startswith("#")]) == 2  # moved, not copied


def test_a_manual_tag_follows_a_renamed_file_through_an_edit_and_a_read_only_tags_file_is_no_crash(root, index_root, cli, monkeypatch):
    import indexer.build as build_module

    write_docx(root / "Danh sach.docx", ["Danh sách trả kết quả tại nhà cho người cao tuổi."])
    paths, _ = index_root(root)
    assert cli("tag", "--root", root, "Danh sach.docx", "2.2").exit_code == 0
    (root / "Danh sach.docx").rename(root / "Danh sach tra tai nha.docx")  # the tag follows the rename
    index_root(root)
    write_docx(root / "Danh sach tra tai nha.docx", ["Danh sách trả kết quả tại nhà (đã sửa)."])
    _, report = index_root(root)
    assert report.updated == 1
    line = [x for x in (root / ".minhchung-tags.txt").read_text(encoding="utf-8").splitlines() if x.startswith("+")]
    assert len(line) == 1 and line[0].endswith("\tDanh sach tra tai nha.docx")
    # A share where the tags file cannot be written: the run goes on and says so.
    write_docx(root / "Danh sach tra tai nha.docx", ["Danh sách trả kết quả tại nhà (sửa lần nữa)."])

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(build_module, "save_manual_tags", read_only)
    _, report = index_root(root)
    assert report.updated == 1 and any("thẻ gán tay" in n for n in report.notices)
    from search.query import close_all, search

    assert [h.path for h in search(paths, "danh sach", code="2.2").hits] == ["Danh sach tra tai nha.docx"]  # this run used it
    close_all()


def test_a_manual_tag_follows_an_edit_made_while_the_file_was_locked(root, index_root, cli, locked):
    # Read again only as a retry (its hash left to the worker), the edited file kept its old tag line.
    write_docx(root / "Danh sach.docx", ["Danh sách trả kết quả tại nhà cho người cao tuổi."])
    (root / "khac.txt").write_text("Giấy mời.", encoding="utf-8")
    paths, _ = index_root(root)
    assert cli("tag", "--root", root, "Danh sach.docx", "2.2").exit_code == 0
    locked.add(str(root / "Danh sach.docx"))
    index_root(root)  # nothing changed yet
    write_docx(root / "Danh sach.docx", ["Danh sách trả kết quả tại nhà (đã sửa)."])
    assert index_root(root)[1].problems  # locked: its last version is kept
    locked.clear()
    index_root(root)
    files = {f["path"]: f for f in json.loads(cli("files", "--root", root, "--json").stdout)["files"]}
    assert ("2.2", "manual") in [(c["code"], c["source"]) for c in files["Danh sach.docx"]["codes"]]



def test_a_renamed_file_is_tagged_again_from_its_text_under_its_new_name(root, index_root):
    # A blind tester: `TC2.6 ...` renamed without its code lost 2.6 altogether (its keywords had
    # been left out while the name proved it) until `index --rebuild`.
    from search.query import list_files

    survey = ["KẾT QUẢ KHẢO SÁT SỰ HÀI LÒNG", "Kết quả khảo sát sự hài lòng của người dân quý II: 96% hài lòng.",
              "Phiếu khảo sát sự hài lòng được phát tại Trung tâm Phục vụ hành chính công."]
    write_docx(root / "TC2.6 Ket qua khao sat hai long.docx", survey)
    paths, _ = index_root(root)
    (root / "TC2.6 Ket qua khao sat hai long.docx").rename(root / "ket qua quy II.docx")
    _, report = index_root(root)
    assert report.renamed == 1
    [ev] = list_files(paths)
    assert [(t.code, t.source) for t in ev.tags] == [("2.6", TagSource.KEYWORD)]
    index_root(root, rebuild=True)
    assert [(t.code, t.source) for t in list_files(paths)[0].tags] == [("2.6", TagSource.KEYWORD)]
