"""The app-wide look: one palette, readable fonts, a style sheet, sidebar icons.

Organizers use the app in bright field offices and on old laptops, so the look
favours contrast and size over decoration: 10-11 pt text, a dark sidebar with
clear icons, white content cards.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from fieldapp import paths

ROW_HEIGHT = 28
ACCENT = "#1f6feb"
ACCENT_DARK = "#174ea6"
SIDEBAR = "#1b2a3a"
SIDEBAR_TEXT = "#d6e0ea"
BG = "#f4f6f9"
CARD = "#ffffff"
BORDER = "#dde3ea"
TEXT = "#1d2733"
MUTED = "#5b6b7c"
GOOD = "#1a7f37"
WARN = "#b35900"
BAD = "#c62828"

STYLE = f"""
QMainWindow, QWidget#pageArea {{ background: {BG}; }}
QWidget#page {{ background: {BG}; }}
QListWidget#sidebar {{
    background: {SIDEBAR}; color: {SIDEBAR_TEXT}; border: none; outline: 0;
    padding-top: 8px; font-size: 11pt;
}}
QListWidget#sidebar::item {{ padding: 9px 12px; margin: 2px 8px; border-radius: 6px; }}
QListWidget#sidebar::item:hover {{ background: #263b52; }}
QListWidget#sidebar::item:selected {{ background: {ACCENT}; color: white; }}
QLabel#brand {{
    background: {SIDEBAR}; color: white; font-size: 14pt; font-weight: 600;
    padding: 16px 18px 6px 18px;
}}
QLabel#brandSub {{ background: {SIDEBAR}; color: #8fa3b8; padding: 0 18px 10px 18px; }}
QLabel#pageTitle {{ font-size: 17pt; font-weight: 600; color: {TEXT}; }}
QLabel#pageSubtitle {{ color: {MUTED}; }}
QLabel#sectionLabel {{ font-weight: 600; color: {TEXT}; padding-top: 6px; }}
QLabel#emptyState {{ color: {MUTED}; font-size: 11pt; padding: 30px; }}
QLabel#muted {{ color: {MUTED}; }}
QFrame#statCard, QFrame#card {{
    background: {CARD}; border: 1px solid {BORDER}; border-radius: 10px;
}}
QLabel#statValue {{ font-size: 24pt; font-weight: 600; color: {ACCENT_DARK}; }}
QLabel#statCaption {{ color: {TEXT}; font-weight: 600; }}
QLabel#statDetail {{ color: {MUTED}; }}
QTableView, QTreeView, QListView, QTextBrowser {{
    background: {CARD}; border: 1px solid {BORDER}; border-radius: 6px;
    alternate-background-color: #f7f9fc; selection-background-color: #cfe1ff;
    selection-color: {TEXT};
}}
QTableView::item {{ padding: 0 4px; }}
QHeaderView::section {{
    background: #eef2f7; color: {TEXT}; border: none; border-bottom: 1px solid {BORDER};
    padding: 5px 8px; font-weight: 600;
}}
QLineEdit, QComboBox, QSpinBox, QDateTimeEdit {{
    padding: 5px 8px; border: 1px solid {BORDER}; border-radius: 6px; background: white;
}}
QLineEdit:focus, QComboBox:focus {{ border: 1px solid {ACCENT}; }}
QPushButton {{
    padding: 6px 14px; border: 1px solid {BORDER}; border-radius: 6px; background: white;
}}
QPushButton:hover {{ background: #eef4ff; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT_DARK}; }}
QPushButton#primary:hover {{ background: {ACCENT_DARK}; }}
QSplitter::handle {{ background: {BG}; }}
QStatusBar {{ color: {MUTED}; }}
"""

STANDARD_ICONS = {
    "dashboard": QStyle.StandardPixmap.SP_ComputerIcon,
    "map": QStyle.StandardPixmap.SP_DriveNetIcon,
    "turfs": QStyle.StandardPixmap.SP_DirIcon,
    "doors": QStyle.StandardPixmap.SP_DirHomeIcon,
    "people": QStyle.StandardPixmap.SP_FileDialogContentsView,
    "events": QStyle.StandardPixmap.SP_FileDialogDetailedView,
    "sync": QStyle.StandardPixmap.SP_BrowserReload,
    "settings": QStyle.StandardPixmap.SP_FileDialogListView,
}


def icons_dir() -> Path:
    return paths.resources_dir() / "icons"


def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg``, or a Qt standard icon when there is none."""
    svg = icons_dir() / f"{name}.svg"
    if svg.exists():
        return QIcon(str(svg))
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app.style().standardIcon(STANDARD_ICONS.get(name, QStyle.StandardPixmap.SP_FileIcon))
    return QIcon()


def apply(app: QApplication) -> None:
    """Fusion style, a light palette, a readable font and the style sheet."""
    app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(BG))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Base, QColor(CARD))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f7f9fc"))
    palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Button, QColor(CARD))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor(CARD))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(MUTED))
    app.setPalette(palette)
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    chevron = (icons_dir() / "chevron-down.svg").as_posix()
    chevron_up = (icons_dir() / "chevron-up.svg").as_posix()
    app.setStyleSheet(STYLE + (
        "QComboBox::drop-down { border: none; width: 22px; }"
        f"QToolButton[popupMode=\"2\"] {{ padding: 5px 22px 5px 10px; border: 1px solid {BORDER};"
        " border-radius: 6px; background: white; }"
        "QToolButton[popupMode=\"2\"]::menu-indicator { subcontrol-origin: padding;"
        f" subcontrol-position: right center; right: 6px; image: url({chevron});"
        " width: 10px; height: 10px; }"
        f"QComboBox::down-arrow {{ image: url({chevron}); width: 12px; height: 12px; }}"
        # Spin boxes and date fields: the rounded border above squeezes Fusion's own
        # step buttons to slivers, so they get explicit buttons and arrows here.
        "QSpinBox, QDoubleSpinBox, QDateTimeEdit { padding-right: 24px; }"
        "QSpinBox::up-button, QDoubleSpinBox::up-button, QDateTimeEdit::up-button {"
        " subcontrol-origin: border; subcontrol-position: top right; width: 22px; border: none; }"
        "QSpinBox::down-button, QDoubleSpinBox::down-button, QDateTimeEdit::down-button {"
        " subcontrol-origin: border; subcontrol-position: bottom right; width: 22px; border: none; }"
        f"QSpinBox::up-arrow, QDoubleSpinBox::up-arrow, QDateTimeEdit::up-arrow {{ image: url({chevron_up});"
        " width: 10px; height: 10px; }"
        f"QSpinBox::down-arrow, QDoubleSpinBox::down-arrow, QDateTimeEdit::down-arrow {{ image: url({chevron});"
        " width: 10px; height: 10px; }"
        "QDateTimeEdit::drop-down { subcontrol-origin: border; subcontrol-position: center right;"
        " width: 22px; border: none; }"
    ))
