"""Agency identity across years and formats: one `agency_id` per body, never guessed.

1. A user crosswalk (CSV `name,agency_id[,region_code]`) always wins.
2. Otherwise a name is compared folded (width, spacing, bracket styles; 办公室/办公厅 kept distinct: panel.agency_key).
3. A name that is another's with the administrative prefix left off (洪泽区人民政府 vs 淮安市洪泽区人民政府) is the
   same body when the batch holds no competing candidate — every longer name ending so is one chain of
   prefixes (淮安市洪泽区…, 江苏省淮安市洪泽区…) — and its id is then marked `qualified` (inferred). With two
   candidates (淮安市财政局, 南京市财政局 for 财政局) nothing is merged and the candidates are listed.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import ExtractorError
from .panel import agency_key

# A prefix made only of administrative units: 江苏省, 淮安市, 洪泽区, 某某自治州, 某某县, 某某镇 …
_ADMINISTRATIVE = re.compile(r"^(?:[^省市区县州盟旗乡镇]{1,10}?(?:省|自治区|特别行政区|市|自治州|州|地区|盟|自治县|县|区|自治旗|旗|乡|镇|街道))+$")


@dataclass(frozen=True)
class Identity:
    agency_id: str
    source: str  # "crosswalk", "name" or "qualified"
    region_code: str = ""


@dataclass(frozen=True)
class Candidate:
    """A merge that was not made: `name` could be any of `ids`."""

    name: str
    ids: tuple[str, ...]


def read_crosswalk(path: str | Path) -> dict[str, tuple[str, str]]:
    """folded name → (agency_id, region_code) from a CSV with a header `name,agency_id[,region_code]`."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise ExtractorError("bad_argument", f"cannot read the agency crosswalk {path}: {exc.strerror or exc}") from exc
    if rows and not {"name", "agency_id"} <= set(rows[0]):
        raise ExtractorError("bad_argument", f"the agency crosswalk {path} needs the columns name,agency_id[,region_code]")
    return {agency_key(r["name"]): (r["agency_id"].strip(), (r.get("region_code") or "").strip())
            for r in rows if r.get("name") and r.get("agency_id")}


def identify(names: Iterable[str], crosswalk: dict[str, tuple[str, str]] | None = None) -> tuple[dict[str, Identity], list[Candidate]]:
    """Each name's Identity (keyed by the name as printed), and the merges left undecided."""
    crosswalk = crosswalk or {}
    printed = {name for name in names if name}
    keys = {agency_key(name) for name in printed}
    identities: dict[str, Identity] = {}
    undecided: dict[str, Candidate] = {}
    for name in sorted(printed):
        key = agency_key(name)
        if key in crosswalk:
            identities[name] = Identity(crosswalk[key][0], "crosswalk", crosswalk[key][1])
            continue
        longer = sorted((k for k in keys if k != key and k.endswith(key) and _ADMINISTRATIVE.match(k[: -len(key)])), key=len)
        if not longer:
            identities[name] = Identity(key, "name")
        elif all(longer[-1].endswith(k) for k in longer):  # one chain of prefixes: the fullest name stands for it
            full = longer[-1]
            identities[name] = Identity(crosswalk[full][0], "qualified", crosswalk[full][1]) if full in crosswalk else Identity(full, "qualified")
        else:
            identities[name] = Identity(key, "name")
            undecided[key] = Candidate(name, tuple(sorted(k for k in longer if not any(o != k and o.endswith(k) for o in longer))))
    return identities, list(undecided.values())
