"""Search: with or without diacritics, phrases, document numbers, pages, snippets, code filters."""

from __future__ import annotations

import json

import pytest

from bench.docgen import official_document, split_header, write_docx, write_pdf
from search.query import close_all, list_files, search


@pytest.fixture
def indexed(root, index_root):
    import datetime as dt

    write_pdf(
        root / "TC1.3 Cong khai.pdf",
        [["Danh sách cán bộ phường."], ["Số điện thoại đường dây nóng của Chủ tịch UBND phường: 0225 3 123 456."], ["Hết."]],
    )
    write_docx(root / "Thu xin loi ong Tam.docx", ["THƯ XIN LỖI", "Phường gửi thư xin lỗi ông Nguyễn Văn Tâm vì trả kết quả chậm."])
    write_docx(root / "Tam biet.docx", ["Ông Nguyễn Văn Tam đã nghỉ hưu; thư cảm ơn gửi ông."])
    lines = official_document("KH", 91, dt.date(2026, 2, 13), "Triển khai thực hiện mô hình Chính quyền thân thiện năm 2026", ["Mục đích, yêu cầu của kế hoạch."])
    header, body = split_header(lines)
    write_docx(root / "Ke hoach.docx", body, header_table=header)
    write_docx(root / "Bao cao.docx", ["Thực hiện Kế hoạch số 91/KH-UBND ngày 13/02/2026 của UBND phường, báo cáo như sau."])
    paths, _ = index_root(root)
    yield paths
    close_all()


@pytest.mark.parametrize("query", ["thư xin lỗi", "thu xin loi", "THU XIN LOI", "Thư Xin Lỗi"])
def test_with_or_without_diacritics(indexed, query):
    result = search(indexed, query)
    assert result.hits[0].path == "Thu xin loi ong Tam.docx"


def test_d_folds_to_d(indexed):
    assert search(indexed, "duong day nong").hits[0].path == "TC1.3 Cong khai.pdf"


def test_words_are_anded(indexed):
    assert {h.path for h in search(indexed, "thu cam on").hits} == {"Tam biet.docx"}


def test_exact_diacritics_rank_first(indexed):
    hits = search(indexed, "Tâm").hits
    assert [h.path for h in hits][:2] == ["Thu xin loi ong Tam.docx", "Tam biet.docx"]
    assert [h.path for h in search(indexed, "Tam").hits][0] == "Tam biet.docx"


def test_a_name_typed_with_its_marks_finds_that_name_before_look_alike_words(root, index_root):
    # A blind tester searched the chairman's given name: `Thắng` put a timesheet of `tháng 4` and
    # a weekly schedule above the files he signed, `Lâm` two `làm` files above Triệu Văn Lâm's.
    write_docx(root / "Bảng chấm công tháng 4.docx", ["BẢNG CHẤM CÔNG", "Tháng 4 năm 2026: 22 ngày công."])
    write_docx(root / "Lịch công tác tuần tháng 3.docx", ["LỊCH CÔNG TÁC", "Thứ Hai: họp giao ban tháng 3."])
    report = ["BÁO CÁO", "Kết quả giải quyết đơn thư 6 tháng đầu năm; tháng 1, tháng 2, tháng 3, tháng 4, tháng 5, tháng 6 "
              "đều tiếp nhận và giải quyết đúng hạn các đơn thư của công dân trong tháng."] * 6 + ["CHỦ TỊCH", "Nguyễn Văn Thắng"]
    write_docx(root / "Báo cáo đơn thư 6 tháng.docx", report)
    write_docx(root / "Làm việc tại nhà.docx", ["Hướng dẫn làm hồ sơ tại nhà."])
    write_docx(root / "Danh sách đoàn viên.docx", ["Triệu Văn Lâm, Bí thư Chi đoàn."])
    paths, _ = index_root(root)
    assert [h.path for h in search(paths, "Thắng").hits][:1] == ["Báo cáo đơn thư 6 tháng.docx"]
    assert [h.path for h in search(paths, "Lâm").hits][:1] == ["Danh sách đoàn viên.docx"]
    # Typed with marks, the look-alikes still follow; typed without, every spelling is found.
    assert {h.path for h in search(paths, "Lâm").hits} == {"Danh sách đoàn viên.docx", "Làm việc tại nhà.docx"}
    assert len(search(paths, "thang").hits) == 3
    # The page shown is the one with the name (the signature), not the first full of `tháng`.
    pages = ["BÁO CÁO tháng 1", "Số liệu tháng 2", "Số liệu tháng 3", "CHỦ TỊCH Nguyễn Văn Thắng"]
    write_pdf(root / "Báo cáo quý.pdf", [[line] for line in pages])
    paths, _ = index_root(root)
    assert [(h.path, h.page) for h in search(paths, "Thắng").hits if h.path.endswith(".pdf")] == [("Báo cáo quý.pdf", 4)]
    close_all()


def test_quoted_phrase_keeps_order(indexed):
    assert [h.path for h in search(indexed, '"thu xin loi"').hits] == ["Thu xin loi ong Tam.docx"]
    assert search(indexed, '"loi xin thu"').hits == ()


def test_pdf_hit_names_its_page_and_highlights(indexed):
    hit = search(indexed, "đường dây nóng").hits[0]
    assert hit.page == 2
    assert "đường dây nóng" in hit.snippet
    marked = [hit.snippet[s:e] for s, e in hit.highlights]
    assert marked == ["đường", "dây", "nóng"]
    assert search(indexed, "thu xin loi").hits[0].page is None  # not a PDF


def test_words_typed_together_name_the_page_where_they_stand_together(root, index_root):
    write_pdf(root / "Bao cao mot cua.pdf", [
        ["Trong quý I, Trung tâm đã tiếp nhận 2.345 lượt công dân; số hồ sơ giải quyết đúng hạn đạt 98%."],
        ["Công tác cải cách hành chính."],
        ["Quy trình tiếp nhận hồ sơ trực tuyến được niêm yết tại Trung tâm."],
    ])  # fmt: skip
    paths, _ = index_root(root)
    hit = search(paths, "tiếp nhận hồ sơ").hits[0]
    assert hit.page == 3 and "tiếp nhận hồ sơ" in hit.snippet
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["tiếp", "nhận", "hồ", "sơ"]  # word by word, no overlap
    close_all()


def test_copies_of_one_file_take_one_place(root, index_root):
    import shutil

    # (The subject without a full stop, as a plan writes it: a line ending with one is the body's.)
    write_docx(root / "Ke hoach 91.docx", ["KẾ HOẠCH", "Triển khai mô hình Chính quyền thân thiện năm 2026"])
    (root / "Van ban den").mkdir()
    shutil.copy(root / "Ke hoach 91.docx", root / "Van ban den" / "KH 91 (1).docx")
    shutil.copy(root / "Ke hoach 91.docx", root / "Van ban den" / "13.02.2026 KH 91.docx")
    write_docx(root / "Bao cao.docx", ["Báo cáo kết quả triển khai mô hình."])
    paths, _ = index_root(root)
    result = search(paths, "trien khai mo hinh")
    assert len(result.hits) == 2 == result.total  # the three copies score alike: one place, not three
    assert sorted([result.hits[0].path, *result.hits[0].copies]) == ["Ke hoach 91.docx", "Van ban den/13.02.2026 KH 91.docx", "Van ban den/KH 91 (1).docx"]
    assert result.hits[1].path == "Bao cao.docx" and result.hits[1].copies == ()
    close_all()


def test_an_abbreviated_number_is_still_found_as_typed(root, index_root):
    (root / "ghi chu.txt").write_text("Xem KH91 và CV1711 trong sổ.", encoding="utf-8")
    (root / "Bao cao.txt").write_text("Báo cáo thực hiện KH 91 của phường.", encoding="utf-8")
    for n in range(3):  # `KH` and `91` apart, more often
        (root / f"Khac {n}.txt").write_text("KH phòng chống lụt bão; KH tuyên truyền; 91 hộ; 91 người " * 3, encoding="utf-8")
    paths, _ = index_root(root)
    assert {h.path for h in search(paths, "KH91").hits[:2]} == {"ghi chu.txt", "Bao cao.txt"}  # together, before apart
    assert [h.path for h in search(paths, "cv1711").hits] == ["ghi chu.txt"]
    close_all()



def test_a_number_ocr_misread_is_found_after_the_exact_one(root, index_root):
    # A scanned letter's "44/TXL-UBND" came out of OCR as "44/IXL-UBND": typing the number found nothing.
    (root / "scan0003.txt").write_text("ỦY BAN NHÂN DÂN\nSố: 44/IXL-UBND\nTHƯ XIN LỖI\nKính gửi bà Hoa.", encoding="utf-8")
    (root / "Thu 45.txt").write_text("ỦY BAN NHÂN DÂN\nSố: 45/TXL-UBND\nTHƯ XIN LỖI\nKính gửi ông Ba.", encoding="utf-8")
    paths, _ = index_root(root)
    assert [h.path for h in search(paths, "44/TXL-UBND").hits] == ["scan0003.txt"]
    (root / "Thu 44.txt").write_text("ỦY BAN NHÂN DÂN\nSố: 44/TXL-UBND\nTHƯ XIN LỖI\nKính gửi ông Tư.", encoding="utf-8")
    index_root(root)
    assert [h.path for h in search(paths, "44/TXL-UBND").hits] == ["Thu 44.txt", "scan0003.txt"]
    # A scan-heavy folder: OCR lost the hyphen of `62/UBND-VHXH`, and typing the number found nothing.
    (root / "scan0007.txt").write_text("ỦY BAN NHÂN DÂN\nSố: 62/UBNDVHXH\nV/v tổng vệ sinh", encoding="utf-8")
    index_root(root)
    assert [h.path for h in search(paths, "62/UBND-VHXH").hits] == ["scan0007.txt"]
    close_all()

def test_copies_leave_room_for_limit_files_and_lend_their_proof(root, index_root):
    import shutil

    for name in ("Bien ban hop.txt", "Bien ban hop (1).txt", "Bien ban hop (2).txt"):
        (root / name).write_text("Biên bản họp giao ban, lần một.", encoding="utf-8")
    for name in ("Khac A.txt", "Khac B.txt"):
        (root / name).write_text(f"Biên bản họp {name}.", encoding="utf-8")
    (root / "1.2 Cong khai phi").mkdir()
    (root / "Bang phi le phi.txt").write_text("Bảng công khai mức thu phí, lệ phí; biểu phí chứng thực.", encoding="utf-8")
    shutil.copy(root / "Bang phi le phi.txt", root / "1.2 Cong khai phi" / "scan001.txt")
    paths, _ = index_root(root)
    result = search(paths, "bien ban hop", limit=3)
    assert len(result.hits) == 3 == result.total and sum(len(h.copies) for h in result.hits) == 2
    [fees] = search(paths, "bang phi", code="1.2").hits
    assert fees.codes == ("1.2",) and fees.suggested == ()  # the copy in the 1.2 folder proves it
    # ... and is the one shown: the loose copy, shown with [1.2], is only a suggestion in `files`.
    assert (fees.path, fees.copies) == ("1.2 Cong khai phi/scan001.txt", ("Bang phi le phi.txt",))
    [minutes] = [h for h in result.hits if h.copies]
    assert minutes.path == "Bien ban hop.txt"  # not `Bien ban hop (1).txt`
    close_all()


def test_a_date_with_a_code_takes_manual_tags(root, index_root, cli):
    import datetime as dt

    lines = official_document("TB", 7, dt.date(2026, 4, 24), "Lịch trực", ["Nội dung."])
    header, body = split_header(lines)
    write_docx(root / "Lich truc.docx", body, header_table=header)
    paths, _ = index_root(root)
    assert search(paths, "24/04/2026", code="2.2").hits == ()
    assert cli("tag", "--root", root, "Lich truc.docx", "2.2").exit_code == 0
    assert [h.path for h in search(paths, "24/04/2026", code="2.2").hits] == ["Lich truc.docx"]
    close_all()


def test_the_national_motto_is_not_searched(root, index_root):
    import datetime as dt

    lines = official_document("QĐ", 45, dt.date(2026, 2, 2), "Ngày giải quyết nhanh", ["Giải quyết thủ tục hành chính trong ngày."])
    header, body = split_header(lines)
    write_docx(root / "QD ngay giai quyet nhanh.docx", body, header_table=header)
    write_docx(root / "So theo doi don thu.docx", ["SỔ THEO DÕI ĐƠN THƯ", "Tranh chấp ranh giới đất: hòa giải thành."])
    paths, _ = index_root(root)
    assert "Hạnh phúc" in search(paths, "giai quyet nhanh").hits[0].snippet  # shown as written
    assert [h.path for h in search(paths, "hoa giai").hits] == ["So theo doi don thu.docx"]  # not CỘNG HÒA + giải quyết
    assert search(paths, "hạnh phúc").hits == ()
    close_all()


def test_a_slide_hit_names_its_slide(root, index_root):
    from bench.docgen import write_pptx

    write_pptx(root / "Tuyen truyen.pptx", [["TUYÊN TRUYỀN"], ["Cài đặt ứng dụng VNeID"]])
    paths, _ = index_root(root)
    assert [(h.path, h.page) for h in search(paths, "vneid").hits] == [("Tuyen truyen.pptx", 2)]


@pytest.mark.parametrize("query", [
    "91/KH-UBND", "91/kh-ubnd", "91 KH UBND",
    # pasted from a citing line: `Kế hoạch số` put the citing report first
    "số 91/KH-UBND", "Kế hoạch số 91/KH-UBND", "ke hoach so 91/KH", "so: 91/KH-UBND", "Kế hoạch 91/KH-UBND",
])  # fmt: skip
def test_document_number_finds_its_document_first(indexed, query):
    hits = search(indexed, query).hits
    assert hits[0].path == "Ke hoach.docx"
    assert hits[0].doc.number == "91/KH-UBND"


@pytest.mark.parametrize("query", ["91/KH", "số 91", "so 91", "kế hoạch số 91", "Kế hoạch 91", "KH91", "KH 91", "kh-91"])
def test_a_number_named_in_part_finds_its_document_before_those_citing_it(indexed, query):
    paths = [h.path for h in search(indexed, query).hits]
    assert paths[0] == "Ke hoach.docx" and "Bao cao.docx" in paths


def test_a_code_filter_puts_proof_before_suggestions(root, index_root):
    # The suggested file says "khảo sát" far more often: its score alone would put it first.
    survey = ["Phiếu khảo sát sự hài lòng của người dân, kết quả khảo sát sự hài lòng."] * 6
    write_docx(root / "Van ban den" / "Khao sat hai long.docx", ["KẾT QUẢ KHẢO SÁT SỰ HÀI LÒNG", *survey])
    write_docx(root / "TC2.6 Phieu.docx", ["Phiếu khảo sát."])
    paths, _ = index_root(root)
    hits = search(paths, "khao sat", code="2.6").hits
    assert [(h.path, h.suggested) for h in hits] == [("TC2.6 Phieu.docx", ()), ("Van ban den/Khao sat hai long.docx", ("2.6",))]
    assert [h.path for h in search(paths, "khao sat", code="2").hits] == [h.path for h in hits]
    assert search(paths, "khao sat").hits[0].path == "Van ban den/Khao sat hai long.docx"  # no filter: by score
    close_all()


def test_a_code_typed_alone_lists_its_files_proof_first(root, index_root, cli):
    # Staff type the code into the search box: `2.4` put a plan dated 2.4.2026 first.
    survey = ["Phiếu khảo sát sự hài lòng của người dân, kết quả khảo sát sự hài lòng."] * 6
    write_docx(root / "Van ban den" / "Khao sat hai long.docx", ["KẾT QUẢ KHẢO SÁT SỰ HÀI LÒNG", *survey])
    write_docx(root / "TC2.6 Phieu.docx", ["Phiếu khảo sát."])
    write_docx(root / "2.6.2026 KH tap huan.docx", ["Kế hoạch tập huấn ngày 2.6.2026 cho cán bộ."])
    write_docx(root / "Bien ban hop.docx", ["Biên bản họp tổ dân phố."])
    paths, _ = index_root(root)
    expected = ["TC2.6 Phieu.docx", "Van ban den/Khao sat hai long.docx"]
    # ... and as staff name files (a third QA pass: `tc 2-6` found nothing, `tiêu chí 2 mục 6`
    # listed other sub-criteria's files).
    typed = ("2.6", "tiêu chí 2.6", "TC2.6", "minh chung 2.6", "tc 2-6", "tiêu chí 2 mục 6", "TC2 nội dung 6", "II.6", "tc ii-6")
    for query in typed:
        assert [h.path for h in search(paths, query).hits][:2] == expected, query
    assert search(paths, "2.6", code="1").hits == ()  # outside the filter: nothing listed
    for query in ("2-6", "2,6", "mục 2-6"):  # a day, an amount, a range: words, not a code
        assert [h.path for h in search(paths, query).hits][:1] != ["TC2.6 Phieu.docx"], query
    assert cli("tag", "--root", root, "Bien ban hop.docx", "2.6").exit_code == 0  # a manual tag counts
    assert [h.path for h in search(paths, "2.6").hits][:3] == ["Bien ban hop.docx", *expected]
    close_all()


@pytest.mark.parametrize("query", ["13/02/2026", "13/2/2026", "13-2-2026", "ngày 13 tháng 2 năm 2026", "ngay 13 thang 02 nam 2026"])
def test_a_date_finds_the_document_dated_so_first(indexed, query):
    result = search(indexed, query)
    assert result.hits[0].path == "Ke hoach.docx" and "13 tháng 02 năm 2026" in result.hits[0].snippet
    assert result.total == len(result.hits)
    assert search(indexed, query, code="2.4").hits == ()  # the plan proves no 2.4


def test_a_date_typed_in_full_also_finds_text_that_cites_it(indexed):
    assert [h.path for h in search(indexed, "13/02/2026").hits] == ["Ke hoach.docx", "Bao cao.docx"]
    assert search(indexed, "31/02/2026").hits == ()  # no such day: the numbers are just words


def test_code_filter(indexed):
    assert [h.path for h in search(indexed, "so dien thoai", code="1.3").hits] == ["TC1.3 Cong khai.pdf"]
    assert search(indexed, "so dien thoai", code="2.4").hits == ()
    assert [h.path for h in search(indexed, "so dien thoai", code="1").hits] == ["TC1.3 Cong khai.pdf"]


def test_odd_queries_do_not_fail(indexed):
    for query in ["Số: 91", "(2026)", "a^2", "[x TO y]", "thu*", "AND", '"', "-", "đ"]:
        search(indexed, query)


def test_list_files(indexed):
    files = {ev.path: ev for ev in list_files(indexed)}
    assert files["Ke hoach.docx"].doc.type == "KẾ HOẠCH"
    assert files["Ke hoach.docx"].title.startswith("KẾ HOẠCH")


def test_tone_mark_style_does_not_matter_and_text_is_shown_as_written(root, index_root):
    write_docx(root / "a.docx", ["Ủy ban nhân dân phường lắp điều hòa cho bộ phận một cửa."])
    write_docx(root / "b.docx", ["Sức khoẻ của người dân là trên hết."])
    paths, _ = index_root(root)
    try:
        for query, path in [("điều hoà", "a.docx"), ("điều hòa", "a.docx"), ("Uỷ ban", "a.docx"), ("sức khỏe", "b.docx"), ("sức khoẻ", "b.docx")]:
            hits = search(paths, query).hits
            assert [h.path for h in hits] == [path], query
        assert "Ủy ban nhân dân" in search(paths, "uy ban").hits[0].snippet
    finally:
        close_all()


def test_words_standing_together_rank_above_scattered_ones(root, index_root):
    write_docx(root / "rai rac.docx", ["Họp vào thứ Hai. Ông Bùi Văn Long chủ trì. Thứ Hai tuần sau họp tiếp, ông Long báo cáo."])
    write_docx(root / "lien nhau.docx", ["Kết quả khảo sát sự hài lòng của người dân trong nhiều lĩnh vực công tác năm 2026 " * 3])
    paths, _ = index_root(root)
    try:
        assert [h.path for h in search(paths, "hai long").hits] == ["lien nhau.docx", "rai rac.docx"]
    finally:
        close_all()


def test_a_process_that_keeps_the_index_open_sees_a_replaced_file_once(root, index_root):
    write_docx(root / "Giay moi.docx", ["Giấy mời họp giao ban tháng 5."])
    paths, _ = index_root(root)
    try:
        assert [h.path for h in search(paths, "giao ban").hits] == ["Giay moi.docx"]
        write_docx(root / "Giay moi.docx", ["Giấy mời họp giao ban tháng 6, đổi lịch."])
        index_root(root)
        assert [h.path for h in search(paths, "giao ban").hits] == ["Giay moi.docx"]
        assert "tháng 6" in search(paths, "giao ban").hits[0].snippet
    finally:
        close_all()


def test_a_reader_opened_on_an_empty_index_sees_later_commits(tmp_path):
    """A long-running process (the web page) may search while the first index is being written."""
    from indexer.models import StoredDoc
    from indexer.store import create_text_index, open_text_index

    index = create_text_index(tmp_path / "text")
    assert index.search("bien ban") == (0, [])
    writer = open_text_index(tmp_path / "text").writer()
    writer.put(StoredDoc("Bien ban.docx", "Bien ban", "", ("Biên bản họp.",), (), None))
    writer.commit()
    total, hits = index.search("bien ban")
    assert total == 1 and hits[0].path == "Bien ban.docx"
    index.close()


@pytest.fixture
def read_only_copy(tmp_path):
    """Mount a folder read-only at another path (a reviewer's read-only share); skipped where this process may not mount."""
    import subprocess

    mounted = []

    def mount(folder):
        target = tmp_path / f"ro{len(mounted)}"
        target.mkdir()
        bind = subprocess.run(["mount", "--bind", str(folder), str(target)], capture_output=True, text=True)
        if bind.returncode != 0:
            pytest.skip(f"cannot bind-mount here ({bind.stderr.strip() or 'mount failed'})")
        mounted.append(target)
        subprocess.run(["mount", "-o", "remount,bind,ro", str(target)], check=True)
        return target

    yield mount
    close_all()
    for target in mounted:
        subprocess.run(["umount", "-l", str(target)], check=False)


def test_an_index_on_a_read_only_disk_can_be_searched_not_updated(root, cli, read_only_copy):
    import json
    import sqlite3

    (root / "TC2.4 thu xin loi.txt").write_text("Thư xin lỗi công dân vì trễ hẹn.", encoding="utf-8")
    index_dir = root.parent / "index"
    assert cli("index", "--root", root, "--index", index_dir, "--no-ocr").exit_code == 0
    close_all()
    for name in ("catalog.sqlite3", "text/fts.sqlite3"):  # as a clean shutdown leaves them: no -wal, no -shm
        db = sqlite3.connect(index_dir / name)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    ro = read_only_copy(index_dir)
    assert not (ro / "catalog.sqlite3-shm").exists()
    found = json.loads(cli("search", "thu xin loi", "--root", root, "--index", ro, "--json").stdout)
    assert [h["path"] for h in found["hits"]] == ["TC2.4 thu xin loi.txt"]
    assert json.loads(cli("coverage", "--root", root, "--index", ro, "--json").stdout)["score"]["provable"] > 0
    assert cli("files", "--root", root, "--index", ro).exit_code == 0
    update = cli("index", "--root", root, "--index", ro, "--no-ocr")
    assert update.exit_code == 2
    [line] = update.stderr.strip().splitlines()
    assert "can be searched but not updated" in line


def test_the_evidence_comes_before_a_summary_that_mentions_everything(root, index_root, seed_report_text):
    from PIL import Image

    # A tester typed `cảnh quan trụ sở`: six summaries came before the two photos filed in
    # `4.1 Cảnh quan trụ sở/`; typed without marks, the photos came first.
    (root / "TC 4" / "4.1 Cảnh quan trụ sở").mkdir(parents=True)
    Image.new("RGB", (40, 30), (30, 140, 60)).save(root / "TC 4" / "4.1 Cảnh quan trụ sở" / "IMG_0312.jpg")
    write_docx(root / "Bao cao 6 thang.docx", seed_report_text.splitlines())
    write_docx(root / "Bien ban hop.docx", ["Biên bản họp giao ban, không nói gì về trụ sở."])
    paths, _ = index_root(root)
    assert [ev.general for ev in list_files(paths) if ev.path == "Bao cao 6 thang.docx"] == [True]
    for query in ("cảnh quan trụ sở", "canh quan tru so"):
        hits = [h.path for h in search(paths, query).hits]
        assert hits == ["TC 4/4.1 Cảnh quan trụ sở/IMG_0312.jpg", "Bao cao 6 thang.docx"], query
    # Searched for by its own words, the summary is still found first.
    assert search(paths, "phương hướng nhiệm vụ 6 tháng cuối năm").hits[0].path == "Bao cao 6 thang.docx"
    close_all()


def test_words_before_a_number_that_are_no_type_keep_the_query_as_typed(indexed):
    from indexer.vietnamese import cited_doc_number

    assert cited_doc_number("quyết định số 12/QĐ-UBND") == "12/QĐ-UBND"
    assert cited_doc_number("trang 91/KH-UBND") is None and cited_doc_number("91/KH-UBND") is None
    assert cited_doc_number("số 5 bang phi") is None  # not a number query after `số`
    # The whole citing line pasted (a review: it found only the report citing it).
    assert cited_doc_number("Căn cứ Kế hoạch số 45/KH-UBND ngày 12/3/2026 của UBND phường") == "45/KH-UBND"
    assert cited_doc_number("Thực hiện Quyết định số 12/QĐ-UBND, Ủy ban nhân dân phường báo cáo") == "12/QĐ-UBND"
    assert cited_doc_number("báo cáo thực hiện 45/KH-UBND về tổng vệ sinh") is None  # words of its own: a query
    # A review: a title with `của UBND` read as the number `6 tháng đầu năm của UBND phường`.
    assert cited_doc_number("báo cáo 6 tháng đầu năm của UBND phường") is None
    assert cited_doc_number("Căn cứ Kế hoạch số 45/KH-UBND.") == "45/KH-UBND"


def test_a_cited_number_without_its_year_finds_the_decision(root, index_root):
    import datetime as dt

    lines = official_document("QĐ", 12, dt.date(2026, 1, 5), "Ban hành quy chế tiếp công dân", ["Điều 1. Ban hành kèm theo."])
    header, body = split_header([line.replace("Số: 12/QĐ-UBND", "Số: 12/2026/QĐ-UBND") for line in lines])
    write_docx(root / "QD quy che.docx", body, header_table=header)
    write_docx(root / "Bao cao.docx", ["Căn cứ Quyết định số 12/2026/QĐ-UBND của UBND phường, báo cáo như sau."])
    paths, _ = index_root(root)
    assert search(paths, "QD quy che").hits  # the fixture holds the number as meant
    for query in ("số 12/QĐ-UBND", "quyết định số 12/QĐ-UBND", "so 12/QD"):
        assert [h.path for h in search(paths, query).hits][:1] == ["QD quy che.docx"], query  # it found nothing
    close_all()


@pytest.mark.parametrize("engine", ["tantivy", "sqlite", "whoosh"])
def test_a_number_typed_with_a_year_finds_it_numbered_without(root, index_root, engine):
    # A blind QA pass: `15/2026/KH-UBND` and `12/2026/QĐ-UBND` found nothing where the documents
    # are numbered `15/KH-UBND` and `12/QĐ-UBND` (the opposite way, the year left out, worked).
    def header(number: str, title: str, year: int | None = None) -> str:
        # No year in the text but the number's (whoosh finds a file that has all the words).
        dated = f"Tân Phong, ngày 10 tháng 1 năm {year}\n" if year else ""
        return f"ỦY BAN NHÂN DÂN\nSố: {number}\n{dated}{title}\nNội dung."

    (root / "KH 15.txt").write_text(header("15/KH-UBND", "KẾ HOẠCH"), encoding="utf-8")
    (root / "QD 12.txt").write_text(header("12/QĐ-UBND", "QUYẾT ĐỊNH"), encoding="utf-8")
    (root / "QD 12 nam 2025.txt").write_text(header("12/2025/QĐ-UBND", "QUYẾT ĐỊNH", 2025), encoding="utf-8")
    (root / "Bao cao.txt").write_text("Thực hiện Kế hoạch số 15/KH-UBND, Quyết định số 12/QĐ-UBND, báo cáo.", encoding="utf-8")
    paths, _ = index_root(root, engine=engine)
    assert [h.path for h in search(paths, "15/2026/KH-UBND").hits][:1] == ["KH 15.txt"]
    found = [h.path for h in search(paths, "12/2026/QĐ-UBND").hits]
    assert found[:1] == ["QD 12.txt"] and "QD 12 nam 2025.txt" not in found  # another year is another decision
    # Both numbered so: the exact number first, the one without a year after it.
    (root / "QD 12 nam 2026.txt").write_text(header("12/2026/QĐ-UBND", "QUYẾT ĐỊNH", 2026), encoding="utf-8")
    index_root(root, engine=engine)
    assert [h.path for h in search(paths, "12/2026/QĐ-UBND").hits][:2] == ["QD 12 nam 2026.txt", "QD 12.txt"]
    assert [h.path for h in search(paths, "12/QĐ-UBND").hits][:1] == ["QD 12.txt"]
    close_all()


@pytest.mark.parametrize("typed", [
    "02253842115", "0225.3842.115", "0912345678",
    # other groupings than the document's found nothing
    "0225 3 842 115", "0225 3842115", "(0225) 3842115", "0225.3842115", "+84 912 345 678", "84912345678", "3842115",
    "+84 225 3842 115", "(+84) 225 3842115",
])  # fmt: skip
def test_a_phone_number_typed_in_one_run_finds_it_written_in_groups(root, index_root, typed):
    write_docx(root / "So dien thoai.docx", ["Đường dây nóng: 0225.3842.115; Chủ tịch UBND phường: 0912 345 678."])
    write_docx(root / "Khac.docx", ["Năm 2025 có 3842 hồ sơ, 115 hồ sơ trễ hẹn."])
    paths, _ = index_root(root)
    assert [h.path for h in search(paths, typed).hits] == ["So dien thoai.docx"]
    close_all()


@pytest.mark.parametrize("written", ["0225.3.856.112", "(0225) 3856 112", "0225 385 6112", "0225-38-561-12", "+84 225 3856112", "02253856112"])
@pytest.mark.parametrize("engine", ["tantivy", "sqlite", "whoosh"])
def test_a_phone_number_is_found_whatever_groups_the_document_and_the_query_use(root, index_root, written, engine):
    # QA: the Hải Phòng hotline written `0225.3.856.112` was found by `0225 3 856 112` and
    # `856.112` only: `02253856112`, `(0225) 3856 112`, `0225.3856.112` and `3856112` found nothing.
    write_docx(root / "Duong day nong.docx", [f"Đường dây nóng của phường: {written}.", "Chủ tịch UBND phường: 0912.345.678"])
    write_docx(root / "Khac.docx", ["Năm 2025 có 3856 hồ sơ, 112 hồ sơ trễ hẹn, mã 0225; 1.245.000 đồng."])
    paths, _ = index_root(root, engine=engine)
    typed_forms = ("02253856112", "(0225) 3856 112", "0225.3856.112", "3856112", "0225 3 856 112", "0225.385.6112", "+84 225 385 61 12")
    for typed in typed_forms + ("0912345678", "0912 345 678", "091 234 5678", "+84912345678"):
        assert [h.path for h in search(paths, typed).hits] == ["Duong day nong.docx"], typed
    # The snippet marks the number as the document writes it.
    hit = search(paths, "02253856112").hits[0]
    assert [hit.snippet[a:b] for a, b in hit.highlights] == [written], hit
    close_all()


def test_phone_words_are_each_number_in_one_word_and_a_landline_local_number():
    from indexer.vietnamese import phone_words

    assert phone_words("Đường dây nóng: 0225.3.856.112; Chủ tịch: 0912 345 678, (024) 3825 1234.") == [
        "02253856112", "3856112", "0912345678", "02438251234", "38251234",
    ]  # fmt: skip
    assert phone_words("+84 912 345 678 / (+84) 225-3856-112") == ["0912345678", "02253856112", "3856112"]
    assert phone_words("Ngày 01.02.2026 nhận 1.245.000 đồng, 0,5 ha, năm 2025 0912 345 678") == ["0912345678"]
    assert phone_words("02253856112 và 0912345678") == ["3856112"]  # one run: a word of the text already


def test_a_process_that_keeps_the_index_open_follows_a_change_of_engine(indexed, index_root):
    # A running `serve` while someone runs `index --engine sqlite`, then back to tantivy.
    assert [h.path for h in search(indexed, "thu xin loi").hits][:1] == ["Thu xin loi ong Tam.docx"]
    for engine in ("sqlite", "tantivy", "whoosh"):
        index_root(indexed.root, engine=engine)
        assert [h.path for h in search(indexed, "thu xin loi").hits][:1] == ["Thu xin loi ong Tam.docx"], engine


def test_no_file_with_every_word_shows_those_with_some_said_to_be_so(root, index_root, cli):
    # A blind search test: the report says `chỉ số hài lòng`, staff typed `tỷ lệ hài lòng`: nothing.
    write_docx(root / "BC 103.docx", ["BÁO CÁO", "Chỉ số hài lòng của người dân đạt 96,5%."])
    write_docx(root / "Khac.docx", ["Kế hoạch tổng vệ sinh."])
    paths, _ = index_root(root)
    result = search(paths, "tỷ lệ hài lòng")
    assert result.partial and [h.path for h in result.hits] == ["BC 103.docx"]
    assert not search(paths, "chỉ số hài lòng").partial
    # A phrase, operators, or two syllables (one left: anything): as typed.
    for nothing in ('"tỷ lệ hài lòng"', "tỷ lệ NOT hài", "tỷ hài", "31/02/2026 hài"):
        assert search(paths, nothing).hits == (), nothing
    # A number that no file bears finds nothing, not the files with the rest of it.
    write_docx(root / "QD 412.docx", ["Số: 412/QĐ-UBND", "QUYẾT ĐỊNH", "Ngày 05/02/2026."])
    index_root(root)
    for number in ("05/QĐ-UBND", "số 05/QĐ-UBND", "0912 777 888"):
        assert search(paths, number).hits == (), number
    out = cli("search", "ty le hai long", "--root", root)
    assert "Không có tài liệu nào có đủ các từ “ty le hai long”; 1 tài liệu có một phần" in out.stdout
    assert json.loads(cli("search", "ty le hai long", "--root", root, "--json").stdout)["partial"] is True
    close_all()


def test_a_quarter_and_a_day_are_found_as_documents_write_them(root, index_root):
    # A blind search test: `hài lòng quý 1` put a plan with `quý` and a list item `1.` first and
    # missed the survey of `quý I`; `ngay 22/4` missed the record issued `22/04/2026`.
    write_docx(root / "Khao sat quy I.docx", ["BÁO CÁO", "Kết quả khảo sát sự hài lòng quý I năm 2026."])
    write_docx(root / "Ke hoach 62.docx", ["KẾ HOẠCH", "1. Khảo sát sự hài lòng mỗi quý.", "2. Báo cáo."])
    write_docx(root / "Bien ban doi thoai.docx", ["BIÊN BẢN", "Hồi 8 giờ ngày 22/04/2026, tại hội trường."])
    write_docx(root / "Lich cong tac.docx", ["LỊCH CÔNG TÁC", "Thứ Tư 22, họp giao ban tháng 4."])
    paths, _ = index_root(root)
    for query in ("hài lòng quý 1", "hai long quy I", "hài lòng Quý I"):
        assert [h.path for h in search(paths, query).hits] == ["Khao sat quy I.docx"], query
    for query in ("ngay 22/4", "22/4", "22-04"):
        assert [h.path for h in search(paths, query).hits] == ["Bien ban doi thoai.docx"], query
    assert search(paths, "32/4 hop").hits == ()  # no such day: the numbers as typed
    # A prefix asked for is left as typed (rewritten, `22/4*` found nothing).
    from search.query import _as_documents_write_it

    assert [_as_documents_write_it(q) for q in ("quý 1*", "22/4*")] == ["quý 1*", "22/4*"]
    close_all()


def test_a_phone_number_finds_the_directory_before_a_poster_that_mentions_it(root, index_root):
    # Two blind tests: a QR poster with `Hotline 0210.3865.247` came before the staff directory.
    write_docx(root / "Zalo_2026-04-10 bang ma QR.docx", ["QUÉT MÃ QR ĐỂ TRA CỨU THỦ TỤC", "Hotline 0210.3865.247"])
    rows = [f"{n}\tNguyễn Văn {n}\tCông chức\t0912 345 6{n:02d}" for n in range(1, 25)]
    write_docx(root / "Danh ba.docx", ["DANH BẠ ĐIỆN THOẠI CÁN BỘ, CÔNG CHỨC", "Đường dây nóng: 0210.3865.247", *rows])
    paths, _ = index_root(root)
    assert [h.path for h in search(paths, "0210.3865.247").hits] == ["Danh ba.docx", "Zalo_2026-04-10 bang ma QR.docx"]
    assert [h.path for h in search(paths, "hotline").hits][:1] == ["Zalo_2026-04-10 bang ma QR.docx"]  # words: as scored
    close_all()


@pytest.mark.parametrize("engine", ["tantivy", "sqlite", "whoosh"])
def test_a_name_typed_without_marks_finds_it_written_together_first(root, index_root, engine):
    # A blind test: a short letter with `Văn` in its title, `Nguyễn` in its signature and `Nghĩa
    # cử` came before the lists holding `Nguyễn Văn Cừ`, though the bonus for words together.
    write_docx(root / "Thu cam on ong Dang Van Toan.docx", [
        "THƯ CẢM ƠN", "Thư cảm ơn ông Đặng Văn Toàn đã hiến đất mở rộng đường thôn",
        "Kính gửi: Ông Đặng Văn Toàn và gia đình. Nghĩa cử của gia đình ông là tấm gương sáng.", "Nguyễn Văn Thắng",
    ])  # fmt: skip
    rows = [f"{n}\tNguyễn Thị Hoa {n}\tĐồng Lạc\tNgười cao tuổi\tChứng thực bản sao" for n in range(1, 30)]
    write_docx(root / "Danh sach doi tuong uu tien.docx", ["DANH SÁCH ĐỐI TƯỢNG ƯU TIÊN", *rows[:10], "11\tNguyễn Văn Cừ\tĐồng Lạc\tThương binh", *rows[10:]])
    paths, _ = index_root(root, engine=engine)
    assert [h.path for h in search(paths, "Nguyen Van Cu").hits][:1] == ["Danh sach doi tuong uu tien.docx"]
    close_all()
