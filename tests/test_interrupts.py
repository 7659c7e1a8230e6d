"""flows/interrupts.py: a SIGTERM ends a CLI run with 143 even if Prefect's handler is lost.

Each case runs a small script in a subprocess, since the point is how the process ends.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT

# Prefect's SIGTERM handler raises; here the signal lands while the main thread is in a
# `__del__`, where Python prints "Exception ignored" and goes on (the CI flake of issue 14).
SWALLOWED = textwrap.dedent("""
    import contextlib, os, signal, time
    from flows import interrupts

    def prefect_like(signum, frame):
        raise RuntimeError("TerminationSignal")

    class Finaliser:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)  # the handler runs here, inside __del__

    with interrupts.stop_promptly():
        signal.signal(signal.SIGTERM, prefect_like)  # what Prefect's engine installs
        with {block}:
            Finaliser()
            time.sleep(0.2)
            print("went on", flush=True)
""")


def _run(block: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", SWALLOWED.format(block=block)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_a_sigterm_swallowed_in_a_finaliser_still_ends_the_run_with_143():
    done = _run("interrupts.backstop_prefect_sigterm()")
    assert done.returncode == 143, done.stderr
    assert done.stderr.strip() == ("interrupted by SIGTERM: stopped; published batches are "
                                   "kept, the next run resumes")  # no "Exception ignored"
    assert "went on" not in done.stdout  # stopped at once, not by the timer


def test_a_sigterm_that_only_goes_missing_is_ended_by_the_timer():
    """If Prefect's exception is caught by code in between, the timer still ends the run."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import os, signal, time
        from flows import interrupts
        def prefect_like(signum, frame):
            raise RuntimeError("TerminationSignal")
        with interrupts.stop_promptly():
            signal.signal(signal.SIGTERM, prefect_like)
            with interrupts.backstop_prefect_sigterm():
                try:
                    os.kill(os.getpid(), signal.SIGTERM)
                    time.sleep(0.1)
                except RuntimeError:
                    pass  # a broad except in between
                print("went on", flush=True)
    """)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 143, done.stderr
    assert "went on" in done.stdout and "interrupted by SIGTERM" in done.stderr


def test_without_the_backstop_the_swallowed_sigterm_would_exit_0():
    """The failure the backstop exists for, reproduced (so the test above can fail)."""
    done = _run("contextlib.nullcontext()")  # no backstop
    assert "Exception ignored" in done.stderr
    assert done.returncode == 0 and "went on" in done.stdout


def test_outside_a_cli_run_the_backstop_does_nothing():
    """A deployment's flow (no `stop_promptly`) keeps Prefect's SIGTERM handling as is."""
    script = textwrap.dedent("""
        import signal
        from flows import interrupts
        def mine(signum, frame): pass
        signal.signal(signal.SIGTERM, mine)
        with interrupts.backstop_prefect_sigterm():
            assert signal.getsignal(signal.SIGTERM) is mine
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr
