"""Colour from a frame's kept 4:2:0 planes, for a small part of the picture (Pictures.colour):
the R'G'B' of a caption's box without an RGB picture of the whole frame.

The matrix is the one the source is tagged with (BT.709, BT.2020; BT.601 when untagged or
tagged BT.601, as swscale does by default), the range the one the gray picture uses
('yuvj' formats full, others limited), so a neutral pixel's R'G'B' is the gray picture's level.
"""

from __future__ import annotations

import numpy as np

# (Kr, Kb) by FFmpeg's AVColorSpace: 1 BT.709, 9/10 BT.2020; the rest (2 unspecified,
# 5/6 BT.601) BT.601
_KR_KB = {1: (0.2126, 0.0722), 9: (0.2627, 0.0593), 10: (0.2627, 0.0593)}
BT601 = (0.299, 0.114)


def matrix_of(frame) -> tuple[float, float]:
    """(Kr, Kb) of a decoded PyAV frame, by its colour space tag."""
    return _KR_KB.get(int(getattr(frame, "colorspace", 2) or 2), BT601)


def _transform(kr_kb: tuple[float, float], full_range: bool) -> np.ndarray:
    """The 3x4 matrix taking 8-bit (Y, U, V, 1) to 8-bit (R', G', B')."""
    kr, kb = kr_kb
    kg = 1.0 - kr - kb
    ys, cs, y0 = (1.0, 1.0, 0.0) if full_range else (255.0 / 219.0, 255.0 / 224.0, 16.0)
    rows = [(ys, 0.0, cs * 2 * (1 - kr)),
            (ys, -cs * 2 * kb * (1 - kb) / kg, -cs * 2 * kr * (1 - kr) / kg),
            (ys, cs * 2 * (1 - kb), 0.0)]
    return np.array([[a, b, c, -a * y0 - (b + c) * 128.0] for a, b, c in rows], np.float32)


def rgb_crop(y: np.ndarray, u: np.ndarray, v: np.ndarray, size: tuple[int, int], box: tuple[int, int, int, int],
             kr_kb: tuple[float, float], full_range: bool) -> np.ndarray:
    """R'G'B' (uint8) of ``box`` (x0, y0, x1, y1) of the picture ``y`` scaled to ``size`` (w, h):
    the luma under it, the chroma under it (planes the luma's size) or upsampled bilinearly
    from one sample beyond it (planes half the luma's size, rounded up), one 3x4 transform
    (OpenCV rounds and clips), then area-scaled to the box when the planes are larger than
    the picture."""
    import cv2

    ph, pw = y.shape
    sx, sy = pw / size[0], ph / size[1]
    x0, y0, x1, y1 = box
    half = u.shape != y.shape
    # the luma rows and columns under the box (from an even one, so half-size chroma lines
    # up), and for planes larger than the picture a few beyond it, for the scaling at its edges
    mx, my = (0, 0) if (sx, sy) == (1.0, 1.0) else (2 * int(np.ceil(sx)), 2 * int(np.ceil(sy)))
    lx0, ly0 = max(0, int(x0 * sx) - mx), max(0, int(y0 * sy) - my)
    if half:
        lx0, ly0 = lx0 // 2 * 2, ly0 // 2 * 2
    lx1, ly1 = min(pw, int(np.ceil(x1 * sx)) + mx), min(ph, int(np.ceil(y1 * sy)) + my)
    w, h = lx1 - lx0, ly1 - ly0
    if half:
        ch, cw = u.shape
        cx0, cy0 = max(0, lx0 // 2 - 1), max(0, ly0 // 2 - 1)
        cx1, cy1 = min(cw, -(-lx1 // 2) + 1), min(ch, -(-ly1 // 2) + 1)
        up = (2 * (cx1 - cx0), 2 * (cy1 - cy0))
        ox, oy = lx0 - 2 * cx0, ly0 - 2 * cy0
        chroma = [cv2.resize(p[cy0:cy1, cx0:cx1], up, interpolation=cv2.INTER_LINEAR)[oy:oy + h, ox:ox + w]
                  for p in (u, v)]
    else:
        chroma = [np.ascontiguousarray(p[ly0:ly1, lx0:lx1]) for p in (u, v)]
    ycc = cv2.merge([np.ascontiguousarray(y[ly0:ly1, lx0:lx1]), *chroma])
    rgb = cv2.transform(ycc, _transform(kr_kb, full_range))
    bw, bh = x1 - x0, y1 - y0
    if (sx, sy) == (1.0, 1.0):
        return np.ascontiguousarray(rgb[y0 - ly0:y0 - ly0 + bh, x0 - lx0:x0 - lx0 + bw])
    # planes larger than the picture: the region area-scaled to about the picture's scale,
    # then each box pixel's centre found in it (a bilinear step of the remainder)
    rw, rh = max(1, round(w / sx)), max(1, round(h / sy))
    small = cv2.resize(rgb, (rw, rh), interpolation=cv2.INTER_AREA)
    kx, ky = sx * rw / w, sy * rh / h
    m = np.float32([[kx, 0, (x0 + 0.5) * kx - lx0 * rw / w - 0.5], [0, ky, (y0 + 0.5) * ky - ly0 * rh / h - 0.5]])
    return cv2.warpAffine(small, m, (bw, bh), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_REPLICATE)
