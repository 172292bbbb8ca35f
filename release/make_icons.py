"""Make every platform's icons from the one drawing, ``fieldapp/resources/icons/app.svg``.

    python release/make_icons.py [OUT]      (default OUT: build/icons)

OUT/hicolor/<N>x<N>/apps/org.fieldapp.FieldApp.png for the Linux icon theme (plus the SVG
as scalable/), OUT/fieldapp.ico for Windows and OUT/fieldapp.icns for macOS. Qt draws the
SVG (PySide6 is a dependency anyway, and runs offscreen); Pillow, which reportlab already
needs, writes the .ico and .icns containers.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

APP_ID = "org.fieldapp.FieldApp"
ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "fieldapp" / "resources" / "icons" / "app.svg"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(svg: Path, size: int, target: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"make_icons: cannot write {target}")


def make_icons(out: Path, svg: Path = SVG) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    made: list[Path] = []
    pngs: dict[int, Path] = {}
    for size in sorted(set(HICOLOR_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES)):
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        render(svg, size, target)
        pngs[size] = target
        if size in HICOLOR_SIZES:
            made.append(target)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    made.append(scalable)
    # 1024 is no hicolor size; it only feeds the .icns.
    big = Image.open(pngs[1024]).convert("RGBA")
    ico = out / "fieldapp.ico"
    Image.open(pngs[256]).convert("RGBA").save(ico, sizes=[(s, s) for s in ICO_SIZES])
    icns = out / "fieldapp.icns"
    big.save(icns, sizes=[(s, s) for s in ICNS_SIZES if s <= 512])
    shutil.rmtree(out / "hicolor" / "1024x1024", ignore_errors=True)
    return [*made, ico, icns]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icons"
    for path in make_icons(target):
        print(path.relative_to(target))
