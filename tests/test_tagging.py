"""File-name and folder conventions, keyword suggestions and the general-report guard."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.models import TagSource
from indexer.tagging import codes_in_name, criterion_in_name, tag_by_keywords, tag_by_name


@pytest.mark.parametrize(
    "name, codes",
    [
        pytest.param("1.2_bang phi le phi.pdf", ["1.2"], id="underscore"),
        pytest.param("1.2 - Bảng phí.pdf", ["1.2"], id="space-dash"),
        pytest.param("TC1.2 - Bảng phí.pdf", ["1.2"], id="tc-prefix"),
        pytest.param("TC 1-2 bang phi.docx", ["1.2"], id="tc-prefix-dash"),
        pytest.param("tc1.2.pdf", ["1.2"], id="lowercase-no-title"),
        pytest.param("Tiêu chí 1.2 bảng phí.pdf", ["1.2"], id="tieu-chi-diacritics"),
        pytest.param("Tieu chi 1.2 bang phi.pdf", ["1.2"], id="tieu-chi-plain"),
        pytest.param("Tiêu chí 1.2 bảng phí.pdf", ["1.2"], id="tieu-chi-nfd"),
        pytest.param("TC1.3+1.7 so dien thoai.pdf", ["1.3", "1.7"], id="two-codes-plus"),
        pytest.param("TC1.3, 1.7 so dien thoai.pdf", ["1.3", "1.7"], id="two-codes-comma"),
        pytest.param("1.3&1.7 x.pdf", ["1.3", "1.7"], id="two-codes-ampersand"),
        pytest.param("Tiêu chí 3.1 + 3.2.docx", ["3.1", "3.2"], id="two-codes-spaced"),
        pytest.param("MC 2.4 thu cam on.docx", ["2.4"], id="minh-chung-prefix"),
        pytest.param("TC_2.4_thu.pdf", ["2.4"], id="tc-underscores"),
        pytest.param("Bang phi (TC1.2).pdf", ["1.2"], id="prefixed-code-at-end"),
        pytest.param("2.4.1 thu xin loi.docx", ["2.4"], id="third-level-cut"),
        pytest.param("01.02 bang phi.pdf", ["1.2"], id="leading-zeros"),
        pytest.param("TC2.4 - 12.2026.pdf", ["2.4"], id="code-then-month"),
        pytest.param("13.02.2026 bien ban.pdf", [], id="date-is-not-a-code"),
        pytest.param("1.2.2026 x.pdf", [], id="short-date-is-not-a-code"),
        pytest.param("Ke hoach 91.docx", [], id="no-code"),
        pytest.param("v1.2 ban cuoi.docx", [], id="version-is-not-a-code"),
        pytest.param("Quyet dinh 12.2026.pdf", [], id="month-year-not-at-start"),
        pytest.param("TC4", [], id="criterion-only"),
    ],
)
def test_codes_in_name(name, codes):
    import unicodedata

    assert codes_in_name(unicodedata.normalize("NFD", name)) == codes
    assert codes_in_name(name) == codes


@pytest.mark.parametrize("name, criterion", [("TC4", "4"), ("Tieu chi 1", "1"), ("Tiêu chí 2", "2"), ("1.3 So dien thoai", None)])
def test_criterion_only_folder(name, criterion):
    assert criterion_in_name(name) == criterion


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None)
def test_codes_in_name_never_fails_and_gives_codes(name):
    for code in codes_in_name(name):
        assert re.fullmatch(r"\d{1,2}\.\d{1,2}", code)


@given(st.integers(1, 9), st.integers(1, 19), st.sampled_from(["{a}.{b}_x", "TC{a}.{b} x", "tc {a}-{b} x", "Tiêu chí {a}.{b} - x", "MC{a}.{b}"]))
def test_generated_conventions_round_trip(a, b, pattern):
    assert codes_in_name(pattern.format(a=a, b=b) + ".pdf") == [f"{a}.{b}"]


def test_folder_convention_nearest_folder(rubric):
    tags = tag_by_name("Tieu chi 1/1.3 So dien thoai/anh niem yet.pdf", rubric).tags
    assert [(t.code, t.source) for t in tags] == [("1.3", TagSource.FOLDER)]
    assert "1.3 So dien thoai" in tags[0].reason


def test_criterion_folder_alone_is_not_enough(rubric):
    assert tag_by_name("TC4/anh tru so.jpg", rubric).tags == ()


def test_filename_and_folder_both_kept(rubric):
    tags = tag_by_name("1.4 Lich tiep dan/TC1.4 lich thang 3.pdf", rubric).tags
    assert {(t.code, t.source) for t in tags} == {("1.4", TagSource.FILENAME), ("1.4", TagSource.FOLDER)}


def test_unknown_code_is_reported_not_tagged(rubric):
    result = tag_by_name("1.9_x.pdf", rubric)
    assert result.tags == ()
    assert result.unknown == ("1.9",)


APOLOGY = (
    "THƯ XIN LỖI\nỦy ban nhân dân phường Phù Liễn trân trọng gửi tới ông Nguyễn Văn Tâm lời xin lỗi "
    "vì hồ sơ chứng thực của ông được trả kết quả chậm so với giấy hẹn. Thư xin lỗi này được gửi kèm kết quả."
)
HOTLINE = (
    "THÔNG BÁO\nCông khai số điện thoại đường dây nóng và số điện thoại của lãnh đạo Đảng ủy, HĐND, UBND phường "
    "để Nhân dân liên hệ, phản ánh. Đường dây nóng: 0225 3 123 456."
)


@pytest.mark.parametrize("text, code", [pytest.param(APOLOGY, "2.4", id="apology-letter"), pytest.param(HOTLINE, "1.3", id="hotline-notice")])
def test_keywords_suggest_the_right_subcriterion(rubric, text, code):
    result = tag_by_keywords("tai lieu", "", text, rubric)
    assert not result.general
    assert result.tags and result.tags[0].code == code
    assert all(t.source is TagSource.KEYWORD and 0 < t.confidence < 1 for t in result.tags)
    assert result.tags[0].reason.startswith("từ khóa:")


def test_keywords_need_more_than_a_passing_word(rubric):
    assert tag_by_keywords("bien ban hop", "", "Cuộc họp bàn về công tác phòng chống lụt bão năm 2026.", rubric).tags == ()


def test_ocr_text_gets_lower_confidence(rubric):
    plain = tag_by_keywords("x", "", APOLOGY, rubric).tags[0]
    ocr = tag_by_keywords("x", "", APOLOGY, rubric, from_ocr=True).tags[0]
    assert ocr.code == plain.code and ocr.confidence < plain.confidence


def test_seed_report_is_general_not_proof_of_everything(rubric, seed_report_text):
    result = tag_by_keywords("Bao cao ket qua CQTT", "BÁO CÁO", seed_report_text, rubric)
    assert result.general
    assert result.tags == ()
    assert result.matched >= 7
