"""The Whoosh text engine: the only module that imports whoosh (`store.py` picks the engine).

Kept beside the default SQLite FTS5 engine so the benchmark can compare them on the same folder
(`python bench/run.py --engine whoosh`) and a ward can still build one (`index --engine whoosh`).
One Whoosh document per file: the file name, the title and the body, each twice: as written
(lowercased) and accent-folded, so `thu xin loi` finds `thư xin lỗi` while an exact-diacritic
match still ranks first. Text is normalised (NFC, one tone-mark style) before it gets here.
Page texts are stored joined by form feeds so a hit can name its page.
"""

from __future__ import annotations

import re
import time
from itertools import groupby
from pathlib import Path
from typing import Iterable

from whoosh import index as whoosh_index
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Positions
from whoosh.index import TOC, LockError, clean_files
from whoosh.qparser import AndGroup, MultifieldParser, plugins
from whoosh.query import ConstantScoreQuery, Or, Prefix, Regex, Term
from whoosh.scoring import BM25F

from .errors import IndexBusyError, IndexWriteError
from .models import StoredDoc, TextHit
from .store import PAGE_BREAK, PHRASE_BONUS, best_page, folder_id, phrase_words, query_terms, shallow, side_by_side, swap_in, with_phone_words, write_failure
from .vietnamese import fold, normalize

# Words are runs of letters and digits; Vietnamese one-letter syllables (ở, ý) are kept.
_TOKEN = r"\w+"


class FoldFilter(Filter):
    """Accent folding (ấ -> a, đ -> d) as a whoosh filter; input must already be NFC."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = fold(t.text)
            yield t


def exact_analyzer():
    return RegexTokenizer(_TOKEN) | LowercaseFilter()


def folded_analyzer():
    return RegexTokenizer(_TOKEN) | LowercaseFilter() | FoldFilter()


_TOKEN_RE = re.compile(_TOKEN)


def exact_words(text: str) -> list[str]:
    """The words `exact_analyzer` makes of `text`, computed in C (findall, lower) for indexing."""
    return [w.lower() for w in _TOKEN_RE.findall(text)]


def folded_words(words: list[str]) -> list[str]:
    """`folded_analyzer`'s words from `exact_words`' (fold keeps one character per character)."""
    return fold("\x1f".join(words)).split("\x1f") if words else []


class PreTokenizedPositions(Positions):
    """Whoosh's Positions format, with a fast path for a value given as a list of words.

    Whoosh analyses text through a chain of Python generators, one call per token per filter:
    that made the index writer the slowest stage of `index`. Documents are put as word lists
    (see `exact_words`) and counted here in one loop; queries still go through the analyzers,
    which produce the same words (tests/test_store_whoosh.py checks it).
    """

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(value, list):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        # A stable sort of the positions by word, in C, then one step per distinct word (not
        # per token): positions come out grouped by word and ascending, as whoosh wants them.
        word_at = value.__getitem__
        boost = self.field_boost
        encode = self.encode
        for word, group in groupby(sorted(range(len(value)), key=word_at), key=word_at):
            found = list(group)
            yield (word, len(found), len(found) * boost, encode(found))

    def encode(self, poslist):
        if len(poslist) == 1 and poslist[0] < _SINGLE_CACHE_LIMIT:
            # Most words occur once: their encodings repeat from document to document.
            cached = _single_position.get(poslist[0])
            if cached is None:
                cached = _single_position[poslist[0]] = super().encode(poslist)
            return cached
        return super().encode(poslist)


_SINGLE_CACHE_LIMIT = 1 << 16
_single_position: dict[int, bytes] = {}


def _text(analyzer, field_boost: float) -> TEXT:
    field = TEXT(analyzer=analyzer, field_boost=field_boost)
    field.format = PreTokenizedPositions(field_boost=field_boost)
    return field


def make_schema() -> Schema:
    exact, folded = exact_analyzer(), folded_analyzer()
    return Schema(
        path=ID(stored=True, unique=True),
        # An exact-diacritic match adds the exact field's score on top of the folded one, so
        # `Tâm` ranks above `Tam` for the query `Tâm`; names and titles outrank the body.
        name=_text(exact, 2.0),
        name_f=_text(folded, 1.5),
        title=_text(exact, 2.0),
        title_f=_text(folded, 1.5),
        body=_text(exact, 1.5),
        body_f=_text(folded, 1.0),
        codes=KEYWORD(commas=True),
        doc_key=ID(),
        content=STORED(),
    )


# Field boosts: a match in the file name or title outranks one in the body.
SEARCH_FIELDS = ("name", "name_f", "title", "title_f", "body", "body_f")


# The engine interface store.py calls.
def open_index(folder: Path) -> "WhooshTextIndex":
    return WhooshTextIndex(folder)


def create_index(folder: Path) -> "WhooshTextIndex":
    return WhooshTextIndex.create(folder)


class WhooshTextIndex:
    """A Whoosh index in `index_dir/text`, opened once per process and reused."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._ix = None
        self._searcher = None
        self._opened = None  # which folder (inode) _ix was opened on: a rebuild swaps in another

    @classmethod
    def create(cls, folder: Path) -> "WhooshTextIndex":
        """A new, empty index in `folder`, swapped in whole for the old one (see store.create_text_index)."""
        swap_in(Path(folder), lambda fresh: whoosh_index.create_in(str(fresh), make_schema()))
        return cls(folder)

    @property
    def ix(self):
        if self._ix is None:
            self._opened = folder_id(self.folder)
            self._ix = whoosh_index.open_dir(str(self.folder))
        return self._ix

    def writer(self, wait: float = 60.0) -> "WhooshTextWriter":
        """A batch writer; waits up to `wait` seconds for another writer to finish."""
        deadline = time.monotonic() + wait
        while True:
            try:
                # limitmb counts whoosh's estimate of the postings held before a sorted run goes to
                # disk; Python objects take more than it estimates (peak RSS 537 MB at 128).
                return WhooshTextWriter(self.ix.writer(limitmb=64))
            except LockError:
                if time.monotonic() >= deadline:
                    raise IndexBusyError(f"{self.folder} là chỉ mục đang được tiến trình khác ghi: thử lại sau (the index is being written by another process; try again later)")
                time.sleep(0.2)

    def doc_count(self) -> int:
        return _retrying(lambda: self.ix.doc_count(), self._reopen)

    def paths(self) -> set[str]:
        """The path of every live document, to check the index against the catalog."""
        found: set[str] = set()
        with self.ix.reader() as reader:
            for leaf, _ in reader.leaf_readers():
                if "path" not in leaf.indexed_field_names():
                    continue
                terms = leaf.field_terms("path")
                if leaf.has_deletions():  # a deleted document's term stays until a merge
                    terms = [t for t in terms if leaf.postings("path", t).is_active()]
                found.update(terms)
        return found

    def sweep(self) -> None:
        """Delete what a killed writer left behind: segments no table of contents names, half-written tables.

        Run by the next writer after an unfinished run; whoosh itself never removes a torn table.
        """
        self.writer().abandon()

    def _reopen(self) -> None:
        """Forget the open index and searcher: a writer's commit deleted files they were about to read."""
        self.close()

    def _fresh_searcher(self):
        if self._ix is not None and folder_id(self.folder) != self._opened:
            self.close()  # `index --rebuild` put a new index here; generations may even coincide
        # Not Searcher.refresh(): it reuses segment readers and can keep a replaced document alive,
        # so a process that searches across a write (a re-tagged file) would see it twice.
        if self._searcher is not None and self._searcher.reader().generation() != self.ix.latest_generation():
            self._searcher.close()
            self._searcher = None
        if self._searcher is None:
            self._searcher = self.ix.searcher(weighting=BM25F())
        return self._searcher

    def search(
        self, text: str, *, code: str | None = None, doc_key: str | None = None, doc_pattern: str | None = None, limit: int = 20
    ) -> tuple[int, list[TextHit]]:
        """Run a user query: (total, hits best first, each with its best page)."""
        return _retrying(lambda: self._search(text, code=code, doc_key=doc_key, doc_pattern=doc_pattern, limit=limit), self._reopen)

    def _search(self, text: str, *, code: str | None, doc_key: str | None, doc_pattern: str | None, limit: int) -> tuple[int, list[TextHit]]:
        searcher = self._fresh_searcher()
        parser = _parser(self.ix.schema)
        parsed = parser.parse(shallow(text)) if text.strip() else None
        parts = [parsed] if parsed is not None else []
        numbers = ([Term("doc_key", doc_key, boost=50.0)] if doc_key else []) + (
            # whoosh anchors a regex at the start only; a regex scores 1 whatever its boost.
            [ConstantScoreQuery(Regex("doc_key", f"(?:{doc_pattern})$"), 25.0)] if doc_pattern else []
        )
        if numbers:
            parts = [Or(numbers + parts)]
        if not parts:
            return 0, []
        query = parts[0]
        filt = None
        if code:
            filt = Term("codes", code) if "." in code else Prefix("codes", code + ".")
        # limit=None scores every match in one pass; with a limit, len() (the total the CLI shows)
        # ran the whole query a second time to count, ~40% more for a common word.
        results = searcher.search(query, limit=None, filter=filt)
        words = phrase_words(text)
        # The phrase bonus is checked on the best few only: a phrase query over every match cost
        # 3-11x the search on common words.
        window = limit if words is None else max(3 * limit, 30)
        ranked = []
        for r in results[:window]:
            content, score = r.get("content", ""), float(r.score)
            together = bool(words) and bool(side_by_side(words).search(fold(content).lower()) or side_by_side(words).search(fold(r["path"]).lower()))
            ranked.append((r["path"], score * PHRASE_BONUS if together else score, content, together))
        ranked.sort(key=lambda h: -h[1])
        terms = query_terms(text)
        hits = []
        for path, score, content, together in ranked[:limit]:
            pages = content.split(PAGE_BREAK)
            page = best_page(pages, terms)
            hits.append(TextHit(path, score, page, pages[page], together))
        return len(results), hits

    def pages(self, path: str) -> tuple[str, ...]:
        """The stored page texts of one file; () when the index has no document for it."""
        return _retrying(lambda: self._pages(path), self._reopen)

    def _pages(self, path: str) -> tuple[str, ...]:
        searcher = self._fresh_searcher()
        stored = searcher.document(path=path)
        return tuple(stored["content"].split(PAGE_BREAK)) if stored else ()

    def close(self) -> None:
        searcher, ix = self._searcher, self._ix
        self._searcher = self._ix = None
        try:
            if searcher is not None:
                searcher.close()
        finally:
            if ix is not None:
                ix.close()


def _retrying(read, reopen, attempts: int = 5):
    """Run a read, again after reopening when a concurrent commit deleted a file it was opening.

    A commit writes its new table of contents, then deletes the files only the old one named; a
    reader that listed the folder just before opens a file that is gone. The new state is
    complete on disk by then, so reading again sees it.
    """
    for attempt in range(attempts):
        try:
            return read()
        except FileNotFoundError:
            if attempt == attempts - 1:
                raise
            reopen()


class WhooshTextWriter:
    """Adds, replaces and deletes documents; nothing is visible to readers before `commit()`.

    A failed write (disk full, folder read-only) raises IndexWriteError after abandoning the
    writer: its half-written files are deleted and the lock released, so the index stays as it
    was at the last commit and the next writer is not blocked.
    """

    def __init__(self, writer):
        self._w = writer

    def put(self, doc: StoredDoc, *, replace: bool = True) -> None:
        """Add or replace a file's document; `replace=False` only when the path cannot be there yet.

        whoosh's update_document opens a searcher over every committed segment to find the old
        copy, per document: in a first index of 10,000 files that doubled the writing time.
        """
        try:
            self._put(doc, replace)
        except OSError as exc:
            self._fail(exc)

    def _put(self, doc: StoredDoc, replace: bool) -> None:
        shown = PAGE_BREAK.join(doc.pages)
        # Indexed in the one tone-mark style queries are also put in; stored as written.
        body, name, title = (exact_words(normalize(t)) for t in (with_phone_words(shown), doc.name, doc.title))
        (self._w.update_document if replace else self._w.add_document)(
            path=doc.path,
            name=name,
            name_f=folded_words(name),
            title=title,
            title_f=folded_words(title),
            body=body,
            body_f=folded_words(body),
            codes=",".join(doc.codes),
            doc_key=doc.doc_key or "",
            content=shown,
        )

    def delete(self, paths: Iterable[str]) -> None:
        try:
            for path in paths:
                self._w.delete_by_term("path", path)
        except OSError as exc:
            self._fail(exc)

    def commit(self) -> None:
        try:
            self._w.commit()
        except OSError as exc:
            self._fail(exc)

    def cancel(self) -> None:
        self.abandon()

    def optimize(self) -> None:
        """Nothing: whoosh merges segments itself when it commits, in Python (minutes for a big index)."""

    def _fail(self, exc: OSError):
        self.abandon()
        folder = getattr(self._w.storage, "folder", "")
        raise IndexWriteError(write_failure(folder, exc.strerror or str(exc))) from exc

    def abandon(self) -> None:
        """Drop everything since the last commit; never raises, always releases the lock."""
        w = self._w
        if getattr(w, "is_closed", True):
            return
        try:
            # While the lock is still held, no other writer has files here to lose.
            toc = TOC.read(w.storage, w.indexname)
            clean_files(w.storage, w.indexname, toc.generation, toc.segments)
            for name in list(w.storage):
                if name.startswith(f"_{w.indexname}_") and ".toc." in name:  # a half-written TOC
                    w.storage.delete_file(name)
        except Exception:
            pass
        try:
            w.cancel()
        except Exception:
            # whoosh's cancel can fail on the very error that stopped the commit: finish by hand.
            try:
                w._tempstorage.destroy()
            except Exception:
                pass
            lock = getattr(w, "writelock", None)
            if lock is not None and getattr(lock, "fd", None) is not None:
                try:
                    lock.release()
                except Exception:
                    pass
            w.is_closed = True


def _parser(schema):
    parser = MultifieldParser(list(SEARCH_FIELDS), schema=schema, group=AndGroup)
    # Staff type plain words: `Số: 91`, `(2026)` or `^` must not become field names, boosts or ranges.
    for plugin in (plugins.FieldsPlugin, plugins.BoostPlugin, plugins.RangePlugin, plugins.PlusMinusPlugin):
        parser.remove_plugin_class(plugin)
    return parser

