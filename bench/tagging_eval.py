"""How well does minhchung tag a real, messy ward evidence folder?

    python bench/tagging_eval.py                 # both halves, then the mistakes of the tuning half
    python bench/tagging_eval.py --half held-out # one half's numbers and mistakes
    python bench/tagging_eval.py --json          # everything as JSON
    python bench/tagging_eval.py --no-ocr        # skip tesseract (photos and scans read nothing)
    python bench/tagging_eval.py --fast          # no files or index: texts straight to the tagger

It writes the folder of `bench/tagging_corpus.py` (about 90 files: Word, text PDFs, scans, phone
photos, an Excel sheet; codes in names and folders in the styles staff use, or none), indexes it
with the real pipeline (`build_index`, as `minhchung index` does) and scores what
`minhchung files --json` would show against the ground truth:

- filename / folder: precision and recall of codes taken from names, against the codes each name
  really announces; unknown codes (1.9) must be reported, not tagged;
- keyword: suggestions as stored (only for codes the name does not already prove), against the
  sub-criteria a reviewer would give the file; keyword-all: the content tagger on every file,
  name or no name, which is what decides the suggestions on files named without a code;
- general: summaries flagged general, and anything else wrongly flagged;
- files: every code a file ends up with, from any source;
- coverage: per sub-criterion, whether the folder ends up proven / suggested / missing as truth says.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))  # run as a script: `bench` and `indexer` from the repo root

from bench.docgen import split_header, write_docx, write_image, write_pdf, write_scan_pdf  # noqa: E402
from bench.tagging_corpus import Case, cases  # noqa: E402

FONT = "Times New Roman"
SEED_REPORT = "seed-report-phu-lien-2026.txt"


# --- the folder --------------------------------------------------------------------------------


def _seed_report_lines() -> tuple[str, ...]:
    for folder in (HERE.parent / "examples", HERE.parent.parent / "shared" / "domain"):
        path = folder / SEED_REPORT
        if path.exists():
            return tuple(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    raise FileNotFoundError("seed-report-phu-lien-2026.txt not found (examples/ or shared/domain/)")


def write_case(root: Path, case: Case) -> Path:
    """Write one case's file where staff put it, in its own format."""
    rel = unicodedata.normalize("NFD", case.path) if case.nfd else case.path
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = list(case.lines) or (list(_seed_report_lines()) if case.kind == "general" else [])
    suffix = path.suffix.lower()
    rows = [list(r) for r in case.table] or None
    if suffix == ".docx":
        header, body = split_header(lines)
        write_docx(path, body or [""], header_table=header, table_rows=rows, font=FONT)
    elif suffix == ".pdf":
        body_lines = lines + ["   ".join(r) for r in (rows or [])]
        if case.scan:
            write_scan_pdf(path, [body_lines])
        else:
            header, body = split_header(body_lines)
            write_pdf(path, [body], header_table=header)
    elif suffix in {".jpg", ".jpeg", ".png"}:
        write_image(path, lines)
    elif suffix == ".xlsx":
        # A spreadsheet the indexer cannot read: only its name and folder can tag it.
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(zipfile.ZipInfo("[Content_Types].xml", (2026, 3, 31, 8, 0, 0)), "<Types/>")
            zf.writestr(zipfile.ZipInfo("xl/workbook.xml", (2026, 3, 31, 8, 0, 0)), "<workbook/>")
    else:
        raise ValueError(f"no writer for {case.path}")
    return path


def write_folder(root: Path, selected: list[Case]) -> None:
    """Write every case under `root` (emptied first)."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for case in selected:
        write_case(root, case)


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class Score:
    """Counts for one source. Precision: of the codes given, how many are right (a code the truth
    only allows counts as right); recall: of the codes required, how many were given."""

    tp: int = 0  # codes given that are right
    fp: int = 0  # codes given that are wrong
    found: int = 0  # required codes given
    fn: int = 0  # required codes not given

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.found / (self.found + self.fn) if self.found + self.fn else None

    def as_dict(self) -> dict:
        return {"right": self.tp, "wrong": self.fp, "found": self.found, "missed": self.fn,
                "precision": _r(self.precision), "recall": _r(self.recall)}


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


@dataclass
class Result:
    half: str
    sources: dict[str, Score] = field(default_factory=dict)
    general: dict[str, int] = field(default_factory=dict)
    unknown: Score = field(default_factory=Score)
    coverage: dict[str, int] = field(default_factory=dict)
    mistakes: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "half": self.half,
            "sources": {k: v.as_dict() for k, v in self.sources.items()},
            "general": self.general,
            "unknown_codes": self.unknown.as_dict(),
            "coverage": self.coverage,
            "mistakes": self.mistakes,
        }


def _count(score: Score, predicted: set[str], required: set[str], allowed: set[str]) -> tuple[set[str], set[str]]:
    wrong = predicted - allowed
    missed = required - predicted
    score.tp += len(predicted & allowed)
    score.fp += len(wrong)
    score.found += len(required & predicted)
    score.fn += len(missed)
    return wrong, missed


def score(selected: list[Case], observed: dict[str, dict], known: set[str], half: str) -> Result:
    """Compare what the index says about each file (`observed`) with the ground truth."""
    res = Result(half)
    for key in ("filename", "folder", "keyword", "keyword-all", "files"):
        res.sources[key] = Score()
    res.general = {"general_docs": 0, "flagged": 0, "false_flags": 0}
    for case in selected:
        obs = observed[unicodedata.normalize("NFC", case.path)]
        tags = obs["tags"]  # [(code, source, reason)]
        by = lambda s: {c for c, src, _ in tags if src == s}  # noqa: E731
        truth = set(case.codes)
        allowed = truth | set(case.also)
        notes: list[str] = []

        want = {c for c in case.name_codes if c in known}
        wrong, missed = _count(res.sources["filename"], by("filename"), want, want)
        notes += [f"filename tagged {c}" for c in sorted(wrong)] + [f"filename missed {c}" for c in sorted(missed)]
        want = {c for c in case.folder_codes if c in known}
        wrong, missed = _count(res.sources["folder"], by("folder"), want, want)
        notes += [f"folder tagged {c}" for c in sorted(wrong)] + [f"folder missed {c}" for c in sorted(missed)]

        reported = set(obs["unknown"])
        should = {c for c in case.name_codes + case.folder_codes if c not in known}
        _count(res.unknown, reported, should, should)
        if reported != should:
            notes.append(f"unknown codes reported {sorted(reported)}, expected {sorted(should)}")

        proven = by("filename") | by("folder")
        kw = by("keyword")
        reasons = {c: r for c, src, r in tags if src == "keyword"}
        wrong, missed = _count(res.sources["keyword"], kw, truth - proven, allowed)
        notes += [f"keyword suggested {c} ({reasons[c]})" for c in sorted(wrong)]
        notes += [f"keyword missed {c}" for c in sorted(missed) if obs["status"] == "ok"]

        raw = set(obs["keyword_all"])
        raw_reasons = obs["keyword_all"]
        wrong_all, missed_all = _count(res.sources["keyword-all"], raw, truth if obs["status"] == "ok" else set(), allowed)
        notes += [f"content alone would suggest {c} ({raw_reasons[c]})" for c in sorted(wrong_all - wrong)]
        notes += [f"content alone misses {c}" for c in sorted(missed_all) if c in proven]

        _count(res.sources["files"], {c for c, _, _ in tags}, truth, allowed)

        if case.kind == "general":
            res.general["general_docs"] += 1
            res.general["flagged"] += obs["general"]
            if not obs["general"]:
                notes.append(f"general document not flagged general ({obs['matched']} sub-criteria matched)")
        elif obs["general"]:
            res.general["false_flags"] += 1
            notes.append("flagged general but is not a summary")
        if notes:
            res.mistakes.append({"path": case.path, "kind": case.kind, "truth": sorted(truth), "status": obs["status"], "mistakes": notes})
    return res


def coverage(selected: list[Case], observed: dict[str, dict], known: list[str]) -> dict[str, int]:
    """Per sub-criterion: does the folder end up proven / suggested / missing where truth says so?"""
    truth: dict[str, str] = {c: "missing" for c in known}
    seen: dict[str, str] = {c: "missing" for c in known}
    rank = {"missing": 0, "suggested": 1, "proven": 2}
    for case in selected:
        obs = observed[unicodedata.normalize("NFC", case.path)]
        proven_by_name = {c for c in case.name_codes + case.folder_codes if c in truth}
        for c in case.codes:
            status = "proven" if c in proven_by_name else "suggested"
            if rank[status] > rank[truth[c]]:
                truth[c] = status
        for c, src, _ in obs["tags"]:
            status = "suggested" if src == "keyword" else "proven"
            if c in seen and rank[status] > rank[seen[c]]:
                seen[c] = status
    out = {"right": 0, "wrong": 0}
    for c in known:
        out["right" if truth[c] == seen[c] else "wrong"] += 1
        if truth[c] != seen[c]:
            out.setdefault("differences", []).append(f"{c}: {seen[c]} (truth {truth[c]})")  # type: ignore[union-attr]
    return out


# --- running the real pipeline -----------------------------------------------------------------


def observe(root: Path, index_dir: Path, *, ocr: bool, workers: int | None) -> dict[str, dict]:
    """Index `root` with the real pipeline and read back each file's tags, as `files --json` shows them."""
    from indexer.build import build_index, resolve_paths
    from indexer.rubric import load_rubric
    from search.query import close_all, list_files, open_index

    from indexer import tagging

    rubric = load_rubric()
    paths = resolve_paths(root, index_dir)
    report = build_index(paths, rubric, rebuild=True, ocr=ocr, workers=workers)
    unknown: dict[str, list[str]] = {}
    for p in report.problems:
        if p.problem == "unknown-code":
            unknown.setdefault(p.path, []).append(p.detail.split()[1])
    close_all()
    index = open_index(paths)
    observed: dict[str, dict] = {}
    for ev in list_files(paths):
        pages = index.text.pages(ev.path)
        # The content tagger as describe() calls it, without the codes the name proves.
        readable = ev.status.value == "ok"
        name = ev.path.rsplit("/", 1)[-1]
        kw = tagging.tag_by_keywords(_stem(name), ev.title if readable else "", "\n".join(pages) if readable else "",
                                     rubric, from_ocr=ev.text_source == "ocr", path=ev.path)
        raw, matched = {t.code: t.reason for t in kw.tags}, kw.matched
        observed[ev.path] = {
            "tags": [(t.code, t.source.value, t.reason) for t in ev.tags],
            "general": ev.general,
            "status": ev.status.value,
            "unknown": unknown.get(ev.path, []),
            "keyword_all": raw,
            "matched": matched,
            "title": ev.title,
        }
    close_all()
    return observed


def observe_text(selected: list[Case]) -> dict[str, dict]:
    """What the index would say if every file read back exactly as written: no files, no OCR.

    Seconds instead of a minute, for tests and quick tuning; each case goes through the same
    `describe()` the index uses, with the text its extractor would return.
    """
    from indexer.build import _Job, describe
    from indexer.extract import OcrSettings
    from indexer.models import Extraction, FileStatus
    from indexer.rubric import load_rubric

    from indexer import tagging

    rubric = load_rubric()
    observed: dict[str, dict] = {}
    for case in selected:
        path = unicodedata.normalize("NFC", case.path)
        lines = list(case.lines) or (list(_seed_report_lines()) if case.kind == "general" else [])
        lines += ["   ".join(r) for r in case.table]
        photo = path.lower().endswith((".jpg", ".jpeg", ".png")) or case.scan
        if lines and not path.lower().endswith(".xlsx"):
            extraction = Extraction(FileStatus.OK, ("\n".join(lines),), "", "ocr" if photo else "text", (1,) if photo else ())
        else:
            extraction = Extraction(FileStatus.NO_TEXT, (), "no text")
        job = _Job(path, path, "", rubric, OcrSettings(enabled=False), 200, 1, 0)
        ev = describe(job, extraction).evidence
        name = path.rsplit("/", 1)[-1]
        readable = extraction.status is FileStatus.OK
        kw = tagging.tag_by_keywords(_stem(name), ev.title if readable else "", extraction.text, rubric,
                                     from_ocr=photo, path=path)
        observed[path] = {
            "tags": [(t.code, t.source.value, t.reason) for t in ev.tags],
            "general": ev.general,
            "status": ev.status.value,
            "unknown": list(tagging.tag_by_name(path, rubric).unknown),
            "keyword_all": {t.code: t.reason for t in kw.tags},
            "matched": kw.matched,
            "title": ev.title,
        }
    return observed


def _stem(name: str) -> str:
    from indexer.build import _stem as stem

    return stem(name)


def evaluate(*, halves=("tune", "held-out"), ocr: bool = True, workers: int | None = None, work: Path | None = None,
             only=None, fast: bool = False) -> dict:
    """Write the folder, index it, and score each half; returns the JSON-ready results.

    `fast` skips the files and the index: each case's text goes straight to `describe()`.
    """
    from indexer.rubric import load_rubric

    known = [s.code for s in load_rubric().subcriteria]
    selected = [c for c in cases() if only is None or only(c)]
    if fast:
        started = time.monotonic()
        observed = observe_text(selected)
        return _scored(selected, observed, known, halves, started)
    tmp = None
    if work is None:
        tmp = tempfile.TemporaryDirectory(prefix="minhchung-tagging-")
        work = Path(tmp.name)
    try:
        started = time.monotonic()
        write_folder(work / "evidence", selected)
        observed = observe(work / "evidence", work / "index", ocr=ocr, workers=workers)
        return _scored(selected, observed, known, halves, started)
    finally:
        if tmp is not None:
            tmp.cleanup()


def _scored(selected: list[Case], observed: dict[str, dict], known: list[str], halves, started: float) -> dict:
    out = {"files": len(selected), "seconds": round(time.monotonic() - started, 1), "halves": {}}
    for half in halves:
        part = [c for c in selected if half == "all" or c.half == half]
        out["halves"][half] = score(part, observed, set(known), half).as_dict()
    out["coverage"] = coverage(selected, observed, known)
    return out


# --- printing ----------------------------------------------------------------------------------


def _fmt(x) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def render(result: dict, mistakes_of: str | None) -> str:
    lines = [f"{result['files']} files, indexed and scored in {result['seconds']} s", ""]
    halves = result["halves"]
    head = f"{'source':<12}" + "".join(f"{h + ' P':>14}{h + ' R':>12}" for h in halves)
    lines.append(head)
    for src in ("filename", "folder", "keyword", "keyword-all", "files"):
        row = f"{src:<12}"
        for h in halves:
            s = halves[h]["sources"][src]
            row += f"{_fmt(s['precision']):>14}{_fmt(s['recall']):>12}"
        lines.append(row)
    lines.append("")
    for h, res in halves.items():
        g = res["general"]
        u = res["unknown_codes"]
        lines.append(f"[{h}] general guard: {g['flagged']}/{g['general_docs']} summaries flagged, {g['false_flags']} other files wrongly flagged;"
                     f" unknown codes reported {u['right']}, missed {u['missed']}, wrong {u['wrong']}")
    cov = result["coverage"]
    lines.append(f"coverage (whole folder): {cov['right']} sub-criteria right, {cov['wrong']} wrong"
                 + (": " + "; ".join(cov.get("differences", [])) if cov.get("differences") else ""))
    if mistakes_of:
        res = halves[mistakes_of]
        lines += ["", f"mistakes ({mistakes_of}): {len(res['mistakes'])} files"]
        for m in res["mistakes"]:
            lines.append(f"- {m['path']}  [{m['kind']}; truth {', '.join(m['truth']) or '-'}; {m['status']}]")
            lines += [f"    {n}" for n in m["mistakes"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=["tune", "held-out", "all"], default=None,
                        help="score one half only (default: both halves, mistakes of the tuning half)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--no-ocr", action="store_true", help="do not OCR photos and scans")
    parser.add_argument("--workers", type=int, default=None, help="extraction worker processes (0: in-process)")
    parser.add_argument("--work", type=Path, default=None, help="keep the folder and index here (reused OCR cache)")
    parser.add_argument("--fast", action="store_true", help="no files, no index: each case's text straight to the tagger")
    args = parser.parse_args(argv)
    halves = (args.half,) if args.half else ("tune", "held-out", "all")
    result = evaluate(halves=halves, ocr=not args.no_ocr, workers=args.workers, work=args.work, fast=args.fast)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(render(result, args.half or "tune"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
