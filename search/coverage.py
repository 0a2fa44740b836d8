"""Coverage: which sub-criteria the evidence proves, which only look covered, and the provable score.

A sub-criterion is `proven` when at least `min_evidence` distinct files (distinct by content: two
copies of one file count once) are tied to it by their name, their folder or a manual tag;
`suggested` when something points at it but not enough to prove it (keyword matches, or fewer
proofs than asked); `missing` when nothing does. Only proven sub-criteria count toward the score.

`compute_coverage` is the pure rule; `coverage` reads the catalog and the manual tags and calls it.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from indexer.build import IndexPaths, scan_problems
from indexer.manual import ManualTags
from indexer.models import (
    Coverage,
    CriterionCoverage,
    Evidence,
    EvidenceRef,
    FileStatus,
    Problem,
    Rubric,
    Status,
    SubCriterion,
    SubCriterionCoverage,
    Tag,
    TagSource,
    problem_of,
)
from indexer.rubric import RUBRIC_FILENAME
from indexer.scan import relative_path
from indexer.tagging import NameTags, looks_like_a_copy, tag_by_name, unknown_code_problem, unknown_code_problems

# A named file that the assessor cannot open proves nothing until a reviewer confirms it.
_CANNOT_PROVE = {
    FileStatus.EMPTY: "tệp rỗng, không tính",
    FileStatus.UNREADABLE: "tệp hỏng, không mở được, không tính",
    FileStatus.ENCRYPTED: "tệp có mật khẩu, người chấm không mở được, không tính",
}
GENERAL_NOTE = "văn bản tổng hợp, không tính là minh chứng (xác nhận bằng minhchung tag nếu đúng)"
# Which tag is shown when one file reaches a sub-criterion several ways.
_SOURCE_RANK = {TagSource.FILENAME: 0, TagSource.FOLDER: 1, TagSource.MANUAL: 2, TagSource.KEYWORD: 3}


def coverage(paths: IndexPaths, rubric: Rubric, *, today: dt.date | None = None) -> Coverage:
    """The coverage of `rubric` by the indexed files of `paths.root`, manual tags applied."""
    from search.query import open_index

    index = open_index(paths)
    manual = index.manual()
    # The rubric kept in the evidence folder is indexed like any file, but it is not evidence.
    rubric_file = {RUBRIC_FILENAME, relative_path(paths.root, Path(os.path.abspath(rubric.source)))}
    evidence: list[Evidence] = []
    problems: list[Problem] = []
    indexed: dict[str, str] = {}  # path -> sha256 of every indexed file
    for ev in index.catalog.all():
        indexed[ev.path] = ev.sha256
        if ev.path in rubric_file:
            continue
        named = tag_by_name(ev.path, rubric)  # once per file: 100,000 names take seconds
        evidence.append(manual.apply(with_name_tags(ev, rubric, named)))
        problems.extend(unknown_code_problem(ev.path, code) for code in named.unknown)
    problems.extend(unmatched_tag_problems(manual, indexed, paths.tags_file.name))
    # A link loop or an unlisted folder was said only by `index`; a reviewer reads coverage.
    problems.extend(scan_problems(index.catalog))
    return _score(
        rubric, evidence, problems, generated=today or dt.date.today(), indexed_at=index.catalog.get_meta("indexed_at") or "",
    )  # fmt: skip


def with_name_tags(ev: Evidence, rubric: Rubric, named: NameTags | None = None) -> Evidence:
    """The evidence with its file-name and folder tags redone for `rubric` (`named`: done already).

    Names are cheap to re-read, so an edited rubric (a new code, a renumbered one) shows at once,
    without re-indexing; keyword tags need the text and stay as indexed.
    """
    tags = (named or tag_by_name(ev.path, rubric)).tags
    if ev.tags[: len(tags)] == tags and not any(t.source in _BY_NAME for t in ev.tags[len(tags) :]):
        return ev  # as indexed: the rubric's codes have not changed for this name
    proven = {t.code for t in tags}
    kept = [t for t in ev.tags if t.source is TagSource.KEYWORD and t.code not in proven]
    kept += [t for t in ev.tags if t.source is TagSource.MANUAL]
    return replace(ev, tags=tuple(tags) + tuple(kept))


_BY_NAME = (TagSource.FILENAME, TagSource.FOLDER)


def compute_coverage(
    rubric: Rubric,
    evidence: Iterable[Evidence],
    problems: Iterable[Problem] = (),
    *,
    generated: dt.date | None = None,
    indexed_at: str = "",
) -> Coverage:
    """Score `rubric` against `evidence` (manual tags already applied); `problems` adds to those found,
    with the codes in the files' names that the rubric lacks."""
    evidence = list(evidence)
    named = [p for ev in evidence for p in unknown_code_problems(ev.path, rubric)]
    return _score(rubric, evidence, [*problems, *named], generated=generated, indexed_at=indexed_at)


def _score(rubric: Rubric, evidence: list[Evidence], problems: list[Problem], *, generated: dt.date | None, indexed_at: str) -> Coverage:
    """`compute_coverage` once the names' unknown codes are among `problems`."""
    known = {s.code for s in rubric.subcriteria}
    refs: dict[str, dict[str, EvidenceRef]] = {code: {} for code in known}
    found: list[Problem] = list(problems)
    general: list[str] = []
    for ev in sorted(evidence, key=lambda e: e.path):
        if (problem := problem_of(ev)) is not None:
            found.append(problem)
        found.extend(_unknown_manual_codes(ev, known))
        if ev.general:
            general.append(ev.path)
        for tag in ev.tags:
            if tag.code not in known:
                continue
            current = refs[tag.code].get(ev.path)
            if current is None or _SOURCE_RANK[tag.source] < _SOURCE_RANK[current.source]:
                refs[tag.code][ev.path] = _ref(ev, tag, rubric)
    criteria = []
    for criterion in rubric.criteria:
        subs = tuple(_sub_coverage(sub, list(refs[sub.code].values())) for sub in criterion.subcriteria)
        criteria.append(CriterionCoverage(criterion, sum(s.provable for s in subs), subs))
    return Coverage(
        rubric=rubric,
        criteria=tuple(criteria),
        problems=tuple(sorted(dict.fromkeys(found), key=lambda p: (p.path, p.problem))),
        general=tuple(general),
        generated=generated,
        indexed_at=indexed_at,
    )


def _ref(ev: Evidence, tag: Tag, rubric: Rubric) -> EvidenceRef:
    proves, note = tag.source.proves, ""
    if tag.source in (TagSource.FILENAME, TagSource.FOLDER):
        # A manual tag is a reviewer's decision and always counts; a name only counts on a file
        # the assessor can open and that is not the summary report itself.
        if ev.general:
            proves, note = False, GENERAL_NOTE
        elif ev.status in _CANNOT_PROVE:
            proves, note = False, _CANNOT_PROVE[ev.status]
    return EvidenceRef(
        path=ev.path,
        source=tag.source,
        confidence=tag.confidence,
        reason=tag.reason,
        doc=ev.doc,
        in_period=rubric.in_period(ev.doc.date),
        sha256=ev.sha256,
        title=ev.title,
        proves=proves,
        note=note,
    )


def _sub_coverage(sub: SubCriterion, refs: list[EvidenceRef]) -> SubCriterionCoverage:
    # Of files with the same bytes the first listed is counted: the one not named as a copy.
    proving = sorted((r for r in refs if r.proves), key=lambda r: (_SOURCE_RANK[r.source], looks_like_a_copy(r.path), r.path))
    # Suggestions alike (`Lich tiep cong dan.docx` and `... - Copy.docx`): the one not named as a
    # copy first, which the coverage's `minhchung tag` hint names and the export copies.
    others = sorted((r for r in refs if not r.proves), key=lambda r: (r.source is TagSource.KEYWORD, -r.confidence, looks_like_a_copy(r.path), r.path))
    others = _same_bytes_together(others)
    first_by_content: dict[str, str] = {}
    listed = []
    for r in proving:
        key = r.sha256 or f"path:{r.path}"  # an unhashed file is its own content
        if key in first_by_content:
            r = replace(r, copy_of=first_by_content[key])
        else:
            first_by_content[key] = r.path
        listed.append(r)
    # A suggestion with the bytes of a proof (`Copy of ...`, `(ban sao)`) is that proof again.
    others = [replace(r, copy_of=first_by_content[r.sha256]) if r.sha256 in first_by_content else r for r in others]
    proofs = len(first_by_content)
    if proofs >= sub.min_evidence:
        status = Status.PROVEN
    elif refs:
        status = Status.SUGGESTED
    else:
        status = Status.MISSING
    provable = sub.points if status is Status.PROVEN else 0
    return SubCriterionCoverage(sub, status, provable, tuple(listed + others), proofs)


def _same_bytes_together(refs: list[EvidenceRef]) -> list[EvidenceRef]:
    """`refs` with the files of the same bytes listed together where the first of them stood,
    the ones not named as a copy first (a copy tagged by its name may rank above its original)."""
    def key(r: EvidenceRef) -> str:
        return r.sha256 or f"path:{r.path}"

    groups: dict[str, list[EvidenceRef]] = {}
    for r in refs:
        groups.setdefault(key(r), []).append(r)
    out: list[EvidenceRef] = []
    for r in refs:
        if (group := groups.pop(key(r), None)) is not None:
            out.extend(sorted(group, key=lambda g: looks_like_a_copy(g.path)))  # stable: else as ranked
    return out


def unmatched_tag_problems(manual: ManualTags, indexed: dict[str, str], tags_name: str) -> list[Problem]:
    """One `unmatched-tag` problem per line of the tags file that no indexed file takes (`indexed`:
    path -> sha256): a path typed wrong, in other capitals, or a file deleted since it was tagged."""
    by_case: dict[str, list[str]] = {}
    for path in indexed:
        by_case.setdefault(path.casefold(), []).append(path)
    problems = []
    for e in manual.unmatched({sha for sha in indexed.values() if sha}, set(indexed)):
        line = f"thẻ gán tay {e.action}{e.code} cho “{e.path}”"
        if e.sha256 not in ("-", ""):
            why = ("nội dung tệp đã khác lúc gán: gán lại bằng minhchung tag" if e.path in indexed
                   else "không còn tệp nào có nội dung này (đã xóa?): gán lại bằng minhchung tag, hoặc xóa dòng")  # fmt: skip
        else:
            other = by_case.get(e.path.casefold())
            case = f" (có “{other[0]}”: khác chữ hoa/thường)" if other else ""
            why = f"không có tệp nào đã lập chỉ mục ở đường dẫn này{case}: sửa đường dẫn (tính từ thư mục minh chứng), hoặc xóa dòng"
        problems.append(Problem(tags_name, "unmatched-tag", f"{line}: {why}"))
    return problems


def _unknown_manual_codes(ev: Evidence, known: set[str]) -> list[Problem]:
    """Codes a manual tag gives that the rubric does not have: the file proves nothing there."""
    return [
        Problem(ev.path, "unknown-code", f"thẻ gán tay {t.code}: bỏ thẻ (minhchung untag), hoặc thêm mã vào rubric.toml")
        for t in ev.tags
        if t.source is TagSource.MANUAL and t.code not in known
    ]
