"""One real OpenSSH sshd per running instance, in its own mount namespace.

``unshare --mount --propagation private`` gives the process a private copy of the mount table, then
the instance's ``home`` and ``etc/ssh`` directories are bind-mounted over ``/home`` and ``/etc/ssh``
and sshd is exec'd (unshare and sh both exec, so the pid the lab records is sshd's own).  Inside,
``/home/ec2-user/.ssh/authorized_keys`` and ``/etc/ssh/ssh_host_*`` are that instance's files, as on a
real machine, and the host's own sshd and /home are untouched.  Processes are started from one
long-lived thread (``_spawner``) so that ``PR_SET_PDEATHSIG`` (sshd is told SIGTERM when the lab
dies) is tied to a thread that lives as long as the lab, not to a short-lived request thread.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from . import labdir, patch_instance_connect

SSHD = "/usr/sbin/sshd"
HOST_KEY_TYPES = ("ed25519", "ecdsa", "rsa")
PRIVSEP_DIR = Path("/run/sshd")

_spawner = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="amikey-lab-spawn")
_libc = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1


def _die_with_lab() -> None:
    _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def free_port() -> int:
    """An unprivileged loopback port nobody listens on right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def generate_host_keys(etc_ssh: Path, comment: str) -> None:
    """ed25519, ecdsa and rsa host keys, as cloud-init's ssh module (or sshd-keygen) makes them."""
    for key_type in HOST_KEY_TYPES:
        key = etc_ssh / f"ssh_host_{key_type}_key"
        for stale in (key, key.with_name(key.name + ".pub")):
            stale.unlink(missing_ok=True)
        subprocess.run(["ssh-keygen", "-q", "-t", key_type, "-N", "", "-C", comment, "-f", str(key)],
                       check=True, capture_output=True)
        os.chmod(key, 0o600)
        os.chmod(key.with_name(key.name + ".pub"), 0o644)


def write_config(etc_ssh: Path, port: int, pid_file: Path, allow_users: list[str]) -> None:
    """sshd_config of one instance.

    EC2 Instance Connect's ``AuthorizedKeysCommand`` is installed as the ec2-instance-connect
    package does (``patch_instance_connect``).  ``StrictModes yes`` and key-only login as on EC2 images; root may log in with a key
    (``prohibit-password``, OpenSSH's default), and cloud-init's forced command in root's
    authorized_keys then turns it away.  ``AllowUsers`` (root and the users whose homes are in this
    instance's view) matters because only /home, /root and /etc/ssh are replaced: without it sshd
    would consult other host users' files.
    """
    lines = [
        f"Port {port}",
        "ListenAddress 127.0.0.1",
        *[f"HostKey /etc/ssh/ssh_host_{t}_key" for t in HOST_KEY_TYPES],
        f"PidFile {pid_file}",
        "StrictModes yes",
        "PubkeyAuthentication yes",
        "AuthorizedKeysFile .ssh/authorized_keys",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin prohibit-password",
        "UsePAM no",
        "PrintMotd no",
        "LogLevel VERBOSE",
        f"AllowUsers {' '.join(['root', *allow_users])}",
        *patch_instance_connect.config_lines(),
        "Subsystem sftp internal-sftp",
        "",
    ]
    patch_instance_connect.install(etc_ssh)
    labdir.write_file(etc_ssh / "sshd_config", "\n".join(lines), 0o644)


def namespaced(home: Path, etc_ssh: Path, argv: list[str]) -> list[str]:
    """argv that runs ``argv`` with the instance's /home, /root and /etc/ssh in a private mount
    namespace and the instance's host name in a private UTS namespace (the instance's root home is
    ``<instance>/root`` and its host name ``<instance>/hostname``, next to ``<instance>/home``)."""
    base = home.parent
    script = ('mount --bind "$1" /home && mount --bind "$3" /etc/ssh && mount --bind "$2" /root '
              '&& hostname "$4" && shift 4 && exec "$@"')
    hostname = (base / "hostname").read_text().strip()
    return ["unshare", "--mount", "--uts", "--propagation", "private", "--", "/bin/sh", "-c", script, "sh",
            str(home), str(base / "root"), str(etc_ssh), hostname, *argv]


class SshdExited(RuntimeError):
    """sshd exited right after starting (typically: its port was taken in the meantime)."""


def start(home: Path, etc_ssh: Path, log_file: Path, port: int, timeout: float = 10.0) -> int:
    """Start sshd for an instance and wait until it accepts connections; return its pid."""
    PRIVSEP_DIR.mkdir(mode=0o755, exist_ok=True)  # sshd's privilege-separation directory
    check = subprocess.run(namespaced(home, etc_ssh, [SSHD, "-t", "-f", "/etc/ssh/sshd_config"]),
                           capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"sshd -t refused the instance config: {check.stderr.strip()}")

    def spawn() -> subprocess.Popen:
        log = open(log_file, "ab")
        try:
            return subprocess.Popen(
                namespaced(home, etc_ssh, [SSHD, "-D", "-e", "-f", "/etc/ssh/sshd_config"]),
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, preexec_fn=_die_with_lab,
                close_fds=True)
        finally:
            log.close()

    proc = _spawner.submit(spawn).result()
    _children[proc.pid] = proc
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            _children.pop(proc.pid, None)
            raise SshdExited(f"sshd exited with {proc.returncode}; see {log_file}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                if s.recv(8).startswith(b"SSH-"):
                    return proc.pid
        except OSError:
            time.sleep(0.05)
    stop(proc.pid)
    raise RuntimeError(f"sshd did not listen on 127.0.0.1:{port} within {timeout}s; see {log_file}")


# pid -> Popen of every sshd this process started and has not reaped: the only processes it stops.
_children: dict[int, subprocess.Popen] = {}


def descendants(pid: int) -> list[int]:
    """Every live process below ``pid`` (sshd's per-connection children call setsid(), so neither a
    process group nor a session finds them; their parent links do)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        parents[int(entry)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        children = [p for p, parent in parents.items() if parent == current]
        found += children
        frontier += children
    return found


def _signal_all(pids: list[int], sig: int) -> None:
    for p in pids:
        try:
            os.kill(p, sig)
        except ProcessLookupError:
            pass


def stop(pid: int, timeout: float = 5.0) -> None:
    """Stop one sshd this lab started and everything it forked (open sessions included): by pid,
    SIGTERM then SIGKILL; the listener is reaped here, its orphans by init."""
    proc = _children.pop(pid, None)
    if proc is None:
        return
    below = descendants(pid)
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    _signal_all(below, signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() and not _zombie(p) for p in below):
        time.sleep(0.05)
    _signal_all([p for p in below if Path(f"/proc/{p}").exists() and not _zombie(p)], signal.SIGKILL)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def stop_all() -> None:
    for pid in list(_children):
        stop(pid)


def started_pids() -> list[int]:
    return sorted(_children)


def run_in_view(home: Path, etc_ssh: Path, argv: list[str], env: dict[str, str] | None = None) -> str:
    """Run a program in an instance's view (its /home and /etc/ssh) and return its stdout."""
    out = subprocess.run(namespaced(home, etc_ssh, argv), capture_output=True, text=True, env=env,
                         check=True)
    return out.stdout
