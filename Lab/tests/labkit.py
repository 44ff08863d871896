"""Test helpers: run a lab as a separate process, talk to it through botocore, log in with real ssh.

Nothing here knows the lab's internals: tests see what amikey sees (the EC2/STS API, lab.json,
ssh_config, state.json) plus OpenSSH's own tools as oracles.
"""

from __future__ import annotations

import base64
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import botocore.session
from botocore.config import Config

LAB_SRC = Path(__file__).resolve().parents[1]


def test_root() -> Path:
    """Where test labs live: not below /tmp (the lab refuses world-writable parents) and not in
    /home, /root or /etc/ssh (every instance's view replaces those)."""
    root = Path(os.environ.get("AMIKEY_LAB_TEST_ROOT", "/var/lib/amikey-lab-tests"))
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o700)
    return root


@dataclass
class RunningLab:
    directory: Path
    process: subprocess.Popen
    info: dict

    @property
    def endpoint(self) -> str:
        return self.info["endpoint"]

    @property
    def ssh_config(self) -> Path:
        return Path(self.info["sshConfig"])

    def state(self) -> dict:
        return json.loads((self.directory / "state.json").read_text())

    def client(self, service: str, creds: dict | None = None):
        creds = creds or {"AccessKeyId": "testing", "SecretAccessKey": "testing"}
        return botocore.session.get_session().create_client(
            service, region_name="us-east-1", endpoint_url=self.endpoint,
            aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
            aws_session_token=creds.get("SessionToken"),
            config=Config(retries={"max_attempts": 1}))

    def default_account(self) -> "Account":
        """moto's default account (123456789012): credentials moto does not know map there."""
        ec2, sts = self.client("ec2"), self.client("sts")
        return Account(sts.get_caller_identity()["Account"], ec2, sts, self.client("kms"))

    def account(self, account_id: str | None = None) -> "Account":
        """A fresh account reached as amikey reaches account B: sts:AssumeRole into a role there."""
        account_id = account_id or str(random.randint(10**11, 10**12 - 1))
        creds = self.client("sts").assume_role(
            RoleArn=f"arn:aws:iam::{account_id}:role/x", RoleSessionName="amikey-lab-test")["Credentials"]
        return Account(account_id, self.client("ec2", creds), self.client("sts", creds), self.client("kms", creds))


@dataclass
class Account:
    account_id: str
    ec2: object
    sts: object
    kms: object = None


def start_lab(directory: Path, *extra: str, timeout: float = 30.0) -> RunningLab:
    env = dict(os.environ, PYTHONPATH=str(LAB_SRC))
    log = open(directory.with_name(directory.name + ".log"), "wb")
    process = subprocess.Popen([sys.executable, "-m", "amikey_lab", "serve", "--dir", str(directory), *extra],
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    info_path = directory / "lab.json"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"lab exited with {process.returncode}; see {log.name}")
        if info_path.exists():
            info = json.loads(info_path.read_text())
            if info.get("pid") == process.pid:
                return RunningLab(directory, process, info)
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("lab did not start")


def stop_lab(lab: RunningLab, timeout: float = 20.0) -> None:
    """``lab down``: SIGTERM to the launcher's pid, then wait for it."""
    if lab.process.poll() is None:
        lab.process.send_signal(signal.SIGTERM)
        try:
            lab.process.wait(timeout)
        except subprocess.TimeoutExpired:
            lab.process.kill()
            lab.process.wait()
            raise


def pid_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def port_listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


# ---------------------------------------------------------------- keys and OpenSSH oracles

def keygen(directory: Path, name: str, key_type: str = "ed25519", bits: int | None = None) -> Path:
    path = directory / name
    argv = ["ssh-keygen", "-q", "-t", key_type, "-N", "", "-C", name, "-f", str(path)]
    if bits:
        argv[4:4] = ["-b", str(bits)]
    subprocess.run(argv, check=True)
    return path


def ssh_keygen_fingerprint(path: Path, hash_name: str = "sha256") -> str:
    """``ssh-keygen -l -E <hash>`` of a key file: the fingerprint field (``SHA256:...``/``MD5:...``)."""
    out = subprocess.run(["ssh-keygen", "-l", "-E", hash_name, "-f", str(path)], check=True,
                         capture_output=True, text=True).stdout
    return out.split()[1]


def cloud_init_hex(ssh_keygen_fp: str) -> str:
    """An ``ssh-keygen`` fingerprint spelled as cloud-init's table spells it (lower-case hex pairs)."""
    kind, _, value = ssh_keygen_fp.partition(":")
    if kind == "MD5":
        return value
    digest = base64.b64decode(value + "=" * (-len(value) % 4))
    return ":".join(f"{b:02x}" for b in digest)


def authkeys_table(console: str) -> dict[str, list[dict]]:
    """Parse the ci-info authorized-keys tables: user -> rows (keytype, fingerprint, options, comment)."""
    tables: dict[str, list[dict]] = {}
    user = None
    for line in console.splitlines():
        header = re.match(r"^ci-info: \++Authorized keys from (\S+) for user (\S+?)\++$", line)
        if header:
            user = header.group(2)
            tables[user] = []
            continue
        row = re.match(r"^ci-info: \|\s*(\S+)\s*\|\s*([0-9a-f:]+|\?)\s*\|\s*(.*?)\s*\|\s*(.*?)\s*\|$", line)
        if row and user and row.group(1) != "Keytype":
            tables[user].append({"keytype": row.group(1), "fingerprint": row.group(2),
                                 "options": row.group(3), "comment": row.group(4)})
    return tables


def boots(console: str) -> list[str]:
    """The console output split into boots (each starts with the kernel's ``Linux version`` line)."""
    starts = [m.start() for m in re.finditer(r"^\[\s*0\.000000\] Linux version ", console, re.M)]
    return [console[a:b] for a, b in zip(starts, starts[1:] + [len(console)])]


def host_keys_from_console(console: str) -> list[str]:
    """The public host keys in the ``BEGIN SSH HOST KEY KEYS`` block."""
    m = re.search(r"-----BEGIN SSH HOST KEY KEYS-----\n(.*?)-----END SSH HOST KEY KEYS-----", console, re.S)
    return [line for line in m.group(1).splitlines() if line.strip()] if m else []


def console_text(ec2, instance_id: str) -> str:
    """The console log.  On the wire ``Output`` is base64 (checked in test_console); botocore's
    ``decode_console_output`` handler decodes it for us."""
    return ec2.get_console_output(InstanceId=instance_id)["Output"]


def pin_known_hosts(path: Path, host: str, console: str) -> Path:
    """A known_hosts file pinning ``host`` to the host keys its console printed (what amikey does)."""
    keys = host_keys_from_console(console)
    assert keys, "console has no host key block"
    path.write_text("".join(f"{host} {' '.join(k.split()[:2])}\n" for k in keys))
    return path


def ssh(lab: RunningLab, key: Path, user: str, host: str, known_hosts: Path, *command: str,
        timeout: float = 30.0) -> subprocess.CompletedProcess:
    """A plain OpenSSH login through the lab's ssh_config, host key pinned, only this key offered."""
    argv = ["ssh", "-F", str(lab.ssh_config), "-i", str(key), "-o", "IdentitiesOnly=yes",
            "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
            "-o", f"UserKnownHostsFile={known_hosts}", "-o", "ConnectTimeout=10",
            f"{user}@{host}", *(command or ("true",))]
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout)


def run_instance(account: Account, image_id: str, key_name: str | None) -> dict:
    params = {"ImageId": image_id, "MinCount": 1, "MaxCount": 1}
    if key_name:
        params["KeyName"] = key_name
    instance = account.ec2.run_instances(**params)["Instances"][0]
    return account.ec2.describe_instances(InstanceIds=[instance["InstanceId"]])["Reservations"][0]["Instances"][0]


def register_base_image(account: Account, name: str, **props: str) -> str:
    """A base AMI with lab properties, registered the documented way (RegisterImage + tags)."""
    tags = [{"Key": f"amikey-lab:{k.replace('_', '-')}", "Value": v} for k, v in props.items()]
    params = {"Name": name}
    if tags:
        params["TagSpecifications"] = [{"ResourceType": "image", "Tags": tags}]
    return account.ec2.register_image(**params)["ImageId"]


def import_key(account: Account, name: str, public_key_file: Path) -> dict:
    return account.ec2.import_key_pair(KeyName=name, PublicKeyMaterial=public_key_file.read_bytes())
