#!/usr/bin/env python3
"""Prints console-log pieces with cloud-init's own code, for EC2EvidenceTests (run by the tests at test time).

Provenance: the Debian ``cloud-init`` package (22.4.2 on the machine this was written on; the version in use is
printed by ``version``), imported from /usr/lib/python3/dist-packages as Lab/amikey_lab/cloudinit_bridge.py does.

    cloudinit_console.py version
    cloudinit_console.py authkeys USER SHOWN_PATH AUTHORIZED_KEYS_FILE HASH   # cc_ssh_authkey_fingerprints table
    cloudinit_console.py hostkeys DIR [TAG]                                   # tools/write-ssh-key-fingerprints
    cloudinit_console.py banner DATASOURCE                                    # cc_final_message default banner

``authkeys`` calls ``_pprint_key_entries`` with ``util.multi_log`` captured (it writes to /dev/console otherwise);
an empty or missing file gives the "no authorized SSH keys fingerprints found" line. ``hostkeys`` runs cloud-init's
helper script with its ``/etc/ssh/`` replaced by DIR (it reads no other path) and with a ``logger`` that prints
its stderr copy without a syslog socket (``--socket-errors=off``), as cc_keys_to_console runs it:
``[helper, "", "ssh-dss"]``. TAG ``ec2`` gives the spelling of cloud-init before 21.2 (``logger -t ec2``).
"""

import os
import subprocess
import sys
import tempfile

DIST = "/usr/lib/python3/dist-packages"
HELPER = "/usr/lib/cloud-init/write-ssh-key-fingerprints"
sys.path.append(DIST)

from cloudinit import ssh_util, templater, util, version  # noqa: E402
from cloudinit.config import cc_final_message, cc_ssh_authkey_fingerprints  # noqa: E402


def authkeys(user, shown_path, path, hash_meth):
    text = open(path).read() if os.path.exists(path) else ""
    parser = ssh_util.AuthKeyLineParser()
    entries = [parser.parse(line) for line in text.splitlines()]
    captured = []
    util.multi_log = lambda text, console=True, stderr=True, log=None, **_: captured.append(text) if console else None
    cc_ssh_authkey_fingerprints._pprint_key_entries(user, shown_path, entries, hash_meth)
    sys.stdout.write("".join(captured))


def hostkeys(directory, tag="cloud-init"):
    script = open(HELPER).read().replace("/etc/ssh/", directory.rstrip("/") + "/").replace("-t cloud-init", f"-t {tag}")
    with tempfile.TemporaryDirectory() as bin_dir:
        shim = os.path.join(bin_dir, "logger")
        with open(shim, "w") as handle:
            handle.write('#!/bin/sh\nexec /usr/bin/logger --socket-errors=off "$@"\n')
        os.chmod(shim, 0o755)
        env = {"PATH": f"{bin_dir}:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C"}
        out = subprocess.run(["/bin/sh", "-c", script, "write-ssh-key-fingerprints", "", "ssh-dss"],
                             env=env, check=True, capture_output=True, text=True).stdout
    sys.stdout.write(out)


def banner(datasource):
    subs = {"uptime": "19.20", "timestamp": "Thu, 19 Jan 2023 03:51:00 +0000",
            "version": version.version_string(), "datasource": datasource}
    subs.update({k.upper(): v for k, v in subs.items()})
    print(templater.render_string(cc_final_message.FINAL_MESSAGE_DEF, subs).rstrip("\n"))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "version":
        print(version.version_string())
    elif command == "authkeys":
        authkeys(*args)
    elif command == "hostkeys":
        hostkeys(*args)
    elif command == "banner":
        banner(*args)
    else:
        sys.exit(f"unknown command {command}")
