"""A small factory of realistic Vietnamese evidence documents for tests, examples and the benchmark.

It writes the kinds of files a ward's evidence folder really holds: Word files with the two-column
official header, PDFs with a real (extractable) text layer, scanned PDFs with no text layer at all,
photos of posted notices and password-protected PDFs. It also builds the lines of a document laid
out as Decree 30/2020/NĐ-CP prescribes, and generates administrative prose for the benchmark.

This module is never imported by the `minhchung` package itself: it depends on fpdf2, which is a
test-only dependency.

Everything is deterministic: fixed creation dates, fixed zip timestamps, seeded randomness, so
regenerating a file gives the same bytes (except encrypted PDFs, see `write_encrypted_pdf`).
Text is written exactly as given (no Unicode normalisation), so callers can build NFD or legacy
encoded fixtures on purpose.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "FIXED_TIMESTAMP",
    "font_path",
    "write_docx",
    "write_pdf",
    "write_scan_pdf",
    "render_page",
    "write_image",
    "write_encrypted_pdf",
    "official_document",
    "official_header",
    "split_header",
    "format_date_line",
    "vietnamese_paragraphs",
]

# One instant stamped into every generated file, so that regenerating gives identical bytes.
FIXED_TIMESTAMP = dt.datetime(2026, 6, 30, 8, 0, 0, tzinfo=dt.timezone.utc)
_ZIP_DATE_TIME = (2026, 6, 30, 8, 0, 0)

_FONT_DIRS = (
    os.environ.get("MINHCHUNG_FONT_DIR", ""),
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/local/share/fonts",
    "/Library/Fonts",
)

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")

# Document types (Decree 30, appendix III) by their abbreviation in the number-and-symbol line.
DOC_TYPES = {
    "KH": "KẾ HOẠCH",
    "QĐ": "QUYẾT ĐỊNH",
    "TB": "THÔNG BÁO",
    "BC": "BÁO CÁO",
    "BB": "BIÊN BẢN",
    "CT": "CHỈ THỊ",
    "TTr": "TỜ TRÌNH",
    "GM": "GIẤY MỜI",
    "CTr": "CHƯƠNG TRÌNH",
    "HD": "HƯỚNG DẪN",
    "TXL": "THƯ XIN LỖI",
    "TCM": "THƯ CẢM ƠN",
    "CV": "CÔNG VĂN",
}
_ABBR_BY_TYPE = {v: k for k, v in DOC_TYPES.items()}

_DATE_LINE = re.compile(r",\s*ngày\b.*\bnăm\b", re.IGNORECASE)


def font_path(bold: bool = False) -> Path:
    """Path of DejaVuSans (or its bold face): a TTF that covers every Vietnamese letter.

    Looked up in `$MINHCHUNG_FONT_DIR` first, then the usual system font folders.
    """
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in _FONT_DIRS:
        if folder and (Path(folder) / name).is_file():
            return Path(folder) / name
    raise FileNotFoundError(f"{name} not found; install fonts-dejavu or set MINHCHUNG_FONT_DIR")


# --- Word ------------------------------------------------------------------------------------


def write_docx(
    path: str | os.PathLike,
    paragraphs: Sequence[str],
    *,
    header_table: tuple[Sequence[str], Sequence[str]] | None = None,
    table_rows: Sequence[Sequence[str]] | None = None,
    header_text: str | None = None,
    footer_text: str | None = None,
    font: str | None = None,
    table_after: int | None = None,
) -> Path:
    """Write a .docx with python-docx and return its path.

    `header_table` is the official two-column header as (left lines, right lines): issuing body and
    `Số: 91/KH-UBND` on the left, the national motto and the place-and-date line on the right. It is
    a borderless table, as in real documents, so an extractor meets it before the body text.
    `table_rows` adds a bordered table (first row = column heads) after paragraph `table_after`
    (0-based index, -1 = before the first; default: after the last paragraph). `header_text`/`footer_text` go into the page
    header/footer, which extractors often skip. `font` sets the Normal style's font (e.g.
    "Times New Roman", or ".VnTime" for a legacy-encoding fixture).
    """
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    path = Path(path)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(13)
    if font:
        normal.font.name = font
        # Word picks the East-Asian/complex-script font separately; set all so the name sticks.
        rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), font)

    props = doc.core_properties
    props.created = props.modified = props.last_printed = FIXED_TIMESTAMP.replace(tzinfo=None)
    props.author = props.last_modified_by = "minhchung docgen"
    props.revision = 1
    props.title = ""
    props.comments = ""

    if header_table is not None and any(header_table):
        left, right = header_table
        table = doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, lines in zip(table.rows[0].cells, (left, right)):
            cell.paragraphs[0].text = ""
            for i, line in enumerate(lines):
                para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = para.add_run(line)
                run.font.size = Pt(12)
                # Decree 30 look: issuer and motto bold, the date line italic.
                if _DATE_LINE.search(line):
                    run.italic = True
                elif not line.startswith(("Số:", "V/v")):
                    run.bold = True
        doc.add_paragraph()

    def add_body_table() -> None:
        assert table_rows
        ncols = max(len(r) for r in table_rows)
        table = doc.add_table(rows=len(table_rows), cols=ncols)
        table.style = "Table Grid"
        for r, row in enumerate(table_rows):
            for c in range(ncols):
                cell = table.cell(r, c)
                cell.text = row[c] if c < len(row) else ""
                if r == 0:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True

    last = len(paragraphs) - 1 if table_after is None else min(table_after, len(paragraphs) - 1)
    if table_rows and last < 0:
        add_body_table()
    for i, text in enumerate(paragraphs):
        para = doc.add_paragraph()
        run = para.add_run(text)
        if _is_heading(text):
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
        if table_rows and i == last:
            add_body_table()

    section = doc.sections[0]
    if header_text is not None:
        section.header.is_linked_to_previous = False
        section.header.paragraphs[0].text = header_text
    if footer_text is not None:
        section.footer.is_linked_to_previous = False
        section.footer.paragraphs[0].text = footer_text

    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_normalize_zip(buf.getvalue()))
    return path


def _normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps: python-docx stamps the current time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _is_heading(text: str) -> bool:
    """A short all-capitals line (`KẾ HOẠCH`, `NƠI NHẬN`) is centred and bold, as in real documents."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and len(text) <= 80 and all(ch.isupper() for ch in letters)


# --- PDF with a text layer -------------------------------------------------------------------


def _new_pdf():
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_TIMESTAMP)
    pdf.set_creator("minhchung docgen")
    pdf.set_margins(left=25, top=20, right=18)
    pdf.set_auto_page_break(auto=True, margin=20)
    return pdf


def write_pdf(
    path: str | os.PathLike,
    pages: Sequence[Sequence[str]],
    *,
    header_table: tuple[Sequence[str], Sequence[str]] | None = None,
    font_size: float = 12,
) -> Path:
    """Write a PDF with a real text layer (DejaVuSans embedded, with a ToUnicode map) and return its path.

    `pages` holds one list of paragraphs per page; each list starts a new page, and long paragraphs
    wrap (a page whose text overflows continues on an extra page). All-capitals short paragraphs
    are centred in bold. `header_table` (left lines, right lines) draws the official two-column
    header at the top of the first page. pdfminer gives the text back unchanged (NFC in, NFC out),
    though wrapped lines come back with line breaks inside paragraphs.
    """
    from fpdf.enums import XPos, YPos

    path = Path(path)
    pdf = _new_pdf()
    pdf.add_font("DejaVu", "", str(font_path()))
    pdf.add_font("DejaVu", "B", str(font_path(bold=True)))
    line_h = font_size * 0.5
    for page_no, paragraphs in enumerate(pages):
        pdf.add_page()
        if page_no == 0 and header_table is not None and any(header_table):
            left, right = header_table
            top = pdf.get_y()
            pdf.set_font("DejaVu", "B", font_size - 1)
            pdf.multi_cell(70, line_h, "\n".join(left), align="C", new_x=XPos.RIGHT, new_y=YPos.TOP)
            bottom_left = pdf.get_y() + line_h * len(left)
            pdf.set_xy(pdf.l_margin + 72, top)
            pdf.set_font("DejaVu", "", font_size - 1)
            pdf.multi_cell(0, line_h, "\n".join(right), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_y(max(bottom_left, pdf.get_y()) + line_h)
        for text in paragraphs:
            heading = _is_heading(text)
            pdf.set_font("DejaVu", "B" if heading else "", font_size)
            # Left-aligned, not justified: justification adds word spacing that extractors may
            # turn into stray spaces, and the point of this file is a faithful text layer.
            pdf.multi_cell(0, line_h, text, align="C" if heading else "L",
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(line_h * 0.4)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


# --- scanned PDF (images only) ---------------------------------------------------------------


def _wrap(draw, text: str, font, width: int) -> list[str]:
    """Greedy word wrap of `text` to `width` pixels in `font`."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=font) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def render_page(lines: Sequence[str], *, dpi: int = 200, font_pt: float = 13, skew: float = 0.0):
    """Render paragraphs black on white onto an A4-sized greyscale Pillow image and return it.

    The font is `font_pt` points at `dpi` (13 pt at 200 dpi is 36 px high, comfortable for
    tesseract). `skew` rotates the page by that many degrees, as a hand-fed scanner does.
    """
    from PIL import Image, ImageDraw, ImageFont

    width, height = round(8.27 * dpi), round(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    size = round(font_pt * dpi / 72)
    regular = ImageFont.truetype(str(font_path()), size)
    bold = ImageFont.truetype(str(font_path(bold=True)), size)
    margin_l, margin_r, margin_t = round(1.0 * dpi), round(0.7 * dpi), round(0.8 * dpi)
    usable = width - margin_l - margin_r
    y = margin_t
    line_h = round(size * 1.45)
    for text in lines:
        heading = _is_heading(text)
        font = bold if heading else regular
        for row in _wrap(draw, text, font, usable) if text else [""]:
            if y + line_h > height - margin_t:
                break  # a scan is one sheet: what does not fit is cut off, like a paper page
            x = margin_l + (usable - draw.textlength(row, font=font)) / 2 if heading else margin_l
            draw.text((x, y), row, font=font, fill=0)
            y += line_h
        y += line_h // 3
    if skew:
        image = image.rotate(skew, resample=Image.BICUBIC, fillcolor=255, expand=False)
    return image


def write_scan_pdf(
    path: str | os.PathLike,
    pages: Sequence[Sequence[str]],
    dpi: int = 200,
    *,
    font_pt: float = 13,
    skew: float = 0.0,
) -> Path:
    """Write an image-only PDF, like a scan of signed paper: no text layer at all.

    Each page's paragraphs are rendered to an A4 greyscale image at `dpi` (see `render_page`) and
    placed full-page. Only OCR can read it back.
    """
    path = Path(path)
    pdf = _new_pdf()
    for lines in pages:
        pdf.add_page()
        image = render_page(lines, dpi=dpi, font_pt=font_pt, skew=skew)
        # Embedded as PNG (lossless, and flat white compresses to a few kB per page).
        buf = io.BytesIO()
        image.save(buf, format="PNG", optimize=True)
        buf.seek(0)
        pdf.image(buf, x=0, y=0, w=pdf.w, h=pdf.h)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


# --- photo of a posted notice ----------------------------------------------------------------


def write_image(
    path: str | os.PathLike,
    lines: Sequence[str],
    *,
    size: tuple[int, int] = (1600, 1200),
    font_px: int = 44,
    angle: float = 2.0,
    background: tuple[int, int, int] = (112, 120, 128),
    paper: tuple[int, int, int] = (246, 242, 230),
    quality: int = 85,
) -> Path:
    """Write a JPG/PNG "photo" of a notice pinned to a board, with readable text; return its path.

    The format follows the suffix (.jpg/.jpeg -> JPEG at `quality`, anything else -> PNG). The
    sheet is off-white on a grey background and turned by `angle` degrees, like a phone photo.
    """
    from PIL import Image, ImageDraw, ImageFont

    path = Path(path)
    width, height = size
    sheet_w, sheet_h = int(width * 0.8), int(height * 0.86)
    sheet = Image.new("RGB", (sheet_w, sheet_h), paper)
    draw = ImageDraw.Draw(sheet)
    regular = ImageFont.truetype(str(font_path()), font_px)
    bold = ImageFont.truetype(str(font_path(bold=True)), font_px)
    margin = font_px
    y = margin
    for text in lines:
        font = bold if _is_heading(text) else regular
        for row in _wrap(draw, text, font, sheet_w - 2 * margin):
            if y + font_px * 1.4 > sheet_h - margin:
                break
            x = (sheet_w - draw.textlength(row, font=font)) / 2 if _is_heading(text) else margin
            draw.text((x, y), row, font=font, fill=(20, 20, 24))
            y += round(font_px * 1.4)
    image = Image.new("RGB", size, background)
    mask = Image.new("L", sheet.size, 255)
    sheet = sheet.rotate(angle, resample=Image.BICUBIC, expand=True)
    mask = mask.rotate(angle, resample=Image.BICUBIC, expand=True)
    image.paste(sheet, ((width - sheet.width) // 2, (height - sheet.height) // 2), mask)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in {".jpg", ".jpeg"}:
        image.save(path, format="JPEG", quality=quality)
    else:
        image.save(path, format="PNG", optimize=True)
    return path


# --- encrypted PDF ---------------------------------------------------------------------------


def write_encrypted_pdf(path: str | os.PathLike, text: str, user_password: str = "secret") -> Path:
    """Write a one-page text PDF that needs `user_password` to open (RC4, the fpdf2 default).

    An extractor given no password must report it as encrypted. RC4 rather than AES so that any
    pdfminer build can decrypt it with the password; the bytes may still differ between runs.
    """
    path = Path(path)
    pdf = _new_pdf()
    pdf.add_font("DejaVu", "", str(font_path()))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(0, 6, text, align="L")
    pdf.set_encryption(owner_password=user_password + "-owner", user_password=user_password)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


# --- RTF, PowerPoint, OpenDocument -------------------------------------------------------------


def write_rtf(path: str | os.PathLike, pages: Sequence[Sequence[str]], *, font: str = "Times New Roman", legacy_bytes=None, picture_kb: int = 0) -> Path:
    r"""Write an RTF file as Word saves one: code page 1258, each non-ASCII letter as `\uN` with a
    `?` fallback, `\par` between paragraphs and `\page` between pages; return its path.

    `legacy_bytes(text) -> bytes` writes the text instead as 8-bit bytes in a font such as
    `.VnTime` (TCVN3), the way old documents were typed. `picture_kb` embeds a PNG of that many
    KB as hex, as a pasted photo or signature is.
    """
    def escape(text: str) -> str:
        if legacy_bytes is not None:
            return "".join(chr(b) if 32 <= b < 128 and b not in b"\\{}" else f"\\'{b:02x}" for b in legacy_bytes(text))
        out = []
        for c in text:
            if c in "\\{}":
                out.append("\\" + c)
            elif ord(c) < 128:
                out.append(c)
            else:  # past U+FFFF: two \\uN, the UTF-16 halves, as Word writes an emoji
                units = c.encode("utf-16-le")
                for i in range(0, len(units), 2):
                    code = int.from_bytes(units[i : i + 2], "little")
                    out.append(f"\\u{code if code < 32768 else code - 65536}?")
        return "".join(out)

    charset = 0 if legacy_bytes is not None else 163
    body = []
    for n, page in enumerate(pages):
        if n:
            body.append("\\page\n")
        body.extend(f"{{\\pard\\plain\\f0\\fs26 {escape(line)}\\par}}\n" for line in page)
    picture = ""
    if picture_kb:
        data = random.Random(7).randbytes(picture_kb * 1024)
        hexed = data.hex()
        picture = "{\\*\\shppict{\\pict\\pngblip\\picw100\\pich100\n" + "\n".join(hexed[i : i + 128] for i in range(0, len(hexed), 128)) + "}}\n"
    rtf = (
        f"{{\\rtf1\\ansi\\ansicpg1258\\deff0{{\\fonttbl{{\\f0\\froman\\fcharset{charset} {font};}}}}\n"
        "{\\info{\\title Ke hoach}{\\author UBND}}\\uc1\n" + picture + "".join(body) + "}"
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(rtf.encode("ascii", errors="strict") if legacy_bytes is None else rtf.encode("latin-1"))
    return path


def _zip(path: str | os.PathLike, parts: dict[str, str | bytes]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            # OpenDocument wants its mimetype first and stored; the rest deflated.
            zf.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
    return path


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_pptx(path: str | os.PathLike, slides: Sequence[Sequence[str]], *, file_order: Sequence[int] | None = None) -> Path:
    """Write a PowerPoint .pptx whose slides hold these paragraphs; return its path.

    `file_order` numbers the slide files differently from the show's order (slide 1 shown is
    file `slide{file_order[0]}.xml`), as after slides are moved in PowerPoint.
    """
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    numbers = list(file_order or range(1, len(slides) + 1))
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>'
        + "".join(f'<Override PartName="/ppt/slides/slide{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>' for n in numbers)
        + "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/></Relationships>',
        "ppt/presentation.xml": f'<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p="{p}" xmlns:r="{r}"><p:sldIdLst>'
        + "".join(f'<p:sldId id="{256 + i}" r:id="rId{10 + n}"/>' for i, n in enumerate(numbers))
        + "</p:sldIdLst></p:presentation>",
        "ppt/_rels/presentation.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="rId{10 + n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide{n}.xml"/>' for n in numbers)
        + "</Relationships>",
    }
    for n, lines in zip(numbers, slides):
        paragraphs = "".join(f"<a:p><a:r><a:t>{_xml_text(line)}</a:t></a:r></a:p>" for line in lines)
        parts[f"ppt/slides/slide{n}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:p="{p}" xmlns:a="{a}"><p:cSld><p:spTree>'
            f"<p:sp><p:txBody>{paragraphs}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
        )
    return _zip(path, parts)


_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
)


def write_odf(path: str | os.PathLike, pages: Sequence[Sequence[str]], *, kind: str = "text", table: Sequence[Sequence[str]] = ()) -> Path:
    """Write an OpenDocument file as LibreOffice saves one; return its path.

    kind "text" (.odt): paragraphs, the first a heading, with `text:s` for runs of spaces and a
    `text:soft-page-break` between pages, then `table` as a table. kind "presentation" (.odp):
    a `draw:page` per page.
    """
    def para(line: str, tag: str = "p") -> str:
        # LibreOffice writes a run of spaces as one space and <text:s text:c="n-1"/>
        words = re.split(r"( {2,})", _xml_text(line))
        inner = "".join(f' <text:s text:c="{len(w) - 1}"/>' if w.startswith("  ") else w for w in words)
        return f"<text:{tag}>{inner}</text:{tag}>"

    if kind == "presentation":
        body = "<office:presentation>" + "".join(
            f'<draw:page draw:name="p{i}"><draw:frame><draw:text-box>{"".join(para(x) for x in page)}</draw:text-box></draw:frame></draw:page>'
            for i, page in enumerate(pages, 1)
        ) + "</office:presentation>"
    else:
        blocks = []
        for n, page in enumerate(pages):
            if n:
                blocks.append("<text:soft-page-break/>")
            blocks.extend(para(x, "h" if n == 0 and i == 0 else "p") for i, x in enumerate(page))
        if table:
            rows = "".join("<table:table-row>" + "".join(f"<table:table-cell>{para(c)}</table:table-cell>" for c in row) + "</table:table-row>" for row in table)
            blocks.append(f'<table:table table:name="Bang1">{rows}</table:table>')
        body = "<office:text>" + "".join(blocks) + "</office:text>"
    mime = f"application/vnd.oasis.opendocument.{kind}"
    return _zip(path, {
        "mimetype": mime,
        "META-INF/manifest.xml": '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
        "content.xml": f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS} office:version="1.3"><office:body>{body}</office:body></office:document-content>',
    })  # fmt: skip


# --- Decree 30 layout ------------------------------------------------------------------------


def format_date_line(place: str, date: dt.date | None) -> str:
    """`Phù Liễn, ngày 13 tháng 02 năm 2026`, with Decree 30's zero padding.

    Days below 10 and the months January and February take a leading zero; other months do not.
    A missing date leaves the blanks a draft has (`ngày   tháng   năm 2026`).
    """
    if date is None:
        return f"{place}, ngày    tháng    năm {FIXED_TIMESTAMP.year}"
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"{place}, ngày {date.day:02d} tháng {month} năm {date.year}"


def _issuer_lines(unit: str) -> list[str]:
    """`UBND PHƯỜNG PHÙ LIỄN` -> [`ỦY BAN NHÂN DÂN`, `PHƯỜNG PHÙ LIỄN`], as the header prints it."""
    unit = unit.strip()
    for abbr, full in (("UBND ", "ỦY BAN NHÂN DÂN"), ("HĐND ", "HỘI ĐỒNG NHÂN DÂN")):
        if unit.upper().startswith(abbr):
            return [full, unit[len(abbr):].upper()]
    return [unit.upper()]


def _doc_type(kind: str) -> tuple[str, str]:
    """(type name in capitals, abbreviation) from either form: `KH` or `KẾ HOẠCH`."""
    if kind in DOC_TYPES:
        return DOC_TYPES[kind], kind
    upper = kind.upper()
    return upper, _ABBR_BY_TYPE.get(upper, "")


def official_header(
    kind: str,
    number: str | int | None,
    date: dt.date | None,
    unit: str = "UBND PHƯỜNG PHÙ LIỄN",
    place: str = "Phù Liễn",
    subject: str | None = None,
) -> tuple[list[str], list[str]]:
    """The two header columns of an official document: (issuer + number, motto + place and date).

    `number` is used as written when it is a string (`91/KH-UBND`, or `/BC-UBND` for an unnumbered
    draft); an int becomes `91/KH-UBND` from the type's abbreviation. A CÔNG VĂN has no type title:
    its subject goes under the number as `V/v ...`, so pass it as `subject`.
    """
    _, abbr = _doc_type(kind)
    if isinstance(number, int):
        symbol = f"{number}/{abbr}-UBND" if abbr and abbr != "CV" else f"{number}/UBND-VP"
    else:
        symbol = number or f"/{abbr}-UBND"
    left = _issuer_lines(unit) + [f"Số: {symbol}"]
    if subject:
        left.append(f"V/v {subject}")
    right = [*MOTTO, format_date_line(place, date)]
    return left, right


def official_document(
    kind: str,
    number: str | int | None,
    date: dt.date | None,
    title: str,
    body_paragraphs: Sequence[str],
    unit: str = "UBND PHƯỜNG PHÙ LIỄN",
    place: str = "Phù Liễn",
    *,
    recipients: Sequence[str] = ("Như trên;", "Lưu: VT."),
    signer: Sequence[str] = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    signer_name: str = "Nguyễn Đức Thắng",
) -> list[str]:
    """The lines of a Decree-30 document, in reading order, ready for write_docx/write_pdf.

    Order: issuer (`ỦY BAN NHÂN DÂN`, `PHƯỜNG PHÙ LIỄN`), `Số: 91/KH-UBND`, the motto, the
    place-and-date line, the type title in capitals (`KẾ HOẠCH`), the subject line `title`, the body,
    the `Nơi nhận:` block and the signature (authority lines, then the signer's name). A CÔNG VĂN
    carries `V/v title` under its number instead of a type title. Use `split_header()` to turn the
    first lines into the two-column header of `write_docx`/`write_pdf`.
    """
    type_name, _ = _doc_type(kind)
    is_letter = type_name == "CÔNG VĂN"
    left, right = official_header(kind, number, date, unit, place, subject=title if is_letter else None)
    lines = [*left, *right]
    if not is_letter:
        lines += [type_name, title]
    lines += list(body_paragraphs)
    lines += ["Nơi nhận:"] + [f"- {r}" for r in recipients]
    lines += [*signer, signer_name]
    return lines


def split_header(lines: Sequence[str]) -> tuple[tuple[list[str], list[str]], list[str]]:
    """Split document lines into ((left column, right column), rest) at the place-and-date line.

    The left column is everything before the motto (`CỘNG HÒA ...`), the right one the motto up to
    and including the date line. Lines without a motto or date line come back with an empty header.
    """
    lines = list(lines)
    try:
        motto = lines.index(MOTTO[0])
    except ValueError:
        return ([], []), lines
    for end in range(motto, len(lines)):
        if _DATE_LINE.search(lines[end]):
            return (lines[:motto], lines[motto:end + 1]), lines[end + 1:]
    return ([], []), lines


# --- administrative prose for the benchmark --------------------------------------------------

# The vocabulary avoids phrases that name a rubric topic (fees, hotlines, surveys, digital
# signatures...): generated text is neutral background, and only `topic_phrases` decide what a
# generated document is "about". Checked against the keywords of the bundled rubric.toml.
_OPENERS = (
    "Thực hiện chỉ đạo của Ủy ban nhân dân thành phố,",
    "Căn cứ chức năng, nhiệm vụ được giao,",
    "Trong thời gian qua,",
    "Trên cơ sở kết quả đã đạt được,",
    "Để bảo đảm tiến độ theo kế hoạch,",
    "Thực hiện kế hoạch công tác năm 2026,",
    "Qua theo dõi, tổng hợp,",
    "Bám sát nhiệm vụ trọng tâm của địa phương,",
    "Trong 6 tháng đầu năm 2026,",
    "Nhằm nâng cao hiệu lực, hiệu quả quản lý nhà nước trên địa bàn,",
    "Thực hiện Nghị quyết của Đảng ủy phường,",
    "Trong quý II năm 2026,",
)
_SUBJECTS = (
    "Ủy ban nhân dân phường",
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường",
    "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Phòng Văn hóa - Xã hội",
    "Ban Chỉ huy Quân sự phường",
    "Công an phường",
    "Ủy ban Mặt trận Tổ quốc Việt Nam phường",
    "các cơ quan, đơn vị thuộc phường",
    "các tổ dân phố",
    "Trung tâm Phục vụ hành chính công phường",
)
_VERBS = (
    "đã chủ động phối hợp thực hiện",
    "tiếp tục triển khai",
    "đã tổ chức rà soát",
    "tập trung chỉ đạo",
    "thường xuyên theo dõi, đôn đốc",
    "đã xây dựng kế hoạch thực hiện",
    "đã hoàn thành",
    "kịp thời tổng hợp, báo cáo",
    "phân công cụ thể trách nhiệm thực hiện",
    "quán triệt, triển khai nghiêm túc",
)
_OBJECTS = (
    "các nhiệm vụ trọng tâm theo kế hoạch đề ra",
    "công tác quản lý trật tự đô thị",
    "công tác bảo đảm an ninh chính trị, trật tự an toàn xã hội",
    "công tác thu ngân sách nhà nước trên địa bàn",
    "công tác quản lý đất đai, trật tự xây dựng",
    "các chính sách an sinh xã hội",
    "công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
    "công tác tuyển chọn và gọi công dân nhập ngũ",
    "công tác văn thư, lưu trữ",
    "công tác phòng cháy, chữa cháy",
    "công tác dân số và phát triển",
    "phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”",
    "các nội dung theo chỉ đạo của cấp trên",
    "công tác quốc phòng địa phương",
    "việc quản lý, sử dụng tài sản công",
)
_ENDINGS = (
    "theo đúng quy định",
    "bảo đảm đúng tiến độ, chất lượng",
    "đạt kết quả tích cực",
    "góp phần hoàn thành nhiệm vụ chính trị của địa phương",
    "đáp ứng yêu cầu đề ra",
    "bảo đảm chặt chẽ, hiệu quả",
    "tạo chuyển biến rõ nét trên địa bàn",
)
_COUNTED = (
    ("hồ sơ", "được tiếp nhận"),
    ("lượt công dân", "được hướng dẫn"),
    ("hộ gia đình", "được rà soát"),
    ("cuộc kiểm tra", "được tổ chức"),
    ("văn bản", "được ban hành"),
)
_TOPIC_FRAMES = (
    "{subject} đã quan tâm thực hiện {topic}, {ending}.",
    "Nội dung {topic} được {subject_mid} triển khai thường xuyên, {ending}.",
    "{opener} {subject_mid} {verb} {topic}, {ending}.",
    "Việc {topic} tiếp tục được duy trì và {ending}.",
)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _thousands(n: int) -> str:
    """`1.252`: Vietnamese groups thousands with a dot."""
    return f"{n:,}".replace(",", ".")


def _number(rng: random.Random) -> str:
    """A percentage with the Vietnamese decimal comma: `87,5%`."""
    return f"{rng.randint(70, 99)},{rng.randint(0, 9)}%"


def _sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.55:
        return f"{rng.choice(_OPENERS)} {rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} " \
               f"{rng.choice(_OBJECTS)}, {rng.choice(_ENDINGS)}."
    if kind < 0.8:
        noun, passive = rng.choice(_COUNTED)
        total = rng.randint(12, 1900)
        more = rng.randint(2, max(3, total // 5))
        return f"Tổng số {_thousands(total)} {noun} đã {passive}, tăng {_thousands(more)} {noun} " \
               "so với cùng kỳ năm 2025."
    return f"{_cap(rng.choice(_SUBJECTS))} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}, " \
           f"đạt {_number(rng)} kế hoạch năm."


def vietnamese_paragraphs(rng: random.Random, n: int, topic_phrases: Sequence[str] = ()) -> list[str]:
    """`n` paragraphs of plausible Vietnamese administrative prose, fully determined by `rng`.

    Sentences are assembled from phrases real ward reports use (openers such as `Căn cứ chức năng,
    nhiệm vụ được giao,`, the ward's offices, their actions and routine fields of work). Each
    paragraph has 3-6 sentences; when `topic_phrases` is given, one or two sentences per paragraph
    are built around one of them, so a benchmark controls which rubric topic a document is about.
    """
    topics = list(topic_phrases)
    paragraphs = []
    for _ in range(n):
        sentences = [_sentence(rng) for _ in range(rng.randint(3, 6))]
        if topics:
            for _ in range(rng.randint(1, 2)):
                subject = rng.choice(_SUBJECTS)
                frame = rng.choice(_TOPIC_FRAMES)
                sentence = frame.format(
                    subject=_cap(subject), subject_mid=subject, opener=rng.choice(_OPENERS),
                    verb=rng.choice(_VERBS), topic=rng.choice(topics), ending=rng.choice(_ENDINGS),
                )
                sentences.insert(rng.randint(0, len(sentences)), _cap(sentence))
        paragraphs.append(" ".join(sentences))
    return paragraphs
