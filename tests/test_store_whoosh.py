"""The Whoosh engine: documents are indexed as word lists that must equal what the analyzers make."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from whoosh.formats import Positions

from indexer.store_whoosh import (
    PreTokenizedPositions,
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
