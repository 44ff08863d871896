"""Login users on the host, so that each instance's sshd admits them.

sshd looks users up in the host's passwd database (every instance shares it); their homes live only
in the instances' own ``/home`` views.  A user the lab creates gets home ``/home/<name>`` (never
created on the host), shell ``/bin/bash`` and password field ``*``: no password can log in, but the
account is not *locked* (``!``), which sshd would refuse even for a valid key.
"""

from __future__ import annotations

import pwd
import re
import subprocess
import threading

_lock = threading.Lock()
_NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,30}$")


class UserError(RuntimeError):
    pass


def ensure_user(name: str) -> pwd.struct_passwd:
    """Return the passwd entry of ``name``, creating the user on the host when it does not exist."""
    if not _NAME.match(name):
        raise UserError(f"invalid login user name {name!r}")
    with _lock:
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            subprocess.run(
                ["useradd", "--no-create-home", "--home-dir", f"/home/{name}", "--shell", "/bin/bash",
                 "--user-group", "--password", "*", name],
                check=True, capture_output=True,
            )
            entry = pwd.getpwnam(name)
    if entry.pw_dir != f"/home/{name}":
        raise UserError(
            f"host user {name} exists with home {entry.pw_dir}; the lab needs /home/{name} "
            "(the instance's /home view is where its files are)"
        )
    if entry.pw_uid == 0:
        raise UserError(f"{name} is uid 0; the lab never hands root's identity to an instance user")
    return entry
