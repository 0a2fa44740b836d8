"""The evidence bundle: it opens, its manifest matches its bytes, its links resolve, and it keeps
proof, suggestions and broken files apart."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from bench.docgen import official_document, split_header, write_docx, write_encrypted_pdf, write_pdf
from search.export import (
    INDEX_NAME,
    MANIFEST_CSV,
    MANIFEST_JSON,
    REPORT_NAME,
    REVIEW_DIR,
    bundle_file_name,
    export_bundle,
    safe_name,
    unique_name,
)
from search.query import close_all

PHONE = "TC1.3+1.7 - So dien thoai duong day nong.docx"
PHONE_COPY = "Tieu chi 1/1.3 So dien thoai/ban sao.docx"
FEES = "1.2_Bang phi le phi.pdf"
SURVEY = "TC2.6 ket qua khao sat.txt"
ODD_NAME = "TC3.1 Bien ban: doi thoai?.docx"
APOLOGY = "Thu xin loi ong Nguyen Van Tam.docx"  # a keyword suggestion for 2.4, which nothing proves
BROKEN = "TC4.1 anh tru so.pdf"
LOCKED = "TC4.2 phong lam viec.pdf"


def _doc(kind: str, number: int, title: str, body: list[str]):
    import datetime as dt

    return split_header(official_document(kind, number, dt.date(2026, 3, number % 28 + 1), title, body))


@pytest.fixture(scope="module")
def evidence(tmp_path_factory, rubric) -> Path:
    """A ward folder with proof for two sub-criteria in one file, a copy of it, a suggestion, and two broken files."""
    from indexer.build import build_index, resolve_paths

    root = tmp_path_factory.mktemp("ward") / "Minh chung Phu Lien"
    root.mkdir()
    header, body = _doc("TB", 21, "Công khai số điện thoại đường dây nóng", ["Số điện thoại đường dây nóng: 0225 3 123 456.", "Hòm thư góp ý đặt tại bộ phận một cửa."])
    write_docx(root / PHONE, body, header_table=header)
    (root / PHONE_COPY).parent.mkdir(parents=True)
    shutil.copy(root / PHONE, root / PHONE_COPY)
    header, body = _doc("TB", 8, "Bảng mức thu phí, lệ phí", ["Bảng mức thu phí, lệ phí năm 2026."])
    write_pdf(root / FEES, [body], header_table=header)
    (root / SURVEY).write_text("Kết quả khảo sát sự hài lòng của người dân năm 2026: 96% hài lòng.\n" * 40, encoding="utf-8")
    write_docx(root / ODD_NAME, ["BIÊN BẢN", "Hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân."])
    header, body = _doc("TXL", 6, "Thư xin lỗi", ["Ủy ban nhân dân phường gửi thư xin lỗi ông Nguyễn Văn Tâm vì trả kết quả chậm.", "Thư xin lỗi này gửi kèm lời thăm hỏi."])
    write_docx(root / APOLOGY, body, header_table=header)
    (root / BROKEN).write_bytes(b"%PDF-1.4 broken")
    write_encrypted_pdf(root / LOCKED, "Phòng làm việc", user_password="x")
    build_index(resolve_paths(root), rubric, workers=0, ocr=False)
    return root


@pytest.fixture(scope="module")
def bundle(evidence, rubric, tmp_path_factory) -> tuple[zipfile.ZipFile, object, list]:
    from indexer.build import resolve_paths

    out = tmp_path_factory.mktemp("out") / "Goi minh chung.zip"
    seen = []
    result = export_bundle(resolve_paths(evidence), rubric, out, progress=lambda *a: seen.append(a))
    close_all()
    return zipfile.ZipFile(out), result, seen


def _manifest(z: zipfile.ZipFile) -> dict:
    return json.loads(z.read(MANIFEST_JSON))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


def _links(page: bytes) -> list[str]:
    parser = _Links()
    parser.feed(page.decode("utf-8"))
    return parser.hrefs


def test_zip_opens_and_has_the_reports_on_top(bundle):
    z, result, _ = bundle
    assert z.testzip() is None
    top = {n for n in z.namelist() if "/" not in n}
    assert top == {INDEX_NAME, MANIFEST_CSV, MANIFEST_JSON, f"{REPORT_NAME}.html", f"{REPORT_NAME}.docx"}
    assert z.read(f"{REPORT_NAME}.docx")[:2] == b"PK"
    assert result.kind == "zip" and result.proven == 5  # 1.2, 1.3, 1.7, 2.6, 3.1


def test_manifest_matches_the_bytes_in_the_zip(bundle):
    z, _, _ = bundle
    files = _manifest(z)["files"]
    assert files
    for row in files:
        data = z.read(row["bundle_path"])
        assert hashlib.sha256(data).hexdigest() == row["sha256"], row["bundle_path"]
        assert len(data) == row["size"]
    members = {n for n in z.namelist() if not n.endswith("/") and "/" in n}
    assert members == {row["bundle_path"] for row in files}


def test_every_link_in_index_html_resolves_to_a_member(bundle):
    z, _, _ = bundle
    names = set(z.namelist())
    hrefs = _links(z.read(INDEX_NAME))
    files = [h for h in hrefs if not h.startswith("#")]
    assert len(files) >= len(_manifest(z)["files"])
    for h in files:
        assert "://" not in h and not h.startswith("/")
        assert unquote(h) in names, h
    assert " " not in "".join(files)  # percent-encoded
    # The coverage report in the bundle links into the bundle too (or does not link at all).
    for h in _links(z.read(f"{REPORT_NAME}.html")):
        assert h.startswith("#") or unquote(h) in names, h


def test_a_file_proving_two_subcriteria_is_in_both_folders_and_its_copy_once(bundle):
    z, _, _ = bundle
    rows = [r for r in _manifest(z)["files"] if r["path"] in (PHONE, PHONE_COPY)]
    by_code = {}
    for r in rows:
        by_code.setdefault(r["code"], []).append(r)
    assert sorted(by_code) == ["1.3", "1.7"]
    in_13 = by_code["1.3"]
    # The copy in the 1.3 folder is one proof: listed, pointing at the same member, not copied again.
    assert {r["path"] for r in in_13} == {PHONE, PHONE_COPY} and len({r["bundle_path"] for r in in_13}) == 1
    [member_13] = {r["bundle_path"] for r in in_13}
    [member_17] = {r["bundle_path"] for r in by_code["1.7"]}
    assert member_13.split("/")[-1] == "1.3 - So dien thoai duong day nong.docx"
    assert member_17.startswith("1 - Chính quyền công khai, minh bạch/1.7 - ")
    assert z.read(member_13) == z.read(member_17)


def test_suggested_files_only_in_the_review_folder(bundle):
    z, result, _ = bundle
    rows = _manifest(z)["files"]
    review = [r for r in rows if r["kind"] == "review"]
    assert [(r["code"], r["path"]) for r in review] == [("2.4", APOLOGY)]
    for r in rows:
        assert r["bundle_path"].startswith(REVIEW_DIR + "/") == (r["kind"] == "review")
    assert all(r["source"] == "keyword" for r in review)
    assert result.review == 1


def test_problem_files_are_listed_not_copied(bundle):
    z, result, _ = bundle
    names = "\n".join(z.namelist())
    assert "anh tru so" not in names and "phong lam viec" not in names
    problems = {p["path"]: p for p in _manifest(z)["problems"]}
    assert problems[BROKEN]["problem"] == "unreadable" and problems[BROKEN]["bundle_paths"] == []
    assert problems[LOCKED]["problem"] == "encrypted"
    assert {p.path for p in result.not_copied} == {BROKEN, LOCKED}
    index = z.read(INDEX_NAME).decode("utf-8")
    assert BROKEN in index and "không kèm theo" in index


def test_csv_manifest_opens_in_excel_with_vietnamese(bundle):
    z, _, _ = bundle
    raw = z.read(MANIFEST_CSV)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Loại", "Mã tiêu chí con", "Đường dẫn trong gói", "Đường dẫn gốc"]
    fees = next(r for r in rows if r[3] == FEES)
    assert fees[6] == "8/TB-UBND" and fees[8] == "tên tệp" and len(fees[4]) == 64
    assert any(r[3] == BROKEN and r[2] == "" for r in rows)


def test_names_are_safe_on_windows_and_compression_fits_the_format(bundle):
    z, _, _ = bundle
    for info in z.infolist():
        for part in info.filename.rstrip("/").split("/"):
            assert not set(part) & set('<>:"\\|?*') and part == part.rstrip(". ") and len(part) <= 80, part
    odd = next(n for n in z.namelist() if n.endswith(".docx") and "/3.1 - " in n)
    assert odd.rsplit("/", 1)[-1] == "3.1 - Bien ban - doi thoai.docx"
    kinds = {i.filename.rsplit(".", 1)[-1]: i.compress_type for i in z.infolist() if not i.is_dir()}
    assert kinds["pdf"] == kinds["docx"] == zipfile.ZIP_STORED
    assert kinds["txt"] == kinds["html"] == kinds["csv"] == zipfile.ZIP_DEFLATED


def test_progress_counts_bytes_to_the_end(bundle):
    _, result, seen = bundle
    assert seen and all(stage == "export" for stage, *_ in seen)
    assert seen[-1][1] == seen[-1][2] == result.bytes
    assert [s[1] for s in seen] == sorted(s[1] for s in seen)


def test_folder_export_has_the_same_content(evidence, rubric, bundle, tmp_path):
    from indexer.build import resolve_paths

    z, _, _ = bundle
    out = tmp_path / "goi"
    result = export_bundle(resolve_paths(evidence), rubric, out)
    assert result.kind == "folder"
    manifest = json.loads((out / MANIFEST_JSON).read_text(encoding="utf-8"))
    for row in manifest["files"]:
        assert hashlib.sha256((out / row["bundle_path"]).read_bytes()).hexdigest() == row["sha256"]
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert on_disk == {n for n in z.namelist() if not n.endswith("/")}
    for h in _links((out / INDEX_NAME).read_bytes()):
        assert h.startswith("#") or (out / unquote(h)).is_file(), h
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize(
    "make_output, says",
    [
        pytest.param(lambda root, tmp: root / "goi.zip", "nằm trong thư mục minh chứng", id="inside-the-evidence-folder"),
        pytest.param(lambda root, tmp: (tmp / "full").mkdir() or (tmp / "full" / "x.txt").write_text("x") and tmp / "full", "không phải thư mục trống", id="non-empty-folder"),
        pytest.param(lambda root, tmp: tmp / "no" / "such" / "goi.zip", "không tồn tại", id="missing-parent"),
        pytest.param(lambda root, tmp: (tmp / "goi.zip").write_text("ban da gui") and tmp / "goi.zip", "đã có", id="existing-zip-file"),
        pytest.param(lambda root, tmp: (tmp / "cu.zip").mkdir() or tmp / "cu.zip", "là một thư mục", id="zip-name-of-a-folder"),
        # Last: the code before the fix wrote the bundle into the evidence folder, failing the cases after it.
        pytest.param(lambda root, tmp: (tmp / "link").symlink_to(root) or tmp / "link" / "goi", "nằm trong thư mục minh chứng", id="inside-through-a-symlink"),
    ],
)
def test_bad_output_exits_2_with_one_line(cli, evidence, tmp_path, make_output, says):
    out = make_output(evidence, tmp_path)
    result = cli("export", "--root", evidence, "-o", out)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and says in result.stderr
    assert not (evidence / "goi.zip").exists() and not (evidence / "goi").exists()
    if out.is_file():
        assert out.read_text() == "ban da gui"  # an older bundle is left as it was
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]


@pytest.mark.parametrize("name", ["goi.zip", "goi"])
def test_an_output_folder_without_write_permission_exits_2_with_one_line(cli, evidence, tmp_path, monkeypatch, name):
    import builtins
    import errno
    import os

    denied = tmp_path / "chi doc"
    denied.mkdir()

    def refuse(real):
        # Root writes through chmod 555, so the refusal is simulated on the calls that create the
        # zip (io.open) and the hidden folder (os.mkdir).
        def guarded(path, *args, **kwargs):
            if isinstance(path, (str, os.PathLike)) and Path(os.fspath(path)).parent == denied:
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real(path, *args, **kwargs)

        return guarded

    monkeypatch.setattr(io, "open", refuse(io.open))
    monkeypatch.setattr(builtins, "open", refuse(builtins.open))
    monkeypatch.setattr(os, "mkdir", refuse(os.mkdir))
    result = cli("export", "--root", evidence, "-o", denied / name)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "không ghi được" in result.stderr and "Permission denied" in result.stderr


def test_a_file_not_readable_now_is_left_out_and_named_like_a_removed_one(cli, evidence, tmp_path, locked):
    locked.add(str(evidence / SURVEY))
    out = tmp_path / "goi.zip"
    result = cli("export", "--root", evidence, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"Lưu ý: {SURVEY}: không mở được lúc này (Permission denied)" in result.stdout
    z = zipfile.ZipFile(out)
    assert not [n for n in z.namelist() if "khao sat" in n]
    manifest = _manifest(z)
    assert SURVEY not in {r["path"] for r in manifest["files"]} and any(SURVEY in w for w in manifest["warnings"])
    assert SURVEY in z.read(INDEX_NAME).decode("utf-8")


def test_a_read_failing_halfway_stops_the_export_leaving_nothing(evidence, rubric, tmp_path, monkeypatch):
    import builtins
    import errno

    from indexer.build import resolve_paths
    from indexer.errors import UsageError

    real_open = builtins.open

    class Dropping:
        """The share drops after the first block."""

        def __init__(self, fh):
            self.fh, self.name, self.reads = fh, fh.name, 0

        def read(self, n=-1):
            self.reads += 1
            if self.reads > 1:
                raise OSError(errno.EIO, "Input/output error")
            return self.fh.read(1)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    def dropping_open(file, *args, **kwargs):
        fh = real_open(file, *args, **kwargs)
        return Dropping(fh) if isinstance(file, (str, Path)) and str(file).endswith(SURVEY) else fh

    monkeypatch.setattr(builtins, "open", dropping_open)
    with pytest.raises(UsageError) as err:
        export_bundle(resolve_paths(evidence), rubric, tmp_path / "goi.zip")
    assert SURVEY in err.value.message and "Input/output error" in err.value.message
    assert list(tmp_path.iterdir()) == []


def test_cli_export_summary(cli, evidence, tmp_path):
    out = tmp_path / "Goi minh chung.zip"
    result = cli("export", "--root", evidence, "-o", out)
    assert result.exit_code == 0, result.output
    assert zipfile.ZipFile(out).testzip() is None
    assert "5/24 tiêu chí con có minh chứng" in result.stdout
    assert "Không kèm theo 2 tệp có vấn đề" in result.stdout and BROKEN in result.stdout


def test_a_file_changed_since_indexing_is_bundled_as_it_is_now_and_named(evidence, rubric, tmp_path):
    from indexer.build import resolve_paths

    survey = evidence / SURVEY
    before = survey.read_bytes()
    try:
        survey.write_bytes(before + "Bổ sung sau khi lập chỉ mục.\n".encode("utf-8"))
        result = export_bundle(resolve_paths(evidence), rubric, tmp_path / "b.zip")
        z = zipfile.ZipFile(tmp_path / "b.zip")
        row = next(r for r in _manifest(z)["files"] if r["path"] == SURVEY)
        assert hashlib.sha256(z.read(row["bundle_path"])).hexdigest() == row["sha256"] == hashlib.sha256(survey.read_bytes()).hexdigest()
        assert any(SURVEY in w and "minhchung index" in w for w in result.warnings)
    finally:
        survey.write_bytes(before)


def test_csv_manifest_cells_that_excel_would_run_as_formulas_are_text(root, index_root, rubric, tmp_path):
    formula = '=HYPERLINK("http:__evil.example","Mo tep") TC1.3.docx'
    write_docx(root / formula, ["Số điện thoại đường dây nóng: 0225 3 123 456."])
    (root / "-2+3 Bien ban TC1.6.pdf").write_bytes(b"not a pdf")
    (root / "@tep TC2.6.txt").write_text("Kết quả khảo sát sự hài lòng năm 2026.\n" * 20, encoding="utf-8")
    paths, _ = index_root(root)
    export_bundle(paths, rubric, tmp_path / "goi")
    close_all()
    rows = list(csv.reader(io.StringIO((tmp_path / "goi" / MANIFEST_CSV).read_text(encoding="utf-8-sig"))))
    originals = {r[3] for r in rows[1:]}
    assert {"'" + formula, "'-2+3 Bien ban TC1.6.pdf", "'@tep TC2.6.txt"} <= originals
    assert not [cell for r in rows for cell in r if cell[:1] in ("=", "+", "-", "@")]
    # Scripts read manifest.json: names there are as they are on disk.
    manifest = json.loads((tmp_path / "goi" / MANIFEST_JSON).read_text(encoding="utf-8"))
    assert formula in {r["path"] for r in manifest["files"]}



def test_photos_without_text_are_a_note_in_the_bundle_not_a_problem(root, index_root, rubric, tmp_path):
    from PIL import Image

    (root / "4.1 Canh quan").mkdir()
    for n in range(2):
        Image.new("RGB", (40, 30), (20 * n, 120, 60)).save(root / "4.1 Canh quan" / f"IMG_{n}.jpg")
    (root / "hong.pdf").write_bytes(b"%PDF-1.4 broken")
    paths, _ = index_root(root)
    export_bundle(paths, rubric, tmp_path / "goi")
    close_all()
    page = (tmp_path / "goi" / "index.html").read_text(encoding="utf-8")
    assert "Tệp có vấn đề (1)" in page and page.count("Lưu ý:") == 2 and "IMG_1.jpg: ảnh không có chữ" in page


def test_an_untagged_photo_is_no_problem_left_out_of_the_bundle(cli, root, tmp_path):
    from PIL import Image

    # "Không kèm theo 1 tệp có vấn đề: IMG_2041.jpg": a photo with no code is in no bundle anyway.
    (root / "Tieu chi 4" / "Anh tru so").mkdir(parents=True)
    Image.new("RGB", (40, 30), (20, 120, 60)).save(root / "Tieu chi 4" / "Anh tru so" / "IMG_2041.jpg")
    (root / "hong.pdf").write_bytes(b"%PDF-1.4 broken")
    (root / "TC2.4 thu.txt").write_text("Thư xin lỗi công dân.", encoding="utf-8")
    cli("index", "--root", root, "--workers", "0", "--no-ocr")
    summary = cli("export", "--root", root, "-o", tmp_path / "goi").stdout
    assert "Không kèm theo 1 tệp có vấn đề" in summary and "hong.pdf" in summary and "IMG_2041" not in summary


def test_a_suggestion_with_the_bytes_of_a_proof_is_not_offered_for_review(root, index_root, tmp_path):
    from indexer.rubric import load_rubric

    # Two files needed; the second, "Copy of" the first, was bundled for the city's reviewer to
    # confirm as the missing proof.
    (root / "rubric.toml").write_text(
        'title = "Thử"\nversion = "t1"\n[unit]\nname = "UBND phường Thử"\n[[criteria]]\ncode = "1"\ntitle = "Công khai"\n'
        'points = 4\n[[criteria.subcriteria]]\ncode = "1.2"\ntitle = "Đường dây nóng"\npoints = 4\nmin_evidence = 2\n'
        'keywords = ["đường dây nóng", "số điện thoại"]\n', encoding="utf-8",
    )  # fmt: skip
    text = "Số điện thoại đường dây nóng của UBND phường: 0225 3 123 456; đường dây nóng trực 24/24."
    (root / "TC1.2 duong day nong.txt").write_text(text, encoding="utf-8")
    (root / "Copy of danh sach.txt").write_text(text, encoding="utf-8")
    rubric = load_rubric(None, root)
    paths, _ = index_root(root, rubric=rubric)
    result = export_bundle(paths, rubric, tmp_path / "goi")
    close_all()
    assert result.review == 0
    assert not (tmp_path / "goi" / "Cần xem xét (gợi ý)").exists()


def test_of_an_original_and_its_copy_only_suggested_the_original_is_bundled(root, index_root, rubric, tmp_path):
    # QA: the review folder held `Lich tiep cong dan - Copy.docx`, the original only said to be the same.
    write_docx(root / "Lich tiep cong dan.docx", ["THÔNG BÁO", "Lịch tiếp công dân định kỳ của Chủ tịch UBND phường.", "Nội quy tiếp công dân."])
    (root / "Lich tiep cong dan - Copy.docx").write_bytes((root / "Lich tiep cong dan.docx").read_bytes())
    paths, _ = index_root(root)
    export_bundle(paths, rubric, tmp_path / "goi")
    close_all()
    rows = json.loads((tmp_path / "goi" / MANIFEST_JSON).read_text(encoding="utf-8"))["files"]
    review = [(r["path"], r["bundle_path"].rsplit("/", 1)[-1], "cùng nội dung với" in r["note"]) for r in rows if r["kind"] == "review" and r["code"] == "1.4"]
    assert review == [
        ("Lich tiep cong dan.docx", "1.4 - Lich tiep cong dan.docx", False),
        ("Lich tiep cong dan - Copy.docx", "1.4 - Lich tiep cong dan.docx", True),
    ]  # fmt: skip
    assert [p.name for p in (tmp_path / "goi" / REVIEW_DIR).rglob("*.docx")] == ["1.4 - Lich tiep cong dan.docx"]


def test_a_tags_line_matching_no_file_is_the_wards_not_a_file_left_out(root, index_root, rubric, tmp_path):
    (root / "TC2.4 thu.txt").write_text("Thư xin lỗi công dân.", encoding="utf-8")
    paths, _ = index_root(root)
    with open(paths.tags_file, "a", encoding="utf-8") as fh:
        fh.write("+\t1.1\t-\tkhong co.pdf\n")
    result = export_bundle(paths, rubric, tmp_path / "goi")
    close_all()
    assert result.not_copied == ()
    assert ".minhchung-tags.txt" not in (tmp_path / "goi" / "index.html").read_text(encoding="utf-8")
    assert ".minhchung-tags.txt" not in (tmp_path / "goi" / MANIFEST_CSV).read_text(encoding="utf-8-sig")


def test_a_link_loop_in_the_share_is_the_wards_not_a_file_left_out(root, index_root, rubric, tmp_path):
    (root / "TC2.4 thu.txt").write_text("Thư xin lỗi công dân.", encoding="utf-8")
    (root / "a").mkdir()
    (root / "a" / "vong lap").symlink_to(root)
    paths, _ = index_root(root)
    result = export_bundle(paths, rubric, tmp_path / "goi")
    close_all()
    assert result.not_copied == () and "vong lap" not in (tmp_path / "goi" / "index.html").read_text(encoding="utf-8")

@pytest.mark.parametrize(
    "code, original, expected",
    [
        pytest.param("1.3", "TC1.3+1.7 - So dien thoai.docx", "1.3 - So dien thoai.docx", id="prefixed-codes-dropped"),
        pytest.param("1.2", "1.2_Bang phi le phi.PDF", "1.2 - Bang phi le phi.pdf", id="leading-code-underscore"),
        pytest.param("2.4", "tc 2-4 thu xin loi.docx", "2.4 - thu xin loi.docx", id="dash-code"),
        pytest.param("1.4", "Lich tiep cong dan quy II.pdf", "1.4 - Lich tiep cong dan quy II.pdf", id="no-code-in-name"),
        pytest.param("1.4", "13.02.2026 Lich tiep.pdf", "1.4 - 13.02.2026 Lich tiep.pdf", id="leading-date-kept"),
        pytest.param("4.5", "TC4.5 - Mã QR thủ tục.pdf", "4.5 - Mã QR thủ tục.pdf", id="vietnamese-kept"),
        pytest.param("1.1", "1.1.pdf", "1.1 - 1.1.pdf", id="name-is-only-the-code"),
        pytest.param("2.2", "II.2 Danh sach doi tuong.docx", "2.2 - Danh sach doi tuong.docx", id="roman-code"),
        pytest.param("3.5", "Tiêu chí III - 5 không kỷ luật.docx", "3.5 - không kỷ luật.docx", id="roman-criterion-item"),
        pytest.param("1.6", "Tiêu chí 1 mục 6 bản tin.docx", "1.6 - bản tin.docx", id="criterion-muc-item"),
        pytest.param("2.4", "TC 2 - ND 4 thu cam on.docx", "2.4 - thu cam on.docx", id="criterion-nd-item"),
        pytest.param("3.1", 'Bien ban "doi thoai" <ban sao>|2.docx', "3.1 - Bien ban 'doi thoai' (ban sao)-2.docx", id="windows-forbidden"),
    ],
)
def test_bundle_file_name(code, original, expected):
    assert bundle_file_name(code, original) == expected


def test_long_names_are_cut_at_a_word_and_keep_the_extension():
    name = bundle_file_name("2.4", "Thu chuc mung " * 12 + ".docx")
    assert len(name) <= 80 and name.endswith("….docx") and "  " not in name


@pytest.mark.parametrize(
    "name, expected",
    [
        pytest.param("CON", "_CON", id="reserved-device"),
        pytest.param("ghi chu. ", "ghi chu", id="trailing-dot-space"),
        pytest.param("a\tb\x01c", "a bc", id="control-characters"),
    ],
)
def test_safe_name(name, expected):
    assert safe_name(name, 60) == expected


def test_unique_name_is_case_blind_like_windows():
    taken: set[str] = set()
    assert [unique_name(n, taken) for n in ("1.3 - A.pdf", "1.3 - a.PDF", "1.3 - A.pdf")] == ["1.3 - A.pdf", "1.3 - a (2).PDF", "1.3 - A (3).pdf"]
