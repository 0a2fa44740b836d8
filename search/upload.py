"""Files in and out of the evidence root for the web page, never outside it.

An upload lands in its sub-criterion's folder so the folder convention tags it (no second
tagging path to keep in step): an existing folder that names the code is reused, else
`Tieu chi N/N.M <title>/` is made. Names are cleaned, nothing is overwritten, and the bytes
appear under their final name only once complete (a temp file in the same folder tree, then a link
or rename), so the watcher and other staff never see half a file.
"""

from __future__ import annotations

import itertools
import os
import re
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable

from indexer.build import IndexPaths, build_index
from indexer.errors import IndexBusyError, MinhchungError, UploadError
from indexer.models import Rubric, SubCriterion
from indexer.scan import is_noise
from indexer.tagging import codes_in_name, criterion_in_name
from indexer.vietnamese import fold

ALLOWED_EXTENSIONS = ("pdf", "docx", "doc", "xlsx", "xls", "pptx", "rtf", "odt", "ods", "odp", "jpg", "jpeg", "png", "tif", "tiff")
DEFAULT_MAX_UPLOAD_MB = 50
# ext4 and NTFS allow 255 bytes/characters; leave room for " (99)" and a parent path on Windows.
MAX_NAME_BYTES = 180
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
_FOLDER_DEPTH = 3  # how deep to look for an existing sub-criterion folder
_FOLDER_TITLE_CHARS = 40


# --- names ----------------------------------------------------------------------------------------


def clean_filename(raw: str) -> str:
    """A safe file name from what the browser sent: last path part, NFC, no control characters.

    Raises UploadError when nothing usable is left or the extension is not allowed.
    """
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]  # old browsers send C:\fakepath\x.pdf
    # Control, format (bidi overrides, zero-width), surrogate and unassigned characters.
    name = "".join(c for c in name if not unicodedata.category(c).startswith("C"))
    name = re.sub(r'[<>:"|?*]', "_", name)  # reserved on Windows, where staff open the share
    name = re.sub(r"\s+", " ", name).strip().lstrip(". ").rstrip(". ")
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem.strip(" ."):
        raise UploadError(f"tên tệp “{raw[:80]}” không có phần mở rộng hợp lệ (.pdf, .docx, ...)")
    ext = ext.lower()
    if ext not in ALLOWED_EXTENSIONS:
        raise UploadError(f"không nhận tệp .{ext[:10]}: chỉ nhận {', '.join('.' + e for e in ALLOWED_EXTENSIONS)}")
    if stem.split(".")[0].strip().lower() in _WINDOWS_RESERVED:
        stem = "_" + stem
    stem = _cut_bytes(stem.rstrip(" ."), MAX_NAME_BYTES - len(ext) - 1).rstrip(" .")
    name = f"{stem}.{ext}"
    if is_noise(name):
        raise UploadError(f"“{name}” trông như tệp tạm của Office, không phải minh chứng")
    return name


def _cut_bytes(text: str, limit: int) -> str:
    while len(text.encode("utf-8")) > limit:
        text = text[:-1]
    return text


def _taken(folder: Path) -> set[str]:
    # Windows shares and macOS compare names without case and normalisation: so do we.
    try:
        return {unicodedata.normalize("NFC", n).casefold() for n in os.listdir(folder)}
    except FileNotFoundError:
        return set()


def _candidates(name: str):
    stem, _, ext = name.rpartition(".")
    yield name
    for n in range(2, 1000):
        yield f"{stem} ({n}).{ext}"


# --- where an upload goes -------------------------------------------------------------------------


def subcriterion_folder(root: Path, sub: SubCriterion, skip: tuple[Path, ...] = ()) -> Path:
    """The folder files for `sub` go into: an existing one naming exactly its code, else a new name.

    The result may not exist yet; `save_upload` creates it.
    """
    root = Path(os.path.abspath(root))
    skip_real = {os.path.realpath(s) for s in skip}
    found: list[tuple[int, bool, str, Path]] = []
    criterion_dirs: list[tuple[str, Path]] = []
    for depth, entry in _walk_dirs(root, skip_real):
        codes = codes_in_name(entry.name)
        if codes == [sub.code]:
            starts = unicodedata.normalize("NFC", entry.name).startswith(sub.code)
            found.append((depth, not starts, entry.name, Path(entry.path)))
        elif depth == 1 and not codes and criterion_in_name(entry.name) == sub.criterion_code:
            criterion_dirs.append((entry.name, Path(entry.path)))
    if found:
        return min(found)[3]
    parent = min(criterion_dirs)[1] if criterion_dirs else root / f"Tieu chi {sub.criterion_code}"
    return parent / folder_name(sub)


def folder_name(sub: SubCriterion) -> str:
    """`1.3 Cong khai so dien thoai lanh dao` : the code, then the title without diacritics."""
    words = re.sub(r"[^A-Za-z0-9 ]+", " ", fold(sub.title)).split()
    title = ""
    for word in words:
        if len(title) + len(word) + 1 > _FOLDER_TITLE_CHARS:
            break
        title = f"{title} {word}".strip()
    name = f"{sub.code} {title}".strip()
    # The name must tag exactly this code; a title with numbers ("4 xin") could add another.
    return name if codes_in_name(name) == [sub.code] else sub.code


def _walk_dirs(root: Path, skip_real: set[str]):
    """(depth, entry) of real folders under root, breadth first; links are not followed (writes
    must not leave the root through one)."""
    level = [root]
    for depth in range(1, _FOLDER_DEPTH + 1):
        below = []
        for folder in level:
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                if is_noise(entry.name) or entry.is_symlink() or not entry.is_dir(follow_symlinks=False):
                    continue
                if os.path.realpath(entry.path) in skip_real:
                    continue
                yield depth, entry
                below.append(Path(entry.path))
        level = below


# --- what a file's first bytes say it is ---------------------------------------------------------

# The formats an extension promises, by their first bytes. A PDF may have up to 1 KB of junk
# before `%PDF` (readers allow it). `.doc` and `.xls` are often something else that Word and
# Excel still open (RTF, a web page, a newer file renamed), so for them only programs are refused.
# A .docx/.xlsx is a zip, or an OLE file when it has a password (or is an old file renamed,
# which the indexer reads all the same).
_OFFICE = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "docx": _OFFICE,
    "xlsx": _OFFICE,
    "pptx": _OFFICE,
    "rtf": (b"{\\rtf",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "odp": (b"PK\x03\x04",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "tif": (b"II*\x00", b"MM\x00*"),
    "tiff": (b"II*\x00", b"MM\x00*"),
}
_PROGRAMS = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
_KIND = {"pdf": "PDF", "docx": "Word (.docx)", "xlsx": "Excel (.xlsx)", "pptx": "PowerPoint (.pptx)", "rtf": "văn bản RTF",
         "odt": "văn bản OpenDocument (.odt)", "ods": "bảng tính OpenDocument (.ods)", "odp": "trình chiếu OpenDocument (.odp)",
         "jpg": "ảnh JPEG", "jpeg": "ảnh JPEG", "png": "ảnh PNG", "tif": "ảnh TIFF", "tiff": "ảnh TIFF"}  # fmt: skip


def check_content(name: str, head: bytes) -> None:
    """Raise UploadError when the first bytes of a file are not what its extension says.

    Catches a renamed program or a file saved under the wrong extension before it lands on the
    share, where the indexer could only list it as unreadable.
    """
    ext = name.rpartition(".")[2].lower()
    if ext == "pdf":
        ok = b"%PDF" in head[:1024]
    elif ext in _SIGNATURES:
        ok = head.startswith(_SIGNATURES[ext])
    else:
        ok = not head.startswith(_PROGRAMS)
    if not ok:
        kind = _KIND.get(ext, f"tệp .{ext}")
        raise UploadError(f"nội dung tệp không phải {kind} dù có đuôi .{ext} (tệp bị đổi đuôi hoặc bị hỏng): chưa nhận")


# --- writing ----------------------------------------------------------------------------------------

_PUBLISH_LOCK = threading.Lock()


def save_upload(stream: BinaryIO, root: Path, folder: Path, name: str, max_bytes: int) -> Path:
    """Write `stream` into `folder` as `name` (or `name (2)` ...), atomically; return the new file.

    Raises UploadError when the file is empty, larger than `max_bytes` or not what its
    extension says (`check_content`), or the folder would be outside the root.
    """
    root_real = os.path.realpath(root)
    folder = Path(os.path.abspath(folder))
    if not _inside(str(folder), os.path.abspath(root)):
        raise UploadError("thư mục đích nằm ngoài thư mục minh chứng")
    # realpath resolves every part of the way that exists already: a `Tieu chi 3` that is a link
    # to a drive outside the root is refused before anything, even a folder, is made through it.
    if not _inside(os.path.realpath(folder), root_real):
        raise UploadError(f"thư mục đích “{folder.relative_to(os.path.abspath(root)).as_posix()}” dẫn ra ngoài thư mục minh chứng (liên kết): chưa nhận")
    head = _read_head(stream, 1024)
    if head:  # refused before anything is made on the share
        check_content(name, head)
    # The bytes wait in the nearest folder that exists (a hidden .part name the scanner and the
    # watcher skip): the sub-criterion's folder is made only for a file that passed every check,
    # so a refused upload leaves no empty folder behind. Same folder tree, so one file system.
    fd, tmp = tempfile.mkstemp(prefix=".minhchung-upload-", suffix=".part", dir=_nearest_folder(folder))
    try:
        size = 0
        with os.fdopen(fd, "wb") as out:
            for chunk in itertools.chain((head,), iter(lambda: stream.read(1 << 20), b"")):
                size += len(chunk)
                if size > max_bytes:
                    raise UploadError(f"tệp lớn hơn giới hạn {_mb(max_bytes)}")
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if size == 0:
            raise UploadError("tệp rỗng (0 byte)")
        folder.mkdir(parents=True, exist_ok=True)
        if not _inside(os.path.realpath(folder), root_real):  # a link planted meanwhile
            raise UploadError("thư mục đích nằm ngoài thư mục minh chứng")
        os.chmod(tmp, 0o644)  # mkstemp makes it private; other staff read the share
        return _publish(tmp, folder, name)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _nearest_folder(folder: Path) -> Path:
    """`folder`, or its closest ancestor that exists."""
    while not folder.is_dir() and folder.parent != folder:
        folder = folder.parent
    return folder


def _read_head(stream: BinaryIO, n: int) -> bytes:
    """The first `n` bytes of `stream` (fewer only at its end): one read may return less."""
    head = b""
    while len(head) < n and (more := stream.read(n - len(head))):
        head += more
    return head


def _publish(tmp: str, folder: Path, name: str) -> Path:
    """Give the complete temp file its first free name; an existing file is never replaced."""
    with _PUBLISH_LOCK:  # two uploads of one name in this process
        taken = _taken(folder)
        for candidate in _candidates(name):
            if unicodedata.normalize("NFC", candidate).casefold() in taken:
                continue
            target = folder / candidate
            try:
                # A hard link fails if the name appeared meanwhile (someone copying on the share).
                os.link(tmp, target)
            except FileExistsError:
                continue
            except OSError:
                # No hard links here (FAT, some SMB mounts): the name was free a moment ago.
                if target.exists():
                    continue
                os.replace(tmp, target)
            return target
    raise UploadError(f"đã có quá nhiều tệp tên “{name}” trong thư mục này")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n} byte"


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


# --- reading ------------------------------------------------------------------------------------------


class NotUnderRoot(MinhchungError):
    """A requested path is malformed (400) or names nothing servable under the root (404)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def check_relative(rel: str) -> str:
    """`rel` as a stored path (NFC, `/`-separated), or NotUnderRoot(400) when it is not a plain
    relative path: NUL, absolute, drive letters, backslashes, empty, `.` or `..` parts."""
    if "\x00" in rel or "\\" in rel or re.match(r"^[A-Za-z]:", rel) or rel.startswith("/"):
        raise NotUnderRoot("đường dẫn không hợp lệ", 400)
    parts = rel.split("/")
    if any(p in ("", ".", "..") for p in parts):
        raise NotUnderRoot("đường dẫn không hợp lệ", 400)
    return unicodedata.normalize("NFC", rel)


def file_under_root(root: Path, fspath: str, skip: tuple[Path, ...] = ()) -> Path:
    """The real path of `root/fspath` if it is a regular file inside the root (links followed and
    checked) and not inside a `skip` folder; else NotUnderRoot(404)."""
    root_real = os.path.realpath(root)
    real = os.path.realpath(os.path.join(root, fspath))
    if not _inside(real, root_real) or real == root_real:
        raise NotUnderRoot("không có tệp này", 404)
    if any(_inside(real, os.path.realpath(s)) for s in skip):
        raise NotUnderRoot("không có tệp này", 404)
    if not os.path.isfile(real):
        raise NotUnderRoot("không có tệp này", 404)
    return Path(real)


# --- making uploads searchable -------------------------------------------------------------------------


@dataclass(frozen=True)
class JobState:
    state: str  # "queued", "indexing", "done", "failed"
    detail: str = ""


class Reindexer:
    """One background thread that indexes uploaded files, a batch at a time.

    `build_index` takes the index's build lock, so a watcher or a `minhchung index` running at
    the same time simply goes first; a pass that could not get the lock is retried.
    """

    def __init__(self, paths: IndexPaths, rubric: Rubric, *, retries: int = 20, retry_wait: float = 3.0,
                 build: Callable = build_index, **options):  # fmt: skip
        self.paths = paths
        self.rubric = rubric
        self.options = options
        self.retries = retries
        self.retry_wait = retry_wait
        self.build = build
        self.states: dict[str, JobState] = {}
        self.pending: set[str] = set()
        self.full_pass = False
        self.running = False
        self.last_error = ""
        self.busy_retries = 0  # passes that found the index locked by another writer
        self.cond = threading.Condition()
        self.thread: threading.Thread | None = None
        self.stopping = False

    def submit(self, rel_paths: list[str]) -> None:
        """Queue files for an index pass (relative stored paths)."""
        with self.cond:
            for p in rel_paths:
                self.pending.add(p)
                self.states[p] = JobState("queued")
            self._start()
            self.cond.notify_all()

    def submit_all(self) -> None:
        """Queue a pass over the whole root (the first start on a folder with no index)."""
        with self.cond:
            self.full_pass = True
            self._start()
            self.cond.notify_all()

    def state(self, rel_path: str) -> JobState | None:
        with self.cond:
            return self.states.get(rel_path)

    @property
    def busy(self) -> bool:
        with self.cond:
            return self.running or bool(self.pending) or self.full_pass

    def wait_idle(self, timeout: float) -> bool:
        """Block until nothing is queued or running (tests, shutdown); False on timeout."""
        with self.cond:
            return self.cond.wait_for(lambda: not (self.running or self.pending or self.full_pass), timeout)

    def stop(self) -> None:
        with self.cond:
            self.stopping = True
            self.cond.notify_all()
        if self.thread is not None:
            self.thread.join(timeout=5)

    def _start(self) -> None:
        if self.thread is None or not self.thread.is_alive():
            self.thread = threading.Thread(target=self._loop, name="minhchung-reindex", daemon=True)
            self.thread.start()

    def _loop(self) -> None:
        while True:
            with self.cond:
                self.cond.wait_for(lambda: self.pending or self.full_pass or self.stopping)
                if self.stopping:
                    return
                full, batch = self.full_pass, set(self.pending)
                self.full_pass = False
                self.pending.clear()
                self.running = True
                for p in batch:
                    self.states[p] = JobState("indexing")
            outcome = self._run(None if full else batch)
            with self.cond:
                self.running = False
                for p in batch:
                    self.states[p] = outcome
                self.cond.notify_all()

    def _run(self, only: set[str] | None) -> JobState:
        for attempt in range(self.retries + 1):
            try:
                self.build(self.paths, self.rubric, only=only, **self.options)
                self.last_error = ""
                return JobState("done")
            except IndexBusyError as exc:
                detail = exc.message
                self.busy_retries += 1
                with self.cond:  # wait, but wake at once on stop()
                    if self.cond.wait_for(lambda: self.stopping, self.retry_wait):
                        break
            except MinhchungError as exc:
                detail = exc.message
                break
            except Exception as exc:  # the thread must survive a bad file or a full disk
                detail = f"{type(exc).__name__}: {exc}"
                break
        self.last_error = detail
        return JobState("failed", detail)
