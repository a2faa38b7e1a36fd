"""Safety limits for reading untrusted files, each overridable by an environment variable.

A .docx is a zip of XML written by anyone; a crawl meets broken and hostile files. These bound what one file
may cost: its size on disk, the uncompressed size of each package part read, the compression ratio of a
large part (a zip bomb inflates a few kilobytes into gigabytes), the time one conversion may take in a batch,
the memory of a batch worker, and the time LibreOffice may take to convert a legacy .doc; and the threads the
OCR recogniser may use (one by default, so that `batch --jobs N` workers do not compete for the cores).
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import ExtractorError

ENVIRONMENT = {
    "max_file_mb": "EXTRACTOR_MAX_FILE_MB",
    "max_part_mb": "EXTRACTOR_MAX_PART_MB",
    "max_ratio": "EXTRACTOR_MAX_RATIO",
    "file_timeout_s": "EXTRACTOR_FILE_TIMEOUT",
    "worker_memory_mb": "EXTRACTOR_WORKER_MEMORY_MB",
    "soffice_timeout_s": "EXTRACTOR_SOFFICE_TIMEOUT",
    "ocr_threads": "EXTRACTOR_OCR_THREADS",
}


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = 200.0  # input file size
    max_part_mb: float = 100.0  # uncompressed size of one zip member that is read (document.xml, styles.xml …)
    max_ratio: float = 300.0  # uncompressed ÷ compressed size of a member above 1 MB
    file_timeout_s: float = 120.0  # one file's conversion in a batch
    worker_memory_mb: float = 4096.0  # address space of one batch worker process (where the platform bounds it)
    soffice_timeout_s: float = 120.0  # LibreOffice converting one legacy .doc/.wps
    ocr_threads: float = 1.0  # threads of the OCR recogniser in one process (batch --jobs workers each have theirs)

    def __post_init__(self) -> None:
        for name, variable in ENVIRONMENT.items():
            if not getattr(self, name) > 0:
                raise ExtractorError("bad_setting", f"{variable} must be a positive number, not {getattr(self, name)!r}")


def current_limits() -> Limits:
    """The defaults, with any EXTRACTOR_MAX_* environment variable applied."""
    values = {}
    for name, variable in ENVIRONMENT.items():
        if variable in os.environ:
            try:
                values[name] = float(os.environ[variable])
            except ValueError as exc:
                raise ExtractorError("bad_setting", f"{variable} must be a number, not {os.environ[variable]!r}") from exc
    return Limits(**values)
