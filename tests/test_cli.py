"""The command line as scripts and staff meet it: JSON contract, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cli as cli_module
from bench.docgen import write_docx, write_encrypted_pdf, write_pdf


@pytest.fixture
def folder(root):
    write_pdf(root / "1.2_bang phi.pdf", [["Bảng mức thu phí, lệ phí."], ["Số điện thoại đường dây nóng: 0225 3 123 456."]])
    write_docx(root / "Thu xin loi.docx", ["THƯ XIN LỖI", "Phường gửi thư xin lỗi ông Nguyễn Văn Tâm vì trả kết quả chậm."])
    (root / "hong.pdf").write_bytes(b"%PDF-1.4 broken")
    write_encrypted_pdf(root / "mat.pdf", "Mật", user_password="x")
    (root / "rong.docx").write_bytes(b"")
    (root / "doi ten.docx").write_text("văn bản thường", encoding="utf-8")
    return root


def test_index_json_contract_and_problem_lines(cli, folder):
    result = cli("index", "--root", folder, "--json", "--workers", "0")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == 1
    assert (data["added"], data["updated"], data["removed"], data["unchanged"]) == (6, 0, 0, 0)
    assert sorted((p["path"], p["problem"]) for p in data["problems"]) == [
        ("doi ten.docx", "unreadable"), ("hong.pdf", "unreadable"), ("mat.pdf", "encrypted"), ("rong.docx", "empty"),
    ]  # fmt: skip
    again = json.loads(cli("index", "--root", folder, "--json").stdout)
    assert (again["added"], again["unchanged"]) == (0, 6)


def test_index_human_summary_one_line_per_problem(cli, folder):
    result = cli("index", "--root", folder)
    assert result.exit_code == 0
    problem_lines = [line for line in result.stdout.splitlines() if line.strip().startswith("!")]
    assert len(problem_lines) == 4
    assert "thêm mới 6" in result.stdout
    # Staff read what went wrong in Vietnamese; the kinds stay in English in --json only.
    assert "  ! mat.pdf: có mật khẩu" in [line[: len("  ! mat.pdf: có mật khẩu")] for line in problem_lines]
    assert "  ! rong.docx: tệp rỗng (tệp 0 byte)" in problem_lines


def test_search_json_contract(cli, folder):
    cli("index", "--root", folder)
    data = json.loads(cli("search", "đường dây nóng", "--root", folder, "--json").stdout)
    assert data["schema"] == 1 and data["query"] == "đường dây nóng" and data["total"] == 1
    [hit] = data["hits"]
    assert {"path", "score", "codes", "title", "snippet", "page"} <= set(hit)
    assert hit["path"] == "1.2_bang phi.pdf" and hit["page"] == 2 and hit["codes"] == ["1.2"]
    human = cli("search", "thu xin loi", "--root", folder)
    assert "Thu xin loi.docx" in human.stdout
    # Its code only a keyword suggests: marked as `files` marks it, and listed apart in JSON.
    [apology] = json.loads(cli("search", "thu xin loi", "--root", folder, "--json").stdout)["hits"]
    assert apology["codes"] and apology["suggested"] == apology["codes"] and hit["suggested"] == []
    assert f"[{apology['codes'][0]}?]" in human.stdout


def test_files_json_contract(cli, folder):
    cli("index", "--root", folder)
    data = json.loads(cli("files", "--root", folder, "--json").stdout)
    by_path = {f["path"]: f for f in data["files"]}
    assert set(by_path) == {"1.2_bang phi.pdf", "Thu xin loi.docx", "hong.pdf", "mat.pdf", "rong.docx", "doi ten.docx"}
    pdf = by_path["1.2_bang phi.pdf"]
    assert pdf["codes"] == [{"code": "1.2", "source": "filename", "confidence": 1.0, "reason": pdf["codes"][0]["reason"]}]
    assert pdf["status"] == "ok" and pdf["pages"] == 2 and pdf["general"] is False and pdf["text_source"] == "text"
    assert set(pdf["doc"]) == {"number", "date", "type"}
    assert by_path["mat.pdf"]["status"] == "encrypted"
    assert by_path["Thu xin loi.docx"]["codes"][0]["source"] == "keyword"


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["index", "--root", "/no/such/folder"], id="missing-root"),
        pytest.param(["search"], id="missing-query"),
        pytest.param(["search", "x", "--code", "abc"], id="bad-code"),
        pytest.param(["search", "x", "--code", "9.9"], id="code-not-in-rubric"),
        pytest.param(["search", "  "], id="empty-query"),
        pytest.param(["index", "--bogus"], id="unknown-option"),
        pytest.param(["nonsense"], id="unknown-command"),
    ],
)
def test_bad_usage_exits_2_with_one_line(cli, args):
    result = cli(*args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output



@pytest.mark.parametrize(
    "args, vietnamese",
    [
        pytest.param(["search"], "thiếu 'QUERY...'", id="missing-query"),
        pytest.param(["index", "--bogus"], "không có tùy chọn --bogus", id="unknown-option"),
        pytest.param(["nonsense"], "không có lệnh “nonsense”", id="unknown-command"),
        pytest.param(["serch", "x"], "không có lệnh “serch”; có phải search, serve?", id="mistyped-command"),
        pytest.param(["coverag"], "không có lệnh “coverag”; có phải coverage?", id="mistyped-command-one-guess"),
        pytest.param(["files", "thu", "xin"], "thừa tham số: thu xin", id="extra-words"),
        pytest.param(["index", "--workers"], "tùy chọn --workers cần một giá trị", id="option-without-value"),
        pytest.param(["coverage", "--format", "pdf"], "giá trị không hợp lệ cho '--format'", id="bad-choice"),
    ],
)
def test_click_usage_errors_are_said_in_vietnamese_first(cli, args, vietnamese):
    # Ward staff read Vietnamese; click's own messages were English only.
    line = cli(*args).stderr.strip()
    assert line.startswith(f"Lỗi / error: {vietnamese}") and "--help" in line


def test_words_typed_without_quotes_are_one_query(cli, folder):
    # `search bien ban --code 3.1`, an example of search's own --help, was refused.
    cli("index", "--root", folder)
    quoted = json.loads(cli("search", "--root", folder, "thu xin loi", "--json").stdout)
    loose = json.loads(cli("search", "--root", folder, "thu", "xin", "loi", "--json").stdout)
    assert loose == quoted and loose["query"] == "thu xin loi" and loose["hits"]

def test_search_before_index_says_what_to_do(cli, root):
    result = cli("search", "x", "--root", root)
    assert result.exit_code == 2
    assert "minhchung index" in result.stderr


def test_broken_rubric_names_file_and_exits_2(cli, folder):
    (folder / "rubric.toml").write_text('[unit]\nname = "UBND"\n[[criteria]]\ncode = "1"\ntitle = "x"\npoints = "ba"\n', encoding="utf-8")
    result = cli("index", "--root", folder)
    assert result.exit_code == 2
    assert "rubric.toml" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    # Vietnamese first, the English after, as every other error (QA: `not valid TOML: ...` only).
    (folder / "rubric.toml").write_text('[unit]\nname = "UBND"\n[[criteria]]\ncode = "1"\ntitle = "x"\npoints = ba\n', encoding="utf-8")
    result = cli("index", "--root", folder)
    assert result.exit_code == 2 and result.stderr == (
        f"Lỗi / error: {folder / 'rubric.toml'}: sai cú pháp TOML ở dòng 6, cột 10"
        ' / not valid TOML: Invalid value (at line 6, column 10): "points = ba"\n'
    )
    result = cli("coverage", "--root", folder, "--rubric", folder / "nope.toml")
    assert result.exit_code == 2 and result.stderr == f"Lỗi / error: {folder / 'nope.toml'}: không có tệp bộ tiêu chí này / rubric file not found\n"


def test_every_command_has_help_with_an_example(cli):
    for name, command in cli_module.main.commands.items():
        result = cli(name, "--help")
        assert result.exit_code == 0, name
        assert "Example" in result.stdout, f"{name} --help has no example"
        # click's own words too: its headings and defaults were English in a Vietnamese help
        assert result.stdout.startswith("Cách dùng / Usage: ") and f" {name} [OPTIONS]" in result.stdout, name
        assert "Tùy chọn / Options:" in result.stdout and "[default:" not in result.stdout, name
    assert "[mặc định: 10; 1<=x<=1000]" in cli("search", "--help").stdout
    assert "Lệnh / Commands:" in cli("--help").stdout


def test_search_by_number_and_without_diacritics_through_the_cli(cli, root):
    import datetime as dt

    from bench.docgen import official_document, split_header

    lines = official_document("KH", 91, dt.date(2026, 2, 13), "Triển khai mô hình Chính quyền thân thiện", ["Nội dung kế hoạch."])
    header, body = split_header(lines)
    write_docx(root / "ke hoach.docx", body, header_table=header)
    write_docx(root / "bao cao.docx", ["Thực hiện Kế hoạch số 91/KH-UBND của phường, báo cáo kết quả."])
    cli("index", "--root", root)
    for query in ("91/KH-UBND", "91 kh ubnd", "91/kh-ubnd"):
        data = json.loads(cli("search", query, "--root", root, "--json").stdout)
        assert data["hits"][0]["path"] == "ke hoach.docx", query
        assert data["hits"][0]["doc"] == {"number": "91/KH-UBND", "date": "2026-02-13", "type": "KẾ HOẠCH"}
    human = cli("search", "trien khai mo hinh", "--root", root).stdout
    assert "ke hoach.docx" in human and "Số 91/KH-UBND" in human


def test_the_engine_is_chosen_once_and_kept_until_asked_again(cli, root):
    from indexer.build import resolve_paths
    from indexer.store import engine_of
    from search.query import close_all

    write_docx(root / "thu xin loi.docx", ["Thư xin lỗi công dân vì giải quyết hồ sơ trễ hẹn."])
    text_dir = resolve_paths(root).text_dir
    found = lambda: [h["path"] for h in json.loads(cli("search", "thu xin loi", "--root", root, "--json").stdout)["hits"]]  # noqa: E731
    assert cli("index", "--root", root, "--engine", "whoosh").exit_code == 0
    assert engine_of(text_dir) == "whoosh" and found() == ["thu xin loi.docx"]
    close_all()
    (root / "moi.txt").write_text("tệp mới", encoding="utf-8")
    assert cli("index", "--root", root).exit_code == 0  # no --engine: the index keeps its engine
    assert engine_of(text_dir) == "whoosh"
    close_all()
    assert cli("index", "--root", root, "--engine", "sqlite", "--json").exit_code == 0  # another: rebuilt
    assert engine_of(text_dir) == "sqlite" and found() == ["thu xin loi.docx"]
    close_all()
    assert cli("index", "--root", root, "--rebuild").exit_code == 0  # a rebuild keeps the engine
    assert engine_of(text_dir) == "sqlite"
    bad = cli("index", "--root", root, "--engine", "lucene")
    assert bad.exit_code == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_output_is_utf8_whatever_the_locale(folder, tmp_path):
    import os
    import subprocess
    import sys

    # Windows gives redirected output its ANSI code page: `coverage --json > x.json` died there.
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    cli_py = str(Path(cli_module.__file__))
    subprocess.run([sys.executable, cli_py, "index", "--root", folder, "--workers", "0", "--no-ocr"], env=env, capture_output=True, check=True)
    done = subprocess.run([sys.executable, cli_py, "coverage", "--root", folder, "--json"], env=env, capture_output=True)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert json.loads(done.stdout.decode("utf-8"))["criteria"][0]["title"] == "Chính quyền công khai, minh bạch"


def test_an_empty_folder_is_said_to_be_empty(cli, root):
    result = cli("index", "--root", root, "--workers", "0")
    assert result.exit_code == 0 and "không có tệp minh chứng nào" in result.stdout


def test_a_rename_is_said_to_be_one(cli, folder):
    cli("index", "--root", folder, "--workers", "0")
    (folder / "Thu xin loi.docx").rename(folder / "TC2.4 Thu xin loi.docx")
    data = json.loads(cli("index", "--root", folder, "--json", "--workers", "0").stdout)
    # Once, as renamed: `added` 1 beside `renamed` 1 read as two files changed for one moved.
    assert (data["added"], data["removed"], data["renamed"]) == (0, 0, 1)
    assert data["added"] + data["updated"] + data["renamed"] + data["unchanged"] == 6  # every file once
    (folder / "TC2.4 Thu xin loi.docx").rename(folder / "Thu xin loi.docx")
    assert "thêm mới 0, đổi tên hoặc chuyển chỗ 1, cập nhật 0, xóa 0" in cli("index", "--root", folder, "--workers", "0").stdout


def test_control_characters_in_names_are_shown_not_obeyed(root):
    from click.testing import CliRunner

    # ESC [2J clears a terminal, ESC ]0;... retitles it: a name must not do either to a reviewer.
    hostile = "Thu xin loi \x1b[2J\x1b]0;pwned\x07.docx"
    write_docx(root / hostile, ["THƯ XIN LỖI", "Phường gửi thư xin lỗi công dân vì trả kết quả chậm."])
    runner = CliRunner()
    for args in (["index", "--workers", "0"], ["files"], ["search", "thu xin loi"], ["duplicates"], ["coverage"]):
        result = runner.invoke(cli_module.main, [*args, "--root", str(root)], color=True, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert "\x1b[2J" not in result.output and "\x1b]0" not in result.output, args
    out = runner.invoke(cli_module.main, ["files", "--root", str(root)], color=True).output
    assert "Thu xin loi \\x1b[2J\\x1b]0;pwned\\x07.docx" in out
    searched = runner.invoke(cli_module.main, ["search", "thu xin loi", "--root", str(root)], color=True).output
    assert "\\x1b[2J" in searched and "\x1b[1m" in searched  # the hit's own bold stays


@pytest.mark.parametrize("name", ["a[/]b.docx", "QĐ [bản chính].docx"])
def test_brackets_in_names_reach_the_progress_bar_as_written(monkeypatch, name):
    import io

    from rich.console import Console

    # rich reads `[...]` as markup: `[/]` stopped `index` on a terminal, `[bản chính]` vanished.
    screen = io.StringIO()
    monkeypatch.setattr(cli_module, "_stderr_console", lambda: Console(file=screen, force_terminal=True, width=200))
    for bar in (cli_module._progress_bar(True), cli_module._export_bar(True)):
        with bar as update:
            update("extract", 1, 2, name)
            bar.bar.refresh()
    assert name in screen.getvalue()


def test_files_marks_each_code_once(cli, root):
    (root / "2.4 Thu xin loi").mkdir()
    write_docx(root / "2.4 Thu xin loi" / "TC2.4 Thu ong Tam.docx", ["THƯ XIN LỖI", "Phường gửi thư xin lỗi ông Tâm vì trả kết quả chậm."])
    cli("index", "--root", root, "--workers", "0")
    [line] = [line for line in cli("files", "--root", root).stdout.splitlines() if "Thu ong Tam" in line]
    assert line.split()[0] == "2.4" and "2.4, 2.4" not in line


def test_many_photos_without_text_take_one_line(cli, root):
    from PIL import Image

    # A ward's folder holds hundreds of photos of its meetings: one line says so, and the one
    # damaged file stays in sight. JSON keeps every file.
    (root / "4.1 Canh quan").mkdir()
    for n in range(5):
        Image.new("RGB", (40, 30), (20 * n, 120, 60)).save(root / "4.1 Canh quan" / f"IMG_{n}.jpg")
    (root / "hong.pdf").write_bytes(b"%PDF-1.4 broken")
    # Photos have no text as a rule: they are a note, not among the problems (22 photos under
    # "Tệp có vấn đề (23)" alarmed a commune's tester).
    summary = cli("index", "--root", root, "--workers", "0", "--no-ocr").stdout
    marked = [line for line in summary.splitlines() if line.startswith("  !")]
    assert len(marked) == 1 and "hong.pdf" in marked[0] and "Tệp có vấn đề (1)" in summary
    assert "Lưu ý: 5 ảnh không có chữ — ảnh: đang tắt OCR (--no-ocr); chỉ gắn theo tên tệp và thư mục" in summary
    report = cli("coverage", "--root", root).stdout
    assert "Tệp có vấn đề (1)" in report and "Lưu ý: 5 ảnh không có chữ" in report
    assert "IMG_0.jpg" not in report.split("Tệp có vấn đề")[-1]  # listed as evidence of 4.1 only
    data = json.loads(cli("index", "--root", root, "--json", "--no-ocr").stdout)
    assert len(data["problems"]) == 6


def test_json_stays_json_and_colours_stay_colours_with_control_characters_in_names(root):
    from click.testing import CliRunner

    write_docx(root / "TC1.2 Bang phi\x7f\x85.docx", ["Bảng công khai mức thu phí, lệ phí."])
    runner = CliRunner()
    assert runner.invoke(cli_module.main, ["index", "--root", str(root), "--workers", "0"]).exit_code == 0
    data = json.loads(runner.invoke(cli_module.main, ["coverage", "--root", str(root), "--json"], color=True).output)
    assert data["criteria"][0]["subcriteria"][1]["evidence"][0]["path"] == "TC1.2 Bang phi\x7f\x85.docx"
    assert cli_module.visible("\x1b[1mBẢNG\x1b[0m \x1b[2J") == "\x1b[1mBẢNG\x1b[0m \\x1b[2J"  # the table's colours pass


def test_reading_commands_work_on_a_catalog_from_the_previous_release(cli, folder):
    import sqlite3

    # Upgraded, then `search` before any `index` (or a reviewer's read-only copy): the catalog has
    # no ctime column yet, and files/search/coverage died on "no such column".
    assert cli("index", "--root", folder, "--workers", "0").exit_code == 0
    db = sqlite3.connect(folder / ".minhchung" / "catalog.sqlite3")
    db.execute("ALTER TABLE files DROP COLUMN ctime_ns")
    db.commit()
    db.close()
    for args in (["files", "--json"], ["search", "bang phi"], ["coverage", "--json"]):
        result = cli(*args, "--root", folder)
        assert result.exit_code == 0, (args, result.output)
    assert cli("index", "--root", folder, "--json").exit_code == 0  # and `index` adds the column


def test_files_says_a_summary_counts_once_a_reviewer_tagged_it(cli, root, seed_report_text):
    write_docx(root / "Bao cao 6 thang.docx", seed_report_text.splitlines())
    cli("index", "--root", root, "--workers", "0")
    [line] = [x for x in cli("files", "--root", root).stdout.splitlines() if "Bao cao 6 thang" in x]
    assert "văn bản tổng hợp, không tính là minh chứng" in line
    assert cli("tag", "--root", root, "Bao cao 6 thang.docx", "1.1").exit_code == 0
    [line] = [x for x in cli("files", "--root", root).stdout.splitlines() if "Bao cao 6 thang" in x]
    assert line.startswith("1.1 ") and "văn bản tổng hợp" in line and "không tính" not in line


@pytest.mark.parametrize("command", [["index", "--no-ocr", "--workers", "0"], ["files"], ["search", "thu"], ["coverage"]])
def test_an_index_path_that_is_a_file_is_said_so(cli, root, command):
    # A file named `.minhchung`: index said it could not write, files said to run index.
    (root / "a.txt").write_text("Thư xin lỗi.", encoding="utf-8")
    (root / ".minhchung").write_text("", encoding="utf-8")
    result = cli(*command, "--root", root)
    assert result.exit_code == 2 and "không phải thư mục chỉ mục" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_system_folder_is_no_evidence_folder(cli):
    # `index --root /proc` hashed each process's pagemap until the time limit, for hours.
    result = cli("index", "--root", "/proc")
    assert result.exit_code == 2 and "thư mục hệ thống (proc)" in result.stderr
