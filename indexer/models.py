"""The records every part of minhchung passes around: a file from the folder to the report.

All are small frozen dataclasses. Paths are always relative to the evidence root,
`/`-separated and NFC, so they compare equal whatever the operating system sent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Iterable


# --- the rubric -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubCriterion:
    """One scored item of the rubric (`1.2`), with the phrases a proof document would contain."""

    code: str
    title: str
    points: int
    keywords: tuple[str, ...]
    min_evidence: int = 1
    # Phrases one of which a document must also have to be suggested (`hài lòng` for a survey):
    # a drainage survey shares the keywords of a satisfaction survey, not this.
    context: tuple[str, ...] = ()
    # Phrases that, in a file's name or title, say it is about something else (`tuyển dụng` for
    # 3.3: a recruitment notice lists the applicants' `trình độ chuyên môn`, not the staff's).
    exclude: tuple[str, ...] = ()

    @property
    def criterion_code(self) -> str:
        return self.code.split(".", 1)[0]


@dataclass(frozen=True)
class Criterion:
    """A group of sub-criteria (`1`), whose points are the sum of theirs."""

    code: str
    title: str
    points: int
    subcriteria: tuple[SubCriterion, ...]


@dataclass(frozen=True)
class Rubric:
    """The scoring table a unit is assessed on, and who is assessed for which period."""

    unit: str
    criteria: tuple[Criterion, ...]
    version: str = "1"
    title: str = "Chính quyền thân thiện"
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    source: str = "rubric.toml"

    @property
    def total_points(self) -> int:
        return sum(c.points for c in self.criteria)

    def __hash__(self) -> int:
        # Tagging's caches are keyed on the rubric, asked once per file or folder name: hashing
        # its 24 sub-criteria and their keywords each time took 0.26 s of coverage at 10,000
        # files. Equal rubrics agree on these few fields; rubrics that differ elsewhere only
        # share a hash, and `==` tells them apart.
        return hash((self.unit, self.version, self.title, self.source, len(self.criteria)))

    # Cached (the rubric never changes): tagging asks for them once per file name.
    @cached_property
    def subcriteria(self) -> tuple[SubCriterion, ...]:
        return tuple(s for c in self.criteria for s in c.subcriteria)

    @cached_property
    def codes(self) -> frozenset[str]:
        """Every sub-criterion's code."""
        return frozenset(s.code for s in self.subcriteria)

    def subcriterion(self, code: str) -> SubCriterion | None:
        for s in self.subcriteria:
            if s.code == code:
                return s
        return None

    def criterion(self, code: str) -> Criterion | None:
        for c in self.criteria:
            if c.code == code:
                return c
        return None

    def in_period(self, day: dt.date | None) -> bool | None:
        """True/False when both a date and a period are known, else None."""
        if day is None or self.period_start is None or self.period_end is None:
            return None
        return self.period_start <= day <= self.period_end


# --- files and what is read from them ----------------------------------------------------------


class FileStatus(str, Enum):
    """How reading one file ended. Everything but OK is listed as a problem."""

    OK = "ok"
    NO_TEXT = "no-text"
    UNREADABLE = "unreadable"
    ENCRYPTED = "encrypted"
    EMPTY = "empty"
    TOO_LARGE = "too-large"

    @property
    def is_problem(self) -> bool:
        return self is not FileStatus.OK


class TagSource(str, Enum):
    """Why a file is tied to a sub-criterion; the first three prove, a keyword only suggests."""

    FILENAME = "filename"
    FOLDER = "folder"
    MANUAL = "manual"
    KEYWORD = "keyword"

    @property
    def proves(self) -> bool:
        return self is not TagSource.KEYWORD


@dataclass(frozen=True)
class ScannedFile:
    """A file found in the folder, before anything is read from it."""

    path: str  # relative, `/`-separated, NFC
    disk_path: str  # absolute, spelled as on disk
    size: int
    mtime_ns: int
    # Moves when the file is rewritten even if its size and mtime were put back (`cp -p`, a
    # copy tool keeping dates, a template copied over a file of the same length).
    ctime_ns: int = 0

    @property
    def abspath(self) -> Path:
        return Path(self.disk_path)


@dataclass(frozen=True)
class DocMeta:
    """The header of an administrative document (Decree 30/2020/NĐ-CP layout)."""

    number: str | None = None  # "91/KH-UBND"
    date: dt.date | None = None  # from "Phù Liễn, ngày 13 tháng 02 năm 2026"
    type: str | None = None  # "KẾ HOẠCH"


@dataclass(frozen=True)
class Extraction:
    """The text read from one file: one string per page (a DOCX is one page)."""

    status: FileStatus
    pages: tuple[str, ...] = ()
    detail: str = ""
    # "text", "ocr", "legacy-tcvn3", "legacy-vni" or None when nothing was read
    text_source: str | None = None
    ocr_pages: tuple[int, ...] = ()  # 1-based numbers of pages whose text came from OCR
    # (tokens that read, tokens) of the OCR'd pages' text (vietnamese.readable_words); None when
    # no page was OCR'd. See `reads_poorly`.
    ocr_quality: tuple[int, int] | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


@dataclass(frozen=True)
class Tag:
    """A file tied to a sub-criterion, with where that came from and why."""

    code: str
    source: TagSource
    confidence: float
    reason: str = ""


@dataclass(frozen=True)
class Evidence:
    """One indexed file: what the index knows about it and which sub-criteria it serves."""

    path: str
    title: str
    status: FileStatus
    size: int
    mtime_ns: int
    sha256: str
    pages: int = 0
    tags: tuple[Tag, ...] = ()
    general: bool = False
    text_source: str | None = None
    doc: DocMeta = field(default_factory=DocMeta)
    detail: str = ""
    ocr_pages: tuple[int, ...] = ()
    ctime_ns: int = 0  # as scanned when read: see ScannedFile
    ocr_quality: tuple[int, int] | None = None  # see Extraction; None also in a catalog from before it

    @property
    def ocr_poor(self) -> bool:
        """True when the text OCR gave this file is mostly junk (see `reads_poorly`)."""
        return reads_poorly(self.ocr_quality)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.code for t in self.tags))


# What each kind of problem is called in what staff read (JSON keeps the kinds themselves).
PROBLEM_LABEL = {
    "unreadable": "không đọc được",
    "encrypted": "có mật khẩu",
    "empty": "tệp rỗng",
    "no-text": "không lấy được chữ, chỉ gắn theo tên tệp và thư mục",
    "too-large": "quá lớn, không đọc",
    "partly-read": "chỉ đọc được một phần",
    "unknown-code": "mã không có trong bộ tiêu chí",
    "unmatched-tag": "dòng thẻ gán tay không khớp tệp nào",
    "disappeared": "bị xóa trong lúc cập nhật",
    "duplicate-name": "trùng tên với một tệp khác (chỉ khác cách mã hóa dấu)",
    "link-loop": "liên kết vòng, không theo",
    "outside-root": "liên kết ra ngoài thư mục minh chứng, không theo",
    "exported-bundle": "gói minh chứng đã xuất (minhchung export), không tính",
    "system-folder": "thư mục của hệ điều hành, không đọc",
    "ocr-poor": "bản scan đọc kém, nội dung có thể không tìm được — nên quét lại rõ hơn",
}


# When the OCR'd text of a file is judged junk: fewer than OCR_POOR_SHARE of its tokens read
# (vietnamese.readable_words), over at least OCR_JUDGED_WORDS tokens. Measured per file with the
# real Tesseract: the 51 scans and photos of the qa14 folder read 84-100 % (the worst a phone
# photo of a timetable whose grid came out as dashes), rendered pages blurred, noisy, at 72 dpi or
# 6 pt 88-100 %; junk read 58 % (a page tilted 25 degrees), 61 % (15 degrees), 72 % (wavy
# handwriting-like lines). An English certificate read upright 98 %, a table of figures 99 %.
OCR_POOR_SHARE = 0.78
# Fewer tokens are not judged: a photo of the ward's building read its banner as
# "HHHHRBRBĂHR" (4 of 10 tokens read), a page with only a stamp and a signature 3 of 7; such
# junk is too short to mislead anyone, and scanning them again would not help.
OCR_JUDGED_WORDS = 20


def reads_poorly(quality: tuple[int, int] | None) -> bool:
    """True for an OCR quality (tokens that read, tokens) that says the text is mostly junk."""
    if not quality:
        return False
    read, words = quality
    return words >= OCR_JUDGED_WORDS and read < words * OCR_POOR_SHARE


def ocr_poor_detail(quality: tuple[int, int]) -> str:
    """The detail of an `ocr-poor` note: how much of the OCR'd text reads."""
    read, words = quality
    return f"OCR read {round(100 * read / words)} % of {words} words as words"


# What the readers say of a file they could not read (kept in English in the catalog and the
# JSON, which scripts match), as staff read it. First match wins; `{0}` is the rest of the line.
_DETAILS_VI = [(re.compile(pattern), text) for pattern, text in (
    (r"^the file is 0 bytes$", "tệp 0 byte"),
    (r"^a bundle made by minhchung export: .*", "các tệp trong đó là bản sao: giải nén ra chỗ khác, ngoài thư mục minh chứng"),
    (r"^a link to a folder that holds it: not followed$", "liên kết trỏ về thư mục chứa nó"),
    (r"^links that point at each other in a circle: not followed$", "các liên kết trỏ vòng vào nhau"),
    (r"^a link to a place outside the evidence folder: not followed$", "nếu là minh chứng, hãy chép tệp vào thư mục minh chứng"),
    (r"^a folder of the system \((.+)\): not read$", "hệ thống tệp {0}: --root nên là thư mục minh chứng, không phải cả ổ đĩa"),
    (r"^damaged (PDF|\.docx?|\.xlsx?|\.pptx|RTF|OpenDocument file|image|web archive|file)(?: file)?: (.*)$", "{0} bị hỏng: {1}"),
    (r"^OCR failed: (.*)$", "OCR bị lỗi: {0}"),
    (r"^page (\d+) cannot be rendered \((.*)\)$", "không hiển thị được trang {0} ({1})"),
    (r"^image of (\d+) million pixels, over the limit of (\d+) million .*", "ảnh {0} triệu điểm ảnh, quá giới hạn {1} triệu"),
    (r"^image of too many pixels to read .*|^image too large to read \(.*\)$", "ảnh có quá nhiều điểm ảnh"),
    (r"^the PDF uses an encryption that cannot be opened \((.*)\)$", "PDF được mã hóa theo cách không mở được ({0})"),
    (r"^not a PDF file: .*", "không phải tệp PDF (hỏng hoặc bị đổi đuôi?)"),
    (r"^not a Word \.docx file .*", "không phải tệp Word .docx (tệp .doc hay tệp chữ bị đổi đuôi?)"),
    (r"^not an RTF file: .*", "không phải tệp RTF (hỏng hoặc bị đổi đuôi?)"),
    (r"^not a PowerPoint \.pptx file .*", "không phải tệp PowerPoint .pptx (tệp .ppt bị đổi đuôi?)"),
    (r"^not a (\.\w+) file: it is not a zip package .*", "không phải tệp {0} (hỏng hoặc bị đổi đuôi?)"),
    (r"^not a Word document .*", "không phải văn bản Word (tệp Office loại khác?)"),
    (r"^not an image Pillow can open .*", "không phải ảnh đọc được (hỏng hoặc bị đổi đuôi?)"),
    (r"^the PDF has no pages$", "tệp PDF không có trang nào"),
    (r"^the (?:PDF|Word file) is password-protected: .*|^password-protected .*", "lưu một bản không mật khẩu để đưa vào chỉ mục"),
    (r"^reading took longer than ([\d.]+) s: stopped$", "đọc quá {0} giây: đã dừng (chạy index với --timeout lớn hơn để đọc lại)"),
    (r"^reading took longer than ([\d.]+) s \((\d+) times the limit\): stopped$", "đọc quá {0} giây (gấp {1} lần giới hạn): đã dừng"),
    (r"^OCR stalled: no page finished in ([\d.]+) s: stopped$", "OCR bị treo: {0} giây không xong trang nào, đã dừng"),
    (r"^permission denied$", "không có quyền đọc (tệp đang mở ở máy khác?): sẽ đọc lại lần sau"),
    (r"^the file disappeared before it could be read$", "tệp bị xóa trước khi kịp đọc"),
    (r"^the file could not be read just now \((.*)\): tried again at the next run$", "chưa đọc được lúc này ({0}): sẽ đọc lại lần sau"),
    (r"^the file was deleted while the index was being updated$", "tệp bị xóa trong lúc cập nhật chỉ mục"),
    (r"^scanned pages not read: OCR is turned off \(--no-ocr\)$", "chưa đọc các trang scan: đang tắt OCR (--no-ocr)"),
    (r"^scanned pages not read: OCR is not installed$", "chưa đọc các trang scan: máy chưa cài OCR (Tesseract)"),
    (r"^image: OCR is turned off \(--no-ocr\)$", "ảnh: đang tắt OCR (--no-ocr)"),
    (r"^image not read: OCR is not installed$", "chưa đọc ảnh: máy chưa cài OCR (Tesseract)"),
    (r"^OCR found no text in the image$", "OCR không thấy chữ trong ảnh"),
    (r"^the (?:document|file|page|slides|spreadsheet) ha(?:s|ve) no text$", "tệp không có chữ nào"),
    (r"^no text layer \(a scan\?\)$", "không có lớp chữ (bản scan?)"),
    (r"^(\d+) MB is over the (\d+) MB limit: listed, not read$", "{0} MB, quá giới hạn {1} MB: chỉ liệt kê, không đọc"),
    (r"^too large to read within the memory limit$",
     "quá lớn, không đọc được trong giới hạn bộ nhớ (--memory-mb); tệp lớn hơn --max-file-mb chỉ được liệt kê"),
    (r"^the file's structure is nested too deeply$", "cấu trúc tệp lồng quá sâu, không đọc được"),
    (r"^refused: its XML defines entities that expand .*", "XML trong tệp có thực thể (entity) nở ra quá giới hạn: tệp Office thật không có (tệp cố ý gây hại?)"),
    (r"^its XML is too large to read .*", "XML trong tệp quá lớn, vượt giới hạn của chương trình đọc"),
    (r"^only the first (\d+) rows of sheet (.*) were read, not the (\d+) sheets? after it \(cell limit\)$",
     "chỉ đọc {0} dòng đầu của trang tính {1}, không đọc {2} trang tính sau nó: quá 500.000 ô có chữ"),
    (r"^only the first (\d+) rows of sheet (.*) were read \(cell limit\)$", "chỉ đọc {0} dòng đầu của trang tính {1}: quá 500.000 ô có chữ"),
    (r"^sheet (.*) was not read, nor the (\d+) sheets? after it \(cell limit\)$", "không đọc trang tính {0} và {1} trang tính sau nó: quá 500.000 ô có chữ"),
    (r"^sheet (.*) was not read \(cell limit\)$", "không đọc trang tính {0}: quá 500.000 ô có chữ"),
    (r"^(.+): tagged by its name and folder only$", "{0}: loại tệp này không đọc được chữ"),
    (r"^the path is longer than the system allows: .*", "đường dẫn dài quá mức hệ thống cho phép: rút gọn tên các thư mục bên trên"),
    (r"^same name as (.*)$", "trùng tên với {0}"),
    (r"^the reader crashed or ran out of memory on this file$", "chương trình đọc bị lỗi hoặc hết bộ nhớ với tệp này"),
    (r"^OCR read (\d+) % of (\d+) words as words$", "chỉ {0}% trong {1} chữ OCR đọc ra thành chữ"),
)]  # fmt: skip


# The end of the detail of a workbook read only in part: past the reader's limit of cells, the
# rest was left out. Its record keeps status ok and the text read; it is listed as `partly-read`.
CELL_LIMIT = " (cell limit)"

# The detail of a file read before that cannot be read now for a passing reason (a lock, a
# permission taken away, the share): its record keeps status ok, text and tags (see build).
LAST_VERSION_KEPT = ": the version read before is kept"


def code_order(code: str) -> tuple:
    """A key that sorts codes as the rubric numbers them: 1.2 before 1.10, 2 before 2.1."""
    return tuple((0, int(p)) if p.isdecimal() else (1, p) for p in code.split("."))


def decimal(value: float, places: int = 1) -> str:
    """A number as Vietnamese writes it: `0,90`, `5,4` (a decimal comma)."""
    return f"{value:.{places}f}".replace(".", ",")


def detail_vi(detail: str) -> str:
    """A reader's detail about a file in Vietnamese when it is one of the known ones, else as is."""
    kept = ": its files already indexed are kept as they were"
    if detail.endswith(kept):  # a folder the scan could not list: why, then what was kept
        return f"{detail_vi(detail[: -len(kept)])}: các tệp trong đó đã có trong chỉ mục được giữ nguyên"
    if detail.endswith(LAST_VERSION_KEPT):
        return f"{detail_vi(detail[: -len(LAST_VERSION_KEPT)])}; chỉ mục giữ bản đã đọc lần trước"
    for pattern, text in _DETAILS_VI:
        if m := pattern.match(detail):
            # Seconds as staff write them (`2,5 giây`); other numbers are names and sizes.
            return text.format(*(g.replace(".", ",") if "giây" in text and re.fullmatch(r"[\d.]+", g) else g for g in m.groups()))
    return detail


@dataclass(frozen=True)
class Problem:
    """A file that could not be used as it is, or a name that points nowhere; one line each."""

    path: str
    problem: str  # a FileStatus value, or "unknown-code", "disappeared", ... (see PROBLEM_LABEL)
    detail: str = ""

    def line(self) -> str:
        """`path: label (detail)`, the label in Vietnamese, for the terminal and the watcher's log."""
        return f"{self.path}: {PROBLEM_LABEL.get(self.problem, self.problem)}" + (f" ({detail_vi(self.detail)})" if self.detail else "")


def problem_of(ev: "Evidence") -> Problem | None:
    """The problem line an indexed file stands for: a problem status, a last version kept, a
    workbook read only in part, or a scan whose OCR'd text is mostly junk (`ocr-poor`: a note)."""
    return problem_for(ev.path, ev.status.value, ev.detail, ev.ocr_quality)


def problem_for(path: str, status: str, detail: str, ocr_quality: tuple[int, int] | None = None) -> Problem | None:
    """`problem_of` for a catalog row's path, status, detail and OCR quality."""
    if FileStatus(status).is_problem:
        return Problem(path, status, detail)
    if detail.endswith(LAST_VERSION_KEPT):
        return Problem(path, FileStatus.UNREADABLE.value, detail)
    if detail.endswith(CELL_LIMIT):
        return Problem(path, "partly-read", detail)
    if ocr_quality and reads_poorly(ocr_quality):
        # The file keeps status ok and counts as proof by its name or folder: only its text is
        # unreliable (search may miss it, keyword suggestions were made from junk).
        return Problem(path, "ocr-poor", ocr_poor_detail(ocr_quality))
    return None


# Why a photo has no text: normal for a ward's photos of its meetings (the first), or OCR off.
PHOTO_WITHOUT_TEXT = "OCR found no text in the image"
IMAGE_NOT_READ_OCR_OFF = "image: OCR is turned off (--no-ocr)"
IMAGE_NOT_READ_NO_OCR = "image not read: OCR is not installed"
# The bundled rubric names no unit (reports leave a blank): how a ward names itself, said by
# index, export and the coverage reports alike, once each, on one line (every one of them makes
# something with the blank in it; search, files and tag do not say it).
NO_UNIT_NOTICE = (
    "Chưa có tên đơn vị: đặt trong thư mục minh chứng tệp rubric.toml gồm hai dòng [unit] và "
    'name = "UBND xã ..." / no unit name: add a two-line rubric.toml to the evidence folder'
)
PHOTOS_LISTED = 3  # more photos than this with one of these details take one line
_PHOTO_DETAILS = (PHOTO_WITHOUT_TEXT, IMAGE_NOT_READ_OCR_OFF, IMAGE_NOT_READ_NO_OCR)


def listed_problems(problems: Iterable[Problem]) -> tuple[list[Problem], list[str]]:
    """The problems to show one per line, and apart from them the notes on photos without text:
    a ward's photos of its meetings have none, and 22 of them under "Tệp có vấn đề" alarmed
    staff and buried the one damaged file. More than a few photos take one line per reason.
    Scans OCR read poorly (`ocr-poor`) are notes too, one line each: the file is usable as proof,
    only its text is not to be trusted, and each is a sheet to scan again."""
    problems = list(problems)
    poor = [p for p in problems if p.problem == "ocr-poor"]
    problems = [p for p in problems if p.problem != "ocr-poor"]
    photos: dict[str, list[Problem]] = {}
    for p in problems:
        if p.problem == "no-text" and p.detail in _PHOTO_DETAILS:
            photos.setdefault(p.detail, []).append(p)
    listed = [p for p in problems if not (p.problem == "no-text" and p.detail in _PHOTO_DETAILS)]
    notes: list[str] = []
    for detail in sorted(photos):
        if len(photos[detail]) > PHOTOS_LISTED:
            notes.append(f"{len(photos[detail])} ảnh không có chữ — {detail_vi(detail)}; chỉ gắn theo tên tệp và thư mục (danh sách: minhchung files)")
        else:
            notes += [f"{p.path}: ảnh không có chữ — {detail_vi(detail)}; chỉ gắn theo tên tệp và thư mục" for p in photos[detail]]
    notes += [f"{p.path}: {PROBLEM_LABEL['ocr-poor']} ({detail_vi(p.detail)})" for p in poor]
    return listed, notes


@dataclass(frozen=True)
class IndexReport:
    """What one `index` run did."""

    added: int = 0  # renamed files not included: a rename is one change, counted in `renamed`
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    problems: tuple[Problem, ...] = ()
    renamed: int = 0  # files moved or renamed, whose text was not read again (nor added, nor removed)
    retagged: int = 0  # unchanged files whose tags changed with the rubric or the tagging rules
    index_dir: str = ""
    seconds: float = 0.0
    timings: tuple[tuple[str, float], ...] = ()  # (stage, seconds) for the benchmark
    notices: tuple[str, ...] = ()  # run-wide advice said once (how to enable OCR)


@dataclass(frozen=True)
class StoredDoc:
    """What the text index holds for one file: its texts as written, page by page, and its codes."""

    path: str
    name: str
    title: str
    pages: tuple[str, ...]
    codes: tuple[str, ...]
    doc_key: str | None


@dataclass(frozen=True)
class TextHit:
    """One file the text index found: its score and the page (0-based) that matches best."""

    path: str
    score: float
    page: int
    text: str  # that page's text, as written
    together: bool = False  # the query's words stand side by side in it (see store.PHRASE_BONUS)
    written: bool = False  # it holds the word typed with marks as written (see store.marked_words)


# --- answers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One search result: a file, its best page and a highlighted snippet."""

    path: str
    score: float
    codes: tuple[str, ...]
    title: str
    snippet: str
    page: int | None
    highlights: tuple[tuple[int, int], ...] = ()  # (start, end) of matched words in the snippet
    doc: DocMeta = field(default_factory=DocMeta)
    text_source: str | None = None
    from_ocr: bool = False
    suggested: tuple[str, ...] = ()  # the codes only keywords suggest: not proof until confirmed
    copies: tuple[str, ...] = ()  # other files with the same bytes, shown once under this one


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[Hit, ...]
    partial: bool = False  # no file has every word typed: these have some of them


class Status(str, Enum):
    """Where a sub-criterion stands for the reviewer."""

    PROVEN = "proven"
    SUGGESTED = "suggested"
    MISSING = "missing"


@dataclass(frozen=True)
class EvidenceRef:
    """A file listed under a sub-criterion in the coverage report."""

    path: str
    source: TagSource
    confidence: float
    reason: str = ""
    doc: DocMeta = field(default_factory=DocMeta)
    in_period: bool | None = None
    sha256: str = ""
    title: str = ""
    # Whether this file counts toward the sub-criterion's proof; a keyword match never does, nor
    # a named file that is a summary report or cannot be opened (then `note` says why).
    proves: bool = False
    note: str = ""
    copy_of: str = ""  # an earlier listed file with the same bytes: counted once


@dataclass(frozen=True)
class SubCriterionCoverage:
    subcriterion: SubCriterion
    status: Status
    provable: int
    evidence: tuple[EvidenceRef, ...] = ()
    proofs: int = 0  # distinct files (by content) that count as proof; compare with min_evidence

    @property
    def out_of_period_only(self) -> bool:
        """Proven by documents dated outside the assessment period only: the points are counted,
        but a reviewer may turn down last year's plan as this year's proof."""
        counted = [r for r in self.evidence if r.proves and not r.copy_of]
        return self.status is Status.PROVEN and bool(counted) and all(r.in_period is False for r in counted)


@dataclass(frozen=True)
class CriterionCoverage:
    criterion: Criterion
    provable: int
    subcriteria: tuple[SubCriterionCoverage, ...]


@dataclass(frozen=True)
class Coverage:
    """The rubric with each sub-criterion's status and evidence, and the provable score."""

    rubric: Rubric
    criteria: tuple[CriterionCoverage, ...]
    problems: tuple[Problem, ...]
    general: tuple[str, ...] = ()  # paths of summary documents that prove nothing by themselves
    generated: dt.date | None = None
    indexed_at: str = ""  # when the index was last brought up to date (ISO), "" if unknown

    @property
    def subcriteria(self) -> tuple[SubCriterionCoverage, ...]:
        return tuple(s for c in self.criteria for s in c.subcriteria)

    @property
    def out_of_period_only(self) -> tuple[SubCriterionCoverage, ...]:
        return tuple(s for s in self.subcriteria if s.out_of_period_only)

    @property
    def gaps(self) -> tuple[SubCriterionCoverage, ...]:
        """Sub-criteria that are not proven (what `--strict` fails on)."""
        return tuple(s for s in self.subcriteria if s.status is not Status.PROVEN)

    @property
    def provable(self) -> int:
        return sum(c.provable for c in self.criteria)

    @property
    def max_points(self) -> int:
        return self.rubric.total_points


@dataclass(frozen=True)
class TagChange:
    """What one `tag` or `untag` did to one file's manual tags."""

    path: str
    sha256: str
    confirmed: tuple[str, ...] = ()  # codes now proven by a manual tag
    removed: tuple[str, ...] = ()  # manual tags taken away
    dismissed: tuple[str, ...] = ()  # keyword suggestions a reviewer turned down
    notes: tuple[tuple[str, str], ...] = ()  # (code, what the reviewer should know: nothing to do, ...)
    tags_file: str = ""


@dataclass(frozen=True)
class DuplicateGroup:
    """Files with the same bytes under different names or folders: one proof, however many copies."""

    sha256: str
    size: int  # bytes of one copy
    paths: tuple[str, ...]  # sorted; two or more

    @property
    def wasted(self) -> int:
        """Bytes taken by the copies beyond the first."""
        return self.size * (len(self.paths) - 1)


# --- the city's roll-up across units ----------------------------------------------------------


@dataclass(frozen=True)
class UnitScore:
    """One unit's row in the city's table, read from its `coverage --json` report."""

    unit: str
    source: str  # the report file it was read from
    rubric_version: str | None
    provable: int
    max_points: int
    subtotals: tuple[tuple[str, int], ...]  # (criterion code, provable points)
    missing: tuple[str, ...] = ()  # sub-criteria with nothing at all
    suggested: tuple[str, ...] = ()  # sub-criteria with only keyword suggestions
    period: tuple[str, str] | None = None  # (start, end) ISO dates
    generated: str | None = None

    @property
    def lacking(self) -> tuple[str, ...]:
        """Sub-criteria without proof (missing or only suggested)."""
        return self.missing + self.suggested

    def subtotal(self, code: str) -> int | None:
        """Provable points of criterion `code`, None when this unit's rubric has no such criterion."""
        return dict(self.subtotals).get(code)


@dataclass(frozen=True)
class SubCriterionNeed:
    """How many units lack proof for one sub-criterion: where the city should help."""

    subcriterion: SubCriterion
    missing: tuple[str, ...]  # units with nothing at all
    suggested: tuple[str, ...]  # units with only suggestions
    assessed: int  # units whose rubric has this sub-criterion

    @property
    def lacking(self) -> int:
        return len(self.missing) + len(self.suggested)


@dataclass(frozen=True)
class Rollup:
    """The city's table: one row per unit, then per sub-criterion how many units lack proof."""

    criteria: tuple[Criterion, ...]  # the columns (all criteria seen, in rubric order)
    units: tuple[UnitScore, ...]  # best provable score first
    needs: tuple[SubCriterionNeed, ...]  # most lacking first
    rubric_title: str = ""
    versions: tuple[str, ...] = ()  # distinct rubric versions; more than one only with --force
    warnings: tuple[str, ...] = ()


# --- the evidence bundle for reviewers ---------------------------------------------------------


@dataclass(frozen=True)
class BundleEntry:
    """One file of the evidence bundle: where it goes in the bundle and where it came from."""

    kind: str  # "proof" (in the sub-criterion's folder) or "review" (suggested only, in the review folder)
    code: str  # the sub-criterion it serves
    bundle_path: str  # inside the bundle, `/`-separated; copies of one content share the first copy's
    path: str  # relative to the evidence root, as indexed
    sha256: str
    size: int
    doc: DocMeta = field(default_factory=DocMeta)
    source: TagSource = TagSource.FILENAME
    note: str = ""
    copy_of: str = ""  # an earlier file with the same bytes in this folder: not copied again

    @property
    def copied(self) -> bool:
        return not self.copy_of


@dataclass(frozen=True)
class ExportReport:
    """What one export wrote."""

    output: str
    kind: str  # "zip" or "folder"
    files: int  # file copies written (a file proving two sub-criteria counts twice)
    bytes: int  # bytes of evidence copied (before compression)
    proven: int  # sub-criteria with proof in the bundle
    subcriteria: int
    review: int  # files in the review folder
    not_copied: tuple[Problem, ...] = ()  # problem files listed, not copied
    warnings: tuple[str, ...] = ()  # files changed or gone since the index was built
    seconds: float = 0.0
    unnamed: bool = False  # the rubric names no unit: the bundle's reports leave it blank
