"""The fonts bundled for reports (see assets/fonts/README.md for their licences)."""

from __future__ import annotations

from pathlib import Path

from ..errors import ModelError

FONT_DIR = Path(__file__).resolve().parent / "assets" / "fonts"
FONTS = {
    "regular": "DejaVuSans.ttf",  # Latin, Cyrillic, Greek
    "bold": "DejaVuSans-Bold.ttf",
    "cjk": "DroidSansFallbackFull.ttf",  # Han, kana, Hangul: the fallback for what DejaVu lacks
}


def font_path(role: str) -> str:
    path = FONT_DIR / FONTS[role]
    if not path.is_file():
        raise ModelError(f"{path}: a bundled report font is missing; reinstall ReelStudio")
    return str(path)
