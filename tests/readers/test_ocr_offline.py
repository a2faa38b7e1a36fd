"""A scan converts with the network cut off: the OCR models ship inside the [ocr] extra's wheel, nothing is fetched.

The command runs in a child process whose sockets refuse to connect (a sitecustomize installed for it alone), with
an empty HOME so no model cached by an earlier run can be found; where the machine allows it (root, Linux) the
child also gets a network namespace of its own with no interface (`unshare -n`).
"""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys

import pytest

import reportgen
import scangen

_NO_NETWORK = '''
import socket

def _refuse(*args, **kwargs):
    raise OSError("network access attempted while converting a report offline")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
'''


def _unshare() -> list[str]:
    tool = shutil.which("unshare")
    if tool and subprocess.run([tool, "-n", "true"], capture_output=True).returncode == 0:
        return [tool, "-n"]
    return []


def test_a_scanned_report_converts_with_the_network_cut_off(tmp_path):
    pytest.importorskip("rapidocr_onnxruntime", reason="the OCR reader needs its extra (pip install 'extractor[ocr]')")
    if scangen.cjk_font_path() is None:
        pytest.skip("no CJK font to draw test pages with (apt-get install fonts-noto-cjk)")
    report = reportgen.random_report(random.Random(11), "2021")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scangen.scan_pdf(report, seed=11, only_tables=True))
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(_NO_NETWORK, encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(guard), os.environ.get("PYTHONPATH", "")]),
           "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    out = tmp_path / "scan.json"
    done = subprocess.run([*_unshare(), sys.executable, "-m", "extractor", str(scan), "-o", str(out), "--quiet"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "network access attempted" not in done.stderr
    parsed = json.loads(out.read_text(encoding="utf-8"))
    read = {(t, c["row"], c["column"]): c for t, cells in parsed["tables"].items() for c in cells if c["raw"]}
    assert len(read) >= 0.95 * len(report.values)  # the accuracy bar itself is held by test_ocr.py
    assert all(c["source"]["ocr"] is True for c in read.values())
    assert not any(home.rglob("*.onnx"))  # no model was fetched into a cache
