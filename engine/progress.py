"""Progress reporting and cancellation shared by every long engine function."""
from __future__ import annotations

import threading
from typing import Callable, Protocol

from engine.errors import Cancelled

ProgressFn = Callable[[float, str], None]


def no_progress(fraction: float, message: str) -> None:  # noqa: ARG001 - the default sink
    return None


class Interruptible(Protocol):
    def interrupt(self) -> None: ...


class CancelToken:
    """Set from any thread; long work polls `check()` and DuckDB queries get interrupted."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._connections: list[Interruptible] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()
        with self._lock:
            for con in self._connections:
                try:
                    con.interrupt()
                except Exception:  # a closed connection has nothing left to interrupt
                    pass

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def watch(self, connection: Interruptible) -> None:
        """Interrupt this DuckDB connection's running query when cancelled."""
        with self._lock:
            self._connections.append(connection)

    def unwatch(self, connection: Interruptible) -> None:
        with self._lock:
            if connection in self._connections:
                self._connections.remove(connection)


