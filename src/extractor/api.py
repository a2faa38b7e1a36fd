"""The pipeline, in one place: read → segment → normalize → check → Report."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from .checks import run_checks
from .errors import ExtractorError, as_error
from .limits import current_limits
from .metadata import extract_metadata
from .model import Document
from .readers import load, read_bytes
from .relations import Ref
from .report import Report
from .segment.tree import segment
from .status import assess
from .template import TABLES, normalize


def parse(path: str | Path) -> Report:
    """Convert one report file. Raises ExtractorError (with `.code`) when the file cannot be read at all.

    A pure function of the file's bytes: map it over many files with any executor (see parse_many).
    """
    data = load(path)
    return _pipeline(read_bytes(data, str(path)), data)


def parse_bytes(data: bytes, name: str = "<bytes>", last_year: Mapping[Ref, int | float | None] | None = None) -> Report:
    """Convert a report held in memory; `name` is reported as its path. `last_year` maps (table, row, column) to
    the numbers of the same agency's report of the year before (panel.panel_cells): a 主动公开 row whose digits
    ran together may be settled by them (template/settle.py)."""
    return _pipeline(read_bytes(data, name), data, last_year)


def parse_many(paths: Iterable[str | Path], jobs: int | None = None) -> Iterator[tuple[str, Report | ExtractorError]]:
    """(path, Report or ExtractorError) for each path, in order, converted by `jobs` processes (default: CPU count),
    under the batch's time and memory limits (EXTRACTOR_FILE_TIMEOUT, EXTRACTOR_WORKER_MEMORY_MB)."""
    from .batch import pool

    paths = [str(p) for p in paths]
    limits = current_limits()
    results = pool.run(paths, _parse_or_error, lambda path, code, message: ExtractorError(code, message),
                       jobs=jobs or os.cpu_count() or 1, timeout=limits.file_timeout_s, memory_mb=limits.worker_memory_mb)
    yield from zip(paths, results)


def _parse_or_error(path: str) -> Report | ExtractorError:
    try:
        return parse(path)
    except Exception as exc:
        return as_error(exc)


def _pipeline(document: Document, data: bytes, last_year: Mapping[Ref, int | float | None] | None = None) -> Report:
    records, template, table_warnings = normalize(document.tables, document.paragraphs, last_year)
    if document.pictures and set(TABLES) - {r.table for r in records}:  # a table may be a picture: OCR them
        from .readers.pictures import read_pictures

        document = read_pictures(document, data)
        records, template, table_warnings = normalize(document.tables, document.paragraphs, last_year)
    preamble, sections, section_warnings = segment(document.blocks)
    records = tuple(records)
    metadata = extract_metadata(preamble, sections, template, document.title, document.published)
    checks = run_checks(records, sections, preamble, template)
    warnings = (*document.messages, *section_warnings, *table_warnings)
    status, explained = assess(document, preamble, sections, records, warnings)
    return Report(document, metadata, preamble, sections, records, tuple(checks), (*warnings, *explained), status)
