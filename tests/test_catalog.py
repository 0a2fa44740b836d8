from __future__ import annotations

import sqlite3

from indexer import catalog as catalog_module
from indexer.catalog import open_reader


def test_a_folder_this_account_cannot_write_is_read_as_immutable(tmp_path, monkeypatch):
    # Staff reading the watch service's index: SQLite cannot make the WAL's -shm file in a folder
    # they may not write and says SQLITE_READONLY_DIRECTORY (8 | 6 << 8), not plain READONLY.
    path = tmp_path / "catalog.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE files (path TEXT)")
        db.execute("INSERT INTO files VALUES ('a.docx')")
    db.close()
    real_connect = sqlite3.connect
    opened = []

    class NoShmFile:
        def execute(self, *args):
            exc = sqlite3.OperationalError("attempt to write a readonly database")
            exc.sqlite_errorcode = 1544
            raise exc

        def close(self):
            pass

    def connect(database, **kwargs):
        opened.append(database)
        return real_connect(database, **kwargs) if "immutable=1" in database else NoShmFile()

    monkeypatch.setattr(catalog_module.sqlite3, "connect", connect)
    db = open_reader(path, timeout=1.0)
    assert db.execute("SELECT path FROM files").fetchall() == [("a.docx",)]
    assert len(opened) == 2
    db.close()
