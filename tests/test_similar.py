"""Copy-paste detection on generated narratives with planted copies: all found, nothing else."""
from __future__ import annotations

import random
import re

import reportgen
from extractor.diff import sentences
from extractor.similar import Narrative, find_similar, fold, narrative


def _edited(text: str, rng: random.Random, share: float) -> str:
    """The text with `share` of its sentences replaced by new ones."""
    parts = sentences(text)
    for i in rng.sample(range(len(parts)), max(1, round(share * len(parts)))):
        parts[i] = reportgen.narrative_sentence(rng)
    return "".join(parts)


def _batch(n: int = 300):
    """n reports of different agencies, then planted copies: verbatim from another agency, 10% of sentences
    edited, and the same agency's next year with every number changed."""
    rng = random.Random(7)
    agencies = [f"{rng.choice(reportgen.CITIES)}{rng.choice(reportgen.OFFICES)}{i}" for i in range(n)]
    items = [Narrative(f"r{i}", agencies[i], 2022, reportgen.random_narrative(rng, agencies[i])) for i in range(n)]
    planted = set()
    for i in range(0, 30, 3):
        source = items[i]
        copies = {"verbatim": dict(source.sections),
                  "edited": {k: _edited(v, rng, 0.1) for k, v in source.sections.items()},
                  "next_year": {k: re.sub(r"\d+", lambda m: str(int(m.group()) + 7), v) for k, v in source.sections.items()}}
        for kind, sections in copies.items():
            same = kind == "next_year"
            copy = Narrative(f"{kind}-of-r{i}", source.agency if same else f"copier{i}", 2023, sections)
            items.append(copy)
            planted.add((source.id, copy.id, same))
    return items, planted


def test_every_planted_copy_is_found_and_no_unrelated_pair():
    items, planted = _batch()
    pairs = find_similar(items)
    found = {(p.a, p.b, p.same_agency) for p in pairs}
    # copies of one source are also copies of each other; any other pair is a false alarm
    related = {(a, b) for a, *_ in planted for b in [c for s, c, _ in planted if s == a]}
    related |= {(x, y) for s in {a for a, *_ in planted} for x in [c for a, c, _ in planted if a == s]
                for y in [c for a, c, _ in planted if a == s] if x != y}
    assert planted <= found
    assert {(a, b) for a, b, _ in found} <= related | {(b, a) for a, b in related}
    overview = {(p.a, p.b) for p in pairs if p.section == "overview"}
    assert {(a, b) for a, b, _ in planted} <= overview
    for p in pairs:
        if p.b.startswith("verbatim") and p.section == "overview":
            assert p.similarity == 1.0
        if p.b.startswith("edited") and p.section == "overview":
            assert 0.6 <= p.similarity < 1.0
        assert p.passage and "根据《中华人民共和国政府信息公开条例》" not in p.passage  # the opening is boilerplate
        assert p.passage in next(i for i in items if i.id == p.a).sections[p.section]


def test_boilerplate_alone_makes_no_pair():
    rng = random.Random(3)
    opening = reportgen.OPENING.format(agency="某某局")
    assert fold(opening + "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。")[0] == ""
    # 200 reports that share only the template's sentences and the generic phrases, never a passage of their own
    items = [Narrative(f"r{i}", f"a{i}", 2022, {"overview": opening + "".join(reportgen.sentence(rng) for _ in range(15))})
             for i in range(200)]
    assert find_similar(items) == []


def test_narrative_from_a_report_json(seed_docx_report):
    item = narrative(seed_docx_report.to_dict())
    assert item.agency == "江岸区人民政府二七街道办事处" and item.year == 2021
    assert set(item.sections) == {"overview", "problems", "other"}
    assert "强化政府网站公开能力建设" in item.sections["overview"]  # a sub-section's title and text belong to 一
