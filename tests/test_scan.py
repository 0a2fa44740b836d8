"""Walking the evidence folder: noise skipped, links kept inside, every name made NFC."""

from __future__ import annotations

import os
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
