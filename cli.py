"""The `minhchung` command: parse options, call one library function, render the result.

Errors a user can act on (`MinhchungError`) are caught once here and printed as one line with
their exit code; bad usage exits 2. Tracebacks appear only with `-v`.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import sys
import time
from pathlib import Path

import click

from indexer.errors import MinhchungError
from indexer.models import CELL_LIMIT, NO_UNIT_NOTICE, PROBLEM_LABEL, Evidence, IndexReport, Problem, SearchResult, TagSource, decimal, listed_problems
from indexer.store import DEFAULT_ENGINE, ENGINES

SCHEMA = 1


# C0 and C1 controls but tab and newline: a file name holding ESC [2J or ESC ]0;... could clear
# or retitle the reviewer's terminal; they are shown as \x1b instead. Colour codes (ESC [...m,
# what the coverage table is drawn with) pass: at worst a name recolours a line. JSON output
# does not come here: `\x7f` written out is no JSON escape.
_CONTROL = re.compile("(\x1b\\[[0-9;]*m)|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """The text with control characters written out (`\\x1b`), safe to print on a terminal."""
    return _CONTROL.sub(lambda m: m.group(1) or f"\\x{ord(m.group()):02x}", text)


def echo(text: str = "", **kwargs) -> None:
    """click.echo for what people read: control characters in names shown, not obeyed."""
    click.echo(visible(text), **kwargs)


class State:
    def __init__(self, verbose: bool):
        self.verbose = verbose


def _utf8_output() -> None:
    """Write UTF-8 whatever the locale: on Windows, `coverage --json > x.json` gets the ANSI code
    page, which has no `ờ`, and the run died on its first Vietnamese line with an empty file."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (OSError, ValueError):
                pass  # a stream that cannot change keeps its encoding


# Click's own usage errors, as ward staff read the others: Vietnamese, the English in brackets.
_CLICK_USAGE_VI = [(re.compile(pattern), text) for pattern, text in (
    (r"^Got unexpected extra arguments? \((.*)\)$", "thừa tham số: {0}"),
    (r"^Option '(.*)' requires an argument\.$", "tùy chọn {0} cần một giá trị"),
    (r"^Option '(.*)' does not take a value\.$", "tùy chọn {0} không nhận giá trị"),
)]  # fmt: skip


_NO_SUCH_COMMAND = re.compile(r"^No such command '([^']*)'\.(?: \(?Did you mean (?:one of: )?(.*?)\?\)?)?$")


def usage_in_vietnamese(exc: click.UsageError) -> str:
    """One line for a usage error: ours are Vietnamese already; click's are said in Vietnamese
    first with click's English in brackets."""
    english = exc.format_message()
    if isinstance(exc, click.NoSuchOption):
        maybe = f"; có phải {', '.join(sorted(exc.possibilities))}?" if exc.possibilities else ""
        return f"không có tùy chọn {exc.option_name}{maybe} ({exc.message})"
    if isinstance(exc, click.BadParameter):  # MissingParameter too
        hint = exc.param_hint or (exc.param.get_error_hint(exc.ctx) if exc.param and exc.ctx else "tham số")
        what = "thiếu" if isinstance(exc, click.MissingParameter) else "giá trị không hợp lệ cho"
        return f"{what} {hint} ({english})"
    if m := _NO_SUCH_COMMAND.match(english):  # a typo: click says which commands were meant
        maybe = f"; có phải {m.group(2).replace(chr(39), '')}?" if m.group(2) else ""
        return f"không có lệnh “{m.group(1)}”{maybe} (No such command '{m.group(1)}'.)"
    for pattern, text in _CLICK_USAGE_VI:
        if m := pattern.match(english):
            return f"{text.format(*m.groups())} ({english})"
    return english


def _help_option_in_vietnamese(command: click.Command, ctx: click.Context):
    option = click.Command.get_help_option(command, ctx)
    if option is not None:
        option.help = "Xem hướng dẫn lệnh này."
    return option


# Click's own words in --help (its headings, "[default: ...]"), Vietnamese first as elsewhere.
_HELP_HEADINGS = {"Options": "Tùy chọn / Options", "Commands": "Lệnh / Commands", "Positional arguments": "Tham số / Arguments"}
_HELP_EXTRAS = [(re.compile(r"\[default: "), "[mặc định: "), (re.compile(r"\brequired\]"), "bắt buộc]")]


class _VietnameseHelp(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Cách dùng / Usage: " if prefix is None else prefix)

    def section(self, name: str):
        return super().section(_HELP_HEADINGS.get(name, name))

    def write_dl(self, rows, *args, **kwargs) -> None:
        for pattern, text in _HELP_EXTRAS:
            rows = [(term, pattern.sub(text, definition)) for term, definition in rows]
        super().write_dl(rows, *args, **kwargs)


class _Context(click.Context):
    formatter_class = _VietnameseHelp


class _Command(click.Command):
    """A command whose --help says what it does in Vietnamese."""

    context_class = _Context

    def get_help_option(self, ctx):
        return _help_option_in_vietnamese(self, ctx)


class MinhchungGroup(click.Group):
    """Turns library errors into one line on stderr and the error's exit code."""

    context_class = _Context

    def get_help_option(self, ctx):
        return _help_option_in_vietnamese(self, ctx)

    def command(self, *args, **kwargs):
        kwargs.setdefault("cls", _Command)
        return super().command(*args, **kwargs)

    def main(self, *args, **kwargs):
        _utf8_output()
        # Click's own usage errors print three lines; staff and scripts get one, and exit 2.
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:
            # `minhchung` alone, the first thing a new user types: the help, not an error.
            echo(exc.ctx.get_help() if exc.ctx else exc.format_message())
            sys.exit(0)
        except click.UsageError as exc:
            hint = f"minhchung {exc.ctx.command_path.split(' ', 1)[-1]} --help" if exc.ctx and " " in exc.ctx.command_path else "minhchung --help"
            echo(f"Lỗi / error: {usage_in_vietnamese(exc)}; xem {hint}", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            echo(f"Lỗi / error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            echo("Đã dừng / aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except MinhchungError as exc:
            if ctx.obj is not None and getattr(ctx.obj, "verbose", False):
                raise
            echo(f"Lỗi / error: {exc.message}", err=True)
            ctx.exit(exc.exit_code)
        except sqlite3.DatabaseError as exc:
            # Damage a read finds past the catalog's first pages (a power cut, half a copy).
            from indexer.catalog import damaged_error, is_damage

            if not is_damage(exc) or (ctx.obj is not None and getattr(ctx.obj, "verbose", False)):
                raise
            echo(f"Lỗi / error: {damaged_error(None, exc).message}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            echo("Đã dừng / interrupted", err=True)
            ctx.exit(130)


@click.group(cls=MinhchungGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Hiện chi tiết lỗi (traceback) và nhật ký gỡ lỗi.")
@click.version_option(package_name="minhchung", help="Phiên bản minhchung.")
@click.pass_context
def main(ctx: click.Context, verbose: bool) -> None:
    """minhchung: kho minh chứng của phường/xã, tìm kiếm được và gắn với bộ tiêu chí.

    minhchung: a searchable, rubric-aware archive of a ward's evidence (minh chứng) folder.

    \b
    Ví dụ / Example:
      minhchung index --root /srv/minhchung
      minhchung search "thu xin loi" --root /srv/minhchung
    """
    ctx.obj = State(verbose)
    if verbose:
        import logging

        logging.basicConfig(level=logging.DEBUG)


def common(fn):
    """The options every command takes: --root, --index, --rubric (CLI-CONTRACT.md)."""
    fn = click.option(
        "--rubric", "rubric_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="Tệp bộ tiêu chí (mặc định: rubric.toml trong thư mục minh chứng, nếu không có thì bộ đi kèm).",
    )(fn)  # fmt: skip
    fn = click.option(
        "--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Thư mục chỉ mục (mặc định: ROOT/.minhchung; ổ đĩa máy này khi ROOT là ổ mạng).",
    )(fn)  # fmt: skip
    fn = click.option(
        "--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True,
        help="Thư mục minh chứng.",
    )(fn)  # fmt: skip
    return fn


def _paths(root: Path, index_dir: Path | None):
    from indexer.build import resolve_paths

    return resolve_paths(root, index_dir)


def _rubric(rubric_file: Path | None, root: Path):
    from indexer.rubric import load_rubric

    return load_rubric(rubric_file, root)


def _json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


# --- index ------------------------------------------------------------------------------------


@main.command()
@common
@click.option("--rebuild", is_flag=True, help="Làm lại chỉ mục từ đầu (giữ thẻ gán tay và bộ nhớ OCR).")
@click.option("--no-ocr", is_flag=True, help="Không nhận dạng chữ (OCR) bản scan và ảnh.")
@click.option("--workers", type=click.IntRange(0, 64), default=None, help="Số tiến trình đọc tệp (mặc định: mỗi nhân một; 0: đọc ngay trong tiến trình này để gỡ lỗi, không có giới hạn --timeout, --memory-mb).")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=120.0, show_default=True, help="Số giây đọc một tệp mà không tiến triển; bản scan được đọc tiếp chừng nào OCR còn xong từng trang, tối đa gấp 20 lần. Tệp bị dừng vì giới hạn ngắn hơn được đọc lại.")
@click.option("--max-file-mb", type=click.IntRange(1, 100000), default=200, show_default=True, help="Tệp lớn hơn chỉ được liệt kê, không đọc.")
@click.option("--memory-mb", type=click.IntRange(256, 1_000_000), default=1536, show_default=True, help="Bộ nhớ tối đa để đọc một tệp.")
@click.option("--wait", type=click.FloatRange(0, 86400), default=60.0, show_default=True, help="Số giây chờ khi một lệnh index hay watch khác đang ghi chỉ mục (0: báo ngay).")
@click.option("--engine", type=click.Choice(ENGINES), default=None, help=f"Bộ máy tìm kiếm của chỉ mục (mặc định {DEFAULT_ENGINE}; đổi bộ máy thì chỉ mục được làm lại).")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def index(root, index_dir, rubric_file, rebuild, no_ocr, workers, timeout, max_file_mb, memory_mb, wait, engine, as_json):
    """Cập nhật chỉ mục theo thư mục minh chứng (chỉ đọc tệp mới hoặc đã sửa).

    Bring the index up to date with the evidence folder (only changed files are read).

    \b
    Ví dụ / Example:
      minhchung index --root "/mnt/minhchung/Phu Lien 2026"
    """
    from indexer.build import build_index

    paths = _paths(root, index_dir)
    rubric = _rubric(rubric_file, paths.root)
    if paths.moved_off_share and not as_json:
        echo(f"Thư mục nằm trên ổ mạng: chỉ mục lưu tại {paths.index_dir} (network share: index kept on local disk)", err=True)
    with _progress_bar(enabled=not as_json and sys.stderr.isatty()) as progress:
        report = build_index(
            paths, rubric, rebuild=rebuild, ocr=not no_ocr, workers=workers, timeout=timeout, max_file_mb=max_file_mb,
            memory_mb=memory_mb, wait=wait, progress=progress, engine=engine,
        )  # fmt: skip
    if as_json:
        _json(index_json(report))
    else:
        echo(render_index_summary(report, paths.root))


def index_json(report: IndexReport) -> dict:
    return {
        "schema": SCHEMA,
        "added": report.added,
        "updated": report.updated,
        "removed": report.removed,
        "unchanged": report.unchanged,
        "renamed": report.renamed,
        "retagged": report.retagged,
        "problems": [_problem_json(p) for p in report.problems],
        "notices": list(report.notices),
        "index": report.index_dir,
        "seconds": round(report.seconds, 3),
    }


def _problem_json(p: Problem) -> dict:
    return {"path": p.path, "problem": p.problem, "detail": p.detail}


def render_index_summary(report: IndexReport, root: Path) -> str:
    lines = [
        f"Đã cập nhật chỉ mục cho {root} trong {decimal(report.seconds)} giây:",
        f"  thêm mới {report.added}" + (f", đổi tên hoặc chuyển chỗ {report.renamed}" if report.renamed else "")
        + f", cập nhật {report.updated}, xóa {report.removed}, không đổi {report.unchanged}"
        + (f" (trong đó {report.retagged} tệp được gắn mã lại theo bộ tiêu chí hoặc quy tắc mới)" if report.retagged else ""),
    ]
    listed, photos = listed_problems(report.problems)
    if listed:
        lines.append(f"Tệp có vấn đề ({len(listed)}):")
        lines.extend(f"  ! {p.line()}" for p in listed)
    else:
        lines.append("Không có tệp nào có vấn đề.")
    lines.extend(f"Lưu ý: {n}" for n in (*photos, *report.notices))
    lines.append("Tiếp theo: minhchung search \"từ khóa\"  |  minhchung coverage")
    return "\n".join(lines)


class _progress_bar:
    """A rich progress bar on a terminal; nothing when piped."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bar = None
        self.tasks: dict[str, int] = {}

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        # Redrawn from update(), not by rich's refresh thread: `index` reads a few changed files
        # in children forked from this process, which it only does while it runs one thread.
        self.bar = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            TextColumn("{task.fields[path]}", style="dim", markup=False), transient=True, console=_stderr_console(), auto_refresh=False,
        )  # fmt: skip
        self.bar.start()
        self.drawn = 0.0
        return self.update

    def update(self, stage: str, done: int, total: int, path: str) -> None:
        labels = {"scan": "Quét thư mục", "extract": "Đọc tệp", "ocr": "OCR (trang)", "write": "Ghi chỉ mục", "retag": "Gắn mã lại"}
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(labels.get(stage, stage), total=max(total, 1), path="")
        self.bar.update(self.tasks[stage], completed=done, total=max(total, 1), path=visible(path[-50:]))
        if time.monotonic() - self.drawn >= 0.1:  # as often as rich's own thread would
            self.bar.refresh()
            self.drawn = time.monotonic()

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


# --- watch ------------------------------------------------------------------------------------


@main.command()
@common
@click.option("--poll/--no-poll", default=None, help="Quét thư mục định kỳ thay vì theo sự kiện hệ thống (mặc định: quét định kỳ với ổ mạng).")
@click.option("--interval", type=click.FloatRange(0.1, 3600), default=2.0, show_default=True, help="Số giây giữa hai lần quét.")
@click.option("--settle", type=click.FloatRange(0, 600), default=1.0, show_default=True, help="Số giây một tệp phải đứng yên (chép xong) trước khi được đọc.")
def watch(root, index_dir, rubric_file, poll, interval, settle):
    """Theo dõi thư mục, cập nhật chỉ mục khi tệp được thêm, sửa, đổi tên hay xóa (đến khi Ctrl-C).

    Keep the index up to date while files are added, changed, renamed or deleted (until Ctrl-C).

    \b
    Ví dụ / Example:
      minhchung watch --root "/mnt/minhchung/Phu Lien 2026"
    """
    import signal
    import threading

    from indexer.watch import watch as run_watch

    paths = _paths(root, index_dir)
    rubric = _rubric(rubric_file, paths.root)
    if paths.moved_off_share:
        echo(f"Thư mục nằm trên ổ mạng: chỉ mục lưu tại {paths.index_dir} (network share: index kept on local disk)")
    stop = threading.Event()

    def on_signal(signum, frame):
        if stop.is_set():  # a second Ctrl-C: stop now, the next start catches up
            raise KeyboardInterrupt
        echo("Đang dừng: ghi nốt các tệp đang xử lý... (stopping; Ctrl-C again to quit at once)", err=True)
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        run_watch(paths, rubric, poll=poll, interval=interval, settle=settle, log=echo, stop=stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


# --- search -----------------------------------------------------------------------------------


@main.command()
@common
# Words typed without quotes are one query (`search thu xin loi`): staff type it so, and the
# help's own `search bien ban --code 3.1` was refused as an extra argument.
@click.argument("query", nargs=-1, required=True)
@click.option("--code", default=None, help="Chỉ tìm trong tệp của tiêu chí con này (2.4) hoặc tiêu chí này (2).")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="Số kết quả.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (CLI-CONTRACT.md).")
def search(root, index_dir, rubric_file, query, code, limit, as_json):
    """Tìm minh chứng theo từ khóa, "cụm từ" hay số ký hiệu văn bản; gõ có dấu hay không dấu đều được.

    Find evidence by words, a "quoted phrase" or a document number; diacritics optional.

    \b
    Ví dụ / Examples:
      minhchung search "thu xin loi"
      minhchung search "đường dây nóng" --json
      minhchung search "91/KH-UBND"
      minhchung search bien ban --code 3.1
    """
    from search.query import search as run_search

    query = " ".join(query)
    if not query.strip():
        raise click.UsageError("chưa có gì để tìm: gõ từ khóa, \"cụm từ\" hoặc số ký hiệu văn bản (nothing to look for)")
    if code is not None and not _valid_code(code):
        raise click.UsageError(f"--code {code!r}: không phải mã tiêu chí hay tiêu chí con như 2 hoặc 2.4 (not a criterion code)")
    paths = _paths(root, index_dir)
    if code is not None:
        # A code the rubric lacks finds nothing, which read as "no evidence for it".
        rubric = _rubric(rubric_file, paths.root)
        if code not in rubric.codes and rubric.criterion(code) is None:
            raise click.UsageError(f"--code {code}: không có trong bộ tiêu chí {rubric.source}, các tiêu chí là {', '.join(c.code for c in rubric.criteria)} (not in the rubric)")
    result = run_search(paths, query, code=code, limit=limit)
    if as_json:
        _json(search_json(result))
    else:
        click.echo(render_search(result))  # made visible as it was styled


def _valid_code(code: str) -> bool:
    import re

    return re.fullmatch(r"\d{1,2}(\.\d{1,2})?", code) is not None


def search_json(result: SearchResult) -> dict:
    return {
        "schema": SCHEMA,
        "query": result.query,
        "total": result.total,
        "partial": result.partial,
        "hits": [
            {
                "path": h.path,
                "score": h.score,
                "codes": list(h.codes),
                "title": h.title,
                "snippet": h.snippet,
                "page": h.page,
                "highlights": [list(s) for s in h.highlights],
                "doc": _doc_json(h.doc),
                "text_source": h.text_source,
                "ocr": h.from_ocr,
                "suggested": list(h.suggested),
                "copies": list(h.copies),
            }
            for h in result.hits
        ],
    }


def _doc_json(doc) -> dict:
    return {"number": doc.number, "date": doc.date.isoformat() if doc.date else None, "type": doc.type}


def render_search(result: SearchResult) -> str:
    """The hits as staff read them, bold and highlighted; names made `visible` piece by piece."""
    if not result.hits:
        return visible(f"Không tìm thấy tài liệu nào cho “{result.query}”.")
    found = (f"Không có tài liệu nào có đủ các từ “{result.query}”; {result.total} tài liệu có một phần" if result.partial
             else f"Tìm thấy {result.total} tài liệu cho “{result.query}”")  # fmt: skip
    lines = [visible(found) + (f" (hiện {len(result.hits)})" if result.total > len(result.hits) else "") + ":"]
    for n, h in enumerate(result.hits, 1):
        where = f"  trang {h.page}" if h.page else ""
        # As `files` shows them: `2.4?` is only a keyword suggestion, not proof.
        codes = f"  [{', '.join(c + ('?' if c in h.suggested else '') for c in h.codes)}]" if h.codes else ""
        doc = "  ".join(x for x in (h.doc.number and f"Số {h.doc.number}", h.doc.date and h.doc.date.strftime("ngày %d/%m/%Y")) if x)
        lines.append("")
        lines.append(click.style(visible(f"{n}. {h.path}"), bold=True) + where + codes + ("  (OCR)" if h.from_ocr else ""))
        if h.title:
            lines.append(visible(f"   {h.title}") + (f"  —  {doc}" if doc else ""))
        if h.snippet:
            lines.append("   " + _highlight(h.snippet, h.highlights))
        if h.copies:
            lines.append(visible(f"   (tệp trùng nội dung: {'; '.join(h.copies)})"))
    return "\n".join(lines)


def _highlight(text: str, spans) -> str:
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        out.append(visible(text[last:start]))
        out.append(click.style(visible(text[start:end]), fg="yellow", bold=True))
        last = end
    out.append(visible(text[last:]))
    return "".join(out)


# --- files ------------------------------------------------------------------------------------


@main.command()
@common
@click.option("--json", "as_json", is_flag=True, help="In danh sách tệp dạng JSON (CLI-CONTRACT.md).")
def files(root, index_dir, rubric_file, as_json):
    """Liệt kê mọi tệp trong chỉ mục với tiêu chí con, tình trạng và số ký hiệu văn bản.

    List every indexed file with its sub-criteria, status and document number.

    \b
    Ví dụ / Example:
      minhchung files --root /srv/minhchung --json > files.json
    """
    from search.duplicates import copies_by_path, find_duplicates
    from search.query import list_files

    paths = _paths(root, index_dir)
    rubric = _rubric(rubric_file, paths.root)
    evidence = list_files(paths)
    copies = copies_by_path(find_duplicates(evidence))
    if as_json:
        _json({"schema": SCHEMA, "files": [file_json(ev, rubric, copies.get(ev.path, ())) for ev in evidence]})
    else:
        echo(render_files(evidence, rubric, copies))


def file_json(ev: Evidence, rubric, duplicates: tuple[str, ...] = ()) -> dict:
    return {
        "path": ev.path,
        "codes": [{"code": t.code, "source": t.source.value, "confidence": t.confidence, "reason": t.reason} for t in ev.tags],
        "status": ev.status.value,
        "detail": ev.detail or None,
        "pages": ev.pages,
        "general": ev.general,
        "text_source": ev.text_source,
        "ocr_pages": list(ev.ocr_pages),
        # Whether the OCR'd text is mostly junk (the `ocr-poor` note of coverage and index).
        "ocr_poor": ev.ocr_poor,
        "doc": _doc_json(ev.doc),
        "in_period": rubric.in_period(ev.doc.date),
        "size": ev.size,
        "sha256": ev.sha256,
        "duplicates": list(duplicates),  # the other paths with the same content
    }


def render_files(evidence: list[Evidence], rubric, copies: dict[str, tuple[str, ...]] | None = None) -> str:
    if not evidence:
        return "Chỉ mục chưa có tệp nào."
    lines = []
    for ev in evidence:
        # One mark per code: a file named and filed under 2.4 showed `2.4, 2.4`.
        proven = {t.code for t in ev.tags if t.source.proves}
        codes = ", ".join(f"{code}{'' if code in proven else '?'}" for code in ev.codes) or "—"
        flags = []
        if ev.status.is_problem:
            flags.append(PROBLEM_LABEL.get(ev.status.value, ev.status.value))
        elif ev.detail.endswith(CELL_LIMIT):  # a workbook cut at the cell limit
            flags.append(PROBLEM_LABEL["partly-read"])
        if ev.general:
            # As coverage counts it: a reviewer's manual tag counts, a name or folder does not.
            manual = any(t.source is TagSource.MANUAL for t in ev.tags)
            flags.append("văn bản tổng hợp" + ("" if manual else ", không tính là minh chứng"))
        if ev.text_source and ev.text_source != "text":
            flags.append(ev.text_source)
        if rubric.in_period(ev.doc.date) is False:
            flags.append("ngoài kỳ đánh giá")
        doc = " ".join(x for x in (ev.doc.number and f"Số {ev.doc.number}", ev.doc.date and ev.doc.date.strftime("ngày %d/%m/%Y")) if x)
        lines.append(f"{codes:<14} {ev.path}" + (f"  [{doc}]" if doc else "") + (f"  ({'; '.join(flags)})" if flags else ""))
        others = (copies or {}).get(ev.path, ())
        if others:
            lines.append(f"{'':<14}   = trùng nội dung với: {'; '.join(others)}")
    lines.append("")
    lines.append(f"{len(evidence)} tệp. Mã có dấu ? là gợi ý theo từ khóa, cần người xem xác nhận (minhchung tag).")
    if copies:
        lines.append(f"{len(copies)} tệp là bản sao của nhau: mỗi nội dung chỉ tính một minh chứng (xem: minhchung duplicates).")
    return "\n".join(lines)


# --- coverage ---------------------------------------------------------------------------------


@main.command()
@common
@click.option("--json", "as_json", is_flag=True, help="In bảng minh chứng dạng JSON (CLI-CONTRACT.md).")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "html", "docx"]), default="text", show_default=True,
              help="text: bảng trên màn hình; md: Markdown; html: một trang in được; docx: Bảng minh chứng Word (cần -o).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Ghi ra tệp này thay vì màn hình.")
@click.option("--strict", is_flag=True, help="Mã thoát 1 khi còn tiêu chí con chưa có minh chứng (cho việc kiểm tra định kỳ).")
def coverage(root, index_dir, rubric_file, as_json, fmt, output, strict):
    """Bảng minh chứng: tiêu chí con nào đã có (✓), chỉ có gợi ý (?), còn thiếu (✗), và điểm đã có minh chứng.

    Which sub-criteria the evidence proves (✓), only suggests (?) or misses (✗), and the provable score.

    Chỉ tiêu chí con có minh chứng theo tên tệp, thư mục hoặc gán tay mới được tính điểm.
    Only sub-criteria proven by a file name, a folder or a manual tag count toward the score.

    \b
    Ví dụ / Examples:
      minhchung coverage
      minhchung coverage --json > coverage.json
      minhchung coverage --format html -o bang-minh-chung.html
      minhchung coverage --format docx -o "Bang minh chung.docx"
      minhchung coverage --strict || echo "còn tiêu chí chưa có minh chứng"
    """
    from search import report
    from search.coverage import coverage as compute

    if as_json and fmt != "text":
        raise click.BadParameter("use either --json or --format, not both", param_hint="--format")
    if fmt == "docx" and output is None:
        raise click.BadParameter("a Word file needs a name: add -o FILE.docx", param_hint="--format docx")
    paths = _paths(root, index_dir)
    cov = compute(paths, _rubric(rubric_file, paths.root))
    # The ward's rubric.toml whether it exists yet or another rubric was read (a review wrote over it).
    protected = (paths.tags_file, paths.root / "rubric.toml", *((Path(cov.rubric.source),) if cov.rubric.source else ()))
    if fmt == "docx":
        report.save(output, protected, paths.index_dir, lambda path: report.write_docx(cov, path), root=paths.root)
        echo(f"Đã ghi {output} ({report.SCORE_LABEL.lower()}: {cov.provable}/{cov.max_points})", err=True)
    else:
        if as_json:
            text = json.dumps(report.coverage_json(cov), ensure_ascii=False, indent=2) + "\n"
        elif fmt in ("md", "html"):
            # Links in the page point at the evidence files relative to where the page is read from.
            base = report.relative_link_base(paths.root, output.parent if output else Path.cwd())
            text = report.render_markdown(cov, base) if fmt == "md" else report.render_html(cov, base)
        else:
            color = output is None and sys.stdout.isatty()
            width = min(shutil.get_terminal_size((100, 24)).columns, 140) if color else 100
            text = report.render_text(cov, color, width)
        if output is None:
            (click.echo if as_json else echo)(text, nl=False)
        else:
            report.save(output, protected, paths.index_dir, lambda path: Path(path).write_text(text, encoding="utf-8"), root=paths.root)
            echo(f"Đã ghi {output}", err=True)
    if strict and cov.gaps:
        codes = ", ".join(s.subcriterion.code for s in cov.gaps)
        echo(f"Còn {len(cov.gaps)} tiêu chí con chưa có minh chứng: {codes} (not proven)", err=True)
        sys.exit(1)


def _write_text(path: Path, text: str) -> None:
    from indexer.errors import UsageError

    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}")


# --- manual tags ------------------------------------------------------------------------------


@main.command()
@common
@click.argument("path")
@click.argument("codes", nargs=-1, required=True)
def tag(root, index_dir, rubric_file, path, codes):
    """Xác nhận một tệp là minh chứng của tiêu chí con (gợi ý theo từ khóa thành minh chứng).

    Confirm a file as proof of sub-criteria (a keyword suggestion becomes proof).

    Đường dẫn tính từ thư mục minh chứng; tệp phải có trong chỉ mục. Xác nhận được lưu trong
    .minhchung-tags.txt theo nội dung tệp, nên vẫn giữ khi lập lại chỉ mục hay đổi tên tệp.

    PATH is relative to the evidence folder (or absolute inside it) and must be indexed. The tag
    is kept in .minhchung-tags.txt in the evidence folder, keyed by the file's content, so it
    survives re-indexing, a rebuild and a rename of the file.

    \b
    Ví dụ / Examples:
      minhchung tag "Thu xin loi ong Nguyen Van Tam.docx" 2.4
      minhchung tag "Danh sach tra ket qua tai nha.docx" 2.2 2.1 --root /srv/minhchung
    """
    from indexer.manual_edit import tag_file

    paths = _paths(root, index_dir)
    change = tag_file(paths, _rubric(rubric_file, paths.root), path, list(codes))
    echo(render_tag_change(change))


@main.command()
@common
@click.argument("path")
@click.argument("codes", nargs=-1, required=True)
def untag(root, index_dir, rubric_file, path, codes):
    """Bỏ thẻ gán tay, hoặc bác bỏ gợi ý theo từ khóa, của một tệp.

    Take back a manual tag, or dismiss a keyword suggestion, for sub-criteria of a file.

    Mã lấy từ tên tệp hoặc thư mục thì không bỏ được bằng untag: hãy đổi tên hoặc chuyển tệp.
    A code that comes from the file's name or folder cannot be untagged: rename or move the file.

    \b
    Ví dụ / Examples:
      minhchung untag "Giay moi hop giao ban thang 5.docx" 1.4
      minhchung untag "Thu xin loi ong Nguyen Van Tam.docx" 2.4
    """
    from indexer.manual_edit import untag_file

    paths = _paths(root, index_dir)
    change = untag_file(paths, _rubric(rubric_file, paths.root), path, list(codes))
    echo(render_tag_change(change))


def render_tag_change(change) -> str:
    lines = [f"{change.path}:"]
    if change.confirmed:
        lines.append(f"  ✓ đã xác nhận là minh chứng cho {', '.join(change.confirmed)}")
    if change.removed:
        lines.append(f"  – đã bỏ thẻ gán tay {', '.join(change.removed)}")
    if change.dismissed:
        lines.append(f"  – đã bỏ gợi ý {', '.join(change.dismissed)}")
    lines.extend(f"  · {code}: {note}" for code, note in change.notes)
    if change.confirmed or change.removed or change.dismissed:
        lines.append(f"Đã lưu vào {change.tags_file}. Xem lại: minhchung coverage")
    return "\n".join(lines)


# --- duplicates -------------------------------------------------------------------------------


@main.command()
@common
@click.option("--json", "as_json", is_flag=True, help="In các nhóm tệp trùng dạng JSON.")
def duplicates(root, index_dir, rubric_file, as_json):
    """Liệt kê các tệp trùng nội dung dưới tên hay thư mục khác (chỉ tính là một minh chứng).

    List files with the same content under different names or folders (they count as one proof).

    \b
    Ví dụ / Example:
      minhchung duplicates --root /srv/minhchung
    """
    from search.duplicates import duplicate_groups

    groups = duplicate_groups(_paths(root, index_dir))
    if as_json:
        _json(duplicates_json(groups))
    else:
        click.echo(render_duplicates(groups))  # made visible as it was styled


def duplicates_json(groups) -> dict:
    return {
        "schema": SCHEMA,
        "groups": [{"sha256": g.sha256, "size": g.size, "paths": list(g.paths)} for g in groups],
        "wasted": sum(g.wasted for g in groups),
    }


def render_duplicates(groups) -> str:
    if not groups:
        return "Không có tệp nào trùng nội dung."
    lines = [f"{len(groups)} nhóm tệp trùng nội dung (cùng nội dung, khác tên hoặc thư mục):"]
    for n, g in enumerate(groups, 1):
        lines.append("")
        lines.append(click.style(f"{n}. {len(g.paths)} bản, mỗi bản {human_size(g.size)}", bold=True) + f"  sha256 {g.sha256[:12]}")
        lines.extend(visible(f"   {p}") for p in g.paths)
    lines.append("")
    lines.append(
        f"Mỗi nhóm chỉ được tính là một minh chứng. Các bản sao chiếm thêm {human_size(sum(g.wasted for g in groups))}."
    )
    return "\n".join(lines)


def human_size(size: int) -> str:
    """1536 -> "1,5 KB": Vietnamese decimal comma."""
    value, unit = float(size), "byte"
    for unit in ("byte", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            break
        value /= 1024
    text = f"{value:.0f}" if unit == "byte" else decimal(value)
    return f"{text} {unit}"


# --- export -----------------------------------------------------------------------------------


@main.command()
@common
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="TÊN.zip: một tệp nén (tên chưa dùng); tên khác: một thư mục (mới hoặc trống), ngoài thư mục minh chứng.")
def export(root, index_dir, rubric_file, output):
    """Đóng gói minh chứng gửi thành phố: Bảng minh chứng, mỗi tiêu chí con một thư mục, index.html, danh mục.

    Package the evidence for the city's reviewers: the coverage report, one folder per sub-criterion, index.html, manifest.

    \b
    Ví dụ / Examples:
      minhchung export -o "Minh chung Phu Lien 2026.zip"
      minhchung export --root /srv/minhchung -o /tmp/goi-minh-chung/
    """
    from search.export import export_bundle

    paths = _paths(root, index_dir)
    rubric = _rubric(rubric_file, paths.root)
    with _export_bar(enabled=sys.stderr.isatty()) as progress:
        result = export_bundle(paths, rubric, output, progress=progress)
    echo(render_export(result))


class _export_bar:
    """A byte-counting rich bar on a terminal (one large scan should move it); nothing when piped."""

    def __init__(self, enabled: bool):
        self.enabled, self.bar, self.task = enabled, None, None

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("[bold]Chép tệp"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
            TextColumn("{task.fields[path]}", style="dim", markup=False), transient=True, console=_stderr_console(),
        )  # fmt: skip
        self.bar.start()
        return self.update

    def update(self, stage: str, done: int, total: int, path: str) -> None:
        if self.task is None:
            self.task = self.bar.add_task("export", total=max(total, 1), path="")
        self.bar.update(self.task, completed=done, total=max(total, 1), path=visible(path[-50:]))

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


def render_export(result) -> str:
    what = "tệp nén" if result.kind == "zip" else "thư mục"
    lines = [
        f"Đã tạo gói minh chứng ({what}) {result.output} trong {decimal(result.seconds)} giây:",
        f"  {result.files} tệp ({human_size(result.bytes)}); {result.proven}/{result.subcriteria} tiêu chí con có minh chứng;"
        f" {result.review} tệp cần xem xét (gợi ý)",
    ]
    # A photo with no text and no code is no evidence, so in no bundle: not a problem left out.
    left_out, _ = listed_problems(result.not_copied)
    if left_out:
        lines.append(f"Không kèm theo {len(left_out)} tệp có vấn đề (có trong danh mục và index.html):")
        lines.extend(f"  ! {p.line()}" for p in left_out)
    lines.extend(f"Lưu ý: {w}" for w in result.warnings)
    if result.unnamed:
        lines.append(f"Lưu ý: {NO_UNIT_NOTICE}")
    lines.append("Người chấm giải nén gói (nếu là tệp .zip) rồi mở index.html để xem.")
    return "\n".join(lines)


# --- rollup -----------------------------------------------------------------------------------

_ROLLUP_SUFFIX = {".txt": "text", ".md": "md", ".html": "html", ".htm": "html", ".xlsx": "xlsx", ".json": "json"}


@main.command()
@click.argument("reports", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Ghi ra tệp này thay vì màn hình.")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "html", "xlsx", "json"]), default=None,
              help="Định dạng (mặc định: theo đuôi tệp -o, nếu không thì text). xlsx cần -o.")
@click.option("--force", is_flag=True, help="Vẫn gộp các báo cáo chấm theo phiên bản bộ tiêu chí khác nhau.")
def rollup(reports, output, fmt, force):
    """Bảng tổng hợp của thành phố từ báo cáo `coverage --json` của các đơn vị: điểm, điểm từng tiêu chí, chỗ thiếu.

    The city's table from many units' `coverage --json` reports: scores, subtotals, gaps.

    Mỗi đơn vị một dòng (điểm đã có minh chứng, điểm từng tiêu chí, tiêu chí con còn thiếu), rồi
    từng tiêu chí con có bao nhiêu đơn vị còn thiếu; báo cáo chấm theo phiên bản bộ tiêu chí
    khác nhau bị từ chối, trừ khi có --force.

    One row per unit (provable score, points per criterion, sub-criteria without proof), then
    per sub-criterion how many units lack proof, most-lacking first. Reports scored on different
    rubric versions are refused unless --force.

    \b
    Ví dụ / Examples:
      minhchung rollup bao-cao/*.json
      minhchung rollup bao-cao/*.json -o tong-hop.xlsx
      minhchung rollup phu-lien.json an-bien.json --format html -o tong-hop.html
    """
    from search import rollup as rolling

    fmt = fmt or (_ROLLUP_SUFFIX.get(output.suffix.lower(), "text") if output else "text")
    if fmt == "xlsx" and output is None:
        raise click.BadParameter("an Excel file needs a name: add -o FILE.xlsx", param_hint="--format xlsx")
    table = rolling.rollup(reports, force=force)
    if fmt == "xlsx":
        rolling.write_xlsx(table, output)
        echo(f"Đã ghi {output} ({len(table.units)} đơn vị)", err=True)
        return
    if fmt == "json":
        text = json.dumps(rolling.rollup_json(table), ensure_ascii=False, indent=2) + "\n"
    else:
        text = {"text": rolling.render_text, "md": rolling.render_markdown, "html": rolling.render_html}[fmt](table)
    if output is None:
        (click.echo if fmt == "json" else echo)(text, nl=False)
    else:
        _write_text(output, text)
        echo(f"Đã ghi {output} ({len(table.units)} đơn vị)", err=True)


# --- serve ------------------------------------------------------------------------------------


@main.command()
@common
@click.option("--host", default="127.0.0.1", show_default=True, help="Địa chỉ mở trang; khác máy này (127.0.0.1) thì cần mật khẩu.")
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True, help="Cổng mở trang.")
@click.option("--password", envvar="MINHCHUNG_PASSWORD", default=None, help="Mật khẩu của trang (nên đặt biến MINHCHUNG_PASSWORD: lệnh ps không hiện nó).")
@click.option("--max-upload-mb", type=click.IntRange(1, 2000), default=50, show_default=True, help="Tệp lớn nhất được tải lên.")
def serve(root, index_dir, rubric_file, host, port, password, max_upload_mb):
    """Mở trang web cho cán bộ: tìm kiếm, bảng minh chứng và tải tệp lên.

    Start the staff web page: search, coverage dashboard and upload, in Vietnamese.

    Chỉ máy này mở được trang, trừ khi đặt --host; mở cho mạng cơ quan thì bắt buộc có mật khẩu.
    Tệp tải lên được đặt vào thư mục của tiêu chí con và đưa vào chỉ mục ngay.

    Only this PC can open it unless --host says otherwise; on the office network it needs a
    password. Uploaded files go into their sub-criterion's folder and are indexed at once.

    \b
    Ví dụ / Examples:
      minhchung serve --root "D:\\Minh chung 2026"
      MINHCHUNG_PASSWORD=... minhchung serve --root /srv/minhchung --host 0.0.0.0
    """
    from search import web

    web.check_bind(host, password)
    paths = _paths(root, index_dir)
    app = web.create_app(paths, _rubric(rubric_file, paths.root), password=password, max_upload_bytes=max_upload_mb * 1024 * 1024)

    def listening():
        for url in web.urls(host, port):
            echo(f"Trang minh chứng: {url}", err=True)
        echo("Bấm Ctrl+C để dừng (press Ctrl+C to stop).", err=True)

    web.serve(app, host, port, on_listening=listening)


if __name__ == "__main__":  # pragma: no cover
    main()
