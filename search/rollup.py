"""The city's roll-up: many units' `coverage --json` reports in one table.

The city's Department of Home Affairs compares dozens of wards. Each ward sends the JSON of
`minhchung coverage --json`; this module reads them (refusing anything that is not such a
report, naming the file), checks they were scored on one rubric version, and builds a `Rollup`:
one row per unit (provable score, per-criterion subtotals, how many sub-criteria lack proof),
then per sub-criterion how many units lack proof, most-lacking first. Renderers below turn it
into text, Markdown, a printable web page, an Excel workbook or JSON.
"""

from __future__ import annotations

import html
import json
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from indexer.errors import ReportError
from indexer.models import Criterion, Rollup, SubCriterion, SubCriterionNeed, UnitScore, code_order
from indexer.vietnamese import fold
from search.report import xml_safe

SCHEMA = 1
_STATUSES = {"proven", "suggested", "missing"}
TITLE = "TỔNG HỢP KẾT QUẢ MINH CHỨNG CÁC ĐƠN VỊ"
NEEDS_TITLE = "Tiêu chí con còn thiếu minh chứng ở nhiều đơn vị (nơi thành phố nên hỗ trợ)"


# --- reading the reports ----------------------------------------------------------------------


def rollup(report_files: Sequence[Path | str], *, force: bool = False) -> Rollup:
    """Read the `coverage --json` files and build the city's table.

    Raises ReportError naming the file for bad JSON or a file that is not a coverage report, and
    naming files and versions when the reports were scored on different rubric versions (unless
    `force`).
    """
    return build_rollup([(str(f), load_report(Path(f))) for f in report_files], force=force)


def load_report(path: Path) -> dict:
    """One `coverage --json` report, checked enough that the roll-up can trust its shape."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ReportError(f"{name}: không đọc được tệp ({exc.strerror or exc}) (cannot read)")
    try:
        data = json.loads(_decode(raw))
    except UnicodeDecodeError:
        raise ReportError(f"{name}: không phải tệp văn bản UTF-8 (not UTF-8 text)")
    except json.JSONDecodeError as exc:
        raise ReportError(f"{name}: không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}: {exc.msg}) (bad JSON)")
    except RecursionError:  # json gives up on thousands of nested `[`; no report is nested so deep
        raise ReportError(f"{name}: không phải JSON hợp lệ (lồng nhau quá sâu) (bad JSON)")
    problem = _shape_problem(data)
    if problem:
        raise ReportError(f"{name}: không phải báo cáo của `minhchung coverage --json` ({problem}) (not a coverage report)")
    return data


def _decode(raw: bytes) -> str:
    # Windows PowerShell 5 writes `>` redirections as UTF-16 with a BOM; Notepad may add a UTF-8 BOM.
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig")


def _points(value) -> bool:
    """A score or points a report can really carry: a whole number, not one Excel cannot hold."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**6


def _shape_problem(data) -> str | None:
    """What is wrong with the shape of a would-be coverage report, or None."""
    if not isinstance(data, dict):
        return "không phải một đối tượng JSON"
    schema = data.get("schema")
    if not isinstance(schema, int):
        return 'thiếu trường "schema"'
    if schema > SCHEMA:
        return f"schema {schema} mới hơn chương trình này (schema {SCHEMA}): hãy cập nhật minhchung"
    score = data.get("score")
    if not isinstance(score, dict) or not all(_points(score.get(k)) for k in ("provable", "max")):
        return 'thiếu trường "score" với "provable" và "max"'
    criteria = data.get("criteria")
    if not isinstance(criteria, list) or not criteria:
        return 'thiếu danh sách "criteria"'
    for c in criteria:
        if not isinstance(c, dict) or not isinstance(c.get("code"), str) or not isinstance(c.get("subcriteria"), list):
            return 'một mục trong "criteria" thiếu "code" hoặc "subcriteria"'
        if not _points(c.get("points")) or not _points(c.get("provable")):
            return f'tiêu chí {c["code"]} thiếu "points" hoặc "provable"'
        for s in c["subcriteria"]:
            if not isinstance(s, dict) or not isinstance(s.get("code"), str) or s.get("status") not in _STATUSES:
                return f'tiêu chí {c["code"]} có tiêu chí con thiếu "code" hoặc "status"'
            if s.get("points") is not None and not _points(s["points"]):
                return f'tiêu chí con {s["code"]} có "points" không phải số nguyên'
    # Read into dates and compared between units: a number or a list there stopped the roll-up.
    period = data.get("period")
    if period is not None and (not isinstance(period, dict) or not all(isinstance(period.get(k), (str, type(None))) for k in ("start", "end"))):
        return 'trường "period" không có dạng {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}'
    return None


# --- the table --------------------------------------------------------------------------------


def build_rollup(reports: Sequence[tuple[str, dict]], *, force: bool = False) -> Rollup:
    """The roll-up of already-loaded reports, each (file name, report data)."""
    if not reports:
        raise ReportError("chưa có báo cáo nào để tổng hợp (no reports given)")
    by_version: dict[str | None, list[str]] = {}
    for name, data in reports:
        by_version.setdefault(_version(data), []).append(name)
    warnings: list[str] = []
    if len(by_version) > 1:
        listing = "; ".join(f"phiên bản {v or 'không rõ'}: {', '.join(names)}" for v, names in by_version.items())
        short = "; ".join(f"phiên bản {v or 'không rõ'}: {', '.join(Path(n).name for n in names)}" for v, names in by_version.items())
        if not force:
            raise ReportError(
                f"các báo cáo chấm theo bộ tiêu chí khác phiên bản, không cộng chung được ({listing}); "
                "hãy chấm lại theo cùng một bộ tiêu chí, hoặc thêm --force để vẫn tổng hợp "
                "(reports use different rubric versions)"
            )
        warnings.append(f"Tổng hợp các báo cáo chấm theo bộ tiêu chí khác phiên bản (--force): {short}. Điểm của các đơn vị không hoàn toàn so sánh được.")

    criteria = _all_criteria([data for _, data in reports])
    units = [_unit(name, data) for name, data in reports]
    warnings += _unit_warnings(units)
    # Two reports of one unit (an old and a new one) would make two identical rows: name the file.
    seen: dict[str, int] = {}
    for u in units:
        seen[fold(u.unit).lower()] = seen.get(fold(u.unit).lower(), 0) + 1
    units = [replace(u, unit=f"{u.unit} ({Path(u.source).name})") if seen[fold(u.unit).lower()] > 1 else u for u in units]
    units.sort(key=lambda u: (-u.provable, _sort_key(u.unit)))
    assessed = {}
    for _, data in reports:
        for c in data["criteria"]:
            for s in c["subcriteria"]:
                assessed[s["code"]] = assessed.get(s["code"], 0) + 1
    needs = []
    for criterion in criteria:
        for sub in criterion.subcriteria:
            needs.append(SubCriterionNeed(
                subcriterion=sub,
                missing=tuple(u.unit for u in units if sub.code in u.missing),
                suggested=tuple(u.unit for u in units if sub.code in u.suggested),
                assessed=assessed.get(sub.code, 0),
            ))  # fmt: skip
    order = {s.code: n for n, s in enumerate(s for c in criteria for s in c.subcriteria)}
    needs.sort(key=lambda n: (-n.lacking, -len(n.missing), order[n.subcriterion.code]))
    return Rollup(
        criteria=criteria,
        units=tuple(units),
        needs=tuple(needs),
        rubric_title=next((d.get("rubric_title") for _, d in reports if d.get("rubric_title")), "") or "",
        versions=tuple(v for v in by_version if v is not None),
        warnings=tuple(warnings),
    )


def _version(data: dict) -> str | None:
    version = data.get("rubric_version")
    return str(version) if version not in (None, "") else None


def _nfc(text) -> str:
    return unicodedata.normalize("NFC", str(text or "")).strip()


def _sort_key(text: str) -> tuple[str, str]:
    return (fold(text).lower(), text)


def _all_criteria(datas: list[dict]) -> tuple[Criterion, ...]:
    """Every criterion and sub-criterion any report has, in code order, titled as first seen."""
    seen: dict[str, tuple[dict, dict[str, SubCriterion]]] = {}
    for data in datas:
        for c in data["criteria"]:
            _, subs = seen.setdefault(c["code"], (c, {}))
            for s in c["subcriteria"]:
                if s["code"] not in subs:
                    subs[s["code"]] = SubCriterion(s["code"], _nfc(s.get("title")), int(s.get("points") or 0), ())
    return tuple(
        Criterion(code, _nfc(c.get("title")), int(c["points"]), tuple(sorted(subs.values(), key=lambda s: code_order(s.code))))
        for code, (c, subs) in sorted(seen.items(), key=lambda item: code_order(item[0]))
    )


def _unit(name: str, data: dict) -> UnitScore:
    subs = [s for c in data["criteria"] for s in c["subcriteria"]]
    period = data.get("period")
    return UnitScore(
        unit=_nfc(data.get("unit")) or Path(name).stem,
        source=name,
        rubric_version=_version(data),
        provable=data["score"]["provable"],
        max_points=data["score"]["max"],
        subtotals=tuple((c["code"], c["provable"]) for c in data["criteria"]),
        missing=tuple(s["code"] for s in subs if s["status"] == "missing"),
        suggested=tuple(s["code"] for s in subs if s["status"] == "suggested"),
        period=(period["start"], period["end"]) if isinstance(period, dict) and period.get("start") and period.get("end") else None,
        generated=data.get("generated"),
    )


def _unit_warnings(units: list[UnitScore]) -> list[str]:
    warnings = []
    by_unit: dict[str, list[str]] = {}
    for u in units:
        by_unit.setdefault(fold(u.unit).lower(), []).append(u.source)
    for u in units:
        sources = by_unit.pop(fold(u.unit).lower(), [])
        if len(sources) > 1:
            names = ", ".join(Path(s).name for s in sources)
            warnings.append(f"Đơn vị “{u.unit}” có {len(sources)} báo cáo ({names}): có thể gửi trùng hoặc gửi cả bản cũ.")
    periods = {u.period for u in units}
    if len(periods) > 1:
        listing = "; ".join(f"{u.unit}: {period_label(u.period)}" for u in units)
        warnings.append(f"Các báo cáo không cùng kỳ đánh giá ({listing}).")
    return warnings


# --- shared wording -------------------------------------------------------------------------------


def _date(iso: str) -> str:
    parts = iso.split("-")
    return "/".join(reversed(parts)) if len(parts) == 3 else iso


def period_label(period: tuple[str, str] | None) -> str:
    return f"{_date(period[0])} – {_date(period[1])}" if period else "chưa khai báo"


def subtitle(r: Rollup) -> str:
    """The line under the title: rubric, version(s), number of units, period."""
    rubric = f"Bộ tiêu chí “{r.rubric_title}”" if r.rubric_title else "Bộ tiêu chí"
    versions = f" (phiên bản {', '.join(r.versions)})" if r.versions else ""
    periods = {u.period for u in r.units}
    period = f" · Kỳ đánh giá {period_label(next(iter(periods)))}" if len(periods) == 1 else ""
    return f"{rubric}{versions} · {len(r.units)} đơn vị{period}"


def _score(u: UnitScore) -> str:
    return f"{u.provable}/{u.max_points}"


def _sub(u: UnitScore, code: str) -> str:
    value = u.subtotal(code)
    return "—" if value is None else str(value)


def _lacking_groups(n: SubCriterionNeed) -> list[tuple[str, tuple[str, ...]]]:
    """("chưa có gì", units), ("chỉ có gợi ý", units), leaving out an empty group."""
    return [(label, units) for label, units in (("chưa có gì", n.missing), ("chỉ có gợi ý", n.suggested)) if units]


UNIT_HEADERS = ("STT", "Đơn vị", "Điểm đã có minh chứng")
COUNT_HEADERS = ("Tiêu chí con chưa có minh chứng", "trong đó chỉ có gợi ý")


# --- text ---------------------------------------------------------------------------------------


def render_text(r: Rollup) -> str:
    """The two tables for a terminal or a plain-text e-mail."""
    name_w = min(max(len("Đơn vị"), *(len(u.unit) for u in r.units)), 48)
    crit = [(c.code, f"TC{c.code}/{c.points}") for c in r.criteria]
    head = f"{'STT':>3}  {'Đơn vị':<{name_w}}  {'Điểm':>7}  " + "  ".join(f"{h:>7}" for _, h in crit) + f"  {'Chưa có MC':>10}  {'Chỉ gợi ý':>9}"
    lines = [TITLE, subtitle(r), ""]
    lines += [f"! {w}" for w in r.warnings]
    if r.warnings:
        lines.append("")
    lines += [head, "-" * len(head)]
    for n, u in enumerate(r.units, 1):
        name = u.unit if len(u.unit) <= name_w else u.unit[: name_w - 1] + "…"
        lines.append(
            f"{n:>3}  {name:<{name_w}}  {_score(u):>7}  " + "  ".join(f"{_sub(u, code):>7}" for code, _ in crit)
            + f"  {len(u.lacking):>10}  {len(u.suggested):>9}"
        )  # fmt: skip
    lines += ["", "Điểm: điểm đã có minh chứng / điểm tối đa. Chưa có MC: số tiêu chí con chưa có minh chứng (kể cả chỉ có gợi ý).", ""]
    lines.append(NEEDS_TITLE + ":")
    lacking = [n for n in r.needs if n.lacking]
    if not lacking:
        lines.append("  Mọi đơn vị đều đã có minh chứng cho mọi tiêu chí con.")
    for n in lacking:
        s = n.subcriterion
        lines.append(f"  {s.code:<5} {n.lacking:>2}/{n.assessed} đơn vị  {s.title}")
        if n.missing:
            lines.append(f"  {'':<19}chưa có gì: {'; '.join(n.missing)}")
        if n.suggested:
            lines.append(f"  {'':<19}chỉ có gợi ý: {'; '.join(n.suggested)}")
    rest = len(r.needs) - len(lacking)
    if lacking and rest:
        lines.append(f"  {rest} tiêu chí con còn lại: mọi đơn vị đều đã có minh chứng.")
    return "\n".join(lines) + "\n"


# --- Markdown ----------------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def render_markdown(r: Rollup) -> str:
    """The two tables as Markdown (for an e-mail or a wiki page)."""
    lines = [f"# {TITLE}", "", subtitle(r), ""]
    lines += [f"> ⚠ {_md(w)}" for w in r.warnings]
    if r.warnings:
        lines.append("")
    heads = [*UNIT_HEADERS, *(f"TC{c.code} ({c.points})" for c in r.criteria), *COUNT_HEADERS]
    lines.append("| " + " | ".join(heads) + " |")
    lines.append("|" + "---:|---|---:|" + "---:|" * len(r.criteria) + "---:|---:|")
    for n, u in enumerate(r.units, 1):
        cells = [str(n), _md(u.unit), _score(u), *(_sub(u, c.code) for c in r.criteria), str(len(u.lacking)), str(len(u.suggested))]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"## {NEEDS_TITLE}", ""]
    lacking = [n for n in r.needs if n.lacking]
    if not lacking:
        lines.append("Mọi đơn vị đều đã có minh chứng cho mọi tiêu chí con.")
    else:
        lines += ["| Mã | Nội dung | Số đơn vị chưa có minh chứng | Các đơn vị |", "|---|---|---:|---|"]
        for n in lacking:
            units = " — ".join(f"{label}: " + "; ".join(_md(u) for u in names) for label, names in _lacking_groups(n))
            lines.append(f"| {n.subcriterion.code} | {_md(n.subcriterion.title)} | {n.lacking}/{n.assessed} | {units} |")
        rest = len(r.needs) - len(lacking)
        if rest:
            lines += ["", f"{rest} tiêu chí con còn lại: mọi đơn vị đều đã có minh chứng."]
    return "\n".join(lines) + "\n"


# --- HTML ---------------------------------------------------------------------------------------

_CSS = """
@page { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", "DejaVu Serif", serif; color: #1a1a1a; margin: 24px auto; max-width: 1200px; padding: 0 16px; line-height: 1.35; }
h1 { font-size: 22px; text-align: center; margin: 0 0 4px; letter-spacing: .02em; }
p.sub { text-align: center; color: #444; margin: 0 0 18px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid #1f4e79; padding-bottom: 3px; color: #1f4e79; }
.warn { background: #fff4e0; border-left: 4px solid #d9822b; padding: 6px 10px; margin: 6px 0; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border: 1px solid #9aa7b4; padding: 4px 7px; vertical-align: top; }
thead th { background: #1f4e79; color: #fff; font-weight: bold; text-align: center; vertical-align: middle; }
thead th small { display: block; font-weight: normal; opacity: .85; }
tbody tr:nth-child(even) { background: #f3f6f9; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.code { white-space: nowrap; font-weight: bold; }
td.score { font-weight: bold; }
td.zero { color: #8a8a8a; }
td.short { background: #fdecea; }
th.unit { width: 30%; }
.version { color: #8a5a00; font-size: 12px; }
td.bad { color: #b00020; font-weight: bold; }
.bar { display: inline-block; height: 9px; background: #c0392b; vertical-align: middle; }
.bar + .bar, td.num .bar:last-of-type { margin-right: 6px; }
th.count { width: 11%; }
th.title { width: 40%; }
.bar.light { background: #e6a23c; }
.units { color: #333; font-size: 13px; }
.units b { font-weight: normal; color: #666; }
.units .sugg { color: #8a5a00; }
footer { margin-top: 22px; font-size: 12px; color: #555; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  thead th { background: #dde6ef !important; color: #000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .bar { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def render_html(r: Rollup) -> str:
    """One self-contained page that prints on A4 landscape: the units table, then the needs table."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(TITLE.capitalize())}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(TITLE)}</h1>",
        f'<p class="sub">{e(subtitle(r))}</p>',
    ]
    parts += [f'<div class="warn">⚠ {e(w)}</div>' for w in r.warnings]
    parts.append("<h2>Kết quả từng đơn vị</h2>")
    parts.append('<table class="units-table"><thead><tr><th>STT</th><th class="unit">Đơn vị</th><th>Điểm đã có minh chứng<small>trên điểm tối đa</small></th>')
    for c in r.criteria:
        parts.append(f'<th title="{e(c.title)}">TC{e(c.code)}<small>tối đa {c.points}</small></th>')
    parts.append('<th class="count">Tiêu chí con chưa có minh chứng</th><th class="count">trong đó chỉ có gợi ý</th></tr></thead><tbody>')
    mixed = len(r.versions) > 1
    for n, u in enumerate(r.units, 1):
        cells = []
        for c in r.criteria:
            value = u.subtotal(c.code)
            short = value is not None and value < c.points
            cells.append(f'<td class="num{" short" if short else ""}">{e(_sub(u, c.code))}</td>')
        version = f' <span class="version">(phiên bản {e(u.rubric_version or "không rõ")})</span>' if mixed else ""
        lack, sugg = len(u.lacking), len(u.suggested)
        parts.append(
            f'<tr><td class="num">{n}</td><td>{e(u.unit)}{version}</td><td class="num score">{e(_score(u))}</td>{"".join(cells)}'
            f'<td class="num {"bad" if lack else "zero"}">{lack}</td><td class="num{"" if sugg else " zero"}">{sugg}</td></tr>'
        )
    parts.append("</tbody></table>")
    parts.append(f"<h2>{e(NEEDS_TITLE)}</h2>")
    lacking = [n for n in r.needs if n.lacking]
    if not lacking:
        parts.append("<p>Mọi đơn vị đều đã có minh chứng cho mọi tiêu chí con.</p>")
    else:
        parts.append('<table><thead><tr><th>Mã</th><th class="title">Nội dung tiêu chí con</th><th class="count">Số đơn vị chưa có minh chứng</th>'
                     "<th>Các đơn vị</th></tr></thead><tbody>")  # fmt: skip
        for n in lacking:
            # A stacked bar: red for units with nothing, amber for units with only a suggestion.
            whole = max(n.assessed, 1)
            bar = (f'<span class="bar" style="width:{round(60 * len(n.missing) / whole)}px"></span>' if n.missing else "") + (
                f'<span class="bar light" style="width:{round(60 * len(n.suggested) / whole)}px"></span>' if n.suggested else "")
            units = "<br>".join(
                f'<span class="{"sugg" if label != "chưa có gì" else "miss"}"><b>{e(label)}:</b> ' + "; ".join(e(u) for u in names) + "</span>"
                for label, names in _lacking_groups(n)
            )
            parts.append(
                f'<tr><td class="code">{e(n.subcriterion.code)}</td><td>{e(n.subcriterion.title)}</td>'
                f'<td class="num">{bar}{n.lacking}/{n.assessed}</td><td class="units">{units}</td></tr>'
            )
        parts.append("</tbody></table>")
        rest = len(r.needs) - len(lacking)
        if rest:
            parts.append(f"<p>{rest} tiêu chí con còn lại: mọi đơn vị đều đã có minh chứng.</p>")
    parts.append(
        "<footer>Điểm đã có minh chứng: chỉ tính các tiêu chí con có tệp minh chứng (theo tên tệp, thư mục hoặc gán tay). "
        "“Chỉ có gợi ý”: có văn bản khớp nội dung nhưng chưa được xác nhận. Tổng hợp từ báo cáo "
        "<code>minhchung coverage --json</code> của từng đơn vị.</footer>"
    )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# --- JSON -------------------------------------------------------------------------------------------


def rollup_json(r: Rollup) -> dict:
    """The roll-up for scripts: units, then needs (every sub-criterion, most-lacking first)."""
    return {
        "schema": SCHEMA,
        "rubric_title": r.rubric_title or None,
        "rubric_versions": list(r.versions),
        "criteria": [{"code": c.code, "title": c.title, "points": c.points} for c in r.criteria],
        "units": [
            {
                "unit": u.unit,
                "source": u.source,
                "rubric_version": u.rubric_version,
                "period": {"start": u.period[0], "end": u.period[1]} if u.period else None,
                "generated": u.generated,
                "score": {"provable": u.provable, "max": u.max_points},
                "criteria": [{"code": code, "provable": value} for code, value in u.subtotals],
                "lacking": len(u.lacking),
                "missing": list(u.missing),
                "suggested": list(u.suggested),
            }
            for u in r.units
        ],
        "needs": [
            {
                "code": n.subcriterion.code,
                "title": n.subcriterion.title,
                "points": n.subcriterion.points,
                "lacking": n.lacking,
                "assessed": n.assessed,
                "missing": list(n.missing),
                "suggested": list(n.suggested),
            }
            for n in r.needs
        ],
        "warnings": list(r.warnings),
    }


# --- Excel --------------------------------------------------------------------------------------------


def _wrapped_lines(value, width: float) -> int:
    """About how many lines a wrapped cell of `width` characters shows `value` on."""
    text = str(value or "")
    return max(1, -(-len(text) // max(1, int(width) - 1)))


def _as_text(cell) -> None:
    # openpyxl stores any text starting with `=` as a formula: a unit name sent by a ward as
    # `=HYPERLINK(...)` ran in the city's Excel. Text cells are text, shown as written.
    if isinstance(cell.value, str):
        cell.data_type = "s"


def write_xlsx(r: Rollup, path: Path | str) -> Path:
    """An Excel workbook: sheet “Đơn vị” (one row per unit) and “Tiêu chí con” (needs), each with a
    bold frozen header row, filters and readable column widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    book.properties.title = TITLE
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E79")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")

    def sheet(ws, headers: list[str], rows: list[list], widths: list[int], wrapped: tuple[int, ...]) -> None:
        ws.append([xml_safe(h) for h in headers])  # a criterion code from a report is in them
        for cell in ws[1]:
            cell.font, cell.fill = header_font, header_fill
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        for row in rows:
            ws.append([xml_safe(v) if isinstance(v, str) else v for v in row])
        for n, width in enumerate(widths, 1):
            ws.column_dimensions[ws.cell(1, n).column_letter].width = width
        ws.row_dimensions[1].height = 45
        ws.freeze_panes = "C2"
        ws.auto_filter.ref = ws.dimensions
        # Printed, it came out portrait, cut across pages, with no title: the row 1 headers stay
        # (filters, scripts), the title and period go in the page header, columns fit one width.
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_title_rows = "1:1"
        # Excel's header holds 255 characters and no line break (openpyxl writes one as _x000a_).
        ws.oddHeader.center.text = TITLE
        ws.oddFooter.left.text = xml_safe(subtitle(r)).replace("&", "&&")[:200]
        ws.oddFooter.right.text = "Trang &P / &N"
        # Wrapped cells keep their row's height in LibreOffice: a long list of codes ran over the
        # rows below it. Each row is made as tall as its longest wrapped cell needs.
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = top  # numbers beside a tall cell stay level with its first line
                _as_text(cell)
            for n in wrapped:
                row[n - 1].alignment = wrap
            lines = max(_wrapped_lines(row[n - 1].value, widths[n - 1]) for n in wrapped)
            if lines > 1:
                ws.row_dimensions[row[0].row].height = 15 * lines

    units = book.active
    units.title = "Đơn vị"
    headers = ["STT", "Đơn vị", "Điểm đã có minh chứng", "Điểm tối đa"]
    headers += [f"TC{c.code} ({c.points} điểm)" for c in r.criteria]
    headers += ["Số tiêu chí con chưa có minh chứng", "Trong đó chỉ có gợi ý", "Tiêu chí con chưa có minh chứng", "Phiên bản bộ tiêu chí", "Tệp báo cáo"]
    rows = [
        [n, u.unit, u.provable, u.max_points, *(u.subtotal(c.code) for c in r.criteria),
         len(u.lacking), len(u.suggested), ", ".join(sorted(u.lacking, key=code_order)), u.rubric_version or "", Path(u.source).name]
        for n, u in enumerate(r.units, 1)
    ]  # fmt: skip
    sheet(units, headers, rows, [6, 34, 12, 10, *([11] * len(r.criteria)), 14, 12, 30, 12, 28], (len(headers) - 2,))

    needs = book.create_sheet("Tiêu chí con")
    rows = [
        [n.subcriterion.code, n.subcriterion.title, n.subcriterion.points, n.lacking, len(n.missing), len(n.suggested),
         n.assessed, "; ".join(n.missing), "; ".join(n.suggested)]
        for n in r.needs
    ]  # fmt: skip
    sheet(
        needs,
        ["Mã", "Nội dung tiêu chí con", "Điểm", "Số đơn vị chưa có minh chứng", "Chưa có gì", "Chỉ có gợi ý",
         "Số đơn vị được chấm", "Đơn vị chưa có gì", "Đơn vị chỉ có gợi ý"],
        rows,
        [7, 60, 7, 14, 10, 10, 11, 40, 40],
        (2, 8, 9),
    )  # fmt: skip

    if r.warnings:
        notes = book.create_sheet("Lưu ý")
        notes.append(["Lưu ý"])
        notes["A1"].font = Font(bold=True)
        for w in r.warnings:
            notes.append([xml_safe(w)])
            _as_text(notes.cell(notes.max_row, 1))
        notes.column_dimensions["A"].width = 120
    path = Path(path)
    try:
        book.save(path)
    except OSError as exc:
        raise ReportError(f"không ghi được {path} ({exc.strerror or exc}) (cannot write)")
    return path
