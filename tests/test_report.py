"""The coverage reports: what each format shows (headings, rows, totals, links), not just that it exists."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import pytest

from indexer.models import Criterion, DocMeta, Evidence, FileStatus, Problem, Rubric, SubCriterion, Tag, TagSource, decimal
from search import report
from search.coverage import compute_coverage

RUBRIC = Rubric(
    unit="UBND phường Phù Liễn",
    criteria=(
        Criterion("1", "Chính quyền công khai, minh bạch", 7, (
            SubCriterion("1.1", "Công khai mức thu phí, lệ phí", 3, ("bảng phí",)),
            SubCriterion("1.2", "Công khai số điện thoại | đường dây nóng", 4, ("đường dây nóng",)),
        )),
        Criterion("2", "Chính quyền thân thiện", 7, (
            SubCriterion("2.1", "Thư xin lỗi, thư cảm ơn", 5, ("thư xin lỗi",)),
            SubCriterion("2.2", "Mô hình sáng tạo", 2, ("mô hình",)),
        )),
    ),
    version="2026.1",
    title="Chính quyền thân thiện",
    period_start=dt.date(2026, 1, 1),
    period_end=dt.date(2026, 6, 30),
)  # fmt: skip
TODAY = dt.date(2026, 6, 10)
FEES = "Tieu chi 1/1.1 Phi & le phi/Bang phi.pdf"
APOLOGY = "TC2.1 Thu xin loi.docx"
OLD = "TC2.1 Thu cam on 2025.docx"
HOTLINE = "Thong bao so dien thoai.docx"


def _ev(path, *tags, number=None, date=None, status=FileStatus.OK, general=False, detail=""):
    return Evidence(path=path, title="", status=status, size=10, mtime_ns=0, sha256=path.encode().hex()[:64].ljust(64, "0"),
                    tags=tags, general=general, doc=DocMeta(number, date, None), detail=detail)  # fmt: skip


@pytest.fixture(scope="module")
def cov():
    return compute_coverage(
        RUBRIC,
        [
            _ev(FEES, Tag("1.1", TagSource.FOLDER, 1.0, "thư mục: Tieu chi 1/1.1 Phi & le phi"), number="91/KH-UBND", date=dt.date(2026, 2, 13)),
            _ev(HOTLINE, Tag("1.2", TagSource.KEYWORD, 0.62, "từ khóa: đường dây nóng ×3")),
            _ev(APOLOGY, Tag("2.1", TagSource.FILENAME, 1.0, "tên tệp: TC2.1 Thu xin loi.docx"), number="06/TXL-UBND", date=dt.date(2026, 3, 16)),
            _ev(OLD, Tag("2.1", TagSource.FILENAME, 1.0, "tên tệp"), date=dt.date(2025, 11, 18)),
            _ev("Bao cao 6 thang.docx", general=True),
            _ev("mat.pdf", status=FileStatus.ENCRYPTED, detail="password-protected PDF"),
        ],
        [Problem("anh/", "unreadable", "permission denied")],
        generated=TODAY,
        indexed_at="2026-06-10T08:00:00",
    )  # fmt: skip



def test_the_tag_command_under_several_suggestions_is_an_example():
    # Printed under the last of three files, it named the first: a blind tester read it as the last's.
    files = [_ev(f"Ke hoach {n}.docx", Tag("1.2", TagSource.KEYWORD, 0.9 - n / 10, "từ khóa: đường dây nóng ×2")) for n in (1, 2, 3)]
    cov = compute_coverage(RUBRIC, files, [], generated=TODAY)
    flat = " ".join(report.render_text(cov, color=False, width=120).split())
    assert '→ tệp nào đúng thì xác nhận, ví dụ: minhchung tag "Ke hoach 1.docx" 1.2' in flat
    page = report.render_html(cov)
    assert '<div class="hint">→ tệp nào đúng thì xác nhận, ví dụ' in page
    # Printed for the city, the page keeps the suggested files but not the commands staff type.
    print_css = page[page.index("@media print"):]
    assert "div.hint, p.hint { display: none; }" in print_css[: print_css.index("\n}")]


@pytest.mark.parametrize(
    "folder, said",
    [
        # Staff filed the hotline notices under the topic's own words, without a code.
        pytest.param("Cong khai/Duong day nong", True, id="a-folder-named-by-the-topic"),
        pytest.param("Van ban den", False, id="a-folder-of-anything"),
    ],
)
def test_several_suggestions_in_one_topic_folder_say_to_rename_it(folder, said):
    files = [_ev(f"{folder}/Thong bao {n}.docx", Tag("1.2", TagSource.KEYWORD, 0.8, "từ khóa: đường dây nóng ×2")) for n in (1, 2)]
    cov = compute_coverage(RUBRIC, files, [], generated=TODAY)
    flat = " ".join(report.render_text(cov, color=False, width=120).split())
    hint = f"→ hoặc nếu cả thư mục là minh chứng 1.2: đổi tên thư mục “{folder}” thành “1.2 {folder.rsplit('/', 1)[-1]}”"
    assert (hint in flat) is said
    assert ("đổi tên thư mục" in report.render_html(cov)) is said

def test_points_resting_on_last_years_documents_only_are_said_under_the_score():
    # A blind tester's 3.4 and 3.5 (10 points) rested on 2025 documents, flagged on their own
    # lines only: the summary gave no hint that a reviewer might turn them down.
    old = _ev(OLD, Tag("2.1", TagSource.FILENAME, 1.0, "tên tệp"), date=dt.date(2025, 11, 18))
    new = _ev(APOLOGY, Tag("2.1", TagSource.FILENAME, 1.0, "tên tệp"), date=dt.date(2026, 3, 16))
    line = "Lưu ý: 2.1 chỉ có minh chứng ngoài kỳ đánh giá (5 điểm)"
    alone = compute_coverage(RUBRIC, [old], [], generated=TODAY)
    assert line in " ".join(report.render_text(alone, color=False, width=160).split())
    assert line in report.render_markdown(alone) and line in report.render_html(alone)
    assert [s["out_of_period_only"] for c in report.coverage_json(alone)["criteria"] for s in c["subcriteria"] if s["code"] == "2.1"] == [True]
    both = compute_coverage(RUBRIC, [old, new], [], generated=TODAY)
    assert "chỉ có minh chứng ngoài kỳ" not in report.render_text(both, color=False, width=160)
    assert not any(s.out_of_period_only for s in both.subcriteria)


# --- JSON ------------------------------------------------------------------------------------------


def test_json_has_the_contract_fields_and_numbers(cov):
    data = report.coverage_json(cov)
    json.dumps(data)  # serialisable as it is
    assert data["schema"] == 1 and data["score"] == {"provable": 8, "max": 14}
    assert [(c["code"], c["points"], c["provable"]) for c in data["criteria"]] == [("1", 7, 3), ("2", 7, 5)]
    subs = {s["code"]: s for c in data["criteria"] for s in c["subcriteria"]}
    assert {code: s["status"] for code, s in subs.items()} == {"1.1": "proven", "1.2": "suggested", "2.1": "proven", "2.2": "missing"}
    proof = subs["1.1"]["evidence"][0]
    assert (proof["path"], proof["source"], proof["confidence"], proof["in_period"]) == (FEES, "folder", 1.0, True)
    assert proof["doc"] == {"number": "91/KH-UBND", "date": "2026-02-13", "type": None}
    assert [(e["path"], e["in_period"]) for e in subs["2.1"]["evidence"]] == [(OLD, False), (APOLOGY, True)]
    assert data["general"] == [{"path": "Bao cao 6 thang.docx"}]
    assert data["problems"] == [
        {"path": "anh/", "problem": "unreadable", "detail": "permission denied"},
        {"path": "mat.pdf", "problem": "encrypted", "detail": "password-protected PDF"},
    ]
    assert (data["unit"], data["rubric_version"], data["generated"]) == ("UBND phường Phù Liễn", "2026.1", "2026-06-10")


# --- text ------------------------------------------------------------------------------------------


def test_text_plain_shows_summary_subtotals_statuses_evidence_and_problems(cov):
    text = report.render_text(cov, color=False)
    assert "\x1b[" not in text
    lines = text.splitlines()
    assert lines[0] == "BẢNG MINH CHỨNG — UBND phường Phù Liễn"
    assert "Kỳ đánh giá: 01/01/2026 – 30/06/2026 · Lập ngày 10/06/2026" in text
    assert "Điểm đã có minh chứng: 8/14" in lines
    criterion = next(line for line in lines if "Tiêu chí 1. Chính quyền công khai, minh bạch" in line)
    assert criterion.rstrip().endswith("3/7")
    table = lines[: next(n for n, line in enumerate(lines) if "Tổng cộng" in line)]
    marks = {line.split()[1]: (line.split()[0], line.split()[-1]) for line in table if line.strip()[:1] in "✓?✗" and len(line.split()) > 2
             and line.split()[1] in ("1.1", "1.2", "2.1", "2.2")}  # fmt: skip
    assert marks == {"1.1": ("✓", "3/3"), "1.2": ("?", "0/4"), "2.1": ("✓", "5/5"), "2.2": ("✗", "0/2")}
    flat = " ".join(text.split())  # the table wraps long lines
    assert f"• {FEES} · thư mục · Số 91/KH-UBND, ngày 13/02/2026" in flat
    assert f'→ xác nhận nếu đúng: minhchung tag "{HOTLINE}" 1.2' in flat
    assert f"• {OLD} · tên tệp · ngày 18/11/2025 · ngoài kỳ đánh giá" in flat
    total = next(line for line in lines if "Tổng cộng" in line)
    assert total.rstrip().endswith("8/14")
    assert text.index("Tổng cộng") < text.index("Cần bổ sung") < text.index("Văn bản tổng hợp") < text.index("Tệp có vấn đề (2):")
    todo = lines[lines.index("Cần bổ sung minh chứng (2 tiêu chí con, 6 điểm):") + 1 :][:2]
    assert [line.split()[:2] for line in todo] == [["?", "1.2"], ["✗", "2.2"]]  # biggest points first
    # Kinds and details in Vietnamese (the JSON keeps them in English, for scripts).
    assert "  ! mat.pdf: có mật khẩu (lưu một bản không mật khẩu để đưa vào chỉ mục)" in lines
    assert "  ! anh/: không đọc được (không có quyền đọc (tệp đang mở ở máy khác?): sẽ đọc lại lần sau)" in lines
    assert all(line == line.rstrip() for line in lines)


def test_text_in_colour_on_a_terminal(cov):
    coloured = report.render_text(cov, color=True)
    assert "\x1b[" in coloured and "Điểm đã có minh chứng: 8/14" in coloured


# --- Markdown --------------------------------------------------------------------------------------


def test_markdown_headings_rows_totals_and_links(cov):
    md = report.render_markdown(cov, link_base="../")
    lines = md.splitlines()
    assert lines[0] == "# BẢNG MINH CHỨNG — UBND phường Phù Liễn"
    assert "**Điểm đã có minh chứng: 8/14**" in lines
    assert "## Tiêu chí 1. Chính quyền công khai, minh bạch — 3/7 điểm" in lines
    assert "## Tiêu chí 2. Chính quyền thân thiện — 5/7 điểm" in lines
    assert "| | **Tổng cộng** | **14** | **8** |" in lines
    row = next(line for line in lines if line.startswith("| ✓ | 1.1 |"))
    assert "(../Tieu%20chi%201/1.1%20Phi%20%26%20le%20phi/Bang%20phi.pdf)" in row
    hotline = next(line for line in lines if line.startswith("| ? | 1.2 |"))
    assert "số điện thoại \\| đường dây nóng" in hotline  # a | in a title does not break the table
    assert next(line for line in lines if line.startswith("| ✗ | 2.2 |")).endswith("| 0/2 | *Chưa có tệp minh chứng* |")
    assert "## Tệp có vấn đề (2)" in lines


# --- HTML ------------------------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections, self.links, self.rows, self.sources, self.style = [], [], {}, [], ""
        self.h2, self._in, self._text = [], None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.sections.append(attrs.get("id"))
        if tag == "a":
            self.links.append(attrs["href"])
        if tag == "tr" and attrs.get("id", "").startswith("tc-"):
            self.rows[attrs["id"][3:]] = attrs.get("class")
        for key in ("src", "srcset"):
            if key in attrs:
                self.sources.append(attrs[key])
        if tag == "link":
            self.sources.append(attrs.get("href"))
        if tag in ("style", "h2"):
            self._in, self._text = tag, []

    def handle_data(self, data):
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == self._in == "style":
            self.style = "".join(self._text)
        if tag == self._in == "h2":
            self.h2.append(" ".join("".join(self._text).split()))
        if tag == self._in:
            self._in = None


def test_html_is_one_printable_page_with_a_section_per_criterion(cov):
    page = report.render_html(cov, link_base="")
    parsed = _Page()
    parsed.feed(page)
    assert parsed.sections == ["tc-1", "tc-2", "general", "problems"]
    assert parsed.h2[:2] == ["Tiêu chí 1. Chính quyền công khai, minh bạch3/7 điểm", "Tiêu chí 2. Chính quyền thân thiện5/7 điểm"]
    assert parsed.rows == {"1.1": "proven", "1.2": "suggested", "2.1": "proven", "2.2": "missing"}
    assert "Tieu%20chi%201/1.1%20Phi%20%26%20le%20phi/Bang%20phi.pdf" in parsed.links
    assert "#tc-1" in parsed.links
    assert parsed.sources == [] and "http" not in page  # self-contained: nothing fetched
    assert "@media print" in parsed.style
    assert '<div class="big">8/14</div>' in page
    assert "Tieu chi 1/1.1 Phi &amp; le phi/Bang phi.pdf" in page  # text escaped
    assert '<span class="flag">ngoài kỳ đánh giá</span>' in page
    assert "break-all" not in parsed.style  # it cut names mid-word: `Noi quy tiep cong dan.d|ocx`


def test_html_links_take_a_base(cov):
    parsed = _Page()
    parsed.feed(report.render_html(cov, link_base="../evidence/"))
    assert f"../evidence/{APOLOGY.replace(' ', '%20')}" in parsed.links


@pytest.mark.parametrize(
    "root, out, base",
    [
        pytest.param("/srv/mc", "/srv/mc", "", id="page-in-root"),
        pytest.param("/srv/mc", "/srv/mc/bao cao", "../", id="page-below-root"),
        pytest.param("/srv/mc/Phu Lien", "/home/u", "../../srv/mc/Phu%20Lien/", id="page-elsewhere"),
    ],
)
def test_relative_link_base(root, out, base, tmp_path):
    from pathlib import Path

    assert report.relative_link_base(Path(root), Path(out)) == base


# --- Word ------------------------------------------------------------------------------------------


def test_docx_is_the_landscape_bang_minh_chung(cov, tmp_path):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm

    path = report.write_docx(cov, tmp_path / "bang.docx")
    doc = Document(str(path))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(297)) < Mm(1) and abs(section.page_height - Mm(210)) < Mm(1)
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 13
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "Times New Roman"
    # Word checks spelling in the styles' language: en-US would mark every Vietnamese word.
    langs = doc.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang") + normal.element.rPr.findall(qn("w:lang"))
    assert [lang.get(qn("w:val")) for lang in langs] == ["vi-VN", "vi-VN"]

    heading, table, signatures = doc.tables
    heading_text = "\n".join(c.text for c in heading.rows[0].cells)
    assert "ỦY BAN NHÂN DÂN\nPHƯỜNG PHÙ LIỄN" in heading_text
    assert "Phù Liễn, ngày 10 tháng 6 năm 2026" in heading_text
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "BẢNG MINH CHỨNG" in body and "UBND phường Phù Liễn" in body
    assert "Kỳ đánh giá: từ ngày 01/01/2026 đến ngày 30/06/2026" in body
    assert "Điểm đã có minh chứng: 8/14 điểm" in body

    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Mã tiêu chí", "Nội dung", "Điểm tối đa", "Điểm đã có minh chứng", "Minh chứng (văn bản, số ký hiệu, ngày; tệp)"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    assert rows[1][:5] == ["I", "1", "Chính quyền công khai, minh bạch", "7", "3"]
    assert all(run.bold for p in table.rows[1].cells[2].paragraphs for run in p.runs)
    assert rows[2][:5] == ["1", "1.1", "Công khai mức thu phí, lệ phí", "3", "3"]
    # Cited as a ward cites a document, the file to find it below.
    assert rows[2][5].splitlines() == ["– Văn bản số 91/KH-UBND ngày 13/02/2026", f"Tệp: {FEES}"]
    assert rows[3][4:] == ["0", "Chưa có minh chứng; có tệp gợi ý cần xem xét"]
    assert rows[4][:2] == ["II", "2"]
    assert rows[5][5].splitlines() == [
        "– Văn bản ngày 18/11/2025 – ngoài kỳ đánh giá", f"Tệp: {OLD}", "– Văn bản số 06/TXL-UBND ngày 16/03/2026", f"Tệp: {APOLOGY}",
    ]
    assert rows[6][4:] == ["0", "Chưa có tệp minh chứng"]
    assert rows[7][0] == rows[7][2] == "TỔNG CỘNG" and rows[7][3:5] == ["14", "8"]
    assert not any(run.bold for run in table.rows[2].cells[2].paragraphs[0].runs)
    assert "Tiêu chí con chưa đủ minh chứng: 1.2 (4 điểm); 2.2 (2 điểm)." in body
    assert [c.text.splitlines() for c in signatures.rows[0].cells] == [
        ["NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký tên, đóng dấu)"],
    ]
    assert table.rows[1].cells[2].paragraphs[0].paragraph_format.keep_with_next  # a criterion's row stays with its first sub-row


@pytest.mark.parametrize(
    "unit, issuer, line",
    [
        pytest.param("UBND phường Phù Liễn", ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÙ LIỄN"], "Phù Liễn, ngày 05 tháng 02 năm 2026", id="ubnd-phuong"),
        pytest.param("Ủy ban nhân dân xã Tân Trào", ["ỦY BAN NHÂN DÂN", "XÃ TÂN TRÀO"], "Tân Trào, ngày 05 tháng 02 năm 2026", id="full-name-xa"),
        pytest.param("Trung tâm Phục vụ hành chính công", ["TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"], "Ngày 05 tháng 02 năm 2026", id="other-unit"),
    ],
)
def test_heading_of_the_word_table(unit, issuer, line):
    assert report.issuer_lines(unit) == issuer
    assert report.date_line(unit, dt.date(2026, 2, 5)) == line



def test_a_rubric_without_a_unit_leaves_a_blank_and_says_how_to_fill_it(tmp_path):
    # The bundled rubric names no unit: a commune's report went out as "UBND phường Phù Liễn".
    from dataclasses import replace

    from docx import Document

    cov = compute_coverage(replace(RUBRIC, unit=""), [], [], generated=TODAY)
    lines = report.render_text(cov, color=False, width=200).splitlines()
    assert lines[0] == f"BẢNG MINH CHỨNG — {report.UNFILLED_UNIT}"
    assert any(line.startswith("Chưa có tên đơn vị: đặt trong thư mục minh chứng tệp rubric.toml") for line in lines)
    assert report.NO_UNIT_HINT in report.render_html(cov).replace("&quot;", '"')
    assert report.coverage_json(cov)["unit"] == ""
    doc = Document(str(report.write_docx(cov, tmp_path / "bang.docx")))
    heading = [c.text for c in doc.tables[0].rows[0].cells]
    assert heading[0].startswith("ỦY BAN NHÂN DÂN\n……") and "Phù Liễn" not in "".join(heading)
    assert "Ngày 10 tháng 6 năm 2026" in heading[1]

def test_control_characters_in_names_and_titles_never_stop_the_word_report(tmp_path):
    from dataclasses import replace

    from docx import Document

    # A file named with a control character (copied from an old system), a title pasted with one.
    odd = replace(RUBRIC, criteria=(replace(RUBRIC.criteria[0], title="Công khai\x01 minh bạch"), *RUBRIC.criteria[1:]))
    name = "TC1.1 bang\x01phi\x1b[31m.pdf"
    cov = compute_coverage(odd, [_ev(name, Tag("1.1", TagSource.FILENAME, 1.0, f"tên tệp: {name}"))], [], generated=TODAY)
    doc = Document(str(report.write_docx(cov, tmp_path / "bang.docx")))
    cells = [c.text for row in doc.tables[1].rows for c in row.cells]
    assert "– TC1.1 bang\ufffdphi\ufffd[31m.pdf" in cells and "Công khai\ufffd minh bạch" in cells


def test_a_damaged_file_named_for_a_code_is_no_suggestion_to_confirm(tmp_path):
    broken = _ev("TC1.1 Bang phi.pdf", Tag("1.1", TagSource.FILENAME, 1.0, "tên tệp"), status=FileStatus.UNREADABLE, detail="damaged PDF")
    hint = _ev(HOTLINE, Tag("1.2", TagSource.KEYWORD, 0.62, "từ khóa: đường dây nóng ×3"))
    cov = compute_coverage(RUBRIC, [broken, hint], [], generated=TODAY)
    fees, phones = cov.criteria[0].subcriteria
    assert report.need_label(fees) == "Chưa có minh chứng: tệp theo mã này không dùng được, cần bản khác đọc được"
    assert report.need_label(phones) == "Chưa có minh chứng; có tệp gợi ý cần xem xét"
    text = report.render_text(cov, color=False, width=160)
    assert "Công khai mức thu phí, lệ phí (3 điểm) — tệp theo mã không dùng được" in text
    assert "(4 điểm) — có tệp gợi ý, xem ở bảng trên" in text


@pytest.mark.parametrize(
    "doc, title, cited",
    [
        pytest.param(DocMeta("91/KH-UBND", dt.date(2026, 2, 13), "KẾ HOẠCH"), "KẾ HOẠCH Triển khai mô hình “Chính quyền thân thiện”",
                     "Kế hoạch số 91/KH-UBND ngày 13/02/2026 về triển khai mô hình “Chính quyền thân thiện”", id="plan"),
        pytest.param(DocMeta("1520/UBND-VP", dt.date(2026, 4, 24), "CÔNG VĂN"), "CÔNG VĂN V/v Tăng cường sử dụng chữ ký số",
                     "Công văn số 1520/UBND-VP ngày 24/04/2026 về việc Tăng cường sử dụng chữ ký số", id="cong-van-vv"),
        pytest.param(DocMeta("05/BB-UBND", None, "BIÊN BẢN"), "BIÊN BẢN Về việc đối thoại", "Biên bản số 05/BB-UBND về việc đối thoại", id="ve-viec"),
        pytest.param(DocMeta("12/TB-UBND", None, "THÔNG BÁO"), "THÔNG BÁO VNeID mức 2 cho công dân",
                     "Thông báo số 12/TB-UBND về VNeID mức 2 cho công dân", id="name-keeps-capitals"),
        pytest.param(DocMeta(None, dt.date(2026, 3, 1), None), "Anh hoat dong", "Văn bản ngày 01/03/2026", id="title-is-the-file-name"),
        pytest.param(DocMeta(None, None, "KẾ HOẠCH"), "KẾ HOẠCH Triển khai", None, id="no-number-no-date"),
    ],
)
def test_citation_reads_as_wards_cite_documents(doc, title, cited):
    from indexer.models import EvidenceRef

    assert report.citation(EvidenceRef("x.pdf", TagSource.FILENAME, 1.0, doc=doc, title=title)) == cited


def test_a_long_subject_is_cut_with_an_ellipsis():
    from indexer.models import EvidenceRef

    ref = EvidenceRef("x.pdf", TagSource.FILENAME, 1.0, doc=DocMeta("9/KH", None, "KẾ HOẠCH"), title="KẾ HOẠCH " + "Triển khai " * 30)
    cited = report.citation(ref)
    assert cited.startswith("Kế hoạch số 9/KH về triển khai Triển khai") and cited.endswith("…")
    assert len(cited) == len("Kế hoạch số 9/KH ") + 160


def test_numbers_and_times_read_as_vietnamese_writes_them(cov):
    assert decimal(0.9, 2) == "0,90" and decimal(5.44) == "5,4"
    assert report.moment("2026-06-10T08:00:00") == "08:00 ngày 10/06/2026" and report.moment("soon") == "soon"
    hotline = next(r for s in cov.subcriteria for r in s.evidence if r.path == HOTLINE)
    assert report.ref_notes(hotline)[0] == "gợi ý từ khóa, độ tin cậy 62%"
    assert "Chỉ mục cập nhật lúc 08:00 ngày 10/06/2026." in report.render_html(cov)


@pytest.mark.parametrize(
    "detail, shown",
    [
        ("the file is 0 bytes", "tệp 0 byte"),
        ("damaged PDF: Unexpected EOF", "PDF bị hỏng: Unexpected EOF"),
        ("damaged .docx: the part word/document.xml is missing", ".docx bị hỏng: the part word/document.xml is missing"),
        ("the file could not be read just now (Input/output error): tried again at the next run", "chưa đọc được lúc này (Input/output error): sẽ đọc lại lần sau"),
        ("12 MB is over the 10 MB limit: listed, not read", "12 MB, quá giới hạn 10 MB: chỉ liệt kê, không đọc"),
        ("reading took longer than 120 s: stopped", "đọc quá 120 giây: đã dừng (chạy index với --timeout lớn hơn để đọc lại)"),
        ("zip archive: tagged by its name and folder only", "zip archive: loại tệp này không đọc được chữ"),
        ("reading took longer than 2.5 s: stopped", "đọc quá 2,5 giây: đã dừng (chạy index với --timeout lớn hơn để đọc lại)"),
        ("OCR failed: tesseract crashed", "OCR bị lỗi: tesseract crashed"),
        ("permission denied: its files already indexed are kept as they were",
         "không có quyền đọc (tệp đang mở ở máy khác?): sẽ đọc lại lần sau: các tệp trong đó đã có trong chỉ mục được giữ nguyên"),
        ("the document has no text", "tệp không có chữ nào"),  # a blind tester's empty Word file
        ("the slides have no text", "tệp không có chữ nào"),
        ("no text layer (a scan?)", "không có lớp chữ (bản scan?)"),
        ("something new the readers say", "something new the readers say"),  # unknown: as it is
    ],
)
def test_details_staff_read_are_in_vietnamese(detail, shown):
    from indexer.models import detail_vi

    assert detail_vi(detail) == shown


def test_the_gap_list_says_when_files_are_too_few(tmp_path):
    from dataclasses import replace

    two = replace(RUBRIC, criteria=(replace(RUBRIC.criteria[0], subcriteria=(replace(RUBRIC.criteria[0].subcriteria[0], min_evidence=2),
                                                                            RUBRIC.criteria[0].subcriteria[1])), RUBRIC.criteria[1]))
    fees = _ev("TC1.1 Bang phi.pdf", Tag("1.1", TagSource.FILENAME, 1.0, "tên tệp"))
    text = report.render_text(compute_coverage(two, [fees], [], generated=TODAY), color=False, width=160)
    assert "Công khai mức thu phí, lệ phí (3 điểm) — mới có 1/2 tệp" in text
