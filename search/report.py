"""Coverage as reviewers and scripts read it: JSON, a terminal table, Markdown, a web page, a Word table.

Every function here is pure (a Coverage in, text or a document out); the CLI decides where the
output goes. Labels are Vietnamese: the readers are ward staff and the assessors of the city.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import re
import stat
import tempfile
from pathlib import Path
from urllib.parse import quote

from indexer.models import (
    NO_UNIT_NOTICE, PROBLEM_LABEL, Coverage, DocMeta, EvidenceRef, Rubric, Status, SubCriterionCoverage, TagSource, detail_vi, listed_problems,
)  # fmt: skip

SCHEMA = 1

STATUS_MARK = {Status.PROVEN: "✓", Status.SUGGESTED: "?", Status.MISSING: "✗"}
STATUS_LABEL = {
    Status.PROVEN: "Đã có minh chứng",
    Status.SUGGESTED: "Cần xem xét",
    Status.MISSING: "Chưa có minh chứng",
}
SOURCE_LABEL = {
    TagSource.FILENAME: "tên tệp",
    TagSource.FOLDER: "thư mục",
    TagSource.MANUAL: "gán tay",
    TagSource.KEYWORD: "gợi ý từ khóa",
}
OUT_OF_PERIOD = "ngoài kỳ đánh giá"
TITLE = "BẢNG MINH CHỨNG"
SCORE_LABEL = "Điểm đã có minh chứng"


# --- JSON (CLI-CONTRACT.md) ----------------------------------------------------------------------


def coverage_json(cov: Coverage) -> dict:
    """The `coverage --json` document of CLI-CONTRACT.md (schema 1), with a few added fields."""
    rubric = cov.rubric
    return {
        "schema": SCHEMA,
        "unit": rubric.unit,
        "rubric_title": rubric.title,
        "rubric_version": rubric.version,
        "period": _period_json(rubric),
        "generated": cov.generated.isoformat() if cov.generated else None,
        "indexed_at": cov.indexed_at or None,
        "score": {"provable": cov.provable, "max": cov.max_points},
        "criteria": [
            {
                "code": c.criterion.code,
                "title": c.criterion.title,
                "points": c.criterion.points,
                "provable": c.provable,
                "subcriteria": [_sub_json(s) for s in c.subcriteria],
            }
            for c in cov.criteria
        ],
        "general": [{"path": p} for p in cov.general],
        "problems": [{"path": p.path, "problem": p.problem, "detail": p.detail} for p in cov.problems],
    }


def _period_json(rubric: Rubric) -> dict | None:
    if rubric.period_start is None or rubric.period_end is None:
        return None
    return {"start": rubric.period_start.isoformat(), "end": rubric.period_end.isoformat()}


def _sub_json(s: SubCriterionCoverage) -> dict:
    return {
        "code": s.subcriterion.code,
        "title": s.subcriterion.title,
        "points": s.subcriterion.points,
        "provable": s.provable,
        "status": s.status.value,
        "min_evidence": s.subcriterion.min_evidence,
        "proofs": s.proofs,
        "out_of_period_only": s.out_of_period_only,
        "evidence": [
            {
                "path": r.path,
                "source": r.source.value,
                "confidence": r.confidence,
                "reason": r.reason,
                "proves": r.proves,
                "note": r.note or None,
                "copy_of": r.copy_of or None,
                "title": r.title or None,
                "doc": {"number": r.doc.number, "date": r.doc.date.isoformat() if r.doc.date else None, "type": r.doc.type},
                "in_period": r.in_period,
            }
            for r in s.evidence
        ],
    }


# --- shared wording ----------------------------------------------------------------------------


def _date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def moment(iso: str) -> str:
    """An ISO date-time as staff read it (`08:15 ngày 10/06/2026`); the text itself if it is none."""
    try:
        return dt.datetime.fromisoformat(iso).strftime("%H:%M ngày %d/%m/%Y")
    except (TypeError, ValueError):
        return str(iso)


def period_label(rubric: Rubric) -> str:
    if rubric.period_start is None or rubric.period_end is None:
        return "chưa khai báo (thêm period vào [unit] trong rubric.toml)"
    return f"{_date(rubric.period_start)} – {_date(rubric.period_end)}"


def doc_label(doc: DocMeta) -> str:
    """`Số 91/KH-UBND, ngày 13/02/2026`, or as much of it as the document shows."""
    parts = []
    if doc.number:
        parts.append(f"Số {doc.number}")
    if doc.date:
        parts.append(f"ngày {_date(doc.date)}")
    return ", ".join(parts)


def ref_notes(ref: EvidenceRef) -> list[str]:
    """What a reviewer should know about one listed file, besides its name (matched words last)."""
    if ref.source is TagSource.KEYWORD:
        # A bare (0,62) told a commune's officer nothing: it is how sure the keyword match is.
        notes = [f"{SOURCE_LABEL[ref.source]}, độ tin cậy {round(ref.confidence * 100)}%"]
    else:
        notes = [SOURCE_LABEL[ref.source]]
    label = doc_label(ref.doc)
    if label:
        notes.append(label)
    if ref.in_period is False:
        notes.append(OUT_OF_PERIOD)
    if ref.copy_of:
        notes.append(f"bản sao của {ref.copy_of}, chỉ tính một lần")
    if ref.note:
        notes.append(ref.note)
    if ref.source is TagSource.KEYWORD and ref.reason:
        notes.append(f"khớp: {_strip_reason(ref.reason)}")
    return notes


def _strip_reason(reason: str) -> str:
    return reason.split(":", 1)[1].strip() if reason.startswith("từ khóa:") else reason


def _shortfall(s: SubCriterionCoverage) -> str:
    """What a sub-criterion that is not proven lacks: missing, too-few, unusable or suggested."""
    if s.status is Status.MISSING:
        return "missing"
    if s.proofs and s.proofs < s.subcriterion.min_evidence:
        return "too-few"
    if not any(r.source is TagSource.KEYWORD for r in s.evidence):
        # Named for the code, but damaged, empty, locked or the summary report: nothing to confirm.
        return "unusable"
    return "suggested"


def need_label(s: SubCriterionCoverage) -> str:
    """Why a sub-criterion is not proven, in one phrase."""
    need = s.subcriterion.min_evidence
    wanted = f" (cần {need} tệp)" if need > 1 else ""
    return {
        "missing": "Chưa có tệp minh chứng",
        "too-few": f"Chưa đủ minh chứng: có {s.proofs}/{need} tệp khác nhau",
        "unusable": f"Chưa có minh chứng{wanted}: tệp theo mã này không dùng được, cần bản khác đọc được",
        "suggested": f"Chưa có minh chứng{wanted}; có tệp gợi ý cần xem xét",
    }[_shortfall(s)]


def _counts(cov: Coverage) -> dict[Status, int]:
    counts = {status: 0 for status in Status}
    for s in cov.subcriteria:
        counts[s.status] += 1
    return counts


def _heading_lines(cov: Coverage) -> list[str]:
    """Title with the unit, the rubric, and the period with the date the report was made."""
    rubric = cov.rubric
    made = f" · Lập ngày {_date(cov.generated)}" if cov.generated else ""
    return [
        f"{TITLE} — {unit_of(rubric)}",
        f"Bộ tiêu chí “{rubric.title}” (phiên bản {rubric.version})",
        f"Kỳ đánh giá: {period_label(rubric)}{made}",
        *([] if rubric.unit else [NO_UNIT_HINT]),
    ]


def _rename_hint(s: SubCriterionCoverage, rubric: Rubric) -> str | None:
    """Rename the folder, when several suggested files share one named after the sub-criterion's
    topic (`Số điện thoại đường dây nóng/`): one rename proves them all, and the next ones too."""
    from indexer.tagging import names_subcriterion

    folders = [r.path.rsplit("/", 1)[0] for r in s.evidence if r.source is TagSource.KEYWORD and "/" in r.path]
    if not folders:
        return None
    folder = max(dict.fromkeys(folders), key=folders.count)
    name, code = folder.rsplit("/", 1)[-1], s.subcriterion.code
    if folders.count(folder) < 2 or not names_subcriterion(name, code, rubric):
        return None
    return f"hoặc nếu cả thư mục là minh chứng {code}: đổi tên thư mục “{folder}” thành “{code} {name}”"


def out_of_period_line(cov: Coverage) -> str | None:
    """One line under the score when points rest on documents dated outside the period only."""
    subs = cov.out_of_period_only
    if not subs:
        return None
    codes = ", ".join(s.subcriterion.code for s in subs)
    points = sum(s.provable for s in subs)
    return (f"Lưu ý: {codes} chỉ có minh chứng {OUT_OF_PERIOD} ({points} điểm): người chấm có thể không công nhận, "
            "nên bổ sung văn bản trong kỳ")  # fmt: skip


def _tag_hint(s: SubCriterionCoverage) -> str | None:
    suggested = [r for r in s.evidence if r.source is TagSource.KEYWORD and not r.copy_of]
    if not suggested:
        return None
    # Printed below the last of several files, the command named the first: say it is an example.
    label = "xác nhận nếu đúng" if len(suggested) == 1 else "tệp nào đúng thì xác nhận, ví dụ"
    return f'{label}: minhchung tag "{suggested[0].path}" {s.subcriterion.code}'


# --- terminal ----------------------------------------------------------------------------------


def render_text(cov: Coverage, color: bool, width: int = 100) -> str:
    """A table for the terminal: colours when `color`, plain text (no escape codes) otherwise."""
    from rich import box
    from rich.console import Console, Group
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    console = Console(
        file=out, width=width, force_terminal=color, color_system="standard" if color else None,
        no_color=not color, highlight=False, emoji=False,
    )  # fmt: skip
    styles = {Status.PROVEN: "green", Status.SUGGESTED: "yellow", Status.MISSING: "red"}
    head, *sub_head = _heading_lines(cov)
    console.print(Text(head, style="bold"))
    for line in sub_head:
        # Not wrapped: the notice cut in two (`name = "UBND` / `xã ..."`) could not be copied whole.
        console.print(Text(line, style="yellow" if line == NO_UNIT_HINT else "dim"), soft_wrap=True)
    console.print()
    score = Text(f"{SCORE_LABEL}: {cov.provable}/{cov.max_points}", style="bold")
    console.print(score)
    counts = _counts(cov)
    summary = Text()
    for status in Status:
        summary.append(f"{STATUS_MARK[status]} {counts[status]} {STATUS_LABEL[status].lower()}", style=styles[status])
        summary.append("   ")
    summary.rstrip()
    console.print(summary)
    if period := out_of_period_line(cov):
        console.print(Text(period, style="bold red"))
    console.print()

    table = Table(box=box.SIMPLE_HEAD, show_lines=False, pad_edge=False, expand=True)
    table.add_column("", width=1, no_wrap=True)
    table.add_column("Mã", no_wrap=True)
    table.add_column("Nội dung / minh chứng", ratio=1)
    table.add_column("Điểm", justify="right", no_wrap=True)
    for n, c in enumerate(cov.criteria):
        if n:
            table.add_section()
        table.add_row("", "", Text(f"Tiêu chí {c.criterion.code}. {c.criterion.title}", style="bold"),
                      Text(f"{c.provable}/{c.criterion.points}", style="bold"))  # fmt: skip
        for s in c.subcriteria:
            # A grid inside the cell gives each listed file a hanging indent when it wraps.
            files = Table.grid(padding=(0, 1))
            files.add_column(width=1, no_wrap=True)
            files.add_column(ratio=1)
            for ref in s.evidence:
                line = Text(ref.path, style=None if ref.proves else "yellow")
                for note in ref_notes(ref):
                    line.append(" · ", style="dim")
                    line.append(note, style="bold red" if note == OUT_OF_PERIOD else "dim")
                files.add_row(Text("•" if ref.proves else "?", style=styles[Status.PROVEN if ref.proves else Status.SUGGESTED]), line)
            if s.status is Status.SUGGESTED and (s.proofs or s.subcriterion.min_evidence > 1):
                files.add_row("", Text(need_label(s), style=styles[s.status]))
            hint = _tag_hint(s) if s.status is Status.SUGGESTED else None
            if hint:
                files.add_row("", Text(f"→ {hint}", style="dim"))
                if rename := _rename_hint(s, cov.rubric):
                    files.add_row("", Text(f"→ {rename}", style="dim"))
            cell = Group(Text(s.subcriterion.title), files) if files.row_count else Text(s.subcriterion.title)
            table.add_row(Text(STATUS_MARK[s.status], style=styles[s.status]), s.subcriterion.code, cell,
                          Text(f"{s.provable}/{s.subcriterion.points}", style=styles[s.status]))  # fmt: skip
    table.add_section()
    table.add_row("", "", Text("Tổng cộng", style="bold"), Text(f"{cov.provable}/{cov.max_points}", style="bold"))
    console.print(table)

    if cov.gaps:
        # The to-do list a ward officer acts on, biggest points first.
        missing = sum(s.subcriterion.points for s in cov.gaps)
        console.print(Text(f"Cần bổ sung minh chứng ({len(cov.gaps)} tiêu chí con, {missing} điểm):", style="bold"))
        todo = Table.grid(padding=(0, 1))
        todo.add_column(width=1, no_wrap=True)
        todo.add_column(width=1, no_wrap=True)
        todo.add_column(no_wrap=True)
        todo.add_column(ratio=1)
        for s in sorted(cov.gaps, key=lambda s: (-s.subcriterion.points, s.subcriterion.code)):
            line = Text(f"{s.subcriterion.title} ({s.subcriterion.points} điểm)")
            if s.status is Status.SUGGESTED:
                note = {
                    "too-few": f" — mới có {s.proofs}/{s.subcriterion.min_evidence} tệp",
                    "unusable": " — tệp theo mã không dùng được",
                    "suggested": " — có tệp gợi ý, xem ở bảng trên",
                }[_shortfall(s)]
                line.append(note, style="dim")
            todo.add_row("", Text(STATUS_MARK[s.status], style=styles[s.status]), s.subcriterion.code, line)
        console.print(todo)
        console.print()
    if cov.general:
        console.print(Text(f"Văn bản tổng hợp, không tính là minh chứng ({len(cov.general)}):", style="bold"))
        for path in cov.general:
            console.print(f"  – {path}", markup=False)
        console.print()
    listed, photos = listed_problems(cov.problems)
    if listed:
        console.print(Text(f"Tệp có vấn đề ({len(listed)}):", style="bold red"))
        # A grid, so that a long line goes on under its text, not at the left margin.
        rows = Table.grid()
        rows.add_column(width=4, no_wrap=True)
        rows.add_column(ratio=1)
        for p in listed:
            line = Text(f"{p.path}: {PROBLEM_LABEL.get(p.problem, p.problem)}")
            if p.detail:
                line.append(f" ({detail_vi(p.detail)})", style="dim")
            rows.add_row(Text("  !", style="red"), line)
        console.print(rows)
        console.print()
    if photos:
        rows = Table.grid()
        rows.add_column(width=7, no_wrap=True)
        rows.add_column(ratio=1)
        for line in photos:
            rows.add_row(Text("Lưu ý:", style="dim"), Text(line, style="dim"))
        console.print(rows)
        console.print()
    console.print(Text(
        "✓ có minh chứng theo tên tệp, thư mục hoặc gán tay · ? chỉ có gợi ý theo nội dung: cán bộ mở tệp kiểm tra, đúng thì xác nhận (minhchung tag) · "
        "✗ chưa có tệp nào. Chỉ tiêu chí con ✓ được tính điểm.", style="dim",
    ))  # fmt: skip
    # rich pads every line to the full width; a file or a pipe is better without the trailing blanks.
    return "\n".join(line.rstrip() for line in out.getvalue().rstrip().splitlines()) + "\n"


# --- Markdown ----------------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("*", "\\*").replace("_", "\\_")


def _href(path: str, link_base: str) -> str:
    return link_base + quote(path, safe="/")


def render_markdown(cov: Coverage, link_base: str = "") -> str:
    """The coverage as Markdown: a summary table, then a section per criterion with its evidence."""
    head, *sub_head = _heading_lines(cov)
    lines = [f"# {head}", "", "  \n".join(sub_head), "", f"**{SCORE_LABEL}: {cov.provable}/{cov.max_points}**", ""]
    counts = _counts(cov)
    lines.append(" · ".join(f"{STATUS_MARK[s]} {counts[s]} {STATUS_LABEL[s].lower()}" for s in Status))
    if period := out_of_period_line(cov):
        lines += ["", f"**{_md(period)}**"]
    lines += ["", "| Tiêu chí | Nội dung | Điểm tối đa | Điểm đã có minh chứng |", "|---|---|---:|---:|"]
    for c in cov.criteria:
        lines.append(f"| {c.criterion.code} | {_md(c.criterion.title)} | {c.criterion.points} | {c.provable} |")
    lines.append(f"| | **Tổng cộng** | **{cov.max_points}** | **{cov.provable}** |")
    for c in cov.criteria:
        lines += ["", f"## Tiêu chí {c.criterion.code}. {_md(c.criterion.title)} — {c.provable}/{c.criterion.points} điểm", ""]
        lines += ["| | Mã | Nội dung | Điểm | Minh chứng |", "|---|---|---|---:|---|"]
        for s in c.subcriteria:
            items = [
                f"{'' if r.proves else '? '}[{_md(r.path)}]({_href(r.path, link_base)}) ({_md('; '.join(ref_notes(r)))})"
                for r in s.evidence
            ]
            if s.status is not Status.PROVEN:
                items.append(f"*{need_label(s)}*")
            lines.append(
                f"| {STATUS_MARK[s.status]} | {s.subcriterion.code} | {_md(s.subcriterion.title)} | "
                f"{s.provable}/{s.subcriterion.points} | {'<br>'.join(items)} |"
            )
    if cov.general:
        lines += ["", "## Văn bản tổng hợp (không tính là minh chứng)", ""]
        lines += [f"- [{_md(p)}]({_href(p, link_base)})" for p in cov.general]
    listed, photos = listed_problems(cov.problems)
    if listed:
        lines += ["", f"## Tệp có vấn đề ({len(listed)})", ""]
        lines += [
            f"- {_md(p.path)}: {PROBLEM_LABEL.get(p.problem, p.problem)}" + (f" ({_md(detail_vi(p.detail))})" if p.detail else "")
            for p in listed
        ]
    if photos:
        lines += ["", *(f"Lưu ý: {_md(line)}  " for line in photos)]
    lines += ["", "✓ có minh chứng (tên tệp, thư mục, gán tay) · ? chỉ có gợi ý theo nội dung · ✗ chưa có. Chỉ tiêu chí con ✓ được tính điểm.", ""]
    return "\n".join(lines)


# --- HTML --------------------------------------------------------------------------------------

_CSS = """
:root { --ok: #17663a; --ok-bg: #e3f3e8; --warn: #8a5a00; --warn-bg: #fff2cc; --bad: #a4161a; --bad-bg: #fde4e4;
        --line: #d0d4da; --muted: #5b6470; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", "DejaVu Serif", serif; font-size: 15px; line-height: 1.45; color: #111;
       max-width: 1100px; margin: 24px auto; padding: 0 24px; }
header h1 { font-size: 24px; margin: 0 0 4px; letter-spacing: .02em; }
header .unit { font-size: 19px; font-weight: bold; margin: 0; }
header .meta { color: var(--muted); margin: 4px 0 0; }
.summary { display: flex; gap: 24px; align-items: flex-start; margin: 18px 0 8px; flex-wrap: wrap; }
.score { border: 2px solid #111; border-radius: 6px; padding: 10px 18px; text-align: center; min-width: 200px; }
.score .big { font-size: 40px; font-weight: bold; line-height: 1.1; }
.score .label { color: var(--muted); }
.counts { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; justify-content: center; gap: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 5px 8px; vertical-align: top; text-align: left; }
th { background: #eef0f3; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.code { white-space: nowrap; font-weight: bold; }
table.overview { flex: 1; min-width: 420px; }
table.overview th { white-space: nowrap; }
div.hint { color: var(--muted); font-size: 13px; margin-top: 3px; }
.hintcmd { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
table.overview tfoot td { font-weight: bold; }
section.criterion { margin-top: 26px; }
section.criterion h2 { font-size: 18px; margin: 0 0 6px; padding-bottom: 4px; border-bottom: 2px solid #111;
                       display: flex; justify-content: space-between; gap: 12px; }
section.criterion h2 .subtotal { white-space: nowrap; }
.badge { display: inline-block; border-radius: 4px; padding: 1px 7px; font-size: 13px; font-weight: bold; white-space: nowrap; }
.proven .badge { color: var(--ok); background: var(--ok-bg); }
.suggested .badge { color: var(--warn); background: var(--warn-bg); }
.missing .badge { color: var(--bad); background: var(--bad-bg); }
tr.suggested td:first-child { border-left: 4px solid #e0a800; }
tr.missing td:first-child { border-left: 4px solid var(--bad); }
tr.proven td:first-child { border-left: 4px solid #2e9d5b; }
ul.evidence { margin: 4px 0 0; padding-left: 18px; }
ul.evidence li { margin: 2px 0; }
ul.evidence li.hint { list-style: "? "; color: var(--warn); }
.notes { color: var(--muted); font-size: 13px; }
.flag { color: var(--bad); font-weight: bold; }
.need { color: var(--bad); font-style: italic; }
.suggested .need { color: var(--warn); }
/* Long names break between words first, inside a word only when it cannot fit. */
a { color: #0b4fa3; text-decoration: none; overflow-wrap: anywhere; }
a:hover { text-decoration: underline; }
section.apart { margin-top: 26px; }
section.apart h2 { font-size: 17px; border-bottom: 1px solid var(--line); padding-bottom: 3px; }
footer { margin-top: 28px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); padding-top: 8px; }
/* A phone (reviewers open the page a ward sends them): each sub-criterion a card, its code,
   status and points on one line and its content below, instead of a table wider than the screen. */
@media screen and (max-width: 640px) {
  body { margin: 12px auto; padding: 0 10px; }
  table.overview { min-width: 0; }
  table.overview th { white-space: normal; }
  section.criterion table, section.criterion tbody { display: block; }
  section.criterion thead { display: none; }
  section.criterion tr { display: grid; grid-template-columns: auto 1fr auto; align-items: center;
                         border: 1px solid var(--line); margin-bottom: 6px; }
  section.criterion td { border: none; }
  section.criterion td:nth-child(1) { grid-column: 1; grid-row: 1; border-left: inherit; }
  section.criterion td:nth-child(3) { grid-column: 2; grid-row: 1; }
  section.criterion td:nth-child(4) { grid-column: 3; grid-row: 1; }
  section.criterion td:nth-child(2) { grid-column: 1 / -1; grid-row: 2; padding-top: 0; }
  tr.proven { border-left: 4px solid #2e9d5b !important; }
  tr.suggested { border-left: 4px solid #e0a800 !important; }
  tr.missing { border-left: 4px solid var(--bad) !important; }
  section.criterion tr td:first-child { border-left: none; }
}
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  body { max-width: none; margin: 0; padding: 0 1px; font-size: 12pt; }
  th, td { border-color: #8c8c8c; }  /* light grey vanishes on office printers */
  section.criterion th:nth-child(3) { width: 8em !important; }
  section.criterion th:nth-child(4) { width: 3.5em !important; }
  a { color: #111; }
  section.criterion { break-inside: auto; }
  section.criterion h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .badge, th, tr td:first-child { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  div.hint, p.hint { display: none; }  /* what staff type next, not for the page the city receives */
}
"""


def render_html(cov: Coverage, link_base: str = "") -> str:
    """One self-contained, printable page: summary on top, a section per criterion, links to the files.

    `link_base` is put before each file's relative path in links (e.g. `../` when the page is
    saved one folder below the evidence root).
    """
    e = html.escape
    rubric = cov.rubric
    counts = _counts(cov)
    made = f" · Lập ngày {_date(cov.generated)}" if cov.generated else ""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(TITLE.capitalize())} — {e(unit_of(rubric))}</title>",
        f"<style>{_CSS}</style></head><body>",
        "<header>",
        f"<h1>{e(TITLE)}</h1>",
        f'<p class="unit">{e(unit_of(rubric))}</p>',
        *([] if rubric.unit else [f'<p class="meta hint">{e(NO_UNIT_HINT)}</p>']),
        f'<p class="meta">Bộ tiêu chí “{e(rubric.title)}” (phiên bản {e(rubric.version)}) · '
        f"Kỳ đánh giá: {e(period_label(rubric))}{e(made)}</p>",
        "</header>",
        '<div class="summary">',
        f'<div class="score" id="score"><div class="big">{cov.provable}/{cov.max_points}</div>'
        f'<div class="label">{e(SCORE_LABEL)}</div></div>',
        '<ul class="counts">',
    ]
    for status in Status:
        parts.append(f'<li class="{status.value}"><span class="badge">{STATUS_MARK[status]} {counts[status]}</span> {e(STATUS_LABEL[status].lower())}</li>')
    parts.append("</ul>")
    if period := out_of_period_line(cov):
        parts.append(f'<p class="period flag">{e(period)}</p>')
    parts.append('<table class="overview"><thead><tr><th>Tiêu chí</th><th>Nội dung</th><th class="num">Điểm tối đa</th>'
                 '<th class="num">Có minh chứng</th></tr></thead><tbody>')  # fmt: skip
    for c in cov.criteria:
        parts.append(
            f'<tr><td class="code"><a href="#tc-{e(c.criterion.code)}">{e(c.criterion.code)}</a></td><td>{e(c.criterion.title)}</td>'
            f'<td class="num">{c.criterion.points}</td><td class="num">{c.provable}</td></tr>'
        )
    parts.append(f'</tbody><tfoot><tr><td></td><td>Tổng cộng</td><td class="num">{cov.max_points}</td>'
                 f'<td class="num">{cov.provable}</td></tr></tfoot></table></div>')  # fmt: skip

    for c in cov.criteria:
        parts.append(f'<section class="criterion" id="tc-{e(c.criterion.code)}">')
        parts.append(f"<h2><span>Tiêu chí {e(c.criterion.code)}. {e(c.criterion.title)}</span>"
                     f'<span class="subtotal">{c.provable}/{c.criterion.points} điểm</span></h2>')  # fmt: skip
        parts.append('<table><thead><tr><th style="width:4.5em">Mã</th><th>Nội dung và minh chứng</th>'
                     '<th style="width:9.5em">Trạng thái</th><th class="num" style="width:4.5em">Điểm</th></tr></thead><tbody>')  # fmt: skip
        for s in c.subcriteria:
            parts.append(f'<tr class="{s.status.value}" id="tc-{e(s.subcriterion.code)}"><td class="code">{e(s.subcriterion.code)}</td><td>')
            parts.append(f'<div class="title">{e(s.subcriterion.title)}</div>')
            if s.evidence:
                parts.append('<ul class="evidence">')
                for r in s.evidence:
                    notes = []
                    for note in ref_notes(r):
                        notes.append(f'<span class="flag">{e(note)}</span>' if note == OUT_OF_PERIOD else e(note))
                    parts.append(
                        f'<li class="{"proof" if r.proves else "hint"}"><a href="{e(_href(r.path, link_base))}">{e(r.path)}</a> '
                        f'<span class="notes">({"; ".join(notes)})</span></li>'
                    )
                parts.append("</ul>")
            if s.status is Status.SUGGESTED and (s.proofs or s.subcriterion.min_evidence > 1):
                parts.append(f'<div class="need">{e(need_label(s))}</div>')
            hint = _tag_hint(s) if s.status is Status.SUGGESTED else None
            if hint:
                label, command = hint.split(": ", 1)
                parts.append(f'<div class="hint">→ {e(label)}: <code class="hintcmd">{e(command)}</code></div>')
                if rename := _rename_hint(s, cov.rubric):
                    parts.append(f'<div class="hint">→ {e(rename)}</div>')
            parts.append(f'</td><td><span class="badge">{STATUS_MARK[s.status]} {e(STATUS_LABEL[s.status])}</span></td>'
                         f'<td class="num">{s.provable}/{s.subcriterion.points}</td></tr>')  # fmt: skip
        parts.append("</tbody></table></section>")

    if cov.general:
        parts.append('<section class="apart" id="general"><h2>Văn bản tổng hợp (không tính là minh chứng)</h2><ul>')
        parts += [f'<li><a href="{e(_href(p, link_base))}">{e(p)}</a></li>' for p in cov.general]
        parts.append("</ul></section>")
    listed, photos = listed_problems(cov.problems)
    if listed:
        parts.append(f'<section class="apart" id="problems"><h2>Tệp có vấn đề ({len(listed)})</h2><ul>')
        for p in listed:
            detail = f' <span class="notes">({e(detail_vi(p.detail))})</span>' if p.detail else ""
            parts.append(f'<li><a href="{e(_href(p.path, link_base))}">{e(p.path)}</a>: {e(PROBLEM_LABEL.get(p.problem, p.problem))}{detail}</li>')
        parts.append("</ul></section>")
    if photos:
        parts.append('<section class="apart" id="photos">' + "".join(f'<p class="notes">Lưu ý: {e(line)}</p>' for line in photos) + "</section>")
    indexed = f" Chỉ mục cập nhật lúc {e(moment(cov.indexed_at))}." if cov.indexed_at else ""
    parts.append(
        "<footer>✓ có minh chứng theo tên tệp, thư mục hoặc gán tay · ? chỉ có gợi ý theo nội dung: cán bộ mở tệp kiểm tra, đúng thì xác nhận (minhchung tag) · "
        f"✗ chưa có tệp nào. Chỉ tiêu chí con ✓ được tính điểm.{indexed} Lập bằng minhchung.</footer>"
    )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# --- Word: the "Bảng minh chứng" attached to the ward's report -----------------------------------

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# Column widths in mm on landscape A4 with 25 mm + 15 mm side margins (257 mm of text width).
_DOCX_COLUMNS = (
    ("STT", 12),
    ("Mã tiêu chí", 18),
    ("Nội dung", 92),
    ("Điểm tối đa", 18),
    ("Điểm đã có minh chứng", 22),
    ("Minh chứng (văn bản, số ký hiệu, ngày; tệp)", 95),
)
_UNIT_PREFIXES = ("ubnd ", "ủy ban nhân dân ", "uỷ ban nhân dân ")
_PLACE_PREFIXES = ("phường ", "xã ", "thị trấn ", "đặc khu ")


# A subject cut short in the Word table: the table cites a document, the file has the rest.
_CITED_SUBJECT_CHARS = 160


def citation(ref: EvidenceRef) -> str | None:
    """The document as a ward cites it (`Kế hoạch số 91/KH-UBND ngày 13/02/2026 về triển khai ...`),
    from its header and title; None when the header shows neither number nor date (a photo)."""
    doc = ref.doc
    if not doc.number and not doc.date:
        return None
    parts = [doc.type.capitalize() if doc.type else "Văn bản"]
    if doc.number:
        parts.append(f"số {doc.number}")
    if doc.date:
        parts.append(f"ngày {_date(doc.date)}")
    subject = _subject(ref.title, doc.type)
    if subject:
        parts.append(subject if len(subject) <= _CITED_SUBJECT_CHARS else subject[: _CITED_SUBJECT_CHARS - 1].rstrip() + "…")
    return " ".join(parts)


def _subject(title: str, doc_type: str | None) -> str:
    """What a title says after its type (`KẾ HOẠCH Triển khai ...` -> `về triển khai ...`);
    "" when the title does not begin with the type (it is then the file's name)."""
    if not doc_type or not title.upper().startswith(doc_type.upper()):
        return ""
    rest = title[len(doc_type):].strip(" :-–")
    if not rest:
        return ""
    if rest[:3].lower() == "v/v":
        return "về việc " + rest[3:].strip(" :.")
    if rest.split()[0].lower() == "về":
        return "về" + rest[2:]
    first = rest.split()[0]
    # `Triển khai` reads `về triển khai`; an abbreviation or a name (`UBND`, `VNeID`) keeps its capitals.
    return "về " + (rest[0].lower() + rest[1:] if first[1:].islower() or len(first) == 1 else rest)


def signature_lines(unit: str) -> list[str]:
    """Who signs the table for the unit: the People's Committee's chair on its behalf, or the head."""
    if issuer_lines(unit)[0] == "ỦY BAN NHÂN DÂN":
        return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    return ["THỦ TRƯỞNG ĐƠN VỊ"]


# The bundled rubric names no unit: a report must not go to the city under another ward's name.
# Printed, the blank is filled in by hand as on any paper form.
UNFILLED_UNIT = "UBND ………………………………"
NO_UNIT_HINT = NO_UNIT_NOTICE


def unit_of(rubric: Rubric) -> str:
    """The unit as reports print it: its name, or a blank to fill in by hand."""
    return rubric.unit or UNFILLED_UNIT


def issuer_lines(unit: str) -> list[str]:
    """`UBND phường Phù Liễn` -> [`ỦY BAN NHÂN DÂN`, `PHƯỜNG PHÙ LIỄN`], as a header prints it."""
    unit = unit.strip()
    for prefix in _UNIT_PREFIXES:
        if unit.lower().startswith(prefix):
            return ["ỦY BAN NHÂN DÂN", unit[len(prefix) :].strip().upper()]
    return [unit.upper()]


def place_name(unit: str) -> str:
    """`UBND phường Phù Liễn` -> `Phù Liễn` (the place of the date line), or "" when unsure."""
    rest = unit.strip()
    for prefix in _UNIT_PREFIXES:
        if rest.lower().startswith(prefix):
            rest = rest[len(prefix) :].strip()
            break
    else:
        return ""
    for prefix in _PLACE_PREFIXES:
        if rest.lower().startswith(prefix):
            return rest[len(prefix) :].strip()
    return ""


def date_line(unit: str, day: dt.date) -> str:
    """`Phù Liễn, ngày 10 tháng 6 năm 2026`; January and February keep their leading zero (Decree 30)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    place = place_name(unit)
    return f"{place}, {text}" if place else text[:1].upper() + text[1:]


def save(output: Path, protected: tuple[Path, ...], index_dir: Path, write, root: Path) -> None:
    """`write(path)` the report into `output` through a temporary file renamed over it, so an old
    report is never left half written; the index, the manual tags and the rubric (`protected`,
    files staff cannot rebuild) are never written over, nor a file in the evidence folder `root`
    other than an earlier report. Failures are one UsageError line."""
    from indexer.errors import UsageError
    from indexer.procs import new_file_mode

    target = Path(os.path.abspath(output))
    real = os.path.realpath(target)
    if any(real == os.path.realpath(p) for p in protected) or real.startswith(os.path.realpath(index_dir) + os.sep):
        # A tester's `-o .minhchung-tags.txt` replaced the hand-made tags without a word.
        raise UsageError(f"{output} là tệp của minhchung (chỉ mục, thẻ gán tay hoặc bộ tiêu chí): ghi báo cáo ra tên khác (refusing to write over minhchung's own file)")
    if real.startswith(os.path.realpath(root) + os.sep) and os.path.isfile(real) and not is_a_report(real):
        # `--format docx -o "TC1.1 Ke hoach.docx"` in the root replaced the evidence with the table.
        raise UsageError(
            f"{output} là tệp minh chứng trong thư mục minh chứng, không phải báo cáo do minhchung lập: "
            "ghi báo cáo ra tên khác (refusing to write over a file of the evidence folder)"
        )
    try:
        if os.path.exists(real) and not os.path.isfile(real):  # a device or a pipe: write into it
            write(target)
            return
        try:
            # Created anew, never through a link someone put at a name we would have guessed.
            fd, name = tempfile.mkstemp(prefix=f".{os.path.basename(real)}.", suffix=".tmp", dir=os.path.dirname(real))
        except PermissionError:
            write(target)  # a folder we may not add to, a report we may rewrite: in place, as before
            return
        os.close(fd)
        temporary = Path(name)
        try:
            write(temporary)
            mode = os.stat(real).st_mode if os.path.exists(real) else new_file_mode()
            os.chmod(temporary, stat.S_IMODE(mode))  # mkstemp's 0600 would hide it from colleagues
            os.replace(temporary, real)
        finally:
            if temporary.exists():
                temporary.unlink()
    except OSError as exc:
        raise UsageError(f"không ghi được {output}: {exc.strerror or exc} (cannot write)")


# How much of a file is read to tell whether it is a report of ours.
_SNIFF_BYTES = 8192
# The footer every HTML report ends with (render_html).
_HTML_SIGNATURE = "Lập bằng minhchung.</footer>"
# The author of every Word report (python-docx's own name in those written before it was set).
DOCX_AUTHOR = "minhchung"


def is_a_report(path: str | Path) -> bool:
    """True for a file `coverage -o` wrote, in any format: an officer who writes the week's report
    over last week's in the evidence folder may, over anything else there may not. Told by what
    each format says of itself at its start or end, never by the file's name or extension (an
    HTML report may be saved as `.htm`, a table as `.txt`)."""
    from indexer.scan import read_small_file

    try:
        head = read_small_file(path, _SNIFF_BYTES, whole=False)
    except (OSError, ValueError):
        return False
    if head.startswith(b"PK\x03\x04"):
        return _is_a_word_report(path)
    text = head.decode("utf-8", "replace")
    if text.lstrip("# ").startswith(TITLE) and SCORE_LABEL in text:  # text and Markdown
        return True
    if text.startswith("{") and all(f'"{key}"' in text for key in ("schema", "rubric_version", "score")):  # --json
        return True
    if text.startswith("<!DOCTYPE html>"):
        try:
            with open(path, "rb") as fh:
                fh.seek(max(0, os.fstat(fh.fileno()).st_size - _SNIFF_BYTES))
                return _HTML_SIGNATURE in fh.read().decode("utf-8", "replace")
        except OSError:
            return False
    return False


def _is_a_word_report(path: str | Path) -> bool:
    """A .docx whose author is ours (Word keeps it through later edits) with the table's title."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as package:
            core = package.read("docProps/core.xml") if package.getinfo("docProps/core.xml").file_size < _SNIFF_BYTES else b""
            with package.open("word/document.xml") as body:
                start = body.read(64 * _SNIFF_BYTES)  # the title comes after the heading, well within it
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError):
        return False
    authors = re.findall(rb"<dc:creator>([^<]*)</dc:creator>", core)
    return bool(authors) and authors[0].decode("utf-8", "replace") in (DOCX_AUTHOR, "python-docx") and TITLE.encode() in start


def write_docx(cov: Coverage, path: Path | str) -> Path:
    """Write the Bảng minh chứng: landscape A4, Times New Roman, header row repeated on every page."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    rubric = cov.rubric
    day = cov.generated or dt.date.today()
    doc = Document()
    _set_fonts(doc, Pt)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(25), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(15)
    _page_number_footer(section, WD_ALIGN_PARAGRAPH, Pt)

    # The two-column heading of an administrative document: issuer on the left, motto and date right.
    heading = doc.add_table(rows=1, cols=2)
    heading.alignment = WD_TABLE_ALIGNMENT.CENTER
    _column_widths(heading, (110, 147), Mm)
    left, right = heading.rows[0].cells
    issuer = issuer_lines(unit_of(rubric))
    for n, line in enumerate(issuer):
        _cell_line(left, line, WD_ALIGN_PARAGRAPH, Pt, bold=n > 0 or len(issuer) == 1, first=n == 0)
    _cell_line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", WD_ALIGN_PARAGRAPH, Pt, bold=True, first=True)
    _cell_line(right, "Độc lập - Tự do - Hạnh phúc", WD_ALIGN_PARAGRAPH, Pt, bold=True, underline=True)
    _cell_line(right, date_line(unit_of(rubric), day), WD_ALIGN_PARAGRAPH, Pt, italic=True, space_before=6)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(12)
    run = _run(title, TITLE)
    run.bold = True
    run.font.size = Pt(14)
    for text, bold in (
        (f"Tự đánh giá kết quả thực hiện mô hình “{rubric.title}” của {unit_of(rubric)}", True),
        (f"Kỳ đánh giá: {_period_words(rubric)} · Bộ tiêu chí phiên bản {rubric.version}", False),
        (f"{SCORE_LABEL}: {cov.provable}/{cov.max_points} điểm", True),
    ):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, text).bold = bold
    doc.paragraphs[-1].paragraph_format.space_after = Pt(8)

    table = doc.add_table(rows=1, cols=len(_DOCX_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _column_widths(table, [w for _, w in _DOCX_COLUMNS], Mm)
    head = table.rows[0]
    _repeat_as_header(head)
    for cell, (label, _) in zip(head.cells, _DOCX_COLUMNS):
        _cell_text(cell, label, WD_ALIGN_PARAGRAPH.CENTER, Pt, bold=True)
        _shade(cell, "D9D9D9")
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    centre, left_align = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    for n, c in enumerate(cov.criteria):
        row = table.add_row()
        _keep_row_whole(row)
        values = (_ROMAN[n] if n < len(_ROMAN) else str(n + 1), c.criterion.code, c.criterion.title,
                  str(c.criterion.points), str(c.provable), "")  # fmt: skip
        for cell, value, align in zip(row.cells, values, (centre, centre, left_align, centre, centre, left_align)):
            _cell_text(cell, value, align, Pt, bold=True)
            _shade(cell, "F2F2F2")
            cell.paragraphs[0].paragraph_format.keep_with_next = True  # a heading row never ends a page alone
        for m, s in enumerate(c.subcriteria, 1):
            row = table.add_row()
            _keep_row_whole(row)
            values = (str(m), s.subcriterion.code, s.subcriterion.title, str(s.subcriterion.points), str(s.provable))
            for cell, value, align in zip(row.cells, values, (centre, centre, left_align, centre, centre)):
                _cell_text(cell, value, align, Pt)
            _evidence_cell(row.cells[5], s, Pt)
    total = table.add_row()
    _keep_row_whole(total)
    merged = total.cells[0].merge(total.cells[2])
    _cell_text(merged, "TỔNG CỘNG", WD_ALIGN_PARAGRAPH.CENTER, Pt, bold=True)
    _cell_text(total.cells[3], str(cov.max_points), centre, Pt, bold=True)
    _cell_text(total.cells[4], str(cov.provable), centre, Pt, bold=True)
    _cell_text(total.cells[5], "", left_align, Pt)
    for cell in total.cells:
        _shade(cell, "F2F2F2")

    gaps = cov.gaps
    note = doc.add_paragraph()
    note.paragraph_format.space_before = Pt(8)
    _run(note, "Ghi chú: ").bold = True
    _run(
        note,
        "Điểm đã có minh chứng chỉ tính các tiêu chí con có đủ tệp minh chứng, gắn theo tên tệp, thư mục "
        "hoặc được cán bộ của đơn vị xác nhận (gán tay)."
    )
    if gaps:
        p = doc.add_paragraph()
        _run(p, "Tiêu chí con chưa đủ minh chứng: ").bold = True
        _run(p, "; ".join(f"{s.subcriterion.code} ({s.subcriterion.points} điểm)" for s in gaps) + ".")
    # The notes go with the signatures: a page of signatures alone is not signed as part of the table.
    for paragraph in doc.paragraphs[-(2 if gaps else 1):]:  # the note, and the gaps line
        paragraph.paragraph_format.keep_with_next = True
    _signatures(doc, unit_of(rubric), WD_ALIGN_PARAGRAPH, Mm, Pt)
    doc.core_properties.author = DOCX_AUTHOR  # tells it from the ward's own documents (is_a_report)
    doc.core_properties.comments = ""  # not "generated by python-docx"
    path = Path(path)
    doc.save(str(path))
    return path



# Characters Word's XML cannot hold (a file named with a control character, a rubric title
# pasted from elsewhere): python-docx refuses the whole report over one of them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` with the characters an XML document cannot hold shown as U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _run(paragraph, text: str = ""):
    return paragraph.add_run(xml_safe(text))


def _signatures(doc, unit: str, align_enum, Mm, Pt) -> None:
    """The signature block under the table: who drew it up, and who signs for the unit."""
    table = doc.add_table(rows=1, cols=2)
    _column_widths(table, (128, 129), Mm)
    left, right = table.rows[0].cells
    for cell, lines in ((left, ["NGƯỜI LẬP BIỂU"]), (right, signature_lines(unit))):
        for n, line in enumerate(lines):
            _cell_line(cell, line, align_enum, Pt, bold=True, first=n == 0, space_before=12 if n == 0 else 0)
        _cell_line(cell, "(Ký, ghi rõ họ tên)" if cell is left else "(Ký tên, đóng dấu)", align_enum, Pt, italic=True)
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
    table.rows[0].cells[0].paragraphs[0].paragraph_format.keep_together = True


def _period_words(rubric: Rubric) -> str:
    if rubric.period_start is None or rubric.period_end is None:
        return period_label(rubric)
    return f"từ ngày {_date(rubric.period_start)} đến ngày {_date(rubric.period_end)}"


def _set_fonts(doc, Pt) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for name, size in (("Normal", 13), ("Table Grid", 12)):
        try:
            style = doc.styles[name]
        except KeyError:
            continue
        style.font.name = FONT
        style.font.size = Pt(size)
        # Word picks the East-Asian and complex-script fonts separately; set all so the name sticks.
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
    # Word checks spelling in the document's language: left en-US, every Vietnamese word is red.
    for rpr in doc.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr") + [doc.styles["Normal"].element.get_or_add_rPr()]:
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        lang = OxmlElement("w:lang")
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attr), LANGUAGE)
        rpr.append(lang)
    normal = doc.styles["Normal"].paragraph_format
    normal.space_after = Pt(0)
    normal.space_before = Pt(0)
    normal.line_spacing = 1.1


def _column_widths(table, widths_mm, Mm) -> None:
    # Word reads the cell widths, LibreOffice the grid: set both.
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _cell_text(cell, text: str, align, Pt, *, bold: bool = False, italic: bool = False, size: int = 12) -> None:
    p = cell.paragraphs[0]
    p.alignment = align
    p.paragraph_format.space_before = Pt(2)
    p.paragraph_format.space_after = Pt(2)
    if text:
        run = _run(p, text)
        run.bold = bold
        run.italic = italic
        run.font.size = Pt(size)


def _cell_line(cell, text: str, align_enum, Pt, *, bold=False, italic=False, underline=False, first=False, space_before=0) -> None:
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.alignment = align_enum.CENTER
    p.paragraph_format.space_before = Pt(space_before)
    run = _run(p, text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(13)


def _evidence_cell(cell, s: SubCriterionCoverage, Pt) -> None:
    """The proofs of one sub-criterion: file name, then number and date; or why there are none."""
    first = True
    proofs = [r for r in s.evidence if r.proves]
    for r in proofs:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.paragraph_format.space_before = Pt(2)
        p.paragraph_format.space_after = Pt(0)
        cited = citation(r)
        # Cited as the ward's report cites documents; the file, to find it, on a line below.
        run = _run(p, f"– {cited or r.path}")
        run.font.size = Pt(12)
        details = []
        if r.copy_of:
            details.append("bản sao, tính một lần")
        if r.source is TagSource.MANUAL:
            details.append("cán bộ đã xác nhận")
        if details:
            tail = _run(p, f" ({'; '.join(details)})")
            tail.italic = True
            tail.font.size = Pt(11)
        if r.in_period is False:
            flag = _run(p, f" – {OUT_OF_PERIOD}")
            flag.bold = flag.italic = True
            flag.font.size = Pt(11)
        if cited:
            where = cell.add_paragraph()
            where.paragraph_format.left_indent = Pt(9)
            where.paragraph_format.space_after = Pt(2)
            name = _run(where, f"Tệp: {r.path}")
            name.italic = True
            name.font.size = Pt(10)
    if s.status is not Status.PROVEN:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        p.paragraph_format.space_before = Pt(2)
        p.paragraph_format.space_after = Pt(2)
        run = _run(p, need_label(s))
        run.italic = True
        run.font.size = Pt(12)


def _repeat_as_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _keep_row_whole(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    props.append(shading)


def _page_number_footer(section, align_enum, Pt) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = align_enum.CENTER
    _run(p, "Trang ").font.size = Pt(11)
    for n, field in enumerate(("PAGE", "NUMPAGES")):
        if n:
            _run(p, "/").font.size = Pt(11)
        run = _run(p)
        run.font.size = Pt(11)
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), field)
        inner = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), "22")  # half-points: 11 pt, as the word "Trang"
        props.append(size)
        inner.append(props)
        text = OxmlElement("w:t")
        text.text = "1"
        inner.append(text)
        simple.append(inner)
        p._p.append(simple)


def relative_link_base(root: Path, output_dir: Path) -> str:
    """The prefix that turns a root-relative path into a link from a page saved in `output_dir`."""
    rel = os.path.relpath(os.path.abspath(root), os.path.abspath(output_dir))
    if rel == ".":
        return ""
    return quote(Path(rel).as_posix(), safe="/.") + "/"
