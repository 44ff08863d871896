"""``down`` and ``status`` for scripts: they only read the files a lab writes and signal its pid.

``down`` sends SIGTERM to the pid in ``DIR/lab.json`` after checking that this pid really is an
``amikey_lab serve`` process for that directory (a stale lab.json must never make us signal an
unrelated process that reused the pid), then waits for it to exit; the lab stops its own sshds.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path


def _read_info(directory: Path) -> dict | None:
    try:
        return json.loads((directory / "lab.json").read_text())
    except FileNotFoundError:
        return None


def _is_our_lab(pid: int, directory: Path) -> bool:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return False
    args = [a.decode(errors="replace") for a in argv]
    if "amikey_lab" not in args or "serve" not in args or "--dir" not in args:
        return False
    given = Path(args[args.index("--dir") + 1])
    cwd = Path(os.readlink(f"/proc/{pid}/cwd"))
    return (cwd / given).resolve() == directory.resolve()


def _alive(pid: int) -> bool:
    """Running, not just an unreaped zombie (whoever started the lab reaps it, not us)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def down(directory: Path, timeout: float = 30.0) -> int:
    info = _read_info(directory)
    if info is None:
        print(f"amikey lab: no lab is running in {directory} (no lab.json)", file=sys.stderr)
        return 1
    pid = int(info["pid"])
    if not _is_our_lab(pid, directory):
        print(f"amikey lab: pid {pid} in {directory}/lab.json is not this lab; nothing signalled",
              file=sys.stderr)
        return 1
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return 0
        time.sleep(0.1)
    print(f"amikey lab: pid {pid} still running after {timeout}s", file=sys.stderr)
    return 1


def status(directory: Path) -> int:
    info = _read_info(directory)
    if info is None:
        print(f"amikey lab: no lab is running in {directory}", file=sys.stderr)
        return 1
    state_path = directory / "state.json"
    state = json.loads(state_path.read_text()) if state_path.exists() else {"instances": []}
    print(json.dumps({"lab": info, "instances": state["instances"]}, indent=2))
    return 0
