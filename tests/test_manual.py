"""Manual tags: `tag` confirms, `untag` takes back or dismisses; both survive rebuilds and renames."""

from __future__ import annotations

import json
import os
import unicodedata

import pytest

from bench.docgen import write_docx
from indexer.manual import load_manual_tags, tags_path
from search.query import close_all

APOLOGY = "Thu xin loi ong Tam.docx"  # no code in the name: only a keyword suggestion for 2.4
MEETING = "Giay moi hop giao ban.docx"  # proves nothing by itself
FEES = "TC1.2 Bang phi.docx"


def _indexed_folder(root, rubric):
    from indexer.build import build_index, resolve_paths

    write_docx(root / APOLOGY, ["THƯ XIN LỖI", "Ủy ban nhân dân phường gửi thư xin lỗi ông Nguyễn Văn Tâm vì trả kết quả chậm."])
    write_docx(root / MEETING, ["Giấy mời họp giao ban công tác tháng 5 năm 2026 tại hội trường tầng 2."])
    write_docx(root / FEES, ["Bảng công khai mức thu phí, lệ phí."])
    build_index(resolve_paths(root), rubric, workers=0, ocr=False)
    return root


@pytest.fixture
def folder(root, rubric):
    return _indexed_folder(root, rubric)


@pytest.fixture(scope="module")
def untouched(tmp_path_factory, rubric):
    """One indexed folder for the tests that must leave it as it was."""
    root = tmp_path_factory.mktemp("untouched") / "evidence"
    root.mkdir()
    return _indexed_folder(root, rubric)


def _sub(cli, root, code: str) -> dict:
    data = json.loads(cli("coverage", "--root", root, "--json").stdout)
    return next(s for c in data["criteria"] for s in c["subcriteria"] if s["code"] == code)


def _evidence(sub: dict) -> list[tuple[str, str]]:
    return [(e["path"], e["source"]) for e in sub["evidence"]]


def _reindex(cli, root, *extra):
    close_all()  # a rebuild replaces the text index under this process's cached searcher
    result = cli("index", "--root", root, "--workers", "0", *extra)
    assert result.exit_code == 0, result.output
    close_all()


def test_tag_confirms_a_suggestion_and_survives_a_rebuild(cli, folder):
    before = _sub(cli, folder, "2.4")
    assert before["status"] == "suggested" and _evidence(before) == [(APOLOGY, "keyword")]

    result = cli("tag", APOLOGY, "2.4", "--root", folder)
    assert result.exit_code == 0, result.output
    assert "đã xác nhận là minh chứng cho 2.4" in result.stdout
    after = _sub(cli, folder, "2.4")
    assert after["status"] == "proven" and _evidence(after) == [(APOLOGY, "manual")]

    _reindex(cli, folder, "--rebuild")
    rebuilt = _sub(cli, folder, "2.4")
    assert rebuilt["status"] == "proven" and _evidence(rebuilt) == [(APOLOGY, "manual")]


def test_tags_file_is_plain_text_beside_the_index_keyed_by_content(cli, folder):
    cli("tag", MEETING, "2.5", "3.1", "--root", folder)
    text = tags_path(folder).read_text(encoding="utf-8")
    lines = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert [(action, code, path) for action, code, _sha, path in lines] == [("+", "2.5", MEETING), ("+", "3.1", MEETING)]
    assert all(len(sha) == 64 for _, _, sha, _ in lines)
    assert tags_path(folder).parent == folder  # beside the rebuildable index, not inside it


def test_a_tag_follows_the_file_when_it_is_renamed(cli, folder):
    cli("tag", MEETING, "2.5", "--root", folder)
    (folder / "Tieu chi 2").mkdir()
    (folder / MEETING).rename(folder / "Tieu chi 2" / "giao ban thang 5.docx")
    _reindex(cli, folder)
    sub = _sub(cli, folder, "2.5")
    assert sub["status"] == "proven" and _evidence(sub) == [("Tieu chi 2/giao ban thang 5.docx", "manual")]


def test_untag_of_a_suggestion_dismisses_it_for_good(cli, folder):
    result = cli("untag", APOLOGY, "2.4", "--root", folder)
    assert result.exit_code == 0, result.output
    assert "đã bỏ gợi ý 2.4" in result.stdout
    assert _sub(cli, folder, "2.4") == {**_sub(cli, folder, "2.4"), "status": "missing", "evidence": []}
    assert [e.action for e in load_manual_tags(tags_path(folder)).entries] == ["-"]
    _reindex(cli, folder, "--rebuild")
    assert _sub(cli, folder, "2.4")["status"] == "missing"
    # Confirming it later wins over the dismissal: one line per file and code.
    cli("tag", APOLOGY, "2.4", "--root", folder)
    assert _sub(cli, folder, "2.4")["status"] == "proven"
    assert [e.action for e in load_manual_tags(tags_path(folder)).entries] == ["+"]


def test_untag_of_a_manual_tag_removes_its_line(cli, folder):
    cli("tag", MEETING, "2.5", "--root", folder)
    result = cli("untag", MEETING, "2.5", "--root", folder)
    assert result.exit_code == 0 and "đã bỏ thẻ gán tay 2.5" in result.stdout
    assert load_manual_tags(tags_path(folder)).entries == ()
    assert _sub(cli, folder, "2.5")["status"] == "missing"


def test_tag_and_untag_keep_search_by_code_in_step(cli, folder):
    def found(code: str) -> list[str]:
        data = json.loads(cli("search", "giao ban", "--code", code, "--root", folder, "--json").stdout)
        return [h["path"] for h in data["hits"]]

    assert found("2.5") == []
    cli("tag", MEETING, "2.5", "--root", folder)
    assert found("2.5") == [MEETING]
    assert found("2") == [MEETING]
    cli("untag", MEETING, "2.5", "--root", folder)
    assert found("2.5") == []


def test_paths_may_be_absolute_or_decomposed(cli, folder):
    assert cli("tag", str(folder / MEETING), "2.5", "--root", folder).exit_code == 0
    assert cli("untag", unicodedata.normalize("NFD", str(folder / MEETING)), "2.5", "--root", folder).exit_code == 0
    assert load_manual_tags(tags_path(folder)).entries == ()


def test_tagging_a_file_already_named_for_the_code_says_so(cli, folder):
    result = cli("tag", FEES, "1.2", "--root", folder)
    assert result.exit_code == 0 and "tên tệp/thư mục đã chứng minh" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        pytest.param(["tag", MEETING, "9.9"], "9.9: không có trong bộ tiêu chí", id="unknown-code"),
        pytest.param(["tag", MEETING, "2"], "2 là mã tiêu chí; ghi mã tiêu chí con, ví dụ 2.1", id="criterion-not-sub"),
        pytest.param(["tag", "../outside.docx", "2.5"], "nằm ngoài thư mục minh chứng", id="outside-root"),
        pytest.param(["tag", "/etc/passwd", "2.5"], "nằm ngoài thư mục minh chứng", id="absolute-outside"),
        pytest.param(["tag", "khong co.docx", "2.5"], "chưa có trong chỉ mục", id="not-indexed"),
        pytest.param(["untag", FEES, "1.2"], "không phải do gán tay nên không bỏ được bằng untag", id="untag-a-name"),
        pytest.param(["untag", MEETING, "9.9"], "9.9: không có trong bộ tiêu chí", id="untag-unknown-code-without-a-line"),
        pytest.param(["tag", MEETING], "Missing argument", id="no-code"),
    ],
)
def test_bad_tags_exit_2_with_one_line_and_change_nothing(cli, untouched, args, message):
    result = cli(*args, "--root", untouched)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not tags_path(untouched).exists()


def test_a_damaged_tags_file_is_reported_and_left_untouched(cli, folder):
    damaged = "# thẻ gán tay\n+\t2.5\tnot-a-hash\n"
    tags_path(folder).write_text(damaged, encoding="utf-8")
    for command in ("tag", "untag"):
        result = cli(command, MEETING, "2.5", "--root", folder)
        assert result.exit_code == 2
        assert "line 2" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert tags_path(folder).read_text(encoding="utf-8") == damaged
    assert cli("coverage", "--root", folder).exit_code == 2


@pytest.mark.parametrize("refused", ["mkstemp", "replace"], ids=["folder-read-only", "tags-file-read-only"])
def test_tag_that_cannot_write_the_tags_file_says_so_in_one_line(cli, folder, monkeypatch, refused):
    import errno
    import os

    import indexer.manual as manual_module

    tags_path(folder).write_text("# thẻ gán tay\n", encoding="utf-8")
    if refused == "mkstemp":  # this account may not make files in the evidence folder
        def deny(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", kwargs.get("dir"))

        monkeypatch.setattr(manual_module.tempfile, "mkstemp", deny)
    else:  # the tags file itself is read-only (root runs these tests: the refusal is simulated)
        real_replace = os.replace

        def deny(src, dst, *args, **kwargs):
            if os.fspath(dst) == str(tags_path(folder)):
                raise PermissionError(errno.EPERM, "Operation not permitted", os.fspath(dst))
            return real_replace(src, dst, *args, **kwargs)

        monkeypatch.setattr(manual_module.os, "replace", deny)
    result = cli("tag", MEETING, "2.5", "--root", folder)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "không ghi được" in result.stderr and "chưa thay đổi gì" in result.stderr
    assert tags_path(folder).read_text(encoding="utf-8") == "# thẻ gán tay\n"
    assert not [n for n in os.listdir(folder) if n.endswith(".tmp")]


def test_a_tag_saved_when_the_index_cannot_be_refreshed_says_it_was_saved(cli, folder, monkeypatch):
    import errno

    import indexer.manual_edit as manual_edit

    def fail(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", "text")

    monkeypatch.setattr(manual_edit, "refresh_codes", fail)
    result = cli("tag", MEETING, "2.5", "--root", folder)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "ĐÃ LƯU" in result.stderr and "minhchung index --root" in result.stderr
    assert (MEETING, "manual") in _evidence(_sub(cli, folder, "2.5"))  # coverage reads the tags file


def test_untag_removes_lines_for_a_code_the_rubric_lacks_as_coverage_advises(cli, folder):
    import hashlib

    sha = hashlib.sha256((folder / MEETING).read_bytes()).hexdigest()
    # A rubric renumbered since, or lines typed by hand: 1.9 is no sub-criterion of it.
    tags_path(folder).write_text(f"+\t1.9\t{sha}\t{MEETING}\n-\t1.8\t{sha}\t{MEETING}\n", encoding="utf-8")
    problems = json.loads(cli("coverage", "--root", folder, "--json").stdout)["problems"]
    assert any(p["problem"] == "unknown-code" and "minhchung untag" in p["detail"] and "1.9" in p["detail"] for p in problems)
    result = cli("untag", MEETING, "1.9", "1.8", "--root", folder)
    assert result.exit_code == 0, result.stderr
    assert "đã bỏ thẻ gán tay 1.9, 1.8" in result.stdout
    assert load_manual_tags(tags_path(folder)).entries == ()
    problems = json.loads(cli("coverage", "--root", folder, "--json").stdout)["problems"]
    assert not [p for p in problems if p["problem"] == "unknown-code"]
    assert cli("tag", MEETING, "1.9", "--root", folder).exit_code == 2  # still no new tag for it


def test_tag_before_any_index_says_what_to_do(cli, root):
    write_docx(root / MEETING, ["Biên bản."])
    result = cli("tag", MEETING, "2.5", "--root", root)
    assert result.exit_code == 2 and "minhchung index" in result.stderr


@pytest.mark.parametrize("odd", ["\n", "\r", "\x0b", "\x1c", "\u2028"], ids=["newline", "return", "vtab", "file-sep", "line-sep"])
def test_a_name_with_a_line_break_is_tagged_without_breaking_the_tags_file(cli, root, rubric, odd):
    from indexer.build import build_index, resolve_paths

    name = f"Thu xin loi{odd}ong Tam.docx"
    write_docx(root / name, ["THƯ XIN LỖI", "Ủy ban nhân dân phường gửi thư xin lỗi ông Tâm."])
    build_index(resolve_paths(root), rubric, workers=0, ocr=False)
    assert cli("tag", name, "2.4", "--root", root).exit_code == 0
    assert len(load_manual_tags(tags_path(root)).entries) == 1  # still one readable line
    assert ("Thu xin loi\nong Tam.docx".replace("\n", odd), "manual") in _evidence(_sub(cli, root, "2.4"))
    assert cli("tag", FEES, "1.3", "--root", root).exit_code == 2  # not indexed here: still readable enough to say so


def test_a_tags_file_saved_by_notepad_or_typed_with_spaces_is_read(tmp_path):
    sha = "ab" * 32
    path = tmp_path / ".minhchung-tags.txt"
    path.write_bytes(f"\ufeff# thẻ\r\n+\t1.2\t{sha}\tTC1/a b.pdf\r\n-  2.4 {sha}   Thu xin loi.docx\r\n".encode("utf-8"))
    entries = load_manual_tags(path).entries
    assert [(e.action, e.code, e.path) for e in entries] == [("+", "1.2", "TC1/a b.pdf"), ("-", "2.4", "Thu xin loi.docx")]


def test_a_hash_in_capitals_as_powershell_prints_it_is_read(cli, folder):
    import hashlib

    sha = hashlib.sha256((folder / MEETING).read_bytes()).hexdigest().upper()  # Get-FileHash's output
    tags_path(folder).write_text(f"+\t2.5\t{sha}\t{MEETING}\n", encoding="utf-8")
    assert load_manual_tags(tags_path(folder)).entries[0].sha256 == sha.lower()
    assert (MEETING, "manual") in _evidence(_sub(cli, folder, "2.5"))
    assert cli("search", "giao ban", "--root", folder).exit_code == 0
    assert cli("untag", MEETING, "2.5", "--root", folder).exit_code == 0
    assert load_manual_tags(tags_path(folder)).entries == ()


def test_hand_written_lines_by_path_match_however_the_path_was_typed(cli, folder):
    (folder / "Tieu chi 2").mkdir()
    nested = "Tieu chi 2/Biên bản họp.docx"
    write_docx(folder / nested, ["Biên bản họp tổ một cửa."])
    _reindex(cli, folder)
    lines = [
        "+\t2.1\t-\tTieu chi 2\\Biên bản họp.docx",  # Windows' backslashes
        f"+\t2.3\t-\t./{MEETING}",  # a leading ./
        "+\t2.5\t-\t" + unicodedata.normalize("NFD", nested),  # accents written apart, as a Mac does
    ]
    tags_path(folder).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (nested, "manual") in _evidence(_sub(cli, folder, "2.1"))
    assert (MEETING, "manual") in _evidence(_sub(cli, folder, "2.3"))
    assert (nested, "manual") in _evidence(_sub(cli, folder, "2.5"))
    problems = json.loads(cli("coverage", "--root", folder, "--json").stdout)["problems"]
    assert not [p for p in problems if p["problem"] == "unmatched-tag"]


def test_a_line_no_indexed_file_takes_is_a_problem_of_coverage(cli, folder):
    import hashlib

    gone = hashlib.sha256(b"a file deleted since").hexdigest()
    tags_path(folder).write_text(
        f"+\t2.5\t-\t{MEETING.lower()}\n"  # other capitals: Linux keeps them apart, so no match
        f"+\t2.6\t-\tkhong co.docx\n"
        f"+\t2.1\t{gone}\tDa xoa.docx\n",
        encoding="utf-8",
    )
    data = json.loads(cli("coverage", "--root", folder, "--json").stdout)
    unmatched = sorted(p["detail"] for p in data["problems"] if p["problem"] == "unmatched-tag")
    assert len(unmatched) == 3
    assert f"+2.5 cho “{MEETING.lower()}”" in unmatched[1] and f"(có “{MEETING}”: khác chữ hoa/thường)" in unmatched[1]
    assert "+2.6 cho “khong co.docx”: không có tệp nào" in unmatched[2]
    assert "+2.1 cho “Da xoa.docx”: không còn tệp nào có nội dung này" in unmatched[0]
    assert all(p["path"] == ".minhchung-tags.txt" for p in data["problems"] if p["problem"] == "unmatched-tag")
    assert not _evidence(_sub(cli, folder, "2.5"))
    assert "dòng thẻ gán tay không khớp tệp nào" in cli("coverage", "--root", folder).stdout


def test_saving_tags_keeps_the_file_readable_by_other_accounts(tmp_path):
    import os
    import stat

    from indexer.manual import ManualTags, save_manual_tags

    path = tmp_path / ".minhchung-tags.txt"
    old = os.umask(0o022)
    try:
        save_manual_tags(path, ManualTags())
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # mkstemp's 0600 shut the watch service out
        path.chmod(0o664)
        save_manual_tags(path, ManualTags())
        assert stat.S_IMODE(path.stat().st_mode) == 0o664
    finally:
        os.umask(old)


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_tags_file_that_is_a_pipe_or_a_device_is_one_line(cli, root, kind):
    # A FIFO by that name hung every command; a link to /dev/zero read 2.6 GB, then a traceback.
    (root / "a.txt").write_text("Thư xin lỗi.", encoding="utf-8")
    tags = tags_path(root)
    if kind == "fifo":
        os.mkfifo(tags)
    else:
        tags.symlink_to("/dev/zero")
    for command in (["index", "--workers", "0", "--no-ocr"], ["files"], ["coverage"]):
        result = cli(*command, "--root", root)
        assert result.exit_code == 2 and "Traceback" not in result.output, command
        assert "not a regular file" in result.stderr and len(result.stderr.strip().splitlines()) == 1, command
