"""The text index: documents are indexed as word lists that must equal what the analyzers make."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from whoosh.formats import Positions

from indexer.store import (
    PAGE_BREAK,
    PreTokenizedPositions,
    StoredDoc,
    TextIndex,
    exact_analyzer,
    exact_words,
    folded_analyzer,
    folded_words,
)

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + "0123456789 _-.,;:/\n\t\f()“”'\"İßﬁ\u0301\u0323Ω"


def analyzed(analyzer, text: str) -> list[str]:
    return [t.text for t in analyzer(text, mode="index")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_fast_words_equal_the_analyzers(text):
    words = exact_words(text)
    assert words == analyzed(exact_analyzer(), text)
    assert folded_words(words) == analyzed(folded_analyzer(), text)
    # ... and the postings (word, frequency, weight, encoded positions) are whoosh's own.
    for analyzer, listed in ((exact_analyzer(), words), (folded_analyzer(), folded_words(words))):
        stock = sorted(Positions(field_boost=1.5).word_values(text, analyzer, mode="index"))
        assert sorted(PreTokenizedPositions(field_boost=1.5).word_values(listed, analyzer)) == stock


def test_indexed_word_lists_are_searchable_like_text(tmp_path):
    index = TextIndex.create(tmp_path / "text")
    writer = index.writer()
    pages = ("Kế hoạch công khai số điện thoại đường dây nóng.", "Trang hai: thư xin lỗi công dân.")
    writer.put(StoredDoc("a.pdf", "TC1.3 so dien thoai", "KẾ HOẠCH Công khai", pages, ("1.3",), None))
    writer.put(StoredDoc("b.docx", "bien ban", "", ("Biên bản họp tổ dân phố.",), ("3.1",), None))
    writer.commit()
    for query, expected in [
        ("đường dây nóng", ["a.pdf"]),
        ("duong day nong", ["a.pdf"]),
        ('"thư xin lỗi"', ["a.pdf"]),
        ('"thu xin loi cong dan"', ["a.pdf"]),
        ('"xin thư"', []),  # positions are kept: word order matters in a phrase
        ("so dien thoai", ["a.pdf"]),
        ("biên bản", ["b.docx"]),
    ]:
        total, hits = index.search(query)
        assert [path for path, _, _ in hits] == expected, query
    _, hits = index.search("thư xin lỗi")
    assert PAGE_BREAK.join(hits[0][2]) == PAGE_BREAK.join(pages)  # stored as written
    index.close()
