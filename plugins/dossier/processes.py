"""Work shared with a forked process: the CPUs this process may use, whether
the platform forks, and work run in a forked child.

A forked child starts with the parent's memory as it is (the read archive,
the plan, the linker's compiled patterns), so nothing is pickled to hand it
its work; it leaves without the parent's clean-up.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import sys
from collections.abc import Callable


def cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether this platform forks processes (work is shared with a forked
    child only where it does: not on Windows)."""
    return "fork" in mp.get_all_start_methods()


def forked(work: Callable[[], int]) -> int | None:
    """Run ``work`` in a forked child, which leaves with the status it
    returns (1 if it raises), its output flushed, without the parent's
    clean-up (exit handlers, open files' buffers); the child's process id,
    or None (nothing run) where no process can be forked."""
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:
        code = 1
        try:
            code = work()
        finally:
            for stream in (sys.stdout, sys.stderr):  # _exit skips the usual flush
                with contextlib.suppress(Exception):
                    stream.flush()
            os._exit(code)
    return pid
