"""Bring the index up to date with the folder: scan, diff, extract, tag, store, report.

`build_index` is the one pipeline behind `minhchung index` and the watcher. It is incremental:
a file whose size, mtime and ctime match the catalog is not touched; a file whose bytes did not change
(same hash) is not re-extracted; a renamed file reuses its old text. Extraction runs in a pool
of worker processes with a time limit and a memory cap per file, and the parent commits the
text index and then the catalog in batches, so a run killed half way loses at most one batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import itertools
import json
import os
import re
import shutil
import sqlite3
import sys
import threading
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

from . import scan as scanning
from .catalog import Catalog, damaged_error, is_damage, open_catalog, set_aside
from .errors import IndexBusyError, IndexDamagedError, IndexWriteError, UsageError
from .extract import NESTED_TOO_DEEPLY, OCR_SKIPPED, OVER_MEMORY, OcrSettings, extract, failed_for_a_passing_reason, ocr_quality_of
from .manual import ManualTags, load_manual_tags, save_manual_tags, tags_path
from .models import (
    NO_UNIT_NOTICE, DocMeta, Evidence, Extraction, FileStatus, IndexReport, Problem, Rubric, ScannedFile, StoredDoc, TagSource,
    problem_for, problem_of,
)  # fmt: skip
from .mounts import SYSTEM_FS, default_index_dir, mount_fstype
from .procs import process_alive
from .store import DEFAULT_ENGINE, SCHEMA_VERSION, TextIndex, create_text_index, engine_of, open_text_index, write_failure
from .tagging import tag_by_keywords, tag_by_name, tagging_key, unknown_code_problem, unknown_code_problems
from .vietnamese import OFFICIAL_LETTER, doc_number_key, is_vietnamese_syllable, issued_by_the_state, normalize, parse_header

# Files larger than this are listed, not read (a 2 GB video in the evidence folder).
DEFAULT_MAX_FILE_MB = 200
DEFAULT_TIMEOUT_S = 120.0
# Address space a worker may take reading one file (cli.py says it again for --help). The bench's
# 1,000 files and the example scans read within 768; a 100,000-row workbook or an 800-page PDF
# peaks at 130 MB. At 3,072 two workers on a hostile DOCX, PNG and PDF took 3.2 GB each.
DEFAULT_MEMORY_MB = 1536
# A crash loses at most a minute of work. Each commit makes a whoosh segment and every few
# segments whoosh merges them (rewriting them in Python): at 500 files per commit a first index
# of 10,000 files spent minutes merging, so the minute is the bound that matters.
COMMIT_EVERY_FILES = 5000
COMMIT_EVERY_SECONDS = 60.0
# A watcher's pass commits what it has read while a scan is still being OCR'd (page by page, a
# minute or more): the other files dropped in with it are searchable in seconds, not after it.
WATCH_COMMIT_EVERY_SECONDS = 2.0

# progress(stage, done, total, path): stages are "scan", "extract", "ocr", "write".
Progress = Callable[[str, int, int, str], None]


@dataclass(frozen=True)
class IndexPaths:
    """Where one root's index, catalog, OCR cache and manual tags live."""

    root: Path
    index_dir: Path
    moved_off_share: bool = False

    @property
    def text_dir(self) -> Path:
        return self.index_dir / "text"

    @property
    def ocr_cache(self) -> Path:
        return self.index_dir / "ocr-cache"

    @property
    def tags_file(self) -> Path:
        return tags_path(self.root)


def resolve_paths(root: Path, index_dir: Path | None = None) -> IndexPaths:
    """Check the root and pick the index folder (on local disk when the root is a network share)."""
    root = Path(os.path.abspath(root))
    if not root.is_dir():
        raise UsageError(f"không có thư mục minh chứng {root} (the evidence folder does not exist or is not a folder)")
    if (fstype := mount_fstype(root)) in SYSTEM_FS:
        raise UsageError(f"{root} là thư mục hệ thống ({fstype}), không phải thư mục minh chứng (a system folder)")
    if scanning.is_export_bundle(root):
        # Its suggestions are renamed `2.2 - ...` for the reviewer: read as a folder, they prove.
        raise UsageError(
            f"{root} là gói minh chứng đã xuất (minhchung export), không phải thư mục minh chứng: chạy lệnh trên "
            "thư mục minh chứng của phường; gói chỉ để mở index.html (an export bundle, not an evidence folder)"
        )
    if index_dir is not None:
        if os.path.realpath(index_dir) == os.path.realpath(root):
            raise UsageError(f"--index {index_dir} là chính thư mục minh chứng: chỉ mục cần thư mục riêng, mặc định {root / '.minhchung'} (the index cannot be the evidence folder itself)")
        folder, moved = Path(os.path.abspath(index_dir)), False
    else:
        folder, moved = default_index_dir(root)
    if os.path.exists(folder) and not os.path.isdir(folder):
        # `index` said it could not write there, then `files` said to run `index`: a loop.
        raise UsageError(f"{folder} là một tệp, không phải thư mục chỉ mục: đổi tên hoặc xóa tệp đó, hoặc chọn --index khác (the index path is a file)")
    return IndexPaths(root, folder, moved)


# --- the pipeline ------------------------------------------------------------------------------


def build_index(
    paths: IndexPaths,
    rubric: Rubric,
    *,
    rebuild: bool = False,
    ocr: bool = True,
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    max_file_mb: int = DEFAULT_MAX_FILE_MB,
    memory_mb: int = DEFAULT_MEMORY_MB,
    progress: Progress | None = None,
    only: set[str] | None = None,
    wait: float = 60.0,
    engine: str | None = None,
) -> IndexReport:
    """Bring the index of `paths.root` up to date and say what changed.

    `only` limits the pass to those relative paths (the watcher's events); files outside it are
    neither re-read nor removed, and only their problems are reported. `engine` (see
    store.ENGINES) rebuilds the text index with that engine if it has another one.
    """
    started = time.monotonic()
    progress = progress or _no_progress
    # Wall seconds of each stage, and the workers' CPU seconds reading and describing files.
    timings: dict[str, float] = {"scan": 0.0, "hash": 0.0, "extract": 0.0, "write": 0.0, "read_cpu": 0.0, "describe_cpu": 0.0}
    with build_lock(paths.index_dir, wait):
        with _write_guard(paths):
            catalog, text, unfinished, damaged = _open_or_create(paths, rebuild, engine)
        try:
            t = time.monotonic()
            # A watcher's pass lists only the folders of its few files, not the whole share.
            found = scanning.scan_some(paths.root, only, skip=(paths.index_dir,)) if only is not None else None
            walked_all = found is None
            if found is None:
                found = scanning.scan(paths.root, skip=(paths.index_dir,))
            files = found.files if only is None else [f for f in found.files if f.path in only]
            problems: list[Problem] = list(found.problems)
            timings["scan"] = time.monotonic() - t
            progress("scan", len(files), len(files), "")

            t = time.monotonic()
            with _write_guard(paths):
                known = _recover(catalog, text) if unfinished else catalog.stats()
                reread = _waiting_for_ocr(catalog) if ocr else set()
                unreadable = catalog.details(FileStatus.UNREADABLE.value)
                retried = passing_failures(catalog, unreadable)
                reread |= retried
                if workers != 0:  # read in this process (--workers 0) nothing stops a file again
                    reread |= _stopped_by_a_shorter_limit(unreadable, timeout)
            unlisted = {p.path for p in found.problems if p.problem == "unreadable"}
            # An empty root is a share not mounted (yet) more often than every file deleted.
            emptied = only is None and not files and bool(known)
            if emptied:
                unlisted.add(".")
            plan = _plan(files, known, only, max_bytes=max_file_mb * 1024 * 1024, reread=reread, unlisted=unlisted)
            if plan.kept:
                problems = [_kept_as_they_were(p, plan.kept) if p.path in unlisted else p for p in problems]
            # What the walk itself found (link loops, links outside, folders not listed, export
            # bundles): kept for coverage, which reads the catalog, not the folder. A watcher's
            # pass over a few paths replaces what the last walk said of those paths only.
            if walked_all:
                walked = None if emptied else list(problems)
            else:  # a watcher's pass: `only` is set
                before = scan_problems(catalog)
                stale = _under_any([p.path for p in before], set(only)) | {p.path for p in before if any(o.startswith(p.path + "/") for o in only)}
                walked = [p for p in before if p.path not in stale] + list(problems)
            timings["hash"] = time.monotonic() - t
            manual = load_manual_tags(paths.tags_file)
            tags = _TagsCarrier(manual, known, paths.tags_file)
            ocr_settings = OcrSettings(enabled=ocr, cache_dir=str(paths.ocr_cache))
            paths.ocr_cache.mkdir(parents=True, exist_ok=True)
            jobs = _Jobs(plan.extract, rubric, ocr_settings, max_file_mb)
            writer = _BatchWriter(text, catalog, manual, timings)
            vanished: list[str] = []
            retagged = 0
            kept_last = 0  # read before, unreadable for a passing reason now: the last version stays
            still_failing = 0  # unchanged files retried that still fail for a passing reason: not "updated"
            try:
                moved = {old for old, _, _ in plan.renamed}
                writer.delete([p for p in plan.removed if p not in moved])
                for old, now, sha in plan.renamed:
                    writer.rename(old, now, rubric)
                writer.touch(plan.touched)
                def on_ocr_page(path: str, page: int, total: int) -> None:
                    progress("ocr", total, total, f"{path} (trang {page})")
                    if only is not None:
                        writer.commit_if_older(WATCH_COMMIT_EVERY_SECONDS)

                for done, outcome in enumerate(_run_jobs(jobs, workers, timeout, memory_mb, timings, on_ocr_page), 1):
                    timings["read_cpu"] += outcome.read_cpu
                    timings["describe_cpu"] += outcome.describe_cpu
                    if _vanished(paths.root, outcome):
                        # Deleted between the scan and the read: gone, not unreadable.
                        vanished.append(outcome.evidence.path)
                        writer.delete([outcome.evidence.path])
                    elif _keeps_the_last_version(outcome, known, catalog):
                        writer.keep_last_version(outcome.evidence.path, outcome.evidence.detail)
                        kept_last += 1
                    else:
                        writer.manual = tags.follow(outcome.evidence)
                        writer.put(outcome)
                        still_failing += _failed_again(outcome.evidence, retried, known)
                    progress("extract", done, len(jobs), outcome.evidence.path)
                writer.commit()
                if only is None and catalog.get_meta(_TAGGED_WITH) != (key := tagging_key(rubric)):
                    if not writer.fresh:  # else every file was just tagged
                        retagged = _retag(catalog, text, writer, rubric, progress)
                        writer.commit()
                    catalog.set_meta(_TAGGED_WITH, key)
                if only is None and not writer.fresh:
                    _measure_ocr(catalog, text)
                if writer.fresh and jobs:
                    writer.optimize()  # a first index is written in many segments: one searches faster
            except IndexWriteError:
                writer.cancel()
                raise
            except (OSError, sqlite3.Error) as exc:
                writer.cancel()
                raise _write_error(paths, exc) from exc
            except BaseException:
                writer.cancel()
                raise
            problems.extend(Problem(p, "disappeared", "the file was deleted while the index was being updated") for p in vanished)
            if only is None:
                with _write_guard(paths):
                    problems.extend(_file_problems(catalog, rubric))
            else:
                for ev in catalog.get_many(only).values():
                    if (problem := problem_of(ev)) is not None:
                        problems.append(problem)
                    problems.extend(unknown_code_problems(ev.path, rubric))
            with _write_guard(paths):
                catalog.set_meta("indexed_at", dt.datetime.now().isoformat(timespec="seconds"))
                if walked is not None:
                    catalog.set_meta(SCAN_PROBLEMS, json.dumps([[p.path, p.problem, p.detail] for p in walked], ensure_ascii=False))
                catalog.set_meta(_WRITING, "")  # both stores agree again (see _recover)
            notices = ((damaged,) if damaged else ()) + ((tags.notice,) if tags.notice else ()) + _notices(problems, ocr)
            if not rubric.unit:  # said where staff look first, not only in coverage
                notices += (NO_UNIT_NOTICE,)
            if emptied:
                notices += (
                    f"thư mục {paths.root} trống: chỉ mục giữ nguyên {len(known)} tệp đã có (ổ mạng chưa gắn?); "
                    "nếu đúng là đã xóa hết, chạy index --rebuild / the folder is empty: the index is kept as it was",
                )
            elif only is None and not files:
                notices += (f"thư mục {paths.root} không có tệp minh chứng nào: kiểm tra lại --root / the evidence folder holds no files",)
            gone = set(vanished)
            return IndexReport(
                added=len([p for p in plan.new if p not in gone]),
                updated=len([p for p in plan.changed if p not in gone]) - still_failing - kept_last,
                removed=len(plan.removed) - len(plan.renamed),
                renamed=len(plan.renamed),
                retagged=retagged,
                unchanged=plan.unchanged + still_failing + kept_last,
                problems=tuple(sorted(problems, key=lambda p: p.path)),
                index_dir=str(paths.index_dir),
                seconds=time.monotonic() - started,
                timings=tuple(timings.items()),
                notices=notices,
            )
        finally:
            catalog.close()
            text.close()


def _file_problems(catalog: Catalog, rubric: Rubric) -> list[Problem]:
    """Every indexed file's problems: its status, and codes in its name the rubric lacks.

    Parsing 10,000 names for codes took ~0.5 s a run, so the codes found are kept in the catalog
    with the rubric's codes they were checked against: a run checks only the names written since,
    and a rubric with other codes has every name checked again.
    """
    checked_against = " ".join(sorted(s.code for s in rubric.subcriteria))
    if catalog.get_meta(_CODES_CHECKED_AGAINST) != checked_against:
        catalog.forget_unknown_codes()
        catalog.set_meta(_CODES_CHECKED_AGAINST, checked_against)
    problems: list[Problem] = []
    checked: list[tuple[str, str]] = []
    statuses = [s.value for s in FileStatus if s.is_problem]
    for path, status, detail, codes, ocr_quality in catalog.problem_rows(statuses):
        if (problem := problem_for(path, status, detail, ocr_quality)) is not None:
            problems.append(problem)
        if codes is None:
            codes = " ".join(tag_by_name(path, rubric).unknown)
            checked.append((path, codes))
        problems.extend(unknown_code_problem(path, code) for code in codes.split())
    catalog.set_unknown_codes(checked)  # committed with the run's `indexed_at`, next
    return problems


_CODES_CHECKED_AGAINST = "unknown_codes_rubric"
# The problems the walks of the folder found (JSON [[path, problem, detail], ...]): see build_index.
SCAN_PROBLEMS = "scan_problems"


def scan_problems(catalog: Catalog) -> list[Problem]:
    """What the walks of the folder found in the folder itself (not in a file's content), as last stored."""
    try:
        rows = json.loads(catalog.get_meta(SCAN_PROBLEMS) or "[]")
        return [Problem(str(path), str(problem), str(detail or "")) for path, problem, detail in rows]
    except (ValueError, TypeError):
        return []  # written by a newer or broken run: the next index writes it again


def _notices(problems: list[Problem], ocr: bool) -> tuple[str, ...]:
    """Advice that would otherwise repeat on every scan's line: how to turn OCR on."""
    if not ocr or not any(p.problem == FileStatus.NO_TEXT.value for p in problems):
        return ()
    from .ocr import ocr_unavailable_reason

    reason = ocr_unavailable_reason()
    return (reason,) if reason else ()


def _no_progress(stage: str, done: int, total: int, path: str) -> None:
    pass


def _open_or_create(paths: IndexPaths, rebuild: bool, engine: str | None = None) -> tuple[Catalog, TextIndex, bool, str | None]:
    """The catalog and text index, new when asked or stale; whether the last run was cut short;
    and, when the catalog was damaged and had to be started again, a notice that says so."""
    catalog = None
    try:
        catalog = open_catalog(paths.index_dir)
        unfinished = bool(catalog.get_meta(_WRITING))
        _mark_writing(catalog)
        current = engine_of(paths.text_dir)
        stale = catalog.get_meta("schema_version") != str(SCHEMA_VERSION) or current is None or (engine is not None and engine != current)
        if rebuild or stale:
            # An engine once chosen is kept through rebuilds; an index from before engines were
            # recorded (Whoosh, schema 5) moves to the default.
            engine = engine or catalog.get_meta("engine") or DEFAULT_ENGINE
            catalog.clear()
            catalog.commit()
    except (IndexDamagedError, sqlite3.DatabaseError) as exc:
        if not isinstance(exc, IndexDamagedError) and not is_damage(exc):
            raise
        if catalog is not None:
            catalog.close()
        # Everything in the catalog can be read again from the files (manual tags and the OCR
        # cache live apart): the run starts a new one, the damaged file kept beside it.
        aside = set_aside(paths.index_dir)
        catalog = open_catalog(paths.index_dir)
        _mark_writing(catalog)
        cause = exc.__cause__ if isinstance(exc, IndexDamagedError) else exc
        notice = f"chỉ mục bị hỏng ({cause}), đã làm lại từ đầu; tệp hỏng để ở {aside} / the damaged catalog was set aside and the index rebuilt"
        engine = engine or engine_of(paths.text_dir) or DEFAULT_ENGINE
        return catalog, _new_text_index(catalog, paths, engine), False, notice
    if rebuild or stale:
        return catalog, _new_text_index(catalog, paths, engine), unfinished, None
    return catalog, open_text_index(paths.text_dir), unfinished, None


def _mark_writing(catalog: Catalog) -> None:
    catalog.set_meta(_WRITING, f"pid {os.getpid()} since {dt.datetime.now():%Y-%m-%d %H:%M:%S}")


def _new_text_index(catalog: Catalog, paths: IndexPaths, engine: str) -> TextIndex:
    text = create_text_index(paths.text_dir, engine)
    catalog.set_meta("schema_version", str(SCHEMA_VERSION))
    catalog.set_meta("engine", engine)
    return text


# Set in the catalog while a run writes, cleared when it ends well: still set at the start of a
# run means the last one was killed or hit a full disk, maybe between the two stores' commits.
_WRITING = "writing"


def _recover(catalog: Catalog, text: TextIndex) -> dict[str, tuple[int, int, str, bytes, int | None]]:
    """After a run that did not finish, make the text index and the catalog list the same files.

    The text index commits first, so a run killed between the two commits leaves documents the
    catalog does not know: they are deleted (a file still on disk is then simply read again). A
    catalog row whose document is missing is dropped too, so its file is read again rather than
    listed without text. Returns the catalog's stats for planning.
    """
    text.sweep()
    known = catalog.stats()
    in_text = text.paths()
    extra = in_text - known.keys()
    missing = known.keys() - in_text
    if extra:
        writer = text.writer()
        writer.delete(sorted(extra))
        writer.commit()
    if missing:
        catalog.delete_many(sorted(missing))
        catalog.commit()
        for path in missing:
            known.pop(path)
    return known


def _vanished(root: Path, outcome: "Outcome") -> bool:
    """True when an unreadable file is really gone; a share that fails to answer (EIO) is not
    proof of that (os.path.lexists says False for any error), and the file stays indexed."""
    if outcome.evidence.status is not FileStatus.UNREADABLE:
        return False
    try:
        os.lstat(os.path.join(root, outcome.fspath))
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def _write_error(paths: IndexPaths, exc: BaseException) -> IndexWriteError | IndexDamagedError:
    if is_damage(exc):
        return damaged_error(paths.index_dir, exc)  # not the disk, the catalog: --rebuild mends it
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return IndexWriteError(write_failure(paths.index_dir, reason))


@contextmanager
def _write_guard(paths: IndexPaths) -> Iterator[None]:
    """A full disk or a read-only folder while writing becomes one clear IndexWriteError."""
    try:
        yield
    except (OSError, sqlite3.Error) as exc:
        raise _write_error(paths, exc) from exc


@contextmanager
def build_lock(index_dir: Path, wait: float) -> Iterator[None]:
    """One writer per index: a second `index` (or the watcher) waits, then says who holds it.

    flock is released by the kernel when its holder dies, so a killed run leaves no stale lock.
    """
    lock_path = Path(index_dir) / "build.lock"
    try:
        Path(index_dir).mkdir(parents=True, exist_ok=True)
        fh = open(lock_path, "a+")
    except OSError as exc:  # a read-only disk or share: searching works there, updating cannot
        raise IndexWriteError(
            f"cannot write in the index folder {index_dir} ({exc.strerror or exc}): it can be searched but not updated; "
            "choose a writable folder with --index, or fix its permissions"
        ) from exc
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                _try_lock(fh)
                break
            except (BlockingIOError, PermissionError):
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read().strip() or "another process"
                    raise IndexBusyError(f"một minhchung khác đang cập nhật chỉ mục này ({holder}): chờ xong rồi chạy lại (another minhchung is updating this index; try again when it has finished)")
                time.sleep(0.2)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} since {dt.datetime.now():%H:%M:%S}")
        fh.flush()
        yield
    finally:
        fh.close()


def _try_lock(fh) -> None:
    """Take an exclusive lock or raise BlockingIOError/PermissionError at once (POSIX or Windows)."""
    try:
        import fcntl
    except ImportError:  # Windows: ward PCs run the web page and the watcher there too
        import msvcrt

        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        return
    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)


# --- what to do with each file -----------------------------------------------------------------


@dataclass
class _Plan:
    extract: list[tuple[ScannedFile, str]]
    new: list[str]
    changed: list[str]
    removed: list[str]
    renamed: list[tuple[str, ScannedFile, str]]  # (old path, the file now, sha256)
    touched: list[tuple[str, int, int, int]]
    unchanged: int
    kept: set[str] = field(default_factory=set)  # missing from a scan that could not list them


def _waiting_for_ocr(catalog: Catalog) -> set[str]:
    """Files whose scanned pages were left unread (OCR off or not installed then), when this
    run can OCR them: the IT officer who installs Tesseract after the first index expects them
    read, and an unchanged file is otherwise never read again."""
    waiting = catalog.paths_with_detail(OCR_SKIPPED)
    if not waiting:
        return waiting
    from .ocr import ocr_unavailable_reason

    return waiting if ocr_unavailable_reason() is None else set()


def passing_failures(catalog: Catalog, unreadable: dict[str, str] | None = None) -> set[str]:
    """Files a lock, a permission or a share's hiccup kept from being read (or kept at their last
    version): tried again at every run, since a file unlocked keeps its size and time and would
    otherwise never be read. `unreadable`: the catalog's unreadable files, when already read."""
    if unreadable is None:
        unreadable = catalog.details(FileStatus.UNREADABLE.value)
    return {path for path, detail in unreadable.items() if failed_for_a_passing_reason(detail)} | set(catalog.kept_versions())


class _TagsCarrier:
    """Moves the manual tags of files edited in place to their new content (a typo fixed in a
    tagged file, or Word's save, silently undid the reviewer's tag), as each file is read."""

    def __init__(self, manual: ManualTags, known: dict, tags_file: Path):
        self.now = manual
        self.known = known
        self.tags_file = tags_file
        self.holders = Counter(old[2] for old in known.values()) if manual.entries else Counter()
        self.notice: str | None = None  # said when the tags file could not be written

    def follow(self, ev: Evidence) -> ManualTags:
        """The tags with `ev`'s lines moved to its content now, saved before the file is written
        (a run stopped half way keeps them); the writer applies them."""
        old = self.known.get(ev.path)
        if not self.now.entries or old is None or not old[2] or not ev.sha256 or old[2] == ev.sha256:
            return self.now
        carried = self.now.carried(ev.path, old[2], ev.sha256, still_held=self.holders[old[2]] > 1)
        if carried != self.now:
            self.now = carried
            try:
                save_manual_tags(self.tags_file, carried)
            except OSError as exc:  # a read-only share: this run still uses them
                self.notice = (
                    f"không ghi được {self.tags_file} ({exc.strerror or exc}): thẻ gán tay của tệp vừa sửa chỉ theo tệp trong lần chạy này"
                    " / the tags file is read-only: tags follow edited files for this run only"
                )
        return self.now


def _keeps_the_last_version(outcome: "Outcome", known: dict, catalog: Catalog) -> bool:
    """True for a file indexed and readable before that failed now for a passing reason (a lock,
    a permission taken away, the share): its text, tags and proof stay as they were read. A
    file made unreadable on the share cost the ward its proof, its manual tag and its text until
    someone noticed. Its changed ctime or mtime has it read again at every run until it reads."""
    ev = outcome.evidence
    if ev.status is not FileStatus.UNREADABLE or ev.path not in known or not failed_for_a_passing_reason(ev.detail):
        return False
    before = catalog.get(ev.path)
    return before is not None and before.status is FileStatus.OK


def _failed_again(ev: Evidence, retried: set[str], known: dict[str, tuple[int, int, str, bytes, int | None]]) -> bool:
    """True for a file read again only to retry it, unchanged on disk, that failed again."""
    old = known.get(ev.path)
    return (
        ev.path in retried and old is not None and (old[0], old[1]) == (ev.size, ev.mtime_ns)
        and ev.status is FileStatus.UNREADABLE and failed_for_a_passing_reason(ev.detail)
    )  # fmt: skip


def _stopped_by_a_shorter_limit(unreadable: dict[str, str], timeout: float) -> set[str]:
    """Files the time limit stopped in a run whose --timeout was shorter than this one's: the IT
    officer who raises it expects them read again, and an unchanged file is otherwise not."""
    return {
        path for path, detail in unreadable.items()
        if (limit := limit_that_stopped(detail)) is not None and _shorter_limit(limit, timeout)
    }  # fmt: skip


def _shorter_limit(limit: float, timeout: float) -> bool:
    """True when `limit` (read back from a problem line) is shorter than `timeout`; the same
    limit read back through a division may differ in its last bit."""
    return limit < timeout - 1e-6


def _plan(
    files: list[ScannedFile], known: dict[str, tuple[int, int, str, bytes, int | None]], only: set[str] | None,
    max_bytes: int | None = None, reread: set[str] | frozenset[str] = frozenset(), unlisted: set[str] | frozenset[str] = frozenset(),
) -> _Plan:  # fmt: skip
    """Diff the folder against the catalog; only files whose size, mtime or ctime moved are hashed.

    A new file is hashed here only when files were removed (it may be one of them, moved); else
    its worker hashes it (sha256 ""), in parallel: a first index of a share read every file
    twice, the first time alone. Files over `max_bytes` are not hashed: they are listed, not
    read, and reading 2 GB to hash it would stall every run. Files in `reread` are read again
    even if unchanged. Files in or under `unlisted` (folders and files the scan could not read)
    are kept as they are: a share that failed for a moment must not empty the index's folder.
    """
    on_disk = {f.path for f in files}
    if only is None:
        removed = [p for p in known if p not in on_disk]
    else:
        removed = [p for p in only if p in known and p not in on_disk]
    kept: set[str] = set()
    if unlisted and removed:
        kept = _under_any(removed, unlisted)
        removed = [p for p in removed if p not in kept]
    # Every removed path of each content: a folder moved with a file and its copy is two renames.
    removed_by_hash: dict[str, list[str]] = {}
    for p in removed:
        removed_by_hash.setdefault(known[p][2], []).append(p)
    plan = _Plan([], [], [], list(removed), [], [], len(kept), kept)
    for f in files:
        old = known.get(f.path)
        if old is not None and f.path in reread:
            plan.extract.append((f, ""))
            plan.changed.append(f.path)
            continue
        if old is not None and old[0] == f.size and old[1] == f.mtime_ns and (old[4] == f.ctime_ns or not old[4] or not f.ctime_ns):
            plan.unchanged += 1
            if not old[4] and f.ctime_ns:
                plan.touched.append((f.path, f.size, f.mtime_ns, f.ctime_ns))  # a catalog older than ctime
            continue
        if old is None and not removed_by_hash:
            plan.extract.append((f, ""))
            plan.new.append(f.path)
            continue
        sha = file_sha256(f.abspath) if max_bytes is None or f.size <= max_bytes else ""
        if old is not None and sha and old[2] == sha:
            plan.touched.append((f.path, f.size, f.mtime_ns, f.ctime_ns))
            plan.unchanged += 1
        elif old is None and sha and removed_by_hash.get(sha):
            plan.renamed.append((removed_by_hash[sha].pop(0), f, sha))
        else:
            plan.extract.append((f, sha))
            (plan.changed if old is not None else plan.new).append(f.path)
    return plan


def _kept_as_they_were(problem: Problem, kept: set[str]) -> Problem:
    """The scan's line for a folder it could not list, saying that its indexed files stay."""
    if not _under_any(list(kept), {problem.path}):
        return problem
    return replace(problem, detail=f"{problem.detail}: its files already indexed are kept as they were")


def _under_any(paths: list[str], folders: set[str] | frozenset[str]) -> set[str]:
    """The paths equal to one of `folders` or inside one ("." is the root: all of them)."""
    if "." in folders:
        return set(paths)
    prefixes = tuple(f.rstrip("/") + "/" for f in folders)
    return {p for p in paths if p in folders or p.startswith(prefixes)}


def file_sha256(path: Path) -> str:
    """The file's content hash; "" when it cannot be read (the extractor then says why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


# --- worker side ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    abspath: str
    path: str
    sha256: str
    rubric: Rubric
    ocr: OcrSettings
    max_file_mb: int
    size: int
    mtime_ns: int
    ctime_ns: int = 0


@dataclass(frozen=True)
class Outcome:
    """A file read and tagged by a worker, ready to store."""

    evidence: Evidence
    pages: tuple[str, ...]
    fspath: str
    # CPU seconds the worker spent reading the file (hash and text) and describing it (header,
    # title, tags): the benchmark splits a first index's time with them.
    read_cpu: float = 0.0
    describe_cpu: float = 0.0


class _Jobs(Sequence[_Job]):
    """The plan's files to read, each made a `_Job` only when its turn comes: at 100,000 files a
    list of them held 38 MB through the whole run."""

    def __init__(self, files: list[tuple[ScannedFile, str]], rubric: Rubric, ocr: OcrSettings, max_file_mb: int):
        self.files, self.rubric, self.ocr, self.max_file_mb = files, rubric, ocr, max_file_mb

    def __len__(self) -> int:
        return len(self.files)

    def __getitem__(self, i):  # only single items: nothing slices the jobs
        f, sha = self.files[i]
        return _Job(str(f.abspath), f.path, sha, self.rubric, self.ocr, self.max_file_mb, f.size, f.mtime_ns, f.ctime_ns)

    def __iter__(self) -> Iterator[_Job]:
        return map(self.__getitem__, range(len(self.files)))


def process_file(job: _Job) -> Outcome:
    """Extract, read the header, tag: everything CPU-heavy about one file, done in a worker."""
    if job.rubric is None:  # sent once to each worker by _init_worker, not with every file
        job = replace(job, rubric=_worker_rubric)
    started = time.process_time()
    if job.size > job.max_file_mb * 1024 * 1024:
        extraction = Extraction(FileStatus.TOO_LARGE, detail=f"{job.size // (1024 * 1024)} MB is over the {job.max_file_mb} MB limit: listed, not read")
    else:
        job = _hashed(job)
        extraction = extract(Path(job.abspath), ocr=job.ocr, sha256=job.sha256, on_page=_page_reporter(job.path))
    read = time.process_time()
    outcome = describe(job, extraction)
    return replace(outcome, read_cpu=read - started, describe_cpu=time.process_time() - read)


def _hashed(job: _Job) -> _Job:
    """The job with its file's hash, when the plan left it to the worker (see `_plan`)."""
    return job if job.sha256 else replace(job, sha256=file_sha256(Path(job.abspath)))


# In a worker: where to send "page N of this file was OCR'd" so the parent can show it.
_EVENTS = None


def _page_reporter(path: str):
    events = _EVENTS
    if events is None:
        return None

    def report(page: int) -> None:
        try:
            events.put_nowait((path, page))
        except Exception:
            pass  # progress is a nicety; never fail a file over it

    return report


def describe(job: _Job, extraction: Extraction) -> Outcome:
    """Turn an extraction into evidence: header metadata, title, and tags by name and keywords."""
    name = job.path.rsplit("/", 1)[-1]
    text = extraction.text
    doc = parse_header(text) if text else DocMeta()
    title = make_title(doc, extraction.pages, name)
    name_tags = tag_by_name(job.path, job.rubric)
    proven = {t.code for t in name_tags.tags}
    # A photo or spreadsheet with no text still has a name and folders that may say what it is.
    readable = extraction.status is FileStatus.OK
    keyword = None if issued_by_the_state(doc) else tag_by_keywords(
        _stem(name), title if readable else "", text if readable else "", job.rubric,
        from_ocr=extraction.text_source == "ocr", path=job.path, proven=frozenset(proven),
    )
    tags = list(name_tags.tags)
    if keyword:
        tags.extend(t for t in keyword.tags if t.code not in proven)
    evidence = Evidence(
        path=job.path,
        title=title,
        status=extraction.status,
        size=job.size,
        mtime_ns=job.mtime_ns,
        ctime_ns=job.ctime_ns,
        sha256=job.sha256,
        pages=len(extraction.pages),
        tags=tuple(tags),
        general=bool(keyword and keyword.general),
        text_source=extraction.text_source,
        doc=doc,
        detail=extraction.detail,
        ocr_pages=extraction.ocr_pages,
        ocr_quality=extraction.ocr_quality,
    )
    return Outcome(evidence, extraction.pages, _fs_relative(job))


def _fs_relative(job: _Job) -> str:
    # The on-disk spelling of the relative path (may differ from the NFC display path).
    parts = Path(job.abspath).parts
    return "/".join(parts[-(job.path.count("/") + 1) :])


def _fs_relative_of(f: ScannedFile) -> str:
    return "/".join(f.abspath.parts[-(f.path.count("/") + 1) :])


def _stem(name: str) -> str:
    return re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name).replace("_", " ")


_TITLE_SKIP = re.compile(
    r"^(ủy ban|uỷ ban|ubnd|cộng hòa|cộng hoà|độc lập|số\s*:|so\s*:|đảng|ban chấp hành|hội đồng|trung tâm|phường|xã)\b",
    re.IGNORECASE,
)


def make_title(doc: DocMeta, pages: tuple[str, ...], name: str) -> str:
    """The document's title line (type in capitals, then its subject) when it has one, else the file name."""
    lines = [ln.strip() for ln in pages[0][:4000].splitlines() if ln.strip()][:25] if pages else []
    for i, line in enumerate(lines):
        if _TITLE_SKIP.match(line) or not _is_caps_title(line):
            continue
        if doc.type and not normalize(line).upper().startswith(normalize(doc.type).upper()):
            continue
        subject = lines[i + 1] if i + 1 < len(lines) and not _TITLE_SKIP.match(lines[i + 1]) else ""
        # Not a subject: a table's header row (a workbook's `STT<TAB>Họ và tên`), a question
        # (a survey form's first item), the letter's addressee or legal basis, a sentence of the
        # body (a title never ends with a full stop: a letter's `Nhân dịp anh ... kết hôn, Ủy ban
        # nhân dân xã gửi lời chúc mừng hạnh phúc.` was cited "Thư chúc mừng ... về nhân dịp ...").
        if (
            len(subject) > 160 or "\t" in subject or subject.endswith("?") or (_ends_a_sentence(subject) and not _has_a_subject(line))
            or subject.lower().startswith((*_SALUTATIONS, "căn cứ"))
        ):
            subject = ""
        elif subject:
            subject = _with_wrapped_lines(subject, lines[i + 2 :])
        return _cut(f"{line} {subject}".strip())
    if doc.type in (OFFICIAL_LETTER, None):
        # A công văn has no title line: its `V/v ...` abstract says what it is about, also when
        # its number line is missing (a draft) or was lost by OCR.
        abstract = next((ln for ln in lines if _ABSTRACT.match(ln)), None)
        if abstract:
            return _cut(f"{doc.type or ''} {abstract}".strip())
    return _cut(_stem(name))


def _ends_a_sentence(line: str) -> bool:
    """A line that ends with a full stop (not an ellipsis, `...` or `…`)."""
    return line.endswith(".") and not line.endswith("..")


# Documents whose title line is always followed by its subject: there a full stop typed at the
# subject's end (`Triển khai mô hình ... năm 2026.`, `GIẤY MỜI` / `Dự hội nghị đối thoại ...
# năm 2026.`) is a slip, and the subject is kept. A letter may go straight on to its first sentence.
_WITH_A_SUBJECT = (
    "KẾ HOẠCH", "QUYẾT ĐỊNH", "BÁO CÁO", "THÔNG BÁO", "TỜ TRÌNH", "CHƯƠNG TRÌNH", "QUY CHẾ", "QUY ĐỊNH",
    "NGHỊ QUYẾT", "HƯỚNG DẪN", "BIÊN BẢN", "CÔNG VĂN", "ĐỀ ÁN", "PHƯƠNG ÁN", "GIẤY MỜI",
)  # fmt: skip


_WITH_A_SUBJECT_NORMALIZED = tuple(normalize(t) for t in _WITH_A_SUBJECT)


def _has_a_subject(title_line: str) -> bool:
    return normalize(title_line).upper().startswith(_WITH_A_SUBJECT_NORMALIZED)


_TITLE_CHARS = 200


def _cut(title: str) -> str:
    """A title within _TITLE_CHARS, an ellipsis saying when it was cut."""
    return title if len(title) <= _TITLE_CHARS else title[: _TITLE_CHARS - 1].rstrip() + "…"


_ABSTRACT = re.compile(r"^v/v\b", re.IGNORECASE)
# How a letter greets its addressee (`Thân gửi: Anh Đặng Minh Tuấn`): no subject of its title.
_SALUTATIONS = ("kính gửi", "thân gửi", "kính thưa", "gửi:")
# Where a title's subject surely ends: the body's first words, a numbered heading, a rule.
_BODY_START = re.compile(
    r"^(kính gửi|thân gửi|kính thưa|gửi:|căn cứ|thực hiện|theo |để |nhằm |điều \d|[IVX]+\s*[.:]|\d+\s*[.):]|[-–•*+_=.]{1,})", re.IGNORECASE
)
_WRAPPED_LINE_CHARS = 100


def _with_wrapped_lines(subject: str, after: list[str]) -> str:
    """A subject with the lines a PDF wrapped it onto (`... đối với sự phục vụ của` / `Trung tâm ...
    năm 2026`): one or two short lines after it, when the line after them surely starts the body."""
    for extra in (1, 2):
        if len(after) < extra or subject.endswith((".", ":", ";")):
            return subject
        block = after[:extra]
        ends = after[extra] if len(after) > extra else ""
        # A line that opens a list (`... trân trọng kính mời:`) is the body's; so is a sentence,
        # capitalised and ending with a full stop: a short document's first sentence (`Khảo sát
        # hiện trạng cống, rãnh ... trước mùa mưa bão.`) went into its title when the signature
        # block (`TM. ỦY BAN NHÂN DÂN`, in capitals) followed it. A wrapped subject goes on in
        # lower case, a full stop typed after it or not (`Thực hiện quy chế dân chủ` / `ở cơ sở
        # năm 2026.`).
        if any(_BODY_START.match(ln) or _is_caps_title(ln) or len(ln) > _WRAPPED_LINE_CHARS or ln.endswith(":") or _a_sentence(ln) for ln in block):
            return subject
        if not ends or _BODY_START.match(ends) or _is_caps_title(ends):
            return " ".join([subject, *block])
    return subject


def _a_sentence(line: str) -> bool:
    """A line that starts a sentence (a capital) and ends it (a full stop)."""
    return _ends_a_sentence(line) and not line[:1].islower()


def _is_caps_title(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    if not (3 <= len(letters) <= 80 and all(c.isupper() for c in letters) and not re.search(r"\d", line)):
        return False
    # Words, not what OCR made of a photo's border (`CC >_--EEEEEEEEE.EENNM` was a QR poster's title).
    words = re.findall(r"[^\W\d_]+", line)
    return 2 * sum(map(is_vietnamese_syllable, words)) >= len(words)


def _run_jobs(
    jobs: Sequence[_Job], workers: int | None, timeout: float, memory_mb: int, timings: dict[str, float],
    on_ocr_page: Callable[[str, int, int], None] = lambda path, page, total: None,
) -> Iterator[Outcome]:
    """Run the jobs in a process pool, in completion order; a stuck or crashing file becomes `unreadable`."""
    if not jobs:
        return
    t = time.monotonic()
    workers = workers if workers is not None else max(1, min(os.cpu_count() or 1, 8))
    if workers == 0:  # in-process, for debugging and profiling
        for job in jobs:
            yield process_file(job)
        timings["extract"] += time.monotonic() - t
        return
    if len(jobs) <= _FORK_AT_MOST and _can_fork():
        if len(jobs) > workers:
            # Imported once here, not again in each child (python-docx takes ~0.1 s); for as
            # many files as workers the children import in parallel, which is sooner. The
            # readers start no thread on import (a test checks), so forking stays safe.
            for name in _WORKER_MODULES:
                importlib.import_module(name)
        yield from _run_forked(jobs, workers, timeout, memory_mb, on_ocr_page)
        timings["extract"] += time.monotonic() - t
        return
    import multiprocessing
    import queue
    from concurrent.futures import FIRST_COMPLETED, wait

    from pebble import ProcessPool

    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    if os.name == "posix" and len(jobs) > _MAX_TASKS:
        # Workers fork from a server that has the readers imported already: a worker replaced
        # after max_tasks files starts in milliseconds instead of re-importing for ~0.3 s. (For
        # a few files the server's own imports would only delay the first one.)
        context.set_forkserver_preload(_WORKER_MODULES)
    events = context.Queue()
    pages_done = 0
    rubric = jobs[0].rubric
    # A few files per worker in flight, not all of them: `wait` walks every pending future on
    # each call, which is quadratic with 10,000 files scheduled at once.
    window = max(4, workers * 4)
    todo = iter(jobs)
    with _safe_import_path(), ProcessPool(
        max_workers=min(workers, len(jobs)), max_tasks=_MAX_TASKS, initializer=_init_worker,
        initargs=(memory_mb, events, os.getpid(), rubric), context=context,
    ) as pool:  # fmt: skip
        pending: dict = {}
        clock = _ReadClock(timeout)

        def top_up() -> None:
            for job in itertools.islice(todo, window - len(pending)):
                # The rubric is not sent with each file: the workers have it from _init_worker.
                # The pool's own limit is the clock's longest; the clock stops a stalled file.
                pending[pool.schedule(process_file, args=(replace(job, rubric=None),), timeout=clock.longest)] = job

        top_up()
        while pending:
            done, _ = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
            now = time.monotonic()
            while True:
                try:
                    path, page = events.get_nowait()
                except (queue.Empty, OSError, ValueError):
                    break
                pages_done += 1
                clock.progress(path, now)
                on_ocr_page(path, page, pages_done)
            for future in done:
                job = pending.pop(future)
                clock.forget(job.path)
                yield _outcome(job, future, timeout)
            for future, job in list(pending.items()):
                if not future.running():
                    continue
                clock.start(job.path, now)  # from when it is first seen running
                if clock.deadline(job.path) <= now and future.cancel():
                    del pending[future]  # cancel() stops its worker; the pool starts another
                    yield _unreadable(job, clock.stopped(job.path))
                    clock.forget(job.path)
            top_up()
    timings["extract"] += time.monotonic() - t


# A file that keeps finishing OCR pages may go on past the time limit (a 300-page scan takes
# ~10 minutes at 2 s a page), up to this many times the limit: a hostile PDF that lists one
# scanned page 200,000 times must still end.
LONG_SCAN_FACTOR = 20


class _ReadClock:
    """When to stop a file being read: after `timeout` seconds without progress (each OCR page
    done starts the count again), and in any case after `longest` seconds."""

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.longest = timeout * LONG_SCAN_FACTOR
        self._started: dict[str, float] = {}
        self._last: dict[str, float] = {}

    def start(self, path: str, now: float) -> None:
        """Start `path`'s clock, unless it runs already."""
        if path not in self._started:
            self._started[path] = self._last[path] = now

    def progress(self, path: str, now: float) -> None:
        if path in self._last:
            self._last[path] = now

    def deadline(self, path: str) -> float:
        return min(self._last[path] + self.timeout, self._started[path] + self.longest)

    def stopped(self, path: str) -> str:
        """Why the file was stopped, for its problem line."""
        if self._last[path] + self.timeout >= self._started[path] + self.longest:
            return _past_longest(self.timeout)
        if self._last[path] > self._started[path]:
            return _stalled(self.timeout)
        return _timed_out(self.timeout)

    def forget(self, path: str) -> None:
        self._started.pop(path, None)
        self._last.pop(path, None)


@contextmanager
def _safe_import_path() -> Iterator[None]:
    """PYTHONSAFEPATH set for the Python processes started meanwhile (the fork server, or each
    spawned worker): they start as `python -c ...`, which puts the current folder first on the
    import path, and run from a source checkout they would import that folder's `indexer` (or a
    `docx.py` lying there) rather than the code this process runs."""
    old = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("PYTHONSAFEPATH", None)
        else:
            os.environ["PYTHONSAFEPATH"] = old


def _outcome(job: _Job, future, timeout: float) -> Outcome:
    """The worker's result, or an `unreadable` outcome saying why there is none."""
    from concurrent.futures import TimeoutError as FutureTimeout

    from pebble import ProcessExpired

    try:
        return future.result()
    except FutureTimeout:  # pebble's own limit, the longest a file may take (see _ReadClock)
        return _unreadable(job, _past_longest(timeout))
    except ProcessExpired:
        return _unreadable(job, _CRASHED)
    except Exception as exc:
        return _unreadable(job, _failed(exc))


def _unreadable(job: _Job, detail: str) -> Outcome:
    # The worker that would have hashed it is gone: the hash keeps manual tags and copies working.
    return describe(_hashed(job), Extraction(FileStatus.UNREADABLE, detail=detail))


# The limit is written exactly (`90.4 s`, not `90 s`): `limit_that_stopped` reads it back, and a
# rounded one would look shorter than the run's own, and the file be read again on every run.
def _timed_out(timeout: float) -> str:
    return f"reading took longer than {timeout:g} s: stopped"


def _past_longest(timeout: float) -> str:
    return f"reading took longer than {timeout * LONG_SCAN_FACTOR:g} s ({LONG_SCAN_FACTOR} times the limit): stopped"


def _stalled(timeout: float) -> str:
    return f"OCR stalled: no page finished in {timeout:g} s: stopped"


_STOPPED_RE = re.compile(
    r"^(?:reading took longer than|OCR stalled: no page finished in) (\d+(?:\.\d+)?) s(?: \((\d+) times the limit\))?: stopped$"
)


def limit_that_stopped(detail: str) -> float | None:
    """The --timeout of the run that stopped a file, from its detail; None if no limit stopped it."""
    m = _STOPPED_RE.match(detail)
    if m is None:
        return None
    return float(m.group(1)) / int(m.group(2)) if m.group(2) else float(m.group(1))


def _failed(exc: BaseException) -> str:
    """The detail of a file whose reading raised `exc` outside the reader's own handling."""
    if isinstance(exc, MemoryError):  # its message is empty: 'MemoryError: ' told staff nothing
        return OVER_MEMORY
    if isinstance(exc, RecursionError):
        return NESTED_TOO_DEEPLY
    return f"{type(exc).__name__}: {str(exc)[:120]}"


_CRASHED = "the reader crashed or ran out of memory on this file"

# Up to this many files, each is read in a child forked from this process rather than in a
# pool: starting the pool (a fresh interpreter that imports the indexer, then the readers)
# took ~0.5 s, a fork takes ~10 ms. Above it the pool's warm workers win (1,000-file corpus,
# 2 workers: 10 files 1.05 s forked / 1.34 s pooled, 20 files 1.35 / 1.52, 40 files 2.57 / 2.07).
_FORK_AT_MOST = 16


# The search engine's own threads, as tantivy names them (seen in /proc: file watchers and their
# callbacks, indexing workers, the segment updater and mergers, the document store's
# compressor; the kernel keeps 15 characters): they run no Python and hold no lock a child needs.
_ENGINE_THREADS = ("thread-tantivy", "thrd-tantivy", "watch-callbacks", "merge_thread", "segment_update", "docstore-compr")


def _can_fork() -> bool:
    """True on Linux while this process runs no thread but its own and the search engine's.

    A fork copies only the thread that calls it: a lock another thread held at that moment
    (stderr's, logging's, an import's) would stay locked for ever in the child. With one
    thread there is no such lock. (macOS forks badly under its system libraries; Windows cannot.)
    """
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return False
    # A thread just started has the process's name until it names itself: look again shortly.
    for _ in range(3):
        try:
            others = [t for t in os.listdir("/proc/self/task") if int(t) != os.getpid()]  # OS threads, not only Python's
            if all(_thread_name(t).startswith(_ENGINE_THREADS) for t in others):
                return True
        except OSError:
            return False
        time.sleep(0.005)
    return False


def _thread_name(tid: str) -> str:
    try:
        with open(f"/proc/self/task/{tid}/comm", encoding="utf-8", errors="replace") as f:
            return f.read().strip()
    except OSError:  # FileNotFoundError or ProcessLookupError: it ended since the listing
        return _ENGINE_THREADS[0]


def _run_forked(
    jobs: Sequence[_Job], workers: int, timeout: float, memory_mb: int, on_ocr_page: Callable[[str, int, int], None]
) -> Iterator[Outcome]:
    """Read each file in its own forked child, `workers` at a time, in completion order.

    The same limits as the pool: a child is killed when `_ReadClock` says so, one that dies is
    a crash, its memory is capped, and it exits when this process is killed.
    """
    import multiprocessing
    from multiprocessing.connection import wait as wait_any

    context = multiprocessing.get_context("fork")
    todo = iter(jobs)
    running: dict = {}  # the receiving end of each child's pipe -> (child, job)
    clock = _ReadClock(timeout)
    pages_done = 0

    def start(job: _Job) -> None:
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_forked_child, args=(job, send, memory_mb, os.getpid()), daemon=True)
        child.start()
        send.close()  # before the next fork, or that child would hold this pipe open too
        running[receive] = (child, job)
        clock.start(job.path, time.monotonic())

    try:
        for job in itertools.islice(todo, max(1, workers)):
            start(job)
        while running:
            soonest = min(clock.deadline(job.path) for _, job in running.values())
            ready = wait_any(list(running), timeout=max(0.0, soonest - time.monotonic()))
            finished: list[tuple[object, Outcome]] = []
            now = time.monotonic()
            for receive in ready:
                child, job = running[receive]
                try:
                    message = receive.recv()
                except (EOFError, OSError):
                    finished.append((receive, _unreadable(job, _CRASHED)))
                    continue
                if isinstance(message, Outcome):
                    finished.append((receive, message))
                elif isinstance(message, str):
                    finished.append((receive, _unreadable(job, message)))
                else:
                    pages_done += 1
                    clock.progress(job.path, now)
                    on_ocr_page(message[0], message[1], pages_done)
            done = {receive for receive, _ in finished}
            for receive, (child, job) in running.items():
                if receive not in done and receive not in ready and clock.deadline(job.path) <= now:
                    child.kill()
                    finished.append((receive, _unreadable(job, clock.stopped(job.path))))
            for receive, outcome in finished:
                child, job = running.pop(receive)
                clock.forget(job.path)
                _reap(child, receive)
                for job in itertools.islice(todo, 1):
                    start(job)
                yield outcome
    finally:
        for receive, (child, _) in running.items():  # the run was stopped: stop its readers
            child.kill()
            _reap(child, receive)


def _reap(child, receive) -> None:
    receive.close()
    child.join(5)
    if child.exitcode is None:  # sent its result but does not exit: it has nothing left to give
        child.kill()
        child.join()


class _PipeEvents:
    """In a forked child: sends "page N of this file was OCR'd" to the parent like the pool's queue."""

    def __init__(self, send):
        self.send = send

    def put_nowait(self, event: tuple[str, int]) -> None:
        self.send.send(event)


def _forked_child(job: _Job, send, memory_mb: int, parent_pid: int) -> None:
    """In the child: read one file and send back its outcome (or why it failed, as text)."""
    import faulthandler
    import signal

    global _EVENTS
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it kills us
    # A reader that aborts (pdfium on a hostile PDF) is reported by the parent on one line; the
    # inherited fault handler (PYTHONFAULTHANDLER, pytest) would add a traceback to the terminal.
    faulthandler.disable()
    _EVENTS = _PipeEvents(send)
    # The cap is on the memory the file adds: the parent's pages are shared with the child, not
    # taken by the file (a pool worker's cap counts its own fresh interpreter instead).
    _limit_memory(_address_space_mb() + memory_mb)
    _exit_with_parent(parent_pid)
    try:
        send.send(process_file(job))
    except Exception as exc:  # a reader's error, or an outcome too big to pickle within the cap
        send.send(_failed(exc))


def _address_space_mb() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE") // (1024 * 1024)


_WORKER_MODULES = ["indexer.build", "pypdfium2", "docx"]
_MAX_TASKS = 200  # files per worker process before a fresh one replaces it (leaks stay bounded)
_worker_rubric: Rubric | None = None


def _init_worker(memory_mb: int, events, parent_pid: int | None = None, rubric: Rubric | None = None) -> None:
    # The rubric is pickled once per worker here; per file it cost ~1.3 ms to pickle and load.
    global _EVENTS, _worker_rubric
    _EVENTS = events
    _worker_rubric = rubric
    _limit_memory(memory_mb)
    if parent_pid is not None:
        _exit_with_parent(parent_pid)


def _exit_with_parent(parent_pid: int, every: float = 1.0) -> None:
    """End this worker when the indexer that started it is gone (killed with -9, say).

    Workers are children of the forkserver, which stays up as long as any worker does, so a
    worker stuck in a hostile file would otherwise spin on it for ever after its indexer died;
    only that indexer's per-file timeout would have stopped it.
    """

    def watch() -> None:
        while process_alive(parent_pid):
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform: the time limit still protects the run


# --- parent side: batched writes ---------------------------------------------------------------


class _BatchWriter:
    """Writes outcomes to the text index and the catalog, committing both every few hundred files."""

    def __init__(self, text: TextIndex, catalog: Catalog, manual: ManualTags, timings: dict[str, float]):
        self.text = text
        self.catalog = catalog
        self.manual = manual
        self.timings = timings
        self.writer = None
        self.pending = 0
        self.last_commit = time.monotonic()
        self.written: set[str] = set()  # the paths put in this run: _retag leaves them
        # An index empty when the run began holds only what this run writes, each path once:
        # documents can be added without looking for an old copy first.
        self.fresh = text.doc_count() == 0

    def _w(self):
        if self.writer is None:
            self.writer = self.text.writer()
        return self.writer

    def put(self, outcome: Outcome) -> None:
        t = time.monotonic()
        ev = outcome.evidence
        codes = self.manual.apply(ev).codes
        name = _stem(ev.path.rsplit("/", 1)[-1])
        title = "" if ev.title == name[:200] else ev.title  # a title that is only the name would count it twice
        self._w().put(StoredDoc(ev.path, name, title, outcome.pages, codes, doc_number_key(ev.doc.number) if ev.doc.number else None), replace=not self.fresh)
        self.catalog.put_many([(ev, outcome.fspath)])
        self.written.add(ev.path)
        self.pending += 1
        self.timings["write"] += time.monotonic() - t
        if self.pending >= COMMIT_EVERY_FILES or time.monotonic() - self.last_commit > COMMIT_EVERY_SECONDS:
            self.commit()

    def rename(self, old: str, now: ScannedFile, rubric: Rubric) -> None:
        """A moved file keeps its text; its tags and title are worked out again from it under the
        new name (no file is read): `TC2.6 Khao sat.xlsx` renamed `ket qua quy II.xlsx` had lost
        2.6 altogether, its keywords having been left out while the name proved it."""
        before = self.catalog.get(old)
        if before is None:
            return
        pages = self.text.pages(old)
        try:
            ev = _described_again(before, pages, rubric, now.path, (now.size, now.mtime_ns, now.ctime_ns))
        except Exception:  # in the parent, one odd text must not stop the run: name tags only
            name_tags = tag_by_name(now.path, rubric)
            proven = {t.code for t in name_tags.tags}
            keyword = [t for t in before.tags if t.source is TagSource.KEYWORD and t.code not in proven]
            ev = replace(before, path=now.path, tags=tuple(name_tags.tags) + tuple(keyword), size=now.size, mtime_ns=now.mtime_ns, ctime_ns=now.ctime_ns)
        self._w().delete([old])
        self.catalog.delete_many([old])
        self.put(Outcome(ev, pages, _fs_relative_of(now)))

    def keep_last_version(self, path: str, detail: str) -> None:
        self.catalog.keep_last_version(path, detail)
        self.pending += 1

    def touch(self, items: list[tuple[str, int, int, int]]) -> None:
        if items:
            self.catalog.touch_many(items)

    def delete(self, paths: list[str]) -> None:
        if paths:
            self._w().delete(paths)
            self.catalog.delete_many(paths)
            self.pending += len(paths)

    def optimize(self) -> None:
        """Compact the text index (see the engines' `optimize`), timed as writing."""
        t = time.monotonic()
        writer = self.text.writer()
        try:
            writer.optimize()
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        self.timings["write"] += time.monotonic() - t

    def commit_if_older(self, seconds: float) -> None:
        """Commit what is written, if anything is and the last commit is older than `seconds`."""
        if self.pending and time.monotonic() - self.last_commit > seconds:
            self.commit()

    def commit(self) -> None:
        t = time.monotonic()
        if self.writer is not None:
            try:
                self.writer.commit()  # the text index first: the catalog never runs ahead of it
            finally:
                self.writer = None
        try:
            self.catalog.commit()
        except Exception as exc:  # sqlite3.OperationalError: disk full, read-only
            raise IndexWriteError(f"could not write the catalog ({exc}); the previous index is still usable")
        self.pending = 0
        self.last_commit = time.monotonic()
        self.timings["write"] += time.monotonic() - t

    def cancel(self) -> None:
        if self.writer is not None:
            try:
                self.writer.cancel()
            except Exception:
                pass
            self.writer = None
        try:
            self.catalog.db.rollback()
        except Exception:
            pass


def remove_index(paths: IndexPaths) -> None:
    """Delete the rebuildable parts of the index (text and catalog), keeping the OCR cache."""
    shutil.rmtree(paths.text_dir, ignore_errors=True)
    for name in ("catalog.sqlite3", "catalog.sqlite3-wal", "catalog.sqlite3-shm"):
        try:
            os.unlink(paths.index_dir / name)
        except FileNotFoundError:
            pass


_TAGGED_WITH = "tagged_with"  # the tagging_key the catalog's tags were made with


def _described_again(before: Evidence, pages: tuple[str, ...], rubric: Rubric, path: str, stat: tuple[int, int, int]) -> Evidence:
    """`before` described again from its stored pages (nothing read) at `path`: tags, title, header."""
    extraction = Extraction(before.status, pages, before.detail, before.text_source, before.ocr_pages, before.ocr_quality)
    return describe(_Job("", path, before.sha256, rubric, None, 0, *stat), extraction).evidence


def _measure_ocr(catalog: Catalog, text: TextIndex) -> None:
    """Measure how well the OCR'd text of files read by an older version reads (their catalog
    rows have no OCR quality), from the text stored in the index: no file is read, no page OCR'd
    again. Done once: a measured file is never listed again, a file read since is measured."""
    todo = catalog.unmeasured_ocr()
    if todo:
        catalog.set_ocr_quality((path, ocr_quality_of(text.pages(path), pages) or (0, 0)) for path, pages in todo)
        catalog.commit()


def _retag(catalog: Catalog, text: TextIndex, writer: "_BatchWriter", rubric: Rubric, progress: Progress) -> int:
    """Tag every file not written in this run again from its stored text, after the rubric or the
    tagging rules changed: a ward that edits rubric.toml's keywords (or upgrades) saw the old
    suggestions until `--rebuild` read the whole share again. Only files whose tags, title or
    header changed are written. Returns their number."""
    records = [ev for ev in catalog.all() if ev.path not in writer.written]
    changed = 0
    for done, before in enumerate(records, 1):
        pages = text.pages(before.path)
        try:
            after = _described_again(before, pages, rubric, before.path, (before.size, before.mtime_ns, before.ctime_ns))
        except Exception:  # in the parent, one odd text must not stop every run: it keeps its tags
            after = before
        if (after.tags, after.general, after.title, after.doc) != (before.tags, before.general, before.title, before.doc):
            writer.put(Outcome(after, pages, catalog.fspath(before.path) or before.path))
            changed += 1
        progress("retag", done, len(records), before.path)
    return changed


def refresh_codes(paths: IndexPaths, rel_paths: list[str], *, manual: ManualTags | None = None, wait: float = 60.0) -> None:
    """Rewrite these files' entries in the text index so `search --code` sees today's manual tags.

    The text is taken from the index itself: nothing is re-extracted. Run under the build lock.
    """
    catalog = open_catalog(paths.index_dir)
    text = open_text_index(paths.text_dir)
    try:
        writer = _BatchWriter(text, catalog, manual if manual is not None else load_manual_tags(paths.tags_file), {"write": 0.0})
        try:
            for path in rel_paths:
                ev = catalog.get(path)
                if ev is not None:
                    writer.put(Outcome(ev, text.pages(path), catalog.fspath(path) or path))
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
    finally:
        catalog.close()
        text.close()
