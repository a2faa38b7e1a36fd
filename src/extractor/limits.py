"""Safety limits for reading untrusted files, each overridable by an environment variable.

A .docx is a zip of XML written by anyone; a crawl meets broken and hostile files. These bound what one file
may cost: its size on disk, the uncompressed size of each package part read, and the compression ratio of a
large part (a zip bomb inflates a few kilobytes into gigabytes).
"""
from __future__ import annotations

import os
from dataclasses import dataclass

ENVIRONMENT = {
    "max_file_mb": "EXTRACTOR_MAX_FILE_MB",
    "max_part_mb": "EXTRACTOR_MAX_PART_MB",
    "max_ratio": "EXTRACTOR_MAX_RATIO",
}


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = 200.0  # input file size
    max_part_mb: float = 100.0  # uncompressed size of one zip member that is read (document.xml, styles.xml …)
    max_ratio: float = 300.0  # uncompressed ÷ compressed size of a member above 1 MB

    def __post_init__(self) -> None:
        for name in ENVIRONMENT:
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive")


def current_limits() -> Limits:
    """The defaults, with any EXTRACTOR_MAX_* environment variable applied."""
    values = {}
    for name, variable in ENVIRONMENT.items():
        if variable in os.environ:
            try:
                values[name] = float(os.environ[variable])
            except ValueError as exc:
                raise ValueError(f"{variable} must be a number, not {os.environ[variable]!r}") from exc
    return Limits(**values)
