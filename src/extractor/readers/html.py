"""Web-page reports (to be written): the report body of a page → paragraphs and tables with their spans."""
from __future__ import annotations

from ..errors import ExtractorError


def read_html(data: bytes):
    raise ExtractorError("unsupported_format", "web pages are not supported yet; save the page text or use the .docx")
