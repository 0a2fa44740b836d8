"""The catalog: one row of metadata per indexed file (size, mtime, hash, status, tags, header).

It sits beside the Whoosh text index in the index folder. Keeping metadata in SQLite means a
no-op re-index, `files` and `coverage` never unpickle document text, and WAL mode lets readers
work while a writer commits. The text index is always committed first: a crash in between
leaves the catalog behind, never ahead, so the next run redoes the work instead of losing it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import Iterable

from .errors import IndexDamagedError
from .models import (
    CELL_LIMIT, LAST_VERSION_KEPT, OCR_JUDGED_WORDS, OCR_POOR_SHARE, DocMeta, Evidence, FileStatus, Tag, TagSource,
)  # fmt: skip

_COLUMNS = (
    "path", "fspath", "size", "mtime_ns", "sha256", "status", "title", "pages", "general",
    "text_source", "ocr_pages", "doc_number", "doc_date", "doc_type", "detail", "tags", "ctime_ns",
    "ocr_read", "ocr_words",
)  # fmt: skip
# models.reads_poorly as SQL, so that `problem_rows` need not read the files that read well.
_OCR_POOR_SQL = "(ocr_words >= ? AND ocr_read < ocr_words * ?)"
_OCR_POOR_ARGS = (OCR_JUDGED_WORDS, OCR_POOR_SHARE)


class Catalog:
    """File records keyed by their stored path."""

    def __init__(self, path: Path, *, readonly: bool = False):
        self.path = Path(path)
        self._missing: set[str] = set()  # columns an older catalog read read-only lacks
        if readonly:
            self.db = open_reader(self.path, timeout=30)
            # A catalog from before a column was added is read as it is (a reviewer's read-only
            # copy, or `search` before the first `index` of an upgrade): the column reads NULL.
            try:
                have = {row[1] for row in self.db.execute("PRAGMA table_info(files)")}
            except sqlite3.DatabaseError:
                have = set(_COLUMNS)  # damaged: the first real read says so
            if have:
                self._missing = set(_COLUMNS) - have
        else:
            self.db = sqlite3.connect(self.path, timeout=60, check_same_thread=False)
            try:
                self._prepare()
            except BaseException:
                self.db.close()  # a damaged file is moved aside next: nothing may hold it open
                raise

    def _prepare(self) -> None:
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(
            """
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE IF NOT EXISTS files (
                path TEXT PRIMARY KEY, fspath BLOB, size INTEGER, mtime_ns INTEGER,
                sha256 TEXT, status TEXT, title TEXT, pages INTEGER, general INTEGER,
                text_source TEXT, ocr_pages TEXT, doc_number TEXT, doc_date TEXT,
                doc_type TEXT, detail TEXT, tags TEXT);
            CREATE INDEX IF NOT EXISTS files_sha ON files(sha256);
            CREATE INDEX IF NOT EXISTS files_date ON files(doc_date);
            """
        )
        # Codes a file's name gives that the rubric lacks, kept so `index` need not parse every
        # name again each run. NULL: not checked yet. `put_many` leaves it out, so a rewritten
        # or renamed file is checked again.
        self._add_column("unknown_codes TEXT")
        # NULL in a catalog older than the column: that file's next run records it (see _plan).
        self._add_column("ctime_ns INTEGER")
        # How much of a file's OCR'd text reads (models.Extraction.ocr_quality); NULL where no
        # page was OCR'd, and in a catalog older than the columns until `index` measures its
        # OCR'd files from their stored text (see `unmeasured_ocr`).
        self._add_column("ocr_read INTEGER")
        self._add_column("ocr_words INTEGER")
        self.db.commit()

    def _add_column(self, definition: str) -> None:
        """Add a column in place: older catalogs gain it on open."""
        name = definition.split()[0]
        if name in {row[1] for row in self.db.execute("PRAGMA table_info(files)")}:
            return
        try:
            self.db.execute(f"ALTER TABLE files ADD COLUMN {definition}")
        except sqlite3.OperationalError:
            if name not in {row[1] for row in self.db.execute("PRAGMA table_info(files)")}:
                raise  # else another process added it first

    def close(self) -> None:
        self.db.close()

    # --- meta ---
    def get_meta(self, key: str) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        self.db.commit()

    # --- records ---
    def stats(self) -> dict[str, tuple[int, int, str, bytes, int | None]]:
        """path -> (size, mtime_ns, sha256, fspath, ctime_ns): all a no-op re-index needs to read."""
        rows = self.db.execute(f"SELECT {self._columns(('path', 'size', 'mtime_ns', 'sha256', 'fspath', 'ctime_ns'))} FROM files")
        return {r[0]: r[1:] for r in rows}

    def paths_with_detail(self, details: Iterable[str]) -> set[str]:
        """The paths of the files whose detail is one of `details` (e.g. left for OCR)."""
        wanted = list(details)
        rows = self.db.execute(f"SELECT path FROM files WHERE detail IN ({','.join('?' * len(wanted))})", wanted)
        return {r[0] for r in rows}

    def details(self, status: str) -> dict[str, str]:
        """path -> detail of the files with this status (problems are few: cheap to list)."""
        return {path: detail or "" for path, detail in self.db.execute("SELECT path, detail FROM files WHERE status = ?", (status,))}

    def _columns(self, names: Iterable[str] = _COLUMNS) -> str:
        """A select list of `names`, a column the catalog lacks read as NULL."""
        if self._missing:
            # A reader kept open (web, one process's cache) across the `index` that added them.
            try:
                self._missing -= {row[1] for row in self.db.execute("PRAGMA table_info(files)")}
            except sqlite3.DatabaseError:
                pass
        return ", ".join(f"NULL AS {c}" if c in self._missing else c for c in names)

    def is_empty(self) -> bool:
        return self.db.execute("SELECT 1 FROM files LIMIT 1").fetchone() is None

    def kept_versions(self) -> dict[str, str]:
        """path -> detail of the files whose last version read is kept (see models.LAST_VERSION_KEPT)."""
        rows = self.db.execute("SELECT path, detail FROM files WHERE status = 'ok' AND detail LIKE ?", ("%" + LAST_VERSION_KEPT,))
        return {path: detail for path, detail in rows}

    def keep_last_version(self, path: str, detail: str) -> None:
        """Say why a file was not read again, keeping what was read before."""
        self.db.execute("UPDATE files SET detail=? WHERE path=?", (detail + LAST_VERSION_KEPT, path))

    def unmeasured_ocr(self) -> list[tuple[str, tuple[int, ...]]]:
        """(path, OCR'd pages) of the files with OCR'd pages whose OCR quality was never measured:
        read by a version from before it was (see build._measure_ocr)."""
        rows = self.db.execute("SELECT path, ocr_pages FROM files WHERE ocr_words IS NULL AND ocr_pages IS NOT NULL AND ocr_pages != '[]'")
        return [(path, tuple(json.loads(pages))) for path, pages in rows]

    def set_ocr_quality(self, items: Iterable[tuple[str, tuple[int, int]]]) -> None:
        """Record (path, (tokens that read, tokens)) measured on stored text."""
        self.db.executemany("UPDATE files SET ocr_read=?, ocr_words=? WHERE path=?", [(q[0], q[1], p) for p, q in items])

    def problem_rows(self, problem_statuses: Iterable[str]) -> list[tuple[str, str, str, str | None, tuple[int, int] | None]]:
        """(path, status, detail, unknown codes, OCR quality) of the files that may have a problem to report.

        That is a problem status, unknown codes, or codes not checked yet (None); a file that is
        fine and checked is not read at all, so the end of a run costs little however big the folder.
        """
        statuses = list(problem_statuses)
        rows = self.db.execute(
            f"SELECT path, status, detail, unknown_codes, ocr_read, ocr_words FROM files WHERE status IN ({','.join('?' * len(statuses))})"
            f" OR unknown_codes IS NULL OR unknown_codes != '' OR detail LIKE ? OR detail LIKE ? OR {_OCR_POOR_SQL} ORDER BY path",
            [*statuses, "%" + LAST_VERSION_KEPT, "%" + CELL_LIMIT, *_OCR_POOR_ARGS],
        )
        return [(p, s, d or "", u, (r, w) if w is not None else None) for p, s, d, u, r, w in rows]

    def set_unknown_codes(self, items: Iterable[tuple[str, str]]) -> None:
        """Record (path, space-separated codes) for names just checked against the rubric; "" for none."""
        self.db.executemany("UPDATE files SET unknown_codes=? WHERE path=?", [(codes, p) for p, codes in items])

    def forget_unknown_codes(self) -> None:
        """Every name is to be checked again (the rubric's codes changed)."""
        self.db.execute("UPDATE files SET unknown_codes=NULL")

    def all(self) -> list[Evidence]:
        rows = self.db.execute(f"SELECT {self._columns()} FROM files ORDER BY path")
        return [_to_evidence(r) for r in rows]

    def get(self, path: str) -> Evidence | None:
        row = self.db.execute(f"SELECT {self._columns()} FROM files WHERE path=?", (path,)).fetchone()
        return _to_evidence(row) if row else None

    def get_many(self, paths: Iterable[str]) -> dict[str, Evidence]:
        paths = list(paths)
        found: dict[str, Evidence] = {}
        for i in range(0, len(paths), 500):
            chunk = paths[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT {self._columns()} FROM files WHERE path IN ({marks})", chunk):
                found[row[0]] = _to_evidence(row)
        return found

    def fspath(self, path: str) -> str | None:
        row = self.db.execute("SELECT fspath FROM files WHERE path=?", (path,)).fetchone()
        return os.fsdecode(row[0]) if row and row[0] is not None else None

    def dated(self, day: dt.date) -> list[str]:
        """The files whose header bears the date `day`, by path."""
        return [r[0] for r in self.db.execute("SELECT path FROM files WHERE doc_date=? ORDER BY path", (day.isoformat(),))]

    def tagged(self, code: str) -> list[str]:
        """The files whose stored tags (not the manual ones) include sub-criterion `code`, by path."""
        pattern = "%" + json.dumps([code])[:-1] + ",%"  # a tag is stored as ["2.4", "filename", ...]
        return [r[0] for r in self.db.execute("SELECT path FROM files WHERE tags LIKE ? ORDER BY path", (pattern,))]

    def by_hash(self, sha256: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT path FROM files WHERE sha256=? ORDER BY path", (sha256,))]

    def put_many(self, items: Iterable[tuple[Evidence, str]]) -> None:
        """Insert or replace records; each item is (evidence, on-disk relative path)."""
        self.db.executemany(
            f"INSERT OR REPLACE INTO files ({', '.join(_COLUMNS)}) VALUES ({','.join('?' * len(_COLUMNS))})",
            [_to_row(ev, fspath) for ev, fspath in items],
        )

    def touch_many(self, items: Iterable[tuple[str, int, int, int]]) -> None:
        """Record a new size/mtime/ctime for files whose content hash did not change."""
        self.db.executemany("UPDATE files SET size=?, mtime_ns=?, ctime_ns=? WHERE path=?", [(s, m, c, p) for p, s, m, c in items])

    def delete_many(self, paths: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM files WHERE path=?", [(p,) for p in paths])

    def clear(self) -> None:
        self.db.execute("DELETE FROM files")

    def commit(self) -> None:
        self.db.commit()


def open_reader(path: Path, timeout: float) -> sqlite3.Connection:
    """A read-only connection to an SQLite file, also where its folder is read-only.

    A reviewer may be given an index on a read-only share or disk: WAL mode then cannot make its
    `-shm` file, and SQLite refuses to open. Read as immutable there (no locks, no WAL: nobody
    can be writing to a read-only disk).
    """
    uri = Path(os.path.abspath(path)).as_uri()  # as_uri quotes '#', '?' and spaces in folder names
    db = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.DatabaseError as exc:
        db.close()
        # The primary code: a folder the reader cannot write says SQLITE_READONLY_DIRECTORY (1544).
        code = getattr(exc, "sqlite_errorcode", None)
        if not Path(path).is_file() or code is None or code & 0xFF not in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY):
            raise
    return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)


CATALOG_NAME = "catalog.sqlite3"
# What SQLite says of a file that is not a whole database (cut short by a power cut, half copied).
_DAMAGE_WORDS = ("malformed", "not a database", "no such table")


def open_catalog(index_dir: Path, *, readonly: bool = False) -> Catalog:
    """The catalog of `index_dir`; IndexDamagedError when its file is not a whole database."""
    try:
        catalog = Catalog(Path(index_dir) / CATALOG_NAME, readonly=readonly)
        try:
            catalog.db.execute("SELECT 1 FROM files LIMIT 1").fetchone()
        except BaseException:
            catalog.close()
            raise
        return catalog
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        raise damaged_error(index_dir, exc) from exc


def is_damage(exc: BaseException) -> bool:
    """True when an SQLite error says the catalog file itself is damaged."""
    return isinstance(exc, sqlite3.DatabaseError) and any(word in str(exc) for word in _DAMAGE_WORDS)


def damaged_error(index_dir: Path | None, exc: BaseException) -> IndexDamagedError:
    """The one line a command ends with when the catalog turns out damaged (`index_dir`: where,
    when the caller knows)."""
    where = f" {Path(index_dir) / CATALOG_NAME}" if index_dir is not None else ""
    return IndexDamagedError(
        f"danh mục của chỉ mục{where} bị hỏng ({exc}): chạy `minhchung index --rebuild`, gán tay và bộ nhớ OCR được giữ (the index catalog is damaged)"
    )


def set_aside(index_dir: Path) -> Path:
    """Move a damaged catalog (and its journal files) out of the way; where it went."""
    aside = Path(index_dir) / f"{CATALOG_NAME}.damaged"
    for suffix in ("", "-wal", "-shm"):
        source = Path(index_dir) / f"{CATALOG_NAME}{suffix}"
        if source.exists():
            os.replace(source, Path(f"{aside}{suffix}"))
    return aside


def _to_row(ev: Evidence, fspath: str) -> tuple:
    return (
        ev.path,
        os.fsencode(fspath),
        ev.size,
        ev.mtime_ns,
        ev.sha256,
        ev.status.value,
        ev.title,
        ev.pages,
        int(ev.general),
        ev.text_source,
        json.dumps(list(ev.ocr_pages)),
        ev.doc.number,
        ev.doc.date.isoformat() if ev.doc.date else None,
        ev.doc.type,
        ev.detail,
        json.dumps([[t.code, t.source.value, t.confidence, t.reason] for t in ev.tags], ensure_ascii=False),
        ev.ctime_ns,
        ev.ocr_quality[0] if ev.ocr_quality else None,
        ev.ocr_quality[1] if ev.ocr_quality else None,
    )


# Enum lookups by value through a dict: `FileStatus(value)` costs microseconds, and coverage
# decodes every row (100,000 at a city's scale).
_STATUS = {s.value: s for s in FileStatus}
_SOURCE = {s.value: s for s in TagSource}


def _to_evidence(row) -> Evidence:
    (path, _fspath, size, mtime_ns, sha256, status, title, pages, general, text_source, ocr_pages,
     number, date, doc_type, detail, tags, ctime_ns, ocr_read, ocr_words) = row  # fmt: skip
    return Evidence(
        path=path,
        title=title or "",
        status=_STATUS.get(status) or FileStatus(status),
        size=size,
        mtime_ns=mtime_ns,
        sha256=sha256 or "",
        pages=pages or 0,
        tags=tuple(Tag(c, _SOURCE.get(s) or TagSource(s), conf, reason) for c, s, conf, reason in json.loads(tags)) if tags and tags != "[]" else (),
        general=bool(general),
        text_source=text_source,
        doc=DocMeta(number, dt.date.fromisoformat(date) if date else None, doc_type),
        detail=detail or "",
        ocr_pages=tuple(json.loads(ocr_pages)) if ocr_pages and ocr_pages != "[]" else (),
        ctime_ns=ctime_ns or 0,
        ocr_quality=(ocr_read or 0, ocr_words) if ocr_words is not None else None,
    )


def catalog_exists(index_dir: Path) -> bool:
    return (Path(index_dir) / "catalog.sqlite3").exists()

