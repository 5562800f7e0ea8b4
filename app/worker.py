"""One worker helper for every engine call made by the GUI.

`TaskRunner.run(title, fn, ...)` runs `fn(ws, progress, cancel)` on a pool thread with the
workspace's own per-thread DuckDB connection, throttles progress to the GUI, and delivers
the result or the error back on the GUI thread. A runner owns at most one task: starting a
new one cancels the old (one exclusive task per screen). Every task is announced to the
app-wide `TaskMonitor`, which the status bar shows (progress, Cancel, notifications).
"""
from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from engine.errors import Cancelled, O2OError
from engine.progress import CancelToken

PROGRESS_INTERVAL_S = 0.1


@dataclass
class TaskError:
    """What the GUI shows of a failure: one line, and copyable details."""
    title: str
    message: str
    details: str = ""
    cancelled: bool = False


@dataclass
class Task:
    title: str
    cancel: CancelToken = field(default_factory=CancelToken)
    fraction: float = 0.0
    message: str = ""
    done: bool = False


class _Signals(QObject):
    progressed = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable, task: Task, signals: _Signals, workspace):
        super().__init__()
        self.setAutoDelete(True)
        self.fn, self.task, self.signals, self.workspace = fn, task, signals, workspace
        self._last_emit = 0.0

    def _progress(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - self._last_emit >= PROGRESS_INTERVAL_S or fraction >= 1.0:
            self._last_emit = now
            self.signals.progressed.emit(float(fraction), str(message))

    def run(self) -> None:
        ws = None
        try:
            ws = self.workspace.for_thread() if self.workspace is not None else None
            # a function that returns after a cancel reports what it did (a batch import keeps the
            # files finished before the cancel); only a raised Cancelled means "nothing changed"
            result = self.fn(ws, self._progress, self.task.cancel)
        except Cancelled as exc:
            self.signals.failed.emit(TaskError(self.task.title, exc.message, cancelled=True))
        except O2OError as exc:
            self.signals.failed.emit(TaskError(self.task.title, exc.one_line(), traceback.format_exc()))
        except Exception as exc:  # shown to the user with details; never swallowed
            cancelled = self.task.cancel.cancelled
            self.signals.failed.emit(TaskError(
                self.task.title, "Cancelled; nothing was changed" if cancelled else f"{type(exc).__name__}: {exc}",
                traceback.format_exc(), cancelled=cancelled))
        else:
            self.signals.finished.emit(result)
        finally:
            if ws is not None:
                ws.close()


class TaskMonitor(QObject):
    """App-wide view of running tasks, for the status bar and the notification area."""
    started = Signal(object)          # Task
    progressed = Signal(object)       # Task
    ended = Signal(object, str, str)  # Task, level ("info" | "warning" | "error"), message

    def __init__(self) -> None:
        super().__init__()
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(4)
        self.running: list[Task] = []

    def cancel_all(self) -> None:
        for task in list(self.running):
            task.cancel.cancel()

    def cancel_latest(self) -> None:
        if self.running:
            self.running[-1].cancel.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)


class TaskRunner(QObject):
    """One exclusive task at a time for its owner (a screen)."""
    busy_changed = Signal(bool)

    def __init__(self, monitor: TaskMonitor, parent: QObject | None = None):
        super().__init__(parent)
        self.monitor = monitor
        self.current: Task | None = None

    @property
    def busy(self) -> bool:
        return self.current is not None

    def cancel(self) -> None:
        if self.current:
            self.current.cancel.cancel()

    def run(self, title: str, fn: Callable[[Any, Callable, CancelToken], Any], *, workspace,
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[TaskError], None] | None = None,
            on_progress: Callable[[float, str], None] | None = None,
            done_message: Callable[[Any], str] | None = None, quiet: bool = False) -> Task:
        """Run fn(ws_for_thread, progress, cancel) off the GUI thread.

        on_done/on_error run on the GUI thread; a superseded task's outcome is dropped.
        `quiet` tasks (view refreshes) are not listed in the notification area when they succeed.
        """
        if self.current:
            self.current.cancel.cancel()
        task = Task(title)
        signals = _Signals()
        self.current = task
        self.monitor.running.append(task)
        self.monitor.started.emit(task)
        self.busy_changed.emit(True)

        def finish(level: str, message: str) -> None:
            task.done = True
            if task in self.monitor.running:
                self.monitor.running.remove(task)
            self.monitor.ended.emit(task, level, "" if quiet and level == "info" else message)
            signals.deleteLater()
            if self.current is task:
                self.current = None
                self.busy_changed.emit(False)

        def progressed(fraction: float, message: str) -> None:
            task.fraction, task.message = fraction, message
            self.monitor.progressed.emit(task)
            if on_progress and self.current is task:
                on_progress(fraction, message)

        def finished(result) -> None:
            superseded = self.current is not task
            finish("info", done_message(result) if done_message else f"{title}: done")
            if not superseded and on_done:
                on_done(result)

        def failed(error: TaskError) -> None:
            superseded = self.current is not task
            if error.cancelled and superseded and quiet:
                finish("info", "")  # a view refresh replaced by a newer one: nothing to tell
            else:
                finish("warning" if error.cancelled else "error", f"{title}: {error.message}")
            if not superseded and on_error:
                on_error(error)

        signals.progressed.connect(progressed)
        signals.finished.connect(finished)
        signals.failed.connect(failed)
        self.monitor.pool.start(_Job(fn, task, signals, workspace))
        return task
