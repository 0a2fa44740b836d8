"""Walking the evidence folder: noise skipped, links kept inside, every name made NFC."""

from __future__ import annotations

import json
import os
import shutil
import unicodedata

import pytest

from indexer.scan import is_noise, scan


@pytest.mark.parametrize(
    "name",
    ["~$bao cao.docx", ".~lock.bao cao.docx#", "tai ve.pdf.crdownload", "x.part", "a.tmp", "Thumbs.db", ".DS_Store", "desktop.ini", ".hidden.pdf"],
)
def test_noise_is_skipped(name):
    assert is_noise(name)


@pytest.mark.parametrize("name", ["1.2_bang phi.pdf", "Thư xin lỗi.docx", "anh.jpg", "ke hoach.doc"])
def test_evidence_is_not_noise(name):
    assert not is_noise(name)


def test_scan_skips_noise_hidden_folders_and_the_index(root):
    (root / "TC1").mkdir()
    (root / "TC1" / "a.pdf").write_bytes(b"%PDF-1.4")
    (root / "TC1" / "~$a.docx").write_bytes(b"x")
    (root / ".git").mkdir()
    (root / ".git" / "b.pdf").write_bytes(b"x")
    (root / ".minhchung").mkdir()
    (root / ".minhchung" / "c.pdf").write_bytes(b"x")
    index = root / "index-here"
    index.mkdir()
    (index / "d.pdf").write_bytes(b"x")
    result = scan(root, skip=(index,))
    assert [f.path for f in result.files] == ["TC1/a.pdf"]
    assert result.problems == []


@pytest.mark.parametrize("bin_name", ["#recycle", "@Recycle", "$RECYCLE.BIN", "RECYCLER", "@eaDir", "#snapshot", "System Volume Information"])
def test_recycle_bins_and_nas_thumbnails_are_not_evidence(root, bin_name):
    # A tester's `TC1.1 ...docx` deleted into a Synology `#recycle/` still proved 1.1.
    (root / "Tieu chi 1" / bin_name).mkdir(parents=True)
    (root / "Tieu chi 1" / bin_name / "TC1.1 Danh muc TTHC.docx").write_bytes(b"x")
    (root / "Tieu chi 1" / "TC1.2 Bang phi.docx").write_bytes(b"x")
    assert [f.path for f in scan(root).files] == ["Tieu chi 1/TC1.2 Bang phi.docx"]


def test_scan_skips_an_index_an_earlier_run_put_in_a_visible_folder(root, cli):
    (root / "Tieu chi 1").mkdir()
    (root / "Tieu chi 1" / "TC1.2 bang phi.txt").write_text("Bảng phí, lệ phí.", encoding="utf-8")
    assert cli("index", "--root", root, "--index", root / "Tieu chi 1" / "chi muc", "--workers", "0", "--no-ocr").exit_code == 0
    assert [f.path for f in scan(root).files] == ["Tieu chi 1/TC1.2 bang phi.txt"]  # not its catalog, not its text index



def test_an_export_bundle_unzipped_into_the_share_is_named_not_read(root, cli):
    # Its suggestions are renamed `1.1 - ...` for the reviewer: read again, they proved 1.1.
    (root / "Thong bao phi.txt").write_text("Thông báo công khai bảng phí, lệ phí hộ tịch.", encoding="utf-8")
    (root / "TC2.4 thu xin loi.txt").write_text("Thư xin lỗi công dân.", encoding="utf-8")
    assert cli("index", "--root", root, "--workers", "0", "--no-ocr").exit_code == 0
    before = json.loads(cli("coverage", "--root", root, "--json").stdout)["score"]
    assert cli("export", "--root", root, "-o", root.parent / "goi").exit_code == 0
    shutil.copytree(root.parent / "goi", root / "Goi gui thanh pho")
    assert [f.path for f in scan(root).files] == ["TC2.4 thu xin loi.txt", "Thong bao phi.txt"]
    assert [(p.path, p.problem) for p in scan(root).problems] == [("Goi gui thanh pho", "exported-bundle")]
    summary = cli("index", "--root", root, "--workers", "0", "--no-ocr").stdout
    assert "Goi gui thanh pho: gói minh chứng đã xuất (minhchung export), không tính" in summary
    assert json.loads(cli("coverage", "--root", root, "--json").stdout)["score"] == before
    # Taken for the evidence folder itself (`cd` into it, --root defaults to .): refused.
    result = cli("index", "--root", root / "Goi gui thanh pho")
    assert result.exit_code == 2 and "gói minh chứng đã xuất" in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_system_file_system_mounted_below_the_root_is_named_not_walked(root, tmp_path, monkeypatch, cli):
    # `--root /` walked on into /proc and /sys, whose files have no end (/proc/*/pagemap).
    import indexer.mounts as mounts

    (root / "proc" / "1").mkdir(parents=True)
    (root / "proc" / "1" / "pagemap").write_bytes(b"x")
    (root / "Tieu chi 1" / "sys").mkdir(parents=True)
    (root / "Tieu chi 1" / "sys" / "TC1.1 uevent.txt").write_text("x", encoding="utf-8")
    (root / "Tieu chi 1" / "TC1.2 Bang phi.txt").write_text("Bảng phí, lệ phí.", encoding="utf-8")
    (root / "Tieu chi 1" / "he thong").symlink_to(root / "Tieu chi 1" / "sys")  # another name for it: no second line
    (root / "Tieu chi 1" / "cu").mkdir()  # mounted over by a disk: a folder again
    (root / "Tieu chi 1" / "cu" / "TC1.3 So dien thoai.txt").write_text("Đường dây nóng.", encoding="utf-8")
    real = os.path.realpath(root).replace(" ", "\\040")
    table = tmp_path / "mounts"
    table.write_text(
        f"/dev/sda1 / ext4 rw 0 0\nproc {real}/proc proc rw 0 0\nsysfs {real}/Tieu\\040chi\\0401/sys sysfs rw 0 0\n"
        f"proc {real}/Tieu\\040chi\\0401/cu proc rw 0 0\n/dev/sdb1 {real}/Tieu\\040chi\\0401/cu ext4 rw 0 0\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(mounts, "MOUNTS_FILE", str(table), raising=False)  # without the fix, the walk fails, not this line
    found = scan(root)
    assert [f.path for f in found.files] == ["Tieu chi 1/TC1.2 Bang phi.txt", "Tieu chi 1/cu/TC1.3 So dien thoai.txt"]
    assert sorted((p.path, p.problem) for p in found.problems) == [("Tieu chi 1/sys", "system-folder"), ("proc", "system-folder")]
    summary = cli("index", "--root", root, "--workers", "0", "--no-ocr").stdout
    assert "proc: thư mục của hệ điều hành, không đọc (hệ thống tệp proc:" in summary


def test_a_saved_web_page_with_files_of_the_same_names_is_evidence(root):
    # The three names alone do not make a bundle: its manifest.json says what it is.
    page = root / "Cong thong tin" / "Bai dang TC1.6"
    page.mkdir(parents=True)
    for name, text in (("index.html", "<p>Bài đăng</p>"), ("manifest.json", '{"name": "app"}'), ("manifest.csv", "a,b")):
        (page / name).write_text(text, encoding="utf-8")
    assert [f.path.rsplit("/", 1)[-1] for f in scan(root).files] == ["index.html", "manifest.csv", "manifest.json"]

def test_the_index_cannot_be_the_evidence_folder_itself(root, cli):
    result = cli("index", "--root", root, "--index", root, "--workers", "0")
    assert result.exit_code == 2 and "evidence folder itself" in result.stderr and len(result.stderr.splitlines()) == 1
    assert list(root.iterdir()) == []


def test_nfd_name_is_stored_as_nfc(root):
    nfd = unicodedata.normalize("NFD", "Thư xin lỗi.docx")
    (root / nfd).write_bytes(b"x")
    [found] = scan(root).files
    assert found.path == "Thư xin lỗi.docx"
    assert found.abspath.exists()


def test_non_utf8_name_is_readable(root):
    # "Thư mời.pdf" as an old Windows share sends it: cp1258 bytes, not UTF-8.
    raw = os.path.join(os.fsencode(root), b"Th\xfd m\xf5\xcci.pdf")
    with open(raw, "wb") as fh:
        fh.write(b"x")
    [found] = scan(root).files
    found.path.encode("utf-8")  # storable
    assert found.path == "Thư mời.pdf"
    assert os.path.exists(found.abspath)


def test_links_inside_followed_outside_ignored_loops_survived(root, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(b"x")
    (root / "real").mkdir()
    (root / "real" / "a.pdf").write_bytes(b"x")
    os.symlink(outside, root / "to-outside")
    os.symlink(outside / "secret.pdf", root / "secret-link.pdf")
    os.symlink(root, root / "real" / "loop")
    os.symlink(root / "real", root / "alias")
    paths = [f.path for f in scan(root).files]
    assert "real/a.pdf" in paths
    assert not any("secret" in p for p in paths)
    assert len(paths) == len(set(paths)) <= 2


# --- scan_some: the watcher's partial passes list a few folders, with the full walk's answer ----------


def _tricky_tree(root, tmp_path):
    (root / "Tieu chi 1" / "1.3 So dien thoai").mkdir(parents=True)
    (root / "Tieu chi 1" / "1.3 So dien thoai" / "a.pdf").write_bytes(b"x")
    (root / "Tieu chi 1" / "~$a.docx").write_bytes(b"x")
    (root / unicodedata.normalize("NFD", "Thư mục")).mkdir()
    (root / unicodedata.normalize("NFD", "Thư mục") / unicodedata.normalize("NFD", "Lịch tiếp dân.pdf")).write_bytes(b"xy")
    (root / "top.docx").write_bytes(b"xyz")
    (root / "rubric.toml").write_text("# the ward's rubric, not evidence")
    (root / "index-here").mkdir()
    (root / "index-here" / "c.pdf").write_bytes(b"x")
    (root / ".an").mkdir()
    (root / ".an" / "d.pdf").write_bytes(b"x")
    os.symlink(root / "Tieu chi 1", root / "alias")
    os.symlink(root / "top.docx", root / "link.docx")
    (tmp_path / "outside.pdf").write_bytes(b"x")
    os.symlink(tmp_path / "outside.pdf", root / "outside.pdf")


@pytest.mark.parametrize(
    "wanted, fast",
    [
        pytest.param({"Tieu chi 1/1.3 So dien thoai/a.pdf", "top.docx"}, True, id="plain"),
        pytest.param({"Thư mục/Lịch tiếp dân.pdf"}, True, id="nfd-on-disk"),
        pytest.param({"gone.pdf", "Tieu chi 1/gone/x.pdf", "Tieu chi 1/1.3 So dien thoai/gone.pdf"}, True, id="missing"),
        pytest.param({"Tieu chi 1/~$a.docx", ".an/d.pdf", "index-here/c.pdf"}, True, id="noise-and-index"),
        pytest.param({"Tieu chi 1"}, True, id="a-folder-is-not-a-file"),
        pytest.param({"rubric.toml"}, True, id="the-rubric"),
        pytest.param({"alias/1.3 So dien thoai/a.pdf"}, False, id="through-a-link"),
        pytest.param({"link.docx"}, False, id="linked-file"),
        pytest.param({"outside.pdf"}, False, id="link-outside"),
    ],
)
def test_scan_some_agrees_with_the_full_walk(root, tmp_path, wanted, fast):
    from indexer.scan import scan_some

    _tricky_tree(root, tmp_path)
    skip = (root / "index-here",)
    some = scan_some(root, wanted, skip=skip)
    assert (some is not None) == fast
    full = [(f.path, str(f.abspath), f.size, f.mtime_ns) for f in scan(root, skip=skip).files if f.path in wanted]
    if some is not None:
        assert [(f.path, str(f.abspath), f.size, f.mtime_ns) for f in some.files] == full


def test_scan_some_defers_two_spellings_of_one_name_to_the_full_walk(root):
    from indexer.scan import scan_some

    (root / "Thư.pdf").write_bytes(b"x")
    (root / unicodedata.normalize("NFD", "Thư.pdf")).write_bytes(b"y")
    assert scan_some(root, {"Thư.pdf"}) is None


def test_a_file_that_only_bears_the_catalogs_name_does_not_hide_its_folder(root):
    # A robustness tester's `sub/catalog.sqlite3` (8 bytes of text) hid `sub/TC2.2 evidence.txt`.
    (root / "sub").mkdir()
    (root / "sub" / "catalog.sqlite3").write_text("not sql\n", encoding="utf-8")
    (root / "sub" / "TC2.2 evidence.txt").write_text("Danh sách.", encoding="utf-8")
    assert [f.path for f in scan(root).files] == ["sub/TC2.2 evidence.txt", "sub/catalog.sqlite3"]


def test_a_pipe_named_like_the_catalog_does_not_hang_the_walk(root):
    # A review: the SQLite check opened a FIFO `catalog.sqlite3` and waited for a writer for ever.
    (root / "sub").mkdir()
    os.mkfifo(root / "sub" / "catalog.sqlite3")
    (root / "sub" / "TC2.2 evidence.txt").write_text("Danh sách.", encoding="utf-8")
    assert [f.path for f in scan(root).files] == ["sub/TC2.2 evidence.txt"]


def test_a_root_given_as_a_link_is_walked(tmp_path):
    # A review: `index --root linkroot` added 0 files (the root's own real path counted as seen).
    real = tmp_path / "that"
    (real / "Tieu chi 1").mkdir(parents=True)
    (real / "Tieu chi 1" / "TC1.2 bang phi.txt").write_text("Bảng phí.", encoding="utf-8")
    (tmp_path / "link").symlink_to(real)
    assert [f.path for f in scan(tmp_path / "link").files] == ["Tieu chi 1/TC1.2 bang phi.txt"]
