"""The template's vocabulary: its six section titles and which section a title names; its table labels
(template/keys.tsv, aliases.tsv, cells.tsv) and the matching of printed labels to keys.

A floor every stage may read, readers included: it imports only grammar.py. The TSV files stay in template/,
beside the stage that reads tables with them; this module is the one place that loads them.

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

from .grammar import LABEL_NUMBERING, within_one_edit

# ---------------------------------------------------------------- section titles

# The template's six sections: ordinal, key, title (compared without spaces and punctuation) — the template's
# own titles first, then the variants reports print (the 2019 format's, shortened or reworded ones).
TEMPLATE_SECTIONS: tuple[tuple[int, str, str], ...] = (
    (1, "overview", "总体情况"),
    (2, "active_disclosure", "主动公开政府信息情况"),
    (3, "applications", "收到和处理政府信息公开申请情况"),
    (4, "review_litigation", "政府信息公开行政复议行政诉讼情况"),
    (5, "problems", "存在的主要问题及改进情况"),
    (6, "other", "其他需要报告的事项"),
    (4, "review_litigation", "因政府信息公开申请行政复议提起行政诉讼的情况"),
    (4, "review_litigation", "因政府信息公开申请提起行政复议行政诉讼的情况"),
    (5, "problems", "政府信息公开工作存在的主要问题及改进情况"),
    (5, "problems", "存在的主要问题及改进措施"),
    (5, "problems", "存在问题及改进情况"),
    (5, "problems", "存在的问题及改进情况"),
    (5, "problems", "存在的问题及改进措施"),
)
_PUNCTUATION = re.compile(r"[\s、，,。.．:：;；（）()“”\"]")


# A title also names a template section when one character is added, left out or mistyped
# (因政府信息公开申请行政法复议…), for titles of at least this many characters (总体情况 ≠ 具体情况).
TOLERANT_LENGTH = 8


def fold_title(title: str) -> str:
    """A title as TEMPLATE_SECTIONS spells it: without spaces and punctuation."""
    return _PUNCTUATION.sub("", title)


def template_section(title: str, exact: bool = False) -> tuple[int, str] | None:
    """(ordinal, key) of the template section a title names: the title itself when `exact`; else any text
    holding one, up to one character off for a long one. None when it names none."""
    folded = fold_title(title)
    for ordinal, key, template_title in TEMPLATE_SECTIONS:
        if folded == template_title or (not exact and template_title in folded):
            return ordinal, key
    if exact:
        return None
    return next(((ordinal, key) for ordinal, key, template_title in TEMPLATE_SECTIONS
                 if len(template_title) >= TOLERANT_LENGTH and _holds_within_one_edit(folded, template_title)), None)


def _holds_within_one_edit(folded: str, title: str) -> bool:
    """Whether `folded` holds `title`, up to one character added, left out or changed."""
    return any(within_one_edit(folded[start:start + size], title)
               for size in (len(title) - 1, len(title), len(title) + 1) for start in range(len(folded) - size + 1))


# ---------------------------------------------------------------- table labels

TABLES = ("active_disclosure", "applications", "review_litigation")
_MEMO_LIMIT = 50_000

_DROP = re.compile(r"[\s\"'“”‘’「」『』/]")
_TRAILING = re.compile(r"[:：。；;,，]+$")
_PARENTHETICAL = re.compile(r"\([^()]*\)$")


@lru_cache(maxsize=16384)
def normalize_label(text: str) -> str:
    """Fold a printed label to the form aliases are compared in."""
    folded = unicodedata.normalize("NFKC", text)
    folded = _DROP.sub("", folded)
    folded = LABEL_NUMBERING.sub("", folded, count=1)
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


def rows(name: str):
    """The fields of each line of one of template/'s TSV files, comments and blank lines left out."""
    text = resources.files(__package__).joinpath("template").joinpath(name).read_text(encoding="utf-8")
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
        close = {keys_alias for keys_alias in self._aliases(table, axis) if one_edit(folded, keys_alias[1])}
        keys = {key for key, _ in close}
        return next(iter(close))[1] if len(keys) == 1 else None

    def _aliases(self, table: str, axis: str) -> list[tuple[frozenset[str], str]]:
        return [(keys, folded) for (t, a, folded), keys in self.lookup.items() if t == table and a == axis]

    def folded_labels(self, axis: str | None = None) -> frozenset[str]:
        """Every label the vocabulary knows, printed or alias, folded (normalize_label); of one axis when given."""
        return frozenset(label for (_, label_axis, label) in self.lookup if axis in (None, label_axis))

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


def one_edit(a: str, b: str) -> bool:
    """True when a and b differ by exactly one inserted, deleted or replaced character."""
    return a != b and within_one_edit(a, b)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    keys: dict[tuple[str, str, str], Key] = {}
    lookup: dict[tuple[str, str, str], set[str]] = {}
    for table, axis, key, templates, label in rows("keys.tsv"):
        keys[(table, axis, key)] = Key(table, axis, key, frozenset(templates.split(",")), label)
        lookup.setdefault((table, axis, normalize_label(label)), set()).add(key)
    for table, axis, key, alias in rows("aliases.tsv"):
        lookup.setdefault((table, axis, normalize_label(alias)), set()).add(key)
    active = {(template, row): tuple(cols.split(",")) for template, row, cols in rows("cells.tsv")}
    return Vocabulary(keys, {k: frozenset(v) for k, v in lookup.items()}, active)
