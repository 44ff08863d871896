"""One lab per test session (plus a second one for side-by-side and pending tests); every test makes
its own accounts (AssumeRole into fresh ids), so tests share the server without sharing state."""

from __future__ import annotations

import shutil
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from labkit import pid_alive, port_listening, start_lab, stop_lab, test_root  # noqa: E402


@pytest.fixture(scope="session")
def session_root():
    root = test_root() / f"run-{uuid.uuid4().hex[:8]}"
    root.mkdir(mode=0o700)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _lab_fixture(root: Path, name: str, *extra: str):
    lab = start_lab(root / name, *extra)
    try:
        yield lab
    finally:
        state = lab.state()
        stop_lab(lab)
        # lab down leaves nothing: no launcher, no sshd it started, no listening port.
        assert not pid_alive(lab.process.pid)
        for pid in state["sshdPids"]:
            assert not pid_alive(pid), f"sshd {pid} survived the lab"
        for inst in state["instances"]:
            if inst["port"]:
                assert not port_listening(inst["port"])


@pytest.fixture(scope="session")
def lab(session_root):
    yield from _lab_fixture(session_root, "lab1")


@pytest.fixture(scope="session")
def pending_lab(session_root):
    """A second lab, side by side with the first, whose new resources stay pending for 2 polls."""
    yield from _lab_fixture(session_root, "lab2", "--pending-polls", "2")
