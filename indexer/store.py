"""The full-text index: which engine holds it, and what every engine shares.

Two engines keep the same interface (`TextIndex`): SQLite FTS5 (`store_sqlite.py`, the default:
it ranks in C) and Whoosh (`store_whoosh.py`, the only module that imports whoosh). The benchmark
chose the default: at 10,000 files Whoosh, which scores every match in Python, answered a common
word in 0.4-0.9 s, FTS5 in milliseconds (bench/RESULTS.md). An index remembers its engine; a
rebuild may pick the other one (`minhchung index --engine whoosh --rebuild`).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Callable, Iterable, Protocol

from .errors import UsageError
from .models import StoredDoc
from .vietnamese import fold, normalize

# Bump when the schema, the analyzers, `normalize` or `fold` change: an older index is then
# rebuilt, not misread (the SQLite engine deletes a document by re-analysing its stored text).
SCHEMA_VERSION = 6
PAGE_BREAK = "\f"

ENGINES = ("sqlite", "whoosh")
DEFAULT_ENGINE = "sqlite"
SQLITE_FILE = "fts.sqlite3"

# How much more a hit counts where the query's words stand together, in order.
PHRASE_BONUS = 4.0
# Query words that are operators, as staff may type them (upper case only: `hoặc` is not one).
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}

__all__ = ["DEFAULT_ENGINE", "ENGINES", "PAGE_BREAK", "SCHEMA_VERSION", "StoredDoc", "TextIndex", "TextWriter"]


class TextWriter(Protocol):
    """Adds, replaces and deletes documents; nothing is visible to readers before `commit()`."""

    def put(self, doc: StoredDoc, *, replace: bool = True) -> None: ...

    def delete(self, paths: Iterable[str]) -> None: ...

    def commit(self) -> None: ...

    def cancel(self) -> None: ...


class TextIndex(Protocol):
    """A text index in one folder, opened once per process and reused by every search."""

    folder: Path

    def writer(self, wait: float = 60.0) -> TextWriter: ...

    def search(self, text: str, *, code: str | None = None, doc_key: str | None = None, limit: int = 20) -> tuple[int, list[tuple[str, float, tuple[str, ...]]]]: ...

    def pages(self, path: str) -> tuple[str, ...]: ...

    def paths(self) -> set[str]: ...

    def doc_count(self) -> int: ...

    def sweep(self) -> None: ...

    def close(self) -> None: ...


def _engine_module(engine: str):
    # Imported on demand: a run on the default engine never pays for importing whoosh.
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


def folder_id(folder: Path) -> tuple[int, int] | None:
    """The identity of a folder (device, inode): a rebuild swaps a new one in under the same name."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def phrase_pattern(text: str) -> re.Pattern | None:
    """A regex for the query's words side by side (folded), or None for a one-word or quoted query."""
    if any(c in text for c in '"*?()') or any(w in OPERATORS for w in text.split()):
        return None
    words = re.findall(r"\w+", fold(normalize(text)).lower())
    if len(words) < 2:
        return None
    return re.compile(r"\b" + r"\W+".join(re.escape(w) for w in words) + r"\b")


def rerank_phrases(text: str, hits: list[tuple[str, float, str]], limit: int) -> list[tuple[str, float, tuple[str, ...]]]:
    """The best `limit` of `hits` (path, score, stored text), those with the query's words together first.

    Words typed together rank higher where they stand together (`hai long`: a plan about `sự hài
    lòng` above a list with `thứ Hai` and `Văn Long`). Engines pass only their best few hits
    (`rerank_window`): checking every match cost 3-11x the search on common words.
    """
    phrase = phrase_pattern(text)
    ranked = []
    for path, score, content in hits:
        if phrase is not None and (phrase.search(fold(content).lower()) or phrase.search(fold(path).lower())):
            score *= PHRASE_BONUS
        ranked.append((path, score, tuple(content.split(PAGE_BREAK))))
    ranked.sort(key=lambda h: -h[1])
    return ranked[:limit]


def rerank_window(text: str, limit: int) -> int:
    """How many of the best hits by words `rerank_phrases` should see."""
    return limit if phrase_pattern(text) is None else max(3 * limit, 30)
