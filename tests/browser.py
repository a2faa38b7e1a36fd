"""Headless Chromium (Debian's `chromium` package) for tests of the review pages: the DOM after scripts ran,
and a screenshot. Tests skip with the reason when no chromium is installed."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-extensions", "--hide-scrollbars")


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("no chromium here: apt-get install -y chromium fonts-noto-cjk (.ci/run installs it)")
    return found


def _run(url: str, *args: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *args, url],
                              capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def dump_dom(path: Path, fragment: str = "") -> str:
    """The page's DOM as serialized after its scripts ran (`fragment` becomes the URL's #hash)."""
    return _run(path.resolve().as_uri() + (f"#{fragment}" if fragment else ""), "--dump-dom")


def screenshot(path: Path, png: Path, size: str = "1400,2400") -> Path:
    _run(path.resolve().as_uri(), f"--screenshot={png}", f"--window-size={size}")
    return png
