"""PDF reports (to be written): text layer → paragraphs in reading order and tables with their spans."""
from __future__ import annotations

from ..errors import ExtractorError


def read_pdf(data: bytes):
    raise ExtractorError("unsupported_format", "PDF reports are not supported yet; export the text or use the .docx")
