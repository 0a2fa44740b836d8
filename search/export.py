"""The evidence bundle for the city's reviewers: one zip (or folder) that opens offline.

Layout of the bundle:

    index.html                      start here: every sub-criterion, its status, links to its files
    Bảng minh chứng.html / .docx    the coverage report, as the ward prints it
    manifest.csv / manifest.json    one row per file: code, path in bundle, original path, sha256, ...
    1 - Chính quyền công khai, minh bạch/
        1.3 - Công khai số điện thoại…/
            1.3 - So dien thoai duong day nong.docx
    Cần xem xét (gợi ý)/
        1.6 - Đa dạng hình thức công khai…/   files only suggested by their content: never proof

A file that proves two sub-criteria is copied into both folders. Copies of one content in one
folder are copied once. Files nobody can open (empty, damaged, password-protected) are listed in
the manifest and index.html, not copied. Files stream from disk into the zip one block at a time,
so a bundle of gigabytes never sits in memory.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import html
import io
import json
import os
import re
import shutil
import tempfile
import time
import unicodedata
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import quote, unquote

from indexer.build import IndexPaths, scan_problems
from indexer.errors import UsageError
from indexer.models import BundleEntry, Coverage, Evidence, ExportReport, FileStatus, Problem, Rubric, Status, TagSource, listed_problems
from indexer.scan import TAGS_FILE_NAME
from search import report

# progress(stage, done, total, path), as in indexer.build; for export: bytes copied of all bytes.
Progress = Callable[[str, int, int, str], None]

REVIEW_DIR = "Cần xem xét (gợi ý)"
REPORT_NAME = "Bảng minh chứng"
INDEX_NAME = "index.html"
MANIFEST_CSV = "manifest.csv"
MANIFEST_JSON = "manifest.json"
# Windows Explorer cannot open paths over 260 characters; the folder the reviewer unzips into
# takes ~60, so each level of the bundle gets a share of the rest.
CRITERION_DIR_CHARS = 48
SUBCRITERION_DIR_CHARS = 56
FILE_NAME_CHARS = 80
# Files nobody can open are listed, never copied.
UNOPENABLE = {FileStatus.EMPTY, FileStatus.UNREADABLE, FileStatus.ENCRYPTED}
# Already-compressed formats are stored as they are: deflating them again costs time for nothing.
STORED_SUFFIXES = {
    ".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".jpg", ".jpeg", ".png", ".gif", ".webp",
    ".heic", ".zip", ".rar", ".7z", ".gz", ".mp3", ".mp4", ".m4a", ".mov", ".avi",
}  # fmt: skip
_BLOCK = 1 << 20


# --- the plan: which file goes where -------------------------------------------------------------


def plan_bundle(cov: Coverage, records: dict[str, Evidence]) -> list[BundleEntry]:
    """Where each evidence file goes in the bundle, in rubric order (pure: no file is read).

    Proof goes to its sub-criterion's folder; for a sub-criterion that is not proven, files only
    suggested by content go to the review folder; files nobody can open are left out.
    """
    entries: list[BundleEntry] = []
    for c in cov.criteria:
        criterion_dir = folder_name(c.criterion.code, c.criterion.title, CRITERION_DIR_CHARS)
        for s in c.subcriteria:
            sub_dir = folder_name(s.subcriterion.code, s.subcriterion.title, SUBCRITERION_DIR_CHARS)
            folders = {"proof": f"{criterion_dir}/{sub_dir}", "review": f"{REVIEW_DIR}/{sub_dir}"}
            taken: dict[str, set[str]] = {"proof": set(), "review": set()}
            first_copy: dict[tuple[str, str], BundleEntry] = {}
            for ref in s.evidence:
                ev = records.get(ref.path)
                if ev is None or ev.status in UNOPENABLE:
                    continue
                if ref.proves:
                    kind = "proof"
                elif ref.copy_of:
                    continue  # the same bytes as a proof listed above: no second proof to review
                elif s.status is Status.SUGGESTED:
                    kind = "review"
                else:
                    continue  # a suggestion for a sub-criterion already proven adds nothing to review
                # The source and the document number have their own columns; a copy is said below.
                shown = report.doc_label(ref.doc)
                notes = [n for n in report.ref_notes(ref)[1:] if n != shown and not n.startswith("bản sao của")]
                earlier = first_copy.get((kind, ev.sha256)) if ev.sha256 else None
                if earlier is not None:
                    bundle_path, copy_of = earlier.bundle_path, earlier.path
                    notes.append(f"cùng nội dung với {earlier.path}: chỉ chép một lần, tính một minh chứng")
                else:
                    name = unique_name(bundle_file_name(s.subcriterion.code, ev.path.rsplit("/", 1)[-1]), taken[kind])
                    bundle_path, copy_of = f"{folders[kind]}/{name}", ""
                entry = BundleEntry(
                    kind=kind, code=s.subcriterion.code, bundle_path=bundle_path, path=ev.path, sha256=ev.sha256,
                    size=ev.size, doc=ev.doc, source=ref.source, note="; ".join(notes), copy_of=copy_of,
                )  # fmt: skip
                if earlier is None and ev.sha256:
                    first_copy[(kind, ev.sha256)] = entry
                entries.append(entry)
    return entries


def folder_name(code: str, title: str, limit: int) -> str:
    """`1.3 - Công khai số điện thoại…`: code and title, safe on Windows, at most `limit` characters."""
    return safe_name(f"{code} - {title}", limit)


# A code at the start of a file name (`TC1.3+1.7 - `, `1.2_`, `tc 2-4 `, `(3.1) `): the bundle
# puts the code first itself, so the name's own copy of it is dropped.
_LEADING_CODES = re.compile(
    r"^[\s(\[]*(?:"
    r"(?:(?:t\.?\s*c|tieu\s*chi|minh\s*chung|m\.?\s*c|chi\s*tieu)[\s._-]*)?"
    r"\d{1,2}\s*[.,_-]\s*\d{1,2}(?:\s*(?:\+|,|;|&|/|va|-)\s*(?:t\.?\s*c[\s._-]*)?\d{1,2}\s*[.,-]\s*\d{1,2})*"
    # `Tiêu chí 1 mục 6`, `TC 2 - ND 4`, `TC II mục 3`: a criterion and its item.
    r"|(?:tc|tieu\s*chi)[\s._-]*(?:\d{1,2}|i{1,3}|iv)\s*[,:._-]?\s*(?:muc|noi\s*dung|nd)[\s._-]*\d{1,2}"
    # `II.2`, `TC III.2`, `Tiêu chí III - 5`: a criterion in Roman numerals.
    r"|(?:(?:tc|tieu\s*chi)[\s._-]*)?(?:i{1,3}|iv)\s*[.]\s*\d{1,2}"
    r"|(?:tc|tieu\s*chi)[\s._-]*(?:i{1,3}|iv)\s*[-_:]\s*\d{1,2}"
    r")(?![\d]|[.,/-]\d)[\s)\]._-]*"
)


def bundle_file_name(code: str, original: str) -> str:
    """`1.3 - So dien thoai duong day nong.docx` from `TC1.3+1.7 - So dien thoai duong day nong.docx`."""
    from indexer.tagging import codes_in_name
    from indexer.vietnamese import fold

    original = unicodedata.normalize("NFC", original)
    stem, dot, suffix = original.rpartition(".")
    if not dot or not stem or len(suffix) > 5 or " " in suffix:
        stem, suffix = original, ""
    if codes_in_name(original, {code}):  # with the code: a Roman one (`II.2`) counts only when known
        # fold() keeps one character per character, so a match in the folded name cuts the original.
        m = _LEADING_CODES.match(fold(stem).lower())
        if m and stem[m.end() :].strip():
            stem = stem[m.end() :]
    return safe_name(f"{code} - {stem.strip()}" + (f".{suffix.lower()}" if suffix else ""), FILE_NAME_CHARS, keep_suffix=bool(suffix))


_WINDOWS_FORBIDDEN = {"<": "(", ">": ")", ":": " -", '"': "'", "/": "-", "\\": "-", "|": "-", "?": "", "*": ""}
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def safe_name(name: str, limit: int, *, keep_suffix: bool = False) -> str:
    """A file or folder name Windows accepts: no `<>:"/\\|?*` or control characters, no trailing
    dot or space, not a reserved device name, at most `limit` characters (cut at a word, with `…`)."""
    name = re.sub(r"\s+", " ", unicodedata.normalize("NFC", name))
    name = "".join(_WINDOWS_FORBIDDEN.get(ch, ch) for ch in name if ch >= " " and ch != "\x7f")
    name = re.sub(r"\s+", " ", name).strip()
    stem, suffix = (name.rsplit(".", 1)[0], "." + name.rsplit(".", 1)[1]) if keep_suffix and "." in name else (name, "")
    room = limit - len(suffix)
    if len(stem) > room:
        cut = stem[: room - 1]
        space = cut.rfind(" ")
        if space > room * 0.6:
            cut = cut[:space]
        stem = cut.rstrip(" ,;.-") + "…"
    stem = stem.rstrip(" .")
    if stem.split(".")[0].lower() in _RESERVED:
        stem = "_" + stem
    return (stem or "_") + suffix


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name (2)`, ... not yet in `taken` (compared case-blind, as Windows does); adds it."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem} ({n})" + (f".{suffix}" if suffix else "")
    taken.add(candidate.casefold())
    return candidate


# --- writing ----------------------------------------------------------------------------------------


def export_bundle(
    paths: IndexPaths,
    rubric: Rubric,
    output: Path,
    *,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> ExportReport:
    """Write the evidence bundle of `paths.root` to `output` (a `.zip` file, else a folder).

    The bundle is written under a temporary name and renamed when complete, so an interrupted
    export never leaves a half bundle under the name the reviewer expects.
    """
    from search.coverage import coverage
    from search.query import open_index

    started = time.monotonic()
    output = Path(os.path.abspath(output))
    as_zip = output.suffix.lower() == ".zip"
    try:
        _check_output(output, paths.root, as_zip)
    except OSError as exc:  # an output folder that cannot be listed
        raise _write_error(output, exc) from exc
    cov = coverage(paths, rubric, today=today)
    catalog = open_index(paths).catalog
    # Lines of the ward's tags file that match no file, and what the folder walk found (a link
    # loop, a bundle unzipped in the share), are the ward's to fix, not files for the city's
    # reviewer: the bundle listed `.minhchung-tags.txt` as a problem file left out.
    housekeeping = set(scan_problems(catalog))
    cov = replace(cov, problems=tuple(p for p in cov.problems if p.path != TAGS_FILE_NAME and p not in housekeeping))
    records = catalog.get_many({r.path for s in cov.subcriteria for r in s.evidence})
    entries = plan_bundle(cov, records)
    sources = {e.path: paths.root / (catalog.fspath(e.path) or e.path) for e in entries}

    try:
        sink = _ZipSink(output) if as_zip else _FolderSink(output)
    except OSError as exc:
        raise _write_error(output, exc) from exc
    try:
        with tempfile.TemporaryDirectory(prefix="minhchung-export-") as scratch:
            docx = report.write_docx(cov, Path(scratch) / f"{REPORT_NAME}.docx")
            with open(docx, "rb") as fh:
                sink.add_file(f"{REPORT_NAME}.docx", docx, fh)
        sink.add_bytes(f"{REPORT_NAME}.html", bundled_report_html(cov, entries).encode("utf-8"))
        for folder in _all_folders(cov):
            sink.add_dir(folder)
        entries, warnings = _copy_files(sink, entries, sources, progress or _no_progress)
        problems = list(cov.problems)
        sink.add_bytes(MANIFEST_CSV, manifest_csv(entries, problems))
        sink.add_bytes(MANIFEST_JSON, manifest_json(cov, entries, problems, warnings).encode("utf-8"))
        sink.add_bytes(INDEX_NAME, render_index(cov, entries, problems, warnings).encode("utf-8"))
        sink.finish()
    except OSError as exc:  # writing the bundle: disk full, the share gone, no right to write there
        sink.abort()
        raise _write_error(output, exc) from exc
    except BaseException:
        sink.abort()
        raise
    copied = [e for e in entries if e.copied]
    return ExportReport(
        output=str(output),
        kind="zip" if as_zip else "folder",
        files=len(copied),
        bytes=sum(e.size for e in copied),
        proven=sum(1 for s in cov.subcriteria if s.status is Status.PROVEN),
        subcriteria=len(cov.subcriteria),
        review=len({e.path for e in copied if e.kind == "review"}),
        not_copied=tuple(p for p in problems if p.path not in {e.path for e in copied}),
        warnings=tuple(warnings),
        seconds=time.monotonic() - started,
        unnamed=not rubric.unit,
    )


def _no_progress(stage: str, done: int, total: int, path: str) -> None:
    pass


def _write_error(output: Path, exc: OSError) -> UsageError:
    return UsageError(
        f"không ghi được gói minh chứng {output} ({exc.strerror or exc}): hãy kiểm tra quyền ghi và chỗ trống trên ổ, "
        "hoặc ghi ra chỗ khác (cannot write the bundle)"
    )


def _check_output(output: Path, root: Path, as_zip: bool) -> None:
    root = Path(os.path.abspath(root))
    if _inside(output, root):
        raise UsageError(
            f"{output} nằm trong thư mục minh chứng {root}: lần lập chỉ mục sau sẽ đọc cả gói như minh chứng; "
            "hãy ghi ra chỗ khác (bundle inside the evidence folder)"
        )
    if not output.parent.is_dir():
        raise UsageError(f"thư mục {output.parent} không tồn tại (folder does not exist)")
    if not as_zip and output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise UsageError(f"{output} đã có và không phải thư mục trống: hãy chọn tên mới hoặc dùng -o TÊN.zip (not an empty folder)")
    # An older bundle of the same name (the one already sent?) was replaced without a word.
    if as_zip and (output.is_file() or output.is_symlink()):
        raise UsageError(f"{output} đã có: hãy chọn tên mới hoặc xóa tệp cũ trước (file exists)")
    # Found only at the end, by the rename, after every file was copied.
    if as_zip and output.is_dir():
        raise UsageError(f"{output} là một thư mục có sẵn: tệp nén cần một tên chưa dùng, hãy chọn tên khác (a folder, not a zip file)")


def _inside(path: Path, root: Path) -> bool:
    """True when `path` is `root` or below it, also when reached through a symlink or a second mount of it."""
    # Through /tmp/link -> root the absolute paths differ; the bundle then landed in the evidence
    # folder and the next index counted its suggestions, renamed `2.2 - ...`, as proof.
    real, real_root = Path(os.path.realpath(path)), Path(os.path.realpath(root))
    try:
        root_stat = os.stat(real_root)
    except OSError:
        root_stat = None
    for folder in (real, *real.parents):
        if folder == real_root:
            return True
        try:
            if root_stat is not None and os.path.samestat(os.stat(folder), root_stat):
                return True
        except OSError:
            continue  # not there yet (the output itself): its parent says
    return False


def _all_folders(cov: Coverage) -> list[str]:
    """Every criterion and sub-criterion folder, even empty: the bundle mirrors the rubric."""
    folders = []
    for c in cov.criteria:
        criterion_dir = folder_name(c.criterion.code, c.criterion.title, CRITERION_DIR_CHARS)
        folders.append(criterion_dir)
        folders += [f"{criterion_dir}/{folder_name(s.subcriterion.code, s.subcriterion.title, SUBCRITERION_DIR_CHARS)}" for s in c.subcriteria]
    return folders


def _copy_files(sink, entries: list[BundleEntry], sources: dict[str, Path], progress: Progress) -> tuple[list[BundleEntry], list[str]]:
    """Copy every entry's file into the sink, hashing what is actually written.

    The manifest then carries the hash of the bytes in the bundle; a file edited, removed or not
    readable now (permissions, locked on the share) since the last `index` is named in a warning.
    """
    total = sum(e.size for e in entries if e.copied)
    done = 0
    written: dict[str, tuple[str, int]] = {}
    result, warnings, gone = [], [], set()
    for entry in entries:
        if not entry.copied:
            sha, size = written.get(entry.bundle_path, (entry.sha256, entry.size))
            if entry.bundle_path in written:
                result.append(replace(entry, sha256=sha, size=size))
            continue
        source = sources[entry.path]

        def tick(n: int, path=entry.path) -> None:
            nonlocal done
            done += n
            progress("export", done, total, path)

        try:
            fh = open(source, "rb")
        except OSError as exc:
            if entry.path not in gone:
                gone.add(entry.path)
                warnings.append(_unreadable_warning(entry.path, exc))
            continue
        with fh:
            sha, size = sink.add_file(entry.bundle_path, source, fh, tick)
        written[entry.bundle_path] = (sha, size)
        if entry.sha256 and sha != entry.sha256 and not any(entry.path in w for w in warnings):
            warnings.append(f"{entry.path}: đã sửa sau lần lập chỉ mục gần nhất; gói chứa bản hiện tại (chạy lại minhchung index)")
        result.append(replace(entry, sha256=sha, size=size))
    progress("export", total, total, "")
    return result, warnings


def _unreadable_warning(path: str, exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"{path}: không còn trong thư mục, không kèm theo được (chạy lại minhchung index)"
    return f"{path}: không mở được lúc này ({exc.strerror or exc}), không kèm theo được (kiểm tra quyền đọc, tệp có đang mở?)"


class _HashingReader:
    """A file object that hashes and counts what is read through it."""

    def __init__(self, fh, on_read: Callable[[int], None]):
        self.fh, self.on_read, self.digest, self.size = fh, on_read, hashlib.sha256(), 0

    def read(self, n: int = -1) -> bytes:
        try:
            block = self.fh.read(n)
        except OSError as exc:
            # Half a file cannot be taken back out of a zip: stop rather than bundle a cut copy.
            raise UsageError(f"{self.fh.name}: lỗi khi đang đọc ({exc.strerror or exc}); chưa tạo gói, hãy thử lại (read failed)") from exc
        self.digest.update(block)
        self.size += len(block)
        if block:
            self.on_read(len(block))
        return block


class _ZipSink:
    """Writes members into `NAME.zip.part`, renamed to `NAME.zip` when finished."""

    def __init__(self, output: Path):
        self.output = output
        self.part = output.with_name(output.name + ".part")
        self.zip = zipfile.ZipFile(self.part, "w", allowZip64=True)

    def add_dir(self, name: str) -> None:
        # Folders get today's date, not the zip format's 1980 default.
        info = zipfile.ZipInfo(name + "/", date_time=time.localtime()[:6])
        info.external_attr = (0o40755 << 16) | 0x10  # a directory, for unzip and for Windows
        self.zip.writestr(info, b"")

    def add_file(self, name: str, source: Path, fh, on_read: Callable[[int], None] = lambda n: None) -> tuple[str, int]:
        info = zipfile.ZipInfo.from_file(source, name, strict_timestamps=False)
        info.compress_type = zipfile.ZIP_STORED if source.suffix.lower() in STORED_SUFFIXES else zipfile.ZIP_DEFLATED
        with self.zip.open(info, "w", force_zip64=info.file_size > (1 << 30)) as out:
            reader = _HashingReader(fh, on_read)
            shutil.copyfileobj(reader, out, _BLOCK)
        return reader.digest.hexdigest(), reader.size

    def add_bytes(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)

    def finish(self) -> None:
        self.zip.close()
        os.replace(self.part, self.output)

    def abort(self) -> None:
        try:
            self.zip.close()
        except Exception:
            pass  # the archive is being thrown away; the error that stopped it is the one to report
        self.part.unlink(missing_ok=True)


class _FolderSink:
    """Writes files into a hidden sibling folder, renamed to the output folder when finished."""

    def __init__(self, output: Path):
        self.output = output
        self.part = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".part", dir=output.parent))

    def _target(self, name: str) -> Path:
        target = self.part.joinpath(*name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def add_dir(self, name: str) -> None:
        self.part.joinpath(*name.split("/")).mkdir(parents=True, exist_ok=True)

    def add_file(self, name: str, source: Path, fh, on_read: Callable[[int], None] = lambda n: None) -> tuple[str, int]:
        target = self._target(name)
        with open(target, "wb") as out:
            reader = _HashingReader(fh, on_read)
            shutil.copyfileobj(reader, out, _BLOCK)
        with contextlib.suppress(OSError):  # dates and modes only: a USB stick (FAT) refuses chmod
            shutil.copystat(source, target)
        return reader.digest.hexdigest(), reader.size

    def add_bytes(self, name: str, data: bytes) -> None:
        self._target(name).write_bytes(data)

    def finish(self) -> None:
        if self.output.is_dir():
            self.output.rmdir()  # checked empty before starting
        os.replace(self.part, self.output)

    def abort(self) -> None:
        shutil.rmtree(self.part, ignore_errors=True)


# --- manifest ---------------------------------------------------------------------------------------

KIND_LABEL = {"proof": "minh chứng", "review": "cần xem xét (gợi ý)", "problem": "không kèm theo (tệp có vấn đề)"}
CSV_HEADERS = ("Loại", "Mã tiêu chí con", "Đường dẫn trong gói", "Đường dẫn gốc", "SHA-256", "Dung lượng (byte)",
               "Số ký hiệu", "Ngày văn bản", "Nguồn gắn mã", "Ghi chú")  # fmt: skip


def _copied_paths(entries: Iterable[BundleEntry]) -> set[str]:
    return {e.path for e in entries}


def manifest_rows(entries: list[BundleEntry], problems: list[Problem]) -> list[dict]:
    """One row per file in each folder, then one per problem file (with an empty bundle path when not copied)."""
    rows = [
        {
            "kind": e.kind,
            "code": e.code,
            "bundle_path": e.bundle_path,
            "path": e.path,
            "sha256": e.sha256,
            "size": e.size,
            "doc_number": e.doc.number,
            "doc_date": e.doc.date.isoformat() if e.doc.date else None,
            "source": e.source.value,
            "note": e.note or None,
        }
        for e in entries
    ]
    in_bundle = _copied_paths(entries)
    for p in problems:
        if p.path in in_bundle:
            continue  # already a row above, with the problem in the coverage report
        rows.append({
            "kind": "problem", "code": None, "bundle_path": None, "path": p.path, "sha256": None, "size": None,
            "doc_number": None, "doc_date": None, "source": None,
            "note": report.PROBLEM_LABEL.get(p.problem, p.problem) + (f" ({report.detail_vi(p.detail)})" if p.detail else ""),
        })  # fmt: skip
    return rows


def manifest_csv(entries: list[BundleEntry], problems: list[Problem]) -> bytes:
    """The manifest for Excel: UTF-8 with a BOM (else Excel shows Vietnamese as mojibake), Vietnamese headers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for row in manifest_rows(entries, problems):
        writer.writerow([_excel_text(cell) for cell in (
            KIND_LABEL[row["kind"]], row["code"] or "", row["bundle_path"] or "", row["path"], row["sha256"] or "",
            row["size"] if row["size"] is not None else "", row["doc_number"] or "",
            dt.date.fromisoformat(row["doc_date"]).strftime("%d/%m/%Y") if row["doc_date"] else "",
            _source_label(row["source"]), row["note"] or "",
        )])  # fmt: skip
    return out.getvalue().encode("utf-8-sig")


# Excel runs a cell starting with one of these as a formula (a file named `=HYPERLINK(...)`) or
# shows #NAME? for it; a leading `'` makes it text (OWASP's advice on CSV injection). The names
# stay as they are in manifest.json, which scripts read.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _excel_text(cell):
    return "'" + cell if isinstance(cell, str) and cell.startswith(_FORMULA_START) else cell


def _source_label(source: str | None) -> str:
    from indexer.models import TagSource

    return report.SOURCE_LABEL[TagSource(source)] if source else ""


def manifest_json(cov: Coverage, entries: list[BundleEntry], problems: list[Problem], warnings: list[str]) -> str:
    """The manifest for scripts: the unit, the score, and the same rows as the CSV (English keys)."""
    rubric = cov.rubric
    data = {
        "schema": 1,
        "unit": rubric.unit,
        "rubric_title": rubric.title,
        "rubric_version": rubric.version,
        "score": {"provable": cov.provable, "max": cov.max_points},
        "generated": cov.generated.isoformat() if cov.generated else None,
        "files": [r for r in manifest_rows(entries, problems) if r["kind"] != "problem"],
        "problems": [
            {"path": p.path, "problem": p.problem, "detail": p.detail or None,
             "bundle_paths": [e.bundle_path for e in entries if e.path == p.path]}
            for p in problems
        ],  # fmt: skip
        "warnings": warnings,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- the coverage report inside the bundle ------------------------------------------------------------

# The coverage page links files by their place in the ward's folder; inside the bundle they live
# elsewhere. It is rendered with this marker as link base, then each link is pointed at the copy
# in the bundle, or unlinked when the file is not in the bundle.
_MARK = "minhchung-original:"
_HREF = re.compile(r'<a href="' + re.escape(_MARK) + r'([^"]*)">(.*?)</a>', re.S)
_CONTEXT = re.compile(r'id="tc-(\d+\.\d+)"|<section class="apart"')


def bundled_report_html(cov: Coverage, entries: list[BundleEntry]) -> str:
    """The coverage report page with its file links pointing into the bundle."""
    page = report.render_html(cov, _MARK)
    by_code = {(e.code, e.path): e.bundle_path for e in entries}
    anywhere: dict[str, str] = {}
    for e in entries:
        anywhere.setdefault(e.path, e.bundle_path)
    marks = [(m.start(), m.group(1)) for m in _CONTEXT.finditer(page)]

    def relink(m: re.Match) -> str:
        path = unquote(html.unescape(m.group(1)))
        code = None
        for start, found in marks:
            if start > m.start():
                break
            code = found
        target = by_code.get((code, path)) or anywhere.get(path)
        if target is None:
            return m.group(2)
        return f'<a href="{html.escape(href(target))}">{m.group(2)}</a>'

    return _HREF.sub(relink, page)


def href(bundle_path: str) -> str:
    """A relative link from the top of the bundle: percent-encoded, `/` kept."""
    return quote(bundle_path, safe="/")


# --- index.html -------------------------------------------------------------------------------------

_INDEX_CSS = """
:root { --ok: #17663a; --ok-bg: #e3f3e8; --warn: #8a5a00; --warn-bg: #fff2cc; --bad: #a4161a; --bad-bg: #fde4e4;
        --line: #d0d4da; --muted: #5b6470; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", "DejaVu Serif", serif; font-size: 15px; line-height: 1.45; color: #111;
       max-width: 1100px; margin: 24px auto; padding: 0 24px; }
h1 { font-size: 24px; margin: 0 0 4px; letter-spacing: .02em; }
.unit { font-size: 19px; font-weight: bold; margin: 0; }
.meta { color: var(--muted); margin: 4px 0 0; }
.top { display: flex; gap: 24px; align-items: stretch; margin: 18px 0; flex-wrap: wrap; }
.score { border: 2px solid #111; border-radius: 6px; padding: 10px 18px; text-align: center; min-width: 190px; }
.score .big { font-size: 40px; font-weight: bold; line-height: 1.1; }
.score .label { color: var(--muted); }
.counts { list-style: none; padding: 0; margin: 8px 0 0; text-align: left; font-size: 14px; }
.counts li { margin: 3px 0; }
.flag { color: var(--bad); }
li.left-out { list-style: "✗ "; color: var(--muted); }
li.left-out .flag { font-size: 13px; }
.docs { flex: 1; min-width: 380px; border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; }
.docs h3 { margin: 0 0 6px; font-size: 16px; }
.docs ul { margin: 0; padding-left: 18px; }
.howto { color: var(--muted); font-size: 14px; margin: 8px 0 0; }
.warn { background: var(--warn-bg); border-left: 4px solid #d9822b; padding: 6px 10px; margin: 6px 0; }
section { margin-top: 26px; }
h2 { font-size: 18px; margin: 0 0 6px; padding-bottom: 4px; border-bottom: 2px solid #111;
     display: flex; justify-content: space-between; gap: 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 5px 8px; vertical-align: top; text-align: left; }
th { background: #eef0f3; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.code { white-space: nowrap; font-weight: bold; }
.badge { display: inline-block; border-radius: 4px; padding: 1px 7px; font-size: 13px; font-weight: bold; white-space: nowrap; }
.proven .badge { color: var(--ok); background: var(--ok-bg); }
.suggested .badge { color: var(--warn); background: var(--warn-bg); }
.missing .badge { color: var(--bad); background: var(--bad-bg); }
tr.proven td:first-child { border-left: 4px solid #2e9d5b; }
tr.suggested td:first-child { border-left: 4px solid #e0a800; }
tr.missing td:first-child { border-left: 4px solid var(--bad); }
ul.files { margin: 4px 0 0; padding-left: 18px; }
ul.files li { margin: 3px 0; }
ul.files li.review { list-style: "? "; }
.orig, .notes { color: var(--muted); font-size: 13px; }
.none { color: var(--bad); font-style: italic; }
.suggested .none { color: var(--warn); }
a { color: #0b4fa3; text-decoration: none; overflow-wrap: anywhere; }
a:hover { text-decoration: underline; }
footer { margin-top: 28px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 12pt; }
  a { color: #111; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  .badge, tr td:first-child { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def render_index(cov: Coverage, entries: list[BundleEntry], problems: list[Problem], warnings: list[str]) -> str:
    """The bundle's front page: opens offline, links the reports, the manifest and every file."""
    e = html.escape
    rubric = cov.rubric
    by_code: dict[str, list[BundleEntry]] = {}
    for entry in entries:
        by_code.setdefault(entry.code, []).append(entry)
    made = f" · Lập ngày {report._date(cov.generated)}" if cov.generated else ""
    copied = [x for x in entries if x.copied]
    counts = {st: sum(1 for sub in cov.subcriteria if sub.status is st) for st in Status}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Gói minh chứng — {e(report.unit_of(rubric))}</title>",
        f"<style>{_INDEX_CSS}</style></head><body>",
        "<header><h1>GÓI MINH CHỨNG</h1>",
        f'<p class="unit">{e(report.unit_of(rubric))}</p>',
        f'<p class="meta">Bộ tiêu chí “{e(rubric.title)}” (phiên bản {e(rubric.version)}) · '
        f"Kỳ đánh giá: {e(report.period_label(rubric))}{e(made)}</p></header>",
        '<div class="top">',
        f'<div class="score"><div class="big">{cov.provable}/{cov.max_points}</div><div class="label">{e(report.SCORE_LABEL)}</div>'
        '<ul class="counts">' + "".join(
            f'<li class="{st.value}"><span class="badge">{report.STATUS_MARK[st]} {counts[st]}</span> {e(report.STATUS_LABEL[st].lower())}</li>'
            for st in Status
        ) + "</ul></div>",
        '<div class="docs"><h3>Tài liệu kèm theo</h3><ul>',
        f'<li><a href="{e(href(REPORT_NAME + ".html"))}">{e(REPORT_NAME)} (trang web)</a> · '
        f'<a href="{e(href(REPORT_NAME + ".docx"))}">bản Word</a></li>',
        f'<li><a href="{e(href(MANIFEST_CSV))}">Danh mục tệp (Excel, {MANIFEST_CSV})</a> · '
        f'<a href="{e(href(MANIFEST_JSON))}">{MANIFEST_JSON}</a>: mã, đường dẫn, mã băm SHA-256 từng tệp</li>',
        "</ul>",
        f'<p class="howto">{len(copied)} tệp, mỗi tiêu chí con một thư mục. Tệp trong thư mục “{e(REVIEW_DIR)}” '
        "chỉ là gợi ý theo nội dung, chưa được tính là minh chứng. Tệp có vấn đề (hỏng, có mật khẩu, rỗng) "
        "được liệt kê ở cuối trang, không kèm theo.</p></div></div>",
    ]
    parts += [f'<div class="warn">⚠ {e(w)}</div>' for w in warnings]
    for c in cov.criteria:
        parts.append(f'<section id="tc-{e(c.criterion.code)}"><h2><span>Tiêu chí {e(c.criterion.code)}. {e(c.criterion.title)}</span>'
                     f"<span>{c.provable}/{c.criterion.points} điểm</span></h2>")  # fmt: skip
        parts.append('<table><thead><tr><th style="width:4.5em">Mã</th><th>Nội dung và tệp minh chứng</th>'
                     '<th style="width:10em">Trạng thái</th><th class="num" style="width:4.5em">Điểm</th></tr></thead><tbody>')  # fmt: skip
        for s in c.subcriteria:
            code = s.subcriterion.code
            parts.append(f'<tr class="{s.status.value}" id="tc-{e(code)}"><td class="code">{e(code)}</td><td>')
            parts.append(f"<div>{e(s.subcriterion.title)}</div>")
            files = by_code.get(code, [])
            listed = {x.path for x in files}
            # Files named for this sub-criterion that nobody can open: say so here, where the
            # reviewer looks, not only in the problem list at the end.
            left_out = [r for r in s.evidence if r.path not in listed and r.source is not TagSource.KEYWORD]
            if files or left_out:
                parts.append('<ul class="files">')
                parts += [_file_item(x) for x in files]
                parts += [f'<li class="left-out">{e(r.path)} <span class="flag">({e(r.note or "không mở được")}; '
                          "không kèm theo trong gói)</span></li>" for r in left_out]  # fmt: skip
                parts.append("</ul>")
            if s.status is Status.MISSING:
                parts.append('<div class="none">Chưa có tệp minh chứng.</div>')
            elif s.status is Status.SUGGESTED and not files:
                parts.append('<div class="none">Chưa có tệp minh chứng dùng được.</div>')
            elif s.status is Status.SUGGESTED:
                parts.append(f'<div class="none">{e(report.need_label(s))}.</div>')
            parts.append(f'</td><td><span class="badge">{report.STATUS_MARK[s.status]} {e(report.STATUS_LABEL[s.status])}</span></td>'
                         f'<td class="num">{s.provable}/{s.subcriterion.points}</td></tr>')  # fmt: skip
        parts.append("</tbody></table></section>")
    listed, photo_notes = listed_problems(problems)  # photos without text: a note, not a problem
    if listed:
        in_bundle = {}
        for x in entries:
            in_bundle.setdefault(x.path, x.bundle_path)
        parts.append(f'<section id="problems"><h2><span>Tệp có vấn đề ({len(listed)})</span></h2><ul class="files">')
        for p in listed:
            label = report.PROBLEM_LABEL.get(p.problem, p.problem)
            detail = f' <span class="notes">({e(report.detail_vi(p.detail))})</span>' if p.detail else ""
            if p.path in in_bundle:
                where = f' — đã kèm theo: <a href="{e(href(in_bundle[p.path]))}">{e(in_bundle[p.path])}</a>'
            else:
                where = " — <b>không kèm theo</b>"
            parts.append(f"<li>{e(p.path)}: {e(label)}{detail}{where}</li>")
        parts.append("</ul></section>")
    if photo_notes:
        parts.append('<section id="photos">' + "".join(f'<p class="notes">Lưu ý: {e(n)}</p>' for n in photo_notes) + "</section>")
    parts.append(
        "<footer>✓ có minh chứng theo tên tệp, thư mục hoặc gán tay · ? chỉ có gợi ý theo nội dung, người chấm cần xem · "
        "✗ chưa có tệp nào. Chỉ tiêu chí con ✓ được tính điểm. Mã SHA-256 trong danh mục cho phép kiểm tra tệp "
        "không bị sửa sau khi lập gói. Lập bằng minhchung.</footer>"
    )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _file_item(x: BundleEntry) -> str:
    e = html.escape
    name = x.bundle_path.rsplit("/", 1)[-1]
    facts = [report.SOURCE_LABEL[x.source]]
    label = report.doc_label(x.doc)
    if label:
        facts.append(label)
    notes = [n for n in x.note.split("; ") if n] if x.note else []
    if x.copy_of:
        text = f"{e(x.path)}"
        return (f'<li class="{x.kind}"><span class="orig">{text}: cùng nội dung với </span>'
                f'<a href="{e(href(x.bundle_path))}">{e(name)}</a></li>')  # fmt: skip
    prefix = '<span class="notes">gợi ý, cần xem: </span>' if x.kind == "review" else ""
    return (
        f'<li class="{x.kind}">{prefix}<a href="{e(href(x.bundle_path))}">{e(name)}</a> '
        f'<span class="notes">({"; ".join([e(f) for f in facts] + [_note_html(n) for n in notes])})</span>'
        f'<br><span class="orig">tệp gốc: {e(x.path)}</span></li>'
    )


def _note_html(note: str) -> str:
    e = html.escape
    return f'<span class="flag">{e(note)}</span>' if note == report.OUT_OF_PERIOD else e(note)
