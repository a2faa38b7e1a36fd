"""The pipeline, in one place: read → segment → normalize → check → Report."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .checks import run_checks
from .errors import ExtractorError
from .metadata import extract_metadata
from .model import Document
from .readers import read, read_bytes
from .report import Report
from .segment.tree import segment
from .template import normalize


def parse(path: str | Path) -> Report:
    """Convert one report file. Raises ExtractorError (with `.code`) when the file cannot be read at all.

    A pure function of the file's bytes: map it over many files with any executor (see parse_many).
    """
    return _pipeline(read(path))


def parse_bytes(data: bytes, name: str = "<bytes>") -> Report:
    """Convert a report held in memory; `name` is reported as its path."""
    return _pipeline(read_bytes(data, name))


def parse_many(paths: Iterable[str | Path], jobs: int | None = None) -> Iterator[tuple[str, Report | ExtractorError]]:
    """(path, Report or ExtractorError) for each path, in order, converted by `jobs` processes (default: CPU count)."""
    paths = [str(p) for p in paths]
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1:
        yield from ((p, _parse_or_error(p)) for p in paths)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from zip(paths, pool.map(_parse_or_error, paths, chunksize=4))


def _parse_or_error(path: str) -> Report | ExtractorError:
    try:
        return parse(path)
    except ExtractorError as exc:
        return exc


def _pipeline(document: Document) -> Report:
    preamble, sections, section_warnings = segment(document.blocks)
    records, template, table_warnings = normalize(document.tables, document.paragraphs)
    metadata = extract_metadata(preamble, sections, template, document.title)
    checks = run_checks(records, sections, preamble, template)
    warnings = (*document.messages, *section_warnings, *table_warnings)
    return Report(document, metadata, preamble, sections, tuple(records), tuple(checks), warnings)
