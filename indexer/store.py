"""The full-text index: which engine holds it, and what every engine shares.

Three engines keep the same interface (`TextIndex`): tantivy (`store_tantivy.py`, the default:
Rust, BM25 that skips what cannot reach the top), SQLite FTS5 (`store_sqlite.py`: no extra
package, scores every match in C) and Whoosh (`store_whoosh.py`, the only module that imports
whoosh: scores every match in Python). The benchmark chose the default: at 10,000 files the
slowest benchmark query took 9 ms on tantivy, 52 ms on FTS5 and seconds on Whoosh
(bench/RESULTS.md). An index remembers its engine; a rebuild may pick another one
(`minhchung index --engine sqlite --rebuild`).
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import shutil
from pathlib import Path
from typing import Callable, Iterable, Protocol

from .errors import UsageError
from .models import StoredDoc, TextHit
from .vietnamese import fold, normalize, phone_words

# Bump when the schema, the analyzers, `normalize`, `fold` or `indexed_values` change: an older
# index is then rebuilt, not misread (the SQLite engine deletes a document by re-analysing its
# stored text). 8: each phone number's digits indexed as one word (`with_phone_words`).
SCHEMA_VERSION = 8
PAGE_BREAK = "\f"

ENGINES = ("tantivy", "sqlite", "whoosh")
DEFAULT_ENGINE = "tantivy"
SQLITE_FILE = "fts.sqlite3"

# How much more a hit counts where the query's words stand together, in order: `hai long`
# finds a plan about `sự hài lòng` above a list with `thứ Hai` and `Văn Long`.
PHRASE_BONUS = 4.0
# Query words that are operators, as staff may type them (upper case only: `hoặc` is not one).
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}

__all__ = ["DEFAULT_ENGINE", "ENGINES", "PAGE_BREAK", "SCHEMA_VERSION", "StoredDoc", "TextHit", "TextIndex", "TextWriter"]


class TextWriter(Protocol):
    """Adds, replaces and deletes documents; nothing is visible to readers before `commit()`."""

    def put(self, doc: StoredDoc, *, replace: bool = True) -> None: ...

    def delete(self, paths: Iterable[str]) -> None: ...

    def commit(self) -> None: ...

    def cancel(self) -> None: ...

    def optimize(self) -> None: ...


class TextIndex(Protocol):
    """A text index in one folder, opened once per process and reused by every search."""

    folder: Path

    def writer(self, wait: float = 60.0) -> TextWriter: ...

    def search(
        self, text: str, *, code: str | None = None, doc_key: str | None = None, doc_pattern: str | None = None, limit: int = 20
    ) -> tuple[int, list[TextHit]]:
        """Files matching `text`, best first; the file whose `doc_number_key` is `doc_key` first of
        all, then those whose key matches `doc_pattern` (vietnamese.doc_number_pattern)."""

    def pages(self, path: str) -> tuple[str, ...]: ...

    def paths(self) -> set[str]: ...

    def doc_count(self) -> int: ...

    def sweep(self) -> None: ...

    def close(self) -> None: ...


def _engine_module(engine: str):
    # Imported on demand: a run on the default engine never pays for importing whoosh.
    if engine == "tantivy":
        from . import store_tantivy

        return store_tantivy
    if engine == "sqlite":
        from . import store_sqlite

        return store_sqlite
    if engine == "whoosh":
        from . import store_whoosh

        return store_whoosh
    raise UsageError(f"unknown search engine {engine!r}: choose one of {', '.join(ENGINES)}")


def engine_of(folder: Path) -> str | None:
    """The engine whose index is in `folder`, or None when there is none (looks at file names only)."""
    folder = Path(folder)
    if (folder / "meta.json").is_file():  # tantivy's
        return "tantivy"
    if (folder / SQLITE_FILE).is_file():
        return "sqlite"
    if folder.is_dir() and any(folder.glob("_MAIN_*.toc")):  # whoosh's table of contents
        return "whoosh"
    return None


def text_index_exists(folder: Path) -> bool:
    return engine_of(folder) is not None


def open_text_index(folder: Path) -> TextIndex:
    """The index in `folder`, with the engine that built it (the default engine when there is none yet)."""
    return _engine_module(engine_of(folder) or DEFAULT_ENGINE).open_index(Path(folder))


def create_text_index(folder: Path, engine: str = DEFAULT_ENGINE) -> TextIndex:
    """A new, empty index in `folder`, swapped in whole for the old one (see `swap_in`)."""
    return _engine_module(engine).create_index(Path(folder))


def swap_in(folder: Path, make: Callable[[Path], None]) -> None:
    """Make a new index with `make` in a folder beside `folder`, then rename it into place.

    Deleting the old index file by file would leave a torn index if the run were killed half
    way; built beside it and renamed, a kill leaves the old index or none (which is rebuilt).
    """
    fresh, old = folder.with_name(folder.name + ".new"), folder.with_name(folder.name + ".old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    fresh.mkdir(parents=True)
    make(fresh)
    if folder.exists():
        os.rename(folder, old)
    os.rename(fresh, folder)
    shutil.rmtree(old, ignore_errors=True)


def write_failure(folder: Path, reason: str) -> str:
    """The one line a failed write of the index ends with: what happened, and that nothing was lost."""
    return (
        f"could not write the index in {folder} ({reason}); the previous index is still usable: "
        "free some space (or fix the permissions) and run index again"
    )


def indexed_values(name: str, title: str, pages: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    """A document's six ranked values (name, name_f, title, title_f, body, body_f: as written
    and folded, in the one tone-mark style queries are also put in) and each page's folded text."""
    n, t = normalize(name), normalize(title)
    normalized = [with_phone_words(_without_motto(normalize(p))) for p in pages]
    folded_pages = [fold(p) for p in normalized]
    return (n, fold(n), t, fold(t), PAGE_BREAK.join(normalized), PAGE_BREAK.join(folded_pages)), folded_pages


def with_phone_words(page: str) -> str:
    """The page with its phone numbers' digits after it, each as one word (vietnamese.phone_words):
    `0225.3.856.112` is then found as `02253856112`, `0225.3856.112` or `3856112` is typed."""
    words = phone_words(page)
    return f"{page} {' '.join(words)}" if words else page


# The national motto heads every official document: its words (`hòa`, `xã hội`, `tự do`, `hạnh
# phúc`) matched every file and ranked `CỘNG HÒA` + `giải quyết` as `hòa giải`. Not indexed;
# the text shown keeps it.
_MOTTO = re.compile(
    r"CỘNG\s+(?:HÒA|HOÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc",
    re.IGNORECASE,
)


def _without_motto(page: str) -> str:
    if "ạnh phúc" not in page and "ẠNH PHÚC" not in page and "NGHĨA" not in page:
        return page  # most pages: one substring test each, not a regex scan
    return _MOTTO.sub(" ", page)


def folder_id(folder: Path) -> tuple[int, int] | None:
    """The identity of a folder (device, inode): a rebuild swaps a new one in under the same name."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def shallow(text: str, max_depth: int = 32) -> str:
    """`text` without the parentheses nested deeper than `max_depth` (and unmatched closing ones):
    query parsers recurse on groups, and a pasted `((((…` must not crash a search."""
    out, depth = [], 0
    for c in text:
        if c == "(":
            depth += 1
            if depth > max_depth:
                continue
        elif c == ")":
            depth -= 1
            if depth < 0 or depth >= max_depth:
                depth = max(depth, 0)
                continue
        out.append(c)
    return "".join(out)


def phrase_words(text: str) -> tuple[str, ...] | None:
    """The folded words of a plain query of two words or more (they rank higher side by side).

    None for one word, a quoted phrase, or a query with operators: those say what they mean.
    """
    if any(c in text for c in '"*?()') or any(w in OPERATORS for w in text.split()):
        return None
    words = tuple(re.findall(r"\w+", fold(normalize(text)).lower()))
    return words if len(words) >= 2 else None


def marked_words(text: str) -> tuple[str, ...]:
    """The word of a one-word query typed with its marks (`Thắng`, `Lâm`), normalised and
    lower-cased: files that hold it so rank before files that only hold look-alikes (`tháng`,
    `làm`). Empty for a word without marks, and for longer queries: their words side by side
    decide, and the tier demoted the right file whose OCR'd text or unmarked name lacked one
    mark (`ngày 15 tháng 3 năm 2026`, `chứng chỉ tin học`: 2 of 99 queries of a search test)."""
    words = INDEX_WORD.findall(normalize(text).lower())
    return tuple(words) if len(words) == 1 and fold(words[0]) != words[0] and words[0].upper() not in OPERATORS else ()


# --- the query language ------------------------------------------------------------------------
# What staff type: words (all must match), "quoted phrases", OR, NOT, (groups), and a trailing *
# for a prefix. Anything else is text: `Số: 91/KH-UBND`, `(2026)` or `^` never make a syntax error.

_QUERY_TOKEN = re.compile(r'"([^"]*)"?|([()])|([^\s()"]+)')
# A word is a run of letters and digits: both engines' tokenizers split on `_` and punctuation.
INDEX_WORD = re.compile(r"[^\W_]+")
_AND, _OR, _NOT = "AND", "OR", "NOT"
_OPERATOR_WORDS = {"AND": _AND, "OR": _OR, "NOT": _NOT, "ANDNOT": _NOT, "ANDMAYBE": _AND}


class QueryBuilder(Protocol):
    """Makes an engine's query from the parsed parts (each method gets non-empty parts)."""

    def words(self, words: tuple[str, ...], prefix: bool): ...

    def all_of(self, required: list, excluded: list): ...

    def any_of(self, parts: list): ...


def parse_query(text: str, build: QueryBuilder):
    """A user query as the engine's query made by `build`, or None when it asks for nothing.

    Words are lower-cased and normalised, not folded: the builder decides how each is matched.
    """
    tokens = []
    for phrase, paren, bare in _QUERY_TOKEN.findall(shallow(normalize(text))):
        if paren:
            tokens.append(paren)
        elif bare in _OPERATOR_WORDS:
            tokens.append(_OPERATOR_WORDS[bare])
        else:
            words = tuple(w.lower() for w in INDEX_WORD.findall(phrase or bare))
            if words:
                tokens.append((words, bool(bare) and bare.endswith("*")))
    return _Parser(tokens, build).parse()


class _Parser:
    """Recursive descent over the tokens, forgiving: a stray operator or parenthesis is skipped."""

    def __init__(self, tokens: list, build: QueryBuilder):
        self.tokens, self.at, self.build = tokens, 0, build

    def peek(self):
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def parse(self):
        parts = []
        while self.peek() is not None:
            parts.append(self.any_of())
            if self.peek() == ")":  # unbalanced: skip it
                self.at += 1
        return self._all_of([p for p in parts if p is not None], [])

    def any_of(self):
        parts = [self.all_of()]
        while self.peek() == _OR:
            self.at += 1
            parts.append(self.all_of())
        parts = [p for p in parts if p is not None]
        return self.build.any_of(parts) if parts else None

    def all_of(self):
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
        return self._all_of([r for r in required if r is not None], [e for e in excluded if e is not None])

    def _all_of(self, required: list, excluded: list):
        if not required:
            return None  # `NOT x` alone: an index cannot list everything but x, and nobody means that
        return self.build.all_of(required, excluded)

    def one(self):
        token = self.tokens[self.at]
        self.at += 1
        if token == "(":
            inner = self.any_of()
            if self.peek() == ")":
                self.at += 1
            return inner
        if isinstance(token, tuple):
            return self.build.words(*token)
        return None  # an operator where a word should be


# --- where a query's words are in a text (best page, snippets) ---------------------------------

_QUOTED = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"\w+")


def query_terms(query: str) -> list[tuple[str, ...]]:
    """The folded words and phrases of a query, each a tuple of words, for pages and snippets."""
    terms: list[tuple[str, ...]] = []
    for phrase in _QUOTED.findall(query):
        words = tuple(_WORD.findall(fold(phrase).lower()))
        if words:
            terms.append(words)
    rest = _QUOTED.sub(" ", query)
    for word in _WORD.findall(fold(rest).lower()):
        if word.upper() not in OPERATORS:
            terms.append((word,))
    # Words typed together also count together: the page (and the snippet) where they stand side
    # by side wins over one where they are scattered (`tiếp nhận hồ sơ`).
    if (together := phrase_words(query)) is not None:
        terms.append(together)
    return list(dict.fromkeys(terms))


@functools.lru_cache(maxsize=256)
def side_by_side(words: tuple[str, ...]) -> re.Pattern:
    """The folded words as a whole-word regex, side by side with anything but letters between.

    A phone number's digits (one word of 7 to 11 digits) also match it written in groups
    (`02253856112` marks `0225.3.856.112`): the index holds it so (`with_phone_words`)."""
    if len(words) == 1 and words[0].isdigit() and 7 <= len(words[0]) <= 11:
        digits = words[0]
        rest = r"[ .()\-\u2013]{0,3}".join(digits[1:])
        first = r"(?:\(?\+84\)?[ .\-]?\(?|\(?0)" if digits.startswith("0") else r"\(?" + digits[0]
        return re.compile(r"(?<![\d+])" + first + r"[ .()\-\u2013]{0,3}" + rest + r"(?!\d)")
    return re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b")


def _patterns(terms: list[tuple[str, ...]]) -> list[re.Pattern]:
    return [side_by_side(words) for words in terms]


def find_terms(folded: str, terms: list[tuple[str, ...]], per_term: int | None = None) -> list[tuple[int, int, int]]:
    """(start, end, term number) of the whole-word matches of the terms in folded text, in order;
    the first `per_term` of each term when given."""
    # One pattern per term, not one alternation: re finds a literal word fast, an alternation
    # is tried at every character.
    found = [
        (m.start(), m.end(), n)
        for n, pattern in enumerate(_patterns(terms))
        for m in itertools.islice(pattern.finditer(folded), per_term)
    ]
    found.sort()
    return found


def best_page(pages: tuple[str, ...], terms: list[tuple[str, ...]]) -> int:
    """The 0-based page with the most distinct terms, then the most matches."""
    patterns = _patterns(terms)
    best, best_key = 0, (-1, -1)
    for i, page in enumerate(pages):
        folded = fold(page).lower()
        counts = [len(p.findall(folded)) for p in patterns]  # counted in C
        key = (sum(1 for c in counts if c), sum(counts))
        if key > best_key:
            best, best_key = i, key
    return best
