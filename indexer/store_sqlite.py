"""The SQLite FTS5 text engine, the default: matching and BM25 ranking run in C.

One row per file in `docs` (its texts as written, page texts joined by form feeds, its codes)
and one in the FTS5 table `fts`, indexed twice over: as written and accent-folded, so `thu xin
loi` finds `thư xin lỗi` while an exact-diacritic match adds to the score and ranks first. The
FTS5 table is contentless (the text is kept once, in `docs`); a document is deleted by giving
FTS5 the same values again, re-made from `docs` by the same `normalize` and `fold`, which is
why changing either bumps `store.SCHEMA_VERSION`. `docs` and `fts` change in one transaction:
a killed writer leaves the last commit, whole.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator
from urllib.request import pathname2url

from .errors import IndexBusyError, IndexMissingError, IndexWriteError
from .models import StoredDoc
from .store import PAGE_BREAK, SQLITE_FILE, folder_id, rerank_phrases, rerank_window, swap_in
from .vietnamese import fold, normalize

# Column weights for bm25(), in the table's column order: a match in the file name or title
# outranks one in the body; a match as written adds to the accent-folded one.
COLUMNS = ("name", "name_f", "title", "title_f", "body", "body_f")
WEIGHTS = (2.0, 1.5, 2.0, 1.5, 1.5, 1.0)
_EXACT, _FOLDED = "{name title body}", "{name_f title_f body_f}"
_SCORE = f"-bm25(fts, {', '.join(map(str, WEIGHTS))})"
# A file whose document number is the one typed comes first, whatever its words score.
DOC_KEY_BONUS = 1000.0

_SCHEMA = f"""
CREATE TABLE docs(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    codes TEXT NOT NULL,          -- ',1.3,2.1,': a code filter is one instr()
    doc_key TEXT
);
CREATE INDEX docs_by_key ON docs(doc_key) WHERE doc_key IS NOT NULL;
CREATE VIRTUAL TABLE fts USING fts5({', '.join(COLUMNS)}, content='', tokenize='unicode61 remove_diacritics 0');
"""


# The engine interface store.py calls.
def index_exists(folder: Path) -> bool:
    return (Path(folder) / SQLITE_FILE).is_file()


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
    # mode=rw: a missing index is an error, not a new empty database made by the reader.
    db = sqlite3.connect(f"file:{pathname2url(str(path))}?mode=rw", uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA synchronous=NORMAL")  # with WAL: a power cut may lose the last commit, never corrupt
    return db


_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CANTOPEN}


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
                self._db = _connect(self.folder / SQLITE_FILE, timeout=10.0)
            except sqlite3.Error as exc:
                raise IndexMissingError(f"cannot open the search index in {self.folder} ({exc}): run `minhchung index --rebuild`") from exc
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
                raise IndexBusyError(f"the index in {self.folder} is being written by another process; try again later") from exc
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

    def search(self, text: str, *, code: str | None = None, doc_key: str | None = None, limit: int = 20) -> tuple[int, list[tuple[str, float, tuple[str, ...]]]]:
        """Run a user query: (total, [(path, score, page texts)]) best first."""
        match = make_match(text)
        if match is None and not doc_key:
            return 0, []
        window = rerank_window(text, limit)
        sql, params = _ranking_sql(match, doc_key, code, window)
        with self._reading() as db:
            rows = db.execute(sql, params).fetchall()
            if not rows:
                return 0, []
            ids = [row[0] for row in rows]
            stored = {i: (path, content) for i, path, content in db.execute(f"SELECT id, path, content FROM docs WHERE id IN ({','.join('?' * len(ids))})", ids)}
        return rows[0][2], rerank_phrases(text, [(stored[i][0], score, stored[i][1]) for i, score, _ in rows], limit)

    def pages(self, path: str) -> tuple[str, ...]:
        """The stored page texts of one file; () when the index has no document for it."""
        with self._reading() as db:
            row = db.execute("SELECT content FROM docs WHERE path = ?", (path,)).fetchone()
        return tuple(row[0].split(PAGE_BREAK)) if row else ()

    def close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            db.close()


def _ranking_sql(match: str | None, doc_key: str | None, code: str | None, window: int) -> tuple[str, list]:
    """The query for the best `window` (id, score, total matches) rows."""
    where, params = [], []
    if code:
        # `1.3` is that sub-criterion; `1` is any of criterion 1's.
        where.append("instr(d.codes, ?) > 0")
        params.append(f",{code}," if "." in code else f",{code}.")
    filt = f"AND {' AND '.join(where)}" if where else ""
    if not doc_key:
        # bm25() cannot sit beside a window function: rank in a subquery, count over it.
        sql = (
            f"SELECT id, score, count(*) OVER () FROM (SELECT fts.rowid AS id, {_SCORE} AS score FROM fts "
            + (f"JOIN docs d ON d.id = fts.rowid WHERE fts MATCH ? {filt}" if where else "WHERE fts MATCH ?")
            + ") ORDER BY score DESC LIMIT ?"
        )
        return sql, [match, *params, window]
    # A document number: the file with that number, and any whose words match.
    parts, head = [], []
    if match is not None:
        parts.append(f"SELECT rowid AS id, {_SCORE} AS score FROM fts WHERE fts MATCH ?")
        head.append(match)
    parts.append("SELECT id, ? AS score FROM docs WHERE doc_key = ?")
    head += [DOC_KEY_BONUS, doc_key]
    sql = (
        f"SELECT id, total_score, count(*) OVER () FROM (SELECT h.id AS id, sum(h.score) AS total_score "
        f"FROM ({' UNION ALL '.join(parts)}) h JOIN docs d ON d.id = h.id WHERE 1 {filt} GROUP BY h.id) "
        "ORDER BY total_score DESC LIMIT ?"
    )
    return sql, [*head, *params, window]


# --- the query language -------------------------------------------------------------------------
# What staff type: words (all must match), "quoted phrases", OR, NOT, (groups), and a trailing *
# for a prefix. Anything else is text: `Số: 91/KH-UBND`, `(2026)` or `^` never make a syntax error.

_QUERY_TOKEN = re.compile(r'"([^"]*)"?|([()])|([^\s()"]+)')
_WORD = re.compile(r"\w+")
_AND, _OR, _NOT = "AND", "OR", "NOT"
_OPERATOR_WORDS = {"AND": _AND, "OR": _OR, "NOT": _NOT, "ANDNOT": _NOT, "ANDMAYBE": _AND}


def make_match(text: str) -> str | None:
    """The FTS5 MATCH expression for a user query, or None when it asks for nothing."""
    tokens = []
    for phrase, paren, bare in _QUERY_TOKEN.findall(normalize(text)):
        if paren:
            tokens.append(paren)
        elif bare in _OPERATOR_WORDS:
            tokens.append(_OPERATOR_WORDS[bare])
        else:
            words = tuple(w.lower() for w in _WORD.findall(phrase or bare))
            if words:
                tokens.append((words, bool(bare) and bare.endswith("*")))
    return _Parser(tokens).parse()


class _Parser:
    """Recursive descent over the tokens, forgiving: a stray operator or parenthesis is skipped."""

    def __init__(self, tokens: list):
        self.tokens, self.at = tokens, 0

    def peek(self):
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def parse(self) -> str | None:
        parts = []
        while self.peek() is not None:
            parts.append(self.any_of())
            if self.peek() == ")":  # unbalanced: skip it
                self.at += 1
        return _all_of([p for p in parts if p], [])

    def any_of(self) -> str | None:
        parts = [self.all_of()]
        while self.peek() == _OR:
            self.at += 1
            parts.append(self.all_of())
        parts = [p for p in parts if p]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def all_of(self) -> str | None:
        required, excluded = [], []
        while (token := self.peek()) not in (None, ")", _OR):
            self.at += 1
            if token == _AND:
                continue
            if token == _NOT:
                if self.peek() in (None, ")", _OR, _AND, _NOT):
                    continue
                excluded.append(self.one())
            else:
                self.at -= 1
                required.append(self.one())
        return _all_of([r for r in required if r], [e for e in excluded if e])

    def one(self) -> str | None:
        token = self.tokens[self.at]
        self.at += 1
        if token == "(":
            inner = self.any_of()
            if self.peek() == ")":
                self.at += 1
            return inner
        if isinstance(token, tuple):
            return _words(*token)
        return None  # an operator where a word should be


def _all_of(required: list[str], excluded: list[str]) -> str | None:
    if not required:
        return None  # `NOT x` alone: FTS5 cannot list everything but x, and nobody means that
    expr = required[0] if len(required) == 1 else "(" + " AND ".join(required) + ")"
    if excluded:
        expr = f"({expr} NOT {excluded[0] if len(excluded) == 1 else '(' + ' OR '.join(excluded) + ')'})"
    return expr


def _words(words: tuple[str, ...], prefix: bool) -> str:
    """A word or phrase, matched as written or accent-folded, in the name, title or body."""
    exact = " ".join(words)
    star = " *" if prefix else ""
    return f'({_EXACT} : "{exact}"{star} OR {_FOLDED} : "{fold(exact)}"{star})'


# --- writing ------------------------------------------------------------------------------------


def _indexed(name: str, title: str, content: str) -> tuple[str, ...]:
    """The six column values of a document, in the one tone-mark style queries are also put in."""
    n, t, b = normalize(name), normalize(title), normalize(content)
    return n, fold(n), t, fold(t), b, fold(b)


def _write_failure(folder: Path, exc: BaseException) -> str:
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL:
        reason = "No space left on device"
    elif code is not None and code & 0xFF == sqlite3.SQLITE_READONLY:
        reason = "the folder is read-only"
    else:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return (
        f"could not write the index in {folder} ({reason}); the previous index is still usable: "
        "free some space (or fix the permissions) and run index again"
    )


_INSERT_FTS = f"INSERT INTO fts(rowid, {', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)"
_DELETE_FTS = f"INSERT INTO fts(fts, rowid, {', '.join(COLUMNS)}) VALUES ('delete', ?, ?, ?, ?, ?, ?, ?)"


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
            content = PAGE_BREAK.join(doc.pages)
            row = (doc.path, doc.name, doc.title, content, "," + ",".join(doc.codes) + ",", doc.doc_key or None)
            try:
                cur = self._db.execute("INSERT INTO docs(path, name, title, content, codes, doc_key) VALUES (?, ?, ?, ?, ?, ?)", row)
            except sqlite3.IntegrityError:  # told there was no old copy, but there is one
                self._delete(doc.path)
                cur = self._db.execute("INSERT INTO docs(path, name, title, content, codes, doc_key) VALUES (?, ?, ?, ?, ?, ?)", row)
            self._db.execute(_INSERT_FTS, (cur.lastrowid, *_indexed(doc.name, doc.title, content)))

    def delete(self, paths: Iterable[str]) -> None:
        with self._writing():
            for path in paths:
                self._delete(path)

    def _delete(self, path: str) -> None:
        old = self._db.execute("SELECT id, name, title, content FROM docs WHERE path = ?", (path,)).fetchone()
        if old is None:
            return
        doc_id, name, title, content = old
        self._db.execute(_DELETE_FTS, (doc_id, *_indexed(name, title, content)))
        self._db.execute("DELETE FROM docs WHERE id = ?", (doc_id,))

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

    abandon = cancel

    def _close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            db.close()
