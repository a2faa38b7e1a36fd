"""Two reports of one agency, consecutive years, side by side: what changed, what jumped, what was copied.

    diff_reports(old: dict, new: dict, *, factor=5.0, floor=10) -> Diff
        old, new: report dicts (`Report.to_dict()`, the report JSON), the earlier year first.
        Diff.cells       every cell whose printed text differs (or that only one report has): old → new, with the
                         absolute and relative change when both are numbers, and `jump` ("growth" / "shrink") when
                         both are ≥ floor and one is more than factor × the other
        Diff.cross_year  the cross-year checks (panel.cross_year_checks: 结转下年度 → 上年结转; 现行有效 + 制发 − 废止)
        Diff.sections    per template section (matched by key, else by number and title): the share of the text in
                         sentences both years print, and the sentences added and removed (sentences end at 。！？；)
    to_text(diff), to_json(diff), to_html(diff) -> str   the same diff for a terminal, a program, a browser

Printed values are only compared, never corrected: a blank or "/" is not 0, so its change has no number.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass
from html import escape

import orjson

from .model import Check
from .panel import cross_year_checks
from .template.values import NUMBER_STATES

Key = tuple[str, str, str]
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")


@dataclass(frozen=True)
class CellChange:
    table: str
    row: str
    column: str
    old: str | None  # the printed text; None when the report has no such cell
    new: str | None
    absolute: float | None  # new − old, when both are numbers
    relative: float | None  # (new − old) / old, when both are numbers and old ≠ 0
    jump: str | None  # "growth" or "shrink" past the factor, both values ≥ floor; else None


@dataclass(frozen=True)
class SectionChange:
    key: str
    title: str
    similarity: float  # share of both texts (in characters) that stands in sentences both years print
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class Diff:
    old: dict  # metadata of each report (agency, year, template, …) and its source path
    new: dict
    factor: float
    floor: float
    cells: tuple[CellChange, ...]
    cross_year: tuple[Check, ...]
    sections: tuple[SectionChange, ...]

    @property
    def jumps(self) -> list[CellChange]:
        return [c for c in self.cells if c.jump]

    @property
    def failed_cross_year(self) -> list[Check]:
        return [c for c in self.cross_year if c.status == "fail"]

    def to_dict(self) -> dict:
        return asdict(self)


def _cells(report: dict) -> dict[Key, dict]:
    return {(c["table"], c["row"], c["column"]): c for rows in report.get("tables", {}).values() for c in rows}


def _number(cell: dict | None) -> float | None:
    return cell["value"] if cell is not None and cell["state"] in NUMBER_STATES else None


def diff_reports(old: dict, new: dict, *, factor: float = 5.0, floor: float = 10) -> Diff:
    """Every change from `old` (the earlier year) to `new`; see the module docstring."""
    before, after = _cells(old), _cells(new)
    changes = []
    for key in dict.fromkeys([*after, *before]):
        a, b = before.get(key), after.get(key)
        if a is not None and b is not None and a["raw"] == b["raw"] and a["state"] == b["state"]:
            continue
        x, y = _number(a), _number(b)
        absolute = y - x if x is not None and y is not None else None
        changes.append(CellChange(*key, a and a["raw"], b and b["raw"], absolute,
                                  absolute / x if absolute is not None and x else None, _jump(x, y, factor, floor)))
    numbers = [{key: _number(c) for key, c in cells.items()} for cells in (before, after)]
    return Diff(_summary(old), _summary(new), factor, floor, tuple(changes), tuple(cross_year_checks(*numbers)),
                tuple(_sections(old, new)))


def _jump(x: float | None, y: float | None, factor: float, floor: float) -> str | None:
    if x is None or y is None or x < floor or y < floor:
        return None
    return "growth" if y > factor * x else "shrink" if x > factor * y else None


def _summary(report: dict) -> dict:
    meta = report.get("metadata", {})
    return {k: meta.get(k) for k in ("agency", "year", "template", "title")} | {"path": report.get("source", {}).get("path")}


def section_texts(report: dict) -> dict[str, tuple[str, str]]:
    """Each top-level section's (title, text with its sub-sections), by key (or number and title when unkeyed)."""
    def text(section: dict) -> str:
        return "\n".join([section["text"], *(f"{c['title']}\n{text(c)}" for c in section.get("children", []))])

    return {s.get("key") or f"{s.get('number') or ''} {s['title']}": (s["title"], text(s)) for s in report.get("sections", [])}


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def _sections(old: dict, new: dict) -> list[SectionChange]:
    before, after = section_texts(old), section_texts(new)
    out = []
    for key in dict.fromkeys([*after, *before]):
        a, b = sentences(before.get(key, ("", ""))[1]), sentences(after.get(key, ("", ""))[1])
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        same, added, removed = 0, [], []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                same += sum(len(s) for s in a[i1:i2])
            else:
                removed += a[i1:i2]
                added += b[j1:j2]
        total = sum(map(len, a)) + sum(map(len, b))
        title = (after.get(key) or before[key])[0]
        out.append(SectionChange(key, title, 2 * same / total if total else 1.0, tuple(added), tuple(removed)))
    return out


def _number_text(x: float | None, percent: bool = False) -> str:
    if x is None:
        return "—"
    return f"{x:+.0%}" if percent else f"{x:+g}"


def to_json(diff: Diff) -> str:
    return orjson.dumps(diff.to_dict(), option=orjson.OPT_INDENT_2).decode()


def to_text(diff: Diff) -> str:
    o, n = diff.old, diff.new
    lines = [f"{o['agency']} {o['year']} → {n['agency']} {n['year']}",
             f"{len(diff.cells)} cells changed, {len(diff.jumps)} jumps (> {diff.factor:g}×, both ≥ {diff.floor:g}), "
             f"{len(diff.failed_cross_year)} cross-year checks failed", "", "cells:"]
    for c in diff.cells:
        flag = f"  JUMP ({c.jump})" if c.jump else ""
        lines.append(f"  {c.table} {c.row} × {c.column}: {c.old if c.old is not None else '(absent)'} → "
                     f"{c.new if c.new is not None else '(absent)'}  {_number_text(c.absolute)} {_number_text(c.relative, True)}{flag}")
    lines += ["", "cross-year checks:"]
    lines += [f"  {c.status.upper():14} {c.rule} {c.where}: {c.message}" for c in diff.cross_year]
    lines += ["", "sections:"]
    for s in diff.sections:
        lines.append(f"  {s.key} ({s.title}): {s.similarity:.0%} the same, {len(s.added)} sentences added, {len(s.removed)} removed")
        lines += [f"    + {t}" for t in s.added] + [f"    - {t}" for t in s.removed]
    return "\n".join(lines) + "\n"


def to_html(diff: Diff) -> str:
    from .review.page import page

    o, n = diff.old, diff.new
    title = f"{o['agency']} {o['year']} → {n['agency']} {n['year']}"
    rows = "".join(
        f'<tr class="{"fail" if c.jump else ""}"><td>{escape(c.table)}</td><td>{escape(c.row)}</td><td>{escape(c.column)}</td>'
        f"<td>{escape(c.old if c.old is not None else '（无）')}</td><td>{escape(c.new if c.new is not None else '（无）')}</td>"
        f"<td>{_number_text(c.absolute)}</td><td>{_number_text(c.relative, True)}</td>"
        f"<td>{'✗ 突变（' + ('增长' if c.jump == 'growth' else '减少') + '）' if c.jump else ''}</td></tr>" for c in diff.cells)
    checks = "".join(f'<li class="{"fail" if c.status == "fail" else "not-assessable" if c.status != "pass" else ""}">'
                     f'{"✗" if c.status == "fail" else "?" if c.status != "pass" else "✓"} <code>{escape(c.rule)}</code> '
                     f'{escape(c.where)}：{escape(c.message)}</li>' for c in diff.cross_year)
    sections = "".join(
        f"<h3>{escape(s.title)} <code>{escape(s.key)}</code>：{s.similarity:.0%} 相同</h3>"
        + "".join(f"<p>＋ {escape(t)}</p>" for t in s.added) + "".join(f"<p><del>－ {escape(t)}</del></p>" for t in s.removed)
        for s in diff.sections)
    body = (f"<h1>{escape(title)}</h1><h2>变化的单元格（{len(diff.cells)}）</h2><table class=\"std diff\"><tr><th>表</th><th>行</th>"
            f"<th>列</th><th>上年</th><th>本年</th><th>变化</th><th>相对</th><th>标记</th></tr>{rows}</table>"
            f'<h2>跨年度勾稽关系</h2><ul class="checks">{checks}</ul><h2>各部分文字</h2>{sections}')
    return page(title, body)
