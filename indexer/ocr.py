"""Vietnamese OCR for scans: PDF pages with no text layer, and photos (JPG/PNG/TIFF).

Tesseract 5 with the `vie` model does the reading, through pytesseract; pypdfium2 renders PDF
pages (it needs no system package). The text of each page is cached by the file's content hash,
so a re-index, a rename or a rebuild never OCRs the same page twice.

This module stands alone (no index, no whoosh): `extract.py` calls it only for pages that need it
and only after `ocr_unavailable_reason()` said Tesseract is there.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Callable

# Tesseract's OpenMP threads fight each other over 2 cores and make a page slower, not faster;
# we parallelise across files (worker processes) instead. Set before any tesseract subprocess
# starts; pytesseract hands os.environ to it. setdefault: a user who set it keeps their value.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import pytesseract  # noqa: E402  (after the environment is set, on purpose)

from .errors import ExtractionError, passing_read_error  # noqa: E402
from .models import OCR_POOR_SHARE  # noqa: E402
from .vietnamese import is_vietnamese_syllable, readable_words  # noqa: E402

log = logging.getLogger(__name__)

LANG = "vie"
# Page segmentation mode 6, "one uniform block of text". Measured on rendered A4 administrative
# pages (clean, and blurred/rotated/JPEG-degraded), 300 dpi: psm 6 read 98.3-99.9 % of characters
# and every word; psm 3 (automatic layout) 97.0-98.7 %: it splits the "1." "2." numbers of a list
# off as a separate column and misreads them as garbage lines. Evidence pages are one column with
# a two-column header, which psm 6 reads line by line correctly. Same speed either way.
PSM = 6
# ... except tables: on a page with ruled rows, slightly tilted as scans are, psm 6 lost most rows
# or read them as gibberish (38-63 % of the words of 8 table pages of the qa14 folder) where psm 3
# read 92-100 %. A page with at least this many table rules (see _table_rules) is read both ways
# and the reading with more Vietnamese syllables kept; psm 6 still wins on some (a fee table whose
# cells psm 3 cut up). Other pages keep one run: psm 3 never read more on a page without rules.
TABLE_PSM = 3
TABLE_RULES = 3
# Bump when the rendering or the tesseract options change so much that cached text is stale.
OCR_REVISION = 7  # 2: Ð read for Đ fixed; 3: upside-down pages turned; 4: photos flattened;
# 5: pages with a table also read with psm 3; 6: a turn found at half size, taken only if it reads well;
# 7: upright English pages kept, sideways pages found by Tesseract's orientation detection

DEFAULT_DPI = 300
# A rendered page or a photo is scaled down to at most this many pixels (an A4 page at 300 dpi is
# 8.7 MP): a poster-size page or a 100 MP photo must not take gigabytes nor minutes.
MAX_PIXELS = 40_000_000
# Tesseract refuses images wider or taller than 32767 pixels.
MAX_SIDE = 32_000
# Seconds one page may take in tesseract before it is killed and the page left empty. A 300 dpi
# A4 page of text takes about 3 s on one core; this only stops a pathological page from holding
# a worker for good.
PAGE_TIMEOUT = 180.0

# When a page is doubted and tried turned (see _read_page). Two measures of its text: the share of
# its words of letters that are Vietnamese syllables (text_quality), and the share of its tokens
# that read as anything, syllable, English word, number or code (vietnamese.readable_words, the
# measure of the `ocr-poor` note, models.OCR_POOR_SHARE = 0.78). Syllables alone took an upright
# English page (22 % syllables) for junk, and sideways junk ("ho", "ta": 45 %) read better: 2 of 5
# English pages rendered at 300 dpi were stored as junk. Read upright, English pages read 96-100 %
# of their tokens, figures 99 %; junk 51-72 %. An upside-down scan gave 191 "words", 27 % of them
# syllables; read upright pages give 85-99 %, phone photos in poor light 54 % at worst.
POOR_SHARE = 0.45
MIN_WORDS_TO_JUDGE = 20
# A page with few syllables is still doubted unless this share of its tokens reads (English does).
READS_WELL = 0.90
# Tesseract's orientation detection (`--psm 0`, the `osd` model) is asked about a doubtful page:
# one run, about as long as reading the page (0.3 s for a phone photo, 1-1.6 s for a sparse A4
# page at 300 dpi), where trying three turns costs three. A turn it says is tried at any
# confidence (one run; the turned reading is kept only if it reads better): a minutes page scanned
# sideways said "Rotate: 90" at 9.5, a phone photo of a 3-line notice turned a quarter at 1.9, the
# same notice rendered at 120 dpi at 1.1. "Upright" is believed (no turn tried) from this
# confidence on: 1.8-8.3 on the upright pages of the qa14/qa16 folders and a page askew 15°, where
# half-size trials would cost three runs; none of their 60 upright pages said to turn.
OSD_CONFIDENCE = 1.5
# A reading of fewer tokens is no page lying turned (see _Reading.doubtful).
DOUBT_TOKENS = 5

# How many times tesseract was run in this process: lets tests prove the cache spares it.
TESSERACT_CALLS = 0

INSTALL_HINT = (
    "apt-get install tesseract-ocr tesseract-ocr-vie; "
    "Windows: bộ cài Tesseract của UB Mannheim, chọn thêm Vietnamese, rồi thêm thư mục cài vào PATH "
    "/ the UB Mannheim Tesseract installer with Vietnamese, its folder added to PATH"
)


# --- is OCR possible here? ------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def ocr_unavailable_reason() -> str | None:
    """None when Tesseract and its Vietnamese model are installed; else one line telling how to
    enable OCR (Vietnamese and English). Asked once per process (`cache_clear()` to ask again)."""
    try:
        pytesseract.get_tesseract_version()
    except (pytesseract.TesseractNotFoundError, OSError, SystemExit):
        # SystemExit: pytesseract's answer to a version string it cannot parse (not Tesseract).
        return (
            "Chưa cài Tesseract nên bản quét không được đọc (OCR) / Tesseract is not installed, "
            f"scans are not read (OCR). Cài / install: {INSTALL_HINT}"
        )
    try:
        languages = pytesseract.get_languages()
    except (pytesseract.TesseractNotFoundError, OSError):
        languages = []
    if LANG not in languages:
        return (
            "Tesseract chưa có gói tiếng Việt nên bản quét không được đọc / Tesseract has no "
            f"Vietnamese model (vie), scans are not read. Cài / install: {INSTALL_HINT}"
        )
    return None


@functools.lru_cache(maxsize=1)
def engine_key() -> str:
    """What the cached text depends on: Tesseract's version, the language, the options."""
    try:
        version = str(pytesseract.get_tesseract_version(cached=True))
    except (pytesseract.TesseractNotFoundError, OSError, SystemExit):
        version = "none"
    return _safe(f"tess{version}-{LANG}-psm{PSM}-r{OCR_REVISION}")


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.+_-]", "_", text)


# --- the cache --------------------------------------------------------------------------------


class OcrCache:
    """OCR text on disk, one small UTF-8 file per (content hash, page, engine key).

    Keyed by content, not path, so renames and rebuilds hit it. Files are written to a temporary
    name and moved into place with `os.replace`, so worker processes writing the same page at the
    same time, or a crash mid-write, never leave a half file that a reader would take as text.
    """

    def __init__(self, folder: Path, key: str | None = None):
        self.folder = Path(folder)
        self._key = key

    @property
    def key(self) -> str:
        # Lazy: asking Tesseract its version costs a subprocess, only worth it when used.
        if self._key is None:
            self._key = engine_key()
        return self._key

    def _path(self, sha256: str, page: int) -> Path:
        sha = _safe(sha256.lower())
        # Two-letter fan-out: thousands of scans must not pile up in one directory.
        return self.folder / sha[:2] / f"{sha}-p{int(page)}-{self.key}.txt"

    def get(self, sha256: str, page: int) -> str | None:
        """The cached text of a page ("" for a page known to be blank), or None if not cached."""
        if not sha256:
            return None
        try:
            return self._path(sha256, page).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError):
            # A damaged cache file only costs a new OCR run.
            return None

    def put(self, sha256: str, page: int, text: str) -> None:
        """Store the text of a page. A cache that cannot be written (disk full, read-only) is
        skipped with a warning: it only makes the next run slower, it must not fail this one."""
        if not sha256:
            return
        target = self._path(sha256, page)
        tmp = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".txt", dir=target.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            os.replace(tmp, target)
            tmp = None
        except OSError as exc:
            log.warning("OCR cache not written (%s): %s", target, exc)
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


# --- tesseract ----------------------------------------------------------------------------------


_LETTERS = re.compile(r"[^\W\d_]+")


def text_quality(text: str) -> tuple[int, int]:
    """(Vietnamese syllables, words of letters) in an OCR text: how much of it reads as Vietnamese.
    Abbreviations (UBND, TB) and names count as words, so a well read page scores 85-99 %."""
    words = _LETTERS.findall(text)
    return sum(1 for w in words if is_vietnamese_syllable(w)), len(words)


def _is_poor(valid: int, words: int) -> bool:
    return words >= MIN_WORDS_TO_JUDGE and valid < words * POOR_SHARE


class _Reading:
    """A page's OCR text and how well it reads: syllables of its words, tokens that read."""

    def __init__(self, text: str):
        self.text = text
        self.valid, self.words = text_quality(text)
        self.read, self.tokens = readable_words(text)

    @property
    def share(self) -> float:
        return self.read / self.tokens if self.tokens else 0.0

    def doubtful(self) -> bool:
        """Worth asking whether the page lies turned: little of it reads, or few of its words are
        syllables and not nearly all of it reads as other words. An upright English certificate
        (98 % of its tokens read) or a table of figures (99 %) is not; nor a page that gave next to
        nothing: a blank page (the back of a duplex scan) cost a detection run each, while text
        read sideways gives junk aplenty (29-30 tokens for a 3-line notice)."""
        if self.tokens < DOUBT_TOKENS:
            return False
        if self.share < OCR_POOR_SHARE:
            return True
        return _is_poor(self.valid, self.words) and self.share < READS_WELL

    def judged_poor(self) -> bool:
        """Enough words to judge, and they read poorly by either measure."""
        return self.tokens >= MIN_WORDS_TO_JUDGE and (self.share < OCR_POOR_SHARE or _is_poor(self.valid, self.words))

    def better_than(self, other: "_Reading") -> bool:
        """True for a reading (of the page turned) that is no junk and beats `other` on both
        measures: more tokens that read and a larger share of them, and as many syllables or a
        larger share. An upright English page's reading is never beaten by sideways junk, that
        reads 51-53 % of its tokens."""
        return (
            self.share >= OCR_POOR_SHARE
            and not _is_poor(self.valid, self.words)
            and self.read > other.read
            and self.share > other.share
            # As many syllables, or a larger share of them: junk of a 3-line notice read sideways
            # made 11 "syllables" (`a`, `h`) of 28 words, the notice upright 10 of 10.
            and (self.valid >= other.valid or self.valid * other.words > other.valid * self.words)
        )


@functools.lru_cache(maxsize=1)
def _osd_installed() -> bool:
    """True when Tesseract has its orientation model (`osd`): Windows installs may lack it."""
    try:
        return "osd" in pytesseract.get_languages()
    except (pytesseract.TesseractNotFoundError, OSError, SystemExit):
        return False


_OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONFIDENCE = re.compile(r"Orientation confidence:\s*([\d.]+)")


def _turn_said_by_osd(image, dpi: int | None, timeout: float) -> int | None:
    """The turn (counter-clockwise degrees, as PIL's rotate takes them) Tesseract's orientation
    detection gives the page, at any confidence; 0 when it says upright with OSD_CONFIDENCE; None
    when it cannot tell (too few letters: a photo of a building; the `osd` model missing; a
    failure or a timeout) or is not sure the page is upright."""
    global TESSERACT_CALLS
    if not _osd_installed():
        return None
    TESSERACT_CALLS += 1
    config = "--psm 0"
    if dpi:
        config += f" --dpi {int(dpi)}"
    image.format = "PPM"
    try:
        report = pytesseract.image_to_osd(image, config=config, timeout=timeout)
    except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError, RuntimeError, OSError) as exc:
        # "Too few characters. Skipping this page" on a photo with no text: nothing to say.
        log.debug("orientation detection gave no answer: %s", str(exc)[:120])
        return None
    rotate, confidence = _OSD_ROTATE.search(report), _OSD_CONFIDENCE.search(report)
    if rotate is None or confidence is None:
        return None
    # "Rotate: 90" means turn the image 90° clockwise to read it: PIL turns counter-clockwise.
    angle = (360 - int(rotate.group(1))) % 360
    if angle == 0 and float(confidence.group(1)) < OSD_CONFIDENCE:
        return None
    return angle


def _turn_that_reads(image, dpi: int | None, timeout: float) -> int | None:
    """The turn (180, 90 or 270 degrees) at which a half-size copy of the page reads well (no junk
    by either measure, enough words to judge), the first found; None when no turn does."""
    small = image.resize((max(1, image.width // 2), max(1, image.height // 2)))
    try:
        for angle in (180, 90, 270):
            turned = small.rotate(angle, expand=True)
            try:
                text = _tesseract(turned, dpi // 2 if dpi else None, timeout)
            finally:
                turned.close()
            if text is not None:
                trial = _Reading(text)
                if trial.tokens >= MIN_WORDS_TO_JUDGE and not trial.judged_poor():
                    return angle
    finally:
        small.close()
    return None


def _read_page(image, dpi: int | None, timeout: float, *, tables: bool = True) -> str | None:
    """The text of one page image (grayscale PIL), or None when tesseract timed out.

    One tesseract run for a page that reads well (two for a page with a table, see _read_as_is).
    A doubtful page (see _Reading.doubtful: little of it reads, or nothing was read) may lie
    turned: a sheet put in the scanner upside down or sideways gave only gibberish. Tesseract's
    orientation detection is asked (one run); when it cannot tell (no `osd` model, too few
    letters) and the page has enough words to judge and reads poorly, the page is tried turned
    180°, 90° and 270° at half size (`_turn_that_reads`). The page is read again in full at the
    turn found, and that reading kept only if it reads better by both measures
    (`_Reading.better_than`). A photo with no text costs one run more, the detection's.
    """
    best = _read_as_is(image, dpi, timeout, tables)
    if best is None:
        return None
    if best.doubtful():
        angle = _turn_said_by_osd(image, dpi, timeout)
        if angle is None and best.judged_poor():
            angle = _turn_that_reads(image, dpi, timeout)
        if angle:
            turned = image.rotate(angle, expand=True)
            try:
                again = _read_as_is(turned, dpi, timeout, tables)
            finally:
                turned.close()
            if again is not None and again.better_than(best):
                best = again
    return best.text


def _read_as_is(image, dpi: int | None, timeout: float, tables: bool) -> _Reading | None:
    """The page read the way it lies, None when tesseract timed out. A page with a ruled table is
    read again with psm 3 (TABLE_PSM) and the reading with more syllables kept, unless `tables` is
    False (phone photos: psm 3 read no more on any of the 12 of the qa14 folder, 4 of which have
    tables, while costing a run each)."""
    text = _tesseract(image, dpi, timeout)
    if text is None:
        return None
    reading = _Reading(text)
    if tables and _table_rules(image) >= TABLE_RULES:
        again = _tesseract(image, dpi, timeout, psm=TABLE_PSM)
        if again is not None and text_quality(again)[0] > reading.valid:
            reading = _Reading(again)
    return reading


def _table_rules(image) -> int:
    """How many long thin horizontal lines, the rules of a table, a grayscale page image has.

    Found on a copy averaged over blocks of 16 pixels along each row: a rule stays dark there,
    text turns grey. A rule is a chain of dark blocks, thin (at most 8 rows), drifting at most one
    row from block to block (a page tilted 3° drifts 0.8), across 40 % of the width. The desk
    around a photographed sheet, or a scanner's black border, is thick and no rule. ~0.1 s a page.
    """
    from PIL import Image

    width, height = image.size
    columns = width // 16
    if columns < 16 or height < 64:
        return 0
    small = image.resize((columns, height), Image.BOX)
    histogram, half, seen, paper = small.histogram(), columns * height / 2, 0, 255
    for value, count in enumerate(histogram):
        seen += count
        if seen >= half:
            paper = value  # the median: the paper's tone on a page of text
            break
    dark = small.point(lambda v: 255 if v < paper * 0.55 else 0).tobytes()
    small.close()
    need = columns * 2 // 5
    chains: dict[int, int] = {}
    ends: list[int] = []
    for x in range(columns):
        current: dict[int, int] = {}
        for run in re.finditer(b"\xff+", dark[x::columns]):
            start, stop = run.span()
            if stop - start > 8:
                continue
            for y in range(start, stop):
                current[y] = 1 + max(chains.get(y - 1, 0), chains.get(y, 0), chains.get(y + 1, 0))
        ends += [y for y, n in chains.items() if n >= need and not (y - 1 in current or y in current or y + 1 in current)]
        chains = current
    ends += [y for y, n in chains.items() if n >= need]
    rules, last = 0, -100
    for y in sorted(ends):
        if y - last > 8:
            rules += 1
        last = y
    return rules


def _tesseract(image, dpi: int | None, timeout: float, *, psm: int = PSM) -> str | None:
    """Run tesseract on one grayscale PIL image; its NFC text, or None when it timed out."""
    global TESSERACT_CALLS
    TESSERACT_CALLS += 1
    config = f"--psm {psm}"
    if dpi:
        # The temporary image carries no resolution; without it Tesseract guesses, often badly.
        config += f" --dpi {int(dpi)}"
    # pytesseract hands the image over as a temporary file in this format: uncompressed PGM is
    # written in milliseconds where PNG takes ~0.2 s for an A4 page at 300 dpi (~8 % of its OCR).
    image.format = "PPM"
    try:
        text = pytesseract.image_to_string(image, lang=LANG, config=config, timeout=timeout)
    except pytesseract.TesseractNotFoundError:
        # Installed when checked, gone now: the file is a scan we cannot read, not a broken one.
        raise ExtractionError("no-text", f"Tesseract disappeared during the run / Tesseract không còn: {INSTALL_HINT}")
    except pytesseract.TesseractError as exc:  # tesseract exited with an error (bad image, no model)
        raise ExtractionError("unreadable", f"OCR failed: {str(exc.message or exc)[:120]}")
    except RuntimeError as exc:
        # pytesseract reports a timeout as a bare RuntimeError (after killing the process).
        if "timeout" in str(exc).lower():
            log.warning("OCR of a page took more than %.0f s; the page is left empty", timeout)
            return None
        raise ExtractionError("unreadable", f"OCR failed: {str(exc)[:120]}")
    return fix_ocr_letters(unicodedata.normalize("NFC", text.replace("\x0c", ""))).strip()


# Tesseract's `vie` model reads some Đ as Ð (U+00D0, Icelandic eth, a different letter that looks
# the same) and some as both: "QĐÐ-UBND" for "QĐ-UBND", seen on 5 of 62 scanned pages. Vietnamese
# never uses eth, and a search for "QĐ" must find the page.
_ETH = re.compile("[ĐÐ]?Ð|[đð]?ð")


def fix_ocr_letters(text: str) -> str:
    """OCR text with the eth letters Tesseract puts for Đ/đ turned into Đ/đ ("ĐÐ" into one Đ)."""
    return _ETH.sub(lambda m: "Đ" if m.group().isupper() else "đ", text)


def _capped_scale(width: float, height: float, scale: float) -> float:
    """`scale`, lowered so that a width x height image scaled by it stays within the caps."""
    if width <= 0 or height <= 0:
        return scale
    if width * height * scale * scale > MAX_PIXELS:
        # 0.999: renderers round sizes up, which would overshoot the cap by a few pixels.
        scale = math.sqrt(MAX_PIXELS / (width * height)) * 0.999
    if max(width, height) * scale > MAX_SIDE:
        scale = MAX_SIDE / max(width, height)
    return scale


# --- PDF pages --------------------------------------------------------------------------------


def ocr_pdf_pages(
    path: Path,
    pages: list[int],
    *,
    sha256: str,
    cache: OcrCache | None,
    dpi: int = DEFAULT_DPI,
    on_page: Callable[[int], None] | None = None,
    timeout: float = PAGE_TIMEOUT,
) -> dict[int, str]:
    """OCR the given 1-based pages of a PDF; {page: NFC text}.

    Each page not in `cache` is rendered in grayscale at `dpi` (lower for a page so large that it
    would pass MAX_PIXELS) and read by Tesseract (`vie`); its text is then cached. `on_page(page)`
    is called after each page, cached or not, for progress. A page that times out gives "" (and is
    not cached, so a later run tries again). Raises ExtractionError for a PDF pdfium cannot open.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    result: dict[int, str] = {}
    todo = []
    for number in pages:
        cached = cache.get(sha256, number) if cache is not None else None
        if cached is not None:
            result[number] = cached
            if on_page is not None:
                on_page(number)
        else:
            todo.append(number)
    if not todo:
        return result

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise ExtractionError("unreadable", f"damaged PDF: the scanned pages cannot be rendered ({exc})")
    try:
        count = len(document)
        for number in todo:
            if not 1 <= number <= count:
                raise ValueError(f"page {number} is not in a PDF of {count} pages")
            try:
                page = document[number - 1]
            except pdfium.PdfiumError:  # pdfminer read the file; pdfium cannot load this page
                result[number] = ""
                if on_page is not None:
                    on_page(number)
                continue
            try:
                if next(iter(page.get_objects(max_depth=1)), None) is None and not pdfium_c.FPDFPage_GetAnnotCount(page.raw):
                    # Nothing drawn on it, not even a stamp or a note: a blank page (2,000 of them in
                    # a 200 KB file took 400 s).
                    result[number] = ""
                    if cache is not None:
                        cache.put(sha256, number, "")
                    if on_page is not None:
                        on_page(number)
                    continue
                width, height = page.get_size()  # in points, 1/72 inch
                scale = _capped_scale(width, height, dpi / 72)
                try:
                    bitmap = page.render(scale=scale, grayscale=True)
                except pdfium.PdfiumError as exc:
                    raise ExtractionError("unreadable", f"page {number} cannot be rendered ({exc})")
                image = bitmap.to_pil()
                try:
                    if image.mode != "L":
                        image = image.convert("L")
                    text = _read_page(image, round(scale * 72), timeout)  # None: timed out
                finally:
                    image.close()
                    bitmap.close()
            finally:
                page.close()
            result[number] = text or ""
            if cache is not None and text is not None:
                cache.put(sha256, number, text)
            if on_page is not None:
                on_page(number)
    finally:
        document.close()
    return result


# --- images -----------------------------------------------------------------------------------


def ocr_image_pages(
    path: Path,
    *,
    sha256: str,
    cache: OcrCache | None,
    on_page: Callable[[int], None] | None = None,
    timeout: float = PAGE_TIMEOUT,
) -> list[str]:
    """OCR a JPG/PNG/TIFF/... image: one NFC text per frame (a multi-page TIFF has several).

    The EXIF orientation of a phone photo is applied first, and an image larger than MAX_PIXELS
    is scaled down (a JPEG is decoded at reduced size directly, to spare memory). Frames are
    cached as pages 1, 2, ... of `sha256`. A frame that times out gives "". Raises
    ExtractionError `unreadable` for a file Pillow cannot decode, `too-large` for a pixel bomb.
    """
    import warnings

    from PIL import Image, UnidentifiedImageError

    texts: list[str] = []
    try:
        with warnings.catch_warnings():
            # Past MAX_IMAGE_PIXELS Pillow warns on stderr, raw and once per worker, about an image
            # that is scaled down to MAX_PIXELS here anyway; twice that is an error, said below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                frames = getattr(image, "n_frames", 1)
                for index in range(frames):
                    number = index + 1
                    cached = cache.get(sha256, number) if cache is not None else None
                    if cached is None:
                        image.seek(index)
                        frame, dpi = _prepare_frame(image)
                        photo = dpi is None or _from_a_camera(image)
                        if photo:
                            flat = _flatten_background(frame)
                            frame.close()
                            frame = flat
                        try:
                            text = _read_page(frame, dpi, timeout, tables=not photo)
                        finally:
                            frame.close()
                        if cache is not None and text is not None:
                            cache.put(sha256, number, text)
                        cached = text or ""
                    texts.append(cached)
                    if on_page is not None:
                        on_page(number)
    except Image.DecompressionBombError as exc:
        raise ExtractionError("too-large", _pixel_bomb(str(exc)))
    except UnidentifiedImageError:
        raise ExtractionError("unreadable", "not an image Pillow can open (damaged or renamed?)")
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        if passing_read_error(exc):
            raise  # the share, not the image: extract() says it will be tried again
        # Pillow reports truncated and corrupt data as any of these.
        raise ExtractionError("unreadable", f"damaged image: {str(exc)[:120] or type(exc).__name__}")
    return texts


def _pixel_bomb(message: str) -> str:
    """The detail of an image Pillow refuses to decode, from its message: 'Image size (900000000
    pixels) exceeds limit of 178956970 pixels, could be decompression bomb DOS attack.' was cut
    at 100 characters and repeated 'too large' after the line's own label."""
    found = re.search(r"\((\d+) pixels\) exceeds limit of (\d+)", message)
    if found is None:
        return "image of too many pixels to read (a decompression bomb?)"
    pixels, limit = (round(int(n) / 1_000_000) for n in found.groups())
    return f"image of {pixels} million pixels, over the limit of {limit} million (a decompression bomb?)"


def ocr_image(path: Path, *, sha256: str, cache: OcrCache | None) -> str:
    """OCR an image file: the texts of all its frames joined by blank lines (see ocr_image_pages)."""
    return "\n\n".join(t for t in ocr_image_pages(path, sha256=sha256, cache=cache) if t)


# EXIF tags a camera writes and a scanner does not: Make, Model.
_CAMERA_TAGS = (0x010F, 0x0110)


def _from_a_camera(image) -> bool:
    """True for an image whose EXIF names the camera (a phone photo, whatever dpi it states)."""
    try:
        exif = image.getexif()
    except Exception:  # noqa: BLE001  (damaged EXIF: the pixels are still read)
        return False
    return any(exif.get(tag) for tag in _CAMERA_TAGS)


def _flatten_background(frame):
    """A grayscale photo divided by a heavily blurred copy of itself: the paper comes out evenly
    light where the photo had a shadow or a dim corner, and the text stays dark. A phone photo
    whose lower half lay in shadow lost 'Số: 22/TB-UBND' and 'THÔNG BÁO'; flattened, the 12
    photos of the qa14 folder went from 66 % to 93 % of their words read. The blur (1/75 of the
    long side, 40 px on a 3000 px photo) is made on a copy 8 times smaller: ~0.3 s a photo."""
    from PIL import Image, ImageFilter, ImageMath

    width, height = frame.size
    factor = 8
    small = frame.resize((max(1, width // factor), max(1, height // factor)), Image.BOX)
    # The lightest pixel around each (5 x 8 = 40 px) first: the strokes of large letters would
    # otherwise darken the background found under them, and fade once divided by it.
    blurred = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(max(width, height) / 75 / factor))
    background = blurred.resize((width, height), Image.BILINEAR).point(lambda v: max(v, 1))
    # Paper (pixel == background) becomes 235, light grey like a scan's paper; brighter clips.
    flat = ImageMath.lambda_eval(
        lambda a: a["convert"](a["photo"] * 235 / a["background"], "L"),
        photo=frame.convert("F"),
        background=background.convert("F"),
    )
    small.close(), blurred.close(), background.close()
    return flat


def _prepare_frame(image):
    """The current frame as an upright grayscale image within the caps, and its dpi for Tesseract
    (None when the file states none worth trusting: phones write 72, let Tesseract estimate)."""
    from PIL import Image, ImageOps

    width, height = image.size
    scale = _capped_scale(width, height, 1.0)
    if scale < 1.0 and image.format == "JPEG":
        # JPEG can decode at 1/2, 1/4, 1/8 size: a 100 MP photo never exists in memory at full size.
        image.draft("L", (max(1, int(width * scale)), max(1, int(height * scale))))
    frame = ImageOps.exif_transpose(image)  # a copy, upright
    if frame.mode in ("I", "F") or frame.mode.startswith("I;16"):
        # 16-bit scans: a plain convert("L") clips everything above 255 to white.
        frame = frame.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    elif "A" in frame.getbands() or "transparency" in frame.info:
        # Transparent pixels would turn black (often the page itself): flatten onto white.
        rgba = frame.convert("RGBA")
        flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat.alpha_composite(rgba)
        frame = flat.convert("L")
    elif frame.mode != "L":
        frame = frame.convert("L")
    fw, fh = frame.size
    scale = _capped_scale(fw, fh, 1.0)
    if scale < 1.0:
        frame = frame.resize((max(1, int(fw * scale)), max(1, int(fh * scale))), Image.LANCZOS)
    dpi = image.info.get("dpi")
    try:
        source_dpi = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        source_dpi = 0.0
    if source_dpi < 100:
        return frame, None
    # The dpi of the pixels tesseract sees, after any downscaling.
    return frame, max(1, round(source_dpi * max(frame.size) / max(width, height)))
