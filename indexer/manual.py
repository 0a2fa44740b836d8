"""Manual tags: a reviewer's confirmations and dismissals, kept in a plain text file.

The file sits in the evidence root (`.minhchung-tags.txt`), apart from the rebuildable index, so
a person can read it and back it up. Each line names a file by its content hash, so a tag
survives a rebuild and a rename; the path is kept beside it for people and as a fallback.

    # + confirms (proves), - dismisses a keyword suggestion
    +	1.2	3f2a...e9	Tieu chi 1/bang phi.pdf
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import TagsError
from .models import Evidence, Tag, TagSource
from .scan import read_small_file

# A ward's tags take a few kilobytes (a line a confirmed file): more is no tags file.
MAX_TAGS_BYTES = 64 * 1024 * 1024
from .procs import new_file_mode, process_alive

HEADER = (
    "# minhchung: thẻ gán tay (manual tags). Mỗi dòng: +/- <mã tiêu chí> <sha256> <đường dẫn>\n"
    "# '+' xác nhận tệp là minh chứng (proves), '-' bỏ gợi ý từ khóa (dismisses a keyword suggestion).\n"
)
# A hash may be in capitals: PowerShell's Get-FileHash prints them (read as lowercase).
_LINE = re.compile(r"^([+-])\t(\d+\.\d+)\t([0-9a-fA-F]{64}|-)\t(.*)$")
# A line someone typed or re-saved with spaces for the tabs (the path may hold spaces too).
_TYPED_LINE = re.compile(r"^([+-])[\t ]+(\d+\.\d+)[\t ]+([0-9a-fA-F]{64}|-)[\t ]+(.*)$")
# A path is one line of the file: characters that would break it are written as U+FFFD (a tag
# follows its file by the hash; the path is for the people who read the file).
_LINE_BREAKING = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


@dataclass(frozen=True)
class ManualTag:
    action: str  # "+" or "-"
    code: str
    sha256: str
    path: str


@dataclass(frozen=True)
class ManualTags:
    entries: tuple[ManualTag, ...] = ()

    def for_file(self, sha256: str, path: str) -> tuple[set[str], set[str]]:
        """(confirmed codes, dismissed codes) for a file, matched by hash, else by path."""
        confirmed: set[str] = set()
        dismissed: set[str] = set()
        for e in self.entries:
            if (sha256 and e.sha256 == sha256) or (e.sha256 in ("-", "") and e.path == path):
                (confirmed if e.action == "+" else dismissed).add(e.code)
        return confirmed, dismissed

    def apply(self, ev: Evidence) -> Evidence:
        """The evidence with confirmed codes added as `manual` tags and dismissed suggestions removed."""
        confirmed, dismissed = self.for_file(ev.sha256, ev.path)
        if not confirmed and not dismissed:
            return ev
        tags = [t for t in ev.tags if not (t.source is TagSource.KEYWORD and t.code in dismissed)]
        tags = [t for t in tags if not (t.source is TagSource.KEYWORD and t.code in confirmed)]
        for code in sorted(confirmed):
            tags.append(Tag(code, TagSource.MANUAL, 1.0, "gán tay"))
        return replace(ev, tags=tuple(tags))

    def changed(self, action: str, code: str, sha256: str, path: str) -> "ManualTags":
        """A copy with the line for (file, code) set to `action` (one line per file and code)."""
        kept = tuple(e for e in self.entries if not (e.code == code and (e.sha256 == sha256 if sha256 else e.path == path)))
        return ManualTags(kept + (ManualTag(action, code, sha256 or "-", path),))

    def carried(self, path: str, old_sha256: str, new_sha256: str, still_held: bool) -> "ManualTags":
        """A copy whose lines for the file at `path` as it was (`old_sha256`) also hold for its
        new content: an edit in place (a typo fixed, a save by Word) keeps a reviewer's decision.
        The old lines stay only while another file still has the old content (`still_held`); the
        new ones name the file where it is now (it may have been renamed since it was tagged)."""
        moved = [e for e in self.entries if e.sha256 == old_sha256]
        if not moved:
            return self
        kept = self.entries if still_held else tuple(e for e in self.entries if e not in moved)
        return ManualTags(kept + tuple(dict.fromkeys(replace(e, sha256=new_sha256, path=path) for e in moved)))

    def unmatched(self, sha256s: set[str], paths: set[str]) -> list[ManualTag]:
        """The lines no indexed file takes (the same rule as `for_file`): they count for nothing."""
        return [e for e in self.entries if not (e.sha256 in sha256s if e.sha256 not in ("-", "") else e.path in paths)]

    def removed(self, code: str, sha256: str, path: str) -> "ManualTags":
        return ManualTags(tuple(e for e in self.entries if not (e.code == code and (e.sha256 == sha256 if sha256 else e.path == path))))


def tags_path(root: Path) -> Path:
    return Path(root) / ".minhchung-tags.txt"


def load_manual_tags(path: Path) -> ManualTags:
    """Read the tags file; a damaged line is an error naming the line, never silently dropped."""
    path = Path(path)
    if not path.exists():
        return ManualTags()
    try:
        text = read_small_file(path, MAX_TAGS_BYTES).decode("utf-8-sig")  # Notepad saves "UTF-8 with BOM"
    except UnicodeDecodeError:
        raise TagsError(f"{path}: the manual tags file is not UTF-8 text; fix or restore it from a backup")
    except ValueError as exc:
        raise TagsError(f"{path}: cannot read the manual tags file: {exc}; restore it from a backup")
    except OSError as exc:
        raise TagsError(f"{path}: cannot read the manual tags file ({exc.strerror})")
    entries = []
    # Split at newlines only: str.splitlines also breaks at \x0b, \x1c, \x85... a name may hold.
    for number, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _LINE.match(line) or _TYPED_LINE.match(line)
        if not m:
            raise TagsError(f"{path}, line {number}: cannot read {line[:60]!r}; expected '+/-<TAB>code<TAB>sha256<TAB>path'")
        action, code, sha256, rel = m.groups()
        entries.append(ManualTag(action, code, sha256.lower(), _typed_path(rel)))
    return ManualTags(tuple(entries))


def _typed_path(path: str) -> str:
    """A path from the tags file as the catalog keeps paths: NFC (a Mac writes accents apart),
    `/` for Windows' `\\`, no leading `./`. Case is kept: Linux tells `A.pdf` from `a.pdf`."""
    path = unicodedata.normalize("NFC", path).replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def save_manual_tags(path: Path, tags: ManualTags) -> None:
    """Write atomically: a temp file, fsync, rename; a crash leaves the old file or the new one."""
    path = Path(path)
    lines = [HEADER] + [f"{e.action}\t{e.code}\t{e.sha256}\t{_LINE_BREAKING.sub(chr(0xFFFD), e.path)}\n" for e in tags.entries]
    _remove_orphan_temps(path.parent)
    # The writer's pid in the name lets a later save tell a killed writer's leftover from a live one's.
    fd, tmp = tempfile.mkstemp(prefix=f".minhchung-tags.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file 0600: staff and the watch service (other accounts) must still read it.
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.writelines(lines)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    _fsync_folder(path.parent)


def _mode_for(path: Path) -> int:
    """The permissions the tags file keeps: its own, or for a new one what the umask allows."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        pass
    return new_file_mode()


_TEMP_NAME = re.compile(r"^\.minhchung-tags\.(\d+)\.[^/]*\.tmp$")


def _remove_orphan_temps(folder: Path, min_age_s: float = 60.0) -> None:
    """Delete temp files left by a save that was killed, only when their writer is gone.

    A save takes milliseconds, so a temp file a minute old whose writer is not running here is a
    leftover; the age also spares a save in progress on another computer sharing the folder.
    """
    try:
        names = os.listdir(folder)
    except OSError:
        return
    now = time.time()
    for name in names:
        m = _TEMP_NAME.match(name)
        if not m or process_alive(int(m.group(1))):
            continue
        try:
            full = os.path.join(folder, name)
            if now - os.stat(full).st_mtime >= min_age_s:
                os.unlink(full)
        except OSError:
            pass


def _fsync_folder(folder: Path) -> None:
    # The rename itself reaches the disk only when the folder does (a power cut right after).
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not supported on this file system (some network shares)
    finally:
        os.close(fd)
