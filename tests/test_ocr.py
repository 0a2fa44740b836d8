"""OCR of scans (indexer/ocr.py): scanned PDFs and photos are built here, then read back.

Tests marked `needs_tesseract` run the real Tesseract with its Vietnamese model; they are skipped
with the reason when it is not installed (CI installs tesseract-ocr and tesseract-ocr-vie). The
rest fake pytesseract and run everywhere. Test renders are small (few lines, 150-200 dpi) to stay
fast: the whole file takes a few seconds.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

import indexer.ocr as ocr
from bench.docgen import render_page, write_image, write_scan_pdf
from indexer.errors import ExtractionError
from indexer.ocr import OcrCache, ocr_image, ocr_image_pages, ocr_pdf_pages, ocr_unavailable_reason

_REASON = ocr_unavailable_reason()
needs_tesseract = pytest.mark.skipif(
    _REASON is not None, reason=f"Tesseract with the Vietnamese model is not installed: {_REASON}"
)

SHA = "ab" * 32

PAGE_1 = [
    "THÔNG BÁO",
    "Công khai số điện thoại đường dây nóng của Chủ tịch Ủy ban nhân dân phường.",
    "Người dân phản ánh, kiến nghị xin gọi trong giờ hành chính.",
]
PAGE_2 = [
    "THƯ XIN LỖI",
    "Ủy ban nhân dân phường gửi thư xin lỗi ông Nguyễn Văn Hùng vì hồ sơ bị trễ hẹn.",
    "Bộ phận một cửa sẽ trả kết quả trước ngày 20 tháng 3 năm 2026.",
]


def fold(text: str) -> str:
    """Lowercase, no diacritics, đ -> d, whitespace collapsed: how a user types a search."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


def squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def char_accuracy(expected: str, got: str) -> float:
    """Share of the expected characters (diacritics included) that OCR gave back, in order."""
    expected, got = squash(expected), squash(got)
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)


@pytest.fixture
def fresh_reason():
    """ocr_unavailable_reason() is cached per process: forget it before and after the test."""
    ocr_unavailable_reason.cache_clear()
    yield ocr_unavailable_reason
    ocr_unavailable_reason.cache_clear()


@pytest.fixture(scope="module")
def scan_pdf(tmp_path_factory) -> Path:
    return write_scan_pdf(tmp_path_factory.mktemp("scan") / "scan.pdf", [PAGE_1, PAGE_2], dpi=150)


# --- real Tesseract ------------------------------------------------------------------------------


@needs_tesseract
def test_scanned_pdf_is_read_page_by_page_and_cached(scan_pdf, tmp_path, capsys):
    cache = OcrCache(tmp_path / "ocr-cache")
    seen: list[int] = []
    before = ocr.TESSERACT_CALLS

    texts = ocr_pdf_pages(scan_pdf, [1, 2], sha256=SHA, cache=cache, dpi=200, on_page=seen.append)

    assert ocr.TESSERACT_CALLS - before == 2
    assert seen == [1, 2]
    assert set(texts) == {1, 2}
    # The phrase is on its own page, found as a user types it (no diacritics) ...
    assert "duong day nong" in fold(texts[1]) and "duong day nong" not in fold(texts[2])
    assert "thu xin loi" in fold(texts[2]) and "thu xin loi" not in fold(texts[1])
    # ... and with its diacritics, in NFC.
    assert "đường dây nóng" in texts[1]
    assert "thư xin lỗi" in texts[2]
    assert all(unicodedata.is_normalized("NFC", t) for t in texts.values())
    accuracy = [char_accuracy(" ".join(page), texts[n]) for n, page in ((1, PAGE_1), (2, PAGE_2))]
    with capsys.disabled():
        print(f"\nOCR character accuracy with diacritics: {', '.join(f'{a:.1%}' for a in accuracy)}")
    assert min(accuracy) >= 0.95

    # A second run (a re-index, a rename: same content hash) reads the cache, not Tesseract.
    seen.clear()
    again = ocr_pdf_pages(scan_pdf, [1, 2], sha256=SHA, cache=OcrCache(tmp_path / "ocr-cache"), dpi=200, on_page=seen.append)
    assert ocr.TESSERACT_CALLS - before == 2
    assert again == texts
    assert seen == [1, 2]  # progress still counts cached pages


def test_blank_pages_are_not_rendered_nor_read(tmp_path):
    import pypdfium2 as pdfium

    # A 2,000-page PDF of blank pages kept a worker busy 400 s, one Tesseract run a page.
    document = pdfium.PdfDocument.new()
    for _ in range(300):
        document.new_page(595, 842)
    blank = tmp_path / "blank.pdf"
    document.save(str(blank))
    before, seen = ocr.TESSERACT_CALLS, []
    cache = OcrCache(tmp_path / "ocr-cache")
    assert ocr_pdf_pages(blank, list(range(1, 301)), sha256=SHA, cache=cache, on_page=seen.append) == {n: "" for n in range(1, 301)}
    assert ocr.TESSERACT_CALLS == before and seen == list(range(1, 301))
    assert cache.get(SHA, 300) == ""  # known blank: not looked at again


def test_a_page_with_only_an_annotation_is_read(tmp_path, monkeypatch):
    from fpdf import FPDF

    # Text typed on a blank page with a PDF editor is an annotation: no page object, yet drawn.
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=28)
    pdf.free_text_annotation("THONG BAO LICH TIEP CONG DAN", x=60, y=100, w=480, h=60)
    typed = tmp_path / "typed.pdf"
    pdf.output(str(typed))
    monkeypatch.setattr(ocr.pytesseract, "image_to_string", lambda image, lang=None, config="", timeout=0: "THONG BAO")
    assert ocr_pdf_pages(typed, [1], sha256=SHA, cache=None) == {1: "THONG BAO"}


def test_eth_read_for_d_with_stroke_becomes_d_with_stroke(tmp_path, monkeypatch):
    # Seen on 5 of 62 scanned pages: "QĐÐ-UBND" (Đ then the Icelandic eth U+00D0) for "QĐ-UBND".
    read = "Số: 05/QĐÐ-UBND  Ðông Hải, ngày 12; số ðiện thoại, ÐÐội"
    monkeypatch.setattr(ocr.pytesseract, "image_to_string", lambda image, lang=None, config="", timeout=0: read)
    Image.new("L", (200, 100), 255).save(tmp_path / "scan.png")
    text = ocr_image(tmp_path / "scan.png", sha256=SHA, cache=None)
    assert text == "Số: 05/QĐ-UBND  Đông Hải, ngày 12; số điện thoại, Đội"
    assert "\u00d0" not in text and "\u00f0" not in text


@needs_tesseract
def test_only_the_requested_pages_are_read(scan_pdf):
    before = ocr.TESSERACT_CALLS
    texts = ocr_pdf_pages(scan_pdf, [2], sha256=SHA, cache=None, dpi=200)
    assert list(texts) == [2]
    assert "thu xin loi" in fold(texts[2])
    assert ocr.TESSERACT_CALLS - before == 1


@needs_tesseract
def test_phone_photo_jpg_with_exif_rotation_is_read(tmp_path):
    upright = write_image(
        tmp_path / "upright.jpg",
        ["THÔNG BÁO", "Số điện thoại đường dây nóng: 0912 345 678"],
        size=(1200, 700), font_px=40, angle=1.5,
    )
    # The camera stored the pixels turned a quarter, with EXIF Orientation 6 ("rotate 90° clockwise
    # to display"), as phones do: without applying it Tesseract sees vertical lines of text.
    photo = tmp_path / "IMG_0001.jpg"
    with Image.open(upright) as image:
        exif = Image.Exif()
        exif[0x0112] = 6
        image.transpose(Image.Transpose.ROTATE_90).save(photo, quality=90, exif=exif.tobytes())
    cache = OcrCache(tmp_path / "cache")

    text = ocr_image(photo, sha256=SHA, cache=cache)

    assert "duong day nong" in fold(text)
    assert "đường dây nóng" in text and "0912 345 678" in squash(text)  # the line wraps on the sheet
    before = ocr.TESSERACT_CALLS
    assert ocr_image(photo, sha256=SHA, cache=cache) == text
    assert ocr.TESSERACT_CALLS == before


@needs_tesseract
def test_multipage_tiff_gives_one_text_per_frame(tmp_path):
    frames = [render_page([line], dpi=150).crop((0, 0, 1240, 260)) for line in (PAGE_1[1], PAGE_2[1])]
    tiff = tmp_path / "scan.tif"
    frames[0].save(tiff, save_all=True, append_images=frames[1:], compression="tiff_lzw", dpi=(150, 150))

    pages = ocr_image_pages(tiff, sha256=SHA, cache=None)

    assert len(pages) == 2
    assert "duong day nong" in fold(pages[0])
    assert "thu xin loi" in fold(pages[1])


@needs_tesseract
def test_an_upside_down_scan_is_read_turned_and_an_upright_one_once(tmp_path):
    # A sheet put in the scanner upside down was read as gibberish (0 % of its words) and the file
    # listed as fine. Its reading is mostly no Vietnamese syllables: it is read again turned.
    page = render_page(PAGE_1 + PAGE_2, dpi=150).crop((0, 0, 1240, 700))
    page.rotate(180).save(tmp_path / "upside_down.png", dpi=(150, 150))
    page.save(tmp_path / "upright.png", dpi=(150, 150))

    before = ocr.TESSERACT_CALLS
    text = ocr_image(tmp_path / "upside_down.png", sha256=SHA, cache=None)
    assert "duong day nong" in fold(text) and "thu xin loi" in fold(text)
    # Upright, a half-size trial turned 180° (90° and 270° not tried), then 180° in full.
    assert ocr.TESSERACT_CALLS - before == 3

    before = ocr.TESSERACT_CALLS
    assert "duong day nong" in fold(ocr_image(tmp_path / "upright.png", sha256=SHA, cache=None))
    assert ocr.TESSERACT_CALLS - before == 1


@needs_tesseract
def test_an_english_page_read_well_is_kept_upright(tmp_path):
    # A review: an ISO certificate in English is mostly no Vietnamese syllables; read sideways it
    # made more of them (junk) than upright, and the junk was kept.
    lines = ["CERTIFICATE OF REGISTRATION", "This is to certify that the quality management system",
             "of the People's Committee has been assessed and registered", "against the requirements of ISO 9001:2015",
             "Scope: public administrative services at the one-stop shop", "Certificate number QMS 2026 0412 valid until 2029"]
    render_page(lines, dpi=150).crop((0, 0, 1240, 700)).save(tmp_path / "iso.png", dpi=(150, 150))
    text = ocr_image(tmp_path / "iso.png", sha256=SHA, cache=None)
    assert "CERTIFICATE" in text and "9001" in text


LIBERATION_SANS = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
APPRECIATION = [
    "The ward People's Committee is responsible for receiving and settling administrative procedures for "
    "citizens and organisations in its area. All applications are received at the one-stop shop, where "
    "officers check the documents, issue a receipt with the date of return, and forward the file to the "
    "competent department.",
    "In the first quarter of the year the one-stop shop received more than two thousand files, of which "
    "ninety-eight percent were returned on time or early. The remaining files were late because of missing "
    "documents or the need for verification with other agencies; in each case an apology letter was sent "
    "to the applicant.",
]


@needs_tesseract
@pytest.mark.skipif(not LIBERATION_SANS.is_file(), reason="needs fonts-liberation (the page that was turned)")
def test_an_upright_english_page_is_not_turned_into_junk(tmp_path):
    # Two paragraphs of English in Liberation Sans, 200 dpi: 19 % of its words are Vietnamese
    # syllables, so it was taken for junk and tried turned; read sideways it made 43 of 83 "words"
    # syllables (`Sẽ`, `Hi`) and that junk was stored. 98 % of its tokens read: it is not doubted.
    from PIL import ImageDraw, ImageFont

    dpi, width = 200, 1654
    page = Image.new("L", (width, 800), 255)
    draw, font = ImageDraw.Draw(page), ImageFont.truetype(str(LIBERATION_SANS), round(12 * dpi / 72))
    bold = ImageFont.truetype(str(LIBERATION_SANS).replace("Regular", "Bold"), round(15 * dpi / 72))
    draw.text(((width - draw.textlength("CERTIFICATE OF APPRECIATION", font=bold)) / 2, dpi), "CERTIFICATE OF APPRECIATION", font=bold, fill=0)
    y = dpi + 92
    for paragraph in APPRECIATION:
        line = ""
        for word in paragraph.split():
            if line and draw.textlength(f"{line} {word}", font=font) > width - 2 * dpi:
                draw.text((dpi, y), line, font=font, fill=0)
                y, line = y + 50, word
            else:
                line = f"{line} {word}".strip()
        draw.text((dpi, y), line, font=font, fill=0)
        y += 73
    page.save(tmp_path / "certificate.png", dpi=(dpi, dpi))

    before = ocr.TESSERACT_CALLS
    text = ocr_image(tmp_path / "certificate.png", sha256=SHA, cache=None)
    assert "CERTIFICATE OF APPRECIATION" in text and "one-stop shop" in text
    assert ocr.TESSERACT_CALLS - before == 1  # not doubted: no turn tried


NOTICE = ["SỐ ĐIỆN THOẠI LÃNH ĐẠO", "Chủ tịch: 0912 345 678", "Phó Chủ tịch: 0983 552 017"]


@needs_tesseract
@pytest.mark.parametrize("angle", [90, 270])
def test_a_sideways_notice_with_few_words_is_turned_and_read(tmp_path, angle):
    # A phone photo of the hotline notice with its pixels turned a quarter and no EXIF orientation
    # (qa16's IMG_2035.jpg), and a minutes page fed sideways (Scan_0002.pdf), were stored as junk
    # ("P< U Ơ ta = 8"): half-size trials read too few words to judge a turn. Tesseract's
    # orientation detection says the turn: one run, then the page read turned.
    page = render_page(NOTICE, dpi=150)
    page.crop((0, 0, page.width, 420)).rotate(angle, expand=True).save(tmp_path / "IMG_2035.png", dpi=(150, 150))

    before = ocr.TESSERACT_CALLS
    text = ocr_image(tmp_path / "IMG_2035.png", sha256=SHA, cache=None)
    assert "SỐ ĐIỆN THOẠI LÃNH ĐẠO" in text and "0912 345 678" in text
    assert ocr.TESSERACT_CALLS - before == 3  # read, orientation detection, read turned


def _photo_without_text(path: Path) -> Path:
    from PIL import ImageDraw, ImageFilter

    photo = Image.new("RGB", (900, 675), (120, 160, 200))
    draw = ImageDraw.Draw(photo)
    draw.rectangle((0, 450, 900, 675), fill=(90, 120, 60))
    draw.ellipse((600, 60, 710, 170), fill=(250, 230, 150))
    draw.rectangle((150, 260, 390, 490), fill=(180, 90, 70))
    draw.polygon([(135, 260), (270, 165), (405, 260)], fill=(110, 60, 50))
    photo.filter(ImageFilter.GaussianBlur(2)).save(path, quality=85)
    return path


@needs_tesseract
def test_a_photo_without_text_costs_at_most_one_run_more(tmp_path):
    # The ward's building, a loudspeaker: Tesseract reads nothing or a stray letter, which may be
    # a page lying turned; the orientation detection answers "too few characters" at once.
    before = ocr.TESSERACT_CALLS
    text = ocr_image(_photo_without_text(tmp_path / "IMG_3001.jpg"), sha256=SHA, cache=None)
    assert len(text.split()) < 5
    assert ocr.TESSERACT_CALLS - before <= 2


@needs_tesseract
def test_a_blank_page_costs_one_run(tmp_path):
    # A review: the back sides of a duplex scan (white, a few specks) read nothing and each asked
    # the orientation detection: 5 blank pages, 5 runs more.
    page = Image.new("L", (1240, 1754), 250)
    for x, y in ((100, 200), (640, 900), (1100, 1500)):
        page.putpixel((x, y), 120)
    page.save(tmp_path / "mat_sau.png", dpi=(150, 150))
    before = ocr.TESSERACT_CALLS
    assert ocr_image(tmp_path / "mat_sau.png", sha256=SHA, cache=None).strip() == ""
    assert ocr.TESSERACT_CALLS - before == 1


@needs_tesseract
def test_without_the_orientation_model_pages_are_read_as_before(tmp_path, monkeypatch):
    # Windows installs may lack tesseract-ocr-osd: the detection fails (or is not there) and the
    # page is judged as before, half-size trials for a page of enough words that reads poorly.
    def no_osd(*args, **kwargs):
        raise pytesseract.TesseractError(1, "Failed loading language 'osd'")

    import pytesseract

    monkeypatch.setattr(pytesseract, "image_to_osd", no_osd)
    page = render_page(PAGE_1 + PAGE_2, dpi=150).crop((0, 0, 1240, 700))
    page.rotate(180).save(tmp_path / "upside_down.png", dpi=(150, 150))
    before = ocr.TESSERACT_CALLS
    text = ocr_image(tmp_path / "upside_down.png", sha256=SHA, cache=None)
    assert "duong day nong" in fold(text) and "thu xin loi" in fold(text)
    assert ocr.TESSERACT_CALLS - before == 4  # read, detection failed, trial at 180, read at 180

    before = ocr.TESSERACT_CALLS
    assert len(ocr_image(_photo_without_text(tmp_path / "IMG_3001.jpg"), sha256=SHA, cache=None).split()) < 5
    assert ocr.TESSERACT_CALLS - before <= 2

    monkeypatch.setattr(ocr, "_osd_installed", lambda: False)  # the model is not listed: no run
    before = ocr.TESSERACT_CALLS
    assert "thu xin loi" in fold(ocr_image(tmp_path / "upside_down.png", sha256=SHA, cache=None))
    assert ocr.TESSERACT_CALLS - before == 3


def test_the_orientation_detection_s_answer_is_a_turn_for_pil(monkeypatch):
    import pytesseract

    monkeypatch.setattr(ocr, "_osd_installed", lambda: True)
    image = Image.new("L", (40, 30), 255)

    def answer(rotate, confidence):
        report = f"Page number: 0\nOrientation in degrees: {(360 - rotate) % 360}\nRotate: {rotate}\nOrientation confidence: {confidence}\nScript: Latin\n"
        monkeypatch.setattr(pytesseract, "image_to_osd", lambda *a, **k: report)
        return ocr._turn_said_by_osd(image, 300, 10)

    assert answer(90, 9.53) == 270  # turn 90° clockwise to read: PIL turns counter-clockwise
    assert answer(270, 0.4) == 90 and answer(180, 6.0) == 180  # a turn is tried at any confidence
    assert answer(0, 8.3) == 0 and answer(0, 0.8) is None  # upright: believed only when sure

    def fails(*args, **kwargs):
        raise pytesseract.TesseractError(1, "Too few characters. Skipping this page")

    monkeypatch.setattr(pytesseract, "image_to_osd", fails)
    assert ocr._turn_said_by_osd(image, 300, 10) is None


@needs_tesseract
def test_a_phone_photo_with_a_shadow_is_read_where_the_shadow_falls(tmp_path):
    # A sheet on a brown desk photographed with the phone's shadow on its left part (as the qa14
    # folder's photos): the shadowed ends of the lines were lost ("THÔNG BÁO" read "HÔNG BÁO").
    from PIL import ImageChops, ImageDraw, ImageFilter

    width, height = 1400, 900
    page = render_page(PAGE_1 + PAGE_2, dpi=150).crop((0, 0, 1240, 800)).convert("RGB")
    photo = Image.new("RGB", (width, height), (118, 86, 60))
    photo.paste(page.resize((int(width * 0.86), int(height * 0.86))), (int(width * 0.07), int(height * 0.07)))
    shadow = Image.new("L", (width, height), 255)
    ImageDraw.Draw(shadow).polygon([(0, 0), (width * 0.55, 0), (width * 0.25, height), (0, height)], fill=150)
    shadow = shadow.filter(ImageFilter.GaussianBlur(width / 25))
    photo = ImageChops.multiply(photo, Image.merge("RGB", [shadow] * 3)).filter(ImageFilter.GaussianBlur(1.2))
    photo.save(tmp_path / "IMG_20260322_091512.jpg", quality=82)

    before = ocr.TESSERACT_CALLS
    text = ocr_image(tmp_path / "IMG_20260322_091512.jpg", sha256=SHA, cache=None)
    assert "THÔNG BÁO" in text
    assert "cong khai so dien thoai duong day nong" in fold(text)
    assert "uy ban nhan dan phuong gui thu xin loi" in fold(text)
    assert ocr.TESSERACT_CALLS - before == 1


def test_a_scan_with_a_stated_dpi_is_not_flattened(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(ocr, "_flatten_background", lambda frame: seen.append(frame.size) or frame.copy())
    monkeypatch.setattr(ocr, "_read_page", lambda image, dpi, timeout, tables=True: "trang một")
    Image.new("L", (300, 200), 235).save(tmp_path / "scan.png", dpi=(200, 200))
    Image.new("L", (300, 200), 235).save(tmp_path / "photo.png")  # no dpi: a phone's
    assert ocr_image(tmp_path / "scan.png", sha256=SHA, cache=None) == "trang một" and seen == []
    assert ocr_image(tmp_path / "photo.png", sha256=SHA, cache=None) == "trang một" and seen == [(300, 200)]
    exif = Image.Exif()
    exif[0x010F] = "samsung"  # Make: a camera's, whatever dpi the file states
    Image.new("L", (300, 200), 235).save(tmp_path / "camera.jpg", dpi=(300, 300), exif=exif.tobytes())
    assert ocr_image(tmp_path / "camera.jpg", sha256=SHA, cache=None) == "trang một" and len(seen) == 2


def _ruled_table(rows, *, tilt: float, tone: int = 236):
    """A scanned table: ruled rows and columns at 200 dpi, turned `tilt` degrees, paper grey."""
    from PIL import ImageDraw, ImageFont

    from bench.docgen import font_path

    image = Image.new("L", (1654, 700), 255)
    draw, font = ImageDraw.Draw(image), ImageFont.truetype(str(font_path()), 36)
    xs, top, height = [150, 330, 600, 980, 1500], 100, 62
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            draw.text((xs[c] + 10, top + r * height + 10), cell, font=font, fill=0)
    for r in range(len(rows) + 1):
        draw.line([(xs[0], top + r * height), (xs[-1], top + r * height)], fill=0, width=3)
    for x in xs:
        draw.line([(x, top), (x, top + len(rows) * height)], fill=0, width=3)
    return image.rotate(tilt, resample=Image.BICUBIC, fillcolor=255).point(lambda v: v * tone // 255)


DON_THU = [
    ("Ngày", "Người gửi", "Nội dung", "Kết quả xử lý"),
    ("05/01", "Trần Văn Lợi", "Tranh chấp ranh giới đất", "Hòa giải thành 20/01"),
    ("12/02", "Phí Thị Hằng", "Tiếng ồn karaoke", "Đã xử lý, trả lời 19/02"),
    ("03/3", "Nhóm hộ tổ 7", "Lấn chiếm lối đi chung", "Đã giải quyết tại cơ sở"),
    ("18/4", "Đỗ Văn Hải", "Xây dựng không phép", "Lập biên bản, đình chỉ"),
]


def test_table_rules_are_counted_and_text_or_a_dark_border_is_none():
    assert ocr._table_rules(_ruled_table(DON_THU, tilt=-0.7)) == 6
    assert ocr._table_rules(_ruled_table(DON_THU, tilt=2.5)) == 6
    assert ocr._table_rules(render_page(PAGE_1 + PAGE_2, dpi=150)) == 0
    bordered = render_page(PAGE_1, dpi=150)
    bordered.paste(0, (0, 0, bordered.width, 60))  # the scanner lid's black edge, not a rule
    assert ocr._table_rules(bordered) == 0


@needs_tesseract
def test_a_tilted_ruled_table_is_read_with_psm_3(tmp_path):
    # "Sổ theo dõi đơn thư" of the qa14 folder, a table scanned 0.7° askew: psm 6 read none of
    # its rows (here: nothing at all); psm 3 reads them. Two runs for such a page, one for others.
    _ruled_table(DON_THU, tilt=-0.7).save(tmp_path / "So theo doi don thu.png", dpi=(200, 200))
    before = ocr.TESSERACT_CALLS
    text = fold(ocr_image(tmp_path / "So theo doi don thu.png", sha256=SHA, cache=None))
    assert "tran van loi" in text and "tieng on karaoke" in text and "do van hai" in text
    assert ocr.TESSERACT_CALLS - before == 2


def test_text_quality_counts_vietnamese_syllables():
    assert ocr.text_quality("Ủy ban nhân dân phường Đông Hải, UBND 15/TB") == (7, 9)
    assert ocr.text_quality("ỊẸỊ upuẹnb 4 uoạ") == (0, 3)
    assert ocr.text_quality("") == (0, 0)


# --- availability --------------------------------------------------------------------------------


def test_missing_tesseract_gives_a_one_line_hint(fresh_reason, monkeypatch):
    monkeypatch.setattr(ocr.pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    reason = fresh_reason()
    assert reason is not None and "\n" not in reason
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in reason
    assert "UB Mannheim" in reason and "PATH" in reason
    assert "Chưa cài Tesseract" in reason  # Vietnamese first, for the ward's staff


def test_missing_vietnamese_model_gives_a_hint(fresh_reason, monkeypatch):
    monkeypatch.setattr(ocr.pytesseract, "get_tesseract_version", lambda: "5.3.0")
    monkeypatch.setattr(ocr.pytesseract, "get_languages", lambda: ["eng", "osd"])
    reason = fresh_reason()
    assert reason is not None and "vie" in reason and "tesseract-ocr-vie" in reason


def test_availability_is_asked_once_per_process(fresh_reason, monkeypatch):
    calls = []
    monkeypatch.setattr(ocr.pytesseract, "get_tesseract_version", lambda: calls.append(1) or "5.3.0")
    monkeypatch.setattr(ocr.pytesseract, "get_languages", lambda: ["vie"])
    assert fresh_reason() is None and fresh_reason() is None
    assert len(calls) == 1


def test_tesseract_runs_single_threaded():
    # Its OpenMP threads fight over 2 cores; parallelism comes from worker processes instead.
    assert os.environ.get("OMP_THREAD_LIMIT") == "1"


# --- the cache -----------------------------------------------------------------------------------


def test_cache_round_trip_and_blank_pages(tmp_path):
    cache = OcrCache(tmp_path, key="k1")
    assert cache.get(SHA, 1) is None
    cache.put(SHA, 1, "Đường dây nóng\n0912")
    cache.put(SHA, 2, "")  # a blank page is an answer too: it must not be OCR'd again
    assert cache.get(SHA, 1) == "Đường dây nóng\n0912"
    assert cache.get(SHA, 2) == ""
    assert cache.get(SHA, 3) is None
    assert cache.get("cd" * 32, 1) is None
    # Another Tesseract version or language setting does not reuse the text.
    assert OcrCache(tmp_path, key="k2").get(SHA, 1) is None
    # Nothing but the finished files is left behind (the temporary files were moved into place).
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [f"{SHA}-p1-k1.txt", f"{SHA}-p2-k1.txt"]


def test_cache_without_a_hash_is_skipped(tmp_path):
    cache = OcrCache(tmp_path, key="k")
    cache.put("", 1, "text")
    assert cache.get("", 1) is None
    assert not any(tmp_path.iterdir())


def test_cache_concurrent_writers_never_expose_half_a_file(tmp_path):
    texts = [f"trang {i} " + "chữ " * 5000 for i in range(8)]
    cache = OcrCache(tmp_path, key="k")

    def write_then_read(text):
        cache.put(SHA, 1, text)
        return cache.get(SHA, 1)

    with ThreadPoolExecutor(8) as pool:
        read = list(pool.map(write_then_read, texts * 4))
    assert all(r in texts for r in read)
    assert cache.get(SHA, 1) in texts


def test_unwritable_cache_does_not_fail_the_ocr(tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    cache = OcrCache(blocker, key="k")
    cache.put(SHA, 1, "text")  # warns, does not raise
    assert cache.get(SHA, 1) is None


# --- failures and limits (pytesseract faked) -----------------------------------------------------


def test_a_page_that_times_out_is_empty_and_not_cached(scan_pdf, tmp_path, monkeypatch):
    calls = []

    def fake(image, lang=None, config="", timeout=0):
        calls.append(timeout)
        if len(calls) == 2:  # what pytesseract raises after killing a tesseract that overran
            raise RuntimeError("Tesseract process timeout")
        return "trang một"

    monkeypatch.setattr(ocr.pytesseract, "image_to_string", fake)
    cache = OcrCache(tmp_path, key="k")
    texts = ocr_pdf_pages(scan_pdf, [1, 2], sha256=SHA, cache=cache, dpi=72)
    assert texts == {1: "trang một", 2: ""}
    assert cache.get(SHA, 1) == "trang một"
    assert cache.get(SHA, 2) is None  # tried again next run
    assert calls == [ocr.PAGE_TIMEOUT, ocr.PAGE_TIMEOUT]


def test_tesseract_failure_is_an_unreadable_file(scan_pdf, monkeypatch):
    def fail(*args, **kwargs):
        raise ocr.pytesseract.TesseractError(1, "Error in pixReadStream")

    monkeypatch.setattr(ocr.pytesseract, "image_to_string", fail)
    with pytest.raises(ExtractionError) as info:
        ocr_pdf_pages(scan_pdf, [1], sha256=SHA, cache=None, dpi=72)
    assert info.value.status == "unreadable"


def test_a_huge_page_is_rendered_within_the_pixel_cap(tmp_path, monkeypatch):
    from fpdf import FPDF

    poster = tmp_path / "poster.pdf"
    pdf = FPDF(unit="pt", format=(72 * 60, 72 * 40))  # 60 x 40 inches: 216 MP at 300 dpi
    pdf.add_page()
    pdf.rect(100, 100, 400, 300, style="F")  # something drawn: a blank page is not rendered at all
    pdf.output(str(poster))
    seen = []
    monkeypatch.setattr(
        ocr.pytesseract, "image_to_string",
        lambda image, lang=None, config="", timeout=0: seen.append((image.size, image.mode, config)) or "",
    )

    assert ocr_pdf_pages(poster, [1], sha256=SHA, cache=None, dpi=300) == {1: ""}
    (width, height), mode, config = seen[0]
    assert width * height <= ocr.MAX_PIXELS and width > 3000
    assert mode == "L"
    assert "--dpi 300" not in config and "--dpi" in config  # the lowered resolution is passed on


def test_a_huge_photo_is_scaled_down(tmp_path, monkeypatch):
    big = tmp_path / "big.png"
    Image.new("L", (9000, 5000), 255).save(big)  # 45 MP
    seen = []
    monkeypatch.setattr(
        ocr.pytesseract, "image_to_string",
        lambda image, lang=None, config="", timeout=0: seen.append(image.size) or "chữ",
    )
    assert ocr_image_pages(big, sha256=SHA, cache=None) == ["chữ"]
    assert seen[0][0] * seen[0][1] <= ocr.MAX_PIXELS


def test_damaged_files_are_unreadable(tmp_path):
    bad_pdf = tmp_path / "bad.pdf"
    bad_pdf.write_bytes(b"%PDF-1.4\n garbage")
    bad_jpg = tmp_path / "bad.jpg"
    bad_jpg.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    for call in (lambda: ocr_pdf_pages(bad_pdf, [1], sha256=SHA, cache=None),
                 lambda: ocr_image_pages(bad_jpg, sha256=SHA, cache=None)):
        with pytest.raises(ExtractionError) as info:
            call()
        assert info.value.status == "unreadable"


def test_each_ocr_d_frame_of_a_tiff_is_progress(tmp_path, monkeypatch):
    """A 150-frame TIFF was stopped at the no-progress time limit: its frames, unlike a PDF's
    pages, never told the clock that OCR was moving."""
    from indexer.extract import OcrSettings, extract

    tiff = tmp_path / "scan.tif"
    frames = [Image.new("L", (60, 40), 255) for _ in range(3)]
    frames[0].save(tiff, save_all=True, append_images=frames[1:])
    monkeypatch.setattr(ocr, "ocr_unavailable_reason", lambda: None)
    monkeypatch.setattr(ocr, "_tesseract", lambda image, dpi, timeout: "trang biên bản họp tổ dân phố số một")
    pages = []

    result = extract(tiff, ocr=OcrSettings(cache_dir=None), sha256=SHA, on_page=pages.append)

    assert pages == [1, 2, 3]
    assert len(result.pages) == 3


def _png_header(path: Path, width: int, height: int) -> Path:
    """A PNG that says it is width x height and holds almost no data: a pixel bomb's header."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))
    return path


def test_a_pixel_bomb_is_one_clean_line_and_pillow_prints_no_warning(tmp_path):
    """'quá lớn, không đọc (ảnh quá lớn, không đọc (Image size (900000000 pixels) exceeds … DOS att))'
    said it twice and was cut; Pillow's DecompressionBombWarning went raw to stderr."""
    import warnings

    from indexer.extract import OcrSettings, extract
    from indexer.models import Problem

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with pytest.raises(ExtractionError) as bomb:
            ocr_image_pages(_png_header(tmp_path / "bomb.png", 30000, 30000), sha256=SHA, cache=None)
        with pytest.raises(ExtractionError):  # past the warning's limit, not the error's: data cut short
            ocr_image_pages(_png_header(tmp_path / "large.png", 12000, 8000), sha256=SHA, cache=None)

    assert [w.message for w in seen if issubclass(w.category, Image.DecompressionBombWarning)] == []
    assert bomb.value.status == "too-large"
    line = Problem("bomb.png", bomb.value.status, bomb.value.message).line()
    assert line == "bomb.png: quá lớn, không đọc (ảnh 900 triệu điểm ảnh, quá giới hạn 179 triệu)"
    unread = extract(tmp_path / "bomb.png", ocr=OcrSettings(enabled=False))  # it was 'DecompressionBombError: ...'
    assert (unread.status.value, unread.detail) == ("too-large", bomb.value.message)
