"""The tantivy text engine, the default: the only module that imports tantivy (`store.py` picks).

tantivy (a Rust search library, through its Python binding) ranks with BM25 over compressed
posting lists and skips what cannot reach the top: at 10,000 files the benchmark's queries took
2-11 ms here in this engine against 2-61 ms in SQLite FTS5, which scores every match
(bench/RESULTS.md).

Two tantivy indexes in the text folder:
- files (the folder itself): one document per file: name, title and body, each as written and
  accent-folded, so `thu xin loi` finds `thư xin lỗi` while an exact-diacritic match adds to
  the score; its path, codes and document number to filter and to delete by;
- pages (`pages/`): one document per page, its text as written (stored) and folded (indexed),
  to name a hit's best page and show it without reading the file's other pages.
Each file's documents carry a number drawn at random when it is written (`uid`): a file's pages
are those with its uid, so pages written by a run killed between the two commits are never shown
(`sweep` deletes them after such a run; see TantivyTextWriter for the order of the commits).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import stat
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import tantivy

from .errors import IndexBusyError, IndexMissingError, IndexWriteError
from .models import StoredDoc, TextHit
from .procs import new_file_mode
from .store import INDEX_WORD, PHRASE_BONUS, folder_id, indexed_values, marked_words, parse_query, phrase_words, query_terms, swap_in, write_failure
from .vietnamese import fold, normalize

PAGES_DIR = "pages"
# Field weights: a match in the file name or title outranks one in the body; a match as written
# adds to the accent-folded one. In the order of store.indexed_values, which makes the values.
WEIGHTS = {"name": 2.0, "name_f": 1.5, "title": 2.0, "title_f": 1.5, "body": 1.5, "body_f": 1.0}
FOLDED_FIELDS = ("name_f", "title_f", "body_f")
# How much a match as written counts for a word typed without marks (see _QueryBuilder.words).
PLAIN_AS_WRITTEN = 0.2
# A word in the file's folders (`1.3 So dien thoai duong day nong/IMG_2034.jpg`): for a photo or
# a scan, often all that says what it shows; below any match in the file's own name or text.
FOLDER_WEIGHT = 0.5
# A file whose document number is the one typed comes first, whatever its words score.
DOC_KEY_BONUS = 1000.0
# The pages looked at to name each hit's best page: the matching pages of twenty files, at most.
PAGES_LOOKED_AT = 4000
# The pages of one file read to find a word typed with marks as written (see _pages_written).
PAGES_READ_FOR_A_WORD = 50
# Memory for each writer's in-memory segment: past it, tantivy writes a segment to disk.
WRITER_HEAP = 32_000_000
# tantivy's tokenizer: words are runs of letters and digits (store.INDEX_WORD), lower-cased.
# (It drops words over 40 bytes: no Vietnamese word is that long.)
_TOKENIZER = "default"
_MAX_WORD_BYTES = 40


def _files_schema() -> tantivy.Schema:
    schema = tantivy.SchemaBuilder()
    schema.add_text_field("path", stored=True, tokenizer_name="raw", fast=True)
    schema.add_unsigned_field("uid", stored=True, indexed=True, fast=True)
    schema.add_text_field("path_f", tokenizer_name=_TOKENIZER)  # folders and name, folded: searched at FOLDER_WEIGHT, and for the phrase bonus
    for field in WEIGHTS:
        schema.add_text_field(field, tokenizer_name=_TOKENIZER)
    schema.add_text_field("codes", tokenizer_name="raw", index_option="basic")
    schema.add_text_field("doc_key", tokenizer_name="raw", index_option="basic")
    schema.add_unsigned_field("pages", stored=True)
    return schema.build()


def _pages_schema() -> tantivy.Schema:
    schema = tantivy.SchemaBuilder()
    schema.add_unsigned_field("uid", indexed=True, fast=True)
    schema.add_unsigned_field("page", stored=True, indexed=True, fast=True)
    # Stored, not indexed (a text field would index the whole page as one term): UTF-8 bytes.
    schema.add_bytes_field("text", stored=True, indexed=False)
    schema.add_text_field("text_f", tokenizer_name=_TOKENIZER)
    return schema.build()


FILES_SCHEMA = _files_schema()
PAGES_SCHEMA = _pages_schema()


# The engine interface store.py calls.
def open_index(folder: Path) -> "TantivyTextIndex":
    return TantivyTextIndex(folder)


def create_index(folder: Path) -> "TantivyTextIndex":
    def make(fresh: Path) -> None:
        (fresh / PAGES_DIR).mkdir()
        # The pages index first: a folder with the files' meta.json is a finished index.
        for path, schema in ((fresh / PAGES_DIR, PAGES_SCHEMA), (fresh, FILES_SCHEMA)):
            writer = tantivy.Index(schema, path=str(path)).writer(15_000_000, 1)
            writer.commit()
            writer.wait_merging_threads()

    swap_in(Path(folder), make)
    _readable_by_others(Path(folder))
    return TantivyTextIndex(folder)


# tantivy writes its metadata through a private temp file (mode 0600): staff who search as
# themselves an index the watch service's account wrote could not open it.
_METADATA = ("meta.json", ".managed.json")


def _readable_by_others(folder: Path) -> None:
    """Give tantivy's metadata files the mode this process gives any new file."""
    mode = new_file_mode()
    for name in _METADATA:
        for path in (folder / name, folder / PAGES_DIR / name):
            try:
                if stat.S_IMODE(os.stat(path).st_mode) != mode:
                    os.chmod(path, mode)
            except OSError:
                pass  # not ours to change (another owner), or gone: readers say so themselves


class TantivyTextIndex:
    """The two tantivy indexes in `folder`; opened once per process, reloaded at each search."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._indexes: tuple[tantivy.Index, tantivy.Index] | None = None
        self._scratch: tempfile.TemporaryDirectory | None = None
        self._opened = None  # which folder (inode) they were opened in: a rebuild swaps in another

    def _open(self) -> tuple[tantivy.Index, tantivy.Index]:
        if self._indexes is not None and folder_id(self.folder) != self._opened:
            self.close()  # `index --rebuild` put a new index here
        if self._indexes is None:
            self._opened = folder_id(self.folder)
            try:
                try:
                    self._indexes = _open_both(self.folder)
                except ValueError as exc:
                    if not _cannot_write(exc):
                        raise
                    self._indexes = _open_both(self._copy())
            except (ValueError, OSError) as exc:
                raise IndexMissingError(f"cannot open the search index in {self.folder} ({exc}): run `minhchung index --rebuild`") from exc
        return self._indexes

    def _copy(self) -> Path:
        """A private copy of an index this process may not write to (a reviewer's read-only share):
        tantivy takes a lock file even to read. Deleted when the process ends."""
        if self._scratch is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="minhchung-readonly-")
        copy = Path(self._scratch.name) / str(len(os.listdir(self._scratch.name)))
        shutil.copytree(self.folder, copy, ignore=shutil.ignore_patterns(".tantivy-*.lock"))
        return copy

    def _searchers(self) -> tuple[tantivy.Searcher, tantivy.Searcher]:
        """Searchers over the last commit (another process, or this one, may have written since)."""
        files, pages = self._open()
        files.reload()
        pages.reload()
        return files.searcher(), pages.searcher()

    def writer(self, wait: float = 60.0) -> "TantivyTextWriter":
        """A batch writer; waits up to `wait` seconds for another writer to finish."""
        files, pages = self._open()
        deadline = time.monotonic() + wait
        while True:
            try:
                return TantivyTextWriter(self.folder, files, pages)
            except IndexBusyError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.1)

    @contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except IndexMissingError:
            raise
        except BaseException as exc:
            # A damaged segment (a disk error, a copy cut short) shows as ValueError, or as a
            # panic in tantivy, which pyo3 raises as a BaseException: either way, rebuild.
            if not isinstance(exc, (ValueError, OSError)) and type(exc).__name__ != "PanicException":
                raise
            raise IndexMissingError(f"the search index in {self.folder} cannot be read ({exc}): run `minhchung index --rebuild`") from exc

    def doc_count(self) -> int:
        with self._reading():
            return self._searchers()[0].num_docs

    def paths(self) -> set[str]:
        """The path of every document, to check the index against the catalog."""
        with self._reading():
            files, _ = self._searchers()
            total = files.num_docs
            if not total:
                return set()
            # A fast field's value comes back as the sort key: no stored document is read.
            result = files.search(tantivy.Query.all_query(), total, count=False, order_by_field="path")
            return {key for key, _ in result.hits}

    def sweep(self) -> None:
        """Delete the pages of no file, left by a run killed during a commit (see TantivyTextWriter)."""
        files, pages = self._searchers()
        orphans = _uids(pages) - _uids(files)
        if orphans:
            writer = self.writer()
            writer.drop_pages(orphans)
            writer.commit()

    def search(
        self, text: str, *, code: str | None = None, doc_key: str | None = None, doc_pattern: str | None = None, limit: int = 20
    ) -> tuple[int, list[TextHit]]:
        """Run a user query: (total, hits best first, each with its best page)."""
        with self._reading():
            return self._search(text, code, doc_key, doc_pattern, limit)

    def _search(self, text: str, code: str | None, doc_key: str | None, doc_pattern: str | None, limit: int) -> tuple[int, list[TextHit]]:
        match = parse_query(text, _QueryBuilder())
        if match is None and not doc_key and not doc_pattern:
            return 0, []
        files, pages = self._searchers()
        words = phrase_words(text) if match is not None else None
        # A number's own words (`QĐ`) have marks too: the number decides there.
        marked = marked_words(text) if match is not None and not doc_key and not doc_pattern else ()
        # Words typed together rank higher where they stand together, words typed with marks where
        # they are written so; checked on the best few.
        window = max(3 * limit, 60) if marked else max(3 * limit, 30) if words else limit
        clauses = []
        # A file numbered so ranks first; one whose number starts so (or lacks only the year) next.
        by_number = []
        if doc_key:
            by_number.append(_const(_term("doc_key", doc_key), DOC_KEY_BONUS))
        if doc_pattern:
            by_number.append(_const(tantivy.Query.regex_query(FILES_SCHEMA, "doc_key", doc_pattern), DOC_KEY_BONUS / 2))
        clauses.append((tantivy.Occur.Must, _any(([match] if match is not None else []) + by_number)))
        if code:
            clauses.append((tantivy.Occur.Must, _const(_term("codes", code if "." in code else f"{code}."), 0.0)))
        result = files.search(tantivy.Query.boolean_query(clauses), window, count=True)
        if not result.hits:
            return result.count or 0, []
        addresses = [address for _, address in result.hits]
        rows = list(zip((score for score, _ in result.hits), files.fast_field_values("uid", addresses), addresses))
        together: set[int] = set()
        if words:
            rows, together = _together_first(files, rows, words)
        written = _written(files, rows, marked[0]) if marked else set()
        rows.sort(key=lambda row: row[1] not in written)  # stable: in score order within each
        rows = rows[:limit]
        best = _best_pages(pages, [uid for _, uid, _ in rows], query_terms(text))
        if marked:
            best.update(_pages_written(files, pages, best, [uid for _, uid, _ in rows if uid in written], marked[0]))
        return result.count, [
            TextHit(files.doc(address).get_first("path"), score, *best.get(uid, (0, "")), together=uid in together, written=uid in written)
            for score, uid, address in rows
        ]

    def pages(self, path: str) -> tuple[str, ...]:
        """The stored page texts of one file; () when the index has no document for it."""
        with self._reading():
            return self._pages(path)

    def _pages(self, path: str) -> tuple[str, ...]:
        files, pages = self._searchers()
        hits = files.search(_term("path", path), 1, count=False).hits
        if not hits:
            return ()
        file = files.doc(hits[0][1])
        if not file.get_first("pages"):
            return ()
        found = pages.search(_term("uid", file.get_first("uid"), PAGES_SCHEMA), file.get_first("pages"), count=False).hits
        stored = [pages.doc(address) for _, address in found]
        return tuple(_page_text(doc) for doc in sorted(stored, key=lambda doc: doc.get_first("page")))

    def close(self) -> None:
        self._indexes = None  # tantivy closes the files when the objects go


def _open_both(folder: Path) -> tuple[tantivy.Index, tantivy.Index]:
    files = tantivy.Index.open(str(folder))
    pages = tantivy.Index.open(str(folder / PAGES_DIR))
    for index in (files, pages):
        index.config_reader("Manual", 0)  # reloaded at each search: no watcher thread needed
    return files, pages


def _cannot_write(exc: BaseException) -> bool:
    return "ReadOnlyFilesystem" in str(exc) or "PermissionDenied" in str(exc)


def _term(field: str, value, schema: tantivy.Schema = FILES_SCHEMA) -> tantivy.Query:
    return tantivy.Query.term_query(schema, field, value)


def _const(query: tantivy.Query, score: float) -> tantivy.Query:
    return tantivy.Query.const_score_query(query, score)


def _any(parts: list[tantivy.Query]) -> tantivy.Query:
    return parts[0] if len(parts) == 1 else tantivy.Query.boolean_query([(tantivy.Occur.Should, p) for p in parts])


def _uids(searcher: tantivy.Searcher) -> set[int]:
    """Every uid in an index (a fast field's value comes back as the sort key)."""
    total = searcher.num_docs
    if not total:
        return set()
    return {key for key, _ in searcher.search(tantivy.Query.all_query(), total, count=False, order_by_field="uid").hits}


def _of_files(uids: Iterable[int], schema: tantivy.Schema) -> tantivy.Query:
    """The documents of these files, as a union of term queries: it seeks, where a term set
    builds a bitset of the whole index (a few files among 10,000: 1.5 ms against 19)."""
    return _any([_term("uid", uid, schema) for uid in uids])


class _QueryBuilder:
    """store.parse_query's parts as a tantivy query over the six ranked fields."""

    def any_of(self, parts: list) -> tantivy.Query:
        return _any(parts)

    def all_of(self, required: list, excluded: list) -> tantivy.Query:
        if len(required) == 1 and not excluded:
            return required[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in required] + [(tantivy.Occur.MustNot, q) for q in excluded])

    def words(self, words: tuple[str, ...], prefix: bool) -> tantivy.Query:
        """A word or phrase in the name, title or body, as written or accent-folded."""
        folded = tuple(fold(w) for w in words)
        # Typed with its marks (`Tâm`), a word as written counts fully; typed without (`Tam`), it
        # only breaks ties: many type without marks, and `hai long` means `hài lòng` more often
        # than `thứ Hai` and `Văn Long`.
        as_written = 1.0 if folded != words else PLAIN_AS_WRITTEN
        parts = []
        for field, weight in WEIGHTS.items():
            if field in FOLDED_FIELDS:
                parts.append(tantivy.Query.boost_query(_field_words(FILES_SCHEMA, field, folded, prefix), weight))
            else:
                parts.append(tantivy.Query.boost_query(_field_words(FILES_SCHEMA, field, words, prefix), weight * as_written))
        # Folders are kept folded only; a word typed with its marks adds for them what a match as
        # written adds elsewhere, or a photo in `4.1 Cảnh quan trụ sở/` fell below every report
        # that mentions the words once, though typed without marks it came first.
        parts.append(tantivy.Query.boost_query(_field_words(FILES_SCHEMA, "path_f", folded, prefix), FOLDER_WEIGHT * (1 + as_written)))
        return _any(parts)


def _field_words(schema: tantivy.Schema, field: str, words: tuple[str, ...], prefix: bool = False) -> tantivy.Query:
    words = tuple(w for w in words if len(w.encode()) <= _MAX_WORD_BYTES) or words[:1]
    if prefix:
        return tantivy.Query.phrase_prefix_query(schema, field, list(words))
    if len(words) == 1:
        return tantivy.Query.term_query(schema, field, words[0])
    return tantivy.Query.phrase_query(schema, field, list(words))


def _together_first(
    files: tantivy.Searcher, rows: list[tuple[float, int, tantivy.DocAddress]], words: tuple[str, ...]
) -> tuple[list[tuple[float, int, tantivy.DocAddress]], set[int]]:
    """`rows` (score, uid, address) re-ranked: a file with the words side by side, in its text,
    title or path, scores PHRASE_BONUS times more (`hai long`: a plan about `sự hài lòng`
    above a list with `thứ Hai` and `Văn Long`). One query for all of them."""
    # One conjunction per field, each led by the few files: a conjunction with a union of phrases
    # checked the phrase in every file of the index (19 ms for `ủy ban nhân dân phường` at
    # 10,000 files, 1.5 ms so).
    among = _of_files((uid for _, uid, _ in rows), FILES_SCHEMA)
    phrase = _any([
        tantivy.Query.boolean_query([(tantivy.Occur.Must, among), (tantivy.Occur.Must, _field_words(FILES_SCHEMA, field, words))])
        for field in (*FOLDED_FIELDS, "path_f")
    ])
    result = files.search(phrase, len(rows), count=False)
    together = set(files.fast_field_values("uid", [address for _, address in result.hits]))
    ranked = [(score * PHRASE_BONUS if uid in together else score, uid, address) for score, uid, address in rows]
    ranked.sort(key=lambda row: -row[0])
    return ranked, together


def _written(files: tantivy.Searcher, rows: list[tuple[float, int, tantivy.DocAddress]], word: str) -> set[int]:
    """The files of `rows` (uid) that hold the word typed with marks as written (name, title, text
    or folders). They rank first: a short name's `tháng` or `làm` outscored a long report's one
    `Thắng` or `Lâm` (BM25 weighs a word by its field's length, not by its marks)."""
    among = _of_files((uid for _, uid, _ in rows), FILES_SCHEMA)
    as_written = _any([_term(field, word) for field in WEIGHTS if field not in FOLDED_FIELDS])
    hits = files.search(tantivy.Query.boolean_query([(tantivy.Occur.Must, among), (tantivy.Occur.Must, as_written)]), len(rows), count=False).hits
    holding = set(files.fast_field_values("uid", [address for _, address in hits]))
    # Folders are indexed folded only: a photo in `4.1 Cảnh quan trụ sở/` holds the words there.
    for _, uid, address in rows:
        if uid not in holding and word in INDEX_WORD.findall(normalize(files.doc(address).get_first("path") or "").lower()):
            holding.add(uid)
    return holding


def _pages_written(
    files: tantivy.Searcher, pages: tantivy.Searcher, best: dict[int, tuple[int, str]], uids: list[int], word: str
) -> dict[int, tuple[int, str]]:
    """For the files (uid) holding `word` as written in their text whose best page does not: their
    first page that does. `Thắng` named page 1 of a 15-page report, full of `tháng`, not its
    signature. Only the pages holding the word folded are read, in order, PAGES_READ_FOR_A_WORD
    at most a file: a review's 400-page files named `Thắng` in a folder took 1.5 s a search."""
    spelled = re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])")
    doubted = [uid for uid in uids if uid in best and not spelled.search(normalize(best[uid][1]).lower())]
    if not doubted:
        return {}
    in_text = tantivy.Query.boolean_query([(tantivy.Occur.Must, _of_files(doubted, FILES_SCHEMA)), (tantivy.Occur.Must, _term("body", word))])
    holding = set(files.fast_field_values("uid", [address for _, address in files.search(in_text, len(doubted), count=False).hits]))
    found: dict[int, tuple[int, str]] = {}
    for uid in (u for u in doubted if u in holding):
        query = tantivy.Query.boolean_query([(tantivy.Occur.Must, _term("uid", uid, PAGES_SCHEMA)), (tantivy.Occur.Must, _term("text_f", fold(word), PAGES_SCHEMA))])
        addresses = [address for _, address in pages.search(query, PAGES_LOOKED_AT, count=False).hits]
        numbered = sorted(zip(pages.fast_field_values("page", addresses), range(len(addresses))))
        for page, i in numbered[:PAGES_READ_FOR_A_WORD]:
            text = _page_text(pages.doc(addresses[i]))
            if spelled.search(normalize(text).lower()):
                found[uid] = (page, text)
                break
    return found


def _best_pages(pages: tantivy.Searcher, uids: list[int], terms: list[tuple[str, ...]]) -> dict[int, tuple[int, str]]:
    """For each file (uid): the 0-based page with the most of the query's words and phrases (the
    first such page, page 0 when none has any) and its text. Two queries for all the files."""
    of_files = _const(_of_files(uids, PAGES_SCHEMA), 0.0)
    best: dict[int, tuple[float, int, tantivy.DocAddress]] = {}
    if terms:
        # Each word or phrase on a page adds 1: a page's score is how many of them it has.
        any_term = _any([_const(_field_words(PAGES_SCHEMA, "text_f", words), 1.0) for words in terms])
        query = tantivy.Query.boolean_query([(tantivy.Occur.Must, of_files), (tantivy.Occur.Must, any_term)])
        hits = pages.search(query, PAGES_LOOKED_AT, count=False).hits
        addresses = [address for _, address in hits]
        for (score, address), uid, page in zip(hits, pages.fast_field_values("uid", addresses), pages.fast_field_values("page", addresses)):
            if uid not in best or (score, -page) > (best[uid][0], -best[uid][1]):
                best[uid] = (score, page, address)
    first_pages = [uid for uid in uids if uid not in best]
    if first_pages:
        query = tantivy.Query.boolean_query([
            (tantivy.Occur.Must, _const(_of_files(first_pages, PAGES_SCHEMA), 0.0)),
            (tantivy.Occur.Must, _term("page", 0, PAGES_SCHEMA)),
        ])
        hits = pages.search(query, len(first_pages), count=False).hits
        for uid, (_, address) in zip(pages.fast_field_values("uid", [a for _, a in hits]), hits):
            best[uid] = (0.0, 0, address)
    return {uid: (page, _page_text(pages.doc(address))) for uid, (_, page, address) in best.items()}


def _page_text(doc: tantivy.Document) -> str:
    return bytes(doc.get_first("text") or b"").decode("utf-8", "surrogatepass")


# --- writing ------------------------------------------------------------------------------------


def _failure(folder: Path, exc: BaseException) -> str:
    message = str(exc)
    if "No space left" in message or "os error 28" in message:
        reason = "No space left on device"
    elif "Read-only file system" in message or "Permission denied" in message or "os error 30" in message or "os error 13" in message:
        reason = "the folder is read-only"
    else:
        reason = message or type(exc).__name__
    return write_failure(folder, reason)


def _open_writer(folder: Path, index: tantivy.Index) -> tantivy.IndexWriter:
    try:
        return index.writer(WRITER_HEAP, 1)
    except ValueError as exc:
        if "LockBusy" in str(exc) or "lock" in str(exc).lower():
            raise IndexBusyError(f"{folder} là chỉ mục đang được tiến trình khác ghi: thử lại sau (the index is being written by another process; try again later)") from exc
        raise IndexWriteError(_failure(folder, exc)) from exc


class TantivyTextWriter:
    """Adds, replaces and deletes documents; readers see nothing before `commit()`.

    A commit writes the pages index, then the files index, then deletes the pages of the files
    replaced or deleted: killed at any point, every file in the files index still has its pages
    (a moved file's text is read from them), and pages of no file are never shown (`sweep`
    removes them). A failed write (disk full, folder read-only) raises IndexWriteError after
    rolling back, and the index stays as it was at the last commit.
    """

    def __init__(self, folder: Path, files: tantivy.Index, pages: tantivy.Index):
        self.folder = folder
        self._files = _open_writer(folder, files)
        try:
            self._pages = _open_writer(folder, pages)
        except BaseException:
            _release(self._files)
            raise
        self._closed = False
        files.reload()  # what was committed before this writer took the lock
        self._committed = files.searcher()
        self._added: dict[str, int] = {}  # path -> uid written in this batch
        self._dead: set[int] = set()  # uids whose pages go once the files index is committed

    @contextmanager
    def _writing(self) -> Iterator[None]:
        if self._closed:
            raise IndexWriteError(f"the index writer for {self.folder} was already closed")
        try:
            yield
        except (ValueError, OSError) as exc:
            self.cancel()
            raise IndexWriteError(_failure(self.folder, exc)) from exc

    def put(self, doc: StoredDoc, *, replace: bool = True) -> None:
        """Add or replace a file's document; `replace=False` skips looking for an old copy."""
        with self._writing():
            if replace or doc.path in self._added:
                self._delete(doc.path)
            uid = random.getrandbits(63)
            values, folded_pages = indexed_values(doc.name, doc.title, doc.pages)
            file = tantivy.Document(path=doc.path, path_f=fold(normalize(doc.path)), **dict(zip(WEIGHTS, values)))
            file.add_unsigned("uid", uid)
            file.add_unsigned("pages", len(doc.pages))
            for code in doc.codes:
                file.add_text("codes", code)
                if "." in code:
                    file.add_text("codes", code.split(".", 1)[0] + ".")  # `--code 1`: any of criterion 1's
            if doc.doc_key:
                file.add_text("doc_key", doc.doc_key)
            for number, (shown, folded) in enumerate(zip(doc.pages, folded_pages)):
                page = tantivy.Document(text_f=folded)
                page.add_bytes("text", shown.encode("utf-8", "surrogatepass"))
                page.add_unsigned("uid", uid)
                page.add_unsigned("page", number)
                self._pages.add_document(page)
            self._files.add_document(file)
            self._added[doc.path] = uid

    def delete(self, paths: Iterable[str]) -> None:
        with self._writing():
            for path in paths:
                self._delete(path)

    def _delete(self, path: str) -> None:
        hits = self._committed.search(_term("path", path), 10, count=False).hits
        self._dead.update(self._committed.fast_field_values("uid", [address for _, address in hits]))
        if path in self._added:
            self._dead.add(self._added.pop(path))
        # Applied at commit to what was added before: a put after it in the same batch stays.
        self._files.delete_documents_by_term("path", path)

    def drop_pages(self, uids: Iterable[int]) -> None:
        """Delete the pages of these uids (no file has them) at the next commit."""
        with self._writing():
            self._dead.update(uids)

    def optimize(self) -> None:
        """Nothing to do: tantivy merges segments in the background as it writes."""
        with self._writing():
            pass

    def commit(self) -> None:
        with self._writing():
            self._pages.commit()
            self._files.commit()
            if self._dead:
                for uid in self._dead:
                    self._pages.delete_documents_by_query(_term("uid", uid, PAGES_SCHEMA))
                self._pages.commit()
        self._close()
        _readable_by_others(self.folder)

    def cancel(self) -> None:
        """Drop everything since the last commit; never raises."""
        if self._closed:
            return
        for writer in (self._pages, self._files):
            try:
                writer.rollback()
                # A write cut short (disk full) leaves its segment files: they are the room the next run needs.
                writer.garbage_collect_files()
            except Exception:
                pass
        self._close()

    abandon = cancel

    def _close(self) -> None:
        self._closed = True
        for writer in (self._pages, self._files):
            _release(writer)


def _release(writer: tantivy.IndexWriter) -> None:
    """Let the writer go: waiting for its merges releases the index's lock file."""
    try:
        writer.wait_merging_threads()
    except Exception:
        pass
