"""Report metadata from the text: title, agency, year covered, statistical period, publication date.

Each value is read from a printed phrase (title block, 统计时限 sentence, signature and date lines) or left
null; nothing is inferred from the file name or the current date.
"""
from __future__ import annotations

import re

from .model import Section, report_texts

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_DATE = r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_PERIOD = re.compile(_DATE + r"\s*(?:起)?\s*(?:至|到|—|-|～|~)\s*(?:((?:19|20)\d{2})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_LINE = re.compile(r"^\s*" + _DATE + r"\s*$")
_CN_DATE_LINE = re.compile(r"^\s*([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日\s*$")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
# How an issuing body's name ends; a signature line must end so to be taken as the agency.
AGENCY_SUFFIXES = ("人民政府", "政府", "办事处", "办公室", "办公厅", "委员会", "管委会", "管理委员会", "局", "厅", "委",
                   "部", "署", "院", "中心", "所", "站", "街道", "乡", "镇", "集团", "公司", "会")
_REPORT_WORDS = re.compile(r"(?:(?:19|20)\d{2}\s*年(?:度)?)|政府信息公开(?:工作)?(?:年度)?报告|年度报告|工作$")


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(units, 0) if units else 0)
    return _CN_DIGIT.get(text, 0)


def _date_of(line: str) -> str | None:
    match = _DATE_LINE.match(line)
    if match:
        y, m, d = (int(g) for g in match.groups())
    else:
        match = _CN_DATE_LINE.match(line)
        if not match:
            return None
        y = int("".join(str(_CN_DIGIT[c]) for c in match.group(1)))
        m, d = _cn_number(match.group(2)), _cn_number(match.group(3))
    return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= m <= 12 and 1 <= d <= 31 else None


def _title(preamble: list[str]) -> str | None:
    lines: list[str] = []
    for line in preamble[:4]:
        lines.append(line.strip())
        if "报告" in line:
            return "".join(lines)
    return "".join(preamble[:1]) or None


def _closing(paragraphs: list[str]) -> tuple[str | None, str | None]:
    """(agency, date) from the signature block: a date line near the end and the name line above it."""
    tail = [p.strip() for p in paragraphs[-6:] if p.strip()]
    for i in range(len(tail) - 1, -1, -1):
        date = _date_of(tail[i])
        if date:
            name = tail[i - 1] if i else None
            looks_like_agency = name and len(name) <= 40 and name.endswith(AGENCY_SUFFIXES) and not re.search(r"[。，；：]", name)
            return (name if looks_like_agency else None), date
    return None, None


def _agency_from_title(title: str | None) -> str | None:
    if not title:
        return None
    name = _REPORT_WORDS.sub("", title).strip(" 　：:")
    return name if name.endswith(AGENCY_SUFFIXES) else None


def extract_metadata(preamble: Section, sections: tuple[Section, ...], template: str) -> dict:
    """The contract's `metadata` object."""
    paragraphs = report_texts(preamble, sections)
    title = _title(list(preamble.paragraphs))
    signed_agency, published = _closing(paragraphs)
    period = None
    for text in paragraphs[:60]:
        match = _PERIOD.search(text)
        if match:
            y1, m1, d1, y2, m2, d2 = match.groups()
            period = [f"{int(y1):04d}-{int(m1):02d}-{int(d1):02d}", f"{int(y2 or y1):04d}-{int(m2):02d}-{int(d2):02d}"]
            break
    year_match = _YEAR.search(title or "")
    year = int(year_match.group(1)) if year_match else (int(period[0][:4]) if period else None)
    return {"title": title, "agency": signed_agency or _agency_from_title(title), "year": year,
            "published": published, "period": period, "template": template}
