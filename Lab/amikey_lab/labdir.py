"""The lab directory: where every instance's files live, and the rules that keep sshd happy with them.

sshd's StrictModes refuses an ``authorized_keys`` whose file or any directory above it (as the
instance sees the path) is writable by anyone but its owner or root.  Each instance sees its own
``/home``, ``/root`` and ``/etc/ssh`` (bind mounts in its own mount namespace), so those trees are
built here root-owned (0755; /root 0700), users' homes 0700 and ``.ssh`` 0700.  The lab directory
itself is 0700 and must not sit below a world-writable directory (``/tmp``): someone else could
otherwise swap a directory on the way between the lab creating an instance's files and sshd reading
them.  Nor may it be inside /home, /root or /etc/ssh, which the instances' views replace.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class LabDirError(RuntimeError):
    """The directory given with ``--dir`` cannot hold a lab."""


# Each instance's view replaces these host paths; a lab directory inside them would vanish from the
# instance's own view (its sshd writes its pid file there, the console helper runs a shim from there).
_SHADOWED = (Path("/home"), Path("/root"), Path("/etc/ssh"))


def check_parents(path: Path) -> None:
    """Refuse a lab directory below a world-writable directory or below /home or /etc/ssh."""
    path = path.resolve()
    for shadowed in _SHADOWED:
        if path == shadowed or shadowed in path.parents:
            raise LabDirError(
                f"{path} is inside {shadowed}, which every instance's mount namespace replaces; "
                "choose a directory elsewhere (for example /var/lib/amikey-lab)"
            )
    for parent in path.parents:
        try:
            mode = parent.stat().st_mode
        except FileNotFoundError:
            continue
        if mode & stat.S_IWOTH:
            raise LabDirError(
                f"{path} is below {parent}, which anyone can write to (mode {stat.filemode(mode)}); "
                "the lab keeps instance files out of world-writable directories — choose another --dir"
            )


def prepare(path: Path) -> Path:
    """Create (or adopt) the lab directory with mode 0700 and its fixed sub-directories."""
    check_parents(path)
    path = path.resolve()
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    for sub in ("instances", "images", "bin"):
        make_dir(path / sub, 0o700)
    return path


def make_dir(path: Path, mode: int, uid: int = 0, gid: int = 0) -> Path:
    """mkdir with an exact mode and owner (umask would otherwise decide the mode)."""
    path.mkdir(parents=True, exist_ok=True)
    os.chown(path, uid, gid)
    os.chmod(path, mode)
    return path


def write_file(path: Path, data: bytes | str, mode: int, uid: int = 0, gid: int = 0) -> None:
    """Write a file atomically (temporary name, then rename) with an exact mode and owner."""
    if isinstance(data, str):
        data = data.encode()
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    os.chown(tmp, uid, gid)
    os.chmod(tmp, mode)
    os.replace(tmp, path)
