"""The README says what the code does: its list of error codes is exactly the codes the code can raise."""
from __future__ import annotations

import re

from conftest import ROOT

SRC = ROOT / "src" / "extractor"
# Every way a code leaves the code: an ExtractorError, or a batch outcome made from a code.
RAISED = re.compile(r'ExtractorError\(\s*"(\w+)"|(?:failed|failure)\(path, "(\w+)"|outcome\.error_code, outcome\.error = "(\w+)"')


def _raised() -> set[str]:
    codes = set()
    for path in SRC.rglob("*.py"):
        for match in RAISED.finditer(path.read_text(encoding="utf-8")):
            codes.add(next(group for group in match.groups() if group))
    return codes


def _documented() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| code | what it means |"):]
    table = table[:table.index("\n\n")]
    return {code for line in table.splitlines()[2:] for code in re.findall(r"`(\w+)`", line.split("|")[1])}


def test_the_readme_lists_every_error_code_the_code_raises_and_no_other():
    raised, documented = _raised(), _documented()
    assert len(raised) > 20
    assert raised == documented, (sorted(raised - documented), sorted(documented - raised))
