"""The staff web page: search, the coverage dashboard and upload, over the same library calls as the CLI.

Safe by default: `check_bind` refuses a non-loopback address without a password; with one,
every page needs a login. Every state-changing request carries a CSRF token, even on
127.0.0.1 (any web site a clerk visits can post to localhost). Without a password only Host
headers naming `localhost` or a loopback address (127.0.0.2, [::1]) are answered, which stops DNS
rebinding. Files are served
only when the catalog lists them and they resolve to a regular file under the root.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import hmac
import io
import ipaddress
import json
import mimetypes
import os
import secrets
import sqlite3
import tempfile
import threading
import time
import unicodedata
from collections import defaultdict, deque
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, Response, abort, flash, jsonify, redirect, render_template, request, send_file, session, url_for

from indexer.build import IndexPaths, file_sha256
from indexer.catalog import damaged_error, is_damage
from indexer.errors import IndexDamagedError, IndexMissingError, MinhchungError, UploadError, UsageError
from indexer.manual_edit import tag_file, untag_file
from indexer.models import Hit, Rubric, Status, listed_problems
from indexer.tagging import tag_by_name
from search import query
from search import report as report_module
from search.coverage import coverage as compute_coverage
from search.upload import (
    DEFAULT_MAX_UPLOAD_MB,
    NotUnderRoot,
    Reindexer,
    check_relative,
    clean_filename,
    file_under_root,
    save_upload,
    subcriterion_folder,
)

MB = 1024 * 1024
MAX_FILES_PER_REQUEST = 20
SEARCH_LIMIT = 30
MAX_QUERY_CHARS = 200
TAG_WAIT_S = 15.0  # how long a confirm/dismiss waits for a running index pass
# Failed logins: this many from one address within the window locks that address out for it.
LOGIN_FAILURES = 5
LOGIN_WINDOW_S = 300.0
# Browsers show these in place; everything else is downloaded, never rendered (an uploaded
# .html or .svg must not run in our origin).
INLINE_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png"}
NAV = (("search_page", "Tìm kiếm"), ("coverage_page", "Mức đáp ứng"), ("upload_page", "Nộp minh chứng"))
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and `localhost`: addresses only this PC can reach."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_local_host_header(host: str) -> bool:
    """True when a request's Host (`name:port`, `[v6]:port`) names this PC: `localhost` or a
    loopback address, so every `--host` that `check_bind` allows without a password is answered.

    werkzeug's TRUSTED_HOSTS cannot say this: it cuts each entry at its first `:`, so `[::1]`
    never matches, and it lists names where any of 127.0.0.0/8 is as local as 127.0.0.1.
    """
    host = (host or "").strip()
    if host.startswith("["):
        name, bracket, port = host[1:].partition("]")
        if not bracket or (port and not port.startswith(":")):
            return False
    else:
        name = host.partition(":")[0]
    return bool(name) and is_loopback(name)


def check_bind(host: str, password: str | None) -> None:
    """Refuse to listen on the network without a password (UsageError, exit 2)."""
    if not is_loopback(host) and not password:
        raise UsageError(
            f"--host {host} mở trang cho cả mạng: cần mật khẩu (--password hoặc biến MINHCHUNG_PASSWORD) "
            "/ a non-local address needs a password"
        )


def serve(app: Flask, host: str = "127.0.0.1", port: int = 8080, threads: int = 8, on_listening=None) -> None:
    """Run the app under waitress until interrupted; `on_listening()` once the port is open.

    A port or address that cannot be opened is a UsageError (one line, exit 2), not a traceback.
    """
    import logging

    from waitress.server import create_server

    try:
        server = create_server(app, host=host, port=port, threads=threads, ident="minhchung")
    except (OSError, ValueError) as exc:  # waitress says ValueError for a name it cannot resolve
        raise UsageError(listen_error(host, port, exc)) from exc
    logging.basicConfig()  # as waitress.serve: its warnings (a full task queue) reach stderr
    if on_listening is not None:
        on_listening()
    server.run()


def listen_error(host: str, port: int, exc: Exception) -> str:
    """What to do when `host`:`port` cannot be listened on, in one line."""
    err = getattr(exc, "errno", None)
    if err == errno.EADDRINUSE:
        return (f"cổng {port} đang có chương trình khác dùng (có thể một `minhchung serve` khác đang chạy): "
                f"dừng chương trình đó hoặc chọn cổng khác, ví dụ --port {port + 1 if port < 65535 else 8080} (port already in use)")  # fmt: skip
    if err == errno.EADDRNOTAVAIL:
        return (f"--host {host}: máy này không có địa chỉ đó; dùng 127.0.0.1 (chỉ máy này) hoặc 0.0.0.0 "
                "(cả mạng nội bộ) (not an address of this computer)")  # fmt: skip
    if err in (errno.EACCES, errno.EPERM):
        return f"không được phép mở cổng {port} (cổng dưới 1024 cần quyền quản trị): chọn cổng khác, ví dụ --port 8080 (permission denied)"
    if isinstance(exc, ValueError):
        return f"--host {host}: không tìm thấy máy hay địa chỉ này; dùng 127.0.0.1 hoặc 0.0.0.0 (cannot resolve the host)"
    return f"không mở được trang ở {host}:{port}: {getattr(exc, 'strerror', None) or exc} (cannot listen)"


def urls(host: str, port: int) -> list[str]:
    """Addresses people can type: this PC's LAN address when listening on all of them."""
    if host in ("0.0.0.0", "::", ""):
        names = ["127.0.0.1"] + [a for a in [_lan_address()] if a]
    else:
        names = [host]
    return [f"http://{f'[{n}]' if ':' in n else n}:{port}/" for n in names]


def _lan_address() -> str | None:
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))  # UDP connect sends nothing; it only picks a route
            return s.getsockname()[0]
    except OSError:
        return None


def secret_key(index_dir: Path) -> bytes:
    """A random key kept in the index folder: sessions survive a restart, and stay per install.

    Another account's index (the watch service's) has a key this one may not read: the key then
    lives as long as the process, and logins end when `serve` restarts.
    """
    path = Path(index_dir) / "web-secret.key"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            key = path.read_bytes()
            if len(key) >= 32:
                return key
            fd = os.open(path, os.O_WRONLY | os.O_TRUNC, 0o600)
    except OSError:
        return secrets.token_bytes(32)
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


class LoginThrottle:
    """Counts failed logins per address; too many within the window locks it out for a while."""

    def __init__(self, limit: int = LOGIN_FAILURES, window: float = LOGIN_WINDOW_S, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self.failures: dict[str, deque[float]] = defaultdict(deque)
        self.lock = threading.Lock()

    def _recent(self, who: str) -> deque[float]:
        q = self.failures[who]
        while q and q[0] < self.clock() - self.window:
            q.popleft()
        return q

    def blocked(self, who: str) -> bool:
        with self.lock:
            return len(self._recent(who)) >= self.limit

    def failed(self, who: str) -> None:
        with self.lock:
            self._recent(who).append(self.clock())

    def succeeded(self, who: str) -> None:
        with self.lock:
            self.failures.pop(who, None)


def create_app(
    paths: IndexPaths,
    rubric: Rubric,
    *,
    password: str | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * MB,
    index_options: dict | None = None,
    index_missing_build: bool = True,
) -> Flask:
    """The Flask app for one evidence root. `index_options` go to `build_index` for uploads."""
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secret_key(paths.index_dir),
        SESSION_COOKIE_NAME="minhchung_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=max_upload_bytes * MAX_FILES_PER_REQUEST + MB,
    )
    app.json.ensure_ascii = False
    reader = threading.RLock()  # whoosh searchers are not thread-safe; reads are quick
    reindexer = Reindexer(paths, rubric, **(index_options or {}))
    throttle = LoginThrottle()
    fingerprint = hmac.new(app.config["SECRET_KEY"], (password or "").encode(), hashlib.sha256).hexdigest()[:32]
    codes = {s.code: s for s in rubric.subcriteria}
    criteria = {c.code: c for c in rubric.criteria}
    app.extensions["minhchung"] = {"paths": paths, "rubric": rubric, "reindexer": reindexer, "throttle": throttle}

    if index_missing_build and not _index_exists(paths):
        reindexer.submit_all()

    # --- request plumbing -------------------------------------------------------------------

    def wants_json() -> bool:
        return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"

    @app.before_request
    def guard():
        # Without a password the page is for this PC only: a web page whose name was made to
        # point at 127.0.0.1 (DNS rebinding) sends its own name as Host and gets no page, no links.
        if not password and not is_local_host_header(request.host):
            return Response("Địa chỉ không được phép: mở trang bằng http://127.0.0.1 trên máy này "
                            "(Host not allowed: open http://127.0.0.1 on this PC)\n", 400, mimetype="text/plain")  # fmt: skip
        if request.endpoint == "static":
            return None
        session.setdefault("csrf", secrets.token_urlsafe(32))
        if password and session.get("auth") != fingerprint and request.endpoint not in ("login",):
            if wants_json():
                return jsonify(error="Cần đăng nhập / login required"), 401
            return redirect(url_for("login", next=request.full_path.rstrip("?")))
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            sent = request.headers.get("X-CSRF-Token") or request.form.get("csrf_token", "")
            if not sent or not hmac.compare_digest(sent, session["csrf"]):
                abort(400, "Phiên làm việc đã hết hạn hoặc yêu cầu không hợp lệ (thiếu mã CSRF): tải lại trang rồi thử lại.")
        return None

    @app.after_request
    def headers(response):
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        if request.endpoint != "open_file":
            # Chrome's PDF viewer does not run under a sandboxing CSP; files get nosniff and a
            # forced download for anything that could be active content instead.
            response.headers["Content-Security-Policy"] = CSP
        if request.endpoint not in ("static", "open_file"):
            response.headers["Cache-Control"] = "no-store"  # shared office PCs
        return response

    @app.context_processor
    def globals_():
        return {
            "csrf_token": session.get("csrf", ""),
            "needs_login": bool(password),
            "logged_in": bool(password) and session.get("auth") == fingerprint,
            "unit": rubric.unit,
            "index_info": index_info(),
            "nav_items": [(e, label) for e, label in NAV if e in app.view_functions],
            "viewable": viewable,
        }

    app.add_template_filter(report_module.moment, "vn_datetime")

    def index_info() -> dict:
        info = {"files": None, "indexed_at": None, "busy": reindexer.busy}
        try:
            with reader:
                opened = query.open_index(paths)
                info["files"] = len(opened.catalog.stats())
                info["indexed_at"] = opened.catalog.get_meta("indexed_at")
        except (MinhchungError, sqlite3.DatabaseError):
            pass  # the page body says what is wrong; the footer stays quiet
        return info

    @app.errorhandler(MinhchungError)
    def library_error(exc: MinhchungError):
        status = exc.status if isinstance(exc, NotUnderRoot) else 503 if isinstance(exc, (IndexMissingError, IndexDamagedError)) else 400
        if isinstance(exc, IndexMissingError):
            message = "Chưa có chỉ mục cho thư mục này" + (": đang lập chỉ mục, vui lòng chờ rồi tải lại trang." if reindexer.busy else ": chạy “minhchung index” rồi tải lại trang.")
        else:
            message = exc.message
        if wants_json():
            return jsonify(error=message), status
        return render_template("error.html", message=message, status=status), status

    @app.errorhandler(sqlite3.DatabaseError)
    def damaged_catalog(exc: sqlite3.DatabaseError):
        if not is_damage(exc):
            raise exc
        # Damage past the catalog's first pages shows only when rows are read (a power cut).
        return library_error(damaged_error(paths.index_dir, exc))

    @app.errorhandler(400)
    @app.errorhandler(404)
    @app.errorhandler(413)
    @app.errorhandler(429)
    def http_error(exc):
        messages = {
            404: "Không tìm thấy trang hoặc tệp này.",
            413: f"Tổng dung lượng gửi lên quá lớn (tối đa {MAX_FILES_PER_REQUEST} tệp, mỗi tệp {max_upload_bytes // MB or 1} MB).",
            429: "Nhập sai mật khẩu quá nhiều lần: vui lòng chờ vài phút rồi thử lại.",
        }
        ours = exc.code == 400 and exc.description != type(exc).description  # abort(400, "...") of ours
        message = messages.get(exc.code) or (exc.description if ours else "Yêu cầu không hợp lệ.")
        if wants_json():
            return jsonify(error=message), exc.code
        return render_template("error.html", message=message, status=exc.code), exc.code

    # --- login --------------------------------------------------------------------------------

    @app.route("/login", methods=["GET", "POST"])
    def login():
        if not password:
            return redirect(url_for("search_page"))
        target = _local_target(request.values.get("next", ""))
        error = ""
        status = 200
        if request.method == "POST":
            who = request.remote_addr or "?"
            if throttle.blocked(who):
                abort(429)
            if hmac.compare_digest(request.form.get("password", "").encode(), password.encode()):
                throttle.succeeded(who)
                session.clear()
                session["auth"] = fingerprint
                session["csrf"] = secrets.token_urlsafe(32)
                return redirect(target)
            throttle.failed(who)
            error, status = "Sai mật khẩu.", 401
        return render_template("login.html", next=target, error=error), status

    @app.post("/logout")
    def logout():
        session.clear()
        return redirect(url_for("login") if password else url_for("search_page"))

    # --- search -------------------------------------------------------------------------------

    def code_filter() -> str | None:
        code = request.args.get("code", "").strip()
        return code if code in codes or code in criteria else None

    def run_search(q: str, code: str | None):
        with reader:
            return query.search(paths, q, code=code, limit=SEARCH_LIMIT)

    @app.get("/")
    def search_page():
        q = request.args.get("q", "").strip()[:MAX_QUERY_CHARS]
        code = code_filter()
        result = run_search(q, code) if q else None
        return render_template(
            "search.html", q=q, code=code, result=result, hits=[hit_view(h) for h in result.hits] if result else [],
            options=code_options(rubric),
        )  # fmt: skip

    @app.get("/api/search")
    def api_search():
        q = request.args.get("q", "").strip()[:MAX_QUERY_CHARS]
        code = code_filter()
        result = run_search(q, code) if q else None
        hits = [hit_view(h) for h in result.hits] if result else []
        html = render_template("_hits.html", q=q, result=result, hits=hits)
        return jsonify(query=q, code=code, total=result.total if result else 0, partial=bool(result and result.partial), shown=len(hits), html=html,
                       hits=[{k: v for k, v in h.items() if k != "segments"} for h in hits])  # fmt: skip

    def hit_view(hit: Hit) -> dict:
        name = hit.path.rsplit("/", 1)[-1]
        href = url_for("open_file", rel=hit.path)
        return {
            "path": hit.path,
            "name": name,
            "folder": hit.path.rsplit("/", 1)[0] if "/" in hit.path else "",
            "href": href + (f"#page={hit.page}" if hit.page else ""),
            "download": url_for("open_file", rel=hit.path, download=1),
            "codes": [{"code": c, "title": codes[c].title if c in codes else "", "suggested": c in hit.suggested} for c in hit.codes],
            "title": hit.title if hit.title and hit.title != name.rsplit(".", 1)[0] else "",
            "number": hit.doc.number,
            "date": hit.doc.date.strftime("%d/%m/%Y") if hit.doc.date else None,
            "page": hit.page,
            "ocr": hit.from_ocr,
            "viewable": viewable(name),
            "segments": highlight_segments(hit.snippet, hit.highlights),
            "copies": list(hit.copies),
        }

    # --- files --------------------------------------------------------------------------------

    @app.get("/files/<path:rel>")
    def open_file(rel: str):
        rel = check_relative(rel)
        with reader:
            catalog = query.open_index(paths).catalog
            known = catalog.get(rel)
            fspath = catalog.fspath(rel) if known else None
        if known is None:
            raise NotUnderRoot("không có tệp này", 404)
        real = file_under_root(paths.root, fspath or rel, skip=(paths.index_dir,))
        name = rel.rsplit("/", 1)[-1]
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        inline = viewable(name) and not request.args.get("download")
        mimetype = INLINE_TYPES.get(ext) or mimetypes.guess_type(name)[0] or "application/octet-stream"
        response = send_file(real, mimetype=mimetype, as_attachment=not inline, download_name=name, max_age=0)
        return response

    # --- coverage -----------------------------------------------------------------------------

    def current_coverage():
        with reader:
            return compute_coverage(paths, rubric)

    @app.get("/coverage")
    def coverage_page():
        cov = current_coverage()
        counts = {status: 0 for status in Status}
        for sub in cov.subcriteria:
            counts[sub.status] += 1
        # Photos without text are a note, not a problem, as in the terminal and HTML reports.
        listed, photo_notes = listed_problems(cov.problems)
        return render_template(
            "coverage.html", cov=cov, counts=counts, statuses=list(Status), marks=report_module.STATUS_MARK,
            problems=listed, photo_notes=photo_notes,
            labels=report_module.STATUS_LABEL, score_label=report_module.SCORE_LABEL, notes=report_module.ref_notes,
            out_of_period=report_module.OUT_OF_PERIOD, problem_labels=report_module.PROBLEM_LABEL, need=report_module.need_label, detail_vi=report_module.detail_vi,
            period=report_module.period_label(rubric), only_gaps=request.args.get("only") == "gaps",
        )  # fmt: skip

    @app.post("/tags")
    def change_tag():
        """Confirm or dismiss a keyword suggestion (or take back a confirmation), as `tag`/`untag` do."""
        rel = check_relative(request.form.get("path", ""))
        code = request.form.get("code", "")
        action = request.form.get("action", "")
        if code not in codes or action not in ("confirm", "dismiss", "unconfirm"):
            abort(400, "Yêu cầu không hợp lệ: thiếu mã tiêu chí con hoặc thao tác.")
        with reader:
            if query.open_index(paths).catalog.get(rel) is None:
                raise NotUnderRoot("không có tệp này trong chỉ mục", 404)
        # An absolute path inside the root: the library then never looks in the current folder.
        target = paths.root / rel
        if action == "confirm":
            change = tag_file(paths, rubric, target, [code], wait=TAG_WAIT_S)
        else:
            change = untag_file(paths, rubric, target, [code], wait=TAG_WAIT_S)
        name = rel.rsplit("/", 1)[-1]
        if change.confirmed:
            message = f"Đã xác nhận “{name}” là minh chứng cho {code}."
        elif change.dismissed:
            message = f"Đã bỏ gợi ý “{name}” khỏi {code}."
        elif change.removed:
            message = f"Đã bỏ xác nhận “{name}” cho {code}."
        else:
            message = f"Không có gì thay đổi: {'; '.join(note for _, note in change.notes)}."
        if wants_json():
            return jsonify(message=message, path=rel, code=code, confirmed=list(change.confirmed),
                           dismissed=list(change.dismissed), removed=list(change.removed))  # fmt: skip
        flash(message, "ok")
        return redirect(url_for("coverage_page", only=request.form.get("only") or None, _anchor=f"tc-{code}"))

    @app.get("/reports/<kind>")
    def report_download(kind: str):
        cov = current_coverage()
        stamp = (cov.generated or dt.date.today()).isoformat()
        if kind == "json":
            body = json.dumps(report_module.coverage_json(cov), ensure_ascii=False, indent=2).encode("utf-8")
            return _download(body, f"bang-minh-chung-{stamp}.json", "application/json")
        if kind == "html":
            # Links in the saved page open the files through this server, from any office PC.
            html = report_module.render_html(cov, request.host_url + "files/")
            return _download(html.encode("utf-8"), f"bang-minh-chung-{stamp}.html", "text/html")
        if kind == "docx":
            with tempfile.TemporaryDirectory() as tmp:
                out = report_module.write_docx(cov, Path(tmp) / "bang.docx")
                body = Path(out).read_bytes()
            return _download(body, f"Bang minh chung {stamp}.docx",
                             "application/vnd.openxmlformats-officedocument.wordprocessingml.document")  # fmt: skip
        abort(404)

    # --- upload -------------------------------------------------------------------------------

    @app.get("/upload")
    def upload_page():
        return render_template("upload.html", options=sub_options(rubric), chosen=request.args.get("code", ""),
                               max_mb=max_upload_bytes / MB, results=None)  # fmt: skip

    @app.post("/upload")
    def upload():
        code = request.form.get("code", "")
        sub = codes.get(code)
        if sub is None:
            raise UploadError("hãy chọn một tiêu chí con có trong bảng tiêu chí")
        files = [f for f in request.files.getlist("files") if f and f.filename]
        if not files:
            raise UploadError("chưa chọn tệp nào")
        if len(files) > MAX_FILES_PER_REQUEST:
            raise UploadError(f"mỗi lần chỉ gửi tối đa {MAX_FILES_PER_REQUEST} tệp")
        folder = subcriterion_folder(paths.root, sub, skip=(paths.index_dir,))
        results, saved = [], []
        for f in files:
            try:
                name = clean_filename(f.filename)
                target = save_upload(f.stream, paths.root, folder, name, max_upload_bytes)
            except UploadError as exc:
                results.append({"name": f.filename, "error": exc.message})
                continue
            rel = _relative(paths.root, target)
            saved.append(rel)
            results.append({"name": f.filename, "path": rel, "renamed": target.name != name, "state": "queued",
                            "same_as": same_content(target), "warning": other_code_warning(rel, code)})  # fmt: skip
        if saved:
            reindexer.submit(saved)
        status = 200 if saved else 400
        if wants_json():
            return jsonify(code=code, folder=_relative(paths.root, folder), files=results), status
        return render_template("upload.html", options=sub_options(rubric), chosen=code, max_mb=max_upload_bytes / MB,
                               results=results, folder=_relative(paths.root, folder)), status  # fmt: skip

    def other_code_warning(rel: str, code: str) -> str | None:
        """Why a saved file will not count for the code chosen: its own name carries other codes,
        and a code the name announces wins over the folder's (tagging.tag_by_name)."""
        counted = [t.code for t in tag_by_name(rel, rubric).tags]
        if code in counted or not counted:
            return None
        named = ", ".join(counted)
        return (f"tên tệp mang mã {named} nên tệp được tính cho {named}, không cho {code}; nếu đây là minh chứng "
                f"cho {code}, hãy đổi tên tệp (bỏ mã {named} khỏi tên)")  # fmt: skip

    def same_content(path: Path) -> str | None:
        """An indexed file with exactly these bytes: the upload is then only a copy (counted once)."""
        try:
            with reader:
                same = query.open_index(paths).catalog.by_hash(file_sha256(path))
        except IndexMissingError:
            return None
        return same[0] if same else None

    @app.get("/upload/status")
    def upload_status():
        wanted = [check_relative(p) for p in request.args.getlist("path")[: MAX_FILES_PER_REQUEST * 5]]
        results = [dict(file_state(p), name=p) for p in wanted]
        return render_template("upload.html", options=sub_options(rubric), chosen="", max_mb=max_upload_bytes / MB,
                               results=results, folder="")  # fmt: skip

    @app.get("/api/status")
    def api_status():
        wanted = [check_relative(p) for p in request.args.getlist("path")[:MAX_FILES_PER_REQUEST * 5]]
        return jsonify(files=[file_state(p) for p in wanted], indexing=reindexer.busy)

    def file_state(rel: str) -> dict:
        job = reindexer.state(rel)
        ev = None
        try:
            with reader:
                ev = query.open_index(paths).catalog.get(rel)
        except IndexMissingError:
            pass
        if ev is not None and (job is None or job.state == "done"):
            if ev.status.is_problem:
                return {"path": rel, "state": "problem", "label": f"! Đã lưu nhưng không đọc được chữ ({ev.status.value})", "detail": ev.detail}
            return {"path": rel, "state": "searchable", "label": "✓ Đã tìm được", "codes": list(ev.codes)}
        if job is None:
            return {"path": rel, "state": "waiting", "label": "Chờ lập chỉ mục…"}
        labels = {"queued": "Đang chờ lập chỉ mục…", "indexing": "Đang lập chỉ mục…", "done": "Chưa có trong chỉ mục", "failed": "✗ Lập chỉ mục lỗi"}
        return {"path": rel, "state": job.state, "label": labels[job.state], "detail": job.detail}

    return app


# --- helpers the templates use ------------------------------------------------------------------


def viewable(path: str) -> bool:
    """True when a browser shows the file itself (PDF, photos); anything else is downloaded."""
    return "." in path and path.rsplit(".", 1)[-1].lower() in INLINE_TYPES


def highlight_segments(text: str, spans) -> list[tuple[str, bool]]:
    """The snippet cut into (text, marked) pieces; the template escapes each piece."""
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last or start >= end:
            continue
        if start > last:
            out.append((text[last:start], False))
        out.append((text[start:end], True))
        last = end
    if last < len(text):
        out.append((text[last:], False))
    return out


def code_options(rubric: Rubric) -> list[tuple[str, str, bool]]:
    """(value, label, is_criterion) for the filter select: each criterion, then its sub-criteria."""
    out = []
    for c in rubric.criteria:
        out.append((c.code, f"Tiêu chí {c.code}: {_short(c.title)}", True))
        out.extend((s.code, f"{s.code} {_short(s.title)}", False) for s in c.subcriteria)
    return out


def sub_options(rubric: Rubric) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(f"Tiêu chí {c.code}: {_short(c.title)}", [(s.code, f"{s.code} {_short(s.title)}") for s in c.subcriteria]) for c in rubric.criteria]


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _download(body: bytes, name: str, mimetype: str) -> Response:
    return send_file(io.BytesIO(body), mimetype=mimetype, as_attachment=True, download_name=name, max_age=0)


def _local_target(target: str) -> str:
    """Only a path on this site may follow a login (no open redirect to //evil.example)."""
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or parts.scheme or parts.netloc or "\\" in target:
        return "/"
    return target


def _relative(root: Path, path: Path) -> str:
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return unicodedata.normalize("NFC", rel.replace(os.sep, "/"))


def _index_exists(paths: IndexPaths) -> bool:
    try:
        query.open_index(paths)
        return True
    except IndexMissingError:
        return False
