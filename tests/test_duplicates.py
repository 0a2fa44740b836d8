"""Duplicates: one content under several names is found, shown, and counted once."""

from __future__ import annotations

import json
import shutil

import pytest

from bench.docgen import write_docx
from indexer.models import Evidence, FileStatus
from search.duplicates import copies_by_path, find_duplicates


def _ev(path: str, sha: str, size: int = 10) -> Evidence:
    return Evidence(path=path, title="", status=FileStatus.OK, size=size, mtime_ns=0, sha256=sha)


def test_groups_only_shared_content_largest_waste_first():
    groups = find_duplicates([
        _ev("b/x.pdf", "aa", 100), _ev("a/x copy.pdf", "aa", 100), _ev("solo.pdf", "bb", 5000),
        _ev("s1.docx", "cc", 300), _ev("s2.docx", "cc", 300), _ev("s3.docx", "cc", 300),
    ])  # fmt: skip
    assert [(g.sha256, g.paths, g.wasted) for g in groups] == [
        ("cc", ("s1.docx", "s2.docx", "s3.docx"), 600),
        ("aa", ("a/x copy.pdf", "b/x.pdf"), 100),
    ]
    assert copies_by_path(groups)["s2.docx"] == ("s1.docx", "s3.docx")


@pytest.mark.parametrize(
    "items",
    [
        pytest.param([_ev("rong1.docx", "e3b0", 0), _ev("rong2.docx", "e3b0", 0)], id="empty-files-are-not-copies"),
        pytest.param([_ev("a.pdf", ""), _ev("b.pdf", "")], id="unhashed-files-are-not-compared"),
        pytest.param([_ev("a.pdf", "aa"), _ev("b.pdf", "bb")], id="different-content"),
    ],
)
def test_no_group(items):
    assert find_duplicates(items) == []


@pytest.fixture
def copies(root):
    """One phone-number notice saved under two names in two folders, and one other file."""
    first = write_docx(root / "TC1.3 - So dien thoai duong day nong.docx", ["THÔNG BÁO", "Số điện thoại đường dây nóng: 0225 3 123 456."])
    (root / "Tieu chi 1" / "1.3 So dien thoai").mkdir(parents=True)
    shutil.copy(first, root / "Tieu chi 1" / "1.3 So dien thoai" / "thong bao duong day nong.docx")
    write_docx(root / "1.2 Bang phi.docx", ["BẢNG PHÍ", "Mức thu phí, lệ phí."])
    return root


SAME = ["TC1.3 - So dien thoai duong day nong.docx", "Tieu chi 1/1.3 So dien thoai/thong bao duong day nong.docx"]


def test_files_json_lists_the_other_copies(cli, copies):
    cli("index", "--root", copies, "--no-ocr", "--workers", "0")
    files = {f["path"]: f for f in json.loads(cli("files", "--root", copies, "--json").stdout)["files"]}
    assert files[SAME[0]]["duplicates"] == [SAME[1]]
    assert files[SAME[1]]["duplicates"] == [SAME[0]]
    assert files["1.2 Bang phi.docx"]["duplicates"] == []
    human = cli("files", "--root", copies).stdout
    assert f"trùng nội dung với: {SAME[1]}" in human


def test_duplicates_command_shows_the_group_with_size(cli, copies):
    cli("index", "--root", copies, "--no-ocr", "--workers", "0")
    data = json.loads(cli("duplicates", "--root", copies, "--json").stdout)
    [group] = data["groups"]
    size = (copies / SAME[0]).stat().st_size
    assert group["paths"] == SAME and group["size"] == size and data["wasted"] == size
    result = cli("duplicates", "--root", copies)
    assert result.exit_code == 0
    assert "1 nhóm tệp trùng nội dung" in result.stdout and all(p in result.stdout for p in SAME)


def test_no_duplicates_says_so(cli, root):
    write_docx(root / "a.docx", ["Một văn bản."])
    cli("index", "--root", root, "--no-ocr", "--workers", "0")
    assert cli("duplicates", "--root", root).stdout.strip() == "Không có tệp nào trùng nội dung."


_NEEDS_TWO = """
title = "Thử"
version = "t1"
[unit]
name = "UBND phường Thử Nghiệm"
[[criteria]]
code = "1"
title = "Công khai"
points = 4
[[criteria.subcriteria]]
code = "1.3"
title = "Đường dây nóng"
points = 4
min_evidence = 2
keywords = ["đường dây nóng"]
"""


def test_two_copies_are_one_proof_a_second_document_makes_two(cli, copies):
    (copies / "rubric.toml").write_text(_NEEDS_TWO, encoding="utf-8")
    cli("index", "--root", copies, "--no-ocr", "--workers", "0")

    def hotline():
        data = json.loads(cli("coverage", "--root", copies, "--json").stdout)
        return data["criteria"][0]["subcriteria"][0]

    first = hotline()
    assert len([e for e in first["evidence"] if e["proves"]]) == 2  # both copies are listed ...
    assert (first["proofs"], first["status"], first["provable"]) == (1, "suggested", 0)  # ... and count once
    write_docx(copies / "Tieu chi 1" / "1.3 So dien thoai" / "bang so dien thoai lanh dao.docx", ["Số điện thoại lãnh đạo phường."])
    cli("index", "--root", copies, "--no-ocr", "--workers", "0")
    second = hotline()
    assert (second["proofs"], second["status"], second["provable"]) == (2, "proven", 4)
