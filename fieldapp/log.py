"""Logging: a rotating file in the user log folder, warnings to stderr.

``setup`` may run more than once in a process (tests call the CLI's ``main``
with different data folders): each call replaces the handlers the previous
one added, so the log file always follows the current data folder.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys

from fieldapp import paths

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_OURS = "_fieldapp_handler"
FILE_ONLY = "fieldapp_file_only"  # extra={FILE_ONLY: True}: a record for the log file, not stderr


# --------------------------------------------------------------------------- redaction

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w-])(\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}(?![\w-])")
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
_PARAMETERS = re.compile(r"\[parameters: [^\n]*\]")


def redact(text: str) -> str:
    """``text`` with what may be a person's data taken out: e-mail addresses, phone
    numbers, quoted values ('Marisol', "4817 N Teutonia Ave") and SQL parameters.

    For exception messages, which often repeat the value that failed (``int('414-555…')``,
    a ``KeyError`` on a name, a SQL error with its parameters): crash dialogs and the log
    file show the kind of error and where it happened, never the voter it happened on."""
    text = _PARAMETERS.sub("[parameters: hidden]", text)
    text = _EMAIL.sub("<email>", text)
    text = _PHONE.sub("<phone>", text)
    return _QUOTED.sub("'…'", text)


def redact_traceback(text: str) -> str:
    """A formatted traceback with its message lines redacted (code lines kept as they are:
    they start with spaces)."""
    return "\n".join(line if line.startswith(" ") or line.startswith("Traceback (")
                     else redact(line) for line in text.split("\n"))


class RedactingFormatter(logging.Formatter):
    """Every line gets e-mails and phone numbers taken out; tracebacks their messages."""

    def formatException(self, ei: object) -> str:
        return redact_traceback(super().formatException(ei))  # type: ignore[arg-type]

    def format(self, record: logging.LogRecord) -> str:
        cached = record.exc_text  # another handler's unredacted traceback: not reused
        record.exc_text = None
        try:
            text = super().format(record)
        finally:
            record.exc_text = cached
        return _PHONE.sub("<phone>", _EMAIL.sub("<email>", text))


def _not_file_only(record: logging.LogRecord) -> bool:
    return not getattr(record, FILE_ONLY, False)


def log_file() -> str | None:
    """The log file the current handlers write, if any."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, _OURS, False) and isinstance(handler, logging.FileHandler):
            return handler.baseFilename
    return None


def setup(verbose: bool = False) -> None:
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        folder = paths.ensure(paths.dirs().logs)
        file_handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / "fieldapp.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        file_handler.setFormatter(RedactingFormatter(FORMAT))
        setattr(file_handler, _OURS, True)
        root.addHandler(file_handler)
    except OSError:
        pass  # a read-only home must not stop the app; stderr still gets warnings
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(RedactingFormatter("%(levelname)s: %(message)s"))
    console.addFilter(_not_file_only)
    setattr(console, _OURS, True)
    root.addHandler(console)
