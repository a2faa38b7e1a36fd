"""The small grammar every stage reads reports with: Chinese numerals, dates, the numbering of headings and
labels, the tokens of a value cell, and the report's title line.

The lowest floor of the package: it imports nothing from it, so readers, the segmenter and metadata share it.
"""
from __future__ import annotations

import re

# ---------------------------------------------------------------- numerals

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}  # ○ (U+25CB): Word's zero


def numeral_value(number: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 7 → 7, ③ → 3; an unknown numeral counts 0."""
    if number.isdigit() and number.isascii():
        return int(number)
    if "①" <= number <= "⑳":
        return ord(number) - ord("①") + 1
    if "十" in number:
        tens, _, units = number.partition("十")
        return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(units, 0)
    return _CN_DIGITS.get(number, 0)


# ---------------------------------------------------------------- value cells

# A number as a table prints it: sign, digits with or without thousands separators, decimals; groups: sign,
# digits, decimals. NUMBER_TOKEN is the looser form a line of text prints (separators not checked).
NUMBER = r"([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
NUMBER_TOKEN = r"[-+]?\d[\d,]*(?:\.\d+)?"
# What a cell prints for "not applicable" (compared folded to half width and lower case): blank is another state.
NA_TOKENS = frozenset({"/", "-", "—", "——", "–", "－", "无", "不涉及", "n/a", "na", "\\"})
# Units a count or an amount may carry in its cell.
COUNT_UNITS = ("件", "个", "条", "项", "次", "人次", "宗", "起")
AMOUNT_UNITS = ("万元",)


# ---------------------------------------------------------------- dates

YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# 2022年1月20日 (spaces allowed between the parts), 二〇二二年一月二十日 (or 二○二二…) and 2022-01-20 (2022/1/20,
# 2022.01.20: a web page's or crawler's timestamp, and some signatures); groups: year, month, day.
DATE = r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
CN_DATE = r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"
_ISO = r"((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)"
ANY_DATE = rf"(?:{DATE}|{CN_DATE}|{_ISO})"
DATE_LINE = re.compile(rf"\s*{ANY_DATE}\s*")  # fullmatch: a date alone on its line (a signature's)
ANY_DATE_IN = re.compile(ANY_DATE)  # search: the first date of a line (发布时间：2022年02月08日 10:00)
# A statistical period: 自2021年1月1日起至2021年12月31日止, 2019年9月1日至12月31日.
PERIOD = re.compile(DATE + r"\s*(?:起)?\s*(?:至|到|—|-|～|~)\s*(?:((?:19|20)\d{2})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# Full-width digits (２０２２年１月２０日, common in Word documents) read as ASCII ones before dates are matched.
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULL_WIDTH_DIGIT = re.compile("[０-９]")


def ascii_digits(text: str) -> str:
    """`text` with its full-width digits as ASCII ones (translated only when it has one: translate is slow on CJK)."""
    return text.translate(_ASCII_DIGITS) if _FULL_WIDTH_DIGIT.search(text) else text


def iso_date(year: int, month: int, day: int) -> str | None:
    """YYYY-MM-DD, or None when the month or day cannot be one."""
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def date_of(groups: tuple[str | None, ...]) -> str | None:
    """The ISO date of an ANY_DATE match's nine groups (Arabic year, month, day, the Chinese ones, the ISO ones)."""
    y, m, d, cy, cm, cd, iy, im, idd = groups
    if y or iy:
        return iso_date(int(y or iy), int(m or im), int(d or idd))
    return iso_date(int("".join(str(_CN_DIGITS[c]) for c in cy)), numeral_value(cm), numeral_value(cd))


# ---------------------------------------------------------------- the report's title

_SPACES = re.compile(r"\s+")
# What a conversion, a Markdown export or an attachment puts before the title: "# ", "正文：", "正文 ", "附件1",
# and the 《 of a title printed in book-title marks (its 》 follows 报告, where the title ends).
_TITLE_PREFIX = re.compile(r"^(?:#{1,6}\s*|正文\s*[:：]?\s*|附件\s*\d*\s*[:：]?\s*|《)+")
# A title ends at 报告/年报; a sentence (。，《 …) is never a title.
_TITLE_END = re.compile(r"报告|年报")
_NOT_TITLE = re.compile(r"[。，,；;：:！？!?《》“”]")
_MAX_TITLE = 80
_SCAN = 2 * _MAX_TITLE  # of a line running on into the text, only its head can hold the title


def clean_title(text: str) -> str:
    """A title as printed, without the spaces that break it or a Markdown/conversion prefix."""
    return _SPACES.sub("", _TITLE_PREFIX.sub("", text.strip()))


def title_from(lines: list[str]) -> str | None:
    """The report's title from its first lines: up to four short lines joined until one names 报告/年报
    (二七街道2021年政府信息公开工作 / 年度报告), or the head of a line that runs on into the text
    (…年度报告 根据《条例》…). None when the first lines hold no such title."""
    parts: list[str] = []
    for line in lines[:4]:
        line = line[:_SCAN]
        line = clean_title(line) if not parts else _SPACES.sub("", line)
        if not line:
            continue
        end = _TITLE_END.search(line)
        head = line[: end.end()] if end else line
        if _NOT_TITLE.search(head) or len("".join(parts) + head) > _MAX_TITLE:
            return None
        parts.append(head)
        if end:
            return "".join(parts)
    return None


# ---------------------------------------------------------------- numbering

# The numbering grammar: 一、 （一） 1. （1） ①. Reports mix full- and half-width brackets and delimiters, so each
# piece accepts both; every numbering pattern (the ones below, segment/inline.py's) is built from these pieces.
CN_NUMBER = "[一二三四五六七八九十]"
CIRCLED = "[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]"
OPEN, CLOSE = "[（(]", "[）)]"
DELIMITER = "[、．.]"  # after a number: 一、 1. 1．
ARABIC_DELIMITER = r"(?:[、．]|\.(?!\d))"  # after an Arabic number: 1、 1． 1. but not the point of 1.5

# Headings: style, level, pattern (group 1 = the number as printed).
HEADING_STYLES: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("cn-dun", 1, re.compile(rf"^({CN_NUMBER}{{1,3}})\s*{DELIMITER}\s*")),
    ("cn-paren", 2, re.compile(rf"^{OPEN}\s*({CN_NUMBER}{{1,3}})\s*{CLOSE}\s*{DELIMITER}?\s*")),
    ("arabic-dot", 3, re.compile(rf"^(\d{{1,2}})\s*{ARABIC_DELIMITER}\s*")),
    ("arabic-paren", 4, re.compile(rf"^{OPEN}\s*(\d{{1,2}})\s*{CLOSE}\s*{DELIMITER}?\s*")),
    ("circled", 5, re.compile(rf"^({CIRCLED})\s*")),
)
# The numbering a table label opens with, once spaces are dropped and it is folded to half width (1) counts too).
LABEL_NUMBERING = re.compile(rf"^(?:{CN_NUMBER}+{DELIMITER}|{OPEN}{CN_NUMBER}+{CLOSE}{DELIMITER}?"
                             rf"|\d{{1,2}}(?:{DELIMITER}(?!\d)|{CLOSE})|{OPEN}\d{{1,2}}{CLOSE}{DELIMITER}?|{CIRCLED})")
# Where a label printed with its group's labels (三、本年度办理结果（一）予以公开) splits into them: before each number.
LABEL_PARTS = re.compile(rf"(?=(?:{CN_NUMBER}+、|{OPEN}{CN_NUMBER}+{CLOSE}|\d{{1,2}}{DELIMITER}(?!\d)))")

# Every heading starts with one of these characters: other paragraphs skip the patterns.
HEADING_STARTS = frozenset("一二三四五六七八九十（(0123456789①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")


def starts_with_heading_number(text: str) -> bool:
    """Whether a line opens with a heading number of any style (一、 （一） 1. （1） ①)."""
    return text[:1] in HEADING_STARTS and any(pattern.match(text) for _, _, pattern in HEADING_STYLES)


# ---------------------------------------------------------------- near misses


def within_one_edit(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by adding, leaving out or changing at most one character."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]
