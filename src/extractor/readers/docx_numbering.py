"""Word's automatic list numbering → the label Word prints before a paragraph ("一、", "（一）", "1.").

A numbered paragraph names a list instance (w:num, by numId) and a level (ilvl), on itself or through its
paragraph style. The instance points at an abstract definition (w:abstractNum) whose w:lvl gives the start
value, number format and label template ("%1、", "（%2）"). Counters live per abstractNum, so instances sharing
one continue each other's numbering; an instance with a w:startOverride counts on its own (ECMA-376 §17.9).
"""
from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, replace

from lxml import etree

from .ooxml import MC_FALLBACK, PARSER, W, read_part, relationships

_VAL, _PPR, _NUMPR, _NUMID, _ILVL, _PSTYLE = W + "val", W + "pPr", W + "numPr", W + "numId", W + "ilvl", W + "pStyle"
_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")
# A label ending in CJK punctuation is followed directly by the text ("一、总体情况", "（一）工作情况");
# other labels get a space ("1. 总体情况", "(1) 工作").
_CLOSED = set("、，。．：；）】〕〉》」』")
_TRUE = (None, "1", "true", "on")  # an on/off property present without w:val is on


@dataclass(frozen=True, slots=True)
class _Level:
    start: int
    fmt: str
    text: str | None  # the lvlText template; None when absent (no label)
    suffix: str  # tab, space or nothing
    legal: bool  # w:isLgl: every %n shown as a decimal
    restart: int | None  # w:lvlRestart, one-based; None = restart after any earlier level


@dataclass(frozen=True, slots=True)
class _Instance:
    key: str  # whose counters it advances: the abstractNum's, or its own under a startOverride
    levels: tuple[_Level | None, ...]


class ListNumbering:
    """The list labels of one document; call `label` for every body paragraph, in document order."""

    def __init__(self, instances: dict[str, _Instance], styles: dict[str, tuple[str, int]], default_style: str | None):
        self._instances = instances
        self._styles = styles  # paragraph style id → (numId, ilvl), basedOn chains and pStyle links resolved
        self._default = default_style
        self._counters: dict[str, list[int]] = {}

    @classmethod
    def from_package(cls, package: zipfile.ZipFile, main_part: str, document_xml: bytes) -> ListNumbering | None:
        """The numbering of a package, or None when nothing in it can be numbered (checked on bytes before parsing).

        A missing or malformed numbering/styles part is treated as absent: the text then reads as before.
        """
        numbering_name, styles_name = _part_names(package, main_part)
        if numbering_name is None:
            return None
        try:
            # Numbering reaches a paragraph through its own numPr or through a style it names (pStyle); the
            # numbered *default* paragraph style, which needs neither, is too rare to parse styles.xml for.
            if b"numPr" not in document_xml and b"pStyle" not in document_xml:
                return None
            numbering_xml = read_part(package, numbering_name)
            styles_xml = read_part(package, styles_name) if styles_name else b""
            if b"numPr" not in document_xml and b"numPr" not in styles_xml and b"pStyle" not in numbering_xml:
                return None
            numbering = etree.fromstring(numbering_xml, PARSER)
            styles = etree.fromstring(styles_xml, PARSER) if styles_xml else None
        except (KeyError, OSError, EOFError, ValueError, RuntimeError, NotImplementedError, zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError):
            return None
        return _Definitions(numbering, styles).numbering()

    def label(self, p: etree._Element) -> str | None:
        """The label Word shows before paragraph `p`, with the separator to the text; None when unnumbered.

        Advances the counters, so each paragraph must be asked once, in document order. The separator follows
        w:suff: "nothing" gives none; tab (Word's default) and space give one space, except after a label that
        already ends in closing punctuation such as 、 or ）, where Word's tab only aligns the text.
        """
        ppr = p[0] if len(p) and p[0].tag == _PPR else None  # the schema puts w:pPr first
        num_id = ilvl = None
        style = self._default
        if ppr is not None:
            numpr = ppr.find(_NUMPR)
            if numpr is not None:
                num_id, ilvl = _val(numpr.find(_NUMID)), _int(numpr.find(_ILVL))
            pstyle = ppr.find(_PSTYLE)
            if pstyle is not None:
                style = pstyle.get(_VAL)
        inherited = self._styles.get(style) if style else None
        if inherited and num_id in (None, inherited[0]):
            num_id, ilvl = inherited[0], inherited[1] if ilvl is None else ilvl
        instance = self._instances.get(num_id) if num_id else None  # numId 0 is in no instance: "not numbered"
        ilvl = 0 if ilvl is None else ilvl
        if instance is None or not 0 <= ilvl < _LEVELS or instance.levels[ilvl] is None:
            return None
        level = instance.levels[ilvl]
        counters = self._advance(instance, ilvl)
        if level.fmt == "bullet" or not level.text:
            return None
        text = _PLACEHOLDER.sub(lambda m: _placeholder(instance, level, counters, int(m.group(1)) - 1), level.text).strip()
        if not text:
            return None
        return text if level.suffix == "nothing" or text[-1] in _CLOSED else text + " "

    def _advance(self, instance: _Instance, ilvl: int) -> list[int]:
        """Count one item at `ilvl` and restart the deeper levels that restart after it (w:lvlRestart)."""
        counters = self._counters.get(instance.key)
        if counters is None:
            counters = self._counters[instance.key] = [lv.start - 1 if lv else 0 for lv in instance.levels]
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, _LEVELS):
            level = instance.levels[deeper]
            if level is not None and ilvl < (deeper if level.restart is None or level.restart > deeper else level.restart):
                counters[deeper] = level.start - 1
        return counters


def _placeholder(instance: _Instance, level: _Level, counters: list[int], k: int) -> str:
    """%(k+1) of `level`'s template: level k's counter in level k's format (decimal under w:isLgl)."""
    referenced = instance.levels[k]
    if referenced is None:
        return ""
    fmt = "decimal" if level.legal and referenced.fmt not in ("none", "bullet") else referenced.fmt
    return format_number(counters[k], fmt) or ""


# --- number formats (ST_NumberFormat) ---

_CN_LOWER = ("〇一二三四五六七八九", ("", "十", "百", "千"))
_CN_LEGAL = ("零壹贰叁肆伍陆柒捌玖", ("", "拾", "佰", "仟"))
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _counting(n: int, digits: str, units: tuple[str, ...], zero: str | None, drop_one: str) -> str:
    """Ideographic counting below 10000: 21 → 二十一, 101 → 一百〇一 (zero=None: 百一).

    drop_one: "" keeps every 一 (壹拾), "head" drops a leading 一 before 十 (十一 but 一百一十), "all" drops 一
    before any unit (Japanese: 十, 百, 千).
    """
    if n <= 0 or n >= 10000:
        return digits[0] if n == 0 else str(n)
    parts: list[str] = []
    gap = False
    for pos, ch in zip(range(len(str(n)) - 1, -1, -1), str(n)):
        if ch == "0":
            gap = True
            continue
        if gap and parts and zero:
            parts.append(zero)
        gap = False
        drop = ch == "1" and pos > 0 and (drop_one == "all" or drop_one == "head" and pos == 1 and not parts)
        parts.append(units[pos] if drop else digits[int(ch)] + units[pos])
    return "".join(parts)


def format_number(n: int, fmt: str) -> str | None:
    """Counter `n` in Word number format `fmt`; "" for none, None for bullet. Unknown formats fall back to decimal."""
    if fmt == "bullet":
        return None
    if fmt == "none":
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _counting(n, *_CN_LOWER, zero="〇" if fmt == "chineseCounting" else "零", drop_one="head")
    if fmt == "japaneseCounting":
        return _counting(n, *_CN_LOWER, zero=None, drop_one="all")
    if fmt == "chineseLegalSimplified":
        return _counting(n, *_CN_LEGAL, zero="零", drop_one="")
    if fmt == "ideographDigital" and n >= 0:
        return "".join(_CN_LOWER[0][int(d)] for d in str(n))
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt in ("upperLetter", "lowerLetter") and n >= 1:
        letters = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word: …, Z, AA, BB
        return letters if fmt == "upperLetter" else letters.lower()
    if fmt in ("upperRoman", "lowerRoman") and 1 <= n < 4000:
        roman = ""
        for value, symbol in _ROMAN:
            roman += symbol * (n // value)
            n %= value
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


# --- parsing numbering.xml and styles.xml ---

def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(_VAL)


def _int(element: etree._Element | None, default: int | None = None, attribute: str = _VAL) -> int | None:
    value = None if element is None else element.get(attribute)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _part_names(package: zipfile.ZipFile, main_part: str) -> tuple[str | None, str | None]:
    """(numbering, styles) part names from the main part's relationships, else the conventional names."""
    names = set(package.namelist())
    found: dict[str, str] = {}
    for rel in relationships(package, main_part).values():
        if rel.kind in ("numbering", "styles") and not rel.external:
            found.setdefault(rel.kind, rel.target)
    folder = posixpath.dirname(main_part)
    picked = []
    for kind in ("numbering", "styles"):
        name = found.get(kind) if found.get(kind) in names else posixpath.join(folder, kind + ".xml")
        picked.append(name if name in names else None)
    return picked[0], picked[1]


def _level(lvl: etree._Element) -> _Level:
    fmt = lvl.find(W + "numFmt")
    if fmt is None:  # Word writes custom formats in mc:AlternateContent with a standard format as the fallback
        fmt = lvl.find(f".//{MC_FALLBACK}/{W}numFmt")
    text = lvl.find(W + "lvlText")
    legal = lvl.find(W + "isLgl")
    return _Level(
        start=_int(lvl.find(W + "start"), 0),  # ECMA-376: an absent w:start means 0
        fmt=_val(fmt) or "decimal",
        text=None if text is None or text.get(W + "null") in ("1", "true", "on") else text.get(_VAL),
        suffix=_val(lvl.find(W + "suff")) or "tab",
        legal=legal is not None and _val(legal) in _TRUE,
        restart=_int(lvl.find(W + "lvlRestart")),
    )


def _levels(parent: etree._Element) -> dict[int, etree._Element]:
    """The w:lvl children of an abstractNum by ilvl."""
    return {i: lvl for lvl in parent.iterfind(W + "lvl") if (i := _int(lvl, attribute=W + "ilvl")) is not None and 0 <= i < _LEVELS}


class _Definitions:
    """numbering.xml and styles.xml as lookups, resolved once into a ListNumbering."""

    def __init__(self, numbering: etree._Element, styles: etree._Element | None):
        self.abstracts = {a.get(W + "abstractNumId"): a for a in numbering.iterfind(W + "abstractNum")}
        self.nums = {n.get(W + "numId"): n for n in numbering.iterfind(W + "num")}
        self.numpr: dict[str, tuple[str | None, int | None]] = {}  # a style's own (numId, ilvl)
        self.based_on: dict[str, str] = {}
        self.default: str | None = None  # the default paragraph style
        for style in styles.iterfind(W + "style") if styles is not None else ():
            sid = style.get(W + "styleId")
            if not sid:
                continue
            if style.get(W + "type", "paragraph") == "paragraph" and style.get(W + "default") in ("1", "true", "on"):
                self.default = sid
            parent = _val(style.find(W + "basedOn"))
            if parent:
                self.based_on[sid] = parent
            numpr = style.find(f"{_PPR}/{_NUMPR}")
            if numpr is not None:
                self.numpr[sid] = (_val(numpr.find(_NUMID)), _int(numpr.find(_ILVL)))
        # A level may name a paragraph style (w:lvl/w:pStyle): paragraphs of that style sit at that level.
        self.linked: dict[str, tuple[str, int]] = {}
        for aid, abstract in self.abstracts.items():
            for i, lvl in _levels(abstract).items():
                sid = _val(lvl.find(_PSTYLE))
                if sid:
                    self.linked.setdefault(sid, (aid, i))

    def numbering(self) -> ListNumbering | None:
        instances = {num_id: inst for num_id in self.nums if num_id and (inst := self.instance(num_id))}
        if not instances:
            return None
        first_num: dict[str | None, str] = {}
        for num_id in instances:
            first_num.setdefault(self.abstract_of(num_id), num_id)
        styles = {}
        for sid in set(self.numpr) | set(self.linked) | set(self.based_on):
            found = self.style(sid, first_num)
            if found is not None and found[0] in instances:
                styles[sid] = found
        return ListNumbering(instances, styles, self.default)

    def abstract_of(self, num_id: str | None) -> str | None:
        """The abstractNum behind an instance, following numStyleLink → numbering style → that style's numId."""
        aid = _val(self.nums[num_id].find(W + "abstractNumId")) if num_id in self.nums else None
        for _ in range(4):
            link = _val(self.abstracts[aid].find(W + "numStyleLink")) if aid in self.abstracts else None
            if not link or link not in self.numpr:
                break
            target = self.numpr[link][0]
            aid = _val(self.nums[target].find(W + "abstractNumId")) if target in self.nums else None
        return aid if aid in self.abstracts else None

    def instance(self, num_id: str) -> _Instance | None:
        """A w:num: its abstractNum's levels with the w:lvlOverride replacements and start overrides applied."""
        aid = self.abstract_of(num_id)
        if aid is None:
            return None
        definitions = _levels(self.abstracts[aid])
        starts: dict[int, int] = {}
        for override in self.nums[num_id].iterfind(W + "lvlOverride"):
            i = _int(override, attribute=W + "ilvl")
            if i is None or not 0 <= i < _LEVELS:
                continue
            if (replaced := override.find(W + "lvl")) is not None:
                definitions[i] = replaced
            if (start := _int(override.find(W + "startOverride"))) is not None:
                starts[i] = start
        levels = [_level(definitions[i]) if i in definitions else None for i in range(_LEVELS)]
        for i, start in starts.items():
            if levels[i] is not None:
                levels[i] = replace(levels[i], start=start)
        return _Instance(f"num:{num_id}" if starts else f"abstract:{aid}", tuple(levels))

    def style(self, sid: str, first_num: dict[str | None, str]) -> tuple[str, int] | None:
        """(numId, ilvl) a paragraph style gives, inherited along basedOn; a numId of 0 switches numbering off.

        A style's numPr may carry only a numId: its level is then the one linked to the style by w:pStyle, else 0.
        A style without numPr that a level links to uses the first instance of that abstractNum.
        """
        ilvl = None
        seen = set()
        current: str | None = sid
        while current and current not in seen:
            seen.add(current)
            num_id, own_ilvl = self.numpr.get(current, (None, None))
            ilvl = own_ilvl if ilvl is None else ilvl
            link = self.linked.get(current)
            if num_id is not None:
                if ilvl is None:
                    ilvl = link[1] if link and link[0] == self.abstract_of(num_id) else 0
                return num_id, ilvl
            if link and link[0] in first_num:
                return first_num[link[0]], link[1] if ilvl is None else ilvl
            current = self.based_on.get(current)
        return None
