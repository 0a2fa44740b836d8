"""The tantivy engine: any typed query is a valid query, and a write killed half way never loses a file's pages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer import store_tantivy
from indexer.models import StoredDoc
from indexer.store import create_text_index, parse_query

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
QUERY_ALPHABET = VIETNAMESE + VIETNAMESE.upper() + "0123456789 _-.,;:/*?^~+\"'()[]{}\\\n\t“”İßﬁ\u0301"
QUERY_WORDS = st.sampled_from(["AND", "OR", "NOT", "ANDNOT", "(", ")", '"', "*", "ke*", "body:", "-x", "x" * 60])


@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    index = create_text_index(tmp_path_factory.mktemp("tv") / "text", "tantivy")
    writer = index.writer()
    writer.put(StoredDoc("a.docx", "ke hoach", "KẾ HOẠCH", ("Kế hoạch tiếp công dân", "trang hai"), ("1.3",), "91/kh-ubnd"))
    writer.commit()
    yield index
    index.close()


def test_words_of_the_folders_find_a_file_below_its_own_words(tmp_path):
    index = create_text_index(tmp_path / "text", "tantivy")
    writer = index.writer()
    # A photo has no text: its folder says what it shows.
    writer.put(StoredDoc("Tieu chi 1/1.3 So dien thoai duong day nong/IMG_2034.jpg", "IMG_2034", "", ("",), ("1.3",), None))
    writer.put(StoredDoc("Thong bao.docx", "Thong bao", "THÔNG BÁO", ("Số điện thoại đường dây nóng: 0225 3 123 456.",), (), None))
    writer.put(StoredDoc("Khac/Giay moi.docx", "Giay moi", "GIẤY MỜI", ("Kính mời dự họp.",), (), None))
    writer.commit()
    total, hits = index.search("đường dây nóng")
    assert [h.path for h in hits] == ["Thong bao.docx", "Tieu chi 1/1.3 So dien thoai duong day nong/IMG_2034.jpg"]
    assert index.search("Tieu chi 1 anh")[0] == 0  # every word must still be found somewhere
    index.close()


def test_the_index_metadata_is_readable_by_other_accounts(tmp_path):
    # The watch service's account writes the index; staff search it as themselves. tantivy
    # writes meta.json through a 0600 temp file, which no other account could open.
    import os
    import stat

    from indexer.procs import new_file_mode

    index = create_text_index(tmp_path / "text", "tantivy")
    writer = index.writer()
    writer.put(StoredDoc("a.docx", "a", "A", ("Kế hoạch",), (), None))
    writer.commit()
    index.close()
    for folder in (tmp_path / "text", tmp_path / "text" / "pages"):
        for name in ("meta.json", ".managed.json"):
            assert stat.S_IMODE(os.stat(folder / name).st_mode) == new_file_mode(), folder / name


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=QUERY_ALPHABET, max_size=12), QUERY_WORDS), max_size=8).map(" ".join))
def test_any_typed_query_runs(small_index, query):
    total, hits = small_index.search(query)
    assert total >= len(hits)
    small_index.search(query, code="1", doc_key="91/kh-ubnd")  # the filters combine with anything typed


def test_words_the_tokenizer_splits_are_split_in_queries_too(small_index):
    # tantivy's tokenizer cuts at `_` and punctuation; a query cut differently would find nothing.
    assert [h.path for h in small_index.search("kế_hoạch")[1]] == ["a.docx"]
    assert parse_query("x" * 60, store_tantivy._QueryBuilder()) is not None


def _pages_in_index(index) -> int:
    return index._searchers()[1].num_docs


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from("abcd"), st.sampled_from(["put", "delete"]), st.integers(0, 3)), max_size=6), max_size=5))
def test_any_sequence_of_batches_keeps_each_file_with_its_pages(tmp_path_factory, batches):
    index = create_text_index(tmp_path_factory.mktemp("tv") / "text", "tantivy")
    model: dict[str, tuple[str, ...]] = {}
    for n, batch in enumerate(batches):
        writer = index.writer()
        for path, action, pages in batch:
            if action == "put":
                texts = tuple(f"trang {p} tu{path}{n}" for p in range(pages))
                writer.put(StoredDoc(path, path, "", texts, (), None), replace=bool(n % 2) or path in model)
                model[path] = texts
            else:
                writer.delete([path])
                model.pop(path, None)
        writer.commit()
    assert index.paths() == set(model)
    assert {path: index.pages(path) for path in model} == model
    assert _pages_in_index(index) == sum(map(len, model.values()))  # no page of a replaced or deleted file is left
    index.close()


def _two_files(tmp_path):
    index = create_text_index(tmp_path / "text", "tantivy")
    writer = index.writer()
    writer.put(StoredDoc("cu.docx", "cu", "", ("trang một tucu", "trang hai"), (), None))
    writer.put(StoredDoc("xoa.docx", "xoa", "", ("sẽ xóa tuxoa",), (), None))
    writer.commit()
    writer = index.writer()
    writer.put(StoredDoc("cu.docx", "cu", "", ("bản mới tumoi",), (), None))
    writer.delete(["xoa.docx"])
    return index, writer


def test_killed_after_the_pages_commit_the_old_files_keep_their_pages(tmp_path):
    index, writer = _two_files(tmp_path)
    writer._pages.commit()  # then the process dies: the files index never commits
    writer.cancel()
    assert index.pages("cu.docx") == ("trang một tucu", "trang hai") and index.pages("xoa.docx") == ("sẽ xóa tuxoa",)
    assert [h.path for h in index.search("tucu")[1]] == ["cu.docx"] and index.search("tumoi") == (0, [])
    index.sweep()  # the new pages belong to no file
    assert _pages_in_index(index) == 3 and index.pages("cu.docx") == ("trang một tucu", "trang hai")


def test_killed_before_the_old_pages_are_deleted_the_new_files_have_theirs(tmp_path):
    index, writer = _two_files(tmp_path)
    writer._pages.commit()
    writer._files.commit()  # then the process dies before deleting the replaced files' pages
    writer.cancel()
    assert index.pages("cu.docx") == ("bản mới tumoi",) and index.pages("xoa.docx") == ()
    hit = index.search("tumoi")[1][0]
    assert (hit.path, hit.page, hit.text) == ("cu.docx", 0, "bản mới tumoi")
    assert _pages_in_index(index) == 4
    index.sweep()
    assert _pages_in_index(index) == 1 and index.pages("cu.docx") == ("bản mới tumoi",)


def test_a_damaged_index_asks_for_a_rebuild(tmp_path):
    from indexer.errors import IndexMissingError
    from indexer.store import open_text_index

    index, writer = _two_files(tmp_path)
    writer.commit()
    index.close()
    for segment_file in (tmp_path / "text").glob("*.idx"):
        segment_file.write_bytes(b"cut short")
    damaged = open_text_index(tmp_path / "text")
    with pytest.raises(IndexMissingError, match="minhchung index --rebuild"):
        damaged.search("tumoi")
