"""EC2 Instance Connect: SendSSHPublicKey makes the instance's sshd accept the key for 60 seconds.

AWS behaviour reproduced (tests/test_instance_connect.py):

* ``SendSSHPublicKey(InstanceId, InstanceOSUser, SSHPublicKey, AvailabilityZone)`` (JSON 1.1, target
  ``AWSEC2InstanceConnectService``) pushes a public key that the instance accepts for that OS user for
  60 seconds; the keys in ``authorized_keys`` keep working
  (https://docs.aws.amazon.com/ec2-instance-connect/latest/APIReference/API_SendSSHPublicKey.html).
  The answer is ``{"RequestId": ..., "Success": true}``.
* Supported keys: OpenSSH and SSH2 (RFC 4716) formats, RSA 2048 or 4096 bits and ED25519
  (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-connect-prerequisites.html);
  anything else is ``InvalidArgsException``.
* An instance that does not exist for the caller is ``EC2InstanceNotFoundException``; one that is not
  running is ``EC2InstanceStateInvalidException`` (API reference, Errors).

On a real instance the ``ec2-instance-connect`` package sets sshd's ``AuthorizedKeysCommand`` to a
script that, run as the unprivileged ``ec2-instance-connect`` user, fetches the keys pushed for ``%u``
from IMDS (ssh-on-ec2.md §3).  In the lab the server writes pushed keys with their expiry into the
instance's ``/etc/ssh/amikey-lab-eic/active-keys`` and the command (``authorized-keys-command``
next to it) prints the unexpired ones for its user.  sshd requires the command and every directory
above it to be root-owned and writable by nobody else: ``/etc/ssh`` is the instance's root-owned 0755
view, the directory 0755, the script 0755.

moto 5.2.1 answers every request, even an empty one, with a constant success and does nothing.
"""

from __future__ import annotations

import base64
import json
import re
import struct
import subprocess
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from moto.core.exceptions import JsonRESTError
from moto.ec2instanceconnect.responses import Ec2InstanceConnectResponse

from . import labdir

COMMAND_USER = "ec2-instance-connect"
STATE_DIR = "amikey-lab-eic"          # under the instance's /etc/ssh
COMMAND = f"/etc/ssh/{STATE_DIR}/authorized-keys-command"
KEYS = f"/etc/ssh/{STATE_DIR}/active-keys"
# How long a pushed key is accepted: 60 s on AWS; `serve --instance-connect-ttl` changes it for tests.
TTL_SECONDS = 60.0

_lock = threading.Lock()
# service-2.json patterns (ec2-instance-connect/2018-04-02).
_INSTANCE_ID = re.compile(r"^i-[a-f0-9]{8,30}$")
_OS_USER = re.compile(r"^[A-Za-z_][A-Za-z0-9@._-]{0,30}[A-Za-z0-9$_-]?$")

# Prints the unexpired keys pushed for the user sshd asks about ($1 = %u); fails closed (prints
# nothing) when there is no key file.  Lines of active-keys: EXPIRY USER KEYTYPE BASE64.
_SCRIPT = f"""#!/bin/sh
# amikey lab: EC2 Instance Connect's AuthorizedKeysCommand (see amikey_lab/patch_instance_connect.py).
[ -r {KEYS} ] || exit 0
now=$(date +%s.%N)
exec awk -v user="$1" -v now="$now" '($1 + 0) > (now + 0) && $2 == user {{ print $3, $4 }}' {KEYS}
"""


def config_lines() -> list[str]:
    """The sshd_config lines the ec2-instance-connect package adds (its command, its user)."""
    return [f"AuthorizedKeysCommand {COMMAND} %u", f"AuthorizedKeysCommandUser {COMMAND_USER}"]


def install(etc_ssh: Path) -> None:
    """Install the command (root-owned, 0755) into an instance's /etc/ssh and make sure its
    unprivileged user exists on the host (a system user without a home or a login shell)."""
    ensure_command_user()
    directory = labdir.make_dir(etc_ssh / STATE_DIR, 0o755)
    labdir.write_file(directory / "authorized-keys-command", _SCRIPT, 0o755)


def ensure_command_user() -> None:
    import pwd

    with _lock:
        try:
            pwd.getpwnam(COMMAND_USER)
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                            "--shell", "/usr/sbin/nologin", COMMAND_USER], check=True, capture_output=True)


def push(etc_ssh: Path, user: str, key_type: str, blob_b64: str) -> None:
    """Record a pushed key with its expiry; expired entries are dropped on the way."""
    now = time.time()   # the command compares with `date`: both read the host clock
    path = etc_ssh / STATE_DIR / "active-keys"
    with _lock:
        lines = path.read_text().splitlines() if path.exists() else []
        kept = [line for line in lines if _expiry(line) > now]
        kept.append(f"{now + TTL_SECONDS:.3f} {user} {key_type} {blob_b64}")
        labdir.write_file(path, "\n".join(kept) + "\n", 0o644)


def _expiry(line: str) -> float:
    try:
        return float(line.split()[0])
    except (IndexError, ValueError):
        return 0.0


# ---------------------------------------------------------------- key validation

def _invalid(message: str) -> JsonRESTError:
    return JsonRESTError("InvalidArgsException", message)


def _ssh_strings(blob: bytes) -> list[bytes]:
    """The length-prefixed strings of an SSH public key blob (RFC 4253 §6.6); raises on bad input."""
    out, offset = [], 0
    while offset < len(blob):
        if offset + 4 > len(blob):
            raise ValueError("truncated length")
        (length,) = struct.unpack(">I", blob[offset:offset + 4])
        offset += 4
        if offset + length > len(blob):
            raise ValueError("truncated string")
        out.append(blob[offset:offset + length])
        offset += length
    return out


def parse_public_key(text: str) -> tuple[str, str]:
    """(key type, base64 blob) of a key SendSSHPublicKey accepts: OpenSSH one-line or RFC 4716 SSH2
    format, ``ssh-rsa`` of 2048 or 4096 bits or ``ssh-ed25519``; anything else InvalidArgsException."""
    text = text.strip()
    if text.startswith("---- BEGIN SSH2 PUBLIC KEY ----"):
        # RFC 4716 §3: header lines contain ':' (and may continue with a trailing backslash).
        body, continued = [], False
        for line in text.splitlines()[1:]:
            if line.startswith("---- END SSH2 PUBLIC KEY ----"):
                break
            if continued or ":" in line:
                continued = line.endswith("\\")
                continue
            body.append(line.strip())
        b64 = "".join(body)
        key_type = None
    else:
        fields = text.split()
        if len(fields) < 2:
            raise _invalid("Invalid input parameter received for Illegal argument exception: "
                           "SSH Public key is invalid")
        key_type, b64 = fields[0], fields[1]
    try:
        blob = base64.b64decode(b64, validate=True)
        parts = _ssh_strings(blob)
    except ValueError:
        raise _invalid("Invalid input parameter received for Illegal argument exception: "
                       "SSH Public key is invalid") from None
    if not parts:
        raise _invalid("Invalid input parameter received for Illegal argument exception: SSH Public key is invalid")
    blob_type = parts[0].decode("ascii", "replace")
    if key_type is not None and key_type != blob_type:
        raise _invalid("Invalid input parameter received for Illegal argument exception: SSH Public key is invalid")
    if blob_type == "ssh-rsa":
        if len(parts) != 3 or int.from_bytes(parts[2], "big").bit_length() not in (2048, 4096):
            raise _invalid("Invalid input parameter received for Illegal argument exception: "
                           "RSA - SSH Public key is invalid")
    elif blob_type == "ssh-ed25519":
        if len(parts) != 2 or len(parts[1]) != 32:
            raise _invalid("Invalid input parameter received for Illegal argument exception: "
                           "ED25519 - SSH Public key is invalid")
    else:
        raise _invalid(f"Invalid input parameter received for Illegal argument exception: "
                       f"key type {blob_type} is not supported (RSA 2048/4096 or ED25519)")
    return blob_type, base64.b64encode(blob).decode()


# ---------------------------------------------------------------- the API

def send_ssh_public_key(self: Ec2InstanceConnectResponse) -> Any:
    from moto.ec2.models import ec2_backends

    from . import lab as lab_module

    params = json.loads(self.body or "{}") if isinstance(self.body, (str, bytes)) else {}
    instance_id = params.get("InstanceId") or ""
    os_user = params.get("InstanceOSUser") or ""
    key_text = params.get("SSHPublicKey") or ""
    zone = params.get("AvailabilityZone")
    if not _INSTANCE_ID.match(instance_id):
        raise _invalid(f"Invalid input parameter received for Illegal argument exception: instance id "
                       f"{instance_id!r} is invalid")
    if not _OS_USER.match(os_user):
        raise _invalid("Invalid input parameter received for Illegal argument exception: InstanceOSUser is invalid")
    if not 80 <= len(key_text) <= 4096:
        raise _invalid("Invalid input parameter received for Illegal argument exception: "
                       "SSHPublicKey must be 80 to 4096 characters")
    key_type, blob = parse_public_key(key_text)
    ec2 = ec2_backends[self.current_account][self.region]
    try:
        instance = ec2.get_instance(instance_id)
    except Exception:   # InvalidInstanceID.NotFound: not this account's, or not this region's
        raise JsonRESTError("EC2InstanceNotFoundException", "Instance not found") from None
    if zone and zone != instance._placement.zone:
        raise _invalid(f"Invalid input parameter received for Illegal argument exception: instance "
                       f"{instance_id} is not in availability zone {zone}")
    lab = lab_module.LAB
    record = lab.instances.get(instance_id) if lab else None
    if instance.state != "running" or (lab is not None and (record is None or record.pid is None)):
        raise JsonRESTError("EC2InstanceStateInvalidException",
                            "Instance is not in a valid state for EC2 Instance Connect")
    if lab is not None:
        push(lab.instance_dir(instance_id) / "etc" / "ssh", os_user, key_type, blob)
    body = json.dumps({"RequestId": str(uuid.uuid4()), "Success": True})
    return 200, {"Content-Type": "application/x-amz-json-1.1"}, body


def apply(ttl_seconds: float = 60.0) -> None:
    global TTL_SECONDS
    TTL_SECONDS = ttl_seconds
    Ec2InstanceConnectResponse.send_ssh_public_key = send_ssh_public_key
