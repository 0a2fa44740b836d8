"""Coverage: proven / suggested / missing, the provable score, and the seed report's 98/100."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from urllib.parse import quote

import pytest

from bench.docgen import official_document, split_header, write_docx, write_pdf
from indexer.models import (
    Criterion,
    DocMeta,
    Evidence,
    FileStatus,
    Rubric,
    Status,
    SubCriterion,
    Tag,
    TagSource,
)
from search.coverage import compute_coverage, with_name_tags

SEED_REPORT_NAME = "Bao cao ket qua CQTT 6 thang dau nam 2026.docx"
OUT_OF_PERIOD_CODE = "1.5"


def _evidence_file(folder, sub, n: int) -> str:
    """One real document proving `sub`, named in one of the ways staff name files."""
    date = dt.date(2025, 11, 18) if sub.code == OUT_OF_PERIOD_CODE else dt.date(2026, 1 + n % 6, 1 + n)
    lines = official_document(
        "KH" if n % 2 else "TB", 20 + n, date, sub.title,
        [f"Ủy ban nhân dân phường triển khai nội dung {sub.keywords[0]} trên địa bàn.",
         f"Kết quả: {sub.keywords[-1]} được thực hiện đầy đủ, đúng quy định."],
    )  # fmt: skip
    header, body = split_header(lines)
    criterion, number = sub.code.split(".")
    # A couple of PDFs among the Word files: writing a PDF embeds a font and costs a third of a second.
    suffix = ".pdf" if sub.code in ("2.1", "4.1") else ".docx"
    rel = {
        "1": f"TC{sub.code} - minh chung",
        "2": f"{sub.code}_minh chung",
        "3": f"Tieu chi 3/{sub.code} Ho so/van ban {n}",
        "4": f"tc {criterion}-{number} minh chung",
    }[criterion] + suffix
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".pdf":
        write_pdf(path, [body], header_table=header)
    else:
        write_docx(path, body, header_table=header)
    return rel


@pytest.fixture(scope="module")
def reference(tmp_path_factory, rubric, seed_report_text):
    """The issue's reference folder: evidence for every sub-criterion but 4.6, and the seed report."""
    from indexer.build import build_index, resolve_paths

    folder = tmp_path_factory.mktemp("reference") / "evidence"
    folder.mkdir()
    for n, sub in enumerate(rubric.subcriteria):
        if sub.code != "4.6":
            _evidence_file(folder, sub, n)
    write_docx(folder / SEED_REPORT_NAME, [line for line in seed_report_text.splitlines() if line.strip()])
    build_index(resolve_paths(folder), rubric, workers=0, ocr=False)
    return folder


def _coverage_json(cli, folder, *extra) -> dict:
    result = cli("coverage", "--root", folder, "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _sub(data: dict, code: str) -> dict:
    return next(s for c in data["criteria"] for s in c["subcriteria"] if s["code"] == code)


def test_reference_case_is_98_of_100_with_4_6_missing(cli, reference):
    data = _coverage_json(cli, reference)
    assert data["schema"] == 1
    assert data["score"] == {"provable": 98, "max": 100}
    by_code = {c["code"]: c for c in data["criteria"]}
    assert [(c, by_code[c]["provable"], by_code[c]["points"]) for c in "1234"] == [
        ("1", 24, 24), ("2", 24, 24), ("3", 26, 26), ("4", 24, 26),
    ]  # fmt: skip
    gap = _sub(data, "4.6")
    assert (gap["status"], gap["provable"], gap["evidence"]) == ("missing", 0, [])
    statuses = {s["code"]: s["status"] for c in data["criteria"] for s in c["subcriteria"]}
    assert {code for code, status in statuses.items() if status != "proven"} == {"4.6"}


def test_reference_case_seed_report_is_general_and_proves_nothing(cli, reference):
    data = _coverage_json(cli, reference)
    assert data["general"] == [{"path": SEED_REPORT_NAME}]
    listed = {e["path"] for c in data["criteria"] for s in c["subcriteria"] for e in s["evidence"]}
    assert SEED_REPORT_NAME not in listed
    assert data["problems"] == []


def test_json_follows_the_contract(cli, reference):
    data = _coverage_json(cli, reference)
    assert {"schema", "score", "criteria", "problems"} <= set(data)
    criterion = data["criteria"][0]
    assert {"code", "title", "points", "provable", "subcriteria"} <= set(criterion)
    sub = criterion["subcriteria"][0]
    assert {"code", "title", "points", "status", "evidence"} <= set(sub)
    [ref] = sub["evidence"]
    assert {"path", "source", "confidence"} <= set(ref)
    assert ref["source"] in {"filename", "folder", "manual", "keyword"} and 0.0 <= ref["confidence"] <= 1.0
    folder_proof = _sub(data, "3.2")["evidence"][0]
    assert folder_proof["path"].startswith("Tieu chi 3/3.2 Ho so/") and folder_proof["source"] == "folder"
    assert data["unit"] == "" and data["period"] == {"start": "2026-01-01", "end": "2026-06-30"}


def test_out_of_period_evidence_counts_but_is_flagged(cli, reference):
    sub = _sub(_coverage_json(cli, reference), OUT_OF_PERIOD_CODE)
    [ref] = sub["evidence"]
    assert sub["status"] == "proven" and sub["provable"] == sub["points"]
    assert ref["in_period"] is False and ref["doc"]["date"] == "2025-11-18"
    markdown = cli("coverage", "--root", reference, "--format", "md").stdout
    row = next(line for line in markdown.splitlines() if line.startswith("| ✓ | 1.5 |"))
    assert "TC1.5 - minh chung.docx" in row and "ngoài kỳ đánh giá" in row


def test_text_report_when_piped_is_plain_and_says_the_score(cli, reference):
    result = cli("coverage", "--root", reference)
    assert result.exit_code == 0
    assert "Điểm đã có minh chứng: 98/100" in result.stdout
    assert "\x1b[" not in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.split()[:2] == ["✗", "4.6"])
    assert row.rstrip().endswith("0/2")
    assert "Tiêu chí 4. Chính quyền xanh, văn minh, hiện đại" in result.stdout and "24/26" in result.stdout


def test_strict_prints_then_exits_1_when_something_is_not_proven(cli, reference):
    result = cli("coverage", "--root", reference, "--strict", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["score"]["provable"] == 98
    assert "4.6" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_strict_passes_when_everything_is_proven(cli, root, index_root, rubric):
    (root / "rubric.toml").write_text(_SMALL_RUBRIC.format(min_evidence=1), encoding="utf-8")
    write_docx(root / "TC1.1 bang phi.docx", ["Bảng phí."])
    write_docx(root / "TC1.2 duong day nong.docx", ["Đường dây nóng."])
    from indexer.rubric import load_rubric

    index_root(root, rubric=load_rubric(None, root))
    assert cli("coverage", "--root", root, "--strict").exit_code == 0


_SMALL_RUBRIC = """
title = "Thử"
version = "t1"
[unit]
name = "UBND phường Thử Nghiệm"
[[criteria]]
code = "1"
title = "Công khai"
points = 7
[[criteria.subcriteria]]
code = "1.1"
title = "Bảng phí"
points = 3
keywords = ["bảng phí", "lệ phí"]
[[criteria.subcriteria]]
code = "1.2"
title = "Đường dây nóng"
points = 4
min_evidence = {min_evidence}
keywords = ["đường dây nóng", "số điện thoại"]
"""


def test_two_copies_of_one_file_are_one_proof(cli, root, index_root):
    from indexer.rubric import load_rubric

    (root / "rubric.toml").write_text(_SMALL_RUBRIC.format(min_evidence=2), encoding="utf-8")
    write_docx(root / "TC1.2 duong day nong.docx", ["Số điện thoại đường dây nóng: 0225 3 123 456."])
    (root / "Tieu chi 1" / "1.2 Duong day nong").mkdir(parents=True)
    (root / "Tieu chi 1" / "1.2 Duong day nong" / "ban sao.docx").write_bytes((root / "TC1.2 duong day nong.docx").read_bytes())
    write_docx(root / "Thong bao phi.docx", ["Thông báo công khai bảng phí, lệ phí hộ tịch năm 2026."])
    index_root(root, rubric=load_rubric(None, root))

    data = _coverage_json(cli, root)
    hotline = _sub(data, "1.2")
    assert (hotline["status"], hotline["provable"], hotline["proofs"], hotline["min_evidence"]) == ("suggested", 0, 1, 2)
    assert [(e["path"], e["copy_of"]) for e in hotline["evidence"]] == [
        ("TC1.2 duong day nong.docx", None),
        ("Tieu chi 1/1.2 Duong day nong/ban sao.docx", "TC1.2 duong day nong.docx"),
    ]  # fmt: skip
    fees = _sub(data, "1.1")
    assert fees["status"] == "suggested" and [e["source"] for e in fees["evidence"]] == ["keyword"]
    assert data["score"] == {"provable": 0, "max": 7}
    assert data["problems"] == []  # the rubric.toml beside the evidence is not evidence
    text = cli("coverage", "--root", root).stdout
    assert "Chưa đủ minh chứng: có 1/2 tệp khác nhau" in text
    assert 'minhchung tag "Thong bao phi.docx" 1.1' in text


def test_the_copy_named_as_a_copy_is_the_one_counted_twice(cli, root, index_root):
    # `Thu cam on.docx · bản sao của Thu cam on (1).docx`: the original was called the copy.
    folder = root / "2.4 Thu cam on"
    folder.mkdir()
    write_docx(folder / "Thu cam on ong Ba.docx", ["Thư cảm ơn ông Ba."])
    for copy in ("Thu cam on ong Ba (1).docx", "Copy of Thu cam on ong Ba.docx"):
        (folder / copy).write_bytes((folder / "Thu cam on ong Ba.docx").read_bytes())
    index_root(root)
    listed = [(e["path"].rsplit("/", 1)[-1], e["copy_of"]) for e in _sub(_coverage_json(cli, root), "2.4")["evidence"]]
    original = "2.4 Thu cam on/Thu cam on ong Ba.docx"
    assert listed == [
        ("Thu cam on ong Ba.docx", None),
        ("Copy of Thu cam on ong Ba.docx", original),
        ("Thu cam on ong Ba (1).docx", original),
    ]  # fmt: skip


def test_of_an_original_and_its_copy_both_only_suggested_the_original_comes_first(cli, root, index_root):
    # QA: the `minhchung tag` hint named `Lich tiep cong dan - Copy.docx` and `Bang phi (1).pdf`:
    # suggestions were ordered by source, confidence and path, where ` - Copy` sorts before `.docx`.
    write_docx(root / "Lich tiep cong dan.docx", ["THÔNG BÁO", "Lịch tiếp công dân định kỳ của Chủ tịch UBND phường.", "Nội quy tiếp công dân."])
    (root / "Lich tiep cong dan - Copy.docx").write_bytes((root / "Lich tiep cong dan.docx").read_bytes())
    write_docx(root / "Bang phi le phi.docx", ["BẢNG PHÍ, LỆ PHÍ", "Biểu phí, lệ phí niêm yết tại bộ phận một cửa."])
    (root / "Bang phi le phi (1).docx").write_bytes((root / "Bang phi le phi.docx").read_bytes())
    index_root(root)
    data = _coverage_json(cli, root)
    for code, original, copy in (("1.4", "Lich tiep cong dan.docx", "Lich tiep cong dan - Copy.docx"), ("1.2", "Bang phi le phi.docx", "Bang phi le phi (1).docx")):
        sub = _sub(data, code)
        assert sub["status"] == "suggested", sub
        assert [e["path"] for e in sub["evidence"]][:2] == [original, copy], sub
    text = " ".join(cli("coverage", "--root", root).stdout.split())  # the table wraps long lines
    assert 'minhchung tag "Lich tiep cong dan.docx" 1.4' in text and 'minhchung tag "Bang phi le phi.docx" 1.2' in text, text


def test_suggestions_of_the_same_bytes_are_listed_together_the_copy_after():
    from search.coverage import _same_bytes_together
    from indexer.models import EvidenceRef

    def ref(path: str, sha: str, source=TagSource.KEYWORD) -> EvidenceRef:
        return EvidenceRef(path=path, source=source, confidence=0.9, reason="", sha256=sha)

    # A copy tagged by its name ranks above its original (a keyword suggestion): listed with it, after it.
    ranked = [ref("TC1.4 lich - Copy.docx", "a", TagSource.FILENAME), ref("Khac.docx", "b"), ref("lich.docx", "a")]
    assert [r.path for r in _same_bytes_together(ranked)] == ["lich.docx", "TC1.4 lich - Copy.docx", "Khac.docx"]


def test_a_suggestion_with_the_bytes_of_a_proof_is_named_a_copy(cli, root, index_root):
    # A blind tester saw `Copy of So theo doi.xlsx` as a "?" beside the proof it copies, copy_of null.
    write_docx(root / "TC2.4 Thu xin loi.docx", ["THƯ XIN LỖI", "Phường gửi thư xin lỗi ông Tâm vì trả kết quả chậm."])
    (root / "Van ban di").mkdir()
    (root / "Van ban di" / "New Microsoft Word Document.docx").write_bytes((root / "TC2.4 Thu xin loi.docx").read_bytes())
    index_root(root)
    sub = _sub(_coverage_json(cli, root), "2.4")
    assert [(e["path"], e["source"], e["copy_of"]) for e in sub["evidence"]] == [
        ("TC2.4 Thu xin loi.docx", "filename", None),
        ("Van ban di/New Microsoft Word Document.docx", "keyword", "TC2.4 Thu xin loi.docx"),
    ]  # fmt: skip



def test_what_the_walk_found_is_in_coverage_not_only_in_index(cli, root, index_root, tmp_path):
    # A link loop or a link out of the share was said once by `index`; a reviewer reads coverage.
    (root / "a").mkdir()
    (root / "a" / "loop").symlink_to(root)
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (root / "ra ngoai").symlink_to(outside)
    (root / "TC2.4 thu.txt").write_text("Thư xin lỗi.", encoding="utf-8")
    paths, _ = index_root(root)
    found = {(p["path"], p["problem"]) for p in _coverage_json(cli, root)["problems"]}
    assert found == {("a/loop", "link-loop"), ("ra ngoai", "outside-root")}
    assert "liên kết vòng, không theo (liên kết trỏ về thư mục chứa nó)" in cli("coverage", "--root", root).stdout
    index_root(root, only={"TC2.4 thu.txt"})  # a watcher's pass over one file keeps them
    assert {(p["path"], p["problem"]) for p in _coverage_json(cli, root)["problems"]} == found
    (root / "a" / "loop").unlink()
    index_root(root, only={"a/loop"})  # the watcher's pass for the link taken away
    assert {(p["path"], p["problem"]) for p in _coverage_json(cli, root)["problems"]} == {("ra ngoai", "outside-root")}
    (root / "ra ngoai").unlink()
    index_root(root)
    assert _coverage_json(cli, root)["problems"] == []

def test_names_are_read_against_the_rubric_of_the_day(cli, root, index_root):
    from indexer.rubric import load_rubric

    (root / "rubric.toml").write_text(_SMALL_RUBRIC.format(min_evidence=1), encoding="utf-8")
    write_docx(root / "TC1.2 duong day nong.docx", ["Số điện thoại đường dây nóng: 0225 3 123 456."])
    write_docx(root / "TC1.9 khac.docx", ["Một văn bản khác."])
    index_root(root, rubric=load_rubric(None, root))
    data = _coverage_json(cli, root)
    assert [(p["path"], p["problem"]) for p in data["problems"]] == [("TC1.9 khac.docx", "unknown-code")]
    assert _sub(data, "1.2")["status"] == "proven"

    # The rubric renumbers 1.2 to 1.9 and nothing is indexed again: the names are read anew.
    edited = _SMALL_RUBRIC.format(min_evidence=1).replace('code = "1.2"', 'code = "1.9"')
    (root / "rubric.toml").write_text(edited, encoding="utf-8")
    data = _coverage_json(cli, root)
    assert [(p["path"], p["problem"]) for p in data["problems"]] == [("TC1.2 duong day nong.docx", "unknown-code")]
    assert [e["path"] for e in _sub(data, "1.9")["evidence"]] == ["TC1.9 khac.docx"]


def test_evidence_whose_name_tags_are_current_is_kept_as_it_is():
    current = ev("TC1.1 bang phi.docx", Tag("1.1", TagSource.FILENAME, 1.0, "tên tệp: TC1.1 bang phi.docx"), keyword("1.2"))
    assert with_name_tags(current, RUBRIC) is current


def test_coverage_before_index_says_what_to_do(cli, root):
    result = cli("coverage", "--root", root)
    assert result.exit_code == 2 and "minhchung index" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--format", "docx"], id="docx-needs-output"),
        pytest.param(["--json", "--format", "html"], id="json-and-format"),
        pytest.param(["--format", "pdf"], id="unknown-format"),
    ],
)
def test_bad_coverage_options_exit_2_with_one_line(cli, reference, args):
    result = cli("coverage", "--root", reference, *args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_output_files_are_written(cli, reference, tmp_path):
    for fmt, name in (("html", "bang.html"), ("md", "bang.md"), ("docx", "bang.docx"), ("text", "bang.txt")):
        result = cli("coverage", "--root", reference, "--format", fmt, "-o", tmp_path / name)
        assert result.exit_code == 0, result.output
        assert result.stdout == ""
    assert "98/100" in (tmp_path / "bang.html").read_text(encoding="utf-8")
    assert "Điểm đã có minh chứng: 98/100" in (tmp_path / "bang.txt").read_text(encoding="utf-8")
    # The page lives outside the evidence folder: its links climb from the page to the files.
    climb = os.path.relpath(reference, tmp_path)
    assert climb.startswith("..")
    assert f'href="{quote(climb)}/TC1.1%20-%20minh%20chung.docx"' in (tmp_path / "bang.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_a_report_that_cannot_be_written_is_one_line(cli, reference, tmp_path, fmt):
    # A tester's `--format docx -o /nonexistent/x.docx` ended in a traceback (md said one line).
    result = cli("coverage", "--root", reference, "--format", fmt, "-o", tmp_path / "khong co" / f"bang.{fmt}")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "không ghi được" in result.stderr


def test_a_report_never_writes_over_the_tags_the_index_or_the_rubric(cli, reference, tmp_path):
    # `-o .minhchung-tags.txt` replaced the hand-made tags, `-o .minhchung/catalog.sqlite3` the index.
    from indexer.manual import tags_path

    tags = tags_path(reference)
    before = tags.read_bytes() if tags.exists() else None
    catalog = next((reference / ".minhchung").glob("catalog*"))
    catalog_bytes = catalog.read_bytes()
    for target in (tags, catalog, reference / ".minhchung" / "bang.md"):
        result = cli("coverage", "--root", reference, "--format", "md", "-o", target)
        assert result.exit_code == 2 and "tệp của minhchung" in result.stderr, target
    assert (tags.read_bytes() if tags.exists() else None) == before and catalog.read_bytes() == catalog_bytes
    from indexer.rubric import default_rubric_path

    rubric = tmp_path / "bo tieu chi.toml"
    rubric.write_bytes(default_rubric_path().read_bytes())
    result = cli("coverage", "--root", reference, "--rubric", rubric, "--format", "md", "-o", rubric)
    assert result.exit_code == 2 and rubric.read_bytes() == default_rubric_path().read_bytes()
    # A report written again over an old one is replaced whole.
    (tmp_path / "bang.md").write_text("cũ", encoding="utf-8")
    assert cli("coverage", "--root", reference, "--format", "md", "-o", tmp_path / "bang.md").exit_code == 0
    assert "98/100" in (tmp_path / "bang.md").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_report_never_writes_the_roots_rubric_nor_through_a_planted_link(cli, reference, tmp_path):
    import re as regex

    from search import report

    # A review: with no rubric.toml in the root (or another one given), `-o rubric.toml` made one
    # of the report, and every command then failed on it.
    result = cli("coverage", "--root", reference, "--format", "md", "-o", reference / "rubric.toml")
    assert result.exit_code == 2 and not (reference / "rubric.toml").exists()
    # The temporary name was guessable (`report.md.<pid>.tmp`): a link planted there was written through.
    victim = tmp_path / "victim.txt"
    victim.write_text("giữ nguyên", encoding="utf-8")
    os.symlink(victim, tmp_path / f"bang.md.{os.getpid()}.tmp")
    (tmp_path / "bang.md").write_text("cũ", encoding="utf-8")
    os.chmod(tmp_path / "bang.md", 0o640)
    report.save(tmp_path / "bang.md", (), reference / ".minhchung", lambda path: Path(path).write_text("mới", encoding="utf-8"), reference)
    assert victim.read_text(encoding="utf-8") == "giữ nguyên" and (tmp_path / "bang.md").read_text(encoding="utf-8") == "mới"
    assert not (tmp_path / "bang.md").is_symlink() and oct((tmp_path / "bang.md").stat().st_mode & 0o777) == oct(0o640)
    assert not [p for p in tmp_path.iterdir() if regex.fullmatch(r"\.bang\.md\..*\.tmp", p.name)]


def test_a_report_never_writes_over_evidence_but_over_last_weeks_report(cli, root, tmp_path):
    # `--format docx -o "TC1.1 Ke hoach.docx"` in the root replaced the evidence with the table.
    import docx

    write_docx(root / "TC1.1 Ke hoach.docx", ["Kế hoạch công khai thủ tục hành chính."])
    (root / "TC1.2 Bang phi.txt").write_text("Bảng phí, lệ phí.", encoding="utf-8")
    (root / "Tieu chi 1").mkdir()
    (root / "Tieu chi 1" / "trang web.html").write_text("<!DOCTYPE html><p>Bảng phí, lệ phí năm 2026.</p>", encoding="utf-8")
    handmade = docx.Document()  # the ward's own table, made before minhchung: same title, another author
    handmade.add_paragraph("BẢNG MINH CHỨNG")
    handmade.core_properties.author = "Nguyễn Văn A"
    handmade.save(root / "Bang minh chung tu lam.docx")
    assert cli("index", "--root", root, "--workers", "0", "--no-ocr").exit_code == 0
    os.symlink(root / "TC1.2 Bang phi.txt", tmp_path / "qua lien ket.txt")
    for fmt, target in (("docx", root / "TC1.1 Ke hoach.docx"), ("text", root / "TC1.2 Bang phi.txt"), ("html", root / "Tieu chi 1" / "trang web.html"),
                        ("docx", root / "Bang minh chung tu lam.docx"), ("md", tmp_path / "qua lien ket.txt")):  # fmt: skip
        before = target.read_bytes()
        result = cli("coverage", "--root", root, "--format", fmt, "-o", target)
        assert result.exit_code == 2 and "tệp minh chứng trong thư mục minh chứng" in result.stderr, target
        assert len(result.stderr.strip().splitlines()) == 1 and target.read_bytes() == before
    # Every week into the root, indexed in between: the last report is replaced.
    for args, name in ((["--format", "html"], "bang.html"), (["--format", "md"], "bang.md"), (["--format", "docx"], "bang.docx"),
                       (["--format", "text"], "bang.txt"), (["--json"], "bang.json")):  # fmt: skip
        for week in range(2):
            result = cli("coverage", "--root", root, *args, "-o", root / name)
            assert result.exit_code == 0, (name, week, result.stderr)
            assert cli("index", "--root", root, "--workers", "0", "--no-ocr").exit_code == 0
    old = docx.Document(root / "bang.docx")  # as Word reports were written before they named their author
    old.core_properties.author = "python-docx"
    old.save(root / "bang.docx")
    assert cli("coverage", "--root", root, "--format", "docx", "-o", root / "bang.docx").exit_code == 0


# --- the rule itself, without an index -----------------------------------------------------------

RUBRIC = Rubric(
    unit="UBND phường Thử Nghiệm",
    criteria=(
        Criterion("1", "Công khai", 7, (
            SubCriterion("1.1", "Bảng phí", 3, ("bảng phí",)),
            SubCriterion("1.2", "Đường dây nóng", 4, ("đường dây nóng",), min_evidence=2),
        )),
        Criterion("2", "Phục vụ", 5, (SubCriterion("2.1", "Thư xin lỗi", 5, ("thư xin lỗi",)),)),
    ),
    version="t1",
    period_start=dt.date(2026, 1, 1),
    period_end=dt.date(2026, 6, 30),
)  # fmt: skip


def ev(path: str, *tags: Tag, content: str | None = None, status=FileStatus.OK, general=False, date=None) -> Evidence:
    sha = hashlib.sha256((content or path).encode()).hexdigest()
    return Evidence(path=path, title="", status=status, size=1, mtime_ns=0, sha256=sha, tags=tags, general=general,
                    doc=DocMeta("12/TB-UBND", date, "THÔNG BÁO"))  # fmt: skip


def name(code: str) -> Tag:
    return Tag(code, TagSource.FILENAME, 1.0, "tên tệp")


def folder(code: str) -> Tag:
    return Tag(code, TagSource.FOLDER, 1.0, "thư mục")


def keyword(code: str, confidence: float = 0.6) -> Tag:
    return Tag(code, TagSource.KEYWORD, confidence, "từ khóa: bảng phí ×2")


def manual(code: str) -> Tag:
    return Tag(code, TagSource.MANUAL, 1.0, "gán tay")


@pytest.mark.parametrize(
    "evidence, code, status, provable",
    [
        pytest.param([], "1.1", Status.MISSING, 0, id="nothing-missing"),
        pytest.param([ev("a.docx", name("1.1"))], "1.1", Status.PROVEN, 3, id="file-name-proves"),
        pytest.param([ev("a.docx", folder("1.1"))], "1.1", Status.PROVEN, 3, id="folder-proves"),
        pytest.param([ev("a.docx", manual("1.1"))], "1.1", Status.PROVEN, 3, id="manual-proves"),
        pytest.param([ev("a.docx", keyword("1.1"))], "1.1", Status.SUGGESTED, 0, id="keyword-only-suggests"),
        pytest.param([ev("a.docx", name("1.2"))], "1.2", Status.SUGGESTED, 0, id="one-of-two-proofs"),
        pytest.param([ev("a.docx", name("1.2")), ev("b.docx", folder("1.2"))], "1.2", Status.PROVEN, 4, id="two-distinct-proofs"),
        pytest.param([ev("a.docx", name("1.2"), content="x"), ev("b/a.docx", folder("1.2"), content="x")], "1.2",
                     Status.SUGGESTED, 0, id="two-copies-count-once"),
        pytest.param([ev("a.docx", name("1.1"), general=True)], "1.1", Status.SUGGESTED, 0, id="named-summary-report-does-not-count"),
        pytest.param([ev("a.docx", manual("1.1"), general=True)], "1.1", Status.PROVEN, 3, id="confirmed-summary-report-counts"),
        pytest.param([ev("a.pdf", name("1.1"), status=FileStatus.ENCRYPTED)], "1.1", Status.SUGGESTED, 0, id="encrypted-named-file-does-not-count"),
        pytest.param([ev("a.pdf", name("1.1"), status=FileStatus.EMPTY)], "1.1", Status.SUGGESTED, 0, id="empty-named-file-does-not-count"),
        pytest.param([ev("a.pdf", name("1.1"), status=FileStatus.NO_TEXT)], "1.1", Status.PROVEN, 3, id="named-scan-without-text-counts"),
        pytest.param([ev("a.docx", name("1.1"), date=dt.date(2025, 5, 1))], "1.1", Status.PROVEN, 3, id="out-of-period-still-counts"),
    ],
)  # fmt: skip
def test_status_rules(evidence, code, status, provable):
    cov = compute_coverage(RUBRIC, evidence)
    [sub] = [s for s in cov.subcriteria if s.subcriterion.code == code]
    assert (sub.status, sub.provable) == (status, provable)
    assert cov.provable == sum(s.provable for s in cov.subcriteria)
    assert cov.max_points == 12


def test_subtotals_and_total():
    cov = compute_coverage(RUBRIC, [ev("a.docx", name("1.1")), ev("b.docx", name("2.1")), ev("c.docx", keyword("1.2"))])
    assert [(c.criterion.code, c.provable) for c in cov.criteria] == [("1", 3), ("2", 5)]
    assert (cov.provable, cov.max_points) == (8, 12)
    assert [s.subcriterion.code for s in cov.gaps] == ["1.2"]


def test_general_documents_are_listed_apart_and_named_ones_say_why():
    cov = compute_coverage(RUBRIC, [ev("bao cao.docx", general=True), ev("TC1.1 bao cao.docx", name("1.1"), general=True)])
    assert cov.general == ("TC1.1 bao cao.docx", "bao cao.docx")
    [ref] = cov.subcriteria[0].evidence
    assert not ref.proves and "tổng hợp" in ref.note


def test_evidence_is_listed_proofs_first_then_suggestions_by_confidence():
    cov = compute_coverage(RUBRIC, [
        ev("z.docx", keyword("1.1", 0.5)), ev("y.docx", keyword("1.1", 0.9)), ev("m.docx", folder("1.1")), ev("b.docx", name("1.1")),
    ])  # fmt: skip
    assert [(r.path, r.proves) for r in cov.subcriteria[0].evidence] == [
        ("b.docx", True), ("m.docx", True), ("y.docx", False), ("z.docx", False),
    ]  # fmt: skip


def test_one_file_reached_two_ways_is_listed_once_by_its_strongest_tie():
    cov = compute_coverage(RUBRIC, [ev("Tieu chi 1/1.1 Phi/TC1.1 bang phi.docx", folder("1.1"), name("1.1"), keyword("1.1"))])
    [ref] = cov.subcriteria[0].evidence
    assert ref.source is TagSource.FILENAME


def test_evidence_carries_document_number_date_and_period():
    cov = compute_coverage(RUBRIC, [ev("a.docx", name("1.1"), date=dt.date(2025, 12, 31)), ev("b.docx", name("2.1"), date=dt.date(2026, 2, 13))])
    first, second = cov.subcriteria[0].evidence[0], cov.subcriteria[2].evidence[0]
    assert (first.doc.number, first.in_period, second.in_period) == ("12/TB-UBND", False, True)


def test_problems_list_unreadable_files_and_unknown_codes():
    cov = compute_coverage(RUBRIC, [
        Evidence("hong.pdf", "", FileStatus.UNREADABLE, 1, 0, "", detail="not a PDF"),
        ev("TC9.9 la.docx"),
        ev("x.docx", manual("7.7")),
    ])  # fmt: skip
    assert [(p.path, p.problem) for p in cov.problems] == [
        ("TC9.9 la.docx", "unknown-code"), ("hong.pdf", "unreadable"), ("x.docx", "unknown-code"),
    ]  # fmt: skip
    assert cov.problems[1].detail == "not a PDF" and "9.9" in cov.problems[0].detail


def test_name_tags_follow_an_edited_rubric_without_reindexing():
    stale = ev("TC2.1 thu xin loi.docx", keyword("1.1"))  # indexed when the rubric had no 2.1
    fresh = with_name_tags(stale, RUBRIC)
    assert [(t.code, t.source) for t in fresh.tags] == [("2.1", TagSource.FILENAME), ("1.1", TagSource.KEYWORD)]
