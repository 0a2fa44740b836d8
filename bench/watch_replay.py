"""Replay a few hundred staff operations against a running watcher; count misses, time each change.

    python bench/watch_replay.py                       # native, then polling; ~300 operations each
    python bench/watch_replay.py --modes native --ops 120 --settle 1.0

A watcher runs in a thread on a fresh temporary folder. Operations come in waves of distinct
files (create DOCX/PDF, some copied slowly in chunks; modify in place or by save-to-temp-and-
rename; rename; move to another criterion's folder; delete; rename a whole criterion folder), a
few tens of milliseconds apart, as staff work. A checker thread reads the catalog every 20 ms
and notes when each operation's effect is there: the catalog is committed after the text
index, so a change in the catalog is a change `search` already finds. Latency is the time from
the operation's last write to that moment. An operation whose effect is not there within the
deadline is missed; at the end every live file is also searched by its unique word, and every
deleted one must find nothing.

Documents are generated once into bench/.cache/watch_replay (fpdf2 embeds a font per PDF: slow).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as a script: import this checkout, not an installed copy

CACHE = REPO / "bench" / ".cache" / "watch_replay"
DEADLINE_S = 30.0
CHECK_EVERY_S = 0.02
FOLDER_TITLES = {
    "1.3": "So dien thoai duong day nong",
    "1.4": "Lich tiep cong dan",
    "2.1": "Ngay giai quyet nhanh",
    "2.4": "Thu xin loi",
    "3.1": "Bien ban doi thoai",
}


# --- the documents -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Content:
    """One generated document: its bytes and the one word no other document contains."""

    suffix: str
    data: bytes
    word: str

    @property
    def sha(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def unique_word(n: int) -> str:
    letters = ""
    while True:
        n, r = divmod(n, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[r]
        if n == 0:
            return "watchtok" + letters


def make_contents(count: int, seed: int) -> list[Content]:
    """`count` documents (60% DOCX, 40% PDF), each with its unique word; cached across runs."""
    from bench.docgen import vietnamese_paragraphs, write_docx, write_pdf

    folder = CACHE / f"seed{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    contents = []
    for n in range(count):
        suffix = ".pdf" if n % 5 in (1, 3) else ".docx"
        path = folder / f"{n:04d}{suffix}"
        word = unique_word(n)
        if not path.exists():
            paragraphs = vietnamese_paragraphs(rng, 2) + [f"Mã đối chiếu của văn bản: {word}."]
            tmp = path.with_name("tmp-" + path.name)
            (write_pdf(tmp, [paragraphs]) if suffix == ".pdf" else write_docx(tmp, paragraphs))
            tmp.replace(path)
        contents.append(Content(suffix, path.read_bytes(), word))
    return contents


# --- the model of the folder -----------------------------------------------------------------------


@dataclass
class Folder:
    name: str
    code: str


@dataclass
class Doc:
    folder: Folder
    name: str
    content: Content

    @property
    def path(self) -> str:
        return f"{self.folder.name}/{self.name}"


@dataclass
class Expectation:
    """What the catalog must show once an operation has reached the index."""

    op: str
    check: Callable[[dict[str, tuple[str, frozenset[str]]]], bool]
    last_write: float = 0.0
    seen_at: float | None = None
    new_file: tuple[str, str] | None = None  # (path, final sha) of a created file: any other sha seen = read half-written
    half_read: bool = False


@dataclass
class Result:
    mode: str
    latencies: dict[str, list[float]] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)
    half_read: int = 0
    errors: list[str] = field(default_factory=list)
    ops: int = 0


class Replay:
    """Drives the operations on a real folder and keeps the model of what it should hold."""

    def __init__(self, root: Path, contents: list[Content], rng: random.Random):
        self.root = root
        self.pool = {suffix: iter([c for c in contents if c.suffix == suffix]) for suffix in (".docx", ".pdf")}
        self.rng = rng
        self.folders: list[Folder] = []
        self.docs: list[Doc] = []
        self.gone: list[Content] = []  # deleted documents: their words must find nothing
        self.serial = 0

    def next_name(self, content: Content) -> str:
        self.serial += 1
        return f"van ban {self.serial:04d}{content.suffix}"

    def new_folder(self, code: str) -> Folder:
        self.serial += 1
        folder = Folder(f"{code} {FOLDER_TITLES[code]} {self.serial}", code)
        (self.root / folder.name).mkdir()
        self.folders.append(folder)
        return folder

    def seed(self, files: int) -> None:
        for code in FOLDER_TITLES:
            self.new_folder(code)
        for _ in range(files):
            content = self.take()
            doc = Doc(self.rng.choice(self.folders), "", content)
            doc.name = self.next_name(content)
            (self.root / doc.path).write_bytes(content.data)
            self.docs.append(doc)

    def take(self, suffix: str | None = None) -> Content:
        suffix = suffix or (".pdf" if self.rng.random() < 0.4 else ".docx")
        try:
            return next(self.pool[suffix])
        except StopIteration:
            raise SystemExit("ran out of generated documents: raise the pool size in main()") from None

    # --- operations: each returns (kind, expectation), the expectation's last_write set ---

    def create(self, busy_folders: set[str], slow: bool) -> tuple[str, Expectation]:
        content = self.take()
        folder = self.rng.choice([f for f in self.folders if f.name not in busy_folders])
        doc = Doc(folder, "", content)
        doc.name = self.next_name(content)
        target = self.root / doc.path
        if slow:  # a copy over a slow link: chunks with pauses shorter than the settle time
            with open(target, "wb") as fh:
                step = len(content.data) // 6 + 1
                for i in range(0, len(content.data), step):
                    fh.write(content.data[i : i + step])
                    fh.flush()
                    time.sleep(0.15)
        else:
            target.write_bytes(content.data)
        self.docs.append(doc)
        expectation = self.expect_present(doc)
        expectation.new_file = (doc.path, content.sha)
        return ("create slowly" if slow else f"create {content.suffix}"), expectation

    def modify(self, doc: Doc) -> tuple[str, Expectation]:
        content = self.take(doc.content.suffix)
        target = self.root / doc.path
        if self.rng.random() < 0.5:
            target.write_bytes(content.data)
        else:  # how Word and LibreOffice save: a temp file, then a rename over the original
            tmp = target.with_name(f"~WRL{self.serial:04d}.tmp")
            tmp.write_bytes(content.data)
            os.replace(tmp, target)
        self.gone.append(doc.content)
        doc.content = content
        return "modify", self.expect_present(doc)

    def rename(self, doc: Doc) -> tuple[str, Expectation]:
        old = doc.path
        doc.name = self.next_name(doc.content)
        os.rename(self.root / old, self.root / doc.path)
        return "rename", self.expect_moved(doc, old)

    def move(self, doc: Doc, busy_folders: set[str]) -> tuple[str, Expectation]:
        old = doc.path
        doc.folder = self.rng.choice([f for f in self.folders if f.code != doc.folder.code and f.name not in busy_folders])
        os.rename(self.root / old, self.root / doc.path)
        return "move to another code", self.expect_moved(doc, old)

    def delete(self, doc: Doc) -> tuple[str, Expectation]:
        path = doc.path
        os.unlink(self.root / path)
        self.docs.remove(doc)
        self.gone.append(doc.content)
        return "delete", Expectation(path, lambda seen: path not in seen, time.monotonic())

    def rename_folder(self, folder: Folder) -> tuple[str, Expectation]:
        inside = [d for d in self.docs if d.folder is folder]
        old_paths = [d.path for d in inside]
        old_name = folder.name
        folder.code = self.rng.choice([c for c in FOLDER_TITLES if c != folder.code])
        self.serial += 1
        folder.name = f"{folder.code} {FOLDER_TITLES[folder.code]} {self.serial}"
        os.rename(self.root / old_name, self.root / folder.name)
        wanted = [(d.path, d.content.sha) for d in inside]
        code = folder.code

        def check(seen) -> bool:
            return all(p not in seen for p in old_paths) and all(
                p in seen and seen[p][0] == sha and code in seen[p][1] for p, sha in wanted
            )

        return "rename folder", Expectation(f"{old_name} -> {folder.name} ({len(inside)} files)", check, time.monotonic())

    def expect_present(self, doc: Doc) -> Expectation:
        path, sha, code = doc.path, doc.content.sha, doc.folder.code
        return Expectation(f"{path}", lambda seen: path in seen and seen[path][0] == sha and code in seen[path][1], time.monotonic())

    def expect_moved(self, doc: Doc, old: str) -> Expectation:
        present = self.expect_present(doc)
        return Expectation(f"{old} → {doc.path}", lambda seen: old not in seen and present.check(seen), time.monotonic())

    # --- a wave of operations on distinct files ---

    def wave(self, size: int, mix: dict[str, float]) -> Iterator[tuple[str, Expectation]]:
        """Run `size` operations on distinct files; yields (kind, expectation) as each is done."""
        busy_docs: set[int] = set()
        busy_folders: set[str] = set()
        kinds = list(mix)
        for _ in range(size):
            kind = self.rng.choices(kinds, weights=[mix[k] for k in kinds])[0]
            free = [d for d in self.docs if id(d) not in busy_docs and d.folder.name not in busy_folders]
            if kind == "folder":
                candidates = [f for f in self.folders if f.name not in busy_folders and not any(id(d) in busy_docs for d in self.docs if d.folder is f)]
                if not candidates or len(busy_folders) > 0:
                    kind = "create"
                else:
                    folder = self.rng.choice(candidates)
                    busy_folders.add(folder.name)
                    op = self.rename_folder(folder)
                    busy_folders.add(folder.name)  # the new name too: nothing else goes in this wave
                    yield op
                    continue
            if kind != "create" and len(free) < 2:
                kind = "create"
            if kind in ("create", "slow"):
                op = self.create(busy_folders, slow=kind == "slow")
                busy_docs.add(id(self.docs[-1]))
            else:
                doc = self.rng.choice(free)
                busy_docs.add(id(doc))
                op = {"modify": lambda: self.modify(doc), "rename": lambda: self.rename(doc),
                      "move": lambda: self.move(doc, busy_folders), "delete": lambda: self.delete(doc)}[kind]()  # fmt: skip
            yield op
            time.sleep(self.rng.uniform(0.0, 0.12))


# --- the run -----------------------------------------------------------------------------------------


MIX = {"create": 0.25, "slow": 0.07, "modify": 0.17, "rename": 0.16, "move": 0.16, "delete": 0.15, "folder": 0.04}


def catalog_view(catalog) -> dict[str, tuple[str, frozenset[str]]]:
    """path -> (sha256, proven codes), straight from SQLite."""
    import json

    view = {}
    for path, sha, tags in catalog.db.execute("SELECT path, sha256, tags FROM files"):
        codes = frozenset(code for code, source, *_ in json.loads(tags or "[]") if source != "keyword")
        view[path] = (sha, codes)
    return view


def run_mode(mode: str, contents: list[Content], args) -> Result:
    from indexer.build import resolve_paths
    from indexer.catalog import open_catalog
    from indexer.rubric import load_rubric
    from indexer.watch import watch
    from search.query import close_all, search

    result = Result(mode)
    workdir = Path(tempfile.mkdtemp(prefix=f"watch-replay-{mode}-"))
    root = workdir / "minh chung"
    root.mkdir()
    rng = random.Random(args.seed)
    replay = Replay(root, contents, rng)
    replay.seed(args.seed_files)
    paths = resolve_paths(root)
    lines: list[str] = []
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch, args=(paths, load_rubric()),
        kwargs=dict(poll=mode == "polling", interval=args.interval, settle=args.settle, log=lines.append, stop=stop),
        daemon=True,
    )  # fmt: skip
    watcher.start()
    start_deadline = time.monotonic() + 120
    while not any("sẵn sàng" in line for line in lines):
        if time.monotonic() > start_deadline or not watcher.is_alive():
            raise SystemExit(f"{mode}: the watcher did not start:\n" + "\n".join(lines))
        time.sleep(0.05)
    print(f"[{mode}] " + next(line for line in lines if "chế độ" in line), flush=True)

    catalog = open_catalog(paths.index_dir)
    outstanding: list[tuple[str, Expectation]] = []
    lock = threading.Lock()
    checking = threading.Event()

    def checker() -> None:
        while not checking.is_set():
            view = catalog_view(catalog)
            now = time.monotonic()
            with lock:
                for kind, exp in outstanding:
                    if exp.seen_at is None and exp.check(view):
                        exp.seen_at = now
                    elif exp.seen_at is None and exp.new_file and exp.new_file[0] in view and view[exp.new_file[0]][0] != exp.new_file[1]:
                        exp.half_read = True
            time.sleep(CHECK_EVERY_S)

    checker_thread = threading.Thread(target=checker, daemon=True)
    checker_thread.start()
    done = 0
    wave_no = 0
    try:
        while done < args.ops:
            wave_no += 1
            size = min(args.wave, args.ops - done)
            wave: list[tuple[str, Expectation]] = []
            for kind, exp in replay.wave(size, MIX):
                with lock:
                    wave.append((kind, exp))
                    outstanding.append((kind, exp))
            done += size
            deadline = time.monotonic() + DEADLINE_S
            while time.monotonic() < deadline and any(exp.seen_at is None for _, exp in wave):
                time.sleep(0.05)
            with lock:
                for kind, exp in wave:
                    result.half_read += exp.half_read
                    if exp.seen_at is None:
                        result.missed.append(f"{kind}: {exp.op}")
                    else:
                        result.latencies.setdefault(kind, []).append(max(0.0, exp.seen_at - exp.last_write))
                outstanding.clear()
            print(f"[{mode}] wave {wave_no}: {done}/{args.ops} operations, missed so far {len(result.missed)}", flush=True)
    finally:
        checking.set()
        checker_thread.join()
    result.ops = done

    # A final look through `search` itself: every live file found by its word, no deleted one.
    for doc in replay.docs:
        hits = [h.path for h in search(paths, doc.content.word).hits]
        if hits != [doc.path]:
            result.missed.append(f"search {doc.content.word}: {hits} instead of {doc.path}")
    for content in replay.gone:
        if any(d.content.word == content.word for d in replay.docs):
            continue
        hits = [h.path for h in search(paths, content.word).hits]
        if hits:
            result.missed.append(f"search {content.word} (deleted or replaced): still finds {hits}")
    indexed = set(catalog_view(catalog))
    on_disk = {d.path for d in replay.docs}
    for path in sorted(indexed ^ on_disk):
        result.missed.append(f"index and folder differ: {path}")
    catalog.close()
    close_all()
    stop.set()
    watcher.join(timeout=60)
    result.errors = [line for line in lines if "  lỗi  " in line]
    if args.log:
        Path(f"{args.log}.{mode}").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        print(f"[{mode}] folder kept: {workdir}")
    return result


def summarize(result: Result, args) -> str:
    all_latencies = sorted(x for v in result.latencies.values() for x in v)
    lines = [
        f"== {result.mode}: {result.ops} operations, missed {len(result.missed)}, "
        f"read half-written {result.half_read}, watcher errors {len(result.errors)}"
    ]
    if all_latencies:
        q = statistics.quantiles(all_latencies, n=10) if len(all_latencies) >= 10 else [all_latencies[-1]] * 9
        lines.append(
            f"   latency last write -> searchable: median {statistics.median(all_latencies):.2f} s, "
            f"p90 {q[8]:.2f} s, max {all_latencies[-1]:.2f} s  (settle {args.settle:g} s"
            + (f", poll every {args.interval:g} s)" if result.mode == "polling" else ")")
        )
        for kind, values in sorted(result.latencies.items()):
            lines.append(f"   {kind:<22} n={len(values):<4} median {statistics.median(values):.2f} s  max {max(values):.2f} s")
    lines.extend(f"   MISSED {m}" for m in result.missed[:20])
    lines.extend(f"   {e}" for e in result.errors[:10])
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ops", type=int, default=300, help="operations per mode")
    parser.add_argument("--wave", type=int, default=15, help="operations per wave (distinct files)")
    parser.add_argument("--modes", default="native,polling")
    parser.add_argument("--settle", type=float, default=1.0)
    parser.add_argument("--interval", type=float, default=2.0, help="polling period")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--seed-files", type=int, default=40, help="files in the folder before the watcher starts")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    parser.add_argument("--log", default=None, help="write the watcher's log to LOG.native / LOG.polling")
    args = parser.parse_args()
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    # Enough documents for every create and modify, and the seeded files.
    t = time.monotonic()
    contents = make_contents(args.seed_files + args.ops + 60, args.seed)
    print(f"{len(contents)} documents ready in {time.monotonic() - t:.1f} s", flush=True)
    results = [run_mode(mode, contents, args) for mode in modes]
    print()
    for result in results:
        print(summarize(result, args))
    if any(r.missed for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
