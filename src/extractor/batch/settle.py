"""A second look at reports whose digits ran together beyond what their own arithmetic can split.

In a batch, last year's report of the same agency_id may leave exactly one cut of a 主动公开 run
(`行政规范性文件12345`) through the cross-year relations (relations.cross_year; template/settle.py decides). Such a
report is converted again with last year's numbers and its new part replaces the first; pairs are taken in year
order, so a year settled this way settles the next. Only reports with digits left open are looked at, and only
when a cross-year relation reads numbers last year printed and cells this year lacks.
"""
from __future__ import annotations

from pathlib import Path

from ..relations import cross_year
from .index import Index, unpack
from .worker import convert_file


def settle_from_last_year(index: Index, parts: Path, review: bool = False) -> None:
    numbers: dict[str, dict] = {}  # path → its cross-year numbers, as settled here
    for _, _, previous, current in index.consecutive():
        before = numbers.get(previous["path"]) or unpack(previous["summary"]["panel"])
        if not current["summary"].get("open_runs") or not _could_settle(before, unpack(current["summary"]["panel"])):
            continue
        outcome = convert_file(current["path"], str(parts), resume=True, review=review, last_year=before)
        if outcome.sha256 == current["sha256"] and outcome.status != "failed" and outcome.summary["panel"] != current["summary"]["panel"]:
            index.replace(current["seq"], outcome)
            numbers[current["path"]] = unpack(outcome.summary["panel"])


def _could_settle(before: dict, now: dict) -> bool:
    """Whether a cross-year relation reads only numbers of last year's and only cells missing this year."""
    for rel in cross_year():
        if all(before.get(t.ref) is not None if t.last_year else now.get(t.ref) is None for t in rel.terms):
            return True
    return False
