"""The analyzer contract and the lane it returns.

An analyzer never opens files. A video analyzer names the picture it wants
(``frame_request``), gets every frame of the source in presentation order through
``feed``, and returns its lane from ``finish``. An audio analyzer gets the decoded
audio chunks. Per-frame values are numpy arrays on the source's frame grid.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from ..media.audio import AudioChunk
from ..media.probe import SourceInfo
from ..media.video import FrameRequest


CAUSE_MODEL = "model"  # a bundled model (or the Tesseract data) is missing or damaged: a failure
CAUSE_SKIPPED = "skipped"  # left out by the user (reelstudio analyze --skip)
CAUSES = ("no_input", CAUSE_SKIPPED, "failed", CAUSE_MODEL)
SKIPPED_REASON = "not run: skipped by the user"


@dataclass(frozen=True)
class Lane:
    """One signal on the frame grid. ``data`` is JSON-ready; ``status`` is 'ok' or 'unavailable'.

    An unavailable lane's ``cause`` says whether anything broke: ``no_input`` (the file has
    nothing for it: no audio track, no text to sync), ``skipped`` (left out by the user with
    ``--skip``), ``failed`` (an engine or the analyzer broke) or ``model`` (a bundled model
    or the Tesseract data is missing or damaged: a failure, and the CLI exits 9). The score
    treats no_input apart from the rest."""

    name: str
    data: dict[str, Any] = field(default_factory=dict)
    status: str = "ok"
    reason: str | None = None
    cause: str | None = None  # unavailable lanes only: one of CAUSES

    @classmethod
    def unavailable(cls, name: str, reason: str, cause: str = "failed") -> "Lane":
        assert cause in CAUSES, cause
        return cls(name=name, data={}, status="unavailable", reason=reason, cause=cause)

    @classmethod
    def failed(cls, name: str, exc: BaseException, reason: str | None = None) -> "Lane":
        """Unavailable because ``exc`` was raised; a ModelError gives it CAUSE_MODEL."""
        from ..errors import ModelError

        return cls.unavailable(name, reason or str(exc), CAUSE_MODEL if isinstance(exc, ModelError) else "failed")

    @classmethod
    def skipped(cls, name: str) -> "Lane":
        return cls.unavailable(name, SKIPPED_REASON, CAUSE_SKIPPED)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status}
        if self.reason:
            out["reason"] = self.reason
        if self.status != "ok":
            out["cause"] = self.cause or "failed"
        out.update(self.data)
        return out

    @classmethod
    def from_json(cls, name: str, obj: dict[str, Any]) -> "Lane":
        obj = dict(obj)
        status = obj.pop("status", "ok")
        reason = obj.pop("reason", None)
        cause = obj.pop("cause", None)
        return cls(name=name, data=obj, status=status, reason=reason, cause=cause)


class Tuned:
    """An analyzer whose parameters are one frozen dataclass, written once (issue 15: they were
    written three times, in the signature, as attributes and in ``params()``).

    ``Params`` is the dataclass. Its fields are the constructor's keywords
    (``CutsAnalyzer(threshold=0.4)``, or a whole ``CutsAnalyzer(CutsParams(...))``), are read
    as ``self.<field>``, and are ``params()``: the lane's ``params`` and part of the cache key,
    followed by ``extra_params()`` (the model file, say). A field cannot be set after
    construction: the analysis would run with values its cache key and its lane do not name.
    Keywords that are not results' parameters (threads) are the subclass's own."""

    Params: ClassVar[type]

    def __init__(self, params: Any = None, /, **kw: Any) -> None:
        base = params if params is not None else self.Params()
        object.__setattr__(self, "p", dataclasses.replace(base, **kw))

    def __getattr__(self, name: str) -> Any:
        p = self.__dict__.get("p")
        if p is not None and name in type(p).__dataclass_fields__:
            return getattr(p, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self.Params.__dataclass_fields__:
            raise AttributeError(f"{name} is a parameter of {type(self).__name__}: pass it to the constructor")
        object.__setattr__(self, name, value)

    def params(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self.p), **self.extra_params()}

    def extra_params(self) -> dict[str, Any]:
        return {}


class VideoAnalyzer:
    """Base for analyzers fed decoded frames. Subclasses set ``name``, ``version``."""

    name: ClassVar[str]
    version: ClassVar[int] = 1
    lanes: ClassVar[tuple[str, ...]] = ()  # lane names this analyzer returns (default: name)
    depends_on: ClassVar[tuple[str, ...]] = ()  # lanes read by finish_with (see AudioAnalyzer)
    # True: ``feed`` gets a zero-argument callable that makes the picture when called (and
    # may be kept and called later), so frames the analyzer never looks at cost nothing
    lazy_picture: ClassVar[bool] = False

    # bundled models (models/manifest.json names) it loads: checked before its cached lanes
    # are used, so a warm cache never hides a damaged model
    models: ClassVar[tuple[str, ...]] = ()

    def verify_models(self) -> None:
        _verify_models(self.models)

    def params(self) -> dict[str, Any]:
        return {}

    def finish_with(self, lanes: dict[str, Lane]) -> list[Lane]:
        """Called when ``depends_on`` is set, once this analyzer's own pass is over and the
        lanes it names exist (see AudioAnalyzer.depends_on)."""
        return []

    def frame_request(self, info: SourceInfo) -> FrameRequest:
        raise NotImplementedError

    def start(self, info: SourceInfo) -> None:
        self.info = info

    def feed(self, index: int, image: np.ndarray) -> None:
        raise NotImplementedError

    def finish(self, frame_times: np.ndarray) -> list[Lane]:
        """``frame_times``: seconds of each decoded frame (len == frames fed)."""
        raise NotImplementedError

    def lane_names(self) -> tuple[str, ...]:
        return self.lanes or (self.name,)


class AudioAnalyzer:
    name: ClassVar[str]
    version: ClassVar[int] = 1
    lanes: ClassVar[tuple[str, ...]] = ()
    # Lanes of other analyzers this one reads. When set, the pipeline calls
    # ``finish_with(lanes)`` in a thread of its own as soon as this analyzer's pass is over
    # and those lanes exist (other analyzers may still be running; ``lanes`` holds at least
    # the ones named here), else once every analyzer has finished; the lanes it returns
    # replace or add to the result's lanes, in analyzer order. Its cache key includes the
    # keys of the analyzers that produce those lanes.
    depends_on: ClassVar[tuple[str, ...]] = ()

    # bundled models (models/manifest.json names) it loads: checked before its cached lanes
    # are used, so a warm cache never hides a damaged model
    models: ClassVar[tuple[str, ...]] = ()

    def verify_models(self) -> None:
        _verify_models(self.models)

    def params(self) -> dict[str, Any]:
        return {}

    def finish_with(self, lanes: dict[str, Lane]) -> list[Lane]:
        return []

    def start(self, info: SourceInfo) -> None:
        self.info = info

    def feed(self, chunk: AudioChunk) -> None:
        raise NotImplementedError

    def finish(self) -> list[Lane]:
        raise NotImplementedError

    def lane_names(self) -> tuple[str, ...]:
        return self.lanes or (self.name,)


def _verify_models(names) -> None:
    """ModelError if one of the named bundled models is missing or fails its sha256."""
    from ..resources import model_path

    for name in names:
        model_path(name)


class Blocks:
    """Per-frame values (numbers, or arrays of one ``shape``) appended into fixed numpy
    blocks: a float costs 8 bytes instead of a Python float's 32, and no object per frame.

    ``array()`` joins them, letting each block go as it is copied: the join costs one block
    more, not a second copy of everything (a 2-hour file's 216,000 cut thumbnails: 218 MB
    joined, not 436)."""

    BLOCK = 4096

    def __init__(self, dtype=np.float64, shape: tuple[int, ...] = (), block: int | None = None):
        self.dtype, self.shape = np.dtype(dtype), tuple(shape)
        self.block = block or self.BLOCK
        self._blocks: list[np.ndarray] = []
        self._fill = 0  # values in the last block
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def _room(self) -> np.ndarray:
        if not self._blocks or self._fill == len(self._blocks[-1]):
            self._blocks.append(np.empty((self.block, *self.shape), self.dtype))
            self._fill = 0
        return self._blocks[-1]

    def append(self, value) -> None:
        self._room()[self._fill] = value
        self._fill += 1
        self._n += 1

    def extend(self, values: np.ndarray) -> None:
        values = np.asarray(values)
        done = 0
        while done < len(values):
            block = self._room()
            k = min(len(values) - done, len(block) - self._fill)
            block[self._fill:self._fill + k] = values[done:done + k]
            self._fill += k
            self._n += k
            done += k

    def array(self) -> np.ndarray:
        """Every value appended, in order, as one array (kept: appending goes on after it)."""
        if len(self._blocks) == 1 and self._fill == self._n:
            return self._blocks[0][:self._n]
        out = np.empty((self._n, *self.shape), self.dtype)
        blocks, self._blocks = self._blocks, []
        at = 0
        while blocks:
            block = blocks.pop(0)
            k = min(len(block), self._n - at)
            out[at:at + k] = block[:k]
            at += k
            del block
        self._blocks, self._fill = [out], self._n
        return out


def runs(mask: np.ndarray, min_length: int = 1) -> list[tuple[int, int]]:
    """Half-open [start, end) runs of True in a boolean array, at least ``min_length`` long."""
    mask = np.asarray(mask, dtype=bool)
    if mask.size == 0:
        return []
    padded = np.concatenate(([False], mask, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    starts, ends = edges[0::2], edges[1::2]
    return [(int(s), int(e)) for s, e in zip(starts, ends) if e - s >= min_length]


def frame_intervals(pairs: list[tuple[int, int]], frame_times: np.ndarray, end_time: float) -> list[dict]:
    """Contract intervals with frames and the seconds of those frames."""
    out = []
    n = len(frame_times)
    for s, e in pairs:
        out.append({
            "start_frame": s,
            "end_frame": e,
            "start_s": round(float(frame_times[s]), 6),
            "end_s": round(float(frame_times[e]) if e < n else float(end_time), 6),
        })
    return out


def rounded(values: np.ndarray, digits: int = 4) -> list[float]:
    """A per-frame array as a JSON list (NaN -> None)."""
    arr = np.round(np.asarray(values, dtype=np.float64), digits)
    return [None if not np.isfinite(v) else float(v) for v in arr]
