"""Find evidence: keyword and phrase queries, with or without diacritics, and document numbers.

The text index ranks the files; this module then names the best page of each hit and cuts a
snippet around the matched words. Folding keeps every character in place (one letter in, one
letter out), so offsets found in the folded text mark the same words in the original.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from indexer.build import IndexPaths
from indexer.catalog import CATALOG_NAME, Catalog, catalog_exists, open_catalog
from indexer.errors import IndexMissingError
from indexer.manual import ManualTags, load_manual_tags
from indexer.models import Evidence, Hit, SearchResult, TextHit, code_order
from indexer.store import TextIndex, engine_of, find_terms, folder_id, open_text_index, phrase_words, query_terms, text_index_exists
from indexer.tagging import ROMAN_NUMERALS, looks_like_a_copy
from indexer.vietnamese import (
    cited_doc_number, doc_number_key, doc_number_pattern, fold, looks_like_doc_number, normalize, query_date, spaced_doc_number,
)  # fmt: skip

SNIPPET_CHARS = 220
SNIPPET_PLACES = 40
SNIPPET_SCAN_CHARS = 4000
# A file whose header bears the date typed ranks above any match of the date's numbers.
DATED_SCORE = 1000.0
GENERAL_FACTOR = 0.5
PHONE_TOPIC_FACTOR = 2.0
NAMED_FACTOR = 2.0
_PHONE_TOPIC = re.compile(r"so dien thoai|duong day nong|danh ba")


@dataclass
class OpenIndex:
    """The text index and catalog of one root, opened once per process and reused."""

    paths: IndexPaths
    text: TextIndex
    catalog: Catalog
    catalog_id: tuple[int, int] | None = None  # the catalog file opened: a damaged one is replaced
    engine: str | None = None  # the engine of the text folder opened: `index --engine` replaces it

    def manual(self) -> ManualTags:
        return load_manual_tags(self.paths.tags_file)

    def close(self) -> None:
        self.text.close()
        self.catalog.close()


_OPEN: dict[Path, OpenIndex] = {}
_OPENING = threading.Lock()  # the web server's threads share the cache


def open_index(paths: IndexPaths) -> OpenIndex:
    """The index of `paths`, opened once per process (searchers are refreshed, not reopened)."""
    with _OPENING:
        return _open_index(paths)


def _open_index(paths: IndexPaths) -> OpenIndex:
    cached = _OPEN.get(paths.index_dir)
    catalog_id = folder_id(paths.index_dir / CATALOG_NAME)
    engine = engine_of(paths.text_dir)
    if cached is not None:
        # No engine for a moment while a rebuild renames its new folder into place: keep the old.
        if cached.catalog_id == catalog_id and engine in (cached.engine, None):
            return cached
        # `index` set a damaged catalog aside and made a new one since, or built the text index
        # with another engine (`--engine sqlite`): the open one would read its folder wrongly.
        cached.close()
        del _OPEN[paths.index_dir]
    if not catalog_exists(paths.index_dir) or not text_index_exists(paths.text_dir):
        raise IndexMissingError(f"chưa có chỉ mục ở {paths.index_dir}: chạy `minhchung index --root {paths.root}` trước (no index in it yet)")
    # Read-only: searching never writes, and a reviewer's copy may be on a read-only disk.
    opened = OpenIndex(paths, open_text_index(paths.text_dir), open_catalog(paths.index_dir, readonly=True), catalog_id, engine)
    _OPEN[paths.index_dir] = opened
    return opened


def close_all() -> None:
    """Forget the per-process cache (tests, and the watcher after a rebuild)."""
    for opened in _OPEN.values():
        opened.close()
    _OPEN.clear()


def search(paths: IndexPaths, query: str, *, code: str | None = None, limit: int = 20) -> SearchResult:
    """The files matching `query`, best first, each with its best page and a snippet."""
    index = open_index(paths)
    typed = normalize(query).strip()
    # Pasted from a `Căn cứ` line: the document has `Số: 45/KH-UBND`, its citers `Kế hoạch số ...`.
    typed = cited_doc_number(typed) or typed
    text = _engine_query(typed)
    key = doc_number_key(typed) if looks_like_doc_number(typed) else None
    # Copies take no place of their own: room for them, so that `limit` files are still shown.
    wanted = limit + max(5, limit // 2)
    pattern = doc_number_pattern(typed)
    total, ranked = index.text.search(text, code=code, doc_key=key, doc_pattern=pattern, limit=wanted)
    # `tỷ lệ hài lòng` found nothing where the report says `chỉ số hài lòng`: rather than an empty
    # page, the files with some of the words, said to be so. Not for a number: `05/QĐ-UBND` is
    # no `QĐ-UBND` of another number.
    phone = _phone_digits(typed) is not None
    day = query_date(typed)
    numbered = key is not None or pattern is not None or phone or day is not None
    partial = not ranked and not numbered and (loose := _some_of(typed)) is not None
    if partial:
        total, ranked = index.text.search(loose, code=code, limit=wanted)
        partial = bool(ranked)
    manual = index.manual()
    if day is not None:
        total, ranked = _dated_first(index, manual, day, code, total, ranked, wanted)
    elif (named := _typed_code(typed)) is not None and (code is None or _within(named, code)):
        total, ranked = _tagged_first(index, manual, named, total, ranked, wanted)
    records = index.catalog.get_many(found.path for found in ranked)
    # A summary (a plan or report on the whole model) mentions every topic; the files that are
    # the evidence come before it at equal relevance: `cảnh quan trụ sở` put six summaries above
    # the photos in `4.1 Cảnh quan trụ sở/`.
    # A phone number typed: the directory or notice that publishes it before the short poster or
    # letter that mentions it once (BM25 favours short files: two blind tests had a QR poster first).
    words = phrase_words(text)

    def weight(found: TextHit) -> float:
        ev = records.get(found.path)
        if ev is None:
            return 1.0
        about_phones = phone and _PHONE_TOPIC.search(fold(f"{ev.path} {ev.title}").lower()) is not None
        # Three words or more side by side (a name: `Nguyen Van Cu`) weigh more in a file that is
        # not a summary: a short letter with `Nguyễn`, `Văn`, `cử` apart came before the lists.
        named = found.together and not ev.general and len(words or ()) >= 3
        return (GENERAL_FACTOR if ev.general else 1.0) * (PHONE_TOPIC_FACTOR if about_phones else 1.0) * (NAMED_FACTOR if named else 1.0)

    # A word typed with marks: the files that hold it so first (`Thắng` before `tháng`).
    ranked.sort(key=lambda found: (not found.written, -found.score * weight(found)))
    terms = query_terms(text)
    hits: list[Hit] = []
    first_of: dict[str, int] = {}  # sha256 -> where its best hit is in `hits`
    shown_as: dict[int, Evidence] = {}  # the copy each merged hit is shown as
    for found in ranked:
        ev = records.get(found.path)
        if ev is None:  # the catalog is committed after the text index: a moment behind
            continue
        ev = manual.apply(ev)
        if ev.sha256 and ev.sha256 in first_of:
            # A copy (`KH 91 (1).docx`) is named under the best one, which takes its codes too.
            n = first_of[ev.sha256]
            hits[n] = _with_copy(hits[n], ev)
            total -= 1
            if _shown_first(ev, shown_as[n]):
                shown_as[n] = ev
        elif len(hits) < limit:
            first_of[ev.sha256] = len(hits)
            shown_as[len(hits)] = ev
            hits.append(make_hit(ev, found, terms))
    for n, ev in shown_as.items():
        if ev.path != hits[n].path:  # same bytes: the page and snippet stand for it as well
            hits[n] = replace(hits[n], path=ev.path, copies=tuple(p for p in (hits[n].path, *hits[n].copies) if p != ev.path))
    if code:
        # Asked for a sub-criterion's evidence: its proof before the files keywords only suggest.
        hits.sort(key=lambda hit: not any(_within(c, code) for c in hit.codes if c not in hit.suggested))
    return SearchResult(query=query, total=total, hits=tuple(hits), partial=partial)


def _some_of(typed: str) -> str | None:
    """The query with any one word left out (a word is one or two syllables: `tỷ lệ`), each as a
    query of its own joined by OR; None for a phrase, operators, or under three syllables."""
    if '"' in typed or re.search(r"\b(?:OR|AND|NOT)\b|[()*]", typed):
        return None
    words = re.findall(r"[^\W_]+", typed)

    def enough(kept: list[str]) -> bool:  # two syllables at least: one alone matches anything
        return sum(not w.isdigit() for w in kept) >= 2

    if not enough(words[1:]):
        return None
    rests = [words[:i] + words[i + size :] for size in (1, 2) for i in range(len(words) - size + 1)]
    return " OR ".join(dict.fromkeys(f"({' '.join(rest)})" for rest in rests if enough(rest)))


def _engine_query(typed: str) -> str:
    """What the text index is asked for `typed`: as typed, or also as documents write it."""
    if groups := _phone_groupings(typed):
        as_typed = " ".join(re.findall(r"\d+", typed))  # brackets and `+` are the engine's syntax
        return " OR ".join(dict.fromkeys([f'"{as_typed}"', *(f'"{g}"' for g in groups)]))
    # `KH91` is looked for as typed (a scan named so) and as the words a citing text has (`KH 91`).
    # The quoted form ranks `KH 91` standing together first (an OR query gets no phrase bonus).
    spaced = spaced_doc_number(typed)
    if spaced != typed:
        return f'{typed} OR "{spaced}" OR ({spaced})'
    return _as_documents_write_it(typed)


# Staff type `quý 1`, documents write `quý I`; `22/4` for `22/04/2026`. Each is looked for as
# both, standing together: `quý 1` loose matched a list item `1.` anywhere in a plan.
# Not before `*` (a prefix asked for: `quý 1*`, `22/4*` found nothing once rewritten).
_QUARTER_RE = re.compile(r"(?<![^\W\d_])(qu[yý])\s+(iv|i{1,3}|[1-4])(?![^\W_]|\*)", re.IGNORECASE)
_ROMAN_QUARTER = {"1": "i", "2": "ii", "3": "iii", "4": "iv"}
_DAY_MONTH_RE = re.compile(r"(?<![\w/.-])(\d{1,2})[/.-](\d{1,2})(?![\w/.*-])")


def _as_documents_write_it(typed: str) -> str:
    if '"' in typed:
        return typed  # the quotes say what to look for

    def quarter(m: re.Match) -> str:
        n = m.group(2).lower()
        digit = next((d for d, roman in _ROMAN_QUARTER.items() if roman == n), n)
        return f'("{m.group(1)} {digit}" OR "{m.group(1)} {_ROMAN_QUARTER[digit]}")'

    def day_month(m: re.Match) -> str:
        day, month = int(m.group(1)), int(m.group(2))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return m.group()
        forms = dict.fromkeys([f"{day} {month}", f"{day:02d} {month:02d}", f"{day} {month:02d}", f"{day:02d} {month}"])
        return "(" + " OR ".join(f'"{form}"' for form in forms) + ")"

    return _DAY_MONTH_RE.sub(day_month, _QUARTER_RE.sub(quarter, typed))


# A phone number typed in one run of digits (`02253842115`) is written in groups in documents
# (`0225.3842.115`, `0912 345 678`), which the index holds as separate words: the groupings
# Vietnamese numbers are written in, each as a phrase. Typed in other groups (`0225 3 842 115`,
# `(0225) 3842115`, `+84 912 345 678`) it found nothing; a local number (`3842115`) likewise.
_PHONE_SPLITS = {
    7: ((4, 3), (3, 4)), 8: ((4, 4),), 9: ((3, 3, 3),), 10: ((4, 3, 3), (3, 3, 4), (3, 4, 3), (4, 6)),
    11: ((4, 4, 3), (4, 3, 4), (3, 4, 4), (4, 7)),
}  # fmt: skip
_PHONE_TYPED_RE = re.compile(r"\(?\+?\d[\d\s().-]*")


def _phone_groupings(typed: str) -> list[str]:
    digits = _phone_digits(typed)
    if digits is None:
        return []
    groupings = [digits] if digits != typed else []
    for sizes in _PHONE_SPLITS.get(len(digits), ()):
        cuts = [sum(sizes[:n]) for n in range(len(sizes) + 1)]
        groupings.append(" ".join(digits[a:b] for a, b in zip(cuts, cuts[1:])))
    return groupings


def _phone_digits(typed: str) -> str | None:
    """The digits of a phone number however typed (`+84` as 0), or None for any other query."""
    if not _PHONE_TYPED_RE.fullmatch(typed) or query_date(typed) is not None:
        return None
    digits = re.sub(r"\D", "", typed)
    # +84 for the leading 0: a mobile number is 11 digits so written, a landline (0225...) 12.
    if len(digits) in (11, 12) and digits.startswith("84") and ("+" in typed or digits[2] != "0"):
        digits = "0" + digits[2:]
    if digits.startswith("0") and 9 <= len(digits) <= 11:
        return digits
    # Seven or eight digits with dots are an amount (`1.245.000`): a local number only in one run.
    return digits if typed.isdigit() and 7 <= len(digits) <= 8 else None


def _shown_first(copy: Evidence, shown: Evidence) -> bool:
    """Of two files with the same bytes, is `copy` the one to show? The one that proves a code
    (the copy filed under `2.4 .../`, not the one loose in `TC02/`), then the one not named as a copy."""
    def rank(ev: Evidence) -> tuple[bool, bool]:
        return not any(t.source.proves for t in ev.tags), looks_like_a_copy(ev.path)

    return rank(copy) < rank(shown)


def _with_copy(hit: Hit, copy: Evidence) -> Hit:
    """`hit` naming `copy` (the same bytes elsewhere) and its codes: proven by either, proven."""
    proven = {c for c in hit.codes if c not in hit.suggested} | {t.code for t in copy.tags if t.source.proves}
    codes = tuple(sorted({*hit.codes, *copy.codes}, key=code_order))
    return replace(hit, copies=hit.copies + (copy.path,), codes=codes, suggested=tuple(c for c in codes if c not in proven))


def _dated_first(
    index: OpenIndex, manual: ManualTags, day, code: str | None, total: int, ranked: list[TextHit], limit: int
) -> tuple[int, list[TextHit]]:
    """A date typed alone: the documents dated so by their header first (their first page shown),
    then those whose text has the date's numbers."""
    paths = index.catalog.dated(day)
    if code:
        records = index.catalog.get_many(paths)
        paths = [p for p in paths if any(_within(c, code) for c in manual.apply(records[p]).codes)]
    return _listed_first(index, paths, total, ranked, limit)


def _listed_first(index: OpenIndex, paths: list[str], total: int, ranked: list[TextHit], limit: int) -> tuple[int, list[TextHit]]:
    """`paths` (their first page shown), then the ranked hits that are not among them."""
    listed = set(paths)
    shown = [TextHit(path, DATED_SCORE, 0, next(iter(index.text.pages(path)), "")) for path in paths[:limit]]
    others = [hit for hit in ranked if hit.path not in listed]
    return total + len(listed - {hit.path for hit in ranked}), (shown + others)[:limit]


# `2.4`, `tiêu chí 2.4`, `TC2.4`, `minh chứng 1.3` typed into the search box: the sub-criterion's
# files are wanted, not the texts where "2" and "4" stand (a plan dated 2.4.2026 came first).
# Typed as staff name files too: `tc 3-2`, `tiêu chí 3 nội dung 2`, `TC2 mục 4`, `II.2`.
# A dash or a comma only after a prefix: alone, `1-6` (Children's Day), `1,5` (an amount) and
# `mục 1-3` (a range) are no code.
_TYPED_CODE_RES = (
    re.compile(r"(?:(?:tieu\s*chi|tc|minh\s*chung|mc|muc|noi\s*dung)\s*(?:so\s*)?)?(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(?:tieu\s*chi|tc|minh\s*chung|mc)\s*(?:so\s*)?(\d{1,2})\s*[.,-]\s*(\d{1,2})"),
    re.compile(r"(?:tieu\s*chi|tc)\s*(?:so\s*)?(\d{1,2})\s*[,:.-]?\s*(?:muc|noi\s*dung|nd)\s*(?:so\s*)?(\d{1,2})"),
    re.compile(r"(?:(?:tieu\s*chi|tc)\s*)?(i{1,3}|iv)\.(\d{1,2})"),
    re.compile(r"(?:tieu\s*chi|tc)\s*(i{1,3}|iv)\s*[.-]\s*(\d{1,2})"),
)


def _typed_code(typed: str) -> str | None:
    text = fold(typed).lower().strip()
    for pattern in _TYPED_CODE_RES:
        if m := pattern.fullmatch(text):
            criterion = m.group(1)
            return f"{ROMAN_NUMERALS.get(criterion.upper()) or int(criterion)}.{int(m.group(2))}"
    return None


def _tagged_first(
    index: OpenIndex, manual: ManualTags, code: str, total: int, ranked: list[TextHit], limit: int
) -> tuple[int, list[TextHit]]:
    """A sub-criterion's code typed alone: its files first, proof before suggestions, then the
    files whose text has the numbers."""
    paths = set(index.catalog.tagged(code))
    paths |= {p for e in manual.entries if e.action == "+" and e.code == code for p in ([e.path] if e.sha256 in ("-", "") else index.catalog.by_hash(e.sha256))}
    records = index.catalog.get_many(sorted(paths))
    tagged = [manual.apply(ev) for ev in records.values()]
    tagged = [ev for ev in tagged if code in ev.codes]
    tagged.sort(key=lambda ev: (not any(t.code == code and t.source.proves for t in ev.tags), ev.path))
    return _listed_first(index, [ev.path for ev in tagged], total, ranked, limit)


def _within(tag_code: str, code: str) -> bool:
    """True when a file's sub-criterion `tag_code` is `code` or under criterion `code`."""
    return tag_code == code or ("." not in code and tag_code.split(".")[0] == code)


def list_files(paths: IndexPaths) -> list[Evidence]:
    """Every indexed file with manual tags applied, in path order."""
    index = open_index(paths)
    manual = index.manual()
    return [manual.apply(ev) for ev in index.catalog.all()]


def make_snippet(text: str, matches: list[tuple[int, int, int]], terms: list[tuple[str, ...]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About SNIPPET_CHARS of `text` around the densest group of matches, and where they are."""
    if matches:
        # A window [start, start + width) slides over the sorted matches: linear, not quadratic
        # (a word like `phường` matches a hundred times on one page).
        best_start, best_key = matches[0][0], (0, 0)
        width = SNIPPET_CHARS - 40
        inside: dict[int, int] = {}  # term number -> matches in the window
        low = high = 0
        for start, _, _ in matches:
            while high < len(matches) and matches[high][0] < start + width:
                inside[matches[high][2]] = inside.get(matches[high][2], 0) + 1
                high += 1
            while matches[low][0] < start:
                term = matches[low][2]
                inside[term] -= 1
                if not inside[term]:
                    del inside[term]
                low += 1
            key = (len(inside), high - low)
            if key > best_key:
                best_start, best_key = start, key
        begin = max(0, best_start - 50)
        # start at a word boundary
        while begin > 0 and not text[begin - 1].isspace():
            begin -= 1
    else:
        begin = 0
    raw = text[begin : begin + SNIPPET_CHARS]
    snippet = re.sub(r"\s+", " ", raw).strip()
    if begin > 0:
        snippet = "… " + snippet
    if begin + SNIPPET_CHARS < len(text):
        snippet += " …"
    spans: list[tuple[int, int]] = []
    # Word by word: a phrase term (words typed together) spans words that are marked already.
    for start, end, _ in sorted(find_terms(fold(snippet).lower(), terms), key=lambda m: (m[0], m[1])):
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return snippet, tuple(spans)


def make_hit(ev: Evidence, found: TextHit, terms: list[tuple[str, ...]]) -> Hit:
    """A search result for the reader: the file's record, its best page and a snippet there."""
    # The snippet is looked for in the page's first few thousand characters, among the first
    # few places of each word (`phường` may be on a page a hundred times), and in the rest of the
    # page only when none is there: folding a long page was most of a search's time.
    head = found.text[:SNIPPET_SCAN_CHARS]
    matches = find_terms(fold(head).lower(), terms, per_term=SNIPPET_PLACES)
    if not matches and len(found.text) > len(head):
        matches = find_terms(fold(found.text).lower(), terms, per_term=SNIPPET_PLACES)
    snippet, spans = make_snippet(found.text, matches, terms)
    is_pdf = ev.path.lower().endswith(".pdf")
    # A PDF's page, a slide, a page of a TIFF scan or one broken by hand: a Word file is one page.
    page = found.page + 1 if (is_pdf and ev.pages) or ev.pages > 1 else None
    return Hit(
        path=ev.path,
        score=float(f"{found.score:.4g}"),  # bm25 gives a word in most files a tiny weight: keep its digits
        codes=ev.codes,
        title=ev.title,
        snippet=snippet,
        page=page,
        highlights=spans,
        doc=ev.doc,
        text_source=ev.text_source,
        from_ocr=bool(page and page in ev.ocr_pages) or (not is_pdf and ev.text_source == "ocr"),
        suggested=tuple(c for c in ev.codes if c not in {t.code for t in ev.tags if t.source.proves}),
    )
