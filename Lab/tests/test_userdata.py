"""User data set on a stopped instance and applied by cloud-init at the next StartInstances.

AWS behaviour: user data can be modified only while the instance is stopped, is sent base64-encoded
once (SDKs encode the ``UserData.Value`` blob) and DescribeInstanceAttribute returns it base64-encoded
(https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyInstanceAttribute.html).
cloud-init: a module list in user data replaces the image's list, ``[module, frequency]`` overrides the
module's frequency, ``once-per-instance`` modules do not run again for the same instance-id and
``once`` modules run once ever (cloudinit/config/modules.py, cloudinit/helpers.py); ``users-groups``
merges ``ssh_authorized_keys`` into the user's file (cloudinit/ssh_util.py ``update_authorized_keys``).
The procedure is AWS's "lost key pair" user-data method
(https://repost.aws/knowledge-center/user-data-replace-key-pair-ec2; reference/ssh-on-ec2.md §4a).
Oracles: real OpenSSH logins with keys made at test time, the instance's own files, its console.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from labkit import (authkeys_table, boots, cloud_init_hex, console_text, import_key, keygen,
                    pin_known_hosts, register_base_image, ssh, ssh_keygen_fingerprint)


def multipart(cloud_config: str, script: str | None = None) -> bytes:
    """User data in the shape of AWS's knowledge-center example: multipart/mixed, boundary "//"."""
    text = ('Content-Type: multipart/mixed; boundary="//"\nMIME-Version: 1.0\n\n'
            '--//\nContent-Type: text/cloud-config; charset="us-ascii"\nMIME-Version: 1.0\n'
            'Content-Transfer-Encoding: 7bit\nContent-Disposition: attachment; filename="cloud-config.txt"\n\n'
            f"{cloud_config}\n")
    if script is not None:
        text += ('--//\nContent-Type: text/x-shellscript; charset="us-ascii"\nMIME-Version: 1.0\n'
                 'Content-Transfer-Encoding: 7bit\nContent-Disposition: attachment; filename="userdata.txt"\n\n'
                 f"{script}\n")
    return (text + "--//--\n").encode()


def add_key_config(public_line: str, modules: list[str] | None, user: str = "ec2-user",
                   spelling: str = "ssh-authorized-keys") -> str:
    lines = ["#cloud-config"]
    if modules is not None:
        lines.append("cloud_final_modules:")
        lines += [f"- {m}" for m in modules]
    lines += ["users:", f"  - name: {user}", f"    {spelling}:", f"    - {public_line.strip()}"]
    return "\n".join(lines)


class Instance:
    """One launched instance, seen through the API, its console, its files and real ssh."""

    def __init__(self, lab, tmp_path: Path, name: str, user_data: bytes | None = None, **props: str):
        self.lab, self.tmp = lab, tmp_path
        self.account = lab.account()
        self.key = keygen(tmp_path, f"{name}-launch")
        import_key(self.account, f"{name}-launch", self.key.with_suffix(".pub"))
        params = {"ImageId": register_base_image(self.account, name, **props), "MinCount": 1,
                  "MaxCount": 1, "KeyName": f"{name}-launch"}
        if user_data is not None:
            params["UserData"] = user_data.decode()
        self.id = self.account.ec2.run_instances(**params)["Instances"][0]["InstanceId"]
        self.first_console = console_text(self.account.ec2, self.id)
        self.ec2 = self.account.ec2

    @property
    def dir(self) -> Path:
        return Path(next(i["dir"] for i in self.lab.state()["instances"] if i["instanceId"] == self.id))

    def authorized_keys(self, user: str = "ec2-user") -> str:
        return (self.dir / "home" / user / ".ssh" / "authorized_keys").read_text()

    def set_user_data(self, data: bytes) -> None:
        """Stop, then ModifyInstanceAttribute ``UserData.Value`` as an SDK sends it."""
        self.ec2.stop_instances(InstanceIds=[self.id])
        self.ec2.modify_instance_attribute(InstanceId=self.id, UserData={"Value": data})

    def start(self) -> str:
        """StartInstances; the console of the boot it made."""
        self.ec2.start_instances(InstanceIds=[self.id])
        return boots(console_text(self.ec2, self.id))[-1]

    def login(self, key: Path, user: str = "ec2-user", *command: str):
        ip = self.ec2.describe_instances(InstanceIds=[self.id])["Reservations"][0]["Instances"][0]["PublicIpAddress"]
        known = pin_known_hosts(self.tmp / f"known-{self.id}-{ip}", ip, self.first_console)
        return ssh(self.lab, key, user, ip, known, *command)


def user_data_attribute(ec2, instance_id: str) -> str | None:
    return ec2.describe_instance_attribute(InstanceId=instance_id, Attribute="userData")["UserData"].get("Value")


def test_modify_user_data_as_sdks_send_it_and_describe_returns_base64(lab, tmp_path):
    """``UserData.Value`` (base64-encoded once by botocore) and ``Attribute=userData&Value=<base64>``
    both store the bytes; DescribeInstanceAttribute returns them base64-encoded.  A running instance's
    user data cannot be changed (IncorrectInstanceState)."""
    inst = Instance(lab, tmp_path, "ud-forms")
    data = multipart(add_key_config("ssh-ed25519 AAAA x", ["[users-groups, always]"]))
    with pytest.raises(ClientError) as error:
        inst.ec2.modify_instance_attribute(InstanceId=inst.id, UserData={"Value": data})
    assert error.value.response["Error"]["Code"] == "IncorrectInstanceState"
    inst.set_user_data(data)
    assert user_data_attribute(inst.ec2, inst.id) == base64.b64encode(data).decode()
    other = b"#cloud-config\n# other\n"
    inst.ec2.modify_instance_attribute(InstanceId=inst.id, Attribute="userData",
                                       Value=base64.b64encode(other).decode())
    assert user_data_attribute(inst.ec2, inst.id) == base64.b64encode(other).decode()


def test_always_adds_the_key_keeps_the_old_one_and_prints_the_table(lab, tmp_path):
    """The repair: stop, user data with ``[users-groups, always]`` and
    ``[ssh_authkey_fingerprints, always]`` adding a key, start.  Both the new and the launch key log
    in through the real sshd; modes 700/600 and owner ec2-user; a key with the launch key's blob
    replaces its entry (ssh_util semantics) rather than duplicating it.  The new boot's console has the
    table with both keys; final-message is not in the replaced list, so no banner on that boot."""
    inst = Instance(lab, tmp_path, "ud-always")
    new = keygen(tmp_path, "ud-new")
    launch_blob = inst.key.with_suffix(".pub").read_text().split()[:2]
    config = add_key_config(new.with_suffix(".pub").read_text(),
                            ["[users-groups, always]", "[ssh_authkey_fingerprints, always]"])
    config += f"\n    - {' '.join(launch_blob)} renamed-launch-key"
    inst.set_user_data(multipart(config))
    boot = inst.start()

    assert inst.login(new).returncode == 0
    assert inst.login(inst.key).returncode == 0
    modes = inst.login(new, "ec2-user", "stat -c '%a %U' .ssh .ssh/authorized_keys")
    assert modes.stdout.split("\n")[:2] == ["700 ec2-user", "600 ec2-user"]
    lines = inst.authorized_keys().splitlines()
    assert [line.split()[-1] for line in lines] == ["renamed-launch-key", "ud-new"]

    rows = authkeys_table(boot)["ec2-user"]
    assert [r["fingerprint"] for r in rows] == [
        cloud_init_hex(ssh_keygen_fingerprint(p.with_suffix(".pub"))) for p in (inst.key, new)]
    assert "finished at" not in boot and "BEGIN SSH HOST KEY" not in boot


def test_once_runs_a_single_time(lab, tmp_path):
    """``[users-groups, once]`` (the knowledge-center text) runs on the next boot; the same list with
    another key on a later boot does nothing: the ``once`` semaphore is set for good."""
    inst = Instance(lab, tmp_path, "ud-once")
    first, second = keygen(tmp_path, "ud-once-1"), keygen(tmp_path, "ud-once-2")
    inst.set_user_data(multipart(add_key_config(first.with_suffix(".pub").read_text(), ["[users-groups, once]"])))
    inst.start()
    assert inst.login(first).returncode == 0
    inst.set_user_data(multipart(add_key_config(second.with_suffix(".pub").read_text(), ["[users-groups, once]"])))
    inst.start()
    assert inst.login(second).returncode == 255
    assert inst.login(first).returncode == 0 and inst.login(inst.key).returncode == 0


def test_per_instance_modules_do_not_run_again_on_restart(lab, tmp_path):
    """Without a frequency, users-groups is once-per-instance and already ran at launch: a
    ``users:`` entry (bare ``#cloud-config``, image's module lists) changes nothing after a stop and
    start of the same instance, and the table (also per-instance) is not printed again."""
    inst = Instance(lab, tmp_path, "ud-perinst")
    extra = keygen(tmp_path, "ud-perinst-x")
    before = inst.authorized_keys()
    inst.set_user_data(add_key_config(extra.with_suffix(".pub").read_text(), None,
                                      spelling="ssh_authorized_keys").encode() + b"\n")
    boot = inst.start()
    assert inst.authorized_keys() == before
    assert inst.login(extra).returncode == 255 and inst.login(inst.key).returncode == 0
    assert "ci-info" not in boot and "finished at" in boot


def test_user_data_at_launch_creates_a_user_with_its_keys(lab, tmp_path):
    """At first boot users-groups runs once for the instance: a cloud-config user that the image
    lacks is created, with its key; the table lists every user (default and cloud-config)."""
    key = keygen(tmp_path, "ud-alice")
    config = ("#cloud-config\nusers:\n  - default\n  - name: alice\n    ssh_authorized_keys:\n"
              f"    - {key.with_suffix('.pub').read_text().strip()}\n")
    inst = Instance(lab, tmp_path, "ud-launch", user_data=config.encode())
    assert inst.login(key, "alice", "id", "-un").stdout.strip() == "alice"
    assert inst.login(inst.key).returncode == 0
    assert sorted(authkeys_table(inst.first_console)) == ["alice", "ec2-user"]


def test_restoring_the_original_user_data_changes_nothing(lab, tmp_path):
    """After the repair, the original user data restored byte for byte: DescribeInstanceAttribute
    returns the original; the next start changes no key and prints no table."""
    original = b"#!/bin/bash\necho original user data\n"
    inst = Instance(lab, tmp_path, "ud-restore", user_data=original)
    assert user_data_attribute(inst.ec2, inst.id) == base64.b64encode(original).decode()
    new = keygen(tmp_path, "ud-restore-new")
    inst.set_user_data(multipart(add_key_config(new.with_suffix(".pub").read_text(), ["[users-groups, always]"])))
    inst.start()
    repaired = inst.authorized_keys()
    inst.ec2.stop_instances(InstanceIds=[inst.id])
    inst.ec2.modify_instance_attribute(InstanceId=inst.id, Attribute="userData",
                                       Value=base64.b64encode(original).decode())
    assert user_data_attribute(inst.ec2, inst.id) == base64.b64encode(original).decode()
    boot = inst.start()
    assert inst.authorized_keys() == repaired
    assert "ci-info" not in boot
    assert inst.login(new).returncode == 0 and inst.login(inst.key).returncode == 0


def test_shell_script_parts_are_kept_but_not_run(lab, tmp_path):
    """``[scripts-user, always]`` with a ``#!/bin/bash`` part: the lab writes the script where
    cloud-init does (``/var/lib/cloud/instances/<id>/scripts/``) but does not run it, because an
    instance shares the host's file system outside /home, /root and /etc/ssh (README)."""
    inst = Instance(lab, tmp_path, "ud-script")
    script = "#!/bin/bash\ntouch /root/ran-by-user-data\n"
    inst.set_user_data(multipart("#cloud-config\ncloud_final_modules:\n- [scripts-user, always]", script))
    inst.start()
    stored = inst.dir / "var" / "lib" / "cloud" / "instances" / inst.id / "scripts" / "userdata.txt"
    assert stored.read_text().strip() == script.strip()
    assert not (inst.dir / "root" / "ran-by-user-data").exists()
    assert inst.login(inst.key).returncode == 0


def test_gzip_user_data_is_stored_as_bytes_and_applied(lab, tmp_path):
    """Binary user data (gzip, which cloud-init decompresses: "user data ... can be gzip-compressed",
    cloud-init docs "User data formats") goes through ``UserData.Value`` byte for byte and is applied."""
    import gzip

    inst = Instance(lab, tmp_path, "ud-gzip")
    new = keygen(tmp_path, "ud-gzip-new")
    data = gzip.compress(add_key_config(new.with_suffix(".pub").read_text(), ["[users-groups, always]"]).encode())
    inst.set_user_data(data)
    assert base64.b64decode(user_data_attribute(inst.ec2, inst.id)) == data
    inst.start()
    assert inst.login(new).returncode == 0 and inst.login(inst.key).returncode == 0


def test_cloud_init_modules_list_creates_a_new_user_on_restart(lab, tmp_path):
    """``cloud_init_modules: [[users-groups, always]]`` (the init stage's list, replaced) creates a user
    the instance lacks on the next boot, with its key (``ssh_authorized_keys``); the other users stay."""
    inst = Instance(lab, tmp_path, "ud-initmods")
    key = keygen(tmp_path, "ud-bob")
    config = ("#cloud-config\ncloud_init_modules:\n- [users-groups, always]\nusers:\n  - name: bob\n"
              f"    ssh_authorized_keys:\n    - {key.with_suffix('.pub').read_text().strip()}\n")
    inst.set_user_data(config.encode())
    inst.start()
    assert inst.login(key, "bob", "id", "-un").stdout.strip() == "bob"
    assert inst.login(inst.key).returncode == 0
    assert inst.login(key).returncode == 255  # bob's key is bob's only
