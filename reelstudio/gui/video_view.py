"""The picture: one RGB frame fitted into the widget, with optional overlays on top."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

OVERLAY_KINDS = ("ui_zones", "faces", "text")
_STYLE = {  # pen colour, fill colour (RGBA)
    "ui_zones": ((255, 80, 80, 200), (255, 60, 60, 70)),
    "faces": ((60, 220, 120, 255), (0, 0, 0, 0)),
    "text": ((255, 200, 40, 255), (0, 0, 0, 0)),
}


class VideoView(QWidget):
    """Shows an RGB ndarray, aspect kept, letterboxed; overlays in source display pixels."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._array: np.ndarray | None = None
        self._image: QImage | None = None
        self._source_size = (0, 0)  # display size of the source; overlays are in these pixels
        self._message = ""
        self._ui_zones: list[tuple[float, float, float, float]] = []
        self._boxes: dict[str, list[tuple[float, float, float, float]]] = {"faces": [], "text": []}
        self._labels: dict[str, list[str]] = {"faces": [], "text": []}
        self._visible = {kind: True for kind in OVERLAY_KINDS}

    def sizeHint(self) -> QSize:
        return QSize(360, 640)

    def minimumSizeHint(self) -> QSize:
        return QSize(90, 160)

    # -- content ---------------------------------------------------------------------
    def set_source_size(self, width: int, height: int) -> None:
        self._source_size = (int(width), int(height))
        self.update()

    def set_frame(self, array: np.ndarray | None) -> None:
        """Show ``array`` (H x W x 3 uint8 RGB); it is kept, not copied: do not modify it."""
        self._array = array
        if array is None:
            self._image = None
        else:
            h, w = array.shape[:2]
            self._image = QImage(array.data, w, h, array.strides[0], QImage.Format.Format_RGB888)
        self._message = ""
        self.repaint()  # painted now: the caller announces the frame only once it is on screen

    def set_message(self, text: str) -> None:
        self._message = text
        self.update()

    def frame_array(self) -> np.ndarray | None:
        return self._array

    def set_ui_zones(self, zones) -> None:
        self._ui_zones = [tuple(float(v) for v in z) for z in (zones or [])]
        self.update()

    def set_boxes(self, kind: str, boxes, labels=None) -> None:
        self._boxes[kind] = [tuple(float(v) for v in b) for b in boxes]
        self._labels[kind] = list(labels or [])
        self.update()

    def boxes(self, kind: str) -> list:
        return list(self._ui_zones) if kind == "ui_zones" else list(self._boxes.get(kind, []))

    def set_overlay_visible(self, kind: str, visible: bool) -> None:
        if kind not in OVERLAY_KINDS:
            raise ValueError(f"unknown overlay {kind!r}; one of {', '.join(OVERLAY_KINDS)}")
        self._visible[kind] = bool(visible)
        self.update()

    def overlay_visible(self, kind: str) -> bool:
        return self._visible[kind]

    # -- geometry --------------------------------------------------------------------
    def picture_rect(self) -> QRectF:
        """Where the picture sits in the widget (logical pixels)."""
        sw, sh = self._source_size
        if not sw or not sh:
            return QRectF(0, 0, self.width(), self.height())
        scale = min(self.width() / sw, self.height() / sh)
        w, h = sw * scale, sh * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def picture_pixels(self) -> tuple[int, int]:
        """The picture's size in device pixels: the size worth decoding to."""
        r = self.picture_rect()
        ratio = self.devicePixelRatioF()
        return max(2, int(r.width() * ratio)), max(2, int(r.height() * ratio))

    # -- painting --------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.black)
        target = self.picture_rect()
        if self._image is not None:
            same = abs(self._image.width() - target.width() * self.devicePixelRatioF()) < 1.5
            if not same:
                p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            p.drawImage(target, self._image)
        sw, sh = self._source_size
        if sw and sh:
            sx, sy = target.width() / sw, target.height() / sh
            if self._visible["ui_zones"]:
                self._draw_rects(p, "ui_zones", [QRectF(target.x() + x * target.width(), target.y() + y * target.height(),
                                                        w * target.width(), h * target.height())
                                                 for x, y, w, h in self._ui_zones])
            for kind in ("faces", "text"):
                if self._visible[kind]:
                    self._draw_rects(p, kind, [QRectF(target.x() + x * sx, target.y() + y * sy, w * sx, h * sy)
                                               for x, y, w, h in self._boxes[kind]], self._labels[kind])
        if self._message:
            p.setPen(QColor(230, 230, 230))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message)
        p.end()

    def _draw_rects(self, p: QPainter, kind: str, rects: list[QRectF], labels=()) -> None:
        pen_rgba, fill_rgba = _STYLE[kind]
        pen = QPen(QColor(*pen_rgba))
        pen.setWidth(2)
        p.setPen(pen)
        for i, r in enumerate(rects):
            p.fillRect(r, QColor(*fill_rgba))
            p.drawRect(r)
            if i < len(labels) and labels[i]:
                # just above the box (inside it when there is no room), never over the text itself
                h = p.fontMetrics().height()
                top = r.top() - h - 1 if r.top() >= h + 1 else r.bottom() + 1
                label = QRectF(r.left(), top, max(r.width(), 80.0), h)
                p.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, labels[i])
