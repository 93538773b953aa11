"""Loudness per ITU-R BS.1770-4 / EBU R128, streamed over the decoded audio.

Integrated loudness (absolute gate -70 LUFS, relative gate -10 LU), loudness range
(EBU Tech 3342: short-term values, gates -70 LUFS and -20 LU, 10th to 95th percentile),
true peak (4x oversampling below 96 kHz), momentary (400 ms) and short-term (3 s) curves
on a 100 ms hop, and silence intervals.
"""

from __future__ import annotations

import math

import numpy as np

from .base import AudioAnalyzer, Lane, runs

HOP_S = 0.1
_ABS_GATE = -70.0
# BS.1770-4 channel weights: surround channels +1.5 dB, LFE left out
_SURROUND = {"BL", "BR", "SL", "SR", "BC", "TBL", "TBR"}


def k_weighting_sos(rate: int) -> np.ndarray:
    """The two K-weighting biquads for ``rate``, as second-order sections (libebur128's design)."""
    f0, gain_db, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / rate)
    vh = 10 ** (gain_db / 20)
    vb = vh ** 0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = [(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
             1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0]
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / rate)
    a0 = 1 + k / q + k * k
    highpass = [1.0, -2.0, 1.0, 1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0]
    return np.array([shelf, highpass], dtype=np.float64)


def _lufs(power: np.ndarray | float) -> np.ndarray | float:
    with np.errstate(divide="ignore"):
        return -0.691 + 10 * np.log10(power)


class LoudnessAnalyzer(AudioAnalyzer):
    name = "loudness"
    version = 1
    lanes = ("loudness", "silence")

    def __init__(self, silence_floor_lufs: float = -45.0, silence_below_integrated_lu: float = 20.0,
                 silence_min_s: float = 0.5, segment_s: float = 1.0):
        self.silence_floor_lufs = silence_floor_lufs
        self.silence_below_integrated_lu = silence_below_integrated_lu
        self.silence_min_s = silence_min_s
        self.segment_s = segment_s

    def params(self) -> dict:
        return dict(silence_floor_lufs=self.silence_floor_lufs,
                    silence_below_integrated_lu=self.silence_below_integrated_lu,
                    silence_min_s=self.silence_min_s)

    def start(self, info) -> None:
        super().start(info)
        self._rate = None
        self._pending: list[np.ndarray] = []
        self._pending_len = 0
        self._blocks: list[np.ndarray] = []  # per-100 ms weighted mean-square
        self._leftover = None  # K-weighted squares not yet filling a 100 ms block
        self._tail = None  # raw samples kept for the true-peak filter's look-back
        self._peak = 0.0
        self._sample_peak = 0.0

    def _setup(self, chunk) -> None:
        from scipy.signal import sosfilt_zi

        self._rate = chunk.rate
        self._names = chunk.channels
        self._weights = np.array([0.0 if c == "LFE" else (1.41 if c in _SURROUND else 1.0) for c in self._names])
        self._sos = k_weighting_sos(chunk.rate)
        zi = sosfilt_zi(self._sos)  # (sections, 2)
        self._zi = np.zeros((zi.shape[0], len(self._names), zi.shape[1]))  # (sections, channels, 2)
        self._block = int(round(chunk.rate * HOP_S))
        self._oversample = 4 if chunk.rate < 96000 else (2 if chunk.rate < 192000 else 1)
        self._margin = 64

    def feed(self, chunk) -> None:
        if chunk.samples.shape[1] == 0:
            return
        if self._rate is None:
            self._setup(chunk)
        self._pending.append(chunk.samples)
        self._pending_len += chunk.samples.shape[1]
        if self._pending_len >= self._rate * self.segment_s:
            self._process(final=False)

    def _process(self, final: bool) -> None:
        from scipy.signal import resample_poly, sosfilt

        if not self._pending:
            if final and self._tail is not None:
                self._true_peak(np.zeros((self._tail.shape[0], 0), np.float32), final=True, resample_poly=resample_poly)
            return
        seg = np.concatenate(self._pending, axis=1).astype(np.float64)
        self._pending, self._pending_len = [], 0
        self._sample_peak = max(self._sample_peak, float(np.abs(seg).max(initial=0.0)))

        filtered, self._zi = sosfilt(self._sos, seg, axis=1, zi=self._zi)
        sq = filtered * filtered
        if self._leftover is not None:
            sq = np.concatenate([self._leftover, sq], axis=1)
        whole = sq.shape[1] // self._block * self._block
        if whole:
            per_block = sq[:, :whole].reshape(sq.shape[0], -1, self._block).mean(axis=2)  # (ch, blocks)
            self._blocks.append(per_block.T)
        self._leftover = sq[:, whole:]
        self._true_peak(seg, final, resample_poly)

    def _true_peak(self, seg: np.ndarray, final: bool, resample_poly) -> None:
        """Oversampled peak over segments that overlap by 2 x margin, so no sample is missed."""
        up, m = self._oversample, self._margin
        x = seg if self._tail is None else np.concatenate([self._tail, seg], axis=1)
        if up == 1:
            self._peak = max(self._peak, float(np.abs(seg).max(initial=0.0)))
            return
        lead = 0 if self._tail is None else m
        # outputs within `m` samples of the segment's end wait for the next segment's samples;
        # at the very end they would only show the filter ringing on the cut-off, which the
        # reference meters (libebur128, FFmpeg) never flush either: there the samples count
        keep = slice(lead * up, max(lead * up, (x.shape[1] - m) * up))
        if x.shape[1]:
            over = resample_poly(x, up, 1, axis=1)
            part = over[:, keep]
            if part.size:
                self._peak = max(self._peak, float(np.abs(part).max()))
        if final:
            self._peak = max(self._peak, float(np.abs(x[:, -m:]).max(initial=0.0)))
        self._tail = x[:, -2 * m:] if x.shape[1] >= 2 * m else x

    def finish(self) -> list[Lane]:
        if self._rate is None:
            reason = "no audio track" if not self.info.has_audio else "the audio track holds no samples"
            return [Lane.unavailable("loudness", reason), Lane.unavailable("silence", reason)]
        self._process(final=True)
        if self._leftover is not None and self._leftover.shape[1] >= self._block // 2:
            # a trailing partial block still counts toward the last moment of the clip
            self._blocks.append(self._leftover.mean(axis=1)[None, :])
        blocks = np.concatenate(self._blocks, axis=0) if self._blocks else np.zeros((0, len(self._names)))
        power = blocks @ self._weights  # channel-weighted mean square per 100 ms
        momentary = self._sliding(power, 4)
        short_term = self._sliding(power, 30)
        integrated = self._integrated(momentary)
        lra = self._range(short_term)
        true_peak = 20 * math.log10(self._peak) if self._peak > 0 else -math.inf
        sample_peak = 20 * math.log10(self._sample_peak) if self._sample_peak > 0 else -math.inf
        mom_lufs = _lufs(momentary)
        st_lufs = _lufs(short_term)
        silence = self._silence(_lufs(power), integrated)
        data = {
            "integrated_lufs": _finite(integrated),
            "true_peak_dbtp": _finite(true_peak),
            "sample_peak_dbfs": _finite(sample_peak),
            "lra_lu": _finite(lra),
            "momentary": {"hop_s": HOP_S, "window_s": 0.4, "values": _curve(mom_lufs)},
            "short_term": {"hop_s": HOP_S, "window_s": 3.0, "values": _curve(st_lufs)},
            "curve_time_note": "value k covers audio up to (k + 1) * hop_s",
            "audio_offset_s": round(self.info.audio_offset_s, 6),
            "sample_rate": self._rate,
            "channels": list(self._names),
        }
        return [Lane("loudness", data), Lane("silence", {"intervals": silence, "params": self.params()})]

    @staticmethod
    def _sliding(power: np.ndarray, width: int) -> np.ndarray:
        """Mean power over the last ``width`` 100 ms blocks, at every block (shorter at the start)."""
        if power.size == 0:
            return power
        c = np.concatenate([[0.0], np.cumsum(power)])
        idx = np.arange(1, power.size + 1)
        lo = np.maximum(0, idx - width)
        return (c[idx] - c[lo]) / (idx - lo)

    @staticmethod
    def _integrated(momentary: np.ndarray) -> float:
        gating = momentary[3:]  # only whole 400 ms blocks gate
        if gating.size == 0:
            gating = momentary
        with np.errstate(divide="ignore"):
            lk = _lufs(gating)
        kept = gating[lk > _ABS_GATE]
        if kept.size == 0:
            return -math.inf
        rel = _lufs(kept.mean()) - 10.0
        kept = gating[(lk > _ABS_GATE) & (lk > rel)]
        return float(_lufs(kept.mean())) if kept.size else -math.inf

    @staticmethod
    def _range(short_term: np.ndarray) -> float:
        st = short_term[29:]  # whole 3 s windows only
        if st.size == 0:
            return 0.0
        lk = _lufs(st)
        kept = st[lk > _ABS_GATE]
        if kept.size == 0:
            return 0.0
        rel = _lufs(kept.mean()) - 20.0
        vals = np.sort(lk[(lk > _ABS_GATE) & (lk > rel)])
        if vals.size == 0:
            return 0.0
        return float(np.percentile(vals, 95) - np.percentile(vals, 10))

    def _silence(self, block_lufs: np.ndarray, integrated: float) -> list[dict]:
        """Runs of 100 ms blocks below the floor (or far below the clip's own level)."""
        threshold = self.silence_floor_lufs
        if math.isfinite(integrated):
            threshold = max(threshold, integrated - self.silence_below_integrated_lu)
        quiet = ~(block_lufs > threshold)  # -inf and NaN are quiet
        # where the picture runs on past the audio track, the viewer hears nothing
        off = self.info.audio_offset_s
        video_blocks = int(math.ceil((self.info.duration_s - off) / HOP_S - 1e-6))
        if video_blocks > quiet.size:
            quiet = np.concatenate([quiet, np.ones(video_blocks - quiet.size, dtype=bool)])
        min_blocks = max(1, int(round(self.silence_min_s / HOP_S)))
        tb = self.info.timebase
        out = []
        for s, e in runs(quiet, min_blocks):
            start_s = max(0.0, s * HOP_S + off)
            end_s = min(self.info.duration_s, e * HOP_S + off)
            if end_s - start_s < self.silence_min_s - 1e-9:
                continue
            out.append({"start_s": round(start_s, 3), "end_s": round(end_s, 3),
                        "start_frame": tb.seconds_to_nearest_frame(start_s),
                        "end_frame": tb.seconds_to_nearest_frame(end_s),
                        "threshold_lufs": round(threshold, 2)})
        return out


def _finite(v: float) -> float | None:
    return round(float(v), 3) if math.isfinite(v) else None


def _curve(values: np.ndarray) -> list[float | None]:
    return [round(float(v), 2) if math.isfinite(v) else None for v in values]
