"""Review pages for the people who check reports: self-contained HTML (inline CSS, no network), opened from disk.

    render_report(report: dict) -> str   one report's page from its JSON dict (`Report.to_dict()`): metadata,
                                         the three tables drawn as the template draws them (layout.py), every
                                         value with its source, failed / not-assessable checks on their cells,
                                         inferred values, warnings with their `where`, the section outline
    render_index(rows: list[dict]) -> str  a batch's index: one row per report (agency, year, format, status,
                                         failed_checks, warnings, href, path), sortable and filterable in the page

Chinese text uses the fonts a Debian (Noto CJK, WenQuanYi) or Windows (Microsoft YaHei, SimSun) machine has.
Marks are symbols and words as well as colours (✗ failed check, ? not assessable, ≈ inferred, 未找到 missing).
"""
from .index import render_index
from .page import render_report

__all__ = ["render_report", "render_index"]
