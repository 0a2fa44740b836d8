"""Read the text out of one evidence file: a table from file type to a small function per format.

`extract()` never raises for a bad file: it returns an `Extraction` whose status says what went
wrong (`encrypted`, `unreadable`, `empty`, `no-text`), so one broken scan cannot stop a run.
Page numbers are kept (one string per PDF page) so a search hit can name its page.
"""

from __future__ import annotations

import codecs
import io
import mmap
import os
import re
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path
from typing import Callable

from .errors import ExtractionError, passing_read_error
from .models import CELL_LIMIT, IMAGE_NOT_READ_NO_OCR, IMAGE_NOT_READ_OCR_OFF, PHOTO_WITHOUT_TEXT, Extraction, FileStatus
from .vietnamese import clean_unicode, readable_words, repair_legacy, repair_legacy_lines

# Below this many characters a PDF page has no real text layer: it is a scan.
SCAN_PAGE_CHARS = 20
# Below this many words that read (vietnamese.readable_words) an OCR'd photo holds no text.
PHOTO_WORDS = 3
# A DOCX whose parts inflate past this is refused before inflating (a zip bomb, or not evidence).
MAX_DOCX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_DOCX_RATIO = 200

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp"}
TEXT_SUFFIXES = {".txt", ".md", ".csv"}
# Office names that e-government software gives to web pages and XML it exports (and web pages).
MARKUP_SUFFIXES = {".doc", ".xls", ".htm", ".html", ".xml"}


class OcrSettings:
    """Whether and how scans are OCR'd; passed to worker processes, so it stays picklable."""

    def __init__(self, enabled: bool = True, cache_dir: str | None = None, dpi: int = 300):
        self.enabled = enabled
        self.cache_dir = cache_dir
        self.dpi = dpi


def extract(path: Path, *, ocr: OcrSettings | None = None, sha256: str = "", on_page: Callable[[int], None] | None = None) -> Extraction:
    """Read `path` by its real content type (not only its extension); never raises for bad input."""
    try:
        size = os.path.getsize(path)
        if size == 0:
            return Extraction(FileStatus.EMPTY, detail="the file is 0 bytes")
        kind = sniff(path)
        if kind == "pdf":
            result = extract_pdf(path, ocr=ocr, sha256=sha256, on_page=on_page)
        elif kind == "image":
            result = extract_image(path, ocr=ocr, sha256=sha256, on_page=on_page)
        elif kind in _READERS:
            result = _READERS[kind](path)
        else:
            return Extraction(FileStatus.NO_TEXT, detail=f"{kind}: tagged by its name and folder only")
    except ExtractionError as exc:
        return Extraction(FileStatus(exc.status), detail=exc.message)
    except (FileNotFoundError, IsADirectoryError):  # deleted, or a folder now has its name
        return Extraction(FileStatus.UNREADABLE, detail=DISAPPEARED)
    except PermissionError:
        return Extraction(FileStatus.UNREADABLE, detail=PERMISSION_DENIED)
    except MemoryError:
        return Extraction(FileStatus.UNREADABLE, detail=OVER_MEMORY)
    except RecursionError:
        return Extraction(FileStatus.UNREADABLE, detail=NESTED_TOO_DEEPLY)
    except Exception as exc:  # a parser bug on a hostile file must not end the run
        if passing_read_error(exc):
            return Extraction(FileStatus.UNREADABLE, detail=f"{READ_FAILED} ({exc.strerror}): tried again at the next run")
        return Extraction(FileStatus.UNREADABLE, detail=f"{type(exc).__name__}: {str(exc)[:160]}")
    return _whole_characters(result)


def _whole_characters(result: Extraction) -> Extraction:
    """The extraction with UTF-16 surrogate halves joined (an RTF writes an emoji as two \\uN) and
    lone ones replaced: the index cannot store them, and one such file made every run fail."""
    try:
        for page in result.pages:
            page.encode("utf-8")
    except UnicodeEncodeError:
        pages = tuple(p.encode("utf-16", "surrogatepass").decode("utf-16", "replace") for p in result.pages)
        return replace(result, pages=pages)
    return result


# What a file's detail says when reading it took more memory than --memory-mb allows (in the
# reader, or after it: the text of a 190 MB .txt, tagged, then sent back to the parent).
OVER_MEMORY = "too large to read within the memory limit"
NESTED_TOO_DEEPLY = "the file's structure is nested too deeply"


# What a file's detail says when it could not be read for a reason that passes: a lock held by
# the person editing it, a share that dropped for a moment. Such a file is read again by every
# run (see build._plan): unlocked, it keeps its size and time, so nothing else would read it.
PERMISSION_DENIED = "permission denied"
DISAPPEARED = "the file disappeared before it could be read"
READ_FAILED = "the file could not be read just now"


def failed_for_a_passing_reason(detail: str) -> bool:
    """True when an unreadable file's detail says it may read next time (locked, share down)."""
    return detail in (PERMISSION_DENIED, DISAPPEARED) or detail.startswith(READ_FAILED)


def _damaged(kind: str, exc: BaseException) -> BaseException:
    """What a reader raises when its parser failed on `exc`: the error itself when the share, not
    the file, failed (extract() says it will be tried again), else the file is damaged."""
    if passing_read_error(exc):
        return exc
    return ExtractionError("unreadable", f"damaged {kind}: {str(exc)[:120] or type(exc).__name__}")


def sniff(path: Path) -> str:
    """The file's real type from its first bytes, falling back to the extension."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF" in _head(path, 1024)):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument" in _head(path, 100):
            return "opendocument"  # its first part, stored uncompressed (an .ods named .xls too)
        if suffix in {".docx", ".docm", ".dotx"}:
            return "docx"
        # Under another name (a .docx saved as .xlsx, a .pptx as .ppt) the parts say what it is.
        kind = _package_kind(path)
        if kind:
            return kind
        if suffix in {".xlsx", ".xlsm", ".xls"}:
            return "xlsx"
        if suffix in _PPTX_SUFFIXES:
            return "pptx"
        if suffix in _ODF_SUFFIXES:
            return "opendocument"
        return f"{suffix or 'zip'} archive"
    if head.removeprefix(b"\xef\xbb\xbf").startswith(b"{\\rtf"):
        return "rtf"  # also under .doc: "Word" exports of e-office software, WordPad
    if head[:4] in (b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1", b"\xff\xd8\xff\xdb", b"\xff\xd8\xff\xee") or head.startswith(
        (b"\x89PNG", b"II*\x00", b"MM\x00*")
    ):
        return "image"
    # `BM` starts a bitmap, and a text such as `BM01 - Biểu mẫu`: a bitmap's header size says which.
    if head.startswith(b"BM") and int.from_bytes(_head(path, 18)[14:18], "little") in _BMP_HEADER_SIZES:
        return "image"
    if head[4:8] == b"ftyp" and _head(path, 12)[8:12] in _HEIF_BRANDS:
        return "HEIC photo"  # an iPhone photo, also when renamed .jpg: listed by name, no reader here
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") and suffix in {".doc", ".dot", ".docx", ".pdf", ""}:
        return "doc"  # an OLE compound file: Word 97-2003 (also when misnamed .docx)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") and suffix in {".xls", ".xlt", ".xlsx"}:
        return "xls"  # Excel 97-2003
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") and suffix in {".pptx", ".ppsx"}:
        _refuse_encrypted_office(path)  # a password-protected .pptx is an OLE file
        raise ExtractionError("unreadable", "not a PowerPoint .pptx file (a renamed .ppt?)")
    if suffix in MARKUP_SUFFIXES | {".mht", ".mhtml"} and _web_archive(_head(path, 16384)):
        return "web archive"
    if suffix in MARKUP_SUFFIXES and _markup_start(_head(path, 64)):
        return "markup"  # a web page or XML that Word or Excel opens (exports of office software)
    if suffix in {".doc", ".xls"} and _plain_text(_head(path, 4096)):
        return "text"  # a table saved as CSV/TSV, or a text file, under an Office name
    if suffix in IMAGE_SUFFIXES:
        return "image"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix == ".pdf":
        raise ExtractionError("unreadable", "not a PDF file: it has no PDF header (damaged or renamed?)")
    if suffix == ".docx":
        raise ExtractionError("unreadable", "not a Word .docx file (a renamed .doc or text file?)")
    if suffix == ".rtf":
        raise ExtractionError("unreadable", "not an RTF file: it does not start with {\\rtf (damaged or renamed?)")
    if suffix in _ODF_SUFFIXES or suffix in _PPTX_SUFFIXES:
        raise ExtractionError("unreadable", f"not a {suffix} file: it is not a zip package (damaged or renamed?)")
    return suffix.lstrip(".") or "file without extension"


def _markup_start(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head[2:].decode("utf-16-le" if head.startswith(codecs.BOM_UTF16_LE) else "utf-16-be", errors="ignore").encode()
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _web_archive(head: bytes) -> bool:
    """True for the start of a MIME web archive (`MIME-Version: 1.0` ... `multipart/related`)."""
    lowered = head.lower()
    return b"mime-version:" in lowered and b"multipart/related" in lowered


def _plain_text(head: bytes) -> bool:
    """True for the start of a text file: UTF-16 with its mark, or bytes with no NUL and few controls."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if not head or b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return controls == 0


_BMP_HEADER_SIZES = {12, 16, 40, 52, 56, 64, 108, 124}
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis", b"avif"}


def _head(path: Path, n: int) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(n)


def _package_kind(path: Path) -> str | None:
    """docx, xlsx or pptx by the parts of a zip package; None if it is none of them."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        if passing_read_error(exc):
            raise  # the share, not the file: extract() says it will be tried again
        return None
    for part, kind in (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("ppt/presentation.xml", "pptx")):
        if part in names:
            return kind
    return None


# --- PDF ----------------------------------------------------------------------------------------


def extract_pdf(path: Path, *, ocr: OcrSettings | None = None, sha256: str = "", on_page: Callable[[int], None] | None = None) -> Extraction:
    """Text of each page (pdfium, else pdfminer.six); pages without a text layer go to OCR when enabled."""
    read = _read_pdf_pdfium(path)
    if read is None:
        read = _read_pdf_pdfminer(path)
    pages, legacy = read
    return _finish_pdf(path, pages, legacy, ocr, sha256, on_page)


def _read_pdf_pdfium(path: Path) -> tuple[list[str], str | None] | None:
    """Page texts and legacy encoding with pdfium; None when pdfium cannot open the file.

    pdfium reads the benchmark's PDFs ~30x faster than pdfminer.six with the same words, in
    content-stream order (pdfminer's layout analysis can put a title above its heading). A file
    pdfium refuses as damaged or with an unsupported security handler goes to pdfminer, and so
    does one with a page pdfium cannot load.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ExtractionError("encrypted", "the PDF is password-protected: save an unprotected copy to index it")
        return None
    pages: list[str] = []
    legacy: str | None = None
    check_fonts = _may_use_legacy_font(path)
    try:
        if len(document) == 0:
            raise ExtractionError("unreadable", "the PDF has no pages")
        for index in range(len(document)):
            try:
                page = document[index]
            except pdfium.PdfiumError:
                # A page pdfium cannot load (a page tree that lists itself beside a real page):
                # pdfminer walks the tree its own way and keeps the pages it can read.
                return None
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
                font = _pdfium_legacy_font(page) if check_fonts else None
            except pdfium.PdfiumError:
                text, font = "", None  # one broken page: keep the others
            finally:
                page.close()
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            if font:
                text, encoding = repair_legacy(text, font)
                legacy = legacy or encoding
            pages.append(text.replace("\x0c", "").strip())
    finally:
        document.close()
    return pages, legacy


_BASE_FONT = re.compile(rb"/BaseFont\s*/([^\s/<>\[\]()]+)")


def _may_use_legacy_font(path: Path) -> bool:
    """False when no font named in the file is TCVN3/VNI: then pages need no font walk.

    Font names inside compressed object streams cannot be seen this way, so those files say yes.
    """
    try:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            if data.find(b"/ObjStm") != -1:
                return True
            for match in _BASE_FONT.finditer(data):
                name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), match.group(1))
                if _is_legacy_font_name(name.decode("latin-1")):
                    return True
    except (OSError, ValueError):
        return True
    return False


def _pdfium_legacy_font(page) -> str | None:
    """The name of a TCVN3/VNI font that text on the page is drawn in (each font looked at once).

    Walks the page objects with the raw API: pypdfium2's object wrappers cost more than the text.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    seen: set[int] = set()
    stack = [(pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, page.raw, 0)]
    while stack:
        count, get, owner, depth = stack.pop()
        for i in range(count(owner)):
            obj = get(owner, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 4:
                stack.append((pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, obj, depth + 1))
            if kind != pdfium_c.FPDF_PAGEOBJ_TEXT:
                continue
            font = pdfium_c.FPDFTextObj_GetFont(obj)
            key = ctypes.cast(font, ctypes.c_void_p).value or 0
            if not key or key in seen:
                continue
            seen.add(key)
            size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
            if size <= 1:
                continue
            buffer = ctypes.create_string_buffer(size)
            pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
            name = buffer.value.decode("latin-1")
            if _is_legacy_font_name(name):
                return name.split("+", 1)[-1]
    return None


def _is_legacy_font_name(name: str) -> bool:
    lowered = name.split("+", 1)[-1].lower().lstrip(".")  # drop the subset prefix "ABCDEF+"
    return lowered.startswith(("vn", "vni"))


def _read_pdf_pdfminer(path: Path) -> tuple[list[str], str | None]:
    """Page texts and legacy encoding with pdfminer.six: slower, but reads what pdfium refuses."""
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psparser import PSException

    pages: list[str] = []
    legacy: str | None = None
    with open(path, "rb") as fh:
        try:
            parser = PDFParser(fh)
            document = PDFDocument(parser, password="")
        except PDFPasswordIncorrect:
            raise ExtractionError("encrypted", "the PDF is password-protected: save an unprotected copy to index it")
        except PDFEncryptionError as exc:
            raise ExtractionError("encrypted", f"the PDF uses an encryption that cannot be opened ({exc})")
        except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
            raise ExtractionError("unreadable", f"damaged PDF: {str(exc)[:120] or type(exc).__name__}")
        manager = PDFResourceManager(caching=True)
        out = io.StringIO()
        device = TextConverter(manager, out, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        try:
            for page in PDFPage.create_pages(document):
                out.seek(0)
                out.truncate()
                try:
                    interpreter.process_page(page)
                    text = out.getvalue()
                except (PSException, ValueError, KeyError, TypeError, AttributeError):
                    text = ""  # one broken page: keep the others
                font = _legacy_font(page)
                if font:
                    text, encoding = repair_legacy(text, font)
                    legacy = legacy or encoding
                pages.append(text)
        except PDFPasswordIncorrect:
            raise ExtractionError("encrypted", "the PDF is password-protected: save an unprotected copy to index it")
        except (PDFSyntaxError, PSException) as exc:
            if not pages:
                raise ExtractionError("unreadable", f"damaged PDF: {str(exc)[:120] or type(exc).__name__}")
        finally:
            device.close()
    if not pages:
        raise ExtractionError("unreadable", "the PDF has no pages")
    return [p.replace("\x0c", "").strip() for p in pages], legacy


# What a file's detail says when it has pages only OCR could read and OCR did not run: such a
# file is read again by the first `index` that can OCR it (see build._plan).
SCANS_NOT_READ_OCR_OFF = "scanned pages not read: OCR is turned off (--no-ocr)"
SCANS_NOT_READ_NO_OCR = "scanned pages not read: OCR is not installed"
OCR_SKIPPED = (SCANS_NOT_READ_OCR_OFF, SCANS_NOT_READ_NO_OCR, IMAGE_NOT_READ_OCR_OFF, IMAGE_NOT_READ_NO_OCR)


def _finish_pdf(path: Path, pages: list[str], legacy: str | None, ocr: OcrSettings | None, sha256: str, on_page) -> Extraction:
    scanned = [i + 1 for i, text in enumerate(pages) if len(text.strip()) < SCAN_PAGE_CHARS]
    ocr_done: list[int] = []
    detail = ""
    if scanned and ocr is not None and ocr.enabled:
        from . import ocr as ocr_mod

        reason = ocr_mod.ocr_unavailable_reason()
        if reason is None:
            cache = ocr_mod.OcrCache(Path(ocr.cache_dir)) if ocr.cache_dir else None
            texts = ocr_mod.ocr_pdf_pages(path, scanned, sha256=sha256, cache=cache, dpi=ocr.dpi, on_page=on_page)
            for number, text in texts.items():
                if text.strip():
                    pages[number - 1] = text.strip()
                    ocr_done.append(number)
        else:
            detail = SCANS_NOT_READ_NO_OCR
    elif scanned and ocr is not None and not ocr.enabled:
        detail = SCANS_NOT_READ_OCR_OFF
    pages = [clean_unicode(p) for p in pages]
    if not any(len(p.strip()) >= SCAN_PAGE_CHARS for p in pages) and not any(p.strip() for p in pages):
        return Extraction(FileStatus.NO_TEXT, tuple(pages), detail or "no text layer (a scan?)", None, tuple(ocr_done))
    # Where most of the text came from: a text PDF whose last page holds only the signer's name
    # (too short for a text layer, so OCR'd) is no scan.
    if ocr_done and 2 * sum(len(pages[n - 1]) for n in ocr_done) >= sum(len(p) for p in pages):
        source = "ocr"
    else:
        source = f"legacy-{legacy}" if legacy else "text"
    return Extraction(FileStatus.OK, tuple(pages), detail, source, tuple(ocr_done), ocr_quality_of(pages, ocr_done))


def ocr_quality_of(pages, ocr_pages) -> tuple[int, int] | None:
    """(tokens that read, tokens) of the text of the OCR'd pages (1-based numbers), None when
    there are none: measured on the text the pages already gave, no OCR run of its own."""
    if not ocr_pages:
        return None
    return readable_words("\n".join(pages[n - 1] for n in ocr_pages if 0 < n <= len(pages)))


def _legacy_font(page) -> str | None:
    """The name of a TCVN3/VNI font used on the page, from its resources (cheap: no char walk)."""
    from pdfminer.pdftypes import resolve1

    try:
        fonts = resolve1(resolve1(page.resources or {}).get("Font")) or {}
        for ref in fonts.values():
            spec = resolve1(ref) or {}
            name = resolve1(spec.get("BaseFont"))
            name = getattr(name, "name", name)
            if isinstance(name, bytes):
                name = name.decode("latin-1")
            if isinstance(name, str):
                if _is_legacy_font_name(name):
                    return name.split("+", 1)[-1]
    except Exception:
        return None
    return None


# --- DOCX ---------------------------------------------------------------------------------------


def extract_docx(path: Path) -> Extraction:
    """Body paragraphs and tables in order, then headers and footers, with python-docx."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _refuse_zip_bomb(path)
    try:
        document = docx.Document(str(path))
    except PackageNotFoundError:
        raise ExtractionError("unreadable", "not a Word .docx file (a renamed .doc or text file?)")
    except KeyError as exc:
        # zipfile says "There is no item named 'word/document.xml' in the archive"
        name = str(exc.args[0] if exc.args else exc).split("'")
        part = name[1] if len(name) > 2 else str(exc)
        raise ExtractionError("unreadable", f"damaged .docx: the part {part} is missing")
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ExtractionError("unreadable", f"damaged .docx: {str(exc)[:120]}")
    except Exception as exc:
        if type(exc).__name__ == "XMLSyntaxError":
            raise _xml_error(exc, "damaged .docx: its XML is broken")
        raise
    legacy: set[str] = set()
    lines: list[str] = []
    fonts = _style_fonts(document)
    _block_lines(document.element.body, fonts, lines, legacy)
    for section in document.sections:
        for part in (section.header, section.footer):
            try:
                if part.is_linked_to_previous:
                    continue
                _block_lines(part._element, fonts, lines, legacy)
            except (KeyError, ValueError, AttributeError):
                continue
    text = "\n".join(line for line in lines if line.strip())
    source = f"legacy-{sorted(legacy)[0]}" if legacy else "text"
    if not legacy:
        repaired, encoding = repair_legacy(text)
        if encoding:
            text, source = repaired, f"legacy-{encoding}"
    text = clean_unicode(text)
    if not text.strip():
        return Extraction(FileStatus.NO_TEXT, (), "the document has no text", None)
    return Extraction(FileStatus.OK, (text,), "", source)


def _refuse_zip_bomb(path: Path, kind: str = ".docx") -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise ExtractionError("unreadable", f"damaged {kind}: not a valid zip container")
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_DOCX_UNCOMPRESSED or (total > 20 * 1024 * 1024 and total / packed > MAX_DOCX_RATIO):
        raise ExtractionError(
            "unreadable",
            f"refused: its parts would inflate to {total // (1024 * 1024)} MB from {packed // 1024} KB (a zip bomb?)",
        )


W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _style_fonts(document) -> dict[str | None, str | None]:
    """Font name of every style, following `basedOn`; key None is the document default.

    Legacy TCVN3/VNI documents usually set `.VnTime` once on the Normal style, not on each run.
    Read straight from the styles XML: python-docx's `base_style` runs an XPath search per step,
    which made this the slowest part of reading a Word file.
    """
    fonts: dict[str | None, str | None] = {}
    default = None
    try:
        own: dict[str, tuple[str | None, str | None]] = {}  # style id -> (its font, basedOn)
        kinds: dict[str, str] = {}
        for style in document.styles.element.iterchildren(f"{W_NS}style"):
            style_id = style.get(f"{W_NS}styleId")
            kinds[style_id] = style.get(f"{W_NS}type") or "paragraph"
            if kinds[style_id] == "numbering":  # no font of its own, nothing to inherit
                own[style_id] = (None, None)
                continue
            names = style.find(f"{W_NS}rPr/{W_NS}rFonts")
            based = style.find(f"{W_NS}basedOn")
            own[style_id] = (names.get(f"{W_NS}ascii") if names is not None else None, based.get(f"{W_NS}val") if based is not None else None)
        for style_id in own:
            chain, font = style_id, None
            for _ in range(10):  # basedOn may loop in a damaged file
                if chain not in own:
                    break
                font, chain = own[chain]
                if font:
                    break
            fonts[style_id] = font
            if style_id == "Normal" and kinds[style_id] == "paragraph":
                default = font
    except (KeyError, ValueError, AttributeError):
        pass
    fonts[None] = default
    return fonts


def _block_lines(element, fonts, lines: list[str], legacy: set[str]) -> None:
    """Paragraphs and tables under one block element, in document order, nested tables included."""
    for child in element.iterchildren():
        tag = child.tag
        if tag == f"{W_NS}p":
            lines.append(_paragraph_text(child, fonts, legacy))
        elif tag == f"{W_NS}tbl":
            for row in child.iter(f"{W_NS}tr"):
                cells: list[str] = []
                for cell in row.iterchildren(f"{W_NS}tc"):
                    cell_lines: list[str] = []
                    _block_lines(cell, fonts, cell_lines, legacy)
                    text = "\n".join(x for x in cell_lines if x.strip())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                lines.extend(cells)
        elif tag in (f"{W_NS}sdt", f"{W_NS}customXml"):
            content = child.find(f"{W_NS}sdtContent")
            _block_lines(content if content is not None else child, fonts, lines, legacy)


def _paragraph_text(p, fonts, legacy: set[str]) -> str:
    parts: list[str] = []
    default_font = _paragraph_font(p, fonts)
    for run in p.iter(f"{W_NS}r"):
        text = "".join(
            node.text or "" if node.tag == f"{W_NS}t" else ("\t" if node.tag == f"{W_NS}tab" else "\n")
            for node in run.iterchildren()
            if node.tag in (f"{W_NS}t", f"{W_NS}tab", f"{W_NS}br", f"{W_NS}cr")
        )
        if not text:
            continue
        font = _run_font(run, fonts) or default_font
        if font:
            converted, encoding = repair_legacy(text, font)
            if encoding:
                legacy.add(encoding)
                text = converted
        parts.append(text)
    return "".join(parts)


def _run_font(run, fonts) -> str | None:
    rpr = run.find(f"{W_NS}rPr")
    if rpr is None:
        return None
    names = rpr.find(f"{W_NS}rFonts")
    if names is not None and (names.get(f"{W_NS}ascii") or names.get(f"{W_NS}hAnsi")):
        return names.get(f"{W_NS}ascii") or names.get(f"{W_NS}hAnsi")
    style = rpr.find(f"{W_NS}rStyle")
    return fonts.get(style.get(f"{W_NS}val")) if style is not None else None


def _paragraph_font(p, fonts) -> str | None:
    ppr = p.find(f"{W_NS}pPr")
    style = ppr.find(f"{W_NS}pStyle") if ppr is not None else None
    if style is not None and fonts.get(style.get(f"{W_NS}val")):
        return fonts[style.get(f"{W_NS}val")]
    return fonts.get(None)


# --- Word 97-2003 (.doc) -----------------------------------------------------------------------


def extract_doc(path: Path) -> Extraction:
    """Text of a Word 97-2003 file from its piece table (olefile; no converter needed).

    Wards still keep many .doc files. The main text is read piece by piece: 8-bit pieces are
    cp1252, the rest UTF-16; field codes are dropped and their results kept.
    """
    import struct

    import olefile

    try:
        ole = olefile.OleFileIO(str(path))
    except (OSError, ValueError) as exc:
        if passing_read_error(exc):
            raise  # extract() says it will be tried again
        raise ExtractionError("unreadable", f"damaged .doc: {str(exc)[:120]}")
    try:
        if ole.exists("EncryptedPackage"):  # a password-protected .docx (see _refuse_encrypted_office)
            raise ExtractionError("encrypted", "password-protected Office file")
        if not ole.exists("WordDocument"):
            raise ExtractionError("unreadable", "not a Word document (an Office file of another kind?)")
        word = ole.openstream("WordDocument").read()
        if len(word) < 0x1AA or struct.unpack_from("<H", word, 0)[0] != 0xA5EC:
            raise ExtractionError("unreadable", "damaged .doc: its header is not a Word 97-2003 header")
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & 0x0100:
            raise ExtractionError("encrypted", "the Word file is password-protected: save an unprotected copy to index it")
        table_name = "1Table" if flags & 0x0200 else "0Table"
        if not ole.exists(table_name):
            raise ExtractionError("unreadable", f"damaged .doc: the {table_name} stream is missing")
        table = ole.openstream(table_name).read()
        text_chars = struct.unpack_from("<i", word, 0x4C)[0]  # ccpText: characters of the main text
        fc_clx, lcb_clx = struct.unpack_from("<II", word, 0x01A2)
        clx = table[fc_clx : fc_clx + lcb_clx]
    finally:
        ole.close()
    pieces = _doc_pieces(clx)
    if pieces is None:
        raise ExtractionError("unreadable", "damaged .doc: its piece table cannot be read")
    out: list[str] = []
    for cp_start, cp_end, fc, compressed in pieces:
        if cp_start >= text_chars:
            break
        count = min(cp_end, text_chars) - cp_start
        if compressed:
            out.append(word[fc : fc + count].decode("cp1252", errors="replace"))
        else:
            out.append(word[fc : fc + 2 * count].decode("utf-16-le", errors="replace"))
    text = _doc_plain("".join(out))
    text = clean_unicode(text)
    if len(text.strip()) < SCAN_PAGE_CHARS and not text.strip():
        return Extraction(FileStatus.NO_TEXT, (), "the document has no text", None)
    repaired, encoding = repair_legacy(text)
    if encoding:
        return Extraction(FileStatus.OK, (clean_unicode(repaired),), "", f"legacy-{encoding}")
    return Extraction(FileStatus.OK, (text,), "", "text")


def _doc_pieces(clx: bytes) -> list[tuple[int, int, int, bool]] | None:
    """(first cp, end cp, byte offset, 8-bit?) of each piece, from the Clx of the table stream."""
    import struct

    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: property modifiers, skipped
        if i + 3 > len(clx):
            return None
        i += 3 + struct.unpack_from("<H", clx, i + 1)[0]
    if i + 5 > len(clx) or clx[i] != 0x02:
        return None
    size = struct.unpack_from("<I", clx, i + 1)[0]
    plc = clx[i + 5 : i + 5 + size]
    n = (len(plc) - 4) // 12
    if n <= 0:
        return None
    cps = struct.unpack_from(f"<{n + 1}i", plc, 0)
    pieces = []
    for k in range(n):
        fc_raw = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
        compressed = bool(fc_raw & 0x40000000)
        fc = (fc_raw & 0x3FFFFFFF) // 2 if compressed else fc_raw & 0x3FFFFFFF
        pieces.append((cps[k], cps[k + 1], fc, compressed))
    return pieces


def _doc_plain(raw: str) -> str:
    """Word's control characters to text: paragraph and cell marks to line breaks, fields to results."""
    out: list[str] = []
    depth_code = []  # per open field: True while in its code part
    for ch in raw:
        if ch == "\x13":
            depth_code.append(True)
        elif ch == "\x14":
            if depth_code:
                depth_code[-1] = False
        elif ch == "\x15":
            if depth_code:
                depth_code.pop()
        elif depth_code and depth_code[-1]:
            continue
        elif ch in "\r\x07\x0b\x0c":
            out.append("\n")
        elif ch >= " " or ch in "\t\n":
            out.append(ch)
    return "".join(out)


# --- spreadsheets ------------------------------------------------------------------------------

# Cells holding a value read from one workbook; the rest is left out and the file's detail says
# where it was cut (see models.CELL_LIMIT). Empty cells are not counted: exporters declare sheets
# of A1:XFD300, which padded every row to 16,384 cells and cut a 300-row list after row 31.
MAX_XLSX_CELLS = 500_000


def extract_xlsx(path: Path) -> Extraction:
    """Cell text of every sheet, row by row (fee tables and phone lists often come as Excel)."""
    import openpyxl

    _refuse_zip_bomb(path, ".xlsx")
    # Opened here: given a path, openpyxl refuses any name but .xlsx/.xlsm (a workbook saved as .xls).
    with open(path, "rb") as fh:
        try:
            book = openpyxl.load_workbook(fh, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on damaged files
            raise _damaged(".xlsx", exc)
        return _xlsx_sheets(book)


def _xlsx_sheets(book) -> Extraction:
    sheets: list[str] = []
    cells = 0
    cut = ""
    try:
        for number, sheet in enumerate(book.worksheets):
            if hasattr(sheet, "reset_dimensions"):
                # The rows as the file holds them, not padded to the size the sheet declares.
                sheet.reset_dimensions()
            lines = [sheet.title]
            for rows, row in enumerate(sheet.iter_rows(values_only=True)):
                values = [str(v).strip() for v in row if v is not None and str(v).strip()]
                if values and cells >= MAX_XLSX_CELLS:
                    cut = _cell_limit(rows, sheet.title, len(book.worksheets) - number - 1)
                    break
                cells += len(values)
                if values:
                    lines.append("\t".join(values))
            sheets.append("\n".join(lines))
            if cut:
                break
    finally:
        book.close()
    return _partly(_one_page(sheets, "the spreadsheet has no text"), cut)


def _cell_limit(rows: int, sheet: str, later_sheets: int) -> str:
    """The detail of a workbook cut at MAX_XLSX_CELLS after `rows` rows of `sheet`."""
    rest = f", not the {later_sheets} sheet{'s' if later_sheets > 1 else ''} after it" if later_sheets else ""
    if rows == 0:  # the limit was reached at the end of the sheet before
        return f"sheet {sheet} was not read{rest.replace(', not', ', nor')}{CELL_LIMIT}"
    return f"only the first {rows} rows of sheet {sheet} were read{rest}{CELL_LIMIT}"


def _partly(result: Extraction, cut: str) -> Extraction:
    """The extraction, its detail saying where it was cut: what was read is kept and indexed."""
    return replace(result, detail=cut) if cut and result.status is FileStatus.OK else result


def extract_xls(path: Path) -> Extraction:
    """Cell text of every sheet of an Excel 97-2003 workbook, row by row (xlrd): wards keep many
    lists and tables in .xls."""
    import xlrd

    _refuse_encrypted_office(path)
    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except (MemoryError, RecursionError):
        raise  # extract() says what they mean
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct.error... on damaged files
        if "encrypted" in str(exc).lower() and not passing_read_error(exc):
            raise ExtractionError("encrypted", "password-protected Excel workbook")
        raise _damaged(".xls", exc)
    sheets: list[str] = []
    cells = 0
    cut = ""
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            lines = [sheet.name]
            for row in range(sheet.nrows):
                values = [v for v in map(_xls_cell, sheet.row_values(row)) if v]
                if values and cells >= MAX_XLSX_CELLS:
                    cut = _cell_limit(row, sheet.name, book.nsheets - index - 1)
                    break
                cells += len(values)
                if values:
                    lines.append("\t".join(values))
            sheets.append("\n".join(lines))
            book.unload_sheet(index)
            if cut:
                break
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:  # a sheet damaged past the header
        raise _damaged(".xls", exc)
    finally:
        book.release_resources()
    return _partly(_one_page(sheets, "the spreadsheet has no text"), cut)


def _refuse_encrypted_office(path: Path) -> None:
    """ExtractionError("encrypted") for a password-protected .docx/.xlsx: Office wraps those in
    an OLE file holding an `EncryptedPackage` stream, which looked like a damaged old file."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            locked = ole.exists("EncryptedPackage")
    except (OSError, ValueError):
        return  # not an OLE file at all: the reader says what it is
    if locked:
        raise ExtractionError("encrypted", "password-protected Office file")


def _one_page(blocks: list[str], empty: str) -> Extraction:
    """The blocks (sheets) as a one-page extraction (`empty` says why when it has no text).

    A block typed in a TCVN3 or VNI font is converted as in Word files (old workbooks, and files
    saved from them, keep it); each block on its own, as a workbook may mix a legacy sheet with
    Unicode ones, and the conversion is all or nothing.
    """
    texts, legacy = _repaired(blocks)
    text = clean_unicode("\n".join(texts))
    if len(text.strip()) < SCAN_PAGE_CHARS:
        return Extraction(FileStatus.NO_TEXT, (), empty, None)
    return Extraction(FileStatus.OK, (text,), "", f"legacy-{legacy[0]}" if legacy else "text")


def _paged(blocks: list[str], empty: str, by_line: bool = False) -> Extraction:
    """The blocks as pages (slides, pages broken by hand) without empty lines, each converted from
    a legacy font on its own (`by_line`: see repair_legacy_lines); NO_TEXT only when no page has
    any text."""
    texts, legacy = [], []
    for block in blocks:
        lines = list(filter(None, map(_cells_stripped, block.split("\n"))))
        if by_line:
            repaired, encoding = repair_legacy_lines(lines)
            found = [encoding] if encoding else []
        else:
            repaired, found = _repaired(["\n".join(lines)])
        texts.append(clean_unicode("\n".join(repaired)))
        legacy += found
    if not any(texts):
        return Extraction(FileStatus.NO_TEXT, (), empty, None)
    return Extraction(FileStatus.OK, tuple(texts), "", f"legacy-{legacy[0]}" if legacy else "text")


def _cells_stripped(line: str) -> str:
    return "\t".join(cell.strip() for cell in line.split("\t") if cell.strip())


def _repaired(blocks: list[str]) -> tuple[list[str], list[str]]:
    texts, legacy = [], []
    for block in blocks:
        repaired, encoding = repair_legacy(block)
        texts.append(repaired if encoding else block)
        if encoding:
            legacy.append(encoding)
    return texts, legacy


def _xls_cell(value) -> str:
    # Numbers come as floats: 2000.0 is written 2000, as the sheet shows it.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def extract_markup(path: Path) -> Extraction:
    """The text of a web page or an XML file (a `.xls` table exported as HTML, Word 2003 XML):
    tags dropped, a line per row or paragraph, cells split by tabs.

    libxml2's HTML parser (lxml, already there for python-docx) reads broken markup in linear
    time; the standard library's HTMLParser took 53 s on 200 KB of unclosed tags.
    """
    return _markup_text(path.read_bytes())


def extract_web_archive(path: Path) -> Extraction:
    """The page of a web archive (.mht: Word's 'Single File Web Page', often renamed .doc)."""
    import email
    from email import policy

    try:
        message = email.message_from_bytes(path.read_bytes(), policy=policy.compat32)
        # Word's archive holds one page; Excel's one per sheet, beside a frameset and a tab strip.
        pages = [
            (html, part.get_content_charset())
            for part in message.walk()
            if part.get_content_type() == "text/html"
            and isinstance(html := part.get_payload(decode=True), bytes)
            and b"<frameset" not in html[:4096].lower()
            and not (part.get("Content-Location") or "").lower().endswith("tabstrip.htm")
        ]
    except (ValueError, LookupError, UnicodeError, AttributeError) as exc:
        raise _damaged("web archive", exc)
    if not pages:
        raise ExtractionError("unreadable", "damaged web archive: it holds no page")
    texts = [_markup_text(html, (charset,) if charset else ()) for html, charset in pages]
    return _paged(["\n".join(t.pages) for t in texts], "the page has no text")


def _markup_text(raw: bytes, declared: tuple[str, ...] = ()) -> Extraction:
    from lxml import etree

    if not declared:
        found = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)|encoding\s*=\s*[\"']([A-Za-z0-9_-]+)", raw[:4096])
        declared = ((found.group(1) or found.group(2)).decode("ascii"),) if found else ()
    markup = _decode(raw, declared)
    # lxml refuses a str that still declares its encoding; the text is decoded already.
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup.lstrip("\ufeff"))
    root = etree.fromstring(markup, etree.HTMLParser(recover=True, no_network=True)) if markup.strip() else None
    parts: list[str] = []
    if root is not None:
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, element in walker:
            tag = element.tag if isinstance(element.tag, str) else ""  # comments have no name
            if event == "start":
                if tag in ("script", "style"):
                    walker.skip_subtree()  # its "end" still comes, for the tail
                    continue
                if tag in ("td", "th", "cell"):
                    parts.append("\t")
                elif tag in _MARKUP_LINE_TAGS:
                    parts.append("\n")
                if element.text and tag:  # line breaks in the source are spaces; tags make the lines
                    parts.append(_SPACES.sub(" ", element.text))
            elif element.tail:
                parts.append(_SPACES.sub(" ", element.tail))
    lines = []
    for line in "".join(parts).split("\n"):
        cells = [" ".join(cell.split()) for cell in line.split("\t")]
        if any(cells):
            lines.append("\t".join(cell for cell in cells if cell))
    return _one_page(["\n".join(lines)], "the page has no text")


_SPACES = re.compile(r"\s+")
_MARKUP_LINE_TAGS = {"tr", "p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "row", "w:p", "title"}


# --- RTF, PowerPoint, OpenDocument ---------------------------------------------------------------

# Pictures and embedded objects in RTF are long runs of hex digits: dropped before the parser,
# which walks the text a character at a time (a photo of a few MB took it seconds).
_RTF_HEX_RUN = re.compile(r"[0-9A-Fa-f\r\n]{512,}")
_RTF_PAGE_BREAK = re.compile(r"\\page(?![A-Za-z])")
_RTF_CELL = re.compile(r"\\(?:nest)?cell(?![A-Za-z])")
_RTF_FIELD = re.compile(r"\{\\field(?=\{)", re.IGNORECASE)
# A font's number and charset, braced or not (TextEdit); a match ends at the next font's \\fN,
# or each \\fN would scan to the end of a table without `;` (quadratic: 60 KB took 11 s).
_RTF_FONT = re.compile(r"\\f(\d{1,6})(?![0-9])(?:(?!\\f\d)[^{};])*?\\fcharset(\d{1,3})")
_RTF_LONG_UNICODE = re.compile(r"\\u(-?\d{5,})")
_RTF_BARE_UC = re.compile(r"\\uc(?!-?\d)")
_RTF_BINARY = re.compile(r"\\\\|\\bin(\d{0,10})(?![A-Za-z]) ?")  # an escaped backslash, or \\binN


def extract_rtf(path: Path) -> Extraction:
    """Text of an RTF file (WordPad, and the "Word" exports of e-office software, often named
    .doc), with striprtf; a page break typed by hand starts a new page."""
    from striprtf.striprtf import charset_map, font_table_group, rtf_to_text

    # RTF is 7-bit: other characters come as \'hh or \uN escapes, which the parser decodes by
    # the file's code page (cp1258 for Vietnamese Windows) and the font's charset.
    raw = _RTF_HEX_RUN.sub("", _without_binary(path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("latin-1")))
    # Kept from the parser's slow patterns: its link pattern backtracked for minutes on many
    # `{\field{` (a space after a control word changes nothing in RTF), its font pattern took a
    # minute on a 3 KB table without `;`. The table is rebuilt with what the parser uses from it:
    # each font's number and charset, when Python has that charset's code page.
    raw = _RTF_FIELD.sub(r"{\\field ", raw)
    fonts = font_table_group(raw)
    if fonts:
        known = [(n, c) for n, c in _RTF_FONT.findall(fonts) if _has_codec(charset_map.get(int(c), "cp1252"))]
        raw = raw.replace(fonts, "{\\fonttbl" + "".join(f"{{\\f{n}\\fcharset{c} x;}}" for n, c in known) + "}", 1)
    raw = _RTF_PAGE_BREAK.sub("\\\\page \x0c", raw)
    raw = _RTF_CELL.sub(r"\\line ", raw)  # a table cell: a line, as in Word files
    raw = _RTF_LONG_UNICODE.sub(_rtf_unicode_in_range, raw)  # \uN is 16 bits; chr() of more raised
    raw = _RTF_BARE_UC.sub(r"\\uc1", raw)  # the parser took int(None) of a bare \uc
    try:
        text = rtf_to_text(raw, errors="replace")
    except (ValueError, OverflowError, IndexError, LookupError, TypeError) as exc:
        raise _damaged("RTF", exc)
    # The parser drops font names, so a legacy TCVN3/VNI body under a Unicode header is found
    # line by line.
    return _paged(text.split("\x0c"), "the document has no text", by_line=True)


def _without_binary(raw: str) -> str:
    """The RTF without its `\\binN` data (N raw bytes of a picture): the parser cut them out a
    character at a time in Python, and gave up on a `\\bin` without its number."""
    if "\\bin" not in raw:
        return raw
    parts, pos = [], 0
    while (m := _RTF_BINARY.search(raw, pos)) is not None:
        if m.group(0) == "\\\\":  # `\\bin` is text: a backslash, then "bin"
            parts.append(raw[pos : m.end()])
            pos = m.end()
            continue
        parts.append(raw[pos : m.start()])
        pos = m.end() + int(m.group(1) or 0)
    parts.append(raw[pos:])
    # Left are words such as Word's \\binfsxn (paper tray) and text: the parser's own picture
    # pass would take them for \\bin and stop at int(""). A capital keeps them out of its way.
    return "".join(parts).replace("\\bin", "\\bIn")


def _has_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:  # the parser's table names Mac code pages Python lacks (mac_japanese)
        return False
    return True


def _rtf_unicode_in_range(match: re.Match[str]) -> str:
    return match.group(0) if -32768 <= int(match.group(1)) <= 65535 else "\\u65533"


# What zipfile raises on a damaged package: a missing part, corrupt or cut deflate data, an
# unknown compression method, an encrypted member.
_ZIP_DAMAGE = (zipfile.BadZipFile, KeyError, zlib.error, EOFError, NotImplementedError, RuntimeError)

A_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def extract_pptx(path: Path) -> Extraction:
    """Text of each slide of a PowerPoint file, a page per slide in the show's order (training
    and propaganda slides are evidence too)."""
    _refuse_zip_bomb(path, ".pptx")
    try:
        with zipfile.ZipFile(path) as zf:
            slides = [_xml(zf.read(name)) for name in _slide_names(zf)]
    except _ZIP_DAMAGE as exc:
        raise _damaged(".pptx", exc)
    pages = []
    for slide in slides:
        paragraphs = ("".join(t.text or "" for t in p.iter(f"{A_NS}t")) for p in slide.iter(f"{A_NS}p"))
        pages.append("\n".join(x for x in paragraphs if x.strip()))
    return _paged(pages, "the slides have no text")


def _slide_names(zf: zipfile.ZipFile) -> list[str]:
    """The slide parts in the order the presentation lists them (file numbers keep the order
    slides were made in); by number when that list cannot be read."""
    names = set(zf.namelist())
    by_number = sorted(
        (n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)), key=lambda n: int(re.sub(r"\D", "", n))
    )
    try:
        rels = _xml(zf.read("ppt/_rels/presentation.xml.rels"))
        targets = {r.get("Id"): "ppt/" + (r.get("Target") or "").lstrip("/").removeprefix("ppt/") for r in rels.iter("{*}Relationship")}
        shown = _xml(zf.read("ppt/presentation.xml"))
        ordered = [targets.get(s.get(f"{_REL_NS}id")) for s in shown.iter("{*}sldId")]
    except (*_ZIP_DAMAGE, ExtractionError):
        return by_number
    ordered = list(dict.fromkeys(n for n in ordered if n in names))  # a slide listed twice is read once
    return ordered if ordered else by_number


_ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_ODF_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODF_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_ODF_SUFFIXES = {".odt", ".ods", ".odp", ".ott", ".ots", ".otp"}
_PPTX_SUFFIXES = {".pptx", ".pptm", ".ppsx", ".potx"}
# Tracked changes hold deleted text with its author and date; comments are the reviewers'.
_ODF_NOT_TEXT = {f"{_ODF_TEXT}tracked-changes", "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation"}


def extract_odf(path: Path) -> Extraction:
    """Text of an OpenDocument file (LibreOffice .odt/.ods/.odp): paragraphs and cells in order,
    a page per slide and at each page break LibreOffice recorded."""
    from lxml import etree

    _refuse_zip_bomb(path, "OpenDocument file")
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = zf.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in zf.namelist() else b""
            if b"encryption-data" in manifest:
                raise ExtractionError("encrypted", "password-protected OpenDocument file")
            root = _xml(zf.read("content.xml"))
    except _ZIP_DAMAGE as exc:
        raise _damaged("OpenDocument file", exc)
    parts: list[str] = []
    slides = cells = 0  # draw:page elements seen; table cells the walk is in
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _ODF_NOT_TEXT:
                walker.skip_subtree()  # its "end" still comes, for the tail
                continue
            if tag == f"{_ODF_TEXT}s":
                parts.append(" " * min(_int(element.get(f"{_ODF_TEXT}c"), 1), 100))
            elif tag in (f"{_ODF_TEXT}tab", f"{_ODF_TEXT}line-break"):
                parts.append(" " if cells else "\t" if tag.endswith("tab") else "\n")
            elif tag == f"{_ODF_TEXT}soft-page-break" or (tag == f"{_ODF_DRAW}page" and slides):
                parts.append("\x0c")
            slides += tag == f"{_ODF_DRAW}page"
            cells += tag == f"{_ODF_TABLE}table-cell"
            if element.text and tag:
                parts.append(element.text)
        else:
            # A row is a line with its cells split by tabs, as in Excel files.
            if tag in (f"{_ODF_TEXT}p", f"{_ODF_TEXT}h"):
                parts.append(" " if cells else "\n")
            elif tag == f"{_ODF_TABLE}table-cell":
                cells -= 1
                parts.append("\t")
            elif tag == f"{_ODF_TABLE}table-row":
                parts.append("\n")
            if element.tail:
                parts.append(element.tail)
    return _paged("".join(parts).split("\x0c"), "the document has no text")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _xml(data: bytes):
    """An XML part of an Office or OpenDocument file; entities are not expanded (billion laughs)."""
    from lxml import etree

    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise _xml_error(exc, f"damaged file: its XML is broken ({str(exc)[:80]})")


# What an Office file's XML is refused for when libxml2 stops at one of its limits: no broken
# XML, and 'its XML is broken' sent staff looking for damage in a file made to be hostile.
XML_ENTITIES = "refused: its XML defines entities that expand past the parser's limit (an attack, not a document)"
XML_TOO_LARGE = "its XML is too large to read (past the parser's limits)"


def _xml_error(exc, broken: str) -> ExtractionError:
    """The ExtractionError for lxml's XMLSyntaxError `exc`; `broken` is the detail of XML that is
    simply broken. A padded part past the memory cap, a billion laughs, 3,000 nested tables and
    a text of over 10 MB in one piece each get their own detail."""
    from lxml import etree

    # Codes an older libxml2 lacks (ERR_RESOURCE_LIMIT came late; pyproject allows lxml 4.9) are
    # None here: such a file is then called broken, not an AttributeError.
    def known(name: str) -> int | None:
        return getattr(etree.ErrorTypes, name, None)

    message = (getattr(exc, "msg", None) or str(exc)).lower()
    code = getattr(exc, "code", None)
    limit = known("ERR_RESOURCE_LIMIT")
    if code is None:
        return ExtractionError("unreadable", broken)
    if code == known("ERR_NO_MEMORY"):
        return ExtractionError("unreadable", OVER_MEMORY)
    if code == known("ERR_ENTITY_LOOP") or (code == limit and "entit" in message):
        return ExtractionError("unreadable", XML_ENTITIES)
    if code == limit and "depth" in message:
        return ExtractionError("unreadable", NESTED_TOO_DEEPLY)
    if code == limit:
        return ExtractionError("unreadable", XML_TOO_LARGE)
    return ExtractionError("unreadable", broken)


# --- images and plain text ----------------------------------------------------------------------


def extract_image(path: Path, *, ocr: OcrSettings | None = None, sha256: str = "", on_page: Callable[[int], None] | None = None) -> Extraction:
    """A photo or scan: OCR when available, otherwise listed as `no-text`. `on_page(frame)` after
    each frame OCR'd, as for PDF pages: a long multi-page TIFF is progress, not a stuck file."""
    if ocr is None or not ocr.enabled:
        _check_image(path)
        return Extraction(FileStatus.NO_TEXT, detail=IMAGE_NOT_READ_OCR_OFF)
    from . import ocr as ocr_mod

    if ocr_mod.ocr_unavailable_reason() is not None:
        _check_image(path)
        return Extraction(FileStatus.NO_TEXT, detail=IMAGE_NOT_READ_NO_OCR)
    cache = ocr_mod.OcrCache(Path(ocr.cache_dir)) if ocr.cache_dir else None
    pages = [clean_unicode(t.strip()) for t in ocr_mod.ocr_image_pages(path, sha256=sha256, cache=cache, on_page=on_page)]
    # Symbols are no text: a photo of a meeting hall read as `.° © © © ò › © „ò9 ©@®` was listed
    # as read, its junk shown as a snippet, and left out of the photos without text.
    if not any(len(p) >= SCAN_PAGE_CHARS and readable_words(p)[0] >= PHOTO_WORDS for p in pages):
        return Extraction(FileStatus.NO_TEXT, tuple(pages), PHOTO_WITHOUT_TEXT, None)
    numbers = tuple(range(1, len(pages) + 1))
    return Extraction(FileStatus.OK, tuple(pages), "", "ocr", numbers, ocr_quality_of(pages, numbers))


def _check_image(path: Path) -> None:
    """ExtractionError for a file that is no image Pillow knows, read from its header only: unread
    for lack of OCR, random bytes named `TC2.1 anh.jpg` still proved 2.1 by its name."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Corrupt EXIF data": the image is still an image
            with Image.open(path):
                pass
    except Image.DecompressionBombError as exc:  # OCR off or missing, a bomb is still one
        from .ocr import _pixel_bomb

        raise ExtractionError("too-large", _pixel_bomb(str(exc)))
    except UnidentifiedImageError:
        raise ExtractionError("unreadable", "not an image Pillow can open (damaged or renamed?)")
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _damaged("image", exc)


def _decode(raw: bytes, declared: tuple[str, ...] = ()) -> str:
    """Text from bytes: the declared encoding, else UTF-8, else the Vietnamese Windows code page,
    else Latin-1 (which takes any byte)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")  # Notepad's "Unicode", Excel's "Unicode Text"
    if (utf16 := _bomless_utf16(raw)) is not None:
        return raw.decode(utf16, errors="replace")
    for encoding in (*declared, "utf-8-sig", "cp1258"):
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):  # LookupError: a declared name Python lacks
            continue
    return raw.decode("latin-1")


def _bomless_utf16(raw: bytes) -> str | None:
    """utf-16-le/-be for text saved so without a byte order mark (every other byte 0 in mostly
    ASCII text: Vietnamese letters keep it for most characters), else None."""
    head = raw[:4096]
    if len(head) < 8 or head.count(0) < len(head) // 4:
        return None
    if head[1::2].count(0) > len(head) // 4 and not head[0::2].count(0):
        return "utf-16-le"
    if head[0::2].count(0) > len(head) // 4 and not head[1::2].count(0):
        return "utf-16-be"
    return None


def extract_text_file(path: Path) -> Extraction:
    """A plain text file, UTF-8 or the Vietnamese Windows code page."""
    text = clean_unicode(_decode(path.read_bytes()))
    if not text.strip():
        return Extraction(FileStatus.NO_TEXT, (), "the file has no text", None)
    return Extraction(FileStatus.OK, (text,), "", "text")


# The readers of the kinds `sniff` names that need no OCR (PDFs and images take its settings).
_READERS: dict[str, Callable[[Path], Extraction]] = {
    "docx": extract_docx,
    "doc": extract_doc,
    "xlsx": extract_xlsx,
    "xls": extract_xls,
    "pptx": extract_pptx,
    "opendocument": extract_odf,
    "rtf": extract_rtf,
    "markup": extract_markup,
    "web archive": extract_web_archive,
    "text": extract_text_file,
}
