"""Tie files to sub-criteria: by the code in the file name, by the folder, or by content keywords.

Every tag carries its source, a confidence and a reason a reviewer can read ("tên tệp: TC1.2",
"thư mục: Tieu chi 1/1.3 So dien thoai", "từ khóa: đường dây nóng ×3"). Names and folders prove;
keywords only suggest. A document that speaks of most of the rubric at once (a summary report)
is marked general and suggests nothing.
"""

from __future__ import annotations

import math
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from .models import Problem, Rubric, Tag, TagSource
from .vietnamese import VIETNAMESE_LETTERS, clean_unicode, fold, normalize, split_words

# --- codes in file and folder names ------------------------------------------------------------
#
# Staff write codes every way: `1.2_x`, `1.2. x`, `TC 1.2`, `TIÊU CHÍ 1.2`, `Tieu chi 1 - 1.2`,
# `Muc 1.2`, `ND 1.2`, `MC1.2`, `1_2 x`, `(1.2)`, `x - 1.2`, `TC1.3+1.7`, after a date
# (`2026-03-01 1.4 x`) or a list number (`01_1.1_x`). Dates (`13.02.2026`, `02.3-06.3.2026`,
# `T3.2026`, `20260314`) and versions (`v1.2`) are blanked out first so their digits never read
# as codes. A code with a prefix, in brackets or at the start of a name is certain; a bare pair
# elsewhere (`Danh muc DVC 4.5`) counts only when the rubric has that code.

# Words that announce a code: TC, TCTP, Tiêu chí (con, thành phần), tiểu tiêu chí, Mục, Nội dung, Minh chứng, Chỉ tiêu.
_PREFIX = (
    r"(?:t\.?\s*c\.?(?:\s*c)?|t\.?\s*c\.?\s*t\.?\s*p|t\.?\s*t\.?\s*c|tieu\s*chi(?:\s*con|\s*thanh\s*phan)?|tieu\s*tieu\s*chi|tieu\s*muc"
    r"|(?<!danh\s)muc|n\.?\s*d|noi\s*dung|m\.?\s*c|minh\s*chung|chi\s*tieu)"
)
_NO_LETTER_BEFORE = r"(?<![a-z0-9])"
_PAIR = r"(\d{1,2})[.,](\d{1,2})(?!\d)"  # 1.2 (a third level, 2.4.1, is cut to its sub-criterion)
_JOIN = r"\s*(?:\+|,|;|&|/|\bva\b|\band\b|-|–)\s*"
_MORE = rf"((?:{_JOIN}(?:{_PREFIX}[\s._-]*)?\d{{1,2}}[.,]\d{{1,2}}(?!\d))*)"

# `Tieu chi 1 - 1.2`, `TC1_1.2`: the criterion, then the sub-criterion.
_PREFIXED_TWICE_RE = re.compile(rf"{_NO_LETTER_BEFORE}{_PREFIX}\s*(?:so\s*)?(\d{{1,2}})\s*[-_:\s]\s*{_PAIR}{_MORE}")
# `Tiêu chí 1 mục 4`, `TC 3, nội dung 2`: the criterion, then its item by a word. Matched on
# the name with its marks: folded, `mức` (a level) would read `mục`, and `NĐ 30` (a decree) `ND`.
_CRITERION_ITEM_RE = re.compile(
    r"(?<![^\W\d_])(?:tc|tiêu\s*chí|tieu\s*chi)[\s._-]*(?:số\s*|so\s*)?(\d{1,2})\s*[,:._(-]?\s*"
    r"(?:mục|muc|nội\s*dung|noi\s*dung|nd)[\s._-]*(?:số\s*|so\s*)?(\d{1,2})"
    # `mục 1-3`, `mục 1 đến 3` (a range), `nội dung 2, 4 và 5` (a list)
    r"((?:\s*(?:-|–|đến|den)\s*\d{1,2}(?![\d.,]*\d|\s*/))?(?:\s*(?:,|;|\+|&|và|va)\s*\d{1,2}(?![\d.,]*\d|\s*/))*)"
    r"(?![\d.,]*\d|\s*/)"
)
_ITEM_WORD_RE = re.compile(r"(?:muc|n\.?\s*d|noi\s*dung)(?![a-z])")
_ITEM_MORE_RE = re.compile(r"(-|–|đến|den)?\s*(\d{1,2})")
# `TC1.2`, `TC 1-2`, `TC_1_2`, `Tiêu chí số 1.2`.
_PREFIXED_RE = re.compile(rf"{_NO_LETTER_BEFORE}{_PREFIX}[\s._:-]*(?:so\s*)?(\d{{1,2}})\s*[.,_-]\s*(\d{{1,2}})(?!\d){_MORE}")
_BRACKETED_RE = re.compile(rf"[(\[]\s*{_PAIR}{_MORE}\s*[)\]]")
_LEADING_RE = re.compile(rf"^{_PAIR}{_MORE}")
_LEADING_DASH_RE = re.compile(r"^(\d{1,2})\s*[-_]\s*(\d{1,2})(?=[\s_)\].]|$)")
_LIST_NUMBER_RE = re.compile(r"^\d{1,3}\s*(?:[.)]\s+|[-_]\s*|\s+)(?=\d{1,2}[.,]\d{1,2}(?!\d))")
# A further code after the one that starts a name, joined by `_` or spaces (`2.4_2.5 Thu`, `2.4 2.5
# Thu`): `digit.digit` standing alone, a code only if the rubric has it (`1.2 3 ban`, `2.4 2026`
# and a blanked month `TC2.4 12.2026` are none).
_RUN_CODE_RE = re.compile(r"[\s_]+(\d{1,2})\.(\d{1,2})(?=[\s_~)\]-]|$)")
# A bare pair that ends the name, or stands between separators: a code only if the rubric has it.
_WEAK_RE = re.compile(r"(?:^|[\s_(\[-])(\d{1,2})[.,](\d{1,2})(?=\s*$|\s*[-_~])")
_ANY_PAIR_RE = re.compile(r"(\d{1,2})[.,](\d{1,2})")
# The ward's report numbers its criteria I-IV: `II.2 Tra ket qua`, `Tiêu chí III - 5`, `TC II mục
# 4`. Capitals only (`vi.2`, `xi` are words); a bare one must start the name (after a list number).
_ROMAN = r"(I{1,3}|IV|VI{0,3}|IX|X)"
_ROMAN_RES = (
    re.compile(rf"^[\s(\[]*(?:\d{{1,3}}\s*[.)]\s+)?{_ROMAN}\s*\.\s*(\d{{1,2}})(?![\d.,]*\d)"),
    # The separators of the digit forms (`TC 1 - 2`, not `TC I: 2 bản`, two copies).
    re.compile(
        rf"(?<![^\W\d_])(?i:tc|tiêu\s*chí|tieu\s*chi)[\s._-]*(?i:số\s*|so\s*)?{_ROMAN}"
        r"(?:\s*[-–._]\s*|\s+(?i:mục|muc|nội\s*dung|noi\s*dung|nd)[\s._-]*(?i:số\s*|so\s*)?)(\d{1,2})(?![\d.,]*\d|\s*/)"
    ),
)
# `Tiêu chí I - 1.2 Bảng phí`, `TC II - 2.4`: the criterion, then the whole code (as `Tieu chi 1 - 1.2`).
_ROMAN_TWICE_RE = re.compile(
    rf"(?<![^\W\d_])(?i:tc|tiêu\s*chí|tieu\s*chi)[\s._-]*(?i:số\s*|so\s*)?{_ROMAN}\s*[-–_:\s]\s*"
    rf"(\d{{1,2}})[.,](\d{{1,2}})(?:\.\d{{1,2}})?(?![\d.,]*\d)(?i:{_MORE})"
)
_ROMAN_HINT_RE = re.compile(r"(?<![^\W\d_])[IVX]{1,4}\b")
_TWO_DIGITS_RE = re.compile(r"\d\D*\d")

_EXTENSION_RE = re.compile(
    r"\.(pdf|docx?|docm|xlsx?|xlsm|pptx?|odt|ods|odp|rtf|txt|jpe?g|png|heic|webp|bmp|gif|tiff?|zip|rar|7z|mp4|mov)$"
)
_YEAR = r"(?:19|20)\d{2}"
_BLANKS = [
    # Date ranges first (`02.3-06.3.2026`), then dates and months in every order and separator.
    re.compile(rf"(?<!\d)\d{{1,2}}[./-]\d{{1,2}}\s*[-–]\s*\d{{1,2}}[./-]\d{{1,2}}[./-](?:{_YEAR}|[23]\d)(?!\d)"),
    re.compile(rf"(?<!\d){_YEAR}[./_-]\d{{1,2}}[./_-]\d{{1,2}}(?!\d)"),
    re.compile(rf"(?<!\d)\d{{1,2}}[./_-]\d{{1,2}}[./_-](?:{_YEAR}|[23]\d)(?![\d.,])"),
    re.compile(r"(?<!\d)20\d{2}[01]\d[0-3]\d(?!\d)"),  # 20260314 (phone and scanner names)
    re.compile(rf"(?<![\d.,])\d{{1,2}}[./_-]{_YEAR}(?!\d)"),  # 3.2026, T3/2026
    # Versions: `v1.2`, `ver 2`, `bản 2.1`, `lần 2.1`, `bản sửa 1.2`, `rev 1.2` (not `biên bản 2.4`).
    re.compile(r"(?<![a-z])v(?:er(?:sion)?)?\.?\s*\d+(?:[.,]\d+)*"),
    # (`lần` alone is no version word: Lan is a given name, `Thu cam on chi Lan 2.4`.)
    re.compile(r"(?<![a-z])(?P<keep>(?:bien|van)[\s_-]*)?(?:ban|rev|(?:chinh[\s_]*)?sua[\s_]*lan)(?:[\s_]+(?:sua|cuoi|chinh[\s_]*sua))?[\s_]*\d+(?:[.,]\d+)+"),
    # Days and months: `ngày 2.4`, `từ 1.4 đến 3.4` (a whole date was blanked above).
    re.compile(r"(?<![a-z])ngay[\s_]*\d{1,2}[./,-]\d{1,2}(?![\d.,]*\d)"),
    re.compile(r"(?<![a-z])tu[\s_]*\d{1,2}[./,]\d{1,2}[\s_]*(?:den|-)[\s_]*\d{1,2}[./,]\d{1,2}(?!\d)"),
    # Percentages and amounts: `4.5%`, `2,5%`, `1,5 tỷ`, `3,2 triệu đồng`; not `2.6 Tỷ lệ hài lòng`,
    # `3.1 Triệu tập`, `1.6 Ngân sách` (no code prefix before an amount either: `TC2.6 Ty le`).
    re.compile(r"(?<![\d.,])(?P<keep>(?:tc|tieu[\s_]*chi|mc|muc|nd)[\s._-]*)?\d{1,3}(?:[.,]\d+)+[\s_]*"
               r"(?:%|phan[\s_]*tram\b|(?:ty|trieu)\b(?![\s_]*(?:le|tap|chung)\b))"),
    # An appendix's number: `Phụ lục 1.3 - Danh sách`, `PL II.1` (its tables are not rubric items).
    re.compile(r"(?<![a-z])(?:phu[\s_]*luc|pl)[\s_.:-]*(?:so[\s_]*)?(?:[ivx]+\b|\d+)(?:[.,]\d+)*"),
]
# Quantities, matched with marks and case (`1.6 km`, `3.3 m2`, `2,5 tấn`, `1.5 ha lúa`), so that a
# code before a name stays a code: `2.4 Tạ Văn Hùng`, `2.4 Tấn Tài`, `2.5 tan hung`, `2.4 ha thi mai`.
# What is weighed or measured after `tan`/`ha` without marks: only words no name is made of
# (`2.4 ha dat`, `2.4 tan hang` are Hà Đạt, Tân Hằng).
_MEASURED = (
    r"(?:gạo|gao|lúa|lua|thóc|thoc|ngô|sắn|đất|rừng|rung|rác|rac|hàng|phân|xi măng|xi mang|muối|muoi|cá|cây|"
    r"hoa màu|hoa mau|mặt nước|mat nuoc|dự án|du an|diện tích|dien tich|thực phẩm|thuc pham|lương thực|luong thuc)"
)
_LAND_USE = (
    r"(?:lúa|lua|nông nghiệp|nong nghiep|công ích|cong ich|ở|o|rừng|rung|trồng|trong|sản xuất|san xuat|"
    r"canh tác|canh tac|phi nông nghiệp|phi nong nghiep|thổ cư|tho cu|chuyên dùng|chuyen dung)"
)
_QUANTITY_RE = re.compile(
    r"(?<![\d.,])(?P<keep>(?i:tc|mc|tiêu\s*chí|tieu\s*chi|mục|muc|nd|nội\s*dung|noi\s*dung)[\s._-]*)?\d{1,3}(?:[.,]\d+)+[\s_]*"
    # Units no name is spelt as, in any case (`1.6 Km`, `2.5 Kg`, `3.3 M2`); `m` alone in lower case.
    r"(?:(?:(?i:km²|km2|km|m²|m³|m2|m3|cm|mm|kg|lít|lit)|m)(?![^\W_])"
    # `tấn`, `tạ` with their marks and in lower case are weights whatever follows; `tan`, `ha` without
    # marks (also Tân, Hà) only before what is weighed or measured.
    rf"|(?:tấn|tạ)(?![^\W_])|(?:tan|ha|hà)[\s_]+{_MEASURED}(?![^\W_])"
    # Hectares as the land office writes them: `2.3ha`, `hecta`, `ha đất lúa` (Hà Đạt has no `lúa`).
    rf"|(?<=\d)ha(?![^\W_])|(?i:hecta|héc[\s-]?ta|hec[\s-]?ta)(?![^\W_])|(?:ha|hà)[\s_]+(?:đất|dat)[\s_]+{_LAND_USE}(?![^\W_]))"
)
_COPY_RE = re.compile(r"(?:\s*\(\d\)|\s*-\s*(?:copy|sao chep|ban sao))+\s*$")
# What Windows, macOS and staff call a copy: `x (1).docx`, `x - Copy.docx`, `Copy of x.docx`, `Bản sao x`.
_COPY_NAME_RE = re.compile(r"(?:\(\d{1,2}\)|-\s*(?:copy|sao chep|ban sao)(?:\s*\(\d{1,2}\))?|\bcopy)\s*$|^(?:copy of|ban sao(?: cua)?|sao chep)\b")
_BLANK = " ~ "  # stands where a date was: breaks adjacency, is no digit and no separator


def looks_like_a_copy(path: str) -> bool:
    """True when a file's name says it is a copy of another (`Thu cam on (1).docx`, `Copy of x.pdf`)."""
    stem = _EXTENSION_RE.sub("", fold(normalize(path.rsplit("/", 1)[-1])).lower()).strip()
    return _COPY_NAME_RE.search(stem) is not None


def _clean_name(name: str) -> str:
    text = _QUANTITY_RE.sub(_blank_unless_kept, normalize(name))
    text = fold(text).lower().strip()
    text = _COPY_RE.sub("", _EXTENSION_RE.sub("", text))
    for pattern in _BLANKS:
        text = pattern.sub(_blank_unless_kept, text)
    return text.strip()


def _blank_unless_kept(m: re.Match) -> str:
    # A blank whose `keep` group matched is no version or amount after all: `biên bản 2.4`.
    return m.group(0) if "keep" in m.re.groupindex and m.group("keep") else _BLANK


def _pairs(first: str, second: str, more: str | None) -> list[str]:
    found = [f"{int(first)}.{int(second)}"]
    found.extend(f"{int(a)}.{int(b)}" for a, b in _ANY_PAIR_RE.findall(more or ""))
    return found


def _name_codes(name: str) -> tuple[list[str], list[str]]:
    """(certain codes, codes only if the rubric has them) announced by one file or folder name."""
    certain, weak, _, _ = _name_codes_cached(name)
    return list(certain), list(weak)


def _bare_codes(name: str, known: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The codes of a name that no prefix or bracket announces: a pair that starts or ends it
    (`1.1 Thu xin loi`), which may be a list number as well as a code. A run of codes the rubric
    has (`2.4_2.5 Thu`) numbers no list, as `2.4+2.5 Thu` does not."""
    certain, weak, leading, run = _name_codes_cached(name)
    if any(c in known for c in run):
        return tuple(c for c in weak if c not in certain and c not in run)
    return (*leading, *(c for c in weak if c not in certain))


@lru_cache(maxsize=1 << 14)
def _name_codes_cached(name: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    # Folder names repeat for every file inside them; each `index` run reads all names again.
    certain, weak, leading, run = _read_name_codes(name)
    return tuple(certain), tuple(weak), tuple(leading), tuple(run)


def _read_name_codes(name: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """(certain codes, codes only if the rubric has them, a bare code that may number a list,
    the further codes of a run that starts the name joined by `_` or spaces)."""
    roman = _roman_codes(name) if _ROMAN_HINT_RE.search(name) else []
    if not _TWO_DIGITS_RE.search(name):
        return [], roman, [], []  # every other code is two numbers: most names are settled here
    text = _clean_name(name)
    certain: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _PREFIXED_TWICE_RE.finditer(text):
        certain += _pairs(m.group(2), m.group(3), m.group(4))
        spans.append(m.span())
    before_items = len(certain)
    for m in _CRITERION_ITEM_RE.finditer(normalize(name).lower()):
        criterion, last = int(m.group(1)), int(m.group(2))
        certain.append(f"{criterion}.{last}")
        for joint, item in _ITEM_MORE_RE.findall(m.group(3)):
            # Items go up and stay below 10: `mục 3 - 10 anh` is item 3 and ten photos, `mục 4 - 1
            # Thu` item 4 and a list number, `mục 3, 2 bản` item 3 and two copies.
            if not last < int(item) <= 9:
                break
            items = range(last + 1, int(item) + 1) if joint else [int(item)]
            certain += [f"{criterion}.{n}" for n in items]
            last = int(item)
    itemized = len(certain) > before_items
    for m in _PREFIXED_RE.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        if itemized and _ITEM_WORD_RE.match(m.group(0)):
            continue  # `TC1 mục 3 - 10 ảnh`: after a criterion, `mục 3` is an item, `3 - 10` no code
        certain += _pairs(m.group(1), m.group(2), m.group(3))
        spans.append(m.span())
    for m in _BRACKETED_RE.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            certain += _pairs(m.group(1), m.group(2), m.group(3))
            spans.append(m.span())
    head = _LIST_NUMBER_RE.sub("", text.lstrip(" ~_-.(["), count=1)
    offset = len(text) - len(head)
    leading: list[str] = []
    first_end = None  # where the code that starts the name ends
    if m := _LEADING_RE.match(head):
        leading = _pairs(m.group(1), m.group(2), m.group(3))
        spans.append((offset, offset + m.end()))
        first_end = offset + m.end()
    elif m := _LEADING_DASH_RE.match(head):
        leading = [f"{int(m.group(1))}.{int(m.group(2))}"]
        spans.append((offset, offset + m.end()))
        first_end = offset + m.end()
    else:
        first_end = next((b for a, b in spans if a == offset), None)  # `TC2.4_2.5 Thu`
    run: list[str] = []
    while first_end is not None and (m := _RUN_CODE_RE.match(text, first_end)):
        run.append(f"{int(m.group(1))}.{int(m.group(2))}")
        spans.append((first_end, m.end()))
        first_end = m.end()
    announced = set(certain)
    certain += leading
    weak = run + [
        f"{int(m.group(1))}.{int(m.group(2))}"
        for m in _WEAK_RE.finditer(text)
        if not any(a <= m.start(1) < b for a, b in spans)
    ] + roman
    # Only one pair can number a list: `1.3+1.7 ...` lists codes.
    bare = leading if len(set(leading)) == 1 and leading[0] not in announced else []
    return list(dict.fromkeys(certain)), list(dict.fromkeys(weak)), bare[:1], list(dict.fromkeys(run))


def _roman_codes(name: str) -> list[str]:
    """`II.2` -> ["2.2"]: codes only if the rubric has them (a criterion numbered in Roman)."""
    text = _with_blanks_marked(normalize(name))
    codes = [f"{ROMAN_NUMERALS[m.group(1)]}.{int(m.group(2))}" for pattern in _ROMAN_RES for m in pattern.finditer(text)]
    for m in _ROMAN_TWICE_RE.finditer(text):
        codes += _pairs(m.group(2), m.group(3), m.group(4))
    return codes


def _with_blanks_marked(text: str) -> str:
    """`text` (marks and case kept) with what `_clean_name` blanks as dates, versions, amounts and
    quantities overwritten by `~`: `TC III 1,2 triệu đồng` is no code 1.2 in Roman form either."""
    folded = fold(text).lower()
    if len(folded) != len(text):
        return text  # a character folded to two: positions would not line up (not seen in names)
    spans = [m.span() for m in _QUANTITY_RE.finditer(text) if not m.group("keep")]
    spans += [m.span() for pattern in _BLANKS for m in pattern.finditer(folded) if not ("keep" in pattern.groupindex and m.group("keep"))]
    chars = list(text)
    for a, b in spans:
        chars[a:b] = "~" * (b - a)
    return "".join(chars)


def codes_in_name(name: str, known: set[str] | frozenset[str] | None = None) -> list[str]:
    """Sub-criterion codes a file or folder name announces: `TC1.3+1.7 x.pdf` -> ["1.3", "1.7"].

    A bare number pair counts at the start of the name, in brackets, or after a prefix (TC, Tiêu
    chí, Mục, ND, MC); at the end of the name only when `known` (the rubric's codes) has it.
    Dates, versions and the extension are not part of the name.
    """
    certain, weak = _name_codes(name)
    if known is not None:
        certain += [c for c in weak if c in known and c not in certain]
    return certain


ROMAN_NUMERALS = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_CRITERION_ONLY_RE = re.compile(
    r"^(?:[IVX\d]{1,4}\s*[.)-]\s*)?(?:nhom\s*)?(?:t\.?\s*c|tieu\s*chi)[\s._-]*(?:so\s*)?(\d{1,2}|[IVX]{1,4}\b)(?![\d.,-]*\d)",
    re.IGNORECASE,
)


def criterion_in_name(name: str) -> str | None:
    """A folder such as `TC4`, `Tieu chi 4` or `TIÊU CHÍ IV` names a whole criterion (not enough to prove)."""
    m = _CRITERION_ONLY_RE.match(fold(normalize(name)).strip())
    if not m:
        return None
    value = m.group(1)
    if value.isdigit():
        return str(int(value))
    return str(ROMAN_NUMERALS[value]) if value in ROMAN_NUMERALS else None  # Roman numerals only in capitals ("vi pham" is no VI)


@dataclass(frozen=True)
class NameTags:
    tags: tuple[Tag, ...]
    unknown: tuple[str, ...]  # codes named but not in the rubric: reported as problems


# Bump when the rules in this module change what a file is tagged with: `index` then tags every
# indexed file again from its stored text (see build._retag), as it does when the rubric changes.
TAGGING_VERSION = "2026-11-30.22"


def tagging_key(rubric: Rubric) -> str:
    """What a file's tags depend on besides the file: the rules' version and each sub-criterion's
    code, title, keywords, context and points."""
    digest = hashlib.sha256(TAGGING_VERSION.encode())
    for sub in rubric.subcriteria:
        digest.update(repr((sub.code, sub.title, sub.keywords, sub.context, sub.exclude, sub.points)).encode())
    return digest.hexdigest()[:16]


def tag_by_name(path: str, rubric: Rubric) -> NameTags:
    """Tags from the file name (`filename`) and the nearest folder that names a sub-criterion.

    Inside a folder that names another code (`2.4 Thu xin loi/1.1 Thu ong Hai.docx`), a bare
    number that starts or ends the name numbers a list: it is no code. A code the name announces
    (`1.3 Duong day nong/TC1.2 bang phi.docx`) wins over the folder's: the file proves 1.2 only.
    """
    known = rubric.codes
    parts = path.split("/")
    folder, folder_codes = _nearest_coded_folder(parts, rubric)
    criterion = None if folder_codes else criterion_of_folder(path)
    certain, weak = _name_codes(parts[-1])
    bare = _bare_codes(parts[-1], known)
    named = [
        c for c in certain + [c for c in weak if c in known and c not in certain]
        if c not in bare or not _numbers_a_list(c, folder_codes, criterion)
    ]
    tags = [Tag(c, TagSource.FILENAME, 1.0, f"tên tệp: {parts[-1]}") for c in named if c in known]
    unknown = [c for c in named if c not in known]
    if not any(t.code not in folder_codes for t in tags):
        # One tag a code: `2.4/2.4.1 Thu.docx` listed 2.4 twice in `files --json`, and scripts count.
        tags += [Tag(c, TagSource.FOLDER, 1.0, f"thư mục: {folder}") for c in folder_codes if c in known and c not in named]
    unknown += [c for c in folder_codes if c not in known]
    return NameTags(tuple(dict.fromkeys(tags)), tuple(dict.fromkeys(unknown)))


def _nearest_coded_folder(parts: list[str], rubric: Rubric) -> tuple[str, list[str]]:
    """The nearest folder of a path (split at `/`) that names codes, and its codes; else the
    nearest item folder inside a criterion folder (`Tieu chi 1/3. So dien thoai/`)."""
    known = rubric.codes
    for depth in range(len(parts) - 2, -1, -1):
        certain, weak = _name_codes(parts[depth])
        codes = certain + [c for c in weak if c in known and c not in certain]
        if codes:
            return "/".join(parts[: depth + 1]), codes
    for depth in range(len(parts) - 2, 0, -1):
        code = _item_of_criterion(parts[depth - 1], parts[depth], rubric)
        if code:
            return "/".join(parts[: depth + 1]), [code]
    titles = _titles(rubric)
    for depth in range(len(parts) - 2, -1, -1):
        code = titles.get(" ".join(_words(_split_name(parts[depth]))[1]))
        if code:
            return "/".join(parts[: depth + 1]), [code]
    return "", []


# A part of a title shorter than this many words is no name of its own (`Chủ tịch UBND`).
_TITLE_PART_WORDS = 3


@lru_cache(maxsize=8)
def _titles(rubric: Rubric) -> dict[str, str]:
    """Folded words of each sub-criterion's title, and of each part of it (between `;`, without
    the parenthesis that lists examples) -> its code. Staff who file by the rubric's own words
    (`Tiêu chí Công khai minh bạch/Công khai mức thu phí, lệ phí/`, `Hòm thư góp ý/`) name the
    sub-criterion as surely as a code would: a blind tester's folder lost 7 points without it."""
    named: dict[str, set[str]] = {}
    for sub in rubric.subcriteria:
        plain = re.sub(r"\([^)]*\)", " ", sub.title)
        for text in {sub.title, plain, *plain.split(";")}:
            words = _words(normalize(text))[1]
            if len(words) >= _TITLE_PART_WORDS:
                named.setdefault(" ".join(words), set()).add(sub.code)
    return {key: next(iter(codes)) for key, codes in named.items() if len(codes) == 1}


# An item folder inside a criterion folder: `Nội dung 3`, `ND3`, `Mục 3`, or `3. Số điện thoại
# lãnh đạo`. Staff number a criterion's sub-folders as the rubric does; a bare number must also
# share two words with that sub-criterion, so `Tieu chi 1/1. Anh/` (photos) proves nothing.
_ITEM_FOLDER_RE = re.compile(r"^(?:(?:noi\s*dung|nd|muc)[\s._-]*(?:so\s*)?(\d{1,2})(?![\d.,])|(\d{1,2})\s*[.)_-]\s*(?=[a-z]))")
_COMMON_WORDS = frozenset("va cac cua co cho tai voi trong the nhung duoc la mot ve nguoi cong khai".split())


def _item_of_criterion(parent: str, folder: str, rubric: Rubric) -> str | None:
    criterion = criterion_in_name(parent)
    if criterion is None:
        return None
    m = _ITEM_FOLDER_RE.match(fold(normalize(folder)).lower().strip())
    if not m:
        return None
    code = f"{criterion}.{int(m.group(1) or m.group(2))}"
    sub = rubric.subcriterion(code)
    if sub is None:
        return None
    if m.group(1):
        return code
    about = set(_words(normalize(" ".join((sub.title, *sub.keywords))))[1]) - _COMMON_WORDS
    return code if len(about & set(_words(_split_name(folder))[1])) >= 2 else None


def _numbers_a_list(code: str, folder_codes: list[str], criterion: str | None) -> bool:
    """True when a bare pair disagrees with its folder: another sub-criterion, or a criterion
    other than the one the folder names."""
    if folder_codes:
        return code not in folder_codes
    return criterion is not None and code.split(".")[0] != criterion


def criterion_of_folder(path: str) -> str | None:
    """The criterion the nearest criterion-level folder names (`Tieu chi 2/x.pdf` -> "2"), if any."""
    for part in reversed(path.split("/")[:-1]):
        found = criterion_in_name(part)
        if found:
            return found
    return None


def unknown_code_problems(path: str, rubric: Rubric) -> list[Problem]:
    """One `unknown-code` problem per code the name or folder gives that the rubric lacks (`1.9_x.pdf`)."""
    return [unknown_code_problem(path, code) for code in tag_by_name(path, rubric).unknown]


def unknown_code_problem(path: str, code: str) -> Problem:
    """The problem line for one code in a file's name or folder that the rubric lacks."""
    return Problem(path, "unknown-code", f"mã {code} ở tên tệp hoặc thư mục: sửa tên, hoặc thêm mã vào rubric.toml")


# --- keywords ----------------------------------------------------------------------------------
#
# A phrase counts where its words stand together, matched longest first and without overlap
# ("phí, lệ phí" is one match, not also a "lệ phí"). Words compare without diacritics only where
# the document itself has none (a name typed without accents, an OCR guess); a word written with
# accents must carry the keyword's accents, so "Trụ sở tiếp công dân" is no "sổ tiếp công dân".
#
# What a file is about shows first in its name and title: a phrase there weighs HEAD_WEIGHT times
# a phrase in the body. A body alone must show two different phrases of a sub-criterion, or one
# of three syllables or more twice (one short word repeated is a passing topic of some other
# document: a drainage survey says "khảo sát" six times). Second and third suggestions must come close to the best one.

SUGGEST_THRESHOLD = 2.0
HEAD_WEIGHT = 3.0
MAX_SUGGESTIONS = 2
SECOND_RATIO = 0.6
# Names and folders that already prove a code make other suggestions a distraction unless strong.
PROVEN_THRESHOLD = 6.0
# Out of the criterion its folder names (`Tieu chi 2/...`), a suggestion counts for this much.
OTHER_CRITERION_FACTOR = 0.5
# A document matching this many sub-criteria over this many criteria is a general summary.
GENERAL_MIN_SUBCRITERIA = 7
GENERAL_MIN_CRITERIA = 3


@dataclass(frozen=True)
class KeywordTags:
    tags: tuple[Tag, ...]
    general: bool
    matched: int  # how many sub-criteria matched at all (for the general guard's reason)


@dataclass(frozen=True)
class _Phrase:
    code: str
    text: str  # as the rubric writes it, for the reason
    words: tuple[str, ...]  # lower case, with diacritics (normalized)

    @property
    def weight(self) -> float:
        # Longer phrases are more specific. One word is an abbreviation or a loan word (DVCTT,
        # VNeID, hotline): as specific as a two-syllable compound.
        return max(min(len(self.words), 4), 2) / 2


# A text's (or a phrase's) words in lower case, as written and folded: the same words in both.
_Words = tuple[list[str], list[str]]


@dataclass(frozen=True)
class _PhraseTable:
    """The rubric's keyword phrases, folded, arranged to find them fast in a list of words."""

    phrases: dict[tuple[str, ...], list[_Phrase]]  # folded words -> the phrases written so
    lengths: dict[str, tuple[int, ...]]  # first word -> lengths of the phrases it starts, longest first
    pairs: frozenset[tuple[str, str]]  # the first two words of every longer phrase
    singles: frozenset[str]  # one-word phrases
    contexts: dict[str, tuple[_Words, ...]]  # code -> its context phrases, as written and folded
    excludes: dict[str, tuple[_Words, ...]]  # code -> the phrases that rule it out in a name or title


@lru_cache(maxsize=8)
def _phrase_table(rubric: Rubric) -> _PhraseTable:
    """The rubric's keyword phrases as a `_PhraseTable`, built once per rubric."""
    table: dict[tuple[str, ...], list[_Phrase]] = {}
    for sub in rubric.subcriteria:
        for phrase in sub.keywords:
            words, folded = _words(normalize(phrase))
            if words:
                table.setdefault(tuple(folded), []).append(_Phrase(sub.code, phrase, tuple(words)))
    lengths: dict[str, set[int]] = {}
    for folded in table:
        lengths.setdefault(folded[0], set()).add(len(folded))
    return _PhraseTable(
        table,
        {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()},
        frozenset(folded[:2] for folded in table if len(folded) > 1),
        frozenset(folded[0] for folded in table if len(folded) == 1),
        {sub.code: tuple(_phrase_words(p) for p in sub.context) for sub in rubric.subcriteria if sub.context},
        {sub.code: tuple(_phrase_words(p) for p in sub.exclude) for sub in rubric.subcriteria if sub.exclude},
    )


def _words(text: str) -> tuple[list[str], list[str]]:
    """The words of `text` in lower case, with diacritics and folded (the same words in both).

    Tone placement is as written: `_count_phrases` normalises the few words it compares.
    """
    return split_words(clean_unicode(text))


# Lower and capital letters listed one by one: in the range `À-Ỹ` they alternate (Ạ ạ Ả ả ...),
# so `(?<=[a-zà-ỹ])(?=[A-ZÀ-Ỹ])` cut every name with marks inside its words (`m ức`, `ph í`) and
# the keywords of a name typed with marks never matched.
_LOWER = "a-z" + "".join(c for c in VIETNAMESE_LETTERS if c.islower())
_UPPER = "A-Z" + "".join(c for c in VIETNAMESE_LETTERS if c.isupper())
_CAMEL_RE = re.compile(f"(?<=[{_LOWER}])(?=[{_UPPER}])")


def _split_name(name: str) -> str:
    """Words of a file or folder name: `ThuXinLoi_ong-Tam` -> `Thu Xin Loi ong Tam`."""
    return _CAMEL_RE.sub(" ", normalize(name)).replace("_", " ")


# The legal basis of a decision or plan (`Căn cứ Luật Khiếu nại ...;`) cites laws on other
# topics: its words are not what the document is about. A citation wraps over a few PDF lines.
# Matched on a folded line that starts `căn cứ` / `can cu`: what it cites (Điều 28 Luật ...).
_LEGAL_BASIS_RE = re.compile(
    r"^\s*can cu\s+(?:vao\s+)?(?:hien phap|bo luat|luat|phap lenh|nghi quyet|nghi dinh|thong tu|quyet dinh|chi thi|"
    r"ke hoach|cong van|huong dan|chuong trinh|quy che|quy dinh|van ban|chuc nang|de nghi|to trinh|thong bao|bien ban|"
    r"dieu|khoan|diem)\b"
)


def _cites(line: str) -> bool:
    return line.lstrip()[:6].lower() in ("căn cứ", "can cu") and _LEGAL_BASIS_RE.match(fold(line).lower()) is not None


def _wrapped(line: str) -> bool:
    """A citation a PDF wrapped goes on in lower case (`trưởng Bộ Tài chính`) or digits (`2015;`)."""
    first = line.lstrip()[:1]
    return first.islower() or first.isdigit() or first in "(,"


_LEGAL_BASIS_SPELLINGS = ("Căn cứ", "CĂN CỨ", "căn cứ", "Can cu", "CAN CU", "can cu")
_LEGAL_BASIS_LINES = 4


def _without_legal_basis(text: str) -> str:
    """`text` without its `Căn cứ ...` lines (each up to the line that ends it with ; . or :)."""
    # Substring tests first: most texts have none.
    if not any(spelling in text for spelling in _LEGAL_BASIS_SPELLINGS):
        return text
    kept, left = [], 0
    for line in text.split("\n"):
        if _cites(line):
            left = _LEGAL_BASIS_LINES
        elif left and not _wrapped(line):
            left = 0
        if left:
            left = 0 if line.rstrip().endswith((";", ".", ":")) else left - 1
            continue
        kept.append(line)
    return "\n".join(kept)


# A plan's closing request to the Fatherland Front (`Đề nghị Ủy ban Mặt trận Tổ quốc ... vận
# động đoàn viên, hội viên và Nhân dân ...`): in nearly every plan, and no help of members at the
# one-stop shop (2.3); a blind tester's online-services plan was suggested for 2.3 by it.
# One line each: `\s` in the lead-in ran across lines (a workbook of numbers took minutes).
_REQUEST_TO_THE_FRONT = re.compile(r"^[ \t\d.)-]*đề nghị\b[^\n]*mặt trận tổ quốc[^\n]*$", re.IGNORECASE | re.MULTILINE)


def _without_requests_to_the_front(text: str) -> str:
    if "Mặt trận" not in text and "MẶT TRẬN" not in text and "mặt trận" not in text:
        return text
    return _REQUEST_TO_THE_FRONT.sub("", text)


def _in_context(texts: list[_Words], contexts: dict[str, tuple[_Words, ...]]) -> set[str]:
    """The codes one of whose context phrases stands in one of these texts (words as written and
    folded), with the phrase's marks where the text has marks: folded alone, 4.2's `biển` (a
    sign) stood in every `biên bản` and `sơ đồ` in every `sổ đỏ`."""
    joined = [f" {' '.join(folded)} " for _, folded in texts]
    return {
        code for code, phrases in contexts.items()
        if any(f" {' '.join(p[1])} " in j and _stands_in(p, text) for p in phrases for text, j in zip(texts, joined))
    }


def _stands_in(phrase: _Words, text: _Words) -> bool:
    (marked, plain), (words, folded) = phrase, text
    n = len(plain)
    return any(
        folded[i : i + n] == plain and all(_same_word(normalize(words[i + k]), folded[i + k], marked[k], False) for k in range(n))
        for i in range(len(folded) - n + 1)
        if folded[i] == plain[0]
    )


def _phrase_words(phrase: str) -> _Words:
    return _words(normalize(phrase))


def _same_word(doc: str, folded: str, keyword: str, lenient: bool) -> bool:
    # Only called for words equal once folded: accents decide, unless one side has none.
    return doc == keyword or doc == folded or keyword == folded or lenient


def _count_phrases(text: str, table: _PhraseTable, lenient: bool) -> tuple[dict[_Phrase, int], _Words]:
    """How many times each phrase stands in `text`, and the text's words (as written, folded)."""
    words, folded = _words(text)
    counts: dict[_Phrase, int] = {}
    n = len(words)
    free = 0  # words before this one belong to a phrase already counted
    # Only where two words start a phrase (or one is a phrase) is anything looked up: common
    # first words (`công`, `ban`, `dân`) start a phrase a few times in a thousand.
    starts = [i for i, pair in enumerate(zip(folded, folded[1:])) if pair in table.pairs]
    if table.singles and not table.singles.isdisjoint(folded):
        starts = sorted(set(starts).union(i for i, w in enumerate(folded) if w in table.singles))
    for i in starts:
        if i < free:
            continue
        for length in table.lengths[folded[i]]:
            if length > n - i:
                continue
            candidates = table.phrases.get(tuple(folded[i : i + length]))
            if not candidates:
                continue
            written = [normalize(w) for w in words[i : i + length]]  # `hòa` is the keyword's `hoà`
            hits = [
                p for p in candidates
                if all(_same_word(written[k], folded[i + k], p.words[k], lenient) for k in range(length))
            ]
            if hits:
                for p in hits:
                    counts[p] = counts.get(p, 0) + 1
                free = i + length
                break
    return counts, (words, folded)


def names_subcriterion(name: str, code: str, rubric: Rubric) -> bool:
    """True when a file or folder name holds one of sub-criterion `code`'s keyword phrases."""
    counts, _ = _count_phrases(_split_name(name), _phrase_table(rubric), lenient=False)
    return any(p.code == code for p in counts)


def tag_by_keywords(
    name: str,
    title: str,
    text: str,
    rubric: Rubric,
    *,
    from_ocr: bool = False,
    path: str | None = None,
    proven: frozenset[str] | set[str] = frozenset(),
) -> KeywordTags:
    """Suggest the few sub-criteria whose keyword phrases the file name, title and text contain.

    `path` (relative, `/`-separated) adds its folder names to the name and lets a criterion-level
    folder (`Tieu chi 2/`) weigh against suggestions of other criteria; `proven` codes (from the
    name or folder) are not suggested, and other suggestions then need a strong score.
    """
    table = _phrase_table(rubric)
    head_text = f"{_split_name(name)} {title}"
    text = _without_requests_to_the_front(_without_legal_basis(text))
    head, head_words = _count_phrases(head_text, table, lenient=False)
    body, body_words = _count_phrases(text, table, lenient=from_ocr)
    folder_words: _Words = ([], [])
    if path and "/" in path:
        # Folder names describe many files at once ("Van ban den/", "Bo phan mot cua/"): for a
        # file with text they are one more mention; only a photo or sheet is named by them.
        folders, folder_words = _count_phrases(_split_name(" ".join(path.split("/")[:-1])), table, lenient=False)
        for p, n in folders.items():
            if text.strip():
                body[p] = body.get(p, 0) + n
            else:
                head[p] = head.get(p, 0) + n
    scores: dict[str, float] = {}
    in_head: set[str] = set()
    named: set[str] = set()  # a phrase of three words or more in the name or title names the topic
    distinct: dict[str, int] = {}
    reasons: dict[str, list[str]] = {}
    for p in set(head) | set(body):
        score = 0.0
        if p in body:
            score += p.weight * (1 + math.log2(body[p]))
            # Two different phrases, or one long phrase said twice, make a topic, not a mention.
            distinct[p.code] = distinct.get(p.code, 0) + (2 if len(p.words) >= 3 and body[p] >= 2 else 1)
        if p in head:
            score += p.weight * HEAD_WEIGHT
            in_head.add(p.code)
            if len(p.words) >= 3:
                named.add(p.code)
        scores[p.code] = scores.get(p.code, 0.0) + score
        reasons.setdefault(p.code, []).append(f"{p.text} ×{body.get(p, 0) + head.get(p, 0)}")
    matched = [c for c, s in scores.items() if s >= 1.0]
    criteria = {c.split(".")[0] for c in matched}
    if len(matched) >= GENERAL_MIN_SUBCRITERIA and len(criteria) >= GENERAL_MIN_CRITERIA:
        return KeywordTags((), True, len(matched))
    criterion = criterion_of_folder(path) if path else None
    if criterion:
        scores = {c: s * (OTHER_CRITERION_FACTOR if c.split(".")[0] != criterion else 1.0) for c, s in scores.items()}
    eligible = {
        c: s for c, s in scores.items()
        if c not in proven and ((c in in_head and not proven) or distinct.get(c, 0) >= 2)
    }
    # Sub-criteria whose keywords other topics share must also find their context (`hài lòng`).
    # A photo has no text to hold a context: its name and folders are all there is (a photo in
    # `Bo phan mot cua/` shows the desk).
    asked = {c: table.contexts[c] for c in eligible if c in table.contexts} if text.strip() else {}
    if asked:
        found = _in_context([head_words, body_words, folder_words], asked)
        eligible = {c: s for c, s in eligible.items() if c not in asked or c in found}
    if ruled_out := {c: table.excludes[c] for c in eligible if c in table.excludes}:
        eligible = {c: s for c, s in eligible.items() if c not in _in_context([head_words], ruled_out)}
    ranked = sorted(eligible.items(), key=lambda kv: (-kv[1], kv[0]))
    threshold = PROVEN_THRESHOLD if proven else SUGGEST_THRESHOLD
    tags: list[Tag] = []
    if ranked:
        best = ranked[0][1]
        for code, score in ranked[:MAX_SUGGESTIONS]:
            # A long phrase in the name or title is what the document says it is about: a notice
            # of `Lịch tiếp công dân ... và số điện thoại đường dây nóng` is 1.4 as well as 1.3.
            if score < threshold or (score < best * SECOND_RATIO and code not in named):
                continue
            confidence = min(0.9, 0.35 + 0.05 * score) * (0.8 if from_ocr else 1.0)
            reason = "từ khóa: " + ", ".join(sorted(reasons[code])[:4])
            tags.append(Tag(code, TagSource.KEYWORD, round(confidence, 2), reason))
    return KeywordTags(tuple(tags), False, len(matched))
