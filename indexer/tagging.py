"""Tie files to sub-criteria: by the code in the file name, by the folder, or by content keywords.

Every tag carries its source, a confidence and a reason a reviewer can read ("tên tệp: TC1.2",
"thư mục: Tieu chi 1/1.3 So dien thoai", "từ khóa: đường dây nóng ×3"). Names and folders prove;
keywords only suggest. A document that speaks of most of the rubric at once (a summary report)
is marked general and suggests nothing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .models import Rubric, Tag, TagSource
from .vietnamese import fold, normalize

# A prefix that marks a code anywhere in a name: TC, Tiêu chí, MC (minh chứng), Chỉ tiêu.
_PREFIX = r"(?:t\.?\s*c|tieu\s*chi|minh\s*chung|m\.?\s*c|chi\s*tieu)"
# One code: 1.2, 1-2 (with a prefix), 01.02; a third level (2.4.1) is cut to its sub-criterion.
_CODE = r"(\d{1,2})\s*[.,]\s*(\d{1,2})(?![\d])"
_CODE_DASH = r"(\d{1,2})\s*[-_]\s*(\d{1,2})(?![\d])"
_JOIN = r"\s*(?:\+|,|;|&|/|\bva\b|\band\b|-)\s*"

_PREFIXED_RE = re.compile(
    rf"(?<![a-z]){_PREFIX}[\s._-]*(?:{_CODE}|{_CODE_DASH})((?:{_JOIN}(?:{_PREFIX}[\s._-]*)?\d{{1,2}}\s*[.,-]\s*\d{{1,2}}(?!\d))*)"
)
_LEADING_RE = re.compile(rf"^[\s(\[]*{_CODE}((?:{_JOIN}\d{{1,2}}\s*[.,]\s*\d{{1,2}}(?!\d))*)")
_LEADING_DASH_RE = re.compile(rf"^[\s(\[]*{_CODE_DASH}(?=[\s_)\].]|$)")
_MORE_RE = re.compile(r"(\d{1,2})\s*[.,-]\s*(\d{1,2})(?!\d)")
# A leading date (13.02.2026, 1.2.26) is not a code.
_DATE_AFTER = re.compile(r"^[.,/-]\d{2,4}")
_CRITERION_ONLY_RE = re.compile(rf"^(?:{_PREFIX})[\s._-]*(\d{{1,2}})(?![\d.,-]*\d)")


def codes_in_name(name: str) -> list[str]:
    """Sub-criterion codes a file or folder name announces: `TC1.3+1.7 x.pdf` -> ["1.3", "1.7"].

    A bare number pair counts only at the start of the name; with a prefix (TC, Tiêu chí, MC)
    it counts anywhere. The extension is not part of the name.
    """
    text = fold(normalize(name)).lower()
    text = re.sub(r"\.(pdf|docx?|xlsx?|pptx?|jpe?g|png|tiff?|txt|zip|rar|odt)$", "", text)
    found: list[str] = []
    m = _LEADING_RE.match(text)
    if m and not _DATE_AFTER.match(text[m.end(2) :]) and not _DATE_AFTER.match(text[m.end() :]):
        found.append(f"{int(m.group(1))}.{int(m.group(2))}")
        found.extend(f"{int(a)}.{int(b)}" for a, b in _MORE_RE.findall(m.group(3)))
    elif (m := _LEADING_DASH_RE.match(text)) and not _DATE_AFTER.match(text[m.end() :]):
        found.append(f"{int(m.group(1))}.{int(m.group(2))}")
    for m in _PREFIXED_RE.finditer(text):
        a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if _DATE_AFTER.match(text[m.end(4 if m.group(3) else 2) :]) and not m.group(5):
            continue
        found.append(f"{int(a)}.{int(b)}")
        found.extend(f"{int(x)}.{int(y)}" for x, y in _MORE_RE.findall(m.group(5) or ""))
    return list(dict.fromkeys(found))


def criterion_in_name(name: str) -> str | None:
    """A folder such as `TC4` or `Tieu chi 4` names a whole criterion (not enough to prove)."""
    m = _CRITERION_ONLY_RE.match(fold(normalize(name)).lower().strip())
    return str(int(m.group(1))) if m else None


@dataclass(frozen=True)
class NameTags:
    tags: tuple[Tag, ...]
    unknown: tuple[str, ...]  # codes named but not in the rubric: reported as problems


def tag_by_name(path: str, rubric: Rubric) -> NameTags:
    """Tags from the file name (`filename`) and the nearest folder that names a sub-criterion."""
    known = {s.code for s in rubric.subcriteria}
    parts = path.split("/")
    tags: list[Tag] = []
    unknown: list[str] = []
    for code in codes_in_name(parts[-1]):
        if code in known:
            tags.append(Tag(code, TagSource.FILENAME, 1.0, f"tên tệp: {parts[-1]}"))
        else:
            unknown.append(code)
    for depth in range(len(parts) - 2, -1, -1):
        codes = codes_in_name(parts[depth])
        if not codes:
            continue
        folder = "/".join(parts[: depth + 1])
        for code in codes:
            if code in known:
                tags.append(Tag(code, TagSource.FOLDER, 1.0, f"thư mục: {folder}"))
            else:
                unknown.append(code)
        break  # only the nearest folder that names a code
    return NameTags(tuple(tags), tuple(dict.fromkeys(unknown)))


# --- keywords ----------------------------------------------------------------------------------

# Keyword matches above this score suggest a sub-criterion.
SUGGEST_THRESHOLD = 2.0
MAX_SUGGESTIONS = 3
# A document matching this many sub-criteria over this many criteria is a general summary.
GENERAL_MIN_SUBCRITERIA = 7
GENERAL_MIN_CRITERIA = 3
_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class KeywordTags:
    tags: tuple[Tag, ...]
    general: bool
    matched: int  # how many sub-criteria matched at all (for the general guard's reason)


@lru_cache(maxsize=8)
def _phrase_table(rubric: Rubric) -> tuple[dict[tuple[str, ...], list[tuple[str, str]]], dict[str, tuple[int, ...]]]:
    """Folded keyword phrases as word tuples -> [(code, phrase)], and each phrase's first word ->
    the lengths of the phrases it starts; built once per rubric."""
    table: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for sub in rubric.subcriteria:
        for phrase in sub.keywords:
            words = tuple(_WORD_RE.findall(fold(normalize(phrase)).lower()))
            if words:
                table.setdefault(words, []).append((sub.code, phrase))
    starts: dict[str, set[int]] = {}
    for words in table:
        starts.setdefault(words[0], set()).add(len(words))
    return table, {w: tuple(sorted(lengths)) for w, lengths in starts.items()}


def _count_phrases(words: list[str], table, starts: dict[str, tuple[int, ...]]) -> dict[tuple[str, str], int]:
    # Only a word that begins some phrase is looked at further: one dict lookup for most words.
    counts: dict[tuple[str, str], int] = {}
    n = len(words)
    for i, word in enumerate(words):
        lengths = starts.get(word)
        if lengths is None:
            continue
        for length in lengths:
            if i + length > n:
                break
            hits = table.get(tuple(words[i : i + length]))
            if hits:
                for hit in hits:
                    counts[hit] = counts.get(hit, 0) + 1
    return counts


def tag_by_keywords(name: str, title: str, text: str, rubric: Rubric, *, from_ocr: bool = False) -> KeywordTags:
    """Suggest the few sub-criteria whose keyword phrases the file name, title and text contain."""
    table, starts = _phrase_table(rubric)
    head_words = _WORD_RE.findall(fold(normalize(f"{name} {title}")).lower().replace("_", " "))
    body_words = _WORD_RE.findall(fold(text).lower())
    head = _count_phrases(head_words, table, starts)
    body = _count_phrases(body_words, table, starts)
    scores: dict[str, float] = {}
    reasons: dict[str, list[str]] = {}
    for key in set(head) | set(body):
        code, phrase = key
        # Longer phrases are more specific; a phrase in the name or title weighs most.
        weight = min(len(phrase.split()), 4) / 2
        score = weight * (1 + math.log2(body[key])) if key in body else 0.0
        if key in head:
            score += weight * 3
        scores[code] = scores.get(code, 0.0) + score
        reasons.setdefault(code, []).append(f"{phrase} ×{body.get(key, 0) + head.get(key, 0)}")
    matched = [c for c, s in scores.items() if s >= 1.0]
    criteria = {c.split(".")[0] for c in matched}
    if len(matched) >= GENERAL_MIN_SUBCRITERIA and len(criteria) >= GENERAL_MIN_CRITERIA:
        return KeywordTags((), True, len(matched))
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    tags: list[Tag] = []
    if ranked:
        best = ranked[0][1]
        for code, score in ranked[:MAX_SUGGESTIONS]:
            if score < SUGGEST_THRESHOLD or score < best * 0.5:
                break
            confidence = min(0.9, 0.35 + 0.05 * score) * (0.8 if from_ocr else 1.0)
            reason = "từ khóa: " + ", ".join(sorted(reasons[code])[:4])
            tags.append(Tag(code, TagSource.KEYWORD, round(confidence, 2), reason))
    return KeywordTags(tuple(tags), False, len(matched))
