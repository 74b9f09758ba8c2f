"""Test set-up shared by every test: offscreen Qt, a private cache, no sandbox as root.

The environment is set here, before anything imports Qt, so that the tests
need no display and no configuration of their own.
"""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
if hasattr(os, "geteuid") and os.geteuid() == 0:
    # QtWebEngine will not start as root with Chromium's sandbox on.
    os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
# Every test run builds its own map page instead of trusting a user's cache,
# and keeps its window layout out of the user's settings.
os.environ["KZVIEWER_CACHE_DIR"] = tempfile.mkdtemp(prefix="kzviewer-test-cache-")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="kzviewer-test-config-")
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="kzviewer-test-state-")


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """A cache of this test's own: what it reads is read, not found from an earlier test."""
    monkeypatch.setenv("KZVIEWER_CACHE_DIR", str(tmp_path / "cache"))
