"""Finds background work a test leaves running when it ends (as napari's conftest does for its Qt tests): a thread pool
with a job still running, a QThread still running, a Python thread still alive. Work left running can change the
file after the test has closed it, or fail a later test far from the cause."""

from __future__ import annotations

import threading
import traceback
import weakref

import pytest

# A job's thread returns a moment after its answer has been delivered on the GUI thread; no more is allowed.
GRACE_MS = 1000


def _started_at() -> str:
    """Where the work was started: the innermost frames of the app and the tests, not pytest's."""
    frames = [f for f in traceback.extract_stack()[:-2] if "swhc_desktop" in f.filename or "/tests/" in f.filename]
    return " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames[-4:]))


class LeakWatch:
    """Notes every thread pool given a job and every QThread started while it watches; then says which still run."""

    def __init__(self, qt: bool):
        self.qt = qt
        self.python_threads_before = set(threading.enumerate())
        self.pools: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self.qthreads: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self.patches = pytest.MonkeyPatch()
        if qt:
            self._watch_qt()

    def _watch_qt(self) -> None:
        from PySide6.QtCore import QThread, QThreadPool

        watch = self
        start_job, start_thread = QThreadPool.start, QThread.start

        def start_job_watched(pool, *args, **kwargs):
            watch.pools.setdefault(pool, []).append(_started_at())
            return start_job(pool, *args, **kwargs)

        def start_thread_watched(thread, *args, **kwargs):
            watch.qthreads[thread] = _started_at()
            return start_thread(thread, *args, **kwargs)

        self.patches.setattr(QThreadPool, "start", start_job_watched)
        self.patches.setattr(QThread, "start", start_thread_watched)

    def left_running(self, grace_ms: int = GRACE_MS) -> list[str]:
        """What is still running once each has been given a moment to finish; stops watching."""
        self.patches.undo()
        running = []
        for pool, places in list(self.pools.items()):
            try:
                if not pool.waitForDone(grace_ms):
                    running.append(f"a thread pool's job, started at {places[-1]}")
                    pool.clear()
            except RuntimeError:  # already deleted, which waits for its jobs
                pass
        for thread, place in list(self.qthreads.items()):
            try:
                if not thread.wait(grace_ms):
                    running.append(f"a QThread, started at {place}")
            except RuntimeError:
                pass
        for thread in set(threading.enumerate()) - self.python_threads_before:
            if isinstance(thread, threading._DummyThread):  # a thread Python did not start (a pool's), seen by it
                continue
            thread.join(grace_ms / 1000)
            if thread.is_alive():
                running.append(f"the Python thread {thread.name!r}")
        return running
