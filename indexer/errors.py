"""One error tree. Each class is a kind of failure a user can act on, with the exit code the CLI uses.

The CLI catches `MinhchungError` once, prints `message` on one line and exits with `exit_code`.
Per-file trouble (a corrupt PDF) is not an error of the run: it becomes a `Problem` line.
"""

from __future__ import annotations

import errno


class MinhchungError(Exception):
    """Base class: a message for the user and the exit code of the command."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UsageError(MinhchungError):
    """The command was given something it cannot work with (missing root, bad option value)."""


class RubricError(MinhchungError):
    """The rubric file is missing, not TOML, or inconsistent; the message names file and entry."""


class ExtractionError(MinhchungError):
    """One file could not be read; carries the file status (`encrypted`, `unreadable`, ...)."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status


# errno values of a read that may work later: a lock held by the file's editor, a share that
# dropped for a moment. A file that failed so is read again by later runs (see build._plan).
PASSING_ERRNOS = frozenset(
    getattr(errno, name) for name in (
        "EACCES", "EPERM", "EIO", "EAGAIN", "EBUSY", "EINTR", "ETIMEDOUT", "ESTALE", "ENOLCK", "EDEADLK",
        "EHOSTDOWN", "EHOSTUNREACH", "ENETDOWN", "ENETUNREACH", "ENETRESET", "ENOTCONN", "ECONNRESET", "ECONNABORTED",
    ) if hasattr(errno, name)
)  # fmt: skip


def passing_read_error(exc: BaseException) -> bool:
    """True for an OSError that may not happen on the next try (see PASSING_ERRNOS)."""
    return isinstance(exc, OSError) and exc.errno in PASSING_ERRNOS


class IndexBusyError(MinhchungError):
    """Another process is writing the index and did not finish in time."""


class IndexMissingError(MinhchungError):
    """There is no index yet: run `minhchung index` first."""


class IndexDamagedError(MinhchungError):
    """The index's catalog file is damaged (a power cut, half a copy): `index --rebuild` makes it again."""


class IndexWriteError(MinhchungError):
    """The index could not be written (disk full, permissions); the previous index is intact."""


class TagsError(MinhchungError):
    """The manual tags file is damaged, or a tag names an unknown code or a path outside the root."""


class ReportError(MinhchungError):
    """A report could not be produced or read (rollup input of another rubric, bad JSON)."""


class UploadError(MinhchungError):
    """A file handed in through the web page was refused (type, size, name); says why, in Vietnamese."""
