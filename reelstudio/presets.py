"""Platform presets: the one place that says what Reels, TikTok and Shorts expect.

Every number carries its source in ``SOURCES`` (read 2026-11; platforms change these
without notice, so each preset has a ``checked`` date). Numbers are fractions of the
frame where they describe screen areas, so they apply to any resolution. docs/checks.md
prints the same table for people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from .errors import ReelStudioError


class UnknownPreset(ReelStudioError, ValueError):
    """A preset name that is not in ``PRESETS`` (a bad command line)."""

    exit_code = 2


@dataclass(frozen=True)
class UiBands:
    """Parts of a 9:16 frame the platform's own interface covers, as fractions of the frame."""

    top: float
    bottom: float
    left: float
    right: float


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    checked: str  # date the numbers were last read from their sources
    aspect: Fraction  # width / height of the full-screen canvas
    aspect_tolerance: float  # relative difference still shown full screen without bars
    recommended_size: tuple[int, int]  # width, height
    min_short_side: int  # below this the platform shows a visibly soft picture
    fps_min: float
    fps_max: float
    duration_min_s: float
    duration_max_s: float
    ui: UiBands
    loudness_target_lufs: float
    true_peak_ceiling_dbtp: float
    hook_s: float
    sources: tuple[str, ...] = field(default=(), compare=False)


SOURCES = {
    "meta_reels_specs": "Instagram Help Centre, 'Video formats and sizes for reels' and Meta Ads Guide, "
                        "'Instagram Reels ads' (9:16, 1080x1920 recommended, 720 px minimum short side, "
                        "23-60 fps, up to 3 minutes since 2025-01)",
    "meta_reels_safe_zone": "Meta Ads Guide, 'Reels safe zones' (1080x1920: leave ~14 % at the top, ~35 % at "
                            "the bottom and ~6 % at each side free of text and logos)",
    "tiktok_specs": "TikTok Ads Manager help, 'Video ads specifications' and TikTok Support 'Upload a "
                    "video' (9:16, 720x1280 minimum, 1080x1920 recommended, 23-60 fps, 3 s to 10 min)",
    "tiktok_safe_zone": "TikTok Ads Manager, 'Ad creative safe zone' (1080x1920: top ~8 %, bottom ~20 %, "
                        "left ~6 %, right ~12 % carry the caption, buttons and sound disc)",
    "youtube_shorts_specs": "YouTube Help, 'Upload YouTube Shorts' (square or vertical, up to 3 minutes "
                            "since 2024-10-15) and 'Recommended upload encoding settings' (24-60 fps)",
    "youtube_shorts_safe_zone": "YouTube Creator guides for Shorts overlays (title, channel and subscribe "
                                "button over the lower ~25 %, action column over the right ~12 %, search "
                                "and menu over the top ~8 %)",
    "loudness": "YouTube turns playback down to about -14 LUFS (the level its content-loudness figure "
                "is measured against); Meta and TikTok publish no target, so all three presets use -14 LUFS "
                "integrated (ITU-R BS.1770-4) and a -1 dBTP true-peak ceiling (AES TD1004 and EBU R128 s1: "
                "1 dB of headroom for lossy encoding)",
    "hook": "Meta for Business 'Creative best practices for Reels' and TikTok Creative Center: lead with "
            "the message in the first 3 seconds",
}

_COMMON = dict(aspect=Fraction(9, 16), aspect_tolerance=0.02, recommended_size=(1080, 1920), min_short_side=720,
               loudness_target_lufs=-14.0, true_peak_ceiling_dbtp=-1.0, hook_s=3.0)

PRESETS: dict[str, Preset] = {
    "reels": Preset(
        name="reels", title="Instagram Reels", checked="2026-11-23",
        fps_min=23.0, fps_max=60.0, duration_min_s=1.0, duration_max_s=180.0,
        ui=UiBands(top=0.14, bottom=0.35, left=0.06, right=0.06),
        sources=("meta_reels_specs", "meta_reels_safe_zone", "loudness", "hook"), **_COMMON),
    "tiktok": Preset(
        name="tiktok", title="TikTok", checked="2026-11-23",
        fps_min=23.0, fps_max=60.0, duration_min_s=3.0, duration_max_s=600.0,
        ui=UiBands(top=0.08, bottom=0.20, left=0.06, right=0.12),
        sources=("tiktok_specs", "tiktok_safe_zone", "loudness", "hook"), **_COMMON),
    "shorts": Preset(
        name="shorts", title="YouTube Shorts", checked="2026-11-23",
        fps_min=23.0, fps_max=60.0, duration_min_s=1.0, duration_max_s=180.0,
        ui=UiBands(top=0.08, bottom=0.25, left=0.05, right=0.12),
        sources=("youtube_shorts_specs", "youtube_shorts_safe_zone", "loudness", "hook"), **_COMMON),
}

DEFAULT_PRESET = "reels"


def get_preset(name: str | None) -> Preset:
    """The preset called ``name`` (None: the default); the error names the known ones."""
    key = (name or DEFAULT_PRESET).lower()
    try:
        return PRESETS[key]
    except KeyError:
        raise UnknownPreset(f"unknown preset {name!r}: choose one of {', '.join(PRESETS)}") from None
