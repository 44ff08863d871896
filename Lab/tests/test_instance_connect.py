"""EC2 Instance Connect: a key pushed with SendSSHPublicKey gets in through the instance's real sshd
for 60 seconds (``AuthorizedKeysCommand``), for that OS user only, next to the authorized_keys.

AWS behaviour checked (amikey_lab/patch_instance_connect.py cites the documentation): the answer
``{"RequestId", "Success": true}``; RSA 2048/4096 and ED25519 in OpenSSH or SSH2 format accepted,
other keys ``InvalidArgsException``; unknown (or another account's) instance
``EC2InstanceNotFoundException``; stopped instance ``EC2InstanceStateInvalidException``.  Expiry is
checked on a second lab started with ``--instance-connect-ttl 4``.
"""

from __future__ import annotations

import json
import os
import random
import stat
import subprocess
import time
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from labkit import (Account, console_text, import_key, keygen, pin_known_hosts, register_base_image,
                    run_instance, ssh, start_lab, stop_lab)

SHORT_TTL = 4.0


def _account(lab) -> tuple[Account, object]:
    """A fresh account (AssumeRole into a new id) and its ec2-instance-connect client."""
    account_id = str(random.randint(10**11, 10**12 - 1))
    creds = lab.client("sts").assume_role(RoleArn=f"arn:aws:iam::{account_id}:role/x",
                                          RoleSessionName="eic-test")["Credentials"]
    return (Account(account_id, lab.client("ec2", creds), lab.client("sts", creds)),
            lab.client("ec2-instance-connect", creds))


def _instance(lab, tmp_path, name: str):
    a, eic = _account(lab)
    key = keygen(tmp_path, f"{name}-launch")
    import_key(a, f"{name}-launch", key.with_suffix(".pub"))
    inst = run_instance(a, register_base_image(a, f"{name}-img"), f"{name}-launch")
    known = pin_known_hosts(tmp_path / f"known-{name}", inst["PublicIpAddress"],
                            console_text(a.ec2, inst["InstanceId"]))
    return a, eic, inst, key, known


def _push(eic, inst, key: Path, user: str = "ec2-user", **extra) -> dict:
    return eic.send_ssh_public_key(InstanceId=inst["InstanceId"], InstanceOSUser=user,
                                   SSHPublicKey=key.with_suffix(".pub").read_text(), **extra)


def _code(call) -> str:
    with pytest.raises(ClientError) as e:
        call()
    return e.value.response["Error"]["Code"]


@pytest.fixture(scope="module")
def short_lab(session_root):
    lab = start_lab(session_root / "lab-eic", "--instance-connect-ttl", str(SHORT_TTL))
    try:
        yield lab
    finally:
        stop_lab(lab)


def test_pushed_key_logs_in_for_that_user_only(lab, tmp_path):
    a, eic, inst, launch_key, known = _instance(lab, tmp_path, "eic-push")
    pushed = keygen(tmp_path, "eic-pushed")
    host = inst["PublicIpAddress"]
    assert ssh(lab, pushed, "ec2-user", host, known).returncode == 255

    other_user = _push(eic, inst, pushed, user="ubuntu", AvailabilityZone=inst["Placement"]["AvailabilityZone"])
    assert other_user["Success"] is True and other_user["RequestId"]
    assert ssh(lab, pushed, "ec2-user", host, known).returncode == 255   # pushed for ubuntu, not ec2-user

    _push(eic, inst, pushed)
    login = ssh(lab, pushed, "ec2-user", host, known, "cat", ".ssh/authorized_keys")
    assert login.returncode == 0, login.stderr
    assert pushed.with_suffix(".pub").read_text().split()[1] not in login.stdout   # nothing written to disk
    assert ssh(lab, launch_key, "ec2-user", host, known).returncode == 0


def test_key_expires_and_authorized_keys_keep_working(short_lab, tmp_path):
    a, eic, inst, launch_key, known = _instance(short_lab, tmp_path, "eic-ttl")
    pushed = keygen(tmp_path, "eic-ttl-pushed", "rsa", 4096)
    host = inst["PublicIpAddress"]
    _push(eic, inst, pushed)
    pushed_at = time.monotonic()
    assert ssh(short_lab, pushed, "ec2-user", host, known).returncode == 0
    assert ssh(short_lab, launch_key, "ec2-user", host, known).returncode == 0
    time.sleep(max(0.0, SHORT_TTL + 0.5 - (time.monotonic() - pushed_at)))
    refused = ssh(short_lab, pushed, "ec2-user", host, known)
    assert refused.returncode == 255 and "Permission denied (publickey)" in refused.stderr
    assert ssh(short_lab, launch_key, "ec2-user", host, known).returncode == 0
    assert json.loads((short_lab.directory / "lab.json").read_text())["instanceConnectTtl"] == SHORT_TTL


@pytest.mark.parametrize("key_type,bits,ssh2_format", [
    ("rsa", 2048, False), ("ed25519", None, False), ("rsa", 2048, True), ("ed25519", None, True),
])
def test_accepted_keys(lab, tmp_path, key_type, bits, ssh2_format):
    a, eic, inst, _, known = _instance(lab, tmp_path, f"eic-ok-{key_type}-{ssh2_format}")
    key = keygen(tmp_path, "k", key_type, bits)
    text = key.with_suffix(".pub").read_text()
    if ssh2_format:   # RFC 4716, as `ssh-keygen -e` writes it
        text = subprocess.run(["ssh-keygen", "-e", "-f", str(key.with_suffix(".pub"))], check=True,
                              capture_output=True, text=True).stdout
    eic.send_ssh_public_key(InstanceId=inst["InstanceId"], InstanceOSUser="ec2-user", SSHPublicKey=text)
    assert ssh(lab, key, "ec2-user", inst["PublicIpAddress"], known).returncode == 0


def test_refused_keys_and_instances(lab, tmp_path):
    a, eic, inst, _, _ = _instance(lab, tmp_path, "eic-bad")
    for key_type, bits in (("rsa", 3072), ("rsa", 1024), ("ecdsa", 256)):
        key = keygen(tmp_path, f"bad-{key_type}-{bits}", key_type, bits)
        assert _code(lambda: _push(eic, inst, key)) == "InvalidArgsException", (key_type, bits)
    good = keygen(tmp_path, "good")
    garbage = "ssh-ed25519 " + "A" * 80 + " not-a-key"
    assert _code(lambda: eic.send_ssh_public_key(InstanceId=inst["InstanceId"], InstanceOSUser="ec2-user",
                                                 SSHPublicKey=garbage)) == "InvalidArgsException"
    assert _code(lambda: _push(eic, inst, good, AvailabilityZone="us-east-1f")) == "InvalidArgsException"
    unknown = dict(inst, InstanceId="i-0123456789abcdef0")
    assert _code(lambda: _push(eic, unknown, good)) == "EC2InstanceNotFoundException"
    _, other_eic = _account(lab)
    assert _code(lambda: _push(other_eic, inst, good)) == "EC2InstanceNotFoundException"
    a.ec2.stop_instances(InstanceIds=[inst["InstanceId"]])
    assert _code(lambda: _push(eic, inst, good)) == "EC2InstanceStateInvalidException"


def test_command_as_sshd_requires_it(lab, tmp_path):
    """The command and its directories are root-owned and writable by root only, its user is a real
    unprivileged account, and sshd_config names both (sshd -T of the instance's config)."""
    a, eic, inst, _, _ = _instance(lab, tmp_path, "eic-modes")
    record = next(i for i in lab.state()["instances"] if i["instanceId"] == inst["InstanceId"])
    etc_ssh = Path(record["dir"]) / "etc" / "ssh"
    for path in (etc_ssh, etc_ssh / "amikey-lab-eic", etc_ssh / "amikey-lab-eic" / "authorized-keys-command"):
        st = os.stat(path)
        assert st.st_uid == 0 and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH), path
    user = subprocess.run(["getent", "passwd", "ec2-instance-connect"], capture_output=True, text=True,
                          check=True).stdout.split(":")
    assert int(user[2]) != 0 and user[6].strip().endswith("nologin")
    config = (etc_ssh / "sshd_config").read_text()
    assert "AuthorizedKeysCommand /etc/ssh/amikey-lab-eic/authorized-keys-command %u" in config
    assert "AuthorizedKeysCommandUser ec2-instance-connect" in config


def test_wire_is_json_1_1(lab, tmp_path):
    a, eic, inst, _, _ = _instance(lab, tmp_path, "eic-wire")
    seen = {}
    eic.meta.events.register("before-parse.ec2-instance-connect.SendSSHPublicKey",
                             lambda **kw: seen.update(kw["response_dict"]))
    _push(eic, inst, keygen(tmp_path, "w"))
    assert seen["headers"]["Content-Type"] == "application/x-amz-json-1.1"
    assert set(json.loads(seen["body"])) == {"RequestId", "Success"}
