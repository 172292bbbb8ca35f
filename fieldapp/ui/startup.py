"""Start-up checks made before the QApplication exists, so that a failure says why.

Qt aborts when its X11 platform plugin cannot load ("reinstalling the
application may fix this problem") or when the display cannot be opened; the
real cause was only in the log. :func:`platform_problem` finds both first:
the system libraries the xcb plugin needs that are missing (named with their
Debian/Ubuntu and Fedora packages), and a display that is not there. The
message goes to stderr and, when a desktop dialog tool is installed, to a
dialog (Qt cannot show one at that point).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)

# soname -> (Debian/Ubuntu package, Fedora package)
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libSM.so.6": ("libsm6", "libSM"),
    "libICE.so.6": ("libice6", "libICE"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)


def xcb_plugin() -> Path | None:
    """Qt's xcb platform plugin in this installation, if there is one."""
    from PySide6.QtCore import QLibraryInfo  # QtCore loads without any display library

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    found = sorted(folder.glob("libqxcb*.so*"))
    return found[0] if found else None


def missing_libraries(library: Path) -> list[str]:
    """The shared libraries ``library`` needs that the system lacks (by ``ldd``), in order, once each."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        out = subprocess.run([ldd, str(library)], capture_output=True, text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        log.info("ldd failed on %s: %s", library, exc)
        return []
    return list(dict.fromkeys(_NOT_FOUND.findall(out)))


def install_hint(missing: list[str]) -> str:
    """The packages that bring ``missing``, for Debian/Ubuntu and Fedora."""
    debian = list(dict.fromkeys(PACKAGES.get(lib, (lib, lib))[0] for lib in missing))
    fedora = list(dict.fromkeys(PACKAGES.get(lib, (lib, lib))[1] for lib in missing))
    return (f"  Debian/Ubuntu: sudo apt-get install {' '.join(debian)}\n"
            f"  Fedora:        sudo dnf install {' '.join(fedora)}")


def missing_debian_packages() -> list[str]:
    """Debian packages that would bring the libraries the xcb plugin lacks (for ``make run``)."""
    plugin = xcb_plugin()
    missing = missing_libraries(plugin) if plugin is not None else []
    return list(dict.fromkeys(PACKAGES.get(lib, (lib, lib))[0] for lib in missing))


def _wants_xcb(env: dict[str, str]) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0] == "xcb"
    return not env.get("WAYLAND_DISPLAY")  # Qt picks wayland first in a Wayland session


def _display_opens(display: str) -> bool:
    """Whether an X connection to ``display`` can be made (through libxcb, without Qt)."""
    name = ctypes.util.find_library("xcb")
    if name is None:
        return True  # cannot tell; Qt will say
    try:
        xcb = ctypes.CDLL(name)
        xcb.xcb_connect.restype = ctypes.c_void_p
        xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
        xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
        xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
        conn = xcb.xcb_connect(display.encode(), None)
        failed = bool(xcb.xcb_connection_has_error(conn))
        xcb.xcb_disconnect(conn)
        return not failed
    except (OSError, AttributeError):
        return True


def platform_problem(env: dict[str, str] | None = None, plugin: Path | None = None) -> str | None:
    """Why the GUI cannot start here, in words a person can act on; ``None`` when it can."""
    env = dict(os.environ if env is None else env)
    if not _wants_xcb(env):
        return None
    plugin = plugin or xcb_plugin()
    missing = missing_libraries(plugin) if plugin is not None else []
    if missing:
        return ("Field App cannot open its window: the Qt X11 platform plugin needs system libraries "
                f"that are not installed: {', '.join(missing)}.\nInstall them with:\n{install_hint(missing)}\n"
                "(The README lists every system package a desktop Linux install needs.)")
    display = env.get("DISPLAY", "")
    if not display:
        return ("Field App cannot open its window: no display (DISPLAY is not set). Start it from a "
                "desktop session, or use the fieldapp command line.")
    if not _display_opens(display):
        return (f"Field App cannot open its window: the display {display!r} cannot be opened "
                "(is the desktop session still running, and may this user use it?).")
    return None


def tell(message: str) -> None:
    """On stderr, and in a desktop dialog when a dialog tool is there to show one."""
    sys.stderr.write(f"fieldapp: {message}\n")
    log.info("start-up failed: %s", message.splitlines()[0])
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return
    for tool, args in (("zenity", ["--error", "--no-markup", "--text"]), ("kdialog", ["--error"]),
                       ("xmessage", ["-center"])):
        path = shutil.which(tool)
        if path is None:
            continue
        try:
            subprocess.run([path, *args, message], timeout=600, check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return
        except (OSError, subprocess.SubprocessError):
            continue


if __name__ == "__main__":  # ``python -m fieldapp.ui.startup``: the Debian packages missing, one a line
    sys.stdout.write("".join(f"{name}\n" for name in missing_debian_packages()))
