"""Errors for input that cannot be read at all. Degraded input produces warnings instead (see model.Message)."""
from __future__ import annotations

DIST = "extractor"  # the distribution name that install hints name: pip install '{DIST}[extra]'


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
