"""The lab's own state next to moto's: images' contents, running instances and their sshd processes.

moto keeps the AWS metadata; this module keeps what makes instances real: per-instance directories
under ``DIR/instances/<id>`` (``home/``, ``root/`` and ``etc/ssh/`` — the instance's /home, /root and
/etc/ssh — plus ``hostname``, ``run/sshd.pid``, ``sshd.log``, ``console.log``), image contents under
``DIR/images/<ami-id>``, and the two files other programs read: ``DIR/ssh_config`` and ``DIR/state.json``.  One lock serialises every
change, because moto's server handles requests on several threads.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import threading
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from . import cloudinit_bridge, console, labdir, patch_userdata, sshd, users
from .images import ImageContent, ImageProps, copy_host_keys, copy_tree


@dataclass
class InstanceRecord:
    instance_id: str
    account: str
    region: str
    image_id: str
    key_name: str | None
    props: ImageProps
    hostname: str
    port: int = 0
    pid: int | None = None
    public_ip: str | None = None
    public_dns: str | None = None
    boots: int = 0
    state: str = "pending"
    users: list[str] = field(default_factory=list)
    boot_outcome: Any = None  # patch_userdata.BootOutcome of the latest boot: what its console shows


class Lab:
    def __init__(self, root: Path, pending_polls: int = 0) -> None:
        self.root = labdir.prepare(root)
        self.pending_polls = pending_polls
        self.lock = threading.RLock()
        self.instances: dict[str, InstanceRecord] = {}

    # ------------------------------------------------------------------ paths
    def instance_dir(self, instance_id: str) -> Path:
        return self.root / "instances" / instance_id

    def image_dir(self, image_id: str) -> Path:
        return self.root / "images" / image_id

    @property
    def ssh_config_path(self) -> Path:
        return self.root / "ssh_config"

    # ------------------------------------------------------------------ images
    def image_props(self, ami: Any) -> ImageProps:
        """Effective properties of a moto ``Ami``: its tags (as its owner set them) over its content's."""
        content = ImageContent.load(self.image_dir(ami.id))
        base = content.props if content else ImageProps()
        tags = dict(ami.ec2_backend.tags.get(ami.id, {}))
        return base.with_tags(tags)

    def capture_image(self, ami: Any, instance_id: str) -> None:
        """CreateImage: the new image's disk is the source instance's /home, /root and host keys."""
        with self.lock:
            record = self.instances.get(instance_id)
            content = ImageContent(self.image_dir(ami.id), record.props if record else ImageProps())
            labdir.make_dir(content.root, 0o700)
            if record:
                copy_tree(self.instance_dir(instance_id) / "home", content.home)
                copy_tree(self.instance_dir(instance_id) / "root", content.root_home)
                copy_host_keys(self.instance_dir(instance_id) / "etc" / "ssh", content.host_keys)
            content.save()

    def copy_image(self, source_ami: Any, new_ami: Any) -> None:
        """CopyImage: same disk; properties as the source image has them now (tags are not copied by
        AWS, so the copy keeps what the tags meant as part of its content)."""
        with self.lock:
            src = ImageContent.load(self.image_dir(source_ami.id))
            content = ImageContent(self.image_dir(new_ami.id), self.image_props(source_ami))
            labdir.make_dir(content.root, 0o700)
            if src:
                copy_tree(src.home, content.home)
                copy_tree(src.root_home, content.root_home)
                if src.host_keys.is_dir():
                    copy_host_keys(src.host_keys, content.host_keys)
            content.save()

    # ------------------------------------------------------------------ instances
    def boot(self, backend: Any, instance: Any) -> InstanceRecord:
        """First boot of a new instance, the way EC2 + cloud-init build it (see README)."""
        from moto.ec2.utils import public_key_parse  # moto's own parser of key pair material

        with self.lock:
            amis = backend.describe_images(filters={"image-id": instance.image_id})
            ami = amis[0] if amis else None
            props = self.image_props(ami) if ami else ImageProps()
            record = InstanceRecord(
                instance_id=instance.id, account=backend.account_id, region=backend.region_name,
                image_id=instance.image_id, key_name=instance.key_name, props=props,
                hostname=instance.private_dns_name)
            base = labdir.make_dir(self.instance_dir(instance.id), 0o755)
            home = labdir.make_dir(base / "home", 0o755)
            root_home = labdir.make_dir(base / "root", 0o700)
            etc_ssh = labdir.make_dir(base / "etc" / "ssh", 0o755)
            labdir.make_dir(base / "run", 0o755)
            labdir.write_file(base / "hostname", record.hostname + "\n", 0o644)

            # 1. The disk: the image's /home and /root as baked into it.
            content = ImageContent.load(self.image_dir(ami.id)) if ami else None
            if content:
                copy_tree(content.home, home)
                copy_tree(content.root_home, root_home)

            # 2. users-groups module: the default (login) user exists and has a home.
            login = users.ensure_user(props.login_user)
            user_home = home / props.login_user
            if not user_home.exists():
                labdir.make_dir(user_home, 0o700, login.pw_uid, login.pw_gid)

            # 3. Host keys: the ssh module deletes and regenerates them; without it sshd uses the keys
            #    baked into the image (or generates them, as sshd-keygen does, when there are none).
            baked = content.host_keys if content and content.host_keys.is_dir() else None
            if not props.cloud_init_ssh and baked and any(baked.glob("ssh_host_*_key")):
                for key in baked.glob("ssh_host_*"):
                    shutil.copy2(key, etc_ssh / key.name)
            else:
                sshd.generate_host_keys(etc_ssh, f"root@{record.hostname}")

            # 4. The ssh module installs the launch key pair's public key (IMDS public-keys/0/openssh-key,
            #    whose comment is the key pair name) with cloud-init's own merge: for the default user,
            #    and for root behind the "Please login as the user ..." forced command (disable_root).
            if props.cloud_init_ssh and instance.key_name:
                key_pair = backend.key_pairs.get(instance.key_name)
                if key_pair is not None:
                    public = public_key_parse(key_pair.material_public).public_bytes(
                        encoding=_openssh_encoding(), format=_openssh_format()).decode()
                    line = f"{public} {key_pair.key_name}"
                    self._install_keys(user_home, login, [line])
                    self._install_keys(root_home, pwd.getpwuid(0), [line],
                                       cloudinit_bridge.disable_root_options(props.login_user))

            # 5. cloud-init's stages with the instance's user data (users-groups, semaphores, console).
            record.boot_outcome = patch_userdata.run_boot(self, record, instance, first_boot=True)
            for name in record.users:
                users.ensure_user(name)
            self.instances[instance.id] = record
            self._start(record, instance, first_boot=True)
            return record

    def _install_keys(self, user_home: Path, login: Any, lines: list[str], options: str | None = None) -> None:
        ssh_dir = user_home / ".ssh"
        if not ssh_dir.exists():
            labdir.make_dir(ssh_dir, 0o700, login.pw_uid, login.pw_gid)
        keys = ssh_dir / "authorized_keys"
        old = keys.read_text() if keys.exists() else ""
        labdir.write_file(keys, cloudinit_bridge.merge_authorized_keys(old, lines, options), 0o600,
                          login.pw_uid, login.pw_gid)

    def _start(self, record: InstanceRecord, instance: Any, first_boot: bool) -> None:
        base = self.instance_dir(record.instance_id)
        home, etc_ssh = base / "home", base / "etc" / "ssh"
        # The port is free when the kernel hands it out, but another lab (or anything) may take it
        # before sshd binds it; then sshd exits at once and another port is tried.
        for attempt in range(3):
            record.port = sshd.free_port()
            sshd.write_config(etc_ssh, record.port, base / "run" / "sshd.pid", record.users)
            try:
                record.pid = sshd.start(home, etc_ssh, base / "sshd.log", record.port)
                break
            except sshd.SshdExited:
                if attempt == 2:
                    raise
        record.boots += 1
        record.state = "running"
        record.public_ip = instance.public_ip
        record.public_dns = instance.public_dns_name
        self._write_console(record, first_boot)
        self.publish()

    def _write_console(self, record: InstanceRecord, first_boot: bool) -> None:
        """Append this boot's log to the instance's console output (the latest 64 KiB are kept, as
        EC2 keeps them); which module outputs it holds is what cloud-init ran on this boot."""
        base = self.instance_dir(record.instance_id)
        home, etc_ssh = base / "home", base / "etc" / "ssh"
        props = record.props
        outcome = record.boot_outcome
        table = patch_userdata.fingerprint_tables(home, outcome) if outcome else None
        # The boot "started" ~8.5 s ago, so the helper's real logger timestamps fall between the
        # 'modules:final' line and the final banner, as on a real boot.
        boot_time = console.now() - timedelta(seconds=8.5)
        host_keys = None
        if outcome and outcome.host_keys:
            host_keys = console.host_key_blocks(home, etc_ssh, self.root / "bin")
        text = console.boot_log(instance_id=record.instance_id, hostname=record.hostname,
                                boot_time=boot_time, first_boot=first_boot,
                                login_user=props.login_user, authkeys_table=table or None,
                                host_keys_text=host_keys,
                                final_banner=outcome.banner if outcome else True)
        path = base / "console.log"
        if not first_boot and path.exists():
            text = (path.read_text() + text)[-console.CONSOLE_LIMIT:]
        labdir.write_file(path, text, 0o600)

    def console_output(self, instance_id: str) -> str | None:
        path = self.instance_dir(instance_id) / "console.log"
        return path.read_text() if path.exists() else None

    def restart(self, instance: Any) -> None:
        """StartInstances on a stopped instance: same disk, new sshd, new public IP (as on EC2)."""
        with self.lock:
            record = self.instances.get(instance.id)
            if record is None or record.pid is not None:
                return
            record.boot_outcome = patch_userdata.run_boot(self, record, instance, first_boot=False)
            for name in record.users:
                users.ensure_user(name)
            self._start(record, instance, first_boot=False)

    def halt(self, instance_id: str, state: str) -> None:
        """StopInstances / TerminateInstances: the sshd goes away (killed by the pid the lab keeps)."""
        with self.lock:
            record = self.instances.get(instance_id)
            if record is None:
                return
            if record.pid is not None:
                sshd.stop(record.pid)
                record.pid = None
            record.state = state
            record.public_ip = record.public_dns = None
            record.port = 0
            self.publish()

    def shutdown(self) -> None:
        with self.lock:
            sshd.stop_all()
            for record in self.instances.values():
                record.pid = None
                if record.state == "running":
                    record.state = "stopped-by-lab-shutdown"
            self.publish()

    def reset(self) -> None:
        """``POST /moto-api/reset`` forgets every AWS resource, so every instance's sshd goes too."""
        from . import patch_pending

        with self.lock:
            sshd.stop_all()
            self.instances.clear()
            patch_pending.forget()
            for sub in ("instances", "images"):
                shutil.rmtree(self.root / sub, ignore_errors=True)
                labdir.make_dir(self.root / sub, 0o700)
            self.publish()

    # ------------------------------------------------------------------ files for other programs
    def publish(self) -> None:
        """Rewrite ``ssh_config`` and ``state.json`` from the running instances."""
        blocks = [
            "# Written by amikey lab: each running instance's public address -> its sshd on loopback.",
            "# Host keys are not trusted here: pin them from the instance's console output.",
            "",
        ]
        for record in sorted(self.instances.values(), key=lambda r: r.instance_id):
            if record.pid is None:
                continue
            for name in (record.public_ip, record.public_dns):
                if not name:
                    continue
                blocks += [
                    f"# {record.instance_id} (account {record.account}, {record.region})",
                    f"Host {name}",
                    "    HostName 127.0.0.1",
                    f"    Port {record.port}",
                    f"    HostKeyAlias {name}",
                    "    CheckHostIP no",
                    "",
                ]
        labdir.write_file(self.ssh_config_path, "\n".join(blocks), 0o600)
        state = {
            "instances": [
                {"instanceId": r.instance_id, "account": r.account, "region": r.region,
                 "imageId": r.image_id, "keyName": r.key_name, "state": r.state,
                 "publicIp": r.public_ip, "publicDnsName": r.public_dns, "port": r.port,
                 "sshdPid": r.pid, "loginUser": r.props.login_user, "users": r.users,
                 "bootCount": r.boots, "imageProperties": asdict(r.props),
                 "dir": str(self.instance_dir(r.instance_id))}
                for r in sorted(self.instances.values(), key=lambda r: r.instance_id)
            ],
            "sshdPids": sshd.started_pids(),
        }
        labdir.write_file(self.root / "state.json", json.dumps(state, indent=2) + "\n", 0o600)


def _openssh_encoding():
    from cryptography.hazmat.primitives import serialization
    return serialization.Encoding.OpenSSH


def _openssh_format():
    from cryptography.hazmat.primitives import serialization
    return serialization.PublicFormat.OpenSSH


# The one lab of this process, set by the launcher before the server starts; patches consult it.
LAB: Lab | None = None
