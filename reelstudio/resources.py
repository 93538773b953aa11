"""Models and assets: where they live, and proof they are the files we shipped.

Lookup order for the models folder: $REELSTUDIO_MODELS_DIR, then the copy bundled next to
the package (a source checkout or a frozen app). Every model is checked against the sha256
in models/manifest.json before ONNX Runtime sees it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ModelError

_APP = "reelstudio"


def _bundle_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def models_dir() -> Path:
    env = os.environ.get("REELSTUDIO_MODELS_DIR")
    return Path(env) if env else _bundle_root() / "models"


def assets_dir() -> Path:
    return _bundle_root() / "assets"


def sample_reel() -> Path:
    return assets_dir() / "sample_reel.mp4"


def cache_dir() -> Path:
    env = os.environ.get("REELSTUDIO_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir(_APP, appauthor=False))


def data_dir() -> Path:
    env = os.environ.get("REELSTUDIO_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir(_APP, appauthor=False))


def log_dir() -> Path:
    env = os.environ.get("REELSTUDIO_LOG_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_log_dir(_APP, appauthor=False))


@dataclass(frozen=True)
class ModelEntry:
    name: str
    file: str
    sha256: str
    licence: str
    origin: str


def manifest_json() -> dict:
    """models/manifest.json as it is (ModelError if missing or unreadable)."""
    folder = models_dir()
    path = folder / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if not folder.is_dir():
            setting = " (set by REELSTUDIO_MODELS_DIR)" if os.environ.get("REELSTUDIO_MODELS_DIR") else ""
            raise ModelError(f"models folder missing: {folder}{setting}") from None
        raise ModelError(f"model manifest missing: {path}") from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"model manifest unreadable: {path} ({exc})") from None


def manifest() -> dict[str, ModelEntry]:
    raw = manifest_json()
    out = {}
    for m in raw.get("models", []):
        out[m["name"]] = ModelEntry(m["name"], m["file"], m["sha256"], m.get("licence", ""), m.get("origin", ""))
    return out


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


_verified: dict[tuple[str, int, int], str] = {}
_lock = threading.Lock()


def models_fingerprint() -> dict[str, str]:
    """Every model's sha256 as the manifest gives it (the ONNX models and each file of the
    package models), for cache keys: a changed model means changed lanes. Cheap: the
    manifest only; that the files match it is ``verify_file``'s job."""
    try:
        raw = manifest_json()
    except ModelError as exc:
        return {"manifest": f"unavailable: {exc}"}
    out = {m["name"]: m["sha256"] for m in raw.get("models", [])}
    for m in raw.get("package_models", []):
        for fname, meta in m.get("files", {}).items():
            out[f"{m['name']}/{fname}"] = meta["sha256"]
    return out


_STAMPS = "verified-models.json"


def _stamp_of(st: os.stat_result) -> list[int]:
    # ctime and inode as well: a byte changed in place and its mtime set back still changes
    # the ctime, which no user tool can set
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def verify_file(path: Path, sha256: str) -> bool:
    """True when ``path`` has the bytes of ``sha256``. Hashed once per change: a match is
    remembered in the cache folder against the file's size, mtime, ctime and inode, so a
    warm run does not re-read 145 MB of Whisper weights, and any change to the file (even
    one that puts its mtime back) is hashed again."""
    try:
        st = path.stat()
    except OSError:
        return False
    stamp = _stamp_of(st)
    store = cache_dir() / _STAMPS
    try:
        stamps = json.loads(store.read_text(encoding="utf-8"))
        if not isinstance(stamps, dict):
            stamps = {}
    except (OSError, ValueError):
        stamps = {}
    if stamps.get(str(path)) == [*stamp, sha256]:
        return True
    if sha256_of(path) != sha256:
        return False
    stamps[str(path)] = [*stamp, sha256]
    try:  # a stamp that cannot be written only costs a hash next time
        store.parent.mkdir(parents=True, exist_ok=True)
        tmp = store.with_name(f".{_STAMPS}.{os.getpid()}.{threading.get_ident()}")
        tmp.write_text(json.dumps(stamps), encoding="utf-8")
        os.replace(tmp, store)
    except OSError:
        pass
    return True


def model_path(name: str) -> Path:
    """The verified path of a bundled model; ModelError with the reason otherwise."""
    entries = manifest()
    if name not in entries:
        raise ModelError(f"model '{name}' is not in {models_dir() / 'manifest.json'}")
    entry = entries[name]
    path = models_dir() / entry.file
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ModelError(f"model file missing: {path} (run models/build_models.py to rebuild it)") from None
    key = (str(path), st.st_size, st.st_mtime_ns)
    with _lock:
        if _verified.get(key) != entry.sha256:
            if not verify_file(path, entry.sha256):
                raise ModelError(
                    f"model file {path} does not match its manifest sha256 {entry.sha256[:12]}... "
                    f"(damaged or replaced; rebuild with models/build_models.py)"
                )
            _verified[key] = entry.sha256
    return path


@lru_cache(maxsize=None)
def _session(path: str, threads: int):
    import onnxruntime as ort

    ort.disable_telemetry_events()  # the Windows (ETW) kind; ORT_DISABLE_TELEMETRY: see __init__.py
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.log_severity_level = 3
    # the arena stays on: without it every run maps and faults in its activations afresh
    # (CenterFace at 416x768: 59 -> 34 CPU-ms per run, TransNetV2's 250-frame window
    # 448 -> 367, PP-OCR det at 544x960 118 -> 90), for a few tens of MB kept per model
    # idle ORT threads must not spin: the decoder shares the same cores between model calls
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    # no memory pattern: with it the arena keeps one block sized for the whole plan's peak per
    # input shape; without, the tensors come from the arena as the run needs them. Same outputs
    # bit for bit; TransNetV2's 250-frame window 274 -> 185 MB after 20 runs, PP-OCR det 78 -> 55,
    # CenterFace and Silero unchanged; CPU per run within 1 % (TransNetV2, CenterFace) to 5 %
    # (PP-OCR det at 288x512), measured interleaved (issue 12: memory)
    opts.enable_mem_pattern = False
    return ort.InferenceSession(path, sess_options=opts, providers=["CPUExecutionProvider"])


def release_sessions() -> None:
    """Let the ONNX Runtime sessions go (the next analysis makes them again, 0.02-0.08 CPU-s
    each): their arenas, a few hundred MB, are handed back once no analyzer holds them."""
    _session.cache_clear()


def onnx_session(name: str, threads: int = 0):
    """An ONNX Runtime CPU session for a bundled, checksum-verified model."""
    path = model_path(name)
    # one thread per model by default: the pipeline runs its analyzers side by side, each in a
    # thread of its own, and one ONNX Runtime thread per model wastes least on sharing the
    # cores (CenterFace at 416x768: 32 CPU-ms per run on one thread, 40 on two)
    threads = threads or 1
    try:
        return _session(str(path), threads)
    except Exception as exc:  # onnxruntime raises its own types; say which model failed
        raise ModelError(f"model '{name}' cannot be loaded by ONNX Runtime: {exc}") from None
