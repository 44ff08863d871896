"""The serial console log of a lab instance, as EC2 GetConsoleOutput returns it.

On a real EC2 Linux instance the console carries the kernel and systemd boot messages and, on the
first boot of each instance, two cloud-init per-instance modules that matter for amikey:
``ssh_authkey_fingerprints`` (the ``ci-info:`` table of each default user's authorized_keys) and
``keys_to_console`` (the ``BEGIN SSH HOST KEY FINGERPRINTS`` and ``BEGIN SSH HOST KEY KEYS`` blocks,
printed by cloud-init's helper script ``write-ssh-key-fingerprints``), then the final banner.
Both module outputs are produced here by cloud-init's own code (``cloudinit_bridge``) from the
instance's real files: the table from its ``authorized_keys``, the host-key blocks by running the
helper script inside the instance's mount namespace so ``/etc/ssh/ssh_host_*key.pub`` are its keys.
Per-instance modules do not run again after a stop/start, so a later boot's log has neither.
AWS: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/troubleshoot-unreachable-instance.html
(instance console output) and reference/ssh-on-ec2.md §5.
"""

from __future__ import annotations

import email.utils
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

from . import cloudinit_bridge, sshd


def _logger_shim(bin_dir: Path) -> Path:
    """A ``logger`` that works without a syslog socket.

    ``write-ssh-key-fingerprints`` prints its fingerprint lines through ``logger -s`` (stderr copy of a
    syslog message: ``<14>Mon DD HH:MM:SS cloud-init: ...``).  util-linux logger exits without
    printing when /dev/log is missing, as on this lab's host; ``--socket-errors=off`` keeps the stderr
    copy, byte for byte what it prints on a machine with syslog.
    """
    shim = bin_dir / "logger"
    if not shim.exists():
        shim.write_text('#!/bin/sh\nexec /usr/bin/logger --socket-errors=off "$@"\n')
        os.chmod(shim, 0o755)
    return bin_dir


def host_key_blocks(home: Path, etc_ssh: Path, bin_dir: Path) -> str:
    """Run cloud-init's write-ssh-key-fingerprints in the instance's view, as cc_keys_to_console does
    (``[helper, ",".join(fp_blacklist), ",".join(key_blacklist)]`` with the defaults ``[]`` and
    ``["ssh-dss"]``)."""
    env = {"PATH": f"{_logger_shim(bin_dir)}:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C"}
    return sshd.run_in_view(home, etc_ssh,
                            ["/bin/sh", cloudinit_bridge.WRITE_SSH_KEY_FINGERPRINTS, "", "ssh-dss"],
                            env=env)


# GetConsoleOutput: "Only the most recent 64 KB of console output is stored"
# (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetConsoleOutput.html).
CONSOLE_LIMIT = 64 * 1024


def _stamp(seconds: float) -> str:
    return f"[{seconds:12.6f}]"


def boot_log(*, instance_id: str, hostname: str, boot_time: datetime, first_boot: bool,
             login_user: str, authkeys_table: str | None, host_keys_text: str | None,
             datasource: str = "DataSourceEc2Local", final_banner: bool = True) -> str:
    """A boot log in the shape EC2 shows for a cloud-init Linux image.

    The kernel/systemd lines are a plausible frame; the cloud-init module output inside it comes
    verbatim from cloud-init's code.  ``authkeys_table`` / ``host_keys_text`` are None when the image's
    cloud-init does not print them (module disabled, or not the instance's first boot).
    """
    version = cloudinit_bridge.VERSION
    t0 = boot_time.astimezone(timezone.utc)

    def at(seconds: float) -> str:
        return email.utils.format_datetime(t0 + timedelta(seconds=seconds))

    lines = [
        f"{_stamp(0)} Linux version 6.1.0-amikey-lab (amikey-lab@localhost) #1 SMP PREEMPT_DYNAMIC",
        f"{_stamp(0)} Command line: BOOT_IMAGE=/boot/vmlinuz root=LABEL=/ ro console=tty0 "
        "console=ttyS0,115200n8 nvme_core.io_timeout=4294967295",
        f"{_stamp(0.000001)} BIOS-provided physical RAM map:",
        f"{_stamp(0.412)} Run /sbin/init as init process",
        f"{_stamp(1.874)} systemd[1]: Hostname set to <{hostname}>.",
        f"{_stamp(4.102)} cloud-init[1402]: Cloud-init v. {version} running 'init-local' at "
        f"{at(4.1)}. Up 4.10 seconds.",
        f"{_stamp(5.338)} cloud-init[1530]: Cloud-init v. {version} running 'init' at {at(5.3)}. "
        "Up 5.33 seconds.",
    ]
    if first_boot:
        lines.append(f"{_stamp(5.402)} cloud-init[1530]: Generating public/private ed25519 key pair.")
    lines.append(f"{_stamp(7.021)} cloud-init[1702]: Cloud-init v. {version} running 'modules:config' "
                 f"at {at(7.0)}. Up 7.02 seconds.")
    body = "\n".join(lines) + "\n"
    body += (f"{_stamp(8.115)} cloud-init[1760]: Cloud-init v. {version} running 'modules:final' at "
             f"{at(8.1)}. Up 8.11 seconds.\n")
    if authkeys_table:
        body += authkeys_table
    if host_keys_text:
        body += host_keys_text
    if final_banner:  # cc_final_message, unless a user-data module list left it out
        banner = cloudinit_bridge.final_message(at(8.9), datasource, "8.90")
        body += f"{_stamp(8.903)} cloud-init[1760]: {banner}\n"
    body += f"\n{hostname.split('.')[0]} login: \n"
    return body


def now() -> datetime:
    return datetime.now(timezone.utc)
