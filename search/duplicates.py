"""Duplicates: files with the same content (sha256) under different names or folders.

Wards copy one decision into every sub-criterion folder it serves, or save the same scan twice
under two names. The copies are listed so staff can tidy up, and so nobody mistakes two copies
of one file for two proofs (coverage counts distinct content, not paths).
"""

from __future__ import annotations

from typing import Iterable

from indexer.build import IndexPaths
from indexer.models import DuplicateGroup, Evidence


def duplicate_groups(paths: IndexPaths) -> list[DuplicateGroup]:
    """The groups of indexed files that share their content, largest waste first."""
    from search.query import list_files

    return find_duplicates(list_files(paths))


def find_duplicates(evidence: Iterable[Evidence]) -> list[DuplicateGroup]:
    """Group `evidence` by content hash; only groups of two or more, largest waste first.

    Empty files all share one hash but are not copies of anything (they are listed as problems
    already), and a file whose hash could not be computed has no content to compare.
    """
    by_hash: dict[str, list[Evidence]] = {}
    for ev in evidence:
        if ev.sha256 and ev.size > 0:
            by_hash.setdefault(ev.sha256, []).append(ev)
    groups = [
        DuplicateGroup(sha, items[0].size, tuple(sorted(e.path for e in items)))
        for sha, items in by_hash.items()
        if len(items) > 1
    ]
    return sorted(groups, key=lambda g: (-g.wasted, g.paths))


def copies_by_path(groups: Iterable[DuplicateGroup]) -> dict[str, tuple[str, ...]]:
    """path -> the other paths with the same content, for every path in a group."""
    others: dict[str, tuple[str, ...]] = {}
    for group in groups:
        for path in group.paths:
            others[path] = tuple(p for p in group.paths if p != path)
    return others
