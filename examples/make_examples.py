"""Build examples/evidence/: a small, realistic evidence folder of UBND phường Phù Liễn, first half of 2026.

Run `python examples/make_examples.py` from anywhere: it deletes and rebuilds examples/evidence/
and gives the same bytes every time (fixed dates, no randomness).

The folder is a sample, not a complete dossier. It mixes the ways staff really file evidence, so
that `minhchung coverage` shows every status on it:
- proven by a code in the file name, in many spellings (`1.2_...`, `TC1.3+1.7 - ...`,
  `tc 2-4 ...`, `TC4.5 - Mã QR ...` with diacritics), or by a folder
  (`Tieu chi 1/1.4 Lich tiep cong dan/...`, `Tieu chi 4/4.3 Trang thiet bi/...`);
- only suggested by content: files without a code whose text is plainly about 2.2, 3.4 or 4.4;
- general: the plan no. 91 and the half-year report speak of every criterion at once;
- missing: everything else, including 4.6 (no recognised creative model, as in the real report);
- awkward cases: a scan with no text layer, a 3-page PDF whose telling phrase is on page 2,
  a decision dated before the assessment period, an invitation that proves nothing.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script: make `bench` importable from the repo root

from bench.docgen import (  # noqa: E402
    official_document,
    split_header,
    write_docx,
    write_pdf,
    write_scan_pdf,
)

OUT = HERE / "evidence"
SEED_REPORT = HERE / "seed-report-phu-lien-2026.txt"
FONT = "Times New Roman"  # what Decree 30 prescribes, and what every ward's Word template uses

CHAIR = "Nguyễn Đức Thắng"
VICE_CHAIR = "Trần Quang Hưng"  # signs the real half-year report
AS_CHAIR = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
AS_VICE = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def docx(rel: str, lines: list[str], **kwargs) -> None:
    """A Word document: the header lines become the borderless two-column table."""
    header, body = split_header(lines)
    write_docx(OUT / rel, body, header_table=header, font=FONT, **kwargs)


def pdf(rel: str, pages: list[list[str]]) -> None:
    """A PDF with a text layer; the first page's header lines become the two-column header."""
    header, first = split_header(pages[0])
    write_pdf(OUT / rel, [first, *pages[1:]], header_table=header)


# --- proven by file name ---------------------------------------------------------------------


def fee_table() -> None:
    lines = official_document(
        "TB", "08/TB-UBND", dt.date(2026, 1, 8),
        "Công khai mức thu phí, lệ phí giải quyết thủ tục hành chính tại Trung tâm Phục vụ "
        "hành chính công phường",
        [
            "Căn cứ Luật Phí và lệ phí ngày 25 tháng 11 năm 2015;",
            "Căn cứ Thông tư số 85/2019/TT-BTC ngày 29 tháng 11 năm 2019 của Bộ trưởng Bộ Tài chính "
            "hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh, "
            "thành phố trực thuộc trung ương;",
            "Căn cứ Nghị quyết của Hội đồng nhân dân thành phố Hải Phòng quy định mức thu, miễn, "
            "giảm, thu, nộp, quản lý và sử dụng các khoản phí, lệ phí trên địa bàn thành phố;",
            "Ủy ban nhân dân phường Phù Liễn thông báo công khai mức thu phí, lệ phí đối với các "
            "thủ tục hành chính thường gặp như sau:",
            "1. Đăng ký khai sinh đúng hạn, đăng ký khai tử đúng hạn: miễn lệ phí.",
            "2. Đăng ký kết hôn: miễn lệ phí.",
            "3. Cấp bản sao trích lục hộ tịch: 8.000 đồng/bản.",
            "4. Chứng thực bản sao từ bản chính: 2.000 đồng/trang cho hai trang đầu; từ trang thứ "
            "ba trở lên thu 1.000 đồng/trang, tối đa không quá 200.000 đồng/bản.",
            "5. Chứng thực chữ ký: 10.000 đồng/trường hợp.",
            "6. Chứng thực hợp đồng, giao dịch: 50.000 đồng/hợp đồng, giao dịch.",
            "7. Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch: 15.000 đồng/trường hợp.",
            "Người thuộc hộ nghèo, người có công với cách mạng, trẻ em được miễn lệ phí hộ tịch "
            "theo quy định. Tổ chức, cá nhân nộp phí, lệ phí được cấp biên lai thu phí, lệ phí "
            "theo đúng quy định.",
        ],
        recipients=("Trung tâm Phục vụ hành chính công phường;", "Các tổ dân phố;", "Lưu: VT."),
        signer=AS_VICE, signer_name=VICE_CHAIR,
    )
    pdf("1.2_Bang phi le phi.pdf", [lines])


def phone_directory() -> None:
    lines = official_document(
        "TB", "21/TB-UBND", dt.date(2026, 1, 16),
        "Công khai số điện thoại của lãnh đạo, cán bộ, công chức; số điện thoại đường dây nóng "
        "và hòm thư góp ý của phường",
        [
            "Nhằm tạo điều kiện để Nhân dân, tổ chức và doanh nghiệp liên hệ công tác, phản ánh, "
            "kiến nghị kịp thời, Ủy ban nhân dân phường Phù Liễn thông báo công khai như sau:",
            "1. Số điện thoại đường dây nóng của Ủy ban nhân dân phường: 0225.3868.111 (tiếp nhận "
            "24/24 giờ, kể cả ngày nghỉ, ngày lễ).",
            "2. Danh bạ điện thoại của lãnh đạo Đảng ủy, Hội đồng nhân dân, Ủy ban nhân dân "
            "phường và cán bộ, công chức:",
            "3. Hòm thư góp ý được đặt tại sảnh Trung tâm Phục vụ hành chính công phường; hòm thư "
            "được mở vào sáng thứ Hai hằng tuần, có đại diện Ủy ban Mặt trận Tổ quốc Việt Nam "
            "phường chứng kiến.",
            "4. Ngoài hòm thư góp ý, kênh tiếp nhận phản ánh, kiến nghị gồm: trực tiếp tại Trung "
            "tâm Phục vụ hành chính công phường; qua đường dây nóng nêu trên; qua Hệ thống tiếp "
            "nhận, trả lời phản ánh, kiến nghị của thành phố.",
            "Cán bộ, công chức có tên trong danh bạ bảo đảm liên lạc thông suốt trong giờ hành "
            "chính; khi nhận được phản ánh phải ghi chép đầy đủ và báo cáo lãnh đạo để xử lý.",
        ],
        recipients=("Các tổ dân phố;", "Lưu: VT."),
        signer=AS_CHAIR, signer_name=CHAIR,
    )
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Số điện thoại"],
        ["1", "Vũ Minh Đức", "Bí thư Đảng ủy phường", "0225.3868.101"],
        ["2", "Đỗ Thị Hạnh", "Chủ tịch Hội đồng nhân dân phường", "0225.3868.102"],
        ["3", CHAIR, "Chủ tịch Ủy ban nhân dân phường", "0225.3868.103"],
        ["4", VICE_CHAIR, "Phó Chủ tịch Ủy ban nhân dân phường", "0225.3868.104"],
        ["5", "Lê Thị Thu Trang", "Phó Chủ tịch Ủy ban nhân dân phường", "0225.3868.105"],
        ["6", "Phạm Văn Khánh", "Chánh Văn phòng HĐND và UBND phường", "0225.3868.106"],
        ["7", "Ngô Thị Phương", "Phó Giám đốc Trung tâm Phục vụ hành chính công", "0225.3868.107"],
        ["8", "Bùi Văn Long", "Công chức Tư pháp - Hộ tịch", "0225.3868.108"],
    ]
    header, body = split_header(lines)
    # The directory table follows item 2 ("Danh bạ điện thoại ..."), as on the posted notice.
    after = next(i for i, p in enumerate(body) if p.startswith("2. "))
    write_docx(OUT / "TC1.3+1.7 - So dien thoai duong day nong.docx", body,
               header_table=header, table_rows=rows, table_after=after, font=FONT)


def democracy_regulation() -> None:
    # Issued before the assessment period: still in force, but a reviewer should notice the date.
    number, date = "412/QĐ-UBND", dt.date(2025, 11, 18)
    decision = official_document(
        "QĐ", number, date,
        "Ban hành Quy chế thực hiện dân chủ ở cơ sở trên địa bàn phường Phù Liễn",
        [
            "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
            "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;",
            "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ quy định chi "
            "tiết một số điều của Luật Thực hiện dân chủ ở cơ sở;",
            "Theo đề nghị của Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường.",
            "QUYẾT ĐỊNH:",
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế thực hiện dân chủ ở cơ sở trên địa "
            "bàn phường Phù Liễn.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
            "Điều 3. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường, Trưởng các phòng, "
            "ban, ngành thuộc phường, Tổ trưởng các tổ dân phố và các tổ chức, cá nhân có liên "
            "quan chịu trách nhiệm thi hành Quyết định này./.",
        ],
        recipients=("Như Điều 3;", "TT Đảng ủy, HĐND phường;", "Ủy ban MTTQ Việt Nam phường;",
                    "Lưu: VT."),
        signer=AS_CHAIR, signer_name=CHAIR,
    )
    regulation = [
        "QUY CHẾ",
        "Thực hiện dân chủ ở cơ sở trên địa bàn phường Phù Liễn",
        f"(Ban hành kèm theo Quyết định số {number} ngày 18/11/2025 của Ủy ban nhân dân phường)",
        "Điều 1. Phạm vi điều chỉnh",
        "Quy chế này quy định nội dung công dân được biết, được bàn và quyết định, được tham gia ý "
        "kiến, được kiểm tra, giám sát và trách nhiệm của chính quyền phường trong bảo đảm thực "
        "hiện dân chủ ở cơ sở.",
        "Điều 2. Nguyên tắc thực hiện",
        "Thực hiện dân chủ ở cơ sở theo phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân "
        "giám sát, dân thụ hưởng”; bảo đảm công khai, minh bạch, đúng pháp luật.",
        "Điều 3. Trách nhiệm của tổ dân phố",
        "Hội nghị tổ dân phố bàn và quyết định hương ước, quy ước của tổ dân phố; bầu Ban thanh "
        "tra nhân dân và Ban giám sát đầu tư của cộng đồng theo quy định.",
        "Điều 4. Tổ chức thực hiện",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường chủ trì theo dõi việc thực hiện "
        "Quy chế này; hằng năm tổng hợp, báo cáo Ủy ban nhân dân phường.",
    ]
    pdf("TC1.5 Quy che dan chu o co so.pdf", [decision, regulation])


def apology_log() -> None:
    lines = official_document(
        "BC", "131/BC-UBND", dt.date(2026, 4, 6),
        "Tổng hợp việc gửi thư xin lỗi công dân do trễ hẹn trả kết quả thủ tục hành chính "
        "quý I năm 2026",
        [
            "Trong quý I năm 2026, Trung tâm Phục vụ hành chính công phường tiếp nhận 2.146 hồ "
            "sơ, trong đó 2.139 hồ sơ đã trả kết quả đúng hẹn, 07 hồ sơ trễ hẹn.",
            "Đối với 07 hồ sơ trễ hẹn, Ủy ban nhân dân phường đã gửi thư xin lỗi tới công dân, "
            "nêu rõ lý do và hẹn lại ngày trả kết quả, cụ thể như sau:",
            "Đến ngày 31/3/2026, cả 07 hồ sơ đã được trả kết quả cho công dân. Ủy ban nhân dân "
            "phường yêu cầu các bộ phận có liên quan nghiêm túc rút kinh nghiệm, không để tái "
            "diễn việc trễ hẹn.",
        ],
        recipients=("Lãnh đạo UBND phường;", "Lưu: VT."),
        signer=AS_VICE, signer_name=VICE_CHAIR,
    )
    rows = [
        ["STT", "Họ và tên", "Hồ sơ", "Ngày hẹn trả", "Ngày trả", "Thư xin lỗi"],
        ["1", "Nguyễn Văn Tâm", "Đăng ký biến động quyền sử dụng đất", "12/3/2026", "19/3/2026",
         "06/TXL-UBND ngày 16/3/2026"],
        ["2", "Hoàng Thị Nga", "Chứng thực hợp đồng tặng cho", "20/01/2026", "22/01/2026",
         "01/TXL-UBND ngày 20/01/2026"],
        ["3", "Đinh Văn Sơn", "Cải chính thông tin hộ tịch", "05/02/2026", "09/02/2026",
         "02/TXL-UBND ngày 05/02/2026"],
        ["4", "Vũ Thị Mai", "Xác nhận tình trạng hôn nhân", "24/02/2026", "25/02/2026",
         "03/TXL-UBND ngày 24/02/2026"],
        ["5", "Trịnh Văn Hải", "Đăng ký biến động quyền sử dụng đất", "02/3/2026", "06/3/2026",
         "04/TXL-UBND ngày 02/3/2026"],
        ["6", "Lương Thị Hoa", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "10/3/2026", "13/3/2026",
         "05/TXL-UBND ngày 10/3/2026"],
        ["7", "Mai Văn Quý", "Đăng ký khai sinh quá hạn", "26/3/2026", "27/3/2026",
         "07/TXL-UBND ngày 26/3/2026"],
    ]
    header, body = split_header(lines)
    after = next(i for i, p in enumerate(body) if p.endswith("cụ thể như sau:"))
    write_docx(OUT / "tc 2-4 thu xin loi cong dan.docx", body, header_table=header,
               table_rows=rows, table_after=after, font=FONT)


def satisfaction_survey() -> None:
    # Three pages; the phrase a reviewer remembers ("Quầy số 3 ... cao nhất") sits on page 2.
    first = official_document(
        "BC", "168/BC-UBND", dt.date(2026, 5, 15),
        "Kết quả khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của Trung tâm "
        "Phục vụ hành chính công phường quý I năm 2026",
        [
            "I. MỤC ĐÍCH, PHẠM VI KHẢO SÁT",
            "Khảo sát nhằm đo lường mức độ hài lòng của người dân, tổ chức khi giải quyết thủ tục "
            "hành chính tại Trung tâm Phục vụ hành chính công phường, làm cơ sở cải thiện chất "
            "lượng phục vụ. Đối tượng khảo sát là người dân, tổ chức có hồ sơ được trả kết quả từ "
            "ngày 01/01/2026 đến ngày 31/3/2026.",
            "II. PHƯƠNG PHÁP KHẢO SÁT",
            "Phát 300 phiếu khảo sát trực tiếp cho người dân sau khi nhận kết quả và 120 phiếu lấy "
            "ý kiến trực tuyến gửi qua tin nhắn. Phiếu gồm 5 nhóm nội dung theo phương pháp đo "
            "lường sự hài lòng của Bộ Nội vụ: tiếp cận dịch vụ; thủ tục hành chính; công chức "
            "trực tiếp giải quyết công việc; kết quả giải quyết; việc tiếp nhận, xử lý ý kiến của "
            "người dân.",
        ],
        recipients=("Sở Nội vụ thành phố;", "Lãnh đạo UBND phường;", "Lưu: VT, VHXH."),
        signer=AS_VICE, signer_name=VICE_CHAIR,
    )
    # official_document ends with the Nơi nhận block and signature: they belong on page 3.
    tail_at = first.index("Nơi nhận:")
    page1, closing = first[:tail_at], first[tail_at:]
    page2 = [
        "III. KẾT QUẢ KHẢO SÁT",
        "1. Số phiếu thu về: 412/420 phiếu, đạt 98,1%.",
        "2. Mức độ hài lòng chung: 96,4% người được hỏi hài lòng và rất hài lòng; 3,1% bình "
        "thường; 0,5% chưa hài lòng.",
        "3. Theo nhóm nội dung: tiếp cận dịch vụ 97,2%; thủ tục hành chính 95,8%; công chức trực "
        "tiếp giải quyết công việc 97,9%; kết quả giải quyết 96,0%; tiếp nhận, xử lý ý kiến của "
        "người dân 93,5%.",
        "4. Theo từng quầy:",
        "Quầy số 3 (lĩnh vực hộ tịch) có tỷ lệ hài lòng cao nhất, đạt 98,7%.",
        "Quầy lĩnh vực đất đai, xây dựng có tỷ lệ thấp nhất, đạt 91,2%, chủ yếu do người dân phải "
        "bổ sung giấy tờ nhiều lần.",
    ]
    page3 = [
        "IV. ĐÁNH GIÁ CHUNG",
        "Chỉ số hài lòng quý I năm 2026 tăng 1,8% so với quý IV năm 2025. Người dân đánh giá cao "
        "sự tận tình của công chức tại quầy hộ tịch, chứng thực.",
        "V. GIẢI PHÁP",
        "Rà soát, hướng dẫn đầy đủ giấy tờ cần nộp ngay từ lần đầu tiếp nhận đối với lĩnh vực đất "
        "đai, xây dựng; duy trì khảo sát hằng quý và công khai kết quả.",
        *closing,
    ]
    pdf("TC2.6 Ket qua khao sat hai long.pdf", [page1, page2, page3])


def dialogue_minutes_scan() -> None:
    # A signed paper record, scanned: image-only, readable only by OCR.
    page1 = official_document(
        "BB", "05/BB-UBND", dt.date(2026, 4, 22),
        "Hội nghị đối thoại giữa Chủ tịch Ủy ban nhân dân phường với Nhân dân năm 2026",
        [
            "Hồi 08 giờ 00 phút, ngày 22 tháng 4 năm 2026, tại Hội trường Ủy ban nhân dân phường "
            "Phù Liễn, Ủy ban nhân dân phường tổ chức Hội nghị đối thoại giữa người đứng đầu chính "
            "quyền với Nhân dân.",
            "I. THÀNH PHẦN",
            f"Chủ trì: đồng chí {CHAIR}, Chủ tịch Ủy ban nhân dân phường.",
            "Thư ký: bà Lê Thị Ngọc, công chức Văn phòng - Thống kê.",
            "Tham dự: đại diện Ủy ban Mặt trận Tổ quốc Việt Nam phường, các tổ chức chính trị - "
            "xã hội, Tổ trưởng 18 tổ dân phố và 96 công dân.",
            "II. NỘI DUNG",
            "Đồng chí Chủ tịch Ủy ban nhân dân phường thông tin tình hình kinh tế - xã hội quý I "
            "năm 2026 và lắng nghe ý kiến, tâm tư, nguyện vọng của Nhân dân.",
            "1. Ông Hoàng Văn Bình (Tổ dân phố số 7) đề nghị nạo vét rãnh thoát nước ngõ 12 trước "
            "mùa mưa bão.",
            "2. Bà Đặng Thị Lan (Tổ dân phố số 2) đề nghị lắp bổ sung đèn chiếu sáng tại đường "
            "vào trường tiểu học.",
        ],
        recipients=("Các tổ dân phố;", "Lưu: VT."),
        signer=("CHỦ TRÌ",), signer_name=CHAIR,
    )
    tail_at = page1.index("Nơi nhận:")
    page1, closing = page1[:tail_at], page1[tail_at:]
    page2 = [
        "3. Ông Phạm Văn Cường (Tổ dân phố số 11) hỏi về tiến độ cải tạo nhà văn hóa tổ dân phố.",
        "Trả lời của Chủ tịch Ủy ban nhân dân phường: giao Phòng Kinh tế, Hạ tầng và Đô thị nạo "
        "vét rãnh ngõ 12 xong trước ngày 30/5/2026; lắp 06 đèn chiếu sáng trong tháng 5/2026; "
        "nhà văn hóa Tổ dân phố số 11 khởi công trong quý III năm 2026.",
        "Hội nghị kết thúc hồi 11 giờ 15 phút cùng ngày. Biên bản đã được đọc lại cho các thành "
        "viên dự hội nghị nghe và nhất trí thông qua.",
        "THƯ KÝ",
        "Lê Thị Ngọc",
        *closing,
    ]
    write_scan_pdf(OUT / "3.1 Bien ban doi thoai (scan).pdf", [page1, page2], dpi=200)


def qr_codes() -> None:
    lines = official_document(
        "TB", "156/TB-UBND", dt.date(2026, 5, 4),
        "Công khai mã QR tra cứu thủ tục hành chính và nộp hồ sơ trực tuyến",
        [
            "Nhằm tạo thuận lợi cho người dân, tổ chức khi giải quyết thủ tục hành chính, Ủy ban "
            "nhân dân phường Phù Liễn công khai mã QR của các thủ tục hành chính thường gặp tại "
            "Trung tâm Phục vụ hành chính công phường.",
            "Người dân dùng điện thoại thông minh quét mã QR để xem hướng dẫn chi tiết và nộp hồ "
            "sơ trực tuyến trên Cổng Dịch vụ công quốc gia; đăng nhập bằng tài khoản định danh "
            "điện tử VNeID mức độ 2; thanh toán trực tuyến phí, lệ phí (nếu có).",
            "Danh sách mã QR được dán tại các quầy tiếp nhận:",
            "Mã QR số 01: Đăng ký khai sinh.",
            "Mã QR số 02: Đăng ký kết hôn.",
            "Mã QR số 03: Chứng thực bản sao từ bản chính.",
            "Mã QR số 04: Cấp bản sao trích lục hộ tịch.",
            "Mã QR số 05: Xác nhận tình trạng hôn nhân.",
            "Các thủ tục trên đều được cung cấp dưới hình thức dịch vụ công trực tuyến toàn trình.",
        ],
        recipients=("Trung tâm Phục vụ hành chính công phường;", "Lưu: VT."),
        signer=AS_VICE, signer_name=VICE_CHAIR,
    )
    pdf("TC4.5 - Mã QR thủ tục hành chính.pdf", [lines])


# --- proven by folder ------------------------------------------------------------------------


def reception_rules() -> None:
    lines = official_document(
        "QĐ", "36/QĐ-UBND", dt.date(2026, 1, 12),
        "Ban hành Nội quy tiếp công dân tại Trụ sở Ủy ban nhân dân phường Phù Liễn",
        [
            "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN",
            "Căn cứ Luật Tiếp công dân ngày 25 tháng 11 năm 2013;",
            "Căn cứ Nghị định số 64/2014/NĐ-CP ngày 26 tháng 6 năm 2014 của Chính phủ quy định chi "
            "tiết thi hành một số điều của Luật Tiếp công dân;",
            "QUYẾT ĐỊNH:",
            "Điều 1. Ban hành kèm theo Quyết định này Nội quy tiếp công dân tại Trụ sở Ủy ban nhân "
            "dân phường Phù Liễn.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.",
            "NỘI QUY TIẾP CÔNG DÂN",
            "1. Thời gian tiếp công dân: các ngày làm việc trong tuần; lãnh đạo Ủy ban nhân dân "
            "phường tiếp công dân vào sáng thứ Năm hằng tuần theo lịch tiếp công dân được thông "
            "báo hằng quý.",
            "2. Địa điểm tiếp công dân: Trụ sở Ủy ban nhân dân phường Phù Liễn.",
            "3. Công dân đến nơi tiếp công dân phải mang theo giấy tờ tùy thân, trình bày trung "
            "thực sự việc, cung cấp tài liệu liên quan; giữ trật tự, không mang vũ khí, chất dễ "
            "cháy nổ vào nơi tiếp công dân.",
            "4. Trường hợp nhiều người cùng trình bày một nội dung thì cử người đại diện.",
            "5. Người tiếp công dân có trách nhiệm giải thích, chỉ dẫn công dân thực hiện đúng quy "
            "định của pháp luật và ghi chép đầy đủ nội dung làm việc.",
        ],
        recipients=("Như Điều 2;", "Lưu: VT."),
        signer=AS_CHAIR, signer_name=CHAIR,
    )
    docx("Tieu chi 1/1.4 Lich tiep cong dan/Noi quy tiep cong dan.docx", lines)


def reception_schedule() -> None:
    lines = official_document(
        "TB", "117/TB-UBND", dt.date(2026, 3, 27),
        "Lịch tiếp công dân của lãnh đạo Ủy ban nhân dân phường quý II năm 2026",
        [
            "Ủy ban nhân dân phường Phù Liễn thông báo lịch tiếp công dân của lãnh đạo Ủy ban nhân "
            "dân phường quý II năm 2026 như sau:",
            f"Thứ Năm, ngày 09/4/2026: đồng chí {CHAIR}, Chủ tịch UBND phường.",
            f"Thứ Năm, ngày 23/4/2026: đồng chí {VICE_CHAIR}, Phó Chủ tịch UBND phường.",
            f"Thứ Năm, ngày 14/5/2026: đồng chí {CHAIR}, Chủ tịch UBND phường.",
            "Thứ Năm, ngày 28/5/2026: đồng chí Lê Thị Thu Trang, Phó Chủ tịch UBND phường.",
            f"Thứ Năm, ngày 11/6/2026: đồng chí {CHAIR}, Chủ tịch UBND phường.",
            f"Thứ Năm, ngày 25/6/2026: đồng chí {VICE_CHAIR}, Phó Chủ tịch UBND phường.",
            "Thời gian tiếp công dân: buổi sáng, từ 07 giờ 30 đến 11 giờ 30.",
            "Địa điểm tiếp công dân: Trụ sở Ủy ban nhân dân phường Phù Liễn.",
            "Trường hợp lãnh đạo bận công tác đột xuất, Ủy ban nhân dân phường phân công lãnh đạo "
            "khác tiếp thay. Lịch công tác tuần của Ủy ban nhân dân phường được thông báo vào "
            "chiều thứ Sáu hằng tuần.",
        ],
        recipients=("Các tổ dân phố;", "Lưu: VT."),
        signer=AS_CHAIR, signer_name=CHAIR,
    )
    pdf("Tieu chi 1/1.4 Lich tiep cong dan/Lich tiep cong dan quy II.pdf", [lines])


def equipment_list() -> None:
    lines = official_document(
        "BC", "142/BC-UBND", dt.date(2026, 4, 15),
        "Rà soát trang thiết bị tại Trung tâm Phục vụ hành chính công phường",
        [
            # Cites the plan's number and date: an extractor must keep this document's own.
            "Thực hiện Kế hoạch số 91/KH-UBND ngày 13/02/2026 của Ủy ban nhân dân phường, Ủy ban "
            "nhân dân phường báo cáo kết quả rà soát trang thiết bị tại Trung tâm Phục vụ hành "
            "chính công phường như sau:",
            "Trang thiết bị cơ bản đáp ứng yêu cầu phục vụ người dân; đề nghị bổ sung 02 máy tính "
            "và 01 máy scan tốc độ cao cho quầy lĩnh vực đất đai trong quý III năm 2026.",
        ],
        recipients=("Lãnh đạo UBND phường;", "Lưu: VT."),
        signer=AS_VICE, signer_name=VICE_CHAIR,
    )
    rows = [
        ["STT", "Tên trang thiết bị", "Số lượng", "Tình trạng"],
        ["1", "Máy tính để bàn", "12 bộ", "Tốt"],
        ["2", "Máy scan", "4 chiếc", "Tốt"],
        ["3", "Máy photocopy", "1 chiếc", "Tốt"],
        ["4", "Máy lấy số thứ tự tự động", "1 chiếc", "Tốt"],
        ["5", "Màn hình cảm ứng tra cứu thủ tục", "1 chiếc", "Tốt"],
        ["6", "Ghế ngồi chờ", "40 chiếc", "Tốt"],
        ["7", "Máy điều hòa nhiệt độ", "4 chiếc", "Tốt"],
        ["8", "Quạt điện", "6 chiếc", "2 chiếc cần thay"],
        ["9", "Camera giám sát", "8 mắt", "Tốt"],
        ["10", "Cây nước uống nóng lạnh", "2 chiếc", "Tốt"],
        ["11", "Mạng wifi miễn phí", "1 hệ thống", "Tốt"],
    ]
    header, body = split_header(lines)
    after = next(i for i, p in enumerate(body) if p.endswith("như sau:"))
    write_docx(OUT / "Tieu chi 4/4.3 Trang thiet bi/Danh muc trang thiet bi TTPVHCC.docx", body,
               header_table=header, table_rows=rows, table_after=after, font=FONT)


# --- no code: the content alone points to a sub-criterion ------------------------------------


def apology_letter() -> None:
    lines = official_document(
        "TXL", "06/TXL-UBND", dt.date(2026, 3, 16),
        "Về việc chậm trả kết quả giải quyết hồ sơ thủ tục hành chính",
        [
            "Kính gửi: Ông Nguyễn Văn Tâm, Tổ dân phố số 5, phường Phù Liễn, thành phố Hải Phòng.",
            "Ngày 02/3/2026, Trung tâm Phục vụ hành chính công phường Phù Liễn tiếp nhận hồ sơ "
            "của Ông đề nghị đăng ký biến động quyền sử dụng đất (mã hồ sơ "
            "000.45.21.H27-260302-0015), ngày hẹn trả kết quả là ngày 12/3/2026.",
            "Trong quá trình giải quyết, do phải xác minh thêm nguồn gốc thửa đất với cơ quan có "
            "liên quan, hồ sơ của Ông chưa được giải quyết đúng hẹn. Đây là thiếu sót của Ủy ban "
            "nhân dân phường trong việc phối hợp giải quyết hồ sơ.",
            "Ủy ban nhân dân phường Phù Liễn trân trọng gửi tới Ông thư xin lỗi vì sự chậm trễ "
            "này, đã làm mất thời gian và công sức đi lại của Ông.",
            "Ủy ban nhân dân phường hẹn trả kết quả cho Ông vào ngày 19/3/2026 tại Trung tâm Phục "
            "vụ hành chính công phường. Nếu Ông có nhu cầu, kết quả sẽ được gửi qua dịch vụ bưu "
            "chính công ích mà Ông không phải trả thêm chi phí.",
            "Ủy ban nhân dân phường Phù Liễn xin gửi lời thăm hỏi sức khỏe tới Ông và gia đình, rất "
            "mong nhận được sự thông cảm của Ông. Trân trọng!",
        ],
        recipients=("Như trên;", "Trung tâm Phục vụ hành chính công phường;", "Lưu: VT."),
        signer=AS_VICE, signer_name=VICE_CHAIR,
    )
    docx("Thu xin loi ong Nguyen Van Tam.docx", lines)


def home_service() -> None:
    lines = official_document(
        "BC", "74/BC-UBND", dt.date(2026, 3, 5),
        "Kết quả tiếp nhận hồ sơ và trả kết quả giải quyết thủ tục hành chính tại nhà cho đối "
        "tượng ưu tiên tháng 01 và tháng 02 năm 2026",
        [
            "Thực hiện chủ trương phục vụ tận nơi, trong tháng 01 và tháng 02 năm 2026, Trung tâm "
            "Phục vụ hành chính công phường đã tiếp nhận hồ sơ tại nhà và trả kết quả tại nhà "
            "cho 06 trường hợp là thương binh, bệnh binh nặng, người khuyết tật, người già yếu, cô "
            "đơn không nơi nương tựa, cụ thể như sau:",
            "Đối tượng ưu tiên được phục vụ tại nhà gồm: thương binh, bệnh binh nặng; người khuyết "
            "tật nặng, người mắc bệnh hiểm nghèo; người già yếu, cô đơn không nơi nương tựa. Khi "
            "có nhu cầu, người dân báo với Tổ trưởng tổ dân phố để được bố trí công chức đến tận "
            "nhà tiếp nhận hồ sơ.",
        ],
        recipients=("Lãnh đạo UBND phường;", "Lưu: VT."),
        signer=AS_VICE, signer_name=VICE_CHAIR,
    )
    rows = [
        ["STT", "Họ và tên", "Đối tượng", "Tổ dân phố", "Thủ tục", "Ngày trả kết quả"],
        ["1", "Trần Văn Hòa", "Thương binh hạng 2/4", "Số 4", "Chứng thực chữ ký giấy ủy quyền",
         "14/01/2026"],
        ["2", "Nguyễn Thị Lụa", "Người cao tuổi sống một mình", "Số 9",
         "Xác nhận tình trạng hôn nhân", "21/01/2026"],
        ["3", "Phạm Văn Thịnh", "Bệnh binh", "Số 1", "Chứng thực bản sao từ bản chính",
         "03/02/2026"],
        ["4", "Đào Thị Hiền", "Người khuyết tật nặng", "Số 15", "Cấp bản sao trích lục hộ tịch",
         "10/02/2026"],
        ["5", "Lê Văn Nhàn", "Người mắc bệnh hiểm nghèo", "Số 6", "Chứng thực chữ ký",
         "24/02/2026"],
        ["6", "Vũ Thị Tươi", "Người cao tuổi sống một mình", "Số 12", "Đăng ký khai tử cho chồng",
         "26/02/2026"],
    ]
    header, body = split_header(lines)
    after = next(i for i, p in enumerate(body) if p.endswith("cụ thể như sau:"))
    write_docx(OUT / "Danh sach tra ket qua tai nha.docx", body, header_table=header,
               table_rows=rows, table_after=after, font=FONT)


def office_culture() -> None:
    lines = official_document(
        "KH", "58/KH-UBND", dt.date(2026, 2, 2),
        "Thực hiện văn hóa công sở, quy tắc ứng xử của cán bộ, công chức phường năm 2026",
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Nâng cao ý thức chấp hành đạo đức công vụ, văn hóa công sở của cán bộ, công chức; "
            "xây dựng hình ảnh người cán bộ, công chức phường tận tụy, chuẩn mực.",
            "II. NỘI DUNG",
            "1. Thực hiện “nụ cười công sở”: tiếp đón người dân niềm nở, tận tình, chu đáo.",
            "2. Thực hiện “4 xin”: xin chào, xin lỗi, xin cảm ơn, xin phép; “4 luôn”: luôn mỉm "
            "cười, luôn nhẹ nhàng, luôn lắng nghe, luôn giúp đỡ.",
            "3. Thực hiện “5 không”: không gây phiền hà, nhũng nhiễu; không thờ ơ, vô cảm; không "
            "uống rượu, bia trong giờ làm việc; không làm việc riêng trong giờ làm việc; không "
            "hút thuốc lá nơi công sở.",
            "4. Cán bộ, công chức mặc trang phục công sở, đeo thẻ công chức trong giờ làm việc; "
            "thực hiện đúng quy tắc ứng xử và văn hóa giao tiếp với Nhân dân.",
            "III. TỔ CHỨC THỰC HIỆN",
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường theo dõi, đôn đốc việc thực "
            "hiện Kế hoạch này, kịp thời báo cáo Chủ tịch Ủy ban nhân dân phường.",
        ],
        recipients=("Cán bộ, công chức phường;", "Lưu: VT."),
        signer=AS_CHAIR, signer_name=CHAIR,
    )
    pdf("Ke hoach 58 van hoa cong so.pdf", [lines])


def digital_signature_letter() -> None:
    lines = official_document(
        "CV", "1520/UBND-VP", dt.date(2026, 4, 24),
        "Tăng cường sử dụng chữ ký số và phần mềm quản lý văn bản, điều hành",
        [
            "Kính gửi:",
            "- Các phòng, ban, ngành, đơn vị thuộc phường;",
            "- Cán bộ, công chức Ủy ban nhân dân phường.",
            "Thực hiện chỉ đạo của Ủy ban nhân dân thành phố về đẩy mạnh sử dụng văn bản điện tử "
            "giữa các cơ quan hành chính nhà nước, Ủy ban nhân dân phường yêu cầu:",
            "1. Toàn bộ văn bản đi của Ủy ban nhân dân phường (trừ văn bản mật) được ký số bằng "
            "chữ ký số chuyên dùng và phát hành trên phần mềm quản lý văn bản và điều hành.",
            "2. Cán bộ, công chức được cấp chứng thư số cá nhân có trách nhiệm bảo quản thiết bị "
            "ký số (USB token, SIM ký số), không giao cho người khác sử dụng.",
            "3. Văn bản đến được tiếp nhận, chuyển xử lý và lập hồ sơ công việc trên phần mềm; "
            "hạn chế tối đa việc sử dụng văn bản giấy.",
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường theo dõi, tổng hợp kết quả thực "
            "hiện, báo cáo Chủ tịch Ủy ban nhân dân phường vào ngày 25 hằng tháng./.",
        ],
        recipients=("Như trên;", "Lưu: VT."),
        signer=AS_CHAIR, signer_name=CHAIR,
    )
    docx("Cong van 1520 su dung chu ky so.docx", lines)


# --- general documents and noise ------------------------------------------------------------


def plan_91() -> None:
    lines = official_document(
        "KH", "91/KH-UBND", dt.date(2026, 2, 13),
        "Triển khai thực hiện mô hình “Chính quyền thân thiện” năm 2026",
        [
            "Thực hiện Nghị quyết số 05-NQ/TU ngày 14/01/2026 của Ban Chấp hành Đảng bộ thành phố "
            "về xây dựng và triển khai thực hiện một số mô hình Chủ nghĩa xã hội gắn với con người "
            "Xã hội chủ nghĩa tại thành phố Hải Phòng giai đoạn 2026 - 2030, Ủy ban nhân dân "
            "phường Phù Liễn ban hành Kế hoạch triển khai thực hiện mô hình “Chính quyền thân "
            "thiện” năm 2026 như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Xây dựng chính quyền phường công khai, minh bạch, thân thiện, vì Nhân dân phục vụ; "
            "phấn đấu đạt 100/100 điểm theo Bảng thang điểm “Chính quyền thân thiện”.",
            "II. NỘI DUNG THỰC HIỆN",
            "1. Tiêu chí 1 - Chính quyền công khai, minh bạch: công khai danh mục, quy trình, thời "
            "gian giải quyết thủ tục hành chính; mức thu phí, lệ phí; số điện thoại lãnh đạo, cán "
            "bộ, công chức và đường dây nóng; nội quy, lịch tiếp công dân, lịch công tác; quy chế "
            "thực hiện dân chủ ở cơ sở; đa dạng hình thức công khai qua niêm yết, cổng thông tin "
            "điện tử, đài truyền thanh, mạng xã hội; duy trì hòm thư góp ý và các kênh tiếp nhận "
            "phản ánh, kiến nghị.",
            "2. Tiêu chí 2 - Chính quyền thân thiện, hành động, vì Nhân dân phục vụ: thực hiện "
            "ngày giải quyết nhanh, trả kết quả trong ngày; trả kết quả tại nhà cho đối tượng ưu "
            "tiên; huy động đoàn viên, hội viên hỗ trợ người dân; gửi thư chúc mừng, thư cảm ơn, "
            "thư xin lỗi, thư biểu dương; gặp gỡ tổ chức, cá nhân có nhiều đóng góp cho địa "
            "phương; khảo sát sự hài lòng của người dân.",
            "3. Tiêu chí 3 - Đội ngũ cán bộ, công chức chuyên nghiệp, trách nhiệm, gương mẫu, "
            "thân thiện: người đứng đầu gương mẫu, tiếp công dân, đối thoại với Nhân dân; giải "
            "quyết đơn thư ngay từ cơ sở; nâng cao trình độ chuyên môn, kỹ năng số; thực hiện văn "
            "hóa công sở, quy tắc ứng xử; không để cán bộ, công chức bị xử lý kỷ luật.",
            "4. Tiêu chí 4 - Chính quyền xanh, văn minh, hiện đại: cảnh quan trụ sở sáng, xanh, "
            "sạch, đẹp; bố trí phòng làm việc, phòng tiếp công dân khoa học; trang thiết bị Trung "
            "tâm Phục vụ hành chính công; chữ ký số, phần mềm quản lý văn bản; dịch vụ công trực "
            "tuyến, mã QR thủ tục hành chính, VNeID; xây dựng mô hình sáng tạo, hiệu quả.",
            "III. TỔ CHỨC THỰC HIỆN",
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường là cơ quan thường trực, tham mưu "
            "theo dõi, tổng hợp kết quả; các phòng, ban, ngành, đơn vị căn cứ chức năng, nhiệm vụ "
            "tổ chức thực hiện và gửi minh chứng theo từng tiêu chí về Văn phòng trước ngày 05 "
            "hằng tháng.",
        ],
        recipients=("TT Đảng ủy, HĐND phường;", "Lãnh đạo UBND phường;",
                    "Các phòng, ban, ngành, đơn vị thuộc phường;", "Lưu: VT, VHXH."),
        signer=AS_CHAIR, signer_name=CHAIR,
    )
    docx("Ke hoach so 91.docx", lines)


def seed_report() -> None:
    """The real half-year report, from its text (taken from a PDF, hence the repairs below)."""
    raw = [line.strip() for line in SEED_REPORT.read_text(encoding="utf-8").splitlines()]
    paragraphs: list[str] = []
    for line in filter(None, raw):
        # Page breaks of the source PDF split two paragraphs mid-sentence ("kết quả thực" /
        # "hiện mô hình"): a line that does not end a sentence, followed by one starting in lower
        # case, is the same paragraph.
        if paragraphs and line[0].islower() and not paragraphs[-1].endswith((".", ":", ";", "!", "?")):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    number_line, date_line, *body = paragraphs  # `Số: /BC-UBND`, `Phù Liễn, ngày tháng năm 2026`
    header = (["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÙ LIỄN", number_line],
              ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", date_line])
    write_docx(OUT / "Bao cao ket qua CQTT 6 thang dau nam 2026.docx", body,
               header_table=header, font=FONT)


def meeting_invitation() -> None:
    # Proves nothing: every real folder holds files like this one.
    lines = official_document(
        "GM", "203/GM-UBND", dt.date(2026, 5, 25),
        "Họp giao ban công tác tháng 5 năm 2026",
        [
            "Ủy ban nhân dân phường Phù Liễn trân trọng kính mời:",
            "- Đồng chí Bí thư Đảng ủy phường;",
            "- Thường trực Hội đồng nhân dân phường;",
            "- Lãnh đạo Ủy ban nhân dân phường;",
            "- Trưởng các phòng, ban, ngành, đơn vị thuộc phường.",
            "Nội dung: đánh giá kết quả thực hiện nhiệm vụ tháng 5; triển khai nhiệm vụ trọng tâm "
            "tháng 6 năm 2026.",
            "Thời gian: 14 giờ 00, thứ Sáu, ngày 29/5/2026.",
            "Địa điểm: Hội trường tầng 2, trụ sở Ủy ban nhân dân phường.",
            "Đề nghị các đơn vị gửi báo cáo về Văn phòng trước 10 giờ 00 ngày 28/5/2026 để tổng "
            "hợp. Rất mong các đồng chí tham dự đúng thành phần, đúng giờ./.",
        ],
        recipients=("Như trên;", "Lưu: VT."),
        signer=AS_CHAIR, signer_name=CHAIR,
    )
    docx("Giay moi hop giao ban thang 5.docx", lines)


BUILDERS = (
    fee_table, phone_directory, democracy_regulation, apology_log, satisfaction_survey,
    dialogue_minutes_scan, qr_codes, reception_rules, reception_schedule, equipment_list,
    apology_letter, home_service, office_culture, digital_signature_letter, plan_91,
    seed_report, meeting_invitation,
)


def main() -> None:
    """Delete and rebuild examples/evidence/, then list what was written."""
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    for build in BUILDERS:
        build()
    files = sorted(p for p in OUT.rglob("*") if p.is_file())
    total = sum(p.stat().st_size for p in files)
    for p in files:
        print(f"{p.stat().st_size:8d}  {p.relative_to(OUT).as_posix()}")
    print(f"{len(files)} files, {total / 1024:.0f} KiB in {OUT}")


if __name__ == "__main__":
    main()
