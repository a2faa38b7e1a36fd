"""Which files under a folder a batch converts, and why it leaves the others.

A file is read when its name is one of a report format's (readers.SUFFIXES), or — whatever its name — when its
first bytes are a PDF or a web page, or, for a file without a suffix (a crawler's `page`), text that names the
report (政府信息公开, 年度报告). Everything else (images, spreadsheets, data files) is listed as skipped, with
the reason. Hidden entries and the output folder are left out.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import ExtractorError
from ..readers import FORMAT_OF_SUFFIX, sniff

_IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"}
_HEAD = 4096  # bytes looked at to tell what an unnamed file holds
_REPORT_WORDS = ("政府信息公开", "年度报告")


def discover(root: Path, outdir: Path | None = None) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(report files, (skipped file, reason)) under root, recursively, sorted."""
    inputs, skipped = [], []
    outdir = outdir.resolve() if outdir else None
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (outdir is None or Path(dirpath, d).resolve() != outdir))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath, name)
            reason = skip_reason(path)
            if reason:
                skipped.append((path, reason))
            else:
                inputs.append(path)
    return inputs, skipped


def skip_reason(path: Path) -> str:
    """Why a batch does not read this file; "" when it does."""
    suffix = path.suffix.lower()
    if suffix in FORMAT_OF_SUFFIX:
        return ""
    if suffix in _IMAGES:
        return f"an image ({suffix}), not a report document"
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return ""  # read it, so that reports.csv gives the reader's reason
    try:
        fmt = sniff(head)
    except ExtractorError:
        fmt = ""
    if fmt in ("pdf", "html") or fmt == "text" and not suffix and any(w in head.decode("utf-8", "ignore") for w in _REPORT_WORDS):
        return ""
    return (f"not a report file type ({suffix or 'no suffix'}); reports are "
            + ", ".join(sorted(FORMAT_OF_SUFFIX)) + " — rename a report to one of these to have it read")
