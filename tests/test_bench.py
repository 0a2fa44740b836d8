"""The benchmark keeps working: a tiny corpus, every measurement, the report's shape (never a time)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import run
from bench.corpus import ensure_corpus, plan, render_bytes
from indexer.extract import extract
from indexer.models import FileStatus
from indexer.rubric import load_rubric
from indexer.tagging import tag_by_name


def test_corpus_is_deterministic_and_each_size_a_prefix_of_the_next():
    small, large = plan(40), plan(80)
    assert small == large[:40]
    assert [render_bytes(s)[0] for s in small[:3]] == [render_bytes(s)[0] for s in plan(3)]
    assert render_bytes(small[1], variant=1)[0] != render_bytes(small[1])[0]  # an edit changes the bytes


def test_corpus_looks_like_a_wards_folder():
    specs = plan(300, scans=True)
    kinds = {k: sum(s.kind == k for s in specs) for k in ("docx", "pdf", "scan")}
    assert 100 < kinds["docx"] < 200 and kinds["pdf"] > 100 and 0 < kinds["scan"] < 25
    assert len({s.path.lower() for s in specs}) == len(specs)
    pages = sorted(s.pages for s in specs)
    assert pages[len(pages) // 2] <= 3 and max(pages) > 10 and min(pages) == 1
    coded = [s for s in specs if s.code]
    # The code a file is filed under is read back from its name or folder, as `index` does it.
    rubric = load_rubric()
    assert all(s.code in {t.code for t in tag_by_name(s.path, rubric).tags} for s in coded)
    assert 0.1 < 1 - len(coded) / len(specs) < 0.35  # some files carry no code at all


def test_generated_files_read_back(tmp_path):
    corpus = ensure_corpus(8, cache_dir=tmp_path, workers=1)
    for spec in corpus.files:
        result = extract(corpus.root / spec.path)
        assert result.status is FileStatus.OK, spec.path
        assert spec.doc_number in result.text
    again = ensure_corpus(8, cache_dir=tmp_path, workers=1)
    assert again.seconds == 0.0  # cached


def test_percentile():
    assert run._percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert run._percentile([5.0], 95) == 5.0
    assert run._percentile([], 50) == 0.0


@pytest.mark.slow
def test_benchmark_runs_end_to_end(tmp_path):
    report = run.run_benchmark([12], workers=1, cache_dir=tmp_path, rounds=1)
    size = report["sizes"]["12"]
    assert size["corpus"]["files"] == 12
    first = size["first_index"]
    assert first["added"] == 12 and first["problems"] == 0
    assert set(first["timings"]) >= {"scan", "hash", "extract", "write"}
    assert first["timings"]["read_cpu"] > 0 and first["timings"]["describe_cpu"] > 0  # the workers' split
    assert first["peak_rss_mb"] > 0 and first["cpu_s"] > 0
    if Path("/proc/self/smaps_rollup").exists():
        assert first["peak_pss_tree_mb"] > 0
    assert size["raw_extraction"]["overhead_ratio"] > 0
    reindex = size["reindex"]
    assert reindex["noop"]["unchanged"] == 12 and reindex["noop"]["updated"] == 0
    assert reindex["touch_1"]["updated"] == 0
    assert reindex["change_1"]["updated"] == 1
    assert reindex["edit_1pct"]["updated"] == 1
    search = size["search"]
    assert search["runs"] == search["queries"] > 10
    assert search["p50_ms"] <= search["p95_ms"] <= search["p99_ms"]
    assert search["hits"]["phường"] == 12  # every generated document names the ward
    assert "seconds" in size["coverage"] or "skipped" in size["coverage"]
    assert size["index_size"]["mb"] > 0
    table = run.render_table(report)
    assert table.startswith("| measurement | 12 files |")
    assert "overhead ratio" in table and "search p50 / p95 / p99 ms" in table
    json.dumps(report)  # the --json output
    # The edits were undone: the cached corpus is as generated.
    corpus = ensure_corpus(12, cache_dir=tmp_path, workers=1)
    assert all((corpus.root / s.path).read_bytes() == render_bytes(s)[0] for s in corpus.files)


@pytest.mark.slow
def test_reindex_only_reuses_the_last_index_and_measures_nothing_else(tmp_path):
    run.run_benchmark([6], workers=1, cache_dir=tmp_path, reindex_only=True)  # no index yet: built
    report = run.run_benchmark([6], workers=1, cache_dir=tmp_path, reindex_only=True)
    size = report["sizes"]["6"]
    assert set(size) == {"corpus", "reindex"}
    # The first run's edits were caught up before measuring: nothing changed is nothing.
    assert size["reindex"]["noop"]["unchanged"] == 6 and size["reindex"]["noop"]["updated"] == 0
    assert size["reindex"]["change_1"]["updated"] == 1
    table = run.render_table(report)
    assert "re-index, 1 file changed" in table and "search p50" not in table
