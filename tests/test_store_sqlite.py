"""The SQLite FTS5 engine: the query language staff type, and deletes that keep FTS5 consistent."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.models import StoredDoc
from indexer.store import SQLITE_FILE, create_text_index
from indexer.store_sqlite import COLUMNS, make_match

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
QUERY_ALPHABET = VIETNAMESE + VIETNAMESE.upper() + "0123456789 _-.,;:/*?^~+\"'()[]{}\\\n\t“”İßﬁ\u0301"
QUERY_WORDS = st.sampled_from(["AND", "OR", "NOT", "ANDNOT", "(", ")", '"', "*", "NEAR", "ke*", "{name}", "body:", "-x"])


def _fts() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE fts USING fts5({', '.join(COLUMNS)}, content='', tokenize='unicode61 remove_diacritics 0')")
    db.execute("INSERT INTO fts(rowid, name, name_f, title, title_f, body, body_f) VALUES (1, 'a', 'a', '', '', 'kế hoạch', 'ke hoach')")
    return db


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=QUERY_ALPHABET, max_size=12), QUERY_WORDS), max_size=8).map(" ".join))
def test_any_typed_query_is_valid_fts5_or_nothing(query):
    db = _fts()
    match = make_match(query)
    if match is not None:
        db.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (match,)).fetchall()  # no syntax error


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=VIETNAMESE + " ", max_size=40))
def test_plain_words_all_become_required(text):
    match = make_match(text)
    words = text.split()
    assert (match is None) == (not words)
    if match is not None:
        assert match.count(" AND ") == max(0, len(words) - 1)


def test_operators_are_upper_case_only():
    assert " OR " in make_match("họp OR nóng")
    assert make_match("họp or nóng").count(" AND ") == 2  # `or` is a word here: all three required
    assert make_match("NOT họp") is None  # nothing to subtract from
    assert make_match("") is None and make_match('""') is None and make_match("( )") is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcdef"), st.sampled_from(["put", "replace", "delete"]), st.text(alphabet=VIETNAMESE + " .", max_size=30)), max_size=25))
def test_any_sequence_of_writes_keeps_fts5_consistent(tmp_path_factory, steps):
    """A contentless FTS5 table trusts the values a delete gives it: wrong ones corrupt it silently.

    `put` without `replace` on a path already there takes the fallback that deletes it first.
    """
    folder = tmp_path_factory.mktemp("fts") / "text"
    index = create_text_index(folder, "sqlite")
    live: dict[str, str] = {}
    for n, (name, action, text) in enumerate(steps):
        writer = index.writer()
        path = f"{name}.pdf"
        if action == "delete":
            writer.delete([path])
            live.pop(path, None)
        else:
            body = f"{text} tu{name}{n}"
            writer.put(StoredDoc(path, f"Tên {name}", text[:10], (body, "Trang 2"), ("1.1",), None), replace=action == "replace")
            live[path] = f"tu{name}{n}"
        writer.commit()
    db = sqlite3.connect(folder / SQLITE_FILE)
    db.execute("INSERT INTO fts(fts, rank) VALUES ('integrity-check', 1)")  # raises if the index is corrupt
    db.close()
    assert index.paths() == set(live)
    for path, word in live.items():
        assert [hit.path for hit in index.search(word)[1]] == [path]
    index.close()


def test_many_matches_of_words_in_most_files_list_the_newest_first(tmp_path, monkeypatch):
    """Words in most files get no BM25 weight: past RANK_AT_MOST matches they are not scored."""
    from indexer import store_sqlite

    index = create_text_index(tmp_path / "text", "sqlite")
    for n in range(5):
        writer = index.writer()
        writer.put(StoredDoc(f"{n}.pdf", f"tệp {n}", "", (f"Ủy ban nhân dân phường, lần {n}" + (" hiếm" if n == 1 else ""),), (), None))
        writer.commit()
    monkeypatch.setattr(store_sqlite, "RANK_AT_MOST", 3)
    total, hits = index.search("phường")
    assert total == 5 and [h.path for h in hits] == ["4.pdf", "3.pdf", "2.pdf", "1.pdf", "0.pdf"]
    assert {h.score for h in hits} == {0.0}
    total, hits = index.search("phường hiếm")  # a word in one file: ranked by BM25
    assert total == 1 and hits[0].path == "1.pdf" and hits[0].score > 0
    monkeypatch.setattr(store_sqlite, "RANK_AT_MOST", 2000)
    assert index.search("phường")[1][0].score > 0  # a small index scores them all
    index.close()


def test_deeply_nested_groups_are_flattened_not_a_crash():
    assert make_match("(" * 5000 + "họp" + ")" * 5000) == make_match("họp")
    assert make_match("((a OR b)) c") == make_match("(a OR b) c")
