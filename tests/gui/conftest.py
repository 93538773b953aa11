"""GUI tests run offscreen: the platform is chosen before any Qt import or QApplication."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_log_dir(tmp_path_factory, monkeypatch):
    """The app's error log goes to a per-test folder, not the user's."""
    monkeypatch.setenv("REELSTUDIO_LOG_DIR", str(tmp_path_factory.mktemp("logs")))
