"""The rubric loader: the bundled default, overriding it per folder, and every way a hand-edited
rubric.toml can be wrong (one RubricError line naming file and entry, never a traceback)."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.errors import RubricError
from indexer.models import Rubric
from indexer.rubric import default_rubric_path, load_rubric

# The codes and points of docs RUBRIC.md (the ward report's table); repeated here, not read from
# shared/, so the test does not depend on where that folder sits.
EXPECTED = {
    "1": (24, {"1.1": 4, "1.2": 3, "1.3": 4, "1.4": 3, "1.5": 3, "1.6": 4, "1.7": 3}),
    "2": (24, {"2.1": 5, "2.2": 5, "2.3": 4, "2.4": 4, "2.5": 2, "2.6": 4}),
    "3": (26, {"3.1": 6, "3.2": 5, "3.3": 5, "3.4": 6, "3.5": 4}),
    "4": (26, {"4.1": 5, "4.2": 4, "4.3": 5, "4.4": 5, "4.5": 5, "4.6": 2}),
}

# Words every administrative document contains: as keywords they would suggest every file.
GENERIC = ["Ủy ban nhân dân", "UBND", "thủ tục hành chính", "cán bộ, công chức", "phường",
           "kế hoạch", "báo cáo", "quyết định", "công văn", "thông báo", "chính quyền thân thiện"]


def fold(text: str) -> str:
    """Accent- and case-insensitive form, words joined by single spaces (as the matcher sees it)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", text.casefold()))


# --- the bundled default ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def default() -> Rubric:
    return load_rubric()


def test_default_rubric_path_is_the_shipped_file():
    path = default_rubric_path()
    assert path.is_file() and path.name == "rubric.toml"


def test_bundled_rubric_header(default: Rubric):
    assert default.title == "Chính quyền thân thiện"
    assert default.version == "2026.1"
    assert default.unit == ""  # reports leave a blank: no ward's report goes out under Phù Liễn's name
    assert (default.period_start, default.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert default.source == str(default_rubric_path())



def test_a_rubric_without_a_unit_names_none(tmp_path):
    text = MINI.replace('[unit]\nname = "UBND phường Thử"\nperiod = { start = 2026-01-01, end = 2026-06-30 }\n', "")
    (tmp_path / "r.toml").write_text(text, encoding="utf-8")
    assert load_rubric(tmp_path / "r.toml").unit == ""


def test_a_two_line_file_names_the_unit_on_the_bundled_criteria(tmp_path, default: Rubric):
    # A commune writes its name without copying (and later diverging from) 500 lines of rubric.
    (tmp_path / "rubric.toml").write_text('[unit]\nname = "UBND xã Tân Hưng"\n', encoding="utf-8")
    mine = load_rubric(root=tmp_path)
    assert (mine.unit, mine.source) == ("UBND xã Tân Hưng", str(tmp_path / "rubric.toml"))
    assert mine.criteria == default.criteria and mine.version == default.version
    assert (mine.period_start, mine.period_end) == (default.period_start, default.period_end)
    (tmp_path / "rubric.toml").write_text(
        '[unit]\nname = "UBND xã Tân Hưng"\nperiod = { start = 2026-07-01, end = 2026-12-31 }\n', encoding="utf-8"
    )
    assert load_rubric(root=tmp_path).period_start == dt.date(2026, 7, 1)

def test_bundled_rubric_codes_and_points(default: Rubric):
    assert [c.code for c in default.criteria] == ["1", "2", "3", "4"]
    assert [c.points for c in default.criteria] == [24, 24, 26, 26]
    assert default.total_points == 100
    for c in default.criteria:
        points, subs = EXPECTED[c.code]
        assert c.points == points
        assert {s.code: s.points for s in c.subcriteria} == subs
        assert [s.code for s in c.subcriteria] == list(subs)  # in the order of the table
    assert len(default.subcriteria) == 24
    assert all(s.min_evidence == 1 for s in default.subcriteria)


def test_bundled_keywords_are_specific(default: Rubric):
    owner: dict[str, str] = {}
    for s in default.subcriteria:
        assert 5 <= len(s.keywords) <= 15, s.code
        # Written with diacritics (a few loan words such as "wifi" have none).
        assert any(k != fold(k) and not k.isascii() for k in s.keywords), s.code
        for k in s.keywords:
            assert k == k.strip() and 1 <= len(fold(k).split()) <= 6, (s.code, k)
            assert fold(k) not in {fold(g) for g in GENERIC}, (s.code, k)
            assert owner.setdefault(fold(k), s.code) == s.code, f"{k!r} under {owner[fold(k)]} and {s.code}"


def test_bundled_keywords_do_not_contain_each_other_across_subcriteria(default: Rubric):
    # "lệ phí" under 1.2 and "miễn lệ phí" under 1.5 would make one document hit both.
    pairs = [(s.code, fold(k)) for s in default.subcriteria for k in s.keywords]
    for code_a, a in pairs:
        for code_b, b in pairs:
            if code_a != code_b:
                assert f" {a} " not in f" {b} ", (code_a, a, code_b, b)


def test_bundled_keywords_match_the_seed_report_wording(default: Rubric):
    # The report's own sentence about 2.4 must hit 2.4's keywords.
    sentence = fold("trao giấy chứng nhận kết hôn, thư chúc mừng kết hôn, thư cảm ơn, "
                    "thư xin lỗi, thư biểu dương")
    s = default.subcriterion("2.4")
    assert s is not None and sum(f" {fold(k)} " in f" {sentence} " for k in s.keywords) >= 5


# --- which file is read -------------------------------------------------------------------------

MINI = """\
title = "Thử"
version = "t1"
total = 10

[unit]
name = "UBND phường Thử"
period = { start = 2026-01-01, end = 2026-06-30 }

[[criteria]]
code = "1"
title = "Công khai"
points = 7

[[criteria.subcriteria]]
code = "1.1"
title = "Phí"
points = 3
keywords = ["bảng phí", "lệ phí"]

[[criteria.subcriteria]]
code = "1.2"
title = "Điện thoại"
points = 4
min_evidence = 2
keywords = ["số điện thoại"]

[[criteria]]
code = "2"
title = "Xanh"
points = 3

[[criteria.subcriteria]]
code = "2.1"
title = "Cây"
points = 3
keywords = ["cây xanh"]
"""


def write(tmp_path: Path, text: str | bytes, name: str = "rubric.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_mini_rubric_loads(tmp_path: Path):
    r = load_rubric(write(tmp_path, MINI))
    assert r.unit == "UBND phường Thử" and r.version == "t1" and r.total_points == 10
    assert [s.code for s in r.subcriteria] == ["1.1", "1.2", "2.1"]
    assert r.subcriterion("1.1").keywords == ("bảng phí", "lệ phí")
    assert r.subcriterion("1.1").min_evidence == 1
    assert r.subcriterion("1.2").min_evidence == 2


def test_root_rubric_overrides_the_default(tmp_path: Path):
    path = write(tmp_path, MINI)
    r = load_rubric(root=tmp_path)
    assert r.unit == "UBND phường Thử" and r.source == str(path)


def test_root_without_rubric_uses_the_default(tmp_path: Path, default: Rubric):
    assert load_rubric(root=tmp_path) == default


def test_explicit_path_beats_root(tmp_path: Path):
    (tmp_path / "root").mkdir()
    write(tmp_path / "root", MINI.replace("UBND phường Thử", "root"))
    other = write(tmp_path, MINI.replace("UBND phường Thử", "explicit"), "other.toml")
    assert load_rubric(other, root=tmp_path / "root").unit == "explicit"


def test_missing_explicit_file(tmp_path: Path):
    # QA: rubric errors were English only, where every other error is Vietnamese first.
    with pytest.raises(RubricError, match=r"nope\.toml: không có tệp bộ tiêu chí này / rubric file not found"):
        load_rubric(tmp_path / "nope.toml")


def test_folder_named_rubric_toml_in_root_is_reported(tmp_path: Path):
    (tmp_path / "rubric.toml").mkdir()
    with pytest.raises(RubricError, match="is a folder"):
        load_rubric(root=tmp_path)


@pytest.mark.parametrize(
    "old, new, check",
    [
        pytest.param("", "", lambda r: r.title == "Thử", id="as-is"),
        pytest.param('title = "Thử"\nversion = "t1"\ntotal = 10\n', "",
                     lambda r: r.version == "1" and r.title == "Chính quyền thân thiện", id="header-optional"),
        pytest.param("period = { start = 2026-01-01, end = 2026-06-30 }\n", "",
                     lambda r: r.period_start is None and r.in_period(dt.date(2026, 1, 1)) is None, id="no-period"),
        pytest.param("start = 2026-01-01, end = 2026-06-30", 'start = "2026-01-01", end = "30/06/2026"',
                     lambda r: (r.period_start, r.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
                     id="period-as-text"),
        pytest.param('["bảng phí", "lệ phí"]', '["  bảng phí ", "LE PHI"]',
                     lambda r: r.subcriterion("1.1").keywords == ("bảng phí", "LE PHI"), id="keywords-stripped-kept"),
        pytest.param('keywords = ["cây xanh"]', 'keywords = ["cây xanh"]\ncontext = [" trụ sở "]',
                     lambda r: r.subcriterion("2.1").context == ("trụ sở",) and r.subcriterion("1.1").context == (), id="context"),
        pytest.param('keywords = ["cây xanh"]', 'keywords = ["cây xanh"]\nexclude = [" tuyển dụng "]',
                     lambda r: r.subcriterion("2.1").exclude == ("tuyển dụng",) and r.subcriterion("1.1").exclude == (), id="exclude"),
        pytest.param('title = "Phí"', 'title = "Phi\u0301"',
                     lambda r: r.subcriterion("1.1").title == "Phí", id="nfd-title-to-nfc"),
    ],
)
def test_accepted_variants(tmp_path: Path, old: str, new: str, check):
    text = MINI.replace(old, new, 1) if old else MINI
    assert check(load_rubric(write(tmp_path, text)))


def test_utf8_bom_from_notepad_is_accepted(tmp_path: Path):
    assert load_rubric(write(tmp_path, "\ufeff".encode() + MINI.encode())).unit == "UBND phường Thử"


def test_period_can_sit_at_top_level(tmp_path: Path):
    text = MINI.replace("period = { start = 2026-01-01, end = 2026-06-30 }\n", "")
    text = 'period = { start = 2026-02-01, end = 2026-03-01 }\n' + text
    assert load_rubric(write(tmp_path, text)).period_start == dt.date(2026, 2, 1)


# --- broken rubrics -------------------------------------------------------------------------------


def edit(old: str, new: str) -> str:
    assert old in MINI, old
    return MINI.replace(old, new, 1)


BROKEN = [
    pytest.param('title = "Thử"\nunit = \n', ["not valid TOML", "line 2"], id="bad-toml"),
    pytest.param(edit("points = 3\nkeywords = [\"bảng", "points = ba\nkeywords = [\"bảng"), ["sai cú pháp TOML ở dòng 17, cột 10 / not valid TOML", '"points = ba"'],
                 id="bad-toml-value"),
    pytest.param(edit("[unit]", "[unit"), ["not valid TOML", "line 5", '"[unit"'], id="bad-toml-header"),
    pytest.param(MINI.encode("utf-8").replace("Thử".encode(), "Thư".encode("cp1258")),
                 ["not UTF-8", "line 1"], id="not-utf8"),
    pytest.param(MINI.encode("utf-16"), ["UTF-16"], id="utf16"),
    pytest.param(edit('code = "2"', 'code = "1"'), ["criterion 1", "code used twice"], id="duplicate-criterion"),
    pytest.param(edit('code = "1.2"', 'code = "1.1"'), ["sub-criterion 1.1", "code used twice"],
                 id="duplicate-subcriterion"),
    pytest.param(edit("points = 7", "points = 8"),
                 ["criterion 1", "points are 8 but its sub-criteria add up to 7"], id="subs-vs-criterion"),
    pytest.param(edit("total = 10", "total = 100"), ["total is 100 but the criteria add up to 10 (1: 7, 2: 3)"],
                 id="criteria-vs-total"),
    pytest.param(edit('keywords = ["cây xanh"]', "keywords = []"),
                 ["sub-criterion 2.1", "keywords must not be empty"], id="empty-keywords"),
    pytest.param(edit('keywords = ["cây xanh"]', 'keywords = ["cây xanh", "  "]'),
                 ["sub-criterion 2.1", "keyword #2 is empty"], id="empty-keyword"),
    pytest.param(edit('keywords = ["cây xanh"]', 'keywords = ["cây xanh"]\ncontext = ["trụ sở", 3]'),
                 ["sub-criterion 2.1", "context #2 must be text in quotes"], id="context-not-text"),
    pytest.param(edit('keywords = ["cây xanh"]', 'keywords = ["cây xanh"]\ncontext = []'),
                 ["sub-criterion 2.1", "context must not be empty"], id="empty-context"),
    pytest.param(edit('keywords = ["cây xanh"]', 'keywords = ["cây xanh"]\nexclude = "tuyển dụng"'),
                 ["sub-criterion 2.1", "exclude must be a list"], id="exclude-not-list"),
    pytest.param(edit('keywords = ["cây xanh"]', 'keywords = "cây xanh"'),
                 ["sub-criterion 2.1", "keywords must be a list"], id="keywords-not-list"),
    pytest.param(edit('keywords = ["cây xanh"]\n', ""), ["sub-criterion 2.1", "keywords are missing"],
                 id="keywords-missing"),
    pytest.param(edit('code = "1.2"', 'code = "2.2"'),
                 ["sub-criterion 2.2", "is listed under criterion 1", 'must start with "1."'], id="wrong-parent"),
    pytest.param(edit("start = 2026-01-01", "start = 2026-07-01"),
                 ["[unit] period", "start 2026-07-01 is after end 2026-06-30"], id="period-reversed"),
    pytest.param(edit("start = 2026-01-01", 'start = "2026-13-01"'), ["[unit] period", "not a real date"],
                 id="period-bad-month"),
    pytest.param(edit("start = 2026-01-01", 'start = "tháng 1"'), ["[unit] period", "start must be a date"],
                 id="period-not-a-date"),
    pytest.param(edit("start = 2026-01-01", "start = 2026-01-01T08:00:00"), ["[unit] period", "without a time"],
                 id="period-datetime"),
    pytest.param(edit(", end = 2026-06-30", ""), ["[unit] period", "end is missing"], id="period-no-end"),
    pytest.param(edit("period = { start = 2026-01-01, end = 2026-06-30 }", 'period = "2026"'),
                 ["[unit] period", "must be a table"], id="period-not-table"),
    pytest.param('period = { start = 2026-01-01, end = 2026-01-02 }\n' + MINI, ["period", "given twice"],
                 id="period-twice"),
    pytest.param(edit('name = "UBND phường Thử"\n', ""), ["[unit]", "name is missing"], id="missing-unit-name"),
    pytest.param(edit('name = "UBND phường Thử"', "name = 5"), ["[unit]", "name must be text"],
                 id="unit-name-not-text"),
    pytest.param(edit('name = "UBND phường Thử"', 'name = "  "'), ["[unit]", "name must not be empty"],
                 id="unit-name-blank"),
    pytest.param(edit("points = 3\nkeywords = [\"bảng", 'points = "ba"\nkeywords = ["bảng'),
                 ['sub-criterion 1.1: points must be a positive whole number, got "ba"'], id="points-text"),
    pytest.param(edit("points = 3\nkeywords = [\"cây", "points = 3.0\nkeywords = [\"cây"),
                 ["sub-criterion 2.1: points must be a positive whole number, got 3.0"], id="points-float"),
    pytest.param(edit("points = 3\nkeywords = [\"cây", "points = true\nkeywords = [\"cây"),
                 ["sub-criterion 2.1: points must be a positive whole number, got true"], id="points-bool"),
    pytest.param(edit("points = 7", "points = 0"), ["criterion 1: points must be a positive whole number, got 0"],
                 id="points-zero"),
    pytest.param(edit("points = 7\n", ""), ["criterion 1", "points is missing"], id="points-missing"),
    pytest.param(edit("min_evidence = 2", "min_evidence = 0"), ["sub-criterion 1.2", "min_evidence"],
                 id="min-evidence-zero"),
    pytest.param(edit("min_evidence = 2", "min_evidance = 2"), ["sub-criterion 1.2", 'unknown key "min_evidance"'],
                 id="typo-key"),
    pytest.param(edit('code = "1.2"', "code = 1.2"), ["sub-criterion #2 of criterion 1", "code must be text"],
                 id="code-unquoted"),
    pytest.param(edit('code = "1.2"', 'code = "1.02"'), ["sub-criterion #2 of criterion 1", "leading zeros"],
                 id="code-leading-zero"),
    pytest.param(edit('code = "2"', 'code = "II"'), ["criterion #2", 'got "II"'], id="code-roman"),
    pytest.param(edit('code = "1.1"', 'code = "1"'), ["sub-criterion #1 of criterion 1", "two numbers"],
                 id="subcode-one-number"),
    pytest.param(edit('code = "2"\n', ""), ["criterion #2", "code is missing"], id="criterion-code-missing"),
    pytest.param(edit('title = "Xanh"\n', ""), ["criterion 2", "title is missing"], id="title-missing"),
    pytest.param(MINI.split("[[criteria]]")[0], ["criteria", "no criteria"], id="no-criteria"),
    pytest.param(MINI.split('[[criteria.subcriteria]]\ncode = "2.1"')[0], ["criterion 2", "no sub-criteria"],
                 id="criterion-without-subcriteria"),
    pytest.param(edit('version = "t1"', "version = 2026.1"), ["version must be text in quotes, got 2026.1"],
                 id="version-unquoted"),
    pytest.param(edit('title = "Thử"', 'title = "Thử"\ncriterias = []'), ["top level", 'unknown key "criterias"'],
                 id="unknown-top-key"),
    pytest.param('unit = { name = "x" }\ncriteria = [1]', ["criterion #1", "must be a [[criteria]] block"],
                 id="criterion-not-table"),
    pytest.param('x = ' + "[" * 3000 + "]" * 3000, ["not valid TOML"], id="nested-too-deep"),
]


@pytest.mark.parametrize("content, expected", BROKEN)
def test_broken_rubric_is_one_named_error(tmp_path: Path, content: str | bytes, expected: list[str]):
    path = write(tmp_path, content)
    with pytest.raises(RubricError) as info:
        load_rubric(path)
    message = info.value.message
    assert message.startswith(f"{path}: "), message
    assert "\n" not in message, message
    # Vietnamese first, then the English after ` / `, as every other error (QA: English only).
    vietnamese, english = message.removeprefix(f"{path}: ").split(" / ", 1)
    assert not vietnamese.isascii() and english, message
    for part in expected:
        assert part in message, (part, message)
    assert info.value.exit_code == 2


# --- never a traceback ---------------------------------------------------------------------------


def toml_value(value: Any) -> str:
    """A tiny TOML writer (inline forms only), enough to feed the loader odd but valid TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        # JSON escapes are valid TOML basic-string escapes; DEL is the one TOML adds.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_value(str(k))} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def toml_document(data: dict[str, Any]) -> str:
    return "".join(f"{toml_value(str(k))} = {toml_value(v)}\n" for k, v in data.items())


def check_outcome(path: Path) -> None:
    try:
        result = load_rubric(path)
    except RubricError as exc:
        assert exc.message.startswith(f"{path}: ") and "\n" not in exc.message, exc.message
    else:
        assert isinstance(result, Rubric)
        assert result.total_points == sum(s.points for s in result.subcriteria)


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
SCALARS = st.one_of(
    TEXT,
    st.sampled_from(["1", "1.1", "1.2", "2", "2.1", " 1.1 ", "1.02", "0", "x", "", "2026-01-01", "31/12/2026"]),
    st.integers(-3, 120),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)
ANY = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                   max_leaves=8)
KEYWORDS = st.one_of(st.lists(st.one_of(TEXT, SCALARS), max_size=4), SCALARS)
SUB = st.fixed_dictionaries({}, optional={
    "code": SCALARS, "title": SCALARS, "points": st.integers(-1, 8) | SCALARS,
    "min_evidence": st.integers(-1, 3) | SCALARS, "keywords": KEYWORDS, "extra": ANY,
})
CRITERION = st.fixed_dictionaries({}, optional={
    "code": SCALARS, "title": SCALARS, "points": st.integers(-1, 20) | SCALARS,
    "subcriteria": st.lists(st.one_of(SUB, SCALARS), max_size=3) | SCALARS,
})
PERIOD = st.one_of(st.fixed_dictionaries({}, optional={"start": SCALARS, "end": SCALARS, "x": ANY}), SCALARS)
TOP = st.fixed_dictionaries({}, optional={
    "title": SCALARS, "version": SCALARS, "total": st.integers(-1, 40) | SCALARS,
    "unit": st.one_of(st.fixed_dictionaries({}, optional={"name": SCALARS, "period": PERIOD}), SCALARS),
    "period": PERIOD,
    "criteria": st.lists(st.one_of(CRITERION, SCALARS), max_size=3) | SCALARS,
})

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(text=st.text())
def test_any_text_gives_rubric_or_rubric_error(fuzz_dir: Path, text: str):
    check_outcome(write(fuzz_dir, text.encode("utf-8", "surrogatepass")))


@FUZZ
@given(raw=st.binary(max_size=200))
def test_any_bytes_give_rubric_or_rubric_error(fuzz_dir: Path, raw: bytes):
    check_outcome(write(fuzz_dir, raw))


@FUZZ
@given(data=TOP)
def test_any_toml_structure_gives_rubric_or_rubric_error(fuzz_dir: Path, data: dict[str, Any]):
    text = toml_document(data)
    tomllib.loads(text)  # the generator itself must write valid TOML
    check_outcome(write(fuzz_dir, text))


def paths_of(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths_of(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths_of(v, prefix + (i,))
    return out


@FUZZ
@given(data=st.data())
def test_one_change_to_a_valid_rubric_gives_rubric_or_rubric_error(fuzz_dir: Path, data):
    # Random structures rarely get past the first check; one change to a good file reaches them all.
    doc = tomllib.loads(MINI)
    target = data.draw(st.sampled_from(paths_of(doc)))
    parent = doc
    for step in target[:-1]:
        parent = parent[step]
    if data.draw(st.booleans()):
        parent[target[-1]] = data.draw(ANY)
    elif isinstance(parent, dict):
        del parent[target[-1]]
    else:
        parent.pop(target[-1])
    check_outcome(write(fuzz_dir, toml_document(doc)))


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_rubric_that_is_a_pipe_or_a_device_is_one_error(tmp_path, kind):
    # `files` blocked on a FIFO named rubric.toml; a link to /dev/zero read 2.6 GB first.
    path = tmp_path / "rubric.toml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    with pytest.raises(RubricError, match="not a regular file"):
        load_rubric(root=tmp_path)
