"""The staff web page through Flask's test client: search, files, upload, and the safety rules."""

from __future__ import annotations

import io
import os
import shutil
import socket
import time

import pytest

from bench.docgen import write_docx, write_pdf
from indexer.build import build_index, build_lock, resolve_paths
from indexer.errors import IndexBusyError, UploadError, UsageError
from indexer.tagging import codes_in_name
from search.query import close_all
from search.upload import Reindexer, clean_filename, folder_name, subcriterion_folder
from search.web import check_bind, create_app, is_loopback, urls

PASSWORD = "mật khẩu phường 2026"


@pytest.fixture(scope="module")
def template(tmp_path_factory, rubric):
    """The evidence folder, indexed once per module; each test gets its own copy."""
    root = tmp_path_factory.mktemp("template") / "evidence"
    root.mkdir()
    write_pdf(
        root / "TC1.3 Cong khai.pdf",
        [["Danh sách cán bộ phường."], ["Số điện thoại đường dây nóng của Chủ tịch UBND phường: 0225 3 123 456."]],
    )
    write_docx(root / "Thu xin loi ong Tam.docx", ["THƯ XIN LỖI", "Phường gửi thư xin lỗi ông Nguyễn Văn Tâm vì trả kết quả chậm."])
    write_docx(root / "Ghi chu.docx", ["Ghi chú <script>alert('x')</script> & số điện thoại dự phòng."])
    (root / "Tieu chi 1" / "1.4 Lich tiep cong dan").mkdir(parents=True)
    write_docx(root / "Tieu chi 1" / "1.4 Lich tiep cong dan" / "Lich.docx", ["Lịch tiếp công dân quý II."])
    build_index(resolve_paths(root), rubric, workers=0, ocr=False)
    return root


@pytest.fixture
def evidence(template, tmp_path):
    root = tmp_path / "evidence"
    shutil.copytree(template, root, symlinks=True)
    return root


@pytest.fixture
def indexed(evidence):
    yield resolve_paths(evidence)
    close_all()


def make_app(paths, rubric, **options):
    options.setdefault("index_options", {"workers": 0, "ocr": False, "wait": 0.2})
    app = create_app(paths, rubric, **options)
    app.testing = True
    return app


@pytest.fixture
def app(indexed, rubric):
    app = make_app(indexed, rubric)
    yield app
    app.extensions["minhchung"]["reindexer"].stop()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf(client) -> str:
    client.get("/")
    with client.session_transaction() as s:
        return s["csrf"]


def upload(client, code, *files, token=None, **headers):
    data = {"code": code, "files": [(io.BytesIO(body), name) for name, body in files]}
    if token is not False:
        data["csrf_token"] = token or csrf(client)
    headers.setdefault("Accept", "application/json")
    return client.post("/upload", data=data, content_type="multipart/form-data", headers=headers)


def pdf_bytes(tmp_path, lines, name="x.pdf") -> bytes:
    return write_pdf(tmp_path / name, [lines]).read_bytes()


def searchable(app, client, path) -> dict:
    assert app.extensions["minhchung"]["reindexer"].wait_idle(30)
    return client.get("/api/status", query_string={"path": path}).json["files"][0]


# --- search ------------------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["thu xin loi", "thư xin lỗi", "THU XIN LOI"], ids=["folded", "diacritics", "capitals"])
def test_search_page_with_or_without_diacritics(client, q):
    page = client.get("/", query_string={"q": q}).get_data(as_text=True)
    assert "Thu xin loi ong Tam.docx" in page
    assert "<mark>xin</mark>" in page and "<mark>lỗi</mark>" in page
    api = client.get("/api/search", query_string={"q": q}).json
    assert api["hits"][0]["path"] == "Thu xin loi ong Tam.docx"
    assert api["total"] >= 1 and "Thu xin loi ong Tam.docx" in api["html"]
    # 2.4 is only a keyword suggestion: the badge says so, as `files` does.
    assert api["hits"][0]["codes"] == [{"code": "2.4", "title": api["hits"][0]["codes"][0]["title"], "suggested": True}]
    assert "TC 2.4?</span>" in page


def test_hit_shows_page_codes_and_opens_pdf_at_its_page(client):
    hit = client.get("/api/search", query_string={"q": "duong day nong"}).json["hits"][0]
    assert hit["path"] == "TC1.3 Cong khai.pdf"
    assert hit["page"] == 2 and hit["href"].endswith("#page=2")
    assert [c["code"] for c in hit["codes"]] == ["1.3"]
    assert not hit["codes"][0]["suggested"] and "TC 1.3?" not in client.get("/", query_string={"q": "duong day nong"}).get_data(as_text=True)


def test_snippet_text_is_escaped_and_only_matches_are_marked(client):
    html = client.get("/api/search", query_string={"q": "ghi chu"}).json["html"]
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;" in html


def test_code_filter_from_the_rubric(client):
    paths = {h["path"] for h in client.get("/api/search", query_string={"q": "so dien thoai", "code": "1.3"}).json["hits"]}
    assert paths == {"TC1.3 Cong khai.pdf"}
    everything = client.get("/api/search", query_string={"q": "so dien thoai", "code": "../1"}).json
    assert everything["code"] is None and len(everything["hits"]) == 2
    page = client.get("/").get_data(as_text=True)
    assert '<option value="4.6">' in page and 'value="1" class="crit"' in page


def test_empty_query_shows_tips_and_no_results(client):
    page = client.get("/").get_data(as_text=True)
    assert "có dấu hay không dấu đều được" in page and 'class="hits"' not in page


def test_security_headers(client):
    r = client.get("/")
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    csp = r.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["Cache-Control"] == "no-store"


def test_no_index_yet_says_so(root, rubric, tmp_path):
    from indexer.build import resolve_paths

    paths = resolve_paths(root, tmp_path / "idx")
    app = make_app(paths, rubric, index_missing_build=False)
    r = app.test_client().get("/?q=abc")
    assert r.status_code == 503 and "minhchung index" in r.get_data(as_text=True)


def test_first_start_without_index_builds_it(evidence, rubric, tmp_path):
    from indexer.build import resolve_paths

    paths = resolve_paths(evidence, tmp_path / "fresh-index")
    app = make_app(paths, rubric)
    try:
        assert app.extensions["minhchung"]["reindexer"].wait_idle(60)
        assert app.test_client().get("/api/search?q=thu+xin+loi").json["total"] >= 1
    finally:
        app.extensions["minhchung"]["reindexer"].stop()
        close_all()


# --- files ---------------------------------------------------------------------------------------


def test_open_pdf_inline_and_docx_as_download(client):
    r = client.get("/files/TC1.3 Cong khai.pdf")
    assert r.status_code == 200 and r.mimetype == "application/pdf" and r.data.startswith(b"%PDF")
    assert not r.headers.get("Content-Disposition", "").startswith("attachment")
    r = client.get("/files/TC1.3 Cong khai.pdf?download=1")
    assert r.headers["Content-Disposition"].startswith("attachment")
    r = client.get("/files/Tieu chi 1/1.4 Lich tiep cong dan/Lich.docx")
    assert r.status_code == 200 and r.headers["Content-Disposition"].startswith("attachment")


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.pdf"
    path.write_text("TOP SECRET outside the root")
    return path


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/files/../secret.pdf", id="dotdot"),
        pytest.param("/files/..%2Fsecret.pdf", id="dotdot-encoded"),
        pytest.param("/files/Tieu chi 1/../../secret.pdf", id="dotdot-inside"),
        pytest.param("/files/%2E%2E/secret.pdf", id="dotdot-percent-dots"),
        pytest.param("/files/..", id="bare-dotdot"),
        pytest.param("/files/%2Ftmp%2Fsecret.pdf", id="absolute-encoded"),
        pytest.param("/files//etc/passwd", id="absolute"),
        pytest.param("/files/C:%5Csecret.pdf", id="drive-letter"),
        pytest.param("/files/..%5Csecret.pdf", id="backslash"),
        pytest.param("/files/TC1.3 Cong khai.pdf%00.txt", id="nul"),
        pytest.param("/files/.minhchung-tags.txt", id="tags-file"),
        pytest.param("/files/.minhchung/catalog.sqlite3", id="index-folder"),
        pytest.param("/files/rubric.toml", id="not-evidence"),
        pytest.param("/files/nothing.pdf", id="missing"),
    ],
)
def test_file_traversal_refused(client, secret, url):
    r = client.get(url)
    assert r.status_code in (400, 404, 308)
    if r.status_code == 308:  # werkzeug merges `//`; the target must still be refused
        r = client.get(r.headers["Location"])
        assert r.status_code in (400, 404)
    assert b"TOP SECRET" not in r.data


def test_symlink_out_of_the_root_refused(evidence, index_root, rubric, secret):
    (evidence / "link.pdf").symlink_to(secret)
    paths, _ = index_root(evidence)  # the scanner leaves the link out
    app = make_app(paths, rubric)
    client = app.test_client()
    try:
        assert client.get("/files/link.pdf").status_code == 404  # never indexed: it leaves the root
        # An indexed file swapped for a link afterwards is refused too.
        target = evidence / "TC1.3 Cong khai.pdf"
        target.unlink()
        target.symlink_to(secret)
        r = client.get("/files/TC1.3 Cong khai.pdf")
        assert r.status_code == 404 and b"TOP SECRET" not in r.data
    finally:
        app.extensions["minhchung"]["reindexer"].stop()
        close_all()


# --- upload --------------------------------------------------------------------------------------


def test_upload_makes_folder_and_becomes_searchable(app, client, indexed, tmp_path):
    body = pdf_bytes(tmp_path, ["Số điện thoại trực ban phường Kiến An."])
    r = upload(client, "1.3", ("Niem yet truc ban.pdf", body))
    assert r.status_code == 200, r.json
    saved = r.json["files"][0]
    assert saved["path"].startswith("Tieu chi 1/1.3 ") and saved["path"].endswith("/Niem yet truc ban.pdf")
    assert codes_in_name(saved["path"].split("/")[1]) == ["1.3"]
    assert (indexed.root / saved["path"]).read_bytes() == body
    state = searchable(app, client, saved["path"])
    assert state["state"] == "searchable" and state["codes"][0] == "1.3"
    hits = client.get("/api/search", query_string={"q": "truc ban kien an", "code": "1.3"}).json["hits"]
    assert [h["path"] for h in hits] == [saved["path"]]
    assert not [p for p in indexed.root.rglob("*.part")]


def test_upload_into_existing_subcriterion_folder(app, client, indexed, tmp_path):
    r = upload(client, "1.4", ("Noi quy.pdf", pdf_bytes(tmp_path, ["Nội quy tiếp công dân."])), ("anh.jpg", b"\xff\xd8\xff\xe0 not really"))
    assert r.json["folder"] == "Tieu chi 1/1.4 Lich tiep cong dan"
    assert [f["path"] for f in r.json["files"]] == ["Tieu chi 1/1.4 Lich tiep cong dan/Noi quy.pdf", "Tieu chi 1/1.4 Lich tiep cong dan/anh.jpg"]


def test_upload_duplicate_name_gets_a_suffix(app, client, indexed, tmp_path):
    first, second, third = b"%PDF-1.4 first", b"%PDF-1.4 second", b"%PDF-1.4 third"
    upload(client, "1.4", ("Lich.pdf", first))
    r = upload(client, "1.4", ("Lich.pdf", second), ("LICH.PDF", third))
    folder = indexed.root / "Tieu chi 1" / "1.4 Lich tiep cong dan"
    assert [f["path"].rsplit("/", 1)[1] for f in r.json["files"]] == ["Lich (2).pdf", "LICH (3).pdf"]
    assert all(f["renamed"] for f in r.json["files"])
    assert (folder / "Lich.pdf").read_bytes() == first
    assert (folder / "Lich (2).pdf").read_bytes() == second
    assert (folder / "Lich.docx").exists()  # the indexed file there was not touched


@pytest.mark.parametrize("name, warned", [("TC2.4 Bang niem yet.pdf", True), ("TC1.1+2.4 Bang niem yet.pdf", False), ("Bang niem yet.pdf", False)])
def test_upload_whose_name_carries_another_code_is_saved_with_a_warning(app, client, tmp_path, name, warned):
    # The name's code wins over the folder's: the file would count for 2.4, not for 1.1 as chosen.
    body = pdf_bytes(tmp_path, ["Ảnh chụp bảng niêm yết tại trụ sở."])
    saved = upload(client, "1.1", (name, body)).json["files"][0]
    assert saved["path"].startswith("Tieu chi 1/1.1 ")
    if warned:
        assert "được tính cho 2.4, không cho 1.1" in saved["warning"] and "đổi tên tệp" in saved["warning"]
    else:
        assert saved["warning"] is None
    # The page without JavaScript says it too (the script shows `warning` the same way).
    page = upload(client, "1.1", (name, body), Accept="text/html").get_data(as_text=True)
    assert ("không cho 1.1" in page) is warned


@pytest.mark.parametrize("name", ["virus.exe", "trang.html", "anh.svg", "khong co duoi", ".pdf"], ids=str)
def test_upload_bad_extension_refused(app, client, indexed, name):
    before = sorted(p.name for p in indexed.root.rglob("*"))
    r = upload(client, "1.3", (name, b"MZ..."))
    assert r.status_code == 400 and "error" in r.json["files"][0]
    assert sorted(p.name for p in indexed.root.rglob("*")) == before


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 40


@pytest.mark.parametrize(
    "name, body",
    [
        ("Ke hoach.pdf", b"MZ\x90\x00 a renamed program"),
        ("Ke hoach.pdf", b"PK\x03\x04 a docx named pdf"),
        ("Anh.jpg", b"%PDF-1.4 a pdf named jpg"),
        ("Anh.png", b"\xff\xd8\xff\xe0 a jpeg named png"),
        ("Bang.xlsx", b"<html><table>"),
        ("Cu.doc", b"MZ\x90\x00"),
        ("Cu.xls", b"\x7fELF\x02"),
        ("Scan.tif", b"GIF89a"),
        ("Tuyen truyen.pptx", b"MZ\x90\x00"),
        ("Thong bao.rtf", b"<html>not rtf"),
        ("Thong bao.odt", b"{\\rtf1 not a zip"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_upload_whose_content_is_not_its_extension_refused(app, client, indexed, name, body):
    before = sorted(str(p) for p in indexed.root.rglob("*"))
    r = upload(client, "4.6", (name, body))  # 4.6 has no folder yet: none may be made
    assert r.status_code == 400
    assert "dù có đuôi" in r.json["files"][0]["error"]
    assert sorted(str(p) for p in indexed.root.rglob("*")) == before


@pytest.mark.parametrize(
    "name, body",
    [
        ("Ke hoach.pdf", b"\r\n\0junk before the header %PDF-1.4 x"),  # readers allow 1 KB of it
        ("Cu.doc", _OLE2),
        ("Cu.doc", b"{\\rtf1\\ansi Word saved as RTF}"),  # Word opens these; staff keep them as .doc
        ("Bang.xls", b"<html><table><tr><td>1</td></tr></table></html>"),  # a web export
        ("Scan.tiff", b"MM\x00*rest"),
        ("Bang luong.xlsx", _OLE2),  # a password-protected workbook, or an Excel 97 one renamed
        ("Bien ban.docx", _OLE2),
        ("Tuyen truyen.pptx", b"PK\x03\x04 slides"),
        ("Thong bao.rtf", b"{\\rtf1\\ansi text}"),
        ("Lich.odt", b"PK\x03\x04mimetypeapplication/vnd.oasis.opendocument.text"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_upload_content_that_matches_or_is_tolerated_is_saved(app, client, indexed, name, body):
    r = upload(client, "1.4", (name, body))
    assert r.status_code == 200 and r.json["files"][0]["path"].endswith(name)


def test_upload_too_large_refused_and_nothing_left(indexed, rubric):
    app = make_app(indexed, rubric, max_upload_bytes=1000)
    client = app.test_client()
    r = upload(client, "1.3", ("lon.pdf", b"%PDF" + b"0" * 1200), ("nho.pdf", b"%PDF" + b"0" * 100))
    assert r.status_code == 200
    big, small = r.json["files"]
    assert "lớn hơn giới hạn" in big["error"] and small["path"].endswith("/nho.pdf")
    assert not list(indexed.root.rglob("lon*")) and not list(indexed.root.rglob("*.part"))
    app.extensions["minhchung"]["reindexer"].stop()


def test_upload_through_a_linked_criterion_folder_makes_nothing_outside(app, client, indexed, tmp_path):
    outside = tmp_path / "shared drive"
    outside.mkdir()
    (indexed.root / "Tieu chi 3").symlink_to(outside)  # someone linked a drive into the root
    r = upload(client, "3.2", ("a.pdf", b"%PDF-1.4 hello"))
    assert r.status_code == 400 and "Tieu chi 3" in r.json["files"][0]["error"]
    assert list(outside.iterdir()) == []


def test_refused_upload_leaves_no_new_folder(indexed, rubric):
    app = make_app(indexed, rubric, max_upload_bytes=1000)
    client = app.test_client()
    try:
        assert "rỗng" in upload(client, "2.1", ("rong.pdf", b"")).json["files"][0]["error"]
        assert "lớn hơn" in upload(client, "2.2", ("lon.pdf", b"%PDF" + b"0" * 1200)).json["files"][0]["error"]
        assert not (indexed.root / "Tieu chi 2").exists()
        assert not list(indexed.root.rglob("*.part"))
    finally:
        app.extensions["minhchung"]["reindexer"].stop()


def test_upload_whole_request_over_limit_is_413(indexed, rubric):
    app = make_app(indexed, rubric, max_upload_bytes=10)
    r = upload(app.test_client(), "1.3", ("a.pdf", b"%PDF" * 300_000))
    assert r.status_code == 413 and "error" in r.json


@pytest.mark.parametrize(
    "sent, stored",
    [
        pytest.param("../../evil.pdf", "evil.pdf", id="dotdot"),
        pytest.param("/etc/cron.d/evil.pdf", "evil.pdf", id="absolute"),
        pytest.param("..\\..\\evil.pdf", "evil.pdf", id="backslashes"),
        pytest.param("\u202egpj.pdf", "gpj.pdf", id="bidi-override"),
        pytest.param("a\x07b\x1fc.pdf", "abc.pdf", id="control-chars"),
        pytest.param("...hidden.pdf", "hidden.pdf", id="leading-dots"),
        pytest.param("Thu\u031b xin lo\u0302\u0303i.pdf", "Thư xin lỗi.pdf", id="nfd-to-nfc"),
    ],
)
def test_upload_filename_is_sanitised(app, client, indexed, sent, stored):
    r = upload(client, "1.4", (sent, b"%PDF-1.4 x"))
    assert r.status_code == 200, r.json
    assert r.json["files"][0]["path"] == f"Tieu chi 1/1.4 Lich tiep cong dan/{stored}"
    assert (indexed.root / "Tieu chi 1" / "1.4 Lich tiep cong dan" / stored).exists()
    assert not (indexed.root.parent / "evil.pdf").exists()


@pytest.mark.parametrize("sent", ["..", "../", "..pdf", "/", "~$Bien ban.docx"], ids=str)
def test_upload_name_with_nothing_usable_refused(app, client, sent):
    r = upload(client, "1.4", (sent, b"%PDF-1.4 x"))
    assert r.status_code == 400


@pytest.mark.parametrize("code", ["../../etc", "1.3/../..", "/tmp", "9.9", "1", "", "1.3\x00"], ids=repr)
def test_upload_target_code_must_be_a_subcriterion(app, client, indexed, code):
    before = sorted(str(p) for p in indexed.root.parent.rglob("*"))
    r = upload(client, code, ("x.pdf", b"%PDF-1.4 x"))
    assert r.status_code == 400
    assert sorted(str(p) for p in indexed.root.parent.rglob("*")) == before


def test_upload_without_csrf_token_refused(app, client, indexed):
    r = upload(client, "1.4", ("x.pdf", b"%PDF-1.4 x"), token=False)
    assert r.status_code == 400
    r = upload(client, "1.4", ("x.pdf", b"%PDF-1.4 x"), token="forged")
    assert r.status_code == 400
    assert not (indexed.root / "Tieu chi 1" / "1.4 Lich tiep cong dan" / "x.pdf").exists()


def test_upload_without_javascript_shows_a_page(app, client):
    r = upload(client, "1.4", ("Ke hoach.pdf", b"%PDF-1.4 x"), Accept="text/html")
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "Tieu chi 1/1.4 Lich tiep cong dan/Ke hoach.pdf" in page
    assert "/upload/status?path=" in page


def test_upload_waits_for_a_busy_index_and_retries(indexed, rubric, tmp_path):
    app = make_app(indexed, rubric, index_options={"workers": 0, "ocr": False, "wait": 0.05, "retry_wait": 0.05})
    reindexer = app.extensions["minhchung"]["reindexer"]
    client = app.test_client()
    try:
        with build_lock(indexed.index_dir, 1):  # another writer (the watcher, `minhchung index`)
            r = upload(client, "1.4", ("Cho.pdf", pdf_bytes(tmp_path, ["Lịch tiếp dân tháng sáu."])))
            path = r.json["files"][0]["path"]
            deadline = time.monotonic() + 30
            while reindexer.busy_retries == 0 and time.monotonic() < deadline:
                reindexer.wait_idle(0.05)
            assert reindexer.busy_retries >= 1
            assert client.get("/api/status", query_string={"path": path}).json["files"][0]["state"] in ("queued", "indexing")
        assert searchable(app, client, path)["state"] == "searchable"
    finally:
        reindexer.stop()


def test_reindexer_gives_up_with_a_reason(indexed, rubric):
    calls = []

    def always_busy(paths, rubric, **options):
        calls.append(options["only"])
        raise IndexBusyError("another minhchung is updating this index")

    reindexer = Reindexer(indexed, rubric, retries=2, retry_wait=0.01, build=always_busy)
    reindexer.submit(["a.pdf"])
    assert reindexer.wait_idle(10)
    assert len(calls) == 3 and calls[0] == {"a.pdf"}
    assert reindexer.state("a.pdf").state == "failed" and "another minhchung" in reindexer.state("a.pdf").detail
    reindexer.stop()


# --- names and folders ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, clean",
    [
        pytest.param("Bien ban.PDF", "Bien ban.pdf", id="ext-lowercased"),
        pytest.param("CON.pdf", "_CON.pdf", id="windows-reserved"),
        pytest.param('a<b>:c"|?*.docx', "a_b__c____.docx", id="windows-forbidden"),
        pytest.param("ten.pdf. ", "ten.pdf", id="trailing-dot"),
        pytest.param("C:\\fakepath\\Bien ban.pdf", "Bien ban.pdf", id="windows-path"),
        pytest.param("Tờ trình " + "dài " * 100 + ".pdf", None, id="length-limited"),
    ],
)
def test_clean_filename(raw, clean):
    got = clean_filename(raw)
    if clean is not None:
        assert got == clean
    assert len(got.encode("utf-8")) <= 180 and got.endswith(".pdf" if raw.endswith((".pdf", ".PDF", ".pdf. ", " .pdf")) else ".docx")


def test_clean_filename_refuses_empty():
    with pytest.raises(UploadError):
        clean_filename("")


def test_new_folder_name_tags_exactly_its_code(rubric):
    for sub in rubric.subcriteria:
        name = folder_name(sub)
        assert name.startswith(sub.code) and codes_in_name(name) == [sub.code], name
        assert name.isascii() and len(name) <= 50


def test_existing_folders_are_reused(root, rubric, tmp_path):
    (root / "TC4" / "4.3 Trang thiet bi").mkdir(parents=True)
    (root / "TC4" / "Hinh anh").mkdir()
    (root / "Tieu chi 2").mkdir()
    (root / "TC1.3+1.7 chung").mkdir()  # names two codes: a file there would prove both
    outside = tmp_path / "outside" / "1.5 Quy che"
    outside.mkdir(parents=True)
    (root / "1.5 link").symlink_to(outside)
    sub = rubric.subcriterion
    assert subcriterion_folder(root, sub("4.3")) == root / "TC4" / "4.3 Trang thiet bi"
    assert subcriterion_folder(root, sub("4.6")) == root / "TC4" / folder_name(sub("4.6"))
    assert subcriterion_folder(root, sub("2.4")) == root / "Tieu chi 2" / folder_name(sub("2.4"))
    assert subcriterion_folder(root, sub("1.3")) == root / "Tieu chi 1" / folder_name(sub("1.3"))
    assert subcriterion_folder(root, sub("1.5")) == root / "Tieu chi 1" / folder_name(sub("1.5"))


# --- the password rule ---------------------------------------------------------------------------


@pytest.mark.parametrize("host, local", [("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.1.1", True),
                                         ("0.0.0.0", False), ("192.168.1.20", False), ("::", False), ("ward-pc", False)])  # fmt: skip
def test_loopback(host, local):
    assert is_loopback(host) is local


def test_non_local_host_needs_a_password():
    with pytest.raises(UsageError, match="MINHCHUNG_PASSWORD"):
        check_bind("0.0.0.0", None)
    with pytest.raises(UsageError):
        check_bind("192.168.1.20", "")
    check_bind("0.0.0.0", "secret")
    check_bind("127.0.0.1", None)


def test_serve_refuses_non_local_host_without_password(root, monkeypatch):
    monkeypatch.delenv("MINHCHUNG_PASSWORD", raising=False)
    import cli as cli_module
    from click.testing import CliRunner

    result = CliRunner().invoke(cli_module.main, ["serve", "--root", str(root), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "MINHCHUNG_PASSWORD" in result.stderr


@pytest.fixture
def taken_port():
    """A port another program listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


@pytest.mark.parametrize("case", ["port-in-use", "address-not-here", "unknown-name"])
def test_serve_that_cannot_listen_says_why_in_one_line(indexed, taken_port, monkeypatch, case):
    import cli as cli_module
    from click.testing import CliRunner

    monkeypatch.setenv("MINHCHUNG_PASSWORD", PASSWORD)
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):  # no name server needed to fail a lookup
        if host == "no-such-host.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    host, port, says = {
        "port-in-use": ("127.0.0.1", taken_port, f"cổng {taken_port} đang có chương trình khác dùng"),
        "address-not-here": ("10.123.45.67", taken_port, "máy này không có địa chỉ đó"),
        "unknown-name": ("no-such-host.invalid", taken_port, "không tìm thấy máy"),
    }[case]
    result = CliRunner().invoke(cli_module.main, ["serve", "--root", str(indexed.root), "--host", host, "--port", str(port)])
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and says in result.stderr


def test_without_password_other_host_names_are_refused(client):
    assert client.get("/", headers={"Host": "evil.example:8080"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1:8080"}).status_code == 200


@pytest.mark.parametrize("host", ["::1", "127.0.0.2", "localhost", "127.0.0.1"])
def test_every_local_host_serve_allows_without_password_is_answered(client, host):
    # `serve --host ::1` prints http://[::1]:8080/: the browser sends that as Host.
    check_bind(host, None)
    for url in urls(host, 8080):
        netloc = url.split("//", 1)[1].rstrip("/")
        assert client.get("/", headers={"Host": netloc}).status_code == 200, netloc
        assert client.get("/static/app.css", headers={"Host": netloc}).status_code == 200, netloc


@pytest.mark.parametrize(
    "header, local",
    [("[::1]:8080", True), ("[::1]", True), ("[0:0:0:0:0:0:0:1]:80", True), ("127.0.0.2", True), ("LOCALHOST:8080", True),
     ("evil.example", False), ("127.0.0.1.evil.example:8080", False), ("localhost.evil.example", False),
     ("[::1]x:8080", False), ("[::1", False), ("[2001:db8::1]:8080", False), ("192.168.1.20:8080", False), ("", False)],
)  # fmt: skip
def test_local_host_header(header, local):
    from search.web import is_local_host_header

    assert is_local_host_header(header) is local


def test_a_rebinding_name_gets_no_page_even_for_static_files_or_missing_ones(client):
    for path in ("/", "/static/app.css", "/no-such-page", "/files/TC1.3 Cong khai.pdf"):
        r = client.get(path, headers={"Host": "attacker.example:8080"})
        assert r.status_code == 400 and b"Host not allowed" in r.data, path


@pytest.fixture
def locked(indexed, rubric):
    app = make_app(indexed, rubric, password=PASSWORD)
    yield app
    app.extensions["minhchung"]["reindexer"].stop()


def login(client, password=PASSWORD, token=None, next="/"):
    if token is None:
        client.get("/login")
        with client.session_transaction() as s:
            token = s["csrf"]
    return client.post("/login", data={"password": password, "csrf_token": token, "next": next})


def test_password_pages_redirect_to_login(locked):
    client = locked.test_client()
    r = client.get("/?q=thu")
    assert r.status_code == 302 and r.headers["Location"].startswith("/login?next=")
    assert client.get("/api/search?q=thu").status_code == 401
    assert client.get("/files/TC1.3 Cong khai.pdf").status_code == 302
    assert client.get("/upload").status_code == 302
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/", headers={"Host": "192.168.1.20:8080"}).status_code == 302  # any host, with a password


def test_wrong_password_refused(locked):
    client = locked.test_client()
    r = login(client, "sai")
    assert r.status_code == 401 and "Sai mật khẩu" in r.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_right_password_logs_in_and_out(locked):
    client = locked.test_client()
    r = login(client, next="/?q=thu+xin+loi")
    assert r.status_code == 302 and r.headers["Location"] == "/?q=thu+xin+loi"
    assert "Thu xin loi ong Tam.docx" in client.get("/?q=thu+xin+loi").get_data(as_text=True)
    with client.session_transaction() as s:
        token = s["csrf"]
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302


def test_login_never_redirects_off_site(locked):
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        r = login(locked.test_client(), next=target)
        assert r.headers["Location"] == "/"


def test_login_without_csrf_token_refused(locked):
    client = locked.test_client()
    client.get("/login")
    assert client.post("/login", data={"password": PASSWORD}).status_code == 400
    assert client.get("/").status_code == 302


def test_logged_in_post_without_csrf_refused(locked):
    client = locked.test_client()
    login(client)
    assert upload(client, "1.4", ("x.pdf", b"%PDF-1.4 x"), token=False).status_code == 400
    assert upload(client, "1.4", ("x.pdf", b"%PDF-1.4 x")).status_code == 200


def test_failed_logins_are_rate_limited(locked):
    client = locked.test_client()
    for _ in range(5):
        assert login(client, "sai").status_code == 401
    assert login(client).status_code == 429  # even the right password, for a while
    other = locked.test_client()
    assert login(other, "sai", next="/").status_code in (401, 429)  # same address in the test client


def test_changing_the_password_logs_everyone_out(indexed, rubric):
    first = make_app(indexed, rubric, password=PASSWORD)
    client = first.test_client()
    login(client)
    with client.session_transaction() as s:
        cookie = dict(s)
    second = make_app(indexed, rubric, password="mật khẩu mới")
    again = second.test_client()
    with again.session_transaction() as s:
        s.update(cookie)
    assert again.get("/").status_code == 302
    for app in (first, second):
        app.extensions["minhchung"]["reindexer"].stop()


def test_secret_key_is_kept_private_in_the_index_folder(app, indexed):
    key = indexed.index_dir / "web-secret.key"
    assert len(key.read_bytes()) == 32
    assert oct(os.stat(key).st_mode & 0o777) == "0o600"


def test_a_key_this_account_cannot_read_gives_a_key_for_this_run(tmp_path):
    # serve as staff over the watch service's index: its 0600 key is not theirs to read.
    from search.web import secret_key

    (tmp_path / "web-secret.key").mkdir()  # unreadable as a file, whoever runs the test
    first, second = secret_key(tmp_path), secret_key(tmp_path)
    assert len(first) == 32 and first != second


# --- coverage dashboard ----------------------------------------------------------------------------


def sub_block(page: str, code: str) -> str:
    start = page.rindex("<article", 0, page.index(f'id="tc-{code}"'))
    end = page.find("<article", start + 1)
    return page[start : end if end != -1 else len(page)]


def test_dashboard_shows_score_and_each_status_in_words(client, rubric):
    page = client.get("/coverage").get_data(as_text=True)
    proven = sum(rubric.subcriterion(c).points for c in ("1.3", "1.4"))
    assert f'id="score">{proven}/100<' in page
    assert "✓ Đã có minh chứng" in sub_block(page, "1.3") and "TC1.3 Cong khai.pdf" in sub_block(page, "1.3")
    assert "thư mục" in sub_block(page, "1.4") and "Lich.docx" in sub_block(page, "1.4")
    missing = sub_block(page, "4.6")
    assert 'class="sub missing"' in missing and "✗ Chưa có minh chứng" in missing and "/upload?code=4.6" in missing
    suggested = sub_block(page, "2.4")
    assert "? Cần xem xét" in suggested and "Thu xin loi ong Tam.docx" in suggested
    assert 'value="confirm"' in suggested and 'value="dismiss"' in suggested


def test_dashboard_can_hide_what_is_done(client):
    page = client.get("/coverage?only=gaps").get_data(as_text=True)
    assert 'id="tc-4.6"' in page and 'id="tc-1.3"' not in page


def tag_post(client, path, code, action, token=None):
    return client.post("/tags", data={"path": path, "code": code, "action": action, "csrf_token": token or csrf(client)})


def test_confirm_a_suggestion_writes_the_manual_tag_and_proves(client, indexed, rubric):
    before = client.get("/reports/json").json["score"]["provable"]
    r = tag_post(client, "Thu xin loi ong Tam.docx", "2.4", "confirm")
    assert r.status_code == 302 and r.headers["Location"].endswith("/coverage#tc-2.4")
    lines = [ln.split("\t") for ln in indexed.tags_file.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    assert [(ln[0], ln[1], ln[3]) for ln in lines] == [("+", "2.4", "Thu xin loi ong Tam.docx")]
    page = client.get("/coverage").get_data(as_text=True)
    assert "Đã xác nhận" in page  # the flash message
    assert "✓ Đã có minh chứng" in sub_block(page, "2.4") and 'value="unconfirm"' in sub_block(page, "2.4")
    assert client.get("/reports/json").json["score"]["provable"] == before + rubric.subcriterion("2.4").points
    hits = client.get("/api/search", query_string={"q": "xin loi", "code": "2.4"}).json["hits"]
    assert [h["path"] for h in hits] == ["Thu xin loi ong Tam.docx"]  # search agrees at once

    assert tag_post(client, "Thu xin loi ong Tam.docx", "2.4", "unconfirm").status_code == 302
    assert "? Cần xem xét" in sub_block(client.get("/coverage").get_data(as_text=True), "2.4")



def test_photos_without_text_are_a_note_on_the_dashboard_not_a_problem(evidence, rubric):
    from PIL import Image

    # As in the terminal report: the CLI said "Tệp có vấn đề (1)", the page "(3)" with the photos.
    for n in range(2):
        Image.new("RGB", (40, 30), (20 * n, 120, 60)).save(evidence / f"IMG_{n}.jpg")
    (evidence / "hong.pdf").write_bytes(b"%PDF-1.4 broken")
    paths = resolve_paths(evidence)
    build_index(paths, rubric, workers=0, ocr=False)
    app = make_app(paths, rubric)
    try:
        page = app.test_client().get("/coverage").get_data(as_text=True)
    finally:
        app.extensions["minhchung"]["reindexer"].stop()
    assert "Tệp có vấn đề (1)" in page and "IMG_0.jpg: ảnh không có chữ" in page
    assert page.count("Lưu ý:") == 2

def test_dismiss_a_suggestion(client, indexed):
    r = tag_post(client, "Thu xin loi ong Tam.docx", "2.4", "dismiss")
    assert r.status_code == 302
    assert "-\t2.4\t" in indexed.tags_file.read_text(encoding="utf-8")
    block = sub_block(client.get("/coverage").get_data(as_text=True), "2.4")
    assert "Thu xin loi ong Tam.docx" not in block and "✗ Chưa có minh chứng" in block


def test_tag_by_json_for_scripts(client):
    r = client.post("/tags", data={"path": "Thu xin loi ong Tam.docx", "code": "2.4", "action": "confirm"},
                    headers={"Accept": "application/json", "X-CSRF-Token": csrf(client)})  # fmt: skip
    assert r.status_code == 200 and r.json["confirmed"] == ["2.4"]


@pytest.mark.parametrize(
    "path, code, action, status",
    [
        pytest.param("../Thu xin loi ong Tam.docx", "2.4", "confirm", 400, id="traversal"),
        pytest.param("/etc/passwd", "2.4", "confirm", 400, id="absolute"),
        pytest.param("Khong co.docx", "2.4", "confirm", 404, id="not-indexed"),
        pytest.param("Thu xin loi ong Tam.docx", "9.9", "confirm", 400, id="unknown-code"),
        pytest.param("Thu xin loi ong Tam.docx", "2.4", "delete-all", 400, id="unknown-action"),
        pytest.param("TC1.3 Cong khai.pdf", "1.3", "dismiss", 400, id="name-tag-cannot-be-dismissed"),
    ],
)
def test_bad_tag_requests_change_nothing(client, indexed, path, code, action, status):
    assert tag_post(client, path, code, action).status_code == status
    assert not indexed.tags_file.exists()


def test_tag_without_csrf_refused(client, indexed):
    r = client.post("/tags", data={"path": "Thu xin loi ong Tam.docx", "code": "2.4", "action": "confirm"})
    assert r.status_code == 400 and not indexed.tags_file.exists()


def test_report_downloads(client):
    data = client.get("/reports/json")
    assert data.headers["Content-Disposition"].startswith("attachment") and data.json["schema"] == 1
    assert {s["code"]: s["status"] for c in data.json["criteria"] for s in c["subcriteria"]}["4.6"] == "missing"
    html = client.get("/reports/html")
    assert html.headers["Content-Disposition"].startswith("attachment") and b"http://localhost/files/TC1.3%20Cong%20khai.pdf" in html.data
    docx = client.get("/reports/docx")
    assert docx.data[:2] == b"PK" and docx.headers["Content-Disposition"].startswith("attachment")
    assert client.get("/reports/exe").status_code == 404


def test_upload_of_a_copy_says_which_file_it_repeats(app, client, indexed):
    body = (indexed.root / "TC1.3 Cong khai.pdf").read_bytes()
    r = upload(client, "1.3", ("Ban sao.pdf", body))
    assert r.json["files"][0]["same_as"] == "TC1.3 Cong khai.pdf"
    assert upload(client, "1.3", ("Khac.pdf", b"%PDF-1.4 other")).json["files"][0]["same_as"] is None


def test_a_damaged_catalog_is_a_page_saying_so(indexed, rubric):
    from helpers import break_a_row_page
    from search.query import close_all

    break_a_row_page(indexed.index_dir / "catalog.sqlite3")
    close_all()
    app = make_app(indexed, rubric)
    try:
        client = app.test_client()
        api = client.get("/api/search", query_string={"q": "thu xin loi"})
        assert api.status_code == 503 and "index --rebuild" in api.json["error"]
        page = client.get("/coverage")
        assert page.status_code == 503 and "index --rebuild" in page.get_data(as_text=True)
    finally:
        app.extensions["minhchung"]["reindexer"].stop()
