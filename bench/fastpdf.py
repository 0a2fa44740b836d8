"""A minimal, fast PDF writer for the benchmark corpus: text pages and image-only (scan) pages.

docgen.write_pdf lays text out with fpdf2, which parses the TrueType font for every document and
breaks lines in quadratic time: about 0.3 s for one page, far too slow for a 10,000-file corpus.
This writer produces the same kind of file (DejaVuSans embedded as a CID TrueType font with a
ToUnicode map, the page layout of docgen.write_pdf) in a few milliseconds: the font is subset to
Vietnamese once per process and its objects are reused byte for byte in every file.

It only needs to be good enough to be read back by pdfminer.six, pypdfium2 and tesseract; it is
never used by the `minhchung` package.
"""

from __future__ import annotations

import io
import string
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from bench.docgen import FIXED_TIMESTAMP, font_path

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 25 * MM, 18 * MM, 20 * MM, 20 * MM

_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")


def vietnamese_charset() -> str:
    """Every character the corpus text may use: ASCII, all Vietnamese letters, typographic marks."""
    letters = {unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES} | {"đ"}
    letters |= {c.upper() for c in letters}
    extra = "“”‘’–—…•№"
    latin1 = {chr(c) for c in range(0xA0, 0x100)}  # also what TCVN3 text looks like undecoded
    return "".join(sorted(set(string.printable.strip() + " ") | letters | latin1 | set(extra)))


@dataclass(frozen=True)
class _Face:
    """One subset font: its glyph ids and widths, and its PDF objects (numbered from `first`)."""

    gids: dict[str, int]
    widths: dict[str, float]  # advance per character in 1/1000 em
    objects: tuple[bytes, ...]


@lru_cache(maxsize=4)
def _face(bold: bool, first: int, name: str | None = None) -> _Face:
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM NOT subset": harmless

    chars = vietnamese_charset()
    font = TTFont(str(font_path(bold=bold)))
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.layout_features = []  # no shaping tables: the writer places glyphs one by one
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    program = buf.getvalue()
    cmap = font.getBestCmap()
    scale = 1000 / font["head"].unitsPerEm
    gids: dict[str, int] = {}
    widths: dict[str, float] = {}
    for ch in chars:
        glyph = cmap.get(ord(ch))
        if glyph is not None:
            gids[ch] = font.getGlyphID(glyph)
            widths[ch] = font["hmtx"][glyph][0] * scale
    by_gid = sorted((g, ch) for ch, g in gids.items())
    max_gid = font["maxp"].numGlyphs - 1
    w_by_gid = {g: round(widths[ch]) for g, ch in by_gid}
    w_array = " ".join(str(w_by_gid.get(g, 0)) for g in range(max_gid + 1))
    base = (("BBBBBB+" if bold else "AAAAAA+") + (name or ("DejaVuSans-Bold" if bold else "DejaVuSans"))).encode()
    head = font["head"]
    bbox = " ".join(str(round(v * scale)) for v in (head.xMin, head.yMin, head.xMax, head.yMax))
    hhea = font["hhea"]
    n = first
    type0 = b"<< /Type /Font /Subtype /Type0 /BaseFont /" + base + b" /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (n + 1, n + 4)
    cid = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /" + base
        + b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        + b" /FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 600 /W [0 [" % (n + 2) + w_array.encode() + b"]] >>"
    )  # fmt: skip
    descriptor = (
        b"<< /Type /FontDescriptor /FontName /" + base + b" /Flags 32 /FontBBox [" + bbox.encode() + b"]"
        + b" /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight 729 /StemV %d /FontFile2 %d 0 R >>"
        % (round(hhea.ascent * scale), round(hhea.descent * scale), 120 if bold else 80, n + 3)
    )  # fmt: skip
    packed = zlib.compress(program, 6)
    fontfile = b"<< /Length %d /Length1 %d /Filter /FlateDecode >>\nstream\n" % (len(packed), len(program)) + packed + b"\nendstream"
    tounicode = _stream(_to_unicode_cmap(by_gid))
    return _Face(gids, widths, (type0, cid, descriptor, fontfile, tounicode))


def _to_unicode_cmap(by_gid: list[tuple[int, str]]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
        "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
    ]  # fmt: skip
    for i in range(0, len(by_gid), 100):
        chunk = by_gid[i : i + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{g:04X}> <{ord(ch):04X}>" for g, ch in chunk)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data, 6)
    return b"<< /Length %d /Filter /FlateDecode%s >>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


# Object numbers: 1 catalog, 2 page tree, 3 info, 4-8 the regular face, 9-13 the bold one.
_REGULAR_AT, _BOLD_AT, _FIRST_PAGE_OBJECT = 4, 9, 14
_FONT_RESOURCES = b"/Font << /F1 4 0 R /F2 9 0 R >>"


def _faces(name: str | None = None) -> tuple[_Face, _Face]:
    """The regular and bold faces; `name` renames both (".VnTime" makes a legacy-font fixture)."""
    return _face(False, _REGULAR_AT, name), _face(True, _BOLD_AT, name)


@dataclass
class TextLayout:
    """Lays paragraphs out on A4 pages the way docgen.write_pdf does (left-aligned, headings centred)."""

    font_size: float = 12
    font_name: str | None = None
    pages: list[list[bytes]] = field(default_factory=list)
    y: float = 0.0

    def __post_init__(self) -> None:
        self.regular, self.bold = _faces(self.font_name)
        self.line_h = self.font_size * 0.5 * MM
        self._new_page()

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def filled(self) -> float:
        """How far down the current page the text has reached, 0..1."""
        return (self.y - MARGIN_T) / (PAGE_H - MARGIN_T - MARGIN_B)

    def _new_page(self) -> None:
        self.pages.append([])
        self.y = MARGIN_T

    def width(self, text: str, face: _Face, size: float) -> float:
        w = face.widths
        return sum(w.get(c, 600) for c in text) * size / 1000

    def _line(self, text: str, x: float, face: _Face, size: float, font: bytes) -> None:
        gids = face.gids
        hexed = "".join(f"{gids.get(c, 0):04X}" for c in text)
        baseline = PAGE_H - self.y - size * 0.8
        self.pages[-1].append(b"BT /%s %.1f Tf %.2f %.2f Td <%s> Tj ET" % (font, size, x, baseline, hexed.encode()))

    def _wrap(self, text: str, face: _Face, size: float, width: float) -> list[str]:
        space = face.widths.get(" ", 318) * size / 1000
        lines: list[str] = []
        current: list[str] = []
        used = 0.0
        for word in text.split():
            w = self.width(word, face, size)
            if current and used + space + w > width:
                lines.append(" ".join(current))
                current, used = [word], w
            else:
                used += (space if current else 0) + w
                current.append(word)
        lines.append(" ".join(current))
        return lines

    def paragraph(self, text: str) -> None:
        """One paragraph: wrapped to the text width, continuing on a new page when it overflows."""
        heading = is_heading(text)
        face, font = (self.bold, b"F2") if heading else (self.regular, b"F1")
        size = self.font_size
        usable = PAGE_W - MARGIN_L - MARGIN_R
        for row in self._wrap(text, face, size, usable):
            if self.y + self.line_h > PAGE_H - MARGIN_B:
                self._new_page()
            x = MARGIN_L + (usable - self.width(row, face, size)) / 2 if heading else MARGIN_L
            self._line(row, x, face, size, font)
            self.y += self.line_h
        self.y += self.line_h * 0.4

    def header(self, left: Sequence[str], right: Sequence[str]) -> None:
        """The official two-column header: issuer and number left (bold), motto and date right."""
        size = self.font_size - 1
        top = self.y
        bottoms = []
        for face, font, lines, x0, width in (
            (self.bold, b"F2", left, MARGIN_L, 70 * MM),
            (self.regular, b"F1", right, MARGIN_L + 72 * MM, PAGE_W - MARGIN_R - MARGIN_L - 72 * MM),
        ):
            self.y = top
            for text in lines:
                for row in self._wrap(text, face, size, width):
                    self._line(row, x0 + (width - self.width(row, face, size)) / 2, face, size, font)
                    self.y += self.line_h
            bottoms.append(self.y)
        self.y = max(bottoms) + self.line_h

    def to_pdf(self) -> bytes:
        """The finished file."""
        contents = [_stream(b"\n".join(ops)) for ops in self.pages]
        resources = b"<< " + _FONT_RESOURCES + b" >>"
        return _assemble(contents, [resources] * len(contents), font_name=self.font_name)


def is_heading(text: str) -> bool:
    """A short all-capitals line is centred in bold, as docgen does."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and len(text) <= 80 and all(ch.isupper() for ch in letters)


def write_text_pdf(path: Path, layout: TextLayout) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(layout.to_pdf())
    return path


def scan_pdf(images: Sequence[tuple[int, int, bytes]]) -> bytes:
    """An image-only PDF: one full-page 8-bit greyscale image per page, (width, height, pixels)."""
    contents, resources = [], []
    # Image objects follow the page objects; _assemble numbers them after the pages.
    for width, height, pixels in images:
        draw = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (PAGE_W, PAGE_H)
        contents.append(_stream(draw))
        image = _stream(pixels, b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8" % (width, height))
        resources.append(image)
    return _assemble(contents, resources, images=True)


def _assemble(contents: list[bytes], resources: list[bytes], images: bool = False, font_name: str | None = None) -> bytes:
    regular, bold = _faces(font_name)
    n_pages = len(contents)
    page_nums = [_FIRST_PAGE_OBJECT + 2 * i for i in range(n_pages)]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % p for p in page_nums) + b"] /Count %d >>" % n_pages,
        3: b"<< /Producer (minhchung bench fastpdf) /CreationDate (D:" + FIXED_TIMESTAMP.strftime("%Y%m%d%H%M%S").encode() + b"Z) >>",
    }
    if not images:
        for i, obj in enumerate(regular.objects):
            objects[_REGULAR_AT + i] = obj
        for i, obj in enumerate(bold.objects):
            objects[_BOLD_AT + i] = obj
    next_free = _FIRST_PAGE_OBJECT + 2 * n_pages
    for i, (num, content) in enumerate(zip(page_nums, contents)):
        if images:
            res = b"<< /XObject << /Im0 %d 0 R >> >>" % next_free
            objects[next_free] = resources[i]
            next_free += 1
        else:
            res = resources[i]
        objects[num] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources " % (PAGE_W, PAGE_H)
            + res + b" /Contents %d 0 R >>" % (num + 1)
        )  # fmt: skip
        objects[num + 1] = content
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    size = max(objects) + 1
    offsets = [0] * size
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % size
    out += b"0000000000 65535 f \n"
    for num in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[num]) if offsets[num] else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)
