"""Expected errors: each carries a message a person can act on.

The CLI prints ``str(error)`` on one line to stderr and exits 1; the GUI shows
it in a dialog. Anything that is not a :class:`FieldAppError` is a bug and is
logged with its traceback.
"""

from __future__ import annotations


class FieldAppError(Exception):
    """An expected failure with a message for the user."""

    exit_code = 1


class StoreError(FieldAppError):
    """The store cannot be opened or used."""


class StoreTooNewError(StoreError):
    """The store was written by a newer Field App; we never touch it."""


class ClockError(FieldAppError):
    """The hybrid logical clock cannot issue a stamp."""


class InputError(FieldAppError):
    """Bad input from a file or the command line.

    ``where`` names the place (file, line, field) so that the message says
    what is wrong and where.
    """

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class NotFoundError(FieldAppError):
    """A named record (turf, person, event...) does not exist."""


class CancelledError(FieldAppError):
    """Long work was cancelled by the user; nothing was written."""
