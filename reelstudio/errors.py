"""Typed exceptions. Library code raises these; only the CLI turns them into exit codes."""

from __future__ import annotations


class ReelStudioError(Exception):
    """Base class. `exit_code` is what the CLI exits with; the message is one clear line."""

    exit_code = 1


class InputNotFound(ReelStudioError):
    exit_code = 3


class InputUnreadable(ReelStudioError):
    """The path exists but cannot be opened (permissions, a directory, ...)."""

    exit_code = 4


class EmptyInput(ReelStudioError):
    exit_code = 5


class NotAVideo(ReelStudioError):
    """The file is not a media container FFmpeg understands."""

    exit_code = 6


class NoVideoStream(ReelStudioError):
    """A media file without a video stream (audio-only, subtitles, ...)."""

    exit_code = 7


class CorruptMedia(ReelStudioError):
    """Truncated or damaged: the container opens but frames cannot be decoded."""

    exit_code = 8


class ModelError(ReelStudioError):
    """A bundled model is missing or does not match its manifest checksum."""

    exit_code = 9


class Cancelled(ReelStudioError):
    exit_code = 130


class OutputError(ReelStudioError):
    """The result cannot be written where asked."""

    exit_code = 10


class NotAvailableYet(ReelStudioError):
    """The requested output cannot be made from this analysis (e.g. subtitles with no transcript)."""

    exit_code = 11
