"""The documents of the tagging evaluation: a ward evidence folder as staff really fill it.

Each `Case` is one file: where staff put it and how they named it, what is written in it (in the
wording real administrative documents use, not the rubric's keywords), and the ground truth a
reviewer would give it: the sub-criteria it proves (`codes`), codes that would also be fair
(`also`: neither required nor wrong), or `kind` "none" (proves nothing) / "general" (a summary
that speaks of everything). `name_codes` / `folder_codes` are what the file name and its nearest
coded folder announce, the truth for the name parser (unknown codes such as 1.9 included).

The texts were written before any tuning of the tagger and are not to be edited to make it pass.
Cases alternate between two halves by position (`half`): even positions tune, odd ones are held
out. Related genres are listed next to each other so both halves hold each sub-criterion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bench.docgen import official_document

UNIT = "UBND PHƯỜNG PHÙ LIỄN"
CHAIR = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
VICE = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
LAW = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"


@dataclass(frozen=True)
class Case:
    path: str
    lines: tuple[str, ...]
    codes: tuple[str, ...] = ()
    kind: str = "evidence"  # "evidence" | "none" | "general"
    also: tuple[str, ...] = ()
    name_codes: tuple[str, ...] = ()
    folder_codes: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()
    scan: bool = False  # a PDF made of page images (OCR only)
    nfd: bool = False  # write the file name decomposed, as a Mac does
    half: str = field(default="", compare=False)


def d(kind, number, date, title, body, signer=CHAIR, name="Nguyễn Đức Thắng", to=("Như trên;", "Lưu: VT.")):
    return tuple(official_document(kind, number, date, title, body, UNIT, "Phù Liễn", recipients=to, signer=signer, signer_name=name))


def t(*rows: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(c.strip() for c in r.split("|")) for r in rows)


D = dt.date

_CASES: list[Case] = [
    # --- 1.1 công khai TTHC --------------------------------------------------------------------
    Case("TIEU CHI 1/1.1. Cong khai TTHC/QĐ cong bo danh muc TTHC.pdf", d(
        "QĐ", "35/QĐ-UBND", D(2026, 1, 20),
        "Về việc công bố Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường Phù Liễn",
        ["CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", LAW,
         "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ về kiểm soát thủ tục hành chính; Nghị định số 92/2017/NĐ-CP ngày 07 tháng 8 năm 2017 sửa đổi, bổ sung một số điều của các nghị định liên quan đến kiểm soát thủ tục hành chính;",
         "Căn cứ Quyết định số 3120/QĐ-UBND ngày 30 tháng 12 năm 2025 của Chủ tịch Ủy ban nhân dân thành phố Hải Phòng về việc công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp xã;",
         "Xét đề nghị của Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường.",
         "QUYẾT ĐỊNH:",
         "Điều 1. Công bố kèm theo Quyết định này Danh mục 118 thủ tục hành chính thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường Phù Liễn, gồm: lĩnh vực hộ tịch 29 thủ tục; lĩnh vực chứng thực 13 thủ tục; lĩnh vực đất đai 11 thủ tục; lĩnh vực bảo trợ xã hội 17 thủ tục; lĩnh vực người có công 9 thủ tục và các lĩnh vực khác.",
         "Điều 2. Trung tâm Phục vụ hành chính công phường có trách nhiệm niêm yết đầy đủ tên thủ tục, trình tự, cách thức thực hiện, thành phần, số lượng hồ sơ, thời hạn giải quyết, căn cứ pháp lý của từng thủ tục tại nơi tiếp nhận hồ sơ và cập nhật trên Cổng thông tin điện tử phường.",
         "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng HĐND và UBND phường, Giám đốc Trung tâm Phục vụ hành chính công phường và các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này./."],
        to=("Như Điều 3;", "Sở Tư pháp thành phố;", "Lưu: VT.")),
        codes=("1.1",), also=("1.6",), folder_codes=("1.1",)),
    Case("TIEU CHI 1/1.1. Cong khai TTHC/anh niem yet TTHC tai bo phan mot cua.jpg", (
        "DANH MỤC THỦ TỤC HÀNH CHÍNH", "LĨNH VỰC HỘ TỊCH",
        "1. Đăng ký khai sinh - ngay trong ngày",
        "2. Đăng ký kết hôn - ngay trong ngày",
        "3. Đăng ký khai tử - ngay trong ngày",
        "4. Thay đổi, cải chính hộ tịch - 03 ngày làm việc",
        "5. Xác nhận tình trạng hôn nhân - 03 ngày làm việc",
        "Hồ sơ nộp tại quầy số 2"),
        codes=("1.1",), also=("1.6",), folder_codes=("1.1",)),
    Case("Zalo Received Files/Quy trinh noi bo linh vuc chung thuc.docx", d(
        "QĐ", "52/QĐ-UBND", D(2026, 2, 3),
        "Về việc phê duyệt quy trình nội bộ giải quyết thủ tục hành chính lĩnh vực chứng thực",
        ["CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", LAW,
         "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính;",
         "QUYẾT ĐỊNH:",
         "Điều 1. Phê duyệt kèm theo Quyết định này quy trình nội bộ giải quyết 13 thủ tục hành chính lĩnh vực chứng thực, trong đó xác định rõ từng bước xử lý, bộ phận, người thực hiện và thời gian thực hiện từng bước.",
         "Bước 1: Công chức tiếp nhận kiểm tra hồ sơ, cập nhật vào Hệ thống thông tin giải quyết thủ tục hành chính (0,5 giờ).",
         "Bước 2: Công chức Tư pháp - Hộ tịch thẩm định, trình ký (1 giờ).",
         "Bước 3: Lãnh đạo UBND phường ký duyệt (0,5 giờ).",
         "Bước 4: Đóng dấu, trả kết quả cho tổ chức, cá nhân.",
         "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./."]),
        codes=("1.1",)),
    Case("1_1 Danh muc TTHC linh vuc dat dai.pdf", (
        "DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC ĐẤT ĐAI THỰC HIỆN TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG",
        "(Kèm theo Quyết định số 35/QĐ-UBND ngày 20/01/2026 của Chủ tịch UBND phường)",
        "1. Hòa giải tranh chấp đất đai - Thời hạn: 45 ngày - Căn cứ: Luật Đất đai 2024",
        "2. Xác nhận hiện trạng sử dụng đất - Thời hạn: 03 ngày làm việc",
        "3. Đăng ký biến động quyền sử dụng đất - Thời hạn: 10 ngày làm việc",
        "4. Cung cấp thông tin đất đai - Thời hạn: trong ngày làm việc",
        "Tổ chức, cá nhân nộp hồ sơ trực tiếp tại Trung tâm hoặc qua dịch vụ bưu chính công ích."),
        codes=("1.1",), name_codes=("1.1",)),

    # --- 1.2 phí, lệ phí -----------------------------------------------------------------------
    Case("TIEU CHI 1/1.2 Phi, le phi/Bang niem yet phi le phi.docx", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        "BẢNG NIÊM YẾT MỨC THU PHÍ, LỆ PHÍ",
        "Áp dụng tại Trung tâm Phục vụ hành chính công phường từ ngày 01/01/2026",
        "Theo Nghị quyết số 15/2025/NQ-HĐND của Hội đồng nhân dân thành phố và Thông tư số 226/2016/TT-BTC của Bộ Tài chính.",
        "Người được miễn: người có công với cách mạng, thành viên hộ nghèo, người khuyết tật."),
        codes=("1.2",), folder_codes=("1.2",),
        table=t("STT | Nội dung | Đơn vị tính | Mức thu (đồng)",
                "1 | Đăng ký khai sinh, khai tử đúng hạn | Trường hợp | Miễn",
                "2 | Đăng ký kết hôn | Trường hợp | Miễn",
                "3 | Cấp bản sao trích lục hộ tịch | Bản | 8.000",
                "4 | Chứng thực bản sao từ bản chính | Trang | 2.000",
                "5 | Chứng thực chữ ký | Trường hợp | 10.000",
                "6 | Chứng thực hợp đồng, giao dịch | Hợp đồng | 50.000",
                "7 | Thay đổi, cải chính hộ tịch | Trường hợp | 15.000")),
    Case("TC 1.2 Thong bao muc thu phi chung thuc (scan).pdf", d(
        "TB", "11/TB-UBND", D(2026, 1, 9),
        "Về việc thu phí chứng thực tại Trung tâm Phục vụ hành chính công phường",
        ["Thực hiện Thông tư số 226/2016/TT-BTC của Bộ trưởng Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực, Ủy ban nhân dân phường thông báo:",
         "1. Chứng thực bản sao từ bản chính: 2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản.",
         "2. Chứng thực chữ ký: 10.000 đồng/trường hợp.",
         "3. Chứng thực hợp đồng, giao dịch: 50.000 đồng/hợp đồng.",
         "Công dân nộp tiền tại quầy thu và nhận biên lai theo quy định."], signer=VICE, name="Trần Quang Hưng"),
        codes=("1.2",), name_codes=("1.2",), scan=True),
    Case("Van ban/Cong khai le phi dang ky ho tich 2026.pdf", d(
        "TB", "14/TB-UBND", D(2026, 1, 12),
        "Công khai lệ phí đăng ký hộ tịch năm 2026",
        ["Căn cứ Nghị quyết của Hội đồng nhân dân thành phố Hải Phòng quy định mức thu, miễn, giảm, thu, nộp, quản lý và sử dụng lệ phí đăng ký hộ tịch trên địa bàn thành phố;",
         "Ủy ban nhân dân phường Phù Liễn thông báo công khai như sau:",
         "- Đăng ký khai sinh, khai tử, kết hôn đúng hạn: không thu lệ phí.",
         "- Cấp bản sao trích lục hộ tịch: 8.000 đồng/bản sao.",
         "- Đăng ký lại khai sinh, kết hôn: 5.000 đồng/trường hợp.",
         "- Xác nhận tình trạng hôn nhân: 3.000 đồng/trường hợp.",
         "Thông báo này được niêm yết tại Trung tâm Phục vụ hành chính công phường và nhà văn hóa các tổ dân phố./."]),
        codes=("1.2",), also=("1.6",)),

    # --- 1.3 số điện thoại ---------------------------------------------------------------------
    Case("TIÊU CHÍ 1.3 Thông báo số điện thoại đường dây nóng.docx", d(
        "TB", "19/TB-UBND", D(2026, 1, 15),
        "Số điện thoại đường dây nóng của Ủy ban nhân dân phường Phù Liễn",
        ["Để kịp thời tiếp nhận thông tin phản ánh của Nhân dân về tình hình an ninh trật tự, môi trường, trật tự xây dựng và việc giải quyết thủ tục hành chính, Ủy ban nhân dân phường thông báo số điện thoại đường dây nóng như sau:",
         "- Chủ tịch UBND phường: 0912.345.678",
         "- Trung tâm Phục vụ hành chính công phường: 0225.3868.222",
         "- Công an phường (trực ban 24/24): 0225.3868.113",
         "Đề nghị các tổ dân phố thông báo rộng rãi tới Nhân dân được biết./."]),
        codes=("1.3",), also=("1.7",), name_codes=("1.3",)),
    Case("TIEU CHI 1/1.3 Danh ba/Danh ba dien thoai lanh dao, cong chuc phuong.docx", (
        "DANH BẠ ĐIỆN THOẠI", "Lãnh đạo Đảng ủy, HĐND, UBND phường và công chức chuyên môn", "Cập nhật tháng 01/2026"),
        codes=("1.3",), folder_codes=("1.3",),
        table=t("STT | Họ và tên | Chức vụ | Điện thoại",
                "1 | Vũ Minh Đức | Bí thư Đảng ủy | 0904.111.222",
                "2 | Đỗ Thị Hạnh | Chủ tịch HĐND | 0904.333.444",
                "3 | Nguyễn Đức Thắng | Chủ tịch UBND | 0912.345.678",
                "4 | Trần Quang Hưng | Phó Chủ tịch UBND | 0913.456.789",
                "5 | Phạm Văn Khánh | Chánh Văn phòng | 0986.123.456",
                "6 | Bùi Văn Long | Công chức Tư pháp - Hộ tịch | 0977.654.321",
                "7 | Ngô Thị Phương | Công chức Văn hóa - Xã hội | 0968.222.333")),
    Case("Zalo Received Files/z5123456789012_anh bang cong khai.jpg", (
        "CÔNG KHAI SỐ ĐIỆN THOẠI", "LÃNH ĐẠO ĐẢNG ỦY, HĐND, UBND PHƯỜNG",
        "Bí thư Đảng ủy: 0904.111.222", "Chủ tịch HĐND: 0904.333.444",
        "Chủ tịch UBND: 0912.345.678", "Phó Chủ tịch UBND: 0913.456.789",
        "Đường dây nóng: 0225.3868.222"),
        codes=("1.3",)),
    Case("TC1.3+1.7 Bang cong khai sdt va hom thu.pdf", d(
        "TB", "20/TB-UBND", D(2026, 1, 15),
        "Công khai số điện thoại lãnh đạo và địa chỉ tiếp nhận ý kiến của Nhân dân",
        ["1. Số điện thoại của Chủ tịch UBND phường: 0912.345.678; Phó Chủ tịch UBND phường: 0913.456.789.",
         "2. Hòm thư góp ý đặt tại sảnh Trung tâm Phục vụ hành chính công phường, được mở định kỳ vào sáng thứ Sáu hằng tuần.",
         "3. Ý kiến của tổ chức, cá nhân về thái độ, tinh thần phục vụ của công chức có thể gửi qua thư điện tử ubndphulien@haiphong.gov.vn.",
         "Ủy ban nhân dân phường trân trọng cảm ơn sự quan tâm của Nhân dân./."]),
        codes=("1.3", "1.7"), name_codes=("1.3", "1.7")),

    # --- 1.4 nội quy, lịch tiếp công dân, lịch công tác ------------------------------------------
    Case("TIEU CHI 1/1.4 Noi quy, lich tiep CD/Noi quy tiep cong dan.pdf", d(
        "QĐ", "41/QĐ-UBND", D(2026, 1, 22),
        "Về việc ban hành Nội quy tiếp công dân tại Trụ sở Ủy ban nhân dân phường",
        ["CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "Căn cứ Luật Tiếp công dân ngày 25 tháng 11 năm 2013;",
         "Căn cứ Nghị định số 64/2014/NĐ-CP ngày 26 tháng 6 năm 2014 của Chính phủ quy định chi tiết một số điều của Luật Tiếp công dân;",
         "QUYẾT ĐỊNH:", "Điều 1. Ban hành kèm theo Quyết định này Nội quy tiếp công dân tại Trụ sở Ủy ban nhân dân phường.",
         "NỘI QUY",
         "1. Công dân đến trình bày khiếu nại, tố cáo, kiến nghị, phản ánh phải xuất trình giấy tờ tùy thân, giấy ủy quyền (nếu có).",
         "2. Công dân có thái độ đúng mực, tôn trọng người tiếp; không gây mất trật tự tại nơi tiếp công dân.",
         "3. Trường hợp nhiều người cùng khiếu nại về một nội dung thì cử đại diện không quá 05 người để trình bày.",
         "4. Người tiếp công dân có trách nhiệm mặc trang phục chỉnh tề, đeo thẻ, hướng dẫn, giải thích cho công dân."]),
        codes=("1.4",), folder_codes=("1.4",)),
    Case("Lich cong tac tuan 10 (02.3-06.3.2026).docx", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "LỊCH CÔNG TÁC TUẦN 10",
        "Của Thường trực Đảng ủy, lãnh đạo UBND phường (Từ ngày 02/3/2026 đến ngày 06/3/2026)"),
        codes=("1.4",),
        table=t("Thứ, ngày | Thời gian | Nội dung | Chủ trì | Địa điểm",
                "Thứ Hai 02/3 | 7h30 | Giao ban lãnh đạo UBND phường | Chủ tịch UBND | Phòng họp số 1",
                "Thứ Ba 03/3 | 8h00 | Tiếp công dân định kỳ | Chủ tịch UBND | Trụ sở tiếp công dân",
                "Thứ Tư 04/3 | 14h00 | Kiểm tra công tác vệ sinh môi trường tổ dân phố 3, 4 | PCT Trần Quang Hưng | Tổ dân phố 3",
                "Thứ Năm 05/3 | 8h00 | Dự hội nghị trực tuyến của thành phố | Chủ tịch UBND | Hội trường",
                "Thứ Sáu 06/3 | 15h00 | Họp Ban Chỉ đạo chuyển đổi số phường | Chủ tịch UBND | Phòng họp số 1")),
    Case("TIEU CHI 1/1.4 Noi quy, lich tiep CD/TB lich tiep cong dan nam 2026.pdf", d(
        "TB", "05/TB-UBND", D(2026, 1, 5),
        "Lịch tiếp công dân định kỳ năm 2026 của Chủ tịch Ủy ban nhân dân phường",
        ["Thực hiện Luật Tiếp công dân năm 2013, Ủy ban nhân dân phường thông báo lịch tiếp công dân năm 2026 như sau:",
         "1. Chủ tịch UBND phường tiếp công dân định kỳ vào ngày thứ Ba của tuần thứ nhất và tuần thứ ba hằng tháng.",
         "2. Các Phó Chủ tịch UBND phường tiếp công dân theo lĩnh vực phụ trách vào ngày thứ Năm hằng tuần.",
         "3. Địa điểm: Trụ sở tiếp công dân phường, số 12 đường Lê Lợi.",
         "Trường hợp trùng ngày nghỉ lễ, lịch được chuyển sang ngày làm việc liền kề./."]),
        codes=("1.4",), also=("3.1",), folder_codes=("1.4",)),
    Case("Thong bao gio lam viec TTPVHCC_1.4.pdf", d(
        "TB", "02/TB-TTPVHCC", D(2026, 1, 2),
        "Thời gian làm việc của Trung tâm Phục vụ hành chính công phường",
        ["Trung tâm Phục vụ hành chính công phường Phù Liễn làm việc từ thứ Hai đến thứ Sáu: sáng từ 7 giờ 30 đến 11 giờ 30; chiều từ 13 giờ 30 đến 17 giờ 00.",
         "Sáng thứ Bảy: tiếp nhận hồ sơ từ 7 giờ 30 đến 11 giờ 00 đối với lĩnh vực hộ tịch, chứng thực.",
         "Lãnh đạo UBND phường trực tiếp công dân tại Trụ sở tiếp công dân vào sáng thứ Ba hằng tuần./."]),
        codes=("1.4",), name_codes=("1.4",)),
    Case("2026-03-01 1.4 Lich cong tac thang 3.docx", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "CHƯƠNG TRÌNH CÔNG TÁC THÁNG 3 NĂM 2026",
        "1. Tổ chức hội nghị sơ kết công tác quý I (ngày 27/3).",
        "2. Chủ tịch UBND phường tiếp công dân định kỳ ngày 03/3 và 17/3.",
        "3. Ra quân giải tỏa lấn chiếm vỉa hè tuyến đường Lê Lợi (ngày 10/3 - 12/3).",
        "4. Tổ chức Lễ giao nhận quân năm 2026 (ngày 05/3).",
        "5. Kiểm tra việc thực hiện nhiệm vụ của các tổ dân phố (ngày 24/3)."),
        codes=("1.4",), name_codes=("1.4",)),

    # --- 1.5 quy chế dân chủ -------------------------------------------------------------------
    Case("TIEU CHI 1/1.5 Quy che dan chu/QD ban hanh quy che dan chu trong co quan.docx", d(
        "QĐ", "22/QĐ-UBND", D(2026, 1, 14),
        "Ban hành Quy chế thực hiện dân chủ trong hoạt động của Ủy ban nhân dân phường Phù Liễn",
        ["CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", LAW,
         "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;",
         "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ;",
         "QUYẾT ĐỊNH:",
         "Điều 1. Ban hành kèm theo Quyết định này Quy chế thực hiện dân chủ trong hoạt động của cơ quan Ủy ban nhân dân phường.",
         "Quy chế quy định những nội dung cán bộ, công chức được biết, được tham gia ý kiến, được quyết định, được kiểm tra, giám sát; trách nhiệm của người đứng đầu cơ quan trong việc công khai thông tin, tổ chức hội nghị cán bộ, công chức hằng năm.",
         "Điều 2. Quyết định có hiệu lực kể từ ngày ký./."]),
        codes=("1.5",), folder_codes=("1.5",)),
    Case("Bao cao thuc hien dan chu o co so 6 thang.pdf", d(
        "BC", "96/BC-UBND", D(2026, 6, 12),
        "Kết quả thực hiện Luật Thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2026",
        ["1. Những nội dung công khai để Nhân dân biết: Ủy ban nhân dân phường đã công khai kế hoạch sử dụng đất, dự toán và quyết toán ngân sách, các khoản thu đóng góp của Nhân dân.",
         "2. Những nội dung Nhân dân bàn và quyết định: 12/12 tổ dân phố tổ chức hội nghị bàn và quyết định việc đóng góp xây dựng đường ngõ, sửa chữa nhà văn hóa; 100% hộ gia đình tham gia ý kiến.",
         "3. Những nội dung Nhân dân tham gia ý kiến: lấy ý kiến vào dự thảo quy hoạch chi tiết khu dân cư.",
         "4. Nhân dân kiểm tra, giám sát: Ban Thanh tra nhân dân phường thực hiện 03 cuộc giám sát; Ban Giám sát đầu tư của cộng đồng giám sát 02 công trình.",
         "Nhìn chung, việc thực hiện dân chủ ở cơ sở được các tổ dân phố nghiêm túc triển khai, phát huy quyền làm chủ của Nhân dân./."]),
        codes=("1.5",)),

    # --- 1.6 hình thức công khai ---------------------------------------------------------------
    Case("TIEU CHI 1/1.6 Hinh thuc cong khai/Anh chup man hinh Cong TTDT.png", (
        "CỔNG THÔNG TIN ĐIỆN TỬ PHƯỜNG PHÙ LIỄN",
        "Trang chủ | Giới thiệu | Tin tức | Văn bản | Thủ tục hành chính",
        "Thông báo lịch tiếp công dân tháng 3/2026",
        "Công khai mức thu phí, lệ phí tại Trung tâm PVHCC",
        "Phường Phù Liễn ra quân làm sạch môi trường",
        "Kết quả giải quyết hồ sơ tháng 02/2026"),
        codes=("1.6",), also=("1.1", "1.2", "1.4"), folder_codes=("1.6",)),
    Case("TIEU CHI 1/Khac/Bao cao hoat dong dai truyen thanh quy I.docx", d(
        "BC", "48/BC-UBND", D(2026, 4, 2),
        "Kết quả hoạt động thông tin cơ sở quý I năm 2026",
        ["Trong quý I, Đài truyền thanh phường đã xây dựng và phát sóng 96 chương trình, 412 tin, bài về các chủ trương của Đảng, chính sách pháp luật của Nhà nước và nhiệm vụ của địa phương; tiếp âm chương trình thời sự của Đài Phát thanh và Truyền hình Hải Phòng.",
         "Phường đã đăng tải 58 tin, bài trên Trang thông tin điện tử phường; duy trì Fanpage “Phường Phù Liễn” với 6.200 lượt theo dõi và 12 nhóm Zalo tổ dân phố để kịp thời thông tin tới Nhân dân.",
         "Các văn bản, thông báo của phường được niêm yết tại nhà văn hóa 12 tổ dân phố và bảng tin của Trung tâm Phục vụ hành chính công phường.",
         "Hệ thống 24 cụm loa được bảo dưỡng định kỳ, hoạt động ổn định./."]),
        codes=("1.6",)),
    Case("Tieu chi 1 - 1.6 Tin bai dang tren fanpage.docx", (
        "DANH SÁCH TIN, BÀI ĐĂNG TẢI TRÊN FANPAGE “PHƯỜNG PHÙ LIỄN” THÁNG 4/2026",
        "1. 02/4: Thông báo lịch tiêm chủng mở rộng tháng 4 - facebook.com/phuongphulien/posts/1021",
        "2. 05/4: Hướng dẫn đăng ký khai sinh trực tuyến - facebook.com/phuongphulien/posts/1034",
        "3. 09/4: Phường Phù Liễn tổ chức Ngày hội đọc sách - facebook.com/phuongphulien/posts/1047",
        "4. 15/4: Công khai danh sách hộ được hỗ trợ sửa chữa nhà ở - facebook.com/phuongphulien/posts/1062",
        "5. 22/4: Tin bài được chia sẻ lại trên nhóm Zalo 12 tổ dân phố, tổng 3.450 lượt xem."),
        codes=("1.6",), name_codes=("1.6",)),

    # --- 1.7 hòm thư góp ý, phản ánh -----------------------------------------------------------
    Case("13.02.2026 Bien ban mo hom thu gop y.pdf", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "BIÊN BẢN", "Mở hòm thư góp ý tại Trung tâm Phục vụ hành chính công phường",
        "Hôm nay, vào hồi 8 giờ 00 ngày 13/02/2026, tại Trung tâm Phục vụ hành chính công phường, chúng tôi gồm: ông Trần Quang Hưng - Phó Chủ tịch UBND phường; bà Lê Thị Mai - đại diện Ủy ban MTTQ Việt Nam phường; ông Phạm Văn Khánh - Chánh Văn phòng.",
        "Tiến hành mở hòm thư góp ý. Niêm phong hòm thư còn nguyên vẹn. Kết quả: trong hòm thư có 02 phiếu; 01 phiếu khen thái độ phục vụ của công chức bộ phận hộ tịch; 01 phiếu đề nghị bố trí thêm chỗ để xe cho người dân.",
        "Các ý kiến được chuyển lãnh đạo UBND phường xem xét, chỉ đạo giải quyết. Biên bản kết thúc hồi 8 giờ 30 cùng ngày."),
        codes=("1.7",)),
    Case("TC1.7 - Thong bao dia chi tiep nhan phan anh kien nghi.docx", d(
        "TB", "23/TB-UBND", D(2026, 1, 19),
        "Địa chỉ tiếp nhận phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính",
        ["Thực hiện Nghị định số 20/2008/NĐ-CP ngày 14 tháng 02 năm 2008 của Chính phủ về tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính, Ủy ban nhân dân phường thông báo:",
         "Cá nhân, tổ chức gửi phản ánh, kiến nghị về hành vi chậm trễ, gây phiền hà hoặc không thực hiện, thực hiện không đúng quy định hành chính của công chức qua các địa chỉ sau:",
         "- Trực tiếp hoặc qua đường bưu điện: Ủy ban nhân dân phường Phù Liễn, số 12 đường Lê Lợi.",
         "- Điện thoại: 0225.3868.222; thư điện tử: ubndphulien@haiphong.gov.vn.",
         "- Ứng dụng Hải Phòng Smart, mục Phản ánh hiện trường.",
         "Phản ánh, kiến nghị phải sử dụng ngôn ngữ tiếng Việt, ghi rõ tên, địa chỉ, số điện thoại của cá nhân, tổ chức./."]),
        codes=("1.7",), also=("1.3",), name_codes=("1.7",)),
    Case("TC1.9 Bao cao bo sung.docx", d(
        "BC", "77/BC-UBND", D(2026, 5, 8),
        "Kết quả tiếp nhận, xử lý phản ánh, kiến nghị của người dân 4 tháng đầu năm 2026",
        ["Từ ngày 01/01/2026 đến ngày 30/4/2026, Ủy ban nhân dân phường tiếp nhận 37 phản ánh, kiến nghị qua các kênh: ứng dụng Hải Phòng Smart 21 phản ánh; hòm thư tại Trung tâm 04 ý kiến; điện thoại 12 cuộc gọi.",
         "Nội dung chủ yếu: vệ sinh môi trường, lấn chiếm vỉa hè, đèn chiếu sáng hỏng, tiếng ồn.",
         "Kết quả: đã xử lý, trả lời 35/37 phản ánh (đạt 94,6%), 02 phản ánh đang xử lý trong thời hạn.",
         "Không có phản ánh quá hạn, không có phản ánh kéo dài./."]),
        codes=("1.7",), name_codes=("1.9",)),

    # --- 2.1 ngày giải quyết nhanh ---------------------------------------------------------------
    Case("Tieu chi 2/Ke hoach to chuc Ngay giai quyet nhanh TTHC.docx", d(
        "KH", "27/KH-UBND", D(2026, 1, 28),
        "Tổ chức “Ngày thứ Năm giải quyết nhanh thủ tục hành chính” tại Trung tâm Phục vụ hành chính công phường năm 2026",
        ["I. MỤC ĐÍCH, YÊU CẦU",
         "Giảm thời gian chờ đợi, đi lại của người dân; phấn đấu 100% hồ sơ đủ điều kiện được giải quyết và trả kết quả ngay khi tiếp nhận.",
         "II. NỘI DUNG",
         "1. Thứ Năm hằng tuần, lãnh đạo UBND phường trực tại Trung tâm để ký duyệt hồ sơ ngay trong buổi.",
         "2. Các thủ tục áp dụng: chứng thực bản sao, chứng thực chữ ký, đăng ký khai sinh, đăng ký kết hôn, xác nhận tình trạng hôn nhân.",
         "3. Hồ sơ tiếp nhận trước 10 giờ 00 được trả kết quả trước 11 giờ 30; hồ sơ tiếp nhận trước 16 giờ 00 được trả kết quả trước 17 giờ 00 cùng ngày.",
         "III. TỔ CHỨC THỰC HIỆN",
         "Trung tâm Phục vụ hành chính công phường theo dõi, tổng hợp số hồ sơ giải quyết trong ngày, báo cáo hằng tháng./."], signer=VICE, name="Trần Quang Hưng"),
        codes=("2.1",)),
    Case("Tieu chi 2/Quyet dinh ban hanh quy dinh tra ket qua trong ngay.pdf", d(
        "QĐ", "61/QĐ-UBND", D(2026, 2, 10),
        "Ban hành Danh mục thủ tục hành chính giải quyết và trả kết quả trong ngày tại Trung tâm Phục vụ hành chính công phường",
        ["CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", LAW,
         "QUYẾT ĐỊNH:",
         "Điều 1. Ban hành kèm theo Quyết định này Danh mục 24 thủ tục hành chính được giải quyết và trả kết quả ngay trong ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ (rút ngắn từ 50% đến 100% so với thời hạn quy định).",
         "Điều 2. Công chức tiếp nhận có trách nhiệm hướng dẫn, kiểm tra hồ sơ và chuyển xử lý ngay; trường hợp không thể trả trong ngày phải thông báo lý do cho người dân.",
         "Điều 3. Quyết định có hiệu lực kể từ ngày ký./."]),
        codes=("2.1",), also=("1.1",)),
    Case("Tieu chi 2/2.1 So theo doi ho so tra trong ngay T3.2026.xlsx", (), codes=("2.1",), name_codes=("2.1",)),

    # --- 2.2 trả kết quả tại nhà -----------------------------------------------------------------
    Case("Tieu chi 2/2_2 Danh sach tra ket qua tai nha cho nguoi cao tuoi.docx", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        "DANH SÁCH", "Công dân được tiếp nhận hồ sơ và trả kết quả tại nơi cư trú quý I/2026"),
        codes=("2.2",), name_codes=("2.2",),
        table=t("STT | Họ và tên | Năm sinh | Địa chỉ | Đối tượng | Thủ tục | Ngày trả",
                "1 | Nguyễn Thị Lan | 1936 | Tổ dân phố 3 | Người cao tuổi sống một mình | Chứng thực bản sao | 15/01/2026",
                "2 | Vũ Văn Bình | 1948 | Tổ dân phố 7 | Thương binh hạng 2/4 | Xác nhận thông tin cư trú | 22/01/2026",
                "3 | Hoàng Thị Nụ | 1952 | Tổ dân phố 1 | Người khuyết tật nặng | Trợ cấp xã hội hằng tháng | 10/02/2026",
                "4 | Đặng Văn Tư | 1940 | Tổ dân phố 9 | Ốm đau nằm liệt giường | Chứng thực chữ ký | 05/3/2026")),
    Case("KH 45-KH-UBND.pdf", d(
        "KH", "45/KH-UBND", D(2026, 2, 20),
        "Tiếp nhận hồ sơ và trả kết quả giải quyết thủ tục hành chính tại nơi ở cho người cao tuổi, người khuyết tật, người có công trên địa bàn phường",
        ["I. ĐỐI TƯỢNG", "Người từ đủ 80 tuổi trở lên; người khuyết tật đặc biệt nặng; thương binh, bệnh binh có tỷ lệ tổn thương cơ thể từ 81% trở lên; người đang điều trị bệnh dài ngày không thể tự đi lại; người cao tuổi cô đơn.",
         "II. CÁCH THỨC THỰC HIỆN",
         "Tổ trưởng tổ dân phố nắm bắt nhu cầu, báo Trung tâm Phục vụ hành chính công phường. Trung tâm cử công chức đến tận nhà hướng dẫn, nhận hồ sơ; khi có kết quả, công chức mang đến trao tận tay người dân, không thu thêm bất kỳ khoản chi phí nào.",
         "III. TỔ CHỨC THỰC HIỆN", "Các tổ dân phố lập danh sách đối tượng, gửi về UBND phường trước ngày 05 hằng tháng./."], signer=VICE, name="Trần Quang Hưng"),
        codes=("2.2",)),
    Case("Tieu chi 2/Anh trao ket qua tai nha/IMG_20260312_093015.jpg", (), codes=("2.2",)),

    # --- 2.3 đoàn viên, hội viên hỗ trợ -----------------------------------------------------------
    Case("Tieu chi 2/2.3/Ke hoach ra quan tinh nguyen ho tro dich vu cong.docx", (
        "ĐOÀN TNCS HỒ CHÍ MINH", "BCH ĐOÀN PHƯỜNG PHÙ LIỄN", "Số: 08-KH/ĐTN",
        "KẾ HOẠCH", "Ra quân đội hình thanh niên tình nguyện hỗ trợ người dân thực hiện dịch vụ công năm 2026",
        "1. Thành lập 02 đội hình, mỗi đội 6 đồng chí, trực tại Trung tâm Phục vụ hành chính công phường vào sáng thứ Ba, thứ Năm hằng tuần.",
        "2. Nội dung: hướng dẫn bà con tạo tài khoản, nộp hồ sơ trên Cổng Dịch vụ công quốc gia; cài đặt và kích hoạt ứng dụng VNeID; hỗ trợ điền tờ khai, lấy số thứ tự.",
        "3. Đoàn viên tham gia mặc áo thanh niên tình nguyện, đeo băng đỏ, thái độ nhã nhặn, nhiệt tình.",
        "4. Thời gian ra quân: 7 giờ 30 ngày 24/02/2026 tại sân Trụ sở UBND phường.",
        "T/M BAN CHẤP HÀNH", "BÍ THƯ", "Nguyễn Thị Hương"),
        codes=("2.3",), also=("4.5",), folder_codes=("2.3",)),
    Case("Lich phan cong truc ho tro tai TTPVHCC thang 4.docx", (
        "ỦY BAN MTTQ VIỆT NAM PHƯỜNG PHÙ LIỄN",
        "LỊCH PHÂN CÔNG", "Các đoàn thể cử người trực hướng dẫn công dân tại Trung tâm Phục vụ hành chính công phường tháng 4/2026",
        "Người trực có mặt trước 7 giờ 30, hướng dẫn công dân điền tờ khai, sắp xếp chỗ ngồi, giải đáp thắc mắc."),
        codes=("2.3",),
        table=t("Ngày | Đơn vị | Họ và tên",
                "Thứ Hai | Đoàn Thanh niên phường | Phạm Minh Tuấn, Lê Thu Hà",
                "Thứ Ba | Hội Liên hiệp Phụ nữ phường | Nguyễn Thị Bích",
                "Thứ Tư | Hội Cựu chiến binh phường | Trần Văn Sơn",
                "Thứ Năm | Đoàn Thanh niên phường | Đỗ Quang Huy",
                "Thứ Sáu | Hội Người cao tuổi phường | Vũ Văn Thịnh")),

    # --- 2.4 thư ---------------------------------------------------------------------------------
    Case("Tieu chi 2/2.4 Thu/Thu xin loi ong Nguyen Van Tam.docx", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "THƯ XIN LỖI",
        "Kính gửi: Ông Nguyễn Văn Tâm, tổ dân phố 5, phường Phù Liễn.",
        "Ngày 12/3/2026, Trung tâm Phục vụ hành chính công phường tiếp nhận hồ sơ đăng ký biến động đất đai của Ông, hẹn trả kết quả ngày 26/3/2026.",
        "Do hồ sơ phải xác minh thêm nguồn gốc thửa đất nên việc giải quyết bị chậm so với ngày hẹn. Ủy ban nhân dân phường thành thật xin lỗi Ông vì sự chậm trễ này và hẹn trả kết quả vào ngày 02/4/2026.",
        "Rất mong Ông thông cảm. Trân trọng!", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Đức Thắng"),
        codes=("2.4",), folder_codes=("2.4",)),
    Case("thu cam on.pdf", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "THƯ CẢM ƠN",
        "Kính gửi: Quý Ông/Bà đến giao dịch tại Trung tâm Phục vụ hành chính công phường.",
        "Ủy ban nhân dân phường Phù Liễn trân trọng cảm ơn Ông/Bà đã tin tưởng, lựa chọn và hợp tác cùng cán bộ, công chức trong quá trình giải quyết hồ sơ.",
        "Mọi ý kiến đóng góp xin gửi về Trung tâm để chúng tôi ngày càng phục vụ tốt hơn. Kính chúc Ông/Bà và gia đình mạnh khỏe, hạnh phúc!",
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        codes=("2.4",)),
    Case("MC2.4 Thu chuc mung ket hon (mau).docx", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "THƯ CHÚC MỪNG",
        "Thân gửi: Anh Phạm Đức Anh và Chị Nguyễn Thu Trang",
        "Nhân dịp Anh, Chị chính thức trở thành vợ chồng, được Ủy ban nhân dân phường trao Giấy chứng nhận kết hôn, thay mặt lãnh đạo phường, tôi gửi tới Anh, Chị lời chúc mừng tốt đẹp nhất.",
        "Chúc hai bạn trăm năm hạnh phúc, xây dựng gia đình no ấm, bình đẳng, tiến bộ, cùng nhau vun đắp tổ ấm và góp sức xây dựng quê hương.",
        "CHỦ TỊCH UBND PHƯỜNG", "Nguyễn Đức Thắng"),
        codes=("2.4",), name_codes=("2.4",)),
    Case("THƯ BIỂU DƯƠNG - ANH LÊ VĂN HÙNG.PDF", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "THƯ BIỂU DƯƠNG",
        "Ủy ban nhân dân phường Phù Liễn biểu dương anh Lê Văn Hùng, sinh năm 1995, tổ dân phố 8, đã dũng cảm lao xuống hồ cứu sống cháu bé 7 tuổi bị đuối nước chiều ngày 18/4/2026.",
        "Hành động của anh là tấm gương sáng về tinh thần tương thân, tương ái, thể hiện nét đẹp người tốt, việc tốt trên địa bàn phường.",
        "Ủy ban nhân dân phường ghi nhận, biểu dương và mong anh tiếp tục phát huy./.", "CHỦ TỊCH", "Nguyễn Đức Thắng"),
        codes=("2.4",)),

    # --- 2.5 gặp mặt, đóng góp -----------------------------------------------------------------
    Case("Tieu chi 2/2.5 Gap mat doanh nghiep/KH hoi nghi gap mat doanh nghiep 2026.docx", d(
        "KH", "18/KH-UBND", D(2026, 1, 16),
        "Tổ chức Hội nghị gặp mặt doanh nghiệp, hộ kinh doanh trên địa bàn phường nhân dịp Xuân Bính Ngọ 2026",
        ["I. MỤC ĐÍCH", "Ghi nhận những đóng góp của cộng đồng doanh nghiệp trong phát triển kinh tế - xã hội và công tác an sinh xã hội của phường; lắng nghe khó khăn, vướng mắc của doanh nghiệp để kịp thời tháo gỡ.",
         "II. THÀNH PHẦN", "Lãnh đạo Đảng ủy, HĐND, UBND, Ủy ban MTTQ phường; đại diện 45 doanh nghiệp, hợp tác xã và hộ kinh doanh tiêu biểu.",
         "III. THỜI GIAN, ĐỊA ĐIỂM", "8 giờ 00 ngày 06/02/2026 tại Hội trường UBND phường.",
         "IV. NỘI DUNG", "Báo cáo tình hình kinh tế năm 2025; doanh nghiệp phát biểu ý kiến; tặng giấy khen cho 10 doanh nghiệp có thành tích trong công tác an sinh xã hội./."]),
        codes=("2.5",), folder_codes=("2.5",)),
    Case("BC gap mat dau xuan Binh Ngo.docx", d(
        "BC", "30/BC-UBND", D(2026, 2, 25),
        "Kết quả tổ chức gặp mặt các tập thể, cá nhân tiêu biểu nhân dịp Xuân Bính Ngọ 2026",
        ["Ngày 10/02/2026, Ủy ban nhân dân phường tổ chức gặp mặt 60 đại biểu là các tập thể, cá nhân đã ủng hộ xây dựng nhà văn hóa tổ dân phố, quỹ “Vì người nghèo” và hỗ trợ hộ gia đình khó khăn trong năm 2025 với tổng số tiền trên 1,2 tỷ đồng.",
         "Tại buổi gặp mặt, lãnh đạo phường bày tỏ sự trân trọng đối với những tấm lòng vì cộng đồng, đồng thời lắng nghe 08 ý kiến của đại biểu về đầu tư hạ tầng, trật tự đô thị.",
         "Ủy ban nhân dân phường đã tặng giấy khen cho 15 tập thể, 20 cá nhân có thành tích xuất sắc./."]),
        codes=("2.5",)),

    # --- 2.6 khảo sát hài lòng -------------------------------------------------------------------
    Case("TC 2.6 Phieu khao sat su hai long.docx", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN",
        "PHIẾU KHẢO SÁT", "Ý kiến người dân về chất lượng phục vụ của Trung tâm Phục vụ hành chính công phường",
        "Để nâng cao chất lượng phục vụ, xin Ông/Bà vui lòng đánh dấu (x) vào ô phù hợp:",
        "Câu 1. Ông/Bà đánh giá thế nào về thái độ của công chức tiếp nhận hồ sơ? □ Rất hài lòng □ Hài lòng □ Bình thường □ Không hài lòng",
        "Câu 2. Thời gian giải quyết hồ sơ có đúng hẹn không? □ Sớm hơn hẹn □ Đúng hẹn □ Trễ hẹn",
        "Câu 3. Cơ sở vật chất nơi làm thủ tục? □ Tốt □ Bình thường □ Chưa tốt",
        "Câu 4. Ý kiến khác của Ông/Bà: ....................",
        "Xin trân trọng cảm ơn Ông/Bà!"),
        codes=("2.6",), name_codes=("2.6",)),
    Case("2026-04-05 Bao cao ket qua khao sat quy I.pdf", d(
        "BC", "50/BC-UBND", D(2026, 4, 5),
        "Kết quả đánh giá mức độ hài lòng của người dân, tổ chức đối với việc giải quyết thủ tục hành chính quý I năm 2026",
        ["Trong quý I, Trung tâm Phục vụ hành chính công phường phát ra 400 phiếu, thu về 386 phiếu hợp lệ; đồng thời có 1.102 lượt đánh giá qua thiết bị điện tử đặt tại quầy.",
         "Kết quả: 91,2% rất hài lòng; 7,9% hài lòng; 0,9% chưa hài lòng (chủ yếu về chỗ để xe và thời gian chờ đợi).",
         "Ủy ban nhân dân phường chỉ đạo khắc phục các nội dung người dân chưa hài lòng trong quý II./."]),
        codes=("2.6",)),
    Case("Tong hop danh gia qua thiet bi tai quay T5.docx", (
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG PHÙ LIỄN",
        "TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ CỦA NGƯỜI DÂN QUA THIẾT BỊ ĐIỆN TỬ THÁNG 5/2026",
        "Tổng số lượt đánh giá: 412. Rất hài lòng: 380 lượt (92,2%); Hài lòng: 29 lượt (7,0%); Không hài lòng: 3 lượt (0,8%).",
        "Các lượt không hài lòng tập trung tại quầy đất đai do thời gian chờ lâu; Trung tâm đã bố trí thêm 01 công chức vào giờ cao điểm."),
        codes=("2.6",)),
    Case("Tiêu chí 2.6 - Kết quả khảo sát trực tuyến.docx", (
        "KẾT QUẢ LẤY Ý KIẾN NGƯỜI DÂN QUA MÃ QR TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        "Từ ngày 01/5 đến 31/5/2026 có 215 lượt người dân quét mã và trả lời bảng hỏi về sự phục vụ của công chức.",
        "98% người trả lời đánh giá công chức có thái độ niềm nở, hướng dẫn tận tình; 2% đề nghị rút ngắn thời gian chờ."),
        codes=("2.6",), name_codes=("2.6",), nfd=True),

    # --- 3.1 người đứng đầu, tiếp dân, đối thoại ----------------------------------------------------
    Case("TC3 - Doi ngu/3.1/Bien ban hoi nghi doi thoai voi nhan dan TDP 5.pdf", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "BIÊN BẢN",
        "Hội nghị đối thoại giữa Chủ tịch Ủy ban nhân dân phường với Nhân dân tổ dân phố số 5",
        "Thời gian: 19 giờ 30 ngày 20/3/2026. Địa điểm: Nhà văn hóa tổ dân phố số 5.",
        "Chủ trì: ông Nguyễn Đức Thắng, Chủ tịch UBND phường. Tham dự: 85 hộ dân, đại diện Ủy ban MTTQ phường, Công an phường.",
        "Các ý kiến của Nhân dân: ông Đào Văn Lực phản ánh ngõ 45 thường xuyên ngập khi mưa lớn; bà Lê Thị Hoa đề nghị lắp thêm đèn chiếu sáng; ông Vũ Văn Dũng hỏi về tiến độ cấp giấy chứng nhận quyền sử dụng đất.",
        "Chủ tịch UBND phường trực tiếp trả lời từng ý kiến, giao Phòng Kinh tế, Hạ tầng và Đô thị khảo sát nạo vét cống thoát nước ngõ 45 trong tháng 4/2026.",
        "Hội nghị kết thúc hồi 21 giờ 15 cùng ngày."),
        codes=("3.1",), folder_codes=("3.1",)),
    Case("Lich tiep cong dan dinh ky cua Chu tich UBND phuong.docx", d(
        "TB", "07/TB-UBND", D(2026, 1, 6),
        "Lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân phường năm 2026",
        ["Chủ tịch Ủy ban nhân dân phường Phù Liễn trực tiếp tiếp công dân định kỳ 02 ngày/tháng vào ngày thứ Ba tuần thứ nhất và thứ Ba tuần thứ ba của tháng, tại Trụ sở tiếp công dân phường.",
         "Trường hợp Chủ tịch bận công tác đột xuất, ủy quyền cho Phó Chủ tịch tiếp và thông báo cho công dân biết.",
         "Công chức Văn phòng có trách nhiệm ghi sổ, tổng hợp kết quả các buổi tiếp, tham mưu văn bản chỉ đạo giải quyết./."]),
        codes=("3.1",), also=("1.4",)),
    Case("So tiep cong dan (trich).pdf", (
        "SỔ TIẾP CÔNG DÂN NĂM 2026 (TRÍCH)",
        "03/3/2026 - Ông Đào Văn Lực, TDP 5 - Đề nghị xử lý ngập úng ngõ 45 - Người tiếp: Chủ tịch UBND phường - Giao Phòng KT-HT-ĐT kiểm tra, trả lời trước 20/3.",
        "03/3/2026 - Bà Nguyễn Thị Yến, TDP 2 - Hỏi về chế độ trợ cấp người cao tuổi - Người tiếp: Chủ tịch UBND phường - Đã hướng dẫn trực tiếp.",
        "17/3/2026 - Ông Phạm Văn Mạnh, TDP 9 - Tranh chấp lối đi chung - Người tiếp: Chủ tịch UBND phường - Chuyển Tổ hòa giải TDP 9."),
        codes=("3.1",), also=("3.2",), scan=True),

    # --- 3.2 đơn thư ----------------------------------------------------------------------------
    Case("TC3 - Doi ngu/3.2 Don thu/BC giai quyet don thu quy I.docx", d(
        "BC", "46/BC-UBND", D(2026, 3, 31),
        "Công tác tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh quý I năm 2026",
        ["1. Tiếp công dân: tổng số 14 lượt, 16 người; Chủ tịch UBND phường tiếp định kỳ 06 buổi.",
         "2. Tiếp nhận, phân loại đơn: tiếp nhận 11 đơn (01 đơn khiếu nại, 0 đơn tố cáo, 10 đơn kiến nghị, phản ánh); 09 đơn thuộc thẩm quyền, 02 đơn hướng dẫn công dân gửi cơ quan có thẩm quyền.",
         "3. Kết quả giải quyết: đã giải quyết 08/09 đơn thuộc thẩm quyền, đạt 88,9%; 01 đơn đang xác minh trong thời hạn. Không có đơn tồn đọng, không có công dân khiếu kiện đông người, vượt cấp lên thành phố.",
         "4. Nhiệm vụ quý II: tiếp tục nắm tình hình từ tổ dân phố, giải quyết dứt điểm vụ việc ngay từ khi mới phát sinh./."]),
        codes=("3.2",), also=("3.1",), folder_codes=("3.2",)),
    Case("Bien ban hoa giai thanh (to hoa giai TDP 3).pdf", (
        "TỔ HÒA GIẢI TỔ DÂN PHỐ SỐ 3", "BIÊN BẢN HÒA GIẢI THÀNH",
        "Hôm nay, ngày 08/4/2026, tại nhà văn hóa tổ dân phố số 3, Tổ hòa giải tiến hành hòa giải vụ việc giữa hộ ông Trần Văn Nam và hộ bà Lê Thị Thoa về việc xây tường rào lấn sang lối đi chung.",
        "Sau khi nghe các bên trình bày, đối chiếu bản đồ địa chính, các bên thống nhất: hộ ông Nam tháo dỡ 0,4 m tường rào để trả lại lối đi chung trước ngày 20/4/2026.",
        "Hai bên đồng ý với kết quả hòa giải, cam kết không khiếu nại. Biên bản được lập thành 03 bản, mỗi bên giữ 01 bản, 01 bản lưu tại UBND phường."),
        codes=("3.2",)),
    Case("Tieu chi 3 - 3.2 So theo doi don thu.docx", (
        "SỔ THEO DÕI TIẾP NHẬN, XỬ LÝ ĐƠN NĂM 2026",),
        codes=("3.2",), name_codes=("3.2",),
        table=t("STT | Ngày nhận | Người gửi | Nội dung | Phân loại | Kết quả xử lý",
                "1 | 06/01 | Lê Văn Hòa, TDP 4 | Hàng xóm xây nhà gây nứt tường | Kiến nghị | Đã hòa giải thành",
                "2 | 19/01 | Phạm Thị Mơ, TDP 2 | Khiếu nại việc xét hộ cận nghèo | Khiếu nại | Đã giải quyết, công dân đồng ý",
                "3 | 02/02 | Nhóm hộ dân ngõ 12 | Quán karaoke gây ồn | Phản ánh | Công an phường đã kiểm tra, xử phạt",
                "4 | 15/3 | Đỗ Văn Cường, TDP 9 | Tranh chấp ranh giới đất | Kiến nghị | Đang xác minh")),

    # --- 3.3 trình độ, chuyển đổi số ---------------------------------------------------------------
    Case("TC3 - Doi ngu/3.3 Trinh do/Danh sach can bo tham gia lop boi duong chuyen doi so.docx", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "DANH SÁCH",
        "Cán bộ, công chức tham gia lớp bồi dưỡng kiến thức, kỹ năng chuyển đổi số năm 2026",
        "(Lớp do Sở Khoa học và Công nghệ thành phố tổ chức từ ngày 16/3 đến 20/3/2026)"),
        codes=("3.3",), folder_codes=("3.3",),
        table=t("STT | Họ và tên | Chức danh | Trình độ chuyên môn | Ghi chú",
                "1 | Phạm Văn Khánh | Chánh Văn phòng | Thạc sĩ Quản lý công | ",
                "2 | Bùi Văn Long | Công chức Tư pháp - Hộ tịch | Cử nhân Luật | ",
                "3 | Ngô Thị Phương | Công chức Văn hóa - Xã hội | Cử nhân Văn hóa học | ",
                "4 | Lương Văn Tài | Công chức Địa chính | Kỹ sư Quản lý đất đai | ")),
    Case("Bao cao chat luong doi ngu CBCC phuong nam 2026.pdf", d(
        "BC", "12/BC-UBND", D(2026, 1, 25),
        "Thực trạng đội ngũ cán bộ, công chức phường năm 2026",
        ["1. Số lượng: tổng số 38 cán bộ, công chức.",
         "2. Trình độ chuyên môn: thạc sĩ 06 người (15,8%); đại học 32 người (84,2%).",
         "3. Trình độ lý luận chính trị: cao cấp 05 người; trung cấp 21 người; sơ cấp 12 người.",
         "4. Tin học: 100% cán bộ, công chức sử dụng thành thạo máy vi tính, khai thác các phần mềm dùng chung; 30/38 người đã hoàn thành chương trình “Bình dân học vụ số”.",
         "5. Năm 2025, cử 14 lượt cán bộ, công chức tham gia các lớp tập huấn nghiệp vụ do thành phố tổ chức./."]),
        codes=("3.3",)),
    Case("ND 3.3 - QD cu cong chuc di hoc.docx", d(
        "QĐ", "70/QĐ-UBND", D(2026, 3, 2),
        "Về việc cử công chức tham gia lớp bồi dưỡng ngạch chuyên viên",
        ["CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", LAW,
         "Căn cứ Nghị định số 101/2017/NĐ-CP của Chính phủ về đào tạo, bồi dưỡng cán bộ, công chức, viên chức;",
         "QUYẾT ĐỊNH:",
         "Điều 1. Cử bà Ngô Thị Phương, công chức Văn hóa - Xã hội, tham gia lớp bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên tại Trường Chính trị thành phố từ ngày 09/3 đến 30/4/2026.",
         "Điều 2. Kinh phí do ngân sách phường chi trả theo quy định. Bà Ngô Thị Phương có trách nhiệm học tập nghiêm túc, nộp chứng chỉ về Văn phòng sau khi kết thúc khóa học./."]),
        codes=("3.3",), name_codes=("3.3",)),

    # --- 3.4 quy tắc ứng xử ----------------------------------------------------------------------
    Case("TC3 - Doi ngu/3.4/QD ban hanh Bo quy tac ung xu.docx", d(
        "QĐ", "29/QĐ-UBND", D(2026, 1, 26),
        "Ban hành Bộ Quy tắc ứng xử của cán bộ, công chức Ủy ban nhân dân phường Phù Liễn",
        ["CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", LAW,
         "Căn cứ Quyết định số 1847/QĐ-TTg ngày 27 tháng 12 năm 2018 của Thủ tướng Chính phủ phê duyệt Đề án Văn hóa công vụ;",
         "QUYẾT ĐỊNH:",
         "Điều 1. Ban hành kèm theo Quyết định này Bộ Quy tắc ứng xử gồm 5 chương, 20 điều, quy định chuẩn mực về trang phục, lời nói, cử chỉ của cán bộ, công chức khi thi hành công vụ, trong giao tiếp với Nhân dân và với đồng nghiệp.",
         "Cán bộ, công chức khi tiếp dân phải chào hỏi, tự giới thiệu tên, chức danh; lắng nghe, không hách dịch, không gây phiền hà, sách nhiễu; không sử dụng đồ uống có cồn trong giờ làm việc.",
         "Điều 2. Quyết định có hiệu lực kể từ ngày ký./."]),
        codes=("3.4",), folder_codes=("3.4",)),
    Case("KE HOACH THUC HIEN NU CUOI CONG SO.docx", d(
        "KH", "33/KH-UBND", D(2026, 2, 2),
        "Triển khai thực hiện “Nụ cười công sở” gắn với “4 xin, 4 luôn” tại Ủy ban nhân dân phường năm 2026",
        ["I. MỤC ĐÍCH", "Xây dựng hình ảnh người cán bộ, công chức tận tụy, thân thiện; tạo sự hài hòa, cởi mở trong giao tiếp với Nhân dân.",
         "II. NỘI DUNG", "1. Thực hiện “4 xin”: xin chào, xin lỗi, xin cảm ơn, xin phép. “4 luôn”: luôn mỉm cười, luôn nhẹ nhàng, luôn thấu hiểu, luôn giúp đỡ.",
         "2. Thực hiện “5 không”: không gây phiền hà, không nhận quà biếu, không làm việc riêng trong giờ, không uống rượu bia buổi trưa, không hút thuốc nơi công sở.",
         "3. Hằng tháng, các bộ phận tự đánh giá, bình xét cá nhân tiêu biểu về thái độ phục vụ./."]),
        codes=("3.4",)),
    Case("Muc 3.4 Cam ket thuc hien van hoa cong so.pdf", (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BẢN CAM KẾT",
        "Tôi tên là: Bùi Văn Long. Chức vụ: Công chức Tư pháp - Hộ tịch.",
        "Tôi xin cam kết thực hiện nghiêm các nội dung sau:",
        "1. Chấp hành đúng giờ giấc làm việc; mặc trang phục gọn gàng, lịch sự; đeo thẻ khi làm nhiệm vụ.",
        "2. Có thái độ tôn trọng, lắng nghe, hướng dẫn người dân tận tình, chu đáo; không gây khó khăn, phiền hà.",
        "3. Giữ gìn đoàn kết nội bộ, ứng xử văn minh với đồng nghiệp.",
        "Nếu vi phạm, tôi xin chịu hoàn toàn trách nhiệm trước lãnh đạo cơ quan.", "Người cam kết", "Bùi Văn Long"),
        codes=("3.4",), name_codes=("3.4",)),

    # --- 3.5 không vi phạm kỷ luật ---------------------------------------------------------------
    Case("TC3 - Doi ngu/3.5 Ky luat/Bao cao khong co CBCC vi pham ky luat.pdf", d(
        "BC", "88/BC-UBND", D(2026, 6, 5),
        "Tình hình chấp hành kỷ luật, kỷ cương hành chính của cán bộ, công chức 6 tháng đầu năm 2026",
        ["Trong 6 tháng đầu năm 2026, cán bộ, công chức phường chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước và nội quy, quy chế của cơ quan.",
         "Qua theo dõi, kiểm tra, không có cán bộ, công chức nào bị xử lý kỷ luật; không có trường hợp bị phản ánh về thái độ, tinh thần trách nhiệm; không có đơn thư tố cáo cán bộ, công chức.",
         "Ủy ban nhân dân phường báo cáo để cấp trên được biết./."]),
        codes=("3.5",), folder_codes=("3.5",)),
    Case("Bien ban kiem tra cong vu dot xuat thang 5.docx", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "BIÊN BẢN KIỂM TRA CÔNG VỤ",
        "Hôm nay, 14 giờ 00 ngày 14/5/2026, Tổ kiểm tra công vụ của UBND phường tiến hành kiểm tra đột xuất việc chấp hành thời gian làm việc của cán bộ, công chức.",
        "Kết quả: 36/38 cán bộ, công chức có mặt tại vị trí làm việc; 02 đồng chí vắng mặt có lý do (đi công tác theo kế hoạch).",
        "Không phát hiện trường hợp làm việc riêng, sử dụng mạng xã hội trong giờ hành chính. Tổ kiểm tra đề nghị tiếp tục duy trì."),
        codes=("3.5",), also=("3.4",)),
    Case("TC3 - Doi ngu/Danh gia xep loai CBCC 2025.pdf", d(
        "QĐ", "15/QĐ-UBND", D(2026, 1, 10),
        "Về việc đánh giá, xếp loại cán bộ, công chức năm 2025",
        ["CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "Căn cứ Nghị định số 90/2020/NĐ-CP của Chính phủ về đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức;",
         "QUYẾT ĐỊNH:",
         "Điều 1. Đánh giá, xếp loại 38 cán bộ, công chức năm 2025 như sau: hoàn thành xuất sắc nhiệm vụ 06 người; hoàn thành tốt nhiệm vụ 30 người; hoàn thành nhiệm vụ 02 người; không có người không hoàn thành nhiệm vụ.",
         "Điều 2. Kết quả xếp loại là căn cứ để bố trí, sử dụng, khen thưởng cán bộ, công chức./."]),
        codes=("3.5",)),

    # --- 4.1 cảnh quan ---------------------------------------------------------------------------
    Case("Minh chung/Tieu chi 4/4.1 Canh quan/KH ra quan tong ve sinh tru so.docx", d(
        "KH", "40/KH-UBND", D(2026, 3, 6),
        "Ra quân tổng vệ sinh, chỉnh trang khuôn viên Trụ sở Ủy ban nhân dân phường",
        ["1. Thời gian: 7 giờ 00 thứ Bảy ngày 14/3/2026.",
         "2. Nội dung: quét dọn, thu gom rác khu vực sân, nhà xe; cắt tỉa cây, trồng bổ sung hoa tại các bồn cây trước sảnh; sơn lại cột cờ và biển hiệu; lau chùi cửa kính, lan can.",
         "3. Thành phần: toàn thể cán bộ, công chức, người lao động cơ quan; Đoàn Thanh niên phường.",
         "4. Văn phòng chuẩn bị dụng cụ, bao đựng rác; phối hợp đơn vị môi trường vận chuyển rác sau buổi ra quân./."], signer=VICE, name="Trần Quang Hưng"),
        codes=("4.1",), folder_codes=("4.1",)),
    Case("Minh chung/Tieu chi 4/4.1 Canh quan/anh/IMG_2031.jpg", (), codes=("4.1",), folder_codes=("4.1",)),
    Case("Hinh anh khuon vien tru so.docx", (
        "HÌNH ẢNH MINH CHỨNG",
        "Ảnh 1: Sân trước Trụ sở UBND phường được lát gạch, trồng hàng cây sao đen, bố trí chậu hoa giấy dọc lối đi.",
        "Ảnh 2: Vườn hoa nhỏ phía sau nhà làm việc, có ghế đá cho người dân nghỉ chân.",
        "Ảnh 3: Nhà để xe cho người dân có mái che, kẻ vạch gọn gàng.",
        "Ảnh 4: Thùng rác phân loại đặt tại sảnh và khu vực sân."),
        codes=("4.1",)),

    # --- 4.2 bố trí phòng ------------------------------------------------------------------------
    Case("Minh chung/Tieu chi 4/4.2 Bo tri phong/So do bo tri phong lam viec.pdf", (
        "SƠ ĐỒ BỐ TRÍ CÁC PHÒNG LÀM VIỆC TRỤ SỞ UBND PHƯỜNG PHÙ LIỄN",
        "TẦNG 1: Trung tâm Phục vụ hành chính công (quầy 1-6); Phòng tiếp công dân; Phòng Công an phường trực ban.",
        "TẦNG 2: Phòng Chủ tịch UBND; Phòng Phó Chủ tịch UBND (02 phòng); Văn phòng HĐND và UBND; Phòng họp số 1 (30 chỗ).",
        "TẦNG 3: Phòng Kinh tế, Hạ tầng và Đô thị; Phòng Văn hóa - Xã hội; Hội trường (150 chỗ); Kho lưu trữ.",
        "Mỗi phòng có biển tên, biển chức danh; sơ đồ được đặt tại sảnh tầng 1."),
        codes=("4.2",), folder_codes=("4.2",)),
    Case("Thong bao phan cong phong lam viec lanh dao va cong chuc.docx", d(
        "TB", "09/TB-UBND", D(2026, 1, 7),
        "Bố trí nơi làm việc của lãnh đạo, công chức sau khi sắp xếp lại trụ sở",
        ["Sau khi hoàn thành cải tạo Trụ sở, Ủy ban nhân dân phường thông báo bố trí nơi làm việc như sau:",
         "- Phòng 201: Chủ tịch UBND phường. Phòng 202, 203: Phó Chủ tịch UBND phường.",
         "- Phòng 204: Văn phòng HĐND và UBND phường (06 công chức).",
         "- Phòng 301: Phòng Kinh tế, Hạ tầng và Đô thị. Phòng 302: Phòng Văn hóa - Xã hội.",
         "- Tầng 1: Trung tâm Phục vụ hành chính công và nơi tiếp công dân.",
         "Các phòng sắp xếp tài liệu, hồ sơ gọn gàng vào tủ; không để đồ dùng cá nhân trên bàn làm việc; hoàn thành trước ngày 15/01/2026./."]),
        codes=("4.2",)),

    # --- 4.3 trang thiết bị ----------------------------------------------------------------------
    Case("Minh chung/Tieu chi 4/4.3 Trang thiet bi/Danh muc trang thiet bi TTPVHCC.docx", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "DANH MỤC TÀI SẢN, THIẾT BỊ",
        "Trung tâm Phục vụ hành chính công phường (kiểm kê ngày 31/12/2025)"),
        codes=("4.3",), folder_codes=("4.3",),
        table=t("STT | Tên thiết bị | Số lượng | Tình trạng",
                "1 | Máy vi tính để bàn | 8 | Tốt",
                "2 | Máy in laser | 4 | Tốt",
                "3 | Máy quét tài liệu | 3 | Tốt",
                "4 | Hệ thống xếp hàng tự động, bấm số thứ tự | 1 | Tốt",
                "5 | Ghế chờ 4 chỗ | 10 | Tốt",
                "6 | Điều hòa 24.000 BTU | 3 | Tốt",
                "7 | Cây nước nóng lạnh | 1 | Tốt",
                "8 | Camera | 6 | Tốt",
                "9 | Thiết bị đánh giá mức độ hài lòng | 6 | Tốt")),
    Case("Minh chung/Tieu chi 4/4.3 Trang thiet bi/anh/anh quay tiep nhan.jpg", (
        "QUẦY SỐ 1", "TIẾP NHẬN VÀ TRẢ KẾT QUẢ", "LĨNH VỰC HỘ TỊCH - CHỨNG THỰC"),
        codes=("4.3",), also=("4.2",), folder_codes=("4.3",)),
    Case("Bien ban ban giao thiet bi cho Trung tam PVHCC.pdf", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "BIÊN BẢN BÀN GIAO", "Tài sản, thiết bị cho Trung tâm Phục vụ hành chính công phường",
        "Hôm nay, ngày 20/01/2026, Văn phòng HĐND và UBND phường bàn giao cho Trung tâm Phục vụ hành chính công phường các thiết bị sau:",
        "- 02 máy vi tính để bàn Dell Optiplex, kèm màn hình 22 inch;",
        "- 01 máy in đa năng Canon (in, sao chụp, quét);",
        "- 01 màn hình tra cứu thông tin thủ tục hành chính đặt tại sảnh;",
        "- 01 bộ phát sóng Internet không dây cho người dân sử dụng miễn phí.",
        "Thiết bị mới 100%, hoạt động bình thường. Bên nhận có trách nhiệm quản lý, sử dụng đúng mục đích."),
        codes=("4.3",)),
    Case("TC 4.3 + 4.2 anh TTPVHCC.docx", (
        "HÌNH ẢNH TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG",
        "Ảnh 1: Khu vực tiếp nhận hồ sơ với 6 quầy, mỗi quầy có máy tính, máy in, biển tên lĩnh vực.",
        "Ảnh 2: Khu chờ với 40 ghế ngồi, quạt trần, cây nước uống miễn phí.",
        "Ảnh 3: Góc hướng dẫn có máy tính cho người dân tự nộp hồ sơ.",
        "Ảnh 4: Phòng tiếp công dân được bố trí riêng, có bàn ghế, nội quy treo tường."),
        codes=("4.3", "4.2"), name_codes=("4.3", "4.2")),

    # --- 4.4 chữ ký số, phần mềm --------------------------------------------------------------------
    Case("(4.4) QD cap chu ky so.pdf", d(
        "QĐ", "80/QĐ-UBND", D(2026, 3, 12),
        "Về việc giao quản lý, sử dụng chứng thư chữ ký số chuyên dùng của cơ quan và cá nhân",
        ["CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", LAW,
         "Căn cứ Nghị định số 68/2024/NĐ-CP ngày 25 tháng 6 năm 2024 của Chính phủ quy định về chữ ký số chuyên dùng công vụ;",
         "QUYẾT ĐỊNH:",
         "Điều 1. Giao Văn phòng HĐND và UBND phường quản lý chứng thư số của cơ quan Ủy ban nhân dân phường.",
         "Điều 2. Giao 12 cá nhân (danh sách kèm theo) quản lý, sử dụng chứng thư số cá nhân do Ban Cơ yếu Chính phủ cấp để ký văn bản điện tử, hồ sơ thủ tục hành chính.",
         "Điều 3. Người được giao có trách nhiệm bảo quản thiết bị lưu khóa bí mật, không cho người khác sử dụng; báo ngay khi mất hoặc hỏng thiết bị./."]),
        codes=("4.4",), name_codes=("4.4",)),
    Case("BC tinh hinh su dung phan mem QLVB va dieu hanh.docx", d(
        "BC", "60/BC-UBND", D(2026, 4, 20),
        "Tình hình gửi, nhận văn bản điện tử quý I năm 2026",
        ["Trong quý I, Ủy ban nhân dân phường tiếp nhận 1.254 văn bản đến qua Hệ thống quản lý văn bản và điều hành của thành phố; phát hành 642 văn bản đi, trong đó 100% văn bản đi được ký số và gửi hoàn toàn trên môi trường mạng (trừ văn bản mật).",
         "100% lãnh đạo, công chức có tài khoản và xử lý công việc trên hệ thống; hồ sơ công việc được lập và lưu trữ điện tử.",
         "Tồn tại: một số công chức còn chậm chuyển văn bản cho bộ phận xử lý./."]),
        codes=("4.4",)),
    Case("TIEU CHI 4.4 - DANH SACH CAP CHUNG THU SO.PDF", (
        "DANH SÁCH ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ CHO CÁ NHÂN", "(Kèm theo Công văn số 215/UBND-VP ngày 05/02/2026)",
        "1. Nguyễn Đức Thắng - Chủ tịch UBND phường - thư điện tử công vụ: thangnd@haiphong.gov.vn",
        "2. Trần Quang Hưng - Phó Chủ tịch UBND phường - hungtq@haiphong.gov.vn",
        "3. Phạm Văn Khánh - Chánh Văn phòng - khanhpv@haiphong.gov.vn",
        "4. Bùi Văn Long - Công chức Tư pháp - Hộ tịch - longbv@haiphong.gov.vn"),
        codes=("4.4",), name_codes=("4.4",)),

    # --- 4.5 DVCTT, VNeID -----------------------------------------------------------------------
    Case("Minh chung/Tieu chi 4/4.5/BC ket qua thuc hien DVCTT va De an 06.pdf", d(
        "BC", "90/BC-UBND", D(2026, 6, 8),
        "Kết quả thực hiện Đề án 06 và cung cấp dịch vụ công trực tuyến 6 tháng đầu năm 2026",
        ["1. Tỷ lệ hồ sơ nộp trực tuyến: 2.870/3.410 hồ sơ (84,2%); hồ sơ trực tuyến toàn trình 1.960 hồ sơ.",
         "2. Tài khoản định danh điện tử: đã thu nhận 21.500 hồ sơ, kích hoạt 19.870 tài khoản mức 2.",
         "3. Thanh toán trực tuyến phí, lệ phí: 1.120 giao dịch.",
         "4. Số hóa kết quả giải quyết thủ tục hành chính: 100% hồ sơ được số hóa khi tiếp nhận./."]),
        codes=("4.5",), folder_codes=("4.5",)),
    Case("Anh ma QR tra cuu TTHC.jpg", (
        "QUÉT MÃ QR", "ĐỂ TRA CỨU THỦ TỤC HÀNH CHÍNH", "VÀ NỘP HỒ SƠ TRỰC TUYẾN",
        "dichvucong.gov.vn", "Trung tâm Phục vụ hành chính công phường Phù Liễn"),
        codes=("4.5",)),
    Case("BC VNeID thang 5.docx", d(
        "BC", "81/BC-CAP", D(2026, 5, 30),
        "Kết quả cấp, kích hoạt tài khoản định danh điện tử tháng 5 năm 2026",
        ["Trong tháng 5, Công an phường phối hợp Trung tâm Phục vụ hành chính công tiếp nhận 640 hồ sơ cấp tài khoản định danh điện tử mức 2; hướng dẫn 1.130 người dân kích hoạt và sử dụng ứng dụng trên điện thoại.",
         "Tổ chức 02 đợt làm thủ tục lưu động tại tổ dân phố 6 và 11 cho người cao tuổi.",
         "Lũy kế đến 31/5/2026, tỷ lệ công dân từ 14 tuổi trở lên có tài khoản đạt 88%./."], signer=("TRƯỞNG CÔNG AN PHƯỜNG",), name="Đoàn Văn Kiên"),
        codes=("4.5",)),
    Case("Danh muc DVC truc tuyen toan trinh 4.5.docx", (
        "DANH MỤC DỊCH VỤ CÔNG TRỰC TUYẾN TOÀN TRÌNH THỰC HIỆN TẠI PHƯỜNG",
        "1. Đăng ký khai sinh", "2. Đăng ký thường trú", "3. Cấp bản sao trích lục hộ tịch",
        "4. Chứng thực bản sao điện tử từ bản chính", "5. Đăng ký kết hôn",
        "Người dân đăng nhập bằng tài khoản định danh điện tử để nộp hồ sơ, nhận kết quả bản điện tử."),
        codes=("4.5",), also=("1.1",), name_codes=("4.5",)),

    # --- 4.6 mô hình sáng tạo -------------------------------------------------------------------
    Case("Minh chung/Tieu chi 4/4.6 Mo hinh sang tao/QD cong nhan mo hinh.pdf", (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "Số: 1250/QĐ-UBND", "QUYẾT ĐỊNH",
        "Về việc công nhận mô hình “Chủ nhật xanh - Phố không rác” của phường Phù Liễn",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ",
        "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 412/TTr-SNV ngày 02/6/2026;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Công nhận mô hình “Chủ nhật xanh - Phố không rác” do Ủy ban nhân dân phường Phù Liễn xây dựng, triển khai đạt hiệu quả thiết thực, có khả năng nhân rộng.",
        "Điều 2. Giao Sở Nội vụ hướng dẫn các địa phương nghiên cứu, học tập kinh nghiệm."),
        codes=("4.6",), folder_codes=("4.6",)),
    Case("Bao cao mo hinh Chu nhat xanh.docx", d(
        "BC", "85/BC-UBND", D(2026, 5, 28),
        "Tóm tắt mô hình “Chủ nhật xanh - Phố không rác” đề nghị xét công nhận",
        ["1. Sự cần thiết: tình trạng rác thải tồn đọng tại các ngõ, ven hồ ảnh hưởng đến mỹ quan đô thị.",
         "2. Cách làm: sáng Chủ nhật hằng tuần, mỗi tổ dân phố ra quân dọn vệ sinh một tuyến phố; rác tái chế được bán lấy tiền đưa vào quỹ khuyến học.",
         "3. Kết quả: sau 6 tháng, 100% tuyến phố sạch rác; thu 46 triệu đồng cho quỹ khuyến học; 11 phường bạn đến học tập.",
         "4. Tính mới: lần đầu tiên gắn vệ sinh môi trường với quỹ khuyến học; dễ làm, dễ nhân rộng, không sử dụng ngân sách.",
         "Ủy ban nhân dân phường đề nghị Hội đồng thành phố xem xét, công nhận./."]),
        codes=("4.6",)),

    # --- general documents ----------------------------------------------------------------------
    Case("01. Ke hoach trien khai CQTT nam 2026.docx", d(
        "KH", "91/KH-UBND", D(2026, 2, 13),
        "Triển khai thực hiện mô hình “Chính quyền thân thiện” năm 2026",
        ["I. MỤC ĐÍCH, YÊU CẦU", "Xây dựng chính quyền phường công khai, minh bạch, thân thiện, hành động vì Nhân dân phục vụ.",
         "II. NHIỆM VỤ CỤ THỂ",
         "1. Công khai danh mục, quy trình, thời gian giải quyết thủ tục hành chính; mức thu phí, lệ phí; số điện thoại của lãnh đạo và đường dây nóng; nội quy, lịch tiếp công dân, lịch công tác; quy chế thực hiện dân chủ ở cơ sở. Giao Văn phòng chủ trì.",
         "2. Niêm yết tại Trung tâm Phục vụ hành chính công, đăng tải trên Trang thông tin điện tử, đài truyền thanh, mạng xã hội; bố trí hòm thư góp ý, duy trì kênh tiếp nhận phản ánh, kiến nghị.",
         "3. Thực hiện ngày giải quyết nhanh, trả kết quả trong ngày; tiếp nhận, trả kết quả tại nhà cho thương binh, người khuyết tật, người già yếu; huy động đoàn viên, hội viên hỗ trợ người dân.",
         "4. Gửi thư chúc mừng, thư cảm ơn, thư xin lỗi, thư biểu dương; gặp mặt tổ chức, cá nhân có nhiều đóng góp; khảo sát sự hài lòng của người dân.",
         "5. Người đứng đầu gương mẫu tiếp công dân, đối thoại; giải quyết đơn thư ngay từ cơ sở; nâng cao trình độ, kỹ năng số của cán bộ, công chức; thực hiện quy tắc ứng xử, “4 xin, 4 luôn”; không để cán bộ vi phạm kỷ luật.",
         "6. Chỉnh trang cảnh quan trụ sở sáng, xanh, sạch, đẹp; bố trí phòng làm việc khoa học; trang bị thiết bị cho Trung tâm; sử dụng chữ ký số, phần mềm quản lý văn bản; đẩy mạnh dịch vụ công trực tuyến, VNeID; xây dựng mô hình sáng tạo.",
         "III. TỔ CHỨC THỰC HIỆN", "Các đơn vị báo cáo kết quả trước ngày 05/6/2026./."]),
        kind="general"),
    Case("02. Bao cao so ket 6 thang CQTT.pdf", d(
        "BC", "101/BC-UBND", D(2026, 6, 15),
        "Sơ kết 6 tháng thực hiện mô hình “Chính quyền thân thiện”",
        ["1. Tiêu chí 1: phường đã công khai đầy đủ danh mục thủ tục hành chính, phí, lệ phí, số điện thoại đường dây nóng, lịch tiếp công dân, quy chế dân chủ; niêm yết, đăng trên Cổng thông tin điện tử, phát trên đài truyền thanh; mở hòm thư góp ý 24 lần.",
         "2. Tiêu chí 2: tổ chức 26 ngày giải quyết nhanh; trả kết quả tại nhà 43 trường hợp; 120 lượt đoàn viên thanh niên tình nguyện hỗ trợ; gửi 310 thư chúc mừng kết hôn, 07 thư xin lỗi; gặp mặt 45 doanh nghiệp; khảo sát sự hài lòng đạt 98,1%.",
         "3. Tiêu chí 3: Chủ tịch tiếp công dân 12 buổi, đối thoại 02 cuộc; giải quyết 100% đơn thư thuộc thẩm quyền; 12 công chức được bồi dưỡng chuyển đổi số; thực hiện quy tắc ứng xử; không có cán bộ bị kỷ luật.",
         "4. Tiêu chí 4: cảnh quan trụ sở xanh, sạch, đẹp; bố trí lại phòng làm việc; trang thiết bị Trung tâm đầy đủ; 100% văn bản ký số; 84% hồ sơ trực tuyến; mô hình sáng tạo đang đề nghị công nhận./."]),
        kind="general"),
    Case("Bao cao ket qua CQTT 6 thang dau nam 2026 (ban gui So Noi vu) v1.2.docx", (), kind="general"),  # the seed report
    Case("Bang tu cham diem CQTT.docx", (
        "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM", "Kết quả thực hiện các tiêu chí “Chính quyền thân thiện” phường Phù Liễn"),
        kind="general",
        table=t("Tiêu chí | Nội dung | Điểm chuẩn | Tự chấm | Minh chứng",
                "1.1 | Công khai danh mục, quy trình, thời gian giải quyết TTHC | 4 | 4 | QĐ 35/QĐ-UBND",
                "1.2 | Công khai mức thu phí, lệ phí | 3 | 3 | TB 11/TB-UBND",
                "1.3 | Công khai số điện thoại lãnh đạo và đường dây nóng | 4 | 4 | TB 19/TB-UBND",
                "1.4 | Nội quy, lịch tiếp công dân; lịch công tác | 3 | 3 | QĐ 41/QĐ-UBND",
                "1.5 | Quy chế thực hiện dân chủ ở cơ sở | 3 | 3 | QĐ 22/QĐ-UBND",
                "1.6 | Đa dạng hình thức công khai | 4 | 4 | BC 48/BC-UBND",
                "1.7 | Hòm thư góp ý, kênh tiếp nhận phản ánh | 3 | 3 | Biên bản mở hòm thư",
                "2.1 | Ngày giải quyết nhanh, trả kết quả trong ngày | 5 | 5 | KH 27/KH-UBND",
                "2.2 | Trả kết quả tại nhà cho đối tượng ưu tiên | 5 | 5 | KH 45/KH-UBND",
                "2.3 | Đoàn viên, hội viên hỗ trợ người dân | 4 | 4 | KH 08-KH/ĐTN",
                "2.4 | Thư chúc mừng, cảm ơn, xin lỗi, biểu dương | 4 | 4 | Thư",
                "2.5 | Gặp gỡ tổ chức, cá nhân có đóng góp | 2 | 2 | KH 18/KH-UBND",
                "2.6 | Khảo sát sự hài lòng | 4 | 4 | BC 50/BC-UBND",
                "3.1 | Người đứng đầu tiếp công dân, đối thoại | 6 | 6 | Biên bản đối thoại",
                "3.2 | Giải quyết đơn thư từ cơ sở | 5 | 5 | BC 46/BC-UBND",
                "3.3 | Trình độ, chuyển đổi số | 5 | 5 | BC 12/BC-UBND",
                "3.4 | Quy tắc ứng xử, văn hóa công sở | 6 | 6 | QĐ 29/QĐ-UBND",
                "3.5 | Không có cán bộ bị kỷ luật | 4 | 4 | BC 88/BC-UBND",
                "4.1 | Cảnh quan trụ sở | 5 | 5 | Ảnh",
                "4.2 | Bố trí phòng làm việc | 4 | 4 | Sơ đồ",
                "4.3 | Trang thiết bị Trung tâm | 5 | 5 | Danh mục",
                "4.4 | Chữ ký số, phần mềm QLVB | 5 | 5 | QĐ 80/QĐ-UBND",
                "4.5 | DVCTT, mã QR, VNeID | 5 | 5 | BC 90/BC-UBND",
                "4.6 | Mô hình sáng tạo | 2 | 0 | Chưa có")),

    # --- distractors: no sub-criterion ----------------------------------------------------------
    Case("Giay moi hop giao ban thang 3.docx", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "Số: 112/GM-UBND", "GIẤY MỜI",
        "Ủy ban nhân dân phường tổ chức họp giao ban công tác tháng 3/2026.",
        "Thành phần: Thường trực Đảng ủy, HĐND phường; lãnh đạo UBND phường; Chủ tịch Ủy ban MTTQ phường; trưởng các phòng, ban, ngành, đoàn thể; Bí thư chi bộ, Tổ trưởng 12 tổ dân phố.",
        "Thời gian: 14 giờ 00, thứ Hai ngày 30/3/2026. Địa điểm: Phòng họp tầng 2, Trụ sở UBND phường.",
        "Nội dung: đánh giá kết quả công tác tháng 3, triển khai nhiệm vụ tháng 4/2026.",
        "Đề nghị các đồng chí tham dự đầy đủ, đúng giờ./.", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Phạm Văn Khánh"),
        kind="none"),
    Case("Ke hoach phong chong thien tai va TKCN 2026.pdf", d(
        "KH", "36/KH-UBND", D(2026, 3, 2),
        "Phòng, chống thiên tai và tìm kiếm cứu nạn năm 2026",
        ["I. MỤC ĐÍCH", "Chủ động phòng ngừa, ứng phó kịp thời, hiệu quả với các tình huống thiên tai, giảm thiểu thiệt hại về người và tài sản.",
         "II. NHIỆM VỤ", "1. Kiện toàn Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn phường; phân công thành viên phụ trách từng tổ dân phố.",
         "2. Rà soát các hộ dân sống trong nhà tạm, nhà cấp 4 xuống cấp; lập phương án sơ tán 126 hộ khi có bão cấp 10 trở lên.",
         "3. Chuẩn bị vật tư theo phương châm “bốn tại chỗ”: 500 bao tải, 20 áo phao, 02 máy phát điện, đèn pin, loa cầm tay.",
         "4. Trực ban 24/24 giờ trong thời gian có bão; số điện thoại trực ban của Ban Chỉ huy: 0225.3868.199.",
         "III. TỔ CHỨC THỰC HIỆN", "Các tổ dân phố báo cáo tình hình thiệt hại về Ban Chỉ huy trước 16 giờ hằng ngày khi có thiên tai./."]),
        kind="none"),
    Case("BC tinh hinh KT-XH thang 4.docx", d(
        "BC", "62/BC-UBND", D(2026, 4, 25),
        "Tình hình kinh tế - xã hội, quốc phòng - an ninh tháng 4 và nhiệm vụ trọng tâm tháng 5 năm 2026",
        ["I. KINH TẾ", "Thu ngân sách trên địa bàn đạt 4,2 tỷ đồng, bằng 38% dự toán. Công tác quản lý trật tự xây dựng được tăng cường, phát hiện và xử lý 03 trường hợp xây dựng không phép.",
         "II. VĂN HÓA - XÃ HỘI", "Tổ chức thành công Ngày hội đọc sách; chi trả trợ cấp cho 412 đối tượng bảo trợ xã hội; tiêm chủng mở rộng cho 186 trẻ.",
         "III. CẢI CÁCH HÀNH CHÍNH", "Trung tâm Phục vụ hành chính công tiếp nhận 1.106 hồ sơ, giải quyết đúng hạn 99,6%.",
         "IV. QUỐC PHÒNG - AN NINH", "Tình hình an ninh chính trị ổn định; xảy ra 02 vụ trộm cắp tài sản, đã điều tra làm rõ 01 vụ.",
         "V. NHIỆM VỤ THÁNG 5", "Chuẩn bị tổ chức kỷ niệm Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5; đôn đốc thu ngân sách./."]),
        kind="none"),
    Case("CV ve viec tang cuong tiem chung mo rong.pdf", d(
        "CV", 318, D(2026, 3, 18),
        "tăng cường công tác tiêm chủng mở rộng năm 2026",
        ["Kính gửi: Trạm Y tế phường; Tổ trưởng các tổ dân phố.",
         "Thực hiện Công văn số 1021/SYT-NVY của Sở Y tế thành phố, để bảo đảm tỷ lệ tiêm chủng đầy đủ cho trẻ em dưới 1 tuổi đạt trên 95%, Ủy ban nhân dân phường đề nghị:",
         "1. Trạm Y tế rà soát đối tượng trẻ chưa tiêm, tiêm chưa đủ mũi vắc xin sởi, bạch hầu, ho gà; tổ chức tiêm bù trong tháng 4/2026.",
         "2. Tổ trưởng tổ dân phố phối hợp thông báo lịch tiêm đến từng hộ gia đình có trẻ trong độ tuổi.",
         "Đề nghị các đơn vị nghiêm túc thực hiện./."]),
        kind="none"),
    Case("QD khen thuong hoc sinh gioi nam hoc 2025-2026.docx", d(
        "QĐ", "95/QĐ-UBND", D(2026, 5, 29),
        "Về việc khen thưởng học sinh đạt thành tích cao trong kỳ thi học sinh giỏi năm học 2025 - 2026",
        ["CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", LAW, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
         "Xét đề nghị của Hội Khuyến học phường,",
         "QUYẾT ĐỊNH:",
         "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân phường cho 24 học sinh đạt giải trong kỳ thi học sinh giỏi cấp thành phố năm học 2025 - 2026 (có danh sách kèm theo).",
         "Điều 2. Mỗi học sinh được thưởng 500.000 đồng từ quỹ khuyến học của phường./."]),
        kind="none"),
    Case("Bien ban hop TDP so 7 ve den chieu sang.pdf", (
        "TỔ DÂN PHỐ SỐ 7", "BIÊN BẢN HỌP TỔ DÂN PHỐ",
        "Thời gian: 19 giờ 30 ngày 10/4/2026, tại nhà văn hóa tổ dân phố số 7.",
        "Thành phần: 52/60 hộ gia đình; ông Lê Văn Bảy - Tổ trưởng chủ trì; đại diện UBND phường dự.",
        "Nội dung: bàn việc lắp đặt 14 bộ đèn chiếu sáng công cộng tại ngõ 22 và ngõ 36.",
        "Tổng kinh phí dự kiến 42 triệu đồng, trong đó ngân sách phường hỗ trợ 50%, các hộ dân tự nguyện đóng góp 50% (khoảng 350.000 đồng/hộ).",
        "Kết quả biểu quyết: 49/52 hộ đồng ý (94,2%). Giao Tổ trưởng lập danh sách, thu và công khai các khoản đóng góp tại nhà văn hóa.",
        "Cuộc họp kết thúc lúc 21 giờ cùng ngày."),
        kind="none"),
    Case("Ke hoach to chuc Tet trong cay 2026.docx", d(
        "KH", "16/KH-UBND", D(2026, 1, 30),
        "Tổ chức “Tết trồng cây đời đời nhớ ơn Bác Hồ” Xuân Bính Ngọ 2026",
        ["1. Thời gian: 7 giờ 30 ngày 21/02/2026 (mùng 5 Tết).",
         "2. Địa điểm: tuyến đường ven hồ Tam Bạc đoạn qua tổ dân phố 10, 11.",
         "3. Nội dung: trồng 300 cây bóng mát (sao đen, bằng lăng), phát động Nhân dân trồng cây tại khu dân cư.",
         "4. Các tổ dân phố nhận chăm sóc cây sau khi trồng, bảo đảm tỷ lệ sống trên 95%./."]),
        kind="none"),
    Case("Thong bao thu thue su dung dat phi nong nghiep.pdf", d(
        "TB", "66/TB-UBND", D(2026, 4, 28),
        "Về việc nộp thuế sử dụng đất phi nông nghiệp năm 2026",
        ["Thực hiện Luật Thuế sử dụng đất phi nông nghiệp, Ủy ban nhân dân phường thông báo:",
         "1. Thời hạn nộp thuế năm 2026: chậm nhất ngày 31/5/2026.",
         "2. Hình thức nộp: nộp trực tiếp tại Kho bạc Nhà nước, ngân hàng thương mại hoặc qua tài khoản ngân hàng.",
         "3. Hộ gia đình chậm nộp sẽ bị tính tiền chậm nộp theo quy định của Luật Quản lý thuế.",
         "Đề nghị các tổ dân phố thông báo đến từng hộ./."]),
        kind="none"),
    Case("Ke hoach tuyen quan 2026.docx", d(
        "KH", "08/KH-UBND", D(2026, 1, 8),
        "Tuyển chọn và gọi công dân nhập ngũ năm 2026",
        ["1. Chỉ tiêu: 18 công dân (trong đó 01 nghĩa vụ công an).",
         "2. Khám sơ tuyển sức khỏe: ngày 10/01/2026 tại Trạm Y tế phường.",
         "3. Giao Ban Chỉ huy Quân sự phường chủ trì, phối hợp Công an phường xét duyệt chính trị, bảo đảm 100% công dân nhập ngũ đủ tiêu chuẩn.",
         "4. Tổ chức gặp mặt, tặng quà tân binh trước ngày giao quân./."]),
        kind="none"),
    Case("To trinh sua chua duong ngo 36.pdf", d(
        "TTr", "21/TTr-UBND", D(2026, 3, 25),
        "Đề nghị phê duyệt chủ trương đầu tư sửa chữa đường ngõ 36, tổ dân phố số 7",
        ["Hiện trạng: đường ngõ 36 dài 240 m, mặt đường bê tông xuống cấp, nhiều ổ gà, mùa mưa ngập úng.",
         "Quy mô: cải tạo mặt đường bê tông xi măng dày 20 cm, rãnh thoát nước hai bên.",
         "Tổng mức đầu tư dự kiến: 1,35 tỷ đồng, từ nguồn ngân sách phường và Nhân dân đóng góp.",
         "Ủy ban nhân dân phường kính trình Hội đồng nhân dân phường xem xét, phê duyệt./."]),
        kind="none"),
    Case("Danh sach ho ngheo, can ngheo 2026.docx", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2026",
        "(Theo kết quả rà soát cuối năm 2025)"),
        kind="none",
        table=t("STT | Chủ hộ | Tổ dân phố | Phân loại | Số nhân khẩu",
                "1 | Nguyễn Văn Bắc | 2 | Hộ nghèo | 3",
                "2 | Lê Thị Nhàn | 5 | Hộ cận nghèo | 4",
                "3 | Phạm Văn Hòa | 9 | Hộ nghèo | 2",
                "4 | Đinh Thị Sen | 11 | Hộ cận nghèo | 5")),
    Case("Ke hoach Ngay hoi Dai doan ket toan dan toc.docx", d(
        "KH", "120/KH-UBND", D(2026, 9, 20),
        "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư năm 2026",
        ["1. Thời gian: từ ngày 01/11 đến 15/11/2026, tại 12 tổ dân phố.",
         "2. Phần lễ: ôn lại truyền thống Mặt trận Tổ quốc Việt Nam; biểu dương gia đình văn hóa tiêu biểu; trao quà cho hộ nghèo, gia đình chính sách.",
         "3. Phần hội: văn nghệ, thể thao, ẩm thực, bữa cơm đoàn kết.",
         "4. Ủy ban MTTQ phường chủ trì; kinh phí hỗ trợ mỗi tổ dân phố 3 triệu đồng./."]),
        kind="none"),

    # --- second batch: harder cases (uninformative names, noisy scans, signs, close distractors) --
    Case("Scan_20260314_0001.pdf", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "NỘI QUY", "Trung tâm Phục vụ hành chính công phường",
        "1. Tổ chức, cá nhân đến giao dịch lấy số thứ tự và chờ đến lượt; giữ trật tự, vệ sinh chung.",
        "2. Không hút thuốc lá, không mang vũ khí, chất dễ cháy nổ vào Trung tâm.",
        "3. Công chức làm việc đúng giờ, mặc đồng phục, đeo thẻ; hướng dẫn công dân đầy đủ, một lần.",
        "4. Mọi phản ánh về thái độ của công chức, đề nghị gọi số 0225.3868.222 hoặc bỏ phiếu vào hòm thư đặt tại sảnh."),
        kind="none", also=("1.4", "1.7"), scan=True),
    Case("Bien ban xu phat VPHC trat tu xay dung.pdf", d(
        "QĐ", "102/QĐ-XPHC", D(2026, 5, 6),
        "Xử phạt vi phạm hành chính về trật tự xây dựng",
        ["CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "Căn cứ Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm 2012;",
         "Căn cứ Nghị định số 16/2022/NĐ-CP quy định xử phạt vi phạm hành chính về xây dựng;",
         "QUYẾT ĐỊNH:",
         "Điều 1. Xử phạt vi phạm hành chính đối với ông Hoàng Văn Thái, tổ dân phố 4, đã có hành vi tổ chức thi công xây dựng không có giấy phép.",
         "Hình thức xử phạt chính: phạt tiền 15.000.000 đồng. Biện pháp khắc phục hậu quả: buộc tháo dỡ phần công trình vi phạm.",
         "Điều 2. Ông Hoàng Văn Thái phải nghiêm chỉnh chấp hành trong thời hạn 10 ngày; quá thời hạn mà không tự nguyện chấp hành sẽ bị cưỡng chế thi hành./."]),
        kind="none"),
    Case("Ho so gui xa/Document (3).docx", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "DANH SÁCH", "Các hộ gia đình được cán bộ Trung tâm đến tận nhà làm thủ tục trong tháng 4/2026",
        "Trong tháng, Trung tâm cử 02 công chức đến tận nơi ở của 06 công dân không tự đi lại được để tiếp nhận hồ sơ và trao trả kết quả."),
        codes=("2.2",),
        table=t("STT | Họ và tên | Địa chỉ | Lý do | Thủ tục",
                "1 | Trần Thị Gái | TDP 6 | Bị liệt sau tai biến | Chứng thực di chúc",
                "2 | Lê Văn Cẩn | TDP 2 | Người có công, 92 tuổi | Xác nhận thông tin cư trú",
                "3 | Phạm Thị Tâm | TDP 10 | Khuyết tật vận động | Cấp bản sao trích lục khai sinh")),
    Case("Thong bao khao sat hien trang he thong thoat nuoc.docx", d(
        "TB", "71/TB-UBND", D(2026, 5, 12),
        "Về việc khảo sát hiện trạng hệ thống thoát nước khu dân cư",
        ["Thực hiện kế hoạch chống ngập mùa mưa năm 2026, Ủy ban nhân dân phường phối hợp Công ty Thoát nước Hải Phòng tổ chức khảo sát hiện trạng cống, rãnh thoát nước tại 12 tổ dân phố từ ngày 15/5 đến 30/5/2026.",
         "Đề nghị các hộ gia đình tạo điều kiện để tổ khảo sát mở nắp ga, đo đạc; không đổ rác, phế thải xuống cống rãnh.",
         "Kết quả khảo sát là cơ sở lập kế hoạch nạo vét, sửa chữa trước mùa mưa bão./."]),
        kind="none"),
    Case("anh hom thu.jpg", ("HÒM THƯ GÓP Ý", "Ý kiến của Ông/Bà giúp chúng tôi phục vụ tốt hơn", "Mở hòm: sáng thứ Sáu hằng tuần"),
        codes=("1.7",)),
    Case("Ke hoach tap huan PCCC cho to dan pho.docx", d(
        "KH", "55/KH-UBND", D(2026, 3, 20),
        "Tập huấn nghiệp vụ phòng cháy, chữa cháy và cứu nạn, cứu hộ cho lực lượng dân phòng năm 2026",
        ["1. Đối tượng: 96 đội viên dân phòng của 12 tổ dân phố; chủ các hộ kinh doanh có nguy cơ cháy nổ.",
         "2. Nội dung: kiến thức pháp luật về phòng cháy, chữa cháy; kỹ năng sử dụng bình chữa cháy, thoát nạn trong đám cháy nhà ống.",
         "3. Thời gian: 02 ngày, 11-12/4/2026, tại Hội trường UBND phường; giảng viên do Phòng Cảnh sát PCCC và CNCH Công an thành phố cử.",
         "4. Kết thúc lớp, học viên được kiểm tra thực hành và cấp giấy chứng nhận./."]),
        kind="none"),
    Case("IMG_4471.jpg", ("NỤ CƯỜI CÔNG SỞ", "4 XIN: Xin chào - Xin lỗi - Xin cảm ơn - Xin phép", "4 LUÔN: Luôn mỉm cười - Luôn nhẹ nhàng - Luôn thấu hiểu - Luôn giúp đỡ"),
        codes=("3.4",)),
    Case("KH lap dat camera an ninh khu dan cu.pdf", d(
        "KH", "63/KH-UBND", D(2026, 4, 14),
        "Triển khai mô hình “Camera an ninh” tại các tổ dân phố",
        ["1. Mục tiêu: lắp đặt 48 mắt camera tại các ngõ, nút giao trọng điểm để phòng ngừa trộm cắp, phát hiện vi phạm trật tự an toàn giao thông.",
         "2. Kinh phí: xã hội hóa từ sự đóng góp tự nguyện của Nhân dân và các doanh nghiệp trên địa bàn.",
         "3. Công an phường quản lý, khai thác dữ liệu hình ảnh; tổ dân phố bảo quản thiết bị./."]),
        kind="none"),
    Case("Scan_20260402_0007.pdf", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "THƯ XIN LỖI",
        "Kính gửi: Bà Đỗ Thị Mến, tổ dân phố 11.",
        "Hồ sơ đề nghị hưởng trợ cấp xã hội của Bà nộp ngày 10/3/2026 đã không được giải quyết đúng hẹn do công chức thụ lý sơ suất trong việc chuyển hồ sơ.",
        "Ủy ban nhân dân phường chân thành xin lỗi Bà và gia đình. Kết quả sẽ được trả vào ngày 09/4/2026.",
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        codes=("2.4",), scan=True),
    Case("Thong bao cat tia cay xanh mua mua bao.docx", d(
        "TB", "69/TB-UBND", D(2026, 5, 8),
        "Về việc cắt tỉa, khống chế chiều cao cây xanh đường phố trước mùa mưa bão",
        ["Từ ngày 15/5 đến 15/6/2026, Công ty Công viên cây xanh Hải Phòng phối hợp Ủy ban nhân dân phường cắt tỉa 230 cây bóng mát trên các tuyến đường Lê Lợi, Trần Phú, Tô Hiệu.",
         "Trong thời gian thi công, đề nghị người dân không đỗ xe, không đi lại dưới khu vực cắt tỉa; chấp hành sự hướng dẫn của lực lượng làm nhiệm vụ./."]),
        kind="none"),
    Case("BC hoat dong Hoi Nong dan quy I.docx", (
        "HỘI NÔNG DÂN PHƯỜNG PHÙ LIỄN", "BÁO CÁO", "Kết quả công tác Hội và phong trào nông dân quý I năm 2026",
        "1. Công tác tuyên truyền: tổ chức 04 buổi sinh hoạt chi hội với 210 lượt hội viên tham dự.",
        "2. Phát triển hội viên: kết nạp mới 06 hội viên, nâng tổng số lên 412 hội viên.",
        "3. Phong trào sản xuất kinh doanh giỏi: 35 hộ hội viên đăng ký; phối hợp ngân hàng chính sách giải ngân 1,2 tỷ đồng vốn vay cho 24 hộ.",
        "4. Nhiệm vụ quý II: vận động hội viên tham gia bảo hiểm xã hội tự nguyện."),
        kind="none"),
    Case("Tieu chi 2/2.3/Anh doan vien huong dan nguoi dan.jpg", (), codes=("2.3",), folder_codes=("2.3",)),
    Case("CV don doc thu phi ve sinh moi truong.pdf", d(
        "CV", 402, D(2026, 4, 2),
        "đôn đốc thu phí dịch vụ thu gom, vận chuyển rác thải sinh hoạt năm 2026",
        ["Kính gửi: Tổ trưởng các tổ dân phố.",
         "Đến ngày 31/3/2026, tỷ lệ thu giá dịch vụ thu gom rác thải sinh hoạt trên địa bàn phường mới đạt 41% kế hoạch.",
         "Đề nghị các tổ dân phố rà soát, đôn đốc các hộ gia đình nộp đủ theo mức 6.000 đồng/người/tháng; hộ kinh doanh theo mức quy định của thành phố.",
         "Tiền thu được nộp về tài khoản của Ủy ban nhân dân phường trước ngày 25 hằng tháng./."]),
        kind="none"),
    Case("Scan_20260520_0012.pdf", (
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", "BIÊN BẢN",
        "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân về công tác bồi thường, hỗ trợ giải phóng mặt bằng dự án mở rộng đường Tô Hiệu",
        "Thời gian: 8 giờ ngày 18/5/2026. Địa điểm: Hội trường UBND phường. Tham dự: 64 hộ dân có đất bị thu hồi.",
        "Các hộ dân nêu 11 ý kiến về đơn giá bồi thường, bố trí tái định cư. Đồng chí Bí thư Đảng ủy, Chủ tịch UBND phường đã trả lời, tiếp thu các ý kiến thuộc thẩm quyền của thành phố để kiến nghị."),
        codes=("3.1",), scan=True),
    Case("Ke hoach to chuc Thang hanh dong vi nguoi cao tuoi.docx", d(
        "KH", "110/KH-UBND", D(2026, 9, 1),
        "Tổ chức Tháng hành động vì người cao tuổi Việt Nam năm 2026",
        ["1. Tổ chức khám sức khỏe định kỳ miễn phí cho 500 người cao tuổi tại Trạm Y tế phường.",
         "2. Tuyên truyền Luật Người cao tuổi; vận động các doanh nghiệp, nhà hảo tâm ủng hộ Quỹ chăm sóc và phát huy vai trò người cao tuổi.",
         "3. Hội Người cao tuổi phường tổ chức các câu lạc bộ dưỡng sinh, thơ ca, văn nghệ./."]),
        kind="none"),
    Case("Zalo Received Files/z5233901112_bao cao ty le ho so truc tuyen.pdf", (
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG PHÙ LIỄN",
        "TỶ LỆ HỒ SƠ TRỰC TUYẾN THÁNG 5/2026",
        "Tổng hồ sơ tiếp nhận: 612. Hồ sơ nộp qua Cổng Dịch vụ công: 538 (87,9%). Hồ sơ trực tuyến toàn trình: 402.",
        "Hồ sơ thanh toán phí, lệ phí qua ứng dụng ngân hàng: 215.",
        "Lĩnh vực có tỷ lệ trực tuyến thấp: đất đai (42%), do người dân chưa quen thao tác."),
        codes=("4.5",)),
    Case("Thong bao tuyen dung cong chuc 2026.docx", d(
        "TB", "58/TB-UBND", D(2026, 4, 9),
        "Tuyển dụng công chức phường năm 2026",
        ["1. Chỉ tiêu: 02 công chức Văn phòng - Thống kê; 01 công chức Tài chính - Kế toán.",
         "2. Điều kiện: tốt nghiệp đại học chuyên ngành phù hợp; có chứng chỉ tin học ứng dụng cơ bản.",
         "3. Hồ sơ nộp tại Văn phòng HĐND và UBND phường từ ngày 15/4 đến 15/5/2026.",
         "4. Hình thức tuyển dụng: thi tuyển qua 2 vòng theo Nghị định số 170/2025/NĐ-CP./."]),
        kind="none"),
    Case("Tieu chi 1/Van ban/QD thanh lap to mo hom thu.docx", d(
        "QĐ", "24/QĐ-UBND", D(2026, 1, 15),
        "Thành lập Tổ mở và xử lý thư góp ý tại Trung tâm Phục vụ hành chính công phường",
        ["CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN", LAW, "QUYẾT ĐỊNH:",
         "Điều 1. Thành lập Tổ mở và xử lý thư góp ý gồm 03 thành viên: ông Trần Quang Hưng, Phó Chủ tịch UBND phường - Tổ trưởng; bà Lê Thị Mai, Phó Chủ tịch Ủy ban MTTQ phường; ông Phạm Văn Khánh, Chánh Văn phòng.",
         "Điều 2. Tổ có nhiệm vụ mở hộp thư định kỳ mỗi tuần một lần, lập biên bản, phân loại ý kiến và tham mưu lãnh đạo xử lý, trả lời tổ chức, cá nhân./."]),
        codes=("1.7",)),
    Case("Bao cao cong tac PCCC 6 thang.docx", d(
        "BC", "94/BC-UBND", D(2026, 6, 10),
        "Kết quả công tác phòng cháy, chữa cháy 6 tháng đầu năm 2026",
        ["1. Tình hình cháy, nổ: xảy ra 02 vụ cháy nhỏ tại hộ gia đình, không có thiệt hại về người.",
         "2. Công tác kiểm tra: kiểm tra 84 cơ sở kinh doanh; nhắc nhở 21 cơ sở; xử phạt 03 cơ sở, hình thức cảnh cáo 01 cơ sở.",
         "3. Công tác tuyên truyền: phát 1.500 tờ rơi, 12 buổi tuyên truyền trên hệ thống loa của các tổ dân phố.",
         "4. Nhiệm vụ 6 tháng cuối năm: xây dựng 12 “Tổ liên gia an toàn PCCC”; 100% hộ kinh doanh trang bị bình chữa cháy./."]),
        kind="none"),
    Case("TC3 - Doi ngu/3.3 Trinh do/Chung chi/scan chung chi ung dung CNTT.pdf", (
        "TRƯỜNG ĐẠI HỌC HẢI PHÒNG", "CHỨNG CHỈ", "ỨNG DỤNG CÔNG NGHỆ THÔNG TIN CƠ BẢN",
        "Cấp cho: Ngô Thị Phương. Sinh ngày: 12/8/1990.", "Đã đạt kỳ thi ngày 14/3/2026. Xếp loại: Giỏi."),
        codes=("3.3",), folder_codes=("3.3",), scan=True),
]


def cases() -> list[Case]:
    """Every case with its half ("tune" at even positions, "held-out" at odd ones)."""
    from dataclasses import replace

    return [replace(c, half="tune" if i % 2 == 0 else "held-out") for i, c in enumerate(_CASES)]
