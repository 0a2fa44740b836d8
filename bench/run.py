"""The benchmark: how fast `index` is against the limit (raw extraction), and how fast search is.

    python bench/run.py --files 1000                 # one size
    python bench/run.py --files 1000,10000 --json out.json
    python bench/run.py --files 1000 --large         # adds 100,000 files (hours)
    python bench/run.py --files 300 --scans          # ~3% scans: OCR seconds per page
    python bench/run.py --files 10000 --reindex-only # re-indexing alone, on the last run's index

For each size it reports: the first full index (wall time, files/s, pages/s, peak RSS, time per
stage), raw text extraction alone over the same files with the same number of processes and
the overhead ratio, re-indexing (nothing changed, 1 file touched, 1 file changed, 1% edited),
search latency over a fixed query set, coverage time, and index size. `index` runs in a child
process so its peak memory (and its workers') is measured alone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if __package__ in (None, ""):  # run as a script: make `bench`, `indexer` and `search` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexer.store import DEFAULT_ENGINE, ENGINES  # noqa: E402 - after the path is set

if TYPE_CHECKING:
    from bench.corpus import Corpus

# The child processes (`--index-child`, `--raw-child`) must import no more than `index` does,
# so bench.corpus (docgen, fonts) is imported only where a corpus is made or edited.
CACHE_DIR = Path(__file__).resolve().parent / ".cache"

REPO = Path(__file__).resolve().parent.parent
LARGE = 100_000
SEARCH_ROUNDS = 5

Log = Callable[[str], None]


# --- one size --------------------------------------------------------------------------------------


def run_benchmark(
    sizes: list[int],
    *,
    workers: int | None = None,
    scans: bool = False,
    cache_dir: Path = CACHE_DIR,
    work_dir: Path | None = None,
    rounds: int = SEARCH_ROUNDS,
    log: Log | None = None,
    engine: str | None = None,
    skip: frozenset[str] = frozenset(),
    reindex_only: bool = False,
) -> dict:
    """Run every measurement at every size and return the report (see `render_table`).

    `reindex_only`: only the re-index runs, on the index an earlier run left (built if missing).
    """
    log = log or (lambda message: None)
    workers = _resolve_workers(workers)
    work_dir = Path(work_dir or Path(cache_dir) / "work")
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(), "load_before": _load()},
        "workers": workers,
        "scans": scans,
        "engine": engine or DEFAULT_ENGINE,
        "sizes": {},
    }
    for n in sizes:
        log(f"== {n} files")
        report["sizes"][str(n)] = bench_size(
            n, workers=workers, scans=scans, cache_dir=cache_dir, work_dir=work_dir, rounds=rounds, log=log, engine=engine or DEFAULT_ENGINE,
            skip=skip, reindex_only=reindex_only,
        )  # fmt: skip
    report["machine"]["load_after"] = _load()
    return report


def _load() -> list[float]:
    # Other work on the machine slows wall times down; the report says how busy it was.
    return [round(x, 2) for x in os.getloadavg()]


def _resolve_workers(workers: int | None) -> int:
    # The same default as build_index, so `index` and the raw-extraction limit use equal pools.
    return workers if workers is not None else max(1, min(os.cpu_count() or 1, 8))


def bench_size(
    n: int, *, workers: int, scans: bool, cache_dir: Path, work_dir: Path, rounds: int, log: Log, engine: str = DEFAULT_ENGINE,
    skip: frozenset[str] = frozenset(), reindex_only: bool = False,
) -> dict:  # fmt: skip
    """Every measurement at one size; `skip` leaves out phases ("raw", "reindex") of a long run.

    `reindex_only`: only the re-index runs, on the index an earlier run left (see run_benchmark).
    """
    from bench.corpus import ensure_corpus, restore_files

    corpus = ensure_corpus(n, scans=scans, cache_dir=cache_dir, workers=workers, progress=_every(log, "corpus", 1000))
    restore_files(corpus, workers)  # a run killed during the edits leaves them in place
    index_dir = work_dir / (f"index-{n}" + ("-scans" if scans else ""))
    if reindex_only:
        # A first run catches up with the files the last benchmark edited and restored, so
        # that "nothing changed" is nothing; a 10,000-file index is not rebuilt (~5 minutes).
        catch_up = index_in_child(corpus.root, index_dir, workers, ocr=scans, engine=engine)
        log(f"catch-up index: {_short(catch_up)}")
        return {"corpus": _corpus_facts(corpus), "reindex": reindex_runs(corpus, index_dir, workers, scans, log)}
    shutil.rmtree(index_dir, ignore_errors=True)
    result: dict = {"corpus": _corpus_facts(corpus)}
    log(f"corpus: {result['corpus']}")

    first = index_in_child(corpus.root, index_dir, workers, ocr=scans, engine=engine)
    pages = _indexed_pages(index_dir, corpus)
    result["corpus"]["pages"] = pages
    first["files_per_s"] = round(n / first["build_s"], 1)
    first["pages_per_s"] = round(pages / first["build_s"], 1)
    result["first_index"] = first
    log(f"first index: {first}")

    if "raw" not in skip:
        raw = raw_extraction(corpus, workers, ocr=scans)
        raw["files_per_s"] = round(n / raw["wall_s"], 1)
        raw["pages_per_s"] = round(pages / raw["wall_s"], 1)
        # Both sides timed the same way (a child process, start to exit), by wall clock and by the
        # CPU time of the whole process tree (which other load on the machine does not inflate).
        raw["overhead_ratio"] = round(first["wall_s"] / raw["wall_s"], 3)
        raw["overhead_ratio_cpu"] = round(first["cpu_s"] / raw["cpu_s"], 3) if raw["cpu_s"] else None
        result["raw_extraction"] = raw
        log(f"raw extraction: {raw}")

    result["search"] = search_latency(corpus, index_dir, rounds)
    log(f"search: {result['search']}")
    result["coverage"] = coverage_time(corpus, index_dir)
    result["index_size"] = index_size(index_dir, n)

    if "reindex" not in skip:
        result["reindex"] = reindex_runs(corpus, index_dir, workers, scans, log)
    raw = result.get("raw_extraction", {})
    if scans:
        result["ocr"] = raw.pop("ocr", None)
    else:
        raw.pop("ocr", None)
    return result


def _every(log: Log, what: str, step: int):
    def report(done: int, total: int) -> None:
        if done == total or done // step != (done - 1) // step:
            log(f"{what}: {done}/{total}")

    return report


def _corpus_facts(corpus: Corpus) -> dict:
    kinds = {k: sum(1 for s in corpus.files if s.kind == k) for k in ("docx", "pdf", "scan")}
    size = sum((corpus.root / s.path).stat().st_size for s in corpus.files)
    return {"files": len(corpus.files), **kinds, "mb": round(size / 1e6, 1), "generated_s": round(corpus.seconds, 1)}


def _indexed_pages(index_dir: Path, corpus: Corpus) -> int:
    """PDF pages as indexed, plus Word pages as the corpus planned them (Word has no pages)."""
    import sqlite3

    db = sqlite3.connect(index_dir / "catalog.sqlite3")
    try:
        pdf_pages = db.execute("SELECT COALESCE(SUM(pages), 0) FROM files WHERE path LIKE '%.pdf'").fetchone()[0]
    finally:
        db.close()
    return int(pdf_pages) + sum(s.pages for s in corpus.files if s.kind == "docx")


# --- index in a child process, with its memory measured ------------------------------------------


def index_in_child(root: Path, index_dir: Path, workers: int, *, ocr: bool, engine: str = "") -> dict:
    """Run `build_index` in a child process; wall time, its report, peak memory and CPU time.

    `engine` is for a first index; re-indexing keeps the engine the index has.
    """
    report, measured = _run_child("--index-child", str(root), str(index_dir), str(workers), "1" if ocr else "0", engine)
    return {
        **measured,
        "build_s": round(report["seconds"], 3),
        "timings": {k: round(v, 3) for k, v in report["timings"].items()},
        "added": report["added"],
        "updated": report["updated"],
        "removed": report["removed"],
        "unchanged": report["unchanged"],
        "problems": report["problems"],
    }


def _run_child(*args: str) -> tuple[dict, dict]:
    """Run this script with `args` in a child; (its JSON output, wall/RSS/CPU of its process tree)."""
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    sampler = _TreeRss(child.pid)
    sampler.start()
    out, err = child.communicate()
    wall = time.monotonic() - started
    sampler.stop()
    if child.returncode != 0:
        raise RuntimeError(f"{args[0]} failed ({child.returncode}): {err.decode(errors='replace')[-2000:]}")
    return json.loads(out), {
        "wall_s": round(wall, 3),
        "cpu_s": round(sampler.cpu_seconds, 2),
        "peak_rss_mb": round(sampler.parent_peak_kb / 1024, 1),
        "peak_rss_tree_mb": round(sampler.tree_peak_kb / 1024, 1),
        "peak_pss_tree_mb": round(sampler.tree_peak_pss_kb / 1024, 1),
    }


class _TreeRss:
    """Samples a process and all its descendants from /proc: peak resident memory, CPU time.

    CPU time is each process's last sampled utime + stime, so a process loses at most one
    interval at its end; it is robust to other load on the machine, unlike wall time.
    """

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid = pid
        self.interval = interval
        self.parent_peak_kb = 0
        self.tree_peak_kb = 0
        # The workers fork from one server and share its pages: the sum of their RSS counts those
        # pages once per process (~70 MB too many at 1,000 files); PSS shares them out. Reading
        # smaps_rollup costs ~4 ms per process, so it is read every `pss_every` samples only.
        self.tree_peak_pss_kb = 0
        self.pss_every = 10
        self._cpu_ticks: dict[int, int] = {}
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def cpu_seconds(self) -> float:
        return sum(self._cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        samples = 0
        while not self._done.is_set():
            total = 0
            pids = _descendants(self.pid)
            for pid in pids:
                rss, ticks = _rss_kb_and_ticks(pid)
                total += rss
                if pid == self.pid:
                    self.parent_peak_kb = max(self.parent_peak_kb, rss)
                if ticks:
                    self._cpu_ticks[pid] = max(self._cpu_ticks.get(pid, 0), ticks)
            self.tree_peak_kb = max(self.tree_peak_kb, total)
            if samples % self.pss_every == 0:
                self.tree_peak_pss_kb = max(self.tree_peak_pss_kb, sum(_pss_kb(pid) for pid in pids))
            samples += 1
            self._done.wait(self.interval)


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, stack = [], [pid]
    while stack:
        p = stack.pop()
        found.append(p)
        stack.extend(children.get(p, ()))
    return found


def _rss_kb_and_ticks(pid: int) -> tuple[int, int]:
    """(resident KB, utime + stime in clock ticks) of one process; zeros when it has gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        with open(f"/proc/{pid}/status") as fh:
            rss = next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
    except (OSError, ValueError, IndexError):
        return 0, 0
    return rss, int(fields[11]) + int(fields[12])


def _pss_kb(pid: int) -> int:
    """Proportional set size in KB (shared pages divided among their processes); 0 when unknown."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            return next((int(line.split()[1]) for line in fh if line.startswith("Pss:")), 0)
    except (OSError, ValueError, IndexError):
        return 0


def _index_child(root: str, index_dir: str, workers: str, ocr: str, engine: str = "") -> None:
    """The child side: index, then print the report as JSON on stdout."""
    from indexer.build import build_index, resolve_paths
    from indexer.rubric import load_rubric

    paths = resolve_paths(Path(root), Path(index_dir))
    report = build_index(paths, load_rubric(), ocr=ocr == "1", workers=int(workers), engine=engine or None)
    json.dump(
        {
            "seconds": report.seconds,
            "timings": dict(report.timings),
            "added": report.added,
            "updated": report.updated,
            "removed": report.removed,
            "unchanged": report.unchanged,
            "problems": len(report.problems),
        },
        sys.stdout,
    )


# --- the limit: raw extraction --------------------------------------------------------------------


def _extract_one(args: tuple[str, bool, str]) -> tuple[float, int, int]:
    from indexer.extract import OcrSettings, extract

    path, ocr, cache = args
    started = time.perf_counter()
    result = extract(Path(path), ocr=OcrSettings(enabled=ocr, cache_dir=cache or None))
    return time.perf_counter() - started, len(result.pages), len(result.ocr_pages)


def raw_extraction(corpus: Corpus, workers: int, *, ocr: bool) -> dict:
    """Text extraction alone (no hashing, tagging or index) over the corpus, same process count."""
    report, measured = _run_child("--raw-child", str(corpus.root), str(workers), "1" if ocr else "0")
    return {**measured, "ocr": report["ocr"]}


def _raw_child(root: str, workers: str, ocr: str) -> None:
    """The child side of `raw_extraction`: a plain process pool over the files `index` would read."""
    import multiprocessing
    import tempfile

    from indexer.scan import scan

    files = [str(f.abspath) for f in scan(Path(root)).files]
    with tempfile.TemporaryDirectory() as cache:
        jobs = [(path, ocr == "1", cache if ocr == "1" else "") for path in files]
        if int(workers) == 0:
            results = [_extract_one(job) for job in jobs]
        else:
            with multiprocessing.get_context("forkserver").Pool(int(workers)) as pool:
                results = pool.map(_extract_one, jobs, chunksize=8)
    ocr_pages = sum(r[2] for r in results)
    ocr_seconds = sum(r[0] for r in results if r[2])
    json.dump({"files": len(files), "ocr": {"pages": ocr_pages, "seconds_per_page": round(ocr_seconds / ocr_pages, 2) if ocr_pages else None}}, sys.stdout)


# --- re-indexing -----------------------------------------------------------------------------------


def reindex_runs(corpus: Corpus, index_dir: Path, workers: int, scans: bool, log: Log) -> dict:
    """No-op, one file touched (same bytes), one file changed, 1% of the files edited."""
    from bench.corpus import edit_files, restore_files

    rng = random.Random(7)
    specs = list(corpus.files)
    runs: dict[str, dict] = {}
    runs["noop"] = _short(index_in_child(corpus.root, index_dir, workers, ocr=scans))
    touched = corpus.root / rng.choice(specs).path
    now = time.time_ns()
    os.utime(touched, ns=(now, now))
    runs["touch_1"] = _short(index_in_child(corpus.root, index_dir, workers, ocr=scans))
    changed = rng.choice([s for s in specs if s.kind != "scan"])
    edit_files(corpus, [changed], variant=1, workers=1)
    runs["change_1"] = _short(index_in_child(corpus.root, index_dir, workers, ocr=scans))
    runs["change_1"]["extract_alone_s"] = round(_extract_one((str(corpus.root / changed.path), False, ""))[0], 3)
    many = rng.sample(specs, max(1, len(specs) // 100))
    edit_files(corpus, many, variant=2, workers=workers)
    runs["edit_1pct"] = _short(index_in_child(corpus.root, index_dir, workers, ocr=scans))
    runs["edit_1pct"]["files"] = len(many)
    restore_files(corpus, workers)
    for name, run in runs.items():
        log(f"re-index {name}: {run}")
    return runs


def _short(run: dict) -> dict:
    keep = ("wall_s", "build_s", "cpu_s", "timings", "added", "updated", "unchanged", "peak_rss_mb")
    return {k: run[k] for k in keep}


# --- search ----------------------------------------------------------------------------------------


def query_set(corpus: Corpus) -> list[tuple[str, str | None]]:
    """A fixed mix: with and without diacritics, phrases, code filters, document numbers."""
    specs = corpus.files
    numbered = [specs[i] for i in (0, len(specs) // 3, (2 * len(specs)) // 3, len(specs) - 1)]
    queries: list[tuple[str, str | None]] = [
        ("đường dây nóng", None),
        ("duong day nong", None),
        ("thư xin lỗi", None),
        ("thu xin loi", None),
        ('"phòng cháy, chữa cháy"', None),
        ('"tiep cong dan"', None),
        ("lịch tiếp công dân", "1.4"),
        ("biên bản", "3"),
        ("kết quả khảo sát", "2.6"),
        ("kế hoạch", "2"),
        ("chữ ký số", None),
        ("VNeID", None),
        ("phường", None),  # in nearly every file: the worst case for ranking
        ("ủy ban nhân dân phường", None),
        ("không có kết quả xyzzy", None),
    ]
    for spec in numbered:
        queries.append((spec.doc_number, None))
    queries.append((f"số {numbered[1].number}", None))
    return queries


def search_latency(corpus: Corpus, index_dir: Path, rounds: int) -> dict:
    """Latency of `search.query.search` in this process: the first query, then p50/p95/p99."""
    from indexer.build import IndexPaths
    from search.query import close_all, search

    paths = IndexPaths(corpus.root, index_dir)
    queries = query_set(corpus)
    close_all()
    started = time.perf_counter()
    search(paths, queries[0][0], code=queries[0][1])
    cold = time.perf_counter() - started
    times: list[float] = []
    by_query: dict[str, float] = {}
    hits: dict[str, int] = {}
    for r in range(max(1, rounds)):
        for text, code in queries:
            started = time.perf_counter()
            result = search(paths, text, code=code)
            elapsed = time.perf_counter() - started
            times.append(elapsed)
            label = text + (f" [--code {code}]" if code else "")
            by_query[label] = max(by_query.get(label, 0.0), elapsed)
            hits[label] = result.total
    close_all()
    ms = sorted(t * 1000 for t in times)
    slowest = max(by_query, key=by_query.get)
    return {
        "queries": len(queries),
        "runs": len(times),
        "cold_ms": round(cold * 1000, 1),
        "p50_ms": round(_percentile(ms, 50), 1),
        "p95_ms": round(_percentile(ms, 95), 1),
        "p99_ms": round(_percentile(ms, 99), 1),
        "max_ms": round(ms[-1], 1),
        "slowest": slowest,
        "hits": hits,
    }


def _percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    k = (len(sorted_values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


# --- coverage and size -----------------------------------------------------------------------------


def coverage_time(corpus: Corpus, index_dir: Path) -> dict:
    """Time of `search.coverage.coverage` on the index (the first call opens it), when it exists."""
    import importlib.util

    if importlib.util.find_spec("search.coverage") is None:
        return {"skipped": "search/coverage.py is not in this tree yet"}
    from indexer.build import IndexPaths
    from indexer.rubric import load_rubric
    from search.coverage import coverage
    from search.query import close_all

    paths, rubric = IndexPaths(corpus.root, index_dir), load_rubric()
    close_all()
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        coverage(paths, rubric)
        timings.append(time.perf_counter() - started)
    close_all()
    return {"seconds": round(min(timings), 3), "first_s": round(timings[0], 3)}


def index_size(index_dir: Path, n: int) -> dict:
    """Bytes on disk of the text index and the catalog (the OCR cache is counted apart)."""

    def du(folder: Path) -> int:
        return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0

    total = du(index_dir)
    ocr = du(index_dir / "ocr-cache")
    text = du(index_dir / "text")
    return {
        "mb": round((total - ocr) / 1e6, 1),
        "text_mb": round(text / 1e6, 1),
        "catalog_mb": round((total - ocr - text) / 1e6, 2),
        "mb_per_1000_files": round((total - ocr) / 1e6 / n * 1000, 2),
        "ocr_cache_mb": round(ocr / 1e6, 2),
    }


# --- output ----------------------------------------------------------------------------------------

TARGETS = {
    "overhead": 1.15,
    "noop_10k_s": 2.0,
    "change_1_s": 1.0,
    "p95_10k_ms": 50,
    "p95_100k_ms": 200,
    "rss_10k_mb": 500,
}


def render_table(report: dict) -> str:
    """The report as a markdown table: one row per measurement, one column per size."""
    sizes = list(report["sizes"])
    rows: list[tuple[str, Callable[[dict], object]]] = [
        ("files (docx / pdf / scan)", lambda r: f"{r['corpus']['docx']} / {r['corpus']['pdf']} / {r['corpus']['scan']}"),
        ("pages (PDF pages + Word pages)", lambda r: r["corpus"]["pages"]),
        ("corpus size MB", lambda r: r["corpus"]["mb"]),
        ("first index: wall s (build_index s)", lambda r: f"{r['first_index']['wall_s']} ({r['first_index']['build_s']})"),
        ("first index: files/s", lambda r: r["first_index"]["files_per_s"]),
        ("first index: pages/s", lambda r: r["first_index"]["pages_per_s"]),
        ("first index: scan / hash / extract / write s", lambda r: " / ".join(str(r["first_index"]["timings"].get(k, "-")) for k in ("scan", "hash", "extract", "write"))),
        ("first index: workers' CPU s reading / tagging (header, title, tags)", lambda r: " / ".join(str(r["first_index"]["timings"].get(k, "-")) for k in ("read_cpu", "describe_cpu"))),
        ("first index: peak RSS MB, index process", lambda r: r["first_index"]["peak_rss_mb"]),
        ("first index: peak RSS MB, with workers", lambda r: r["first_index"]["peak_rss_tree_mb"]),
        ("first index: peak PSS MB, with workers (shared pages counted once)", lambda r: r["first_index"].get("peak_pss_tree_mb", "-")),
        ("first index: CPU s (all processes)", lambda r: r["first_index"]["cpu_s"]),
        ("raw extraction (limit): wall s", lambda r: r["raw_extraction"]["wall_s"]),
        ("raw extraction: CPU s (all processes)", lambda r: r["raw_extraction"]["cpu_s"]),
        ("raw extraction: files/s", lambda r: r["raw_extraction"]["files_per_s"]),
        (f"overhead ratio index/raw, wall (target <= {TARGETS['overhead']})", lambda r: r["raw_extraction"]["overhead_ratio"]),
        ("overhead ratio index/raw, CPU", lambda r: r["raw_extraction"]["overhead_ratio_cpu"]),
        ("re-index, nothing changed: s (build_index s)", lambda r: _pair(r["reindex"]["noop"])),
        ("re-index, 1 file touched: s", lambda r: _pair(r["reindex"]["touch_1"])),
        ("re-index, 1 file changed: s (its extraction alone)", lambda r: f"{_pair(r['reindex']['change_1'])}; {r['reindex']['change_1']['extract_alone_s']}"),
        ("re-index, 1% edited: s", lambda r: f"{_pair(r['reindex']['edit_1pct'])} ({r['reindex']['edit_1pct']['files']} files)"),
        ("search p50 / p95 / p99 ms", lambda r: f"{r['search']['p50_ms']} / {r['search']['p95_ms']} / {r['search']['p99_ms']}"),
        ("search: first query (opens the index) ms", lambda r: r["search"]["cold_ms"]),
        ("coverage s", lambda r: r["coverage"].get("seconds", "skipped")),
        ("index size MB (text + catalog)", lambda r: r["index_size"]["mb"]),
        ("index MB per 1,000 files", lambda r: r["index_size"]["mb_per_1000_files"]),
    ]
    if report.get("scans"):
        rows.append(("OCR s per page (one worker)", lambda r: (r.get("ocr") or {}).get("seconds_per_page")))
    head = "| measurement | " + " | ".join(f"{int(s):,} files" for s in sizes) + " |"
    lines = [head, "|---|" + "---|" * len(sizes)]
    for label, get in rows:
        cells = []
        for s in sizes:
            try:
                cells.append(str(get(report["sizes"][s])))
            except (KeyError, TypeError):
                cells.append("-")
        if set(cells) != {"-"}:  # a row no size measured (--reindex-only) is left out
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    machine = report["machine"]
    lines.append("")
    lines.append(
        f"{machine['cpus']} CPUs, Python {machine['python']}, {report['workers']} extraction workers, {report.get('engine', 'whoosh')} text engine; {machine['platform']}; "
        f"load average before {machine['load_before']}, after {machine.get('load_after')}."
    )
    notes = {s: r["coverage"]["skipped"] for s, r in report["sizes"].items() if "skipped" in r.get("coverage", {})}
    if notes:
        lines.append(f"Coverage not measured: {next(iter(notes.values()))}.")
    return "\n".join(lines)


def _pair(run: dict) -> str:
    return f"{run['wall_s']} ({run['build_s']})"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--index-child":
        _index_child(*argv[1:6])
        return 0
    if argv and argv[0] == "--raw-child":
        _raw_child(*argv[1:4])
        return 0
    parser = argparse.ArgumentParser(description="Benchmark indexing and search on a synthetic evidence corpus.")
    parser.add_argument("--files", default="1000", help="corpus sizes, comma-separated (default 1000)")
    parser.add_argument("--large", action="store_true", help=f"also run at {LARGE:,} files")
    parser.add_argument("--scans", action="store_true", help="about 3%% of the files are scans (measures OCR)")
    parser.add_argument("--workers", type=int, default=None, help="extraction processes (default: as `index`)")
    parser.add_argument("--json", type=Path, default=None, help="also write the report as JSON here")
    parser.add_argument("--rounds", type=int, default=SEARCH_ROUNDS, help="times each query is run")
    parser.add_argument("--cache-dir", type=Path, default=CACHE_DIR)
    parser.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE, help="text engine to measure")
    parser.add_argument("--skip", default="", help="phases to leave out of a long run, comma-separated: raw, reindex")
    parser.add_argument("--reindex-only", action="store_true", help="only re-indexing, on the index of an earlier run (built if missing)")
    args = parser.parse_args(argv)
    sizes = [int(x.replace("_", "")) for x in args.files.split(",") if x.strip()]
    if args.large and LARGE not in sizes:
        sizes.append(LARGE)
    report = run_benchmark(
        sizes, workers=args.workers, scans=args.scans, cache_dir=args.cache_dir, rounds=args.rounds, engine=args.engine,
        skip=frozenset(x.strip() for x in args.skip.split(",") if x.strip()), reindex_only=args.reindex_only,
        log=lambda message: print(message, file=sys.stderr, flush=True),
    )  # fmt: skip
    print(render_table(report))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
