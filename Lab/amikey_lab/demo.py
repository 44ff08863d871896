"""``python3 -m amikey_lab demo --dir DIR``: the seed's story, narrated, against the lab running in DIR.

A reference for ``amikey lab demo`` (which will add ``amikey doctor`` and the fixes): account A's key
pair and instance, an AMI of it whose cloud-init does not run the ssh module, shared with account B,
B launches with its own key pair, a real ``ssh`` with B's key is refused, the console shows which key
the instance accepts, and ``ssh`` with A's original key gets in.  Keys are generated into
``DIR/demo-<time>`` (0700); nothing private is sent to the emulator.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import botocore.session


def _say(text: str) -> None:
    print(f"\n== {text}", flush=True)


def _client(info: dict, service: str, creds: dict | None = None):
    creds = creds or {"AccessKeyId": "testing", "SecretAccessKey": "testing"}
    return botocore.session.get_session().create_client(
        service, region_name=info["region"], endpoint_url=info["endpoint"],
        aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds.get("SessionToken"))


def _keygen(path: Path, key_type: str) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", key_type, "-N", "", "-C", path.name, "-f", str(path)], check=True)


def _pin(console: str, host: str, path: Path) -> Path:
    block = re.search(r"-----BEGIN SSH HOST KEY KEYS-----\n(.*?)-----END SSH HOST KEY KEYS-----", console, re.S)
    path.write_text("".join(f"{host} {' '.join(k.split()[:2])}\n" for k in block.group(1).splitlines() if k))
    return path


def _ssh(info: dict, key: Path, host: str, known: Path) -> subprocess.CompletedProcess:
    argv = ["ssh", "-F", info["sshConfig"], "-i", str(key), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=yes", "-o", f"UserKnownHostsFile={known}", f"ec2-user@{host}",
            "echo logged in as $(id -un) on $(hostname -s 2>/dev/null || echo instance)"]
    print("$ " + " ".join(argv[:-1]) + " 'echo ...'", flush=True)
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    print((result.stdout + result.stderr).rstrip() or f"(exit {result.returncode})", flush=True)
    return result


def run(directory: Path) -> int:
    info = json.loads((directory / "lab.json").read_text())
    work = directory / f"demo-{int(time.time())}"
    work.mkdir(mode=0o700)
    a_ec2 = _client(info, "ec2")
    role = info["accounts"]["B"]["roleArn"]
    creds = _client(info, "sts").assume_role(RoleArn=role, RoleSessionName="amikey-lab-demo")["Credentials"]
    b_ec2 = _client(info, "ec2", creds)

    _say(f"Account A ({info['accounts']['A']['accountId']}): key pair 'prod-key', an instance launched with it")
    _keygen(work / "prod-key", "rsa")
    a_ec2.import_key_pair(KeyName=f"prod-key-{work.name}", PublicKeyMaterial=(work / "prod-key.pub").read_bytes())
    base = a_ec2.register_image(Name=f"base-{work.name}", TagSpecifications=[{"ResourceType": "image", "Tags": [
        {"Key": "amikey-lab:login-user", "Value": "ec2-user"},
        {"Key": "amikey-lab:cloud-init-ssh", "Value": "true"}]}])["ImageId"]
    src = a_ec2.run_instances(ImageId=base, MinCount=1, MaxCount=1, KeyName=f"prod-key-{work.name}")["Instances"][0]
    src = a_ec2.describe_instances(InstanceIds=[src["InstanceId"]])["Reservations"][0]["Instances"][0]
    print(f"instance {src['InstanceId']} at {src['PublicIpAddress']}")

    _say("A makes an AMI of it (its cloud-init will not run the ssh module on new instances) and shares it with B")
    image = a_ec2.create_image(InstanceId=src["InstanceId"], Name=f"migrated-{work.name}", TagSpecifications=[
        {"ResourceType": "image", "Tags": [{"Key": "amikey-lab:cloud-init-ssh", "Value": "false"}]}])["ImageId"]
    a_ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"UserId": info["accounts"]["B"]["accountId"]}]})
    print(f"AMI {image} shared with {info['accounts']['B']['accountId']}")

    _say(f"Account B ({info['accounts']['B']['accountId']}, via AssumeRole): new key pair 'new-key', launch from the shared AMI")
    _keygen(work / "new-key", "ed25519")
    b_ec2.import_key_pair(KeyName=f"new-key-{work.name}", PublicKeyMaterial=(work / "new-key.pub").read_bytes())
    inst = b_ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, KeyName=f"new-key-{work.name}")["Instances"][0]
    inst = b_ec2.describe_instances(InstanceIds=[inst["InstanceId"]])["Reservations"][0]["Instances"][0]
    host = inst["PublicIpAddress"]
    console = b_ec2.get_console_output(InstanceId=inst["InstanceId"])["Output"]
    known = _pin(console, host, work / "known_hosts")
    print(f"instance {inst['InstanceId']} at {host}, KeyName {inst['KeyName']}; host keys pinned from its console")

    _say("B logs in with the key pair it chose")
    refused = _ssh(info, work / "new-key", host, known)

    _say("The console output: which keys does the instance accept?")
    print("\n".join(line for line in console.splitlines() if line.startswith("ci-info:")))

    _say("Log in with A's original key instead")
    accepted = _ssh(info, work / "prod-key", host, known)
    ok = refused.returncode != 0 and "Permission denied (publickey)" in refused.stderr and accepted.returncode == 0
    print(f"\n{'the seed story reproduced' if ok else 'UNEXPECTED RESULT'}: new key refused, original key accepted")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1])))
