"""The SQLite FTS5 text engine, the default: matching, ranking and finding the page run in C.

One row per file in `docs` (name, title, codes, document number) and one per page in `pages`
(the text as written). The FTS5 table `fts` ranks files: name, title and body, each as written
and accent-folded, so `thu xin loi` finds `thư xin lỗi` while an exact-diacritic match adds to
the score. The FTS5 table `page_fts` (folded text, one row per page) names a hit's best page
without reading the file's other pages: a long file is many pages of text to scan in Python.

Both FTS5 tables are contentless (the text is kept once, in `pages`); a document is deleted by
giving FTS5 the same values again, re-made by the same `normalize` and `fold`, which is why
changing either bumps `store.SCHEMA_VERSION`. Everything changes in one transaction: a killed
writer leaves the last commit, whole.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .catalog import open_reader
from .errors import IndexBusyError, IndexMissingError, IndexWriteError
from .models import StoredDoc, TextHit
from .store import PAGE_BREAK, PHRASE_BONUS, SQLITE_FILE, folder_id, indexed_values, parse_query, phrase_words, query_terms, side_by_side, swap_in, write_failure
from .vietnamese import fold

# Column weights for bm25(), in the table's column order: a match in the file name or title
# outranks one in the body; a match as written adds to the accent-folded one.
COLUMNS = ("name", "name_f", "title", "title_f", "body", "body_f")
WEIGHTS = (2.0, 1.5, 2.0, 1.5, 1.5, 1.0)
_EXACT, _FOLDED = "{name title body}", "{name_f title_f body_f}"
_SCORE = f"-bm25(fts, {', '.join(map(str, WEIGHTS))})"
# A file whose document number is the one typed comes first, whatever its words score.
DOC_KEY_BONUS = 1000.0
# Above this many matches, words in most files are not scored (see `_ranked`).
RANK_AT_MOST = 2000

# A page's row id is its file's id * PAGE_SLOTS + its index: a file's pages are one id range.
PAGE_SLOTS = 1 << 20
_TOKENIZE = "tokenize='unicode61 remove_diacritics 0'"

_SCHEMA = f"""
CREATE TABLE docs(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    pages INTEGER NOT NULL,
    codes TEXT NOT NULL,          -- ',1.3,2.1,': a code filter is one instr()
    doc_key TEXT
);
CREATE INDEX docs_by_key ON docs(doc_key) WHERE doc_key IS NOT NULL;
CREATE TABLE pages(id INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE VIRTUAL TABLE fts USING fts5({', '.join(COLUMNS)}, content='', {_TOKENIZE});
CREATE VIRTUAL TABLE page_fts USING fts5(text_f, content='', {_TOKENIZE});
"""


# The engine interface store.py calls.
def open_index(folder: Path) -> "SqliteTextIndex":
    return SqliteTextIndex(folder)


def create_index(folder: Path) -> "SqliteTextIndex":
    def make(fresh: Path) -> None:
        db = sqlite3.connect(fresh / SQLITE_FILE, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")  # readers (the web page) never wait for a writer
            db.executescript(_SCHEMA)
        finally:
            db.close()

    swap_in(Path(folder), make)
    return SqliteTextIndex(folder)


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    """A writer's connection (readers use catalog.open_reader)."""
    # mode=rw: a missing index is an error, not a new empty database.
    # (pathlib's as_uri, not urllib's pathname2url: importing urllib.request cost 20-30 ms a run)
    db = sqlite3.connect(Path(os.path.abspath(path)).as_uri() + "?mode=rw", uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA synchronous=NORMAL")  # with WAL: a power cut may lose the last commit, never corrupt
    # A batch of thousands of files grows the WAL file to its size; read-only readers never
    # delete it, so a checkpoint cuts it back to this.
    db.execute(f"PRAGMA journal_size_limit={16 * 1024 * 1024}")
    return db


_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CANTOPEN}


@functools.lru_cache(maxsize=16)
def _key_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _key_matches(pattern: str, key: str) -> bool:
    """SQL `key_matches(pattern, doc_key)`: the whole key matches (vietnamese.doc_number_pattern)."""
    return _key_pattern(pattern).fullmatch(key) is not None


class SqliteTextIndex:
    """The FTS5 index in `folder/fts.sqlite3`; one reading connection per process, reused."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._db: sqlite3.Connection | None = None
        self._opened = None  # which folder (inode) _db was opened in: a rebuild swaps in another

    def _reader(self) -> sqlite3.Connection:
        if self._db is not None and folder_id(self.folder) != self._opened:
            self.close()  # `index --rebuild` put a new index here
        if self._db is None:
            self._opened = folder_id(self.folder)
            try:
                self._db = open_reader(self.folder / SQLITE_FILE, timeout=10.0)
            except sqlite3.Error as exc:
                raise IndexMissingError(f"cannot open the search index in {self.folder} ({exc}): run `minhchung index --rebuild`") from exc
            self._db.create_function("key_matches", 2, _key_matches, deterministic=True)
        return self._db

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self._reader()
        except sqlite3.DatabaseError as exc:
            damaged = getattr(exc, "sqlite_errorcode", None) in _DAMAGED or "no such table" in str(exc)
            if not damaged:
                raise  # a bug here (a query SQLite refuses), not the user's to mend
            raise IndexMissingError(f"the search index in {self.folder} cannot be read ({exc}): run `minhchung index --rebuild`") from exc

    def writer(self, wait: float = 60.0) -> "SqliteTextWriter":
        """A batch writer in one transaction; waits up to `wait` seconds for another writer to finish."""
        try:
            db = _connect(self.folder / SQLITE_FILE, timeout=wait)
        except sqlite3.Error as exc:
            raise IndexWriteError(f"could not open the index in {self.folder} for writing ({exc})") from exc
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            db.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise IndexBusyError(f"{self.folder} là chỉ mục đang được tiến trình khác ghi: thử lại sau (the index is being written by another process; try again later)") from exc
            raise IndexWriteError(_write_failure(self.folder, exc)) from exc
        return SqliteTextWriter(db, self.folder)

    def doc_count(self) -> int:
        with self._reading() as db:
            return db.execute("SELECT count(*) FROM docs").fetchone()[0]

    def paths(self) -> set[str]:
        """The path of every document, to check the index against the catalog."""
        with self._reading() as db:
            return {path for (path,) in db.execute("SELECT path FROM docs")}

    def sweep(self) -> None:
        """Nothing to clean: SQLite rolls a killed writer's transaction back by itself."""

    def search(
        self, text: str, *, code: str | None = None, doc_key: str | None = None, doc_pattern: str | None = None, limit: int = 20
    ) -> tuple[int, list[TextHit]]:
        """Run a user query: (total, hits best first, each with its best page)."""
        match = make_match(text)
        if match is None and not doc_key and not doc_pattern:
            return 0, []
        words = phrase_words(text) if match is not None else None
        # Words typed together rank higher where they stand together; checked on the best few.
        window = max(3 * limit, 30) if words else limit
        with self._reading() as db:
            if doc_key or doc_pattern:
                total, rows = _by_number(db, match, doc_key, doc_pattern, code, window)
            else:
                total, rows = _ranked(db, match, make_match(text, exact=False), code, window)
            if not rows:
                return 0, []
            ids = [doc_id for doc_id, _ in rows]
            heads = {i: (path, title) for i, path, title in db.execute(f"SELECT id, path, title FROM docs WHERE id IN ({','.join('?' * len(ids))})", ids)}
            together: set[int] = set()
            if words and any(score for _, score in rows):
                rows, together = _together_first(db, rows, words, heads)
            terms = query_terms(text)
            hits = []
            for doc_id, score in rows[:limit]:
                page = _best_page(db, doc_id, terms)
                found = db.execute("SELECT text FROM pages WHERE id = ?", (_page_range(doc_id)[0] + page,)).fetchone()
                hits.append(TextHit(heads[doc_id][0], score, page, found[0] if found else "", doc_id in together))
        return total, hits

    def pages(self, path: str) -> tuple[str, ...]:
        """The stored page texts of one file; () when the index has no document for it."""
        with self._reading() as db:
            row = db.execute("SELECT id FROM docs WHERE path = ?", (path,)).fetchone()
            return _page_texts(db, row[0]) if row else ()

    def close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            db.close()


def _page_range(doc_id: int) -> tuple[int, int]:
    """The first and last row id a file's pages may have, in `pages` and `page_fts`."""
    return doc_id * PAGE_SLOTS, doc_id * PAGE_SLOTS + PAGE_SLOTS - 1


def _page_texts(db: sqlite3.Connection, doc_id: int) -> tuple[str, ...]:
    return tuple(t for (t,) in db.execute("SELECT text FROM pages WHERE id BETWEEN ? AND ? ORDER BY id", _page_range(doc_id)))


def _code_filter(code: str | None) -> tuple[str, str, list]:
    """The join, condition and parameters that keep only files tagged `code` (`1.3`, or `1`: any of criterion 1's)."""
    if not code:
        return "", "", []
    return "JOIN docs d ON d.id = fts.rowid", "AND instr(d.codes, ?) > 0", [f",{code}," if "." in code else f",{code}."]


def _ranked(db: sqlite3.Connection, match: str, folded: str, code: str | None, limit: int) -> tuple[int, list[tuple]]:
    """The number of matching files and the best `limit` (id, score) rows.

    Files are ranked by BM25. Except when the matches are many (over RANK_AT_MOST) and more than half the
    index: then every word of the query is in more than half of the files, where FTS5's BM25
    gives a word no weight (idf 1e-6) and only how often each file repeats it would order them,
    at the price of the slowest searches there are (0.2 s at 10,000 files for `ủy ban nhân dân
    phường`, scoring every file). Those list the newest files first, with score 0.
    """
    join, where, params = _code_filter(code)
    total = db.execute(f"SELECT count(*) FROM fts {join} WHERE fts MATCH ? {where}", [folded, *params]).fetchone()[0]
    if not total:
        return 0, []
    if total > RANK_AT_MOST and 2 * total > db.execute("SELECT count(*) FROM docs").fetchone()[0]:
        rows = db.execute(f"SELECT fts.rowid, 0.0 FROM fts {join} WHERE fts MATCH ? {where} ORDER BY fts.rowid DESC LIMIT ?", [folded, *params, limit]).fetchall()
        return total, rows
    rows = db.execute(f"SELECT fts.rowid, {_SCORE} AS score FROM fts {join} WHERE fts MATCH ? {where} ORDER BY score DESC LIMIT ?", [match, *params, limit]).fetchall()
    return total, rows


def _together_first(
    db: sqlite3.Connection, rows: list[tuple[int, float]], words: tuple[str, ...], heads: dict[int, tuple[str, str]]
) -> tuple[list[tuple[int, float]], set[int]]:
    """`rows` re-ranked: a file with the words side by side, on a page or in its path or title
    (`heads`), scores PHRASE_BONUS times more (`hai long`: a plan about `sự hài lòng` above a list
    with `thứ Hai` and `Văn Long`). A page lookup each: FTS5 seeks in the file's range of pages."""
    pattern = side_by_side(words)
    phrase = f'"{" ".join(words)}"'
    ranked, together = [], set()
    for doc_id, score in rows:
        if pattern.search(fold(" ".join(heads.get(doc_id, ()))).lower()) or db.execute(
            "SELECT 1 FROM page_fts WHERE page_fts MATCH ? AND rowid BETWEEN ? AND ? LIMIT 1", (phrase, *_page_range(doc_id))
        ).fetchone():
            together.add(doc_id)
        ranked.append((doc_id, score * PHRASE_BONUS if doc_id in together else score))
    ranked.sort(key=lambda row: -row[1])
    return ranked, together


def _by_number(
    db: sqlite3.Connection, match: str | None, doc_key: str | None, doc_pattern: str | None, code: str | None, limit: int
) -> tuple[int, list[tuple[int, float]]]:
    """A document number: the number of files found and the best `limit` (id, score) rows, the
    file with that number first, then those whose number matches the pattern, then any whose
    words match."""
    parts, head = [], []
    if match is not None:
        parts.append(f"SELECT fts.rowid AS id, {_SCORE} AS score FROM fts WHERE fts MATCH ?")
        head.append(match)
    if doc_key:
        parts.append("SELECT id, ? AS score FROM docs WHERE doc_key = ?")
        head += [DOC_KEY_BONUS, doc_key]
    if doc_pattern:
        # One Python regex per numbered file: ~30 ms at 100,000 files.
        parts.append("SELECT id, ? AS score FROM docs WHERE doc_key IS NOT NULL AND key_matches(?, doc_key)")
        head += [DOC_KEY_BONUS / 2, doc_pattern]
    _, where, params = _code_filter(code)
    # bm25() cannot sit beside a window function: rank in a subquery, count over it.
    sql = (
        f"SELECT id, total_score, count(*) OVER () FROM (SELECT h.id AS id, sum(h.score) AS total_score "
        f"FROM ({' UNION ALL '.join(parts)}) h JOIN docs d ON d.id = h.id WHERE 1 {where} GROUP BY h.id) "
        "ORDER BY total_score DESC LIMIT ?"
    )
    rows = db.execute(sql, [*head, *params, limit]).fetchall()
    return (rows[0][2] if rows else 0), [(doc_id, score) for doc_id, score, _ in rows]


def _best_page(db: sqlite3.Connection, doc_id: int, terms: list[tuple[str, ...]]) -> int:
    """The 0-based page with the most of the query's words and phrases (the first such page).

    One lookup per word in the file's range of `page_fts` rows: FTS5 seeks there. (Ranking the
    pages with bm25 cost 1-6 ms per hit: it counts each word over the whole table first.)
    """
    first, last = _page_range(doc_id)
    found: dict[int, int] = {}
    for words in terms:
        for (rowid,) in db.execute("SELECT rowid FROM page_fts WHERE page_fts MATCH ? AND rowid BETWEEN ? AND ?", (f'"{" ".join(words)}"', first, last)):
            found[rowid] = found.get(rowid, 0) + 1
    if not found:
        return 0
    return max(found, key=lambda rowid: (found[rowid], -rowid)) - first


# --- the query language (store.parse_query), as an FTS5 MATCH expression --------------------------


def make_match(text: str, *, exact: bool = True) -> str | None:
    """The FTS5 MATCH expression for a user query, or None when it asks for nothing.

    Each word matches accent-folded, and also as written when `exact` (for ranking: the same
    files match either way, as a word as written is also there folded).
    """
    return parse_query(text, _MatchBuilder(exact))


class _MatchBuilder:
    def __init__(self, exact: bool):
        self.exact = exact

    def any_of(self, parts: list[str]) -> str:
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def all_of(self, required: list[str], excluded: list[str]) -> str:
        expr = required[0] if len(required) == 1 else "(" + " AND ".join(required) + ")"
        if excluded:
            expr = f"({expr} NOT {excluded[0] if len(excluded) == 1 else '(' + ' OR '.join(excluded) + ')'})"
        return expr

    def words(self, words: tuple[str, ...], prefix: bool) -> str:
        """A word or phrase, matched accent-folded (and as written), in the name, title or body."""
        written = " ".join(words)
        star = " *" if prefix else ""
        folded = f'{_FOLDED} : "{fold(written)}"{star}'
        return f'({_EXACT} : "{written}"{star} OR {folded})' if self.exact else folded


# --- writing ------------------------------------------------------------------------------------


def _fit(pages: tuple[str, ...]) -> tuple[str, ...]:
    """At most PAGE_SLOTS pages: a longer file's last slot takes the rest of its text."""
    if len(pages) <= PAGE_SLOTS:
        return pages
    return (*pages[: PAGE_SLOTS - 1], PAGE_BREAK.join(pages[PAGE_SLOTS - 1 :]))


def _write_failure(folder: Path, exc: BaseException) -> str:
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL:
        reason = "No space left on device"
    elif code is not None and code & 0xFF == sqlite3.SQLITE_READONLY:
        reason = "the folder is read-only"
    else:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return write_failure(folder, reason)


_INSERT_DOC = "INSERT INTO docs(path, name, title, pages, codes, doc_key) VALUES (?, ?, ?, ?, ?, ?)"
_INSERT_FTS = f"INSERT INTO fts(rowid, {', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)"
_DELETE_FTS = f"INSERT INTO fts(fts, rowid, {', '.join(COLUMNS)}) VALUES ('delete', ?, ?, ?, ?, ?, ?, ?)"
_INSERT_PAGE_FTS = "INSERT INTO page_fts(rowid, text_f) VALUES (?, ?)"
_DELETE_PAGE_FTS = "INSERT INTO page_fts(page_fts, rowid, text_f) VALUES ('delete', ?, ?)"


class SqliteTextWriter:
    """Adds, replaces and deletes documents in one transaction; readers see nothing before `commit()`.

    A failed write (disk full, folder read-only) raises IndexWriteError after rolling back, so
    the index stays as it was at the last commit and the next writer is not blocked.
    """

    def __init__(self, db: sqlite3.Connection, folder: Path):
        self._db = db
        self.folder = folder

    @contextmanager
    def _writing(self) -> Iterator[None]:
        if self._db is None:
            raise IndexWriteError(f"the index writer for {self.folder} was already closed")
        try:
            yield
        except (sqlite3.Error, OSError) as exc:
            self.cancel()
            raise IndexWriteError(_write_failure(self.folder, exc)) from exc

    def put(self, doc: StoredDoc, *, replace: bool = True) -> None:
        """Add or replace a file's document; `replace=False` skips looking for an old copy."""
        with self._writing():
            if replace:
                self._delete(doc.path)
            pages = _fit(doc.pages)
            row = (doc.path, doc.name, doc.title, len(pages), "," + ",".join(doc.codes) + ",", doc.doc_key or None)
            try:
                doc_id = self._db.execute(_INSERT_DOC, row).lastrowid
            except sqlite3.IntegrityError:  # told there was no old copy, but there is one
                self._delete(doc.path)
                doc_id = self._db.execute(_INSERT_DOC, row).lastrowid
            values, folded_pages = indexed_values(doc.name, doc.title, pages)
            first, _ = _page_range(doc_id)
            self._db.execute(_INSERT_FTS, (doc_id, *values))
            self._db.executemany("INSERT INTO pages(id, text) VALUES (?, ?)", zip(itertools.count(first), pages))
            self._db.executemany(_INSERT_PAGE_FTS, zip(itertools.count(first), folded_pages))

    def delete(self, paths: Iterable[str]) -> None:
        with self._writing():
            for path in paths:
                self._delete(path)

    def _delete(self, path: str) -> None:
        old = self._db.execute("SELECT id, name, title FROM docs WHERE path = ?", (path,)).fetchone()
        if old is None:
            return
        doc_id, name, title = old
        first, last = _page_range(doc_id)
        values, folded_pages = indexed_values(name, title, _page_texts(self._db, doc_id))
        self._db.execute(_DELETE_FTS, (doc_id, *values))
        self._db.executemany(_DELETE_PAGE_FTS, zip(itertools.count(first), folded_pages))
        self._db.execute("DELETE FROM pages WHERE id BETWEEN ? AND ?", (first, last))
        self._db.execute("DELETE FROM docs WHERE id = ?", (doc_id,))

    def optimize(self) -> None:
        """Merge each FTS5 table's segments into one: searches after a first index get 10-30%
        faster, for ~3 s per 10,000 files (measured), so `build_index` does it after a first index."""
        with self._writing():
            for table in ("fts", "page_fts"):
                self._db.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")

    def commit(self) -> None:
        with self._writing():
            self._db.execute("COMMIT")
        self._close()

    def cancel(self) -> None:
        """Drop everything since the writer began; never raises."""
        if self._db is None:
            return
        try:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # closing the connection rolls back too
        self._close()
        # The rolled-back pages stay in the WAL file, which only a checkpoint shrinks: after a
        # full disk they are the space the next run needs, and readers, read-only, cannot do it.
        # (From a new connection: the failed statement may still hold the old one.)
        try:
            db = _connect(self.folder / SQLITE_FILE, timeout=1.0)
            try:
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                db.close()
        except sqlite3.Error:
            pass

    abandon = cancel

    def _close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            db.close()
