"""Errors for input that cannot be read at all. Degraded input produces warnings instead (see model.Message)."""
from __future__ import annotations

import os

DIST = "zfxxgk-extractor"  # the distribution to install (`pip install zfxxgk-extractor`); the import name is extractor


class ExtractorError(Exception):
    """A file that cannot be converted. `code` is stable (goes into JSON and batch tables); str() is one line."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self):  # picklable, so that worker processes can hand it back
        return type(self), (self.code, self.message)

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


def as_error(exc: Exception) -> ExtractorError:
    """Any exception met while converting a file, as the ExtractorError a user is shown: itself when it is one,
    `out_of_memory`, or `internal_error` naming a bug (EXTRACTOR_DEBUG=1 re-raises it, with its traceback)."""
    if isinstance(exc, ExtractorError):
        return exc
    if os.environ.get("EXTRACTOR_DEBUG"):
        raise exc
    if isinstance(exc, MemoryError):
        return ExtractorError("out_of_memory", "the conversion needed more memory than EXTRACTOR_WORKER_MEMORY_MB allows")
    return ExtractorError("internal_error", f"{type(exc).__name__}: {exc} — please report this file")
