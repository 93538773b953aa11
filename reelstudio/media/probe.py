"""Probe a media file: display size after rotation, exact fps, the frame grid, audio."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from fractions import Fraction

from ..errors import (
    CorruptMedia,
    EmptyInput,
    InputNotFound,
    InputUnreadable,
    NotAVideo,
    NoVideoStream,
)
from ..timebase import Timebase, frame_times_are_constant

# Leading bytes of containers we know; a file that starts like one but will not open is
# damaged (truncated download, interrupted copy), not "some other kind of file".
_CONTAINER_SIGNATURES = (
    (4, b"ftyp"),  # MP4 / MOV / 3GP
    (0, b"\x1a\x45\xdf\xa3"),  # Matroska / WebM
    (0, b"RIFF"),  # AVI / WAV
    (0, b"FLV"),
    (0, b"OggS"),
    (0, b"\x00\x00\x01\xba"),  # MPEG-PS
    (0, b"\x47"),  # MPEG-TS sync byte
)


@dataclass(frozen=True)
class FileIdentity:
    """What makes two opens of a path the same file for the cache."""

    path: str
    size: int
    mtime_ns: int
    inode: int

    def key(self) -> str:
        return f"{self.path}|{self.size}|{self.mtime_ns}|{self.inode}"


@dataclass(frozen=True)
class SourceInfo:
    path: str
    identity: FileIdentity
    width: int  # display size, after rotation metadata
    height: int
    coded_width: int
    coded_height: int
    rotation: int  # degrees clockwise the coded picture is turned for display
    fps: Fraction
    timebase: Timebase
    duration_s: float
    start_s: float  # presentation time of frame 0 in the container
    video_codec: str
    has_audio: bool
    audio_rate: int | None
    audio_channels: int | None
    audio_codec: str | None
    audio_offset_s: float = 0.0  # first audio sample's time minus frame 0's time
    audio_tracks: int = 0  # audio streams in the file; the first is the one analysed
    # what was truncated, concealed or skipped while reading the file, one sentence each
    warnings: tuple[str, ...] = ()
    # a truncated file's frames after its first missing one are not decoded (see probe)
    decode_limit: int | None = None

    @property
    def frame_count(self) -> int:
        return self.timebase.frame_count

    @property
    def is_vfr(self) -> bool:
        return self.timebase.is_vfr

    def to_contract(self) -> dict:
        """The `source` object of the analysis JSON (../shared/CONTRACT.md)."""
        fps = self.fps
        return {
            "path": self.path,
            "width": self.width,
            "height": self.height,
            "fps": f"{fps.numerator}/{fps.denominator}",
            "frame_count": self.frame_count,
            "duration_s": round(self.duration_s, 6),
            "has_audio": self.has_audio,
            "rotation": self.rotation,
            "coded_width": self.coded_width,
            "coded_height": self.coded_height,
            "variable_frame_rate": self.is_vfr,
            "start_s": round(self.start_s, 6),
            "video_codec": self.video_codec,
            "audio_rate": self.audio_rate,
            "audio_channels": self.audio_channels,
            "audio_codec": self.audio_codec,
            "audio_offset_s": round(self.audio_offset_s, 6),
            "audio_tracks": self.audio_tracks,
            "warnings": list(self.warnings),
        }


class DecodeNotes:
    """What one decode pass concealed or dropped, said as ``source.warnings`` sentences.

    Filled by the decode thread (iter_frames, iter_audio), read once the pass is over."""

    def __init__(self, kind: str):
        self.kind = kind  # "video" or "audio"
        self.concealed = 0  # frames the decoder output with damage concealed
        self.dropped = 0  # packets the decoder rejected
        self.silence_s = 0.0  # audio put in the place of rejected packets
        self.first_s: float | None = None  # where the first damage is
        self.undecoded = 0  # frames of the grid the decoder never showed, with no error said

    def mark(self, at_s: float | None, *, dropped: bool, silence_s: float = 0.0) -> None:
        if dropped:
            self.dropped += 1
        else:
            self.concealed += 1
        self.silence_s += silence_s
        if at_s is not None and (self.first_s is None or at_s < self.first_s):
            self.first_s = at_s

    def sentences(self) -> list[str]:
        at = f" (the first at {self.first_s:.2f} s)" if self.first_s is not None else ""
        out = []
        if self.concealed:
            n = self.concealed
            out.append(f"{n} damaged {self.kind} frame{'s' if n > 1 else ''} concealed by the decoder{at}")
        if self.dropped:
            n = self.dropped
            what = (f"replaced by {self.silence_s:.3f} s of silence" if self.kind == "audio"
                    else "dropped")
            out.append(f"{n} damaged {self.kind} packet{'s' if n > 1 else ''} could not be decoded and "
                       f"{'were' if n > 1 else 'was'} {what}{'' if self.concealed else at}")
        if self.undecoded:
            n = self.undecoded
            out.append(f"{n} more {self.kind} frame{'s' if n > 1 else ''} could not be decoded")
        return out


def check_path(path: str | os.PathLike) -> FileIdentity:
    """Fail with a specific error before FFmpeg sees the path."""
    p = os.fspath(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise InputNotFound(f"{p}: no such file") from None
    except PermissionError:
        raise InputUnreadable(f"{p}: permission denied") from None
    except OSError as exc:
        raise InputUnreadable(f"{p}: cannot read ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputUnreadable(f"{p}: is a folder, not a video file")
    if not stat.S_ISREG(st.st_mode):
        raise InputUnreadable(f"{p}: not a regular file")
    if not os.access(p, os.R_OK):
        raise InputUnreadable(f"{p}: permission denied")
    if st.st_size == 0:
        raise EmptyInput(f"{p}: the file is empty (0 bytes)")
    return FileIdentity(os.path.realpath(p), st.st_size, st.st_mtime_ns, st.st_ino)


def _looks_like_container(path: str) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(16)
    return any(head[off : off + len(sig)] == sig for off, sig in _CONTAINER_SIGNATURES)


def open_container(path: str):
    """av.open for reading, with FFmpeg's errors turned into ours."""
    import av

    try:
        return av.open(path, mode="r")
    except av.error.PermissionError:
        raise InputUnreadable(f"{path}: permission denied") from None
    except av.error.FFmpegError as exc:
        if _looks_like_container(path):
            raise CorruptMedia(
                f"{path}: the file is damaged or truncated and cannot be opened ({_ff_reason(exc)})"
            ) from None
        raise NotAVideo(f"{path}: not a video file FFmpeg can read ({_ff_reason(exc)})") from None


def _ff_reason(exc: Exception) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return text.split(":")[0].strip() if text else exc.__class__.__name__


_ATTACHED_PIC = 0x0400  # AV_DISPOSITION_ATTACHED_PIC


def is_attached_picture(stream) -> bool:
    """Cover art (an mp3's or m4a's embedded JPEG): a picture, not a video stream. PyAV 18
    reports the disposition as an int flag (str() gives '1024'), older ones by name."""
    disposition = stream.disposition
    try:
        return bool(int(disposition) & _ATTACHED_PIC)
    except (TypeError, ValueError):
        return "attached_pic" in str(disposition).lower()


def pick_video_stream(container):
    for s in container.streams.video:
        if is_attached_picture(s):
            continue  # cover art in an audio file
        return s
    return None


def codec_name(stream) -> str:
    """The format's codec name (h264, hevc, vp9, av1, mp3), not the decoder's (libdav1d,
    mp3float)."""
    cc = stream.codec_context
    return getattr(cc.codec, "canonical_name", None) or cc.name


def _rotation_of(frame) -> int:
    """Clockwise degrees to turn the decoded picture for display (0, 90, 180, 270)."""
    # PyAV reports the display matrix angle counter-clockwise, as FFmpeg does
    angle = -int(round(getattr(frame, "rotation", 0) or 0))
    return angle % 360 if angle % 90 == 0 else 0


def probe(path: str | os.PathLike) -> SourceInfo:
    identity = check_path(path)
    p = os.fspath(path)
    container = open_container(p)
    try:
        stream = pick_video_stream(container)
        if stream is None:
            what = "audio-only file" if container.streams.audio else "file with no video stream"
            raise NoVideoStream(f"{p}: {what}; ReelStudio needs a video stream")
        audio = container.streams.audio[0] if container.streams.audio else None
        scan = _scan(container, stream, audio, p)
        header_frames = (stream.frames or 0) - min(scan.hidden, stream.frames or 0)  # the edit list hides some
        pts = sorted(scan.pts)
        tb = stream.time_base or Fraction(1, 90000)
        times = [float((v - pts[0]) * tb) for v in pts]
        rate = _declared_rate(stream)
        warnings = _truncation(scan, header_frames, len(pts), container, rate)
        decode_limit = None
        if warnings and rate:
            # cut short: the packets lost from the last group of pictures (B-frames shown
            # before the frames that survived) leave holes in the grid; the analysis stops at
            # the first hole on the declared grid instead of a "variable" rate with a mean fps
            whole = _frames_before_hole(times, rate)
            if 1 <= whole < len(times):
                times, decode_limit = times[:whole], whole
        warnings += _stream_warnings(scan, len(container.streams.audio))
        first_frame = scan.first_frame
        rotation = _rotation_of(first_frame)
        coded_w, coded_h = first_frame.width, first_frame.height
        fps = _nominal_fps(stream, times)
        cfr = frame_times_are_constant(times, fps)
        step = times[-1] - times[-2] if len(times) > 1 else float(1 / fps)
        width, height = (coded_h, coded_w) if rotation in (90, 270) else (coded_w, coded_h)
        sar = stream.sample_aspect_ratio
        if sar and sar != 1 and sar.numerator > 0:
            width = int(round(width * sar)) if rotation not in (90, 270) else width
        start_s = float(pts[0] * tb)
        return SourceInfo(
            path=p, identity=identity, width=int(width), height=int(height),
            coded_width=int(coded_w), coded_height=int(coded_h), rotation=rotation, fps=fps,
            timebase=Timebase(fps=fps, frame_count=len(times), frame_times=() if cfr else tuple(times)),
            duration_s=times[-1] + (float(1 / fps) if cfr else step),
            start_s=start_s,
            video_codec=codec_name(stream),
            has_audio=audio is not None,
            audio_rate=audio.codec_context.sample_rate if audio is not None else None,
            audio_channels=audio.codec_context.channels if audio is not None else None,
            audio_codec=codec_name(audio) if audio is not None else None,
            audio_offset_s=_audio_offset(audio, start_s),
            audio_tracks=len(container.streams.audio),
            warnings=tuple(warnings),
            decode_limit=decode_limit,
        )
    finally:
        container.close()


@dataclass
class _Scan:
    """What one demuxer pass over the file found."""

    pts: list[int] = field(default_factory=list)  # every displayed video packet's PTS, in file order
    first_frame: object = None  # the first decoded picture: it carries rotation and proves decodability
    video_end: float | None = None  # seconds, container time
    audio_end: float | None = None
    damaged: dict[str, int] = field(default_factory=lambda: {"video": 0, "audio": 0})  # marked corrupt
    hidden: int = 0  # packets outside the edit list: in the header's count, never shown
    last_damaged: bool = False  # the file's last packet is damaged: it was cut off
    last_kind: str = "video"


def _scan(container, stream, audio, p: str) -> _Scan:
    """The frame grid from the demuxer: every displayed packet's PTS. The audio packets are
    read anyway (one demuxer pass): they tell where the file really ends."""
    import av

    scan = _Scan()
    stream.thread_type = "AUTO"
    try:
        for packet in container.demux([stream] + ([audio] if audio is not None else [])):
            if packet.size == 0 and packet.pts is None:
                continue  # the flush packet
            kind = scan.last_kind = "video" if packet.stream_index == stream.index else "audio"
            scan.last_damaged = bool(packet.is_corrupt)
            scan.damaged[kind] += scan.last_damaged
            if packet.pts is not None and packet.time_base:
                end_s = float((packet.pts + (packet.duration or 0)) * packet.time_base)
                if kind == "audio":
                    scan.audio_end = end_s if scan.audio_end is None else max(scan.audio_end, end_s)
                else:
                    scan.video_end = end_s if scan.video_end is None else max(scan.video_end, end_s)
            if kind == "audio":
                continue
            if scan.first_frame is None:
                scan.first_frame = next(iter(packet.decode()), None)  # decode until the first picture
            if packet.is_discard:
                scan.hidden += 1
                continue  # outside the edit list: decoded but never shown
            scan.pts.append(packet.pts if packet.pts is not None else (packet.dts or len(scan.pts)))
        if scan.first_frame is None and scan.pts:
            # the decoder holds its pictures back (frame threads, reordering) until it is
            # flushed: a video of one or two frames shows its first only then
            scan.first_frame = next(iter(stream.codec_context.decode(None)), None)
    except av.error.FFmpegError as exc:
        raise CorruptMedia(f"{p}: the video stream is damaged ({_ff_reason(exc)})") from None
    if not scan.pts:
        raise CorruptMedia(f"{p}: the video stream holds no frames")
    if scan.first_frame is None:
        raise CorruptMedia(f"{p}: no frame of the video stream can be decoded")
    return scan


def _truncation(scan: _Scan, header_frames: int, frames: int, container, rate: Fraction | None) -> list[str]:
    """The sentence saying the file is cut short, if it is."""
    if header_frames > frames:
        return [f"the file is truncated: its header lists {header_frames} frames, {frames} are in "
                f"the file; analysed as far as it goes"]
    if container.duration and container.duration > 0 and scan.video_end is not None:
        # no frame count in the header (WebM, fragmented MP4): the declared duration
        declared = container.duration / 1_000_000
        held = max(e for e in (scan.video_end, scan.audio_end) if e is not None) - (container.start_time or 0) / 1_000_000
        if declared - held > max(0.25, 3.0 / float(rate or 30)):
            return [f"the file is truncated: it holds {held:.2f} s of the {declared:.2f} s its header "
                    f"declares; analysed as far as it goes"]
    if scan.last_damaged:
        return ["the file is truncated: it ends partway through its last packet; analysed as far as it goes"]
    return []


def _stream_warnings(scan: _Scan, tracks: int) -> list[str]:
    """What else the analysis leaves out or reads as stored: damaged packets, other audio
    tracks, sound past the picture, transparency, interlacing."""
    out = []
    for kind, n in scan.damaged.items():
        n -= int(scan.last_damaged and kind == scan.last_kind)
        if n > 0:
            out.append(f"{n} {kind} packet{'s' if n > 1 else ''} marked damaged by the container")
    if tracks > 1:  # the others are not heard: said, not silently left out
        out.append(f"the file has {tracks} audio tracks; only the first is analysed")
    if scan.video_end is not None and scan.audio_end is not None and scan.audio_end - scan.video_end > 0.5:
        out.append(f"the sound runs {scan.audio_end - scan.video_end:.2f} s past the last frame; it is measured "
                   f"to its end, though a platform may cut it with the picture")
    if any(c.is_alpha for c in scan.first_frame.format.components):
        out.append("the picture has an alpha channel (transparency), which is not analysed: its colours "
                   "are judged as stored, without it")
    if getattr(scan.first_frame, "interlaced_frame", False):
        out.append("the video is interlaced; its frames are analysed whole, the two fields together "
                   "(motion may show combing)")
    return out


def _declared_rate(stream) -> Fraction | None:
    for rate in (stream.guessed_rate, stream.average_rate, stream.base_rate):
        if rate and rate > 0:
            return Fraction(rate)
    return None


def _frames_before_hole(times: list[float], rate: Fraction) -> int:
    """How many frames sit on the ``rate`` grid before the first missing one."""
    step = float(1 / rate)
    for i, t in enumerate(times):
        if abs(t - i * step) > 0.25 * step:
            return i
    return len(times)


def _audio_offset(audio, video_start_s: float) -> float:
    if audio is None or audio.start_time is None or audio.time_base is None:
        return 0.0
    return float(audio.start_time * audio.time_base) - video_start_s


def _nominal_fps(stream, times: list[float]) -> Fraction:
    """The stream's declared rate when frames sit on it, else the measured mean rate."""
    candidates = [stream.guessed_rate, stream.average_rate, stream.base_rate]
    for rate in candidates:
        if rate and rate > 0 and frame_times_are_constant(times, Fraction(rate)):
            return Fraction(rate)
    if len(times) > 1 and times[-1] > 0:
        mean = Fraction((len(times) - 1) / times[-1]).limit_denominator(1001)
        return mean
    for rate in candidates:
        if rate and rate > 0:
            return Fraction(rate)
    return Fraction(30)
