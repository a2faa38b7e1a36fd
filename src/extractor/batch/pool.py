"""Worker processes a long batch can rely on: results in input order, a time limit per file, a memory bound per
worker, a prompt stop on Ctrl-C, and no worker left behind when the main process dies.

`concurrent.futures` cannot end one runaway task without breaking its pool, so each worker here is a process
with a pipe of its own: the main process hands it one path at a time and waits on all the pipes with the
nearest deadline as time-out. A worker past its deadline is killed and replaced; one that dies (killed by the
system, out of memory in C code) is replaced too, and its file gets an error code. Workers ignore SIGINT (the
main process stops them) and ask the kernel to kill them when their parent dies (Linux), so even a SIGKILL of
the main process leaves no orphan. With one job the work runs in this process, under a SIGALRM time limit.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import wait

Work = Callable[[str], object]
Failure = Callable[[str, str, str], object]  # (path, error code, message) → an outcome for that file


class _OutOfTime(BaseException):
    """Raised by SIGALRM inside a one-process batch; a BaseException so that no `except Exception` swallows it."""


def run(paths: list[str], work: Work, failure: Failure, *, jobs: int, timeout: float, memory_mb: float) -> Iterator:
    """work(path) for every path, yielded in input order; a file past `timeout` seconds or whose worker dies
    yields failure(path, code, message) instead."""
    if jobs == 1 or len(paths) < 2:
        for path in paths:
            yield _in_process(path, work, failure, timeout)
        return
    yield from _Pool(work, min(jobs, len(paths)), memory_mb).run(paths, failure, timeout)


def _in_process(path: str, work: Work, failure: Failure, timeout: float):
    try:
        with _alarm(timeout):
            return work(path)
    except _OutOfTime:
        return failure(path, "timeout", _late(timeout))


def _late(timeout: float) -> str:
    return f"the conversion took longer than {timeout:g} s and was stopped; raise EXTRACTOR_FILE_TIMEOUT to allow more"


@contextmanager
def _alarm(seconds: float):
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield  # no timer here: the file runs without a limit
        return

    def expire(signum, frame):
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Worker:
    def __init__(self, context, work: Work, memory_mb: float):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, work, memory_mb), daemon=True)
        self.process.start()
        child.close()
        self.task: tuple[int, str, float] | None = None  # (index, path, deadline)

    def give(self, index: int, path: str, timeout: float) -> None:
        self.task = (index, path, time.monotonic() + timeout)
        self.conn.send(path)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


class _Pool:
    def __init__(self, work: Work, jobs: int, memory_mb: float):
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.work, self.jobs, self.memory_mb = work, jobs, memory_mb

    def run(self, paths: list[str], failure: Failure, timeout: float) -> Iterator:
        workers = [_Worker(self.context, self.work, self.memory_mb) for _ in range(self.jobs)]
        todo = iter(enumerate(paths))
        done: dict[int, object] = {}
        emitted = 0
        try:
            for worker in workers:
                self._feed(worker, todo, timeout)
            while emitted < len(paths):
                busy = [w for w in workers if w.task]
                nearest = min(w.task[2] for w in busy) - time.monotonic() if busy else 0
                for conn in wait([w.conn for w in busy], timeout=max(nearest, 0)):
                    worker = next(w for w in busy if w.conn is conn)
                    index, path, _ = worker.task
                    try:
                        done[index] = conn.recv()
                    except (EOFError, OSError):  # the worker died on this file
                        code = worker.process.exitcode
                        done[index] = failure(path, "worker_crashed", f"the worker converting this file died (exit code {code}); "
                                              "it may need more memory than EXTRACTOR_WORKER_MEMORY_MB allows")
                        worker = self._replace(workers, worker)
                    worker.task = None
                    self._feed(worker, todo, timeout)
                now = time.monotonic()
                for worker in [w for w in workers if w.task and w.task[2] <= now]:
                    index, path, _ = worker.task
                    done[index] = failure(path, "timeout", _late(timeout))
                    worker = self._replace(workers, worker)
                    self._feed(worker, todo, timeout)
                while emitted in done:
                    yield done.pop(emitted)
                    emitted += 1
        finally:
            for worker in workers:
                worker.stop()

    def _replace(self, workers: list[_Worker], worker: _Worker) -> _Worker:
        worker.stop()
        fresh = _Worker(self.context, self.work, self.memory_mb)
        workers[workers.index(worker)] = fresh
        return fresh

    @staticmethod
    def _feed(worker: _Worker, todo, timeout: float) -> None:
        task = next(todo, None)
        if task is not None:
            worker.give(*task, timeout)


def _serve(conn, work: Work, memory_mb: float) -> None:
    """A worker's life: convert each path it is handed until its pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the main process decides
    _die_with_parent()
    _bound_memory(memory_mb)
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):  # the main process is gone
            return
        conn.send(work(path))


def _die_with_parent() -> None:
    """Linux: have the kernel send SIGKILL to this worker when the process that started it dies."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)


def _bound_memory(memory_mb: float) -> None:
    try:
        import resource
    except ImportError:  # not on this platform
        return
    limit = int(memory_mb * 2**20)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
