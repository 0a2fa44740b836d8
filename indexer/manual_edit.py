"""`tag` and `untag`: a reviewer confirms a file as proof of a sub-criterion, or turns a suggestion down.

The decision is written to the manual tags file (see manual.py), keyed by the file's content hash
as the catalog knows it, and the file's entry in the text index is refreshed at once so that
`search --code` agrees with `coverage` without waiting for the next `index`. Both happen under
the build lock, so a running `index` or watcher never writes the same entry at the same time.
"""

from __future__ import annotations

import os
from pathlib import Path

from .build import IndexPaths, build_lock, refresh_codes
from .catalog import catalog_exists, open_catalog
from .errors import IndexMissingError, IndexWriteError, MinhchungError, TagsError
from .manual import ManualTag, ManualTags, load_manual_tags, save_manual_tags
from .models import Evidence, Rubric, TagChange, TagSource
from .scan import relative_path
from .tagging import tag_by_name


def tag_file(paths: IndexPaths, rubric: Rubric, path: str | Path, codes: list[str], *, wait: float = 60.0) -> TagChange:
    """Confirm `path` as proof of each code (a keyword suggestion becomes proof)."""
    return _edit(paths, rubric, path, codes, confirm=True, wait=wait)


def untag_file(paths: IndexPaths, rubric: Rubric, path: str | Path, codes: list[str], *, wait: float = 60.0) -> TagChange:
    """Take away a manual tag, or dismiss a keyword suggestion, for each code on `path`."""
    return _edit(paths, rubric, path, codes, confirm=False, wait=wait)


def _edit(paths: IndexPaths, rubric: Rubric, path: str | Path, codes: list[str], *, confirm: bool, wait: float) -> TagChange:
    if confirm or not codes:
        _check_codes(codes, rubric)
    if not catalog_exists(paths.index_dir):
        raise IndexMissingError(f"chưa có chỉ mục ở {paths.index_dir}: chạy `minhchung index --root {paths.root}` trước (no index in it yet)")
    with build_lock(paths.index_dir, wait):
        ev = find_indexed(paths, path)
        manual = load_manual_tags(paths.tags_file)  # a damaged file stops here, before anything is written
        if not confirm:
            # A line for a code the rubric lacks (renumbered, or typed by hand) can be taken away:
            # coverage's advice for it is `untag`.
            _check_codes(codes, rubric, tagged={e.code for e in manual.entries if _matches(e, ev, e.code)})
        if confirm:
            updated, change = _confirm(manual, ev, codes, rubric)
        else:
            updated, change = _withdraw(manual, ev, codes, rubric)
        if updated != manual:
            _save(paths, updated)
            _refresh(paths, ev.path, updated)
    return TagChange(ev.path, ev.sha256, tags_file=str(paths.tags_file), **change)


def _save(paths: IndexPaths, tags: ManualTags) -> None:
    try:
        save_manual_tags(paths.tags_file, tags)
    except OSError as exc:  # the evidence folder or the tags file is not writable for this account
        raise TagsError(
            f"không ghi được {paths.tags_file} ({exc.strerror or exc}): cần quyền ghi vào thư mục minh chứng "
            "và tệp thẻ; chưa thay đổi gì (cannot write the manual tags file; nothing changed)"
        ) from exc


def _refresh(paths: IndexPaths, rel_path: str, tags: ManualTags) -> None:
    """Rewrite the file's index entry; the decision is already saved, so a failure here must say so."""
    try:
        refresh_codes(paths, [rel_path], manual=tags)
    except Exception as exc:  # whatever stopped the index, the user must know the tag is kept
        reason = exc.message if isinstance(exc, MinhchungError) else getattr(exc, "strerror", None) or f"{type(exc).__name__}: {exc}"
        raise IndexWriteError(
            f"ĐÃ LƯU thẻ vào {paths.tags_file} (coverage đã thấy), nhưng chưa cập nhật được chỉ mục ({reason}): "
            f"chạy `minhchung index --root {paths.root}` để `search --code` thấy thẻ mới "
            "(the tag WAS saved; run index to refresh search)"
        ) from exc


def _check_codes(codes: list[str], rubric: Rubric, tagged: set[str] = frozenset()) -> None:
    """TagsError for no code, a criterion code, or a code the rubric lacks (unless `tagged`: the file has lines for it)."""
    if not codes:
        raise TagsError("ghi ít nhất một mã tiêu chí con, ví dụ 2.4 (name at least one sub-criterion code)")
    known = [s.code for s in rubric.subcriteria]
    unknown = [c for c in codes if c not in known and c not in tagged]
    whole = [c for c in unknown if rubric.criterion(c) is not None]
    if whole:
        example = next(s.code for s in rubric.subcriteria if s.criterion_code == whole[0])
        raise TagsError(f"{whole[0]} là mã tiêu chí; ghi mã tiêu chí con, ví dụ {example} (a criterion, not a sub-criterion)")
    if unknown:
        raise TagsError(
            f"{', '.join(unknown)}: không có trong bộ tiêu chí {rubric.source}, các mã là {known[0]} … {known[-1]} (not a sub-criterion of the rubric)"
        )


def find_indexed(paths: IndexPaths, given: str | Path) -> Evidence:
    """The catalog record of a file given relative to the root (or the current folder), or absolute."""
    given = Path(given)
    candidates = [given] if given.is_absolute() else [paths.root / given, Path.cwd() / given]
    inside = []
    for candidate in candidates:
        full = Path(os.path.abspath(candidate))
        for root, target in ((paths.root, full), (Path(os.path.realpath(paths.root)), Path(os.path.realpath(full)))):
            try:
                target.relative_to(root)
            except ValueError:
                continue
            inside.append(relative_path(root, target))
            break
    if not inside:
        raise TagsError(f"{given} nằm ngoài thư mục minh chứng {paths.root} (outside the evidence folder)")
    catalog = open_catalog(paths.index_dir)
    try:
        for rel in dict.fromkeys(inside):
            ev = catalog.get(rel)
            if ev is not None:
                return ev
    finally:
        catalog.close()
    raise TagsError(f"{inside[0]} chưa có trong chỉ mục: xem lại tên tệp, hoặc chạy `minhchung index` nếu tệp mới chép vào (not in the index)")


def _confirm(manual: ManualTags, ev: Evidence, codes: list[str], rubric: Rubric) -> tuple[ManualTags, dict]:
    confirmed, notes = [], []
    named = {t.code for t in tag_by_name(ev.path, rubric).tags}
    for code in codes:
        lines = _lines(manual, ev, code)
        if any(e.action == "+" for e in lines) and not any(e.action == "-" for e in lines):
            notes.append((code, "đã gán tay từ trước (already tagged)"))
            continue
        manual = _without(manual, ev, code).changed("+", code, ev.sha256, ev.path)
        confirmed.append(code)
        if code in named and not ev.general:
            notes.append((code, "tên tệp/thư mục đã chứng minh; thẻ gán tay được ghi thêm (the name already proves it)"))
    return manual, {"confirmed": tuple(confirmed), "notes": tuple(notes)}


def _withdraw(manual: ManualTags, ev: Evidence, codes: list[str], rubric: Rubric) -> tuple[ManualTags, dict]:
    removed, dismissed, notes = [], [], []
    suggested = {t.code for t in ev.tags if t.source is TagSource.KEYWORD}
    named = {t.code: t.reason for t in tag_by_name(ev.path, rubric).tags}
    for code in codes:
        lines = _lines(manual, ev, code)
        if any(e.action == "+" for e in lines) or (lines and code not in rubric.codes):
            manual = _without(manual, ev, code)
            removed.append(code)
            if code in suggested:  # taking back a confirmation leaves the suggestion, as before
                notes.append((code, "gợi ý từ khóa vẫn còn; chạy lại untag để bỏ cả gợi ý (the keyword suggestion remains)"))
        elif code in named:
            raise TagsError(
                f"mã {code} của tệp “{ev.path}” lấy từ {named[code]}, không phải do gán tay nên không bỏ được bằng untag: "
                "muốn đổi, hãy đổi tên tệp hoặc chuyển tệp sang thư mục khác (the code comes from the file's name or folder)"
            )
        elif any(e.action == "-" for e in lines):
            notes.append((code, "gợi ý đã bị bỏ từ trước (already dismissed)"))
        elif code in suggested:
            manual = manual.changed("-", code, ev.sha256, ev.path)
            dismissed.append(code)
        else:
            notes.append((code, "tệp không gắn với mã này (the file is not tied to this code)"))
    return manual, {"removed": tuple(removed), "dismissed": tuple(dismissed), "notes": tuple(notes)}


def _matches(entry: ManualTag, ev: Evidence, code: str) -> bool:
    # The same rule as ManualTags.for_file: by content hash, or by path on a line without one.
    return entry.code == code and ((ev.sha256 and entry.sha256 == ev.sha256) or (entry.sha256 in ("-", "") and entry.path == ev.path))


def _lines(manual: ManualTags, ev: Evidence, code: str) -> list[ManualTag]:
    return [e for e in manual.entries if _matches(e, ev, code)]


def _without(manual: ManualTags, ev: Evidence, code: str) -> ManualTags:
    return ManualTags(tuple(e for e in manual.entries if not _matches(e, ev, code)))
