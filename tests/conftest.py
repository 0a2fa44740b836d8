"""Shared fixtures: the bundled rubric, real DOCX/PDF evidence folders, and a CLI runner."""

from __future__ import annotations

import builtins
import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.build import IndexPaths, build_index, resolve_paths
from indexer.rubric import load_rubric

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _close_indexes():
    """Each test starts without indexes another test left open in this process (search.query's cache)."""
    yield
    from search.query import close_all

    close_all()


@pytest.fixture(scope="session")
def rubric():
    """The bundled default rubric (RUBRIC.md)."""
    return load_rubric()


@pytest.fixture(scope="session")
def seed_report_text() -> str:
    """The real ward report the project comes from: a general document that mentions everything."""
    for candidate in (REPO / "examples" / "seed-report-phu-lien-2026.txt", REPO.parent / "shared" / "domain" / "seed-report-phu-lien-2026.txt"):
        if candidate.exists():
            return candidate.read_text(encoding="utf-8")
    pytest.skip("seed report text not found")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def locked(monkeypatch) -> set[str]:
    """Paths (str) that open() refuses with EACCES while they are in this set: a file another
    program holds locked. Root reads through chmod 000, so the denial is simulated."""
    paths: set[str] = set()
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.fspath(file) in paths:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    return paths


@pytest.fixture
def root(tmp_path) -> Path:
    """An empty evidence folder."""
    folder = tmp_path / "evidence"
    folder.mkdir()
    return folder


@pytest.fixture
def index_root(rubric):
    """Index a folder in-process (no worker pool: fast and debuggable) and return its IndexPaths."""

    def run(folder: Path, **options) -> tuple[IndexPaths, object]:
        paths = resolve_paths(folder)
        options.setdefault("workers", 0)
        options.setdefault("ocr", False)
        report = build_index(paths, options.pop("rubric", rubric), **options)
        return paths, report

    return run


@pytest.fixture
def cli():
    """Invoke the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    import cli as cli_module

    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(cli_module.main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke
