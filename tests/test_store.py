"""The text index, through the interface both engines keep: every test runs on each engine."""

from __future__ import annotations

import pytest

from indexer.errors import IndexBusyError
from indexer.models import StoredDoc
from indexer.store import ENGINES, create_text_index, engine_of, open_text_index, text_index_exists

PAGES = ("Kế hoạch công khai số điện thoại đường dây nóng.", "Trang hai: thư xin lỗi công dân.")


@pytest.fixture(params=ENGINES)
def index(request, tmp_path):
    """An index of two files, on each engine in turn."""
    index = create_text_index(tmp_path / "text", request.param)
    writer = index.writer()
    writer.put(StoredDoc("a.pdf", "TC1.3 so dien thoai", "KẾ HOẠCH Công khai", PAGES, ("1.3",), None))
    writer.put(StoredDoc("b.docx", "bien ban", "", ("Biên bản họp tổ dân phố.",), ("3.1",), "5/bb-ubnd"))
    writer.commit()
    yield index
    index.close()


def found(index, query: str, **options) -> list[str]:
    return [hit.path for hit in index.search(query, **options)[1]]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("đường dây nóng", ["a.pdf"]),
        ("duong day nong", ["a.pdf"]),
        ("ĐƯỜNG DÂY NÓNG", ["a.pdf"]),
        ('"thư xin lỗi"', ["a.pdf"]),
        ('"thu xin loi cong dan"', ["a.pdf"]),
        ('"xin thư"', []),  # positions are kept: word order matters in a phrase
        ("so dien thoai", ["a.pdf"]),
        ("biên bản", ["b.docx"]),
        ("kế hoạch biên bản", []),  # every word must match
        ("họp OR nóng", None),  # either: both files
        ("dân NOT họp", ["a.pdf"]),
        ("(họp OR nóng) NOT biên", ["a.pdf"]),
        ("Số: 91/KH-UBND (2026) ^", []),  # punctuation is text, never a syntax error
        ('"thư xin', ["a.pdf"]),  # an unclosed quote
        ("(" * 3000 + "họp" + ")" * 3000, ["b.docx"]),  # pasted nonsense nests deeper than a parser recurses
    ],
)
def test_queries_on_each_engine(index, query, expected):
    hits = found(index, query)
    if expected is None:
        assert sorted(hits) == ["a.pdf", "b.docx"]
    else:
        assert hits == expected


def test_a_hit_names_its_best_page_with_the_text_as_written(index):
    [hit] = index.search("thư xin lỗi")[1]
    assert (hit.path, hit.page, hit.text) == ("a.pdf", 1, PAGES[1]) and hit.score > 0
    [hit] = index.search("duong day nong")[1]
    assert (hit.page, hit.text) == (0, PAGES[0])
    [hit] = index.search("so dien thoai duong loi")[1]  # page 1 has four of the words, page 2 one
    assert hit.page == 0
    assert index.pages("a.pdf") == PAGES and index.pages("missing.pdf") == ()


def test_a_code_filter_takes_a_sub_criterion_or_a_whole_criterion(index):
    assert found(index, "dân", code="1.3") == ["a.pdf"]
    assert found(index, "dân", code="3") == ["b.docx"]
    assert found(index, "dân", code="1.4") == [] and found(index, "dân", code="2") == []


def test_a_document_number_finds_its_file_first(index):
    assert found(index, "", doc_key="5/bb-ubnd") == ["b.docx"]
    assert found(index, "dân", doc_key="5/bb-ubnd")[0] == "b.docx"


def test_a_number_pattern_finds_the_files_numbered_so_first(tmp_path, request):
    # Keys as doc_number_key writes them; the patterns as doc_number_pattern makes them.
    for engine in ENGINES:
        index = create_text_index(tmp_path / engine, engine)
        writer = index.writer()
        writer.put(StoredDoc("kh.docx", "ke hoach", "", ("Kế hoạch số 12 năm 2026.",), (), "12 2026 kh ubnd"))
        writer.put(StoredDoc("bc.docx", "bao cao", "", ("Thực hiện Kế hoạch số 12/KH-UBND, báo cáo số 12.",), (), "7 bc ubnd"))
        writer.put(StoredDoc("tb.docx", "thong bao", "", ("Thông báo.",), (), "12 tb ubnd vp"))
        writer.commit()
        assert found(index, "12 KH", doc_pattern="12( [0-9]{4})? kh( .*)?") == ["kh.docx", "bc.docx"], engine
        assert sorted(found(index, "", doc_pattern="12( .*)?")) == ["kh.docx", "tb.docx"], engine
        assert found(index, "số 12", doc_pattern="12( .*)?")[2:] == ["bc.docx"], engine  # cites it: after both
        assert found(index, "", doc_pattern="1( .*)?") == [], engine  # the whole key must match: 12 is not 1
        # The exact number still ranks above a file that only starts so.
        assert found(index, "", doc_key="12 tb ubnd vp", doc_pattern="12( [0-9]{4})? tb( .*)?")[0] == "tb.docx", engine
        index.close()


def test_written_diacritics_rank_first(tmp_path, request):
    for engine in ENGINES:
        index = create_text_index(tmp_path / engine, engine)
        writer = index.writer()
        writer.put(StoredDoc("tam.docx", "x", "", ("Ông Nguyễn Văn Tam, tổ 3.",), (), None))
        writer.put(StoredDoc("tâm.docx", "y", "", ("Ông Nguyễn Văn Tâm, tổ 3.",), (), None))
        writer.commit()
        assert found(index, "Tâm") == ["tâm.docx", "tam.docx"], engine
        assert found(index, "Tam")[0] == "tam.docx", engine
        index.close()


def test_replace_and_delete_leave_each_file_once(index):
    writer = index.writer()
    writer.put(StoredDoc("b.docx", "bien ban", "", ("Biên bản mới tumoi.",), (), None))
    writer.delete(["a.pdf", "never-indexed.pdf"])
    writer.commit()
    assert index.paths() == {"b.docx"} and index.doc_count() == 1
    assert found(index, "tumoi") == ["b.docx"] and found(index, "họp") == [] and found(index, "nóng") == []


def test_nothing_is_seen_before_commit_and_cancel_drops_it(index):
    writer = index.writer()
    writer.put(StoredDoc("c.txt", "c", "", ("chưa ghi tuchuaghi",), (), None))
    assert found(index, "tuchuaghi") == []
    writer.cancel()
    assert found(index, "tuchuaghi") == [] and index.doc_count() == 2
    index.writer(wait=0).cancel()  # the lock went with the cancelled writer


def test_a_second_writer_is_told_the_index_is_busy(index):
    held = index.writer()
    try:
        with pytest.raises(IndexBusyError, match="being written by another process"):
            open_text_index(index.folder).writer(wait=0)
    finally:
        held.cancel()


def test_an_index_knows_its_engine_and_a_rebuild_may_change_it(tmp_path):
    folder = tmp_path / "text"
    assert engine_of(folder) is None and not text_index_exists(folder)
    for engine in (*ENGINES, ENGINES[0]):
        index = create_text_index(folder, engine)
        assert engine_of(folder) == engine and index.doc_count() == 0
        assert type(open_text_index(folder)) is type(index)
        index.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["text"]  # nothing left beside it


def test_optimize_keeps_every_answer(index):
    before = {q: found(index, q) for q in ("dân", "thư xin lỗi", '"xin thư"', "biên")}
    writer = index.writer()
    writer.optimize()
    writer.commit()
    assert {q: found(index, q) for q in before} == before
    writer = index.writer()  # and the index takes writes after it
    writer.delete(["b.docx"])
    writer.commit()
    assert found(index, "biên") == []
