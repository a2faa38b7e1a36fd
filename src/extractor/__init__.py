"""extractor: 政府信息公开工作年度报告 (.docx, .doc, .pdf, web pages, text) → checked, analysis-ready data.

    >>> import extractor
    >>> report = extractor.parse("report.docx")
    >>> report.to_dict()["tables"]["applications"][0]
    >>> report.status                          # ok, partial or no_tables (see status.py)
    >>> report.frame("applications")          # pandas DataFrame, row keys × column keys
"""
from .api import parse, parse_bytes, parse_many
from .errors import ExtractorError
from .panel import panel
from .report import Report

__all__ = ["parse", "parse_bytes", "parse_many", "panel", "Report", "ExtractorError"]
__version__ = "0.1.0"
