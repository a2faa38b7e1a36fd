"""The template's vocabulary (keys.tsv, aliases.tsv, cells.tsv) and the matching of printed labels to keys.

Printed labels vary in width, spacing, line breaks, numbering and quote marks; `normalize_label` folds all of
that away so that one alias line covers every spelling. Matching is exact on the folded text (then once more
with a trailing parenthetical removed) — never by prefix or similarity, so an unknown label is reported,
not guessed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

TABLES = ("active_disclosure", "applications", "review_litigation")
_MEMO_LIMIT = 50_000

# A numbering prefix: 一、 （一） (一) 1. 1、 1． (1) ①; folded to half width before this runs.
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)[、.]?|\d{1,2}(?:[、.](?!\d)|\))|\(\d{1,2}\)[、.]?|[①-⑳])")
_DROP = re.compile(r"[\s\"'“”‘’「」『』/]")
_TRAILING = re.compile(r"[:：。；;,，]+$")
_PARENTHETICAL = re.compile(r"\([^()]*\)$")


@lru_cache(maxsize=16384)
def normalize_label(text: str) -> str:
    """Fold a printed label to the form aliases are compared in."""
    folded = unicodedata.normalize("NFKC", text)
    folded = _DROP.sub("", folded)
    folded = _NUMBERING.sub("", folded, count=1)
    return _TRAILING.sub("", folded)


@lru_cache(maxsize=16384)
def display_label(text: str) -> str:
    """A printed label for output: whitespace collapsed, line breaks between CJK characters removed."""
    text = re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", text.replace("\u3000", " "))
    return " ".join(text.split())


@dataclass(frozen=True)
class Key:
    table: str
    axis: str
    key: str
    templates: frozenset[str]
    label: str


def _rows(name: str):
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: there is one, and it memoizes lookups
class Vocabulary:
    keys: dict[tuple[str, str, str], Key]  # (table, axis, key) → Key; leaves only
    lookup: dict[tuple[str, str, str], frozenset[str]]  # (table, axis, folded label) → keys (leaves or groups)
    active_columns: dict[tuple[str, str], tuple[str, ...]]  # (template, row) → columns
    _matches: dict[tuple[str, str, str], frozenset[str]] = field(default_factory=dict)
    _cells: dict[tuple[str, str], tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def match(self, table: str, axis: str, label: str) -> frozenset[str]:
        """Keys (leaf or group) that a printed label names in this table and axis; empty when none."""
        memo = (table, axis, label)
        if memo not in self._matches:
            if len(self._matches) > _MEMO_LIMIT:  # a batch meets endless label spellings: keep memory bounded
                self._matches.clear()
            self._matches[memo] = self._match(table, axis, label)
        return self._matches[memo]

    def _match(self, table: str, axis: str, label: str) -> frozenset[str]:
        folded = normalize_label(label)
        found = self.lookup.get((table, axis, folded))
        if found is None and folded.endswith(")"):
            found = self.lookup.get((table, axis, _PARENTHETICAL.sub("", folded)))
        return found or frozenset()

    def nearest(self, table: str, axis: str, label: str) -> str | None:
        """The one alias a label is a single typo away from (a character missing, extra or wrong), or None.

        Only for labels of six or more characters, and only when exactly one key is that close: a label that
        differs more, or that is as close to two keys, stays unknown.
        """
        folded = normalize_label(label)
        if len(folded) < 6:
            return None
        close = {keys_alias for keys_alias in self._aliases(table, axis) if _one_edit(folded, keys_alias[1])}
        keys = {key for key, _ in close}
        return next(iter(close))[1] if len(keys) == 1 else None

    def _aliases(self, table: str, axis: str) -> list[tuple[frozenset[str], str]]:
        return [(keys, folded) for (t, a, folded), keys in self.lookup.items() if t == table and a == axis]

    def tables_naming(self, label: str) -> set[str]:
        """The standard tables in which a label is known (in either axis)."""
        return {t for t in TABLES for axis in ("row", "column") if self.match(t, axis, label)}

    def _meets(self, table: str, row: str, column: str, template: str) -> bool:
        row_key = self.keys.get((table, "row", row))
        col_key = self.keys.get((table, "column", column))
        if row_key is None or col_key is None or template not in row_key.templates & col_key.templates:
            return False
        if table == "active_disclosure":
            return column in self.active_columns.get((template, row), ())
        return True

    def keys_of(self, table: str, axis: str) -> tuple[str, ...]:
        """A table's row or column keys, in the order keys.tsv lists them (the printed order)."""
        return tuple(k.key for k in self.keys.values() if k.table == table and k.axis == axis)

    def cells(self, table: str, template: str) -> tuple[tuple[str, str], ...]:
        """Every (row, column) of a table in a template, in printed order."""
        if (table, template) not in self._cells:
            self._cells[(table, template)] = tuple((r, c) for r in self.keys_of(table, "row") for c in self.keys_of(table, "column")
                                                   if self._meets(table, r, c, template))
        return self._cells[(table, template)]


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by exactly one inserted, deleted or replaced character."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    keys: dict[tuple[str, str, str], Key] = {}
    lookup: dict[tuple[str, str, str], set[str]] = {}
    for table, axis, key, templates, label in _rows("keys.tsv"):
        keys[(table, axis, key)] = Key(table, axis, key, frozenset(templates.split(",")), label)
        lookup.setdefault((table, axis, normalize_label(label)), set()).add(key)
    for table, axis, key, alias in _rows("aliases.tsv"):
        lookup.setdefault((table, axis, normalize_label(alias)), set()).add(key)
    active = {(template, row): tuple(cols.split(",")) for template, row, cols in _rows("cells.tsv")}
    return Vocabulary(keys, {k: frozenset(v) for k, v in lookup.items()}, active)


def resolve(vocab: Vocabulary, table: str, axis: str, labels: list[str]) -> tuple[str | None, str | None]:
    """The key named by a label path (outermost first) and, when it fails, the label that was not understood.

    The innermost label decides; outer labels only choose between its candidates (其他 under 其他处理 is
    results.other.other). An innermost label that names nothing fails, even when an outer one is known.
    """
    named = [label for label in labels if normalize_label(label)]
    if not named:
        return None, None
    candidates = vocab.match(table, axis, named[-1])
    if not candidates:
        return None, named[-1]
    if len(candidates) == 1:
        return next(iter(candidates)), None
    context = set().union(*(vocab.match(table, axis, label) for label in named[:-1])) if len(named) > 1 else set()
    fitting = [c for c in candidates if any(c.startswith(p + ".") for p in context)]
    return (fitting[0], None) if len(fitting) == 1 else (None, named[-1])
