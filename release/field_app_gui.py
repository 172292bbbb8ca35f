"""Entry point of the windowed ``Field App`` program of the standalone build.

It is the ``fieldapp`` command, whose default is the app; global options still work
(``"Field App" --data-dir DIR``). A windowed program on Windows has no console, so
``sys.stdout``/``sys.stderr`` are ``None``; they go to the null device, and errors reach
the person through the app's dialogs and the log file.
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from fieldapp.cli import main  # noqa: E402

if __name__ == "__main__":
    if sys.argv[1:2] == ["--fieldapp-import-reader"]:
        # the standalone build starts a voter import's reader process as itself
        from fieldapp.services.importing.reader_process import serve

        sys.exit(serve())
    # Finder passes -psn_... to apps started from it on older macOS; it is no option of ours.
    # With no command the CLI opens the app, so the arguments pass through as they are.
    sys.exit(main([a for a in sys.argv[1:] if not a.startswith("-psn_")]))
