"""The pipeline, in one place: read → segment → normalize → check → Report."""
from __future__ import annotations

from pathlib import Path

from .checks import run_checks
from .metadata import extract_metadata
from .readers import read
from .report import Report
from .segment.tree import segment
from .template import normalize


def parse(path: str | Path) -> Report:
    """Convert one report file. Raises ExtractorError (with `.code`) when the file cannot be read at all."""
    document = read(path)
    preamble, sections, section_warnings = segment(document.blocks)
    records, template, table_warnings = normalize(document.tables)
    metadata = extract_metadata(preamble, sections, template)
    checks = run_checks(records, sections, preamble, template)
    warnings = (*document.messages, *section_warnings, *table_warnings)
    return Report(document, metadata, preamble, sections, tuple(records), tuple(checks), warnings)
