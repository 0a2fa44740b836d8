"""Reading the rubric (`rubric.toml`): the scoring table a folder of evidence is measured against.

A ward's IT officer edits this file by hand, so every mistake in it must come back as one
`RubricError` line that names the file, the entry and what is wrong, never as a traceback.
The format is described in the comments of the bundled `rubric.toml`.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import json
import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

from indexer.errors import RubricError
from indexer.models import Criterion, Rubric, SubCriterion
from indexer.scan import read_small_file

RUBRIC_FILENAME = "rubric.toml"
# The bundled rubric is 30 kB: a file a thousand times larger is no rubric, and is not read whole.
MAX_RUBRIC_BYTES = 32 * 1024 * 1024

# Codes are plain ASCII digits without leading zeros: "1.02" and "1.2" would otherwise be two
# different codes that file names ("TC1.2 ...") cannot tell apart.
_CRITERION_CODE = re.compile(r"[1-9][0-9]*")
_SUBCRITERION_CODE = re.compile(r"([1-9][0-9]*)\.([1-9][0-9]*)")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# Vietnamese documents write dates day first; an officer may well type "01/01/2026".
_VN_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")

_TOP_KEYS = ("title", "version", "total", "unit", "period", "criteria")
_UNIT_KEYS = ("name", "period")
_PERIOD_KEYS = ("start", "end")
_CRITERION_KEYS = ("code", "title", "points", "subcriteria")
_SUBCRITERION_KEYS = ("code", "title", "points", "min_evidence", "keywords", "context", "exclude")


def default_rubric_path() -> Path:
    """Where the bundled default rubric is.

    An installed wheel carries it as `indexer/rubric.toml` (hatch force-include); a source
    checkout or an editable install has it at the top of the repository instead.
    Raises `RubricError` when neither is there (a broken installation).
    """
    try:
        bundled = importlib.resources.files("indexer") / RUBRIC_FILENAME
        if bundled.is_file():
            # Only a real file has a usable path; a zipped package falls through to the checkout.
            path = Path(str(bundled))
            if path.is_file():
                return path
    except (OSError, TypeError, ValueError, ModuleNotFoundError):
        pass
    checkout = Path(__file__).resolve().parent.parent / RUBRIC_FILENAME
    if checkout.is_file():
        return checkout
    raise RubricError(
        f"bản cài đặt thiếu bộ tiêu chí mặc định ({RUBRIC_FILENAME}): cài lại minhchung hoặc dùng --rubric TỆP"
        f" / the bundled default rubric ({RUBRIC_FILENAME}) is missing from the installation; "
        "reinstall minhchung or pass --rubric FILE"
    )


def load_rubric(path: Path | None = None, root: Path | None = None) -> Rubric:
    """Read and check a rubric.

    `path` given: that file. Otherwise `root/rubric.toml` when the evidence folder has one,
    else the bundled default (`default_rubric_path()`). Any problem with the file (missing,
    not UTF-8, not TOML, inconsistent) raises one `RubricError` naming file and entry.
    `Rubric.source` is the path of the file that was read.
    """
    if path is not None:
        chosen = Path(path)
    elif root is not None and (Path(root) / RUBRIC_FILENAME).exists():
        # exists(), not is_file(): a directory by that name is reported, not silently skipped.
        chosen = Path(root) / RUBRIC_FILENAME
    else:
        chosen = default_rubric_path()
    name = str(chosen)
    try:
        data = _read_toml(chosen, name)
        if data and set(data) <= {"unit", "period"} and chosen.resolve() != default_rubric_path().resolve():
            data = _on_the_default_criteria(data)
        return _Checker(name).rubric(data)
    except RubricError:
        raise
    except Exception as exc:  # noqa: BLE001 - the contract is "never a traceback" for any file
        detail = " ".join(str(exc).split())  # one line, whatever the exception says
        raise RubricError(
            f"{name}: không đọc được như một bộ tiêu chí ({type(exc).__name__}: {detail}) / could not be read as a rubric"
        ) from exc


def _on_the_default_criteria(data: dict[str, Any]) -> dict[str, Any]:
    """A ward's file with no criteria (two lines: `[unit]`, `name = "UBND xã ..."`) names its unit
    and period on the bundled rubric's criteria: it need not copy 500 lines to do that."""
    default = _read_toml(default_rubric_path(), RUBRIC_FILENAME)
    merged = {key: value for key, value in default.items() if key != "unit"}
    unit = data.get("unit")
    if "period" in data or (isinstance(unit, dict) and "period" in unit):
        merged.pop("period", None)
    merged.update(data)
    return merged


# --- reading the file ---------------------------------------------------------------------------


def _read_toml(path: Path, name: str) -> dict[str, Any]:
    try:
        raw = read_small_file(path, MAX_RUBRIC_BYTES)
    except ValueError as exc:
        raise RubricError(f"{name}: không đọc được tệp bộ tiêu chí: {exc} / cannot read the rubric file") from None
    except FileNotFoundError:
        raise RubricError(f"{name}: không có tệp bộ tiêu chí này / rubric file not found") from None
    except IsADirectoryError:
        raise RubricError(f"{name}: là thư mục, không phải tệp bộ tiêu chí / is a folder, not a rubric file") from None
    except OSError as exc:
        raise RubricError(f"{name}: không đọc được tệp bộ tiêu chí ({exc.strerror or exc}) / cannot read the rubric file") from None

    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # What Notepad calls "Unicode": the usual way a Windows user ends up with a non-UTF-8 file.
        raise RubricError(f"{name}: tệp lưu dạng UTF-16, hãy lưu lại dạng UTF-8 / saved as UTF-16; save it again as UTF-8")
    # Older Notepad writes a UTF-8 byte-order mark, which TOML itself does not allow.
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise RubricError(
            f"{name}: không phải văn bản UTF-8 (byte 0x{raw[exc.start]:02x} ở dòng {line}), hãy lưu lại dạng UTF-8"
            f" / not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line}); save it as UTF-8"
        ) from None

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RubricError(f"{name}: sai cú pháp TOML{_where_in_file(str(exc))} / not valid TOML: {exc}{_quote_line(text, str(exc))}") from None
    except RecursionError:
        # tomllib recurses on nested arrays and inline tables; a pathological file can exhaust it.
        raise RubricError(f"{name}: sai cú pháp TOML: các giá trị lồng nhau quá sâu / not valid TOML: values nested too deeply") from None


def _where_in_file(message: str) -> str:
    """Where tomllib says the mistake is, in Vietnamese: ` ở dòng 4, cột 10`."""
    if m := re.search(r"line (\d+), column (\d+)", message):
        return f" ở dòng {m.group(1)}, cột {m.group(2)}"
    return " ở cuối tệp" if "end of document" in message else ""


def _quote_line(text: str, message: str) -> str:
    """The offending line of the file, so the officer need not count lines."""
    m = re.search(r"line (\d+)", message)
    if not m:
        return ""
    lines = text.split("\n")  # TOML counts "\n" only; splitlines() would also split on \f, \u2028
    number = int(m.group(1))
    if not 1 <= number <= len(lines):
        return ""
    line = lines[number - 1].strip()
    if not line:
        return ""
    return f": {_show(line if len(line) <= 80 else line[:77] + '...')}"


# --- checking the contents ------------------------------------------------------------------------


def _show(value: Any) -> str:
    """A value as the officer would write it in TOML, short enough for a one-line error."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dict):
        text = "a table {...}"
    elif isinstance(value, list):
        text = "a list [...]"
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind(value: Any) -> tuple[str, str]:
    """What the value is, in Vietnamese and in English."""
    if isinstance(value, bool):
        return "true/false", "true/false"
    if isinstance(value, str):
        return "chữ", "text"
    if isinstance(value, int):
        return "số", "a number"
    if isinstance(value, float):
        return "số thập phân", "a decimal number"
    if isinstance(value, dict):
        return "bảng", "a table"
    if isinstance(value, list):
        return "danh sách", "a list"
    if isinstance(value, (dt.date, dt.time)):
        return "ngày/giờ", "a date/time"
    return type(value).__name__, type(value).__name__


# The entries errors name, in Vietnamese (`sub-criterion #2 of criterion 1`: tiêu chí con thứ 2 của tiêu chí 1).
_WHERE_VI = (
    (re.compile(r"^sub-criterion #(\d+) of criterion (\S+)$"), r"tiêu chí con thứ \1 của tiêu chí \2"),
    (re.compile(r"^sub-criterion (\S+)$"), r"tiêu chí con \1"),
    (re.compile(r"^criterion #(\d+)$"), r"tiêu chí thứ \1"),
    (re.compile(r"^criterion (\S+)$"), r"tiêu chí \1"),
    (re.compile(r"^top level$"), "cấp ngoài cùng"),
)


def _where_vi(where: str) -> str:
    for pattern, vi in _WHERE_VI:
        if pattern.match(where):
            return pattern.sub(vi, where)
    return where  # `[unit]`, `period`, `criteria`: the file's own words


class _Checker:
    """Checks the parsed TOML one entry at a time; `where` strings name the entry in errors."""

    def __init__(self, name: str):
        self.name = name

    def fail(self, where: str, vi: str, en: str) -> RubricError:
        """One line: the file, then the entry and what is wrong in Vietnamese, then in English."""
        if not where:
            return RubricError(f"{self.name}: {vi} / {en}")
        return RubricError(f"{self.name}: {_where_vi(where)}: {vi} / {where}: {en}")

    # -- field helpers --

    def unknown_keys(self, table: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
        # A typo ("min_evidance", "subcriterias") would otherwise be ignored without a word.
        for key in table:
            if key not in allowed:
                raise self.fail(
                    where,
                    f"không có khóa {_show(key)} (dùng được: {', '.join(allowed)})",
                    f"unknown key {_show(key)}",
                )

    def text(
        self, table: dict[str, Any], key: str, where: str, *, required: bool = True
    ) -> str | None:
        if key not in table:
            if required:
                raise self.fail(
                    where, f"thiếu {key} (chữ trong ngoặc kép, ví dụ {key} = \"...\")", f"{key} is missing (text in quotes, e.g. {key} = \"...\")"
                )
            return None
        value = table[key]
        if not isinstance(value, str):
            kind_vi, kind_en = _kind(value)
            raise self.fail(
                where,
                f"{key} phải là chữ trong ngoặc kép, đang là {_show(value)} ({kind_vi})",
                f"{key} must be text in quotes, got {_show(value)} ({kind_en})",
            )
        # NFC: titles are compared with and printed next to NFC paths; a macOS editor may save NFD.
        value = unicodedata.normalize("NFC", value.strip())
        if not value:
            raise self.fail(where, f"{key} không được để trống", f"{key} must not be empty")
        return value

    def whole(
        self, table: dict[str, Any], key: str, where: str, *, required: bool = True
    ) -> int | None:
        if key not in table:
            if required:
                raise self.fail(
                    where, f"thiếu {key} (số nguyên dương, ví dụ {key} = 3)", f"{key} is missing (a positive whole number, e.g. {key} = 3)"
                )
            return None
        value = table[key]
        # bool is an int in Python; `points = true` is still a mistake.
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(
                where, f"{key} phải là số nguyên dương, đang là {_show(value)}", f"{key} must be a positive whole number, got {_show(value)}"
            )
        return value

    def code(self, value: Any, pattern: re.Pattern[str], example: str, where: str) -> str:
        if not isinstance(value, str):
            # A bare 1.10 would reach us as the float 1.1: insist on quotes.
            raise self.fail(
                where,
                f'code phải là chữ trong ngoặc kép, ví dụ code = "{example}", đang là {_show(value)}',
                f'code must be text in quotes, e.g. code = "{example}", got {_show(value)}',
            )
        code = value.strip()
        if not pattern.fullmatch(code):
            shape_vi, shape_en = ("một số", "a number") if example.isdigit() else ("hai số nối bằng dấu chấm", "two numbers joined by a dot")
            raise self.fail(
                where,
                f'code phải là {shape_vi}, không có số 0 ở đầu, ví dụ "{example}", đang là {_show(value)}',
                f'code must be {shape_en} without leading zeros, e.g. "{example}", got {_show(value)}',
            )
        return code

    def date(self, value: Any, where: str, key: str) -> dt.date:
        if isinstance(value, dt.datetime):
            raise self.fail(
                where,
                f"{key} phải là ngày, không kèm giờ, ví dụ {key} = 2026-01-01, đang là {value}",
                f"{key} must be a date without a time, e.g. {key} = 2026-01-01, got {value}",
            )
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            s = value.strip()
            m = _ISO_DATE.fullmatch(s)
            parts = (m.group(1), m.group(2), m.group(3)) if m else None
            if parts is None:
                m = _VN_DATE.fullmatch(s)
                parts = (m.group(3), m.group(2), m.group(1)) if m else None
            if parts is not None:
                try:
                    return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
                except ValueError:
                    raise self.fail(
                        where, f"{key} không phải ngày có thật: {_show(value)}", f"{key} is not a real date, got {_show(value)}"
                    ) from None
        raise self.fail(
            where,
            f"{key} phải là ngày dạng 2026-01-01 (hoặc \"01/01/2026\"), đang là {_show(value)}",
            f"{key} must be a date like 2026-01-01 (or \"01/01/2026\"), got {_show(value)}",
        )

    # -- the entries --

    def rubric(self, data: dict[str, Any]) -> Rubric:
        self.unknown_keys(data, _TOP_KEYS, "top level")
        # Top-level fields: the key itself names the entry ("rubric.toml: version must be ...").
        title = self.text(data, "title", "", required=False) or "Chính quyền thân thiện"
        version = self.text(data, "version", "", required=False) or "1"
        total = self.whole(data, "total", "", required=False)
        unit, unit_period = self.unit(data.get("unit"))
        if "period" in data and unit_period is not None:
            raise self.fail("period", "ghi hai lần, ở ngoài cùng và trong [unit]: giữ một", "given twice, at the top and under [unit]; keep one")
        period_value = data["period"] if "period" in data else unit_period
        where_period = "period" if "period" in data else "[unit] period"
        start, end = (None, None)
        if period_value is not None:
            start, end = self.period(period_value, where_period)

        criteria = self.criteria(data.get("criteria"))
        if total is not None:
            added = sum(c.points for c in criteria)
            if added != total:
                parts = ", ".join(f"{c.code}: {c.points}" for c in criteria)
                raise self.fail("", f"total là {total} nhưng các tiêu chí cộng lại được {added} ({parts})", f"total is {total} but the criteria add up to {added} ({parts})")
        return Rubric(
            unit=unit,
            criteria=criteria,
            version=version,
            title=title,
            period_start=start,
            period_end=end,
            source=self.name,
        )

    def unit(self, value: Any) -> tuple[str, Any]:
        if value is None:
            return "", None  # the bundled rubric names no unit: reports leave a blank to fill in
        if not isinstance(value, dict):
            raise self.fail(
                "[unit]",
                f'phải là một bảng ([unit] có name = "..."), đang là {_show(value)}',
                f'must be a table ([unit] with name = "..."), got {_show(value)}',
            )
        self.unknown_keys(value, _UNIT_KEYS, "[unit]")
        name = self.text(value, "name", "[unit]")
        assert name is not None
        return name, value.get("period")

    def period(self, value: Any, where: str) -> tuple[dt.date, dt.date]:
        if not isinstance(value, dict):
            raise self.fail(
                where,
                f"phải là một bảng như {{ start = 2026-01-01, end = 2026-06-30 }}, đang là {_show(value)}",
                f"must be a table like {{ start = 2026-01-01, end = 2026-06-30 }}, got {_show(value)}",
            )
        self.unknown_keys(value, _PERIOD_KEYS, where)
        for key in _PERIOD_KEYS:
            if key not in value:
                raise self.fail(where, f"thiếu {key} (ngày dạng 2026-01-01)", f"{key} is missing (a date like 2026-01-01)")
        start = self.date(value["start"], where, "start")
        end = self.date(value["end"], where, "end")
        if start > end:
            raise self.fail(
                where, f"start {start.isoformat()} muộn hơn end {end.isoformat()}", f"start {start.isoformat()} is after end {end.isoformat()}"
            )
        return start, end

    def criteria(self, value: Any) -> tuple[Criterion, ...]:
        if not isinstance(value, list) or not value:
            if value is not None and not isinstance(value, list):
                raise self.fail(
                    "criteria",
                    f"phải là danh sách các khối [[criteria]], đang là {_show(value)}",
                    f"must be a list of [[criteria]] blocks, got {_show(value)}",
                )
            raise self.fail("criteria", "chưa có tiêu chí nào: thêm ít nhất một khối [[criteria]]", "no criteria; add at least one [[criteria]] block")
        out: list[Criterion] = []
        seen: set[str] = set()
        for number, entry in enumerate(value, 1):
            out.append(self.criterion(entry, number, seen))
        return tuple(out)

    def criterion(self, entry: Any, number: int, seen: set[str]) -> Criterion:
        where = f"criterion #{number}"
        if not isinstance(entry, dict):
            raise self.fail(where, f"phải là một khối [[criteria]], đang là {_show(entry)}", f"must be a [[criteria]] block, got {_show(entry)}")
        if "code" not in entry:
            raise self.fail(where, 'thiếu code (ví dụ code = "1")', 'code is missing (e.g. code = "1")')
        code = self.code(entry["code"], _CRITERION_CODE, "1", where)
        where = f"criterion {code}"
        # Checked before its sub-criteria: a copied block's first problem is its repeated code.
        if code in seen:
            raise self.fail(where, "code dùng hai lần", "code used twice")
        seen.add(code)
        self.unknown_keys(entry, _CRITERION_KEYS, where)
        title = self.text(entry, "title", where)
        points = self.whole(entry, "points", where)
        assert title is not None and points is not None

        subs_value = entry.get("subcriteria")
        if subs_value is None or subs_value == []:
            raise self.fail(
                where, "chưa có tiêu chí con: thêm các khối [[criteria.subcriteria]] dưới nó", "has no sub-criteria; add [[criteria.subcriteria]] blocks under it"
            )
        if not isinstance(subs_value, list):
            raise self.fail(
                where,
                f"subcriteria phải là danh sách các khối [[criteria.subcriteria]], đang là {_show(subs_value)}",
                f"subcriteria must be a list of [[criteria.subcriteria]] blocks, got {_show(subs_value)}",
            )
        subs: list[SubCriterion] = []
        seen: set[str] = set()
        for sub_number, sub_entry in enumerate(subs_value, 1):
            sub = self.subcriterion(sub_entry, sub_number, code)
            if sub.code in seen:
                raise self.fail(f"sub-criterion {sub.code}", "code dùng hai lần", "code used twice")
            seen.add(sub.code)
            subs.append(sub)

        added = sum(s.points for s in subs)
        if added != points:
            parts = ", ".join(f"{s.code}: {s.points}" for s in subs)
            raise self.fail(
                where,
                f"points là {points} nhưng các tiêu chí con cộng lại được {added} ({parts})",
                f"points are {points} but its sub-criteria add up to {added} ({parts})",
            )
        return Criterion(code=code, title=title, points=points, subcriteria=tuple(subs))

    def subcriterion(self, entry: Any, number: int, parent: str) -> SubCriterion:
        where = f"sub-criterion #{number} of criterion {parent}"
        if not isinstance(entry, dict):
            raise self.fail(
                where, f"phải là một khối [[criteria.subcriteria]], đang là {_show(entry)}", f"must be a [[criteria.subcriteria]] block, got {_show(entry)}"
            )
        if "code" not in entry:
            raise self.fail(where, f'thiếu code (ví dụ code = "{parent}.{number}")', f'code is missing (e.g. code = "{parent}.{number}")')
        code = self.code(entry["code"], _SUBCRITERION_CODE, f"{parent}.{number}", where)
        where = f"sub-criterion {code}"
        if code.split(".", 1)[0] != parent:
            raise self.fail(
                where,
                f"nằm dưới tiêu chí {parent}: code phải bắt đầu bằng \"{parent}.\" "
                f"(hoặc chuyển khối này xuống dưới [[criteria]] code = \"{code.split('.', 1)[0]}\")",
                f"is listed under criterion {parent}; its code must start with \"{parent}.\" "
                f"(or move the block under [[criteria]] code = \"{code.split('.', 1)[0]}\")",
            )
        self.unknown_keys(entry, _SUBCRITERION_KEYS, where)
        title = self.text(entry, "title", where)
        points = self.whole(entry, "points", where)
        min_evidence = self.whole(entry, "min_evidence", where, required=False)
        assert title is not None and points is not None
        return SubCriterion(
            code=code,
            title=title,
            points=points,
            keywords=self.phrases(entry, "keywords", where, 'keywords = ["bảng phí", "lệ phí"]'),
            min_evidence=1 if min_evidence is None else min_evidence,
            context=self.phrases(entry, "context", where, 'context = ["hài lòng"]') if "context" in entry else (),
            exclude=self.phrases(entry, "exclude", where, 'exclude = ["tuyển dụng"]') if "exclude" in entry else (),
        )

    def phrases(self, entry: dict[str, Any], key: str, where: str, example: str) -> tuple[str, ...]:
        """A non-empty list of phrases (`keywords`, `context`, `exclude`), each trimmed."""
        if key not in entry:
            raise self.fail(where, f"thiếu {key} (ví dụ {example})", f"{key} are missing (e.g. {example})")
        value = entry[key]
        if not isinstance(value, list):
            raise self.fail(
                where,
                f"{key} phải là danh sách cụm từ trong ngoặc kép (ví dụ {example}), đang là {_show(value)}",
                f"{key} must be a list of phrases in quotes (e.g. {example}), got {_show(value)}",
            )
        if not value:
            raise self.fail(where, f"{key} không được để trống (ví dụ {example})", f"{key} must not be empty (e.g. {example})")
        out: list[str] = []
        one = key.removesuffix("s")  # keyword #2, context #2
        for n, phrase in enumerate(value, 1):
            if not isinstance(phrase, str):
                raise self.fail(
                    where, f"{one} thứ {n} phải là chữ trong ngoặc kép, đang là {_show(phrase)}", f"{one} #{n} must be text in quotes, got {_show(phrase)}"
                )
            # Stored as written (only trimmed): accent folding belongs to the matcher.
            phrase = phrase.strip()
            if not phrase:
                raise self.fail(where, f"{one} thứ {n} để trống", f"{one} #{n} is empty")
            out.append(phrase)
        return tuple(out)
