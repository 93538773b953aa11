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
class UiZone:
    """A rectangle the app's own interface covers, as fractions of the frame (x0, y0, x1, y1).
    ``side`` says which way text moves to clear it (top, bottom, left, right)."""

    side: str
    what: str
    x0: float
    y0: float
    x1: float
    y1: float


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
    ui: UiBands  # the ads safe zone: the stricter option (Preset.ads_safe_zone)
    loudness_target_lufs: float
    true_peak_ceiling_dbtp: float
    hook_s: float
    sources: tuple[str, ...] = field(default=(), compare=False)
    # what the interface actually covers for an organic post (the caption, name and sound
    # block at the bottom, the action column on the right, the header on top)
    ui_zones: tuple[UiZone, ...] = ()
    zones_name: str = "interface"  # "interface", or "ads safe zone" for the stricter option

    def ads_safe_zone(self) -> "Preset":
        """This preset judged against the platform's ads safe zone (the whole bands of
        ``ui``), stricter than what the interface covers for an organic post."""
        import dataclasses

        u = self.ui
        zones = (UiZone("top", "ads safe zone, top", 0.0, 0.0, 1.0, u.top),
                 UiZone("bottom", "ads safe zone, bottom", 0.0, 1.0 - u.bottom, 1.0, 1.0),
                 UiZone("left", "ads safe zone, left", 0.0, 0.0, u.left, 1.0),
                 UiZone("right", "ads safe zone, right", 1.0 - u.right, 0.0, 1.0, 1.0))
        return dataclasses.replace(self, ui_zones=zones, zones_name="ads safe zone")


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
    "reels_ui": "What the Reels interface covers for an organic post (checked 2026-12-04): the name, caption "
                "and audio block over the bottom ~15-20 % (https://www.trymypost.com/fr/blog/instagram-reels-"
                "safe-zones-text-placement-2026: bottom 280 px of 1920 most critical; Meta's Stories/organic "
                "figure 20 %, https://www.marketertools.fyi/blog/meta-ad-sizes-safe-zones-2026), the like/"
                "comment/share column on the right from about mid-height, the Reels header on top",
    "tiktok_ui": "What the TikTok interface covers (checked 2026-12-04): caption, name and sound over the "
                 "bottom ~17-24 % (https://socaptions.com/blog/tiktok-safe-zones-2026: bottom 320-460 px, "
                 "right 120-180 px, top 180-250 px; https://webbannerexperts.com/?p=706: bottom 20-30 %), the "
                 "profile/like/comment/share column on the right, the Following/For You tabs on top",
    "shorts_ui": "What the Shorts player covers (checked 2026-12-04): title, channel and subscribe button over "
                 "the lower ~25 % (https://www.youraithumbnailgenerator.com/guides/youtube-shorts-safe-zones-"
                 "complete-guide), the like/comment/share column on the right, search and menu on top "
                 "(https://webbannerexperts.com/youtube-shorts-dimensions-the-1080x1920-guide)",
}


def _zones(top: float, bottom: float, right: float, right_from: float, header: str, block: str,
           column: str) -> tuple[UiZone, ...]:
    """Header across the top, a caption block across the bottom, an action column on the right."""
    return (UiZone("top", header, 0.0, 0.0, 1.0, top),
            UiZone("bottom", block, 0.0, 1.0 - bottom, 1.0, 1.0),
            UiZone("right", column, 1.0 - right, right_from, 1.0, 1.0 - bottom))

_COMMON = dict(aspect=Fraction(9, 16), aspect_tolerance=0.02, recommended_size=(1080, 1920), min_short_side=720,
               loudness_target_lufs=-14.0, true_peak_ceiling_dbtp=-1.0, hook_s=3.0)

PRESETS: dict[str, Preset] = {
    "reels": Preset(
        name="reels", title="Instagram Reels", checked="2026-12-04",
        fps_min=23.0, fps_max=60.0, duration_min_s=1.0, duration_max_s=180.0,
        ui=UiBands(top=0.14, bottom=0.35, left=0.06, right=0.06),
        ui_zones=_zones(0.08, 0.20, 0.13, 0.50, "header", "name, caption and audio block",
                        "like, comment and share buttons"),
        sources=("meta_reels_specs", "reels_ui", "meta_reels_safe_zone", "loudness", "hook"), **_COMMON),
    "tiktok": Preset(
        name="tiktok", title="TikTok", checked="2026-12-04",
        fps_min=23.0, fps_max=60.0, duration_min_s=3.0, duration_max_s=600.0,
        ui=UiBands(top=0.08, bottom=0.20, left=0.06, right=0.12),
        ui_zones=_zones(0.08, 0.20, 0.14, 0.42, "Following / For You tabs", "caption, name and sound block",
                        "profile, like, comment and share buttons"),
        sources=("tiktok_specs", "tiktok_ui", "tiktok_safe_zone", "loudness", "hook"), **_COMMON),
    "shorts": Preset(
        name="shorts", title="YouTube Shorts", checked="2026-12-04",
        fps_min=23.0, fps_max=60.0, duration_min_s=1.0, duration_max_s=180.0,
        ui=UiBands(top=0.08, bottom=0.25, left=0.05, right=0.12),
        ui_zones=_zones(0.07, 0.25, 0.12, 0.45, "search and menu buttons",
                        "title, channel and subscribe button", "like, comment and share buttons"),
        sources=("youtube_shorts_specs", "shorts_ui", "youtube_shorts_safe_zone", "loudness", "hook"), **_COMMON),
}

DEFAULT_PRESET = "reels"


def get_preset(name: str | None) -> Preset:
    """The preset called ``name`` (None: the default); the error names the known ones."""
    key = (name or DEFAULT_PRESET).lower()
    try:
        return PRESETS[key]
    except KeyError:
        raise UnknownPreset(f"unknown preset {name!r}: choose one of {', '.join(PRESETS)}") from None
