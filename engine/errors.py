"""User-facing error types: each says what was wrong, where, and what to do."""
from __future__ import annotations


class O2OError(Exception):
    """An error an analyst can act on.

    `where` names the place (file, line, row, frame); `hint` says what to do next.
    """

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} — {self.hint}" if self.hint else text


class Cancelled(O2OError):
    """The user cancelled; whatever ran was rolled back."""

    def __init__(self, message: str = "Cancelled; nothing was changed"):
        super().__init__(message)


class NotAWorkspace(O2OError):
    pass


class NewerWorkspace(O2OError):
    pass


class ReadOnlyWorkspace(O2OError):
    pass


class SecretUnavailable(O2OError):
    """No usable place for the workspace's hashing secret (keyring or passphrase)."""


class ImportRefused(O2OError):
    """A file that cannot be imported at all (not that format, unsupported, empty)."""


class ReadAgain(O2OError):
    """The loader learned something about the file only by reading it (a mix of line ends past
    the sample) and must start again: run_import rolls back and runs it once more (DuckDB has no
    savepoints, and a failed read aborts the transaction)."""
