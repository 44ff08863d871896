"""Start the stock moto server on loopback with the lab's patches applied in-process.

Order matters: moto reads some settings from the environment when it is imported, so the
environment is set first; then moto is imported, patched, and served by ``ThreadedMotoServer``.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
from pathlib import Path

ACCOUNT_A = "123456789012"   # moto's default account (credentials that moto does not know map here)
ACCOUNT_B = "222222222222"   # reached with sts:AssumeRole into arn:aws:iam::222222222222:role/<any>
REGION = "us-east-1"


def configure_moto_environment() -> None:
    # No 1,177 default AMIs: DescribeImages answers only with the lab's own images.
    os.environ["MOTO_EC2_LOAD_DEFAULT_AMIS"] = "false"
    # moto's own checks, off by default: RunInstances must fail for an AMI the caller cannot see and
    # for a key pair the caller's account does not have, as on AWS (any non-empty value enables them).
    os.environ["MOTO_ENABLE_AMI_VALIDATION"] = "true"
    os.environ["MOTO_ENABLE_KEYPAIR_VALIDATION"] = "true"
    os.environ.pop("MOTO_ACCOUNT_ID", None)  # it would force every request into one account


def serve(directory: Path, port: int = 0, pending_polls: int = 0, instance_connect_ttl: float = 60.0) -> int:
    if os.geteuid() != 0:
        print("amikey lab: must run as root (see Lab/README.md, 'Without root'): it creates login users, "
              "mount namespaces and sshd processes that switch to those users", file=sys.stderr)
        return 2
    configure_moto_environment()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")

    from moto.server import ThreadedMotoServer

    try:
        from . import cloudinit_bridge
    except ImportError as error:  # CloudInitMissing says how to install it
        print(f"amikey lab: {error}", file=sys.stderr)
        return 2
    from . import lab as lab_module, labdir
    from .images import PROPERTIES, TAG_PREFIX
    from . import (patch_console, patch_encryption, patch_facts, patch_fingerprints, patch_idempotency, patch_instance_connect,
                   patch_instances, patch_pending, patch_sharing, patch_ssm, patch_userdata)

    lab = lab_module.Lab(directory, pending_polls)
    lab_module.LAB = lab
    patch_sharing.apply()
    patch_fingerprints.apply()
    patch_instances.apply()
    patch_encryption.apply()           # wraps patch_sharing's and patch_instances' methods
    patch_console.apply()
    patch_facts.apply()
    patch_userdata.apply()
    patch_ssm.apply()
    patch_instance_connect.apply(instance_connect_ttl)
    patch_idempotency.apply()           # at the response layer: a repeated token never reaches the backend
    patch_pending.apply(pending_polls)   # last: it wraps the patched lifecycle methods

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    host, bound_port = server.get_host_and_port()
    lab.publish()
    endpoint = f"http://{host}:{bound_port}"
    from . import profiles
    profile_info = profiles.write(lab.root, endpoint, REGION, ACCOUNT_B)
    info = {
        "pid": os.getpid(),
        "port": bound_port,
        "endpoint": endpoint,
        "region": REGION,
        "dir": str(lab.root),
        "sshConfig": str(lab.ssh_config_path),
        "state": str(lab.root / "state.json"),
        "accounts": {
            "A": {"accountId": ACCOUNT_A, "profile": "lab-a",
                  "credentials": "any access key moto does not know, e.g. testing/testing"},
            "B": {"accountId": ACCOUNT_B, "roleArn": f"arn:aws:iam::{ACCOUNT_B}:role/amikey-lab",
                  "profile": "lab-b (pre-assumed keys) or lab-b-role (role_arn + source_profile)",
                  "credentials": "sts:AssumeRole into roleArn (re-assume after /moto-api/reset)"},
        },
        "imageTags": {f"{TAG_PREFIX}{name}": {"default": default, "meaning": meaning}
                      for name, (_attr, _parse, default, meaning) in PROPERTIES.items()},
        **profile_info,
        "cloudInitVersion": cloudinit_bridge.VERSION,
        "pendingPolls": pending_polls,
        "instanceConnectTtl": instance_connect_ttl,
    }
    labdir.write_file(lab.root / "lab.json", json.dumps(info, indent=2) + "\n", 0o600)

    done = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        done.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    logging.getLogger("amikey_lab").info("lab serving %s (dir %s)", info["endpoint"], lab.root)
    try:
        done.wait()
    finally:
        server.stop()
        lab.shutdown()
        (lab.root / "lab.json").unlink(missing_ok=True)
    return 0
